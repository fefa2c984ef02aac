//! Initiatives, the outer loop: what recurs across accounts becomes a suggestion
//! ([`suggestions`]), a suggestion taken up becomes an initiative that moves through
//! its statuses ([`InitiativeStatus::can_become`]), and a done one is checked against
//! what its accounts said before and after ([`check`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::account::PersonRef;
use crate::analysis::{ThemeDef, theme_name};
use crate::case::{CaseStatus, required};
use crate::health::nps;
use crate::heatmap::{Quote, shorten};
use crate::validate::{self, FieldError, Invalid};
use crate::{ChurnCause, Lang};

/// A topic becomes a suggestion when it is mentioned in this many distinct accounts…
pub const SUGGESTION_MIN_ACCOUNTS: usize = 3;
/// …within this many days.
pub const SUGGESTION_WINDOW_DAYS: i64 = 180;
/// The most telling quotes a suggestion shows.
pub const SUGGESTION_QUOTES: usize = 3;

pub const TITLE_MAX_CHARS: usize = 200;
pub const DESCRIPTION_MAX_CHARS: usize = 4000;
pub const NOTE_MAX_CHARS: usize = 1000;
/// Linked topics, accounts and pieces of evidence, each kind.
pub const LINKS_MAX: usize = 500;

/// The "did it work?" window when none is set, and the range one may be set in.
pub const CHECK_DEFAULT_DAYS: u32 = 90;
pub const CHECK_MIN_DAYS: u32 = 30;
pub const CHECK_MAX_DAYS: u32 = 365;
/// Answers each side of the check needs before its share or NPS is judged.
pub const CHECK_MIN_ANSWERS: u32 = 5;
/// A change this large (percentage points of share, points of NPS) counts.
pub const CHECK_SHARE_POINTS: f64 = 10.0;
pub const CHECK_NPS_POINTS: f64 = 10.0;

api_enum! {
    pub enum TopicKind {
        /// A theme of the analysis (built in or the organisation's own).
        Theme,
        /// One of the six churn causes.
        Cause,
    }
}

api_type! {
    /// What recurs: a theme key or a churn cause's code.
    pub struct Topic {
        pub kind: TopicKind,
        pub key: String,
    }
}

impl Topic {
    pub fn theme(key: &str) -> Topic {
        Topic {
            kind: TopicKind::Theme,
            key: key.to_string(),
        }
    }

    pub fn cause(cause: ChurnCause) -> Topic {
        Topic {
            kind: TopicKind::Cause,
            key: cause.code().to_string(),
        }
    }

    /// `theme:speed`, `cause:voice_lost`: one string per topic, for storage.
    pub fn code(&self) -> String {
        format!("{}:{}", self.kind.code(), self.key)
    }

    pub fn from_code(code: &str) -> Option<Topic> {
        let (kind, key) = code.split_once(':')?;
        Some(Topic {
            kind: TopicKind::from_code(kind)?,
            key: key.to_string(),
        })
    }

    /// "Reporting", "Customer's voice lost inside the firm": the theme's name (the
    /// organisation's own `themes` first) or the cause's label, in `lang`.
    pub fn name(&self, themes: &[ThemeDef], lang: Lang) -> String {
        match self.kind {
            TopicKind::Theme => theme_name(&self.key, themes, lang),
            TopicKind::Cause => {
                ChurnCause::from_code(&self.key).map_or_else(|| self.key.clone(), |c| c.label(lang).into())
            }
        }
    }

    /// A cause must be one of the six; a theme one the organisation's analysis knows.
    pub fn check(&self, field: &'static str, themes: &[String]) -> Result<(), FieldError> {
        let known = match self.kind {
            TopicKind::Cause => ChurnCause::from_code(&self.key).is_some(),
            TopicKind::Theme => themes.contains(&self.key),
        };
        if known {
            Ok(())
        } else {
            Err(FieldError {
                field,
                problem: Invalid::Unknown,
            })
        }
    }
}

/// One open answer of a response and what the analysis found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentFact {
    pub text: String,
    pub themes: Vec<String>,
    pub causes: Vec<ChurnCause>,
    /// The analysis's sentiment score, -1..=1.
    pub sentiment: f64,
}

impl CommentFact {
    fn mentions(&self, topic: &Topic) -> bool {
        match topic.kind {
            TopicKind::Theme => self.themes.contains(&topic.key),
            TopicKind::Cause => self.causes.iter().any(|c| c.code() == topic.key),
        }
    }
}

