//! The expectation chain: what the seller promised the customer per aspect, the
//! customer's later ratings of that aspect as its fulfilment, and the rule that calls
//! a promise broken. The chain review (which aspects keep their promise, phase by
//! phase) is computed here from plain facts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::account::{PersonRef, Stage};
use crate::counterfeedback::AspectRating;
use crate::evidence::AspectScore;
use crate::validate::{self, FieldError, Invalid};

pub const WHAT_MAX_CHARS: usize = 1000;
pub const COMMITMENT_MAX_CHARS: usize = 200;
pub const IMPORTANCE_MIN: u8 = 1;
pub const IMPORTANCE_MAX: u8 = 5;
/// Only promises on aspects at least this important can fall below expectation.
pub const IMPORTANT_FROM: u8 = 4;
/// Fulfilment this far below the importance breaks an important promise.
pub const SHORTFALL_POINTS: f64 = 2.0;
/// Fulfilment falling this much from one round to the next breaks any promise.
pub const DROP_POINTS: f64 = 2.0;

api_type! {
    /// What the seller promised on one aspect of the expectations survey, as written.
    pub struct PromiseInput {
        /// The aspect (`quality`, `communication`, …): an aspect of the expectations survey.
        pub aspect: String,
        /// What was promised.
        pub what: String,
        /// How much it matters to the customer, 1–5.
        pub importance: u8,
        /// A concrete commitment, e.g. "weekly status report", "go-live in March".
        pub commitment: Option<String>,
        /// When in the relationship it was promised (usually the sale).
        pub phase: Stage,
    }
}

impl PromiseInput {
    pub fn normalised(mut self) -> PromiseInput {
        self.aspect = self.aspect.trim().to_string();
        self.what = self.what.trim().to_string();
        self.commitment = self.commitment.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
        self
    }

    /// `aspects`: the aspects the organisation's expectations survey asks about.
    pub fn check(&self, aspects: &[String]) -> Result<(), FieldError> {
        if !aspects.contains(&self.aspect) {
            return Err(FieldError {
                field: "aspect",
                problem: Invalid::UnknownChoice,
            });
        }
        if self.what.is_empty() {
            return Err(FieldError {
                field: "what",
                problem: Invalid::Required,
            });
        }
        validate::too_long("what", &self.what, WHAT_MAX_CHARS)?;
        if !(IMPORTANCE_MIN..=IMPORTANCE_MAX).contains(&self.importance) {
            return Err(FieldError {
                field: "importance",
                problem: Invalid::OutOfRange {
                    min: IMPORTANCE_MIN.into(),
                    max: IMPORTANCE_MAX.into(),
                },
            });
        }
        if let Some(commitment) = &self.commitment {
            validate::too_long("commitment", commitment, COMMITMENT_MAX_CHARS)?;
        }
        Ok(())
    }
}

api_enum! {
    /// Why a promise counts as broken.
    pub enum BreachReason {
        /// An important aspect (importance ≥ 4) rated at least 2 below its importance.
        BelowImportance,
        /// The rating fell by 2 or more from the previous round.
        Dropped,
    }
}

api_enum! {
    pub enum PromiseStatus {
        /// No round has rated the aspect since the promise.
        NotYetRated,
        /// Rated, and never broken by the rule.
        Kept,
        /// Some round broke it.
        Broken,
    }
}

api_type! {
    /// The customer's mean rating of the promised aspect in one round, 1–5.
    pub struct RoundFulfilment {
        pub round: String,
        /// The round's first answer.
        pub at: DateTime<Utc>,
        pub fulfilment: f64,
        /// Set when this round broke the promise.
        pub breach: Option<BreachReason>,
    }
}

/// The rule: an important promise (importance ≥ [`IMPORTANT_FROM`]) is broken when
/// fulfilment is at most importance − [`SHORTFALL_POINTS`]; any promise is broken when
/// fulfilment falls by [`DROP_POINTS`] or more from the previous round.
pub fn breach(importance: u8, previous: Option<f64>, fulfilment: f64) -> Option<BreachReason> {
    let importance = f64::from(importance);
    if importance >= f64::from(IMPORTANT_FROM) && fulfilment <= importance - SHORTFALL_POINTS {
        Some(BreachReason::BelowImportance)
    } else if previous.is_some_and(|p| p - fulfilment >= DROP_POINTS) {
        Some(BreachReason::Dropped)
    } else {
        None
    }
}

