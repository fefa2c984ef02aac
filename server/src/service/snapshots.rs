//! Month-end snapshots: after each month ends the scheduler stores every active
//! account as it stood then; an account without snapshots (an existing installation,
//! an account imported with history) is backfilled month by month from its evidence,
//! each month from what was dated by its end, back to [`HISTORY_MONTHS`].
//!
//! Two things are today's, not the month's: the organisation's weights (their earlier
//! values are not kept) and the account's annual value. The factors themselves are
//! stored, so the backtest can score them again with any weights.

use chrono::{DateTime, NaiveDate, Utc};
use kaiku_core::evidence::{HISTORY_MONTHS, Month};
use kaiku_core::health::Weights;
use kaiku_core::outcome::{AccountSnapshot, first_evidence};

use super::accounts::visible_account;
use super::auth::CurrentUser;
use super::backtest;
use super::evidence::AccountData;
use super::health::org_weights;
use super::outcomes;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::{AccountRow, Visibility};
use crate::store::key_of;

/// The months an account lacks, oldest first: from its first evidence (at most
/// [`HISTORY_MONTHS`] back) through `last`, and at least `last` itself; none after
/// the month it churned in.
fn missing_months(
    first: Option<DateTime<Utc>>,
    last: Month,
    taken: &[String],
    churned_on: Option<NaiveDate>,
) -> Vec<Month> {
    let earliest = Month::last(last.end(), HISTORY_MONTHS)[0];
    let start = first.map_or(last, |at| Month::of(at).max(earliest)).min(last);
    let mut months = Vec::new();
    let mut month = start;
    while month <= last {
        let after_churn = churned_on.is_some_and(|date| month.start().date_naive() > date);
        if !after_churn && !taken.contains(&month.label()) {
            months.push(month);
        }
        month = month.next();
    }
    months
}

/// One pass of the scheduler's job: up to `budget` accounts still lacking the month
/// that ended last get it, with any earlier months they lack. Returns the accounts done.
pub async fn take_due(state: &AppState, budget: u32) -> ApiResult<u32> {
    let last = Month::of(state.now()).previous();
    let mut done = 0;
    for org in state.store.all_orgs().await? {
        if done >= budget {
            break;
        }
        let taken = state.store.snapshotted_accounts(&org.id, &last.label()).await?;
        let churned = outcomes::churned(state, &org.id).await?;
        let due: Vec<_> = state
            .store
            .accounts(&org.id, Visibility::All, false)
            .await?
            .into_iter()
            .filter(|a| !taken.contains(&a.id))
            // Gone before the month began: nothing to snapshot any more.
            .filter(|a| {
                churned
                    .get(&key_of(&a.id))
                    .is_none_or(|&date| date >= last.start().date_naive())
            })
            .collect();
        if due.is_empty() {
            continue;
        }
        let weights = match org_weights(state, &org.id).await {
            Ok(weights) => weights,
            Err(e) => {
                tracing::warn!(org = %key_of(&org.id), error = %e.message, "snapshots skipped: weights unreadable");
                continue;
            }
        };
        for account in due {
            if done >= budget {
                break;
            }
            let churned_on = churned.get(&key_of(&account.id)).copied();
            backfill(state, account, &weights, last, churned_on).await?;
            done += 1;
        }
        // The new month's snapshots can change which band each outcome had before it.
        backtest::recalibrate(state, &org.id).await?;
    }
    Ok(done)
}

/// Stores the month-end snapshots `account` lacks through `last`, none after the month
/// it churned in. An account whose evidence cannot be read is skipped (logged where it
/// was found), so the others go on.
pub async fn backfill(
    state: &AppState,
    account: AccountRow,
    weights: &Weights,
    last: Month,
    churned_on: Option<NaiveDate>,
) -> ApiResult<()> {
    let key = key_of(&account.id);
    let months_taken = state.store.snapshot_months(&account.org, &account.id).await?;
    let data = AccountData::load(state, account).await?;
    let Ok(evidence) = data.evidence() else {
        return Ok(());
    };
    let snapshots: Vec<AccountSnapshot> = missing_months(first_evidence(&evidence), last, &months_taken, churned_on)
        .into_iter()
        .map(|month| AccountSnapshot::at(key.clone(), month, &evidence, weights, data.account.annual_value_eur))
        .collect();
    state
        .store
        .add_snapshots(&data.account.org, &data.account.id, &snapshots, state.now())
        .await?;
    Ok(())
}

/// `GET /accounts/{id}/snapshots`: the account's month-end snapshots, oldest first.
pub async fn account_snapshots(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<Vec<AccountSnapshot>> {
    let account = visible_account(state, current, key).await?;
    state
        .store
        .snapshots(current.org(), Some(vec![account.id]))
        .await?
        .iter()
        .map(|row| row.snapshot().map_err(ApiError::from))
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn missing_months_run_from_the_first_evidence_and_skip_what_is_taken() {
        let last = Month::parse("2026-10").unwrap();
        let first = Utc.with_ymd_and_hms(2026, 7, 14, 0, 0, 0).unwrap();
        let labels = |months: Vec<Month>| months.into_iter().map(Month::label).collect::<Vec<_>>();
        assert_eq!(
            labels(missing_months(Some(first), last, &["2026-08".into()], None)),
            ["2026-07", "2026-09", "2026-10"]
        );
        assert_eq!(labels(missing_months(None, last, &[], None)), ["2026-10"]);
        let long_ago = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(missing_months(Some(long_ago), last, &[], None).len(), HISTORY_MONTHS);
        let churned = chrono::NaiveDate::from_ymd_opt(2026, 8, 20);
        assert_eq!(
            labels(missing_months(Some(first), last, &[], churned)),
            ["2026-07", "2026-08"]
        );
    }
}
