//! The top bar: product name, page links, language, the user and logging out.

use kaiku_core::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

use crate::components::case_count::CaseCount;
use crate::components::lang_switch::LangSwitch;
use crate::components::message_count::MessageCount;
use crate::components::request_count::RequestCount;
use crate::components::sync_status::SyncStatus;
use crate::i18n::{Msg, t, use_lang};
use crate::offline::sync::use_sync;
use crate::state::use_app;
use crate::{api, browser};

#[component]
pub fn Nav() -> impl IntoView {
    let app = use_app();
    let user_name = Memo::new(move |_| app.session.with(|s| s.as_ref().map(|s| s.user.name.clone())));
    let logged_in = move || user_name.with(Option::is_some);
    let role = Memo::new(move |_| app.session.with(|s| s.as_ref().map(|s| s.user.role)));
    let is_admin = move || role.get() == Some(Role::Admin);
    let sees_all = move || role.get().is_some_and(Role::sees_all_accounts);
    // Members read the organisation's settings but cannot change them: no links there.
    let edits_settings = sees_all;
    // On a phone the links and tools fold behind one button; any navigation folds them.
    let menu_open = RwSignal::new(false);
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });

    view! {
        <header class="topbar" class:menu-open=move || menu_open.get()>
            <div class="topbar-inner">
                <a class="brand" href="/">
                    "Kaiku"
                </a>
                <button
                    type="button"
                    class="button nav-toggle"
                    aria-controls="nav-panel"
                    aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                    data-testid="nav-toggle"
                >
                    {move || if menu_open.get() { t(Msg::MenuClose)() } else { t(Msg::Menu)() }}
                </button>
                <div class="nav-panel" id="nav-panel">
                    <nav class="nav" aria-label=t(Msg::MainNav)>
                        <Show
                            when=logged_in
                            fallback=|| {
                                view! {
                                    <ul class="nav-links">
                                        <li>
                                            <A href="/login">{t(Msg::NavLogIn)}</A>
                                        </li>
                                        <li>
                                            <A href="/signup">{t(Msg::NavSignUp)}</A>
                                        </li>
                                    </ul>
                                }
                            }
                        >
                            <ul class="nav-links">
                                <li>
                                    <A href="/" exact=true>
                                        {t(Msg::NavHome)}
                                    </A>
                                </li>
                                <li>
                                    <A href="/accounts">{t(Msg::NavAccounts)}</A>
                                </li>
                                <li>
                                    <A href="/heatmap">{t(Msg::NavHeatmap)}</A>
                                </li>
                                <li>
                                    <A href="/cases">{t(Msg::NavCases)} <CaseCount /></A>
                                </li>
                                <li>
                                    <A href="/messages">{t(Msg::NavMessages)} <MessageCount /></A>
                                </li>
                                <li>
                                    <A href="/topics">{t(Msg::NavTopics)}</A>
                                </li>
                                <li>
                                    <A href="/requests">{t(Msg::NavRequests)} <RequestCount /></A>
                                </li>
                                // Portfolio-wide work: members reach it from their home page and
                                // the accounts, so their menu keeps to their own work.
                                <Show when=sees_all>
                                    <li>
                                        <A href="/initiatives">{t(Msg::NavInitiatives)}</A>
                                    </li>
                                    <li>
                                        <A href="/trends">{t(Msg::NavTrends)}</A>
                                    </li>
                                    <li>
                                        <A href="/promises">{t(Msg::NavPromises)}</A>
                                    </li>
                                    <li>
                                        <A href="/cycles">{t(Msg::NavCycles)}</A>
                                    </li>
                                    <li>
                                        <A href="/overdue">{t(Msg::NavOverdue)}</A>
                                    </li>
                                    <li>
                                        <A href="/backtest">{t(Msg::NavBacktest)}</A>
                                    </li>
                                </Show>
                                <Show
                                    when=edits_settings
                                    fallback=|| view! {
                                        <li>
                                            <A href="/profile">{t(Msg::NavProfile)}</A>
                                        </li>
                                    }
                                >
                                    <SettingsGroup is_admin=Signal::derive(is_admin) />
                                </Show>
                            </ul>
                        </Show>
                    </nav>
                    <div class="nav-tools">
                        <Show when=logged_in>
                            <SyncStatus />
                        </Show>
                        <LangSwitch />
                        <Show when=logged_in>
                            <span class="nav-user" data-testid="nav-user">
                                {move || user_name.get()}
                            </span>
                            <LogoutButton />
                        </Show>
                    </div>
                </div>
            </div>
        </header>
    }
}

