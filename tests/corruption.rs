//! Corruption tests: the embedded blob with single bits flipped, cut short at
//! every length, and with bytes appended. Every corrupted blob is refused
//! with the error its damage calls for (or, where the damage is one validation
//! cannot see, accepted and then fully usable), nothing panics, and the
//! embedded corpus works after every refusal.
//!
//! Two layers are tested separately, because each hides the other:
//!
//! * **The checksum.** A flipped bit anywhere in `[0, total_len)` is refused:
//!   in the header by the header checks, everywhere else by the FNV-1a
//!   checksum. FNV-1a catches *every* single-byte change: each step
//!   `h = (h ^ b) * p (mod 2^32)` is a bijection of `h` for fixed `b` (`p` is
//!   odd) and changes its output when `b` changes, so two inputs differing in
//!   one byte end in different hashes. `flip_every_byte_*` run each byte
//!   (one bit each, rotating through the bit positions) through
//!   `Corpus::from_bytes` in the default profile; `flip_every_bit_*` run all
//!   `8 * len` flips (`#[ignore]`d: too slow unoptimised) and are run in
//!   release by `ci/hardening.sh`.
//!
//! * **Structural validation**, with the checksum re-written after the flip
//!   (`feudfacts::format::checksum`) so the validator itself is exercised.
//!   It must refuse every flip in the header, the section table, the record
//!   tables' counts and offsets, and the index sections (`Text`,
//!   `Segments`, `Dates`, `Timeline`, `Keys`, the word and term indexes,
//!   `Values`) — these hold no free data: each byte is determined by the
//!   records, and validation recomputes or cross-checks all of them. The
//!   `Synonyms` section is free data like a record's text (a term's letter
//!   or group may change into another valid one): a flip there may be
//!   accepted, and the corpus must then keep every promise. Inside a record's postcard bytes a flip may leave a valid
//!   record: a letter's case in an indexed string (search folds case), any
//!   character of an unindexed string (notes, roles, context, units, dating
//!   notes, sides' claims) that stays UTF-8 without NUL, an enum or flag
//!   changed to another valid value, an id changed to another in-range id
//!   that keeps every ordering and coverage rule, a figure's value. Such
//!   damage is only detectable by the checksum, which is what it is for; the
//!   test checks that every accepted blob honours all of validation's
//!   promises ([`exercise::exercise`]) and that the damage stayed inside the
//!   one record. `structural_must_refuse_tables` and `_text` flip the
//!   must-refuse regions in release (`ci/hardening.sh`; every bit of the
//!   header, section table and record offsets, a rotating bit of every table
//!   byte and of every fourth byte of the big text-like sections;
//!   `structural_every_bit` does all); the default profile flips every bit
//!   of the header and section table, every byte of the record offsets, and
//!   a spread sample of the rest.

mod exercise;

use feudfacts::format::{
    checksum, Section, CHECKSUM_OFFSET, HEADER_LEN, PREAMBLE_LEN, SECTION_COUNT,
};
use feudfacts::{Corpus, Error, Kind, RecordRef};
use std::collections::BTreeMap;

fn pristine() -> Vec<u8> {
    Corpus::embedded_bytes().to_vec()
}

fn u32_at(b: &[u8], off: usize) -> usize {
    u32::from_le_bytes([b[off], b[off + 1], b[off + 2], b[off + 3]]) as usize
}

/// Re-writes the checksum over the declared length (or the whole buffer when
/// the declared length does not fit), as a careful attacker would.
fn fix_checksum(b: &mut [u8]) {
    let declared = u32_at(b, 12);
    let end = if declared <= b.len() && declared >= CHECKSUM_OFFSET + 4 {
        declared
    } else {
        b.len()
    };
    let sum = checksum(&b[..end]).expect("longer than the header");
    b[CHECKSUM_OFFSET..CHECKSUM_OFFSET + 4].copy_from_slice(&sum.to_le_bytes());
}

/// The section spans of the pristine blob, read from its section table.
fn spans(b: &[u8]) -> [(usize, usize); SECTION_COUNT] {
    let mut out = [(0, 0); SECTION_COUNT];
    for (i, s) in out.iter_mut().enumerate() {
        let off = u32_at(b, HEADER_LEN + 8 * i);
        *s = (off, off + u32_at(b, HEADER_LEN + 8 * i + 4));
    }
    out
}