/// One submitted survey, as suggestions and the check read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseFact {
    pub link_id: String,
    pub account_id: String,
    pub contact_name: String,
    pub at: DateTime<Utc>,
    pub nps: Option<u8>,
    pub comments: Vec<CommentFact>,
}

impl ResponseFact {
    pub fn mentions(&self, topic: &Topic) -> bool {
        self.comments.iter().any(|c| c.mentions(topic))
    }

    pub fn mentions_any(&self, topics: &[Topic]) -> bool {
        topics.iter().any(|t| self.mentions(t))
    }
}

/// One counter-feedback: the team's churn causes and its own words.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamNoteFact {
    pub id: String,
    pub account_id: String,
    pub author_name: String,
    pub at: DateTime<Utc>,
    pub causes: Vec<ChurnCause>,
    pub text: String,
}

impl TeamNoteFact {
    fn mentions(&self, topic: &Topic) -> bool {
        topic.kind == TopicKind::Cause && self.causes.iter().any(|c| c.code() == topic.key)
    }
}

/// An account and what it is worth now.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountFact {
    pub id: String,
    pub name: String,
    pub annual_value_eur: i64,
    pub revenue_at_risk_eur: i64,
}

api_type! {
    /// An account a suggestion or an initiative touches.
    pub struct AffectedAccount {
        pub id: String,
        pub name: String,
        pub annual_value_eur: i64,
        pub revenue_at_risk_eur: i64,
        /// Answers and counter-feedback of the account that mention the topic.
        pub mentions: u32,
    }
}

api_type! {
    /// `GET /initiatives/suggestions`: a topic mentioned in three or more accounts in
    /// the last 180 days, that no initiative covers and nobody dismissed.
    pub struct Suggestion {
        pub topic: Topic,
        /// Highest revenue at risk first.
        pub accounts: Vec<AffectedAccount>,
        pub annual_value_eur: i64,
        pub revenue_at_risk_eur: i64,
        /// Answers that mention it.
        pub customer_mentions: u32,
        /// Counter-feedback that names it.
        pub team_mentions: u32,
        /// NPS of every answer of the window, and without the answers that mention it.
        pub nps_all: Option<f64>,
        pub nps_without: Option<f64>,
        /// `nps_all − nps_without`: negative when the answers that mention it pull
        /// the NPS down.
        pub nps_impact: Option<f64>,
        pub quotes: Vec<Quote>,
        /// The evidence, to link to the initiative taken up from it: answers (link
        /// ids) and counter-feedback ids.
        pub answers: Vec<String>,
        pub counter_feedback: Vec<String>,
    }
}

/// Topics mentioned in [`SUGGESTION_MIN_ACCOUNTS`] or more of `accounts` within
/// [`SUGGESTION_WINDOW_DAYS`] before `now`, by customers (answers) or the team
/// (counter-feedback), leaving out `handled` ones (dismissed, or an initiative's);
/// highest revenue at risk first.
pub fn suggestions(
    now: DateTime<Utc>,
    responses: &[ResponseFact],
    notes: &[TeamNoteFact],
    accounts: &[AccountFact],
    handled: &[Topic],
) -> Vec<Suggestion> {
    let since = now - Duration::days(SUGGESTION_WINDOW_DAYS);
    let known = |account: &str| accounts.iter().any(|a| a.id == account);
    let in_window = |at: DateTime<Utc>| since < at && at <= now;
    let responses: Vec<&ResponseFact> = responses
        .iter()
        .filter(|r| in_window(r.at) && known(&r.account_id))
        .collect();
    let notes: Vec<&TeamNoteFact> = notes
        .iter()
        .filter(|n| in_window(n.at) && known(&n.account_id))
        .collect();
    let mut topics: BTreeSet<(&'static str, String)> = BTreeSet::new();
    for comment in responses.iter().flat_map(|r| &r.comments) {
        topics.extend(comment.themes.iter().map(|t| (TopicKind::Theme.code(), t.clone())));
        topics.extend(
            comment
                .causes
                .iter()
                .map(|c| (TopicKind::Cause.code(), c.code().to_string())),
        );
    }
    for note in &notes {
        topics.extend(
            note.causes
                .iter()
                .map(|c| (TopicKind::Cause.code(), c.code().to_string())),
        );
    }
    let nps_all = nps(&nps_scores(responses.iter().copied()));
    let mut found: Vec<Suggestion> = topics
        .into_iter()
        .filter_map(|(kind, key)| {
            let topic = Topic {
                kind: TopicKind::from_code(kind)?,
                key,
            };
            if handled.contains(&topic) {
                return None;
            }
            suggestion(topic, &responses, &notes, accounts, nps_all)
        })
        .collect();
    found.sort_by(|a, b| {
        b.revenue_at_risk_eur
            .cmp(&a.revenue_at_risk_eur)
            .then(b.accounts.len().cmp(&a.accounts.len()))
            .then_with(|| a.topic.code().cmp(&b.topic.code()))
    });
    found
}

fn nps_scores<'a>(responses: impl Iterator<Item = &'a ResponseFact>) -> Vec<u32> {
    responses.filter_map(|r| r.nps.map(u32::from)).collect()
}

