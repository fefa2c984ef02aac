use kaiku_core::account::{AccountInput, AccountView, ContactInput, ContactView, ImportReport, ImportRequest};
use poem_openapi::param::{Path, Query};
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::{ApiTags, NoContent};
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::{accounts, import};

pub struct AccountsApi;

#[derive(ApiResponse)]
enum AccountCreated {
    #[oai(status = 201)]
    Created(Json<AccountView>),
}

#[derive(ApiResponse)]
enum ContactCreated {
    #[oai(status = 201)]
    Created(Json<ContactView>),
}

#[OpenApi(tag = "ApiTags::Accounts")]
impl AccountsApi {
    /// The accounts the caller may see (members: those they lead or are on), by name.
    #[oai(path = "/accounts", method = "get", operation_id = "accounts_list")]
    async fn list(
        &self,
        state: State<'_>,
        current: CurrentUser,
        include_archived: Query<Option<bool>>,
    ) -> ApiResult<Json<Vec<AccountView>>> {
        Ok(Json(
            accounts::list(&state, &current, include_archived.0.unwrap_or(false)).await?,
        ))
    }

    /// Creates an account (admins and leaders).
    #[oai(path = "/accounts", method = "post", operation_id = "create")]
    async fn create(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<AccountInput>,
    ) -> ApiResult<AccountCreated> {
        Ok(AccountCreated::Created(Json(
            accounts::create(&state, &current, body.0).await?,
        )))
    }

    /// Imports accounts and contacts from CSV (admins and leaders). Refused rows are
    /// listed with the reason; the good rows are written together. `dry_run` previews.
    #[oai(path = "/accounts/import", method = "post", operation_id = "import")]
    async fn import(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<ImportRequest>,
    ) -> ApiResult<Json<ImportReport>> {
        Ok(Json(import::import(&state, &current, body.0).await?))
    }

    /// One account the caller may see: its stage, segments, value, lead and team.
    #[oai(path = "/accounts/:id", method = "get", operation_id = "accounts_get")]
    async fn get(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<Json<AccountView>> {
        Ok(Json(accounts::get(&state, &current, &id.0).await?))
    }

    /// Replaces the account's editable fields (admins, leaders, the account lead).
    #[oai(path = "/accounts/:id", method = "put", operation_id = "accounts_update")]
    async fn update(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<AccountInput>,
    ) -> ApiResult<Json<AccountView>> {
        Ok(Json(accounts::update(&state, &current, &id.0, body.0).await?))
    }

    /// Archives the account: it leaves the lists and keeps its history.
    #[oai(path = "/accounts/:id/archive", method = "post", operation_id = "archive")]
    async fn archive(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<Json<AccountView>> {
        Ok(Json(accounts::set_archived(&state, &current, &id.0, true).await?))
    }

    /// Brings an archived account back.
    #[oai(path = "/accounts/:id/restore", method = "post", operation_id = "restore")]
    async fn restore(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<Json<AccountView>> {
        Ok(Json(accounts::set_archived(&state, &current, &id.0, false).await?))
    }

    /// The account's customer contacts.
    #[oai(path = "/accounts/:id/contacts", method = "get", operation_id = "contacts")]
    async fn contacts(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<Vec<ContactView>>> {
        Ok(Json(accounts::contacts(&state, &current, &id.0).await?))
    }

    /// Adds a customer contact to the account (those who manage it).
    #[oai(path = "/accounts/:id/contacts", method = "post", operation_id = "add_contact")]
    async fn add_contact(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<ContactInput>,
    ) -> ApiResult<ContactCreated> {
        Ok(ContactCreated::Created(Json(
            accounts::add_contact(&state, &current, &id.0, body.0).await?,
        )))
    }

    /// Changes a contact's name, email, role or language.
    #[oai(path = "/contacts/:id", method = "put", operation_id = "update_contact")]
    async fn update_contact(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<ContactInput>,
    ) -> ApiResult<Json<ContactView>> {
        Ok(Json(accounts::update_contact(&state, &current, &id.0, body.0).await?))
    }

    /// Removes a contact; answers they gave stay on the account.
    #[oai(path = "/contacts/:id", method = "delete", operation_id = "remove_contact")]
    async fn remove_contact(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<NoContent> {
        accounts::remove_contact(&state, &current, &id.0).await?;
        Ok(NoContent::Done)
    }
}
