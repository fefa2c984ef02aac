//! The number of open cases the signed-in person owns, beside the nav link, with how
//! many of them are overdue. Refreshed on navigation and after each sync; read from the
//! device's copy when offline.

use kaiku_core::case::CaseSummary;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use crate::api;
use crate::i18n::{Msg, use_lang};
use crate::offline::cache::fresh_or_cached_value;
use crate::offline::sync::use_sync;
use crate::pages::cases::{CaseFilter, fill};

#[component]
pub fn CaseCount() -> impl IntoView {
    let lang = use_lang();
    let sync = use_sync();
    let location = use_location();
    let counts = RwSignal::new((0usize, 0usize));
    Effect::new(move |_| {
        location.pathname.track();
        sync.synced().track();
        spawn_local(async move {
            let query = CaseFilter::default().to_api_query();
            if let Ok(list) = fresh_or_cached_value(&format!("cases:{query}"), api::cases(&query)).await {
                let list: Vec<CaseSummary> = list;
                counts.set((list.len(), list.iter().filter(|c| c.overdue).count()));
            }
        });
    });
    move || {
        let (open, overdue) = counts.get();
        let late = overdue > 0;
        (open > 0).then(|| {
            let label = move || {
                fill(
                    lang.get(),
                    Msg::CasesWaiting,
                    &[("n", &open.to_string()), ("o", &overdue.to_string())],
                )
            };
            view! {
                " "
                <span class="badge" class:badge-danger=late data-testid="case-count" aria-label=label>
                    {open}
                </span>
            }
        })
    }
}
