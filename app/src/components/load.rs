//! Data fetched from the server, and its three states on screen.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiFailure;
use crate::components::notice::{ErrorBanner, Loading};
use crate::i18n::{Msg, t};

#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiFailure),
}

impl<T> Load<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Load::Ready(value) => Some(value),
            _ => None,
        }
    }
}

/// Fetches into `target`, showing `Loading` meanwhile.
pub fn load<T: 'static + Send + Sync>(
    target: RwSignal<Load<T>>,
    fetch: impl Future<Output = Result<T, ApiFailure>> + 'static,
) {
    target.set(Load::Loading);
    spawn_local(async move {
        target.set(match fetch.await {
            Ok(value) => Load::Ready(value),
            Err(failure) => Load::Failed(failure),
        });
    });
}

/// Renders a `Load`: the loading line, the failure with a way to try again, or the data.
pub fn show<T>(state: Load<T>, retry: impl Fn() + 'static, ready: impl FnOnce(T) -> AnyView) -> AnyView {
    match state {
        Load::Loading => view! { <Loading /> }.into_any(),
        Load::Failed(failure) => view! {
            <ErrorBanner failure=Signal::derive(move || Some(failure.clone())) />
            <button type="button" class="button" on:click=move |_| retry()>
                {t(Msg::TryAgain)}
            </button>
        }
        .into_any(),
        Load::Ready(value) => ready(value),
    }
}

/// Fetches `target` again after a change, keeping what it shows until the answer
/// comes: a page does not flash "Loading…" (nor lose an open form) on every sync, and a
/// failed refetch leaves the last good copy. Before anything is ready it is [`load`].
pub fn refresh<T: 'static + Send + Sync>(
    target: RwSignal<Load<T>>,
    fetch: impl Future<Output = Result<T, ApiFailure>> + 'static,
) {
    if target.with_untracked(|t| t.ready().is_none()) {
        load(target, fetch);
        return;
    }
    spawn_local(async move {
        if let Ok(value) = fetch.await {
            target.set(Load::Ready(value));
        }
    });
}