fn suggestion(
    topic: Topic,
    responses: &[&ResponseFact],
    notes: &[&TeamNoteFact],
    accounts: &[AccountFact],
    nps_all: Option<f64>,
) -> Option<Suggestion> {
    let mentioning: Vec<&ResponseFact> = responses.iter().copied().filter(|r| r.mentions(&topic)).collect();
    let naming: Vec<&TeamNoteFact> = notes.iter().copied().filter(|n| n.mentions(&topic)).collect();
    let mut mentions: BTreeMap<&str, u32> = BTreeMap::new();
    for account in mentioning
        .iter()
        .map(|r| r.account_id.as_str())
        .chain(naming.iter().map(|n| n.account_id.as_str()))
    {
        *mentions.entry(account).or_default() += 1;
    }
    if mentions.len() < SUGGESTION_MIN_ACCOUNTS {
        return None;
    }
    let mut affected: Vec<AffectedAccount> = accounts
        .iter()
        .filter_map(|a| {
            mentions.get(a.id.as_str()).map(|&count| AffectedAccount {
                id: a.id.clone(),
                name: a.name.clone(),
                annual_value_eur: a.annual_value_eur,
                revenue_at_risk_eur: a.revenue_at_risk_eur,
                mentions: count,
            })
        })
        .collect();
    affected.sort_by(|a, b| {
        b.revenue_at_risk_eur
            .cmp(&a.revenue_at_risk_eur)
            .then_with(|| a.name.cmp(&b.name))
    });
    let nps_without = nps(&nps_scores(responses.iter().copied().filter(|r| !r.mentions(&topic))));
    Some(Suggestion {
        annual_value_eur: affected.iter().map(|a| a.annual_value_eur).sum(),
        revenue_at_risk_eur: affected.iter().map(|a| a.revenue_at_risk_eur).sum(),
        accounts: affected,
        customer_mentions: count(mentioning.len()),
        team_mentions: count(naming.len()),
        nps_all,
        nps_without,
        nps_impact: nps_all.zip(nps_without).map(|(all, without)| all - without),
        quotes: telling_quotes(&topic, &mentioning, &naming),
        answers: mentioning.iter().map(|r| r.link_id.clone()).collect(),
        counter_feedback: naming.iter().map(|n| n.id.clone()).collect(),
        topic,
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The customers' comments that mention the topic, the most negative first (the
/// newer of two alike), one per account before a second of any; then the team's
/// own words when the customers' are fewer than [`SUGGESTION_QUOTES`].
fn telling_quotes(topic: &Topic, mentioning: &[&ResponseFact], naming: &[&TeamNoteFact]) -> Vec<Quote> {
    let mut comments: Vec<(&str, f64, DateTime<Utc>, Quote)> = mentioning
        .iter()
        .flat_map(|r| {
            r.comments
                .iter()
                .filter(|c| c.mentions(topic) && !c.text.trim().is_empty())
                .map(move |c| {
                    let quote = Quote {
                        text: shorten(&c.text),
                        by: r.contact_name.clone(),
                        at: r.at,
                    };
                    (r.account_id.as_str(), c.sentiment, r.at, quote)
                })
        })
        .collect();
    comments.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)));
    let mut quoted_accounts = BTreeSet::new();
    let (first, rest): (Vec<_>, Vec<_>) = comments
        .into_iter()
        .partition(|(account, ..)| quoted_accounts.insert(*account));
    let mut team: Vec<&&TeamNoteFact> = naming.iter().filter(|n| !n.text.trim().is_empty()).collect();
    team.sort_by_key(|n| std::cmp::Reverse(n.at));
    first
        .into_iter()
        .chain(rest)
        .map(|(.., quote)| quote)
        .chain(team.into_iter().map(|n| Quote {
            text: shorten(&n.text),
            by: n.author_name.clone(),
            at: n.at,
        }))
        .take(SUGGESTION_QUOTES)
        .collect()
}

