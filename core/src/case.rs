//! Cases: every unhappy signal becomes a case that someone owns, works through the
//! LATTE steps (listen, acknowledge, take action, thank, explain) and closes with a
//! root cause. What opens a case and with what evidence, how severe it is, the
//! service-level deadlines in the organisation's working hours, the follow-up of
//! those deadlines and the closing rules live here, once.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::account::PersonRef;
use crate::analysis::{CommentAnalysis, Polarity};
use crate::churn::ChurnCause;
use crate::counterfeedback::{ActionView, ChurnRisk};
use crate::cycle::add_working_minutes;
use crate::evidence::Scores;
use crate::health::{self, HealthInputs};
use crate::survey::{
    Answer, AnswerAnalysis, AnswerError, Localized, Question, QuestionKind, SurveyEmail, check_answers,
};
use crate::validate::{self, FieldError, Invalid};

/// An NPS answer this low is a detractor's.
pub const DETRACTOR_MAX: i32 = 6;
/// A rating this many points below the same contact's previous one opens a case.
pub const RATING_DROP_POINTS: i32 = 2;
pub const NOTE_MAX_CHARS: usize = 4000;
pub const SUBJECT_MAX_CHARS: usize = 200;
pub const ACTIONS_MAX: usize = 20;
/// Reminders go out when this share of the time to a deadline has passed.
const REMIND_AT_PERCENT: i64 = 75;

api_enum! {
    /// What opened a case, or was attached to it later.
    pub enum TriggerKind {
        /// An NPS answer of 0–6.
        Detractor,
        /// The analysis of an open answer found negative sentiment with a churn cause.
        NegativeWithCause,
        /// The team's counter-feedback rated churn risk high.
        TeamHighRisk,
        /// The customer is much happier than the team thinks is warranted.
        GapFlagged,
        /// A rating fell two or more points below the same contact's previous one.
        RatingDrop,
        /// A person opened the case by hand.
        Manual,
        /// The customer answered the re-pulse "no" or "partly" while another case
        /// of the account was open.
        RepulseNotResolved,
        /// A rating broke what the seller promised on that aspect (`promise::breach`);
        /// the promise is quoted in the trigger's note.
        PromiseBroken,
    }
}

impl TriggerKind {
    /// How much the signal alone says about the risk of losing the customer.
    fn weight(self) -> u32 {
        match self {
            TriggerKind::TeamHighRisk => 3,
            TriggerKind::Detractor
            | TriggerKind::GapFlagged
            | TriggerKind::RepulseNotResolved
            | TriggerKind::PromiseBroken => 2,
            TriggerKind::NegativeWithCause | TriggerKind::RatingDrop | TriggerKind::Manual => 1,
        }
    }
}

api_type! {
    /// One number behind a trigger: `label` names it (a question id, `sentiment`,
    /// `team_health`, `gap`), `previous` is the earlier value it is compared with.
    pub struct TriggerScore {
        pub label: String,
        pub value: f64,
        pub previous: Option<f64>,
    }
}

api_type! {
    /// Why a case opened (or was added to), with its evidence: the words as written
    /// and the scores.
    pub struct Trigger {
        pub kind: TriggerKind,
        pub words: Vec<String>,
        pub scores: Vec<TriggerScore>,
        pub churn_causes: Vec<ChurnCause>,
    }
}

fn score(label: &str, value: f64, previous: Option<f64>) -> TriggerScore {
    TriggerScore {
        label: label.to_string(),
        value,
        previous,
    }
}

/// The customer's open answers, verbatim (trimmed), empty ones left out.
pub fn text_answers(answers: &[Answer]) -> Vec<String> {
    answers
        .iter()
        .filter_map(|a| a.text.as_deref())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// A customer response as the triggers read it.
pub struct ResponseFacts<'a> {
    pub questions: &'a [Question],
    pub answers: &'a [Answer],
    pub analysis: &'a [AnswerAnalysis],
    /// The same contact's previous response, if any.
    pub previous_answers: Option<&'a [Answer]>,
}

/// What in a customer's response opens a case: a detractor's score, negative words
/// with a churn cause, a rating fallen since the contact's previous answer.
pub fn response_triggers(response: &ResponseFacts<'_>) -> Vec<Trigger> {
    let kind_of = |id: &str| response.questions.iter().find(|q| q.id == id).map(|q| q.kind);
    let mut triggers = Vec::new();
    for answer in response.answers {
        let Some(value) = answer.score else { continue };
        match kind_of(&answer.question_id) {
            Some(QuestionKind::Nps) if value <= DETRACTOR_MAX => triggers.push(Trigger {
                kind: TriggerKind::Detractor,
                words: text_answers(response.answers),
                scores: vec![score(&answer.question_id, f64::from(value), None)],
                churn_causes: Vec::new(),
            }),
            Some(QuestionKind::Rating) => {
                let previous = response
                    .previous_answers
                    .and_then(|previous| previous.iter().find(|p| p.question_id == answer.question_id))
                    .and_then(|p| p.score);
                if let Some(previous) = previous.filter(|&p| p - value >= RATING_DROP_POINTS) {
                    triggers.push(Trigger {
                        kind: TriggerKind::RatingDrop,
                        words: Vec::new(),
                        scores: vec![score(&answer.question_id, f64::from(value), Some(f64::from(previous)))],
                        churn_causes: Vec::new(),
                    });
                }
            }
            _ => {}
        }
    }
    triggers.extend(
        response
            .analysis
            .iter()
            .filter_map(|answer| negative_with_cause(&answer.analysis)),
    );
    triggers
}

/// Negative words with a churn cause, in an answer or a customer's message: the
/// words behind the sentiment and the causes are the evidence.
pub fn negative_with_cause(analysis: &CommentAnalysis) -> Option<Trigger> {
    if analysis.sentiment.polarity != Polarity::Negative || analysis.churn_causes.is_empty() {
        return None;
    }
    let mut words = analysis.sentiment.evidence.clone();
    for word in analysis.churn_causes.iter().flat_map(|cause| &cause.evidence) {
        if !words.contains(word) {
            words.push(word.clone());
        }
    }
    Some(Trigger {
        kind: TriggerKind::NegativeWithCause,
        words,
        scores: vec![score("sentiment", analysis.sentiment.score, None)],
        churn_causes: analysis.churn_causes.iter().map(|c| c.cause).collect(),
    })
}

