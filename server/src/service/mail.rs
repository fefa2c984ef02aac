//! The texts of the messages Kaiku sends. Every message is recorded in the outbox
//! (see `store::outbox`); delivery over SMTP is the mail issue's work.

use kaiku_core::Role;

pub struct Message {
    pub subject: String,
    pub body: String,
}

fn role_name(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Admin => ("ylläpitäjä", "admin"),
        Role::Leader => ("johto", "leader"),
        Role::Member => ("tiimin jäsen", "team member"),
    }
}

/// Invitations go out in both languages: we do not know the invitee's yet.
pub fn invitation(org_name: &str, inviter: &str, role: Role, link: &str, valid_days: u32) -> Message {
    let (role_fi, role_en) = role_name(role);
    Message {
        subject: format!("Kutsu Kaikuun: {org_name} / Invitation to Kaiku: {org_name}"),
        body: format!(
            "Hei,\n\n{inviter} kutsui sinut organisaation {org_name} Kaikuun roolissa {role_fi}.\n\
             Ota kutsu vastaan tästä linkistä ({valid_days} päivän ajan):\n{link}\n\n\
             ---\n\nHello,\n\n{inviter} invited you to {org_name} on Kaiku as {role_en}.\n\
             Accept the invitation with this link (valid for {valid_days} days):\n{link}\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitation_carries_the_link_in_both_languages() {
        let msg = invitation("Demo Agency", "Anna", Role::Member, "http://x/invite/t", 7);
        assert_eq!(msg.body.matches("http://x/invite/t").count(), 2);
        assert!(msg.body.contains("tiimin jäsen") && msg.body.contains("team member"));
    }
}
