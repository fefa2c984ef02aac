//! How well Kaiku's warnings predicted what happened: each decided outcome against the
//! account's month-end snapshots 90 and 60 days before it (snapshots only, so nothing
//! known later leaks in); band probabilities calibrated from the organisation's own
//! outcomes; health weights a regression over the snapshots proposes; and leadership's
//! figures per quarter.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::ChurnCause;
use crate::account::PersonRef;
use crate::counterfeedback::ChurnRisk;
use crate::evidence::Month;
pub use crate::health::{BandProbabilities, ProbabilitySource};
use crate::health::{Factor, Health, RiskBand, WEIGHT_MAX, Weights};
use crate::outcome::{AccountSnapshot, OutcomeInput, OutcomeKind};
use crate::stats::{self, Call};

/// Below this many decided outcomes the figures are shown but called unreliable, and
/// the band probabilities stay the defaults.
pub const RELIABLE_FROM_OUTCOMES: usize = 30;
/// How many made-up outcomes at the default probability each band starts from: with
/// few outcomes of its own a band stays near its default.
pub const PRIOR_OUTCOMES_PER_BAND: f64 = 10.0;
/// How long before the outcome each backtest looks.
pub const HORIZONS_DAYS: [u32; 2] = [90, 60];
/// A churn counts as flagged when a snapshot at least this long before it had the
/// account at high or critical risk: one monthly cycle, time enough to act.
pub const FLAG_LEAD_DAYS: i64 = 30;
/// How far back a flag still counts.
pub const FLAG_LOOKBACK_DAYS: i64 = 365;
pub const BOOTSTRAP_RESAMPLES: usize = 1000;
pub const BOOTSTRAP_SEED: u64 = 16;
/// The ridge penalty of the weight regression: strong enough that a handful of
/// outcomes moves the weights only a little.
pub const WEIGHT_REGRESSION_L2: f64 = 0.1;

/// One decided or undecided outcome with the account's snapshots, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub account: String,
    pub name: String,
    pub outcome: OutcomeInput,
    pub snapshots: Vec<AccountSnapshot>,
}

impl Case {
    /// The latest snapshot whose month ended at least `days` before the outcome.
    pub fn snapshot_before(&self, days: i64) -> Option<&AccountSnapshot> {
        let cutoff = self.outcome.date - Duration::days(days);
        self.snapshots
            .iter()
            .filter(|s| month_end(&s.month).is_some_and(|end| end <= cutoff))
            .max_by(|a, b| a.month.cmp(&b.month))
    }

    /// Whether the account was at high or critical risk in a snapshot between a year
    /// and [`FLAG_LEAD_DAYS`] before its outcome.
    pub fn flagged(&self) -> bool {
        let (from, to) = (
            self.outcome.date - Duration::days(FLAG_LOOKBACK_DAYS),
            self.outcome.date - Duration::days(FLAG_LEAD_DAYS),
        );
        self.snapshots.iter().any(|s| {
            month_end(&s.month).is_some_and(|end| from <= end && end <= to)
                && s.health.as_ref().is_some_and(|h| h.band >= RiskBand::High)
        })
    }
}

/// The last day of a `2026-05` month.
fn month_end(label: &str) -> Option<NaiveDate> {
    Some(Month::parse(label)?.end().date_naive())
}

api_enum! {
    /// What made the call that is tested.
    pub enum Warning {
        /// Kaiku's health score (risk = 100 − score).
        Health,
        /// The team's own churn-risk assessment.
        TeamRisk,
        /// "Customer happy, team worried".
        GapFlag,
    }
}

impl Warning {
    /// The signal's risk in a snapshot, if it said anything then.
    pub fn risk(self, snapshot: &AccountSnapshot) -> Option<f64> {
        match self {
            Warning::Health => snapshot.health.as_ref().map(|h| 100.0 - h.score),
            Warning::TeamRisk => snapshot.team_risk.map(|risk| match risk {
                ChurnRisk::None => 0.0,
                ChurnRisk::Low => 1.0,
                ChurnRisk::Medium => 2.0,
                ChurnRisk::High => 3.0,
            }),
            Warning::GapFlag => snapshot
                .health
                .is_some()
                .then_some(if snapshot.gap_flagged { 1.0 } else { 0.0 }),
        }
    }
}

