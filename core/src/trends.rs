//! Topic trends for leadership: for every theme and churn cause, how many distinct
//! accounts mentioned it each week (in answers, counter-feedback and messages), as a
//! share of the accounts active that week, and whether it is rising or falling.
//!
//! Counted in accounts, not mentions, so one noisy customer is not a trend: a topic's
//! weekly count is the number of distinct accounts that mentioned it that week.
//!
//! The test, stated: the last [`RECENT_WEEKS`] weeks are compared with the
//! [`BASELINE_WEEKS`] before them. Each week's count is taken as Poisson with a rate
//! per active account; under "no change", the recent count given the total is
//! binomial with p = recent exposure / total exposure (exposure = active accounts
//! summed over the weeks). The two-sided exact p-value (twice the smaller tail, at
//! most 1) of every topic with at least [`MIN_MENTIONS`] account-weeks is adjusted
//! by Benjamini–Hochberg over all such topics; a topic is flagged when its adjusted
//! p-value is below [`FALSE_DISCOVERY_RATE`]. Its effect size is the rate ratio:
//! recent rate over baseline rate.

use serde::{Deserialize, Serialize};

use crate::topics::OwnedTopic;

/// Weeks shown, oldest first; the last is the current week.
pub const WEEKS: usize = 26;
/// The weeks whose rate is compared …
pub const RECENT_WEEKS: usize = 4;
/// … with the rate of the weeks before them.
pub const BASELINE_WEEKS: usize = 12;
/// Fewer account-weeks over both periods than this are not tested.
pub const MIN_MENTIONS: u32 = 5;
/// The Benjamini–Hochberg level: the expected share of flags that are wrong.
pub const FALSE_DISCOVERY_RATE: f64 = 0.05;
/// The accounts named behind a topic: a few dozen can be read, thousands cannot (the
/// count says how many there are).
pub const ACCOUNTS_NAMED: usize = 50;

api_enum! {
    /// Which way a flagged topic goes.
    pub enum TrendDirection {
        Rising,
        Falling,
    }
}

/// One topic's weekly counts of distinct accounts, oldest week first ([`WEEKS`]).
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklyCounts {
    pub topic: OwnedTopic,
    pub weeks: Vec<u32>,
}

api_type! {
    /// What the test says of one topic.
    #[derive(Copy)]
    pub struct TrendTest {
        /// Account-weeks in the recent weeks and in the baseline weeks.
        pub recent: u32,
        pub baseline: u32,
        /// Recent rate over baseline rate; `None` when the baseline has none.
        pub rate_ratio: Option<f64>,
        /// `None` below [`MIN_MENTIONS`]: not tested.
        pub p_value: Option<f64>,
        /// Benjamini–Hochberg adjusted over the topics tested together.
        pub adjusted_p: Option<f64>,
        pub direction: Option<TrendDirection>,
    }
}

/// Tests every topic: `active` holds the active accounts of each week ([`WEEKS`]).
pub fn test_all(counts: &[WeeklyCounts], active: &[u32]) -> Vec<TrendTest> {
    let recent_range = WEEKS - RECENT_WEEKS..WEEKS;
    let baseline_range = WEEKS - RECENT_WEEKS - BASELINE_WEEKS..WEEKS - RECENT_WEEKS;
    let exposure =
        |range: std::ops::Range<usize>| active.get(range).map_or(0.0, |a| a.iter().map(|&n| f64::from(n)).sum());
    let (recent_exposure, baseline_exposure) = (exposure(recent_range.clone()), exposure(baseline_range.clone()));
    let mut tests: Vec<TrendTest> = counts
        .iter()
        .map(|topic| {
            let sum = |range: std::ops::Range<usize>| topic.weeks.get(range).map_or(0, |w| w.iter().sum());
            let (recent, baseline) = (sum(recent_range.clone()), sum(baseline_range.clone()));
            let rate = |n: u32, exposure: f64| (exposure > 0.0).then(|| f64::from(n) / exposure);
            let rate_ratio = match (rate(recent, recent_exposure), rate(baseline, baseline_exposure)) {
                (Some(r), Some(b)) if b > 0.0 => Some(r / b),
                _ => None,
            };
            let tested = recent + baseline >= MIN_MENTIONS && recent_exposure > 0.0 && baseline_exposure > 0.0;
            let p_value = tested.then(|| {
                binomial_two_sided(
                    recent,
                    recent + baseline,
                    recent_exposure / (recent_exposure + baseline_exposure),
                )
            });
            TrendTest {
                recent,
                baseline,
                rate_ratio,
                p_value,
                adjusted_p: None,
                direction: None,
            }
        })
        .collect();
    let tested: Vec<usize> = (0..tests.len()).filter(|&i| tests[i].p_value.is_some()).collect();
    let adjusted = benjamini_hochberg(&tested.iter().filter_map(|&i| tests[i].p_value).collect::<Vec<_>>());
    for (&i, adjusted) in tested.iter().zip(adjusted) {
        let test = &mut tests[i];
        test.adjusted_p = Some(adjusted);
        if adjusted < FALSE_DISCOVERY_RATE {
            let expected =
                f64::from(test.recent + test.baseline) * recent_exposure / (recent_exposure + baseline_exposure);
            test.direction = Some(if f64::from(test.recent) > expected {
                TrendDirection::Rising
            } else {
                TrendDirection::Falling
            });
        }
    }
    tests
}

