//! Route guards: pages for logged-in users, and pages only for visitors.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::app::{AppState, use_app};
use crate::components::notice::Loading;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AuthStatus {
    Checking,
    LoggedOut,
    LoggedIn,
}

/// Changes only when the status does: a renamed user does not re-create the page.
fn auth_status(app: AppState) -> Memo<AuthStatus> {
    Memo::new(move |_| {
        if !app.checked.get() {
            AuthStatus::Checking
        } else if app.session.with(Option::is_some) {
            AuthStatus::LoggedIn
        } else {
            AuthStatus::LoggedOut
        }
    })
}

fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..Default::default()
    }
}

/// Shows `children` to logged-in users; sends everyone else to `/login?next=…`.
#[component]
pub fn RequireAuth(children: ChildrenFn) -> impl IntoView {
    let status = auth_status(use_app());
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if status.get() == AuthStatus::LoggedOut {
            let next = location.pathname.get_untracked();
            navigate(&format!("/login?next={next}"), replace());
        }
    });
    move || match status.get() {
        AuthStatus::Checking => view! { <Loading /> }.into_any(),
        AuthStatus::LoggedOut => ().into_any(),
        AuthStatus::LoggedIn => children().into_any(),
    }
}

/// Where to go after logging in: the `next` page if it is one of ours.
fn next_page(next: Option<String>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/login")
                && !path.starts_with("/signup") =>
        {
            path
        }
        _ => "/".to_owned(),
    }
}

/// Shows `children` to visitors; logged-in users go on to `next` or home.
#[component]
pub fn GuestOnly(children: ChildrenFn) -> impl IntoView {
    let status = auth_status(use_app());
    let query = use_query_map();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if status.get() == AuthStatus::LoggedIn {
            let next = next_page(query.with_untracked(|q| q.get("next")));
            navigate(&next, replace());
        }
    });
    move || match status.get() {
        AuthStatus::Checking => view! { <Loading /> }.into_any(),
        AuthStatus::LoggedOut => children().into_any(),
        AuthStatus::LoggedIn => ().into_any(),
    }
}
