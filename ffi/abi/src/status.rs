//! What every function returns, and how: `feud_status`, its strings, and
//! the one boundary every exported function's body runs in.
//!
//! A body is written as a closure returning `Result<(), feud_status>`, so it
//! refuses with `?`; [`boundary`] turns that into the status C receives.
//! There is nothing to catch: the library does not panic on any input (see
//! ci/panic-free), and a panic aborts at the `extern "C"` edge anyway. The
//! status strings are the core's [`Error::message`] wherever a status stands
//! for exactly one error; the rest are this file's.

use core::ffi::{c_char, c_int, CStr};

use feudfacts::Error;

use crate::strings::c_strs;

/// What every function returns. `FEUD_OK` is 0; everything else is a refusal
/// that leaves the outputs unchanged (unless the function says otherwise)
/// and the library fully usable.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum feud_status {
    /// Success.
    FEUD_OK = 0,
    /// A required pointer argument was NULL.
    FEUD_ERR_NULL = 1,
    /// A string argument is not valid UTF-8.
    FEUD_ERR_INVALID_UTF8 = 2,
    /// The query is empty (or only punctuation and spaces).
    FEUD_ERR_EMPTY_QUERY = 3,
    /// The query is longer than `FEUD_MAX_QUERY_LEN` bytes.
    FEUD_ERR_QUERY_TOO_LONG = 4,
    /// The query has more than `FEUD_MAX_TERMS` terms.
    FEUD_ERR_TOO_MANY_TERMS = 5,
    /// The output buffer was too small: it holds a NUL-terminated prefix and
    /// `*needed` says how many bytes (without the NUL) the whole result needs.
    FEUD_ERR_BUFFER_TOO_SMALL = 6,
    /// No record has this id, key or name; or an index is past the end of a
    /// list, the timeline, a thread or a cursor.
    FEUD_ERR_NOT_FOUND = 7,
    /// An argument is out of range: an unknown kind, list or charset, a
    /// handle or cursor that was never opened (or was copied), a bad date.
    FEUD_ERR_INVALID_ARGUMENT = 8,
    /// The blob is shorter than its header says.
    FEUD_ERR_TRUNCATED = 9,
    /// The bytes are not a feudfacts blob (wrong magic).
    FEUD_ERR_BAD_MAGIC = 10,
    /// The blob is in a format version this library does not read.
    FEUD_ERR_UNSUPPORTED_VERSION = 11,
    /// The blob's checksum does not match its contents.
    FEUD_ERR_CHECKSUM_MISMATCH = 12,
    /// The blob's checksum matches but its contents are malformed.
    FEUD_ERR_MALFORMED_BLOB = 13,
}

pub(crate) use feud_status::*;

/// What a function body gives: `Ok` or the refusal.
pub(crate) type Res<T = ()> = Result<T, feud_status>;

/// Runs the body of an exported function: `Ok` is `FEUD_OK`, a refusal is
/// its status. Every `extern "C"` function that returns a `feud_status` is
/// `boundary(|| { ... })`, itself or through a helper for a shape many share
/// (`answer` in corpus.rs, `by_name` in lookup.rs), so the refusals are
/// written with `?`. Inlined, it costs nothing.
#[inline(always)]
pub(crate) fn boundary(body: impl FnOnce() -> Res) -> feud_status {
    match body() {
        Ok(()) => FEUD_OK,
        Err(s) => s,
    }
}

/// The status of an error of the core.
pub(crate) const fn status_of(e: Error) -> feud_status {
    match e {
        Error::Truncated { .. } => FEUD_ERR_TRUNCATED,
        Error::BadMagic => FEUD_ERR_BAD_MAGIC,
        Error::UnsupportedVersion { .. } => FEUD_ERR_UNSUPPORTED_VERSION,
        Error::ChecksumMismatch { .. } => FEUD_ERR_CHECKSUM_MISMATCH,
        Error::BadHeader
        | Error::BadSection { .. }
        | Error::BadRecordTable { .. }
        | Error::BadRecord { .. }
        | Error::BadReference { .. }
        | Error::BadIndex { .. } => FEUD_ERR_MALFORMED_BLOB,
        Error::EmptyQuery => FEUD_ERR_EMPTY_QUERY,
        Error::QueryTooLong { .. } => FEUD_ERR_QUERY_TOO_LONG,
        Error::TooManyTerms => FEUD_ERR_TOO_MANY_TERMS,
        Error::InvalidUtf8 { .. } => FEUD_ERR_INVALID_UTF8,
        Error::NotFound => FEUD_ERR_NOT_FOUND,
        Error::InvalidArgument => FEUD_ERR_INVALID_ARGUMENT,
        Error::BufferTooSmall { .. } => FEUD_ERR_BUFFER_TOO_SMALL,
    }
}

/// A status code as `feud_status_str` receives it. The header declares the
/// parameter as `enum feud_status` (cbindgen.toml renames this alias), so C
/// passes what every function returns with no cast and no sign conversion;
/// this side reads the plain integer, so a value no enumerator names is an
/// ordinary "unknown status", never an invalid Rust enum.
type feud_status_code = c_int;

