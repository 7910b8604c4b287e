//! Loading blobs at run time: a good blob round-trips; corrupted, truncated
//! or foreign bytes get a specific error, never a panic, and the library
//! keeps working. (tests/corruption.rs tries every bit and every length.)

use feudfacts::format::{self, CHECKSUM_OFFSET};
use feudfacts::{Corpus, Error, Filter, Hit};

/// Strict matching (every term, literally): the semantics these tests pin.
const STRICT: Filter = Filter {
    mode: feudfacts::Mode::Strict,
    ..Filter::NONE
};

fn blob() -> Vec<u8> {
    Corpus::embedded_bytes().to_vec()
}

fn reseal(b: &mut [u8]) {
    let sum = format::checksum(b).unwrap();
    b[CHECKSUM_OFFSET..CHECKSUM_OFFSET + 4].copy_from_slice(&sum.to_le_bytes());
}

fn still_works() {
    let mut hits = [Hit::EMPTY; 2];
    assert!(
        Corpus::embedded()
            .search_str("stargate", &STRICT, &mut hits)
            .unwrap()
            .total
            > 0
    );
}

#[test]
fn a_copy_loads_and_answers_like_the_embedded_corpus() {
    let b = blob();
    let c = Corpus::from_bytes(&b).unwrap();
    assert_eq!(c.stats(), Corpus::embedded().stats());
    let mut h1 = [Hit::EMPTY; 5];
    let mut h2 = [Hit::EMPTY; 5];
    let a = c.search_str("musk altman", &STRICT, &mut h1).unwrap();
    let e = Corpus::embedded()
        .search_str("musk altman", &STRICT, &mut h2)
        .unwrap();
    assert_eq!((a, h1), (e, h2));
}

#[test]
fn trailing_bytes_are_ignored_so_a_flash_partition_can_be_passed() {
    let mut b = blob();
    let n = b.len();
    b.extend(std::iter::repeat_n(0xff, 4096));
    let c = Corpus::from_bytes(&b).unwrap();
    assert_eq!(c.as_bytes().len(), n);
}

#[test]
fn empty_short_and_foreign_bytes_are_rejected() {
    assert!(matches!(
        Corpus::from_bytes(&[]),
        Err(Error::Truncated {
            needed: _,
            actual: 0
        })
    ));
    assert!(matches!(
        Corpus::from_bytes(b"FEUDFACT"),
        Err(Error::Truncated { .. })
    ));
    let mut b = blob();
    b[0] = b'X';
    assert_eq!(Corpus::from_bytes(&b).unwrap_err(), Error::BadMagic);
    let png = [0x89u8, b'P', b'N', b'G'].repeat(100);
    assert_eq!(Corpus::from_bytes(&png).unwrap_err(), Error::BadMagic);
    still_works();
}

#[test]
fn a_newer_format_version_is_refused() {
    let mut b = blob();
    let newer = format::FORMAT_VERSION + 1;
    b[8..10].copy_from_slice(&newer.to_le_bytes());
    assert_eq!(
        Corpus::from_bytes(&b).unwrap_err(),
        Error::UnsupportedVersion { found: newer }
    );
    // And the version before, whose segments had 16-bit record indexes.
    b[8..10].copy_from_slice(&1u16.to_le_bytes());
    assert_eq!(
        Corpus::from_bytes(&b).unwrap_err(),
        Error::UnsupportedVersion { found: 1 }
    );
}

#[test]
fn a_corrupted_byte_fails_the_checksum() {
    let mut b = blob();
    let mid = b.len() / 2;
    b[mid] ^= 0x20;
    assert!(matches!(
        Corpus::from_bytes(&b),
        Err(Error::ChecksumMismatch { .. })
    ));
    still_works();
}

#[test]
fn a_truncated_blob_is_refused() {
    let b = blob();
    for len in [b.len() - 1, b.len() / 2, format::PREAMBLE_LEN, 10] {
        let err = Corpus::from_bytes(&b[..len]).unwrap_err();
        assert!(matches!(err, Error::Truncated { .. }), "{len}: {err:?}");
    }
    still_works();
}

#[test]
fn structural_damage_behind_a_valid_checksum_is_still_caught() {
    // Shrink the declared total length and reseal: sections now overflow.
    let mut b = blob();
    let total = (b.len() - 8) as u32;
    b[12..16].copy_from_slice(&total.to_le_bytes());
    b.truncate(total as usize);
    reseal(&mut b);
    assert!(matches!(
        Corpus::from_bytes(&b),
        Err(Error::BadSection { .. })
    ));

    // Point the timeline at a record that does not exist.
    let mut b = blob();
    let c = Corpus::embedded();
    let idx = format::HEADER_LEN + 8 * format::Section::Timeline as usize;
    let off = u32::from_le_bytes(b[idx..idx + 4].try_into().unwrap()) as usize;
    b[off + 2..off + 4].copy_from_slice(&u16::MAX.to_le_bytes());
    reseal(&mut b);
    assert!(matches!(
        Corpus::from_bytes(&b),
        Err(Error::BadIndex { .. })
    ));

    // Change one byte of the folded search text: search would lie, so refuse.
    let mut b = blob();
    let idx = format::HEADER_LEN + 8 * format::Section::Text as usize;
    let off = u32::from_le_bytes(b[idx..idx + 4].try_into().unwrap()) as usize;
    b[off] = b'#';
    reseal(&mut b);
    assert!(matches!(
        Corpus::from_bytes(&b),
        Err(Error::BadIndex { .. })
    ));
    assert!(c.count(feudfacts::Kind::Quote) > 0);
}