api_type! {
    /// How well one signal ranked the accounts that left above those that stayed.
    pub struct WarningResult {
        pub warning: Warning,
        /// Decided outcomes the signal said something about beforehand.
        pub accounts: u32,
        pub churned: u32,
        pub auc: Option<f64>,
        pub auc_low: Option<f64>,
        pub auc_high: Option<f64>,
        pub worst_fifth_accounts: u32,
        pub worst_fifth_churned: Option<f64>,
        pub lift: Option<f64>,
        pub capture_rate: Option<f64>,
        /// Of the band probabilities in use; health only.
        pub brier: Option<f64>,
    }
}

api_type! {
    /// Predicted against observed churn in one band.
    pub struct BandCalibration {
        pub band: RiskBand,
        pub accounts: u32,
        pub churned: u32,
        pub predicted: f64,
        /// None without accounts in the band.
        pub observed: Option<f64>,
    }
}

api_type! {
    /// One horizon's backtest.
    pub struct HorizonResult {
        pub days: u32,
        pub warnings: Vec<WarningResult>,
        pub calibration: Vec<BandCalibration>,
    }
}

impl BandProbabilities {
    /// From (band, churned) pairs: the defaults below [`RELIABLE_FROM_OUTCOMES`];
    /// above, each band's observed rate shrunk towards its default by
    /// [`PRIOR_OUTCOMES_PER_BAND`] made-up outcomes, and never below a better band's.
    pub fn calibrated(outcomes: &[(RiskBand, bool)]) -> BandProbabilities {
        if outcomes.len() < RELIABLE_FROM_OUTCOMES {
            return BandProbabilities::defaults(outcomes.len());
        }
        let mut probabilities = BandProbabilities {
            source: ProbabilitySource::OwnOutcomes,
            ..BandProbabilities::defaults(outcomes.len())
        };
        let mut floor = 0.0_f64;
        for band in RiskBand::ALL {
            let (n, churned) = tally(outcomes, band);
            let shrunk =
                (churned as f64 + PRIOR_OUTCOMES_PER_BAND * band.probability()) / (n as f64 + PRIOR_OUTCOMES_PER_BAND);
            floor = floor.max(shrunk);
            *probabilities.of_mut(band) = floor;
        }
        probabilities
    }
}

