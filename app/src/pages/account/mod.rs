//! `/accounts/:id`: one account — its facts, contacts, feedback cycle, survey rounds
//! and the answers that came back.

mod actions;
mod contacts;
mod counter_feedback;
mod cycle;
mod health;
mod responses;
mod rounds;

use kaiku_core::account::{AccountView, ContactView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiFailure};
use crate::app::page_title;
use crate::browser;
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, stage_name, t, use_lang};
use crate::offline::cache::fresh_or_cached_value;

#[component]
pub fn AccountPage() -> impl IntoView {
    page_title(Msg::AccountsTitle);
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let account = RwSignal::new(Load::<AccountView>::Loading);
    Effect::new(move |_| {
        let id = id.get();
        load(account, async move {
            fresh_or_cached_value(&format!("account:{id}"), api::account(&id)).await
        });
    });
    view! {
        {move || show(
            account.get(),
            move || {
                let id = id.get_untracked();
                load(account, async move { fresh_or_cached_value(&format!("account:{id}"), api::account(&id)).await })
            },
            move |loaded| view! { <AccountDetails loaded account /> }.into_any(),
        )}
    }
}

#[component]
fn AccountDetails(loaded: AccountView, account: RwSignal<Load<AccountView>>) -> impl IntoView {
    let lang = use_lang();
    let id = loaded.id.clone();
    let contacts = RwSignal::new(Load::<Vec<ContactView>>::Loading);
    let rounds_changed = RwSignal::new(0u32);
    {
        let id = id.clone();
        load(contacts, async move { api::contacts(&id).await });
    }
    let value = loaded.annual_value_eur;
    let start = loaded.start_date;
    let end = loaded.end_date;
    let team: Vec<String> = loaded.team.iter().map(|p| p.name.clone()).collect();
    view! {
        <div class="page-head">
            <h1 class="page-title">{loaded.name.clone()}</h1>
            {loaded.archived.then(|| view! { <span class="tag tag-muted">{t(Msg::Archived)}</span> })}
        </div>
        <section class="card" aria-labelledby="facts-heading">
            <h2 id="facts-heading">{t(Msg::AccountFacts)}</h2>
            <dl class="facts">
                <div>
                    <dt>{t(Msg::FieldStage)}</dt>
                    <dd>{t(stage_name(loaded.stage))}</dd>
                </div>
                <div>
                    <dt>{t(Msg::FieldAnnualValue)}</dt>
                    <dd>{move || i18n::euros(lang.get(), value)}</dd>
                </div>
                <div>
                    <dt>{t(Msg::FieldSegments)}</dt>
                    <dd>{loaded.segments.join(", ")}</dd>
                </div>
                <div>
                    <dt>{t(Msg::FieldLead)}</dt>
                    <dd>{loaded.lead.as_ref().map_or_else(|| "—".to_string(), |l| l.name.clone())}</dd>
                </div>
                <div>
                    <dt>{t(Msg::FieldTeam)}</dt>
                    <dd>{if team.is_empty() { "—".to_string() } else { team.join(", ") }}</dd>
                </div>
                <div>
                    <dt>{t(Msg::AccountPeriod)}</dt>
                    <dd>
                        {move || i18n::day(lang.get(), start)} " – "
                        {move || end.map(|e| i18n::day(lang.get(), e)).unwrap_or_default()}
                    </dd>
                </div>
            </dl>
            {(!loaded.notes.is_empty()).then(|| view! { <p class="notes">{loaded.notes.clone()}</p> })}
            {loaded.can_manage.then(|| view! { <ManageAccount loaded=loaded.clone() account /> })}
        </section>
        <health::AccountHealth account_id=id.clone() rounds_changed />
        <contacts::Contacts account_id=id.clone() contacts />
        <cycle::Cycle
            account_id=id.clone()
            account_name=loaded.name.clone()
            can_edit=loaded.can_manage && !loaded.archived
            archived=loaded.archived
            contacts
            rounds_changed
        />
        <rounds::Rounds account_id=id.clone() stage=loaded.stage archived=loaded.archived contacts rounds_changed />
        <responses::Responses account_id=id.clone() rounds_changed />
        <counter_feedback::CounterFeedback account_id=id.clone() archived=loaded.archived />
        <actions::Actions account_id=id />
    }
}

/// Edit and archive/restore, for those who may manage the account.
#[component]
fn ManageAccount(loaded: AccountView, account: RwSignal<Load<AccountView>>) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);
    let archived = loaded.archived;
    let id = loaded.id.clone();
    let name = loaded.name.clone();
    let toggle = move |_| {
        if !archived && !browser::confirm(&i18n::confirm_archive(lang.get_untracked(), &name)) {
            return;
        }
        let id = id.clone();
        busy.set(true);
        spawn_local(async move {
            match api::set_account_archived(&id, !archived).await {
                Ok(updated) => account.set(Load::Ready(updated)),
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    view! {
        <ErrorBanner failure=failure />
        <div class="form-actions">
            <A href=format!("/accounts/{}/edit", loaded.id) {..} class="button">
                {t(Msg::AccountEdit)}
            </A>
            <button type="button" class="button" class:button-danger=!archived disabled=move || busy.get() on:click=toggle>
                {t(if archived { Msg::Restore } else { Msg::Archive })}
            </button>
        </div>
    }
}
