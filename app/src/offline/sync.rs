//! The sync queue: every change goes into the signed-in user's [`Outbox`] on the device
//! first, then to `POST /sync` when the server can be reached.
//!
//! The outbox lives in IndexedDB (one record per user) and every change to it is a
//! read-modify-write in one transaction, so tabs never overwrite each other's changes.
//! A flush re-reads the stored outbox, sends its next batch and settles only the
//! answers that came back: two tabs sending the same batch at once is harmless, since
//! the server applies a mutation id once and a late answer for a settled id changes
//! nothing. Tabs tell each other about changes over a `BroadcastChannel`.

use std::cell::RefCell;
use std::time::Duration;

use chrono::{DateTime, Utc};
use kaiku_core::sync::{Mutation, Outbox, SyncRequest, Unsettled};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use super::browser_online;
use super::db::{self, Store};
use crate::api::{self, ApiFailure};

/// While changes wait, a flush is tried this often (the server may be back without the
/// browser noticing a change of network).
const RETRY_EVERY: Duration = Duration::from_secs(30);
const CHANNEL: &str = "kaiku-sync";
/// Messages between tabs: the stored queue changed; the server answered a sync (so it
/// can be reached); the server answered and confirmed changes (pages reload).
const MSG_CHANGED: &str = "changed";
const MSG_ANSWERED: &str = "answered";
const MSG_SYNCED: &str = "synced";

/// What is stored per user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Queue {
    outbox: Outbox,
    /// When the server last answered a sync.
    last_synced: Option<DateTime<Utc>>,
}

/// The change could not be written to the device (no IndexedDB, storage full, or
/// nobody signed in), so it was not queued: keep the form's input and say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotQueued;

/// The sync context, provided by [`provide_sync`] and read with [`use_sync`]. `Copy`:
/// capture it before `spawn_local` or an event handler and call its methods there.
#[derive(Clone, Copy)]
pub struct SyncState {
    user: Memo<Option<String>>,
    queue: RwSignal<Queue>,
    pending: Memo<usize>,
    unsettled: Memo<Vec<Unsettled>>,
    online: RwSignal<bool>,
    syncing: RwSignal<bool>,
    synced: RwSignal<u64>,
    failure: RwSignal<Option<ApiFailure>>,
    /// A flush is running in this tab; `again` asks it for one more round.
    busy: StoredValue<bool>,
    again: StoredValue<bool>,
}

enum Step {
    /// A batch went and the server's answers were settled: send the next.
    Sent,
    /// Nothing (left) to send.
    Empty,
    /// Offline, the server refused the request as a whole, or storage failed: try later.
    Stopped,
}

thread_local! {
    static BROADCAST: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

fn broadcast(message: &str) {
    BROADCAST.with(|channel| {
        if let Some(channel) = channel.borrow().as_ref() {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str(message));
        }
    });
}

/// A new id for a mutation (or anything else made on the device): a random UUID.
pub fn new_client_id() -> String {
    let Some(window) = web_sys::window() else {
        return fallback_uuid(None);
    };
    let crypto = window.crypto().ok();
    // `randomUUID` exists only in secure contexts (https, localhost); calling it
    // elsewhere would throw, so plain-http installations build one from random bytes.
    match crypto {
        Some(crypto) if window.is_secure_context() => crypto.random_uuid(),
        crypto => fallback_uuid(crypto),
    }
}

