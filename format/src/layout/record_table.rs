//! Record tables, the layout of the six record sections (`Sources` ..
//! `Discrepancies`): `count: u32`, then `count + 1` offsets (`u32`,
//! relative to the data area, the first 0, non-decreasing, the last the
//! data area's length), then the data area, in which record `i` is the
//! postcard encoding of its type in `data[offsets[i]..offsets[i + 1]]`.
//!
//! [`RecordTable`] is the view both sides use: [`RecordTable::check`] once
//! (validation), then accessors that cannot fail on a checked table;
//! [`RecordTable::encode_index`] writes the count and offsets.

use super::header::u32_at;
use super::{ByteRange, Kind};
use crate::limits::MAX_RECORDS;
use crate::Error;

/// Where the fields of a record table lie, from the section's first byte.
pub mod field {
    use super::ByteRange;

    /// The number of records (`u32`).
    pub const COUNT: ByteRange = 0..4;

    /// Offset `i` (`u32`, relative to the data area), for `i` in
    /// `0..=count`.
    pub const fn offset(i: usize) -> ByteRange {
        let at = COUNT.end + 4 * i;
        at..at + 4
    }

    /// Where the data area starts in a table of `count` records: past the
    /// count and the `count + 1` offsets.
    pub const fn data_start(count: usize) -> usize {
        offset(count).end
    }
}

/// A view of one record table.
#[derive(Clone, Copy, Debug)]
pub struct RecordTable<'a> {
    bytes: &'a [u8],
}

impl<'a> RecordTable<'a> {
    /// Wraps a section's bytes without checking them: the accessors never
    /// panic, but on a malformed table they may answer `None` or 0.
    #[inline]
    pub const fn new_unchecked(bytes: &'a [u8]) -> RecordTable<'a> {
        RecordTable { bytes }
    }

    /// Wraps and checks a section's bytes (see [`RecordTable::check`]).
    pub fn new_checked(bytes: &'a [u8], kind: Kind) -> Result<RecordTable<'a>, Error> {
        let table = RecordTable::new_unchecked(bytes);
        table.check(kind)?;
        Ok(table)
    }

    /// Checks the count (at most [`MAX_RECORDS`]) and the offsets (the first
    /// 0, non-decreasing, the last exactly the data area's length), so every
    /// record's bytes lie inside the table. [`Error::BadRecordTable`] names
    /// `kind`. Returns the count.
    pub fn check(&self, kind: Kind) -> Result<usize, Error> {
        let bad = Error::BadRecordTable { kind };
        let count = u32_at(self.bytes, field::COUNT).ok_or(bad)? as usize;
        if count > MAX_RECORDS as usize {
            return Err(bad);
        }
        let data_len = self
            .bytes
            .len()
            .checked_sub(field::data_start(count))
            .ok_or(bad)?;
        let mut prev = 0;
        for i in 0..=count {
            let off = u32_at(self.bytes, field::offset(i)).ok_or(bad)? as usize;
            if (i == 0 && off != 0) || off < prev || off > data_len {
                return Err(bad);
            }
            prev = off;
        }
        if prev != data_len {
            return Err(bad);
        }
        Ok(count)
    }

    /// The table's bytes.
    #[inline]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The number of records (0 when the table is too short to say).
    #[inline]
    pub fn count(&self) -> usize {
        u32_at(self.bytes, field::COUNT).unwrap_or(0) as usize
    }

    /// The encoded bytes of record `index`; `None` when there is no such
    /// record (never, for `index < count`, on a checked table).
    #[inline]
    pub fn record(&self, index: u32) -> Option<&'a [u8]> {
        let count = u32_at(self.bytes, field::COUNT)? as usize;
        let i = index as usize;
        if i >= count {
            return None;
        }
        let data_start = field::data_start(count);
        let start = u32_at(self.bytes, field::offset(i))? as usize;
        let end = u32_at(self.bytes, field::offset(i + 1))? as usize;
        self.bytes
            .get(data_start.checked_add(start)?..data_start.checked_add(end)?)
    }

    /// Writes the count and offsets of a table whose records are `lens`
    /// bytes long, in order, into `out[..data_start(lens.len())]` (the
    /// records' bytes follow there). [`Error::BufferTooSmall`] when `out` is
    /// shorter; [`Error::InvalidArgument`] when the records or their total
    /// size do not fit the format.
    pub fn encode_index(lens: &[usize], out: &mut [u8]) -> Result<(), Error> {
        let needed = field::data_start(lens.len());
        if out.len() < needed {
            return Err(Error::BufferTooSmall { needed });
        }
        if lens.len() > MAX_RECORDS as usize {
            return Err(Error::InvalidArgument);
        }
        let mut put = |i: usize, v: u32| {
            if let Some(dst) = out.get_mut(field::offset(i)) {
                dst.copy_from_slice(&v.to_le_bytes());
            }
        };
        let mut off = 0u32;
        put(0, off);
        for (i, &len) in lens.iter().enumerate() {
            let len = u32::try_from(len).map_err(|_| Error::InvalidArgument)?;
            off = off.checked_add(len).ok_or(Error::InvalidArgument)?;
            put(i + 1, off);
        }
        if let Some(dst) = out.get_mut(field::COUNT) {
            dst.copy_from_slice(&(lens.len() as u32).to_le_bytes());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let records: [&[u8]; 3] = [b"abc", b"", b"defgh"];
        let lens = records.map(<[u8]>::len);
        let start = field::data_start(records.len());
        assert_eq!(start, 4 + 4 * (records.len() + 1));
        let mut buf = [0u8; 64];
        RecordTable::encode_index(&lens, &mut buf).unwrap();
        let mut at = start;
        for r in records {
            buf[at..at + r.len()].copy_from_slice(r);
            at += r.len();
        }
        let table = RecordTable::new_checked(&buf[..at], Kind::Quote).unwrap();
        assert_eq!(table.count(), 3);
        for (i, r) in records.iter().enumerate() {
            assert_eq!(table.record(i as u32), Some(*r));
        }
        assert_eq!(table.record(3), None);
    }

    #[test]
    fn refusals() {
        let bad = Err(Error::BadRecordTable { kind: Kind::Event });
        let mut buf = [0u8; 20];
        RecordTable::encode_index(&[2, 1], &mut buf).unwrap();
        // The data area (from byte 16) is 3 bytes: a byte short or long is
        // refused.
        assert_eq!(
            RecordTable::new_unchecked(&buf[..18]).check(Kind::Event),
            bad
        );
        assert_eq!(
            RecordTable::new_unchecked(&buf[..20]).check(Kind::Event),
            bad
        );
        assert_eq!(
            RecordTable::new_unchecked(&buf[..19]).check(Kind::Event),
            Ok(2)
        );
        // Decreasing offsets.
        let mut dec = buf;
        dec[field::offset(2)].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(
            RecordTable::new_unchecked(&dec[..19]).check(Kind::Event),
            bad
        );
        assert_eq!(RecordTable::new_unchecked(&[]).count(), 0);
        assert_eq!(RecordTable::new_unchecked(&[]).record(0), None);
        assert_eq!(
            RecordTable::encode_index(&[1], &mut [0u8; 11]),
            Err(Error::BufferTooSmall { needed: 12 })
        );
    }
}
