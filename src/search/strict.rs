//! Strict matching: the [`Matches`] cursor, shared by the scan
//! (`scan.rs`) and the word-index paths (`indexed.rs`); building it, the
//! term finder with its word-boundary rules, the segment-table reads, how a
//! matching record is scored and its match located, and strict ranking
//! into a hit buffer ([`Corpus::search`] in [`Mode::Strict`]).
//!
//! [`Mode::Strict`]: super::Mode::Strict

use super::indexed::Driver;
use super::plan::Plan;
use super::{Filter, Hit, Query, Summary, TermKind, MAX_STRICT_TERMS};
use crate::corpus::Corpus;
use crate::error::Error;
use crate::fold;
use crate::format::{Field, Kind, RecordKey, RecordRef, SegmentTable};
use crate::index::WordIndex;
use memchr::memmem::Finder;

/// Marks a hit whose match is not located yet (`end` is this tag plus the
/// term's index, `start` is the segment): raw hits are ranked first and
/// located only when returned.
pub(super) const UNLOCATED: u32 = 0xffff_ff00;

/// The matching records of a query, in corpus order (see [`Corpus::matches`]).
pub struct Matches<'a, 'q> {
    pub(super) corpus: Corpus<'a>,
    /// The strict region of the folded haystack (`Corpus::strict_region`).
    pub(super) hay: &'a [u8],
    /// The segment table's entries for that region, read field by field
    /// in the hot loops.
    pub(super) segs: SegmentTable<'a>,
    /// Per term: its finder, and whether the needle starts with a word
    /// byte, ends with one, is a prefix (in the finder's padding).
    pub(super) finders: heapless::Vec<(Finder<'q>, (bool, bool, bool)), MAX_STRICT_TERMS>,
    pub(super) filter: Filter,
    /// Whether the filter restricts nothing but kinds (no per-record check).
    pub(super) kinds_only: bool,
    pub(super) pos: usize,
    pub(super) seg: usize,
    /// The next match of the first term at or after `pos`, found while
    /// scoring the previous record; `done` once it has no more matches.
    pub(super) next0: Option<usize>,
    pub(super) done: bool,
    /// Scan or index, and the index's cursors. With the index, `pos` is
    /// the first segment not yet visited.
    pub(super) plan: Plan,
    pub(super) driver: Driver,
    /// The word index, once the plan uses it.
    pub(super) index: Option<WordIndex<'a>>,
    /// Only the records are wanted ([`Corpus::matching_records`]): no
    /// field counts, date or highlight.
    pub(super) records_only: bool,
}

/// The records matching a query, in corpus order (see
/// [`Corpus::matching_records`]).
pub struct Records<'a, 'q>(Matches<'a, 'q>);

impl Iterator for Records<'_, '_> {
    type Item = RecordRef;
    fn next(&mut self) -> Option<RecordRef> {
        self.0.next_raw().map(|h| h.record)
    }
}

impl<'a> Corpus<'a> {
    /// The records matching `query` and `filter`, in corpus order, unranked,
    /// without any buffer: a cursor.
    // Not inlined: its finder list is a 0.5 KiB temporary that, inlined into
    // `search`, stayed in that frame for the whole search. Out of line, the
    // search's stack high-water mark on a Cortex-M0 drops from 2,200 to
    // 1,952 bytes (examples/firmware), under the 2 KiB budget.
    ///
    /// This is strict matching ([`Mode::Strict`](super::Mode::Strict))
    /// whatever the filter's mode: [`Error::TooManyTerms`] past
    /// [`MAX_STRICT_TERMS`] terms.
    pub fn matches<'q>(&self, query: &'q Query, filter: &Filter) -> Result<Matches<'a, 'q>, Error> {
        if query.len() > MAX_STRICT_TERMS {
            return Err(Error::TooManyTerms);
        }
        Ok(self.cursor(query, filter, false))
    }

