//! The only module that speaks HTTP: one typed function per endpoint of `/api/v1`.
//!
//! State-changing calls carry the CSRF token (fetched once and kept in memory); a
//! `csrf_failed` answer re-fetches it and retries once. A `401 unauthenticated` answer
//! is reported to the handler installed with [`on_session_refused`], so the app can end
//! its session wherever the call came from.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, SecondsFormat, Utc};
use gloo_net::http::{Request, RequestBuilder, Response};
use kaiku_core::account::{AccountInput, AccountView, ContactInput, ContactView, ImportReport, ImportRequest};
use kaiku_core::analysis::ThemeDef;
use kaiku_core::api::{
    AcceptInvitationRequest, CSRF_HEADER, ChangePasswordRequest, ConfirmSignupRequest, CsrfToken, InvitationPreview,
    InvitationView, InviteRequest, LoginRequest, MailStatus, OutboxMessage, SecuritySettings, SessionView,
    SignupPending, SignupRequest, TwoFactorConfirm, TwoFactorOff, TwoFactorSetup, UpdateProfileRequest,
    UpdateUserRequest, UserView,
};
use kaiku_core::api::{CorrectionRequest, Page, ThemesView, next_page_key};
use kaiku_core::audit::{AuditEntry, AuditKind};
use kaiku_core::counterfeedback::{ActionView, CounterFeedbackRequestView, FollowUpSettings, RequestList};
use kaiku_core::cycle::{
    AccountCycleInput, AccountCycleView, OrgUpcomingRound, ScheduleSettingsView, SkipRoundRequest,
};
use kaiku_core::language_model::{LanguageModelInput, LanguageModelView, ProposalDecision, ProposalOutcome};
use kaiku_core::session::SessionInfo;
use kaiku_core::survey::{AnswerAnalysis, RoundView, StartRoundRequest, SurveyLinkView, TemplateView};
use kaiku_core::sync::{SyncRequest, SyncResponse};
use kaiku_core::webhook::{WebhookCreated, WebhookDeliveryView, WebhookInput, WebhookView};
use kaiku_core::{ApiErrorBody, ApiErrorDetail, ErrorCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

const BASE: &str = "/api/v1";

/// Why a call did not give the expected answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server could not be reached.
    Network,
    /// The server answered with its error body.
    Api(ApiErrorDetail),
    /// The answer could not be read.
    Unexpected,
}

impl ApiFailure {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiFailure::Api(detail) => Some(detail.code),
            _ => None,
        }
    }

    /// The request field a `validation` error is about.
    pub fn field(&self) -> Option<&str> {
        match self {
            // A mailbox that could not be read names the setting to change, too.
            ApiFailure::Api(detail) if matches!(detail.code, ErrorCode::Validation | ErrorCode::MailboxUnreachable) => {
                detail.field.as_deref()
            }
            _ => None,
        }
    }
}

type Handler = Rc<dyn Fn(ErrorCode)>;

thread_local! {
    static CSRF: RefCell<Option<String>> = const { RefCell::new(None) };
    static SESSION_REFUSED: RefCell<Option<Handler>> = const { RefCell::new(None) };
}

/// Installs what to do when a call is refused for the session's sake: `401
/// unauthenticated` (it ended) or `403 two_factor_setup_required` (it may only set a
/// second factor up).
pub fn on_session_refused(handler: impl Fn(ErrorCode) + 'static) {
    SESSION_REFUSED.with(|h| *h.borrow_mut() = Some(Rc::new(handler)));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

async fn read_failure(response: Response) -> ApiFailure {
    match response.json::<ApiErrorBody>().await {
        Ok(body) => ApiFailure::Api(body.error),
        Err(_) => ApiFailure::Api(ApiErrorDetail {
            code: ErrorCode::from_status(response.status()),
            message: response.status_text(),
            field: None,
            retry_after_secs: None,
        }),
    }
}

async fn csrf_token(refresh: bool) -> Result<String, ApiFailure> {
    if !refresh && let Some(token) = CSRF.with(|c| c.borrow().clone()) {
        return Ok(token);
    }
    let response = Request::get(&format!("{BASE}/auth/csrf"))
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    if !response.ok() {
        return Err(read_failure(response).await);
    }
    let token = response
        .json::<CsrfToken>()
        .await
        .map_err(|_| ApiFailure::Unexpected)?
        .token;
    CSRF.with(|c| *c.borrow_mut() = Some(token.clone()));
    Ok(token)
}

/// Fetches the CSRF token ahead of the first form, so submitting is one round trip.
pub async fn prefetch_csrf() -> Result<(), ApiFailure> {
    csrf_token(false).await.map(|_| ())
}

/// What a request carries: JSON, or the bytes of an uploaded file.
enum Body {
    Json(String),
    Bytes(Vec<u8>),
}

async fn send_once(
    method: Method,
    path: &str,
    body: Option<&Body>,
    refresh_csrf: bool,
) -> Result<Response, ApiFailure> {
    let url = format!("{BASE}{path}");
    let mut builder: RequestBuilder = match method {
        Method::Get => Request::get(&url),
        Method::Post => Request::post(&url),
        Method::Put => Request::put(&url),
        Method::Patch => Request::patch(&url),
        Method::Delete => Request::delete(&url),
    }
    .header("Accept", "application/json");
    if method != Method::Get {
        let token = csrf_token(refresh_csrf).await?;
        builder = builder.header(CSRF_HEADER, &token);
    }
    let request = match body {
        Some(Body::Json(json)) => builder.header("Content-Type", "application/json").body(json.as_str()),
        Some(Body::Bytes(bytes)) => builder
            .header("Content-Type", "application/octet-stream")
            .body(js_sys::Uint8Array::from(bytes.as_slice())),
        None => builder.build(),
    }
    .map_err(|_| ApiFailure::Unexpected)?;
    request.send().await.map_err(|_| ApiFailure::Network)
}

async fn send(method: Method, path: &str, body: Option<String>) -> Result<Response, ApiFailure> {
    send_body(method, path, body.map(Body::Json)).await
}

async fn send_body(method: Method, path: &str, body: Option<Body>) -> Result<Response, ApiFailure> {
    let mut refresh = false;
    loop {
        let response = send_once(method, path, body.as_ref(), refresh).await?;
        if response.ok() {
            return Ok(response);
        }
        let failure = read_failure(response).await;
        match failure.code() {
            Some(ErrorCode::CsrfFailed) if !refresh && method != Method::Get => {
                refresh = true;
                continue;
            }
            Some(code @ (ErrorCode::Unauthenticated | ErrorCode::TwoFactorSetupRequired)) => {
                if let Some(handler) = SESSION_REFUSED.with(|h| h.borrow().clone()) {
                    handler(code);
                }
            }
            _ => {}
        }
        return Err(failure);
    }
}

fn encode<B: Serialize>(body: &B) -> Result<Option<String>, ApiFailure> {
    serde_json::to_string(body)
        .map(Some)
        .map_err(|_| ApiFailure::Unexpected)
}

async fn json<T: DeserializeOwned>(method: Method, path: &str, body: Option<String>) -> Result<T, ApiFailure> {
    send(method, path, body)
        .await?
        .json::<T>()
        .await
        .map_err(|_| ApiFailure::Unexpected)
}

async fn empty(method: Method, path: &str, body: Option<String>) -> Result<(), ApiFailure> {
    send(method, path, body).await.map(|_| ())
}

/// Path segments come from the server (ids) or the address bar (tokens): keep them to
/// characters that need no escaping.
fn segment(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | ':'))
        .collect()
}

