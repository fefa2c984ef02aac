//! Sign-up confirmed by email, on a server that sends mail. The form's answer is the
//! same for every address — "check your inbox" — so it does not tell who has an
//! account: a free address gets a link that creates the organisation, one that has
//! an account gets a note to its owner instead. Without a mail server there is no
//! other way to reach the person, and sign-up creates the organisation at once.
//!
//! A request keeps what the form said (the password already hashed). Its link's
//! token is issued as its email is sent, and only the hash kept; a failed send is
//! tried again by the scheduler with a new token, since the old one never arrived.

use chrono::Duration;
use kaiku_core::ErrorCode;
use kaiku_core::api::{SignupPending, SignupRequest};
use surrealdb::types::RecordId;

use super::auth::{StartedSession, email_taken, signed_up};
use super::delivery::retry_at;
use super::mail;
use super::secrets::{hash_password, hash_token, new_token};
use super::throttle;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::key_of;
use crate::store::signups::{ConfirmError, NewSignupRequest};

/// How long a sign-up link works.
pub const LINK_HOURS: u32 = 24;
/// How long one attempt may hold a request's email before another may try it.
const CLAIM_MINUTES: i64 = 5;

/// Keeps the request and sends its email; `email` is the form's, normalised.
pub async fn request(state: &AppState, req: SignupRequest, email: String) -> ApiResult<SignupPending> {
    let now = state.now();
    let _counted = state
        .throttle
        .reserve(&throttle::signup_mail(&email), now)
        .await?
        .map_err(ApiError::rate_limited)?;
    // Hashed whether or not the address is free, so both answers take as long.
    let password_hash = hash_password(&req.password).await?;
    let taken = state.store.user_by_email(&email).await?.is_some();
    let id = state
        .store
        .create_signup_request(
            NewSignupRequest {
                email: email.clone(),
                organisation_name: req.organisation_name,
                name: req.name,
                password_hash,
                language: req.language,
                taken,
                expires_at: now + Duration::hours(i64::from(LINK_HOURS)),
            },
            now,
        )
        .await?;
    // Sent after answering, so the answer's timing does not tell which email it is;
    // the request is stored, so the scheduler sends it if this process cannot.
    let sending = state.clone();
    tokio::spawn(async move {
        if let Err(error) = send(&sending, &id).await {
            tracing::warn!(request = %key_of(&id), error = %error.body().error.message, "sending a sign-up email failed");
        }
    });
    Ok(SignupPending {
        email,
        valid_hours: LINK_HOURS,
    })
}

/// One attempt at the request's email, unless it was sent, is being sent or expired.
/// Whether an attempt was made.
async fn send(state: &AppState, id: &RecordId) -> ApiResult<bool> {
    let token = new_token();
    let now = state.now();
    let Some(request) = state
        .store
        .claim_signup_mail(id, &hash_token(&token), now, now + Duration::minutes(CLAIM_MINUTES))
        .await?
    else {
        return Ok(false);
    };
    let public_url = &state.config.public_url;
    let lang = request.lang()?;
    let message = if request.taken {
        mail::signup_address_taken(lang, &format!("{public_url}/login"))
    } else {
        let link = format!("{public_url}/signup/confirm/{token}");
        mail::signup_confirmation(lang, &request.organisation_name, &link, LINK_HOURS)
    };
    match state
        .mailer
        .send_own(&request.email, &message.subject, message.body)
        .await
    {
        Ok(()) => state.store.signup_mail_sent(id, state.now()).await?,
        Err(error) => {
            tracing::warn!(request = %key_of(id), %error, "sending a sign-up email failed");
            let retry = retry_at(request.attempts, state.now());
            state.store.signup_mail_failed(id, retry).await?;
        }
    }
    Ok(true)
}

/// The scheduler's pass: the emails not sent yet (a process that stopped, a mail
/// server that was down), then the requests whose link expired. How many of each.
pub async fn run_due(state: &AppState, limit: u32) -> ApiResult<u32> {
    let now = state.now();
    let mut done = 0;
    for id in state.store.due_signup_mails(now, limit).await? {
        if send(state, &id).await? {
            done += 1;
        }
    }
    done += state.store.expire_signup_requests(now, limit).await?;
    Ok(done)
}

/// Creates the organisation the link's request asked for, and logs its admin in.
pub async fn confirm(
    state: &AppState,
    token: &str,
    client_address: &str,
    device: Option<String>,
) -> ApiResult<StartedSession> {
    let now = state.now();
    let request = state
        .store
        .signup_request_by_token(&hash_token(token), now)
        .await?
        .ok_or_else(link_invalid)?;
    let admin = request.admin()?;
    let (_, user) = state
        .store
        .confirm_signup(&request, admin, now)
        .await
        .map_err(|e| match e {
            ConfirmError::Used => link_invalid(),
            ConfirmError::EmailTaken => email_taken(),
            ConfirmError::Db(e) => e.into(),
        })?;
    signed_up(state, &user, client_address, device).await
}

fn link_invalid() -> ApiError {
    ApiError::new(
        ErrorCode::SignupLinkInvalid,
        "this sign-up link has expired or was used already; sign up again",
    )
}