fn tally(outcomes: &[(RiskBand, bool)], band: RiskBand) -> (usize, usize) {
    let in_band: Vec<bool> = outcomes.iter().filter(|(b, _)| *b == band).map(|&(_, c)| c).collect();
    (in_band.len(), in_band.iter().filter(|&&c| c).count())
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Predicted against observed churn per band.
pub fn calibration(outcomes: &[(RiskBand, bool)], probabilities: &BandProbabilities) -> Vec<BandCalibration> {
    RiskBand::ALL
        .into_iter()
        .map(|band| {
            let (n, churned) = tally(outcomes, band);
            BandCalibration {
                band,
                accounts: count(n),
                churned: count(churned),
                predicted: probabilities.of(band),
                observed: (n > 0).then(|| churned as f64 / n as f64),
            }
        })
        .collect()
}

/// One warning's figures over (risk, churned) calls; `predictions` are the band
/// probabilities for the Brier score, when the signal has them.
pub fn warning_result(warning: Warning, calls: &[Call], predictions: Option<&[(f64, bool)]>) -> WarningResult {
    let interval = stats::bootstrap_auc(calls, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
    let fifth = stats::worst_fifth(calls);
    WarningResult {
        warning,
        accounts: count(calls.len()),
        churned: count(calls.iter().filter(|c| c.churned).count()),
        auc: stats::auc(calls),
        auc_low: interval.map(|i| i.low),
        auc_high: interval.map(|i| i.high),
        worst_fifth_accounts: count(calls.len().div_ceil(5)),
        worst_fifth_churned: fifth.map(|f| f.churned),
        lift: fifth.map(|f| f.lift),
        capture_rate: fifth.map(|f| f.capture_rate),
        brier: predictions.and_then(stats::brier),
    }
}

/// The health score of a snapshot's factors under other weights, with its band (the
/// team's high risk still raising it), or none when no weighted factor is left.
pub fn rescore(health: &Health, team_risk: Option<ChurnRisk>, weights: &Weights) -> Option<(f64, RiskBand)> {
    let weighted: Vec<(f64, f64)> = health
        .factors
        .iter()
        .map(|f| (weights.of(f.factor).clamp(0.0, WEIGHT_MAX), f.score))
        .filter(|(w, _)| *w > 0.0)
        .collect();
    let total: f64 = weighted.iter().map(|(w, _)| w).sum();
    if total <= 0.0 {
        return None;
    }
    let score = (weighted.iter().map(|(w, s)| w * s).sum::<f64>() / total * 10.0).round() / 10.0;
    Some((score, RiskBand::of_score(score).max(RiskBand::team_floor(team_risk))))
}

/// The snapshot as the given weights would have scored it.
fn reweighed(snapshot: &AccountSnapshot, weights: &Weights) -> AccountSnapshot {
    let mut snapshot = snapshot.clone();
    snapshot.health = snapshot.health.and_then(|mut health| {
        let (score, band) = rescore(&health, snapshot.team_risk, weights)?;
        health.score = score;
        health.band = band;
        Some(health)
    });
    snapshot
}

/// Health weights a ridge logistic regression of churn on the factors' sub-scores
/// proposes: a factor whose better scores went with staying gets weight in proportion
/// to how strongly, one that did not gets none. Scaled to the current weights' total
/// and rounded to halves; none without churned and retained accounts among the rows,
/// or when no factor spoke for staying.
pub fn propose_weights(rows: &[(&Health, bool)], current: &Weights) -> Option<Weights> {
    let churned = rows.iter().filter(|(_, c)| *c).count();
    if churned == 0 || churned == rows.len() {
        return None;
    }
    // Sub-scores centred on the scale's middle; a factor without evidence sits there.
    let features: Vec<Vec<f64>> = rows
        .iter()
        .map(|(health, _)| {
            Factor::ALL
                .iter()
                .map(|&factor| {
                    health
                        .factors
                        .iter()
                        .find(|f| f.factor == factor)
                        .map_or(0.0, |f| (f.score - 50.0) / 50.0)
                })
                .collect()
        })
        .collect();
    let labels: Vec<bool> = rows.iter().map(|(_, c)| *c).collect();
    let model = stats::logistic_regression(&features, &labels, WEIGHT_REGRESSION_L2)?;
    let strength: Vec<f64> = model.coefficients.iter().map(|c| (-c).max(0.0)).collect();
    let sum: f64 = strength.iter().sum();
    if sum <= 1e-9 {
        return None;
    }
    let budget: f64 = Factor::ALL.iter().map(|&f| current.of(f)).sum();
    let mut proposed = Weights::default();
    for (factor, s) in Factor::ALL.into_iter().zip(strength) {
        *proposed.of_mut(factor) = ((s / sum * budget).min(WEIGHT_MAX) * 2.0).round() / 2.0;
    }
    proposed.check().ok().map(|()| proposed)
}

api_type! {
    /// A churned account and whether Kaiku warned of it in time.
    pub struct ChurnCall {
        pub account: String,
        pub name: String,
        pub date: NaiveDate,
        pub reasons: Vec<ChurnCause>,
        pub revenue_lost_eur: i64,
        /// At high or critical risk at least a month before (see [`FLAG_LEAD_DAYS`]).
        pub flagged: bool,
        /// The band 90 days before, if there was a score.
        pub band_before: Option<RiskBand>,
    }
}

api_type! {
    /// Revenue lost to one churn cause (split evenly when an outcome names several;
    /// none named: `cause` is empty).
    pub struct CauseLoss {
        pub cause: Option<ChurnCause>,
        pub revenue_lost_eur: i64,
    }
}

api_type! {
    /// Leadership's figures for one quarter's outcomes.
    pub struct QuarterFigures {
        /// `2026-Q2`.
        pub quarter: String,
        /// Outcomes dated in the quarter, project ends as planned left out.
        pub accounts: u32,
        pub churned: u32,
        /// Churned accounts of those.
        pub logo_churn: Option<f64>,
        /// Revenue kept, expansions not counted, over revenue before.
        pub gross_retention: Option<f64>,
        /// Revenue after, expansions counted, over revenue before.
        pub net_retention: Option<f64>,
        pub lost_by_cause: Vec<CauseLoss>,
        pub flagged: Vec<ChurnCall>,
        pub missed: Vec<ChurnCall>,
    }
}

fn quarter_of(date: NaiveDate) -> String {
    format!("{:04}-Q{}", date.year(), date.month0() / 3 + 1)
}

fn churn_call(case: &Case) -> ChurnCall {
    ChurnCall {
        account: case.account.clone(),
        name: case.name.clone(),
        date: case.outcome.date,
        reasons: case.outcome.reasons.clone(),
        revenue_lost_eur: (case.outcome.revenue_before_eur - case.outcome.revenue_after_eur).max(0),
        flagged: case.flagged(),
        band_before: case
            .snapshot_before(i64::from(HORIZONS_DAYS[0]))
            .and_then(|s| s.health.as_ref().map(|h| h.band)),
    }
}

/// The figures per quarter, oldest first.
pub fn quarters(cases: &[Case]) -> Vec<QuarterFigures> {
    let mut labels: Vec<String> = cases.iter().map(|c| quarter_of(c.outcome.date)).collect();
    labels.sort();
    labels.dedup();
    labels
        .into_iter()
        .map(|quarter| {
            let in_quarter: Vec<&Case> = cases
                .iter()
                .filter(|c| quarter_of(c.outcome.date) == quarter && c.outcome.kind != OutcomeKind::ProjectEnded)
                .collect();
            let before: i64 = in_quarter.iter().map(|c| c.outcome.revenue_before_eur).sum();
            let kept: i64 = in_quarter
                .iter()
                .map(|c| c.outcome.revenue_after_eur.min(c.outcome.revenue_before_eur))
                .sum();
            let after: i64 = in_quarter.iter().map(|c| c.outcome.revenue_after_eur).sum();
            let churns: Vec<ChurnCall> = in_quarter
                .iter()
                .filter(|c| c.outcome.kind == OutcomeKind::Churned)
                .map(|c| churn_call(c))
                .collect();
            let ratio = |part: i64| (before > 0).then(|| part as f64 / before as f64);
            QuarterFigures {
                logo_churn: (!in_quarter.is_empty()).then(|| churns.len() as f64 / in_quarter.len() as f64),
                accounts: count(in_quarter.len()),
                churned: count(churns.len()),
                gross_retention: ratio(kept),
                net_retention: ratio(after),
                lost_by_cause: lost_by_cause(&in_quarter),
                quarter,
                flagged: churns.iter().filter(|c| c.flagged).cloned().collect(),
                missed: churns.into_iter().filter(|c| !c.flagged).collect(),
            }
        })
        .collect()
}

/// Revenue lost (churned or contracted) per cause, largest first; the euros of an
/// outcome with several causes split evenly, the remainder to its first.
fn lost_by_cause(cases: &[&Case]) -> Vec<CauseLoss> {
    let mut totals: Vec<(Option<ChurnCause>, i64)> = Vec::new();
    let mut add = |cause, eur| match totals.iter_mut().find(|(c, _)| *c == cause) {
        Some((_, total)) => *total += eur,
        None => totals.push((cause, eur)),
    };
    for case in cases {
        let lost = (case.outcome.revenue_before_eur - case.outcome.revenue_after_eur).max(0);
        if lost == 0 {
            continue;
        }
        let reasons = &case.outcome.reasons;
        if reasons.is_empty() {
            add(None, lost);
            continue;
        }
        let share = lost / reasons.len() as i64;
        for (i, &cause) in reasons.iter().enumerate() {
            let remainder = if i == 0 { lost - share * reasons.len() as i64 } else { 0 };
            add(Some(cause), share + remainder);
        }
    }
    totals.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.map(|c| c.code()).cmp(&b.0.map(|c| c.code()))));
    totals
        .into_iter()
        .map(|(cause, revenue_lost_eur)| CauseLoss {
            cause,
            revenue_lost_eur,
        })
        .collect()
}

