use kaiku_core::digest::TeamDigest;
use kaiku_core::initiative::{InitiativeInput, InitiativeSummary, InitiativeView, StatusInput, Suggestion, Topic};
use poem_openapi::param::{Path, Query};
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::{digest, initiatives};

#[derive(ApiResponse)]
enum InitiativeCreated {
    /// The initiative was created, proposed.
    #[oai(status = 201)]
    Created(Json<InitiativeView>),
}

pub struct InitiativesApi;

#[OpenApi(tag = "ApiTags::Initiatives")]
impl InitiativesApi {
    /// What recurs across accounts (a theme or churn cause in three or more accounts
    /// within 180 days) that no initiative covers and nobody dismissed, highest
    /// revenue at risk first (leaders and admins).
    #[oai(
        path = "/initiatives/suggestions",
        method = "get",
        operation_id = "initiative_suggestions"
    )]
    async fn suggestions(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<Suggestion>>> {
        Ok(Json(initiatives::suggestions(&state, &current).await?))
    }

    /// Takes a suggestion up: a proposed initiative named after its topic, linked to
    /// its accounts, answers and counter-feedback, owned by the caller.
    #[oai(
        path = "/initiatives/suggestions/take-up",
        method = "post",
        operation_id = "take_up_suggestion"
    )]
    async fn take_up(&self, state: State<'_>, current: CurrentUser, body: Json<Topic>) -> ApiResult<InitiativeCreated> {
        Ok(InitiativeCreated::Created(Json(
            initiatives::take_up(&state, &current, body.0).await?,
        )))
    }

    /// Dismisses a suggestion; its topic is not suggested again.
    #[oai(
        path = "/initiatives/suggestions/dismiss",
        method = "post",
        operation_id = "dismiss_suggestion"
    )]
    async fn dismiss(&self, state: State<'_>, current: CurrentUser, body: Json<Topic>) -> ApiResult<NoContent> {
        initiatives::dismiss(&state, &current, body.0).await?;
        Ok(NoContent::Done)
    }

    /// The team's month (by default the last one that is over): initiatives started
    /// and done, what customers praised most, and what recurs with no initiative on
    /// it yet. Everyone of the organisation reads it; quotes only from the accounts
    /// they see.
    #[oai(path = "/digest", method = "get", operation_id = "team_digest")]
    async fn digest(
        &self,
        state: State<'_>,
        current: CurrentUser,
        /// `2026-11`: from the organisation's first month to the current one.
        month: Query<Option<String>>,
    ) -> ApiResult<Json<TeamDigest>> {
        Ok(Json(digest::for_reader(&state, &current, month.0).await?))
    }

    /// Every initiative, highest revenue at risk of the accounts it touches first.
    #[oai(path = "/initiatives", method = "get", operation_id = "initiatives_list")]
    async fn list(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<InitiativeSummary>>> {
        Ok(Json(initiatives::list(&state, &current).await?))
    }

    /// Creates an initiative, proposed (leaders and admins).
    #[oai(path = "/initiatives", method = "post", operation_id = "initiatives_create")]
    async fn create(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<InitiativeInput>,
    ) -> ApiResult<InitiativeCreated> {
        Ok(InitiativeCreated::Created(Json(
            initiatives::create(&state, &current, body.0).await?,
        )))
    }

    /// One initiative: its evidence, status history and, once done, whether it worked.
    #[oai(path = "/initiatives/:id", method = "get", operation_id = "initiatives_get")]
    async fn get(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<Json<InitiativeView>> {
        Ok(Json(initiatives::get(&state, &current, &id.0).await?))
    }

    /// Edits an initiative (leaders and admins); its check window is fixed once done.
    #[oai(path = "/initiatives/:id", method = "put", operation_id = "initiatives_update")]
    async fn update(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<InitiativeInput>,
    ) -> ApiResult<Json<InitiativeView>> {
        Ok(Json(initiatives::update(&state, &current, &id.0, body.0).await?))
    }

    /// Moves an initiative one step on, or drops it (leaders and admins); dated, with who.
    #[oai(
        path = "/initiatives/:id/status",
        method = "post",
        operation_id = "initiatives_status"
    )]
    async fn change_status(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<StatusInput>,
    ) -> ApiResult<Json<InitiativeView>> {
        Ok(Json(initiatives::change_status(&state, &current, &id.0, body.0).await?))
    }
}
