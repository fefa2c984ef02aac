//! How well a warning predicted what happened: the statistics of the backtest, on plain
//! numbers. A [`Call`] is one account's risk as a signal saw it before the outcome, and
//! whether the account then left.

/// One account: the signal's risk (higher: the signal expected it to leave) and what
/// happened.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Call {
    pub risk: f64,
    pub churned: bool,
}

/// The chance that a churned account had a higher risk than a retained one (ties count
/// half): 0.5 is guessing, 1 a perfect ranking. None without both kinds of outcome.
pub fn auc(calls: &[Call]) -> Option<f64> {
    let churned = calls.iter().filter(|c| c.churned).count();
    let retained = calls.len() - churned;
    if churned == 0 || retained == 0 {
        return None;
    }
    // Mann–Whitney: the churned accounts' ranks, tied risks sharing their mean rank.
    let mut order: Vec<&Call> = calls.iter().collect();
    order.sort_by(|a, b| a.risk.total_cmp(&b.risk));
    let mut churned_rank_sum = 0.0;
    let mut start = 0;
    while start < order.len() {
        let end = start
            + order[start..]
                .iter()
                .take_while(|c| c.risk == order[start].risk)
                .count();
        let mean_rank = (start + 1 + end) as f64 / 2.0;
        churned_rank_sum += mean_rank * order[start..end].iter().filter(|c| c.churned).count() as f64;
        start = end;
    }
    let (churned, retained) = (churned as f64, retained as f64);
    Some((churned_rank_sum - churned * (churned + 1.0) / 2.0) / (churned * retained))
}

/// A 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The AUC's 95 % percentile bootstrap interval over `resamples` resamples of the
/// accounts, the same for the same `seed`. Resamples holding one kind of outcome only
/// have no AUC and are left out.
pub fn bootstrap_auc(calls: &[Call], resamples: usize, seed: u64) -> Option<Interval> {
    auc(calls)?;
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut values = Vec::with_capacity(resamples);
    let mut sample = Vec::with_capacity(calls.len());
    for _ in 0..resamples {
        sample.clear();
        sample.extend((0..calls.len()).map(|_| calls[rng.usize(..calls.len())]));
        values.extend(auc(&sample));
    }
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    Some(Interval {
        low: at(0.025),
        high: at(0.975),
    })
}

/// The worst-scored fifth of the accounts against the rest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorstFifth {
    /// How many accounts the fifth holds (a fifth, rounded up).
    pub accounts: usize,
    /// Churned accounts in it; fractional when risks tie across its edge (see
    /// [`worst_fifth`]).
    pub churned: f64,
    /// Its churn rate over the whole portfolio's: 1 is no better than picking at random.
    pub lift: f64,
    /// The share of all churned accounts it holds.
    pub capture_rate: f64,
}

/// Lift and capture in the worst-scored fifth. Accounts tied at its edge share the
/// places left in proportion, so the answer never depends on the order of the input.
/// None without accounts or without any churn.
pub fn worst_fifth(calls: &[Call]) -> Option<WorstFifth> {
    let total_churned = calls.iter().filter(|c| c.churned).count();
    if total_churned == 0 {
        return None;
    }
    let size = calls.len().div_ceil(5);
    let mut risks: Vec<f64> = calls.iter().map(|c| c.risk).collect();
    risks.sort_by(|a, b| b.total_cmp(a));
    let edge = risks[size - 1];
    let above: Vec<&Call> = calls.iter().filter(|c| c.risk > edge).collect();
    let tied: Vec<&Call> = calls.iter().filter(|c| c.risk == edge).collect();
    let places_left = (size - above.len()) as f64;
    let churned = above.iter().filter(|c| c.churned).count() as f64
        + places_left * tied.iter().filter(|c| c.churned).count() as f64 / tied.len() as f64;
    let base_rate = total_churned as f64 / calls.len() as f64;
    Some(WorstFifth {
        accounts: size,
        churned,
        lift: churned / size as f64 / base_rate,
        capture_rate: churned / total_churned as f64,
    })
}

