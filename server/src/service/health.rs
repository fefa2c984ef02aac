//! An account's health now, and the organisation's weights of the health factors.

use kaiku_core::evidence::Evidence;
use kaiku_core::health::{
    self, AccountHealthView, BandProbabilities, HEALTH_WINDOW_DAYS, Rescored, Weights, WeightsPreview,
};
use surrealdb::types::RecordId;

use super::accounts::visible_account;
use super::auth::CurrentUser;
use super::evidence::{self, AccountData};
use super::{heatmap, outcomes};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::key_of;

/// The organisation's weights of the health factors (the defaults until an admin
/// changes them).
pub async fn org_weights(state: &AppState, org: &RecordId) -> ApiResult<Weights> {
    let organisation = state.store.org(org).await?.ok_or_else(ApiError::not_found)?;
    Ok(organisation.health_weights()?)
}

/// The organisation's weights, and the band probabilities revenue at risk is priced
/// with: calibrated from its outcomes once there are enough (see
/// `backtest::recalibrate`). One read of the organisation.
pub async fn org_scoring(state: &AppState, org: &RecordId) -> ApiResult<(Weights, BandProbabilities)> {
    let organisation = state.store.org(org).await?.ok_or_else(ApiError::not_found)?;
    Ok((organisation.health_weights()?, organisation.band_probabilities()?))
}

/// The health of the account now (over the last [`HEALTH_WINDOW_DAYS`]), its revenue at
/// risk priced with the organisation's probabilities.
pub fn health_now(
    evidence: &Evidence,
    annual_value_eur: i64,
    weights: &Weights,
    probabilities: &BandProbabilities,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<health::Health> {
    let (_, mut health) = evidence.health_at(now, weights, annual_value_eur);
    if let Some(health) = &mut health {
        health.price(probabilities, annual_value_eur);
    }
    health
}

/// The health of the account's last [`HEALTH_WINDOW_DAYS`] with each factor's share.
pub fn health_view(
    evidence: &Evidence,
    annual_value_eur: i64,
    weights: &Weights,
    probabilities: &BandProbabilities,
    now: chrono::DateTime<chrono::Utc>,
) -> AccountHealthView {
    let health = health_now(evidence, annual_value_eur, weights, probabilities, now);
    AccountHealthView {
        window_days: HEALTH_WINDOW_DAYS,
        gap_flagged: health::gap_flagged(health.as_ref().and_then(|h| h.gap)),
        health,
        probabilities: probabilities.clone(),
    }
}

pub async fn account_health(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
) -> ApiResult<AccountHealthView> {
    let account = visible_account(state, current, account_key).await?;
    let data = AccountData::load(state, account).await?;
    let (weights, probabilities) = org_scoring(state, current.org()).await?;
    Ok(health_view(
        &data.evidence()?,
        data.account.annual_value_eur,
        &weights,
        &probabilities,
        state.now(),
    ))
}

pub async fn health_weights(state: &AppState, current: &CurrentUser) -> ApiResult<Weights> {
    org_weights(state, current.org()).await
}

/// Admins set how much each factor counts; every account's score follows at once.
pub async fn set_health_weights(state: &AppState, current: &CurrentUser, weights: Weights) -> ApiResult<Weights> {
    current.require_team_manager()?;
    weights.check()?;
    let stored = (weights != Weights::default()).then_some(&weights);
    state.store.set_health_weights(current.org(), stored).await?;
    Ok(weights)
}

/// The least healthy accounts under `proposed` beside where they stand under the
/// weights in force (admins; nothing saved). Scored apart from the heatmap's cache,
/// which keeps the weights in force.
pub async fn preview_weights(state: &AppState, current: &CurrentUser, proposed: Weights) -> ApiResult<WeightsPreview> {
    current.require_team_manager()?;
    proposed.check()?;
    let in_force = org_weights(state, current.org()).await?;
    let churned = outcomes::churned(state, current.org()).await?;
    let records: Vec<_> = evidence::records(state, current.org())
        .await?
        .into_iter()
        .filter(|(id, record)| heatmap::in_portfolio(id, record, &churned))
        .collect();
    let now = state.now();
    // Thousands of accounts take a while: off the request threads.
    let rescored = tokio::task::spawn_blocking(move || {
        records
            .iter()
            .filter_map(|(id, record)| {
                let score = |weights: &Weights| {
                    let (_, health) = record.evidence.health_at(now, weights, record.annual_value_eur);
                    health.map(|h| (h.score, h.band))
                };
                Some(Rescored {
                    account: key_of(id),
                    name: record.name.clone(),
                    now: score(&in_force)?,
                    proposed: score(&proposed)?,
                })
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(ApiError::internal)?;
    Ok(health::preview(&rescored))
}
