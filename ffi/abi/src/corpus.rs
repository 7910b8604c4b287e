//! The corpus handle: `feud_corpus`, a caller-owned block holding a
//! validated core `Corpus`, opened over the caller's blob (`feud_open`) or
//! the embedded one (`feud_embedded`), and what it tells of itself: the blob,
//! record counts and sizes.

use core::mem::{align_of, size_of};
use core::ptr;

use feudfacts::Corpus;

use crate::enums::*;
use crate::status::*;

/// Words in a `feud_corpus`.
pub const FEUD_CORPUS_WORDS: usize = 32;

/// A validated corpus. The caller owns this memory (on its stack, in a
/// static); `feud_open` fills it and nothing needs closing. Its contents are
/// private. It may be copied. It reads from the blob given to `feud_open`,
/// which the caller must keep alive and unchanged while the handle (or any
/// string obtained through it) is used.
#[repr(C)]
pub struct feud_corpus {
    /// Private.
    pub _opaque: [u64; FEUD_CORPUS_WORDS],
}

/// What a `feud_corpus` holds.
#[repr(C)]
#[derive(Clone, Copy)]
struct Handle {
    magic: u64,
    corpus: Corpus<'static>,
    pad: [u8; size_of::<feud_corpus>() - 8 - size_of::<Corpus<'static>>()],
}

const HANDLE_MAGIC: u64 = u64::from_le_bytes(*b"FEUDCORP");

const _: () = {
    assert!(size_of::<Handle>() == size_of::<feud_corpus>());
    assert!(align_of::<Handle>() <= align_of::<feud_corpus>());
};

static EMBEDDED: Handle = Handle {
    magic: HANDLE_MAGIC,
    corpus: Corpus::embedded(),
    pad: [0; size_of::<feud_corpus>() - 8 - size_of::<Corpus<'static>>()],
};

/// The corpus built into the library. Static, already validated; never NULL.
#[no_mangle]
pub extern "C" fn feud_embedded() -> *const feud_corpus {
    ptr::addr_of!(EMBEDDED).cast()
}

/// Reads a handle: NULL and never-opened handles are refused.
pub(crate) fn corpus_of<'h>(c: *const feud_corpus) -> Res<&'h Corpus<'static>> {
    if c.is_null() {
        return Err(FEUD_ERR_NULL);
    }
    let h = c.cast::<Handle>();
    // SAFETY: `c` is non-null and, per the header, points to a readable
    // `feud_corpus`, which has the size and alignment of `Handle` (asserted
    // above); reading the `u64` magic is valid for any bit pattern.
    let magic = unsafe { ptr::addr_of!((*h).magic).read() };
    if magic != HANDLE_MAGIC {
        return Err(FEUD_ERR_INVALID_ARGUMENT);
    }
    // SAFETY: the magic is only ever written together with a valid `Corpus`
    // (by `feud_open` or in `EMBEDDED`); the blob it borrows is kept alive by
    // the caller, as the header requires.
    Ok(unsafe { &(*h).corpus })
}

/// The body of a function that answers into one `*out`: the handle is read,
/// a NULL `out` refused, then `answer` finds the value (or refuses) and it is
/// written to `*out`.
pub(crate) fn answer<T>(
    corpus: *const feud_corpus,
    out: *mut T,
    answer: impl FnOnce(&Corpus<'static>) -> Res<T>,
) -> feud_status {
    boundary(|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        put(out, answer(c)?)
    })
}

/// Validates a blob loaded at run time (a file, a flash partition) and makes
/// `*out` a handle reading from it. Bytes after the blob's declared length
/// are ignored. Nothing is copied: the caller must keep `bytes` alive and
/// unchanged for as long as `*out`, or any string obtained through it, is
/// used. On failure `*out` is marked unopened, so later use of it is refused
/// with `FEUD_ERR_INVALID_ARGUMENT`.
///
/// Errors: `FEUD_ERR_NULL`, `FEUD_ERR_TRUNCATED`, `FEUD_ERR_BAD_MAGIC`,
/// `FEUD_ERR_UNSUPPORTED_VERSION`, `FEUD_ERR_CHECKSUM_MISMATCH`,
/// `FEUD_ERR_MALFORMED_BLOB`.
///
/// # Safety
/// `bytes` must point to `len` readable bytes (or be NULL); `out` must point
/// to a writable `feud_corpus` (or be NULL).
#[no_mangle]
pub unsafe extern "C" fn feud_open(
    bytes: *const u8,
    len: usize,
    out: *mut feud_corpus,
) -> feud_status {
    boundary(|| {
        need(out)?;
        // Mark unopened first, so a failed open leaves no usable handle.
        // SAFETY: `out` is non-null and points to a writable `feud_corpus`.
        unsafe { ptr::addr_of_mut!((*out.cast::<Handle>()).magic).write(0) };
        need(bytes)?;
        // SAFETY: the caller guarantees `len` readable bytes at `bytes`, kept
        // alive and unchanged while the handle is used (the header says so),
        // which is what the erased `'static` lifetime stands for.
        let blob: &'static [u8] = unsafe { core::slice::from_raw_parts(bytes, len) };
        let corpus = Corpus::from_bytes(blob).map_err(status_of)?;
        let handle = Handle {
            magic: HANDLE_MAGIC,
            corpus,
            pad: [0; size_of::<feud_corpus>() - 8 - size_of::<Corpus<'static>>()],
        };
        put(out.cast::<Handle>(), handle)
    })
}

/// The bytes a corpus reads: its blob, exactly its declared length (for the
/// embedded corpus, what `feud export-blob` writes).
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_blob(
    corpus: *const feud_corpus,
    out_bytes: *mut *const u8,
    out_len: *mut usize,
) -> feud_status {
    boundary(|| {
        let c = corpus_of(corpus)?;
        need(out_bytes)?;
        need(out_len)?;
        put(out_bytes, c.as_bytes().as_ptr())?;
        put(out_len, c.as_bytes().len())
    })
}

/// The number of records of `kind` into `*out`.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_count(
    corpus: *const feud_corpus,
    kind: feud_kind,
    out: *mut usize,
) -> feud_status {
    boundary(|| {
        let c = corpus_of(corpus)?;
        let k = kind_of(kind)?;
        put(out, c.count(k))
    })
}

/// Record counts and sizes.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_stats {
    /// Records of each kind, indexed by `FEUD_KIND_*`.
    pub counts: [usize; 6],
    /// All records together.
    pub total_records: usize,
    /// Size of the blob in bytes.
    pub blob_bytes: usize,
    /// Size of the folded search text in bytes.
    pub search_text_bytes: usize,
    /// Number of searchable fields.
    pub fields: usize,
}

/// Counts and sizes into `*out`.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_stats(
    corpus: *const feud_corpus,
    out: *mut feud_stats,
) -> feud_status {
    answer(corpus, out, |c| {
        let s = c.stats();
        Ok(feud_stats {
            counts: s.counts,
            total_records: c.total_records(),
            blob_bytes: s.blob_bytes,
            search_text_bytes: s.search_text_bytes,
            fields: s.fields,
        })
    })
}
