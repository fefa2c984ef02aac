use kaiku_core::Stage;
use std::collections::HashMap;

use kaiku_core::account::AccountView;
use kaiku_core::health::RiskBand;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api;
use crate::components::health_summary::HealthSummary;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, label, t, use_lang};
use crate::offline::cache::fresh_or_cached_value;
use crate::pages::account_import::AccountImport;
use crate::state::{page_title, use_app};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Name,
    Value,
    Stage,
}

/// What the list is narrowed to. Empty strings mean "any".
#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    search: String,
    segment: String,
    stage: String,
    lead: String,
}

impl Filter {
    fn keeps(&self, account: &AccountView) -> bool {
        let search = self.search.trim().to_lowercase();
        (search.is_empty() || account.name.to_lowercase().contains(&search))
            && (self.segment.is_empty() || account.segments.contains(&self.segment))
            && (self.stage.is_empty() || account.stage.code() == self.stage)
            && (self.lead.is_empty() || account.lead.as_ref().is_some_and(|l| l.id == self.lead))
    }
}

fn sorted(mut accounts: Vec<AccountView>, by: SortBy) -> Vec<AccountView> {
    match by {
        SortBy::Name => accounts.sort_by_key(|a| a.name.to_lowercase()),
        SortBy::Value => accounts.sort_by_key(|a| std::cmp::Reverse(a.annual_value_eur)),
        SortBy::Stage => accounts.sort_by_key(|a| Stage::ALL.iter().position(|s| *s == a.stage)),
    }
    accounts
}

/// Each account's health score and risk band, by account id, as the heatmap has them
/// (archived accounts have none).
type Scores = HashMap<String, (Option<f64>, Option<RiskBand>)>;

/// `/accounts`: the accounts the user works on (all of them for admins and leaders),
/// with each one's health and risk, searchable, sortable and filterable.
#[component]
pub fn AccountsPage() -> impl IntoView {
    page_title(Msg::AccountsTitle);
    let app = use_app();
    let can_create = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().is_some_and(|s| s.user.role.sees_all_accounts()))
    });
    let include_archived = RwSignal::new(false);
    let accounts = RwSignal::new(Load::<Vec<AccountView>>::Loading);
    // Kept on the device, so the list opens offline.
    let fetch = move |archived: bool| {
        load(accounts, async move {
            fresh_or_cached_value(&format!("accounts:{archived}"), api::accounts(archived)).await
        })
    };
    Effect::new(move |_| fetch(include_archived.get()));
    // The scores come from the heatmap; without it (offline) the list shows none.
    let scores = RwSignal::new(Scores::new());
    spawn_local(async move {
        if let Ok(heatmap) = api::heatmap().await {
            scores.set(
                heatmap
                    .rows
                    .into_iter()
                    .map(|r| (r.account, (r.current.health, r.current.band)))
                    .collect(),
            );
        }
    });

    view! {
        <div class="page-head">
            <h1 class="page-title">{t(Msg::AccountsTitle)}</h1>
            <Show when=move || can_create.get()>
                <A href="/accounts/new" {..} class="button button-primary">
                    {t(Msg::AccountNew)}
                </A>
            </Show>
        </div>
        <Show when=move || can_create.get()>
            <AccountImport imported=Callback::new(move |_| fetch(include_archived.get_untracked())) />
        </Show>
        {move || show(
            accounts.get(),
            move || fetch(include_archived.get_untracked()),
            move |list| view! { <AccountList list include_archived scores /> }.into_any(),
        )}
    }
}

