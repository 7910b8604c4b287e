//! The optional word index: the distinct words of the search text, sorted,
//! each with the segments (searchable fields) it occurs in.
//!
//! Without it, [`crate::search`] scans the whole folded haystack for every
//! query. That is the fastest thing there is for a corpus the size of the
//! feud's, but its cost grows with the corpus. With the index, a query looks
//! its words up first (a binary search over `Words`) and then visits only the
//! fields that contain them; the scan's own matcher still confirms every
//! match, so both paths return the same hits. The layout is specified in
//! [`crate::format`]; the encoder (`compile/`) builds it; `Corpus::from_bytes`
//! validates it (`WordIndex::check`), after which nothing here can fail.

use crate::error::Error;
use crate::fold::is_word_byte;
use crate::format::{decode_varint, Section, WordEntry, WORD_LEN};

/// A view of a blob's word index (the `Words` and `Postings` sections).
#[derive(Clone, Copy, Debug)]
pub struct WordIndex<'a> {
    words: &'a [u8],
    postings: &'a [u8],
    text: &'a [u8],
}

/// The maximal runs of word bytes in `hay`, with their offsets: the words
/// the index holds.
pub(crate) struct Tokens<'a> {
    hay: &'a [u8],
    pos: usize,
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(hay: &'a [u8]) -> Tokens<'a> {
        Tokens { hay, pos: 0 }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (usize, &'a [u8]);
    fn next(&mut self) -> Option<(usize, &'a [u8])> {
        let rest = self.hay.get(self.pos..)?;
        let start = self.pos + rest.iter().position(|&b| is_word_byte(b))?;
        let tail = self.hay.get(start..)?;
        let len = tail
            .iter()
            .position(|&b| !is_word_byte(b))
            .unwrap_or(tail.len());
        self.pos = start + len;
        Some((start, tail.get(..len)?))
    }
}

/// Whether `word` occurs in `hay` as a whole word.
// `memchr` for the first byte rather than a `memmem` finder: the haystacks
// are single fields, too short to repay building a finder per call.
fn contains_word(hay: &[u8], word: &[u8]) -> bool {
    let Some(&first) = word.first() else {
        return false;
    };
    let mut from = 0;
    while let Some(p) = hay
        .get(from..)
        .and_then(|h| memchr::memchr(first, h))
        .map(|p| p + from)
    {
        let before = p == 0 || hay.get(p - 1).is_some_and(|&b| !is_word_byte(b));
        let after = hay.get(p + word.len()).is_none_or(|&b| !is_word_byte(b));
        if before && after && hay.get(p..p + word.len()) == Some(word) {
            return true;
        }
        from = p + 1;
    }
    false
}

/// One word's postings: segment indexes in increasing order.
#[derive(Clone, Debug)]
pub struct Postings<'a> {
    bytes: &'a [u8],
    prev: Option<u32>,
}

impl Iterator for Postings<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let (v, n) = decode_varint(self.bytes)?;
        self.bytes = self.bytes.get(n..)?;
        let v = match self.prev {
            None => v,
            Some(p) => p.checked_add(v)?,
        };
        self.prev = Some(v);
        Some(v)
    }
}

impl<'a> WordIndex<'a> {
    /// The index over `text` held by these sections; `None` when the blob
    /// has none (`words` is empty).
    pub(crate) fn new(words: &'a [u8], postings: &'a [u8], text: &'a [u8]) -> Option<Self> {
        if words.is_empty() {
            return None;
        }
        Some(WordIndex {
            words,
            postings,
            text,
        })
    }

    /// The number of distinct words.
    pub fn len(&self) -> usize {
        self.words.len() / WORD_LEN
    }

    /// Whether there are no words (never, for an index that exists).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The size of both sections in bytes.
    pub fn size(&self) -> usize {
        self.words.len() + self.postings.len()
    }

    fn entry(&self, i: usize) -> Option<WordEntry> {
        match self.words.get(i * WORD_LEN..i * WORD_LEN + WORD_LEN) {
            Some(&[a, b, c, d, e, f, g, h]) => Some(WordEntry::decode([a, b, c, d, e, f, g, h])),
            _ => None,
        }
    }