/// One answered survey's ratings, by round.
#[derive(Debug, Clone, PartialEq)]
pub struct RatedAnswer {
    pub round: String,
    pub at: DateTime<Utc>,
    pub ratings: Vec<AspectScore>,
}

/// The aspect's fulfilment per round: the mean of its ratings in the round, the round
/// dated by its first answer; oldest first. Rounds that did not rate it are left out.
pub fn fulfilment_by_round(aspect: &str, answers: &[RatedAnswer]) -> Vec<(String, DateTime<Utc>, f64)> {
    let mut rounds: Vec<(String, DateTime<Utc>, f64, u32)> = Vec::new();
    for answer in answers {
        for rating in answer.ratings.iter().filter(|r| r.aspect == aspect) {
            let value = f64::from(rating.score);
            match rounds.iter_mut().find(|r| r.0 == answer.round) {
                Some(round) => {
                    round.1 = round.1.min(answer.at);
                    round.2 += value;
                    round.3 += 1;
                }
                None => rounds.push((answer.round.clone(), answer.at, value, 1)),
            }
        }
    }
    rounds.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    rounds
        .into_iter()
        .map(|(round, at, sum, n)| (round, at, sum / f64::from(n)))
        .collect()
}

/// One counter-feedback's ratings: the team's view of the aspects it rated.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRating {
    pub counter_feedback: String,
    pub at: DateTime<Utc>,
    pub ratings: Vec<AspectRating>,
}

/// The team's fulfilment of the aspect: each counter-feedback that rated it, oldest
/// first (`ratings` in the order they were given), keyed by the counter-feedback (the
/// team's "rounds").
pub fn team_fulfilment(aspect: &str, ratings: &[TeamRating]) -> Vec<(String, DateTime<Utc>, f64)> {
    let mut rated: Vec<(String, DateTime<Utc>, f64)> = ratings
        .iter()
        .filter_map(|team| {
            let rating = team.ratings.iter().find(|r| r.aspect == aspect)?;
            Some((team.counter_feedback.clone(), team.at, f64::from(rating.score)))
        })
        .collect();
    // Stable: ratings given at the same moment keep the order they were given in.
    rated.sort_by_key(|r| r.1);
    rated
}

/// Each round's fulfilment (oldest first) with the rule applied against the round before.
pub fn judged(importance: u8, rounds: Vec<(String, DateTime<Utc>, f64)>) -> Vec<RoundFulfilment> {
    let mut previous = None;
    rounds
        .into_iter()
        .map(|(round, at, fulfilment)| {
            let judged = RoundFulfilment {
                breach: breach(importance, previous, fulfilment),
                round,
                at,
                fulfilment,
            };
            previous = Some(fulfilment);
            judged
        })
        .collect()
}

/// Whether the latest round starts a breach: broken, after a round that was not (or
/// none). A promise that stays broken round after round is one breach, alerted once;
/// kept again and broken again is a new one.
pub fn starts_breach(rounds: &[RoundFulfilment]) -> Option<BreachReason> {
    let (latest, earlier) = rounds.split_last()?;
    let reason = latest.breach?;
    match earlier.last() {
        Some(before) if before.breach.is_some() => None,
        _ => Some(reason),
    }
}

/// Rounds answered at or after the promise count for it.
pub fn status(rounds: &[RoundFulfilment], promised_at: DateTime<Utc>) -> PromiseStatus {
    let after: Vec<&RoundFulfilment> = rounds.iter().filter(|r| r.at >= promised_at).collect();
    if after.is_empty() {
        PromiseStatus::NotYetRated
    } else if after.iter().any(|r| r.breach.is_some()) {
        PromiseStatus::Broken
    } else {
        PromiseStatus::Kept
    }
}

api_type! {
    pub struct PromiseView {
        pub id: String,
        pub account: PersonRef,
        pub input: PromiseInput,
        pub promised_by: PersonRef,
        pub promised_at: DateTime<Utc>,
        /// The customer's expectation (importance) of the aspect, as last stated in the
        /// expectations survey.
        pub customer_importance: Option<f64>,
        /// Rounds rating the aspect, oldest first (earlier ones count as "previous").
        pub fulfilment: Vec<RoundFulfilment>,
        /// The team's ratings of the aspect in counter-feedback, oldest first, judged
        /// by the same rule against the team's previous rating (`round` is the
        /// counter-feedback).
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub team_fulfilment: Vec<RoundFulfilment>,
        /// Broken when either the customer's or the team's ratings broke it.
        pub status: PromiseStatus,
    }
}

