//! The blob layout: the single definition of the file format.
//!
//! Both sides use this one module: the core crate (where `Corpus` reads and
//! validates blobs) and the compiler (`compile/`, which writes them, run by
//! the core's `build.rs`), so the two cannot drift. It holds constants, plain
//! structs, the named field ranges of the header ([`header::field`]), the
//! [`Header`], [`RecordTable`] and [`SegmentTable`] views and the checksum;
//! nothing here allocates. `docs/BLOB_FORMAT.md` is the prose
//! specification of the same layout.
//!
//! # Layout (all integers little-endian)
//!
//! ```text
//! offset  size  field
//! 0       8     magic            b"FEUDFACT"
//! 8       2     version          FORMAT_VERSION
//! 10      2     section_count    SECTION_COUNT
//! 12      4     total_len        length of the blob in bytes (trailing bytes are ignored)
//! 16      4     checksum         FNV-1a-32 of every byte of [0, total_len) except these 4
//! 20      4     reserved         0
//! 24      8*N   section table    N x (offset: u32, len: u32), absolute, in `Section` order
//! ...           sections
//! ```
//!
//! Record sections (`Sources` .. `Discrepancies`) are record tables:
//! `count: u32`, then `count + 1` offsets (`u32`, relative to the data area),
//! then the data area, in which record `i` is the postcard encoding of the
//! record type in `data[offsets[i]..offsets[i + 1]]`.
//!
//! `Text` is the folded search haystack (see [`crate::fold`]): the folded form
//! of every searchable field, each followed by one `0` byte. `Segments` maps
//! it back: one 9-byte [`Segment`] per field, sorted by `start`. `Dates` holds
//! one packed date (`u32`, 0 = undated) per record in global record order.
//! `Timeline` holds one 4-byte [`RecordRef`] per dated quote and event, sorted
//! by date. `Keys` holds one 4-byte [`RecordRef`] per record, sorted by the
//! record's key, for lookup by key.
//!
//! `Words` and `Postings` are the optional word index (both empty without
//! it; see the core's `index` module). A *word* is a maximal run of
//! [`crate::fold::is_word_byte`] bytes in `Text`. `Words` has one 8-byte
//! [`WordEntry`] per distinct word, sorted by the word's bytes: where the
//! word first occurs in `Text`, and where its postings end in
//! `Postings` (they start where the previous word's end). A word's postings
//! are the indexes of the segments containing it, strictly increasing, as
//! LEB128 varints: the first as is, each next as the difference from the
//! one before.
//!
//! `Text` and `Segments` hold the fields strict search covers (codes 0-11;
//! the others are [`Field::is_extra`]) of every record first, then
//! the fields only best match searches, so strict search reads exactly the
//! haystack of format 2. `Terms`, `TermText` and `TermPostings` are the term
//! index best match runs on (the core's `terms` module): one 16-byte [`TermEntry`] per
//! stemmed term, its NUL-terminated forms, and per record a varint record
//! delta, a BM25F impact byte ([`crate::impact`]) and, for a term of several
//! forms, a forms byte. `Synonyms` holds the synonym groups
//! (the core's `synonyms` module), `Values` one 12-byte [`ValueEntry`] per figure,
//! sorted by value (the core's `amounts` module). `docs/BLOB_FORMAT.md` gives every
//! rule validation checks.

pub mod header;
pub mod record_table;
pub mod segment;

pub use header::Header;
pub use record_table::RecordTable;
pub use segment::{RecordKey, Segment, SegmentTable, SEGMENT_LEN};

/// A byte range within a structure: where one field lies (as smoltcp's
/// `wire::field::Field`).
pub type ByteRange = core::ops::Range<usize>;