/// The team's reading of a relationship as the triggers read it.
pub struct TeamFacts<'a> {
    pub health: u8,
    pub churn_risk: ChurnRisk,
    pub churn_causes: &'a [ChurnCause],
    /// What the team wrote, verbatim (empty texts are left out).
    pub texts: Vec<&'a str>,
}

/// The team rating churn risk high opens a case.
pub fn team_triggers(team: &TeamFacts<'_>) -> Vec<Trigger> {
    if team.churn_risk != ChurnRisk::High {
        return Vec::new();
    }
    vec![Trigger {
        kind: TriggerKind::TeamHighRisk,
        words: team
            .texts
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect(),
        scores: vec![score("team_health", f64::from(team.health), None)],
        churn_causes: team.churn_causes.to_vec(),
    }]
}

/// A response and the team's counter-feedback on the same relationship flagged as
/// "customer happy, team worried" (see [`health::gap_flagged`]).
pub fn gap_trigger(questions: &[Question], answers: &[Answer], team: &TeamFacts<'_>) -> Option<Trigger> {
    let inputs = HealthInputs {
        team_health: vec![u32::from(team.health)],
        team_risk: Some(team.churn_risk),
        ..Scores::of(questions, answers).inputs()
    };
    let gap = health::gap(&inputs);
    health::gap_flagged(gap).then(|| Trigger {
        kind: TriggerKind::GapFlagged,
        words: text_answers(answers)
            .into_iter()
            .chain(
                team.texts
                    .iter()
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty()),
            )
            .collect(),
        scores: [
            score("gap", gap.unwrap_or_default(), None),
            score("team_health", f64::from(team.health), None),
        ]
        .into_iter()
        .chain(
            Scores::of(questions, answers)
                .nps
                .map(|nps| score("nps", f64::from(nps), None)),
        )
        .collect(),
        churn_causes: team.churn_causes.to_vec(),
    })
}

api_enum! {
    pub enum Severity {
        Low,
        Medium,
        High,
        Critical,
    }
}

impl Severity {
    /// 1 (low) to 4 (critical): stored so the worse of two can be kept in a query.
    pub fn rank(self) -> i64 {
        match self {
            Severity::Low => 1,
            Severity::Medium => 2,
            Severity::High => 3,
            Severity::Critical => 4,
        }
    }

    pub fn from_rank(rank: i64) -> Severity {
        Severity::ALL
            .into_iter()
            .rev()
            .find(|s| s.rank() <= rank)
            .unwrap_or(Severity::Low)
    }
}

/// Revenue at risk from which a case counts one step more severe.
pub const SEVERE_REVENUE_EUR: i64 = 20_000;
/// …and two steps.
pub const CRITICAL_REVENUE_EUR: i64 = 100_000;

/// Severity from the kinds of signal (each kind counted once by its weight: three
/// detractors are one signal, a detractor whose team also sees high risk are two)
/// and the account's revenue at risk.
pub fn severity(kinds: &[TriggerKind], revenue_at_risk_eur: i64) -> Severity {
    let mut distinct: Vec<TriggerKind> = kinds.to_vec();
    distinct.sort_by_key(|k| k.code());
    distinct.dedup();
    let signal: u32 = distinct.iter().map(|k| k.weight()).sum();
    let money = match revenue_at_risk_eur {
        r if r >= CRITICAL_REVENUE_EUR => 2,
        r if r >= SEVERE_REVENUE_EUR => 1,
        _ => 0,
    };
    match signal + money {
        0..=2 => Severity::Low,
        3..=4 => Severity::Medium,
        5..=6 => Severity::High,
        _ => Severity::Critical,
    }
}

api_type! {
    /// The organisation's promises for handling a case, counted in its working hours.
    pub struct ServiceLevels {
        /// The owner takes the case up (any step) within this many working hours.
        pub acknowledge_hours: u32,
        /// The customer is contacted (acknowledge, thank or explain) within this many.
        pub first_contact_hours: u32,
        /// The case is closed within this many working days.
        pub resolve_days: u32,
    }
}

impl Default for ServiceLevels {
    fn default() -> Self {
        ServiceLevels {
            acknowledge_hours: 24,
            first_contact_hours: 48,
            resolve_days: 10,
        }
    }
}

pub const LEVEL_MAX_HOURS: u32 = 400;
pub const LEVEL_MAX_DAYS: u32 = 90;

impl ServiceLevels {
    pub fn check(&self) -> Result<(), FieldError> {
        let in_range = |field: &'static str, value: u32, max: u32| {
            if (1..=max).contains(&value) {
                Ok(())
            } else {
                Err(FieldError {
                    field,
                    problem: Invalid::OutOfRange {
                        min: 1,
                        max: max.into(),
                    },
                })
            }
        };
        in_range("acknowledge_hours", self.acknowledge_hours, LEVEL_MAX_HOURS)?;
        in_range("first_contact_hours", self.first_contact_hours, LEVEL_MAX_HOURS)?;
        in_range("resolve_days", self.resolve_days, LEVEL_MAX_DAYS)?;
        // First contact cannot come before the owner has taken the case up.
        if self.first_contact_hours < self.acknowledge_hours {
            return Err(FieldError {
                field: "first_contact_hours",
                problem: Invalid::OutOfRange {
                    min: self.acknowledge_hours.into(),
                    max: LEVEL_MAX_HOURS.into(),
                },
            });
        }
        Ok(())
    }
}

api_enum! {
    pub enum Deadline {
        Acknowledge,
        FirstContact,
        Resolve,
    }
}

/// When a deadline is reminded of and when it passes, in the organisation's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedDeadline {
    pub deadline: Deadline,
    pub remind_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
}

/// The deadlines of a case opened (or reopened) at `opened` (local time), counted in
/// working time (`start_hour..end_hour`, Mon–Fri). A working day is that many hours.
/// The reminder comes when three quarters of the working time have passed.
pub fn plan_deadlines(
    opened: NaiveDateTime,
    levels: &ServiceLevels,
    start_hour: u32,
    end_hour: u32,
) -> Vec<PlannedDeadline> {
    let day_minutes = i64::from(end_hour.saturating_sub(start_hour).max(1)) * 60;
    [
        (Deadline::Acknowledge, i64::from(levels.acknowledge_hours) * 60),
        (Deadline::FirstContact, i64::from(levels.first_contact_hours) * 60),
        (Deadline::Resolve, i64::from(levels.resolve_days) * day_minutes),
    ]
    .into_iter()
    .map(|(deadline, minutes)| PlannedDeadline {
        deadline,
        remind_at: add_working_minutes(opened, minutes * REMIND_AT_PERCENT / 100, start_hour, end_hour),
        due_at: add_working_minutes(opened, minutes, start_hour, end_hour),
    })
    .collect()
}

