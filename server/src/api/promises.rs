use kaiku_core::promise::{ChainFilter, ChainReview, PromiseAlert, PromiseInput, PromiseView};
use poem_openapi::param::{Path, Query};
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::ApiTags;
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::promises;

pub struct PromisesApi;

#[derive(ApiResponse)]
enum PromiseRecorded {
    #[oai(status = 201)]
    Created(Json<PromiseView>),
}

#[OpenApi(tag = "ApiTags::Promises")]
impl PromisesApi {
    /// The account's promises, oldest first, each with the customer's fulfilment of its
    /// aspect round by round and whether it is kept or broken.
    #[oai(path = "/accounts/:id/promises", method = "get", operation_id = "account_promises")]
    async fn account_promises(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<Vec<PromiseView>>> {
        Ok(Json(promises::account_promises(&state, &current, &id.0).await?))
    }

    /// Records what was promised on an aspect of the expectations survey (whoever sees
    /// the account); the caller is the seller who made it.
    #[oai(path = "/accounts/:id/promises", method = "post", operation_id = "record_promise")]
    async fn record(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<PromiseInput>,
    ) -> ApiResult<PromiseRecorded> {
        Ok(PromiseRecorded::Created(Json(
            promises::record(&state, &current, &id.0, body.0).await?,
        )))
    }

    /// Broken promises alerted to the caller (the account's lead or the seller), newest
    /// first, the promise beside the customer's words.
    #[oai(path = "/promises/alerts", method = "get", operation_id = "promise_alerts")]
    async fn alerts(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<PromiseAlert>>> {
        Ok(Json(promises::my_alerts(&state, &current).await?))
    }

    /// The chain review: per phase and aspect, promises kept and broken with the
    /// accounts and quotes behind them (leaders and admins; a seller sees their own).
    #[oai(path = "/promises/review", method = "get", operation_id = "promise_review")]
    async fn review(
        &self,
        state: State<'_>,
        current: CurrentUser,
        segment: Query<Option<String>>,
        seller: Query<Option<String>>,
    ) -> ApiResult<Json<ChainReview>> {
        let filter = ChainFilter {
            segment: segment.0,
            seller: seller.0,
        };
        Ok(Json(promises::chain_review(&state, &current, filter).await?))
    }
}
