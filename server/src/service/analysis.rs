//! The text analysis as the organisation sees it: its own themes, a model trained on
//! its own corrections, and the analysis of each open answer kept with the response.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use kaiku_core::analysis::{self, Correction, CorrectionKind, Model, ThemeDef};
use kaiku_core::api::{CorrectionRequest, NotAPoint};
use kaiku_core::language_model::AnswerProposal;
use kaiku_core::survey::{Answer, AnswerAnalysis, Question, QuestionKind};
use kaiku_core::{Lang, api::ThemesView};
use surrealdb::types::RecordId;

use super::auth::CurrentUser;
use super::surveys::team_link;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::analysis::CorrectedResponse;
use crate::store::surveys::LinkRow;
use crate::store::{key_of, to_json};

pub const CORRECTION_TEXT_MAX_CHARS: usize = 4000;

/// This process's models, one per organisation with the analysis version it was
/// built at. Building one (themes compiled, classifier trained) costs more than
/// analysing a response, so it is built again only when the stored version moved:
/// a theme or correction saved here or by another instance.
#[derive(Default)]
pub struct ModelCache {
    models: Mutex<HashMap<String, (i64, Arc<Model>)>>,
}

impl ModelCache {
    fn get(&self, org: &RecordId, version: i64) -> Option<Arc<Model>> {
        let models = self.models.lock().unwrap_or_else(PoisonError::into_inner);
        models
            .get(&key_of(org))
            .filter(|(built_at, _)| *built_at == version)
            .map(|(_, model)| Arc::clone(model))
    }

    fn put(&self, org: &RecordId, version: i64, model: Arc<Model>) {
        let mut models = self.models.lock().unwrap_or_else(PoisonError::into_inner);
        models.insert(key_of(org), (version, model));
    }
}

/// The organisation's model: built-in and custom themes, trained on its corrections.
pub async fn model(state: &AppState, org: &RecordId) -> ApiResult<Arc<Model>> {
    let organisation = state.store.org(org).await?.ok_or_else(ApiError::not_found)?;
    let version = organisation.analysis_version.unwrap_or(0);
    if let Some(model) = state.analysis_models.get(org, version) {
        return Ok(model);
    }
    // Corrections are read after the version: a model that includes a newer one than
    // its version says is only built again once more, never kept stale.
    let corrections = state.store.corrections(org).await?;
    let model = Arc::new(Model::new(&organisation.themes()?, &corrections));
    state.analysis_models.put(org, version, Arc::clone(&model));
    Ok(model)
}

/// Analyses every open answer that says something; a text too short to tell its
/// language is read in the language the customer was asked in.
pub fn analyse_answers(model: &Model, questions: &[Question], answers: &[Answer], lang: Lang) -> Vec<AnswerAnalysis> {
    answers
        .iter()
        .filter(|answer| {
            questions
                .iter()
                .any(|q| q.id == answer.question_id && q.kind == QuestionKind::Text)
        })
        .filter_map(|answer| {
            let text = answer.text.as_deref().filter(|t| !t.trim().is_empty())?;
            Some(AnswerAnalysis {
                question_id: answer.question_id.clone(),
                analysis: model.analyse_in(text, lang),
            })
        })
        .collect()
}

/// The sentences that ask for change, over all answers of a response.
pub fn development_points(analysis: &[AnswerAnalysis]) -> Vec<String> {
    analysis
        .iter()
        .flat_map(|a| a.analysis.development_points.iter().cloned())
        .collect()
}

/// A team member corrects a label on one answer of a response they may see.
/// `accepted`: the response's language-model proposals with the one this correction
/// accepts marked, written in the same transaction.
pub async fn correct(
    state: &AppState,
    current: &CurrentUser,
    link_key: &str,
    request: CorrectionRequest,
    accepted: Option<&[AnswerProposal]>,
) -> ApiResult<AnswerAnalysis> {
    let link = team_link(state, current, link_key).await?;
    correct_link(state, current, &link, request, accepted).await
}

/// "Not a point": the sentence leaves the response's development points (see
/// [`NotAPoint`]). It must be one of them, in the words the analysis found.
pub async fn dismiss_point(
    state: &AppState,
    current: &CurrentUser,
    link_key: &str,
    NotAPoint { point }: NotAPoint,
) -> ApiResult<AnswerAnalysis> {
    let link = team_link(state, current, link_key).await?;
    let question_id = link
        .analysis()?
        .into_iter()
        .find(|a| a.analysis.development_points.contains(&point))
        .map(|a| a.question_id)
        .ok_or_else(|| ApiError::validation("point", "the response has no such development point"))?;
    let request = CorrectionRequest {
        question_id,
        kind: CorrectionKind::DevelopmentPoint,
        label: point,
        present: false,
    };
    correct_link(state, current, &link, request, None).await
}

/// Corrects a label on one answer of `link`, which the caller has been found to reach
/// (on the account's team, or as the owner of a topic the answer is labelled with).
pub async fn correct_link(
    state: &AppState,
    current: &CurrentUser,
    link: &LinkRow,
    request: CorrectionRequest,
    accepted: Option<&[AnswerProposal]>,
) -> ApiResult<AnswerAnalysis> {
    let CorrectionRequest {
        question_id,
        kind,
        label,
        present,
    } = request;
    let mut analyses = link.analysis()?;
    let Some(index) = analyses.iter().position(|a| a.question_id == question_id) else {
        return Err(ApiError::validation(
            "question_id",
            "the response has no analysed answer to this question",
        ));
    };
    let text = link
        .answers()?
        .into_iter()
        .find(|a| a.question_id == question_id)
        .and_then(|a| a.text)
        .unwrap_or_default();
    let correction = Correction {
        text: text.chars().take(CORRECTION_TEXT_MAX_CHARS).collect(),
        kind,
        label,
        present,
    };
    if !model(state, current.org()).await?.knows(&correction) {
        return Err(ApiError::validation(
            "label",
            "label is not known for this kind of correction",
        ));
    }
    analyses[index].analysis.apply(&correction);
    state
        .store
        .correct_analysis(
            current.org(),
            &current.user.id,
            CorrectedResponse {
                link: &link.id,
                analysis: &analyses,
                proposals_json: accepted.map(to_json).transpose()?,
            },
            correction,
            state.now(),
        )
        .await?;
    Ok(analyses.swap_remove(index))
}

pub async fn themes(state: &AppState, current: &CurrentUser) -> ApiResult<ThemesView> {
    let organisation = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    Ok(ThemesView {
        built_in: analysis::builtin_themes(),
        custom: organisation.themes()?,
    })
}

pub const CUSTOM_THEMES_MAX: usize = 40;

/// Admins replace the organisation's own themes; later answers use them.
pub async fn set_themes(state: &AppState, current: &CurrentUser, custom: Vec<ThemeDef>) -> ApiResult<ThemesView> {
    current.require_team_manager()?;
    if custom.len() > CUSTOM_THEMES_MAX {
        return Err(ApiError::validation(
            "themes",
            format!("at most {CUSTOM_THEMES_MAX} themes"),
        ));
    }
    for (index, theme) in custom.iter().enumerate() {
        theme
            .check()
            .map_err(|e| ApiError::validation(&format!("themes.{index}.{}", e.field), e.message()))?;
        if custom[..index].iter().any(|t| t.key == theme.key) {
            return Err(ApiError::validation(
                &format!("themes.{index}.key"),
                "key is given more than once",
            ));
        }
    }
    state.store.set_themes(current.org(), &custom).await?;
    themes(state, current).await
}
