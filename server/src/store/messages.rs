//! Customer messages, the domains people taught, and when each person last looked.
//! A message is stored once per `(org, dedupe_key)` by a unique index, so the same
//! message arriving twice at the same moment is refused by the database, not by a
//! read before the write. Storing one may open or add to the account's case and
//! email its lead, in the same transaction ([`OPEN_OR_ATTACH`]).

use chrono::{DateTime, Utc};
use kaiku_core::analysis::{CommentAnalysis, Correction};
use kaiku_core::message::{MatchedBy, MessageSource};
use surrealdb::types::{RecordId, SurrealValue};

use super::analysis::CorrectionContent;
use super::cases::{CaseOpening, OPEN_OR_ATTACH};
use super::counterfeedback::{Email, outbox_messages};
use super::decode::{self, Unreadable};
use super::{Store, key_of, run, to_json};

#[derive(Debug, Clone, SurrealValue)]
pub struct MessageRow {
    pub id: RecordId,
    pub org: RecordId,
    pub source: String,
    pub received_at: DateTime<Utc>,
    pub sender_name: String,
    pub sender_email: String,
    pub subject: String,
    pub body: String,
    pub external_id: Option<String>,
    pub dedupe_key: String,
    pub account: Option<RecordId>,
    pub contact: Option<RecordId>,
    pub language: String,
    pub matched_by: String,
    pub analysis_json: String,
    pub urgent: bool,
    pub created_by: Option<RecordId>,
    pub api_key: Option<RecordId>,
    pub from_mailbox: bool,
    pub attachments: Vec<String>,
    pub created_at: DateTime<Utc>,
}

impl MessageRow {
    pub fn source(&self) -> Result<MessageSource, Unreadable> {
        decode::code(&self.id, "message.source", &self.source, MessageSource::from_code)
    }

    pub fn matched_by(&self) -> Result<MatchedBy, Unreadable> {
        decode::code(&self.id, "message.matched_by", &self.matched_by, MatchedBy::from_code)
    }

    pub fn analysis(&self) -> Result<CommentAnalysis, Unreadable> {
        decode::json(&self.id, "message.analysis_json", &self.analysis_json)
    }
}

/// A message about to be stored, with what it sets in motion: the account's case
/// and the emails to its lead.
pub struct NewMessage {
    pub row: MessageRow,
    pub case: Option<CaseOpening>,
    pub emails: Vec<Email>,
}

