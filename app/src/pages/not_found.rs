use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{Msg, t};
use crate::state::page_title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    page_title(Msg::NotFoundTitle);
    view! {
        <section class="card narrow">
            <h1>{t(Msg::NotFoundTitle)}</h1>
            <p>{t(Msg::NotFoundText)}</p>
            <p>
                <A href="/">{t(Msg::BackHome)}</A>
            </p>
        </section>
    }
}
