//! Request and response bodies of the JSON API under `/api/v1`.
//!
//! Field names are the wire names (snake_case). The server documents these types in
//! its OpenAPI document; the app (de)serialises them with serde.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::analysis::{CorrectionKind, ThemeDef};
use crate::{Lang, Role};

/// Name of the header that carries the CSRF token on state-changing requests.
pub const CSRF_HEADER: &str = "X-CSRF-Token";

/// A page of a list, newest first, and the key of its last item while older ones
/// remain: the server's `Link` header names the page that follows (`?before=KEY`).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            items: Vec::new(),
            next: None,
        }
    }
}

/// The `Link` header (RFC 8288) of a list given a page at a time, naming the older page
/// of `path` (the list's own path), which starts before the item `key`.
pub fn next_page_link(path: &str, key: &str) -> String {
    format!("<{path}?before={key}>; rel=\"next\"")
}

/// The key the older page starts before, from a list's `Link` header.
pub fn next_page_key(link: &str) -> Option<&str> {
    link.split(',').find_map(|one| {
        let (target, params) = one.split_once(';')?;
        params.split(';').any(|p| p.trim() == "rel=\"next\"").then_some(())?;
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        let (_, query) = target.split_once('?')?;
        query.split('&').find_map(|pair| pair.strip_prefix("before="))
    })
}

api_type! {
    /// `POST /auth/signup`: creates an organisation and its first admin, and logs in (or,
    /// on a server that sends mail, first emails a link to confirm the address).
    pub struct SignupRequest {
        pub organisation_name: String,
        pub name: String,
        pub email: String,
        pub password: String,
        pub language: Lang,
    }
}

api_type! {
    /// `POST /auth/signup` answered 202: on a server that sends mail, the organisation is
    /// created only once its admin opens the link emailed to `email`. The answer is the
    /// same whether or not the address has an account (its owner is told by email), so
    /// sign-up does not tell who uses Kaiku.
    pub struct SignupPending {
        pub email: String,
        /// How long the link works.
        pub valid_hours: u32,
    }
}

api_type! {
    /// `POST /auth/signup/confirm`: the token from the emailed link; creates the
    /// organisation and logs in.
    pub struct ConfirmSignupRequest {
        pub token: String,
    }
}

api_type! {
    /// `POST /auth/login`.
    pub struct LoginRequest {
        pub email: String,
        pub password: String,
        /// The six digits of the person's authenticator app, once the server answered
        /// `two_factor_required`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub code: Option<String>,
    }
}

api_type! {
    /// `GET /auth/csrf`: the token to send in the `X-CSRF-Token` header.
    pub struct CsrfToken {
        pub token: String,
    }
}

api_type! {
    pub struct OrganisationView {
        pub id: String,
        pub name: String,
        /// When the organisation and all its data will be deleted, if an admin asked
        /// for it; absent from views cached before.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub deletion: Option<DateTime<Utc>>,
        /// Whether its admins must sign in with a second factor; absent from views
        /// cached before.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub admins_two_factor: bool,
    }
}

api_type! {
    pub struct UserView {
        pub id: String,
        pub name: String,
        pub email: String,
        pub role: Role,
        pub language: Lang,
        pub active: bool,
        pub created_at: DateTime<Utc>,
        /// Whether they sign in with an authenticator app's code as well; absent from
        /// views cached before.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub two_factor: bool,
    }
}

api_type! {
    /// `GET /auth/me`, and the answer to sign-up, login and accepting an invitation.
    pub struct SessionView {
        pub user: UserView,
        pub organisation: OrganisationView,
        /// The organisation requires two-factor sign-in of admins and this admin has
        /// none yet: until it is set up, the session reaches nothing else.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub two_factor_setup_required: bool,
    }
}

api_type! {
    /// `POST /auth/two-factor/setup`: a new secret for the person's authenticator app,
    /// shown this once. It takes effect when a code made from it is confirmed.
    pub struct TwoFactorSetup {
        /// The secret in base32, for typing into an app by hand.
        pub secret: String,
        /// The `otpauth://` address the QR code holds.
        pub uri: String,
        /// The QR code, an SVG image as a `data:` address.
        pub qr_svg: String,
    }
}

api_type! {
    /// `POST /auth/two-factor/confirm`: a code made from the secret just set up.
    pub struct TwoFactorConfirm {
        pub code: String,
    }
}

api_type! {
    /// `POST /auth/two-factor/off`: the person's password, to turn two-factor sign-in off.
    pub struct TwoFactorOff {
        pub password: String,
    }
}

api_type! {
    /// `GET`/`PUT /settings/security`: the organisation's sign-in rules (admins).
    pub struct SecuritySettings {
        /// Admins must sign in with a second factor; those without one set it up at
        /// their next sign-in.
        pub admins_two_factor: bool,
    }
}

