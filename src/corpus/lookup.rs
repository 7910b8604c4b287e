//! Lookups over a validated corpus: records by id, key and name, dates,
//! the timeline, reply threads, segments and the field they point at, and
//! the index views search runs on. None of them can fail on a validated
//! blob except by "no such id"; on a malformed one they answer `None`.

use super::{u32_at, Corpus};
use crate::amounts::Values;
use crate::fold;
use crate::format::{Field, Kind, RecordRef, Section, Segment, MAX_THREAD_DEPTH, REF_LEN};
use crate::index::WordIndex;
use crate::records::{Date, Discrepancy, Entity, Event, Figure, Quote, Record, Source, Text};
use crate::synonyms::Synonyms;
use crate::terms::TermIndex;
use serde::Deserialize;

impl<'a> Corpus<'a> {
    /// The position of `r` in global record order (kinds in blob order).
    pub(crate) fn global_index(&self, r: RecordRef) -> Option<usize> {
        if (r.index as usize) >= self.count(r.kind) {
            return None;
        }
        let mut before = 0;
        for k in Kind::ALL {
            if k == r.kind {
                break;
            }
            before += self.count(k);
        }
        Some(before + r.index as usize)
    }

    pub(super) fn record_bytes(&self, kind: Kind, index: u32) -> Option<&'a [u8]> {
        self.record_table(kind).record(index)
    }

    fn decode<T: Deserialize<'a>>(&self, kind: Kind, index: u32) -> Option<T> {
        postcard::from_bytes(self.record_bytes(kind, index)?).ok()
    }

    /// Source `index`, or `None` if there is none.
    pub fn source(&self, index: u32) -> Option<Source<'a>> {
        self.decode(Kind::Source, index)
    }

    /// Entity `index`, or `None` if there is none.
    pub fn entity(&self, index: u32) -> Option<Entity<'a>> {
        self.decode(Kind::Entity, index)
    }

    /// Quote `index`, or `None` if there is none.
    pub fn quote(&self, index: u32) -> Option<Quote<'a>> {
        self.decode(Kind::Quote, index)
    }

    /// Event `index`, or `None` if there is none.
    pub fn event(&self, index: u32) -> Option<Event<'a>> {
        self.decode(Kind::Event, index)
    }

    /// Figure `index`, or `None` if there is none.
    pub fn figure(&self, index: u32) -> Option<Figure<'a>> {
        self.decode(Kind::Figure, index)
    }

    /// Discrepancy `index`, or `None` if there is none.
    pub fn discrepancy(&self, index: u32) -> Option<Discrepancy<'a>> {
        self.decode(Kind::Discrepancy, index)
    }

    /// Any record, or `None` if there is none.
    pub fn record(&self, r: RecordRef) -> Option<Record<'a>> {
        let i = r.index;
        Some(match r.kind {
            Kind::Source => Record::Source(self.source(i)?),
            Kind::Entity => Record::Entity(self.entity(i)?),
            Kind::Quote => Record::Quote(self.quote(i)?),
            Kind::Event => Record::Event(self.event(i)?),
            Kind::Figure => Record::Figure(self.figure(i)?),
            Kind::Discrepancy => Record::Discrepancy(self.discrepancy(i)?),
        })
    }

    /// Every record of `kind`, in index order.
    pub fn records(&self, kind: Kind) -> impl Iterator<Item = (RecordRef, Record<'a>)> + 'a {
        let this = *self;
        (0..self.count(kind) as u32).filter_map(move |i| {
            let r = RecordRef::new(kind, i);
            Some((r, this.record(r)?))
        })
    }

    /// The key of a record (its first field), decoded without the rest.
    pub fn key(&self, r: RecordRef) -> Option<Text<'a>> {
        let bytes = self.record_bytes(r.kind, r.index)?;
        postcard::take_from_bytes::<Text<'a>>(bytes)
            .ok()
            .map(|(t, _)| t)
    }

    /// The record with this key (`sam-altman`, `q-…`, `ev-…`, a seed id),
    /// by binary search over the key index.
    pub fn find_key(&self, key: &str) -> Option<RecordRef> {
        let keys = self.section(Section::Keys);
        let (mut lo, mut hi) = (0usize, keys.len() / REF_LEN);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let r = self.ref_at(keys, mid)?;
            match self.key(r)?.as_str().as_bytes().cmp(key.as_bytes()) {
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
                core::cmp::Ordering::Equal => return Some(r),
            }
        }
        None
    }

    pub(super) fn ref_at(&self, table: &[u8], i: usize) -> Option<RecordRef> {
        let b = table.get(i * REF_LEN..i * REF_LEN + REF_LEN)?;
        RecordRef::decode([b[0], b[1], b[2], b[3]])
    }

    /// The packed-date table entry of a record: its date, if it has one.
    pub fn date_of(&self, r: RecordRef) -> Option<Date> {
        let g = self.global_index(r)?;
        Date::unpack(u32_at(self.section(Section::Dates), 4 * g)?)
    }

    /// The entity whose name or one of whose aliases equals `name`, compared
    /// folded (case, typography and spacing ignored): `altman`, `@SAMA`,
    /// `little finger`.
    pub fn entity_by_name(&self, name: &str) -> Option<u32> {
        let mut buf = [0u8; crate::limits::MAX_QUERY_LEN];
        let n = fold::fold_into(name, &mut buf)?;
        let needle = buf.get(..n)?;
        if needle.is_empty() {
            return None;
        }
        self.segments()
            .filter(|(s, _)| matches!(s.field, Field::EntityName | Field::EntityAlias))
            .find(|(_, text)| *text == needle)
            .map(|(s, _)| s.record)
    }

    /// Every segment with its folded text.
    pub(crate) fn segments(&self) -> impl Iterator<Item = (Segment, &'a [u8])> + 'a {
        let text = self.section(Section::Text);
        let n = self.segment_view().len();
        let this = *self;
        (0..n).filter_map(move |i| {
            let s = this.segment_at(i)?;
            let end = match this.segment_at(i + 1) {
                Some(next) => next.start as usize - 1,
                None => text.len().checked_sub(1)?,
            };
            Some((s, text.get(s.start as usize..end)?))
        })
    }

    pub(crate) fn segment_at(&self, i: usize) -> Option<Segment> {
        self.segment_view().get(i)
    }

    /// The word index, if the blob has one (see [`crate::index`]).
    pub fn word_index(&self) -> Option<WordIndex<'a>> {
        WordIndex::new(
            self.section(Section::Words),
            self.section(Section::Postings),
            self.section(Section::Text),
        )
    }

    /// The term index best-match search runs on (see [`crate::terms`]).
    pub fn term_index(&self) -> TermIndex<'a> {
        TermIndex::new(
            self.section(Section::Terms),
            self.section(Section::TermText),
            self.section(Section::TermPostings),
        )
    }

    /// The synonym groups (see [`crate::synonyms`]).
    pub fn synonyms(&self) -> Synonyms<'a> {
        Synonyms::new(self.section(Section::Synonyms))
    }

    /// Every figure's value, sorted (see [`crate::amounts`]).
    pub fn values(&self) -> Values<'a> {
        Values::new(self.section(Section::Values))
    }

    /// The global index of the first record of `kind` (kinds in blob order).
    pub fn kind_base(&self, kind: Kind) -> u32 {
        Kind::ALL
            .iter()
            .take_while(|&&k| k != kind)
            .map(|&k| self.count(k) as u32)
            .sum()
    }

    /// The date of the record at global index `doc`, from the date table.
    pub fn date_at(&self, doc: u32) -> Option<Date> {
        Date::unpack(u32_at(self.section(Section::Dates), 4 * doc as usize)?)
    }

    /// The record at global index `doc` (kinds in blob order, then index).
    pub fn record_at(&self, doc: u32) -> Option<RecordRef> {
        let mut base = 0u32;
        for k in Kind::ALL {
            let n = self.count(k) as u32;
            if doc < base + n {
                return Some(RecordRef::new(k, doc - base));
            }
            base += n;
        }
        None
    }

    /// Segment `i`'s folded text as a range of the haystack (without its
    /// trailing `0`).
    pub(crate) fn segment_range(&self, i: usize) -> Option<(usize, usize)> {
        self.segment_view()
            .text_range(i, self.section(Section::Text).len())
    }

    /// The strict region of the search text: where its strict fields end
    /// (`Text` bytes) and how many segments they are. Every field best
    /// match alone searches ([`Field::is_extra`]) comes after.
    pub(crate) fn strict_region(&self) -> (usize, usize) {
        (self.strict.0 as usize, self.strict.1 as usize)
    }

    pub(crate) fn segment_count(&self) -> usize {
        self.segment_view().len()
    }

    pub(crate) fn dates_table(&self) -> &'a [u8] {
        self.section(Section::Dates)
    }

    pub(crate) fn search_text(&self) -> &'a [u8] {
        self.section(Section::Text)
    }

    /// The original string of a segment's field.
    #[inline]
    pub fn field_text(&self, seg: &Segment) -> Option<Text<'a>> {
        self.text_at(seg.field, seg.record, seg.item)
    }

    /// The original string of `field` (item `item` of a list field, else 0)
    /// of record `record` of the field's kind: what a [`Segment`] or a
    /// [`Hit`](crate::Hit) names, without building one.
    pub fn text_at(&self, field: Field, record: u32, item: u8) -> Option<Text<'a>> {
        let r = record;
        let item = item as usize;
        Some(match field {
            Field::SourceOutlet => self.source(r)?.outlet,
            Field::SourceHeadline => self.source(r)?.headline,
            Field::EntityName => self.entity(r)?.name,
            Field::EntityAlias => self.entity(r)?.aliases.get(item)?,
            Field::QuoteSpeaker => self.entity(self.quote(r)?.speaker)?.name,
            Field::QuoteText => self.quote(r)?.text,
            Field::QuoteVariant => self.quote(r)?.variants.get(item)?.text,
            Field::EventTitle => self.event(r)?.title,
            Field::EventSummary => self.event(r)?.summary,
            Field::FigurePhrasing => self.figure(r)?.phrasings.get(item)?.text,
            Field::DiscrepancyTitle => self.discrepancy(r)?.title,
            Field::DiscrepancyDescription => self.discrepancy(r)?.description,
            Field::SourceNotes => self.source(r)?.notes,
            Field::SourceDateNote => self.source(r)?.published?.note,
            Field::EntityRole => self.entity(r)?.roles.get(item)?,
            Field::EntityNotes => self.entity(r)?.notes,
            Field::QuoteContext => self.quote(r)?.context,
            Field::QuoteDateNote => self.quote(r)?.dating?.note,
            Field::EventDateNote => self.event(r)?.dating?.note,
            Field::FigureRefersTo => self.figure(r)?.refers_to,
            Field::FigureDateNote => self.figure(r)?.dating?.note,
            Field::DiscrepancySide => self.discrepancy(r)?.sides.get(item)?.claim,
            Field::SourceKeyword => self.source(r)?.keywords.get(item)?,
            Field::EntityKeyword => self.entity(r)?.keywords.get(item)?,
            Field::QuoteKeyword => self.quote(r)?.keywords.get(item)?,
            Field::EventKeyword => self.event(r)?.keywords.get(item)?,
            Field::FigureKeyword => self.figure(r)?.keywords.get(item)?,
            Field::DiscrepancyKeyword => self.discrepancy(r)?.keywords.get(item)?,
        })
    }

    /// The quotes spoken by entity `speaker`, in index order.
    pub fn quotes_by(&self, speaker: u32) -> impl Iterator<Item = (u32, Quote<'a>)> + 'a {
        let this = *self;
        (0..self.count(Kind::Quote) as u32)
            .filter_map(move |i| Some((i, this.quote(i)?)))
            .filter(move |(_, q)| q.speaker == speaker)
    }

    /// Every dated quote and event in chronological order (ties by kind,
    /// then index): the timeline.
    pub fn timeline(&self) -> impl Iterator<Item = (RecordRef, Date)> + 'a {
        let this = *self;
        let table = self.section(Section::Timeline);
        (0..table.len() / REF_LEN).filter_map(move |i| {
            let r = this.ref_at(table, i)?;
            Some((r, this.date_of(r)?))
        })
    }

    /// The dated quotes and events whose date overlaps `from..=to`, in
    /// chronological order. A date of month or year precision overlaps every
    /// day it may mean (`2025-01` is in `2025-01-20..=2025-01-25`).
    pub fn in_range(&self, from: Date, to: Date) -> impl Iterator<Item = (RecordRef, Date)> + 'a {
        let (from, to) = (from.first_day(), to.last_day());
        self.timeline()
            .skip_while(move |(_, d)| d.year < from.year)
            .take_while(move |(_, d)| d.first_day() <= to)
            .filter(move |(_, d)| d.last_day() >= from)
    }

    /// The first quote of the reply chain `quote` belongs to.
    pub fn thread_root(&self, quote: u32) -> Option<u32> {
        let mut q = quote;
        for _ in 0..=MAX_THREAD_DEPTH {
            match self.quote(q)?.reply_to {
                Some(parent) => q = parent,
                None => return Some(q),
            }
        }
        None
    }

    /// The reply thread around `quote`: its root and every reply under it,
    /// depth first (replies in index order), each with its depth (root = 0).
    pub fn thread(&self, quote: u32) -> Thread<'a> {
        Thread {
            corpus: *self,
            next: self.thread_root(quote).map(|r| (r, 0)),
        }
    }

    /// A quote chosen deterministically from `seed` (e.g. days since an
    /// epoch): the same seed always gives the same quote for the same corpus.
    pub fn quote_of_the_day(&self, seed: u64) -> Option<u32> {
        let n = self.count(Kind::Quote) as u64;
        if n == 0 {
            return None;
        }
        // SplitMix64 finaliser: spreads consecutive seeds over the quotes.
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        Some((z % n) as u32)
    }

    /// The sources a record cites (a source cites itself).
    pub fn sources_of(&self, r: RecordRef) -> impl Iterator<Item = u32> + 'a {
        let (own, list) = match (r.kind, self.record(r)) {
            (Kind::Source, Some(_)) => (Some(r.index), None),
            (_, Some(rec)) => (None, rec.sources()),
            (_, None) => (None, None),
        };
        own.into_iter()
            .chain(list.into_iter().flat_map(|p| p.iter()))
    }

    pub(super) fn first_child(&self, parent: u32, after: Option<u32>) -> Option<u32> {
        let start = after.map_or(0, |a| a as usize + 1);
        (start..self.count(Kind::Quote))
            .map(|i| i as u32)
            .find(|&i| self.quote(i).and_then(|q| q.reply_to) == Some(parent))
    }
}

/// Iterator over a reply thread: `(quote index, depth)`, depth first.
#[derive(Clone, Debug)]
pub struct Thread<'a> {
    corpus: Corpus<'a>,
    next: Option<(u32, usize)>,
}

impl Iterator for Thread<'_> {
    type Item = (u32, usize);
    fn next(&mut self) -> Option<(u32, usize)> {
        let (cur, depth) = self.next?;
        let c = &self.corpus;
        // Pre-order successor: first child, else the next sibling of the
        // nearest ancestor (or self) that has one. Needs no stack.
        self.next = match c.first_child(cur, None) {
            Some(child) if depth < MAX_THREAD_DEPTH => Some((child, depth + 1)),
            _ => {
                let (mut node, mut d) = (cur, depth);
                loop {
                    if d == 0 {
                        break None;
                    }
                    let parent = match c.quote(node).and_then(|q| q.reply_to) {
                        Some(p) => p,
                        None => break None,
                    };
                    if let Some(sib) = c.first_child(parent, Some(node)) {
                        break Some((sib, d));
                    }
                    node = parent;
                    d -= 1;
                }
            }
        };
        Some((cur, depth))
    }
}
