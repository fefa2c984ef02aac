use kaiku_core::cycle::{
    AccountCycleInput, AccountCycleView, OrgUpcomingRound, ScheduleSettingsView, SkipRoundRequest,
};
use kaiku_core::overdue::OverdueAccount;
use poem_openapi::param::Path;
use poem_openapi::{OpenApi, payload::Json};

use super::ApiTags;
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::{cycles, overdue};

pub struct CyclesApi;

#[OpenApi(tag = "ApiTags::Cycles")]
impl CyclesApi {
    /// The account's feedback cycle: the rule in force and where it comes from, the
    /// coming rounds and what was decided for past ones.
    #[oai(path = "/accounts/:id/cycle", method = "get", operation_id = "account_cycle")]
    async fn account_cycle(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<AccountCycleView>> {
        Ok(Json(cycles::account_cycle(&state, &current, &id.0).await?))
    }

    /// Sets the account's own rule (none: the organisation's default) and pauses or
    /// resumes its cycle.
    #[oai(path = "/accounts/:id/cycle", method = "put", operation_id = "set_account_cycle")]
    async fn set_account_cycle(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<AccountCycleInput>,
    ) -> ApiResult<Json<AccountCycleView>> {
        Ok(Json(cycles::set_account_cycle(&state, &current, &id.0, body.0).await?))
    }

    /// Skips one coming round, or takes the skip back.
    #[oai(path = "/accounts/:id/cycle/skip", method = "post", operation_id = "skip_round")]
    async fn skip_round(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<SkipRoundRequest>,
    ) -> ApiResult<Json<AccountCycleView>> {
        Ok(Json(cycles::skip_round(&state, &current, &id.0, body.0).await?))
    }

    /// The coming rounds of the accounts the caller sees (the next three months).
    #[oai(path = "/cycles/upcoming", method = "get", operation_id = "upcoming")]
    async fn upcoming(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<OrgUpcomingRound>>> {
        Ok(Json(cycles::upcoming(&state, &current).await?))
    }

    /// Who owes what, per account: unanswered surveys past their first reminder,
    /// counter-feedback past its reminder day, actions past their due date.
    #[oai(path = "/overdue", method = "get", operation_id = "overdue")]
    async fn overdue(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<OverdueAccount>>> {
        Ok(Json(overdue::overdue(&state, &current).await?))
    }

    /// Time zone, working hours, throttling, reminder days and default rules.
    #[oai(path = "/settings/schedule", method = "get", operation_id = "schedule")]
    async fn schedule(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<ScheduleSettingsView>> {
        Ok(Json(cycles::schedule_settings(&state, &current).await?))
    }

    /// Saves the organisation's schedule settings: time zone, working hours, throttles, reminders (admins).
    #[oai(path = "/settings/schedule", method = "put", operation_id = "set_schedule")]
    async fn set_schedule(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<ScheduleSettingsView>,
    ) -> ApiResult<Json<ScheduleSettingsView>> {
        Ok(Json(cycles::set_schedule_settings(&state, &current, body.0).await?))
    }
}
