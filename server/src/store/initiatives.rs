//! Initiatives, their status history and the dismissed suggestions (migration 13),
//! and the organisation-wide reads the suggestions are made of.

use chrono::{DateTime, Utc};
use kaiku_core::initiative::{InitiativeStatus, PointRef, Topic};
use surrealdb::types::{RecordId, SurrealValue};

use super::counterfeedback::CounterFeedbackRow;
use super::decode::{self, Unreadable};
use super::surveys::{LINK_FIELDS, LinkRow, RoundRow};
use super::{Store, is_unique_violation, run};

const CHANGED_MEANWHILE: &str = "kaiku:initiative-changed";

#[derive(Debug, Clone, SurrealValue)]
pub struct InitiativeRow {
    pub id: RecordId,
    pub org: RecordId,
    pub title: String,
    pub description: String,
    pub owner: Option<RecordId>,
    pub status: String,
    pub topics: Vec<String>,
    pub accounts: Vec<RecordId>,
    pub answers: Vec<RecordId>,
    pub counter_feedback: Vec<RecordId>,
    pub cases: Vec<RecordId>,
    pub points_json: String,
    pub check_days: i64,
    pub created_at: DateTime<Utc>,
    pub created_by: RecordId,
    pub updated_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

impl InitiativeRow {
    pub fn status(&self) -> Result<InitiativeStatus, Unreadable> {
        decode::code(&self.id, "status", &self.status, InitiativeStatus::from_code)
    }

    pub fn topics(&self) -> Result<Vec<Topic>, Unreadable> {
        self.topics
            .iter()
            .map(|code| decode::code(&self.id, "topics", code, Topic::from_code))
            .collect()
    }

    pub fn points(&self) -> Result<Vec<PointRef>, Unreadable> {
        decode::json(&self.id, "points_json", &self.points_json)
    }

    pub fn check_days(&self) -> Result<u32, Unreadable> {
        decode::count(&self.id, "check_days", self.check_days)
    }
}

/// What an initiative is made of, as written by create and edit.
#[derive(Debug, Clone, SurrealValue)]
pub struct InitiativeFields {
    pub title: String,
    pub description: String,
    pub owner: Option<RecordId>,
    pub topics: Vec<String>,
    pub accounts: Vec<RecordId>,
    pub answers: Vec<RecordId>,
    pub counter_feedback: Vec<RecordId>,
    pub cases: Vec<RecordId>,
    pub points_json: String,
    pub check_days: i64,
}

/// A status an initiative took, when and by whom.
#[derive(Debug, Clone, SurrealValue)]
pub struct InitiativeEventRow {
    pub org: RecordId,
    pub initiative: RecordId,
    pub status: String,
    pub happened_at: DateTime<Utc>,
    pub actor: RecordId,
    pub note: String,
}

impl InitiativeEventRow {
    pub fn status(&self) -> Result<InitiativeStatus, Unreadable> {
        decode::code(&self.initiative, "status", &self.status, InitiativeStatus::from_code)
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct NewInitiative {
    org: RecordId,
    title: String,
    description: String,
    owner: Option<RecordId>,
    status: String,
    topics: Vec<String>,
    accounts: Vec<RecordId>,
    answers: Vec<RecordId>,
    counter_feedback: Vec<RecordId>,
    cases: Vec<RecordId>,
    points_json: String,
    check_days: i64,
    created_at: DateTime<Utc>,
    created_by: RecordId,
    updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct DismissalContent {
    org: RecordId,
    topic: String,
    dismissed_by: RecordId,
    dismissed_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum StatusChangeError {
    /// Someone changed its status first.
    #[error("the initiative's status changed meanwhile")]
    ChangedMeanwhile,
    #[error(transparent)]
    Db(#[from] surrealdb::Error),
}

impl Store {
    pub async fn initiatives(&self, org: &RecordId) -> Result<Vec<InitiativeRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM initiative WHERE org = $org ORDER BY created_at")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    pub async fn initiative(&self, org: &RecordId, id: &RecordId) -> Result<Option<InitiativeRow>, surrealdb::Error> {
        self.one_in_org("SELECT * FROM initiative", org, id).await
    }

    /// Oldest first.
    pub async fn initiative_events(
        &self,
        org: &RecordId,
        initiative: &RecordId,
    ) -> Result<Vec<InitiativeEventRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT * FROM initiative_event WHERE org = $org AND initiative = $initiative
                 ORDER BY happened_at",
            )
            .bind(("org", org.clone()))
            .bind(("initiative", initiative.clone()))
            .rows()
            .await
    }

    /// Creates the initiative in the event's status, with that first history entry.
    pub async fn create_initiative(
        &self,
        id: &RecordId,
        fields: InitiativeFields,
        created: InitiativeEventRow,
    ) -> Result<(), surrealdb::Error> {
        let content = NewInitiative {
            org: created.org.clone(),
            title: fields.title,
            description: fields.description,
            owner: fields.owner,
            status: created.status.clone(),
            topics: fields.topics,
            accounts: fields.accounts,
            answers: fields.answers,
            counter_feedback: fields.counter_feedback,
            cases: fields.cases,
            points_json: fields.points_json,
            check_days: fields.check_days,
            created_at: created.happened_at,
            created_by: created.actor.clone(),
            updated_at: created.happened_at,
        };
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 CREATE $id CONTENT $content;
                 CREATE initiative_event CONTENT $event;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", id.clone()))
            .bind(("content", content))
            .bind(("event", created)))
        .await?;
        Ok(())
    }

    /// Edits what the initiative is made of; `false` when it is not the organisation's.
    pub async fn update_initiative(
        &self,
        org: &RecordId,
        id: &RecordId,
        fields: InitiativeFields,
        at: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let response = run(self
            .db()
            .query(
                "UPDATE $id SET title = $f.title, description = $f.description, owner = $f.owner,
                     topics = $f.topics, accounts = $f.accounts, answers = $f.answers,
                     counter_feedback = $f.counter_feedback, cases = $f.cases, points_json = $f.points_json,
                     check_days = $f.check_days, updated_at = $at
                 WHERE org = $org RETURN VALUE id",
            )
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("f", fields))
            .bind(("at", at)))
        .await?;
        super::changed_any(response)
    }

