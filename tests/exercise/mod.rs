//! Drives every public accessor of a validated corpus and checks the promises
//! validation makes: after `Corpus::from_bytes` succeeds, every record in
//! range decodes, every list is well formed, every reference resolves, every
//! index agrees with the records, and nothing panics.
//!
//! Shared by `tests/corruption.rs` (corrupted blobs that validation accepted)
//! and the fuzz targets under `fuzz/` (which include this file by path), so a
//! blob the fuzzer finds and a blob the tests build are held to the same
//! checks.

#![allow(dead_code)]

use feudfacts::format::{Field, MAX_THREAD_DEPTH};
use feudfacts::{
    translit, translit_into, wrap, write_line, Charset, Corpus, Date, Filter, Hit, Kind, KindSet,
    Mode, Query, Record, RecordRef,
};

/// Bytes to derive extra inputs from, cycling.
pub struct Feed<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Whether to search for every record by its own words (a scan of the
    /// haystack per record); fuzz targets turn it off for speed and check a
    /// sample instead.
    pub every_record_search: bool,
}

impl<'a> Feed<'a> {
    pub fn new(bytes: &'a [u8]) -> Feed<'a> {
        Feed {
            bytes,
            pos: 0,
            every_record_search: true,
        }
    }
    pub fn byte(&mut self) -> u8 {
        if self.bytes.is_empty() {
            return 0;
        }
        let b = self.bytes[self.pos % self.bytes.len()];
        self.pos += 1;
        b
    }
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    /// An index: usually small, sometimes past the 16-bit range.
    pub fn index(&mut self) -> u32 {
        let lo = self.u16() as u32;
        if self.byte() & 7 == 0 {
            lo | (self.byte() as u32) << 16
        } else {
            lo
        }
    }
    pub fn u64(&mut self) -> u64 {
        let mut v = [0u8; 8];
        for b in &mut v {
            *b = self.byte();
        }
        u64::from_le_bytes(v)
    }
    /// Up to `max` bytes of the feed.
    pub fn slice(&mut self, max: usize) -> &'a [u8] {
        let start = self.pos.min(self.bytes.len());
        let n = (self.byte() as usize % (max + 1)).min(self.bytes.len() - start);
        self.pos = start + n;
        &self.bytes[start..start + n]
    }
    pub fn date(&mut self) -> Option<Date> {
        let y = 2000 + (self.byte() as u16 % 40);
        Date::new(y, self.byte() % 13, self.byte() % 32)
    }
}

/// A short, deterministic, valid query drawn from a record's text, so the
/// search code runs on terms the corpus really contains.
fn word_of(text: &str, pick: u8) -> Option<&str> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(words[pick as usize % words.len()])
}

