//! Amounts: figures by value, and numbers as people type them.
//!
//! The `Values` section lists every figure's value, sorted (layout in
//! [`crate::format`]), so a query amount finds its figures by bisection.
//! [`parse`] reads the amounts users write — `97.4 billion`, `$97.4B`,
//! `97.4b`, `100,000`, `500bn`, `1.5k` — into exact integers in base units,
//! as the figures store them. A bare number (`500`) may mean any magnitude,
//! so it is looked up as itself and as thousands, millions, billions and
//! trillions.

use crate::error::Error;
use crate::format::{Section, ValueEntry, VALUE_LEN};

/// A view of the `Values` section.
#[derive(Clone, Copy, Debug)]
pub struct Values<'a> {
    table: &'a [u8],
}

impl<'a> Values<'a> {
    pub(crate) fn new(table: &'a [u8]) -> Values<'a> {
        Values { table }
    }

    /// The number of entries (one per figure).
    pub fn len(&self) -> usize {
        self.table.len() / VALUE_LEN
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entry `i`.
    pub fn get(&self, i: usize) -> Option<ValueEntry> {
        let b = self.table.get(i * VALUE_LEN..(i + 1) * VALUE_LEN)?;
        let mut a = [0u8; VALUE_LEN];
        a.copy_from_slice(b);
        Some(ValueEntry::decode(a))
    }

    /// The entries whose value is `value`: indexes `[start, end)`.
    pub fn equal_range(&self, value: i64) -> (usize, usize) {
        let lower = |strict: bool| {
            let (mut lo, mut hi) = (0, self.len());
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                let v = self.get(mid).map_or(i64::MAX, |e| e.value);
                if v < value || (strict && v == value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        (lower(false), lower(true))
    }

    /// Checks the section against the figures' values (`value(i)` for
    /// figure `i` of `figures`): one entry per figure, sorted by value then
    /// figure.
    pub(crate) fn check(
        table: &[u8],
        figures: usize,
        value: impl Fn(u32) -> Option<i64>,
    ) -> Result<(), Error> {
        let bad = |offset| Error::BadIndex {
            section: Section::Values,
            offset,
        };
        let v = Values::new(table);
        if table.len() != figures * VALUE_LEN {
            return Err(bad(0));
        }
        let mut prev: Option<ValueEntry> = None;
        for i in 0..v.len() {
            let e = v.get(i).ok_or(bad(i * VALUE_LEN))?;
            if (e.figure as usize) >= figures
                || value(e.figure) != Some(e.value)
                || prev.is_some_and(|p| p >= e)
            {
                return Err(bad(i * VALUE_LEN));
            }
            prev = Some(e);
        }
        Ok(())
    }
}

/// A number a user typed: the value, and whether its magnitude was given
/// (`97.4b`, `10 billion`) or is open (a bare `500`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    /// The value in base units (for an open magnitude, in ones).
    pub value: i64,
    /// Whether a magnitude word or suffix fixed the scale.
    pub scaled: bool,
}

/// The power of ten a magnitude word or suffix stands for.
pub fn magnitude(word: &[u8]) -> Option<u32> {
    const WORDS: [(&[u8], u32); 15] = [
        (b"k", 3),
        (b"thousand", 3),
        (b"thousands", 3),
        (b"m", 6),
        (b"mn", 6),
        (b"mil", 6),
        (b"million", 6),
        (b"millions", 6),
        (b"b", 9),
        (b"bn", 9),
        (b"billion", 9),
        (b"billions", 9),
        (b"t", 12),
        (b"tn", 12),
        (b"trillion", 12),
    ];
    WORDS.iter().find(|(w, _)| *w == word).map(|&(_, p)| p)
}

/// Reads a folded token as an amount: digits with optional thousands
/// commas and one decimal point, then an optional magnitude suffix (`k`,
/// `m`, `bn`, `b`, `t`, or the word itself); `next` is the following token,
/// which may be the magnitude (`97.4 billion`). Returns the amount and
/// whether it used `next`. Exact integers only: `97.4b` is
/// 97,400,000,000, and `1.2345k` (not whole) is not an amount.
pub fn parse(token: &[u8], next: Option<&[u8]>) -> Option<(Amount, bool)> {
    let digits_end = token
        .iter()
        .position(|&c| !(c.is_ascii_digit() || c == b',' || c == b'.'))
        .unwrap_or(token.len());
    let (num, suffix) = token.split_at(digits_end);
    if num.is_empty() || !num.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (mut mantissa, mut decimals, mut seen_point) = (0i64, 0u32, false);
    for &c in num {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add((c - b'0') as i64)?;
                if seen_point {
                    decimals += 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            b',' if !seen_point => {}
            _ => return None,
        }
    }
    let (power, used_next) = if suffix.is_empty() {
        match next.and_then(magnitude) {
            Some(p) => (Some(p), true),
            None => (None, false),
        }
    } else {
        (Some(magnitude(suffix)?), false)
    };
    let p = power.unwrap_or(0);
    let value = if p >= decimals {
        mantissa.checked_mul(10i64.checked_pow(p - decimals)?)?
    } else {
        let div = 10i64.checked_pow(decimals - p)?;
        if mantissa.checked_rem(div)? != 0 {
            return None;
        }
        mantissa.checked_div(div)?
    };
    Some((
        Amount {
            value,
            scaled: power.is_some(),
        },
        used_next,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(t: &str, next: Option<&str>) -> Option<(i64, bool, bool)> {
        parse(t.as_bytes(), next.map(str::as_bytes)).map(|(a, u)| (a.value, a.scaled, u))
    }

    #[test]
    fn amounts_as_typed() {
        assert_eq!(
            v("97.4", Some("billion")),
            Some((97_400_000_000, true, true))
        );
        assert_eq!(v("97.4b", None), Some((97_400_000_000, true, false)));
        assert_eq!(v("100,000", Some("jobs")), Some((100_000, false, false)));
        assert_eq!(v("500bn", None), Some((500_000_000_000, true, false)));
        assert_eq!(v("1.5k", None), Some((1_500, true, false)));
        assert_eq!(v("500", None), Some((500, false, false)));
        assert_eq!(v("1.2345k", None), None);
        assert_eq!(v("12x", None), None);
        assert_eq!(v("abc", None), None);
        assert_eq!(v("99999999999999999999", None), None);
    }
}
