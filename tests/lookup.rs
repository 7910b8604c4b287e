//! Every lookup of the core API, on the embedded corpus: by index and key
//! for every kind, entities by name or alias, quotes by speaker, date
//! ranges, the timeline, reply threads, sources and the quote of the day.

use feudfacts::{Corpus, Date, Kind, Precision, Record, RecordRef};

fn c() -> Corpus<'static> {
    Corpus::embedded()
}

#[test]
fn embedded_is_the_validated_embedded_blob() {
    let loaded = Corpus::from_bytes(Corpus::embedded_bytes()).expect("embedded blob validates");
    assert_eq!(loaded.stats(), c().stats());
    assert_eq!(loaded.as_bytes(), c().as_bytes());
    for kind in Kind::ALL {
        assert!(c().count(kind) > 0, "no {}", kind.name());
    }
}

#[test]
fn every_record_of_every_kind_decodes_by_index_and_by_key() {
    let c = c();
    for kind in Kind::ALL {
        let n = c.count(kind);
        for i in 0..n as u32 {
            let r = RecordRef::new(kind, i);
            let rec = c
                .record(r)
                .unwrap_or_else(|| panic!("{} {i} does not decode", kind.name()));
            let key = rec.key();
            assert_eq!(c.key(r), Some(key));
            assert_eq!(c.find_key(key.as_str()), Some(r), "key {key}");
            // The typed getter agrees with the generic one.
            let same = match kind {
                Kind::Source => c.source(i).map(Record::Source),
                Kind::Entity => c.entity(i).map(Record::Entity),
                Kind::Quote => c.quote(i).map(Record::Quote),
                Kind::Event => c.event(i).map(Record::Event),
                Kind::Figure => c.figure(i).map(Record::Figure),
                Kind::Discrepancy => c.discrepancy(i).map(Record::Discrepancy),
            };
            assert_eq!(same, Some(rec));
        }
        // One past the end is unknown, not a panic.
        assert!(c.record(RecordRef::new(kind, n as u32)).is_none());
        assert!(c.record(RecordRef::new(kind, u32::MAX)).is_none());
    }
    assert_eq!(c.find_key("no-such-key"), None);
    assert_eq!(c.find_key(""), None);
}

#[test]
fn strings_are_nul_terminated_in_the_blob() {
    let q = c().quote(0).unwrap();
    let with_nul = q.text.as_bytes_with_nul();
    assert_eq!(with_nul.last(), Some(&0));
    assert_eq!(&with_nul[..with_nul.len() - 1], q.text.as_str().as_bytes());
    // Zero-copy: the bytes live inside the blob.
    let blob = Corpus::embedded_bytes().as_ptr_range();
    assert!(blob.contains(&with_nul.as_ptr()));
}

#[test]
fn entities_by_name_or_alias_case_insensitively() {
    let c = c();
    let altman = c.entity_by_name("Sam Altman").unwrap();
    assert_eq!(c.entity(altman).unwrap().name.as_str(), "Sam Altman");
    for name in [
        "sam altman",
        "SAM ALTMAN",
        "@sama",
        "@SAMA",
        "altman",
        "Little Finger",
        "little  finger",
    ] {
        assert_eq!(c.entity_by_name(name), Some(altman), "{name}");
    }
    let musk = c.entity_by_name("@elonmusk").unwrap();
    assert_eq!(c.entity(musk).unwrap().name.as_str(), "Elon Musk");
    assert_ne!(musk, altman);
    assert_eq!(c.entity_by_name("Nobody In Particular"), None);
    assert_eq!(c.entity_by_name(""), None);
    assert_eq!(c.entity_by_name("   "), None);
}

#[test]
fn quotes_by_speaker() {
    let c = c();
    let altman = c.entity_by_name("Sam Altman").unwrap();
    let quotes: Vec<_> = c.quotes_by(altman).collect();
    assert!(quotes.len() >= 3);
    assert!(quotes.iter().all(|(_, q)| q.speaker == altman));
    assert!(quotes
        .iter()
        .any(|(_, q)| q.text.as_str().contains("surely know")));
    // Naive reference: every quote, filtered.
    let naive = (0..c.count(Kind::Quote) as u32)
        .filter(|&i| c.quote(i).unwrap().speaker == altman)
        .count();
    assert_eq!(quotes.len(), naive);
}

#[test]
fn timeline_is_chronological_and_complete() {
    let c = c();
    let t: Vec<(RecordRef, Date)> = c.timeline().collect();
    for w in t.windows(2) {
        assert!(w[0].1 <= w[1].1, "{:?} after {:?}", w[0], w[1]);
    }
    let dated = [Kind::Quote, Kind::Event]
        .iter()
        .flat_map(|&k| c.records(k))
        .filter(|(_, r)| r.dating().is_some())
        .count();
    assert_eq!(t.len(), dated);
    // The rivalry starts with OpenAI's founding in 2015.
    assert_eq!(t.first().unwrap().1.year, 2015);
}

