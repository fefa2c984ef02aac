//! The demo organisation `cargo xtask run` starts with, so a newcomer can log in
//! at once. Seeding happens only when asked (`--seed-demo`) and only once.

use kaiku_core::{Lang, Role};

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
    for user in others {
        state.store.create_user(&org, new_user(user), now).await?;
    }
    tracing::info!("seeded the demo organisation {DEMO_ORGANISATION}");
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
