//! Best-match search: records ranked by BM25F, every clause's weight summed,
//! the ones matching every word first, document at a time, with no heap.
//!
//! The plan ([`crate::analyze`]) gives each clause its alternatives; each
//! alternative has a cursor over the records in order (a term's postings,
//! the figures of a value, the records of a date). The search runs in two
//! passes over the same cursors, as engines do:
//!
//! 1. **Complete matches**: a leapfrog over the required clauses finds the
//!    records that have them all (a clause matches where any alternative
//!    does); each is scored and counted — the summary's `total`.
//! 2. **Closest matches**, only when those do not fill the hit buffer: a
//!    MaxScore walk (Turtle & Flood) over every clause. Clauses are sorted
//!    by the most they can add; those whose sum cannot beat the weakest hit
//!    kept so far are *non-essential*, and a record is visited only when an
//!    essential clause matches it.
//!
//! A record's score is the sum over clauses of the best alternative's
//! `idf × weight × impact` (a quarter more when the record spells the word as
//! the query does), times the intent boost. Hits live in the caller's
//! buffer, kept sorted: complete before partial, then score, newer date,
//! corpus order. Only the returned hits are then located for highlighting.
//! [`Corpus::suggest`] spells the query as this path read it, each word the
//! corpus does not know replaced by the near spelling the plan chose.

use crate::analyze::{self, AltKind, ClauseKind, Plan, MAX_ALTS};
use crate::corpus::Corpus;
use crate::error::Error;
use crate::fold;
use crate::format::{Field, Kind, RecordRef, SegmentTable};
use crate::impact;
use crate::records::Date;
use crate::search::{Filter, Hit, Query, Summary, TermKind};
use crate::terms::{self, TermIndex};
use crate::tokens;

/// A cursor of one alternative.
#[derive(Clone, Copy, Debug)]
struct Walk {
    /// Term alternatives: the postings cursor.
    term: terms::Cursor,
    /// Date alternatives: the next record to test; value alternatives: the
    /// next `Values` entry.
    pos: u32,
    /// The current record (`u32::MAX` when exhausted).
    doc: u32,
    /// Its impact and forms there.
    impact: u8,
    forms: u8,
}

impl Walk {
    const DONE: Walk = Walk {
        term: terms::Cursor::DONE,
        pos: 0,
        doc: u32::MAX,
        impact: 0,
        forms: 0,
    };
}

/// The search state: the plan, one cursor per alternative.
struct Search<'a, 'q> {
    corpus: Corpus<'a>,
    ix: TermIndex<'a>,
    query: &'q Query,
    plan: Plan,
    walks: [Walk; MAX_ALTS],
    filter: Filter,
    docs: u32,
    figure_base: u32,
    /// The global index of each kind's first record, and the total: a
    /// record's kind without reading the record tables.
    bases: [u32; 7],
    /// The packed-date table.
    dates: &'a [u8],
    /// The segment table, the search text, and where the strict region
    /// ends in the table.
    segs: SegmentTable<'a>,
    text: &'a [u8],
    split: usize,
}

/// Per record: the score and which clauses and alternatives matched.
#[derive(Clone, Copy, Debug, Default)]
struct Eval {
    score: u32,
    clauses: u16,
    alts: u32,
}

impl<'a, 'q> Search<'a, 'q> {
    fn new(corpus: &Corpus<'a>, query: &'q Query, filter: &Filter) -> Search<'a, 'q> {
        Search {
            corpus: *corpus,
            ix: corpus.term_index(),
            query,
            plan: analyze::plan(corpus, query),
            walks: [Walk::DONE; MAX_ALTS],
            filter: *filter,
            docs: corpus.total_records() as u32,
            figure_base: corpus.kind_base(Kind::Figure),
            bases: {
                let mut b = [0u32; 7];
                for (i, k) in Kind::ALL.iter().enumerate() {
                    b[i + 1] = b[i] + corpus.count(*k) as u32;
                }
                b
            },
            dates: corpus.dates_table(),
            segs: corpus.segment_view(),
            text: corpus.search_text(),
            split: corpus.strict_region().1,
        }
    }

    /// Segment `i`'s record (global index).
    #[inline]
    fn seg_doc(&self, i: usize) -> Option<u32> {
        let r = self.segs.record_key(i)?;
        Some(self.bases.get(r.kind_code() as usize)? + r.index())
    }

