//! The C ABI of feudfacts: `libfeudfacts.a` / `libfeudfacts.so` and the
//! header `include/feudfacts.h` that cbindgen generates from this file.
//!
//! Why it looks like this: C callers (a kiosk, Cortex-M firmware, Python's
//! ctypes) need an interface with no ownership to think about. Nothing here
//! allocates: a corpus handle and a search cursor are plain structs the caller
//! owns (on its stack or in a static); every string handed out points into the
//! read-only blob, where it is NUL-terminated, and comes with its length.
//! Every function returns a [`feud_status`]; NULL pointers, bad UTF-8, bad ids
//! and malformed blobs are refused with their own code and never crash.
//!
//! The library is `no_std` (and then defines a trapping `#[panic_handler]`,
//! unless the feature `no-panic-handler` leaves that to the firmware) whenever
//! it is built with `panic = "abort"`, as in the release profile and on bare
//! metal. Builds that unwind (the dev and test profiles on a host) link `std`,
//! which provides the unwinding runtime; `extern "C"` functions abort rather
//! than unwind into C either way.

#![cfg_attr(not(any(test, feature = "std", panic = "unwind")), no_std)]
#![deny(missing_docs)]
#![allow(non_camel_case_types)]

use core::ffi::{c_char, c_int, CStr};
use core::mem::{align_of, size_of, MaybeUninit};
use core::ptr;

use feudfacts::format::Segment;
use feudfacts::{
    Charset, Corpus, Dating, Error, Field, Filter, Hit, Kind, KindSet, Matches, Mode, Query,
    Record, RecordRef, Text,
};

// ----- panic handler ---------------------------------------------------------

/// Without std (firmware, release builds) a panic traps at once: there is no
/// unwinding, no formatting and nothing to report to. The library does not
/// panic on any input; this is the last line of defence. Firmware that wants
/// its own handler (to log, reset or blink) builds with the feature
/// `no-panic-handler` and defines `#[panic_handler]` itself.
#[cfg(not(any(test, feature = "std", feature = "no-panic-handler", panic = "unwind")))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    // SAFETY: `ud2` raises an invalid-opcode trap (SIGILL on a host); it
    // touches no memory and does not return.
    unsafe {
        core::arch::asm!("ud2", options(noreturn, nomem, nostack))
    }
    #[cfg(any(target_arch = "arm", target_arch = "aarch64"))]
    // SAFETY: `udf` is the permanently undefined instruction: it raises
    // UsageFault/HardFault (SIGILL on a host), touches no memory, never returns.
    unsafe {
        core::arch::asm!("udf #0", options(noreturn, nomem, nostack))
    }
    #[allow(unreachable_code)]
    loop {
        core::hint::spin_loop();
    }
}

/// The unwinding personality routine that the precompiled `core` of hosted
/// targets refers to from its unwind tables. With `panic = "abort"` nothing
/// ever unwinds, so it is never called; it only has to exist, or the shared
/// library fails to load (`undefined symbol: rust_eh_personality`) and the
/// static one fails to link. Bare-metal targets (`target_os = "none"`) ship a
/// `core` built for abort and need none.
#[cfg(not(any(test, feature = "std", panic = "unwind", target_os = "none")))]
#[no_mangle]
pub extern "C" fn rust_eh_personality() {}

// ----- version ---------------------------------------------------------------

/// Major version of this header (the library's is `feud_version()`).
pub const FEUD_VERSION_MAJOR: u32 = 0;
/// Minor version of this header.
pub const FEUD_VERSION_MINOR: u32 = 3;
/// Patch version of this header.
pub const FEUD_VERSION_PATCH: u32 = 0;

/// The longest query accepted, in bytes (without the NUL).
pub const FEUD_MAX_QUERY_LEN: u32 = 256;
/// The most terms (words, prefixes, phrases) a query may have.
pub const FEUD_MAX_TERMS: u32 = 32;
/// The most terms a strict query (`FEUD_MODE_STRICT`, `feud_cursor_open`)
/// may have.
pub const FEUD_MAX_STRICT_TERMS: u32 = 8;
/// The deepest reply thread (depth of the deepest reply).
pub const FEUD_MAX_THREAD_DEPTH: u32 = 16;
/// The most records of one kind a corpus can hold (2^24 - 1, blob format
/// version 2). Record indexes (ids) are `uint32_t` everywhere, and every
/// valid one is below this.
pub const FEUD_MAX_RECORDS: u32 = 16777215;

// `feud_quote.reply_to` is an `int32_t` (-1 for none): every index fits.
const _: () = assert!(FEUD_MAX_RECORDS <= i32::MAX as u32);

/// The library's version, `"MAJOR.MINOR.PATCH"` (static, NUL-terminated).
/// Compare with `FEUD_VERSION_STRING` to catch a header/library mismatch.
#[no_mangle]
pub extern "C" fn feud_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

// ----- status ----------------------------------------------------------------

/// What every function returns. `FEUD_OK` is 0; everything else is a refusal
/// that leaves the outputs unchanged (unless the function says otherwise)
/// and the library fully usable.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum feud_status {
    /// Success.
    FEUD_OK = 0,
    /// A required pointer argument was NULL.
    FEUD_ERR_NULL = 1,
    /// A string argument is not valid UTF-8.
    FEUD_ERR_INVALID_UTF8 = 2,
    /// The query is empty (or only punctuation and spaces).
    FEUD_ERR_EMPTY_QUERY = 3,
    /// The query is longer than `FEUD_MAX_QUERY_LEN` bytes.
    FEUD_ERR_QUERY_TOO_LONG = 4,
    /// The query has more than `FEUD_MAX_TERMS` terms.
    FEUD_ERR_TOO_MANY_TERMS = 5,
    /// The output buffer was too small: it holds a NUL-terminated prefix and
    /// `*needed` says how many bytes (without the NUL) the whole result needs.
    FEUD_ERR_BUFFER_TOO_SMALL = 6,
    /// No record has this id, key or name; or an index is past the end of a
    /// list, the timeline, a thread or a cursor.
    FEUD_ERR_NOT_FOUND = 7,
    /// An argument is out of range: an unknown kind, list or charset, a
    /// handle or cursor that was never opened (or was copied), a bad date.
    FEUD_ERR_INVALID_ARGUMENT = 8,
    /// The blob is shorter than its header says.
    FEUD_ERR_TRUNCATED = 9,
    /// The bytes are not a feudfacts blob (wrong magic).
    FEUD_ERR_BAD_MAGIC = 10,
    /// The blob is in a format version this library does not read.
    FEUD_ERR_UNSUPPORTED_VERSION = 11,
    /// The blob's checksum does not match its contents.
    FEUD_ERR_CHECKSUM_MISMATCH = 12,
    /// The blob's checksum matches but its contents are malformed.
    FEUD_ERR_MALFORMED_BLOB = 13,
}

use feud_status::*;

type Res<T = ()> = Result<T, feud_status>;

fn done(r: Res) -> feud_status {
    match r {
        Ok(()) => FEUD_OK,
        Err(s) => s,
    }
}

const fn status_of(e: Error) -> feud_status {
    match e {
        Error::Truncated { .. } => FEUD_ERR_TRUNCATED,
        Error::BadMagic => FEUD_ERR_BAD_MAGIC,
        Error::UnsupportedVersion { .. } => FEUD_ERR_UNSUPPORTED_VERSION,
        Error::ChecksumMismatch { .. } => FEUD_ERR_CHECKSUM_MISMATCH,
        Error::BadHeader
        | Error::BadSection { .. }
        | Error::BadRecordTable { .. }
        | Error::BadRecord { .. }
        | Error::BadReference { .. }
        | Error::BadIndex { .. } => FEUD_ERR_MALFORMED_BLOB,
        Error::EmptyQuery => FEUD_ERR_EMPTY_QUERY,
        Error::QueryTooLong { .. } => FEUD_ERR_QUERY_TOO_LONG,
        Error::TooManyTerms => FEUD_ERR_TOO_MANY_TERMS,
        Error::InvalidUtf8 { .. } => FEUD_ERR_INVALID_UTF8,
        Error::NotFound => FEUD_ERR_NOT_FOUND,
        Error::InvalidArgument => FEUD_ERR_INVALID_ARGUMENT,
        Error::BufferTooSmall { .. } => FEUD_ERR_BUFFER_TOO_SMALL,
    }
}

/// A status code as `feud_status_str` receives it. The header declares the
/// parameter as `enum feud_status` (cbindgen.toml renames this alias), so C
/// passes what every function returns with no cast and no sign conversion;
/// this side reads the plain integer, so a value no enumerator names is an
/// ordinary "unknown status", never an invalid Rust enum.
type feud_status_code = c_int;

/// A static English description of a status code (never NULL). Any value is
/// accepted: one that is not a `feud_status` gives "unknown status".
#[no_mangle]
pub extern "C" fn feud_status_str(status: feud_status_code) -> *const c_char {
    let s: &CStr = match status {
        0 => c"ok",
        1 => c"a required pointer is NULL",
        2 => c"input is not valid UTF-8",
        3 => c"query is empty",
        4 => c"query is too long",
        5 => c"query has too many terms",
        6 => c"buffer too small",
        7 => c"not found",
        8 => c"invalid argument",
        9 => c"blob is truncated",
        10 => c"not a feudfacts blob (bad magic)",
        11 => c"unsupported blob format version",
        12 => c"blob checksum mismatch (corrupted)",
        13 => c"malformed blob",
        _ => c"unknown status",
    };
    s.as_ptr()
}

// ----- enumerations ----------------------------------------------------------

/// A record kind: one of the `FEUD_KIND_*` values.
pub type feud_kind = u8;
/// A source (news article).
pub const FEUD_KIND_SOURCE: feud_kind = 0;
/// An entity (person, company, project, ...).
pub const FEUD_KIND_ENTITY: feud_kind = 1;
/// A direct quotation.
pub const FEUD_KIND_QUOTE: feud_kind = 2;
/// An event.
pub const FEUD_KIND_EVENT: feud_kind = 3;
/// A figure (amount or count).
pub const FEUD_KIND_FIGURE: feud_kind = 4;
/// A discrepancy between articles.
pub const FEUD_KIND_DISCREPANCY: feud_kind = 5;
/// Not a record: a list item that is only text (a role, an alias).
pub const FEUD_KIND_NONE: feud_kind = 255;
/// Every kind, as a `feud_filter.kinds` mask (bit `1 << FEUD_KIND_x`).
pub const FEUD_KINDS_ALL: u8 = 0x3f;

