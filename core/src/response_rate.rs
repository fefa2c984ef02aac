//! Response rate for leadership: per month and per segment, the share of the survey
//! links sent that month that were answered, and whether the last settled month fell
//! significantly below the months before it.
//!
//! A link counts in the month it was sent once it is settled: answered, or closed
//! (expired or revoked) unanswered. A month is tested only when every link of it is
//! settled, so a month still running is never called a fall.
//!
//! The test, stated: the last settled month against the [`BASELINE_MONTHS`] before
//! it. Under "no change", the answered links of the tested month, given the answered
//! links of both periods together, are hypergeometric (Fisher's exact test), and the
//! one-sided p-value is the chance of as few answers or fewer. A group is tested when
//! its month sent at least [`MIN_SENT`] links and its baseline [`MIN_BASELINE_SENT`];
//! the p-values of all groups tested together (all accounts and each segment) are
//! adjusted by Benjamini–Hochberg, and a fall is flagged when its adjusted p-value is
//! below [`FALSE_DISCOVERY_RATE`]. Its size: the month's rate minus the baseline's.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::evidence::Month;
use crate::trends::{benjamini_hochberg, ln_factorials};

/// Months shown, oldest first; the last is the current one.
pub const MONTHS: usize = 12;
/// The months the tested month is compared with.
pub const BASELINE_MONTHS: usize = 6;
/// Fewer links sent in the tested month than this are not tested …
pub const MIN_SENT: u32 = 10;
/// … nor fewer in its baseline than this.
pub const MIN_BASELINE_SENT: u32 = 20;
/// The Benjamini–Hochberg level: the expected share of flags that are wrong.
pub const FALSE_DISCOVERY_RATE: f64 = 0.05;

/// One survey link as the rate counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct SentLink {
    pub sent_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    /// When the customer could no longer answer: expiry or revoke.
    pub closed_at: DateTime<Utc>,
}

impl SentLink {
    /// Answered by `now`.
    pub fn answered(&self, now: DateTime<Utc>) -> bool {
        self.answered_at.is_some_and(|at| at <= now)
    }

    fn settled(&self, now: DateTime<Utc>) -> bool {
        self.answered(now) || self.closed_at <= now
    }
}

api_type! {
    /// One month of one group: links sent, answered, and not yet settled.
    #[derive(Copy, Default)]
    pub struct MonthRate {
        pub sent: u32,
        pub answered: u32,
        /// Sent this month and neither answered nor closed yet: not counted in the rate.
        pub open: u32,
    }
}

impl MonthRate {
    /// Answered of the settled links, in percent; `None` when none settled.
    pub fn percent(&self) -> Option<f64> {
        let settled = self.sent - self.open;
        (settled > 0).then(|| 100.0 * f64::from(self.answered) / f64::from(settled))
    }

    fn add(&mut self, other: &MonthRate) {
        self.sent += other.sent;
        self.answered += other.answered;
        self.open += other.open;
    }
}

/// Each month's counts of `links` at `now`; links sent outside `months` are left out.
pub fn monthly(links: &[&SentLink], months: &[Month], now: DateTime<Utc>) -> Vec<MonthRate> {
    let mut rates = vec![MonthRate::default(); months.len()];
    for link in links {
        let Some(i) = months.iter().position(|m| *m == Month::of(link.sent_at)) else {
            continue;
        };
        let rate = &mut rates[i];
        rate.sent += 1;
        if link.answered(now) {
            rate.answered += 1;
        } else if !link.settled(now) {
            rate.open += 1;
        }
    }
    rates
}

api_type! {
    /// What the test says of one group.
    #[derive(Default)]
    pub struct RateTest {
        /// The month tested: the last whose links are all settled, with links sent.
        pub month: Option<String>,
        /// Its rate and the baseline's, in percent.
        pub rate: Option<f64>,
        pub baseline_rate: Option<f64>,
        /// `None` below the minimum counts: not tested.
        pub p_value: Option<f64>,
        pub adjusted_p: Option<f64>,
        /// Flagged: the month fell significantly below its baseline.
        pub fell: bool,
    }
}

api_type! {
    /// One round sent in a tested month, as it counts in the rate.
    pub struct RoundRate {
        pub round: String,
        pub account_id: String,
        pub account: String,
        /// When its first link went out.
        pub sent_on: chrono::NaiveDate,
        pub sent: u32,
        pub answered: u32,
    }
}

api_type! {
    /// All accounts (`segment` none) or one segment: its months, its test and, when it
    /// fell, the rounds of the month that fell, the least answered first.
    pub struct RateGroup {
        pub segment: Option<String>,
        pub months: Vec<MonthRate>,
        pub test: RateTest,
        pub rounds: Vec<RoundRate>,
    }
}

