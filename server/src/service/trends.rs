//! `GET /trends` (leaders and admins): every theme and churn cause over the last 26
//! weeks in distinct accounts per week — from answers, counter-feedback and messages,
//! narrowed by source and segment — as a share of the accounts active each week, with
//! the rising and falling ones flagged by `kaiku_core::trends`' stated test.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use kaiku_core::topics::{OwnedTopic, TopicSource};
use kaiku_core::trends::{self, RECENT_WEEKS, TopicTrend, TrendAccount, TrendQuote, TrendsView, WEEKS, WeeklyCounts};

use super::auth::CurrentUser;
use super::topics;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::{AccountRow, Visibility};
use crate::store::key_of;

/// One topic as heard: the accounts of each week, and the newest quotes of the recent weeks.
struct Heard {
    topic: OwnedTopic,
    weeks: Vec<BTreeSet<String>>,
    quotes: Vec<TrendQuote>,
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
    let all = state.store.accounts(current.org(), Visibility::All, false).await?;
    let segments: BTreeSet<String> = all.iter().flat_map(|a| a.segments.iter().cloned()).collect();
    let accounts: Vec<AccountRow> = all
        .into_iter()
        .filter(|a| segment.is_none_or(|s| a.segments.iter().any(|own| own == s)))
        .collect();
    let active = active_per_week(&accounts, &weeks)?;
    let names: HashMap<String, String> = accounts.iter().map(|a| (key_of(&a.id), a.name.clone())).collect();

    let mut by_topic: BTreeMap<(String, String), Heard> = BTreeMap::new();
    let mut mentions = topics::mentions(state, current.org(), |_| true, |_| false).await?;
    mentions.sort_by_key(|m| std::cmp::Reverse(m.at));
    for mention in mentions {
        if source.is_some_and(|s| s != mention.source) || !names.contains_key(&mention.account.id) {
            continue;
        }
        let day = schedule.date(mention.at);
        let Some(week) = weeks.iter().rposition(|monday| *monday <= day) else {
            continue;
        };
        let entry = by_topic
            .entry((mention.topic.kind.code().to_string(), mention.topic.key.clone()))
            .or_insert_with(|| Heard {
                topic: mention.topic.clone(),
                weeks: vec![BTreeSet::new(); WEEKS],
                quotes: Vec::new(),
            });
        entry.weeks[week].insert(mention.account.id.clone());
        if week >= WEEKS - RECENT_WEEKS && entry.quotes.len() < QUOTES {
            entry.quotes.push(TrendQuote {
                account: mention.account.name.clone(),
                text: mention.text.clone(),
                source: mention.source,
            });
        }
    }
    let counts: Vec<WeeklyCounts> = by_topic
        .values()
        .map(|heard| WeeklyCounts {
            topic: heard.topic.clone(),
            weeks: heard
                .weeks
                .iter()
                .map(|set| u32::try_from(set.len()).unwrap_or(u32::MAX))
                .collect(),
        })
        .collect();
    let tests = trends::test_all(&counts, &active);
    let mut topics: Vec<TopicTrend> = by_topic
        .into_values()
        .zip(counts)
        .zip(tests)
        .map(
            |(
                (
                    Heard {
                        topic,
                        weeks: per_week,
                        quotes,
                    },
                    counted,
                ),
                test,
            )| {
                let recent: BTreeSet<&String> = per_week[WEEKS - RECENT_WEEKS..].iter().flatten().collect();
                let mut behind: Vec<TrendAccount> = recent
                    .into_iter()
                    .map(|id| TrendAccount {
                        id: id.clone(),
                        name: names.get(id).cloned().unwrap_or_default(),
                    })
                    .collect();
                behind.sort_by(|a, b| a.name.cmp(&b.name));
                TopicTrend {
                    topic,
                    weekly_accounts: counted.weeks,
                    test,
                    accounts: behind,
                    quotes,
                }
            },
        )
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
fn active_per_week(accounts: &[AccountRow], weeks: &[NaiveDate]) -> ApiResult<Vec<u32>> {
    let spans = accounts
        .iter()
        .map(|a| Ok((a.start_date()?, a.end_date()?)))
        .collect::<Result<Vec<_>, crate::store::decode::Unreadable>>()?;
    Ok(weeks
        .iter()
        .map(|monday| {
            let sunday = *monday + Duration::days(6);
            let n = spans
                .iter()
                .filter(|(start, end)| *start <= sunday && end.is_none_or(|end| end >= *monday))
                .count();
            u32::try_from(n).unwrap_or(u32::MAX)
        })
        .collect())
}
