//! Response rate (leaders and admins): `GET /response-rates` — each month of the last
//! year, for all accounts and each segment, the share of the survey links sent that
//! were answered, the last settled month tested against the six before it
//! (`kaiku_core::response_rate`) and, where it fell, the rounds behind it; and the
//! email that tells the leaders and admins of each fall, which the digests job sends
//! once per organisation and month when the month's every link is answered or closed.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use kaiku_core::Lang;
use kaiku_core::digest::month_name;
use kaiku_core::evidence::Month;
use kaiku_core::response_rate::{
    MONTHS, RateGroup, ResponseRateView, RoundRate, SentLink, monthly, sort_rounds, test_falls,
};
use surrealdb::types::RecordId;

use super::auth::CurrentUser;
use super::digest::email_to;
use super::mail::{self, ResponseRateFallContext};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::Visibility;
use crate::store::counterfeedback::Email;
use crate::store::key_of;
use crate::store::response_rate::SentLinkRow;

pub async fn view(state: &AppState, current: &CurrentUser) -> ApiResult<ResponseRateView> {
    if !current.role().sees_all_accounts() {
        return Err(ApiError::forbidden());
    }
    rates_of(state, current.org(), state.now()).await
}

/// The organisation's rates at `now`. Archived accounts count in the months they were
/// asked, so archiving one does not rewrite the past.
async fn rates_of(state: &AppState, org: &RecordId, now: DateTime<Utc>) -> ApiResult<ResponseRateView> {
    let months = Month::last(now, MONTHS);
    let accounts = state.store.accounts(org, Visibility::All, true).await?;
    let accounts: HashMap<String, (String, Vec<String>)> = accounts
        .into_iter()
        .map(|a| (key_of(&a.id), (a.name, a.segments)))
        .collect();
    let links: Vec<(SentLinkRow, SentLink)> = state
        .store
        .sent_links_since(org, months[0].start())
        .await?
        .into_iter()
        .filter(|row| accounts.contains_key(&key_of(&row.account)))
        .map(|row| {
            let fact = row.fact();
            (row, fact)
        })
        .collect();
    let segments: BTreeSet<&String> = accounts.values().flat_map(|(_, segments)| segments).collect();
    let groups: Vec<Option<String>> = std::iter::once(None)
        .chain(segments.into_iter().map(|s| Some(s.clone())))
        .collect();
    let in_group = |row: &SentLinkRow, group: &Option<String>| {
        group.as_ref().is_none_or(|segment| {
            accounts
                .get(&key_of(&row.account))
                .is_some_and(|(_, segments)| segments.contains(segment))
        })
    };
    let rates: Vec<_> = groups
        .iter()
        .map(|group| {
            let facts: Vec<&SentLink> = links
                .iter()
                .filter(|(row, _)| in_group(row, group))
                .map(|(_, fact)| fact)
                .collect();
            monthly(&facts, &months, now)
        })
        .collect();
    let tests = test_falls(&rates, &months);
    let groups = groups
        .into_iter()
        .zip(rates)
        .zip(tests)
        .map(|((segment, months_of), test)| {
            let rounds = match test.month.as_deref().and_then(Month::parse) {
                Some(month) if test.fell => {
                    let of_month = links
                        .iter()
                        .filter(|(row, _)| in_group(row, &segment) && Month::of(row.sent_at) == month);
                    rounds_behind(of_month, &accounts, now)
                }
                _ => Vec::new(),
            };
            RateGroup {
                segment,
                months: months_of,
                test,
                rounds,
            }
        })
        .collect();
    Ok(ResponseRateView {
        months: months.iter().map(|m| m.label()).collect(),
        groups,
    })
}

/// The rounds the links were sent in, each counted.
fn rounds_behind<'a>(
    links: impl Iterator<Item = &'a (SentLinkRow, SentLink)>,
    accounts: &HashMap<String, (String, Vec<String>)>,
    now: DateTime<Utc>,
) -> Vec<RoundRate> {
    let mut rounds: HashMap<String, RoundRate> = HashMap::new();
    for (row, fact) in links {
        let account_id = key_of(&row.account);
        let round = rounds.entry(key_of(&row.round)).or_insert_with(|| RoundRate {
            round: key_of(&row.round),
            account: accounts
                .get(&account_id)
                .map(|(name, _)| name.clone())
                .unwrap_or_default(),
            account_id,
            sent_on: row.sent_at.date_naive(),
            sent: 0,
            answered: 0,
        });
        round.sent_on = round.sent_on.min(row.sent_at.date_naive());
        round.sent += 1;
        if fact.answered(now) {
            round.answered += 1;
        }
    }
    let mut rounds: Vec<RoundRate> = rounds.into_values().collect();
    sort_rounds(&mut rounds);
    rounds
}

/// The emails telling the organisation's leaders and admins of the groups whose
/// response rate fell in `month` (none when nothing fell); `None` while a link of the
/// month can still be answered.
pub(super) async fn fall_emails(
    state: &AppState,
    org: &RecordId,
    month: Month,
    now: DateTime<Utc>,
) -> ApiResult<Option<Vec<Email>>> {
    if state.store.month_has_open_links(org, month, now).await? {
        return Ok(None);
    }
    let period = month.label();
    let falls: Vec<RateGroup> = rates_of(state, org, now)
        .await?
        .groups
        .into_iter()
        .filter(|group| group.test.fell && group.test.month.as_deref() == Some(period.as_str()))
        .collect();
    let mut emails = Vec::new();
    if falls.is_empty() {
        return Ok(Some(emails));
    }
    let link = format!("{}/trends#response-rate", state.config.public_url);
    for user in state.store.users(org).await?.into_iter() {
        if !user.active || !user.role().sees_all_accounts() {
            continue;
        }
        let lang = Lang::from_tag(&user.language).unwrap_or(Lang::Fi);
        let message = mail::response_rate_fall(
            lang,
            &ResponseRateFallContext {
                month: &month_name(month, lang),
                falls: &falls,
                link: &link,
            },
        );
        emails.push(email_to(user.email, message));
    }
    Ok(Some(emails))
}
