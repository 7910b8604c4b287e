//! Search: the query language, and memchr-driven matching over the folded
//! haystack.
//!
//! A [`Query`] is parsed once into a fixed buffer (no heap): whitespace-
//! separated terms, all of which must match (AND); `"a phrase"` matches its
//! words contiguously; `term*` matches words starting with `term`; a plain
//! term matches whole words. Everything is compared folded (see
//! [`crate::fold`]), so case and typography do not matter. A lone or
//! unbalanced `"` is an ordinary character (so `"` finds `“`).
//!
//! Matching runs `memchr::memmem` finders over the blob's folded haystack, in
//! which each record's fields are adjacent: it leapfrogs — find the next match
//! of the first term, then of each other term from the start of that record;
//! whenever a term's next match lies beyond the record, jump to that match's
//! record — so it touches each term's matches once and needs no per-record
//! state. [`Corpus::matches`] yields hits in corpus order; [`Corpus::search`]
//! ranks them into a caller-provided buffer and counts them all.
//!
//! When the blob carries the word index ([`crate::index`]), the query starts
//! from its rarest word instead: that word's postings name the only fields
//! where the query can match, and the same matcher confirms each record
//! there. A single plain word or prefix needs no confirming at all — its
//! postings are exactly its matching fields — so its hits are ranked from
//! the segment table alone and located only when returned. Terms without a
//! whole word (`$`, `—`) and prefixes matching more than [`MAX_UNION`] words
//! cannot use the index; a query of only such terms scans.

use crate::corpus::Corpus;
use crate::error::Error;
use crate::fold;
use crate::format::{Field, Kind, RecordRef, Segment, SEGMENT_LEN};
use crate::index::WordIndex;
use crate::records::{Date, Record};
use memchr::memmem::Finder;

pub mod best;

/// The longest query accepted, in bytes.
pub const MAX_QUERY_LEN: usize = 256;
/// The most terms (words, prefixes and phrases) a query may have.
pub const MAX_TERMS: usize = 32;
/// The most terms a strict query ([`Mode::Strict`], [`Corpus::matches`]) may
/// have: each gets a `memmem` finder, and their space is bounded for the
/// Cortex-M0 stack budget.
pub const MAX_STRICT_TERMS: usize = 8;
/// The most index words a prefix term may expand to and still be looked up
/// in the word index (their postings are merged); a prefix matching more
/// words than this is found by the scan, or confirmed from another term.
pub const MAX_UNION: usize = 8;

/// Marks a hit whose match is not located yet (`end` is this tag plus the
/// term's index, `start` is the segment): raw hits are ranked first and
/// located only when returned.
const UNLOCATED: u32 = 0xffff_ff00;

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
struct Driver {
    cursors: [Cursor; MAX_UNION],
    lo: u32,
    n: u8,
    started: bool,
}

/// How a query is run.
#[derive(Clone, Copy, Debug)]
enum Plan {
    /// Not chosen yet: the first [`Matches::next_raw`] chooses.
    Pending,
    /// Scan the whole haystack (no index, or no term can use it).
    Scan,
    /// Visit the driver's candidate segments; `exact` when they are exactly
    /// the matching fields (one term, a plain word or prefix).
    Index { exact: bool },
    /// Some word of the query is not in the index: nothing matches.
    Empty,
}

/// How a term matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermKind {
    /// A whole word (or, for punctuation, the characters anywhere).
    Word,
    /// The start of a word: `stop*` finds `stop`, `stopped`.
    Prefix,
    /// Consecutive words: `"put america first"`.
    Phrase,
}

#[derive(Clone, Copy, Debug)]
struct Term {
    start: u16,
    len: u16,
    kind: TermKind,
}

/// A parsed query: folded terms in a fixed buffer. About 300 bytes; no heap.
#[derive(Clone, Debug)]
pub struct Query {
    buf: [u8; MAX_QUERY_LEN],
    terms: heapless::Vec<Term, MAX_TERMS>,
}