/// The server may tie the CSRF token to the session: take a fresh one after it changes.
fn session_changed<T>(result: Result<T, ApiFailure>) -> Result<T, ApiFailure> {
    if result.is_ok() {
        CSRF.with(|c| *c.borrow_mut() = None);
    }
    result
}

/// What signing up led to.
#[derive(Debug, Clone)]
pub enum SignupOutcome {
    /// The organisation exists and its admin is logged in.
    SignedIn(SessionView),
    /// A server that sends mail emailed a link that creates it.
    CheckInbox(SignupPending),
}

pub async fn signup(req: &SignupRequest) -> Result<SignupOutcome, ApiFailure> {
    let response = send(Method::Post, "/auth/signup", encode(req)?).await?;
    if response.status() == 202 {
        return response
            .json::<SignupPending>()
            .await
            .map(SignupOutcome::CheckInbox)
            .map_err(|_| ApiFailure::Unexpected);
    }
    let session = response.json::<SessionView>().await.map_err(|_| ApiFailure::Unexpected);
    session_changed(session).map(SignupOutcome::SignedIn)
}

pub async fn confirm_signup(token: &str) -> Result<SessionView, ApiFailure> {
    let req = ConfirmSignupRequest {
        token: token.to_owned(),
    };
    session_changed(json(Method::Post, "/auth/signup/confirm", encode(&req)?).await)
}

pub async fn login(req: &LoginRequest) -> Result<SessionView, ApiFailure> {
    session_changed(json(Method::Post, "/auth/login", encode(req)?).await)
}

pub async fn logout() -> Result<(), ApiFailure> {
    session_changed(empty(Method::Post, "/auth/logout", None).await)
}

pub async fn me() -> Result<SessionView, ApiFailure> {
    json(Method::Get, "/auth/me", None).await
}

pub async fn update_profile(req: &UpdateProfileRequest) -> Result<UserView, ApiFailure> {
    json(Method::Patch, "/me", encode(req)?).await
}

pub async fn change_password(req: &ChangePasswordRequest) -> Result<(), ApiFailure> {
    empty(Method::Post, "/me/password", encode(req)?).await
}

pub async fn my_sessions() -> Result<Vec<SessionInfo>, ApiFailure> {
    json(Method::Get, "/me/sessions", None).await
}

pub async fn end_my_session(id: String) -> Result<(), ApiFailure> {
    empty(Method::Delete, &format!("/me/sessions/{}", segment(&id)), None).await
}

pub async fn end_my_other_sessions() -> Result<(), ApiFailure> {
    empty(Method::Post, "/me/sessions/sign-out-others", None).await
}

pub async fn two_factor_setup() -> Result<TwoFactorSetup, ApiFailure> {
    json(Method::Post, "/me/two-factor/setup", None).await
}

pub async fn two_factor_confirm(req: &TwoFactorConfirm) -> Result<(), ApiFailure> {
    empty(Method::Post, "/me/two-factor/confirm", encode(req)?).await
}

pub async fn two_factor_off(req: &TwoFactorOff) -> Result<(), ApiFailure> {
    empty(Method::Post, "/me/two-factor/off", encode(req)?).await
}

pub async fn security_settings() -> Result<SecuritySettings, ApiFailure> {
    json(Method::Get, "/settings/security", None).await
}

pub async fn save_security_settings(settings: &SecuritySettings) -> Result<SecuritySettings, ApiFailure> {
    json(Method::Put, "/settings/security", encode(settings)?).await
}

/// The organisation's security log (admins): of `kind` when given, older than `before`.
pub async fn audit_log(kind: Option<AuditKind>, before: Option<DateTime<Utc>>) -> Result<Vec<AuditEntry>, ApiFailure> {
    let mut query = Vec::new();
    if let Some(kind) = kind {
        query.push(format!("kind={}", kind.code()));
    }
    if let Some(before) = before {
        query.push(format!("before={}", before.to_rfc3339_opts(SecondsFormat::Nanos, true)));
    }
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query.join("&"))
    };
    json(Method::Get, &format!("/audit{query}"), None).await
}

