use kaiku_core::analysis::ThemeDef;
use kaiku_core::api::ThemesView;
use kaiku_core::counterfeedback::FollowUpSettings;
use kaiku_core::survey::Localized;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{Msg, t, use_lang};
use crate::pages::language_model_settings::LanguageModelSettings;
use crate::state::{page_title, use_app};

/// `/settings/feedback`: when unanswered counter-feedback requests are followed up,
/// and the organisation's own themes for the analysis. Admins change them; everyone
/// can read them.
#[component]
pub fn FeedbackSettingsPage() -> impl IntoView {
    page_title(Msg::FeedbackSettingsTitle);
    let app = use_app();
    let editable = app.is_admin();
    let follow_up = RwSignal::new(Load::<FollowUpSettings>::Loading);
    let themes = RwSignal::new(Load::<ThemesView>::Loading);
    let fetch_follow_up = move || load(follow_up, api::follow_up_settings());
    let fetch_themes = move || load(themes, api::themes());
    fetch_follow_up();
    fetch_themes();
    view! {
        <h1 class="page-title">{t(Msg::FeedbackSettingsTitle)}</h1>
        <section class="card" aria-labelledby="follow-up-heading">
            <h2 id="follow-up-heading">{t(Msg::FollowUpTitle)}</h2>
            <p class="muted">{t(Msg::FollowUpIntro)}</p>
            {move || show(follow_up.get(), fetch_follow_up, move |settings| {
                view! { <FollowUpForm settings editable /> }.into_any()
            })}
        </section>
        <section class="card" aria-labelledby="themes-heading">
            <h2 id="themes-heading">{t(Msg::ThemesTitle)}</h2>
            <p class="muted">{t(Msg::ThemesIntro)}</p>
            {move || show(themes.get(), fetch_themes, move |view| {
                view! { <ThemesEditor themes=view editable /> }.into_any()
            })}
        </section>
        <LanguageModelSettings editable />
    }
}

fn days(value: &str) -> u32 {
    value.trim().parse().unwrap_or(0)
}

#[component]
fn FollowUpForm(settings: FollowUpSettings, editable: bool) -> impl IntoView {
    let lang = use_lang();
    let remind = RwSignal::new(settings.remind_after_days.to_string());
    let escalate = RwSignal::new(settings.escalate_after_days.to_string());
    let failure = RwSignal::new(None::<ApiFailure>);
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let saved_text = Signal::derive(move || saved.get().then(|| Msg::Saved.text(lang.get()).to_string()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let settings = FollowUpSettings {
            remind_after_days: days(&remind.get_untracked()),
            escalate_after_days: days(&escalate.get_untracked()),
        };
        saved.set(false);
        failure.set(None);
        if let Err(err) = settings.validate() {
            let lang = lang.get_untracked();
            problem.set(Some(crate::i18n::invalid(lang, err.problem)));
            return;
        }
        problem.set(None);
        spawn_local(async move {
            match api::set_follow_up_settings(&settings).await {
                Ok(_) => saved.set(true),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <form on:submit=save class="inline-form">
            <label for="remind-days">{t(Msg::FollowUpRemind)}</label>
            <input id="remind-days" type="number" min="1" max="60" disabled=!editable
                prop:value=move || remind.get() on:input=move |ev| remind.set(event_target_value(&ev)) />
            <label for="escalate-days">{t(Msg::FollowUpEscalate)}</label>
            <input id="escalate-days" type="number" min="2" max="60" disabled=!editable
                prop:value=move || escalate.get() on:input=move |ev| escalate.set(event_target_value(&ev)) />
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            <ErrorBanner failure />
            <Success message=saved_text />
            {editable.then(|| view! { <button type="submit" class="button button-primary">{t(Msg::Save)}</button> })}
        </form>
    }
}

fn keywords_text(theme: &ThemeDef) -> String {
    theme.keywords.join(", ")
}

fn parse_keywords(text: &str) -> Vec<String> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect()
}

#[component]
fn ThemesEditor(themes: ThemesView, editable: bool) -> impl IntoView {
    let lang = use_lang();
    let custom = RwSignal::new(themes.custom.clone());
    let failure = RwSignal::new(None::<ApiFailure>);
    let saved = RwSignal::new(false);
    let saved_text = Signal::derive(move || saved.get().then(|| Msg::Saved.text(lang.get()).to_string()));
    let count = Memo::new(move |_| custom.with(Vec::len));
    let built_in = themes
        .built_in
        .into_iter()
        .map(|theme| {
            let name = theme.name.clone();
            view! {
                <li><strong>{move || name.get(lang.get()).to_string()}</strong> ": " {keywords_text(&theme)}</li>
            }
        })
        .collect_view();
    let rows = move || {
        (0..count.get())
            .map(|index| {
                let field =
                    move |get: fn(&ThemeDef) -> String, set: fn(&mut ThemeDef, String), label: Msg, id: &str| {
                        let id = format!("theme-{index}-{id}");
                        view! {
                            <label for=id.clone()>{t(label)}</label>
                            <input id=id type="text" disabled=!editable
                                prop:value=move || custom.with(|c| c.get(index).map(get).unwrap_or_default())
                                on:input=move |ev| {
                                    let value = event_target_value(&ev);
                                    custom.update(|c| if let Some(theme) = c.get_mut(index) { set(theme, value) });
                                } />
                        }
                    };
                view! {
                    <li class="theme-row" data-testid="custom-theme">
                        {field(|t| t.key.clone(), |t, v| t.key = v, Msg::ThemeKey, "key")}
                        {field(|t| t.name.fi.clone(), |t, v| t.name.fi = v, Msg::ThemeNameFi, "fi")}
                        {field(|t| t.name.en.clone(), |t, v| t.name.en = v, Msg::ThemeNameEn, "en")}
                        {field(keywords_text, |t, v| t.keywords = parse_keywords(&v), Msg::ThemeKeywords, "keywords")}
                        {editable.then(|| view! {
                            <button type="button" class="button button-quiet" on:click=move |_| custom.update(|c| {
                                if index < c.len() {
                                    c.remove(index);
                                }
                            })>{t(Msg::ThemeRemove)}</button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    let save = move |_| {
        saved.set(false);
        failure.set(None);
        let themes = custom.get_untracked();
        spawn_local(async move {
            match api::set_themes(&themes).await {
                Ok(view) => {
                    custom.set(view.custom);
                    saved.set(true);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <h3>{t(Msg::ThemesBuiltIn)}</h3>
        <ul class="themes">{built_in}</ul>
        <h3>{t(Msg::ThemesCustom)}</h3>
        <Show when=move || count.get() == 0>
            <p class="empty">{t(Msg::ThemesCustomEmpty)}</p>
        </Show>
        <ol class="themes">{rows}</ol>
        <ErrorBanner failure />
        <Success message=saved_text />
        {editable.then(|| view! {
            <button type="button" class="button" on:click=move |_| custom.update(|c| c.push(ThemeDef {
                key: String::new(),
                name: Localized::new("", ""),
                keywords: vec![],
            }))>{t(Msg::ThemeAdd)}</button>
            " "
            <button type="button" class="button button-primary" on:click=save>{t(Msg::Save)}</button>
        })}
    }
}