/// The eight bytes every blob starts with.
pub const MAGIC: [u8; 8] = *b"FEUDFACT";
/// The format version this code reads and writes.
pub const FORMAT_VERSION: u16 = 3;
/// Length of the fixed header, before the section table.
pub const HEADER_LEN: usize = header::field::RESERVED.end;
/// Byte offset of the checksum field in the header.
pub const CHECKSUM_OFFSET: usize = header::field::CHECKSUM.start;
/// Number of sections in the section table.
pub const SECTION_COUNT: usize = 18;
/// Length of the header including the section table.
pub const PREAMBLE_LEN: usize = header::field::section(SECTION_COUNT).start;
pub use crate::limits::{MAX_RECORDS, MAX_THREAD_DEPTH};
/// Size of one entry of the `Words` section (the optional word index).
pub const WORD_LEN: usize = 8;
/// Size of one entry of the `Terms` section (the term index).
pub const TERM_LEN: usize = 16;
/// Size of one entry of the `Values` section.
pub const VALUE_LEN: usize = 12;
/// Size of one entry of the `Synonyms` section's table.
pub const SYNONYM_LEN: usize = 8;
/// Size of one entry of the `Timeline` and `Keys` sections.
pub const REF_LEN: usize = 4;

/// The sections of a blob, in section-table order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Section {
    /// Record table of [`crate::records::Source`].
    Sources = 0,
    /// Record table of [`crate::records::Entity`].
    Entities = 1,
    /// Record table of [`crate::records::Quote`].
    Quotes = 2,
    /// Record table of [`crate::records::Event`].
    Events = 3,
    /// Record table of [`crate::records::Figure`].
    Figures = 4,
    /// Record table of [`crate::records::Discrepancy`].
    Discrepancies = 5,
    /// The folded search haystack.
    Text = 6,
    /// The segment table mapping the haystack back to record fields.
    Segments = 7,
    /// One packed date per record.
    Dates = 8,
    /// Dated quotes and events in chronological order.
    Timeline = 9,
    /// Every record, sorted by key.
    Keys = 10,
    /// The optional word index: one entry per distinct word of `Text`,
    /// sorted (empty when the blob has no index).
    Words = 11,
    /// The word index's postings: per word, the segments containing it.
    Postings = 12,
    /// The term index: one entry per distinct search term (stem), sorted.
    Terms = 13,
    /// The term index's strings: each term, then its forms.
    TermText = 14,
    /// The term index's postings: per term, the records containing it.
    TermPostings = 15,
    /// Synonym groups of terms, from the corpus source.
    Synonyms = 16,
    /// Every figure's value, sorted, for amounts in queries.
    Values = 17,
}

impl Section {
    /// Every section, in table order.
    pub const ALL: [Section; SECTION_COUNT] = [
        Section::Sources,
        Section::Entities,
        Section::Quotes,
        Section::Events,
        Section::Figures,
        Section::Discrepancies,
        Section::Text,
        Section::Segments,
        Section::Dates,
        Section::Timeline,
        Section::Keys,
        Section::Words,
        Section::Postings,
        Section::Terms,
        Section::TermText,
        Section::TermPostings,
        Section::Synonyms,
        Section::Values,
    ];
}

/// The kinds of record, in blob order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Kind {
    /// A news article the facts come from.
    Source = 0,
    /// A person, company, project, outlet or institution.
    Entity = 1,
    /// A direct quotation.
    Quote = 2,
    /// A dated or datable event.
    Event = 3,
    /// An amount or count.
    Figure = 4,
    /// A place where the articles disagree or are wrong.
    Discrepancy = 5,
}

impl Kind {
    /// Every kind, in blob order.
    pub const ALL: [Kind; 6] = [
        Kind::Source,
        Kind::Entity,
        Kind::Quote,
        Kind::Event,
        Kind::Figure,
        Kind::Discrepancy,
    ];

    /// The kind with this numeric code.
    pub const fn from_u8(v: u8) -> Option<Kind> {
        match v {
            0 => Some(Kind::Source),
            1 => Some(Kind::Entity),
            2 => Some(Kind::Quote),
            3 => Some(Kind::Event),
            4 => Some(Kind::Figure),
            5 => Some(Kind::Discrepancy),
            _ => None,
        }
    }

