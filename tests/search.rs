//! Search semantics, checked against a naive reference implementation:
//! fold every field of every record, look for every term at every position
//! with the same word-boundary rules, and compare record sets, matched-field
//! counts and highlight ranges with the memchr-driven search.
//!
//! The embedded blob carries the word index, so its searches take the
//! index path; every check also runs on the same corpus compiled without
//! the index (the scan path) and requires identical hits, ranked and not.
//! Smaller naive references sit beside the code they check, as unit tests
//! in `src/search/` (query splitting, the term finder, `segment_of`, the
//! index driver, the segment-table reads).

use feudfacts::records::for_each_field;
use feudfacts::{
    fold, Corpus, Date, Error, Field, Filter, Hit, Kind, KindSet, Query, Record, RecordRef,
    TermKind, MAX_QUERY_LEN, MAX_TERMS,
};

/// Strict matching (every term, literally): the semantics these tests pin.
const STRICT: Filter = Filter {
    mode: feudfacts::Mode::Strict,
    ..Filter::NONE
};

fn corpus() -> Corpus<'static> {
    Corpus::embedded()
}

/// The feud corpus compiled without the word index: searches scan.
fn scanned() -> Corpus<'static> {
    static BLOB: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let blob = BLOB.get_or_init(|| {
        let root = env!("CARGO_MANIFEST_DIR");
        let source = std::fs::read_to_string(format!("{root}/corpus/feud.toml")).unwrap();
        let options = feudfacts_compile::Options {
            word_index: false,
            ..Default::default()
        };
        feudfacts_compile::compile_opts(&source, None, options)
            .unwrap()
            .bytes
    });
    let c = Corpus::from_bytes(blob).unwrap();
    assert!(c.word_index().is_none());
    c
}

#[test]
fn the_embedded_blob_has_the_word_index_and_the_other_does_not() {
    let ix = corpus()
        .word_index()
        .expect("the full profile carries the index");
    assert!(ix.len() > 500, "{} words", ix.len());
    assert!(ix.find(b"stargate").is_some());
    assert!(ix.find(b"zzyzx").is_none());
    let (lo, hi) = ix.prefix_range(b"fund");
    assert!(hi > lo && (lo..hi).all(|i| ix.word(i).starts_with(b"fund")));
    assert!(ix.word(lo - 1) < b"fund".as_slice() && !ix.word(hi).starts_with(b"fund"));
    // Within the 25% the benchmark issue allows.
    let with = corpus().stats().blob_bytes;
    let without = scanned().stats().blob_bytes;
    assert_eq!(with - without, ix.size());
    assert!(ix.size() * 4 < without, "{} of {}", ix.size(), without);
}

fn folded(s: &str) -> Vec<u8> {
    let mut v = Vec::new();
    fold::walk(s, |b, _, _| v.push(b));
    v
}

/// Naive: does `needle` occur in `hay` at a position obeying the term rules?
fn naive_find(hay: &[u8], needle: &[u8], kind: TermKind) -> Option<usize> {
    let word = |b: Option<&u8>| b.is_some_and(|&b| fold::is_word_byte(b));
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| {
        hay[i..].starts_with(needle)
            && (!fold::is_word_byte(needle[0]) || i == 0 || !word(hay.get(i - 1)))
            && (kind == TermKind::Prefix
                || !fold::is_word_byte(needle[needle.len() - 1])
                || !word(hay.get(i + needle.len())))
    })
}

struct NaiveHit {
    record: RecordRef,
    matched_fields: u8,
    primary: bool,
    /// (field, item, folded start, folded end) of the highlight.
    highlight: (Field, u8, usize, usize),
}

