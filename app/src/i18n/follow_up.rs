//! "You said, we did" and the expectation chain.

use super::*;

/// How much of an account's feedback was answered with a "we did".
pub fn we_did_share(lang: Lang, answered: u32, feedback: u32) -> String {
    let percent = kaiku_core::said_we_did::WeDidShare { feedback, answered }.percent();
    match (lang, percent) {
        (Lang::En, None) => "No feedback asking for change yet.".to_string(),
        (Lang::Fi, None) => "Ei vielä muutosta pyytävää palautetta.".to_string(),
        (Lang::En, Some(p)) => {
            format!("{answered} of {feedback} responses asking for change answered with \"we did\" ({p} %)")
        }
        (Lang::Fi, Some(p)) => {
            format!("{answered}/{feedback} muutosta pyytäneeseen vastaukseen kerrottu, mitä teimme ({p} %)")
        }
    }
}

/// One telling: to whom, how and when.
pub fn we_did_told(lang: Lang, contact: &str, channel: &str, at: &str) -> String {
    match lang {
        Lang::En => format!("Told {contact} {channel}, {at}"),
        Lang::Fi => format!("Kerrottu: {contact} {channel}, {at}"),
    }
}

pub fn we_did_send(lang: Lang, contact: &str) -> String {
    match lang {
        Lang::En => format!("Email {contact} now"),
        Lang::Fi => format!("Lähetä sähköposti nyt: {contact}"),
    }
}

pub fn we_did_confirm_send(lang: Lang, contact: &str) -> String {
    match lang {
        Lang::En => format!("Send {contact} an email now with what we did?"),
        Lang::Fi => format!("Lähetetäänkö yhteyshenkilölle {contact} nyt sähköposti siitä, mitä teimme?"),
    }
}

pub fn promise_status_name(status: kaiku_core::promise::PromiseStatus) -> Msg {
    use kaiku_core::promise::PromiseStatus;
    match status {
        PromiseStatus::Kept => Msg::PromiseKept,
        PromiseStatus::Broken => Msg::PromiseBroken,
        PromiseStatus::NotYetRated => Msg::PromiseNotYetRated,
    }
}

pub fn breach_reason_name(reason: kaiku_core::promise::BreachReason) -> Msg {
    use kaiku_core::promise::BreachReason;
    match reason {
        BreachReason::BelowImportance => Msg::PromiseBelowImportance,
        BreachReason::Dropped => Msg::PromiseDropped,
    }
}

/// "Promised by Sanna on 2026-03-01", "kept 2 · broken 1 · not rated 0".
pub fn promised_by(lang: Lang, name: &str, at: DateTime<Utc>) -> String {
    match lang {
        Lang::En => format!("promised by {name} on {}", at.format("%Y-%m-%d")),
        Lang::Fi => format!("lupasi {name} {}", at.format("%-d.%-m.%Y")),
    }
}

pub fn chain_counts(lang: Lang, kept: u32, broken: u32, pending: u32) -> String {
    match lang {
        Lang::En => format!("kept {kept} · broken {broken} · not rated yet {pending}"),
        Lang::Fi => format!("pitänyt {kept} · ei pitänyt {broken} · arvioimatta {pending}"),
    }
}