api_type! {
    /// One set of weights and how the snapshots before each outcome, scored again with
    /// them, did: one result per horizon of [`HORIZONS_DAYS`], in that order.
    pub struct WeightsResult {
        pub weights: Weights,
        pub by_horizon: Vec<WarningResult>,
    }
}

api_type! {
    /// `GET /backtest`: how well the warnings predicted the outcomes dated in the period.
    pub struct BacktestView {
        pub from: NaiveDate,
        pub to: NaiveDate,
        /// Decided outcomes (churned, or renewed, expanded or contracted) in the period.
        pub outcomes: u32,
        /// False below [`RELIABLE_FROM_OUTCOMES`]: the figures are shown, but not to be
        /// trusted yet.
        pub reliable: bool,
        pub horizons: Vec<HorizonResult>,
        /// The probabilities revenue at risk uses now, from all of the organisation's
        /// outcomes.
        pub probabilities: BandProbabilities,
        pub current: WeightsResult,
        /// None when the outcomes cannot support a proposal.
        pub proposed: Option<WeightsResult>,
        pub quarters: Vec<QuarterFigures>,
        /// Whether any of the outcomes is demo data.
        pub demo: bool,
        /// Weight proposals applied so far, newest first.
        pub applied: Vec<AppliedWeights>,
        /// The active accounts' revenue at risk at the last month's end, with the default
        /// probabilities and with those in use.
        pub revenue_at_risk_default_eur: i64,
        pub revenue_at_risk_eur: i64,
    }
}