    /// Segment `i`'s folded text (without its trailing 0).
    #[inline]
    fn seg_text(&self, i: usize) -> &'a [u8] {
        let start = |i: usize| self.segs.start(i).map(|s| s as usize);
        let (Some(a), end) = (start(i), start(i + 1).unwrap_or(self.text.len())) else {
            return &[];
        };
        self.text.get(a..end.saturating_sub(1)).unwrap_or(&[])
    }

    /// The segments of record `doc`: its strict fields, then its
    /// best-match-only ones.
    fn segments_of(&self, doc: u32) -> impl Iterator<Item = usize> + '_ {
        let n = self.segs.len();
        let first = move |lo: usize, hi: usize, target: u32| {
            let (mut lo, mut hi) = (lo, hi);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if self.seg_doc(mid).is_some_and(|d| d < target) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let split = self.split;
        let run = move |lo: usize, hi: usize| {
            let a = first(lo, hi, doc);
            let b = (a..hi)
                .find(|&i| self.seg_doc(i) != Some(doc))
                .unwrap_or(hi);
            a..b
        };
        run(0, split).chain(run(split, n))
    }

    /// The record at global index `doc`.
    #[inline]
    fn record_at(&self, doc: u32) -> Option<RecordRef> {
        let k = self.bases.iter().skip(1).position(|&end| doc < end)?;
        let base = self.bases.get(k).copied().unwrap_or(0);
        Some(RecordRef::new(Kind::from_u8(k as u8)?, doc - base))
    }

    /// The date of the record at global index `doc`.
    #[inline]
    fn date_at(&self, doc: u32) -> Option<Date> {
        let d = self.dates.get(4 * doc as usize..4 * doc as usize + 4)?;
        Date::unpack(u32::from_le_bytes([d[0], d[1], d[2], d[3]]))
    }

    /// Puts every cursor on its first record.
    fn reset(&mut self) {
        for i in 0..self.plan.alts.len() {
            let Some(alt) = self.plan.alts.get(i).copied() else {
                continue;
            };
            let w = match alt.kind {
                AltKind::Term { term, .. } => {
                    let c = self.ix.cursor(term as usize);
                    Walk {
                        term: c,
                        pos: 0,
                        doc: c.cur.doc,
                        impact: c.cur.impact,
                        forms: c.cur.forms,
                    }
                }
                AltKind::Date { .. } => Walk {
                    pos: 0,
                    ..Walk::DONE
                },
                AltKind::Value { lo, .. } => Walk {
                    pos: lo,
                    ..Walk::DONE
                },
            };
            if let Some(slot) = self.walks.get_mut(i) {
                *slot = w;
            }
            if !matches!(alt.kind, AltKind::Term { .. }) {
                self.seek(i, 0);
            }
        }
    }

    /// Moves alternative `i` to its first record at or after `target`.
    #[inline]
    fn seek(&mut self, i: usize, target: u32) {
        let Some(kind) = self.plan.alts.get(i).map(|a| a.kind) else {
            return;
        };
        let Some(w) = self.walks.get_mut(i) else {
            return;
        };
        if w.doc != u32::MAX && w.doc >= target {
            return;
        }
        match kind {
            AltKind::Term { .. } => {
                if w.doc == u32::MAX {
                    return; // exhausted
                }
                w.term.advance_to(&self.ix, target);
                w.doc = w.term.cur.doc;
                w.impact = w.term.cur.impact;
                w.forms = w.term.cur.forms;
            }
            AltKind::Value { hi, .. } => {
                let values = self.corpus.values();
                w.doc = u32::MAX;
                while w.pos < hi {
                    let doc = values
                        .get(w.pos as usize)
                        .map_or(u32::MAX, |e| self.figure_base.saturating_add(e.figure));
                    if doc >= target {
                        w.doc = doc;
                        w.impact = analyze::VALUE_IMPACT;
                        break;
                    }
                    w.pos += 1;
                }
            }
            AltKind::Date { from, to, any_year } => {
                let mut d = target.max(w.pos);
                let mut found = (u32::MAX, 0u8);
                while d < self.docs {
                    if let Some(imp) = date_impact(self.date_at(d), from, to, any_year) {
                        found = (d, imp);
                        break;
                    }
                    d += 1;
                }
                if let Some(w) = self.walks.get_mut(i) {
                    (w.doc, w.impact) = found;
                    w.pos = d.saturating_add(1);
                }
            }
        }
    }

    /// The lowest current record among the alternatives of the clauses in
    /// `mask` (bit per clause).
    fn min_doc(&self, mask: u16) -> u32 {
        self.plan
            .alts
            .iter()
            .zip(self.walks.iter())
            .filter(|(a, _)| mask & (1 << a.clause) != 0)
            .map(|(_, w)| w.doc)
            .min()
            .unwrap_or(u32::MAX)
    }

    /// Moves every alternative of the clauses in `mask` to `target` or
    /// beyond.
    fn seek_all(&mut self, mask: u16, target: u32) {
        for i in 0..self.plan.alts.len() {
            // Most cursors are already there: a cheap test first.
            let at = self
                .walks
                .get(i)
                .is_none_or(|w| w.doc >= target && w.doc != u32::MAX);
            if !at
                && self
                    .plan
                    .alts
                    .get(i)
                    .is_some_and(|a| mask & (1 << a.clause) != 0)
            {
                self.seek(i, target);
            }
        }
    }

    /// Scores record `doc`, whose alternatives are all at or beyond it.
    fn eval(&self, doc: u32) -> Eval {
        let mut best = [0u32; analyze::MAX_CLAUSES];
        let mut e = Eval::default();
        for (i, (alt, w)) in self.plan.alts.iter().zip(self.walks.iter()).enumerate() {
            if w.doc != doc {
                continue;
            }
            let c = alt.clause as usize;
            if let ClauseKind::Phrase { start, len } = self
                .plan
                .clauses
                .get(c)
                .map_or(ClauseKind::Word, |c| c.kind)
            {
                if !self.has_phrase(doc, start as usize, len as usize) {
                    continue;
                }
            }
            let mut s = alt.scale.saturating_mul(w.impact as u32);
            if let AltKind::Term { exact, .. } = alt.kind {
                if exact & w.forms != 0 {
                    s = s.saturating_add(s / 4);
                }
            }
            e.alts |= 1 << i;
            e.clauses |= 1 << c;
            if let Some(b) = best.get_mut(c) {
                *b = (*b).max(s);
            }
        }
        let sum = best.iter().fold(0u32, |a, &b| a.saturating_add(b));
        let kind = self.record_at(doc).map_or(Kind::Source, |r| r.kind);
        let dated = self.date_at(doc).is_some();
        let boost = self.plan.intent.boost(kind, dated);
        e.score = (sum as u64 * boost as u64 / 16).min(u32::MAX as u64) as u32;
        e
    }

    /// Whether record `doc` holds the folded phrase in one of its fields.
    fn has_phrase(&self, doc: u32, start: usize, len: usize) -> bool {
        let needle = self.query.bytes(start, len);
        self.segments_of(doc)
            .any(|s| phrase_in(self.seg_text(s), needle).is_some())
    }

    /// Whether record `doc` passes the filter (kinds checked already).
    fn passes(&self, doc: u32) -> Option<RecordRef> {
        let r = self.record_at(doc)?;
        (self.filter.kinds.contains(r.kind) && self.corpus.passes(r, &self.filter)).then_some(r)
    }

    /// The first record at or after `doc` whose kind the filter allows.
    fn allowed_from(&self, doc: u32) -> u32 {
        let mut d = doc;
        while let Some(r) = self.record_at(d) {
            if self.filter.kinds.contains(r.kind) {
                return d;
            }
            d = self
                .bases
                .get(r.kind as usize + 1)
                .copied()
                .unwrap_or(u32::MAX);
        }
        u32::MAX
    }
}

