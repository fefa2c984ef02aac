//! `/settings/privacy` (admins): a data-subject request. Find what is held about a
//! person by their email, download all of it as JSON, or erase them — keeping what
//! they said anonymised or deleting it — after a confirmation. And how long what
//! customers said is kept with who said it, and deleting the whole organisation.

use kaiku_core::privacy::{
    AnswerFate, ErasureRequest, OrganisationDeletionRequest, PersonHoldings, PersonQuery, RETENTION_MONTHS, Retention,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::browser;
use crate::components::form::{FormErrors, field_error, form_failure, passes, whole_number};
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{self, Msg, fill, t, use_lang};
use crate::state::{page_title, use_app};

const FIELDS: &[&str] = &["email"];
const RETENTION_FIELDS: &[&str] = &["answers_months", "messages_months"];

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
        {use_app().is_admin().then(|| view! { <RetentionSettings /> <OrganisationDeletion /> })}
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
    view! {
        <h3>{t(Msg::PrivacyErase)}</h3>
        <p class="muted">{t(Msg::PrivacyEraseIntro)}</p>
        <FateChoice fate name="erase-fate" />
        <ErrorBanner failure />
        <button type="button" class="button button-danger" on:click=erase disabled=move || busy.get() data-testid="privacy-erase">
            {t(Msg::PrivacyErase)}
        </button>
    }
}

/// How long what customers said is kept with who said it; admins change it.
#[component]
fn RetentionSettings() -> impl IntoView {
    let retention = RwSignal::new(Load::<Retention>::Loading);
    let fetch = move || load(retention, api::retention());
    fetch();
    view! {
        <section class="card" aria-labelledby="retention-heading">
            <h2 id="retention-heading">{t(Msg::RetentionTitle)}</h2>
            <p class="muted">{t(Msg::RetentionIntro)}</p>
            {move || show(retention.get(), fetch, move |loaded| view! { <RetentionForm loaded /> }.into_any())}
        </section>
    }
}

/// Months typed into `field`: none when left empty (kept until erased).
fn months(text: &str, field: &'static str, errors: &mut FormErrors) -> Option<Option<u32>> {
    if text.trim().is_empty() {
        return Some(None);
    }
    whole_number(text, field, *RETENTION_MONTHS.start(), *RETENTION_MONTHS.end(), errors).map(Some)
}

#[component]
fn MonthsField(
    field: &'static str,
    label: Msg,
    value: RwSignal<String>,
    errors: RwSignal<FormErrors>,
) -> impl IntoView {
    let error = field_error(errors, field);
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=field>{t(label)}</label>
            <input id=field type="number" inputmode="numeric" min=RETENTION_MONTHS.start().to_string()
                max=RETENTION_MONTHS.end().to_string() placeholder=t(Msg::RetentionKept)
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}

#[component]
fn RetentionForm(loaded: Retention) -> impl IntoView {
    let lang = use_lang();
    let shown = |m: Option<u32>| m.map(|m| m.to_string()).unwrap_or_default();
    let answers = RwSignal::new(shown(loaded.answers_months));
    let messages = RwSignal::new(shown(loaded.messages_months));
    let fate = RwSignal::new(loaded.fate);
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let saved_text = Signal::derive(move || saved.get().then(|| Msg::RetentionSaved.text(lang.get()).to_string()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        saved.set(false);
        let mut checks = FormErrors::default();
        let typed = (
            months(&answers.get_untracked(), "answers_months", &mut checks),
            months(&messages.get_untracked(), "messages_months", &mut checks),
        );
        let (Some(answers_months), Some(messages_months)) = typed else {
            return errors.set(checks);
        };
        let retention = Retention {
            answers_months,
            messages_months,
            fate: fate.get_untracked(),
        };
        if !passes(errors, FormErrors::check([retention.check()])) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::set_retention(&retention).await {
                Ok(_) => saved.set(true),
                Err(failure) => errors.set(FormErrors::from_failure(failure, RETENTION_FIELDS)),
            }
            busy.set(false);
        });
    };
    view! {
        <form on:submit=on_submit novalidate data-testid="retention">
            <MonthsField field="answers_months" label=Msg::RetentionAnswers value=answers errors />
            <MonthsField field="messages_months" label=Msg::RetentionMessages value=messages errors />
            <FateChoice fate name="retention-fate" />
            <ErrorBanner failure=form_failure(errors) />
            <Success message=saved_text />
            <button type="submit" class="button button-primary" disabled=move || busy.get()>{t(Msg::Save)}</button>
        </form>
    }
}

