//! An account's evidence gathered from storage (`kaiku_core::evidence`), the record kept
//! of it for the heatmap, and this process's copy of those records.
//!
//! Writes never compute anything here: the schema's events mark an account's record
//! dirty in the same transaction. Readers bring their copy up to date by reading what
//! changed since their last look (by the database's clock, a little further back in
//! case a transaction committed late), recompute dirty records from storage, and save
//! them unless they were marked again meanwhile. The signals (health month by month)
//! follow from the records in memory and are kept until the day or the weights change.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kaiku_core::Stage;
use kaiku_core::counterfeedback::ActionStatus;
use kaiku_core::evidence::{
    AccountSignals, ActionFact, AnswerFact, Evidence, HISTORY_MONTHS, LinkFact, PointFact, Scores, TeamFact, window,
};
use kaiku_core::health::Weights;
use kaiku_core::role::AccountPeople;
use kaiku_core::survey::Question;
use kaiku_core::{ChurnCause, ErrorCode, Role};
use serde::{Deserialize, Serialize};
use surrealdb::types::RecordId;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::AccountRow;
use crate::store::counterfeedback::{ActionRow, CounterFeedbackRow};
use crate::store::decode::Unreadable;
use crate::store::evidence::EvidenceRow;
use crate::store::surveys::{LinkRow, RoundRow};
use crate::store::{key_of, to_json};

/// Everything storage holds of one account that its views are made of.
pub struct AccountData {
    pub account: AccountRow,
    pub links: Vec<LinkRow>,
    pub rounds: Vec<RoundRow>,
    /// Newest first.
    pub feedback: Vec<CounterFeedbackRow>,
    pub actions: Vec<ActionRow>,
}

impl AccountData {
    pub async fn load(state: &AppState, account: AccountRow) -> ApiResult<AccountData> {
        let (org, id) = (&account.org, &account.id);
        Ok(AccountData {
            links: state.store.account_links(org, id).await?,
            rounds: state.store.rounds(org, id).await?,
            feedback: state.store.account_counter_feedback(org, id).await?,
            actions: state.store.account_actions(org, id).await?,
            account,
        })
    }

    /// The questions of each round as they were asked.
    fn questions(&self) -> Result<Vec<(&RecordId, Vec<Question>)>, Unreadable> {
        self.rounds
            .iter()
            .map(|round| Ok((&round.id, round.template()?.questions)))
            .collect()
    }

    /// When an action was first made of the development point `point` of `link`.
    fn addressed_at(&self, link: &RecordId, point: &str) -> Option<DateTime<Utc>> {
        self.actions
            .iter()
            .filter(|a| a.made_of(link, point))
            .map(|a| a.created_at)
            .min()
    }

    /// Everything stored of the account as evidence; an answer, a team view or an
    /// action that does not read is an error, not left out of the scores.
    pub fn evidence(&self) -> Result<Evidence, Unreadable> {
        let questions = self.questions()?;
        let mut answers = Vec::new();
        for link in &self.links {
            let Some(at) = link.answered_at else {
                continue;
            };
            let Some((_, asked)) = questions.iter().find(|(round, _)| **round == link.round) else {
                continue;
            };
            let scores = Scores::of(asked, &link.answers()?);
            let analysis = link.analysis()?;
            let mut causes: Vec<ChurnCause> = analysis
                .iter()
                .flat_map(|a| a.analysis.churn_causes.iter().map(|c| c.cause))
                .collect();
            causes.sort_by_key(|c| c.code());
            causes.dedup();
            let points = analysis
                .iter()
                .flat_map(|a| &a.analysis.development_points)
                .map(|point| PointFact {
                    addressed_at: self.addressed_at(&link.id, point),
                })
                .collect();
            answers.push(AnswerFact {
                at,
                nps: scores.nps,
                ratings: scores.ratings,
                importance: scores.importance,
                causes,
                points,
            });
        }
        Ok(Evidence {
            links: self
                .links
                .iter()
                .map(|link| LinkFact {
                    sent_at: link.sent_at,
                    answered_at: link.answered_at,
                    closed_at: link.revoked_at.map_or(link.expires_at, |r| r.min(link.expires_at)),
                })
                .collect(),
            answers,
            team: self
                .feedback
                .iter()
                .map(|f| {
                    Ok(TeamFact {
                        at: f.created_at,
                        health: f.health()?,
                        risk: f.churn_risk()?,
                        causes: f.churn_causes()?,
                    })
                })
                .collect::<Result<_, Unreadable>>()?,
            actions: self
                .actions
                .iter()
                .map(|a| {
                    Ok(ActionFact {
                        created_at: a.created_at,
                        due: a.due()?,
                        done_at: (a.status()? == ActionStatus::Done).then_some(a.updated_at),
                    })
                })
                .collect::<Result<_, Unreadable>>()?,
        })
    }