/// Whether a record dated `date` overlaps the query date, and how well: a
/// record dated as precisely as the query counts fully.
fn date_impact(date: Option<Date>, from: u32, to: u32, any_year: bool) -> Option<u8> {
    let d = date?;
    let (first, last) = (d.first_day(), d.last_day());
    let (qf, qt) = (Date::unpack(from)?, Date::unpack(to)?);
    let overlaps = if any_year {
        // Month and day of any year: compare within the record's years.
        (first.year..=last.year).any(|y| {
            let f = Date { year: y, ..qf }.pack();
            let t = Date { year: y, ..qt }.pack();
            first.pack() <= t && last.pack() >= f
        })
    } else {
        first.pack() <= qt.pack() && last.pack() >= qf.pack()
    };
    if !overlaps {
        return None;
    }
    let query_precision = if qf.day == qt.day && qf.month == qt.month {
        2
    } else if qf.month == qt.month {
        1
    } else {
        0
    };
    Some(if d.precision() as u8 >= query_precision {
        analyze::DATE_IMPACT
    } else {
        analyze::DATE_IMPACT / 2
    })
}

/// Where the folded `needle` occurs in `hay` with word boundaries at its
/// ends (as strict search matches phrases).
pub(crate) fn phrase_in(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let (fw, lw) = (
        fold::is_word_byte(first),
        needle.last().is_some_and(|&b| fold::is_word_byte(b)),
    );
    let mut from = 0;
    while let Some(p) = hay
        .get(from..)
        .and_then(|h| memchr::memmem::find(h, needle))
    {
        let p = from + p;
        let before = !fw || p == 0 || hay.get(p - 1).is_some_and(|&b| !fold::is_word_byte(b));
        let after = !lw
            || hay
                .get(p + needle.len())
                .is_none_or(|&b| !fold::is_word_byte(b));
        if before && after {
            return Some(p);
        }
        from = p + 1;
    }
    None
}

