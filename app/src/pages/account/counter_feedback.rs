use kaiku_core::counterfeedback::CounterFeedbackView;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::counter_feedback::CounterFeedbackCard;
use crate::components::load::{Load, load, show};
use crate::i18n::{Msg, t};
use crate::offline::sync::use_sync;

/// The team's counter-feedback on the account, newest first.
#[component]
pub fn CounterFeedback(account_id: String, archived: bool) -> impl IntoView {
    let sync = use_sync();
    let given = RwSignal::new(Load::<Vec<CounterFeedbackView>>::Loading);
    let fetch = {
        let id = account_id.clone();
        move || {
            let id = id.clone();
            load(given, async move { api::account_counter_feedback(&id).await });
        }
    };
    let refetch = fetch.clone();
    Effect::new(move |_| {
        sync.synced().track();
        refetch();
    });
    view! {
        <section class="card" aria-labelledby="cf-list-heading">
            <h2 id="cf-list-heading">{t(Msg::CfListTitle)}</h2>
            {(!archived).then(|| view! {
                <p><A href=format!("/accounts/{account_id}/counter-feedback")>{t(Msg::CfGiveTitle)}</A></p>
            })}
            {move || show(given.get(), fetch.clone(), |list| {
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::CfListEmpty)}</p> }.into_any();
                }
                list.into_iter().map(|item| view! { <CounterFeedbackCard item /> }).collect_view().into_any()
            })}
        </section>
    }
}
