use chrono::{DateTime, Utc};
use kaiku_core::health::{AccountHealthView, Weights, WeightsPreview};
use kaiku_core::heatmap::{CellEvidence, HeatmapHistory, HeatmapView, Signal};
use kaiku_core::overview::{AccountOverview, TimelinePage, TimelineQuery};
use kaiku_core::saved_view::{SavedView, SavedViewInput};
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::{OpenApi, payload::Json};

use super::prepared::Revalidated;
use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::{health, heatmap, overview, saved_views};

pub struct HealthApi;

#[OpenApi(tag = "ApiTags::Health")]
impl HealthApi {
    /// The account's health over the last 180 days: score, risk band, revenue at risk
    /// and each factor's contribution (none without evidence).
    #[oai(path = "/accounts/:id/health", method = "get", operation_id = "account_health")]
    async fn account_health(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<AccountHealthView>> {
        Ok(Json(health::account_health(&state, &current, &id.0).await?))
    }

    /// The combined account view: health now and month by month, each answer beside
    /// the team's counter-feedback on it, labels over time, expectations against
    /// fulfilment, development points and the next three steps.
    #[oai(path = "/accounts/:id/overview", method = "get", operation_id = "overview")]
    async fn overview(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<AccountOverview>> {
        Ok(Json(overview::overview(&state, &current, &id.0).await?))
    }

    /// A page of the account's timeline, newest first (the overview has the first):
    /// entries older than `before` (the last one's `at`), only those of `month`
    /// (`2026-05`), or only answers with a label the analysis is unsure of.
    #[oai(path = "/accounts/:id/timeline", method = "get", operation_id = "timeline")]
    async fn timeline(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        before: Query<Option<DateTime<Utc>>>,
        month: Query<Option<String>>,
        uncertain_only: Query<Option<bool>>,
    ) -> ApiResult<Json<TimelinePage>> {
        let query = TimelineQuery {
            before: before.0,
            month: month.0,
            uncertain_only: uncertain_only.0.unwrap_or(false),
        };
        Ok(Json(overview::timeline_page(&state, &current, &id.0, query).await?))
    }

    /// What a heatmap cell rests on: the health with its factors at the end of `month`
    /// (`2026-05`; now without), the customer's most telling comment and the team's note.
    #[oai(path = "/accounts/:id/evidence", method = "get", operation_id = "evidence")]
    async fn evidence(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        month: Query<Option<String>>,
    ) -> ApiResult<Json<CellEvidence>> {
        Ok(Json(
            heatmap::cell_evidence(&state, &current, &id.0, month.0.as_deref()).await?,
        ))
    }

    /// Every account the caller may see that is not archived, with its signals now.
    /// Answered with an ETag: asked again with it in `If-None-Match`, an unchanged
    /// heatmap is `304 Not Modified`.
    #[oai(path = "/heatmap", method = "get", operation_id = "heatmap")]
    async fn heatmap(
        &self,
        state: State<'_>,
        current: CurrentUser,
        #[oai(name = "If-None-Match")] if_none_match: Header<Option<String>>,
    ) -> ApiResult<Revalidated<HeatmapView>> {
        let answer = heatmap::heatmap_answer(&state, &current).await?;
        Ok(Revalidated::answer(answer, if_none_match.0.as_deref()))
    }

    /// One signal month by month for the same accounts, each month as it stood at its
    /// end; with an ETag as the heatmap.
    #[oai(path = "/heatmap/history", method = "get", operation_id = "history")]
    async fn history(
        &self,
        state: State<'_>,
        current: CurrentUser,
        signal: Query<Signal>,
        #[oai(name = "If-None-Match")] if_none_match: Header<Option<String>>,
    ) -> ApiResult<Revalidated<HeatmapHistory>> {
        let answer = heatmap::history_answer(&state, &current, signal.0).await?;
        Ok(Revalidated::answer(answer, if_none_match.0.as_deref()))
    }

    /// The caller's saved heatmap views, by name.
    #[oai(path = "/heatmap/views", method = "get", operation_id = "saved_views")]
    async fn saved_views(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<SavedView>>> {
        Ok(Json(saved_views::list(&state, &current).await?))
    }

    /// Keeps the heatmap's view under a name, replacing the caller's view of that name
    /// (at most 30 views each).
    #[oai(path = "/heatmap/views", method = "post", operation_id = "save_view")]
    async fn save_view(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<SavedViewInput>,
    ) -> ApiResult<Json<SavedView>> {
        Ok(Json(saved_views::save(&state, &current, body.0).await?))
    }

    /// Deletes one of the caller's saved views.
    #[oai(path = "/heatmap/views/:id", method = "delete", operation_id = "delete_saved_view")]
    async fn delete_saved_view(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<NoContent> {
        saved_views::delete(&state, &current, &id.0).await?;
        Ok(NoContent::Done)
    }

    /// How much each factor counts in the health score.
    #[oai(path = "/settings/health-weights", method = "get", operation_id = "weights")]
    async fn weights(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Weights>> {
        Ok(Json(health::health_weights(&state, &current).await?))
    }

    /// Sets the weights (admins); each 0–10, not all zero.
    #[oai(path = "/settings/health-weights", method = "put", operation_id = "set_weights")]
    async fn set_weights(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<Weights>,
    ) -> ApiResult<Json<Weights>> {
        Ok(Json(health::set_health_weights(&state, &current, body.0).await?))
    }

    /// Previews weights (admins) before they are set: the ten least healthy accounts
    /// under them, each with its score, band and place now and then, and how many
    /// accounts would change risk band. Nothing is saved.
    #[oai(
        path = "/settings/health-weights/preview",
        method = "post",
        operation_id = "preview_weights"
    )]
    async fn preview_weights(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<Weights>,
    ) -> ApiResult<Json<WeightsPreview>> {
        Ok(Json(health::preview_weights(&state, &current, body.0).await?))
    }
}
