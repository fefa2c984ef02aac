//! Topic owners: the person each theme or churn cause concerns, and what reaches them
//! — every answer and counter-feedback labelled with their topic, verbatim, with the
//! account and who said it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::account::PersonRef;
use crate::analysis::CommentAnalysis;
use crate::churn::ChurnCause;
use crate::validate::{self, FieldError, Invalid};

api_enum! {
    pub enum OwnedTopicKind {
        /// A theme of the analysis (built-in or the organisation's own), by key.
        Theme,
        /// One of the six churn causes, by code.
        ChurnCause,
    }
}

api_type! {
    /// A theme or churn cause as topic owners see it (`initiative::Topic` is the same
    /// idea with its own stored codes; joining the two is left to a later change).
    pub struct OwnedTopic {
        pub kind: OwnedTopicKind,
        pub key: String,
    }
}

impl OwnedTopic {
    /// The same topic as initiatives name it, to name it the same way.
    pub fn as_topic(&self) -> crate::initiative::Topic {
        crate::initiative::Topic {
            kind: match self.kind {
                OwnedTopicKind::Theme => crate::initiative::TopicKind::Theme,
                OwnedTopicKind::ChurnCause => crate::initiative::TopicKind::Cause,
            },
            key: self.key.clone(),
        }
    }
}

api_type! {
    pub struct TopicOwnerInput {
        pub topic: OwnedTopic,
        /// A user of the organisation (id).
        pub owner: String,
    }
}

api_type! {
    /// `PUT /settings/topic-owners`: the whole list, replacing the old one.
    pub struct TopicOwnersInput {
        pub owners: Vec<TopicOwnerInput>,
    }
}

api_type! {
    pub struct TopicOwnerView {
        pub topic: OwnedTopic,
        pub owner: PersonRef,
    }
}

api_enum! {
    pub enum TopicSource {
        /// A customer's open answer.
        Answer,
        /// The team's counter-feedback.
        CounterFeedback,
        /// A customer's message (an email, a call, a meeting note, …) matched to the account.
        Message,
    }
}

api_type! {
    /// One thing said about a topic, verbatim, as its owner reads it.
    pub struct TopicItem {
        /// `<response>:<question>` for an answer, `cf:<counter-feedback>` for
        /// counter-feedback, `msg:<message>` for a message.
        pub id: String,
        pub source: TopicSource,
        pub topic: OwnedTopic,
        pub account: PersonRef,
        /// The contact who answered, or the team member who wrote it.
        pub said_by: String,
        pub text: String,
        pub at: DateTime<Utc>,
        pub seen: bool,
    }
}

/// How long an owner's reply may be: a few paragraphs, like counter-feedback's texts.
pub const REPLY_MAX_CHARS: usize = crate::counterfeedback::TEXT_MAX_CHARS;

api_type! {
    /// `POST /topics/items/{id}/replies`: the owner's answer to what was said about
    /// their topic, for the account's team to read in its timeline.
    pub struct TopicReplyInput {
        pub topic: OwnedTopic,
        pub text: String,
    }
}

impl TopicReplyInput {
    pub fn normalised(mut self) -> TopicReplyInput {
        self.text = self.text.trim().to_string();
        self
    }

    pub fn check(&self) -> Result<(), FieldError> {
        if self.text.is_empty() {
            return Err(FieldError {
                field: "text",
                problem: Invalid::Required,
            });
        }
        validate::too_long("text", &self.text, REPLY_MAX_CHARS)
    }
}

api_type! {
    /// A topic owner's reply in the account's timeline, with what it answers.
    pub struct TopicReplyView {
        pub id: String,
        pub topic: OwnedTopic,
        pub author: PersonRef,
        pub text: String,
        /// What it answers, verbatim, and who said it.
        pub replying_to: String,
        pub said_by: String,
        pub at: DateTime<Utc>,
    }
}

/// The topics an analysed answer is labelled with: its themes, then its churn causes.
pub fn topics_of(analysis: &CommentAnalysis) -> Vec<OwnedTopic> {
    analysis
        .themes
        .iter()
        .map(|t| OwnedTopic {
            kind: OwnedTopicKind::Theme,
            key: t.key.clone(),
        })
        .chain(analysis.churn_causes.iter().map(|c| OwnedTopic {
            kind: OwnedTopicKind::ChurnCause,
            key: c.cause.code().to_string(),
        }))
        .collect()
}

/// The topics of a counter-feedback: the churn causes the team chose.
pub fn topics_of_causes(causes: &[ChurnCause]) -> Vec<OwnedTopic> {
    causes
        .iter()
        .map(|c| OwnedTopic {
            kind: OwnedTopicKind::ChurnCause,
            key: c.code().to_string(),
        })
        .collect()
}

pub fn answer_item_id(response: &str, question_id: &str) -> String {
    format!("{response}:{question_id}")
}

pub fn counter_feedback_item_id(counter_feedback: &str) -> String {
    format!("cf:{counter_feedback}")
}

pub fn message_item_id(message: &str) -> String {
    format!("msg:{message}")
}

/// The newest first; of two at once, by id, so the feed keeps its order.
pub fn sort_feed(items: &mut [TopicItem]) {
    items.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_ids_tell_answers_from_counter_feedback() {
        assert_eq!(answer_item_id("abc", "do_differently"), "abc:do_differently");
        assert_eq!(counter_feedback_item_id("abc"), "cf:abc");
    }

    #[test]
    fn counter_feedback_topics_are_its_causes() {
        assert_eq!(
            topics_of_causes(&[ChurnCause::VoiceLost]),
            vec![OwnedTopic {
                kind: OwnedTopicKind::ChurnCause,
                key: "voice_lost".into()
            }]
        );
    }
}