fn naive_search(c: &Corpus, q: &Query, filter: &Filter) -> Vec<NaiveHit> {
    let terms: Vec<(Vec<u8>, TermKind)> = q.terms().map(|(n, k)| (n.to_vec(), k)).collect();
    let mut out = Vec::new();
    for kind in Kind::ALL {
        for (r, rec) in c.records(kind) {
            let speaker = match &rec {
                Record::Quote(qq) => c.entity(qq.speaker).unwrap().name.as_str(),
                _ => "",
            };
            let mut fields = Vec::new();
            // Strict matching searches the strict fields (not `is_extra`).
            for_each_field(&rec, speaker, |f, item, s| {
                if !f.is_extra() {
                    fields.push((f, item, folded(s)))
                }
            });
            fields.retain(|(_, _, t)| !t.is_empty());
            let all = terms.iter().all(|(n, k)| {
                fields
                    .iter()
                    .any(|(_, _, t)| naive_find(t, n, *k).is_some())
            });
            if !all {
                continue;
            }
            // Filters, restated naively.
            if !filter.kinds.contains(kind) {
                continue;
            }
            if filter.from.is_some() || filter.to.is_some() {
                let Some(d) = rec.dating().map(|d| d.date) else {
                    continue;
                };
                if filter.from.is_some_and(|f| d.last_day() < f.first_day())
                    || filter.to.is_some_and(|t| d.first_day() > t.last_day())
                {
                    continue;
                }
            }
            if let Some(e) = filter.entity {
                if !c.involves(r, e) {
                    continue;
                }
            }
            let mut matched = 0u8;
            let mut primary = false;
            let mut highlight = None;
            for (f, item, t) in &fields {
                let first = terms
                    .iter()
                    .find_map(|(n, k)| naive_find(t, n, *k).map(|p| (p, p + n.len())));
                if let Some((s, e)) = first {
                    matched += 1;
                    if highlight.is_none() || (f.is_primary() && !primary) {
                        highlight = Some((*f, *item, s, e));
                    }
                    primary |= f.is_primary();
                }
            }
            out.push(NaiveHit {
                record: r,
                matched_fields: matched,
                primary,
                highlight: highlight.unwrap(),
            });
        }
    }
    out
}

fn field_text(c: &Corpus<'static>, h: &Hit) -> &'static str {
    c.hit_text(h).unwrap().as_str()
}

/// Runs both implementations and compares everything they report.
fn check(query: &str, filter: &Filter) -> usize {
    let c = corpus();
    let q = match Query::parse(query) {
        Ok(q) => q,
        Err(_) => return 0,
    };
    let filter = &Filter {
        mode: feudfacts::Mode::Strict,
        ..*filter
    };
    let fast: Vec<Hit> = c.matches(&q, filter).unwrap().collect();
    let scan: Vec<Hit> = scanned().matches(&q, filter).unwrap().collect();
    assert_eq!(fast, scan, "index and scan differ for {query:?} {filter:?}");
    // The lean cursor lists exactly the same records, on both paths.
    let records: Vec<RecordRef> = fast.iter().map(|h| h.record).collect();
    let lean: Vec<RecordRef> = c.matching_records(&q, filter).unwrap().collect();
    assert_eq!(lean, records, "matching_records for {query:?} {filter:?}");
    let lean: Vec<RecordRef> = scanned().matching_records(&q, filter).unwrap().collect();
    assert_eq!(
        lean, records,
        "matching_records (scan) for {query:?} {filter:?}"
    );
    let mut top = [Hit::EMPTY; 7];
    let mut top_scan = [Hit::EMPTY; 7];
    let sum = c.search(&q, filter, &mut top).unwrap();
    assert_eq!(sum, scanned().search(&q, filter, &mut top_scan).unwrap());
    assert_eq!(top, top_scan, "ranked hits differ for {query:?} {filter:?}");
    assert_eq!(sum.total, fast.len());
    let naive = naive_search(&c, &q, filter);
    let fr: Vec<RecordRef> = fast.iter().map(|h| h.record).collect();
    let nr: Vec<RecordRef> = naive.iter().map(|h| h.record).collect();
    assert_eq!(
        fr, nr,
        "records differ for query {query:?} filter {filter:?}"
    );
    for (f, n) in fast.iter().zip(&naive) {
        assert_eq!(
            f.matched_fields, n.matched_fields,
            "matched fields for {query:?} {:?}",
            f.record
        );
        assert_eq!(f.primary, n.primary, "primary for {query:?}");
        let (field, item, fs, fe) = n.highlight;
        assert_eq!(
            (f.field, f.item),
            (field, item),
            "highlight field for {query:?}"
        );
        // The highlighted original text folds to exactly the naive match.
        let text = field_text(&c, f);
        let orig = &text[f.start as usize..f.end as usize];
        assert_eq!(
            folded(orig),
            folded(text)[fs..fe].to_vec(),
            "highlight for {query:?}"
        );
    }
    fast.len()
}

/// Deterministic pseudo-random numbers (xorshift), for generated queries.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
}

