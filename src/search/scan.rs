//! The scan: with no word index, or no term able to use it, strict matching
//! leapfrogs the terms' `memmem` matches over the whole folded haystack
//! (see the [module docs](super)).

use super::strict::Matches;
use super::Hit;

impl Matches<'_, '_> {
    /// Index of the segment containing haystack offset `p`: gallops forward
    /// from the cursor (matches only move forward), then bisects.
    fn segment_of(&self, p: usize) -> usize {
        let n = self.seg_count();
        let mut lo = self.seg.min(n.saturating_sub(1));
        let mut step = 1;
        while lo + step < n && self.seg_start(lo + step) <= p {
            lo += step;
            step *= 2;
        }
        let mut hi = (lo + step).min(n);
        // Invariant: start(lo) <= p < start(hi).
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.seg_start(mid) <= p {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The first segment after `from_seg` whose kind is in the filter.
    fn next_allowed(&self, from_seg: usize) -> Option<usize> {
        let c = &self.corpus;
        (from_seg..self.seg_count()).find(|&i| {
            c.segment_at(i)
                .is_some_and(|s| self.filter.kinds.contains(s.field.kind()))
        })
    }

    /// The next matching record, scanning the haystack.
    pub(super) fn next_scanned(&mut self) -> Option<Hit> {
        let len = self.hay.len();
        loop {
            let m0 = match self.next0.take() {
                Some(c) if c >= self.pos => c,
                _ if self.done => return None,
                _ => self.find_term(0, self.pos, len)?,
            };
            let seg = self.segment_of(m0);
            self.seg = seg;
            let (first, end, r) = self.record_segments(seg);
            let (rs, re) = (self.seg_start(first), self.seg_start(end));
            if !self.filter.kinds.contains(r.kind) {
                let next = self.next_allowed(end)?;
                self.pos = self.seg_start(next);
                continue;
            }
            // Leapfrog: every other term must match inside [rs, re).
            let mut jump = None;
            for t in 1..self.finders.len() {
                let m = self.find_term(t, rs, len)?;
                if m >= re {
                    jump = Some(m);
                    break;
                }
            }
            if let Some(m) = jump {
                let s = self.segment_of(m);
                self.pos = self.seg_start(self.record_segments(s).0);
                continue;
            }
            self.pos = re;
            if !self.kinds_only && !self.corpus.passes(r, &self.filter) {
                continue;
            }
            return Some(self.score(first, end, r, m0, len));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::search::{Filter, Query};
    use crate::Corpus;

    /// `segment_of`'s gallop and bisection agree with a linear search, from
    /// the first segment and from the answer itself.
    #[test]
    fn segment_of_agrees_with_a_linear_search() {
        let c = Corpus::embedded();
        let q = Query::parse("altman").unwrap();
        let mut m = c.matches(&q, &Filter::NONE).unwrap();
        let n = m.seg_count();
        assert!(n > 1);
        let mut naive = 0;
        for p in 0..m.hay.len() {
            while naive + 1 < n && m.seg_start(naive + 1) <= p {
                naive += 1;
            }
            for cursor in [0, naive / 2, naive] {
                m.seg = cursor;
                assert_eq!(m.segment_of(p), naive, "offset {p} from {cursor}");
            }
        }
    }
}
