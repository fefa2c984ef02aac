//! The three calls the survey page makes. No cookies and no CSRF token: the token in
//! the path is the credential.

use gloo_net::http::{Request, RequestBuilder, Response};
use kaiku_core::survey::{Answer, SurveyAnswers, SurveyPage};
use kaiku_core::{ApiErrorBody, ErrorCode};

#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No connection, or the server failed (5xx): keep the answers on the device and
    /// try again later.
    Offline,
    /// The link expired, was withdrawn or never existed.
    LinkInvalid,
    RateLimited,
    /// The server refused the answers (it names the question).
    Refused(Option<String>),
}

fn url(token: &str, tail: &str) -> String {
    let token: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    format!("/api/v1/survey/{token}{tail}")
}

async fn failure(response: Response) -> Failure {
    let status = response.status();
    failure_of(status, response.json::<ApiErrorBody>().await.ok())
}

/// A server error (5xx, ours or a proxy's) says nothing about the answers: like a
/// lost connection, they wait on the device and are sent again. Only a 4xx refuses.
fn failure_of(status: u16, body: Option<ApiErrorBody>) -> Failure {
    if status >= 500 {
        return Failure::Offline;
    }
    match body.as_ref().map(|b| b.error.code) {
        Some(ErrorCode::SurveyLinkInvalid) => Failure::LinkInvalid,
        Some(ErrorCode::RateLimited) => Failure::RateLimited,
        _ => Failure::Refused(body.and_then(|b| b.error.field)),
    }
}

async fn read_page(response: Response) -> Result<SurveyPage, Failure> {
    if !response.ok() {
        return Err(failure(response).await);
    }
    response.json().await.map_err(|_| Failure::Refused(None))
}

pub async fn open(token: &str) -> Result<SurveyPage, Failure> {
    let response = Request::get(&url(token, ""))
        .send()
        .await
        .map_err(|_| Failure::Offline)?;
    read_page(response).await
}

async fn send(request: RequestBuilder, answers: &[Answer]) -> Result<Response, Failure> {
    let body = serde_json::to_string(&SurveyAnswers {
        answers: answers.to_vec(),
    })
    .map_err(|_| Failure::Refused(None))?;
    request
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|_| Failure::Refused(None))?
        .send()
        .await
        .map_err(|_| Failure::Offline)
}

pub async fn save(token: &str, answers: &[Answer]) -> Result<(), Failure> {
    let response = send(Request::put(&url(token, "/answers")), answers).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(failure(response).await)
    }
}

pub async fn submit(token: &str, answers: &[Answer]) -> Result<SurveyPage, Failure> {
    read_page(send(Request::post(&url(token, "/submit")), answers).await?).await
}

#[cfg(test)]
mod tests {
    use kaiku_core::ApiErrorDetail;

    use super::*;

    fn body(code: ErrorCode, field: Option<&str>) -> Option<ApiErrorBody> {
        Some(ApiErrorBody {
            error: ApiErrorDetail {
                code,
                message: "m".into(),
                field: field.map(str::to_string),
                retry_after_secs: None,
            },
        })
    }

    #[test]
    fn a_server_error_is_waited_out_like_a_lost_connection() {
        assert_eq!(failure_of(500, body(ErrorCode::Internal, None)), Failure::Offline);
        // A proxy's own page in front of a restarting server.
        assert_eq!(failure_of(502, None), Failure::Offline);
        assert_eq!(failure_of(503, None), Failure::Offline);
    }

    #[test]
    fn only_the_server_refusing_the_answers_is_a_refusal() {
        assert_eq!(
            failure_of(400, body(ErrorCode::Validation, Some("answers.nps"))),
            Failure::Refused(Some("answers.nps".into()))
        );
        assert_eq!(
            failure_of(410, body(ErrorCode::SurveyLinkInvalid, None)),
            Failure::LinkInvalid
        );
        assert_eq!(
            failure_of(429, body(ErrorCode::RateLimited, None)),
            Failure::RateLimited
        );
    }
}
