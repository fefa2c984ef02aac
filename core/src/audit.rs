//! The organisation's security log: what happened, when, by whom and from where —
//! never a secret (no token, password or hash is ever part of an entry).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

api_enum! {
    /// What an audit entry records.
    pub enum AuditKind {
        /// An organisation was created with its first admin.
        SignedUp,
        LoggedIn,
        /// A wrong password for an existing account.
        LoginFailed,
        /// A login refused by the rate limits (the attempt was not evaluated).
        LoginThrottled,
        PasswordChanged,
        /// A person's role changed, or they were deactivated or reactivated.
        UserChanged,
        InvitationCreated,
        InvitationRevoked,
        InvitationAccepted,
        /// A person signed one of their sessions out.
        SessionEnded,
        /// A person signed out everywhere else.
        OtherSessionsEnded,
        /// An admin exported what the organisation holds about a person (GDPR).
        PersonExported,
        /// An admin erased a person (GDPR); the entry counts what was erased, never who.
        PersonErased,
        /// The scheduler anonymised or deleted what was past the organisation's retention.
        RetentionApplied,
        /// An admin changed how long what customers said is kept.
        RetentionChanged,
        /// An admin asked for an archived account to be deleted after the grace period.
        AccountDeletionAsked,
        /// An admin took back an account's deletion (or restored the account).
        AccountDeletionCancelled,
        /// The scheduler deleted an account whose grace period was over.
        AccountDeleted,
        /// An admin asked for the whole organisation to be deleted after the grace period.
        OrganisationDeletionAsked,
        /// An admin took back the organisation's deletion.
        OrganisationDeletionCancelled,
        /// A person turned two-factor sign-in on.
        TwoFactorOn,
        /// A person turned two-factor sign-in off.
        TwoFactorOff,
        /// An admin required two-factor sign-in of admins, or stopped requiring it.
        TwoFactorPolicyChanged,
        /// An admin created an organisation API key (named with its shown prefix, never
        /// its secret).
        ApiKeyCreated,
        /// An admin revoked an API key.
        ApiKeyRevoked,
        /// An admin subscribed an address to events (named by its host: the rest of
        /// an address may be a secret).
        WebhookCreated,
        /// An admin removed a webhook.
        WebhookDeleted,
        /// An admin connected the customer mailbox or changed its settings (named by
        /// its user and host, never the password).
        MailboxConnected,
        /// An admin disconnected the customer mailbox.
        MailboxDisconnected,
        /// A signed-in person's state-changing request came without the right CSRF
        /// token and was refused (the method and path, tokens in it redacted).
        CsrfRefused,
    }
}

api_type! {
    /// `GET /audit`: one entry of the organisation's security log.
    pub struct AuditEntry {
        pub id: String,
        pub at: DateTime<Utc>,
        pub kind: AuditKind,
        /// Who did it, when it was a signed-in person (or the account tried).
        pub actor: Option<String>,
        /// What it was about, e.g. "matti@acme.fi: member → leader".
        pub detail: String,
        /// The client's address.
        pub address: Option<String>,
    }
}
