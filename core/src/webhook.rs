//! Outgoing webhooks: an admin subscribes an address to some of the organisation's
//! events; each event is POSTed there as JSON, signed with the subscription's secret.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::account::PersonRef;
use crate::language_model::is_web_address;
use crate::validate::{FieldError, Invalid};

/// Longest address a subscription may have.
pub const URL_MAX_CHARS: usize = 2000;
/// Subscriptions an organisation may have.
pub const MAX_PER_ORGANISATION: usize = 20;

/// `sha256=<hex>`: HMAC-SHA256 with the subscription's secret over
/// `<X-Kaiku-Timestamp>.<body>`, so a receiver can tell the sender and refuse replays.
pub const SIGNATURE_HEADER: &str = "X-Kaiku-Signature";
/// Seconds since 1970 when the request was signed.
pub const TIMESTAMP_HEADER: &str = "X-Kaiku-Timestamp";
/// The delivery's id: the same on every attempt, so a receiver can skip repeats.
pub const DELIVERY_HEADER: &str = "X-Kaiku-Delivery";
/// The event's name, as in the body.
pub const EVENT_HEADER: &str = "X-Kaiku-Event";

api_enum! {
    /// What a webhook may be told of.
    pub enum WebhookEvent {
        /// A customer answered a survey.
        AnswerReceived,
        /// A customer message came in (by hand, import, API or mailbox).
        MessageReceived,
        /// A team member gave counter-feedback.
        CounterFeedbackSubmitted,
        /// A case was opened on an account.
        CaseOpened,
        /// A case was closed.
        CaseClosed,
    }
}

api_type! {
    /// `POST /settings/webhooks`.
    pub struct WebhookInput {
        pub url: String,
        pub events: Vec<WebhookEvent>,
    }
}

impl WebhookInput {
    /// Trimmed, each event once, in the order events are listed.
    pub fn normalised(mut self) -> WebhookInput {
        self.url = self.url.trim().to_string();
        self.events = WebhookEvent::ALL
            .into_iter()
            .filter(|event| self.events.contains(event))
            .collect();
        self
    }

    pub fn check(&self) -> Result<(), FieldError> {
        let fail = |field, problem| Err(FieldError { field, problem });
        if self.url.is_empty() {
            return fail("url", Invalid::Required);
        }
        if self.url.chars().count() > URL_MAX_CHARS {
            return fail("url", Invalid::TooLong { max: URL_MAX_CHARS });
        }
        // A receiver's key often rides in the query (`?code=…`); the rest is checked as
        // any web address is. No fragment: it never reaches a server.
        let (address, query) = self.url.split_once('?').unwrap_or((&self.url, ""));
        if !is_web_address(address)
            || query.contains(['#', '?'])
            || query.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return fail("url", Invalid::NotAWebAddress);
        }
        if self.events.is_empty() {
            return fail("events", Invalid::Required);
        }
        Ok(())
    }
}

api_type! {
    /// A subscription as admins see it: never its secret.
    pub struct WebhookView {
        pub id: String,
        pub url: String,
        pub events: Vec<WebhookEvent>,
        pub created_at: DateTime<Utc>,
        pub created_by: PersonRef,
    }
}

api_type! {
    /// A subscription just made: `secret`, to check signatures with, is shown this once.
    pub struct WebhookCreated {
        pub webhook: WebhookView,
        pub secret: String,
    }
}

api_enum! {
    /// Where a delivery stands.
    pub enum DeliveryState {
        /// Not sent yet, or to be tried again (`next_attempt_at`).
        Waiting,
        /// The receiver answered 2xx.
        Delivered,
        /// Every attempt failed; "send again" tries once more.
        Failed,
    }
}

api_type! {
    /// One event on its way to one subscription, with its last attempt.
    pub struct WebhookDeliveryView {
        pub id: String,
        pub webhook: String,
        pub event: WebhookEvent,
        /// When the event happened.
        pub occurred_at: DateTime<Utc>,
        pub state: DeliveryState,
        pub attempts: u32,
        /// The receiver's HTTP status on the last attempt, if it answered.
        pub response_status: Option<u16>,
        /// Why the last attempt failed.
        pub error: Option<String>,
        pub next_attempt_at: Option<DateTime<Utc>>,
        pub delivered_at: Option<DateTime<Utc>>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(url: &str, events: &[WebhookEvent]) -> WebhookInput {
        WebhookInput {
            url: url.into(),
            events: events.to_vec(),
        }
        .normalised()
    }

    #[test]
    fn an_address_and_at_least_one_event_are_needed() {
        let field = |input: WebhookInput| input.check().err().map(|e| (e.field, e.problem));
        assert_eq!(
            field(input(" https://hooks.example.com/kaiku ", &[WebhookEvent::CaseOpened])),
            None
        );
        assert_eq!(
            field(input("", &[WebhookEvent::CaseOpened])),
            Some(("url", Invalid::Required))
        );
        assert_eq!(
            field(input(
                "https://fn.example.net/api/hook?code=abc-123",
                &[WebhookEvent::CaseOpened]
            )),
            None
        );
        for bad in [
            "ftp://x.test/",
            "https://user:pw@x.test/",
            "https://x.test/a b",
            "hooks.example.com",
            "https://x.test/?a=1#b",
            "https://x.test/?a= 1",
        ] {
            assert_eq!(
                field(input(bad, &[WebhookEvent::CaseOpened])),
                Some(("url", Invalid::NotAWebAddress)),
                "{bad}"
            );
        }
        assert_eq!(
            field(input("https://x.test/", &[])),
            Some(("events", Invalid::Required))
        );
    }

    #[test]
    fn events_are_kept_once_in_list_order() {
        let made = input(
            "https://x.test/",
            &[
                WebhookEvent::CaseClosed,
                WebhookEvent::AnswerReceived,
                WebhookEvent::CaseClosed,
            ],
        );
        assert_eq!(made.events, [WebhookEvent::AnswerReceived, WebhookEvent::CaseClosed]);
        assert_eq!(made.url, "https://x.test/");
    }

    #[test]
    fn events_are_written_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&WebhookEvent::CounterFeedbackSubmitted).unwrap(),
            "\"counter_feedback_submitted\""
        );
        assert_eq!(WebhookEvent::CaseOpened.code(), "case_opened");
    }
}
