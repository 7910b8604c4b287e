//! Search quality against the anchor, on the judged query sets
//! (`tests/judged/queries.toml`, tuned on, and `tests/heldout/queries.toml`,
//! scored once): feudfacts' best match against SQLite FTS5 as a careful
//! user would set it up for natural queries — `tokenize = 'porter unicode61
//! remove_diacritics 2'`, one row per record over the same fields feudfacts
//! searches, the query's words ORed, `ORDER BY bm25() LIMIT 10`. Prints
//! top-3 success, MRR@10 and empty results for both, per set and per
//! category, and (with `QUALITY_WRITE=1`) writes the table into
//! BENCHMARKS.md between its `quality` markers.
//!
//! `cargo bench --bench quality` (a few seconds: no timing, only ranks).

use feudfacts::records::for_each_field;
use feudfacts::{Corpus, Filter, Hit, Kind, Query, Record, RecordRef};
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct File {
    query: Vec<Judged>,
}

#[derive(Deserialize)]
struct Judged {
    q: String,
    answers: Vec<String>,
    kind: String,
}

fn load(rel: &str) -> Vec<Judged> {
    let path = format!("{}/../{rel}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str::<File>(&text)
        .expect("query set parses")
        .query
}

fn rowid_of(r: RecordRef) -> i64 {
    (r.kind as i64) << 32 | r.index as i64
}

fn record_of(rowid: i64) -> RecordRef {
    RecordRef::new(
        Kind::from_u8((rowid >> 32) as u8).expect("our rowids"),
        rowid as u32,
    )
}

/// The FTS5 anchor: porter stemming, one row per record.
fn fts(c: &Corpus<'_>) -> Connection {
    let mut conn = Connection::open_in_memory().expect("sqlite");
    conn.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2')",
        [],
    )
    .expect("create");
    let tx = conn.transaction().expect("begin");
    {
        let mut ins = tx
            .prepare("INSERT INTO docs(rowid, body) VALUES (?1, ?2)")
            .expect("prepare");
        for kind in Kind::ALL {
            for (r, rec) in c.records(kind) {
                let speaker = match &rec {
                    Record::Quote(q) => c.entity(q.speaker).map_or("", |e| e.name.as_str()),
                    _ => "",
                };
                let mut body = String::new();
                for_each_field(&rec, speaker, |_, _, s| {
                    body.push_str(s);
                    body.push('\n');
                });
                ins.execute(rusqlite::params![rowid_of(r), body])
                    .expect("insert");
            }
        }
    }
    tx.commit().expect("commit");
    conn
}

/// The query's words, ORed, each quoted (FTS5 syntax never fails).
fn or_query(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.to_lowercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(" OR "))
}

fn fts_top(conn: &Connection, c: &Corpus<'_>, q: &str) -> Vec<String> {
    let Some(m) = or_query(q) else {
        return Vec::new();
    };
    let mut st = conn
        .prepare("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs) LIMIT 10")
        .expect("prepare");
    let rows = st
        .query_map([m], |r| r.get::<_, i64>(0))
        .expect("query")
        .filter_map(Result::ok);
    rows.filter_map(|id| c.key(record_of(id)).map(|k| k.to_string()))
        .collect()
}

fn feud_top(c: &Corpus<'_>, q: &str) -> Vec<String> {
    let mut hits = [Hit::EMPTY; 10];
    let Some(s) = Query::parse(q)
        .ok()
        .and_then(|q| c.search(&q, &Filter::NONE, &mut hits).ok())
    else {
        return Vec::new();
    };
    hits[..s.returned]
        .iter()
        .filter_map(|h| c.key(h.record))
        .map(|k| k.to_string())
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Score {
    n: usize,
    top3: usize,
    rr: f64,
    empty: usize,
}

impl Score {
    fn add(&mut self, got: &[String], answers: &[String]) {
        self.n += 1;
        if got.is_empty() {
            self.empty += 1;
        }
        if let Some(p) = got.iter().position(|k| answers.contains(k)) {
            self.rr += 1.0 / (p + 1) as f64;
            if p < 3 {
                self.top3 += 1;
            }
        }
    }
    fn cells(&self) -> String {
        format!(
            "{:.1}% ({}/{}) | {:.3} | {}",
            100.0 * self.top3 as f64 / self.n.max(1) as f64,
            self.top3,
            self.n,
            self.rr / self.n.max(1) as f64,
            self.empty
        )
    }
}

fn main() {
    let c = Corpus::embedded();
    let conn = fts(&c);
    let mut table = String::from(
        "| set | engine | top-3 success | MRR@10 | empty results |\n|---|---|---:|---:|---:|\n",
    );
    let mut by_kind = String::new();
    for (name, rel) in [
        ("judged (tuned on)", "tests/judged/queries.toml"),
        ("held-out (scored once)", "tests/heldout/queries.toml"),
    ] {
        let set = load(rel);
        let (mut ours, mut theirs) = (Score::default(), Score::default());
        let mut kinds: BTreeMap<String, (Score, Score)> = BTreeMap::new();
        for j in set.iter().filter(|j| j.kind != "none") {
            let (a, b) = (feud_top(&c, &j.q), fts_top(&conn, &c, &j.q));
            ours.add(&a, &j.answers);
            theirs.add(&b, &j.answers);
            let e = kinds.entry(j.kind.clone()).or_default();
            e.0.add(&a, &j.answers);
            e.1.add(&b, &j.answers);
        }
        table += &format!("| {name} | feudfacts, best match | {} |\n", ours.cells());
        table += &format!("| {name} | FTS5, porter, OR, bm25 | {} |\n", theirs.cells());
        by_kind += &format!("\n{name}, top-3 success by category (feudfacts / FTS5):\n\n| category | feudfacts | FTS5 |\n|---|---:|---:|\n");
        for (k, (a, b)) in &kinds {
            by_kind += &format!("| {k} | {}/{} | {}/{} |\n", a.top3, a.n, b.top3, b.n);
        }
        assert!(
            ours.top3 > theirs.top3,
            "{name}: feudfacts must beat FTS5 on top-3 success"
        );
    }
    println!("{table}{by_kind}");
    if std::env::var_os("QUALITY_WRITE").is_some() {
        let path = format!("{}/../BENCHMARKS.md", env!("CARGO_MANIFEST_DIR"));
        let doc = std::fs::read_to_string(&path).expect("BENCHMARKS.md");
        let (b, e) = ("<!-- BEGIN quality -->", "<!-- END quality -->");
        let body = format!("{b}\n{table}{by_kind}{e}");
        let doc = match (doc.find(b), doc.find(e)) {
            (Some(i), Some(j)) => format!("{}{body}{}", &doc[..i], &doc[j + e.len()..]),
            _ => format!("{doc}\n{body}\n"),
        };
        std::fs::write(&path, doc).expect("write BENCHMARKS.md");
    }
}
