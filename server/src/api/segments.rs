use kaiku_core::segments::{AdoptSegmentsRequest, NeedSegmentsView};
use poem_openapi::{OpenApi, payload::Json};

use super::ApiTags;
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::segments;

pub struct SegmentsApi;

#[OpenApi(tag = "ApiTags::Segments")]
impl SegmentsApi {
    /// Segments by need: the adopted ones side by side (NPS, health, expectation gap,
    /// revenue at risk, churn causes, themes, what sets each apart), and the grouping
    /// proposed from the accounts' expectations and themes now (leaders and admins).
    #[oai(path = "/segments/needs", method = "get", operation_id = "need_segments")]
    async fn view(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<NeedSegmentsView>> {
        Ok(Json(segments::view(&state, &current).await?))
    }

    /// Adopts need segments as named and adjusted (admins): they replace the ones
    /// adopted before on every account; other segments stay as they are. An empty list
    /// removes the need segments.
    #[oai(path = "/segments/needs", method = "put", operation_id = "adopt_need_segments")]
    async fn adopt(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<AdoptSegmentsRequest>,
    ) -> ApiResult<Json<NeedSegmentsView>> {
        Ok(Json(segments::adopt(&state, &current, body.0).await?))
    }
}
