//! The optional language-model adapter's rules: the admin's settings, the question put
//! to an OpenAI-compatible chat endpoint, and reading its reply defensively. The model
//! only *proposes* labels from Kaiku's own vocabularies and a one-line summary; the
//! deterministic analysis stays what it is until a team member accepts a proposal,
//! which then becomes an ordinary correction.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::analysis::{CommentAnalysis, CorrectionKind, Polarity, ThemeDef};
use crate::churn::ChurnCause;
use crate::lang::Lang;
use crate::validate::{FieldError, Invalid};

pub const BASE_URL_MAX_CHARS: usize = 500;
pub const MODEL_NAME_MAX_CHARS: usize = 200;
pub const API_KEY_MAX_CHARS: usize = 1000;
pub const TIMEOUT_MIN_SECS: u32 = 1;
/// Bounded so a pass of the scheduler job (a few calls) stays well inside its lease.
pub const TIMEOUT_MAX_SECS: u32 = 30;
pub const DEFAULT_TIMEOUT_SECS: u32 = 10;
pub const SUMMARY_MAX_CHARS: usize = 200;
/// At most this many labels of one kind are kept from a reply.
pub const LABELS_MAX: usize = 5;
/// The comment sent to the model is cut here: a long email says enough by then.
pub const COMMENT_MAX_CHARS: usize = 4000;

api_type! {
    /// `PUT /settings/language-model`: what an admin saves. `api_key`: a new key, or
    /// none to keep the stored one; `clear_api_key` removes it.
    pub struct LanguageModelInput {
        pub enabled: bool,
        /// The endpoint's base, e.g. `http://127.0.0.1:8080`; Kaiku calls
        /// `POST {base_url}/v1/chat/completions`.
        pub base_url: String,
        pub model: String,
        pub timeout_secs: u32,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub api_key: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub clear_api_key: bool,
    }
}

api_type! {
    /// How the endpoint is reached, as admins read it: the key itself is never shown.
    pub struct LanguageModelConnection {
        pub base_url: String,
        pub model: String,
        pub timeout_secs: u32,
        pub api_key_set: bool,
    }
}

api_type! {
    /// `GET /settings/language-model`: everyone learns whether it is on; admins also
    /// how it is reached.
    pub struct LanguageModelView {
        pub enabled: bool,
        pub connection: Option<LanguageModelConnection>,
    }
}

impl LanguageModelInput {
    /// Off by default: no endpoint, nothing called.
    pub fn disabled() -> LanguageModelInput {
        LanguageModelInput {
            enabled: false,
            base_url: String::new(),
            model: String::new(),
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            api_key: None,
            clear_api_key: false,
        }
    }

    /// An endpoint and model are needed only when it is on; whatever is given must be
    /// well formed either way.
    pub fn check(&self) -> Result<(), FieldError> {
        let fail = |field, problem| Err(FieldError { field, problem });
        let base_url = self.base_url.trim();
        if base_url.is_empty() {
            if self.enabled {
                return fail("base_url", Invalid::Required);
            }
        } else if base_url.chars().count() > BASE_URL_MAX_CHARS {
            return fail(
                "base_url",
                Invalid::TooLong {
                    max: BASE_URL_MAX_CHARS,
                },
            );
        } else if !is_web_address(base_url) {
            return fail("base_url", Invalid::NotAWebAddress);
        }
        let model = self.model.trim();
        if model.is_empty() && self.enabled {
            return fail("model", Invalid::Required);
        }
        if model.chars().count() > MODEL_NAME_MAX_CHARS {
            return fail(
                "model",
                Invalid::TooLong {
                    max: MODEL_NAME_MAX_CHARS,
                },
            );
        }
        if model.chars().any(char::is_control) {
            return fail("model", Invalid::HiddenCharacters);
        }
        if !(TIMEOUT_MIN_SECS..=TIMEOUT_MAX_SECS).contains(&self.timeout_secs) {
            return fail(
                "timeout_secs",
                Invalid::OutOfRange {
                    min: i64::from(TIMEOUT_MIN_SECS),
                    max: i64::from(TIMEOUT_MAX_SECS),
                },
            );
        }
        if let Some(key) = &self.api_key {
            if key.chars().count() > API_KEY_MAX_CHARS {
                return fail("api_key", Invalid::TooLong { max: API_KEY_MAX_CHARS });
            }
            // It goes into an HTTP header as is.
            if key.chars().any(|c| c.is_control() || !c.is_ascii()) {
                return fail("api_key", Invalid::HiddenCharacters);
            }
        }
        Ok(())
    }
}

/// `http://` or `https://`, a host, and nothing a request line or a log would trip
/// on: no whitespace, no user name or password in the address, no query or fragment.
pub fn is_web_address(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://")) else {
        return false;
    };
    let authority = rest.split('/').next().unwrap_or_default();
    let host = authority.rsplit_once(':').map_or(authority, |(host, _)| host);
    !host.is_empty()
        && !authority.contains('@')
        && !url.contains(['?', '#'])
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The chat endpoint under an admin's base address (a trailing `/` or `/v1` is
/// tolerated, as servers document it either way).
pub fn completions_url(base_url: &str) -> String {
    let base = base_url.trim().trim_end_matches('/');
    let base = base.strip_suffix("/v1").unwrap_or(base);
    format!("{base}/v1/chat/completions")
}

