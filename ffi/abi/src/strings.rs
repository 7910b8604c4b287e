//! Strings across the boundary, both ways: `feud_str` (a corpus string
//! handed out, NUL-terminated in place), C strings and UTF-8 spans read
//! from callers, the snprintf-like text buffers functions write into, and
//! the NUL-terminated tables (status strings, names) made at compile time
//! from the core's `&str`s.

use core::ffi::{c_char, CStr};

use feudfacts::Text;

use crate::status::*;

/// A string inside the corpus: `len` bytes of UTF-8 at `ptr`, followed there
/// by a NUL, so `printf("%s", s.ptr)` works. `ptr` is never NULL (an empty
/// string is `""`). It stays valid as long as the corpus bytes do (forever
/// for the embedded corpus).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_str {
    /// The first byte; NUL-terminated.
    pub ptr: *const c_char,
    /// Length in bytes, without the NUL.
    pub len: usize,
}

impl feud_str {
    /// `""`.
    pub(crate) const EMPTY: feud_str = feud_str {
        ptr: c"".as_ptr(),
        len: 0,
    };

    /// A corpus string (NUL-terminated in the blob).
    pub(crate) fn of(t: Text<'_>) -> feud_str {
        feud_str {
            ptr: t.as_bytes_with_nul().as_ptr().cast(),
            len: t.len(),
        }
    }

    /// A static C string.
    pub(crate) fn of_static(s: &'static CStr) -> feud_str {
        feud_str {
            ptr: s.as_ptr(),
            len: s.count_bytes(),
        }
    }
}

/// Reads a NUL-terminated C string as UTF-8.
pub(crate) fn c_str<'s>(s: *const c_char) -> Res<&'s str> {
    need(s)?;
    // SAFETY: non-null and, per the header, a NUL-terminated string that
    // outlives this call.
    let cs = unsafe { CStr::from_ptr(s) };
    cs.to_str().map_err(|_| FEUD_ERR_INVALID_UTF8)
}

/// A caller's text buffer: `size` bytes at `buf` (NULL allowed when 0).
/// Zeroes it, so any prefix the writer leaves is NUL-terminated, and returns
/// the part the writer may fill (one byte is kept for the NUL).
fn text_buf<'b>(buf: *mut c_char, size: usize) -> Res<&'b mut [u8]> {
    if size == 0 {
        return Ok(&mut []);
    }
    need(buf)?;
    // SAFETY: non-null with `size` writable bytes per the header, not
    // otherwise accessed during the call.
    let all = unsafe { core::slice::from_raw_parts_mut(buf.cast::<u8>(), size) };
    all.fill(0);
    Ok(&mut all[..size - 1])
}

/// The snprintf-like output every text-writing function shares: `write`
/// fills the caller's buffer (`size` bytes at `buf`, see `text_buf`) with
/// what fits and gives the length of the whole text, which goes to `*needed`
/// (may be NULL); a text that did not fit is `FEUD_ERR_BUFFER_TOO_SMALL`.
pub(crate) fn write_text(
    buf: *mut c_char,
    size: usize,
    needed: *mut usize,
    write: impl FnOnce(&mut [u8]) -> Res<usize>,
) -> Res {
    let out = text_buf(buf, size)?;
    let cap = out.len();
    let n = write(out)?;
    if !needed.is_null() {
        put(needed, n)?;
    }
    if n > cap {
        Err(FEUD_ERR_BUFFER_TOO_SMALL)
    } else {
        Ok(())
    }
}

/// Reads `len` bytes of UTF-8 at `s` (NULL allowed when `len` is 0).
pub(crate) fn utf8<'s>(s: *const c_char, len: usize) -> Res<&'s str> {
    if len == 0 {
        return Ok("");
    }
    need(s)?;
    // SAFETY: non-null with `len` readable bytes per the header.
    let b = unsafe { core::slice::from_raw_parts(s.cast::<u8>(), len) };
    core::str::from_utf8(b).map_err(|_| FEUD_ERR_INVALID_UTF8)
}

/// NUL-terminated copies of a constant array of `&str`, made at compile
/// time: `c_strs!(STRS)` is a `[&'static CStr; STRS.len()]`. The core's names
/// and messages are `&str`s, and C wants a NUL after each: this lays them end
/// to end, each followed by a NUL, and points into that. A string holding a
/// NUL is a compile-time error.
macro_rules! c_strs {
    ($strs:expr) => {{
        const STRS: &[&str] = &$strs;
        const BYTES: [u8; $crate::strings::nul_joined_len(STRS)] =
            $crate::strings::nul_joined(STRS);
        const TABLE: [&::core::ffi::CStr; STRS.len()] = $crate::strings::nul_split(&BYTES);
        TABLE
    }};
}
pub(crate) use c_strs;

/// The bytes of `strs` with a NUL after each.
pub(crate) const fn nul_joined_len(strs: &[&str]) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < strs.len() {
        n += strs[i].len() + 1;
        i += 1;
    }
    n
}

/// `strs` end to end, a NUL after each (`N` is `nul_joined_len(strs)`).
pub(crate) const fn nul_joined<const N: usize>(strs: &[&str]) -> [u8; N] {
    let mut out = [0; N];
    let (mut at, mut i) = (0, 0);
    while i < strs.len() {
        let s = strs[i].as_bytes();
        let mut j = 0;
        while j < s.len() {
            out[at] = s[j];
            at += 1;
            j += 1;
        }
        at += 1;
        i += 1;
    }
    out
}

/// The `K` C strings `nul_joined` laid end to end in `bytes`.
pub(crate) const fn nul_split<const K: usize>(bytes: &'static [u8]) -> [&'static CStr; K] {
    let mut table = [c""; K];
    let (mut rest, mut i) = (bytes, 0);
    while i < K {
        let Ok(s) = CStr::from_bytes_until_nul(rest) else {
            panic!("fewer strings than expected");
        };
        table[i] = s;
        rest = rest.split_at(s.count_bytes() + 1).1;
        i += 1;
    }
    assert!(rest.is_empty(), "a string holds a NUL");
    table
}
