//! Error banners, status messages and the loading line.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::i18n::{self, Msg, t, use_lang};

/// A request's failure in the user's language, announced to screen readers.
#[component]
pub fn ErrorBanner(#[prop(into)] failure: Signal<Option<ApiFailure>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        failure.get().map(|failure| {
            view! {
                <div class="banner banner-error" role="alert">
                    {move || i18n::failure(lang.get(), &failure)}
                </div>
            }
        })
    }
}

/// A confirmation that something worked.
#[component]
pub fn Success(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="banner banner-success" role="status" class:hidden=move || message.with(Option::is_none)>
            {move || message.get()}
        </p>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status">
            {t(Msg::Loading)}
        </p>
    }
}

/// "Loading…" while the session is asked for, fixed in place: the shell that appears
/// with the session then moves nothing already on screen (no layout shift).
#[component]
pub fn StartupLoading() -> impl IntoView {
    view! {
        <div class="startup-loading">
            <Loading />
        </div>
    }
}
