//! Survey templates, questions and personal links.

use super::*;

pub fn question_kind_name(kind: kaiku_core::survey::QuestionKind) -> Msg {
    use kaiku_core::survey::QuestionKind;
    match kind {
        QuestionKind::Nps => Msg::KindNps,
        QuestionKind::Rating => Msg::KindRating,
        QuestionKind::Choice => Msg::KindChoice,
        QuestionKind::Text => Msg::KindText,
    }
}

pub fn question_number(lang: Lang, number: usize) -> String {
    match lang {
        Lang::En => format!("Question {number}"),
        Lang::Fi => format!("Kysymys {number}"),
    }
}

pub fn move_question(lang: Lang, number: usize, up: bool) -> String {
    match (lang, up) {
        (Lang::En, true) => format!("Move question {number} up"),
        (Lang::En, false) => format!("Move question {number} down"),
        (Lang::Fi, true) => format!("Siirrä kysymys {number} ylemmäs"),
        (Lang::Fi, false) => format!("Siirrä kysymys {number} alemmas"),
    }
}

pub fn template_counts(lang: Lang, questions: usize) -> String {
    match lang {
        Lang::En => format!("{questions} questions"),
        Lang::Fi => format!("{questions} kysymystä"),
    }
}

pub fn link_status_name(status: LinkStatus) -> Msg {
    match status {
        LinkStatus::Sent => Msg::LinkSent,
        LinkStatus::Opened => Msg::LinkOpened,
        LinkStatus::Started => Msg::LinkStarted,
        LinkStatus::Answered => Msg::LinkAnswered,
        LinkStatus::Expired => Msg::LinkExpired,
        LinkStatus::Revoked => Msg::LinkRevoked,
    }
}

/// The CSS modifier for a link's status badge; the text carries the meaning too.
pub fn link_status_class(status: LinkStatus) -> &'static str {
    match status {
        LinkStatus::Answered => "active",
        LinkStatus::Expired | LinkStatus::Revoked => "inactive",
        LinkStatus::Sent | LinkStatus::Opened | LinkStatus::Started => "pending",
    }
}

/// A survey aspect's name (`communication` → "communication"/"viestintä"); an
/// organisation's own aspect by its id.
pub fn aspect_text(lang: Lang, aspect: &str) -> String {
    kaiku_core::survey::aspect_name(aspect).map_or_else(|| aspect.to_string(), |name| name.get(lang).to_string())
}
