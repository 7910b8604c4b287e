//! [`Text`]: a string borrowed from the blob, stored NUL-terminated so the
//! C ABI can hand it out as a C string without copying.

use core::fmt;
use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A string borrowed from the blob, NUL-terminated there.
///
/// Encoded as a postcard byte string whose last byte is `0`; the bytes before
/// it are UTF-8 without interior NUL. Decoding a record checks only the
/// terminator; the core's `Corpus::from_bytes` checks every string's UTF-8 once
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
