//! Two years of made-up outcomes that follow each demo account's story, so the
//! Backtest page has something true to say about the demo's own history: every
//! account still served renewed about a year after its first round (thriving ones
//! grew, recovering ones shrank first); of the former accounts, most that left were
//! flagged before they went, two steady ones left without a warning (the misses), and
//! two projects simply ended as planned. All of it labelled as demo data.

use chrono::{Duration, NaiveDate};
use kaiku_core::ChurnCause;
use kaiku_core::evidence::Month;
use kaiku_core::outcome::{OutcomeInput, OutcomeKind};
use surrealdb::types::RecordId;

use super::history::{Made, Story};
use crate::service::health::org_weights;
use crate::service::{backtest, snapshots};
use crate::state::AppState;
use crate::store::outcomes::NewOutcome;

/// A renewal comes up a year after the first round.
const RENEWAL_AFTER_DAYS: i64 = 365;
/// A former account's contract ran out about a month after its last round.
const LEFT_AFTER_LAST_ROUND_DAYS: i64 = 30;

/// The outcome the story leads to, if it has happened by `today`.
fn outcome_of(made: &Made, today: NaiveDate) -> Option<OutcomeInput> {
    let value = made.annual_value_eur;
    let (kind, date, before, after, reasons, note) = match made.ended {
        None => {
            let date = (made.first + Duration::days(RENEWAL_AFTER_DAYS)).date_naive();
            match made.story {
                Story::Thriving => (
                    OutcomeKind::Expanded,
                    date,
                    value * 4 / 5,
                    value,
                    vec![],
                    "Added a second team.",
                ),
                Story::Recovering => (
                    OutcomeKind::Contracted,
                    date,
                    value * 3 / 2,
                    value,
                    vec![ChurnCause::ComplaintHandling],
                    "Scope cut after the launch problems; the customer stayed.",
                ),
                _ => (OutcomeKind::Renewed, date, value, value, vec![], ""),
            }
        }
        Some(last_round) => {
            let date = (last_round + Duration::days(LEFT_AFTER_LAST_ROUND_DAYS)).date_naive();
            match made.story {
                Story::Thriving => (
                    OutcomeKind::ProjectEnded,
                    date,
                    value,
                    0,
                    vec![],
                    "Delivered as planned.",
                ),
                // Nothing in the feedback warned of it: the budget went to an in-house team.
                Story::Steady => (
                    OutcomeKind::Churned,
                    date,
                    value,
                    0,
                    vec![ChurnCause::NeedsChanged],
                    "Their budget moved to an in-house team.",
                ),
                story => (OutcomeKind::Churned, date, value, 0, story.causes().to_vec(), ""),
            }
        }
    };
    let input = OutcomeInput {
        kind,
        date,
        revenue_before_eur: before,
        revenue_after_eur: after,
        reasons,
        note: note.to_string(),
    };
    input.check(today).is_ok().then_some(input)
}

/// Records the outcomes of `made`, stores each account's month-end snapshots up to the
/// last month (as the scheduler would have, month by month), and archives the former
/// accounts: they have left the portfolio but keep their history for the backtest.
pub async fn write(state: &AppState, org: &RecordId, admin: &RecordId, made: &[Made]) -> anyhow::Result<()> {
    let (now, today) = (state.now(), state.now().date_naive());
    let mut outcomes = Vec::new();
    let mut churned_on = Vec::new();
    for account in made {
        let outcome = outcome_of(account, today);
        churned_on.push(
            outcome
                .as_ref()
                .filter(|o| o.kind == OutcomeKind::Churned)
                .map(|o| o.date),
        );
        if let Some(input) = outcome {
            let recorded_at = input.date.and_hms_opt(12, 0, 0).map_or(now, |t| t.and_utc()).min(now);
            outcomes.push(NewOutcome {
                demo: true,
                ..NewOutcome::new(org, &account.id, &input, admin, recorded_at)?
            });
        }
    }
    state.store.create_outcomes(outcomes).await?;
    let weights = org_weights(state, org).await.map_err(|e| anyhow::anyhow!(e.message))?;
    let last = Month::of(now).previous();
    for (account, churned_on) in made.iter().zip(churned_on) {
        let row = state
            .store
            .account(org, &account.id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the account just made"))?;
        snapshots::backfill(state, row, &weights, last, churned_on)
            .await
            .map_err(|e| anyhow::anyhow!(e.message))?;
        if account.ended.is_some() {
            state.store.set_account_archived(org, &account.id, true).await?;
        }
    }
    backtest::recalibrate(state, org)
        .await
        .map_err(|e| anyhow::anyhow!(e.message))?;
    Ok(())
}
