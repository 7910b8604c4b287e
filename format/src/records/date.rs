//! Dates: [`Date`] (a calendar date of day, month or year precision, and
//! its packed `u32` form in the `Dates` section) and [`Dating`] (a record's
//! date with how it was established).

use super::Text;
use core::fmt;
use serde::{Deserialize, Serialize};

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
