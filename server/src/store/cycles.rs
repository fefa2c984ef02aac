use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kaiku_core::cycle::{CycleEvent, CycleOutcome, CycleRule, PlanReason};
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
use super::{Store, is_unique_violation, key_of, run, to_json};

#[derive(Debug, Clone, SurrealValue)]
pub struct AccountCycleRow {
    pub account: RecordId,
    pub rule_json: Option<String>,
    pub paused: bool,
    /// Planned dates before this are not sent (the rule was set or resumed later).
    pub active_from: DateTime<Utc>,
    pub skipped_dates: Vec<String>,
}

impl AccountCycleRow {
    /// The account's own rule; none: it follows the organisation's default.
    pub fn rule(&self) -> Result<Option<CycleRule>, Unreadable> {
        decode::optional_json(&account_cycle_id(&self.account), "rule_json", self.rule_json.as_deref())
    }

    pub fn skipped(&self) -> Result<Vec<NaiveDate>, Unreadable> {
        let id = account_cycle_id(&self.account);
        self.skipped_dates
            .iter()
            .map(|date| decode::date(&id, "skipped_dates", date))
            .collect()
    }
}

/// What the scheduler decided for one planned round of one account.
#[derive(Debug, Clone, SurrealValue)]
pub struct CycleEventContent {
    pub org: RecordId,
    pub account: RecordId,
    /// `account key:date`: unique, so each planned round is decided once.
    pub key: String,
    pub date: String,
    pub reason: String,
    pub outcome: String,
    pub round: Option<RecordId>,
    pub contacts_sent: i64,
    pub contacts_throttled: i64,
    pub days_since_last: Option<i64>,
    pub at: DateTime<Utc>,
}

impl CycleEventContent {
    pub fn new(org: &RecordId, account: &RecordId, date: NaiveDate, reason: PlanReason, at: DateTime<Utc>) -> Self {
        CycleEventContent {
            org: org.clone(),
            account: account.clone(),
            key: format!("{}:{date}", key_of(account)),
            date: date.to_string(),
            reason: reason.code().to_string(),
            outcome: CycleOutcome::Sent.code().to_string(),
            round: None,
            contacts_sent: 0,
            contacts_throttled: 0,
            days_since_last: None,
            at,
        }
    }

    pub fn outcome(mut self, outcome: CycleOutcome) -> Self {
        self.outcome = outcome.code().to_string();
        self
    }

    pub fn view(&self) -> Result<CycleEvent, Unreadable> {
        // Events are read by account; the key names the one that does not decode.
        let id = RecordId::new("cycle_event", self.key.clone());
        Ok(CycleEvent {
            date: decode::date(&id, "date", &self.date)?,
            reason: decode::code(&id, "reason", &self.reason, PlanReason::from_code)?,
            outcome: decode::code(&id, "outcome", &self.outcome, CycleOutcome::from_code)?,
            at: self.at,
            round_id: self.round.as_ref().map(key_of),
            contacts_sent: decode::count(&id, "contacts_sent", self.contacts_sent)?,
            contacts_throttled: decode::count(&id, "contacts_throttled", self.contacts_throttled)?,
            days_since_last: self
                .days_since_last
                .map(|days| decode::count(&id, "days_since_last", days))
                .transpose()?,
        })
    }
}

