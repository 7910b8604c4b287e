//! The records: `feud_ref` (a kind and an index), the six record structs
//! that `feud_get_*` fill (every string a `feud_str` into the blob, every
//! list a count), and the lists inside records (`feud_list_len`,
//! `feud_list_item`, `feud_variant_source`).

use feudfacts::{Corpus, Kind, Record, RecordRef, Text};

use crate::corpus::*;
use crate::date::*;
use crate::enums::*;
use crate::status::*;
use crate::strings::*;

/// A reference to one record: its kind and its index (id) within the kind.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct feud_ref {
    /// The kind (`FEUD_KIND_*`).
    pub kind: feud_kind,
    /// The index within the kind.
    pub index: u32,
}

impl feud_ref {
    /// A core record reference.
    pub(crate) fn of(r: RecordRef) -> feud_ref {
        feud_ref {
            kind: r.kind as u8,
            index: r.index,
        }
    }
}

/// Reads the handle, then record `kind` `index` as the core's reference
/// (an unknown kind is an invalid argument; the index is not looked up).
pub(crate) fn record_of<'h>(
    corpus: *const feud_corpus,
    kind: feud_kind,
    index: u32,
) -> Res<(&'h Corpus<'static>, RecordRef)> {
    let c = corpus_of(corpus)?;
    Ok((c, RecordRef::new(kind_of(kind)?, index)))
}

/// A news article the facts come from.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_source {
    /// The key (the seed file name).
    pub key: feud_str,
    /// The outlet; may be empty.
    pub outlet: feud_str,
    /// The headline; may be empty.
    pub headline: feud_str,
    /// When it was published.
    pub published: feud_dating,
    /// Notes; may be empty.
    pub notes: feud_str,
}

/// A person, company, project, outlet, institution or place.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_entity {
    /// The key, e.g. `sam-altman`.
    pub key: feud_str,
    /// The name.
    pub name: feud_str,
    /// What it is (`FEUD_ENTITY_*`).
    pub kind: feud_entity_kind,
    /// What it is, spelled: `person`, `company`, ...
    pub kind_name: feud_str,
    /// Number of roles (`FEUD_LIST_ROLES`).
    pub role_count: u32,
    /// Number of aliases (`FEUD_LIST_ALIASES`).
    pub alias_count: u32,
    /// Number of sources naming it (`FEUD_LIST_SOURCES`).
    pub source_count: u32,
    /// Notes; may be empty.
    pub notes: feud_str,
}

/// A direct quotation.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_quote {
    /// The key, e.g. `q-wrong-as-you-surely-know`.
    pub key: feud_str,
    /// Index of the speaking entity.
    pub speaker: u32,
    /// The speaker's name.
    pub speaker_name: feud_str,
    /// The canonical text, byte for byte as printed.
    pub text: feud_str,
    /// When it was said.
    pub dating: feud_dating,
    /// How it was delivered (`FEUD_MEDIUM_*`).
    pub medium: feud_medium,
    /// How it was delivered, spelled: `x-post`, ...
    pub medium_name: feud_str,
    /// Index of the quote this one replies to, or -1. Signed for the -1:
    /// every index (at most `FEUD_MAX_RECORDS`) fits.
    pub reply_to: i32,
    /// What it was said about.
    pub context: feud_str,
    /// Number of sources printing `text` exactly (`FEUD_LIST_TEXT_SOURCES`).
    pub text_source_count: u32,
    /// Number of variant printings (`FEUD_LIST_VARIANTS`).
    pub variant_count: u32,
    /// Number of sources carrying it at all (`FEUD_LIST_SOURCES`).
    pub source_count: u32,
}

/// A dated or datable event.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_event {
    /// The key, e.g. `ev-stargate-announced`.
    pub key: feud_str,
    /// When it happened.
    pub dating: feud_dating,
    /// A short title.
    pub title: feud_str,
    /// One sentence.
    pub summary: feud_str,
    /// Number of entities taking part (`FEUD_LIST_PARTICIPANTS`).
    pub participant_count: u32,
    /// Number of quotes said at it (`FEUD_LIST_QUOTES`).
    pub quote_count: u32,
    /// Number of sources reporting it (`FEUD_LIST_SOURCES`).
    pub source_count: u32,
}

