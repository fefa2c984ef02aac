//! Account health: one score 0–100 and a churn risk band per account and period,
//! computed from what the customer says, what the team sees and what is left undone.
//! Every score carries its factors and their contributions, so a leader can see why.
//!
//! Each factor that has evidence maps to a sub-score 0–100; the health score is their
//! weighted mean, the weights renormalised over the factors present. A missing factor
//! is left out rather than guessed, and with no evidence at all there is no score.
//!
//! The gap factor scores the customer's view discounted by how far it exceeds the
//! team's, which is the more worried of the two views. When they agree it simply
//! repeats them; when the customer is happy and the team is worried it pulls the score
//! down to the team's view. A sub-score of 100 whenever the views agree would instead
//! lift an account that customer and team agree is failing.
//!
//! Worse inputs never give a better score or band: every sub-score, the gap's included
//! (a minimum of two means), rises with its inputs; which factors are present depends
//! on whether evidence exists, never on its value, so the renormalisation cannot
//! shift; rounding, the band thresholds and the team's floor are all monotone.

use serde::{Deserialize, Serialize};

use crate::counterfeedback::ChurnRisk;
use crate::validate::{FieldError, Invalid};

/// Upper bound of each weight; ten times the least factor is contrast enough.
pub const WEIGHT_MAX: f64 = 10.0;
/// Scores from here up are low risk: reached when every factor reads at least "good"
/// (NPS +40, ratings 3.8, team health 4, team risk low).
pub const LOW_RISK_FROM: f64 = 70.0;
/// Scores from here up (below [`LOW_RISK_FROM`]) are medium risk: the middle of every
/// scale (NPS 0, ratings 3, team risk medium) is 50.
pub const MEDIUM_RISK_FROM: f64 = 50.0;
/// Scores from here up (below [`MEDIUM_RISK_FROM`]) are high risk; below, critical: most
/// evidence in the bottom third of its scale.
pub const HIGH_RISK_FROM: f64 = 30.0;
/// A customer this many points (0–100 scale) happier than the team is flagged: about
/// "customer 8/10, team says medium risk"; a 9/10 against a high risk is far past it.
pub const GAP_FLAG_POINTS: f64 = 30.0;
/// Points each open development point takes off the open-items sub-score.
pub const OPEN_POINT_PENALTY: f64 = 10.0;
/// An overdue action weighs double: a promise to the customer already broken.
pub const OVERDUE_ACTION_PENALTY: f64 = 20.0;
/// An expectation shortfall this large (on the 1–5 scale) scores 0.
pub const EXPECTATION_GAP_WORST: f64 = 2.0;
/// An NPS change this large either way saturates the trend: one round is noisy.
pub const TREND_SPAN: f64 = 50.0;

/// Net Promoter Score: % promoters (9–10) minus % detractors (0–6), −100..100. Scores
/// above 10 cannot be answers and are ignored; no scores, no NPS.
pub fn nps(scores: &[u32]) -> Option<f64> {
    let valid: Vec<u32> = scores.iter().copied().filter(|&score| score <= 10).collect();
    let net: i32 = valid
        .iter()
        .map(|score| match score {
            9.. => 1,
            7..=8 => 0,
            _ => -1,
        })
        .sum();
    (!valid.is_empty()).then(|| 100.0 * f64::from(net) / valid.len() as f64)
}

/// The customer's view minus the team's on the 0–100 scale, when both are known: how
/// much happier the customer is than the team thinks is warranted.
pub fn gap(inputs: &HealthInputs) -> Option<f64> {
    measure(Factor::Gap, inputs).map(|(value, _)| value)
}

/// The customer's view (NPS and ratings) and the team's (relationship health and churn
/// risk), each on the 0–100 scale the gap compares; `None` for a side without evidence.
pub fn views(inputs: &HealthInputs) -> (Option<f64>, Option<f64>) {
    (view(CUSTOMER_VIEW, inputs), view(TEAM_VIEW, inputs))
}

/// Whether the UI should flag the customer as happier than the team thinks is
/// warranted ("customer 9/10 but team says high risk").
pub fn gap_flagged(gap: Option<f64>) -> bool {
    gap.is_some_and(|gap| gap >= GAP_FLAG_POINTS)
}

api_type! {
    /// What is known of one account in one period.
    #[derive(Default)]
    pub struct HealthInputs {
        /// Each answering contact's 0–10 recommendation score.
        pub nps_scores: Vec<u32>,
        /// Rating answers, 1–5.
        pub ratings: Vec<f64>,
        /// Team members' relationship health from counter-feedback, 1–5.
        pub team_health: Vec<u32>,
        /// The team's latest churn-risk assessment.
        pub team_risk: Option<ChurnRisk>,
        /// NPS of the previous period, for the trend.
        pub previous_nps: Option<f64>,
        pub contacts_asked: u32,
        pub contacts_answered: u32,
        pub open_development_points: u32,
        pub overdue_actions: u32,
        /// Expected minus fulfilled on the 1–5 scale, positive when falling short; none
        /// without an expectations survey.
        pub expectation_gap: Option<f64>,
    }
}

api_enum! {
    /// What a health score is made of.
    pub enum Factor {
        Nps,
        Ratings,
        TeamHealth,
        TeamRisk,
        /// The customer's view minus the team's.
        Gap,
        /// NPS change since the previous period.
        Trend,
        ResponseRate,
        /// Open development points and overdue actions.
        OpenItems,
        ExpectationGap,
    }
}

