//! Health, the heatmap and the account view: signals, factors, periods and charts.

use super::*;

/// A risk band as a list shows it: `Churn risk: high`.
pub fn churn_risk_band(lang: Lang, band: kaiku_core::health::RiskBand) -> String {
    let name = risk_band_name(band).text(lang).to_lowercase();
    format!("{}: {name}", Msg::HealthBand.text(lang))
}

pub fn more_at_risk(lang: Lang, more: usize) -> String {
    match lang {
        Lang::En => format!("{more} more on the heatmap"),
        Lang::Fi => format!("{more} muuta lämpökartalla"),
    }
}

pub fn risk_band_name(band: kaiku_core::health::RiskBand) -> Msg {
    use kaiku_core::health::RiskBand;
    match band {
        RiskBand::Low => Msg::RiskLow,
        RiskBand::Medium => Msg::RiskMedium,
        RiskBand::High => Msg::RiskHigh,
        RiskBand::Critical => Msg::RiskCritical,
    }
}

/// Why a factor counts, under its weight.
pub fn factor_help(factor: kaiku_core::health::Factor) -> Msg {
    use kaiku_core::health::Factor;
    match factor {
        Factor::Nps => Msg::FactorNpsHelp,
        Factor::Ratings => Msg::FactorRatingsHelp,
        Factor::TeamHealth => Msg::FactorTeamHealthHelp,
        Factor::TeamRisk => Msg::FactorTeamRiskHelp,
        Factor::Gap => Msg::FactorGapHelp,
        Factor::Trend => Msg::FactorTrendHelp,
        Factor::ResponseRate => Msg::FactorResponseRateHelp,
        Factor::OpenItems => Msg::FactorOpenItemsHelp,
        Factor::ExpectationGap => Msg::FactorExpectationGapHelp,
    }
}

/// A weight outside what the score allows.
pub fn weight_range(lang: Lang) -> String {
    let max = kaiku_core::health::WEIGHT_MAX;
    match lang {
        Lang::En => format!("Use a number from 0 to {max}."),
        Lang::Fi => format!("Käytä lukua väliltä 0–{max}."),
    }
}

pub fn factor_name(factor: kaiku_core::health::Factor) -> Msg {
    use kaiku_core::health::Factor;
    match factor {
        Factor::Nps => Msg::FactorNps,
        Factor::Ratings => Msg::FactorRatings,
        Factor::TeamHealth => Msg::FactorTeamHealth,
        Factor::TeamRisk => Msg::FactorTeamRisk,
        Factor::Gap => Msg::FactorGap,
        Factor::Trend => Msg::FactorTrend,
        Factor::ResponseRate => Msg::FactorResponseRate,
        Factor::OpenItems => Msg::FactorOpenItems,
        Factor::ExpectationGap => Msg::FactorExpectationGap,
    }
}

/// The one line on an account's header saying why it needs attention.
pub fn attention_reason(lang: Lang, reason: kaiku_core::health::AttentionReason) -> String {
    use kaiku_core::health::AttentionReason;
    match (reason, lang) {
        (AttentionReason::Gap(gap), Lang::En) => {
            format!("Needs attention because the team is worried while the customer is happy: {gap:.0} points apart.")
        }
        (AttentionReason::Gap(gap), Lang::Fi) => {
            format!("Vaatii huomiota, koska tiimi on huolissaan, vaikka asiakas on tyytyväinen: {gap:.0} pisteen ero.")
        }
        (AttentionReason::Factor(factor, value), Lang::En) => format!(
            "Needs attention because of {}: {}.",
            factor_name(factor).text(lang).to_lowercase(),
            factor_value(lang, factor, value)
        ),
        (AttentionReason::Factor(factor, value), Lang::Fi) => format!(
            "Vaatii huomiota, syynä {}: {}.",
            factor_name(factor).text(lang).to_lowercase(),
            factor_value(lang, factor, value)
        ),
    }
}

pub fn health_gap(lang: Lang, gap: f64) -> String {
    match lang {
        Lang::En => format!(
            "The customer is much happier than the team thinks is warranted ({gap:.0} points apart) — the case to look at first."
        ),
        Lang::Fi => format!(
            "Asiakas on paljon tyytyväisempi kuin tiimi pitää perusteltuna ({gap:.0} pisteen ero) — tähän kannattaa tarttua ensin."
        ),
    }
}

pub fn health_window(lang: Lang, days: u32) -> String {
    match lang {
        Lang::En => {
            format!("From the last {days} days: the customers' answers, the team's counter-feedback and the actions.")
        }
        Lang::Fi => format!(
            "Viimeisten {days} päivän aineistosta: asiakkaiden vastaukset, tiimin vastapalaute ja toimenpiteet."
        ),
    }
}

