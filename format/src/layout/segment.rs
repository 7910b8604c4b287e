//! The segment table (the `Segments` section): one [`SEGMENT_LEN`]-byte
//! [`Segment`] per searchable field, sorted by where its folded text starts
//! in `Text`, mapping the search haystack back to record fields.
//!
//! [`field`] names each entry's bytes; [`Segment`] encodes and decodes a
//! whole entry; [`SegmentTable`] reads entries, or single fields of them, in
//! place, after one [`SegmentTable::check`]: the search's hot loops read
//! through it too, so these offsets are the only ones.

use super::{ByteRange, Field, Kind, RecordRef, Section};
use crate::Error;

/// Where the fields of one segment entry lie, from the entry's first byte
/// (integers little-endian).
pub mod field {
    use super::ByteRange;

    /// Offset of the field's folded text in `Text` (`u32`).
    pub const START: ByteRange = 0..4;
    /// The record's index within its kind (24 bits).
    pub const RECORD: ByteRange = 4..7;
    /// The [`Field`](crate::layout::Field) code, with [`PLAIN`] set when
    /// folding kept every byte in place.
    pub const FIELD: usize = 7;
    /// Which item of a list field.
    pub const ITEM: usize = 8;
    /// The bit of the [`FIELD`] byte that says the segment is plain.
    pub const PLAIN: u8 = 0x80;
}

/// Size of one entry of the `Segments` section.
pub const SEGMENT_LEN: usize = field::ITEM + 1;

/// One entry of the `Segments` section: where a field's folded text starts
/// in the haystack and which record field it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Offset of the folded text in the `Text` section.
    pub start: u32,
    /// Index of the record within its kind (the kind follows from `field`),
    /// at most [`MAX_RECORDS`](crate::limits::MAX_RECORDS).
    pub record: u32,
    /// The field.
    pub field: Field,
    /// Which item of a list field (alias, role, variant, phrasing, claim); 0 otherwise.
    pub item: u8,
    /// Whether folding kept every byte of the field in place
    /// ([`crate::fold::keeps_offsets`]), so folded offsets are original
    /// offsets. Stored as bit 7 of the field byte ([`field::PLAIN`]).
    pub plain: bool,
}

impl Segment {
    /// The 9-byte table encoding: start (LE u32), record (LE, 24 bits),
    /// field code (with [`field::PLAIN`] set when `plain`), item.
    pub const fn encode(self) -> [u8; SEGMENT_LEN] {
        let mut b = [0u8; SEGMENT_LEN];
        let s = self.start.to_le_bytes();
        let r = self.record.to_le_bytes();
        let mut i = 0;
        while i < 4 {
            b[field::START.start + i] = s[i];
            i += 1;
        }
        let mut i = 0;
        while i < 3 {
            b[field::RECORD.start + i] = r[i];
            i += 1;
        }
        b[field::FIELD] = self.field as u8 | if self.plain { field::PLAIN } else { 0 };
        b[field::ITEM] = self.item;
        b
    }

    /// Decodes the table encoding; `None` for an unknown field code.
    pub const fn decode(b: [u8; SEGMENT_LEN]) -> Option<Segment> {
        let (s, r) = (field::START.start, field::RECORD.start);
        match Field::from_u8(b[field::FIELD] & !field::PLAIN) {
            Some(f) => Some(Segment {
                start: u32::from_le_bytes([b[s], b[s + 1], b[s + 2], b[s + 3]]),
                record: u32::from_le_bytes([b[r], b[r + 1], b[r + 2], 0]),
                field: f,
                item: b[field::ITEM],
                plain: b[field::FIELD] & field::PLAIN != 0,
            }),
            None => None,
        }
    }

    /// The record this segment belongs to.
    pub const fn record_ref(self) -> RecordRef {
        RecordRef::new(self.field.kind(), self.record)
    }
}

/// A segment's record as one number: its kind in the top byte, its index
/// (24 bits, as [`field::RECORD`]) below. Neighbouring entries of one
/// record compare equal; the hot loops compare these, which compiles to
/// fewer instructions than comparing [`RecordRef`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordKey(u32);

