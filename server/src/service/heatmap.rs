//! Leadership's heatmap: every visible account's signals now and month by month, and
//! the evidence behind one cell.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use kaiku_core::analysis::Polarity;
use kaiku_core::evidence::{HISTORY_MONTHS, Month, window};
use kaiku_core::health::{BandProbabilities, HEALTH_WINDOW_DAYS};
use kaiku_core::heatmap::{
    CellEvidence, HeatmapHistory, HeatmapRow, HeatmapView, HistoryRow, OpenCaseSignal, Quote, Signal, shorten,
};
use surrealdb::types::RecordId;

use super::accounts::{People, visible_account};
use super::auth::CurrentUser;
use super::cases;
use super::evidence::{self, AccountData, AccountRecord, Scored};
use super::health::org_scoring;
use super::outcomes;
use super::prepared::{Fingerprint, PreparedJson};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::decode::Unreadable;
use crate::store::{id_from_key, key_of};

/// Whether an account counts in the portfolio at all: neither archived nor churned
/// (`churned` as `outcomes::churned` gives it).
pub(super) fn in_portfolio(account: &RecordId, record: &AccountRecord, churned: &HashMap<String, NaiveDate>) -> bool {
    !record.archived && !churned.contains_key(&key_of(account))
}

/// The accounts the caller may see that are neither archived nor churned, with their
/// signals, and a fingerprint of everything that chose and scored them.
struct Portfolio {
    accounts: Vec<Scored>,
    probabilities: BandProbabilities,
    fingerprint: Fingerprint,
}

/// Whose heatmap: leaders and admins share one, each member sees their own accounts.
fn viewer(current: &CurrentUser) -> String {
    if current.role().sees_all_accounts() {
        "everyone".to_string()
    } else {
        key_of(&current.user.id)
    }
}

async fn portfolio(state: &AppState, current: &CurrentUser) -> ApiResult<Portfolio> {
    let org = current.org();
    let (weights, probabilities) = org_scoring(state, org).await?;
    let (scores, churned) = tokio::try_join!(evidence::scored(state, org, &weights), outcomes::churned(state, org))?;
    let fingerprint = Fingerprint::default()
        .with(&(
            key_of(org),
            viewer(current),
            scores.generation,
            &weights,
            &probabilities,
        ))?
        .with_map(&churned)?;
    let me = key_of(&current.user.id);
    let mut accounts = scores.accounts;
    accounts.retain(|s| in_portfolio(&s.account, &s.record, &churned) && s.record.visible_to(current.role(), &me));
    Ok(Portfolio {
        accounts,
        probabilities,
        fingerprint,
    })
}

