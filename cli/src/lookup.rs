//! Finding what the user named: text arguments, record ids, entities and
//! date ranges, each with one rule and one message wherever it is used.
//!
//! Entities (`feud who`, `search --entity`) are found the way search finds
//! them: an entity key, else an exact name or alias compared folded (case,
//! typography, spacing ignored), else the one entity whose name or an alias
//! contains every word (`nadella`, `masayoshi`), all through the library's
//! public API. When nothing matches, the nearest names and aliases by edit
//! distance are suggested; when several entities match, they are listed.

use crate::failure::Failure;
use feudfacts::{fold, Corpus, Date, Error, Filter, Hit, Kind, KindSet, Query, RecordRef};
use std::ffi::OsStr;

/// An argument as UTF-8, or the library's [`Error::InvalidUtf8`] naming it.
pub fn text<'s>(what: &str, arg: &'s OsStr) -> Result<&'s str, Failure> {
    std::str::from_utf8(arg.as_encoded_bytes()).map_err(|e| {
        let err = Error::InvalidUtf8 {
            valid_up_to: e.valid_up_to(),
        };
        Failure::Input(format!("{what}: {err}"))
    })
}

/// The library's query error as a message (naming the argument for
/// non-UTF-8 input, whose message alone would not say which).
pub fn query_error(err: Error) -> Failure {
    match err {
        Error::InvalidUtf8 { .. } => Failure::Input(format!("QUERY: {err}")),
        _ => Failure::Input(err.to_string()),
    }
}

/// "a" or "an" before a kind's name.
pub fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::Entity | Kind::Event => "an",
        _ => "a",
    }
}

/// The record of `kind` whose key is `id` (a source also by its seed file
/// name), or whose index is `id`.
pub fn record(corpus: &Corpus<'_>, kind: Kind, id: &str) -> Result<RecordRef, Failure> {
    let id = match kind {
        Kind::Source => id.strip_suffix(".txt").unwrap_or(id),
        _ => id,
    };
    if let Some(r) = corpus.find_key(id) {
        if r.kind == kind {
            return Ok(r);
        }
        return Err(Failure::Input(format!(
            "`{id}` is {} {}, not {} {}",
            article(r.kind),
            r.kind.name(),
            article(kind),
            kind.name()
        )));
    }
    if let Ok(i) = id.parse::<u32>() {
        if (i as usize) < corpus.count(kind) {
            return Ok(RecordRef::new(kind, i));
        }
        return Err(Failure::Input(format!(
            "no {} with index {i} (there are {}, from 0)",
            kind.name(),
            corpus.count(kind)
        )));
    }
    Err(Failure::Input(format!("no {} with id `{id}`", kind.name())))
}

/// The entity `name` means (see the module docs).
pub fn entity(corpus: &Corpus<'_>, name: &str) -> Result<u32, Failure> {
    if let Some(r) = corpus.find_key(name).filter(|r| r.kind == Kind::Entity) {
        return Ok(r.index);
    }
    if let Some(e) = corpus.entity_by_name(name) {
        return Ok(e);
    }
    let query = Query::parse(name).map_err(|e| match e {
        Error::EmptyQuery => Failure::Input("the name is empty".into()),
        e => Failure::Input(format!("name: {e}")),
    })?;
    // Strict: a name is looked up literally, so near spellings and
    // synonyms do not make it ambiguous (suggestions come below).
    let filter = Filter {
        mode: feudfacts::Mode::Strict,
        kinds: KindSet::only(Kind::Entity),
        ..Filter::NONE
    };
    // Never more hits than there are entities.
    let mut hits = vec![Hit::EMPTY; corpus.count(Kind::Entity)];
    let found = corpus
        .search(&query, &filter, &mut hits)
        .map_err(|e| Failure::Input(format!("name: {e}")))?;
    // Names and aliases only: roles and notes mention other entities.
    let named: Vec<Hit> = hits
        .get(..found.returned)
        .unwrap_or_default()
        .iter()
        .filter(|h| h.primary)
        .copied()
        .collect();
    match named.as_slice() {
        [one] => Ok(one.record.index),
        [] => Err(Failure::Input(not_found(corpus, name))),
        many => {
            let names: Vec<String> = many
                .iter()
                .take(6)
                .filter_map(|h| corpus.entity(h.record.index))
                .map(|e| format!("{} ({})", e.name, e.key))
                .collect();
            let more = match many.len() {
                n if n > names.len() => format!(" and {} more", n - names.len()),
                _ => String::new(),
            };
            Err(Failure::Input(format!(
                "`{name}` matches {} entities: {}{more}; give more of the name or the key",
                many.len(),
                names.join(", ")
            )))
        }
    }
}

/// `s` folded as search folds it.
fn folded(s: &str) -> String {
    let mut buf = vec![0u8; s.len()];
    let n = fold::fold_into(s, &mut buf).unwrap_or(0);
    buf.truncate(n);
    String::from_utf8(buf).unwrap_or_default()
}

