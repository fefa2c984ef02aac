use kaiku_core::brand::Brand;
use kaiku_core::survey::{Localized, Question, QuestionKind, ScaleEnds, SurveyPage, TemplateView, fresh_question_id};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{self, Msg, question_kind_name, t, use_lang};
use crate::pages::brand_settings::BrandSettings;
use crate::state::{page_title, use_app};

/// `/settings/surveys`: admins edit the survey templates, question by question, in
/// both languages, and preview them as a customer will see them.
#[component]
pub fn SurveyTemplatesPage() -> impl IntoView {
    page_title(Msg::TemplatesTitle);
    let app = use_app();
    let templates = RwSignal::new(Load::<Vec<TemplateView>>::Loading);
    load(templates, api::survey_templates());
    let is_admin = Memo::new(move |_| app.is_admin());
    // The logo and colour as saved, for the previews.
    let brand = RwSignal::new(Brand::default());
    view! {
        <h1 class="page-title">{t(Msg::TemplatesTitle)}</h1>
        <p class="muted">{t(Msg::TemplatesIntro)}</p>
        {move || show(templates.get(), move || load(templates, api::survey_templates()), move |list| {
            list.into_iter()
                .map(|template| view! { <TemplateEditor template editable=is_admin.get_untracked() brand /> })
                .collect_view()
                .into_any()
        })}
        <BrandSettings editable=is_admin.get_untracked() current=brand />
    }
}

fn finnish(text: &Localized) -> &str {
    &text.fi
}

fn english(text: &Localized) -> &str {
    &text.en
}

fn lines(options: &[Localized], pick: fn(&Localized) -> &str) -> String {
    options.iter().map(pick).collect::<Vec<_>>().join("\n")
}

/// Sets the options from two texts with one option per line.
fn set_options(question: &mut Question, fi: Option<String>, en: Option<String>) {
    let fi = fi.unwrap_or_else(|| lines(&question.options, finnish));
    let en = en.unwrap_or_else(|| lines(&question.options, english));
    let (fi, en): (Vec<&str>, Vec<&str>) = (fi.lines().collect(), en.lines().collect());
    question.options = (0..fi.len().max(en.len()))
        .map(|i| Localized::new(fi.get(i).copied().unwrap_or(""), en.get(i).copied().unwrap_or("")))
        .collect();
}

#[component]
fn TemplateEditor(template: TemplateView, editable: bool, brand: RwSignal<Brand>) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let draft = RwSignal::new(template.clone());
    let failure = RwSignal::new(None::<ApiFailure>);
    // A message, not its text: the text is chosen while rendering, in the current language.
    let saved = RwSignal::new(None::<Msg>);
    let saved_text = Signal::derive(move || saved.get().map(|msg| msg.text(lang.get()).to_string()));
    let busy = RwSignal::new(false);
    let id = template.id.clone();
    let heading_id = format!("template-{id}");
    let finish = move |result: Result<TemplateView, ApiFailure>, message: Msg| {
        match result {
            Ok(updated) => {
                draft.set(updated);
                saved.set(Some(message));
            }
            Err(f) => failure.set(Some(f)),
        }
        busy.set(false);
    };
    let save = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            busy.set(true);
            failure.set(None);
            saved.set(None);
            spawn_local(async move {
                finish(
                    api::update_template(&id, &draft.get_untracked()).await,
                    Msg::TemplateSaved,
                )
            });
        }
    };
    let reset = {
        let id = id.clone();
        move |_| {
            if !browser::confirm(Msg::TemplateResetConfirm.text(lang.get_untracked())) {
                return;
            }
            let id = id.clone();
            busy.set(true);
            spawn_local(async move { finish(api::reset_template(&id).await, Msg::TemplateResetDone) });
        }
    };
    let preview = move |_| {
        let organisation = app
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.organisation.name.clone()));
        let template = draft.get_untracked();
        let page = SurveyPage {
            organisation_name: organisation.unwrap_or_default(),
            language: lang.get_untracked(),
            name: Some(template.name),
            intro: template.intro,
            questions: template.questions,
            answers: Vec::new(),
            submitted: false,
            expires_at: chrono::Utc::now(),
            we_did: Vec::new(),
            brand: brand.get_untracked(),
        };
        if !browser::open_survey_preview(&serde_json::to_string(&page).unwrap_or_default()) {
            saved.set(Some(Msg::PreviewBlocked));
        }
    };
    let problem = move || {
        failure.with(|f| {
            f.as_ref()
                .and_then(|f| f.field())
                .and_then(|field| field.strip_prefix("questions."))
                .and_then(|index| index.parse::<usize>().ok())
        })
    };
    view! {
        <section class="card template" aria-labelledby=heading_id.clone() data-testid=format!("template-{id}")>
            <h2 id=heading_id.clone()>{move || draft.with(|d| d.name.get(lang.get()).to_string())}</h2>
            <LocalizedField label=Msg::TemplateName value=draft field=|d| &mut d.name multiline=false editable />
            <LocalizedField label=Msg::TemplateIntro value=draft field=|d| &mut d.intro multiline=true editable />
            <ol class="questions">
                {move || {
                    let count = draft.with(|d| d.questions.len());
                    (0..count)
                        .map(|index| view! { <QuestionEditor draft index count editable invalid=Signal::derive(move || problem() == Some(index)) /> })
                        .collect_view()
                }}
            </ol>
            {editable.then(|| view! {
                <div class="form-actions">
                    <button type="button" class="button" on:click=move |_| draft.update(|d| {
                        let id = fresh_question_id(&d.questions);
                        d.questions.push(Question {
                            id,
                            kind: QuestionKind::Text,
                            required: false,
                            text: Localized::new("", ""),
                            options: Vec::new(),
                            scale_ends: None,
                        });
                    })>
                        {t(Msg::QuestionAdd)}
                    </button>
                </div>
            })}
            <ErrorBanner failure=failure />
            <Success message=saved_text />
            <div class="form-actions">
                <button type="button" class="button" on:click=preview>{t(Msg::TemplatePreview)}</button>
                {editable.then(|| view! {
                    <button type="button" class="button button-primary" disabled=move || busy.get() on:click=save.clone()>
                        {move || if busy.get() { t(Msg::Saving)() } else { t(Msg::TemplateSave)() }}
                    </button>
                    <button type="button" class="button button-danger" disabled=move || busy.get() on:click=reset.clone()>
                        {t(Msg::TemplateReset)}
                    </button>
                })}
            </div>
            {move || i18n::template_counts(lang.get(), draft.with(|d| d.questions.len()))}
        </section>
    }
}

