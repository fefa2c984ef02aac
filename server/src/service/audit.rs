//! The organisation's security log: entries recorded as security-relevant things
//! happen, and read (filtered by kind, page by page) by admins.

use chrono::{DateTime, Utc};
use kaiku_core::audit::{AuditEntry, AuditKind};
use surrealdb::types::RecordId;

use super::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::audit::AuditContent;
use crate::store::{decode, key_of};

/// Entries per page of the admin's view.
const PAGE: u32 = 200;

/// What happened in `org`, by whom (`actor`) and from where. `detail` names what it
/// was about and never holds a secret.
pub struct Event<'a> {
    pub org: &'a RecordId,
    pub kind: AuditKind,
    pub actor: Option<&'a RecordId>,
    pub detail: String,
    pub address: Option<&'a str>,
}

pub async fn record(state: &AppState, event: Event<'_>) -> ApiResult<()> {
    state
        .store
        .record_audit(AuditContent {
            org: event.org.clone(),
            at: state.now(),
            kind: event.kind.code().to_string(),
            actor: event.actor.cloned(),
            detail: event.detail,
            address: event.address.map(str::to_string),
        })
        .await?;
    Ok(())
}

/// Something the signed-in person did (to their own account, or an admin to the team).
pub async fn by(state: &AppState, current: &CurrentUser, kind: AuditKind, detail: String) -> ApiResult<()> {
    record(
        state,
        Event {
            org: current.org(),
            kind,
            actor: Some(&current.user.id),
            detail,
            address: None,
        },
    )
    .await
}

/// The newest entries (before `before`, of `kind` when given), for admins.
pub async fn entries(
    state: &AppState,
    current: &CurrentUser,
    kind: Option<&str>,
    before: Option<DateTime<Utc>>,
) -> ApiResult<Vec<AuditEntry>> {
    current.require_team_manager()?;
    let kind = match kind {
        Some(code) => Some(
            AuditKind::from_code(code)
                .ok_or_else(|| ApiError::validation("kind", "no such kind of audit entry"))?
                .code(),
        ),
        None => None,
    };
    let before = before.unwrap_or_else(|| state.now() + chrono::Duration::seconds(1));
    state
        .store
        .audit_events(current.org(), kind, before, PAGE)
        .await?
        .into_iter()
        .map(|row| {
            Ok(AuditEntry {
                id: key_of(&row.id),
                at: row.at,
                kind: decode::code(&row.id, "kind", &row.kind, AuditKind::from_code)?,
                actor: row.actor,
                detail: row.detail,
                address: row.address,
            })
        })
        .collect()
}
