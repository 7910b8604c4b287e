//! Record cards: everything the page shows when a visitor opens a record,
//! with every reference resolved (names, source articles, linked records),
//! so the page never has to look anything up itself.
//!
//! Every card has `kind`, `index`, `key`, `label`, `dating`, `sources` (each
//! source article, as [`crate::refs::source`]) and `disagreements` (the
//! discrepancies linked to the record); the rest depends on the kind.

use crate::json::Json;
use crate::refs;
use feudfacts::{Corpus, Error, Kind, Record, RecordRef};

/// The card of record `r`, or [`Error::NotFound`].
pub fn card(c: &Corpus<'_>, r: RecordRef) -> Result<String, Error> {
    let rec = c.record(r).ok_or(Error::NotFound)?;
    let mut w = Json::new();
    w.obj(|w| {
        w.key("kind").str(r.kind.name());
        w.key("index").uint(r.index.into());
        w.key("key").str(rec.key().as_str());
        w.key("label").str(refs::label(&rec));
        w.key("dating");
        refs::dating(w, rec.dating());
        w.key("sources");
        refs::sources(w, c, c.sources_of(r));
        w.key("disagreements");
        records(w, c, Kind::Discrepancy, refs::disagreements_about(c, r));
        body(w, c, r, &rec);
    });
    Ok(w.finish())
}

/// The members particular to each kind.
fn body(w: &mut Json, c: &Corpus<'_>, r: RecordRef, rec: &Record<'_>) {
    match rec {
        Record::Source(s) => {
            w.key("file").str(&format!("{}.txt", s.key.as_str()));
            w.key("outlet").str(s.outlet.as_str());
            w.key("headline").str(s.headline.as_str());
            w.key("notes").str(s.notes.as_str());
            // What the corpus takes from this article, by kind.
            w.key("cited_by").obj(|w| {
                for kind in Kind::ALL.into_iter().filter(|&k| k != Kind::Source) {
                    let n = c
                        .records(kind)
                        .filter(|(x, _)| c.sources_of(*x).any(|s| s == r.index))
                        .count();
                    w.key(kind.name()).uint(n as u64);
                }
            });
        }
        Record::Entity(e) => {
            w.key("name").str(e.name.as_str());
            w.key("entity_kind").str(e.kind.name());
            w.key("roles");
            texts(w, e.roles.iter());
            w.key("aliases");
            texts(w, e.aliases.iter());
            w.key("notes").str(e.notes.as_str());
            w.key("quotes");
            records(w, c, Kind::Quote, c.quotes_by(r.index).map(|(i, _)| i));
        }
        Record::Quote(q) => {
            w.key("text").str(q.text.as_str());
            w.key("speaker");
            refs::entity(w, c, q.speaker);
            w.key("medium").str(q.medium.name());
            w.key("context").str(q.context.as_str());
            w.key("text_sources");
            refs::sources(w, c, q.text_sources.iter());
            w.key("variants").arr(|w| {
                for v in q.variants.iter() {
                    w.obj(|w| {
                        w.key("text").str(v.text.as_str());
                        w.key("sources");
                        refs::sources(w, c, v.sources.iter());
                    });
                }
            });
            w.key("reply_to");
            match q.reply_to {
                Some(p) => refs::record(w, c, RecordRef::new(Kind::Quote, p)),
                None => {
                    w.null();
                }
            }
            w.key("replies");
            let replies = c
                .records(Kind::Quote)
                .filter(|(_, x)| matches!(x, Record::Quote(x) if x.reply_to == Some(r.index)));
            records(w, c, Kind::Quote, replies.map(|(x, _)| x.index));
            w.key("events");
            let events = c.records(Kind::Event).filter(
                |(_, x)| matches!(x, Record::Event(e) if e.quotes.iter().any(|i| i == r.index)),
            );
            records(w, c, Kind::Event, events.map(|(x, _)| x.index));
        }
        Record::Event(e) => {
            w.key("title").str(e.title.as_str());
            w.key("summary").str(e.summary.as_str());
            w.key("participants");
            refs::entities(w, c, e.participants.iter());
            w.key("quotes");
            records(w, c, Kind::Quote, e.quotes.iter());
        }
        Record::Figure(f) => {
            w.key("value").int_str(f.value);
            w.key("unit").str(f.unit.as_str());
            w.key("qualifier").str(f.qualifier.name());
            w.key("refers_to").str(f.refers_to.as_str());
            w.key("claimed_by");
            refs::entities(w, c, f.claimed_by.iter());
            w.key("disputed_by");
            refs::entities(w, c, f.disputed_by.iter());
            w.key("phrasings").arr(|w| {
                for p in f.phrasings.iter() {
                    w.obj(|w| {
                        w.key("text").str(p.text.as_str());
                        w.key("source");
                        refs::source(w, c, p.source);
                    });
                }
            });
        }
        Record::Discrepancy(d) => {
            w.key("title").str(d.title.as_str());
            w.key("description").str(d.description.as_str());
            w.key("sides");
            refs::sides(w, c, d.sides);
            w.key("related").arr(|w| {
                for l in d.related.iter() {
                    if let Some(kind) = Kind::from_u8(l.kind) {
                        refs::record(w, c, RecordRef::new(kind, l.index));
                    }
                }
            });
        }
    }
}

/// An array of references to records of one kind, as [`refs::record`].
fn records(w: &mut Json, c: &Corpus<'_>, kind: Kind, indexes: impl Iterator<Item = u32>) {
    w.arr(|w| {
        for i in indexes {
            refs::record(w, c, RecordRef::new(kind, i));
        }
    });
}

/// An array of strings.
fn texts<'a>(w: &mut Json, items: impl Iterator<Item = feudfacts::records::Text<'a>>) {
    w.arr(|w| {
        for t in items {
            w.str(t.as_str());
        }
    });
}
