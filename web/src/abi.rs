//! The WebAssembly exports: plain `extern "C"` functions over linear memory.
//!
//! Strings go in through one input buffer and come out as one JSON text in
//! one output buffer; everything else is a 32-bit number. The script:
//!
//! 1. `p = feud_input(n)` makes room for `n` bytes (at most [`MAX_INPUT`])
//!    and returns where to write them (0 when `n` is too large);
//! 2. it writes the UTF-8 bytes there and calls, say, `feud_search(n, …)`;
//! 3. every call returns the length of its response, which starts at
//!    `feud_output()`: a JSON object, or `{"error":{…}}` (see
//!    [`crate::error`]). It stays there until the next call.
//!
//! No call keeps a Rust borrow of either buffer across its return, so the
//! script writes into the input buffer only while no Rust code runs; memory
//! may grow during any call, so the script takes a fresh view of it after
//! each one. The page is single-threaded: `thread_local` holds the buffers.
//!
//! `#[unsafe(no_mangle)]` is the only unsafe construct: it asserts that the
//! exported names clash with no other symbol, which holds in a module that
//! links nothing but this crate, the core and `std`.

#![allow(unsafe_code)]

use crate::search::Request;
use crate::{cards, error, lists, search};
use feudfacts::{Corpus, Error, Kind, RecordRef};
use std::cell::RefCell;

/// The longest input accepted, in bytes: a query is at most
/// [`feudfacts::MAX_QUERY_LEN`]; a longer input gets a specific error from
/// the core rather than being cut.
pub const MAX_INPUT: u32 = 4096;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Stores a response (or its error) as the output; returns its length.
fn respond(r: Result<String, Error>) -> u32 {
    let json = r.unwrap_or_else(|e| error::response(&e));
    let len = json.len() as u32;
    OUTPUT.with(|o| *o.borrow_mut() = json.into_bytes());
    len
}

/// Runs `f` on the first `len` input bytes; [`Error::InvalidArgument`] when
/// fewer were reserved.
fn with_input(len: u32, f: impl FnOnce(&[u8]) -> Result<String, Error>) -> u32 {
    let r = INPUT.with(|i| match i.borrow().get(..len as usize) {
        Some(bytes) => f(bytes),
        None => Err(Error::InvalidArgument),
    });
    respond(r)
}

/// Copies `bytes` into the input buffer, as the script does through the
/// pointer [`feud_input`] returns; for callers inside Rust (the tests).
pub fn set_input(bytes: &[u8]) -> u32 {
    INPUT.with(|i| *i.borrow_mut() = bytes.to_vec());
    bytes.len() as u32
}

/// The last response, for callers inside Rust (the tests).
pub fn output() -> String {
    OUTPUT.with(|o| String::from_utf8_lossy(&o.borrow()).into_owned())
}

/// Reserves `len` input bytes (zeroed) and returns where they start, or
/// null when `len` exceeds [`MAX_INPUT`].
#[unsafe(no_mangle)]
pub extern "C" fn feud_input(len: u32) -> *mut u8 {
    if len > MAX_INPUT {
        return core::ptr::null_mut();
    }
    INPUT.with(|i| {
        let mut i = i.borrow_mut();
        i.clear();
        i.resize(len as usize, 0);
        i.as_mut_ptr()
    })
}

/// Where the last response starts.
#[unsafe(no_mangle)]
pub extern "C" fn feud_output() -> *const u8 {
    OUTPUT.with(|o| o.borrow().as_ptr())
}

/// Searches for the `len`-byte query in the input buffer (see
/// [`search::Request`] for the other arguments and [`search::search`] for
/// the response).
#[unsafe(no_mangle)]
pub extern "C" fn feud_search(
    len: u32,
    kinds: u32,
    entity: u32,
    from: u32,
    to: u32,
    limit: u32,
    flags: u32,
) -> u32 {
    with_input(len, |query| {
        let req = Request {
            query,
            kinds,
            entity,
            from,
            to,
            limit,
            flags,
        };
        search::search(&Corpus::embedded(), &req)
    })
}

/// The card of record `index` of kind `kind` (a [`Kind`] code), see
/// [`cards::card`].
#[unsafe(no_mangle)]
pub extern "C" fn feud_record(kind: u32, index: u32) -> u32 {
    let kind = u8::try_from(kind).ok().and_then(Kind::from_u8);
    respond(match kind {
        Some(k) => cards::card(&Corpus::embedded(), RecordRef::new(k, index)),
        None => Err(Error::InvalidArgument),
    })
}

/// The kind and index of the record whose key is the `len` input bytes.
#[unsafe(no_mangle)]
pub extern "C" fn feud_find_key(len: u32) -> u32 {
    with_input(len, |key| lists::find_key(&Corpus::embedded(), key))
}

/// The timeline, or the part of it overlapping `from..=to` (packed dates, 0
/// for an open end).
#[unsafe(no_mangle)]
pub extern "C" fn feud_timeline(from: u32, to: u32) -> u32 {
    respond(lists::timeline(&Corpus::embedded(), from, to))
}

/// The reply thread around quote `quote`.
#[unsafe(no_mangle)]
pub extern "C" fn feud_thread(quote: u32) -> u32 {
    respond(lists::thread(&Corpus::embedded(), quote))
}

/// Every place where the articles disagree.
#[unsafe(no_mangle)]
pub extern "C" fn feud_disagreements() -> u32 {
    respond(Ok(lists::disagreements(&Corpus::embedded())))
}

/// The card of the quote of the day for `seed`.
#[unsafe(no_mangle)]
pub extern "C" fn feud_quote_of_the_day(seed: u32) -> u32 {
    respond(lists::quote_of_the_day(&Corpus::embedded(), seed))
}

/// The corpus's record counts and size.
#[unsafe(no_mangle)]
pub extern "C" fn feud_stats() -> u32 {
    respond(Ok(lists::stats(&Corpus::embedded())))
}
