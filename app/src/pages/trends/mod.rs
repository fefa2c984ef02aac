//! `/trends` (leaders and admins): which themes and churn causes are rising or falling
//! across the portfolio, in accounts per week over 26 weeks, narrowed by source and
//! segment (kept in the URL), each flag with its size and the accounts and words
//! behind it; the test is stated under the list. Below it, the response rate
//! (`response_rate`).

mod response_rate;

use kaiku_core::analysis::ThemeDef;
use kaiku_core::topics::TopicSource;
use kaiku_core::trends::{TopicTrend, TrendDirection, TrendsView};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{Msg, fill, t, use_lang};
use crate::pages::topics::topic_text;
use crate::state::page_title;

fn source_name(source: TopicSource) -> Msg {
    match source {
        TopicSource::Answer => Msg::TopicTrendsSourceAnswers,
        TopicSource::CounterFeedback => Msg::TopicTrendsSourceCounterFeedback,
        TopicSource::Message => Msg::TopicTrendsSourceMessages,
    }
}

#[component]
pub fn TrendsPage() -> impl IntoView {
    page_title(Msg::TopicTrendsTitle);
    let query = use_query_map();
    let source = Memo::new(move |_| query.with(|q| q.get("source").and_then(|s| TopicSource::from_code(&s))));
    let segment = Memo::new(move |_| query.with(|q| q.get("segment").filter(|s| !s.is_empty())));
    let data = RwSignal::new(Load::<(TrendsView, Vec<ThemeDef>)>::Loading);
    let fetch = move || {
        let (source, segment) = (source.get_untracked(), segment.get_untracked());
        load(data, async move {
            let themes = api::themes().await?;
            let mut all = themes.built_in;
            all.extend(themes.custom);
            Ok((api::trends(source, segment.as_deref()).await?, all))
        })
    };
    Effect::new(move |_| {
        source.track();
        segment.track();
        fetch();
    });
    view! {
        <h1 class="page-title">{t(Msg::TopicTrendsTitle)}</h1>
        <p class="muted">{t(Msg::TopicTrendsIntro)}</p>
        {move || show(data.get(), fetch, move |(view, themes)| {
            // The topics push the response rate down as they arrive.
            request_animation_frame(response_rate::scroll_if_linked);
            view! {
                <Filters segments=view.segments.clone() source segment />
                <TopicList view themes />
            }
            .into_any()
        })}
        <p class="muted" data-testid="trends-method">{t(Msg::TopicTrendsMethod)}</p>
        <response_rate::ResponseRates />
    }
}

