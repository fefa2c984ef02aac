//! The banner every signed-in person sees while their organisation's deletion is
//! pending: when it happens, and for admins where to take it back.

use leptos::prelude::*;

use crate::i18n::{self, Msg, fill, t, use_lang};
use crate::state::use_app;

#[component]
pub fn OrganisationDeletionBanner() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let deletion = move || app.session.with(|s| s.as_ref().and_then(|s| s.organisation.deletion));
    move || {
        deletion().map(|on| {
            let text = move || fill(lang.get(), Msg::OrganisationDeletionPending, &[("d", &i18n::date(lang.get(), &on))]);
            view! {
                <p class="banner banner-error" role="status" data-testid="organisation-deletion-banner">
                    {text}
                    {app.is_admin().then(|| view! { " " <a href="/settings/privacy">{t(Msg::OrganisationDeletionTakeBack)}</a> })}
                </p>
            }
        })
    }
}