    /// [`Corpus::cursor`], written into `slot` (no copy of the cursor).
    #[inline(never)]
    fn cursor_in<'s, 'q>(
        &self,
        slot: &'s mut core::mem::MaybeUninit<Matches<'a, 'q>>,
        query: &'q Query,
        filter: &Filter,
        records_only: bool,
    ) -> &'s mut Matches<'a, 'q> {
        slot.write(self.cursor(query, filter, records_only))
    }

    /// [`Corpus::matches`], or with `records_only` the cursor of
    /// [`Corpus::matching_records`]: built once, in place.
    #[inline(never)]
    fn cursor<'q>(&self, query: &'q Query, filter: &Filter, records_only: bool) -> Matches<'a, 'q> {
        let mut finders = heapless::Vec::new();
        for (needle, kind) in query.terms() {
            let flags = (
                needle.first().is_some_and(|&b| fold::is_word_byte(b)),
                needle.last().is_some_and(|&b| fold::is_word_byte(b)),
                kind == TermKind::Prefix,
            );
            // Cannot overflow: every caller refuses more than MAX_STRICT_TERMS
            // terms.
            let _ = finders.push((Finder::new(needle), flags));
        }
        // Strict matching reads the strict region alone (see
        // `Corpus::strict_region`): the fields of format version 2.
        let (text_end, seg_count) = self.strict_region();
        Matches {
            corpus: *self,
            hay: self.search_text().get(..text_end).unwrap_or(&[]),
            segs: self
                .segment_view()
                .prefix(seg_count)
                .unwrap_or(SegmentTable::new_unchecked(&[])),
            finders,
            filter: *filter,
            kinds_only: filter.entity.is_none() && filter.from.is_none() && filter.to.is_none(),
            pos: 0,
            seg: 0,
            next0: None,
            done: false,
            plan: Plan::Pending,
            driver: Driver::NONE,
            index: None,
            records_only,
        }
    }

    /// The records matching `query` and `filter`, in corpus order: the
    /// cheapest way to list or count matches, as a database returns row ids.
    /// Nothing is ranked, counted per field or located for highlighting
    /// (use [`Corpus::matches`] or [`Corpus::search`] for that).
    /// Strict, like [`Corpus::matches`].
    pub fn matching_records<'q>(
        &self,
        query: &'q Query,
        filter: &Filter,
    ) -> Result<Records<'a, 'q>, Error> {
        if query.len() > MAX_STRICT_TERMS {
            return Err(Error::TooManyTerms);
        }
        Ok(Records(self.cursor(query, filter, true)))
    }

    /// [`Corpus::search`] in strict mode.
    #[inline(never)]
    pub(super) fn search_strict(
        &self,
        query: &Query,
        filter: &Filter,
        hits: &mut [Hit],
    ) -> Result<Summary, Error> {
        if query.len() > MAX_STRICT_TERMS {
            return Err(Error::TooManyTerms);
        }
        // The cursor is written into this frame and ranked through a
        // reference: returned by value, its 2.9 KiB were copied once more.
        let mut slot = core::mem::MaybeUninit::uninit();
        let m = self.cursor_in(&mut slot, query, filter, false);
        let mut total = 0;
        let mut kept = 0;
        // The rank of the worst hit kept, once the buffer is full.
        let mut worst: Option<(u64, RecordRef)> = None;
        while let Some(h) = m.next_raw() {
            total += 1;
            let rank = h.rank();
            if worst.is_some_and(|w| !Hit::before(rank, w)) || hits.is_empty() {
                continue;
            }
            // Insert into the sorted prefix, dropping the worst when full.
            let mut at = kept;
            while at > 0
                && hits
                    .get(at - 1)
                    .is_some_and(|p| Hit::before(rank, p.rank()))
            {
                at -= 1;
            }
            if at < hits.len() {
                let last = if kept < hits.len() { kept } else { kept - 1 };
                // Shift `at..last` right by one (the slot at `last` is free or
                // the worst) and put the hit at `at`; checked, so no panic path.
                for i in (at + 1..=last).rev() {
                    if let (Some(&prev), true) = (hits.get(i - 1), i < hits.len()) {
                        if let Some(slot) = hits.get_mut(i) {
                            *slot = prev;
                        }
                    }
                }
                if let Some(slot) = hits.get_mut(at) {
                    *slot = h;
                }
                kept = (kept + 1).min(hits.len());
                if kept == hits.len() {
                    worst = hits.get(kept - 1).map(Hit::rank);
                }
            }
        }
        for h in hits.iter_mut().take(kept) {
            m.finish(h);
        }
        Ok(Summary {
            total,
            returned: kept,
            partial: 0,
            corrected: 0,
        })
    }
}

impl Matches<'_, '_> {
    /// The next valid match of term `t` at or after `from`, before `limit`.
    pub(super) fn find_term(&self, t: usize, mut from: usize, limit: usize) -> Option<usize> {
        let &(ref finder, (first_word, last_word, prefix)) = self.finders.get(t)?;
        let n = finder.needle().len();
        let word_at = |i: usize| self.hay.get(i).is_some_and(|&b| fold::is_word_byte(b));
        while from < limit {
            let p = from + finder.find(self.hay.get(from..limit)?)?;
            let before_ok = !first_word || p == 0 || !word_at(p - 1);
            let after_ok = prefix || !last_word || !word_at(p + n);
            if before_ok && after_ok {
                return Some(p);
            }
            from = p + 1;
        }
        None
    }

