//! Ranked search: the filter, hits and summary structs, reading a query and
//! a filter from C, `feud_search` (ranking the core's hits inside the
//! caller's array), `feud_suggest` ("did you mean") and `feud_hit_text`.

use core::ffi::c_char;
use core::mem::{align_of, size_of};
use core::ptr;

use feudfacts::{Corpus, Field, Filter, Hit, Kind, KindSet, Mode, Query};

use crate::corpus::*;
use crate::date::*;
use crate::enums::*;
use crate::records::*;
use crate::status::*;
use crate::strings::*;

/// Restricts a search. All zero means no restriction.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct feud_filter {
    /// Only these kinds: bit `1 << FEUD_KIND_x` per kind; 0 means every kind.
    pub kinds: u8,
    /// Whether to keep only records involving `entity`.
    pub has_entity: bool,
    /// How words must match (`FEUD_MODE_BEST`, the 0 default, or
    /// `FEUD_MODE_STRICT`).
    pub mode: feud_mode,
    /// The entity (index): itself, its quotes, events it takes part in,
    /// figures it claims or disputes, discrepancies linked to it.
    pub entity: u32,
    /// Only dated records overlapping `from`..`to`; a year of 0 leaves that
    /// bound open. Undated records are excluded when either bound is set.
    pub from: feud_date,
    /// See `from`.
    pub to: feud_date,
}

/// One matching record.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_hit {
    /// The record.
    pub record: feud_ref,
    /// The field to highlight (`FEUD_FIELD_*`): the first speaker, title or
    /// name field that matched, else the first field that matched.
    pub field: feud_field,
    /// Which item of a list field (alias, variant, phrasing, claim).
    pub item: u8,
    /// How many of the record's fields matched.
    pub matched_fields: u8,
    /// Whether a speaker, title or name field matched.
    pub primary: bool,
    /// Byte range of the first match in the field's text (`feud_hit_text`).
    pub start: u32,
    /// End of that range (exclusive).
    pub end: u32,
    /// The record's date (all zero when undated).
    pub date: feud_date,
    /// How much of `date` is known.
    pub precision: feud_precision,
    /// Whether the record has every word of the query (always in strict
    /// mode); partial hits (closest matches) come after every complete one.
    pub complete: bool,
    /// The best-match score (BM25F; higher is better; 0 in strict mode).
    pub score: u32,
}

impl feud_hit {
    /// A core hit.
    pub(crate) fn of(h: &Hit) -> feud_hit {
        feud_hit {
            record: feud_ref::of(h.record),
            field: h.field as u8,
            item: h.item,
            matched_fields: h.matched_fields,
            primary: h.primary,
            start: h.start,
            end: h.end,
            date: feud_date::of(h.date),
            precision: precision_of(h.date),
            complete: h.complete,
            score: h.score,
        }
    }
}

/// How many records matched and how many were written.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct feud_summary {
    /// Every record matching every word, even those that did not fit.
    pub total: usize,
    /// Hits written: the best complete matches, then (best match) the
    /// closest partial ones while room is left.
    pub returned: usize,
    /// How many of the returned hits are partial (the last ones). `total`
    /// 0 with `partial` > 0: no record has every word; these are the closest
    /// matches.
    pub partial: usize,
    /// Bit `t`: query term `t` is not a word of the corpus and was read as
    /// a near spelling (`feud_suggest` spells the corrected query).
    pub corrected: u32,
}

/// Reads a NUL-terminated query, looking at no more than
/// `FEUD_MAX_QUERY_LEN + 1` bytes, and parses it.
pub(crate) fn parse_query(q: *const c_char) -> Res<Query> {
    need(q)?;
    let max = feudfacts::MAX_QUERY_LEN;
    let mut n = 0;
    // SAFETY: `q` is non-null and NUL-terminated (header); we stop at the NUL
    // and never read past `max + 1` bytes, all within the string.
    while n <= max && unsafe { q.add(n).read() } != 0 {
        n += 1;
    }
    if n > max {
        return Err(FEUD_ERR_QUERY_TOO_LONG);
    }
    // SAFETY: the `n` bytes before the NUL were just read, so they are valid.
    let bytes = unsafe { core::slice::from_raw_parts(q.cast::<u8>(), n) };
    Query::parse_bytes(bytes).map_err(status_of)
}

