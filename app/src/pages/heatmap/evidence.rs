//! The evidence panel: what the cell under the pointer or the keyboard rests on. Why
//! the account needs attention comes first; the row's scores show at once; the customer's words and the team's note are fetched
//! when a cell is first pointed at, and kept per account and month while the page is open.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use kaiku_core::health::{Health, attention_reason};
use kaiku_core::heatmap::{self, CellEvidence, HeatmapRow, Quote};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::model::{Active, Columns};
use crate::api;
use crate::components::attention::Attention;
use crate::components::load::{Load, show};
use crate::i18n::{self, Msg, factor_name, risk_band_name, signal_name, t, use_lang};

/// An account and a month (`None`: now).
type Key = (String, Option<String>);

/// How long the pointer rests on a cell before its evidence is fetched, so sweeping
/// across the grid does not fire a request per row.
const REST: Duration = Duration::from_millis(150);

#[component]
pub fn EvidencePanel(
    rows: Arc<Vec<HeatmapRow>>,
    columns: Memo<Option<Columns>>,
    active: RwSignal<Option<Active>>,
    window_days: u32,
) -> impl IntoView {
    let cache = RwSignal::new(HashMap::<Key, Load<CellEvidence>>::new());
    let key = Memo::new({
        let rows = rows.clone();
        move |_| {
            let active = active.get()?;
            let month = columns.with(|c| c.as_ref().and_then(|c| c.month(active.col).map(str::to_string)));
            Some((rows[active.row].account.clone(), month))
        }
    });
    let fetch = move |key: Key| {
        cache.update(|c| {
            c.insert(key.clone(), Load::Loading);
        });
        spawn_local(async move {
            let loaded = match api::cell_evidence(&key.0, key.1.as_deref()).await {
                Ok(evidence) => Load::Ready(evidence),
                Err(failure) => Load::Failed(failure),
            };
            cache.update(|c| {
                c.insert(key, loaded);
            });
        });
    };
    Effect::new(move |_| {
        let Some(wanted) = key.get() else {
            return;
        };
        if cache.with_untracked(|c| c.contains_key(&wanted)) {
            return;
        }
        // By then the pointer may have moved on, or the page closed.
        set_timeout(
            move || {
                let still = key.try_get_untracked().flatten().as_ref() == Some(&wanted);
                if still && cache.try_with_untracked(|c| !c.contains_key(&wanted)) == Some(true) {
                    fetch(wanted);
                }
            },
            REST,
        );
    });

    let body = move || {
        let active = active.get()?;
        let columns = columns.get()?;
        let key = key.get()?;
        let evidence = Signal::derive({
            let key = key.clone();
            move || cache.with(|c| c.get(&key).cloned())
        });
        let retry = move || fetch(key.clone());
        Some(view! { <Cell rows=rows.clone() active columns evidence retry window_days /> }.into_any())
    };
    view! {
        <aside
            class="card hm-evidence"
            aria-labelledby="heatmap-evidence-title"
            aria-live="polite"
            data-testid="heatmap-evidence"
        >
            <h2 id="heatmap-evidence-title">{t(Msg::EvidenceTitle)}</h2>
            {move || body().unwrap_or_else(|| view! { <p class="muted">{t(Msg::EvidenceHint)}</p> }.into_any())}
        </aside>
    }
}

#[component]
fn Cell(
    rows: Arc<Vec<HeatmapRow>>,
    active: Active,
    columns: Columns,
    evidence: Signal<Option<Load<CellEvidence>>>,
    retry: impl Fn() + Clone + Send + Sync + 'static,
    window_days: u32,
) -> impl IntoView {
    let lang = use_lang();
    let row = &rows[active.row];
    let period = columns.period(active.col).map(str::to_string);
    let month = columns.month(active.col).map(str::to_string);
    let in_time = month.is_some();
    // A month's other scores come with its evidence (its health's factors); now, the row has them all.
    let scores: Vec<(heatmap::Signal, Option<f64>)> = match (active.col, in_time) {
        (Some(col), true) => vec![columns.cell(&rows, active.row, col)],
        _ => heatmap::Signal::ALL.iter().map(|&s| (s, row.value(s))).collect(),
    };
    let scores = scores
        .into_iter()
        .map(|(signal, value)| {
            view! {
                <div>
                    <dt>{t(signal_name(signal))}</dt>
                    <dd>{move || i18n::signal_value(lang.get(), signal, value)}</dd>
                </div>
            }
        })
        .collect_view();
    let fetched = move || {
        let retry = retry.clone();
        match evidence.get() {
            None => view! { <p class="muted">{t(Msg::Loading)}</p> }.into_any(),
            Some(loaded) => show(loaded, retry, move |evidence| {
                view! { <Fetched evidence with_health=in_time /> }.into_any()
            }),
        }
    };
    // Why the account needs attention, first, once its health is fetched.
    let reason = move || {
        evidence.with(|e| match e {
            Some(Load::Ready(evidence)) => evidence.health.as_ref().and_then(attention_reason),
            _ => None,
        })
    };
    view! {
        <h3 class="hm-evidence-account">{row.name.clone()}</h3>
        {move || reason().map(|reason| view! { <Attention reason /> })}
        <p class="muted">
            {move || i18n::evidence_period(lang.get(), period.as_deref(), month.as_deref(), window_days)}
        </p>
        <dl class="hm-scores">{scores}</dl>
        {fetched}
    }
}

/// What the server had: the month's health (in the time mode), the customer's words
/// and the team's note.
#[component]
fn Fetched(evidence: CellEvidence, with_health: bool) -> impl IntoView {
    let health = with_health.then(|| match evidence.health {
        Some(health) => view! { <MonthHealth health /> }.into_any(),
        None => view! { <p class="empty">{t(Msg::EvidenceNoHealth)}</p> }.into_any(),
    });
    view! {
        {health}
        <h4>{t(Msg::EvidenceQuote)}</h4>
        {match evidence.quote {
            Some(quote) => view! { <Said quote test_id="evidence-quote" /> }.into_any(),
            None => view! { <p class="empty">{t(Msg::EvidenceNoQuote)}</p> }.into_any(),
        }}
        <h4>{t(Msg::EvidenceTeamNote)}</h4>
        {match evidence.team_note {
            Some(quote) => view! { <Said quote test_id="evidence-note" /> }.into_any(),
            None => view! { <p class="empty">{t(Msg::EvidenceNoNote)}</p> }.into_any(),
        }}
    }
}

#[component]
fn MonthHealth(health: Health) -> impl IntoView {
    let lang = use_lang();
    let score = health.score;
    let factors = health
        .factors
        .into_iter()
        .map(|f| {
            view! {
                <div>
                    <dt>{t(factor_name(f.factor))}</dt>
                    <dd>{move || i18n::factor_value(lang.get(), f.factor, f.value)}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <dl class="hm-scores">
            <div>
                <dt>{t(Msg::HealthScore)}</dt>
                <dd>{format!("{score:.0}")}</dd>
            </div>
            <div>
                <dt>{t(Msg::HealthBand)}</dt>
                <dd>{t(risk_band_name(health.band))}</dd>
            </div>
            {factors}
        </dl>
    }
}

/// A quote with who said it and when.
#[component]
fn Said(quote: Quote, test_id: &'static str) -> impl IntoView {
    let lang = use_lang();
    let Quote { text, by, at } = quote;
    view! {
        <figure class="hm-quote">
            <blockquote data-testid=test_id>{text}</blockquote>
            <figcaption class="muted">{move || format!("{by}, {}", i18n::date(lang.get(), &at))}</figcaption>
        </figure>
    }
}