api_type! {
    /// A broken promise, told to the account lead and the seller who made it: the
    /// promise as written beside the customer's words.
    pub struct PromiseAlert {
        pub id: String,
        pub account: PersonRef,
        pub promise: String,
        pub aspect: String,
        pub what: String,
        pub commitment: Option<String>,
        pub importance: u8,
        pub promised_by: PersonRef,
        pub promised_at: DateTime<Utc>,
        pub reason: BreachReason,
        pub fulfilment: f64,
        pub previous: Option<f64>,
        /// Who rated it: the customer's contact, or the team member.
        pub contact_name: String,
        /// The customer's open answers in the response that broke it, or the team
        /// member's words in the counter-feedback, verbatim.
        pub customer_words: Vec<String>,
        /// The team's rating in a counter-feedback broke it, not a customer's answer.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub by_team: bool,
        pub at: DateTime<Utc>,
        /// The case it opened or was attached to.
        pub case: Option<String>,
    }
}

/// The promise quoted for a case trigger's note and the alert email.
pub fn quote(input: &PromiseInput, promised_by: &str, promised_at: DateTime<Utc>) -> String {
    let commitment = input
        .commitment
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    format!(
        "Promised by {promised_by} on {} [{}, importance {}]: {}{commitment}",
        promised_at.format("%Y-%m-%d"),
        input.aspect,
        input.importance,
        input.what
    )
}

// --- the chain review ---

/// One promise as the chain review reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainFact {
    pub promise: PromiseView,
    pub segments: Vec<String>,
    /// The customer's words from the rounds that broke it.
    pub quotes: Vec<String>,
}

api_type! {
    pub struct ChainItem {
        pub account: PersonRef,
        pub promise: String,
        pub what: String,
        pub commitment: Option<String>,
        pub promised_by: PersonRef,
        pub status: PromiseStatus,
        /// The latest fulfilment, if rated.
        pub fulfilment: Option<f64>,
        pub quotes: Vec<String>,
    }
}

api_type! {
    /// One aspect in one phase: how many promises kept and broke, and which.
    pub struct ChainRow {
        pub phase: Stage,
        pub aspect: String,
        pub kept: u32,
        pub broken: u32,
        pub not_yet_rated: u32,
        pub items: Vec<ChainItem>,
    }
}

api_type! {
    pub struct ChainReview {
        pub rows: Vec<ChainRow>,
        /// Who recorded promises in what was reviewed: the seller filter's choices.
        pub sellers: Vec<PersonRef>,
        pub segments: Vec<String>,
    }
}

/// The chain review's filters: a segment, a seller (user id).
#[derive(Debug, Clone, Default)]
pub struct ChainFilter {
    pub segment: Option<String>,
    pub seller: Option<String>,
}

