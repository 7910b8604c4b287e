//! Tokens: how folded text splits into the words best-match search indexes,
//! and what each word's search term is.
//!
//! A *token* is a maximal run of word bytes ([`crate::fold::is_word_byte`]),
//! where an apostrophe between two word bytes joins them (`don't`,
//! `nadella's`) and so do a comma or a full stop between two digits
//! (`100,000`, `97.4`). Its *form* is its bytes as they stand in the folded
//! text; its *term* ([`term`]) is what search compares: for numbers the
//! digits without their thousands separators, for words the stem of the
//! spelling-normalised word ([`crate::stem::term`]), so `Nadella's` meets
//! `Nadella` and `lawsuits` meets `lawsuit`.
//!
//! The index (`compile/`) and the query use these functions alone, so they
//! cannot split or stem differently; both use this module.
//! [`is_stop`] lists the English function and question words that
//! best-match search never requires and weighs little.

use crate::fold::is_word_byte;
use crate::stem::{self, Stem};

/// Whether the byte at `i` joins the bytes around it into one token: an
/// apostrophe between word bytes, or `,`/`.` between digits.
fn joins(b: &[u8], i: usize) -> bool {
    let (Some(&prev), Some(&c), Some(&next)) = (
        i.checked_sub(1).and_then(|p| b.get(p)),
        b.get(i),
        b.get(i + 1),
    ) else {
        return false;
    };
    match c {
        b'\'' => is_word_byte(prev) && is_word_byte(next),
        b',' | b'.' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// Whether a token starts at byte `p` of `b`.
pub fn starts_at(b: &[u8], p: usize) -> bool {
    let Some(&c) = b.get(p) else {
        return false;
    };
    if !is_word_byte(c) {
        return false;
    }
    match p.checked_sub(1).and_then(|q| b.get(q)) {
        None => true,
        Some(&prev) if is_word_byte(prev) => false,
        Some(_) => !joins(b, p - 1),
    }
}

/// The end of the token starting at `start` (which must be a token start).
pub fn end_from(b: &[u8], start: usize) -> usize {
    let mut i = start;
    loop {
        while b.get(i).is_some_and(|&c| is_word_byte(c)) {
            i += 1;
        }
        if joins(b, i) {
            i += 1;
        } else {
            return i;
        }
    }
}

/// The tokens of folded text, as `(start, end)` byte ranges.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// The tokens of `b`.
    pub fn new(b: &'a [u8]) -> Tokens<'a> {
        Tokens { b, pos: 0 }
    }
}

impl Iterator for Tokens<'_> {
    type Item = (usize, usize);
    fn next(&mut self) -> Option<(usize, usize)> {
        let rest = self.b.get(self.pos..)?;
        let start = self.pos + rest.iter().position(|&c| is_word_byte(c))?;
        let end = end_from(self.b, start);
        self.pos = end;
        Some((start, end))
    }
}

/// The number of tokens in `b`.
pub fn count(b: &[u8]) -> usize {
    Tokens::new(b).count()
}

/// Whether `form` (itself one whole token) occurs in `b` as a whole token
/// at `p`.
pub fn is_token_at(b: &[u8], p: usize, form: &[u8]) -> bool {
    let end = p + form.len();
    // Cheapest first: the bytes around, then the bytes themselves. A form is
    // one token, so matching it and ending at a boundary is the whole token.
    starts_at(b, p)
        && !b.get(end).is_some_and(|&c| is_word_byte(c))
        && !joins(b, end)
        && b.get(p..end)
            .is_some_and(|s| s.iter().zip(form).all(|(x, y)| x == y))
}

/// How many times `form` (a whole token) occurs in `b`.
pub fn occurrences(b: &[u8], form: &[u8]) -> usize {
    find_all(b, form).count()
}

/// Where `form` (a whole token) occurs in `b`, in order.
pub fn find_all<'a>(b: &'a [u8], form: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let first = form.first().copied();
    let mut from = 0usize;
    core::iter::from_fn(move || {
        let f = first?;
        loop {
            let p = from + memchr::memchr(f, b.get(from..)?)?;
            from = p + 1;
            if is_token_at(b, p, form) {
                return Some(p);
            }
        }
    })
}

