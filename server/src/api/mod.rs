//! The JSON API under `/api/v1`, described by poem-openapi. Handlers only extract,
//! call a service, and shape the response.

mod accounts;
mod api_keys;
mod auth;
mod brand;
mod cases;
mod cookies;
mod counterfeedback;
mod cycles;
mod health;
mod initiatives;
mod integrations;
mod mailbox;
mod messages;
mod outcomes;
mod paged;
mod prepared;
mod privacy;
mod profile;
mod promises;
mod said_we_did;
mod segments;
mod survey_page;
mod surveys;
mod team;
mod topics;
mod webhooks;

use poem_openapi::{ApiResponse, Tags, payload::Json};

#[derive(Tags)]
enum ApiTags {
    /// Sign-up, login, logout and the current session.
    Auth,
    /// The signed-in user's own profile.
    Profile,
    /// People, roles and invitations of the organisation.
    Team,
    /// The firm's customers and their contacts.
    Accounts,
    /// Survey templates, rounds, links and the answers that came back.
    Surveys,
    /// The customer's survey page, opened by a personal link (no login).
    SurveyPage,
    /// The team's counter-feedback, its requests, actions, offline sync and the analysis settings.
    CounterFeedback,
    /// Scheduled feedback cycles, their settings and the coming rounds.
    Cycles,
    /// Account health, the combined account view and leadership's heatmap.
    Health,
    /// Cases: unhappy signals someone owns and works through LATTE, and their service levels.
    Cases,
    /// What happened to each account, month-end snapshots, and how well the warnings predicted it.
    Outcomes,
    /// Improvements across accounts: suggestions from what recurs, initiatives, their history and effect.
    Initiatives,
    /// "You said, we did": telling customers what changed because of their feedback.
    SaidWeDid,
    /// The expectation chain: promises made at the sale, their breaches and the chain review.
    Promises,
    /// Segments by need: proposed from the accounts' expectations and themes, adopted by admins.
    Segments,
    /// Topic owners and the "My topics" feed: the customer's words about a topic, to the person it concerns.
    Topics,
    /// Customer messages beyond surveys (emails, chats, tickets, notes, calls), their
    /// analysis, matching to accounts and the Unmatched queue.
    Messages,
    /// For other systems: organisation API keys and what they may call (bearer auth),
    /// and webhooks that tell them of events.
    Integrations,
    /// Data-subject requests: what is held about a person, its export and erasure.
    Privacy,
}

/// The groups of the first layer: sign-in, people, accounts, surveys, feedback and health,
/// and the data-subject requests on them.
type Foundation = (
    auth::AuthApi,
    profile::ProfileApi,
    team::TeamApi,
    accounts::AccountsApi,
    surveys::SurveysApi,
    survey_page::SurveyPageApi,
    counterfeedback::CounterFeedbackApi,
    cycles::CyclesApi,
    health::HealthApi,
    privacy::PrivacyApi,
    brand::BrandApi,
);

/// The groups that close the loop and listen further: cases, outcomes, initiatives,
/// "you said, we did", promises, segments, topics, messages and integrations.
type Loop = (
    cases::CasesApi,
    outcomes::OutcomesApi,
    initiatives::InitiativesApi,
    said_we_did::SaidWeDidApi,
    promises::PromisesApi,
    segments::SegmentsApi,
    topics::TopicsApi,
    messages::MessagesApi,
    integrations::IntegrationsApi,
    api_keys::ApiKeysApi,
    webhooks::WebhooksApi,
    mailbox::MailboxApi,
);

/// All API groups, for `OpenApiService::new`: nested tuples, as poem-openapi takes at
/// most sixteen in one.
pub fn all() -> (Foundation, Loop) {
    (
        (
            auth::AuthApi,
            profile::ProfileApi,
            team::TeamApi,
            accounts::AccountsApi,
            surveys::SurveysApi,
            survey_page::SurveyPageApi,
            counterfeedback::CounterFeedbackApi,
            cycles::CyclesApi,
            health::HealthApi,
            privacy::PrivacyApi,
            brand::BrandApi,
        ),
        (
            cases::CasesApi,
            outcomes::OutcomesApi,
            initiatives::InitiativesApi,
            said_we_did::SaidWeDidApi,
            promises::PromisesApi,
            segments::SegmentsApi,
            topics::TopicsApi,
            messages::MessagesApi,
            integrations::IntegrationsApi,
            api_keys::ApiKeysApi,
            webhooks::WebhooksApi,
            mailbox::MailboxApi,
        ),
    )
}

#[derive(ApiResponse)]
enum NoContent {
    /// Done; nothing to return.
    #[oai(status = 204)]
    Done,
}

#[derive(ApiResponse)]
enum SessionStarted {
    /// Logged in: the session cookie is set.
    #[oai(status = 200)]
    Ok(Json<kaiku_core::api::SessionView>),
    /// Created and logged in: the session cookie is set.
    #[oai(status = 201)]
    Created(Json<kaiku_core::api::SessionView>),
}
