//! Regression tests for what the hardening work found: each test is a case
//! that once got through (or would have panicked) and must stay fixed.

use feudfacts::format::{checksum, CHECKSUM_OFFSET, HEADER_LEN, SECTION_COUNT};
use feudfacts::{translit, wrap, Charset, Corpus, Error, Filter, Hit};

/// Strict matching (every term, literally): the semantics these tests pin.
const STRICT: Filter = Filter {
    mode: feudfacts::Mode::Strict,
    ..Filter::NONE
};

fn rechecksum(b: &mut [u8]) {
    let sum = checksum(b).expect("longer than the header");
    b[CHECKSUM_OFFSET..CHECKSUM_OFFSET + 4].copy_from_slice(&sum.to_le_bytes());
}

/// Found by `tests/corruption.rs` (appended_bytes_are_ignored): a blob whose
/// `total_len` was grown over trailing bytes, with a re-written checksum,
/// loaded — bytes inside the declared length escaped validation because
/// sections were only required not to overlap. Sections must now tile the
/// blob exactly.
#[test]
fn gap_after_last_section_is_refused() {
    let mut b = Corpus::embedded_bytes().to_vec();
    b.extend_from_slice(&[0u8; 16]);
    let total = b.len() as u32;
    b[12..16].copy_from_slice(&total.to_le_bytes());
    rechecksum(&mut b);
    assert_eq!(
        Corpus::from_bytes(&b).map(|_| ()),
        Err(Error::BadSection {
            section: *feudfacts::format::Section::ALL.last().unwrap()
        })
    );
}

/// The same hole between two sections: move every section after the first
/// one byte later, inserting a byte.
#[test]
fn gap_between_sections_is_refused() {
    let orig = Corpus::embedded_bytes();
    let first_end = {
        let off = u32::from_le_bytes(orig[HEADER_LEN..HEADER_LEN + 4].try_into().unwrap());
        let len = u32::from_le_bytes(orig[HEADER_LEN + 4..HEADER_LEN + 8].try_into().unwrap());
        (off + len) as usize
    };
    let mut b = orig[..first_end].to_vec();
    b.push(0xAA);
    b.extend_from_slice(&orig[first_end..]);
    for i in 1..SECTION_COUNT {
        let at = HEADER_LEN + 8 * i;
        let off = u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) + 1;
        b[at..at + 4].copy_from_slice(&off.to_le_bytes());
    }
    let total = b.len() as u32;
    b[12..16].copy_from_slice(&total.to_le_bytes());
    rechecksum(&mut b);
    assert!(matches!(
        Corpus::from_bytes(&b),
        Err(Error::BadSection { .. })
    ));
}

/// Found by the panic-free check: `Wrap` and `Translit` sliced `&str` at
/// offsets that are char boundaries but not provably so. The checked
/// versions must behave exactly as before, on multi-byte text at every
/// width, newlines at the limit, and words longer than a line.
#[test]
fn wrap_and_translit_behave_as_before_on_multibyte_text() {
    let s = "Wrong, as you surely know. Want to come visit the first site already under way? \
             This is great for the country. I realize what is great for the country isn’t \
             always what’s optimal for your companies 🇺🇸\nnew line — “quoted” …  café ";
    for cols in 0..90 {
        let lines: Vec<&str> = wrap(s, cols).collect();
        let width = cols.max(1);
        for l in &lines {
            assert!(l.chars().count() <= width, "{l:?} wider than {width}");
            assert!(!l.contains('\n'));
            assert!(!l.ends_with(' ') && !l.starts_with(' '));
        }
        // Nothing is lost but the spaces at breaks and the newline.
        let kept: String = lines.concat().chars().filter(|c| *c != ' ').collect();
        let all: String = s.chars().filter(|c| *c != ' ' && *c != '\n').collect();
        assert_eq!(kept, all, "cols {cols}");
    }
    assert_eq!(wrap("ab\ncd", 2).collect::<Vec<_>>(), ["ab", "cd"]);
    assert_eq!(wrap("abcdef", 4).collect::<Vec<_>>(), ["abcd", "ef"]);
    assert_eq!(wrap("ab cd ef", 5).collect::<Vec<_>>(), ["ab cd", "ef"]);
    assert_eq!(wrap("é€ ü", 1).collect::<Vec<_>>(), ["é", "€", "ü"]);
    let t: String = translit("…🇺🇸 “x” — é", Charset::Ascii).collect();
    assert_eq!(t, "...[US flag] \"x\" - e");
    let t: String = translit("…é", Charset::Latin1).collect();
    assert_eq!(t, "...é");
}

/// Found by the panic-free check: ranking insertion used indexing and
/// `copy_within`; the checked loop must keep the same order for every
/// buffer size.
#[test]
fn ranked_search_is_a_prefix_for_every_buffer_size() {
    let c = Corpus::embedded();
    for q in ["altman", "musk", "stargate", "openai"] {
        let mut all = [Hit::EMPTY; 256];
        let full = c.search_str(q, &STRICT, &mut all).unwrap();
        assert!(full.returned == full.total);
        for n in 0..full.total.min(40) {
            let mut some = vec![Hit::EMPTY; n];
            let s = c.search_str(q, &STRICT, &mut some).unwrap();
            assert_eq!(s.returned, n);
            assert_eq!(&some[..], &all[..n], "{q:?} with {n} slots");
        }
    }
}
