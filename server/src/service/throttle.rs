//! Rate limits on whatever costs a password hash or guesses a secret: logins,
//! sign-ups, invitations, password changes and unknown survey links.
//!
//! An attempt is *reserved* before the work it limits is done, under one lock, so
//! parallel requests cannot all pass a check that none of them has counted yet.
//! Anonymous traffic never locks an account: a person's own address and account
//! pair slows down progressively, an address trying many accounts is limited, and the
//! account as a whole only slows a little.
//!
//! Kept in the database, so every instance behind a load balancer counts against the
//! same limits; a key's row is changed only if nobody changed it since it was read
//! (see `store::throttle`), which makes the reservation atomic across instances too.
//! Rows hold only the attempts that still matter and leave once their window is
//! over (the scheduler's `throttle_expiry` job).

use std::collections::HashMap;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use surrealdb::types::RecordId;

use super::secrets::hash_token;
use crate::store::throttle::{ThrottleChange, ThrottleRow};
use crate::store::{Store, key_of};

pub const WINDOW_MINUTES: i64 = 15;

/// How many attempts a key may have within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// At most `max`, then refused until the oldest one leaves the window.
    Window { max: usize },
    /// `free` at once, then each further one only after a pause since the previous
    /// one that doubles from `first_pause_secs`, up to `max_pause_secs`.
    Progressive {
        free: usize,
        first_pause_secs: i64,
        max_pause_secs: i64,
    },
}

impl Rule {
    /// How many of a key's latest attempts decide the next one; older ones are dropped.
    fn remembers(self) -> usize {
        match self {
            Rule::Window { max } => max,
            Rule::Progressive { free, .. } => free + MAX_DOUBLINGS as usize + 1,
        }
    }
}

/// Pauses stop doubling after this many (they reach any sensible maximum long before).
const MAX_DOUBLINGS: u32 = 30;

/// One key (what is limited, e.g. a login from one address to one account) and its rule.
#[derive(Debug, Clone)]
pub struct Limit {
    pub key: String,
    pub rule: Rule,
}

impl Limit {
    fn new(key: String, rule: Rule) -> Limit {
        Limit { key, rule }
    }
}

/// Guesses at one person's secret (a login to one account from one address, their
/// current password, their authenticator code): five tries, then 15 s, 30 s, … up to
/// the window. A typo-prone person waits seconds; a guesser gets a few dozen an hour.
const GUESSES: Rule = Rule::Progressive {
    free: 5,
    first_pause_secs: 15,
    max_pause_secs: WINDOW_MINUTES * 60,
};
/// One address trying many accounts.
const LOGIN_ADDRESS: Rule = Rule::Window { max: 20 };
/// One account from many addresses: slowed, never locked (a lock would let anyone
/// keep a known email out).
const LOGIN_ACCOUNT: Rule = Rule::Progressive {
    free: 50,
    first_pause_secs: 1,
    max_pause_secs: 60,
};

pub const INVITATIONS_PER_PERSON: usize = 30;

/// Failed logins limited for `account` (a normalised email) from `address`.
pub fn login(account: &str, address: &str) -> [Limit; 3] {
    [
        Limit::new(format!("login:{account}:{address}"), GUESSES),
        Limit::new(format!("login-address:{address}"), LOGIN_ADDRESS),
        Limit::new(format!("login-account:{account}"), LOGIN_ACCOUNT),
    ]
}

/// Unknown survey links from one address.
pub fn survey_guess(address: &str) -> [Limit; 1] {
    [Limit::new(format!("survey:{address}"), Rule::Window { max: 20 })]
}

/// Sign-ups (and accepted invitations) from one address, at most `max` in the
/// window (`Config::new_accounts_per_address`): each hashes a password.
pub fn new_account(address: &str, max: u32) -> [Limit; 1] {
    [Limit::new(
        format!("new-account:{address}"),
        Rule::Window {
            max: usize::try_from(max).unwrap_or(usize::MAX),
        },
    )]
}

