//! Digests: the team's month (`kaiku_core::digest`), built from the data whenever it
//! is read, for a reader (quotes only from the accounts they see), in the app for any
//! month since the organisation's history began, and emailed to every active person
//! once the month is over; each topic owner's week, everything said about their
//! topics verbatim, emailed once the week is over; and each seller's quarter, which of
//! the promises they recorded keep and which broke, in the customers' words; and the
//! leaders' word of a month whose response rate fell (`response_rate`). A
//! scheduler job sends them; each period of each organisation goes once, recorded
//! with its emails. Nobody gets an email with nothing in it.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use kaiku_core::Lang;
use kaiku_core::analysis::ThemeDef;
use kaiku_core::case_stats::Quarter;
use kaiku_core::digest::{self, InitiativeFact, TeamDigest, Week, last_complete_month, month_name};
use kaiku_core::evidence::Month;
use kaiku_core::initiative::{ResponseFact, Suggestion};
use surrealdb::types::RecordId;

use super::accounts::People;
use super::auth::CurrentUser;
use super::initiatives::{accounts_seen_by, suggestions_at, themes};
use super::mail::{self, SellerQuarterContext, TeamDigestContext, TopicWeekContext};
use super::{promises, response_rate, topics};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::counterfeedback::Email;
use crate::store::decode::Unreadable;
use crate::store::digest::DigestKind;
use crate::store::key_of;
use crate::store::orgs::OrgRow;

/// What every reader's digest of one month is made of.
struct MonthFacts {
    month: Month,
    first: Month,
    responses: Vec<ResponseFact>,
    initiatives: Vec<InitiativeFact>,
    suggestions: Vec<Suggestion>,
    custom_themes: Vec<ThemeDef>,
}

impl MonthFacts {
    async fn load(state: &AppState, org: &OrgRow, first: Month, month: Month) -> ApiResult<MonthFacts> {
        let (suggestions, responses) = suggestions_at(state, &org.id, month.end().min(state.now())).await?;
        let (custom_themes, _) = themes(state, &org.id).await?;
        Ok(MonthFacts {
            month,
            first,
            responses,
            initiatives: initiative_facts(state, &org.id).await?,
            suggestions,
            custom_themes,
        })
    }

    /// The digest as a reader who sees `seen` accounts (none: all) reads it.
    fn digest(&self, now: DateTime<Utc>, seen: Option<&HashSet<String>>) -> TeamDigest {
        let sees = |account: &str| seen.is_none_or(|keys| keys.contains(account));
        digest::digest(
            self.month,
            self.first,
            now,
            &self.responses,
            &self.initiatives,
            &self.suggestions,
            &sees,
        )
    }
}

/// The organisation's first month: its creation's, or its earliest answer's when its
/// history was brought in from before.
async fn first_month(state: &AppState, org: &OrgRow) -> ApiResult<Month> {
    let earliest = state.store.first_answer_at(&org.id).await?;
    Ok(Month::of(earliest.map_or(org.created_at, |at| at.min(org.created_at))))
}

/// Every initiative of the organisation with its dated status history.
async fn initiative_facts(state: &AppState, org: &RecordId) -> ApiResult<Vec<InitiativeFact>> {
    let people = People::of_org(state, org).await?;
    let mut facts = Vec::new();
    for row in state.store.initiatives(org).await? {
        let history = state
            .store
            .initiative_events(org, &row.id)
            .await?
            .iter()
            .map(|event| Ok((event.status()?, event.happened_at)))
            .collect::<Result<Vec<_>, Unreadable>>()?;
        facts.push(InitiativeFact {
            id: key_of(&row.id),
            title: row.title.clone(),
            owner: row.owner.as_ref().map(|o| people.person(o)),
            topics: row.topics()?,
            history,
        });
    }
    Ok(facts)
}

/// `GET /digest?month=`: the month asked for (by default the last one that is over),
/// as the caller reads it.
pub async fn for_reader(state: &AppState, current: &CurrentUser, month: Option<String>) -> ApiResult<TeamDigest> {
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    let now = state.now();
    let first = first_month(state, &org).await?;
    let month = match month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => last_complete_month(now).max(first),
        Some(label) => {
            let month = Month::parse(label).ok_or_else(|| ApiError::validation("month", "a month as YYYY-MM"))?;
            if month < first || month > Month::of(now) {
                return Err(ApiError::validation(
                    "month",
                    "a month from the organisation's first to the current one",
                ));
            }
            month
        }
    };
    let facts = MonthFacts::load(state, &org, first, month).await?;
    let seen = accounts_seen_by(state, &org.id, &current.user.id, current.role()).await?;
    Ok(facts.digest(now, seen.as_ref()))
}

/// Sends the digests that are due (the team's month, the topic owners' week, the
/// sellers' quarter, the month's falls in the response rate), at most `budget` organisations' of each per pass.
pub async fn send_due(state: &AppState, budget: u32) -> ApiResult<u32> {
    let mut sent = 0;
    for kind in [
        DigestKind::TeamMonth,
        DigestKind::TopicWeek,
        DigestKind::SellerQuarter,
        DigestKind::ResponseRateFall,
    ] {
        sent += send_kind(state, kind, budget).await?;
    }
    Ok(sent)
}

/// The periods just over, one per kind of digest.
struct Periods {
    month: Month,
    week: Week,
    quarter: Quarter,
}

