//! Turns one run's criterion medians into the tables of `BENCHMARKS.md` and
//! the scaling chart (a hand-written SVG: one log-log panel per query, one
//! line per approach).
//!
//! Only estimates written during this run are used, so every figure in the
//! output comes from the same run; anything missing is shown as `—` and the
//! documentation is then left untouched.

use crate::{QUERIES, SERIES};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// What one corpus size measured outside criterion.
pub struct Size {
    /// Multiple of the feud corpus.
    pub scale: usize,
    /// Records in the corpus.
    pub records: usize,
    /// Size of the generated TOML source.
    pub toml_bytes: usize,
    /// Size of the compiled blob.
    pub blob_bytes: usize,
    /// Size of the folded search text inside the blob.
    pub search_text_bytes: usize,
    /// Time to generate the TOML.
    pub gen_time: Duration,
    /// Time `feudfacts_compile::compile` took.
    pub compile_time: Duration,
    /// Time `Corpus::from_bytes` took.
    pub validate_time: Duration,
    /// Time to load the records into FTS5.
    pub fts_build_time: Duration,
    /// Records found per query (all approaches agree).
    pub hits: Vec<usize>,
    /// Peak heap bytes per query, per approach.
    pub heap: Vec<[usize; 3]>,
    /// Peak heap bytes per ranked query, feudfacts and FTS5.
    pub top_heap: Vec<[usize; 2]>,
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
        // times[size][query][series]
        let times: Vec<Vec<[Option<f64>; 5]>> = self
            .sizes
            .iter()
            .map(|s| {
                let g = format!("scale-{}x", s.scale);
                QUERIES
                    .iter()
                    .map(|q| SERIES.map(|a| med(&g, a, q.id)))
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

    fn markdown(
        &self,
        times: &[Vec<[Option<f64>; 5]>],
        startup: &[(&str, Option<f64>, usize)],
    ) -> String {
        let mut m = String::new();
        let _ = writeln!(m, "Machine: {}.\n", cpu());
        let _ = writeln!(
            m,
            "Feud corpus: {} sources, {} entities, {} quotes, {} events, {} figures, {} discrepancies.\n",
            self.counts[0], self.counts[1], self.counts[2], self.counts[3], self.counts[4], self.counts[5]
        );

        let _ = writeln!(m, "### Corpus sizes and build times\n");
        let _ = writeln!(
            m,
            "| corpus | records | TOML | blob | search text | generate | compile | validate (`from_bytes`) | FTS5 load |"
        );
        let _ = writeln!(m, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for s in &self.sizes {
            let _ = writeln!(
                m,
                "| {}× | {} | {} | {} | {} | {} | {} | {} | {} |",
                s.scale,
                s.records,
                bytes(s.toml_bytes),
                bytes(s.blob_bytes),
                bytes(s.search_text_bytes),
                fmt_dur(s.gen_time),
                fmt_dur(s.compile_time),
                fmt_dur(s.validate_time),
                fmt_dur(s.fts_build_time)
            );
        }
        for s in &self.skipped {
            let _ = writeln!(
                m,
                "| {s}× | {} | — | not built: {} records of one kind, the format indexes at most {} per kind | | | | | |",
                s * self.counts.iter().sum::<usize>(),
                s * self.max_kind,
                self.max_per_kind
            );
        }
        let _ = writeln!(
            m,
            "\nThe FTS5 database image of the feud corpus is {}.\n",
            bytes(self.fts_image_bytes)
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

        for (s, t) in self.sizes.iter().zip(times) {
            let _ = writeln!(
                m,
                "\n### {}× ({} records)\n\nEvery matching record read out (feudfacts `matches`, FTS5 `{}`, naive scan):\n",
                s.scale,
                s.records,
                crate::fts::QUERY_SQL
            );
            let _ = writeln!(
                m,
                "| query | | hits | feudfacts | FTS5 | naive | FTS5 ÷ feudfacts | naive ÷ feudfacts | peak heap feudfacts / FTS5 / naive |"
            );
            let _ = writeln!(m, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
            for (i, q) in QUERIES.iter().enumerate() {
                let [f, x, n, _, _] = t[i];
                let h = s.heap.get(i).copied().unwrap_or_default();
                let _ = writeln!(
                    m,
                    "| {} | `{}` | {} | {} | {} | {} | {} | {} | {} / {} / {} |",
                    q.label,
                    q.feud.replace('|', "\\|"),
                    s.hits.get(i).copied().unwrap_or(0),
                    fmt_ns(f),
                    fmt_ns(x),
                    fmt_ns(n),
                    ratio(x, f),
                    ratio(n, f),
                    bytes(h[0]),
                    bytes(h[1]),
                    bytes(h[2])
                );
            }
            let _ = writeln!(
                m,
                "\nRanked: the best 10 with the total count, each hit's record read (feudfacts `search` into a 10-hit buffer, then `record()` per hit; FTS5 `{}` plus `{}`). The naive column repeats the unranked scan, which is all a naive scan can do:\n",
                crate::fts::TOP_SQL,
                crate::fts::COUNT_SQL
            );
            let _ = writeln!(
                m,
                "| query | hits | feudfacts | FTS5 | FTS5 ÷ feudfacts | naive ÷ feudfacts | peak heap feudfacts / FTS5 |"
            );
            let _ = writeln!(m, "|---|---:|---:|---:|---:|---:|---:|");
            for (i, q) in QUERIES.iter().enumerate() {
                let [_, _, n, f, x] = t[i];
                let h = s.top_heap.get(i).copied().unwrap_or_default();
                let _ = writeln!(
                    m,
                    "| {} | {} | {} | {} | {} | {} | {} / {} |",
                    q.label,
                    s.hits.get(i).copied().unwrap_or(0),
                    fmt_ns(f),
                    fmt_ns(x),
                    ratio(x, f),
                    ratio(n, f),
                    bytes(h[0]),
                    bytes(h[1])
                );
            }
        }

        let _ = writeln!(m, "\n### Where FTS5 overtakes feudfacts\n");
        let last = self.sizes.last().map_or(0, |s| s.scale);
        for (i, q) in QUERIES.iter().enumerate() {
            let mut line = format!("- {}:", q.label);
            for (mode, f, x) in [("every match", 0, 1), ("ranked top 10", 3, 4)] {
                let measured = times.iter().all(|t| t[i][f].is_some() && t[i][x].is_some());
                let over = self
                    .sizes
                    .iter()
                    .zip(times)
                    .find(|(_, t)| matches!((t[i][f], t[i][x]), (Some(a), Some(b)) if b < a))
                    .map(|(s, _)| s.scale);
                let _ = match over {
                    _ if !measured => write!(line, " {mode}: not measured;"),
                    Some(sc) => write!(line, " {mode}: FTS5 faster from {sc}×;"),
                    None => write!(line, " {mode}: never, up to {last}×;"),
                };
            }
            line.pop();
            let _ = writeln!(m, "{line}.");
        }
        let notes: Vec<&crate::Q> = QUERIES.iter().filter(|q| !q.note.is_empty()).collect();
        if !notes.is_empty() {
            let _ = writeln!(m, "\nFTS5 query syntax used where it differs:\n");
            for q in notes {
                let _ = writeln!(m, "- {}: `{}` — {}", q.label, q.fts, q.note);
            }
        }
        m
    }

    fn svg(&self, times: &[Vec<[Option<f64>; 5]>]) -> String {
        const COLORS: [&str; 5] = ["#1b7837", "#2166ac", "#b2182b", "#a6dba0", "#92c5de"];
        const DASH: [&str; 5] = ["", "", "", "6,3", "6,3"];
        let (pw, ph, cols) = (300.0, 220.0, 4usize);
        let rows = QUERIES.len().div_ceil(cols);
        let (w, h) = (pw * cols as f64 + 20.0, ph * rows as f64 + 70.0);
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
        for (i, a) in SERIES.iter().enumerate() {
            let x = w / 2.0 - 330.0 + 135.0 * i as f64;
            let _ = writeln!(
                s,
                r#"<line x1="{x}" y1="38" x2="{}" y2="38" stroke="{}" stroke-width="2" stroke-dasharray="{}"/><text x="{}" y="42">{a}</text>"#,
                x + 20.0,
                COLORS[i],
                DASH[i],
                x + 24.0
            );
        }
        for (qi, q) in QUERIES.iter().enumerate() {
            let (ox, oy) = (
                10.0 + pw * (qi % cols) as f64,
                55.0 + ph * (qi / cols) as f64,
            );
            let (l, r, t, b) = (ox + 55.0, ox + pw - 15.0, oy + 20.0, oy + ph - 35.0);
            let px = |x: f64| l + (x.log10() - xlo.log10()) / (xhi.log10() - xlo.log10()) * (r - l);
            let py = |y: f64| b - (y.log10() - ylo.log10()) / (yhi.log10() - ylo.log10()) * (b - t);
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
            for (ai, color) in COLORS.iter().enumerate() {
                let line: Vec<String> = xs
                    .iter()
                    .zip(times)
                    .filter_map(|(&x, t)| t[qi][ai].map(|y| format!("{:.1},{:.1}", px(x), py(y))))
                    .collect();
                let _ = writeln!(
                    s,
                    r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"/>"#,
                    line.join(" ")
                );
                for p in &line {
                    let (x, y) = p.split_once(',').unwrap_or(("0", "0"));
                    let _ = writeln!(s, r#"<circle cx="{x}" cy="{y}" r="2.5" fill="{color}"/>"#);
                }
            }
        }
        s.push_str("</svg>\n");
        s
    }
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}
