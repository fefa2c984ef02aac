//! The customer survey page, opened at `/s/<token>`: its own small bundle, separate
//! from the team app, so a customer on a slow phone downloads only this.
//!
//! Answers are kept on the device (IndexedDB) the moment they are given and sent to
//! the server when it is reachable; a reload or a lost connection resumes where the
//! customer stopped, and submitting twice records one response.

mod draft;
mod server;
mod text;
mod view;

fn main() {
    // No console_error_panic_hook here: its message formatting costs several KB of
    // the page's size budget, and customers do not read the console.
    leptos::mount::mount_to_body(view::SurveyApp);
}