/// The organisation's settings and the person's profile, behind one "Settings" that
/// opens a list (a dropdown on a laptop, in place in the phone's menu): the top bar keeps
/// to the pages people work in. Closes on navigation, Escape and a click elsewhere.
#[component]
fn SettingsGroup(is_admin: Signal<bool>) -> impl IntoView {
    let open = RwSignal::new(false);
    let location = use_location();
    let current = Memo::new(move |_| {
        location
            .pathname
            .with(|p| p.starts_with("/settings") || p == "/profile")
    });
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    let group = NodeRef::<leptos::html::Details>::new();
    let _ = window_event_listener(leptos::ev::click, move |ev| {
        let inside = group.get_untracked().is_some_and(|details| {
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|node| details.contains(Some(&node)))
        });
        if !inside && open.get_untracked() {
            open.set(false);
        }
    });
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    view! {
        <li class="nav-group">
            <details node_ref=group prop:open=move || open.get()>
                // The signal decides, not the browser's own toggle (its event does not
                // bubble, so it would need a listener of its own).
                <summary
                    class:nav-group-current=move || current.get()
                    data-testid="nav-settings"
                    on:click=move |ev| {
                        ev.prevent_default();
                        open.update(|o| *o = !*o);
                    }
                >
                    {t(Msg::NavSettings)}
                </summary>
                <ul class="nav-sub">
                    <li>
                        <A href="/settings/surveys">{t(Msg::NavSurveys)}</A>
                    </li>
                    <li>
                        <A href="/settings/feedback">{t(Msg::NavFeedbackSettings)}</A>
                    </li>
                    <li>
                        <A href="/settings/schedule">{t(Msg::NavSchedule)}</A>
                    </li>
                    <li>
                        <A href="/settings/health">{t(Msg::NavHealthWeights)}</A>
                    </li>
                    <li>
                        <A href="/settings/cases">{t(Msg::NavCaseSettings)}</A>
                    </li>
                    <Show when=move || is_admin.get()>
                        <li>
                            <A href="/settings/team">{t(Msg::NavTeam)}</A>
                        </li>
                        <li>
                            <A href="/settings/api-keys">{t(Msg::NavApiKeys)}</A>
                        </li>
                        <li>
                            <A href="/settings/webhooks">{t(Msg::NavWebhooks)}</A>
                        </li>
                        <li>
                            <A href="/settings/mailbox">{t(Msg::NavMailbox)}</A>
                        </li>
                        <li>
                            <A href="/settings/privacy">{t(Msg::NavPrivacy)}</A>
                        </li>
                    </Show>
                    <li>
                        <A href="/profile">{t(Msg::NavProfile)}</A>
                    </li>
                </ul>
            </details>
        </li>
    }
}

#[component]
fn LogoutButton() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let (label, busy) = (t(Msg::LogOut), t(Msg::LoggingOut));
    let (lang, unsynced) = (use_lang(), use_sync().pending());
    let on_click = move |_| {
        if pending.get_untracked() {
            return;
        }
        // Queued changes stay with this user on this device; say so before leaving.
        let waiting = unsynced.get_untracked();
        if waiting > 0 {
            let question = Msg::LogoutPendingConfirm
                .text(lang.get_untracked())
                .replace("{n}", &waiting.to_string());
            if !browser::confirm(&question) {
                return;
            }
        }
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            // Whatever the server says, this browser is done with the session.
            let _ = api::logout().await;
            pending.set(false);
            navigate("/login", Default::default());
            app.logged_out();
        });
    };
    view! {
        <button type="button" class="button button-quiet" on:click=on_click disabled=move || pending.get()>
            {move || if pending.get() { busy() } else { label() }}
        </button>
    }
}
