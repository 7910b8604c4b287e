//! The word-index paths of strict matching: a [`Driver`] merges the
//! postings of the query's rarest word (or of a prefix's words) into the
//! candidate segments; each candidate record is confirmed by the matcher,
//! or, for one plain word or prefix, ranked from the segment table alone.

use super::plan::{Plan, MAX_UNION};
use super::strict::Matches;
use super::Hit;
use crate::format::{Field, RecordRef};
use crate::index::WordIndex;

/// A position in one word's postings.
#[derive(Clone, Copy, Debug)]
struct Cursor {
    /// Offset of the next varint in the `Postings` section.
    pos: u32,
    /// The current segment; `u32::MAX` once exhausted.
    cur: u32,
}

/// The candidate segments of a query: the merged postings of index words
/// `lo..lo + n` (at most [`MAX_UNION`]), in increasing order. Kept small, as
/// it lives in [`Matches`] for the whole search (Cortex-M0 stack budget):
/// cursors start on first use and find their words' ends in the index.
#[derive(Clone, Copy, Debug)]
pub(super) struct Driver {
    cursors: [Cursor; MAX_UNION],
    lo: u32,
    n: u8,
    started: bool,
}

impl Driver {
    /// No cursors.
    pub(super) const NONE: Driver = Driver {
        cursors: [Cursor {
            pos: 0,
            cur: u32::MAX,
        }; MAX_UNION],
        lo: 0,
        n: 0,
        started: false,
    };

    /// A driver over index words `lo..hi` (at most [`MAX_UNION`]).
    pub(super) fn new(lo: usize, hi: usize) -> Driver {
        Driver {
            lo: lo as u32,
            n: hi.saturating_sub(lo).min(MAX_UNION) as u8,
            ..Driver::NONE
        }
    }

    /// Points each cursor at its word's first segment.
    fn start(&mut self, ix: &WordIndex<'_>) {
        let lo = self.lo as usize;
        for (c, w) in self.cursors.iter_mut().zip(lo..lo + self.n as usize) {
            let (pos, end) = ix.span(w);
            *c = match ix.read(pos, end) {
                Some((first, next)) => Cursor {
                    pos: next,
                    cur: first,
                },
                None => Cursor { pos, cur: u32::MAX },
            };
        }
        self.started = true;
    }

    /// The smallest candidate segment `>= x`, moving every cursor past the
    /// segments before `x`.
    fn at_least(&mut self, ix: &WordIndex<'_>, x: u32) -> Option<u32> {
        if !self.started {
            self.start(ix);
        }
        let mut best = u32::MAX;
        let lo = self.lo as usize;
        for (c, w) in self.cursors.iter_mut().zip(lo..lo + self.n as usize) {
            while c.cur < x {
                let end = ix.end(w);
                c.cur = match ix.read(c.pos, end) {
                    Some((delta, next)) => {
                        c.pos = next;
                        c.cur.saturating_add(delta.max(1))
                    }
                    None => u32::MAX,
                };
            }
            best = best.min(c.cur);
        }
        (best != u32::MAX).then_some(best)
    }
}

impl Matches<'_, '_> {
    /// The next matching record, from the word index's candidates.
    pub(super) fn next_indexed(&mut self) -> Option<Hit> {
        let ix = self.index?;
        let exact = matches!(self.plan, Plan::Index { exact: true });
        loop {
            let seg = self.driver.at_least(&ix, self.pos as u32)?;
            if exact {
                let (end, r) = self.record_end(seg as usize);
                self.pos = end;
                if !self.filter.kinds.contains(r.kind)
                    || (!self.kinds_only && !self.corpus.passes(r, &self.filter))
                {
                    continue;
                }
                return Some(self.score_exact(&ix, seg, end, r));
            }
            let (first, end, r) = self.record_segments(seg as usize);
            self.pos = end;
            if !self.filter.kinds.contains(r.kind) {
                continue;
            }
            let (rs, re) = (self.seg_start(first), self.seg_start(end));
            let Some(m0) = self.find_term(0, rs, re) else {
                continue;
            };
            if (1..self.finders.len()).any(|t| self.find_term(t, rs, re).is_none()) {
                continue;
            }
            if !self.kinds_only && !self.corpus.passes(r, &self.filter) {
                continue;
            }
            return Some(self.score(first, end, r, m0, re));
        }
    }

