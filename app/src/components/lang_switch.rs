//! The language picker in the top bar.

use kaiku_core::Lang;
use leptos::prelude::*;

use crate::i18n::{Msg, t};
use crate::state::use_app;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let app = use_app();
    view! {
        <div class="lang-switch">
            <label class="visually-hidden" for="lang-switch">
                {t(Msg::Language)}
            </label>
            <select
                id="lang-switch"
                data-testid="lang-switch"
                on:change=move |ev| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                        app.set_language(lang);
                    }
                }
            >
                {Lang::ALL
                    .map(|lang| {
                        view! {
                            <option value=lang.code() lang=lang.code() prop:selected=move || app.lang.get() == lang>
                                {lang.native_name()}
                            </option>
                        }
                    })}
            </select>
        </div>
    }
}
