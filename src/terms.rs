//! The term index: every search term (the stem of a word, see
//! [`crate::tokens`]) with the records containing it, each with a one-byte
//! BM25F impact ([`crate::impact`]) and which of the term's forms it holds.
//!
//! This is what best-match search runs on: a query word becomes a term, the
//! term's postings list the records in order, and a cursor per term walks
//! them document-at-a-time ([`crate::best`]). Exact spellings stay visible
//! through the forms byte (`lawsuits` ranks above `lawsuit` for the query
//! `lawsuits`), and the forms list is the vocabulary typo correction and
//! prefixes search. The layout is specified in [`crate::format`]; the
//! compiler builds it; `TermIndex::check` validates it against the text,
//! after which nothing here can fail.

use crate::error::Error;
use crate::format::{
    decode_varint, form_bit, Field, Section, SegmentTable, TermEntry, FIELD_COUNT, TERM_LEN,
};
use crate::impact::{self, FieldLength};
use crate::tokens;

/// A view of a blob's term index.
#[derive(Clone, Copy, Debug)]
pub struct TermIndex<'a> {
    entries: &'a [u8],
    text: &'a [u8],
    postings: &'a [u8],
}

/// One record in a term's postings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    /// The record's global index (kinds in blob order, then index).
    pub doc: u32,
    /// The record's BM25F impact for the term, 1 to 255.
    pub impact: u8,
    /// Which of the term's forms the record holds ([`form_bit`]).
    pub forms: u8,
}

/// A position in one term's postings, for walking them in record order.
#[derive(Clone, Copy, Debug)]
pub struct Cursor {
    pos: u32,
    end: u32,
    multi: bool,
    /// No posting read yet (the first varint is a record, not a delta).
    fresh: bool,
    /// The current posting; `doc` is `u32::MAX` once exhausted.
    pub cur: Posting,
}

impl Cursor {
    /// An exhausted cursor.
    pub const DONE: Cursor = Cursor {
        pos: 0,
        end: 0,
        multi: false,
        fresh: false,
        cur: Posting {
            doc: u32::MAX,
            impact: 0,
            forms: 0,
        },
    };

    /// Moves to the next posting.
    pub fn next(&mut self, ix: &TermIndex<'_>) {
        let prev = self.cur.doc;
        match ix.read(self.pos, self.end, self.multi) {
            Some((delta, impact, forms, next)) => {
                self.pos = next;
                let doc = if self.fresh {
                    delta
                } else {
                    prev.saturating_add(delta)
                };
                self.fresh = false;
                self.cur = Posting { doc, impact, forms };
            }
            None => self.cur.doc = u32::MAX,
        }
    }

    /// Moves to the first posting at or after record `doc`.
    pub fn advance_to(&mut self, ix: &TermIndex<'_>, doc: u32) {
        while self.cur.doc < doc {
            self.next(ix);
        }
    }
}

/// Iterator over one term's postings.
#[derive(Clone, Debug)]
pub struct Postings<'a> {
    ix: TermIndex<'a>,
    cursor: Cursor,
}

impl Iterator for Postings<'_> {
    type Item = Posting;
    fn next(&mut self) -> Option<Posting> {
        let p = self.cursor.cur;
        if p.doc == u32::MAX {
            return None;
        }
        self.cursor.next(&self.ix);
        Some(p)
    }
}

/// The segment table as term validation reads it: each searchable field's
/// text range in the haystack, its field and its record's global index.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SegTable<'a> {
    segs: SegmentTable<'a>,
    text_len: usize,
    bases: [u32; 6],
    /// Where the best-match-only fields start (`Corpus::strict_region`).
    split: usize,
}

impl<'a> SegTable<'a> {
    /// The view of `raw` (the `Segments` section) over a haystack of
    /// `text_len` bytes; `bases` are the global indexes of each kind's first
    /// record.
    pub(crate) fn new(raw: &'a [u8], text_len: usize, bases: [u32; 6], split: usize) -> Self {
        SegTable {
            segs: SegmentTable::new_unchecked(raw),
            text_len,
            bases,
            split,
        }
    }