/// Invitations sent by one person.
pub fn invitation(user: &str) -> [Limit; 1] {
    [Limit::new(
        format!("invite:{user}"),
        Rule::Window {
            max: INVITATIONS_PER_PERSON,
        },
    )]
}

/// Sign-up emails to one address: a few, so a mistyped address can be asked again,
/// but nobody's inbox can be filled with them.
pub fn signup_mail(email: &str) -> [Limit; 1] {
    [Limit::new(format!("signup-mail:{email}"), Rule::Window { max: 3 })]
}

/// Wrong current passwords given by one signed-in person.
pub fn password_change(user: &str) -> [Limit; 1] {
    [Limit::new(format!("password:{user}"), GUESSES)]
}

/// Wrong authenticator codes given while setting two-factor sign-in up.
pub fn two_factor_code(user: &str) -> [Limit; 1] {
    [Limit::new(format!("two-factor:{user}"), GUESSES)]
}

/// Requests made with one organisation API key: at most `max` in the window.
pub fn api_key(key: &str, max: usize) -> [Limit; 1] {
    [Limit::new(format!("api-key:{key}"), Rule::Window { max })]
}

/// An attempt counted against its keys. Dropping it keeps it counted (a failure);
/// [`Throttle::succeeded`] takes it back.
#[must_use = "a reservation is either kept (failure) or handed to `succeeded`"]
pub struct Reservation {
    ids: Vec<RecordId>,
    at: DateTime<Utc>,
}

/// How often a change that raced another instance's (or request's) is decided again.
const RACE_ATTEMPTS: u32 = 20;

pub struct Throttle {
    store: Store,
}

/// A key's attempts as read, and the row's version (`None`: no row yet).
type Held = HashMap<String, (Vec<DateTime<Utc>>, i64)>;

impl Throttle {
    pub fn new(store: Store) -> Throttle {
        Throttle { store }
    }

    /// Counts an attempt against every limit, or, if any of them is spent, none and
    /// `Err(seconds)` until one is allowed again.
    pub async fn reserve(
        &self,
        limits: &[Limit],
        now: DateTime<Utc>,
    ) -> Result<Result<Reservation, u64>, surrealdb::Error> {
        // Whole milliseconds survive the database exactly, so `succeeded` finds them.
        let now = now.trunc_subsecs(3);
        let ids: Vec<RecordId> = limits.iter().map(|limit| row_id(&limit.key)).collect();
        for attempt in 0..RACE_ATTEMPTS {
            let held = self.held(&ids).await?;
            let mut wait = 0u64;
            let mut changes = Vec::with_capacity(limits.len());
            for (limit, id) in limits.iter().zip(&ids) {
                let (mut times, read) = match held.get(&key_of(id)) {
                    Some((times, version)) => (times.clone(), Some(*version)),
                    None => (Vec::new(), None),
                };
                prune(&mut times, now);
                if let Some(until) = allowed_from(limit.rule, &times).filter(|until| *until > now) {
                    wait = wait.max((until - now).num_seconds().max(1) as u64);
                }
                times.push(now);
                times.sort_unstable();
                let forgotten = times.len().saturating_sub(limit.rule.remembers());
                times.drain(..forgotten);
                changes.push(ThrottleChange::Keep {
                    id: id.clone(),
                    expires_at: expiry(&times, now),
                    times,
                    read,
                });
            }
            if wait > 0 {
                return Ok(Err(wait));
            }
            if self.store.change_throttle(changes).await? {
                return Ok(Ok(Reservation { ids, at: now }));
            }
            race_pause(attempt).await;
        }
        // Still racing after all that: the flood is its own answer.
        Ok(Err(1))
    }