/// The name of a heatmap column.
pub fn signal_name(signal: kaiku_core::heatmap::Signal) -> Msg {
    use kaiku_core::heatmap::Signal;
    match signal {
        Signal::Health => Msg::SignalHealth,
        Signal::Nps => Msg::SignalNps,
        Signal::TeamHealth => Msg::SignalTeamHealth,
        Signal::ChurnRisk => Msg::SignalChurnRisk,
        Signal::Gap => Msg::SignalGap,
        Signal::Trend => Msg::SignalTrend,
        Signal::ResponseRate => Msg::SignalResponseRate,
        Signal::ExpectationGap => Msg::SignalExpectationGap,
        Signal::RevenueAtRisk => Msg::SignalRevenueAtRisk,
    }
}

/// How good or bad a heatmap level (1 good … 5 bad) is, as the legend says it.
pub fn level_name(level: kaiku_core::heatmap::Level) -> Msg {
    match level {
        ..=1 => Msg::LevelGood,
        2 => Msg::LevelFairlyGood,
        3 => Msg::LevelNeutral,
        4 => Msg::LevelWeak,
        _ => Msg::LevelPoor,
    }
}

/// A heatmap cell's value as the language writes it: health `62`, NPS `+35`, team
/// health `3,4`, the churn-risk band's name, gap `+42`, trend `−12`, response rate
/// `67 %`, expectations `+0,8`, revenue `60 000 €`; `—` when there is none.
pub fn signal_value(lang: Lang, signal: kaiku_core::heatmap::Signal, value: Option<f64>) -> String {
    use kaiku_core::health::RiskBand;
    use kaiku_core::heatmap::Signal;
    let Some(value) = value else {
        return "—".to_string();
    };
    match signal {
        Signal::Health => format!("{value:.0}"),
        Signal::Nps | Signal::Gap | Signal::Trend => signed(lang, value, 0),
        Signal::TeamHealth => decimal(lang, value, 1),
        Signal::ChurnRisk => {
            let band = RiskBand::ALL[value.round().clamp(0.0, 3.0) as usize];
            risk_band_name(band).text(lang).to_string()
        }
        Signal::ResponseRate => percent(lang, value),
        Signal::ExpectationGap => signed(lang, value, 1),
        Signal::RevenueAtRisk => euros(lang, value.round() as i64),
    }
}

/// A health factor's measure in its own unit, written like the heatmap's cells.
pub fn factor_value(lang: Lang, factor: kaiku_core::health::Factor, value: f64) -> String {
    use kaiku_core::health::Factor;
    match factor {
        Factor::Nps | Factor::Gap | Factor::Trend => signed(lang, value, 0),
        Factor::Ratings | Factor::TeamHealth => decimal(lang, value, 1),
        Factor::TeamRisk => match value.round() as i64 {
            ..=0 => Msg::RiskNone,
            1 => Msg::RiskLow,
            2 => Msg::RiskMedium,
            _ => Msg::RiskHigh,
        }
        .text(lang)
        .to_string(),
        Factor::ResponseRate => percent(lang, value),
        Factor::OpenItems => format!("{value:.0}"),
        Factor::ExpectationGap => signed(lang, value, 1),
    }
}

/// A heatmap period as a column heading: `May 2026` / `5/2026` for `2026-05`,
/// `Q2 2026` / `Q2/2026` for `2026-Q2`.
pub fn period_label(lang: Lang, period: &str) -> String {
    if let Some(month) = kaiku_core::evidence::Month::parse(period) {
        return match lang {
            Lang::En => format!("{} {}", MONTHS_EN[month.month as usize - 1], month.year),
            Lang::Fi => format!("{}/{}", month.month, month.year),
        };
    }
    match (lang, period.split_once("-Q")) {
        (Lang::En, Some((year, quarter))) => format!("Q{quarter} {year}"),
        (Lang::Fi, Some((year, quarter))) => format!("Q{quarter}/{year}"),
        (_, None) => period.to_string(),
    }
}

/// The period a heatmap cell's evidence is from: now, a month, or a quarter (told by
/// its last month, which is what a quarter's cell opens).
pub fn evidence_period(lang: Lang, period: Option<&str>, month: Option<&str>, window_days: u32) -> String {
    let month_name = |label: &str| {
        kaiku_core::evidence::Month::parse(label)
            .and_then(|m| NaiveDate::from_ymd_opt(m.year, m.month, 1))
            .map(|day| month_year(lang, day))
            .unwrap_or_else(|| label.to_string())
    };
    match (lang, period, month) {
        (Lang::En, None, _) | (Lang::En, _, None) => format!("Now: the last {window_days} days"),
        (Lang::Fi, None, _) | (Lang::Fi, _, None) => format!("Nyt: viimeiset {window_days} päivää"),
        (_, Some(period), Some(month)) if period == month => month_name(month),
        (Lang::En, Some(period), Some(month)) => {
            format!("{}, as of {}", period_label(lang, period), month_name(month))
        }
        (Lang::Fi, Some(period), Some(month)) => format!(
            "{}, tilanne {}",
            period_label(lang, period),
            month_name(month).to_lowercase()
        ),
    }
}

