//! `/initiatives`: a new initiative by hand and the suggestions (leaders and admins:
//! take up or dismiss) and the initiatives ranked by the revenue at risk of the
//! accounts they touch; members read. `/initiatives/:id` is
//! [`initiative::InitiativePage`].

mod form;
mod initiative;
mod suggestions;

use kaiku_core::ChurnCause;
use kaiku_core::Lang;
use kaiku_core::initiative::{InitiativeStatus, InitiativeSummary, Topic, TopicKind, Verdict};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::fill;
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::{page_title, use_app};

pub use initiative::InitiativePage;

pub fn status_name(status: InitiativeStatus) -> Msg {
    match status {
        InitiativeStatus::Proposed => Msg::InitiativeStatusProposed,
        InitiativeStatus::Planned => Msg::InitiativeStatusPlanned,
        InitiativeStatus::InProgress => Msg::InitiativeStatusInProgress,
        InitiativeStatus::Done => Msg::InitiativeStatusDone,
        InitiativeStatus::Dropped => Msg::InitiativeStatusDropped,
    }
}

fn status_class(status: InitiativeStatus) -> &'static str {
    match status {
        InitiativeStatus::Done => "tag",
        InitiativeStatus::Dropped => "tag tag-muted",
        InitiativeStatus::InProgress => "tag tag-warning",
        InitiativeStatus::Proposed | InitiativeStatus::Planned => "tag",
    }
}

pub fn verdict_name(verdict: Verdict) -> Msg {
    match verdict {
        Verdict::Waiting => Msg::VerdictWaiting,
        Verdict::Worked => Msg::VerdictWorked,
        Verdict::NoChange => Msg::VerdictNoChange,
        Verdict::TooLittleData => Msg::VerdictTooLittleData,
    }
}

/// "Theme: Reporting", "Churn cause: Customer's voice lost inside the firm".
pub fn topic_text(lang: Lang, topic: &Topic) -> String {
    match topic.kind {
        TopicKind::Theme => format!(
            "{}: {}",
            Msg::TopicTheme.text(lang),
            kaiku_core::analysis::theme_name(&topic.key, &[], lang)
        ),
        TopicKind::Cause => format!(
            "{}: {}",
            Msg::TopicCause.text(lang),
            ChurnCause::from_code(&topic.key).map_or(topic.key.as_str(), |c| c.label(lang))
        ),
    }
}

#[component]
pub fn InitiativesPage() -> impl IntoView {
    page_title(Msg::InitiativesTitle);
    let app = use_app();
    let manages = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().is_some_and(|s| s.user.role.sees_all_accounts()))
    });
    let list = RwSignal::new(Load::<Vec<InitiativeSummary>>::Loading);
    let fetch = move || load(list, api::initiatives());
    fetch();
    view! {
        <h1 class="page-title">{t(Msg::InitiativesTitle)}</h1>
        <p class="muted">{t(Msg::InitiativesIntro)}</p>
        <Show when=move || manages.get()>
            <NewInitiative />
            <suggestions::Suggestions />
        </Show>
        <section class="card" aria-labelledby="initiatives-list" aria-live="polite">
            <h2 id="initiatives-list">{t(Msg::InitiativesList)}</h2>
            {move || show(list.get(), fetch, |list| view! { <InitiativeList list /> }.into_any())}
        </section>
    }
}

/// "New initiative", which opens the form; saved, it goes to the new initiative's page.
#[component]
fn NewInitiative() -> impl IntoView {
    let open = RwSignal::new(false);
    let navigate = use_navigate();
    let saved = Callback::new(move |view: kaiku_core::initiative::InitiativeView| {
        navigate(&format!("/initiatives/{}", view.summary.id), Default::default());
    });
    let closed = Callback::new(move |()| open.set(false));
    view! {
        <Show
            when=move || open.get()
            fallback=move || view! {
                <p>
                    <button type="button" class="button button-primary" data-testid="initiative-new" on:click=move |_| open.set(true)>
                        {t(Msg::InitiativeNew)}
                    </button>
                </p>
            }
        >
            <section class="card" aria-labelledby="initiative-new">
                <h2 id="initiative-new">{t(Msg::InitiativeNew)}</h2>
                <form::InitiativeForm initial=form::blank() on_saved=saved on_cancel=closed />
            </section>
        </Show>
    }
}

#[component]
fn InitiativeList(list: Vec<InitiativeSummary>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="empty" data-testid="initiatives-empty">{t(Msg::InitiativesEmpty)}</p> }.into_any();
    }
    view! {
        <ul class="rows">
            {list.into_iter().map(|initiative| view! { <InitiativeRow initiative /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn InitiativeRow(initiative: InitiativeSummary) -> impl IntoView {
    let lang = use_lang();
    let accounts = initiative.accounts.to_string();
    let risk = initiative.revenue_at_risk_eur;
    let owner = initiative.owner.clone().map(|o| o.name);
    let topics = initiative.topics.clone();
    view! {
        <li class="row" class:row-inactive=initiative.status.is_final() data-testid="initiative-row">
            <div class="row-main">
                <A href=format!("/initiatives/{}", initiative.id) {..} class="row-title">
                    {initiative.title.clone()}
                </A>
                <span class="row-sub">
                    {move || fill(lang.get(), Msg::InitiativeAccounts, &[("n", &accounts)])} " · "
                    {move || fill(lang.get(), Msg::InitiativeAtRisk, &[("eur", &i18n::euros(lang.get(), risk))])} " · "
                    {t(Msg::InitiativeOwner)} ": "
                    {move || owner.clone().unwrap_or_else(|| Msg::InitiativeNoOwner.text(lang.get()).to_string())}
                </span>
                <span class="tags">
                    <span class=status_class(initiative.status) data-testid="initiative-status">{t(status_name(initiative.status))}</span>
                    {topics.into_iter().map(|topic| view! { <span class="tag">{move || topic_text(lang.get(), &topic)}</span> }).collect_view()}
                </span>
            </div>
        </li>
    }
}
