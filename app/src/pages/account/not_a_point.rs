//! "Not a point": a sentence the analysis took for a development point is dismissed,
//! after a confirmation; the organisation's analysis learns it for later answers.

use kaiku_core::counterfeedback::ActionSource;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::browser;
use crate::i18n::{self, Msg, t, use_lang};

/// `changed` is bumped once the server has it, so the account's overview is fetched
/// again and the point leaves it.
#[component]
pub fn NotAPoint(source: ActionSource, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let dismiss = move |_| {
        let lang = lang.get_untracked();
        if !browser::confirm(Msg::NotAPointConfirm.text(lang)) {
            return;
        }
        busy.set(true);
        problem.set(None);
        let source = source.clone();
        spawn_local(async move {
            match api::dismiss_point(&source.link_id, &source.point).await {
                // Busy until the refreshed overview takes the point away.
                Ok(_) => changed.update(|n| *n += 1),
                Err(failure) => {
                    problem.set(Some(i18n::failure(lang, &failure)));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <button
            type="button"
            class="button button-quiet"
            data-testid="not-a-point"
            disabled=move || busy.get()
            on:click=dismiss
        >
            {t(Msg::NotAPoint)}
        </button>
        {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
    }
}
