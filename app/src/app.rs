//! The app shell: global state (session and language), start-up, and the routes.

use kaiku_core::ErrorCode;
use kaiku_core::Lang;
use kaiku_core::api::{SessionView, UpdateProfileRequest, UserView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::guard::{GuestOnly, RequireAuth};
use crate::components::nav::Nav;
use crate::components::notice::ErrorBanner;
use crate::i18n::{Msg, t};
use crate::pages::account::AccountPage;
use crate::pages::account_form::AccountFormPage;
use crate::pages::accounts::AccountsPage;
use crate::pages::survey_templates::SurveyTemplatesPage;
use crate::pages::{
    accept_invitation::AcceptInvitationPage, home::HomePage, login::LoginPage, not_found::NotFoundPage,
    profile::ProfilePage, signup::SignupPage, team::TeamPage,
};

/// What the whole app shares, provided as context by [`App`].
#[derive(Clone, Copy)]
pub struct AppState {
    /// The logged-in user and organisation; `None` when logged out.
    pub session: RwSignal<Option<SessionView>>,
    /// `false` until the start-up `GET /auth/me` has answered.
    pub checked: RwSignal<bool>,
    /// The interface language.
    pub lang: RwSignal<Lang>,
    /// Set when a session ended without the user logging out.
    pub session_ended: RwSignal<bool>,
    /// Why the start-up check failed, when it was not simply "logged out".
    pub startup_failure: RwSignal<Option<ApiFailure>>,
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    fn new() -> Self {
        Self {
            session: RwSignal::new(None),
            checked: RwSignal::new(false),
            lang: RwSignal::new(browser::initial_language()),
            session_ended: RwSignal::new(false),
            startup_failure: RwSignal::new(None),
        }
    }

    /// A session began (sign-up, login, accepted invitation, or found at start-up).
    pub fn logged_in(self, session: SessionView) {
        self.lang.set(session.user.language);
        self.session_ended.set(false);
        self.startup_failure.set(None);
        browser::remember_session(true);
        self.session.set(Some(session));
    }

    /// The user logged out on purpose.
    pub fn logged_out(self) {
        browser::remember_session(false);
        self.session.set(None);
    }

    /// The server no longer knows the session: logged out elsewhere, deactivated, expired.
    fn session_lost(self) {
        if self.session.with_untracked(Option::is_some) {
            browser::remember_session(false);
            self.session_ended.set(true);
            self.session.set(None);
        }
    }

    /// The server sent a newer copy of the user.
    pub fn user_updated(self, user: UserView) {
        self.lang.set(user.language);
        self.session.update(|session| {
            if let Some(session) = session {
                session.user = user;
            }
        });
    }

    /// Switches the interface language; when logged in, it is saved to the profile too.
    pub fn set_language(self, lang: Lang) {
        if self.lang.get_untracked() == lang {
            return;
        }
        self.lang.set(lang);
        if self.session.with_untracked(Option::is_some) {
            spawn_local(async move {
                let req = UpdateProfileRequest {
                    name: None,
                    language: Some(lang),
                };
                if let Ok(user) = api::update_profile(&req).await {
                    self.user_updated(user);
                }
            });
        }
    }

    pub fn is_admin(self) -> bool {
        self.session
            .with(|s| s.as_ref().is_some_and(|s| s.user.role.can_manage_team()))
    }
}

/// Sets the document title for the page, in the current language.
pub fn page_title(msg: Msg) {
    let text = t(msg);
    Effect::new(move |_| browser::set_title(&format!("{} · Kaiku", text())));
}

async fn start(app: AppState) {
    // The token is needed by the first form; fetching it now also sets the CSRF cookie.
    let _ = api::prefetch_csrf().await;
    match api::me().await {
        Ok(session) => app.logged_in(session),
        Err(failure) if failure.code() == Some(ErrorCode::Unauthenticated) => {
            if browser::had_session() {
                browser::remember_session(false);
                app.session_ended.set(true);
            }
        }
        Err(failure) => app.startup_failure.set(Some(failure)),
    }
    app.checked.set(true);
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new();
    provide_context(app);

    Effect::new(move |_| {
        let lang = app.lang.get();
        browser::set_document_language(lang);
        browser::store_language(lang);
    });
    api::on_unauthenticated(move || app.session_lost());
    spawn_local(start(app));

    view! {
        <Router>
            <a class="skip-link" href="#main">
                {t(Msg::SkipToContent)}
            </a>
            <Nav />
            <SessionCheck />
            <main id="main" class="page" tabindex="-1">
                <ErrorBanner failure=app.startup_failure />
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
                        path=path!("/accounts/:id/edit")
                        view=|| view! { <RequireAuth><AccountFormPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/surveys")
                        view=|| view! { <RequireAuth><SurveyTemplatesPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/settings/team")
                        view=|| view! { <RequireAuth><TeamPage /></RequireAuth> }
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
                    <Route path=path!("/invite/:token") view=AcceptInvitationPage />
                </Routes>
            </main>
            <footer class="footer">
                <p>{t(Msg::Footer)}</p>
            </footer>
        </Router>
    }
}

/// Re-reads the session on every navigation while logged in, so a session that ended
/// elsewhere (or a changed role) shows up at the next page rather than at the next save.
#[component]
fn SessionCheck() -> impl IntoView {
    let app = use_app();
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let moved = previous.as_ref().is_some_and(|p| *p != path);
        if moved && app.session.with_untracked(Option::is_some) {
            spawn_local(async move {
                if let Ok(session) = api::me().await {
                    app.session.set(Some(session));
                }
            });
        }
        path
    });
}
