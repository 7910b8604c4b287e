//! The record types: what one source, entity, quote, event, figure or
//! discrepancy holds, and how it is encoded.
//!
//! Like [`crate::layout`], these types are shared by the reader (the
//! `feudfacts` core) and the writer (`compile/`, which `build.rs` runs): the
//! encoder serializes exactly these types with postcard and the core
//! deserializes them, borrowing every string and list from the blob.
//! Strings are [`Text`] ([`text`]): UTF-8 followed by a NUL byte in the blob,
//! so the C ABI can hand out C strings without copying. Lists are [`Packed`]
//! ([`packed`]): a length-prefixed byte string holding a postcard sequence,
//! decoded one item at a time, so a record never needs a heap or a fixed
//! capacity. Dates are [`Date`] and [`Dating`] ([`date`]).

pub mod date;
pub mod packed;
pub mod text;

pub use date::{Date, Dating, Precision};
pub use packed::{Packed, PackedIter};
pub use text::Text;

use serde::{Deserialize, Serialize};

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal,)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* $v,)* }
        impl $name {
            /// Every value, in encoding order.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];
            /// The corpus-source spelling.
            pub const fn name(self) -> &'static str {
                match self { $($name::$v => $s,)* }
            }
            /// The value with this corpus-source spelling.
            pub fn from_name(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.name() == s)
            }
        }
    };
}

named_enum!(
    /// What kind of thing an entity is.
    EntityKind {
        /// A person.
        Person = "person",
        /// A company.
        Company = "company",
        /// A project or initiative.
        Project = "project",
        /// A news outlet.
        Outlet = "outlet",
        /// An institution (university, court, agency).
        Institution = "institution",
        /// A government body or office.
        Government = "government",
        /// A product or platform.
        Product = "product",
        /// A place.
        Place = "place",
        /// A group of people.
        Group = "group",
    }
);

named_enum!(
    /// How a quote was delivered.
    Medium {
        /// A post on X (Twitter).
        XPost = "x-post",
        /// A post by someone else that the speaker reposted.
        XRepost = "x-repost",
        /// A press conference.
        PressConference = "press-conference",
        /// Remarks to reporters.
        RemarksToReporters = "remarks-to-reporters",
        /// Testimony before Congress.
        CongressionalTestimony = "congressional-testimony",
        /// A television interview.
        TvInterview = "tv-interview",
        /// A written or spoken statement.
        Statement = "statement",
        /// A lawsuit or court filing.
        Lawsuit = "lawsuit",
        /// An article.
        Article = "article",
        /// Not stated.
        Unknown = "unknown",
    }
);

named_enum!(
    /// How exact a figure is.
    Qualifier {
        /// Stated as an exact amount.
        Exact = "exact",
        /// Approximately.
        About = "about",
        /// At least.
        AtLeast = "at-least",
        /// More than.
        Over = "over",
        /// Under.
        Under = "under",
        /// Up to.
        UpTo = "up-to",
        /// Less than.
        LessThan = "less-than",
    }
);

/// One news article the facts come from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source<'a> {
    /// The key: the seed file name without `.txt`.
    #[serde(borrow)]
    pub key: Text<'a>,
    /// The outlet, where the article names it; empty otherwise.
    #[serde(borrow)]
    pub outlet: Text<'a>,
    /// The headline, where the article prints one; empty otherwise.
    #[serde(borrow)]
    pub headline: Text<'a>,
    /// When it was published, if known.
    #[serde(borrow)]
    pub published: Option<Dating<'a>>,
    /// Notes, e.g. that the article says it was rewritten; may be empty.
    #[serde(borrow)]
    pub notes: Text<'a>,
    /// Search keywords: the articles' own words where they differ from the
    /// record's, never sentences from the articles; may be empty.
    #[serde(borrow)]
    pub keywords: Packed<'a, Text<'a>>,
}

/// A person, company, project, outlet, institution or place.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity<'a> {
    /// The key, e.g. `sam-altman`.
    #[serde(borrow)]
    pub key: Text<'a>,
    /// The name.
    #[serde(borrow)]
    pub name: Text<'a>,
    /// What it is.
    pub kind: EntityKind,
    /// Its roles, in our words.
    #[serde(borrow)]
    pub roles: Packed<'a, Text<'a>>,
    /// Other names the articles use: surnames, handles, nicknames.
    #[serde(borrow)]
    pub aliases: Packed<'a, Text<'a>>,
    /// Indexes of the sources that name it.
    #[serde(borrow)]
    pub sources: Packed<'a, u32>,
    /// Notes; may be empty.
    #[serde(borrow)]
    pub notes: Text<'a>,
    /// Search keywords: the articles' own words where they differ from the
    /// record's, never sentences from the articles; may be empty.
    #[serde(borrow)]
    pub keywords: Packed<'a, Text<'a>>,
}