    pub fn record(&self, now: DateTime<Utc>) -> Result<AccountRecord, Unreadable> {
        let account = &self.account;
        Ok(AccountRecord {
            name: account.name.clone(),
            segments: account.segments.clone(),
            stage: account.stage()?,
            annual_value_eur: account.annual_value_eur,
            lead: account.lead.as_ref().map(key_of),
            team: account.team.iter().map(key_of).collect(),
            archived: account.archived,
            evidence: self.evidence()?.trimmed(now, HISTORY_MONTHS, window()),
        })
    }
}

/// What the heatmap keeps of an account: who it is and its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub name: String,
    pub segments: Vec<String>,
    pub stage: Stage,
    pub annual_value_eur: i64,
    /// User keys.
    pub lead: Option<String>,
    pub team: Vec<String>,
    pub archived: bool,
    pub evidence: Evidence,
}

impl AccountRecord {
    /// Admins and leaders see every account; members those they lead or are on.
    pub fn visible_to(&self, role: Role, user_key: &str) -> bool {
        let user_key = user_key.to_string();
        AccountPeople {
            lead: self.lead.as_ref(),
            team: &self.team,
        }
        .seen_by(role, &user_key)
    }
}

/// Reads again what changed this long before the newest change seen, for
/// transactions that stamped their change a moment before they committed.
const REREAD_MARGIN_SECONDS: i64 = 30;

struct Entry {
    changed_at: DateTime<Utc>,
    record: Arc<AccountRecord>,
    signals: Option<Arc<AccountSignals>>,
}

#[derive(Default)]
struct OrgEvidence {
    read_to: Option<DateTime<Utc>>,
    accounts: HashMap<RecordId, Entry>,
    /// The day and weights the signals were computed for.
    scored_for: Option<(NaiveDate, Weights)>,
    /// Counts the changes to the records or their scoring: answers made of them are
    /// the same while it stays (`ScoredAccounts::generation`).
    generation: u64,
}

/// This process's copy of the evidence records, per organisation.
#[derive(Default)]
pub struct EvidenceCache {
    orgs: Mutex<HashMap<RecordId, OrgEvidence>>,
}

/// Every account's record and signals, and which state of this process's copy they are.
pub struct ScoredAccounts {
    pub generation: u64,
    pub accounts: Vec<Scored>,
}

/// One account with its record and signals, as the heatmap reads it.
pub struct Scored {
    pub account: RecordId,
    pub record: Arc<AccountRecord>,
    pub signals: Arc<AccountSignals>,
}

impl EvidenceCache {
    fn with_org<T>(&self, org: &RecordId, f: impl FnOnce(&mut OrgEvidence) -> T) -> T {
        let mut orgs = self.orgs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(orgs.entry(org.clone()).or_default())
    }
}

/// Recomputes a record from storage and saves it unless it changed meanwhile (then it
/// stays dirty for the next reader).
pub async fn recompute(state: &AppState, row: &EvidenceRow) -> ApiResult<AccountRecord> {
    let account = state
        .store
        .account(&row.org, &row.account)
        .await?
        .ok_or_else(|| ApiError::internal(format!("evidence of a missing account {:?}", row.account)))?;
    let record = AccountData::load(state, account).await?.record(state.now())?;
    state.store.save_evidence(row, to_json(&record)?).await?;
    Ok(record)
}

