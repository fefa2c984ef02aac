//! An account's health now: the evidence of the last [`HEALTH_WINDOW_DAYS`] gathered
//! into `kaiku_core::health::HealthInputs` and scored with the default weights.

use chrono::{DateTime, Duration, Utc};
use kaiku_core::counterfeedback::{ActionStatus, ChurnRisk};
use kaiku_core::health::{self, AccountHealthView, HEALTH_WINDOW_DAYS, HealthInputs, Weights};
use kaiku_core::survey::QuestionKind;

use super::accounts::visible_account;
use super::auth::CurrentUser;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::surveys::{LinkRow, RoundRow};

/// The NPS and rating answers of the responses that arrived after `after`, up to and
/// including `until`.
fn scores(links: &[LinkRow], rounds: &[RoundRow], after: DateTime<Utc>, until: DateTime<Utc>) -> (Vec<u32>, Vec<f64>) {
    let mut nps = Vec::new();
    let mut ratings = Vec::new();
    for link in links {
        if !link.answered_at.is_some_and(|at| after < at && at <= until) {
            continue;
        }
        let Some(template) = rounds
            .iter()
            .find(|r| r.id == link.round)
            .and_then(|r| r.template().ok())
        else {
            continue;
        };
        for answer in link.answers() {
            let kind = template
                .questions
                .iter()
                .find(|q| q.id == answer.question_id)
                .map(|q| q.kind);
            match (kind, answer.score.and_then(|s| u32::try_from(s).ok())) {
                (Some(QuestionKind::Nps), Some(score)) => nps.push(score),
                (Some(QuestionKind::Rating), Some(score)) => ratings.push(f64::from(score)),
                _ => {}
            }
        }
    }
    (nps, ratings)
}

pub async fn account_health(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
) -> ApiResult<AccountHealthView> {
    let account = visible_account(state, current, account_key).await?;
    let org = current.org();
    let now = state.now();
    let window = Duration::days(HEALTH_WINDOW_DAYS.into());
    let since = now - window;
    let links = state.store.account_links(org, &account.id).await?;
    let rounds = state.store.rounds(org, &account.id).await?;
    let feedback = state.store.account_counter_feedback(org, &account.id).await?;
    let actions = state.store.account_actions(org, &account.id).await?;

    let (nps_scores, ratings) = scores(&links, &rounds, since, now);
    let (previous_scores, _) = scores(&links, &rounds, since - window, since);
    let recent: Vec<_> = feedback.iter().filter(|f| f.created_at >= since).collect();
    // Silence counts once the customer had their chance: answered, or the link closed.
    let asked: Vec<&LinkRow> = links
        .iter()
        .filter(|l| l.sent_at >= since && (l.answered_at.is_some() || !l.is_open(now)))
        .collect();
    let today = now.date_naive();
    let open: Vec<_> = actions
        .iter()
        .filter(|a| ActionStatus::from_code(&a.status) == Some(ActionStatus::Open))
        .collect();
    let overdue = open.iter().filter(|a| a.due().is_some_and(|due| due < today)).count();
    let inputs = HealthInputs {
        nps_scores,
        ratings,
        team_health: recent.iter().filter_map(|f| u32::try_from(f.health).ok()).collect(),
        team_risk: recent
            .iter()
            .max_by_key(|f| f.created_at)
            .and_then(|f| ChurnRisk::from_code(&f.churn_risk)),
        previous_nps: health::nps(&previous_scores),
        contacts_asked: u32::try_from(asked.len()).unwrap_or(u32::MAX),
        contacts_answered: u32::try_from(asked.iter().filter(|l| l.answered_at.is_some()).count()).unwrap_or(u32::MAX),
        // Open actions stand for the development points not yet acted on.
        open_development_points: u32::try_from(open.len() - overdue).unwrap_or(u32::MAX),
        overdue_actions: u32::try_from(overdue).unwrap_or(u32::MAX),
        expectation_gap: None,
    };
    let health = health::assess(&inputs, &Weights::default(), account.annual_value_eur);
    Ok(AccountHealthView {
        window_days: HEALTH_WINDOW_DAYS,
        gap_flagged: health::gap_flagged(health.as_ref().and_then(|h| h.gap)),
        health,
    })
}
