//! The feudfacts blob format: its byte layout, its record types, and the
//! text rules (folding, tokens, stems, ranking impacts) the compiler and the
//! reader must apply identically.
//!
//! One crate, used by both sides as an ordinary dependency: the `feudfacts`
//! core reads and validates blobs with it (and re-exports every module under
//! its old path), and `feudfacts-compile` writes them with it, so the writer
//! and the reader cannot drift. `no_std`, allocation-free, no `unsafe`.
//!
//! - [`layout`]: the blob layout, defined once: header field ranges, the
//!   [`Header`](layout::Header), [`RecordTable`](layout::RecordTable) and
//!   [`SegmentTable`](layout::SegmentTable) views, the table entries, the
//!   checksum and varints.
//! - [`records`]: the record types and their postcard encoding.
//! - [`fold`], [`tokens`], [`stem`], [`impact`]: how text is folded, split
//!   into terms, stemmed and weighed; the compiler builds the term index with
//!   them and the reader parses queries with them.
//! - [`limits`]: the bounds a blob and a query must keep.
//! - [`error`]: every way a blob, a query or a lookup can be refused.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod error;
pub mod fold;
pub mod impact;
pub mod layout;
pub mod limits;
pub mod records;
pub mod stem;
pub mod tokens;

pub use error::Error;
