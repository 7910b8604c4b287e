//! Query parsing plus search with random filters over the embedded corpus.
//!
//! Any byte string is a query (invalid UTF-8 must be refused, never a panic);
//! filters, dates, entity ids and the hit buffer size are arbitrary. Ranked
//! search and the unranked cursor must agree, and every hit must be well
//! formed and pass its filter (see `tests/exercise/mod.rs`).
#![no_main]

use feudfacts::{Corpus, Date, Filter, KindSet, Mode, Query, MAX_QUERY_LEN, MAX_TERMS};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/exercise/mod.rs"]
mod exercise;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    kinds: u8,
    entity: Option<u32>,
    entity_in_range: bool,
    from: Option<(u16, u8, u8)>,
    to: Option<(u16, u8, u8)>,
    buf_len: u8,
    strict: bool,
    query: &'a [u8],
}

fuzz_target!(|input: Input<'_>| {
    let corpus = Corpus::embedded();
    let n_ent = corpus.count(feudfacts::Kind::Entity) as u32;
    let date = |d: Option<(u16, u8, u8)>| d.and_then(|(y, m, dd)| Date::new(y, m, dd));
    let filter = Filter {
        kinds: KindSet::from_bits(input.kinds),
        entity: input.entity.map(|e| {
            if input.entity_in_range {
                e % n_ent.max(1)
            } else {
                e
            }
        }),
        from: date(input.from),
        to: date(input.to),
        mode: if input.strict { Mode::Strict } else { Mode::Best },
    };
    match Query::parse_bytes(input.query) {
        Ok(q) => {
            assert!(input.query.len() <= MAX_QUERY_LEN);
            let terms = q.terms().count();
            assert!((1..=MAX_TERMS).contains(&terms));
            for (t, _) in q.terms() {
                assert!(!t.is_empty());
            }
            exercise::check_search(&corpus, &q, &filter, input.buf_len as usize % 40);
        }
        Err(e) => assert!(!e.message().is_empty()),
    }
    if let Ok(s) = core::str::from_utf8(input.query) {
        // The str entry point agrees with the bytes one.
        let a =
            Query::parse(s).map(|q| q.terms().map(|(t, k)| (t.to_vec(), k)).collect::<Vec<_>>());
        let b = Query::parse_bytes(input.query)
            .map(|q| q.terms().map(|(t, k)| (t.to_vec(), k)).collect::<Vec<_>>());
        assert_eq!(a, b);
        let _ = corpus.entity_by_name(s);
        let _ = corpus.find_key(s);
        let _ = Date::parse(s);
    }
});
