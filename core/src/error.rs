//! The one error shape of the API: `{ "error": { "code", "message", "field"? } }`.
//!
//! `code` is stable and machine-readable; the app translates it for the user, so the
//! English `message` is for logs and API users, not for the UI.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
pub enum ErrorCode {
    /// The request could not be read (malformed JSON, wrong types).
    BadRequest,
    /// A field's value is not acceptable; `field` names it.
    Validation,
    /// The password (`field` names it) is in breach or common-password lists, or made
    /// of the person's own details.
    PasswordTooCommon,
    /// No session, or it ended.
    Unauthenticated,
    /// Email or password is wrong.
    InvalidCredentials,
    /// Logged in, but the role does not allow this.
    Forbidden,
    /// The state-changing request lacked a valid CSRF token.
    CsrfFailed,
    /// No such record in the caller's organisation.
    NotFound,
    /// The email is already used by someone.
    EmailTaken,
    /// The invitation link expired, was used, or never existed.
    InvitationInvalid,
    /// The survey link expired, was revoked, or never existed.
    SurveyLinkInvalid,
    /// The sign-up link expired, was used, or never existed.
    SignupLinkInvalid,
    /// The account is deactivated.
    AccountDeactivated,
    /// Too many attempts; `retry_after_secs` says when to try again.
    RateLimited,
    /// The request body is larger than the server accepts.
    PayloadTooLarge,
    /// The change would leave the organisation without an active admin.
    LastAdmin,
    /// Only an archived account can be deleted: archive it first.
    NotArchived,
    /// The password was right; the person's authenticator code is needed as well.
    TwoFactorRequired,
    /// The organisation requires two-factor sign-in of admins: this session may only
    /// set it up.
    TwoFactorSetupRequired,
    /// The mailbox could not be read with the settings given; `field` names what to
    /// change (see `mailbox::MailboxProblem::field`), `message` says why.
    MailboxUnreachable,
    /// This server keeps no secret key (a remote database without
    /// `KAIKU_SECRET_KEY`), so it cannot keep a mailbox's password.
    NoServerKey,
    /// Something went wrong on the server; details are in its log, never in the response.
    Internal,
    /// A stored value could not be read (damaged, or written by a newer version). The
    /// server refuses to go on with a default in its place; the record is in its log.
    StoredDataUnreadable,
}

impl ErrorCode {
    /// The HTTP status that goes with the code.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest
            | ErrorCode::Validation
            | ErrorCode::PasswordTooCommon
            | ErrorCode::MailboxUnreachable => 400,
            ErrorCode::Unauthenticated | ErrorCode::InvalidCredentials | ErrorCode::TwoFactorRequired => 401,
            ErrorCode::Forbidden
            | ErrorCode::CsrfFailed
            | ErrorCode::AccountDeactivated
            | ErrorCode::TwoFactorSetupRequired => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::EmailTaken | ErrorCode::LastAdmin | ErrorCode::NotArchived | ErrorCode::NoServerKey => 409,
            ErrorCode::InvitationInvalid | ErrorCode::SurveyLinkInvalid | ErrorCode::SignupLinkInvalid => 410,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal | ErrorCode::StoredDataUnreadable => 500,
        }
    }

    /// The code a bare HTTP status maps to, for errors raised below the API layer
    /// (unknown routes, unparseable bodies, size limits).
    pub fn from_status(status: u16) -> ErrorCode {
        match status {
            401 => ErrorCode::Unauthenticated,
            403 => ErrorCode::Forbidden,
            404 | 405 => ErrorCode::NotFound,
            413 => ErrorCode::PayloadTooLarge,
            429 => ErrorCode::RateLimited,
            400..=499 => ErrorCode::BadRequest,
            _ => ErrorCode::Internal,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ApiErrorDetail {
    pub code: ErrorCode,
    pub message: String,
    /// The request field the error is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub field: Option<String>,
    /// For `rate_limited`: seconds until a new attempt is allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub retry_after_secs: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_in_snake_case() {
        let json = serde_json::to_string(&ErrorCode::InvitationInvalid).unwrap();
        assert_eq!(json, "\"invitation_invalid\"");
    }

    #[test]
    fn every_code_round_trips_through_its_status_class() {
        for code in [ErrorCode::NotFound, ErrorCode::RateLimited, ErrorCode::Internal] {
            assert_eq!(ErrorCode::from_status(code.status()), code);
        }
        assert_eq!(ErrorCode::from_status(422), ErrorCode::BadRequest);
    }

    #[test]
    fn optional_fields_are_left_out_of_the_wire_format() {
        let body = ApiErrorBody {
            error: ApiErrorDetail {
                code: ErrorCode::NotFound,
                message: "not found".into(),
                field: None,
                retry_after_secs: None,
            },
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"error": {"code": "not_found", "message": "not found"}})
        );
    }
}
