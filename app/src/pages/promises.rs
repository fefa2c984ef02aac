//! `/promises`: the broken promises alerted to the caller (the promise as written
//! beside the customer's words, and the case it is on), and the chain review —
//! per phase and aspect, promises kept and broken with the accounts and quotes
//! behind them, by segment and seller (leaders and admins; a seller their own).

use kaiku_core::promise::{ChainReview, ChainRow, PromiseAlert};
use kaiku_core::{ErrorCode, Stage};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, label, t, use_lang};
use crate::pages::account::promises::status_class;
use crate::state::page_title;

#[component]
pub fn PromisesPage() -> impl IntoView {
    page_title(Msg::NavPromises);
    let alerts = RwSignal::new(Load::<Vec<PromiseAlert>>::Loading);
    let fetch = move || load(alerts, api::promise_alerts());
    fetch();
    view! {
        <h1 class="page-title">{t(Msg::NavPromises)}</h1>
        <section class="card" aria-labelledby="alerts-title" data-testid="promise-alerts">
            <h2 id="alerts-title">{t(Msg::PromiseAlertsTitle)}</h2>
            {move || show(alerts.get(), fetch, |list| {
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::PromiseAlertsEmpty)}</p> }.into_any();
                }
                view! { <ul class="list">{list.into_iter().map(|a| view! { <Alert alert=a /> }).collect_view()}</ul> }
                    .into_any()
            })}
        </section>
        <Review />
    }
}

#[component]
fn Alert(alert: PromiseAlert) -> impl IntoView {
    let lang = use_lang();
    let aspect = alert.aspect.clone();
    let by = alert.promised_by.name.clone();
    let at = alert.promised_at;
    let previous = alert.previous.map(|p| format!("{p:.1} → ")).unwrap_or_default();
    view! {
        <li class="row" data-testid="promise-alert">
            <A href=format!("/accounts/{}", alert.account.id)>{alert.account.name.clone()}</A>
            " · "
            <strong>{move || i18n::aspect_text(lang.get(), &aspect)}</strong>
            " · "
            <span class="tag tag-danger">{format!("{previous}{:.1}", alert.fulfilment)}</span>
            " "
            {t(i18n::breach_reason_name(alert.reason))}
            <p class="verbatim" data-testid="promise-text">{alert.what.clone()}</p>
            {alert.commitment.clone().map(|c| view! { <p><em>{c}</em></p> })}
            <p class="muted">{move || i18n::promised_by(lang.get(), &by, at)}</p>
            <p>
                {t(if alert.by_team { Msg::PromiseTheTeamSaid } else { Msg::PromiseTheCustomerSaid })}
                " (" {alert.contact_name.clone()} "):"
            </p>
            {alert
                .customer_words
                .into_iter()
                .map(|w| view! { <p class="verbatim" data-testid="customer-words">{w}</p> })
                .collect_view()}
            {alert.case.map(|case| view! { <A href=format!("/cases/{case}")>{t(Msg::PromiseOnCase)}</A> })}
        </li>
    }
}

/// The review's filter as a query string.
fn query(segment: &str, seller: &str) -> String {
    let mut parts = Vec::new();
    if !segment.is_empty() {
        parts.push(format!("segment={}", js_sys::encode_uri_component(segment)));
    }
    if !seller.is_empty() {
        parts.push(format!("seller={}", js_sys::encode_uri_component(seller)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The chain review; a person who may not see it (a member who recorded no promise)
/// is shown nothing rather than an error.
#[component]
fn Review() -> impl IntoView {
    let segment = RwSignal::new(String::new());
    let seller = RwSignal::new(String::new());
    let review = RwSignal::new(Load::<ChainReview>::Loading);
    // The filters' choices come from the unfiltered review.
    let choices = RwSignal::new(None::<ChainReview>);
    let fetch = move || {
        let q = query(&segment.get_untracked(), &seller.get_untracked());
        load(review, async move { api::promise_review(&q).await })
    };
    fetch();
    Effect::new(move |_| {
        if let Load::Ready(r) = review.get()
            && choices.with_untracked(Option::is_none)
        {
            choices.set(Some(r));
        }
    });
    let forbidden = move || review.with(|r| matches!(r, Load::Failed(f) if f.code() == Some(ErrorCode::Forbidden)));
    view! {
        <Show when=move || !forbidden()>
            <section class="card" aria-labelledby="chain-title" data-testid="chain-review">
                <h2 id="chain-title">{t(Msg::ChainTitle)}</h2>
                {move || choices.get().map(|c| {
                    view! {
                        <div class="filters">
                            <label>
                                {t(Msg::ChainSegment)}
                                <select name="segment" on:change=move |ev| { segment.set(event_target_value(&ev)); fetch(); }>
                                    <option value="">{t(Msg::ChainAllSegments)}</option>
                                    {c.segments.into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                                </select>
                            </label>
                            <label>
                                {t(Msg::ChainSeller)}
                                <select name="seller" on:change=move |ev| { seller.set(event_target_value(&ev)); fetch(); }>
                                    <option value="">{t(Msg::ChainAllSellers)}</option>
                                    {c.sellers.into_iter().map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> }).collect_view()}
                                </select>
                            </label>
                        </div>
                    }
                })}
                {move || show(review.get(), fetch, |r| {
                    if r.rows.is_empty() {
                        return view! { <p class="empty">{t(Msg::ChainEmpty)}</p> }.into_any();
                    }
                    r.rows.into_iter().map(|row| view! { <Row row /> }).collect_view().into_any()
                })}
            </section>
        </Show>
    }
}

#[component]
fn Row(row: ChainRow) -> impl IntoView {
    let lang = use_lang();
    let aspect = row.aspect.clone();
    let (kept, broken, pending) = (row.kept, row.broken, row.not_yet_rated);
    view! {
        <div class="chain-row" data-testid="chain-row">
            <h3>
                {label(row.phase, Stage::label)}
                " · "
                {move || i18n::aspect_text(lang.get(), &aspect)}
            </h3>
            <p data-testid="chain-counts">{move || i18n::chain_counts(lang.get(), kept, broken, pending)}</p>
            <ul class="list">
                {row.items.into_iter().map(|item| view! {
                    <li class="row">
                        <A href=format!("/accounts/{}", item.account.id)>{item.account.name.clone()}</A>
                        " · "
                        <span class=status_class(item.status)>{t(i18n::promise_status_name(item.status))}</span>
                        {item.fulfilment.map(|f| format!(" {f:.1}/5"))}
                        " · "
                        {item.promised_by.name.clone()}
                        <p class="verbatim">{item.what.clone()}</p>
                        {item.quotes.into_iter().map(|q| view! { <p class="verbatim muted">{q}</p> }).collect_view()}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}
