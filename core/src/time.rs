//! Dates and instants as the format writes them.
//!
//! A [`Moment`] is either a calendar date (`2024-03-04`, meaning midnight UTC
//! at its start) or an RFC 3339 date-time with its offset. It remembers which,
//! so that a document is written back as it was read. Every time-dependent
//! query takes a `Moment` as its "as of" instant: the library never reads the
//! clock.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeZone, Utc};

use crate::error::{Error, Result};

/// Milliseconds in a day; scoring measures ages in days.
pub(crate) const MS_PER_DAY: f64 = 86_400_000.0;

/// A calendar date or a date-time with offset.
///
/// Moments compare by the instant they denote; the written form is kept for
/// output only.
///
/// ```
/// use samskab::Moment;
/// let a: Moment = "2024-03-04".parse()?;
/// let b: Moment = "2024-03-04T01:00:00+01:00".parse()?;
/// assert_eq!(a, b); // the same instant
/// assert_eq!(b.to_string(), "2024-03-04T01:00:00+01:00");
/// # Ok::<(), samskab::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub enum Moment {
    /// A date: midnight UTC at its start.
    Date(NaiveDate),
    /// A date-time with the offset it was written with.
    DateTime(DateTime<FixedOffset>),
}

impl Moment {
    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time.
    pub fn parse(text: &str) -> Result<Moment> {
        parse_moment(text).ok_or_else(|| {
            Error::invalid(
                "moment",
                "expected a date YYYY-MM-DD or an RFC 3339 date-time such as 2024-03-04T09:30:00+01:00",
            )
        })
    }

    /// The instant in UTC.
    pub fn utc(&self) -> DateTime<Utc> {
        match self {
            Moment::Date(d) => Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN)),
            Moment::DateTime(t) => t.with_timezone(&Utc),
        }
    }

    /// Milliseconds since 1970-01-01T00:00:00Z. Instants are compared to the
    /// millisecond inside the scoring.
    pub fn millis(&self) -> i64 {
        self.utc().timestamp_millis()
    }

    /// The calendar date in UTC.
    pub fn date(&self) -> NaiveDate {
        self.utc().date_naive()
    }

    /// This moment moved by a number of whole days (negative moves back).
    /// Saturates at the ends of the supported range instead of failing.
    pub fn plus_days(&self, days: i64) -> Moment {
        let delta = chrono::Duration::try_days(days).unwrap_or(chrono::Duration::MAX);
        match self {
            Moment::Date(d) => Moment::Date(d.checked_add_signed(delta).unwrap_or(if days < 0 {
                NaiveDate::MIN
            } else {
                NaiveDate::MAX
            })),
            Moment::DateTime(t) => Moment::DateTime(t.checked_add_signed(delta).unwrap_or(*t)),
        }
    }
}

pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    // chrono accepts lenient forms ("2024-3-4", a signed year "-024-06-30") that
    // would be written back differently; the format asks for exactly YYYY-MM-DD.
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn parse_moment(text: &str) -> Option<Moment> {
    if let Some(d) = parse_date(text) {
        return Some(Moment::Date(d));
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(Moment::DateTime)
}

impl FromStr for Moment {
    type Err = Error;
    fn from_str(s: &str) -> Result<Moment> {
        Moment::parse(s)
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Moment::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Moment::DateTime(t) => f.write_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
        }
    }
}

impl PartialEq for Moment {
    fn eq(&self, other: &Self) -> bool {
        self.utc() == other.utc()
    }
}
impl Eq for Moment {}
impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Moment {
    fn cmp(&self, other: &Self) -> Ordering {
        self.utc().cmp(&other.utc())
    }
}

impl From<NaiveDate> for Moment {
    fn from(d: NaiveDate) -> Self {
        Moment::Date(d)
    }
}
impl From<DateTime<FixedOffset>> for Moment {
    fn from(t: DateTime<FixedOffset>) -> Self {
        Moment::DateTime(t)
    }
}
impl From<DateTime<Utc>> for Moment {
    fn from(t: DateTime<Utc>) -> Self {
        Moment::DateTime(t.fixed_offset())
    }
}

impl serde::Serialize for Moment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Moment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_moment(&text).ok_or_else(|| serde::de::Error::custom("expected a date or date-time"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_is_midnight_utc() {
        let d: Moment = "2024-03-04".parse().unwrap();
        let t: Moment = "2024-03-04T00:00:00Z".parse().unwrap();
        assert_eq!(d, t);
        assert_eq!(d.to_string(), "2024-03-04");
        assert_eq!(t.to_string(), "2024-03-04T00:00:00Z");
    }

    #[test]
    fn keeps_offset_and_fraction() {
        let t: Moment = "2024-03-04T09:30:00.250+01:00".parse().unwrap();
        assert_eq!(t.to_string(), "2024-03-04T09:30:00.250+01:00");
        assert_eq!(t.millis() % 1000, 250);
    }

    #[test]
    fn refuses_lenient_forms() {
        for bad in [
            "2024-3-4",
            "04-03-2024",
            "2024-02-30",
            "",
            "2024-03-04 09:30",
            "x",
        ] {
            assert!(bad.parse::<Moment>().is_err(), "{bad}");
        }
    }

    #[test]
    fn plus_days_saturates() {
        let d: Moment = "2024-03-04".parse().unwrap();
        assert_eq!(d.plus_days(1).to_string(), "2024-03-05");
        let _ = d.plus_days(i64::MAX);
        let _ = d.plus_days(i64::MIN);
    }
}
