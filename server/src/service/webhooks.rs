//! Outgoing webhooks: admins subscribe an address to events; each event is POSTed
//! there as JSON, signed with HMAC-SHA256 (`kaiku_core::webhook::SIGNATURE_HEADER`),
//! tried again with backoff, and listed with its last attempt so an admin can send it
//! again.
//!
//! Deliveries are created by the schema's events in the transaction of the write
//! they tell of (migration 31), and their body is built as they are sent, from what
//! is stored then. An address is resolved before each attempt and the request goes
//! to the addresses checked, so a webhook reaches neither this machine nor a private
//! network unless `KAIKU_WEBHOOKS_ALLOW_INTERNAL` says it may.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration as StdDuration;

use chrono::Duration;
use hmac::{Hmac, Mac};
use kaiku_core::audit::AuditKind;
use kaiku_core::validate::{FieldError, Invalid};
use kaiku_core::webhook::{
    DELIVERY_HEADER, DeliveryState, EVENT_HEADER, MAX_PER_ORGANISATION, SIGNATURE_HEADER, TIMESTAMP_HEADER,
    WebhookCreated, WebhookDeliveryView, WebhookEvent, WebhookInput, WebhookView,
};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::task::JoinSet;

use super::accounts::People;
use super::audit;
use super::auth::CurrentUser;
use super::delivery::retry_at;
use super::network::{self, is_internal};
use super::secrets::new_token;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::decode::{self, Unreadable};
use crate::store::webhooks::{Attempted, DeliveryRow, WebhookRow};
use crate::store::{id_from_key, key_of, new_id};

/// How long a receiver has to answer.
const TIMEOUT_SECONDS: u64 = 10;
/// How long one attempt holds a delivery before another instance may try it.
const CLAIM_MINUTES: i64 = 5;
/// Deliveries the admins' list shows.
const LISTED: u32 = 100;
/// Days a delivery is listed after it ended (delivered or given up); then forgotten.
pub const KEPT_DAYS: i64 = 30;
/// Characters of a failure kept for the list.
const ERROR_MAX_CHARS: usize = 300;

fn events(row: &WebhookRow) -> Result<Vec<WebhookEvent>, Unreadable> {
    row.events
        .iter()
        .map(|code| decode::code(&row.id, "webhook.events", code, WebhookEvent::from_code))
        .collect()
}

fn view(row: &WebhookRow, people: &People) -> Result<WebhookView, Unreadable> {
    Ok(WebhookView {
        id: key_of(&row.id),
        url: row.url.clone(),
        events: events(row)?,
        created_at: row.created_at,
        created_by: people.person(&row.created_by),
    })
}

fn delivery_view(row: &DeliveryRow) -> Result<WebhookDeliveryView, Unreadable> {
    let state = if row.delivered_at.is_some() {
        DeliveryState::Delivered
    } else if row.failed_at.is_some() {
        DeliveryState::Failed
    } else {
        DeliveryState::Waiting
    };
    Ok(WebhookDeliveryView {
        id: key_of(&row.id),
        webhook: key_of(&row.webhook),
        event: decode::code(&row.id, "webhook_delivery.event", &row.event, WebhookEvent::from_code)?,
        occurred_at: row.occurred_at,
        state,
        attempts: u32::try_from(row.attempts).unwrap_or(0),
        response_status: row.response_status.and_then(|s| u16::try_from(s).ok()),
        error: row.error.clone(),
        next_attempt_at: row.next_attempt_at.filter(|_| state == DeliveryState::Waiting),
        delivered_at: row.delivered_at,
    })
}