api_enum! {
    /// Proposed → planned → in progress → done, or dropped from any open status.
    pub enum InitiativeStatus {
        Proposed,
        Planned,
        InProgress,
        Done,
        Dropped,
    }
}

impl InitiativeStatus {
    pub fn is_final(self) -> bool {
        matches!(self, InitiativeStatus::Done | InitiativeStatus::Dropped)
    }

    /// The next step forward, one at a time, or dropped while still open; done and
    /// dropped are final.
    pub fn can_become(self, next: InitiativeStatus) -> bool {
        use InitiativeStatus::*;
        matches!(
            (self, next),
            (Proposed, Planned)
                | (Planned, InProgress)
                | (InProgress, Done)
                | (Proposed | Planned | InProgress, Dropped)
        )
    }
}

api_type! {
    /// A development point of an answer: the link and the sentence verbatim.
    pub struct PointRef {
        pub link_id: String,
        pub text: String,
    }
}

api_type! {
    /// `POST /initiatives`, `PUT /initiatives/{id}`.
    pub struct InitiativeInput {
        pub title: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub description: String,
        /// A person of the organisation (user id).
        pub owner: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub topics: Vec<Topic>,
        /// Account ids.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub accounts: Vec<String>,
        /// Answered survey links.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub answers: Vec<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub counter_feedback: Vec<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub cases: Vec<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub points: Vec<PointRef>,
        /// The "did it work?" window, fixed before the initiative is done.
        #[serde(default = "default_check_days")]
        #[cfg_attr(feature = "openapi", oai(default = "default_check_days"))]
        pub check_days: u32,
    }
}

fn default_check_days() -> u32 {
    CHECK_DEFAULT_DAYS
}

fn dedup<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !kept.contains(&item) {
            kept.push(item);
        }
    }
    kept
}

fn at_most<T>(field: &'static str, items: &[T]) -> Result<(), FieldError> {
    if items.len() > LINKS_MAX {
        return Err(FieldError {
            field,
            problem: Invalid::TooMany { max: LINKS_MAX },
        });
    }
    Ok(())
}

impl InitiativeInput {
    /// Trimmed, each link once, an empty owner as none.
    pub fn normalised(mut self) -> InitiativeInput {
        self.title = self.title.trim().to_string();
        self.description = self.description.trim().to_string();
        self.owner = self.owner.map(|o| o.trim().to_string()).filter(|o| !o.is_empty());
        self.topics = dedup(self.topics);
        self.accounts = dedup(self.accounts);
        self.answers = dedup(self.answers);
        self.counter_feedback = dedup(self.counter_feedback);
        self.cases = dedup(self.cases);
        for point in &mut self.points {
            point.text = point.text.trim().to_string();
        }
        self.points = dedup(self.points);
        self
    }

    /// `themes` are the theme keys the organisation's analysis knows.
    pub fn check(&self, themes: &[String]) -> Result<(), FieldError> {
        required("title", &self.title, TITLE_MAX_CHARS)?;
        if self.title.chars().any(validate::is_hidden) {
            return Err(FieldError {
                field: "title",
                problem: Invalid::HiddenCharacters,
            });
        }
        validate::too_long("description", &self.description, DESCRIPTION_MAX_CHARS)?;
        at_most("topics", &self.topics)?;
        for topic in &self.topics {
            topic.check("topics", themes)?;
        }
        at_most("accounts", &self.accounts)?;
        at_most("answers", &self.answers)?;
        at_most("counter_feedback", &self.counter_feedback)?;
        at_most("cases", &self.cases)?;
        at_most("points", &self.points)?;
        if self.points.iter().any(|p| p.text.is_empty()) {
            return Err(FieldError {
                field: "points",
                problem: Invalid::Required,
            });
        }
        if !(CHECK_MIN_DAYS..=CHECK_MAX_DAYS).contains(&self.check_days) {
            return Err(FieldError {
                field: "check_days",
                problem: Invalid::OutOfRange {
                    min: CHECK_MIN_DAYS.into(),
                    max: CHECK_MAX_DAYS.into(),
                },
            });
        }
        Ok(())
    }
}

api_type! {
    /// `POST /initiatives/{id}/status`.
    pub struct StatusInput {
        pub status: InitiativeStatus,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub note: String,
    }
}

