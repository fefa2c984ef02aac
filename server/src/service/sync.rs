//! Applies the mutations devices send (see `kaiku_core::sync`): in the order given,
//! each client id once, conflicts reported with the server's version. A mutation that
//! can never apply (no access, invalid) is rejected on its own; a database failure
//! fails the whole request so the device sends it again.

use kaiku_core::counterfeedback::{ActionEdit, ActionSource, ActionStatus, CounterFeedbackInput, NewAction, client_id};
use kaiku_core::survey::builtin_aspects;
use kaiku_core::sync::{BATCH_MAX, Mutation, MutationKind, MutationResult, Outcome, SyncRequest, SyncResponse};
use surrealdb::types::RecordId;

use super::accounts::{People, visible_account};
use super::auth::CurrentUser;
use super::counterfeedback::action_view;
use super::{cases, messages, promises};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::counterfeedback::{ActionChange, ActionRow, AppliedMutation, CounterFeedbackRow, EditError};
use crate::store::{id_from_key, key_of, new_id, to_json};

pub async fn apply(state: &AppState, current: &CurrentUser, request: SyncRequest) -> ApiResult<SyncResponse> {
    if request.mutations.len() > BATCH_MAX {
        return Err(ApiError::validation(
            "mutations",
            format!("at most {BATCH_MAX} mutations per request"),
        ));
    }
    let mut results = Vec::with_capacity(request.mutations.len());
    for mutation in request.mutations {
        let id = mutation.id.clone();
        let result = match apply_one(state, current, mutation).await {
            Ok(result) => result,
            Err(err) if err.status().is_server_error() => return Err(err),
            Err(err) => result(&id, Outcome::Rejected, None, Some(err)),
        };
        results.push(result);
    }
    Ok(SyncResponse { results })
}

fn result(
    id: &str,
    outcome: Outcome,
    current: Option<kaiku_core::counterfeedback::ActionView>,
    error: Option<ApiError>,
) -> MutationResult {
    MutationResult {
        id: id.to_string(),
        outcome,
        current,
        error: error.map(|e| e.body().error),
    }
}

fn missing(field: &str) -> ApiError {
    ApiError::validation(field, format!("{field} is required for this kind of mutation"))
}

async fn apply_one(state: &AppState, current: &CurrentUser, mutation: Mutation) -> ApiResult<MutationResult> {
    client_id("id", &mutation.id)?;
    let applied = state.store.applied_mutation(current.org(), &mutation.id).await?;
    match mutation.kind {
        MutationKind::SubmitCounterFeedback => {
            if applied.is_some() {
                return Ok(result(&mutation.id, Outcome::AlreadyApplied, None, None));
            }
            let input = mutation.counter_feedback.ok_or_else(|| missing("counter_feedback"))?;
            submit_counter_feedback(state, current, &mutation.id, input).await
        }
        MutationKind::EditAction => {
            let edit = mutation.action_edit.ok_or_else(|| missing("action_edit"))?;
            if applied.is_some() {
                let current_action = action(state, current, &edit.action).await?;
                return Ok(result(
                    &mutation.id,
                    Outcome::AlreadyApplied,
                    Some(current_action),
                    None,
                ));
            }
            edit_action(state, current, &mutation.id, edit).await
        }
        MutationKind::CreateAction => {
            if applied.is_some() {
                return Ok(result(&mutation.id, Outcome::AlreadyApplied, None, None));
            }
            let input = mutation.new_action.ok_or_else(|| missing("new_action"))?;
            create_action(state, current, &mutation.id, input).await
        }
        MutationKind::CaseStep => {
            if applied.is_some() {
                return Ok(result(&mutation.id, Outcome::AlreadyApplied, None, None));
            }
            let step = mutation.case_step.ok_or_else(|| missing("case_step"))?;
            let record = id_from_key("customer_case", &step.case_id);
            let applied = self::applied(current, &mutation.id, "case_step", &record, state.now());
            let outcome = match cases::take_step(state, current, &step.case_id, step.step, Some(applied)).await? {
                cases::StepTaken::Now => Outcome::Applied,
                cases::StepTaken::Before => Outcome::AlreadyApplied,
            };
            Ok(result(&mutation.id, outcome, None, None))
        }
        MutationKind::PostMessage => {
            let posted = mutation.message.ok_or_else(|| missing("message"))?;
            let created =
                messages::post_from_device(state, current, &posted.account_id, posted.message, &mutation.id).await?;
            let outcome = if created {
                Outcome::Applied
            } else {
                Outcome::AlreadyApplied
            };
            Ok(result(&mutation.id, outcome, None, None))
        }
    }
}

