use kaiku_core::account::{AccountView, PersonRef};
use kaiku_core::counterfeedback::ActionSource;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::form::CounterFeedbackForm;
use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{Msg, t};
use crate::offline::cache::{Cached, fresh_or_cached, fresh_or_cached_value};
use crate::offline::sync::use_sync;
use crate::state::page_title;

/// Who can own a change: the account's lead and team.
pub fn team_of(account: &AccountView) -> Vec<PersonRef> {
    let mut people: Vec<PersonRef> = account.lead.iter().cloned().collect();
    for member in &account.team {
        if !people.iter().any(|p| p.id == member.id) {
            people.push(member.clone());
        }
    }
    people
}

/// The account's development points no action answers yet, from the server or the
/// device's copy of the account's overview; `known` (a request's own points) when
/// neither has it.
pub async fn open_points(account_id: &str, known: Vec<ActionSource>) -> Vec<ActionSource> {
    let key = format!("overview:{account_id}");
    match fresh_or_cached_value(&key, api::account_overview(account_id)).await {
        Ok(overview) => overview
            .development_points
            .into_iter()
            .filter(|p| p.action.is_none())
            .map(|p| ActionSource {
                link_id: p.link_id,
                point: p.text,
            })
            .collect(),
        Err(_) => known,
    }
}

/// After sending: where the counter-feedback is, and where to go next.
#[component]
pub fn Sent(account_id: String) -> impl IntoView {
    let sync = use_sync();
    view! {
        <div class="banner banner-success" role="status" data-testid="cf-sent">
            <p>
                {move || if sync.pending().get() == 0 { t(Msg::CfSentSynced)() } else { t(Msg::CfSentQueued)() }}
            </p>
            <p>
                <A href="/requests">{t(Msg::RequestsTitle)}</A>
                " · "
                <A href=format!("/accounts/{account_id}")>{t(Msg::CfBackToAccount)}</A>
            </p>
        </div>
    }
}

/// The form until it is sent, then where it went.
#[component]
pub fn FormUntilSent(account: AccountView, request: Option<String>, points: Vec<ActionSource>) -> impl IntoView {
    let sent = RwSignal::new(false);
    let account_id = account.id.clone();
    let people = team_of(&account);
    view! {
        <Show
            when=move || sent.get()
            fallback={
                let account_id = account_id.clone();
                move || view! {
                    <CounterFeedbackForm
                        account_id=account_id.clone()
                        request=request.clone()
                        people=people.clone()
                        points=points.clone()
                        sent=Callback::new(move |_| sent.set(true))
                    />
                }
            }
        >
            <Sent account_id=account.id.clone() />
        </Show>
    }
}

/// `/accounts/:id/counter-feedback`: counter-feedback without a survey, e.g. after a
/// difficult meeting.
#[component]
pub fn GiveCounterFeedbackPage() -> impl IntoView {
    page_title(Msg::CfGiveTitle);
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let account = RwSignal::new(Load::<(Cached<AccountView>, Vec<ActionSource>)>::Loading);
    let reload = move || {
        let id = id.get_untracked();
        load(account, async move {
            let account = fresh_or_cached(&format!("account:{id}"), api::account(&id)).await?;
            Ok((account, open_points(&id, vec![]).await))
        })
    };
    Effect::new(move |_| {
        id.track();
        reload();
    });
    view! {
        {move || show(account.get(), reload, move |(cached, points)| {
            let account = cached.value;
            view! {
                <h1>{t(Msg::CfGiveTitle)} ": " {account.name.clone()}</h1>
                <p class="lead">{t(Msg::CfGiveIntro)}</p>
                <section class="card">
                    <FormUntilSent account request=None points />
                </section>
            }
            .into_any()
        })}
    }
}
