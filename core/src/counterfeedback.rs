//! Counter-feedback (vastapalaute): the account team's own reading of a relationship,
//! given after a customer answers or at any time; the concrete changes it proposes
//! become actions; requests that nobody answers are followed up.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::account::PersonRef;
use crate::churn::ChurnCause;
use crate::survey::ResponseView;
use crate::validate::{self, FieldError, Invalid};

pub const TEXT_MAX_CHARS: usize = 4000;
pub const CHANGE_MAX_CHARS: usize = 500;
pub const CHANGES_MAX: usize = 20;
pub const HEALTH_MIN: u8 = 1;
pub const HEALTH_MAX: u8 = 5;
/// How many aspects the team may rate in one counter-feedback.
pub const FULFILMENT_MAX: usize = 12;

api_enum! {
    /// The team's answer to "is there churn risk in what the customer raises?".
    pub enum ChurnRisk {
        None,
        Low,
        Medium,
        High,
    }
}

api_type! {
    /// A concrete change the team should make; it becomes an open action.
    pub struct ChangeInput {
        pub text: String,
        /// A user of the organisation (id), or nobody yet.
        pub owner: Option<String>,
        pub due: Option<NaiveDate>,
        /// The development point it answers, if any; the point then has its action and
        /// leaves "what to do next" (drafts saved before this existed answer none).
        #[serde(default)]
        pub source: Option<ActionSource>,
    }
}

api_type! {
    /// The team's view of how well the firm delivers on one aspect of the expectations
    /// survey: 1 (poorly) to 5 (very well), the customer's rating scale.
    pub struct AspectRating {
        pub aspect: String,
        pub score: u8,
    }
}

api_type! {
    /// One team member's counter-feedback. It travels as a sync mutation, whose
    /// client-made id makes a form sent twice count once.
    pub struct CounterFeedbackInput {
        pub account: String,
        /// The request it answers; none when given on the team member's own initiative.
        pub request: Option<String>,
        /// Relationship health overall, 1 (poor) to 5 (excellent).
        pub health: u8,
        pub churn_risk: ChurnRisk,
        pub churn_causes: Vec<ChurnCause>,
        pub behind_the_scenes: String,
        pub changes: Vec<ChangeInput>,
        pub further_needs: String,
        pub notes: String,
        /// How well the firm delivers on the aspects the customer's expectations name,
        /// as the team sees it; any or none (drafts saved before it existed have none).
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub fulfilment: Vec<AspectRating>,
    }
}

impl CounterFeedbackInput {
    /// Trims the texts and drops changes left empty, as a form would.
    pub fn normalised(mut self) -> CounterFeedbackInput {
        self.behind_the_scenes = self.behind_the_scenes.trim().to_string();
        self.further_needs = self.further_needs.trim().to_string();
        self.notes = self.notes.trim().to_string();
        for change in &mut self.changes {
            change.text = change.text.trim().to_string();
            change.owner = change.owner.take().filter(|owner| !owner.trim().is_empty());
        }
        self.changes.retain(|change| !change.text.is_empty());
        self.churn_causes.dedup();
        // The last rating of an aspect is the one meant.
        let mut fulfilment: Vec<AspectRating> = Vec::new();
        for rating in self.fulfilment.drain(..).rev() {
            if !fulfilment.iter().any(|r| r.aspect == rating.aspect) {
                fulfilment.insert(0, rating);
            }
        }
        self.fulfilment = fulfilment;
        if self.churn_risk == ChurnRisk::None {
            self.churn_causes.clear();
        }
        self
    }