/// A text in both languages, side by side.
#[component]
fn LocalizedField(
    label: Msg,
    value: RwSignal<TemplateView>,
    field: fn(&mut TemplateView) -> &mut Localized,
    multiline: bool,
    editable: bool,
) -> impl IntoView {
    let get = move |fi: bool| {
        value.with(|v| {
            let mut copy = v.clone();
            let text = field(&mut copy);
            if fi { text.fi.clone() } else { text.en.clone() }
        })
    };
    let set = move |fi: bool, text: String| {
        value.update(|v| {
            let target = field(v);
            if fi { target.fi = text } else { target.en = text }
        })
    };
    view! {
        <fieldset class="localized">
            <legend>{t(label)}</legend>
            {[(true, "Suomi", "fi"), (false, "English", "en")]
                .into_iter()
                .map(|(fi, name, code)| {
                    view! {
                        <label class="localized-text">
                            <span lang=code>{name}</span>
                            {if multiline {
                                view! { <textarea rows="3" lang=code readonly=!editable prop:value=move || get(fi) on:input=move |ev| set(fi, event_target_value(&ev))></textarea> }.into_any()
                            } else {
                                view! { <input type="text" lang=code readonly=!editable prop:value=move || get(fi) on:input=move |ev| set(fi, event_target_value(&ev)) /> }.into_any()
                            }}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The words at a scale question's lowest (or highest) score.
fn scale_end(question: &mut Question, high: bool) -> Option<&mut Localized> {
    let ends = question.scale_ends.as_mut()?;
    Some(if high { &mut ends.high } else { &mut ends.low })
}

#[component]
fn QuestionEditor(
    draft: RwSignal<TemplateView>,
    index: usize,
    count: usize,
    editable: bool,
    invalid: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let question = move || draft.with(|d| d.questions.get(index).cloned());
    let edit = move |change: &dyn Fn(&mut Question)| {
        draft.update(|d| {
            if let Some(q) = d.questions.get_mut(index) {
                change(q);
            }
        })
    };
    let move_by = move |offset: isize| {
        draft.update(|d| {
            let target = index as isize + offset;
            if target >= 0 && (target as usize) < d.questions.len() {
                d.questions.swap(index, target as usize);
            }
        })
    };
    let kind_id = format!("kind-{}-{index}", draft.with_untracked(|d| d.id.clone()));
    view! {
        <li class="question-editor" class:field-invalid=move || invalid.get() data-testid="question-editor">
            <div class="question-head">
                <span class="muted">{move || i18n::question_number(lang.get(), index + 1)}</span>
                <label for=kind_id.clone() class="visually-hidden">{t(Msg::QuestionKind)}</label>
                <select id=kind_id disabled=!editable on:change=move |ev| {
                    let kind = match event_target_value(&ev).as_str() {
                        "nps" => QuestionKind::Nps,
                        "rating" => QuestionKind::Rating,
                        "choice" => QuestionKind::Choice,
                        _ => QuestionKind::Text,
                    };
                    let purpose = draft.with_untracked(|d| d.purpose);
                    edit(&|q| {
                        q.kind = kind;
                        if kind != QuestionKind::Choice {
                            q.options.clear();
                        }
                        q.scale_ends = ScaleEnds::default_for(kind, purpose);
                    });
                }>
                    {[("nps", QuestionKind::Nps), ("rating", QuestionKind::Rating), ("choice", QuestionKind::Choice), ("text", QuestionKind::Text)]
                        .into_iter()
                        .map(|(value, kind)| view! {
                            <option value=value prop:selected=move || question().is_some_and(|q| q.kind == kind)>{t(question_kind_name(kind))}</option>
                        })
                        .collect_view()}
                </select>
                <label class="check">
                    <input type="checkbox" disabled=!editable prop:checked=move || question().is_some_and(|q| q.required)
                        on:change=move |ev| { let on = event_target_checked(&ev); edit(&|q| q.required = on) } />
                    {t(Msg::QuestionRequired)}
                </label>
                {editable.then(|| view! {
                    <span class="question-actions">
                        <button type="button" class="button" disabled=index == 0 on:click=move |_| move_by(-1) aria-label=move || i18n::move_question(lang.get(), index + 1, true)>"↑"</button>
                        <button type="button" class="button" disabled=index + 1 == count on:click=move |_| move_by(1) aria-label=move || i18n::move_question(lang.get(), index + 1, false)>"↓"</button>
                        <button type="button" class="button button-danger" on:click=move |_| draft.update(|d| { d.questions.remove(index); })>{t(Msg::Remove)}</button>
                    </span>
                })}
            </div>
            {[(true, "Suomi", "fi"), (false, "English", "en")]
                .into_iter()
                .map(|(fi, name, code)| view! {
                    <label class="localized-text">
                        <span lang=code>{name}</span>
                        <textarea rows="2" lang=code readonly=!editable
                            prop:value=move || question().map(|q| if fi { q.text.fi } else { q.text.en }).unwrap_or_default()
                            on:input=move |ev| { let text = event_target_value(&ev); edit(&|q| if fi { q.text.fi = text.clone() } else { q.text.en = text.clone() }) }
                        ></textarea>
                    </label>
                })
                .collect_view()}
            <Show when=move || question().is_some_and(|q| q.scale_ends.is_some())>
                {[(Msg::ScaleLowEnd, false), (Msg::ScaleHighEnd, true)]
                    .into_iter()
                    .map(|(label, high)| {
                        view! {
                            <fieldset class="localized scale-end">
                                <legend>{t(label)}</legend>
                                {[(true, "Suomi", "fi"), (false, "English", "en")]
                                    .into_iter()
                                    .map(|(fi, name, code)| view! {
                                        <label class="localized-text">
                                            <span lang=code>{name}</span>
                                            <input type="text" lang=code readonly=!editable
                                                prop:value=move || question().and_then(|mut q| scale_end(&mut q, high).map(|t| if fi { t.fi.clone() } else { t.en.clone() })).unwrap_or_default()
                                                on:input=move |ev| {
                                                    let text = event_target_value(&ev);
                                                    edit(&|q| if let Some(t) = scale_end(q, high) { if fi { t.fi = text.clone() } else { t.en = text.clone() } })
                                                } />
                                        </label>
                                    })
                                    .collect_view()}
                            </fieldset>
                        }
                    })
                    .collect_view()}
            </Show>
            <Show when=move || question().is_some_and(|q| q.kind == QuestionKind::Choice)>
                <p class="field-hint">{t(Msg::QuestionOptionsHint)}</p>
                {[(true, "Suomi", "fi"), (false, "English", "en")]
                    .into_iter()
                    .map(|(fi, name, code)| view! {
                        <label class="localized-text">
                            <span lang=code>{name}</span>
                            <textarea rows="3" lang=code readonly=!editable
                                prop:value=move || question().map(|q| lines(&q.options, if fi { finnish } else { english })).unwrap_or_default()
                                on:input=move |ev| { let text = event_target_value(&ev); edit(&|q| if fi { set_options(q, Some(text.clone()), None) } else { set_options(q, None, Some(text.clone())) }) }
                            ></textarea>
                        </label>
                    })
                    .collect_view()}
            </Show>
        </li>
    }
}
