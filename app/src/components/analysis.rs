//! What the text analysis found in one answer, with the words that led to each label,
//! and the team member's way to correct a label (the organisation's model learns it).

use kaiku_core::ChurnCause;
use kaiku_core::analysis::{
    CommentAnalysis, CorrectionKind, Polarity, builtin_themes, is_marked_uncertain, theme_name,
};
use kaiku_core::api::CorrectionRequest;
use kaiku_core::language_model::AnswerProposal;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::proposals::Proposals;
use crate::i18n::{self, Msg, t, use_lang};

pub(crate) fn polarity_name(polarity: Polarity) -> Msg {
    match polarity {
        Polarity::Negative => Msg::SentimentNegative,
        Polarity::Neutral => Msg::SentimentNeutral,
        Polarity::Positive => Msg::SentimentPositive,
    }
}

/// "because: ‘ei ole tyytyväinen’, ‘viestintä’" — or "learned from corrections".
fn because(lang: Signal<kaiku_core::Lang>, evidence: Vec<String>, learned: bool) -> impl IntoView {
    move || {
        let lang = lang.get();
        match (learned, evidence.is_empty()) {
            (true, true) => return Msg::LabelLearned.text(lang).to_string(),
            // A neutral comment has no words that made it so.
            (false, true) => return String::new(),
            _ => {}
        }
        let words: Vec<String> = evidence.iter().map(|w| format!("‘{w}’")).collect();
        format!("{} {}", Msg::LabelBecause.text(lang), words.join(", "))
    }
}

/// "uncertain" beside a label the analysis is not sure of, with the confidence as a
/// tooltip. Analyses stored before confidences existed (0) are not marked.
fn uncertain(lang: Signal<kaiku_core::Lang>, confidence: f64) -> impl IntoView {
    is_marked_uncertain(confidence).then(|| {
        let title = move || format!("{} {:.0} %", Msg::LabelConfidence.text(lang.get()), confidence * 100.0);
        view! { " " <span class="uncertain" data-testid="uncertain" title=title>{t(Msg::LabelUncertain)}</span> }
    })
}