/// Whether a token is a number: digits, with `,` or `.` between digits.
pub fn is_number(form: &[u8]) -> bool {
    form.first().is_some_and(u8::is_ascii_digit)
        && form
            .iter()
            .all(|&c| c.is_ascii_digit() || c == b',' || c == b'.')
}

/// The search term of a token's form: a number without its thousands
/// separators (`100,000` → `100000`), or the stem of the normalised word.
pub fn term(form: &[u8]) -> Stem {
    if is_number(form) {
        let mut digits = [0u8; stem::MAX_WORD];
        let mut n = 0;
        for &c in form {
            if c != b',' {
                if let Some(slot) = digits.get_mut(n) {
                    *slot = c;
                    n += 1;
                }
            }
        }
        return stem::stem(digits.get(..n).unwrap_or(&[]));
    }
    stem::term(form)
}

/// English function words, question words and the light verbs questions
/// are phrased with (`put`, `get`, `happen`): never required by a
/// best-match query and weighted little. Sorted, for binary search.
pub const STOP_WORDS: [&str; 124] = [
    "a",
    "about",
    "after",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anything",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "but",
    "by",
    "came",
    "can",
    "come",
    "coming",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "for",
    "from",
    "gave",
    "get",
    "gets",
    "getting",
    "give",
    "gives",
    "giving",
    "go",
    "goes",
    "going",
    "got",
    "had",
    "happen",
    "happened",
    "happens",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "made",
    "make",
    "makes",
    "making",
    "many",
    "me",
    "more",
    "most",
    "much",
    "my",
    "no",
    "not",
    "of",
    "on",
    "or",
    "our",
    "out",
    "over",
    "put",
    "puts",
    "putting",
    "really",
    "said",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "something",
    "take",
    "takes",
    "taking",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "to",
    "took",
    "was",
    "we",
    "went",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "why",
    "with",
];

/// Whether a token's form is a stop word (see [`STOP_WORDS`]).
pub fn is_stop(form: &[u8]) -> bool {
    STOP_WORDS
        .binary_search_by(|w| w.as_bytes().cmp(form))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::vec::Vec;

    fn toks(s: &str) -> Vec<&str> {
        Tokens::new(s.as_bytes()).map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn splitting() {
        assert_eq!(
            toks("nadella's reply, don't"),
            ["nadella's", "reply", "don't"]
        );
        assert_eq!(
            toks("$100,000 jobs at 97.4 b."),
            ["100,000", "jobs", "at", "97.4", "b"]
        );
        assert_eq!(
            toks("'quoted' u.s. a,b 1,b"),
            ["quoted", "u", "s", "a", "b", "1", "b"]
        );
        assert_eq!(toks("@elonmusk-@sama"), ["elonmusk", "sama"]);
        assert_eq!(toks(""), Vec::<&str>::new());
    }

    #[test]
    fn whole_tokens_only() {
        let b = b"nadella's s musks s's 100,000";
        assert_eq!(occurrences(b, b"s"), 1);
        assert_eq!(occurrences(b, b"nadella's"), 1);
        assert_eq!(occurrences(b, b"nadella"), 0);
        assert_eq!(occurrences(b, b"100"), 0);
        assert_eq!(occurrences(b, b"100,000"), 1);
        assert_eq!(occurrences(b, b"s's"), 1);
    }

    #[test]
    fn terms() {
        assert_eq!(term(b"100,000").as_bytes(), b"100000");
        assert_eq!(term(b"97.4").as_bytes(), b"97.4");
        assert_eq!(term(b"nadella's").as_bytes(), b"nadella");
        assert_eq!(term(b"lawsuits").as_bytes(), b"lawsuit");
        assert_eq!(
            term(b"criticised").as_bytes(),
            term(b"criticizes").as_bytes()
        );
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop(b"who") && is_stop(b"the") && !is_stop(b"softbank"));
    }
}
