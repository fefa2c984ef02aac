use chrono::{DateTime, Utc};
use kaiku_core::api::{DeliveryStatus, OutboxMessage};
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
use super::{Store, key_of, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct OutboxRow {
    pub id: RecordId,
    pub org: RecordId,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    /// Set on messages recorded before links were issued at send time.
    pub unsubscribe_url: Option<String>,
    /// The survey link the body's marker stands for.
    pub survey_link: Option<RecordId>,
    /// The contact whose opt-out link the body's marker (and the header) stands for.
    pub opt_out_contact: Option<RecordId>,
    /// The invitation the body's marker stands for.
    pub invitation: Option<RecordId>,
    /// The re-pulse the body's marker stands for.
    pub repulse: Option<RecordId>,
}

impl OutboxRow {
    pub fn view(&self) -> Result<OutboxMessage, Unreadable> {
        Ok(OutboxMessage {
            id: key_of(&self.id),
            to: self.recipient.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
            created_at: self.created_at,
            status: decode::code(&self.id, "status", &self.status, DeliveryStatus::from_code)?,
            attempts: decode::count(&self.id, "attempts", self.attempts)?,
            last_error: self.last_error.clone(),
            next_attempt_at: self.next_attempt_at,
            sent_at: self.sent_at,
        })
    }
}

/// A message about to be recorded, usually inside the transaction that caused it.
#[derive(SurrealValue)]
pub(super) struct OutboxContent {
    org: RecordId,
    recipient: String,
    subject: String,
    body: String,
    created_at: DateTime<Utc>,
    survey_link: Option<RecordId>,
    opt_out_contact: Option<RecordId>,
    invitation: Option<RecordId>,
    repulse: Option<RecordId>,
}

impl OutboxContent {
    pub(super) fn new(org: &RecordId, recipient: &str, subject: &str, body: &str, now: DateTime<Utc>) -> OutboxContent {
        OutboxContent {
            org: org.clone(),
            recipient: recipient.to_string(),
            subject: subject.to_string(),
            body: body.to_string(),
            created_at: now,
            survey_link: None,
            opt_out_contact: None,
            invitation: None,
            repulse: None,
        }
    }

    /// The body carries `link`'s survey link (`message_links::SURVEY_LINK`).
    pub(super) fn with_survey_link(mut self, link: &RecordId) -> OutboxContent {
        self.survey_link = Some(link.clone());
        self
    }

    /// A message to a customer, with their one-click opt-out (`message_links::OPT_OUT_LINK`).
    pub(super) fn with_opt_out(mut self, contact: &RecordId) -> OutboxContent {
        self.opt_out_contact = Some(contact.clone());
        self
    }

    /// The body carries the invitation's link (`message_links::INVITATION_LINK`).
    pub(super) fn with_invitation(mut self, invitation: &RecordId) -> OutboxContent {
        self.invitation = Some(invitation.clone());
        self
    }

    /// The body carries the re-pulse's link (`message_links::REPULSE_LINK`).
    pub(super) fn with_repulse(mut self, repulse: &RecordId) -> OutboxContent {
        self.repulse = Some(repulse.clone());
        self
    }
}

/// The hashes of the tokens a message's links carry as it is sent.
pub struct IssuedTokens {
    pub survey_hash: Option<String>,
    pub opt_out_hash: Option<String>,
    pub invitation_hash: Option<String>,
    pub repulse_hash: Option<String>,
}

pub(super) const OUTBOX_FIELDS: &str = "id, org, recipient, subject, body, created_at, status, attempts, next_attempt_at, \
     last_error, sent_at, unsubscribe_url, survey_link, opt_out_contact, invitation, repulse";

/// Messages waiting for delivery: pending, failed and due again, or claimed by an
/// attempt that never finished (its holder died).
const DELIVERABLE: &str = "status IN ['pending', 'failed', 'sending'] \
     AND (next_attempt_at = NONE OR next_attempt_at <= $now) \
     AND (claimed_until = NONE OR claimed_until < $now)";

impl Store {
    /// Stores the tokens' hashes for the links `message` carries, in one transaction.
    /// `false` when its survey link was re-sent after the message was recorded (the
    /// link's tokens from before were withdrawn then, and this one would bring one back).
    pub async fn issue_message_tokens(
        &self,
        message: &OutboxRow,
        issued: IssuedTokens,
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let query = self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 LET $message = (SELECT org, created_at FROM ONLY $id);
                 IF $survey_link != NONE AND $survey_hash != NONE {
                     IF (SELECT VALUE sent_at FROM ONLY $survey_link) > $message.created_at { THROW 'link_superseded'; };
                     CREATE link_token CONTENT { org: $message.org, link: $survey_link, token_hash: $survey_hash, created_at: $now };
                 };
                 IF $contact != NONE AND $opt_out_hash != NONE {
                     CREATE optout_token CONTENT { org: $message.org, contact: $contact, token_hash: $opt_out_hash, created_at: $now };
                 };
                 IF $invitation != NONE AND $invitation_hash != NONE {
                     CREATE invitation_token CONTENT { org: $message.org, invitation: $invitation, token_hash: $invitation_hash, created_at: $now };
                 };
                 IF $repulse != NONE AND $repulse_hash != NONE {
                     CREATE repulse_token CONTENT { org: $message.org, repulse: $repulse, token_hash: $repulse_hash, created_at: $now };
                 };
                 COMMIT TRANSACTION;",
            )
            .bind(("id", message.id.clone()))
            .bind(("survey_link", message.survey_link.clone()))
            .bind(("survey_hash", issued.survey_hash))
            .bind(("contact", message.opt_out_contact.clone()))
            .bind(("opt_out_hash", issued.opt_out_hash))
            .bind(("invitation", message.invitation.clone()))
            .bind(("invitation_hash", issued.invitation_hash))
            .bind(("repulse", message.repulse.clone()))
            .bind(("repulse_hash", issued.repulse_hash))
            .bind(("now", now));
        match run(query).await {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains("link_superseded") => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// One message, of any organisation, as the delivery worker reads it.
    pub async fn message_to_deliver(&self, id: &RecordId) -> Result<Option<OutboxRow>, surrealdb::Error> {
        self.db()
            .query(format!("SELECT {OUTBOX_FIELDS} FROM $id"))
            .bind(("id", id.clone()))
            .first()
            .await
    }

    /// Empties the bodies of up to `limit` messages whose delivery ended (sent or given
    /// up) before `before`; the rest of the record stays for the admin's history.
    /// Returns how many were emptied.
    pub async fn purge_message_bodies(
        &self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<u32, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(
                "LET $old = (SELECT VALUE id FROM outbox
                     WHERE status IN ['sent', 'gave_up'] AND body_purged_at = NONE AND (sent_at ?? created_at) < $before
                     LIMIT $limit);
                 UPDATE $old SET body = '', body_purged_at = $now RETURN VALUE id;",
            )
            .bind(("before", before))
            .bind(("now", now))
            .bind(("limit", limit)))
        .await?;
        let purged: Vec<RecordId> = response.take(1)?;
        Ok(u32::try_from(purged.len()).unwrap_or(u32::MAX))
    }

    /// Newest first.
    pub async fn messages(&self, org: &RecordId) -> Result<Vec<OutboxRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {OUTBOX_FIELDS} FROM outbox WHERE org = $org ORDER BY created_at DESC LIMIT 500"
            ))
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// Up to `limit` messages due for an attempt, oldest first, of every organisation.
    pub async fn deliverable_messages(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<OutboxRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {OUTBOX_FIELDS} FROM outbox WHERE {DELIVERABLE} ORDER BY created_at LIMIT $limit"
            ))
            .bind(("now", now))
            .bind(("limit", limit))
            .rows()
            .await
    }

    /// Marks the message as being sent until `until`; `false` when another attempt
    /// took it first, so each message has one attempt at a time.
    pub async fn claim_message(
        &self,
        id: &RecordId,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "UPDATE $id SET status = 'sending', claimed_until = $until, attempts += 1 \
                 WHERE {DELIVERABLE} RETURN VALUE id"
            ))
            .bind(("id", id.clone()))
            .bind(("now", now))
            .bind(("until", until)))
        .await?;
        let claimed: Vec<RecordId> = response.take(0)?;
        Ok(!claimed.is_empty())
    }

    pub async fn mark_message_sent(&self, id: &RecordId, now: DateTime<Utc>) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "UPDATE $id SET status = 'sent', sent_at = $now, claimed_until = NONE, \
                 next_attempt_at = NONE, last_error = NONE",
            )
            .bind(("id", id.clone()))
            .bind(("now", now)))
        .await?;
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up when `None`.
    pub async fn mark_message_failed(
        &self,
        id: &RecordId,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), surrealdb::Error> {
        let status = if retry_at.is_some() { "failed" } else { "gave_up" };
        run(self
            .db()
            .query("UPDATE $id SET status = $status, last_error = $error, next_attempt_at = $retry_at, claimed_until = NONE")
            .bind(("id", id.clone()))
            .bind(("status", status))
            .bind(("error", error.to_string()))
            .bind(("retry_at", retry_at)))
        .await?;
        Ok(())
    }

    /// An admin's "try again": a failed or given-up message goes back in the queue.
    pub async fn retry_message(
        &self,
        org: &RecordId,
        id: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<Option<OutboxRow>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "UPDATE $id SET status = 'pending', next_attempt_at = $now, attempts = 0 \
                 WHERE org = $org AND status IN ['failed', 'gave_up'];
                 SELECT {OUTBOX_FIELDS} FROM $id WHERE org = $org"
            ))
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("now", now)))
        .await?;
        let rows: Vec<OutboxRow> = response.take(1)?;
        Ok(rows.into_iter().next())
    }
}