#[component]
pub fn AnalysisLabels(
    analysis: CommentAnalysis,
    /// With both, the labels can be corrected: the response (link id) and question.
    #[prop(optional)]
    correct: Option<(String, String)>,
    /// What the language model suggested for this answer, if it is on.
    #[prop(optional_no_strip)]
    proposal: Option<AnswerProposal>,
) -> impl IntoView {
    let lang = use_lang();
    let analysis = RwSignal::new(analysis);
    let themes = builtin_themes();
    let theme_names = themes.clone();
    view! {
        <div class="analysis" data-testid="analysis">
            {move || {
                let a = analysis.get();
                let polarity = a.sentiment.polarity;
                let theme_names = theme_names.clone();
                view! {
                    <ul class="labels">
                        <li class=format!("label sentiment-{}", polarity.code())>
                            <strong>{t(polarity_name(polarity))}</strong>
                            {uncertain(lang, a.sentiment.confidence)}
                            " "
                            <span class="evidence">{because(lang, a.sentiment.evidence.clone(), false)}</span>
                        </li>
                        {a.themes.iter().map(|theme| {
                            let key = theme.key.clone();
                            let names = theme_names.clone();
                            view! {
                                <li class="label theme">
                                    <strong>{move || theme_name(&key, &names, lang.get())}</strong>
                                    {uncertain(lang, theme.confidence)}
                                    " "
                                    <span class="evidence">{because(lang, theme.evidence.clone(), theme.learned)}</span>
                                </li>
                            }
                        }).collect_view()}
                        {a.churn_causes.iter().map(|cause| {
                            let c = cause.cause;
                            view! {
                                <li class="label churn">
                                    <strong>{move || format!("{}: {}", Msg::ChurnSignal.text(lang.get()), c.label(lang.get()))}</strong>
                                    {uncertain(lang, cause.confidence)}
                                    " "
                                    <span class="evidence">{because(lang, cause.evidence.clone(), cause.learned)}</span>
                                </li>
                            }
                        }).collect_view()}
                        {a.upsell.iter().map(|sentence| view! {
                            <li class="label upsell">
                                <strong>{t(Msg::UpsellSignal)}</strong>
                                {uncertain(lang, a.upsell_confidence)}
                                " "
                                <q>{sentence.clone()}</q>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            }}
            {correct.clone().zip(proposal).map(|((link, _), proposal)| {
                view! { <Proposals link proposal analysis themes=themes.clone() /> }
            })}
            {correct.map(|(link, question)| view! { <Correct link question analysis themes=themes.clone() /> })}
        </div>
    }
}

/// One correction at a time: a label (sentiment, theme or churn cause) applies or not.
#[component]
fn Correct(
    link: String,
    question: String,
    analysis: RwSignal<CommentAnalysis>,
    themes: Vec<kaiku_core::analysis::ThemeDef>,
) -> impl IntoView {
    let lang = use_lang();
    // "kind:label" from one select, so the choice is one step.
    let choice = RwSignal::new(String::new());
    let present = RwSignal::new(true);
    let saving = RwSignal::new(false);
    let outcome = RwSignal::new(None::<String>);
    let options = {
        let sentiments = [Polarity::Negative, Polarity::Neutral, Polarity::Positive]
            .into_iter()
            .map(|p| (format!("sentiment:{}", p.code()), polarity_name(p)))
            .map(|(value, msg)| view! { <option value=value>{t(msg)}</option> })
            .collect_view();
        let theme_options = themes
            .iter()
            .map(|theme| {
                let name = theme.name.clone();
                view! { <option value=format!("theme:{}", theme.key)>{move || name.get(lang.get()).to_string()}</option> }
            })
            .collect_view();
        let causes = ChurnCause::ALL
            .into_iter()
            .map(|c| view! { <option value=format!("churn_cause:{}", c.code())>{move || c.label(lang.get())}</option> })
            .collect_view();
        view! {
            <option value="">{t(Msg::CorrectPick)}</option>
            <optgroup label=move || Msg::CorrectSentiment.text(lang.get())>{sentiments}</optgroup>
            <optgroup label=move || Msg::CorrectTheme.text(lang.get())>{theme_options}</optgroup>
            <optgroup label=move || Msg::CorrectCause.text(lang.get())>{causes}</optgroup>
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let Some((kind, label)) = choice
            .get_untracked()
            .split_once(':')
            .map(|(k, l)| (k.to_string(), l.to_string()))
        else {
            outcome.set(Some(Msg::CorrectPick.text(lang).to_string()));
            return;
        };
        let kind = match kind.as_str() {
            "sentiment" => CorrectionKind::Sentiment,
            "theme" => CorrectionKind::Theme,
            _ => CorrectionKind::ChurnCause,
        };
        let request = CorrectionRequest {
            question_id: question.clone(),
            kind,
            label,
            present: present.get_untracked(),
        };
        let link = link.clone();
        saving.set(true);
        spawn_local(async move {
            match api::correct_analysis(&link, &request).await {
                Ok(corrected) => {
                    analysis.set(corrected.analysis);
                    outcome.set(Some(Msg::CorrectSaved.text(lang).to_string()));
                }
                Err(failure) => outcome.set(Some(i18n::failure(lang, &failure))),
            }
            saving.set(false);
        });
    };
    view! {
        <details class="correct">
            <summary>{t(Msg::CorrectTitle)}</summary>
            <form on:submit=save>
                <select aria-label=move || Msg::CorrectPick.text(lang.get()) on:change=move |ev| choice.set(event_target_value(&ev))>
                    {options}
                </select>
                <label class="choice">
                    <input type="radio" name="present" prop:checked=move || present.get() on:change=move |_| present.set(true) />
                    {t(Msg::CorrectApplies)}
                </label>
                <label class="choice">
                    <input type="radio" name="present" prop:checked=move || !present.get() on:change=move |_| present.set(false) />
                    {t(Msg::CorrectDoesNotApply)}
                </label>
                <button type="submit" class="button" disabled=move || saving.get()>{t(Msg::CorrectSave)}</button>
                <p role="status">{move || outcome.get()}</p>
            </form>
        </details>
    }
}
