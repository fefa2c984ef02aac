//! Outcomes, the versions edits replaced, and weight proposals applied from the backtest.

use chrono::{DateTime, NaiveDate, Utc};
use kaiku_core::health::Weights;
use kaiku_core::outcome::OutcomeInput;
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
use super::{Store, new_id, run, to_json};

#[derive(Debug, Clone, SurrealValue)]
pub struct OutcomeRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub kind: String,
    pub input_json: String,
    pub recorded_by: RecordId,
    pub recorded_at: DateTime<Utc>,
    pub demo: bool,
}

impl OutcomeRow {
    pub fn input(&self) -> Result<OutcomeInput, Unreadable> {
        decode::json(&self.id, "input_json", &self.input_json)
    }
}

#[derive(Debug, Clone, SurrealValue)]
pub struct OutcomeRevisionRow {
    pub id: RecordId,
    pub outcome: RecordId,
    pub input_json: String,
    pub recorded_by: RecordId,
    pub recorded_at: DateTime<Utc>,
}

impl OutcomeRevisionRow {
    pub fn input(&self) -> Result<OutcomeInput, Unreadable> {
        decode::json(&self.id, "input_json", &self.input_json)
    }
}

/// A new outcome's record.
#[derive(SurrealValue)]
pub struct NewOutcome {
    pub org: RecordId,
    pub account: RecordId,
    pub kind: String,
    pub date: String,
    pub input_json: String,
    pub recorded_by: RecordId,
    pub recorded_at: DateTime<Utc>,
    pub demo: bool,
}

impl NewOutcome {
    pub fn new(
        org: &RecordId,
        account: &RecordId,
        input: &OutcomeInput,
        by: &RecordId,
        at: DateTime<Utc>,
    ) -> Result<NewOutcome, surrealdb::Error> {
        Ok(NewOutcome {
            org: org.clone(),
            account: account.clone(),
            kind: input.kind.code().to_string(),
            date: date_text(input.date),
            input_json: to_json(input)?,
            recorded_by: by.clone(),
            recorded_at: at,
            demo: false,
        })
    }
}

fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[derive(SurrealValue)]
struct WeightsChange {
    org: RecordId,
    changed_by: RecordId,
    changed_at: DateTime<Utc>,
    before_json: String,
    after_json: String,
    outcomes: i64,
}

impl Store {
    /// Writes outcomes in one transaction (a form's one, or an import's good rows).
    pub async fn create_outcomes(&self, outcomes: Vec<NewOutcome>) -> Result<Vec<RecordId>, surrealdb::Error> {
        let ids: Vec<RecordId> = outcomes.iter().map(|_| new_id("outcome")).collect();
        let rows: Vec<(RecordId, NewOutcome)> = ids.iter().cloned().zip(outcomes).collect();
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 FOR $row IN $rows { CREATE $row[0] CONTENT $row[1]; };
                 COMMIT TRANSACTION;",
            )
            .bind(("rows", rows)))
        .await?;
        Ok(ids)
    }

    pub async fn outcome(&self, org: &RecordId, id: &RecordId) -> Result<Option<OutcomeRow>, surrealdb::Error> {
        self.one_in_org("SELECT * FROM outcome", org, id).await
    }

    /// The organisation's outcomes dated `from`..=`to` (all without bounds), oldest first.
    pub async fn outcomes(
        &self,
        org: &RecordId,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<OutcomeRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT * FROM outcome WHERE org = $org
                   AND ($from = NONE OR date >= $from) AND ($to = NONE OR date <= $to)
                 ORDER BY date, recorded_at",
            )
            .bind(("org", org.clone()))
            .bind(("from", from.map(date_text)))
            .bind(("to", to.map(date_text)))
            .rows()
            .await
    }

    /// An account's outcomes, oldest first.
    pub async fn account_outcomes(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Vec<OutcomeRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM outcome WHERE org = $org AND account = $account ORDER BY date, recorded_at")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// The versions edits replaced, of the given outcomes, newest first.
    pub async fn outcome_revisions(
        &self,
        org: &RecordId,
        outcomes: Vec<RecordId>,
    ) -> Result<Vec<OutcomeRevisionRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT * FROM outcome_revision WHERE org = $org AND outcome IN $outcomes
                 ORDER BY recorded_at DESC",
            )
            .bind(("org", org.clone()))
            .bind(("outcomes", outcomes))
            .rows()
            .await
    }

    /// Replaces an outcome of `org` (the caller found it there), keeping the version it
    /// replaces.
    pub async fn update_outcome(
        &self,
        org: &RecordId,
        id: &RecordId,
        input: &OutcomeInput,
        by: &RecordId,
        at: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 FOR $old IN (SELECT * FROM outcome WHERE id = $id AND org = $org) {
                     CREATE outcome_revision CONTENT {
                         org: $old.org, outcome: $old.id, input_json: $old.input_json,
                         recorded_by: $old.recorded_by, recorded_at: $old.recorded_at
                     };
                 };
                 UPDATE $id SET kind = $kind, date = $date, input_json = $input_json,
                     recorded_by = $by, recorded_at = $at
                   WHERE org = $org;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("kind", input.kind.code().to_string()))
            .bind(("date", date_text(input.date)))
            .bind(("input_json", to_json(input)?))
            .bind(("by", by.clone()))
            .bind(("at", at)))
        .await?;
        Ok(())
    }

    /// Sets the weights and records the change, together.
    pub async fn apply_proposed_weights(
        &self,
        org: &RecordId,
        by: &RecordId,
        at: DateTime<Utc>,
        before: &Weights,
        after: &Weights,
        outcomes: u32,
    ) -> Result<(), surrealdb::Error> {
        let change = WeightsChange {
            org: org.clone(),
            changed_by: by.clone(),
            changed_at: at,
            before_json: to_json(before)?,
            after_json: to_json(after)?,
            outcomes: i64::from(outcomes),
        };
        let stored = (after != &Weights::default()).then(|| to_json(after)).transpose()?;
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 UPDATE $org SET health_weights_json = $json;
                 CREATE weights_change CONTENT $change;
                 COMMIT TRANSACTION;",
            )
            .bind(("org", org.clone()))
            .bind(("json", stored))
            .bind(("change", change)))
        .await?;
        Ok(())
    }

    /// The weight proposals applied in the organisation, newest first.
    pub async fn weights_changes(&self, org: &RecordId) -> Result<Vec<WeightsChangeRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT changed_by, changed_at, outcomes FROM weights_change WHERE org = $org ORDER BY changed_at DESC",
            )
            .bind(("org", org.clone()))
            .rows()
            .await
    }
}

#[derive(Debug, Clone, SurrealValue)]
pub struct WeightsChangeRow {
    pub changed_by: RecordId,
    pub changed_at: DateTime<Utc>,
    pub outcomes: i64,
}