/// Whether a cycle event was recorded now, or had been before.
pub fn first_time(result: Result<(), surrealdb::Error>) -> Result<bool, surrealdb::Error> {
    match result {
        Ok(()) => Ok(true),
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

fn account_cycle_id(account: &RecordId) -> RecordId {
    RecordId::new("account_cycle", key_of(account))
}

impl Store {
    pub async fn account_cycle(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Option<AccountCycleRow>, surrealdb::Error> {
        self.one_in_org(
            "SELECT account, rule_json, paused, active_from, skipped_dates FROM account_cycle",
            org,
            &account_cycle_id(account),
        )
        .await
    }

    /// The organisation's accounts that have a cycle row, by account key.
    pub async fn account_cycles(&self, org: &RecordId) -> Result<HashMap<String, AccountCycleRow>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT account, rule_json, paused, active_from, skipped_dates FROM account_cycle WHERE org = $org")
            .bind(("org", org.clone())))
        .await?;
        let rows: Vec<AccountCycleRow> = response.take(0)?;
        Ok(rows.into_iter().map(|row| (key_of(&row.account), row)).collect())
    }

    /// Sets the account's own rule (`None`: the organisation's default) and pause.
    /// Rounds planned before `active_from` are not sent, so setting a rule or resuming
    /// a pause does not send rounds the account missed.
    pub async fn set_account_cycle(
        &self,
        org: &RecordId,
        account: &RecordId,
        rule: Option<&CycleRule>,
        paused: bool,
        active_from: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        let rule_json = rule.map(to_json).transpose()?;
        run(self
            .db()
            .query(
                "UPSERT $id SET org = $org, account = $account, rule_json = $rule_json, paused = $paused,
                     active_from = $active_from, skipped_dates = skipped_dates ?? [], updated_at = $now",
            )
            .bind(("id", account_cycle_id(account)))
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .bind(("rule_json", rule_json))
            .bind(("paused", paused))
            .bind(("active_from", active_from))
            .bind(("now", now)))
        .await?;
        Ok(())
    }

    /// Marks one planned date skipped (or no longer skipped).
    pub async fn set_round_skipped(
        &self,
        org: &RecordId,
        account: &RecordId,
        date: NaiveDate,
        skip: bool,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "UPSERT $id SET org = $org, account = $account, rule_json = rule_json, paused = paused ?? false,
                     active_from = active_from ?? $now,
                     skipped_dates = IF $skip { array::union(skipped_dates ?? [], [$date]) }
                                     ELSE { array::complement(skipped_dates ?? [], [$date]) },
                     updated_at = $now",
            )
            .bind(("id", account_cycle_id(account)))
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .bind(("date", date.to_string()))
            .bind(("skip", skip))
            .bind(("now", now)))
        .await?;
        Ok(())
    }

    /// Records a decision that started no round; `false` when it had been decided.
    pub async fn record_cycle_event(&self, event: CycleEventContent) -> Result<bool, surrealdb::Error> {
        first_time(
            run(self
                .db()
                .query("CREATE cycle_event CONTENT $event")
                .bind(("event", event)))
            .await
            .map(|_| ()),
        )
    }

    /// The keys of the events decided for `org` on or after `since`.
    pub async fn decided_cycle_keys(&self, org: &RecordId, since: NaiveDate) -> Result<Vec<String>, surrealdb::Error> {
        self.db()
            .query("SELECT VALUE key FROM cycle_event WHERE org = $org AND date >= $since")
            .bind(("org", org.clone()))
            .bind(("since", since.to_string()))
            .rows()
            .await
    }

    /// Newest first.
    pub async fn cycle_events(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Vec<CycleEventContent>, surrealdb::Error> {
        self
            .db()
            .query("SELECT * OMIT id FROM cycle_event WHERE org = $org AND account = $account ORDER BY date DESC LIMIT 100")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// When the account was last surveyed (any round, by hand or by a cycle).
    pub async fn last_round_at(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Option<DateTime<Utc>>, surrealdb::Error> {
        self
            .db()
            .query("SELECT VALUE created_at FROM survey_round WHERE org = $org AND account = $account ORDER BY created_at DESC LIMIT 1")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .first()
            .await
    }

    /// When each of the account's contacts last got a survey link.
    pub async fn contacts_last_surveyed(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Vec<ContactSurveyed>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT contact, time::max(sent_at) AS last FROM survey_link
                 WHERE org = $org AND account = $account GROUP BY contact",
            )
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }
}

#[derive(Debug, Clone, SurrealValue)]
pub struct ContactSurveyed {
    pub contact: RecordId,
    pub last: DateTime<Utc>,
}
