//! What a customer does through a personal survey link: open it, answer as they go,
//! submit. No login: the link's token is the only credential, so unknown tokens are
//! rate-limited per client address (a valid link always opens: customers behind one
//! office address are not locked out by someone guessing), and every failure looks
//! the same. A submitted
//! response is analysed and the account team asked for counter-feedback at once.
//! A re-pulse's link opens here too, with its one question (`service::repulse`).

use kaiku_core::ErrorCode;
use kaiku_core::case::text_answers;
use kaiku_core::survey::{self, Answer, AnswerError, Question, SurveyPage};

use super::secrets::hash_token;
use super::throttle;
use super::{analysis, brand, cases, counterfeedback, promises, repulse, said_we_did};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::surveys::{LinkRow, RoundRow, Submission};

pub(super) fn link_invalid() -> ApiError {
    ApiError::new(
        ErrorCode::SurveyLinkInvalid,
        "this survey link has expired, has been withdrawn, or does not exist",
    )
}

pub(super) fn answer_error(err: AnswerError) -> ApiError {
    ApiError::validation(&format!("answers.{}", err.question_id), err.message())
}

struct OpenedLink {
    link: LinkRow,
    round: RoundRow,
}

/// Finds the link behind a token. Answered links still open (to show the thanks);
/// revoked, expired and unknown ones do not, and count against the address — once
/// it has tried too many, it is told to wait instead.
async fn find(state: &AppState, token: &str, client_address: &str) -> ApiResult<OpenedLink> {
    let now = state.now();
    let link = state
        .store
        .link_by_token_hash(&hash_token(token))
        .await?
        .filter(|link| link.answered_at.is_some() || link.is_open(now));
    let Some(link) = link else {
        let _counted = state
            .throttle
            .reserve(&throttle::survey_guess(client_address), now)
            .await?
            .map_err(ApiError::rate_limited)?;
        return Err(link_invalid());
    };
    let round = state
        .store
        .round(&link.org, &link.round)
        .await?
        .ok_or_else(link_invalid)?;
    Ok(OpenedLink { link, round })
}

async fn page(state: &AppState, opened: &OpenedLink) -> ApiResult<SurveyPage> {
    let template = opened.round.template()?.with_scale_ends();
    let organisation = state.store.org(&opened.link.org).await?.ok_or_else(link_invalid)?;
    Ok(SurveyPage {
        brand: brand::of(&organisation),
        organisation_name: organisation.name,
        language: opened.link.language()?,
        name: Some(template.name),
        intro: template.intro,
        questions: template.questions,
        answers: opened.link.answers()?,
        submitted: opened.link.answered_at.is_some(),
        expires_at: opened.link.expires_at,
        we_did: Vec::new(),
    })
}

pub async fn open(state: &AppState, token: &str, client_address: &str) -> ApiResult<SurveyPage> {
    if let Some(asked) = repulse::by_token(state, token).await? {
        return repulse::page(state, &asked).await;
    }
    let opened = find(state, token, client_address).await?;
    if opened.link.opened_at.is_none() {
        state.store.mark_link_opened(&opened.link.id, state.now()).await?;
    }
    let mut page = page(state, &opened).await?;
    page.we_did = said_we_did::on_survey_page(state, &opened.link).await?;
    Ok(page)
}

/// Merges the answers given since the last save into the saved ones. The new ones
/// are checked on their own first: merging drops emptied answers, and a wrong
/// question id among them must still be refused.
pub(super) fn merged_answers(
    questions: &[Question],
    saved: &[Answer],
    newer: &[Answer],
    complete: bool,
) -> ApiResult<Vec<Answer>> {
    survey::check_answers(questions, newer, false).map_err(answer_error)?;
    let answers = survey::merge_answers(saved, newer);
    survey::check_answers(questions, &answers, complete).map_err(answer_error)?;
    Ok(answers)
}

fn merged(opened: &OpenedLink, newer: &[Answer], complete: bool) -> ApiResult<Vec<Answer>> {
    merged_answers(
        &opened.round.template()?.questions,
        &opened.link.answers()?,
        newer,
        complete,
    )
}

/// Saves answers as they are given. After submission further saves change nothing
/// (a phone that was offline may still send its queue).
pub async fn save(state: &AppState, token: &str, client_address: &str, newer: Vec<Answer>) -> ApiResult<()> {
    if let Some(asked) = repulse::by_token(state, token).await? {
        return repulse::save(state, &asked, &newer).await;
    }
    let opened = find(state, token, client_address).await?;
    if opened.link.answered_at.is_some() {
        return Ok(());
    }
    let answers = merged(&opened, &newer, false)?;
    if state
        .store
        .save_link_answers(&opened.link.id, &answers, state.now())
        .await?
    {
        Ok(())
    } else {
        Err(link_invalid())
    }
}

/// Records the response once: a second submission (a double tap, a retried request)
/// answers as the first did and records nothing new.
pub async fn submit(state: &AppState, token: &str, client_address: &str, newer: Vec<Answer>) -> ApiResult<SurveyPage> {
    if let Some(asked) = repulse::by_token(state, token).await? {
        return repulse::submit(state, asked, &newer).await;
    }
    let opened = find(state, token, client_address).await?;
    if opened.link.answered_at.is_some() {
        return page(state, &opened).await;
    }
    let answers = merged(&opened, &newer, true)?;
    let template = opened.round.template()?;
    let model = analysis::model(state, &opened.link.org).await?;
    let analysed = analysis::analyse_answers(&model, &template.questions, &answers, opened.link.language()?);
    let (requests, emails) =
        counterfeedback::requests_for_response(state, &opened.link, &analysis::development_points(&analysed)).await?;
    let (breaches, promise_triggers) = promises::breaches_for_response(
        state,
        &opened.link,
        &template.questions,
        &answers,
        &text_answers(&answers),
    )
    .await?;
    let case = cases::opening_for_response(
        state,
        &opened.link,
        &template.questions,
        &answers,
        &analysed,
        promise_triggers,
    )
    .await?;
    let submission = Submission {
        link: &opened.link,
        answers: &answers,
        analysis_json: serde_json::to_string(&analysed).map_err(ApiError::internal)?,
        requests,
        emails,
        case,
        breaches,
    };
    if !state.store.submit_response(submission, state.now()).await? {
        // Either a concurrent submission won (fine) or the link closed meanwhile.
        let again = find(state, token, client_address).await?;
        return match again.link.answered_at {
            Some(_) => page(state, &again).await,
            None => Err(link_invalid()),
        };
    }
    let mut submitted = page(state, &opened).await?;
    submitted.answers = answers;
    submitted.submitted = true;
    Ok(submitted)
}