/// Another printing of a quote and the sources that print it that way.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Variant<'a> {
    /// The text, byte-for-byte as printed.
    #[serde(borrow)]
    pub text: Text<'a>,
    /// Indexes of the sources printing this text.
    #[serde(borrow)]
    pub sources: Packed<'a, u32>,
}

/// A direct quotation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote<'a> {
    /// The key, e.g. `q-wrong-as-you-surely-know`.
    #[serde(borrow)]
    pub key: Text<'a>,
    /// Index of the speaking entity.
    pub speaker: u32,
    /// The canonical text, byte-for-byte as printed in `text_sources`.
    #[serde(borrow)]
    pub text: Text<'a>,
    /// Indexes of the sources printing `text` exactly.
    #[serde(borrow)]
    pub text_sources: Packed<'a, u32>,
    /// Other printings of the same quote.
    #[serde(borrow)]
    pub variants: Packed<'a, Variant<'a>>,
    /// When it was said, if known.
    #[serde(borrow)]
    pub dating: Option<Dating<'a>>,
    /// How it was delivered.
    pub medium: Medium,
    /// Index of the quote this one replies to.
    pub reply_to: Option<u32>,
    /// What it was said about, in our words.
    #[serde(borrow)]
    pub context: Text<'a>,
    /// Indexes of every source carrying it (text and variants), ascending.
    #[serde(borrow)]
    pub sources: Packed<'a, u32>,
    /// Search keywords: the articles' own words where they differ from the
    /// record's, never sentences from the articles; may be empty.
    #[serde(borrow)]
    pub keywords: Packed<'a, Text<'a>>,
}

/// A dated or datable event.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event<'a> {
    /// The key, e.g. `ev-stargate-announced`.
    #[serde(borrow)]
    pub key: Text<'a>,
    /// When it happened, if known.
    #[serde(borrow)]
    pub dating: Option<Dating<'a>>,
    /// A short title, in our words.
    #[serde(borrow)]
    pub title: Text<'a>,
    /// One sentence, in our words.
    #[serde(borrow)]
    pub summary: Text<'a>,
    /// Indexes of the entities taking part.
    #[serde(borrow)]
    pub participants: Packed<'a, u32>,
    /// Indexes of quotes said at or as this event.
    #[serde(borrow)]
    pub quotes: Packed<'a, u32>,
    /// Indexes of the sources reporting it.
    #[serde(borrow)]
    pub sources: Packed<'a, u32>,
    /// Search keywords: the articles' own words where they differ from the
    /// record's, never sentences from the articles; may be empty.
    #[serde(borrow)]
    pub keywords: Packed<'a, Text<'a>>,
}

/// How one article phrased a figure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Phrasing<'a> {
    /// The words, byte-for-byte as printed.
    #[serde(borrow)]
    pub text: Text<'a>,
    /// Index of the source.
    pub source: u32,
}

/// An amount or count.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure<'a> {
    /// The key, e.g. `fig-stargate-total`.
    #[serde(borrow)]
    pub key: Text<'a>,
    /// The number, in base units of `unit`.
    pub value: i64,
    /// The unit, e.g. `USD`, `jobs`, `years-old`.
    #[serde(borrow)]
    pub unit: Text<'a>,
    /// How exact the number is.
    pub qualifier: Qualifier,
    /// What the number is, in our words.
    #[serde(borrow)]
    pub refers_to: Text<'a>,
    /// Indexes of the entities claiming it.
    #[serde(borrow)]
    pub claimed_by: Packed<'a, u32>,
    /// Indexes of the entities disputing it.
    #[serde(borrow)]
    pub disputed_by: Packed<'a, u32>,
    /// When it applies, if known.
    #[serde(borrow)]
    pub dating: Option<Dating<'a>>,
    /// How each article phrased it.
    #[serde(borrow)]
    pub phrasings: Packed<'a, Phrasing<'a>>,
    /// Indexes of the sources phrasing it, ascending.
    #[serde(borrow)]
    pub sources: Packed<'a, u32>,
    /// Search keywords: the articles' own words where they differ from the
    /// record's, never sentences from the articles; may be empty.
    #[serde(borrow)]
    pub keywords: Packed<'a, Text<'a>>,
}

