use kaiku_core::api::{
    ChangePasswordRequest, TwoFactorConfirm, TwoFactorOff, TwoFactorSetup, UpdateProfileRequest, UserView,
};
use kaiku_core::session::SessionInfo;
use poem_openapi::param::Path;
use poem_openapi::{OpenApi, payload::Json};

use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::{SettingUpTwoFactor, State};
use crate::service::auth::{self, CurrentUser};
use crate::service::two_factor;

pub struct ProfileApi;

#[OpenApi(tag = "ApiTags::Profile")]
impl ProfileApi {
    /// Changes the caller's name and/or language.
    #[oai(path = "/me", method = "patch", operation_id = "profile_update")]
    async fn update(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<UpdateProfileRequest>,
    ) -> ApiResult<Json<UserView>> {
        Ok(Json(auth::update_profile(&state, &current, body.0).await?))
    }

    /// Changes the caller's password; their other sessions end.
    #[oai(path = "/me/password", method = "post", operation_id = "change_password")]
    async fn change_password(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<ChangePasswordRequest>,
    ) -> ApiResult<NoContent> {
        auth::change_password(&state, &current, body.0).await?;
        Ok(NoContent::Done)
    }

    /// The caller's signed-in sessions, most recently seen first; `current` marks
    /// the one this request came with.
    #[oai(path = "/me/sessions", method = "get", operation_id = "my_sessions")]
    async fn sessions(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<SessionInfo>>> {
        Ok(Json(auth::sessions(&state, &current).await?))
    }

    /// Signs one of the caller's sessions out (e.g. a lost phone).
    #[oai(path = "/me/sessions/:id", method = "delete", operation_id = "end_my_session")]
    async fn end_session(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<NoContent> {
        auth::end_session(&state, &current, &id.0).await?;
        Ok(NoContent::Done)
    }

    /// A new secret for the caller's authenticator app, shown this once (also in a
    /// session that must set two-factor sign-in up first).
    #[oai(path = "/me/two-factor/setup", method = "post", operation_id = "two_factor_setup")]
    async fn two_factor_setup(
        &self,
        state: State<'_>,
        SettingUpTwoFactor(current): SettingUpTwoFactor,
    ) -> ApiResult<Json<TwoFactorSetup>> {
        Ok(Json(two_factor::setup(&state, &current).await?))
    }

    /// Turns two-factor sign-in on with a code made from the secret just set up; a
    /// session that was waiting for it may then reach everything its role allows.
    #[oai(
        path = "/me/two-factor/confirm",
        method = "post",
        operation_id = "two_factor_confirm"
    )]
    async fn two_factor_confirm(
        &self,
        state: State<'_>,
        SettingUpTwoFactor(current): SettingUpTwoFactor,
        body: Json<TwoFactorConfirm>,
    ) -> ApiResult<NoContent> {
        two_factor::confirm(&state, &current, body.0).await?;
        Ok(NoContent::Done)
    }

    /// Turns the caller's two-factor sign-in off, with their password (refused to
    /// admins when the organisation requires it).
    #[oai(path = "/me/two-factor/off", method = "post", operation_id = "two_factor_off")]
    async fn two_factor_off(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<TwoFactorOff>,
    ) -> ApiResult<NoContent> {
        two_factor::turn_off(&state, &current, body.0).await?;
        Ok(NoContent::Done)
    }

    /// Signs out every session of the caller except this one.
    #[oai(
        path = "/me/sessions/sign-out-others",
        method = "post",
        operation_id = "end_my_other_sessions"
    )]
    async fn end_other_sessions(&self, state: State<'_>, current: CurrentUser) -> ApiResult<NoContent> {
        auth::end_other_sessions(&state, &current).await?;
        Ok(NoContent::Done)
    }
}
