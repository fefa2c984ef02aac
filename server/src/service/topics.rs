//! Topic owners: admins name the person each theme or churn cause concerns; every
//! answer and counter-feedback labelled with that topic reaches its owner verbatim in
//! their feed ("My topics"), whether or not they are on the account's team. Owners mark
//! items seen, and "not about this topic" corrects the answer's analysis as the team's
//! corrections do, so the organisation's model learns from it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kaiku_core::ChurnCause;
use kaiku_core::account::PersonRef;
use kaiku_core::analysis::{Correction, CorrectionKind};
use kaiku_core::api::CorrectionRequest;
use kaiku_core::initiative::{CHECK_DEFAULT_DAYS, DESCRIPTION_MAX_CHARS, InitiativeInput, InitiativeView};
use kaiku_core::message::MessageCorrection;
use kaiku_core::topics::{
    self, OwnedTopic, OwnedTopicKind, TopicItem, TopicOwnerView, TopicOwnersInput, TopicReplyInput, TopicReplyView,
    TopicSource, answer_item_id, counter_feedback_item_id, message_item_id,
};
use surrealdb::types::RecordId;

use super::accounts::People;
use super::auth::CurrentUser;
use super::initiatives::{self, themes};
use super::{analysis, messages};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::topics::{Heard, TopicReplyRow};
use crate::store::{id_from_key, key_of, new_id};

fn correction_kind(kind: OwnedTopicKind) -> CorrectionKind {
    match kind {
        OwnedTopicKind::Theme => CorrectionKind::Theme,
        OwnedTopicKind::ChurnCause => CorrectionKind::ChurnCause,
    }
}

