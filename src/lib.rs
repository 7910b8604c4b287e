//! A sourced, offline fact base on the January 2025 public feud between Elon
//! Musk and Sam Altman over the Stargate AI project, and their rivalry back to
//! OpenAI's founding in 2015.
//!
//! The facts — sources, entities, verbatim quotes, events, figures and the
//! places where the articles disagree — are compiled from `corpus/feud.toml`
//! by `build.rs` (with the `feudfacts-compile` crate, `compile/`) into one
//! postcard blob embedded in the library. This
//! crate is `no_std`, never allocates, and reads records from the blob
//! zero-copy, one at a time:
//!
//! ```
//! use feudfacts::{Corpus, Filter, Hit, Kind, KindSet};
//!
//! let corpus = Corpus::embedded();
//! let altman = corpus.entity_by_name("@sama").unwrap();
//! assert_eq!(corpus.entity(altman).unwrap().name.as_str(), "Sam Altman");
//!
//! let mut hits = [Hit::EMPTY; 5];
//! let quotes = Filter { kinds: KindSet::only(Kind::Quote), ..Filter::NONE };
//! let found = corpus.search_str("softbank secured", &quotes, &mut hits).unwrap();
//! assert_eq!(found.total, 1);
//! let quote = corpus.quote(hits[0].record.index).unwrap();
//! assert!(quote.text.as_str().starts_with("SoftBank has well under $10B"));
//! // Who it answers, and who answered it: the January 22 exchange.
//! let thread: Vec<_> = corpus.thread(hits[0].record.index).collect();
//! assert_eq!(thread.len(), 2);
//! ```
//!
//! Modules, one concept each. From the `feudfacts-format` crate (`format/`,
//! shared with the compiler, re-exported here): [`format`] (the blob
//! layout), [`records`] (the record types), [`fold`] (text folding),
//! [`tokens`] and [`stem`] (search terms), [`impact`] (ranking arithmetic),
//! [`limits`] (record, thread and query bounds), [`error`] (every refusal).
//! The core's own: [`corpus`] (validation and lookups), [`search`] (query
//! language and matching; its [`analyze`], [`typo`] and [`best`] are best
//! match), [`index`] (the optional word index), [`terms`] (the term index),
//! [`synonyms`], [`amounts`], [`display`] (small-screen helpers).

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod amounts;
pub mod corpus;
pub mod display;
pub mod index;
pub mod search;
pub mod synonyms;
pub mod terms;

// The blob format, shared with the compiler: defined in `feudfacts-format`
// (`format/`), re-exported here under the paths the core has always had.
pub use feudfacts_format::layout as format;
pub use feudfacts_format::{error, fold, impact, limits, records, stem, tokens};

pub use corpus::{Corpus, Stats, Thread};
pub use display::{translit, translit_into, wrap, write_line, Charset};
pub use error::Error;
pub use format::{Field, Kind, RecordRef};
pub use index::WordIndex;
pub use records::{
    Date, Dating, Discrepancy, Entity, EntityKind, Event, Figure, Medium, Packed, Phrasing,
    Precision, Qualifier, Quote, Record, Side, Source, Text, Variant,
};
pub use search::{analyze, best, typo};
pub use search::{
    Filter, Hit, KindSet, Matches, Mode, Query, Records, Summary, TermKind, MAX_QUERY_LEN,
    MAX_STRICT_TERMS, MAX_TERMS,
};

impl Hit {
    /// A placeholder for initialising hit buffers.
    pub const EMPTY: Hit = Hit {
        record: RecordRef::new(Kind::Source, 0),
        field: Field::SourceOutlet,
        item: 0,
        start: 0,
        end: 0,
        matched_fields: 0,
        primary: false,
        date: None,
        score: 0,
        complete: false,
    };
}
