//! The comparison harness: feudfacts' search against SQLite FTS5 and a naive
//! scan, on the feud corpus and on synthetic corpora 100×, 1,000× and
//! 10,000× its size (as far as the blob format allows), with start-up time
//! and peak heap bytes per query. Run it with `cargo bench` from the
//! repository root; `BENCHMARKS.md` explains the figures.
//!
//! Before anything is timed, every query is run by all three approaches and
//! their record sets are asserted equal, at every corpus size. After the
//! criterion runs, the harness reads criterion's medians back and writes the
//! tables and the chart to `target/feudfacts-bench/` (and, with
//! `FEUDFACTS_BENCH_DOCS=1`, into `BENCHMARKS.md` and `docs/`).
//!
//! Environment: `FEUDFACTS_BENCH_SCALES=1,100` picks the corpus sizes
//! (default `1,100,1000,10000`); `FEUDFACTS_CORPUS` is the corpus source, as
//! for the build.

mod alloc;
mod fts;
mod gen;
mod naive;
mod report;

use criterion::{BenchmarkId, Criterion, SamplingMode};
use feudfacts::{Corpus, Filter, Hit, Query, RecordRef};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

/// One query of the set, in each approach's syntax.
pub struct Q {
    /// Short id (criterion's parameter name).
    pub id: &'static str,
    /// What it exercises.
    pub label: &'static str,
    /// feudfacts (and naive scan) syntax.
    pub feud: &'static str,
    /// The FTS5 `MATCH` expression.
    pub fts: &'static str,
    /// Where FTS5 cannot say the same thing exactly.
    pub note: &'static str,
}

/// The query set.
pub const QUERIES: [Q; 8] = [
    Q {
        id: "rare",
        label: "rare term",
        feud: "surely",
        fts: "surely",
        note: "",
    },
    Q {
        id: "common",
        label: "common term",
        feud: "the",
        fts: "the",
        note: "",
    },
    Q {
        id: "name",
        label: "name",
        feud: "altman",
        fts: "altman",
        note: "",
    },
    Q {
        id: "and",
        label: "two terms (AND)",
        feud: "musk openai",
        fts: "musk AND openai",
        note: "",
    },
    Q {
        id: "phrase",
        label: "phrase",
        feud: "\"white house\"",
        fts: "\"white house\"",
        note: "",
    },
    Q {
        id: "prefix",
        label: "prefix",
        feud: "fund*",
        fts: "fund*",
        note: "",
    },
    Q {
        id: "fold",
        label: "typographic folding",
        feud: "don't",
        fts: "\"don't\"",
        note: "FTS5: `'` and `’` are separators, so `don't` is the phrase `don` `t`; same records here, but it would also match `don t`",
    },
    Q {
        id: "none",
        label: "no hits",
        feud: "zzyzx",
        fts: "zzyzx",
        note: "",
    },
];

/// The measured series: every match read out by each approach, then the
/// ranked best ten with the total (the naive scan does not rank).
pub const SERIES: [&str; 5] = [
    "feudfacts",
    "fts5",
    "naive",
    "feudfacts-top10",
    "fts5-top10",
];

/// The most records of one kind the blob format holds (24-bit indexes).
const MAX_PER_KIND: usize = feudfacts::format::MAX_RECORDS as usize;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/ is inside the workspace")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
}

/// feudfacts: parse the query, read every matching record out.
fn feud_run(corpus: &Corpus<'_>, q: &str) -> usize {
    let query = Query::parse(q).expect("the query set parses");
    let mut n = 0;
    for hit in corpus.matches(&query, &Filter::NONE) {
        black_box(&hit);
        n += 1;
    }
    n
}

/// feudfacts, ranked: the best ten hits and the total, each hit's record read.
fn feud_top(corpus: &Corpus<'_>, q: &str) -> usize {
    let query = Query::parse(q).expect("the query set parses");
    let mut hits = [Hit::EMPTY; 10];
    let summary = corpus.search(&query, &Filter::NONE, &mut hits);
    for h in &hits[..summary.returned] {
        black_box(corpus.record(h.record));
    }
    summary.total
}

fn fts_top(ranked: &mut fts::Ranked<'_>, q: &str) -> usize {
    ranked.run(q, |id, body| {
        black_box((id, body));
    })
}

fn feud_records(corpus: &Corpus<'_>, q: &str) -> Vec<RecordRef> {
    let query = Query::parse(q).expect("the query set parses");
    corpus
        .matches(&query, &Filter::NONE)
        .map(|h: Hit| h.record)
        .collect()
}

fn fts_run(stmt: &mut rusqlite::Statement<'_>, q: &str) -> usize {
    let mut n = 0;
    fts::run(stmt, q, |id| {
        black_box(id);
        n += 1;
    });
    n
}

