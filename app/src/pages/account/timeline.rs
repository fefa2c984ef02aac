//! The account's history, newest first: each customer answer beside the team's
//! counter-feedback on it, with the disagreement flagged where the customer is much
//! happier than the team thinks is warranted; counter-feedback given on the team's own
//! initiative is an entry of its own. With a period, its entries are highlighted and
//! the first is scrolled into view. The list can be narrowed to the answers whose
//! analysis has an uncertain label, for the team to check and correct.

use kaiku_core::counterfeedback::CounterFeedbackView;
use kaiku_core::evidence::{Month, Scores};
use kaiku_core::overview::{DevelopmentPoint, TimelineEntry};
use kaiku_core::survey::ResponseView;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::counter_feedback::CounterFeedbackCard;
use crate::components::response::ResponseCard;
use crate::i18n::{self, Msg, t, use_lang};
use crate::pages::cases::on_account::PastCaseCard;
use crate::pages::cases::open::OpenCaseButton;
use crate::pages::messages::MessageCard;
use crate::pages::topics::ReplyCard;

/// The customer's score in the answer as the flag quotes it: the NPS ("9/10"), or else
/// the mean rating ("4.5/5").
fn customer_score(lang: kaiku_core::Lang, response: &ResponseView) -> Option<String> {
    let scores = Scores::of(&response.questions, &response.answers);
    if let Some(nps) = scores.nps {
        return Some(format!("{nps}/10"));
    }
    let ratings: Vec<f64> = scores.ratings.iter().map(|r| f64::from(r.score)).collect();
    (!ratings.is_empty()).then(|| {
        let mean = ratings.iter().sum::<f64>() / ratings.len() as f64;
        format!("{}/5", i18n::decimal(lang, mean, 1))
    })
}

/// "Customer happy, team worried: 9/10 vs high churn risk …", from the entry's numbers.
fn gap_text(lang: kaiku_core::Lang, entry: &TimelineEntry) -> String {
    let customer = entry.response.as_ref().and_then(|r| customer_score(lang, r));
    let latest = entry.counter_feedback.iter().max_by_key(|f| f.created_at);
    i18n::timeline_gap(
        lang,
        customer.as_deref(),
        latest.map(|f| (f.churn_risk, f.health)),
        entry.gap.unwrap_or_default(),
    )
}