/// Every accessor on every record, with the invariants validation promises.
pub fn exercise(c: &Corpus<'_>, feed: &mut Feed<'_>) {
    let stats = c.stats();
    let mut total = 0;
    for (i, k) in Kind::ALL.iter().enumerate() {
        assert_eq!(stats.counts[i], c.count(*k));
        total += c.count(*k);
    }
    assert_eq!(total, c.total_records());
    assert_eq!(stats.blob_bytes, c.as_bytes().len());

    let n_src = c.count(Kind::Source);
    let n_ent = c.count(Kind::Entity);
    let n_quo = c.count(Kind::Quote);
    let mut line = [0u8; 4096];
    let mut dated_timeline_kinds = 0;

    for kind in Kind::ALL {
        let n = c.count(kind);
        assert!(n <= feudfacts::format::MAX_RECORDS as usize);
        assert!(c.record(RecordRef::new(kind, n as u32)).is_none());
        assert_eq!(c.records(kind).count(), n);
        for i in 0..n as u32 {
            let r = RecordRef::new(kind, i);
            let rec = c.record(r).expect("validated record decodes");
            let key = c.key(r).expect("validated record has a key");
            assert_eq!(key, rec.key());
            assert!(!key.is_empty());
            assert_eq!(key.as_bytes_with_nul().last(), Some(&0));
            assert_eq!(c.find_key(key.as_str()), Some(r), "key index finds {r:?}");
            assert_eq!(c.date_of(r), rec.dating().map(|d| d.date));
            if matches!(kind, Kind::Quote | Kind::Event) && c.date_of(r).is_some() {
                dated_timeline_kinds += 1;
            }
            for s in c.sources_of(r) {
                assert!((s as usize) < n_src);
            }
            if let Some(list) = rec.sources() {
                assert_eq!(list.len(), list.iter().count());
            }

            // One line, complete and then truncated at every small size.
            let need = write_line(c, r, &mut line).expect("record exists");
            if need <= line.len() {
                let full = std::str::from_utf8(&line[..need]).expect("write_line writes UTF-8");
                let full = full.to_owned();
                let cut = feed.byte() as usize % (need + 1);
                let mut small = vec![0u8; cut];
                assert_eq!(write_line(c, r, &mut small), Some(need));
                let written = small
                    .iter()
                    .zip(full.as_bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                // Whole characters only: what was written is a char-boundary prefix.
                assert!(full.is_char_boundary(written.min(full.len())));
                let mut ascii = [0u8; 8192];
                let n = translit_into(&full, Charset::Ascii, &mut ascii);
                if n <= ascii.len() {
                    let s = std::str::from_utf8(&ascii[..n]).expect("translit writes UTF-8");
                    assert!(s.chars().all(|ch| ch == '\n' || (' '..='~').contains(&ch)));
                    for l in wrap(s, 1 + feed.byte() as usize % 40) {
                        assert!(!l.contains('\n'));
                    }
                }
            }

            check_record(c, r, &rec, n_src, n_ent, n_quo);

            // The record's own words find it.
            // (Only indexed fields: see `feudfacts::format::Field`.)
            let text = match &rec {
                Record::Entity(e) => Some(e.name.as_str()),
                Record::Quote(q) => Some(q.text.as_str()),
                Record::Event(e) => Some(e.title.as_str()),
                Record::Discrepancy(d) => Some(d.title.as_str()),
                Record::Figure(f) => f.phrasings.iter().next().map(|p| p.text.as_str()),
                Record::Source(s) => Some(s.headline.as_str()),
            };
            let sample = feed.every_record_search || feed.byte().is_multiple_of(16);
            if let Some(w) = text
                .filter(|_| sample)
                .and_then(|t| word_of(t, feed.byte()))
            {
                if let Ok(q) = Query::parse(w) {
                    let filter = Filter {
                        kinds: KindSet::only(kind),
                        ..Filter::NONE
                    };
                    let found = c
                        .matches(&q, &filter)
                        .is_ok_and(|mut m| m.any(|h| h.record == r));
                    assert!(found, "{w:?} does not find {r:?}");
                }
            }
        }
    }

    // Timeline: chronological, all dated quotes and events, each once.
    let mut prev: Option<Date> = None;
    let mut n = 0;
    for (r, d) in c.timeline() {
        assert!(matches!(r.kind, Kind::Quote | Kind::Event));
        assert_eq!(c.date_of(r), Some(d));
        if let Some(p) = prev {
            assert!(p <= d, "timeline out of order: {p} then {d}");
        }
        prev = Some(d);
        n += 1;
    }
    assert_eq!(n, dated_timeline_kinds);
    if let (Some(a), Some(b)) = (feed.date(), feed.date()) {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        for (r, d) in c.in_range(from, to) {
            assert!(c.date_of(r) == Some(d));
            assert!(d.last_day() >= from.first_day() && d.first_day() <= to.last_day());
        }
    }

    // Entities by name and alias, quotes by speaker.
    for e in 0..n_ent as u32 {
        let ent = c.entity(e).expect("entity");
        if let Some(found) = c.entity_by_name(ent.name.as_str()) {
            assert!((found as usize) < n_ent);
        }
        for a in ent.aliases.iter() {
            if let Some(found) = c.entity_by_name(a.as_str()) {
                assert!((found as usize) < n_ent);
            }
        }
        for (qi, q) in c.quotes_by(e) {
            assert_eq!(q.speaker, e);
            assert!((qi as usize) < n_quo);
        }
    }
    let junk = String::from_utf8_lossy(feed.slice(300)).into_owned();
    if let Some(e) = c.entity_by_name(&junk) {
        assert!((e as usize) < n_ent);
    }
    let _ = c.find_key(&junk);

    match c.quote_of_the_day(feed.u64()) {
        Some(q) => assert!((q as usize) < n_quo),
        None => assert_eq!(n_quo, 0),
    }

    // Arbitrary hit fields and references never panic.
    for _ in 0..8 {
        let (index, field, item) = (
            feed.index(),
            Field::from_u8(feed.byte() % 17).unwrap_or(Field::QuoteText),
            feed.byte(),
        );
        let hit = Hit {
            record: RecordRef::new(field.kind(), index),
            field,
            item,
            ..Hit::EMPTY
        };
        let _ = c.hit_text(&hit);
        let r = RecordRef::new(Kind::ALL[feed.byte() as usize % 6], feed.index());
        let _ = c.record(r);
        let _ = c.key(r);
        let _ = c.date_of(r);
        let _ = c.sources_of(r).count();
        let _ = c.involves(r, feed.index());
        let _ = write_line(c, r, &mut line);
        let q = feed.index();
        let _ = c.thread_root(q);
        assert!(c.thread(q).count() <= n_quo);
    }

    // A few searches, fixed and drawn from the feed.
    for q in ["altman", "musk", "\"surely know\"", "stop*", "$500", "🇺🇸"] {
        if let Ok(q) = Query::parse(q) {
            check_search(c, &q, &Filter::NONE, 5);
        }
    }
    if let Ok(q) = Query::parse_bytes(feed.slice(64)) {
        let filter = filter_from(feed, n_ent);
        let n = feed.byte() as usize % 20;
        check_search(c, &q, &filter, n);
    }
}

/// The per-kind reference and list invariants.
fn check_record(
    c: &Corpus<'_>,
    r: RecordRef,
    rec: &Record<'_>,
    n_src: usize,
    n_ent: usize,
    n_quo: usize,
) {
    let in_range = |ids: feudfacts::Packed<'_, u32>, n: usize| {
        assert_eq!(ids.len(), ids.iter().count());
        for x in ids.iter() {
            assert!((x as usize) < n, "{r:?}: id {x} out of range {n}");
        }
    };
    match rec {
        Record::Source(s) => {
            assert_eq!(c.source(r.index), Some(*s));
        }
        Record::Entity(e) => {
            assert_eq!(c.entity(r.index), Some(*e));
            assert_eq!(e.roles.len(), e.roles.iter().count());
            assert_eq!(e.aliases.len(), e.aliases.iter().count());
            in_range(e.sources, n_src);
            assert!(c.involves(r, r.index));
        }
        Record::Quote(q) => {
            assert_eq!(c.quote(r.index), Some(*q));
            assert!((q.speaker as usize) < n_ent);
            assert!(c.entity(q.speaker).is_some());
            assert!(c.involves(r, q.speaker));
            in_range(q.text_sources, n_src);
            in_range(q.sources, n_src);
            assert_eq!(q.variants.len(), q.variants.iter().count());
            for v in q.variants.iter() {
                in_range(v.sources, n_src);
            }
            if let Some(p) = q.reply_to {
                assert!((p as usize) < n_quo);
            }
            let root = c.thread_root(r.index).expect("reply chains are bounded");
            assert!((root as usize) < n_quo);
            let mut seen_self = false;
            let mut steps = 0;
            for (qi, depth) in c.thread(r.index) {
                assert!((qi as usize) < n_quo);
                assert!(depth <= MAX_THREAD_DEPTH);
                seen_self |= qi == r.index;
                steps += 1;
                assert!(steps <= n_quo, "thread iterator loops");
            }
            assert!(seen_self, "thread of {} lacks it", r.index);
        }
        Record::Event(e) => {
            assert_eq!(c.event(r.index), Some(*e));
            in_range(e.participants, n_ent);
            in_range(e.quotes, n_quo);
            in_range(e.sources, n_src);
        }
        Record::Figure(f) => {
            assert_eq!(c.figure(r.index), Some(*f));
            in_range(f.claimed_by, n_ent);
            in_range(f.disputed_by, n_ent);
            in_range(f.sources, n_src);
            assert_eq!(f.phrasings.len(), f.phrasings.iter().count());
            for p in f.phrasings.iter() {
                assert!((p.source as usize) < n_src);
            }
        }
        Record::Discrepancy(d) => {
            assert_eq!(c.discrepancy(r.index), Some(*d));
            in_range(d.sources, n_src);
            assert_eq!(d.sides.len(), d.sides.iter().count());
            for s in d.sides.iter() {
                assert!((s.source as usize) < n_src);
            }
            assert_eq!(d.related.len(), d.related.iter().count());
            for l in d.related.iter() {
                let k = Kind::from_u8(l.kind).expect("link kind");
                assert!(c.record(RecordRef::new(k, l.index)).is_some());
            }
        }
    }
}

