//! The organisation's customer mailbox: its settings, the place reached in it, and
//! the claim of the instance reading it.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, key_of, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct MailboxRow {
    pub id: RecordId,
    pub org: RecordId,
    pub host: String,
    pub port: i64,
    pub security: String,
    pub user: String,
    pub password_sealed: String,
    pub folder: String,
    pub uid_validity: Option<i64>,
    pub last_uid: i64,
    pub messages_read: i64,
    pub unreadable: i64,
    pub last_unreadable: Option<String>,
    pub next_check_at: DateTime<Utc>,
    pub polling_until: Option<DateTime<Utc>>,
    pub failures: i64,
    pub last_checked_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub connected_by: RecordId,
    pub connected_at: DateTime<Utc>,
}

/// The one mailbox of `org`.
pub fn mailbox_id(org: &RecordId) -> RecordId {
    RecordId::new("mailbox", key_of(org))
}

/// How a check ended. A check of a mailbox whose settings were replaced meanwhile
/// (another `connected_at`) changes nothing.
pub struct Checked {
    pub at: DateTime<Utc>,
    pub error: Option<String>,
    pub next_check_at: DateTime<Utc>,
}

/// What one batch of a mailbox reached.
pub struct Reached {
    pub uid_validity: i64,
    pub last_uid: i64,
    /// Emails stored as new messages.
    pub read: i64,
    /// Emails that could not be read as messages, and the latest of them.
    pub unreadable: i64,
    pub last_unreadable: Option<String>,
}

impl Store {
    pub async fn mailbox(&self, org: &RecordId) -> Result<Option<MailboxRow>, surrealdb::Error> {
        self.one_in_org("SELECT * FROM mailbox", org, &mailbox_id(org)).await
    }

    /// Connects the organisation's mailbox, replacing the one it had.
    pub async fn save_mailbox(&self, row: MailboxRow) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPSERT $id CONTENT $row WHERE org = $org OR org = NONE")
            .bind(("id", row.id.clone()))
            .bind(("org", row.org.clone()))
            .bind(("row", row)))
        .await?;
        Ok(())
    }

    /// Disconnects it: the mailbox as it was, or `None` when there was none.
    pub async fn delete_mailbox(&self, org: &RecordId) -> Result<Option<MailboxRow>, surrealdb::Error> {
        run(self
            .db()
            .query("DELETE $id WHERE org = $org RETURN BEFORE")
            .bind(("id", mailbox_id(org)))
            .bind(("org", org.clone())))
        .await?
        .take::<Vec<MailboxRow>>(0)
        .map(|rows| rows.into_iter().next())
    }

    /// Claims the mailboxes due for a check (all organisations'; the scheduler's
    /// scan) until `until`, so no other instance reads them meanwhile.
    pub async fn claim_due_mailboxes(
        &self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<MailboxRow>, surrealdb::Error> {
        let due = "next_check_at <= $now AND (polling_until = NONE OR polling_until <= $now)";
        run(self
            .db()
            .query(format!(
                "LET $due = (SELECT VALUE id FROM mailbox WHERE {due} ORDER BY next_check_at LIMIT $limit);
                 UPDATE $due SET polling_until = $until WHERE {due} RETURN AFTER;"
            ))
            .bind(("now", now))
            .bind(("until", until))
            .bind(("limit", limit)))
        .await?
        .take(1)
    }

    /// Claims one organisation's mailbox for a check asked for now; `None` when it
    /// has none or another check holds it.
    pub async fn claim_mailbox(
        &self,
        org: &RecordId,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Option<MailboxRow>, surrealdb::Error> {
        run(self
            .db()
            .query(
                "UPDATE $id SET polling_until = $until
                     WHERE org = $org AND (polling_until = NONE OR polling_until <= $now) RETURN AFTER",
            )
            .bind(("id", mailbox_id(org)))
            .bind(("org", org.clone()))
            .bind(("now", now))
            .bind(("until", until)))
        .await?
        .take::<Vec<MailboxRow>>(0)
        .map(|rows| rows.into_iter().next())
    }

    /// The place reached: emails up to `reached.last_uid` of `reached.uid_validity`
    /// are stored. Called after each batch, so a crash repeats at most one batch,
    /// whose emails are stored once anyway.
    pub async fn advance_mailbox(&self, row: &MailboxRow, reached: Reached) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "UPDATE $id SET uid_validity = $validity, last_uid = $uid, messages_read += $read,
                     unreadable += $unreadable, last_unreadable = $last_unreadable ?? last_unreadable
                     WHERE org = $org AND connected_at = $connected_at",
            )
            .bind(("id", row.id.clone()))
            .bind(("org", row.org.clone()))
            .bind(("validity", reached.uid_validity))
            .bind(("uid", reached.last_uid))
            .bind(("read", reached.read))
            .bind(("unreadable", reached.unreadable))
            .bind(("last_unreadable", reached.last_unreadable))
            .bind(("connected_at", row.connected_at)))
        .await?;
        Ok(())
    }

    /// Records how a check ended and gives up the claim.
    pub async fn record_mailbox_check(&self, row: &MailboxRow, checked: Checked) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "UPDATE $id SET last_checked_at = $at, last_error = $error, next_check_at = $next,
                     failures = IF $error = NONE { 0 } ELSE { failures + 1 }, polling_until = NONE
                     WHERE org = $org AND connected_at = $connected_at",
            )
            .bind(("id", row.id.clone()))
            .bind(("org", row.org.clone()))
            .bind(("at", checked.at))
            .bind(("error", checked.error))
            .bind(("next", checked.next_check_at))
            .bind(("connected_at", row.connected_at)))
        .await?;
        Ok(())
    }
}
