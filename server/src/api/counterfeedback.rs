use kaiku_core::api::{CorrectionRequest, ThemesView};
use kaiku_core::counterfeedback::{
    ActionView, CounterFeedbackRequestView, CounterFeedbackView, FollowUpSettings, RequestList,
};
use kaiku_core::language_model::{LanguageModelInput, LanguageModelView, ProposalDecision, ProposalOutcome};
use kaiku_core::survey::AnswerAnalysis;
use kaiku_core::sync::{SyncRequest, SyncResponse};
use poem_openapi::param::Path;
use poem_openapi::{OpenApi, payload::Json};

use super::ApiTags;
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::{analysis, counterfeedback, language_model, sync};

pub struct CounterFeedbackApi;

#[OpenApi(tag = "ApiTags::CounterFeedback")]
impl CounterFeedbackApi {
    /// The caller's unanswered counter-feedback requests, newest first.
    #[oai(path = "/counter-feedback/requests", method = "get", operation_id = "requests")]
    async fn requests(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<RequestList>> {
        Ok(Json(counterfeedback::open_requests(&state, &current).await?))
    }

    /// One request with the customer's answer verbatim and its development points.
    #[oai(path = "/counter-feedback/requests/:id", method = "get", operation_id = "request")]
    async fn request(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<CounterFeedbackRequestView>> {
        Ok(Json(counterfeedback::request(&state, &current, &id.0).await?))
    }

    /// The account's counter-feedback, newest first.
    #[oai(
        path = "/accounts/:id/counter-feedback",
        method = "get",
        operation_id = "account_counter_feedback"
    )]
    async fn account_counter_feedback(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<Vec<CounterFeedbackView>>> {
        Ok(Json(
            counterfeedback::account_counter_feedback(&state, &current, &id.0).await?,
        ))
    }

    /// The account's actions, open ones first.
    #[oai(path = "/accounts/:id/actions", method = "get", operation_id = "account_actions")]
    async fn account_actions(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<Vec<ActionView>>> {
        Ok(Json(counterfeedback::account_actions(&state, &current, &id.0).await?))
    }

    /// Applies changes made on a device, in order, each client id once. Outcomes are
    /// per mutation: applied, already applied, conflict (with the server's version)
    /// or rejected (with the reason).
    #[oai(path = "/sync", method = "post", operation_id = "sync")]
    async fn sync(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<SyncRequest>,
    ) -> ApiResult<Json<SyncResponse>> {
        Ok(Json(sync::apply(&state, &current, body.0).await?))
    }

    /// When unanswered requests are reminded and escalated.
    #[oai(path = "/settings/follow-up", method = "get", operation_id = "follow_up")]
    async fn follow_up(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<FollowUpSettings>> {
        Ok(Json(counterfeedback::follow_up_settings(&state, &current).await?))
    }

    /// Sets the follow-up days (admins).
    #[oai(path = "/settings/follow-up", method = "put", operation_id = "set_follow_up")]
    async fn set_follow_up(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<FollowUpSettings>,
    ) -> ApiResult<Json<FollowUpSettings>> {
        Ok(Json(
            counterfeedback::set_follow_up_settings(&state, &current, body.0).await?,
        ))
    }

    /// The themes the analysis looks for: built-in and the organisation's own.
    #[oai(path = "/settings/themes", method = "get", operation_id = "themes")]
    async fn themes(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<ThemesView>> {
        Ok(Json(analysis::themes(&state, &current).await?))
    }

    /// Replaces the organisation's own themes (admins); later answers use them.
    #[oai(path = "/settings/themes", method = "put", operation_id = "set_themes")]
    async fn set_themes(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<Vec<kaiku_core::analysis::ThemeDef>>,
    ) -> ApiResult<Json<ThemesView>> {
        Ok(Json(analysis::set_themes(&state, &current, body.0).await?))
    }

    /// Corrects one label of an analysed answer; the organisation's model learns it.
    #[oai(path = "/responses/:id/corrections", method = "post", operation_id = "correct")]
    async fn correct(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<CorrectionRequest>,
    ) -> ApiResult<Json<AnswerAnalysis>> {
        Ok(Json(analysis::correct(&state, &current, &id.0, body.0, None).await?))
    }

    /// "Not a point": a development point of an analysed answer is dismissed, and the
    /// organisation's model learns it.
    #[oai(path = "/responses/:id/not-a-point", method = "post", operation_id = "dismiss_point")]
    async fn dismiss_point(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<kaiku_core::api::NotAPoint>,
    ) -> ApiResult<Json<AnswerAnalysis>> {
        Ok(Json(analysis::dismiss_point(&state, &current, &id.0, body.0).await?))
    }

    /// Whether the optional language model is on (everyone); how it is reached
    /// (admins; an API key only as "set").
    #[oai(
        path = "/settings/language-model",
        method = "get",
        operation_id = "language_model_settings"
    )]
    async fn language_model_settings(
        &self,
        state: State<'_>,
        current: CurrentUser,
    ) -> ApiResult<Json<LanguageModelView>> {
        Ok(Json(language_model::settings(&state, &current).await?))
    }

    /// Turns the language model on or off and sets its endpoint (admins).
    #[oai(
        path = "/settings/language-model",
        method = "put",
        operation_id = "set_language_model_settings"
    )]
    async fn set_language_model_settings(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<LanguageModelInput>,
    ) -> ApiResult<Json<LanguageModelView>> {
        Ok(Json(language_model::set_settings(&state, &current, body.0).await?))
    }

    /// Accepts (it becomes a correction) or dismisses a label the language model
    /// proposed for an answer.
    #[oai(path = "/responses/:id/proposals", method = "post", operation_id = "decide_proposal")]
    async fn decide_proposal(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<ProposalDecision>,
    ) -> ApiResult<Json<ProposalOutcome>> {
        Ok(Json(language_model::decide(&state, &current, &id.0, body.0).await?))
    }
}