pub(super) async fn visible(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<Scored>> {
    Ok(portfolio(state, current).await?.accounts)
}

/// Everything the heatmap shows, read for one request.
struct Shown {
    portfolio: Portfolio,
    people: People,
    open_cases: HashMap<String, OpenCaseSignal>,
}

async fn shown(state: &AppState, current: &CurrentUser) -> ApiResult<Shown> {
    let portfolio = portfolio(state, current).await?;
    let (people, open_cases) = tokio::try_join!(
        People::load(state, current),
        cases::open_case_signals(state, current.org())
    )?;
    Ok(Shown {
        portfolio,
        people,
        open_cases,
    })
}

impl Shown {
    /// What the heatmap is made of, hashed (taken: asked once).
    fn fingerprint(&mut self) -> ApiResult<u64> {
        Ok(std::mem::take(&mut self.portfolio.fingerprint)
            .with(&self.people.names())?
            .with_map(&self.open_cases)?
            .finish())
    }

    fn view(self, state: &AppState) -> HeatmapView {
        let (people, open_cases, probabilities) = (&self.people, &self.open_cases, self.portfolio.probabilities);
        let rows = self
            .portfolio
            .accounts
            .into_iter()
            .map(|s| {
                let record = &s.record;
                HeatmapRow {
                    account: key_of(&s.account),
                    name: record.name.clone(),
                    segments: record.segments.clone(),
                    stage: record.stage,
                    lead: record
                        .lead
                        .as_deref()
                        .map(|key| people.person(&id_from_key("user", key))),
                    annual_value_eur: record.annual_value_eur,
                    revenue_at_risk_eur: s
                        .signals
                        .current
                        .band
                        .map_or(0, |band| probabilities.revenue_at_risk(band, record.annual_value_eur)),
                    current: s.signals.current.clone(),
                    nps_counts: s.signals.nps_counts.to_vec(),
                    causes: s.signals.causes.clone(),
                    open_case: open_cases.get(&key_of(&s.account)).cloned(),
                }
            })
            .collect();
        HeatmapView {
            as_of: state.now(),
            window_days: HEALTH_WINDOW_DAYS,
            rows,
            probabilities,
        }
    }
}

/// The heatmap as its JSON answer, made once for each state of what it shows.
pub async fn heatmap_answer(state: &AppState, current: &CurrentUser) -> ApiResult<Arc<PreparedJson>> {
    let mut shown = shown(state, current).await?;
    let fingerprint = shown.fingerprint()?;
    let view = format!("heatmap of {}", viewer(current));
    state
        .prepared
        .get_or_make(&key_of(current.org()), &view, fingerprint, async || {
            Ok(shown.view(state))
        })
        .await
}

pub async fn heatmap(state: &AppState, current: &CurrentUser) -> ApiResult<HeatmapView> {
    Ok(shown(state, current).await?.view(state))
}

/// One signal month by month, as its JSON answer, made once for each state of it.
pub async fn history_answer(state: &AppState, current: &CurrentUser, signal: Signal) -> ApiResult<Arc<PreparedJson>> {
    let portfolio = portfolio(state, current).await?;
    let fingerprint = portfolio.fingerprint.with(&signal)?.finish();
    let view = format!("history of {} by {}", signal.code(), viewer(current));
    state
        .prepared
        .get_or_make(&key_of(current.org()), &view, fingerprint, async || {
            Ok(history(state, &portfolio.accounts, &portfolio.probabilities, signal))
        })
        .await
}

fn history(state: &AppState, accounts: &[Scored], probabilities: &BandProbabilities, signal: Signal) -> HeatmapHistory {
    let rows = accounts
        .iter()
        .map(|s| HistoryRow {
            account: key_of(&s.account),
            values: s
                .signals
                .months
                .iter()
                .map(|values| signal.value(values, s.record.annual_value_eur, probabilities))
                .collect(),
        })
        .collect();
    HeatmapHistory {
        signal,
        months: Month::last(state.now(), HISTORY_MONTHS)
            .iter()
            .map(|m| m.label())
            .collect(),
        rows,
    }
}

/// The end of the period a cell shows: the month's last instant, or now.
fn period_end(month: Option<&str>, now: DateTime<Utc>) -> ApiResult<(Option<Month>, DateTime<Utc>)> {
    let Some(label) = month else {
        return Ok((None, now));
    };
    let month = Month::parse(label).ok_or_else(|| ApiError::validation("month", "month must look like 2026-05"))?;
    if month > Month::of(now) {
        return Err(ApiError::validation("month", "month is still to come"));
    }
    Ok((Some(month), month.end().min(now)))
}

/// What a cell rests on: the health with its factors at the period's end, the
/// customer's most telling comment of the window and the team's note.
pub async fn cell_evidence(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    month: Option<&str>,
) -> ApiResult<CellEvidence> {
    let (month, end) = period_end(month, state.now())?;
    let account = visible_account(state, current, account_key).await?;
    let (weights, probabilities) = org_scoring(state, current.org()).await?;
    let data = AccountData::load(state, account).await?;
    let people = People::load(state, current).await?;
    let (inputs, mut health) = data.evidence()?.health_at(end, &weights, data.account.annual_value_eur);
    if let Some(health) = &mut health {
        health.price(&probabilities, data.account.annual_value_eur);
    }
    let in_window = |at: DateTime<Utc>| end - window() < at && at <= end;
    Ok(CellEvidence {
        account: key_of(&data.account.id),
        month: month.map(|m| m.label()),
        health,
        team_risk: inputs.team_risk,
        quote: telling_comment(&data, &in_window)?,
        team_note: data
            .feedback
            .iter()
            .filter(|f| in_window(f.created_at) && !f.behind_the_scenes.trim().is_empty())
            .max_by_key(|f| f.created_at)
            .map(|f| Quote {
                text: shorten(&f.behind_the_scenes),
                by: people.person(&f.author).name,
                at: f.created_at,
            }),
    })
}

/// The window's comment that says most: one that shows a churn cause, then a negative
/// one, then one with a development point, then any; the newest of its kind.
fn telling_comment(data: &AccountData, in_window: &dyn Fn(DateTime<Utc>) -> bool) -> Result<Option<Quote>, Unreadable> {
    let mut candidates = Vec::new();
    for link in &data.links {
        let Some(at) = link.answered_at.filter(|&at| in_window(at)) else {
            continue;
        };
        let analysis = link.analysis()?;
        for answer in link.answers()? {
            let Some(text) = answer.text.filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            let found = analysis.iter().find(|a| a.question_id == answer.question_id);
            let telling = found.map_or(0, |a| {
                let a = &a.analysis;
                if !a.churn_causes.is_empty() {
                    3
                } else if a.sentiment.polarity == Polarity::Negative {
                    2
                } else if !a.development_points.is_empty() {
                    1
                } else {
                    0
                }
            });
            candidates.push((telling, at, text, link.contact_name.clone()));
        }
    }
    Ok(candidates
        .into_iter()
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)))
        .map(|(_, at, text, by)| Quote {
            text: shorten(&text),
            by,
            at,
        }))
}