/// The organisation's webhooks, newest first (admins).
pub async fn list(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<WebhookView>> {
    current.require_team_manager()?;
    let people = People::load(state, current).await?;
    let rows = state.store.webhooks(current.org()).await?;
    Ok(rows.iter().map(|row| view(row, &people)).collect::<Result<_, _>>()?)
}

/// A new webhook (admins); the secret its requests are signed with is in this answer.
pub async fn create(state: &AppState, current: &CurrentUser, input: WebhookInput) -> ApiResult<WebhookCreated> {
    current.require_team_manager()?;
    let input = input.normalised();
    input.check()?;
    let host = host_of(&input.url)?;
    if !state.config.webhooks_allow_internal
        && let Ok(ip) = host.trim_matches(['[', ']']).parse::<IpAddr>()
        && is_internal(ip)
    {
        return Err(ApiError::validation(
            "url",
            "webhooks may not reach this machine or a private network",
        ));
    }
    if state.store.webhooks(current.org()).await?.len() >= MAX_PER_ORGANISATION {
        return Err(FieldError {
            field: "url",
            problem: Invalid::TooMany {
                max: MAX_PER_ORGANISATION,
            },
        }
        .into());
    }
    let row = WebhookRow {
        id: new_id("webhook"),
        org: current.org().clone(),
        url: input.url,
        events: input.events.iter().map(|e| e.code().to_string()).collect(),
        secret: format!("whsec_{}", new_token()),
        created_by: current.user.id.clone(),
        created_at: state.now(),
    };
    state.store.create_webhook(row.clone()).await?;
    audit::by(state, current, AuditKind::WebhookCreated, host).await?;
    let people = People::load(state, current).await?;
    Ok(WebhookCreated {
        webhook: view(&row, &people)?,
        secret: row.secret,
    })
}

/// Removes a webhook and what it had still to send (admins).
pub async fn delete(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<()> {
    current.require_team_manager()?;
    let row = state
        .store
        .delete_webhook(current.org(), &id_from_key("webhook", id))
        .await?
        .ok_or_else(ApiError::not_found)?;
    audit::by(state, current, AuditKind::WebhookDeleted, host_of(&row.url)?).await
}

/// The organisation's latest deliveries, newest first (admins).
pub async fn deliveries(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<WebhookDeliveryView>> {
    current.require_team_manager()?;
    let rows = state.store.webhook_deliveries(current.org(), LISTED).await?;
    Ok(rows.iter().map(delivery_view).collect::<Result<_, _>>()?)
}

/// Sends a delivery again (admins): it is due at once, with fresh attempts.
pub async fn resend(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<WebhookDeliveryView> {
    current.require_team_manager()?;
    let row = state
        .store
        .resend_delivery(current.org(), &id_from_key("webhook_delivery", id))
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(delivery_view(&row)?)
}

/// The host of a checked address: what the security log names a webhook by.
fn host_of(url: &str) -> ApiResult<String> {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_string))
        .ok_or_else(|| ApiError::validation("url", Invalid::NotAWebAddress.english()))
}

/// `sha256=<hex>` of `<timestamp>.<body>` under the webhook's secret.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

/// The scheduler's pass: up to `limit` due deliveries, sent at once (one slow
/// receiver does not hold up the others), then the deliveries that ended more than
/// [`KEPT_DAYS`] ago forgotten. How many attempts were made.
pub async fn deliver_due(state: &AppState, limit: u32) -> ApiResult<u32> {
    let now = state.now();
    let claimed = state
        .store
        .claim_due_deliveries(now, now + Duration::minutes(CLAIM_MINUTES), limit)
        .await?;
    let attempts = u32::try_from(claimed.len()).unwrap_or(u32::MAX);
    // By key: a record id is not a sound map key (clippy's mutable_key_type).
    let mut hooks: HashMap<String, Option<WebhookRow>> = HashMap::new();
    let mut sending = JoinSet::new();
    for delivery in claimed {
        let key = key_of(&delivery.webhook);
        if !hooks.contains_key(&key) {
            let hook = state.store.webhook(&delivery.org, &delivery.webhook).await?;
            hooks.insert(key.clone(), hook);
        }
        let Some(hook) = hooks[&key].clone() else {
            // Deleted with its deliveries since they were claimed.
            continue;
        };
        let state = state.clone();
        sending.spawn(async move { send(&state, &hook, &delivery).await });
    }
    while let Some(sent) = sending.join_next().await {
        sent.map_err(ApiError::internal)??;
    }
    state
        .store
        .forget_ended_deliveries(now - Duration::days(KEPT_DAYS), limit)
        .await?;
    Ok(attempts)
}

/// One attempt at one delivery, recorded.
async fn send(state: &AppState, hook: &WebhookRow, delivery: &DeliveryRow) -> ApiResult<()> {
    let event = decode::code(
        &delivery.id,
        "webhook_delivery.event",
        &delivery.event,
        WebhookEvent::from_code,
    )?;
    let Some(mut data) = state
        .store
        .webhook_subject(&delivery.org, event, &delivery.subject)
        .await?
    else {
        let gone = Attempted {
            response_status: None,
            error: Some("not sent: what the event was about was deleted first".into()),
            at: state.now(),
            retry_at: None,
        };
        return Ok(state.store.record_attempt(&delivery.id, gone).await?);
    };
    // Answers are stored as JSON text; the receiver gets them as JSON.
    if let Some(answers) = data.as_object_mut().and_then(|o| o.remove("answers_json")) {
        let parsed = answers
            .as_str()
            .and_then(|text| serde_json::from_str::<Value>(text).ok());
        data["answers"] = parsed.unwrap_or(Value::Null);
    }
    let body = json!({
        "id": key_of(&delivery.id),
        "event": event.code(),
        "occurred_at": delivery.occurred_at,
        "organisation": key_of(&delivery.org),
        "data": data,
    })
    .to_string();
    let outcome = post(state, hook, delivery, event, &body).await;
    let now = state.now();
    let attempted = match outcome {
        Ok(status) => Attempted {
            response_status: Some(i64::from(status)),
            error: None,
            at: now,
            retry_at: None,
        },
        Err((status, error)) => {
            let error: String = error.chars().take(ERROR_MAX_CHARS).collect();
            tracing::warn!(delivery = %key_of(&delivery.id), %error, "a webhook delivery failed");
            Attempted {
                response_status: status.map(i64::from),
                error: Some(error),
                at: now,
                retry_at: retry_at(delivery.attempts, now),
            }
        }
    };
    Ok(state.store.record_attempt(&delivery.id, attempted).await?)
}

/// POSTs `body`; the receiver's status, or why it failed (with the status if it
/// answered). Errors never hold the address: its path may be a secret.
async fn post(
    state: &AppState,
    hook: &WebhookRow,
    delivery: &DeliveryRow,
    event: WebhookEvent,
    body: &str,
) -> Result<u16, (Option<u16>, String)> {
    let fail = |message: &str| (None, message.to_string());
    let url = reqwest::Url::parse(&hook.url).map_err(|_| fail("the address is not valid"))?;
    let host = url
        .host_str()
        .ok_or_else(|| fail("the address has no host"))?
        .to_string();
    let port = url
        .port_or_known_default()
        .ok_or_else(|| fail("the address has no port"))?;
    let addresses = network::resolve(&host, port, state.config.webhooks_allow_internal)
        .await
        .map_err(|refused| fail(&refused.to_string()))?;
    let client = reqwest::Client::builder()
        .resolve_to_addrs(&host, &addresses)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(StdDuration::from_secs(TIMEOUT_SECONDS))
        .user_agent("Kaiku-Webhooks/1")
        .build()
        .map_err(|_| fail("the request could not be prepared"))?;
    let timestamp = state.now().timestamp();
    let response = client
        .post(url)
        .header("Content-Type", "application/json")
        .header(SIGNATURE_HEADER, signature(&hook.secret, timestamp, body))
        .header(TIMESTAMP_HEADER, timestamp.to_string())
        .header(DELIVERY_HEADER, key_of(&delivery.id))
        .header(EVENT_HEADER, event.code())
        .body(body.to_string())
        .send()
        .await
        .map_err(|e| (None, e.without_url().to_string()))?;
    let status = response.status().as_u16();
    if response.status().is_success() {
        Ok(status)
    } else {
        Err((Some(status), format!("the receiver answered {status}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_of_the_timestamp_and_body() {
        // RFC 4231 does not cover this framing; the value is Python's
        // hmac.new(b"key", b"1700000000.{}", "sha256").hexdigest().
        assert_eq!(
            signature("key", 1_700_000_000, "{}"),
            "sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae"
        );
    }
}
