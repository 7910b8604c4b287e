//! Search: the query language, the filter and hit types, and
//! [`Corpus::search`], which runs a query best match ([`best`]) or strict.
//!
//! A [`Query`] is parsed once into a fixed buffer (no heap): whitespace-
//! separated terms, all of which must match (AND); `"a phrase"` matches its
//! words contiguously; `term*` matches words starting with `term`; a plain
//! term matches whole words. Everything is compared folded (see
//! [`crate::fold`]), so case and typography do not matter. A lone or
//! unbalanced `"` is an ordinary character (so `"` finds `“`).
//!
//! Strict matching runs `memchr::memmem` finders over the blob's folded
//! haystack, in which each record's fields are adjacent: it leapfrogs — find
//! the next match of the first term, then of each other term from the start
//! of that record; whenever a term's next match lies beyond the record, jump
//! to that match's record — so it touches each term's matches once and needs
//! no per-record state. [`Corpus::matches`] yields hits in corpus order;
//! [`Corpus::search`] ranks them into a caller-provided buffer and counts
//! them all.
//!
//! When the blob carries the word index ([`crate::index`]), the query starts
//! from its rarest word instead: that word's postings name the only fields
//! where the query can match, and the same matcher confirms each record
//! there. A single plain word or prefix needs no confirming at all — its
//! postings are exactly its matching fields — so its hits are ranked from
//! the segment table alone and located only when returned. Terms without a
//! whole word (`$`, `—`) and prefixes matching more than [`MAX_UNION`] words
//! cannot use the index; a query of only such terms scans.
//!
//! One file per concept: `query.rs` (parsing), `strict.rs` (the [`Matches`]
//! cursor: building it, scoring and locating a record's match, strict
//! ranking), `plan.rs` (scan or word index), `scan.rs` (the leapfrog over
//! the haystack), `indexed.rs` (the word-index paths), [`best`]
//! (best-match ranking, planned by [`analyze`], which corrects spellings
//! with [`typo`]); the types shared by
//! both modes are here. Both read the segment table through
//! [`SegmentTable`](crate::format::SegmentTable).

use crate::corpus::Corpus;
use crate::error::Error;
use crate::fold;
use crate::format::{Field, Kind, RecordRef};
use crate::records::{Date, Record, Text};

pub mod analyze;
pub mod best;
mod indexed;
mod plan;
mod query;
mod scan;
mod strict;
pub mod typo;

pub use plan::MAX_UNION;
pub use query::{Query, TermKind};
pub use strict::{Matches, Records};

pub use crate::limits::{MAX_QUERY_LEN, MAX_STRICT_TERMS, MAX_TERMS};

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
    /// text ([`Corpus::hit_text`]), for highlighting.
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

impl<'a> Corpus<'a> {
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
            Mode::Best => best::search(self, query, filter, hits),
            Mode::Strict => self.search_strict(query, filter, hits),
        }
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

    /// The original text of a hit's field, which [`Hit::start`] and
    /// [`Hit::end`] index into: [`Corpus::field_text`] of the record
    /// `hit.record.index` of `hit.field`'s kind, and item `hit.item`.
    /// `None` only for a hit not returned by this corpus.
    #[inline]
    pub fn hit_text(&self, hit: &Hit) -> Option<Text<'a>> {
        self.text_at(hit.field, hit.record.index, hit.item)
    }

    /// Turns a hit's folded match range into an original byte range, for a
    /// field whose folding moved bytes.
    // Not inlined: it decodes a whole record, and inlined into `search` its
    // temporaries sat in that frame beside the `Matches` cursor for the whole
    // search (Cortex-M0 stack budget, see examples/firmware).
    #[inline(never)]
    pub(crate) fn finish_hit(&self, h: &mut Hit) {
        let (s, e) = self
            .hit_text(h)
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
