//! Display helpers for small screens: transliteration to ASCII or Latin-1,
//! word wrapping to N columns, and a record formatted as one line.
//!
//! Small displays' fonts draw only ASCII (character LCDs) or Latin-1
//! (embedded-graphics' mono fonts); anything else shows as `?`. [`translit`]
//! maps typographic characters to their ASCII forms (’ → ', “ ” → ", — → -,
//! … → ...), strips diacritics where the charset lacks them, and spells flag
//! emoji out (`🇺🇸` → `[US flag]`). [`wrap`] splits text into lines of at most
//! N characters at spaces. [`write_line`] renders a record as one line
//! without `core::fmt`. Nothing here allocates.

use crate::corpus::Corpus;
use crate::fold::ascii_fallback;
use crate::format::{Kind, RecordRef};
use crate::records::Record;

/// The characters a display can draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// 7-bit printable ASCII.
    Ascii,
    /// ISO 8859-1 (printable ASCII and U+00A0..U+00FF).
    Latin1,
}

impl Charset {
    fn has(self, c: char) -> bool {
        match self {
            Charset::Ascii => (' '..='~').contains(&c),
            Charset::Latin1 => (' '..='~').contains(&c) || ('\u{a1}'..='\u{ff}').contains(&c),
        }
    }
}

/// The transliteration of a string, one `char` at a time (see [`translit`]).
#[derive(Clone, Debug)]
pub struct Translit<'a> {
    chars: core::iter::Peekable<core::str::Chars<'a>>,
    charset: Charset,
    pending: &'static str,
    flag: [char; 2],
    flag_pos: u8,
}

const FLAG_SUFFIX: &str = " flag]";

fn regional(c: char) -> Option<char> {
    match c {
        '\u{1f1e6}'..='\u{1f1ff}' => char::from_u32('A' as u32 + (c as u32 - 0x1f1e6)),
        _ => None,
    }
}

impl Iterator for Translit<'_> {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        // A flag being spelled out: "[", two letters, " flag]".
        if self.flag_pos > 0 {
            let i = self.flag_pos as usize;
            if i <= 2 {
                self.flag_pos += 1;
                return Some(self.flag[i - 1]);
            }
            self.flag_pos = 0;
            self.pending = FLAG_SUFFIX;
        }
        let mut pending = self.pending.chars();
        if let Some(c) = pending.next() {
            self.pending = pending.as_str();
            return Some(c);
        }
        loop {
            let c = self.chars.next()?;
            if self.charset.has(c) {
                return Some(c);
            }
            if let (Some(a), Some(b)) = (regional(c), self.chars.peek().copied().and_then(regional))
            {
                self.chars.next();
                self.flag = [a, b];
                self.flag_pos = 1;
                return Some('[');
            }
            match c {
                '\n' => return Some('\n'),
                '\t' | '\r' | '\u{a0}' => return Some(' '),
                _ => {}
            }
            match ascii_fallback(c) {
                Some(s) => {
                    let mut it = s.chars();
                    if let Some(first) = it.next() {
                        self.pending = it.as_str();
                        return Some(first);
                    }
                    // Invisible character: drop it.
                }
                None => return Some('?'),
            }
        }
    }
}

/// Transliterates `s` for a display that draws only `charset`: every
/// character yielded is in `charset` (or a newline); characters with no
/// stand-in become `?`.
pub fn translit(s: &str, charset: Charset) -> Translit<'_> {
    Translit {
        chars: s.chars().peekable(),
        charset,
        pending: "",
        flag: ['?', '?'],
        flag_pos: 0,
    }
}

/// Writes the transliteration of `s` into `out` as UTF-8 (whole characters
/// only) and returns the length the whole transliteration needs, like
/// `snprintf` without the NUL: the output is complete when the result is at
/// most `out.len()`.
pub fn translit_into(s: &str, charset: Charset, out: &mut [u8]) -> usize {
    let mut sink = Sink::new(out);
    for c in translit(s, charset) {
        sink.push_char(c);
    }
    sink.needed
}

/// Lines of at most `cols` characters (see [`wrap`]).
#[derive(Clone, Debug)]
pub struct Wrap<'a> {
    rest: &'a str,
    cols: usize,
}

