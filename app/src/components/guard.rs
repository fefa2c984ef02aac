//! Route guards: pages for logged-in users, and pages only for visitors.

use kaiku_core::redirect::same_origin_path;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::state::{AppState, use_app};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AuthStatus {
    LoggedOut,
    LoggedIn,
}

/// Changes only when the status does: a renamed user does not re-create the page. The
/// shell shows pages only once the session is known (`app.rs`), so a guard never
/// waits for it.
fn auth_status(app: AppState) -> Memo<AuthStatus> {
    Memo::new(move |_| {
        if app.session.with(Option::is_some) {
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
            // The page asked for, query included (`/accounts/a1?period=2026-05`), as one
            // parameter value.
            let (path, search) = (location.pathname.get_untracked(), location.search.get_untracked());
            let next = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            let next = String::from(js_sys::encode_uri_component(&next));
            navigate(&format!("/login?next={next}"), replace());
        }
    });
    move || match status.get() {
        AuthStatus::LoggedOut => ().into_any(),
        AuthStatus::LoggedIn => children().into_any(),
    }
}

/// Where to go after logging in: the `next` page if it is a path of this site
/// (`kaiku_core::redirect`) other than the login and sign-up pages themselves.
fn next_page(next: Option<String>) -> String {
    next.as_deref()
        .and_then(same_origin_path)
        .filter(|path| !path.starts_with("/login") && !path.starts_with("/signup"))
        .unwrap_or("/")
        .to_owned()
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
        AuthStatus::LoggedOut => children().into_any(),
        AuthStatus::LoggedIn => ().into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::next_page;

    #[test]
    fn after_login_only_pages_of_this_site_are_opened() {
        assert_eq!(
            next_page(Some("/accounts/a1?period=2026-05".into())),
            "/accounts/a1?period=2026-05"
        );
        for next in [
            "/\\evil.test",
            "/\t/evil.test",
            "//evil.test",
            "https://evil.test",
            "/login",
            "/signup",
        ] {
            assert_eq!(next_page(Some(next.into())), "/", "{next:?}");
        }
        assert_eq!(next_page(None), "/");
    }
}
