//! Dates, months, quarters and numbers as each language writes them: the one formatter the pages use.

use super::*;

/// When something is due on the home page: "due 8 Dec 2026", or overdue since then.
pub fn due_by(lang: Lang, at: &DateTime<Utc>, late: bool) -> String {
    let day = date(lang, at);
    match (lang, late) {
        (Lang::En, false) => format!("due {day}"),
        (Lang::En, true) => format!("overdue since {day}"),
        (Lang::Fi, false) => format!("määräpäivä {day}"),
        (Lang::Fi, true) => format!("myöhässä {day} alkaen"),
    }
}

/// Whole euros with the language's thousands separator: `€120,000` or `120 000 €`.
pub fn euros(lang: Lang, amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let separator = match lang {
        Lang::En => ",",
        Lang::Fi => "\u{a0}",
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(c);
    }
    let sign = if amount < 0 { "-" } else { "" };
    match lang {
        Lang::En => format!("{sign}€{grouped}"),
        Lang::Fi => format!("{sign}{grouped}\u{a0}€"),
    }
}

/// A calendar day, written as [`date`] writes it.
pub fn day(lang: Lang, day: NaiveDate) -> String {
    date(lang, &day.and_time(chrono::NaiveTime::MIN).and_utc())
}

pub(crate) const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date the way each language writes it: `23.11.2026` or `23 Nov 2026`.
pub fn date(lang: Lang, at: &DateTime<Utc>) -> String {
    match lang {
        Lang::Fi => format!("{}.{}.{}", at.day(), at.month(), at.year()),
        Lang::En => format!("{} {} {}", at.day(), MONTHS_EN[at.month0() as usize], at.year()),
    }
}

/// A month as a heading: `June 2026` or `Kesäkuu 2026`.
pub fn month_year(lang: Lang, day: NaiveDate) -> String {
    let month = kaiku_core::evidence::Month {
        year: day.year(),
        month: day.month(),
    };
    // Core's names are for running text ("marraskuu 2026"); a heading starts capitalised.
    let name = kaiku_core::digest::month_name(month, lang);
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A moment in the browser's time zone: `23 Nov 2026, 14:05` or `23.11.2026 klo 14.05`.
pub fn date_time(lang: Lang, at: &DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono::Local);
    let (hour, minute) = (local.hour(), local.minute());
    match lang {
        Lang::Fi => format!(
            "{}.{}.{} klo {hour}.{minute:02}",
            local.day(),
            local.month(),
            local.year()
        ),
        Lang::En => format!(
            "{} {} {}, {hour:02}:{minute:02}",
            local.day(),
            MONTHS_EN[local.month0() as usize],
            local.year()
        ),
    }
}

/// A number with `digits` decimals, with the language's decimal mark: `4.5` or `4,5`.
pub fn decimal(lang: Lang, value: f64, digits: usize) -> String {
    let text = format!("{value:.digits$}");
    match lang {
        Lang::En => text,
        Lang::Fi => text.replace('.', ","),
    }
}

/// How readable white text is on the accent: its contrast ratio, and whether that
/// is enough (`minimum`, WCAG AA).
pub fn contrast(lang: Lang, ratio: f64, minimum: f64) -> String {
    let enough = ratio >= minimum;
    let ratio = decimal(lang, ratio, 1);
    match (lang, enough) {
        (Lang::En, true) => format!("Contrast with white text {ratio}:1 – easy to read."),
        (Lang::En, false) => format!("Contrast with white text {ratio}:1 – too low."),
        (Lang::Fi, true) => format!("Kontrasti valkoiseen tekstiin {ratio}:1 – helppo lukea."),
        (Lang::Fi, false) => format!("Kontrasti valkoiseen tekstiin {ratio}:1 – liian pieni."),
    }
}

/// `+35`, `−12` (a real minus sign) or `0`: a change or a difference.
pub fn signed(lang: Lang, value: f64, decimals: usize) -> String {
    let text = decimal(lang, value.abs(), decimals);
    if text.chars().all(|c| matches!(c, '0' | '.' | ',')) {
        text
    } else if value > 0.0 {
        format!("+{text}")
    } else {
        format!("\u{2212}{text}")
    }
}

/// `67 %` in Finnish, `67%` in English.
pub(crate) fn percent(lang: Lang, value: f64) -> String {
    match lang {
        Lang::En => format!("{value:.0}%"),
        Lang::Fi => format!("{value:.0}\u{a0}%"),
    }
}

/// A month in words: `May 2026` or `Toukokuu 2026`.
pub fn month_name(lang: Lang, month: kaiku_core::evidence::Month) -> String {
    month_year(lang, month.start().date_naive())
}

/// A month where space is short (a chart's axis): `May 2026` or `5/2026`.
pub fn month_short(lang: Lang, month: kaiku_core::evidence::Month) -> String {
    match lang {
        Lang::En => format!("{} {}", MONTHS_EN[(month.month.clamp(1, 12) - 1) as usize], month.year),
        Lang::Fi => format!("{}/{}", month.month, month.year),
    }
}

/// A quarter (`2026-Q2` on the wire): `Q2 2026` or `Q2/2026`.
pub fn quarter(lang: Lang, label: &str) -> String {
    match (label.split_once("-Q"), lang) {
        (Some((year, q)), Lang::En) => format!("Q{q} {year}"),
        (Some((year, q)), Lang::Fi) => format!("Q{q}/{year}"),
        (None, _) => label.to_string(),
    }
}

/// How long an item has been open.
pub fn ago(lang: Lang, days: i64) -> String {
    let days = days.max(0);
    match (lang, days) {
        (Lang::En, 0) => "New today".into(),
        (Lang::Fi, 0) => "Uusi tänään".into(),
        (Lang::En, 1) => "Open for 1 day".into(),
        (Lang::Fi, 1) => "Avoinna 1 päivä".into(),
        (Lang::En, 2..14) => format!("Open for {days} days"),
        (Lang::Fi, 2..14) => format!("Avoinna {days} päivää"),
        (Lang::En, 14..60) => format!("Open for {} weeks", days / 7),
        (Lang::Fi, 14..60) => format!("Avoinna {} viikkoa", days / 7),
        (Lang::En, _) => format!("Open for {} months", days / 30),
        (Lang::Fi, _) => format!("Avoinna {} kuukautta", days / 30),
    }
}

pub fn due_on(lang: Lang, due: NaiveDate) -> String {
    let due = day(lang, due);
    match lang {
        Lang::En => format!("Due {due}"),
        Lang::Fi => format!("Määräpäivä {due}"),
    }
}

/// A share (0–1) as a percentage, `40 %` or `40%`; a dash when unknown.
pub fn share_percent(lang: Lang, share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_string(), |share| percent(lang, share * 100.0))
}

/// "18 % of the score": a health factor's share when every signal is known.
pub fn weight_share(lang: Lang, share: f64) -> String {
    let percent = (share * 100.0).round();
    match lang {
        Lang::En => format!("({percent:.0} % of the score)"),
        Lang::Fi => format!("({percent:.0} % luvusta)"),
    }
}
