//! "You said, we did" from the server's side: finding what was done because of each
//! contact's words (closed cases, done actions made of development points), the
//! lead's review, and telling — in the next round's invitation and on its survey
//! page, or at once by email. The rules are `kaiku_core::said_we_did`'s.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kaiku_core::Lang;
use kaiku_core::said_we_did::{
    self, AccountShare, AccountWeDid, Candidate, Review, ReviewInput, SendNowInput, Told, ToldChannel, WeDidEntry,
    WeDidItem, WeDidSource, WeDidStatus,
};

use super::accounts::{self, People, can_manage, managed_account, visible_account};
use super::analysis::development_points;
use super::auth::CurrentUser;
use super::cases::links_of;
use super::evidence::AccountData;
use super::initiatives;
use super::message_links;
use super::surveys::organisation_name;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::AccountRow;
use crate::store::contacts::ContactRow;
use crate::store::counterfeedback::Email;
use crate::store::decode::Unreadable;
use crate::store::said_we_did::{Listener, ReviewContent, ToldContent, new_message_id};
use crate::store::surveys::LinkRow;
use crate::store::{id_from_key, key_of};
use surrealdb::types::RecordId;

/// An account's items and the responses that asked for something, read once.
struct Found {
    items: Vec<WeDidItem>,
    /// Responses with a development point or that opened a case.
    feedback: Vec<String>,
}

/// The customer's words in a response: its open answers, as written.
fn words_of(link: &LinkRow) -> Result<String, Unreadable> {
    Ok(link
        .answers()?
        .into_iter()
        .filter_map(|answer| answer.text.filter(|text| !text.trim().is_empty()))
        .collect::<Vec<_>>()
        .join(" "))
}

fn listener_of(contact: &ContactRow) -> Result<(String, String, Lang), Unreadable> {
    Ok((key_of(&contact.id), contact.name.clone(), contact.language()?))
}

/// Everything done because of a contact's words on this account: each closed case
/// with the first response that opened it, each done action made of a development
/// point. Words of contacts since removed are left out: there is nobody to tell.
async fn find(state: &AppState, account: &AccountRow, contacts: &[ContactRow], people: &People) -> ApiResult<Found> {
    let org = &account.org;
    let data = AccountData::load(state, account.clone()).await?;
    let cases = state.store.account_cases(org, &account.id).await?;
    let trigger_links = state.store.case_trigger_links(org).await?;
    let mut candidates = Vec::new();
    let mut feedback = Vec::new();
    let mut candidate = |source, source_id: &RecordId, link_id: &RecordId, said, did, done_at| -> ApiResult<()> {
        let Some(link) = data.links.iter().find(|l| &l.id == link_id) else {
            return Ok(());
        };
        let Some(contact) = contacts.iter().find(|c| c.id == link.contact) else {
            return Ok(());
        };
        let (contact_id, contact_name, language) = listener_of(contact)?;
        let said = match said {
            Some(said) => said,
            None => words_of(link)?,
        };
        candidates.push(Candidate {
            source,
            source_id: key_of(source_id),
            response: key_of(link_id),
            contact_id,
            contact_name,
            language,
            said,
            did,
            done_at,
        });
        Ok(())
    };
    for case in &cases {
        let links = links_of(&trigger_links, &case.id);
        feedback.extend(links.iter().map(|link| key_of(link)));
        if let (Some(first), Some(closed_at)) = (links.first(), case.closed_at.filter(|_| !case.is_open())) {
            candidate(
                WeDidSource::ClosedCase,
                &case.id,
                first,
                None,
                case.resolution.clone(),
                closed_at,
            )?;
        }
    }
    for action in data.actions.iter().filter(|a| a.status == "done") {
        if let (Some(link), Some(point)) = (&action.source_link, &action.source_point) {
            candidate(
                WeDidSource::DoneAction,
                &action.id,
                link,
                Some(point.clone()),
                action.text.clone(),
                action.updated_at,
            )?;
        }
    }
    for initiative in initiatives::done_for_account(state, org, &account.id).await? {
        let did = match initiative.description.trim() {
            "" => initiative.title.clone(),
            description => format!("{}: {description}", initiative.title),
        };
        for answer in &initiative.answers {
            let source = said_we_did::initiative_source_id(&initiative.id, answer);
            candidate(
                WeDidSource::DoneInitiative,
                &id_from_key("initiative", &source),
                &id_from_key("survey_link", answer),
                None,
                did.clone(),
                initiative.done_at,
            )?;
        }
    }
    for link in &data.links {
        if !development_points(&link.analysis()?).is_empty() {
            feedback.push(key_of(&link.id));
        }
    }
    let reviews = state
        .store
        .we_did_reviews(org, &account.id)
        .await?
        .into_iter()
        .map(|row| {
            Ok((
                row.item.clone(),
                Review {
                    status: row.status()?,
                    text: row.text(),
                    reviewed_by: people.person(&row.reviewed_by),
                    reviewed_at: row.reviewed_at,
                },
            ))
        })
        .collect::<Result<Vec<_>, Unreadable>>()?;
    let told = state
        .store
        .we_did_told(org, &account.id)
        .await?
        .iter()
        .map(|row| Ok((row.item.clone(), row.view()?)))
        .collect::<Result<Vec<(String, Told)>, Unreadable>>()?;
    Ok(Found {
        items: said_we_did::assemble(candidates, &reviews, &told),
        feedback,
    })
}