fn fallback_uuid(crypto: Option<web_sys::Crypto>) -> String {
    let mut bytes = [0u8; 16];
    let filled = crypto.is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No crypto at all: still unique enough for a queue on one device.
        let seed = Utc::now().timestamp_micros() as u64;
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = (seed.rotate_left(i as u32 * 7) ^ (i as u64 * 0x9e37_79b9)) as u8;
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Creates the sync context for the app: `user` is the signed-in user's id. Flushes at
/// start and whenever the user changes, when the browser comes online, after every
/// change, and every 30 seconds while changes wait.
pub fn provide_sync(user: Signal<Option<String>>) -> SyncState {
    let queue = RwSignal::new(Queue::default());
    let state = SyncState {
        user: Memo::new(move |_| user.get()),
        queue,
        pending: Memo::new(move |_| queue.with(|q| q.outbox.pending.len())),
        unsettled: Memo::new(move |_| queue.with(|q| q.outbox.unsettled.clone())),
        online: RwSignal::new(browser_online()),
        syncing: RwSignal::new(false),
        synced: RwSignal::new(0),
        failure: RwSignal::new(None),
        busy: StoredValue::new(false),
        again: StoredValue::new(false),
    };
    provide_context(state);

    Effect::new(move |_| {
        let user = state.user.get();
        spawn_local(async move {
            state.reload(user).await;
            state.flush().await;
        });
    });

    let _ = window_event_listener(ev::online, move |_| {
        state.online.set(true);
        state.sync_now();
    });
    let _ = window_event_listener(ev::offline, move |_| state.online.set(false));
    set_interval(
        move || {
            if state.pending.get_untracked() > 0 && browser_online() {
                state.sync_now();
            }
        },
        RETRY_EVERY,
    );
    listen_to_other_tabs(state);
    state
}

pub fn use_sync() -> SyncState {
    expect_context::<SyncState>()
}

fn listen_to_other_tabs(state: SyncState) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let message = event.data().as_string().unwrap_or_default();
        spawn_local(async move {
            state.reload(state.user.get_untracked()).await;
            if message == MSG_ANSWERED || message == MSG_SYNCED {
                state.online.set(true);
                state.failure.set(None);
            }
            if message == MSG_SYNCED {
                state.synced.update(|v| *v += 1);
            }
        });
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the page.
    on_message.forget();
    BROADCAST.with(|b| *b.borrow_mut() = Some(channel));
}

impl SyncState {
    /// How many changes wait to be sent.
    pub fn pending(&self) -> Signal<usize> {
        self.pending.into()
    }

    /// The changes waiting, oldest first (a page may mark its own as "not synced yet").
    pub fn pending_mutations(&self) -> Signal<Vec<Mutation>> {
        let queue = self.queue;
        Signal::derive(move || queue.with(|q| q.outbox.pending.clone()))
    }

    /// Changes the server would not apply as they were: the user decides.
    pub fn unsettled(&self) -> Signal<Vec<Unsettled>> {
        self.unsettled.into()
    }

    /// When the server last answered a sync from this device.
    pub fn last_synced(&self) -> Signal<Option<DateTime<Utc>>> {
        let queue = self.queue;
        Signal::derive(move || queue.with(|q| q.last_synced))
    }

    /// `false` when the browser is offline or the server could not be reached.
    pub fn online(&self) -> Signal<bool> {
        self.online.into()
    }

    /// A batch is on its way.
    pub fn syncing(&self) -> Signal<bool> {
        self.syncing.into()
    }

    /// Grows after every sync that the server confirmed changes in (here or in another
    /// tab): pages showing data those changes touch reload when it moves.
    pub fn synced(&self) -> Signal<u64> {
        self.synced.into()
    }

    /// Why the last sync request failed as a whole, other than being offline (it is
    /// tried again later); `None` after a sync went through.
    pub fn failure(&self) -> Signal<Option<ApiFailure>> {
        self.failure.into()
    }

    /// Records whether the server can be reached, as learnt elsewhere (start-up).
    pub fn set_online(self, online: bool) {
        self.online.set(online);
        if online {
            self.sync_now();
        }
    }

    /// Queues `mutation`: it is stored on the device first (when this returns `Ok`, it
    /// survives reloads and restarts), then sent as soon as possible.
    pub async fn enqueue(self, mutation: Mutation) -> Result<(), NotQueued> {
        let user = self.user.get_untracked().ok_or(NotQueued)?;
        let (queue, ()) = db::update(Store::Outbox, &user, |q: &mut Queue| {
            // The same change queued twice (a double click) goes once.
            if !q.outbox.pending.iter().any(|m| m.id == mutation.id) {
                q.outbox.push(mutation);
            }
        })
        .await
        .map_err(|_| NotQueued)?;
        self.show(&user, queue);
        broadcast(MSG_CHANGED);
        self.sync_now();
        Ok(())
    }

    /// Sends what waits, unless a flush is already running (it then goes once more).
    pub fn sync_now(self) {
        spawn_local(self.flush());
    }

