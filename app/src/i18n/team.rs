//! People, roles, invitations and the outbox.

use super::*;

pub fn role_description(role: Role) -> Msg {
    match role {
        Role::Admin => Msg::RoleAdminDesc,
        Role::Leader => Msg::RoleLeaderDesc,
        Role::Member => Msg::RoleMemberDesc,
    }
}

pub fn welcome(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Welcome, {name}"),
        Lang::Fi => format!("Tervetuloa, {name}"),
    }
}

pub fn password_hint(lang: Lang, min: usize) -> String {
    match lang {
        Lang::En => format!("At least {min} characters. A long phrase is easy to remember."),
        Lang::Fi => format!("Vähintään {min} merkkiä. Pitkä lause on helppo muistaa."),
    }
}

pub fn invited_to(lang: Lang, organisation: &str) -> String {
    match lang {
        Lang::En => format!("You have been invited to join {organisation} on Kaiku."),
        Lang::Fi => format!("Sinut on kutsuttu organisaatioon {organisation} Kaikussa."),
    }
}

pub fn signup_link_sent(lang: Lang, email: &str, hours: u32) -> String {
    match lang {
        Lang::En => format!(
            "We sent a link to {email}. Open it to finish creating your organisation; it works for {hours} hours."
        ),
        Lang::Fi => format!(
            "Lähetimme linkin osoitteeseen {email}. Avaa se viimeistelläksesi organisaatiosi luomisen; se toimii {hours} tuntia."
        ),
    }
}

pub fn invitation_created(lang: Lang, email: &str, until: &str) -> String {
    match lang {
        Lang::En => format!("Invitation created for {email}. Share this link with them; it is valid until {until}."),
        Lang::Fi => format!("Kutsu luotu osoitteelle {email}. Jaa tämä linkki hänelle; se on voimassa {until} asti."),
    }
}

pub fn confirm_deactivate(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Deactivate {name}? They will be logged out at once and cannot log in until reactivated."),
        Lang::Fi => format!(
            "Poistetaanko {name} käytöstä? Hänet kirjataan heti ulos, eikä hän voi kirjautua ennen kuin tili otetaan uudelleen käyttöön."
        ),
    }
}

pub fn confirm_revoke(lang: Lang, email: &str) -> String {
    match lang {
        Lang::En => format!("Revoke the invitation for {email}? The link will stop working."),
        Lang::Fi => format!("Perutaanko kutsu osoitteelle {email}? Linkki lakkaa toimimasta."),
    }
}

pub fn confirm_role_change(lang: Lang, name: &str, role: Role) -> String {
    let role = role.label(lang);
    match lang {
        Lang::En => format!("Change {name}'s role to {role}? What they may see and do changes at once."),
        Lang::Fi => format!("Vaihdetaanko käyttäjän {name} rooliksi {role}? Näkyvyys ja oikeudet muuttuvat heti."),
    }
}

pub fn role_changed(lang: Lang, name: &str, role: Role) -> String {
    let role = role.label(lang);
    match lang {
        Lang::En => format!("{name} is now {role}."),
        Lang::Fi => format!("Käyttäjän {name} rooli on nyt {role}."),
    }
}

pub fn user_deactivated(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("{name} was deactivated and logged out."),
        Lang::Fi => format!("{name} poistettiin käytöstä ja kirjattiin ulos."),
    }
}

pub fn user_reactivated(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("{name} can log in again."),
        Lang::Fi => format!("{name} voi taas kirjautua sisään."),
    }
}

pub fn invitation_revoked(lang: Lang, email: &str) -> String {
    match lang {
        Lang::En => format!("The invitation for {email} was revoked."),
        Lang::Fi => format!("Kutsu osoitteelle {email} peruttiin."),
    }
}

pub fn role_for(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Role of {name}"),
        Lang::Fi => format!("Käyttäjän {name} rooli"),
    }
}

pub fn rate_limited(lang: Lang, minutes: u64) -> String {
    match (lang, minutes) {
        (Lang::En, 1) => "Too many attempts. Try again in 1 minute.".into(),
        (Lang::En, n) => format!("Too many attempts. Try again in {n} minutes."),
        (Lang::Fi, 1) => "Liian monta yritystä. Yritä uudelleen minuutin kuluttua.".into(),
        (Lang::Fi, n) => format!("Liian monta yritystä. Yritä uudelleen {n} minuutin kuluttua."),
    }
}

pub fn delivery_status(status: DeliveryStatus) -> Msg {
    match status {
        DeliveryStatus::Pending => Msg::DeliveryPending,
        DeliveryStatus::Sending => Msg::DeliverySending,
        DeliveryStatus::Sent => Msg::DeliverySent,
        DeliveryStatus::Failed => Msg::DeliveryFailed,
        DeliveryStatus::GaveUp => Msg::DeliveryGaveUp,
    }
}

/// The CSS modifier for a delivery status badge; the text carries the meaning too.
pub fn delivery_status_class(status: DeliveryStatus) -> &'static str {
    match status {
        DeliveryStatus::Sent => "active",
        DeliveryStatus::Pending | DeliveryStatus::Sending => "pending",
        DeliveryStatus::Failed => "warning",
        DeliveryStatus::GaveUp => "failed",
    }
}

pub fn attempts(lang: Lang, count: u32) -> String {
    match (lang, count) {
        (Lang::En, 1) => "1 attempt".into(),
        (Lang::En, n) => format!("{n} attempts"),
        (Lang::Fi, 1) => "1 yritys".into(),
        (Lang::Fi, n) => format!("{n} yritystä"),
    }
}

pub fn sent_from(lang: Lang, sender: &str) -> String {
    match lang {
        Lang::En => format!("Sent from {sender}"),
        Lang::Fi => format!("Lähettäjä: {sender}"),
    }
}