async fn account_view(state: &AppState, current: &CurrentUser, account: &AccountRow) -> ApiResult<AccountWeDid> {
    let contacts = state.store.contacts(current.org(), &account.id).await?;
    let people = People::load(state, current).await?;
    let found = find(state, account, &contacts, &people).await?;
    Ok(AccountWeDid {
        share: said_we_did::share(&found.feedback, &said_we_did::answered_responses(&found.items)),
        items: found.items,
        can_review: can_manage(current, account),
    })
}

/// `GET /accounts/{id}/we-did`: whoever sees the account sees what was done and told.
pub async fn account(state: &AppState, current: &CurrentUser, account_key: &str) -> ApiResult<AccountWeDid> {
    let account = visible_account(state, current, account_key).await?;
    account_view(state, current, &account).await
}

/// The lead (or a leader or admin) saves an item's texts and decision together; an
/// approval needs both texts in the language of the contact who will read them.
pub async fn review(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    item_id: &str,
    input: ReviewInput,
) -> ApiResult<AccountWeDid> {
    let account = managed_account(state, current, account_key).await?;
    let contacts = state.store.contacts(current.org(), &account.id).await?;
    let people = People::load(state, current).await?;
    let found = find(state, &account, &contacts, &people).await?;
    let item = found
        .items
        .iter()
        .find(|item| item.id == item_id)
        .ok_or_else(ApiError::not_found)?;
    let text = input.text.normalised();
    let field_error = |e: kaiku_core::validate::FieldError| ApiError::validation(e.field, e.message());
    text.check().map_err(field_error)?;
    if input.status == WeDidStatus::Approved {
        text.check_approvable(item.language).map_err(field_error)?;
    }
    state
        .store
        .save_we_did_review(ReviewContent::new(
            current.org(),
            &account.id,
            &item.id,
            input.status,
            text,
            &current.user.id,
            state.now(),
        ))
        .await?;
    account_view(state, current, &account).await
}

/// Tells one contact at once, by a short email in their language, everything approved
/// for them and not yet told; refused for a contact who opted out, and when there is
/// nothing to tell.
pub async fn send_now(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    input: SendNowInput,
) -> ApiResult<AccountWeDid> {
    let account = managed_account(state, current, account_key).await?;
    let contacts = state.store.contacts(current.org(), &account.id).await?;
    let contact = contacts
        .iter()
        .find(|c| key_of(&c.id) == input.contact_id)
        .ok_or_else(|| ApiError::validation("contact_id", "no such contact on this account"))?;
    if contact.opted_out_at.is_some() {
        return Err(ApiError::validation(
            "contact_id",
            format!("{} asked not to get emails from us any more", contact.name),
        ));
    }
    let people = People::load(state, current).await?;
    let found = find(state, &account, &contacts, &people).await?;
    let language = contact.language()?;
    let digest = said_we_did::digest_for(&found.items, &key_of(&contact.id), language);
    if digest.is_empty() {
        return Err(ApiError::validation(
            "contact_id",
            "nothing approved is waiting to be told to this contact",
        ));
    }
    let entries: Vec<WeDidEntry> = digest.iter().map(|(_, entry)| entry.clone()).collect();
    let organisation = organisation_name(state, current.org()).await?;
    let email = said_we_did::we_did_email(language, &organisation, &contact.name, &current.user.name, &entries)
        .with_opt_out(language, message_links::OPT_OUT_LINK);
    let now = state.now();
    let message_id = new_message_id();
    let to = listener(contact, language);
    let told = digest
        .iter()
        .map(|(item, entry)| ToldContent::by_email(&to, item, entry, &message_id, now))
        .collect();
    state
        .store
        .send_we_did_email(
            &to,
            message_id,
            Email {
                recipient: contact.email.clone(),
                subject: email.subject,
                body: email.body,
            },
            told,
            now,
        )
        .await?;
    account_view(state, current, &account).await
}

