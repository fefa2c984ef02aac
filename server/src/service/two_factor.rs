//! Two-factor sign-in with an authenticator app: RFC 6238 codes of six digits, one
//! per 30 seconds, the one before and after also accepted (clocks drift), each good
//! once. A person sets it up by scanning a new secret and confirming a code made from
//! it; an organisation may require it of its admins.

use base64::Engine;
use chrono::{DateTime, Utc};
use kaiku_core::api::{SecuritySettings, TwoFactorConfirm, TwoFactorOff, TwoFactorSetup};
use kaiku_core::audit::AuditKind;
use kaiku_core::{ErrorCode, Role, validate};
use qrcodegen::{QrCode, QrCodeEcc};
use rand::RngCore;
use totp_rs::{Algorithm, Secret, TOTP};

use super::audit;
use super::auth::{CurrentUser, confirm_own_password};
use super::secrets::constant_time_eq;
use super::throttle;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::key_of;
use crate::store::users::UserRow;

const STEP_SECS: i64 = 30;
const DIGITS: usize = 6;
/// The name authenticator apps list the code under.
const ISSUER: &str = "Kaiku";
/// 160 bits, as RFC 4226 recommends.
const SECRET_BYTES: usize = 20;

fn totp(secret: Vec<u8>, account: &str) -> ApiResult<TOTP> {
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        1,
        STEP_SECS as u64,
        secret,
        Some(ISSUER.to_string()),
        account.to_string(),
    )
    .map_err(|e| ApiError::internal(format!("two-factor secret: {e:?}")))
}

/// The time step `code` was made for from `secret` (base32), if it was made within a
/// step of `now`. Spaces in the code are ignored, as apps show "123 456".
pub fn matching_step(secret: &str, code: &str, now: DateTime<Utc>) -> ApiResult<Option<i64>> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let bytes = Secret::Encoded(secret.to_string())
        .to_bytes()
        .map_err(|e| ApiError::internal(format!("stored two-factor secret: {e:?}")))?;
    let totp = totp(bytes, "")?;
    let step = now.timestamp().div_euclid(STEP_SECS);
    Ok([step - 1, step, step + 1].into_iter().find(|candidate| {
        let at = u64::try_from(candidate * STEP_SECS).unwrap_or_default();
        constant_time_eq(totp.generate(at).as_bytes(), code.as_bytes())
    }))
}

/// Whether `user` must set up a second factor before anything else: their
/// organisation requires it of admins, and they have none.
pub fn setup_required(user: &UserRow, admins_two_factor: bool) -> bool {
    admins_two_factor && user.role() == Role::Admin && user.totp_secret.is_none()
}

/// A wrong or reused code, on the field it was typed into.
pub fn wrong_code() -> ApiError {
    ApiError {
        field: Some("code".into()),
        ..ApiError::new(ErrorCode::InvalidCredentials, "the code is wrong or was used already")
    }
}

/// A new secret for the person to scan, shown this once; it replaces any earlier one
/// not yet confirmed, and takes effect only when a code made from it is confirmed.
pub async fn setup(state: &AppState, current: &CurrentUser) -> ApiResult<TwoFactorSetup> {
    let mut bytes = vec![0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    let totp = totp(bytes, &current.user.email)?;
    let secret = totp.get_secret_base32();
    state
        .store
        .set_pending_totp(current.org(), &current.user.id, &secret)
        .await?;
    let uri = totp.get_url();
    Ok(TwoFactorSetup {
        qr_svg: qr_svg(&uri)?,
        uri,
        secret,
    })
}

/// Turns two-factor sign-in on with a code made from the secret just set up. Wrong
/// codes slow down like wrong passwords.
pub async fn confirm(state: &AppState, current: &CurrentUser, req: TwoFactorConfirm) -> ApiResult<()> {
    validate::too_long("code", &req.code, 20)?;
    let Some(pending) = current.user.totp_pending.as_deref() else {
        return Err(ApiError::validation("code", "set up two-factor sign-in first"));
    };
    let limits = throttle::two_factor_code(&key_of(&current.user.id));
    let attempt = state
        .throttle
        .reserve(&limits, state.now())
        .await?
        .map_err(ApiError::rate_limited)?;
    let Some(step) = matching_step(pending, &req.code, state.now())? else {
        return Err(wrong_code());
    };
    if !state
        .store
        .confirm_totp(current.org(), &current.user.id, pending, step)
        .await?
    {
        // Set up again elsewhere meanwhile: this code is of a secret no longer shown.
        return Err(wrong_code());
    }
    state.throttle.succeeded(attempt, &limits).await?;
    audit::by(state, current, AuditKind::TwoFactorOn, current.user.email.clone()).await
}

/// Turns the person's two-factor sign-in off, with their password; refused to an
/// admin whose organisation requires it.
pub async fn turn_off(state: &AppState, current: &CurrentUser, req: TwoFactorOff) -> ApiResult<()> {
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    if org.admins_two_factor() && current.role() == Role::Admin {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "your organisation requires two-factor sign-in of admins",
        ));
    }
    confirm_own_password(state, current, "password", &req.password).await?;
    state.store.remove_totp(current.org(), &current.user.id).await?;
    audit::by(state, current, AuditKind::TwoFactorOff, current.user.email.clone()).await
}