/// ln(k!) for k = 0..=n.
pub(crate) fn ln_factorials(n: u32) -> Vec<f64> {
    let mut table = Vec::with_capacity(n as usize + 1);
    let mut sum = 0.0;
    table.push(0.0);
    for k in 1..=n {
        sum += f64::from(k).ln();
        table.push(sum);
    }
    table
}

/// The exact two-sided p-value of `k` successes in `n` trials of probability `p`:
/// twice the smaller tail, at most 1.
pub fn binomial_two_sided(k: u32, n: u32, p: f64) -> f64 {
    if n == 0 || p <= 0.0 || p >= 1.0 {
        return 1.0;
    }
    let ln = ln_factorials(n);
    let pmf = |i: u32| {
        (ln[n as usize] - ln[i as usize] - ln[(n - i) as usize]
            + f64::from(i) * p.ln()
            + f64::from(n - i) * (1.0 - p).ln())
        .exp()
    };
    let lower: f64 = (0..=k).map(pmf).sum();
    let upper: f64 = (k..=n).map(pmf).sum();
    (2.0 * lower.min(upper)).min(1.0)
}

/// Benjamini–Hochberg adjusted p-values, in the order given.
pub fn benjamini_hochberg(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]));
    let mut adjusted = vec![1.0; m];
    let mut running = 1.0_f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        let value = p_values[i] * m as f64 / (rank + 1) as f64;
        running = running.min(value).min(1.0);
        adjusted[i] = running;
    }
    adjusted
}

api_type! {
    /// One account behind a topic's recent weeks.
    pub struct TrendAccount {
        pub id: String,
        pub name: String,
    }
}

api_type! {
    /// A recent mention of the topic, verbatim.
    pub struct TrendQuote {
        pub account: String,
        pub text: String,
        pub source: crate::topics::TopicSource,
    }
}

api_type! {
    /// `GET /trends`: one topic over the weeks.
    pub struct TopicTrend {
        pub topic: OwnedTopic,
        /// Distinct accounts per week, oldest first.
        pub weekly_accounts: Vec<u32>,
        #[serde(flatten)]
        #[cfg_attr(feature = "openapi", oai(flatten))]
        pub test: TrendTest,
        /// The accounts behind the recent weeks, by name, the first [`ACCOUNTS_NAMED`].
        pub accounts: Vec<TrendAccount>,
        /// How many accounts are behind the recent weeks.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub accounts_total: u32,
        /// Up to three of the newest mentions in the recent weeks.
        pub quotes: Vec<TrendQuote>,
    }
}

api_type! {
    /// `GET /trends`: the weeks (their Mondays, oldest first), the accounts active each
    /// week, and the topics mentioned at all, flagged ones first.
    pub struct TrendsView {
        /// Every segment of the organisation's active accounts, for narrowing.
        pub segments: Vec<String>,
        pub weeks: Vec<chrono::NaiveDate>,
        pub active_accounts: Vec<u32>,
        pub topics: Vec<TopicTrend>,
    }
}