impl Query {
    /// Parses a query. Errors: [`Error::EmptyQuery`] (nothing left after
    /// folding), [`Error::QueryTooLong`], [`Error::TooManyTerms`].
    pub fn parse(q: &str) -> Result<Query, Error> {
        if q.len() > MAX_QUERY_LEN {
            return Err(Error::QueryTooLong { len: q.len() });
        }
        let mut query = Query {
            buf: [0; MAX_QUERY_LEN],
            terms: heapless::Vec::new(),
        };
        let mut used = 0usize;
        let mut rest = q;
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            let (token, kind, after) = match rest.strip_prefix('"') {
                // A byte search and checked `get` rather than `split_once`,
                // whose slicing keeps a panic path at opt-level z.
                Some(inner) => match inner
                    .bytes()
                    .position(|b| b == b'"')
                    .and_then(|close| Some((inner.get(..close)?, inner.get(close + 1..)?)))
                {
                    Some((phrase, after)) => (phrase, TermKind::Phrase, after),
                    None => Query::word(rest),
                },
                None => Query::word(rest),
            };
            rest = after;
            let n = fold::fold_into(token, query.buf.get_mut(used..).unwrap_or(&mut []))
                .ok_or(Error::QueryTooLong { len: q.len() })?;
            if n == 0 {
                continue;
            }
            let term = Term {
                start: used as u16,
                len: n as u16,
                kind,
            };
            query.terms.push(term).map_err(|_| Error::TooManyTerms)?;
            used += n;
        }
        if query.terms.is_empty() {
            return Err(Error::EmptyQuery);
        }
        Ok(query)
    }

    /// Parses a query given as bytes; [`Error::InvalidUtf8`] unless UTF-8.
    pub fn parse_bytes(q: &[u8]) -> Result<Query, Error> {
        if q.len() > MAX_QUERY_LEN {
            return Err(Error::QueryTooLong { len: q.len() });
        }
        match core::str::from_utf8(q) {
            Ok(s) => Query::parse(s),
            Err(e) => Err(Error::InvalidUtf8 {
                valid_up_to: e.valid_up_to(),
            }),
        }
    }

    /// Splits off one whitespace-delimited word; a trailing `*` makes it a prefix.
    fn word(s: &str) -> (&str, TermKind, &str) {
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        let (w, after) = s.split_at_checked(end).unwrap_or((s, ""));
        let stripped = w.trim_end_matches('*');
        if stripped.len() < w.len() && !stripped.is_empty() {
            (stripped, TermKind::Prefix, after)
        } else {
            (w, TermKind::Word, after)
        }
    }

    /// The number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether the query has no terms (never, for a parsed query).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Each term's place in the folded buffer and how it matches.
    pub(crate) fn spans(&self) -> impl Iterator<Item = (usize, usize, TermKind)> + '_ {
        self.terms
            .iter()
            .map(|t| (t.start as usize, t.len as usize, t.kind))
    }

    /// Bytes `start..start + len` of the query's folded buffer (where a
    /// phrase clause of [`crate::analyze::Plan`] points); empty outside it.
    pub fn bytes(&self, start: usize, len: usize) -> &[u8] {
        self.buf.get(start..start + len).unwrap_or(&[])
    }

    /// The folded terms and how each matches.
    pub fn terms(&self) -> impl Iterator<Item = (&[u8], TermKind)> + '_ {
        self.terms.iter().map(move |t| {
            let s = t.start as usize;
            (self.buf.get(s..s + t.len as usize).unwrap_or(&[]), t.kind)
        })
    }
}

/// A set of record kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindSet(u8);

impl KindSet {
    /// Every kind.
    pub const ALL: KindSet = KindSet(0x3f);
    /// No kind.
    pub const NONE: KindSet = KindSet(0);
    /// Just `kind`.
    pub const fn only(kind: Kind) -> KindSet {
        KindSet(1 << kind as u8)
    }
    /// This set and `kind`.
    pub const fn with(self, kind: Kind) -> KindSet {
        KindSet(self.0 | 1 << kind as u8)
    }
    /// Whether `kind` is in the set.
    pub const fn contains(self, kind: Kind) -> bool {
        self.0 & (1 << kind as u8) != 0
    }
    /// The set as a bit mask (bit `k` for `Kind` code `k`).
    pub const fn bits(self) -> u8 {
        self.0
    }
    /// The set with this bit mask; bits above the known kinds are ignored.
    pub const fn from_bits(bits: u8) -> KindSet {
        KindSet(bits & 0x3f)
    }
}

/// How a query's words must match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Best match (the default): words meet their other forms (`lawsuits`,
    /// `lawsuit`), synonyms and near spellings; records with every word come
    /// first, then the records matching most of the query's weight, ranked
    /// by BM25F. Stop and question words are never required. Dates and
    /// amounts match records by date and figures by value.
    #[default]
    Best,
    /// Strict: every term must match literally (a whole word, a prefix, a
    /// phrase), as [`Corpus::matches`] does; ranked by where it matched.
    Strict,
}