api_type! {
    /// How much each factor counts, 0–10, set per organisation by an admin. Only the
    /// ratios matter: the weights are renormalised over the factors present.
    ///
    /// Stored as JSON: a weight missing from what an older version saved is its
    /// documented default.
    #[serde(default)]
    pub struct Weights {
        /// 2: the customer's own headline answer.
        pub nps: f64,
        /// 1: more detail, but largely the same voice as the NPS.
        pub ratings: f64,
        /// 2: the team sees the relationship from behind the scenes.
        pub team_health: f64,
        /// 3: the team's explicit churn judgement, the strongest single signal.
        pub team_risk: f64,
        /// 3: "customer happy, team worried" is the case Kaiku exists to catch.
        pub gap: f64,
        /// 1: direction matters, but one round's change is noisy.
        pub trend: f64,
        /// 1: silence is a signal, though busy people also stay silent.
        pub response_rate: f64,
        /// 1: unresolved points erode trust slowly.
        pub open_items: f64,
        /// 1.5: promise versus delivery is the first churn cause.
        pub expectation_gap: f64,
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            nps: 2.0,
            ratings: 1.0,
            team_health: 2.0,
            team_risk: 3.0,
            gap: 3.0,
            trend: 1.0,
            response_rate: 1.0,
            open_items: 1.0,
            expectation_gap: 1.5,
        }
    }
}

impl Weights {
    /// The factor's share of the score when every signal is known (the score is the
    /// weighted mean of the signals an account has): its weight over all weights; 0
    /// when all are 0.
    pub fn share(&self, factor: Factor) -> f64 {
        let total: f64 = Factor::ALL.iter().map(|f| self.of(*f)).sum();
        if total > 0.0 { self.of(factor) / total } else { 0.0 }
    }

    pub fn of(&self, factor: Factor) -> f64 {
        match factor {
            Factor::Nps => self.nps,
            Factor::Ratings => self.ratings,
            Factor::TeamHealth => self.team_health,
            Factor::TeamRisk => self.team_risk,
            Factor::Gap => self.gap,
            Factor::Trend => self.trend,
            Factor::ResponseRate => self.response_rate,
            Factor::OpenItems => self.open_items,
            Factor::ExpectationGap => self.expectation_gap,
        }
    }

    pub fn of_mut(&mut self, factor: Factor) -> &mut f64 {
        match factor {
            Factor::Nps => &mut self.nps,
            Factor::Ratings => &mut self.ratings,
            Factor::TeamHealth => &mut self.team_health,
            Factor::TeamRisk => &mut self.team_risk,
            Factor::Gap => &mut self.gap,
            Factor::Trend => &mut self.trend,
            Factor::ResponseRate => &mut self.response_rate,
            Factor::OpenItems => &mut self.open_items,
            Factor::ExpectationGap => &mut self.expectation_gap,
        }
    }

    pub fn check(&self) -> Result<(), FieldError> {
        for factor in Factor::ALL {
            if !(0.0..=WEIGHT_MAX).contains(&self.of(factor)) {
                return Err(FieldError {
                    field: factor.code(),
                    problem: Invalid::OutOfRange {
                        min: 0,
                        max: WEIGHT_MAX as i64,
                    },
                });
            }
        }
        if Factor::ALL.iter().all(|&factor| self.of(factor) == 0.0) {
            // All zero would make every account's score undefined.
            return Err(FieldError {
                field: "weights",
                problem: Invalid::Required,
            });
        }
        Ok(())
    }

    /// Weights that fail [`Weights::check`] count as zero rather than poisoning the mean.
    fn usable(&self, factor: Factor) -> f64 {
        let weight = self.of(factor);
        if (0.0..=WEIGHT_MAX).contains(&weight) {
            weight
        } else {
            0.0
        }
    }
}

api_enum! {
    /// How likely the account is to leave, worst last.
    #[derive(PartialOrd, Ord)]
    pub enum RiskBand {
        Low,
        Medium,
        High,
        Critical,
    }
}

impl RiskBand {
    /// The band of a health score, by [`LOW_RISK_FROM`], [`MEDIUM_RISK_FROM`] and
    /// [`HIGH_RISK_FROM`].
    pub fn of_score(score: f64) -> RiskBand {
        match score {
            s if s >= LOW_RISK_FROM => RiskBand::Low,
            s if s >= MEDIUM_RISK_FROM => RiskBand::Medium,
            s if s >= HIGH_RISK_FROM => RiskBand::High,
            _ => RiskBand::Critical,
        }
    }

    /// The chance of losing the account within a year, for revenue at risk. Rough
    /// priors for expert services: a low band still loses the odd account to budget
    /// cuts, a critical one is usually already looking elsewhere.
    pub fn probability(self) -> f64 {
        match self {
            RiskBand::Low => 0.05,
            RiskBand::Medium => 0.2,
            RiskBand::High => 0.5,
            RiskBand::Critical => 0.8,
        }
    }

    /// Annual value times the band's probability, in whole euros.
    pub fn revenue_at_risk(self, annual_value_eur: i64) -> i64 {
        (annual_value_eur.max(0) as f64 * self.probability()).round() as i64
    }