    /// The first segment in `lo..hi` whose record is `doc` or later
    /// (galloping from `lo`, then bisecting; records increase in a region).
    fn first_of(&self, doc: u32, lo: usize, hi: usize) -> usize {
        let before = |s: usize| self.doc(s).is_some_and(|d| d < doc);
        let (mut lo, mut step) = (lo, 1usize);
        while lo + step < hi && before(lo + step) {
            lo += step;
            step *= 2;
        }
        let mut top = (lo + step).min(hi);
        if lo < hi && !before(lo) {
            return lo;
        }
        while lo < top {
            let mid = lo + (top - lo) / 2;
            if before(mid) {
                lo = mid + 1;
            } else {
                top = mid;
            }
        }
        lo
    }

    fn len(&self) -> usize {
        self.segs.len()
    }

    /// Segment `i`: text range (without its trailing 0), field, record.
    #[inline]
    fn get(&self, i: usize) -> Option<(usize, usize, Field, u32)> {
        let seg = self.segs.get(i)?;
        let next = if i + 1 < self.len() {
            self.segs.start(i + 1)? as usize
        } else {
            self.text_len
        };
        let doc = self
            .bases
            .get(seg.field.kind() as usize)?
            .checked_add(seg.record)?;
        Some((seg.start as usize, next.checked_sub(1)?, seg.field, doc))
    }

    /// The global record index of segment `i`.
    #[inline]
    fn doc(&self, i: usize) -> Option<u32> {
        self.bases
            .get(self.segs.field(i)?.kind() as usize)?
            .checked_add(self.segs.record(i)?)
    }
}

/// A `memmem` finder for a form. Out of line, so its internal invariant
/// checks stay inside memchr's own frames (see ci/panic-free/allowed.txt).
#[inline(never)]
fn finder_of(form: &[u8]) -> memchr::memmem::Finder<'_> {
    memchr::memmem::Finder::new(form)
}

/// What a record's runs of segments add up to for one term.
struct Acc {
    mask: u8,
    best: [u64; FIELD_COUNT],
    occ: u64,
}

/// The forms of one term, gathered once for checking its postings.
type FormList<'a> = heapless::Vec<&'a [u8], 16>;
/// How many of a term's forms get a prebuilt `memmem` finder in validation.
const FINDERS: usize = 4;

/// The NUL-terminated string at `off` of `text`, and the offset after it.
fn string_at(text: &[u8], off: usize) -> Option<(&[u8], usize)> {
    let rest = text.get(off..)?;
    let n = memchr::memchr(0, rest)?;
    Some((rest.get(..n)?, off + n + 1))
}

impl<'a> TermIndex<'a> {
    pub(crate) fn new(entries: &'a [u8], text: &'a [u8], postings: &'a [u8]) -> Self {
        TermIndex {
            entries,
            text,
            postings,
        }
    }

    /// The number of distinct terms.
    pub fn len(&self) -> usize {
        self.entries.len() / TERM_LEN
    }

    /// Whether there are no terms (an empty corpus).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The size of the three sections in bytes.
    pub fn size(&self) -> usize {
        self.entries.len() + self.text.len() + self.postings.len()
    }

    pub(crate) fn entry(&self, i: usize) -> Option<TermEntry> {
        let b = self.entries.get(i * TERM_LEN..i * TERM_LEN + TERM_LEN)?;
        let mut a = [0u8; TERM_LEN];
        a.copy_from_slice(b);
        TermEntry::decode(a)
    }