/// A filter drawn from the feed: any kinds, maybe an entity (in range or
/// not), maybe dates.
pub fn filter_from(feed: &mut Feed<'_>, n_ent: usize) -> Filter {
    let flags = feed.byte();
    let entity = match flags & 3 {
        0 => None,
        1 => Some(feed.index()),
        _ => Some(feed.index() % (n_ent.max(1) as u32)),
    };
    Filter {
        mode: if flags & 16 != 0 {
            Mode::Strict
        } else {
            Mode::Best
        },
        kinds: KindSet::from_bits(feed.byte()),
        entity,
        from: if flags & 4 != 0 { feed.date() } else { None },
        to: if flags & 8 != 0 { feed.date() } else { None },
    }
}

/// Runs a query: strict, both ways (ranked into `buf_len` slots, and as a
/// cursor), checking that they agree; best match, checking the order
/// (complete hits first, then by score) and the summary. Every hit must be
/// well formed. A reversed date range must be refused, and nothing else.
pub fn check_search(c: &Corpus<'_>, q: &Query, filter: &Filter, buf_len: usize) {
    let mut hits = vec![Hit::EMPTY; buf_len];
    let reversed =
        matches!((filter.from, filter.to), (Some(f), Some(t)) if f.first_day() > t.last_day());
    let summary = match c.search(q, filter, &mut hits) {
        Ok(s) => s,
        Err(feudfacts::Error::InvalidArgument) if reversed => return,
        Err(feudfacts::Error::TooManyTerms)
            if filter.mode == Mode::Strict && q.len() > feudfacts::MAX_STRICT_TERMS =>
        {
            return
        }
        Err(e) => panic!("search refused {q:?} {filter:?}: {e:?}"),
    };
    assert!(!reversed, "a reversed date range is refused");
    if filter.mode == Mode::Best {
        assert!(summary.returned <= buf_len);
        assert!(summary.partial <= summary.returned);
        let complete = summary.returned - summary.partial;
        assert!(complete <= summary.total);
        assert_eq!(
            complete,
            summary.total.min(buf_len),
            "complete hits first, as many as fit"
        );
        for (i, h) in hits[..summary.returned].iter().enumerate() {
            check_hit(c, h, filter);
            assert_eq!(h.complete, i < complete, "complete hits come first");
        }
        for w in hits[..summary.returned].windows(2) {
            assert!(w[0].record != w[1].record, "a record is returned once");
            assert!(
                (w[0].complete && !w[1].complete) || w[0].score >= w[1].score,
                "hits are ranked by score"
            );
        }
        return;
    }
    assert_eq!(summary.returned, summary.total.min(buf_len));
    let mut all = Vec::new();
    for h in c
        .matches(q, filter)
        .expect("a strict query the search accepted")
    {
        check_hit(c, &h, filter);
        all.push(h);
        assert!(all.len() <= c.total_records(), "matches repeats records");
    }
    assert_eq!(all.len(), summary.total);
    for w in all.windows(2) {
        assert!(
            w[0].record < w[1].record,
            "matches are in corpus order, once each"
        );
    }
    for h in &hits[..summary.returned] {
        check_hit(c, h, filter);
        assert!(all.contains(h), "ranked hit {h:?} not among the matches");
    }
    for w in hits[..summary.returned].windows(2) {
        assert!(w[0].primary >= w[1].primary, "primary matches rank first");
    }
}

