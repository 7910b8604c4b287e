//! The corpus compiler: reads the human-editable TOML corpus, checks it, and
//! writes the blob the `feudfacts` core reads.
//!
//! The core's `build.rs` calls [`compile`] to embed `corpus/feud.toml`; the
//! `feud compile` command and the benchmarks call it on other corpora. The
//! blob layout, the record types and text folding are not defined here: they
//! come from `feudfacts-format`, the crate the core reads blobs with
//! (re-exported here as [`format`](mod@format), [`records`], [`fold`], [`stem`],
//! [`tokens`] and [`impact`]), so the encoder and the decoder cannot drift.
//!
//! Every mistake in the source is a [`CompileError`] naming the record and
//! field: unknown or duplicate ids, references to missing records, a quote or
//! figure phrasing that is not byte-for-byte in an article it cites (checked
//! when the articles are at hand), a record without sources, a bad date.
//! Identical input gives identical bytes.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod provenance;
pub use provenance::{supports, Support};

// The format this crate writes, from the crate the core reads it with.
pub use feudfacts_format::layout as format;
pub use feudfacts_format::{fold, impact, records, stem, tokens};

use format::{Kind, RecordRef, Section, Segment, Span, SECTION_COUNT};
use records::{
    Date, Dating, Discrepancy, Entity, EntityKind, Event, Figure, Link, Medium, Packed, Phrasing,
    Qualifier, Quote, Record, Side, Source, Text, Variant,
};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

/// A mistake in the corpus source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// The record's id (or `-` for file-level errors).
    pub record: String,
    /// The field at fault.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "record `{}`, field `{}`: {}",
            self.record, self.field, self.message
        )
    }
}

impl std::error::Error for CompileError {}

fn err<T>(record: &str, field: &str, message: impl Into<String>) -> Result<T, CompileError> {
    Err(CompileError {
        record: record.to_string(),
        field: field.to_string(),
        message: message.into(),
    })
}

/// Refuses a list field of `len` items unless it has 1 to 255 (a segment's
/// `item` is one byte): `empty` is the message for none, "at most 255
/// `field`" the one for too many.
fn one_to_255(record: &str, field: &str, len: usize, empty: &str) -> Result<(), CompileError> {
    match len {
        0 => err(record, field, empty),
        1..=255 => Ok(()),
        _ => err(record, field, format!("at most 255 {field}")),
    }
}

/// A compiled blob and its section table (for `Corpus::embedded`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    /// The blob's bytes.
    pub bytes: Vec<u8>,
    /// Where each section lies, in section order.
    pub sections: [Span; SECTION_COUNT],
    /// The strict region: where the strict fields end in `Text`, and how
    /// many segments they are (`feudfacts::Corpus` caches this).
    pub strict: (u32, u32),
}

