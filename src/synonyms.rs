//! Synonyms: groups of search terms that mean the same to a reader (`suit`,
//! `lawsuit`; `post`, `tweet`; `X`, `Twitter`), from the `[[synonym]]`
//! tables of the corpus source.
//!
//! The compiler stems each word ([`crate::tokens::term`]) and stores the
//! groups in the `Synonyms` section (layout in [`crate::format`]): a table of
//! terms sorted for lookup, each with its group. Best-match search looks a
//! query term up here and also searches the other terms of its group, ranked
//! a little below the word itself. `Synonyms::check` validates the section
//! once; lookups after that cannot fail.

use crate::error::Error;
use crate::format::{Section, SynonymEntry, SYNONYM_LEN};
use crate::tokens;

/// A view of the `Synonyms` section.
#[derive(Clone, Copy, Debug)]
pub struct Synonyms<'a> {
    table: &'a [u8],
    strings: &'a [u8],
}

impl<'a> Synonyms<'a> {
    /// The view of a section (its count, table and strings); an empty view
    /// when the section is too short (validation refuses that).
    pub(crate) fn new(section: &'a [u8]) -> Synonyms<'a> {
        let count = section
            .get(..4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
        let split = count
            .checked_mul(SYNONYM_LEN)
            .and_then(|n| n.checked_add(4))
            .filter(|&n| n <= section.len());
        match split {
            Some(n) => Synonyms {
                table: section.get(4..n).unwrap_or(&[]),
                strings: section.get(n..).unwrap_or(&[]),
            },
            None => Synonyms {
                table: &[],
                strings: &[],
            },
        }
    }

    /// The number of terms in all groups.
    pub fn len(&self) -> usize {
        self.table.len() / SYNONYM_LEN
    }

    /// Whether there are no synonyms.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn entry(&self, i: usize) -> Option<SynonymEntry> {
        let b = self.table.get(i * SYNONYM_LEN..(i + 1) * SYNONYM_LEN)?;
        Some(SynonymEntry::decode([
            b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
        ]))
    }

    /// Entry `i`'s term.
    pub fn term(&self, i: usize) -> &'a [u8] {
        let Some(e) = self.entry(i) else {
            return &[];
        };
        let rest = self.strings.get(e.text as usize..).unwrap_or(&[]);
        let n = memchr::memchr(0, rest).unwrap_or(rest.len());
        rest.get(..n).unwrap_or(&[])
    }

    /// The group of `term`, if it is in one.
    pub fn group_of(&self, term: &[u8]) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.term(mid).cmp(term) {
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
                core::cmp::Ordering::Equal => return self.entry(mid).map(|e| e.group),
            }
        }
        None
    }

    /// The terms of group `g`, in sorted order.
    pub fn members(&self, g: u32) -> impl Iterator<Item = &'a [u8]> + 'a {
        let this = *self;
        (0..self.len())
            .filter(move |&i| this.entry(i).is_some_and(|e| e.group == g))
            .map(move |i| this.term(i))
    }

    /// Checks the section: a count, that many entries, then their strings
    /// tiling the rest in entry order; terms single tokens, strictly sorted;
    /// groups numbered in the order their first term appears, each with two
    /// terms or more.
    pub(crate) fn check(section: &[u8]) -> Result<(), Error> {
        let bad = |offset| Error::BadIndex {
            section: Section::Synonyms,
            offset,
        };
        if section.is_empty() {
            return Err(bad(0));
        }
        let s = Synonyms::new(section);
        let count = section
            .get(..4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
        if s.len() != count {
            return Err(bad(0));
        }
        let base = 4 + count * SYNONYM_LEN;
        let mut pos = 0usize;
        let mut groups = 0u32;
        for i in 0..count {
            let e = s.entry(i).ok_or(bad(4 + i * SYNONYM_LEN))?;
            let t = s.term(i);
            let whole = tokens::starts_at(t, 0) && tokens::end_from(t, 0) == t.len();
            if e.text as usize != pos
                || !whole
                || s.strings.get(pos + t.len()) != Some(&0)
                || (i > 0 && s.term(i - 1) >= t)
                || e.group > groups
            {
                return Err(bad(4 + i * SYNONYM_LEN));
            }
            if e.group == groups {
                groups += 1;
            }
            pos += t.len() + 1;
        }
        if pos != s.strings.len() {
            return Err(bad(base + pos));
        }
        for g in 0..groups {
            if s.members(g).count() < 2 {
                return Err(bad(4));
            }
        }
        Ok(())
    }
}
