use chrono::{Duration, Utc};
use kaiku_core::Stage;
use kaiku_core::account::ContactView;
use kaiku_core::api::Page;
use kaiku_core::survey::{
    DEFAULT_DEADLINE_DAYS, EXPECTATIONS_TEMPLATE_ID, LinkStatus, MAX_DEADLINE_DAYS, RELATIONSHIP_TEMPLATE_ID,
    RoundView, StartRoundRequest, SurveyLinkView, TemplateView, survey_email,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::copy_link::CopyLink;
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, link_status_name, t, use_lang};
use crate::state::use_app;

#[component]
pub fn Rounds(
    account_id: String,
    stage: Stage,
    archived: bool,
    contacts: RwSignal<Load<Vec<ContactView>>>,
    rounds_changed: RwSignal<u32>,
) -> impl IntoView {
    let rounds = RwSignal::new(Load::<Page<RoundView>>::Loading);
    // Older rounds than the first page, as "Show older rounds" brought them.
    let older = RwSignal::new(Page::<RoundView>::default());
    let paging = RwSignal::new(false);
    let page_failed = RwSignal::new(None::<ApiFailure>);
    let fetch = {
        let id = account_id.clone();
        move || {
            let id = id.clone();
            older.set(Page::default());
            load(rounds, async move { api::rounds(&id, None).await });
        }
    };
    fetch();
    let after_change = Callback::new({
        let fetch = fetch.clone();
        move |_: ()| {
            fetch();
            rounds_changed.update(|n| *n += 1);
        }
    });
    // The round the next older page starts before: the last page's.
    let next = move || {
        older.with(|o| match o.items.is_empty() {
            true => rounds.with(|r| r.ready().and_then(|page| page.next.clone())),
            false => o.next.clone(),
        })
    };
    let show_older = {
        let id = account_id.clone();
        move || {
            let Some(before) = next() else { return };
            let id = id.clone();
            paging.set(true);
            page_failed.set(None);
            spawn_local(async move {
                match api::rounds(&id, Some(&before)).await {
                    Ok(page) => older.update(|o| {
                        o.items.extend(page.items);
                        o.next = page.next;
                    }),
                    Err(failure) => page_failed.set(Some(failure)),
                }
                paging.set(false);
            });
        }
    };
    view! {
        <section class="card" aria-labelledby="rounds-heading">
            <h2 id="rounds-heading">{t(Msg::RoundsTitle)}</h2>
            {(!archived).then(|| view! { <StartRound account_id=account_id.clone() stage contacts sent=after_change /> })}
            {move || show(rounds.get(), fetch.clone(), move |first| {
                if first.items.is_empty() {
                    return view! { <p class="empty">{t(Msg::RoundsEmpty)}</p> }.into_any();
                }
                first.items.into_iter().map(|round| view! { <Round round changed=after_change /> }).collect_view().into_any()
            })}
            {move || older.get().items.into_iter().map(|round| view! { <Round round changed=after_change /> }).collect_view()}
            <ErrorBanner failure=page_failed />
            <Show when=move || next().is_some()>
                <button
                    type="button"
                    class="button secondary"
                    data-testid="rounds-older"
                    disabled=move || paging.get()
                    on:click={
                        let show_older = show_older.clone();
                        move |_| show_older()
                    }
                >
                    {t(Msg::RoundsOlder)}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn StartRound(
    account_id: String,
    stage: Stage,
    contacts: RwSignal<Load<Vec<ContactView>>>,
    sent: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let templates = RwSignal::new(Load::<Vec<TemplateView>>::Loading);
    load(templates, api::survey_templates());
    // Before the work starts, ask what matters; after, how it went.
    let template_id = RwSignal::new(String::from(if stage.asks_expectations() {
        EXPECTATIONS_TEMPLATE_ID
    } else {
        RELATIONSHIP_TEMPLATE_ID
    }));
    let chosen = RwSignal::new(Vec::<String>::new());
    let days = RwSignal::new(DEFAULT_DEADLINE_DAYS.to_string());
    let failure = RwSignal::new(None::<ApiFailure>);
    let problem = RwSignal::new(None::<Msg>);
    let created = RwSignal::new(None::<RoundView>);
    let sending = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let deadline_days = days
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=MAX_DEADLINE_DAYS).contains(d));
        let contact_ids = chosen.get_untracked();
        problem.set(if contact_ids.is_empty() {
            Some(Msg::RoundChooseContacts)
        } else if deadline_days.is_none() {
            Some(Msg::RoundDeadlineRange)
        } else {
            None
        });
        if problem.get_untracked().is_some() {
            return;
        }
        let req = StartRoundRequest {
            template_id: template_id.get_untracked(),
            contact_ids,
            deadline_days,
        };
        let account_id = account_id.clone();
        sending.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::start_round(&account_id, &req).await {
                Ok(round) => {
                    chosen.set(Vec::new());
                    created.set(Some(round));
                    sent.run(());
                }
                Err(f) => failure.set(Some(f)),
            }
            sending.set(false);
        });
    };

    // The preview is the very email the server sends, built by the same function.
    let previews = move || {
        let organisation = app
            .session
            .with(|s| s.as_ref().map(|s| (s.organisation.name.clone(), s.user.name.clone())));
        let (organisation, sender) = organisation.unwrap_or_default();
        let days = days
            .get()
            .trim()
            .parse::<i64>()
            .unwrap_or(i64::from(DEFAULT_DEADLINE_DAYS));
        let deadline = (Utc::now() + Duration::days(days)).date_naive();
        let chosen = chosen.get();
        contacts.with(|c| {
            c.ready()
                .map(|list| {
                    list.iter()
                        .filter(|c| chosen.contains(&c.id))
                        .map(|c| {
                            let email = survey_email(c.language, &organisation, &c.name, &sender, "https://…/s/…", deadline);
                            view! {
                                <article class="email-preview" data-testid="email-preview">
                                    <p class="muted">{format!("{} <{}> · {}", c.name, c.email, c.language.native_name())}</p>
                                    <p><strong>{email.subject}</strong></p>
                                    <pre>{email.body}</pre>
                                </article>
                            }
                        })
                        .collect_view()
                })
                .unwrap_or_default()
        })
    };

    view! {
        <form class="form" novalidate on:submit=on_submit aria-labelledby="start-round-heading">
            <h3 id="start-round-heading">{t(Msg::RoundStart)}</h3>
            <ErrorBanner failure=failure />
            {move || problem.get().map(|m| view! { <p class="banner banner-error" role="alert">{t(m)}</p> })}
            <div class="field">
                <label for="template">{t(Msg::RoundTemplate)}</label>
                <select id="template" on:change=move |ev| template_id.set(event_target_value(&ev))>
                    {move || {
                        templates
                            .get()
                            .ready()
                            .cloned()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|tpl| {
                                let id = tpl.id.clone();
                                let selected = template_id.get_untracked() == id;
                                view! { <option value=id selected=selected>{move || tpl.name.get(lang.get()).to_string()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <fieldset class="field">
                <legend>{t(Msg::RoundContacts)}</legend>
                {move || {
                    let list = contacts.get().ready().cloned().unwrap_or_default();
                    if list.is_empty() {
                        return view! { <p class="muted">{t(Msg::RoundNoContacts)}</p> }.into_any();
                    }
                    list.into_iter()
                        .map(|c| {
                            let id = c.id.clone();
                            let checked = {
                                let id = id.clone();
                                move || chosen.with(|ch| ch.contains(&id))
                            };
                            // They asked not to get surveys; the note says why the box is off.
                            let opted_out = c.opted_out_at.is_some();
                            view! {
                                <label class="check" class:check-disabled=opted_out>
                                    <input
                                        type="checkbox"
                                        disabled=opted_out
                                        prop:checked=checked
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let id = id.clone();
                                            chosen.update(|ch| {
                                                ch.retain(|x| *x != id);
                                                if on {
                                                    ch.push(id);
                                                }
                                            });
                                        }
                                    />
                                    {format!("{} ({})", c.name, c.email)}
                                    {opted_out.then(|| view! {
                                        <span class="tag tag-warning" data-testid="round-contact-opted-out">{t(Msg::OptedOut)}</span>
                                    })}
                                </label>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </fieldset>
            <div class="field">
                <label for="deadline_days">{t(Msg::RoundDeadlineDays)}</label>
                <input id="deadline_days" type="number" min="1" max=MAX_DEADLINE_DAYS bind:value=days />
            </div>
            <div class="previews" aria-live="polite">{previews}</div>
            <button type="submit" class="button button-primary" disabled=move || sending.get()>
                {move || t(if sending.get() { Msg::Sending } else { Msg::RoundSend })()}
            </button>
        </form>
        {move || created.get().map(|round| view! { <CreatedLinks round /> })}
    }
}

/// The links of a round just sent, shown once to copy by hand, and whether the
/// contacts got them by email or the emails wait in the outbox (no mail server).
#[component]
fn CreatedLinks(round: RoundView) -> impl IntoView {
    let origin = browser::origin();
    let notice = if round.delivers_email {
        Msg::RoundSentByEmail
    } else {
        Msg::RoundSentNoMail
    };
    view! {
        <div class="created" role="status" data-testid="round-sent">
            <p class:banner=!round.delivers_email class:banner-info=!round.delivers_email data-testid="round-sent-notice">
                {t(notice)}
            </p>
            <ul class="plain">
                {round
                    .links
                    .into_iter()
                    .map(|l| {
                        let url = format!("{origin}{}", l.link.unwrap_or_default());
                        let id = format!("survey-link-{}", l.id);
                        view! {
                            <li data-testid="created-link">
                                <CopyLink url id label=l.contact_name test_id="survey-link" />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn Round(round: RoundView, changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let created = round.created_at;
    let name = round.template_name.clone();
    view! {
        <article class="round" data-testid="round">
            <h3>
                {move || name.get(lang.get()).to_string()} " · " {move || i18n::date(lang.get(), &created)} " · "
                {round.started_by.name.clone()}
            </h3>
            <ul class="rows">
                {round.links.into_iter().map(|link| view! { <LinkRow link changed /> }).collect_view()}
            </ul>
        </article>
    }
}

#[component]
fn LinkRow(link: SurveyLinkView, changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<ApiFailure>);
    let fresh = RwSignal::new(None::<String>);
    let open = !matches!(link.status, LinkStatus::Answered | LinkStatus::Revoked);
    let resendable = link.status != LinkStatus::Answered;
    let act = move |revoke: bool, id: String, name: String| {
        if revoke && !browser::confirm(&i18n::confirm_revoke_link(lang.get_untracked(), &name)) {
            return;
        }
        spawn_local(async move {
            let result = if revoke {
                api::revoke_link(&id).await
            } else {
                api::resend_link(&id).await
            };
            match result {
                Ok(updated) => {
                    fresh.set(updated.link.map(|path| format!("{}{path}", browser::origin())));
                    changed.run(());
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let (id, name) = (link.id.clone(), link.contact_name.clone());
    let (id2, name2) = (link.id.clone(), link.contact_name.clone());
    let status = link.status;
    let expires = link.expires_at;
    view! {
        <li class="row" data-testid="link-row">
            <div class="row-main">
                <span class="row-title">{link.contact_name.clone()}</span>
                <span class="row-sub">
                    {link.email.clone()} " · " {t(Msg::RoundOpenUntil)} " " {move || i18n::date(lang.get(), &expires)}
                </span>
                <ErrorBanner failure=failure />
                {move || fresh.get().map(|url| view! { <p class="created">{t(Msg::RoundResent)} " " <a href=url.clone()>{url.clone()}</a></p> })}
            </div>
            <div class="row-status">
                <span class=format!("status status-{}", i18n::link_status_class(status))>{t(link_status_name(status))}</span>
            </div>
            <div class="row-actions">
                {resendable.then(|| view! {
                    <button type="button" class="button" on:click=move |_| act(false, id.clone(), name.clone())>
                        {t(Msg::Resend)}
                    </button>
                })}
                {open.then(|| view! {
                    <button type="button" class="button button-danger" on:click=move |_| act(true, id2.clone(), name2.clone())>
                        {t(Msg::Revoke)}
                    </button>
                })}
            </div>
        </li>
    }
}