api_type! {
    /// `POST /backtest/apply-weights`: the proposal the admin saw for the period, applied
    /// only while it is still what the outcomes propose.
    pub struct ApplyWeightsRequest {
        pub from: NaiveDate,
        pub to: NaiveDate,
        pub weights: Weights,
    }
}

/// Revenue at risk of the latest snapshots (band and annual value) under `probabilities`.
pub fn revenue_at_risk(latest: &[&AccountSnapshot], probabilities: &BandProbabilities) -> i64 {
    latest
        .iter()
        .filter_map(|s| Some(probabilities.revenue_at_risk(s.health.as_ref()?.band, s.annual_value_eur)))
        .sum()
}

api_type! {
    /// Proposed weights an admin applied.
    pub struct AppliedWeights {
        pub by: PersonRef,
        pub at: DateTime<Utc>,
        /// Decided outcomes the proposal was fitted on.
        pub outcomes: u32,
    }
}

/// The (band 90 days before, churned) pairs of the decided cases, for calibration.
pub fn banded(cases: &[Case]) -> Vec<(RiskBand, bool)> {
    cases
        .iter()
        .filter_map(|case| {
            let churned = case.outcome.kind.churned()?;
            let band = case.snapshot_before(i64::from(HORIZONS_DAYS[0]))?.health.as_ref()?.band;
            Some((band, churned))
        })
        .collect()
}

/// One horizon's figures: of the snapshots as Kaiku scored them then, or as `weights`
/// would have.
fn horizon(cases: &[Case], days: u32, weights: Option<&Weights>, probabilities: &BandProbabilities) -> HorizonResult {
    let decided: Vec<(AccountSnapshot, bool)> = cases
        .iter()
        .filter_map(|case| {
            let churned = case.outcome.kind.churned()?;
            let snapshot = case.snapshot_before(i64::from(days))?;
            let snapshot = weights.map_or_else(|| snapshot.clone(), |w| reweighed(snapshot, w));
            Some((snapshot, churned))
        })
        .collect();
    let calls = |warning: Warning| -> Vec<Call> {
        decided
            .iter()
            .filter_map(|(s, churned)| {
                Some(Call {
                    risk: warning.risk(s)?,
                    churned: *churned,
                })
            })
            .collect()
    };
    let bands: Vec<(RiskBand, bool)> = decided
        .iter()
        .filter_map(|(s, churned)| Some((s.health.as_ref()?.band, *churned)))
        .collect();
    let predictions: Vec<(f64, bool)> = bands.iter().map(|&(b, c)| (probabilities.of(b), c)).collect();
    HorizonResult {
        days,
        warnings: Warning::ALL
            .into_iter()
            .map(|warning| {
                let brier = (warning == Warning::Health).then_some(predictions.as_slice());
                warning_result(warning, &calls(warning), brier)
            })
            .collect(),
        calibration: calibration(&bands, probabilities),
    }
}

/// The band probabilities in use: calibrated from every outcome of the organisation
/// (`all_cases`) with a band 90 days before it.
pub fn probabilities(all_cases: &[Case]) -> BandProbabilities {
    BandProbabilities::calibrated(&banded(all_cases))
}