    /// The user keeps their version of a conflicting action edit: it is queued again
    /// against the server's current revision. `Ok(false)` when `id` is no such conflict.
    pub async fn keep_mine(self, id: String) -> Result<bool, NotQueued> {
        let user = self.user.get_untracked().ok_or(NotQueued)?;
        let new_id = new_client_id();
        let (queue, kept) = db::update(Store::Outbox, &user, |q: &mut Queue| {
            // `Outbox::keep_mine` drops an entry it cannot re-queue: only hand it those it can.
            let can_keep = q
                .outbox
                .unsettled
                .iter()
                .any(|u| u.mutation.id == id && u.mutation.action_edit.is_some() && u.result.current.is_some());
            can_keep && q.outbox.keep_mine(&id, new_id)
        })
        .await
        .map_err(|_| NotQueued)?;
        self.show(&user, queue);
        broadcast(MSG_CHANGED);
        if kept {
            self.sync_now();
        }
        Ok(kept)
    }

    /// The user accepts the server's version, or gives up a refused change.
    pub async fn discard(self, id: String) -> Result<Option<Unsettled>, NotQueued> {
        let user = self.user.get_untracked().ok_or(NotQueued)?;
        let (queue, discarded) = db::update(Store::Outbox, &user, |q: &mut Queue| q.outbox.discard(&id))
            .await
            .map_err(|_| NotQueued)?;
        self.show(&user, queue);
        broadcast(MSG_CHANGED);
        if discarded.is_some() {
            // The page may show the server's version now.
            self.synced.update(|v| *v += 1);
        }
        Ok(discarded)
    }

    /// Shows `queue` if it is still the signed-in user's.
    fn show(self, user: &str, queue: Queue) {
        if self.user.with_untracked(|u| u.as_deref() == Some(user)) {
            self.queue.set(queue);
        }
    }

    async fn reload(self, user: Option<String>) {
        let Some(user) = user else {
            self.queue.set(Queue::default());
            return;
        };
        if let Ok(queue) = db::get::<Queue>(Store::Outbox, &user).await {
            self.show(&user, queue.unwrap_or_default());
        }
    }

    async fn flush(self) {
        if self.busy.get_value() {
            self.again.set_value(true);
            return;
        }
        self.busy.set_value(true);
        loop {
            self.again.set_value(false);
            match self.send_batch().await {
                Step::Sent => continue,
                Step::Empty if self.again.get_value() => continue,
                Step::Empty | Step::Stopped => break,
            }
        }
        self.syncing.set(false);
        self.busy.set_value(false);
    }

    async fn send_batch(self) -> Step {
        let Some(user) = self.user.get_untracked() else {
            return Step::Stopped;
        };
        // Read again: another tab may have sent or queued something meanwhile.
        let Ok(stored) = db::get::<Queue>(Store::Outbox, &user).await else {
            return Step::Stopped;
        };
        let stored = stored.unwrap_or_default();
        let batch = stored.outbox.next_batch();
        self.show(&user, stored);
        if batch.is_empty() {
            return Step::Empty;
        }
        self.syncing.set(true);
        let sent: Vec<String> = batch.iter().map(|m| m.id.clone()).collect();
        let response = match api::sync(&SyncRequest { mutations: batch }).await {
            Ok(response) => response,
            Err(ApiFailure::Network) => {
                // The queue stays as it is; the `online` event or the timer tries again.
                self.online.set(false);
                return Step::Stopped;
            }
            Err(failure) => {
                // 401 ends the session (api.rs); anything else is retried later.
                self.failure.set(Some(failure));
                return Step::Stopped;
            }
        };
        self.online.set(true);
        self.failure.set(None);
        let now = Utc::now();
        let settled = db::update(Store::Outbox, &user, |q: &mut Queue| {
            let confirmed = q.outbox.settle(&response.results);
            q.last_synced = Some(now);
            // Progress: some sent id is no longer pending (settled here or by another tab).
            let progressed = sent.iter().any(|id| q.outbox.pending.iter().all(|m| &m.id != id));
            (confirmed, progressed)
        })
        .await;
        let Ok((queue, (confirmed, progressed))) = settled else {
            // Not recorded: the same batch goes again and the server answers "already applied".
            return Step::Stopped;
        };
        self.show(&user, queue);
        if confirmed > 0 {
            self.synced.update(|v| *v += 1);
            broadcast(MSG_SYNCED);
        } else {
            broadcast(MSG_ANSWERED);
        }
        // A server that answered none of the batch would otherwise be asked forever.
        if progressed { Step::Sent } else { Step::Stopped }
    }
}
