//! Limits: the fixed bounds the blob format and the query language promise,
//! kept beside the format so the compiler, the validator and the search
//! code all read the same numbers.
//!
//! The record and thread limits bound what a valid blob may hold (the
//! compiler refuses a corpus past them; validation refuses such a blob). The
//! query limits bound the fixed buffers a query is parsed into, so search
//! needs no heap and a known stack.

/// The most records of one kind a blob can hold: record indexes are stored
/// in 24 bits (in [`RecordRef`](crate::layout::RecordRef) and
/// [`Segment`](crate::layout::Segment) entries).
pub const MAX_RECORDS: u32 = (1 << 24) - 1;

/// The longest reply chain a blob may hold (a quote replying to a quote ...).
pub const MAX_THREAD_DEPTH: usize = 16;

/// The longest query accepted, in bytes.
pub const MAX_QUERY_LEN: usize = 256;
/// The most terms (words, prefixes and phrases) a query may have.
pub const MAX_TERMS: usize = 32;
/// The most terms a strict query (`Mode::Strict`, `Corpus::matches` in the
/// core) may have: each gets a `memmem` finder, and their space is bounded
/// for the Cortex-M0 stack budget.
pub const MAX_STRICT_TERMS: usize = 8;