    pub(super) fn seg_count(&self) -> usize {
        self.segs.len()
    }

    /// Where segment `i`'s text starts (the haystack's end past the last).
    pub(super) fn seg_start(&self, i: usize) -> usize {
        self.segs.start(i).map_or(self.hay.len(), |s| s as usize)
    }

    /// Segment `i`'s record as one comparable key (kind and index).
    pub(super) fn seg_record(&self, i: usize) -> Option<RecordKey> {
        self.segs.record_key(i)
    }

    /// The segment index range `[first, end)` of the record owning segment `i`.
    pub(super) fn record_segments(&self, i: usize) -> (usize, usize, RecordRef) {
        let r = self.seg_record(i);
        let mut first = i;
        while first > 0 && self.seg_record(first - 1) == r {
            first -= 1;
        }
        let (end, rr) = self.record_end(i);
        (first, end, rr)
    }

    /// The end of the segments of segment `i`'s record, and the record.
    pub(super) fn record_end(&self, i: usize) -> (usize, RecordRef) {
        let r = self.seg_record(i);
        let mut end = i + 1;
        while end < self.seg_count() && self.seg_record(end) == r {
            end += 1;
        }
        let rr = r
            .and_then(RecordKey::record_ref)
            .unwrap_or(RecordRef::new(Kind::Source, 0));
        (end, rr)
    }

    /// Counts matched fields and picks the highlight of a matching record
    /// whose first term-0 match is `m0`.
    ///
    /// Visits only each term's matches inside the record, skipping to the
    /// next field after a match, and notes the highlight on the way; the
    /// first term's scan runs on past the record and leaves its next match
    /// for [`Matches::next_raw`], so no match is searched for twice.
    /// The first term's matches are followed up to `limit0`: the haystack's
    /// end when scanning, the record's end with the index.
    pub(super) fn score(
        &mut self,
        first: usize,
        end: usize,
        r: RecordRef,
        m0: usize,
        limit0: usize,
    ) -> Hit {
        if self.records_only {
            return Hit {
                record: r,
                ..Hit::EMPTY
            };
        }
        let (rs, re) = (self.seg_start(first), self.seg_start(end));
        // Bit i: field `first + i` matched some term (records have few fields;
        // more than 64 are counted but cannot be highlighted).
        let mut mask = 0u64;
        let mut extra = 0u8;
        // (segment, term) of the highlight candidates.
        let mut any: Option<(usize, usize)> = None;
        let mut primary: Option<(usize, usize)> = None;
        for t in 0..self.finders.len() {
            let limit = if t == 0 { limit0 } else { re };
            let mut seg = first;
            let mut p = if t == 0 {
                Some(m0)
            } else {
                self.find_term(t, rs, re)
            };
            while let Some(x) = p {
                if x >= re {
                    self.next0 = Some(x);
                    break;
                }
                while seg + 1 < end && self.seg_start(seg + 1) <= x {
                    seg += 1;
                }
                let bit = seg - first;
                let newly = bit >= 64 || mask & (1 << bit) == 0;
                if bit < 64 {
                    mask |= 1 << bit;
                } else if t == 0 {
                    extra = extra.saturating_add(1);
                }
                if newly {
                    let cand = Some((seg, t));
                    if any.is_none_or(|a| seg < a.0) {
                        any = cand;
                    }
                    let is_primary = self.segs.field(seg).is_some_and(Field::is_primary);
                    if is_primary && primary.is_none_or(|a| seg < a.0) {
                        primary = cand;
                    }
                }
                p = self.find_term(t, self.seg_start(seg + 1), limit);
                if p.is_none() && t == 0 {
                    self.done = true;
                }
            }
        }
        let matched = (mask.count_ones() as u8).saturating_add(extra);
        self.raw_hit(r, matched, primary.is_some(), primary.or(any))
    }

