//! Customer surveys: templates and their questions, the built-in templates, answers
//! and the rules they must meet, survey rounds and the email that carries the link.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::account::PersonRef;
use crate::analysis::CommentAnalysis;
use crate::said_we_did::{WeDidEntry, invitation_section};
use crate::validate::Invalid;

/// Open answers longer than this are refused; a survey comment is not a letter.
pub const TEXT_ANSWER_MAX_CHARS: usize = 4000;
pub const DEFAULT_DEADLINE_DAYS: u32 = 14;
pub const MAX_DEADLINE_DAYS: u32 = 90;
/// Survey rounds one `GET /accounts/{id}/rounds` gives, newest first; the `Link`
/// header names the older ones (`?before=`).
pub const ROUNDS_PAGE: usize = 10;
/// Answered surveys one `GET /accounts/{id}/responses` gives, newest first; the `Link`
/// header names the older ones (`?before=`).
pub const RESPONSES_PAGE: usize = 100;

api_type! {
    /// A text in both of Kaiku's languages.
    #[derive(Default)]
    pub struct Localized {
        pub fi: String,
        pub en: String,
    }
}

impl Localized {
    pub fn new(fi: &str, en: &str) -> Localized {
        Localized {
            fi: fi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fi => &self.fi,
            Lang::En => &self.en,
        }
    }
}

api_enum! {
    pub enum QuestionKind {
        /// 0–10, "how likely are you to recommend".
        Nps,
        /// 1–5.
        Rating,
        /// One of `options`.
        Choice,
        /// Free text.
        Text,
    }
}

impl QuestionKind {
    /// The scores a scale question admits.
    pub fn score_range(self) -> Option<(i32, i32)> {
        match self {
            QuestionKind::Nps => Some((0, 10)),
            QuestionKind::Rating => Some((1, 5)),
            QuestionKind::Choice | QuestionKind::Text => None,
        }
    }
}

api_type! {
    pub struct Question {
        /// Stable within a template, e.g. `nps` or `quality`.
        pub id: String,
        pub kind: QuestionKind,
        pub required: bool,
        pub text: Localized,
        /// For `choice` questions; empty otherwise.
        #[serde(default)]
        pub options: Vec<Localized>,
        /// For scale questions: the words at the scale's two ends. Stored before
        /// questions had their own, or left out: the kind's default for the
        /// template's purpose ([`TemplateView::with_scale_ends`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", oai(default, skip_serializing_if_is_none))]
        pub scale_ends: Option<ScaleEnds>,
    }
}

api_type! {
    /// What a scale's lowest and highest score mean ("1 = poor", "5 = excellent").
    pub struct ScaleEnds {
        pub low: Localized,
        pub high: Localized,
    }
}

impl ScaleEnds {
    /// The ends a scale question of `kind` gets unless the template says otherwise:
    /// NPS asks how likely, a rating how well we do, and an expectations survey's
    /// rating how important something is. `None` for questions without a scale.
    pub fn default_for(kind: QuestionKind, purpose: TemplatePurpose) -> Option<ScaleEnds> {
        let ends = |low: (&str, &str), high: (&str, &str)| {
            Some(ScaleEnds {
                low: Localized::new(low.0, low.1),
                high: Localized::new(high.0, high.1),
            })
        };
        match (kind, purpose) {
            (QuestionKind::Nps, _) => ends(
                ("Ei lainkaan todennäköistä", "Not at all likely"),
                ("Erittäin todennäköistä", "Extremely likely"),
            ),
            (QuestionKind::Rating, TemplatePurpose::Relationship) => {
                ends(("Heikosti", "Poor"), ("Erinomaisesti", "Excellent"))
            }
            (QuestionKind::Rating, TemplatePurpose::Expectations) => ends(
                ("Ei lainkaan tärkeää", "Not important at all"),
                ("Erittäin tärkeää", "Very important"),
            ),
            (QuestionKind::Choice | QuestionKind::Text, _) => None,
        }
    }
}

/// Seconds a customer takes, on average, for one question of this kind: a tap on a
/// scale or a choice, a sentence or two for an open question.
fn answer_seconds(kind: QuestionKind) -> u32 {
    match kind {
        QuestionKind::Nps | QuestionKind::Rating | QuestionKind::Choice => 8,
        QuestionKind::Text => 40,
    }
}