api_type! {
    /// `GET /response-rates`: the months (`2026-11`, oldest first) and the groups, all
    /// accounts first.
    pub struct ResponseRateView {
        pub months: Vec<String>,
        pub groups: Vec<RateGroup>,
    }
}

/// The least answered rounds first, then the biggest, then by account.
pub fn sort_rounds(rounds: &mut [RoundRate]) {
    let share = |r: &RoundRate| f64::from(r.answered) / f64::from(r.sent.max(1));
    rounds.sort_by(|a, b| {
        share(a)
            .total_cmp(&share(b))
            .then(b.sent.cmp(&a.sent))
            .then(a.account.cmp(&b.account))
            .then(a.sent_on.cmp(&b.sent_on))
    });
}

/// Tests every group's months (aligned with `months`), adjusting over all of them.
pub fn test_falls(groups: &[Vec<MonthRate>], months: &[Month]) -> Vec<RateTest> {
    let mut tests: Vec<RateTest> = groups.iter().map(|rates| test_one(rates, months)).collect();
    let tested: Vec<usize> = (0..tests.len()).filter(|&i| tests[i].p_value.is_some()).collect();
    let adjusted = benjamini_hochberg(&tested.iter().filter_map(|&i| tests[i].p_value).collect::<Vec<_>>());
    for (&i, adjusted) in tested.iter().zip(adjusted) {
        tests[i].adjusted_p = Some(adjusted);
        tests[i].fell = adjusted < FALSE_DISCOVERY_RATE;
    }
    tests
}

fn test_one(rates: &[MonthRate], months: &[Month]) -> RateTest {
    let Some(last) = rates.iter().rposition(|r| r.sent > 0 && r.open == 0) else {
        return RateTest::default();
    };
    let month = &rates[last];
    let mut baseline = MonthRate::default();
    for earlier in &rates[last.saturating_sub(BASELINE_MONTHS)..last] {
        baseline.add(earlier);
    }
    let settled_before = baseline.sent - baseline.open;
    let tested = month.sent >= MIN_SENT && settled_before >= MIN_BASELINE_SENT;
    RateTest {
        month: months.get(last).map(|m| m.label()),
        rate: month.percent(),
        baseline_rate: baseline.percent(),
        p_value: tested.then(|| {
            fewer_answers_p(
                month.answered,
                month.sent,
                baseline.answered + month.answered,
                settled_before + month.sent,
            )
        }),
        adjusted_p: None,
        fell: false,
    }
}

