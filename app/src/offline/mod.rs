//! The team app's offline layer: the only code touching its IndexedDB database.
//!
//! - [`cache`]: server data kept on the device, shown when the server can't be reached;
//! - [`drafts`]: forms saved as they are typed, so a reload loses nothing;
//! - [`sync`]: the outbox of changes (`kaiku_core::sync::Outbox`), replayed when online;
//! - [`session`]: the last signed-in user, so the app starts offline.
//!
//! Everything stored is scoped to the signed-in user (see [`set_user`]), so a shared
//! device never shows one person's drafts or cached data to another.

pub mod cache;
mod db;
pub mod drafts;
pub mod session;
pub mod sync;

use chrono::{DateTime, Local, Utc};
use kaiku_core::Lang;

pub use db::set_user;

/// What the browser believes about the network; `true` when it can't tell.
pub fn browser_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// A time of day as each language writes it ("10:42", "klo 10.42"), with the date in
/// front when it is not today.
pub fn clock(lang: Lang, at: &DateTime<Utc>) -> String {
    let local = at.with_timezone(&Local);
    let today = Local::now().date_naive() == local.date_naive();
    let time = match lang {
        Lang::En => local.format("%H:%M").to_string(),
        Lang::Fi => local.format("klo %H.%M").to_string(),
    };
    if today {
        return time;
    }
    let date = match lang {
        Lang::En => local.format("%-d %b %Y").to_string(),
        Lang::Fi => local.format("%-d.%-m.%Y").to_string(),
    };
    format!("{date} {time}")
}
