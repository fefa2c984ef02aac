//! The two cookies Kaiku sets: the session (HttpOnly) and the CSRF token (readable
//! by the page's own requests only as the JSON answer to `GET /auth/csrf`).

use poem::web::cookie::{Cookie, CookieJar, SameSite};

use crate::config::Config;
use crate::http::{CSRF_COOKIE, SESSION_COOKIE};

/// Behind HTTPS: `Secure` and the `__Host-` prefix (`Config::cookie_name`).
fn cookie(name: &str, value: &str, config: &Config, http_only: bool) -> Cookie {
    let mut cookie = Cookie::new_with_str(config.cookie_name(name), value);
    cookie.set_path("/");
    cookie.set_http_only(http_only);
    cookie.set_same_site(SameSite::Strict);
    cookie.set_secure(config.cookies_secure());
    cookie
}

/// A browser-session cookie: the server decides when the session ends.
pub fn set_session(jar: &CookieJar, token: &str, config: &Config) {
    jar.add(cookie(SESSION_COOKIE, token, config, true));
}

pub fn clear_session(jar: &CookieJar, config: &Config) {
    let mut expired = cookie(SESSION_COOKIE, "", config, true);
    expired.set_max_age(std::time::Duration::ZERO);
    jar.add(expired);
}

/// The existing CSRF token, or a new one set as a cookie.
pub fn csrf_token(jar: &CookieJar, config: &Config) -> String {
    if let Some(existing) = jar
        .get(&config.cookie_name(CSRF_COOKIE))
        .map(|c| c.value_str().to_string())
        && existing.len() >= 32
    {
        return existing;
    }
    let token = crate::service::secrets::new_token();
    jar.add(cookie(CSRF_COOKIE, &token, config, false));
    token
}