    pub fn validate(&self) -> Result<(), FieldError> {
        if !(HEALTH_MIN..=HEALTH_MAX).contains(&self.health) {
            return Err(FieldError {
                field: "health",
                problem: Invalid::OutOfRange {
                    min: HEALTH_MIN.into(),
                    max: HEALTH_MAX.into(),
                },
            });
        }
        // A medium or high risk without a cause tells nobody what to fix.
        if matches!(self.churn_risk, ChurnRisk::Medium | ChurnRisk::High) && self.churn_causes.is_empty() {
            return Err(FieldError {
                field: "churn_causes",
                problem: Invalid::Required,
            });
        }
        validate::too_long("behind_the_scenes", &self.behind_the_scenes, TEXT_MAX_CHARS)?;
        validate::too_long("further_needs", &self.further_needs, TEXT_MAX_CHARS)?;
        validate::too_long("notes", &self.notes, TEXT_MAX_CHARS)?;
        if self.changes.len() > CHANGES_MAX {
            return Err(FieldError {
                field: "changes",
                problem: Invalid::TooMany { max: CHANGES_MAX },
            });
        }
        for (index, change) in self.changes.iter().enumerate() {
            validate::too_long("changes", &change.text, CHANGE_MAX_CHARS)?;
            // One action per development point, within one counter-feedback too.
            if change.source.is_some() && self.changes[..index].iter().any(|c| c.source == change.source) {
                return Err(FieldError {
                    field: "changes",
                    problem: Invalid::Repeated,
                });
            }
        }
        if self.fulfilment.len() > FULFILMENT_MAX {
            return Err(FieldError {
                field: "fulfilment",
                problem: Invalid::TooMany { max: FULFILMENT_MAX },
            });
        }
        if self
            .fulfilment
            .iter()
            .any(|r| !(HEALTH_MIN..=HEALTH_MAX).contains(&r.score))
        {
            return Err(FieldError {
                field: "fulfilment",
                problem: Invalid::OutOfRange {
                    min: HEALTH_MIN.into(),
                    max: HEALTH_MAX.into(),
                },
            });
        }
        Ok(())
    }
}

/// Ids made by clients: 8–64 letters, digits and dashes (a UUID fits).
pub fn client_id(field: &'static str, id: &str) -> Result<(), FieldError> {
    let ok = (8..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(FieldError {
            field,
            problem: Invalid::Unknown,
        })
    }
}

api_enum! {
    pub enum ActionStatus {
        Open,
        Done,
    }
}

api_type! {
    /// The development point an action was made of: the customer's response (its link)
    /// and the point verbatim.
    pub struct ActionSource {
        pub link_id: String,
        pub point: String,
    }
}

api_type! {
    /// An action added on the account page, possibly made of a development point. It
    /// travels as a sync mutation like every change a team member makes.
    pub struct NewAction {
        pub account: String,
        pub text: String,
        pub owner: Option<String>,
        pub due: Option<NaiveDate>,
        pub source: Option<ActionSource>,
    }
}

/// An action's text and owner as a form would leave them: trimmed, a blank owner none.
fn normalise_action(text: &mut String, owner: &mut Option<String>) {
    *text = text.trim().to_string();
    *owner = owner.take().filter(|owner| !owner.trim().is_empty());
}

/// What an action must say: something, and not too much.
fn check_action_text(text: &str) -> Result<(), FieldError> {
    if text.is_empty() {
        return Err(FieldError {
            field: "text",
            problem: Invalid::Required,
        });
    }
    validate::too_long("text", text, CHANGE_MAX_CHARS)
}

impl NewAction {
    pub fn normalised(mut self) -> NewAction {
        normalise_action(&mut self.text, &mut self.owner);
        self
    }

    pub fn validate(&self) -> Result<(), FieldError> {
        check_action_text(&self.text)?;
        if let Some(source) = &self.source {
            validate::too_long("source", &source.point, crate::survey::TEXT_ANSWER_MAX_CHARS)?;
        }
        Ok(())
    }
}

api_type! {
    /// Something the team decided to do for a customer. `revision` grows with every
    /// edit; an edit made against an older revision is a conflict.
    pub struct ActionView {
        pub id: String,
        pub account: String,
        pub text: String,
        pub owner: Option<PersonRef>,
        pub due: Option<NaiveDate>,
        pub status: ActionStatus,
        pub revision: u32,
        pub created_by: PersonRef,
        pub created_at: DateTime<Utc>,
        pub updated_at: DateTime<Utc>,
        /// The development point it was made of, if any.
        pub source: Option<ActionSource>,
    }
}

