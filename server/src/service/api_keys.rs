//! Organisation API keys: admins create them (the secret shown once, stored as its
//! hash like every token), see when each was last used, and revoke them. A call
//! with `Authorization: Bearer <secret>` acts for the key's organisation within its
//! scopes, limited per key.

use kaiku_core::message::{ApiKeyCreated, ApiKeyInput, ApiKeyScope, ApiKeyView, KEY_PREFIX};
use surrealdb::types::RecordId;

use kaiku_core::audit::AuditKind;

use super::accounts::People;
use super::audit;
use super::auth::CurrentUser;
use super::secrets::{hash_token, new_token};
use super::throttle;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::api_keys::ApiKeyRow;
use crate::store::decode::{self, Unreadable};
use crate::store::{id_from_key, key_of, new_id};

/// Characters of the secret kept to tell keys apart: the prefix and four random ones.
const SHOWN_CHARS: usize = KEY_PREFIX.len() + 4;

/// A request made with a key still in force.
#[derive(Debug, Clone)]
pub struct ApiKeyCaller {
    pub key: ApiKeyRow,
    scopes: Vec<ApiKeyScope>,
}

impl ApiKeyCaller {
    pub fn org(&self) -> &RecordId {
        &self.key.org
    }

    /// 403 when the key was not given `scope`.
    pub fn require(&self, scope: ApiKeyScope) -> ApiResult<()> {
        if self.scopes.contains(&scope) {
            Ok(())
        } else {
            Err(ApiError::new(
                kaiku_core::ErrorCode::Forbidden,
                format!("this API key does not have the `{}` scope", scope.code()),
            ))
        }
    }
}

fn scopes(row: &ApiKeyRow) -> Result<Vec<ApiKeyScope>, Unreadable> {
    row.scopes
        .iter()
        .map(|code| decode::code(&row.id, "api_key.scopes", code, ApiKeyScope::from_code))
        .collect()
}

/// The caller of a bearer request: 401 for an unknown or revoked key, 429 past the
/// key's limit. Its use is noted for the admins' list.
pub async fn authenticate(state: &AppState, secret: &str) -> ApiResult<ApiKeyCaller> {
    let unknown = || {
        ApiError::new(
            kaiku_core::ErrorCode::Unauthenticated,
            "the API key is unknown or revoked",
        )
    };
    if !secret.starts_with(KEY_PREFIX) {
        return Err(unknown());
    }
    let key = state
        .store
        .api_key_by_hash(&hash_token(secret))
        .await?
        .filter(|key| key.revoked_at.is_none())
        .ok_or_else(unknown)?;
    let now = state.now();
    let max = usize::try_from(state.config.api_key_requests).unwrap_or(usize::MAX);
    let _counted = state
        .throttle
        .reserve(&throttle::api_key(&key_of(&key.id), max), now)
        .await?
        .map_err(ApiError::rate_limited)?;
    state.store.touch_api_key(&key.org, &key.id, now).await?;
    Ok(ApiKeyCaller {
        scopes: scopes(&key)?,
        key,
    })
}

fn view(row: &ApiKeyRow, people: &People) -> Result<ApiKeyView, Unreadable> {
    Ok(ApiKeyView {
        id: key_of(&row.id),
        name: row.name.clone(),
        scopes: scopes(row)?,
        prefix: row.prefix.clone(),
        created_at: row.created_at,
        created_by: people.person(&row.created_by),
        last_used_at: row.last_used_at,
        revoked_at: row.revoked_at,
    })
}

/// The organisation's keys, newest first (admins).
pub async fn list(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<ApiKeyView>> {
    current.require_team_manager()?;
    let people = People::load(state, current).await?;
    let rows = state.store.api_keys(current.org()).await?;
    Ok(rows.iter().map(|row| view(row, &people)).collect::<Result<_, _>>()?)
}

/// A new key (admins); its secret is in this answer and nowhere else.
pub async fn create(state: &AppState, current: &CurrentUser, input: ApiKeyInput) -> ApiResult<ApiKeyCreated> {
    current.require_team_manager()?;
    let input = input.normalised();
    input.check()?;
    let secret = format!("{KEY_PREFIX}{}", new_token());
    let row = ApiKeyRow {
        id: new_id("api_key"),
        org: current.org().clone(),
        name: input.name,
        scopes: input.scopes.iter().map(|s| s.code().to_string()).collect(),
        token_hash: hash_token(&secret),
        prefix: secret.chars().take(SHOWN_CHARS).collect(),
        created_by: current.user.id.clone(),
        created_at: state.now(),
        last_used_at: None,
        revoked_at: None,
        revoked_by: None,
    };
    state.store.create_api_key(row.clone()).await?;
    audit::by(state, current, AuditKind::ApiKeyCreated, named(&row)).await?;
    let people = People::load(state, current).await?;
    Ok(ApiKeyCreated {
        key: view(&row, &people)?,
        secret,
    })
}

/// Revokes a key (admins): calls with it are refused from now on.
pub async fn revoke(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<()> {
    current.require_team_manager()?;
    let revoked = state
        .store
        .revoke_api_key(
            current.org(),
            &id_from_key("api_key", key),
            &current.user.id,
            state.now(),
        )
        .await?
        .ok_or_else(ApiError::not_found)?;
    audit::by(state, current, AuditKind::ApiKeyRevoked, named(&revoked)).await
}

/// A key as the security log names it: its name and the prefix the admins' list
/// shows, never the secret.
fn named(row: &ApiKeyRow) -> String {
    format!("{} ({}…)", row.name, row.prefix)
}
