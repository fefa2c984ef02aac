use kaiku_core::Lang;
use kaiku_core::said_we_did::WeDidEntry;
use kaiku_core::survey::{self, Answer, Question, QuestionKind, ScaleEnds, SurveyPage, TemplatePurpose};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::draft::{self, Draft};
use crate::server::{self, Failure};
use crate::text::{Text, duration, progress, unanswered};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Loading,
    Answering,
    Thanks,
    Invalid,
    RateLimited,
    CannotLoad,
}

/// Where the answers are: on the device only, or on the server too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Saved {
    Nothing,
    Everywhere,
    OnDeviceOnly,
}

/// The page's state, all of it `Copy` so event handlers can share it.
#[derive(Clone, Copy)]
struct Survey {
    token: StoredValue<String>,
    phase: RwSignal<Phase>,
    draft: RwSignal<Draft>,
    lang: RwSignal<Lang>,
    saved: RwSignal<Saved>,
    syncing: StoredValue<bool>,
    /// A later attempt is planned (see `retry_later`).
    retry_planned: StoredValue<bool>,
    submit_offline: RwSignal<bool>,
    /// The questions to point the customer at, and why, in the survey's order.
    problems: RwSignal<Vec<(String, Text)>>,
    /// An admin previewing a template (`/s/preview`): nothing is stored or sent.
    preview: bool,
}

/// Where the team app leaves the template to preview (see its `browser.rs`).
const PREVIEW_KEY: &str = "kaiku.survey-preview";
const PREVIEW_TOKEN: &str = "preview";
/// How long answers that could not be sent wait before the next attempt.
const RETRY_SECONDS: u64 = 20;

fn preview_page() -> Option<SurveyPage> {
    let json = window()
        .local_storage()
        .ok()
        .flatten()?
        .get_item(PREVIEW_KEY)
        .ok()
        .flatten()?;
    serde_json::from_str(&json).ok()
}

fn token_from_path() -> String {
    let path = window().location().pathname().unwrap_or_default();
    path.trim_start_matches("/s/").trim_end_matches('/').to_string()
}

impl Survey {
    fn answers(self) -> Vec<Answer> {
        self.draft.with(|d| d.answers.clone())
    }

    fn persist(self) {
        if self.preview {
            return;
        }
        let token = self.token.get_value();
        let draft = self.draft.get_untracked();
        spawn_local(async move {
            draft::save(&token, &draft).await;
        });
    }

    async fn start(self) {
        if self.preview {
            let Some(page) = preview_page() else {
                return self.phase.set(Phase::CannotLoad);
            };
            self.lang.set(page.language);
            self.draft.update(|d| d.page = Some(page));
            return self.phase.set(Phase::Answering);
        }
        let token = self.token.get_value();
        let mut draft = draft::load(&token).await;
        match server::open(&token).await {
            Ok(page) => {
                let unsent: Vec<Answer> = draft
                    .answers
                    .iter()
                    .filter(|a| draft.unsent.contains(&a.question_id))
                    .cloned()
                    .collect();
                draft.answers = survey::merge_answers(&page.answers, &unsent);
                draft.submitted = page.submitted;
                draft.page = Some(page);
            }
            Err(Failure::Offline) if draft.page.is_some() => self.saved.set(Saved::OnDeviceOnly),
            Err(Failure::LinkInvalid) => return self.phase.set(Phase::Invalid),
            Err(Failure::RateLimited) => return self.phase.set(Phase::RateLimited),
            Err(_) => return self.phase.set(Phase::CannotLoad),
        }
        let language = draft.language.or(draft.page.as_ref().map(|p| p.language));
        self.lang.set(language.unwrap_or_default());
        let (submitted, submitting) = (draft.submitted, draft.submitting);
        self.draft.set(draft);
        self.persist();
        if submitted {
            self.phase.set(Phase::Thanks);
        } else {
            self.phase.set(Phase::Answering);
            if submitting {
                self.submit();
            } else {
                self.sync();
            }
        }
    }

    fn answer(self, answer: Answer, send_now: bool) {
        if answer.is_given() {
            self.problems.update(|p| p.retain(|(id, _)| *id != answer.question_id));
        }
        self.draft.update(|d| {
            let id = answer.question_id.clone();
            d.answers.retain(|a| a.question_id != id);
            d.answers.push(answer);
            if !d.unsent.contains(&id) {
                d.unsent.push(id);
            }
        });
        self.persist();
        if send_now {
            self.sync();
        }
    }

