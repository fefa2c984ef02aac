//! `GET /trends` (leaders and admins): every theme and churn cause over the last 26
//! weeks in distinct accounts per week — from answers, counter-feedback and messages,
//! narrowed by source and segment — as a share of the accounts active each week, with
//! the rising and falling ones flagged by `kaiku_core::trends`' stated test.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use kaiku_core::topics::{OwnedTopic, TopicSource};
use kaiku_core::trends::{
    self, ACCOUNTS_NAMED, RECENT_WEEKS, TopicTrend, TrendAccount, TrendQuote, TrendsView, WEEKS, WeeklyCounts,
};

use super::auth::CurrentUser;
use super::topic_cache::{self, HeardAccount};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A set of accounts by their place in the page's list.
#[derive(Clone)]
struct Accounts(Vec<u64>);

impl Accounts {
    fn new(accounts: usize) -> Accounts {
        Accounts(vec![0; accounts.div_ceil(64)])
    }

    fn insert(&mut self, place: usize) {
        self.0[place / 64] |= 1 << (place % 64);
    }

    fn union(&mut self, other: &Accounts) {
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine |= theirs;
        }
    }

    fn len(&self) -> u32 {
        self.0.iter().map(|word| word.count_ones()).sum()
    }

    /// The places, in order.
    fn places(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(i, word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| i * 64 + bit)
        })
    }
}

/// One topic as heard: its accounts of each week, and the newest quotes of the recent
/// weeks, newest first.
struct Tally<'a> {
    topic: &'a OwnedTopic,
    weeks: Vec<Accounts>,
    quotes: Vec<Quote<'a>>,
}

struct Quote<'a> {
    at: DateTime<Utc>,
    account: usize,
    text: &'a Arc<str>,
    source: TopicSource,
}

impl<'a> Quote<'a> {
    /// Keeps `quote` among the newest [`QUOTES`] of `quotes`.
    fn keep(quotes: &mut Vec<Quote<'a>>, quote: Quote<'a>) {
        if quotes.len() == QUOTES && quotes.last().is_some_and(|oldest| oldest.at >= quote.at) {
            return;
        }
        let place = quotes.partition_point(|kept| kept.at >= quote.at);
        quotes.insert(place, quote);
        quotes.truncate(QUOTES);
    }
}

/// Quotes shown per topic.
const QUOTES: usize = 3;

pub async fn view(
    state: &AppState,
    current: &CurrentUser,
    source: Option<TopicSource>,
    segment: Option<&str>,
) -> ApiResult<TrendsView> {
    if !current.role().sees_all_accounts() {
        return Err(ApiError::forbidden());
    }
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    let schedule = org.schedule()?;
    let today = schedule.date(state.now());
    let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let weeks: Vec<NaiveDate> = (0..WEEKS)
        .map(|i| this_monday - Duration::weeks((WEEKS - 1 - i) as i64))
        .collect();
    // A mention's week is the last that began by then, in the organisation's time zone.
    let week_starts: Vec<DateTime<Utc>> = weeks.iter().map(|monday| schedule.starts(*monday)).collect();
    let all = topic_cache::accounts(state, current.org()).await?;
    let segments: BTreeSet<String> = all.iter().flat_map(|a| a.segments.iter().cloned()).collect();
    let accounts: Vec<&HeardAccount> = all
        .iter()
        .map(Arc::as_ref)
        .filter(|a| segment.is_none_or(|s| a.segments.iter().any(|own| own == s)))
        .collect();
    let active = active_per_week(&accounts, &weeks);

    let mut tallies: Vec<Tally> = Vec::new();
    let mut by_topic: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (place, account) in accounts.iter().enumerate() {
        // The account's topics' tallies, each made when first heard within the weeks.
        let mut tally_of: Vec<Option<usize>> = vec![None; account.topics.len()];
        for mention in account.mentions.iter().filter(|m| source.is_none_or(|s| s == m.source)) {
            let Some(week) = week_starts.partition_point(|start| *start <= mention.at).checked_sub(1) else {
                continue;
            };
            let tally = *tally_of[mention.topic].get_or_insert_with(|| {
                let topic = &account.topics[mention.topic];
                *by_topic
                    .entry((topic.kind.code(), topic.key.as_str()))
                    .or_insert_with(|| {
                        tallies.push(Tally {
                            topic,
                            weeks: vec![Accounts::new(accounts.len()); WEEKS],
                            quotes: Vec::new(),
                        });
                        tallies.len() - 1
                    })
            });
            let tally = &mut tallies[tally];
            tally.weeks[week].insert(place);
            if week >= WEEKS - RECENT_WEEKS
                && let Some(text) = &mention.text
            {
                Quote::keep(
                    &mut tally.quotes,
                    Quote {
                        at: mention.at,
                        account: place,
                        text,
                        source: mention.source,
                    },
                );
            }
        }
    }
    // In the topics' order, so that ties stay in one order.
    let mut tallies: Vec<Option<Tally>> = tallies.into_iter().map(Some).collect();
    let tallies: Vec<Tally> = by_topic.into_values().filter_map(|i| tallies[i].take()).collect();
    let counts: Vec<WeeklyCounts> = tallies
        .iter()
        .map(|tally| WeeklyCounts {
            topic: tally.topic.clone(),
            weeks: tally.weeks.iter().map(Accounts::len).collect(),
        })
        .collect();
    let tests = trends::test_all(&counts, &active);
    let mut topics: Vec<TopicTrend> = tallies
        .into_iter()
        .zip(counts)
        .zip(tests)
        .map(|((tally, counted), test)| {
            let mut recent = Accounts::new(accounts.len());
            for week in &tally.weeks[WEEKS - RECENT_WEEKS..] {
                recent.union(week);
            }
            TopicTrend {
                topic: counted.topic,
                weekly_accounts: counted.weeks,
                test,
                // The accounts are in name order, so their places are too.
                accounts: recent
                    .places()
                    .take(ACCOUNTS_NAMED)
                    .map(|place| TrendAccount {
                        id: accounts[place].key.clone(),
                        name: accounts[place].name.clone(),
                    })
                    .collect(),
                accounts_total: recent.len(),
                quotes: tally
                    .quotes
                    .into_iter()
                    .map(|quote| TrendQuote {
                        account: accounts[quote.account].name.clone(),
                        text: quote.text.to_string(),
                        source: quote.source,
                    })
                    .collect(),
            }
        })
        .collect();
    trends::sort_trends(&mut topics);
    Ok(TrendsView {
        segments: segments.into_iter().collect(),
        weeks,
        active_accounts: active,
        topics,
    })
}

/// The accounts whose relationship ran during each week (started by its Sunday, not
/// ended before its Monday).
fn active_per_week(accounts: &[&HeardAccount], weeks: &[NaiveDate]) -> Vec<u32> {
    weeks
        .iter()
        .map(|monday| {
            let sunday = *monday + Duration::days(6);
            let n = accounts
                .iter()
                .filter(|a| a.start <= sunday && a.end.is_none_or(|end| end >= *monday))
                .count();
            u32::try_from(n).unwrap_or(u32::MAX)
        })
        .collect()
}
