//! The naive scan a user would write without this library: decode every
//! record, lowercase each searchable field with `to_lowercase()`, and look
//! for each term with `contains`-style matching.
//!
//! To return the same records as feudfacts it is a *careful* naive scan: it
//! also turns the typographic apostrophes `’ ‘` into `'` (otherwise `don't`
//! would miss `don’t`), and it checks word boundaries around a match (plain
//! `contains("musk")` would also find "musky"); a `*` term checks only the
//! left boundary. Every query allocates: one lowercased `String` per field.

use feudfacts::records::for_each_field;
use feudfacts::{Corpus, Kind, Record, RecordRef};

/// How a naive term matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Word,
    Prefix,
}

/// A query split into lowercased terms; phrases are terms with spaces.
pub struct NaiveQuery {
    terms: Vec<(String, Mode)>,
}

impl NaiveQuery {
    /// Splits `q` like feudfacts does: words, `"phrases"` and `prefix*`.
    pub fn parse(q: &str) -> NaiveQuery {
        let mut terms = Vec::new();
        let mut rest = q.trim();
        while !rest.is_empty() {
            if let Some(inner) = rest.strip_prefix('"') {
                if let Some(close) = inner.find('"') {
                    terms.push((normalise(&inner[..close]), Mode::Word));
                    rest = inner[close + 1..].trim_start();
                    continue;
                }
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let w = &rest[..end];
            match w.strip_suffix('*') {
                Some(p) if !p.is_empty() => terms.push((normalise(p), Mode::Prefix)),
                _ => terms.push((normalise(w), Mode::Word)),
            }
            rest = rest[end..].trim_start();
        }
        NaiveQuery { terms }
    }
}

fn normalise(s: &str) -> String {
    s.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'")
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Whether `hay` holds `term` as a whole word (or as a word start).
fn holds(hay: &str, term: &str, mode: Mode) -> bool {
    let mut from = 0;
    while let Some(p) = hay[from..].find(term) {
        let at = from + p;
        let end = at + term.len();
        let before =
            !term.starts_with(char::is_alphanumeric) || !is_word(hay[..at].chars().next_back());
        let after = mode == Mode::Prefix
            || !term.ends_with(char::is_alphanumeric)
            || !is_word(hay[end..].chars().next());
        if before && after {
            return true;
        }
        from = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Every record matching `q`, in corpus order.
pub fn search(corpus: &Corpus<'_>, q: &NaiveQuery) -> Vec<RecordRef> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        for (r, rec) in corpus.records(kind) {
            let speaker = match &rec {
                Record::Quote(q) => corpus.entity(q.speaker).map(|e| e.name.as_str()),
                _ => None,
            };
            let mut fields: Vec<String> = Vec::new();
            for_each_field(&rec, speaker.unwrap_or(""), |f, _, s| {
                if !f.is_extra() {
                    fields.push(normalise(s));
                }
            });
            let all = q
                .terms
                .iter()
                .all(|(t, m)| fields.iter().any(|f| holds(f, t, *m)));
            if all {
                out.push(r);
            }
        }
    }
    out
}
