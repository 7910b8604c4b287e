//! The record types: what one source, entity, quote, event, figure or
//! discrepancy holds, and how it is encoded.
//!
//! Like [`crate::format`], this module is compiled into both the core and
//! `build.rs`: the encoder serializes exactly these types with postcard and the
//! core deserializes them, borrowing every string and list from the blob.
//! Strings are [`Text`]: UTF-8 followed by a NUL byte in the blob, so the C ABI
//! can hand out C strings without copying. Lists are [`Packed`]: a
//! length-prefixed byte string holding a postcard sequence, decoded one item
//! at a time, so a record never needs a heap or a fixed capacity.

use core::fmt;
use core::marker::PhantomData;
use serde::de::{Deserializer, Error as _, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A string borrowed from the blob, NUL-terminated there.
///
/// Encoded as a postcard byte string whose last byte is `0`; the bytes before
/// it are UTF-8 without interior NUL. Decoding a record checks only the
/// terminator; [`crate::Corpus::from_bytes`] checks every string's UTF-8 once
/// ([`Text::is_valid`]), so reading a record costs no per-string validation.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Text<'a> {
    with_nul: &'a [u8],
}

impl<'a> Text<'a> {
    /// The empty text.
    pub const EMPTY: Text<'static> = Text { with_nul: b"\0" };

    /// Wraps bytes that end in one NUL and are UTF-8 before it, with no
    /// interior NUL; `None` otherwise.
    pub fn from_bytes_with_nul(with_nul: &'a [u8]) -> Option<Text<'a>> {
        let t = Text { with_nul };
        t.is_valid().then_some(t)
    }

    /// Whether the bytes end in one NUL and are UTF-8 without interior NUL
    /// before it. True for every text of a validated corpus.
    pub fn is_valid(&self) -> bool {
        match self.with_nul.split_last() {
            Some((0, body)) => {
                memchr::memchr(0, body).is_none() && core::str::from_utf8(body).is_ok()
            }
            _ => false,
        }
    }

    /// The string's bytes, without the NUL.
    pub fn as_bytes(&self) -> &'a [u8] {
        match self.with_nul.split_last() {
            Some((_, body)) => body,
            None => &[],
        }
    }

    /// The string, without its NUL. Checks UTF-8 on each call (fast for
    /// ASCII); cannot fail for a validated corpus, and yields `""` otherwise.
    pub fn as_str(&self) -> &'a str {
        core::str::from_utf8(self.as_bytes()).unwrap_or("")
    }

    /// The string's bytes followed by its NUL terminator, as stored in the blob.
    pub const fn as_bytes_with_nul(&self) -> &'a [u8] {
        self.with_nul
    }

    /// Length in bytes, without the NUL.
    pub const fn len(&self) -> usize {
        self.with_nul.len().saturating_sub(1)
    }

    /// Whether the string is empty.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.with_nul)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("NUL-terminated UTF-8 bytes")
            }
            fn visit_borrowed_bytes<E: serde::de::Error>(
                self,
                v: &'de [u8],
            ) -> Result<Text<'de>, E> {
                // Only the terminator here; UTF-8 is checked once at load.
                match v.last() {
                    Some(0) => Ok(Text { with_nul: v }),
                    _ => Err(E::custom("text without NUL terminator")),
                }
            }
        }
        d.deserialize_bytes(V)
    }
}

/// A list borrowed from the blob: a postcard sequence of `T` (a varint count,
/// then the items) stored as one byte string, decoded lazily.
pub struct Packed<'a, T> {
    bytes: &'a [u8],
    _item: PhantomData<T>,
}

impl<T> Clone for Packed<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Packed<'_, T> {}

impl<'a, T> Packed<'a, T> {
    /// The empty list.
    pub const EMPTY: Packed<'static, T> = Packed {
        bytes: &[0],
        _item: PhantomData,
    };

    /// Wraps the postcard encoding of a sequence (as written by
    /// `postcard::to_allocvec(&[T])`). The bytes are checked lazily: use
    /// [`Packed::check`] before trusting them.
    pub const fn from_encoded(bytes: &'a [u8]) -> Packed<'a, T> {
        Packed {
            bytes,
            _item: PhantomData,
        }
    }

    /// The encoded bytes.
    pub const fn encoded(&self) -> &'a [u8] {
        self.bytes
    }

    /// The count prefix and the item bytes after it.
    fn split(&self) -> (usize, &'a [u8]) {
        match postcard::take_from_bytes::<u32>(self.bytes) {
            Ok((n, rest)) => (n as usize, rest),
            Err(_) => (0, &[]),
        }
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.split().0
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<'a, T: Deserialize<'a>> Packed<'a, T> {
    /// The items, decoded one at a time. On a list that passed
    /// [`Packed::check`] this yields exactly [`Packed::len`] items.
    pub fn iter(&self) -> PackedIter<'a, T> {
        let (remaining, rest) = self.split();
        PackedIter {
            rest,
            remaining,
            _item: PhantomData,
        }
    }

    /// The `i`th item.
    pub fn get(&self, i: usize) -> Option<T> {
        self.iter().nth(i)
    }

    /// Whether every item decodes and the bytes hold nothing else.
    pub fn check(&self) -> bool {
        let (mut n, mut rest) = match postcard::take_from_bytes::<u32>(self.bytes) {
            Ok(v) => v,
            Err(_) => return false,
        };
        while n > 0 {
            match postcard::take_from_bytes::<T>(rest) {
                Ok((_, r)) => rest = r,
                Err(_) => return false,
            }
            n -= 1;
        }
        rest.is_empty()
    }
}

impl<'a, T: Deserialize<'a>> IntoIterator for Packed<'a, T> {
    type Item = T;
    type IntoIter = PackedIter<'a, T>;
    fn into_iter(self) -> PackedIter<'a, T> {
        self.iter()
    }
}

