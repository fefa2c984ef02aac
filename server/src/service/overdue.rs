//! Who owes what, per account: the leaders' view of follow-up that is late.
//! Customers count once their first reminder was due, team members once their
//! reminder day passed, actions once their due date passed.

use chrono::Duration;
use kaiku_core::account::PersonRef;
use kaiku_core::overdue::{OverdueAccount, OverdueAction, OverdueAnswer, OverdueRequest};

use super::accounts::{People, can_see};
use super::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::Visibility;
use crate::store::decode::Unreadable;
use crate::store::key_of;

pub async fn overdue(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<OverdueAccount>> {
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    let (schedule, follow_up) = (org.schedule()?, org.follow_up()?);
    let now = state.now();
    let today = schedule.date(now);
    let people = People::load(state, current).await?;
    let links = state.store.unanswered_links(current.org(), now).await?;
    let (requests, actions) = state.store.open_requests_and_due_actions(current.org()).await?;
    let answer_late = Duration::days(schedule.settings.first_reminder_days.into());
    let request_late = Duration::days(follow_up.remind_after_days.into());
    let mut late_requests = Vec::new();
    for request in requests.iter().filter(|r| now - r.created_at >= request_late) {
        // The answer the request is about: who the team member owes a view on.
        let contact_name = state
            .store
            .link(current.org(), &request.link)
            .await?
            .map(|link| link.contact_name)
            .unwrap_or_default();
        late_requests.push((request, contact_name));
    }
    let mut owed = Vec::new();
    for account in state.store.accounts(current.org(), Visibility::All, false).await? {
        if !can_see(current, &account) {
            continue;
        }
        let mut late_actions = Vec::new();
        for action in actions.iter().filter(|a| a.account == account.id) {
            if let Some(due) = action.due()?
                && due < today
            {
                late_actions.push(OverdueAction {
                    text: action.text.clone(),
                    owner: action.owner.as_ref().map(|o| people.person(o)),
                    due,
                });
            }
        }
        let entry = OverdueAccount {
            account: PersonRef {
                id: key_of(&account.id),
                name: account.name.clone(),
            },
            answers: links
                .iter()
                .filter(|l| l.account == account.id && now - l.sent_at >= answer_late)
                .map(|l| {
                    Ok(OverdueAnswer {
                        contact_name: l.contact_name.clone(),
                        sent_at: l.sent_at,
                        reminders_sent: l.reminders_sent()?,
                        expires_at: l.expires_at,
                    })
                })
                .collect::<Result<_, Unreadable>>()?,
            requests: late_requests
                .iter()
                .filter(|(r, _)| r.account == account.id)
                .map(|(r, contact_name)| OverdueRequest {
                    person: people.person(&r.recipient),
                    contact_name: contact_name.clone(),
                    requested_at: r.created_at,
                })
                .collect(),
            actions: late_actions,
        };
        if entry.owes_anything() {
            owed.push(entry);
        }
    }
    Ok(owed)
}
