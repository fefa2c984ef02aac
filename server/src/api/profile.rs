use kaiku_core::api::{ChangePasswordRequest, UpdateProfileRequest, UserView};
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
}