fn corpus_words() -> Vec<String> {
    let c = corpus();
    let mut words = Vec::new();
    for kind in Kind::ALL {
        for (_, rec) in c.records(kind) {
            for_each_field(&rec, "", |_, _, s| {
                words.extend(s.split_whitespace().map(|w| w.to_string()));
            });
        }
    }
    words
}

#[test]
fn generated_queries_match_the_naive_reference() {
    let words = corpus_words();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut nonempty = 0;
    for i in 0..480 {
        let w = rng.pick(&words).clone();
        let q = match i % 8 {
            // Short prefixes expand to more words than the index merges.
            6 => format!("{}*", w.chars().take(1).collect::<String>()),
            7 => format!(
                "{}* {}",
                w.chars().take(2).collect::<String>(),
                rng.pick(&words)
            ),
            0 => w,
            1 => format!("{} {}", w, rng.pick(&words)),
            2 => format!("{}*", w.chars().take(3).collect::<String>()),
            3 => {
                // A phrase of consecutive words from a field.
                let start = (rng.next() % (words.len() as u64 - 3)) as usize;
                format!("\"{}\"", words[start..start + 2].join(" "))
            }
            4 => w.to_uppercase(),
            _ => format!("{} {} {}", w, rng.pick(&words), rng.pick(&words)),
        };
        if check(&q, &STRICT) > 0 {
            nonempty += 1;
        }
    }
    // The generator must actually exercise matches, not only empty results.
    assert!(nonempty > 200, "only {nonempty} generated queries matched");
}

#[test]
fn generated_filters_match_the_naive_reference() {
    let c = corpus();
    let musk = c.entity_by_name("Elon Musk").unwrap();
    let altman = c.entity_by_name("Sam Altman").unwrap();
    let jan = Date::parse("2025-01").unwrap();
    let d22 = Date::parse("2025-01-22").unwrap();
    let filters = [
        Filter {
            kinds: KindSet::only(Kind::Quote),
            ..STRICT
        },
        Filter {
            kinds: KindSet::only(Kind::Event).with(Kind::Figure),
            ..STRICT
        },
        Filter {
            entity: Some(musk),
            ..STRICT
        },
        Filter {
            entity: Some(altman),
            kinds: KindSet::only(Kind::Quote),
            ..STRICT
        },
        Filter {
            from: Some(d22),
            to: Some(d22),
            ..STRICT
        },
        Filter {
            from: Some(jan),
            ..STRICT
        },
        Filter {
            to: Some(Date::parse("2020").unwrap()),
            ..STRICT
        },
    ];
    for q in [
        "musk", "altman", "stargate", "trump", "openai", "billion", "the", "softbank", "x*",
    ] {
        for f in &filters {
            check(q, f);
        }
    }
}