/// Where a byte of the blob lies, for choosing what its corruption must do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Region {
    Header,
    SectionTable,
    /// A record table's count and offsets.
    RecordOffsets(Kind),
    /// A record table's data area: the postcard-encoded records.
    RecordData(Kind),
    Index(Section),
}

fn region_of(b: &[u8], spans: &[(usize, usize); SECTION_COUNT], pos: usize) -> Region {
    if pos < HEADER_LEN {
        return Region::Header;
    }
    if pos < PREAMBLE_LEN {
        return Region::SectionTable;
    }
    for (i, &(start, end)) in spans.iter().enumerate() {
        if pos >= start && pos < end {
            if let Some(kind) = Kind::from_u8(i as u8) {
                let data_start = start + 4 + 4 * (u32_at(b, start) + 1);
                return if pos < data_start {
                    Region::RecordOffsets(kind)
                } else {
                    Region::RecordData(kind)
                };
            }
            return Region::Index(Section::ALL[i]);
        }
    }
    panic!("byte {pos} lies in no section: the blob has gaps");
}

fn flip(b: &[u8], pos: usize, bit: u8) -> Vec<u8> {
    let mut v = b.to_vec();
    v[pos] ^= 1 << bit;
    v
}

/// The error a flip outside the header must get when the checksum is left
/// alone: the stored checksum no longer matches. Flips `b` in place and back
/// (a copy per flip would dominate the unoptimised run time).
fn expect_checksum_error(b: &mut [u8], pos: usize, bit: u8) {
    b[pos] ^= 1 << bit;
    let result = Corpus::from_bytes(b).map(|_| ());
    b[pos] ^= 1 << bit;
    match result {
        Err(Error::ChecksumMismatch { stored, computed }) => assert_ne!(stored, computed),
        other => panic!("flip of byte {pos} bit {bit}: {other:?}"),
    }
}

/// The header checks run before the checksum; what each header field's
/// corruption gets.
fn expect_header_error(b: &mut [u8], pos: usize, bit: u8) {
    b[pos] ^= 1 << bit;
    let result = Corpus::from_bytes(b).map(|_| ());
    b[pos] ^= 1 << bit;
    let e = result.expect_err("header flip accepted");
    let ok = match pos {
        0..=7 => e == Error::BadMagic,
        8..=9 => matches!(e, Error::UnsupportedVersion { .. }),
        10..=11 | 20..=23 => e == Error::BadHeader,
        // total_len: longer than the bytes given, shorter than the preamble,
        // or shorter than the blob (so the checksum covers other bytes).
        12..=15 => matches!(
            e,
            Error::Truncated { .. } | Error::BadHeader | Error::ChecksumMismatch { .. }
        ),
        16..=19 => matches!(e, Error::ChecksumMismatch { .. }),
        _ => unreachable!(),
    };
    assert!(ok, "flip of header byte {pos} bit {bit}: {e:?}");
}

fn embedded_still_works() {
    let c = Corpus::embedded();
    let sama = c.entity_by_name("@sama").expect("@sama");
    assert_eq!(c.entity(sama).map(|e| e.name.as_str()), Some("Sam Altman"));
}

#[test]
fn pristine_blob_loads_and_behaves() {
    let b = pristine();
    let c = Corpus::from_bytes(&b).expect("the embedded blob validates");
    assert_eq!(c.as_bytes(), Corpus::embedded_bytes());
    assert_eq!(c.stats(), Corpus::embedded().stats());
    exercise::exercise(&c, &mut exercise::Feed::new(b"pristine"));
    // Sections tile the blob: no byte escapes the region map.
    let s = spans(&b);
    for pos in 0..b.len() {
        region_of(&b, &s, pos);
    }
}

/// Every byte in `half` (0: first, 1: second) of the blob, one bit each;
/// over eight neighbouring bytes every bit position is hit. The header gets
/// all eight bits. Two tests, so that the test harness runs them in parallel.
fn flip_every_byte(half: usize) {
    let mut b = pristine();
    let mid = b.len() / 2;
    let range = if half == 0 { 0..mid } else { mid..b.len() };
    for pos in range {
        if pos < HEADER_LEN {
            for bit in 0..8 {
                expect_header_error(&mut b, pos, bit);
            }
        } else {
            expect_checksum_error(&mut b, pos, (pos % 8) as u8);
        }
    }
    assert_eq!(b, Corpus::embedded_bytes());
    embedded_still_works();
}

