//! How the account developed: NPS, health and the customer's view beside the team's,
//! month by month over the last 24 months (a month without evidence leaves a gap; each
//! NPS point says how many answers it rests on), and the customer's expectations against
//! how they were met, per aspect.

use kaiku_core::Lang;
use kaiku_core::evidence::Month;
use kaiku_core::health::{GAP_FLAG_POINTS, HEALTH_WINDOW_DAYS};
use kaiku_core::overview::{ExpectationPoint, MonthPoint};
use leptos::prelude::*;

use crate::components::chart::{BarPair, LineChart, LinePoint, PairedBarChart, Scale, Series};
use crate::i18n::{self, Msg, t, use_lang};

/// Every sixth month is named under the axis, counting back from the latest; the
/// first too when it is far enough from the next name.
fn axis_label(lang: Lang, index: usize, count: usize, month: Month) -> String {
    let from_end = count - 1 - index;
    let named = from_end.is_multiple_of(6) || (index == 0 && from_end % 6 >= 3);
    if named {
        i18n::month_short(lang, month)
    } else {
        String::new()
    }
}

fn points(
    lang: Lang,
    months: &[MonthPoint],
    value: fn(&MonthPoint) -> Option<f64>,
    text: fn(Lang, f64) -> String,
    count: fn(&MonthPoint) -> Option<u32>,
) -> Vec<LinePoint> {
    months
        .iter()
        .enumerate()
        .filter_map(|(i, point)| {
            let month = Month::parse(&point.month)?;
            let v = value(point);
            Some(LinePoint {
                key: point.month.clone(),
                label: i18n::month_name(lang, month),
                axis: axis_label(lang, i, months.len(), month),
                value: v,
                text: v.map(|v| text(lang, v)).unwrap_or_default(),
                count: count(point),
            })
        })
        .collect()
}

/// The chart's description: the months it covers, how many have a value, the latest.
fn describe(lang: Lang, what: Msg, points: &[LinePoint]) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return String::new();
    };
    let with_value = points.iter().filter(|p| p.value.is_some()).count();
    let latest = points
        .iter()
        .rev()
        .find(|p| p.value.is_some())
        .map(|p| (p.label.as_str(), p.text.as_str()));
    i18n::line_chart_desc(
        lang,
        what.text(lang),
        &first.label,
        &last.label,
        with_value,
        points.len(),
        latest,
    )
}

fn nps_scale() -> Scale {
    Scale {
        min: -100.0,
        max: 100.0,
        ticks: [-100.0, -50.0, 0.0, 50.0, 100.0]
            .into_iter()
            .map(|v| (v, i18n::signed(Lang::En, v, 0)))
            .collect(),
    }
}

fn health_scale() -> Scale {
    Scale {
        min: 0.0,
        max: 100.0,
        ticks: [0.0, 25.0, 50.0, 75.0, 100.0]
            .into_iter()
            .map(|v| (v, format!("{v:.0}")))
            .collect(),
    }
}

/// The customer's view and the team's as two lines on one scale, where the gap between
/// them shows; nothing when neither side has a month.
fn views_chart(lang: Lang, customer: Vec<LinePoint>, team: Vec<LinePoint>, marked: Option<String>) -> Option<AnyView> {
    if customer.iter().chain(&team).all(|p| p.value.is_none()) {
        return None;
    }
    let (first, last) = (customer.first()?.label.clone(), customer.last()?.label.clone());
    let latest = customer
        .iter()
        .zip(&team)
        .rev()
        .find_map(|(c, t)| Some((c.label.as_str(), c.value?, t.value?)));
    let desc = i18n::views_chart_desc(lang, &first, &last, latest);
    Some(
        view! {
            <div class="chart-block" data-testid="views-chart">
                <h3>{Msg::TrendsViews.text(lang)}</h3>
                <LineChart
                    id="views-chart"
                    title=Msg::TrendsViews.text(lang).to_string()
                    desc
                    value_heading=Msg::TrendsViewCustomer.text(lang).to_string()
                    points=customer
                    scale=health_scale()
                    marked
                    second=Series { name: Msg::TrendsViewTeam.text(lang).to_string(), points: team }
                />
                <p class="muted chart-note">
                    {i18n::fill(lang, Msg::TrendsViewsNote, &[("p", &format!("{GAP_FLAG_POINTS:.0}"))])}
                </p>
            </div>
        }
        .into_any(),
    )
}