/// One article's side of a discrepancy.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Side<'a> {
    /// Index of the source.
    pub source: u32,
    /// What it says, in our words.
    #[serde(borrow)]
    pub claim: Text<'a>,
}

/// A kind-and-index reference as stored inside records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The kind's numeric code ([`crate::layout::Kind`]).
    pub kind: u8,
    /// The index within the kind.
    pub index: u32,
}

/// A place where the articles disagree with each other or are wrong.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Discrepancy<'a> {
    /// The key, e.g. `disc-potus-post-day`.
    #[serde(borrow)]
    pub key: Text<'a>,
    /// A short title, in our words.
    #[serde(borrow)]
    pub title: Text<'a>,
    /// What disagrees and what the corpus records, in our words.
    #[serde(borrow)]
    pub description: Text<'a>,
    /// Each article's side.
    #[serde(borrow)]
    pub sides: Packed<'a, Side<'a>>,
    /// Related records.
    #[serde(borrow)]
    pub related: Packed<'a, Link>,
    /// Indexes of the sources involved, ascending.
    #[serde(borrow)]
    pub sources: Packed<'a, u32>,
    /// Search keywords: the articles' own words where they differ from the
    /// record's, never sentences from the articles; may be empty.
    #[serde(borrow)]
    pub keywords: Packed<'a, Text<'a>>,
}

/// The searchable strings of a record, in segment order: the single place
/// that decides what goes into the search haystack, used by the encoder and
/// by validation. `speaker` is the quote speaker's name (ignored otherwise).
pub fn for_each_field<'a, F>(record: &Record<'a>, speaker: &'a str, mut f: F)
where
    F: FnMut(crate::layout::Field, u8, &'a str),
{
    use crate::layout::Field as Fd;
    let list = |field: Fd, items: Packed<'a, Text<'a>>, f: &mut F| {
        for (i, t) in items.iter().enumerate() {
            f(field, i as u8, t.as_str());
        }
    };
    let note = |field: Fd, d: Option<Dating<'a>>, f: &mut F| {
        if let Some(d) = d {
            f(field, 0, d.note.as_str());
        }
    };
    match record {
        Record::Source(s) => {
            f(Fd::SourceOutlet, 0, s.outlet.as_str());
            f(Fd::SourceHeadline, 0, s.headline.as_str());
            f(Fd::SourceNotes, 0, s.notes.as_str());
            note(Fd::SourceDateNote, s.published, &mut f);
            list(Fd::SourceKeyword, s.keywords, &mut f);
        }
        Record::Entity(e) => {
            f(Fd::EntityName, 0, e.name.as_str());
            list(Fd::EntityAlias, e.aliases, &mut f);
            list(Fd::EntityRole, e.roles, &mut f);
            f(Fd::EntityNotes, 0, e.notes.as_str());
            list(Fd::EntityKeyword, e.keywords, &mut f);
        }
        Record::Quote(q) => {
            f(Fd::QuoteSpeaker, 0, speaker);
            f(Fd::QuoteText, 0, q.text.as_str());
            for (i, v) in q.variants.iter().enumerate() {
                f(Fd::QuoteVariant, i as u8, v.text.as_str());
            }
            f(Fd::QuoteContext, 0, q.context.as_str());
            note(Fd::QuoteDateNote, q.dating, &mut f);
            list(Fd::QuoteKeyword, q.keywords, &mut f);
        }
        Record::Event(e) => {
            f(Fd::EventTitle, 0, e.title.as_str());
            f(Fd::EventSummary, 0, e.summary.as_str());
            note(Fd::EventDateNote, e.dating, &mut f);
            list(Fd::EventKeyword, e.keywords, &mut f);
        }
        Record::Figure(g) => {
            for (i, p) in g.phrasings.iter().enumerate() {
                f(Fd::FigurePhrasing, i as u8, p.text.as_str());
            }
            f(Fd::FigureRefersTo, 0, g.refers_to.as_str());
            note(Fd::FigureDateNote, g.dating, &mut f);
            list(Fd::FigureKeyword, g.keywords, &mut f);
        }
        Record::Discrepancy(d) => {
            f(Fd::DiscrepancyTitle, 0, d.title.as_str());
            f(Fd::DiscrepancyDescription, 0, d.description.as_str());
            for (i, side) in d.sides.iter().enumerate() {
                f(Fd::DiscrepancySide, i as u8, side.claim.as_str());
            }
            list(Fd::DiscrepancyKeyword, d.keywords, &mut f);
        }
    }
}

