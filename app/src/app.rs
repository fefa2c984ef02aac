//! The app shell: global state (session and language), start-up, and the routes.

use kaiku_core::ErrorCode;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::deletion_notice::OrganisationDeletionBanner;
use crate::components::guard::{GuestOnly, RequireAuth};
use crate::components::nav::Nav;
use crate::components::notice::{ErrorBanner, StartupLoading};
use crate::components::sync_status::OfflineBanner;
use crate::i18n::{Msg, t};
use crate::offline;
use crate::offline::sync::{SyncState, provide_sync, use_sync};
use crate::pages::account::AccountPage;
use crate::pages::account_form::AccountFormPage;
use crate::pages::accounts::AccountsPage;
use crate::pages::api_keys::ApiKeysPage;
use crate::pages::audit_log::AuditLogPage;
use crate::pages::backtest::BacktestPage;
use crate::pages::case_settings::CaseSettingsPage;
use crate::pages::cases::{CasePage, CasesPage};
use crate::pages::counter_feedback::{GiveCounterFeedbackPage, RequestPage, RequestsPage};
use crate::pages::cycles::CyclesPage;
use crate::pages::digest::DigestPage;
use crate::pages::feedback_settings::FeedbackSettingsPage;
use crate::pages::health_settings::HealthSettingsPage;
use crate::pages::heatmap::HeatmapPage;
use crate::pages::initiatives::{InitiativePage, InitiativesPage};
use crate::pages::mailbox::MailboxPage;
use crate::pages::messages::MessagesPage;
use crate::pages::overdue::OverduePage;
use crate::pages::privacy::PrivacyPage;
use crate::pages::promises::PromisesPage;
use crate::pages::schedule_settings::ScheduleSettingsPage;
use crate::pages::segments::SegmentsPage;
use crate::pages::survey_templates::SurveyTemplatesPage;
use crate::pages::topics::TopicsPage;
use crate::pages::trends::TrendsPage;
use crate::pages::two_factor::TwoFactorRequiredPage;
use crate::pages::webhooks::WebhooksPage;
use crate::pages::{
    accept_invitation::AcceptInvitationPage, home::HomePage, login::LoginPage, not_found::NotFoundPage,
    profile::ProfilePage, signup::SignupPage, signup_confirm::SignupConfirmPage, team::TeamPage,
};
use crate::state::{AppState, use_app};

async fn start(app: AppState, sync: SyncState) {
    // The token is needed by the first form (fetching it also sets the CSRF cookie). It
    // is asked for beside the session, not before it: the page waits one round trip.
    spawn_local(async {
        let _ = api::prefetch_csrf().await;
    });
    match api::me().await {
        Ok(session) => {
            app.logged_in(session);
            sync.set_online(true);
        }
        Err(failure) if failure.code() == Some(ErrorCode::Unauthenticated) => {
            offline::session::forget();
            if browser::had_session() {
                browser::remember_session(false);
                app.session_ended.set(true);
            }
        }
        Err(ApiFailure::Network) => {
            sync.set_online(false);
            match offline::session::last() {
                Some(session) => app.resumed_offline(session),
                None => app.startup_failure.set(Some(ApiFailure::Network)),
            }
        }
        Err(failure) => app.startup_failure.set(Some(failure)),
    }
    app.checked.set(true);
}

/// While the server could not be reached at start, asks it again (the browser came
/// online, or on a timer): a confirmed session carries on, an ended one ends here too.
async fn recheck(app: AppState, sync: SyncState) {
    if app.unverified.get_untracked() {
        // A 401 ends the session through `api::on_session_refused`; anything else is
        // asked again later.
        if let Ok(session) = api::me().await {
            app.logged_in(session);
            sync.set_online(true);
        }
    } else if app.session.with_untracked(Option::is_none)
        && app.startup_failure.with_untracked(|f| f == &Some(ApiFailure::Network))
    {
        start(app, sync).await;
    }
}