fn check_hit(c: &Corpus<'_>, h: &Hit, filter: &Filter) {
    assert_eq!(h.field.kind(), h.record.kind);
    assert!(filter.kinds.contains(h.record.kind));
    assert!(h.matched_fields >= 1);
    assert_eq!(h.date, c.date_of(h.record));
    if let Some(e) = filter.entity {
        assert!(c.involves(h.record, e));
    }
    if filter.from.is_some() || filter.to.is_some() {
        let d = h.date.expect("a date filter admits only dated records");
        assert!(filter.from.is_none_or(|f| d.last_day() >= f.first_day()));
        assert!(filter.to.is_none_or(|t| d.first_day() <= t.last_day()));
    }
    let text = c.hit_text(h).expect("hit field exists");
    let s = text.as_str();
    assert!(
        h.start <= h.end && h.end as usize <= s.len(),
        "{h:?} in {s:?}"
    );
    assert!(s.is_char_boundary(h.start as usize) && s.is_char_boundary(h.end as usize));
}

/// Display helpers on arbitrary text: every output character is drawable,
/// the bounded writer yields a prefix of the whole, lines fit.
pub fn check_display(s: &str, cols: usize, out_len: usize) {
    for cs in [Charset::Ascii, Charset::Latin1] {
        let full: String = translit(s, cs).collect();
        for ch in full.chars() {
            let ok = match cs {
                Charset::Ascii => ch == '\n' || (' '..='~').contains(&ch),
                Charset::Latin1 => {
                    ch == '\n' || (' '..='~').contains(&ch) || ('\u{a1}'..='\u{ff}').contains(&ch)
                }
            };
            assert!(ok, "{cs:?} output has {ch:?}");
        }
        let mut out = vec![0u8; out_len];
        let need = translit_into(s, cs, &mut out);
        assert_eq!(need, full.len());
        let written = out_len.min(need);
        // The written part is the longest whole-character prefix that fits.
        let mut fit = written;
        while !full.is_char_boundary(fit) {
            fit -= 1;
        }
        assert_eq!(&out[..fit], &full.as_bytes()[..fit]);
        let mut lines = 0;
        for line in wrap(&full, cols) {
            assert!(!line.contains('\n'));
            assert!(
                line.chars().count() <= cols.max(1),
                "{line:?} wider than {cols}"
            );
            lines += 1;
            assert!(lines <= full.len() + 1, "wrap does not end");
        }
    }
    // Wrapping the raw text must not panic either.
    for line in wrap(s, cols) {
        assert!(!line.contains('\n'));
    }
}
