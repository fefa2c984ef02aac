//! The server side of the one error shape (`kaiku_core::ApiErrorBody`).
//!
//! Handlers return [`ApiError`]; errors raised below them (unknown routes, bodies
//! that do not parse, size limits, panics) are rewritten into the same shape by
//! `http::json_errors`.

use kaiku_core::validate::FieldError;
use kaiku_core::{ApiErrorBody, ApiErrorDetail, ErrorCode};
use poem::http::StatusCode;
use poem::{Body, IntoResponse, Response};
use poem_openapi::registry::{MetaMediaType, MetaResponse, MetaResponses, Registry};
use poem_openapi::{ApiResponse, types::Type};

#[derive(Debug, Clone, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    pub retry_after_secs: Option<u64>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
            field: None,
            retry_after_secs: None,
        }
    }

    pub fn not_found() -> ApiError {
        ApiError::new(ErrorCode::NotFound, "not found")
    }

    pub fn forbidden() -> ApiError {
        ApiError::new(ErrorCode::Forbidden, "your role does not allow this")
    }

    pub fn unauthenticated() -> ApiError {
        ApiError::new(
            ErrorCode::Unauthenticated,
            "log in first; the session is missing or has ended",
        )
    }

    pub fn validation(field: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            field: Some(field.to_string()),
            ..ApiError::new(ErrorCode::Validation, message)
        }
    }

    pub fn rate_limited(retry_after_secs: u64) -> ApiError {
        let minutes = retry_after_secs.div_ceil(60).max(1);
        ApiError {
            retry_after_secs: Some(retry_after_secs),
            ..ApiError::new(
                ErrorCode::RateLimited,
                format!("too many attempts; try again in {minutes} minute(s)"),
            )
        }
    }

    /// For failures the client cannot fix. The cause goes to the log with the
    /// request id; the client gets a generic message.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "internal error");
        ApiError::new(
            ErrorCode::Internal,
            "something went wrong on the server; it has been logged",
        )
    }

    pub fn body(&self) -> ApiErrorBody {
        ApiErrorBody {
            error: ApiErrorDetail {
                code: self.code,
                message: self.message.clone(),
                field: self.field.clone(),
                retry_after_secs: self.retry_after_secs,
            },
        }
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl From<FieldError> for ApiError {
    fn from(err: FieldError) -> ApiError {
        ApiError::validation(err.field, err.message())
    }
}

/// Already logged with its record where it was found; the client learns only that
/// stored data could not be read.
impl From<crate::store::decode::Unreadable> for ApiError {
    fn from(_: crate::store::decode::Unreadable) -> ApiError {
        ApiError::new(
            ErrorCode::StoredDataUnreadable,
            "stored data could not be read; nothing was assumed in its place, and it has been logged",
        )
    }
}

impl From<surrealdb::Error> for ApiError {
    fn from(err: surrealdb::Error) -> ApiError {
        ApiError::internal(format!("database: {err}"))
    }
}

/// Renders an error body as the JSON response every error uses.
pub fn error_response(status: StatusCode, body: &ApiErrorBody) -> Response {
    let json =
        serde_json::to_vec(body).unwrap_or_else(|_| b"{\"error\":{\"code\":\"internal\",\"message\":\"\"}}".to_vec());
    let mut response = Response::builder()
        .status(status)
        .content_type("application/json; charset=utf-8")
        .body(Body::from(json));
    if let Some(secs) = body.error.retry_after_secs {
        response
            .headers_mut()
            .insert("Retry-After", poem::http::HeaderValue::from(secs));
    }
    response
}

impl poem::error::ResponseError for ApiError {
    fn status(&self) -> StatusCode {
        ApiError::status(self)
    }

    fn as_response(&self) -> Response {
        error_response(self.status(), &self.body())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_response(self.status(), &self.body())
    }
}

impl ApiResponse for ApiError {
    fn meta() -> MetaResponses {
        MetaResponses {
            responses: vec![MetaResponse {
                description: "An error in the one JSON error shape; `error.code` is stable.",
                status: None,
                status_range: None,
                content: vec![MetaMediaType {
                    content_type: "application/json; charset=utf-8",
                    schema: ApiErrorBody::schema_ref(),
                }],
                headers: vec![],
            }],
        }
    }

    fn register(registry: &mut Registry) {
        ApiErrorBody::register(registry);
    }
}