impl StatusInput {
    pub fn check(&self) -> Result<(), FieldError> {
        validate::too_long("note", self.note.trim(), NOTE_MAX_CHARS)
    }
}

api_enum! {
    pub enum Verdict {
        /// The window after is not over yet.
        Waiting,
        Worked,
        NoChange,
        /// Too few answers before or after to judge.
        TooLittleData,
    }
}

api_type! {
    /// One side of the check: the affected accounts' answers in a window.
    pub struct CheckSide {
        pub from: DateTime<Utc>,
        pub to: DateTime<Utc>,
        pub answers: u32,
        /// Answers that mention any of the initiative's topics.
        pub mentioning: u32,
        /// `mentioning / answers` in percent.
        pub share: Option<f64>,
        /// Answers with an NPS score, and their NPS.
        pub nps_answers: u32,
        pub nps: Option<f64>,
    }
}

api_type! {
    /// "Did it work?": the affected accounts' answers in the window before the
    /// initiative was done and in the same window after.
    pub struct EffectCheck {
        pub window_days: u32,
        pub done_at: DateTime<Utc>,
        pub before: CheckSide,
        pub after: CheckSide,
        pub verdict: Verdict,
        /// The answers each side needs before it is judged.
        pub min_answers: u32,
    }
}

fn side(responses: &[ResponseFact], topics: &[Topic], from: DateTime<Utc>, to: DateTime<Utc>) -> CheckSide {
    let inside: Vec<&ResponseFact> = responses.iter().filter(|r| from < r.at && r.at <= to).collect();
    let answers = count(inside.len());
    let mentioning = count(inside.iter().filter(|r| r.mentions_any(topics)).count());
    let scores = nps_scores(inside.iter().copied());
    CheckSide {
        from,
        to,
        answers,
        mentioning,
        share: (answers > 0 && !topics.is_empty()).then(|| 100.0 * f64::from(mentioning) / f64::from(answers)),
        nps_answers: count(scores.len()),
        nps: nps(&scores),
    }
}

/// Compares the answers of the affected accounts (`responses`) in the `window_days`
/// before `done_at` with the same span after it. The rule:
///
/// - until the window after has ended: waiting;
/// - the topics' share is judged when both sides have [`CHECK_MIN_ANSWERS`] answers
///   (and the initiative has topics), the NPS when both have that many scores;
///   with neither judged: too little data;
/// - worked when the share fell by [`CHECK_SHARE_POINTS`] percentage points or the
///   NPS rose by [`CHECK_NPS_POINTS`], and neither moved that far the wrong way;
///   otherwise no change.
pub fn check(
    done_at: DateTime<Utc>,
    window_days: u32,
    now: DateTime<Utc>,
    responses: &[ResponseFact],
    topics: &[Topic],
) -> EffectCheck {
    let window = Duration::days(window_days.into());
    let before = side(responses, topics, done_at - window, done_at);
    let after = side(responses, topics, done_at, done_at + window);
    let enough = |a: u32, b: u32| a >= CHECK_MIN_ANSWERS && b >= CHECK_MIN_ANSWERS;
    let share = if enough(before.answers, after.answers) {
        before.share.zip(after.share).map(|(b, a)| a - b)
    } else {
        None
    };
    let nps_change = if enough(before.nps_answers, after.nps_answers) {
        before.nps.zip(after.nps).map(|(b, a)| a - b)
    } else {
        None
    };
    let verdict = if now < done_at + window {
        Verdict::Waiting
    } else if share.is_none() && nps_change.is_none() {
        Verdict::TooLittleData
    } else {
        let better =
            share.is_some_and(|d| d <= -CHECK_SHARE_POINTS) || nps_change.is_some_and(|d| d >= CHECK_NPS_POINTS);
        let worse =
            share.is_some_and(|d| d >= CHECK_SHARE_POINTS) || nps_change.is_some_and(|d| d <= -CHECK_NPS_POINTS);
        if better && !worse {
            Verdict::Worked
        } else {
            Verdict::NoChange
        }
    };
    EffectCheck {
        window_days,
        done_at,
        before,
        after,
        verdict,
        min_answers: CHECK_MIN_ANSWERS,
    }
}

api_type! {
    /// An initiative in the ranked list.
    pub struct InitiativeSummary {
        pub id: String,
        pub title: String,
        pub status: InitiativeStatus,
        pub owner: Option<PersonRef>,
        pub topics: Vec<Topic>,
        /// Accounts it touches: linked, or through its evidence.
        pub accounts: u32,
        pub annual_value_eur: i64,
        pub revenue_at_risk_eur: i64,
        pub updated_at: DateTime<Utc>,
        pub done_at: Option<DateTime<Utc>>,
    }
}

