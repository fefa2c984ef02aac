//! Counter-feedback: who is asked when a customer answers, the request list, the
//! counter-feedback and actions of an account, and the follow-up of open requests.

use std::collections::HashMap;

use kaiku_core::Role;
use kaiku_core::counterfeedback::{
    ActionSource, ActionView, CounterFeedbackRequestView, CounterFeedbackView, FollowUp, FollowUpSettings, RequestList,
    due_follow_up,
};
use surrealdb::types::RecordId;

use super::accounts::{People, can_see, visible_account};
use super::auth::CurrentUser;
use super::mail::{self, RequestContext};
use super::surveys::response_view;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::AccountRow;
use crate::store::counterfeedback::{ActionRow, CounterFeedbackRow, Email, NewRequest, RequestRow};
use crate::store::decode::Unreadable;
use crate::store::surveys::LinkRow;
use crate::store::users::UserRow;
use crate::store::{id_from_key, key_of};

fn request_url(state: &AppState, id: &RecordId) -> String {
    format!("{}/requests/{}", state.config.public_url, key_of(id))
}

/// The account's lead and team, once each, as the organisation's active users.
fn account_team<'a>(account: &AccountRow, users: &'a [UserRow]) -> Vec<&'a UserRow> {
    let mut members: Vec<&RecordId> = Vec::new();
    for id in account.lead.iter().chain(&account.team) {
        if !members.contains(&id) {
            members.push(id);
        }
    }
    members
        .into_iter()
        .filter_map(|id| users.iter().find(|u| &u.id == id && u.active))
        .collect()
}

/// One request (and its email) per active member of the account team.
pub async fn requests_for_response(
    state: &AppState,
    link: &LinkRow,
    development_points: &[String],
) -> ApiResult<(Vec<NewRequest>, Vec<Email>)> {
    let now = state.now();
    let account = state
        .store
        .account(&link.org, &link.account)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let users = state.store.users(&link.org).await?;
    let mut requests = Vec::new();
    let mut emails = Vec::new();
    for member in account_team(&account, &users) {
        let request = NewRequest::new(link, &member.id, now);
        let url = request_url(state, &request.id);
        let context = RequestContext {
            account: &account.name,
            contact: &link.contact_name,
            link: &url,
        };
        let message = mail::counter_feedback_request(member.language(), &context, development_points);
        emails.push(Email {
            recipient: member.email.clone(),
            subject: message.subject,
            body: message.body,
        });
        requests.push(request);
    }
    Ok((requests, emails))
}

async fn request_view(
    state: &AppState,
    request: &RequestRow,
    account: &AccountRow,
) -> ApiResult<CounterFeedbackRequestView> {
    let link = state
        .store
        .link(&request.org, &request.link)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let round = state
        .store
        .round(&request.org, &link.round)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let response = response_view(&link, &round)?;
    let development_points = super::analysis::development_points(&response.analysis);
    // Newest first from the store; colleagues are named in the order they answered.
    let people = People::of_org(state, &request.org).await?;
    let mut answered_by: Vec<_> = state
        .store
        .account_counter_feedback(&request.org, &account.id)
        .await?
        .iter()
        .rev()
        .filter(|cf| cf.link.as_ref() == Some(&request.link) && cf.author != request.recipient)
        .map(|cf| people.person(&cf.author))
        .collect();
    answered_by.dedup();
    Ok(CounterFeedbackRequestView {
        id: key_of(&request.id),
        account: kaiku_core::account::PersonRef {
            id: key_of(&account.id),
            name: account.name.clone(),
        },
        response,
        development_points,
        created_at: request.created_at,
        reminded_at: request.reminded_at,
        escalated_at: request.escalated_at,
        answered_at: request.answered_at,
        answered_by,
    })
}

/// The caller's unanswered requests on accounts they still see, newest first.
pub async fn open_requests(state: &AppState, current: &CurrentUser) -> ApiResult<RequestList> {
    let rows = state.store.open_requests_for(current.org(), &current.user.id).await?;
    let mut open = Vec::new();
    for row in rows {
        let Some(account) = state.store.account(current.org(), &row.account).await? else {
            continue;
        };
        if can_see(current, &account) && !account.archived {
            open.push(request_view(state, &row, &account).await?);
        }
    }
    Ok(RequestList { open })
}

