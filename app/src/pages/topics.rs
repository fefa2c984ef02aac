//! `/topics`: "My topics" — every answer, counter-feedback and message about a theme
//! or churn cause the caller owns, verbatim, with the account and who said it; mark
//! seen, "not about this topic" (the analysis learns from it), reply into the account's
//! timeline or propose an initiative. Admins name the owners here.

use kaiku_core::ChurnCause;
use kaiku_core::analysis::{ThemeDef, builtin_themes, theme_name};
use kaiku_core::api::UserView;
use kaiku_core::topics::{
    OwnedTopic, OwnedTopicKind, TopicItem, TopicOwnerInput, TopicOwnerView, TopicOwnersInput, TopicReplyInput,
    TopicReplyView, TopicSource,
};
use kaiku_core::{Lang, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiFailure};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::fill;
use crate::i18n::{Msg, t, use_lang};
use crate::state::{page_title, use_app};

pub fn topic_text(topic: &OwnedTopic, themes: &[ThemeDef], lang: Lang) -> String {
    match topic.kind {
        OwnedTopicKind::Theme => theme_name(&topic.key, themes, lang),
        OwnedTopicKind::ChurnCause => {
            ChurnCause::from_code(&topic.key).map_or_else(|| topic.key.clone(), |c| c.label(lang).to_string())
        }
    }
}

#[component]
pub fn TopicsPage() -> impl IntoView {
    page_title(Msg::NavTopics);
    let is_admin = use_app()
        .session
        .with_untracked(|s| s.as_ref().is_some_and(|s| s.user.role == Role::Admin));
    let items = RwSignal::new(Load::<Vec<TopicItem>>::Loading);
    let fetch = move || load(items, api::my_topics());
    fetch();
    view! {
        <h1 class="page-title">{t(Msg::NavTopics)}</h1>
        <section class="card" aria-labelledby="my-topics-title" data-testid="my-topics">
            <h2 id="my-topics-title">{t(Msg::TopicsMine)}</h2>
            {move || show(items.get(), fetch, move |list| {
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::TopicsEmpty)}</p> }.into_any();
                }
                view! { <ul class="list">{list.into_iter().map(|i| view! { <Item item=i on_change=fetch /> }).collect_view()}</ul> }
                    .into_any()
            })}
        </section>
        {is_admin.then(|| view! { <Owners /> })}
    }
}