/// "no entity named …", with the nearest names and aliases when some are
/// close: within one edit for short words, two for longer, three beyond
/// eight letters, of the whole name or of any one of its words (none for
/// under three characters, which are near everything).
fn not_found(corpus: &Corpus<'_>, name: &str) -> String {
    let q = folded(name);
    if q.chars().count() < 3 {
        return format!("no entity named `{name}`");
    }
    let limit = match q.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let mut near: Vec<(usize, u32, String)> = Vec::new();
    for (r, _) in corpus.records(Kind::Entity) {
        let Some(e) = corpus.entity(r.index) else {
            continue;
        };
        let names = std::iter::once(e.name).chain(e.aliases.iter());
        let best = names
            .map(|n| {
                let f = folded(n.as_str());
                let whole = strsim::damerau_levenshtein(&q, &f);
                let word = f
                    .split(' ')
                    .map(|w| strsim::damerau_levenshtein(&q, w))
                    .min()
                    .unwrap_or(usize::MAX);
                (whole.min(word), n.as_str())
            })
            .min_by_key(|&(d, _)| d);
        if let Some((d, n)) = best.filter(|&(d, _)| d <= limit) {
            let shown = if n == e.name.as_str() {
                n.to_string()
            } else {
                format!("{n} ({})", e.name)
            };
            near.push((d, r.index, shown));
        }
    }
    near.sort();
    let near: Vec<String> = near.into_iter().take(3).map(|(_, _, n)| n).collect();
    match near.as_slice() {
        [] => format!("no entity named `{name}`"),
        [one] => format!("no entity named `{name}`; did you mean {one}?"),
        [init @ .., last] => format!(
            "no entity named `{name}`; did you mean {} or {last}?",
            init.join(", ")
        ),
    }
}

/// `--from` and `--to`, refused when the range is reversed (no day can be
/// in it): the same rule as the library's C and Python bindings.
pub fn date_range(from: Option<Date>, to: Option<Date>) -> Result<(), Failure> {
    match (from, to) {
        (Some(f), Some(t)) if f.first_day() > t.last_day() => Err(Failure::Input(format!(
            "reversed date range: --from {f} is after --to {t}"
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_of(c: &Corpus<'_>, e: u32) -> &'static str {
        let name = c.entity(e).unwrap().name.as_str();
        Box::leak(name.to_string().into_boxed_str())
    }

    fn err(r: Result<u32, Failure>) -> String {
        match r {
            Err(Failure::Input(m)) => m,
            other => panic!("not an input failure: {other:?}"),
        }
    }

    #[test]
    fn entities_are_found_as_search_finds_them() {
        let c = Corpus::embedded();
        for (asked, want) in [
            ("@sama", "Sam Altman"),
            ("@SAMA", "Sam Altman"),
            ("little finger", "Sam Altman"),
            ("sam-altman", "Sam Altman"),
            ("nadella", "Satya Nadella"),
            ("NADELLA", "Satya Nadella"),
            ("satya", "Satya Nadella"),
            ("masayoshi", "Masayoshi Son"),
            ("musk", "Elon Musk"),
            ("Elon  Musk", "Elon Musk"),
            ("OpenAI’s board", "OpenAI board of directors"),
            ("OpenAI's board", "OpenAI board of directors"),
            ("openai", "OpenAI"),
            ("ellison", "Larry Ellison"),
        ] {
            let e = entity(&c, asked).unwrap_or_else(|f| panic!("{asked}: {f:?}"));
            assert_eq!(name_of(&c, e), want, "{asked}");
        }
    }

    #[test]
    fn near_misses_get_suggestions_and_ambiguity_a_list() {
        let c = Corpus::embedded();
        let m = err(entity(&c, "nadela"));
        assert_eq!(m, "no entity named `nadela`; did you mean Satya Nadella?");
        let m = err(entity(&c, "altmann"));
        assert!(m.contains("did you mean Sam Altman"), "{m}");
        let m = err(entity(&c, "littlefingr"));
        assert!(
            m.ends_with("did you mean Little Finger (Sam Altman)?"),
            "{m}"
        );
        let m = err(entity(&c, "zzyzx"));
        assert_eq!(m, "no entity named `zzyzx`");
        let m = err(entity(&c, "finger"));
        assert!(
            m.starts_with("`finger` matches 2 entities: ")
                && m.contains("Lutz Finger (lutz-finger)")
                && m.contains("Sam Altman (sam-altman)"),
            "{m}"
        );
        assert_eq!(err(entity(&c, "  ")), "the name is empty");
    }

    #[test]
    fn ids_and_articles() {
        let c = Corpus::embedded();
        let m = |r: Result<RecordRef, Failure>| match r {
            Err(Failure::Input(m)) => m,
            other => panic!("{other:?}"),
        };
        let ev = c.records(Kind::Event).next().unwrap().1.key();
        assert_eq!(
            m(record(&c, Kind::Quote, ev.as_str())),
            format!("`{ev}` is an event, not a quote")
        );
        assert_eq!(
            m(record(&c, Kind::Event, "sam-altman")),
            "`sam-altman` is an entity, not an event"
        );
        assert!(m(record(&c, Kind::Quote, "99999")).starts_with("no quote with index 99999"));
        let src = record(&c, Kind::Source, "003_e1ebc3a689099601.txt").unwrap();
        assert_eq!(src, RecordRef::new(Kind::Source, 3));
    }

    #[test]
    fn reversed_ranges_are_refused_and_others_kept() {
        let d = |s| Date::parse(s).unwrap();
        let e = date_range(Some(d("2025-01-23")), Some(d("2025-01-21"))).unwrap_err();
        assert!(matches!(e, Failure::Input(ref m)
            if m == "reversed date range: --from 2025-01-23 is after --to 2025-01-21"));
        assert!(date_range(Some(d("2025-01")), Some(d("2025-01-01"))).is_ok());
        assert!(date_range(Some(d("2025-01-21")), Some(d("2025-01"))).is_ok());
        assert!(date_range(Some(d("2025")), None).is_ok());
    }
}