impl<'a, T: Deserialize<'a> + fmt::Debug> fmt::Debug for Packed<'a, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a, T: Deserialize<'a> + PartialEq> PartialEq for Packed<'a, T> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

/// Iterator over a [`Packed`] list.
pub struct PackedIter<'a, T> {
    rest: &'a [u8],
    remaining: usize,
    _item: PhantomData<T>,
}

impl<'a, T: Deserialize<'a>> Iterator for PackedIter<'a, T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        if self.remaining == 0 {
            return None;
        }
        match postcard::take_from_bytes::<T>(self.rest) {
            Ok((item, rest)) => {
                self.rest = rest;
                self.remaining -= 1;
                Some(item)
            }
            Err(_) => {
                self.remaining = 0;
                None
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.remaining))
    }
}

impl<T> Serialize for Packed<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.bytes)
    }
}

impl<'de: 'a, 'a, T> Deserialize<'de> for Packed<'a, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T> Visitor<'de> for V<T> {
            type Value = Packed<'de, T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an encoded list")
            }
            fn visit_borrowed_bytes<E: serde::de::Error>(
                self,
                v: &'de [u8],
            ) -> Result<Packed<'de, T>, E> {
                if v.is_empty() {
                    return Err(E::custom("empty list encoding"));
                }
                Ok(Packed::from_encoded(v))
            }
        }
        d.deserialize_bytes(V(PhantomData))
            .map_err(D::Error::custom)
    }
}

/// A calendar date with its precision: `month` and `day` are 0 when unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// The year, e.g. 2025.
    pub year: u16,
    /// 1–12, or 0 when only the year is known.
    pub month: u8,
    /// 1–31, or 0 when only the month (or year) is known.
    pub day: u8,
}

/// How much of a [`Date`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// Year, month and day.
    Day,
}

impl Date {
    /// A date; `None` unless it is a real calendar date (with 0 for an
    /// unknown month or day, and no day without a month).
    pub const fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if year == 0 || month > 12 || (month == 0 && day != 0) {
            return None;
        }
        if day > Date::days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    const fn days_in_month(year: u16, month: u8) -> u8 {
        match month {
            0 => 0,
            2 => {
                if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
                {
                    29
                } else {
                    28
                }
            }
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// What is known of the date.
    pub const fn precision(&self) -> Precision {
        if self.month == 0 {
            Precision::Year
        } else if self.day == 0 {
            Precision::Month
        } else {
            Precision::Day
        }
    }

    /// The packed form stored in the `Dates` table: `year << 16 | month << 8 | day`.
    pub const fn pack(&self) -> u32 {
        (self.year as u32) << 16 | (self.month as u32) << 8 | self.day as u32
    }

    /// Unpacks [`Date::pack`]; `None` for 0 (undated) or an invalid date.
    pub const fn unpack(v: u32) -> Option<Date> {
        Date::new((v >> 16) as u16, (v >> 8) as u8, v as u8)
    }

    /// The first day the date can mean (`2025` → 2025-01-01).
    pub const fn first_day(&self) -> Date {
        Date {
            year: self.year,
            month: if self.month == 0 { 1 } else { self.month },
            day: if self.day == 0 { 1 } else { self.day },
        }
    }

    /// The last day the date can mean (`2025-02` → 2025-02-28).
    pub const fn last_day(&self) -> Date {
        let month = if self.month == 0 { 12 } else { self.month };
        Date {
            year: self.year,
            month,
            day: if self.day == 0 {
                Date::days_in_month(self.year, month)
            } else {
                self.day
            },
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        let num = |r: &[u8]| -> Option<u16> {
            if r.is_empty() || !r.iter().all(u8::is_ascii_digit) {
                return None;
            }
            r.iter().try_fold(0u16, |acc, d| {
                acc.checked_mul(10)?.checked_add((d - b'0') as u16)
            })
        };
        match b.len() {
            4 => Date::new(num(b)?, 0, 0),
            7 if b[4] == b'-' => Date::new(num(&b[..4])?, num(&b[5..7])? as u8, 0),
            10 if b[4] == b'-' && b[7] == b'-' => {
                Date::new(num(&b[..4])?, num(&b[5..7])? as u8, num(&b[8..10])? as u8)
            }
            _ => None,
        }
    }

    /// Writes the ISO form shortened to the precision (`2025`, `2025-01`,
    /// `2025-01-22`) into `out` and returns it; needs no `core::fmt`.
    pub fn iso<'b>(&self, out: &'b mut [u8; 10]) -> &'b str {
        let y = self.year;
        let digits = [
            b'0' + (y / 1000 % 10) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
            b'-',
            b'0' + self.month / 10,
            b'0' + self.month % 10,
            b'-',
            b'0' + self.day / 10,
            b'0' + self.day % 10,
        ];
        *out = digits;
        let n = match self.precision() {
            Precision::Year => 4,
            Precision::Month => 7,
            Precision::Day => 10,
        };
        // ASCII digits and dashes only, so this never fails.
        core::str::from_utf8(&out[..n]).unwrap_or("")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 10];
        f.write_str(self.iso(&mut buf))
    }
}

/// A record's date, if it has one, and how it was established.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dating<'a> {
    /// The date.
    pub date: Date,
    /// Whether the date was worked out (e.g. "Wednesday" → 2025-01-22)
    /// rather than printed as a full date.
    pub inferred: bool,
    /// How it was worked out; empty when printed.
    #[serde(borrow)]
    pub note: Text<'a>,
}

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
    /// The kind's numeric code ([`crate::format::Kind`]).
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
    F: FnMut(crate::format::Field, u8, &'a str),
{
    use crate::format::Field as Fd;
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
