use kaiku_core::Lang;
use kaiku_core::account::{ContactInput, ContactView};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::field::{LanguageField, SubmitButton, TextField};
use crate::components::form::{FormErrors, field_error, form_failure, submit_if_valid};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};

const FIELDS: &[&str] = &["name", "email", "title"];

#[component]
pub fn Contacts(account_id: String, contacts: RwSignal<Load<Vec<ContactView>>>) -> impl IntoView {
    let editing = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let reload = {
        let id = account_id.clone();
        move || {
            let id = id.clone();
            load(contacts, async move { api::contacts(&id).await });
        }
    };
    let reload_after_save = Callback::new({
        let reload = reload.clone();
        move |_: ()| {
            editing.set(None);
            reload();
        }
    });
    view! {
        <section class="card" aria-labelledby="contacts-heading">
            <h2 id="contacts-heading">{t(Msg::ContactsTitle)}</h2>
            <ErrorBanner failure=failure />
            {move || show(contacts.get(), reload.clone(), move |list| {
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::ContactsEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="rows">
                        {list
                            .into_iter()
                            .map(|contact| view! { <ContactRow contact editing failure saved=reload_after_save /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            })}
            <h3>{t(Msg::ContactAdd)}</h3>
            <ContactForm account_id=account_id contact=None saved=reload_after_save />
        </section>
    }
}

#[component]
fn ContactRow(
    contact: ContactView,
    editing: RwSignal<Option<String>>,
    failure: RwSignal<Option<ApiFailure>>,
    saved: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let id = contact.id.clone();
    let is_editing = {
        let id = id.clone();
        move || editing.get().as_deref() == Some(id.as_str())
    };
    let remove = {
        let id = id.clone();
        let name = contact.name.clone();
        move |_| {
            if !browser::confirm(&i18n::confirm_remove_contact(lang.get_untracked(), &name)) {
                return;
            }
            let id = id.clone();
            spawn_local(async move {
                match api::remove_contact(&id).await {
                    Ok(()) => saved.run(()),
                    Err(f) => failure.set(Some(f)),
                }
            });
        }
    };
    let shown = contact.clone();
    view! {
        <li class="row" data-testid="contact-row">
            <Show
                when=is_editing
                fallback=move || {
                    let c = shown.clone();
                    let id = c.id.clone();
                    let remove = remove.clone();
                    view! {
                        <div class="row-main">
                            <span class="row-title">{c.name.clone()}</span>
                            <span class="row-sub">
                                {c.email.clone()} {(!c.title.is_empty()).then(|| format!(" · {}", c.title))} " · "
                                {c.language.native_name()}
                                {c.decision_maker.then(|| view! { " · " <strong>{t(Msg::DecisionMaker)}</strong> })}
                            </span>
                            {c.opted_out_at.map(|at| view! {
                                <span class="row-sub">
                                    <span class="tag tag-warning" data-testid="contact-opted-out">{t(Msg::OptedOut)}</span>
                                    " " {move || i18n::date(lang.get(), &at)}
                                </span>
                            })}
                        </div>
                        <div class="row-actions">
                            <button type="button" class="button" on:click=move |_| editing.set(Some(id.clone()))>
                                {t(Msg::Edit)}
                            </button>
                            <button type="button" class="button button-danger" on:click=remove>
                                {t(Msg::Remove)}
                            </button>
                        </div>
                    }
                }
            >
                <ContactForm account_id=contact.account_id.clone() contact=Some(contact.clone()) saved />
            </Show>
        </li>
    }
}

/// Adds a contact, or edits one when `contact` is given.
#[component]
fn ContactForm(account_id: String, contact: Option<ContactView>, saved: Callback<()>) -> impl IntoView {
    let editing = contact.as_ref().map(|c| c.id.clone());
    let prefix = if editing.is_some() { "edit-contact" } else { "contact" };
    let name = RwSignal::new(contact.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let email = RwSignal::new(contact.as_ref().map(|c| c.email.clone()).unwrap_or_default());
    let title = RwSignal::new(contact.as_ref().map(|c| c.title.clone()).unwrap_or_default());
    let language = RwSignal::new(contact.as_ref().map_or(Lang::Fi, |c| c.language));
    let decision_maker = RwSignal::new(contact.as_ref().is_some_and(|c| c.decision_maker));
    let errors = RwSignal::new(FormErrors::default());
    let save = Action::new_local(move |input: &ContactInput| {
        let input = input.clone();
        let editing = editing.clone();
        let account_id = account_id.clone();
        async move {
            let result = match &editing {
                Some(id) => api::update_contact(id, &input).await,
                None => api::add_contact(&account_id, &input).await,
            };
            match result {
                Ok(_) => {
                    if editing.is_none() {
                        name.set(String::new());
                        email.set(String::new());
                        title.set(String::new());
                        decision_maker.set(false);
                    }
                    errors.set(FormErrors::default());
                    saved.run(());
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, FIELDS)),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = ContactInput {
            name: name.get_untracked(),
            email: email.get_untracked(),
            title: title.get_untracked(),
            language: language.get_untracked(),
            decision_maker: decision_maker.get_untracked(),
        }
        .normalised();
        let checks = FormErrors::check([input.validate()]);
        submit_if_valid(save, errors, checks, input);
    };
    // Ids must be unique on the page: the add form and an edit form can both be open.
    let ids: [&'static str; 4] = if prefix == "contact" {
        ["name", "email", "title", "contact-language"]
    } else {
        ["edit-name", "edit-email", "edit-title", "edit-language"]
    };
    view! {
        <form class="form form-inline" novalidate on:submit=on_submit data-testid=format!("{prefix}-form")>
            <ErrorBanner failure=form_failure(errors) />
            <TextField id=ids[0] label=Msg::FieldName value=name error=field_error(errors, "name") />
            <TextField id=ids[1] label=Msg::FieldEmail kind="email" value=email error=field_error(errors, "email") />
            <TextField id=ids[2] label=Msg::FieldTitle value=title error=field_error(errors, "title") />
            <LanguageField id=ids[3] value=language />
            <label class="check">
                <input type="checkbox" bind:checked=decision_maker />
                {t(Msg::DecisionMaker)}
            </label>
            <SubmitButton label=Msg::Save pending=save.pending() />
        </form>
    }
}