/// The mean squared difference between predicted probabilities and what happened (1
/// churned, 0 not): 0 is perfect, 0.25 what always saying 50 % earns.
pub fn brier(predictions: &[(f64, bool)]) -> Option<f64> {
    if predictions.is_empty() {
        return None;
    }
    let sum: f64 = predictions
        .iter()
        .map(|&(p, churned)| (p - if churned { 1.0 } else { 0.0 }).powi(2))
        .sum();
    Some(sum / predictions.len() as f64)
}

/// A fitted logistic regression: log odds of churn = `intercept` + Σ `coefficients`·x.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic {
    pub intercept: f64,
    pub coefficients: Vec<f64>,
}

/// Ridge-regularised logistic regression by gradient descent: minimises the mean log
/// loss plus `l2`/2 times the squared coefficients (not the intercept), so a few
/// outcomes cannot give a factor an extreme weight. Deterministic; None without rows
/// or when rows differ in length.
pub fn logistic_regression(rows: &[Vec<f64>], churned: &[bool], l2: f64) -> Option<Logistic> {
    const STEPS: usize = 3000;
    const LEARNING_RATE: f64 = 0.5;
    let width = rows.first()?.len();
    if rows.len() != churned.len() || rows.iter().any(|row| row.len() != width) {
        return None;
    }
    let n = rows.len() as f64;
    let mut model = Logistic {
        intercept: 0.0,
        coefficients: vec![0.0; width],
    };
    for _ in 0..STEPS {
        let mut gradient = vec![0.0; width];
        let mut intercept_gradient = 0.0;
        for (row, &left) in rows.iter().zip(churned) {
            let error = model.probability(row) - if left { 1.0 } else { 0.0 };
            intercept_gradient += error / n;
            for (g, x) in gradient.iter_mut().zip(row) {
                *g += error * x / n;
            }
        }
        model.intercept -= LEARNING_RATE * intercept_gradient;
        for (c, g) in model.coefficients.iter_mut().zip(gradient) {
            *c -= LEARNING_RATE * (g + l2 * *c);
        }
    }
    Some(model)
}