/// Highest revenue at risk of the accounts touched first; of two alike, the newer change.
pub fn rank(initiatives: &mut [InitiativeSummary]) {
    initiatives.sort_by(|a, b| {
        b.revenue_at_risk_eur
            .cmp(&a.revenue_at_risk_eur)
            .then(b.updated_at.cmp(&a.updated_at))
    });
}

api_type! {
    /// A status change, dated, with who made it.
    pub struct StatusChange {
        pub status: InitiativeStatus,
        pub at: DateTime<Utc>,
        pub by: PersonRef,
        pub note: String,
    }
}

api_type! {
    pub struct LinkedAnswer {
        pub link_id: String,
        pub account_id: String,
        pub account_name: String,
        pub contact_name: String,
        pub at: DateTime<Utc>,
        pub nps: Option<u8>,
        /// The open answers, verbatim.
        pub comments: Vec<String>,
    }
}

api_type! {
    pub struct LinkedNote {
        pub id: String,
        pub account_id: String,
        pub account_name: String,
        pub author: PersonRef,
        pub at: DateTime<Utc>,
        pub causes: Vec<ChurnCause>,
        pub text: String,
    }
}

api_type! {
    pub struct LinkedCase {
        pub id: String,
        pub account_id: String,
        pub account_name: String,
        pub status: CaseStatus,
        pub opened_at: DateTime<Utc>,
    }
}

api_type! {
    pub struct LinkedPoint {
        pub link_id: String,
        pub account_id: String,
        pub account_name: String,
        pub contact_name: String,
        pub text: String,
    }
}

api_type! {
    /// `GET /initiatives/{id}`: the initiative with its evidence, history and check.
    pub struct InitiativeView {
        pub summary: InitiativeSummary,
        pub description: String,
        pub check_days: u32,
        /// The accounts it touches, highest revenue at risk first.
        pub accounts: Vec<AffectedAccount>,
        pub answers: Vec<LinkedAnswer>,
        pub counter_feedback: Vec<LinkedNote>,
        pub cases: Vec<LinkedCase>,
        pub points: Vec<PointRef>,
        /// Oldest first, from its creation.
        pub history: Vec<StatusChange>,
        /// Once done: did it work?
        pub check: Option<EffectCheck>,
        /// Whether the caller may change it (leaders and admins).
        pub can_manage: bool,
        /// The input it was made of, to edit.
        pub input: InitiativeInput,
    }
}

