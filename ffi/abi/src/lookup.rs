//! Finding records other than by index: by key and name, a speaker's
//! quotes, the timeline, reply threads, a quote for a seed, and the names of
//! kinds and fields.

use core::ffi::c_char;

use feudfacts::Corpus;

use crate::corpus::*;
use crate::date::*;
use crate::enums::*;
use crate::records::*;
use crate::status::*;
use crate::strings::*;

/// One entry of the timeline.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_entry {
    /// The quote or event.
    pub record: feud_ref,
    /// Its date.
    pub date: feud_date,
    /// How much of the date is known.
    pub precision: feud_precision,
}

/// One quote of a reply thread.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_thread_entry {
    /// The quote's index.
    pub quote: u32,
    /// Its depth: 0 for the root, 1 for a reply to it, ...
    pub depth: u32,
}

/// The body of a lookup by a NUL-terminated string: the handle is read, then
/// `name`, a NULL `out` refused, and what `find` finds goes to `*out`
/// (`FEUD_ERR_NOT_FOUND` when nothing).
fn by_name<T>(
    corpus: *const feud_corpus,
    name: *const c_char,
    out: *mut T,
    find: impl FnOnce(&Corpus<'static>, &str) -> Option<T>,
) -> feud_status {
    boundary(|| {
        let c = corpus_of(corpus)?;
        let n = c_str(name)?;
        need(out)?;
        put(out, find(c, n).ok_or(FEUD_ERR_NOT_FOUND)?)
    })
}

/// The key of record `kind` `index` (`sam-altman`, `q-…`) into `*out`.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_key(
    corpus: *const feud_corpus,
    kind: feud_kind,
    index: u32,
    out: *mut feud_str,
) -> feud_status {
    boundary(|| {
        let (c, r) = record_of(corpus, kind, index)?;
        need(out)?;
        put(out, feud_str::of(c.key(r).ok_or(FEUD_ERR_NOT_FOUND)?))
    })
}

/// The record whose key is `key` (NUL-terminated) into `*out`.
///
/// # Safety
/// `key` must be NULL or NUL-terminated; other pointers valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_find_key(
    corpus: *const feud_corpus,
    key: *const c_char,
    out: *mut feud_ref,
) -> feud_status {
    by_name(corpus, key, out, |c, k| c.find_key(k).map(feud_ref::of))
}

/// The entity whose name or alias is `name` (NUL-terminated; case,
/// typography and spacing ignored, so `altman` and `SAM  ALTMAN` both find
/// Sam Altman, as does his X handle `sama` after an at sign) into `*out`.
///
/// # Safety
/// `name` must be NULL or NUL-terminated; other pointers valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_entity_by_name(
    corpus: *const feud_corpus,
    name: *const c_char,
    out: *mut u32,
) -> feud_status {
    by_name(corpus, name, out, |c, n| c.entity_by_name(n))
}

/// Quote number `i` (0-based, in index order) spoken by entity `speaker`,
/// into `*out`. `FEUD_ERR_NOT_FOUND` past the last one.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_quote_by(
    corpus: *const feud_corpus,
    speaker: u32,
    i: usize,
    out: *mut u32,
) -> feud_status {
    answer(corpus, out, |c| {
        let (q, _) = c.quotes_by(speaker).nth(i).ok_or(FEUD_ERR_NOT_FOUND)?;
        Ok(q)
    })
}

/// Entry `i` (0-based) of the timeline — every dated quote and event in
/// chronological order — into `*out`. With `from` and/or `to` (NULL or a
/// year of 0 for an open bound) only the entries overlapping that range
/// count. `FEUD_ERR_NOT_FOUND` past the end; `FEUD_ERR_INVALID_ARGUMENT` for
/// an invalid date or `from` after `to`.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_timeline(
    corpus: *const feud_corpus,
    from: *const feud_date,
    to: *const feud_date,
    i: usize,
    out: *mut feud_entry,
) -> feud_status {
    boundary(|| {
        let c = corpus_of(corpus)?;
        let bound = |p: *const feud_date| -> Res<Option<feudfacts::Date>> {
            if p.is_null() {
                return Ok(None);
            }
            // SAFETY: non-null, and per the header a readable `feud_date`.
            unsafe { p.read() }.to_core()
        };
        let (from, to) = (bound(from)?, bound(to)?);
        need(out)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f.first_day() > t.last_day() {
                return Err(FEUD_ERR_INVALID_ARGUMENT);
            }
        }
        let passes = |d: &feudfacts::Date| {
            from.is_none_or(|f| d.last_day() >= f.first_day())
                && to.is_none_or(|t| d.first_day() <= t.last_day())
        };
        let (r, d) = c
            .timeline()
            .filter(|(_, d)| passes(d))
            .nth(i)
            .ok_or(FEUD_ERR_NOT_FOUND)?;
        put(
            out,
            feud_entry {
                record: feud_ref::of(r),
                date: feud_date::of(Some(d)),
                precision: precision_of(Some(d)),
            },
        )
    })
}

/// Entry `i` (0-based) of the reply thread around quote `quote` — its root
/// first, then every reply depth first — into `*out`. Any quote of a thread
/// gives the whole thread. `FEUD_ERR_NOT_FOUND` past the end or for an
/// unknown quote.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_thread(
    corpus: *const feud_corpus,
    quote: u32,
    i: usize,
    out: *mut feud_thread_entry,
) -> feud_status {
    answer(corpus, out, |c| {
        let (q, depth) = c.thread(quote).nth(i).ok_or(FEUD_ERR_NOT_FOUND)?;
        Ok(feud_thread_entry {
            quote: q,
            depth: depth as u32,
        })
    })
}

/// A quote chosen from `seed` (e.g. days since an epoch), into `*out`: the
/// same seed always gives the same quote for the same corpus.
/// `FEUD_ERR_NOT_FOUND` when the corpus has no quotes.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_random_quote(
    corpus: *const feud_corpus,
    seed: u64,
    out: *mut u32,
) -> feud_status {
    answer(corpus, out, |c| {
        c.quote_of_the_day(seed).ok_or(FEUD_ERR_NOT_FOUND)
    })
}

/// The name of a kind (`"quote"`), or `""` for an unknown one. Static.
#[no_mangle]
pub extern "C" fn feud_kind_name(kind: feud_kind) -> *const c_char {
    KIND_NAMES
        .get(kind as usize)
        .copied()
        .unwrap_or(c"")
        .as_ptr()
}

/// The name of a field (`"text"`, `"speaker"`), or `""` for an unknown one.
/// Static.
#[no_mangle]
pub extern "C" fn feud_field_name(field: feud_field) -> *const c_char {
    FIELD_NAMES
        .get(field as usize)
        .copied()
        .unwrap_or(c"")
        .as_ptr()
}
