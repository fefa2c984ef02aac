//! "Needs attention because …": the one line that says why an account at risk needs
//! attention (`kaiku_core::health::attention_reason`), on the account's header and at
//! the top of the heatmap's evidence.

use kaiku_core::health::AttentionReason;
use leptos::prelude::*;

use crate::i18n::{self, use_lang};

#[component]
pub fn Attention(reason: AttentionReason) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="attention" data-testid="attention-reason">{move || i18n::attention_reason(lang.get(), reason)}</p> }
}