api_enum! {
    pub enum ProposalStatus {
        Open,
        Accepted,
        Dismissed,
    }
}

api_type! {
    /// One label the language model proposes for an answer.
    pub struct ProposedLabel {
        pub kind: CorrectionKind,
        /// A polarity, a theme key or a churn cause, as in corrections.
        pub label: String,
        pub status: ProposalStatus,
    }
}

api_type! {
    /// What the language model proposed for one open answer.
    pub struct AnswerProposal {
        pub question_id: String,
        pub labels: Vec<ProposedLabel>,
        pub upsell: Option<bool>,
        /// One line, at most [`SUMMARY_MAX_CHARS`].
        pub summary: Option<String>,
    }
}

api_type! {
    /// `POST /responses/{link}/proposals`: accept (it becomes a correction) or dismiss
    /// one proposed label.
    pub struct ProposalDecision {
        pub question_id: String,
        pub kind: CorrectionKind,
        pub label: String,
        pub accept: bool,
    }
}

api_type! {
    /// The answer to a decision: the proposal as it is now, and the answer's analysis
    /// (with the correction, when one was accepted).
    pub struct ProposalOutcome {
        pub proposal: AnswerProposal,
        pub analysis: crate::survey::AnswerAnalysis,
    }
}

impl AnswerProposal {
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.upsell.is_none() && self.summary.is_none()
    }

    pub fn label_mut(&mut self, kind: CorrectionKind, label: &str) -> Option<&mut ProposedLabel> {
        self.labels.iter_mut().find(|l| l.kind == kind && l.label == label)
    }
}

/// Whether the deterministic analysis already says what the model proposes.
pub fn agrees(analysis: &CommentAnalysis, kind: CorrectionKind, label: &str) -> bool {
    match kind {
        CorrectionKind::Sentiment => analysis.sentiment.polarity.code() == label,
        CorrectionKind::Theme => analysis.themes.iter().any(|t| t.key == label),
        CorrectionKind::ChurnCause => analysis.churn_causes.iter().any(|c| c.cause.code() == label),
        CorrectionKind::DevelopmentPoint => analysis.development_points.iter().any(|p| p == label),
    }
}

/// Whether the model's upsell answer matches the analysis's.
pub fn upsell_agrees(analysis: &CommentAnalysis, upsell: bool) -> bool {
    analysis.upsell.is_empty() != upsell
}

/// The request body for `POST /v1/chat/completions`: the vocabularies are given
/// with the comment, and a JSON object is asked for.
pub fn chat_request(model: &str, comment: &str, lang: Lang, themes: &[ThemeDef]) -> Value {
    let theme_list: Vec<String> = themes.iter().map(|t| format!("{} ({})", t.key, t.name.en)).collect();
    let causes: Vec<&str> = ChurnCause::ALL.iter().map(|c| c.code()).collect();
    let instructions = format!(
        "You label customer feedback for a professional services firm. Answer with one JSON object only, no prose: \
         {{\"sentiment\": \"negative\"|\"neutral\"|\"positive\", \"themes\": [theme keys], \"churn_causes\": [cause keys], \
         \"upsell\": true|false, \"summary\": \"one line in {language}\"}}. \
         Use only these theme keys: {themes}. Use only these churn cause keys: {causes}. \
         Upsell is true when the customer wants more or other services. Leave lists empty when nothing applies.",
        language = match lang {
            Lang::Fi => "Finnish",
            Lang::En => "English",
        },
        themes = theme_list.join(", "),
        causes = causes.join(", "),
    );
    let comment: String = comment.chars().take(COMMENT_MAX_CHARS).collect();
    json!({
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": instructions},
            {"role": "user", "content": comment},
        ],
    })
}