impl Logistic {
    pub fn probability(&self, row: &[f64]) -> f64 {
        let z = self.intercept + self.coefficients.iter().zip(row).map(|(c, x)| c * x).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(list: &[(f64, bool)]) -> Vec<Call> {
        list.iter().map(|&(risk, churned)| Call { risk, churned }).collect()
    }

    #[test]
    fn auc_by_hand() {
        // Churned at 0.9 and 0.4; retained at 0.8, 0.3, 0.1. Pairs: (0.9 beats all three)
        // + (0.4 beats 0.3 and 0.1, loses to 0.8) = 5 of 6.
        let c = calls(&[(0.9, true), (0.8, false), (0.4, true), (0.3, false), (0.1, false)]);
        assert!((auc(&c).unwrap() - 5.0 / 6.0).abs() < 1e-12);
        // Ties count half: churned 0.5 vs retained 0.5 and 0.2 → (0.5 + 1) / 2.
        let tied = calls(&[(0.5, true), (0.5, false), (0.2, false)]);
        assert_eq!(auc(&tied), Some(0.75));
        // Everything tied is guessing.
        assert_eq!(auc(&calls(&[(1.0, true), (1.0, false), (1.0, false)])), Some(0.5));
        // Perfectly wrong.
        assert_eq!(auc(&calls(&[(0.1, true), (0.9, false)])), Some(0.0));
        assert_eq!(auc(&calls(&[(0.1, true), (0.9, true)])), None);
        assert_eq!(auc(&[]), None);
    }

    #[test]
    fn auc_does_not_depend_on_the_order() {
        let mut c = calls(&[
            (3.0, true),
            (1.0, false),
            (3.0, false),
            (2.0, true),
            (1.0, true),
            (0.0, false),
        ]);
        let first = auc(&c).unwrap();
        c.reverse();
        assert_eq!(auc(&c), Some(first));
        // By hand: churned 3, 2, 1 against retained 3, 1, 0:
        // 3 → 0.5 + 1 + 1, 2 → 0 + 1 + 1, 1 → 0 + 0.5 + 1 = 6 of 9.
        assert!((first - 6.0 / 9.0).abs() < 1e-12);
    }

    #[test]
    fn bootstrap_is_reproducible_by_seed_and_brackets_the_estimate() {
        let c: Vec<Call> = (0..60)
            .map(|i| Call {
                risk: f64::from(i % 17),
                churned: i % 3 == 0,
            })
            .collect();
        let a = bootstrap_auc(&c, 500, 7).unwrap();
        assert_eq!(bootstrap_auc(&c, 500, 7), Some(a));
        assert_ne!(bootstrap_auc(&c, 500, 8), Some(a));
        let estimate = auc(&c).unwrap();
        assert!(a.low <= estimate && estimate <= a.high, "{a:?} around {estimate}");
        assert!(a.high - a.low > 0.05, "sixty accounts leave real uncertainty: {a:?}");
        // A perfect ranking stays perfect in every resample.
        let perfect = calls(&[(1.0, true), (0.9, true), (0.2, false), (0.1, false)]);
        assert_eq!(bootstrap_auc(&perfect, 200, 1), Some(Interval { low: 1.0, high: 1.0 }));
        assert_eq!(bootstrap_auc(&calls(&[(1.0, true)]), 200, 1), None);
    }

    #[test]
    fn worst_fifth_by_hand() {
        // Ten accounts, two churned overall (base rate 0.2). The worst fifth is the two
        // riskiest: one of them churned → rate 0.5, lift 2.5, capture 0.5.
        let c = calls(&[
            (0.9, true),
            (0.8, false),
            (0.7, false),
            (0.6, true),
            (0.5, false),
            (0.4, false),
            (0.3, false),
            (0.2, false),
            (0.1, false),
            (0.0, false),
        ]);
        let w = worst_fifth(&c).unwrap();
        assert_eq!(w.accounts, 2);
        assert_eq!(w.churned, 1.0);
        assert!((w.lift - 2.5).abs() < 1e-12);
        assert_eq!(w.capture_rate, 0.5);
        // Seven accounts: the fifth is two places. 0.9 (churned) is in; three tie at
        // 0.5 for the one place left, one of them churned → 1 + 1/3 churned.
        let tied = calls(&[
            (0.9, true),
            (0.5, true),
            (0.5, false),
            (0.5, false),
            (0.2, true),
            (0.1, false),
            (0.0, false),
        ]);
        let w = worst_fifth(&tied).unwrap();
        assert_eq!(w.accounts, 2);
        assert!((w.churned - 4.0 / 3.0).abs() < 1e-12);
        assert!((w.capture_rate - 4.0 / 9.0).abs() < 1e-12);
        assert!((w.lift - (4.0 / 3.0 / 2.0) / (3.0 / 7.0)).abs() < 1e-12);
        assert_eq!(worst_fifth(&calls(&[(0.3, false)])), None);
    }

    #[test]
    fn brier_by_hand() {
        // (0.8−1)² + (0.2−0)² + (0.5−1)² = 0.04 + 0.04 + 0.25 → mean 0.11.
        let b = brier(&[(0.8, true), (0.2, false), (0.5, true)]).unwrap();
        assert!((b - 0.11).abs() < 1e-12);
        assert_eq!(brier(&[(1.0, true), (0.0, false)]), Some(0.0));
        assert_eq!(brier(&[]), None);
    }

    #[test]
    fn logistic_regression_finds_the_factor_that_separates() {
        // Factor 0 is low for those who left; factor 1 is noise.
        let mut rows = Vec::new();
        let mut left = Vec::new();
        for i in 0..40 {
            let churned = i % 4 == 0;
            rows.push(vec![
                if churned { -0.8 } else { 0.6 },
                if (i / 4) % 2 == 0 { 0.5 } else { -0.5 },
            ]);
            left.push(churned);
        }
        let model = logistic_regression(&rows, &left, 0.01).unwrap();
        assert!(model.coefficients[0] < -1.0, "{model:?}");
        assert!(model.coefficients[1].abs() < 0.2, "{model:?}");
        assert!(model.probability(&[-0.8, 0.0]) > 0.7);
        assert!(model.probability(&[0.6, 0.0]) < 0.1);
        // Stronger regularisation shrinks the coefficient.
        let shrunk = logistic_regression(&rows, &left, 1.0).unwrap();
        assert!(shrunk.coefficients[0].abs() < model.coefficients[0].abs());
        assert_eq!(logistic_regression(&[], &[], 0.1), None);
        assert_eq!(
            logistic_regression(&[vec![1.0], vec![1.0, 2.0]], &[true, false], 0.1),
            None
        );
    }
}
