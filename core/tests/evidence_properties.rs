//! An account's signals over time, for any evidence: the order the facts are stored in
//! does not matter, trimming what no window can see changes nothing, and every month's
//! health stays within 0–100 with its band following from it.

use chrono::{DateTime, Duration, TimeZone, Utc};
use kaiku_core::ChurnCause;
use kaiku_core::counterfeedback::ChurnRisk;
use kaiku_core::evidence::{
    ActionFact, AnswerFact, AspectScore, Evidence, HISTORY_MONTHS, LinkFact, PointFact, TeamFact, window,
};
use kaiku_core::health::{RiskBand, Weights};
use proptest::prelude::*;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 8, 0, 0).unwrap()
}

fn at() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..1_100).prop_map(|day| start() + Duration::days(day))
}

fn aspect() -> impl Strategy<Value = AspectScore> {
    (prop::sample::select(vec!["quality", "communication", "value"]), 1u8..=5).prop_map(|(aspect, score)| AspectScore {
        aspect: aspect.to_string(),
        score,
    })
}

fn answer() -> impl Strategy<Value = AnswerFact> {
    (
        at(),
        prop::option::of(0u8..=10),
        prop::collection::vec(aspect(), 0..4),
        prop::collection::vec(aspect(), 0..2),
        prop::collection::vec(prop::sample::select(ChurnCause::ALL.to_vec()), 0..2),
        prop::collection::vec(prop::option::of(at()), 0..3),
    )
        .prop_map(|(at, nps, ratings, importance, causes, points)| AnswerFact {
            at,
            nps,
            ratings,
            importance: importance
                .into_iter()
                .map(|a| AspectScore {
                    aspect: format!("importance_{}", a.aspect),
                    score: a.score,
                })
                .collect(),
            causes,
            points: points
                .into_iter()
                .map(|addressed_at| PointFact { addressed_at })
                .collect(),
        })
}

fn evidence() -> impl Strategy<Value = Evidence> {
    (
        prop::collection::vec(
            (at(), prop::option::of(0i64..20), 1i64..30).prop_map(|(sent_at, answered, open)| LinkFact {
                sent_at,
                answered_at: answered.map(|d| sent_at + Duration::days(d)),
                closed_at: sent_at + Duration::days(open),
            }),
            0..12,
        ),
        prop::collection::vec(answer(), 0..10),
        prop::collection::vec(
            (at(), 1u8..=5, prop::sample::select(ChurnRisk::ALL.to_vec())).prop_map(|(at, health, risk)| TeamFact {
                at,
                health,
                risk,
                causes: vec![],
            }),
            0..8,
        ),
        prop::collection::vec(
            (at(), prop::option::of(0i64..60), prop::option::of(1i64..90)).prop_map(|(created_at, due, done)| {
                ActionFact {
                    created_at,
                    due: due.map(|d| (created_at + Duration::days(d)).date_naive()),
                    done_at: done.map(|d| created_at + Duration::days(d)),
                }
            }),
            0..6,
        ),
    )
        .prop_map(|(links, answers, team, actions)| Evidence {
            links,
            answers,
            team,
            actions,
        })
}

fn now() -> impl Strategy<Value = DateTime<Utc>> {
    (400i64..1_200).prop_map(|day| start() + Duration::days(day))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_order_of_the_facts_does_not_matter(evidence in evidence(), now in now()) {
        let mut reversed = evidence.clone();
        reversed.links.reverse();
        reversed.answers.reverse();
        reversed.team.reverse();
        reversed.actions.reverse();
        let weights = Weights::default();
        prop_assert_eq!(
            evidence.signals(now, &weights, HISTORY_MONTHS),
            reversed.signals(now, &weights, HISTORY_MONTHS)
        );
    }

    #[test]
    fn trimming_changes_no_month(evidence in evidence(), now in now()) {
        let weights = Weights::default();
        let trimmed = evidence.clone().trimmed(now, HISTORY_MONTHS, window());
        prop_assert_eq!(
            trimmed.signals(now, &weights, HISTORY_MONTHS),
            evidence.signals(now, &weights, HISTORY_MONTHS)
        );
    }

    #[test]
    fn every_month_is_bounded_and_banded(evidence in evidence(), now in now()) {
        let signals = evidence.signals(now, &Weights::default(), HISTORY_MONTHS);
        prop_assert_eq!(signals.months.len(), HISTORY_MONTHS);
        for month in signals.months.iter().chain([&signals.current]) {
            prop_assert_eq!(month.health.is_some(), month.band.is_some());
            if let (Some(health), Some(band)) = (month.health, month.band) {
                prop_assert!((0.0..=100.0).contains(&health));
                // The team's high risk may lift the band above the score's, never lower it.
                prop_assert!(band >= RiskBand::of_score(health));
            }
            if let Some(nps) = month.nps {
                prop_assert!((-100.0..=100.0).contains(&nps));
            }
        }
    }
}