    /// The lowercase name used by the CLI, JSON output and the C ABI.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Entity => "entity",
            Kind::Quote => "quote",
            Kind::Event => "event",
            Kind::Figure => "figure",
            Kind::Discrepancy => "discrepancy",
        }
    }

    /// The kind with this name (see [`Kind::name`]); plural forms are accepted.
    pub fn from_name(name: &str) -> Option<Kind> {
        let singular = name.strip_suffix('s').unwrap_or(name);
        let singular = match singular {
            "discrepancie" => "discrepancy",
            "entitie" => "entity",
            other => other,
        };
        Kind::ALL.into_iter().find(|k| k.name() == singular)
    }

    /// The record-table section holding this kind.
    pub const fn section(self) -> Section {
        match self {
            Kind::Source => Section::Sources,
            Kind::Entity => Section::Entities,
            Kind::Quote => Section::Quotes,
            Kind::Event => Section::Events,
            Kind::Figure => Section::Figures,
            Kind::Discrepancy => Section::Discrepancies,
        }
    }
}

/// A reference to one record: its kind and its index within that kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordRef {
    /// The record's kind.
    pub kind: Kind,
    /// The record's index within its kind (its numeric id), at most
    /// [`MAX_RECORDS`].
    pub index: u32,
}

impl RecordRef {
    /// A reference to record `index` of `kind`.
    pub const fn new(kind: Kind, index: u32) -> RecordRef {
        RecordRef { kind, index }
    }

    /// The 4-byte table encoding: kind, then the index as a 24-bit LE
    /// integer (indexes above [`MAX_RECORDS`] are truncated; the encoder
    /// refuses such corpora).
    pub const fn encode(self) -> [u8; REF_LEN] {
        let i = self.index.to_le_bytes();
        [self.kind as u8, i[0], i[1], i[2]]
    }

    /// Decodes the 4-byte table encoding; `None` for an unknown kind.
    pub const fn decode(b: [u8; REF_LEN]) -> Option<RecordRef> {
        match Kind::from_u8(b[0]) {
            Some(kind) => Some(RecordRef {
                kind,
                index: u32::from_le_bytes([b[1], b[2], b[3], 0]),
            }),
            None => None,
        }
    }
}

/// The searchable fields of the records, each belonging to one kind.
///
/// Search covers every text a reader might look for: quote text, variants,
/// speaker and context, event titles and summaries, figure phrasings and what
/// they refer to, entity names, aliases, roles and notes, discrepancy titles,
/// descriptions and sides, source outlets, headlines and notes, every date
/// note, and the `keywords` a record lists where the articles' words differ
/// from ours. Best-match search weighs them differently
/// ([`crate::impact::weight`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Field {
    /// A source's outlet name.
    SourceOutlet = 0,
    /// A source's headline.
    SourceHeadline = 1,
    /// An entity's name.
    EntityName = 2,
    /// One of an entity's aliases (`item` says which).
    EntityAlias = 3,
    /// The name of a quote's speaker.
    QuoteSpeaker = 4,
    /// A quote's canonical text.
    QuoteText = 5,
    /// A variant printing of a quote (`item` says which).
    QuoteVariant = 6,
    /// An event's title.
    EventTitle = 7,
    /// An event's one-sentence summary.
    EventSummary = 8,
    /// How one article phrased a figure (`item` says which).
    FigurePhrasing = 9,
    /// A discrepancy's title.
    DiscrepancyTitle = 10,
    /// A discrepancy's description.
    DiscrepancyDescription = 11,
    /// A source's notes.
    SourceNotes = 12,
    /// How a source's publication date was worked out.
    SourceDateNote = 13,
    /// One of an entity's roles (`item` says which).
    EntityRole = 14,
    /// An entity's notes.
    EntityNotes = 15,
    /// What a quote was said about.
    QuoteContext = 16,
    /// How a quote's date was worked out.
    QuoteDateNote = 17,
    /// How an event's date was worked out.
    EventDateNote = 18,
    /// What a figure is.
    FigureRefersTo = 19,
    /// How a figure's date was worked out.
    FigureDateNote = 20,
    /// One article's side of a discrepancy (`item` says which).
    DiscrepancySide = 21,
    /// A search keyword of a source (`item` says which).
    SourceKeyword = 22,
    /// A search keyword of an entity (`item` says which).
    EntityKeyword = 23,
    /// A search keyword of a quote (`item` says which).
    QuoteKeyword = 24,
    /// A search keyword of an event (`item` says which).
    EventKeyword = 25,
    /// A search keyword of a figure (`item` says which).
    FigureKeyword = 26,
    /// A search keyword of a discrepancy (`item` says which).
    DiscrepancyKeyword = 27,
}

