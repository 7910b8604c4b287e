//! How one response mentions a record, a source, an entity or a date: the
//! small JSON pieces every response shares, so a source or a date looks the
//! same in a search hit, a card, the timeline and the thread.

use crate::json::Json;
use feudfacts::{Corpus, Dating, Kind, Packed, Precision, Record, RecordRef, Side};

/// `{"date":"2025-01-22","precision":"day","inferred":true,"note":"…"}`, or
/// `null` for an undated record.
pub fn dating(w: &mut Json, d: Option<Dating<'_>>) {
    let Some(d) = d else {
        w.null();
        return;
    };
    let mut buf = [0u8; 10];
    w.obj(|w| {
        w.key("date").str(d.date.iso(&mut buf));
        w.key("precision").str(match d.date.precision() {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        });
        w.key("inferred").bool(d.inferred);
        w.key("note").str(d.note.as_str());
    });
}

/// A source as every response names it: its index, key, seed file name,
/// outlet, headline and publication date.
pub fn source(w: &mut Json, c: &Corpus<'_>, index: u32) {
    let Some(s) = c.source(index) else {
        w.null();
        return;
    };
    w.obj(|w| {
        w.key("index").uint(index.into());
        w.key("key").str(s.key.as_str());
        w.key("file").str(&format!("{}.txt", s.key.as_str()));
        w.key("outlet").str(s.outlet.as_str());
        w.key("headline").str(s.headline.as_str());
        w.key("published");
        dating(w, s.published);
    });
}

/// An array of sources by index.
pub fn sources(w: &mut Json, c: &Corpus<'_>, indexes: impl Iterator<Item = u32>) {
    w.arr(|w| indexes.for_each(|i| source(w, c, i)));
}

/// A discrepancy's sides: each article's claim with the article.
pub fn sides(w: &mut Json, c: &Corpus<'_>, sides: Packed<'_, Side<'_>>) {
    w.arr(|w| {
        for s in sides.iter() {
            w.obj(|w| {
                w.key("claim").str(s.claim.as_str());
                w.key("source");
                source(w, c, s.source);
            });
        }
    });
}

/// An entity as other records name it: `{"index":3,"name":"Sam Altman"}`.
pub fn entity(w: &mut Json, c: &Corpus<'_>, index: u32) {
    match c.entity(index) {
        Some(e) => w.obj(|w| {
            w.key("index").uint(index.into());
            w.key("name").str(e.name.as_str());
            w.key("kind").str(e.kind.name());
        }),
        None => w.null(),
    };
}

/// An array of entities by index.
pub fn entities(w: &mut Json, c: &Corpus<'_>, indexes: impl Iterator<Item = u32>) {
    w.arr(|w| indexes.for_each(|i| entity(w, c, i)));
}

/// The line a record is listed under: a quote's text, an event's,
/// discrepancy's or figure's title, an entity's name, a source's headline
/// (or outlet, or key).
pub fn label<'a>(rec: &Record<'a>) -> &'a str {
    match rec {
        Record::Source(s) => [s.headline, s.outlet, s.key]
            .into_iter()
            .find(|t| !t.is_empty())
            .map_or("", |t| t.as_str()),
        Record::Entity(e) => e.name.as_str(),
        Record::Quote(q) => q.text.as_str(),
        Record::Event(e) => e.title.as_str(),
        Record::Figure(f) => f.refers_to.as_str(),
        Record::Discrepancy(d) => d.title.as_str(),
    }
}

/// A record as a link to its card: kind, index, key, label, date, and for a
/// quote its speaker.
pub fn record(w: &mut Json, c: &Corpus<'_>, r: RecordRef) {
    let Some(rec) = c.record(r) else {
        w.null();
        return;
    };
    w.obj(|w| {
        w.key("kind").str(r.kind.name());
        w.key("index").uint(r.index.into());
        w.key("key").str(rec.key().as_str());
        w.key("label").str(label(&rec));
        w.key("dating");
        dating(w, rec.dating());
        if let Record::Quote(q) = rec {
            w.key("speaker");
            entity(w, c, q.speaker);
            w.key("medium").str(q.medium.name());
            w.key("reply_to");
            match q.reply_to {
                Some(p) => w.uint(p.into()),
                None => w.null(),
            };
        }
    });
}

/// The discrepancies linked to `r`: where the articles disagree about it.
pub fn disagreements_about<'a>(c: &Corpus<'a>, r: RecordRef) -> impl Iterator<Item = u32> + 'a {
    c.records(Kind::Discrepancy)
        .filter_map(move |(d, rec)| match rec {
            Record::Discrepancy(x) => x
                .related
                .iter()
                .any(|l| l.kind == r.kind as u8 && l.index == r.index)
                .then_some(d.index),
            _ => None,
        })
}
