//! The preamble: the fixed header and the section table, as named byte
//! ranges ([`field`]) and one [`Header`] that decodes (checking everything
//! the preamble promises) and encodes them.
//!
//! The reader (`Corpus::from_bytes` in the core) and the writer
//! (`compile/`) both go through [`Header`], so an offset is written down
//! once, here.

use super::{checksum, ByteRange, Section, Span, FORMAT_VERSION, MAGIC, SECTION_COUNT};
use crate::Error;

/// Where each field of the preamble lies, from the blob's first byte (all
/// integers little-endian).
pub mod field {
    use super::ByteRange;

    /// `b"FEUDFACT"`.
    pub const MAGIC: ByteRange = 0..8;
    /// The format version (`u16`).
    pub const VERSION: ByteRange = 8..10;
    /// The number of sections (`u16`).
    pub const SECTION_COUNT: ByteRange = 10..12;
    /// The blob's length in bytes (`u32`); trailing bytes are ignored.
    pub const TOTAL_LEN: ByteRange = 12..16;
    /// FNV-1a-32 of every byte of the blob except these four (`u32`).
    pub const CHECKSUM: ByteRange = 16..20;
    /// Zero (`u32`).
    pub const RESERVED: ByteRange = 20..24;
    /// Length of one section-table entry.
    pub const SECTION_ENTRY_LEN: usize = 8;
    /// Within a section-table entry: the section's absolute offset (`u32`).
    pub const SECTION_OFFSET: ByteRange = 0..4;
    /// Within a section-table entry: the section's length (`u32`).
    pub const SECTION_LEN: ByteRange = 4..8;

    /// Section-table entry `i` (the table follows the fixed header).
    pub const fn section(i: usize) -> ByteRange {
        let at = RESERVED.end + SECTION_ENTRY_LEN * i;
        at..at + SECTION_ENTRY_LEN
    }
}

/// Reads the little-endian `u16` at `r` (two bytes), if `b` holds it.
#[inline]
pub(crate) fn u16_at(b: &[u8], r: ByteRange) -> Option<u16> {
    b.get(r)?.try_into().ok().map(u16::from_le_bytes)
}

/// Reads the little-endian `u32` at `r` (four bytes), if `b` holds it.
#[inline]
pub(crate) fn u32_at(b: &[u8], r: ByteRange) -> Option<u32> {
    b.get(r)?.try_into().ok().map(u32::from_le_bytes)
}

/// Writes `v` little-endian into `r` of `out`, if `out` holds it.
#[inline]
fn put(out: &mut [u8], r: ByteRange, v: &[u8]) {
    if let Some(dst) = out.get_mut(r) {
        if dst.len() == v.len() {
            dst.copy_from_slice(v);
        }
    }
}

/// A blob's preamble, decoded: its length, checksum and section table
/// (the magic, version, section count and reserved field are constants).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// The blob's length in bytes, preamble included.
    pub total_len: u32,
    /// The stored checksum (see [`checksum`]).
    pub checksum: u32,
    /// Where each section lies, in [`Section`] order.
    pub sections: [Span; SECTION_COUNT],
}

impl Header {
    /// Decodes and checks the preamble of `bytes`, in this order: long
    /// enough for the preamble ([`Error::Truncated`]), the magic
    /// ([`Error::BadMagic`]), the version ([`Error::UnsupportedVersion`]),
    /// the section count, reserved field and declared length
    /// ([`Error::BadHeader`]), `bytes` holding the declared length
    /// ([`Error::Truncated`]), the checksum over it
    /// ([`Error::ChecksumMismatch`]), and the sections tiling the blob after
    /// the preamble in table order without gaps ([`Error::BadSection`]).
    /// Bytes past the declared length are ignored. Never panics.
    pub fn decode(bytes: &[u8]) -> Result<Header, Error> {
        let truncated = |needed| Error::Truncated {
            needed,
            actual: bytes.len(),
        };
        if bytes.len() < super::PREAMBLE_LEN {
            return Err(truncated(super::PREAMBLE_LEN));
        }
        if bytes.get(field::MAGIC) != Some(&MAGIC[..]) {
            return Err(Error::BadMagic);
        }
        let version = u16_at(bytes, field::VERSION).ok_or(Error::BadHeader)?;
        if version != FORMAT_VERSION {
            return Err(Error::UnsupportedVersion { found: version });
        }
        if u16_at(bytes, field::SECTION_COUNT) != Some(SECTION_COUNT as u16)
            || u32_at(bytes, field::RESERVED) != Some(0)
        {
            return Err(Error::BadHeader);
        }
        let total = u32_at(bytes, field::TOTAL_LEN).ok_or(Error::BadHeader)? as usize;
        if total < super::PREAMBLE_LEN {
            return Err(Error::BadHeader);
        }
        let blob = bytes.get(..total).ok_or_else(|| truncated(total))?;
        let stored = u32_at(blob, field::CHECKSUM).ok_or(Error::BadHeader)?;
        let computed = checksum(blob).ok_or(Error::BadHeader)?;
        if stored != computed {
            return Err(Error::ChecksumMismatch { stored, computed });
        }
        let mut sections = [Span::default(); SECTION_COUNT];
        let mut prev_end = super::PREAMBLE_LEN;
        for (i, section) in Section::ALL.iter().enumerate() {
            let bad = Error::BadSection { section: *section };
            let entry = blob.get(field::section(i)).ok_or(bad)?;
            let offset = u32_at(entry, field::SECTION_OFFSET).ok_or(bad)?;
            let len = u32_at(entry, field::SECTION_LEN).ok_or(bad)?;
            let end = (offset as usize).checked_add(len as usize).ok_or(bad)?;
            // Sections tile the blob in table order, with no gaps: no byte
            // inside the declared length escapes validation.
            if offset as usize != prev_end || end > total {
                return Err(bad);
            }
            prev_end = end;
            if let Some(s) = sections.get_mut(i) {
                *s = Span { offset, len };
            }
        }
        if prev_end != total {
            return Err(Error::BadSection {
                section: Section::ALL[SECTION_COUNT - 1],
            });
        }
        Ok(Header {
            total_len: total as u32,
            checksum: stored,
            sections,
        })
    }

