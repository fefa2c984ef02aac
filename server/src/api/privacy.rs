use kaiku_core::account::AccountView;
use kaiku_core::api::OrganisationView;
use kaiku_core::privacy::{
    ErasureRequest, OrganisationDeletionRequest, PersonExport, PersonHoldings, PersonQuery, Retention,
};
use poem_openapi::param::Path;
use poem_openapi::{OpenApi, payload::Json};

use super::ApiTags;
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::{deletion, privacy};

/// The person is named in the body, never in the path or query, so their email stays
/// out of request logs.
pub struct PrivacyApi;

#[OpenApi(tag = "ApiTags::Privacy")]
impl PrivacyApi {
    /// What the organisation holds about a person, by email, counted (admins).
    #[oai(path = "/privacy/lookups", method = "post", operation_id = "privacy_lookup")]
    async fn lookup(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<PersonQuery>,
    ) -> ApiResult<Json<PersonHoldings>> {
        Ok(Json(privacy::lookup(&state, &current, body.0).await?))
    }

    /// Everything the organisation holds about a person, for a data-subject request
    /// (admins). Recorded in the audit log.
    #[oai(path = "/privacy/exports", method = "post", operation_id = "privacy_export")]
    async fn export(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<PersonQuery>,
    ) -> ApiResult<Json<PersonExport>> {
        Ok(Json(privacy::export(&state, &current, body.0).await?))
    }

    /// Erases a person (admins): contacts, names, emails, the emails sent to them and
    /// their tokens; what they said kept anonymised or deleted, as asked. Recorded in
    /// the audit log without the erased data. Answers what was erased.
    #[oai(path = "/privacy/erasures", method = "post", operation_id = "privacy_erase")]
    async fn erase(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<ErasureRequest>,
    ) -> ApiResult<Json<PersonHoldings>> {
        Ok(Json(privacy::erase(&state, &current, body.0).await?))
    }

    /// How long what customers said is kept with who said it (anyone signed in reads it).
    #[oai(path = "/settings/retention", method = "get", operation_id = "retention_get")]
    async fn retention(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Retention>> {
        Ok(Json(privacy::retention(&state, &current).await?))
    }

    /// Sets the retention (admins). The scheduler then anonymises or deletes survey
    /// answers, re-pulses and messages older than it, a batch per pass.
    #[oai(path = "/settings/retention", method = "put", operation_id = "retention_set")]
    async fn set_retention(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<Retention>,
    ) -> ApiResult<Json<Retention>> {
        Ok(Json(privacy::set_retention(&state, &current, body.0).await?))
    }

    /// Asks for an archived account and everything about it to be deleted once the
    /// grace period is over (admins); 409 `not_archived` for an active account.
    #[oai(
        path = "/accounts/:id/deletion",
        method = "post",
        operation_id = "account_deletion_ask"
    )]
    async fn ask_account_deletion(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<AccountView>> {
        Ok(Json(deletion::ask_account_deletion(&state, &current, &id.0).await?))
    }

    /// Takes back an account's deletion (admins).
    #[oai(
        path = "/accounts/:id/deletion",
        method = "delete",
        operation_id = "account_deletion_cancel"
    )]
    async fn cancel_account_deletion(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<AccountView>> {
        Ok(Json(deletion::cancel_account_deletion(&state, &current, &id.0).await?))
    }

    /// Asks for the whole organisation and all its data to be deleted once the grace
    /// period is over (admins, the organisation's name typed again); every admin is emailed.
    #[oai(
        path = "/organisation/deletion",
        method = "post",
        operation_id = "organisation_deletion_ask"
    )]
    async fn ask_org_deletion(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<OrganisationDeletionRequest>,
    ) -> ApiResult<Json<OrganisationView>> {
        Ok(Json(deletion::ask_org_deletion(&state, &current, body.0).await?))
    }

    /// Takes back the organisation's deletion (admins).
    #[oai(
        path = "/organisation/deletion",
        method = "delete",
        operation_id = "organisation_deletion_cancel"
    )]
    async fn cancel_org_deletion(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<OrganisationView>> {
        Ok(Json(deletion::cancel_org_deletion(&state, &current).await?))
    }
}
