use chrono::{DateTime, Utc};
use kaiku_core::message::{ApiKeyScope, BatchResult, MessageBatch, MessageInput, MessageView};
use poem::Request;
use poem_openapi::auth::Bearer;
use poem_openapi::param::Query;
use poem_openapi::{OpenApi, SecurityScheme, payload::Json};

use super::ApiTags;
use super::messages::MessageStored;
use crate::error::{ApiError, ApiResult};
use crate::http::extract::State;
use crate::service::api_keys::{self, ApiKeyCaller};
use crate::service::messages::{self, Poster};
use crate::state::AppState;

/// An organisation API key, created by an admin under Settings → API keys, sent as
/// `Authorization: Bearer <key>`. Each key has scopes (`messages:write`, `read`)
/// and a request limit per 15 minutes.
#[derive(SecurityScheme)]
#[oai(
    rename = "ApiKey",
    ty = "bearer",
    bearer_format = "kaiku_…",
    checker = "api_key_caller"
)]
struct ApiKey(ApiKeyCaller);

async fn api_key_caller(req: &Request, bearer: Bearer) -> poem::Result<ApiKeyCaller> {
    let state = req
        .data::<AppState>()
        .ok_or_else(|| ApiError::internal("application state missing"))?;
    Ok(api_keys::authenticate(state, &bearer.token).await?)
}

pub struct IntegrationsApi;

#[OpenApi(tag = "ApiTags::Integrations")]
impl IntegrationsApi {
    /// Posts one customer message (scope `messages:write`). It is placed on the
    /// account of `account_id`, or of its sender (a contact's email, then a domain
    /// of one account's contacts), or waits in the Unmatched queue. The same
    /// `external_id` from the same source (an email's Message-ID) is stored once:
    /// sending it again answers 200 with the stored one.
    #[oai(
        path = "/integrations/messages",
        method = "post",
        operation_id = "integration_message_post"
    )]
    async fn post(&self, state: State<'_>, key: ApiKey, body: Json<MessageInput>) -> ApiResult<MessageStored> {
        key.0.require(ApiKeyScope::MessagesWrite)?;
        Ok(messages::posted(&state, &Poster::key(&key.0), body.0, None)
            .await?
            .into())
    }

    /// Posts up to 100 messages (scope `messages:write`); each is stored, found
    /// stored, or refused with its reason, on its own.
    #[oai(
        path = "/integrations/messages/batch",
        method = "post",
        operation_id = "integration_message_batch"
    )]
    async fn batch(&self, state: State<'_>, key: ApiKey, body: Json<MessageBatch>) -> ApiResult<Json<BatchResult>> {
        key.0.require(ApiKeyScope::MessagesWrite)?;
        let results = messages::post_batch(&state, &key.0, body.0.messages).await?;
        Ok(Json(BatchResult { results }))
    }

    /// The organisation's messages stored after `since`, oldest first, at most 500
    /// (scope `read`).
    #[oai(
        path = "/integrations/messages",
        method = "get",
        operation_id = "integration_messages"
    )]
    async fn read(
        &self,
        state: State<'_>,
        key: ApiKey,
        since: Query<Option<DateTime<Utc>>>,
    ) -> ApiResult<Json<Vec<MessageView>>> {
        key.0.require(ApiKeyScope::Read)?;
        Ok(Json(messages::read(&state, &key.0, since.0).await?))
    }
}
