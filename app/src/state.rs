//! The app's shared state: who is signed in, the interface language and how the
//! start-up went (`AppState`, provided as context by `app::App`), and the page title
//! (a message, or a text the page loads: `Title`).
//! Pages read it through `use_app`; it lives apart from the shell that routes to them,
//! so dependencies point one way.

use kaiku_core::Lang;
use kaiku_core::api::{SessionView, UpdateProfileRequest, UserView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::i18n::Msg;
use crate::offline;

/// What the whole app shares, provided as context by `app::App`.
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
    /// The session is the one remembered on this device (the app started offline); the
    /// server has not confirmed it yet.
    pub unverified: RwSignal<bool>,
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    pub(crate) fn new() -> Self {
        Self {
            session: RwSignal::new(None),
            checked: RwSignal::new(false),
            lang: RwSignal::new(browser::initial_language()),
            session_ended: RwSignal::new(false),
            startup_failure: RwSignal::new(None),
            unverified: RwSignal::new(false),
        }
    }

    /// A session began (sign-up, login, accepted invitation, or found at start-up).
    pub fn logged_in(self, session: SessionView) {
        self.lang.set(session.user.language);
        self.session_ended.set(false);
        self.startup_failure.set(None);
        self.unverified.set(false);
        browser::remember_session(true);
        offline::set_user(Some(&session.user.id));
        self.session.set(Some(session));
    }

    /// The server can't be reached at start: carry on as the last signed-in user, with
    /// what this device has stored, until the server can be asked again.
    pub(crate) fn resumed_offline(self, session: SessionView) {
        self.lang.set(session.user.language);
        self.unverified.set(true);
        offline::set_user(Some(&session.user.id));
        self.session.set(Some(session));
    }

    /// Forgets the remembered user and what was cached for them (drafts and queued
    /// changes stay, for the next time they log in here).
    pub(crate) fn forget_user(self) {
        self.unverified.set(false);
        offline::session::forget();
        offline::set_user(None);
    }

    /// The user logged out on purpose.
    pub fn logged_out(self) {
        browser::remember_session(false);
        self.forget_user();
        spawn_local(offline::cache::clear());
        self.session.set(None);
    }

    /// The server no longer knows the session: logged out elsewhere, deactivated, expired.
    pub(crate) fn session_lost(self) {
        if self.session.with_untracked(Option::is_some) {
            browser::remember_session(false);
            self.forget_user();
            self.session_ended.set(true);
            self.session.set(None);
        }
    }

    /// Reads the session again after a change to it on the server (two-factor sign-in
    /// turned on or off, the organisation's rule changed).
    pub fn refresh_session(self) {
        spawn_local(async move {
            if let Ok(session) = api::me().await {
                self.logged_in(session);
            }
        });
    }

    /// Whether the session may only set up a second factor.
    pub fn is_held_for_two_factor(self) -> bool {
        self.session
            .with(|s| s.as_ref().is_some_and(|s| s.two_factor_setup_required))
    }

    /// The server holds the session to setting up a second factor (the organisation
    /// began requiring it of admins): the guard shows nothing else until it is.
    pub(crate) fn held_for_two_factor(self) {
        self.session.update(|session| {
            if let Some(session) = session {
                session.two_factor_setup_required = true;
            }
        });
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

/// What a page's title says: a message in the current language, or a text the page
/// loads (an account's name), with the message until it is there.
#[derive(Clone, Copy)]
pub enum Title {
    Msg(Msg),
    Loaded(Signal<Option<String>>, Msg),
}

impl From<Msg> for Title {
    fn from(msg: Msg) -> Title {
        Title::Msg(msg)
    }
}

/// Sets the document title for the page.
pub fn page_title(title: impl Into<Title>) {
    let (title, lang) = (title.into(), use_app().lang);
    Effect::new(move |_| {
        let text = match title {
            Title::Msg(msg) => msg.text(lang.get()).to_string(),
            Title::Loaded(text, msg) => text.get().unwrap_or_else(|| msg.text(lang.get()).to_string()),
        };
        browser::set_title(&format!("{text} · Kaiku"));
    });
}