api_type! {
    /// The new state of an action, made against the revision the editor saw.
    pub struct ActionEdit {
        pub action: String,
        pub base_revision: u32,
        pub text: String,
        pub owner: Option<String>,
        pub due: Option<NaiveDate>,
        pub status: ActionStatus,
    }
}

impl ActionEdit {
    pub fn normalised(mut self) -> ActionEdit {
        normalise_action(&mut self.text, &mut self.owner);
        self
    }

    pub fn validate(&self) -> Result<(), FieldError> {
        check_action_text(&self.text)
    }
}

api_type! {
    pub struct CounterFeedbackView {
        pub id: String,
        pub account: String,
        pub request: Option<String>,
        /// The survey response it answers (a link id), if any.
        pub response: Option<String>,
        pub author: PersonRef,
        pub health: u8,
        pub churn_risk: ChurnRisk,
        pub churn_causes: Vec<ChurnCause>,
        pub behind_the_scenes: String,
        pub changes: Vec<String>,
        pub further_needs: String,
        pub notes: String,
        /// The team's view of the aspects it rated.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub fulfilment: Vec<AspectRating>,
        pub created_at: DateTime<Utc>,
    }
}

api_type! {
    /// A team member asked for counter-feedback on a customer's answer.
    pub struct CounterFeedbackRequestView {
        pub id: String,
        pub account: PersonRef,
        /// The customer's answer verbatim, with its analysis.
        pub response: ResponseView,
        /// The sentences of the answer that ask for change, highlighted in the form.
        pub development_points: Vec<String>,
        pub created_at: DateTime<Utc>,
        pub reminded_at: Option<DateTime<Utc>>,
        pub escalated_at: Option<DateTime<Utc>>,
        pub answered_at: Option<DateTime<Utc>>,
        /// Colleagues who already gave their counter-feedback on the same answer,
        /// first first (never the request's own recipient).
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub answered_by: Vec<PersonRef>,
    }
}

api_type! {
    /// `GET /counter-feedback/requests`: the caller's open requests.
    pub struct RequestList {
        pub open: Vec<CounterFeedbackRequestView>,
    }
}

pub const DEFAULT_REMIND_AFTER_DAYS: u32 = 2;
pub const DEFAULT_ESCALATE_AFTER_DAYS: u32 = 5;
pub const FOLLOW_UP_MAX_DAYS: u32 = 60;

api_type! {
    /// Per organisation: when unanswered requests are followed up.
    pub struct FollowUpSettings {
        /// Days after the request when its recipient is reminded.
        pub remind_after_days: u32,
        /// Days after the request when the account lead is told it is still open.
        pub escalate_after_days: u32,
    }
}

impl Default for FollowUpSettings {
    fn default() -> Self {
        FollowUpSettings {
            remind_after_days: DEFAULT_REMIND_AFTER_DAYS,
            escalate_after_days: DEFAULT_ESCALATE_AFTER_DAYS,
        }
    }
}

impl FollowUpSettings {
    pub fn validate(&self) -> Result<(), FieldError> {
        let range = |field, days: u32| {
            if (1..=FOLLOW_UP_MAX_DAYS).contains(&days) {
                Ok(())
            } else {
                Err(FieldError {
                    field,
                    problem: Invalid::OutOfRange {
                        min: 1,
                        max: FOLLOW_UP_MAX_DAYS.into(),
                    },
                })
            }
        };
        range("remind_after_days", self.remind_after_days)?;
        range("escalate_after_days", self.escalate_after_days)?;
        if self.escalate_after_days <= self.remind_after_days {
            // Escalating before (or with) the reminder would skip the gentle step.
            return Err(FieldError {
                field: "escalate_after_days",
                problem: Invalid::OutOfRange {
                    min: i64::from(self.remind_after_days) + 1,
                    max: FOLLOW_UP_MAX_DAYS.into(),
                },
            });
        }
        Ok(())
    }
}

/// What an open request needs now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// Remind the team member who was asked.
    Remind,
    /// Tell the account lead the request is still open.
    Escalate,
}

