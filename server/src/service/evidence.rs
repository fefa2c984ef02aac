//! An account's evidence gathered from storage (`kaiku_core::evidence`), the record kept
//! of it for the heatmap, and this process's copy of those records.
//!
//! Writes never compute anything here: the schema's events log a change of the
//! account in the same transaction, a row of its own, so writes to one account never
//! race for a row. Readers bring their copy up to date by reading what was saved and
//! logged since their last look (`last_look`), recompute the changed accounts from
//! storage and save them, deleting the changes they took in; the scheduler does the
//! same for changes no reader came for. The signals (health month by month) follow
//! from the records in memory and are kept until the day or the weights change.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};
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

use super::last_look::LastLook;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::AccountRow;
use crate::store::counterfeedback::{ActionRow, CounterFeedbackRow};
use crate::store::decode::Unreadable;
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

struct Entry {
    changed_at: DateTime<Utc>,
    record: Arc<AccountRecord>,
    signals: Option<Arc<AccountSignals>>,
}

#[derive(Default)]
struct OrgEvidence {
    last_look: LastLook,
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

/// Recomputes an account's record from storage and saves it, taking in the changes
/// logged so far, unless another recompute saved it meanwhile (that one's record is
/// read on the next look). `None` when the account is gone: its changes are forgotten.
pub async fn recompute(state: &AppState, org: &RecordId, account: &RecordId) -> ApiResult<Option<AccountRecord>> {
    let seen = state.store.evidence_saved_at(org, account).await?;
    // Before the data: a change logged after this read is left for the next recompute.
    let taken = state.store.account_changes(org, account).await?;
    let Some(row) = state.store.account(org, account).await? else {
        state.store.forget_changes(org, account).await?;
        return Ok(None);
    };
    let record = AccountData::load(state, row).await?.record(state.now())?;
    state
        .store
        .save_evidence(org, account, seen, taken, to_json(&record)?)
        .await?;
    Ok(Some(record))
}

/// Brings this process's copy of the organisation's records up to date: records saved
/// since the last look are read, accounts with changes logged since are recomputed.
async fn refresh(state: &AppState, org: &RecordId) -> ApiResult<()> {
    let cache = &state.evidence;
    let looked_at = state.store.clock().await?;
    let since = cache.with_org(org, |o| o.last_look.since(looked_at));
    let known = |account: &RecordId, changed_at: DateTime<Utc>| {
        cache.with_org(org, |o| {
            o.accounts
                .get(account)
                .is_some_and(|entry| entry.changed_at >= changed_at)
        })
    };
    // By key: a record id is not a sound set member.
    let mut changed: HashMap<String, RecordId> = state
        .store
        .changed_accounts(org, since)
        .await?
        .into_iter()
        .map(|account| (key_of(&account), account))
        .collect();
    let rows = match since {
        None => state.store.all_evidence(org).await?,
        // What was saved is read by its stamps first: records seen before stay unread.
        Some(since) => {
            let unknown: Vec<RecordId> = state
                .store
                .evidence_stamps_since(org, since)
                .await?
                .into_iter()
                .filter(|stamp| {
                    !changed.contains_key(&key_of(&stamp.account)) && !known(&stamp.account, stamp.changed_at)
                })
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
        if changed.contains_key(&key_of(&row.account)) || known(&row.account, row.changed_at) {
            continue;
        }
        // A saved record is a cache of what the account's own records say: one that
        // does not decode (saved by another version) is computed again from them.
        match row.data_json.as_deref().map(serde_json::from_str::<AccountRecord>) {
            Some(Ok(record)) => fresh.push((row.account, row.changed_at, Some(record))),
            _ => {
                changed.insert(key_of(&row.account), row.account);
            }
        }
    }
    for account in changed.into_values() {
        let record = recompute(state, org, &account).await?;
        // Its save is a stamp newer than any known: read again on the next look, once.
        fresh.push((account, DateTime::<Utc>::MIN_UTC, record));
    }
    cache.with_org(org, |o| {
        o.last_look.looked(looked_at);
        if !fresh.is_empty() {
            o.generation += 1;
        }
        for (account, changed_at, record) in fresh {
            match record {
                Some(record) => {
                    let record = Arc::new(record);
                    o.accounts.insert(
                        account,
                        Entry {
                            changed_at,
                            record,
                            signals: None,
                        },
                    );
                }
                None => {
                    o.accounts.remove(&account);
                }
            }
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

/// Recomputes the accounts of any organisation with changes logged, from up to
/// `budget` changes: the scheduler keeps the readers' work small.
pub async fn recompute_changed(state: &AppState, budget: u32) -> ApiResult<u32> {
    let mut done = 0;
    for changed in state.store.accounts_with_changes(budget).await? {
        match recompute(state, &changed.org, &changed.account).await {
            // The account's data does not read (logged); its changes stay, the others go on.
            Err(e) if e.code == ErrorCode::StoredDataUnreadable => continue,
            result => result?,
        };
        done += 1;
    }
    Ok(done)
}
