//! The organisation's brand: anyone signed in reads it, admins set it, customers see
//! it on the survey page and in emails (`kaiku_core::brand`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use kaiku_core::brand::{Brand, BrandInput, LogoFormat, check_logo};
use surrealdb::types::RecordId;

use super::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::brand::LogoRow;
use crate::store::orgs::OrgRow;
use crate::store::{id_from_key, key_of, new_id};

/// Where a logo is served, relative to the server's root.
pub fn logo_path(logo: &RecordId) -> String {
    format!("/api/v1/logos/{}", key_of(logo))
}

/// The brand as the organisation's row holds it.
pub fn of(org: &OrgRow) -> Brand {
    Brand {
        accent: org.accent.clone(),
        logo_url: org.logo.as_ref().map(logo_path),
    }
}

pub async fn brand(state: &AppState, current: &CurrentUser) -> ApiResult<Brand> {
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    Ok(of(&org))
}

/// Sets the accent colour (admins).
pub async fn set_brand(state: &AppState, current: &CurrentUser, input: BrandInput) -> ApiResult<Brand> {
    current.require_team_manager()?;
    let input = input.normalised();
    input.validate()?;
    state.store.set_accent(current.org(), input.accent).await?;
    brand(state, current).await
}

/// Replaces the logo (admins) with an image checked by its bytes.
pub async fn set_logo(state: &AppState, current: &CurrentUser, bytes: &[u8]) -> ApiResult<Brand> {
    current.require_team_manager()?;
    let format = check_logo(bytes)?;
    state
        .store
        .replace_logo(LogoRow {
            id: new_id("logo"),
            org: current.org().clone(),
            format: format.code().to_string(),
            data_base64: STANDARD.encode(bytes),
            created_at: state.now(),
        })
        .await?;
    brand(state, current).await
}

pub async fn remove_logo(state: &AppState, current: &CurrentUser) -> ApiResult<Brand> {
    current.require_team_manager()?;
    state.store.remove_logo(current.org()).await?;
    brand(state, current).await
}

/// A logo's bytes and format, for anyone (customers' browsers and mail clients).
pub async fn logo(state: &AppState, key: &str) -> ApiResult<(LogoFormat, Vec<u8>)> {
    let row = state
        .store
        .logo(&id_from_key("logo", key))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let format = LogoFormat::from_code(&row.format)
        .ok_or_else(|| ApiError::internal(format!("logo {key} has an unknown format {}", row.format)))?;
    let bytes = STANDARD
        .decode(&row.data_base64)
        .map_err(|e| ApiError::internal(format!("logo {key} does not decode: {e}")))?;
    Ok((format, bytes))
}
