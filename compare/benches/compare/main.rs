//! The comparison harness: feudfacts' search, with its word index (the
//! default build) and without it (the scan), against SQLite FTS5 and a naive
//! scan, on the feud corpus and on synthetic corpora 100×, 1,000× and
//! 10,000× its size, with blob sizes, build and validation times, start-up
//! time and peak heap bytes per query. Run it with `cargo bench` from the
//! repository root; `BENCHMARKS.md` explains the figures.
//!
//! Before anything is timed, every query is run by every approach and their
//! record sets are asserted equal (feudfacts with and without the index:
//! the very same hits, ranked and unranked), at every corpus size. After the
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
use feudfacts::{Corpus, Filter, Hit, Query, RecordRef, Summary};
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

/// The measured series: every matching record read out by each approach,
/// then the ranked best ten with the total (the naive scan does not rank).
/// feudfacts runs twice: on the blob with the word index (the default build)
/// and on the same corpus compiled without it (the scan). Unranked, it reads
/// the records with `matching_records`, like FTS5's bare rowids; the last
/// series reads every hit of `matches` instead (with its highlight range),
/// on the index, to show what highlights cost.
pub const SERIES: [&str; 8] = [
    "feudfacts-index-records",
    "feudfacts-scan-records",
    "fts5",
    "naive",
    "feudfacts-index-top10",
    "feudfacts-scan-top10",
    "fts5-top10",
    "feudfacts-index-hits",
];

/// Positions in [`SERIES`].
pub mod series {
    /// feudfacts with the word index, every matching record.
    pub const INDEX: usize = 0;
    /// feudfacts without the word index, every matching record.
    pub const SCAN: usize = 1;
    /// FTS5, every match.
    pub const FTS: usize = 2;
    /// The naive scan.
    pub const NAIVE: usize = 3;
    /// feudfacts with the word index, ranked.
    pub const INDEX_TOP: usize = 4;
    /// feudfacts without the word index, ranked.
    pub const SCAN_TOP: usize = 5;
    /// FTS5, ranked.
    pub const FTS_TOP: usize = 6;
    /// feudfacts with the word index, every hit with its highlight.
    pub const INDEX_HITS: usize = 7;
}

/// The most records of one kind the blob format holds (24-bit indexes).
const MAX_PER_KIND: usize = feudfacts::format::MAX_RECORDS as usize;

/// When one naive run of a query takes longer than this, criterion does not
/// time the naive scan at that corpus size (ten samples and a warm-up would
/// take minutes); the tables show the single run of the agreement check.
const NAIVE_TIMED_MAX: Duration = Duration::from_secs(3);

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("compare/ is inside the workspace")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
}

/// feudfacts: parse the query, read every matching record out (no ranking,
/// no highlight: what FTS5's `SELECT rowid` returns).
fn feud_run(corpus: &Corpus<'_>, q: &str) -> usize {
    let query = parse(q);
    let mut n = 0;
    for r in corpus
        .matching_records(&query, &STRICT)
        .expect("strict query")
    {
        black_box(r);
        n += 1;
    }
    n
}

/// feudfacts: parse the query, read every hit of `matches` out, each with
/// its field, ranking key and highlight range.
fn feud_run_hits(corpus: &Corpus<'_>, q: &str) -> usize {
    let query = parse(q);
    let mut n = 0;
    for hit in corpus.matches(&query, &STRICT).expect("strict query") {
        black_box(&hit);
        n += 1;
    }
    n
}

/// Today's comparisons are of strict queries (every term, literally), the
/// semantics FTS5's AND queries share.
const STRICT: Filter = Filter {
    mode: feudfacts::Mode::Strict,
    ..Filter::NONE
};

/// A query of the query set, parsed.
fn parse(q: &str) -> Query {
    Query::parse(q).expect("the query set parses")
}

/// feudfacts, ranked: the summary and the best ten hits (the first
/// `summary.returned` of them).
fn top10(corpus: &Corpus<'_>, q: &str) -> (Summary, [Hit; 10]) {
    let mut hits = [Hit::EMPTY; 10];
    let summary = corpus
        .search(&parse(q), &STRICT, &mut hits)
        .expect("strict query");
    (summary, hits)
}

/// feudfacts: every record of `matching_records`.
fn feud_records(corpus: &Corpus<'_>, q: &str) -> Vec<RecordRef> {
    let query = parse(q);
    let records = corpus.matching_records(&query, &STRICT);
    records.expect("strict query").collect()
}