/// One request, for its recipient or anyone who sees the account (the lead follows
/// the escalation email's link here).
pub async fn request(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<CounterFeedbackRequestView> {
    let row = state
        .store
        .request(current.org(), &id_from_key("cf_request", key))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let account = visible_account(state, current, &key_of(&row.account)).await?;
    request_view(state, &row, &account).await
}

pub fn counter_feedback_view(row: &CounterFeedbackRow, people: &People) -> Result<CounterFeedbackView, Unreadable> {
    Ok(CounterFeedbackView {
        id: key_of(&row.id),
        account: key_of(&row.account),
        request: row.request.as_ref().map(key_of),
        response: row.link.as_ref().map(key_of),
        author: people.person(&row.author),
        health: row.health()?,
        churn_risk: row.churn_risk()?,
        churn_causes: row.churn_causes()?,
        behind_the_scenes: row.behind_the_scenes.clone(),
        changes: row.changes.clone(),
        further_needs: row.further_needs.clone(),
        notes: row.notes.clone(),
        fulfilment: row.fulfilment()?,
        created_at: row.created_at,
    })
}

pub fn action_view(row: &ActionRow, people: &People) -> Result<ActionView, Unreadable> {
    Ok(ActionView {
        id: key_of(&row.id),
        account: key_of(&row.account),
        text: row.text.clone(),
        owner: row.owner.as_ref().map(|owner| people.person(owner)),
        due: row.due()?,
        status: row.status()?,
        revision: row.revision()?,
        created_by: people.person(&row.created_by),
        created_at: row.created_at,
        updated_at: row.updated_at,
        source: row
            .source_link
            .as_ref()
            .zip(row.source_point.as_ref())
            .map(|(link, point)| ActionSource {
                link_id: key_of(link),
                point: point.clone(),
            }),
    })
}

/// The account's counter-feedback, newest first.
pub async fn account_counter_feedback(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
) -> ApiResult<Vec<CounterFeedbackView>> {
    let account = visible_account(state, current, account_key).await?;
    let people = People::load(state, current).await?;
    let rows = state.store.account_counter_feedback(current.org(), &account.id).await?;
    Ok(rows
        .iter()
        .map(|row| counter_feedback_view(row, &people))
        .collect::<Result<_, _>>()?)
}

/// The account's actions: open ones first, by due date.
pub async fn account_actions(state: &AppState, current: &CurrentUser, account_key: &str) -> ApiResult<Vec<ActionView>> {
    let account = visible_account(state, current, account_key).await?;
    let people = People::load(state, current).await?;
    let rows = state.store.account_actions(current.org(), &account.id).await?;
    Ok(rows
        .iter()
        .map(|row| action_view(row, &people))
        .collect::<Result<_, _>>()?)
}

pub async fn follow_up_settings(state: &AppState, current: &CurrentUser) -> ApiResult<FollowUpSettings> {
    let organisation = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    Ok(organisation.follow_up()?)
}

/// Admins set when unanswered requests are reminded and escalated.
pub async fn set_follow_up_settings(
    state: &AppState,
    current: &CurrentUser,
    settings: FollowUpSettings,
) -> ApiResult<FollowUpSettings> {
    current.require_team_manager()?;
    settings.validate()?;
    state.store.set_follow_up(current.org(), &settings).await?;
    Ok(settings)
}

/// What one follow-up pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpRun {
    pub reminded: usize,
    pub escalated: usize,
}

/// Who hears about an overdue request: the account lead, or when the account has no
/// active lead, the organisation's admins.
fn escalation_recipients<'a>(account: &AccountRow, users: &'a [UserRow]) -> Vec<&'a UserRow> {
    let lead = account
        .lead
        .as_ref()
        .and_then(|lead| users.iter().find(|u| &u.id == lead && u.active));
    match lead {
        Some(lead) => vec![lead],
        None => users.iter().filter(|u| u.active && u.role() == Role::Admin).collect(),
    }
}

/// Reminds and escalates every open request that is due, each step once. Safe to run
/// again at any time: a step already taken is not repeated.
pub async fn follow_up(state: &AppState) -> ApiResult<FollowUpRun> {
    let now = state.now();
    let mut run = FollowUpRun::default();
    // Settings and people per organisation, by its key, loaded once per pass.
    let mut orgs: HashMap<String, (Option<FollowUpSettings>, Vec<UserRow>)> = HashMap::new();
    for request in state.store.all_open_requests().await? {
        let org_key = key_of(&request.org);
        if !orgs.contains_key(&org_key) {
            let Some(organisation) = state.store.org(&request.org).await? else {
                continue;
            };
            let users = state.store.users(&request.org).await?;
            // Days that do not read (logged) leave the organisation's requests as they are.
            orgs.insert(org_key.clone(), (organisation.follow_up().ok(), users));
        }
        let (Some(settings), users) = &orgs[&org_key] else {
            continue;
        };
        let Some(step) = due_follow_up(
            request.created_at,
            request.reminded_at,
            request.escalated_at,
            now,
            settings,
        ) else {
            continue;
        };
        let (Some(account), Some(link)) = (
            state.store.account(&request.org, &request.account).await?,
            state.store.link(&request.org, &request.link).await?,
        ) else {
            continue;
        };
        let Some(recipient) = users.iter().find(|u| u.id == request.recipient) else {
            continue;
        };
        let url = request_url(state, &request.id);
        let context = RequestContext {
            account: &account.name,
            contact: &link.contact_name,
            link: &url,
        };
        let (escalate, emails) = match step {
            FollowUp::Remind => {
                let message = mail::request_reminder(recipient.language(), &context);
                (false, vec![(recipient.email.clone(), message)])
            }
            FollowUp::Escalate => {
                let emails = escalation_recipients(&account, users)
                    .into_iter()
                    .map(|to| {
                        let message = mail::request_escalation(
                            to.language(),
                            &context,
                            &recipient.name,
                            settings.escalate_after_days,
                        );
                        (to.email.clone(), message)
                    })
                    .collect();
                (true, emails)
            }
        };
        let emails = emails
            .into_iter()
            .map(|(recipient, message)| Email {
                recipient,
                subject: message.subject,
                body: message.body,
            })
            .collect();
        if state.store.record_follow_up(&request, escalate, emails, now).await? {
            if escalate {
                run.escalated += 1;
            } else {
                run.reminded += 1;
            }
        }
    }
    Ok(run)
}