    /// Term `i`; empty past the end.
    pub fn term(&self, i: usize) -> &'a [u8] {
        self.entry(i)
            .and_then(|e| string_at(self.text, e.text as usize))
            .map_or(&[], |(s, _)| s)
    }

    /// The forms of term `i` (the tokens as they stand in the text that have
    /// this term), sorted.
    pub fn forms(&self, i: usize) -> impl Iterator<Item = &'a [u8]> + 'a {
        let e = self.entry(i);
        let text = self.text;
        let mut pos = e
            .and_then(|e| string_at(text, e.text as usize))
            .map(|(_, p)| p);
        let mut left = e.map_or(0, |e| e.forms as usize);
        core::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            left -= 1;
            let (s, next) = string_at(text, pos?)?;
            pos = Some(next);
            Some(s)
        })
    }

    /// How many records contain term `i`.
    pub fn df(&self, i: usize) -> u32 {
        self.entry(i).map_or(0, |e| e.df)
    }

    /// The largest impact among term `i`'s records.
    pub fn max_impact(&self, i: usize) -> u8 {
        self.entry(i).map_or(0, |e| e.max_impact)
    }

    /// Compares term `i` with `key` without measuring it first: byte by
    /// byte up to its NUL.
    fn cmp_term(&self, i: usize, key: &[u8]) -> core::cmp::Ordering {
        let off = self.entry(i).map_or(usize::MAX, |e| e.text as usize);
        let stored = self.text.get(off..).unwrap_or(&[]);
        for (j, &k) in key.iter().enumerate() {
            match stored.get(j).copied().unwrap_or(0) {
                0 => return core::cmp::Ordering::Less,
                b if b != k => return b.cmp(&k),
                _ => {}
            }
        }
        if stored.get(key.len()).copied().unwrap_or(0) == 0 {
            core::cmp::Ordering::Equal
        } else {
            core::cmp::Ordering::Greater
        }
    }

    /// The index of `term`, if some record contains it.
    pub fn find(&self, term: &[u8]) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.cmp_term(mid, term) {
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
                core::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The position of `form` among term `i`'s forms.
    pub fn form_index(&self, i: usize, form: &[u8]) -> Option<usize> {
        self.forms(i).position(|f| f == form)
    }

    fn span(&self, i: usize) -> (u32, u32) {
        let start = match i.checked_sub(1) {
            Some(p) => self.entry(p).map_or(0, |e| e.postings_end),
            None => 0,
        };
        let end = self.entry(i).map_or(start, |e| e.postings_end);
        (start, end.max(start))
    }

    /// Decodes the posting at `pos`: doc delta, impact, forms, next offset.
    fn read(&self, pos: u32, end: u32, multi: bool) -> Option<(u32, u8, u8, u32)> {
        let b = self.postings.get(pos as usize..end as usize)?;
        let (delta, n) = decode_varint(b)?;
        let impact = *b.get(n)?;
        let (forms, len) = if multi {
            (*b.get(n + 1)?, n + 2)
        } else {
            (1, n + 1)
        };
        Some((delta, impact, forms, pos + len as u32))
    }

    /// A cursor on term `i`'s first posting.
    pub fn cursor(&self, i: usize) -> Cursor {
        let (pos, end) = self.span(i);
        let multi = self.entry(i).is_some_and(|e| e.forms > 1);
        let mut c = Cursor {
            pos,
            end,
            multi,
            fresh: true,
            cur: Posting {
                doc: 0,
                impact: 0,
                forms: 0,
            },
        };
        c.next(self);
        c
    }

    /// Term `i`'s postings, in record order.
    pub fn postings(&self, i: usize) -> Postings<'a> {
        Postings {
            ix: *self,
            cursor: self.cursor(i),
        }
    }

    /// Checks the index against the search text it indexes: terms sorted and
    /// distinct, each with its forms sorted, distinct, whole tokens whose
    /// term it is; strings and postings tiling their sections; every posting
    /// in shortest form, in record order, naming a record where the term
    /// occurs, with exactly the impact and forms that record gives; and every
    /// token of the text counted in some posting, so none is missing.
    ///
    /// `docs` is the number of records and `segs` the segment table (fields
    /// in record order, checked already against the text).
    pub(crate) fn check(&self, hay: &[u8], docs: u32, segs: &SegTable<'_>) -> Result<(), Error> {
        let segments = segs.len();
        let segment = |i: usize| segs.get(i);
        let bad = |section, offset| Error::BadIndex { section, offset };
        let (e_sec, t_sec, p_sec) = (Section::Terms, Section::TermText, Section::TermPostings);
        if !self.entries.len().is_multiple_of(TERM_LEN) {
            return Err(bad(e_sec, self.entries.len()));
        }
        // Field lengths, and every token of the text.
        let mut lens = [FieldLength::default(); FIELD_COUNT];
        let mut tokens_total = 0u64;
        for s in 0..segments {
            let (a, b, field, _) = segment(s).ok_or(bad(Section::Segments, s))?;
            if let Some(l) = lens.get_mut(field as usize) {
                l.bytes += b.saturating_sub(a) as u64;
                l.segments += 1;
            }
            tokens_total += tokens::count(hay.get(a..b).unwrap_or(&[])) as u64;
        }
        let mut counted = 0u64;
        let mut text_pos = 0usize;
        let mut post_pos = 0u32;
        for i in 0..self.len() {
            let at = i * TERM_LEN;
            let e = self.entry(i).ok_or(bad(e_sec, at))?;
            if e.text as usize != text_pos || e.forms == 0 {
                return Err(bad(e_sec, at));
            }
            let (term, mut next) = string_at(self.text, text_pos).ok_or(bad(t_sec, text_pos))?;
            if term.is_empty() || (i > 0 && self.term(i - 1) >= term) {
                return Err(bad(e_sec, at));
            }
            let mut prev_form: Option<&[u8]> = None;
            let mut form_list: FormList<'_> = heapless::Vec::new();
            let mut overflow = false;
            for _ in 0..e.forms {
                let (form, after) = string_at(self.text, next).ok_or(bad(t_sec, next))?;
                let whole = tokens::starts_at(form, 0) && tokens::end_from(form, 0) == form.len();
                if !whole
                    || prev_form.is_some_and(|p| p >= form)
                    || tokens::term(form).as_bytes() != term
                {
                    return Err(bad(t_sec, next));
                }
                prev_form = Some(form);
                overflow |= form_list.push(form).is_err();
                next = after;
            }
            text_pos = next;
            // Postings.
            if e.postings_end <= post_pos || e.postings_end as usize > self.postings.len() {
                return Err(bad(e_sec, at + 4));
            }
            // Finders for the first forms, built once per term.
            let mut finders: heapless::Vec<memchr::memmem::Finder<'_>, FINDERS> =
                heapless::Vec::new();
            for f in form_list.iter().take(FINDERS) {
                let _ = finders.push(finder_of(f));
            }
            let multi = e.forms > 1;
            let allowed = (0..e.forms as usize).fold(0u8, |m, f| m | form_bit(f));
            let (mut pos, mut prev, mut df, mut max) = (post_pos, None::<u32>, 0u32, 0u8);
            let mut hints = [0usize, segs.split];
            while pos < e.postings_end {
                let (delta, imp, forms, after) = self
                    .read(pos, e.postings_end, multi)
                    .ok_or(bad(p_sec, pos as usize))?;
                let doc = match prev {
                    None => delta,
                    Some(p) if delta > 0 => p.checked_add(delta).ok_or(bad(p_sec, pos as usize))?,
                    Some(_) => return Err(bad(p_sec, pos as usize)),
                };
                if doc >= docs || imp == 0 || forms == 0 || forms & !allowed != 0 {
                    return Err(bad(p_sec, pos as usize));
                }
                // Forms gathered once per term (read again if very many).
                let (got_imp, got_forms, occ) = if overflow {
                    self.recompute(
                        || self.forms(i),
                        &finders,
                        hay,
                        doc,
                        &lens,
                        segs,
                        &mut hints,
                    )
                } else {
                    let list = || form_list.iter().copied();
                    self.recompute(list, &finders, hay, doc, &lens, segs, &mut hints)
                };
                if occ == 0 || got_imp != imp || (multi && got_forms != forms) {
                    return Err(bad(p_sec, pos as usize));
                }
                counted += occ;
                df += 1;
                max = max.max(imp);
                prev = Some(doc);
                pos = after;
            }
            if df != e.df || max != e.max_impact {
                return Err(bad(e_sec, at + 8));
            }
            post_pos = e.postings_end;
        }
        if text_pos != self.text.len() {
            return Err(bad(t_sec, text_pos));
        }
        if post_pos as usize != self.postings.len() {
            return Err(bad(p_sec, post_pos as usize));
        }
        // Each token has exactly one form, each form one term: the postings
        // account for every token exactly when none is missing.
        if counted != tokens_total {
            return Err(bad(e_sec, self.entries.len()));
        }
        Ok(())
    }

    /// A term in record `doc`, from the text: its impact, forms byte and
    /// number of occurrences. `forms` gives the term's forms (in order);
    /// `hints` are segments at or before the record's first in each region
    /// (the previous posting's), moved to the record's first.
    #[allow(clippy::too_many_arguments)]
    fn recompute<'f, I: Iterator<Item = &'f [u8]>>(
        &self,
        forms: impl Fn() -> I,
        finders: &[memchr::memmem::Finder<'_>],
        hay: &[u8],
        doc: u32,
        lens: &[FieldLength; FIELD_COUNT],
        segs: &SegTable<'_>,
        hints: &mut [usize; 2],
    ) -> (u8, u8, u64) {
        let mut acc = Acc {
            mask: 0,
            best: [0u64; FIELD_COUNT],
            occ: 0,
        };
        // A record's fields lie in two runs: its strict fields, then its
        // best-match-only ones (see `Corpus::strict_region`).
        let regions = [(0, segs.split), (segs.split, segs.len())];
        for ((lo, hi), hint) in regions.into_iter().zip(hints.iter_mut()) {
            let first = segs.first_of(doc, (*hint).max(lo), hi);
            *hint = first;
            self.run(&forms, finders, hay, doc, lens, segs, first, hi, &mut acc);
        }
        (impact::saturate(acc.best.iter().sum()), acc.mask, acc.occ)
    }

    /// Counts the term's occurrences in one run of a record's segments,
    /// `first..` up to `end` or the record's last.
    #[allow(clippy::too_many_arguments)]
    fn run<'f, I: Iterator<Item = &'f [u8]>>(
        &self,
        forms: &impl Fn() -> I,
        finders: &[memchr::memmem::Finder<'_>],
        hay: &[u8],
        doc: u32,
        lens: &[FieldLength; FIELD_COUNT],
        segs: &SegTable<'_>,
        lo: usize,
        end: usize,
        acc: &mut Acc,
    ) {
        let of_doc = |s: usize| segs.get(s).filter(|x| s < end && x.3 == doc);
        // The run's segments are adjacent in the text: search each form
        // once over all of them (memmem), counting per segment.
        const SEGS: usize = 64;
        let mut tf = [0u32; SEGS];
        let mut n_segs = 0usize;
        let (mut first, mut last) = (usize::MAX, 0usize);
        while let Some((a, b, _, _)) = of_doc(lo + n_segs) {
            first = first.min(a);
            last = b;
            n_segs += 1;
        }
        if n_segs == 0 {
            return;
        }
        if n_segs <= SEGS {
            let range = hay.get(first..last).unwrap_or(&[]);
            for (fi, form) in forms().enumerate() {
                let mut si = 0usize;
                let mut seg_end = segs.get(lo).map_or(0, |x| x.1);
                let finder = finders.get(fi).filter(|f| f.needle() == form);
                let built;
                let finder = match finder {
                    Some(f) => f,
                    None => {
                        built = finder_of(form);
                        &built
                    }
                };
                // `find` in a loop rather than `find_iter`, like the strict
                // matcher, so no panic path of the iterator is linked in.
                let mut from = 0usize;
                while let Some(p) = range
                    .get(from..)
                    .and_then(|r| finder.find(r))
                    .map(|p| p + from)
                {
                    from = p + 1;
                    if !tokens::is_token_at(range, p, form) {
                        continue;
                    }
                    while first + p >= seg_end && si + 1 < n_segs {
                        si += 1;
                        seg_end = segs.get(lo + si).map_or(0, |x| x.1);
                    }
                    if let Some(t) = tf.get_mut(si) {
                        *t += 1;
                    }
                    acc.mask |= form_bit(fi);
                }
            }
            for (si, &n) in tf.iter().enumerate().take(n_segs) {
                if let (true, Some((a, b, field, _))) = (n > 0, segs.get(lo + si)) {
                    acc.occ += n as u64;
                    self.add(
                        &mut acc.best,
                        field,
                        n as u64,
                        hay.get(a..b).unwrap_or(&[]),
                        lens,
                    );
                }
            }
        } else {
            // A record with very many fields: one at a time.
            let mut s = lo;
            while let Some((a, b, field, _)) = of_doc(s) {
                let seg = hay.get(a..b).unwrap_or(&[]);
                let mut n = 0u64;
                for (fi, form) in forms().enumerate() {
                    let k = tokens::occurrences(seg, form) as u64;
                    if k > 0 {
                        acc.mask |= form_bit(fi);
                        n += k;
                    }
                }
                if n > 0 {
                    acc.occ += n;
                    self.add(&mut acc.best, field, n, seg, lens);
                }
                s += 1;
            }
        }
    }

    /// Adds `tf` occurrences in one segment to the per-group best.
    fn add(
        &self,
        best: &mut [u64; FIELD_COUNT],
        field: Field,
        tf: u64,
        seg: &[u8],
        lens: &[FieldLength; FIELD_COUNT],
    ) {
        let stats = lens.get(field as usize).copied().unwrap_or_default();
        let v = impact::pseudo_tf(field, tf, seg.len() as u64, stats);
        if let Some(g) = best.get_mut(impact::group(field) as usize) {
            *g = (*g).max(v);
        }
    }
}
