//! Errors: every way a blob, a query or a lookup can be refused.
//!
//! One flat enum, `Copy`, with the offending offset or record where it helps,
//! so firmware can match on it without formatting and the C ABI can map each
//! variant to a status code. [`Error::message`] gives a static English message
//! without `core::fmt`.

use crate::layout::{Kind, Section};

/// Why a blob, a query or a lookup was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// The blob is shorter than its header or than its declared length.
    Truncated {
        /// Bytes needed.
        needed: usize,
        /// Bytes given.
        actual: usize,
    },
    /// The blob does not start with `FEUDFACT`.
    BadMagic,
    /// The blob was written in a format version this code does not read.
    UnsupportedVersion {
        /// The version in the blob.
        found: u16,
    },
    /// The header's section count or reserved field is wrong.
    BadHeader,
    /// The checksum does not match the contents.
    ChecksumMismatch {
        /// The checksum stored in the header.
        stored: u32,
        /// The checksum of the contents.
        computed: u32,
    },
    /// A section lies outside the blob, overlaps the header or is misaligned.
    BadSection {
        /// The section.
        section: Section,
    },
    /// A record table's count or offsets are inconsistent.
    BadRecordTable {
        /// The kind whose table is bad.
        kind: Kind,
    },
    /// A record does not decode, or its strings or lists are malformed.
    BadRecord {
        /// The record's kind.
        kind: Kind,
        /// The record's index.
        index: u32,
    },
    /// A record refers to a record that does not exist, or a reply chain
    /// loops or is deeper than [`crate::limits::MAX_THREAD_DEPTH`].
    BadReference {
        /// The kind of the record holding the reference.
        kind: Kind,
        /// The index of the record holding the reference.
        index: u32,
    },
    /// The search text, segment, date, timeline or key index does not match
    /// the records.
    BadIndex {
        /// The section that is inconsistent.
        section: Section,
        /// The byte offset within the section where it was noticed.
        offset: usize,
    },
    /// The query is empty (or folds to nothing).
    EmptyQuery,
    /// The query is longer than [`crate::limits::MAX_QUERY_LEN`] bytes.
    QueryTooLong {
        /// The query's length in bytes.
        len: usize,
    },
    /// The query has more than [`crate::limits::MAX_TERMS`] terms.
    TooManyTerms,
    /// The input is not valid UTF-8.
    InvalidUtf8 {
        /// Length of the valid prefix.
        valid_up_to: usize,
    },
    /// No record has this id, key or name.
    NotFound,
    /// An argument is out of range (an unknown kind, a reversed date range).
    InvalidArgument,
    /// The output buffer is too small.
    BufferTooSmall {
        /// Bytes needed.
        needed: usize,
    },
}

impl Error {
    /// A short English description, without formatting machinery.
    pub const fn message(&self) -> &'static str {
        match self {
            Error::Truncated { .. } => "blob is truncated",
            Error::BadMagic => "not a feudfacts blob (bad magic)",
            Error::UnsupportedVersion { .. } => "unsupported blob format version",
            Error::BadHeader => "malformed blob header",
            Error::ChecksumMismatch { .. } => "blob checksum mismatch (corrupted)",
            Error::BadSection { .. } => "blob section out of bounds",
            Error::BadRecordTable { .. } => "malformed record table",
            Error::BadRecord { .. } => "malformed record",
            Error::BadReference { .. } => "record refers to a missing record",
            Error::BadIndex { .. } => "search or lookup index does not match the records",
            Error::EmptyQuery => "query is empty",
            Error::QueryTooLong { .. } => "query is too long",
            Error::TooManyTerms => "query has too many terms",
            Error::InvalidUtf8 { .. } => "input is not valid UTF-8",
            Error::NotFound => "no such record",
            Error::InvalidArgument => "invalid argument",
            Error::BufferTooSmall { .. } => "buffer too small",
        }
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.message())?;
        match *self {
            Error::Truncated { needed, actual } => {
                write!(f, " (needs {needed} bytes, got {actual})")
            }
            Error::UnsupportedVersion { found } => write!(f, " ({found})"),
            Error::ChecksumMismatch { stored, computed } => {
                write!(f, " (stored {stored:#010x}, computed {computed:#010x})")
            }
            Error::BadSection { section } => write!(f, " ({section:?})"),
            Error::BadRecordTable { kind } => write!(f, " ({})", kind.name()),
            Error::BadRecord { kind, index } | Error::BadReference { kind, index } => {
                write!(f, " ({} {index})", kind.name())
            }
            Error::BadIndex { section, offset } => write!(f, " ({section:?} at {offset})"),
            Error::QueryTooLong { len } => {
                write!(f, " ({len} bytes, max {})", crate::limits::MAX_QUERY_LEN)
            }
            Error::InvalidUtf8 { valid_up_to } => write!(f, " (at byte {valid_up_to})"),
            Error::BufferTooSmall { needed } => write!(f, " (needs {needed} bytes)"),
            _ => Ok(()),
        }
    }
}