    /// The least band the team's own assessment allows: the team sees what scores
    /// cannot, so its warning raises the band but its calm never lowers it.
    pub fn team_floor(team_risk: Option<ChurnRisk>) -> RiskBand {
        match team_risk {
            Some(ChurnRisk::High) => RiskBand::High,
            Some(ChurnRisk::None | ChurnRisk::Low | ChurnRisk::Medium) | None => RiskBand::Low,
        }
    }
}

api_enum! {
    pub enum ProbabilitySource {
        /// The fixed 5/20/50/80 %.
        Defaults,
        /// From the organisation's outcomes, shrunk towards the defaults.
        OwnOutcomes,
    }
}

api_type! {
    /// The chance of losing an account within a year, per band, for revenue at risk:
    /// the defaults of [`RiskBand::probability`] until the organisation has outcomes
    /// enough to calibrate them (`kaiku_core::backtest`).
    pub struct BandProbabilities {
        pub source: ProbabilitySource,
        /// Decided outcomes with a band 90 days before, the ones counted.
        pub outcomes: u32,
        pub low: f64,
        pub medium: f64,
        pub high: f64,
        pub critical: f64,
    }
}

impl BandProbabilities {
    pub fn defaults(outcomes: usize) -> BandProbabilities {
        BandProbabilities {
            source: ProbabilitySource::Defaults,
            outcomes: u32::try_from(outcomes).unwrap_or(u32::MAX),
            low: RiskBand::Low.probability(),
            medium: RiskBand::Medium.probability(),
            high: RiskBand::High.probability(),
            critical: RiskBand::Critical.probability(),
        }
    }

    pub fn of(&self, band: RiskBand) -> f64 {
        match band {
            RiskBand::Low => self.low,
            RiskBand::Medium => self.medium,
            RiskBand::High => self.high,
            RiskBand::Critical => self.critical,
        }
    }

    pub(crate) fn of_mut(&mut self, band: RiskBand) -> &mut f64 {
        match band {
            RiskBand::Low => &mut self.low,
            RiskBand::Medium => &mut self.medium,
            RiskBand::High => &mut self.high,
            RiskBand::Critical => &mut self.critical,
        }
    }

    /// Annual value times the band's probability, in whole euros.
    pub fn revenue_at_risk(&self, band: RiskBand, annual_value_eur: i64) -> i64 {
        (annual_value_eur.max(0) as f64 * self.of(band)).round() as i64
    }
}

api_type! {
    /// One factor of a health score.
    pub struct FactorScore {
        pub factor: Factor,
        /// The measure in its own unit: NPS −100..100; mean rating or team health 1–5;
        /// team risk 0 (none) to 3 (high); gap and trend in points; response rate in %;
        /// the count of open items; the expectation shortfall on the 1–5 scale.
        pub value: f64,
        /// 0 (worst) to 100 (best).
        pub score: f64,
        /// The admin's weight for the factor.
        pub weight: f64,
        /// Points of the health score that come from this factor; they add up to it.
        pub contribution: f64,
    }
}

api_type! {
    pub struct Health {
        /// 0 (about to leave) to 100 (thriving), to 0.1.
        pub score: f64,
        pub band: RiskBand,
        pub factors: Vec<FactorScore>,
        /// The customer's view (mean of the NPS and rating sub-scores) minus the team's
        /// (mean of team health and team risk), 0–100 scale; positive when the customer
        /// is happier than the team thinks is warranted. See [`gap_flagged`].
        pub gap: Option<f64>,
        /// Annual value times the band's probability, in euros.
        pub revenue_at_risk_eur: i64,
    }
}

impl Health {
    /// Revenue at risk under the organisation's band probabilities ([`assess`] prices
    /// with the defaults, since it knows nothing of outcomes).
    pub fn price(&mut self, probabilities: &BandProbabilities, annual_value_eur: i64) {
        self.revenue_at_risk_eur = probabilities.revenue_at_risk(self.band, annual_value_eur);
    }
}

/// How far back the account page's health looks: two quarterly rounds.
pub const HEALTH_WINDOW_DAYS: u32 = 180;

api_type! {
    /// `GET /accounts/{id}/health`: the account's health over the last `window_days`
    /// (the trend compares with the window before).
    pub struct AccountHealthView {
        pub window_days: u32,
        /// None: nothing in the window to judge by (no answers, counter-feedback or
        /// surveys sent).
        pub health: Option<Health>,
        /// The customer is much happier than the team thinks is warranted.
        pub gap_flagged: bool,
        /// What revenue at risk is priced with.
        pub probabilities: BandProbabilities,
    }
}

/// The health of one account in one period, or none without evidence: a factor other
/// than open items, which are known even for an account nobody has heard from.
pub fn assess(inputs: &HealthInputs, weights: &Weights, annual_value_eur: i64) -> Option<Health> {
    let mut factors: Vec<FactorScore> = Factor::ALL
        .into_iter()
        .filter_map(|factor| {
            let (value, score) = measure(factor, inputs)?;
            Some(FactorScore {
                factor,
                value,
                score,
                weight: weights.usable(factor),
                contribution: 0.0,
            })
        })
        .collect();
    if !factors.iter().any(|f| f.factor != Factor::OpenItems && f.weight > 0.0) {
        return None;
    }
    let total: f64 = factors.iter().map(|f| f.weight).sum();
    let exact = (factors.iter().map(|f| f.weight * f.score).sum::<f64>() / total).clamp(0.0, 100.0);
    let score = (exact * 10.0).round() / 10.0;
    // Scaled so the contributions add up to the score shown, not the unrounded one.
    let scale = if exact > 0.0 { score / exact } else { 0.0 };
    for f in &mut factors {
        f.contribution = f.weight * f.score / total * scale;
    }
    let band = RiskBand::of_score(score).max(RiskBand::team_floor(inputs.team_risk));
    Some(Health {
        score,
        band,
        gap: factors.iter().find(|f| f.factor == Factor::Gap).map(|f| f.value),
        factors,
        revenue_at_risk_eur: band.revenue_at_risk(annual_value_eur),
    })
}

