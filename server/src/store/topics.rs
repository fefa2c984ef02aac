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

/// When what an account's topics are heard in last changed (migration 33).
#[derive(Debug, Clone, SurrealValue)]
pub struct TopicStamp {
    pub account: RecordId,
    /// The database's clock at the change.
    pub changed_at: DateTime<Utc>,
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

    /// The organisation's topic stamps changed at or after `since`, all without it.
    pub async fn topic_stamps(
        &self,
        org: &RecordId,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<TopicStamp>, surrealdb::Error> {
        let query = match since {
            None => self
                .db()
                .query("SELECT account, changed_at FROM topic_stamp WHERE org = $org"),
            Some(since) => self
                .db()
                .query("SELECT account, changed_at FROM topic_stamp WHERE org = $org AND changed_at >= $since")
                .bind(("since", since)),
        };
        query.bind(("org", org.clone())).rows().await
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

    /// The counter-feedback naming a churn cause of these accounts of the organisation.
    pub async fn counter_feedback_with_causes_of(
        &self,
        org: &RecordId,
        accounts: Vec<RecordId>,
    ) -> Result<Vec<CounterFeedbackRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT * FROM counter_feedback
                 WHERE account IN $accounts AND org = $org AND array::len(churn_causes) > 0",
            )
            .bind(("org", org.clone()))
            .bind(("accounts", accounts))
            .rows()
            .await
    }

    /// The messages matched to these accounts of the organisation.
    pub async fn messages_of_accounts(
        &self,
        org: &RecordId,
        accounts: Vec<RecordId>,
    ) -> Result<Vec<MessageRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM message WHERE account IN $accounts AND org = $org")
            .bind(("org", org.clone()))
            .bind(("accounts", accounts))
            .rows()
            .await
    }

    /// Every answered link of the organisation.
    pub async fn answered_links(&self, org: &RecordId) -> Result<Vec<LinkRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link WHERE org = $org AND answered_at != NONE"
            ))
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// Every counter-feedback of the organisation naming a churn cause.
    pub async fn counter_feedback_with_causes(
        &self,
        org: &RecordId,
    ) -> Result<Vec<CounterFeedbackRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM counter_feedback WHERE org = $org AND array::len(churn_causes) > 0")
            .bind(("org", org.clone()))
            .rows()
            .await
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
