//! Accounts and their contacts, and who may see and change them.

use std::collections::{BTreeMap, HashMap};

use kaiku_core::account::{AccountInput, AccountView, ContactInput, ContactView, PersonRef};
use kaiku_core::{ErrorCode, validate::FieldError};
use surrealdb::types::RecordId;

use super::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::{AccountRow, Visibility};
use crate::store::contacts::ContactError;
use crate::store::decode::Unreadable;
use crate::store::users::UserRow;
use crate::store::{id_from_key, key_of};

/// The organisation's people by id, to name leads and team members.
pub struct People(HashMap<RecordId, UserRow>);

impl People {
    pub async fn load(state: &AppState, current: &CurrentUser) -> ApiResult<People> {
        People::of_org(state, current.org()).await
    }

    /// The people of `org`, for work no one signed in asked for (the scheduler's).
    pub async fn of_org(state: &AppState, org: &RecordId) -> ApiResult<People> {
        let users = state.store.users(org).await?;
        Ok(People(users.into_iter().map(|u| (u.id.clone(), u)).collect()))
    }

    /// Everyone's name by key: what an answer naming people is made of.
    pub fn names(&self) -> BTreeMap<String, &str> {
        self.0
            .iter()
            .map(|(id, user)| (key_of(id), user.name.as_str()))
            .collect()
    }

    pub fn person(&self, id: &RecordId) -> PersonRef {
        PersonRef {
            id: key_of(id),
            name: self.0.get(id).map_or_else(|| "—".to_string(), |u| u.name.clone()),
        }
    }

    /// Leads and team members must be active people of the organisation.
    fn check_active(&self, field: &'static str, key: &str) -> ApiResult<()> {
        match self.0.get(&id_from_key("user", key)) {
            Some(user) if user.active => Ok(()),
            _ => Err(ApiError::validation(
                field,
                format!("{field} names no active person of the organisation"),
            )),
        }
    }
}

pub fn can_see(current: &CurrentUser, account: &AccountRow) -> bool {
    account.people().seen_by(current.role(), &current.user.id)
}

pub fn can_manage(current: &CurrentUser, account: &AccountRow) -> bool {
    account.people().managed_by(current.role(), &current.user.id)
}

fn view(account: &AccountRow, people: &People, current: &CurrentUser) -> Result<AccountView, Unreadable> {
    Ok(AccountView {
        id: key_of(&account.id),
        name: account.name.clone(),
        segments: account.segments.clone(),
        stage: account.stage()?,
        annual_value_eur: account.annual_value_eur,
        lead: account.lead.as_ref().map(|id| people.person(id)),
        team: account.team.iter().map(|id| people.person(id)).collect(),
        start_date: account.start_date()?,
        end_date: account.end_date()?,
        notes: account.notes.clone(),
        archived: account.archived,
        created_at: account.created_at,
        can_manage: can_manage(current, account),
        deletion: account.delete_after,
    })
}

