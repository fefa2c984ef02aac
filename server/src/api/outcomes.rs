use chrono::NaiveDate;
use kaiku_core::account::ImportRequest;
use kaiku_core::backtest::{ApplyWeightsRequest, BacktestView};
use kaiku_core::outcome::{AccountSnapshot, OutcomeImportReport, OutcomeInput, OutcomeView};
use poem_openapi::param::{Path, Query};
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::ApiTags;
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::{backtest, outcomes, snapshots};

pub struct OutcomesApi;

#[derive(ApiResponse)]
enum OutcomeCreated {
    #[oai(status = 201)]
    Created(Json<OutcomeView>),
}

#[OpenApi(tag = "ApiTags::Outcomes")]
impl OutcomesApi {
    /// The account's outcomes, oldest first, each with the versions edits replaced.
    #[oai(path = "/accounts/:id/outcomes", method = "get", operation_id = "account_outcomes")]
    async fn account_outcomes(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<Vec<OutcomeView>>> {
        Ok(Json(outcomes::account_outcomes(&state, &current, &id.0).await?))
    }

    /// Records what happened to the account (admins and leaders): renewed, expanded,
    /// contracted, churned, paused or project ended; a churned account leaves the heatmap.
    #[oai(path = "/accounts/:id/outcomes", method = "post", operation_id = "record_outcome")]
    async fn record(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<OutcomeInput>,
    ) -> ApiResult<OutcomeCreated> {
        Ok(OutcomeCreated::Created(Json(
            outcomes::record(&state, &current, &id.0, body.0).await?,
        )))
    }

    /// Replaces an outcome (admins and leaders); the version it replaces is kept.
    #[oai(path = "/outcomes/:id", method = "put", operation_id = "edit_outcome")]
    async fn edit(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<OutcomeInput>,
    ) -> ApiResult<Json<OutcomeView>> {
        Ok(Json(outcomes::edit(&state, &current, &id.0, body.0).await?))
    }

    /// Imports outcomes from CSV (admins and leaders): columns `account`, `kind`, `date`,
    /// `revenue_before_eur`, `revenue_after_eur`, `reasons` (cause codes separated by
    /// `;`), `note`. Refused rows are listed; `dry_run` previews.
    #[oai(path = "/outcomes/import", method = "post", operation_id = "import_outcomes")]
    async fn import(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<ImportRequest>,
    ) -> ApiResult<Json<OutcomeImportReport>> {
        Ok(Json(
            outcomes::import(&state, &current, &body.0.csv, body.0.dry_run).await?,
        ))
    }

    /// The account's month-end snapshots, oldest first: how it stood at each month's end.
    #[oai(path = "/accounts/:id/snapshots", method = "get", operation_id = "account_snapshots")]
    async fn snapshots(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<Vec<AccountSnapshot>>> {
        Ok(Json(snapshots::account_snapshots(&state, &current, &id.0).await?))
    }

    /// How well the warnings predicted the outcomes dated `from`..=`to` (default: the
    /// last two years), from snapshots 90 and 60 days before (admins and leaders).
    #[oai(path = "/backtest", method = "get", operation_id = "backtest")]
    async fn backtest(
        &self,
        state: State<'_>,
        current: CurrentUser,
        from: Query<Option<NaiveDate>>,
        to: Query<Option<NaiveDate>>,
    ) -> ApiResult<Json<BacktestView>> {
        Ok(Json(backtest::backtest(&state, &current, from.0, to.0).await?))
    }

    /// Applies the weights the backtest proposes (admins); recorded with who and when.
    #[oai(path = "/backtest/apply-weights", method = "post", operation_id = "apply_weights")]
    async fn apply_weights(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<ApplyWeightsRequest>,
    ) -> ApiResult<Json<BacktestView>> {
        Ok(Json(backtest::apply_weights(&state, &current, body.0).await?))
    }
}