#[test]
fn flip_every_byte_first_half() {
    flip_every_byte(0);
}

#[test]
fn flip_every_byte_second_half() {
    flip_every_byte(1);
}

/// Every bit of `half` of the blob.
fn flip_every_bit(half: usize) {
    let mut b = pristine();
    let mid = b.len() / 2;
    let range = if half == 0 { 0..mid } else { mid..b.len() };
    for pos in range {
        for bit in 0..8 {
            if pos < HEADER_LEN {
                expect_header_error(&mut b, pos, bit);
            } else {
                expect_checksum_error(&mut b, pos, bit);
            }
        }
    }
    assert_eq!(b, Corpus::embedded_bytes());
    embedded_still_works();
}

#[test]
#[ignore = "8 x len checksum passes: run in release (ci/hardening.sh)"]
fn flip_every_bit_first_half() {
    flip_every_bit(0);
}

#[test]
#[ignore = "8 x len checksum passes: run in release (ci/hardening.sh)"]
fn flip_every_bit_second_half() {
    flip_every_bit(1);
}

#[test]
fn truncate_at_every_length() {
    let b = pristine();
    for n in 0..b.len() {
        let e = Corpus::from_bytes(&b[..n]).expect_err("truncated blob accepted");
        let needed = if n < PREAMBLE_LEN {
            PREAMBLE_LEN
        } else {
            b.len()
        };
        assert_eq!(e, Error::Truncated { needed, actual: n }, "cut at {n}");
    }
    embedded_still_works();
}

