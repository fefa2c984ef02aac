//! The optional language-model adapter: admins point it at an OpenAI-compatible chat
//! endpoint; a scheduler job, after the response is committed, asks the model about
//! each analysed answer and stores its proposals beside the deterministic analysis;
//! team members accept a proposed label (an ordinary correction, so the
//! organisation's model learns it) or dismiss it. Nothing here can fail or slow a
//! customer's submit, and the API key goes nowhere but the endpoint's
//! `Authorization` header.

use std::time::Duration as StdDuration;

use chrono::Duration;
use kaiku_core::analysis::{ThemeDef, builtin_themes};
use kaiku_core::api::CorrectionRequest;
use kaiku_core::language_model::{
    self as rules, AnswerProposal, LanguageModelConnection, LanguageModelInput, LanguageModelView, ProposalDecision,
    ProposalOutcome, ProposalStatus,
};
use kaiku_core::survey::ResponseView;
use surrealdb::types::RecordId;

use super::analysis;
use super::auth::CurrentUser;
use super::surveys::team_link;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::key_of;
use crate::store::language_model::LanguageModelRow;
use crate::store::surveys::LinkRow;

/// Responses older than this when the job first sees them are not sent: after a
/// long outage the model catches up on the last week, not on everything.
const LOOK_BACK_DAYS: i64 = 7;
/// Calls per organisation and pass; with the longest timeout a pass stays inside
/// the scheduler's lease.
const RESPONSES_PER_PASS: usize = 4;
/// A reply larger than this is not read.
const REPLY_MAX_BYTES: u64 = 256 * 1024;

pub async fn settings(state: &AppState, current: &CurrentUser) -> ApiResult<LanguageModelView> {
    let row = state.store.language_model(current.org()).await?;
    let enabled = row.as_ref().is_some_and(|r| r.enabled);
    if !current.role().can_manage_team() {
        return Ok(LanguageModelView {
            enabled,
            connection: None,
        });
    }
    let connection = match row {
        Some(row) => LanguageModelConnection {
            base_url: row.base_url,
            model: row.model,
            timeout_secs: u32::try_from(row.timeout_secs).unwrap_or(rules::DEFAULT_TIMEOUT_SECS),
            api_key_set: row.api_key.is_some(),
        },
        None => {
            let off = LanguageModelInput::disabled();
            LanguageModelConnection {
                base_url: off.base_url,
                model: off.model,
                timeout_secs: off.timeout_secs,
                api_key_set: false,
            }
        }
    };
    Ok(LanguageModelView {
        enabled,
        connection: Some(connection),
    })
}

/// Admins turn the adapter on or off and say how the endpoint is reached.
pub async fn set_settings(
    state: &AppState,
    current: &CurrentUser,
    mut input: LanguageModelInput,
) -> ApiResult<LanguageModelView> {
    current.require_team_manager()?;
    input.check()?;
    if input.base_url.trim().starts_with("https://") {
        // This build's HTTP client has no TLS; a key must not go out over plain text
        // to a remote host either, so only local http endpoints are accepted.
        return Err(ApiError::validation(
            "base_url",
            "https endpoints are not supported yet; use an http endpoint on your own network",
        ));
    }
    input.api_key = input.api_key.filter(|key| !key.trim().is_empty());
    state
        .store
        .set_language_model(current.org(), &input, state.now())
        .await?;
    settings(state, current).await
}

/// Accepts (as a correction) or dismisses one proposed label of a response.
pub async fn decide(
    state: &AppState,
    current: &CurrentUser,
    link_key: &str,
    decision: ProposalDecision,
) -> ApiResult<ProposalOutcome> {
    let link = team_link(state, current, link_key).await?;
    let row = state
        .store
        .proposals(current.org(), &link.id)
        .await?
        .ok_or_else(|| unknown_proposal("question_id"))?;
    let mut proposals = row.proposals()?;
    let proposal = proposals
        .iter_mut()
        .find(|p| p.question_id == decision.question_id)
        .ok_or_else(|| unknown_proposal("question_id"))?;
    let label = proposal
        .label_mut(decision.kind, &decision.label)
        .ok_or_else(|| unknown_proposal("label"))?;
    if label.status != ProposalStatus::Open {
        return Err(ApiError::validation("label", "this proposal was already decided"));
    }
    label.status = if decision.accept {
        ProposalStatus::Accepted
    } else {
        ProposalStatus::Dismissed
    };
    let proposal = proposal.clone();
    let analysis = if decision.accept {
        let request = CorrectionRequest {
            question_id: decision.question_id,
            kind: decision.kind,
            label: decision.label,
            present: true,
        };
        analysis::correct(state, current, link_key, request, Some(&proposals)).await?
    } else {
        let analysis = link
            .analysis()?
            .into_iter()
            .find(|a| a.question_id == decision.question_id)
            .ok_or_else(|| unknown_proposal("question_id"))?;
        state
            .store
            .update_proposals(current.org(), &link.id, &proposals)
            .await?;
        analysis
    };
    Ok(ProposalOutcome { proposal, analysis })
}

fn unknown_proposal(field: &str) -> ApiError {
    ApiError::validation(field, "the language model proposed no such label for this response")
}

