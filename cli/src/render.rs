//! Human-readable records: a brief block for lists (search, who, thread,
//! random) and every field for `feud show`.
//!
//! Both end with the line `[KIND KEY] sources: FILES`, which names the record
//! for `feud show` and its sources for checking. References to other records
//! are given by name or key, never by bare index; an inferred date says how
//! it was inferred in `show`.

use crate::json::{main_text, replies};
use feudfacts::{Corpus, Dating, Kind, Record, RecordRef};
use std::io::{self, Write};

fn files(c: &Corpus<'_>, list: impl Iterator<Item = u32>) -> String {
    let v: Vec<String> = list
        .filter_map(|s| c.source(s))
        .map(|s| format!("{}.txt", s.key))
        .collect();
    v.join(", ")
}

fn entity_names(c: &Corpus<'_>, list: impl Iterator<Item = u32>) -> String {
    let v: Vec<&str> = list
        .filter_map(|e| c.entity(e))
        .map(|e| e.name.as_str())
        .collect();
    v.join(", ")
}

fn speaker<'a>(c: &Corpus<'a>, e: u32) -> &'a str {
    c.entity(e).map_or("?", |e| e.name.as_str())
}

/// A quote by key, speaker and text: `q-… (Elon Musk: “…”)`.
fn quote_line(c: &Corpus<'_>, q: u32) -> String {
    match c.quote(q) {
        Some(q) => format!("{} ({}: “{}”)", q.key, speaker(c, q.speaker), q.text),
        None => format!("quote {q}"),
    }
}

/// The date, with "(inferred)" or, in full, how it was inferred.
fn date_text(d: Option<Dating<'_>>, how: bool) -> String {
    match d {
        None => "undated".into(),
        Some(d) if !d.inferred => d.date.to_string(),
        Some(d) if how && !d.note.is_empty() => format!("{} (inferred: {})", d.date, d.note),
        Some(d) => format!("{} (inferred)", d.date),
    }
}

/// The closing line naming the record and its sources.
fn footer(out: &mut dyn Write, c: &Corpus<'_>, r: RecordRef, rec: &Record<'_>) -> io::Result<()> {
    writeln!(
        out,
        "  [{} {}] sources: {}",
        r.kind.name(),
        rec.key(),
        files(c, c.sources_of(r))
    )
}

/// A record as a few lines, for lists.
pub fn brief(out: &mut dyn Write, c: &Corpus<'_>, r: RecordRef) -> io::Result<()> {
    let Some(rec) = c.record(r) else {
        return Ok(());
    };
    let date = date_text(rec.dating(), false);
    match &rec {
        Record::Quote(q) => {
            writeln!(out, "“{}”", q.text)?;
            writeln!(
                out,
                "  — {}, {date} ({})",
                speaker(c, q.speaker),
                q.medium.name()
            )?;
            if let Some(p) = q.reply_to.and_then(|p| c.quote(p)) {
                writeln!(out, "  in reply to {}", p.key)?;
            }
        }
        Record::Event(e) => {
            writeln!(out, "{date}  {}", e.title)?;
            writeln!(out, "  {}", e.summary)?;
        }
        Record::Entity(e) => {
            writeln!(out, "{} ({})", e.name, e.kind.name())?;
            let aliases: Vec<&str> = e.aliases.iter().map(|t| t.as_str()).collect();
            if !aliases.is_empty() {
                writeln!(out, "  also: {}", aliases.join(", "))?;
            }
        }
        Record::Figure(f) => {
            writeln!(
                out,
                "{} {} ({}) — {}",
                f.value,
                f.unit,
                f.qualifier.name(),
                f.refers_to
            )?;
            for p in f.phrasings.iter() {
                let src = files(c, std::iter::once(p.source));
                writeln!(out, "  “{}” ({src})", p.text)?;
            }
        }
        Record::Discrepancy(d) => {
            writeln!(out, "{}", d.title)?;
            writeln!(out, "  {}", d.description)?;
        }
        Record::Source(s) => {
            writeln!(out, "{}.txt", s.key)?;
            writeln!(out, "  {}", main_text(&rec))?;
        }
    }
    footer(out, c, r, &rec)
}

/// A labelled line, left out when `value` is empty.
fn field(out: &mut dyn Write, label: &str, value: &str) -> io::Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    writeln!(out, "  {label}: {value}")
}