impl Field {
    /// Every field, in code order.
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::SourceOutlet,
        Field::SourceHeadline,
        Field::EntityName,
        Field::EntityAlias,
        Field::QuoteSpeaker,
        Field::QuoteText,
        Field::QuoteVariant,
        Field::EventTitle,
        Field::EventSummary,
        Field::FigurePhrasing,
        Field::DiscrepancyTitle,
        Field::DiscrepancyDescription,
        Field::SourceNotes,
        Field::SourceDateNote,
        Field::EntityRole,
        Field::EntityNotes,
        Field::QuoteContext,
        Field::QuoteDateNote,
        Field::EventDateNote,
        Field::FigureRefersTo,
        Field::FigureDateNote,
        Field::DiscrepancySide,
        Field::SourceKeyword,
        Field::EntityKeyword,
        Field::QuoteKeyword,
        Field::EventKeyword,
        Field::FigureKeyword,
        Field::DiscrepancyKeyword,
    ];

    /// The field with this numeric code.
    pub const fn from_u8(v: u8) -> Option<Field> {
        if (v as usize) < FIELD_COUNT {
            Some(Field::ALL[v as usize])
        } else {
            None
        }
    }

    /// The kind of record this field belongs to.
    pub const fn kind(self) -> Kind {
        match self {
            Field::SourceOutlet
            | Field::SourceHeadline
            | Field::SourceNotes
            | Field::SourceDateNote
            | Field::SourceKeyword => Kind::Source,
            Field::EntityName
            | Field::EntityAlias
            | Field::EntityRole
            | Field::EntityNotes
            | Field::EntityKeyword => Kind::Entity,
            Field::QuoteSpeaker
            | Field::QuoteText
            | Field::QuoteVariant
            | Field::QuoteContext
            | Field::QuoteDateNote
            | Field::QuoteKeyword => Kind::Quote,
            Field::EventTitle
            | Field::EventSummary
            | Field::EventDateNote
            | Field::EventKeyword => Kind::Event,
            Field::FigurePhrasing
            | Field::FigureRefersTo
            | Field::FigureDateNote
            | Field::FigureKeyword => Kind::Figure,
            Field::DiscrepancyTitle
            | Field::DiscrepancyDescription
            | Field::DiscrepancySide
            | Field::DiscrepancyKeyword => Kind::Discrepancy,
        }
    }

    /// Whether the field is searched by best match only: notes, date notes,
    /// roles, contexts, what a figure refers to, a discrepancy's sides and
    /// keywords. The others are the fields strict matching searches (the
    /// fields of format version 2). In `Text` every other field comes first,
    /// for all records, then these, so strict matching reads a prefix.
    pub const fn is_extra(self) -> bool {
        self as u8 >= Field::SourceNotes as u8
    }

    /// Whether a match here ranks first: a speaker, title, name or headline.
    pub const fn is_primary(self) -> bool {
        matches!(
            self,
            Field::SourceHeadline
                | Field::EntityName
                | Field::EntityAlias
                | Field::QuoteSpeaker
                | Field::EventTitle
                | Field::DiscrepancyTitle
        )
    }

    /// The lowercase name used in JSON output and the C ABI.
    pub const fn name(self) -> &'static str {
        match self {
            Field::SourceOutlet => "outlet",
            Field::SourceHeadline => "headline",
            Field::EntityName => "name",
            Field::EntityAlias => "alias",
            Field::QuoteSpeaker => "speaker",
            Field::QuoteText => "text",
            Field::QuoteVariant => "variant",
            Field::EventTitle => "title",
            Field::EventSummary => "summary",
            Field::FigurePhrasing => "phrasing",
            Field::DiscrepancyTitle => "title",
            Field::DiscrepancyDescription => "description",
            Field::SourceNotes => "notes",
            Field::SourceDateNote => "date_note",
            Field::EntityRole => "role",
            Field::EntityNotes => "notes",
            Field::QuoteContext => "context",
            Field::QuoteDateNote => "date_note",
            Field::EventDateNote => "date_note",
            Field::FigureRefersTo => "refers_to",
            Field::FigureDateNote => "date_note",
            Field::DiscrepancySide => "side",
            Field::SourceKeyword => "keyword",
            Field::EntityKeyword => "keyword",
            Field::QuoteKeyword => "keyword",
            Field::EventKeyword => "keyword",
            Field::FigureKeyword => "keyword",
            Field::DiscrepancyKeyword => "keyword",
        }
    }
}