// ----- the TOML source --------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    #[serde(default)]
    source: Vec<SrcSource>,
    #[serde(default)]
    entity: Vec<SrcEntity>,
    #[serde(default)]
    quote: Vec<SrcQuote>,
    #[serde(default)]
    event: Vec<SrcEvent>,
    #[serde(default)]
    figure: Vec<SrcFigure>,
    #[serde(default)]
    discrepancy: Vec<SrcDiscrepancy>,
    #[serde(default)]
    synonym: Vec<SrcSynonym>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SrcSynonym {
    words: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SrcSource {
    id: String,
    #[serde(default)]
    outlet: String,
    #[serde(default)]
    headline: String,
    published: Option<String>,
    #[serde(default)]
    date_inferred: bool,
    #[serde(default)]
    date_note: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    keywords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SrcEntity {
    id: String,
    name: provenance::Phrase,
    kind: String,
    #[serde(default)]
    roles: Vec<provenance::Phrase>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    keywords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SrcVariant {
    text: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SrcQuote {
    id: String,
    speaker: String,
    text: String,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    variants: Vec<SrcVariant>,
    date: Option<String>,
    #[serde(default)]
    date_inferred: bool,
    #[serde(default)]
    date_note: String,
    medium: String,
    reply_to: Option<String>,
    #[serde(default)]
    context: String,
    #[serde(default)]
    keywords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SrcEvent {
    id: String,
    date: Option<String>,
    #[serde(default)]
    date_inferred: bool,
    #[serde(default)]
    date_note: String,
    title: String,
    summary: String,
    #[serde(default)]
    participants: Vec<String>,
    #[serde(default)]
    quotes: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SrcPhrasing {
    text: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SrcFigure {
    id: String,
    value: i64,
    unit: String,
    qualifier: String,
    refers_to: String,
    #[serde(default)]
    claimed_by: Vec<String>,
    #[serde(default)]
    disputed_by: Vec<String>,
    date: Option<String>,
    #[serde(default)]
    date_inferred: bool,
    #[serde(default)]
    date_note: String,
    #[serde(default)]
    phrasings: Vec<SrcPhrasing>,
    #[serde(default)]
    keywords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SrcSide {
    source: String,
    claim: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SrcDiscrepancy {
    id: String,
    title: String,
    description: String,
    #[serde(default)]
    records: Vec<String>,
    #[serde(default)]
    sides: Vec<SrcSide>,
    #[serde(default)]
    keywords: Vec<String>,
}

// ----- helpers ------------------------------------------------------------------

/// Leaks a buffer: the compiler is a short-lived build step, and records
/// borrow their strings for the whole run.
fn leak(v: Vec<u8>) -> &'static [u8] {
    Box::leak(v.into_boxed_slice())
}

fn text(record: &str, field: &str, s: &str) -> Result<Text<'static>, CompileError> {
    if s.contains('\0') {
        return err(record, field, "contains a NUL character");
    }
    let mut v = s.as_bytes().to_vec();
    v.push(0);
    match Text::from_bytes_with_nul(leak(v)) {
        Some(t) => Ok(t),
        None => err(record, field, "not a valid string"),
    }
}

/// A record's `keywords`: single words or short phrases of our own, at most
/// 255, none empty.
fn keywords(
    record: &str,
    words: &[String],
) -> Result<Packed<'static, Text<'static>>, CompileError> {
    if words.len() > 255 {
        return err(record, "keywords", "at most 255 keywords");
    }
    let mut out = Vec::new();
    for w in words {
        if w.trim().is_empty() {
            return err(record, "keywords", "a keyword is empty");
        }
        if w.split_whitespace().count() > 3 {
            return err(
                record,
                "keywords",
                format!("`{w}` is a sentence; keywords are words (at most three)"),
            );
        }
        out.push(text(record, "keywords", w)?);
    }
    Ok(packed(&out))
}

fn packed<T: serde::Serialize>(items: &[T]) -> Packed<'static, T> {
    let bytes = postcard::to_allocvec(items).expect("encoding into a Vec cannot fail");
    Packed::from_encoded(leak(bytes))
}

fn dating(
    record: &str,
    date: &Option<String>,
    inferred: bool,
    note: &str,
) -> Result<Option<Dating<'static>>, CompileError> {
    let Some(d) = date else {
        if inferred {
            return err(record, "date_inferred", "set without a date");
        }
        return Ok(None);
    };
    let Some(date) = Date::parse(d) else {
        return err(
            record,
            "date",
            format!("`{d}` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        );
    };
    if inferred && note.trim().is_empty() {
        return err(
            record,
            "date_note",
            "an inferred date needs a note saying how",
        );
    }
    Ok(Some(Dating {
        date,
        inferred,
        note: text(record, "date_note", note)?,
    }))
}

fn check_id(id: &str, kind: &str) -> Result<(), CompileError> {
    let ok = !id.is_empty()
        && if kind == "source" {
            id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        } else {
            id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
    if ok {
        Ok(())
    } else {
        err(
            id,
            "id",
            format!("`{id}` is not a valid {kind} id (use lowercase a-z, 0-9 and -)"),
        )
    }
}

struct Ids {
    maps: [HashMap<String, u32>; 6],
}

impl Ids {
    fn get(&self, kind: Kind, record: &str, field: &str, id: &str) -> Result<u32, CompileError> {
        match self.maps[kind as usize].get(id) {
            Some(&i) => Ok(i),
            None => err(record, field, format!("unknown {} id `{id}`", kind.name())),
        }
    }

    fn list(
        &self,
        kind: Kind,
        record: &str,
        field: &str,
        ids: &[String],
    ) -> Result<Vec<u32>, CompileError> {
        ids.iter()
            .map(|id| self.get(kind, record, field, id))
            .collect()
    }

    fn any(&self, record: &str, field: &str, id: &str) -> Result<Link, CompileError> {
        for kind in Kind::ALL {
            if let Some(&i) = self.maps[kind as usize].get(id) {
                return Ok(Link {
                    kind: kind as u8,
                    index: i,
                });
            }
        }
        err(record, field, format!("unknown record id `{id}`"))
    }
}

fn sorted_unique(mut v: Vec<u32>) -> Vec<u32> {
    v.sort_unstable();
    v.dedup();
    v
}

/// No string may be the name or an alias of two entities, compared as search
/// folds them (so `US` and `🇺🇸` are one string): otherwise a lookup by name
/// (`Corpus::entity_by_name`) would be ambiguous. Within one entity such a
/// repeat is harmless and allowed.
fn unique_names(entities: &[SrcEntity]) -> Result<(), CompileError> {
    let mut seen: HashMap<Vec<u8>, &str> = HashMap::new();
    for e in entities {
        let names = std::iter::once(("name".to_string(), e.name.text())).chain(
            e.aliases
                .iter()
                .enumerate()
                .map(|(i, a)| (format!("aliases[{i}]"), a.as_str())),
        );
        for (field, name) in names {
            let mut folded = Vec::new();
            fold::walk(name, |b, _, _| folded.push(b));
            match seen.insert(folded, &e.id) {
                Some(other) if other != e.id => {
                    return err(
                        &e.id,
                        &field,
                        format!("`{name}` is already the name or an alias of `{other}`"),
                    )
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Checks that `needle` is printed byte-for-byte in source `src`.
fn verbatim(
    articles: Option<&HashMap<String, String>>,
    record: &str,
    field: &str,
    needle: &str,
    src: &str,
) -> Result<(), CompileError> {
    let Some(articles) = articles else {
        return Ok(());
    };
    match articles.get(src) {
        Some(body) if body.contains(needle) => Ok(()),
        Some(_) => err(
            record,
            field,
            format!("`{needle}` is not printed byte-for-byte in article {src}"),
        ),
        None => Ok(()),
    }
}

/// Reads the articles (`<id>.txt`) of a seeds folder, if it exists.
pub fn read_articles(dir: &Path) -> Option<HashMap<String, String>> {
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        if path.extension().and_then(|e| e.to_str()) == Some("txt") {
            let id = path.file_stem()?.to_str()?.to_string();
            out.insert(id, std::fs::read_to_string(&path).ok()?);
        }
    }
    Some(out)
}

// ----- compilation ----------------------------------------------------------------

/// What goes into the blob.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Everything in the source.
    #[default]
    Full,
    /// For flash-constrained firmware: every record, quote, variant, date,
    /// citation, figure and discrepancy (description and every side), but
    /// without the prose annotations: entity and source notes, date notes,
    /// quote contexts, and entity roles after the first.
    Compact,
}

impl Profile {
    /// `full` or `compact`.
    pub fn from_name(name: &str) -> Option<Profile> {
        match name {
            "full" => Some(Profile::Full),
            "compact" => Some(Profile::Compact),
            _ => None,
        }
    }
}

/// How to compile: what goes in, and whether the blob carries the optional
/// word index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Which fields go in.
    pub profile: Profile,
    /// Whether to add the word index (`Words` and `Postings`, see
    /// `feudfacts::index`): sub-linear search for large corpora, at about
    /// 16% of the feud blob.
    pub word_index: bool,
}

impl Options {
    /// The defaults for `profile`: the full profile carries the word index,
    /// the compact (firmware) one does not.
    pub fn for_profile(profile: Profile) -> Options {
        Options {
            profile,
            word_index: profile == Profile::Full,
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options::for_profile(Profile::Full)
    }
}

/// Compiles a corpus source with the default [`Options`] (full, with the
/// word index). When `articles` (seed id → text) is given, every quote text,
/// variant and figure phrasing must be printed byte-for-byte in each article
/// it cites.
pub fn compile(
    source: &str,
    articles: Option<&HashMap<String, String>>,
) -> Result<Blob, CompileError> {
    compile_opts(source, articles, Options::default())
}

/// [`compile`] with a choice of [`Profile`] (and its default word index).
pub fn compile_with(
    source: &str,
    articles: Option<&HashMap<String, String>>,
    profile: Profile,
) -> Result<Blob, CompileError> {
    compile_opts(source, articles, Options::for_profile(profile))
}

/// [`compile`] with every option.
pub fn compile_opts(
    source: &str,
    articles: Option<&HashMap<String, String>>,
    options: Options,
) -> Result<Blob, CompileError> {
    let mut file = parse(source)?;
    let index = options.word_index;
    // Check the full source first, so a compact build rejects what a full one does.
    let full = compile_parsed(&file, articles, index)?;
    if options.profile == Profile::Full {
        return Ok(full);
    }
    for s in &mut file.source {
        s.notes.clear();
        s.date_note.clear();
        s.date_inferred = false;
    }
    for e in &mut file.entity {
        e.notes.clear();
        e.roles.truncate(1);
    }
    for q in &mut file.quote {
        q.context.clear();
        q.date_note.clear();
        q.date_inferred = false;
    }
    for e in &mut file.event {
        e.date_note.clear();
        e.date_inferred = false;
    }
    for f in &mut file.figure {
        f.date_note.clear();
        f.date_inferred = false;
    }
    compile_parsed(&file, None, index)
}

fn parse(source: &str) -> Result<SourceFile, CompileError> {
    toml::from_str(source).or_else(|e| err("-", "-", format!("TOML: {e}")))
}

fn compile_parsed(
    file: &SourceFile,
    articles: Option<&HashMap<String, String>>,
    word_index: bool,
) -> Result<Blob, CompileError> {
    // Ids: unique across the whole file.
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut maps: [HashMap<String, u32>; 6] = Default::default();
    let lists: [(Kind, Vec<&str>); 6] = [
        (
            Kind::Source,
            file.source.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            Kind::Entity,
            file.entity.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            Kind::Quote,
            file.quote.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            Kind::Event,
            file.event.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            Kind::Figure,
            file.figure.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            Kind::Discrepancy,
            file.discrepancy.iter().map(|r| r.id.as_str()).collect(),
        ),
    ];
    for (kind, ids) in &lists {
        if ids.len() > format::MAX_RECORDS as usize {
            return err(
                "-",
                kind.name(),
                format!("too many records (at most {})", format::MAX_RECORDS),
            );
        }
        for (i, id) in ids.iter().enumerate() {
            check_id(id, kind.name())?;
            if !seen.insert(id) {
                return err(id, "id", format!("duplicate id `{id}`"));
            }
            maps[*kind as usize].insert(id.to_string(), i as u32);
        }
    }
    let ids = Ids { maps };

    let mut sources = Vec::new();
    for s in &file.source {
        provenance::check_source(s, articles)?;
        sources.push(Source {
            key: text(&s.id, "id", &s.id)?,
            outlet: text(&s.id, "outlet", &s.outlet)?,
            headline: text(&s.id, "headline", &s.headline)?,
            published: dating(&s.id, &s.published, s.date_inferred, &s.date_note)?,
            notes: text(&s.id, "notes", &s.notes)?,
            keywords: keywords(&s.id, &s.keywords)?,
        });
    }

    unique_names(&file.entity)?;
    let mut entities = Vec::new();
    for e in &file.entity {
        let Some(kind) = EntityKind::from_name(&e.kind) else {
            return err(&e.id, "kind", format!("unknown entity kind `{}`", e.kind));
        };
        if e.name.text().trim().is_empty() {
            return err(&e.id, "name", "is empty");
        }
        if e.sources.is_empty() {
            return err(
                &e.id,
                "sources",
                "every record must cite at least one source",
            );
        }
        provenance::check_entity(e, articles)?;
        let roles = e
            .roles
            .iter()
            .map(|r| text(&e.id, "roles", r.text()))
            .collect::<Result<Vec<_>, _>>()?;
        let aliases = e
            .aliases
            .iter()
            .map(|a| text(&e.id, "aliases", a))
            .collect::<Result<Vec<_>, _>>()?;
        if roles.len() > 255 || aliases.len() > 255 {
            return err(&e.id, "aliases", "at most 255 roles and 255 aliases");
        }
        entities.push(Entity {
            key: text(&e.id, "id", &e.id)?,
            name: text(&e.id, "name", e.name.text())?,
            kind,
            roles: packed(&roles),
            aliases: packed(&aliases),
            sources: packed(&sorted_unique(ids.list(
                Kind::Source,
                &e.id,
                "sources",
                &e.sources,
            )?)),
            notes: text(&e.id, "notes", &e.notes)?,
            keywords: keywords(&e.id, &e.keywords)?,
        });
    }

    let mut quotes = Vec::new();
    let mut parents: Vec<Option<u32>> = Vec::new();
    for q in &file.quote {
        let speaker = ids.get(Kind::Entity, &q.id, "speaker", &q.speaker)?;
        let Some(medium) = Medium::from_name(&q.medium) else {
            return err(&q.id, "medium", format!("unknown medium `{}`", q.medium));
        };
        if q.text.trim().is_empty() {
            return err(&q.id, "text", "is empty");
        }
        let text_sources = ids.list(Kind::Source, &q.id, "sources", &q.sources)?;
        for s in &q.sources {
            verbatim(articles, &q.id, "text", &q.text, s)?;
        }
        let mut all = text_sources.clone();
        let mut variants = Vec::new();
        for (vi, v) in q.variants.iter().enumerate() {
            let field = format!("variants[{vi}]");
            if v.sources.is_empty() {
                return err(&q.id, &field, "a variant must cite at least one source");
            }
            for s in &v.sources {
                verbatim(articles, &q.id, &field, &v.text, s)?;
            }
            let vs = sorted_unique(ids.list(Kind::Source, &q.id, &field, &v.sources)?);
            all.extend(&vs);
            variants.push(Variant {
                text: text(&q.id, &field, &v.text)?,
                sources: packed(&vs),
            });
        }
        if variants.len() > 255 {
            return err(&q.id, "variants", "at most 255 variants");
        }
        if all.is_empty() {
            return err(
                &q.id,
                "sources",
                "every record must cite at least one source",
            );
        }
        let reply_to = match &q.reply_to {
            Some(r) => Some(ids.get(Kind::Quote, &q.id, "reply_to", r)?),
            None => None,
        };
        parents.push(reply_to);
        quotes.push(Quote {
            key: text(&q.id, "id", &q.id)?,
            speaker,
            text: text(&q.id, "text", &q.text)?,
            text_sources: packed(&sorted_unique(text_sources)),
            variants: packed(&variants),
            dating: dating(&q.id, &q.date, q.date_inferred, &q.date_note)?,
            medium,
            reply_to,
            context: text(&q.id, "context", &q.context)?,
            sources: packed(&sorted_unique(all)),
            keywords: keywords(&q.id, &q.keywords)?,
        });
    }
    // Reply chains must end, within the depth the core's thread walk allows.
    for (i, q) in file.quote.iter().enumerate() {
        let (mut cur, mut steps) = (parents[i], 0);
        while let Some(p) = cur {
            steps += 1;
            if steps > format::MAX_THREAD_DEPTH {
                return err(
                    &q.id,
                    "reply_to",
                    format!(
                        "reply chain loops or is deeper than {}",
                        format::MAX_THREAD_DEPTH
                    ),
                );
            }
            cur = parents[p as usize];
        }
    }

    let mut events = Vec::new();
    for e in &file.event {
        if e.sources.is_empty() {
            return err(
                &e.id,
                "sources",
                "every record must cite at least one source",
            );
        }
        events.push(Event {
            key: text(&e.id, "id", &e.id)?,
            dating: dating(&e.id, &e.date, e.date_inferred, &e.date_note)?,
            title: text(&e.id, "title", &e.title)?,
            summary: text(&e.id, "summary", &e.summary)?,
            participants: packed(&ids.list(
                Kind::Entity,
                &e.id,
                "participants",
                &e.participants,
            )?),
            quotes: packed(&ids.list(Kind::Quote, &e.id, "quotes", &e.quotes)?),
            sources: packed(&sorted_unique(ids.list(
                Kind::Source,
                &e.id,
                "sources",
                &e.sources,
            )?)),
            keywords: keywords(&e.id, &e.keywords)?,
        });
    }

    let mut figures = Vec::new();
    for f in &file.figure {
        let Some(qualifier) = Qualifier::from_name(&f.qualifier) else {
            return err(
                &f.id,
                "qualifier",
                format!("unknown qualifier `{}`", f.qualifier),
            );
        };
        one_to_255(
            &f.id,
            "phrasings",
            f.phrasings.len(),
            "every figure needs at least one phrasing with its source",
        )?;
        let mut phrasings = Vec::new();
        for (pi, p) in f.phrasings.iter().enumerate() {
            let field = format!("phrasings[{pi}]");
            verbatim(articles, &f.id, &field, &p.text, &p.source)?;
            phrasings.push(Phrasing {
                text: text(&f.id, &field, &p.text)?,
                source: ids.get(Kind::Source, &f.id, &field, &p.source)?,
            });
        }
        let srcs = sorted_unique(phrasings.iter().map(|p| p.source).collect());
        figures.push(Figure {
            key: text(&f.id, "id", &f.id)?,
            value: f.value,
            unit: text(&f.id, "unit", &f.unit)?,
            qualifier,
            refers_to: text(&f.id, "refers_to", &f.refers_to)?,
            claimed_by: packed(&ids.list(Kind::Entity, &f.id, "claimed_by", &f.claimed_by)?),
            disputed_by: packed(&ids.list(Kind::Entity, &f.id, "disputed_by", &f.disputed_by)?),
            dating: dating(&f.id, &f.date, f.date_inferred, &f.date_note)?,
            phrasings: packed(&phrasings),
            sources: packed(&srcs),
            keywords: keywords(&f.id, &f.keywords)?,
        });
    }

    let mut discrepancies = Vec::new();
    for d in &file.discrepancy {
        one_to_255(
            &d.id,
            "sides",
            d.sides.len(),
            "every discrepancy needs at least one side with its source",
        )?;
        let mut sides = Vec::new();
        for (si, s) in d.sides.iter().enumerate() {
            let field = format!("sides[{si}]");
            sides.push(Side {
                source: ids.get(Kind::Source, &d.id, &field, &s.source)?,
                claim: text(&d.id, &field, &s.claim)?,
            });
        }
        let related = d
            .records
            .iter()
            .map(|r| ids.any(&d.id, "records", r))
            .collect::<Result<Vec<_>, _>>()?;
        let srcs = sorted_unique(sides.iter().map(|s| s.source).collect());
        discrepancies.push(Discrepancy {
            key: text(&d.id, "id", &d.id)?,
            title: text(&d.id, "title", &d.title)?,
            description: text(&d.id, "description", &d.description)?,
            sides: packed(&sides),
            related: packed(&related),
            sources: packed(&srcs),
            keywords: keywords(&d.id, &d.keywords)?,
        });
    }

    let all: Vec<Vec<Record<'static>>> = vec![
        sources.into_iter().map(Record::Source).collect(),
        entities.into_iter().map(Record::Entity).collect(),
        quotes.into_iter().map(Record::Quote).collect(),
        events.into_iter().map(Record::Event).collect(),
        figures.into_iter().map(Record::Figure).collect(),
        discrepancies.into_iter().map(Record::Discrepancy).collect(),
    ];
    let synonyms = synonym_groups(&file.synonym)?;
    assemble(&all, word_index, &synonyms)
}

/// The synonym groups of the source, as search terms: each word must be one
/// token, no term may be in two groups, and a group needs two terms.
fn synonym_groups(groups: &[SrcSynonym]) -> Result<Vec<Vec<Vec<u8>>>, CompileError> {
    let mut seen: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let field = format!("synonym[{gi}].words");
        let mut terms: Vec<Vec<u8>> = Vec::new();
        for w in &g.words {
            let mut folded = Vec::new();
            fold::walk(w, |b, _, _| folded.push(b));
            let toks: Vec<(usize, usize)> = tokens::Tokens::new(&folded).collect();
            let [(a, b)] = toks[..] else {
                return err("-", &field, format!("`{w}` is not one word"));
            };
            let t = tokens::term(&folded[a..b]).as_bytes().to_vec();
            if let Some(&other) = seen.get(&t) {
                if other != gi {
                    return err(
                        "-",
                        &field,
                        format!("`{w}` is already in synonym group {other}"),
                    );
                }
                continue;
            }
            seen.insert(t.clone(), gi);
            terms.push(t);
        }
        if terms.len() < 2 {
            return err("-", &field, "a synonym group needs two different words");
        }
        out.push(terms);
    }
    Ok(out)
}

fn encode_record(r: &Record<'static>) -> Vec<u8> {
    let out = match r {
        Record::Source(x) => postcard::to_allocvec(x),
        Record::Entity(x) => postcard::to_allocvec(x),
        Record::Quote(x) => postcard::to_allocvec(x),
        Record::Event(x) => postcard::to_allocvec(x),
        Record::Figure(x) => postcard::to_allocvec(x),
        Record::Discrepancy(x) => postcard::to_allocvec(x),
    };
    out.expect("encoding into a Vec cannot fail")
}

fn record_table(records: &[Record<'static>]) -> Vec<u8> {
    let encoded: Vec<Vec<u8>> = records.iter().map(encode_record).collect();
    let lens: Vec<usize> = encoded.iter().map(Vec::len).collect();
    let mut out = vec![0u8; format::record_table::field::data_start(lens.len())];
    format::RecordTable::encode_index(&lens, &mut out)
        .expect("sized by data_start; the record count was checked against MAX_RECORDS");
    for e in &encoded {
        out.extend_from_slice(e);
    }
    out
}

/// The word index over `text` (see `feudfacts::index`): the `Words` and
/// `Postings` sections.
fn word_index(text: &[u8], seg_starts: &[u32]) -> (Vec<u8>, Vec<u8>) {
    // word -> (offset of its first occurrence, segments containing it)
    let mut map: BTreeMap<&[u8], (u32, Vec<u32>)> = BTreeMap::new();
    let mut seg = 0usize;
    let mut i = 0usize;
    while i < text.len() {
        if !fold::is_word_byte(text[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && fold::is_word_byte(text[i]) {
            i += 1;
        }
        while seg + 1 < seg_starts.len() && seg_starts[seg + 1] as usize <= start {
            seg += 1;
        }
        let e = map
            .entry(&text[start..i])
            .or_insert_with(|| (start as u32, Vec::new()));
        if e.1.last() != Some(&(seg as u32)) {
            e.1.push(seg as u32);
        }
    }
    let mut words = Vec::with_capacity(map.len() * format::WORD_LEN);
    let mut postings = Vec::new();
    let mut buf = [0u8; format::MAX_VARINT_LEN];
    for (first, segs) in map.values() {
        let mut prev = None;
        for &s in segs {
            let n = format::encode_varint(prev.map_or(s, |p| s - p), &mut buf);
            postings.extend_from_slice(&buf[..n]);
            prev = Some(s);
        }
        let entry = format::WordEntry {
            text: *first,
            postings_end: postings.len() as u32,
        };
        words.extend_from_slice(&entry.encode());
    }
    (words, postings)
}

/// One searchable field's place in the text: `[start, end)`, its field and
/// the global index of its record.
struct SegSpan {
    start: usize,
    end: usize,
    field: format::Field,
    doc: u32,
}

/// The term index (see `feudfacts::terms`): the `Terms`, `TermText` and
/// `TermPostings` sections. Every token of every field is counted under its
/// term; a record's impact for a term is the saturated sum over field groups
/// of the best length-normalised, weighted frequency among the group's items.
/// The term index's three sections: `Terms`, `TermText`, `TermPostings`.
type TermSections = (Vec<u8>, Vec<u8>, Vec<u8>);

fn term_index(text: &[u8], segs: &[SegSpan]) -> Result<TermSections, CompileError> {
    let mut lens = [impact::FieldLength::default(); format::FIELD_COUNT];
    let mut seg_len = Vec::with_capacity(segs.len());
    for sp in segs {
        let n = (sp.end - sp.start) as u64;
        lens[sp.field as usize].bytes += n;
        lens[sp.field as usize].segments += 1;
        seg_len.push(n);
    }
    #[derive(Default)]
    struct Acc<'t> {
        forms: BTreeSet<&'t [u8]>,
        // doc -> (segment, form) per occurrence
        occ: BTreeMap<u32, Vec<(usize, &'t [u8])>>,
    }
    let mut terms: BTreeMap<Vec<u8>, Acc> = BTreeMap::new();
    for (si, sp) in segs.iter().enumerate() {
        let seg = &text[sp.start..sp.end];
        for (a, b) in tokens::Tokens::new(seg) {
            let form = &seg[a..b];
            let acc = terms
                .entry(tokens::term(form).as_bytes().to_vec())
                .or_default();
            acc.forms.insert(form);
            acc.occ.entry(sp.doc).or_default().push((si, form));
        }
    }
    let (mut entries, mut strings, mut postings) = (Vec::new(), Vec::new(), Vec::new());
    let mut buf = [0u8; format::MAX_VARINT_LEN];
    for (term, acc) in &terms {
        let forms: Vec<&[u8]> = acc.forms.iter().copied().collect();
        if forms.len() > 255 {
            return err(
                "-",
                "-",
                format!(
                    "the term `{}` has more than 255 forms",
                    String::from_utf8_lossy(term)
                ),
            );
        }
        let text_off = strings.len() as u32;
        strings.extend_from_slice(term);
        strings.push(0);
        for f in &forms {
            strings.extend_from_slice(f);
            strings.push(0);
        }
        let mut prev: Option<u32> = None;
        let mut max_impact = 0u8;
        for (&doc, occ) in &acc.occ {
            let mut per_seg: BTreeMap<usize, u64> = BTreeMap::new();
            let mut mask = 0u8;
            for &(si, form) in occ {
                *per_seg.entry(si).or_default() += 1;
                let fi = forms
                    .binary_search(&form)
                    .expect("every form was collected");
                mask |= format::form_bit(fi);
            }
            let mut best = [0u64; format::FIELD_COUNT];
            for (&si, &tf) in &per_seg {
                let f = segs[si].field;
                let v = impact::pseudo_tf(f, tf, seg_len[si], lens[f as usize]);
                let g = impact::group(f) as usize;
                best[g] = best[g].max(v);
            }
            let imp = impact::saturate(best.iter().sum());
            max_impact = max_impact.max(imp);
            let n = format::encode_varint(prev.map_or(doc, |p| doc - p), &mut buf);
            postings.extend_from_slice(&buf[..n]);
            postings.push(imp);
            if forms.len() > 1 {
                postings.push(mask);
            }
            prev = Some(doc);
        }
        let entry = format::TermEntry {
            text: text_off,
            postings_end: postings.len() as u32,
            df: acc.occ.len() as u32,
            max_impact,
            forms: forms.len() as u8,
        };
        entries.extend_from_slice(&entry.encode());
    }
    Ok((entries, strings, postings))
}

/// The `Synonyms` section: the groups' terms sorted, each with its group,
/// groups numbered in the order their first term sorts.
fn synonyms_table(groups: &[Vec<Vec<u8>>]) -> Vec<u8> {
    let mut all: Vec<(&[u8], usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, terms)| terms.iter().map(move |t| (t.as_slice(), g)))
        .collect();
    all.sort();
    let mut renumber: HashMap<usize, u32> = HashMap::new();
    let mut table = Vec::new();
    let mut strings = Vec::new();
    table.extend_from_slice(&(all.len() as u32).to_le_bytes());
    for &(t, g) in &all {
        let next = renumber.len() as u32;
        let group = *renumber.entry(g).or_insert(next);
        let e = format::SynonymEntry {
            text: strings.len() as u32,
            group,
        };
        table.extend_from_slice(&e.encode());
        strings.extend_from_slice(t);
        strings.push(0);
    }
    table.extend_from_slice(&strings);
    table
}

/// Lays out the blob from resolved records (kind order, index order).
fn assemble(
    all: &[Vec<Record<'static>>],
    with_index: bool,
    synonyms: &[Vec<Vec<u8>>],
) -> Result<Blob, CompileError> {
    let entity_name = |i: u32| match all[Kind::Entity as usize].get(i as usize) {
        Some(Record::Entity(e)) => e.name.as_str(),
        _ => "",
    };

    // Search text and segments.
    let mut text = Vec::new();
    let mut segments = Vec::new();
    let mut seg_starts = Vec::new();
    let mut spans: Vec<SegSpan> = Vec::new();
    // Two passes: the strict fields of every record, then the fields best
    // match alone searches (`Field::is_extra`), so strict matching reads a
    // prefix of `Text` and `Segments`.
    for extra in [false, true] {
        let mut doc = 0u32;
        for recs in all {
            for (i, rec) in recs.iter().enumerate() {
                let speaker = match rec {
                    Record::Quote(q) => entity_name(q.speaker),
                    _ => "",
                };
                records::for_each_field(rec, speaker, |field, item, s| {
                    if field.is_extra() != extra {
                        return;
                    }
                    let start = text.len();
                    fold::walk(s, |b, _, _| text.push(b));
                    if text.len() == start {
                        return; // empty fields have no segment
                    }
                    spans.push(SegSpan {
                        start,
                        end: text.len(),
                        field,
                        doc,
                    });
                    text.push(0);
                    seg_starts.push(start as u32);
                    segments.extend_from_slice(
                        &Segment {
                            start: start as u32,
                            record: i as u32,
                            field,
                            item,
                            plain: fold::keeps_offsets(s),
                        }
                        .encode(),
                    );
                });
                doc += 1;
            }
        }
    }

    // Dates, timeline and keys.
    let mut dates = Vec::new();
    let mut timeline: Vec<(u32, RecordRef)> = Vec::new();
    let mut keys: BTreeMap<&[u8], RecordRef> = BTreeMap::new();
    for (kind, recs) in Kind::ALL.iter().zip(all) {
        for (i, rec) in recs.iter().enumerate() {
            let r = RecordRef::new(*kind, i as u32);
            let packed_date = rec.dating().map_or(0, |d| d.date.pack());
            dates.extend_from_slice(&packed_date.to_le_bytes());
            if packed_date != 0 && matches!(kind, Kind::Quote | Kind::Event) {
                timeline.push((packed_date, r));
            }
            keys.insert(rec.key().as_str().as_bytes(), r);
        }
    }
    timeline.sort();
    let timeline: Vec<u8> = timeline.iter().flat_map(|(_, r)| r.encode()).collect();
    let keys: Vec<u8> = keys.values().flat_map(|r| r.encode()).collect();

    // The word index serves strict matching: the strict region only.
    let strict_segs = spans.iter().take_while(|sp| !sp.field.is_extra()).count();
    let strict_end = spans.get(strict_segs).map_or(text.len(), |sp| sp.start);
    let (words, postings) = if with_index {
        word_index(&text[..strict_end], &seg_starts[..strict_segs])
    } else {
        (Vec::new(), Vec::new())
    };

    let (terms, term_text, term_postings) = term_index(&text, &spans)?;
    let mut values: Vec<format::ValueEntry> = all[Kind::Figure as usize]
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Record::Figure(f) => Some(format::ValueEntry {
                value: f.value,
                figure: i as u32,
            }),
            _ => None,
        })
        .collect();
    values.sort();
    let values: Vec<u8> = values.iter().flat_map(|v| v.encode()).collect();

    let mut bodies: Vec<Vec<u8>> = all.iter().map(|recs| record_table(recs)).collect();
    bodies.push(text);
    bodies.push(segments);
    bodies.push(dates);
    bodies.push(timeline);
    bodies.push(keys);
    bodies.push(words);
    bodies.push(postings);
    bodies.push(terms);
    bodies.push(term_text);
    bodies.push(term_postings);
    bodies.push(synonyms_table(synonyms));
    bodies.push(values);
    debug_assert_eq!(bodies.len(), SECTION_COUNT);
    debug_assert_eq!(Section::ALL.len(), SECTION_COUNT);

    let mut sections = [Span::default(); SECTION_COUNT];
    let mut bytes = vec![0u8; format::PREAMBLE_LEN];
    for (i, body) in bodies.iter().enumerate() {
        sections[i] = Span {
            offset: bytes.len() as u32,
            len: body.len() as u32,
        };
        bytes.extend_from_slice(body);
    }
    // The preamble, written through the same definitions the reader
    // decodes with; then sealed with the checksum of the whole blob.
    let mut header = format::Header {
        total_len: bytes.len() as u32,
        checksum: 0,
        sections,
    };
    header
        .encode(&mut bytes)
        .expect("the blob starts with PREAMBLE_LEN bytes");
    header.checksum = format::checksum(&bytes).expect("blob is longer than its header");
    header
        .encode(&mut bytes)
        .expect("the blob starts with PREAMBLE_LEN bytes");
    Ok(Blob {
        bytes,
        sections,
        strict: (strict_end as u32, strict_segs as u32),
    })
}

/// The Rust source of the embedded section table, for `build.rs`.
pub fn sections_rust(blob: &Blob) -> String {
    let mut s = String::from("[");
    for span in &blob.sections {
        s.push_str(&format!(
            "crate::format::Span {{ offset: {}, len: {} }}, ",
            span.offset, span.len
        ));
    }
    s.push(']');
    s
}