/// The account if the caller may see it; 404 otherwise, so members cannot probe
/// for accounts they are not on.
pub async fn visible_account(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<AccountRow> {
    state
        .store
        .account(current.org(), &id_from_key("account", key))
        .await?
        .filter(|account| can_see(current, account))
        .ok_or_else(ApiError::not_found)
}

pub async fn managed_account(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<AccountRow> {
    let account = visible_account(state, current, key).await?;
    if can_manage(current, &account) {
        Ok(account)
    } else {
        Err(ApiError::forbidden())
    }
}

pub async fn list(state: &AppState, current: &CurrentUser, include_archived: bool) -> ApiResult<Vec<AccountView>> {
    let visibility = if current.role().sees_all_accounts() {
        Visibility::All
    } else {
        Visibility::TeamOf(&current.user.id)
    };
    let accounts = state
        .store
        .accounts(current.org(), visibility, include_archived)
        .await?;
    let people = People::load(state, current).await?;
    Ok(accounts
        .iter()
        .map(|a| view(a, &people, current))
        .collect::<Result<_, _>>()?)
}

pub async fn get(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<AccountView> {
    let account = visible_account(state, current, key).await?;
    let people = People::load(state, current).await?;
    Ok(view(&account, &people, current)?)
}

async fn checked_input(
    state: &AppState,
    current: &CurrentUser,
    input: AccountInput,
) -> ApiResult<(AccountInput, People)> {
    let input = input.normalised();
    input.validate()?;
    let people = People::load(state, current).await?;
    if let Some(lead) = &input.lead_id {
        people.check_active("lead_id", lead)?;
    }
    for member in &input.team_ids {
        people.check_active("team_ids", member)?;
    }
    Ok((input, people))
}

pub async fn create(state: &AppState, current: &CurrentUser, input: AccountInput) -> ApiResult<AccountView> {
    if !current.role().sees_all_accounts() {
        return Err(ApiError::forbidden());
    }
    let (input, people) = checked_input(state, current, input).await?;
    let id = state.store.create_account(current.org(), input, state.now()).await?;
    let account = state
        .store
        .account(current.org(), &id)
        .await?
        .ok_or_else(|| ApiError::internal("account vanished after create"))?;
    Ok(view(&account, &people, current)?)
}

pub async fn update(state: &AppState, current: &CurrentUser, key: &str, input: AccountInput) -> ApiResult<AccountView> {
    let account = managed_account(state, current, key).await?;
    let (input, _) = checked_input(state, current, input).await?;
    if !state.store.update_account(current.org(), &account.id, input).await? {
        return Err(ApiError::not_found());
    }
    get(state, current, key).await
}

/// Archived accounts leave the lists but keep their contacts, rounds and answers.
pub async fn set_archived(
    state: &AppState,
    current: &CurrentUser,
    key: &str,
    archived: bool,
) -> ApiResult<AccountView> {
    let account = managed_account(state, current, key).await?;
    if !state
        .store
        .set_account_archived(current.org(), &account.id, archived)
        .await?
    {
        return Err(ApiError::not_found());
    }
    get(state, current, key).await
}

fn contact_error(err: ContactError) -> ApiError {
    match err {
        ContactError::EmailTaken => ApiError {
            field: Some("email".into()),
            ..ApiError::new(
                ErrorCode::EmailTaken,
                "this account already has a contact with this email",
            )
        },
        ContactError::Db(e) => e.into(),
    }
}

fn checked_contact(input: ContactInput) -> Result<ContactInput, FieldError> {
    let input = input.normalised();
    input.validate()?;
    Ok(input)
}

pub async fn contacts(state: &AppState, current: &CurrentUser, account_key: &str) -> ApiResult<Vec<ContactView>> {
    let account = visible_account(state, current, account_key).await?;
    let contacts = state.store.contacts(current.org(), &account.id).await?;
    Ok(contacts.iter().map(|c| c.view()).collect::<Result<_, _>>()?)
}

pub async fn add_contact(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    input: ContactInput,
) -> ApiResult<ContactView> {
    let account = visible_account(state, current, account_key).await?;
    let input = checked_contact(input)?;
    let id = state
        .store
        .create_contact(current.org(), &account.id, input, state.now())
        .await
        .map_err(contact_error)?;
    contact(state, current, &id).await
}

async fn contact(state: &AppState, current: &CurrentUser, id: &RecordId) -> ApiResult<ContactView> {
    let contact = state
        .store
        .contact(current.org(), id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    visible_account(state, current, &key_of(&contact.account)).await?;
    Ok(contact.view()?)
}

pub async fn update_contact(
    state: &AppState,
    current: &CurrentUser,
    key: &str,
    input: ContactInput,
) -> ApiResult<ContactView> {
    let id = id_from_key("contact", key);
    contact(state, current, &id).await?;
    let input = checked_contact(input)?;
    if !state
        .store
        .update_contact(current.org(), &id, input)
        .await
        .map_err(contact_error)?
    {
        return Err(ApiError::not_found());
    }
    contact(state, current, &id).await
}

pub async fn remove_contact(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<()> {
    let id = id_from_key("contact", key);
    contact(state, current, &id).await?;
    if state.store.delete_contact(current.org(), &id).await? {
        Ok(())
    } else {
        Err(ApiError::not_found())
    }
}