/// Asserts the three approaches find the same records; returns the count.
fn check_same(
    corpus: &Corpus<'_>,
    stmt: &mut rusqlite::Statement<'_>,
    ranked: &mut fts::Ranked<'_>,
    q: &Q,
    scale: usize,
) -> usize {
    let f = feud_records(corpus, q.feud);
    let mut s = fts::records(stmt, q.fts);
    s.sort();
    let n = naive::search(corpus, &naive::NaiveQuery::parse(q.feud));
    let show = |v: &[RecordRef]| {
        v.iter()
            .take(12)
            .map(|r| {
                corpus
                    .key(*r)
                    .map_or("?".into(), |k| k.as_str().to_string())
            })
            .collect::<Vec<_>>()
    };
    assert!(
        f == s && f == n,
        "{scale}x, query {:?}: feudfacts found {} records {:?}, FTS5 {} {:?}, naive {} {:?}",
        q.feud,
        f.len(),
        show(&f),
        s.len(),
        show(&s),
        n.len(),
        show(&n)
    );
    let (ft, st) = (feud_top(corpus, q.feud), fts_top(ranked, q.fts));
    assert!(
        ft == f.len() && st == f.len(),
        "{scale}x, query {:?}: ranked totals differ: feudfacts {ft}, FTS5 {st}, records {}",
        q.feud,
        f.len()
    );
    if scale == 1 && q.id != "none" {
        assert!(
            !f.is_empty(),
            "query {:?} finds nothing in the feud corpus",
            q.feud
        );
    }
    f.len()
}

