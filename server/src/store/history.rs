//! Writing a made-up history in bulk: months of rounds, answers, counter-feedback and
//! actions, for the demo organisation and the heatmap benchmark. Real data never comes
//! this way; it goes through the services one write at a time.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::counterfeedback::{ActionRow, CounterFeedbackRow};
use super::{Store, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct HistoryRound {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub template_id: String,
    pub template_json: String,
    pub started_by: RecordId,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct HistoryLink {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub round: RecordId,
    pub contact: RecordId,
    pub contact_name: String,
    pub contact_title: String,
    pub email: String,
    pub language: String,
    pub token_hash: String,
    pub sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub opened_at: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answers_json: String,
    pub analysis_json: Option<String>,
    /// Old links count as reminded already, so the scheduler sends them nothing.
    pub reminders_sent: i64,
}

/// One batch of history.
#[derive(Default)]
pub struct History {
    pub rounds: Vec<HistoryRound>,
    pub links: Vec<HistoryLink>,
    pub feedback: Vec<CounterFeedbackRow>,
    pub actions: Vec<ActionRow>,
}

/// Rows per statement: large enough to be quick, small enough for one request.
const CHUNK: usize = 500;

impl Store {
    pub async fn insert_history(&self, history: History) -> Result<(), surrealdb::Error> {
        for chunk in history.rounds.chunks(CHUNK) {
            self.insert_rows("survey_round", chunk.to_vec()).await?;
        }
        for chunk in history.links.chunks(CHUNK) {
            self.insert_rows("survey_link", chunk.to_vec()).await?;
        }
        for chunk in history.feedback.chunks(CHUNK) {
            self.insert_rows("counter_feedback", chunk.to_vec()).await?;
        }
        for chunk in history.actions.chunks(CHUNK) {
            self.insert_rows("action", chunk.to_vec()).await?;
        }
        Ok(())
    }

    async fn insert_rows<T: SurrealValue + 'static>(&self, table: &str, rows: Vec<T>) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(format!("INSERT INTO {table} $rows RETURN NONE"))
            .bind(("rows", rows)))
        .await?;
        Ok(())
    }
}
