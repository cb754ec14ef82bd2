//! Partial dates: a year, a year and month, or a full day.
//!
//! The sources often give only a month ("October") or a year; the Atlas keeps exactly the
//! precision the source gives and never invents a day.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the month and day exist.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let bad = || {
            DateError(format!(
                "`{s}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        };
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DateError> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        let year = match parts.first() {
            Some(p) if p.len() > 4 && p.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(DateError(format!(
                    "`{s}`: year {p} is out of range (years have four digits)"
                )));
            }
            Some(p) => num(p, 4)? as i32,
            None => return Err(bad()),
        };
        let month = match parts.get(1) {
            Some(p) => {
                let m = num(p, 2)? as u8;
                if !(1..=12).contains(&m) {
                    return Err(DateError(format!("`{s}`: month {m} does not exist")));
                }
                Some(m)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) => {
                let d = num(p, 2)? as u8;
                let m = month.unwrap_or(1);
                if d == 0 || d > days_in_month(year, m) {
                    return Err(DateError(format!(
                        "`{s}`: day {d} does not exist in that month"
                    )));
                }
                Some(d)
            }
            None => None,
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        Ok(PartialDate { year, month, day })
    }

    /// A sortable key: unknown month/day sort before known ones within the same year (the
    /// earliest the date can be: what validation compares a start and an end by).
    pub fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// The key events are listed by: a date known only to its year (or month) comes after
    /// the dated events of that year (or month), as "sometime in 2021" after March 2021 in
    /// a timeline, and before them newest first («late 2021» is not January).
    pub fn order_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(13), self.day.unwrap_or(32))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "A date with the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        let cases = [
            ("2022", (2022, None, None)),
            ("2022-10", (2022, Some(10), None)),
            ("2022-10-25", (2022, Some(10), Some(25))),
            ("2024-02-29", (2024, Some(2), Some(29))),
        ];
        for (input, (y, m, d)) in cases {
            let date = PartialDate::parse(input).unwrap();
            assert_eq!((date.year, date.month, date.day), (y, m, d), "{input}");
            assert_eq!(date.to_string(), input, "round trip of {input}");
        }
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for input in [
            "",
            "22",
            "2022-13",
            "2022-00",
            "2023-02-29",
            "2022-10-32",
            "2022/10/25",
            "2022-1",
            "2022-10-25-1",
            "abcd",
            "٢٠٢٢",
        ] {
            assert!(PartialDate::parse(input).is_err(), "{input} should fail");
        }
        let e = PartialDate::parse("99999-01-01").unwrap_err().0;
        assert!(e.contains("year 99999 is out of range"), "{e}");
        let e = PartialDate::parse("2022-13").unwrap_err().0;
        assert!(e.contains("month 13 does not exist"), "{e}");
    }

    #[test]
    fn partial_dates_sort_by_what_is_known() {
        let mut dates: Vec<PartialDate> = ["2025-11", "2022-10-25", "2022", "2020"]
            .iter()
            .map(|s| PartialDate::parse(s).unwrap())
            .collect();
        dates.sort_by_key(|d| d.sort_key());
        let order: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(order, ["2020", "2022", "2022-10-25", "2025-11"]);
    }
}
