//! The number of open cases the signed-in person owns, beside the nav link, marked
//! when some are overdue. Refreshed on navigation and after each sync; read from the
//! device's copy when offline.

use kaiku_core::case::CaseCounts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use crate::api;
use crate::i18n::fill;
use crate::i18n::{Msg, use_lang};
use crate::offline::cache::fresh_or_cached_value;
use crate::offline::sync::use_sync;

#[component]
pub fn CaseCount() -> impl IntoView {
    let lang = use_lang();
    let sync = use_sync();
    let location = use_location();
    let counts = RwSignal::new(None::<CaseCounts>);
    Effect::new(move |_| {
        location.pathname.track();
        sync.synced().track();
        spawn_local(async move {
            if let Ok(now) = fresh_or_cached_value("case-counts", api::case_counts()).await {
                counts.set(Some(now));
            }
        });
    });
    move || {
        let (open, overdue) = counts.get().map_or((0, 0), |c| (c.mine_open, c.mine_overdue));
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
