//! "You said, we did" on the account page: what was done because of each contact's
//! words, for the account's lead (and leaders, admins) to word in both languages,
//! leave out or approve; approved items open the contact's next survey and ride in
//! its invitation, or go at once by email (confirmed first). Everyone who sees the
//! account sees what was told to whom and when, and the share of feedback answered.

use kaiku_core::Lang;
use kaiku_core::said_we_did::{
    AccountWeDid, ReviewInput, SendNowInput, ToldChannel, WeDidItem, WeDidSource, WeDidStatus, WeDidText,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};

#[component]
pub fn WeDid(account_id: String) -> impl IntoView {
    let lang = use_lang();
    let state = RwSignal::new(Load::<AccountWeDid>::Loading);
    let id = StoredValue::new(account_id);
    let fetch = move || load(state, async move { api::account_we_did(&id.get_value()).await });
    fetch();
    let failure = RwSignal::new(None::<ApiFailure>);
    // A change answers with the whole review, shown at once.
    let changed = move |result: Result<AccountWeDid, ApiFailure>| match result {
        Ok(view) => {
            failure.set(None);
            state.set(Load::Ready(view));
        }
        Err(e) => failure.set(Some(e)),
    };
    view! {
        <section class="card" aria-labelledby="we-did-title" data-testid="we-did">
            <h2 id="we-did-title">{t(Msg::WeDidTitle)}</h2>
            <p class="muted">{t(Msg::WeDidIntro)}</p>
            <ErrorBanner failure=failure />
            {move || show(state.get(), fetch, move |view| {
                let share = view.share.clone();
                let can_review = view.can_review;
                let due = contacts_due(&view.items);
                view! {
                    <p data-testid="we-did-share">
                        {move || i18n::we_did_share(lang.get(), share.answered, share.feedback)}
                    </p>
                    {if view.items.is_empty() {
                        view! { <p class="empty">{t(Msg::WeDidEmpty)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="list">
                                {view.items
                                    .into_iter()
                                    .map(|item| view! { <Item item can_review account_id=id.get_value() changed /> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                    {(can_review && !due.is_empty()).then(|| view! { <SendNow contacts=due account_id=id.get_value() changed /> })}
                }
                    .into_any()
            })}
        </section>
    }
}

/// The contacts with approved items not yet told them: `(id, name)`.
fn contacts_due(items: &[WeDidItem]) -> Vec<(String, String)> {
    let mut due: Vec<(String, String)> = Vec::new();
    for item in items.iter().filter(|i| i.due_for(&i.contact_id, i.language)) {
        if !due.iter().any(|(id, _)| *id == item.contact_id) {
            due.push((item.contact_id.clone(), item.contact_name.clone()));
        }
    }
    due
}

fn source_name(source: WeDidSource) -> Msg {
    match source {
        WeDidSource::ClosedCase => Msg::WeDidClosedCase,
        WeDidSource::DoneAction => Msg::WeDidDoneAction,
        WeDidSource::DoneInitiative => Msg::WeDidDoneInitiative,
    }
}

fn status_name(status: WeDidStatus) -> Msg {
    match status {
        WeDidStatus::Proposed => Msg::WeDidProposed,
        WeDidStatus::Approved => Msg::WeDidApproved,
        WeDidStatus::LeftOut => Msg::WeDidLeftOut,
    }
}

fn channel_name(channel: ToldChannel) -> Msg {
    match channel {
        ToldChannel::Survey => Msg::WeDidToldSurvey,
        ToldChannel::Invitation => Msg::WeDidToldInvitation,
        ToldChannel::Email => Msg::WeDidToldEmail,
    }
}

#[component]
fn Item(
    item: WeDidItem,
    can_review: bool,
    account_id: String,
    changed: impl Fn(Result<AccountWeDid, ApiFailure>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let text = RwSignal::new(item.text.clone());
    let busy = RwSignal::new(false);
    let ids = StoredValue::new((account_id, item.id.clone()));
    let decide = move |status: WeDidStatus| {
        busy.set(true);
        let input = ReviewInput {
            text: text.get_untracked(),
            status,
        };
        spawn_local(async move {
            let (account, item) = ids.get_value();
            changed(api::review_we_did(&account, &item, &input).await);
            busy.set(false);
        });
    };
    let told = item.told.clone();
    let done_at = item.done_at;
    let contact_language = item.language;
    view! {
        <li class="row we-did-item" data-testid="we-did-item">
            <p>
                <strong>{t(source_name(item.source))}</strong>
                " · "
                {item.contact_name.clone()}
                " ("
                {contact_language.native_name()}
                ") · "
                {move || i18n::date_time(lang.get(), &done_at)}
                " "
                <span class="tag" data-testid="we-did-status">{t(status_name(item.status))}</span>
            </p>
            {if can_review {
                view! { <Texts text contact_language /> }.into_any()
            } else {
                let text = item.text.clone();
                view! {
                    <p><q>{text.said.get(contact_language).to_string()}</q></p>
                    <p>{text.did.get(contact_language).to_string()}</p>
                }
                    .into_any()
            }}
            {can_review.then(|| view! {
                <div class="actions">
                    <button type="button" class="button" disabled=move || busy.get() on:click=move |_| decide(WeDidStatus::Approved)>
                        {t(Msg::WeDidApprove)}
                    </button>
                    <button type="button" class="button secondary" disabled=move || busy.get() on:click=move |_| decide(WeDidStatus::LeftOut)>
                        {t(Msg::WeDidLeaveOut)}
                    </button>
                    <button type="button" class="button secondary" disabled=move || busy.get() on:click=move |_| decide(WeDidStatus::Proposed)>
                        {t(Msg::WeDidSaveDraft)}
                    </button>
                </div>
            })}
            {(!told.is_empty()).then(|| view! {
                <ul class="we-did-told" data-testid="we-did-told">
                    {told
                        .into_iter()
                        .map(|told| {
                            let at = told.told_at;
                            view! {
                                <li>
                                    {move || i18n::we_did_told(lang.get(), &told.contact_name, channel_name(told.channel).text(lang.get()), &i18n::date_time(lang.get(), &at))}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            })}
        </li>
    }
}

/// The four texts, the contact's language first.
#[component]
fn Texts(text: RwSignal<WeDidText>, contact_language: Lang) -> impl IntoView {
    let other = if contact_language == Lang::Fi {
        Lang::En
    } else {
        Lang::Fi
    };
    view! {
        <div class="we-did-texts">
            {[contact_language, other]
                .into_iter()
                .map(|language| {
                    view! {
                        <fieldset lang=language.code()>
                            <legend>{language.native_name()}</legend>
                            <label>
                                {t(Msg::WeDidSaid)}
                                <textarea
                                    name=format!("said_{}", language.code())
                                    prop:value=move || text.with(|t| t.said.get(language).to_string())
                                    on:input=move |ev| {
                                        let value = event_target_value(&ev);
                                        text.update(|t| set(&mut t.said, language, value));
                                    }
                                ></textarea>
                            </label>
                            <label>
                                {t(Msg::WeDidDid)}
                                <textarea
                                    name=format!("did_{}", language.code())
                                    prop:value=move || text.with(|t| t.did.get(language).to_string())
                                    on:input=move |ev| {
                                        let value = event_target_value(&ev);
                                        text.update(|t| set(&mut t.did, language, value));
                                    }
                                ></textarea>
                            </label>
                        </fieldset>
                    }
                })
                .collect_view()}
        </div>
    }
}

fn set(text: &mut kaiku_core::survey::Localized, language: Lang, value: String) {
    match language {
        Lang::Fi => text.fi = value,
        Lang::En => text.en = value,
    }
}

/// Tell a contact at once, by email, after a confirmation.
#[component]
fn SendNow(
    contacts: Vec<(String, String)>,
    account_id: String,
    changed: impl Fn(Result<AccountWeDid, ApiFailure>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let busy = RwSignal::new(false);
    let account = StoredValue::new(account_id);
    view! {
        <div class="actions" data-testid="we-did-send">
            {contacts
                .into_iter()
                .map(|(contact_id, name)| {
                    let label = name.clone();
                    let send = move |_| {
                        if !browser::confirm(&i18n::we_did_confirm_send(lang.get_untracked(), &name)) {
                            return;
                        }
                        busy.set(true);
                        let input = SendNowInput {
                            contact_id: contact_id.clone(),
                        };
                        spawn_local(async move {
                            changed(api::send_we_did(&account.get_value(), &input).await);
                            busy.set(false);
                        });
                    };
                    view! {
                        <button type="button" class="button secondary" disabled=move || busy.get() on:click=send>
                            {move || i18n::we_did_send(lang.get(), &label)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
