//! Data fetched from the server, and its three states on screen. Only the answer to
//! the latest fetch into a place is shown: switching accounts quickly never shows the
//! one left behind when its slower answer comes last.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

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

thread_local! {
    /// The latest fetch started into each target, by the target's identity.
    static LATEST: RefCell<HashMap<u64, u64>> = RefCell::default();
    static NEXT: Cell<u64> = const { Cell::new(0) };
}

/// One fetch into one target: current until another fetch into the same target starts.
#[derive(Debug, PartialEq)]
struct Ticket {
    target: u64,
    number: u64,
}

impl Ticket {
    fn start(target: &impl Hash) -> Ticket {
        let mut hasher = DefaultHasher::new();
        target.hash(&mut hasher);
        let number = NEXT.with(|next| {
            next.set(next.get() + 1);
            next.get()
        });
        let ticket = Ticket {
            target: hasher.finish(),
            number,
        };
        LATEST.with(|latest| latest.borrow_mut().insert(ticket.target, number));
        ticket
    }

    /// Whether no later fetch into the target started; the target forgets its last
    /// fetch once that one ends, so the table holds only fetches under way.
    fn end(self) -> bool {
        LATEST.with(|latest| {
            let mut latest = latest.borrow_mut();
            let current = latest.get(&self.target) == Some(&self.number);
            if current {
                latest.remove(&self.target);
            }
            current
        })
    }
}

/// Fetches into `target`, showing `Loading` meanwhile.
pub fn load<T: 'static + Send + Sync>(
    target: RwSignal<Load<T>>,
    fetch: impl Future<Output = Result<T, ApiFailure>> + 'static,
) {
    let ticket = Ticket::start(&target);
    target.set(Load::Loading);
    spawn_local(async move {
        let answer = match fetch.await {
            Ok(value) => Load::Ready(value),
            Err(failure) => Load::Failed(failure),
        };
        if ticket.end() {
            target.set(answer);
        }
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
    let ticket = Ticket::start(&target);
    spawn_local(async move {
        let answer = fetch.await;
        if let (true, Ok(value)) = (ticket.end(), answer) {
            target.set(Load::Ready(value));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::Ticket;

    #[test]
    fn only_the_latest_fetch_into_a_target_is_shown() {
        let first = Ticket::start(&"account page");
        let elsewhere = Ticket::start(&"contacts");
        let second = Ticket::start(&"account page");
        assert!(!first.end(), "the account left behind answers last: dropped");
        assert!(second.end(), "the account now open is shown");
        assert!(elsewhere.end(), "another place is not affected");
        let again = Ticket::start(&"account page");
        assert!(again.end(), "a finished fetch does not hold the next one back");
    }
}