/// About how many minutes answering these questions takes, at least one: what the
/// survey page promises the customer.
pub fn minutes_to_answer(questions: &[Question]) -> u32 {
    let seconds: u32 = questions.iter().map(|q| answer_seconds(q.kind)).sum();
    seconds.div_ceil(60).max(1)
}

api_enum! {
    pub enum TemplatePurpose {
        /// How the relationship is going.
        Relationship,
        /// What matters to a new customer, before the work starts.
        Expectations,
    }
}

api_type! {
    pub struct TemplateView {
        pub id: String,
        pub purpose: TemplatePurpose,
        pub name: Localized,
        /// Tells the customer why we ask and what we do with the answer.
        pub intro: Localized,
        pub questions: Vec<Question>,
    }
}

api_type! {
    /// One answer. Scale questions use `score`, choice questions `choice` (the
    /// option's index), open questions `text`.
    pub struct Answer {
        pub question_id: String,
        pub score: Option<i32>,
        pub choice: Option<u32>,
        pub text: Option<String>,
    }
}

impl Answer {
    /// Whether the answer says anything; an emptied text field counts as no answer.
    pub fn is_given(&self) -> bool {
        self.score.is_some() || self.choice.is_some() || self.text.as_deref().is_some_and(|t| !t.trim().is_empty())
    }
}

/// Why an answer was refused, and which question it was for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    pub question_id: String,
    pub problem: Invalid,
}

impl AnswerError {
    pub fn message(&self) -> String {
        format!("answer to `{}` {}", self.question_id, self.problem.english())
    }
}

/// Checks answers against the survey's questions. Partial answers (saved while the
/// customer is still answering) may leave required questions open; a submission may not.
pub fn check_answers(questions: &[Question], answers: &[Answer], complete: bool) -> Result<(), AnswerError> {
    let fail = |question_id: &str, problem| {
        Err(AnswerError {
            question_id: question_id.to_string(),
            problem,
        })
    };
    for (index, answer) in answers.iter().enumerate() {
        let id = answer.question_id.as_str();
        let Some(question) = questions.iter().find(|q| q.id == id) else {
            return fail(id, Invalid::Unknown);
        };
        if answers[..index].iter().any(|earlier| earlier.question_id == id) {
            return fail(id, Invalid::Repeated);
        }
        if let (Some(score), Some((min, max))) = (answer.score, question.kind.score_range())
            && !(min..=max).contains(&score)
        {
            return fail(
                id,
                Invalid::OutOfRange {
                    min: i64::from(min),
                    max: i64::from(max),
                },
            );
        }
        let fits_kind = match question.kind {
            QuestionKind::Nps | QuestionKind::Rating => answer.choice.is_none() && answer.text.is_none(),
            QuestionKind::Choice => answer.score.is_none() && answer.text.is_none(),
            QuestionKind::Text => answer.score.is_none() && answer.choice.is_none(),
        };
        if !fits_kind {
            return fail(id, Invalid::Unknown);
        }
        if answer
            .choice
            .is_some_and(|choice| choice as usize >= question.options.len())
        {
            return fail(id, Invalid::UnknownChoice);
        }
        if answer
            .text
            .as_deref()
            .is_some_and(|text| text.chars().count() > TEXT_ANSWER_MAX_CHARS)
        {
            return fail(
                id,
                Invalid::TooLong {
                    max: TEXT_ANSWER_MAX_CHARS,
                },
            );
        }
    }
    if complete && let Some(missing) = unanswered_required(questions, answers).first() {
        return fail(missing, Invalid::Required);
    }
    Ok(())
}

/// The required questions without an answer, in the survey's order: the survey page
/// points the customer at all of them at once.
pub fn unanswered_required<'a>(questions: &'a [Question], answers: &[Answer]) -> Vec<&'a str> {
    questions
        .iter()
        .filter(|q| q.required)
        .filter(|q| !answers.iter().any(|a| a.question_id == q.id && a.is_given()))
        .map(|q| q.id.as_str())
        .collect()
}

