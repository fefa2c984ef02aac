//! Roles of the people in an organisation, and what each may do.

use serde::{Deserialize, Serialize};

use crate::Lang;

api_enum! {
    pub enum Role {
        /// Manages the organisation: people, invitations, settings.
        Admin,
        /// Leadership: sees every account and the heatmap.
        Leader,
        /// A team member: works on the accounts they belong to.
        Member,
    }
}

impl Role {
    /// The role's name, as the app and the emails say it (docs/STYLE.md's glossary).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Admin, Lang::En) => "Admin",
            (Role::Admin, Lang::Fi) => "Pääkäyttäjä",
            (Role::Leader, Lang::En) => "Leader",
            (Role::Leader, Lang::Fi) => "Johtaja",
            (Role::Member, Lang::En) => "Team member",
            (Role::Member, Lang::Fi) => "Tiimin jäsen",
        }
    }

    /// Inviting people, changing roles, deactivating users, reading the outbox.
    pub fn can_manage_team(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// Seeing, creating and editing every account. Members work on the accounts
    /// they lead or are on the team of.
    pub fn sees_all_accounts(self) -> bool {
        matches!(self, Role::Admin | Role::Leader)
    }
}

/// An account's people: its lead and its team, by whatever identifies a person
/// (a user id on the server, its key in the evidence cache).
pub struct AccountPeople<'a, U> {
    pub lead: Option<&'a U>,
    pub team: &'a [U],
}

impl<U: PartialEq> AccountPeople<'_, U> {
    /// The account's lead or on its team.
    pub fn includes(&self, user: &U) -> bool {
        self.lead == Some(user) || self.team.contains(user)
    }

    /// Who sees the account: admins and leaders every account; a member those they
    /// lead or are on the team of. The one rule; the store's account query applies
    /// the same (`Visibility::TeamOf`).
    pub fn seen_by(&self, role: Role, user: &U) -> bool {
        role.sees_all_accounts() || self.includes(user)
    }

    /// Who manages the account (edits it, its cycle): admins and leaders, and its lead.
    pub fn managed_by(&self, role: Role, user: &U) -> bool {
        role.sees_all_accounts() || self.lead == Some(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_see_the_accounts_they_lead_or_are_on_leaders_and_admins_all() {
        let team = ["mia".to_string()];
        let lead = "matti".to_string();
        let people = AccountPeople {
            lead: Some(&lead),
            team: &team,
        };
        let someone = |name: &str| name.to_string();
        assert!(people.seen_by(Role::Member, &someone("mia")));
        assert!(people.seen_by(Role::Member, &someone("matti")));
        assert!(!people.seen_by(Role::Member, &someone("olli")));
        assert!(people.seen_by(Role::Leader, &someone("olli")));
        assert!(people.seen_by(Role::Admin, &someone("olli")));
        assert!(people.managed_by(Role::Member, &someone("matti")));
        assert!(
            !people.managed_by(Role::Member, &someone("mia")),
            "on the team, not its lead"
        );
    }

    #[test]
    fn only_admins_manage_the_team() {
        assert!(Role::Admin.can_manage_team());
        assert!(!Role::Leader.can_manage_team());
        assert!(!Role::Member.can_manage_team());
    }

    #[test]
    fn admins_and_leaders_see_all_accounts() {
        assert!(Role::Admin.sees_all_accounts());
        assert!(Role::Leader.sees_all_accounts());
        assert!(!Role::Member.sees_all_accounts());
    }

    #[test]
    fn each_role_has_a_name_of_its_own_in_each_language() {
        for lang in Lang::ALL {
            let mut names: Vec<&str> = Role::ALL.iter().map(|role| role.label(lang)).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), Role::ALL.len(), "{lang:?}");
        }
    }

    #[test]
    fn round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("owner"), None);
    }
}