#[test]
fn folding_makes_typography_and_case_irrelevant() {
    let c = corpus();
    let mut hits = [Hit::EMPTY; 50];
    // `don't` (ASCII apostrophe) finds the printed `don’t`.
    let s = c.search_str("don't", &STRICT, &mut hits).unwrap();
    assert!(s.total >= 1);
    assert!(hits[..s.returned]
        .iter()
        .any(|h| field_text(&c, h)[h.start as usize..h.end as usize] == *"don’t"));
    // Typographic quotes fold to ASCII ones, so `"` finds `“`/`”` and `'`
    // finds `’` (the corpus's indexed text has only the single kind).
    assert_eq!(folded("“a” ‘b’"), b"\"a\" 'b'".to_vec());
    let s = c.search_str("'", &STRICT, &mut hits).unwrap();
    assert!(hits[..s.returned]
        .iter()
        .any(|h| &field_text(&c, h)[h.start as usize..h.end as usize] == "’"));
    // `-` finds en and em dashes (the X user's post has "neutrality – looks").
    assert_eq!(folded("a—b–c"), b"a-b-c".to_vec());
    let mut many = [Hit::EMPTY; 300];
    let s = c.search_str("-", &STRICT, &mut many).unwrap();
    assert!(many[..s.returned].iter().any(|h| {
        let m = &field_text(&c, h)[h.start as usize..h.end as usize];
        m == "—" || m == "–"
    }));
    // Case: SOFTBANK == softbank == SoftBank.
    let a = c.search_str("SOFTBANK", &STRICT, &mut hits).unwrap().total;
    let b = c.search_str("softbank", &STRICT, &mut hits).unwrap().total;
    assert_eq!(a, b);
    assert!(a > 0);
}

#[test]
fn terms_are_anded_phrases_are_contiguous_prefixes_extend() {
    let c = corpus();
    let mut hits = [Hit::EMPTY; 100];
    let softbank = c.search_str("softbank", &STRICT, &mut hits).unwrap().total;
    let secured = c.search_str("secured", &STRICT, &mut hits).unwrap().total;
    let both = c
        .search_str("softbank secured", &STRICT, &mut hits)
        .unwrap();
    assert!(both.total >= 1 && both.total <= softbank.min(secured));
    // Phrase: words in order only.
    let phrase = c.search_str("\"surely know\"", &STRICT, &mut hits).unwrap();
    assert!(phrase.total >= 1);
    let reversed = c.search_str("\"know surely\"", &STRICT, &mut hits).unwrap();
    assert_eq!(reversed.total, 0);
    // Plain terms are whole words; a prefix reaches longer words.
    let word = c.search_str("secure", &STRICT, &mut hits).unwrap().total;
    let prefix = c.search_str("secure*", &STRICT, &mut hits).unwrap().total;
    assert!(
        prefix > word,
        "secure* ({prefix}) should find more than secure ({word})"
    );
}

#[test]
fn ranking_puts_speaker_and_title_matches_first_and_buffers_keep_the_best() {
    let c = corpus();
    let mut all = [Hit::EMPTY; 300];
    let s = c.search_str("altman", &STRICT, &mut all).unwrap();
    assert_eq!(s.total, s.returned, "buffer large enough for every hit");
    let hits = &all[..s.returned];
    // Sorted: primary, then matched fields, then newer dates.
    for w in hits.windows(2) {
        let key = |h: &Hit| (h.primary, h.matched_fields, h.date.map(|d| d.first_day()));
        assert!(
            key(&w[0]) >= key(&w[1]),
            "{:?} ranked before {:?}",
            w[0],
            w[1]
        );
    }
    assert!(hits[0].primary);
    // A small buffer gets the same best hits, and the full count.
    let mut few = [Hit::EMPTY; 3];
    let s3 = c.search_str("altman", &STRICT, &mut few).unwrap();
    assert_eq!(s3.total, s.total);
    assert_eq!(s3.returned, 3);
    assert_eq!(&few[..], &hits[..3]);
    // A zero-length buffer still counts.
    let s0 = c.search_str("altman", &STRICT, &mut []).unwrap();
    assert_eq!((s0.total, s0.returned), (s.total, 0));
}

