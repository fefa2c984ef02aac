use kaiku_core::account::{ImportReport, ImportRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiFailure};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};

/// Reads the chosen file as text.
pub(crate) async fn read_file(input: web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    JsFuture::from(file.text()).await.ok()?.as_string()
}

/// CSV import on the accounts page: choose or paste a file, preview what would happen
/// row by row, then import the good rows.
#[component]
pub fn AccountImport(imported: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let csv = RwSignal::new(String::new());
    let report = RwSignal::new(None::<ImportReport>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);
    let run = move |dry_run: bool| {
        let req = ImportRequest {
            csv: csv.get_untracked(),
            dry_run,
        };
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::import_accounts(&req).await {
                Ok(result) => {
                    if !dry_run {
                        imported.run(());
                    }
                    report.set(Some(result));
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
                report.set(None);
            }
        });
    };
    let can_import = move || {
        report.with(|r| {
            r.as_ref()
                .is_some_and(|r| r.dry_run && r.accounts_created + r.contacts_created > 0)
        })
    };
    view! {
        <details class="card import">
            <summary>{t(Msg::ImportTitle)}</summary>
            <p class="muted">{t(Msg::ImportHelp)}</p>
            <pre class="import-example">{i18n::IMPORT_EXAMPLE}</pre>
            <div class="field">
                <label for="import-file">{t(Msg::ImportFile)}</label>
                <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_file />
            </div>
            <div class="field">
                <label for="import-csv">{t(Msg::ImportPaste)}</label>
                <textarea
                    id="import-csv"
                    rows="6"
                    bind:value=csv
                    on:input=move |_| report.set(None)
                ></textarea>
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
            {move || {
                report
                    .get()
                    .map(|r| {
                        let summary = i18n::import_summary(lang.get(), &r);
                        view! {
                            <p class="banner" class:banner-success=!r.dry_run class:banner-info=r.dry_run role="status">
                                {summary}
                            </p>
                            <table class="import-rows" data-testid="import-rows">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::ImportLine)}</th>
                                        <th scope="col">{t(Msg::AccountsTitle)}</th>
                                        <th scope="col">{t(Msg::ContactsTitle)}</th>
                                        <th scope="col">{t(Msg::ImportOutcome)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {r
                                        .rows
                                        .into_iter()
                                        .map(|row| {
                                            let refused = row.error.is_some();
                                            let outcome = match &row.error {
                                                Some(message) => i18n::import_problem(lang.get(), row.field.as_deref(), message),
                                                None => t(if row.new_account { Msg::ImportNewAccount } else { Msg::ImportAddsContact })()
                                                    .to_string(),
                                            };
                                            view! {
                                                <tr class:row-refused=refused>
                                                    <td>{row.line}</td>
                                                    <td>{row.account}</td>
                                                    <td>{row.contact.unwrap_or_default()}</td>
                                                    <td>{if refused { "✗ " } else { "✓ " }} {outcome}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                    })
            }}
        </details>
    }
}
