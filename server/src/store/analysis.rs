//! The corrections team members make to the text analysis; each organisation's model
//! is trained on its own.

use chrono::{DateTime, Utc};
use kaiku_core::analysis::{Correction, CorrectionKind};
use kaiku_core::survey::AnswerAnalysis;
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, run};

#[derive(Debug, Clone, SurrealValue)]
struct CorrectionRow {
    text: String,
    kind: String,
    label: String,
    present: bool,
}

/// A correction as stored; answers and messages record the same.
#[derive(SurrealValue)]
pub(super) struct CorrectionContent {
    org: RecordId,
    text: String,
    kind: String,
    label: String,
    present: bool,
    author: RecordId,
    created_at: DateTime<Utc>,
}

impl CorrectionContent {
    pub(super) fn new(
        org: &RecordId,
        author: &RecordId,
        correction: Correction,
        now: DateTime<Utc>,
    ) -> CorrectionContent {
        CorrectionContent {
            org: org.clone(),
            text: correction.text,
            kind: kind_code(correction.kind).to_string(),
            label: correction.label,
            present: correction.present,
            author: author.clone(),
            created_at: now,
        }
    }
}

fn kind_code(kind: CorrectionKind) -> &'static str {
    match kind {
        CorrectionKind::Sentiment => "sentiment",
        CorrectionKind::Theme => "theme",
        CorrectionKind::ChurnCause => "churn_cause",
        CorrectionKind::DevelopmentPoint => "development_point",
    }
}

fn kind_of(code: &str) -> Option<CorrectionKind> {
    [
        CorrectionKind::Sentiment,
        CorrectionKind::Theme,
        CorrectionKind::ChurnCause,
        CorrectionKind::DevelopmentPoint,
    ]
    .into_iter()
    .find(|kind| kind_code(*kind) == code)
}

/// The response a correction changes: its link, its corrected analysis, and its
/// language-model proposals when the correction accepts one of them.
pub struct CorrectedResponse<'a> {
    pub link: &'a RecordId,
    pub analysis: &'a [AnswerAnalysis],
    pub proposals_json: Option<String>,
}

impl Store {
    /// Records a correction together with the corrected analysis of the response (and,
    /// when it accepts a language-model proposal, the response's proposals), and raises
    /// the organisation's analysis version.
    pub async fn correct_analysis(
        &self,
        org: &RecordId,
        author: &RecordId,
        response: CorrectedResponse<'_>,
        correction: Correction,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        let CorrectedResponse {
            link,
            analysis,
            proposals_json,
        } = response;
        let json = serde_json::to_string(analysis)
            .map_err(|e| surrealdb::Error::internal(format!("analysis does not serialise: {e}")))?;
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 UPDATE $link SET analysis_json = $json WHERE org = $org;
                 CREATE analysis_correction CONTENT $c;
                 UPDATE $org SET analysis_version = (analysis_version ?? 0) + 1;
                 IF $proposals != NONE {
                     UPDATE language_model_proposal SET proposals_json = $proposals WHERE org = $org AND link = $link;
                 };
                 COMMIT TRANSACTION;",
            )
            .bind(("link", link.clone()))
            .bind(("org", org.clone()))
            .bind(("json", json))
            .bind(("proposals", proposals_json))
            .bind(("c", CorrectionContent::new(org, author, correction, now))))
        .await?;
        Ok(())
    }

    /// Oldest first, so a later correction of the same text wins.
    pub async fn corrections(&self, org: &RecordId) -> Result<Vec<Correction>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT text, kind, label, present, created_at FROM analysis_correction WHERE org = $org ORDER BY created_at")
            .bind(("org", org.clone())))
        .await?;
        let rows: Vec<CorrectionRow> = response.take(0)?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                Some(Correction {
                    kind: kind_of(&row.kind)?,
                    text: row.text,
                    label: row.label,
                    present: row.present,
                })
            })
            .collect())
    }
}
