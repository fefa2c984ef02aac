//! Writing an import's accounts and contacts together.

use chrono::{DateTime, Utc};
use kaiku_core::account::{AccountInput, ContactInput};
use surrealdb::types::{RecordId, SurrealValue};

use super::accounts::{ACCOUNT_CONTENT, AccountFields};
use super::contacts::{CONTACT_CONTENT, ContactError, ContactFields, classify};
use super::{Store, new_id, run};

#[derive(SurrealValue)]
struct NewAccount {
    id: RecordId,
    f: AccountFields,
}

#[derive(SurrealValue)]
struct NewContact {
    id: RecordId,
    account: RecordId,
    f: ContactFields,
}

impl Store {
    /// A record id for an account an import is about to create, so its contacts can
    /// point at it before it exists.
    pub fn new_account_id(&self) -> RecordId {
        new_id("account")
    }

    /// Creates all the accounts and contacts in one transaction: an import is written
    /// whole or not at all.
    pub async fn import(
        &self,
        org: &RecordId,
        accounts: Vec<(RecordId, AccountInput)>,
        contacts: Vec<(RecordId, ContactInput)>,
        now: DateTime<Utc>,
    ) -> Result<(), ContactError> {
        let accounts: Vec<NewAccount> = accounts
            .into_iter()
            .map(|(id, input)| NewAccount { id, f: input.into() })
            .collect();
        let contacts: Vec<NewContact> = contacts
            .into_iter()
            .map(|(account, input)| NewContact {
                id: new_id("contact"),
                account,
                f: input.into(),
            })
            .collect();
        run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 FOR $row IN $accounts {{ LET $f = $row.f; CREATE $row.id CONTENT {ACCOUNT_CONTENT}; }};
                 FOR $row IN $contacts {{
                     LET $f = $row.f; LET $account = $row.account;
                     CREATE $row.id CONTENT {CONTACT_CONTENT};
                 }};
                 COMMIT TRANSACTION;"
            ))
            .bind(("org", org.clone()))
            .bind(("now", now))
            .bind(("accounts", accounts))
            .bind(("contacts", contacts)))
        .await
        .map_err(classify)?;
        Ok(())
    }
}