#[component]
fn Item(item: TopicItem, on_change: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<ApiFailure>);
    let id = StoredValue::new(item.id.clone());
    let topic = StoredValue::new(item.topic.clone());
    let themes = builtin_themes();
    let mark_seen = move |_| {
        spawn_local(async move {
            match api::topic_item_seen(&id.get_value()).await {
                Ok(()) => on_change(),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let not_about = move |_| {
        spawn_local(async move {
            match api::topic_item_not_about(&id.get_value(), &topic.get_value()).await {
                Ok(()) => on_change(),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    // The customer's words may be corrected; counter-feedback causes are the team's.
    let correctable = item.source != TopicSource::CounterFeedback;
    let navigate = use_navigate();
    let propose = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::topic_item_initiative(&id.get_value(), &topic.get_value()).await {
                Ok(initiative) => navigate(&format!("/initiatives/{}", initiative.summary.id), Default::default()),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <li class="row" data-testid="topic-item">
            <span class="tag">{move || topic_text(&topic.get_value(), &themes, lang.get())}</span>
            " "
            <A href=format!("/accounts/{}", item.account.id)>{item.account.name.clone()}</A>
            " · "
            {item.said_by.clone()}
            {item.seen.then(|| view! { " " <span class="tag tag-muted">{t(Msg::TopicSeen)}</span> })}
            <p class="verbatim" data-testid="topic-text">{item.text.clone()}</p>
            {(!item.seen).then(|| view! { <button type="button" class="button" on:click=mark_seen>{t(Msg::TopicMarkSeen)}</button> " " })}
            {correctable.then(|| view! { <button type="button" class="button" on:click=not_about>{t(Msg::TopicNotAbout)}</button> " " })}
            <button type="button" class="button" on:click=propose>{t(Msg::TopicProposeInitiative)}</button>
            <ErrorBanner failure=failure />
            <Reply id topic />
        </li>
    }
}

/// The owner's reply to an item, for the account's team to read in its timeline.
#[component]
fn Reply(id: StoredValue<String>, topic: StoredValue<OwnedTopic>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    let sent = RwSignal::new(false);
    let field = format!("reply-{}", id.get_value().replace(':', "-"));
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = TopicReplyInput {
            topic: topic.get_value(),
            text: text.get_untracked(),
        }
        .normalised();
        if input.check().is_err() {
            failure.set(None);
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match api::topic_item_reply(&id.get_value(), &input).await {
                Ok(_) => {
                    sent.set(true);
                    open.set(false);
                    text.set(String::new());
                    failure.set(None);
                }
                Err(e) => failure.set(Some(e)),
            }
            pending.set(false);
        });
    };
    let empty = move || text.with(|t| t.trim().is_empty());
    view! {
        {move || sent.get().then(|| view! {
            <p role="status">{t(Msg::TopicReplySent)}</p>
        })}
        <Show
            when=move || open.get()
            fallback=move || view! {
                <button type="button" class="button" on:click=move |_| { sent.set(false); open.set(true) }>{t(Msg::TopicReply)}</button>
            }
        >
            <form class="stack" on:submit=send>
                <label for=field.clone()>{t(Msg::TopicReplyLabel)}</label>
                <textarea id=field.clone() rows="3" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <ErrorBanner failure=failure />
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || pending.get() || empty()>{t(Msg::TopicReplySend)}</button>
                    <button type="button" class="button" on:click=move |_| open.set(false)>{t(Msg::Cancel)}</button>
                </div>
            </form>
        </Show>
    }
}

/// A topic owner's reply in the account's timeline, below the words it answers.
#[component]
pub fn ReplyCard(reply: TopicReplyView) -> impl IntoView {
    let lang = use_lang();
    let themes = builtin_themes();
    let TopicReplyView {
        topic,
        author,
        text,
        replying_to,
        said_by,
        ..
    } = reply;
    view! {
        <div class="card-inner" data-testid="timeline-reply">
            <p>
                <strong>{author.name}</strong>
                " · "
                {move || fill(lang.get(), Msg::TopicReplyBy, &[("topic", &topic_text(&topic, &themes, lang.get()))])}
            </p>
            <blockquote class="verbatim">{said_by} ": " {replying_to}</blockquote>
            <p class="verbatim">{text}</p>
        </div>
    }
}

/// Admins: an owner (or none) for each theme and churn cause.
#[component]
fn Owners() -> impl IntoView {
    let data = RwSignal::new(Load::<(Vec<TopicOwnerView>, Vec<UserView>, Vec<ThemeDef>)>::Loading);
    let fetch = move || {
        load(data, async move {
            let themes = api::themes().await?;
            let mut all = themes.built_in;
            all.extend(themes.custom);
            Ok((api::topic_owners().await?, api::users().await?, all))
        })
    };
    fetch();
    view! {
        <section class="card" aria-labelledby="topic-owners-title" data-testid="topic-owners">
            <h2 id="topic-owners-title">{t(Msg::TopicOwnersTitle)}</h2>
            {move || show(data.get(), fetch, |(owners, users, themes)| view! { <OwnersForm owners users themes /> }.into_any())}
        </section>
    }
}

#[component]
fn OwnersForm(owners: Vec<TopicOwnerView>, users: Vec<UserView>, themes: Vec<ThemeDef>) -> impl IntoView {
    let lang = use_lang();
    let topics: Vec<OwnedTopic> = themes
        .iter()
        .map(|t| OwnedTopic {
            kind: OwnedTopicKind::Theme,
            key: t.key.clone(),
        })
        .chain(ChurnCause::ALL.iter().map(|c| OwnedTopic {
            kind: OwnedTopicKind::ChurnCause,
            key: c.code().to_string(),
        }))
        .collect();
    let chosen = RwSignal::new(
        owners
            .into_iter()
            .map(|o| (o.topic, o.owner.id))
            .collect::<Vec<(OwnedTopic, String)>>(),
    );
    let failure = RwSignal::new(None::<ApiFailure>);
    let saved = RwSignal::new(false);
    let users: Vec<UserView> = users.into_iter().filter(|u| u.active).collect();
    let themes = StoredValue::new(themes);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = TopicOwnersInput {
            owners: chosen
                .get_untracked()
                .into_iter()
                .map(|(topic, owner)| TopicOwnerInput { topic, owner })
                .collect(),
        };
        saved.set(false);
        failure.set(None);
        spawn_local(async move {
            match api::set_topic_owners(&input).await {
                Ok(_) => saved.set(true),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <form class="form" on:submit=submit>
            {topics
                .into_iter()
                .map(|topic| {
                    let label = topic.clone();
                    let current = topic.clone();
                    let users = users.clone();
                    view! {
                        <label>
                            {move || themes.with_value(|themes| topic_text(&label, themes, lang.get()))}
                            <select on:change=move |ev| {
                                let owner = event_target_value(&ev);
                                chosen.update(|list| {
                                    list.retain(|(t, _)| *t != topic);
                                    if !owner.is_empty() {
                                        list.push((topic.clone(), owner));
                                    }
                                });
                            }>
                                <option value="">{t(Msg::TopicNoOwner)}</option>
                                {users
                                    .into_iter()
                                    .map(|u| {
                                        let current = current.clone();
                                        let id = u.id.clone();
                                        let selected = move || chosen.with(|list| list.iter().any(|(t, o)| *t == current && *o == id));
                                        view! { <option value=u.id.clone() selected=selected>{u.name.clone()}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </label>
                    }
                })
                .collect_view()}
            <ErrorBanner failure=failure />
            {move || saved.get().then(|| view! { <p role="status">{t(Msg::TopicOwnersSaved)}</p> })}
            <button type="submit" class="button">{t(Msg::TopicOwnersSave)}</button>
        </form>
    }
}