/// feudfacts, ranked: the best ten hits and the total, each hit's record read.
fn feud_top(corpus: &Corpus<'_>, q: &str) -> usize {
    let (summary, hits) = top10(corpus, q);
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

/// feudfacts: every hit of `matches`, with its field and highlight.
fn feud_hits(corpus: &Corpus<'_>, q: &str) -> Vec<Hit> {
    let query = parse(q);
    let hits = corpus.matches(&query, &STRICT);
    hits.expect("strict query").collect()
}

/// feudfacts, ranked: the summary and the best ten hits.
fn feud_ranked(corpus: &Corpus<'_>, q: &str) -> (Summary, Vec<Hit>) {
    let (summary, hits) = top10(corpus, q);
    (summary, hits[..summary.returned].to_vec())
}

fn fts_run(stmt: &mut rusqlite::Statement<'_>, q: &str) -> usize {
    let mut n = 0;
    fts::run(stmt, q, |id| {
        black_box(id);
        n += 1;
    });
    n
}

/// What the agreement check of one query learnt on the way.
pub struct Checked {
    /// Matching records (every approach agrees).
    pub hits: usize,
    /// One naive run.
    pub naive_time: Duration,
    /// Its peak heap bytes.
    pub naive_heap: usize,
}

/// Asserts that feudfacts with and without the word index return the same
/// hits (records, fields, highlights; ranked: the same ten and total), and
/// that FTS5 and the naive scan find the same records.
fn check_same(
    indexed: &Corpus<'_>,
    scan: &Corpus<'_>,
    stmt: &mut rusqlite::Statement<'_>,
    ranked: &mut fts::Ranked<'_>,
    q: &Q,
    scale: usize,
) -> Checked {
    let show = |v: &[RecordRef]| {
        v.iter()
            .take(12)
            .map(|r| {
                indexed
                    .key(*r)
                    .map_or("?".into(), |k| k.as_str().to_string())
            })
            .collect::<Vec<_>>()
    };
    let hi = feud_hits(indexed, q.feud);
    let hs = feud_hits(scan, q.feud);
    if hi != hs {
        let at = hi.iter().zip(&hs).position(|(a, b)| a != b);
        panic!(
            "{scale}x, query {:?}: feudfacts with the word index found {} hits, without it {}; first difference at {at:?}: {:?} vs {:?}",
            q.feud,
            hi.len(),
            hs.len(),
            at.and_then(|i| hi.get(i)),
            at.and_then(|i| hs.get(i)),
        );
    }
    let f: Vec<RecordRef> = hi.iter().map(|h| h.record).collect();
    drop((hi, hs));
    for (path, corpus) in [("with", indexed), ("without", scan)] {
        let r = feud_records(corpus, q.feud);
        assert!(
            r == f,
            "{scale}x, query {:?}: matching_records {path} the word index found {} records {:?}, matches {} {:?}",
            q.feud,
            r.len(),
            show(&r),
            f.len(),
            show(&f)
        );
    }
    let mut s = fts::records(stmt, q.fts);
    s.sort();
    let nq = naive::NaiveQuery::parse(q.feud);
    let ((n, naive_heap), naive_time) = time(|| alloc::peak_during(|| naive::search(indexed, &nq)));
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
    let (ri, rs) = (feud_ranked(indexed, q.feud), feud_ranked(scan, q.feud));
    assert!(
        ri == rs,
        "{scale}x, query {:?}: ranked, feudfacts with the word index returned {:?}, without it {:?}",
        q.feud,
        ri,
        rs
    );
    let st = fts_top(ranked, q.fts);
    assert!(
        ri.0.total == f.len() && st == f.len(),
        "{scale}x, query {:?}: ranked totals differ: feudfacts {}, FTS5 {st}, records {}",
        q.feud,
        ri.0.total,
        f.len()
    );
    if scale == 1 && q.id != "none" {
        assert!(
            !f.is_empty(),
            "query {:?} finds nothing in the feud corpus",
            q.feud
        );
    }
    Checked {
        hits: f.len(),
        naive_time,
        naive_heap: naive_heap.peak,
    }
}

fn time<R>(f: impl FnOnce() -> R) -> (R, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

/// The process's peak resident memory so far (`VmHWM`), where Linux says.
fn peak_rss() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: usize = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// Resets the process's peak resident memory to its current size, so the
/// next [`peak_rss`] is the peak of one phase (Linux 4.0+; elsewhere the
/// peak stays cumulative).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The blob compiler's options without the word index.
const NO_INDEX: feudfacts_compile::Options = feudfacts_compile::Options {
    profile: feudfacts_compile::Profile::Full,
    word_index: false,
};

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
        let with_index = feudfacts_compile::compile(&source, None)
            .expect("the feud corpus compiles")
            .bytes;
        let without = feudfacts_compile::compile_opts(&source, None, NO_INDEX)
            .expect("the feud corpus compiles")
            .bytes;
        let mut g = c.benchmark_group("startup");
        g.sample_size(30)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        g.bench_function("feudfacts-embedded", |b| {
            b.iter(|| feud_top(&Corpus::embedded(), black_box(first.feud)))
        });
        g.bench_function("feudfacts-validated-index", |b| {
            b.iter(|| {
                let c = Corpus::from_bytes(black_box(&with_index)).expect("valid");
                feud_top(&c, first.feud)
            })
        });
        g.bench_function("feudfacts-validated-scan", |b| {
            b.iter(|| {
                let c = Corpus::from_bytes(black_box(&without)).expect("valid");
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
                "feudfacts-validated-index",
                heap(&mut || {
                    let c = Corpus::from_bytes(&with_index).expect("valid");
                    feud_top(&c, first.feud)
                }),
            ),
            (
                "feudfacts-validated-scan",
                heap(&mut || {
                    let c = Corpus::from_bytes(&without).expect("valid");
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

    // One corpus size at a time: everything built for a size is dropped at
    // the end of its iteration, before the next (10,000x holds ~700 MB of
    // TOML, two ~600 MB blobs and an FTS5 database of about the same size).
    for &scale in &scales {
        if scale * max_kind > MAX_PER_KIND {
            eprintln!(
                "feudfacts-bench: skipping {scale}x: it needs {} records of one kind, the blob format holds {MAX_PER_KIND}",
                scale * max_kind
            );
            rep.skipped.push(scale);
            continue;
        }
        reset_peak_rss();
        let (toml_text, gen_time) = time(|| template.generate(scale));
        let toml_bytes = toml_text.len();
        let (blob, compile_time) = time(|| {
            feudfacts_compile::compile(&toml_text, None)
                .unwrap_or_else(|e| panic!("{scale}x corpus does not compile: {e}"))
        });
        let indexed_bytes = blob.bytes;
        let (blob, compile_scan_time) = time(|| {
            feudfacts_compile::compile_opts(&toml_text, None, NO_INDEX)
                .unwrap_or_else(|e| panic!("{scale}x corpus does not compile: {e}"))
        });
        let scan_bytes = blob.bytes;
        drop(toml_text);
        let (indexed, validate_time) =
            time(|| Corpus::from_bytes(&indexed_bytes).expect("the compiled blob validates"));
        let (scan, validate_scan_time) =
            time(|| Corpus::from_bytes(&scan_bytes).expect("the compiled blob validates"));
        let index = indexed
            .word_index()
            .expect("feudfacts_compile::compile builds the word index");
        assert!(
            scan.word_index().is_none(),
            "word_index: false still built an index"
        );
        if scale == 1 {
            let embedded_has_index = Corpus::embedded().word_index().is_some();
            let same = if embedded_has_index {
                &indexed_bytes
            } else {
                &scan_bytes
            };
            assert!(
                same.as_slice() == Corpus::embedded_bytes(),
                "the 1x corpus must be the embedded one: build and bench must read the same FEUDFACTS_CORPUS"
            );
        }
        let build_rss = peak_rss();
        reset_peak_rss();
        let (conn, fts_build_time) = time(|| fts::build(&indexed));
        let fts_rss = peak_rss();
        reset_peak_rss();
        let mut stmt = fts::prepare(&conn);
        let mut ranked = fts::Ranked::prepare(&conn);
        let mut size = report::Size {
            scale,
            records: indexed.total_records(),
            toml_bytes,
            blob_bytes: indexed_bytes.len(),
            scan_blob_bytes: scan_bytes.len(),
            index_bytes: index.size(),
            words: index.len(),
            search_text_bytes: indexed.stats().search_text_bytes,
            fts_db_bytes: fts::size(&conn),
            gen_time,
            compile_time,
            compile_scan_time,
            validate_time,
            validate_scan_time,
            fts_build_time,
            hits: Vec::new(),
            heap: Vec::new(),
            top_heap: Vec::new(),
            naive_single: None,
            peak_rss: [build_rss, fts_rss, None],
        };
        let mut naive_once = Vec::new();
        for q in &QUERIES {
            let checked = check_same(&indexed, &scan, &mut stmt, &mut ranked, q, scale);
            size.hits.push(checked.hits);
            naive_once.push(checked.naive_time);
            let (_, fi) = alloc::peak_during(|| feud_run(&indexed, q.feud));
            let (_, fs) = alloc::peak_during(|| feud_run(&scan, q.feud));
            let ((_, s_rust), s_sql) =
                alloc::sqlite_peak_during(|| alloc::peak_during(|| fts_run(&mut stmt, q.fts)));
            let (_, fh) = alloc::peak_during(|| feud_run_hits(&indexed, q.feud));
            size.heap.push([
                fi.peak,
                fs.peak,
                s_rust.peak + s_sql,
                checked.naive_heap,
                fh.peak,
            ]);
            let (_, fi) = alloc::peak_during(|| feud_top(&indexed, q.feud));
            let (_, fs) = alloc::peak_during(|| feud_top(&scan, q.feud));
            let ((_, s_rust), s_sql) =
                alloc::sqlite_peak_during(|| alloc::peak_during(|| fts_top(&mut ranked, q.fts)));
            size.top_heap.push([fi.peak, fs.peak, s_rust.peak + s_sql]);
        }
        let time_naive = naive_once.iter().all(|t| *t <= NAIVE_TIMED_MAX);
        if !time_naive {
            size.naive_single = Some(naive_once);
        }
        eprintln!(
            "feudfacts-bench: {scale}x: {} records, blob {} bytes ({} without the word index), compiled in {:?} ({:?} without), FTS5 built in {:?}, peak RSS (build, FTS5 load) {:?} bytes; all approaches agree{}",
            size.records,
            size.blob_bytes,
            size.scan_blob_bytes,
            compile_time,
            compile_scan_time,
            fts_build_time,
            &size.peak_rss[..2],
            if time_naive {
                String::new()
            } else {
                format!("; naive not timed by criterion (one run over {NAIVE_TIMED_MAX:?})")
            }
        );

        let mut g = c.benchmark_group(format!("scale-{scale}x"));
        if scale >= 5000 {
            g.sampling_mode(SamplingMode::Flat)
                .sample_size(10)
                .warm_up_time(Duration::from_millis(200))
                .measurement_time(Duration::from_secs(2));
        } else if scale >= 500 {
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
            use series::*;
            g.bench_with_input(BenchmarkId::new(SERIES[INDEX], q.id), q.feud, |b, s| {
                b.iter(|| feud_run(&indexed, black_box(s)))
            });
            g.bench_with_input(BenchmarkId::new(SERIES[SCAN], q.id), q.feud, |b, s| {
                b.iter(|| feud_run(&scan, black_box(s)))
            });
            g.bench_with_input(
                BenchmarkId::new(SERIES[INDEX_HITS], q.id),
                q.feud,
                |b, s| b.iter(|| feud_run_hits(&indexed, black_box(s))),
            );
            g.bench_with_input(BenchmarkId::new(SERIES[FTS], q.id), q.fts, |b, s| {
                b.iter(|| fts_run(&mut stmt, black_box(s)))
            });
            if time_naive {
                g.bench_with_input(BenchmarkId::new(SERIES[NAIVE], q.id), q.feud, |b, s| {
                    b.iter(|| {
                        naive::search(&indexed, &naive::NaiveQuery::parse(black_box(s))).len()
                    })
                });
            }
            g.bench_with_input(BenchmarkId::new(SERIES[INDEX_TOP], q.id), q.feud, |b, s| {
                b.iter(|| feud_top(&indexed, black_box(s)))
            });
            g.bench_with_input(BenchmarkId::new(SERIES[SCAN_TOP], q.id), q.feud, |b, s| {
                b.iter(|| feud_top(&scan, black_box(s)))
            });
            g.bench_with_input(BenchmarkId::new(SERIES[FTS_TOP], q.id), q.fts, |b, s| {
                b.iter(|| fts_top(&mut ranked, black_box(s)))
            });
        }
        g.finish();
        size.peak_rss[2] = peak_rss();
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