/// The rank key of a best-match hit: complete first, then score, then
/// newer date.
fn key(h: &Hit) -> u64 {
    (h.complete as u64) << 62
        | (h.score as u64) << 28
        | (h.date.map_or(0, |d| d.first_day().pack()) as u64 & 0x0fff_ffff)
}

fn before(a: &Hit, b: &Hit) -> bool {
    let (ka, kb) = (key(a), key(b));
    ka > kb || (ka == kb && a.record < b.record)
}

/// Inserts `h` into the sorted `hits[..*n]` (capacity `hits.len()`).
fn insert(hits: &mut [Hit], n: &mut usize, h: Hit) {
    let cap = hits.len();
    let at = hits
        .get(..*n)
        .unwrap_or(&[])
        .iter()
        .position(|x| before(&h, x))
        .unwrap_or(*n);
    if at >= cap {
        return;
    }
    let last = (*n).min(cap - 1);
    let mut i = last;
    while i > at {
        let prev = hits.get(i - 1).copied();
        if let (Some(prev), Some(slot)) = (prev, hits.get_mut(i)) {
            *slot = prev;
        }
        i -= 1;
    }
    if let Some(slot) = hits.get_mut(at) {
        *slot = h;
    }
    *n = (*n + 1).min(cap);
}

/// Runs a best-match search into `hits`.
///
/// Never inlined: its frame (the plan and one cursor per alternative, about
/// 2.5 KiB on thumbv6m) must not be paid by strict searches, which share the
/// caller (on thumbv6m strict search needed 7.3 KiB of stack with it
/// inlined, 2.8 KiB without).
#[inline(never)]
pub(crate) fn search(
    corpus: &Corpus<'_>,
    query: &Query,
    filter: &Filter,
    hits: &mut [Hit],
) -> Result<Summary, Error> {
    let mut s = Search::new(corpus, query, filter);
    let corrected = s.plan.corrected();
    let mut n = 0usize;
    let mut total = 0usize;
    let required: u16 = s
        .plan
        .clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| c.required)
        .fold(0, |m, (i, _)| m | 1 << i);
    let all: u16 = (1u32 << s.plan.clauses.len()).wrapping_sub(1) as u16;
    let alt_of_every_required = (0..s.plan.clauses.len())
        .filter(|c| required & (1 << c) != 0)
        .all(|c| s.plan.alts.iter().any(|a| a.clause as usize == c));

    // 1. Records with every required clause.
    s.reset();
    if required != 0 && alt_of_every_required {
        let mut d = s.allowed_from(0);
        while d != u32::MAX {
            s.seek_all(required, d);
            // Leapfrog: the furthest of the clauses' next records.
            let mut far = d;
            for c in 0..s.plan.clauses.len() {
                if required & (1 << c) != 0 {
                    far = far.max(s.min_doc(1 << c));
                }
            }
            if far == u32::MAX {
                break;
            }
            if far != d {
                d = s.allowed_from(far);
                continue;
            }
            s.seek_all(all & !required, d);
            let e = s.eval(d);
            if e.clauses & required == required {
                if let Some(r) = s.passes(d) {
                    total += 1;
                    insert(hits, &mut n, hit(&s, r, d, e, true));
                }
            }
            d = s.allowed_from(d.saturating_add(1));
        }
    }

    // 2. Closest matches, to fill the buffer.
    if n < hits.len() && !s.plan.alts.is_empty() {
        s.reset();
        // Clauses by the most each can add, ascending.
        let mut ub = [0u32; analyze::MAX_CLAUSES];
        for a in &s.plan.alts {
            if let Some(u) = ub.get_mut(a.clause as usize) {
                *u = (*u).max(a.ub);
            }
        }
        let boost = s.plan.intent.max_boost() as u64;
        let mut order: heapless::Vec<usize, { analyze::MAX_CLAUSES }> = heapless::Vec::new();
        for c in 0..s.plan.clauses.len() {
            let _ = order.push(c);
        }
        analyze::insertion_sort_by_key(&mut order, |&c| ub.get(c).copied().unwrap_or(0));
        let mut d = 0u32;
        // Every complete match is in the buffer already (phase 2 runs only
        // when they fit): skip them, by record.
        let complete_hits = n;
        let (mut essential, mut rest_ub, mut bar) = (all, 0u64, None::<u64>);
        loop {
            // The weakest kept partial hit sets the bar once the buffer is full.
            let full = n == hits.len();
            let theta = if full {
                hits.get(n - 1).map_or(0, |h| h.score as u64)
            } else {
                0
            };
            // Clauses whose bounds together cannot reach the bar are
            // non-essential: a record holding only those cannot enter.
            // Worked out again only when the bar moves.
            if full && bar != Some(theta) {
                bar = Some(theta);
                essential = 0;
                rest_ub = 0;
                let mut sum = 0u64;
                for &c in order.iter() {
                    sum += ub.get(c).copied().unwrap_or(0) as u64;
                    if sum * boost / 16 >= theta {
                        essential |= 1 << c;
                    } else {
                        rest_ub = sum;
                    }
                }
            }
            if essential == 0 {
                break;
            }
            s.seek_all(essential, d);
            let cand = s.allowed_from(s.min_doc(essential));
            if cand == u32::MAX {
                break;
            }
            s.seek_all(essential, cand);
            if s.min_doc(essential) != cand {
                d = cand;
                continue;
            }
            d = cand.saturating_add(1);
            // What the essential clauses give, plus the most the others
            // could: below the bar, the others need not be looked at.
            if full {
                let e0 = s.eval(cand);
                if (e0.score as u64).saturating_add(rest_ub * boost / 16) < theta {
                    continue;
                }
            }
            s.seek_all(all & !essential, cand);
            let e = s.eval(cand);
            let Some(r) = s.record_at(cand) else {
                continue;
            };
            let known = hits
                .get(..complete_hits)
                .unwrap_or(&[])
                .iter()
                .any(|h| h.record == r);
            if known || e.clauses == 0 || (full && (e.score as u64) < theta) {
                continue;
            }
            if let Some(r) = s.passes(cand) {
                // A tie on score may still win on date or corpus order.
                let h = hit(&s, r, cand, e, false);
                if !full || hits.get(n - 1).is_some_and(|w| before(&h, w)) {
                    insert(hits, &mut n, h);
                }
            }
        }
    }

    for h in hits.iter_mut().take(n) {
        locate(&s, h);
    }
    let partial = hits.iter().take(n).filter(|h| !h.complete).count();
    Ok(Summary {
        total,
        returned: n,
        partial,
        corrected,
    })
}