/// Every field of a record.
pub fn full(out: &mut dyn Write, c: &Corpus<'_>, r: RecordRef) -> io::Result<()> {
    let Some(rec) = c.record(r) else {
        return Ok(());
    };
    let date = date_text(rec.dating(), true);
    match &rec {
        Record::Source(s) => {
            writeln!(out, "{}.txt", s.key)?;
            field(out, "outlet", s.outlet.as_str())?;
            field(out, "headline", s.headline.as_str())?;
            field(out, "published", &date)?;
            field(out, "notes", s.notes.as_str())?;
        }
        Record::Entity(e) => {
            writeln!(out, "{} ({})", e.name, e.kind.name())?;
            for role in e.roles.iter() {
                field(out, "role", role.as_str())?;
            }
            let aliases: Vec<&str> = e.aliases.iter().map(|t| t.as_str()).collect();
            field(out, "also", &aliases.join(", "))?;
            field(out, "notes", e.notes.as_str())?;
        }
        Record::Quote(q) => {
            writeln!(out, "“{}”", q.text)?;
            writeln!(out, "  — {} ({})", speaker(c, q.speaker), q.medium.name())?;
            field(out, "date", &date)?;
            field(out, "context", q.context.as_str())?;
            field(out, "printed so in", &files(c, q.text_sources.iter()))?;
            for v in q.variants.iter() {
                let label = format!("variant in {}", files(c, v.sources.iter()));
                field(out, &label, &format!("“{}”", v.text))?;
            }
            if let Some(p) = q.reply_to {
                field(out, "in reply to", &quote_line(c, p))?;
            }
            for reply in replies(c, r.index) {
                field(out, "reply", &quote_line(c, reply))?;
            }
        }
        Record::Event(e) => {
            writeln!(out, "{}", e.title)?;
            writeln!(out, "  {}", e.summary)?;
            field(out, "date", &date)?;
            field(out, "participants", &entity_names(c, e.participants.iter()))?;
            for q in e.quotes.iter() {
                field(out, "quote", &quote_line(c, q))?;
            }
        }
        Record::Figure(f) => {
            writeln!(out, "{}", f.refers_to)?;
            writeln!(
                out,
                "  value: {} {} ({})",
                f.value,
                f.unit,
                f.qualifier.name()
            )?;
            field(out, "date", &date)?;
            field(out, "claimed by", &entity_names(c, f.claimed_by.iter()))?;
            field(out, "disputed by", &entity_names(c, f.disputed_by.iter()))?;
            for p in f.phrasings.iter() {
                let label = format!("phrased in {}", files(c, std::iter::once(p.source)));
                field(out, &label, &format!("“{}”", p.text))?;
            }
        }
        Record::Discrepancy(d) => {
            writeln!(out, "{}", d.title)?;
            writeln!(out, "  {}", d.description)?;
            for s in d.sides.iter() {
                let label = files(c, std::iter::once(s.source));
                field(out, &label, s.claim.as_str())?;
            }
            let related: Vec<String> = d
                .related
                .iter()
                .filter_map(|l| {
                    let r = RecordRef::new(Kind::from_u8(l.kind)?, l.index);
                    Some(format!("{} {}", r.kind.name(), c.key(r)?))
                })
                .collect();
            field(out, "related", &related.join(", "))?;
        }
    }
    let keywords: Vec<&str> = rec.keywords().iter().map(|t| t.as_str()).collect();
    field(out, "keywords", &keywords.join(", "))?;
    footer(out, c, r, &rec)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_text(kind: Kind, key: &str) -> String {
        let c = Corpus::embedded();
        let r = c.find_key(key).unwrap();
        assert_eq!(r.kind, kind);
        let mut out = Vec::new();
        full(&mut out, &c, r).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn show_gives_every_field_of_every_record() {
        // Every string of every record appears in its full rendering.
        let c = Corpus::embedded();
        for kind in Kind::ALL {
            for (r, rec) in c.records(kind) {
                let mut out = Vec::new();
                full(&mut out, &c, r).unwrap();
                let text = String::from_utf8(out).unwrap();
                let ok = rec.for_each_text(|t| {
                    assert!(
                        text.contains(t.as_str()),
                        "{} {}: {:?} missing from\n{text}",
                        kind.name(),
                        rec.key(),
                        t.as_str()
                    );
                });
                assert!(ok);
            }
        }
    }

    #[test]
    fn quotes_show_replies_and_who_they_answer() {
        let root = full_text(Kind::Quote, "q-softbank-well-under-10b");
        assert!(
            root.contains("  reply: q-wrong-as-you-surely-know (Sam Altman: “wrong"),
            "{root}"
        );
        let reply = full_text(Kind::Quote, "q-wrong-as-you-surely-know");
        assert!(
            reply.contains("  in reply to: q-softbank-well-under-10b (Elon Musk: “SoftBank"),
            "{reply}"
        );
        assert!(reply.contains("  date: 2025-01-22"), "{reply}");
    }

    #[test]
    fn figures_name_who_claims_and_disputes() {
        let c = Corpus::embedded();
        let (r, f) = c
            .records(Kind::Figure)
            .find_map(|(r, rec)| match rec {
                Record::Figure(f) if !f.disputed_by.is_empty() => Some((r, f)),
                _ => None,
            })
            .expect("a disputed figure");
        let mut out = Vec::new();
        full(&mut out, &c, r).unwrap();
        let text = String::from_utf8(out).unwrap();
        let disputer = c.entity(f.disputed_by.get(0).unwrap()).unwrap().name;
        assert!(
            text.contains(&format!("  disputed by: {disputer}")),
            "{text}"
        );
    }
}
