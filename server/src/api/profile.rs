use kaiku_core::api::{ChangePasswordRequest, UpdateProfileRequest, UserView};
use kaiku_core::session::SessionInfo;
use poem_openapi::param::Path;
use poem_openapi::{OpenApi, payload::Json};

use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::{self, CurrentUser};

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