const CUSTOMER_VIEW: [Factor; 2] = [Factor::Nps, Factor::Ratings];
const TEAM_VIEW: [Factor; 2] = [Factor::TeamHealth, Factor::TeamRisk];

/// A factor's raw value and sub-score, if there is evidence for it.
fn measure(factor: Factor, inputs: &HealthInputs) -> Option<(f64, f64)> {
    let current_nps = nps(&inputs.nps_scores);
    match factor {
        Factor::Nps => current_nps.map(|nps| (nps, (nps + 100.0) / 2.0)),
        Factor::Ratings => one_to_five(inputs.ratings.iter().copied()),
        Factor::TeamHealth => one_to_five(inputs.team_health.iter().map(|&health| f64::from(health))),
        Factor::TeamRisk => inputs.team_risk.map(|risk| match risk {
            ChurnRisk::None => (0.0, 100.0),
            ChurnRisk::Low => (1.0, 75.0),
            ChurnRisk::Medium => (2.0, 50.0),
            // Not 0: a high risk named in time can still be acted on.
            ChurnRisk::High => (3.0, 20.0),
        }),
        Factor::Gap => {
            let (customer, team) = (view(CUSTOMER_VIEW, inputs)?, view(TEAM_VIEW, inputs)?);
            Some((customer - team, customer.min(team)))
        }
        Factor::Trend => {
            let previous = inputs.previous_nps.filter(|nps| nps.is_finite())?.clamp(-100.0, 100.0);
            let change = current_nps? - previous;
            Some((change, 50.0 + change.clamp(-TREND_SPAN, TREND_SPAN) * 50.0 / TREND_SPAN))
        }
        Factor::ResponseRate => (inputs.contacts_asked > 0).then(|| {
            let answered = inputs.contacts_answered.min(inputs.contacts_asked);
            let percent = 100.0 * f64::from(answered) / f64::from(inputs.contacts_asked);
            (percent, percent)
        }),
        Factor::OpenItems => {
            let open = f64::from(inputs.open_development_points);
            let overdue = f64::from(inputs.overdue_actions);
            let penalty = open * OPEN_POINT_PENALTY + overdue * OVERDUE_ACTION_PENALTY;
            Some((open + overdue, (100.0 - penalty).max(0.0)))
        }
        Factor::ExpectationGap => inputs.expectation_gap.filter(|gap| gap.is_finite()).map(|gap| {
            let shortfall = gap.clamp(0.0, EXPECTATION_GAP_WORST);
            (gap, 100.0 * (1.0 - shortfall / EXPECTATION_GAP_WORST))
        }),
    }
}

/// One side's view of the relationship on the 0–100 scale: the mean of its sub-scores.
fn view(side: [Factor; 2], inputs: &HealthInputs) -> Option<f64> {
    let scores: Vec<f64> = side
        .into_iter()
        .filter_map(|factor| Some(measure(factor, inputs)?.1))
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// The mean of 1–5 answers and its sub-score (1 → 0, 5 → 100). Answers off the scale
/// are clamped onto it, which keeps a lower answer from ever scoring higher.
fn one_to_five(answers: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let mut answers: Vec<f64> = answers.filter(|a| a.is_finite()).map(|a| a.clamp(1.0, 5.0)).collect();
    if answers.is_empty() {
        return None;
    }
    // Summed in one order so that reordering the answers cannot move the last bit.
    answers.sort_by(f64::total_cmp);
    let mean = answers.iter().sum::<f64>() / answers.len() as f64;
    Some((mean, (mean - 1.0) * 25.0))
}

/// Why an account needs attention, in one line at the top of its page: what to
/// look at first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AttentionReason {
    /// The customer is much happier than the team thinks is warranted, by this many
    /// points ([`gap_flagged`]): the case the team may not see coming.
    Gap(f64),
    /// The factor that costs the score most, with its measure ([`FactorScore::value`]).
    Factor(Factor, f64),
}

/// The reason an account at high or critical risk (or with a flagged gap) needs
/// attention; `None` for the others.
pub fn attention_reason(health: &Health) -> Option<AttentionReason> {
    if gap_flagged(health.gap) {
        return health.gap.map(AttentionReason::Gap);
    }
    if health.band < RiskBand::High {
        return None;
    }
    let cost = |f: &FactorScore| f.weight * (100.0 - f.score);
    health
        .factors
        .iter()
        .filter(|f| cost(f) > 0.0)
        .max_by(|a, b| cost(a).total_cmp(&cost(b)))
        .map(|f| AttentionReason::Factor(f.factor, f.value))
}

/// Accounts a weights preview lists.
pub const PREVIEW_ACCOUNTS: usize = 10;