/// Any one record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Record<'a> {
    /// A source.
    Source(Source<'a>),
    /// An entity.
    Entity(Entity<'a>),
    /// A quote.
    Quote(Quote<'a>),
    /// An event.
    Event(Event<'a>),
    /// A figure.
    Figure(Figure<'a>),
    /// A discrepancy.
    Discrepancy(Discrepancy<'a>),
}

impl<'a> Record<'a> {
    /// Calls `f` with every string of the record, including those inside
    /// lists; `false` when a list does not decode. Used to validate a blob.
    pub fn for_each_text<F: FnMut(Text<'a>)>(&self, mut f: F) -> bool {
        let dating = |d: Option<Dating<'a>>, f: &mut F| {
            if let Some(d) = d {
                f(d.note)
            }
        };
        match self {
            Record::Source(s) => {
                for t in [s.key, s.outlet, s.headline, s.notes] {
                    f(t);
                }
                dating(s.published, &mut f);
                s.keywords.iter().for_each(&mut f);
                s.keywords.check()
            }
            Record::Entity(e) => {
                for t in [e.key, e.name, e.notes] {
                    f(t);
                }
                e.roles.iter().for_each(&mut f);
                e.aliases.iter().for_each(&mut f);
                e.keywords.iter().for_each(&mut f);
                e.roles.check() && e.aliases.check() && e.keywords.check()
            }
            Record::Quote(q) => {
                for t in [q.key, q.text, q.context] {
                    f(t);
                }
                dating(q.dating, &mut f);
                q.variants.iter().for_each(|v| f(v.text));
                q.keywords.iter().for_each(&mut f);
                q.variants.check() && q.keywords.check()
            }
            Record::Event(e) => {
                for t in [e.key, e.title, e.summary] {
                    f(t);
                }
                dating(e.dating, &mut f);
                e.keywords.iter().for_each(&mut f);
                e.keywords.check()
            }
            Record::Figure(g) => {
                for t in [g.key, g.unit, g.refers_to] {
                    f(t);
                }
                dating(g.dating, &mut f);
                g.phrasings.iter().for_each(|p| f(p.text));
                g.keywords.iter().for_each(&mut f);
                g.phrasings.check() && g.keywords.check()
            }
            Record::Discrepancy(d) => {
                for t in [d.key, d.title, d.description] {
                    f(t);
                }
                d.sides.iter().for_each(|s| f(s.claim));
                d.keywords.iter().for_each(&mut f);
                d.sides.check() && d.keywords.check()
            }
        }
    }

    /// The record's key.
    pub fn key(&self) -> Text<'a> {
        match self {
            Record::Source(r) => r.key,
            Record::Entity(r) => r.key,
            Record::Quote(r) => r.key,
            Record::Event(r) => r.key,
            Record::Figure(r) => r.key,
            Record::Discrepancy(r) => r.key,
        }
    }

    /// The record's search keywords.
    pub fn keywords(&self) -> Packed<'a, Text<'a>> {
        match self {
            Record::Source(r) => r.keywords,
            Record::Entity(r) => r.keywords,
            Record::Quote(r) => r.keywords,
            Record::Event(r) => r.keywords,
            Record::Figure(r) => r.keywords,
            Record::Discrepancy(r) => r.keywords,
        }
    }

    /// The record's date, for quotes, events, figures and sources that have one.
    pub fn dating(&self) -> Option<Dating<'a>> {
        match self {
            Record::Source(r) => r.published,
            Record::Quote(r) => r.dating,
            Record::Event(r) => r.dating,
            Record::Figure(r) => r.dating,
            Record::Entity(_) | Record::Discrepancy(_) => None,
        }
    }

    /// The indexes of the sources the record cites (a source cites itself,
    /// returned as `None`: use its own index).
    pub fn sources(&self) -> Option<Packed<'a, u32>> {
        match self {
            Record::Source(_) => None,
            Record::Entity(r) => Some(r.sources),
            Record::Quote(r) => Some(r.sources),
            Record::Event(r) => Some(r.sources),
            Record::Figure(r) => Some(r.sources),
            Record::Discrepancy(r) => Some(r.sources),
        }
    }
}
