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

/// Hours from `from` to `to`.
fn hours(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_seconds() as f64 / 3600.0
}

/// The median (the mean of the middle two of an even count) and the 90th percentile
/// by nearest rank (the smallest value with at least 90 % of the values at or below it).
pub fn durations(mut hours: Vec<f64>) -> DurationStats {
    hours.retain(|h| h.is_finite());
    hours.sort_by(f64::total_cmp);
    let n = hours.len();
    let median = match n {
        0 => None,
        _ if n % 2 == 1 => Some(hours[n / 2]),
        _ => Some((hours[n / 2 - 1] + hours[n / 2]) / 2.0),
    };
    let p90 = (n > 0).then(|| hours[(n * 9).div_ceil(10).max(1) - 1]);
    DurationStats {
        count: u32::try_from(n).unwrap_or(u32::MAX),
        median_hours: median,
        p90_hours: p90,
    }
}

pub fn share(hits: u32, of: u32) -> ShareStats {
    ShareStats {
        hits,
        of,
        share: (of > 0).then(|| f64::from(hits) / f64::from(of)),
    }
}

/// Whether every deadline of a case was met in time: `None` while one is still
/// running unmet (not decided yet).
fn within_service_level(case: &CaseFacts, now: DateTime<Utc>) -> Option<bool> {
    let mut decided = true;
    for &(due_at, met_at) in &case.deadlines {
        match met_at {
            Some(met) if met > due_at => return Some(false),
            Some(_) => {}
            None if now > due_at => return Some(false),
            None => decided = false,
        }
    }
    decided.then_some(true)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The figures of `cases`, credited to `owner` (none: all of them).
pub fn stats_row(owner: Option<PersonRef>, cases: &[&CaseFacts], now: DateTime<Utc>) -> CaseStatsRow {
    let took = |at: fn(&CaseFacts) -> Option<DateTime<Utc>>| {
        durations(
            cases
                .iter()
                .filter_map(|c| at(c).map(|t| hours(c.opened_at, t)))
                .collect(),
        )
    };
    let kept: Vec<bool> = cases.iter().filter_map(|c| within_service_level(c, now)).collect();
    let recovered: Vec<bool> = cases.iter().filter_map(|c| c.recovered).collect();
    CaseStatsRow {
        owner,
        cases: count(cases.len()),
        acknowledge: took(|c| c.acknowledged_at),
        first_contact: took(|c| c.first_contact_at),
        close: took(|c| c.closed_at),
        within_service_level: share(count(kept.iter().filter(|k| **k).count()), count(kept.len())),
        recovery: share(count(recovered.iter().filter(|r| **r).count()), count(recovered.len())),
    }
}

/// The cases opened in `quarter` (`quarter_of` reads an instant in the organisation's
/// time zone), overall and per owner by name.
pub fn quarter_stats(
    quarter: Quarter,
    cases: &[CaseFacts],
    quarter_of: impl Fn(DateTime<Utc>) -> Quarter,
    now: DateTime<Utc>,
) -> QuarterCaseStats {
    let opened: Vec<&CaseFacts> = cases.iter().filter(|c| quarter_of(c.opened_at) == quarter).collect();
    let mut owners: Vec<&PersonRef> = Vec::new();
    for case in &opened {
        if !owners.iter().any(|o| o.id == case.owner.id) {
            owners.push(&case.owner);
        }
    }
    owners.sort_by_cached_key(|o| (o.name.to_lowercase(), o.id.clone()));
    let by_owner = owners
        .into_iter()
        .map(|owner| {
            let theirs: Vec<&CaseFacts> = opened.iter().copied().filter(|c| c.owner.id == owner.id).collect();
            stats_row(Some(owner.clone()), &theirs, now)
        })
        .collect();
    QuarterCaseStats {
        quarter: quarter.to_string(),
        overall: stats_row(None, &opened, now),
        by_owner,
    }
}

/// `quarter` against the one before it.
pub fn case_stats(
    quarter: Quarter,
    cases: &[CaseFacts],
    quarter_of: impl Fn(DateTime<Utc>) -> Quarter + Copy,
    now: DateTime<Utc>,
) -> CaseStats {
    CaseStats {
        current: quarter_stats(quarter, cases, quarter_of, now),
        previous: quarter_stats(quarter.previous(), cases, quarter_of, now),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    fn at(month: u32, day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, month, day, hour, 0, 0).unwrap()
    }

    fn person(id: &str, name: &str) -> PersonRef {
        PersonRef {
            id: id.into(),
            name: name.into(),
        }
    }

    fn quarter_of(at: DateTime<Utc>) -> Quarter {
        Quarter::of(at.date_naive())
    }

    #[test]
    fn quarters_read_write_and_step_back_over_a_year() {
        let q = Quarter::parse("2026-Q1").unwrap();
        assert_eq!(q.to_string(), "2026-Q1");
        assert_eq!(q.previous().to_string(), "2025-Q4");
        assert_eq!(q.start(), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(q.end(), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
        assert_eq!(
            Quarter::parse("2026-Q4").unwrap().end(),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        assert_eq!(
            Quarter::of(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()).to_string(),
            "2026-Q4"
        );
        for bad in ["2026-Q0", "2026-Q5", "2026Q1", "Q1-2026", "", "2026-Q1x"] {
            assert_eq!(Quarter::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn median_and_90th_percentile_by_hand() {
        // 1..=10 hours: median (5 + 6) / 2, 90th percentile the 9th value.
        let stats = durations((1..=10).map(f64::from).collect());
        assert_eq!(stats.count, 10);
        assert_eq!(stats.median_hours, Some(5.5));
        assert_eq!(stats.p90_hours, Some(9.0));
        // Odd count, unsorted: 2, 4, 30 → median 4; nearest rank ⌈2.7⌉ = 3 → 30.
        let stats = durations(vec![30.0, 2.0, 4.0]);
        assert_eq!((stats.median_hours, stats.p90_hours), (Some(4.0), Some(30.0)));
        let one = durations(vec![7.0]);
        assert_eq!((one.median_hours, one.p90_hours), (Some(7.0), Some(7.0)));
        let none = durations(vec![]);
        assert_eq!((none.count, none.median_hours, none.p90_hours), (0, None, None));
    }

    fn case(owner: &PersonRef, opened: DateTime<Utc>) -> CaseFacts {
        CaseFacts {
            owner: owner.clone(),
            opened_at: opened,
            acknowledged_at: None,
            first_contact_at: None,
            closed_at: None,
            deadlines: vec![
                (opened + Duration::hours(24), None),
                (opened + Duration::hours(48), None),
            ],
            recovered: None,
        }
    }

    #[test]
    fn per_owner_and_overall_this_quarter_against_the_last() {
        let lea = person("u1", "Lea");
        let aku = person("u2", "aku");
        let now = at(11, 30, 12);
        let opened = at(10, 5, 9);
        // Lea: acknowledged in 2 h, contacted in 10 h, closed in 100 h, all in time, "yes".
        let lea_done = CaseFacts {
            acknowledged_at: Some(opened + Duration::hours(2)),
            first_contact_at: Some(opened + Duration::hours(10)),
            closed_at: Some(opened + Duration::hours(100)),
            deadlines: vec![
                (opened + Duration::hours(24), Some(opened + Duration::hours(2))),
                (opened + Duration::hours(48), Some(opened + Duration::hours(10))),
            ],
            recovered: Some(true),
            ..case(&lea, opened)
        };
        // Lea: acknowledged in 4 h, no contact, first contact deadline passed unmet.
        let lea_late = CaseFacts {
            acknowledged_at: Some(opened + Duration::hours(4)),
            deadlines: vec![
                (opened + Duration::hours(24), Some(opened + Duration::hours(4))),
                (opened + Duration::hours(48), None),
            ],
            ..case(&lea, opened)
        };
        // Aku: opened yesterday, nothing due yet: not decided; closed and the
        // contact's next NPS lower: not recovered.
        let aku_new = case(&aku, now - Duration::hours(20));
        let aku_closed = CaseFacts {
            closed_at: Some(opened + Duration::hours(50)),
            recovered: Some(false),
            ..case(&aku, opened)
        };
        // Last quarter: one case acknowledged in 30 h (late).
        let before = at(8, 3, 9);
        let old = CaseFacts {
            acknowledged_at: Some(before + Duration::hours(30)),
            deadlines: vec![(before + Duration::hours(24), Some(before + Duration::hours(30)))],
            ..case(&lea, before)
        };
        let all = [lea_done, lea_late, aku_new, aku_closed, old];
        let stats = case_stats(Quarter::parse("2026-Q4").unwrap(), &all, quarter_of, now);

        let overall = &stats.current.overall;
        assert_eq!(stats.current.quarter, "2026-Q4");
        assert_eq!(overall.cases, 4);
        assert_eq!(overall.acknowledge.count, 2);
        assert_eq!(overall.acknowledge.median_hours, Some(3.0));
        assert_eq!(overall.acknowledge.p90_hours, Some(4.0));
        assert_eq!(overall.first_contact.median_hours, Some(10.0));
        assert_eq!(overall.close.median_hours, Some(75.0));
        assert_eq!(overall.close.p90_hours, Some(100.0));
        // Decided: Lea's two (one kept, one missed) and Aku's closed one, whose
        // deadlines passed unmet.
        assert_eq!(overall.within_service_level, share(1, 3));
        assert_eq!(overall.recovery, share(1, 2));
        assert_eq!(overall.recovery.share, Some(0.5));

        let owners: Vec<&str> = stats
            .current
            .by_owner
            .iter()
            .map(|r| r.owner.as_ref().unwrap().name.as_str())
            .collect();
        assert_eq!(owners, ["aku", "Lea"]);
        let lea_row = &stats.current.by_owner[1];
        assert_eq!(lea_row.cases, 2);
        assert_eq!(lea_row.within_service_level, share(1, 2));
        assert_eq!(lea_row.recovery, share(1, 1));

        assert_eq!(stats.previous.quarter, "2026-Q3");
        assert_eq!(stats.previous.overall.cases, 1);
        assert_eq!(stats.previous.overall.acknowledge.median_hours, Some(30.0));
        assert_eq!(stats.previous.overall.within_service_level, share(0, 1));
        assert_eq!(stats.previous.overall.recovery, share(0, 0));
        assert_eq!(stats.previous.overall.recovery.share, None);
    }
}