    /// The attempt was good: it no longer counts, and the keys in `fresh_start` (the
    /// person's own, e.g. their address and account pair) forget earlier failures.
    /// Should every try race, the attempt simply stays counted.
    pub async fn succeeded(&self, reservation: Reservation, fresh_start: &[Limit]) -> Result<(), surrealdb::Error> {
        let fresh: Vec<RecordId> = fresh_start.iter().map(|limit| row_id(&limit.key)).collect();
        let mut ids = reservation.ids.clone();
        ids.extend(fresh.iter().filter(|id| !reservation.ids.contains(id)).cloned());
        for attempt in 0..RACE_ATTEMPTS {
            let held = self.held(&ids).await?;
            let changes: Vec<ThrottleChange> = ids
                .iter()
                .filter_map(|id| {
                    let (mut times, version) = held.get(&key_of(id)).cloned()?;
                    if fresh.contains(id) {
                        times.clear();
                    } else {
                        let i = times.iter().rposition(|t| *t == reservation.at)?;
                        times.remove(i);
                    }
                    Some(if times.is_empty() {
                        ThrottleChange::Forget {
                            id: id.clone(),
                            read: version,
                        }
                    } else {
                        ThrottleChange::Keep {
                            id: id.clone(),
                            expires_at: expiry(&times, reservation.at),
                            times,
                            read: Some(version),
                        }
                    })
                })
                .collect();
            if changes.is_empty() || self.store.change_throttle(changes).await? {
                return Ok(());
            }
            race_pause(attempt).await;
        }
        Ok(())
    }

    async fn held(&self, ids: &[RecordId]) -> Result<Held, surrealdb::Error> {
        let rows: Vec<ThrottleRow> = self.store.throttle_rows(ids.to_vec()).await?;
        Ok(rows
            .into_iter()
            .map(|row| (key_of(&row.id), (row.times, row.version)))
            .collect())
    }
}

/// Keys forgotten in one pass at most: a flood of made-up emails leaves many, each
/// a small row and quick to delete.
const EXPIRED_PER_PASS: u32 = 10_000;

/// The scheduler's pass: forgets keys whose attempts have all left their window.
pub async fn expire(state: &crate::state::AppState) -> crate::error::ApiResult<u32> {
    Ok(state.store.expire_throttle(state.now(), EXPIRED_PER_PASS).await?)
}

/// A key's row: named by a hash, so the emails and addresses limited are not kept.
fn row_id(key: &str) -> RecordId {
    RecordId::new("throttle", hash_token(key)[..32].to_string())
}

/// When the last of `times` leaves the window.
fn expiry(times: &[DateTime<Utc>], now: DateTime<Utc>) -> DateTime<Utc> {
    times.iter().max().copied().unwrap_or(now) + window()
}

/// A random pause that grows, so racing writers spread out instead of meeting again.
async fn race_pause(attempt: u32) {
    let ceiling_ms = 2u64 << attempt.min(6);
    tokio::time::sleep(StdDuration::from_millis(rand::random::<u64>() % ceiling_ms + 1)).await;
}

/// When the next attempt is allowed, if the rule holds one back at all.
fn allowed_from(rule: Rule, times: &[DateTime<Utc>]) -> Option<DateTime<Utc>> {
    match rule {
        Rule::Window { max } => (times.len() >= max).then(|| times[times.len() - max] + window()),
        Rule::Progressive {
            free,
            first_pause_secs,
            max_pause_secs,
        } => {
            let beyond = times.len().checked_sub(free)?;
            let doublings = beyond.min(MAX_DOUBLINGS as usize) as u32;
            let pause = first_pause_secs.saturating_mul(1i64 << doublings).min(max_pause_secs);
            times.last().map(|last| *last + Duration::seconds(pause))
        }
    }
}

fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

