//! Saved heatmap views: everyone who reads the heatmap keeps their own.

use kaiku_core::saved_view::{SAVED_VIEWS_MAX, SavedView, SavedViewInput};
use kaiku_core::validate::{FieldError, Invalid};

use super::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::saved_views::SavedViewRow;
use crate::store::{id_from_key, key_of, new_id};

fn view_of(row: SavedViewRow) -> SavedView {
    SavedView {
        id: key_of(&row.id),
        name: row.name,
        query: row.query,
        created_at: row.created_at,
    }
}

/// The caller's views, by name.
pub async fn list(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<SavedView>> {
    let rows = state.store.saved_views(current.org(), &current.user.id).await?;
    Ok(rows.into_iter().map(view_of).collect())
}

/// Keeps the view under its name, replacing the caller's view of that name.
pub async fn save(state: &AppState, current: &CurrentUser, input: SavedViewInput) -> ApiResult<SavedView> {
    input.check()?;
    let name = input.trimmed_name().to_string();
    let kept = state.store.saved_views(current.org(), &current.user.id).await?;
    if kept.len() >= SAVED_VIEWS_MAX && !kept.iter().any(|view| view.name == name) {
        return Err(FieldError {
            field: "name",
            problem: Invalid::TooMany { max: SAVED_VIEWS_MAX },
        }
        .into());
    }
    let row = SavedViewRow {
        id: new_id("saved_view"),
        org: current.org().clone(),
        user: current.user.id.clone(),
        name,
        query: input.query,
        created_at: state.now(),
    };
    state.store.save_view(row.clone()).await?;
    Ok(view_of(row))
}

/// Deletes one of the caller's views; anyone else's is not found.
pub async fn delete(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<()> {
    let deleted = state
        .store
        .delete_owned(current.org(), &current.user.id, &id_from_key("saved_view", key))
        .await?;
    if deleted { Ok(()) } else { Err(ApiError::not_found()) }
}