    /// Writes the preamble into `out[..PREAMBLE_LEN]`: magic, version,
    /// section count, length, the stored checksum, reserved zero and the
    /// section table. [`Error::BufferTooSmall`] when `out` is shorter.
    ///
    /// To seal a blob, encode with any checksum, compute
    /// [`checksum`] over the whole blob (it skips the
    /// checksum field), then encode again with it.
    pub fn encode(&self, out: &mut [u8]) -> Result<(), Error> {
        if out.len() < super::PREAMBLE_LEN {
            return Err(Error::BufferTooSmall {
                needed: super::PREAMBLE_LEN,
            });
        }
        put(out, field::MAGIC, &MAGIC);
        put(out, field::VERSION, &FORMAT_VERSION.to_le_bytes());
        put(
            out,
            field::SECTION_COUNT,
            &(SECTION_COUNT as u16).to_le_bytes(),
        );
        put(out, field::TOTAL_LEN, &self.total_len.to_le_bytes());
        put(out, field::CHECKSUM, &self.checksum.to_le_bytes());
        put(out, field::RESERVED, &0u32.to_le_bytes());
        for (i, s) in self.sections.iter().enumerate() {
            if let Some(entry) = out.get_mut(field::section(i)) {
                put(entry, field::SECTION_OFFSET, &s.offset.to_le_bytes());
                put(entry, field::SECTION_LEN, &s.len.to_le_bytes());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::PREAMBLE_LEN;
    use super::*;

    /// A blob of `PREAMBLE_LEN + 18` bytes: one byte per section, sealed.
    fn sample() -> ([u8; PREAMBLE_LEN + SECTION_COUNT], Header) {
        let mut blob = [0u8; PREAMBLE_LEN + SECTION_COUNT];
        let mut sections = [Span::default(); SECTION_COUNT];
        for (i, s) in sections.iter_mut().enumerate() {
            *s = Span {
                offset: (PREAMBLE_LEN + i) as u32,
                len: 1,
            };
            blob[PREAMBLE_LEN + i] = i as u8 + 1;
        }
        let mut header = Header {
            total_len: blob.len() as u32,
            checksum: 0,
            sections,
        };
        header.encode(&mut blob).unwrap();
        header.checksum = checksum(&blob).unwrap();
        header.encode(&mut blob).unwrap();
        (blob, header)
    }

    #[test]
    fn round_trip() {
        let (blob, header) = sample();
        assert_eq!(&blob[field::MAGIC], b"FEUDFACT");
        assert_eq!(Header::decode(&blob), Ok(header));
        // Trailing bytes are ignored.
        let mut longer = [0xffu8; PREAMBLE_LEN + SECTION_COUNT + 3];
        longer[..blob.len()].copy_from_slice(&blob);
        assert_eq!(Header::decode(&longer), Ok(header));
        // Re-encoding the decoded header gives the same bytes.
        let mut again = [0u8; PREAMBLE_LEN];
        Header::decode(&blob).unwrap().encode(&mut again).unwrap();
        assert_eq!(again[..], blob[..PREAMBLE_LEN]);
    }

    #[test]
    fn refusals() {
        let (blob, _) = sample();
        assert_eq!(
            Header::decode(&blob[..PREAMBLE_LEN - 1]),
            Err(Error::Truncated {
                needed: PREAMBLE_LEN,
                actual: PREAMBLE_LEN - 1
            })
        );
        let mut bad = blob;
        bad[0] ^= 1;
        assert_eq!(Header::decode(&bad), Err(Error::BadMagic));
        let mut bad = blob;
        bad[field::VERSION.start] ^= 0x40;
        assert!(matches!(
            Header::decode(&bad),
            Err(Error::UnsupportedVersion { .. })
        ));
        let mut bad = blob;
        bad[field::RESERVED.start] = 1;
        assert_eq!(Header::decode(&bad), Err(Error::BadHeader));
        let mut bad = blob;
        *bad.last_mut().unwrap() ^= 1;
        assert!(matches!(
            Header::decode(&bad),
            Err(Error::ChecksumMismatch { .. })
        ));
        let mut short = [0u8; PREAMBLE_LEN];
        assert_eq!(
            Header::decode(&blob)
                .unwrap()
                .encode(&mut short[..PREAMBLE_LEN - 1]),
            Err(Error::BufferTooSmall {
                needed: PREAMBLE_LEN
            })
        );
    }
}
