//! Re-pulses: the one question a contact gets some days after their case closed. The
//! send records the case's round as dealt with, the re-pulse and its email in one
//! transaction; the answer, the reopening (or the attaching to the account's other
//! open case) and the owner's email in another.

use chrono::{DateTime, Utc};
use kaiku_core::Lang;
use kaiku_core::case::{RepulseReply, RepulseView, Resolved};
use kaiku_core::survey::Answer;
use surrealdb::types::{RecordId, SurrealValue};

use super::cases::{CaseDeadlines, CaseRow, EventRow, NewTrigger};
use super::counterfeedback::{Email, outbox_messages};
use super::decode::{self, Unreadable};
use super::outbox::OutboxContent;
use super::{Store, new_id, run, to_json};

const ANSWERED: &str = "kaiku:repulse-answered";
const MOVED: &str = "kaiku:repulse-case-moved";
const DEALT_WITH: &str = "kaiku:repulse-dealt-with";

#[derive(Debug, Clone, SurrealValue)]
pub struct RepulseRow {
    pub id: RecordId,
    pub org: RecordId,
    pub customer_case: RecordId,
    pub round: i64,
    pub contact: RecordId,
    pub contact_name: String,
    pub language: String,
    pub sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub answers_json: String,
    pub answered_at: Option<DateTime<Utc>>,
    pub resolved: Option<String>,
    pub comment: String,
}

impl RepulseRow {
    pub fn language(&self) -> Result<Lang, Unreadable> {
        decode::code(&self.id, "language", &self.language, Lang::from_tag)
    }

    pub fn answers(&self) -> Result<Vec<Answer>, Unreadable> {
        decode::json(&self.id, "answers_json", &self.answers_json)
    }

    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.answered_at.is_none() && now < self.expires_at
    }

    pub fn resolved(&self) -> Result<Option<Resolved>, Unreadable> {
        self.resolved
            .as_deref()
            .map(|code| decode::code(&self.id, "resolved", code, Resolved::from_code))
            .transpose()
    }

    pub fn view(&self) -> Result<RepulseView, Unreadable> {
        Ok(RepulseView {
            contact_name: self.contact_name.clone(),
            sent_at: self.sent_at,
            answered_at: self.answered_at,
            reply: self.resolved()?.map(|resolved| RepulseReply {
                resolved,
                comment: self.comment.clone(),
            }),
        })
    }
}

/// Whom a case's re-pulse would go to: the contact of the first answer behind it.
#[derive(Debug, Clone, SurrealValue)]
pub struct RepulseContact {
    pub contact: RecordId,
    pub name: String,
    pub email: String,
    pub language: String,
    pub opted_out_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, SurrealValue)]
struct RepulseContent {
    org: RecordId,
    customer_case: RecordId,
    round: i64,
    contact: RecordId,
    contact_name: String,
    language: String,
    sent_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

/// A re-pulse about to be sent, with its email (the body carries
/// `message_links::REPULSE_LINK` and `OPT_OUT_LINK`).
pub struct NewRepulse {
    pub contact: RepulseContact,
    pub expires_at: DateTime<Utc>,
    pub subject: String,
    pub body: String,
}

/// What a "no" or "partly" does: reopen the re-pulsed case, or attach to the
/// account's other open case (`attach_to`), and tell its owner.
pub struct NotResolved {
    pub attach_to: Option<RecordId>,
    /// The severity rank of the open case with the trigger added.
    pub attached_severity: i64,
    pub deadlines: CaseDeadlines,
    pub event: EventRow,
    pub trigger: NewTrigger,
    pub emails: Vec<Email>,
}

#[derive(SurrealValue)]
struct Reopening {
    case: RecordId,
    attach_to: Option<RecordId>,
    attached_severity: i64,
    slot: String,
    deadlines: CaseDeadlines,
    event: EventRow,
    trigger: NewTrigger,
}

/// Why an answer was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum AnswerRepulseError {
    /// It was answered before (a double tap, a second answer).
    #[error("the re-pulse was answered before")]
    Answered,
    /// The case to reopen or attach to changed meanwhile; answering again decides anew.
    #[error("the case changed meanwhile")]
    CaseMoved,
    #[error(transparent)]
    Db(#[from] surrealdb::Error),
}

const REPULSE_FIELDS: &str = "SELECT * FROM case_repulse";

impl Store {
    /// Closed cases of every organisation whose round was closed before `before` and
    /// not yet re-pulsed, oldest closing first.
    pub async fn cases_due_for_repulse(
        &self,
        before: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<CaseRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT * FROM customer_case WHERE status = 'closed' AND closed_at <= $before
                     AND (repulsed_round = NONE OR repulsed_round < round)
                 ORDER BY closed_at LIMIT $limit",
            )
            .bind(("before", before))
            .bind(("limit", limit))
            .rows()
            .await
    }