/// An account's health under the weights in force and under those proposed.
#[derive(Debug, Clone, PartialEq)]
pub struct Rescored {
    pub account: String,
    pub name: String,
    pub now: (f64, RiskBand),
    pub proposed: (f64, RiskBand),
}

api_type! {
    /// One account in a weights preview: its score, band and place (1 = least healthy)
    /// now and under the weights proposed.
    pub struct WeightsPreviewRow {
        pub account: String,
        pub name: String,
        pub score_now: f64,
        pub band_now: RiskBand,
        pub place_now: u32,
        pub score_proposed: f64,
        pub band_proposed: RiskBand,
        pub place_proposed: u32,
    }
}

api_type! {
    /// `POST /settings/health-weights/preview`: the least healthy accounts under the
    /// weights proposed, with where they stand now, and how many of the accounts scored
    /// would change risk band.
    pub struct WeightsPreview {
        pub accounts: Vec<WeightsPreviewRow>,
        pub scored: u32,
        pub changed_band: u32,
    }
}

/// The [`PREVIEW_ACCOUNTS`] least healthy under the proposed weights, each with its
/// place among all `accounts` now and then (ties by name).
pub fn preview(accounts: &[Rescored]) -> WeightsPreview {
    let places = |score: fn(&Rescored) -> f64| {
        let mut order: Vec<usize> = (0..accounts.len()).collect();
        order.sort_by(|&a, &b| {
            score(&accounts[a])
                .total_cmp(&score(&accounts[b]))
                .then_with(|| accounts[a].name.cmp(&accounts[b].name))
        });
        let mut place = vec![0u32; accounts.len()];
        for (rank, &i) in order.iter().enumerate() {
            place[i] = u32::try_from(rank + 1).unwrap_or(u32::MAX);
        }
        (order, place)
    };
    let (_, place_now) = places(|a| a.now.0);
    let (order, place_proposed) = places(|a| a.proposed.0);
    WeightsPreview {
        accounts: order
            .iter()
            .take(PREVIEW_ACCOUNTS)
            .map(|&i| {
                let a = &accounts[i];
                WeightsPreviewRow {
                    account: a.account.clone(),
                    name: a.name.clone(),
                    score_now: a.now.0,
                    band_now: a.now.1,
                    place_now: place_now[i],
                    score_proposed: a.proposed.0,
                    band_proposed: a.proposed.1,
                    place_proposed: place_proposed[i],
                }
            })
            .collect(),
        scored: u32::try_from(accounts.len()).unwrap_or(u32::MAX),
        changed_band: u32::try_from(accounts.iter().filter(|a| a.now.1 != a.proposed.1).count()).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    fn no_weights() -> Weights {
        let mut weights = Weights::default();
        for factor in Factor::ALL {
            *weights.of_mut(factor) = 0.0;
        }
        weights
    }

    #[test]
    fn a_weight_is_its_share_of_all_weights() {
        let weights = Weights::default();
        let total: f64 = Factor::ALL.iter().map(|f| weights.share(*f)).sum();
        assert!((total - 1.0).abs() < 1e-9, "the shares make the whole: {total}");
        assert!((weights.share(Factor::Gap) - 3.0 / 15.5).abs() < 1e-9);
        let none = no_weights();
        assert_eq!(none.share(Factor::Nps), 0.0);
    }

    use super::*;

    fn inputs() -> HealthInputs {
        HealthInputs {
            nps_scores: vec![],
            ratings: vec![],
            team_health: vec![],
            team_risk: None,
            previous_nps: None,
            contacts_asked: 0,
            contacts_answered: 0,
            open_development_points: 0,
            overdue_actions: 0,
            expectation_gap: None,
        }
    }

    fn factor(health: &Health, factor: Factor) -> &FactorScore {
        health.factors.iter().find(|f| f.factor == factor).unwrap()
    }

    #[test]
    fn nps_examples() {
        assert_eq!(nps(&[]), None);
        assert_eq!(nps(&[11, 12]), None);
        assert_eq!(nps(&[10, 9]), Some(100.0));
        assert_eq!(nps(&[0, 6]), Some(-100.0));
        assert_eq!(nps(&[7, 8]), Some(0.0));
        assert_eq!(nps(&[10, 9, 8, 3, 11]), Some(25.0));
        assert_eq!(nps(&[10, 10, 7, 7, 0]), Some(20.0));
    }

    #[test]
    fn customer_answers_map_onto_0_to_100() {
        let answered = |nps_scores: Vec<u32>, ratings: Vec<f64>| HealthInputs {
            nps_scores,
            ratings,
            ..inputs()
        };
        assert_eq!(measure(Factor::Nps, &answered(vec![0], vec![])), Some((-100.0, 0.0)));
        assert_eq!(measure(Factor::Nps, &answered(vec![7], vec![])), Some((0.0, 50.0)));
        assert_eq!(measure(Factor::Nps, &answered(vec![9, 8], vec![])), Some((50.0, 75.0)));
        assert_eq!(measure(Factor::Ratings, &answered(vec![], vec![1.0])), Some((1.0, 0.0)));
        assert_eq!(
            measure(Factor::Ratings, &answered(vec![], vec![3.0, 4.0])),
            Some((3.5, 62.5))
        );
        // Off the scale is clamped onto it, not-a-number dropped.
        assert_eq!(
            measure(Factor::Ratings, &answered(vec![], vec![9.0, 0.0, f64::NAN])),
            Some((3.0, 50.0))
        );
        assert_eq!(measure(Factor::Ratings, &answered(vec![], vec![])), None);
    }

    #[test]
    fn team_view_maps_onto_0_to_100() {
        let team = |team_health: Vec<u32>, team_risk| HealthInputs {
            team_health,
            team_risk,
            ..inputs()
        };
        assert_eq!(measure(Factor::TeamHealth, &team(vec![5], None)), Some((5.0, 100.0)));
        assert_eq!(measure(Factor::TeamHealth, &team(vec![2, 3], None)), Some((2.5, 37.5)));
        let risk_scores: Vec<f64> = ChurnRisk::ALL
            .iter()
            .map(|&risk| measure(Factor::TeamRisk, &team(vec![], Some(risk))).unwrap().1)
            .collect();
        assert_eq!(risk_scores, [100.0, 75.0, 50.0, 20.0]);
        assert_eq!(measure(Factor::TeamRisk, &team(vec![4], None)), None);
    }

    #[test]
    fn the_views_are_what_the_gap_compares() {
        let happy_customer_worried_team = HealthInputs {
            nps_scores: vec![9, 10],
            ratings: vec![4.0],
            team_health: vec![2],
            team_risk: Some(ChurnRisk::High),
            ..inputs()
        };
        let (customer, team) = views(&happy_customer_worried_team);
        assert_eq!((customer, team), (Some(87.5), Some(22.5)));
        assert_eq!(gap(&happy_customer_worried_team), Some(87.5 - 22.5));
        let customer_only = HealthInputs {
            nps_scores: vec![7],
            ..inputs()
        };
        assert_eq!(views(&customer_only), (Some(50.0), None));
    }

    #[test]
    fn gap_scores_the_more_worried_view() {
        let both = |nps_scores: Vec<u32>, team_risk| HealthInputs {
            nps_scores,
            ratings: vec![5.0],
            team_risk: Some(team_risk),
            ..inputs()
        };
        // Customer (100 + 100) / 2, team 20: 80 points too happy, scored as the team sees it.
        assert_eq!(
            measure(Factor::Gap, &both(vec![10], ChurnRisk::High)),
            Some((80.0, 20.0))
        );
        // Customer (0 + 100) / 2 against a calm team: the customer is the worried one.
        assert_eq!(
            measure(Factor::Gap, &both(vec![0], ChurnRisk::None)),
            Some((-50.0, 50.0))
        );
        assert_eq!(
            measure(Factor::Gap, &both(vec![9], ChurnRisk::None)),
            Some((0.0, 100.0))
        );
        let customer_only = HealthInputs {
            nps_scores: vec![10],
            ..inputs()
        };
        assert_eq!(measure(Factor::Gap, &customer_only), None);
    }

    #[test]
    fn agreeing_on_failure_is_not_rewarded() {
        let failing = HealthInputs {
            nps_scores: vec![0, 3],
            team_health: vec![1],
            ..inputs()
        };
        let health = assess(&failing, &Weights::default(), 0).unwrap();
        assert_eq!(health.gap, Some(0.0));
        assert_eq!(factor(&health, Factor::Gap).score, 0.0);
        assert_eq!(health.band, RiskBand::Critical);
    }

    #[test]
    fn a_preview_lists_the_least_healthy_under_the_proposed_weights_with_their_places() {
        let rescored = |name: &str, now: (f64, RiskBand), proposed: (f64, RiskBand)| Rescored {
            account: name.to_lowercase(),
            name: name.into(),
            now,
            proposed,
        };
        let mut accounts = vec![
            rescored("Acme", (30.0, RiskBand::High), (70.0, RiskBand::Low)),
            rescored("Globex", (50.0, RiskBand::Medium), (20.0, RiskBand::Critical)),
            rescored("Initech", (50.0, RiskBand::Medium), (50.0, RiskBand::Medium)),
        ];
        for i in 0..12 {
            accounts.push(rescored(
                &format!("Steady {i:02}"),
                (90.0, RiskBand::Low),
                (90.0, RiskBand::Low),
            ));
        }
        let shown = preview(&accounts);
        assert_eq!(shown.scored, 15);
        assert_eq!(shown.changed_band, 2);
        assert_eq!(shown.accounts.len(), PREVIEW_ACCOUNTS);
        let places: Vec<(&str, u32, u32)> = shown.accounts[..3]
            .iter()
            .map(|r| (r.name.as_str(), r.place_now, r.place_proposed))
            .collect();
        // Globex falls to the bottom; Acme climbs from it; equal scores go by name.
        assert_eq!(places, [("Globex", 2, 1), ("Initech", 3, 2), ("Acme", 1, 3)]);
        assert_eq!(shown.accounts[0].band_proposed, RiskBand::Critical);
        assert_eq!(shown.accounts[9].name, "Steady 06");
        assert_eq!(preview(&[]).accounts, vec![]);
    }

    #[test]
    fn trend_response_rate_open_items_and_expectations() {
        let trend = |nps_scores: Vec<u32>, previous_nps| HealthInputs {
            nps_scores,
            previous_nps,
            ..inputs()
        };
        assert_eq!(measure(Factor::Trend, &trend(vec![7], Some(0.0))), Some((0.0, 50.0)));
        assert_eq!(measure(Factor::Trend, &trend(vec![10], Some(80.0))), Some((20.0, 70.0)));
        assert_eq!(
            measure(Factor::Trend, &trend(vec![0], Some(100.0))),
            Some((-200.0, 0.0))
        );
        assert_eq!(measure(Factor::Trend, &trend(vec![], Some(0.0))), None);
        assert_eq!(measure(Factor::Trend, &trend(vec![9], None)), None);

        let asked = |contacts_asked, contacts_answered| HealthInputs {
            contacts_asked,
            contacts_answered,
            ..inputs()
        };
        assert_eq!(measure(Factor::ResponseRate, &asked(4, 1)), Some((25.0, 25.0)));
        assert_eq!(measure(Factor::ResponseRate, &asked(4, 0)), Some((0.0, 0.0)));
        assert_eq!(measure(Factor::ResponseRate, &asked(2, 3)), Some((100.0, 100.0)));
        assert_eq!(measure(Factor::ResponseRate, &asked(0, 0)), None);

        let open = |open_development_points, overdue_actions| HealthInputs {
            open_development_points,
            overdue_actions,
            ..inputs()
        };
        assert_eq!(measure(Factor::OpenItems, &open(0, 0)), Some((0.0, 100.0)));
        assert_eq!(measure(Factor::OpenItems, &open(2, 1)), Some((3.0, 60.0)));
        assert_eq!(measure(Factor::OpenItems, &open(3, 9)), Some((12.0, 0.0)));

        let expected = |expectation_gap| HealthInputs {
            expectation_gap,
            ..inputs()
        };
        assert_eq!(
            measure(Factor::ExpectationGap, &expected(Some(-1.0))),
            Some((-1.0, 100.0))
        );
        assert_eq!(measure(Factor::ExpectationGap, &expected(Some(0.5))), Some((0.5, 75.0)));
        assert_eq!(measure(Factor::ExpectationGap, &expected(Some(3.0))), Some((3.0, 0.0)));
        assert_eq!(measure(Factor::ExpectationGap, &expected(None)), None);
    }

    #[test]
    fn no_evidence_no_score() {
        let weights = Weights::default();
        assert_eq!(assess(&inputs(), &weights, 100_000), None);
        let only_open_items = HealthInputs {
            open_development_points: 3,
            ..inputs()
        };
        assert_eq!(assess(&only_open_items, &weights, 100_000), None);
        // Evidence the admin gives no weight is no evidence either.
        let unweighted = Weights {
            ratings: 0.0,
            ..weights
        };
        let ratings_only = HealthInputs {
            ratings: vec![4.0],
            ..inputs()
        };
        assert_eq!(assess(&ratings_only, &unweighted, 100_000), None);
        // Silence is evidence.
        let silent = HealthInputs {
            contacts_asked: 3,
            ..inputs()
        };
        let health = assess(&silent, &weights, 100_000).unwrap();
        assert_eq!(health.score, 50.0);
        assert_eq!(factor(&health, Factor::ResponseRate).contribution, 0.0);
    }

    #[test]
    fn score_is_the_weighted_mean_and_contributions_explain_it() {
        let health = assess(
            &HealthInputs {
                nps_scores: vec![10, 7],
                ratings: vec![4.0],
                ..inputs()
            },
            &Weights::default(),
            0,
        )
        .unwrap();
        // NPS 50 → 75 (weight 2), ratings 4 → 75 (1), no open items → 100 (1).
        assert_eq!(health.score, 81.3);
        assert_eq!(health.band, RiskBand::Low);
        assert_eq!(health.gap, None);
        assert_eq!(factor(&health, Factor::Nps).value, 50.0);
        assert_eq!(factor(&health, Factor::Nps).weight, 2.0);
        let sum: f64 = health.factors.iter().map(|f| f.contribution).sum();
        assert!((sum - health.score).abs() < 1e-9);
        assert!((factor(&health, Factor::OpenItems).contribution - 25.0 * 81.3 / 81.25).abs() < 1e-9);
    }

    /// The customer says 9/10 while the team sees a high churn risk.
    fn nine_but_high_risk() -> HealthInputs {
        HealthInputs {
            nps_scores: vec![9],
            ratings: vec![5.0],
            team_health: vec![3],
            team_risk: Some(ChurnRisk::High),
            contacts_asked: 1,
            contacts_answered: 1,
            ..inputs()
        }
    }

    #[test]
    fn the_reason_to_look_is_the_gap_first_then_what_costs_most() {
        let nine_but_high_risk = nine_but_high_risk();
        let health = assess(&nine_but_high_risk, &Weights::default(), 1).unwrap();
        assert!(matches!(attention_reason(&health), Some(AttentionReason::Gap(g)) if g >= GAP_FLAG_POINTS));

        let unhappy = HealthInputs {
            nps_scores: vec![1, 2],
            ratings: vec![2.0],
            team_health: vec![2],
            contacts_asked: 2,
            contacts_answered: 2,
            ..inputs()
        };
        let health = assess(&unhappy, &Weights::default(), 1).unwrap();
        assert!(health.band >= RiskBand::High, "{health:?}");
        let Some(AttentionReason::Factor(factor, value)) = attention_reason(&health) else {
            panic!("a reason for {health:?}");
        };
        let costliest = health
            .factors
            .iter()
            .map(|f| f.weight * (100.0 - f.score))
            .fold(0.0, f64::max);
        let named = health.factors.iter().find(|f| f.factor == factor).unwrap();
        assert_eq!(named.weight * (100.0 - named.score), costliest);
        assert_eq!(named.value, value);

        let happy = HealthInputs {
            nps_scores: vec![10, 9],
            ratings: vec![5.0],
            team_health: vec![5],
            contacts_asked: 2,
            contacts_answered: 2,
            ..inputs()
        };
        let health = assess(&happy, &Weights::default(), 1).unwrap();
        assert_eq!(attention_reason(&health), None, "{health:?}");
    }

    #[test]
    fn customer_nine_but_team_says_high_risk_is_flagged_and_not_low() {
        let nine_but_high_risk = nine_but_high_risk();
        let health = assess(&nine_but_high_risk, &Weights::default(), 200_000).unwrap();
        assert!(gap_flagged(health.gap), "{health:?}");
        assert!(factor(&health, Factor::Gap).score < 50.0);
        assert_eq!(health.band, RiskBand::High);
        assert_eq!(health.revenue_at_risk_eur, 100_000);
        let blind = Weights {
            gap: 0.0,
            ..Weights::default()
        };
        let without_gap = assess(&nine_but_high_risk, &blind, 0).unwrap();
        assert!(without_gap.score > health.score);
        assert!(!gap_flagged(Some(29.9)));
        assert!(gap_flagged(Some(30.0)));
        assert!(!gap_flagged(None));
    }

    #[test]
    fn band_thresholds_and_the_teams_warning_only_raise_the_band() {
        assert_eq!(RiskBand::of_score(100.0), RiskBand::Low);
        assert_eq!(RiskBand::of_score(70.0), RiskBand::Low);
        assert_eq!(RiskBand::of_score(69.9), RiskBand::Medium);
        assert_eq!(RiskBand::of_score(50.0), RiskBand::Medium);
        assert_eq!(RiskBand::of_score(30.0), RiskBand::High);
        assert_eq!(RiskBand::of_score(29.9), RiskBand::Critical);

        let high_but_thriving = HealthInputs {
            nps_scores: vec![10; 5],
            ratings: vec![5.0; 5],
            team_health: vec![5],
            team_risk: Some(ChurnRisk::High),
            ..inputs()
        };
        let weights = Weights {
            team_risk: 0.0,
            gap: 0.0,
            ..Weights::default()
        };
        let health = assess(&high_but_thriving, &weights, 0).unwrap();
        assert_eq!(health.score, 100.0);
        assert_eq!(health.band, RiskBand::High);

        // A calm team does not talk a failing customer down to low risk.
        let calm_but_failing = HealthInputs {
            nps_scores: vec![0],
            ratings: vec![1.0],
            team_risk: Some(ChurnRisk::None),
            ..inputs()
        };
        let health = assess(&calm_but_failing, &Weights::default(), 0).unwrap();
        assert_eq!(health.score, 40.0);
        assert_eq!(health.band, RiskBand::High);
    }

    #[test]
    fn revenue_at_risk_is_annual_value_times_band_probability() {
        let happy = HealthInputs {
            nps_scores: vec![10],
            ..inputs()
        };
        let weights = Weights::default();
        assert_eq!(assess(&happy, &weights, 150_000).unwrap().revenue_at_risk_eur, 7_500);
        assert_eq!(assess(&happy, &weights, 10).unwrap().revenue_at_risk_eur, 1);
        assert_eq!(assess(&happy, &weights, -5_000).unwrap().revenue_at_risk_eur, 0);
        let lost = HealthInputs {
            nps_scores: vec![0],
            overdue_actions: 5,
            ..inputs()
        };
        assert_eq!(assess(&lost, &weights, 150_000).unwrap().revenue_at_risk_eur, 120_000);
        let probabilities: Vec<f64> = RiskBand::ALL.iter().map(|band| band.probability()).collect();
        assert_eq!(probabilities, [0.05, 0.2, 0.5, 0.8]);
    }

    #[test]
    fn weights_are_checked_by_field() {
        assert!(Weights::default().check().is_ok());
        let heavy = Weights {
            trend: 10.5,
            ..Weights::default()
        };
        assert_eq!(heavy.check().unwrap_err().field, "trend");
        let negative = Weights {
            expectation_gap: -1.0,
            ..Weights::default()
        };
        assert_eq!(negative.check().unwrap_err().field, "expectation_gap");
        let not_a_number = Weights {
            gap: f64::NAN,
            ..Weights::default()
        };
        assert_eq!(not_a_number.check().unwrap_err().field, "gap");
        let zero = no_weights();
        assert_eq!(zero.check().unwrap_err().problem, Invalid::Required);
    }

    #[test]
    fn codes_match_the_wire_names_and_the_weight_fields() {
        let weights = serde_json::to_value(Weights::default()).unwrap();
        for factor in Factor::ALL {
            assert_eq!(serde_json::to_value(factor).unwrap().as_str(), Some(factor.code()));
            assert_eq!(Factor::from_code(factor.code()), Some(factor));
            assert_eq!(weights[factor.code()].as_f64(), Some(Weights::default().of(factor)));
        }
        assert_eq!(weights.as_object().unwrap().len(), Factor::ALL.len());
        for band in RiskBand::ALL {
            assert_eq!(serde_json::to_value(band).unwrap().as_str(), Some(band.code()));
            assert_eq!(RiskBand::from_code(band.code()), Some(band));
        }
    }
}