pub async fn users() -> Result<Vec<UserView>, ApiFailure> {
    json(Method::Get, "/users", None).await
}

pub async fn update_user(id: &str, req: &UpdateUserRequest) -> Result<UserView, ApiFailure> {
    json(Method::Patch, &format!("/users/{}", segment(id)), encode(req)?).await
}

pub async fn invitations() -> Result<Vec<InvitationView>, ApiFailure> {
    json(Method::Get, "/invitations", None).await
}

pub async fn invite(req: &InviteRequest) -> Result<InvitationView, ApiFailure> {
    json(Method::Post, "/invitations", encode(req)?).await
}

pub async fn revoke_invitation(id: &str) -> Result<(), ApiFailure> {
    empty(Method::Delete, &format!("/invitations/{}", segment(id)), None).await
}

pub async fn invitation_preview(token: &str) -> Result<InvitationPreview, ApiFailure> {
    json(Method::Get, &format!("/invitations/by-token/{}", segment(token)), None).await
}

pub async fn accept_invitation(req: &AcceptInvitationRequest) -> Result<SessionView, ApiFailure> {
    session_changed(json(Method::Post, "/invitations/accept", encode(req)?).await)
}

pub async fn outbox() -> Result<Vec<OutboxMessage>, ApiFailure> {
    json(Method::Get, "/outbox", None).await
}

/// Whether a mail server sends the outbox's messages, and from which address.
pub async fn mail_status() -> Result<MailStatus, ApiFailure> {
    json(Method::Get, "/outbox/status", None).await
}

/// Puts a failed (or given up) message back in the queue.
pub async fn retry_message(id: &str) -> Result<OutboxMessage, ApiFailure> {
    json(Method::Post, &format!("/outbox/{}/retry", segment(id)), None).await
}

pub async fn accounts(include_archived: bool) -> Result<Vec<AccountView>, ApiFailure> {
    json(
        Method::Get,
        &format!("/accounts?include_archived={include_archived}"),
        None,
    )
    .await
}

pub async fn account(id: &str) -> Result<AccountView, ApiFailure> {
    json(Method::Get, &format!("/accounts/{}", segment(id)), None).await
}

pub async fn create_account(input: &AccountInput) -> Result<AccountView, ApiFailure> {
    json(Method::Post, "/accounts", encode(input)?).await
}

pub async fn update_account(id: &str, input: &AccountInput) -> Result<AccountView, ApiFailure> {
    json(Method::Put, &format!("/accounts/{}", segment(id)), encode(input)?).await
}

pub async fn set_account_archived(id: &str, archived: bool) -> Result<AccountView, ApiFailure> {
    let action = if archived { "archive" } else { "restore" };
    json(Method::Post, &format!("/accounts/{}/{action}", segment(id)), None).await
}

pub async fn contacts(account_id: &str) -> Result<Vec<ContactView>, ApiFailure> {
    json(
        Method::Get,
        &format!("/accounts/{}/contacts", segment(account_id)),
        None,
    )
    .await
}

pub async fn add_contact(account_id: &str, input: &ContactInput) -> Result<ContactView, ApiFailure> {
    json(
        Method::Post,
        &format!("/accounts/{}/contacts", segment(account_id)),
        encode(input)?,
    )
    .await
}

pub async fn update_contact(id: &str, input: &ContactInput) -> Result<ContactView, ApiFailure> {
    json(Method::Put, &format!("/contacts/{}", segment(id)), encode(input)?).await
}

pub async fn remove_contact(id: &str) -> Result<(), ApiFailure> {
    empty(Method::Delete, &format!("/contacts/{}", segment(id)), None).await
}

pub async fn survey_templates() -> Result<Vec<TemplateView>, ApiFailure> {
    json(Method::Get, "/survey-templates", None).await
}

async fn paged<T: DeserializeOwned>(path: &str, before: Option<&str>) -> Result<Page<T>, ApiFailure> {
    let path = match before {
        Some(key) => format!("{path}?before={}", segment(key)),
        None => path.to_string(),
    };
    let response = send(Method::Get, &path, None).await?;
    let next = response
        .headers()
        .get("link")
        .and_then(|link| next_page_key(&link).map(str::to_string));
    let items = response.json().await.map_err(|_| ApiFailure::Unexpected)?;
    Ok(Page { items, next })
}

/// The account's rounds, newest first: the newest page, or the one before `before`.
pub async fn rounds(account_id: &str, before: Option<&str>) -> Result<Page<RoundView>, ApiFailure> {
    paged(&format!("/accounts/{}/rounds", segment(account_id)), before).await
}

pub async fn start_round(account_id: &str, req: &StartRoundRequest) -> Result<RoundView, ApiFailure> {
    json(
        Method::Post,
        &format!("/accounts/{}/rounds", segment(account_id)),
        encode(req)?,
    )
    .await
}

pub async fn revoke_link(id: &str) -> Result<SurveyLinkView, ApiFailure> {
    json(Method::Post, &format!("/survey-links/{}/revoke", segment(id)), None).await
}

pub async fn resend_link(id: &str) -> Result<SurveyLinkView, ApiFailure> {
    json(Method::Post, &format!("/survey-links/{}/resend", segment(id)), None).await
}

pub async fn import_accounts(req: &ImportRequest) -> Result<ImportReport, ApiFailure> {
    json(Method::Post, "/accounts/import", encode(req)?).await
}

pub async fn update_template(id: &str, template: &TemplateView) -> Result<TemplateView, ApiFailure> {
    json(
        Method::Put,
        &format!("/survey-templates/{}", segment(id)),
        encode(template)?,
    )
    .await
}

pub async fn reset_template(id: &str) -> Result<TemplateView, ApiFailure> {
    json(Method::Delete, &format!("/survey-templates/{}", segment(id)), None).await
}

