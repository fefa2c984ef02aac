//! A CSV import: choose or paste a file, preview what would happen row by row, then
//! import the good rows. What is imported (accounts, outcomes) brings its own request
//! and its own report; this holds the steps every import shares.

use std::future::Future;

use kaiku_core::account::ImportRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::ApiFailure;
use crate::components::notice::ErrorBanner;
use crate::i18n::{Msg, t};

/// Reads the chosen file as text.
async fn read_file(input: web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    JsFuture::from(file.text()).await.ok()?.as_string()
}

/// `send` posts the request; `importable` tells whether a preview found rows to import;
/// `report` shows a preview or the import done.
#[component]
pub fn CsvImport<Report, Send, Sent>(
    title: Msg,
    help: Msg,
    example: &'static str,
    send: Send,
    importable: fn(&Report) -> bool,
    report: fn(Report) -> AnyView,
    imported: Callback<()>,
    #[prop(into)] test_id: String,
) -> impl IntoView
where
    Report: Clone + std::marker::Send + Sync + 'static,
    Send: Fn(ImportRequest) -> Sent + Copy + std::marker::Send + Sync + 'static,
    Sent: Future<Output = Result<Report, ApiFailure>> + 'static,
{
    let csv = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Report>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);
    let file_id = format!("{test_id}-file");
    let paste_id = format!("{test_id}-csv");
    let run = move |dry_run: bool| {
        let request = ImportRequest {
            csv: csv.get_untracked(),
            dry_run,
        };
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match send(request).await {
                Ok(done) => {
                    if !dry_run {
                        imported.run(());
                    }
                    result.set(Some(done));
                }
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        spawn_local(async move {
            if let Some(text) = read_file(input).await {
                csv.set(text);
                result.set(None);
            }
        });
    };
    let can_import = move || result.with(|r| r.as_ref().is_some_and(importable));
    view! {
        <details class="card import" data-testid=test_id>
            <summary>{t(title)}</summary>
            <p class="muted">{t(help)}</p>
            <pre class="import-example">{example}</pre>
            <div class="field">
                <label for=file_id.clone()>{t(Msg::ImportFile)}</label>
                <input id=file_id type="file" accept=".csv,text/csv" on:change=on_file />
            </div>
            <div class="field">
                <label for=paste_id.clone()>{t(Msg::ImportPaste)}</label>
                <textarea id=paste_id rows="6" bind:value=csv on:input=move |_| result.set(None)></textarea>
            </div>
            <ErrorBanner failure=failure />
            <div class="form-actions">
                <button type="button" class="button" disabled=move || busy.get() on:click=move |_| run(true)>
                    {t(Msg::ImportPreview)}
                </button>
                <button
                    type="button"
                    class="button button-primary"
                    disabled=move || busy.get() || !can_import()
                    on:click=move |_| run(false)
                >
                    {t(Msg::ImportRun)}
                </button>
            </div>
            {move || result.get().map(report)}
        </details>
    }
}

/// A preview's or an import's report: the summary, then a row per line of the file
/// (`children`, one `<tr>` each) under `headers`.
#[component]
pub fn ImportReportTable(
    summary: String,
    dry_run: bool,
    headers: Vec<Msg>,
    #[prop(into)] test_id: String,
    children: Children,
) -> impl IntoView {
    view! {
        <p class="banner" class:banner-success=!dry_run class:banner-info=dry_run role="status">
            {summary}
        </p>
        <table class="import-rows" data-testid=test_id>
            <thead>
                <tr>{headers.into_iter().map(|h| view! { <th scope="col">{t(h)}</th> }).collect_view()}</tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}

/// One line's verdict: ✓ and what it does, or ✗ and why it is refused.
pub fn verdict(refused: bool, text: String) -> String {
    format!("{} {text}", if refused { "✗" } else { "✓" })
}
