//! [`Packed`]: a list borrowed from the blob, a length-prefixed byte string
//! holding a postcard sequence, decoded one item at a time so a record never
//! needs a heap or a fixed capacity.

use core::fmt;
use core::marker::PhantomData;
use serde::de::{Deserializer, Error as _, Visitor};
use serde::{Deserialize, Serialize, Serializer};

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
