//! "Open a case" by hand, where an answer, a counter-feedback or the account is shown:
//! a note (required from the account alone), then on to the case — a new one, or the
//! account's open case this was added to.

use kaiku_core::case::OpenCaseInput;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::latte::TextArea;
use crate::api;
use crate::components::form::{FormErrors, field_error, form_failure, passes};
use crate::components::notice::ErrorBanner;
use crate::i18n::{Msg, t};

#[component]
pub fn OpenCaseButton(
    account_id: String,
    #[prop(optional)] response: Option<String>,
    #[prop(optional)] counter_feedback: Option<String>,
) -> impl IntoView {
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let label = match (&response, &counter_feedback) {
        (Some(_), _) => Msg::CaseOpenFromAnswer,
        (None, Some(_)) => Msg::CaseOpenFromFeedback,
        (None, None) => Msg::CaseOpenNew,
    };
    // Unique on a page with many answers.
    let field_id = format!(
        "open-case-{}",
        response
            .as_deref()
            .or(counter_feedback.as_deref())
            .unwrap_or("account")
            .replace(':', "-")
    );
    let input = StoredValue::new(OpenCaseInput {
        account: account_id,
        response,
        counter_feedback,
        note: String::new(),
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = OpenCaseInput {
            note: note.get_untracked().trim().to_string(),
            ..input.get_value()
        };
        let checks = FormErrors::check([request.check()]);
        if !passes(errors, checks) {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::open_case(&request).await {
                Ok(view) => navigate(&format!("/cases/{}", view.summary.id), Default::default()),
                Err(failure) => errors.set(FormErrors::from_failure(failure, &["note"])),
            }
            busy.set(false);
        });
    };
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class="button" data-testid="open-case" on:click=move |_| asking.set(true)>
                    {t(label)}
                </button>
            }
        >
            <form class="step-form open-case" on:submit=on_submit.clone() novalidate>
                <TextArea
                    id=field_id.clone()
                    label=Msg::CaseOpenNote
                    hint=Msg::CaseOpenNoteHint
                    value=note
                    rows=2
                    error=field_error(errors, "note")
                />
                <ErrorBanner failure=form_failure(errors) />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {t(label)}
                    </button>
                    <button type="button" class="button button-quiet" on:click=move |_| asking.set(false)>
                        {t(Msg::Cancel)}
                    </button>
                </div>
            </form>
        </Show>
    }
}
