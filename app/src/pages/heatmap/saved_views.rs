//! Views saved under a name (`kaiku_core::saved_view`): each person keeps the filters,
//! sort and mode they come back to, and opens one with a click. The view is saved as
//! the page's address says it (without the scroll position), so it opens as the
//! address would.

use kaiku_core::saved_view::{SavedView, SavedViewInput};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::address::HeatmapAddress;
use crate::api;
use crate::browser;
use crate::components::form::{FormErrors, field_error, form_failure, passes};
use crate::components::load::{Load, refresh, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};

const FIELDS: &[&str] = &["name", "query"];

/// What is saved of a view: everything but the scroll position.
fn kept(view: &HeatmapAddress) -> HeatmapAddress {
    HeatmapAddress { row: 0, ..view.clone() }
}

#[component]
pub fn SavedViews(address: Memo<HeatmapAddress>, open: Callback<HeatmapAddress>) -> impl IntoView {
    let views = RwSignal::new(Load::<Vec<SavedView>>::Loading);
    let fetch = move || refresh(views, api::saved_views());
    fetch();
    let count = move || views.with(|v| v.ready().map(Vec::len));
    view! {
        <details class="hm-saved" data-testid="heatmap-saved-views">
            <summary>
                {t(Msg::SavedViews)}
                {move || count().filter(|n| *n > 0).map(|n| format!(" ({n})"))}
            </summary>
            {move || show(views.get(), fetch, move |list| view! { <ViewList list address open changed=Callback::new(move |()| fetch()) /> }.into_any())}
            <SaveForm address saved=Callback::new(move |()| fetch()) />
        </details>
    }
}

#[component]
fn ViewList(
    list: Vec<SavedView>,
    address: Memo<HeatmapAddress>,
    open: Callback<HeatmapAddress>,
    changed: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    if list.is_empty() {
        return view! { <p class="muted">{t(Msg::SavedViewsEmpty)}</p> }.into_any();
    }
    let items = list
        .into_iter()
        .map(|saved| {
            let view = HeatmapAddress::parse(&saved.query);
            let is_current = {
                let view = view.clone();
                move || address.with(kept) == view
            };
            let name = saved.name.clone();
            let on_delete = move |_| {
                let question = i18n::fill(lang.get_untracked(), Msg::SavedViewDeleteConfirm, &[("name", &name)]);
                if !browser::confirm(&question) {
                    return;
                }
                let id = saved.id.clone();
                spawn_local(async move {
                    // A failure leaves the view listed; the list is fetched again either way.
                    let _ = api::delete_saved_view(&id).await;
                    changed.run(());
                });
            };
            let label = |msg| i18n::fill(lang.get_untracked(), msg, &[("name", &saved.name)]);
            view! {
                <li class="hm-saved-item">
                    <button
                        type="button"
                        class="link-button"
                        aria-label=label(Msg::SavedViewOpen)
                        aria-current=move || is_current().then_some("true")
                        data-testid="saved-view-open"
                        on:click=move |_| open.run(view.clone())
                    >
                        {saved.name.clone()}
                    </button>
                    <button
                        type="button"
                        class="button button-small"
                        aria-label=label(Msg::SavedViewDeleteLabel)
                        data-testid="saved-view-delete"
                        on:click=on_delete
                    >
                        {t(Msg::SavedViewDelete)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="hm-saved-list">{items}</ul> }.into_any()
}

#[component]
fn SaveForm(address: Memo<HeatmapAddress>, saved: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let name_error = field_error(errors, "name");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let input = SavedViewInput {
            name: name.get_untracked(),
            query: address.with_untracked(kept).to_query(),
        };
        done.set(None);
        if !passes(errors, FormErrors::check([input.check()])) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::save_view(&input).await {
                Ok(view) => {
                    done.set(Some(view.name));
                    name.set(String::new());
                    saved.run(());
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, FIELDS)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="hm-saved-form" on:submit=on_submit novalidate data-testid="saved-view-form">
            <div class="field" class:field-invalid=move || name_error.with(Option::is_some)>
                <label for="saved-view-name">{t(Msg::SavedViewName)}</label>
                <input
                    id="saved-view-name"
                    type="text"
                    maxlength="60"
                    aria-invalid=move || name_error.with(Option::is_some).then_some("true")
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                {move || name_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
            <ErrorBanner failure=form_failure(errors) />
            <button type="submit" class="button" disabled=move || busy.get()>{t(Msg::SavedViewSave)}</button>
            <p class="muted" role="status" data-testid="saved-view-status">
                {move || done.get().map(|name| i18n::fill(lang.get(), Msg::SavedViewSaved, &[("name", &name)]))}
            </p>
        </form>
    }
}
