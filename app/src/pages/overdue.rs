//! `/overdue`: who owes what, per account — customers who have not answered after
//! their first reminder, team members late with counter-feedback, actions past due.

use kaiku_core::overdue::{OverdueAccount, OverdueAction, OverdueAnswer, OverdueRequest};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::page_title;

#[component]
pub fn OverduePage() -> impl IntoView {
    page_title(Msg::OverdueTitle);
    let accounts = RwSignal::new(Load::<Vec<OverdueAccount>>::Loading);
    let fetch = move || load(accounts, api::overdue());
    fetch();
    view! {
        <h1 class="page-title">{t(Msg::OverdueTitle)}</h1>
        <p class="muted">{t(Msg::OverdueIntro)}</p>
        {move || show(accounts.get(), fetch, |list| {
            if list.is_empty() {
                return view! {
                    <section class="card" data-testid="overdue-empty">
                        <p class="empty">{t(Msg::OverdueEmpty)}</p>
                    </section>
                }
                .into_any();
            }
            list.into_iter().map(|account| view! { <AccountDebts account /> }).collect_view().into_any()
        })}
    }
}

#[component]
fn AccountDebts(account: OverdueAccount) -> impl IntoView {
    let heading_id = format!("overdue-{}", account.account.id);
    let labelled_by = heading_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by data-testid="overdue-account">
            <h2 id=heading_id>
                <A href=format!("/accounts/{}", account.account.id)>{account.account.name.clone()}</A>
            </h2>
            <ul class="list">
                {account.answers.into_iter().map(|answer| view! { <Answer answer /> }).collect_view()}
                {account.requests.into_iter().map(|request| view! { <Request request /> }).collect_view()}
                {account.actions.into_iter().map(|action| view! { <Action action /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Answer(answer: OverdueAnswer) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="row" data-testid="overdue-answer">
            <span class="tag">{t(Msg::OverdueCustomer)}</span>
            " "
            {move || i18n::overdue_answer(lang.get(), &answer.contact_name, &answer.sent_at, answer.reminders_sent)}
        </li>
    }
}

#[component]
fn Request(request: OverdueRequest) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="row" data-testid="overdue-request">
            <span class="tag tag-warning">{t(Msg::OverdueTeam)}</span>
            " "
            {move || {
                i18n::overdue_request(lang.get(), &request.person.name, &request.contact_name, &request.requested_at)
            }}
        </li>
    }
}

#[component]
fn Action(action: OverdueAction) -> impl IntoView {
    let lang = use_lang();
    let owner = action.owner.map(|o| o.name);
    view! {
        <li class="row" data-testid="overdue-action">
            <span class="tag tag-warning">{t(Msg::OverdueActionTag)}</span>
            " "
            {move || i18n::overdue_action(lang.get(), &action.text, owner.as_deref(), action.due)}
        </li>
    }
}
