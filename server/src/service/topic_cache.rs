//! This process's copy of what each organisation's accounts said about which topic,
//! for the Topics page: per account its name, segments and dates, and every theme or
//! churn cause heard in its answers, counter-feedback and matched messages, with when.
//!
//! The database stamps an account in the same transaction as every write that changes
//! what its topics are heard in (migration 33), so no write path can forget; a read
//! looks at the stamps since its last look and rereads only those accounts. Another
//! process's writes are seen the same way.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kaiku_core::topics::{OwnedTopic, TopicSource};
use kaiku_core::trends::{RECENT_WEEKS, WEEKS};
use surrealdb::types::RecordId;

use super::last_look::{LastLook, STAMPS_KEPT};
use super::topics::said_in;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::accounts::{AccountRow, Visibility};
use crate::store::key_of;
use crate::store::topics::{Heard, TopicStamp};

/// Above this many changed accounts one read of the whole organisation is cheaper
/// than reading them by id.
const READ_WHOLE_ABOVE: usize = 500;

/// One topic heard once.
pub struct Mention {
    /// Its place in the account's `topics`.
    pub topic: usize,
    pub source: TopicSource,
    pub at: DateTime<Utc>,
    /// What was said, kept only while it may still be quoted among the recent weeks.
    pub text: Option<Arc<str>>,
}

/// An unarchived account with everything its topics were heard in.
pub struct HeardAccount {
    pub key: String,
    pub name: String,
    pub segments: Vec<String>,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// Every topic the account mentioned, once.
    pub topics: Vec<OwnedTopic>,
    pub mentions: Vec<Mention>,
}

impl HeardAccount {
    /// The place of `topic` in the account's topics, added when new.
    fn topic_place(&mut self, topic: OwnedTopic) -> usize {
        self.topics.iter().position(|known| *known == topic).unwrap_or_else(|| {
            self.topics.push(topic);
            self.topics.len() - 1
        })
    }
}

struct Entry {
    changed_at: DateTime<Utc>,
    /// None once the account is archived or deleted.
    account: Option<Arc<HeardAccount>>,
}

#[derive(Default)]
struct OrgTopics {
    last_look: LastLook,
    /// By the account's key (a record id is not a sound map key).
    accounts: HashMap<String, Entry>,
}

/// Every organisation's heard topics, as this process last read them.
#[derive(Default)]
pub struct TopicCache {
    orgs: Mutex<HashMap<RecordId, OrgTopics>>,
}

impl TopicCache {
    fn with_org<T>(&self, org: &RecordId, f: impl FnOnce(&mut OrgTopics) -> T) -> T {
        let mut orgs = self.orgs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(orgs.entry(org.clone()).or_default())
    }
}

/// The organisation's unarchived accounts with what they said, brought up to date,
/// by name.
pub async fn accounts(state: &AppState, org: &RecordId) -> ApiResult<Vec<Arc<HeardAccount>>> {
    refresh(state, org).await?;
    let mut accounts: Vec<Arc<HeardAccount>> = state.topics.with_org(org, |o| {
        o.accounts.values().filter_map(|entry| entry.account.clone()).collect()
    });
    accounts.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.key.cmp(&b.key)));
    Ok(accounts)
}