/// A searchable field: one of the `FEUD_FIELD_*` values.
pub type feud_field = u8;
/// A source's outlet.
pub const FEUD_FIELD_SOURCE_OUTLET: feud_field = 0;
/// A source's headline.
pub const FEUD_FIELD_SOURCE_HEADLINE: feud_field = 1;
/// An entity's name.
pub const FEUD_FIELD_ENTITY_NAME: feud_field = 2;
/// One of an entity's aliases (`item` says which).
pub const FEUD_FIELD_ENTITY_ALIAS: feud_field = 3;
/// A quote's speaker name.
pub const FEUD_FIELD_QUOTE_SPEAKER: feud_field = 4;
/// A quote's canonical text.
pub const FEUD_FIELD_QUOTE_TEXT: feud_field = 5;
/// A variant printing of a quote (`item` says which).
pub const FEUD_FIELD_QUOTE_VARIANT: feud_field = 6;
/// An event's title.
pub const FEUD_FIELD_EVENT_TITLE: feud_field = 7;
/// An event's summary.
pub const FEUD_FIELD_EVENT_SUMMARY: feud_field = 8;
/// How one article phrased a figure (`item` says which).
pub const FEUD_FIELD_FIGURE_PHRASING: feud_field = 9;
/// A discrepancy's title.
pub const FEUD_FIELD_DISCREPANCY_TITLE: feud_field = 10;
/// A discrepancy's description.
pub const FEUD_FIELD_DISCREPANCY_DESCRIPTION: feud_field = 11;
/// A source's notes.
pub const FEUD_FIELD_SOURCE_NOTES: feud_field = 12;
/// How a source's date was worked out.
pub const FEUD_FIELD_SOURCE_DATE_NOTE: feud_field = 13;
/// One of an entity's roles (`item` says which).
pub const FEUD_FIELD_ENTITY_ROLE: feud_field = 14;
/// An entity's notes.
pub const FEUD_FIELD_ENTITY_NOTES: feud_field = 15;
/// What a quote was said about.
pub const FEUD_FIELD_QUOTE_CONTEXT: feud_field = 16;
/// How a quote's date was worked out.
pub const FEUD_FIELD_QUOTE_DATE_NOTE: feud_field = 17;
/// How an event's date was worked out.
pub const FEUD_FIELD_EVENT_DATE_NOTE: feud_field = 18;
/// What a figure is.
pub const FEUD_FIELD_FIGURE_REFERS_TO: feud_field = 19;
/// How a figure's date was worked out.
pub const FEUD_FIELD_FIGURE_DATE_NOTE: feud_field = 20;
/// One article's side of a discrepancy (`item` says which).
pub const FEUD_FIELD_DISCREPANCY_SIDE: feud_field = 21;
/// A search keyword of a source (`item` says which).
pub const FEUD_FIELD_SOURCE_KEYWORD: feud_field = 22;
/// A search keyword of an entity (`item` says which).
pub const FEUD_FIELD_ENTITY_KEYWORD: feud_field = 23;
/// A search keyword of a quote (`item` says which).
pub const FEUD_FIELD_QUOTE_KEYWORD: feud_field = 24;
/// A search keyword of an event (`item` says which).
pub const FEUD_FIELD_EVENT_KEYWORD: feud_field = 25;
/// A search keyword of a figure (`item` says which).
pub const FEUD_FIELD_FIGURE_KEYWORD: feud_field = 26;
/// A search keyword of a discrepancy (`item` says which).
pub const FEUD_FIELD_DISCREPANCY_KEYWORD: feud_field = 27;

/// How a query's words must match: one of the `FEUD_MODE_*` values.
pub type feud_mode = u8;
/// Best match (0, the default of an all-zero filter): words meet their
/// other forms, synonyms and near spellings; records with every word first,
/// then the closest matches, ranked by BM25F; stop words never required.
pub const FEUD_MODE_BEST: feud_mode = 0;
/// Strict: every term must match literally, as before header 0.3.
pub const FEUD_MODE_STRICT: feud_mode = 1;

/// How much of a date is known: one of the `FEUD_PRECISION_*` values.
pub type feud_precision = u8;
/// No date at all (the date is all zero).
pub const FEUD_PRECISION_NONE: feud_precision = 0;
/// Only the year.
pub const FEUD_PRECISION_YEAR: feud_precision = 1;
/// Year and month.
pub const FEUD_PRECISION_MONTH: feud_precision = 2;
/// Year, month and day.
pub const FEUD_PRECISION_DAY: feud_precision = 3;

/// The characters a display can draw: one of the `FEUD_CHARSET_*` values.
pub type feud_charset = u8;
/// 7-bit printable ASCII.
pub const FEUD_CHARSET_ASCII: feud_charset = 0;
/// ISO 8859-1 characters (written as UTF-8, like all output).
pub const FEUD_CHARSET_LATIN1: feud_charset = 1;

/// What kind of thing an entity is: `FEUD_ENTITY_*`, in this order:
/// person, company, project, outlet, institution, government, product,
/// place, group. `feud_entity.kind_name` spells it.
pub type feud_entity_kind = u8;
/// A person.
pub const FEUD_ENTITY_PERSON: feud_entity_kind = 0;
/// A company.
pub const FEUD_ENTITY_COMPANY: feud_entity_kind = 1;
/// A project or initiative.
pub const FEUD_ENTITY_PROJECT: feud_entity_kind = 2;
/// A news outlet.
pub const FEUD_ENTITY_OUTLET: feud_entity_kind = 3;
/// An institution.
pub const FEUD_ENTITY_INSTITUTION: feud_entity_kind = 4;
/// A government body or office.
pub const FEUD_ENTITY_GOVERNMENT: feud_entity_kind = 5;
/// A product or platform.
pub const FEUD_ENTITY_PRODUCT: feud_entity_kind = 6;
/// A place.
pub const FEUD_ENTITY_PLACE: feud_entity_kind = 7;
/// A group of people.
pub const FEUD_ENTITY_GROUP: feud_entity_kind = 8;

/// How a quote was delivered: `FEUD_MEDIUM_*`. `feud_quote.medium_name`
/// spells it.
pub type feud_medium = u8;
/// A post on X.
pub const FEUD_MEDIUM_X_POST: feud_medium = 0;
/// Someone else's post that the speaker reposted.
pub const FEUD_MEDIUM_X_REPOST: feud_medium = 1;
/// A press conference.
pub const FEUD_MEDIUM_PRESS_CONFERENCE: feud_medium = 2;
/// Remarks to reporters.
pub const FEUD_MEDIUM_REMARKS_TO_REPORTERS: feud_medium = 3;
/// Testimony before Congress.
pub const FEUD_MEDIUM_CONGRESSIONAL_TESTIMONY: feud_medium = 4;
/// A television interview.
pub const FEUD_MEDIUM_TV_INTERVIEW: feud_medium = 5;
/// A statement.
pub const FEUD_MEDIUM_STATEMENT: feud_medium = 6;
/// A lawsuit or court filing.
pub const FEUD_MEDIUM_LAWSUIT: feud_medium = 7;
/// An article.
pub const FEUD_MEDIUM_ARTICLE: feud_medium = 8;
/// Not stated.
pub const FEUD_MEDIUM_UNKNOWN: feud_medium = 9;

/// How exact a figure is: `FEUD_QUALIFIER_*`. `feud_figure.qualifier_name`
/// spells it.
pub type feud_qualifier = u8;
/// Exact.
pub const FEUD_QUALIFIER_EXACT: feud_qualifier = 0;
/// About.
pub const FEUD_QUALIFIER_ABOUT: feud_qualifier = 1;
/// At least.
pub const FEUD_QUALIFIER_AT_LEAST: feud_qualifier = 2;
/// More than.
pub const FEUD_QUALIFIER_OVER: feud_qualifier = 3;
/// Under.
pub const FEUD_QUALIFIER_UNDER: feud_qualifier = 4;
/// Up to.
pub const FEUD_QUALIFIER_UP_TO: feud_qualifier = 5;
/// Less than.
pub const FEUD_QUALIFIER_LESS_THAN: feud_qualifier = 6;

/// A list inside a record, for `feud_list_len` and `feud_list_item`.
pub type feud_list = u8;
/// Any kind: the sources the record cites (a source: itself). Items are sources.
pub const FEUD_LIST_SOURCES: feud_list = 0;
/// Entity: its roles. Items are text.
pub const FEUD_LIST_ROLES: feud_list = 1;
/// Entity: its aliases. Items are text.
pub const FEUD_LIST_ALIASES: feud_list = 2;
/// Quote: the sources printing its canonical text exactly. Items are sources.
pub const FEUD_LIST_TEXT_SOURCES: feud_list = 3;
/// Quote: its variant printings. Items are text; `count` is the number of
/// sources printing the variant (see `feud_variant_source`).
pub const FEUD_LIST_VARIANTS: feud_list = 4;
/// Event: the entities taking part. Items are entities.
pub const FEUD_LIST_PARTICIPANTS: feud_list = 5;
/// Event: the quotes said at or as it. Items are quotes.
pub const FEUD_LIST_QUOTES: feud_list = 6;
/// Figure: the entities claiming it. Items are entities.
pub const FEUD_LIST_CLAIMED_BY: feud_list = 7;
/// Figure: the entities disputing it. Items are entities.
pub const FEUD_LIST_DISPUTED_BY: feud_list = 8;
/// Figure: how each article phrased it. Items are text with their source.
pub const FEUD_LIST_PHRASINGS: feud_list = 9;
/// Discrepancy: each article's claim. Items are text with their source.
pub const FEUD_LIST_SIDES: feud_list = 10;
/// Discrepancy: related records. Items are records of any kind.
pub const FEUD_LIST_RELATED: feud_list = 11;

// ----- plain data ------------------------------------------------------------

/// A string inside the corpus: `len` bytes of UTF-8 at `ptr`, followed there
/// by a NUL, so `printf("%s", s.ptr)` works. `ptr` is never NULL (an empty
/// string is `""`). It stays valid as long as the corpus bytes do (forever
/// for the embedded corpus).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_str {
    /// The first byte; NUL-terminated.
    pub ptr: *const c_char,
    /// Length in bytes, without the NUL.
    pub len: usize,
}

impl feud_str {
    const EMPTY: feud_str = feud_str {
        ptr: c"".as_ptr(),
        len: 0,
    };

    fn of(t: Text<'_>) -> feud_str {
        feud_str {
            ptr: t.as_bytes_with_nul().as_ptr().cast(),
            len: t.len(),
        }
    }

    fn of_static(s: &'static CStr) -> feud_str {
        feud_str {
            ptr: s.as_ptr(),
            len: s.count_bytes(),
        }
    }
}

/// A calendar date. `month` and `day` are 0 when unknown; a `year` of 0
/// means no date at all.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct feud_date {
    /// The year, e.g. 2025; 0 for none.
    pub year: u16,
    /// 1–12, or 0 when unknown.
    pub month: u8,
    /// 1–31, or 0 when unknown.
    pub day: u8,
}

impl feud_date {
    fn of(d: Option<feudfacts::Date>) -> feud_date {
        d.map_or(feud_date::default(), |d| feud_date {
            year: d.year,
            month: d.month,
            day: d.day,
        })
    }

    /// `None` for year 0 (an open bound); an invalid date is an error.
    fn to_core(self) -> Res<Option<feudfacts::Date>> {
        if self.year == 0 {
            return Ok(None);
        }
        feudfacts::Date::new(self.year, self.month, self.day)
            .map(Some)
            .ok_or(FEUD_ERR_INVALID_ARGUMENT)
    }
}

