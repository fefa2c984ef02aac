//! What the optional language model suggested for one answer, beside the analysis:
//! each label marked where it differs from the analysis, accepted (it becomes a
//! correction, so the organisation's model learns it) or dismissed by the team.

use kaiku_core::analysis::{CommentAnalysis, CorrectionKind, Polarity, ThemeDef, theme_name};
use kaiku_core::language_model::{
    AnswerProposal, ProposalDecision, ProposalStatus, ProposedLabel, agrees, upsell_agrees,
};
use kaiku_core::{ChurnCause, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::analysis::polarity_name;
use crate::i18n::{self, Msg, t, use_lang};

fn label_name(label: &ProposedLabel, themes: &[ThemeDef], lang: Lang) -> String {
    match label.kind {
        CorrectionKind::Sentiment => Polarity::from_code(&label.label)
            .map(|p| polarity_name(p).text(lang).to_string())
            .unwrap_or_else(|| label.label.clone()),
        CorrectionKind::Theme => theme_name(&label.label, themes, lang),
        CorrectionKind::ChurnCause => ChurnCause::from_code(&label.label).map_or_else(
            || label.label.clone(),
            |c| format!("{}: {}", Msg::ChurnSignal.text(lang), c.label(lang)),
        ),
        // The language model proposes no points; were one named, its sentence says it.
        CorrectionKind::DevelopmentPoint => label.label.clone(),
    }
}

#[component]
pub fn Proposals(
    /// The response (link id).
    link: String,
    proposal: AnswerProposal,
    /// The answer's analysis, replaced by the corrected one when a label is accepted.
    analysis: RwSignal<CommentAnalysis>,
    themes: Vec<ThemeDef>,
) -> impl IntoView {
    let lang = use_lang();
    let proposal = RwSignal::new(proposal);
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<String>);
    let decide = move |label: ProposedLabel, accept: bool| {
        let decision = ProposalDecision {
            question_id: proposal.get_untracked().question_id,
            kind: label.kind,
            label: label.label,
            accept,
        };
        let link = link.clone();
        busy.set(true);
        outcome.set(None);
        spawn_local(async move {
            match api::decide_proposal(&link, &decision).await {
                Ok(decided) => {
                    proposal.set(decided.proposal);
                    analysis.set(decided.analysis.analysis);
                }
                Err(failure) => outcome.set(Some(i18n::failure(lang.get_untracked(), &failure))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="proposals" data-testid="proposals">
            <h4>{t(Msg::LanguageModelSuggested)}</h4>
            {move || proposal.get().summary.map(|summary| view! { <p class="summary"><q>{summary}</q></p> })}
            <ul class="labels">
                {move || {
                    let current = analysis.get();
                    let themes = themes.clone();
                    let decide = decide.clone();
                    proposal.get().labels.into_iter().map(|label| {
                        let differs = !agrees(&current, label.kind, &label.label);
                        let name = {
                            let (label, themes) = (label.clone(), themes.clone());
                            move || label_name(&label, &themes, lang.get())
                        };
                        let status = label.status;
                        let (accept, dismiss) = (decide.clone(), decide.clone());
                        let (for_accept, for_dismiss) = (label.clone(), label.clone());
                        view! {
                            <li class="label proposed" class:differs=differs>
                                <strong>{name}</strong>
                                {differs.then(|| view! { " " <span class="differs">{t(Msg::LanguageModelDiffers)}</span> })}
                                " "
                                {match status {
                                    ProposalStatus::Open => view! {
                                        <button type="button" class="button button-quiet" disabled=move || busy.get()
                                            on:click=move |_| accept(for_accept.clone(), true)>{t(Msg::LanguageModelAccept)}</button>
                                        " "
                                        <button type="button" class="button button-quiet" disabled=move || busy.get()
                                            on:click=move |_| dismiss(for_dismiss.clone(), false)>{t(Msg::LanguageModelDismiss)}</button>
                                    }.into_any(),
                                    ProposalStatus::Accepted => view! { <span class="muted">{t(Msg::LanguageModelAccepted)}</span> }.into_any(),
                                    ProposalStatus::Dismissed => view! { <span class="muted">{t(Msg::LanguageModelDismissed)}</span> }.into_any(),
                                }}
                            </li>
                        }
                    }).collect_view()
                }}
                {move || proposal.get().upsell.map(|upsell| {
                    let differs = !upsell_agrees(&analysis.get(), upsell);
                    view! {
                        <li class="label proposed" class:differs=differs>
                            <strong>{t(if upsell { Msg::LanguageModelUpsellYes } else { Msg::LanguageModelUpsellNo })}</strong>
                            {differs.then(|| view! { " " <span class="differs">{t(Msg::LanguageModelDiffers)}</span> })}
                        </li>
                    }
                })}
            </ul>
            <p role="status">{move || outcome.get()}</p>
        </section>
    }
}