/// Flagged topics first (rising before falling, by adjusted p), then by recent accounts.
pub fn sort_trends(topics: &mut [TopicTrend]) {
    let rank = |t: &TopicTrend| match t.test.direction {
        Some(TrendDirection::Rising) => 0,
        Some(TrendDirection::Falling) => 1,
        None => 2,
    };
    topics.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(
                a.test
                    .adjusted_p
                    .unwrap_or(1.0)
                    .total_cmp(&b.test.adjusted_p.unwrap_or(1.0)),
            )
            .then(b.test.recent.cmp(&a.test.recent))
            .then(a.topic.key.cmp(&b.topic.key))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draws::{Draws, assert_seldom_flagged};
    use crate::topics::OwnedTopicKind;

    fn topic(key: &str) -> OwnedTopic {
        OwnedTopic {
            kind: OwnedTopicKind::Theme,
            key: key.into(),
        }
    }

    #[test]
    fn the_binomial_p_value_matches_known_values() {
        // 10 of 10 at p = 0.5: 2 × 0.5^10.
        assert!((binomial_two_sided(10, 10, 0.5) - 2.0 / 1024.0).abs() < 1e-12);
        // The expected count is not evidence of anything.
        assert_eq!(binomial_two_sided(5, 10, 0.5), 1.0);
        // 0 of 20 at p = 0.25: 2 × 0.75^20.
        assert!((binomial_two_sided(0, 20, 0.25) - 2.0 * 0.75_f64.powi(20)).abs() < 1e-12);
    }

    #[test]
    fn benjamini_hochberg_adjusts_as_the_procedure_says() {
        let adjusted = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.20]);
        // Sorted 0.01, 0.03, 0.04, 0.20 → 0.04, 0.0533, 0.0533, 0.20.
        let expected = [0.04, 0.04 * 4.0 / 3.0, 0.04 * 4.0 / 3.0, 0.20];
        for (a, e) in adjusted.iter().zip(expected) {
            assert!((a - e).abs() < 1e-12, "{adjusted:?}");
        }
    }

    /// Weekly distinct-account counts drawn at `rate` per active account, with the
    /// recent weeks at `rate × lift`.
    fn drawn(rng: &mut Draws, key: &str, active: u32, rate: f64, lift: f64) -> WeeklyCounts {
        let weeks = (0..WEEKS)
            .map(|week| {
                let p = if week >= WEEKS - RECENT_WEEKS {
                    rate * lift
                } else {
                    rate
                };
                (0..active).filter(|_| rng.chance(p)).count() as u32
            })
            .collect();
        WeeklyCounts {
            topic: topic(key),
            weeks,
        }
    }

    #[test]
    fn a_planted_rise_is_found_with_its_size_and_the_steady_topics_are_not_flagged() {
        let mut rng = Draws(7);
        let active = vec![60; WEEKS];
        let mut counts: Vec<WeeklyCounts> = (0..12)
            .map(|i| drawn(&mut rng, &format!("steady{i}"), 60, 0.05, 1.0))
            .collect();
        counts.push(drawn(&mut rng, "rising", 60, 0.05, 4.0));
        counts.push(drawn(&mut rng, "falling", 60, 0.30, 0.1));
        let tests = test_all(&counts, &active);
        let rising = tests[12];
        assert_eq!(rising.direction, Some(TrendDirection::Rising), "{rising:?}");
        assert!(rising.rate_ratio.unwrap() > 2.5, "{rising:?}");
        assert_eq!(tests[13].direction, Some(TrendDirection::Falling), "{:?}", tests[13]);
        assert!(tests[..12].iter().all(|t| t.direction.is_none()), "{tests:?}");
    }

    #[test]
    fn too_few_mentions_are_not_tested() {
        let mut weeks = vec![0; WEEKS];
        weeks[WEEKS - 1] = 4;
        let tests = test_all(
            &[WeeklyCounts {
                topic: topic("rare"),
                weeks,
            }],
            &[10; WEEKS],
        );
        assert_eq!(tests[0].p_value, None);
        assert_eq!(tests[0].direction, None);
        assert_eq!(tests[0].recent, 4);
    }

    /// Of 300 portfolios of twenty steady topics at many rates and sizes, few have a
    /// topic flagged (uncorrected tests would flag most of them).
    #[test]
    fn steady_topics_are_seldom_flagged() {
        assert_seldom_flagged(300, |rng, seed| {
            let rate = 0.02 + 0.38 * (seed % 13) as f64 / 12.0;
            let active = 10 + 10 * (seed % 11) as u32;
            let counts: Vec<WeeklyCounts> = (0..20)
                .map(|i| drawn(rng, &format!("t{i}"), active, rate, 1.0))
                .collect();
            test_all(&counts, &[active; WEEKS])
                .iter()
                .any(|t| t.direction.is_some())
        });
    }
}
