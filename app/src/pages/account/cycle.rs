//! The account's feedback cycle: the rule in force and where it comes from, the coming
//! rounds and what became of past ones. The account's managers edit the rule, go back
//! to the organisation's default, pause or resume, and skip single rounds.

use kaiku_core::account::ContactView;
use kaiku_core::cycle::{
    AccountCycleInput, AccountCycleView, CycleEvent, CycleOutcome, RuleSource, SkipRoundRequest, UpcomingRound,
};
use kaiku_core::survey::TemplateView;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::cycle_rule::{RULE_FIELDS, RuleDraft, RuleFields, template_name};
use crate::components::field::SubmitButton;
use crate::components::form::{FormErrors, form_failure, submit_if_valid};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, plan_reason, rule_source, t, use_lang};

/// The cycle, and the templates its rule may name.
type CycleData = (AccountCycleView, Vec<TemplateView>);

async fn fetch(account_id: String) -> Result<CycleData, ApiFailure> {
    let cycle = api::account_cycle(&account_id).await?;
    let templates = api::survey_templates().await?;
    Ok((cycle, templates))
}

/// What the parts of the section share: the account, the cycle as the server last
/// answered, and the outcome of the last change.
#[derive(Clone, Copy)]
struct CycleCtx {
    account_id: StoredValue<String>,
    account_name: StoredValue<String>,
    /// Edit, pause and skip: the account's managers, while it is not archived.
    can_edit: bool,
    state: RwSignal<AccountCycleView>,
    templates: StoredValue<Vec<TemplateView>>,
    failure: RwSignal<Option<ApiFailure>>,
    busy: RwSignal<bool>,
}

impl CycleCtx {
    /// Sends a change and shows the server's answer.
    fn apply(self, input: AccountCycleInput) {
        self.busy.set(true);
        self.failure.set(None);
        let id = self.account_id.get_value();
        spawn_local(async move {
            match api::set_account_cycle(&id, &input).await {
                Ok(view) => self.state.set(view),
                Err(failure) => self.failure.set(Some(failure)),
            }
            self.busy.set(false);
        });
    }
}

#[component]
pub fn Cycle(
    account_id: String,
    account_name: String,
    can_edit: bool,
    archived: bool,
    contacts: RwSignal<Load<Vec<ContactView>>>,
    rounds_changed: RwSignal<u32>,
) -> impl IntoView {
    let data = RwSignal::new(Load::<CycleData>::Loading);
    let account_id = StoredValue::new(account_id);
    let account_name = StoredValue::new(account_name);
    let reload = move || load(data, fetch(account_id.get_value()));
    reload();
    let contacts = Signal::derive(move || contacts.with(|c| c.ready().cloned().unwrap_or_default()));
    view! {
        <section class="card" aria-labelledby="cycle-heading" data-testid="cycle-section">
            <h2 id="cycle-heading">{t(Msg::CycleTitle)}</h2>
            {archived.then(|| view! { <p class="muted">{t(Msg::CycleArchived)}</p> })}
            {move || show(data.get(), reload, move |(cycle, templates)| {
                let ctx = CycleCtx {
                    account_id,
                    account_name,
                    can_edit,
                    state: RwSignal::new(cycle),
                    templates: StoredValue::new(templates),
                    failure: RwSignal::new(None),
                    busy: RwSignal::new(false),
                };
                view! { <CycleDetails ctx contacts rounds_changed /> }.into_any()
            })}
        </section>
    }
}

#[component]
fn CycleDetails(ctx: CycleCtx, contacts: Signal<Vec<ContactView>>, rounds_changed: RwSignal<u32>) -> impl IntoView {
    let editing = RwSignal::new(false);
    // A survey sent by hand moves which coming rounds fall too close to the last one.
    Effect::new(move |first_run_done: Option<()>| {
        rounds_changed.track();
        if first_run_done.is_some() {
            let id = ctx.account_id.get_value();
            spawn_local(async move {
                if let Ok(view) = api::account_cycle(&id).await {
                    ctx.state.set(view);
                }
            });
        }
    });
    view! {
        <PausedNote state=ctx.state />
        <RuleSummary ctx />
        <ErrorBanner failure=ctx.failure />
        {ctx.can_edit.then(|| view! {
            <Show when=move || editing.get() fallback=move || view! { <ManageCycle ctx editing /> }>
                <CycleForm ctx editing contacts />
            </Show>
        })}
        <h3>{t(Msg::CycleUpcomingTitle)}</h3>
        <Upcoming ctx />
        <h3>{t(Msg::CycleHistoryTitle)}</h3>
        <History state=ctx.state />
    }
}