    /// Sends the answers not yet on the server, one batch at a time.
    fn sync(self) {
        if self.preview || self.syncing.get_value() {
            return;
        }
        let batch: Vec<Answer> = self.draft.with_untracked(|d| {
            d.answers
                .iter()
                .filter(|a| d.unsent.contains(&a.question_id))
                .cloned()
                .collect()
        });
        if batch.is_empty() {
            return;
        }
        self.syncing.set_value(true);
        let token = self.token.get_value();
        spawn_local(async move {
            let result = server::save(&token, &batch).await;
            self.syncing.set_value(false);
            match result {
                Ok(()) => {
                    // Only what is still as it was sent counts as sent.
                    self.draft.update(|d| {
                        d.unsent.retain(|id| {
                            let now = d.answers.iter().find(|a| a.question_id == *id);
                            let sent = batch.iter().find(|a| a.question_id == *id);
                            now != sent
                        })
                    });
                    self.persist();
                    self.saved.set(Saved::Everywhere);
                    self.sync();
                }
                Err(Failure::Offline | Failure::RateLimited) => {
                    self.saved.set(Saved::OnDeviceOnly);
                    self.retry_later();
                }
                Err(Failure::LinkInvalid) => self.phase.set(Phase::Invalid),
                Err(Failure::Refused(field)) => self.refused(field),
            }
        });
    }

    /// Sends what waits on the device: the submission, or the answers.
    fn resend(self) {
        if self.draft.with_untracked(|d| d.submitting && !d.submitted) {
            self.submit();
        } else {
            self.sync();
        }
    }

    /// A failing server fires no `online` event, so what waits is sent again after a
    /// while too; one attempt planned at a time.
    fn retry_later(self) {
        if self.retry_planned.get_value() {
            return;
        }
        self.retry_planned.set_value(true);
        set_timeout(
            move || {
                self.retry_planned.set_value(false);
                self.resend();
            },
            std::time::Duration::from_secs(RETRY_SECONDS),
        );
    }

    fn refused(self, field: Option<String>) {
        let id = field.and_then(|f| f.strip_prefix("answers.").map(str::to_string));
        self.problems.set(vec![(id.unwrap_or_default(), Text::Refused)]);
    }

    fn submit(self) {
        let questions = self
            .draft
            .with_untracked(|d| d.page.as_ref().map(|p| p.questions.clone()).unwrap_or_default());
        let answers: Vec<Answer> = self.answers().into_iter().filter(Answer::is_given).collect();
        let missing: Vec<(String, Text)> = survey::unanswered_required(&questions, &answers)
            .into_iter()
            .map(|id| (id.to_string(), Text::MissingRequired))
            .collect();
        if let Some((first, _)) = missing.first() {
            focus_question(first);
            self.problems.set(missing);
            return;
        }
        if let Err(err) = survey::check_answers(&questions, &answers, true) {
            focus_question(&err.question_id);
            self.problems.set(vec![(err.question_id, Text::Refused)]);
            return;
        }
        self.problems.set(Vec::new());
        if self.preview {
            return self.phase.set(Phase::Thanks);
        }
        self.draft.update(|d| d.submitting = true);
        self.persist();
        let token = self.token.get_value();
        spawn_local(async move {
            match server::submit(&token, &answers).await {
                Ok(_) => {
                    self.draft.update(|d| {
                        d.submitting = false;
                        d.submitted = true;
                        d.unsent.clear();
                    });
                    self.persist();
                    self.phase.set(Phase::Thanks);
                }
                Err(Failure::Offline | Failure::RateLimited) => {
                    self.submit_offline.set(true);
                    self.retry_later();
                }
                Err(Failure::LinkInvalid) => self.phase.set(Phase::Invalid),
                Err(Failure::Refused(field)) => {
                    self.draft.update(|d| d.submitting = false);
                    self.persist();
                    self.refused(field);
                }
            }
        });
    }
}