fn listener(contact: &ContactRow, language: Lang) -> Listener<'_> {
    Listener {
        org: &contact.org,
        account: &contact.account,
        contact: &contact.id,
        contact_name: &contact.name,
        language,
    }
}

/// `GET /we-did/shares`: for each account the caller sees (not archived), how much of
/// its feedback was answered with a "we did" — read for the whole organisation at once.
pub async fn shares(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<AccountShare>> {
    let org = current.org();
    let accounts = accounts::list(state, current, false).await?;
    let trigger_links = state.store.case_trigger_links(org).await?;
    let case_accounts: HashMap<String, RecordId> = state
        .store
        .cases(org, None)
        .await?
        .into_iter()
        .map(|case| (key_of(&case.id), case.account))
        .collect();
    let mut feedback: HashMap<String, Vec<String>> = HashMap::new();
    for link in state.store.answered_link_analyses(org).await? {
        if !development_points(&link.analysis()?).is_empty() {
            feedback
                .entry(key_of(&link.account))
                .or_default()
                .push(key_of(&link.id));
        }
    }
    for (case, link) in &trigger_links {
        if let Some(account) = case_accounts.get(&key_of(case)) {
            feedback.entry(key_of(account)).or_default().push(key_of(link));
        }
    }
    let actions = state.store.action_sources(org).await?;
    let mut answered: HashMap<String, Vec<String>> = HashMap::new();
    for told in state.store.we_did_told_items(org).await? {
        // The response behind the item: the case's first, or the action's source.
        let response = match said_we_did::parse_item_id(&told.item) {
            Some((WeDidSource::ClosedCase, case)) => links_of(&trigger_links, &id_from_key("customer_case", case))
                .first()
                .map(|link| key_of(link)),
            Some((WeDidSource::DoneAction, action)) => actions
                .iter()
                .find(|a| key_of(&a.id) == action)
                .map(|a| key_of(&a.source_link)),
            Some((WeDidSource::DoneInitiative, source)) => said_we_did::initiative_response(source).map(str::to_string),
            None => None,
        };
        if let Some(response) = response {
            answered.entry(key_of(&told.account)).or_default().push(response);
        }
    }
    let none = Vec::new();
    Ok(accounts
        .into_iter()
        .map(|account| AccountShare {
            share: said_we_did::share(
                feedback.get(&account.id).unwrap_or(&none),
                answered.get(&account.id).unwrap_or(&none),
            ),
            account: account.id,
            name: account.name,
        })
        .collect())
}

/// What a new round's invitations tell: the account's items, read once per round.
pub struct Digest {
    items: Vec<WeDidItem>,
    now: DateTime<Utc>,
}

impl Digest {
    pub async fn load(state: &AppState, account: &AccountRow, contacts: &[ContactRow]) -> ApiResult<Digest> {
        let people = People::of_org(state, &account.org).await?;
        Ok(Digest {
            items: find(state, account, contacts, &people).await?.items,
            now: state.now(),
        })
    }

    /// What `contact` is to be told, in the language they read now, by item.
    pub fn told_to(&self, contact: &ContactRow) -> Result<Vec<(String, WeDidEntry)>, Unreadable> {
        Ok(said_we_did::digest_for(
            &self.items,
            &key_of(&contact.id),
            contact.language()?,
        ))
    }

    /// The tellings of an invitation on `link`, recorded with the round.
    pub fn told_in_invitation(
        &self,
        contact: &ContactRow,
        link: &RecordId,
        told: &[(String, WeDidEntry)],
        language: Lang,
    ) -> Vec<ToldContent> {
        let to = listener(contact, language);
        told.iter()
            .map(|(item, entry)| ToldContent::on_link(&to, item, entry, ToldChannel::Invitation, link, self.now))
            .collect()
    }
}

/// What a survey page opens with: what its invitation told. Opening it is recorded
/// as telling on the survey page, once per link and item.
pub async fn on_survey_page(state: &AppState, link: &LinkRow) -> ApiResult<Vec<WeDidEntry>> {
    let told = state
        .store
        .we_did_told_on_link(&link.org, &link.id, ToldChannel::Invitation)
        .await?;
    if told.is_empty() {
        return Ok(Vec::new());
    }
    let language = link.language()?;
    let to = Listener {
        org: &link.org,
        account: &link.account,
        contact: &link.contact,
        contact_name: &link.contact_name,
        language,
    };
    let now = state.now();
    let on_page = told
        .iter()
        .map(|row| ToldContent::on_link(&to, &row.item, &row.entry(), ToldChannel::Survey, &link.id, now))
        .collect();
    state.store.record_we_did_told(on_page).await?;
    Ok(told.iter().map(|row| row.entry()).collect())
}
