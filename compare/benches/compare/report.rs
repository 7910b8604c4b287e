//! Turns one run's criterion medians into the tables of `BENCHMARKS.md` and
//! the scaling chart (a hand-written SVG: one log-log panel per query and
//! mode, one line per approach; feudfacts with and without its word index
//! are separate lines).
//!
//! Only estimates written during this run are used, so every figure in the
//! output comes from the same run; anything missing is shown as `—` and the
//! documentation is then left untouched.

use crate::series::{FTS, FTS_TOP, INDEX, INDEX_HITS, INDEX_TOP, NAIVE, SCAN, SCAN_TOP};
use crate::{QUERIES, SERIES};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The word index may add at most this share to the feud blob (issue #5).
const INDEX_BUDGET: f64 = 0.25;

/// What one corpus size measured outside criterion.
pub struct Size {
    /// Multiple of the feud corpus.
    pub scale: usize,
    /// Records in the corpus.
    pub records: usize,
    /// Size of the generated TOML source.
    pub toml_bytes: usize,
    /// Size of the compiled blob, with the word index (the default).
    pub blob_bytes: usize,
    /// Size of the blob compiled without the word index.
    pub scan_blob_bytes: usize,
    /// Size of the word index (`Words` + `Postings`).
    pub index_bytes: usize,
    /// Distinct words in the index.
    pub words: usize,
    /// Size of the folded search text inside the blob.
    pub search_text_bytes: usize,
    /// Size of the FTS5 database.
    pub fts_db_bytes: usize,
    /// Time to generate the TOML.
    pub gen_time: Duration,
    /// Time `feudfacts_compile::compile` took (with the index).
    pub compile_time: Duration,
    /// Time the compile without the index took.
    pub compile_scan_time: Duration,
    /// Time `Corpus::from_bytes` took on the blob with the index.
    pub validate_time: Duration,
    /// Time `Corpus::from_bytes` took on the blob without it.
    pub validate_scan_time: Duration,
    /// Time to load the records into FTS5.
    pub fts_build_time: Duration,
    /// Records found per query (all approaches agree).
    pub hits: Vec<usize>,
    /// Peak heap bytes per query: feudfacts index, scan, FTS5, naive, and
    /// feudfacts index reading hits with highlights.
    pub heap: Vec<[usize; 5]>,
    /// Peak heap bytes per ranked query: feudfacts index, scan, FTS5.
    pub top_heap: Vec<[usize; 3]>,
    /// When criterion did not time the naive scan at this size: the single
    /// run of each query from the agreement check.
    pub naive_single: Option<Vec<Duration>>,
    /// The harness's peak resident memory (`VmHWM`) in three phases of this
    /// size: generating, compiling and validating both blobs; loading FTS5;
    /// checking agreement and timing the queries.
    pub peak_rss: [Option<usize>; 3],
}

/// Everything one run measured.
pub struct Report {
    counts: [usize; 6],
    max_kind: usize,
    max_per_kind: usize,
    /// Size of the serialized FTS5 database of the feud corpus.
    pub fts_image_bytes: usize,
    /// Peak heap bytes from nothing to the first answer.
    pub startup_heap: Vec<(&'static str, usize)>,
    /// The corpus sizes measured.
    pub sizes: Vec<Size>,
    /// Scales the blob format cannot hold.
    pub skipped: Vec<usize>,
}

/// Medians per size, query and series (`None`: not measured in this run).
type Times = Vec<Vec<[Option<f64>; 8]>>;

fn median_ns(dir: &Path, since: SystemTime) -> Option<f64> {
    let file = dir.join("new/estimates.json");
    let fresh = std::fs::metadata(&file).ok()?.modified().ok()? >= since;
    if !fresh {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).ok()?).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn fmt_ns(ns: Option<f64>) -> String {
    match ns {
        None => "—".into(),
        Some(n) if n < 1e3 => format!("{n:.0} ns"),
        Some(n) if n < 1e6 => format!("{:.2} µs", n / 1e3),
        Some(n) if n < 1e9 => format!("{:.2} ms", n / 1e6),
        Some(n) => format!("{:.2} s", n / 1e9),
    }
}

fn fmt_dur(d: Duration) -> String {
    fmt_ns(Some(d.as_nanos() as f64))
}

fn ratio(slow: Option<f64>, fast: Option<f64>) -> String {
    match (slow, fast) {
        (Some(s), Some(f)) if f > 0.0 => {
            let r = s / f;
            if r >= 10.0 {
                format!("{r:.0}×")
            } else {
                format!("{r:.2}×")
            }
        }
        _ => "—".into(),
    }
}

fn bytes(n: usize) -> String {
    if n < 10_000 {
        format!("{n} B")
    } else if n < 10_000_000 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    }
}

fn cpu() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = info
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|m| m.trim_start_matches([' ', '\t', ':']))
        })
        .unwrap_or("unknown CPU")
        .to_string();
    let n = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{model}, {n} logical CPUs available to the process")
}