impl RecordKey {
    /// The kind's code ([`Kind`] as `u8`).
    #[inline]
    pub const fn kind_code(self) -> u8 {
        (self.0 >> 24) as u8
    }

    /// The record's index within its kind.
    #[inline]
    pub const fn index(self) -> u32 {
        self.0 & 0xff_ffff
    }

    /// The record.
    #[inline]
    pub const fn record_ref(self) -> Option<RecordRef> {
        match Kind::from_u8(self.kind_code()) {
            Some(k) => Some(RecordRef::new(k, self.index())),
            None => None,
        }
    }
}

/// A view of a segment table, read in place.
///
/// After [`SegmentTable::check`] (validation checks the rest: every entry
/// against the record field it names), the accessors answer `None` only
/// for an index past the end. On an unchecked table they never panic.
#[derive(Clone, Copy, Debug)]
pub struct SegmentTable<'a> {
    bytes: &'a [u8],
}

impl<'a> SegmentTable<'a> {
    /// Wraps a `Segments` section without checking it.
    #[inline]
    pub const fn new_unchecked(bytes: &'a [u8]) -> SegmentTable<'a> {
        SegmentTable { bytes }
    }

    /// Wraps and checks a `Segments` section (see [`SegmentTable::check`]).
    pub fn new_checked(bytes: &'a [u8]) -> Result<SegmentTable<'a>, Error> {
        let table = SegmentTable::new_unchecked(bytes);
        table.check()?;
        Ok(table)
    }

    /// Checks that the table is whole entries: [`Error::BadIndex`] in
    /// `Segments` at its length otherwise.
    pub fn check(&self) -> Result<(), Error> {
        if self.bytes.len().is_multiple_of(SEGMENT_LEN) {
            Ok(())
        } else {
            Err(Error::BadIndex {
                section: Section::Segments,
                offset: self.bytes.len(),
            })
        }
    }

    /// The table's bytes.
    #[inline]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The number of (whole) entries.
    #[inline]
    pub const fn len(&self) -> usize {
        self.bytes.len() / SEGMENT_LEN
    }

    /// Whether the table has no entries.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first `n` entries (`None` past the end).
    #[inline]
    pub fn prefix(&self, n: usize) -> Option<SegmentTable<'a>> {
        let end = n.checked_mul(SEGMENT_LEN)?;
        Some(SegmentTable::new_unchecked(self.bytes.get(..end)?))
    }

    /// Entry `i`'s bytes.
    #[inline]
    fn entry(&self, i: usize) -> Option<&'a [u8]> {
        let at = i.checked_mul(SEGMENT_LEN)?;
        self.bytes.get(at..at.checked_add(SEGMENT_LEN)?)
    }

    /// Entry `i`, decoded (`None` also for an unknown field code, which a
    /// checked blob does not have).
    #[inline]
    pub fn get(&self, i: usize) -> Option<Segment> {
        Segment::decode(self.entry(i)?.try_into().ok()?)
    }

    /// Where entry `i`'s folded text starts in `Text`.
    #[inline]
    pub fn start(&self, i: usize) -> Option<u32> {
        let b = self.entry(i)?.get(field::START)?;
        Some(u32::from_le_bytes(b.try_into().ok()?))
    }

    /// Entry `i`'s record index within its kind.
    #[inline]
    pub fn record(&self, i: usize) -> Option<u32> {
        match *self.entry(i)?.get(field::RECORD)? {
            [a, b, c] => Some(u32::from_le_bytes([a, b, c, 0])),
            _ => None,
        }
    }

    /// Entry `i`'s field (`None` for an unknown code).
    #[inline]
    pub fn field(&self, i: usize) -> Option<Field> {
        Field::from_u8(self.entry(i)?.get(field::FIELD)? & !field::PLAIN)
    }

    /// Whether entry `i`'s folding kept every byte in place
    /// ([`Segment::plain`]); `false` past the end.
    #[inline]
    pub fn plain(&self, i: usize) -> bool {
        self.entry(i)
            .and_then(|e| e.get(field::FIELD))
            .is_some_and(|&f| f & field::PLAIN != 0)
    }