/// Merges newly given answers into those saved before: a later answer to the same
/// question replaces the earlier one, and an emptied answer removes it.
pub fn merge_answers(saved: &[Answer], newer: &[Answer]) -> Vec<Answer> {
    let mut merged: Vec<Answer> = saved
        .iter()
        .filter(|a| !newer.iter().any(|n| n.question_id == a.question_id))
        .cloned()
        .collect();
    merged.extend(newer.iter().filter(|a| a.is_given()).cloned());
    merged
}

fn scale(id: &str, kind: QuestionKind, fi: &str, en: &str) -> Question {
    Question {
        id: id.into(),
        kind,
        required: true,
        text: Localized::new(fi, en),
        options: Vec::new(),
        scale_ends: None,
    }
}

fn open(id: &str, fi: &str, en: &str) -> Question {
    Question {
        required: false,
        ..scale(id, QuestionKind::Text, fi, en)
    }
}

/// The aspects both built-in templates ask about: (id, Finnish, English).
const ASPECTS: [(&str, &str, &str); 5] = [
    ("quality", "työn laatu", "quality of work"),
    ("communication", "viestintä", "communication"),
    ("schedule", "aikataulujen pitäminen", "keeping schedules"),
    (
        "understanding",
        "liiketoimintanne ymmärtäminen",
        "understanding your business",
    ),
    ("value", "hinta-laatusuhde", "value for money"),
];

/// The aspects the built-in templates ask about (`quality`, …), in their order.
pub fn builtin_aspects() -> impl Iterator<Item = &'static str> {
    ASPECTS.iter().map(|(id, ..)| *id)
}

/// The short name of a built-in aspect (`quality`, …), for charts.
pub fn aspect_name(aspect: &str) -> Option<Localized> {
    ASPECTS
        .iter()
        .find(|(id, ..)| *id == aspect)
        .map(|(_, fi, en)| Localized::new(fi, en))
}

pub const RELATIONSHIP_TEMPLATE_ID: &str = "relationship";
pub const EXPECTATIONS_TEMPLATE_ID: &str = "expectations";

/// The relationship survey Kaiku ships with: NPS, five aspects, three open questions.
pub fn relationship_template(organisation: &str) -> TemplateView {
    let mut questions = vec![scale(
        "nps",
        QuestionKind::Nps,
        "Kuinka todennäköisesti suosittelisitte meitä kollegalle tai yhteistyökumppanille?",
        &format!("How likely are you to recommend {organisation} to a colleague or partner?"),
    )];
    questions.extend(ASPECTS.iter().map(|(id, fi, en)| {
        scale(
            id,
            QuestionKind::Rating,
            &format!("Miten onnistuimme: {fi}?"),
            &format!("How are we doing on {en}?"),
        )
    }));
    questions.push(open(
        "do_differently",
        "Mitä meidän pitäisi tehdä toisin?",
        "What should we do differently?",
    ));
    questions.push(open(
        "went_well",
        "Mikä onnistui erityisen hyvin?",
        "What went especially well?",
    ));
    questions.push(open(
        "help_more",
        "Voisimmeko auttaa teitä vielä jossakin muussa?",
        "Is there something else we could help you with?",
    ));
    TemplateView {
        id: RELATIONSHIP_TEMPLATE_ID.into(),
        purpose: TemplatePurpose::Relationship,
        name: Localized::new("Asiakassuhdekysely", "Relationship survey"),
        intro: Localized::new(
            &format!(
                "Kysymme tätä, koska haluamme tehdä työmme teille entistä paremmin. Tiimimme lukee jokaisen vastauksen, sopii sen perusteella muutoksista ja kertoo teille, mitä teimme. \
                 Vastauksianne käsittelee vain {organisation}."
            ),
            &format!(
                "We ask because we want to work better for you. Our team reads every answer, agrees on changes based on it, and tells you what we did. \
                 Only {organisation} sees your answers."
            ),
        ),
        questions,
    }
}