api_enum! {
    /// The LATTE steps, in the order they are usually taken.
    pub enum Step {
        Listen,
        Acknowledge,
        TakeAction,
        Thank,
        Explain,
    }
}

impl Step {
    /// Whether the step is a conversation with the customer.
    pub fn contacts_customer(self) -> bool {
        matches!(self, Step::Acknowledge | Step::Thank | Step::Explain)
    }

    /// Whether taking this step meets `deadline` (closing meets the resolve deadline).
    pub fn meets(self, deadline: Deadline) -> bool {
        match deadline {
            Deadline::Acknowledge => true,
            Deadline::FirstContact => self.contacts_customer(),
            Deadline::Resolve => false,
        }
    }
}

api_enum! {
    /// How the customer was reached.
    pub enum Channel {
        /// An email written in Kaiku and sent through the outbox.
        Email,
        Call,
        Meeting,
    }
}

api_type! {
    /// `POST /cases/{id}/steps`: one LATTE step. Listen needs what was heard (`note`)
    /// and the `hypothesis`; a conversation its `channel` — an email its contact,
    /// subject and body, a call or meeting a `note`; taking action the actions.
    pub struct StepInput {
        pub step: Step,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub note: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub hypothesis: String,
        pub channel: Option<Channel>,
        /// The contact of the account an email goes to.
        pub contact_id: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub email_subject: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub email_body: String,
        /// Actions of the account the case is handled by.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub action_ids: Vec<String>,
    }
}

pub(crate) fn required(field: &'static str, value: &str, max: usize) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError {
            field,
            problem: Invalid::Required,
        });
    }
    validate::too_long(field, value, max)
}

impl StepInput {
    pub fn normalised(mut self) -> StepInput {
        self.note = self.note.trim().to_string();
        self.hypothesis = self.hypothesis.trim().to_string();
        self.email_subject = self.email_subject.trim().to_string();
        self.email_body = self.email_body.trim().to_string();
        self.contact_id = self.contact_id.filter(|c| !c.trim().is_empty());
        self.action_ids.dedup();
        self
    }

    pub fn check(&self) -> Result<(), FieldError> {
        validate::too_long("note", &self.note, NOTE_MAX_CHARS)?;
        validate::too_long("hypothesis", &self.hypothesis, NOTE_MAX_CHARS)?;
        match self.step {
            Step::Listen => {
                required("note", &self.note, NOTE_MAX_CHARS)?;
                required("hypothesis", &self.hypothesis, NOTE_MAX_CHARS)
            }
            Step::TakeAction => {
                if self.action_ids.is_empty() {
                    return Err(FieldError {
                        field: "action_ids",
                        problem: Invalid::Required,
                    });
                }
                if self.action_ids.len() > ACTIONS_MAX {
                    return Err(FieldError {
                        field: "action_ids",
                        problem: Invalid::TooMany { max: ACTIONS_MAX },
                    });
                }
                Ok(())
            }
            Step::Acknowledge | Step::Thank | Step::Explain => match self.channel {
                None => Err(FieldError {
                    field: "channel",
                    problem: Invalid::Required,
                }),
                Some(Channel::Email) => {
                    if self.contact_id.is_none() {
                        return Err(FieldError {
                            field: "contact_id",
                            problem: Invalid::Required,
                        });
                    }
                    required("email_subject", &self.email_subject, SUBJECT_MAX_CHARS)?;
                    required("email_body", &self.email_body, NOTE_MAX_CHARS)
                }
                Some(Channel::Call | Channel::Meeting) => required("note", &self.note, NOTE_MAX_CHARS),
            },
        }
    }
}

api_type! {
    /// What a case was at heart: one of the six churn causes, or a theme of the
    /// analysis (built in or the organisation's own). Exactly one is given.
    pub struct RootCause {
        pub churn_cause: Option<ChurnCause>,
        pub theme: Option<String>,
    }
}

api_type! {
    /// `POST /cases/{id}/close`.
    pub struct CloseInput {
        pub root_cause: RootCause,
        pub resolution: String,
        /// Why the customer was not told what changed; required without an Explain step.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub no_explain_reason: String,
    }
}

impl CloseInput {
    pub fn normalised(mut self) -> CloseInput {
        self.resolution = self.resolution.trim().to_string();
        self.no_explain_reason = self.no_explain_reason.trim().to_string();
        self.root_cause.theme = self
            .root_cause
            .theme
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        self
    }

    /// A case closes with a root cause and a resolution summary; one whose customer
    /// was never told what changed (no Explain step) also needs the reason why.
    /// `themes` are the theme keys the organisation's analysis knows.
    pub fn check(&self, steps_taken: &[Step], themes: &[String]) -> Result<(), FieldError> {
        match (&self.root_cause.churn_cause, &self.root_cause.theme) {
            (None, None) => {
                return Err(FieldError {
                    field: "root_cause",
                    problem: Invalid::Required,
                });
            }
            (Some(_), Some(_)) => {
                return Err(FieldError {
                    field: "root_cause",
                    problem: Invalid::TooMany { max: 1 },
                });
            }
            (None, Some(theme)) if !themes.contains(theme) => {
                return Err(FieldError {
                    field: "root_cause.theme",
                    problem: Invalid::Unknown,
                });
            }
            _ => {}
        }
        required("resolution", &self.resolution, NOTE_MAX_CHARS)?;
        validate::too_long("no_explain_reason", &self.no_explain_reason, NOTE_MAX_CHARS)?;
        if !steps_taken.contains(&Step::Explain) && self.no_explain_reason.is_empty() {
            return Err(FieldError {
                field: "no_explain_reason",
                problem: Invalid::Required,
            });
        }
        Ok(())
    }
}

api_type! {
    /// `POST /cases/{id}/reassign`: the new owner (a user id) and why.
    pub struct ReassignInput {
        pub owner: String,
        pub reason: String,
    }
}

api_type! {
    /// `POST /cases/{id}/reopen`.
    pub struct ReopenInput {
        pub reason: String,
    }
}

/// A reason for reassigning or reopening: said, and not too long.
pub fn check_reason(reason: &str) -> Result<(), FieldError> {
    required("reason", reason, NOTE_MAX_CHARS)
}