/// What `feud_status_str` says for each status, by code. Where a status
/// stands for exactly one error of the core, it says what the core does. The
/// others are kept as C callers have always read them: no error of the core
/// means "ok" or a NULL pointer; six kinds of malformed blob share one
/// status; and "not found" covers keys, names, list items and the end of a
/// timeline, a thread or a cursor, where the core's `Error::NotFound` says
/// "no such record".
const MESSAGES: [&str; 14] = [
    "ok",
    "a required pointer is NULL",
    Error::InvalidUtf8 { valid_up_to: 0 }.message(),
    Error::EmptyQuery.message(),
    Error::QueryTooLong { len: 0 }.message(),
    Error::TooManyTerms.message(),
    Error::BufferTooSmall { needed: 0 }.message(),
    "not found",
    Error::InvalidArgument.message(),
    Error::Truncated {
        needed: 0,
        actual: 0,
    }
    .message(),
    Error::BadMagic.message(),
    Error::UnsupportedVersion { found: 0 }.message(),
    Error::ChecksumMismatch {
        stored: 0,
        computed: 0,
    }
    .message(),
    "malformed blob",
];

const _: () = assert!(MESSAGES.len() == FEUD_ERR_MALFORMED_BLOB as usize + 1);

/// `MESSAGES`, NUL-terminated (made at compile time).
const STATUS_STRS: [&CStr; MESSAGES.len()] = c_strs!(MESSAGES);

/// A static English description of a status code (never NULL). Any value is
/// accepted: one that is not a `feud_status` gives "unknown status".
#[no_mangle]
pub extern "C" fn feud_status_str(status: feud_status_code) -> *const c_char {
    let s = usize::try_from(status)
        .ok()
        .and_then(|i| STATUS_STRS.get(i));
    s.copied().unwrap_or(c"unknown status").as_ptr()
}

/// Writes `v` to a caller's out-pointer; NULL is refused.
pub(crate) fn put<T>(out: *mut T, v: T) -> Res {
    if out.is_null() {
        return Err(FEUD_ERR_NULL);
    }
    // SAFETY: non-null, and per the header a valid, aligned pointer to a `T`
    // owned by the caller; `write` does not read or drop the old contents.
    unsafe { out.write(v) };
    Ok(())
}

/// Refuses a NULL pointer.
pub(crate) fn need<T>(p: *const T) -> Res {
    if p.is_null() {
        Err(FEUD_ERR_NULL)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_of_covers_every_code() {
        for code in 0..=13 {
            // SAFETY: the returned pointer is a static C string.
            let s = unsafe { CStr::from_ptr(feud_status_str(code)) };
            assert_ne!(s.to_str().unwrap(), "unknown status");
        }
        // SAFETY: as above.
        let s = unsafe { CStr::from_ptr(feud_status_str(14)) };
        assert_eq!(s.to_str().unwrap(), "unknown status");
    }

    /// What C reads, byte for byte; and where a status stands for one error
    /// of the core, the core's message.
    #[test]
    fn status_strings_are_unchanged() {
        let said = |code| {
            // SAFETY: the returned pointer is a static C string.
            unsafe { CStr::from_ptr(feud_status_str(code)) }
                .to_str()
                .unwrap()
        };
        let expected = [
            "ok",
            "a required pointer is NULL",
            "input is not valid UTF-8",
            "query is empty",
            "query is too long",
            "query has too many terms",
            "buffer too small",
            "not found",
            "invalid argument",
            "blob is truncated",
            "not a feudfacts blob (bad magic)",
            "unsupported blob format version",
            "blob checksum mismatch (corrupted)",
            "malformed blob",
        ];
        for (code, s) in expected.iter().enumerate() {
            assert_eq!(said(code as c_int), *s);
        }
        assert_eq!(said(-1), "unknown status");
        let errors = [
            Error::Truncated {
                needed: 1,
                actual: 0,
            },
            Error::BadMagic,
            Error::UnsupportedVersion { found: 9 },
            Error::BadHeader,
            Error::ChecksumMismatch {
                stored: 1,
                computed: 2,
            },
            Error::BadIndex {
                section: feudfacts::format::Section::ALL[0],
                offset: 0,
            },
            Error::EmptyQuery,
            Error::QueryTooLong { len: 999 },
            Error::TooManyTerms,
            Error::InvalidUtf8 { valid_up_to: 3 },
            Error::NotFound,
            Error::InvalidArgument,
            Error::BufferTooSmall { needed: 5 },
        ];
        for e in errors {
            let st = status_of(e);
            let shared = errors.iter().filter(|o| status_of(**o) == st).count() > 1;
            if !shared && st != FEUD_ERR_NOT_FOUND {
                assert_eq!(said(st as c_int), e.message(), "{e:?}");
            }
        }
    }
}
