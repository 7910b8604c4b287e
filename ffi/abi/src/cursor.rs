//! The search cursor: `feud_cursor`, a caller-owned block holding a parsed
//! query and the core's `Matches` iterator borrowing it, which yields every
//! strict match in corpus order with no buffer (`feud_cursor_open`,
//! `feud_cursor_next`).

use core::ffi::c_char;
use core::mem::{align_of, size_of, MaybeUninit};
use core::ptr;

use feudfacts::{Matches, Query};

use crate::corpus::*;
use crate::search::*;
use crate::status::*;

/// Words in a `feud_cursor`.
pub const FEUD_CURSOR_WORDS: usize = 512;

/// A search cursor: yields every match in corpus order (unranked), one at a
/// time, with no buffer. The caller owns this memory (4 KiB: on a small
/// stack make it `static`); its contents are private. It must stay where `feud_cursor_open` filled it: a cursor that
/// was copied or moved is refused with `FEUD_ERR_INVALID_ARGUMENT`. The
/// corpus must outlive it. Nothing needs closing.
#[repr(C)]
pub struct feud_cursor {
    /// Private.
    pub _opaque: [u64; FEUD_CURSOR_WORDS],
}

/// What a `feud_cursor` holds, at the first suitably aligned address in it.
struct CursorImpl {
    magic: u64,
    /// The cursor's address when opened: a moved cursor would dangle.
    home: usize,
    query: Query,
    /// Borrows `query` (so the cursor may not move) and the corpus's blob.
    matches: MaybeUninit<Matches<'static, 'static>>,
}

const CURSOR_MAGIC: u64 = u64::from_le_bytes(*b"FEUDCURS");

const _: () = assert!(
    size_of::<CursorImpl>() + align_of::<CursorImpl>() <= size_of::<feud_cursor>(),
    "grow FEUD_CURSOR_WORDS"
);

/// The aligned place of the implementation inside a cursor.
fn cursor_slot(cur: *mut feud_cursor) -> *mut CursorImpl {
    let addr = cur as usize;
    let off = addr.next_multiple_of(align_of::<CursorImpl>()) - addr;
    cur.cast::<u8>().wrapping_add(off).cast()
}

/// Starts a search (same query and filter as `feud_search`, but always
/// strict: every term literally, at most `FEUD_MAX_STRICT_TERMS`) whose
/// matches `feud_cursor_next` yields in corpus order. On failure `*cursor` is marked
/// unopened.
///
/// # Safety
/// `query` must be NULL or NUL-terminated; `cursor` must be NULL or point to
/// a writable `feud_cursor`; other pointers valid or NULL. The corpus must
/// outlive the cursor.
#[no_mangle]
pub unsafe extern "C" fn feud_cursor_open(
    corpus: *const feud_corpus,
    query: *const c_char,
    filter: *const feud_filter,
    cursor: *mut feud_cursor,
) -> feud_status {
    boundary(|| {
        need(cursor)?;
        let slot = cursor_slot(cursor);
        // SAFETY: `slot` lies within the caller's cursor (the size assertion
        // leaves room for the alignment offset) and is aligned for
        // `CursorImpl`; marking it unopened first.
        unsafe { ptr::addr_of_mut!((*slot).magic).write(0) };
        let c = corpus_of(corpus)?;
        let q = parse_query(query)?;
        let f = filter_of(c, filter)?;
        // SAFETY: as above; these writes initialise the fields without
        // reading the old contents.
        unsafe {
            ptr::addr_of_mut!((*slot).home).write(cursor as usize);
            ptr::addr_of_mut!((*slot).query).write(q);
        }
        // SAFETY: `query` was just initialised and stays at this address,
        // unchanged, for as long as the cursor is used: `feud_cursor_next`
        // refuses a cursor that is not at `home`. The `'static` lifetimes are
        // erased borrows of that query and of the corpus's blob (which the
        // caller keeps alive, per the header).
        unsafe {
            let query: &'static Query = &*ptr::addr_of!((*slot).query);
            let m = c.matches(query, &f).map_err(status_of)?;
            ptr::addr_of_mut!((*slot).matches).write(MaybeUninit::new(m));
            ptr::addr_of_mut!((*slot).magic).write(CURSOR_MAGIC);
        }
        Ok(())
    })
}

/// The next match of a cursor into `*out`; `FEUD_ERR_NOT_FOUND` when there
/// are no more (and on every call after that).
///
/// # Safety
/// `cursor` must be NULL or point to a `feud_cursor`; `out` valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_cursor_next(
    cursor: *mut feud_cursor,
    out: *mut feud_hit,
) -> feud_status {
    boundary(|| {
        need(cursor)?;
        need(out)?;
        let slot = cursor_slot(cursor);
        // SAFETY: `slot` is within the caller's cursor and aligned; `u64`
        // and `usize` are valid for any bits.
        let (magic, home) = unsafe {
            (
                ptr::addr_of!((*slot).magic).read(),
                ptr::addr_of!((*slot).home).read(),
            )
        };
        if magic != CURSOR_MAGIC || home != cursor as usize {
            return Err(FEUD_ERR_INVALID_ARGUMENT);
        }
        // SAFETY: the magic is written only after `matches` was initialised
        // (by `feud_cursor_open`), and the cursor has not moved, so the query
        // it borrows is in place. Only the `matches` field is borrowed
        // mutably; the query is only ever read.
        let m = unsafe { (*ptr::addr_of_mut!((*slot).matches)).assume_init_mut() };
        let h = m.next().ok_or(FEUD_ERR_NOT_FOUND)?;
        put(out, feud_hit::of(&h))
    })
}