/// For accounts in sales or onboarding: how important each aspect is to the customer.
pub fn expectations_template(organisation: &str) -> TemplateView {
    let mut questions: Vec<Question> = ASPECTS
        .iter()
        .map(|(id, fi, en)| {
            scale(
                &format!("importance_{id}"),
                QuestionKind::Rating,
                &format!("Kuinka tärkeää teille on: {fi}?"),
                &format!("How important to you is {en}?"),
            )
        })
        .collect();
    questions.push(open(
        "success_looks_like",
        "Miltä onnistunut yhteistyö näyttää teidän näkökulmastanne?",
        "What does a successful collaboration look like to you?",
    ));
    questions.push(open(
        "help_more",
        "Voisimmeko auttaa teitä vielä jossakin muussa?",
        "Is there something else we could help you with?",
    ));
    TemplateView {
        id: EXPECTATIONS_TEMPLATE_ID.into(),
        purpose: TemplatePurpose::Expectations,
        name: Localized::new("Odotuskysely", "Expectations survey"),
        intro: Localized::new(
            &format!(
                "Haluamme ymmärtää, mikä teille on tärkeintä, ennen kuin työ kunnolla alkaa. Käymme vastauksenne läpi tiimin kanssa ja kerromme, miten otamme ne huomioon. \
                 Vastauksianne käsittelee vain {organisation}."
            ),
            &format!(
                "We want to understand what matters most to you before the work really starts. We go through your answers with the team and tell you how we take them into \
                 account. Only {organisation} sees your answers."
            ),
        ),
        questions,
    }
}

pub const TEMPLATE_MAX_QUESTIONS: usize = 30;
pub const TEMPLATE_TEXT_MAX_CHARS: usize = 600;
pub const CHOICE_MAX_OPTIONS: usize = 10;

/// Why an edited template was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// `intro`, `name`, `questions`, or `questions.<index>` (0-based).
    pub field: String,
    pub problem: Invalid,
}

impl TemplateError {
    pub fn message(&self) -> String {
        format!("{} {}", self.field, self.problem.english())
    }
}

fn check_text(field: &str, text: &Localized, max: usize) -> Result<(), TemplateError> {
    for value in [&text.fi, &text.en] {
        let len = value.trim().chars().count();
        let problem = if len == 0 {
            Invalid::Required
        } else if len > max {
            Invalid::TooLong { max }
        } else {
            continue;
        };
        return Err(TemplateError {
            field: field.to_string(),
            problem,
        });
    }
    Ok(())
}

impl TemplateView {
    /// Every scale question with its ends: its own, else its kind's default for this
    /// template's purpose (templates and rounds stored before questions had their own).
    pub fn with_scale_ends(mut self) -> TemplateView {
        for question in &mut self.questions {
            if question.scale_ends.is_none() {
                question.scale_ends = ScaleEnds::default_for(question.kind, self.purpose);
            }
        }
        self
    }

    /// The rules an edited template must meet: both languages everywhere, 1–30
    /// questions with distinct ids, 2–10 options for choice questions and none for others.
    pub fn check(&self) -> Result<(), TemplateError> {
        check_text("name", &self.name, crate::validate::NAME_MAX_CHARS)?;
        check_text("intro", &self.intro, TEMPLATE_TEXT_MAX_CHARS * 2)?;
        let fail = |field: String, problem| Err(TemplateError { field, problem });
        if self.questions.is_empty() {
            return fail("questions".into(), Invalid::Required);
        }
        if self.questions.len() > TEMPLATE_MAX_QUESTIONS {
            return fail(
                "questions".into(),
                Invalid::TooMany {
                    max: TEMPLATE_MAX_QUESTIONS,
                },
            );
        }
        for (index, question) in self.questions.iter().enumerate() {
            let field = format!("questions.{index}");
            let id_ok = !question.id.is_empty()
                && question.id.len() <= 40
                && question.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !id_ok {
                return fail(field, Invalid::Unknown);
            }
            if self.questions[..index].iter().any(|q| q.id == question.id) {
                return fail(field, Invalid::Repeated);
            }
            check_text(&field, &question.text, TEMPLATE_TEXT_MAX_CHARS)?;
            let options = question.options.len();
            match question.kind {
                QuestionKind::Choice if options < 2 => return fail(field, Invalid::TooShort { min: 2 }),
                QuestionKind::Choice if options > CHOICE_MAX_OPTIONS => {
                    return fail(
                        field,
                        Invalid::TooMany {
                            max: CHOICE_MAX_OPTIONS,
                        },
                    );
                }
                QuestionKind::Choice => {
                    for option in &question.options {
                        check_text(&field, option, crate::validate::NAME_MAX_CHARS)?;
                    }
                }
                _ if options > 0 => return fail(field, Invalid::Unknown),
                _ => {}
            }
            match (&question.scale_ends, question.kind.score_range()) {
                (Some(_), None) => return fail(field, Invalid::Unknown),
                (Some(ends), Some(_)) => {
                    check_text(&field, &ends.low, crate::validate::NAME_MAX_CHARS)?;
                    check_text(&field, &ends.high, crate::validate::NAME_MAX_CHARS)?;
                }
                (None, _) => {}
            }
        }
        Ok(())
    }
}

