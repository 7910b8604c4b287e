//! Dates both ways: `feud_date` (given out with records, hits and timeline
//! entries, and read back as filter and timeline bounds), how much of one is
//! known, and `feud_dating`, a record's date with how it was established.

use feudfacts::Dating;

use crate::enums::*;
use crate::status::*;
use crate::strings::feud_str;

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
    /// A core date (`None`: all zero).
    pub(crate) fn of(d: Option<feudfacts::Date>) -> feud_date {
        d.map_or(feud_date::default(), |d| feud_date {
            year: d.year,
            month: d.month,
            day: d.day,
        })
    }

    /// `None` for year 0 (an open bound); an invalid date is an error.
    pub(crate) fn to_core(self) -> Res<Option<feudfacts::Date>> {
        if self.year == 0 {
            return Ok(None);
        }
        feudfacts::Date::new(self.year, self.month, self.day)
            .map(Some)
            .ok_or(FEUD_ERR_INVALID_ARGUMENT)
    }
}

/// How much of a date is known (`FEUD_PRECISION_NONE` for none).
pub(crate) fn precision_of(d: Option<feudfacts::Date>) -> feud_precision {
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
    /// A record's core dating (`None`: undated).
    pub(crate) fn of(d: Option<Dating<'_>>) -> feud_dating {
        feud_dating {
            date: feud_date::of(d.map(|d| d.date)),
            precision: precision_of(d.map(|d| d.date)),
            inferred: d.is_some_and(|d| d.inferred),
            note: d.map_or(feud_str::EMPTY, |d| feud_str::of(d.note)),
        }
    }
}
