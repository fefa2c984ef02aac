//! An account's evidence over time in the compact form health is computed from: when
//! each link went out and how it ended, what each contact answered, the team's
//! counter-feedback and the actions. The server gathers it from storage when something
//! changes; the health of any month follows from it without the database.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::churn::ChurnCause;
use crate::counterfeedback::ChurnRisk;
use crate::health::{self, Factor, Health, HealthInputs, RiskBand, Weights};
use crate::survey::{Answer, Question, QuestionKind};

/// An expectations survey asks how much `importance_<aspect>` matters; a relationship
/// survey rates `<aspect>` itself. The pair is the expectation and its fulfilment.
pub const IMPORTANCE_PREFIX: &str = "importance_";

/// A survey link: when it went out and how it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkFact {
    pub sent_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    /// When the customer could no longer answer: expiry or revoke.
    pub closed_at: DateTime<Utc>,
}

/// One 1–5 answer about an aspect (the question's id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AspectScore {
    pub aspect: String,
    pub score: u8,
}

/// One development point a customer raised, and when an action was made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointFact {
    pub addressed_at: Option<DateTime<Utc>>,
}

/// One submitted survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerFact {
    pub at: DateTime<Utc>,
    pub nps: Option<u8>,
    /// How the firm does on each aspect (relationship surveys).
    pub ratings: Vec<AspectScore>,
    /// How much each aspect matters to the customer (expectations surveys).
    pub importance: Vec<AspectScore>,
    /// Churn causes the analysis found in the open answers.
    pub causes: Vec<ChurnCause>,
    pub points: Vec<PointFact>,
}

/// A customer's scores in one response, read by each question's kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    pub nps: Option<u8>,
    pub ratings: Vec<AspectScore>,
    pub importance: Vec<AspectScore>,
}

impl Scores {
    /// Ratings of questions named `importance_…` say how much an aspect matters; the
    /// others how the firm does on it.
    pub fn of(questions: &[Question], answers: &[Answer]) -> Scores {
        let mut scores = Scores::default();
        for answer in answers {
            let kind = questions.iter().find(|q| q.id == answer.question_id).map(|q| q.kind);
            let Some(score) = answer.score.and_then(|s| u8::try_from(s).ok()) else {
                continue;
            };
            let aspect = || AspectScore {
                aspect: answer.question_id.clone(),
                score,
            };
            match kind {
                Some(QuestionKind::Nps) if score <= 10 => scores.nps = Some(score),
                Some(QuestionKind::Rating) if answer.question_id.starts_with(IMPORTANCE_PREFIX) => {
                    scores.importance.push(aspect())
                }
                Some(QuestionKind::Rating) => scores.ratings.push(aspect()),
                _ => {}
            }
        }
        scores
    }

    /// The customer's side of [`health::HealthInputs`] for this response alone.
    pub fn inputs(&self) -> HealthInputs {
        HealthInputs {
            nps_scores: self.nps.map(u32::from).into_iter().collect(),
            ratings: self.ratings.iter().map(|r| f64::from(r.score)).collect(),
            ..HealthInputs::default()
        }
    }
}

/// One counter-feedback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamFact {
    pub at: DateTime<Utc>,
    pub health: u8,
    pub risk: ChurnRisk,
    pub causes: Vec<ChurnCause>,
}

/// One action: open from its creation until done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionFact {
    pub created_at: DateTime<Utc>,
    pub due: Option<NaiveDate>,
    pub done_at: Option<DateTime<Utc>>,
}

/// Everything health is computed from, for one account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub links: Vec<LinkFact>,
    pub answers: Vec<AnswerFact>,
    pub team: Vec<TeamFact>,
    pub actions: Vec<ActionFact>,
}