    /// A complete, unranked hit on record `r` with `matched` fields, which
    /// highlights the first match of term `t` in segment `seg` for
    /// `at = Some((seg, t))`: left [`UNLOCATED`], for [`Matches::finish`].
    pub(super) fn raw_hit(
        &self,
        r: RecordRef,
        matched: u8,
        primary: bool,
        at: Option<(usize, usize)>,
    ) -> Hit {
        let mut hit = Hit {
            record: r,
            field: Field::SourceOutlet,
            item: 0,
            start: 0,
            end: 0,
            matched_fields: matched,
            primary,
            date: self.corpus.date_of(r),
            score: 0,
            complete: true,
        };
        if let Some((seg, t)) = at {
            if let Some(s) = self.corpus.segment_at(seg) {
                hit.field = s.field;
                hit.item = s.item;
                hit.start = seg as u32;
                hit.end = UNLOCATED | t as u32;
            }
        }
        hit
    }

    /// Locates a raw hit's match: the first match of its term in its
    /// segment, as a byte range of the field's original text. Only fields
    /// whose folding moved bytes need their record decoded for that.
    pub(super) fn finish(&self, h: &mut Hit) {
        if h.end & UNLOCATED != UNLOCATED {
            return;
        }
        let (seg, t) = (h.start as usize, (h.end & 0xff) as usize);
        let (s, e) = (self.seg_start(seg), self.seg_start(seg + 1));
        let n = self.finders.get(t).map_or(0, |f| f.0.needle().len());
        (h.start, h.end) = match self.find_term(t, s, e) {
            Some(p) => ((p - s) as u32, (p - s + n) as u32),
            None => (0, 0),
        };
        if !self.segs.plain(seg) {
            self.corpus.finish_hit(h);
        }
    }
}

impl Iterator for Matches<'_, '_> {
    type Item = Hit;
    fn next(&mut self) -> Option<Hit> {
        let mut h = self.next_raw()?;
        self.finish(&mut h);
        Some(h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The single-field reads of the hot loops agree with the full
    /// decoding, on every entry of the embedded blob and one past the end.
    #[test]
    fn segment_reads_agree_with_decode() {
        let c = Corpus::embedded();
        let segs = c.segment_view();
        assert!(!segs.is_empty());
        for i in 0..=segs.len() {
            let whole = segs.get(i);
            assert_eq!(segs.start(i), whole.map(|s| s.start));
            assert_eq!(
                segs.record_key(i).map(RecordKey::kind_code),
                whole.map(|s| s.field.kind() as u8)
            );
            assert_eq!(
                segs.record_key(i).map(RecordKey::index),
                whole.map(|s| s.record)
            );
            assert_eq!(segs.field(i), whole.map(|s| s.field));
            assert_eq!(segs.plain(i), whole.is_some_and(|s| s.plain));
        }
    }

    /// The naive reference: the first position at or after `from` where
    /// `needle` ends by `limit` and obeys the term's word-boundary rules.
    fn naive_find(
        hay: &[u8],
        needle: &[u8],
        prefix: bool,
        from: usize,
        limit: usize,
    ) -> Option<usize> {
        let word = |i: Option<usize>| {
            i.and_then(|i| hay.get(i))
                .is_some_and(|&b| fold::is_word_byte(b))
        };
        let (first, last) = (needle[0], needle[needle.len() - 1]);
        (from..limit.saturating_sub(needle.len()) + 1).find(|&p| {
            hay[p..].starts_with(needle)
                && (!fold::is_word_byte(first) || !word(p.checked_sub(1)))
                && (prefix || !fold::is_word_byte(last) || !word(Some(p + needle.len())))
        })
    }

    /// Each term's finder agrees with the naive reference, whole words,
    /// prefixes, phrases and punctuation alike, from every match on.
    #[test]
    fn find_term_agrees_with_a_naive_search() {
        let c = Corpus::embedded();
        let q = Query::parse(r#"altman stop* "stargate project" $ — a ai* x"#).unwrap();
        let m = c.matches(&q, &Filter::NONE).unwrap();
        let len = m.hay.len();
        for (t, (needle, kind)) in q.terms().enumerate() {
            let prefix = kind == TermKind::Prefix;
            let (mut from, mut found) = (0, 0);
            loop {
                let got = m.find_term(t, from, len);
                assert_eq!(
                    got,
                    naive_find(m.hay, needle, prefix, from, len),
                    "{needle:?} from {from}"
                );
                // And within a limit ending just before that match's end.
                if let Some(p) = got {
                    let limit = p + needle.len() - 1;
                    assert_eq!(
                        m.find_term(t, from, limit),
                        naive_find(m.hay, needle, prefix, from, limit)
                    );
                }
                match got {
                    Some(p) => (from, found) = (p + 1, found + 1),
                    None => break,
                }
            }
            assert!(found > 0, "{needle:?} is in the corpus");
        }
    }
}