/// A question id that is new in `questions`, for a question the admin adds.
pub fn fresh_question_id(questions: &[Question]) -> String {
    (1..)
        .map(|n| format!("q{n}"))
        .find(|id| !questions.iter().any(|q| q.id == *id))
        .unwrap_or_default()
}

pub fn built_in_templates(organisation: &str) -> Vec<TemplateView> {
    vec![relationship_template(organisation), expectations_template(organisation)]
        .into_iter()
        .map(TemplateView::with_scale_ends)
        .collect()
}

api_enum! {
    /// Where one contact's survey link is.
    pub enum LinkStatus {
        Sent,
        Opened,
        Started,
        Answered,
        Expired,
        Revoked,
    }
}

api_type! {
    /// `POST /accounts/{id}/rounds`.
    pub struct StartRoundRequest {
        pub template_id: String,
        pub contact_ids: Vec<String>,
        /// Days the links stay open; 14 when left out.
        pub deadline_days: Option<u32>,
    }
}

api_type! {
    /// One contact's personal link in a round.
    pub struct SurveyLinkView {
        pub id: String,
        pub contact_id: String,
        pub contact_name: String,
        pub email: String,
        pub language: Lang,
        pub status: LinkStatus,
        pub sent_at: DateTime<Utc>,
        pub opened_at: Option<DateTime<Utc>>,
        pub answered_at: Option<DateTime<Utc>>,
        pub expires_at: DateTime<Utc>,
        /// The path `/s/<token>`. Only in the answer that created or re-sent the link:
        /// the server keeps just a hash of the token.
        pub link: Option<String>,
    }
}

api_type! {
    pub struct RoundView {
        pub id: String,
        pub template_name: Localized,
        pub started_by: PersonRef,
        pub created_at: DateTime<Utc>,
        pub links: Vec<SurveyLinkView>,
        /// Whether the server sends email (a mail server is configured); false: the
        /// invitations wait in the outbox and the links go to the contacts by hand.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub delivers_email: bool,
    }
}

api_type! {
    /// A submitted survey, as the account team sees it: the questions as they were
    /// asked and the answers verbatim.
    pub struct ResponseView {
        pub link_id: String,
        pub round_id: String,
        pub contact_name: String,
        pub contact_title: String,
        pub language: Lang,
        pub answered_at: DateTime<Utc>,
        pub questions: Vec<Question>,
        pub answers: Vec<Answer>,
        /// What the text analysis found in each open answer.
        pub analysis: Vec<AnswerAnalysis>,
        /// What the optional language model proposed for them; empty when it is off.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub proposals: Vec<crate::language_model::AnswerProposal>,
    }
}

impl ResponseView {
    /// Whether the analysis of any open answer has a label shown as uncertain.
    pub fn has_uncertain_analysis(&self) -> bool {
        self.analysis.iter().any(|a| a.analysis.has_uncertain_label())
    }
}

api_type! {
    /// The analysis of one open answer.
    pub struct AnswerAnalysis {
        pub question_id: String,
        pub analysis: CommentAnalysis,
    }
}

api_type! {
    /// `GET /survey/{token}`: everything the survey page needs, and nothing more.
    pub struct SurveyPage {
        pub organisation_name: String,
        /// The survey's name, the page's heading. Left out by servers (and drafts kept
        /// on a customer's device) from before it was sent.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub name: Option<Localized>,
        pub language: Lang,
        pub intro: Localized,
        pub questions: Vec<Question>,
        /// What the customer has answered so far.
        pub answers: Vec<Answer>,
        pub submitted: bool,
        pub expires_at: DateTime<Utc>,
        /// "You said, we did": what this contact is told before the first question.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub we_did: Vec<WeDidEntry>,
        /// The organisation's logo and accent colour.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub brand: crate::brand::Brand,
    }
}

