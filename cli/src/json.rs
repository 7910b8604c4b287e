//! `--json` output: one JSON object per line, every field of every record.
//!
//! Each object has a `kind`: a record kind (`source`, `entity`, `quote`,
//! `event`, `figure`, `discrepancy`), `summary` (the last line of a search)
//! or `stats`. Records carry the members every record has (`id`, `index`,
//! `text`, `date`, `date_inferred`, `date_note`, `sources`) and then their
//! kind's own, with references to other records by key (entities also by
//! name) and sources by seed file name. The schema is
//! `docs/feud-json.schema.json`, checked against real output by
//! `cli/tests/json_schema.rs`; members are only ever added.

use feudfacts::{Corpus, Dating, Kind, Record, RecordRef, Text};
use serde::Serialize;
use std::io::{self, Write};

/// Writes `value` as one line of JSON.
pub fn line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// Where a search hit matched (the members a search adds to a record).
#[derive(Serialize, Clone, Copy)]
pub struct HitInfo {
    /// The matched field's name ([`feudfacts::Field::name`]).
    pub field: &'static str,
    /// Which item of a list field.
    pub item: u8,
    /// The byte range of the match in that field's text.
    #[serde(rename = "match")]
    pub range: [u32; 2],
    /// How many of the record's fields (strict) or of the query's words
    /// (best match) matched.
    pub matched_fields: u8,
    /// Whether the record has every word of the query.
    pub complete: bool,
    /// The best-match score (0 in strict mode).
    pub score: u32,
}

impl HitInfo {
    /// From a hit.
    pub fn new(h: &feudfacts::Hit) -> HitInfo {
        HitInfo {
            field: h.field.name(),
            item: h.item,
            range: [h.start, h.end],
            matched_fields: h.matched_fields,
            complete: h.complete,
            score: h.score,
        }
    }
}

/// What a command adds to a record's object.
#[derive(Serialize, Default, Clone, Copy)]
pub struct Extra {
    /// Search: where it matched.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub hit: Option<HitInfo>,
    /// Thread: the depth below the root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<usize>,
}

#[derive(Serialize)]
struct Common<'a> {
    kind: &'static str,
    id: &'a str,
    index: u32,
    text: &'a str,
    date: Option<String>,
    date_inferred: bool,
    date_note: Option<&'a str>,
    sources: Vec<String>,
    keywords: Vec<&'a str>,
}

#[derive(Serialize)]
struct EntityRef<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct QuoteRef<'a> {
    id: &'a str,
    speaker: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct VariantJson<'a> {
    text: &'a str,
    sources: Vec<String>,
}

#[derive(Serialize)]
struct PhrasingJson<'a> {
    text: &'a str,
    source: String,
}

#[derive(Serialize)]
struct SideJson<'a> {
    source: String,
    claim: &'a str,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    kind: &'static str,
    id: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Detail<'a> {
    Source {
        file: String,
        outlet: Option<&'a str>,
        headline: Option<&'a str>,
        notes: Option<&'a str>,
    },
    Entity {
        name: &'a str,
        entity_kind: &'static str,
        roles: Vec<&'a str>,
        aliases: Vec<&'a str>,
        notes: Option<&'a str>,
    },
    Quote {
        speaker: &'a str,
        speaker_id: &'a str,
        medium: &'static str,
        context: Option<&'a str>,
        text_sources: Vec<String>,
        variants: Vec<VariantJson<'a>>,
        reply_to: Option<QuoteRef<'a>>,
        replies: Vec<QuoteRef<'a>>,
    },
    Event {
        title: &'a str,
        summary: &'a str,
        participants: Vec<EntityRef<'a>>,
        quotes: Vec<QuoteRef<'a>>,
    },
    Figure {
        value: i64,
        unit: &'a str,
        qualifier: &'static str,
        refers_to: &'a str,
        claimed_by: Vec<EntityRef<'a>>,
        disputed_by: Vec<EntityRef<'a>>,
        phrasings: Vec<PhrasingJson<'a>>,
    },
    Discrepancy {
        title: &'a str,
        description: &'a str,
        sides: Vec<SideJson<'a>>,
        related: Vec<LinkJson<'a>>,
    },
}

#[derive(Serialize)]
struct RecordJson<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    #[serde(flatten)]
    detail: Detail<'a>,
    #[serde(flatten)]
    extra: Extra,
}

/// Empty text as `null`.
fn opt(t: Text<'_>) -> Option<&str> {
    (!t.is_empty()).then(|| t.as_str())
}

/// A source index as its seed file name.
fn file(c: &Corpus<'_>, s: u32) -> String {
    c.source(s)
        .map_or_else(|| format!("source {s}"), |s| format!("{}.txt", s.key))
}

fn files<'a>(c: &Corpus<'a>, list: impl Iterator<Item = u32>) -> Vec<String> {
    list.map(|s| file(c, s)).collect()
}

fn entity_ref<'a>(c: &Corpus<'a>, e: u32) -> Option<EntityRef<'a>> {
    let e = c.entity(e)?;
    Some(EntityRef {
        id: e.key.as_str(),
        name: e.name.as_str(),
    })
}

fn quote_ref<'a>(c: &Corpus<'a>, q: u32) -> Option<QuoteRef<'a>> {
    let q = c.quote(q)?;
    Some(QuoteRef {
        id: q.key.as_str(),
        speaker: c.entity(q.speaker).map_or("", |e| e.name.as_str()),
        text: q.text.as_str(),
    })
}

