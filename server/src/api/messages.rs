use kaiku_core::message::{
    AssignInput, MessageCorrection, MessageCounts, MessageImportReport, MessageImportRequest, MessageInput,
    MessagePosted, MessageView,
};
use poem_openapi::param::Path;
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::{message_import, messages};

#[derive(ApiResponse)]
pub(super) enum MessageStored {
    /// Stored.
    #[oai(status = 201)]
    Created(Json<MessagePosted>),
    /// The same message (source and external id) was stored before; that one is returned.
    #[oai(status = 200)]
    Existing(Json<MessagePosted>),
}

impl From<MessagePosted> for MessageStored {
    fn from(posted: MessagePosted) -> MessageStored {
        if posted.created {
            MessageStored::Created(Json(posted))
        } else {
            MessageStored::Existing(Json(posted))
        }
    }
}

pub struct MessagesApi;

#[OpenApi(tag = "ApiTags::Messages")]
impl MessagesApi {
    /// The account's customer messages, newest first.
    #[oai(path = "/accounts/:id/messages", method = "get", operation_id = "account_messages")]
    async fn account_messages(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<Vec<MessageView>>> {
        Ok(Json(messages::account_messages(&state, &current, &id.0).await?))
    }

    /// Writes a message on the account (a meeting note, a call, an email pasted
    /// in); analysed like an answer. The same `external_id` from the same source
    /// is stored once.
    #[oai(
        path = "/accounts/:id/messages",
        method = "post",
        operation_id = "account_message_post"
    )]
    async fn post_on_account(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<MessageInput>,
    ) -> ApiResult<MessageStored> {
        Ok(messages::post_on_account(&state, &current, &id.0, body.0).await?.into())
    }

    /// The newest messages (at most 500) on the accounts the caller is the lead or
    /// on the team of.
    #[oai(path = "/messages", method = "get", operation_id = "messages_mine")]
    async fn mine(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<MessageView>>> {
        Ok(Json(messages::mine(&state, &current).await?))
    }

    /// The Unmatched queue (leaders and admins): messages whose sender matched no
    /// account, newest first.
    #[oai(path = "/messages/unmatched", method = "get", operation_id = "messages_unmatched")]
    async fn unmatched(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<MessageView>>> {
        Ok(Json(messages::unmatched(&state, &current).await?))
    }

    /// Imports messages from CSV (leaders and admins): `source` and `body` columns,
    /// optionally `received_at`, `sender_name`, `sender_email`, `subject`,
    /// `external_id`, `account` (by name), `language`. Each row is stored like a
    /// posted message (once per source and external id) or refused with its column
    /// and reason; `dry_run` previews.
    #[oai(path = "/messages/import", method = "post", operation_id = "messages_import")]
    async fn import(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<MessageImportRequest>,
    ) -> ApiResult<Json<MessageImportReport>> {
        Ok(Json(message_import::import(&state, &current, body.0).await?))
    }

    /// The numbers beside "Messages" in the navigation.
    #[oai(path = "/messages/counts", method = "get", operation_id = "messages_counts")]
    async fn counts(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<MessageCounts>> {
        Ok(Json(messages::counts(&state, &current).await?))
    }

    /// The caller has looked at their messages: the count of new ones starts again.
    #[oai(path = "/messages/seen", method = "post", operation_id = "messages_seen")]
    async fn seen(&self, state: State<'_>, current: CurrentUser) -> ApiResult<NoContent> {
        messages::mark_seen(&state, &current).await?;
        Ok(NoContent::Done)
    }

    /// One message with its analysis.
    #[oai(path = "/messages/:id", method = "get", operation_id = "message_get")]
    async fn get(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<Json<MessageView>> {
        Ok(Json(messages::one(&state, &current, &id.0).await?))
    }

    /// Places a message on an account (leaders and admins); `teach_domain` makes
    /// the sender's domain match that account from now on (never a free-mail one).
    #[oai(path = "/messages/:id/assign", method = "post", operation_id = "message_assign")]
    async fn assign(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<AssignInput>,
    ) -> ApiResult<Json<MessageView>> {
        Ok(Json(messages::assign(&state, &current, &id.0, body.0).await?))
    }

    /// Corrects a label of the message's analysis; the organisation's model learns it.
    #[oai(
        path = "/messages/:id/corrections",
        method = "post",
        operation_id = "message_correct"
    )]
    async fn correct(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<MessageCorrection>,
    ) -> ApiResult<Json<MessageView>> {
        Ok(Json(messages::correct(&state, &current, &id.0, body.0).await?))
    }
}