fn time<R>(f: impl FnOnce() -> R) -> (R, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

fn main() {
    let run_start = std::time::SystemTime::now();
    let crit_dir = target_dir().join("criterion");
    let mut c = Criterion::default()
        .output_directory(&crit_dir)
        .configure_from_args();

    let corpus_path = std::env::var_os("FEUDFACTS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("corpus/feud.toml"));
    let source = std::fs::read_to_string(&corpus_path)
        .unwrap_or_else(|e| panic!("read {}: {e}", corpus_path.display()));
    let template = gen::Template::parse(&source);
    let max_kind = template.counts.iter().copied().max().unwrap_or(1).max(1);
    let scales: Vec<usize> = std::env::var("FEUDFACTS_BENCH_SCALES")
        .unwrap_or_else(|_| "1,100,1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();

    let mut rep = report::Report::new(&template.counts, max_kind, MAX_PER_KIND);

    // Start-up: from nothing to the first answer.
    let embedded = Corpus::embedded();
    let first = &QUERIES[2];
    {
        let mut conn = fts::build(&embedded);
        let image: &'static [u8] = Box::leak(fts::image(&mut conn).into_boxed_slice());
        drop(conn);
        rep.fts_image_bytes = image.len();
        let mut g = c.benchmark_group("startup");
        g.sample_size(30)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        g.bench_function("feudfacts-embedded", |b| {
            b.iter(|| feud_top(&Corpus::embedded(), black_box(first.feud)))
        });
        g.bench_function("feudfacts-validated", |b| {
            b.iter(|| {
                let c = Corpus::from_bytes(black_box(Corpus::embedded_bytes())).expect("valid");
                feud_top(&c, first.feud)
            })
        });
        g.bench_function("fts5-image", |b| {
            b.iter(|| {
                let conn = fts::open_image(black_box(image));
                let mut ranked = fts::Ranked::prepare(&conn);
                fts_top(&mut ranked, first.fts)
            })
        });
        g.bench_function("fts5-build", |b| {
            b.iter(|| {
                let conn = fts::build(black_box(&embedded));
                let mut ranked = fts::Ranked::prepare(&conn);
                fts_top(&mut ranked, first.fts)
            })
        });
        g.bench_function("naive", |b| {
            b.iter(|| {
                naive::search(&embedded, &naive::NaiveQuery::parse(black_box(first.feud))).len()
            })
        });
        g.finish();
        let heap = |f: &mut dyn FnMut() -> usize| {
            let ((_, rust), sqlite) = alloc::sqlite_peak_during(|| alloc::peak_during(&mut *f));
            rust.peak + sqlite
        };
        rep.startup_heap = vec![
            (
                "feudfacts-embedded",
                heap(&mut || feud_top(&Corpus::embedded(), first.feud)),
            ),
            (
                "feudfacts-validated",
                heap(&mut || {
                    let c = Corpus::from_bytes(Corpus::embedded_bytes()).expect("valid");
                    feud_top(&c, first.feud)
                }),
            ),
            (
                "fts5-image",
                heap(&mut || {
                    let conn = fts::open_image(image);
                    let mut ranked = fts::Ranked::prepare(&conn);
                    fts_top(&mut ranked, first.fts)
                }),
            ),
            (
                "fts5-build",
                heap(&mut || {
                    let conn = fts::build(&embedded);
                    let mut ranked = fts::Ranked::prepare(&conn);
                    fts_top(&mut ranked, first.fts)
                }),
            ),
            (
                "naive",
                heap(&mut || naive::search(&embedded, &naive::NaiveQuery::parse(first.feud)).len()),
            ),
        ];
    }

    for &scale in &scales {
        if scale * max_kind > MAX_PER_KIND {
            eprintln!(
                "feudfacts-bench: skipping {scale}x: it needs {} records of one kind, the blob format holds {MAX_PER_KIND}",
                scale * max_kind
            );
            rep.skipped.push(scale);
            continue;
        }
        let (toml_text, gen_time) = time(|| template.generate(scale));
        let (blob, compile_time) = time(|| {
            feudfacts_compile::compile(&toml_text, None)
                .unwrap_or_else(|e| panic!("{scale}x corpus does not compile: {e}"))
        });
        let toml_bytes = toml_text.len();
        drop(toml_text);
        let bytes = blob.bytes;
        let (corpus, validate_time) =
            time(|| Corpus::from_bytes(&bytes).expect("the compiled blob validates"));
        if scale == 1 {
            assert!(
                bytes == Corpus::embedded_bytes(),
                "the 1x corpus must be the embedded one: build and bench must read the same FEUDFACTS_CORPUS"
            );
        }
        let (conn, fts_build_time) = time(|| fts::build(&corpus));
        let mut stmt = fts::prepare(&conn);
        let mut ranked = fts::Ranked::prepare(&conn);
        let mut size = report::Size {
            scale,
            records: corpus.total_records(),
            toml_bytes,
            blob_bytes: bytes.len(),
            search_text_bytes: corpus.stats().search_text_bytes,
            gen_time,
            compile_time,
            validate_time,
            fts_build_time,
            hits: Vec::new(),
            heap: Vec::new(),
            top_heap: Vec::new(),
        };
        for q in &QUERIES {
            size.hits
                .push(check_same(&corpus, &mut stmt, &mut ranked, q, scale));
            let (_, f) = alloc::peak_during(|| feud_run(&corpus, q.feud));
            let ((_, s_rust), s_sql) =
                alloc::sqlite_peak_during(|| alloc::peak_during(|| fts_run(&mut stmt, q.fts)));
            let (_, n) = alloc::peak_during(|| {
                naive::search(&corpus, &naive::NaiveQuery::parse(q.feud)).len()
            });
            size.heap.push([f.peak, s_rust.peak + s_sql, n.peak]);
            let (_, f) = alloc::peak_during(|| feud_top(&corpus, q.feud));
            let ((_, s_rust), s_sql) =
                alloc::sqlite_peak_during(|| alloc::peak_during(|| fts_top(&mut ranked, q.fts)));
            size.top_heap.push([f.peak, s_rust.peak + s_sql]);
        }
        eprintln!(
            "feudfacts-bench: {scale}x: {} records, blob {} bytes, compiled in {:?}, FTS5 built in {:?}; all approaches agree",
            size.records, size.blob_bytes, compile_time, fts_build_time
        );

        let mut g = c.benchmark_group(format!("scale-{scale}x"));
        if scale >= 500 {
            g.sampling_mode(SamplingMode::Flat)
                .sample_size(10)
                .warm_up_time(Duration::from_millis(500))
                .measurement_time(Duration::from_secs(3));
        } else {
            g.sample_size(if scale == 1 { 30 } else { 15 })
                .warm_up_time(Duration::from_millis(300))
                .measurement_time(Duration::from_secs(1));
        }
        for q in &QUERIES {
            g.bench_with_input(BenchmarkId::new("feudfacts", q.id), q.feud, |b, s| {
                b.iter(|| feud_run(&corpus, black_box(s)))
            });
            g.bench_with_input(BenchmarkId::new("fts5", q.id), q.fts, |b, s| {
                b.iter(|| fts_run(&mut stmt, black_box(s)))
            });
            g.bench_with_input(BenchmarkId::new("naive", q.id), q.feud, |b, s| {
                b.iter(|| naive::search(&corpus, &naive::NaiveQuery::parse(black_box(s))).len())
            });
            g.bench_with_input(BenchmarkId::new("feudfacts-top10", q.id), q.feud, |b, s| {
                b.iter(|| feud_top(&corpus, black_box(s)))
            });
            g.bench_with_input(BenchmarkId::new("fts5-top10", q.id), q.fts, |b, s| {
                b.iter(|| fts_top(&mut ranked, black_box(s)))
            });
        }
        g.finish();
        rep.sizes.push(size);
    }

    c.final_summary();
    rep.finish(
        &crit_dir,
        run_start,
        &target_dir().join("feudfacts-bench"),
        &workspace(),
    );
}