/// Puts each response's proposals beside its analysis.
pub async fn attach(
    state: &AppState,
    org: &RecordId,
    account: &RecordId,
    responses: &mut [ResponseView],
) -> ApiResult<()> {
    let rows = state.store.account_proposals(org, account).await?;
    for row in rows {
        let key = key_of(&row.link);
        if let Some(response) = responses.iter_mut().find(|r| r.link_id == key) {
            response.proposals = row.proposals()?;
        }
    }
    Ok(())
}

/// The scheduler job: for each organisation that turned the adapter on, the
/// responses that arrived since then (and within the look-back) are put to the
/// model, a few per pass. A response whose replies held nothing usable (or could
/// not be read) is recorded with no proposals; an endpoint that cannot be reached,
/// times out or answers with an HTTP error leaves that response and the rest of the
/// organisation's for a later pass.
pub async fn propose_due(state: &AppState) -> ApiResult<u32> {
    let now = state.now();
    let mut done = 0;
    for settings in state.store.enabled_language_models().await? {
        let since = settings
            .enabled_at
            .unwrap_or(now)
            .max(now - Duration::days(LOOK_BACK_DAYS));
        let links = state
            .store
            .links_awaiting_proposals(&settings.org, since, RESPONSES_PER_PASS)
            .await?;
        if links.is_empty() {
            continue;
        }
        let themes = match org_themes(state, &settings.org).await {
            Ok(themes) => themes,
            Err(_) => {
                tracing::warn!(org = %key_of(&settings.org), "language model: the organisation's themes are unreadable");
                continue;
            }
        };
        for link in links {
            match propose_for(&settings, &themes, &link).await {
                Ok(proposals) => {
                    state.store.save_proposals(&link, &proposals, now).await?;
                    done += 1;
                }
                Err(failure) => {
                    tracing::warn!(
                        org = %key_of(&settings.org),
                        link = %key_of(&link.id),
                        %failure,
                        "language model: no proposals"
                    );
                    if failure.is_worth_retrying() {
                        // The endpoint is down, slow or refusing: the rest waits too.
                        break;
                    }
                    // Asking again would go the same way; it must not hold up the rest.
                    state.store.save_proposals(&link, &[], now).await?;
                    done += 1;
                }
            }
        }
    }
    Ok(done)
}

async fn org_themes(state: &AppState, org: &RecordId) -> ApiResult<Vec<ThemeDef>> {
    let organisation = state.store.org(org).await?.ok_or_else(ApiError::not_found)?;
    let custom = organisation.themes()?;
    let mut themes = builtin_themes();
    themes.retain(|t| !custom.iter().any(|c| c.key == t.key));
    themes.extend(custom);
    Ok(themes)
}

/// Asks about every analysed answer of one response.
async fn propose_for(
    settings: &LanguageModelRow,
    themes: &[ThemeDef],
    link: &LinkRow,
) -> Result<Vec<AnswerProposal>, Failure> {
    let analyses = link.analysis().map_err(|_| Failure::Unreadable)?;
    let answers = link.answers().map_err(|_| Failure::Unreadable)?;
    let lang = link.language().map_err(|_| Failure::Unreadable)?;
    let mut proposals = Vec::new();
    for analysed in &analyses {
        let Some(text) = answers
            .iter()
            .find(|a| a.question_id == analysed.question_id)
            .and_then(|a| a.text.clone())
        else {
            continue;
        };
        let body = rules::chat_request(&settings.model, &text, lang, themes);
        let reply = call(settings, body).await?;
        let knows = |key: &str| themes.iter().any(|t| t.key == key);
        if let Some(proposal) = rules::read_reply(&analysed.question_id, &reply, knows) {
            proposals.push(proposal);
        }
    }
    Ok(proposals)
}

/// Why a call gave nothing; worded for the log, never carrying the key, the
/// endpoint's body or the customer's words.
#[derive(Debug)]
enum Failure {
    TimedOut,
    Unreachable,
    Status(u16),
    /// The stored response, or the endpoint's reply, could not be read.
    Unreadable,
}

impl Failure {
    fn is_worth_retrying(&self) -> bool {
        !matches!(self, Failure::Unreadable)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::TimedOut => write!(f, "the endpoint did not answer in time"),
            Failure::Unreachable => write!(f, "the endpoint could not be reached"),
            Failure::Status(status) => write!(f, "the endpoint answered with HTTP status {status}"),
            Failure::Unreadable => write!(f, "the stored response or the reply could not be read"),
        }
    }
}

/// One chat completion, on a blocking thread (ureq), bounded by the admin's timeout.
async fn call(settings: &LanguageModelRow, body: serde_json::Value) -> Result<String, Failure> {
    let url = rules::completions_url(&settings.base_url);
    let key = settings.api_key.clone();
    let timeout = StdDuration::from_secs(u64::try_from(settings.timeout_secs.clamp(1, 30)).unwrap_or(10));
    tokio::task::spawn_blocking(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let mut request = agent.post(&url).header("Accept", "application/json");
        if let Some(key) = key {
            request = request.header("Authorization", format!("Bearer {key}"));
        }
        let mut response = request.send_json(&body).map_err(|e| match e {
            ureq::Error::Timeout(_) => Failure::TimedOut,
            _ => Failure::Unreachable,
        })?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(Failure::Status(status));
        }
        response
            .body_mut()
            .with_config()
            .limit(REPLY_MAX_BYTES)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::Timeout(_) => Failure::TimedOut,
                _ => Failure::Unreadable,
            })
    })
    .await
    .map_err(|_| Failure::Unreachable)?
}
