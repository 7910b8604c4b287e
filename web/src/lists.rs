//! The page's browsing views as responses: the timeline (optionally one
//! date range, such as the January 22 exchange), a reply thread, where the
//! articles disagree, the quote of the day and the corpus's counts.

use crate::json::Json;
use crate::refs;
use crate::search::unpack_date;
use feudfacts::{Corpus, Date, Error, Kind, Record, RecordRef};

/// `{"items":[…]}`: the dated quotes and events in chronological order
/// (each as [`refs::record`]), all of them or those overlapping `from..=to`
/// (packed dates, 0 for an open end). [`Error::InvalidArgument`] for a bad
/// or reversed range.
pub fn timeline(c: &Corpus<'_>, from: u32, to: u32) -> Result<String, Error> {
    let (from, to) = (unpack_date(from)?, unpack_date(to)?);
    // Open ends become the widest dates there are.
    let lo = from.or(Date::new(1, 0, 0)).ok_or(Error::InvalidArgument)?;
    let hi = to
        .or(Date::new(u16::MAX, 0, 0))
        .ok_or(Error::InvalidArgument)?;
    if lo.first_day() > hi.last_day() {
        return Err(Error::InvalidArgument);
    }
    let mut w = Json::new();
    w.obj(|w| {
        w.key("items").arr(|w| {
            for (r, _) in c.in_range(lo, hi) {
                refs::record(w, c, r);
            }
        });
    });
    Ok(w.finish())
}

/// `{"root":…,"quotes":[…]}`: the reply thread around quote `quote`, depth
/// first, each quote with its `depth` (the root is 0), text and sources.
pub fn thread(c: &Corpus<'_>, quote: u32) -> Result<String, Error> {
    let root = c.thread_root(quote).ok_or(Error::NotFound)?;
    let mut w = Json::new();
    w.obj(|w| {
        w.key("root").uint(root.into());
        w.key("quotes").arr(|w| {
            for (i, depth) in c.thread(quote) {
                let Some(q) = c.quote(i) else { continue };
                w.obj(|w| {
                    w.key("index").uint(i.into());
                    w.key("depth").uint(depth as u64);
                    w.key("key").str(q.key.as_str());
                    w.key("text").str(q.text.as_str());
                    w.key("speaker");
                    refs::entity(w, c, q.speaker);
                    w.key("medium").str(q.medium.name());
                    w.key("dating");
                    refs::dating(w, q.dating);
                    w.key("sources");
                    refs::sources(w, c, q.sources.iter());
                });
            }
        });
    });
    Ok(w.finish())
}

/// `{"items":[…]}`: every discrepancy with its title, description and each
/// article's side.
pub fn disagreements(c: &Corpus<'_>) -> String {
    let mut w = Json::new();
    w.obj(|w| {
        w.key("items").arr(|w| {
            for (r, rec) in c.records(Kind::Discrepancy) {
                let Record::Discrepancy(d) = rec else {
                    continue;
                };
                w.obj(|w| {
                    w.key("kind").str(r.kind.name());
                    w.key("index").uint(r.index.into());
                    w.key("key").str(d.key.as_str());
                    w.key("title").str(d.title.as_str());
                    w.key("description").str(d.description.as_str());
                    w.key("sides");
                    refs::sides(w, c, d.sides);
                });
            }
        });
    });
    w.finish()
}

/// The card of the quote of the day for `seed` (the page passes days since
/// 1970, then the next seeds for the attract mode).
pub fn quote_of_the_day(c: &Corpus<'_>, seed: u32) -> Result<String, Error> {
    let i = c.quote_of_the_day(seed.into()).ok_or(Error::NotFound)?;
    crate::cards::card(c, RecordRef::new(Kind::Quote, i))
}

/// `{"counts":{"source":5,…},"blob_bytes":…,"records":…}`.
pub fn stats(c: &Corpus<'_>) -> String {
    let s = c.stats();
    let mut w = Json::new();
    w.obj(|w| {
        w.key("counts").obj(|w| {
            for (k, n) in Kind::ALL.iter().zip(s.counts) {
                w.key(k.name()).uint(n as u64);
            }
        });
        w.key("records").uint(c.total_records() as u64);
        w.key("blob_bytes").uint(s.blob_bytes as u64);
        w.key("version").str(env!("CARGO_PKG_VERSION"));
    });
    w.finish()
}

/// `{"kind":"quote","index":3}`: the record with this key.
pub fn find_key(c: &Corpus<'_>, key: &[u8]) -> Result<String, Error> {
    let key = core::str::from_utf8(key).map_err(|e| Error::InvalidUtf8 {
        valid_up_to: e.valid_up_to(),
    })?;
    let r = c.find_key(key).ok_or(Error::NotFound)?;
    let mut w = Json::new();
    w.obj(|w| {
        w.key("kind").str(r.kind.name());
        w.key("index").uint(r.index.into());
    });
    Ok(w.finish())
}