#[component]
fn PausedNote(state: RwSignal<AccountCycleView>) -> impl IntoView {
    move || {
        state.with(|c| c.paused).then(|| {
            view! {
                <p class="cycle-paused">
                    <span class="status status-inactive" data-testid="cycle-paused-badge">{t(Msg::CyclePaused)}</span>
                    " "
                    {t(Msg::CyclePausedNote)}
                </p>
            }
        })
    }
}

/// The rule in words and where it comes from, or that there is none.
#[component]
fn RuleSummary(ctx: CycleCtx) -> impl IntoView {
    let lang = use_lang();
    let described = move || {
        let lang = lang.get();
        ctx.state.with(|c| {
            c.rule.as_ref().map(|rule| {
                let template = ctx
                    .templates
                    .with_value(|ts| template_name(ts, &rule.template_id, lang));
                i18n::describe_rule(lang, rule, &template)
            })
        })
    };
    let source = move || ctx.state.with(|c| c.source);
    move || match described() {
        Some(text) => view! {
            <dl class="facts">
                <div>
                    <dt>{t(Msg::CycleRule)}</dt>
                    <dd data-testid="cycle-rule">{text}</dd>
                </div>
                {source().map(|source| view! {
                    <div>
                        <dt>{t(Msg::CycleSource)}</dt>
                        <dd data-testid="cycle-source">{t(rule_source(source))}</dd>
                    </div>
                })}
            </dl>
        }
        .into_any(),
        None => view! {
            <p class="empty" data-testid="cycle-no-rule">{t(Msg::CycleNoRule)}</p>
            {ctx.can_edit.then(|| view! {
                <p class="muted">
                    {t(Msg::CycleNoRuleHint)} " " <A href="/settings/schedule">{t(Msg::CyclesToSettings)}</A>
                </p>
            })}
        }
        .into_any(),
    }
}

/// Edit, back to the default, pause or resume.
#[component]
fn ManageCycle(ctx: CycleCtx, editing: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let own = move || ctx.state.with(|c| c.source == Some(RuleSource::Account));
    let paused = move || ctx.state.with(|c| c.paused);
    let has_rule = move || ctx.state.with(|c| c.rule.is_some());
    let use_default = move |_| {
        if !browser::confirm(Msg::CycleUseDefaultConfirm.text(lang.get_untracked())) {
            return;
        }
        let paused = ctx.state.with_untracked(|c| c.paused);
        ctx.apply(AccountCycleInput { rule: None, paused });
    };
    let toggle_pause = move |_| {
        let (paused, own_rule) = ctx.state.with_untracked(|c| {
            let own = c.source == Some(RuleSource::Account);
            (c.paused, if own { c.rule.clone() } else { None })
        });
        if !paused
            && !browser::confirm(&i18n::confirm_pause(
                lang.get_untracked(),
                &ctx.account_name.get_value(),
            ))
        {
            return;
        }
        // Keeps the account's own rule; an account following a default goes on following it.
        ctx.apply(AccountCycleInput {
            rule: own_rule,
            paused: !paused,
        });
    };
    view! {
        <div class="form-actions">
            <button type="button" class="button" data-testid="cycle-edit" on:click=move |_| editing.set(true)>
                {t(Msg::CycleEdit)}
            </button>
            <Show when=own>
                <button
                    type="button"
                    class="button"
                    data-testid="cycle-use-default"
                    disabled=move || ctx.busy.get()
                    on:click=use_default
                >
                    {t(Msg::CycleUseDefault)}
                </button>
            </Show>
            <Show when=move || has_rule() || paused()>
                <button
                    type="button"
                    class="button"
                    class:button-danger=move || !paused()
                    data-testid="cycle-pause"
                    disabled=move || ctx.busy.get()
                    on:click=toggle_pause
                >
                    {move || if paused() { t(Msg::CycleResume)() } else { t(Msg::CyclePause)() }}
                </button>
            </Show>
        </div>
    }
}

