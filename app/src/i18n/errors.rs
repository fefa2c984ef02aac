//! The server's refusals and the form rules, in the reader's words.

use super::*;

/// A field rule broken, as a sentence.
pub fn invalid(lang: Lang, problem: Invalid) -> String {
    match (problem, lang) {
        (Invalid::Required, _) => Msg::InvalidRequired.text(lang).into(),
        (Invalid::NotAnEmail, _) => Msg::InvalidEmail.text(lang).into(),
        (Invalid::HiddenCharacters, _) => Msg::InvalidHiddenCharacters.text(lang).into(),
        (Invalid::NotAWebAddress, _) => Msg::InvalidWebAddress.text(lang).into(),
        (Invalid::TooShort { min }, Lang::En) => format!("Use at least {min} characters."),
        (Invalid::TooShort { min }, Lang::Fi) => format!("Käytä vähintään {min} merkkiä."),
        (Invalid::TooLong { max }, Lang::En) => format!("Use at most {max} characters."),
        (Invalid::TooLong { max }, Lang::Fi) => format!("Käytä enintään {max} merkkiä."),
        (Invalid::TooMany { max }, Lang::En) => format!("Use at most {max}."),
        (Invalid::TooMany { max }, Lang::Fi) => format!("Enintään {max}."),
        (Invalid::OutOfRange { min, max }, Lang::En) => format!("Use a value from {min} to {max}."),
        (Invalid::OutOfRange { min, max }, Lang::Fi) => format!("Anna arvo väliltä {min}–{max}."),
        (Invalid::BeforeStart, Lang::En) => "The end can't be before the start.".into(),
        (Invalid::BeforeStart, Lang::Fi) => "Loppu ei voi olla ennen alkua.".into(),
        (Invalid::Mismatch, Lang::En) => "This does not match; type it exactly as shown.".into(),
        (Invalid::Mismatch, Lang::Fi) => "Ei täsmää; kirjoita se täsmälleen kuten näytetään.".into(),
        (Invalid::InUse, Lang::En) => "This name is already used for something else.".into(),
        (Invalid::InUse, Lang::Fi) => "Nimi on jo käytössä muuhun.".into(),
        (Invalid::NotAColour, Lang::En) => "Write the colour as #rrggbb, for example #1f4e79.".into(),
        (Invalid::NotAColour, Lang::Fi) => "Kirjoita väri muodossa #rrggbb, esimerkiksi #1f4e79.".into(),
        (Invalid::TooLight, Lang::En) => {
            "This colour is too light: white text on it would be hard to read. Choose a darker one.".into()
        }
        (Invalid::TooLight, Lang::Fi) => {
            "Väri on liian vaalea: valkoinen teksti sen päällä olisi vaikealukuista. Valitse tummempi.".into()
        }
        (Invalid::TooLarge { max_kb }, Lang::En) => format!("The file can be at most {max_kb} KB."),
        (Invalid::TooLarge { max_kb }, Lang::Fi) => format!("Tiedosto voi olla enintään {max_kb} kt."),
        (Invalid::NotAnImage, Lang::En) => "Choose a PNG, JPEG or WebP image.".into(),
        (Invalid::NotAnImage, Lang::Fi) => "Valitse PNG-, JPEG- tai WebP-kuva.".into(),
        (Invalid::NotAHostName, Lang::En) => "Enter a server name such as imap.example.com, or an IP address.".into(),
        (Invalid::NotAHostName, Lang::Fi) => "Anna palvelimen nimi, esim. imap.example.com, tai IP-osoite.".into(),
        (Invalid::UnknownChoice | Invalid::Unknown | Invalid::Repeated, _) => Msg::InvalidRejected.text(lang).into(),
    }
}

/// What went wrong with a request, as a sentence in `lang`.
pub fn failure(lang: Lang, failure: &ApiFailure) -> String {
    let code = match failure {
        ApiFailure::Network => return Msg::ErrNetwork.text(lang).into(),
        ApiFailure::Unexpected => return Msg::ErrUnexpected.text(lang).into(),
        ApiFailure::Api(detail) => detail.code,
    };
    if code == ErrorCode::RateLimited
        && let ApiFailure::Api(detail) = failure
        && let Some(secs) = detail.retry_after_secs
    {
        return rate_limited(lang, secs.div_ceil(60).max(1));
    }
    error_code(code).text(lang).into()
}

pub fn error_code(code: ErrorCode) -> Msg {
    match code {
        ErrorCode::BadRequest => Msg::ErrBadRequest,
        ErrorCode::Validation => Msg::ErrValidation,
        ErrorCode::PasswordTooCommon => Msg::PasswordTooCommon,
        ErrorCode::Unauthenticated => Msg::ErrUnauthenticated,
        ErrorCode::InvalidCredentials => Msg::ErrInvalidCredentials,
        ErrorCode::Forbidden => Msg::ErrForbidden,
        ErrorCode::CsrfFailed => Msg::ErrCsrf,
        ErrorCode::NotFound => Msg::ErrNotFound,
        ErrorCode::EmailTaken => Msg::ErrEmailTaken,
        ErrorCode::InvitationInvalid => Msg::ErrInvitationInvalid,
        ErrorCode::SurveyLinkInvalid => Msg::ErrSurveyLinkInvalid,
        ErrorCode::SignupLinkInvalid => Msg::ErrSignupLinkInvalid,
        ErrorCode::AccountDeactivated => Msg::ErrAccountDeactivated,
        ErrorCode::RateLimited => Msg::ErrRateLimited,
        ErrorCode::PayloadTooLarge => Msg::ErrPayloadTooLarge,
        ErrorCode::LastAdmin => Msg::ErrLastAdmin,
        ErrorCode::NotArchived => Msg::ErrNotArchived,
        ErrorCode::TwoFactorRequired => Msg::ErrTwoFactorRequired,
        ErrorCode::TwoFactorSetupRequired => Msg::ErrTwoFactorSetupRequired,
        ErrorCode::Internal => Msg::ErrInternal,
        ErrorCode::StoredDataUnreadable => Msg::ErrStoredDataUnreadable,
        ErrorCode::MailboxUnreachable => Msg::ErrMailboxUnreachable,
        ErrorCode::NoServerKey => Msg::MailboxNoServerKey,
    }
}