/// Whether what a forgotten person said is kept anonymised or deleted.
#[component]
fn FateChoice(fate: RwSignal<AnswerFate>, name: &'static str) -> impl IntoView {
    let choice = move |value: AnswerFate, label: Msg| {
        let id = format!("{name}-{}", value.code());
        view! {
            <div class="field-check">
                <input id=id.clone() type="radio" name=name prop:checked=move || fate.get() == value
                    on:change=move |_| fate.set(value) />
                <label for=id>{t(label)}</label>
            </div>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{t(Msg::PrivacyFate)}</legend>
            {choice(AnswerFate::Anonymise, Msg::PrivacyFateAnonymise)}
            {choice(AnswerFate::Delete, Msg::PrivacyFateDelete)}
        </fieldset>
    }
}

/// Deleting the whole organisation: its name typed again, then a date every admin is
/// told of, and taking it back until then.
#[component]
fn OrganisationDeletion() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let typed = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let name_error = field_error(errors, "confirm_name");
    let organisation = move || app.session.with(|s| s.as_ref().map(|s| s.organisation.clone()));
    let changed = move |result: Result<kaiku_core::api::OrganisationView, api::ApiFailure>| match result {
        Ok(organisation) => {
            app.session.update(|s| {
                if let Some(session) = s {
                    session.organisation = organisation;
                }
            });
            typed.set(String::new());
        }
        Err(failure) => errors.set(FormErrors::from_failure(failure, &["confirm_name"])),
    };
    let on_ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(current) = organisation() else { return };
        let request = OrganisationDeletionRequest {
            confirm_name: typed.get_untracked(),
        };
        if busy.get_untracked() || !passes(errors, FormErrors::check([request.check(&current.name)])) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            changed(api::ask_organisation_deletion(&request).await);
            busy.set(false);
        });
    };
    let take_back = move |_| {
        busy.set(true);
        spawn_local(async move {
            changed(api::cancel_organisation_deletion().await);
            busy.set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="org-deletion-heading" data-testid="organisation-deletion">
            <h2 id="org-deletion-heading">{t(Msg::OrganisationDeletionTitle)}</h2>
            {move || match organisation().and_then(|o| o.deletion) {
                Some(on) => view! {
                    <p>{move || fill(lang.get(), Msg::OrganisationDeletionPending, &[("d", &i18n::date(lang.get(), &on))])}</p>
                    <button type="button" class="button" on:click=take_back disabled=move || busy.get()>
                        {t(Msg::OrganisationDeletionTakeBack)}
                    </button>
                }.into_any(),
                None => view! {
                    <p class="muted">{t(Msg::OrganisationDeletionIntro)}</p>
                    <form on:submit=on_ask novalidate>
                        <div class="field" class:field-invalid=move || name_error.with(Option::is_some)>
                            <label for="confirm-name">{t(Msg::OrganisationDeletionConfirm)}</label>
                            <input id="confirm-name" type="text" autocomplete="off" prop:value=move || typed.get()
                                on:input=move |ev| typed.set(event_target_value(&ev)) />
                            {move || name_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                        </div>
                        <ErrorBanner failure=form_failure(errors) />
                        <button type="submit" class="button button-danger" disabled=move || busy.get()>
                            {t(Msg::OrganisationDeletionAsk)}
                        </button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
