//! A person's signed-in sessions as their profile lists them, and the browser and
//! system a session was started from, named from its `User-Agent`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

api_type! {
    /// `GET /me/sessions`: one of the caller's sessions.
    pub struct SessionInfo {
        pub id: String,
        /// "Firefox, Linux"; `None` when the browser did not say.
        pub device: Option<String>,
        pub created_at: DateTime<Utc>,
        pub last_seen_at: DateTime<Utc>,
        /// The session this request came with.
        pub current: bool,
    }
}

/// The longest `User-Agent` looked at; anything longer is not a browser's.
const MAX_USER_AGENT: usize = 512;

/// The browser and system in a `User-Agent`, e.g. "Firefox, Linux". Only these
/// words are kept, never the header itself (it can identify a person's machine).
pub fn device_name(user_agent: &str) -> Option<String> {
    if user_agent.len() > MAX_USER_AGENT {
        return None;
    }
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    const BROWSERS: [(&str, &str); 6] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: [(&str, &str); 7] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("CrOS", "ChromeOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let find = |table: &[(&str, &'static str)]| {
        table
            .iter()
            .find(|(marker, _)| user_agent.contains(marker))
            .map(|(_, name)| *name)
    };
    match (find(&BROWSERS), find(&SYSTEMS)) {
        (Some(browser), Some(system)) => Some(format!("{browser}, {system}")),
        (Some(only), None) | (None, Some(only)) => Some(only.to_string()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::device_name;

    #[test]
    fn browsers_and_systems_are_named_from_real_user_agents() {
        let cases = [
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                Some("Firefox, Linux"),
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                Some("Edge, Windows"),
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                Some("Safari, iOS"),
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                Some("Chrome, Android"),
            ),
            ("curl/8.5.0", None),
            ("", None),
        ];
        for (agent, expected) in cases {
            assert_eq!(device_name(agent).as_deref(), expected, "{agent}");
        }
        assert_eq!(device_name(&"Firefox/1 ".repeat(100)), None, "overlong");
    }
}