    /// Ranks a record whose matching fields are exactly the driver's
    /// segments from `seg` up to `end`, from the segment table alone; the
    /// match is located later, only if the hit is returned.
    fn score_exact(&mut self, ix: &WordIndex<'_>, seg: u32, end: usize, r: RecordRef) -> Hit {
        if self.records_only {
            return Hit {
                record: r,
                ..Hit::EMPTY
            };
        }
        let mut count = 0u8;
        let mut primary = None;
        let mut any = None;
        let mut s = Some(seg);
        while let Some(x) = s.filter(|&x| (x as usize) < end) {
            count = count.saturating_add(1);
            let is_primary = self.segs.field(x as usize).is_some_and(Field::is_primary);
            if any.is_none() {
                any = Some(x);
            }
            if is_primary && primary.is_none() {
                primary = Some(x);
            }
            s = self.driver.at_least(ix, x + 1);
        }
        let at = primary.or(any).map(|x| (x as usize, 0));
        self.raw_hit(r, count, primary.is_some(), at)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use crate::index::Tokens;
    use crate::Corpus;
    use std::vec::Vec;

    /// The naive reference: every (segment, word) of the strict region,
    /// tokenized one segment at a time.
    fn words_by_segment<'a>(c: &Corpus<'a>) -> Vec<(u32, &'a [u8])> {
        let (table, text) = (c.segment_view(), c.search_text());
        let mut out = Vec::new();
        for i in 0..c.strict_region().1 {
            let a = table.start(i).unwrap() as usize;
            let b = table.start(i + 1).map_or(text.len(), |s| s as usize);
            out.extend(Tokens::new(&text[a..b]).map(|(_, w)| (i as u32, w)));
        }
        out
    }

    /// Every candidate the driver yields from `x` on, stepping by `step`.
    fn drive(ix: &WordIndex<'_>, lo: usize, hi: usize, step: u32) -> Vec<u32> {
        let mut d = Driver::new(lo, hi);
        let (mut got, mut x) = (Vec::new(), 0);
        while let Some(s) = d.at_least(ix, x) {
            assert!(s >= x);
            got.push(s);
            x = s + step;
        }
        got
    }

    /// The segments at or after a multiple of `step` past the last one kept:
    /// what [`Driver::at_least`] must skip to.
    fn skip(naive: &[u32], step: u32) -> Vec<u32> {
        let (mut out, mut x) = (Vec::new(), 0);
        for &s in naive {
            if s >= x {
                out.push(s);
                x = s + step;
            }
        }
        out
    }

    /// A driver over one word, or over the words of a prefix, yields exactly
    /// the segments holding one of them, in order, and skips exactly.
    #[test]
    fn the_driver_yields_the_segments_holding_its_words() {
        let c = Corpus::embedded();
        let ix = c
            .word_index()
            .expect("the embedded blob has the word index");
        let pairs = words_by_segment(&c);
        let mut prefixes = 0;
        for w in (0..ix.len()).step_by(7) {
            let word = ix.word(w);
            let mut naive: Vec<u32> = pairs
                .iter()
                .filter(|(_, t)| *t == word)
                .map(|p| p.0)
                .collect();
            naive.dedup();
            for step in [1, 5] {
                assert_eq!(drive(&ix, w, w + 1, step), skip(&naive, step));
            }
            let prefix = &word[..word.len().min(3)];
            let (lo, hi) = ix.prefix_range(prefix);
            if hi - lo > MAX_UNION {
                continue;
            }
            prefixes += 1;
            let mut naive: Vec<u32> = pairs
                .iter()
                .filter(|(_, t)| t.starts_with(prefix))
                .map(|p| p.0)
                .collect();
            naive.dedup();
            for step in [1, 5] {
                assert_eq!(drive(&ix, lo, hi, step), skip(&naive, step));
            }
        }
        assert!(prefixes > 10, "{prefixes} prefixes tried");
    }
}