fn precision_of(d: Option<feudfacts::Date>) -> feud_precision {
    match d.map(|d| d.precision()) {
        None => FEUD_PRECISION_NONE,
        Some(feudfacts::Precision::Year) => FEUD_PRECISION_YEAR,
        Some(feudfacts::Precision::Month) => FEUD_PRECISION_MONTH,
        Some(feudfacts::Precision::Day) => FEUD_PRECISION_DAY,
    }
}

/// A record's date and how it was established.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_dating {
    /// The date (all zero when the record is undated).
    pub date: feud_date,
    /// How much of it is known; `FEUD_PRECISION_NONE` when undated.
    pub precision: feud_precision,
    /// Whether the date was worked out (e.g. "Wednesday" → 2025-01-22)
    /// rather than printed.
    pub inferred: bool,
    /// How it was worked out; empty when printed or undated.
    pub note: feud_str,
}

impl feud_dating {
    fn of(d: Option<Dating<'_>>) -> feud_dating {
        feud_dating {
            date: feud_date::of(d.map(|d| d.date)),
            precision: precision_of(d.map(|d| d.date)),
            inferred: d.is_some_and(|d| d.inferred),
            note: d.map_or(feud_str::EMPTY, |d| feud_str::of(d.note)),
        }
    }
}

/// A reference to one record: its kind and its index (id) within the kind.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct feud_ref {
    /// The kind (`FEUD_KIND_*`).
    pub kind: feud_kind,
    /// The index within the kind.
    pub index: u32,
}

impl feud_ref {
    fn of(r: RecordRef) -> feud_ref {
        feud_ref {
            kind: r.kind as u8,
            index: r.index,
        }
    }
}

/// Record counts and sizes.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_stats {
    /// Records of each kind, indexed by `FEUD_KIND_*`.
    pub counts: [usize; 6],
    /// All records together.
    pub total_records: usize,
    /// Size of the blob in bytes.
    pub blob_bytes: usize,
    /// Size of the folded search text in bytes.
    pub search_text_bytes: usize,
    /// Number of searchable fields.
    pub fields: usize,
}

/// A news article the facts come from.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_source {
    /// The key (the seed file name).
    pub key: feud_str,
    /// The outlet; may be empty.
    pub outlet: feud_str,
    /// The headline; may be empty.
    pub headline: feud_str,
    /// When it was published.
    pub published: feud_dating,
    /// Notes; may be empty.
    pub notes: feud_str,
}

/// A person, company, project, outlet, institution or place.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_entity {
    /// The key, e.g. `sam-altman`.
    pub key: feud_str,
    /// The name.
    pub name: feud_str,
    /// What it is (`FEUD_ENTITY_*`).
    pub kind: feud_entity_kind,
    /// What it is, spelled: `person`, `company`, ...
    pub kind_name: feud_str,
    /// Number of roles (`FEUD_LIST_ROLES`).
    pub role_count: u32,
    /// Number of aliases (`FEUD_LIST_ALIASES`).
    pub alias_count: u32,
    /// Number of sources naming it (`FEUD_LIST_SOURCES`).
    pub source_count: u32,
    /// Notes; may be empty.
    pub notes: feud_str,
}

/// A direct quotation.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_quote {
    /// The key, e.g. `q-wrong-as-you-surely-know`.
    pub key: feud_str,
    /// Index of the speaking entity.
    pub speaker: u32,
    /// The speaker's name.
    pub speaker_name: feud_str,
    /// The canonical text, byte for byte as printed.
    pub text: feud_str,
    /// When it was said.
    pub dating: feud_dating,
    /// How it was delivered (`FEUD_MEDIUM_*`).
    pub medium: feud_medium,
    /// How it was delivered, spelled: `x-post`, ...
    pub medium_name: feud_str,
    /// Index of the quote this one replies to, or -1. Signed for the -1:
    /// every index (at most `FEUD_MAX_RECORDS`) fits.
    pub reply_to: i32,
    /// What it was said about.
    pub context: feud_str,
    /// Number of sources printing `text` exactly (`FEUD_LIST_TEXT_SOURCES`).
    pub text_source_count: u32,
    /// Number of variant printings (`FEUD_LIST_VARIANTS`).
    pub variant_count: u32,
    /// Number of sources carrying it at all (`FEUD_LIST_SOURCES`).
    pub source_count: u32,
}

/// A dated or datable event.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_event {
    /// The key, e.g. `ev-stargate-announced`.
    pub key: feud_str,
    /// When it happened.
    pub dating: feud_dating,
    /// A short title.
    pub title: feud_str,
    /// One sentence.
    pub summary: feud_str,
    /// Number of entities taking part (`FEUD_LIST_PARTICIPANTS`).
    pub participant_count: u32,
    /// Number of quotes said at it (`FEUD_LIST_QUOTES`).
    pub quote_count: u32,
    /// Number of sources reporting it (`FEUD_LIST_SOURCES`).
    pub source_count: u32,
}

/// An amount or count.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_figure {
    /// The key, e.g. `fig-stargate-total`.
    pub key: feud_str,
    /// The number, in base units of `unit`.
    pub value: i64,
    /// The unit, e.g. `USD`, `jobs`.
    pub unit: feud_str,
    /// How exact the number is (`FEUD_QUALIFIER_*`).
    pub qualifier: feud_qualifier,
    /// How exact, spelled: `exact`, `about`, ...
    pub qualifier_name: feud_str,
    /// What the number is.
    pub refers_to: feud_str,
    /// When it applies.
    pub dating: feud_dating,
    /// Number of entities claiming it (`FEUD_LIST_CLAIMED_BY`).
    pub claimed_by_count: u32,
    /// Number of entities disputing it (`FEUD_LIST_DISPUTED_BY`).
    pub disputed_by_count: u32,
    /// Number of phrasings (`FEUD_LIST_PHRASINGS`).
    pub phrasing_count: u32,
    /// Number of sources phrasing it (`FEUD_LIST_SOURCES`).
    pub source_count: u32,
}

/// A place where the articles disagree or are wrong.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_discrepancy {
    /// The key, e.g. `disc-potus-post-day`.
    pub key: feud_str,
    /// A short title.
    pub title: feud_str,
    /// What disagrees and what the corpus records.
    pub description: feud_str,
    /// Number of sides (`FEUD_LIST_SIDES`).
    pub side_count: u32,
    /// Number of related records (`FEUD_LIST_RELATED`).
    pub related_count: u32,
    /// Number of sources involved (`FEUD_LIST_SOURCES`).
    pub source_count: u32,
}

/// One item of a record's list (see `feud_list`). Records are given by
/// `kind` and `index`; text items have `kind` `FEUD_KIND_NONE`; phrasings and
/// sides have both text and their source.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_item {
    /// The kind of record `index` refers to, or `FEUD_KIND_NONE`.
    pub kind: feud_kind,
    /// The record's index (0 when `kind` is `FEUD_KIND_NONE`).
    pub index: u32,
    /// For `FEUD_LIST_VARIANTS`: how many sources print the variant; else 0.
    pub count: u32,
    /// The text (empty for record items).
    pub text: feud_str,
}

/// Restricts a search. All zero means no restriction.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct feud_filter {
    /// Only these kinds: bit `1 << FEUD_KIND_x` per kind; 0 means every kind.
    pub kinds: u8,
    /// Whether to keep only records involving `entity`.
    pub has_entity: bool,
    /// How words must match (`FEUD_MODE_BEST`, the 0 default, or
    /// `FEUD_MODE_STRICT`).
    pub mode: feud_mode,
    /// The entity (index): itself, its quotes, events it takes part in,
    /// figures it claims or disputes, discrepancies linked to it.
    pub entity: u32,
    /// Only dated records overlapping `from`..`to`; a year of 0 leaves that
    /// bound open. Undated records are excluded when either bound is set.
    pub from: feud_date,
    /// See `from`.
    pub to: feud_date,
}

/// One matching record.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_hit {
    /// The record.
    pub record: feud_ref,
    /// The field to highlight (`FEUD_FIELD_*`): the first speaker, title or
    /// name field that matched, else the first field that matched.
    pub field: feud_field,
    /// Which item of a list field (alias, variant, phrasing, claim).
    pub item: u8,
    /// How many of the record's fields matched.
    pub matched_fields: u8,
    /// Whether a speaker, title or name field matched.
    pub primary: bool,
    /// Byte range of the first match in the field's text (`feud_hit_text`).
    pub start: u32,
    /// End of that range (exclusive).
    pub end: u32,
    /// The record's date (all zero when undated).
    pub date: feud_date,
    /// How much of `date` is known.
    pub precision: feud_precision,
    /// Whether the record has every word of the query (always in strict
    /// mode); partial hits (closest matches) come after every complete one.
    pub complete: bool,
    /// The best-match score (BM25F; higher is better; 0 in strict mode).
    pub score: u32,
}

impl feud_hit {
    fn of(h: &Hit) -> feud_hit {
        feud_hit {
            record: feud_ref::of(h.record),
            field: h.field as u8,
            item: h.item,
            matched_fields: h.matched_fields,
            primary: h.primary,
            start: h.start,
            end: h.end,
            date: feud_date::of(h.date),
            precision: precision_of(h.date),
            complete: h.complete,
            score: h.score,
        }
    }
}

/// How many records matched and how many were written.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct feud_summary {
    /// Every record matching every word, even those that did not fit.
    pub total: usize,
    /// Hits written: the best complete matches, then (best match) the
    /// closest partial ones while room is left.
    pub returned: usize,
    /// How many of the returned hits are partial (the last ones). `total`
    /// 0 with `partial` > 0: no record has every word; these are the closest
    /// matches.
    pub partial: usize,
    /// Bit `t`: query term `t` is not a word of the corpus and was read as
    /// a near spelling (`feud_suggest` spells the corrected query).
    pub corrected: u32,
}

/// One entry of the timeline.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_entry {
    /// The quote or event.
    pub record: feud_ref,
    /// Its date.
    pub date: feud_date,
    /// How much of the date is known.
    pub precision: feud_precision,
}

/// One quote of a reply thread.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct feud_thread_entry {
    /// The quote's index.
    pub quote: u32,
    /// Its depth: 0 for the root, 1 for a reply to it, ...
    pub depth: u32,
}

// ----- the corpus handle -----------------------------------------------------

/// Words in a `feud_corpus`.
pub const FEUD_CORPUS_WORDS: usize = 32;

/// A validated corpus. The caller owns this memory (on its stack, in a
/// static); `feud_open` fills it and nothing needs closing. Its contents are
/// private. It may be copied. It reads from the blob given to `feud_open`,
/// which the caller must keep alive and unchanged while the handle (or any
/// string obtained through it) is used.
#[repr(C)]
pub struct feud_corpus {
    /// Private.
    pub _opaque: [u64; FEUD_CORPUS_WORDS],
}

