use kaiku_core::survey::{QuestionKind, ResponseView};
use leptos::prelude::*;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, t, use_lang};

/// What the customers answered, newest first, verbatim.
#[component]
pub fn Responses(account_id: String, rounds_changed: RwSignal<u32>) -> impl IntoView {
    let responses = RwSignal::new(Load::<Vec<ResponseView>>::Loading);
    let fetch = move || {
        let id = account_id.clone();
        load(responses, async move { api::responses(&id).await });
    };
    let refetch = fetch.clone();
    Effect::new(move |_| {
        rounds_changed.track();
        refetch();
    });
    view! {
        <section class="card" aria-labelledby="responses-heading">
            <h2 id="responses-heading">{t(Msg::ResponsesTitle)}</h2>
            {move || show(responses.get(), fetch.clone(), |list| {
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::ResponsesEmpty)}</p> }.into_any();
                }
                list.into_iter().map(|response| view! { <Response response /> }).collect_view().into_any()
            })}
        </section>
    }
}

#[component]
fn Response(response: ResponseView) -> impl IntoView {
    let lang = use_lang();
    let answered = response.answered_at;
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
                QuestionKind::Text => answer.text.clone()?,
            };
            let verbatim = q.kind == QuestionKind::Text;
            Some(view! {
                <div>
                    <dt>{move || text.get(lang.get()).to_string()}</dt>
                    <dd class:verbatim=verbatim>{value}</dd>
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
