//! The backtest page's figures (admins and leaders): the organisation's outcomes
//! against the accounts' month-end snapshots, and applying the weights they propose
//! (admins, recorded).

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use kaiku_core::backtest::{
    self, AppliedWeights, ApplyWeightsRequest, BacktestView, BandProbabilities, Case, revenue_at_risk,
};
use kaiku_core::outcome::AccountSnapshot;
use surrealdb::types::RecordId;

use super::accounts::People;
use super::auth::CurrentUser;
use super::health::org_weights;
use super::outcomes;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::Visibility;
use crate::store::key_of;

/// The period without bounds given: the two years up to today.
const DEFAULT_PERIOD_MONTHS: u32 = 24;

fn require_leadership(current: &CurrentUser) -> ApiResult<()> {
    if current.role().sees_all_accounts() {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

fn period(state: &AppState, from: Option<NaiveDate>, to: Option<NaiveDate>) -> ApiResult<(NaiveDate, NaiveDate)> {
    let to = to.unwrap_or_else(|| state.now().date_naive());
    let from = from.unwrap_or_else(|| to - Months::new(DEFAULT_PERIOD_MONTHS));
    if from > to {
        return Err(ApiError::validation("from", "from must not be after to"));
    }
    Ok((from, to))
}

/// Every outcome of the organisation with its account's snapshots, and whether any is
/// demo data; plus each active account's latest snapshot.
struct Portfolio {
    cases: Vec<Case>,
    demo: Vec<bool>,
    latest: Vec<AccountSnapshot>,
}

async fn portfolio(state: &AppState, org: &RecordId) -> ApiResult<Portfolio> {
    let accounts = state.store.accounts(org, Visibility::All, true).await?;
    let mut snapshots: HashMap<String, Vec<AccountSnapshot>> = HashMap::new();
    for row in state.store.snapshots(org, None).await? {
        snapshots.entry(key_of(&row.account)).or_default().push(row.snapshot()?);
    }
    let churned = outcomes::churned(state, org).await?;
    let latest = accounts
        .iter()
        .filter(|a| !a.archived && !churned.contains_key(&key_of(&a.id)))
        .filter_map(|a| snapshots.get(&key_of(&a.id))?.last().cloned())
        .collect();
    let mut cases = Vec::new();
    let mut demo = Vec::new();
    for row in state.store.outcomes(org, None, None).await? {
        let Some(account) = accounts.iter().find(|a| a.id == row.account) else {
            continue;
        };
        let key = key_of(&account.id);
        cases.push(Case {
            snapshots: snapshots.get(&key).cloned().unwrap_or_default(),
            account: key,
            name: account.name.clone(),
            outcome: row.input()?,
        });
        demo.push(row.demo);
    }
    Ok(Portfolio { cases, demo, latest })
}

pub async fn backtest(
    state: &AppState,
    current: &CurrentUser,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> ApiResult<BacktestView> {
    require_leadership(current)?;
    let (from, to) = period(state, from, to)?;
    let weights = org_weights(state, current.org()).await?;
    let portfolio = portfolio(state, current.org()).await?;
    let in_period: Vec<usize> = (0..portfolio.cases.len())
        .filter(|&i| (from..=to).contains(&portfolio.cases[i].outcome.date))
        .collect();
    let cases: Vec<Case> = in_period.iter().map(|&i| portfolio.cases[i].clone()).collect();
    let demo = in_period.iter().any(|&i| portfolio.demo[i]);
    let mut view = backtest::backtest(from, to, &cases, &portfolio.cases, &weights, demo);
    let latest: Vec<&AccountSnapshot> = portfolio.latest.iter().collect();
    view.revenue_at_risk_default_eur = revenue_at_risk(&latest, &BandProbabilities::defaults(0));
    view.revenue_at_risk_eur = revenue_at_risk(&latest, &view.probabilities);
    let people = People::load(state, current).await?;
    view.applied = state
        .store
        .weights_changes(current.org())
        .await?
        .into_iter()
        .map(|change| AppliedWeights {
            by: people.person(&change.changed_by),
            at: change.changed_at,
            outcomes: u32::try_from(change.outcomes).unwrap_or_default(),
        })
        .collect();
    Ok(view)
}

/// Calibrates the organisation's band probabilities from all its outcomes and stores
/// them, so revenue at risk everywhere is priced with them: after outcomes change and
/// after new month-end snapshots.
pub async fn recalibrate(state: &AppState, org: &RecordId) -> ApiResult<()> {
    let portfolio = portfolio(state, org).await?;
    let probabilities = backtest::probabilities(&portfolio.cases);
    state.store.set_band_probabilities(org, &probabilities).await?;
    Ok(())
}

/// Admins apply the weights the backtest of `from`..=`to` proposes, as long as they are
/// still the proposal; the change is recorded with who made it.
pub async fn apply_weights(
    state: &AppState,
    current: &CurrentUser,
    request: ApplyWeightsRequest,
) -> ApiResult<BacktestView> {
    current.require_team_manager()?;
    let view = backtest(state, current, Some(request.from), Some(request.to)).await?;
    let Some(proposed) = view.proposed.filter(|p| p.weights == request.weights) else {
        return Err(ApiError::validation(
            "weights",
            "these are no longer the proposed weights; load the backtest again",
        ));
    };
    state
        .store
        .apply_proposed_weights(
            current.org(),
            &current.user.id,
            state.now(),
            &view.current.weights,
            &proposed.weights,
            view.outcomes,
        )
        .await?;
    backtest(state, current, Some(request.from), Some(request.to)).await
}
