use kaiku_core::initiative::InitiativeView;
use kaiku_core::response_rate::ResponseRateView;
use kaiku_core::topics::{
    OwnedTopic, TopicItem, TopicOwnerView, TopicOwnersInput, TopicReplyInput, TopicReplyView, TopicSource,
};
use kaiku_core::trends::TrendsView;
use poem_openapi::param::{Path, Query};
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::{response_rate, topics, trends};

pub struct TopicsApi;

#[derive(ApiResponse)]
enum ReplyCreated {
    /// The reply is on the account's timeline.
    #[oai(status = 201)]
    Created(Json<TopicReplyView>),
}

#[derive(ApiResponse)]
enum InitiativeProposed {
    /// The initiative was proposed, owned by the caller.
    #[oai(status = 201)]
    Created(Json<InitiativeView>),
}

#[OpenApi(tag = "ApiTags::Topics")]
impl TopicsApi {
    /// Who owns each theme and churn cause.
    #[oai(path = "/settings/topic-owners", method = "get", operation_id = "topic_owners")]
    async fn owners(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<TopicOwnerView>>> {
        Ok(Json(topics::owners(&state, &current).await?))
    }

    /// Replaces the topic owners (admins): one active person per theme or churn cause.
    #[oai(path = "/settings/topic-owners", method = "put", operation_id = "set_topic_owners")]
    async fn set_owners(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<TopicOwnersInput>,
    ) -> ApiResult<Json<Vec<TopicOwnerView>>> {
        Ok(Json(topics::set_owners(&state, &current, body.0).await?))
    }

    /// "My topics": every answer and counter-feedback labelled with a topic the caller
    /// owns, verbatim, with the account and who said it; newest first.
    #[oai(path = "/topics/mine", method = "get", operation_id = "my_topics")]
    async fn mine(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<TopicItem>>> {
        Ok(Json(topics::my_feed(&state, &current).await?))
    }

    /// Marks an item of the caller's feed seen.
    #[oai(path = "/topics/items/:id/seen", method = "post", operation_id = "topic_item_seen")]
    async fn seen(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<NoContent> {
        topics::mark_seen(&state, &current, &id.0).await?;
        Ok(NoContent::Done)
    }

    /// "Not about this topic": corrects the answer's label away, and the organisation's
    /// analysis learns from it as from the team's corrections.
    #[oai(
        path = "/topics/items/:id/not-about",
        method = "post",
        operation_id = "topic_item_not_about"
    )]
    async fn not_about(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<OwnedTopic>,
    ) -> ApiResult<NoContent> {
        topics::not_about(&state, &current, &id.0, body.0).await?;
        Ok(NoContent::Done)
    }

    /// Replies to an item of the caller's feed (its topic given): the reply joins the
    /// account's timeline beside what it answers, for the account's team to read.
    #[oai(
        path = "/topics/items/:id/replies",
        method = "post",
        operation_id = "topic_item_reply"
    )]
    async fn reply(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<TopicReplyInput>,
    ) -> ApiResult<ReplyCreated> {
        Ok(ReplyCreated::Created(Json(
            topics::reply(&state, &current, &id.0, body.0).await?,
        )))
    }

    /// Proposes an initiative from an item of the caller's feed: named after the topic
    /// and the account, owned by the caller, linked to the answer or counter-feedback.
    #[oai(
        path = "/topics/items/:id/initiative",
        method = "post",
        operation_id = "topic_item_initiative"
    )]
    async fn propose_initiative(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<OwnedTopic>,
    ) -> ApiResult<InitiativeProposed> {
        Ok(InitiativeProposed::Created(Json(
            topics::propose_initiative(&state, &current, &id.0, body.0).await?,
        )))
    }

    /// Topic trends (leaders and admins): every theme and churn cause in distinct
    /// accounts per week over 26 weeks, as a share of the active accounts, from answers,
    /// counter-feedback and messages (or one `source`) of all accounts (or one
    /// `segment`); rising and falling topics flagged by a Poisson rate-ratio test of the
    /// last 4 weeks against the 12 before, Benjamini–Hochberg adjusted, with the
    /// accounts and words behind them.
    #[oai(path = "/trends", method = "get", operation_id = "trends")]
    async fn trends(
        &self,
        state: State<'_>,
        current: CurrentUser,
        source: Query<Option<TopicSource>>,
        segment: Query<Option<String>>,
    ) -> ApiResult<Json<TrendsView>> {
        Ok(Json(
            trends::view(&state, &current, source.0, segment.0.as_deref()).await?,
        ))
    }

    /// Response rate (leaders and admins): each month of the last year, for all
    /// accounts and each segment, the survey links sent, answered and still open; the
    /// last month whose links are all answered or closed tested against the six before
    /// it (Fisher's exact test, Benjamini–Hochberg over the groups) and, where it fell,
    /// the rounds of that month, the least answered first.
    #[oai(path = "/response-rates", method = "get", operation_id = "response_rates")]
    async fn response_rates(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<ResponseRateView>> {
        Ok(Json(response_rate::view(&state, &current).await?))
    }
}
