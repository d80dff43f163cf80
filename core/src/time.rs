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
    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time, in the years
    /// [`MIN_YEAR`] to [`MAX_YEAR`] and without a leap second (`23:59:60`):
    /// what every language holds.
    pub fn parse(text: &str) -> Result<Moment> {
        parse_moment(text).ok_or_else(|| {
            Error::invalid(
                "moment",
                "expected a date YYYY-MM-DD or an RFC 3339 date-time such as 2024-03-04T09:30:00+01:00, \
                 in the years 1000 to 9998, without a leap second",
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

/// The first year a moment may be in. Every language the library answers
/// in must hold every instant it reads and every instant an analysis makes
/// from it (a year before, a period before): Python's dates begin at year
/// 1, so documents and questions stay within years 1000 to 9998.
pub const MIN_YEAR: i32 = 1000;
/// The last year a moment may be in; see [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 9998;

fn year_in_range(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
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
    // Read by hand: chrono's general parser is a tenth of the WebAssembly
    // module's growth for a format this fixed.
    let number =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let year = i32::try_from(number(0..4))
        .ok()
        .filter(|y| year_in_range(*y))?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
}

fn parse_moment(text: &str) -> Option<Moment> {
    if let Some(d) = parse_date(text) {
        return Some(Moment::Date(d));
    }
    use chrono::{Datelike, Timelike};
    let t = DateTime::parse_from_rfc3339(text).ok()?;
    // chrono reads a leap second (23:59:60) as a nanosecond count past one
    // second, which no other language holds.
    let plain = t.nanosecond() < 1_000_000_000
        && year_in_range(t.year())
        && year_in_range(t.with_timezone(&Utc).year());
    plain.then_some(Moment::DateTime(t))
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
            // chrono's `Display` of a date is `%Y-%m-%d` without the
            // formatting machinery.
            Moment::Date(d) => write!(f, "{d}"),
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

/// A [`Moment`], or none, in twelve bytes instead of twenty: the network
/// holds two per interaction. The instant as whole seconds (44 bits, enough
/// for every date chrono has) and nanoseconds, the offset it was written
/// with, and whether it was a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Compact {
    /// The low 32 bits of the seconds since the epoch, biased to be positive.
    low: u32,
    /// From the top: none (1 bit), a date (1), the offset in seconds biased
    /// to be positive (18), the seconds' high 12 bits.
    high: u32,
    nanos: u32,
}

impl Compact {
    const BIAS: i64 = 1 << 43;
    const NONE: u32 = 1 << 31;
    const DATE: u32 = 1 << 30;
    /// Offsets are under a day either way.
    const OFFSET_BIAS: i32 = 86_399;

    pub const ABSENT: Compact = Compact {
        low: 0,
        high: Self::NONE,
        nanos: 0,
    };

    pub fn of(moment: Option<Moment>) -> Compact {
        let Some(m) = moment else {
            return Self::ABSENT;
        };
        let (utc, offset, date) = match m {
            Moment::Date(_) => (m.utc(), 0, Self::DATE),
            Moment::DateTime(t) => (t.to_utc(), t.offset().local_minus_utc(), 0),
        };
        let biased = (utc.timestamp() + Self::BIAS) as u64;
        let offset = (offset + Self::OFFSET_BIAS) as u32;
        Compact {
            low: biased as u32,
            high: date | (offset << 12) | ((biased >> 32) as u32 & 0xfff),
            nanos: utc.timestamp_subsec_nanos(),
        }
    }

    fn seconds(&self) -> i64 {
        ((i64::from(self.high & 0xfff) << 32) | i64::from(self.low)) - Self::BIAS
    }

    pub fn get(&self) -> Option<Moment> {
        if self.high & Self::NONE != 0 {
            return None;
        }
        // Made from a valid moment, so each step holds; a moment is never
        // made up if one did not.
        let utc = DateTime::from_timestamp(self.seconds(), self.nanos)?;
        if self.high & Self::DATE != 0 {
            return Some(Moment::Date(utc.date_naive()));
        }
        let offset = ((self.high >> 12) & 0x3ffff) as i32 - Self::OFFSET_BIAS;
        Some(Moment::DateTime(
            utc.with_timezone(&FixedOffset::east_opt(offset)?),
        ))
    }

    /// Seconds and nanoseconds since the epoch, which order compact moments
    /// as their moments (absent first).
    pub fn instant(&self) -> (i64, u32) {
        match self.high & Self::NONE {
            0 => (self.seconds(), self.nanos),
            _ => (i64::MIN, 0),
        }
    }

    /// As [`Moment::millis`], without making the moment.
    pub fn millis(&self) -> Option<i64> {
        (self.high & Self::NONE == 0)
            .then(|| self.seconds() * 1000 + i64::from(self.nanos / 1_000_000))
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

    proptest::proptest! {
        /// The hand-read date and the `Display` written one are chrono's
        /// `%Y-%m-%d` both ways, for every date the format can hold and
        /// beyond (a date made through the API can be any year).
        #[test]
        fn dates_read_and_write_as_chrono_strftime(days in -1_000_000i64..4_000_000) {
            let d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Duration::days(days);
            let text = d.format("%Y-%m-%d").to_string();
            proptest::prop_assert_eq!(d.to_string(), text.clone());
            let year = chrono::Datelike::year(&d);
            if (MIN_YEAR..=MAX_YEAR).contains(&year) {
                proptest::prop_assert_eq!(parse_date(&text), Some(d));
            } else if (0..=9999).contains(&year) {
                // Written in the form, but outside what every language holds.
                proptest::prop_assert_eq!(parse_date(&text), None);
            }
        }

        #[test]
        fn a_compact_moment_is_the_moment(
            seconds in -8_200_000_000_000i64..8_200_000_000_000,
            nanos in 0u32..1_000_000_000,
            offset in -86_399i32..=86_399,
            date: bool,
        ) {
            let utc = DateTime::from_timestamp(seconds, nanos).unwrap();
            let m = if date {
                Moment::Date(utc.date_naive())
            } else {
                Moment::DateTime(utc.with_timezone(&FixedOffset::east_opt(offset).unwrap()))
            };
            let c = Compact::of(Some(m));
            let back = c.get().unwrap();
            proptest::prop_assert_eq!(back.to_string(), m.to_string());
            proptest::prop_assert_eq!(back, m);
            proptest::prop_assert_eq!(c.millis(), Some(m.millis()));
        }

        #[test]
        fn compact_moments_order_as_moments(
            a in -8_200_000_000_000i64..8_200_000_000_000,
            b in -8_200_000_000_000i64..8_200_000_000_000,
            close: bool,
            nanos in (0u32..1_000_000_000, 0u32..1_000_000_000),
        ) {
            let b = if close { a } else { b };
            let m = |s, n| Moment::from(DateTime::from_timestamp(s, n).unwrap());
            let (x, y) = (m(a, nanos.0), m(b, nanos.1));
            let (cx, cy) = (Compact::of(Some(x)), Compact::of(Some(y)));
            proptest::prop_assert_eq!(cx.instant().cmp(&cy.instant()), x.cmp(&y));
        }
    }

    #[test]
    fn compact_keeps_the_edges_and_none() {
        assert_eq!(Compact::of(None).get(), None);
        assert_eq!(Compact::of(None).millis(), None);
        for m in [
            Moment::Date(NaiveDate::MIN),
            Moment::Date(NaiveDate::MAX),
            Moment::DateTime(DateTime::<Utc>::MIN_UTC.fixed_offset()),
            Moment::DateTime(DateTime::<Utc>::MAX_UTC.fixed_offset()),
            // Made through the API: the reader refuses them.
            Moment::DateTime(DateTime::parse_from_rfc3339("2016-12-31T23:59:60.5+01:00").unwrap()),
            Moment::DateTime(DateTime::parse_from_rfc3339("0000-01-01T00:00:00-23:59").unwrap()),
            Moment::DateTime(
                DateTime::parse_from_rfc3339("9999-12-31T23:59:59.999999999+23:59").unwrap(),
            ),
        ] {
            let back = Compact::of(Some(m)).get().unwrap();
            assert_eq!(back.to_string(), m.to_string());
            assert_eq!(Compact::of(Some(m)).millis(), Some(m.millis()));
        }
        assert_eq!(std::mem::size_of::<Compact>(), 12);
    }

    #[test]
    fn plus_days_saturates() {
        let d: Moment = "2024-03-04".parse().unwrap();
        assert_eq!(d.plus_days(1).to_string(), "2024-03-05");
        let _ = d.plus_days(i64::MAX);
        let _ = d.plus_days(i64::MIN);
    }
}
