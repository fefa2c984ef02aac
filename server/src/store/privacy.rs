//! Data-subject requests: every record of one person (by email) in one organisation,
//! and their erasure in one transaction (`kaiku_core::privacy` says what is kept).
//!
//! The person's records: their contacts (one per account), the survey links sent to
//! those contacts or to the email, the re-pulses of those contacts, the messages from
//! the email or matched to the contacts, and the outbox emails to any of them.

use chrono::{DateTime, Utc};
use kaiku_core::privacy::AnswerFate;
use surrealdb::types::{RecordId, SurrealValue};

use super::contacts::ContactRow;
use super::messages::MessageRow;
use super::outbox::{OUTBOX_FIELDS, OutboxRow};
use super::repulse::RepulseRow;
use super::surveys::{LINK_FIELDS, LinkRow, RoundRow};
use super::{Store, run};

/// Finds the person's records; `$contacts`, `$links`, `$repulses` and `$messages` hold
/// their ids for the statements that follow.
const FIND_PERSON: &str = "
    LET $contacts = (SELECT VALUE id FROM contact WHERE org = $org AND email = $email);
    LET $links = (SELECT VALUE id FROM survey_link WHERE org = $org AND (email = $email OR contact IN $contacts));
    LET $repulses = (SELECT VALUE id FROM case_repulse WHERE org = $org AND contact IN $contacts);
    LET $messages = (SELECT VALUE id FROM message
        WHERE org = $org AND (sender_email = $email OR (contact != NONE AND contact IN $contacts)));
    LET $emails = (SELECT VALUE id FROM outbox WHERE org = $org AND (recipient = $email
        OR (survey_link != NONE AND survey_link IN $links)
        OR (opt_out_contact != NONE AND opt_out_contact IN $contacts)
        OR (repulse != NONE AND repulse IN $repulses)));";

/// Everything the organisation holds about one person.
pub struct PersonRecords {
    pub contacts: Vec<ContactRow>,
    pub links: Vec<LinkRow>,
    /// The rounds of `links`, for the questions as they were asked.
    pub rounds: Vec<RoundRow>,
    pub repulses: Vec<RepulseRow>,
    pub messages: Vec<MessageRow>,
    pub emails: Vec<OutboxRow>,
    /// The names of the accounts the records belong to.
    pub accounts: Vec<AccountName>,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct AccountName {
    pub id: RecordId,
    pub name: String,
}

/// What an erasure rewrites besides the records it finds: the case triggers that quote
/// the person's words (their words emptied when answers are deleted), and the
/// organisation's analysis corrections made on those words.
#[derive(SurrealValue)]
pub struct Rewrites {
    pub triggers: Vec<TriggerText>,
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct TriggerText {
    pub id: RecordId,
    pub trigger_json: String,
}

impl Store {
    pub async fn person_records(&self, org: &RecordId, email: &str) -> Result<PersonRecords, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "{FIND_PERSON}
                 SELECT * FROM contact WHERE id IN $contacts ORDER BY created_at;
                 SELECT {LINK_FIELDS} FROM survey_link WHERE id IN $links ORDER BY sent_at;
                 SELECT * FROM survey_round WHERE id IN (SELECT VALUE round FROM survey_link WHERE id IN $links);
                 SELECT * FROM case_repulse WHERE id IN $repulses ORDER BY sent_at;
                 SELECT * FROM message WHERE id IN $messages ORDER BY received_at;
                 SELECT {OUTBOX_FIELDS} FROM outbox WHERE id IN $emails ORDER BY created_at;
                 SELECT id, name FROM account WHERE org = $org;"
            ))
            .bind(("org", org.clone()))
            .bind(("email", email.to_string())))
        .await?;
        Ok(PersonRecords {
            contacts: response.take(5)?,
            links: response.take(6)?,
            rounds: response.take(7)?,
            repulses: response.take(8)?,
            messages: response.take(9)?,
            emails: response.take(10)?,
            accounts: response.take(11)?,
        })
    }

    /// The case triggers that quote the person's answers or messages.
    pub async fn person_triggers(&self, org: &RecordId, email: &str) -> Result<Vec<TriggerText>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "{FIND_PERSON}
                 SELECT id, trigger_json FROM case_trigger WHERE org = $org
                     AND ((link != NONE AND link IN $links) OR (message != NONE AND message IN $messages));"
            ))
            .bind(("org", org.clone()))
            .bind(("email", email.to_string())))
        .await?;
        response.take(5)
    }

    /// Erases the person in one transaction. Their identity goes whatever `fate`
    /// says: contacts, tokens and the emails to them are deleted; names, titles and
    /// emails are emptied on what stays. `fate` decides whether what they said stays
    /// (anonymised) or goes. Open links are revoked so an old email opens nothing.
    pub async fn erase_person(
        &self,
        org: &RecordId,
        email: &str,
        fate: AnswerFate,
        rewrites: Rewrites,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        let query = self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 {FIND_PERSON}
                 DELETE link_token WHERE org = $org AND link IN $links;
                 DELETE optout_token WHERE org = $org AND contact IN $contacts;
                 DELETE repulse_token WHERE org = $org AND repulse IN $repulses;
                 DELETE outbox WHERE id IN $emails;
                 UPDATE we_did_told SET contact_name = '' WHERE org = $org AND contact IN $contacts;
                 UPDATE case_step SET email_to = NONE, contact = NONE
                     WHERE org = $org AND contact != NONE AND contact IN $contacts;
                 FOR $trigger IN $triggers {{
                     UPDATE $trigger.id SET trigger_json = $trigger.trigger_json WHERE org = $org;
                 }};
                 IF $delete {{
                     DELETE promise_breach WHERE org = $org AND link != NONE AND link IN $links;
                     DELETE analysis_correction WHERE org = $org AND text IN $texts;
                     DELETE survey_link WHERE id IN $links;
                     DELETE case_repulse WHERE id IN $repulses;
                     DELETE message WHERE id IN $messages;
                 }} ELSE {{
                     UPDATE promise_breach SET contact_name = ''
                         WHERE org = $org AND link != NONE AND link IN $links;
                     UPDATE survey_link SET contact_name = '', contact_title = '', email = '',
                         revoked_at = IF answered_at = NONE AND revoked_at = NONE THEN $now ELSE revoked_at END
                         WHERE id IN $links;
                     UPDATE case_repulse SET contact_name = '',
                         expires_at = IF answered_at = NONE AND expires_at > $now THEN $now ELSE expires_at END
                         WHERE id IN $repulses;
                     UPDATE message SET sender_name = '', sender_email = '', contact = NONE WHERE id IN $messages;
                 }};
                 DELETE contact WHERE id IN $contacts;
                 COMMIT TRANSACTION;"
            ))
            .bind(("org", org.clone()))
            .bind(("email", email.to_string()))
            .bind(("delete", fate == AnswerFate::Delete))
            .bind(("triggers", rewrites.triggers))
            .bind(("texts", rewrites.texts))
            .bind(("now", now));
        run(query).await.map(|_| ())
    }
}
