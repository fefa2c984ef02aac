//! `/digest?month=2026-11`: the team's month (`kaiku_core::digest`) — initiatives
//! started and done, what customers praised most, what recurs with no initiative on
//! it yet. The same as the monthly email; any month since the organisation began.

use kaiku_core::Lang;
use kaiku_core::digest::{DigestInitiative, Praise, Recurring, TeamDigest, month_name};
use kaiku_core::evidence::Month;
use kaiku_core::initiative::Topic;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::fill;
use crate::i18n::{self, Msg, t, use_lang};
use crate::pages::initiatives::topic_text;
use crate::state::page_title;

#[component]
pub fn DigestPage() -> impl IntoView {
    page_title(Msg::DigestTitle);
    let query = use_query_map();
    let month = Memo::new(move |_| query.with(|q| q.get("month")));
    let digest = RwSignal::new(Load::<TeamDigest>::Loading);
    let fetch = move || load(digest, api::team_digest(month.get_untracked()));
    Effect::new(move |_| {
        month.track();
        fetch();
    });
    view! {
        <h1 class="page-title">{t(Msg::DigestTitle)}</h1>
        <p class="muted">{t(Msg::DigestIntro)}</p>
        <div aria-live="polite">
            {move || show(digest.get(), fetch, |digest| view! { <Digest digest /> }.into_any())}
        </div>
    }
}

/// "marraskuu 2026" for a `2026-11` label.
fn month_text(lang: Lang, label: &str) -> String {
    Month::parse(label).map_or_else(|| label.to_string(), |month| month_name(month, lang))
}

#[component]
fn Digest(digest: TeamDigest) -> impl IntoView {
    let lang = use_lang();
    let TeamDigest {
        month,
        previous,
        next,
        answers,
        started,
        done,
        praised,
        recurring,
    } = digest;
    let answers = answers.to_string();
    let link = |label: Option<String>, msg: Msg, rel: &'static str| {
        label.map(|label| {
            let shown = label.clone();
            view! {
                <A href=format!("/digest?month={label}") {..} rel=rel>
                    {move || fill(lang.get(), msg, &[("month", &month_text(lang.get(), &shown))])}
                </A>
            }
        })
    };
    view! {
        <nav class="digest-months" aria-label=t(Msg::DigestMonths)>
            {link(previous, Msg::DigestPrevious, "prev")}
            <h2 data-testid="digest-month">{move || month_text(lang.get(), &month)}</h2>
            {link(next, Msg::DigestNext, "next")}
        </nav>
        <p data-testid="digest-answers">{move || fill(lang.get(), Msg::DigestAnswers, &[("n", &answers)])}</p>
        <div class="home-grid">
            <Initiatives title=Msg::DigestStarted empty=Msg::DigestNoneStarted id="digest-started" list=started />
            <Initiatives title=Msg::DigestDone empty=Msg::DigestNoneDone id="digest-done" list=done />
            <PraisedMost praised />
            <RecurringTopics recurring />
        </div>
    }
}

#[component]
fn Section(title: Msg, id: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby=id data-testid=id>
            <h2 id=id>{t(title)}</h2>
            {children()}
        </section>
    }
}

#[component]
fn Initiatives(title: Msg, empty: Msg, id: &'static str, list: Vec<DigestInitiative>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Section title id>
            {list.is_empty().then(|| view! { <p class="empty">{t(empty)}</p> })}
            <ul class="rows">
                {list
                    .into_iter()
                    .map(|initiative| {
                        let owner = initiative.owner.map(|o| o.name);
                        let topics = initiative.topics;
                        view! {
                            <li class="row">
                                <A href=format!("/initiatives/{}", initiative.id) {..} class="row-title">
                                    {initiative.title}
                                </A>
                                <span class="row-sub">
                                    {owner.map(|name| view! { {t(Msg::InitiativeOwner)} ": " {name} " · " })}
                                    {move || topics_text(lang.get(), &topics)}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </Section>
    }
}

fn topics_text(lang: Lang, topics: &[Topic]) -> String {
    topics
        .iter()
        .map(|topic| topic_text(lang, topic))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn PraisedMost(praised: Vec<Praise>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Section title=Msg::DigestPraised id="digest-praised">
            {praised.is_empty().then(|| view! { <p class="empty">{t(Msg::DigestNonePraised)}</p> })}
            <ul class="rows">
                {praised
                    .into_iter()
                    .map(|praise| {
                        let counts = [praise.mentions.to_string(), praise.accounts.to_string()];
                        let theme = Topic::theme(&praise.theme);
                        view! {
                            <li class="row">
                                <span class="row-title">{move || topic_text(lang.get(), &theme)}</span>
                                <span class="row-sub">
                                    {move || fill(lang.get(), Msg::DigestPraiseCounts, &[("n", &counts[0]), ("accounts", &counts[1])])}
                                </span>
                                {praise.quote.map(|quote| view! {
                                    <blockquote class="verbatim">{quote.text}</blockquote>
                                    <span class="muted">"— " {quote.by}</span>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </Section>
    }
}

#[component]
fn RecurringTopics(recurring: Vec<Recurring>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Section title=Msg::DigestRecurring id="digest-recurring">
            {recurring.is_empty().then(|| view! { <p class="empty">{t(Msg::DigestNoneRecurring)}</p> })}
            <ul class="rows">
                {recurring
                    .into_iter()
                    .map(|item| {
                        let accounts = item.accounts.to_string();
                        let risk = item.revenue_at_risk_eur;
                        let topic = item.topic;
                        view! {
                            <li class="row">
                                <span class="row-title">{move || topic_text(lang.get(), &topic)}</span>
                                <span class="row-sub">
                                    {move || fill(lang.get(), Msg::InitiativeAccounts, &[("n", &accounts)])} " · "
                                    {move || fill(lang.get(), Msg::InitiativeAtRisk, &[("eur", &i18n::euros(lang.get(), risk))])}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </Section>
    }
}