/// Sends queued changes; the answer has one outcome per mutation (see `offline::sync`).
pub async fn sync(request: &SyncRequest) -> Result<SyncResponse, ApiFailure> {
    json(Method::Post, "/sync", encode(request)?).await
}

pub async fn counter_feedback_requests() -> Result<RequestList, ApiFailure> {
    json(Method::Get, "/counter-feedback/requests", None).await
}

pub async fn counter_feedback_request(id: &str) -> Result<CounterFeedbackRequestView, ApiFailure> {
    json(
        Method::Get,
        &format!("/counter-feedback/requests/{}", segment(id)),
        None,
    )
    .await
}

pub async fn account_actions(account_id: &str) -> Result<Vec<ActionView>, ApiFailure> {
    json(Method::Get, &format!("/accounts/{}/actions", segment(account_id)), None).await
}

pub async fn correct_analysis(link_id: &str, req: &CorrectionRequest) -> Result<AnswerAnalysis, ApiFailure> {
    json(
        Method::Post,
        &format!("/responses/{}/corrections", segment(link_id)),
        encode(req)?,
    )
    .await
}

pub async fn brand() -> Result<kaiku_core::brand::Brand, ApiFailure> {
    json(Method::Get, "/settings/brand", None).await
}

pub async fn set_brand(input: &kaiku_core::brand::BrandInput) -> Result<kaiku_core::brand::Brand, ApiFailure> {
    json(Method::Put, "/settings/brand", encode(input)?).await
}

/// Uploads the bytes of a logo image.
pub async fn set_logo(image: Vec<u8>) -> Result<kaiku_core::brand::Brand, ApiFailure> {
    send_body(Method::Put, "/settings/brand/logo", Some(Body::Bytes(image)))
        .await?
        .json()
        .await
        .map_err(|_| ApiFailure::Unexpected)
}

pub async fn remove_logo() -> Result<kaiku_core::brand::Brand, ApiFailure> {
    json(Method::Delete, "/settings/brand/logo", None).await
}

pub async fn dismiss_point(link_id: &str, point: &str) -> Result<AnswerAnalysis, ApiFailure> {
    let body = kaiku_core::api::NotAPoint {
        point: point.to_string(),
    };
    json(
        Method::Post,
        &format!("/responses/{}/not-a-point", segment(link_id)),
        encode(&body)?,
    )
    .await
}

pub async fn decide_proposal(link_id: &str, decision: &ProposalDecision) -> Result<ProposalOutcome, ApiFailure> {
    json(
        Method::Post,
        &format!("/responses/{}/proposals", segment(link_id)),
        encode(decision)?,
    )
    .await
}

pub async fn language_model_settings() -> Result<LanguageModelView, ApiFailure> {
    json(Method::Get, "/settings/language-model", None).await
}

pub async fn set_language_model_settings(input: &LanguageModelInput) -> Result<LanguageModelView, ApiFailure> {
    json(Method::Put, "/settings/language-model", encode(input)?).await
}

pub async fn follow_up_settings() -> Result<FollowUpSettings, ApiFailure> {
    json(Method::Get, "/settings/follow-up", None).await
}

pub async fn set_follow_up_settings(settings: &FollowUpSettings) -> Result<FollowUpSettings, ApiFailure> {
    json(Method::Put, "/settings/follow-up", encode(settings)?).await
}

pub async fn trends(
    source: Option<kaiku_core::topics::TopicSource>,
    segment: Option<&str>,
) -> Result<kaiku_core::trends::TrendsView, ApiFailure> {
    let mut query = Vec::new();
    if let Some(source) = source {
        query.push(format!("source={}", source.code()));
    }
    if let Some(segment) = segment {
        query.push(format!("segment={}", js_sys::encode_uri_component(segment)));
    }
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query.join("&"))
    };
    json(Method::Get, &format!("/trends{query}"), None).await
}

pub async fn response_rates() -> Result<kaiku_core::response_rate::ResponseRateView, ApiFailure> {
    json(Method::Get, "/response-rates", None).await
}

pub async fn themes() -> Result<ThemesView, ApiFailure> {
    json(Method::Get, "/settings/themes", None).await
}

pub async fn set_themes(custom: &[ThemeDef]) -> Result<ThemesView, ApiFailure> {
    json(Method::Put, "/settings/themes", encode(&custom)?).await
}

pub async fn account_cycle(account_id: &str) -> Result<AccountCycleView, ApiFailure> {
    json(Method::Get, &format!("/accounts/{}/cycle", segment(account_id)), None).await
}

/// Sets the account's own rule (`None`: the organisation's default) and pauses or resumes it.
pub async fn set_account_cycle(account_id: &str, input: &AccountCycleInput) -> Result<AccountCycleView, ApiFailure> {
    json(
        Method::Put,
        &format!("/accounts/{}/cycle", segment(account_id)),
        encode(input)?,
    )
    .await
}

/// Skips one coming round, or takes the skip back.
pub async fn skip_round(account_id: &str, req: &SkipRoundRequest) -> Result<AccountCycleView, ApiFailure> {
    json(
        Method::Post,
        &format!("/accounts/{}/cycle/skip", segment(account_id)),
        encode(req)?,
    )
    .await
}

pub async fn overdue() -> Result<Vec<kaiku_core::overdue::OverdueAccount>, ApiFailure> {
    json(Method::Get, "/overdue", None).await
}

/// The coming rounds of the accounts the caller sees (the next three months).
pub async fn upcoming_rounds() -> Result<Vec<OrgUpcomingRound>, ApiFailure> {
    json(Method::Get, "/cycles/upcoming", None).await
}

pub async fn schedule_settings() -> Result<ScheduleSettingsView, ApiFailure> {
    json(Method::Get, "/settings/schedule", None).await
}

pub async fn set_schedule_settings(view: &ScheduleSettingsView) -> Result<ScheduleSettingsView, ApiFailure> {
    json(Method::Put, "/settings/schedule", encode(view)?).await
}