api_type! {
    /// `PUT /survey/{token}/answers` (saves as the customer goes) and
    /// `POST /survey/{token}/submit` (the final answers).
    pub struct SurveyAnswers {
        pub answers: Vec<Answer>,
    }
}

/// An email inviting a contact to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyEmail {
    pub subject: String,
    pub body: String,
}

/// How an email greets a contact: by first name.
fn first_name(contact_name: &str) -> &str {
    contact_name.split_whitespace().next().unwrap_or(contact_name)
}

/// A link's last day, the way each language writes dates in a letter.
fn deadline_text(lang: Lang, deadline: NaiveDate) -> String {
    match lang {
        Lang::Fi => deadline.format("%-d.%-m.%Y").to_string(),
        Lang::En => deadline.format("%-d %B %Y").to_string(),
    }
}

impl SurveyEmail {
    /// Ends the email with the contact's personal opt-out link, as every email to a
    /// customer does.
    pub fn with_opt_out(mut self, lang: Lang, url: &str) -> SurveyEmail {
        self.body.push_str(&match lang {
            Lang::Fi => format!("\n--\nEttekö halua enää palautekyselyjä meiltä? Perukaa ne tästä: {url}\n"),
            Lang::En => format!("\n--\nNo more feedback surveys from us? Unsubscribe here: {url}\n"),
        });
        self
    }
}

/// The invitation email, in the contact's language. The app shows exactly this as the
/// preview before sending.
pub fn survey_email(
    lang: Lang,
    organisation: &str,
    contact_name: &str,
    sender_name: &str,
    url: &str,
    deadline: NaiveDate,
) -> SurveyEmail {
    survey_email_with_we_did(lang, organisation, contact_name, sender_name, url, deadline, &[])
}

/// The invitation carrying what was done since the contact's last answer
/// (`said_we_did::invitation_section`) before the link.
pub fn survey_email_with_we_did(
    lang: Lang,
    organisation: &str,
    contact_name: &str,
    sender_name: &str,
    url: &str,
    deadline: NaiveDate,
    we_did: &[WeDidEntry],
) -> SurveyEmail {
    let first_name = first_name(contact_name);
    let deadline = deadline_text(lang, deadline);
    let we_did = invitation_section(lang, we_did);
    match lang {
        Lang::Fi => SurveyEmail {
            subject: format!("{organisation}: miten olemme onnistuneet?"),
            body: format!(
                "Hei {first_name},\n\nhaluamme kuulla, miten yhteistyömme sujuu. Kysely on lyhyt, \
                 ja luemme jokaisen vastauksen. Kerromme myös, mitä teimme palautteenne perusteella.\n\n\
                 {we_did}Vastatkaa tästä: {url}\n\nLinkki on henkilökohtainen ja voimassa {deadline} asti.\n\n\
                 Kiitos!\n{sender_name}, {organisation}\n",
            ),
        },
        Lang::En => SurveyEmail {
            subject: format!("{organisation}: how are we doing?"),
            body: format!(
                "Hi {first_name},\n\nwe would like to hear how our work together is going. The survey is short, \
                 and we read every answer. We will also tell you what we did based on your feedback.\n\n\
                 {we_did}Answer here: {url}\n\nThe link is personal and open until {deadline}.\n\n\
                 Thank you!\n{sender_name}, {organisation}\n",
            ),
        },
    }
}

