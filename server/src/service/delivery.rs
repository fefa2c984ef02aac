//! Getting recorded messages out: over SMTP (lettre) when a server is configured,
//! each message claimed before its attempt, retried with backoff, and given up after
//! [`MAX_ATTEMPTS`] — every step recorded on the message for the admin's outbox view.

use chrono::{DateTime, Duration, Utc};
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::brand;
use super::mail::escape_html;
use super::message_links::{self, Rendered};
use crate::config::{Config, SmtpTls};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::orgs::OrgRow;
use crate::store::outbox::OutboxRow;

/// Waits before the 2nd, 3rd, … attempt; after the last, the message is given up.
const BACKOFF_MINUTES: [i64; 5] = [1, 5, 30, 120, 720];
pub const MAX_ATTEMPTS: i64 = BACKOFF_MINUTES.len() as i64 + 1;
/// A message that waited longer than this (say, recorded before SMTP was configured)
/// is not worth sending any more: an invitation or a survey link would be stale.
const MAX_AGE_DAYS: i64 = 7;
/// How long one attempt may hold a message before another instance may try it.
const CLAIM_MINUTES: i64 = 5;

/// The SMTP connection, if one is configured.
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

impl Mailer {
    pub fn from_config(config: &Config) -> anyhow::Result<Mailer> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("invalid setting --mail-from (KAIKU_MAIL_FROM): {e}"))?;
        let Some(host) = config.smtp_host.as_deref() else {
            return Ok(Mailer { transport: None, from });
        };
        let tls = |host: &str| {
            TlsParameters::new(host.to_string())
                .map_err(|e| anyhow::anyhow!("cannot set up TLS for the SMTP server {host}: {e}"))
        };
        let (security, default_port) = match config.smtp_tls {
            SmtpTls::Starttls => (Tls::Required(tls(host)?), 587),
            SmtpTls::Tls => (Tls::Wrapper(tls(host)?), 465),
            SmtpTls::None => (Tls::None, 25),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(config.smtp_port.unwrap_or(default_port))
            .tls(security)
            .timeout(Some(std::time::Duration::from_secs(30)));
        if let (Some(user), Some(password)) = (&config.smtp_user, &config.smtp_password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer {
            transport: Some(builder.build()),
            from,
        })
    }

    /// Whether messages leave the outbox at all.
    pub fn is_delivering(&self) -> bool {
        self.transport.is_some()
    }

    async fn send(
        &self,
        transport: &AsyncSmtpTransport<Tokio1Executor>,
        row: &OutboxRow,
        rendered: &Rendered,
        look: &EmailLook,
    ) -> Result<(), String> {
        let message = self.compose(&row.recipient, &row.subject, rendered, look)?;
        transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }

    /// Sends Kaiku's own message (not an organisation's, so not in any outbox) at once,
    /// in Kaiku's plain look. An error when no mail server is configured.
    pub async fn send_own(&self, recipient: &str, subject: &str, body: String) -> Result<(), String> {
        let Some(transport) = &self.transport else {
            return Err("no mail server is configured".to_string());
        };
        let rendered = Rendered {
            body,
            unsubscribe_url: None,
        };
        let message = self.compose(recipient, subject, &rendered, &EmailLook::default())?;
        transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }

    /// Plain text and HTML alternatives of the same body, with the customer's one-click
    /// opt-out in the headers when the message has one.
    fn compose(
        &self,
        recipient: &str,
        subject: &str,
        rendered: &Rendered,
        look: &EmailLook,
    ) -> Result<Message, String> {
        let to: Mailbox = recipient
            .parse()
            .map_err(|e| format!("the address {recipient} is not valid: {e}"))?;
        let mut builder = Message::builder().from(self.from.clone()).to(to).subject(subject);
        if let Some(url) = &rendered.unsubscribe_url {
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(rendered.body.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(html_body(&rendered.body, look)),
                    ),
            )
            .map_err(|e| format!("the message cannot be built: {e}"))
    }
}

#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_string()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// RFC 8058: mail clients may unsubscribe with one POST, without opening a page.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_string())
    }
}

/// How the organisation's emails look: its logo above the text and its accent on
/// the links (`kaiku_core::brand`); none of either in Kaiku's own plain look.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmailLook {
    /// The logo's full address, which mail clients load.
    pub logo_url: Option<String>,
    pub organisation: String,
    /// `#rrggbb`, checked when it was set.
    pub accent: Option<String>,
}

impl EmailLook {
    pub fn of(org: &OrgRow, public_url: &str) -> EmailLook {
        let brand = brand::of(org);
        EmailLook {
            logo_url: brand.logo_url.map(|path| format!("{public_url}{path}")),
            organisation: org.name.clone(),
            // Only a colour that reads as one reaches a style attribute.
            accent: brand.accent.filter(|a| kaiku_core::brand::rgb(a).is_some()),
        }
    }
}

