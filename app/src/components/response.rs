//! A customer's survey response as the team reads it: each answer verbatim, the
//! development points marked, and what the analysis found, with its evidence.

use kaiku_core::survey::{QuestionKind, ResponseView};
use leptos::prelude::*;

use crate::components::analysis::AnalysisLabels;
use crate::i18n::{self, use_lang};

/// The text with each highlighted sentence wrapped in `<mark>`.
fn marked(text: &str, highlight: &[String]) -> AnyView {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some((at, sentence)) = highlight
        .iter()
        .filter(|h| !h.is_empty())
        .filter_map(|h| rest.find(h.as_str()).map(|at| (at, h)))
        .min_by_key(|(at, _)| *at)
    {
        parts.push(rest[..at].to_string().into_any());
        parts.push(view! { <mark class="development-point">{sentence.clone()}</mark> }.into_any());
        rest = &rest[at + sentence.len()..];
    }
    parts.push(rest.to_string().into_any());
    parts.into_iter().collect_view().into_any()
}

#[component]
pub fn ResponseCard(
    response: ResponseView,
    /// Sentences to mark in the open answers (the development points).
    highlight: Vec<String>,
) -> impl IntoView {
    let lang = use_lang();
    let answered = response.answered_at;
    let link = response.link_id.clone();
    let who = if response.contact_title.is_empty() {
        response.contact_name.clone()
    } else {
        format!("{}, {}", response.contact_name, response.contact_title)
    };
    let rows = response
        .questions
        .iter()
        .filter_map(|q| {
            let answer = response.answers.iter().find(|a| a.question_id == q.id)?;
            let text = q.text.clone();
            let value = match q.kind {
                QuestionKind::Nps => format!("{} / 10", answer.score?),
                QuestionKind::Rating => format!("{} / 5", answer.score?),
                QuestionKind::Choice => {
                    let option = q.options.get(answer.choice? as usize)?.clone();
                    return Some(view! {
                        <div><dt>{move || text.get(lang.get()).to_string()}</dt><dd>{move || option.get(lang.get()).to_string()}</dd></div>
                    }.into_any());
                }
                QuestionKind::Text => {
                    let said = answer.text.clone()?;
                    let analysis = response
                        .analysis
                        .iter()
                        .find(|a| a.question_id == q.id)
                        .map(|a| a.analysis.clone());
                    let proposal = response.proposals.iter().find(|p| p.question_id == q.id).cloned();
                    return Some(view! {
                        <div>
                            <dt>{move || text.get(lang.get()).to_string()}</dt>
                            <dd class="verbatim">{marked(&said, &highlight)}</dd>
                            // In a `<dd>` of its own: a definition list holds only terms and details.
                            {analysis.map(|analysis| view! {
                                <dd class="answer-labels">
                                    <AnalysisLabels analysis correct=(link.clone(), q.id.clone()) proposal=proposal.clone() />
                                </dd>
                            })}
                        </div>
                    }.into_any());
                }
            };
            Some(view! {
                <div>
                    <dt>{move || text.get(lang.get()).to_string()}</dt>
                    <dd>{value}</dd>
                </div>
            }.into_any())
        })
        .collect_view();
    view! {
        <article class="response" data-testid="response">
            <h3>
                {who} " · " {move || i18n::date(lang.get(), &answered)}
            </h3>
            <dl class="answers">{rows}</dl>
        </article>
    }
}
