use kaiku_core::ErrorCode;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api;
use crate::components::notice::{ErrorBanner, Loading};
use crate::i18n::{Msg, t};
use crate::state::{page_title, use_app};

/// `/signup/confirm/:token`: the emailed sign-up link. Opening it creates the
/// organisation and signs its admin in; a link works once.
#[component]
pub fn SignupConfirmPage() -> impl IntoView {
    page_title(Msg::SignupConfirmTitle);
    let app = use_app();
    let navigate = use_navigate();
    let params = use_params_map();
    let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
    let confirm = Action::new_local(move |token: &String| {
        let token = token.clone();
        async move { api::confirm_signup(&token).await }
    });
    confirm.dispatch_local(token.clone());
    Effect::new(move |_| {
        if let Some(Ok(session)) = confirm.value().get() {
            app.logged_in(session);
            navigate(
                "/",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    move || match confirm.value().get() {
        None | Some(Ok(_)) => view! {
            <section class="card narrow">
                <h1>{t(Msg::SignupConfirmTitle)}</h1>
                <p>{t(Msg::SignupConfirmWorking)}</p>
                <Loading />
            </section>
        }
        .into_any(),
        Some(Err(failure)) if failure.code() == Some(ErrorCode::SignupLinkInvalid) => view! {
            <section class="card narrow" data-testid="signup-link-invalid">
                <h1>{t(Msg::SignupLinkInvalidTitle)}</h1>
                <p>{t(Msg::SignupLinkInvalidText)}</p>
                <p>
                    <A href="/login">{t(Msg::GoToLogin)}</A>
                    " · "
                    <A href="/signup">{t(Msg::SignupTryAgain)}</A>
                </p>
            </section>
        }
        .into_any(),
        Some(Err(failure)) => {
            let token = token.clone();
            view! {
                <section class="card narrow">
                    <h1>{t(Msg::SignupConfirmTitle)}</h1>
                    <ErrorBanner failure=Signal::derive(move || Some(failure.clone())) />
                    <p>
                        <button type="button" class="button" on:click=move |_| { confirm.dispatch_local(token.clone()); }>
                            {t(Msg::TryAgain)}
                        </button>
                        " "
                        <A href="/login">{t(Msg::GoToLogin)}</A>
                    </p>
                </section>
            }
            .into_any()
        }
    }
}
