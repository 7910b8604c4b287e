//! Validation: everything [`Corpus::from_bytes`] checks after the header
//! ([`Header::decode`](crate::format::Header::decode)), so that no lookup
//! can fail afterwards: the record tables, every record (strings, lists,
//! references, reply chains), the date table, the search text and segment
//! table (re-folded from the records), the timeline, the key index, the
//! word and term indexes, the synonyms and the values.

use super::{u32_at, Corpus};
use crate::amounts::Values;
use crate::error::Error;
use crate::fold;
use crate::format::{Kind, RecordRef, Section, Segment, MAX_THREAD_DEPTH, REF_LEN, SEGMENT_LEN};
use crate::index::WordIndex;
use crate::records::{Date, Discrepancy, Entity, Event, Figure, Packed, Quote, Record, Source};
use crate::synonyms::Synonyms;
use serde::Deserialize;

impl<'a> Corpus<'a> {
    pub(super) fn validate(&self) -> Result<(), Error> {
        let mut counts = [0usize; 6];
        for (slot, kind) in counts.iter_mut().zip(Kind::ALL) {
            *slot = self.check_table(kind)?;
        }
        let [n_src, n_ent, n_quo, _n_evt, _n_fig, _n_dis] = counts;
        for kind in Kind::ALL {
            for i in 0..self.count(kind) as u32 {
                self.check_record(kind, i, n_src, n_ent, n_quo)?;
            }
        }
        self.check_dates()?;
        self.check_text()?;
        self.check_timeline()?;
        self.check_keys()?;
        self.check_words()?;
        self.check_terms()?;
        Synonyms::check(self.section(Section::Synonyms))?;
        Values::check(
            self.section(Section::Values),
            self.count(Kind::Figure),
            |i| self.figure(i).map(|f| f.value),
        )?;
        Ok(())
    }

    fn check_table(&self, kind: Kind) -> Result<usize, Error> {
        self.record_table(kind).check(kind)
    }

