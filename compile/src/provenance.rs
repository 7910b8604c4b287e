//! Provenance of the strings an editor writes in entity and source records:
//! every entity name, alias and role, and every source's outlet and headline,
//! must be printed in an article the record cites, or (names and roles only)
//! carry the article words that support it.
//!
//! Quotes, variants and figure phrasings are checked byte for byte where they
//! are compiled. Names, aliases and roles are short phrases that an article
//! prints at the start of a sentence ("The SpaceX CEO") as well as inside one,
//! so they are matched ignoring ASCII case and as whole words. A name or role
//! in our own words is written `{ text, source, support }`: `support` is the
//! article's own words, byte for byte, and must name the entity. Together
//! these form the reviewed allow-list that `corpus/README.md` describes.

use crate::{err, CompileError, SrcEntity, SrcSource};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;

/// An entity's name or one of its roles, as written in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Phrase {
    /// A phrase an article the entity cites prints.
    Printed(String),
    /// A phrase in our own words, with the article words that support it.
    Supported(Supported),
}

/// The `{ text, source, support }` form of a [`Phrase`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Supported {
    pub(crate) text: String,
    pub(crate) source: String,
    pub(crate) support: String,
}

impl Phrase {
    /// The phrase itself, whichever form it is written in.
    pub(crate) fn text(&self) -> &str {
        match self {
            Phrase::Printed(s) => s,
            Phrase::Supported(s) => &s.text,
        }
    }
}

impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Phrase, D::Error> {
        struct PhraseVisitor;
        impl<'de> Visitor<'de> for PhraseVisitor {
            type Value = Phrase;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, or a table `{ text, source, support }`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Phrase, E> {
                Ok(Phrase::Printed(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Phrase, A::Error> {
                // The table's own errors (unknown or missing field) come through as they are.
                Supported::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Phrase::Supported)
            }
        }
        d.deserialize_any(PhraseVisitor)
    }
}

/// An entity name or role in our own words with the article words that
/// support it: one entry of the corpus's reviewed allow-list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Support {
    /// The entity's id.
    pub entity: String,
    /// `name`, or `roles` for one of its roles.
    pub field: &'static str,
    /// The name or role.
    pub text: String,
    /// The article the support is taken from (a source id).
    pub source: String,
    /// The article's words, byte for byte.
    pub support: String,
}