/// The organisation's sign-in rules (admins).
pub async fn settings(state: &AppState, current: &CurrentUser) -> ApiResult<SecuritySettings> {
    current.require_team_manager()?;
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    Ok(SecuritySettings {
        admins_two_factor: org.admins_two_factor(),
    })
}

/// Requires two-factor sign-in of admins, or stops requiring it. Only an admin who
/// has it may require it (they would otherwise be held at once); the other admins
/// without it may do nothing but set it up from their next request on.
pub async fn save_settings(
    state: &AppState,
    current: &CurrentUser,
    req: SecuritySettings,
) -> ApiResult<SecuritySettings> {
    current.require_team_manager()?;
    if req.admins_two_factor && current.user.totp_secret.is_none() {
        return Err(ApiError::validation(
            "admins_two_factor",
            "turn two-factor sign-in on for yourself first",
        ));
    }
    let before = settings(state, current).await?;
    if before == req {
        return Ok(req);
    }
    state
        .store
        .set_admins_two_factor(current.org(), req.admins_two_factor)
        .await?;
    let detail = if req.admins_two_factor {
        "required"
    } else {
        "not required"
    };
    audit::by(state, current, AuditKind::TwoFactorPolicyChanged, detail.to_string()).await?;
    Ok(req)
}

/// The QR code of `text` as a small SVG document (black modules on white, with the
/// quiet zone scanners need), as a data address an `<img>` can show.
fn qr_svg(text: &str) -> ApiResult<String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).map_err(|e| ApiError::internal(format!("QR code: {e}")))?;
    let quiet = 4;
    let size = qr.size() + quiet * 2;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + quiet, y + quiet));
            }
        }
    }
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    );
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's SHA-1 test vector secret ("12345678901234567890"), in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_of_the_step_before_and_after_are_accepted_and_no_others() {
        // RFC 6238, appendix B: at 59 s the 8-digit code is 94287082; its last six digits.
        let at = DateTime::from_timestamp(59, 0).unwrap();
        assert_eq!(matching_step(RFC_SECRET, "287082", at).unwrap(), Some(1));
        assert_eq!(matching_step(RFC_SECRET, "287 082", at).unwrap(), Some(1));
        let a_step_later = DateTime::from_timestamp(89, 0).unwrap();
        assert_eq!(matching_step(RFC_SECRET, "287082", a_step_later).unwrap(), Some(1));
        let two_steps_later = DateTime::from_timestamp(119, 0).unwrap();
        assert_eq!(matching_step(RFC_SECRET, "287082", two_steps_later).unwrap(), None);
        assert_eq!(matching_step(RFC_SECRET, "28708", at).unwrap(), None);
        assert_eq!(matching_step(RFC_SECRET, "28708x", at).unwrap(), None);
    }

    #[test]
    fn the_qr_code_is_an_svg_image() {
        let qr = qr_svg("otpauth://totp/Kaiku:anna%40acme.fi?secret=ABC&issuer=Kaiku").unwrap();
        let svg = qr.strip_prefix("data:image/svg+xml;base64,").unwrap();
        let svg = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(svg).unwrap()).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"), "{svg}");
    }
}
