use kaiku_core::case::{
    CaseCounts, CaseEmailDraft, CaseScope, CaseStatus, CaseSummary, CaseView, CloseInput, OpenCaseInput, ReassignInput,
    ReopenInput, ServiceLevels, Severity, Step, StepInput,
};
use kaiku_core::case_stats::CaseStats;
use poem_openapi::param::{Path, Query};
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::ApiTags;
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::cases::{self, CaseFilter, Opened};

#[derive(ApiResponse)]
enum CaseOpened {
    /// A new case was opened.
    #[oai(status = 201)]
    Created(Json<CaseView>),
    /// The account already had an open case; this was added to it.
    #[oai(status = 200)]
    Attached(Json<CaseView>),
}

pub struct CasesApi;

#[OpenApi(tag = "ApiTags::Cases")]
impl CasesApi {
    /// Cases of the accounts the caller sees: `mine` (default), `my_accounts`, or
    /// `all` (leaders and admins); newest first, filtered.
    #[oai(path = "/cases", method = "get", operation_id = "cases_list")]
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        state: State<'_>,
        current: CurrentUser,
        scope: Query<Option<CaseScope>>,
        status: Query<Option<CaseStatus>>,
        overdue: Query<Option<bool>>,
        severity: Query<Option<Severity>>,
        owner: Query<Option<String>>,
        account: Query<Option<String>>,
    ) -> ApiResult<Json<Vec<CaseSummary>>> {
        let filter = CaseFilter {
            scope: scope.0.unwrap_or(CaseScope::Mine),
            status: status.0,
            overdue: overdue.0,
            severity: severity.0,
            owner: owner.0,
            account: account.0,
        };
        Ok(Json(cases::list(&state, &current, filter).await?))
    }

    /// The numbers beside "Cases" in the navigation: the caller's open cases and the
    /// open cases of the accounts they see, with how many are overdue.
    #[oai(path = "/cases/counts", method = "get", operation_id = "cases_counts")]
    async fn counts(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<CaseCounts>> {
        Ok(Json(cases::counts(&state, &current).await?))
    }

    /// The leadership panel (leaders and admins): times to acknowledge, to first
    /// contact and to close, service levels kept and customers recovered, per owner
    /// and overall, for `quarter` (`2026-Q4`; the current one by default) and the one before.
    #[oai(path = "/cases/stats", method = "get", operation_id = "cases_stats")]
    async fn stats(
        &self,
        state: State<'_>,
        current: CurrentUser,
        quarter: Query<Option<String>>,
    ) -> ApiResult<Json<CaseStats>> {
        Ok(Json(cases::stats(&state, &current, quarter.0.as_deref()).await?))
    }

    /// Opens a case by hand from an answer, a counter-feedback or the account; an
    /// account with an open case gets this added to it.
    #[oai(path = "/cases", method = "post", operation_id = "cases_open")]
    async fn open(&self, state: State<'_>, current: CurrentUser, body: Json<OpenCaseInput>) -> ApiResult<CaseOpened> {
        Ok(match cases::open(&state, &current, body.0).await? {
            Opened::New(view) => CaseOpened::Created(Json(view)),
            Opened::Attached(view) => CaseOpened::Attached(Json(view)),
        })
    }

    /// One case: the customer's words verbatim, the triggers with their evidence,
    /// deadlines, LATTE steps, linked actions and what happened.
    #[oai(path = "/cases/:id", method = "get", operation_id = "cases_get")]
    async fn get(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<Json<CaseView>> {
        Ok(Json(cases::get(&state, &current, &id.0).await?))
    }

    /// Records a LATTE step; an email step sends the message to the contact.
    #[oai(path = "/cases/:id/steps", method = "post", operation_id = "step")]
    async fn step(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<StepInput>,
    ) -> ApiResult<Json<CaseView>> {
        Ok(Json(cases::record_step(&state, &current, &id.0, body.0).await?))
    }

    /// The first draft of a step's email, in the contact's language, to edit.
    #[oai(path = "/cases/:id/email-draft", method = "get", operation_id = "email_draft")]
    async fn email_draft(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        step: Query<Step>,
        contact: Query<Option<String>>,
    ) -> ApiResult<Json<CaseEmailDraft>> {
        Ok(Json(
            cases::email_draft(&state, &current, &id.0, step.0, contact.0.as_deref()).await?,
        ))
    }

    /// Closes a case: a root cause and a resolution; without an Explain step, the reason.
    #[oai(path = "/cases/:id/close", method = "post", operation_id = "close")]
    async fn close(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<CloseInput>,
    ) -> ApiResult<Json<CaseView>> {
        Ok(Json(cases::close(&state, &current, &id.0, body.0).await?))
    }

    /// Reopens a closed case with a reason; refused while another case of the account is open.
    #[oai(path = "/cases/:id/reopen", method = "post", operation_id = "reopen")]
    async fn reopen(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<ReopenInput>,
    ) -> ApiResult<Json<CaseView>> {
        Ok(Json(cases::reopen(&state, &current, &id.0, body.0).await?))
    }

    /// Gives an open case to another person who sees the account, with the reason.
    #[oai(path = "/cases/:id/reassign", method = "post", operation_id = "reassign")]
    async fn reassign(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<ReassignInput>,
    ) -> ApiResult<Json<CaseView>> {
        Ok(Json(cases::reassign(&state, &current, &id.0, body.0).await?))
    }

    /// The organisation's service levels for cases.
    #[oai(path = "/settings/cases", method = "get", operation_id = "service_levels")]
    async fn service_levels(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<ServiceLevels>> {
        Ok(Json(cases::service_levels(&state, &current).await?))
    }

    /// Sets the service levels (admins); cases opened from then on follow them.
    #[oai(path = "/settings/cases", method = "put", operation_id = "set_service_levels")]
    async fn set_service_levels(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<ServiceLevels>,
    ) -> ApiResult<Json<ServiceLevels>> {
        Ok(Json(cases::set_service_levels(&state, &current, body.0).await?))
    }
}