/// Every supported entity name and role of a corpus source, in file order:
/// what a reviewer reads, and what `tests/corpus_facts.rs` checks against
/// the articles.
pub fn supports(source: &str) -> Result<Vec<Support>, CompileError> {
    let file = crate::parse(source)?;
    let mut out = Vec::new();
    for e in &file.entity {
        let phrases =
            std::iter::once(("name", &e.name)).chain(e.roles.iter().map(|r| ("roles", r)));
        for (field, phrase) in phrases {
            if let Phrase::Supported(s) = phrase {
                out.push(Support {
                    entity: e.id.clone(),
                    field,
                    text: s.text.clone(),
                    source: s.source.clone(),
                    support: s.support.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// Where `needle` occurs in `haystack` ignoring ASCII case, as whole words: a
/// needle that begins (ends) with a letter or digit must not be preceded
/// (followed) by one.
pub(crate) fn printed(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let hay = haystack.to_ascii_lowercase();
    let pat = needle.to_ascii_lowercase();
    let word_start = pat.chars().next().is_some_and(char::is_alphanumeric);
    let word_end = pat.chars().next_back().is_some_and(char::is_alphanumeric);
    hay.match_indices(&pat).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + pat.len()..].chars().next();
        let glued_before = word_start && before.is_some_and(char::is_alphanumeric);
        let glued_after = word_end && after.is_some_and(char::is_alphanumeric);
        !(glued_before || glued_after)
    })
}

/// Checks an entity's name, aliases and roles. The allow-list's own rules
/// (the support cites one of the entity's sources and names the entity) are
/// always checked; the article text only when `articles` is given.
pub(crate) fn check_entity(
    e: &SrcEntity,
    articles: Option<&HashMap<String, String>>,
) -> Result<(), CompileError> {
    let unnamed = matches!(e.name, Phrase::Supported(_));
    let mut names: Vec<&str> = vec![e.name.text()];
    names.extend(e.aliases.iter().map(String::as_str));
    let fields = std::iter::once(("name".to_string(), &e.name)).chain(
        e.roles
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("roles[{i}]"), r)),
    );
    for (field, phrase) in fields {
        match phrase {
            Phrase::Printed(text) => printed_in_cited(e, articles, &field, text)?,
            Phrase::Supported(s) => {
                if !e.sources.contains(&s.source) {
                    return err(
                        &e.id,
                        &field,
                        format!(
                            "support cites `{}`, which is not one of the entity's sources",
                            s.source
                        ),
                    );
                }
                if !unnamed && !names.iter().any(|n| printed(&s.support, n)) {
                    return err(
                        &e.id,
                        &field,
                        format!(
                            "support `{}` does not name the entity (its name or an alias)",
                            s.support
                        ),
                    );
                }
                if let Some(body) = articles.and_then(|a| a.get(&s.source)) {
                    if !body.contains(s.support.as_str()) {
                        return err(
                            &e.id,
                            &field,
                            format!(
                                "support `{}` is not printed byte-for-byte in article {}",
                                s.support, s.source
                            ),
                        );
                    }
                }
            }
        }
    }
    for (i, alias) in e.aliases.iter().enumerate() {
        printed_in_cited(e, articles, &format!("aliases[{i}]"), alias)?;
    }
    Ok(())
}

/// `text` must be printed in at least one article `e` cites. Undecidable (and
/// passed) when a cited article is not at hand.
fn printed_in_cited(
    e: &SrcEntity,
    articles: Option<&HashMap<String, String>>,
    field: &str,
    text: &str,
) -> Result<(), CompileError> {
    let Some(articles) = articles else {
        return Ok(());
    };
    let mut all_at_hand = true;
    for s in &e.sources {
        match articles.get(s) {
            Some(body) if printed(body, text) => return Ok(()),
            Some(_) => {}
            None => all_at_hand = false,
        }
    }
    if !all_at_hand {
        return Ok(());
    }
    err(
        &e.id,
        field,
        format!(
            "`{text}` is not printed in any article the entity cites ({}); use an article's \
             words, or write `{{ text, source, support }}` with the article words that support it",
            e.sources.join(", ")
        ),
    )
}

/// A source's outlet must be printed in its article (as a name, ignoring
/// case) and its headline byte for byte.
pub(crate) fn check_source(
    s: &SrcSource,
    articles: Option<&HashMap<String, String>>,
) -> Result<(), CompileError> {
    let Some(body) = articles.and_then(|a| a.get(&s.id)) else {
        return Ok(());
    };
    if !s.outlet.is_empty() && !printed(body, &s.outlet) {
        return err(
            &s.id,
            "outlet",
            format!("`{}` is not printed in the article", s.outlet),
        );
    }
    if !s.headline.is_empty() && !body.contains(s.headline.as_str()) {
        return err(
            &s.id,
            "headline",
            format!(
                "`{}` is not printed byte-for-byte in the article",
                s.headline
            ),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::printed;
    use crate::compile;
    use std::collections::HashMap;

    const BASE: &str = r#"
[[source]]
id = "a1"
outlet = "Daily Paper"
[[entity]]
id = "ann"
name = "Ann Smith"
kind = "person"
roles = ["chief baker"]
aliases = ["the baker"]
sources = ["a1"]
"#;
    const ARTICLE: &str = "From the Daily Paper. Ann Smith, chief baker, spoke. The baker \
                           said her shop opened in 2001.";

    fn articles(body: &str) -> HashMap<String, String> {
        HashMap::from([("a1".to_string(), body.to_string())])
    }

    fn error_of(src: &str, body: &str) -> (String, String, String) {
        let e = compile(src, Some(&articles(body))).unwrap_err();
        (e.record, e.field, e.message)
    }

    #[test]
    fn whole_words_ignoring_ascii_case() {
        assert!(printed("The SpaceX CEO said", "the SpaceX CEO"));
        assert!(printed("Musk’s post", "Musk"));
        assert!(printed("put 🇺🇸 first", "🇺🇸"));
        assert!(printed("in the U.S.", "U.S."));
        assert!(!printed("Muskrat", "Musk"));
        assert!(!printed("focus", "US"));
        assert!(!printed("anything", ""));
    }

    #[test]
    fn printed_names_aliases_and_roles_pass() {
        assert!(compile(BASE, Some(&articles(ARTICLE))).is_ok());
        // Without the articles only the structural rules apply.
        assert!(compile(&BASE.replace("chief baker", "mayor"), None).is_ok());
    }

    #[test]
    fn unprinted_strings_are_named() {
        let (r, f, m) = error_of(&BASE.replace("chief baker", "head baker"), ARTICLE);
        assert_eq!((r.as_str(), f.as_str()), ("ann", "roles[0]"));
        assert!(
            m.contains("`head baker` is not printed in any article"),
            "{m}"
        );
        let (_, f, _) = error_of(&BASE.replace("the baker", "the cook"), ARTICLE);
        assert_eq!(f, "aliases[0]");
        let (_, f, _) = error_of(&BASE.replace("Ann Smith", "Anne Smith"), ARTICLE);
        assert_eq!(f, "name");
        let (r, f, _) = error_of(&BASE.replace("Daily Paper", "Weekly Paper"), ARTICLE);
        assert_eq!((r.as_str(), f.as_str()), ("a1", "outlet"));
    }

    #[test]
    fn supported_roles_need_the_articles_words_naming_the_entity() {
        let good = r#"{ text = "shop owner since 2001", source = "a1", support = "The baker said her shop opened in 2001" }"#;
        let src = BASE.replace(r#""chief baker""#, good);
        assert!(compile(&src, Some(&articles(ARTICLE))).is_ok());
        // The support must be the article's words, byte for byte.
        let (_, f, m) = error_of(&src.replace("opened in", "opened  in"), ARTICLE);
        assert_eq!(f, "roles[0]");
        assert!(m.contains("byte-for-byte in article a1"), "{m}");
        // It must name the entity, and cite one of the entity's sources.
        let (_, _, m) = error_of(&src.replace("The baker said her", "Her"), ARTICLE);
        assert!(m.contains("does not name the entity"), "{m}");
        let e = compile(
            &src.replace(r#"source = "a1", support"#, r#"source = "a2", support"#),
            None,
        )
        .unwrap_err();
        assert!(e.message.contains("not one of the entity's sources"), "{e}");
        // A misspelt field of the table is refused by the TOML reader.
        let e = compile(&src.replace("support =", "suport ="), None).unwrap_err();
        assert!(e.message.contains("suport"), "{e}");
    }

    #[test]
    fn an_unnamed_entity_has_a_supported_name() {
        let src = BASE
            .replace(
                r#"name = "Ann Smith""#,
                r#"name = { text = "Unnamed speaker", source = "a1", support = "spoke" }"#,
            )
            .replace(r#"aliases = ["the baker"]"#, "aliases = []");
        assert!(compile(&src, Some(&articles(ARTICLE))).is_ok());
    }
}