/// An amount or count.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_figure {
    /// The key, e.g. `fig-stargate-total`.
    pub key: feud_str,
    /// The number, in base units of `unit`.
    pub value: i64,
    /// The unit, e.g. `USD`, `jobs`.
    pub unit: feud_str,
    /// How exact the number is (`FEUD_QUALIFIER_*`).
    pub qualifier: feud_qualifier,
    /// How exact, spelled: `exact`, `about`, ...
    pub qualifier_name: feud_str,
    /// What the number is.
    pub refers_to: feud_str,
    /// When it applies.
    pub dating: feud_dating,
    /// Number of entities claiming it (`FEUD_LIST_CLAIMED_BY`).
    pub claimed_by_count: u32,
    /// Number of entities disputing it (`FEUD_LIST_DISPUTED_BY`).
    pub disputed_by_count: u32,
    /// Number of phrasings (`FEUD_LIST_PHRASINGS`).
    pub phrasing_count: u32,
    /// Number of sources phrasing it (`FEUD_LIST_SOURCES`).
    pub source_count: u32,
}

/// A place where the articles disagree or are wrong.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_discrepancy {
    /// The key, e.g. `disc-potus-post-day`.
    pub key: feud_str,
    /// A short title.
    pub title: feud_str,
    /// What disagrees and what the corpus records.
    pub description: feud_str,
    /// Number of sides (`FEUD_LIST_SIDES`).
    pub side_count: u32,
    /// Number of related records (`FEUD_LIST_RELATED`).
    pub related_count: u32,
    /// Number of sources involved (`FEUD_LIST_SOURCES`).
    pub source_count: u32,
}

/// One item of a record's list (see `feud_list`). Records are given by
/// `kind` and `index`; text items have `kind` `FEUD_KIND_NONE`; phrasings and
/// sides have both text and their source.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_item {
    /// The kind of record `index` refers to, or `FEUD_KIND_NONE`.
    pub kind: feud_kind,
    /// The record's index (0 when `kind` is `FEUD_KIND_NONE`).
    pub index: u32,
    /// For `FEUD_LIST_VARIANTS`: how many sources print the variant; else 0.
    pub count: u32,
    /// The text (empty for record items).
    pub text: feud_str,
}

/// A list's length as the ABI's `uint32_t`, never cut. It always fits: the
/// blob stores every list's length as a `u32` (and a blob is at most
/// `u32::MAX` bytes). Were one ever not to fit, it is refused as a malformed
/// blob rather than misreported.
fn count32(n: usize) -> Res<u32> {
    u32::try_from(n).map_err(|_| FEUD_ERR_MALFORMED_BLOB)
}