/// The rule form: the account's own rule, prefilled with the rule in force.
#[component]
fn CycleForm(ctx: CycleCtx, editing: RwSignal<bool>, contacts: Signal<Vec<ContactView>>) -> impl IntoView {
    let (initial, follows_default) = ctx.state.with_untracked(|c| {
        (
            c.rule.clone().unwrap_or_default(),
            c.source != Some(RuleSource::Account),
        )
    });
    let draft = RwSignal::new(RuleDraft::from(&initial));
    let errors = RwSignal::new(FormErrors::default());
    let save = Action::new_local(move |input: &AccountCycleInput| {
        let input = input.clone();
        let id = ctx.account_id.get_value();
        async move {
            match api::set_account_cycle(&id, &input).await {
                Ok(view) => {
                    ctx.failure.set(None);
                    ctx.state.set(view);
                    editing.set(false);
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, RULE_FIELDS)),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match draft.get_untracked().rule() {
            Ok(rule) => {
                let paused = ctx.state.with_untracked(|c| c.paused);
                let input = AccountCycleInput {
                    rule: Some(rule),
                    paused,
                };
                submit_if_valid(save, errors, FormErrors::default(), input);
            }
            Err(checks) => errors.set(checks),
        }
    };
    view! {
        <form class="form cycle-form" novalidate on:submit=on_submit aria-labelledby="cycle-form-heading" data-testid="cycle-form">
            <h3 id="cycle-form-heading">{t(Msg::CycleEdit)}</h3>
            {follows_default.then(|| view! { <p class="field-hint">{t(Msg::CycleOwnHint)}</p> })}
            <ErrorBanner failure=form_failure(errors) />
            <RuleFields prefix="cycle".to_string() draft errors templates=ctx.templates.get_value() contacts />
            <div class="form-actions">
                <SubmitButton label=Msg::CycleSave pending=save.pending() {..} data-testid="cycle-save" />
                <button type="button" class="button" data-testid="cycle-cancel" on:click=move |_| editing.set(false)>
                    {t(Msg::Cancel)}
                </button>
            </div>
        </form>
    }
}

#[component]
fn Upcoming(ctx: CycleCtx) -> impl IntoView {
    move || {
        let list = ctx.state.with(|c| c.upcoming.clone());
        if list.is_empty() {
            return view! { <p class="empty" data-testid="cycle-upcoming-empty">{t(Msg::CycleUpcomingEmpty)}</p> }
                .into_any();
        }
        view! {
            <ul class="rows" data-testid="cycle-upcoming">
                {list.into_iter().map(|round| view! { <UpcomingRow round ctx /> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

#[component]
fn UpcomingRow(round: UpcomingRound, ctx: CycleCtx) -> impl IntoView {
    let lang = use_lang();
    let (date, skipped) = (round.date, round.skipped);
    let toggle = move |_| {
        let lang = lang.get_untracked();
        if !skipped && !browser::confirm(&i18n::confirm_skip(lang, &i18n::day(lang, date))) {
            return;
        }
        ctx.busy.set(true);
        ctx.failure.set(None);
        let id = ctx.account_id.get_value();
        spawn_local(async move {
            let request = SkipRoundRequest { date, skip: !skipped };
            match api::skip_round(&id, &request).await {
                Ok(view) => ctx.state.set(view),
                Err(failure) => ctx.failure.set(Some(failure)),
            }
            ctx.busy.set(false);
        });
    };
    view! {
        <li class="row" class:row-inactive=skipped data-testid="cycle-upcoming-row">
            <div class="row-main">
                <span class="row-title">{move || i18n::day(lang.get(), date)}</span>
                <span class="row-sub">{t(plan_reason(round.reason))}</span>
            </div>
            <div class="row-status">
                {skipped.then(|| view! {
                    <span class="status status-inactive" data-testid="cycle-skipped">{t(Msg::CycleSkipped)}</span>
                })}
                {round.throttled_account.then(|| view! {
                    <span class="status status-pending" data-testid="cycle-throttled">{t(Msg::CycleThrottled)}</span>
                })}
            </div>
            {ctx.can_edit.then(|| view! {
                <div class="row-actions">
                    <button
                        type="button"
                        class="button"
                        data-testid="cycle-skip"
                        aria-label=move || i18n::skip_label(lang.get(), skipped, &i18n::day(lang.get(), date))
                        disabled=move || ctx.busy.get()
                        on:click=toggle
                    >
                        {t(if skipped { Msg::CycleUndoSkip } else { Msg::CycleSkip })}
                    </button>
                </div>
            })}
        </li>
    }
}

#[component]
fn History(state: RwSignal<AccountCycleView>) -> impl IntoView {
    move || {
        let list = state.with(|c| c.history.clone());
        if list.is_empty() {
            return view! { <p class="empty" data-testid="cycle-history-empty">{t(Msg::CycleHistoryEmpty)}</p> }
                .into_any();
        }
        view! {
            <ul class="rows" data-testid="cycle-history">
                {list.into_iter().map(|event| view! { <HistoryRow event /> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

#[component]
fn HistoryRow(event: CycleEvent) -> impl IntoView {
    let lang = use_lang();
    let (date, reason) = (event.date, event.reason);
    let sent = event.outcome == CycleOutcome::Sent;
    view! {
        <li class="row" data-testid="cycle-history-row">
            <div class="row-main">
                <span class="row-title">{move || i18n::day(lang.get(), date)} " · " {t(plan_reason(reason))}</span>
                <span class="row-sub" data-testid="cycle-outcome">{move || i18n::cycle_outcome(lang.get(), &event)}</span>
            </div>
            <div class="row-status">
                <span class="status" class:status-active=sent class:status-inactive=!sent>
                    {t(if sent { Msg::LinkSent } else { Msg::CycleWasSkipped })}
                </span>
            </div>
        </li>
    }
}
