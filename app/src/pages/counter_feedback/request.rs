use kaiku_core::account::AccountView;
use kaiku_core::counterfeedback::CounterFeedbackRequestView;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::give::FormUntilSent;
use crate::api::{self, ApiFailure};
use crate::components::load::{Load, load, show};
use crate::components::response::ResponseCard;
use crate::i18n::{Msg, t, use_lang};
use crate::offline::cache::{as_of_text, fresh_or_cached};
use crate::state::page_title;

/// Both halves of the page, from the server or the device's copy.
#[derive(Clone, PartialEq)]
struct Loaded {
    request: CounterFeedbackRequestView,
    account: AccountView,
    as_of: Option<chrono::DateTime<chrono::Utc>>,
}

async fn fetch(id: String) -> Result<Loaded, ApiFailure> {
    let request = fresh_or_cached(&format!("request:{id}"), api::counter_feedback_request(&id)).await?;
    let account_id = request.value.account.id.clone();
    let account = fresh_or_cached(&format!("account:{account_id}"), api::account(&account_id)).await?;
    Ok(Loaded {
        as_of: request.as_of.or(account.as_of),
        request: request.value,
        account: account.value,
    })
}

/// `/requests/:id`: the customer's answer verbatim with the development points marked,
/// then the counter-feedback form.
#[component]
pub fn RequestPage() -> impl IntoView {
    page_title(Msg::RequestTitle);
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let loaded = RwSignal::new(Load::<Loaded>::Loading);
    let reload = move || load(loaded, fetch(id.get_untracked()));
    Effect::new(move |_| {
        id.track();
        reload();
    });
    view! {
        {move || show(loaded.get(), reload, move |Loaded { request, account, as_of }| {
            view! {
                <h1>{t(Msg::RequestTitle)} ": " {account.name.clone()}</h1>
                {as_of.map(|at| view! { <p class="banner banner-info" role="status">{move || as_of_text(lang.get(), &at)}</p> })}
                <section class="card" aria-labelledby="said-heading">
                    <h2 id="said-heading">{t(Msg::RequestCustomerSaid)}</h2>
                    <ResponseCard response=request.response.clone() highlight=request.development_points.clone() />
                </section>
                <section class="card" aria-labelledby="cf-heading">
                    <h2 id="cf-heading">{t(Msg::RequestYourView)}</h2>
                    <FormUntilSent account request=Some(request.id.clone()) />
                </section>
            }
            .into_any()
        })}
    }
}
