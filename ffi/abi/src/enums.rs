//! The value sets of the header: `FEUD_KIND_*`, `FEUD_FIELD_*`, modes,
//! precisions, charsets, entity kinds, media, qualifiers and lists, each a
//! `uint8_t` typedef with its `#define`s (a C enum's size is the compiler's
//! choice), and their names. Kinds, fields, entity kinds, media and
//! qualifiers are the core's codes (the tests below pin each), and their name
//! tables are made from the core's enums (`ALL` and `name()`) at compile
//! time; the other sets are converted where they are read.

use core::ffi::CStr;

use feudfacts::{EntityKind, Field, Kind, Medium, Qualifier};

use crate::status::*;
use crate::strings::{c_strs, feud_str};

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

/// A kind code as the core's `Kind`; an unknown one is an invalid argument.
pub(crate) fn kind_of(kind: feud_kind) -> Res<Kind> {
    Kind::from_u8(kind).ok_or(FEUD_ERR_INVALID_ARGUMENT)
}

/// The code (position in `all`) and name of `v`, for the `kind`/`kind_name`
/// pairs of the record structs.
pub(crate) fn named<T: PartialEq + Copy>(
    all: &[T],
    v: T,
    names: &[&'static CStr],
) -> (u8, feud_str) {
    let i = all.iter().position(|x| *x == v).unwrap_or(0);
    let name = names.get(i).copied().unwrap_or(c"");
    (i as u8, feud_str::of_static(name))
}

/// The names of a core enum's values, NUL-terminated, in code order: what
/// `name()` says of each of `ALL`.
macro_rules! c_names {
    ($all:expr) => {{
        const NAMES: [&str; $all.len()] = {
            let mut names = [""; $all.len()];
            let mut i = 0;
            while i < names.len() {
                names[i] = $all[i].name();
                i += 1;
            }
            names
        };
        c_strs!(NAMES)
    }};
}

/// `feud_entity.kind_name`, by `FEUD_ENTITY_*`.
pub(crate) const ENTITY_KIND_NAMES: [&CStr; EntityKind::ALL.len()] = c_names!(EntityKind::ALL);
/// `feud_quote.medium_name`, by `FEUD_MEDIUM_*`.
pub(crate) const MEDIUM_NAMES: [&CStr; Medium::ALL.len()] = c_names!(Medium::ALL);
/// `feud_figure.qualifier_name`, by `FEUD_QUALIFIER_*`.
pub(crate) const QUALIFIER_NAMES: [&CStr; Qualifier::ALL.len()] = c_names!(Qualifier::ALL);
/// `feud_kind_name`, by `FEUD_KIND_*`.
pub(crate) const KIND_NAMES: [&CStr; Kind::ALL.len()] = c_names!(Kind::ALL);
/// `feud_field_name`, by `FEUD_FIELD_*`.
pub(crate) const FIELD_NAMES: [&CStr; Field::ALL.len()] = c_names!(Field::ALL);

#[cfg(test)]
mod tests {
    use super::*;

    /// The names C reads, byte for byte: made from the core's enums, they
    /// must still spell what the header has always promised.
    #[test]
    fn names_are_unchanged() {
        fn spelled(t: &[&'static CStr]) -> Vec<&'static str> {
            t.iter().map(|s| s.to_str().unwrap()).collect()
        }
        assert_eq!(
            spelled(&ENTITY_KIND_NAMES),
            [
                "person",
                "company",
                "project",
                "outlet",
                "institution",
                "government",
                "product",
                "place",
                "group"
            ]
        );
        assert_eq!(
            spelled(&MEDIUM_NAMES),
            [
                "x-post",
                "x-repost",
                "press-conference",
                "remarks-to-reporters",
                "congressional-testimony",
                "tv-interview",
                "statement",
                "lawsuit",
                "article",
                "unknown"
            ]
        );
        assert_eq!(
            spelled(&QUALIFIER_NAMES),
            [
                "exact",
                "about",
                "at-least",
                "over",
                "under",
                "up-to",
                "less-than"
            ]
        );
        assert_eq!(
            spelled(&KIND_NAMES),
            [
                "source",
                "entity",
                "quote",
                "event",
                "figure",
                "discrepancy"
            ]
        );
        assert_eq!(
            spelled(&FIELD_NAMES),
            [
                "outlet",
                "headline",
                "name",
                "alias",
                "speaker",
                "text",
                "variant",
                "title",
                "summary",
                "phrasing",
                "title",
                "description",
                "notes",
                "date_note",
                "role",
                "notes",
                "context",
                "date_note",
                "date_note",
                "refers_to",
                "date_note",
                "side",
                "keyword",
                "keyword",
                "keyword",
                "keyword",
                "keyword",
                "keyword"
            ]
        );
    }

    #[test]
    fn codes_match_the_core() {
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
}