/// What a `feud_corpus` holds.
#[repr(C)]
#[derive(Clone, Copy)]
struct Handle {
    magic: u64,
    corpus: Corpus<'static>,
    pad: [u8; size_of::<feud_corpus>() - 8 - size_of::<Corpus<'static>>()],
}

const HANDLE_MAGIC: u64 = u64::from_le_bytes(*b"FEUDCORP");

const _: () = {
    assert!(size_of::<Handle>() == size_of::<feud_corpus>());
    assert!(align_of::<Handle>() <= align_of::<feud_corpus>());
};

static EMBEDDED: Handle = Handle {
    magic: HANDLE_MAGIC,
    corpus: Corpus::embedded(),
    pad: [0; size_of::<feud_corpus>() - 8 - size_of::<Corpus<'static>>()],
};

/// The corpus built into the library. Static, already validated; never NULL.
#[no_mangle]
pub extern "C" fn feud_embedded() -> *const feud_corpus {
    ptr::addr_of!(EMBEDDED).cast()
}

/// Reads a handle: NULL and never-opened handles are refused.
fn corpus_of<'h>(c: *const feud_corpus) -> Res<&'h Corpus<'static>> {
    if c.is_null() {
        return Err(FEUD_ERR_NULL);
    }
    let h = c.cast::<Handle>();
    // SAFETY: `c` is non-null and, per the header, points to a readable
    // `feud_corpus`, which has the size and alignment of `Handle` (asserted
    // above); reading the `u64` magic is valid for any bit pattern.
    let magic = unsafe { ptr::addr_of!((*h).magic).read() };
    if magic != HANDLE_MAGIC {
        return Err(FEUD_ERR_INVALID_ARGUMENT);
    }
    // SAFETY: the magic is only ever written together with a valid `Corpus`
    // (by `feud_open` or in `EMBEDDED`); the blob it borrows is kept alive by
    // the caller, as the header requires.
    Ok(unsafe { &(*h).corpus })
}

/// Writes `v` to a caller's out-pointer; NULL is refused.
fn put<T>(out: *mut T, v: T) -> Res {
    if out.is_null() {
        return Err(FEUD_ERR_NULL);
    }
    // SAFETY: non-null, and per the header a valid, aligned pointer to a `T`
    // owned by the caller; `write` does not read or drop the old contents.
    unsafe { out.write(v) };
    Ok(())
}

fn need<T>(p: *const T) -> Res {
    if p.is_null() {
        Err(FEUD_ERR_NULL)
    } else {
        Ok(())
    }
}

/// Validates a blob loaded at run time (a file, a flash partition) and makes
/// `*out` a handle reading from it. Bytes after the blob's declared length
/// are ignored. Nothing is copied: the caller must keep `bytes` alive and
/// unchanged for as long as `*out`, or any string obtained through it, is
/// used. On failure `*out` is marked unopened, so later use of it is refused
/// with `FEUD_ERR_INVALID_ARGUMENT`.
///
/// Errors: `FEUD_ERR_NULL`, `FEUD_ERR_TRUNCATED`, `FEUD_ERR_BAD_MAGIC`,
/// `FEUD_ERR_UNSUPPORTED_VERSION`, `FEUD_ERR_CHECKSUM_MISMATCH`,
/// `FEUD_ERR_MALFORMED_BLOB`.
///
/// # Safety
/// `bytes` must point to `len` readable bytes (or be NULL); `out` must point
/// to a writable `feud_corpus` (or be NULL).
#[no_mangle]
pub unsafe extern "C" fn feud_open(
    bytes: *const u8,
    len: usize,
    out: *mut feud_corpus,
) -> feud_status {
    done((|| {
        need(out)?;
        // Mark unopened first, so a failed open leaves no usable handle.
        // SAFETY: `out` is non-null and points to a writable `feud_corpus`.
        unsafe { ptr::addr_of_mut!((*out.cast::<Handle>()).magic).write(0) };
        need(bytes)?;
        // SAFETY: the caller guarantees `len` readable bytes at `bytes`, kept
        // alive and unchanged while the handle is used (the header says so),
        // which is what the erased `'static` lifetime stands for.
        let blob: &'static [u8] = unsafe { core::slice::from_raw_parts(bytes, len) };
        let corpus = Corpus::from_bytes(blob).map_err(status_of)?;
        let handle = Handle {
            magic: HANDLE_MAGIC,
            corpus,
            pad: [0; size_of::<feud_corpus>() - 8 - size_of::<Corpus<'static>>()],
        };
        put(out.cast::<Handle>(), handle)
    })())
}

/// The bytes a corpus reads: its blob, exactly its declared length (for the
/// embedded corpus, what `feud export-blob` writes).
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_blob(
    corpus: *const feud_corpus,
    out_bytes: *mut *const u8,
    out_len: *mut usize,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out_bytes)?;
        need(out_len)?;
        put(out_bytes, c.as_bytes().as_ptr())?;
        put(out_len, c.as_bytes().len())
    })())
}

// ----- counts and records ----------------------------------------------------

fn kind_of(kind: feud_kind) -> Res<Kind> {
    Kind::from_u8(kind).ok_or(FEUD_ERR_INVALID_ARGUMENT)
}

/// The number of records of `kind` into `*out`.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_count(
    corpus: *const feud_corpus,
    kind: feud_kind,
    out: *mut usize,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let k = kind_of(kind)?;
        put(out, c.count(k))
    })())
}

/// Counts and sizes into `*out`.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_stats(
    corpus: *const feud_corpus,
    out: *mut feud_stats,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let s = c.stats();
        put(
            out,
            feud_stats {
                counts: s.counts,
                total_records: c.total_records(),
                blob_bytes: s.blob_bytes,
                search_text_bytes: s.search_text_bytes,
                fields: s.fields,
            },
        )
    })())
}

/// A list's length as the ABI's `uint32_t`, never cut. It always fits: the
/// blob stores every list's length as a `u32` (and a blob is at most
/// `u32::MAX` bytes). Were one ever not to fit, it is refused as a malformed
/// blob rather than misreported.
fn count32(n: usize) -> Res<u32> {
    u32::try_from(n).map_err(|_| FEUD_ERR_MALFORMED_BLOB)
}

fn named<T: PartialEq + Copy>(all: &[T], v: T, names: &[&'static CStr]) -> (u8, feud_str) {
    let i = all.iter().position(|x| *x == v).unwrap_or(0);
    let name = names.get(i).copied().unwrap_or(c"");
    (i as u8, feud_str::of_static(name))
}

const ENTITY_KIND_NAMES: [&CStr; 9] = [
    c"person",
    c"company",
    c"project",
    c"outlet",
    c"institution",
    c"government",
    c"product",
    c"place",
    c"group",
];
const MEDIUM_NAMES: [&CStr; 10] = [
    c"x-post",
    c"x-repost",
    c"press-conference",
    c"remarks-to-reporters",
    c"congressional-testimony",
    c"tv-interview",
    c"statement",
    c"lawsuit",
    c"article",
    c"unknown",
];
const QUALIFIER_NAMES: [&CStr; 7] = [
    c"exact",
    c"about",
    c"at-least",
    c"over",
    c"under",
    c"up-to",
    c"less-than",
];
const KIND_NAMES: [&CStr; 6] = [
    c"source",
    c"entity",
    c"quote",
    c"event",
    c"figure",
    c"discrepancy",
];
const FIELD_NAMES: [&CStr; 28] = [
    c"outlet",
    c"headline",
    c"name",
    c"alias",
    c"speaker",
    c"text",
    c"variant",
    c"title",
    c"summary",
    c"phrasing",
    c"title",
    c"description",
    c"notes",
    c"date_note",
    c"role",
    c"notes",
    c"context",
    c"date_note",
    c"date_note",
    c"refers_to",
    c"date_note",
    c"side",
    c"keyword",
    c"keyword",
    c"keyword",
    c"keyword",
    c"keyword",
    c"keyword",
];

/// Source `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_source(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_source,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        let s = c.source(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        put(
            out,
            feud_source {
                key: feud_str::of(s.key),
                outlet: feud_str::of(s.outlet),
                headline: feud_str::of(s.headline),
                published: feud_dating::of(s.published),
                notes: feud_str::of(s.notes),
            },
        )
    })())
}

/// Entity `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_entity(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_entity,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        let e = c.entity(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        let (kind, kind_name) = named(feudfacts::EntityKind::ALL, e.kind, &ENTITY_KIND_NAMES);
        put(
            out,
            feud_entity {
                key: feud_str::of(e.key),
                name: feud_str::of(e.name),
                kind,
                kind_name,
                role_count: count32(e.roles.len())?,
                alias_count: count32(e.aliases.len())?,
                source_count: count32(e.sources.len())?,
                notes: feud_str::of(e.notes),
            },
        )
    })())
}

/// Quote `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_quote(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_quote,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        let q = c.quote(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        let (medium, medium_name) = named(feudfacts::Medium::ALL, q.medium, &MEDIUM_NAMES);
        let speaker_name = c
            .entity(q.speaker)
            .map_or(feud_str::EMPTY, |e| feud_str::of(e.name));
        put(
            out,
            feud_quote {
                key: feud_str::of(q.key),
                speaker: q.speaker,
                speaker_name,
                text: feud_str::of(q.text),
                dating: feud_dating::of(q.dating),
                medium,
                medium_name,
                reply_to: match q.reply_to {
                    None => -1,
                    Some(r) => i32::try_from(r).map_err(|_| FEUD_ERR_MALFORMED_BLOB)?,
                },
                context: feud_str::of(q.context),
                text_source_count: count32(q.text_sources.len())?,
                variant_count: count32(q.variants.len())?,
                source_count: count32(q.sources.len())?,
            },
        )
    })())
}

/// Event `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_event(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_event,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        let e = c.event(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        put(
            out,
            feud_event {
                key: feud_str::of(e.key),
                dating: feud_dating::of(e.dating),
                title: feud_str::of(e.title),
                summary: feud_str::of(e.summary),
                participant_count: count32(e.participants.len())?,
                quote_count: count32(e.quotes.len())?,
                source_count: count32(e.sources.len())?,
            },
        )
    })())
}

/// Figure `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_figure(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_figure,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        let f = c.figure(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        let (qualifier, qualifier_name) =
            named(feudfacts::Qualifier::ALL, f.qualifier, &QUALIFIER_NAMES);
        put(
            out,
            feud_figure {
                key: feud_str::of(f.key),
                value: f.value,
                unit: feud_str::of(f.unit),
                qualifier,
                qualifier_name,
                refers_to: feud_str::of(f.refers_to),
                dating: feud_dating::of(f.dating),
                claimed_by_count: count32(f.claimed_by.len())?,
                disputed_by_count: count32(f.disputed_by.len())?,
                phrasing_count: count32(f.phrasings.len())?,
                source_count: count32(f.sources.len())?,
            },
        )
    })())
}

/// Discrepancy `index` into `*out`. `FEUD_ERR_NOT_FOUND` for an unknown index.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_get_discrepancy(
    corpus: *const feud_corpus,
    index: u32,
    out: *mut feud_discrepancy,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        let d = c.discrepancy(index).ok_or(FEUD_ERR_NOT_FOUND)?;
        put(
            out,
            feud_discrepancy {
                key: feud_str::of(d.key),
                title: feud_str::of(d.title),
                description: feud_str::of(d.description),
                side_count: count32(d.sides.len())?,
                related_count: count32(d.related.len())?,
                source_count: count32(d.sources.len())?,
            },
        )
    })())
}

