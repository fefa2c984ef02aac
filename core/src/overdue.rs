//! `GET /overdue`: who owes what, per account — customers who have not answered,
//! team members who have not given counter-feedback, actions past their due date.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::account::PersonRef;

api_type! {
    /// A customer whose survey is still unanswered after its first reminder was due.
    pub struct OverdueAnswer {
        pub contact_name: String,
        pub sent_at: DateTime<Utc>,
        pub reminders_sent: u32,
        pub expires_at: DateTime<Utc>,
    }
}

api_type! {
    /// A team member's counter-feedback request past its reminder day.
    pub struct OverdueRequest {
        pub person: PersonRef,
        pub contact_name: String,
        pub requested_at: DateTime<Utc>,
    }
}

api_type! {
    /// An open action past its due date.
    pub struct OverdueAction {
        pub text: String,
        pub owner: Option<PersonRef>,
        pub due: NaiveDate,
    }
}

api_type! {
    /// One account's debts; accounts owing nothing are left out.
    pub struct OverdueAccount {
        pub account: PersonRef,
        pub answers: Vec<OverdueAnswer>,
        pub requests: Vec<OverdueRequest>,
        pub actions: Vec<OverdueAction>,
    }
}

impl OverdueAccount {
    pub fn owes_anything(&self) -> bool {
        !(self.answers.is_empty() && self.requests.is_empty() && self.actions.is_empty())
    }
}
