//! Small wrappers around the browser: storage, document, dialogs and the clipboard.

use kaiku_core::Lang;
use wasm_bindgen_futures::JsFuture;

const LANG_KEY: &str = "kaiku.lang";
/// Set while logged in, so a reload can tell "session ended" from "never logged in".
const SESSION_KEY: &str = "kaiku.session";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// Before login: the stored choice, else the browser's language, else English.
pub fn initial_language() -> Lang {
    let stored = storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|tag| Lang::from_tag(&tag));
    let browser = || {
        window()
            .and_then(|w| w.navigator().language())
            .and_then(|tag| Lang::from_tag(&tag))
    };
    stored.or_else(browser).unwrap_or_default()
}

pub fn store_language(lang: Lang) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}

pub fn remember_session(active: bool) {
    if let Some(storage) = storage() {
        let _ = if active {
            storage.set_item(SESSION_KEY, "1")
        } else {
            storage.remove_item(SESSION_KEY)
        };
    }
}

pub fn had_session() -> bool {
    storage().and_then(|s| s.get_item(SESSION_KEY).ok().flatten()).is_some()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

pub fn set_document_language(lang: Lang) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// The IANA time zones this browser knows (`Intl.supportedValuesOf("timeZone")`),
/// sorted; empty where the browser cannot list them. Asking the browser keeps the
/// time zone database out of the app's bundle.
pub fn time_zones() -> Vec<String> {
    use wasm_bindgen::JsCast;
    let list = || -> Option<js_sys::Array> {
        let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let supported: js_sys::Function = js_sys::Reflect::get(&intl, &"supportedValuesOf".into())
            .ok()?
            .dyn_into()
            .ok()?;
        supported.call1(&intl, &"timeZone".into()).ok()?.dyn_into().ok()
    };
    let mut zones: Vec<String> = list()
        .map(|array| array.iter().filter_map(|zone| zone.as_string()).collect())
        .unwrap_or_default();
    zones.sort();
    zones
}

/// `window.confirm`; `false` when no dialog could be shown.
pub fn confirm(message: &str) -> bool {
    window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// `https://host:port`, to turn the server's paths into links to share.
pub fn origin() -> String {
    window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// Copies `text`; `false` when the browser refused.
pub async fn copy(text: &str) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Where the team app leaves a template for the survey page's preview (`/s/preview`),
/// which reads it from the same origin's storage.
pub const SURVEY_PREVIEW_KEY: &str = "kaiku.survey-preview";

/// Opens the survey page with `page_json` as a preview, in a new tab.
pub fn open_survey_preview(page_json: &str) -> bool {
    let stored = storage().is_some_and(|s| s.set_item(SURVEY_PREVIEW_KEY, page_json).is_ok());
    stored
        && window()
            .and_then(|w| w.open_with_url_and_target("/s/preview", "_blank").ok())
            .flatten()
            .is_some()
}

/// Offers `text` as a file saved as `file_name`: a Blob behind an object URL, clicked
/// through an `<a download>`. `false` when the browser refused.
pub fn download(file_name: &str, mime: &str, text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(document) = document() else {
        return false;
    };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let link = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let clicked = match (link, document.body()) {
        (Some(link), Some(body)) => {
            link.set_href(&url);
            link.set_download(file_name);
            link.set_class_name("hidden");
            let attached = body.append_child(&link).is_ok();
            link.click();
            link.remove();
            attached
        }
        _ => false,
    };
    // Some browsers read the URL after the click has returned: let it go a little later.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    clicked
}
