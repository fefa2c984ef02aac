//! The last signed-in user, kept in localStorage so the app can start without the
//! server. It is a convenience, not a credential: the server still checks the session
//! cookie on every call, and the copy is removed on logout and when the server says
//! the session is gone.

use kaiku_core::api::SessionView;

const KEY: &str = "kaiku.me";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn remember(session: &SessionView) {
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(session)) {
        let _ = storage.set_item(KEY, &json);
    }
}

/// The user who was signed in last on this device, if nobody logged out since.
pub fn last() -> Option<SessionView> {
    let json = storage()?.get_item(KEY).ok().flatten()?;
    serde_json::from_str(&json).ok()
}

pub fn forget() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
}