fn record_item(kind: Kind, index: u32) -> feud_item {
    feud_item {
        kind: kind as u8,
        index,
        count: 0,
        text: feud_str::EMPTY,
    }
}

fn text_item(t: Text<'_>, source: Option<u32>) -> feud_item {
    feud_item {
        kind: source.map_or(FEUD_KIND_NONE, |_| FEUD_KIND_SOURCE),
        index: source.unwrap_or(0),
        count: 0,
        text: feud_str::of(t),
    }
}

/// The length of list `list` of a record, and item `i` when `i` is given.
fn list_access(
    c: &Corpus<'static>,
    r: RecordRef,
    list: feud_list,
    i: Option<usize>,
) -> Res<(usize, Option<feud_item>)> {
    let rec = c.record(r).ok_or(FEUD_ERR_NOT_FOUND)?;
    let ids = |p: feudfacts::Packed<'static, u32>, kind: Kind| {
        (
            p.len(),
            i.and_then(|i| p.get(i)).map(|x| record_item(kind, x)),
        )
    };
    Ok(match (list, rec) {
        (FEUD_LIST_SOURCES, _) => {
            let n = c.sources_of(r).count();
            let item = i.and_then(|i| c.sources_of(r).nth(i));
            (n, item.map(|x| record_item(Kind::Source, x)))
        }
        (FEUD_LIST_ROLES, Record::Entity(e)) => (
            e.roles.len(),
            i.and_then(|i| e.roles.get(i)).map(|t| text_item(t, None)),
        ),
        (FEUD_LIST_ALIASES, Record::Entity(e)) => (
            e.aliases.len(),
            i.and_then(|i| e.aliases.get(i)).map(|t| text_item(t, None)),
        ),
        (FEUD_LIST_TEXT_SOURCES, Record::Quote(q)) => ids(q.text_sources, Kind::Source),
        (FEUD_LIST_VARIANTS, Record::Quote(q)) => {
            let item = match i.and_then(|i| q.variants.get(i)) {
                Some(v) => Some(feud_item {
                    count: count32(v.sources.len())?,
                    ..text_item(v.text, None)
                }),
                None => None,
            };
            (q.variants.len(), item)
        }
        (FEUD_LIST_PARTICIPANTS, Record::Event(e)) => ids(e.participants, Kind::Entity),
        (FEUD_LIST_QUOTES, Record::Event(e)) => ids(e.quotes, Kind::Quote),
        (FEUD_LIST_CLAIMED_BY, Record::Figure(f)) => ids(f.claimed_by, Kind::Entity),
        (FEUD_LIST_DISPUTED_BY, Record::Figure(f)) => ids(f.disputed_by, Kind::Entity),
        (FEUD_LIST_PHRASINGS, Record::Figure(f)) => (
            f.phrasings.len(),
            i.and_then(|i| f.phrasings.get(i))
                .map(|p| text_item(p.text, Some(p.source))),
        ),
        (FEUD_LIST_SIDES, Record::Discrepancy(d)) => (
            d.sides.len(),
            i.and_then(|i| d.sides.get(i))
                .map(|s| text_item(s.claim, Some(s.source))),
        ),
        (FEUD_LIST_RELATED, Record::Discrepancy(d)) => {
            let item = i
                .and_then(|i| d.related.get(i))
                .and_then(|l| Kind::from_u8(l.kind).map(|k| record_item(k, l.index)));
            (d.related.len(), item)
        }
        _ => return Err(FEUD_ERR_INVALID_ARGUMENT),
    })
}

/// The number of items in list `list` (`FEUD_LIST_*`) of record `kind`
/// `index`, into `*out`. `FEUD_ERR_INVALID_ARGUMENT` when that kind has no
/// such list; `FEUD_ERR_NOT_FOUND` for an unknown record.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_list_len(
    corpus: *const feud_corpus,
    kind: feud_kind,
    index: u32,
    list: feud_list,
    out: *mut usize,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let r = RecordRef::new(kind_of(kind)?, index);
        need(out)?;
        let (n, _) = list_access(c, r, list, None)?;
        put(out, n)
    })())
}

/// Item `i` of list `list` (`FEUD_LIST_*`) of record `kind` `index`, into
/// `*out`; e.g. `feud_list_item(c, FEUD_KIND_QUOTE, q, FEUD_LIST_SOURCES, 0,
/// &item)` gives the quote's first source in `item.index`.
/// `FEUD_ERR_NOT_FOUND` past the end of the list or for an unknown record.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_list_item(
    corpus: *const feud_corpus,
    kind: feud_kind,
    index: u32,
    list: feud_list,
    i: usize,
    out: *mut feud_item,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let r = RecordRef::new(kind_of(kind)?, index);
        need(out)?;
        let (_, item) = list_access(c, r, list, Some(i))?;
        put(out, item.ok_or(FEUD_ERR_NOT_FOUND)?)
    })())
}

/// Source `i` (an index into the sources) printing variant `variant` of
/// quote `quote`, into `*out`. `FEUD_ERR_NOT_FOUND` past the end.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_variant_source(
    corpus: *const feud_corpus,
    quote: u32,
    variant: u32,
    i: usize,
    out: *mut u32,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        let q = c.quote(quote).ok_or(FEUD_ERR_NOT_FOUND)?;
        let v = q.variants.get(variant as usize).ok_or(FEUD_ERR_NOT_FOUND)?;
        put(out, v.sources.get(i).ok_or(FEUD_ERR_NOT_FOUND)?)
    })())
}

// ----- lookups ---------------------------------------------------------------

/// Reads a NUL-terminated C string as UTF-8.
fn c_str<'s>(s: *const c_char) -> Res<&'s str> {
    need(s)?;
    // SAFETY: non-null and, per the header, a NUL-terminated string that
    // outlives this call.
    let cs = unsafe { CStr::from_ptr(s) };
    cs.to_str().map_err(|_| FEUD_ERR_INVALID_UTF8)
}

/// The key of record `kind` `index` (`sam-altman`, `q-…`) into `*out`.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_key(
    corpus: *const feud_corpus,
    kind: feud_kind,
    index: u32,
    out: *mut feud_str,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let r = RecordRef::new(kind_of(kind)?, index);
        need(out)?;
        put(out, feud_str::of(c.key(r).ok_or(FEUD_ERR_NOT_FOUND)?))
    })())
}

/// The record whose key is `key` (NUL-terminated) into `*out`.
///
/// # Safety
/// `key` must be NULL or NUL-terminated; other pointers valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_find_key(
    corpus: *const feud_corpus,
    key: *const c_char,
    out: *mut feud_ref,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let k = c_str(key)?;
        need(out)?;
        put(out, feud_ref::of(c.find_key(k).ok_or(FEUD_ERR_NOT_FOUND)?))
    })())
}

/// The entity whose name or alias is `name` (NUL-terminated; case,
/// typography and spacing ignored, so `altman` and `SAM  ALTMAN` both find
/// Sam Altman, as does his X handle `sama` after an at sign) into `*out`.
///
/// # Safety
/// `name` must be NULL or NUL-terminated; other pointers valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_entity_by_name(
    corpus: *const feud_corpus,
    name: *const c_char,
    out: *mut u32,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let n = c_str(name)?;
        need(out)?;
        put(out, c.entity_by_name(n).ok_or(FEUD_ERR_NOT_FOUND)?)
    })())
}

/// Quote number `i` (0-based, in index order) spoken by entity `speaker`,
/// into `*out`. `FEUD_ERR_NOT_FOUND` past the last one.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_quote_by(
    corpus: *const feud_corpus,
    speaker: u32,
    i: usize,
    out: *mut u32,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        let (q, _) = c.quotes_by(speaker).nth(i).ok_or(FEUD_ERR_NOT_FOUND)?;
        put(out, q)
    })())
}

/// Entry `i` (0-based) of the timeline — every dated quote and event in
/// chronological order — into `*out`. With `from` and/or `to` (NULL or a
/// year of 0 for an open bound) only the entries overlapping that range
/// count. `FEUD_ERR_NOT_FOUND` past the end; `FEUD_ERR_INVALID_ARGUMENT` for
/// an invalid date or `from` after `to`.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_timeline(
    corpus: *const feud_corpus,
    from: *const feud_date,
    to: *const feud_date,
    i: usize,
    out: *mut feud_entry,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let bound = |p: *const feud_date| -> Res<Option<feudfacts::Date>> {
            if p.is_null() {
                return Ok(None);
            }
            // SAFETY: non-null, and per the header a readable `feud_date`.
            unsafe { p.read() }.to_core()
        };
        let (from, to) = (bound(from)?, bound(to)?);
        need(out)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f.first_day() > t.last_day() {
                return Err(FEUD_ERR_INVALID_ARGUMENT);
            }
        }
        let passes = |d: &feudfacts::Date| {
            from.is_none_or(|f| d.last_day() >= f.first_day())
                && to.is_none_or(|t| d.first_day() <= t.last_day())
        };
        let (r, d) = c
            .timeline()
            .filter(|(_, d)| passes(d))
            .nth(i)
            .ok_or(FEUD_ERR_NOT_FOUND)?;
        put(
            out,
            feud_entry {
                record: feud_ref::of(r),
                date: feud_date::of(Some(d)),
                precision: precision_of(Some(d)),
            },
        )
    })())
}

/// Entry `i` (0-based) of the reply thread around quote `quote` — its root
/// first, then every reply depth first — into `*out`. Any quote of a thread
/// gives the whole thread. `FEUD_ERR_NOT_FOUND` past the end or for an
/// unknown quote.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_thread(
    corpus: *const feud_corpus,
    quote: u32,
    i: usize,
    out: *mut feud_thread_entry,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        let (q, depth) = c.thread(quote).nth(i).ok_or(FEUD_ERR_NOT_FOUND)?;
        put(
            out,
            feud_thread_entry {
                quote: q,
                depth: depth as u32,
            },
        )
    })())
}

/// A quote chosen from `seed` (e.g. days since an epoch), into `*out`: the
/// same seed always gives the same quote for the same corpus.
/// `FEUD_ERR_NOT_FOUND` when the corpus has no quotes.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_random_quote(
    corpus: *const feud_corpus,
    seed: u64,
    out: *mut u32,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(out)?;
        put(out, c.quote_of_the_day(seed).ok_or(FEUD_ERR_NOT_FOUND)?)
    })())
}

/// The name of a kind (`"quote"`), or `""` for an unknown one. Static.
#[no_mangle]
pub extern "C" fn feud_kind_name(kind: feud_kind) -> *const c_char {
    KIND_NAMES
        .get(kind as usize)
        .copied()
        .unwrap_or(c"")
        .as_ptr()
}

/// The name of a field (`"text"`, `"speaker"`), or `""` for an unknown one.
/// Static.
#[no_mangle]
pub extern "C" fn feud_field_name(field: feud_field) -> *const c_char {
    FIELD_NAMES
        .get(field as usize)
        .copied()
        .unwrap_or(c"")
        .as_ptr()
}

// ----- search ----------------------------------------------------------------