#[component]
pub fn Trends(months: Memo<Vec<MonthPoint>>, period: Memo<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let charts = move || {
        let lang = lang.get();
        let months = months.get();
        let marked = period.get();
        let nps = points(
            lang,
            &months,
            |p| p.values.nps,
            |lang, v| i18n::signed(lang, v, 0),
            |p| Some(p.nps_respondents),
        );
        let whole = |_, v: f64| format!("{v:.0}");
        let health = points(lang, &months, |p| p.values.health, whole, |_| None);
        let views = views_chart(
            lang,
            points(lang, &months, |p| p.customer_view, whole, |_| None),
            points(lang, &months, |p| p.team_view, whole, |_| None),
            marked.clone(),
        );
        if nps.iter().chain(&health).all(|p| p.value.is_none()) {
            return view! { <p class="empty">{t(Msg::TrendsEmpty)}</p> }.into_any();
        }
        let nps_desc = describe(lang, Msg::TrendsNps, &nps);
        let health_desc = describe(lang, Msg::TrendsHealth, &health);
        view! {
            <div class="charts">
                <div class="chart-block" data-testid="nps-chart">
                    <h3>{Msg::TrendsNps.text(lang)}</h3>
                    <LineChart
                        id="nps-chart"
                        title=Msg::TrendsNps.text(lang).to_string()
                        desc=nps_desc
                        value_heading=Msg::FactorNps.text(lang).to_string()
                        points=nps
                        scale=nps_scale()
                        marked=marked.clone()
                        baseline=0.0
                        count_heading=Msg::TrendsNpsAnswers.text(lang).to_string()
                    />
                    <p class="muted chart-note">
                        {i18n::fill(lang, Msg::TrendsNpsAnswersNote, &[("d", &HEALTH_WINDOW_DAYS.to_string())])}
                    </p>
                </div>
                <div class="chart-block" data-testid="health-chart">
                    <h3>{Msg::TrendsHealth.text(lang)}</h3>
                    <LineChart
                        id="health-chart"
                        title=Msg::TrendsHealth.text(lang).to_string()
                        desc=health_desc
                        value_heading=Msg::HealthScore.text(lang).to_string()
                        points=health
                        scale=health_scale()
                        marked
                    />
                </div>
                {views}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="trends-heading" data-testid="account-trends">
            <h2 id="trends-heading">{t(Msg::TrendsTitle)}</h2>
            {charts}
        </section>
    }
}

fn aspect_label(lang: Lang, point: &ExpectationPoint) -> String {
    let own = point.label.get(lang).trim();
    if !own.is_empty() {
        return own.to_string();
    }
    i18n::aspect_text(lang, &point.aspect)
}

#[component]
pub fn Expectations(expectations: Memo<Vec<ExpectationPoint>>) -> impl IntoView {
    let lang = use_lang();
    let chart = move || {
        let lang = lang.get();
        let list = expectations.get();
        if list.iter().all(|p| p.expected.is_none() && p.fulfilled.is_none()) {
            return view! { <p class="empty">{t(Msg::ExpectationsEmpty)}</p> }.into_any();
        }
        let score = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| i18n::decimal(lang, v, 1));
        let pairs: Vec<BarPair> = list
            .iter()
            .map(|p| BarPair {
                label: aspect_label(lang, p),
                first: p.expected,
                first_text: score(p.expected),
                second: p.fulfilled,
                second_text: score(p.fulfilled),
                difference: i18n::shortfall(lang, p.expected, p.fulfilled),
            })
            .collect();
        let worst = list
            .iter()
            .filter_map(|p| Some((aspect_label(lang, p), p.expected? - p.fulfilled?)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let desc = i18n::expectations_desc(lang, pairs.len(), worst.as_ref().map(|(l, g)| (l.as_str(), *g)));
        view! {
            <PairedBarChart
                id="expectations-chart"
                title=Msg::ExpectationsTitle.text(lang).to_string()
                desc
                label_heading=Msg::ExpectationsAspect.text(lang).to_string()
                first_name=Msg::ExpectationsExpected.text(lang).to_string()
                second_name=Msg::ExpectationsFulfilled.text(lang).to_string()
                difference_heading=Msg::ExpectationsShortfall.text(lang).to_string()
                pairs
                scale=Scale {
                    min: 0.0,
                    max: 5.0,
                    ticks: (1..=5).map(|v| (f64::from(v), v.to_string())).collect(),
                }
            />
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="expectations-heading" data-testid="expectations">
            <h2 id="expectations-heading">{t(Msg::ExpectationsTitle)}</h2>
            <p class="muted">{t(Msg::ExpectationsIntro)}</p>
            {chart}
        </section>
    }
}
