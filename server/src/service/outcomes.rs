//! Outcomes: recording what happened to an account (admins and leaders), editing with
//! the replaced versions kept, reading them (whoever sees the account), and the CSV
//! import.

use std::collections::HashMap;

use chrono::NaiveDate;

use kaiku_core::outcome::{
    OutcomeImportReport, OutcomeImportRow, OutcomeInput, OutcomeKind, OutcomeRevision, OutcomeView, parse_reasons,
};
use surrealdb::types::RecordId;

use super::accounts::{People, visible_account};
use super::auth::CurrentUser;
use super::backtest;
use super::import::{Row, RowError, Table, date, row_error};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::Visibility;
use crate::store::outcomes::{NewOutcome, OutcomeRow};
use crate::store::{id_from_key, key_of};

/// Admins and leaders record outcomes: they concern the firm's revenue, not one team's
/// work. Members read those of the accounts they see.
fn require_recorder(current: &CurrentUser) -> ApiResult<()> {
    if current.role().sees_all_accounts() {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

fn checked(state: &AppState, mut input: OutcomeInput) -> ApiResult<OutcomeInput> {
    input.normalise();
    input
        .check(state.now().date_naive())
        .map_err(|e| ApiError::validation(e.field, OutcomeInput::problem_text(&e)))?;
    Ok(input)
}

/// The views of `rows` with their replaced versions.
async fn views(
    state: &AppState,
    current: &CurrentUser,
    rows: Vec<OutcomeRow>,
    account_name: &str,
) -> ApiResult<Vec<OutcomeView>> {
    let people = People::load(state, current).await?;
    let revisions = state
        .store
        .outcome_revisions(current.org(), rows.iter().map(|r| r.id.clone()).collect())
        .await?;
    rows.into_iter()
        .map(|row| {
            let history = revisions
                .iter()
                .filter(|r| r.outcome == row.id)
                .map(|r| {
                    Ok(OutcomeRevision {
                        input: r.input()?,
                        recorded_by: people.person(&r.recorded_by),
                        recorded_at: r.recorded_at,
                    })
                })
                .collect::<ApiResult<Vec<_>>>()?;
            Ok(OutcomeView {
                id: key_of(&row.id),
                account: key_of(&row.account),
                account_name: account_name.to_string(),
                input: row.input()?,
                recorded_by: people.person(&row.recorded_by),
                recorded_at: row.recorded_at,
                history,
                demo: row.demo,
            })
        })
        .collect()
}

/// The accounts (by key) whose latest outcome is a churn, with its date: they have
/// left the active portfolio (the heatmap, new snapshots) but keep their history.
pub async fn churned(state: &AppState, org: &RecordId) -> ApiResult<HashMap<String, NaiveDate>> {
    let mut latest: HashMap<String, (bool, NaiveDate)> = HashMap::new();
    // Oldest first: a later outcome replaces an earlier one.
    for row in state.store.outcomes(org, None, None).await? {
        let input = row.input()?;
        latest.insert(key_of(&row.account), (input.kind == OutcomeKind::Churned, input.date));
    }
    Ok(latest
        .into_iter()
        .filter_map(|(account, (churned, date))| churned.then_some((account, date)))
        .collect())
}

pub async fn account_outcomes(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
) -> ApiResult<Vec<OutcomeView>> {
    let account = visible_account(state, current, account_key).await?;
    let rows = state.store.account_outcomes(current.org(), &account.id).await?;
    views(state, current, rows, &account.name).await
}

pub async fn record(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    input: OutcomeInput,
) -> ApiResult<OutcomeView> {
    let account = visible_account(state, current, account_key).await?;
    require_recorder(current)?;
    let input = checked(state, input)?;
    let row = NewOutcome::new(current.org(), &account.id, &input, &current.user.id, state.now())?;
    let ids = state.store.create_outcomes(vec![row]).await?;
    backtest::recalibrate(state, current.org()).await?;
    let stored = state
        .store
        .outcome(current.org(), &ids[0])
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(views(state, current, vec![stored], &account.name).await?.remove(0))
}

pub async fn edit(state: &AppState, current: &CurrentUser, key: &str, input: OutcomeInput) -> ApiResult<OutcomeView> {
    let id = id_from_key("outcome", key);
    let existing = state
        .store
        .outcome(current.org(), &id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let account = visible_account(state, current, &key_of(&existing.account)).await?;
    require_recorder(current)?;
    let input = checked(state, input)?;
    state
        .store
        .update_outcome(current.org(), &id, &input, &current.user.id, state.now())
        .await?;
    backtest::recalibrate(state, current.org()).await?;
    let stored = state
        .store
        .outcome(current.org(), &id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(views(state, current, vec![stored], &account.name).await?.remove(0))
}

/// One row of the file as an outcome of a known account.
fn outcome_of(
    row: &Row,
    accounts: &HashMap<String, RecordId>,
    today: NaiveDate,
) -> Result<(RecordId, OutcomeInput), RowError> {
    let account = accounts
        .get(&row.get("account").to_lowercase())
        .cloned()
        .ok_or_else(|| row_error("account", "account names no account of the organisation"))?;
    let kind = OutcomeKind::from_code(&row.get("kind").to_lowercase()).ok_or_else(|| {
        row_error(
            "kind",
            "kind must be renewed, expanded, contracted, churned, paused or project_ended",
        )
    })?;
    let date = date(row, "date")?.ok_or_else(|| row_error("date", "date is required, e.g. 2026-01-31"))?;
    let euros = |column: &str| match row.get(column).replace([' ', '\u{a0}'], "") {
        text if text.is_empty() => Ok(0),
        text => text
            .parse::<i64>()
            .map_err(|_| row_error(column, format!("{column} must be whole euros, e.g. 120000"))),
    };
    let mut input = OutcomeInput {
        kind,
        date,
        revenue_before_eur: euros("revenue_before_eur")?,
        revenue_after_eur: euros("revenue_after_eur")?,
        reasons: parse_reasons(row.get("reasons")).map_err(|message| row_error("reasons", message))?,
        note: row.get("note").to_string(),
    };
    input.normalise();
    input
        .check(today)
        .map_err(|e| row_error(e.field, OutcomeInput::problem_text(&e)))?;
    Ok((account, input))
}

/// Outcomes from CSV (columns `account`, `kind`, `date`, `revenue_before_eur`,
/// `revenue_after_eur`, `reasons`, `note`; accounts by name): refused rows listed with
/// their reason, the good ones written together unless `dry_run`.
pub async fn import(
    state: &AppState,
    current: &CurrentUser,
    csv: &str,
    dry_run: bool,
) -> ApiResult<OutcomeImportReport> {
    require_recorder(current)?;
    let table = Table::read(csv, "account")?;
    let accounts: HashMap<String, RecordId> = state
        .store
        .accounts(current.org(), Visibility::All, true)
        .await?
        .into_iter()
        .map(|a| (a.name.to_lowercase(), a.id))
        .collect();
    let (today, now) = (state.now().date_naive(), state.now());
    let mut good = Vec::new();
    let mut rows = Vec::new();
    for (index, row) in table.rows().enumerate() {
        let mut result = OutcomeImportRow {
            line: index as u32 + 2,
            account: row.get("account").to_string(),
            kind: None,
            date: None,
            reasons: vec![],
            error: None,
            field: None,
        };
        match outcome_of(&row, &accounts, today) {
            Ok((account, input)) => {
                result.kind = Some(input.kind);
                result.date = Some(input.date);
                result.reasons = input.reasons.clone();
                good.push(NewOutcome::new(current.org(), &account, &input, &current.user.id, now)?);
            }
            Err(err) => {
                result.error = Some(err.message);
                result.field = Some(err.field);
            }
        }
        rows.push(result);
    }
    let created = good.len() as u32;
    if !dry_run && !good.is_empty() {
        state.store.create_outcomes(good).await?;
        backtest::recalibrate(state, current.org()).await?;
    }
    Ok(OutcomeImportReport { dry_run, created, rows })
}
