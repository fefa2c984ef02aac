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
use super::{Statement, Store, run};

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

/// How what a forgotten person said goes (`fate`), with what that rewrites besides the
/// records themselves: the case triggers that quote their words (emptied when answers
/// are deleted), and the organisation's analysis corrections made on those words.
pub struct Forgetting {
    pub fate: AnswerFate,
    pub triggers: Vec<TriggerText>,
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct TriggerText {
    pub id: RecordId,
    pub trigger_json: String,
}

/// Records past the organisation's retention, oldest first.
pub struct PastRetention {
    pub links: Vec<LinkRow>,
    pub repulses: Vec<RepulseRow>,
    pub messages: Vec<MessageRow>,
}

impl PastRetention {
    pub fn is_empty(&self) -> bool {
        self.links.is_empty() && self.repulses.is_empty() && self.messages.is_empty()
    }
}

/// Forgets who is behind `$contacts`, `$links`, `$repulses`, `$messages` and
/// `$emails`: their identity always; what they said when `$delete`. Open links are
/// revoked and open re-pulses closed, so an old email opens nothing.
const FORGET: &str = "
    DELETE link_token WHERE org = $org AND link IN $links;
    DELETE optout_token WHERE org = $org AND contact IN $contacts;
    DELETE repulse_token WHERE org = $org AND repulse IN $repulses;
    DELETE outbox WHERE org = $org AND id IN $emails;
    UPDATE we_did_told SET contact_name = '' WHERE org = $org AND contact IN $contacts;
    UPDATE case_step SET email_to = NONE, contact = NONE
        WHERE org = $org AND contact != NONE AND contact IN $contacts;
    FOR $trigger IN $triggers {
        UPDATE $trigger.id SET trigger_json = $trigger.trigger_json WHERE org = $org;
    };
    IF $delete {
        DELETE promise_breach WHERE org = $org AND link != NONE AND link IN $links;
        DELETE analysis_correction WHERE org = $org AND text IN $texts;
        DELETE survey_link WHERE org = $org AND id IN $links;
        DELETE case_repulse WHERE org = $org AND id IN $repulses;
        DELETE message WHERE org = $org AND id IN $messages;
    } ELSE {
        UPDATE promise_breach SET contact_name = ''
            WHERE org = $org AND link != NONE AND link IN $links;
        UPDATE survey_link SET contact_name = '', contact_title = '', email = '',
            revoked_at = IF answered_at = NONE AND revoked_at = NONE THEN $now ELSE revoked_at END
            WHERE org = $org AND id IN $links;
        UPDATE case_repulse SET contact_name = '',
            expires_at = IF answered_at = NONE AND expires_at > $now THEN $now ELSE expires_at END
            WHERE org = $org AND id IN $repulses;
        UPDATE message SET sender_name = '', sender_email = '', contact = NONE
            WHERE org = $org AND id IN $messages;
    };
    DELETE contact WHERE org = $org AND id IN $contacts;";

impl Store {
    pub async fn person_records(&self, org: &RecordId, email: &str) -> Result<PersonRecords, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "{FIND_PERSON}
                 SELECT * FROM contact WHERE org = $org AND id IN $contacts ORDER BY created_at;
                 SELECT {LINK_FIELDS} FROM survey_link WHERE org = $org AND id IN $links ORDER BY sent_at;
                 SELECT * FROM survey_round WHERE org = $org
                     AND id IN (SELECT VALUE round FROM survey_link WHERE id IN $links);
                 SELECT * FROM case_repulse WHERE org = $org AND id IN $repulses ORDER BY sent_at;
                 SELECT * FROM message WHERE org = $org AND id IN $messages ORDER BY received_at;
                 SELECT {OUTBOX_FIELDS} FROM outbox WHERE org = $org AND id IN $emails ORDER BY created_at;
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

    /// The case triggers that quote the answers of `links` or the `messages`.
    pub async fn triggers_quoting(
        &self,
        org: &RecordId,
        links: Vec<RecordId>,
        messages: Vec<RecordId>,
    ) -> Result<Vec<TriggerText>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT id, trigger_json FROM case_trigger WHERE org = $org
                     AND ((link != NONE AND link IN $links) OR (message != NONE AND message IN $messages))",
            )
            .bind(("org", org.clone()))
            .bind(("links", links))
            .bind(("messages", messages))
            .rows()
            .await
    }

    /// Erases the person in one transaction, as [`FORGET`] says; the records are found
    /// again inside it, so one that arrived since they were read goes too.
    pub async fn erase_person(
        &self,
        org: &RecordId,
        email: &str,
        forgetting: Forgetting,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        let query = self
            .db()
            .query(format!("BEGIN TRANSACTION; {FIND_PERSON} {FORGET} COMMIT TRANSACTION;"))
            .bind(("org", org.clone()))
            .bind(("email", email.to_string()));
        run(Self::forgetting(query, forgetting, now)).await.map(|_| ())
    }

    /// Up to `limit` of each kind of record past the retention: survey links and
    /// re-pulses sent before `answers_before`, messages received before
    /// `messages_before`; already anonymised ones only when they are to be deleted.
    pub async fn past_retention(
        &self,
        org: &RecordId,
        answers_before: Option<DateTime<Utc>>,
        messages_before: Option<DateTime<Utc>>,
        delete: bool,
        limit: u32,
    ) -> Result<PastRetention, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link WHERE org = $org AND $answers_before != NONE
                     AND sent_at < $answers_before AND ($delete OR contact_name != '' OR email != '')
                     ORDER BY sent_at LIMIT $limit;
                 SELECT * FROM case_repulse WHERE org = $org AND $answers_before != NONE
                     AND sent_at < $answers_before AND ($delete OR contact_name != '')
                     ORDER BY sent_at LIMIT $limit;
                 SELECT * FROM message WHERE org = $org AND $messages_before != NONE
                     AND received_at < $messages_before AND ($delete OR sender_name != '' OR sender_email != '')
                     ORDER BY received_at LIMIT $limit;"
            ))
            .bind(("org", org.clone()))
            .bind(("answers_before", answers_before))
            .bind(("messages_before", messages_before))
            .bind(("delete", delete))
            .bind(("limit", limit)))
        .await?;
        Ok(PastRetention {
            links: response.take(0)?,
            repulses: response.take(1)?,
            messages: response.take(2)?,
        })
    }

    /// Forgets who is behind the records past retention, in one transaction.
    pub async fn forget_past_retention(
        &self,
        org: &RecordId,
        past: &PastRetention,
        forgetting: Forgetting,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        let query = self
            .db()
            .query(format!("BEGIN TRANSACTION; {FORGET} COMMIT TRANSACTION;"))
            .bind(("org", org.clone()))
            .bind(("contacts", Vec::<RecordId>::new()))
            .bind(("emails", Vec::<RecordId>::new()))
            .bind(("links", past.links.iter().map(|l| l.id.clone()).collect::<Vec<_>>()))
            .bind((
                "repulses",
                past.repulses.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
            ))
            .bind((
                "messages",
                past.messages.iter().map(|m| m.id.clone()).collect::<Vec<_>>(),
            ));
        run(Self::forgetting(query, forgetting, now)).await.map(|_| ())
    }

    fn forgetting<'a>(statement: Statement<'a>, forgetting: Forgetting, now: DateTime<Utc>) -> Statement<'a> {
        statement
            .bind(("delete", forgetting.fate == AnswerFate::Delete))
            .bind(("triggers", forgetting.triggers))
            .bind(("texts", forgetting.texts))
            .bind(("now", now))
    }
}