/// The backtest of `cases` (outcomes dated `from`..=`to`); `all_cases` are every
/// outcome of the organisation, for the band probabilities.
pub fn backtest(
    from: NaiveDate,
    to: NaiveDate,
    cases: &[Case],
    all_cases: &[Case],
    weights: &Weights,
    demo: bool,
) -> BacktestView {
    let probabilities = probabilities(all_cases);
    let decided = cases.iter().filter(|c| c.outcome.kind.churned().is_some()).count();
    let health_at = |weights: &Weights| WeightsResult {
        weights: weights.clone(),
        by_horizon: HORIZONS_DAYS
            .into_iter()
            .map(|days| horizon(cases, days, Some(weights), &probabilities).warnings[0].clone())
            .collect(),
    };
    let rows: Vec<(&Health, bool)> = cases
        .iter()
        .filter_map(|case| {
            let churned = case.outcome.kind.churned()?;
            Some((
                case.snapshot_before(i64::from(HORIZONS_DAYS[0]))?.health.as_ref()?,
                churned,
            ))
        })
        .collect();
    BacktestView {
        from,
        to,
        outcomes: count(decided),
        reliable: decided >= RELIABLE_FROM_OUTCOMES,
        horizons: HORIZONS_DAYS
            .into_iter()
            .map(|days| horizon(cases, days, None, &probabilities))
            .collect(),
        current: health_at(weights),
        proposed: propose_weights(&rows, weights).map(|proposed| health_at(&proposed)),
        probabilities,
        quarters: quarters(cases),
        demo,
        applied: Vec::new(),
        revenue_at_risk_default_eur: 0,
        revenue_at_risk_eur: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::FactorScore;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn health(score: f64) -> Health {
        Health {
            score,
            band: RiskBand::of_score(score),
            factors: vec![
                FactorScore {
                    factor: Factor::Nps,
                    value: 0.0,
                    score,
                    weight: 2.0,
                    contribution: 0.0,
                },
                FactorScore {
                    factor: Factor::ResponseRate,
                    value: 0.0,
                    score: 100.0 - score,
                    weight: 0.0,
                    contribution: 0.0,
                },
            ],
            gap: None,
            revenue_at_risk_eur: 0,
        }
    }

    fn snapshot(month: &str, score: f64) -> AccountSnapshot {
        AccountSnapshot {
            account: "a".into(),
            month: month.into(),
            health: Some(health(score)),
            team_risk: None,
            gap_flagged: false,
            annual_value_eur: 10_000,
        }
    }

    fn case(kind: OutcomeKind, on: NaiveDate, snapshots: Vec<AccountSnapshot>) -> Case {
        Case {
            account: "a".into(),
            name: "A".into(),
            outcome: OutcomeInput {
                kind,
                date: on,
                revenue_before_eur: 10_000,
                revenue_after_eur: if kind == OutcomeKind::Churned { 0 } else { 10_000 },
                reasons: vec![],
                note: String::new(),
            },
            snapshots,
        }
    }

    #[test]
    fn the_snapshot_before_is_one_whose_month_ended_in_time() {
        let c = case(
            OutcomeKind::Churned,
            date(2026, 6, 30),
            vec![
                snapshot("2026-02", 80.0),
                snapshot("2026-03", 20.0),
                snapshot("2026-04", 60.0),
            ],
        );
        // 90 days before 30 June is 1 April: March ended in time, April did not.
        assert_eq!(c.snapshot_before(90).unwrap().month, "2026-03");
        // 60 days before is 1 May: April's end (30 April) is in time.
        assert_eq!(c.snapshot_before(60).unwrap().month, "2026-04");
        assert!(c.flagged(), "March was critical, three months before");
        let late = case(OutcomeKind::Churned, date(2026, 5, 10), vec![snapshot("2026-04", 20.0)]);
        assert!(!late.flagged(), "ten days is too late to act");
    }

    #[test]
    fn few_outcomes_keep_the_default_probabilities() {
        let few: Vec<(RiskBand, bool)> = (0..29).map(|i| (RiskBand::Low, i % 2 == 0)).collect();
        let p = BandProbabilities::calibrated(&few);
        assert_eq!(p, BandProbabilities::defaults(29));
        assert_eq!(p.source, ProbabilitySource::Defaults);
    }

    #[test]
    fn enough_outcomes_shrink_each_band_towards_its_default() {
        // 30 low-band outcomes with 6 churned: (6 + 10 × 0.05) / (30 + 10) = 0.1625.
        // Medium: none → its default 0.2; high: 10 with 10 churned → (10 + 5) / 20 = 0.75;
        // critical: none → 0.8.
        let mut outcomes: Vec<(RiskBand, bool)> = (0..30).map(|i| (RiskBand::Low, i < 6)).collect();
        outcomes.extend((0..10).map(|_| (RiskBand::High, true)));
        let p = BandProbabilities::calibrated(&outcomes);
        assert_eq!(p.source, ProbabilitySource::OwnOutcomes);
        assert_eq!(p.outcomes, 40);
        assert!((p.low - 0.1625).abs() < 1e-12);
        assert!((p.medium - 0.2).abs() < 1e-12);
        assert!((p.high - 0.75).abs() < 1e-12);
        assert!((p.critical - 0.8).abs() < 1e-12);
        assert_eq!(p.revenue_at_risk(RiskBand::High, 10_000), 7_500);
        // A band's probability never falls below a better band's.
        let odd: Vec<(RiskBand, bool)> = (0..40).map(|i| (RiskBand::Low, i < 30)).collect();
        let p = BandProbabilities::calibrated(&odd);
        assert!(p.medium >= p.low && p.high >= p.medium, "{p:?}");
    }

    #[test]
    fn calibration_compares_each_band() {
        let outcomes = [
            (RiskBand::Low, false),
            (RiskBand::Low, true),
            (RiskBand::Critical, true),
        ];
        let rows = calibration(&outcomes, &BandProbabilities::defaults(3));
        assert_eq!(rows[0].accounts, 2);
        assert_eq!(rows[0].observed, Some(0.5));
        assert_eq!(rows[0].predicted, 0.05);
        assert_eq!(rows[1].observed, None);
        assert_eq!(rows[3].observed, Some(1.0));
    }

    #[test]
    fn rescoring_follows_the_weights_and_the_team_floor() {
        let h = health(40.0);
        let nps_only = Weights {
            response_rate: 0.0,
            ..Weights::default()
        };
        assert_eq!(rescore(&h, None, &nps_only), Some((40.0, RiskBand::High)));
        let even = Weights {
            nps: 1.0,
            response_rate: 1.0,
            ..Weights::default()
        };
        // (40 + 60) / 2 = 50: medium, unless the team called it high.
        assert_eq!(rescore(&h, None, &even), Some((50.0, RiskBand::Medium)));
        assert_eq!(rescore(&h, Some(ChurnRisk::High), &even), Some((50.0, RiskBand::High)));
    }

    #[test]
    fn the_regression_proposes_weight_for_the_factor_that_predicted() {
        // NPS sub-score is low for those who left; the response rate is its mirror image,
        // so it pointed the wrong way and gets nothing.
        let healths: Vec<(Health, bool)> = (0..40)
            .map(|i| {
                let churned = i % 4 == 0;
                (health(if churned { 20.0 } else { 80.0 }), churned)
            })
            .collect();
        let rows: Vec<(&Health, bool)> = healths.iter().map(|(h, c)| (h, *c)).collect();
        let proposed = propose_weights(&rows, &Weights::default()).unwrap();
        assert_eq!(proposed.nps, WEIGHT_MAX);
        assert_eq!(proposed.response_rate, 0.0);
        assert_eq!(proposed.gap, 0.0, "no evidence, no weight");
        let retained_only: Vec<(&Health, bool)> = rows.iter().map(|(h, _)| (*h, false)).collect();
        assert_eq!(propose_weights(&retained_only, &Weights::default()), None);
    }

    #[test]
    fn a_constructed_portfolio_backtests_as_computed_by_hand() {
        // Five decided outcomes in 2026-Q3 with March snapshots (more than 90 days
        // before): scores 20 (churned), 40 (renewed), 60 (churned), 80 and 90 (renewed).
        // Health risk = 100 − score: churned 80, 40 against retained 60, 20, 10 →
        // 80 beats all 3, 40 beats 2 → AUC 5/6. The worst fifth is one account (risk
        // 80, churned): lift (1/1)/(2/5) = 2.5, capture 1/2. Brier with the default
        // band probabilities (critical .8, high .5, medium .2, low .05, low .05):
        // ((.8−1)² + .5² + (.2−1)² + .05² + .05²) / 5 = (.04+.25+.64+.0025+.0025)/5.
        let on = date(2026, 7, 15);
        let portfolio: Vec<Case> = [
            (20.0, OutcomeKind::Churned),
            (40.0, OutcomeKind::Renewed),
            (60.0, OutcomeKind::Churned),
            (80.0, OutcomeKind::Renewed),
            (90.0, OutcomeKind::Expanded),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (score, kind))| {
            let mut c = case(kind, on, vec![snapshot("2026-03", score)]);
            c.account = format!("a{i}");
            if kind == OutcomeKind::Expanded {
                c.outcome.revenue_after_eur = 12_000;
            }
            c
        })
        .chain([case(OutcomeKind::ProjectEnded, on, vec![snapshot("2026-03", 10.0)])])
        .collect();
        let view = backtest(on, on, &portfolio, &portfolio, &Weights::default(), false);
        assert_eq!(view.outcomes, 5);
        assert!(!view.reliable);
        let health = &view.horizons[0].warnings[0];
        assert_eq!(
            (health.warning, health.accounts, health.churned),
            (Warning::Health, 5, 2)
        );
        assert!((health.auc.unwrap() - 5.0 / 6.0).abs() < 1e-12);
        assert_eq!(health.lift, Some(2.5));
        assert_eq!(health.capture_rate, Some(0.5));
        assert!((health.brier.unwrap() - 0.935 / 5.0).abs() < 1e-12);
        assert!(health.auc_low.unwrap() <= health.auc.unwrap());
        // Scored again with today's weights the response rate (the mirror image) joins
        // in, but the order, and so the AUC, stays.
        assert_eq!(view.current.by_horizon[0].auc, health.auc);
        // And at 60 days, as the horizon's own result has it.
        assert_eq!(view.current.by_horizon.len(), HORIZONS_DAYS.len());
        assert_eq!(view.current.by_horizon[1].auc, view.horizons[1].warnings[0].auc);
        // The team said nothing: no accounts for its signal.
        assert_eq!(view.horizons[0].warnings[1].accounts, 0);
        assert_eq!(view.probabilities.source, ProbabilitySource::Defaults);
        // One quarter: five outcomes (the planned project end left out), two churned.
        let q = &view.quarters[0];
        assert_eq!(q.quarter, "2026-Q3");
        assert_eq!((q.accounts, q.churned), (5, 2));
        assert_eq!(q.logo_churn, Some(0.4));
        // Revenue 50,000 before; kept 30,000 (the expansion not counted); after 32,000.
        assert_eq!(q.gross_retention, Some(0.6));
        assert_eq!(q.net_retention, Some(0.64));
        assert_eq!(
            q.lost_by_cause,
            vec![CauseLoss {
                cause: None,
                revenue_lost_eur: 20_000
            }]
        );
        // The score-20 account was critical in March, three months before: flagged. The
        // score-60 one was medium: missed.
        assert_eq!(q.flagged.iter().map(|c| c.account.as_str()).collect::<Vec<_>>(), ["a0"]);
        assert_eq!(q.missed.iter().map(|c| c.account.as_str()).collect::<Vec<_>>(), ["a2"]);
    }

    #[test]
    fn lost_revenue_is_split_between_the_named_causes() {
        let mut c = case(OutcomeKind::Churned, date(2026, 2, 1), vec![]);
        c.outcome.revenue_before_eur = 10_001;
        c.outcome.reasons = vec![ChurnCause::VoiceLost, ChurnCause::CompetitorsAhead];
        let q = quarters(&[c]);
        assert_eq!(
            q[0].lost_by_cause,
            vec![
                CauseLoss {
                    cause: Some(ChurnCause::VoiceLost),
                    revenue_lost_eur: 5_001
                },
                CauseLoss {
                    cause: Some(ChurnCause::CompetitorsAhead),
                    revenue_lost_eur: 5_000
                },
            ]
        );
        assert!(q[0].missed[0].band_before.is_none());
    }
}