#[component]
fn Filters(segments: Vec<String>, source: Memo<Option<TopicSource>>, segment: Memo<Option<String>>) -> impl IntoView {
    let navigate = use_navigate();
    let go = move |source: Option<TopicSource>, segment: Option<String>| {
        let mut parts = Vec::new();
        if let Some(source) = source {
            parts.push(format!("source={}", source.code()));
        }
        if let Some(segment) = segment {
            parts.push(format!("segment={}", js_sys::encode_uri_component(&segment)));
        }
        let query = if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        };
        navigate(&format!("/trends{query}"), Default::default());
    };
    let go_source = go.clone();
    view! {
        <div class="filters">
            <div class="field">
                <label for="trends-source">{t(Msg::TopicTrendsSource)}</label>
                <select id="trends-source" on:change=move |ev| {
                    go_source(TopicSource::from_code(&event_target_value(&ev)), segment.get_untracked())
                }>
                    <option value="" selected=move || source.get().is_none()>{t(Msg::TopicTrendsAllSources)}</option>
                    {TopicSource::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=move || source.get() == Some(s)>{t(source_name(s))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="trends-segment">{t(Msg::TopicTrendsSegment)}</label>
                <select id="trends-segment" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    go(source.get_untracked(), Some(value).filter(|v| !v.is_empty()))
                }>
                    <option value="" selected=move || segment.get().is_none()>{t(Msg::TopicTrendsAllSegments)}</option>
                    {segments.into_iter().map(|s| {
                        let name = s.clone();
                        view! { <option value=s.clone() selected=move || segment.get().as_deref() == Some(s.as_str())>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}

#[component]
fn TopicList(view: TrendsView, themes: Vec<ThemeDef>) -> impl IntoView {
    if view.topics.is_empty() {
        return view! { <p class="empty">{t(Msg::TopicTrendsEmpty)}</p> }.into_any();
    }
    let active = view.active_accounts.clone();
    view! {
        <section class="card" aria-labelledby="topic-trends-heading">
            <h2 id="topic-trends-heading" class="visually-hidden">{t(Msg::TopicTrendsTitle)}</h2>
            <ul class="rows" data-testid="trends">
                {view.topics.into_iter().map(|trend| view! { <TopicRow trend active=active.clone() themes=themes.clone() /> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// Each week's accounts as a share of that week's active accounts, as a small line.
fn sparkline(weekly: &[u32], active: &[u32]) -> String {
    let shares: Vec<f64> = weekly
        .iter()
        .zip(active)
        .map(|(&n, &a)| if a == 0 { 0.0 } else { f64::from(n) / f64::from(a) })
        .collect();
    let top = shares.iter().copied().fold(0.0_f64, f64::max).max(0.01);
    let step = 100.0 / (shares.len().max(2) - 1) as f64;
    shares
        .iter()
        .enumerate()
        .map(|(i, share)| format!("{:.1},{:.1}", i as f64 * step, 28.0 - share / top * 26.0))
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
fn TopicRow(trend: TopicTrend, active: Vec<u32>, themes: Vec<ThemeDef>) -> impl IntoView {
    let lang = use_lang();
    let topic = trend.topic.clone();
    let name = move || topic_text(&topic, &themes, lang.get());
    let points = sparkline(&trend.weekly_accounts, &active);
    let (recent, baseline) = (trend.test.recent.to_string(), trend.test.baseline.to_string());
    let counts = Signal::derive(move || fill(lang.get(), Msg::TopicTrendsCounts, &[("r", &recent), ("b", &baseline)]));
    let flag = trend.test.direction.map(|direction| {
        let (msg, class) = match direction {
            TrendDirection::Rising => (Msg::TopicTrendsRising, "badge badge-danger"),
            TrendDirection::Falling => (Msg::TopicTrendsFalling, "badge"),
        };
        let ratio = trend
            .test
            .rate_ratio
            .map_or_else(|| "—".to_string(), |r| format!("{r:.1}"));
        let p = trend.test.adjusted_p.map_or_else(String::new, |p| format!("{p:.3}"));
        let size = move || fill(lang.get(), Msg::TopicTrendsEffect, &[("x", &ratio), ("p", &p)]);
        view! { <span class=class>{t(msg)}</span> " " <span class="muted">{size}</span> }
    });
    let has_detail = !trend.accounts.is_empty();
    let unnamed = (trend.accounts_total as usize).saturating_sub(trend.accounts.len());
    let more = (unnamed > 0).then(|| {
        let n = unnamed.to_string();
        let text = move || fill(lang.get(), Msg::TopicTrendsMore, &[("n", &n)]);
        view! { <span class="muted" data-testid="trend-more">{text}</span> }
    });
    view! {
        <li class="row" data-testid="trend">
            <div class="row-main">
                <span class="row-title">{name}</span>
                <span class="row-sub">{counts}</span>
                {has_detail.then(|| view! {
                    <details>
                        <summary>{t(Msg::TopicTrendsBehind)}</summary>
                        <p class="tags">
                            {trend.accounts.into_iter().map(|a| view! {
                                <A href=format!("/accounts/{}", a.id) {..} class="tag">{a.name}</A>
                            }).collect_view()}
                            {more}
                        </p>
                        {trend.quotes.into_iter().map(|q| view! {
                            <blockquote class="verbatim">{q.text}</blockquote>
                            <span class="muted">"— " {q.account} " · " {t(source_name(q.source))}</span>
                        }).collect_view()}
                    </details>
                })}
            </div>
            <svg class="sparkline" viewBox="0 0 100 30" preserveAspectRatio="none" role="img" aria-label=counts>
                <polyline points=points fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke" />
            </svg>
            <span data-testid="trend-flag">{flag}</span>
        </li>
    }
}
