//! Roles of the people in an organisation, and what each may do.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", oai(rename_all = "lowercase"))]
pub enum Role {
    /// Manages the organisation: people, invitations, settings.
    Admin,
    /// Leadership: sees every account and the heatmap.
    Leader,
    /// A team member: works on the accounts they belong to.
    Member,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Leader, Role::Member];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Leader => "leader",
            Role::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
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
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("owner"), None);
    }
}
