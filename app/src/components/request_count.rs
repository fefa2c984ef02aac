//! The number of counter-feedback requests waiting for the signed-in user, beside the
//! nav link. Refreshed on navigation and after each sync; read from the device's copy
//! when offline.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use crate::api;
use crate::i18n::{self, use_lang};
use crate::offline::cache::fresh_or_cached;
use crate::offline::sync::use_sync;

#[component]
pub fn RequestCount() -> impl IntoView {
    let lang = use_lang();
    let sync = use_sync();
    let location = use_location();
    let open = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        location.pathname.track();
        sync.synced().track();
        spawn_local(async move {
            if let Ok(cached) = fresh_or_cached("requests", api::counter_feedback_requests()).await {
                open.set(cached.value.open.into_iter().map(|r| r.id).collect());
            }
        });
    });
    let count = move || {
        let answered_here: Vec<String> = sync
            .pending_mutations()
            .get()
            .into_iter()
            .filter_map(|m| m.counter_feedback.and_then(|c| c.request))
            .collect();
        open.with(|ids| ids.iter().filter(|id| !answered_here.contains(id)).count())
    };
    move || {
        let n = count();
        (n > 0).then(|| {
            view! {
                " "
                <span class="badge" data-testid="request-count" aria-label=move || i18n::requests_waiting(lang.get(), n)>
                    {n}
                </span>
            }
        })
    }
}
