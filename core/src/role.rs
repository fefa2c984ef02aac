//! Roles of the people in an organisation, and what each may do.

use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("owner"), None);
    }
}