/// Source `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_source(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_source,
) -> feud_status {
    answer(corpus, out, |c| {
        let s = c.source(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        Ok(feud_source {
            key: feud_str::of(s.key),
            outlet: feud_str::of(s.outlet),
            headline: feud_str::of(s.headline),
            published: feud_dating::of(s.published),
            notes: feud_str::of(s.notes),
        })
    })
}

/// Entity `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_entity(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_entity,
) -> feud_status {
    answer(corpus, out, |c| {
        let e = c.entity(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        let (kind, kind_name) = named(feudfacts::EntityKind::ALL, e.kind, &ENTITY_KIND_NAMES);
        Ok(feud_entity {
            key: feud_str::of(e.key),
            name: feud_str::of(e.name),
            kind,
            kind_name,
            role_count: count32(e.roles.len())?,
            alias_count: count32(e.aliases.len())?,
            source_count: count32(e.sources.len())?,
            notes: feud_str::of(e.notes),
        })
    })
}

/// Quote `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_quote(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_quote,
) -> feud_status {
    answer(corpus, out, |c| {
        let q = c.quote(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        let (medium, medium_name) = named(feudfacts::Medium::ALL, q.medium, &MEDIUM_NAMES);
        let speaker_name = c
            .entity(q.speaker)
            .map_or(feud_str::EMPTY, |e| feud_str::of(e.name));
        Ok(feud_quote {
            key: feud_str::of(q.key),
            speaker: q.speaker,
            speaker_name,
            text: feud_str::of(q.text),
            dating: feud_dating::of(q.dating),
            medium,
            medium_name,
            reply_to: match q.reply_to {
                None => -1,
                Some(r) => i32::try_from(r).map_err(|_| FEUD_ERR_MALFORMED_BLOB)?,
            },
            context: feud_str::of(q.context),
            text_source_count: count32(q.text_sources.len())?,
            variant_count: count32(q.variants.len())?,
            source_count: count32(q.sources.len())?,
        })
    })
}

/// Event `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_event(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_event,
) -> feud_status {
    answer(corpus, out, |c| {
        let e = c.event(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        Ok(feud_event {
            key: feud_str::of(e.key),
            dating: feud_dating::of(e.dating),
            title: feud_str::of(e.title),
            summary: feud_str::of(e.summary),
            participant_count: count32(e.participants.len())?,
            quote_count: count32(e.quotes.len())?,
            source_count: count32(e.sources.len())?,
        })
    })
}

/// Figure `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_figure(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_figure,
) -> feud_status {
    answer(corpus, out, |c| {
        let f = c.figure(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        let (qualifier, qualifier_name) =
            named(feudfacts::Qualifier::ALL, f.qualifier, &QUALIFIER_NAMES);
        Ok(feud_figure {
            key: feud_str::of(f.key),
            value: f.value,
            unit: feud_str::of(f.unit),
            qualifier,
            qualifier_name,
            refers_to: feud_str::of(f.refers_to),
            dating: feud_dating::of(f.dating),
            claimed_by_count: count32(f.claimed_by.len())?,
            disputed_by_count: count32(f.disputed_by.len())?,
            phrasing_count: count32(f.phrasings.len())?,
            source_count: count32(f.sources.len())?,
        })
    })
}

/// Discrepancy `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_discrepancy(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_discrepancy,
) -> feud_status {
    answer(corpus, out, |c| {
        let d = c.discrepancy(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        Ok(feud_discrepancy {
            key: feud_str::of(d.key),
            title: feud_str::of(d.title),
            description: feud_str::of(d.description),
            side_count: count32(d.sides.len())?,
            related_count: count32(d.related.len())?,
            source_count: count32(d.sources.len())?,
        })
    })
}

fn record_item(kind: Kind, index: u32) -> feud_item {
    feud_item {
        kind: kind as u8,
        index,
        count: 0,
        text: feud_str::EMPTY,
    }
}

fn text_item(t: Text<'_>, source: Option<u32>) -> feud_item {
    feud_item {
        kind: source.map_or(FEUD_KIND_NONE, |_| FEUD_KIND_SOURCE),
        index: source.unwrap_or(0),
        count: 0,
        text: feud_str::of(t),
    }
}

/// The length of list `list` of a record, and item `i` when `i` is given.
fn list_access(
    c: &Corpus<'static>,
    r: RecordRef,
    list: feud_list,
    i: Option<usize>,
) -> Res<(usize, Option<feud_item>)> {
    let rec = c.record(r).ok_or(FEUD_ERR_NOT_FOUND)?;
    let ids = |p: feudfacts::Packed<'static, u32>, kind: Kind| {
        (
            p.len(),
            i.and_then(|i| p.get(i)).map(|x| record_item(kind, x)),
        )
    };
    Ok(match (list, rec) {
        (FEUD_LIST_SOURCES, _) => {
            let n = c.sources_of(r).count();
            let item = i.and_then(|i| c.sources_of(r).nth(i));
            (n, item.map(|x| record_item(Kind::Source, x)))
        }
        (FEUD_LIST_ROLES, Record::Entity(e)) => (
            e.roles.len(),
            i.and_then(|i| e.roles.get(i)).map(|t| text_item(t, None)),
        ),
        (FEUD_LIST_ALIASES, Record::Entity(e)) => (
            e.aliases.len(),
            i.and_then(|i| e.aliases.get(i)).map(|t| text_item(t, None)),
        ),
        (FEUD_LIST_TEXT_SOURCES, Record::Quote(q)) => ids(q.text_sources, Kind::Source),
        (FEUD_LIST_VARIANTS, Record::Quote(q)) => {
            let item = match i.and_then(|i| q.variants.get(i)) {
                Some(v) => Some(feud_item {
                    count: count32(v.sources.len())?,
                    ..text_item(v.text, None)
                }),
                None => None,
            };
            (q.variants.len(), item)
        }
        (FEUD_LIST_PARTICIPANTS, Record::Event(e)) => ids(e.participants, Kind::Entity),
        (FEUD_LIST_QUOTES, Record::Event(e)) => ids(e.quotes, Kind::Quote),
        (FEUD_LIST_CLAIMED_BY, Record::Figure(f)) => ids(f.claimed_by, Kind::Entity),
        (FEUD_LIST_DISPUTED_BY, Record::Figure(f)) => ids(f.disputed_by, Kind::Entity),
        (FEUD_LIST_PHRASINGS, Record::Figure(f)) => (
            f.phrasings.len(),
            i.and_then(|i| f.phrasings.get(i))
                .map(|p| text_item(p.text, Some(p.source))),
        ),
        (FEUD_LIST_SIDES, Record::Discrepancy(d)) => (
            d.sides.len(),
            i.and_then(|i| d.sides.get(i))
                .map(|s| text_item(s.claim, Some(s.source))),
        ),
        (FEUD_LIST_RELATED, Record::Discrepancy(d)) => {
            let item = i
                .and_then(|i| d.related.get(i))
                .and_then(|l| Kind::from_u8(l.kind).map(|k| record_item(k, l.index)));
            (d.related.len(), item)
        }
        _ => return Err(FEUD_ERR_INVALID_ARGUMENT),
    })
}