/// "As of 1 Dec 2026, from the last 180 days."
pub fn heatmap_as_of(lang: Lang, as_of: &DateTime<Utc>, window_days: u32) -> String {
    let day = date(lang, as_of);
    match lang {
        Lang::En => format!("As of {day}, from the last {window_days} days."),
        Lang::Fi => format!("Tilanne {day}, viimeisten {window_days} päivän ajalta."),
    }
}

/// "Sort by NPS", for a column heading's button.
pub fn sort_by(lang: Lang, column: &str) -> String {
    match lang {
        Lang::En => format!("Sort by {column}"),
        Lang::Fi => format!("Järjestä: {column}"),
    }
}

/// One month's figures, for the line under the account's name when the page shows a
/// period: `May 2026: health 62/100, medium churn risk, NPS +20, …`.
pub fn period_summary(
    lang: Lang,
    month: kaiku_core::evidence::Month,
    point: Option<&kaiku_core::overview::MonthPoint>,
) -> String {
    let name = month_name(lang, month);
    let Some(point) = point else {
        return match lang {
            Lang::En => format!("No figures for {name}: the charts cover the last 24 months."),
            Lang::Fi => format!("{name}: ei lukuja, sillä kaaviot kattavat viimeiset 24 kuukautta."),
        };
    };
    let values = &point.values;
    let mut parts = vec![];
    match (values.health, lang) {
        (Some(health), Lang::En) => parts.push(format!("health {health:.0}/100")),
        (Some(health), Lang::Fi) => parts.push(format!("terveys {health:.0}/100")),
        (None, Lang::En) => parts.push("no health score".to_string()),
        (None, Lang::Fi) => parts.push("ei terveyslukua".to_string()),
    }
    if let Some(band) = values.band {
        let band = risk_band_name(band).text(lang).to_lowercase();
        parts.push(match lang {
            Lang::En => format!("{band} churn risk"),
            Lang::Fi => format!("poistumariski {band}"),
        });
    }
    if let Some(nps) = values.nps {
        parts.push(format!("NPS {}", signed(lang, nps, 0)));
    }
    if let Some(team) = values.team_health {
        let team = decimal(lang, team, 1);
        parts.push(match lang {
            Lang::En => format!("the team's view {team}/5"),
            Lang::Fi => format!("tiimin näkemys {team}/5"),
        });
    }
    parts.push(match (lang, point.responses) {
        (Lang::En, 1) => "1 response".to_string(),
        (Lang::En, n) => format!("{n} responses"),
        (Lang::Fi, 1) => "1 vastaus".to_string(),
        (Lang::Fi, n) => format!("{n} vastausta"),
    });
    format!("{name}: {}.", parts.join(", "))
}

/// Above the timeline when the page shows a period.
pub fn timeline_period(lang: Lang, month: kaiku_core::evidence::Month) -> String {
    match lang {
        Lang::En => format!("Entries from {} are highlighted.", month_name(lang, month)),
        Lang::Fi => format!("Merkinnät ajalta {}/{} on korostettu.", month.month, month.year),
    }
}

/// The flag on a timeline entry whose customer is much happier than the team thinks is
/// warranted: the customer's score (`9/10`), the team's latest churn risk and health.
pub fn timeline_gap(
    lang: Lang,
    customer: Option<&str>,
    team: Option<(kaiku_core::counterfeedback::ChurnRisk, u8)>,
    gap: f64,
) -> String {
    use kaiku_core::counterfeedback::ChurnRisk;
    let points = format!("{gap:.0}");
    let (Some(customer), Some((risk, health))) = (customer, team) else {
        return match lang {
            Lang::En => format!("Customer happy, team worried: {points} points apart."),
            Lang::Fi => format!("Asiakas tyytyväinen, tiimi huolissaan: {points} pisteen ero."),
        };
    };
    match lang {
        Lang::En => {
            let risk = match risk {
                ChurnRisk::None => "no churn risk",
                ChurnRisk::Low => "low churn risk",
                ChurnRisk::Medium => "medium churn risk",
                ChurnRisk::High => "high churn risk",
            };
            format!(
                "Customer happy, team worried: {customer} vs {risk} (relationship health {health}/5), {points} points apart."
            )
        }
        Lang::Fi => {
            let risk = match risk {
                ChurnRisk::None => "ei poistumariskiä",
                ChurnRisk::Low => "matala poistumariski",
                ChurnRisk::Medium => "keskitason poistumariski",
                ChurnRisk::High => "korkea poistumariski",
            };
            format!(
                "Asiakas tyytyväinen, tiimi huolissaan: {customer} vs. {risk} (asiakkuuden terveys {health}/5), {points} pisteen ero."
            )
        }
    }
}