/// A calendar month (UTC), the heatmap's unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    pub fn of(at: DateTime<Utc>) -> Month {
        Month {
            year: at.year(),
            month: at.month(),
        }
    }

    /// `2026-05`.
    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn parse(label: &str) -> Option<Month> {
        let (year, month) = label.split_once('-')?;
        let month = Month {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
        };
        ((1..=12).contains(&month.month) && year.len() == 4 && label.len() == 7).then_some(month)
    }

    pub fn previous(self) -> Month {
        match self.month {
            1 => Month {
                year: self.year - 1,
                month: 12,
            },
            m => Month {
                year: self.year,
                month: m - 1,
            },
        }
    }

    pub fn next(self) -> Month {
        match self.month {
            12 => Month {
                year: self.year + 1,
                month: 1,
            },
            m => Month {
                year: self.year,
                month: m + 1,
            },
        }
    }

    pub fn start(self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(self.year, self.month, 1, 0, 0, 0)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// The last instant of the month.
    pub fn end(self) -> DateTime<Utc> {
        self.next().start() - Duration::nanoseconds(1)
    }

    /// `2026-Q2`: the quarter the month falls in.
    pub fn quarter_label(self) -> String {
        format!("{:04}-Q{}", self.year, (self.month - 1) / 3 + 1)
    }

    /// The `count` months up to and including the month of `now`, oldest first.
    pub fn last(now: DateTime<Utc>, count: usize) -> Vec<Month> {
        let mut months = Vec::with_capacity(count);
        let mut month = Month::of(now);
        for _ in 0..count {
            months.push(month);
            month = month.previous();
        }
        months.reverse();
        months
    }
}

/// The months the heatmap's time mode and the account's charts cover.
pub const HISTORY_MONTHS: usize = 24;

fn in_window(at: DateTime<Utc>, end: DateTime<Utc>, window: Duration) -> bool {
    end - window < at && at <= end
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0u32), |(sum, count), v| (sum + v, count + 1));
    (count > 0).then(|| sum / f64::from(count))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One aspect's expectation (how much it matters) against its fulfilment (how the firm
/// does), both 1–5.
#[derive(Debug, Clone, PartialEq)]
pub struct AspectExpectation {
    pub aspect: String,
    pub expected: Option<f64>,
    pub fulfilled: Option<f64>,
}

impl Evidence {
    fn answers_in(&self, end: DateTime<Utc>, window: Duration) -> impl Iterator<Item = &AnswerFact> {
        self.answers.iter().filter(move |a| in_window(a.at, end, window))
    }

    fn team_in(&self, end: DateTime<Utc>, window: Duration) -> impl Iterator<Item = &TeamFact> {
        self.team.iter().filter(move |t| in_window(t.at, end, window))
    }

    /// The NPS answers of the window that ends at `end`.
    pub fn nps_scores(&self, end: DateTime<Utc>, window: Duration) -> Vec<u32> {
        self.answers_in(end, window)
            .filter_map(|a| a.nps.map(u32::from))
            .collect()
    }

    /// The team's latest word in the window; of two at once, the more worried.
    fn latest_team(&self, end: DateTime<Utc>, window: Duration) -> Option<&TeamFact> {
        let worry = |risk: ChurnRisk| ChurnRisk::ALL.iter().position(|&r| r == risk);
        self.team_in(end, window).max_by_key(|t| (t.at, worry(t.risk)))
    }