api_type! {
    /// `POST /cases`: a person opens a case on an account, from one of its answers,
    /// one of its counter-feedbacks, or the account itself. An account with an open
    /// case gets this attached to that case instead.
    pub struct OpenCaseInput {
        pub account: String,
        /// A response (survey link id) of the account.
        pub response: Option<String>,
        pub counter_feedback: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub note: String,
    }
}

impl OpenCaseInput {
    pub fn check(&self) -> Result<(), FieldError> {
        if self.response.is_some() && self.counter_feedback.is_some() {
            return Err(FieldError {
                field: "counter_feedback",
                problem: Invalid::TooMany { max: 1 },
            });
        }
        if self.response.is_none() && self.counter_feedback.is_none() {
            // Opened from the account alone: the note says why.
            return required("note", &self.note, NOTE_MAX_CHARS);
        }
        validate::too_long("note", &self.note, NOTE_MAX_CHARS)
    }
}

api_enum! {
    pub enum CaseStatus {
        Open,
        Closed,
    }
}

api_enum! {
    /// Which cases a list shows: the caller's own, those of the accounts they see,
    /// or every case (leaders and admins).
    pub enum CaseScope {
        Mine,
        MyAccounts,
        All,
    }
}

/// Whether a deadline has passed without being met.
pub fn is_overdue(due_at: DateTime<Utc>, met_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    met_at.is_none() && now > due_at
}

api_type! {
    pub struct DeadlineView {
        pub deadline: Deadline,
        pub due_at: DateTime<Utc>,
        pub met_at: Option<DateTime<Utc>>,
        pub overdue: bool,
    }
}

api_type! {
    pub struct CaseSummary {
        pub id: String,
        pub account: PersonRef,
        pub owner: PersonRef,
        pub status: CaseStatus,
        pub severity: Severity,
        pub revenue_at_risk_eur: i64,
        pub opened_at: DateTime<Utc>,
        pub closed_at: Option<DateTime<Utc>>,
        /// Each kind of signal on the case once.
        pub trigger_kinds: Vec<TriggerKind>,
        /// The earliest deadline not met yet.
        pub next_deadline: Option<DeadlineView>,
        pub overdue: bool,
    }
}

api_type! {
    pub struct TriggerView {
        pub trigger: Trigger,
        pub at: DateTime<Utc>,
        /// The response (survey link id) it came from.
        pub response: Option<String>,
        pub counter_feedback: Option<String>,
        /// The customer message it came from.
        pub message: Option<String>,
        /// Who attached it by hand.
        pub by: Option<PersonRef>,
        /// The note of a case opened by hand.
        pub note: String,
    }
}

api_type! {
    /// The customer's own words on the case, verbatim, with who said them and when.
    pub struct CustomerWords {
        pub response: String,
        pub contact_name: String,
        pub answered_at: DateTime<Utc>,
        pub question: String,
        pub text: String,
    }
}

api_type! {
    pub struct StepView {
        pub step: Step,
        pub by: PersonRef,
        pub at: DateTime<Utc>,
        pub note: String,
        pub hypothesis: String,
        pub channel: Option<Channel>,
        /// The address an email went to.
        pub email_to: Option<String>,
        pub email_subject: String,
        pub email_body: String,
        pub action_ids: Vec<String>,
    }
}

api_enum! {
    pub enum CaseEventKind {
        Reassigned,
        Closed,
        Reopened,
        Reminded,
        Escalated,
    }
}

api_type! {
    /// Something that happened to the case besides its steps.
    pub struct CaseEventView {
        pub kind: CaseEventKind,
        pub at: DateTime<Utc>,
        /// Who did it; none for the scheduler's reminders and escalations.
        pub by: Option<PersonRef>,
        pub reason: String,
        /// The new owner of a reassignment.
        pub to: Option<PersonRef>,
        pub deadline: Option<Deadline>,
    }
}

api_type! {
    pub struct CaseView {
        pub summary: CaseSummary,
        pub triggers: Vec<TriggerView>,
        pub customer_words: Vec<CustomerWords>,
        pub deadlines: Vec<DeadlineView>,
        pub steps: Vec<StepView>,
        /// The actions linked to the case by its Take action steps.
        pub actions: Vec<ActionView>,
        pub events: Vec<CaseEventView>,
        pub root_cause: Option<RootCause>,
        pub resolution: String,
        pub no_explain_reason: String,
        /// The re-pulse sent after the case closed, if any.
        pub repulse: Option<RepulseView>,
        /// Whether the caller may work the case (its owner, the account's lead,
        /// leaders and admins).
        pub can_work: bool,
    }
}

api_type! {
    /// `GET /cases/counts`: the numbers beside "Cases" in the navigation. `mine_*`
    /// count the caller's own open cases; `open` and `overdue` the open cases of every
    /// account the caller sees (leaders and admins: the whole organisation's).
    pub struct CaseCounts {
        pub mine_open: u32,
        pub mine_overdue: u32,
        pub open: u32,
        pub overdue: u32,
    }
}

/// A re-pulse goes to the contact this many days after a case closed.
pub const REPULSE_AFTER_DAYS: i64 = 14;
/// …and its link stays open this many days.
pub const REPULSE_OPEN_DAYS: i64 = 30;
/// The re-pulse's one question (a `choice`: yes, partly, no) and its comment field,
/// as the survey page shows and sends them.
pub const REPULSE_QUESTION_ID: &str = "resolved";
pub const REPULSE_COMMENT_ID: &str = "comment";

api_enum! {
    /// The customer's answer to "Is this resolved for you?", in the order the
    /// re-pulse question offers them (the survey page sends the option's index).
    pub enum Resolved {
        Yes,
        Partly,
        No,
    }
}

impl Resolved {
    /// "No" and "partly" reopen the case; "yes" counts as recovered.
    pub fn reopens(self) -> bool {
        self != Resolved::Yes
    }
}

api_type! {
    /// What a customer said to a re-pulse.
    pub struct RepulseReply {
        pub resolved: Resolved,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub comment: String,
    }
}

api_type! {
    /// A case's re-pulse as the team sees it: when it went out, and the answer once given.
    pub struct RepulseView {
        pub contact_name: String,
        pub sent_at: DateTime<Utc>,
        pub answered_at: Option<DateTime<Utc>>,
        pub reply: Option<RepulseReply>,
    }
}

api_type! {
    /// A closed case as the account's timeline shows it (`TimelineEntry::case`).
    pub struct PastCase {
        pub summary: CaseSummary,
        pub root_cause: Option<RootCause>,
        pub resolution: String,
        pub repulse: Option<RepulseView>,
    }
}

