//! Text for small displays: a record as one line (`feud_format_line`),
//! transliteration to what a display can draw (`feud_translit`) and word
//! wrapping (`feud_wrap`), each written with snprintf semantics.

use core::ffi::c_char;

use feudfacts::Charset;

use crate::corpus::*;
use crate::enums::*;
use crate::records::record_of;
use crate::status::*;
use crate::strings::*;

/// Writes record `kind` `index` as one line of UTF-8 — quotes
/// `Speaker (date): text`, events `date: title`, entities `name - role`,
/// figures `phrasing - what`, discrepancies their title, sources
/// `outlet: headline` — with snprintf semantics: at most `size` bytes are
/// written, always NUL-terminated when `size > 0`, never splitting a
/// character; `*needed` (may be NULL) gets the length of the whole line
/// without the NUL. Returns `FEUD_ERR_BUFFER_TOO_SMALL` when the line was
/// cut (so `buf = NULL, size = 0` measures it).
///
/// # Safety
/// `buf` must be NULL or point to `size` writable bytes; other pointers
/// valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_format_line(
    corpus: *const feud_corpus,
    kind: feud_kind,
    index: u32,
    buf: *mut c_char,
    size: usize,
    needed: *mut usize,
) -> feud_status {
    boundary(|| {
        let (c, r) = record_of(corpus, kind, index)?;
        if c.record(r).is_none() {
            return Err(FEUD_ERR_NOT_FOUND);
        }
        write_text(buf, size, needed, |out| {
            feudfacts::write_line(c, r, out).ok_or(FEUD_ERR_NOT_FOUND)
        })
    })
}

/// Transliterates `len` bytes of UTF-8 at `s` for a display that draws only
/// `charset` (`FEUD_CHARSET_*`): typographic quotes and dashes become ASCII,
/// `…` becomes `...`, accents are dropped where the charset lacks them, flag
/// emoji are spelled (`[US flag]`), anything else becomes `?`. The result is
/// written as UTF-8 (pure ASCII for `FEUD_CHARSET_ASCII`) with the snprintf
/// semantics of `feud_format_line`.
///
/// # Safety
/// `s` must be NULL or point to `len` readable bytes; `buf` NULL or `size`
/// writable bytes; `needed` valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_translit(
    s: *const c_char,
    len: usize,
    charset: feud_charset,
    buf: *mut c_char,
    size: usize,
    needed: *mut usize,
) -> feud_status {
    boundary(|| {
        let text = utf8(s, len)?;
        let cs = match charset {
            FEUD_CHARSET_ASCII => Charset::Ascii,
            FEUD_CHARSET_LATIN1 => Charset::Latin1,
            _ => return Err(FEUD_ERR_INVALID_ARGUMENT),
        };
        write_text(buf, size, needed, |out| {
            Ok(feudfacts::translit_into(text, cs, out))
        })
    })
}

/// Word-wraps `len` bytes of UTF-8 at `s` into lines of at most `cols`
/// characters (0 is taken as 1), breaking at spaces and at line feeds,
/// splitting only words longer than a line, and writes the lines joined by
/// line feeds (none after the last) with the snprintf semantics of
/// `feud_format_line`.
/// `*lines` (may be NULL) gets the number of lines. Transliterate first so
/// that one character is one column.
///
/// # Safety
/// `s` must be NULL or point to `len` readable bytes; `buf` NULL or `size`
/// writable bytes; other pointers valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_wrap(
    s: *const c_char,
    len: usize,
    cols: u32,
    buf: *mut c_char,
    size: usize,
    needed: *mut usize,
    lines: *mut usize,
) -> feud_status {
    boundary(|| {
        let text = utf8(s, len)?;
        write_text(buf, size, needed, |out| {
            let cap = out.len();
            let (mut n, mut count) = (0usize, 0usize);
            let mut fits = true;
            for line in feudfacts::wrap(text, cols as usize) {
                let sep: &[u8] = if count > 0 { b"\n" } else { b"" };
                for part in [sep, line.as_bytes()] {
                    // Whole lines only once something did not fit: a line is
                    // cut at a character boundary, never inside one.
                    let end = n + part.len();
                    if fits && end <= cap {
                        if let Some(dst) = out.get_mut(n..end) {
                            // A zip copy: copy_from_slice keeps a length-mismatch
                            // panic path at opt-level z (ci/panic-free).
                            for (d, b) in dst.iter_mut().zip(part) {
                                *d = *b;
                            }
                        }
                    } else if fits {
                        let room = cap - n;
                        let mut cut = room.min(part.len());
                        // Back off to a character boundary (`get`: no panic path).
                        while cut > 0 && part.get(cut).is_some_and(|b| b & 0xc0 == 0x80) {
                            cut -= 1;
                        }
                        if let (Some(dst), Some(src)) = (out.get_mut(n..n + cut), part.get(..cut)) {
                            for (d, b) in dst.iter_mut().zip(src) {
                                *d = *b;
                            }
                        }
                        fits = false;
                    }
                    n = end;
                }
                count += 1;
            }
            if !lines.is_null() {
                put(lines, count)?;
            }
            Ok(n)
        })
    })
}