    /// Each aspect asked in either survey: the latest stated importance up to `end`
    /// (expectations are set once and hold until asked again) against the mean rating
    /// in the window.
    pub fn expectations_at(&self, end: DateTime<Utc>, window: Duration) -> Vec<AspectExpectation> {
        fn entry<'a>(aspects: &'a mut Vec<AspectExpectation>, aspect: &str) -> &'a mut AspectExpectation {
            let index = match aspects.iter().position(|a| a.aspect == aspect) {
                Some(i) => i,
                None => {
                    aspects.push(AspectExpectation {
                        aspect: aspect.to_string(),
                        expected: None,
                        fulfilled: None,
                    });
                    aspects.len() - 1
                }
            };
            &mut aspects[index]
        }
        let mut aspects: Vec<AspectExpectation> = Vec::new();
        // Per aspect its latest statement; statements made at once count equally.
        let stated: Vec<(&str, DateTime<Utc>, u8)> = self
            .answers
            .iter()
            .filter(|a| a.at <= end)
            .flat_map(|a| {
                a.importance.iter().map(move |score| {
                    let aspect = score.aspect.strip_prefix(IMPORTANCE_PREFIX).unwrap_or(&score.aspect);
                    (aspect, a.at, score.score)
                })
            })
            .collect();
        let mut stated_aspects: Vec<&str> = stated.iter().map(|(aspect, ..)| *aspect).collect();
        stated_aspects.sort_unstable();
        stated_aspects.dedup();
        for aspect in stated_aspects {
            let latest = stated.iter().filter(|s| s.0 == aspect).map(|s| s.1).max();
            entry(&mut aspects, aspect).expected = mean(
                stated
                    .iter()
                    .filter(|s| s.0 == aspect && Some(s.1) == latest)
                    .map(|s| f64::from(s.2)),
            );
        }
        let rated: Vec<&AspectScore> = self.answers_in(end, window).flat_map(|a| &a.ratings).collect();
        let mut names: Vec<&str> = rated.iter().map(|s| s.aspect.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            entry(&mut aspects, name).fulfilled =
                mean(rated.iter().filter(|s| s.aspect == name).map(|s| f64::from(s.score)));
        }
        aspects
    }

    /// What is known of the account over the `window` that ends at `end`.
    pub fn inputs_at(&self, end: DateTime<Utc>, window: Duration) -> HealthInputs {
        let ratings = self
            .answers_in(end, window)
            .flat_map(|a| a.ratings.iter().map(|r| f64::from(r.score)))
            .collect();
        let team: Vec<&TeamFact> = self.team_in(end, window).collect();
        // Silence counts once the customer had their chance: answered, or the link closed.
        let asked: Vec<&LinkFact> = self
            .links
            .iter()
            .filter(|l| in_window(l.sent_at, end, window))
            .filter(|l| l.answered_at.is_some_and(|at| at <= end) || l.closed_at <= end)
            .collect();
        let answered = asked
            .iter()
            .filter(|l| l.answered_at.is_some_and(|at| at <= end))
            .count();
        let open_at =
            |created: DateTime<Utc>, done: Option<DateTime<Utc>>| created <= end && done.is_none_or(|d| d > end);
        let today = end.date_naive();
        let open_actions: Vec<&ActionFact> = self
            .actions
            .iter()
            .filter(|a| open_at(a.created_at, a.done_at))
            .collect();
        let overdue = open_actions
            .iter()
            .filter(|a| a.due.is_some_and(|due| due < today))
            .count();
        let open_points = self
            .answers_in(end, window)
            .flat_map(|a| &a.points)
            .filter(|p| p.addressed_at.is_none_or(|at| at > end))
            .count();
        let gaps: Vec<f64> = self
            .expectations_at(end, window)
            .iter()
            .filter_map(|a| Some(a.expected? - a.fulfilled?))
            .collect();
        HealthInputs {
            nps_scores: self.nps_scores(end, window),
            ratings,
            team_health: team.iter().map(|t| u32::from(t.health)).collect(),
            team_risk: self.latest_team(end, window).map(|t| t.risk),
            previous_nps: health::nps(&self.nps_scores(end - window, window)),
            contacts_asked: count(asked.len()),
            contacts_answered: count(answered),
            open_development_points: count(open_points + open_actions.len() - overdue),
            overdue_actions: count(overdue),
            expectation_gap: mean(gaps.into_iter()),
        }
    }

    /// The churn causes in play over the window: those the team's latest
    /// counter-feedback names and those found in the customer's words.
    pub fn causes_at(&self, end: DateTime<Utc>, window: Duration) -> Vec<ChurnCause> {
        let mut causes: Vec<ChurnCause> = self
            .latest_team(end, window)
            .map(|t| t.causes.clone())
            .unwrap_or_default();
        causes.extend(self.answers_in(end, window).flat_map(|a| a.causes.iter().copied()));
        causes.sort_by_key(|c| c.code());
        causes.dedup();
        causes
    }

    /// Drops what no window that ends within the last `months` months can see.
    pub fn trimmed(mut self, now: DateTime<Utc>, months: usize, window: Duration) -> Evidence {
        let first = Month::last(now, months).first().map_or(now, |m| m.start());
        // The trend of the first month looks one window further back.
        let horizon = first - window - window;
        self.links.retain(|l| l.sent_at > horizon);
        // Stated expectations hold until stated again, however old.
        self.answers.retain(|a| a.at > horizon || !a.importance.is_empty());
        self.team.retain(|t| t.at > horizon);
        self.actions.retain(|a| a.done_at.is_none_or(|d| d > horizon));
        self
    }
}

