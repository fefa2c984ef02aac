use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::{page_title, use_app};
use crate::i18n::{self, Msg, role_description, role_name, t, use_lang};

/// `/`: who you are, where, and what Kaiku is for.
#[component]
pub fn HomePage() -> impl IntoView {
    page_title(Msg::NavHome);
    let app = use_app();
    let lang = use_lang();
    let session = move || app.session.get();
    let is_admin = Memo::new(move |_| app.is_admin());

    view! {
        {move || {
            session()
                .map(|s| {
                    let role = s.user.role;
                    let name = s.user.name.clone();
                    view! {
                        <section class="card">
                            <h1>{move || i18n::welcome(lang.get(), &name)}</h1>
                            <dl class="facts">
                                <div>
                                    <dt>{t(Msg::FieldOrganisation)}</dt>
                                    <dd>{s.organisation.name.clone()}</dd>
                                </div>
                                <div>
                                    <dt>{t(Msg::FieldRole)}</dt>
                                    <dd>
                                        {t(role_name(role))} <span class="muted">" — " {t(role_description(role))}</span>
                                    </dd>
                                </div>
                                <div>
                                    <dt>{t(Msg::FieldEmail)}</dt>
                                    <dd>{s.user.email.clone()}</dd>
                                </div>
                            </dl>
                            <p>
                                <A href="/profile">{t(Msg::HomeEditProfile)}</A>
                            </p>
                        </section>
                    }
                })
        }}
        <Show when=move || is_admin.get()>
            <section class="card card-accent">
                <h2>{t(Msg::HomeInviteTitle)}</h2>
                <p>{t(Msg::HomeInviteText)}</p>
                <A href="/settings/team" {..} class="button button-primary">
                    {t(Msg::HomeInviteLink)}
                </A>
            </section>
        </Show>
        <section class="card">
            <h2>{t(Msg::HomeAboutTitle)}</h2>
            <p>{t(Msg::HomeAbout1)}</p>
            <p>{t(Msg::HomeAbout2)}</p>
            <p>{t(Msg::HomeAbout3)}</p>
        </section>
    }
}