#[derive(Debug, thiserror::Error)]
pub enum InsertError {
    /// The same message (source and external id) is stored already.
    #[error("the message is stored already")]
    Duplicate,
    #[error(transparent)]
    Db(#[from] surrealdb::Error),
}

#[derive(SurrealValue)]
struct TaughtRow {
    domain: String,
    account: RecordId,
}

/// A contact as matching reads it.
#[derive(Debug, Clone, SurrealValue)]
pub struct ContactEmail {
    pub id: RecordId,
    pub account: RecordId,
    pub name: String,
    pub email: String,
}

/// A domain a person teaches while assigning a message.
pub struct Teaching {
    pub domain: String,
    pub by: RecordId,
}

/// A message placed on an account by a person.
pub struct Assignment {
    pub account: RecordId,
    pub contact: Option<RecordId>,
    pub teach: Option<Teaching>,
    pub case: Option<CaseOpening>,
    pub emails: Vec<Email>,
    pub at: DateTime<Utc>,
}

#[derive(SurrealValue)]
struct SeenRow {
    seen_at: DateTime<Utc>,
}

/// What the navigation counts: a message's account, whether it is urgent.
#[derive(Debug, Clone, SurrealValue)]
pub struct NewMessageRow {
    pub account: Option<RecordId>,
    pub urgent: bool,
}

const MESSAGE_FIELDS: &str = "SELECT * FROM message";

impl Store {
    /// Stores a message with its case opening and emails, all or nothing;
    /// [`InsertError::Duplicate`] when its dedupe key is taken.
    pub async fn insert_message(&self, message: NewMessage) -> Result<(), InsertError> {
        let NewMessage { row, case, emails } = message;
        let messages = outbox_messages(&row.org, &emails, row.created_at);
        run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 INSERT INTO message $row;
                 FOR $message IN $messages {{ CREATE outbox CONTENT $message; }};
                 {OPEN_OR_ATTACH}
                 COMMIT TRANSACTION;"
            ))
            .bind(("row", row))
            .bind(("messages", messages))
            .bind(("opening", case)))
        .await
        .map_err(|err| {
            if err.to_string().contains("message_once") {
                InsertError::Duplicate
            } else {
                InsertError::Db(err)
            }
        })?;
        Ok(())
    }

    pub async fn message(&self, org: &RecordId, id: &RecordId) -> Result<Option<MessageRow>, surrealdb::Error> {
        self.one_in_org(MESSAGE_FIELDS, org, id).await
    }

    pub async fn message_by_dedupe_key(
        &self,
        org: &RecordId,
        dedupe_key: &str,
    ) -> Result<Option<MessageRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "{MESSAGE_FIELDS} WHERE org = $org AND dedupe_key = $key LIMIT 1"
            ))
            .bind(("org", org.clone()))
            .bind(("key", dedupe_key.to_string()))
            .first()
            .await
    }

    /// The account's messages, newest first.
    pub async fn account_messages(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Vec<MessageRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "{MESSAGE_FIELDS} WHERE org = $org AND account = $account ORDER BY received_at DESC"
            ))
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// The newest messages on `accounts`, at most `limit`.
    pub async fn messages_on_accounts(
        &self,
        org: &RecordId,
        accounts: Vec<RecordId>,
        limit: i64,
    ) -> Result<Vec<MessageRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "{MESSAGE_FIELDS} WHERE org = $org AND account IN $accounts ORDER BY received_at DESC LIMIT $limit"
            ))
            .bind(("org", org.clone()))
            .bind(("accounts", accounts))
            .bind(("limit", limit))
            .rows()
            .await
    }

    /// The messages waiting for a person to place them, newest first.
    pub async fn unmatched_messages(&self, org: &RecordId) -> Result<Vec<MessageRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "{MESSAGE_FIELDS} WHERE org = $org AND account = NONE ORDER BY received_at DESC"
            ))
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// The organisation's messages stored after `since`, oldest first, at most `limit`.
    pub async fn messages_since(
        &self,
        org: &RecordId,
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<MessageRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "{MESSAGE_FIELDS} WHERE org = $org AND created_at > $since ORDER BY created_at LIMIT $limit"
            ))
            .bind(("org", org.clone()))
            .bind(("since", since))
            .bind(("limit", limit))
            .rows()
            .await
    }

    /// Accounts and urgency of the messages stored after `since` (all without one).
    pub async fn new_messages(
        &self,
        org: &RecordId,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<NewMessageRow>, surrealdb::Error> {
        self.db()
            .query("SELECT account, urgent FROM message WHERE org = $org AND ($since = NONE OR created_at > $since)")
            .bind(("org", org.clone()))
            .bind(("since", since))
            .rows()
            .await
    }

    /// Every contact's email, for matching senders to accounts.
    pub async fn contacts_for_matching(&self, org: &RecordId) -> Result<Vec<ContactEmail>, surrealdb::Error> {
        self.db()
            .query("SELECT id, account, name, email FROM contact WHERE org = $org")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// The domains people taught, as `(domain, account)`.
    pub async fn taught_domains(&self, org: &RecordId) -> Result<Vec<(String, RecordId)>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT domain, account FROM taught_domain WHERE org = $org")
            .bind(("org", org.clone())))
        .await?;
        let rows: Vec<TaughtRow> = response.take(0)?;
        Ok(rows.into_iter().map(|r| (r.domain, r.account)).collect())
    }

    /// Places a message on an account (and teaches its domain), with the case and
    /// emails an urgent one sets in motion; `false` when it is not the
    /// organisation's.
    pub async fn assign_message(
        &self,
        org: &RecordId,
        id: &RecordId,
        assignment: Assignment,
    ) -> Result<bool, surrealdb::Error> {
        let messages = outbox_messages(org, &assignment.emails, assignment.at);
        let (domain, taught_by) = assignment.teach.map(|t| (t.domain, t.by)).unzip();
        // One record per organisation and domain: teaching it again moves it.
        let taught = domain
            .as_ref()
            .map(|d| RecordId::new("taught_domain", format!("{}:{d}", key_of(org))));
        let response = run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $placed = (UPDATE $id SET account = $account, contact = $contact, matched_by = 'assigned'
                     WHERE org = $org RETURN VALUE id);
                 IF array::len($placed) == 0 {{ THROW 'kaiku:message-not-found'; }};
                 IF $domain != NONE {{
                     UPSERT $taught SET org = $org, domain = $domain, account = $account,
                         taught_by = $taught_by, taught_at = $now;
                 }};
                 FOR $message IN $messages {{ CREATE outbox CONTENT $message; }};
                 {OPEN_OR_ATTACH}
                 COMMIT TRANSACTION;"
            ))
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("account", assignment.account))
            .bind(("contact", assignment.contact))
            .bind(("domain", domain))
            .bind(("taught", taught))
            .bind(("taught_by", taught_by))
            .bind(("now", assignment.at))
            .bind(("messages", messages))
            .bind(("opening", assignment.case)))
        .await;
        match response {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains("kaiku:message-not-found") => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Records a correction of a message's label (of a message the caller found in
    /// `org`) with its corrected analysis, and raises the organisation's analysis
    /// version: the model learns it like an answer's.
    pub async fn correct_message(
        &self,
        org: &RecordId,
        id: &RecordId,
        analysis: &CommentAnalysis,
        author: &RecordId,
        correction: Correction,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 UPDATE $id SET analysis_json = $json WHERE org = $org;
                 CREATE analysis_correction CONTENT $c;
                 UPDATE $org SET analysis_version = (analysis_version ?? 0) + 1;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("json", to_json(analysis)?))
            .bind(("c", CorrectionContent::new(org, author, correction, now))))
        .await?;
        Ok(())
    }

    pub async fn messages_seen_at(
        &self,
        org: &RecordId,
        user: &RecordId,
    ) -> Result<Option<DateTime<Utc>>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT seen_at FROM message_seen WHERE org = $org AND user = $user LIMIT 1")
            .bind(("org", org.clone()))
            .bind(("user", user.clone())))
        .await?;
        let rows: Vec<SeenRow> = response.take(0)?;
        Ok(rows.into_iter().next().map(|r| r.seen_at))
    }

    pub async fn mark_messages_seen(
        &self,
        org: &RecordId,
        user: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPSERT $id SET org = $org, user = $user, seen_at = $now")
            .bind(("id", RecordId::new("message_seen", key_of(user))))
            .bind(("org", org.clone()))
            .bind(("user", user.clone()))
            .bind(("now", now)))
        .await?;
        Ok(())
    }
}