fn prune(times: &mut Vec<DateTime<Utc>>, now: DateTime<Utc>) {
    times.retain(|t| *t + window() > now);
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn throttle() -> Throttle {
        Throttle::new(Store::open("mem://", None).await.expect("an in-memory database opens"))
    }

    async fn allowed(throttle: &Throttle, limits: &[Limit], at: DateTime<Utc>) -> Result<Reservation, u64> {
        throttle.reserve(limits, at).await.expect("the database answers")
    }

    #[tokio::test]
    async fn one_address_slows_down_progressively_on_one_account_and_others_are_not_held_back() {
        let throttle = throttle().await;
        let start = Utc::now();
        for i in 0..5 {
            assert!(
                allowed(&throttle, &login("a@x.fi", "1.2.3.4"), start).await.is_ok(),
                "attempt {i}"
            );
        }
        assert_eq!(
            allowed(&throttle, &login("a@x.fi", "1.2.3.4"), start).await.err(),
            Some(15)
        );
        // The real person, elsewhere, is not held back.
        let own = allowed(&throttle, &login("a@x.fi", "5.6.7.8"), start).await.unwrap();
        throttle.succeeded(own, &login("a@x.fi", "5.6.7.8")[..1]).await.unwrap();
        // The pauses grow: 15 s, then 30 s.
        let later = start + Duration::seconds(15);
        assert!(allowed(&throttle, &login("a@x.fi", "1.2.3.4"), later).await.is_ok());
        assert_eq!(
            allowed(&throttle, &login("a@x.fi", "1.2.3.4"), later).await.err(),
            Some(30)
        );
    }

    #[tokio::test]
    async fn an_address_trying_many_accounts_is_limited() {
        let throttle = throttle().await;
        let now = Utc::now();
        for i in 0..20 {
            let _ = allowed(&throttle, &login(&format!("user{i}@x.fi"), "9.9.9.9"), now)
                .await
                .unwrap();
        }
        let refused = allowed(&throttle, &login("fresh@x.fi", "9.9.9.9"), now).await.err();
        assert!(refused.is_some_and(|wait| wait > 14 * 60), "{refused:?}");
        assert!(allowed(&throttle, &login("fresh@x.fi", "8.8.8.8"), now).await.is_ok());
    }

    #[tokio::test]
    async fn a_refused_attempt_counts_against_nothing() {
        let throttle = throttle().await;
        let now = Utc::now();
        for _ in 0..5 {
            let _ = allowed(&throttle, &login("a@x.fi", "1.1.1.1"), now).await.unwrap();
        }
        for _ in 0..100 {
            assert!(allowed(&throttle, &login("a@x.fi", "1.1.1.1"), now).await.is_err());
        }
        // The account as a whole saw five attempts, not 105.
        for i in 0..45 {
            let _ = allowed(&throttle, &login("a@x.fi", &format!("10.0.0.{i}")), now)
                .await
                .unwrap();
        }
        assert!(allowed(&throttle, &login("a@x.fi", "10.0.1.1"), now).await.is_err());
    }

    #[tokio::test]
    async fn a_success_takes_its_attempt_back_and_rows_keep_only_what_decides() {
        let throttle = throttle().await;
        let now = Utc::now();
        for _ in 0..200 {
            let _ = allowed(&throttle, &api_key("k", 1_000), now).await.unwrap();
        }
        let row = throttle.held(&[row_id("api-key:k")]).await.unwrap();
        assert_eq!(row.values().next().map(|(times, _)| times.len()), Some(200));
        let spent = allowed(&throttle, &password_change("p"), now).await.unwrap();
        throttle.succeeded(spent, &[]).await.unwrap();
        assert!(throttle.held(&[row_id("password:p")]).await.unwrap().is_empty());
        // A key never keeps more than its rule looks at.
        for _ in 0..50 {
            let _ = allowed(&throttle, &survey_guess("6.6.6.6"), now).await;
        }
        let row = throttle.held(&[row_id("survey:6.6.6.6")]).await.unwrap();
        assert_eq!(row.values().next().map(|(times, _)| times.len()), Some(20));
    }
}