    /// Moves the initiative from the status it was read in (`row`) to the event's,
    /// and records the change; refused when its status changed meanwhile.
    pub async fn change_initiative_status(
        &self,
        row: &InitiativeRow,
        event: InitiativeEventRow,
        done_at: Option<DateTime<Utc>>,
    ) -> Result<(), StatusChangeError> {
        run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $changed = (UPDATE $id SET status = $event.status, updated_at = $event.happened_at,
                         done_at = $done_at
                     WHERE org = $event.org AND status = $from RETURN VALUE id);
                 IF array::len($changed) == 0 {{ THROW '{CHANGED_MEANWHILE}'; }};
                 CREATE initiative_event CONTENT $event;
                 COMMIT TRANSACTION;"
            ))
            .bind(("id", row.id.clone()))
            .bind(("from", row.status.clone()))
            .bind(("done_at", done_at))
            .bind(("event", event)))
        .await
        .map_err(|err| {
            if err.to_string().contains(CHANGED_MEANWHILE) {
                StatusChangeError::ChangedMeanwhile
            } else {
                StatusChangeError::Db(err)
            }
        })?;
        Ok(())
    }

    /// The topic codes of the organisation's dismissed suggestions.
    pub async fn dismissed_topics(&self, org: &RecordId) -> Result<Vec<String>, surrealdb::Error> {
        self.db()
            .query("SELECT VALUE topic FROM suggestion_dismissal WHERE org = $org")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// Remembers a dismissed suggestion; dismissing it again changes nothing.
    pub async fn dismiss_topic(
        &self,
        org: &RecordId,
        topic: String,
        by: &RecordId,
        at: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        let content = DismissalContent {
            org: org.clone(),
            topic,
            dismissed_by: by.clone(),
            dismissed_at: at,
        };
        match run(self
            .db()
            .query("CREATE suggestion_dismissal CONTENT $content")
            .bind(("content", content)))
        .await
        {
            Err(err) if is_unique_violation(&err) => Ok(()),
            result => result.map(|_| ()),
        }
    }

    /// The organisation's answered survey links, answered after `since`.
    pub async fn answered_links_since(
        &self,
        org: &RecordId,
        since: DateTime<Utc>,
    ) -> Result<Vec<LinkRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link WHERE org = $org AND answered_at > $since ORDER BY answered_at"
            ))
            .bind(("org", org.clone()))
            .bind(("since", since))
            .rows()
            .await
    }

    /// The answered survey links of these accounts of the organisation.
    pub async fn answered_links_of(
        &self,
        org: &RecordId,
        accounts: Vec<RecordId>,
    ) -> Result<Vec<LinkRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link
                 WHERE org = $org AND account IN $accounts AND answered_at != NONE ORDER BY answered_at"
            ))
            .bind(("org", org.clone()))
            .bind(("accounts", accounts))
            .rows()
            .await
    }

    /// The organisation's counter-feedback written after `since`.
    pub async fn counter_feedback_since(
        &self,
        org: &RecordId,
        since: DateTime<Utc>,
    ) -> Result<Vec<CounterFeedbackRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM counter_feedback WHERE org = $org AND created_at > $since ORDER BY created_at")
            .bind(("org", org.clone()))
            .bind(("since", since))
            .rows()
            .await
    }

    /// The records of the organisation among `ids` (of one table), with `fields`.
    async fn in_org<T: SurrealValue>(
        &self,
        fields: &str,
        org: &RecordId,
        ids: Vec<RecordId>,
    ) -> Result<Vec<T>, surrealdb::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.db()
            .query(format!("SELECT {fields} FROM $ids WHERE org = $org"))
            .bind(("org", org.clone()))
            .bind(("ids", ids))
            .rows()
            .await
    }

    pub async fn links_in_org(&self, org: &RecordId, ids: Vec<RecordId>) -> Result<Vec<LinkRow>, surrealdb::Error> {
        self.in_org(LINK_FIELDS, org, ids).await
    }

    pub async fn rounds_in_org(&self, org: &RecordId, ids: Vec<RecordId>) -> Result<Vec<RoundRow>, surrealdb::Error> {
        self.in_org("*", org, ids).await
    }

    pub async fn counter_feedback_in_org(
        &self,
        org: &RecordId,
        ids: Vec<RecordId>,
    ) -> Result<Vec<CounterFeedbackRow>, surrealdb::Error> {
        self.in_org("*", org, ids).await
    }

    pub async fn cases_in_org(
        &self,
        org: &RecordId,
        ids: Vec<RecordId>,
    ) -> Result<Vec<super::cases::CaseRow>, surrealdb::Error> {
        self.in_org("*", org, ids).await
    }
}