    fn check_record(
        &self,
        kind: Kind,
        i: u32,
        n_src: usize,
        n_ent: usize,
        n_quo: usize,
    ) -> Result<(), Error> {
        let bad = Error::BadRecord { kind, index: i };
        let bad_ref = Error::BadReference { kind, index: i };
        let bytes = self.record_bytes(kind, i).ok_or(bad)?;
        // Every string: UTF-8, no interior NUL (decoding checked the terminator).
        let mut texts_ok = true;
        let rec = self.record(RecordRef::new(kind, i)).ok_or(bad)?;
        if !rec.for_each_text(|t| texts_ok &= t.is_valid()) || !texts_ok {
            return Err(bad);
        }
        let ids_ok = |p: Packed<'a, u32>, n: usize| p.check() && p.iter().all(|x| (x as usize) < n);
        let sorted = |p: Packed<'a, u32>| {
            let mut prev: Option<u32> = None;
            p.iter().all(|x| {
                let ok = prev.is_none_or(|pr| pr < x);
                prev = Some(x);
                ok
            })
        };
        let contains = |p: Packed<'a, u32>, x: u32| p.iter().any(|y| y == x);
        fn exact<'b, T: Deserialize<'b>>(bytes: &'b [u8]) -> Option<T> {
            match postcard::take_from_bytes::<T>(bytes) {
                Ok((v, [])) => Some(v),
                _ => None,
            }
        }
        let dating_ok = |d: Option<crate::records::Dating<'a>>| {
            d.is_none_or(|d| Date::new(d.date.year, d.date.month, d.date.day).is_some())
        };
        match kind {
            Kind::Source => {
                let s: Source = exact(bytes).ok_or(bad)?;
                if s.key.is_empty() || !dating_ok(s.published) {
                    return Err(bad);
                }
            }
            Kind::Entity => {
                let e: Entity = exact(bytes).ok_or(bad)?;
                if e.key.is_empty() || !e.roles.check() || !e.aliases.check() {
                    return Err(bad);
                }
                if !ids_ok(e.sources, n_src) || !sorted(e.sources) {
                    return Err(bad_ref);
                }
            }
            Kind::Quote => {
                let q: Quote = exact(bytes).ok_or(bad)?;
                if q.key.is_empty() || !q.variants.check() || !dating_ok(q.dating) {
                    return Err(bad);
                }
                if (q.speaker as usize) >= n_ent
                    || !ids_ok(q.text_sources, n_src)
                    || !ids_ok(q.sources, n_src)
                    || !sorted(q.sources)
                {
                    return Err(bad_ref);
                }
                for v in q.variants.iter() {
                    if !ids_ok(v.sources, n_src)
                        || !v.sources.iter().all(|s| contains(q.sources, s))
                    {
                        return Err(bad_ref);
                    }
                }
                let covered = |s: u32| {
                    contains(q.text_sources, s) || q.variants.iter().any(|v| contains(v.sources, s))
                };
                if !q.text_sources.iter().all(|s| contains(q.sources, s))
                    || !q.sources.iter().all(covered)
                {
                    return Err(bad_ref);
                }
                // The reply chain must end within MAX_THREAD_DEPTH steps.
                let mut cur = q.reply_to;
                let mut steps = 0;
                while let Some(p) = cur {
                    steps += 1;
                    if (p as usize) >= n_quo || steps > MAX_THREAD_DEPTH {
                        return Err(bad_ref);
                    }
                    let parent_bytes = self.record_bytes(Kind::Quote, p).ok_or(bad_ref)?;
                    cur = exact::<Quote>(parent_bytes).ok_or(bad_ref)?.reply_to;
                }
            }
            Kind::Event => {
                let e: Event = exact(bytes).ok_or(bad)?;
                if e.key.is_empty() || !dating_ok(e.dating) {
                    return Err(bad);
                }
                if !ids_ok(e.participants, n_ent)
                    || !ids_ok(e.quotes, n_quo)
                    || !ids_ok(e.sources, n_src)
                    || !sorted(e.sources)
                {
                    return Err(bad_ref);
                }
            }
            Kind::Figure => {
                let f: Figure = exact(bytes).ok_or(bad)?;
                if f.key.is_empty() || !f.phrasings.check() || !dating_ok(f.dating) {
                    return Err(bad);
                }
                if !ids_ok(f.claimed_by, n_ent)
                    || !ids_ok(f.disputed_by, n_ent)
                    || !ids_ok(f.sources, n_src)
                    || !sorted(f.sources)
                    || !f.phrasings.iter().all(|p| contains(f.sources, p.source))
                    || !f
                        .sources
                        .iter()
                        .all(|s| f.phrasings.iter().any(|p| p.source == s))
                {
                    return Err(bad_ref);
                }
            }
            Kind::Discrepancy => {
                let d: Discrepancy = exact(bytes).ok_or(bad)?;
                if d.key.is_empty() || !d.sides.check() || !d.related.check() {
                    return Err(bad);
                }
                let link_ok = |l: crate::records::Link| {
                    Kind::from_u8(l.kind).is_some_and(|k| (l.index as usize) < self.count(k))
                };
                if !ids_ok(d.sources, n_src)
                    || !sorted(d.sources)
                    || !d.related.iter().all(link_ok)
                    || !d.sides.iter().all(|s| contains(d.sources, s.source))
                    || !d
                        .sources
                        .iter()
                        .all(|s| d.sides.iter().any(|x| x.source == s))
                {
                    return Err(bad_ref);
                }
            }
        }
        Ok(())
    }

    fn check_dates(&self) -> Result<(), Error> {
        let table = self.section(Section::Dates);
        let bad = bad_index(Section::Dates);
        if table.len() != 4 * self.total_records() {
            return Err(bad(0));
        }
        let mut g = 0;
        for kind in Kind::ALL {
            for i in 0..self.count(kind) as u32 {
                let want = self
                    .record(RecordRef::new(kind, i))
                    .and_then(|r| r.dating())
                    .map_or(0, |d| d.date.pack());
                if u32_at(table, 4 * g) != Some(want) {
                    return Err(bad(4 * g));
                }
                g += 1;
            }
        }
        Ok(())
    }

    /// Re-folds every searchable field and compares it with the haystack
    /// and the segment table, so search can never report a wrong field.
    fn check_text(&self) -> Result<(), Error> {
        let text = self.section(Section::Text);
        let seg_table = self.segment_view();
        seg_table.check()?;
        let mut pos = 0usize;
        let mut seg_i = 0usize;
        let mut err: Option<Error> = None;
        // The strict fields of every record, then the best-match-only ones.
        for extra in [false, true] {
            for kind in Kind::ALL {
                for i in 0..self.count(kind) as u32 {
                    let rec = self
                        .record(RecordRef::new(kind, i))
                        .ok_or(Error::BadRecord { kind, index: i })?;
                    let speaker = match &rec {
                        Record::Quote(q) => self.entity(q.speaker).map_or("", |e| e.name.as_str()),
                        _ => "",
                    };
                    crate::records::for_each_field(&rec, speaker, |field, item, s| {
                        if err.is_some() || field.is_extra() != extra {
                            return;
                        }
                        let start = pos;
                        let mut ok = true;
                        // As `fold::keeps_offsets`, in the same walk.
                        let mut plain = true;
                        fold::walk(s, |b, os, oe| {
                            ok &= text.get(pos) == Some(&b);
                            plain &= os == pos - start && oe == os + 1;
                            pos += 1;
                        });
                        if pos == start {
                            return; // empty fields have no segment
                        }
                        let want = Segment {
                            start: start as u32,
                            record: i,
                            field,
                            item,
                            plain: plain && pos - start == s.len(),
                        };
                        if !ok || text.get(pos) != Some(&0) {
                            err = Some(Error::BadIndex {
                                section: Section::Text,
                                offset: start,
                            });
                        } else if self.segment_at(seg_i) != Some(want) {
                            err = Some(Error::BadIndex {
                                section: Section::Segments,
                                offset: seg_i * SEGMENT_LEN,
                            });
                        }
                        pos += 1;
                        seg_i += 1;
                    });
                    if let Some(e) = err {
                        return Err(e);
                    }
                }
            }
        }
        if pos != text.len() {
            return Err(Error::BadIndex {
                section: Section::Text,
                offset: pos,
            });
        }
        if seg_i != seg_table.len() {
            return Err(Error::BadIndex {
                section: Section::Segments,
                offset: seg_i * SEGMENT_LEN,
            });
        }
        Ok(())
    }

    fn check_timeline(&self) -> Result<(), Error> {
        let table = self.section(Section::Timeline);
        let bad = bad_index(Section::Timeline);
        if !table.len().is_multiple_of(REF_LEN) {
            return Err(bad(table.len()));
        }
        let mut prev: Option<(u32, RecordRef)> = None;
        let n = table.len() / REF_LEN;
        for i in 0..n {
            let r = self.ref_at(table, i).ok_or(bad(i * REF_LEN))?;
            if !matches!(r.kind, Kind::Quote | Kind::Event) {
                return Err(bad(i * REF_LEN));
            }
            let d = self.date_of(r).ok_or(bad(i * REF_LEN))?.pack();
            if prev.is_some_and(|p| p >= (d, r)) {
                return Err(bad(i * REF_LEN));
            }
            prev = Some((d, r));
        }
        let dated = [Kind::Quote, Kind::Event]
            .iter()
            .flat_map(|&k| (0..self.count(k) as u32).map(move |i| RecordRef::new(k, i)))
            .filter(|&r| self.date_of(r).is_some())
            .count();
        if dated != n {
            return Err(bad(0));
        }
        Ok(())
    }

    fn check_keys(&self) -> Result<(), Error> {
        let table = self.section(Section::Keys);
        let bad = bad_index(Section::Keys);
        if table.len() != REF_LEN * self.total_records() {
            return Err(bad(0));
        }
        let mut prev: Option<&[u8]> = None;
        for i in 0..table.len() / REF_LEN {
            let r = self.ref_at(table, i).ok_or(bad(i * REF_LEN))?;
            let key = self.key(r).ok_or(bad(i * REF_LEN))?.as_str().as_bytes();
            if prev.is_some_and(|p| p >= key) {
                return Err(bad(i * REF_LEN));
            }
            prev = Some(key);
        }
        Ok(())
    }

    /// Checks the optional word index against the text (after `check_text`).
    fn check_words(&self) -> Result<(), Error> {
        let (text_end, segments) = self.find_strict_region();
        WordIndex::check(
            self.section(Section::Words),
            self.section(Section::Postings),
            self.section(Section::Text).get(..text_end).unwrap_or(&[]),
            segments,
            |i| self.segment_range(i),
        )
    }

    /// Checks the term index against the text (after `check_text`).
    fn check_terms(&self) -> Result<(), Error> {
        let bases = Kind::ALL.map(|k| self.kind_base(k));
        let text = self.section(Section::Text);
        let (_, split) = self.find_strict_region();
        let segs =
            crate::terms::SegTable::new(self.section(Section::Segments), text.len(), bases, split);
        self.term_index()
            .check(text, self.total_records() as u32, &segs)
    }

    /// Finds the strict region in the segment table (see `strict_region`).
    pub(super) fn find_strict_region(&self) -> (usize, usize) {
        let n = self.segment_count();
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.segment_at(mid).is_some_and(|s| !s.field.is_extra()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let end = match self.segment_at(lo) {
            Some(s) => s.start as usize,
            None => self.section(Section::Text).len(),
        };
        (end, lo)
    }
}

/// The error for a bad entry of `section`'s table, at a byte offset.
fn bad_index(section: Section) -> impl Fn(usize) -> Error {
    move |offset| Error::BadIndex { section, offset }
}