/// The number of [`Field`]s.
pub const FIELD_COUNT: usize = 28;

/// One entry of the `Words` section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordEntry {
    /// Offset in `Text` of the word's first occurrence (a maximal run of
    /// word bytes starts there).
    pub text: u32,
    /// Offset in `Postings` just past this word's postings.
    pub postings_end: u32,
}

impl WordEntry {
    /// The 8-byte table encoding: text offset, postings end (both LE u32).
    pub const fn encode(self) -> [u8; WORD_LEN] {
        let t = self.text.to_le_bytes();
        let p = self.postings_end.to_le_bytes();
        [t[0], t[1], t[2], t[3], p[0], p[1], p[2], p[3]]
    }

    /// Decodes the table encoding.
    pub const fn decode(b: [u8; WORD_LEN]) -> WordEntry {
        WordEntry {
            text: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            postings_end: u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
        }
    }
}

/// One entry of the `Terms` section: a search term (a stem, see
/// [`crate::tokens::term`]), its strings and its postings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermEntry {
    /// Offset in `TermText` of the term, followed by its `forms`, each
    /// NUL-terminated.
    pub text: u32,
    /// Offset in `TermPostings` just past this term's postings (they start
    /// where the previous term's end).
    pub postings_end: u32,
    /// How many records contain the term (the postings' length).
    pub df: u32,
    /// The largest impact in the postings (for skipping records that cannot
    /// reach the top results).
    pub max_impact: u8,
    /// How many distinct forms (tokens as they stand in the text) have this
    /// term, 1 to 255.
    pub forms: u8,
}

impl TermEntry {
    /// The 16-byte table encoding: text, postings end, df (LE u32 each), max
    /// impact, forms, two zero bytes.
    pub const fn encode(self) -> [u8; TERM_LEN] {
        let t = self.text.to_le_bytes();
        let p = self.postings_end.to_le_bytes();
        let d = self.df.to_le_bytes();
        [
            t[0],
            t[1],
            t[2],
            t[3],
            p[0],
            p[1],
            p[2],
            p[3],
            d[0],
            d[1],
            d[2],
            d[3],
            self.max_impact,
            self.forms,
            0,
            0,
        ]
    }

    /// Decodes the table encoding; `None` when the reserved bytes are not 0.
    pub const fn decode(b: [u8; TERM_LEN]) -> Option<TermEntry> {
        if b[14] != 0 || b[15] != 0 {
            return None;
        }
        Some(TermEntry {
            text: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            postings_end: u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
            df: u32::from_le_bytes([b[8], b[9], b[10], b[11]]),
            max_impact: b[12],
            forms: b[13],
        })
    }
}

/// The bit of a record's forms byte in the term postings that says form
/// `i` of the term occurs in the record: bit `i`, or bit 7 for every form
/// from the eighth on.
pub const fn form_bit(i: usize) -> u8 {
    if i < 7 {
        1 << i
    } else {
        0x80
    }
}