/// Restricts a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filter {
    /// Best match or strict.
    pub mode: Mode,
    /// Only records of these kinds.
    pub kinds: KindSet,
    /// Only records involving this entity (by index): the entity itself, its
    /// quotes, events it takes part in, figures it claims or disputes, and
    /// discrepancies linked to it.
    pub entity: Option<u32>,
    /// Only dated records whose date overlaps `from..=to` (either bound may
    /// be open); undated records are excluded when either is set.
    pub from: Option<Date>,
    /// See `from`.
    pub to: Option<Date>,
}

impl Filter {
    /// No restriction.
    pub const NONE: Filter = Filter {
        mode: Mode::Best,
        kinds: KindSet::ALL,
        entity: None,
        from: None,
        to: None,
    };
}

impl Default for Filter {
    fn default() -> Filter {
        Filter::NONE
    }
}

/// One matching record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The record.
    pub record: RecordRef,
    /// The field to highlight: the first speaker, title or name field that
    /// matched, else the first field that matched.
    pub field: Field,
    /// Which item of a list field (alias, variant, phrasing, claim).
    pub item: u8,
    /// Byte range of the first term's match within that field's original
    /// text ([`Corpus::field_text`]), for highlighting.
    pub start: u32,
    /// End of that range (exclusive).
    pub end: u32,
    /// How many of the record's fields matched at least one term.
    pub matched_fields: u8,
    /// Whether a speaker, title or name field matched.
    pub primary: bool,
    /// The record's date, if it has one.
    pub date: Option<Date>,
    /// The best-match score (BM25F, higher is better; 0 in strict mode).
    pub score: u32,
    /// Whether the record matches every word of the query (always, in
    /// strict mode); partial hits (closest matches) come after all complete
    /// ones.
    pub complete: bool,
}

impl Hit {
    /// The ranking key: primary matches first, then more matched fields,
    /// then newer dates (undated last), then corpus order (smaller first).
    fn rank(&self) -> (u64, RecordRef) {
        let key = (self.primary as u64) << 40
            | (self.matched_fields as u64) << 32
            | self.date.map_or(0, |d| d.first_day().pack()) as u64;
        (key, self.record)
    }

    fn before(a: (u64, RecordRef), b: (u64, RecordRef)) -> bool {
        a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
    }
}

/// How many records matched and how many were written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Every record matching every word of the query, even those that did
    /// not fit.
    pub total: usize,
    /// Hits written to the buffer: the best complete matches, then (best
    /// match only) the closest partial ones if room is left.
    pub returned: usize,
    /// How many of the returned hits are partial (the last ones). When
    /// `total` is 0 and this is not, no record has every word and the hits
    /// are the closest matches.
    pub partial: usize,
    /// Bit `t`: query term `t` is not a word of the corpus and was read as
    /// a near spelling ([`Corpus::suggest`] spells the corrected query).
    pub corrected: u16,
}

impl Summary {
    /// Whether no record has every word and the hits are the closest matches.
    pub const fn is_partial(&self) -> bool {
        self.total == 0 && self.partial > 0
    }
}