/// The re-pulse as the survey page shows it: one `choice` question (yes, partly, no —
/// the order of [`Resolved::ALL`]) and an optional comment. The page opens it like any
/// survey (`GET /survey/{token}` answers a `SurveyPage` with these questions), saves
/// and submits `SurveyAnswers` the same way.
pub fn repulse_questions() -> Vec<Question> {
    vec![
        Question {
            id: REPULSE_QUESTION_ID.into(),
            kind: QuestionKind::Choice,
            required: true,
            text: Localized::new("Onko asia nyt ratkaistu kohdaltanne?", "Is this resolved for you?"),
            options: vec![
                Localized::new("Kyllä", "Yes"),
                Localized::new("Osittain", "Partly"),
                Localized::new("Ei", "No"),
            ],
            scale_ends: None,
        },
        Question {
            id: REPULSE_COMMENT_ID.into(),
            kind: QuestionKind::Text,
            required: false,
            text: Localized::new("Haluatteko kertoa lisää?", "Anything you would like to add?"),
            options: Vec::new(),
            scale_ends: None,
        },
    ]
}

/// The re-pulse page's heading.
pub fn repulse_name() -> Localized {
    Localized::new("Onko asia ratkaistu?", "Is it resolved?")
}

/// The re-pulse page's introduction: what it is about, in both languages.
pub fn repulse_intro(organisation: &str) -> Localized {
    Localized {
        fi: format!(
            "Kerroitte meille hetki sitten, ettei kaikki toiminut. {organisation} kävi asian läpi ja teki muutoksia. \
             Yksi kysymys: onko asia nyt kunnossa?"
        ),
        en: format!(
            "A while ago you told us something was not working. {organisation} looked into it and made changes. \
             One question: is it right now?"
        ),
    }
}

impl RepulseReply {
    /// The trigger a reply that reopens a case brings to the account's open case.
    pub fn trigger(&self) -> Trigger {
        Trigger {
            kind: TriggerKind::RepulseNotResolved,
            words: [self.comment.trim()]
                .into_iter()
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect(),
            scores: Vec::new(),
            churn_causes: Vec::new(),
        }
    }

    /// Reads the survey page's answers to [`repulse_questions`]: the choice is required.
    pub fn from_answers(answers: &[Answer]) -> Result<RepulseReply, AnswerError> {
        let questions = repulse_questions();
        check_answers(&questions, answers, true)?;
        let answer = |id: &str| answers.iter().find(|a| a.question_id == id);
        let resolved = answer(REPULSE_QUESTION_ID)
            .and_then(|a| a.choice)
            .and_then(|index| Resolved::ALL.get(index as usize).copied())
            .ok_or_else(|| AnswerError {
                question_id: REPULSE_QUESTION_ID.into(),
                problem: Invalid::Required,
            })?;
        let comment = answer(REPULSE_COMMENT_ID)
            .and_then(|a| a.text.as_deref())
            .map(str::trim)
            .unwrap_or_default()
            .to_string();
        Ok(RepulseReply { resolved, comment })
    }
}

/// The re-pulse email, in the contact's language; a survey, so it goes out with the
/// opt-out link (the caller adds it with [`SurveyEmail::with_opt_out`]).
pub fn repulse_email(lang: Lang, organisation: &str, contact_name: &str, url: &str) -> SurveyEmail {
    let first_name = contact_name.split_whitespace().next().unwrap_or(contact_name);
    match lang {
        Lang::Fi => SurveyEmail {
            subject: format!("{organisation}: onko asia nyt ratkaistu?"),
            body: format!(
                "Hei {first_name},\n\nkerroitte meille palautteessanne, ettei kaikki toiminut, ja teimme muutoksia. \
                 Haluamme varmistaa, että asia on nyt kunnossa. Yksi kysymys, vastaaminen vie hetken:\n\n{url}\n\n\
                 Kiitos!\n{organisation}\n"
            ),
        },
        Lang::En => SurveyEmail {
            subject: format!("{organisation}: is this resolved for you?"),
            body: format!(
                "Hi {first_name},\n\nyou told us in your feedback that something was not working, and we made \
                 changes. We want to make sure it is right now. One question, it takes a moment:\n\n{url}\n\n\
                 Thank you!\n{organisation}\n"
            ),
        },
    }
}

api_type! {
    /// `GET /cases/{id}/email-draft`: the message for a step, in the contact's
    /// language, for the owner to edit before sending.
    pub struct CaseEmailDraft {
        pub contact_id: String,
        pub to: String,
        pub language: Lang,
        pub subject: String,
        pub body: String,
    }
}

/// The first draft of a personal message to the customer for `step`, in their
/// language. Personal replies are not surveys: they carry no opt-out link.
pub fn case_email(step: Step, lang: Lang, organisation: &str, contact_name: &str, sender: &str) -> SurveyEmail {
    let first_name = contact_name.split_whitespace().next().unwrap_or(contact_name);
    let (subject, middle) = match (step, lang) {
        (Step::Thank, Lang::Fi) => (
            format!("Kiitos palautteestanne — {organisation}"),
            "kiitos, että kerroitte meille suoraan, mikä ei toiminut. Palautteenne auttoi meitä korjaamaan asian."
                .to_string(),
        ),
        (Step::Thank, Lang::En) => (
            format!("Thank you for your feedback — {organisation}"),
            "thank you for telling us plainly what did not work. Your feedback helped us put it right.".to_string(),
        ),
        (Step::Explain, Lang::Fi) => (
            format!("Mitä muutimme palautteenne perusteella — {organisation}"),
            "kerron vielä, mitä olemme muuttaneet palautteenne perusteella:\n\n[mitä muuttui]\n\n\
             Kertokaahan, jos jokin ei vieläkään toimi."
                .to_string(),
        ),
        (Step::Explain, Lang::En) => (
            format!("What we changed after your feedback — {organisation}"),
            "here is what we have changed after your feedback:\n\n[what changed]\n\n\
             Please tell me if something still does not work."
                .to_string(),
        ),
        (_, Lang::Fi) => (
            format!("Palautteenne on luettu — {organisation}"),
            "kiitos palautteestanne. Luin sen huolella, ja haluan ymmärtää tilanteen paremmin. \
             Sopisiko lyhyt puhelu lähipäivinä? Palaan asiaan myös kertomalla, mitä teemme."
                .to_string(),
        ),
        (_, Lang::En) => (
            format!("We have read your feedback — {organisation}"),
            "thank you for your feedback. I read it carefully and want to understand the situation better. \
             Could we have a short call in the next few days? I will also come back to tell you what we do."
                .to_string(),
        ),
    };
    let greeting = match lang {
        Lang::Fi => "Hei",
        Lang::En => "Hi",
    };
    let closing = match lang {
        Lang::Fi => "Ystävällisin terveisin",
        Lang::En => "Best regards",
    };
    SurveyEmail {
        subject,
        body: format!("{greeting} {first_name},\n\n{middle}\n\n{closing},\n{sender}\n{organisation}\n"),
    }
}