/// The quotes replying to quote `q`, in index order.
pub fn replies<'a>(c: &Corpus<'a>, q: u32) -> impl Iterator<Item = u32> + 'a {
    let c = *c;
    (0..c.count(Kind::Quote) as u32)
        .filter(move |&i| c.quote(i).and_then(|x| x.reply_to) == Some(q))
}

/// The main text of a record: what `text` holds and a search shows.
pub fn main_text<'a>(rec: &Record<'a>) -> &'a str {
    match rec {
        Record::Source(s) if !s.headline.is_empty() => s.headline.as_str(),
        Record::Source(s) => s.outlet.as_str(),
        Record::Entity(e) => e.name.as_str(),
        Record::Quote(q) => q.text.as_str(),
        Record::Event(e) => e.summary.as_str(),
        Record::Figure(f) => f.refers_to.as_str(),
        Record::Discrepancy(d) => d.description.as_str(),
    }
}

fn detail<'a>(c: &Corpus<'a>, r: RecordRef, rec: &Record<'a>) -> Detail<'a> {
    match *rec {
        Record::Source(s) => Detail::Source {
            file: format!("{}.txt", s.key),
            outlet: opt(s.outlet),
            headline: opt(s.headline),
            notes: opt(s.notes),
        },
        Record::Entity(e) => Detail::Entity {
            name: e.name.as_str(),
            entity_kind: e.kind.name(),
            roles: e.roles.iter().map(|t| t.as_str()).collect(),
            aliases: e.aliases.iter().map(|t| t.as_str()).collect(),
            notes: opt(e.notes),
        },
        Record::Quote(q) => {
            let speaker = c.entity(q.speaker);
            Detail::Quote {
                speaker: speaker.map_or("", |e| e.name.as_str()),
                speaker_id: speaker.map_or("", |e| e.key.as_str()),
                medium: q.medium.name(),
                context: opt(q.context),
                text_sources: files(c, q.text_sources.iter()),
                variants: q
                    .variants
                    .iter()
                    .map(|v| VariantJson {
                        text: v.text.as_str(),
                        sources: files(c, v.sources.iter()),
                    })
                    .collect(),
                reply_to: q.reply_to.and_then(|p| quote_ref(c, p)),
                replies: replies(c, r.index)
                    .filter_map(|r| quote_ref(c, r))
                    .collect(),
            }
        }
        Record::Event(e) => Detail::Event {
            title: e.title.as_str(),
            summary: e.summary.as_str(),
            participants: e
                .participants
                .iter()
                .filter_map(|p| entity_ref(c, p))
                .collect(),
            quotes: e.quotes.iter().filter_map(|q| quote_ref(c, q)).collect(),
        },
        Record::Figure(f) => Detail::Figure {
            value: f.value,
            unit: f.unit.as_str(),
            qualifier: f.qualifier.name(),
            refers_to: f.refers_to.as_str(),
            claimed_by: f
                .claimed_by
                .iter()
                .filter_map(|e| entity_ref(c, e))
                .collect(),
            disputed_by: f
                .disputed_by
                .iter()
                .filter_map(|e| entity_ref(c, e))
                .collect(),
            phrasings: f
                .phrasings
                .iter()
                .map(|p| PhrasingJson {
                    text: p.text.as_str(),
                    source: file(c, p.source),
                })
                .collect(),
        },
        Record::Discrepancy(d) => Detail::Discrepancy {
            title: d.title.as_str(),
            description: d.description.as_str(),
            sides: d
                .sides
                .iter()
                .map(|s| SideJson {
                    source: file(c, s.source),
                    claim: s.claim.as_str(),
                })
                .collect(),
            related: d
                .related
                .iter()
                .filter_map(|l| {
                    let r = RecordRef::new(Kind::from_u8(l.kind)?, l.index);
                    Some(LinkJson {
                        kind: r.kind.name(),
                        id: c.key(r)?.as_str(),
                    })
                })
                .collect(),
        },
    }
}

/// Writes record `r` as one line, with `extra` members.
pub fn record(out: &mut dyn Write, c: &Corpus<'_>, r: RecordRef, extra: Extra) -> io::Result<()> {
    let Some(rec) = c.record(r) else {
        return Ok(());
    };
    let dating: Option<Dating<'_>> = rec.dating();
    let common = Common {
        kind: r.kind.name(),
        id: rec.key().as_str(),
        index: r.index,
        text: main_text(&rec),
        date: dating.map(|d| d.date.to_string()),
        date_inferred: dating.is_some_and(|d| d.inferred),
        date_note: dating.and_then(|d| opt(d.note)),
        sources: files(c, c.sources_of(r)),
        keywords: rec.keywords().iter().map(|t| t.as_str()).collect(),
    };
    line(
        out,
        &RecordJson {
            common,
            detail: detail(c, r, &rec),
            extra,
        },
    )
}

/// The stats object.
#[derive(Serialize)]
pub struct StatsJson {
    /// Always `stats`.
    pub kind: &'static str,
    /// Records of each kind.
    pub sources: usize,
    /// See `sources`.
    pub entities: usize,
    /// See `sources`.
    pub quotes: usize,
    /// See `sources`.
    pub events: usize,
    /// See `sources`.
    pub figures: usize,
    /// See `sources`.
    pub discrepancies: usize,
    /// The blob's size.
    pub blob_bytes: usize,
    /// The folded search text's size.
    pub search_text_bytes: usize,
    /// Searchable fields.
    pub fields: usize,
    /// Words in the word index (0 without one).
    pub index_words: usize,
    /// The word index's size (0 without one).
    pub index_bytes: usize,
}
