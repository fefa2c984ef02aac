use kaiku_core::webhook::{WebhookCreated, WebhookDeliveryView, WebhookInput, WebhookView};
use poem_openapi::param::Path;
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::webhooks;

#[derive(ApiResponse)]
enum HookCreated {
    /// Created: the signing secret is in this answer only.
    #[oai(status = 201)]
    Created(Json<WebhookCreated>),
}

pub struct WebhooksApi;

#[OpenApi(tag = "ApiTags::Integrations")]
impl WebhooksApi {
    /// The organisation's webhooks (admins), newest first; never their secrets.
    #[oai(path = "/settings/webhooks", method = "get", operation_id = "webhooks_list")]
    async fn list(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<WebhookView>>> {
        Ok(Json(webhooks::list(&state, &current).await?))
    }

    /// Subscribes an address to events (admins). Each event is POSTed to it as JSON,
    /// signed in `X-Kaiku-Signature` with the secret shown in this answer only.
    #[oai(path = "/settings/webhooks", method = "post", operation_id = "webhooks_create")]
    async fn create(&self, state: State<'_>, current: CurrentUser, body: Json<WebhookInput>) -> ApiResult<HookCreated> {
        Ok(HookCreated::Created(Json(
            webhooks::create(&state, &current, body.0).await?,
        )))
    }

    /// Removes a webhook and the deliveries it still had to make (admins).
    #[oai(path = "/settings/webhooks/:id", method = "delete", operation_id = "webhooks_delete")]
    async fn delete(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<NoContent> {
        webhooks::delete(&state, &current, &id.0).await?;
        Ok(NoContent::Done)
    }

    /// The latest deliveries of every webhook, newest first, with their last attempt (admins).
    #[oai(
        path = "/settings/webhooks/deliveries",
        method = "get",
        operation_id = "webhooks_deliveries"
    )]
    async fn deliveries(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<WebhookDeliveryView>>> {
        Ok(Json(webhooks::deliveries(&state, &current).await?))
    }

    /// Sends a delivery again at the next pass, with fresh attempts (admins).
    #[oai(
        path = "/settings/webhooks/deliveries/:id/resend",
        method = "post",
        operation_id = "webhooks_resend"
    )]
    async fn resend(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<WebhookDeliveryView>> {
        Ok(Json(webhooks::resend(&state, &current, &id.0).await?))
    }
}