impl Report {
    /// An empty report for a template with these record counts.
    pub fn new(counts: &[usize; 6], max_kind: usize, max_per_kind: usize) -> Report {
        Report {
            counts: *counts,
            max_kind,
            max_per_kind,
            fts_image_bytes: 0,
            startup_heap: Vec::new(),
            sizes: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// Reads the medians, writes the report and chart to `out`, and, with
    /// `FEUDFACTS_BENCH_DOCS=1` and a complete run, into the repository docs.
    pub fn finish(&self, crit: &Path, since: SystemTime, out: &Path, repo: &Path) {
        let med = |group: &str, approach: &str, q: &str| {
            median_ns(&crit.join(group).join(approach).join(q), since)
        };
        let times: Times = self
            .sizes
            .iter()
            .map(|s| {
                let g = format!("scale-{}x", s.scale);
                QUERIES
                    .iter()
                    .enumerate()
                    .map(|(qi, q)| {
                        let mut t = SERIES.map(|a| med(&g, a, q.id));
                        if let Some(single) = &s.naive_single {
                            t[NAIVE] = single.get(qi).map(|d| d.as_nanos() as f64);
                        }
                        t
                    })
                    .collect()
            })
            .collect();
        let startup: Vec<(&str, Option<f64>, usize)> = self
            .startup_heap
            .iter()
            .map(|(id, heap)| (*id, median_ns(&crit.join("startup").join(id), since), *heap))
            .collect();
        let complete = times.iter().flatten().flatten().all(Option::is_some)
            && startup.iter().all(|s| s.1.is_some())
            && !self.sizes.is_empty();

        let md = self.markdown(&times, &startup);
        let svg = self.svg(&times);
        let _ = std::fs::create_dir_all(out);
        let _ = std::fs::write(out.join("report.md"), &md);
        let _ = std::fs::write(out.join("bench-scaling.svg"), &svg);
        eprintln!("feudfacts-bench: wrote {}", out.join("report.md").display());
        if std::env::var_os("FEUDFACTS_BENCH_DOCS").is_some_and(|v| v == "1") {
            if !complete {
                eprintln!(
                    "feudfacts-bench: incomplete run (filtered or --test): docs left as they are"
                );
                return;
            }
            let _ = std::fs::write(repo.join("docs/bench-scaling.svg"), &svg);
            let path = repo.join("BENCHMARKS.md");
            let doc = std::fs::read_to_string(&path).unwrap_or_default();
            let (b, e) = ("<!-- BEGIN generated -->", "<!-- END generated -->");
            match (doc.find(b), doc.find(e)) {
                (Some(i), Some(j)) if i < j => {
                    let new = format!("{}{b}\n{md}{}", &doc[..i], &doc[j..]);
                    let _ = std::fs::write(&path, new);
                    eprintln!("feudfacts-bench: updated BENCHMARKS.md and docs/bench-scaling.svg");
                }
                _ => eprintln!("feudfacts-bench: BENCHMARKS.md has no generated markers"),
            }
        }
    }

    fn markdown(&self, times: &Times, startup: &[(&str, Option<f64>, usize)]) -> String {
        let mut m = String::new();
        let _ = writeln!(m, "Machine: {}.\n", cpu());
        let _ = writeln!(
            m,
            "Feud corpus: {} sources, {} entities, {} quotes, {} events, {} figures, {} discrepancies.\n",
            self.counts[0], self.counts[1], self.counts[2], self.counts[3], self.counts[4], self.counts[5]
        );

        let _ = writeln!(m, "### Corpus and blob sizes\n");
        let _ = writeln!(
            m,
            "| corpus | records | TOML | blob without index | word index | blob with index | index ÷ blob with it | index ÷ blob without | distinct words | search text | FTS5 database |"
        );
        let _ = writeln!(m, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for s in &self.sizes {
            let _ = writeln!(
                m,
                "| {}× | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                s.scale,
                s.records,
                bytes(s.toml_bytes),
                bytes(s.scan_blob_bytes),
                bytes(s.index_bytes),
                bytes(s.blob_bytes),
                pct(s.index_bytes, s.blob_bytes),
                pct(s.index_bytes, s.scan_blob_bytes),
                s.words,
                bytes(s.search_text_bytes),
                bytes(s.fts_db_bytes),
            );
        }
        for s in &self.skipped {
            let _ = writeln!(
                m,
                "| {s}× | {} | not built: {} records of one kind, the format indexes at most {} per kind | | | | | | | | |",
                s * self.counts.iter().sum::<usize>(),
                s * self.max_kind,
                self.max_per_kind
            );
        }
        if let Some(s) = self.sizes.iter().find(|s| s.scale == 1) {
            let share = s.index_bytes as f64 / s.scan_blob_bytes.max(1) as f64;
            let _ = writeln!(
                m,
                "\nOn the feud corpus the word index takes {} ({} of the blob that carries it) and adds {} to the blob without it: the budget of at most {:.0} % is **{}**.",
                bytes(s.index_bytes),
                pct(s.index_bytes, s.blob_bytes),
                pct(s.index_bytes, s.scan_blob_bytes),
                INDEX_BUDGET * 100.0,
                if share <= INDEX_BUDGET { "met" } else { "missed" }
            );
        }
        let _ = writeln!(
            m,
            "The FTS5 database image of the feud corpus (what `sqlite3_deserialize` opens) is {}.\n",
            bytes(self.fts_image_bytes)
        );

        let _ = writeln!(m, "### Build and load times\n");
        let _ = writeln!(
            m,
            "| corpus | generate TOML | compile with index | compile without | validate with index (`from_bytes`) | validate without | FTS5 load | peak RSS: build / FTS5 load / queries |"
        );
        let _ = writeln!(m, "|---|---:|---:|---:|---:|---:|---:|---:|");
        for s in &self.sizes {
            let _ = writeln!(
                m,
                "| {}× | {} | {} | {} | {} | {} | {} | {} / {} / {} |",
                s.scale,
                fmt_dur(s.gen_time),
                fmt_dur(s.compile_time),
                fmt_dur(s.compile_scan_time),
                fmt_dur(s.validate_time),
                fmt_dur(s.validate_scan_time),
                fmt_dur(s.fts_build_time),
                rss(s.peak_rss[0]),
                rss(s.peak_rss[1]),
                rss(s.peak_rss[2]),
            );
        }
        let _ = writeln!(
            m,
            "\nEach size is generated, compiled (with and without the index, from the same TOML, which is then dropped), validated, loaded into FTS5, checked and timed, then freed before the next. Peak RSS is the whole process's high-water mark (`VmHWM`, reset between phases): generating, compiling and validating both blobs; loading FTS5 (both blobs still held); checking agreement and timing the queries.\n"
        );

        let _ = writeln!(
            m,
            "### Start-up: from nothing to the first answer (ranked query `{}`; naive: unranked)\n",
            QUERIES[2].feud
        );
        let _ = writeln!(m, "| approach | median | peak heap |");
        let _ = writeln!(m, "|---|---:|---:|");
        for (id, t, heap) in startup {
            let _ = writeln!(m, "| {id} | {} | {} |", fmt_ns(*t), bytes(*heap));
        }
        let _ = writeln!(
            m,
            "\n`feudfacts-embedded` is `Corpus::embedded()` (the build's blob); `feudfacts-validated-*` is `Corpus::from_bytes` on the feud blob with and without the word index."
        );

        for (s, t) in self.sizes.iter().zip(times) {
            let mark = if s.naive_single.is_some() { " †" } else { "" };
            let _ = writeln!(
                m,
                "\n### {}× ({} records)\n\nEvery matching record read out (feudfacts `matching_records` with the word index and without it, FTS5 `{}`, naive scan; and, for the cost of highlights, feudfacts `matches` with the word index, each hit with its field and highlight range):\n",
                s.scale,
                s.records,
                crate::fts::QUERY_SQL
            );
            let _ = writeln!(
                m,
                "| query | | hits | feudfacts index | feudfacts scan | FTS5 | naive | FTS5 ÷ index | naive ÷ index | scan ÷ index | index, hits with highlights | peak heap index / scan / FTS5 / naive / hits |"
            );
            let _ = writeln!(
                m,
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
            );
            for (i, q) in QUERIES.iter().enumerate() {
                let r = t[i];
                let h = s.heap.get(i).copied().unwrap_or_default();
                let _ = writeln!(
                    m,
                    "| {} | `{}` | {} | {} | {} | {} | {}{mark} | {} | {}{mark} | {} | {} | {} / {} / {} / {} / {} |",
                    q.label,
                    q.feud.replace('|', "\\|"),
                    s.hits.get(i).copied().unwrap_or(0),
                    fmt_ns(r[INDEX]),
                    fmt_ns(r[SCAN]),
                    fmt_ns(r[FTS]),
                    fmt_ns(r[NAIVE]),
                    ratio(r[FTS], r[INDEX]),
                    ratio(r[NAIVE], r[INDEX]),
                    ratio(r[SCAN], r[INDEX]),
                    fmt_ns(r[INDEX_HITS]),
                    bytes(h[0]),
                    bytes(h[1]),
                    bytes(h[2]),
                    bytes(h[3]),
                    bytes(h[4])
                );
            }
            let _ = writeln!(
                m,
                "\nRanked: the best 10 with the total count, each hit's record read (feudfacts `search` into a 10-hit buffer, then `record()` per hit; FTS5 `{}` plus `{}`). The naive scan cannot rank: its ratio is against its unranked time:\n",
                crate::fts::TOP_SQL,
                crate::fts::COUNT_SQL
            );
            let _ = writeln!(
                m,
                "| query | hits | feudfacts index | feudfacts scan | FTS5 | FTS5 ÷ index | naive ÷ index | scan ÷ index | peak heap index / scan / FTS5 |"
            );
            let _ = writeln!(m, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (i, q) in QUERIES.iter().enumerate() {
                let r = t[i];
                let h = s.top_heap.get(i).copied().unwrap_or_default();
                let _ = writeln!(
                    m,
                    "| {} | {} | {} | {} | {} | {} | {}{mark} | {} | {} / {} / {} |",
                    q.label,
                    s.hits.get(i).copied().unwrap_or(0),
                    fmt_ns(r[INDEX_TOP]),
                    fmt_ns(r[SCAN_TOP]),
                    fmt_ns(r[FTS_TOP]),
                    ratio(r[FTS_TOP], r[INDEX_TOP]),
                    ratio(r[NAIVE], r[INDEX_TOP]),
                    ratio(r[SCAN_TOP], r[INDEX_TOP]),
                    bytes(h[0]),
                    bytes(h[1]),
                    bytes(h[2])
                );
            }
            if let Some(single) = &s.naive_single {
                let longest = single.iter().copied().max().unwrap_or_default();
                let _ = writeln!(
                    m,
                    "\n† The naive scan was not timed by criterion at this size: one run of a query took up to {} (the harness times it only when every run takes at most {}). The figure is that single run, from the agreement check.",
                    fmt_dur(longest),
                    fmt_dur(crate::NAIVE_TIMED_MAX)
                );
            }
        }

        let _ = writeln!(
            m,
            "\n### FTS5 ÷ feudfacts with the word index, every size\n"
        );
        let _ = writeln!(
            m,
            "Above 1, feudfacts is faster; below 1, FTS5 is. \"every\" reads every matching record out (feudfacts `matching_records`, FTS5 rowids), \"top 10\" is the ranked search.\n"
        );
        let mut head = String::from("| query |");
        let mut rule = String::from("|---|");
        for s in &self.sizes {
            let _ = write!(head, " {0}× every | {0}× top 10 |", s.scale);
            rule.push_str("---:|---:|");
        }
        let _ = writeln!(m, "{head}\n{rule}");
        for (i, q) in QUERIES.iter().enumerate() {
            let mut row = format!("| {} |", q.label);
            for t in times {
                let _ = write!(
                    row,
                    " {} | {} |",
                    ratio(t[i][FTS], t[i][INDEX]),
                    ratio(t[i][FTS_TOP], t[i][INDEX_TOP])
                );
            }
            let _ = writeln!(m, "{row}");
        }

        let _ = writeln!(m, "\n### Where FTS5 overtakes feudfacts\n");
        let sizes_where = |i: usize, f: usize, x: usize| -> String {
            if times.iter().any(|t| t[i][f].is_none() || t[i][x].is_none()) {
                return "not measured".into();
            }
            let at: Vec<String> = self
                .sizes
                .iter()
                .zip(times)
                .filter(|(_, t)| matches!((t[i][f], t[i][x]), (Some(a), Some(b)) if b < a))
                .map(|(s, _)| format!("{}×", s.scale))
                .collect();
            if at.is_empty() {
                "never".into()
            } else {
                format!("at {}", at.join(", "))
            }
        };
        let span = match (self.sizes.first(), self.sizes.last()) {
            (Some(a), Some(b)) if a.scale != b.scale => format!("{}× to {}×", a.scale, b.scale),
            (Some(a), _) => format!("{}×", a.scale),
            _ => "—".into(),
        };
        let _ = writeln!(
            m,
            "The sizes (of {span}) at which FTS5's median is lower than feudfacts':\n"
        );
        let _ = writeln!(
            m,
            "| query | every match: feudfacts index | every match: feudfacts scan | ranked: feudfacts index | ranked: feudfacts scan |"
        );
        let _ = writeln!(m, "|---|---|---|---|---|");
        for (i, q) in QUERIES.iter().enumerate() {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {} |",
                q.label,
                sizes_where(i, INDEX, FTS),
                sizes_where(i, SCAN, FTS),
                sizes_where(i, INDEX_TOP, FTS_TOP),
                sizes_where(i, SCAN_TOP, FTS_TOP)
            );
        }
        // Per mode: how often FTS5 beats feudfacts with the index, and the
        // range of FTS5 ÷ feudfacts over those cases.
        let mut summary = Vec::new();
        for (mode, f, x) in [
            ("every match read out", INDEX, FTS),
            ("ranked", INDEX_TOP, FTS_TOP),
        ] {
            let ratios: Vec<f64> = times
                .iter()
                .flat_map(|t| t.iter())
                .filter_map(|r| match (r[f], r[x]) {
                    (Some(a), Some(b)) if a > 0.0 => Some(b / a),
                    _ => None,
                })
                .collect();
            let lost: Vec<f64> = ratios.iter().copied().filter(|&r| r < 1.0).collect();
            let (lo, hi) = lost
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), &r| (a.min(r), b.max(r)));
            summary.push(if lost.is_empty() {
                format!("{mode}: none of {} cases", ratios.len())
            } else {
                format!(
                    "{mode}: {} of {} cases (FTS5 ÷ feudfacts {:.2}× to {:.2}×)",
                    lost.len(),
                    ratios.len(),
                    lo,
                    hi
                )
            });
        }
        let _ = writeln!(
            m,
            "
With the word index, FTS5 is faster in (query × size) — {}.",
            summary.join("; ")
        );
        let notes: Vec<&crate::Q> = QUERIES.iter().filter(|q| !q.note.is_empty()).collect();
        if !notes.is_empty() {
            let _ = writeln!(m, "\nFTS5 query syntax used where it differs:\n");
            for q in notes {
                let _ = writeln!(m, "- {}: `{}` — {}", q.label, q.fts, q.note);
            }
        }
        m
    }

    fn svg(&self, times: &Times) -> String {
        // One block per mode, one panel per query, one line per approach.
        struct Line {
            series: usize,
            name: &'static str,
            color: &'static str,
            dash: &'static str,
        }
        const UNRANKED: [Line; 4] = [
            Line {
                series: INDEX,
                name: "feudfacts index",
                color: "#1b7837",
                dash: "",
            },
            Line {
                series: SCAN,
                name: "feudfacts scan",
                color: "#7fbf7b",
                dash: "6,3",
            },
            Line {
                series: FTS,
                name: "SQLite FTS5",
                color: "#2166ac",
                dash: "",
            },
            Line {
                series: NAIVE,
                name: "naive scan",
                color: "#b2182b",
                dash: "2,2",
            },
        ];
        const RANKED: [Line; 3] = [
            Line {
                series: INDEX_TOP,
                name: "feudfacts index",
                color: "#1b7837",
                dash: "",
            },
            Line {
                series: SCAN_TOP,
                name: "feudfacts scan",
                color: "#7fbf7b",
                dash: "6,3",
            },
            Line {
                series: FTS_TOP,
                name: "SQLite FTS5",
                color: "#2166ac",
                dash: "",
            },
        ];
        let (pw, ph, cols) = (300.0, 220.0, 4usize);
        let rows = QUERIES.len().div_ceil(cols);
        let block_h = ph * rows as f64 + 30.0;
        let (w, h) = (pw * cols as f64 + 20.0, 2.0 * block_h + 70.0);
        let pts: Vec<f64> = times
            .iter()
            .flatten()
            .flatten()
            .flatten()
            .copied()
            .collect();
        let (ymin, ymax) = pts
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
        let (ylo, yhi) = if pts.is_empty() {
            (1e2, 1e9)
        } else {
            (
                10f64.powf(ymin.log10().floor()),
                10f64.powf(ymax.log10().ceil()),
            )
        };
        let xs: Vec<f64> = self.sizes.iter().map(|s| s.records.max(1) as f64).collect();
        let (xlo, xhi) = match (xs.first(), xs.last()) {
            (Some(a), Some(b)) => (
                10f64.powf(a.log10().floor()),
                10f64.powf(b.log10().ceil().max(a.log10().floor() + 1.0)),
            ),
            _ => (1e2, 1e6),
        };
        let mut s = String::new();
        let _ = writeln!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="11">"#
        );
        let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
        let _ = writeln!(
            s,
            r#"<text x="{}" y="20" text-anchor="middle" font-size="14">Median query time against corpus size (records), log-log, one run</text>"#,
            w / 2.0
        );
        for (i, l) in UNRANKED.iter().enumerate() {
            let x = w / 2.0 - 280.0 + 145.0 * i as f64;
            let _ = writeln!(
                s,
                r#"<line x1="{x}" y1="38" x2="{}" y2="38" stroke="{}" stroke-width="2" stroke-dasharray="{}"/><text x="{}" y="42">{}</text>"#,
                x + 20.0,
                l.color,
                l.dash,
                x + 24.0,
                l.name
            );
        }
        let single: Vec<bool> = self
            .sizes
            .iter()
            .map(|s| s.naive_single.is_some())
            .collect();
        if single.contains(&true) {
            let _ = writeln!(
                s,
                r#"<text x="{}" y="42" text-anchor="end" font-size="10">hollow marker: one run, not a criterion median</text>"#,
                w - 10.0
            );
        }
        for (bi, (title, lines)) in [
            ("Every matching record read out", &UNRANKED[..]),
            ("Ranked: best 10 and the total", &RANKED[..]),
        ]
        .into_iter()
        .enumerate()
        {
            let top = 55.0 + block_h * bi as f64;
            let _ = writeln!(
                s,
                r#"<text x="10" y="{}" font-size="13" font-weight="bold">{title}</text>"#,
                top + 12.0
            );
            for (qi, q) in QUERIES.iter().enumerate() {
                let (ox, oy) = (
                    10.0 + pw * (qi % cols) as f64,
                    top + 25.0 + ph * (qi / cols) as f64,
                );
                let (l, r, t, b) = (ox + 55.0, ox + pw - 15.0, oy + 20.0, oy + ph - 35.0);
                let px =
                    |x: f64| l + (x.log10() - xlo.log10()) / (xhi.log10() - xlo.log10()) * (r - l);
                let py =
                    |y: f64| b - (y.log10() - ylo.log10()) / (yhi.log10() - ylo.log10()) * (b - t);
                let _ = writeln!(
                    s,
                    r#"<text x="{}" y="{}" text-anchor="middle" font-size="12">{} ({})</text>"#,
                    (l + r) / 2.0,
                    oy + 12.0,
                    q.label,
                    xml(q.feud)
                );
                let _ = writeln!(
                    s,
                    r##"<rect x="{l}" y="{t}" width="{}" height="{}" fill="none" stroke="#999"/>"##,
                    r - l,
                    b - t
                );
                let mut e = ylo.log10() as i32;
                while e <= yhi.log10() as i32 {
                    let y = py(10f64.powi(e));
                    let label = match e {
                        e if e < 3 => format!("{} ns", 10i64.pow(e as u32)),
                        e if e < 6 => format!("{} µs", 10i64.pow(e as u32 - 3)),
                        e if e < 9 => format!("{} ms", 10i64.pow(e as u32 - 6)),
                        e => format!("{} s", 10i64.pow(e as u32 - 9)),
                    };
                    let _ = writeln!(
                        s,
                        r##"<line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="#eee"/><text x="{}" y="{}" text-anchor="end" font-size="9">{label}</text>"##,
                        l - 3.0,
                        y + 3.0
                    );
                    e += 1;
                }
                let mut e = xlo.log10() as i32;
                while e <= xhi.log10() as i32 {
                    let x = px(10f64.powi(e));
                    let _ = writeln!(
                        s,
                        r##"<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="#eee"/><text x="{x}" y="{}" text-anchor="middle" font-size="9">1e{e}</text>"##,
                        b + 12.0
                    );
                    e += 1;
                }
                let _ = writeln!(
                    s,
                    r#"<text x="{}" y="{}" text-anchor="middle" font-size="9">records</text>"#,
                    (l + r) / 2.0,
                    b + 24.0
                );
                for line in lines {
                    let pts: Vec<(f64, f64, bool)> = xs
                        .iter()
                        .zip(times)
                        .zip(&single)
                        .filter_map(|((&x, t), &one)| {
                            t[qi][line.series].map(|y| (px(x), py(y), one && line.series == NAIVE))
                        })
                        .collect();
                    let path: Vec<String> = pts
                        .iter()
                        .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
                        .collect();
                    let _ = writeln!(
                        s,
                        r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}"/>"#,
                        path.join(" "),
                        line.color,
                        line.dash
                    );
                    for (x, y, one) in pts {
                        // A hollow marker: a single run, not a criterion median.
                        let fill = if one { "white" } else { line.color };
                        let _ = writeln!(
                            s,
                            r#"<circle cx="{x:.1}" cy="{y:.1}" r="2.5" fill="{fill}" stroke="{}"/>"#,
                            line.color
                        );
                    }
                }
            }
        }
        s.push_str("</svg>\n");
        s
    }
}

fn rss(n: Option<usize>) -> String {
    match n {
        None => "—".into(),
        Some(n) if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        Some(n) => format!("{:.0} MiB", n as f64 / (1u64 << 20) as f64),
    }
}

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        "—".into()
    } else {
        format!("{:.1} %", part as f64 * 100.0 / whole as f64)
    }
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}