/// How much each factor counts in the health score.
pub async fn health_weights() -> Result<kaiku_core::health::Weights, ApiFailure> {
    json(Method::Get, "/settings/health-weights", None).await
}

/// Where the least healthy accounts would stand under `weights` (nothing is saved).
pub async fn preview_health_weights(
    weights: &kaiku_core::health::Weights,
) -> Result<kaiku_core::health::WeightsPreview, ApiFailure> {
    json(Method::Post, "/settings/health-weights/preview", encode(weights)?).await
}

pub async fn set_health_weights(
    weights: &kaiku_core::health::Weights,
) -> Result<kaiku_core::health::Weights, ApiFailure> {
    json(Method::Put, "/settings/health-weights", encode(weights)?).await
}

/// Every account the caller may see, with its signals now (leadership's heatmap).
pub async fn heatmap() -> Result<kaiku_core::heatmap::HeatmapView, ApiFailure> {
    json(Method::Get, "/heatmap", None).await
}

/// One signal month by month for the heatmap's time mode (revenue at risk in euros).
pub async fn heatmap_history(
    signal: kaiku_core::heatmap::Signal,
) -> Result<kaiku_core::heatmap::HeatmapHistory, ApiFailure> {
    json(Method::Get, &format!("/heatmap/history?signal={}", signal.code()), None).await
}

/// The caller's saved heatmap views, by name.
pub async fn saved_views() -> Result<Vec<kaiku_core::saved_view::SavedView>, ApiFailure> {
    json(Method::Get, "/heatmap/views", None).await
}

/// Keeps a heatmap view under its name (replacing the caller's view of that name).
pub async fn save_view(
    input: &kaiku_core::saved_view::SavedViewInput,
) -> Result<kaiku_core::saved_view::SavedView, ApiFailure> {
    json(Method::Post, "/heatmap/views", encode(input)?).await
}

pub async fn delete_saved_view(id: &str) -> Result<(), ApiFailure> {
    empty(Method::Delete, &format!("/heatmap/views/{}", segment(id)), None).await
}

/// What a heatmap cell rests on: now (`month` none) or at the end of `month` (`2026-05`).
pub async fn cell_evidence(
    account_id: &str,
    month: Option<&str>,
) -> Result<kaiku_core::heatmap::CellEvidence, ApiFailure> {
    let query = month.map(|m| format!("?month={}", segment(m))).unwrap_or_default();
    json(
        Method::Get,
        &format!("/accounts/{}/evidence{query}", segment(account_id)),
        None,
    )
    .await
}

/// The combined account view: health, its months, the timeline of answers and
/// counter-feedback, labels over time, expectations, development points, next steps.
pub async fn account_overview(account_id: &str) -> Result<kaiku_core::overview::AccountOverview, ApiFailure> {
    json(
        Method::Get,
        &format!("/accounts/{}/overview", segment(account_id)),
        None,
    )
    .await
}

/// A page of the account's timeline older than `before` (the last entry shown), all
/// of it or only the answers the analysis is unsure of.
pub async fn account_timeline(
    account_id: &str,
    before: Option<chrono::DateTime<chrono::Utc>>,
    uncertain_only: bool,
) -> Result<kaiku_core::overview::TimelinePage, ApiFailure> {
    let mut query = vec![format!("uncertain_only={uncertain_only}")];
    if let Some(before) = before {
        // `Z`, not `+00:00`: a `+` in a query reads as a space.
        let at = before.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        query.push(format!("before={}", segment(&at)));
    }
    json(
        Method::Get,
        &format!("/accounts/{}/timeline?{}", segment(account_id), query.join("&")),
        None,
    )
    .await
}

/// How well the warnings predicted the outcomes dated `from`..=`to` (`YYYY-MM-DD`;
/// empty: the server's default, the last two years).
pub async fn backtest(from: &str, to: &str) -> Result<kaiku_core::backtest::BacktestView, ApiFailure> {
    let bounds: Vec<String> = [("from", from), ("to", to)]
        .into_iter()
        .filter(|(_, date)| !date.is_empty())
        .map(|(name, date)| format!("{name}={}", segment(date)))
        .collect();
    let query = if bounds.is_empty() {
        String::new()
    } else {
        format!("?{}", bounds.join("&"))
    };
    json(Method::Get, &format!("/backtest{query}"), None).await
}

/// Applies the proposed weights the admin was shown.
pub async fn apply_weights(
    req: &kaiku_core::backtest::ApplyWeightsRequest,
) -> Result<kaiku_core::backtest::BacktestView, ApiFailure> {
    json(Method::Post, "/backtest/apply-weights", encode(req)?).await
}

/// The account's outcomes, oldest first.
pub async fn account_we_did(account_id: &str) -> Result<kaiku_core::said_we_did::AccountWeDid, ApiFailure> {
    json(Method::Get, &format!("/accounts/{}/we-did", segment(account_id)), None).await
}

pub async fn we_did_shares() -> Result<Vec<kaiku_core::said_we_did::AccountShare>, ApiFailure> {
    json(Method::Get, "/we-did/shares", None).await
}

pub async fn review_we_did(
    account_id: &str,
    item: &str,
    input: &kaiku_core::said_we_did::ReviewInput,
) -> Result<kaiku_core::said_we_did::AccountWeDid, ApiFailure> {
    json(
        Method::Put,
        &format!("/accounts/{}/we-did/{}", segment(account_id), segment(item)),
        encode(input)?,
    )
    .await
}

pub async fn send_we_did(
    account_id: &str,
    input: &kaiku_core::said_we_did::SendNowInput,
) -> Result<kaiku_core::said_we_did::AccountWeDid, ApiFailure> {
    json(
        Method::Post,
        &format!("/accounts/{}/we-did/send", segment(account_id)),
        encode(input)?,
    )
    .await
}

