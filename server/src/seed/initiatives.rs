//! The demo's initiatives, one in every status, made of what recurs in its history:
//! the leader took the costliest topic up half a year ago and finished it four months
//! ago (so its "did it work?" has a verdict), the next ones are in progress and
//! planned, one is still proposed, and a customer panel was dropped.

use chrono::Duration;
use kaiku_core::initiative::{CHECK_DEFAULT_DAYS, InitiativeStatus, Suggestion, Topic, TopicKind};
use kaiku_core::{ChurnCause, Lang};
use surrealdb::types::RecordId;

use crate::service::initiatives::current_suggestions;
use crate::state::AppState;
use crate::store::initiatives::{InitiativeEventRow, InitiativeFields};
use crate::store::{id_from_key, new_id};

/// Each initiative: its status, the title after its topic, a description, and the
/// days ago it took each status from proposed on.
struct Plan {
    status: InitiativeStatus,
    title: &'static str,
    description: &'static str,
    steps_days_ago: &'static [i64],
}

const PLANS: [Plan; 5] = [
    Plan {
        status: InitiativeStatus::Done,
        title: "{topic}: yhteinen toimintatapa kaikkiin asiakkuuksiin",
        description: "Sovittiin koko talolle yksi tapa hoitaa tämä asia, ja jokainen asiakastiimi otti sen käyttöön.",
        steps_days_ago: &[200, 185, 170, 120],
    },
    Plan {
        status: InitiativeStatus::InProgress,
        title: "{topic}: tiimien valmennus",
        description: "Jokainen asiakastiimi käy läpi asiakkaiden palautteen ja sopii omat korjausliikkeensä.",
        steps_days_ago: &[60, 45, 20],
    },
    Plan {
        status: InitiativeStatus::Planned,
        title: "{topic}: asiakaskohtainen suunnitelma",
        description: "Tärkeimmille asiakkaille tehdään oma suunnitelma seuraavaan kvartaaliin.",
        steps_days_ago: &[30, 10],
    },
    Plan {
        status: InitiativeStatus::Proposed,
        title: "{topic}",
        description: "",
        steps_days_ago: &[3],
    },
    Plan {
        status: InitiativeStatus::Dropped,
        title: "{topic}: asiakasraati",
        description: "Neljännesvuosittainen asiakasraati — jätettiin, koska asiakkaat toivoivat mieluummin nopeampia vastauksia kuin uusia kokouksia.",
        steps_days_ago: &[150, 140, 110],
    },
];

fn topic_name(topic: &Topic) -> String {
    match topic.kind {
        TopicKind::Theme => kaiku_core::analysis::theme_name(&topic.key, &[], Lang::Fi),
        TopicKind::Cause => {
            ChurnCause::from_code(&topic.key).map_or_else(|| topic.key.clone(), |c| c.label(Lang::Fi).into())
        }
    }
}

fn fields(plan: &Plan, suggestion: &Suggestion, owner: &RecordId) -> InitiativeFields {
    InitiativeFields {
        title: plan.title.replace("{topic}", &topic_name(&suggestion.topic)),
        description: plan.description.to_string(),
        owner: Some(owner.clone()),
        topics: vec![suggestion.topic.code()],
        accounts: suggestion
            .accounts
            .iter()
            .map(|a| id_from_key("account", &a.id))
            .collect(),
        answers: suggestion
            .answers
            .iter()
            .map(|k| id_from_key("survey_link", k))
            .collect(),
        counter_feedback: suggestion
            .counter_feedback
            .iter()
            .map(|k| id_from_key("counter_feedback", k))
            .collect(),
        cases: Vec::new(),
        points_json: "[]".to_string(),
        check_days: CHECK_DEFAULT_DAYS.into(),
    }
}

/// One initiative per status, each on one of the costliest recurring topics, moved
/// by `leader` through its statuses on the plan's days.
pub async fn write(state: &AppState, org: &RecordId, leader: &RecordId) -> anyhow::Result<()> {
    let suggestions = current_suggestions(state, org)
        .await
        .map_err(|e| anyhow::anyhow!(e.body().error.message))?;
    let now = state.now();
    for (plan, suggestion) in PLANS.iter().zip(&suggestions) {
        let id = new_id("initiative");
        // Forward one step at a time; the last step is the plan's status.
        let mut steps = InitiativeStatus::ALL.into_iter();
        let mut taken = Vec::new();
        for &days in plan.steps_days_ago {
            let status = if taken.len() + 1 == plan.steps_days_ago.len() {
                plan.status
            } else {
                steps.next().unwrap_or(plan.status)
            };
            taken.push(InitiativeEventRow {
                org: org.clone(),
                initiative: id.clone(),
                status: status.code().to_string(),
                happened_at: now - Duration::days(days),
                actor: leader.clone(),
                note: String::new(),
            });
        }
        let mut taken = taken.into_iter();
        let Some(created) = taken.next() else { continue };
        state
            .store
            .create_initiative(&id, fields(plan, suggestion, leader), created)
            .await?;
        for event in taken {
            let Some(row) = state.store.initiative(org, &id).await? else {
                anyhow::bail!("the demo initiative just written is missing");
            };
            let done_at = (event.status == InitiativeStatus::Done.code()).then_some(event.happened_at);
            state
                .store
                .change_initiative_status(&row, event, done_at)
                .await
                .map_err(|e| anyhow::anyhow!(e.to_string()))?;
        }
    }
    Ok(())
}