api_type! {
    /// The signals of one account at one time: the heatmap's cells.
    pub struct SignalValues {
        /// 0–100.
        pub health: Option<f64>,
        pub band: Option<RiskBand>,
        /// −100..100.
        pub nps: Option<f64>,
        /// Mean relationship health from counter-feedback, 1–5.
        pub team_health: Option<f64>,
        pub team_risk: Option<ChurnRisk>,
        /// The customer's view minus the team's, in points; see [`health::Health::gap`].
        pub gap: Option<f64>,
        /// NPS change against the window before.
        pub trend: Option<f64>,
        /// % of the contacts asked who answered.
        pub response_rate: Option<f64>,
        /// Expected minus fulfilled, 1–5 scale; positive when falling short.
        pub expectation_gap: Option<f64>,
    }
}

impl SignalValues {
    pub fn of(health: Option<&Health>, team_risk: Option<ChurnRisk>) -> SignalValues {
        let value = |factor: Factor| {
            health
                .and_then(|h| h.factors.iter().find(|f| f.factor == factor))
                .map(|f| f.value)
        };
        SignalValues {
            health: health.map(|h| h.score),
            band: health.map(|h| h.band),
            nps: value(Factor::Nps),
            team_health: value(Factor::TeamHealth),
            team_risk,
            gap: health.and_then(|h| h.gap),
            trend: value(Factor::Trend),
            response_rate: value(Factor::ResponseRate),
            expectation_gap: value(Factor::ExpectationGap),
        }
    }
}

/// An account's signals now and month by month, with what the totals need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountSignals {
    pub current: SignalValues,
    /// One per month of [`Month::last`]`(now, HISTORY_MONTHS)`, oldest first; each
    /// month as it stood at its end.
    pub months: Vec<SignalValues>,
    /// Promoters, passives and detractors among the current window's answers.
    pub nps_counts: [u32; 3],
    pub causes: Vec<ChurnCause>,
}

/// The window the account page and the heatmap look back over.
pub fn window() -> Duration {
    Duration::days(health::HEALTH_WINDOW_DAYS.into())
}

impl Evidence {
    /// The account's health at `end` (the window before it), or none without evidence.
    pub fn health_at(
        &self,
        end: DateTime<Utc>,
        weights: &Weights,
        annual_value_eur: i64,
    ) -> (HealthInputs, Option<Health>) {
        let inputs = self.inputs_at(end, window());
        let health = health::assess(&inputs, weights, annual_value_eur);
        (inputs, health)
    }

