use kaiku_core::message::{ApiKeyCreated, ApiKeyInput, ApiKeyView};
use poem_openapi::param::Path;
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::api_keys;
use crate::service::auth::CurrentUser;

#[derive(ApiResponse)]
enum KeyCreated {
    /// Created: the secret is in this answer only.
    #[oai(status = 201)]
    Created(Json<ApiKeyCreated>),
}

pub struct ApiKeysApi;

#[OpenApi(tag = "ApiTags::Integrations")]
impl ApiKeysApi {
    /// The organisation's API keys (admins), newest first; never their secrets.
    #[oai(path = "/settings/api-keys", method = "get", operation_id = "api_keys_list")]
    async fn list(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<ApiKeyView>>> {
        Ok(Json(api_keys::list(&state, &current).await?))
    }

    /// Creates an API key (admins) with a name and scopes; its secret is shown once.
    #[oai(path = "/settings/api-keys", method = "post", operation_id = "api_keys_create")]
    async fn create(&self, state: State<'_>, current: CurrentUser, body: Json<ApiKeyInput>) -> ApiResult<KeyCreated> {
        Ok(KeyCreated::Created(Json(
            api_keys::create(&state, &current, body.0).await?,
        )))
    }

    /// Revokes an API key (admins): calls with it are refused from now on.
    #[oai(
        path = "/settings/api-keys/:id/revoke",
        method = "post",
        operation_id = "api_keys_revoke"
    )]
    async fn revoke(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<NoContent> {
        api_keys::revoke(&state, &current, &id.0).await?;
        Ok(NoContent::Done)
    }
}
