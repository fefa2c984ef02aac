use kaiku_core::survey::{SurveyAnswers, SurveyPage};
use poem_openapi::param::Path;
use poem_openapi::{OpenApi, payload::Json};

use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::{ClientAddress, State};
use crate::service::survey_page;

/// The customer's side: no login, the token in the path is the credential (and no
/// cookie is involved, so these routes need no CSRF token).
pub struct SurveyPageApi;

#[OpenApi(tag = "ApiTags::SurveyPage")]
impl SurveyPageApi {
    /// The survey behind a personal link, with the answers given so far; 410 when the
    /// link expired, was withdrawn or never existed.
    #[oai(path = "/survey/:token", method = "get", operation_id = "survey_page_open")]
    async fn open(&self, state: State<'_>, client: ClientAddress, token: Path<String>) -> ApiResult<Json<SurveyPage>> {
        Ok(Json(survey_page::open(&state, &token.0, &client.0).await?))
    }

    /// Saves answers as they are given (merged into those saved before).
    #[oai(path = "/survey/:token/answers", method = "put", operation_id = "save")]
    async fn save(
        &self,
        state: State<'_>,
        client: ClientAddress,
        token: Path<String>,
        body: Json<SurveyAnswers>,
    ) -> ApiResult<NoContent> {
        survey_page::save(&state, &token.0, &client.0, body.0.answers).await?;
        Ok(NoContent::Done)
    }

    /// Submits the survey. Submitting again records nothing new and answers the same.
    #[oai(path = "/survey/:token/submit", method = "post", operation_id = "submit")]
    async fn submit(
        &self,
        state: State<'_>,
        client: ClientAddress,
        token: Path<String>,
        body: Json<SurveyAnswers>,
    ) -> ApiResult<Json<SurveyPage>> {
        Ok(Json(
            survey_page::submit(&state, &token.0, &client.0, body.0.answers).await?,
        ))
    }
}
