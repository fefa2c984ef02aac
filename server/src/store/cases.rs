//! Cases, their triggers, LATTE steps and events, and the organisation's service
//! levels. A case opens inside the transaction of the write that triggers it
//! ([`OPEN_OR_ATTACH`]); the unique `open_slot` keeps one open case per account, so a
//! trigger racing another one fails its transaction rather than opening a second.

use chrono::{DateTime, Utc};
use kaiku_core::case::{RootCause, ServiceLevels, Step};
use surrealdb::types::{RecordId, SurrealValue};

use super::counterfeedback::{AppliedMutation, Email, outbox_messages};
use super::decode::{self, Unreadable};
use super::outbox::OutboxContent;
use super::{Store, is_unique_violation, key_of, new_id, run, to_json};

/// Opens the case of `$opening` (a [`CaseOpening`] or NONE), or attaches its triggers
/// to the account's open case and keeps the worse severity. Part of the transaction
/// of the write that triggered it.
pub(super) const OPEN_OR_ATTACH: &str = "
    IF $opening != NONE {
        LET $open = (SELECT VALUE id FROM customer_case
            WHERE org = $opening.org AND account = $opening.account AND status = 'open' LIMIT 1)[0];
        LET $target = IF $open = NONE {
            (CREATE ONLY $opening.id CONTENT $opening.content RETURN VALUE id)
        } ELSE {
            (UPDATE ONLY $open SET severity = math::max([severity, $opening.attached_severity]),
                updated_at = $opening.opened_at RETURN VALUE id)
        };
        FOR $trigger IN $opening.triggers {
            CREATE case_trigger SET org = $opening.org, customer_case = $target, kind = $trigger.kind,
                trigger_json = $trigger.trigger_json, link = $trigger.link,
                counter_feedback = $trigger.counter_feedback, message = $trigger.message,
                added_by = $trigger.added_by, note = $trigger.note, created_at = $opening.opened_at;
        };
    };";

const NOT_OPEN: &str = "kaiku:case-not-open";
const NOT_CLOSED: &str = "kaiku:case-not-closed";

#[derive(Debug, Clone, SurrealValue)]
pub struct CaseRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub open_slot: String,
    pub status: String,
    pub owner: RecordId,
    pub severity: i64,
    pub revenue_at_risk_eur: i64,
    pub opened_at: DateTime<Utc>,
    pub opened_by: Option<RecordId>,
    pub round: i64,
    pub acknowledge_remind_at: DateTime<Utc>,
    pub acknowledge_due_at: DateTime<Utc>,
    pub first_contact_remind_at: DateTime<Utc>,
    pub first_contact_due_at: DateTime<Utc>,
    pub resolve_remind_at: DateTime<Utc>,
    pub resolve_due_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub contacted_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<RecordId>,
    pub root_cause_json: Option<String>,
    pub resolution: String,
    pub no_explain_reason: String,
    pub updated_at: DateTime<Utc>,
}

impl CaseRow {
    pub fn is_open(&self) -> bool {
        self.status == "open"
    }

    pub fn root_cause(&self) -> Result<Option<RootCause>, Unreadable> {
        decode::optional_json(&self.id, "root_cause_json", self.root_cause_json.as_deref())
    }
}