/// One entry of the `Values` section: a figure's value and the figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ValueEntry {
    /// The figure's value in its unit's base units.
    pub value: i64,
    /// The figure's index.
    pub figure: u32,
}

impl ValueEntry {
    /// The 12-byte encoding: value (LE i64), figure (LE u32).
    pub const fn encode(self) -> [u8; VALUE_LEN] {
        let v = self.value.to_le_bytes();
        let f = self.figure.to_le_bytes();
        [
            v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], f[0], f[1], f[2], f[3],
        ]
    }

    /// Decodes the encoding.
    pub const fn decode(b: [u8; VALUE_LEN]) -> ValueEntry {
        ValueEntry {
            value: i64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
            figure: u32::from_le_bytes([b[8], b[9], b[10], b[11]]),
        }
    }
}

/// One entry of the `Synonyms` section's table: a term and its group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SynonymEntry {
    /// Offset of the NUL-terminated term in the section's string area.
    pub text: u32,
    /// The synonym group (terms of one group mean the same).
    pub group: u32,
}

impl SynonymEntry {
    /// The 8-byte encoding: text offset, group (LE u32 each).
    pub const fn encode(self) -> [u8; SYNONYM_LEN] {
        let t = self.text.to_le_bytes();
        let g = self.group.to_le_bytes();
        [t[0], t[1], t[2], t[3], g[0], g[1], g[2], g[3]]
    }

    /// Decodes the encoding.
    pub const fn decode(b: [u8; SYNONYM_LEN]) -> SynonymEntry {
        SynonymEntry {
            text: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            group: u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
        }
    }
}

/// The longest LEB128 encoding of a `u32`.
pub const MAX_VARINT_LEN: usize = 5;

/// Encodes `v` as LEB128 into `out`; returns how many bytes it took.
pub const fn encode_varint(mut v: u32, out: &mut [u8; MAX_VARINT_LEN]) -> usize {
    let mut n = 0;
    while v >= 0x80 {
        out[n] = (v as u8) | 0x80;
        v >>= 7;
        n += 1;
    }
    out[n] = v as u8;
    n + 1
}

/// Decodes one LEB128 `u32` from the start of `b`: the value and its length.
/// `None` when `b` ends inside it or it does not fit in 32 bits or is not
/// in its shortest form, so each value has exactly one encoding.
pub const fn decode_varint(b: &[u8]) -> Option<(u32, usize)> {
    let mut v: u32 = 0;
    let mut i = 0;
    while i < MAX_VARINT_LEN && i < b.len() {
        let byte = b[i];
        let bits = (byte & 0x7f) as u32;
        if i == 4 && bits > 0x0f {
            return None;
        }
        v |= bits << (7 * i);
        if byte & 0x80 == 0 {
            if i > 0 && byte == 0 {
                return None;
            }
            return Some((v, i + 1));
        }
        i += 1;
    }
    None
}

/// Where a section lies in the blob.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// Absolute offset of the section's first byte.
    pub offset: u32,
    /// Length in bytes.
    pub len: u32,
}

/// FNV-1a-32 offset basis.
pub const FNV_OFFSET: u32 = 0x811c_9dc5;
/// FNV-1a-32 prime.
const FNV_PRIME: u32 = 0x0100_0193;

/// Continues an FNV-1a-32 hash over `bytes`.
pub const fn fnv1a(mut hash: u32, bytes: &[u8]) -> u32 {
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u32;
        hash = hash.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

/// The checksum of a blob whose first `total_len` bytes are `blob`: FNV-1a-32
/// over every byte except the 4-byte checksum field. Returns `None` when the
/// blob is shorter than the header.
pub fn checksum(blob: &[u8]) -> Option<u32> {
    let head = blob.get(..header::field::CHECKSUM.start)?;
    let tail = blob.get(header::field::CHECKSUM.end..)?;
    Some(fnv1a(fnv1a(FNV_OFFSET, head), tail))
}