/// A caller's filter (NULL: none) as the core's, checked.
pub(crate) fn filter_of(c: &Corpus<'static>, f: *const feud_filter) -> Res<Filter> {
    if f.is_null() {
        return Ok(Filter::NONE);
    }
    // SAFETY: non-null, and per the header a readable `feud_filter`. Each
    // field is read on its own as integers, valid for any bits: `has_entity`
    // as a byte, since a C `bool` holding 2 would not be a valid Rust `bool`.
    let (kinds, has_entity, mode, entity, from, to) = unsafe {
        (
            ptr::addr_of!((*f).kinds).read(),
            ptr::addr_of!((*f).has_entity).cast::<u8>().read(),
            ptr::addr_of!((*f).mode).read(),
            ptr::addr_of!((*f).entity).read(),
            ptr::addr_of!((*f).from).read(),
            ptr::addr_of!((*f).to).read(),
        )
    };
    if kinds & !FEUD_KINDS_ALL != 0 {
        return Err(FEUD_ERR_INVALID_ARGUMENT);
    }
    let kinds = if kinds == 0 {
        KindSet::ALL
    } else {
        KindSet::from_bits(kinds)
    };
    let entity = if has_entity != 0 {
        if (entity as usize) >= c.count(Kind::Entity) {
            return Err(FEUD_ERR_NOT_FOUND);
        }
        Some(entity)
    } else {
        None
    };
    let (from, to) = (from.to_core()?, to.to_core()?);
    if let (Some(f), Some(t)) = (from, to) {
        if f.first_day() > t.last_day() {
            return Err(FEUD_ERR_INVALID_ARGUMENT);
        }
    }
    let mode = match mode {
        FEUD_MODE_BEST => Mode::Best,
        FEUD_MODE_STRICT => Mode::Strict,
        _ => return Err(FEUD_ERR_INVALID_ARGUMENT),
    };
    Ok(Filter {
        mode,
        kinds,
        entity,
        from,
        to,
    })
}

const _: () = {
    // `feud_search` ranks core `Hit`s inside the caller's `feud_hit` array.
    assert!(size_of::<Hit>() <= size_of::<feud_hit>());
    assert!(align_of::<Hit>() <= align_of::<feud_hit>());
};

/// Searches with the query language of the core (NUL-terminated `query`;
/// `"a phrase"`, `prefix*`; case and typography ignored) and `filter`
/// (NULL: none). In best-match mode (`FEUD_MODE_BEST`, the default) words
/// meet their other forms, synonyms and near spellings, records with every
/// word come first, then the closest matches while room is left, ranked by
/// BM25F; in strict mode (`FEUD_MODE_STRICT`) every term must match
/// literally. Writes the best hits to `hits` (at most `capacity`) and to
/// `*summary` the number of records with every word (even those that did
/// not fit), the hits written, how many of them are partial, and which
/// words were read as near spellings. `hits` may be NULL when `capacity` is
/// 0, to count only.
///
/// Errors: `FEUD_ERR_NULL`, `FEUD_ERR_INVALID_UTF8`, `FEUD_ERR_EMPTY_QUERY`,
/// `FEUD_ERR_QUERY_TOO_LONG`, `FEUD_ERR_TOO_MANY_TERMS` (more than
/// `FEUD_MAX_TERMS`, or `FEUD_MAX_STRICT_TERMS` in strict mode),
/// `FEUD_ERR_INVALID_ARGUMENT` (bad filter kinds, mode or dates),
/// `FEUD_ERR_NOT_FOUND` (unknown filter entity).
///
/// # Safety
/// `query` must be NULL or NUL-terminated; `hits` must be NULL or point to
/// `capacity` writable `feud_hit`s; other pointers valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_search(
    corpus: *const feud_corpus,
    query: *const c_char,
    filter: *const feud_filter,
    hits: *mut feud_hit,
    capacity: usize,
    summary: *mut feud_summary,
) -> feud_status {
    boundary(|| {
        let c = corpus_of(corpus)?;
        let q = parse_query(query)?;
        let f = filter_of(c, filter)?;
        need(summary)?;
        if capacity > 0 {
            need(hits)?;
        }
        let slots = hits.cast::<Hit>();
        for i in 0..capacity {
            // SAFETY: `hits` holds `capacity` `feud_hit`s, and a `Hit` is no
            // larger and no more aligned (asserted), so `Hit` slot `i` lies
            // within the array and is aligned.
            unsafe { slots.add(i).write(Hit::EMPTY) };
        }
        // SAFETY: the `capacity` `Hit`s were just initialised, lie within the
        // caller's array, which nothing else accesses during this call.
        let buf: &mut [Hit] = if capacity == 0 {
            &mut []
        } else {
            unsafe { core::slice::from_raw_parts_mut(slots, capacity) }
        };
        let s = c.search(&q, &f, buf).map_err(status_of)?;
        // Convert in place, last first: `feud_hit` `i` starts at or after
        // `Hit` `i`, so writing it only overwrites `Hit`s already converted.
        for i in (0..s.returned).rev() {
            // SAFETY: slot `i` holds an initialised `Hit` (read by value
            // before the write); `feud_hit` slot `i` is within the array.
            unsafe {
                let h = slots.add(i).read();
                hits.add(i).write(feud_hit::of(&h));
            }
        }
        put(
            summary,
            feud_summary {
                total: s.total,
                returned: s.returned,
                partial: s.partial,
                corrected: s.corrected as u32,
            },
        )
    })
}

