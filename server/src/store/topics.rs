//! Topic owners, the items their owners marked seen, and the organisation's answers
//! and counter-feedback their feeds are read from.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::accounts::AccountRow;
use super::counterfeedback::CounterFeedbackRow;
use super::messages::MessageRow;
use super::surveys::{LINK_FIELDS, LinkRow};
use super::{Store, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct TopicOwnerRow {
    pub kind: String,
    pub key: String,
    pub owner: RecordId,
}

#[derive(SurrealValue)]
struct TopicOwnerContent {
    org: RecordId,
    kind: String,
    key: String,
    owner: RecordId,
}

/// A topic owner's reply, as stored (migration 20).
#[derive(Debug, Clone, SurrealValue)]
pub struct TopicReplyRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub item: String,
    pub topic_kind: String,
    pub topic_key: String,
    pub author: RecordId,
    pub text: String,
    pub replying_to: String,
    pub said_by: String,
    pub created_at: DateTime<Utc>,
}

/// A change to what an account's topics are heard in (migrations 33 and 34).
#[derive(Debug, Clone, SurrealValue)]
pub struct TopicStamp {
    pub account: RecordId,
    /// The database's clock at the change.
    pub changed_at: DateTime<Utc>,
}

/// The rows topics are heard in (`Store::heard_in`).
pub struct Heard {
    pub links: Vec<LinkRow>,
    pub counter_feedback: Vec<CounterFeedbackRow>,
    pub messages: Vec<MessageRow>,
}

#[derive(SurrealValue)]
struct SeenRow {
    item: String,
}

impl Store {
    /// Replaces the organisation's topic owners with `owners` ((kind, key, owner)), at once.
    pub async fn set_topic_owners(
        &self,
        org: &RecordId,
        owners: Vec<(String, String, RecordId)>,
    ) -> Result<(), surrealdb::Error> {
        let rows: Vec<TopicOwnerContent> = owners
            .into_iter()
            .map(|(kind, key, owner)| TopicOwnerContent {
                org: org.clone(),
                kind,
                key,
                owner,
            })
            .collect();
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 DELETE topic_owner WHERE org = $org;
                 FOR $row IN $rows { CREATE topic_owner CONTENT $row; };
                 COMMIT TRANSACTION;",
            )
            .bind(("org", org.clone()))
            .bind(("rows", rows)))
        .await?;
        Ok(())
    }

    pub async fn topic_owners(&self, org: &RecordId) -> Result<Vec<TopicOwnerRow>, surrealdb::Error> {
        self.db()
            .query("SELECT kind, key, owner FROM topic_owner WHERE org = $org ORDER BY kind, key")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// The organisation's topic stamps logged at or after `since`, several per account.
    pub async fn topic_stamps(
        &self,
        org: &RecordId,
        since: DateTime<Utc>,
    ) -> Result<Vec<TopicStamp>, surrealdb::Error> {
        self.db()
            .query("SELECT account, changed_at FROM topic_stamp WHERE org = $org AND changed_at >= $since")
            .bind(("org", org.clone()))
            .bind(("since", since))
            .rows()
            .await
    }

    /// Forgets up to `limit` topic stamps of any organisation older than `before`.
    pub async fn forget_topic_stamps(&self, before: DateTime<Utc>, limit: u32) -> Result<u32, surrealdb::Error> {
        self.delete_up_to("topic_stamp", "changed_at < $at", before, limit)
            .await
    }

    /// The organisation's unarchived accounts among `ids`.
    pub async fn unarchived_accounts_of(
        &self,
        org: &RecordId,
        ids: Vec<RecordId>,
    ) -> Result<Vec<AccountRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM $ids WHERE org = $org AND archived = false")
            .bind(("org", org.clone()))
            .bind(("ids", ids))
            .rows()
            .await
    }

    /// What topics are heard in — answered survey links, counter-feedback naming a
    /// churn cause, messages matched to an account — of the organisation, or of these
    /// of its accounts; in one round trip.
    pub async fn heard_in(&self, org: &RecordId, accounts: Option<Vec<RecordId>>) -> Result<Heard, surrealdb::Error> {
        // The accounts first, so that their index is the one read.
        let these = if accounts.is_some() {
            "account IN $accounts AND "
        } else {
            ""
        };
        let mut response = run(self
            .db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link WHERE {these}org = $org AND answered_at != NONE;
                 SELECT * FROM counter_feedback WHERE {these}org = $org AND array::len(churn_causes) > 0;
                 SELECT * FROM message WHERE {these}org = $org AND account != NONE;"
            ))
            .bind(("org", org.clone()))
            .bind(("accounts", accounts.unwrap_or_default())))
        .await?;
        Ok(Heard {
            links: response.take(0)?,
            counter_feedback: response.take(1)?,
            messages: response.take(2)?,
        })
    }

    pub async fn mark_topic_item_seen(
        &self,
        org: &RecordId,
        user: &RecordId,
        item: &str,
        at: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "IF array::len(SELECT VALUE id FROM topic_seen WHERE org = $org AND user = $user AND item = $item) == 0 {
                     CREATE topic_seen SET org = $org, user = $user, item = $item, at = $at;
                 };",
            )
            .bind(("org", org.clone()))
            .bind(("user", user.clone()))
            .bind(("item", item.to_string()))
            .bind(("at", at)))
        .await?;
        Ok(())
    }

    pub async fn seen_topic_items(&self, org: &RecordId, user: &RecordId) -> Result<Vec<String>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT item FROM topic_seen WHERE org = $org AND user = $user")
            .bind(("org", org.clone()))
            .bind(("user", user.clone())))
        .await?;
        let rows: Vec<SeenRow> = response.take(0)?;
        Ok(rows.into_iter().map(|r| r.item).collect())
    }

    /// Records an owner's reply, its id in it.
    pub async fn create_topic_reply(&self, reply: TopicReplyRow) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("CREATE topic_reply CONTENT $reply")
            .bind(("reply", reply)))
        .await?;
        Ok(())
    }

    /// The replies on the account's timeline, oldest first.
    pub async fn topic_replies(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Vec<TopicReplyRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM topic_reply WHERE org = $org AND account = $account ORDER BY created_at")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }
}
