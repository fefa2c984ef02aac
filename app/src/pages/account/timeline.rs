//! The account's history, newest first: each customer answer beside the team's
//! counter-feedback on it, with the disagreement flagged where the customer is much
//! happier than the team thinks is warranted; counter-feedback given on the team's own
//! initiative is an entry of its own. With a period, its entries are highlighted and
//! the first is scrolled into view (older pages are read until it is there). The list
//! can be narrowed to the answers whose analysis has an uncertain label, for the team
//! to check and correct. The server sends the timeline a page at a time.

use chrono::{DateTime, Utc};
use kaiku_core::counterfeedback::CounterFeedbackView;
use kaiku_core::evidence::{Month, Scores};
use kaiku_core::overview::{DevelopmentPoint, TimelineEntry, TimelinePage};
use kaiku_core::survey::ResponseView;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::{self, ApiFailure};
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Loading};

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

/// Entries read a page at a time, and whether older ones wait on the server.
#[derive(Debug, Clone, Default, PartialEq)]
struct Pages {
    entries: Vec<TimelineEntry>,
    more: bool,
}

impl From<TimelinePage> for Pages {
    fn from(page: TimelinePage) -> Pages {
        Pages {
            entries: page.entries,
            more: page.more,
        }
    }
}

/// Older entries than the overview's first page, as "Show older" brought them.
#[derive(Debug, Clone, Default, PartialEq)]
struct Older {
    /// The first page's last entry they follow: a first page that changed since (a
    /// sync brought newer entries) leaves them behind, lest one be missed between.
    after: Option<DateTime<Utc>>,
    pages: Pages,
}

#[component]
pub fn Timeline(
    account_id: String,
    archived: bool,
    /// The overview's first page, newest first, and whether older entries wait.
    entries: Memo<Vec<TimelineEntry>>,
    more: Memo<bool>,
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
    let older = RwSignal::new(Older::default());
    // The answers the analysis is unsure of, asked of the server while the box is ticked.
    let unsure = RwSignal::new(Load::<Pages>::Loading);
    let paging = RwSignal::new(false);
    let page_failed = RwSignal::new(None::<ApiFailure>);
    let first_last = move || entries.with(|e| e.last().map(|e| e.at));
    // What the list shows unless narrowed: the first page, then the older ones.
    let whole = Memo::new(move |_| {
        let mut pages = Pages {
            entries: entries.get(),
            more: more.get(),
        };
        older.with(|o| {
            if o.after.is_some() && o.after == first_last() {
                pages.entries.extend(o.pages.entries.iter().cloned());
                pages.more = o.pages.more;
            }
        });
        pages
    });
    let shown = Memo::new(move |_| {
        if uncertain_only.get() {
            unsure.with(|u| u.ready().cloned())
        } else {
            Some(whole.get())
        }
    });
    let show_older = {
        let account_id = account_id.clone();
        move || {
            let Some(before) = shown.with_untracked(|p| p.as_ref().and_then(|p| p.entries.last().map(|e| e.at))) else {
                return;
            };
            if paging.get_untracked() {
                return;
            }
            let narrowed = uncertain_only.get_untracked();
            let after = entries.with_untracked(|e| e.last().map(|e| e.at));
            paging.set(true);
            page_failed.set(None);
            let account_id = account_id.clone();
            spawn_local(async move {
                let answer = api::account_timeline(&account_id, Some(before), narrowed).await;
                paging.set(false);
                // The box was ticked or cleared meanwhile: the page is for the other list.
                if uncertain_only.get_untracked() != narrowed {
                    return;
                }
                match answer {
                    Ok(page) if narrowed => unsure.update(|u| {
                        if let Load::Ready(pages) = u {
                            pages.entries.extend(page.entries);
                            pages.more = page.more;
                        }
                    }),
                    Ok(page) => older.update(|o| {
                        if o.after != after {
                            *o = Older {
                                after,
                                pages: Pages::default(),
                            };
                        }
                        o.pages.entries.extend(page.entries);
                        o.pages.more = page.more;
                    }),
                    Err(failure) => page_failed.set(Some(failure)),
                }
            });
        }
    };
    // A period older than the entries shown: read on until its entries are all there.
    {
        let show_older = show_older.clone();
        Effect::new(move |_| {
            let Some(month) = period.get() else { return };
            if uncertain_only.get() || paging.get() || page_failed.with(Option::is_some) {
                return;
            }
            let short = whole.with(|p| p.more && p.entries.last().is_some_and(|e| e.month >= month));
            if short {
                show_older();
            }
        });
    }
    let narrow = {
        let account_id = account_id.clone();
        move |on: bool| {
            uncertain_only.set(on);
            page_failed.set(None);
            if on {
                let account_id = account_id.clone();
                load(unsure, async move {
                    api::account_timeline(&account_id, None, true).await.map(Pages::from)
                });
            }
        }
    };
    let retry_narrowed = narrow.clone();
    let list = move || {
        if uncertain_only.get() {
            match unsure.get() {
                Load::Loading => return view! { <Loading /> }.into_any(),
                Load::Failed(failure) => {
                    let retry = retry_narrowed.clone();
                    return show(Load::<()>::Failed(failure), move || retry(true), |()| ().into_any());
                }
                Load::Ready(pages) if pages.entries.is_empty() => {
                    return view! { <p class="empty" data-testid="uncertain-none">{t(Msg::UncertainNone)}</p> }
                        .into_any();
                }
                Load::Ready(_) => {}
            }
        }
        let Some(Pages { entries: list, .. }) = shown.get() else {
            return view! { <Loading /> }.into_any();
        };
        if list.is_empty() {
            return view! { <p class="empty">{t(Msg::TimelineEmpty)}</p> }.into_any();
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
    let older_button = move || {
        let show_older = show_older.clone();
        shown.with(|p| p.as_ref().is_some_and(|p| p.more)).then(|| {
            view! {
                <p>
                    <button
                        type="button"
                        class="button secondary"
                        data-testid="timeline-older"
                        disabled=move || paging.get()
                        on:click=move |_| show_older()
                    >
                        {move || if paging.get() { t(Msg::Loading)() } else { t(Msg::TimelineOlder)() }}
                    </button>
                </p>
            }
        })
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
                    on:change=move |ev| narrow(event_target_checked(&ev))
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
            {older_button}
            <ErrorBanner failure=page_failed />
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
