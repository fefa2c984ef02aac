//! The three calls the survey page makes. No cookies and no CSRF token: the token in
//! the path is the credential.

use gloo_net::http::{Request, RequestBuilder, Response};
use kaiku_core::survey::{Answer, SurveyAnswers, SurveyPage};
use kaiku_core::{ApiErrorBody, ErrorCode};

#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No connection: keep the answers on the device and try later.
    Offline,
    /// The link expired, was withdrawn or never existed.
    LinkInvalid,
    RateLimited,
    /// The server refused the answers (it names the question), or failed.
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
    let body = response.json::<ApiErrorBody>().await.ok();
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