/// Fisher's exact one-sided p-value: of `total` links of which `answered_total` were
/// answered, the chance that a draw of `drawn` holds `answered` answered ones or fewer.
pub fn fewer_answers_p(answered: u32, drawn: u32, answered_total: u32, total: u32) -> f64 {
    if drawn == 0 || total == 0 || drawn > total || answered_total > total {
        return 1.0;
    }
    let ln = ln_factorials(total);
    let ln_choose = |n: u32, k: u32| ln[n as usize] - ln[k as usize] - ln[(n - k) as usize];
    let unanswered_total = total - answered_total;
    let lowest = drawn.saturating_sub(unanswered_total);
    let pmf = |k: u32| {
        (ln_choose(answered_total, k) + ln_choose(unanswered_total, drawn - k) - ln_choose(total, drawn)).exp()
    };
    let p: f64 = (lowest..=answered.min(answered_total)).map(pmf).sum();
    p.min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draws::{Draws, assert_seldom_flagged};
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(month: u32, day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0).unwrap()
    }

    #[test]
    fn fishers_p_value_matches_known_values() {
        // Of 10 links 5 answered; drawing 5 with none answered: 1 / C(10,5).
        assert!((fewer_answers_p(0, 5, 5, 10) - 1.0 / 252.0).abs() < 1e-12);
        // As many answered as could be: nothing unusual.
        assert!((fewer_answers_p(5, 5, 5, 10) - 1.0).abs() < 1e-12);
        // The lady tasting tea, one-sided the other way round: 1 of 4 in a 4-of-8 draw.
        assert!((fewer_answers_p(1, 4, 4, 8) - 17.0 / 70.0).abs() < 1e-12);
    }

    #[test]
    fn a_link_counts_in_its_sending_month_once_settled() {
        let months = Month::last(at(12, 6), MONTHS);
        assert_eq!(months.len(), MONTHS);
        assert_eq!(months[MONTHS - 1].label(), "2026-12");
        let answered = SentLink {
            sent_at: at(11, 3),
            answered_at: Some(at(12, 2)),
            closed_at: at(12, 3),
        };
        let expired = SentLink {
            sent_at: at(11, 20),
            answered_at: None,
            closed_at: at(12, 4),
        };
        let open = SentLink {
            sent_at: at(11, 25),
            answered_at: None,
            closed_at: at(12, 9),
        };
        let november = monthly(&[&answered, &expired, &open], &months, at(12, 6))[MONTHS - 2];
        assert_eq!((november.sent, november.answered, november.open), (3, 1, 1));
        assert_eq!(november.percent(), Some(50.0));
        // Before it was answered, the first was open too.
        let earlier = monthly(&[&answered, &expired, &open], &months, at(11, 30))[MONTHS - 2];
        assert_eq!((earlier.answered, earlier.open), (0, 3));
        assert_eq!(earlier.percent(), None);
    }

    fn rates(baseline: (u32, u32), last: (u32, u32), still_open: Option<u32>) -> Vec<MonthRate> {
        let mut rates = vec![MonthRate::default(); MONTHS];
        for rate in &mut rates[MONTHS - 2 - BASELINE_MONTHS..MONTHS - 2] {
            *rate = MonthRate {
                sent: baseline.0,
                answered: baseline.1,
                open: 0,
            };
        }
        rates[MONTHS - 2] = MonthRate {
            sent: last.0,
            answered: last.1,
            open: 0,
        };
        if let Some(open) = still_open {
            rates[MONTHS - 1] = MonthRate {
                sent: open,
                answered: 0,
                open,
            };
        }
        rates
    }

    #[test]
    fn a_fall_is_flagged_in_the_last_settled_month_and_a_running_month_is_not_tested() {
        let months = Month::last(at(12, 6), MONTHS);
        // 60 % for six months, then 3 of 30 in November; December still running.
        let tests = test_falls(&[rates((30, 18), (30, 3), Some(25))], &months);
        let test = &tests[0];
        assert_eq!(test.month.as_deref(), Some("2026-11"));
        assert!(test.fell, "{test:?}");
        assert_eq!(test.rate, Some(10.0));
        assert_eq!(test.baseline_rate, Some(60.0));
        // The same rate as before is no fall.
        let steady = &test_falls(&[rates((30, 18), (30, 17), None)], &months)[0];
        assert!(!steady.fell && steady.p_value.unwrap() > 0.3, "{steady:?}");
        // A rise is no fall either.
        assert!(!test_falls(&[rates((30, 10), (30, 29), None)], &months)[0].fell);
    }

    #[test]
    fn too_few_links_are_not_tested() {
        let months = Month::last(at(12, 6), MONTHS);
        let small = &test_falls(&[rates((30, 18), (9, 0), None)], &months)[0];
        assert_eq!(small.p_value, None);
        assert!(!small.fell);
        assert_eq!(small.rate, Some(0.0));
        let nothing = &test_falls(&[vec![MonthRate::default(); MONTHS]], &months)[0];
        assert_eq!(nothing.month, None);
    }

    fn drawn(rng: &mut Draws, sent: u32, rate: f64, last_rate: f64) -> Vec<MonthRate> {
        (0..MONTHS)
            .map(|i| {
                let p = if i == MONTHS - 1 { last_rate } else { rate };
                let answered = (0..sent).filter(|_| rng.chance(p)).count() as u32;
                MonthRate {
                    sent,
                    answered,
                    open: 0,
                }
            })
            .collect()
    }

    /// Of 400 portfolios of eight steady segments at many rates and sizes, few have a
    /// fall flagged (uncorrected tests flag about a quarter).
    #[test]
    fn steady_rates_are_seldom_flagged() {
        let months = Month::last(at(12, 6), MONTHS);
        assert_seldom_flagged(400, |rng, seed| {
            let rate = 0.1 + 0.8 * (seed % 17) as f64 / 16.0;
            let sent = 10 + 10 * (seed % 7) as u32;
            let groups: Vec<Vec<MonthRate>> = (0..8).map(|_| drawn(rng, sent, rate, rate)).collect();
            test_falls(&groups, &months).iter().any(|t| t.fell)
        });
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// A rate that falls to a quarter of a fair level, in a segment of some size, is found.
        #[test]
        fn a_planted_fall_is_found(seed in any::<u64>(), rate in 0.5f64..0.8) {
            let mut rng = Draws(seed);
            let months = Month::last(at(12, 6), MONTHS);
            let mut groups: Vec<Vec<MonthRate>> = (0..5).map(|_| drawn(&mut rng, 40, rate, rate)).collect();
            groups.push(drawn(&mut rng, 60, rate, rate / 4.0));
            let tests = test_falls(&groups, &months);
            prop_assert!(tests[5].fell, "{:?}", tests[5]);
        }
    }
}