pub async fn owners(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<TopicOwnerView>> {
    let people = People::load(state, current).await?;
    state
        .store
        .topic_owners(current.org())
        .await?
        .into_iter()
        .map(|row| {
            let kind = OwnedTopicKind::from_code(&row.kind)
                .ok_or_else(|| ApiError::internal("a topic owner's kind is one the schema admits"))?;
            Ok(TopicOwnerView {
                topic: OwnedTopic { kind, key: row.key },
                owner: people.person(&row.owner),
            })
        })
        .collect()
}

/// Admins replace the list: each topic a known theme or churn cause, once, owned by an
/// active person of the organisation.
pub async fn set_owners(
    state: &AppState,
    current: &CurrentUser,
    input: TopicOwnersInput,
) -> ApiResult<Vec<TopicOwnerView>> {
    if !current.role().can_manage_team() {
        return Err(ApiError::forbidden());
    }
    let model = analysis::model(state, current.org()).await?;
    let users = state.store.users(current.org()).await?;
    let mut rows: Vec<(String, String, RecordId)> = Vec::new();
    for owner in input.owners {
        let OwnedTopic { kind, key } = owner.topic;
        let probe = Correction {
            text: String::new(),
            kind: correction_kind(kind),
            label: key.clone(),
            present: true,
        };
        if !model.knows(&probe) {
            return Err(ApiError::validation(
                "owners",
                format!("{key} is not a theme or churn cause here"),
            ));
        }
        if rows.iter().any(|(k, existing, _)| k == kind.code() && *existing == key) {
            return Err(ApiError::validation("owners", format!("{key} has two owners")));
        }
        let user = users
            .iter()
            .find(|u| key_of(&u.id) == owner.owner && u.active)
            .ok_or_else(|| ApiError::validation("owners", "the owner is not an active person here"))?;
        rows.push((kind.code().to_string(), key, user.id.clone()));
    }
    state.store.set_topic_owners(current.org(), rows).await?;
    owners(state, current).await
}

/// Everything said about the caller's topics, newest first.
pub async fn my_feed(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<TopicItem>> {
    feed_of(state, current.org(), &current.user.id).await
}

/// Everything said about the topics `user` owns, newest first, with what they have seen.
pub(super) async fn feed_of(state: &AppState, org: &RecordId, user: &RecordId) -> ApiResult<Vec<TopicItem>> {
    let mine: Vec<OwnedTopic> = state
        .store
        .topic_owners(org)
        .await?
        .into_iter()
        .filter(|row| &row.owner == user)
        .filter_map(|row| {
            Some(OwnedTopic {
                kind: OwnedTopicKind::from_code(&row.kind)?,
                key: row.key,
            })
        })
        .collect();
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let seen = state.store.seen_topic_items(org, user).await?;
    let mut items = mentions(
        state,
        org,
        |topic| mine.contains(topic),
        |id| seen.iter().any(|s| s == id),
    )
    .await?;
    topics::sort_feed(&mut items);
    Ok(items)
}

/// Everything said about the topics `wanted` picks, in every answer, counter-feedback
/// and matched message of the organisation, with `seen` telling what the reader saw.
async fn mentions(
    state: &AppState,
    org: &RecordId,
    wanted: impl Fn(&OwnedTopic) -> bool,
    seen: impl Fn(&str) -> bool,
) -> ApiResult<Vec<TopicItem>> {
    let people = People::of_org(state, org).await?;
    let heard = state.store.heard_in(org, None).await?;
    let mut accounts: HashMap<String, String> = HashMap::new();
    let mut items = Vec::new();
    for said in said_in(&heard, wanted)? {
        items.push(TopicItem {
            seen: seen(&said.id),
            id: said.id,
            source: said.source,
            topic: said.topic,
            account: account_ref(state, org, said.account, &mut accounts).await?,
            said_by: match said.by {
                SaidBy::Named(name) => name,
                SaidBy::Member(user) => people.person(user).name,
            },
            text: said.text,
            at: said.at,
        });
    }
    Ok(items)
}

/// One topic mentioned in one answer, counter-feedback or message.
pub(super) struct Said<'a> {
    /// The item's id in an owner's feed (`kaiku_core::topics`' `*_item_id`).
    pub id: String,
    pub source: TopicSource,
    pub topic: OwnedTopic,
    pub account: &'a RecordId,
    pub by: SaidBy<'a>,
    pub text: String,
    pub at: DateTime<Utc>,
}

/// Who said it: a contact by name, or a member of the team.
pub(super) enum SaidBy<'a> {
    Named(String),
    Member(&'a RecordId),
}

/// Every mention in `heard` of a topic `wanted` picks, answers first, then
/// counter-feedback, then messages.
pub(super) fn said_in(heard: &Heard, wanted: impl Fn(&OwnedTopic) -> bool) -> ApiResult<Vec<Said<'_>>> {
    let mut said = Vec::new();
    for link in &heard.links {
        let answers = link.answers()?;
        for answered in link.analysis()? {
            let Some(text) = answers
                .iter()
                .find(|a| a.question_id == answered.question_id)
                .and_then(|a| a.text.clone())
            else {
                continue;
            };
            for topic in topics::topics_of(&answered.analysis).into_iter().filter(|t| wanted(t)) {
                said.push(Said {
                    id: answer_item_id(&key_of(&link.id), &answered.question_id),
                    source: TopicSource::Answer,
                    topic,
                    account: &link.account,
                    by: SaidBy::Named(link.contact_name.clone()),
                    text: text.clone(),
                    at: link.answered_at.unwrap_or(link.sent_at),
                });
            }
        }
    }
    for feedback in &heard.counter_feedback {
        let causes: Vec<ChurnCause> = feedback
            .churn_causes
            .iter()
            .filter_map(|c| ChurnCause::from_code(c))
            .collect();
        let text = [feedback.behind_the_scenes.as_str(), feedback.notes.as_str()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        for topic in topics::topics_of_causes(&causes).into_iter().filter(|t| wanted(t)) {
            said.push(Said {
                id: counter_feedback_item_id(&key_of(&feedback.id)),
                source: TopicSource::CounterFeedback,
                topic,
                account: &feedback.account,
                by: SaidBy::Member(&feedback.author),
                text: text.clone(),
                at: feedback.created_at,
            });
        }
    }
    for message in &heard.messages {
        let Some(account) = &message.account else {
            continue;
        };
        for topic in topics::topics_of(&message.analysis()?)
            .into_iter()
            .filter(|t| wanted(t))
        {
            said.push(Said {
                id: message_item_id(&key_of(&message.id)),
                source: TopicSource::Message,
                topic,
                account,
                by: SaidBy::Named(if message.sender_name.is_empty() {
                    message.sender_email.clone()
                } else {
                    message.sender_name.clone()
                }),
                text: message.body.clone(),
                at: message.received_at,
            });
        }
    }
    Ok(said)
}

async fn account_ref(
    state: &AppState,
    org: &RecordId,
    account: &RecordId,
    names: &mut HashMap<String, String>,
) -> ApiResult<PersonRef> {
    let key = key_of(account);
    if !names.contains_key(&key) {
        let name = state
            .store
            .account(org, account)
            .await?
            .map_or_else(|| "—".to_string(), |a| a.name);
        names.insert(key.clone(), name);
    }
    Ok(PersonRef {
        name: names[&key].clone(),
        id: key,
    })
}

/// The caller's feed item with this id and topic: 404 when it is not in their feed, a
/// field error when it is but not about `topic`.
async fn my_item(state: &AppState, current: &CurrentUser, item: &str, topic: &OwnedTopic) -> ApiResult<TopicItem> {
    in_my_feed(state, current, item)
        .await?
        .into_iter()
        .find(|i| &i.topic == topic)
        .ok_or_else(|| ApiError::validation("topic", "the item is not labelled with this topic of yours"))
}

/// An owner's reply to an item of their feed, placed in the account's timeline with
/// what it answers.
pub async fn reply(
    state: &AppState,
    current: &CurrentUser,
    item: &str,
    input: TopicReplyInput,
) -> ApiResult<TopicReplyView> {
    let input = input.normalised();
    input.check()?;
    let found = my_item(state, current, item, &input.topic).await?;
    let row = TopicReplyRow {
        id: new_id("topic_reply"),
        org: current.org().clone(),
        account: id_from_key("account", &found.account.id),
        item: item.to_string(),
        topic_kind: input.topic.kind.code().to_string(),
        topic_key: input.topic.key.clone(),
        author: current.user.id.clone(),
        text: input.text,
        replying_to: found.text,
        said_by: found.said_by,
        created_at: state.now(),
    };
    state.store.create_topic_reply(row.clone()).await?;
    reply_view(row, &People::load(state, current).await?)
}

pub fn reply_view(row: TopicReplyRow, people: &People) -> ApiResult<TopicReplyView> {
    let kind = OwnedTopicKind::from_code(&row.topic_kind)
        .ok_or_else(|| ApiError::internal("a reply's topic kind is one the schema admits"))?;
    Ok(TopicReplyView {
        id: key_of(&row.id),
        topic: OwnedTopic {
            kind,
            key: row.topic_key,
        },
        author: people.person(&row.author),
        text: row.text,
        replying_to: row.replying_to,
        said_by: row.said_by,
        at: row.created_at,
    })
}

/// The replies in an account's timeline.
pub async fn account_replies(
    state: &AppState,
    current: &CurrentUser,
    account: &RecordId,
    people: &People,
) -> ApiResult<Vec<TopicReplyView>> {
    state
        .store
        .topic_replies(current.org(), account)
        .await?
        .into_iter()
        .map(|row| reply_view(row, people))
        .collect()
}

/// An initiative proposed from an item of the owner's feed: named after the topic and
/// the account, owned by the caller, linked to the answer or counter-feedback it came from.
pub async fn propose_initiative(
    state: &AppState,
    current: &CurrentUser,
    item: &str,
    topic: OwnedTopic,
) -> ApiResult<InitiativeView> {
    let found = my_item(state, current, item, &topic).await?;
    let (custom, _) = themes(state, current.org()).await?;
    let topic = topic.as_topic();
    let (answers, counter_feedback) = match found.source {
        TopicSource::Answer => (
            item.split(':').next().map(str::to_string).into_iter().collect(),
            Vec::new(),
        ),
        TopicSource::CounterFeedback => (
            Vec::new(),
            item.strip_prefix("cf:").map(str::to_string).into_iter().collect(),
        ),
        // An initiative links answers and counter-feedback; the message's words are
        // in its description.
        TopicSource::Message => (Vec::new(), Vec::new()),
    };
    let input = InitiativeInput {
        title: format!(
            "{}: {}",
            topic.name(&custom, current.user.language()),
            found.account.name
        ),
        description: found.text.chars().take(DESCRIPTION_MAX_CHARS).collect(),
        owner: Some(key_of(&current.user.id)),
        topics: vec![topic],
        accounts: vec![found.account.id],
        answers,
        counter_feedback,
        cases: Vec::new(),
        points: Vec::new(),
        check_days: CHECK_DEFAULT_DAYS,
    };
    initiatives::propose(state, current, input).await
}

/// The caller's feed items with this id: none (404) when it is not in their feed.
async fn in_my_feed(state: &AppState, current: &CurrentUser, item: &str) -> ApiResult<Vec<TopicItem>> {
    let found: Vec<TopicItem> = my_feed(state, current)
        .await?
        .into_iter()
        .filter(|i| i.id == item)
        .collect();
    if found.is_empty() {
        Err(ApiError::not_found())
    } else {
        Ok(found)
    }
}

pub async fn mark_seen(state: &AppState, current: &CurrentUser, item: &str) -> ApiResult<()> {
    in_my_feed(state, current, item).await?;
    state
        .store
        .mark_topic_item_seen(current.org(), &current.user.id, item, state.now())
        .await?;
    Ok(())
}

/// "Not about this topic": the answer's or message's label is corrected away (and
/// learned from); counter-feedback causes are the team's own choice and are not
/// corrected here.
pub async fn not_about(state: &AppState, current: &CurrentUser, item: &str, topic: OwnedTopic) -> ApiResult<()> {
    let found = in_my_feed(state, current, item).await?;
    let Some(entry) = found.iter().find(|i| i.topic == topic) else {
        return Err(ApiError::validation(
            "topic",
            "the item is not labelled with this topic of yours",
        ));
    };
    match entry.source {
        TopicSource::CounterFeedback => {
            return Err(ApiError::validation(
                "topic",
                "a counter-feedback's churn causes are its writer's; ask them to change it",
            ));
        }
        TopicSource::Message => {
            let key = item.strip_prefix("msg:").ok_or_else(ApiError::not_found)?;
            let row = state
                .store
                .message(current.org(), &id_from_key("message", key))
                .await?
                .ok_or_else(ApiError::not_found)?;
            let correction = MessageCorrection {
                kind: correction_kind(topic.kind),
                label: topic.key,
                present: false,
            };
            messages::correct_row(state, current, &row, correction).await?;
            return Ok(());
        }
        TopicSource::Answer => {}
    }
    let Some((link_key, question_id)) = item.split_once(':') else {
        return Err(ApiError::not_found());
    };
    let link = state
        .store
        .link(current.org(), &id_from_key("survey_link", link_key))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let request = CorrectionRequest {
        question_id: question_id.to_string(),
        kind: correction_kind(topic.kind),
        label: topic.key,
        present: false,
    };
    analysis::correct_link(state, current, &link, request, None).await?;
    Ok(())
}