/// The HTML alternative of a plain-text body: paragraphs, line breaks and clickable
/// links, under the organisation's logo and with its accent on the links.
pub fn html_body(text: &str, look: &EmailLook) -> String {
    let link_style = look
        .accent
        .as_ref()
        .map(|accent| format!(" style=\"color: {accent}\""))
        .unwrap_or_default();
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(|line| linked(line, &link_style)).collect();
            format!("<p>{}</p>", lines.join("<br>\n"))
        })
        .collect();
    let logo = look
        .logo_url
        .as_ref()
        .map(|url| {
            format!(
                "<p><img src=\"{}\" alt=\"{}\" height=\"48\" style=\"height: 48px; width: auto\"></p>\n",
                escape_html(url),
                escape_html(&look.organisation)
            )
        })
        .unwrap_or_default();
    format!(
        "<!doctype html>\n<html><body style=\"font-family: sans-serif; line-height: 1.5\">\n{logo}{}\n</body></html>\n",
        paragraphs.join("\n")
    )
}

fn linked(line: &str, style: &str) -> String {
    line.split(' ')
        .map(|word| {
            if word.starts_with("https://") || word.starts_with("http://") {
                let url = escape_html(word);
                format!("<a href=\"{url}\"{style}>{url}</a>")
            } else {
                escape_html(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// When a message that failed its `attempts`-th attempt is tried again; `None`: give up.
pub fn retry_at(attempts: i64, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let index = usize::try_from(attempts.checked_sub(1)?).ok()?;
    BACKOFF_MINUTES
        .get(index)
        .map(|minutes| now + Duration::minutes(*minutes))
}

/// One delivery pass: up to `limit` due messages, one attempt each. Returns how many
/// attempts were made.
pub async fn deliver_due(state: &AppState, limit: u32) -> ApiResult<u32> {
    let Some(transport) = &state.mailer.transport else {
        return Ok(0);
    };
    let now = state.now();
    let mut attempts = 0;
    for row in state.store.deliverable_messages(now, limit).await? {
        if now - row.created_at > Duration::days(MAX_AGE_DAYS) {
            let reason = format!("not sent: waited more than {MAX_AGE_DAYS} days for a mail server");
            state.store.mark_message_failed(&row.id, &reason, None).await?;
            continue;
        }
        if !state
            .store
            .claim_message(&row.id, now, now + Duration::minutes(CLAIM_MINUTES))
            .await?
        {
            continue;
        }
        attempts += 1;
        let Some(rendered) = message_links::render(state, &row).await? else {
            let reason = "not sent: the survey link was sent again with a new deadline";
            state.store.mark_message_failed(&row.id, reason, None).await?;
            continue;
        };
        let look = match state.store.org(&row.org).await? {
            Some(org) => EmailLook::of(&org, &state.config.public_url),
            None => EmailLook::default(),
        };
        match state.mailer.send(transport, &row, &rendered, &look).await {
            Ok(()) => state.store.mark_message_sent(&row.id, state.now()).await?,
            Err(error) => {
                tracing::warn!(message = %crate::store::key_of(&row.id), %error, "sending a message failed");
                let retry = retry_at(row.attempts + 1, state.now());
                state.store.mark_message_failed(&row.id, &error, retry).await?;
            }
        }
    }
    Ok(attempts)
}

/// Empties up to `limit` bodies of messages whose delivery ended more than the
/// retention period ago. Returns how many.
pub async fn purge_delivered(state: &AppState, limit: u32) -> ApiResult<u32> {
    let now = state.now();
    let before = now - Duration::days(i64::from(state.config.outbox_retention_days));
    Ok(state.store.purge_message_bodies(before, now, limit).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Hi <b>you</b>,\n\nAnswer: https://x.test/s/a?b=1&c=2\nThanks";

    #[test]
    fn html_escapes_and_links() {
        let html = html_body(BODY, &EmailLook::default());
        assert!(html.contains("<p>Hi &lt;b&gt;you&lt;/b&gt;,</p>"));
        assert!(html.contains("<a href=\"https://x.test/s/a?b=1&amp;c=2\">"));
        assert!(html.contains("<br>\nThanks</p>"));
        assert!(!html.contains("<img"));
    }

    #[test]
    fn the_organisations_logo_heads_the_mail_and_its_accent_colours_the_links() {
        let look = EmailLook {
            logo_url: Some("https://kaiku.test/api/v1/logos/abc".into()),
            organisation: "Smith & Co".into(),
            accent: Some("#2f6b4f".into()),
        };
        let html = html_body(BODY, &look);
        assert!(
            html.contains("<img src=\"https://kaiku.test/api/v1/logos/abc\" alt=\"Smith &amp; Co\""),
            "{html}"
        );
        assert!(html.contains("<a href=\"https://x.test/s/a?b=1&amp;c=2\" style=\"color: #2f6b4f\">"));
        let logo_at = html.find("<img").unwrap();
        assert!(logo_at < html.find("<p>Hi").unwrap(), "the logo comes first");
    }

    #[test]
    fn retries_back_off_then_give_up() {
        let now = Utc::now();
        assert_eq!(retry_at(1, now), Some(now + Duration::minutes(1)));
        assert_eq!(retry_at(5, now), Some(now + Duration::minutes(720)));
        assert_eq!(retry_at(MAX_ATTEMPTS, now), None);
        assert_eq!(retry_at(0, now), None);
    }
}
