//! Outcomes, the backtest and revenue at risk.

use super::*;

/// Below the reliability threshold: the figures are shown with this warning.
pub fn backtest_unreliable(lang: Lang, outcomes: u32) -> String {
    match lang {
        Lang::En => format!(
            "Only {outcomes} decided outcomes: the figures are not yet reliable (30 or more are needed). They are shown anyway."
        ),
        Lang::Fi => format!(
            "Vain {outcomes} ratkennutta lopputulosta: luvut eivät ole vielä luotettavia (tarvitaan vähintään 30). Ne näytetään silti."
        ),
    }
}

pub fn backtest_days_before(lang: Lang, days: u32) -> String {
    match lang {
        Lang::En => format!("{days} days before the outcome"),
        Lang::Fi => format!("{days} päivää ennen lopputulosta"),
    }
}

/// Which band probabilities revenue at risk uses, and from how many outcomes.
pub fn probabilities_in_use(lang: Lang, own: bool, outcomes: u32) -> String {
    match (lang, own) {
        (Lang::En, false) => format!(
            "In use: the defaults (5/20/50/80 %). The organisation's own {outcomes} outcomes are too few to calibrate them."
        ),
        (Lang::Fi, false) => format!(
            "Käytössä: oletukset (5/20/50/80 %). Organisaation omat {outcomes} lopputulosta eivät vielä riitä niiden kalibrointiin."
        ),
        (Lang::En, true) => format!(
            "In use: calibrated from the organisation's own {outcomes} outcomes, each band drawn towards its default where its outcomes are few."
        ),
        (Lang::Fi, true) => format!(
            "Käytössä: kalibroitu organisaation omista {outcomes} lopputuloksesta; kunkin luokan arvo on lähempänä oletusta, mitä vähemmän sillä on lopputuloksia."
        ),
    }
}

/// What revenue at risk beside it is priced with, in a line for the heatmap and the
/// account's health card.
pub fn revenue_at_risk_basis(lang: Lang, probabilities: &kaiku_core::health::BandProbabilities) -> String {
    let own = probabilities.source == kaiku_core::health::ProbabilitySource::OwnOutcomes;
    let n = probabilities.outcomes;
    let from = kaiku_core::backtest::RELIABLE_FROM_OUTCOMES;
    match (lang, own) {
        (Lang::En, true) => {
            format!("Revenue at risk is priced with probabilities calibrated from your own {n} outcomes.")
        }
        (Lang::Fi, true) => {
            format!(
                "Riskissä oleva liikevaihto on laskettu omista {n} lopputuloksestanne kalibroiduilla todennäköisyyksillä."
            )
        }
        (Lang::En, false) => format!(
            "Revenue at risk is priced with the default probabilities (5/20/50/80 %) until {from} outcomes are recorded."
        ),
        (Lang::Fi, false) => format!(
            "Riskissä oleva liikevaihto on laskettu oletustodennäköisyyksillä (5/20/50/80 %), kunnes lopputuloksia on kirjattu {from}."
        ),
    }
}

pub fn revenue_at_risk_compared(lang: Lang, in_use: i64, defaults: i64) -> String {
    match lang {
        Lang::En => format!(
            "Revenue at risk at the last month's end: {} (with the defaults {}).",
            euros(lang, in_use),
            euros(lang, defaults)
        ),
        Lang::Fi => format!(
            "Riskissä oleva liikevaihto viime kuun lopussa: {} (oletuksilla {}).",
            euros(lang, in_use),
            euros(lang, defaults)
        ),
    }
}

pub fn weights_applied(lang: Lang, by: &str, at: &DateTime<Utc>, outcomes: u32) -> String {
    let when = date(lang, at);
    match lang {
        Lang::En => format!("{by} applied proposed weights on {when} (fitted on {outcomes} outcomes)."),
        Lang::Fi => format!("{by} otti ehdotetut painot käyttöön {when} ({outcomes} lopputuloksen pohjalta)."),
    }
}

pub fn outcome_kind_name(kind: kaiku_core::outcome::OutcomeKind) -> Msg {
    use kaiku_core::outcome::OutcomeKind;
    match kind {
        OutcomeKind::Renewed => Msg::OutcomeRenewed,
        OutcomeKind::Expanded => Msg::OutcomeExpanded,
        OutcomeKind::Contracted => Msg::OutcomeContracted,
        OutcomeKind::Churned => Msg::OutcomeChurned,
        OutcomeKind::Paused => Msg::OutcomePaused,
        OutcomeKind::ProjectEnded => Msg::OutcomeProjectEnded,
    }
}

pub const OUTCOMES_IMPORT_EXAMPLE: &str = "account,kind,date,revenue_before_eur,revenue_after_eur,reasons,note\nGlobex Oy,churned,2026-09-30,120000,0,voice_lost;competitors_ahead,Moved to a bigger agency\nInitech,renewed,2026-10-15,80000,80000,,";

pub fn outcomes_import_summary(lang: Lang, report: &kaiku_core::outcome::OutcomeImportReport) -> String {
    let refused = report.rows.iter().filter(|r| r.error.is_some()).count();
    let created = report.created;
    match (lang, report.dry_run) {
        (Lang::En, true) => format!(
            "Preview: {created} outcomes would be recorded; {refused} rows are refused (see below). Nothing is saved yet."
        ),
        (Lang::En, false) => format!("Recorded {created} outcomes; {refused} rows were refused."),
        (Lang::Fi, true) => format!(
            "Esikatselu: kirjattaisiin {created} lopputulosta; {refused} riviä hylätään (ks. alla). Mitään ei ole vielä tallennettu."
        ),
        (Lang::Fi, false) => format!("Kirjattiin {created} lopputulosta; {refused} riviä hylättiin."),
    }
}

/// Why an outcome row was refused, by the column the server named.
pub fn outcome_import_problem(lang: Lang, field: Option<&str>, server_message: &str) -> String {
    let (en, fi) = match field.unwrap_or_default() {
        "account" => (
            "No account of your organisation has this name.",
            "Organisaatiollanne ei ole tämännimistä asiakkuutta.",
        ),
        "kind" => (
            "kind must be renewed, expanded, contracted, churned, paused or project_ended.",
            "kind-sarakkeen on oltava renewed, expanded, contracted, churned, paused tai project_ended.",
        ),
        "date" => (
            "The date is missing, in the future, or not written like 2026-01-31.",
            "Päivämäärä puuttuu, on tulevaisuudessa tai ei ole muotoa 2026-01-31.",
        ),
        "revenue_before_eur" | "revenue_after_eur" => (
            "Revenue is whole euros; after a churn it is 0, after an expansion higher and after a contraction lower.",
            "Liikevaihto on kokonaisia euroja; poistumisen jälkeen 0, laajentumisen jälkeen suurempi ja supistumisen jälkeen pienempi.",
        ),
        "reasons" => (
            "The reasons are not churn cause codes, repeat one, or are given for a renewal or expansion.",
            "Syyt eivät ole poistumasyiden koodeja, toistavat samaa tai on annettu uusinnalle tai laajentumiselle.",
        ),
        "note" => (
            "The note is too long or holds hidden characters.",
            "Huomio on liian pitkä tai sisältää näkymättömiä merkkejä.",
        ),
        _ => return server_message.to_string(),
    };
    match lang {
        Lang::En => en,
        Lang::Fi => fi,
    }
    .to_string()
}

pub fn outcome_edited(lang: Lang, versions: usize) -> String {
    match lang {
        Lang::En => format!("edited; {versions} earlier version(s) kept"),
        Lang::Fi => format!("muokattu; {versions} aiempaa versiota tallessa"),
    }
}
