//! The re-pulse: some days after a case closes, the contact whose answer opened it is
//! asked once, on the survey page, whether it is resolved for them (a scheduler job,
//! each case round once, recorded). The question is a survey: a contact who opted out
//! of surveys is not asked. "No" or "partly" reopens the case, or joins the account's
//! other open case, and tells its owner; "yes" counts as recovered.

use chrono::Duration;
use kaiku_core::Lang;
use kaiku_core::case::{self, RepulseReply};
use kaiku_core::survey::{Answer, SurveyPage};

use super::secrets::hash_token;
use super::survey_page::{answer_error, link_invalid, merged_answers};
use super::{brand, cases, message_links};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::repulse::{AnswerRepulseError, NewRepulse, RepulseRow};

/// Sends the re-pulses that are due, at most `budget` cases per pass. A case whose
/// contact is gone or opted out is recorded as dealt with, without a message.
pub async fn send_due(state: &AppState, budget: u32) -> ApiResult<u32> {
    let now = state.now();
    let before = now - Duration::days(case::REPULSE_AFTER_DAYS);
    let mut done = 0;
    for due in state.store.cases_due_for_repulse(before, budget).await? {
        let contact = state
            .store
            .repulse_contact(&due)
            .await?
            .filter(|c| c.opted_out_at.is_none());
        let new = match contact {
            Some(contact) => {
                let Some(organisation) = state.store.org(&due.org).await? else {
                    continue;
                };
                let Some(lang) = Lang::from_tag(&contact.language) else {
                    tracing::warn!(contact = %crate::store::key_of(&contact.contact), "unreadable contact language");
                    continue;
                };
                let email = case::repulse_email(lang, &organisation.name, &contact.name, message_links::REPULSE_LINK)
                    .with_opt_out(lang, message_links::OPT_OUT_LINK);
                Some(NewRepulse {
                    contact,
                    expires_at: now + Duration::days(case::REPULSE_OPEN_DAYS),
                    subject: email.subject,
                    body: email.body,
                })
            }
            None => None,
        };
        if state.store.record_repulse(&due, new, now).await? {
            done += 1;
        }
    }
    Ok(done)
}

/// The re-pulse behind a token: open ones, and answered ones (to show the thanks).
pub async fn by_token(state: &AppState, token: &str) -> ApiResult<Option<RepulseRow>> {
    let now = state.now();
    Ok(state
        .store
        .repulse_by_token_hash(&hash_token(token))
        .await?
        .filter(|r| r.answered_at.is_some() || r.is_open(now)))
}

pub async fn page(state: &AppState, repulse: &RepulseRow) -> ApiResult<SurveyPage> {
    let organisation = state.store.org(&repulse.org).await?.ok_or_else(link_invalid)?;
    Ok(SurveyPage {
        brand: brand::of(&organisation),
        intro: case::repulse_intro(&organisation.name),
        name: Some(case::repulse_name()),
        organisation_name: organisation.name,
        language: repulse.language()?,
        questions: case::repulse_questions(),
        answers: repulse.answers()?,
        submitted: repulse.answered_at.is_some(),
        expires_at: repulse.expires_at,
        we_did: Vec::new(),
    })
}

/// Saves answers as they are given; after the answer further saves change nothing.
pub async fn save(state: &AppState, repulse: &RepulseRow, newer: &[Answer]) -> ApiResult<()> {
    if repulse.answered_at.is_some() {
        return Ok(());
    }
    let answers = merged_answers(&case::repulse_questions(), &repulse.answers()?, newer, false)?;
    // Answered meanwhile (another tab): the answer stands, nothing to save.
    let _still_open = state.store.save_repulse_answers(&repulse.id, &answers).await?;
    Ok(())
}

/// Records the answer once: a second one (a double tap, a change of mind) answers as
/// the first did and records nothing new, as a submitted survey does.
pub async fn submit(state: &AppState, repulse: RepulseRow, newer: &[Answer]) -> ApiResult<SurveyPage> {
    if repulse.answered_at.is_some() {
        return page(state, &repulse).await;
    }
    let answers = merged_answers(&case::repulse_questions(), &repulse.answers()?, newer, true)?;
    let reply = RepulseReply::from_answers(&answers).map_err(answer_error)?;
    let case = state
        .store
        .case(&repulse.org, &repulse.customer_case)
        .await?
        .ok_or_else(link_invalid)?;
    // The account's cases may change between deciding and recording; decide again once.
    let mut attempts = 0;
    loop {
        attempts += 1;
        let not_resolved = if reply.resolved.reopens() {
            Some(cases::repulse_not_resolved(state, &case, &repulse, &reply).await?)
        } else {
            None
        };
        match state
            .store
            .answer_repulse(&repulse, &case, &answers, &reply, not_resolved, state.now())
            .await
        {
            Ok(()) => break,
            Err(AnswerRepulseError::Answered) => {
                let again = reloaded(state, &repulse).await?;
                return page(state, &again).await;
            }
            Err(AnswerRepulseError::CaseMoved) if attempts < 2 => continue,
            Err(AnswerRepulseError::CaseMoved) => {
                return Err(ApiError::internal(
                    "the case kept changing while the answer was recorded",
                ));
            }
            Err(AnswerRepulseError::Db(e)) => return Err(e.into()),
        }
    }
    let mut submitted = page(state, &repulse).await?;
    submitted.answers = answers;
    submitted.submitted = true;
    Ok(submitted)
}

async fn reloaded(state: &AppState, repulse: &RepulseRow) -> ApiResult<RepulseRow> {
    state
        .store
        .repulses_of_case(&repulse.org, &repulse.customer_case)
        .await?
        .into_iter()
        .find(|r| r.id == repulse.id)
        .ok_or_else(link_invalid)
}