/// How often the server is asked again while the app runs on the remembered session.
const RECHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new();
    provide_context(app);

    Effect::new(move |_| {
        let lang = app.lang.get();
        browser::set_document_language(lang);
        browser::store_language(lang);
    });
    api::on_session_refused(move |code| match code {
        ErrorCode::TwoFactorSetupRequired => app.held_for_two_factor(),
        _ => app.session_lost(),
    });
    let user = Signal::derive(move || app.session.with(|s| s.as_ref().map(|s| s.user.id.clone())));
    let sync = provide_sync(user);
    // The last signed-in user, for starting without the server next time.
    Effect::new(move |_| {
        app.session.with(|session| {
            if let Some(session) = session {
                offline::session::remember(session);
            }
        })
    });
    spawn_local(start(app, sync));
    let _ = window_event_listener(ev::online, move |_| spawn_local(recheck(app, sync)));
    set_interval(
        move || {
            if offline::browser_online() {
                spawn_local(recheck(app, sync));
            }
        },
        RECHECK_EVERY,
    );

    view! {
        <Router>
            <a class="skip-link" href="#main">
                {t(Msg::SkipToContent)}
            </a>
            // Nothing of the shell before the session is known: the navigation (which
            // depends on the role) and the page then appear together, and nothing on
            // screen is pushed down by the other (no layout shift).
            <Show when=move || app.checked.get() fallback=|| view! { <StartupLoading /> }>
            <Nav />
            <SessionCheck />
            <main id="main" class="page" tabindex="-1">
                <OfflineBanner />
                <OrganisationDeletionBanner />
                <ErrorBanner failure=app.startup_failure />
                // An admin held to setting up a second factor sees only that, wherever
                // they are; the page they asked for follows once it is set up.
                <Show when=move || !app.is_held_for_two_factor() fallback=TwoFactorRequiredPage>
                <Routes fallback=NotFoundPage>
                    <Route
                        path=path!("/")
                        view=|| view! { <RequireAuth><HomePage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/accounts")
                        view=|| view! { <RequireAuth><AccountsPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/accounts/new")
                        view=|| view! { <RequireAuth><AccountFormPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/accounts/:id")
                        view=|| view! { <RequireAuth><AccountPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/accounts/:id/counter-feedback")
                        view=|| view! { <RequireAuth><GiveCounterFeedbackPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/cases")
                        view=|| view! { <RequireAuth><CasesPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/cases/:id")
                        view=|| view! { <RequireAuth><CasePage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/segments")
                        view=|| view! { <RequireAuth><SegmentsPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/digest")
                        view=|| view! { <RequireAuth><DigestPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/initiatives")
                        view=|| view! { <RequireAuth><InitiativesPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/initiatives/:id")
                        view=|| view! { <RequireAuth><InitiativePage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/messages")
                        view=|| view! { <RequireAuth><MessagesPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/api-keys")
                        view=|| view! { <RequireAuth><ApiKeysPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/webhooks")
                        view=|| view! { <RequireAuth><WebhooksPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/mailbox")
                        view=|| view! { <RequireAuth><MailboxPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/cases")
                        view=|| view! { <RequireAuth><CaseSettingsPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/requests")
                        view=|| view! { <RequireAuth><RequestsPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/requests/:id")
                        view=|| view! { <RequireAuth><RequestPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/accounts/:id/edit")
                        view=|| view! { <RequireAuth><AccountFormPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/surveys")
                        view=|| view! { <RequireAuth><SurveyTemplatesPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/feedback")
                        view=|| view! { <RequireAuth><FeedbackSettingsPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/health")
                        view=|| view! { <RequireAuth><HealthSettingsPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/schedule")
                        view=|| view! { <RequireAuth><ScheduleSettingsPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/heatmap")
                        view=|| view! { <RequireAuth><HeatmapPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/cycles")
                        view=|| view! { <RequireAuth><CyclesPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/overdue")
                        view=|| view! { <RequireAuth><OverduePage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/topics")
                        view=|| view! { <RequireAuth><TopicsPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/trends")
                        view=|| view! { <RequireAuth><TrendsPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/promises")
                        view=|| view! { <RequireAuth><PromisesPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/backtest")
                        view=|| view! { <RequireAuth><BacktestPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/team")
                        view=|| view! { <RequireAuth><TeamPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/privacy")
                        view=|| view! { <RequireAuth><PrivacyPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/audit")
                        view=|| view! { <RequireAuth><AuditLogPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/profile")
                        view=|| view! { <RequireAuth><ProfilePage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/login")
                        view=|| view! { <GuestOnly><LoginPage /></GuestOnly> }
                    />
                    <Route
                        path=path!("/signup")
                        view=|| view! { <GuestOnly><SignupPage /></GuestOnly> }
                    />
                    <Route path=path!("/signup/confirm/:token") view=SignupConfirmPage />
                    <Route path=path!("/invite/:token") view=AcceptInvitationPage />
                </Routes>
                </Show>
            </main>
            <footer class="footer">
                <p>{t(Msg::Footer)}</p>
            </footer>
            </Show>
        </Router>
    }
}

/// Re-reads the session on every navigation while logged in, so a session that ended
/// elsewhere (or a changed role) shows up at the next page rather than at the next save.
#[component]
fn SessionCheck() -> impl IntoView {
    let app = use_app();
    let sync = use_sync();
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let moved = previous.as_ref().is_some_and(|p| *p != path);
        if moved && app.session.with_untracked(Option::is_some) {
            spawn_local(async move {
                if let Ok(session) = api::me().await {
                    if app.unverified.get_untracked() {
                        app.unverified.set(false);
                        sync.set_online(true);
                    }
                    app.session.set(Some(session));
                }
            });
        }
        path
    });
}
