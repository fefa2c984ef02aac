//! When something is due, marked once it is late.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::i18n::{self, use_lang};

#[component]
pub fn Due(at: DateTime<Utc>, late: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <span class="due" class:due-late=late data-testid="due">
            {move || i18n::due_by(lang.get(), &at, late)}
        </span>
    }
}
