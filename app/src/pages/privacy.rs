//! `/settings/privacy` (admins): a data-subject request. Find what is held about a
//! person by their email, download all of it as JSON, or erase them — keeping what
//! they said anonymised or deleting it — after a confirmation.

use kaiku_core::privacy::{AnswerFate, ErasureRequest, PersonHoldings, PersonQuery};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::browser;
use crate::components::form::{FormErrors, field_error, form_failure, passes};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{Msg, fill, t, use_lang};
use crate::state::page_title;

const FIELDS: &[&str] = &["email"];

#[component]
pub fn PrivacyPage() -> impl IntoView {
    page_title(Msg::PrivacyTitle);
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let found = RwSignal::new(None::<PersonHoldings>);
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let email_error = field_error(errors, "email");
    let on_find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let query = PersonQuery {
            email: email.get_untracked(),
        };
        if busy.get_untracked() || !passes(errors, FormErrors::check([query.checked().map(|_| ())])) {
            return;
        }
        busy.set(true);
        found.set(None);
        done.set(None);
        spawn_local(async move {
            match api::privacy_lookup(&query).await {
                Ok(held) => found.set(Some(held)),
                Err(failure) => errors.set(FormErrors::from_failure(failure, FIELDS)),
            }
            busy.set(false);
        });
    };
    let erased = Callback::new(move |report: PersonHoldings| {
        done.set(Some(fill(
            lang.get_untracked(),
            Msg::PrivacyErased,
            &[("e", &report.email)],
        )));
        found.set(None);
        email.set(String::new());
    });
    view! {
        <h1 class="page-title">{t(Msg::PrivacyTitle)}</h1>
        <section class="card" aria-labelledby="privacy-find-heading">
            <h2 id="privacy-find-heading">{t(Msg::PrivacyFind)}</h2>
            <p class="muted">{t(Msg::PrivacyIntro)}</p>
            <form on:submit=on_find novalidate data-testid="privacy-find">
                <div class="field" class:field-invalid=move || email_error.with(Option::is_some)>
                    <label for="privacy-email">{t(Msg::PrivacyEmail)}</label>
                    <input id="privacy-email" type="email" autocomplete="off" prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev)) />
                    {move || email_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                </div>
                <ErrorBanner failure=form_failure(errors) />
                <button type="submit" class="button button-primary" disabled=move || busy.get()>{t(Msg::PrivacyFind)}</button>
            </form>
            <Success message=done />
        </section>
        {move || found.get().map(|held| view! { <Holdings held erased /> })}
    }
}

/// What is held about the person, and what can be done with it.
#[component]
fn Holdings(held: PersonHoldings, erased: Callback<PersonHoldings>) -> impl IntoView {
    let lang = use_lang();
    if held.is_empty() {
        return view! {
            <section class="card" data-testid="privacy-holdings">
                <p class="empty">{move || fill(lang.get(), Msg::PrivacyNothing, &[("e", &held.email)])}</p>
            </section>
        }
        .into_any();
    }
    let counts = [
        (Msg::PrivacyContacts, held.contacts),
        (Msg::PrivacySurveyLinks, held.survey_links),
        (Msg::PrivacyAnswered, held.answered),
        (Msg::PrivacyRepulses, held.re_pulses),
        (Msg::PrivacyMessages, held.messages),
        (Msg::PrivacyEmails, held.emails),
    ];
    let accounts = held.accounts.join(", ");
    let email = held.email.clone();
    view! {
        <section class="card" aria-labelledby="privacy-held-heading" data-testid="privacy-holdings">
            <h2 id="privacy-held-heading">{move || fill(lang.get(), Msg::PrivacyHeld, &[("e", &held.email)])}</h2>
            <p>{t(Msg::PrivacyAccounts)} ": " <strong>{accounts}</strong></p>
            <dl class="facts">
                {counts.into_iter().map(|(label, n)| view! { <dt>{t(label)}</dt><dd>{n}</dd> }).collect_view()}
            </dl>
            <Export email=email.clone() />
            <Erase email erased />
        </section>
    }
    .into_any()
}

#[component]
fn Export(email: String) -> impl IntoView {
    let failure = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let download = move |_| {
        let query = PersonQuery { email: email.clone() };
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::privacy_export(&query).await {
                Ok(text) => {
                    // Pretty, for the person who reads the file.
                    let text = serde_json::from_str::<serde_json::Value>(&text)
                        .and_then(|value| serde_json::to_string_pretty(&value))
                        .unwrap_or(text);
                    let name = format!("kaiku-{}.json", query.email.replace(['@', '.'], "-"));
                    browser::download(&name, "application/json", &text);
                }
                Err(error) => failure.set(Some(error)),
            }
            busy.set(false);
        });
    };
    view! {
        <h3>{t(Msg::PrivacyExport)}</h3>
        <p class="muted">{t(Msg::PrivacyExportIntro)}</p>
        <ErrorBanner failure />
        <button type="button" class="button" on:click=download disabled=move || busy.get() data-testid="privacy-export">
            {t(Msg::PrivacyExport)}
        </button>
    }
}

#[component]
fn Erase(email: String, erased: Callback<PersonHoldings>) -> impl IntoView {
    let lang = use_lang();
    let fate = RwSignal::new(AnswerFate::Anonymise);
    let failure = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let erase = move |_| {
        let request = ErasureRequest {
            email: email.clone(),
            answers: fate.get_untracked(),
        };
        let question = fill(lang.get_untracked(), Msg::PrivacyEraseConfirm, &[("e", &request.email)]);
        if !browser::confirm(&question) {
            return;
        }
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::privacy_erase(&request).await {
                Ok(report) => erased.run(report),
                Err(error) => failure.set(Some(error)),
            }
            busy.set(false);
        });
    };
    let choice = move |value: AnswerFate, id: &'static str, label: Msg| {
        view! {
            <div class="field-check">
                <input id=id type="radio" name="privacy-fate" prop:checked=move || fate.get() == value
                    on:change=move |_| fate.set(value) />
                <label for=id>{t(label)}</label>
            </div>
        }
    };
    view! {
        <h3>{t(Msg::PrivacyErase)}</h3>
        <p class="muted">{t(Msg::PrivacyEraseIntro)}</p>
        <fieldset class="field">
            <legend>{t(Msg::PrivacyFate)}</legend>
            {choice(AnswerFate::Anonymise, "fate-anonymise", Msg::PrivacyFateAnonymise)}
            {choice(AnswerFate::Delete, "fate-delete", Msg::PrivacyFateDelete)}
        </fieldset>
        <ErrorBanner failure />
        <button type="button" class="button button-danger" on:click=erase disabled=move || busy.get() data-testid="privacy-erase">
            {t(Msg::PrivacyErase)}
        </button>
    }
}