    /// The signals now and for each of the last `months` months.
    pub fn signals(&self, now: DateTime<Utc>, weights: &Weights, months: usize) -> AccountSignals {
        let at = |end: DateTime<Utc>| {
            let (inputs, health) = self.health_at(end, weights, 0);
            SignalValues::of(health.as_ref(), inputs.team_risk)
        };
        let history = Month::last(now, months)
            .into_iter()
            .map(|month| at(month.end().min(now)))
            .collect();
        let scores = self.nps_scores(now, window());
        let counts = |range: std::ops::RangeInclusive<u32>| count(scores.iter().filter(|s| range.contains(s)).count());
        AccountSignals {
            current: at(now),
            months: history,
            nps_counts: [counts(9..=10), counts(7..=8), counts(0..=6)],
            causes: self.causes_at(now, window()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap() + Duration::days(d)
    }

    fn answer(at: i64, nps: u8, ratings: &[(&str, u8)]) -> AnswerFact {
        AnswerFact {
            at: day(at),
            nps: Some(nps),
            ratings: ratings
                .iter()
                .map(|(aspect, score)| AspectScore {
                    aspect: aspect.to_string(),
                    score: *score,
                })
                .collect(),
            importance: vec![],
            causes: vec![],
            points: vec![],
        }
    }

    fn link(sent: i64, answered: Option<i64>) -> LinkFact {
        LinkFact {
            sent_at: day(sent),
            answered_at: answered.map(day),
            closed_at: day(sent + 14),
        }
    }

    #[test]
    fn months_label_parse_and_step() {
        let may = Month::parse("2026-05").unwrap();
        assert_eq!(may.label(), "2026-05");
        assert_eq!(may.quarter_label(), "2026-Q2");
        assert_eq!(Month::parse("2026-01").unwrap().previous().label(), "2025-12");
        assert_eq!(Month::parse("2025-12").unwrap().next().label(), "2026-01");
        for bad in ["2026-13", "2026-00", "26-05", "2026-5", "may"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        assert_eq!(
            may.end(),
            Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap() - Duration::nanoseconds(1)
        );
        let last = Month::last(Utc.with_ymd_and_hms(2026, 2, 10, 0, 0, 0).unwrap(), 3);
        let labels: Vec<String> = last.iter().map(|m| m.label()).collect();
        assert_eq!(labels, ["2025-12", "2026-01", "2026-02"]);
    }

    #[test]
    fn inputs_count_only_the_window() {
        let evidence = Evidence {
            answers: vec![answer(0, 10, &[("quality", 5)]), answer(200, 3, &[("quality", 2)])],
            ..Evidence::default()
        };
        let now = evidence.inputs_at(day(210), window());
        assert_eq!(now.nps_scores, [3]);
        assert_eq!(now.ratings, [2.0]);
        assert_eq!(now.previous_nps, Some(100.0));
        let then = evidence.inputs_at(day(10), window());
        assert_eq!(then.nps_scores, [10]);
        assert_eq!(then.previous_nps, None);
    }

    #[test]
    fn silence_counts_once_the_link_closed() {
        let evidence = Evidence {
            links: vec![link(0, Some(2)), link(0, None), link(100, None)],
            ..Evidence::default()
        };
        // Day 5: one answered, one still open, the third not sent yet.
        let early = evidence.inputs_at(day(5), window());
        assert_eq!((early.contacts_asked, early.contacts_answered), (1, 1));
        // Day 120: the second and third closed unanswered.
        let late = evidence.inputs_at(day(120), window());
        assert_eq!((late.contacts_asked, late.contacts_answered), (3, 1));
    }

    #[test]
    fn actions_and_points_are_open_until_done_and_overdue_after_their_day() {
        let evidence = Evidence {
            actions: vec![
                ActionFact {
                    created_at: day(0),
                    due: Some(day(10).date_naive()),
                    done_at: Some(day(20)),
                },
                ActionFact {
                    created_at: day(5),
                    due: None,
                    done_at: None,
                },
            ],
            answers: vec![AnswerFact {
                points: vec![
                    PointFact { addressed_at: None },
                    PointFact {
                        addressed_at: Some(day(3)),
                    },
                ],
                ..answer(1, 8, &[])
            }],
            ..Evidence::default()
        };
        let at = |d| {
            let inputs = evidence.inputs_at(day(d), window());
            (inputs.open_development_points, inputs.overdue_actions)
        };
        assert_eq!(at(2), (3, 0)); // the action and both points
        assert_eq!(at(8), (3, 0)); // one point addressed, the second action opened
        assert_eq!(at(15), (2, 1)); // the first action is late
        assert_eq!(at(25), (2, 0)); // and done
    }

    #[test]
    fn expectations_pair_importance_with_ratings() {
        let mut stated = answer(0, 9, &[]);
        stated.nps = None;
        stated.importance = vec![
            AspectScore {
                aspect: "importance_quality".into(),
                score: 5,
            },
            AspectScore {
                aspect: "importance_schedule".into(),
                score: 3,
            },
        ];
        let evidence = Evidence {
            answers: vec![stated, answer(30, 8, &[("quality", 3), ("communication", 4)])],
            ..Evidence::default()
        };
        let aspects = evidence.expectations_at(day(40), window());
        let find = |name: &str| aspects.iter().find(|a| a.aspect == name).unwrap().clone();
        assert_eq!(
            (find("quality").expected, find("quality").fulfilled),
            (Some(5.0), Some(3.0))
        );
        assert_eq!(find("schedule").fulfilled, None);
        assert_eq!(find("communication").expected, None);
        // Only quality has both: 5 expected, 3 delivered.
        assert_eq!(evidence.inputs_at(day(40), window()).expectation_gap, Some(2.0));
        // Importance stated long ago still holds; the ratings must be recent.
        assert_eq!(evidence.inputs_at(day(400), window()).expectation_gap, None);
    }

    #[test]
    fn signals_follow_the_months() {
        let evidence = Evidence {
            answers: vec![answer(10, 10, &[("quality", 5)]), answer(100, 2, &[("quality", 1)])],
            team: vec![TeamFact {
                at: day(101),
                health: 2,
                risk: ChurnRisk::High,
                causes: vec![ChurnCause::ComplaintHandling],
            }],
            ..Evidence::default()
        };
        let now = day(120);
        let signals = evidence.signals(now, &Weights::default(), 6);
        assert_eq!(signals.months.len(), 6);
        assert_eq!(signals.months[5], signals.current);
        // January (day 10 is in January 2026): only the promoter.
        let january = Month::last(now, 6).iter().position(|m| m.label() == "2026-01").unwrap();
        assert_eq!(signals.months[january].nps, Some(100.0));
        assert_eq!(signals.months[january].band, Some(RiskBand::Low));
        assert_eq!(signals.current.nps, Some(0.0));
        assert_eq!(signals.current.team_risk, Some(ChurnRisk::High));
        assert!(signals.current.band >= Some(RiskBand::High));
        assert_eq!(signals.nps_counts, [1, 0, 1]);
        assert_eq!(signals.causes, [ChurnCause::ComplaintHandling]);
        // Months before any evidence have no values.
        assert_eq!(signals.months[0].health, None);
    }

    #[test]
    fn trimming_keeps_what_the_windows_see() {
        let now = day(1200);
        let mut stated = answer(0, 9, &[]);
        stated.importance = vec![AspectScore {
            aspect: "importance_quality".into(),
            score: 4,
        }];
        let evidence = Evidence {
            answers: vec![stated, answer(10, 3, &[]), answer(1190, 9, &[])],
            links: vec![link(10, Some(11)), link(1180, Some(1190))],
            ..Evidence::default()
        };
        let trimmed = evidence.clone().trimmed(now, 24, window());
        assert_eq!(
            trimmed.answers.len(),
            2,
            "the old importance stays, the old answer goes"
        );
        assert_eq!(trimmed.links.len(), 1);
        assert_eq!(
            trimmed.signals(now, &Weights::default(), 24),
            evidence.signals(now, &Weights::default(), 24)
        );
    }
}