#[test]
fn appended_bytes_are_ignored() {
    // A blob at the start of a larger flash partition: everything after
    // total_len is ignored, whatever it holds.
    let b = pristine();
    let tails: [Vec<u8>; 6] = [
        vec![0],
        vec![0xff; 4096],
        vec![0; 65536],
        (0..10_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect(),
        b.clone(),
        b"FEUDFACT".to_vec(),
    ];
    for tail in &tails {
        let mut v = b.clone();
        v.extend_from_slice(tail);
        let c = Corpus::from_bytes(&v).expect("trailing bytes are ignored");
        assert_eq!(c.as_bytes(), &b[..]);
        assert_eq!(c.stats(), Corpus::embedded().stats());
        let r = c.find_key("sam-altman").or_else(|| {
            let e = c.entity_by_name("@sama")?;
            Some(RecordRef::new(Kind::Entity, e))
        });
        assert!(r.is_some());
    }
    let mut v = b.clone();
    v.extend_from_slice(&tails[3]);
    exercise::exercise(
        &Corpus::from_bytes(&v).unwrap(),
        &mut exercise::Feed::new(&tails[3]),
    );

    // But a total_len grown into the appended bytes is caught: the checksum
    // then covers bytes it was not computed over.
    let mut v = b.clone();
    v.extend_from_slice(&[0u8; 64]);
    let grown = (b.len() + 64) as u32;
    v[12..16].copy_from_slice(&grown.to_le_bytes());
    assert!(matches!(
        Corpus::from_bytes(&v),
        Err(Error::ChecksumMismatch { .. })
    ));
    // ... and with a re-written checksum, by the section bounds: the
    // sections no longer tile the declared length.
    fix_checksum(&mut v);
    assert!(Corpus::from_bytes(&v).is_err());
    embedded_still_works();
}

/// Flips `bit` of byte `pos`, re-writes the checksum, loads. A refusal must
/// fit the region; an acceptance is allowed only in record data and must
/// leave a corpus that honours validation's promises.
fn structural_flip(
    b: &[u8],
    spans: &[(usize, usize); SECTION_COUNT],
    pos: usize,
    bit: u8,
    thorough: bool,
    tally: &mut BTreeMap<String, usize>,
) {
    let region = region_of(b, spans, pos);
    let mut v = flip(b, pos, bit);
    if !(CHECKSUM_OFFSET..CHECKSUM_OFFSET + 4).contains(&pos) {
        fix_checksum(&mut v);
    }
    let result = Corpus::from_bytes(&v);
    let name = match &result {
        Ok(_) => "accepted".to_string(),
        Err(e) => format!("{e:?}")
            .split([' ', '{', '('])
            .next()
            .unwrap_or("")
            .to_string(),
    };
    *tally.entry(format!("{region:?} -> {name}")).or_default() += 1;
    let names_kind = |e: &Error, k: Kind| match *e {
        Error::BadRecordTable { kind } => kind == k,
        Error::BadRecord { kind, .. } => kind == k,
        // A reply chain is checked through its parents' bytes, so a quote
        // table's damage may surface while checking a later quote's chain.
        Error::BadReference { kind, .. } => kind == k,
        _ => false,
    };
    match (region, result) {
        (Region::Header, Err(_)) | (Region::SectionTable, Err(_)) => {}
        (Region::RecordOffsets(k), Err(e)) => {
            assert!(names_kind(&e, k), "{k:?} offsets byte {pos}: {e:?}")
        }
        (Region::Index(s), Err(e)) => {
            let ok = match e {
                Error::BadIndex { section, .. } => {
                    section == s
                        || (s == Section::Text && section == Section::Segments)
                        // The word index's two sections point into each
                        // other: a bad boundary shows where decoding fails.
                        || (matches!(s, Section::Words | Section::Postings)
                            && matches!(section, Section::Words | Section::Postings))
                        // So do the term index's three.
                        || (matches!(s, Section::Terms | Section::TermText | Section::TermPostings)
                            && matches!(
                                section,
                                Section::Terms | Section::TermText | Section::TermPostings
                            ))
                }
                _ => false,
            };
            assert!(ok, "{s:?} byte {pos} bit {bit}: {e:?}");
        }
        (Region::RecordData(_), Err(_)) => {}
        (Region::RecordData(k), Ok(c)) => {
            let seed = pos.to_le_bytes();
            let mut feed = exercise::Feed::new(&seed);
            feed.every_record_search = thorough;
            exercise::exercise(&c, &mut feed);
            // The damage stays in one record: every other record decodes
            // exactly as before.
            let orig = Corpus::embedded();
            let mut changed = 0;
            for i in 0..orig.count(k) as u32 {
                let r = RecordRef::new(k, i);
                if c.record(r) != orig.record(r) {
                    changed += 1;
                }
            }
            assert!(changed <= 1, "a flip at {pos} changed {changed} records");
            for other in Kind::ALL.into_iter().filter(|&o| o != k) {
                for i in 0..orig.count(other) as u32 {
                    let r = RecordRef::new(other, i);
                    assert_eq!(c.record(r), orig.record(r));
                }
            }
        }
        // The synonym groups are free data, like a record's text: a letter
        // of a term or a term's group may change into another valid one. The
        // blob must then keep every promise.
        (Region::Index(Section::Synonyms), Ok(c)) => {
            let seed = pos.to_le_bytes();
            let mut feed = exercise::Feed::new(&seed);
            exercise::exercise(&c, &mut feed);
        }
        (region, Ok(_)) => panic!("{region:?} byte {pos} bit {bit}: corrupted blob accepted"),
    }
}

/// Structural validation over the byte positions `pick` chooses, every bit
/// where `all_bits`, else one rotating bit. Returns the tally of outcomes.
fn structural_run(pick: impl Fn(Region, usize) -> bool, all_bits: bool) -> BTreeMap<String, usize> {
    let b = pristine();
    let s = spans(&b);
    let mut tally = BTreeMap::new();
    for pos in 0..b.len() {
        let region = region_of(&b, &s, pos);
        if !pick(region, pos) {
            continue;
        }
        // Accepted blobs get every check but the per-record self-search
        // (a haystack scan per record), which the pristine test does.
        if all_bits {
            for bit in 0..8 {
                structural_flip(&b, &s, pos, bit, false, &mut tally);
            }
        } else {
            structural_flip(&b, &s, pos, (pos % 8) as u8, false, &mut tally);
        }
    }
    embedded_still_works();
    tally
}

#[test]
fn structural_header_and_section_table_every_bit() {
    let t = structural_run(
        |r, _| matches!(r, Region::Header | Region::SectionTable),
        true,
    );
    assert_eq!(t.values().sum::<usize>(), PREAMBLE_LEN * 8);
    assert!(!t.keys().any(|k| k.ends_with("accepted")));
}

#[test]
fn structural_record_offsets_every_byte() {
    let t = structural_run(|r, _| matches!(r, Region::RecordOffsets(_)), false);
    assert!(t.values().sum::<usize>() > 6 * 4);
}

/// Index sections (and record data) are large and each flip there costs a
/// full validation, so the default profile takes every `STRIDE`th byte
/// (positions spread over every section); `structural_every_bit` does all.
const STRIDE: usize = 97;
/// Record data is sampled more thinly: about half its flips are accepted
/// (unindexed text), and each accepted blob is exercised in full.
const DATA_STRIDE: usize = 193;

#[test]
fn structural_index_sections_sampled() {
    let t = structural_run(
        |r, pos| matches!(r, Region::Index(_)) && pos.is_multiple_of(STRIDE),
        false,
    );
    for s in [Section::Text, Section::Segments] {
        assert!(t.keys().any(|k| k.starts_with(&format!("Index({s:?})"))));
    }
}

#[test]
fn structural_record_data_sampled() {
    let t = structural_run(
        |r, pos| matches!(r, Region::RecordData(_)) && pos.is_multiple_of(DATA_STRIDE),
        false,
    );
    for (k, v) in &t {
        println!("{v:>6}  {k}");
    }
    // Most record bytes are framing, ids and indexed text: most flips are
    // refused. (Accepted ones were checked in `structural_flip`.)
    let refused: usize = t
        .iter()
        .filter(|(k, _)| !k.ends_with("accepted"))
        .map(|(_, v)| v)
        .sum();
    assert!(refused > 0);
}

/// The must-refuse regions (header, section table, record offsets, index
/// sections) in release, by `ci/hardening.sh`, split in two tests so the
/// harness runs them on two cores. Each flip costs a full validation (about
/// 5 ms in release: validation recomputes every term impact), so CI flips
/// every bit of the header, section table and record offsets, one rotating
/// bit of every byte of the tables, and one rotating bit of every
/// [`TEXT_STRIDE`]th byte of the three big text-like sections (the search
/// text, the term text and the term postings); `structural_every_bit` flips
/// all of them.
fn structural_must_refuse(pick: impl Fn(Region, usize) -> Option<bool>) {
    let b = pristine();
    let s = spans(&b);
    let mut tally = BTreeMap::new();
    for pos in 0..b.len() {
        match pick(region_of(&b, &s, pos), pos) {
            None => {}
            Some(false) => structural_flip(&b, &s, pos, (pos % 8) as u8, false, &mut tally),
            Some(true) => {
                for bit in 0..8 {
                    structural_flip(&b, &s, pos, bit, false, &mut tally);
                }
            }
        }
    }
    for (k, v) in &tally {
        println!("{v:>8}  {k}");
    }
    assert!(!tally.is_empty());
    let accepted = |k: &String| k.ends_with("accepted") && !k.starts_with("Index(Synonyms)");
    assert!(!tally.keys().any(accepted));
    embedded_still_works();
}

/// One byte in this many of the big text-like sections in CI.
const TEXT_STRIDE: usize = 4;

/// The big text-like sections: every [`TEXT_STRIDE`]th byte is flipped.
fn text_like(s: Section) -> bool {
    matches!(s, Section::Text | Section::TermText | Section::TermPostings)
}

#[test]
#[ignore = "a full validation per flip: run in release (ci/hardening.sh)"]
fn structural_must_refuse_tables() {
    structural_must_refuse(|r, _| match r {
        Region::Header | Region::SectionTable | Region::RecordOffsets(_) => Some(true),
        Region::Index(s) if !text_like(s) => Some(false),
        _ => None,
    });
}

#[test]
#[ignore = "a full validation per flip: run in release (ci/hardening.sh)"]
fn structural_must_refuse_text() {
    structural_must_refuse(|r, pos| match r {
        Region::Index(s) if text_like(s) && pos.is_multiple_of(TEXT_STRIDE) => Some(false),
        _ => None,
    });
}

/// Every bit of the blob, record data included (slow even in release).
#[test]
#[ignore = "a full validation per flip, and a full exercise per accepted flip"]
fn structural_every_bit() {
    let t = structural_run(|_, _| true, true);
    for (k, v) in &t {
        println!("{v:>8}  {k}");
    }
}