pub async fn account_outcomes(account_id: &str) -> Result<Vec<kaiku_core::outcome::OutcomeView>, ApiFailure> {
    json(
        Method::Get,
        &format!("/accounts/{}/outcomes", segment(account_id)),
        None,
    )
    .await
}

/// Records what happened to the account (admins and leaders).
pub async fn record_outcome(
    account_id: &str,
    input: &kaiku_core::outcome::OutcomeInput,
) -> Result<kaiku_core::outcome::OutcomeView, ApiFailure> {
    json(
        Method::Post,
        &format!("/accounts/{}/outcomes", segment(account_id)),
        encode(input)?,
    )
    .await
}

/// The account's promises, each with its fulfilment round by round.
pub async fn account_promises(account_id: &str) -> Result<Vec<kaiku_core::promise::PromiseView>, ApiFailure> {
    json(
        Method::Get,
        &format!("/accounts/{}/promises", segment(account_id)),
        None,
    )
    .await
}

/// Records what was promised on an aspect; the caller is the seller.
pub async fn record_promise(
    account_id: &str,
    input: &kaiku_core::promise::PromiseInput,
) -> Result<kaiku_core::promise::PromiseView, ApiFailure> {
    json(
        Method::Post,
        &format!("/accounts/{}/promises", segment(account_id)),
        encode(input)?,
    )
    .await
}

/// Broken promises alerted to the caller (as the account's lead or the seller).
pub async fn promise_alerts() -> Result<Vec<kaiku_core::promise::PromiseAlert>, ApiFailure> {
    json(Method::Get, "/promises/alerts", None).await
}

/// The chain review; `query` is its filter as a query string (`?segment=…&seller=…`) or empty.
pub async fn promise_review(query: &str) -> Result<kaiku_core::promise::ChainReview, ApiFailure> {
    json(Method::Get, &format!("/promises/review{query}"), None).await
}

/// Segments by need: the adopted ones with their figures, and the proposal now.
pub async fn need_segments() -> Result<kaiku_core::segments::NeedSegmentsView, ApiFailure> {
    json(Method::Get, "/segments/needs", None).await
}

/// Adopts need segments (admins); they replace the ones in use.
pub async fn adopt_need_segments(
    input: &kaiku_core::segments::AdoptSegmentsRequest,
) -> Result<kaiku_core::segments::NeedSegmentsView, ApiFailure> {
    json(Method::Put, "/segments/needs", encode(input)?).await
}

/// An owner's reply to an item of their feed, into the account's timeline.
pub async fn topic_item_reply(
    item: &str,
    input: &kaiku_core::topics::TopicReplyInput,
) -> Result<kaiku_core::topics::TopicReplyView, ApiFailure> {
    json(
        Method::Post,
        &format!("/topics/items/{}/replies", segment(item)),
        encode(input)?,
    )
    .await
}

/// An initiative proposed from an item of the owner's feed.
pub async fn topic_item_initiative(
    item: &str,
    topic: &kaiku_core::topics::OwnedTopic,
) -> Result<kaiku_core::initiative::InitiativeView, ApiFailure> {
    json(
        Method::Post,
        &format!("/topics/items/{}/initiative", segment(item)),
        encode(topic)?,
    )
    .await
}

/// Who owns each theme and churn cause.
pub async fn topic_owners() -> Result<Vec<kaiku_core::topics::TopicOwnerView>, ApiFailure> {
    json(Method::Get, "/settings/topic-owners", None).await
}

/// Replaces the topic owners (admins).
pub async fn set_topic_owners(
    input: &kaiku_core::topics::TopicOwnersInput,
) -> Result<Vec<kaiku_core::topics::TopicOwnerView>, ApiFailure> {
    json(Method::Put, "/settings/topic-owners", encode(input)?).await
}

/// "My topics": what was said about the caller's topics, newest first.
pub async fn my_topics() -> Result<Vec<kaiku_core::topics::TopicItem>, ApiFailure> {
    json(Method::Get, "/topics/mine", None).await
}

pub async fn topic_item_seen(item_id: &str) -> Result<(), ApiFailure> {
    empty(Method::Post, &format!("/topics/items/{}/seen", segment(item_id)), None).await
}

/// "Not about this topic": the answer's label is corrected away.
pub async fn topic_item_not_about(item_id: &str, topic: &kaiku_core::topics::OwnedTopic) -> Result<(), ApiFailure> {
    empty(
        Method::Post,
        &format!("/topics/items/{}/not-about", segment(item_id)),
        encode(topic)?,
    )
    .await
}

/// Corrects an outcome (admins and leaders); the version it replaces is kept.
pub async fn edit_outcome(
    outcome_id: &str,
    input: &kaiku_core::outcome::OutcomeInput,
) -> Result<kaiku_core::outcome::OutcomeView, ApiFailure> {
    json(
        Method::Put,
        &format!("/outcomes/{}", segment(outcome_id)),
        encode(input)?,
    )
    .await
}

/// Outcomes from CSV (admins and leaders): a preview with `dry_run`, then the import.
pub async fn import_outcomes(req: &ImportRequest) -> Result<kaiku_core::outcome::OutcomeImportReport, ApiFailure> {
    json(Method::Post, "/outcomes/import", encode(req)?).await
}

/// Cases the caller sees; `query` is the list's filter as a query string (`?scope=all&…`),
/// empty for the caller's own.
pub async fn cases(query: &str) -> Result<Vec<kaiku_core::case::CaseSummary>, ApiFailure> {
    json(Method::Get, &format!("/cases{query}"), None).await
}

/// One case: the customer's words, triggers, deadlines, LATTE steps, actions, events.
pub async fn case(id: &str) -> Result<kaiku_core::case::CaseView, ApiFailure> {
    json(Method::Get, &format!("/cases/{}", segment(id)), None).await
}

