//! Reads of single fields of the segment table, for the hot loops of the
//! strict and best-match paths: [`Segment::decode`] is the full decoding
//! (and its layout), these read one field of one entry without decoding the
//! rest. One function per field, so each layout detail is written once.
//!
//! [`Segment::decode`]: crate::format::Segment::decode

use crate::format::{Field, SEGMENT_LEN};

/// The number of entries in `segs`.
#[inline]
pub(super) fn count(segs: &[u8]) -> usize {
    segs.len() / SEGMENT_LEN
}

/// Where entry `i`'s folded text starts in the `Text` section.
#[inline]
pub(super) fn start(segs: &[u8], i: usize) -> Option<usize> {
    match segs.get(i * SEGMENT_LEN..i * SEGMENT_LEN + 4) {
        Some(&[a, b, c, d]) => Some(u32::from_le_bytes([a, b, c, d]) as usize),
        _ => None,
    }
}

/// Entry `i`'s record as one comparable number: its kind (which its field
/// names) in the top byte, its index in the low 24 bits (see [`kind_of`]
/// and [`index_of`]). One number, not a pair: the hot loops compare
/// neighbours' records, and this compiles to fewer instructions there.
#[inline]
pub(super) fn record(segs: &[u8], i: usize) -> Option<u32> {
    match segs.get(i * SEGMENT_LEN + 4..i * SEGMENT_LEN + 8) {
        Some(&[a, b, c, field]) => {
            let kind = Field::from_u8(field & 0x7f)?.kind() as u32;
            Some(kind << 24 | u32::from_le_bytes([a, b, c, 0]))
        }
        _ => None,
    }
}

/// The kind code of a [`record`] number.
#[inline]
pub(super) const fn kind_of(record: u32) -> u8 {
    (record >> 24) as u8
}

/// The record index of a [`record`] number.
#[inline]
pub(super) const fn index_of(record: u32) -> u32 {
    record & 0xff_ffff
}

/// Entry `i`'s field.
#[inline]
pub(super) fn field(segs: &[u8], i: usize) -> Option<Field> {
    segs.get(i * SEGMENT_LEN + 7)
        .and_then(|&f| Field::from_u8(f & 0x7f))
}

/// Whether entry `i`'s folding kept every byte in place (see
/// [`Segment::plain`](crate::format::Segment::plain)).
#[inline]
pub(super) fn plain(segs: &[u8], i: usize) -> bool {
    segs.get(i * SEGMENT_LEN + 7)
        .is_some_and(|&f| f & 0x80 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Segment;
    use crate::Corpus;

    /// Every read agrees with the full decoding, on every entry of the
    /// embedded blob and one past the end.
    #[test]
    fn reads_agree_with_segment_decode() {
        let c = Corpus::embedded();
        let segs = c.segment_table();
        let n = count(segs);
        assert!(n > 0);
        for i in 0..=n {
            let whole = c.segment_at(i);
            assert_eq!(start(segs, i), whole.map(|s| s.start as usize));
            let r = record(segs, i);
            assert_eq!(r.map(kind_of), whole.map(|s: Segment| s.field.kind() as u8));
            assert_eq!(r.map(index_of), whole.map(|s| s.record));
            assert_eq!(field(segs, i), whole.map(|s| s.field));
            assert_eq!(plain(segs, i), whole.is_some_and(|s| s.plain));
        }
    }
}
