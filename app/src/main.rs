//! Kaiku's browser app: Leptos, client-side rendered, built by Trunk.

mod address;
mod api;
mod app;
mod browser;
mod components;
mod i18n;
mod offline;
mod pages;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    register_service_worker();
    leptos::mount::mount_to_body(app::App);
}

/// Registers `/sw.js` (public/sw.js), which keeps the app shell so a reload works
/// offline. Without it the app still works online: a failure is only logged.
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    // Missing outside secure contexts (plain http other than localhost).
    if container.is_undefined() {
        return;
    }
    let registration = wasm_bindgen_futures::JsFuture::from(container.register("/sw.js"));
    // Leptos' executor starts with the mount; this runs before it.
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = registration.await {
            leptos::logging::warn!("Kaiku: the service worker was not registered: {error:?}");
        }
    });
}