/// A hit for record `r` (global index `doc`), not located yet: `start`
/// holds the matched alternatives until [`locate`].
fn hit(s: &Search<'_, '_>, r: RecordRef, doc: u32, e: Eval, complete: bool) -> Hit {
    Hit {
        record: r,
        field: Field::SourceOutlet,
        item: 0,
        start: e.alts,
        end: doc,
        matched_fields: e.clauses.count_ones() as u8,
        primary: false,
        date: s.date_at(doc),
        score: e.score,
        complete,
    }
}

/// Finds the highlight of a hit: the best-weighted field holding one of the
/// matched words (a phrase itself for a phrase clause), and the first such
/// word there, as a byte range of the field's original text.
fn locate(s: &Search<'_, '_>, h: &mut Hit) {
    let (alts, doc) = (h.start, h.end);
    h.start = 0;
    h.end = 0;
    // (weight, segment, folded start, folded end)
    let mut best: Option<(u64, usize, usize, usize)> = None;
    let mut first_seg: Option<usize> = None;
    for seg in s.segments_of(doc) {
        first_seg.get_or_insert(seg);
        let Some(sg) = s.corpus.segment_at(seg) else {
            continue;
        };
        let text = s.seg_text(seg);
        let w = impact::weight(sg.field);
        if best.is_some_and(|x| x.0 >= w) {
            continue;
        }
        let mut found: Option<(usize, usize)> = None;
        for (i, alt) in s.plan.alts.iter().enumerate() {
            if alts & (1 << i) == 0 {
                continue;
            }
            let m = match (
                alt.kind,
                s.plan.clauses.get(alt.clause as usize).map(|c| c.kind),
            ) {
                (_, Some(ClauseKind::Phrase { start, len })) => {
                    let needle = s.query.bytes(start as usize, len as usize);
                    phrase_in(text, needle).map(|p| (p, p + needle.len()))
                }
                (AltKind::Term { term, .. }, _) => {
                    s.ix.forms(term as usize)
                        .filter_map(|f| tokens::find_all(text, f).next().map(|p| (p, p + f.len())))
                        .min()
                }
                _ => None,
            };
            if let Some(m) = m {
                if found.is_none_or(|f| m.0 < f.0) {
                    found = Some(m);
                }
            }
        }
        if let Some((p, e)) = found {
            best = Some((w, seg, p, e));
        }
    }
    let Some((_, seg, p, e)) = best.or(first_seg.map(|f| (0, f, 0, 0))) else {
        return;
    };
    let Some(sg) = s.corpus.segment_at(seg) else {
        return;
    };
    h.field = sg.field;
    h.item = sg.item;
    h.primary = sg.field.is_primary() && e > p;
    if e > p {
        h.start = p as u32;
        h.end = e as u32;
        if !sg.plain {
            s.corpus.finish_hit(h);
        }
    }
}