/// Opens a case by hand; an account with an open case gets this added to it.
pub async fn open_case(input: &kaiku_core::case::OpenCaseInput) -> Result<kaiku_core::case::CaseView, ApiFailure> {
    json(Method::Post, "/cases", encode(input)?).await
}

/// Records a LATTE step (an email step sends the message).
pub async fn case_step(
    id: &str,
    input: &kaiku_core::case::StepInput,
) -> Result<kaiku_core::case::CaseView, ApiFailure> {
    json(Method::Post, &format!("/cases/{}/steps", segment(id)), encode(input)?).await
}

/// The first draft of a step's email to `contact` (the first contact when none), in
/// the contact's language.
pub async fn case_email_draft(
    id: &str,
    step: kaiku_core::case::Step,
    contact: Option<&str>,
) -> Result<kaiku_core::case::CaseEmailDraft, ApiFailure> {
    let contact = contact.map(|c| format!("&contact={}", segment(c))).unwrap_or_default();
    json(
        Method::Get,
        &format!("/cases/{}/email-draft?step={}{contact}", segment(id), step.code()),
        None,
    )
    .await
}

pub async fn close_case(
    id: &str,
    input: &kaiku_core::case::CloseInput,
) -> Result<kaiku_core::case::CaseView, ApiFailure> {
    json(Method::Post, &format!("/cases/{}/close", segment(id)), encode(input)?).await
}

pub async fn reopen_case(
    id: &str,
    input: &kaiku_core::case::ReopenInput,
) -> Result<kaiku_core::case::CaseView, ApiFailure> {
    json(Method::Post, &format!("/cases/{}/reopen", segment(id)), encode(input)?).await
}

pub async fn reassign_case(
    id: &str,
    input: &kaiku_core::case::ReassignInput,
) -> Result<kaiku_core::case::CaseView, ApiFailure> {
    json(
        Method::Post,
        &format!("/cases/{}/reassign", segment(id)),
        encode(input)?,
    )
    .await
}

/// The organisation's service levels for cases.
pub async fn case_service_levels() -> Result<kaiku_core::case::ServiceLevels, ApiFailure> {
    json(Method::Get, "/settings/cases", None).await
}

pub async fn set_case_service_levels(
    levels: &kaiku_core::case::ServiceLevels,
) -> Result<kaiku_core::case::ServiceLevels, ApiFailure> {
    json(Method::Put, "/settings/cases", encode(levels)?).await
}

/// The numbers beside "Cases" in the navigation.
pub async fn case_counts() -> Result<kaiku_core::case::CaseCounts, ApiFailure> {
    json(Method::Get, "/cases/counts", None).await
}

/// The leadership panel: `quarter` (`2026-Q4`; the current one when none) against the one before.
pub async fn case_stats(quarter: Option<&str>) -> Result<kaiku_core::case_stats::CaseStats, ApiFailure> {
    let query = quarter.map(|q| format!("?quarter={}", segment(q))).unwrap_or_default();
    json(Method::Get, &format!("/cases/stats{query}"), None).await
}

/// What recurs across accounts and no initiative covers (leaders and admins).
pub async fn initiative_suggestions() -> Result<Vec<kaiku_core::initiative::Suggestion>, ApiFailure> {
    json(Method::Get, "/initiatives/suggestions", None).await
}

/// Takes a suggestion up: the proposed initiative made of it.
pub async fn take_up_suggestion(
    topic: &kaiku_core::initiative::Topic,
) -> Result<kaiku_core::initiative::InitiativeView, ApiFailure> {
    json(Method::Post, "/initiatives/suggestions/take-up", encode(topic)?).await
}

/// Dismisses a suggestion for good.
pub async fn dismiss_suggestion(topic: &kaiku_core::initiative::Topic) -> Result<(), ApiFailure> {
    empty(Method::Post, "/initiatives/suggestions/dismiss", encode(topic)?).await
}

/// The team's month (`2026-11`; none: the last one that is over).
pub async fn team_digest(month: Option<String>) -> Result<kaiku_core::digest::TeamDigest, ApiFailure> {
    let path = match month {
        Some(month) => format!("/digest?month={}", segment(&month)),
        None => "/digest".to_string(),
    };
    json(Method::Get, &path, None).await
}

/// Every initiative, highest revenue at risk first.
pub async fn initiatives() -> Result<Vec<kaiku_core::initiative::InitiativeSummary>, ApiFailure> {
    json(Method::Get, "/initiatives", None).await
}

/// One initiative: evidence, status history and its check.
pub async fn initiative(id: &str) -> Result<kaiku_core::initiative::InitiativeView, ApiFailure> {
    json(Method::Get, &format!("/initiatives/{}", segment(id)), None).await
}

/// Creates an initiative by hand (leaders and admins).
pub async fn create_initiative(
    input: &kaiku_core::initiative::InitiativeInput,
) -> Result<kaiku_core::initiative::InitiativeView, ApiFailure> {
    json(Method::Post, "/initiatives", encode(input)?).await
}

/// Replaces an initiative's fields with `input` (leaders and admins).
pub async fn update_initiative(
    id: &str,
    input: &kaiku_core::initiative::InitiativeInput,
) -> Result<kaiku_core::initiative::InitiativeView, ApiFailure> {
    json(Method::Put, &format!("/initiatives/{}", segment(id)), encode(input)?).await
}

/// Moves an initiative one step on, or drops it.
pub async fn set_initiative_status(
    id: &str,
    input: &kaiku_core::initiative::StatusInput,
) -> Result<kaiku_core::initiative::InitiativeView, ApiFailure> {
    json(
        Method::Post,
        &format!("/initiatives/{}/status", segment(id)),
        encode(input)?,
    )
    .await
}

/// The newest messages on the caller's accounts.
pub async fn my_messages() -> Result<Vec<kaiku_core::message::MessageView>, ApiFailure> {
    json(Method::Get, "/messages", None).await
}

