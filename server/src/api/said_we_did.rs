use kaiku_core::said_we_did::{AccountShare, AccountWeDid, ReviewInput, SendNowInput};
use poem_openapi::param::Path;
use poem_openapi::{OpenApi, payload::Json};

use super::ApiTags;
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::said_we_did;

pub struct SaidWeDidApi;

#[OpenApi(tag = "ApiTags::SaidWeDid")]
impl SaidWeDidApi {
    /// What was done because of the account's customers' words (closed cases, done
    /// actions made of development points), each with its review and every time it
    /// was told; and how much of the account's feedback was answered so.
    #[oai(path = "/accounts/:id/we-did", method = "get", operation_id = "we_did_account")]
    async fn account(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<Json<AccountWeDid>> {
        Ok(Json(said_we_did::account(&state, &current, &id.0).await?))
    }

    /// Leadership's view: for each account the caller sees, of its responses that asked
    /// for something (a development point, or a case they opened), how many were
    /// answered with a "we did" told to the customer.
    #[oai(path = "/we-did/shares", method = "get", operation_id = "we_did_shares")]
    async fn shares(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<AccountShare>>> {
        Ok(Json(said_we_did::shares(&state, &current).await?))
    }

    /// The account's lead (or a leader or admin) saves an item's texts (fi/en) and
    /// decision: proposed, approved (both texts in the contact's language) or left out.
    #[oai(path = "/accounts/:id/we-did/:item", method = "put", operation_id = "we_did_review")]
    async fn review(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        item: Path<String>,
        body: Json<ReviewInput>,
    ) -> ApiResult<Json<AccountWeDid>> {
        Ok(Json(
            said_we_did::review(&state, &current, &id.0, &item.0, body.0).await?,
        ))
    }

    /// Tells one contact now, by a short email through the outbox, what was approved
    /// for them and not yet told; refused when they opted out or nothing waits.
    #[oai(path = "/accounts/:id/we-did/send", method = "post", operation_id = "we_did_send")]
    async fn send(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<SendNowInput>,
    ) -> ApiResult<Json<AccountWeDid>> {
        Ok(Json(said_we_did::send_now(&state, &current, &id.0, body.0).await?))
    }
}