/// Rows by phase (the stages' order) then aspect (alphabetical), broken items first.
pub fn chain_review(facts: &[ChainFact], filter: &ChainFilter) -> ChainReview {
    let mut sellers: Vec<PersonRef> = Vec::new();
    let mut segments: Vec<String> = Vec::new();
    for fact in facts {
        if !sellers.contains(&fact.promise.promised_by) {
            sellers.push(fact.promise.promised_by.clone());
        }
        segments.extend(fact.segments.iter().cloned());
    }
    sellers.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    segments.sort();
    segments.dedup();
    let chosen = facts.iter().filter(|fact| {
        filter.segment.as_ref().is_none_or(|s| fact.segments.contains(s))
            && filter.seller.as_ref().is_none_or(|s| &fact.promise.promised_by.id == s)
    });
    let mut rows: Vec<ChainRow> = Vec::new();
    for fact in chosen {
        let p = &fact.promise;
        let index = match rows
            .iter()
            .position(|r| r.phase == p.input.phase && r.aspect == p.input.aspect)
        {
            Some(i) => i,
            None => {
                rows.push(ChainRow {
                    phase: p.input.phase,
                    aspect: p.input.aspect.clone(),
                    kept: 0,
                    broken: 0,
                    not_yet_rated: 0,
                    items: Vec::new(),
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[index];
        match p.status {
            PromiseStatus::Kept => row.kept += 1,
            PromiseStatus::Broken => row.broken += 1,
            PromiseStatus::NotYetRated => row.not_yet_rated += 1,
        }
        row.items.push(ChainItem {
            account: p.account.clone(),
            promise: p.id.clone(),
            what: p.input.what.clone(),
            commitment: p.input.commitment.clone(),
            promised_by: p.promised_by.clone(),
            status: p.status,
            fulfilment: p.fulfilment.last().map(|r| r.fulfilment),
            quotes: fact.quotes.clone(),
        });
    }
    let phase_order = |phase: Stage| Stage::ALL.iter().position(|&s| s == phase);
    let status_order = |status: PromiseStatus| match status {
        PromiseStatus::Broken => 0,
        PromiseStatus::NotYetRated => 1,
        PromiseStatus::Kept => 2,
    };
    for row in &mut rows {
        row.items.sort_by(|a, b| {
            status_order(a.status)
                .cmp(&status_order(b.status))
                .then_with(|| a.account.name.cmp(&b.account.name))
        });
    }
    rows.sort_by(|a, b| {
        phase_order(a.phase)
            .cmp(&phase_order(b.phase))
            .then_with(|| a.aspect.cmp(&b.aspect))
    });
    ChainReview {
        rows,
        sellers,
        segments,
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, d, 12, 0, 0).unwrap()
    }

    fn rounds(values: &[f64]) -> Vec<(String, DateTime<Utc>, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("r{i}"), day(u32::try_from(i).unwrap() + 1), *v))
            .collect()
    }

    #[test]
    fn important_promise_breaks_two_below_its_importance() {
        assert_eq!(breach(5, None, 3.0), Some(BreachReason::BelowImportance));
        assert_eq!(breach(5, None, 3.5), None, "noise above the line");
        assert_eq!(breach(4, None, 2.0), Some(BreachReason::BelowImportance));
        assert_eq!(breach(4, None, 2.5), None);
        // Unimportant aspects only break by a drop.
        assert_eq!(breach(3, None, 1.0), None);
    }

    #[test]
    fn a_drop_of_two_between_rounds_breaks_any_promise() {
        assert_eq!(breach(3, Some(5.0), 3.0), Some(BreachReason::Dropped));
        assert_eq!(breach(3, Some(5.0), 3.5), None, "a drop of 1.5 is noise");
        assert_eq!(breach(2, Some(3.0), 4.0), None, "a rise is no drop");
    }

    #[test]
    fn a_breach_that_lasts_is_alerted_once_and_a_new_one_again() {
        let j = |values: &[f64]| judged(5, rounds(values));
        assert_eq!(starts_breach(&j(&[4.0, 3.0])), Some(BreachReason::BelowImportance));
        assert_eq!(starts_breach(&j(&[4.0, 3.0, 3.0])), None, "still the same breach");
        assert_eq!(starts_breach(&j(&[4.0, 3.0, 4.0])), None, "kept again");
        assert_eq!(
            starts_breach(&j(&[4.0, 3.0, 4.0, 2.0])),
            Some(BreachReason::BelowImportance),
            "broken again: a new breach"
        );
        assert_eq!(starts_breach(&j(&[])), None);
    }

    #[test]
    fn status_counts_rounds_since_the_promise() {
        let judged = judged(5, rounds(&[2.0, 5.0]));
        assert_eq!(status(&judged, day(1)), PromiseStatus::Broken);
        assert_eq!(
            status(&judged, day(2)),
            PromiseStatus::Kept,
            "the earlier round was before the promise"
        );
        assert_eq!(status(&judged, day(20)), PromiseStatus::NotYetRated);
    }

    #[test]
    fn fulfilment_is_the_rounds_mean_oldest_first() {
        let rated = |round: &str, d: u32, score: u8| RatedAnswer {
            round: round.into(),
            at: day(d),
            ratings: vec![
                AspectScore {
                    aspect: "communication".into(),
                    score,
                },
                AspectScore {
                    aspect: "quality".into(),
                    score: 5,
                },
            ],
        };
        let answers = vec![rated("late", 9, 2), rated("early", 2, 5), rated("late", 8, 3)];
        assert_eq!(
            fulfilment_by_round("communication", &answers),
            vec![("early".to_string(), day(2), 5.0), ("late".to_string(), day(8), 2.5)]
        );
        assert!(fulfilment_by_round("value", &answers).is_empty());
    }

    #[test]
    fn input_rules() {
        let aspects = vec!["quality".to_string(), "communication".to_string()];
        let input = PromiseInput {
            aspect: " communication ".into(),
            what: " Weekly status report ".into(),
            importance: 5,
            commitment: Some("  ".into()),
            phase: Stage::Sales,
        }
        .normalised();
        assert_eq!(input.check(&aspects), Ok(()));
        assert_eq!(input.commitment, None);
        let field = |input: PromiseInput| input.check(&aspects).unwrap_err().field;
        assert_eq!(
            field(PromiseInput {
                aspect: "parking".into(),
                ..input.clone()
            }),
            "aspect"
        );
        assert_eq!(
            field(PromiseInput {
                importance: 6,
                ..input.clone()
            }),
            "importance"
        );
        assert_eq!(
            field(PromiseInput {
                what: String::new(),
                ..input.clone()
            }),
            "what"
        );
    }

    fn fact(id: &str, account: &str, seller: &str, aspect: &str, status: PromiseStatus, segment: &str) -> ChainFact {
        let person = |id: &str| PersonRef {
            id: id.into(),
            name: id.to_uppercase(),
        };
        ChainFact {
            promise: PromiseView {
                id: id.into(),
                account: person(account),
                input: PromiseInput {
                    aspect: aspect.into(),
                    what: format!("{id} promise"),
                    importance: 5,
                    commitment: None,
                    phase: Stage::Sales,
                },
                promised_by: person(seller),
                promised_at: day(1),
                customer_importance: None,
                fulfilment: Vec::new(),
                team_fulfilment: Vec::new(),
                status,
            },
            segments: vec![segment.into()],
            quotes: Vec::new(),
        }
    }

    #[test]
    fn the_teams_ratings_are_judged_by_the_same_rule() {
        let rating = |cf: &str, at: u32, aspect: &str, score: u8| TeamRating {
            counter_feedback: cf.into(),
            at: day(at),
            ratings: vec![AspectRating {
                aspect: aspect.into(),
                score,
            }],
        };
        let ratings = [
            rating("cf3", 30, "schedule", 2),
            rating("cf1", 10, "schedule", 4),
            rating("cf2", 20, "quality", 1),
        ];
        let rated = team_fulfilment("schedule", &ratings);
        assert_eq!(
            rated
                .iter()
                .map(|(cf, _, score)| (cf.as_str(), *score))
                .collect::<Vec<_>>(),
            [("cf1", 4.0), ("cf3", 2.0)],
            "only the aspect's ratings, oldest first"
        );
        let judged = judged(5, rated);
        assert_eq!(judged[1].breach, Some(BreachReason::BelowImportance));
        assert_eq!(starts_breach(&judged), Some(BreachReason::BelowImportance));
    }

    #[test]
    fn chain_review_counts_per_phase_and_aspect_and_filters() {
        use PromiseStatus::*;
        let facts = vec![
            fact("p1", "a", "sam", "communication", Broken, "retail"),
            fact("p2", "b", "sam", "communication", Kept, "health"),
            fact("p3", "c", "kim", "communication", Kept, "retail"),
            fact("p4", "c", "kim", "quality", NotYetRated, "retail"),
        ];
        let all = chain_review(&facts, &ChainFilter::default());
        let counts: Vec<(&str, u32, u32, u32)> = all
            .rows
            .iter()
            .map(|r| (r.aspect.as_str(), r.kept, r.broken, r.not_yet_rated))
            .collect();
        assert_eq!(counts, vec![("communication", 2, 1, 0), ("quality", 0, 0, 1)]);
        assert_eq!(all.rows[0].items[0].promise, "p1", "broken first");
        let sam = chain_review(
            &facts,
            &ChainFilter {
                seller: Some("sam".into()),
                segment: None,
            },
        );
        assert_eq!((sam.rows.len(), sam.rows[0].kept, sam.rows[0].broken), (1, 1, 1));
        let retail = chain_review(
            &facts,
            &ChainFilter {
                seller: None,
                segment: Some("retail".into()),
            },
        );
        assert_eq!((retail.rows[0].kept, retail.rows[0].broken), (1, 1));
        assert_eq!(all.segments, vec!["health".to_string(), "retail".to_string()]);
    }
}