/// A done initiative linked to an account, for telling its customers what was done:
/// the answers of the account it links and their contacts.
#[derive(Debug, Clone, PartialEq)]
pub struct DoneInitiative {
    pub id: String,
    pub title: String,
    pub description: String,
    pub done_at: DateTime<Utc>,
    pub answers: Vec<String>,
    pub contacts: Vec<String>,
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
    }

    fn days_ago(days: i64) -> DateTime<Utc> {
        now() - Duration::days(days)
    }

    fn comment(text: &str, themes: &[&str], causes: &[ChurnCause], sentiment: f64) -> CommentFact {
        CommentFact {
            text: text.into(),
            themes: themes.iter().map(|t| t.to_string()).collect(),
            causes: causes.to_vec(),
            sentiment,
        }
    }

    fn response(
        id: &str,
        account: &str,
        at: DateTime<Utc>,
        nps: Option<u8>,
        comments: Vec<CommentFact>,
    ) -> ResponseFact {
        ResponseFact {
            link_id: id.into(),
            account_id: account.into(),
            contact_name: format!("contact of {id}"),
            at,
            nps,
            comments,
        }
    }

    fn account(id: &str, annual: i64, at_risk: i64) -> AccountFact {
        AccountFact {
            id: id.into(),
            name: id.to_uppercase(),
            annual_value_eur: annual,
            revenue_at_risk_eur: at_risk,
        }
    }

    fn slow(sentiment: f64) -> Vec<CommentFact> {
        vec![comment("Replies are slow", &["responsiveness"], &[], sentiment)]
    }

    fn portfolio() -> (Vec<ResponseFact>, Vec<AccountFact>) {
        let responses = vec![
            response("r1", "a", days_ago(10), Some(3), slow(-0.5)),
            response("r2", "b", days_ago(20), Some(6), slow(-0.8)),
            response("r3", "c", days_ago(30), Some(9), slow(0.1)),
            response("r4", "d", days_ago(40), Some(10), vec![]),
            response("r5", "d", days_ago(50), Some(10), vec![]),
            // Outside the 180 days: neither counted nor in the NPS.
            response("old", "d", days_ago(181), Some(0), slow(-1.0)),
        ];
        let accounts = vec![
            account("a", 100_000, 50_000),
            account("b", 80_000, 20_000),
            account("c", 60_000, 3_000),
            account("d", 10_000, 500),
        ];
        (responses, accounts)
    }

    #[test]
    fn a_theme_in_three_accounts_is_suggested_with_revenue_and_nps_impact() {
        let (responses, accounts) = portfolio();
        let found = suggestions(now(), &responses, &[], &accounts, &[]);
        assert_eq!(found.len(), 1);
        let s = &found[0];
        assert_eq!(s.topic, Topic::theme("responsiveness"));
        let ids: Vec<&str> = s.accounts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(s.annual_value_eur, 240_000);
        assert_eq!(s.revenue_at_risk_eur, 73_000);
        // All five: 3 promoters, 2 detractors → (3 − 2) / 5 = 20.
        assert_eq!(s.nps_all, Some(20.0));
        // Without r1–r3: two promoters → 100.
        assert_eq!(s.nps_without, Some(100.0));
        assert_eq!(s.nps_impact, Some(-80.0));
        assert_eq!((s.customer_mentions, s.team_mentions), (3, 0));
        // The most negative first.
        let by: Vec<&str> = s.quotes.iter().map(|q| q.by.as_str()).collect();
        assert_eq!(by, ["contact of r2", "contact of r1", "contact of r3"]);
        assert_eq!(s.answers, ["r1", "r2", "r3"]);
    }

    #[test]
    fn two_accounts_are_not_enough_and_old_mentions_do_not_count() {
        let (mut responses, accounts) = portfolio();
        responses.retain(|r| r.link_id != "r3");
        // d mentioned it, but 181 days ago.
        assert!(suggestions(now(), &responses, &[], &accounts, &[]).is_empty());
    }

    #[test]
    fn the_team_counts_for_causes_and_handled_topics_stay_away() {
        let (responses, accounts) = portfolio();
        let note = |id: &str, account: &str| TeamNoteFact {
            id: id.into(),
            account_id: account.into(),
            author_name: "Mia".into(),
            at: days_ago(5),
            causes: vec![ChurnCause::VoiceLost],
            text: "They feel unheard".into(),
        };
        let notes = vec![note("n1", "a"), note("n2", "b"), note("n3", "d")];
        let found = suggestions(now(), &responses, &notes, &accounts, &[]);
        let cause = found
            .iter()
            .find(|s| s.topic == Topic::cause(ChurnCause::VoiceLost))
            .expect("three accounts' team named it");
        assert_eq!((cause.customer_mentions, cause.team_mentions), (0, 3));
        assert_eq!(cause.revenue_at_risk_eur, 70_500);
        // No answer mentions it: the NPS is the same without.
        assert_eq!(cause.nps_impact, Some(0.0));
        assert_eq!(cause.quotes.len(), 3);
        // Ranked by revenue at risk: the theme's 73 000 before the cause's 70 500.
        assert_eq!(found[0].topic, Topic::theme("responsiveness"));
        let handled = [Topic::theme("responsiveness")];
        let found = suggestions(now(), &responses, &notes, &accounts, &handled);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].topic, Topic::cause(ChurnCause::VoiceLost));
    }

    #[test]
    fn statuses_move_forward_one_step_or_drop() {
        use InitiativeStatus::*;
        assert!(Proposed.can_become(Planned));
        assert!(Planned.can_become(InProgress));
        assert!(InProgress.can_become(Done));
        assert!(!Proposed.can_become(Done));
        assert!(!Planned.can_become(Proposed));
        assert!(Planned.can_become(Dropped));
        assert!(!Done.can_become(Dropped));
        assert!(!Dropped.can_become(Proposed));
        assert!(!Proposed.can_become(Proposed));
    }

    #[test]
    fn topics_round_trip_through_their_code() {
        let topic = Topic::cause(ChurnCause::VoiceLost);
        assert_eq!(topic.code(), "cause:voice_lost");
        assert_eq!(Topic::from_code("cause:voice_lost"), Some(topic));
        assert_eq!(Topic::from_code("theme:speed"), Some(Topic::theme("speed")));
        assert_eq!(Topic::from_code("speed"), None);
        assert_eq!(Topic::from_code("mood:speed"), None);
    }

    fn input() -> InitiativeInput {
        InitiativeInput {
            title: " Answer within a day ".into(),
            description: String::new(),
            owner: Some(" ".into()),
            topics: vec![Topic::theme("speed"), Topic::theme("speed")],
            accounts: vec![],
            answers: vec![],
            counter_feedback: vec![],
            cases: vec![],
            points: vec![],
            check_days: CHECK_DEFAULT_DAYS,
        }
    }

    #[test]
    fn input_rules() {
        let themes = vec!["speed".to_string()];
        let ok = input().normalised();
        assert_eq!(ok.title, "Answer within a day");
        assert_eq!(ok.owner, None);
        assert_eq!(ok.topics.len(), 1);
        assert_eq!(ok.check(&themes), Ok(()));
        let field = |i: InitiativeInput| i.normalised().check(&themes).unwrap_err().field;
        assert_eq!(
            field(InitiativeInput {
                title: "  ".into(),
                ..input()
            }),
            "title"
        );
        assert_eq!(
            field(InitiativeInput {
                topics: vec![Topic::theme("weather")],
                ..input()
            }),
            "topics"
        );
        assert_eq!(
            field(InitiativeInput {
                topics: vec![Topic {
                    kind: TopicKind::Cause,
                    key: "bad_luck".into()
                }],
                ..input()
            }),
            "topics"
        );
        assert_eq!(
            field(InitiativeInput {
                check_days: 7,
                ..input()
            }),
            "check_days"
        );
        assert_eq!(
            field(InitiativeInput {
                check_days: 366,
                ..input()
            }),
            "check_days"
        );
    }

    /// `n` answers ending `days` after `done` (negative: before), each with NPS
    /// `score`, the first `slow` of them mentioning the theme.
    fn answers(done: DateTime<Utc>, days: i64, n: usize, slow_ones: usize, score: u8) -> Vec<ResponseFact> {
        (0..n)
            .map(|i| {
                let comments = if i < slow_ones { slow(-0.5) } else { vec![] };
                response(
                    &format!("{days}-{i}"),
                    "a",
                    done + Duration::days(days),
                    Some(score),
                    comments,
                )
            })
            .collect()
    }

    #[test]
    fn the_check_with_enough_answers_says_worked_with_its_numbers() {
        let done = days_ago(100);
        let topics = [Topic::theme("responsiveness")];
        // Before: 6 answers, 3 mention it (50 %), all 6 passives (NPS 0).
        // After: 5 answers, 1 mentions it (20 %), all promoters (NPS 100).
        let mut responses = answers(done, -10, 6, 3, 8);
        responses.extend(answers(done, 10, 5, 1, 9));
        // Outside either window.
        responses.extend(answers(done, -95, 4, 4, 0));
        let check = check(done, 90, now(), &responses, &topics);
        assert_eq!((check.before.answers, check.before.mentioning), (6, 3));
        assert_eq!(check.before.share, Some(50.0));
        assert_eq!(check.before.nps, Some(0.0));
        assert_eq!((check.after.answers, check.after.mentioning), (5, 1));
        assert_eq!(check.after.share, Some(20.0));
        assert_eq!(check.after.nps, Some(100.0));
        assert_eq!(check.verdict, Verdict::Worked);
    }

    #[test]
    fn the_check_says_no_change_too_little_data_or_waiting() {
        let done = days_ago(100);
        let topics = [Topic::theme("responsiveness")];
        let mut same = answers(done, -10, 5, 2, 8);
        same.extend(answers(done, 10, 5, 2, 8));
        assert_eq!(check(done, 90, now(), &same, &topics).verdict, Verdict::NoChange);
        // Share down 40 points, but NPS down 100: not worked.
        let mut mixed = answers(done, -10, 5, 3, 10);
        mixed.extend(answers(done, 10, 5, 1, 0));
        assert_eq!(check(done, 90, now(), &mixed, &topics).verdict, Verdict::NoChange);
        let mut few = answers(done, -10, 5, 5, 0);
        few.extend(answers(done, 10, 4, 0, 10));
        let too_few = check(done, 90, now(), &few, &topics);
        assert_eq!(too_few.verdict, Verdict::TooLittleData);
        assert_eq!(too_few.after.answers, 4);
        // The same answers while the window after still runs: waiting.
        assert_eq!(check(done, 120, now(), &same, &topics).verdict, Verdict::Waiting);
    }
}