/// Reads a NUL-terminated query, looking at no more than
/// `FEUD_MAX_QUERY_LEN + 1` bytes, and parses it.
fn parse_query(q: *const c_char) -> Res<Query> {
    need(q)?;
    let max = feudfacts::MAX_QUERY_LEN;
    let mut n = 0;
    // SAFETY: `q` is non-null and NUL-terminated (header); we stop at the NUL
    // and never read past `max + 1` bytes, all within the string.
    while n <= max && unsafe { q.add(n).read() } != 0 {
        n += 1;
    }
    if n > max {
        return Err(FEUD_ERR_QUERY_TOO_LONG);
    }
    // SAFETY: the `n` bytes before the NUL were just read, so they are valid.
    let bytes = unsafe { core::slice::from_raw_parts(q.cast::<u8>(), n) };
    Query::parse_bytes(bytes).map_err(status_of)
}

fn filter_of(c: &Corpus<'static>, f: *const feud_filter) -> Res<Filter> {
    if f.is_null() {
        return Ok(Filter::NONE);
    }
    // SAFETY: non-null, and per the header a readable `feud_filter`. Each
    // field is read on its own as integers, valid for any bits: `has_entity`
    // as a byte, since a C `bool` holding 2 would not be a valid Rust `bool`.
    let (kinds, has_entity, mode, entity, from, to) = unsafe {
        (
            ptr::addr_of!((*f).kinds).read(),
            ptr::addr_of!((*f).has_entity).cast::<u8>().read(),
            ptr::addr_of!((*f).mode).read(),
            ptr::addr_of!((*f).entity).read(),
            ptr::addr_of!((*f).from).read(),
            ptr::addr_of!((*f).to).read(),
        )
    };
    if kinds & !FEUD_KINDS_ALL != 0 {
        return Err(FEUD_ERR_INVALID_ARGUMENT);
    }
    let kinds = if kinds == 0 {
        KindSet::ALL
    } else {
        KindSet::from_bits(kinds)
    };
    let entity = if has_entity != 0 {
        if (entity as usize) >= c.count(Kind::Entity) {
            return Err(FEUD_ERR_NOT_FOUND);
        }
        Some(entity)
    } else {
        None
    };
    let (from, to) = (from.to_core()?, to.to_core()?);
    if let (Some(f), Some(t)) = (from, to) {
        if f.first_day() > t.last_day() {
            return Err(FEUD_ERR_INVALID_ARGUMENT);
        }
    }
    let mode = match mode {
        FEUD_MODE_BEST => Mode::Best,
        FEUD_MODE_STRICT => Mode::Strict,
        _ => return Err(FEUD_ERR_INVALID_ARGUMENT),
    };
    Ok(Filter {
        mode,
        kinds,
        entity,
        from,
        to,
    })
}

const _: () = {
    // `feud_search` ranks core `Hit`s inside the caller's `feud_hit` array.
    assert!(size_of::<Hit>() <= size_of::<feud_hit>());
    assert!(align_of::<Hit>() <= align_of::<feud_hit>());
};

/// Searches with the query language of the core (NUL-terminated `query`;
/// `"a phrase"`, `prefix*`; case and typography ignored) and `filter`
/// (NULL: none). In best-match mode (`FEUD_MODE_BEST`, the default) words
/// meet their other forms, synonyms and near spellings, records with every
/// word come first, then the closest matches while room is left, ranked by
/// BM25F; in strict mode (`FEUD_MODE_STRICT`) every term must match
/// literally. Writes the best hits to `hits` (at most `capacity`) and to
/// `*summary` the number of records with every word (even those that did
/// not fit), the hits written, how many of them are partial, and which
/// words were read as near spellings. `hits` may be NULL when `capacity` is
/// 0, to count only.
///
/// Errors: `FEUD_ERR_NULL`, `FEUD_ERR_INVALID_UTF8`, `FEUD_ERR_EMPTY_QUERY`,
/// `FEUD_ERR_QUERY_TOO_LONG`, `FEUD_ERR_TOO_MANY_TERMS` (more than
/// `FEUD_MAX_TERMS`, or `FEUD_MAX_STRICT_TERMS` in strict mode),
/// `FEUD_ERR_INVALID_ARGUMENT` (bad filter kinds, mode or dates),
/// `FEUD_ERR_NOT_FOUND` (unknown filter entity).
///
/// # Safety
/// `query` must be NULL or NUL-terminated; `hits` must be NULL or point to
/// `capacity` writable `feud_hit`s; other pointers valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_search(
    corpus: *const feud_corpus,
    query: *const c_char,
    filter: *const feud_filter,
    hits: *mut feud_hit,
    capacity: usize,
    summary: *mut feud_summary,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let q = parse_query(query)?;
        let f = filter_of(c, filter)?;
        need(summary)?;
        if capacity > 0 {
            need(hits)?;
        }
        let slots = hits.cast::<Hit>();
        for i in 0..capacity {
            // SAFETY: `hits` holds `capacity` `feud_hit`s, and a `Hit` is no
            // larger and no more aligned (asserted), so `Hit` slot `i` lies
            // within the array and is aligned.
            unsafe { slots.add(i).write(Hit::EMPTY) };
        }
        // SAFETY: the `capacity` `Hit`s were just initialised, lie within the
        // caller's array, which nothing else accesses during this call.
        let buf: &mut [Hit] = if capacity == 0 {
            &mut []
        } else {
            unsafe { core::slice::from_raw_parts_mut(slots, capacity) }
        };
        let s = c.search(&q, &f, buf).map_err(status_of)?;
        // Convert in place, last first: `feud_hit` `i` starts at or after
        // `Hit` `i`, so writing it only overwrites `Hit`s already converted.
        for i in (0..s.returned).rev() {
            // SAFETY: slot `i` holds an initialised `Hit` (read by value
            // before the write); `feud_hit` slot `i` is within the array.
            unsafe {
                let h = slots.add(i).read();
                hits.add(i).write(feud_hit::of(&h));
            }
        }
        put(
            summary,
            feud_summary {
                total: s.total,
                returned: s.returned,
                partial: s.partial,
                corrected: s.corrected as u32,
            },
        )
    })())
}

/// "Did you mean": the query (NUL-terminated) with each word the corpus
/// does not know replaced by the near spelling best-match search read it as
/// (`altamn stargte` → `altman stargate`, folded), written to `buf` with the
/// snprintf semantics of `feud_format_line`. `FEUD_ERR_NOT_FOUND` when no
/// word needed correcting (`feud_summary.corrected` is 0 then).
///
/// Errors as `feud_search` for the query; `FEUD_ERR_BUFFER_TOO_SMALL` when
/// cut.
///
/// # Safety
/// `query` must be NULL or NUL-terminated; `buf` NULL or `size` writable
/// bytes; other pointers valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_suggest(
    corpus: *const feud_corpus,
    query: *const c_char,
    buf: *mut c_char,
    size: usize,
    needed: *mut usize,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let q = parse_query(query)?;
        let mut full = [0u8; 2 * feudfacts::MAX_QUERY_LEN];
        let n = c.suggest(&q, &mut full).ok_or(FEUD_ERR_NOT_FOUND)?;
        let text = full.get(..n).ok_or(FEUD_ERR_NOT_FOUND)?;
        let out = text_buf(buf, size)?;
        let cap = out.len();
        // Whole characters only (the suggestion is UTF-8).
        let mut fit = n.min(cap);
        while fit > 0 && fit < n && text.get(fit).is_some_and(|&b| b & 0xc0 == 0x80) {
            fit -= 1;
        }
        for (d, &b) in out.iter_mut().zip(text.get(..fit).unwrap_or(&[])) {
            *d = b;
        }
        finish_text(n, cap, needed)
    })())
}

/// The text of the field a hit points into (the whole field; `hit.start`
/// and `hit.end` delimit the match within it), into `*out`.
///
/// # Safety
/// Pointers must be valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_hit_text(
    corpus: *const feud_corpus,
    hit: *const feud_hit,
    out: *mut feud_str,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        need(hit)?;
        need(out)?;
        // SAFETY: non-null, a readable `feud_hit` per the header; its `bool`
        // is not inspected, and any bits are a valid `u8` (kind, field, item)
        // or `u32` (index).
        let (kind, index, field, item) = unsafe {
            let r = ptr::addr_of!((*hit).record).read();
            (
                r.kind,
                r.index,
                ptr::addr_of!((*hit).field).read(),
                ptr::addr_of!((*hit).item).read(),
            )
        };
        let field = Field::from_u8(field).ok_or(FEUD_ERR_INVALID_ARGUMENT)?;
        if field.kind() as u8 != kind {
            return Err(FEUD_ERR_INVALID_ARGUMENT);
        }
        let seg = Segment {
            start: 0,
            record: index,
            field,
            item,
            plain: false,
        };
        put(
            out,
            feud_str::of(c.field_text(&seg).ok_or(FEUD_ERR_NOT_FOUND)?),
        )
    })())
}

// ----- cursor ----------------------------------------------------------------

/// Words in a `feud_cursor`.
pub const FEUD_CURSOR_WORDS: usize = 512;

/// A search cursor: yields every match in corpus order (unranked), one at a
/// time, with no buffer. The caller owns this memory (4 KiB: on a small
/// stack make it `static`); its contents are private. It must stay where `feud_cursor_open` filled it: a cursor that
/// was copied or moved is refused with `FEUD_ERR_INVALID_ARGUMENT`. The
/// corpus must outlive it. Nothing needs closing.
#[repr(C)]
pub struct feud_cursor {
    /// Private.
    pub _opaque: [u64; FEUD_CURSOR_WORDS],
}

/// What a `feud_cursor` holds, at the first suitably aligned address in it.
struct CursorImpl {
    magic: u64,
    /// The cursor's address when opened: a moved cursor would dangle.
    home: usize,
    query: Query,
    /// Borrows `query` (so the cursor may not move) and the corpus's blob.
    matches: MaybeUninit<Matches<'static, 'static>>,
}

const CURSOR_MAGIC: u64 = u64::from_le_bytes(*b"FEUDCURS");

const _: () = assert!(
    size_of::<CursorImpl>() + align_of::<CursorImpl>() <= size_of::<feud_cursor>(),
    "grow FEUD_CURSOR_WORDS"
);

/// The aligned place of the implementation inside a cursor.
fn cursor_slot(cur: *mut feud_cursor) -> *mut CursorImpl {
    let addr = cur as usize;
    let off = addr.next_multiple_of(align_of::<CursorImpl>()) - addr;
    cur.cast::<u8>().wrapping_add(off).cast()
}