async fn refresh(state: &AppState, org: &RecordId) -> ApiResult<()> {
    let cache = &state.topics;
    let looked_at = state.store.clock().await?;
    let Some(since) = cache.with_org(org, |o| o.last_look.since(looked_at)) else {
        return read_whole(state, org, looked_at).await;
    };
    // A stamp per change: the newest of each account's.
    let mut newest: HashMap<String, TopicStamp> = HashMap::new();
    for stamp in state.store.topic_stamps(org, since).await? {
        let key = key_of(&stamp.account);
        if newest.get(&key).is_none_or(|known| known.changed_at < stamp.changed_at) {
            newest.insert(key, stamp);
        }
    }
    let changed: Vec<TopicStamp> = cache.with_org(org, |o| {
        newest
            .into_iter()
            .filter(|(key, stamp)| {
                o.accounts
                    .get(key)
                    .is_none_or(|entry| entry.changed_at < stamp.changed_at)
            })
            .map(|(_, stamp)| stamp)
            .collect()
    });
    if changed.is_empty() {
        cache.with_org(org, |o| o.last_look.looked(looked_at));
        return Ok(());
    }
    let ids: Vec<RecordId> = changed.iter().map(|stamp| stamp.account.clone()).collect();
    let (rows, heard) = if ids.len() > READ_WHOLE_ABOVE {
        let rows = state.store.accounts(org, Visibility::All, false).await?;
        (rows, state.store.heard_in(org, None).await?)
    } else {
        let rows = state.store.unarchived_accounts_of(org, ids.clone()).await?;
        (rows, state.store.heard_in(org, Some(ids)).await?)
    };
    let mut fresh = read_accounts(&rows, &heard, &changed, state.now())?;
    cache.with_org(org, |o| {
        o.last_look.looked(looked_at);
        for stamp in changed {
            let key = key_of(&stamp.account);
            let account = fresh.remove(&key).map(Arc::new);
            // Unless another read of a later stamp got here first.
            if o.accounts
                .get(&key)
                .is_none_or(|entry| entry.changed_at <= stamp.changed_at)
            {
                let changed_at = stamp.changed_at;
                o.accounts.insert(key, Entry { changed_at, account });
            }
        }
    });
    Ok(())
}

/// The first look, or one after so long that stamps since may be forgotten: every
/// unarchived account, read anew. Each is read again on its next stamp.
async fn read_whole(state: &AppState, org: &RecordId, looked_at: DateTime<Utc>) -> ApiResult<()> {
    let rows = state.store.accounts(org, Visibility::All, false).await?;
    let heard = state.store.heard_in(org, None).await?;
    let every: Vec<TopicStamp> = rows
        .iter()
        .map(|row| TopicStamp {
            account: row.id.clone(),
            changed_at: DateTime::<Utc>::MIN_UTC,
        })
        .collect();
    let fresh = read_accounts(&rows, &heard, &every, state.now())?;
    state.topics.with_org(org, |o| {
        o.last_look.looked(looked_at);
        o.accounts = fresh
            .into_iter()
            .map(|(key, account)| {
                let entry = Entry {
                    changed_at: DateTime::<Utc>::MIN_UTC,
                    account: Some(Arc::new(account)),
                };
                (key, entry)
            })
            .collect();
    });
    Ok(())
}

/// Forgets up to `limit` topic stamps older than readers need (`last_look::STAMPS_KEPT`):
/// the scheduler's.
pub async fn forget_old_stamps(state: &AppState, limit: u32) -> ApiResult<u32> {
    let before = state.store.clock().await? - STAMPS_KEPT;
    Ok(state.store.forget_topic_stamps(before, limit).await?)
}

/// The `changed` accounts among `rows`, each with what `heard` says about it. Mentions
/// older than the Topics page's weeks are left out, and the words of those too old to
/// be quoted.
fn read_accounts(
    rows: &[AccountRow],
    heard: &Heard,
    changed: &[TopicStamp],
    now: DateTime<Utc>,
) -> ApiResult<HashMap<String, HeardAccount>> {
    let wanted: HashSet<String> = changed.iter().map(|stamp| key_of(&stamp.account)).collect();
    let mut accounts = HashMap::new();
    for row in rows {
        let key = key_of(&row.id);
        if !wanted.contains(&key) {
            continue;
        }
        accounts.insert(
            key.clone(),
            HeardAccount {
                key,
                name: row.name.clone(),
                segments: row.segments.clone(),
                start: row.start_date()?,
                end: row.end_date()?,
                topics: Vec::new(),
                mentions: Vec::new(),
            },
        );
    }
    // A week either side of the page's weeks: its weeks start on the organisation's
    // Monday, in its own time zone.
    let heard_since = now - Duration::weeks(WEEKS as i64 + 1);
    let quoted_since = now - Duration::weeks(RECENT_WEEKS as i64 + 1);
    for said in said_in(heard, |_| true)? {
        if said.at < heard_since {
            continue;
        }
        let Some(account) = accounts.get_mut(&key_of(said.account)) else {
            continue;
        };
        let topic = account.topic_place(said.topic);
        account.mentions.push(Mention {
            topic,
            source: said.source,
            at: said.at,
            text: (said.at >= quoted_since).then(|| Arc::from(said.text)),
        });
    }
    Ok(accounts)
}