impl FollowUpSettings {
    /// When the answer to a request made at `requested_at` is due: the day it would
    /// be escalated to the account's lead.
    pub fn answer_due(&self, requested_at: DateTime<Utc>) -> DateTime<Utc> {
        requested_at + Duration::days(self.escalate_after_days.into())
    }
}

/// The follow-up an open request is due, if any. Each step happens once; a request
/// that was never reminded (say the server was down) is escalated without a late
/// reminder first when both are due.
pub fn due_follow_up(
    requested_at: DateTime<Utc>,
    reminded_at: Option<DateTime<Utc>>,
    escalated_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    settings: &FollowUpSettings,
) -> Option<FollowUp> {
    let age = now - requested_at;
    if escalated_at.is_none() && age >= Duration::days(settings.escalate_after_days.into()) {
        return Some(FollowUp::Escalate);
    }
    if reminded_at.is_none() && escalated_at.is_none() && age >= Duration::days(settings.remind_after_days.into()) {
        return Some(FollowUp::Remind);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_due_when_the_request_would_be_escalated() {
        let settings = FollowUpSettings::default();
        let asked = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 1, 9, 0, 0).unwrap();
        let due = settings.answer_due(asked);
        assert_eq!(due - asked, Duration::days(DEFAULT_ESCALATE_AFTER_DAYS.into()));
        assert_eq!(
            due_follow_up(asked, Some(asked), None, due, &settings),
            Some(FollowUp::Escalate)
        );
        assert_eq!(
            due_follow_up(asked, Some(asked), None, due - Duration::seconds(1), &settings),
            None
        );
    }

    fn input() -> CounterFeedbackInput {
        CounterFeedbackInput {
            fulfilment: vec![
                AspectRating {
                    aspect: "quality".into(),
                    score: 4,
                },
                AspectRating {
                    aspect: "quality".into(),
                    score: 2,
                },
            ],
            account: "a1".into(),
            request: None,
            health: 3,
            churn_risk: ChurnRisk::Medium,
            churn_causes: vec![ChurnCause::VoiceLost],
            behind_the_scenes: " Their new CTO wants fewer vendors. ".into(),
            changes: vec![
                ChangeInput {
                    text: " Weekly status mail ".into(),
                    owner: Some("".into()),
                    due: None,
                    source: None,
                },
                ChangeInput {
                    text: "   ".into(),
                    owner: None,
                    due: None,
                    source: None,
                },
            ],
            further_needs: String::new(),
            notes: String::new(),
        }
    }

    #[test]
    fn normalising_trims_and_drops_empty_changes() {
        let normalised = input().normalised();
        assert_eq!(normalised.behind_the_scenes, "Their new CTO wants fewer vendors.");
        assert_eq!(normalised.changes.len(), 1);
        assert_eq!(normalised.changes[0].text, "Weekly status mail");
        assert_eq!(normalised.changes[0].owner, None);
        assert_eq!(
            normalised.fulfilment,
            [AspectRating {
                aspect: "quality".into(),
                score: 2
            }],
            "the last rating of an aspect is the one meant"
        );
        assert!(normalised.validate().is_ok());
    }

    #[test]
    fn the_teams_fulfilment_is_rated_one_to_five() {
        for score in [0, 6] {
            let rated = CounterFeedbackInput {
                fulfilment: vec![AspectRating {
                    aspect: "value".into(),
                    score,
                }],
                ..input()
            };
            assert_eq!(rated.validate().unwrap_err().field, "fulfilment");
        }
        let old_draft = serde_json::json!({
            "account": "a1", "request": null, "health": 4, "churn_risk": "none", "churn_causes": [],
            "behind_the_scenes": "", "changes": [], "further_needs": "", "notes": ""
        });
        let read: CounterFeedbackInput =
            serde_json::from_value(old_draft).expect("a draft saved before ratings existed");
        assert!(read.fulfilment.is_empty());
    }

    #[test]
    fn a_development_point_is_answered_by_one_change_only() {
        let point = ActionSource {
            link_id: "l1".into(),
            point: "Reports come late.".into(),
        };
        let change = |text: &str, source: Option<ActionSource>| ChangeInput {
            text: text.into(),
            owner: None,
            due: None,
            source,
        };
        let answering = |changes| CounterFeedbackInput { changes, ..input() }.normalised();
        assert!(
            answering(vec![
                change("Send them on Mondays", Some(point.clone())),
                change("Call", None),
                change("Visit", None)
            ])
            .validate()
            .is_ok()
        );
        let twice = answering(vec![
            change("Send them on Mondays", Some(point.clone())),
            change("Automate them", Some(point)),
        ]);
        assert_eq!(twice.validate().unwrap_err().problem, Invalid::Repeated);

        let old_draft = serde_json::json!({"text": "Call", "owner": null, "due": null});
        let read: ChangeInput =
            serde_json::from_value(old_draft).expect("a change drafted before points could be linked");
        assert_eq!(read.source, None);
    }

    #[test]
    fn health_must_be_one_to_five() {
        for health in [0, 6] {
            let unhealthy = CounterFeedbackInput { health, ..input() };
            assert_eq!(unhealthy.validate().unwrap_err().field, "health");
        }
    }

    #[test]
    fn medium_or_high_risk_needs_a_cause_and_no_risk_keeps_none() {
        let causeless = CounterFeedbackInput {
            churn_causes: vec![],
            ..input()
        };
        assert_eq!(causeless.validate().unwrap_err().field, "churn_causes");
        let none = CounterFeedbackInput {
            churn_risk: ChurnRisk::None,
            ..input()
        }
        .normalised();
        assert!(none.churn_causes.is_empty());
        assert!(none.validate().is_ok());
    }

    #[test]
    fn codes_match_the_wire_names() {
        for risk in ChurnRisk::ALL {
            assert_eq!(serde_json::to_value(risk).unwrap().as_str(), Some(risk.code()));
            assert_eq!(ChurnRisk::from_code(risk.code()), Some(risk));
        }
        for status in [ActionStatus::Open, ActionStatus::Done] {
            assert_eq!(serde_json::to_value(status).unwrap().as_str(), Some(status.code()));
            assert_eq!(ActionStatus::from_code(status.code()), Some(status));
        }
    }

    #[test]
    fn client_ids_are_uuid_like() {
        assert!(client_id("id", "0b7c6a0e-2f7e-4a57-9a58-0d3e1c9a2b11").is_ok());
        for bad in ["short", "has space in it", "semi;colon-123", &"x".repeat(65)] {
            assert!(client_id("id", bad).is_err(), "{bad}");
        }
    }

    fn at(day: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::days(day)
    }

    #[test]
    fn reminds_after_two_days_and_escalates_after_five_by_default() {
        let settings = FollowUpSettings::default();
        let asked = at(0);
        assert_eq!(due_follow_up(asked, None, None, at(1), &settings), None);
        assert_eq!(
            due_follow_up(asked, None, None, at(2), &settings),
            Some(FollowUp::Remind)
        );
        assert_eq!(due_follow_up(asked, Some(at(2)), None, at(4), &settings), None);
        assert_eq!(
            due_follow_up(asked, Some(at(2)), None, at(5), &settings),
            Some(FollowUp::Escalate)
        );
        assert_eq!(due_follow_up(asked, Some(at(2)), Some(at(5)), at(30), &settings), None);
    }

    #[test]
    fn a_late_check_escalates_once_without_a_late_reminder() {
        let settings = FollowUpSettings::default();
        assert_eq!(
            due_follow_up(at(0), None, None, at(9), &settings),
            Some(FollowUp::Escalate)
        );
        assert_eq!(due_follow_up(at(0), None, Some(at(9)), at(10), &settings), None);
    }

    #[test]
    fn settings_must_escalate_after_reminding() {
        let bad = FollowUpSettings {
            remind_after_days: 5,
            escalate_after_days: 5,
        };
        assert_eq!(bad.validate().unwrap_err().field, "escalate_after_days");
        assert!(FollowUpSettings::default().validate().is_ok());
        let zero = FollowUpSettings {
            remind_after_days: 0,
            escalate_after_days: 3,
        };
        assert_eq!(zero.validate().unwrap_err().field, "remind_after_days");
    }
}