#[component]
pub fn Timeline(
    account_id: String,
    archived: bool,
    entries: Memo<Vec<TimelineEntry>>,
    points: Memo<Vec<DevelopmentPoint>>,
    period: Memo<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    // The period last scrolled to: a redraw after a sync does not scroll again.
    let scrolled_for = StoredValue::new(None::<String>);
    let give = format!("/accounts/{account_id}/counter-feedback");
    let href = format!("/accounts/{account_id}");
    let give_link = StoredValue::new((!archived).then(|| give.clone()));
    let uncertain_only = RwSignal::new(false);
    let case_account = StoredValue::new((!archived).then(|| account_id.clone()));
    let list = move || {
        let mut list = entries.get();
        if list.is_empty() {
            return view! { <p class="empty">{t(Msg::TimelineEmpty)}</p> }.into_any();
        }
        if uncertain_only.get() {
            list.retain(|e| e.response.as_ref().is_some_and(|r| r.has_uncertain_analysis()));
            if list.is_empty() {
                return view! { <p class="empty" data-testid="uncertain-none">{t(Msg::UncertainNone)}</p> }.into_any();
            }
        }
        let marked = period.get();
        let first = marked.as_ref().and_then(|m| list.iter().position(|e| &e.month == m));
        let points = points.get();
        view! {
            <ol class="timeline">
                {list
                    .into_iter()
                    .enumerate()
                    .map(|(i, entry)| {
                        let in_period = marked.as_ref() == Some(&entry.month);
                        let highlight: Vec<String> = entry
                            .response
                            .as_ref()
                            .map(|r| points.iter().filter(|p| p.link_id == r.link_id).map(|p| p.text.clone()).collect())
                            .unwrap_or_default();
                        let scroll = (Some(i) == first).then(|| marked.clone()).flatten();
                        view! {
                            <Entry
                                entry
                                highlight
                                in_period
                                scroll
                                scrolled_for
                                give=give_link.get_value()
                                case_account=case_account.get_value()
                            />
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="timeline-heading" data-testid="timeline">
            <div class="section-head">
                <h2 id="timeline-heading">{t(Msg::TimelineTitle)}</h2>
                {(!archived).then(|| view! { <A href=give.clone()>{t(Msg::CfGiveTitle)}</A> })}
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="uncertain-only"
                    aria-describedby="uncertain-only-hint"
                    prop:checked=move || uncertain_only.get()
                    on:change=move |ev| uncertain_only.set(event_target_checked(&ev))
                />
                {t(Msg::UncertainOnly)}
            </label>
            <p class="field-hint" id="uncertain-only-hint">{t(Msg::UncertainOnlyHint)}</p>
            {move || period.get().and_then(|label| Month::parse(&label)).map(|month| {
                let href = href.clone();
                view! {
                    <p class="muted">
                        {move || i18n::timeline_period(lang.get(), month)}
                        " "
                        <A href=href>{t(Msg::PeriodShowAll)}</A>
                    </p>
                }
            })}
            {list}
        </section>
    }
}

#[component]
fn Entry(
    entry: TimelineEntry,
    /// The development points of the answer, marked in it.
    highlight: Vec<String>,
    in_period: bool,
    /// The period to scroll to, on the period's first entry.
    scroll: Option<String>,
    scrolled_for: StoredValue<Option<String>>,
    /// Where counter-feedback is given; none on an archived account.
    give: Option<String>,
    /// The account a case can be opened on from here; none on an archived account.
    case_account: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let node = NodeRef::<leptos::html::Li>::new();
    if let Some(period) = scroll {
        node.on_load(move |element| {
            if scrolled_for.get_value().as_ref() != Some(&period) {
                scrolled_for.set_value(Some(period));
                element.scroll_into_view();
            }
        });
    }
    let flag = entry.gap_flagged.then(|| {
        let entry = entry.clone();
        view! {
            <p class="timeline-gap" data-testid="timeline-gap">
                <strong>"⚠ "</strong>
                {move || gap_text(lang.get(), &entry)}
            </p>
        }
    });
    let at = entry.at;
    let TimelineEntry {
        response,
        counter_feedback,
        case,
        message,
        reply,
        ..
    } = entry;
    // An entry of one thing: a message, a closed case, an owner's reply.
    let single = move |kind: &'static str, card: AnyView| {
        view! {
            <li class=format!("timeline-entry {kind}")
                class:in-period=in_period
                data-testid="timeline-entry"
                data-period=in_period.then_some("true")
                node_ref=node>
                <p class="timeline-date">{move || i18n::date(lang.get(), &at)}</p>
                {card}
            </li>
        }
        .into_any()
    };
    if let Some(message) = message {
        return single("timeline-message", view! { <MessageCard message /> }.into_any());
    }
    if let Some(case) = case {
        return single("timeline-case", view! { <PastCaseCard case /> }.into_any());
    }
    if let Some(reply) = reply {
        return single("timeline-reply", view! { <ReplyCard reply /> }.into_any());
    }
    let customer = match response {
        Some(response) => {
            let open_case = case_account.clone().map(|account_id| {
                view! { <OpenCaseButton account_id response=response.link_id.clone() /> }
            });
            view! { <ResponseCard response highlight /> {open_case} }.into_any()
        }
        None => view! { <p class="empty">{t(Msg::TimelineOwnInitiative)}</p> }.into_any(),
    };
    let team = team_side(counter_feedback, give, case_account);
    view! {
        <li
            class="timeline-entry"
            class:in-period=in_period
            data-testid="timeline-entry"
            data-period=in_period.then_some("true")
            node_ref=node
        >
            <p class="timeline-date">{move || i18n::date(lang.get(), &at)}</p>
            {flag}
            <div class="timeline-sides">
                <div class="timeline-customer" data-testid="timeline-customer">
                    <p class="timeline-side">{t(Msg::ResponsesTitle)}</p>
                    {customer}
                </div>
                <div class="timeline-team" data-testid="timeline-team">
                    <p class="timeline-side">{t(Msg::CfListTitle)}</p>
                    {team}
                </div>
            </div>
        </li>
    }
    .into_any()
}

fn team_side(feedback: Vec<CounterFeedbackView>, give: Option<String>, case_account: Option<String>) -> AnyView {
    if feedback.is_empty() {
        return view! {
            <p class="empty">{t(Msg::TimelineNoFeedback)}</p>
            {give.map(|href| view! { <p><A href=href>{t(Msg::CfGiveTitle)}</A></p> })}
        }
        .into_any();
    }
    feedback
        .into_iter()
        .map(|item| {
            let open_case = case_account.clone().map(|account_id| {
                view! { <OpenCaseButton account_id counter_feedback=item.id.clone() /> }
            });
            view! { <CounterFeedbackCard item /> {open_case} }
        })
        .collect_view()
        .into_any()
}
