use kaiku_core::counterfeedback::{CounterFeedbackRequestView, RequestList};
use kaiku_core::sync::MutationKind;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::cache::{Cached, as_of_text, fresh_or_cached};
use crate::offline::sync::use_sync;
use crate::state::page_title;

/// `/requests`: the caller's open requests. Kept on the device, so the list (and each
/// request) opens offline; one answered on this device but not yet synced is left out.
#[component]
pub fn RequestsPage() -> impl IntoView {
    page_title(Msg::RequestsTitle);
    let lang = use_lang();
    let sync = use_sync();
    let requests = RwSignal::new(Load::<Cached<RequestList>>::Loading);
    let fetch = move || load(requests, fresh_or_cached("requests", api::counter_feedback_requests()));
    Effect::new(move |_| {
        sync.synced().track();
        fetch();
    });
    let answered_here = move || -> Vec<String> {
        sync.pending_mutations()
            .get()
            .into_iter()
            .filter(|m| m.kind == MutationKind::SubmitCounterFeedback)
            .filter_map(|m| m.counter_feedback.and_then(|c| c.request))
            .collect()
    };
    view! {
        <h1>{t(Msg::RequestsTitle)}</h1>
        <p class="lead">{t(Msg::RequestsIntro)}</p>
        {move || show(requests.get(), fetch, move |cached| {
            let as_of = cached.as_of.map(|at| view! { <p class="banner banner-info" role="status">{move || as_of_text(lang.get(), &at)}</p> });
            let waiting = answered_here();
            let open: Vec<CounterFeedbackRequestView> =
                cached.value.open.into_iter().filter(|r| !waiting.contains(&r.id)).collect();
            let list = if open.is_empty() {
                view! { <p class="empty">{t(Msg::RequestsEmpty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="requests">
                        {open.into_iter().map(|request| view! { <RequestItem request /> }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! { {as_of} {list} }.into_any()
        })}
    }
}

#[component]
fn RequestItem(request: CounterFeedbackRequestView) -> impl IntoView {
    let lang = use_lang();
    let created = request.created_at;
    let points = request.development_points.clone();
    view! {
        <li class="card request" data-testid="request">
            <h2>
                <A href=format!("/requests/{}", request.id)>{request.account.name.clone()}</A>
            </h2>
            <p class="meta">
                {request.response.contact_name.clone()} " · " {move || i18n::date(lang.get(), &created)}
                {request.escalated_at.is_some().then(|| view! { " · " <strong class="tag tag-warning">{t(Msg::RequestOverdue)}</strong> })}
            </p>
            {(!points.is_empty()).then(|| view! {
                <ul class="development-points">
                    {points.into_iter().map(|p| view! { <li><mark>{p}</mark></li> }).collect_view()}
                </ul>
            })}
        </li>
    }
}