#[test]
fn hits_report_field_and_byte_range_for_highlighting() {
    let c = corpus();
    let mut hits = [Hit::EMPTY; 10];
    let s = c
        .search_str(
            "good authority",
            &Filter {
                kinds: KindSet::only(Kind::Quote),
                ..STRICT
            },
            &mut hits,
        )
        .unwrap();
    assert!(s.returned >= 1);
    let h = hits[0];
    assert_eq!(h.record.kind, Kind::Quote);
    assert!(matches!(h.field, Field::QuoteText | Field::QuoteVariant));
    let text = field_text(&c, &h);
    assert_eq!(
        &text[h.start as usize..h.end as usize].to_lowercase(),
        "good"
    );
}

#[test]
fn bad_queries_get_specific_errors() {
    assert_eq!(Query::parse("").unwrap_err(), Error::EmptyQuery);
    assert_eq!(Query::parse("   \t ").unwrap_err(), Error::EmptyQuery);
    assert_eq!(Query::parse("\u{200b}").unwrap_err(), Error::EmptyQuery);
    assert_eq!(Query::parse("\"\"").unwrap_err(), Error::EmptyQuery);
    let long = "a".repeat(MAX_QUERY_LEN + 1);
    assert_eq!(
        Query::parse(&long).unwrap_err(),
        Error::QueryTooLong {
            len: MAX_QUERY_LEN + 1
        }
    );
    assert!(Query::parse(&"a".repeat(MAX_QUERY_LEN)).is_ok());
    let many = ["w"; MAX_TERMS + 1].join(" ");
    assert_eq!(Query::parse(&many).unwrap_err(), Error::TooManyTerms);
    assert!(Query::parse(&["w"; MAX_TERMS].join(" ")).is_ok());
    assert_eq!(
        Query::parse_bytes(b"musk \xff").unwrap_err(),
        Error::InvalidUtf8 { valid_up_to: 5 }
    );
    // The corpus still answers afterwards.
    let mut hits = [Hit::EMPTY; 1];
    assert!(
        Corpus::embedded()
            .search_str("musk", &STRICT, &mut hits)
            .unwrap()
            .total
            > 0
    );
}

#[test]
fn queries_with_no_hits_and_unbalanced_quotes_are_fine() {
    let c = corpus();
    let mut hits = [Hit::EMPTY; 4];
    assert_eq!(
        c.search_str("zzzyzzx", &STRICT, &mut hits).unwrap().total,
        0
    );
    // An unbalanced quote is an ordinary character.
    let q = Query::parse("\"stargate").unwrap();
    assert_eq!(q.terms().count(), 1);
    check("\"stargate", &STRICT);
    check("stargate\"", &STRICT);
}

#[test]
fn fields_whose_folding_keeps_offsets_are_marked_plain() {
    // The segment flag lets a hit skip decoding its record to map offsets.
    assert!(fold::keeps_offsets("Sam Altman, OpenAI CEO"));
    assert!(!fold::keeps_offsets("Altman’s")); // ’ folds to one byte from three
    assert!(!fold::keeps_offsets("two  spaces")); // whitespace collapses
    assert!(!fold::keeps_offsets("Café"));
    assert!(fold::keeps_offsets(""));
    // Every hit's range is the original text of its match, in plain fields
    // (`altman` in names) and in fields folding moved (`don't` for `don’t`).
    let c = corpus();
    let mut hits = [Hit::EMPTY; 60];
    for q in ["altman", "don't", "stargate", "musk"] {
        let s = c.search_str(q, &STRICT, &mut hits).unwrap();
        for h in &hits[..s.returned] {
            let text = field_text(&c, h);
            let orig = &text[h.start as usize..h.end as usize];
            assert_eq!(folded(orig), folded(q), "{q:?} in {text:?}");
        }
    }
}