/// An owner must be an active person of the organisation.
async fn owner(state: &AppState, current: &CurrentUser, field: &str, key: Option<&str>) -> ApiResult<Option<RecordId>> {
    let Some(key) = key else { return Ok(None) };
    let id = id_from_key("user", key);
    match state.store.user(current.org(), &id).await? {
        Some(user) if user.active => Ok(Some(id)),
        _ => Err(ApiError::validation(
            field,
            "owner names no active person of the organisation",
        )),
    }
}

fn applied(
    current: &CurrentUser,
    client_id: &str,
    kind: &str,
    record: &RecordId,
    now: chrono::DateTime<chrono::Utc>,
) -> AppliedMutation {
    AppliedMutation {
        org: current.org().clone(),
        client_id: client_id.to_string(),
        user: current.user.id.clone(),
        kind: kind.to_string(),
        record: Some(record.clone()),
        applied_at: now,
    }
}

async fn submit_counter_feedback(
    state: &AppState,
    current: &CurrentUser,
    client_id: &str,
    input: CounterFeedbackInput,
) -> ApiResult<MutationResult> {
    let input = input.normalised();
    input.validate()?;
    let account = visible_account(state, current, &input.account).await?;
    if !input.fulfilment.is_empty() {
        // The form offers the built-in aspects, whatever the organisation's survey asks.
        let aspects = promises::aspects(state, current.org()).await?;
        let known = |aspect: &str| aspects.iter().any(|a| a == aspect) || builtin_aspects().any(|a| a == aspect);
        if input.fulfilment.iter().any(|r| !known(&r.aspect)) {
            return Err(ApiError::validation(
                "fulfilment",
                "fulfilment rates an aspect the expectations survey does not ask about",
            ));
        }
    }
    // Answering someone else's request (the lead following an escalation) links the
    // counter-feedback to the customer's answer but leaves their request open.
    let (request, link) = match &input.request {
        None => (None, None),
        Some(key) => {
            let row = state
                .store
                .request(current.org(), &id_from_key("cf_request", key))
                .await?
                .filter(|row| row.account == account.id)
                .ok_or_else(|| ApiError::validation("request", "request names no request on this account"))?;
            let own = (row.recipient == current.user.id).then(|| row.id.clone());
            (own, Some(row.link))
        }
    };
    let now = state.now();
    let feedback_id = new_id("counter_feedback");
    // Only a change answering a point needs to know which points have actions already.
    let existing = if input.changes.iter().any(|c| c.source.is_some()) {
        state.store.account_actions(current.org(), &account.id).await?
    } else {
        Vec::new()
    };
    let mut actions = Vec::new();
    for change in &input.changes {
        // A point another device gave an action meanwhile keeps that one; this change
        // stays, as an action of its own, rather than losing what the team wrote.
        let source = match &change.source {
            Some(source) => Some(point_response(state, current, &account.id, source).await?)
                .filter(|link| !existing.iter().any(|a| a.made_of(link, &source.point)))
                .map(|link| (link, source.point.clone())),
            None => None,
        };
        let (source_link, source_point) = source.unzip();
        actions.push(ActionRow {
            id: new_id("action"),
            org: current.org().clone(),
            account: account.id.clone(),
            counter_feedback: Some(feedback_id.clone()),
            text: change.text.clone(),
            owner: owner(state, current, "changes", change.owner.as_deref()).await?,
            due: change.due.map(|d| d.format("%Y-%m-%d").to_string()),
            status: ActionStatus::Open.code().into(),
            revision: 1,
            created_by: current.user.id.clone(),
            created_at: now,
            updated_at: now,
            source_link,
            source_point,
        });
    }
    let feedback = CounterFeedbackRow {
        id: feedback_id.clone(),
        org: current.org().clone(),
        account: account.id.clone(),
        request,
        link,
        author: current.user.id.clone(),
        health: input.health.into(),
        churn_risk: input.churn_risk.code().into(),
        churn_causes: input
            .churn_causes
            .iter()
            .map(|cause| cause.code().to_string())
            .collect(),
        behind_the_scenes: input.behind_the_scenes,
        changes: input.changes.into_iter().map(|c| c.text).collect(),
        further_needs: input.further_needs,
        notes: input.notes,
        fulfilment_json: if input.fulfilment.is_empty() {
            None
        } else {
            Some(to_json(&input.fulfilment)?)
        },
        created_at: now,
    };
    let applied = applied(current, client_id, "submit_counter_feedback", &feedback_id, now);
    let (breaches, promise_triggers) =
        promises::breaches_for_counter_feedback(state, account.clone(), &feedback, &current.user.name).await?;
    let case = cases::opening_for_counter_feedback(state, &account, &feedback, promise_triggers).await?;
    match state
        .store
        .record_counter_feedback(feedback, actions, applied, case, breaches)
        .await
    {
        Ok(()) => Ok(result(client_id, Outcome::Applied, None, None)),
        Err(EditError::AlreadyApplied) => Ok(result(client_id, Outcome::AlreadyApplied, None, None)),
        Err(EditError::Conflict) => Err(ApiError::internal("a new counter-feedback cannot conflict")),
        Err(EditError::Db(e)) => Err(e.into()),
    }
}