impl<'a> Corpus<'a> {
    /// The query with each word the corpus does not know replaced by the
    /// nearest spelling best-match search read it as (`altamn stargte` →
    /// `altman stargate`), folded, into `out`; its length, or `None` when no
    /// word needed correcting (or `out` is too small).
    pub fn suggest(&self, query: &Query, out: &mut [u8]) -> Option<usize> {
        let plan = crate::analyze::plan(self, query);
        let ix = self.term_index();
        if !plan.clauses.iter().any(|c| c.fix.is_some()) {
            return None;
        }
        let mut n = 0usize;
        let mut put = |bytes: &[u8], n: &mut usize| -> Option<()> {
            let end = n.checked_add(bytes.len())?;
            out.get_mut(*n..end)?.copy_from_slice(bytes);
            *n = end;
            Some(())
        };
        for (ti, (start, len, kind)) in query.spans().enumerate() {
            if ti > 0 {
                put(b" ", &mut n)?;
            }
            if kind == TermKind::Phrase {
                put(b"\"", &mut n)?;
            }
            let mut at = start;
            for c in plan.clauses.iter().filter(|c| c.term as usize == ti) {
                let (Some((t, f)), (cs, cl)) = (c.fix, c.span) else {
                    continue;
                };
                let (cs, cl) = (cs as usize, cl as usize);
                put(query.bytes(at, cs.saturating_sub(at)), &mut n)?;
                put(ix.forms(t as usize).nth(f as usize)?, &mut n)?;
                at = cs + cl;
            }
            put(query.bytes(at, (start + len).saturating_sub(at)), &mut n)?;
            match kind {
                TermKind::Phrase => put(b"\"", &mut n)?,
                TermKind::Prefix => put(b"*", &mut n)?,
                TermKind::Word => {}
            }
        }
        Some(n)
    }
}