/// "Did you mean": the query (NUL-terminated) with each word the corpus
/// does not know replaced by the near spelling best-match search read it as
/// (`altamn stargte` → `altman stargate`, folded), written to `buf` with the
/// snprintf semantics of `feud_format_line`. `FEUD_ERR_NOT_FOUND` when no
/// word needed correcting (`feud_summary.corrected` is 0 then).
///
/// Errors as `feud_search` for the query; `FEUD_ERR_BUFFER_TOO_SMALL` when
/// cut.
///
/// # Safety
/// `query` must be NULL or NUL-terminated; `buf` NULL or `size` writable
/// bytes; other pointers valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_suggest(
    corpus: *const feud_corpus,
    query: *const c_char,
    buf: *mut c_char,
    size: usize,
    needed: *mut usize,
) -> feud_status {
    boundary(|| {
        let c = corpus_of(corpus)?;
        let q = parse_query(query)?;
        let mut full = [0u8; 2 * feudfacts::MAX_QUERY_LEN];
        let n = c.suggest(&q, &mut full).ok_or(FEUD_ERR_NOT_FOUND)?;
        let text = full.get(..n).ok_or(FEUD_ERR_NOT_FOUND)?;
        write_text(buf, size, needed, |out| {
            // Whole characters only (the suggestion is UTF-8).
            let mut fit = n.min(out.len());
            while fit > 0 && fit < n && text.get(fit).is_some_and(|&b| b & 0xc0 == 0x80) {
                fit -= 1;
            }
            for (d, &b) in out.iter_mut().zip(text.get(..fit).unwrap_or(&[])) {
                *d = b;
            }
            Ok(n)
        })
    })
}

/// The text of the field a hit points into (the whole field; `hit.start`
/// and `hit.end` delimit the match within it), into `*out`.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_hit_text(
    corpus: *const feud_corpus,
    hit: *const feud_hit,
    out: *mut feud_str,
) -> feud_status {
    boundary(|| {
        let c = corpus_of(corpus)?;
        need(hit)?;
        need(out)?;
        // SAFETY: non-null, a readable `feud_hit` per the header; its `bool`
        // is not inspected, and any bits are a valid `u8` (kind, field, item)
        // or `u32` (index).
        let (kind, index, field, item) = unsafe {
            let r = ptr::addr_of!((*hit).record).read();
            (
                r.kind,
                r.index,
                ptr::addr_of!((*hit).field).read(),
                ptr::addr_of!((*hit).item).read(),
            )
        };
        let field = Field::from_u8(field).ok_or(FEUD_ERR_INVALID_ARGUMENT)?;
        if field.kind() as u8 != kind {
            return Err(FEUD_ERR_INVALID_ARGUMENT);
        }
        let text = c.text_at(field, index, item).ok_or(FEUD_ERR_NOT_FOUND)?;
        put(out, feud_str::of(text))
    })
}
