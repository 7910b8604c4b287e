//! Text folding: how text is normalised for search, and the ASCII
//! fallbacks of typographic and accented characters.
//!
//! Search compares *folded* text: ASCII letters lowercased, typographic
//! quotes, dashes and ellipses replaced by their ASCII forms (`don't` finds
//! `don’t`, `"` finds `“`, `-` finds `—`), Latin letters stripped of
//! diacritics (`é` → `e`), regional-indicator letters (flag emoji) turned into
//! letters, invisible characters dropped, and every run of white space made one
//! space, with none at either end. Folding never makes text longer, so a
//! query buffer of the input's size always holds the folded query.
//!
//! The same rules fold the corpus at build time (the compiler, `compile/`,
//! which `build.rs` runs, uses this module too) and queries at run time,
//! and [`walk`] reports, for every folded byte, the byte range of the
//! original character it came from, which is how search maps a match back
//! to a highlight range in the original text.
//! [`ascii_fallback`] is also the table behind the display transliteration
//! in the core's `display` module.

/// The ASCII stand-in of a non-ASCII character, case preserved, never longer
/// than the character's UTF-8 encoding; `None` when there is none.
///
/// Regional-indicator symbols (the halves of flag emoji) map to their
/// uppercase letter; invisible characters (zero-width space and joiners,
/// variation selectors, BOM, soft hyphen) map to `""`; non-ASCII white space
/// to `" "`.
pub fn ascii_fallback(c: char) -> Option<&'static str> {
    const RI: [&str; 26] = [
        "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
        "S", "T", "U", "V", "W", "X", "Y", "Z",
    ];
    let s = match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{00b4}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
        | '\u{00bb}' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{2022}' | '\u{00b7}' => "*",
        '\u{00a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => " ",
        '\u{00ad}'
        | '\u{200b}'..='\u{200d}'
        | '\u{2060}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}' => "",
        '\u{20ac}' => "EUR",
        '\u{2122}' => "TM",
        '\u{00d7}' => "x",
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Č' => "C",
        'ç' | 'ć' | 'č' => "c",
        'Ð' | 'Ď' => "D",
        'ð' | 'ď' => "d",
        'È'..='Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'è'..='ë' | 'ē' | 'ę' | 'ě' => "e",
        'Ğ' => "G",
        'ğ' => "g",
        'Ì'..='Ï' | 'İ' => "I",
        'ì'..='ï' | 'ı' => "i",
        'Ł' => "L",
        'ł' => "l",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ñ' | 'ń' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'Ő' => "O",
        'ò'..='ö' | 'ø' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ř' => "R",
        'ř' => "r",
        'Ś' | 'Ş' | 'Š' => "S",
        'ś' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'Þ' => "TH",
        'þ' => "th",
        'Ť' => "T",
        'ť' => "t",
        'Ù'..='Ü' | 'Ů' | 'Ű' => "U",
        'ù'..='ü' | 'ů' | 'ű' => "u",
        'Ý' | 'Ÿ' => "Y",
        'ý' | 'ÿ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        '\u{1f1e6}'..='\u{1f1ff}' => RI[(c as u32 - 0x1f1e6) as usize],
        _ => return None,
    };
    Some(s)
}

/// Whether `c` counts as white space for folding.
fn is_space(c: char) -> bool {
    matches!(c, '\0'..=' ' | '\u{7f}') || c.is_whitespace()
}

/// Folds `s`, calling `emit(byte, original_start, original_end)` for every
/// folded byte, where `original_start..original_end` is the byte range of the
/// character of `s` it came from. This is the one definition of folding.
pub fn walk<F: FnMut(u8, usize, usize)>(s: &str, mut emit: F) {
    walk_while(s, |b, os, oe| {
        emit(b, os, oe);
        true
    });
}

/// [`walk`] that stops as soon as `emit` returns `false`. ASCII takes a
/// byte-at-a-time fast path; other characters go through [`ascii_fallback`].
pub fn walk_while<F: FnMut(u8, usize, usize) -> bool>(s: &str, mut emit: F) {
    let bytes = s.as_bytes();
    let mut pending_space: Option<(usize, usize)> = None;
    let mut started = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if b <= b' ' || b == 0x7f {
                if started && pending_space.is_none() {
                    pending_space = Some((i, i + 1));
                }
            } else {
                if let Some((ps, pe)) = pending_space.take() {
                    if !emit(b' ', ps, pe) {
                        return;
                    }
                }
                if !emit(b.to_ascii_lowercase(), i, i + 1) {
                    return;
                }
                started = true;
            }
            i += 1;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            return;
        };
        let (start, end) = (i, i + c.len_utf8());
        i = end;
        let mut utf8 = [0u8; 4];
        let folded: &[u8] = if is_space(c) {
            if started && pending_space.is_none() {
                pending_space = Some((start, end));
            }
            continue;
        } else if let Some(a) = ascii_fallback(c) {
            if a == " " {
                if started && pending_space.is_none() {
                    pending_space = Some((start, end));
                }
                continue;
            }
            a.as_bytes()
        } else {
            c.encode_utf8(&mut utf8).as_bytes()
        };
        for &b in folded {
            if let Some((ps, pe)) = pending_space.take() {
                if !emit(b' ', ps, pe) {
                    return;
                }
            }
            if !emit(b.to_ascii_lowercase(), start, end) {
                return;
            }
            started = true;
        }
    }
}

/// Folds `s` into `out`, returning the folded length, or `None` when `out`
/// is too small (it never is when `out.len() >= s.len()`).
pub fn fold_into(s: &str, out: &mut [u8]) -> Option<usize> {
    let mut n = 0;
    let mut ok = true;
    walk(s, |b, _, _| match out.get_mut(n) {
        Some(slot) => {
            *slot = b;
            n += 1;
        }
        None => ok = false,
    });
    ok.then_some(n)
}

/// Maps the folded byte range `start..end` of `s` back to the byte range of
/// the original characters it came from. `None` when the range is empty or
/// lies outside the folded text.
pub fn original_range(s: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if start >= end {
        return None;
    }
    // Fast path: up to `end`, plain printable ASCII with single spaces and
    // none leading folds byte for byte, so offsets carry over unchanged.
    if let Some(prefix) = s.as_bytes().get(..end) {
        let plain = prefix.iter().all(|&b| (b' '..0x7f).contains(&b))
            && prefix.first() != Some(&b' ')
            && memchr::memmem::find(prefix, b"  ").is_none();
        if plain {
            return Some((start, end));
        }
    }
    let (mut i, mut from, mut to) = (0usize, None, None);
    walk_while(s, |_, os, oe| {
        if i == start {
            from = Some(os);
        }
        if i + 1 == end {
            to = Some(oe);
        }
        i += 1;
        i < end
    });
    Some((from?, to?))
}

/// Whether folding `s` keeps every byte where it was (ASCII that folds byte
/// for byte): then offsets in the folded text are offsets in `s`, and a
/// match needs no mapping back. The `Segments` table records this per field.
pub fn keeps_offsets(s: &str) -> bool {
    let mut i = 0usize;
    let mut same = true;
    walk_while(s, |_, os, oe| {
        same = os == i && oe == i + 1;
        i += 1;
        same
    });
    same && i == s.len()
}

/// Whether a folded byte is part of a word (ASCII letters and digits, and
/// any byte of a character folding left as it was).
pub const fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}