impl Periods {
    fn at(now: DateTime<Utc>) -> Periods {
        Periods {
            month: last_complete_month(now),
            week: Week::last_complete(now),
            quarter: Quarter::of(now.date_naive()).previous(),
        }
    }

    fn label(&self, kind: DigestKind) -> String {
        match kind {
            DigestKind::TeamMonth | DigestKind::ResponseRateFall => self.month.label(),
            DigestKind::TopicWeek => self.week.label(),
            DigestKind::SellerQuarter => self.quarter.to_string(),
        }
    }
}

/// Each organisation's digest of `kind` for the period just over, once.
async fn send_kind(state: &AppState, kind: DigestKind, budget: u32) -> ApiResult<u32> {
    let now = state.now();
    let periods = Periods::at(now);
    let period = periods.label(kind);
    let mut sent = 0;
    for org in state.store.all_orgs().await? {
        if sent >= budget {
            break;
        }
        if state.store.digest_sent(&org.id, kind, &period).await? {
            continue;
        }
        let emails = match kind {
            DigestKind::TeamMonth => match team_month_emails(state, &org, periods.month, now).await? {
                Some(emails) => emails,
                // An organisation that began after the month has no digest of it.
                None => continue,
            },
            DigestKind::TopicWeek => topic_week_emails(state, &org, periods.week).await?,
            DigestKind::SellerQuarter => seller_quarter_emails(state, &org, &period).await?,
            DigestKind::ResponseRateFall => match response_rate::fall_emails(state, &org.id, periods.month, now).await?
            {
                Some(emails) => emails,
                // Looked at again once the month's every link is answered or closed.
                None => continue,
            },
        };
        // Recorded even with no emails, so an empty period is not looked at again.
        if state.store.record_digest(&org.id, kind, &period, emails, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

pub(super) fn email_to(recipient: String, message: mail::Message) -> Email {
    Email {
        recipient,
        subject: message.subject,
        body: message.body,
    }
}

/// The digest of `month` for each active person it has something for; `None` when the
/// organisation's history began after it.
async fn team_month_emails(
    state: &AppState,
    org: &OrgRow,
    month: Month,
    now: DateTime<Utc>,
) -> ApiResult<Option<Vec<Email>>> {
    let first = first_month(state, org).await?;
    if first > month {
        return Ok(None);
    }
    let facts = MonthFacts::load(state, org, first, month).await?;
    let mut emails = Vec::new();
    for user in state.store.users(&org.id).await?.into_iter().filter(|u| u.active) {
        let seen = accounts_seen_by(state, &org.id, &user.id, user.role()).await?;
        let digest = facts.digest(now, seen.as_ref());
        if digest.is_empty() {
            continue;
        }
        let lang = Lang::from_tag(&user.language).unwrap_or(Lang::Fi);
        let message = mail::team_digest(
            lang,
            &TeamDigestContext {
                organisation: &org.name,
                month: &month_name(month, lang),
                digest: &digest,
                themes: &facts.custom_themes,
                link: &format!("{}/digest?month={}", state.config.public_url, digest.month),
            },
        );
        emails.push(email_to(user.email, message));
    }
    Ok(Some(emails))
}

/// What was said about each active topic owner's topics in `week`, verbatim; owners
/// with nothing that week get nothing.
async fn topic_week_emails(state: &AppState, org: &OrgRow, week: Week) -> ApiResult<Vec<Email>> {
    let (custom_themes, _) = themes(state, &org.id).await?;
    let owners: HashSet<String> = state
        .store
        .topic_owners(&org.id)
        .await?
        .iter()
        .map(|o| key_of(&o.owner))
        .collect();
    let mut emails = Vec::new();
    for user in state.store.users(&org.id).await? {
        if !user.active || !owners.contains(&key_of(&user.id)) {
            continue;
        }
        let mut items = topics::feed_of(state, &org.id, &user.id).await?;
        items.retain(|item| week.contains(item.at));
        if items.is_empty() {
            continue;
        }
        items.reverse();
        let lang = Lang::from_tag(&user.language).unwrap_or(Lang::Fi);
        let message = mail::topic_week(
            lang,
            &TopicWeekContext {
                week: &week.dates(lang),
                items: &items,
                themes: &custom_themes,
                link: &format!("{}/topics", state.config.public_url),
            },
        );
        emails.push(email_to(user.email, message));
    }
    Ok(emails)
}

/// Each active seller's chain review of the promises they recorded: which keep, which
/// broke and the customers' words.
async fn seller_quarter_emails(state: &AppState, org: &OrgRow, quarter: &str) -> ApiResult<Vec<Email>> {
    let users = state.store.users(&org.id).await?;
    let mut emails = Vec::new();
    for (seller, review) in promises::seller_reviews(state, &org.id).await? {
        let Some(user) = users.iter().find(|u| u.id == seller && u.active) else {
            continue;
        };
        if review.rows.is_empty() {
            continue;
        }
        let lang = Lang::from_tag(&user.language).unwrap_or(Lang::Fi);
        let message = mail::seller_quarter(
            lang,
            &SellerQuarterContext {
                quarter,
                review: &review,
                link: &format!("{}/promises", state.config.public_url),
            },
        );
        emails.push(email_to(user.email.clone(), message));
    }
    Ok(emails)
}
