//! The combined account view: health now and month by month, each customer answer
//! beside the team's counter-feedback on it, labels over time, expectations against
//! fulfilment, development points and what to do next — from one read of the account.

use kaiku_core::case::PastCase;
use kaiku_core::counterfeedback::CounterFeedbackView;
use kaiku_core::evidence::{HISTORY_MONTHS, Month, window};
use kaiku_core::health;
use kaiku_core::overview::{
    AccountOverview, ExpectationPoint, MonthPoint, TimelineEntry, TimelinePage, TimelineQuery, add_messages,
    add_past_cases, add_replies, development_points, labels_over_time, next_steps, page, timeline,
};
use kaiku_core::survey::{Localized, ResponseView, aspect_name};

use super::accounts::{People, visible_account};
use super::auth::CurrentUser;
use super::cases;
use super::counterfeedback::{action_view, counter_feedback_view};
use super::evidence::AccountData;
use super::health::{health_view, org_scoring};
use super::language_model;
use super::messages;
use super::surveys::answered;
use super::topics;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

pub async fn overview(state: &AppState, current: &CurrentUser, account_key: &str) -> ApiResult<AccountOverview> {
    let account = visible_account(state, current, account_key).await?;
    let (weights, probabilities) = org_scoring(state, current.org()).await?;
    let people = People::load(state, current).await?;
    let (open_case, past_cases) = cases::account_cases(state, current, &account, &people).await?;
    let data = AccountData::load(state, account).await?;
    let now = state.now();
    // The organisation's date: after midnight in Helsinki an action due yesterday is
    // overdue here as on `/overdue`, whatever the UTC date says.
    let today = state
        .store
        .org(current.org())
        .await?
        .ok_or_else(ApiError::not_found)?
        .schedule()?
        .date(now);
    let evidence = data.evidence()?;

    let signals = evidence.signals(now, &weights, HISTORY_MONTHS);
    let months = Month::last(now, HISTORY_MONTHS)
        .into_iter()
        .zip(signals.months)
        .map(|(month, values)| {
            let end = month.end().min(now);
            let (customer_view, team_view) = health::views(&evidence.inputs_at(end, window()));
            MonthPoint {
                month: month.label(),
                values,
                responses: u32::try_from(evidence.answers.iter().filter(|a| Month::of(a.at) == month).count())
                    .unwrap_or(u32::MAX),
                nps_respondents: u32::try_from(evidence.nps_scores(end, window()).len()).unwrap_or(u32::MAX),
                customer_view,
                team_view,
            }
        })
        .collect();

    let (responses, feedback) = answers_and_feedback(state, current, &data, &people).await?;
    let actions: Vec<_> = data
        .actions
        .iter()
        .map(|row| action_view(row, &people))
        .collect::<Result<_, _>>()?;
    let points = development_points(&responses, &actions);

    // Aspect names as the templates asked them when they are not built in.
    let mut asked = Vec::new();
    for round in &data.rounds {
        asked.extend(round.template()?.questions);
    }
    let expectations = evidence
        .expectations_at(now, window())
        .into_iter()
        .map(|aspect| ExpectationPoint {
            label: aspect_name(&aspect.aspect)
                .or_else(|| asked.iter().find(|q| q.id == aspect.aspect).map(|q| q.text.clone()))
                .unwrap_or_else(|| Localized::new(&aspect.aspect, &aspect.aspect)),
            aspect: aspect.aspect,
            expected: aspect.expected,
            fulfilled: aspect.fulfilled,
        })
        .collect();

    let labels = labels_over_time(&responses, &feedback);
    let timeline = whole_timeline(state, current, &data, &people, (responses, feedback), past_cases).await?;
    let first = page(timeline, &TimelineQuery::default());
    Ok(AccountOverview {
        health: health_view(&evidence, data.account.annual_value_eur, &weights, &probabilities, now),
        months,
        labels_over_time: labels,
        next_steps: next_steps(&points, &actions, now, today),
        development_points: points,
        expectations,
        timeline: first.entries,
        timeline_more: first.more,
        open_case,
    })
}

/// A page of the account's timeline: older entries, a month's, or the answers the
/// analysis is unsure of.
pub async fn timeline_page(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    query: TimelineQuery,
) -> ApiResult<TimelinePage> {
    if let Some(month) = &query.month
        && Month::parse(month).is_none()
    {
        return Err(ApiError::validation("month", "month must look like 2026-05"));
    }
    let account = visible_account(state, current, account_key).await?;
    let people = People::load(state, current).await?;
    let (_, past_cases) = cases::account_cases(state, current, &account, &people).await?;
    let data = AccountData::load(state, account).await?;
    let said = answers_and_feedback(state, current, &data, &people).await?;
    let timeline = whole_timeline(state, current, &data, &people, said, past_cases).await?;
    Ok(page(timeline, &query))
}

/// The account's answers (with the language model's proposals) and counter-feedback.
async fn answers_and_feedback(
    state: &AppState,
    current: &CurrentUser,
    data: &AccountData,
    people: &People,
) -> ApiResult<(Vec<ResponseView>, Vec<CounterFeedbackView>)> {
    let mut responses = answered(&data.links, &data.rounds)?;
    language_model::attach(state, current.org(), &data.account.id, &mut responses).await?;
    let feedback = data
        .feedback
        .iter()
        .map(|row| counter_feedback_view(row, people))
        .collect::<Result<_, _>>()?;
    Ok((responses, feedback))
}

/// Every entry of the account's timeline, newest first: answers beside counter-feedback,
/// closed cases, messages and topic owners' replies.
async fn whole_timeline(
    state: &AppState,
    current: &CurrentUser,
    data: &AccountData,
    people: &People,
    (responses, feedback): (Vec<ResponseView>, Vec<CounterFeedbackView>),
    past_cases: Vec<PastCase>,
) -> ApiResult<Vec<TimelineEntry>> {
    let account_messages = messages::on_account(state, current, &data.account).await?;
    let replies = topics::account_replies(state, current, &data.account.id, people).await?;
    let mut entries = timeline(responses, feedback);
    add_past_cases(&mut entries, past_cases);
    add_messages(&mut entries, account_messages);
    add_replies(&mut entries, replies);
    Ok(entries)
}