impl<'a> Iterator for Wrap<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let s = self.rest.trim_start_matches(' ');
        if s.is_empty() {
            self.rest = s;
            return None;
        }
        // Byte offset after `cols` characters, or the end.
        let mut limit = s.len();
        let mut newline = None;
        for (n, (i, c)) in s.char_indices().enumerate() {
            if c == '\n' {
                newline = Some(i);
                break;
            }
            if n == self.cols {
                limit = i;
                break;
            }
        }
        // Offsets come from `char_indices`, so they are char boundaries; the
        // checked splits only keep panic paths out of the release library.
        if let Some(i) = newline.filter(|&i| i <= limit) {
            let (line, rest) = s.split_at_checked(i).unwrap_or((s, ""));
            self.rest = rest.get(1..).unwrap_or(""); // after the '\n'
            return Some(line.trim_end_matches(' '));
        }
        if limit == s.len() {
            self.rest = "";
            return Some(s.trim_end_matches(' '));
        }
        // Break at the last space within the limit (or right at it).
        let (head, tail) = s.split_at_checked(limit).unwrap_or((s, ""));
        let cut = if tail.starts_with(' ') {
            limit
        } else {
            match head.bytes().rposition(|b| b == b' ') {
                Some(sp) if sp > 0 => sp,
                _ => limit, // a word longer than a line: split it
            }
        };
        let (line, rest) = s.split_at_checked(cut).unwrap_or((s, ""));
        self.rest = rest;
        Some(line.trim_end_matches(' '))
    }
}

/// Splits `s` into lines of at most `cols` characters, breaking at spaces
/// (and at `\n`), splitting only words longer than a line. `cols` of 0 is
/// taken as 1. Lines borrow from `s`; transliterate first so that one
/// character is one column.
pub fn wrap(s: &str, cols: usize) -> Wrap<'_> {
    Wrap {
        rest: s,
        cols: cols.max(1),
    }
}

/// A byte buffer that keeps whole characters and counts what it would need.
struct Sink<'o> {
    out: &'o mut [u8],
    written: usize,
    needed: usize,
}

impl<'o> Sink<'o> {
    fn new(out: &'o mut [u8]) -> Sink<'o> {
        Sink {
            out,
            written: 0,
            needed: 0,
        }
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push_char(c);
        }
    }

    fn push_char(&mut self, c: char) {
        let mut b = [0u8; 4];
        let enc = c.encode_utf8(&mut b).as_bytes();
        // Only write while everything so far fit, so the output is a prefix.
        if self.written == self.needed {
            if let Some(dst) = self.out.get_mut(self.written..self.written + enc.len()) {
                // Same length by construction; a zip has no length-check
                // panic path even where copy_from_slice is not inlined (z).
                for (d, b) in dst.iter_mut().zip(enc) {
                    *d = *b;
                }
                self.written += enc.len();
            }
        }
        self.needed += enc.len();
    }
}

/// Writes a one-line rendering of record `r` into `out` (original UTF-8;
/// transliterate afterwards for small fonts) and returns the length the
/// whole line needs, like `snprintf` without the NUL. `None` for an unknown
/// record. Quotes: `Speaker (date): text`; events: `date: title`; entities:
/// `name - role`; figures: `phrasing - what it is`; discrepancies: the title;
/// sources: `outlet: headline` or the seed id.
pub fn write_line(corpus: &Corpus<'_>, r: RecordRef, out: &mut [u8]) -> Option<usize> {
    let mut sink = Sink::new(out);
    let mut date_buf = [0u8; 10];
    let rec = corpus.record(r)?;
    match rec {
        Record::Quote(q) => {
            sink.push_str(corpus.entity(q.speaker).map_or("?", |e| e.name.as_str()));
            if let Some(d) = q.dating {
                sink.push_str(" (");
                sink.push_str(d.date.iso(&mut date_buf));
                sink.push_str(")");
            }
            sink.push_str(": ");
            sink.push_str(q.text.as_str());
        }
        Record::Event(e) => {
            if let Some(d) = e.dating {
                sink.push_str(d.date.iso(&mut date_buf));
                sink.push_str(": ");
            }
            sink.push_str(e.title.as_str());
        }
        Record::Entity(e) => {
            sink.push_str(e.name.as_str());
            if let Some(role) = e.roles.iter().next() {
                sink.push_str(" - ");
                sink.push_str(role.as_str());
            }
        }
        Record::Figure(f) => {
            if let Some(p) = f.phrasings.iter().next() {
                sink.push_str(p.text.as_str());
                sink.push_str(" - ");
            }
            sink.push_str(f.refers_to.as_str());
        }
        Record::Discrepancy(d) => sink.push_str(d.title.as_str()),
        Record::Source(s) => {
            if !s.outlet.is_empty() {
                sink.push_str(s.outlet.as_str());
                sink.push_str(": ");
            }
            if s.headline.is_empty() {
                sink.push_str(s.key.as_str());
            } else {
                sink.push_str(s.headline.as_str());
            }
        }
    }
    debug_assert!(matches!(r.kind, Kind::Source) || sink.needed > 0);
    Some(sink.needed)
}
