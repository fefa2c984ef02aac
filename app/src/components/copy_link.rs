//! A link to pass on by hand: read-only in a labelled field, with a button that copies
//! it and says whether that worked.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::i18n::{Msg, t};

/// `id` names the field (unique on the page); `test_id` marks it for the browser tests.
#[component]
pub fn CopyLink(url: String, id: String, #[prop(into)] label: Signal<String>, test_id: &'static str) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let on_copy = {
        let url = url.clone();
        move |_| {
            let url = url.clone();
            spawn_local(async move { copied.set(Some(browser::copy(&url).await)) });
        }
    };
    view! {
        <div class="field copy-link">
            <label for=id.clone()>{move || label.get()}</label>
            <div class="copy-row">
                <input id=id data-testid=test_id type="text" readonly prop:value=url.clone() value=url />
                <button type="button" class="button" on:click=on_copy>
                    {t(Msg::CopyLink)}
                </button>
            </div>
            {move || {
                copied
                    .get()
                    .map(|ok| {
                        view! {
                            <p class="field-hint" role="status">
                                {if ok { t(Msg::Copied) } else { t(Msg::CopyFailed) }}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