/// The deadlines of a case (UTC), planned when it opens or reopens.
#[derive(Debug, Clone, SurrealValue)]
pub struct CaseDeadlines {
    pub acknowledge_remind_at: DateTime<Utc>,
    pub acknowledge_due_at: DateTime<Utc>,
    pub first_contact_remind_at: DateTime<Utc>,
    pub first_contact_due_at: DateTime<Utc>,
    pub resolve_remind_at: DateTime<Utc>,
    pub resolve_due_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct CaseContent {
    org: RecordId,
    account: RecordId,
    open_slot: String,
    status: String,
    owner: RecordId,
    severity: i64,
    revenue_at_risk_eur: i64,
    opened_at: DateTime<Utc>,
    opened_by: Option<RecordId>,
    round: i64,
    acknowledge_remind_at: DateTime<Utc>,
    acknowledge_due_at: DateTime<Utc>,
    first_contact_remind_at: DateTime<Utc>,
    first_contact_due_at: DateTime<Utc>,
    resolve_remind_at: DateTime<Utc>,
    resolve_due_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A trigger about to be attached; the case is decided in the transaction.
#[derive(Debug, Clone, SurrealValue)]
pub struct NewTrigger {
    pub kind: String,
    pub trigger_json: String,
    pub link: Option<RecordId>,
    pub counter_feedback: Option<RecordId>,
    pub message: Option<RecordId>,
    pub added_by: Option<RecordId>,
    pub note: String,
}

/// What opens a case, or is attached to the account's open one.
#[derive(Debug, Clone, SurrealValue)]
pub struct CaseOpening {
    org: RecordId,
    account: RecordId,
    id: RecordId,
    content: CaseContent,
    /// The severity of the open case with these triggers added.
    attached_severity: i64,
    triggers: Vec<NewTrigger>,
    opened_at: DateTime<Utc>,
}

/// The parts of a new case the service decides.
pub struct OpeningPlan {
    pub org: RecordId,
    pub account: RecordId,
    pub owner: RecordId,
    pub opened_by: Option<RecordId>,
    /// Severity rank of a new case, and of the open one with these triggers added.
    pub new_severity: i64,
    pub attached_severity: i64,
    pub revenue_at_risk_eur: i64,
    pub deadlines: CaseDeadlines,
    pub triggers: Vec<NewTrigger>,
    pub at: DateTime<Utc>,
}

fn open_slot(account: &RecordId) -> String {
    format!("open:{}", key_of(account))
}

impl CaseOpening {
    pub fn new(plan: OpeningPlan) -> CaseOpening {
        let d = plan.deadlines;
        CaseOpening {
            id: new_id("customer_case"),
            content: CaseContent {
                org: plan.org.clone(),
                account: plan.account.clone(),
                open_slot: open_slot(&plan.account),
                status: "open".into(),
                owner: plan.owner,
                severity: plan.new_severity,
                revenue_at_risk_eur: plan.revenue_at_risk_eur.max(0),
                opened_at: plan.at,
                opened_by: plan.opened_by,
                round: 1,
                acknowledge_remind_at: d.acknowledge_remind_at,
                acknowledge_due_at: d.acknowledge_due_at,
                first_contact_remind_at: d.first_contact_remind_at,
                first_contact_due_at: d.first_contact_due_at,
                resolve_remind_at: d.resolve_remind_at,
                resolve_due_at: d.resolve_due_at,
                updated_at: plan.at,
            },
            org: plan.org,
            account: plan.account,
            attached_severity: plan.attached_severity,
            triggers: plan.triggers,
            opened_at: plan.at,
        }
    }
}

#[derive(Debug, Clone, SurrealValue)]
pub struct TriggerRow {
    pub kind: String,
    pub trigger_json: String,
    pub link: Option<RecordId>,
    pub counter_feedback: Option<RecordId>,
    pub message: Option<RecordId>,
    pub added_by: Option<RecordId>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

#[derive(SurrealValue)]
struct TriggerKindRow {
    customer_case: RecordId,
    kind: String,
}

#[derive(SurrealValue)]
struct TriggerLinkRow {
    customer_case: RecordId,
    link: RecordId,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct StepRow {
    pub org: RecordId,
    pub customer_case: RecordId,
    pub step: String,
    pub author: RecordId,
    pub taken_at: DateTime<Utc>,
    pub note: String,
    pub hypothesis: String,
    pub channel: Option<String>,
    pub contact: Option<RecordId>,
    pub email_to: Option<String>,
    pub email_subject: String,
    pub email_body: String,
    pub actions: Vec<RecordId>,
}

impl StepRow {
    pub fn step(&self) -> Option<Step> {
        Step::from_code(&self.step)
    }
}

#[derive(Debug, Clone, SurrealValue)]
pub struct EventRow {
    pub org: RecordId,
    pub customer_case: RecordId,
    pub kind: String,
    pub key: String,
    pub happened_at: DateTime<Utc>,
    pub actor: Option<RecordId>,
    pub reason: String,
    pub new_owner: Option<RecordId>,
    pub deadline: Option<String>,
}

impl EventRow {
    /// An event that may happen any number of times (its key is its own).
    pub fn new(case: &CaseRow, kind: &str, by: Option<&RecordId>, reason: &str, now: DateTime<Utc>) -> EventRow {
        EventRow {
            org: case.org.clone(),
            customer_case: case.id.clone(),
            kind: kind.to_string(),
            key: key_of(&new_id("case_event")),
            happened_at: now,
            actor: by.cloned(),
            reason: reason.to_string(),
            new_owner: None,
            deadline: None,
        }
    }
}

/// The end of a case as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct Closing {
    pub closed_by: RecordId,
    pub root_cause_json: String,
    pub resolution: String,
    pub no_explain_reason: String,
}

impl Closing {
    pub fn new(
        by: &RecordId,
        root_cause: &RootCause,
        resolution: &str,
        reason: &str,
    ) -> Result<Closing, surrealdb::Error> {
        Ok(Closing {
            closed_by: by.clone(),
            root_cause_json: to_json(root_cause)?,
            resolution: resolution.to_string(),
            no_explain_reason: reason.to_string(),
        })
    }
}

/// Why a change to a case was not made.
#[derive(Debug, thiserror::Error)]
pub enum CaseChangeError {
    /// The case is not open (steps, closing, reassigning) or not closed (reopening).
    #[error("the case is not in the state this needs")]
    WrongState,
    /// Reopening would give the account a second open case.
    #[error("the account has another open case")]
    AnotherOpen,
    /// The synced mutation was applied before.
    #[error("the mutation was applied before")]
    AlreadyApplied,
    #[error(transparent)]
    Db(#[from] surrealdb::Error),
}

fn classify(err: surrealdb::Error) -> CaseChangeError {
    let text = err.to_string();
    if text.contains(NOT_OPEN) || text.contains(NOT_CLOSED) {
        CaseChangeError::WrongState
    } else if text.contains("applied_mutation_client_id") {
        CaseChangeError::AlreadyApplied
    } else if text.contains("customer_case_one_open") || is_unique_violation(&err) {
        CaseChangeError::AnotherOpen
    } else {
        CaseChangeError::Db(err)
    }
}

const CASE_FIELDS: &str = "SELECT * FROM customer_case";

impl Store {
    /// Opens a case or attaches to the open one, on its own (a person opening by hand).
    pub async fn open_or_attach(&self, opening: CaseOpening) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(format!("BEGIN TRANSACTION; {OPEN_OR_ATTACH} COMMIT TRANSACTION;"))
            .bind(("opening", Some(opening))))
        .await?;
        Ok(())
    }

    pub async fn case(&self, org: &RecordId, id: &RecordId) -> Result<Option<CaseRow>, surrealdb::Error> {
        self.one_in_org(CASE_FIELDS, org, id).await
    }

    pub async fn open_case_of(&self, org: &RecordId, account: &RecordId) -> Result<Option<CaseRow>, surrealdb::Error> {
        self.db()
            .query(format!("{CASE_FIELDS} WHERE org = $org AND open_slot = $slot"))
            .bind(("org", org.clone()))
            .bind(("slot", open_slot(account)))
            .first()
            .await
    }

    /// The organisation's cases, open or closed (both when `status` is none), newest first.
    pub async fn cases(&self, org: &RecordId, status: Option<&str>) -> Result<Vec<CaseRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "{CASE_FIELDS} WHERE org = $org AND ($status = NONE OR status = $status) ORDER BY opened_at DESC"
            ))
            .bind(("org", org.clone()))
            .bind(("status", status.map(String::from)))
            .rows()
            .await
    }

    /// The cases of one account, open or closed, newest first.
    pub async fn account_cases(&self, org: &RecordId, account: &RecordId) -> Result<Vec<CaseRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "{CASE_FIELDS} WHERE org = $org AND account = $account ORDER BY opened_at DESC"
            ))
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// The survey link behind each trigger of the organisation's cases, by case.
    pub async fn case_trigger_links(&self, org: &RecordId) -> Result<Vec<(RecordId, RecordId)>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT customer_case, link FROM case_trigger WHERE org = $org AND link != NONE ORDER BY created_at")
            .bind(("org", org.clone())))
        .await?;
        let rows: Vec<TriggerLinkRow> = response.take(0)?;
        Ok(rows.into_iter().map(|r| (r.customer_case, r.link)).collect())
    }

    /// The counter-feedback behind each trigger of the organisation's cases, by case.
    pub async fn case_trigger_counter_feedback(
        &self,
        org: &RecordId,
    ) -> Result<Vec<(RecordId, RecordId)>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(
                "SELECT customer_case, counter_feedback AS link FROM case_trigger
                 WHERE org = $org AND counter_feedback != NONE ORDER BY created_at",
            )
            .bind(("org", org.clone())))
        .await?;
        let rows: Vec<TriggerLinkRow> = response.take(0)?;
        Ok(rows.into_iter().map(|r| (r.customer_case, r.link)).collect())
    }

    /// The kind of every trigger of the organisation's cases, by case (for lists).
    pub async fn case_trigger_kinds(&self, org: &RecordId) -> Result<Vec<(RecordId, String)>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT customer_case, kind FROM case_trigger WHERE org = $org")
            .bind(("org", org.clone())))
        .await?;
        let rows: Vec<TriggerKindRow> = response.take(0)?;
        Ok(rows.into_iter().map(|r| (r.customer_case, r.kind)).collect())
    }

    /// Every open case of every organisation: the follow-up job's work list.
    pub async fn all_open_cases(&self) -> Result<Vec<CaseRow>, surrealdb::Error> {
        self.db()
            .query(format!("{CASE_FIELDS} WHERE status = 'open' ORDER BY opened_at"))
            .rows()
            .await
    }

    /// The triggers, steps and events of a case, each oldest first.
    pub async fn case_details(
        &self,
        case: &CaseRow,
    ) -> Result<(Vec<TriggerRow>, Vec<StepRow>, Vec<EventRow>), surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(
                "SELECT kind, trigger_json, link, counter_feedback, message, added_by, note, created_at FROM case_trigger
                     WHERE org = $org AND customer_case = $case ORDER BY created_at;
                 SELECT * OMIT id FROM case_step WHERE org = $org AND customer_case = $case ORDER BY taken_at;
                 SELECT * OMIT id FROM case_event WHERE org = $org AND customer_case = $case ORDER BY happened_at",
            )
            .bind(("org", case.org.clone()))
            .bind(("case", case.id.clone())))
        .await?;
        Ok((response.take(0)?, response.take(1)?, response.take(2)?))
    }

    /// Records a step of an open case, meets the deadlines it meets and sends its
    /// email, all together.
    /// A step synced from a device records its mutation id in the same transaction,
    /// so a repeated delivery is [`CaseChangeError::AlreadyApplied`].
    pub async fn record_case_step(
        &self,
        step: StepRow,
        meets_first_contact: bool,
        email: Option<Email>,
        applied: Option<AppliedMutation>,
    ) -> Result<(), CaseChangeError> {
        let messages: Vec<OutboxContent> = outbox_messages(&step.org, email.as_slice(), step.taken_at);
        run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $changed = (UPDATE $case SET acknowledged_at = acknowledged_at ?? $step.taken_at,
                         contacted_at = IF $contact {{ contacted_at ?? $step.taken_at }} ELSE {{ contacted_at }},
                         updated_at = $step.taken_at
                     WHERE org = $step.org AND status = 'open' RETURN VALUE id);
                 IF array::len($changed) == 0 {{ THROW '{NOT_OPEN}'; }};
                 CREATE case_step CONTENT $step;
                 FOR $message IN $messages {{ CREATE outbox CONTENT $message; }};
                 IF $applied != NONE {{ CREATE applied_mutation CONTENT $applied; }};
                 COMMIT TRANSACTION;"
            ))
            .bind(("case", step.customer_case.clone()))
            .bind(("applied", applied))
            .bind(("contact", meets_first_contact))
            .bind(("step", step))
            .bind(("messages", messages)))
        .await
        .map_err(classify)?;
        Ok(())
    }

    pub async fn close_case(&self, case: &CaseRow, closing: Closing, event: EventRow) -> Result<(), CaseChangeError> {
        run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $changed = (UPDATE $case SET status = 'closed', open_slot = $slot, closed_at = $event.happened_at,
                         closed_by = $closing.closed_by, root_cause_json = $closing.root_cause_json,
                         resolution = $closing.resolution, no_explain_reason = $closing.no_explain_reason,
                         updated_at = $event.happened_at
                     WHERE org = $event.org AND status = 'open' RETURN VALUE id);
                 IF array::len($changed) == 0 {{ THROW '{NOT_OPEN}'; }};
                 CREATE case_event CONTENT $event;
                 COMMIT TRANSACTION;"
            ))
            .bind(("case", case.id.clone()))
            .bind(("slot", format!("closed:{}", key_of(&case.id))))
            .bind(("closing", closing))
            .bind(("event", event)))
        .await
        .map_err(classify)?;
        Ok(())
    }

    /// Opens a closed case again with a new resolve deadline; the acknowledge and
    /// first-contact deadlines stay met.
    pub async fn reopen_case(
        &self,
        case: &CaseRow,
        deadlines: CaseDeadlines,
        event: EventRow,
    ) -> Result<(), CaseChangeError> {
        run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $changed = (UPDATE $case SET status = 'open', open_slot = $slot, round = round + 1,
                         closed_at = NONE, closed_by = NONE, resolve_remind_at = $deadlines.resolve_remind_at,
                         resolve_due_at = $deadlines.resolve_due_at, updated_at = $event.happened_at
                     WHERE org = $event.org AND status = 'closed' RETURN VALUE id);
                 IF array::len($changed) == 0 {{ THROW '{NOT_CLOSED}'; }};
                 CREATE case_event CONTENT $event;
                 COMMIT TRANSACTION;"
            ))
            .bind(("case", case.id.clone()))
            .bind(("slot", open_slot(&case.account)))
            .bind(("deadlines", deadlines))
            .bind(("event", event)))
        .await
        .map_err(classify)?;
        Ok(())
    }

    pub async fn reassign_case(&self, case: &CaseRow, event: EventRow) -> Result<(), CaseChangeError> {
        run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $changed = (UPDATE $case SET owner = $event.new_owner, updated_at = $event.happened_at
                     WHERE org = $event.org AND status = 'open' RETURN VALUE id);
                 IF array::len($changed) == 0 {{ THROW '{NOT_OPEN}'; }};
                 CREATE case_event CONTENT $event;
                 COMMIT TRANSACTION;"
            ))
            .bind(("case", case.id.clone()))
            .bind(("event", event)))
        .await
        .map_err(classify)?;
        Ok(())
    }

    /// Records a reminder or escalation and its emails, once per key: `false` when it
    /// was recorded before (by this pass's twin on another instance, or earlier).
    pub async fn record_case_follow_up(&self, event: EventRow, emails: Vec<Email>) -> Result<bool, surrealdb::Error> {
        let messages = outbox_messages(&event.org, &emails, event.happened_at);
        let query = self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 CREATE case_event CONTENT $event;
                 FOR $message IN $messages { CREATE outbox CONTENT $message; };
                 COMMIT TRANSACTION;",
            )
            .bind(("event", event))
            .bind(("messages", messages));
        match run(query).await {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains("case_event_once") || is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The follow-up keys already recorded for a case.
    pub async fn case_follow_up_keys(&self, case: &CaseRow) -> Result<Vec<String>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT VALUE key FROM case_event WHERE org = $org AND customer_case = $case
                 AND kind IN ['reminded', 'escalated']",
            )
            .bind(("org", case.org.clone()))
            .bind(("case", case.id.clone()))
            .rows()
            .await
    }

    /// The organisation's service levels, or the defaults when it never set its own;
    /// stored ones that do not decode are unreadable, never the defaults.
    pub async fn case_levels(&self, org: &RecordId) -> Result<Result<ServiceLevels, Unreadable>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT VALUE case_levels_json FROM $org")
            .bind(("org", org.clone())))
        .await?;
        let json: Vec<Option<String>> = response.take(0)?;
        Ok(
            decode::optional_json(org, "case_levels_json", json.into_iter().flatten().next().as_deref())
                .map(Option::unwrap_or_default),
        )
    }

    pub async fn set_case_levels(&self, org: &RecordId, levels: &ServiceLevels) -> Result<(), surrealdb::Error> {
        let stored = (levels != &ServiceLevels::default())
            .then(|| to_json(levels))
            .transpose()?;
        run(self
            .db()
            .query("UPDATE $org SET case_levels_json = $levels")
            .bind(("org", org.clone()))
            .bind(("levels", stored)))
        .await?;
        Ok(())
    }
}
