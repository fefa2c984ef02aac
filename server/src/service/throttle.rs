//! Rate limits on whatever costs a password hash or guesses a secret: logins,
//! sign-ups, invitations, password changes and unknown survey links.
//!
//! An attempt is *reserved* before the work it limits is done, under one lock, so
//! parallel requests cannot all pass a check that none of them has counted yet.
//! Anonymous traffic never locks an account: a person's own address and account
//! pair slows down progressively, an address trying many accounts is limited, and the
//! account as a whole only slows a little. Kept in memory, per process (each instance
//! behind a load balancer limits on its own); attempts older than the window are
//! swept out, and the number of keys is capped, so the map cannot grow without bound.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

pub const WINDOW_MINUTES: i64 = 15;
/// Far more keys than honest use in one window; reached only under a flood of
/// made-up emails or addresses, when the oldest half is forgotten.
pub const MAX_KEYS: usize = 100_000;

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

/// Logins to one account from one address: five tries, then 15 s, 30 s, … up to the
/// window. A typo-prone person waits seconds; a guesser gets a few dozen an hour.
const LOGIN_PAIR: Rule = Rule::Progressive {
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

pub const NEW_ACCOUNTS_PER_ADDRESS: usize = 30;
pub const INVITATIONS_PER_PERSON: usize = 30;

/// Failed logins limited for `account` (a normalised email) from `address`.
pub fn login(account: &str, address: &str) -> [Limit; 3] {
    [
        Limit::new(format!("login:{account}:{address}"), LOGIN_PAIR),
        Limit::new(format!("login-address:{address}"), LOGIN_ADDRESS),
        Limit::new(format!("login-account:{account}"), LOGIN_ACCOUNT),
    ]
}

/// Unknown survey links from one address.
pub fn survey_guess(address: &str) -> [Limit; 1] {
    [Limit::new(format!("survey:{address}"), Rule::Window { max: 20 })]
}

/// Sign-ups (and accepted invitations) from one address: each hashes a password.
pub fn new_account(address: &str) -> [Limit; 1] {
    [Limit::new(
        format!("new-account:{address}"),
        Rule::Window {
            max: NEW_ACCOUNTS_PER_ADDRESS,
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

/// Wrong current passwords given by one signed-in person.
pub fn password_change(user: &str) -> [Limit; 1] {
    [Limit::new(
        format!("password:{user}"),
        Rule::Progressive {
            free: 5,
            first_pause_secs: 15,
            max_pause_secs: WINDOW_MINUTES * 60,
        },
    )]
}

/// Requests made with one organisation API key: at most `max` in the window.
pub fn api_key(key: &str, max: usize) -> [Limit; 1] {
    [Limit::new(format!("api-key:{key}"), Rule::Window { max })]
}

/// An attempt counted against its keys. Dropping it keeps it counted (a failure);
/// [`Throttle::succeeded`] takes it back.
#[must_use = "a reservation is either kept (failure) or handed to `succeeded`"]
pub struct Reservation {
    keys: Vec<String>,
    at: DateTime<Utc>,
}

#[derive(Default)]
struct Attempts {
    by_key: HashMap<String, VecDeque<DateTime<Utc>>>,
    last_sweep: Option<DateTime<Utc>>,
}

pub struct Throttle {
    attempts: Mutex<Attempts>,
    max_keys: usize,
}

impl Default for Throttle {
    fn default() -> Throttle {
        Throttle::with_max_keys(MAX_KEYS)
    }
}

impl Throttle {
    pub fn with_max_keys(max_keys: usize) -> Throttle {
        Throttle {
            attempts: Mutex::default(),
            max_keys,
        }
    }

    /// Counts an attempt against every limit, or, if any of them is spent, none and
    /// `Err(seconds)` until one is allowed again.
    pub fn reserve(&self, limits: &[Limit], now: DateTime<Utc>) -> Result<Reservation, u64> {
        let mut attempts = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        attempts.sweep(now, self.max_keys);
        let mut wait = 0u64;
        for limit in limits {
            if let Some(times) = attempts.by_key.get_mut(&limit.key) {
                prune(times, now);
                if let Some(until) = allowed_from(limit.rule, times).filter(|until| *until > now) {
                    wait = wait.max((until - now).num_seconds().max(1) as u64);
                }
            }
        }
        if wait > 0 {
            return Err(wait);
        }
        for limit in limits {
            attempts.by_key.entry(limit.key.clone()).or_default().push_back(now);
        }
        Ok(Reservation {
            keys: limits.iter().map(|l| l.key.clone()).collect(),
            at: now,
        })
    }

    /// The attempt was good: it no longer counts, and the keys in `fresh_start` (the
    /// person's own, e.g. their address and account pair) forget earlier failures.
    pub fn succeeded(&self, reservation: Reservation, fresh_start: &[Limit]) {
        let mut attempts = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        for key in &reservation.keys {
            if let Some(times) = attempts.by_key.get_mut(key) {
                if let Some(i) = times.iter().rposition(|t| *t == reservation.at) {
                    times.remove(i);
                }
                if times.is_empty() {
                    attempts.by_key.remove(key);
                }
            }
        }
        for limit in fresh_start {
            attempts.by_key.remove(&limit.key);
        }
    }

    /// Keys currently held (memory use, for tests and bounds).
    pub fn len(&self) -> usize {
        self.attempts.lock().unwrap_or_else(|e| e.into_inner()).by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Attempts {
    /// Once a window, and whenever the keys reach the cap: drops what has expired.
    /// If a flood still fills the map, the keys least recently used are forgotten.
    fn sweep(&mut self, now: DateTime<Utc>, max_keys: usize) {
        let due = self
            .last_sweep
            .is_none_or(|last| now - last >= Duration::minutes(WINDOW_MINUTES));
        if !due && self.by_key.len() < max_keys {
            return;
        }
        self.last_sweep = Some(now);
        self.by_key.retain(|_, times| {
            prune(times, now);
            !times.is_empty()
        });
        if self.by_key.len() >= max_keys {
            let mut latest: Vec<(DateTime<Utc>, String)> = self
                .by_key
                .iter()
                .map(|(key, times)| (times.back().copied().unwrap_or(now), key.clone()))
                .collect();
            latest.sort_unstable();
            for (_, key) in latest.into_iter().take(max_keys / 2 + 1) {
                self.by_key.remove(&key);
            }
        }
    }
}

/// When the next attempt is allowed, if the rule holds one back at all.
fn allowed_from(rule: Rule, times: &VecDeque<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match rule {
        Rule::Window { max } => (times.len() >= max).then(|| times[times.len() - max] + window()),
        Rule::Progressive {
            free,
            first_pause_secs,
            max_pause_secs,
        } => {
            let beyond = times.len().checked_sub(free)?;
            let doublings = beyond.min(30) as u32;
            let pause = first_pause_secs.saturating_mul(1i64 << doublings).min(max_pause_secs);
            times.back().map(|last| *last + Duration::seconds(pause))
        }
    }
}

fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

fn prune(times: &mut VecDeque<DateTime<Utc>>, now: DateTime<Utc>) {
    while times.front().is_some_and(|t| *t + window() <= now) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_slows_down_progressively_on_one_account_and_others_are_not_held_back() {
        let throttle = Throttle::default();
        let start = Utc::now();
        for i in 0..5 {
            assert!(
                throttle.reserve(&login("a@x.fi", "1.2.3.4"), start).is_ok(),
                "attempt {i}"
            );
        }
        assert_eq!(throttle.reserve(&login("a@x.fi", "1.2.3.4"), start).err(), Some(15));
        // The real person, elsewhere, is not held back.
        let own = throttle.reserve(&login("a@x.fi", "5.6.7.8"), start).unwrap();
        throttle.succeeded(own, &login("a@x.fi", "5.6.7.8")[..1]);
        // The pauses grow: 15 s, then 30 s.
        let later = start + Duration::seconds(15);
        assert!(throttle.reserve(&login("a@x.fi", "1.2.3.4"), later).is_ok());
        assert_eq!(throttle.reserve(&login("a@x.fi", "1.2.3.4"), later).err(), Some(30));
    }

    #[test]
    fn an_address_trying_many_accounts_is_limited() {
        let throttle = Throttle::default();
        let now = Utc::now();
        for i in 0..20 {
            let _ = throttle
                .reserve(&login(&format!("user{i}@x.fi"), "9.9.9.9"), now)
                .unwrap();
        }
        assert_eq!(
            throttle.reserve(&login("fresh@x.fi", "9.9.9.9"), now).err(),
            Some((WINDOW_MINUTES * 60) as u64)
        );
        assert!(throttle.reserve(&login("fresh@x.fi", "8.8.8.8"), now).is_ok());
    }

    #[test]
    fn a_refused_attempt_counts_against_nothing() {
        let throttle = Throttle::default();
        let now = Utc::now();
        for _ in 0..5 {
            let _ = throttle.reserve(&login("a@x.fi", "1.1.1.1"), now).unwrap();
        }
        for _ in 0..100 {
            assert!(throttle.reserve(&login("a@x.fi", "1.1.1.1"), now).is_err());
        }
        // The account as a whole saw five attempts, not 105.
        for i in 0..45 {
            let _ = throttle.reserve(&login("a@x.fi", &format!("10.0.0.{i}")), now).unwrap();
        }
        assert!(throttle.reserve(&login("a@x.fi", "10.0.1.1"), now).is_err());
    }

    #[test]
    fn the_keys_stay_bounded_under_a_flood() {
        let throttle = Throttle::with_max_keys(100);
        let now = Utc::now();
        for i in 0..1_000 {
            let _ = throttle.reserve(&survey_guess(&format!("10.0.{}.{}", i / 256, i % 256)), now);
            assert!(throttle.len() <= 100);
        }
        // Expired attempts leave at the next sweep.
        let _ = throttle.reserve(&survey_guess("1.1.1.1"), now + window());
        assert_eq!(throttle.len(), 1);
    }
}