/// Starts a search (same query and filter as `feud_search`, but always
/// strict: every term literally, at most `FEUD_MAX_STRICT_TERMS`) whose
/// matches `feud_cursor_next` yields in corpus order. On failure `*cursor` is marked
/// unopened.
///
/// # Safety
/// `query` must be NULL or NUL-terminated; `cursor` must be NULL or point to
/// a writable `feud_cursor`; other pointers valid or NULL. The corpus must
/// outlive the cursor.
#[no_mangle]
pub unsafe extern "C" fn feud_cursor_open(
    corpus: *const feud_corpus,
    query: *const c_char,
    filter: *const feud_filter,
    cursor: *mut feud_cursor,
) -> feud_status {
    done((|| {
        need(cursor)?;
        let slot = cursor_slot(cursor);
        // SAFETY: `slot` lies within the caller's cursor (the size assertion
        // leaves room for the alignment offset) and is aligned for
        // `CursorImpl`; marking it unopened first.
        unsafe { ptr::addr_of_mut!((*slot).magic).write(0) };
        let c = corpus_of(corpus)?;
        let q = parse_query(query)?;
        let f = filter_of(c, filter)?;
        // SAFETY: as above; these writes initialise the fields without
        // reading the old contents.
        unsafe {
            ptr::addr_of_mut!((*slot).home).write(cursor as usize);
            ptr::addr_of_mut!((*slot).query).write(q);
        }
        // SAFETY: `query` was just initialised and stays at this address,
        // unchanged, for as long as the cursor is used: `feud_cursor_next`
        // refuses a cursor that is not at `home`. The `'static` lifetimes are
        // erased borrows of that query and of the corpus's blob (which the
        // caller keeps alive, per the header).
        unsafe {
            let query: &'static Query = &*ptr::addr_of!((*slot).query);
            let m = c.matches(query, &f).map_err(status_of)?;
            ptr::addr_of_mut!((*slot).matches).write(MaybeUninit::new(m));
            ptr::addr_of_mut!((*slot).magic).write(CURSOR_MAGIC);
        }
        Ok(())
    })())
}

/// The next match of a cursor into `*out`; `FEUD_ERR_NOT_FOUND` when there
/// are no more (and on every call after that).
///
/// # Safety
/// `cursor` must be NULL or point to a `feud_cursor`; `out` valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_cursor_next(
    cursor: *mut feud_cursor,
    out: *mut feud_hit,
) -> feud_status {
    done((|| {
        need(cursor)?;
        need(out)?;
        let slot = cursor_slot(cursor);
        // SAFETY: `slot` is within the caller's cursor and aligned; `u64`
        // and `usize` are valid for any bits.
        let (magic, home) = unsafe {
            (
                ptr::addr_of!((*slot).magic).read(),
                ptr::addr_of!((*slot).home).read(),
            )
        };
        if magic != CURSOR_MAGIC || home != cursor as usize {
            return Err(FEUD_ERR_INVALID_ARGUMENT);
        }
        // SAFETY: the magic is written only after `matches` was initialised
        // (by `feud_cursor_open`), and the cursor has not moved, so the query
        // it borrows is in place. Only the `matches` field is borrowed
        // mutably; the query is only ever read.
        let m = unsafe { (*ptr::addr_of_mut!((*slot).matches)).assume_init_mut() };
        let h = m.next().ok_or(FEUD_ERR_NOT_FOUND)?;
        put(out, feud_hit::of(&h))
    })())
}

// ----- display ---------------------------------------------------------------

/// A caller's text buffer: `size` bytes at `buf` (NULL allowed when 0).
/// Zeroes it, so any prefix the writer leaves is NUL-terminated, and returns
/// the part the writer may fill (one byte is kept for the NUL).
fn text_buf<'b>(buf: *mut c_char, size: usize) -> Res<&'b mut [u8]> {
    if size == 0 {
        return Ok(&mut []);
    }
    need(buf)?;
    // SAFETY: non-null with `size` writable bytes per the header, not
    // otherwise accessed during the call.
    let all = unsafe { core::slice::from_raw_parts_mut(buf.cast::<u8>(), size) };
    all.fill(0);
    Ok(&mut all[..size - 1])
}

/// Finishes an snprintf-like call: `needed` bytes were wanted, `cap` fit.
fn finish_text(needed: usize, cap: usize, out_needed: *mut usize) -> Res {
    if !out_needed.is_null() {
        put(out_needed, needed)?;
    }
    if needed > cap {
        Err(FEUD_ERR_BUFFER_TOO_SMALL)
    } else {
        Ok(())
    }
}

/// Reads `len` bytes of UTF-8 at `s` (NULL allowed when `len` is 0).
fn utf8<'s>(s: *const c_char, len: usize) -> Res<&'s str> {
    if len == 0 {
        return Ok("");
    }
    need(s)?;
    // SAFETY: non-null with `len` readable bytes per the header.
    let b = unsafe { core::slice::from_raw_parts(s.cast::<u8>(), len) };
    core::str::from_utf8(b).map_err(|_| FEUD_ERR_INVALID_UTF8)
}

/// Writes record `kind` `index` as one line of UTF-8 — quotes
/// `Speaker (date): text`, events `date: title`, entities `name - role`,
/// figures `phrasing - what`, discrepancies their title, sources
/// `outlet: headline` — with snprintf semantics: at most `size` bytes are
/// written, always NUL-terminated when `size > 0`, never splitting a
/// character; `*needed` (may be NULL) gets the length of the whole line
/// without the NUL. Returns `FEUD_ERR_BUFFER_TOO_SMALL` when the line was
/// cut (so `buf = NULL, size = 0` measures it).
///
/// # Safety
/// `buf` must be NULL or point to `size` writable bytes; other pointers
/// valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_format_line(
    corpus: *const feud_corpus,
    kind: feud_kind,
    index: u32,
    buf: *mut c_char,
    size: usize,
    needed: *mut usize,
) -> feud_status {
    done((|| {
        let c = corpus_of(corpus)?;
        let r = RecordRef::new(kind_of(kind)?, index);
        if c.record(r).is_none() {
            return Err(FEUD_ERR_NOT_FOUND);
        }
        let out = text_buf(buf, size)?;
        let cap = out.len();
        let n = feudfacts::write_line(c, r, out).ok_or(FEUD_ERR_NOT_FOUND)?;
        finish_text(n, cap, needed)
    })())
}

/// Transliterates `len` bytes of UTF-8 at `s` for a display that draws only
/// `charset` (`FEUD_CHARSET_*`): typographic quotes and dashes become ASCII,
/// `…` becomes `...`, accents are dropped where the charset lacks them, flag
/// emoji are spelled (`[US flag]`), anything else becomes `?`. The result is
/// written as UTF-8 (pure ASCII for `FEUD_CHARSET_ASCII`) with the snprintf
/// semantics of `feud_format_line`.
///
/// # Safety
/// `s` must be NULL or point to `len` readable bytes; `buf` NULL or `size`
/// writable bytes; `needed` valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_translit(
    s: *const c_char,
    len: usize,
    charset: feud_charset,
    buf: *mut c_char,
    size: usize,
    needed: *mut usize,
) -> feud_status {
    done((|| {
        let text = utf8(s, len)?;
        let cs = match charset {
            FEUD_CHARSET_ASCII => Charset::Ascii,
            FEUD_CHARSET_LATIN1 => Charset::Latin1,
            _ => return Err(FEUD_ERR_INVALID_ARGUMENT),
        };
        let out = text_buf(buf, size)?;
        let cap = out.len();
        let n = feudfacts::translit_into(text, cs, out);
        finish_text(n, cap, needed)
    })())
}