api_enum! {
    /// A follow-up of a deadline: the owner reminded before it, the leaders told
    /// after it passed.
    pub enum FollowUpStep {
        Remind,
        Escalate,
    }
}

/// A deadline of an open case as the follow-up job sees it (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrackedDeadline {
    pub deadline: Deadline,
    pub remind_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub met: bool,
}

/// The follow-ups due at `now`, each at most once (`taken` lists those already
/// recorded). A deadline already passed is escalated without a reminder first: a
/// reminder of something already late only adds noise.
pub fn due_follow_ups(
    deadlines: &[TrackedDeadline],
    taken: &[(Deadline, FollowUpStep)],
    now: DateTime<Utc>,
) -> Vec<(Deadline, FollowUpStep)> {
    let done = |deadline: Deadline, step: FollowUpStep| taken.contains(&(deadline, step));
    deadlines
        .iter()
        .filter(|d| !d.met)
        .filter_map(|d| {
            if now > d.due_at {
                (!done(d.deadline, FollowUpStep::Escalate)).then_some((d.deadline, FollowUpStep::Escalate))
            } else if now >= d.remind_at && !done(d.deadline, FollowUpStep::Remind) {
                Some((d.deadline, FollowUpStep::Remind))
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};

    use super::*;
    use crate::analysis::{CauseLabel, CommentAnalysis, Sentiment};
    use crate::survey::relationship_template;

    fn at(date: &str, hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(hour, minute, 0)
            .unwrap()
    }

    fn scored(id: &str, score: i32) -> Answer {
        Answer {
            question_id: id.into(),
            score: Some(score),
            choice: None,
            text: None,
        }
    }

    fn comment(text: &str) -> Answer {
        Answer {
            question_id: "do_differently".into(),
            score: None,
            choice: None,
            text: Some(text.into()),
        }
    }

    fn negative_analysis() -> AnswerAnalysis {
        AnswerAnalysis {
            question_id: "do_differently".into(),
            analysis: CommentAnalysis {
                lang: Lang::Fi,
                sentiment: Sentiment {
                    polarity: Polarity::Negative,
                    score: -0.6,
                    evidence: vec!["ei vastata".into()],
                    learned: false,
                    confidence: 0.8,
                },
                themes: vec![],
                churn_causes: vec![CauseLabel {
                    cause: ChurnCause::ComplaintHandling,
                    evidence: vec!["reklamaatioihin".into()],
                    learned: false,
                    confidence: 0.6,
                }],
                upsell: vec![],
                upsell_confidence: 0.0,
                development_points: vec![],
            },
        }
    }

    fn kinds(triggers: &[Trigger]) -> Vec<TriggerKind> {
        triggers.iter().map(|t| t.kind).collect()
    }

    #[test]
    fn a_detractor_opens_with_the_score_and_the_customers_words() {
        let questions = relationship_template("Acme").questions;
        let answers = vec![scored("nps", 6), comment("Reklamaatioihin ei vastata.")];
        let facts = ResponseFacts {
            questions: &questions,
            answers: &answers,
            analysis: &[],
            previous_answers: None,
        };
        let triggers = response_triggers(&facts);
        assert_eq!(kinds(&triggers), vec![TriggerKind::Detractor]);
        assert_eq!(triggers[0].words, vec!["Reklamaatioihin ei vastata.".to_string()]);
        assert_eq!(triggers[0].scores, vec![score("nps", 6.0, None)]);

        let passive = vec![scored("nps", 7)];
        let facts = ResponseFacts {
            answers: &passive,
            ..facts
        };
        assert!(response_triggers(&facts).is_empty());
    }

    #[test]
    fn negative_words_open_only_with_a_churn_cause() {
        let questions = relationship_template("Acme").questions;
        let answers = vec![scored("nps", 8)];
        let analysis = vec![negative_analysis()];
        let facts = ResponseFacts {
            questions: &questions,
            answers: &answers,
            analysis: &analysis,
            previous_answers: None,
        };
        let triggers = response_triggers(&facts);
        assert_eq!(kinds(&triggers), vec![TriggerKind::NegativeWithCause]);
        assert_eq!(
            triggers[0].words,
            vec!["ei vastata".to_string(), "reklamaatioihin".to_string()]
        );
        assert_eq!(triggers[0].churn_causes, vec![ChurnCause::ComplaintHandling]);

        let mut calm = analysis.clone();
        calm[0].analysis.churn_causes.clear();
        let facts = ResponseFacts {
            analysis: &calm,
            ..facts
        };
        assert!(response_triggers(&facts).is_empty());
    }

    #[test]
    fn a_rating_two_points_below_the_contacts_previous_one_opens() {
        let questions = relationship_template("Acme").questions;
        let previous = vec![scored("quality", 5), scored("communication", 4)];
        let answers = vec![scored("nps", 8), scored("quality", 3), scored("communication", 3)];
        let facts = ResponseFacts {
            questions: &questions,
            answers: &answers,
            analysis: &[],
            previous_answers: Some(&previous),
        };
        let triggers = response_triggers(&facts);
        assert_eq!(kinds(&triggers), vec![TriggerKind::RatingDrop]);
        assert_eq!(triggers[0].scores, vec![score("quality", 3.0, Some(5.0))]);

        let first_time = ResponseFacts {
            previous_answers: None,
            ..facts
        };
        assert!(response_triggers(&first_time).is_empty());
    }

    #[test]
    fn the_team_rating_churn_risk_high_opens_and_a_happy_customer_beside_it_is_a_gap() {
        let causes = [ChurnCause::VoiceLost];
        let team = TeamFacts {
            health: 1,
            churn_risk: ChurnRisk::High,
            churn_causes: &causes,
            texts: vec!["Their new CTO wants fewer vendors.", " "],
        };
        let triggers = team_triggers(&team);
        assert_eq!(kinds(&triggers), vec![TriggerKind::TeamHighRisk]);
        assert_eq!(
            triggers[0].words,
            vec!["Their new CTO wants fewer vendors.".to_string()]
        );
        assert_eq!(triggers[0].churn_causes, causes.to_vec());

        let questions = relationship_template("Acme").questions;
        let happy = vec![scored("nps", 10), scored("quality", 5), scored("value", 5)];
        let gap = gap_trigger(&questions, &happy, &team).expect("customer 10/10, team high risk");
        assert_eq!(gap.kind, TriggerKind::GapFlagged);
        assert!(
            gap.scores
                .iter()
                .any(|s| s.label == "gap" && s.value >= health::GAP_FLAG_POINTS)
        );
        let unhappy = vec![scored("nps", 3), scored("quality", 1)];
        assert_eq!(gap_trigger(&questions, &unhappy, &team), None);

        let calm = TeamFacts {
            churn_risk: ChurnRisk::Medium,
            ..team
        };
        assert!(team_triggers(&calm).is_empty());
    }

    #[test]
    fn severity_counts_each_kind_of_signal_once_and_the_money() {
        use TriggerKind::*;
        assert_eq!(severity(&[Detractor], 0), Severity::Low);
        assert_eq!(severity(&[Detractor, Detractor, Detractor], 0), Severity::Low);
        assert_eq!(severity(&[Detractor, NegativeWithCause], 0), Severity::Medium);
        assert_eq!(severity(&[Detractor], SEVERE_REVENUE_EUR), Severity::Medium);
        assert_eq!(severity(&[Detractor, TeamHighRisk], 0), Severity::High);
        assert_eq!(
            severity(&[Detractor, TeamHighRisk], CRITICAL_REVENUE_EUR),
            Severity::Critical
        );
        for s in Severity::ALL {
            assert_eq!(Severity::from_rank(s.rank()), s);
        }
    }

    fn due(plan: &[PlannedDeadline], deadline: Deadline) -> (NaiveDateTime, NaiveDateTime) {
        let d = plan.iter().find(|d| d.deadline == deadline).unwrap();
        (d.remind_at, d.due_at)
    }

    #[test]
    fn deadlines_count_working_hours_over_a_weekend() {
        // Opened on Friday at 16:00; the working day is 8–17 (9 hours).
        let plan = plan_deadlines(at("2026-11-27", 16, 0), &ServiceLevels::default(), 8, 17);
        // 1 h on Friday, 9 on Monday and Tuesday, 5 on Wednesday.
        assert_eq!(
            due(&plan, Deadline::Acknowledge),
            (at("2026-12-01", 16, 0), at("2026-12-02", 13, 0))
        );
        assert_eq!(due(&plan, Deadline::FirstContact).1, at("2026-12-07", 10, 0));
        // Ten working days of nine hours.
        assert_eq!(due(&plan, Deadline::Resolve).1, at("2026-12-11", 16, 0));
    }

    #[test]
    fn time_outside_working_hours_does_not_count() {
        let levels = ServiceLevels::default();
        // Saturday morning counts from Monday 8:00.
        let saturday = plan_deadlines(at("2026-11-28", 10, 0), &levels, 8, 17);
        assert_eq!(due(&saturday, Deadline::Acknowledge).1, at("2026-12-02", 14, 0));
        // Tuesday evening counts from Wednesday 8:00.
        let evening = plan_deadlines(at("2026-11-24", 20, 30), &levels, 8, 17);
        assert_eq!(due(&evening, Deadline::Acknowledge).1, at("2026-11-27", 14, 0));
        // Ending exactly at closing time stays that day.
        let morning = plan_deadlines(
            at("2026-11-23", 8, 0),
            &ServiceLevels {
                acknowledge_hours: 9,
                ..levels
            },
            8,
            17,
        );
        assert_eq!(due(&morning, Deadline::Acknowledge).1, at("2026-11-23", 17, 0));
    }

    fn tracked(met: bool) -> TrackedDeadline {
        TrackedDeadline {
            deadline: Deadline::Acknowledge,
            remind_at: Utc.with_ymd_and_hms(2026, 12, 1, 14, 0, 0).unwrap(),
            due_at: Utc.with_ymd_and_hms(2026, 12, 2, 11, 0, 0).unwrap(),
            met,
        }
    }

    #[test]
    fn a_deadline_is_reminded_before_and_escalated_after_each_once() {
        let deadlines = [tracked(false)];
        let before = Utc.with_ymd_and_hms(2026, 12, 1, 13, 0, 0).unwrap();
        let reminding = Utc.with_ymd_and_hms(2026, 12, 1, 14, 0, 0).unwrap();
        let late = Utc.with_ymd_and_hms(2026, 12, 2, 11, 1, 0).unwrap();
        let remind = (Deadline::Acknowledge, FollowUpStep::Remind);
        let escalate = (Deadline::Acknowledge, FollowUpStep::Escalate);
        assert!(due_follow_ups(&deadlines, &[], before).is_empty());
        assert_eq!(due_follow_ups(&deadlines, &[], reminding), vec![remind]);
        assert!(due_follow_ups(&deadlines, &[remind], reminding).is_empty());
        assert_eq!(due_follow_ups(&deadlines, &[remind], late), vec![escalate]);
        assert!(due_follow_ups(&deadlines, &[remind, escalate], late).is_empty());
        // Already late when first looked at: straight to the escalation.
        assert_eq!(due_follow_ups(&deadlines, &[], late), vec![escalate]);
        assert!(due_follow_ups(&[tracked(true)], &[], late).is_empty());
    }

    fn close(cause: Option<ChurnCause>, theme: Option<&str>, reason: &str) -> CloseInput {
        CloseInput {
            root_cause: RootCause {
                churn_cause: cause,
                theme: theme.map(String::from),
            },
            resolution: "Weekly reports now go out every Friday.".into(),
            no_explain_reason: reason.into(),
        }
        .normalised()
    }

    fn field(result: Result<(), FieldError>) -> &'static str {
        result.unwrap_err().field
    }

    #[test]
    fn closing_needs_a_root_cause_a_resolution_and_explain_or_a_reason() {
        let themes = vec!["reporting".to_string()];
        let explained = [Step::Listen, Step::Explain];
        let silent = [Step::Listen, Step::Acknowledge];
        let cause = Some(ChurnCause::ComplaintHandling);
        assert_eq!(close(cause, None, "").check(&explained, &themes), Ok(()));
        assert_eq!(close(None, Some("reporting"), "").check(&explained, &themes), Ok(()));
        assert_eq!(field(close(None, None, "").check(&explained, &themes)), "root_cause");
        assert_eq!(
            field(close(cause, Some("reporting"), "").check(&explained, &themes)),
            "root_cause"
        );
        assert_eq!(
            field(close(None, Some("weather"), "").check(&explained, &themes)),
            "root_cause.theme"
        );
        let mut unresolved = close(cause, None, "");
        unresolved.resolution = "  ".into();
        assert_eq!(field(unresolved.normalised().check(&explained, &themes)), "resolution");
        assert_eq!(
            field(close(cause, None, " ").check(&silent, &themes)),
            "no_explain_reason"
        );
        assert_eq!(
            close(cause, None, "The customer left the company.").check(&silent, &themes),
            Ok(())
        );
    }

    fn step(step: Step) -> StepInput {
        StepInput {
            step,
            note: String::new(),
            hypothesis: String::new(),
            channel: None,
            contact_id: None,
            email_subject: String::new(),
            email_body: String::new(),
            action_ids: vec![],
        }
    }

    #[test]
    fn each_step_says_what_it_must() {
        let listen = StepInput {
            note: "Reports came late three weeks running.".into(),
            ..step(Step::Listen)
        };
        assert_eq!(field(listen.check()), "hypothesis");
        let listen = StepInput {
            hypothesis: "The new analyst was never told the deadline.".into(),
            ..listen
        };
        assert_eq!(listen.check(), Ok(()));
        assert_eq!(field(step(Step::Acknowledge).check()), "channel");
        let email = StepInput {
            channel: Some(Channel::Email),
            ..step(Step::Acknowledge)
        };
        assert_eq!(field(email.check()), "contact_id");
        let email = StepInput {
            contact_id: Some("c1".into()),
            email_subject: "Hi".into(),
            ..email
        };
        assert_eq!(field(email.check()), "email_body");
        let call = StepInput {
            channel: Some(Channel::Call),
            ..step(Step::Explain)
        };
        assert_eq!(field(call.check()), "note");
        assert_eq!(field(step(Step::TakeAction).check()), "action_ids");
        assert!(Step::Acknowledge.meets(Deadline::FirstContact) && !Step::Listen.meets(Deadline::FirstContact));
    }

    #[test]
    fn service_levels_are_positive_and_contact_comes_after_acknowledging() {
        assert_eq!(ServiceLevels::default().check(), Ok(()));
        let zero = ServiceLevels {
            acknowledge_hours: 0,
            ..ServiceLevels::default()
        };
        assert_eq!(field(zero.check()), "acknowledge_hours");
        let backwards = ServiceLevels {
            acknowledge_hours: 48,
            first_contact_hours: 24,
            resolve_days: 10,
        };
        assert_eq!(field(backwards.check()), "first_contact_hours");
    }

    #[test]
    fn the_acknowledgement_is_in_the_contacts_language_without_an_opt_out() {
        let fi = case_email(Step::Acknowledge, Lang::Fi, "Acme", "Maija Virtanen", "Lea Lead");
        assert!(fi.body.starts_with("Hei Maija,"), "{}", fi.body);
        assert!(fi.body.contains("Lea Lead"));
        let en = case_email(Step::Explain, Lang::En, "Acme", "John Smith", "Lea Lead");
        assert!(en.subject.contains("What we changed"));
        assert!(!en.body.to_lowercase().contains("unsubscribe"));
    }

    fn choice(index: u32) -> Answer {
        Answer {
            question_id: REPULSE_QUESTION_ID.into(),
            score: None,
            choice: Some(index),
            text: None,
        }
    }

    fn remark(text: &str) -> Answer {
        Answer {
            question_id: REPULSE_COMMENT_ID.into(),
            score: None,
            choice: None,
            text: Some(text.into()),
        }
    }

    #[test]
    fn the_re_pulse_reads_yes_partly_or_no_in_the_order_the_question_offers_them() {
        let questions = repulse_questions();
        assert_eq!(questions[0].options.len(), Resolved::ALL.len());
        assert_eq!(questions[0].options[2].get(Lang::En), "No");
        let reply = |answers: &[Answer]| RepulseReply::from_answers(answers);
        assert_eq!(reply(&[choice(0)]).unwrap().resolved, Resolved::Yes);
        let partly = reply(&[choice(1), remark("  Reports still late.  ")]).unwrap();
        assert_eq!(
            (partly.resolved, partly.comment.as_str()),
            (Resolved::Partly, "Reports still late.")
        );
        assert_eq!(reply(&[choice(2)]).unwrap().resolved, Resolved::No);
        // The choice is required and must be one of the three.
        assert_eq!(reply(&[remark("Hmm")]).unwrap_err().question_id, REPULSE_QUESTION_ID);
        assert_eq!(reply(&[choice(3)]).unwrap_err().question_id, REPULSE_QUESTION_ID);
        assert!(!Resolved::Yes.reopens() && Resolved::Partly.reopens() && Resolved::No.reopens());
    }

    #[test]
    fn a_not_resolved_reply_brings_the_customers_words_as_its_trigger() {
        let with_words = RepulseReply {
            resolved: Resolved::No,
            comment: " Still waiting. ".into(),
        };
        let trigger = with_words.trigger();
        assert_eq!(trigger.kind, TriggerKind::RepulseNotResolved);
        assert_eq!(trigger.words, vec!["Still waiting.".to_string()]);
        let silent = RepulseReply {
            resolved: Resolved::Partly,
            comment: "  ".into(),
        };
        assert!(silent.trigger().words.is_empty());
    }

    #[test]
    fn the_re_pulse_email_greets_by_first_name_in_the_contacts_language_with_its_link() {
        let fi = repulse_email(Lang::Fi, "Acme", "Maija Virtanen", "https://k.test/s/t");
        assert_eq!(fi.subject, "Acme: onko asia nyt ratkaistu?");
        assert!(fi.body.starts_with("Hei Maija,") && fi.body.contains("https://k.test/s/t"));
        let en = repulse_email(Lang::En, "Acme", "John Smith", "https://k.test/s/t");
        assert_eq!(en.subject, "Acme: is this resolved for you?");
        assert!(en.body.starts_with("Hi John,") && en.body.contains("https://k.test/s/t"));
        assert!(repulse_intro("Acme").en.contains("Acme"));
    }
}