    /// Entry `i`'s record as one comparable [`RecordKey`] (`None` also for
    /// an unknown field code).
    #[inline]
    pub fn record_key(&self, i: usize) -> Option<RecordKey> {
        let kind = self.field(i)?.kind();
        Some(RecordKey((kind as u32) << 24 | self.record(i)?))
    }

    /// Entry `i`'s record: its field's kind and its index.
    #[inline]
    pub fn record_ref(&self, i: usize) -> Option<RecordRef> {
        Some(RecordRef::new(self.field(i)?.kind(), self.record(i)?))
    }

    /// Entry `i`'s folded text as a range of a `Text` section `text_len`
    /// bytes long, without its trailing `0`: from its start to one byte
    /// before the next entry's start (or the text's end).
    #[inline]
    pub fn text_range(&self, i: usize, text_len: usize) -> Option<(usize, usize)> {
        let s = self.get(i)?;
        let end = match self.get(i + 1) {
            Some(next) => (next.start as usize).checked_sub(1)?,
            None => text_len.checked_sub(1)?,
        };
        Some((s.start as usize, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEGS: [Segment; 3] = [
        Segment {
            start: 0,
            record: 0,
            field: Field::SourceOutlet,
            item: 0,
            plain: true,
        },
        Segment {
            start: 4,
            record: 0x01_02_03,
            field: Field::EntityAlias,
            item: 7,
            plain: false,
        },
        Segment {
            start: 9,
            record: 5,
            field: Field::DiscrepancyKeyword,
            item: 255,
            plain: true,
        },
    ];

    #[test]
    fn round_trip() {
        let mut buf = [0u8; 3 * SEGMENT_LEN];
        for (i, s) in SEGS.iter().enumerate() {
            let b = s.encode();
            assert_eq!(Segment::decode(b), Some(*s));
            buf[i * SEGMENT_LEN..(i + 1) * SEGMENT_LEN].copy_from_slice(&b);
        }
        let table = SegmentTable::new_checked(&buf).unwrap();
        assert_eq!(table.len(), 3);
        for (i, s) in SEGS.iter().enumerate() {
            assert_eq!(table.get(i), Some(*s));
            assert_eq!(table.start(i), Some(s.start));
            assert_eq!(table.record(i), Some(s.record));
            assert_eq!(table.field(i), Some(s.field));
            assert_eq!(table.record_ref(i), Some(s.record_ref()));
            assert_eq!(table.plain(i), s.plain);
            let key = table.record_key(i).unwrap();
            assert_eq!(key.kind_code(), s.field.kind() as u8);
            assert_eq!(key.index(), s.record);
            assert_eq!(key.record_ref(), Some(s.record_ref()));
        }
        assert_eq!(table.get(3), None);
        assert!(!table.plain(3));
        assert_eq!(table.record_key(3), None);
        assert_eq!(table.text_range(0, 12), Some((0, 3)));
        assert_eq!(table.text_range(2, 12), Some((9, 11)));
        assert_eq!(table.prefix(2).map(|t| t.len()), Some(2));
        assert!(table.prefix(4).is_none());
        assert_eq!(buf[SEGMENT_LEN + field::FIELD], Field::EntityAlias as u8);
        assert_eq!(buf[field::FIELD], field::PLAIN);
    }

    #[test]
    fn refusals() {
        let buf = [0u8; SEGMENT_LEN + 1];
        assert_eq!(
            SegmentTable::new_checked(&buf).map(|t| t.len()),
            Err(Error::BadIndex {
                section: Section::Segments,
                offset: SEGMENT_LEN + 1
            })
        );
        let mut bad = SEGS[0].encode();
        bad[field::FIELD] = 0x7f;
        assert_eq!(Segment::decode(bad), None);
        assert_eq!(SegmentTable::new_unchecked(&bad).field(0), None);
        assert_eq!(SegmentTable::new_unchecked(&[]).start(usize::MAX), None);
    }
}
