//! The number of new customer messages on the signed-in person's accounts beside the
//! nav link, marked when some are urgent; leaders and admins also see the Unmatched
//! queue counted. Refreshed on navigation and after each sync.

use kaiku_core::message::MessageCounts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use crate::api;
use crate::i18n::fill;
use crate::i18n::{Msg, use_lang};
use crate::offline::sync::use_sync;

#[component]
pub fn MessageCount() -> impl IntoView {
    let lang = use_lang();
    let sync = use_sync();
    let location = use_location();
    let counts = RwSignal::new(None::<MessageCounts>);
    Effect::new(move |_| {
        location.pathname.track();
        sync.synced().track();
        spawn_local(async move {
            if let Ok(now) = api::message_counts().await {
                counts.set(Some(now));
            }
        });
    });
    move || {
        let (new, urgent, unmatched) = counts.get().map_or((0, 0, 0), |c| (c.new, c.urgent, c.unmatched));
        let shown = new + unmatched;
        let late = urgent > 0;
        (shown > 0).then(|| {
            let label = move || {
                fill(
                    lang.get(),
                    Msg::MessagesWaiting,
                    &[
                        ("n", &new.to_string()),
                        ("u", &urgent.to_string()),
                        ("q", &unmatched.to_string()),
                    ],
                )
            };
            view! {
                " "
                <span class="badge" class:badge-danger=late data-testid="message-count" aria-label=label>
                    {shown}
                </span>
            }
        })
    }
}