/// A reminder to a customer who has not answered yet, in their language.
pub fn reminder_email(
    lang: Lang,
    organisation: &str,
    contact_name: &str,
    url: &str,
    deadline: NaiveDate,
) -> SurveyEmail {
    let first_name = first_name(contact_name);
    let deadline = deadline_text(lang, deadline);
    match lang {
        Lang::Fi => SurveyEmail {
            subject: format!("Muistutus: {organisation} kysyy mielipidettänne"),
            body: format!(
                "Hei {first_name},\n\nlähetimme hetki sitten lyhyen kyselyn yhteistyöstämme. Vastauksenne auttaa \
                 meitä tekemään työmme paremmin.\n\nVastatkaa tästä: {url}\n\n\
                 Linkki on voimassa {deadline} asti.\n\nKiitos!\n{organisation}\n",
            ),
        },
        Lang::En => SurveyEmail {
            subject: format!("Reminder: {organisation} would like your view"),
            body: format!(
                "Hi {first_name},\n\nwe recently sent you a short survey about our work together. Your answer \
                 helps us do better.\n\nAnswer here: {url}\n\n\
                 The link is open until {deadline}.\n\nThank you!\n{organisation}\n",
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(id: &str, score: Option<i32>, text: Option<&str>) -> Answer {
        Answer {
            question_id: id.into(),
            score,
            choice: None,
            text: text.map(String::from),
        }
    }

    fn full_answers(template: &TemplateView) -> Vec<Answer> {
        template
            .questions
            .iter()
            .filter(|q| q.required)
            .map(|q| answer(&q.id, q.kind.score_range().map(|(_, max)| max), None))
            .collect()
    }

    #[test]
    fn the_relationship_template_asks_what_the_design_says() {
        let template = relationship_template("Demo Agency");
        let kinds: Vec<_> = template.questions.iter().map(|q| q.kind).collect();
        assert_eq!(kinds[0], QuestionKind::Nps);
        assert_eq!(kinds.iter().filter(|k| **k == QuestionKind::Rating).count(), 5);
        assert!(template.questions.iter().any(|q| q.id == "help_more"));
        assert!(template.questions[0].text.en.contains("Demo Agency"));
        assert!(template.intro.fi.contains("Demo Agency"));
    }

    #[test]
    fn the_expectations_survey_asks_how_important_not_how_good() {
        let template = built_in_templates("Demo Agency").remove(1);
        assert_eq!(template.purpose, TemplatePurpose::Expectations);
        for question in template.questions.iter().filter(|q| q.kind == QuestionKind::Rating) {
            let ends = question.scale_ends.as_ref().expect("a built-in scale has its ends");
            assert!(ends.high.en.contains("important"), "{}: {:?}", question.id, ends.high);
            assert!(ends.low.fi.contains("tärkeää"), "{}: {:?}", question.id, ends.low);
        }
        assert_eq!(template.check(), Ok(()));
    }

    #[test]
    fn finnish_texts_never_inflect_the_organisations_name() {
        let template = relationship_template("Demo Agency");
        assert!(!template.questions[0].text.fi.contains("Demo Agency"));
        assert!(template.questions[0].text.fi.contains("suosittelisitte meitä"));
    }

    #[test]
    fn scale_ends_belong_to_scale_questions_and_need_both_languages() {
        let mut template = built_in_templates("X").remove(0);
        let text_question = template
            .questions
            .iter()
            .position(|q| q.kind == QuestionKind::Text)
            .unwrap();
        template.questions[text_question].scale_ends = template.questions[0].scale_ends.clone();
        assert_eq!(
            template.check().unwrap_err().field,
            format!("questions.{text_question}")
        );

        let mut template = built_in_templates("X").remove(0);
        template.questions[1].scale_ends.as_mut().unwrap().high.fi = " ".into();
        let err = template.check().unwrap_err();
        assert_eq!((err.field.as_str(), err.problem), ("questions.1", Invalid::Required));
    }

    #[test]
    fn the_time_to_answer_grows_with_the_questions() {
        let relationship = relationship_template("X");
        // Six scales (8 s each) and three open questions (40 s each): 168 s.
        assert_eq!(minutes_to_answer(&relationship.questions), 3);
        assert_eq!(minutes_to_answer(&relationship.questions[..1]), 1);
        assert_eq!(minutes_to_answer(&[]), 1);
    }

    #[test]
    fn every_unanswered_required_question_is_named_in_order() {
        let questions = relationship_template("X").questions;
        let answers = [answer("quality", Some(4), None)];
        assert_eq!(
            unanswered_required(&questions, &answers),
            vec!["nps", "communication", "schedule", "understanding", "value"]
        );
    }

    #[test]
    fn complete_answers_pass() {
        for template in built_in_templates("X") {
            assert_eq!(
                check_answers(&template.questions, &full_answers(&template), true),
                Ok(())
            );
        }
    }

    #[test]
    fn scores_outside_the_scale_are_refused() {
        let questions = relationship_template("X").questions;
        let err = check_answers(&questions, &[answer("nps", Some(11), None)], false).unwrap_err();
        assert_eq!(err.question_id, "nps");
        assert_eq!(err.problem, Invalid::OutOfRange { min: 0, max: 10 });
        let err = check_answers(&questions, &[answer("quality", Some(0), None)], false).unwrap_err();
        assert_eq!(err.problem, Invalid::OutOfRange { min: 1, max: 5 });
    }

    #[test]
    fn partial_answers_may_skip_required_questions_but_a_submission_may_not() {
        let questions = relationship_template("X").questions;
        let partial = [answer("nps", Some(9), None)];
        assert_eq!(check_answers(&questions, &partial, false), Ok(()));
        let err = check_answers(&questions, &partial, true).unwrap_err();
        assert_eq!((err.question_id.as_str(), err.problem), ("quality", Invalid::Required));
    }

    #[test]
    fn unknown_repeated_mistyped_and_overlong_answers_are_refused() {
        let questions = relationship_template("X").questions;
        let problem = |answers: &[Answer]| check_answers(&questions, answers, false).unwrap_err().problem;
        assert_eq!(problem(&[answer("colour", Some(3), None)]), Invalid::Unknown);
        assert_eq!(
            problem(&[answer("nps", Some(3), None), answer("nps", Some(4), None)]),
            Invalid::Repeated
        );
        assert_eq!(problem(&[answer("nps", None, Some("ten"))]), Invalid::Unknown);
        let long = "x".repeat(TEXT_ANSWER_MAX_CHARS + 1);
        assert_eq!(
            problem(&[answer("went_well", None, Some(&long))]),
            Invalid::TooLong {
                max: TEXT_ANSWER_MAX_CHARS
            }
        );
    }

    #[test]
    fn later_answers_replace_earlier_ones_and_empty_ones_clear_them() {
        let saved = [answer("nps", Some(6), None), answer("went_well", None, Some("speed"))];
        let merged = merge_answers(
            &saved,
            &[answer("nps", Some(9), None), answer("went_well", None, Some(" "))],
        );
        assert_eq!(merged, vec![answer("nps", Some(9), None)]);
    }

    #[test]
    fn built_in_templates_meet_the_editing_rules() {
        for template in built_in_templates("Demo Agency") {
            assert_eq!(template.check(), Ok(()), "{}", template.id);
        }
    }

    #[test]
    fn edited_templates_need_both_languages_distinct_ids_and_sane_choices() {
        let base = relationship_template("X");
        let field = |t: &TemplateView| t.check().unwrap_err().field;
        let mut no_english = base.clone();
        no_english.questions[1].text.en = " ".into();
        assert_eq!(field(&no_english), "questions.1");
        let mut repeated = base.clone();
        repeated.questions[2].id = "nps".into();
        assert_eq!(repeated.check().unwrap_err().problem, Invalid::Repeated);
        let mut choice = base.clone();
        choice.questions[0].kind = QuestionKind::Choice;
        assert_eq!(choice.check().unwrap_err().problem, Invalid::TooShort { min: 2 });
        choice.questions[0].options = vec![Localized::new("Kyllä", "Yes"), Localized::new("Ei", "No")];
        assert_eq!(choice.check(), Ok(()));
        let mut empty = base;
        empty.questions.clear();
        assert_eq!(field(&empty), "questions");
        assert_eq!(fresh_question_id(&empty.questions), "q1");
    }

    #[test]
    fn the_email_is_in_the_contacts_language_and_carries_the_link() {
        let deadline = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let fi = survey_email(
            Lang::Fi,
            "Demo Agency",
            "Maija Meikäläinen",
            "Anna",
            "https://k/s/abc",
            deadline,
        );
        assert!(fi.body.starts_with("Hei Maija,"));
        assert!(fi.body.contains("https://k/s/abc"));
        assert!(fi.body.contains("7.12.2026"));
        let en = survey_email(
            Lang::En,
            "Demo Agency",
            "Maija Meikäläinen",
            "Anna",
            "https://k/s/abc",
            deadline,
        );
        assert!(en.subject.contains("how are we doing"));
        assert!(en.body.contains("7 December 2026"));
    }
}
