//! The demo organisation `cargo xtask run` starts with, so a newcomer can log in
//! at once. Seeding happens only when asked (`--seed-demo`) and only once.

use chrono::NaiveDate;
use kaiku_core::account::{AccountInput, ContactInput};
use kaiku_core::{Lang, Role, Stage};
use surrealdb::types::RecordId;

use crate::service::secrets::hash_password;
use crate::state::AppState;
use crate::store::users::NewUser;

pub const DEMO_ORGANISATION: &str = "Demo Agency";
pub const DEMO_PASSWORD: &str = "kaiku-demo-2026";

/// (name, email, role, language)
pub const DEMO_USERS: [(&str, &str, Role, Lang); 4] = [
    ("Aino Admin", "admin@demo.kaiku.test", Role::Admin, Lang::En),
    ("Leena Leader", "leader@demo.kaiku.test", Role::Leader, Lang::Fi),
    ("Matti Member", "matti@demo.kaiku.test", Role::Member, Lang::Fi),
    ("Mia Member", "mia@demo.kaiku.test", Role::Member, Lang::En),
];

pub async fn demo(state: &AppState) -> anyhow::Result<()> {
    if state.store.org_by_name(DEMO_ORGANISATION).await?.is_some() {
        tracing::info!("demo organisation already present");
        return Ok(());
    }
    let now = state.now();
    let password_hash = hash_password(DEMO_PASSWORD)
        .await
        .map_err(|e| anyhow::anyhow!(e.message))?;
    let new_user = |(name, email, role, language): (&str, &str, Role, Lang)| NewUser {
        name: name.to_string(),
        email: email.to_string(),
        password_hash: password_hash.clone(),
        role,
        language,
    };
    let [admin, others @ ..] = DEMO_USERS;
    let (org, _) = state
        .store
        .create_org_with_admin(DEMO_ORGANISATION, new_user(admin), now)
        .await?;
    let mut members = Vec::new();
    for user in others {
        members.push(state.store.create_user(&org, new_user(user), now).await?);
    }
    demo_accounts(state, &org, &members).await?;
    tracing::info!("seeded the demo organisation {DEMO_ORGANISATION}");
    Ok(())
}

/// Three accounts at different stages, led by Matti and Mia, each with contacts.
async fn demo_accounts(state: &AppState, org: &RecordId, users: &[RecordId]) -> anyhow::Result<()> {
    let key = |i: usize| users.get(i).map(crate::store::key_of);
    let accounts = [
        (
            "Nordic Retail Oy",
            "growth marketing",
            Stage::Delivery,
            180_000,
            key(1),
            "2025-03-01",
        ),
        (
            "Baltic Logistics AB",
            "platform rebuild",
            Stage::Renewal,
            320_000,
            key(2),
            "2024-09-15",
        ),
        (
            "Helsinki Health Tech",
            "growth marketing",
            Stage::Onboarding,
            60_000,
            key(1),
            "2026-10-01",
        ),
    ];
    let contacts = [
        [("Sanna Saarinen", "sanna@nordicretail.example", "CMO", Lang::Fi)],
        [("Erik Lund", "erik@balticlogistics.example", "CTO", Lang::En)],
        [("Olli Ojala", "olli@hhtech.example", "CEO", Lang::Fi)],
    ];
    for ((name, segment, stage, value, lead, start), people) in accounts.into_iter().zip(contacts) {
        let input = AccountInput {
            name: name.into(),
            segments: vec![segment.into()],
            stage,
            annual_value_eur: value,
            lead_id: lead,
            team_ids: key(1).into_iter().chain(key(2)).collect(),
            start_date: NaiveDate::parse_from_str(start, "%Y-%m-%d")?,
            end_date: None,
            notes: String::new(),
        };
        let account = state.store.create_account(org, input, state.now()).await?;
        for (name, email, title, language) in people {
            let contact = ContactInput {
                name: name.into(),
                email: email.into(),
                title: title.into(),
                language,
                decision_maker: true,
            };
            state
                .store
                .create_contact(org, &account, contact, state.now())
                .await
                .map_err(|e| anyhow::anyhow!(e))?;
        }
    }
    Ok(())
}

/// What `cargo xtask run` shows a newcomer: where to go and how to log in.
pub fn banner(url: &str) -> String {
    let logins: String = DEMO_USERS
        .iter()
        .map(|(name, email, role, _)| format!("    {email:<28} {:<7} {name}\n", role.as_str()))
        .collect();
    format!(
        "\n  Kaiku is running at {url}\n\n  Demo logins ({DEMO_ORGANISATION}), password \"{DEMO_PASSWORD}\":\n{logins}\n  Stop with Ctrl-C; data stays in the data directory.\n"
    )
}