    /// Word `i` (folded bytes); empty past the end.
    pub fn word(&self, i: usize) -> &'a [u8] {
        let Some(e) = self.entry(i) else {
            return &[];
        };
        let tail = self.text.get(e.text as usize..).unwrap_or(&[]);
        let len = tail
            .iter()
            .position(|&b| !is_word_byte(b))
            .unwrap_or(tail.len());
        tail.get(..len).unwrap_or(&[])
    }

    /// Byte range of word `i`'s postings in the `Postings` section.
    pub(crate) fn span(&self, i: usize) -> (u32, u32) {
        let start = match i.checked_sub(1) {
            Some(p) => self.entry(p).map_or(0, |e| e.postings_end),
            None => 0,
        };
        let end = self.entry(i).map_or(start, |e| e.postings_end);
        (start, end.max(start))
    }

    /// Where word `i`'s postings end in the `Postings` section.
    pub(crate) fn end(&self, i: usize) -> u32 {
        self.entry(i).map_or(0, |e| e.postings_end)
    }

    /// How many bytes word `i`'s postings take: a cheap measure of how
    /// common it is, to start a query from its rarest word.
    pub fn postings_bytes(&self, i: usize) -> usize {
        let (s, e) = self.span(i);
        (e - s) as usize
    }

    /// The segments containing word `i`, in increasing order.
    pub fn postings(&self, i: usize) -> Postings<'a> {
        let (s, e) = self.span(i);
        Postings {
            bytes: self.postings.get(s as usize..e as usize).unwrap_or(&[]),
            prev: None,
        }
    }

    /// Decodes the varint at `pos` of the postings, if it is before `end`.
    pub(crate) fn read(&self, pos: u32, end: u32) -> Option<(u32, u32)> {
        let b = self.postings.get(pos as usize..end as usize)?;
        let (v, n) = decode_varint(b)?;
        Some((v, pos + n as u32))
    }

    /// The first word `>= key`.
    fn lower_bound(&self, key: &[u8]) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.word(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The index of `word`, if the text contains it as a whole word.
    pub fn find(&self, word: &[u8]) -> Option<usize> {
        let i = self.lower_bound(word);
        (i < self.len() && self.word(i) == word).then_some(i)
    }

    /// The words starting with `prefix`: indexes `[start, end)`.
    pub fn prefix_range(&self, prefix: &[u8]) -> (usize, usize) {
        let lo = self.lower_bound(prefix);
        let (mut a, mut b) = (lo, self.len());
        while a < b {
            let mid = a + (b - a) / 2;
            if self.word(mid).starts_with(prefix) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        (lo, a)
    }

    /// Checks the index against the text it indexes: the words are sorted,
    /// distinct, whole words of `text`; the postings decode exactly, increase
    /// and name only segments that contain the word; and together they list
    /// every (word, segment) pair of the text. `segments` is the number of
    /// segments and `segment` gives segment `i`'s text range.
    pub(crate) fn check(
        words: &[u8],
        postings: &[u8],
        text: &[u8],
        segments: usize,
        segment: impl Fn(usize) -> Option<(usize, usize)>,
    ) -> Result<(), Error> {
        let bad_w = |offset| Error::BadIndex {
            section: Section::Words,
            offset,
        };
        let bad_p = |offset| Error::BadIndex {
            section: Section::Postings,
            offset,
        };
        let Some(ix) = WordIndex::new(words, postings, text) else {
            return if postings.is_empty() {
                Ok(())
            } else {
                Err(bad_p(0))
            };
        };
        if !words.len().is_multiple_of(WORD_LEN) {
            return Err(bad_w(words.len()));
        }
        let mut pairs = 0usize;
        let mut prev_end = 0u32;
        for i in 0..ix.len() {
            let e = ix.entry(i).ok_or(bad_w(i * WORD_LEN))?;
            let t = e.text as usize;
            let starts_word = text.get(t).is_some_and(|&b| is_word_byte(b))
                && (t == 0 || text.get(t - 1).is_some_and(|&b| !is_word_byte(b)));
            let w = ix.word(i);
            if !starts_word || (i > 0 && ix.word(i - 1) >= w) {
                return Err(bad_w(i * WORD_LEN));
            }
            if e.postings_end <= prev_end || e.postings_end as usize > postings.len() {
                return Err(bad_w(i * WORD_LEN + 4));
            }
            // The entry points at the word's first occurrence (so each index
            // has one encoding): inside its first segment, none before it.
            let first_seg = ix.read(prev_end, e.postings_end).map(|(s, _)| s as usize);
            let first = first_seg.and_then(&segment).is_some_and(|(a, b)| {
                (a..b).contains(&t) && !contains_word(text.get(a..t).unwrap_or(&[]), w)
            });
            if !first {
                return Err(bad_w(i * WORD_LEN));
            }
            let mut pos = prev_end;
            let mut prev: Option<u32> = None;
            while pos < e.postings_end {
                let (d, next) = ix.read(pos, e.postings_end).ok_or(bad_p(pos as usize))?;
                let s = match prev {
                    None => d,
                    Some(p) if d > 0 => p.checked_add(d).ok_or(bad_p(pos as usize))?,
                    Some(_) => return Err(bad_p(pos as usize)),
                };
                let has = segment(s as usize)
                    .is_some_and(|(a, b)| contains_word(text.get(a..b).unwrap_or(&[]), w));
                if s as usize >= segments || !has {
                    return Err(bad_p(pos as usize));
                }
                prev = Some(s);
                pairs += 1;
                pos = next;
            }
            prev_end = e.postings_end;
        }
        if prev_end as usize != postings.len() {
            return Err(bad_p(prev_end as usize));
        }
        // Every listed pair is real and listed once; so the index is complete
        // exactly when the text has as many distinct (word, segment) pairs.
        let mut distinct = 0usize;
        for s in 0..segments {
            let (a, b) = segment(s).ok_or(bad_w(0))?;
            let seg = text.get(a..b).unwrap_or(&[]);
            // A 256-bit filter of the words seen in this segment: a word
            // whose bit is clear is new, and only the others are looked for
            // among the earlier words.
            let mut seen = [0u64; 4];
            for (p, tok) in Tokens::new(seg) {
                let h = crate::format::fnv1a(crate::format::FNV_OFFSET, tok) as usize & 255;
                let (word, bit) = (h / 64, 1u64 << (h % 64));
                let maybe_seen = seen.get(word).is_some_and(|&x| x & bit != 0);
                if let Some(x) = seen.get_mut(word) {
                    *x |= bit;
                }
                let earlier = seg.get(..p).unwrap_or(&[]);
                if !maybe_seen || !contains_word(earlier, tok) {
                    distinct += 1;
                }
            }
        }
        if distinct != pairs {
            return Err(bad_w(words.len()));
        }
        Ok(())
    }
}