api_type! {
    /// `PATCH /me`: fields left out stay as they are.
    pub struct UpdateProfileRequest {
        pub name: Option<String>,
        pub language: Option<Lang>,
    }
}

api_type! {
    /// `POST /me/password`.
    pub struct ChangePasswordRequest {
        pub current_password: String,
        pub new_password: String,
    }
}

api_type! {
    /// `POST /invitations` (admins).
    pub struct InviteRequest {
        pub email: String,
        pub role: Role,
    }
}

api_type! {
    /// A pending invitation, as the admin sees it.
    pub struct InvitationView {
        pub id: String,
        pub email: String,
        pub role: Role,
        pub created_at: DateTime<Utc>,
        pub expires_at: DateTime<Utc>,
        /// The path to open the invitation, e.g. `/invite/<token>`. Present only in the
        /// answer to creating it: the server keeps just a hash of the token.
        pub link: Option<String>,
    }
}

api_type! {
    /// `GET /invitations/by-token/{token}`: what the invited person sees before accepting.
    pub struct InvitationPreview {
        pub organisation_name: String,
        pub email: String,
        pub role: Role,
        pub expires_at: DateTime<Utc>,
    }
}

api_type! {
    /// `POST /invitations/accept`: creates the user and logs them in.
    pub struct AcceptInvitationRequest {
        pub token: String,
        pub name: String,
        pub password: String,
        pub language: Lang,
    }
}

api_type! {
    /// `PATCH /users/{id}` (admins).
    pub struct UpdateUserRequest {
        pub role: Option<Role>,
        pub active: Option<bool>,
    }
}

api_enum! {
    /// Where a message is on its way out.
    pub enum DeliveryStatus {
        /// Waiting for its first attempt (or for a mail server to be configured).
        Pending,
        /// An attempt is under way.
        Sending,
        Sent,
        /// The last attempt failed; it is tried again at `next_attempt_at`.
        Failed,
        /// Failed too often, or too old to be worth sending; an admin can retry it.
        GaveUp,
    }
}

api_type! {
    /// A message Kaiku sends, and how its delivery went.
    pub struct OutboxMessage {
        pub id: String,
        pub to: String,
        pub subject: String,
        pub body: String,
        pub created_at: DateTime<Utc>,
        pub status: DeliveryStatus,
        pub attempts: u32,
        pub last_error: Option<String>,
        pub next_attempt_at: Option<DateTime<Utc>>,
        pub sent_at: Option<DateTime<Utc>>,
    }
}

api_type! {
    /// `GET /outbox/status`: whether a mail server sends the outbox's messages.
    pub struct MailStatus {
        /// False: no SMTP server is configured and messages stay in the outbox.
        pub delivering: bool,
        /// The sender address messages go out with.
        pub sender: String,
    }
}

api_type! {
    /// `GET /healthz`.
    pub struct Health {
        pub status: String,
        pub version: String,
    }
}

api_type! {
    /// `GET /settings/themes`: the themes the analysis looks for.
    pub struct ThemesView {
        pub built_in: Vec<ThemeDef>,
        /// The organisation's own, editable by admins (`PUT` takes this list).
        pub custom: Vec<ThemeDef>,
    }
}

api_type! {
    /// `POST /responses/{link}/corrections`: a team member corrects one label on one
    /// analysed answer; the organisation's model learns from it.
    pub struct CorrectionRequest {
        pub question_id: String,
        pub kind: CorrectionKind,
        /// "negative"/"neutral"/"positive", a theme key, or a churn cause.
        pub label: String,
        /// Whether the label applies.
        pub present: bool,
    }
}

api_type! {
    /// `POST /responses/{link}/not-a-point`: a sentence of the answer the analysis took
    /// for a development point, verbatim, is not one. It leaves "what to do next", and
    /// the organisation's analysis no longer takes it for one in later answers.
    pub struct NotAPoint {
        pub point: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_is_read_back_from_the_link_it_is_given_in() {
        let link = next_page_link("/api/v1/accounts/a1/rounds", "r42");
        assert_eq!(link, "</api/v1/accounts/a1/rounds?before=r42>; rel=\"next\"");
        assert_eq!(next_page_key(&link), Some("r42"));
        assert_eq!(
            next_page_key("</x?before=a>; rel=\"prev\", </x?n=1&before=b>; rel=\"next\""),
            Some("b")
        );
        assert_eq!(next_page_key("</x?before=a>; rel=\"prev\""), None, "only the next page");
        assert_eq!(next_page_key("garbage"), None);
    }

    #[test]
    fn profile_update_accepts_partial_bodies() {
        let req: UpdateProfileRequest = serde_json::from_str(r#"{"language":"fi"}"#).unwrap();
        assert_eq!(req.language, Some(Lang::Fi));
        assert_eq!(req.name, None);
    }
}
