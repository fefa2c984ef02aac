//! Deleting an archived account or the whole organisation (admins): asked for, seen
//! by everyone with its date, taken back by any admin within the grace period
//! (`kaiku_core::privacy::DELETION_GRACE_DAYS`), then done by the scheduler. Every
//! step is in the audit log; the organisation's admins are emailed when its deletion
//! is asked for, so no one admin deletes it unnoticed.

use kaiku_core::account::AccountView;
use kaiku_core::api::OrganisationView;
use kaiku_core::audit::AuditKind;
use kaiku_core::privacy::{OrganisationDeletionRequest, deletion_date, organisation_deletion_email};
use kaiku_core::{ErrorCode, Role};

use super::accounts::{self, visible_account};
use super::audit;
use super::auth::CurrentUser;
use super::privacy::said;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::counterfeedback::Email;

/// Asks for an archived account to be deleted after the grace period (admins). Asking
/// again keeps the date first set.
pub async fn ask_account_deletion(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<AccountView> {
    current.require_team_manager()?;
    let account = visible_account(state, current, key).await?;
    if !account.archived {
        return Err(ApiError::new(
            ErrorCode::NotArchived,
            "only an archived account can be deleted; archive it first",
        ));
    }
    if account.delete_after.is_none() {
        let on = deletion_date(state.now());
        state
            .store
            .set_account_deletion(current.org(), &account.id, Some(on))
            .await?;
        let detail = format!("{}, on {}", account.name, on.date_naive());
        audit::by(state, current, AuditKind::AccountDeletionAsked, detail).await?;
    }
    accounts::get(state, current, key).await
}

/// Takes back an account's deletion (admins).
pub async fn cancel_account_deletion(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<AccountView> {
    current.require_team_manager()?;
    let account = visible_account(state, current, key).await?;
    if account.delete_after.is_some() {
        state
            .store
            .set_account_deletion(current.org(), &account.id, None)
            .await?;
        audit::by(
            state,
            current,
            AuditKind::AccountDeletionCancelled,
            account.name.clone(),
        )
        .await?;
    }
    accounts::get(state, current, key).await
}

/// Asks for the organisation to be deleted after the grace period (admins), its name
/// typed again; every active admin is emailed. Asking again keeps the date first set.
pub async fn ask_org_deletion(
    state: &AppState,
    current: &CurrentUser,
    request: OrganisationDeletionRequest,
) -> ApiResult<OrganisationView> {
    current.require_team_manager()?;
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    request.check(&org.name)?;
    if org.delete_after.is_some() {
        return Ok(org.view());
    }
    let on = deletion_date(state.now());
    let emails = state
        .store
        .users(current.org())
        .await?
        .into_iter()
        .filter(|user| user.active && user.role() == Role::Admin)
        .map(|admin| {
            let email = organisation_deletion_email(
                admin.language(),
                &org.name,
                &current.user.name,
                on.date_naive(),
                &state.config.public_url,
            );
            Email {
                recipient: admin.email,
                subject: email.subject,
                body: email.body,
            }
        })
        .collect::<Vec<_>>();
    state
        .store
        .set_org_deletion(current.org(), Some(on), &emails, state.now())
        .await?;
    let detail = format!("on {}", on.date_naive());
    audit::by(state, current, AuditKind::OrganisationDeletionAsked, detail).await?;
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    Ok(org.view())
}

/// Takes back the organisation's deletion (admins).
pub async fn cancel_org_deletion(state: &AppState, current: &CurrentUser) -> ApiResult<OrganisationView> {
    current.require_team_manager()?;
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    if org.delete_after.is_some() {
        state
            .store
            .set_org_deletion(current.org(), None, &[], state.now())
            .await?;
        audit::by(state, current, AuditKind::OrganisationDeletionCancelled, String::new()).await?;
    }
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    Ok(org.view())
}

/// The scheduler's pass: deletes up to `limit` accounts and every organisation whose
/// grace period is over. Returns how many were deleted.
pub async fn delete_due(state: &AppState, limit: u32) -> ApiResult<u32> {
    let now = state.now();
    let mut done = 0;
    for org in state.store.orgs_due_for_deletion(now).await? {
        tracing::info!(org = %crate::store::key_of(&org), "deleting an organisation whose grace period is over");
        state.store.purge_org(&org).await?;
        done += 1;
    }
    for account in state.store.accounts_due_for_deletion(now, limit).await? {
        let links = state.store.account_links(&account.org, &account.id).await?;
        let messages = state.store.account_messages(&account.org, &account.id).await?;
        let texts = said(&links, &[], &messages)?;
        state.store.purge_account(&account.org, &account.id, texts).await?;
        audit::record(
            state,
            audit::Event {
                org: &account.org,
                kind: AuditKind::AccountDeleted,
                actor: None,
                detail: account.name.clone(),
                address: None,
            },
        )
        .await?;
        done += 1;
    }
    Ok(done)
}