/// What the customer-vs-team chart shows, for screen readers: the months it covers and
/// the latest month with both views, `(month, customer, team)`.
pub fn views_chart_desc(lang: Lang, first: &str, last: &str, latest: Option<(&str, f64, f64)>) -> String {
    match lang {
        Lang::En => {
            let latest = latest.map_or_else(
                || "; no month has both views yet".to_string(),
                |(month, customer, team)| {
                    format!(
                        "; in {month} the customer {customer:.0}, the team {team:.0}, {:.0} points apart",
                        (customer - team).abs()
                    )
                },
            );
            format!("The customer's view and the team's, both 0–100, {first} to {last}{latest}.")
        }
        Lang::Fi => {
            let (first, last) = (first.to_lowercase(), last.to_lowercase());
            let latest = latest.map_or_else(
                || "; kummankin näkemystä ei vielä ole yhdeltäkään kuukaudelta".to_string(),
                |(month, customer, team)| {
                    format!(
                        "; viimeisin ({}): asiakas {customer:.0}, tiimi {team:.0}, eroa {:.0} pistettä",
                        month.to_lowercase(),
                        (customer - team).abs()
                    )
                },
            );
            format!("Asiakkaan ja tiimin näkemys, kumpikin asteikolla 0–100, {first} – {last}{latest}.")
        }
    }
}

/// What a month-by-month chart shows, for screen readers.
pub fn line_chart_desc(
    lang: Lang,
    what: &str,
    first: &str,
    last: &str,
    with_value: usize,
    months: usize,
    latest: Option<(&str, &str)>,
) -> String {
    match lang {
        Lang::En => {
            let latest = latest.map_or_else(String::new, |(month, value)| {
                format!("; the latest, {value}, in {month}")
            });
            format!("{what}, {first} to {last}: a value for {with_value} of {months} months{latest}.")
        }
        Lang::Fi => {
            // Month names are written in lower case inside a sentence.
            let (first, last) = (first.to_lowercase(), last.to_lowercase());
            let latest = latest.map_or_else(String::new, |(month, value)| {
                format!("; viimeisin {value} ({})", month.to_lowercase())
            });
            format!("{what}, {first} – {last}: arvo {with_value} kuukaudelta {months}:stä{latest}.")
        }
    }
}

/// What the expectations chart shows: the aspects and the largest shortfall.
pub fn expectations_desc(lang: Lang, aspects: usize, worst: Option<(&str, f64)>) -> String {
    let first = match lang {
        Lang::En => format!("Expected against fulfilled, from 1 to 5, for {aspects} aspects."),
        Lang::Fi => format!("Odotus ja toteutuma asteikolla 1–5, {aspects} osa-aluetta."),
    };
    let second = match (worst, lang) {
        (Some((aspect, gap)), Lang::En) if gap > 0.0 => {
            format!(
                " The largest shortfall: {aspect}, {} below expected.",
                decimal(lang, gap, 1)
            )
        }
        (Some((aspect, gap)), Lang::Fi) if gap > 0.0 => {
            format!(" Suurin vaje: {aspect}, {} alle odotuksen.", decimal(lang, gap, 1))
        }
        (Some(_), Lang::En) => " Every aspect met expectations.".to_string(),
        (Some(_), Lang::Fi) => " Jokainen osa-alue täytti odotukset.".to_string(),
        (None, _) => String::new(),
    };
    first + &second
}

/// How far fulfilment falls short of the expectation, or that it was met.
pub fn shortfall(lang: Lang, expected: Option<f64>, fulfilled: Option<f64>) -> String {
    let (Some(expected), Some(fulfilled)) = (expected, fulfilled) else {
        return "—".into();
    };
    let gap = expected - fulfilled;
    match lang {
        _ if gap < 0.05 => Msg::ExpectationsMet.text(lang).into(),
        Lang::En => format!("{} short", decimal(lang, gap, 1)),
        Lang::Fi => format!("{} vajaa", decimal(lang, gap, 1)),
    }
}

/// A churn cause's count in one quarter, in words (the table shows `2 / 1`).
pub fn cause_counts(lang: Lang, customer: u32, team: u32) -> String {
    match lang {
        Lang::En => format!("{customer} in the customers' answers, {team} in the team's counter-feedback"),
        Lang::Fi => format!("{customer} asiakkaiden vastauksissa, {team} tiimin vastapalautteessa"),
    }
}
