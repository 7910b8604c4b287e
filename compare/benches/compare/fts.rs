//! The SQLite FTS5 baseline, built the way a careful user would: one
//! in-memory FTS5 table with the `unicode61 remove_diacritics 2` tokenizer,
//! one row per record (its searchable fields, the same ones feudfacts'
//! strict matching searches, one per line), loaded in a single transaction, queried with a
//! prepared statement that is reused, every matching row read out.
//!
//! The rowid encodes the record: `kind << 32 | index`, so rowid order is
//! feudfacts' corpus order.

use feudfacts::records::for_each_field;
use feudfacts::{Corpus, Kind, Record, RecordRef};
use rusqlite::{Connection, Statement};

/// Every matching record, in rowid order.
pub const QUERY_SQL: &str = "SELECT rowid FROM docs WHERE docs MATCH ?1";
/// The ten best matches by FTS5's bm25 rank, with their text.
pub const TOP_SQL: &str = "SELECT rowid, body FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 10";
/// How many records match.
pub const COUNT_SQL: &str = "SELECT count(*) FROM docs WHERE docs MATCH ?1";

const SCHEMA: &str =
    "CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')";

/// The record a rowid stands for.
pub fn record_of(rowid: i64) -> RecordRef {
    let kind = Kind::from_u8((rowid >> 32) as u8).expect("rowids are written by `build`");
    RecordRef::new(kind, (rowid & 0xffff_ffff) as u32)
}

/// The rowid of a record.
pub fn rowid_of(r: RecordRef) -> i64 {
    (r.kind as i64) << 32 | r.index as i64
}

/// Opens an in-memory database and loads every record of `corpus`.
pub fn build(corpus: &Corpus<'_>) -> Connection {
    let mut conn = Connection::open_in_memory().expect("open in-memory SQLite");
    conn.execute(SCHEMA, []).expect("create the FTS5 table");
    let tx = conn.transaction().expect("begin");
    {
        let mut insert = tx
            .prepare("INSERT INTO docs(rowid, body) VALUES (?1, ?2)")
            .expect("prepare insert");
        let mut body = String::new();
        for kind in Kind::ALL {
            for (r, rec) in corpus.records(kind) {
                body.clear();
                let speaker = match &rec {
                    Record::Quote(q) => corpus.entity(q.speaker).map(|e| e.name.as_str()),
                    _ => None,
                };
                // The fields strict matching searches (its semantics are
                // what FTS5's AND queries are compared with).
                for_each_field(&rec, speaker.unwrap_or(""), |f, _, s| {
                    if !f.is_extra() {
                        body.push_str(s);
                        body.push('\n');
                    }
                });
                insert
                    .execute(rusqlite::params![rowid_of(r), body])
                    .expect("insert a record");
            }
        }
    }
    tx.commit().expect("commit");
    conn
}

/// The database's in-memory image (what an application would embed).
pub fn image(conn: &mut Connection) -> Vec<u8> {
    conn.serialize(rusqlite::MAIN_DB)
        .expect("serialize the database")
        .to_vec()
}

/// The database's size in bytes (pages × page size).
pub fn size(conn: &Connection) -> usize {
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("page_count");
    let page: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .expect("page_size");
    (pages * page) as usize
}

/// Opens a read-only database straight from an image, without copying it.
pub fn open_image(image: &'static [u8]) -> Connection {
    let mut conn = Connection::open_in_memory().expect("open in-memory SQLite");
    conn.deserialize_bytes(rusqlite::MAIN_DB, image)
        .expect("deserialize the image");
    conn
}

/// Prepares the search statement.
pub fn prepare(conn: &Connection) -> Statement<'_> {
    conn.prepare(QUERY_SQL).expect("prepare the search")
}

/// Runs one search, calling `each` with the rowid of every matching row.
pub fn run(stmt: &mut Statement<'_>, fts_query: &str, mut each: impl FnMut(i64)) {
    let mut rows = stmt.query([fts_query]).expect("run the search");
    while let Some(row) = rows.next().expect("step") {
        each(row.get(0).expect("rowid"));
    }
}

/// Every record matching `fts_query`, in rowid (corpus) order.
pub fn records(stmt: &mut Statement<'_>, fts_query: &str) -> Vec<RecordRef> {
    let mut out = Vec::new();
    run(stmt, fts_query, |id| out.push(record_of(id)));
    out
}

/// The two statements of a ranked search: the best ten, and the total.
pub struct Ranked<'c> {
    top: Statement<'c>,
    count: Statement<'c>,
}

impl<'c> Ranked<'c> {
    /// Prepares both statements.
    pub fn prepare(conn: &'c Connection) -> Ranked<'c> {
        Ranked {
            top: conn.prepare(TOP_SQL).expect("prepare the ranked search"),
            count: conn.prepare(COUNT_SQL).expect("prepare the count"),
        }
    }

    /// Runs a ranked search: calls `each` with the rowid and text of the ten
    /// best rows, and returns how many rows match in all.
    pub fn run(&mut self, fts_query: &str, mut each: impl FnMut(i64, &str)) -> usize {
        let mut rows = self.top.query([fts_query]).expect("run the ranked search");
        while let Some(row) = rows.next().expect("step") {
            let body = row.get_ref(1).expect("body").as_str().expect("text");
            each(row.get(0).expect("rowid"), body);
        }
        let total: i64 = self
            .count
            .query_row([fts_query], |r| r.get(0))
            .expect("count");
        total as usize
    }
}