/// The matching records of a query, in corpus order (see [`Corpus::matches`]).
pub struct Matches<'a, 'q> {
    corpus: Corpus<'a>,
    hay: &'a [u8],
    /// The raw segment table (8 bytes per field), read directly in the hot loop.
    segs: &'a [u8],
    /// Per term: its finder, and whether the needle starts with a word
    /// byte, ends with one, is a prefix (in the finder's padding).
    finders: heapless::Vec<(Finder<'q>, (bool, bool, bool)), MAX_STRICT_TERMS>,
    filter: Filter,
    /// Whether the filter restricts nothing but kinds (no per-record check).
    kinds_only: bool,
    /// The packed-date table.
    dates: &'a [u8],
    pos: usize,
    seg: usize,
    /// The next match of the first term at or after `pos`, found while
    /// scoring the previous record; `done` once it has no more matches.
    next0: Option<usize>,
    done: bool,
    /// Scan or index, and the index's cursors. With the index, `pos` is
    /// the first segment not yet visited.
    plan: Plan,
    driver: Driver,
    /// The word index, once the plan uses it.
    index: Option<WordIndex<'a>>,
    /// Only the records are wanted ([`Corpus::matching_records`]): no
    /// field counts, date or highlight.
    records_only: bool,
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

impl Driver {
    /// No cursors.
    const NONE: Driver = Driver {
        cursors: [Cursor {
            pos: 0,
            cur: u32::MAX,
        }; MAX_UNION],
        lo: 0,
        n: 0,
        started: false,
    };

    /// A driver over index words `lo..hi` (at most [`MAX_UNION`]).
    fn new(lo: usize, hi: usize) -> Driver {
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

/// Chooses how to run `query` with the word index: from the word with the
/// shortest postings that some term cannot match without.
///
/// Each run of word bytes in a term is a whole word of the text wherever the
/// term matches — a term's ends are word boundaries, and so are the
/// punctuation and spaces inside it — except the last run of a prefix term,
/// which begins a word. So the fields containing that word (or one of the
/// words with that beginning) are the only places the term can match.
///
/// `terms` gives each term's folded needle and whether it is a prefix.
/// Returns the plan and the range of index words whose postings drive it.
// Not inlined, returning a word range rather than cursors, and called from
// the first `next_raw` rather than from `matches`: that keeps it out of the
// deepest frames, within the Cortex-M0 stack budget (examples/firmware).
#[inline(never)]
fn plan<'n>(
    ix: &WordIndex<'_>,
    terms: impl Iterator<Item = (&'n [u8], bool)> + Clone,
) -> (Plan, usize, usize) {
    // (postings bytes, first word, end word)
    let mut best: Option<(usize, usize, usize)> = None;
    let mut exact = false;
    let single = terms.clone().count() == 1;
    for (needle, prefix) in terms {
        for (p, run) in crate::index::Tokens::new(needle) {
            let whole = p == 0 && run.len() == needle.len();
            let (lo, hi) = if prefix && p + run.len() == needle.len() {
                ix.prefix_range(run)
            } else {
                ix.find(run).map_or((0, 0), |i| (i, i + 1))
            };
            if lo == hi {
                return (Plan::Empty, 0, 0);
            }
            if hi - lo > MAX_UNION {
                continue;
            }
            let cost: usize = (lo..hi).map(|i| ix.postings_bytes(i)).sum();
            if best.is_none_or(|(c, _, _)| cost < c) {
                best = Some((cost, lo, hi));
                exact = single && whole;
            }
        }
    }
    match best {
        Some((_, lo, hi)) => (Plan::Index { exact }, lo, hi),
        None => (Plan::Scan, 0, 0),
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
    /// This is strict matching ([`Mode::Strict`]) whatever the filter's mode:
    /// [`Error::TooManyTerms`] past [`MAX_STRICT_TERMS`] terms.
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
            // Cannot overflow: a query has at most MAX_TERMS terms.
            let _ = finders.push((Finder::new(needle), flags));
        }
        // Strict matching reads the strict region alone (see
        // `Corpus::strict_region`): the fields of format version 2.
        let (text_end, seg_count) = self.strict_region();
        Matches {
            corpus: *self,
            hay: self.search_text().get(..text_end).unwrap_or(&[]),
            segs: self
                .segment_table()
                .get(..seg_count * SEGMENT_LEN)
                .unwrap_or(&[]),
            finders,
            filter: *filter,
            kinds_only: filter.entity.is_none() && filter.from.is_none() && filter.to.is_none(),
            dates: self.dates_table(),
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

    /// Ranks the records matching `query` and `filter` into `hits` (best
    /// first) and counts the complete matches. Best match or strict, as
    /// `filter.mode` says. Never allocates. [`Error::InvalidArgument`] for a
    /// reversed date range; [`Error::TooManyTerms`] for a strict query of
    /// more than [`MAX_STRICT_TERMS`] terms.
    pub fn search(
        &self,
        query: &Query,
        filter: &Filter,
        hits: &mut [Hit],
    ) -> Result<Summary, Error> {
        if let (Some(from), Some(to)) = (filter.from, filter.to) {
            if from.first_day() > to.last_day() {
                return Err(Error::InvalidArgument);
            }
        }
        match filter.mode {
            Mode::Best => crate::best::search(self, query, filter, hits),
            Mode::Strict => self.search_strict(query, filter, hits),
        }
    }

    /// [`Corpus::search`] in strict mode.
    #[inline(never)]
    fn search_strict(
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

    /// Parses `query` and runs [`Corpus::search`].
    pub fn search_str(
        &self,
        query: &str,
        filter: &Filter,
        hits: &mut [Hit],
    ) -> Result<Summary, Error> {
        self.search(&Query::parse(query)?, filter, hits)
    }

    /// Turns a hit's folded match range into an original byte range, for a
    /// field whose folding moved bytes.
    // Not inlined: it decodes a whole record, and inlined into `search` its
    // temporaries sat in that frame beside the `Matches` cursor for the whole
    // search (Cortex-M0 stack budget, see examples/firmware).
    #[inline(never)]
    pub(crate) fn finish_hit(&self, h: &mut Hit) {
        let seg = Segment {
            start: 0,
            record: h.record.index,
            field: h.field,
            item: h.item,
            plain: false,
        };
        let (s, e) = self
            .field_text(&seg)
            .and_then(|t| fold::original_range(t.as_str(), h.start as usize, h.end as usize))
            .unwrap_or((0, 0));
        h.start = s as u32;
        h.end = e as u32;
    }

    /// Whether record `r` involves entity `e` (see [`Filter::entity`]).
    pub fn involves(&self, r: RecordRef, e: u32) -> bool {
        match self.record(r) {
            Some(Record::Entity(_)) => r.index == e,
            Some(Record::Quote(q)) => q.speaker == e,
            Some(Record::Event(ev)) => ev.participants.iter().any(|p| p == e),
            Some(Record::Figure(f)) => {
                f.claimed_by.iter().any(|p| p == e) || f.disputed_by.iter().any(|p| p == e)
            }
            Some(Record::Discrepancy(d)) => d
                .related
                .iter()
                .any(|l| l.kind == Kind::Entity as u8 && l.index == e),
            Some(Record::Source(_)) | None => false,
        }
    }

    // Not inlined, for the same reason as `finish_hit`: the entity filter
    // decodes a whole record.
    #[inline(never)]
    pub(crate) fn passes(&self, r: RecordRef, filter: &Filter) -> bool {
        if !filter.kinds.contains(r.kind) {
            return false;
        }
        if filter.from.is_some() || filter.to.is_some() {
            let Some(d) = self.date_of(r) else {
                return false;
            };
            if filter.from.is_some_and(|f| d.last_day() < f.first_day())
                || filter.to.is_some_and(|t| d.first_day() > t.last_day())
            {
                return false;
            }
        }
        filter.entity.is_none_or(|e| self.involves(r, e))
    }
}

impl Matches<'_, '_> {
    /// The next valid match of term `t` at or after `from`, before `limit`.
    fn find_term(&self, t: usize, mut from: usize, limit: usize) -> Option<usize> {
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

    fn seg_count(&self) -> usize {
        self.segs.len() / SEGMENT_LEN
    }

    /// Where segment `i`'s text starts (the haystack's end past the last).
    fn seg_start(&self, i: usize) -> usize {
        match self.segs.get(i * SEGMENT_LEN..i * SEGMENT_LEN + 4) {
            Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]) as usize,
            _ => self.hay.len(),
        }
    }

    /// Segment `i`'s record as one comparable number (kind and index).
    fn seg_record(&self, i: usize) -> Option<u32> {
        match self.segs.get(i * SEGMENT_LEN + 4..i * SEGMENT_LEN + 8) {
            Some(&[a, b, c, field]) => {
                let kind = Field::from_u8(field & 0x7f)?.kind() as u32;
                Some(kind << 24 | u32::from_le_bytes([a, b, c, 0]))
            }
            _ => None,
        }
    }

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

    /// The segment index range `[first, end)` of the record owning segment `i`.
    fn record_segments(&self, i: usize) -> (usize, usize, RecordRef) {
        let r = self.seg_record(i);
        let mut first = i;
        while first > 0 && self.seg_record(first - 1) == r {
            first -= 1;
        }
        let (end, rr) = self.record_end(i);
        (first, end, rr)
    }

    /// The first segment after `from_seg` whose kind is in the filter.
    fn next_allowed(&self, from_seg: usize) -> Option<usize> {
        let c = &self.corpus;
        (from_seg..self.seg_count()).find(|&i| {
            c.segment_at(i)
                .is_some_and(|s| self.filter.kinds.contains(s.field.kind()))
        })
    }

    // Not inlined (nor `passes` and `finish_hit`): inlined into `search`,
    // their temporaries shared its frame with the 0.7 KiB `Matches` for the
    // whole search. Out of line, the search's stack high-water mark on a
    // Cortex-M0 drops from 2,168 to 1,864 bytes (examples/firmware), under
    // the 2 KiB budget; the cost is one call per matching record.
    #[inline(never)]
    fn next_raw(&mut self) -> Option<Hit> {
        if let Plan::Pending = self.plan {
            self.choose_plan();
        }
        match self.plan {
            Plan::Pending | Plan::Scan => self.next_scanned(),
            Plan::Index { .. } => self.next_indexed(),
            Plan::Empty => None,
        }
    }

    /// Chooses between the scan and the word index (see [`plan`]).
    #[inline(never)]
    fn choose_plan(&mut self) {
        let terms = self.finders.iter().map(|(f, flags)| (f.needle(), flags.2));
        let index = self.corpus.word_index();
        let (plan, lo, hi) = match index {
            Some(ix) => plan(&ix, terms),
            None => (Plan::Scan, 0, 0),
        };
        self.index = index;
        self.plan = plan;
        self.driver = Driver::new(lo, hi);
    }

    /// The next matching record, from the word index's candidates.
    fn next_indexed(&mut self) -> Option<Hit> {
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

    /// The end of the segments of segment `i`'s record, and the record.
    fn record_end(&self, i: usize) -> (usize, RecordRef) {
        let r = self.seg_record(i);
        let mut end = i + 1;
        while end < self.seg_count() && self.seg_record(end) == r {
            end += 1;
        }
        let rr = r
            .and_then(|v| {
                Some(RecordRef::new(
                    Kind::from_u8((v >> 24) as u8)?,
                    v & 0xff_ffff,
                ))
            })
            .unwrap_or(RecordRef::new(Kind::Source, 0));
        (end, rr)
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
            let is_primary = self
                .segs
                .get(x as usize * SEGMENT_LEN + 7)
                .and_then(|&f| Field::from_u8(f & 0x7f))
                .is_some_and(Field::is_primary);
            if any.is_none() {
                any = Some(x);
            }
            if is_primary && primary.is_none() {
                primary = Some(x);
            }
            s = self.driver.at_least(ix, x + 1);
        }
        let mut hit = Hit {
            record: r,
            field: Field::SourceOutlet,
            item: 0,
            start: 0,
            end: 0,
            matched_fields: count,
            primary: primary.is_some(),
            date: self.record_date(r),
            score: 0,
            complete: true,
        };
        if let Some(x) = primary.or(any) {
            if let Some(s) = self.corpus.segment_at(x as usize) {
                hit.field = s.field;
                hit.item = s.item;
                hit.start = x;
                hit.end = UNLOCATED;
            }
        }
        hit
    }

    /// Locates a raw hit's match: the first match of its term in its
    /// segment, as a byte range of the field's original text. Only fields
    /// whose folding moved bytes need their record decoded for that.
    fn finish(&self, h: &mut Hit) {
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
        let plain = self
            .segs
            .get(seg * SEGMENT_LEN + 7)
            .is_some_and(|&f| f & 0x80 != 0);
        if !plain {
            self.corpus.finish_hit(h);
        }
    }

    /// The record's date, from the packed-date table.
    fn record_date(&self, r: RecordRef) -> Option<Date> {
        let g = self.corpus.global_index(r)?;
        let d = self.dates.get(4 * g..4 * g + 4)?;
        Date::unpack(u32::from_le_bytes([d[0], d[1], d[2], d[3]]))
    }

    /// The next matching record, scanning the haystack.
    fn next_scanned(&mut self) -> Option<Hit> {
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

    /// Counts matched fields and picks the highlight of a matching record
    /// whose first term-0 match is `m0`.
    ///
    /// Visits only each term's matches inside the record, skipping to the
    /// next field after a match, and notes the highlight on the way; the
    /// first term's scan runs on past the record and leaves its next match
    /// for [`Matches::next_raw`], so no match is searched for twice.
    /// The first term's matches are followed up to `limit0`: the haystack's
    /// end when scanning, the record's end with the index.
    fn score(&mut self, first: usize, end: usize, r: RecordRef, m0: usize, limit0: usize) -> Hit {
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
                    let is_primary = self
                        .segs
                        .get(seg * SEGMENT_LEN + 7)
                        .and_then(|&f| Field::from_u8(f & 0x7f))
                        .is_some_and(Field::is_primary);
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
        let date = self.record_date(r);
        let mut hit = Hit {
            record: r,
            field: Field::SourceOutlet,
            item: 0,
            start: 0,
            end: 0,
            matched_fields: (mask.count_ones() as u8).saturating_add(extra),
            primary: primary.is_some(),
            date,
            score: 0,
            complete: true,
        };
        if let Some((seg, t)) = primary.or(any) {
            if let Some(s) = self.corpus.segment_at(seg) {
                hit.field = s.field;
                hit.item = s.item;
                hit.start = seg as u32;
                hit.end = UNLOCATED | t as u32;
            }
        }
        hit
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
