//! Core micro-benchmarks (issue 2's targets): `Corpus::embedded()`, lookup
//! by index and by key, and searches over the whole corpus, next to a bare
//! `memmem` scan of the same folded text as the floor a search can reach.
//! The `search_*` benchmarks are strict queries (every term literally, the
//! semantics before best match, under the same names so a saved criterion
//! baseline compares them); `best_*` are natural queries in best-match mode,
//! the default.
//!
//! Run: `cargo bench --bench core`.

use criterion::{criterion_group, criterion_main, Criterion};
use feudfacts::records::for_each_field;
use feudfacts::{fold, Corpus, Filter, Hit, Kind, Mode, Query, Record};
use std::hint::black_box;

fn folded_text(c: &Corpus) -> Vec<u8> {
    let mut v = Vec::new();
    for kind in Kind::ALL {
        for (_, rec) in c.records(kind) {
            let speaker = match &rec {
                Record::Quote(q) => c.entity(q.speaker).map_or("", |e| e.name.as_str()),
                _ => "",
            };
            for_each_field(&rec, speaker, |_, _, s| {
                fold::walk(s, |b, _, _| v.push(b));
                v.push(0);
            });
        }
    }
    v
}

fn benches(cr: &mut Criterion) {
    let c = Corpus::embedded();
    cr.bench_function("embedded", |b| b.iter(|| black_box(Corpus::embedded())));
    let n = c.count(Kind::Quote) as u32;
    let mut i = 0u32;
    cr.bench_function("quote_by_index", |b| {
        b.iter(|| {
            i = (i + 1) % n;
            black_box(c.quote(black_box(i)))
        })
    });
    cr.bench_function("event_by_index", |b| {
        b.iter(|| black_box(c.event(black_box(7))))
    });
    cr.bench_function("find_key", |b| {
        b.iter(|| black_box(c.find_key(black_box("q-wrong-as-you-surely-know"))))
    });
    cr.bench_function("entity_by_name", |b| {
        b.iter(|| black_box(c.entity_by_name(black_box("@sama"))))
    });

    let hay = folded_text(&c);
    let finder = memchr::memmem::Finder::new("zzqx");
    cr.bench_function("bare_memmem_scan", |b| {
        b.iter(|| black_box(finder.find(black_box(&hay))))
    });

    let mut hits = [Hit::EMPTY; 10];
    let strict = Filter {
        mode: Mode::Strict,
        ..Filter::NONE
    };
    for (name, q) in [
        ("search_single_term", "softbank"),
        ("search_common_term", "musk"),
        ("search_multi_term", "altman trump stargate"),
        ("search_phrase", "\"surely know\""),
        ("search_prefix", "secur*"),
        ("search_no_hits", "zzqx"),
    ] {
        let query = Query::parse(q).unwrap();
        cr.bench_function(name, |b| {
            b.iter(|| black_box(c.search(black_box(&query), &strict, &mut hits)))
        });
    }
    cr.bench_function("search_parse_and_run", |b| {
        b.iter(|| black_box(c.search_str(black_box("softbank secured"), &strict, &mut hits)))
    });
    // Best match: natural queries of 3 to 6 words, top 10, parsing included.
    for (name, q) in [
        ("best_how_much_softbank", "how much is softbank putting in"),
        ("best_musk_openai_lawsuit", "elon musk openai lawsuit"),
        ("best_altman_say_trump", "what did altman say about trump"),
        ("best_who_little_finger", "who is little finger"),
        ("best_stargate_data_centers", "stargate data centers texas"),
        ("best_typo", "altamn stargte"),
        ("best_date", "musk posts september 2024"),
        ("best_amount", "$97.4b bid"),
        ("best_single_word", "softbank"),
    ] {
        cr.bench_function(name, |b| {
            b.iter(|| black_box(c.search_str(black_box(q), &Filter::NONE, &mut hits)))
        });
    }
}

criterion_group! {
    name = core;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}
criterion_main!(core);
