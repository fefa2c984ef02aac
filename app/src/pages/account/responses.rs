use kaiku_core::survey::ResponseView;
use leptos::prelude::*;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::components::response::ResponseCard;
use crate::i18n::{Msg, t};

/// What the customers answered, newest first, verbatim.
#[component]
pub fn Responses(account_id: String, rounds_changed: RwSignal<u32>) -> impl IntoView {
    let responses = RwSignal::new(Load::<Vec<ResponseView>>::Loading);
    let fetch = move || {
        let id = account_id.clone();
        load(responses, async move { api::responses(&id).await });
    };
    let refetch = fetch.clone();
    Effect::new(move |_| {
        rounds_changed.track();
        refetch();
    });
    view! {
        <section class="card" aria-labelledby="responses-heading">
            <h2 id="responses-heading">{t(Msg::ResponsesTitle)}</h2>
            {move || show(responses.get(), fetch.clone(), |list| {
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::ResponsesEmpty)}</p> }.into_any();
                }
                list.into_iter().map(|response| view! { <ResponseCard response highlight=vec![] /> }).collect_view().into_any()
            })}
        </section>
    }
}