/// Word-wraps `len` bytes of UTF-8 at `s` into lines of at most `cols`
/// characters (0 is taken as 1), breaking at spaces and at line feeds,
/// splitting only words longer than a line, and writes the lines joined by
/// line feeds (none after the last) with the snprintf semantics of
/// `feud_format_line`.
/// `*lines` (may be NULL) gets the number of lines. Transliterate first so
/// that one character is one column.
///
/// # Safety
/// `s` must be NULL or point to `len` readable bytes; `buf` NULL or `size`
/// writable bytes; other pointers valid or NULL.
#[no_mangle]
pub unsafe extern "C" fn feud_wrap(
    s: *const c_char,
    len: usize,
    cols: u32,
    buf: *mut c_char,
    size: usize,
    needed: *mut usize,
    lines: *mut usize,
) -> feud_status {
    done((|| {
        let text = utf8(s, len)?;
        let out = text_buf(buf, size)?;
        let cap = out.len();
        let (mut n, mut count) = (0usize, 0usize);
        let mut fits = true;
        for line in feudfacts::wrap(text, cols as usize) {
            let sep: &[u8] = if count > 0 { b"\n" } else { b"" };
            for part in [sep, line.as_bytes()] {
                // Whole lines only once something did not fit: a line is
                // cut at a character boundary, never inside one.
                let end = n + part.len();
                if fits && end <= cap {
                    if let Some(dst) = out.get_mut(n..end) {
                        // A zip copy: copy_from_slice keeps a length-mismatch
                        // panic path at opt-level z (ci/panic-free).
                        for (d, b) in dst.iter_mut().zip(part) {
                            *d = *b;
                        }
                    }
                } else if fits {
                    let room = cap - n;
                    let mut cut = room.min(part.len());
                    // Back off to a character boundary (`get`: no panic path).
                    while cut > 0 && part.get(cut).is_some_and(|b| b & 0xc0 == 0x80) {
                        cut -= 1;
                    }
                    if let (Some(dst), Some(src)) = (out.get_mut(n..n + cut), part.get(..cut)) {
                        for (d, b) in dst.iter_mut().zip(src) {
                            *d = *b;
                        }
                    }
                    fits = false;
                }
                n = end;
            }
            count += 1;
        }
        if !lines.is_null() {
            put(lines, count)?;
        }
        finish_text(n, cap, needed)
    })())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_core() {
        for (i, k) in feudfacts::EntityKind::ALL.iter().enumerate() {
            assert_eq!(ENTITY_KIND_NAMES[i].to_str().unwrap(), k.name());
        }
        assert_eq!(feudfacts::EntityKind::ALL.len(), ENTITY_KIND_NAMES.len());
        for (i, m) in feudfacts::Medium::ALL.iter().enumerate() {
            assert_eq!(MEDIUM_NAMES[i].to_str().unwrap(), m.name());
        }
        assert_eq!(feudfacts::Medium::ALL.len(), MEDIUM_NAMES.len());
        for (i, q) in feudfacts::Qualifier::ALL.iter().enumerate() {
            assert_eq!(QUALIFIER_NAMES[i].to_str().unwrap(), q.name());
        }
        assert_eq!(feudfacts::Qualifier::ALL.len(), QUALIFIER_NAMES.len());
        for k in Kind::ALL {
            assert_eq!(KIND_NAMES[k as usize].to_str().unwrap(), k.name());
        }
        let fields = [
            (FEUD_FIELD_SOURCE_OUTLET, Field::SourceOutlet),
            (FEUD_FIELD_SOURCE_HEADLINE, Field::SourceHeadline),
            (FEUD_FIELD_ENTITY_NAME, Field::EntityName),
            (FEUD_FIELD_ENTITY_ALIAS, Field::EntityAlias),
            (FEUD_FIELD_QUOTE_SPEAKER, Field::QuoteSpeaker),
            (FEUD_FIELD_QUOTE_TEXT, Field::QuoteText),
            (FEUD_FIELD_QUOTE_VARIANT, Field::QuoteVariant),
            (FEUD_FIELD_EVENT_TITLE, Field::EventTitle),
            (FEUD_FIELD_EVENT_SUMMARY, Field::EventSummary),
            (FEUD_FIELD_FIGURE_PHRASING, Field::FigurePhrasing),
            (FEUD_FIELD_DISCREPANCY_TITLE, Field::DiscrepancyTitle),
            (
                FEUD_FIELD_DISCREPANCY_DESCRIPTION,
                Field::DiscrepancyDescription,
            ),
            (FEUD_FIELD_SOURCE_NOTES, Field::SourceNotes),
            (FEUD_FIELD_SOURCE_DATE_NOTE, Field::SourceDateNote),
            (FEUD_FIELD_ENTITY_ROLE, Field::EntityRole),
            (FEUD_FIELD_ENTITY_NOTES, Field::EntityNotes),
            (FEUD_FIELD_QUOTE_CONTEXT, Field::QuoteContext),
            (FEUD_FIELD_QUOTE_DATE_NOTE, Field::QuoteDateNote),
            (FEUD_FIELD_EVENT_DATE_NOTE, Field::EventDateNote),
            (FEUD_FIELD_FIGURE_REFERS_TO, Field::FigureRefersTo),
            (FEUD_FIELD_FIGURE_DATE_NOTE, Field::FigureDateNote),
            (FEUD_FIELD_DISCREPANCY_SIDE, Field::DiscrepancySide),
            (FEUD_FIELD_SOURCE_KEYWORD, Field::SourceKeyword),
            (FEUD_FIELD_ENTITY_KEYWORD, Field::EntityKeyword),
            (FEUD_FIELD_QUOTE_KEYWORD, Field::QuoteKeyword),
            (FEUD_FIELD_EVENT_KEYWORD, Field::EventKeyword),
            (FEUD_FIELD_FIGURE_KEYWORD, Field::FigureKeyword),
            (FEUD_FIELD_DISCREPANCY_KEYWORD, Field::DiscrepancyKeyword),
        ];
        for (code, field) in fields {
            assert_eq!(code, field as u8, "{field:?}");
        }
        assert_eq!(fields.len(), FIELD_NAMES.len());
        for (i, k) in Kind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
        }
        let kinds = [
            FEUD_KIND_SOURCE,
            FEUD_KIND_ENTITY,
            FEUD_KIND_QUOTE,
            FEUD_KIND_EVENT,
            FEUD_KIND_FIGURE,
            FEUD_KIND_DISCREPANCY,
        ];
        for (code, kind) in kinds.into_iter().zip(Kind::ALL) {
            assert_eq!(code, kind as u8);
        }
        use feudfacts::{EntityKind as E, Medium as M, Qualifier as Q};
        let entity_kinds = [
            (FEUD_ENTITY_PERSON, E::Person),
            (FEUD_ENTITY_COMPANY, E::Company),
            (FEUD_ENTITY_PROJECT, E::Project),
            (FEUD_ENTITY_OUTLET, E::Outlet),
            (FEUD_ENTITY_INSTITUTION, E::Institution),
            (FEUD_ENTITY_GOVERNMENT, E::Government),
            (FEUD_ENTITY_PRODUCT, E::Product),
            (FEUD_ENTITY_PLACE, E::Place),
            (FEUD_ENTITY_GROUP, E::Group),
        ];
        for (code, v) in entity_kinds {
            assert_eq!(E::ALL[code as usize], v);
        }
        let media = [
            (FEUD_MEDIUM_X_POST, M::XPost),
            (FEUD_MEDIUM_X_REPOST, M::XRepost),
            (FEUD_MEDIUM_PRESS_CONFERENCE, M::PressConference),
            (FEUD_MEDIUM_REMARKS_TO_REPORTERS, M::RemarksToReporters),
            (
                FEUD_MEDIUM_CONGRESSIONAL_TESTIMONY,
                M::CongressionalTestimony,
            ),
            (FEUD_MEDIUM_TV_INTERVIEW, M::TvInterview),
            (FEUD_MEDIUM_STATEMENT, M::Statement),
            (FEUD_MEDIUM_LAWSUIT, M::Lawsuit),
            (FEUD_MEDIUM_ARTICLE, M::Article),
            (FEUD_MEDIUM_UNKNOWN, M::Unknown),
        ];
        for (code, v) in media {
            assert_eq!(M::ALL[code as usize], v);
        }
        let qualifiers = [
            (FEUD_QUALIFIER_EXACT, Q::Exact),
            (FEUD_QUALIFIER_ABOUT, Q::About),
            (FEUD_QUALIFIER_AT_LEAST, Q::AtLeast),
            (FEUD_QUALIFIER_OVER, Q::Over),
            (FEUD_QUALIFIER_UNDER, Q::Under),
            (FEUD_QUALIFIER_UP_TO, Q::UpTo),
            (FEUD_QUALIFIER_LESS_THAN, Q::LessThan),
        ];
        for (code, v) in qualifiers {
            assert_eq!(Q::ALL[code as usize], v);
        }
        for f in 0..=255u8 {
            match Field::from_u8(f) {
                Some(field) => assert_eq!(FIELD_NAMES[f as usize].to_str().unwrap(), field.name()),
                None => assert!(f as usize >= FIELD_NAMES.len()),
            }
        }
    }

    #[test]
    fn version_macros_match_the_package() {
        assert_eq!(
            FEUD_VERSION_MAJOR.to_string(),
            env!("CARGO_PKG_VERSION_MAJOR")
        );
        assert_eq!(
            FEUD_VERSION_MINOR.to_string(),
            env!("CARGO_PKG_VERSION_MINOR")
        );
        assert_eq!(
            FEUD_VERSION_PATCH.to_string(),
            env!("CARGO_PKG_VERSION_PATCH")
        );
        assert_eq!(FEUD_MAX_QUERY_LEN as usize, feudfacts::MAX_QUERY_LEN);
        assert_eq!(FEUD_MAX_TERMS as usize, feudfacts::MAX_TERMS);
        assert_eq!(
            FEUD_MAX_THREAD_DEPTH as usize,
            feudfacts::format::MAX_THREAD_DEPTH
        );
        assert_eq!(FEUD_MAX_RECORDS, feudfacts::format::MAX_RECORDS);
    }

    #[test]
    fn status_of_covers_every_code() {
        for code in 0..=13 {
            // SAFETY: the returned pointer is a static C string.
            let s = unsafe { CStr::from_ptr(feud_status_str(code)) };
            assert_ne!(s.to_str().unwrap(), "unknown status");
        }
        // SAFETY: as above.
        let s = unsafe { CStr::from_ptr(feud_status_str(14)) };
        assert_eq!(s.to_str().unwrap(), "unknown status");
    }

    /// Indexes are `u32` end to end: an index past `u16::MAX` whose low 16
    /// bits name a real record is refused, never read as that record.
    #[test]
    fn indexes_above_u16_max_are_not_truncated() {
        let c = feud_embedded();
        let core = Corpus::embedded();
        let q = core.quotes_by(0).next().map_or(0, |(i, _)| i);
        let wide = 0x1_0000 + q;
        let mut quote = MaybeUninit::<feud_quote>::uninit();
        let mut entity = MaybeUninit::<feud_entity>::uninit();
        let mut s = MaybeUninit::<feud_str>::uninit();
        let mut n = 0usize;
        let mut item = MaybeUninit::<feud_item>::uninit();
        let mut id = 0u32;
        let mut t = MaybeUninit::<feud_thread_entry>::uninit();
        let mut buf = [0 as c_char; 64];
        let mut sum = feud_summary::default();
        let filter = feud_filter {
            has_entity: true,
            entity: 0x1_0000,
            ..feud_filter::default()
        };
        // SAFETY: valid pointers to locals, or NULL where allowed.
        unsafe {
            assert_eq!(feud_get_quote(c, q, quote.as_mut_ptr()), FEUD_OK);
            assert_eq!(
                feud_get_quote(c, wide, quote.as_mut_ptr()),
                FEUD_ERR_NOT_FOUND
            );
            assert_eq!(
                feud_get_entity(c, 0x1_0000, entity.as_mut_ptr()),
                FEUD_ERR_NOT_FOUND
            );
            assert_eq!(
                feud_key(c, FEUD_KIND_QUOTE, wide, s.as_mut_ptr()),
                FEUD_ERR_NOT_FOUND
            );
            assert_eq!(
                feud_list_len(c, FEUD_KIND_QUOTE, wide, FEUD_LIST_SOURCES, &mut n),
                FEUD_ERR_NOT_FOUND
            );
            assert_eq!(
                feud_list_item(
                    c,
                    FEUD_KIND_QUOTE,
                    wide,
                    FEUD_LIST_SOURCES,
                    0,
                    item.as_mut_ptr()
                ),
                FEUD_ERR_NOT_FOUND
            );
            assert_eq!(
                feud_variant_source(c, wide, 0, 0, &mut id),
                FEUD_ERR_NOT_FOUND
            );
            assert_eq!(feud_quote_by(c, 0x1_0000, 0, &mut id), FEUD_ERR_NOT_FOUND);
            assert_eq!(feud_thread(c, wide, 0, t.as_mut_ptr()), FEUD_ERR_NOT_FOUND);
            assert_eq!(
                feud_format_line(
                    c,
                    FEUD_KIND_QUOTE,
                    wide,
                    buf.as_mut_ptr(),
                    buf.len(),
                    ptr::null_mut()
                ),
                FEUD_ERR_NOT_FOUND
            );
            assert_eq!(
                feud_search(
                    c,
                    c"softbank".as_ptr(),
                    &filter,
                    ptr::null_mut(),
                    0,
                    &mut sum
                ),
                FEUD_ERR_NOT_FOUND
            );
            let mut hit = MaybeUninit::<feud_hit>::uninit();
            let st = feud_search(
                c,
                c"softbank secured".as_ptr(),
                ptr::null(),
                hit.as_mut_ptr(),
                1,
                &mut sum,
            );
            assert_eq!((st, sum.returned), (FEUD_OK, 1));
            let mut hit = hit.assume_init();
            assert_eq!(feud_hit_text(c, &hit, s.as_mut_ptr()), FEUD_OK);
            hit.record.index += 0x1_0000;
            assert_eq!(feud_hit_text(c, &hit, s.as_mut_ptr()), FEUD_ERR_NOT_FOUND);
        }
    }

    #[test]
    fn search_matches_the_core() {
        let mut hits = [MaybeUninit::<feud_hit>::uninit(); 3];
        let mut sum = feud_summary::default();
        // SAFETY: valid pointers to local buffers.
        let st = unsafe {
            feud_search(
                feud_embedded(),
                c"softbank secured".as_ptr(),
                ptr::null(),
                hits.as_mut_ptr().cast(),
                3,
                &mut sum,
            )
        };
        assert_eq!(st, FEUD_OK);
        let mut core_hits = [Hit::EMPTY; 3];
        let s = Corpus::embedded().search_str("softbank secured", &Filter::NONE, &mut core_hits);
        let s = s.unwrap();
        assert_eq!((sum.total, sum.returned), (s.total, s.returned));
        for i in 0..s.returned {
            // SAFETY: the first `returned` hits were written.
            let h = unsafe { hits[i].assume_init() };
            assert_eq!(h.record, feud_ref::of(core_hits[i].record));
            assert_eq!((h.start, h.end), (core_hits[i].start, core_hits[i].end));
            assert_eq!(h.field, core_hits[i].field as u8);
        }
    }
}