/// The Unmatched queue (leaders and admins).
pub async fn unmatched_messages() -> Result<Vec<kaiku_core::message::MessageView>, ApiFailure> {
    json(Method::Get, "/messages/unmatched", None).await
}

/// The numbers beside "Messages" in the navigation.
pub async fn message_counts() -> Result<kaiku_core::message::MessageCounts, ApiFailure> {
    json(Method::Get, "/messages/counts", None).await
}

/// The caller looked at their messages.
pub async fn messages_seen() -> Result<(), ApiFailure> {
    empty(Method::Post, "/messages/seen", encode(&serde_json::json!({}))?).await
}

/// Places a message on an account, perhaps teaching Kaiku its sender's domain.
pub async fn assign_message(
    id: &str,
    input: &kaiku_core::message::AssignInput,
) -> Result<kaiku_core::message::MessageView, ApiFailure> {
    json(
        Method::Post,
        &format!("/messages/{}/assign", segment(id)),
        encode(input)?,
    )
    .await
}

/// The organisation's API keys (admins).
pub async fn api_keys() -> Result<Vec<kaiku_core::message::ApiKeyView>, ApiFailure> {
    json(Method::Get, "/settings/api-keys", None).await
}

/// A new API key; its secret is in this answer only.
pub async fn privacy_lookup(
    query: &kaiku_core::privacy::PersonQuery,
) -> Result<kaiku_core::privacy::PersonHoldings, ApiFailure> {
    json(Method::Post, "/privacy/lookups", encode(query)?).await
}

/// The person's export as the server wrote it, to be saved as a file unchanged.
pub async fn privacy_export(query: &kaiku_core::privacy::PersonQuery) -> Result<String, ApiFailure> {
    send(Method::Post, "/privacy/exports", encode(query)?)
        .await?
        .text()
        .await
        .map_err(|_| ApiFailure::Unexpected)
}

pub async fn retention() -> Result<kaiku_core::privacy::Retention, ApiFailure> {
    json(Method::Get, "/settings/retention", None).await
}

pub async fn set_retention(
    retention: &kaiku_core::privacy::Retention,
) -> Result<kaiku_core::privacy::Retention, ApiFailure> {
    json(Method::Put, "/settings/retention", encode(retention)?).await
}

pub async fn ask_organisation_deletion(
    request: &kaiku_core::privacy::OrganisationDeletionRequest,
) -> Result<kaiku_core::api::OrganisationView, ApiFailure> {
    json(Method::Post, "/organisation/deletion", encode(request)?).await
}

pub async fn cancel_organisation_deletion() -> Result<kaiku_core::api::OrganisationView, ApiFailure> {
    json(Method::Delete, "/organisation/deletion", None).await
}

pub async fn ask_account_deletion(id: &str) -> Result<AccountView, ApiFailure> {
    json(Method::Post, &format!("/accounts/{id}/deletion"), None).await
}

pub async fn cancel_account_deletion(id: &str) -> Result<AccountView, ApiFailure> {
    json(Method::Delete, &format!("/accounts/{id}/deletion"), None).await
}

pub async fn privacy_erase(
    request: &kaiku_core::privacy::ErasureRequest,
) -> Result<kaiku_core::privacy::PersonHoldings, ApiFailure> {
    json(Method::Post, "/privacy/erasures", encode(request)?).await
}

pub async fn create_api_key(
    input: &kaiku_core::message::ApiKeyInput,
) -> Result<kaiku_core::message::ApiKeyCreated, ApiFailure> {
    json(Method::Post, "/settings/api-keys", encode(input)?).await
}

pub async fn webhooks() -> Result<Vec<WebhookView>, ApiFailure> {
    json(Method::Get, "/settings/webhooks", None).await
}

pub async fn create_webhook(input: &WebhookInput) -> Result<WebhookCreated, ApiFailure> {
    json(Method::Post, "/settings/webhooks", encode(input)?).await
}

pub async fn delete_webhook(id: &str) -> Result<(), ApiFailure> {
    empty(Method::Delete, &format!("/settings/webhooks/{}", segment(id)), None).await
}

pub async fn webhook_deliveries() -> Result<Vec<WebhookDeliveryView>, ApiFailure> {
    json(Method::Get, "/settings/webhooks/deliveries", None).await
}

pub async fn mailbox() -> Result<kaiku_core::mailbox::MailboxSettings, ApiFailure> {
    json(Method::Get, "/settings/mailbox", None).await
}

pub async fn connect_mailbox(
    input: &kaiku_core::mailbox::MailboxInput,
) -> Result<kaiku_core::mailbox::MailboxView, ApiFailure> {
    json(Method::Put, "/settings/mailbox", encode(input)?).await
}

pub async fn disconnect_mailbox() -> Result<(), ApiFailure> {
    empty(Method::Delete, "/settings/mailbox", None).await
}

pub async fn check_mailbox() -> Result<kaiku_core::mailbox::MailboxView, ApiFailure> {
    json(Method::Post, "/settings/mailbox/check", encode(&serde_json::json!({}))?).await
}

pub async fn resend_webhook_delivery(id: &str) -> Result<WebhookDeliveryView, ApiFailure> {
    json(
        Method::Post,
        &format!("/settings/webhooks/deliveries/{}/resend", segment(id)),
        encode(&serde_json::json!({}))?,
    )
    .await
}

pub async fn revoke_api_key(id: &str) -> Result<(), ApiFailure> {
    empty(
        Method::Post,
        &format!("/settings/api-keys/{}/revoke", segment(id)),
        encode(&serde_json::json!({}))?,
    )
    .await
}

/// Imports messages from CSV, or previews it (`dry_run`).
pub async fn import_messages(
    req: &kaiku_core::message::MessageImportRequest,
) -> Result<kaiku_core::message::MessageImportReport, ApiFailure> {
    json(Method::Post, "/messages/import", encode(req)?).await
}
