use kaiku_core::survey::{ResponseView, RoundView, StartRoundRequest, SurveyLinkView, TemplateView};
use poem_openapi::param::{Path, Query};
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::ApiTags;
use super::paged::Paged;
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::surveys;

pub struct SurveysApi;

#[derive(ApiResponse)]
enum RoundStarted {
    /// Sent: each link's `link` is shown this once, and the emails are in the outbox.
    #[oai(status = 201)]
    Created(Json<RoundView>),
}

#[OpenApi(tag = "ApiTags::Surveys")]
impl SurveysApi {
    /// The survey templates the organisation can send.
    #[oai(path = "/survey-templates", method = "get", operation_id = "templates")]
    async fn templates(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<TemplateView>>> {
        Ok(Json(surveys::templates(&state, &current).await?))
    }

    /// Saves an edited template as its new version (admins). Rounds already sent keep
    /// what they asked.
    #[oai(path = "/survey-templates/:id", method = "put", operation_id = "update_template")]
    async fn update_template(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<TemplateView>,
    ) -> ApiResult<Json<TemplateView>> {
        Ok(Json(surveys::update_template(&state, &current, &id.0, body.0).await?))
    }

    /// Goes back to the built-in version of a template (admins).
    #[oai(path = "/survey-templates/:id", method = "delete", operation_id = "reset_template")]
    async fn reset_template(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<TemplateView>> {
        Ok(Json(surveys::reset_template(&state, &current, &id.0).await?))
    }

    /// The account's survey rounds, newest first, with each contact's link status: the
    /// newest `ROUNDS_PAGE` (10), or those sent before the round `before`. While older
    /// ones remain, `Link` names them (`rel="next"`).
    #[oai(path = "/accounts/:id/rounds", method = "get", operation_id = "rounds")]
    async fn rounds(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        before: Query<Option<String>>,
    ) -> ApiResult<Paged<RoundView>> {
        let page = surveys::rounds(&state, &current, &id.0, before.0.as_deref()).await?;
        Ok(Paged::new(page, &format!("/api/v1/accounts/{}/rounds", id.0)))
    }

    /// Sends a survey to some of the account's contacts, each with a personal link.
    #[oai(path = "/accounts/:id/rounds", method = "post", operation_id = "start_round")]
    async fn start_round(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<StartRoundRequest>,
    ) -> ApiResult<RoundStarted> {
        Ok(RoundStarted::Created(Json(
            surveys::start_round(&state, &current, &id.0, body.0).await?,
        )))
    }

    /// The account's answered surveys, newest first, answers verbatim: the newest
    /// `RESPONSES_PAGE` (100), or those answered before the link `before`. While older
    /// ones remain, `Link` names them (`rel="next"`).
    #[oai(path = "/accounts/:id/responses", method = "get", operation_id = "responses")]
    async fn responses(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        before: Query<Option<String>>,
    ) -> ApiResult<Paged<ResponseView>> {
        let page = surveys::responses(&state, &current, &id.0, before.0.as_deref()).await?;
        Ok(Paged::new(page, &format!("/api/v1/accounts/{}/responses", id.0)))
    }

    /// Withdraws an unanswered link; opening it then shows that it is no longer valid.
    #[oai(path = "/survey-links/:id/revoke", method = "post", operation_id = "surveys_revoke")]
    async fn revoke(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<SurveyLinkView>> {
        Ok(Json(surveys::revoke_link(&state, &current, &id.0).await?))
    }

    /// Sends the contact a new link with a new deadline; the old link stops working.
    #[oai(path = "/survey-links/:id/resend", method = "post", operation_id = "resend")]
    async fn resend(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<SurveyLinkView>> {
        Ok(Json(surveys::resend_link(&state, &current, &id.0).await?))
    }
}