#[test]
fn date_ranges_include_every_overlapping_record() {
    let c = c();
    let from = Date::parse("2025-01-21").unwrap();
    let to = Date::parse("2025-01-22").unwrap();
    let got: Vec<RecordRef> = c.in_range(from, to).map(|(r, _)| r).collect();
    let want: Vec<RecordRef> = c
        .timeline()
        .filter(|(_, d)| d.last_day() >= from && d.first_day() <= to)
        .map(|(r, _)| r)
        .collect();
    assert_eq!(got, want);
    assert!(
        got.len() >= 5,
        "the Stargate announcement and the January 22 exchange"
    );
    // A month-precision record overlaps a day range inside that month.
    assert!(got
        .iter()
        .any(|&r| c.date_of(r).unwrap().precision() == Precision::Month));
    // An empty range.
    assert_eq!(
        c.in_range(Date::parse("1990").unwrap(), Date::parse("1991").unwrap())
            .count(),
        0
    );
}

#[test]
fn the_january_22_reply_thread() {
    let c = c();
    let musk = c.entity_by_name("Elon Musk").unwrap();
    let altman = c.entity_by_name("Sam Altman").unwrap();
    let (reply, q) = c
        .quotes_by(altman)
        .find(|(_, q)| q.text.as_str().contains("surely know"))
        .unwrap();
    let parent = c
        .quote(q.reply_to.expect("Altman's reply answers Musk"))
        .unwrap();
    assert_eq!(parent.speaker, musk);
    assert!(parent.text.as_str().contains("SoftBank"));
    assert_eq!(q.dating.unwrap().date, Date::parse("2025-01-22").unwrap());
    // The thread is the same from either end: Musk's post, then the reply.
    let from_reply: Vec<(u32, usize)> = c.thread(reply).collect();
    let from_root: Vec<(u32, usize)> = c.thread(q.reply_to.unwrap()).collect();
    assert_eq!(from_reply, from_root);
    assert_eq!(from_reply[0], (q.reply_to.unwrap(), 0));
    assert!(from_reply.contains(&(reply, 1)));
    assert_eq!(c.thread_root(reply), q.reply_to);
    // An unknown quote has no thread.
    assert_eq!(c.thread(u32::MAX).count(), 0);
}

#[test]
fn every_record_cites_sources() {
    let c = c();
    for kind in Kind::ALL {
        for (r, _) in c.records(kind) {
            let srcs: Vec<u32> = c.sources_of(r).collect();
            assert!(!srcs.is_empty(), "{:?} cites nothing", c.key(r));
            assert!(srcs.iter().all(|&s| (s as usize) < c.count(Kind::Source)));
        }
    }
    // A source cites itself.
    assert_eq!(
        c.sources_of(RecordRef::new(Kind::Source, 2))
            .collect::<Vec<_>>(),
        vec![2]
    );
    assert_eq!(
        c.sources_of(RecordRef::new(Kind::Quote, u32::MAX)).count(),
        0
    );
}

#[test]
fn quote_of_the_day_is_deterministic_and_varies() {
    let c = c();
    let n = c.count(Kind::Quote) as u32;
    let picks: Vec<u32> = (0..200).map(|s| c.quote_of_the_day(s).unwrap()).collect();
    assert!(picks.iter().all(|&q| q < n));
    assert_eq!(
        picks,
        (0..200)
            .map(|s| c.quote_of_the_day(s).unwrap())
            .collect::<Vec<_>>()
    );
    let mut distinct = picks.clone();
    distinct.sort();
    distinct.dedup();
    assert!(
        distinct.len() > n as usize / 2,
        "seeds should spread over the quotes"
    );
}

#[test]
fn dates_parse_format_and_compare_by_precision() {
    let d = Date::parse("2025-01-22").unwrap();
    let mut b = [0u8; 10];
    assert_eq!(d.iso(&mut b), "2025-01-22");
    assert_eq!(Date::parse("2025-01").unwrap().iso(&mut b), "2025-01");
    assert_eq!(Date::parse("2015").unwrap().iso(&mut b), "2015");
    assert_eq!(
        Date::parse("2024-02-29").map(|d| d.precision()),
        Some(Precision::Day)
    );
    for bad in [
        "2025-02-29",
        "2025-13",
        "2025-00-01",
        "25",
        "2025-1-2",
        "",
        "abcd",
        "2025-01-32",
    ] {
        assert_eq!(Date::parse(bad), None, "{bad}");
    }
    assert_eq!(
        Date::parse("2025-02").unwrap().last_day(),
        Date::parse("2025-02-28").unwrap()
    );
    assert_eq!(Date::unpack(d.pack()), Some(d));
    assert_eq!(Date::unpack(0), None);
}