/// Reads a chat completion defensively: the first choice's content, a JSON object
/// in it (a Markdown fence or text around it is tolerated), labels only from the
/// vocabularies (`knows` decides themes), at most [`LABELS_MAX`] of a kind, the
/// summary on one line and cut to [`SUMMARY_MAX_CHARS`]. `None` when nothing usable
/// is there.
pub fn read_reply(question_id: &str, body: &str, knows_theme: impl Fn(&str) -> bool) -> Option<AnswerProposal> {
    let reply: Value = serde_json::from_str(body).ok()?;
    let content = reply.pointer("/choices/0/message/content")?.as_str()?;
    let start = content.find('{')?;
    let end = content.rfind('}')?;
    let object: Value = serde_json::from_str(content.get(start..=end)?).ok()?;
    let object = object.as_object()?;
    let open = |kind, label: &str| ProposedLabel {
        kind,
        label: label.to_string(),
        status: ProposalStatus::Open,
    };
    let words = |field: &str| -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for word in object.get(field).and_then(Value::as_array).into_iter().flatten() {
            if let Some(word) = word.as_str().map(|w| w.trim().to_lowercase())
                && !found.contains(&word)
            {
                found.push(word);
            }
        }
        found
    };
    let mut labels = Vec::new();
    if let Some(polarity) = object
        .get("sentiment")
        .and_then(Value::as_str)
        .and_then(|s| Polarity::from_code(&s.trim().to_lowercase()))
    {
        labels.push(open(CorrectionKind::Sentiment, polarity.code()));
    }
    labels.extend(
        words("themes")
            .iter()
            .filter(|key| knows_theme(key))
            .take(LABELS_MAX)
            .map(|key| open(CorrectionKind::Theme, key)),
    );
    labels.extend(
        words("churn_causes")
            .iter()
            .filter_map(|code| ChurnCause::from_code(code))
            .take(LABELS_MAX)
            .map(|cause| open(CorrectionKind::ChurnCause, cause.code())),
    );
    let summary = object
        .get("summary")
        .and_then(Value::as_str)
        .map(one_line)
        .filter(|s| !s.is_empty());
    let proposal = AnswerProposal {
        question_id: question_id.to_string(),
        labels,
        upsell: object.get("upsell").and_then(Value::as_bool),
        summary,
    };
    (!proposal.is_empty()).then_some(proposal)
}

/// Whitespace and control characters collapsed to single spaces, cut at a word
/// boundary when too long.
fn one_line(text: &str) -> String {
    let line = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if line.chars().count() <= SUMMARY_MAX_CHARS {
        return line;
    }
    let cut: String = line.chars().take(SUMMARY_MAX_CHARS - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(content: &str) -> String {
        json!({"choices": [{"message": {"role": "assistant", "content": content}}]}).to_string()
    }

    fn known(key: &str) -> bool {
        ["schedule", "quality"].contains(&key)
    }

    #[test]
    fn a_reply_gives_labels_from_the_vocabularies_only() {
        let body = reply(
            "```json\n{\"sentiment\": \"Negative\", \"themes\": [\"schedule\", \"weather\", \"schedule\"], \
             \"churn_causes\": [\"voice_lost\", \"aliens\"], \"upsell\": false, \"summary\": \"Late again.\"}\n```",
        );
        let proposal = read_reply("q", &body, known).unwrap();
        let labels: Vec<(CorrectionKind, &str)> = proposal.labels.iter().map(|l| (l.kind, l.label.as_str())).collect();
        assert_eq!(
            labels,
            [
                (CorrectionKind::Sentiment, "negative"),
                (CorrectionKind::Theme, "schedule"),
                (CorrectionKind::ChurnCause, "voice_lost"),
            ]
        );
        assert_eq!(proposal.upsell, Some(false));
        assert_eq!(proposal.summary.as_deref(), Some("Late again."));
    }

    #[test]
    fn garbage_gives_nothing() {
        for body in [
            "not json".to_string(),
            json!({"choices": []}).to_string(),
            reply("I think it is negative."),
            reply("{\"sentiment\": \"furious\", \"themes\": \"schedule\"}"),
            reply("{broken"),
        ] {
            assert_eq!(read_reply("q", &body, known), None, "{body}");
        }
    }

    #[test]
    fn a_long_summary_is_one_cut_line() {
        let long = format!("First line\nsecond\t{}", "word ".repeat(100));
        let body = reply(&json!({"summary": long}).to_string());
        let summary = read_reply("q", &body, known).unwrap().summary.unwrap();
        assert!(summary.starts_with("First line second word"));
        assert!(summary.chars().count() <= SUMMARY_MAX_CHARS);
        assert!(summary.ends_with('…'));
    }

    #[test]
    fn only_plain_web_addresses_are_endpoints() {
        for good in [
            "http://127.0.0.1:8080",
            "https://llm.example.com/api/",
            "http://localhost:11434/v1",
        ] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "ftp://x",
            "file:///etc/passwd",
            "127.0.0.1:8080",
            "http://",
            "http://user:pw@host",
            "http://host/?q",
            "http://ho st",
            "javascript:alert(1)",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
        assert_eq!(
            completions_url("http://localhost:11434/v1/"),
            "http://localhost:11434/v1/chat/completions"
        );
        assert_eq!(completions_url("http://h:1"), "http://h:1/v1/chat/completions");
    }

    #[test]
    fn an_enabled_adapter_needs_an_endpoint_and_a_model() {
        let mut input = LanguageModelInput::disabled();
        assert_eq!(input.check(), Ok(()));
        input.enabled = true;
        assert_eq!(input.check().unwrap_err().field, "base_url");
        input.base_url = "http://127.0.0.1:1".into();
        assert_eq!(input.check().unwrap_err().field, "model");
        input.model = "llama".into();
        assert_eq!(input.check(), Ok(()));
        input.timeout_secs = 0;
        assert_eq!(input.check().unwrap_err().field, "timeout_secs");
    }
}
