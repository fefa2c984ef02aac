use chrono::Utc;
use kaiku_core::account::AccountView;
use kaiku_core::counterfeedback::{ActionSource, CounterFeedbackRequestView, FollowUpSettings};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::give::{FormUntilSent, Sent, open_points};
use crate::api::{self, ApiFailure};
use crate::components::due::Due;
use crate::components::load::{Load, load, refresh, show};
use crate::components::response::ResponseCard;
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::cache::{as_of_text, fresh_or_cached, fresh_or_cached_value};
use crate::offline::sync::use_sync;
use crate::state::page_title;

/// Both halves of the page, from the server or the device's copy, and the
/// organisation's follow-up days for the due date (left out if never fetched).
#[derive(Clone, PartialEq)]
struct Loaded {
    request: CounterFeedbackRequestView,
    account: AccountView,
    follow_up: Option<FollowUpSettings>,
    /// The account's open development points, this answer's at least.
    points: Vec<ActionSource>,
    as_of: Option<chrono::DateTime<chrono::Utc>>,
}

async fn fetch(id: String) -> Result<Loaded, ApiFailure> {
    let request = fresh_or_cached(&format!("request:{id}"), api::counter_feedback_request(&id)).await?;
    let account_id = request.value.account.id.clone();
    let account = fresh_or_cached(&format!("account:{account_id}"), api::account(&account_id)).await?;
    let follow_up = fresh_or_cached_value("settings:follow-up", api::follow_up_settings())
        .await
        .ok();
    let own = request
        .value
        .development_points
        .iter()
        .map(|point| ActionSource {
            link_id: request.value.response.link_id.clone(),
            point: point.clone(),
        })
        .collect();
    let points = open_points(&account_id, own).await;
    Ok(Loaded {
        points,
        as_of: request.as_of.or(account.as_of),
        request: request.value,
        account: account.value,
        follow_up,
    })
}

/// `/requests/:id`: the account (a link to it), when the answer is due and who on the
/// team already answered, the customer's answer verbatim with the development points
/// marked, then the counter-feedback form. Fetched again after every sync, so a copy
/// from the device gives way to the server's and an answer sent from here shows as sent.
#[component]
pub fn RequestPage() -> impl IntoView {
    page_title(Msg::RequestTitle);
    let lang = use_lang();
    let sync = use_sync();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let loaded = RwSignal::new(Load::<Loaded>::Loading);
    let reload = move || load(loaded, fetch(id.get_untracked()));
    Effect::new(move |_| {
        id.track();
        reload();
    });
    Effect::new(move |before: Option<u64>| {
        let synced = sync.synced().get();
        if before.is_some() {
            refresh(loaded, fetch(id.get_untracked()));
        }
        synced
    });
    view! {
        {move || show(loaded.get(), reload, move |Loaded { request, account, follow_up, points, as_of }| {
            let due = follow_up
                .filter(|_| request.answered_at.is_none())
                .map(|settings| settings.answer_due(request.created_at));
            let answered_by: Vec<String> = request.answered_by.iter().map(|p| p.name.clone()).collect();
            let (account_id, name) = (account.id.clone(), account.name.clone());
            view! {
                <h1>
                    {t(Msg::RequestTitle)} ": "
                    <A href=format!("/accounts/{account_id}") {..} data-testid="request-account">
                        {name}
                    </A>
                </h1>
                {as_of.map(|at| view! { <p class="banner banner-info" role="status" data-testid="request-as-of">{move || as_of_text(lang.get(), &at)}</p> })}
                <p class="meta">
                    {request.response.contact_name.clone()}
                    {due.map(|at| {
                        let late = at < Utc::now();
                        view! { " · " <Due at late /> }
                    })}
                </p>
                {(!answered_by.is_empty()).then(|| view! {
                    <p class="muted" data-testid="request-answered-by">
                        {move || i18n::colleagues_answered(lang.get(), &answered_by)}
                    </p>
                })}
                <section class="card" aria-labelledby="said-heading">
                    <h2 id="said-heading">{t(Msg::RequestCustomerSaid)}</h2>
                    <ResponseCard response=request.response.clone() highlight=request.development_points.clone() />
                </section>
                <section class="card" aria-labelledby="cf-heading">
                    <h2 id="cf-heading">{t(Msg::RequestYourView)}</h2>
                    {match request.answered_at {
                        Some(_) => view! { <Sent account_id=account.id.clone() /> }.into_any(),
                        None => view! { <FormUntilSent account request=Some(request.id.clone()) points /> }.into_any(),
                    }}
                </section>
            }
            .into_any()
        })}
    }
}
