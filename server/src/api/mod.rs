//! The JSON API under `/api/v1`, described by poem-openapi. Handlers only extract,
//! call a service, and shape the response.

mod auth;
mod cookies;
mod profile;
mod team;

use poem_openapi::{ApiResponse, Tags, payload::Json};

#[derive(Tags)]
enum ApiTags {
    /// Sign-up, login, logout and the current session.
    Auth,
    /// The signed-in user's own profile.
    Profile,
    /// People, roles and invitations of the organisation.
    Team,
}

/// All API groups, for `OpenApiService::new`.
pub fn all() -> (auth::AuthApi, profile::ProfileApi, team::TeamApi) {
    (auth::AuthApi, profile::ProfileApi, team::TeamApi)
}

#[derive(ApiResponse)]
enum NoContent {
    /// Done; nothing to return.
    #[oai(status = 204)]
    Done,
}

#[derive(ApiResponse)]
enum SessionStarted {
    /// Logged in: the session cookie is set.
    #[oai(status = 200)]
    Ok(Json<kaiku_core::api::SessionView>),
    /// Created and logged in: the session cookie is set.
    #[oai(status = 201)]
    Created(Json<kaiku_core::api::SessionView>),
}