fn focus_question(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = document()
        .get_element_by_id(&format!("q-{id}"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

#[component]
pub fn SurveyApp() -> impl IntoView {
    let token = token_from_path();
    let survey = Survey {
        preview: token == PREVIEW_TOKEN,
        token: StoredValue::new(token),
        phase: RwSignal::new(Phase::Loading),
        draft: RwSignal::new(Draft::default()),
        lang: RwSignal::new(Lang::from_tag(&window().navigator().language().unwrap_or_default()).unwrap_or_default()),
        saved: RwSignal::new(Saved::Nothing),
        syncing: StoredValue::new(false),
        retry_planned: StoredValue::new(false),
        submit_offline: RwSignal::new(false),
        problems: RwSignal::new(Vec::new()),
    };
    spawn_local(survey.start());
    // Back online: send what waited on the device.
    let _ = window_event_listener(leptos::ev::online, move |_| {
        survey.submit_offline.set(false);
        survey.resend();
    });
    let lang = survey.lang;
    Effect::new(move |_| {
        let _ = document()
            .document_element()
            .map(|html| html.set_attribute("lang", lang.get().code()));
    });
    // The tab says, in the page's one language, which survey this is.
    Effect::new(move |_| {
        let lang = lang.get();
        let title = survey.draft.with(|d| {
            d.page.as_ref().map(|page| {
                let name = page.name.as_ref().map_or(Text::SurveyTitle.get(lang), |n| n.get(lang));
                format!("{name} – {}", page.organisation_name)
            })
        });
        document().set_title(&title.unwrap_or_else(|| Text::SurveyTitle.get(lang).to_string()));
    });
    let t = move |text: Text| move || text.get(lang.get());
    // The organisation's accent on buttons and choices, set through the CSSOM: the
    // page's CSP allows no inline styles. Empty leaves Kaiku's own.
    let accent = move || {
        survey
            .draft
            .with(|d| d.page.as_ref().and_then(|p| p.brand.accent.clone()))
            .unwrap_or_default()
    };

    view! {
        <main class="survey" id="main" style:--brand=accent>
            {survey.preview.then(|| view! { <p class="survey-preview" role="note">{t(Text::PreviewNote)}</p> })}
            {move || match survey.phase.get() {
                Phase::Loading => view! { <p class="survey-status" role="status">{t(Text::Loading)}</p> }.into_any(),
                Phase::Answering => survey
                    .draft
                    .with_untracked(|d| d.page.clone())
                    .map(|page| view! { <Questions page survey /> })
                    .into_any(),
                Phase::Thanks => view! {
                    <section class="survey-card" aria-labelledby="thanks">
                        <h1 id="thanks" tabindex="-1">{t(Text::ThanksTitle)}</h1>
                        <p>{t(Text::ThanksBody)}</p>
                    </section>
                }.into_any(),
                Phase::Invalid => view! { <BothLanguages title=Text::InvalidTitle body=Text::InvalidBody /> }.into_any(),
                Phase::RateLimited => view! { <BothLanguages title=Text::InvalidTitle body=Text::RateLimited /> }.into_any(),
                Phase::CannotLoad => view! { <p class="survey-status survey-error" role="alert">{t(Text::CannotLoad)}</p> }.into_any(),
            }}
        </main>
    }
}

/// For pages shown before we know the customer's language.
#[component]
fn BothLanguages(title: Text, body: Text) -> impl IntoView {
    view! {
        <section class="survey-card" aria-labelledby="title-fi">
            <h1 id="title-fi" lang="fi">{title.get(Lang::Fi)}</h1>
            <p lang="fi">{body.get(Lang::Fi)}</p>
            <h2 lang="en">{title.get(Lang::En)}</h2>
            <p lang="en">{body.get(Lang::En)}</p>
        </section>
    }
}

#[component]
fn Questions(page: SurveyPage, survey: Survey) -> impl IntoView {
    let lang = survey.lang;
    let t = move |text: Text| move || text.get(lang.get());
    let total = page.questions.len();
    let answered = Memo::new(move |_| survey.draft.with(|d| d.answers.iter().filter(|a| a.is_given()).count()));
    let intro = page.intro.clone();
    let name = page.name.clone();
    let minutes = survey::minutes_to_answer(&page.questions);
    let any_required = page.questions.iter().any(|q| q.required);
    let unanswered_count = Memo::new(move |_| {
        survey
            .problems
            .with(|p| p.iter().filter(|(_, text)| *text == Text::MissingRequired).count())
    });
    let switch = move |_| {
        let next = if lang.get_untracked() == Lang::Fi {
            Lang::En
        } else {
            Lang::Fi
        };
        lang.set(next);
        survey.draft.update(|d| d.language = Some(next));
        survey.persist();
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        survey.submit();
    };
    let submitting = Memo::new(move |_| survey.draft.with(|d| d.submitting));
    view! {
        <header class="survey-head">
            {match page.brand.logo_url.clone() {
                Some(src) => view! { <img class="survey-logo" src=src alt=page.organisation_name.clone() /> }.into_any(),
                None => view! { <p class="survey-org">{page.organisation_name.clone()}</p> }.into_any(),
            }}
            <button
                type="button"
                class="survey-lang"
                lang=move || if lang.get() == Lang::Fi { "en" } else { "fi" }
                on:click=switch
            >
                {t(Text::SwitchLanguage)}
            </button>
        </header>
        <h1 class="survey-title">
            {move || name.as_ref().map_or(Text::SurveyTitle.get(lang.get()), |n| n.get(lang.get())).to_string()}
        </h1>
        <WeDid entries=page.we_did.clone() lang=page.language />
        <p class="survey-intro">{move || intro.get(lang.get()).to_string()}</p>
        <p class="survey-intro">{move || duration(lang.get(), minutes)}</p>
        <div class="survey-progress">
            <progress max=total value=move || answered.get() aria-hidden="true"></progress>
            <span>{move || progress(lang.get(), answered.get(), total)}</span>
        </div>
        {any_required.then(|| view! { <p class="survey-legend">{t(Text::RequiredLegend)}</p> })}
        <form class="survey-form" novalidate on:submit=on_submit>
            {page.questions.into_iter().map(|question| view! { <QuestionView question survey /> }).collect_view()}
            // One calm line: sent, kept on the device, or waiting to be sent.
            <p class="survey-status" role="status" aria-live="polite">
                {move || match (survey.submit_offline.get(), survey.saved.get()) {
                    (true, _) => t(Text::SubmitOffline)(),
                    (false, Saved::Nothing) => t(Text::SavedHere)(),
                    (false, Saved::Everywhere) => t(Text::SavedEverywhere)(),
                    (false, Saved::OnDeviceOnly) => t(Text::OfflineSaved)(),
                }}
            </p>
            <p class="survey-error" role="alert" data-testid="unanswered">
                {move || (unanswered_count.get() > 0).then(|| unanswered(lang.get(), unanswered_count.get()))}
            </p>
            <button type="submit" class="survey-submit" disabled=move || submitting.get() && !survey.submit_offline.get()>
                {move || if submitting.get() { t(Text::Submitting)() } else { t(Text::Submit)() }}
            </button>
        </form>
    }
}

/// "You said, we did": what the team did since this customer's last answer, in the
/// language they were told it, before the first question.
#[component]
fn WeDid(entries: Vec<WeDidEntry>, lang: Lang) -> impl IntoView {
    (!entries.is_empty()).then(|| {
        view! {
            <section class="survey-we-did" lang=lang.code() aria-labelledby="survey-we-did-title">
                <h2 id="survey-we-did-title">{Text::WeDidTitle.get(lang)}</h2>
                <ul>
                    {entries
                        .into_iter()
                        .map(|entry| {
                            view! {
                                <li>
                                    <p><strong>{Text::YouSaid.get(lang)}</strong>" "<q>{entry.said}</q></p>
                                    <p><strong>{Text::WeDid.get(lang)}</strong>" "{entry.did}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn QuestionView(question: Question, survey: Survey) -> impl IntoView {
    let lang = survey.lang;
    let id = question.id.clone();
    let problem = {
        let id = id.clone();
        Memo::new(move |_| {
            survey
                .problems
                .with(|p| p.iter().find(|(q, _)| *q == id).map(|(_, text)| *text))
        })
    };
    let text = question.text.clone();
    let required = question.required;
    let error_id = format!("q-{id}-error");
    let ends_id = format!("q-{id}-ends");
    // Required questions are marked once, in the legend above the form; the mark
    // itself is for the eye, `required` on the inputs tells screen readers.
    let label = move || {
        view! {
            {text.get(lang.get()).to_string()}
            {required.then(|| view! { <span class="survey-required" aria-hidden="true">" *"</span> })}
        }
    };
    let error = {
        let error_id = error_id.clone();
        move || {
            problem
                .get()
                .map(|p| view! { <p class="survey-error" id=error_id.clone()>{p.get(lang.get())}</p> })
        }
    };
    let has_ends = question.kind.score_range().is_some();
    let described = {
        let ends_id = ends_id.clone();
        move || {
            let ends = has_ends.then(|| ends_id.clone());
            let error = problem.get().map(|_| error_id.clone());
            let ids: Vec<String> = ends.into_iter().chain(error).collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let current = {
        let id = id.clone();
        Memo::new(move |_| {
            survey
                .draft
                .with(|d| d.answers.iter().find(|a| a.question_id == id).cloned())
        })
    };
    match question.kind {
        QuestionKind::Nps | QuestionKind::Rating => {
            let (min, max) = question.kind.score_range().unwrap_or((1, 5));
            // The server sends each scale's ends; a relationship rating's are the
            // fallback for a page from before it did.
            let ends = question
                .scale_ends
                .clone()
                .or_else(|| ScaleEnds::default_for(question.kind, TemplatePurpose::Relationship));
            let (low, high) = ends.map(|e| (e.low, e.high)).unwrap_or_default();
            let scale_class = if question.kind == QuestionKind::Nps {
                "scale scale-nps"
            } else {
                "scale scale-rating"
            };
            let name = format!("q-{id}");
            view! {
                <fieldset class="survey-question" id=format!("q-{id}") tabindex="-1" aria-describedby=described data-question=id.clone()>
                    <legend>{label}</legend>
                    <div class=scale_class>
                        {(min..=max)
                            .map(|score| {
                                let id = id.clone();
                                let input_id = format!("q-{id}-{score}");
                                view! {
                                    <label class="scale-option" for=input_id.clone()>
                                        <input
                                            type="radio"
                                            id=input_id.clone()
                                            name=name.clone()
                                            value=score
                                            required=required
                                            prop:checked=move || current.with(|a| a.as_ref().and_then(|a| a.score) == Some(score))
                                            on:change=move |_| survey.answer(Answer { question_id: id.clone(), score: Some(score), choice: None, text: None }, true)
                                        />
                                        <span>{score}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                    <p class="scale-ends" id=ends_id>
                        <span>{move || format!("{min} = {}", low.get(lang.get()))}</span>
                        <span>{move || format!("{max} = {}", high.get(lang.get()))}</span>
                    </p>
                    {error}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Choice => {
            let name = format!("q-{id}");
            view! {
                <fieldset class="survey-question" id=format!("q-{id}") tabindex="-1" aria-describedby=described data-question=id.clone()>
                    <legend>{label}</legend>
                    {question
                        .options
                        .into_iter()
                        .enumerate()
                        .map(|(index, option)| {
                            let id = id.clone();
                            let index = index as u32;
                            view! {
                                <label class="choice">
                                    <input
                                        type="radio"
                                        name=name.clone()
                                        required=required
                                        prop:checked=move || current.with(|a| a.as_ref().and_then(|a| a.choice) == Some(index))
                                        on:change=move |_| survey.answer(Answer { question_id: id.clone(), score: None, choice: Some(index), text: None }, true)
                                    />
                                    {move || option.get(lang.get()).to_string()}
                                </label>
                            }
                        })
                        .collect_view()}
                    {error}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Text => {
            let field_id = format!("q-{id}");
            let (on_input_id, on_change_id) = (id.clone(), id.clone());
            let text_answer = move |id: String, value: String| Answer {
                question_id: id,
                score: None,
                choice: None,
                text: Some(value),
            };
            view! {
                <div class="survey-question" data-question=id.clone()>
                    <label for=field_id.clone()>{label}</label>
                    <textarea
                        id=field_id
                        rows="3"
                        maxlength=survey::TEXT_ANSWER_MAX_CHARS
                        required=required
                        aria-describedby=described
                        prop:value=move || current.with(|a| a.as_ref().and_then(|a| a.text.clone()).unwrap_or_default())
                        on:input=move |ev| survey.answer(text_answer(on_input_id.clone(), event_target_value(&ev)), false)
                        on:change=move |ev| survey.answer(text_answer(on_change_id.clone(), event_target_value(&ev)), true)
                    ></textarea>
                    {error}
                </div>
            }
            .into_any()
        }
    }
}