/// Brings this process's copy of the organisation's records up to date.
async fn refresh(state: &AppState, org: &RecordId) -> ApiResult<()> {
    let cache = &state.evidence;
    let since = cache.with_org(org, |o| {
        o.read_to.map(|at| at - Duration::seconds(REREAD_MARGIN_SECONDS))
    });
    let known = |account: &RecordId, changed_at: DateTime<Utc>| {
        cache.with_org(org, |o| {
            o.accounts
                .get(account)
                .is_some_and(|entry| entry.changed_at >= changed_at)
        })
    };
    let rows = match since {
        None => state.store.all_evidence(org).await?,
        // What changed is read by its stamps first: records seen before stay unread.
        Some(since) => {
            let unknown: Vec<RecordId> = state
                .store
                .evidence_stamps_since(org, since)
                .await?
                .into_iter()
                .filter(|stamp| !known(&stamp.account, stamp.changed_at))
                .map(|stamp| stamp.id)
                .collect();
            if unknown.is_empty() {
                Vec::new()
            } else {
                state.store.evidence_records(org, unknown).await?
            }
        }
    };
    let mut fresh = Vec::new();
    for row in rows {
        if known(&row.account, row.changed_at) {
            continue;
        }
        // A saved record is a cache of what the account's own records say: one that
        // does not decode (saved by another version) is computed again from them.
        let stored = match (&row.dirty, &row.data_json) {
            (false, Some(json)) => serde_json::from_str::<AccountRecord>(json).ok(),
            _ => None,
        };
        let record = match stored {
            Some(record) => record,
            None => recompute(state, &row).await?,
        };
        fresh.push((row, record));
    }
    cache.with_org(org, |o| {
        if !fresh.is_empty() {
            o.generation += 1;
        }
        for (row, record) in fresh {
            o.read_to = o.read_to.max(Some(row.changed_at));
            o.accounts.insert(
                row.account,
                Entry {
                    changed_at: row.changed_at,
                    record: Arc::new(record),
                    signals: None,
                },
            );
        }
    });
    Ok(())
}

/// Every account of the organisation with its record and its signals at `now`.
/// Every account's record, brought up to date: for scoring under other weights
/// without disturbing the cache of the scores under the organisation's.
pub async fn records(state: &AppState, org: &RecordId) -> ApiResult<Vec<(RecordId, Arc<AccountRecord>)>> {
    refresh(state, org).await?;
    Ok(state.evidence.with_org(org, |o| {
        o.accounts
            .iter()
            .map(|(id, entry)| (id.clone(), entry.record.clone()))
            .collect()
    }))
}

pub async fn scored(state: &AppState, org: &RecordId, weights: &Weights) -> ApiResult<ScoredAccounts> {
    refresh(state, org).await?;
    let now = state.now();
    let scored_for = (now.date_naive(), weights.clone());
    let missing: Vec<(RecordId, Arc<AccountRecord>)> = state.evidence.with_org(org, |o| {
        if o.scored_for.as_ref() != Some(&scored_for) {
            for entry in o.accounts.values_mut() {
                entry.signals = None;
            }
            o.scored_for = Some(scored_for.clone());
            o.generation += 1;
        }
        o.accounts
            .iter()
            .filter(|(_, entry)| entry.signals.is_none())
            .map(|(id, entry)| (id.clone(), entry.record.clone()))
            .collect()
    });
    if !missing.is_empty() {
        let weights = weights.clone();
        // Thousands of accounts take a while: off the request threads.
        let computed = tokio::task::spawn_blocking(move || {
            missing
                .into_iter()
                .map(|(id, record)| {
                    let signals = record.evidence.signals(now, &weights, HISTORY_MONTHS);
                    (id, record, Arc::new(signals))
                })
                .collect::<Vec<_>>()
        })
        .await
        .map_err(ApiError::internal)?;
        state.evidence.with_org(org, |o| {
            for (id, record, signals) in computed {
                // A newer record that arrived meanwhile keeps its own (missing) signals.
                if let Some(entry) = o.accounts.get_mut(&id)
                    && Arc::ptr_eq(&entry.record, &record)
                {
                    entry.signals = Some(signals);
                }
            }
        });
    }
    Ok(state.evidence.with_org(org, |o| ScoredAccounts {
        generation: o.generation,
        accounts: o
            .accounts
            .iter()
            .map(|(id, entry)| Scored {
                account: id.clone(),
                record: entry.record.clone(),
                // Only a record that arrived while the others were scored lacks them.
                signals: entry
                    .signals
                    .clone()
                    .unwrap_or_else(|| Arc::new(entry.record.evidence.signals(now, weights, HISTORY_MONTHS))),
            })
            .collect(),
    }))
}

/// Recomputes up to `budget` dirty records of any organisation: the scheduler keeps
/// the readers' work small.
pub async fn recompute_dirty(state: &AppState, budget: u32) -> ApiResult<u32> {
    let rows = state.store.dirty_evidence(budget).await?;
    let mut done = 0;
    for row in &rows {
        match recompute(state, row).await {
            // The account's data does not read (logged); it stays dirty, the others go on.
            Err(e) if e.code == ErrorCode::StoredDataUnreadable => continue,
            result => result?,
        };
        done += 1;
    }
    Ok(done)
}
