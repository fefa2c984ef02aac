//! Rate limiting of secrets: failed logins per account and per client address, and
//! unknown survey links per address, within a sliding window. Kept in memory: it
//! guards one server process; behind several instances each one limits on its own
//! (noted in ARCHITECTURE.md).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

pub const WINDOW_MINUTES: i64 = 15;
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

impl Throttle {
    /// `Err(seconds)` until a new attempt is allowed, if either key is locked.
    pub fn check(&self, account: &str, address: &str, now: DateTime<Utc>) -> Result<(), u64> {
        self.check_keys(
            &[
                (format!("account:{account}"), MAX_FAILURES_PER_ACCOUNT),
                (format!("address:{address}"), MAX_FAILURES_PER_ADDRESS),
            ],
            now,
        )
    }

    fn check_keys(&self, keys: &[(String, usize)], now: DateTime<Utc>) -> Result<(), u64> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let mut wait = 0u64;
        for (key, limit) in keys {
            let limit = *limit;
            if let Some(times) = failures.get_mut(key) {
                prune(times, now);
                if times.len() >= limit {
                    let oldest = times[times.len() - limit];
                    let until = oldest + Duration::minutes(WINDOW_MINUTES);
                    wait = wait.max((until - now).num_seconds().max(1) as u64);
                }
            }
        }
        if wait > 0 { Err(wait) } else { Ok(()) }
    }

    pub fn record_failure(&self, account: &str, address: &str, now: DateTime<Utc>) {
        self.record(&[format!("account:{account}"), format!("address:{address}")], now);
    }

    fn record(&self, keys: &[String], now: DateTime<Utc>) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys {
            let times = failures.entry(key.clone()).or_default();
            prune(times, now);
            times.push_back(now);
        }
    }

    /// For secrets without an account name (survey links): limits by address alone.
    pub fn check_address(&self, address: &str, now: DateTime<Utc>) -> Result<(), u64> {
        self.check_keys(&[(format!("address:{address}"), MAX_FAILURES_PER_ADDRESS)], now)
    }

    pub fn record_address_failure(&self, address: &str, now: DateTime<Utc>) {
        self.record(&[format!("address:{address}")], now);
    }

    /// A successful login clears the account's failures (not the address's).
    pub fn record_success(&self, account: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&format!("account:{account}"));
    }
}

fn prune(times: &mut VecDeque<DateTime<Utc>>, now: DateTime<Utc>) {
    while times
        .front()
        .is_some_and(|t| *t + Duration::minutes(WINDOW_MINUTES) <= now)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_an_account_after_five_failures_until_the_window_passes() {
        let throttle = Throttle::default();
        let start = Utc::now();
        for i in 0..MAX_FAILURES_PER_ACCOUNT {
            assert!(throttle.check("a@x.fi", "1.2.3.4", start).is_ok(), "attempt {i}");
            throttle.record_failure("a@x.fi", "1.2.3.4", start);
        }
        let wait = throttle.check("a@x.fi", "1.2.3.4", start).unwrap_err();
        assert_eq!(wait, (WINDOW_MINUTES * 60) as u64);
        // Another account from another address is not affected.
        assert!(throttle.check("b@x.fi", "5.6.7.8", start).is_ok());
        let later = start + Duration::minutes(WINDOW_MINUTES);
        assert!(throttle.check("a@x.fi", "1.2.3.4", later).is_ok());
    }

    #[test]
    fn locks_an_address_trying_many_accounts() {
        let throttle = Throttle::default();
        let now = Utc::now();
        for i in 0..MAX_FAILURES_PER_ADDRESS {
            throttle.record_failure(&format!("user{i}@x.fi"), "9.9.9.9", now);
        }
        assert!(throttle.check("fresh@x.fi", "9.9.9.9", now).is_err());
        assert!(throttle.check("fresh@x.fi", "8.8.8.8", now).is_ok());
    }
}
