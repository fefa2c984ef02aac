//! Kaiku's browser app: Leptos, client-side rendered, built by Trunk.

mod api;
mod app;
mod browser;
mod components;
mod i18n;
mod pages;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
