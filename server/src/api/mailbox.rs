use kaiku_core::mailbox::{MailboxInput, MailboxSettings, MailboxView};
use poem_openapi::{OpenApi, payload::Json};

use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::mailbox;

pub struct MailboxApi;

#[OpenApi(tag = "ApiTags::Integrations")]
impl MailboxApi {
    /// The customer mailbox Kaiku reads emails from, if one is connected (admins);
    /// never its password.
    #[oai(path = "/settings/mailbox", method = "get", operation_id = "mailbox_get")]
    async fn get(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<MailboxSettings>> {
        Ok(Json(mailbox::settings(&state, &current).await?))
    }

    /// Connects the mailbox, or changes its settings (admins). Kaiku logs in and
    /// opens the folder first: settings that do not work are refused with
    /// `mailbox_unreachable`, `field` naming what to change. Emails that arrive from
    /// then on are read, each once.
    #[oai(path = "/settings/mailbox", method = "put", operation_id = "mailbox_connect")]
    async fn connect(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<MailboxInput>,
    ) -> ApiResult<Json<MailboxView>> {
        Ok(Json(mailbox::connect(&state, &current, body.0).await?))
    }

    /// Disconnects the mailbox (admins); the emails read from it stay.
    #[oai(path = "/settings/mailbox", method = "delete", operation_id = "mailbox_disconnect")]
    async fn disconnect(&self, state: State<'_>, current: CurrentUser) -> ApiResult<NoContent> {
        mailbox::disconnect(&state, &current).await?;
        Ok(NoContent::Done)
    }

    /// Reads the mailbox now rather than at the scheduler's next pass (admins).
    #[oai(path = "/settings/mailbox/check", method = "post", operation_id = "mailbox_check")]
    async fn check(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<MailboxView>> {
        Ok(Json(mailbox::check_now(&state, &current).await?))
    }
}