/// The response a development point comes from: an answered one of this account.
async fn point_response(
    state: &AppState,
    current: &CurrentUser,
    account: &RecordId,
    source: &ActionSource,
) -> ApiResult<RecordId> {
    state
        .store
        .link(current.org(), &id_from_key("survey_link", &source.link_id))
        .await?
        .filter(|link| link.account == *account && link.answered_at.is_some())
        .map(|link| link.id)
        .ok_or_else(|| ApiError::validation("source", "source names no response on this account"))
}

/// An action added on the account page; one made of a development point must name a
/// response of the same account.
async fn create_action(
    state: &AppState,
    current: &CurrentUser,
    client_id: &str,
    input: NewAction,
) -> ApiResult<MutationResult> {
    let input = input.normalised();
    input.validate()?;
    let account = visible_account(state, current, &input.account).await?;
    let source_link = match &input.source {
        None => None,
        Some(source) => {
            let link = point_response(state, current, &account.id, source).await?;
            // One action per development point: a second device's, offline meanwhile,
            // is refused rather than doubling the work.
            let taken = state
                .store
                .account_actions(current.org(), &account.id)
                .await?
                .iter()
                .any(|a| a.made_of(&link, &source.point));
            if taken {
                return Err(ApiError::validation(
                    "source",
                    "this development point already has an action",
                ));
            }
            Some(link)
        }
    };
    let now = state.now();
    let id = new_id("action");
    let row = ActionRow {
        id: id.clone(),
        org: current.org().clone(),
        account: account.id.clone(),
        counter_feedback: None,
        text: input.text,
        owner: owner(state, current, "owner", input.owner.as_deref()).await?,
        due: input.due.map(|d| d.format("%Y-%m-%d").to_string()),
        status: ActionStatus::Open.code().into(),
        revision: 1,
        created_by: current.user.id.clone(),
        created_at: now,
        updated_at: now,
        source_link,
        source_point: input.source.map(|s| s.point),
    };
    let applied = applied(current, client_id, "create_action", &id, now);
    match state.store.create_action(row, applied).await {
        Ok(()) => {
            let created = action(state, current, &key_of(&id)).await?;
            Ok(result(client_id, Outcome::Applied, Some(created), None))
        }
        Err(EditError::AlreadyApplied) => Ok(result(client_id, Outcome::AlreadyApplied, None, None)),
        Err(EditError::Conflict) => Err(ApiError::internal("a new action cannot conflict")),
        Err(EditError::Db(e)) => Err(e.into()),
    }
}

async fn action(
    state: &AppState,
    current: &CurrentUser,
    key: &str,
) -> ApiResult<kaiku_core::counterfeedback::ActionView> {
    let row = state
        .store
        .action(current.org(), &id_from_key("action", key))
        .await?
        .ok_or_else(ApiError::not_found)?;
    visible_account(state, current, &key_of(&row.account)).await?;
    let people = People::load(state, current).await?;
    Ok(action_view(&row, &people)?)
}

async fn edit_action(
    state: &AppState,
    current: &CurrentUser,
    client_id: &str,
    edit: ActionEdit,
) -> ApiResult<MutationResult> {
    let edit = edit.normalised();
    edit.validate()?;
    let before = action(state, current, &edit.action).await?;
    let change = ActionChange {
        text: edit.text,
        owner: owner(state, current, "owner", edit.owner.as_deref()).await?,
        due: edit.due.map(|d| d.format("%Y-%m-%d").to_string()),
        status: edit.status.code().into(),
    };
    let id = id_from_key("action", &before.id);
    let applied = applied(current, client_id, "edit_action", &id, state.now());
    let outcome = match state
        .store
        .edit_action(&id, edit.base_revision.into(), change, applied)
        .await
    {
        Ok(()) => Outcome::Applied,
        Err(EditError::Conflict) => Outcome::Conflict,
        Err(EditError::AlreadyApplied) => Outcome::AlreadyApplied,
        Err(EditError::Db(e)) => return Err(e.into()),
    };
    let after = action(state, current, &edit.action).await?;
    Ok(result(client_id, outcome, Some(after), None))
}