/// The number of items in list `list` (`FEUD_LIST_*`) of record `kind`
/// `index`, into `*out`. `FEUD_ERR_INVALID_ARGUMENT` when that kind has no
/// such list; `FEUD_ERR_NOT_FOUND` for an unknown record.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_list_len(
    corpus: *const feud_corpus,
    kind: feud_kind,
    index: u32,
    list: feud_list,
    out: *mut usize,
) -> feud_status {
    boundary(|| {
        let (c, r) = record_of(corpus, kind, index)?;
        need(out)?;
        let (n, _) = list_access(c, r, list, None)?;
        put(out, n)
    })
}

/// Item `i` of list `list` (`FEUD_LIST_*`) of record `kind` `index`, into
/// `*out`; e.g. `feud_list_item(c, FEUD_KIND_QUOTE, q, FEUD_LIST_SOURCES, 0,
/// &item)` gives the quote's first source in `item.index`.
/// `FEUD_ERR_NOT_FOUND` past the end of the list or for an unknown record.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_list_item(
    corpus: *const feud_corpus,
    kind: feud_kind,
    index: u32,
    list: feud_list,
    i: usize,
    out: *mut feud_item,
) -> feud_status {
    boundary(|| {
        let (c, r) = record_of(corpus, kind, index)?;
        need(out)?;
        let (_, item) = list_access(c, r, list, Some(i))?;
        put(out, item.ok_or(FEUD_ERR_NOT_FOUND)?)
    })
}

/// Source `i` (an index into the sources) printing variant `variant` of
/// quote `quote`, into `*out`. `FEUD_ERR_NOT_FOUND` past the end.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_variant_source(
    corpus: *const feud_corpus,
    quote: u32,
    variant: u32,
    i: usize,
    out: *mut u32,
) -> feud_status {
    answer(corpus, out, |c| {
        let q = c.quote(quote).ok_or(FEUD_ERR_NOT_FOUND)?;
        let v = q.variants.get(variant as usize).ok_or(FEUD_ERR_NOT_FOUND)?;
        v.sources.get(i).ok_or(FEUD_ERR_NOT_FOUND)
    })
}
