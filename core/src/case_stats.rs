//! The leadership panel of cases: how fast cases are taken up, how fast the customer
//! hears from us, how fast they close, how many keep their service levels, and how
//! many customers say it is resolved — per owner and overall, one quarter against the
//! one before.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::account::PersonRef;

api_type! {
    /// Durations of one kind (opening → acknowledging, → first contact, → closing), in
    /// calendar hours, over the cases that got that far.
    pub struct DurationStats {
        pub count: u32,
        pub median_hours: Option<f64>,
        pub p90_hours: Option<f64>,
    }
}

api_type! {
    /// `hits` of `of` (the sample), and the share 0–1 when there is a sample.
    pub struct ShareStats {
        pub hits: u32,
        pub of: u32,
        pub share: Option<f64>,
    }
}

api_type! {
    /// The figures of one owner's cases, or of all cases (`owner` none).
    pub struct CaseStatsRow {
        pub owner: Option<PersonRef>,
        /// Cases opened in the quarter.
        pub cases: u32,
        pub acknowledge: DurationStats,
        pub first_contact: DurationStats,
        pub close: DurationStats,
        /// Cases whose every deadline was met in time, of those whose outcome is known
        /// (a deadline missed, or all met).
        pub within_service_level: ShareStats,
        /// Closed cases whose customer is better off — the re-pulse answered "yes", or
        /// the contact's next NPS higher than before — of those where we know.
        pub recovery: ShareStats,
    }
}

api_type! {
    pub struct QuarterCaseStats {
        /// `2026-Q4`.
        pub quarter: String,
        pub overall: CaseStatsRow,
        /// One row per owner, by name.
        pub by_owner: Vec<CaseStatsRow>,
    }
}

api_type! {
    /// `GET /cases/stats?quarter=2026-Q4` (leaders and admins): the quarter asked for
    /// (the organisation's current one by default) and the one before it.
    pub struct CaseStats {
        pub current: QuarterCaseStats,
        pub previous: QuarterCaseStats,
    }
}

/// A calendar quarter, written `2026-Q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1–4.
    pub number: u32,
}

impl Quarter {
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            number: date.month0() / 3 + 1,
        }
    }

    /// Reads `2026-Q4`; anything else is `None`.
    pub fn parse(text: &str) -> Option<Quarter> {
        let (year, number) = text.trim().split_once("-Q")?;
        let year: i32 = year.parse().ok().filter(|y| (1970..=9999).contains(y))?;
        let number: u32 = number.parse().ok().filter(|n| (1..=4).contains(n))?;
        Some(Quarter { year, number })
    }

    pub fn previous(self) -> Quarter {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Quarter {
                number: self.number - 1,
                ..self
            }
        }
    }

    /// Its first day.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.number - 1) * 3 + 1, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The first day of the next quarter.
    pub fn end(self) -> NaiveDate {
        if self.number == 4 {
            Quarter {
                year: self.year + 1,
                number: 1,
            }
            .start()
        } else {
            Quarter {
                number: self.number + 1,
                ..self
            }
            .start()
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

/// One case as the statistics read it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFacts {
    pub owner: PersonRef,
    pub opened_at: DateTime<Utc>,
    /// The first step taken.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// The first step that spoke with the customer.
    pub first_contact_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Each deadline's due time and when it was met.
    pub deadlines: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    /// Whether the customer is better off: `None` when we do not know (yet).
    pub recovered: Option<bool>,
}