    /// The contact whose answer first triggered the case, if it still exists.
    pub async fn repulse_contact(&self, case: &CaseRow) -> Result<Option<RepulseContact>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(
                "LET $link = (SELECT VALUE link FROM case_trigger
                     WHERE org = $org AND customer_case = $case AND link != NONE ORDER BY created_at LIMIT 1)[0];
                 SELECT id AS contact, name, email, language, opted_out_at FROM contact
                     WHERE org = $org AND id = $link.contact",
            )
            .bind(("org", case.org.clone()))
            .bind(("case", case.id.clone())))
        .await?;
        let rows: Vec<RepulseContact> = response.take(1)?;
        Ok(rows.into_iter().next())
    }

    /// Records the case's round as re-pulsed, with the re-pulse and its email when
    /// there is one to send. `false` when the round was dealt with before.
    pub async fn record_repulse(
        &self,
        case: &CaseRow,
        new: Option<NewRepulse>,
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let id = new_id("case_repulse");
        let (content, message) = match new {
            Some(new) => {
                let message = OutboxContent::new(&case.org, &new.contact.email, &new.subject, &new.body, now)
                    .with_repulse(&id)
                    .with_opt_out(&new.contact.contact);
                let content = RepulseContent {
                    org: case.org.clone(),
                    customer_case: case.id.clone(),
                    round: case.round,
                    contact: new.contact.contact,
                    contact_name: new.contact.name,
                    language: new.contact.language,
                    sent_at: now,
                    expires_at: new.expires_at,
                };
                (Some(content), Some(message))
            }
            None => (None, None),
        };
        let query = self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $changed = (UPDATE $case SET repulsed_round = round
                     WHERE status = 'closed' AND round = $round AND (repulsed_round = NONE OR repulsed_round < round)
                     RETURN VALUE id);
                 IF array::len($changed) == 0 {{ THROW '{DEALT_WITH}'; }};
                 IF $content != NONE {{
                     CREATE ONLY $id CONTENT $content;
                     CREATE outbox CONTENT $message;
                 }};
                 COMMIT TRANSACTION;"
            ))
            .bind(("case", case.id.clone()))
            .bind(("round", case.round))
            .bind(("id", id))
            .bind(("content", content))
            .bind(("message", message));
        match run(query).await {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains(DEALT_WITH) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The re-pulse behind a token (of any organisation: the token is the credential).
    pub async fn repulse_by_token_hash(&self, hash: &str) -> Result<Option<RepulseRow>, surrealdb::Error> {
        self
            .db()
            .query(format!(
                "{REPULSE_FIELDS} WHERE id = (SELECT VALUE repulse FROM repulse_token WHERE token_hash = $hash LIMIT 1)[0]"
            ))
            .bind(("hash", hash.to_string()))
            .first()
            .await
    }

    /// One more token for a re-pulse's link (the demo's published one).
    pub async fn add_repulse_token(
        &self,
        repulse: &RepulseRow,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("CREATE repulse_token CONTENT { org: $org, repulse: $repulse, token_hash: $hash, created_at: $now }")
            .bind(("org", repulse.org.clone()))
            .bind(("repulse", repulse.id.clone()))
            .bind(("hash", token_hash.to_string()))
            .bind(("now", now)))
        .await?;
        Ok(())
    }

    /// The organisation's re-pulses, oldest first.
    pub async fn repulses(&self, org: &RecordId) -> Result<Vec<RepulseRow>, surrealdb::Error> {
        self.db()
            .query(format!("{REPULSE_FIELDS} WHERE org = $org ORDER BY sent_at"))
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// The re-pulses of one case, oldest round first.
    pub async fn repulses_of_case(&self, org: &RecordId, case: &RecordId) -> Result<Vec<RepulseRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "{REPULSE_FIELDS} WHERE org = $org AND customer_case = $case ORDER BY round"
            ))
            .bind(("org", org.clone()))
            .bind(("case", case.clone()))
            .rows()
            .await
    }

    /// Saves answers as they are given; `false` once it is answered.
    pub async fn save_repulse_answers(&self, id: &RecordId, answers: &[Answer]) -> Result<bool, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("UPDATE $id SET answers_json = $answers WHERE answered_at = NONE RETURN VALUE id")
            .bind(("id", id.clone()))
            .bind(("answers", to_json(answers)?)))
        .await?;
        let changed: Vec<RecordId> = response.take(0)?;
        Ok(!changed.is_empty())
    }

    /// Records the answer once, with what a "no" or "partly" does, all together.
    pub async fn answer_repulse(
        &self,
        repulse: &RepulseRow,
        case: &CaseRow,
        answers: &[Answer],
        reply: &RepulseReply,
        not_resolved: Option<NotResolved>,
        now: DateTime<Utc>,
    ) -> Result<(), AnswerRepulseError> {
        let (reopening, messages) = match not_resolved {
            Some(n) => (
                Some(Reopening {
                    case: case.id.clone(),
                    attach_to: n.attach_to,
                    attached_severity: n.attached_severity,
                    slot: format!("open:{}", super::key_of(&case.account)),
                    deadlines: n.deadlines,
                    event: n.event,
                    trigger: n.trigger,
                }),
                outbox_messages(&case.org, &n.emails, now),
            ),
            None => (None, Vec::new()),
        };
        let query = self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $answered = (UPDATE $repulse SET answered_at = $now, answers_json = $answers,
                     resolved = $resolved, comment = $comment WHERE answered_at = NONE RETURN VALUE id);
                 IF array::len($answered) == 0 {{ THROW '{ANSWERED}'; }};
                 IF $reopening != NONE {{
                     LET $target = $reopening.attach_to ?? $reopening.case;
                     LET $changed = IF $reopening.attach_to = NONE {{
                         (UPDATE $reopening.case SET status = 'open', open_slot = $reopening.slot, round = round + 1,
                             closed_at = NONE, closed_by = NONE,
                             resolve_remind_at = $reopening.deadlines.resolve_remind_at,
                             resolve_due_at = $reopening.deadlines.resolve_due_at, updated_at = $now
                          WHERE status = 'closed' RETURN VALUE id)
                     }} ELSE {{
                         (UPDATE $reopening.attach_to SET severity = math::max([severity, $reopening.attached_severity]),
                             updated_at = $now WHERE status = 'open' RETURN VALUE id)
                     }};
                     IF array::len($changed) == 0 {{ THROW '{MOVED}'; }};
                     IF $reopening.attach_to = NONE {{ CREATE case_event CONTENT $reopening.event; }};
                     CREATE case_trigger SET org = $org, customer_case = $target, kind = $reopening.trigger.kind,
                         trigger_json = $reopening.trigger.trigger_json, link = NONE, counter_feedback = NONE,
                         added_by = NONE, note = $reopening.trigger.note, created_at = $now;
                     FOR $message IN $messages {{ CREATE outbox CONTENT $message; }};
                 }};
                 COMMIT TRANSACTION;"
            ))
            .bind(("repulse", repulse.id.clone()))
            .bind(("org", case.org.clone()))
            .bind(("now", now))
            .bind(("answers", to_json(answers)?))
            .bind(("resolved", reply.resolved.code().to_string()))
            .bind(("comment", reply.comment.clone()))
            .bind(("reopening", reopening))
            .bind(("messages", messages));
        match run(query).await {
            Ok(_) => Ok(()),
            Err(e) if e.to_string().contains(ANSWERED) => Err(AnswerRepulseError::Answered),
            Err(e) if e.to_string().contains(MOVED) || super::is_unique_violation(&e) => {
                Err(AnswerRepulseError::CaseMoved)
            }
            Err(e) => Err(e.into()),
        }
    }
}
