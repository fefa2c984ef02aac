//! Accounts, contacts, their CSV imports and counter-feedback requests.

use super::*;

/// On a request: the colleagues who already gave their counter-feedback on the same answer.
pub fn colleagues_answered(lang: Lang, names: &[String]) -> String {
    let list = names.join(", ");
    match (lang, names.len()) {
        (Lang::En, 1) => format!("Already answered by a colleague: {list}"),
        (Lang::En, _) => format!("Already answered by colleagues: {list}"),
        (Lang::Fi, 1) => format!("Kollegasi on jo antanut vastapalautteen tähän vastaukseen: {list}"),
        (Lang::Fi, _) => format!("Kollegasi ovat jo antaneet vastapalautteen tähän vastaukseen: {list}"),
    }
}

/// "3 requests waiting", for the nav badge's label.
pub fn requests_waiting(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 request waiting".into(),
        (Lang::En, n) => format!("{n} requests waiting"),
        (Lang::Fi, 1) => "1 odottava pyyntö".into(),
        (Lang::Fi, n) => format!("{n} odottavaa pyyntöä"),
    }
}

/// The columns an import understands, as an example header and row.
pub const IMPORT_EXAMPLE: &str = "account,segments,stage,annual_value_eur,start_date,end_date,lead_email,notes,contact_name,contact_email,contact_title,contact_language,decision_maker\nGlobex Oy,growth marketing;seo,delivery,120000,2026-01-15,,lead@yourfirm.fi,,Maija Virtanen,maija@globex.fi,CMO,fi,yes";

pub fn import_summary(lang: Lang, report: &kaiku_core::account::ImportReport) -> String {
    let refused = report.rows.iter().filter(|r| r.error.is_some()).count();
    let (accounts, contacts) = (report.accounts_created, report.contacts_created);
    match (lang, report.dry_run) {
        (Lang::En, true) => format!(
            "Preview: {accounts} new accounts and {contacts} new contacts would be imported; {refused} rows are refused (see below). Nothing is saved yet."
        ),
        (Lang::En, false) => {
            format!("Imported {accounts} new accounts and {contacts} new contacts; {refused} rows were refused.")
        }
        (Lang::Fi, true) => format!(
            "Esikatselu: tuotaisiin {accounts} uutta asiakkuutta ja {contacts} uutta yhteyshenkilöä; {refused} riviä hylätään (ks. alla). Mitään ei ole vielä tallennettu."
        ),
        (Lang::Fi, false) => format!(
            "Tuotiin {accounts} uutta asiakkuutta ja {contacts} uutta yhteyshenkilöä; {refused} riviä hylättiin."
        ),
    }
}

/// Why an import row was refused, by the column the server named.
pub fn import_problem(lang: Lang, field: Option<&str>, server_message: &str) -> String {
    let (en, fi) = match field.unwrap_or_default() {
        "account" => (
            "The account name is missing or too long.",
            "Asiakkuuden nimi puuttuu tai on liian pitkä.",
        ),
        "segments" => (
            "Too many or too long segments.",
            "Liian monta tai liian pitkiä segmenttejä.",
        ),
        "stage" => (
            "Stage must be sales, onboarding, delivery, support or renewal.",
            "Vaiheen on oltava sales, onboarding, delivery, support tai renewal.",
        ),
        "annual_value_eur" => (
            "Annual value must be whole euros, e.g. 120000.",
            "Vuosiarvon on oltava kokonaisia euroja, esim. 120000.",
        ),
        "start_date" | "end_date" => (
            "Dates are written like 2026-01-31, and the end can't be before the start.",
            "Päivämäärät kirjoitetaan muodossa 2026-01-31, eikä loppu voi olla ennen alkua.",
        ),
        "lead_email" => (
            "The lead email names no active person of your organisation.",
            "Vastaavan sähköposti ei ole kenenkään organisaatiosi aktiivisen henkilön.",
        ),
        "notes" => ("The notes are too long.", "Muistiinpanot ovat liian pitkät."),
        "contact_name" => (
            "The contact's name is missing or too long.",
            "Yhteyshenkilön nimi puuttuu tai on liian pitkä.",
        ),
        "contact_email" => (
            "The contact's email is not valid, or the account already has it.",
            "Yhteyshenkilön sähköposti ei kelpaa, tai asiakkuudella on jo se.",
        ),
        "contact_title" => (
            "The contact's title is too long.",
            "Yhteyshenkilön titteli on liian pitkä.",
        ),
        "contact_language" => (
            "Contact language must be fi or en.",
            "Yhteyshenkilön kielen on oltava fi tai en.",
        ),
        "decision_maker" => (
            "Decision maker must be yes or no.",
            "Päättäjä-sarakkeen on oltava yes tai no.",
        ),
        _ => return server_message.to_string(),
    };
    match lang {
        Lang::En => en.into(),
        Lang::Fi => fi.into(),
    }
}

pub fn accounts_shown(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("Showing {shown} of {total} accounts"),
        Lang::Fi => format!("Näytetään {shown}/{total} asiakkuutta"),
    }
}

pub fn confirm_archive(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Archive {name}? It leaves the lists but keeps all its history, and can be restored."),
        Lang::Fi => {
            format!("Arkistoidaanko {name}? Se poistuu listoilta, mutta sen historia säilyy, ja sen voi palauttaa.")
        }
    }
}

pub fn confirm_remove_contact(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Remove {name} from the account's contacts? Answers they gave stay on the account."),
        Lang::Fi => format!("Poistetaanko {name} yhteyshenkilöistä? Hänen antamansa vastaukset säilyvät."),
    }
}

pub fn confirm_revoke_link(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Withdraw the survey link of {name}? It stops working at once."),
        Lang::Fi => format!("Perutaanko henkilön {name} kyselylinkki? Se lakkaa toimimasta heti."),
    }
}

pub const MESSAGE_IMPORT_EXAMPLE: &str = "source,received_at,sender_name,sender_email,subject,body,external_id,account,language\nemail,2026-05-31,Maija Virtanen,maija@globex.fi,Raportti,Raportti tuli taas myöhässä.,ticket-4711,Globex Oy,fi";