#[component]
fn AccountList(list: Vec<AccountView>, include_archived: RwSignal<bool>, scores: RwSignal<Scores>) -> impl IntoView {
    let lang = use_lang();
    let filter = RwSignal::new(Filter::default());
    let sort = RwSignal::new(SortBy::Name);
    let mut segments: Vec<String> = list.iter().flat_map(|a| a.segments.clone()).collect();
    segments.sort_by_key(|s| s.to_lowercase());
    segments.dedup();
    let mut leads: Vec<(String, String)> = list
        .iter()
        .filter_map(|a| a.lead.as_ref().map(|l| (l.id.clone(), l.name.clone())))
        .collect();
    leads.sort_by(|a, b| a.1.cmp(&b.1));
    leads.dedup();
    let total = list.len();
    let shown = Memo::new(move |_| {
        let filter = filter.get();
        sorted(list.iter().filter(|a| filter.keeps(a)).cloned().collect(), sort.get())
    });
    let set = move |apply: fn(&mut Filter, String)| move |ev| filter.update(|f| apply(f, event_target_value(&ev)));

    view! {
        <section class="card" aria-labelledby="accounts-filters">
            <h2 id="accounts-filters" class="visually-hidden">{t(Msg::AccountsFilters)}</h2>
            <div class="filters">
                <div class="field">
                    <label for="account-search">{t(Msg::AccountsSearch)}</label>
                    <input id="account-search" type="search" on:input=set(|f, v| f.search = v) />
                </div>
                <div class="field">
                    <label for="filter-segment">{t(Msg::FieldSegments)}</label>
                    <select id="filter-segment" on:change=set(|f, v| f.segment = v)>
                        <option value="">{t(Msg::FilterAny)}</option>
                        {segments.into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-stage">{t(Msg::FieldStage)}</label>
                    <select id="filter-stage" on:change=set(|f, v| f.stage = v)>
                        <option value="">{t(Msg::FilterAny)}</option>
                        {Stage::ALL.into_iter().map(|s| view! { <option value=s.code()>{label(s, Stage::label)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-lead">{t(Msg::FieldLead)}</label>
                    <select id="filter-lead" on:change=set(|f, v| f.lead = v)>
                        <option value="">{t(Msg::FilterAny)}</option>
                        {leads.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="sort-by">{t(Msg::SortBy)}</label>
                    <select
                        id="sort-by"
                        on:change=move |ev| sort.set(match event_target_value(&ev).as_str() {
                            "value" => SortBy::Value,
                            "stage" => SortBy::Stage,
                            _ => SortBy::Name,
                        })
                    >
                        <option value="name">{t(Msg::FieldName)}</option>
                        <option value="value">{t(Msg::FieldAnnualValue)}</option>
                        <option value="stage">{t(Msg::FieldStage)}</option>
                    </select>
                </div>
                <label class="check">
                    <input type="checkbox" bind:checked=include_archived />
                    {t(Msg::AccountsShowArchived)}
                </label>
            </div>
            <p class="muted" role="status">{move || i18n::accounts_shown(lang.get(), shown.with(Vec::len), total)}</p>
            {move || {
                if total == 0 {
                    view! { <p class="empty">{t(Msg::AccountsEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="rows">
                            <For each=move || shown.get() key=|a| a.id.clone() let:account>
                                <AccountRow account scores />
                            </For>
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn AccountRow(account: AccountView, scores: RwSignal<Scores>) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/accounts/{}", account.id);
    let id = account.id.clone();
    let score = move || scores.with(|s| s.get(&id).copied());
    let value = account.annual_value_eur;
    view! {
        <li class="row" class:row-inactive=account.archived data-testid="account-row">
            <div class="row-main">
                <A href=href.clone() {..} class="row-title">
                    {account.name.clone()}
                </A>
                <span class="row-sub">
                    {label(account.stage, Stage::label)} " · " {move || i18n::euros(lang.get(), value)}
                    {account.lead.map(|lead| view! { " · " {t(Msg::FieldLead)} ": " {lead.name} })}
                </span>
                <span class="tags">
                    {move || score().map(|(health, band)| view! { <HealthSummary health band /> })}
                    {account.segments.into_iter().map(|s| view! { <span class="tag">{s}</span> }).collect_view()}
                    {account.archived.then(|| view! { <span class="tag tag-muted">{t(Msg::Archived)}</span> })}
                </span>
            </div>
        </li>
    }
}
