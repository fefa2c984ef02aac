//! The health score's promises, for any inputs and any weights an admin may set:
//! bounded, explained, monotone and blind to the order of the answers.

use kaiku_core::counterfeedback::ChurnRisk;
use kaiku_core::health::{HealthInputs, Weights, assess};
use proptest::prelude::*;
use proptest::sample::Index;

fn weight() -> impl Strategy<Value = f64> {
    // Zero often, as admins switch factors off.
    prop_oneof![Just(0.0), 0.0..=10.0]
}

fn weights() -> impl Strategy<Value = Weights> {
    let custom = (
        (weight(), weight(), weight(), weight(), weight()),
        (weight(), weight(), weight(), weight()),
    )
        .prop_map(
            |((nps, ratings, team_health, team_risk, gap), (trend, response_rate, open_items, expectation_gap))| {
                Weights {
                    nps,
                    ratings,
                    team_health,
                    team_risk,
                    gap,
                    trend,
                    response_rate,
                    open_items,
                    expectation_gap,
                }
            },
        );
    prop_oneof![Just(Weights::default()), custom]
}

fn inputs() -> impl Strategy<Value = HealthInputs> {
    (
        (
            prop::collection::vec(0u32..=10, 0..8),
            prop::collection::vec(prop_oneof![(1u32..=5).prop_map(f64::from), 1.0..=5.0], 0..8),
            prop::collection::vec(1u32..=5, 0..4),
            prop::option::of(prop::sample::select(ChurnRisk::ALL.to_vec())),
            prop::option::of(-100.0..=100.0),
        ),
        (0u32..12, 0u32..12, 0u32..8, 0u32..8, prop::option::of(-2.0..=4.0)),
    )
        .prop_map(
            |(
                (nps_scores, ratings, team_health, team_risk, previous_nps),
                (contacts_asked, contacts_answered, open_development_points, overdue_actions, expectation_gap),
            )| HealthInputs {
                nps_scores,
                ratings,
                team_health,
                team_risk,
                previous_nps,
                contacts_asked,
                contacts_answered,
                open_development_points,
                overdue_actions,
                expectation_gap,
            },
        )
}

/// One input made worse; changes on an input that is absent do nothing.
#[derive(Debug, Clone)]
enum Worse {
    NpsScore(Index, u32),
    Rating(Index, f64),
    TeamHealth(Index, u32),
    TeamRisk,
    FewerAnswers(u32),
    OpenPoints(u32),
    OverdueActions(u32),
    ExpectationGap(f64),
    /// A better previous round makes the same current NPS a worse trend.
    PreviousNps(f64),
}

fn worse() -> impl Strategy<Value = Worse> {
    prop_oneof![
        (any::<Index>(), 1u32..=10).prop_map(|(i, by)| Worse::NpsScore(i, by)),
        (any::<Index>(), 0.01..=4.0).prop_map(|(i, by)| Worse::Rating(i, by)),
        (any::<Index>(), 1u32..=4).prop_map(|(i, by)| Worse::TeamHealth(i, by)),
        Just(Worse::TeamRisk),
        (1u32..=12).prop_map(Worse::FewerAnswers),
        (1u32..=5).prop_map(Worse::OpenPoints),
        (1u32..=5).prop_map(Worse::OverdueActions),
        (0.01..=3.0).prop_map(Worse::ExpectationGap),
        (0.1..=200.0).prop_map(Worse::PreviousNps),
    ]
}

fn worsen(inputs: &HealthInputs, change: &Worse) -> HealthInputs {
    let mut worse = inputs.clone();
    match change {
        Worse::NpsScore(i, by) if !worse.nps_scores.is_empty() => {
            let score = &mut worse.nps_scores[i.index(inputs.nps_scores.len())];
            *score = score.saturating_sub(*by);
        }
        Worse::Rating(i, by) if !worse.ratings.is_empty() => {
            let rating = &mut worse.ratings[i.index(inputs.ratings.len())];
            *rating = (*rating - by).max(1.0);
        }
        Worse::TeamHealth(i, by) if !worse.team_health.is_empty() => {
            let health = &mut worse.team_health[i.index(inputs.team_health.len())];
            *health = health.saturating_sub(*by).max(1);
        }
        Worse::TeamRisk => {
            worse.team_risk = worse.team_risk.map(|risk| {
                let level = ChurnRisk::ALL.iter().position(|&r| r == risk).unwrap();
                ChurnRisk::ALL[(level + 1).min(ChurnRisk::ALL.len() - 1)]
            });
        }
        Worse::FewerAnswers(by) => worse.contacts_answered = worse.contacts_answered.saturating_sub(*by),
        Worse::OpenPoints(by) => worse.open_development_points += by,
        Worse::OverdueActions(by) => worse.overdue_actions += by,
        Worse::ExpectationGap(by) => worse.expectation_gap = worse.expectation_gap.map(|gap| gap + by),
        Worse::PreviousNps(by) => worse.previous_nps = worse.previous_nps.map(|nps| (nps + by).min(100.0)),
        Worse::NpsScore(..) | Worse::Rating(..) | Worse::TeamHealth(..) => {}
    }
    worse
}

fn shuffled(inputs: HealthInputs) -> impl Strategy<Value = (HealthInputs, HealthInputs)> {
    (
        Just(inputs.nps_scores.clone()).prop_shuffle(),
        Just(inputs.ratings.clone()).prop_shuffle(),
        Just(inputs.team_health.clone()).prop_shuffle(),
    )
        .prop_map(move |(nps_scores, ratings, team_health)| {
            let reordered = HealthInputs {
                nps_scores,
                ratings,
                team_health,
                ..inputs.clone()
            };
            (inputs.clone(), reordered)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn bounded_and_explained(inputs in inputs(), weights in weights(), annual in 0i64..=10_000_000_000) {
        let Some(health) = assess(&inputs, &weights, annual) else { return Ok(()) };
        prop_assert!((0.0..=100.0).contains(&health.score), "{health:?}");
        let sum: f64 = health.factors.iter().map(|f| f.contribution).sum();
        prop_assert!((sum - health.score).abs() < 1e-6, "{sum} vs {health:?}");
        for factor in &health.factors {
            prop_assert!((0.0..=100.0).contains(&factor.score), "{factor:?}");
            prop_assert!(factor.contribution >= 0.0, "{factor:?}");
        }
        prop_assert!((0..=annual).contains(&health.revenue_at_risk_eur), "{health:?}");
    }

    #[test]
    fn worse_inputs_never_score_better(inputs in inputs(), weights in weights(), change in worse()) {
        let worse = worsen(&inputs, &change);
        let before = assess(&inputs, &weights, 1_000_000);
        let after = assess(&worse, &weights, 1_000_000);
        prop_assert_eq!(before.is_some(), after.is_some());
        if let (Some(before), Some(after)) = (before, after) {
            prop_assert!(after.score <= before.score, "{change:?}: {before:?} -> {after:?}");
            prop_assert!(after.band >= before.band, "{change:?}: {before:?} -> {after:?}");
            prop_assert!(after.revenue_at_risk_eur >= before.revenue_at_risk_eur);
        }
    }

    #[test]
    fn the_order_of_answers_does_not_matter(
        (inputs, reordered) in inputs().prop_flat_map(shuffled),
        weights in weights(),
    ) {
        prop_assert_eq!(assess(&inputs, &weights, 500_000), assess(&reordered, &weights, 500_000));
    }
}
