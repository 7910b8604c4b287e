//! feudfacts in the browser: the no_std core compiled to WebAssembly, for the
//! offline touchscreen kiosk page in `web/page/`.
//!
//! The module is built for `wasm32-unknown-unknown` (`web/build.sh`) and
//! embeds the corpus blob, so the page needs no data file and no network.
//! Its interface is a handful of plain `extern "C"` functions ([`abi`]): a
//! query goes in as UTF-8 in linear memory, and every answer comes back as
//! one JSON text, which the page parses and shows. Each answer is built by
//! a module of its own: [`search`] (ranked hits with every query word
//! marked, via [`highlight`]), [`cards`] (a record with every reference
//! resolved), [`lists`] (timeline, reply thread, disagreements, quote of
//! the day, counts), sharing [`refs`] and written with [`json`]; a refusal
//! is a JSON error ([`error`]), never a trap.
//!
//! Everything here is ordinary safe Rust that builds for the host too, so
//! `cargo test -p feudfacts-wasm` checks every response without a browser;
//! `web/test/` checks the page in Chromium.

#![deny(unsafe_code)]
#![deny(missing_docs)]

pub mod abi;
pub mod cards;
pub mod error;
pub mod highlight;
pub mod json;
pub mod lists;
pub mod refs;
pub mod search;
