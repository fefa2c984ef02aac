//! The combined account view: what the customer says beside how the team reads it,
//! where the two disagree, how it developed, and what to do next.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::account::PersonRef;
use crate::case::{CaseSummary, PastCase};
use crate::churn::ChurnCause;
use crate::counterfeedback::{ActionStatus, ActionView, ChurnRisk, CounterFeedbackView};
use crate::evidence::{Month, Scores, SignalValues};
use crate::health::{self, AccountHealthView, HealthInputs};
use crate::message::MessageView;
use crate::survey::{Localized, ResponseView};
use crate::topics::TopicReplyView;

api_type! {
    /// A customer's answer with the team's counter-feedback on it, or counter-feedback
    /// given on the team's own initiative (no response).
    pub struct TimelineEntry {
        pub at: DateTime<Utc>,
        /// `2026-05`: the month the entry belongs to.
        pub month: String,
        pub response: Option<ResponseView>,
        pub counter_feedback: Vec<CounterFeedbackView>,
        /// The customer's view minus the team's on this answer (0–100 scale).
        pub gap: Option<f64>,
        /// The customer is much happier than the team thinks is warranted.
        pub gap_flagged: bool,
        /// A closed case of the account, placed at its closing.
        pub case: Option<PastCase>,
        /// A customer message (email, call, meeting note, …) placed when it came in.
        pub message: Option<MessageView>,
        /// A topic owner's reply to something said here, placed when it was written.
        pub reply: Option<TopicReplyView>,
    }
}

fn team_inputs(feedback: &[&CounterFeedbackView]) -> (Vec<u32>, Option<ChurnRisk>) {
    let health = feedback.iter().map(|f| u32::from(f.health)).collect();
    let risk = feedback.iter().max_by_key(|f| f.created_at).map(|f| f.churn_risk);
    (health, risk)
}

/// Pairs each response with the counter-feedback given on it, newest first.
pub fn timeline(responses: Vec<ResponseView>, feedback: Vec<CounterFeedbackView>) -> Vec<TimelineEntry> {
    let (on_responses, own): (Vec<CounterFeedbackView>, Vec<CounterFeedbackView>) =
        feedback.into_iter().partition(|f| {
            f.response
                .as_ref()
                .is_some_and(|id| responses.iter().any(|r| &r.link_id == id))
        });
    let mut entries: Vec<TimelineEntry> = responses
        .into_iter()
        .map(|response| {
            let mut paired: Vec<CounterFeedbackView> = on_responses
                .iter()
                .filter(|f| f.response.as_deref() == Some(response.link_id.as_str()))
                .cloned()
                .collect();
            paired.sort_by_key(|f| f.created_at);
            let (team_health, team_risk) = team_inputs(&paired.iter().collect::<Vec<_>>());
            let inputs = HealthInputs {
                team_health,
                team_risk,
                ..Scores::of(&response.questions, &response.answers).inputs()
            };
            let gap = health::gap(&inputs);
            TimelineEntry {
                at: response.answered_at,
                month: Month::of(response.answered_at).label(),
                response: Some(response),
                counter_feedback: paired,
                gap,
                gap_flagged: health::gap_flagged(gap),
                case: None,
                message: None,
                reply: None,
            }
        })
        .collect();
    entries.extend(own.into_iter().map(|f| TimelineEntry {
        at: f.created_at,
        month: Month::of(f.created_at).label(),
        response: None,
        counter_feedback: vec![f],
        gap: None,
        gap_flagged: false,
        case: None,
        message: None,
        reply: None,
    }));
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    entries
}

/// Places the account's messages in its timeline, each when it came in, newest
/// first with the rest.
pub fn add_messages(entries: &mut Vec<TimelineEntry>, messages: Vec<MessageView>) {
    entries.extend(messages.into_iter().map(|message| TimelineEntry {
        at: message.received_at,
        month: Month::of(message.received_at).label(),
        response: None,
        counter_feedback: Vec::new(),
        gap: None,
        gap_flagged: false,
        case: None,
        message: Some(message),
        reply: None,
    }));
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
}

/// Places topic owners' replies in the timeline, each when it was written.
pub fn add_replies(entries: &mut Vec<TimelineEntry>, replies: Vec<TopicReplyView>) {
    entries.extend(replies.into_iter().map(|reply| TimelineEntry {
        at: reply.at,
        month: Month::of(reply.at).label(),
        response: None,
        counter_feedback: Vec::new(),
        gap: None,
        gap_flagged: false,
        case: None,
        message: None,
        reply: Some(reply),
    }));
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
}

/// Places the account's closed cases in its timeline, each at its closing, newest
/// first with the rest.
pub fn add_past_cases(entries: &mut Vec<TimelineEntry>, cases: Vec<PastCase>) {
    entries.extend(cases.into_iter().filter_map(|case| {
        let at = case.summary.closed_at?;
        Some(TimelineEntry {
            at,
            month: Month::of(at).label(),
            response: None,
            counter_feedback: Vec::new(),
            gap: None,
            gap_flagged: false,
            case: Some(case),
            message: None,
            reply: None,
        })
    }));
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
}

api_type! {
    pub struct LabelCount {
        pub key: String,
        pub count: u32,
    }
}

api_type! {
    pub struct CauseCount {
        pub cause: ChurnCause,
        /// Answers whose words showed the cause.
        pub customer: u32,
        /// Counter-feedback that named it.
        pub team: u32,
    }
}

api_type! {
    /// Themes and churn causes of one quarter.
    pub struct PeriodLabels {
        /// `2026-Q2`.
        pub period: String,
        /// Theme keys, most mentioned first.
        pub themes: Vec<LabelCount>,
        pub causes: Vec<CauseCount>,
    }
}

/// Themes (from the analysis of answers) and churn causes (the customer's words and the
/// team's judgement) quarter by quarter, oldest first; quarters with neither are left out.
pub fn labels_over_time(responses: &[ResponseView], feedback: &[CounterFeedbackView]) -> Vec<PeriodLabels> {
    let mut periods: Vec<PeriodLabels> = Vec::new();
    fn period(periods: &mut Vec<PeriodLabels>, at: DateTime<Utc>) -> &mut PeriodLabels {
        let label = Month::of(at).quarter_label();
        let index = match periods.iter().position(|p| p.period == label) {
            Some(i) => i,
            None => {
                periods.push(PeriodLabels {
                    period: label,
                    themes: vec![],
                    causes: vec![],
                });
                periods.len() - 1
            }
        };
        &mut periods[index]
    }
    fn cause(causes: &mut Vec<CauseCount>, cause: ChurnCause) -> &mut CauseCount {
        let index = match causes.iter().position(|c| c.cause == cause) {
            Some(i) => i,
            None => {
                causes.push(CauseCount {
                    cause,
                    customer: 0,
                    team: 0,
                });
                causes.len() - 1
            }
        };
        &mut causes[index]
    }
    for response in responses {
        let labels = period(&mut periods, response.answered_at);
        let mut themes: Vec<&str> = response
            .analysis
            .iter()
            .flat_map(|a| a.analysis.themes.iter().map(|t| t.key.as_str()))
            .collect();
        themes.sort_unstable();
        themes.dedup();
        for key in themes {
            match labels.themes.iter_mut().find(|t| t.key == key) {
                Some(theme) => theme.count += 1,
                None => labels.themes.push(LabelCount {
                    key: key.to_string(),
                    count: 1,
                }),
            }
        }
        let mut causes: Vec<ChurnCause> = response
            .analysis
            .iter()
            .flat_map(|a| a.analysis.churn_causes.iter().map(|c| c.cause))
            .collect();
        causes.sort_by_key(|c| c.code());
        causes.dedup();
        for c in causes {
            cause(&mut labels.causes, c).customer += 1;
        }
    }
    for given in feedback {
        let labels = period(&mut periods, given.created_at);
        for &c in &given.churn_causes {
            cause(&mut labels.causes, c).team += 1;
        }
    }
    periods.retain(|p| !p.themes.is_empty() || !p.causes.is_empty());
    for p in &mut periods {
        p.themes
            .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
        p.causes.sort_by_key(|c| std::cmp::Reverse(c.customer + c.team));
    }
    periods.sort_by(|a, b| a.period.cmp(&b.period));
    periods
}

api_type! {
    /// A development point a customer raised, verbatim, and the action made of it.
    pub struct DevelopmentPoint {
        pub link_id: String,
        pub text: String,
        pub contact_name: String,
        pub at: DateTime<Utc>,
        /// The response was a detractor's (NPS 0–6) or showed a churn cause.
        pub risky: bool,
        /// The action made of it, if any.
        pub action: Option<String>,
    }
}

/// The development points of the responses, newest first, each with the action made of
/// it (an action whose source is the same response and text).
pub fn development_points(responses: &[ResponseView], actions: &[ActionView]) -> Vec<DevelopmentPoint> {
    let mut points: Vec<DevelopmentPoint> = responses
        .iter()
        .flat_map(|response| {
            let scores = Scores::of(&response.questions, &response.answers);
            let risky = scores.nps.is_some_and(|n| n <= 6)
                || response.analysis.iter().any(|a| !a.analysis.churn_causes.is_empty());
            response.analysis.iter().flat_map(move |a| {
                a.analysis.development_points.iter().map(move |text| DevelopmentPoint {
                    link_id: response.link_id.clone(),
                    text: text.clone(),
                    contact_name: response.contact_name.clone(),
                    at: response.answered_at,
                    risky,
                    action: actions
                        .iter()
                        .find(|action| {
                            action
                                .source
                                .as_ref()
                                .is_some_and(|s| s.link_id == response.link_id && s.point == *text)
                        })
                        .map(|action| action.id.clone()),
                })
            })
        })
        .collect();
    points.sort_by_key(|p| std::cmp::Reverse(p.at));
    points
}

api_enum! {
    /// Why an item is among the next steps.
    pub enum NextStepKind {
        /// An action past its due date.
        OverdueAction,
        /// An action due within a week.
        ActionDueSoon,
        OpenAction,
        /// A point from a detractor or an answer showing a churn cause, with no action yet.
        RiskyPoint,
        /// A point with no action yet.
        OpenPoint,
    }
}

api_type! {
    pub struct NextStep {
        pub kind: NextStepKind,
        pub text: String,
        /// When the item arose.
        pub since: DateTime<Utc>,
        pub due: Option<NaiveDate>,
        pub owner: Option<PersonRef>,
        /// The action, for action items.
        pub action: Option<String>,
        /// The response, for development points.
        pub link_id: Option<String>,
        /// Severity plus age: higher comes first.
        pub priority: f64,
    }
}

/// How many items "what to do next" shows.
pub const NEXT_STEPS: usize = 3;
/// Age adds this much priority per week, up to [`AGE_PRIORITY_MAX`]: old items rise,
/// but never above a more severe one that is merely new.
pub const AGE_PRIORITY_PER_WEEK: f64 = 0.25;
pub const AGE_PRIORITY_MAX: f64 = 1.0;

impl NextStepKind {
    /// A broken promise first, then a worried customer nobody answered yet, then
    /// deadlines coming up, then the rest.
    pub fn severity(self) -> f64 {
        match self {
            NextStepKind::OverdueAction => 4.0,
            NextStepKind::RiskyPoint => 3.0,
            NextStepKind::ActionDueSoon => 2.0,
            NextStepKind::OpenPoint => 1.5,
            NextStepKind::OpenAction => 1.0,
        }
    }
}

/// The top [`NEXT_STEPS`] open items ranked by risk and age: open actions and the
/// development points no action was made of. `today` is the organisation's date (its
/// time zone's), so an action is overdue here exactly when `/overdue` says so.
pub fn next_steps(
    points: &[DevelopmentPoint],
    actions: &[ActionView],
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Vec<NextStep> {
    let age = |since: DateTime<Utc>| {
        let weeks = (now - since).num_days().max(0) as f64 / 7.0;
        (weeks * AGE_PRIORITY_PER_WEEK).min(AGE_PRIORITY_MAX)
    };
    let mut steps: Vec<NextStep> = actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .map(|a| {
            let kind = match a.due {
                Some(due) if due < today => NextStepKind::OverdueAction,
                Some(due) if (due - today).num_days() <= 7 => NextStepKind::ActionDueSoon,
                _ => NextStepKind::OpenAction,
            };
            NextStep {
                kind,
                text: a.text.clone(),
                since: a.created_at,
                due: a.due,
                owner: a.owner.clone(),
                action: Some(a.id.clone()),
                link_id: None,
                priority: kind.severity() + age(a.created_at),
            }
        })
        .collect();
    steps.extend(points.iter().filter(|p| p.action.is_none()).map(|p| {
        let kind = if p.risky {
            NextStepKind::RiskyPoint
        } else {
            NextStepKind::OpenPoint
        };
        NextStep {
            kind,
            text: p.text.clone(),
            since: p.at,
            due: None,
            owner: None,
            action: None,
            link_id: Some(p.link_id.clone()),
            priority: kind.severity() + age(p.at),
        }
    }));
    steps.sort_by(|a, b| b.priority.total_cmp(&a.priority).then(a.since.cmp(&b.since)));
    steps.truncate(NEXT_STEPS);
    steps
}

api_type! {
    /// One aspect: how much it matters to the customer and how the firm does, 1–5.
    pub struct ExpectationPoint {
        pub aspect: String,
        pub label: Localized,
        pub expected: Option<f64>,
        pub fulfilled: Option<f64>,
    }
}

api_type! {
    pub struct MonthPoint {
        /// `2026-05`.
        pub month: String,
        pub values: SignalValues,
        /// Responses that arrived in the month.
        pub responses: u32,
        /// The NPS answers the month's NPS rests on: those of the window before its end.
        #[serde(default)]
        pub nps_respondents: u32,
        /// The customer's view at the month's end, 0–100 (see [`crate::health::views`]).
        #[serde(default)]
        pub customer_view: Option<f64>,
        /// The team's view at the month's end, on the same scale.
        #[serde(default)]
        pub team_view: Option<f64>,
    }
}

/// How many timeline entries one answer carries: an account with thousands of
/// answers would otherwise send megabytes nobody scrolls through. Older ones come a
/// page at a time (`GET /accounts/{id}/timeline`).
pub const TIMELINE_PAGE: usize = 50;

/// Which of the timeline's entries to send.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineQuery {
    /// Only those older than this (the last entry of the page before).
    pub before: Option<DateTime<Utc>>,
    /// Only those of this month (`2026-05`).
    pub month: Option<String>,
    /// Only answers with a label the analysis is unsure of, for the team to check.
    pub uncertain_only: bool,
}

impl TimelineQuery {
    fn wants(&self, entry: &TimelineEntry) -> bool {
        self.before.is_none_or(|before| entry.at < before)
            && self.month.as_ref().is_none_or(|month| &entry.month == month)
            && (!self.uncertain_only || entry.response.as_ref().is_some_and(|r| r.has_uncertain_analysis()))
    }
}

api_type! {
    /// `GET /accounts/{id}/timeline`: a page of the account's timeline, newest first.
    pub struct TimelinePage {
        pub entries: Vec<TimelineEntry>,
        /// Older entries that match are left for the next page.
        pub more: bool,
    }
}

/// The page of `entries` (newest first) that `query` asks for: at most
/// [`TIMELINE_PAGE`], except that entries at the same instant as the page's last stay
/// together, so the next page (`before` that instant) misses none of them.
pub fn page(entries: Vec<TimelineEntry>, query: &TimelineQuery) -> TimelinePage {
    let mut wanted = entries.into_iter().filter(|entry| query.wants(entry));
    let mut page: Vec<TimelineEntry> = wanted.by_ref().take(TIMELINE_PAGE).collect();
    let mut rest = wanted.peekable();
    if let Some(last) = page.last().map(|entry| entry.at) {
        while let Some(entry) = rest.next_if(|entry| entry.at == last) {
            page.push(entry);
        }
    }
    TimelinePage {
        entries: page,
        more: rest.peek().is_some(),
    }
}

api_type! {
    /// `GET /accounts/{id}/overview`: the combined account view.
    pub struct AccountOverview {
        pub health: AccountHealthView,
        /// The last 24 months, oldest first, each as it stood at its end.
        pub months: Vec<MonthPoint>,
        /// The newest [`TIMELINE_PAGE`] entries of the timeline.
        pub timeline: Vec<TimelineEntry>,
        /// The timeline has older entries than these.
        #[serde(default)]
        pub timeline_more: bool,
        pub labels_over_time: Vec<PeriodLabels>,
        pub expectations: Vec<ExpectationPoint>,
        pub development_points: Vec<DevelopmentPoint>,
        pub next_steps: Vec<NextStep>,
        /// The account's open case, shown on top.
        pub open_case: Option<CaseSummary>,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::Lang;
    use crate::analysis::{CauseLabel, CommentAnalysis, Polarity, Sentiment, ThemeLabel};
    use crate::counterfeedback::ActionSource;
    use crate::survey::{Answer, AnswerAnalysis, Question, QuestionKind};

    fn day(d: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap() + Duration::days(d)
    }

    fn person() -> PersonRef {
        PersonRef {
            id: "u1".into(),
            name: "Mia".into(),
        }
    }

    fn question(id: &str, kind: QuestionKind) -> Question {
        Question {
            id: id.into(),
            kind,
            required: false,
            text: Localized::new(id, id),
            options: vec![],
            scale_ends: None,
        }
    }

    fn analysis(themes: &[&str], causes: &[ChurnCause], points: &[&str]) -> AnswerAnalysis {
        AnswerAnalysis {
            question_id: "comment".into(),
            analysis: CommentAnalysis {
                lang: Lang::En,
                sentiment: Sentiment {
                    polarity: Polarity::Neutral,
                    score: 0.0,
                    evidence: vec![],
                    learned: false,
                    confidence: 0.5,
                },
                themes: themes
                    .iter()
                    .map(|k| ThemeLabel {
                        key: k.to_string(),
                        evidence: vec![],
                        learned: false,
                        confidence: 0.7,
                    })
                    .collect(),
                churn_causes: causes
                    .iter()
                    .map(|&cause| CauseLabel {
                        cause,
                        evidence: vec![],
                        learned: false,
                        confidence: 0.6,
                    })
                    .collect(),
                upsell: vec![],
                upsell_confidence: 0.0,
                development_points: points.iter().map(|p| p.to_string()).collect(),
            },
        }
    }

    fn response(link: &str, at: i64, nps: i32, analysis: Vec<AnswerAnalysis>) -> ResponseView {
        ResponseView {
            link_id: link.into(),
            round_id: "r".into(),
            contact_name: "Sanna".into(),
            contact_title: String::new(),
            language: Lang::Fi,
            answered_at: day(at),
            questions: vec![
                question("nps", QuestionKind::Nps),
                question("quality", QuestionKind::Rating),
                question("comment", QuestionKind::Text),
            ],
            answers: vec![
                Answer {
                    question_id: "nps".into(),
                    score: Some(nps),
                    choice: None,
                    text: None,
                },
                Answer {
                    question_id: "quality".into(),
                    score: Some(5),
                    choice: None,
                    text: None,
                },
            ],
            analysis,
            proposals: vec![],
        }
    }

    fn feedback(id: &str, on: Option<&str>, at: i64, risk: ChurnRisk, causes: &[ChurnCause]) -> CounterFeedbackView {
        CounterFeedbackView {
            id: id.into(),
            account: "a".into(),
            request: None,
            response: on.map(String::from),
            author: person(),
            health: 2,
            churn_risk: risk,
            churn_causes: causes.to_vec(),
            behind_the_scenes: String::new(),
            changes: vec![],
            further_needs: String::new(),
            notes: String::new(),
            fulfilment: vec![],
            created_at: day(at),
        }
    }

    fn action(id: &str, due: Option<i64>, created: i64, source: Option<(&str, &str)>) -> ActionView {
        ActionView {
            id: id.into(),
            account: "a".into(),
            text: format!("action {id}"),
            owner: Some(person()),
            due: due.map(|d| day(d).date_naive()),
            status: ActionStatus::Open,
            revision: 1,
            created_by: person(),
            created_at: day(created),
            updated_at: day(created),
            source: source.map(|(link_id, point)| ActionSource {
                link_id: link_id.into(),
                point: point.into(),
            }),
        }
    }

    #[test]
    fn a_happy_customer_beside_a_worried_team_is_flagged() {
        let entries = timeline(
            vec![response("l1", 0, 9, vec![]), response("l2", 40, 10, vec![])],
            vec![
                feedback("f1", Some("l1"), 2, ChurnRisk::High, &[ChurnCause::VoiceLost]),
                feedback("f2", None, 20, ChurnRisk::Low, &[]),
            ],
        );
        let kinds: Vec<(Option<&str>, usize)> = entries
            .iter()
            .map(|e| {
                (
                    e.response.as_ref().map(|r| r.link_id.as_str()),
                    e.counter_feedback.len(),
                )
            })
            .collect();
        assert_eq!(kinds, [(Some("l2"), 0), (None, 1), (Some("l1"), 1)]);
        let paired = &entries[2];
        assert!(paired.gap_flagged, "{:?}", paired.gap);
        assert_eq!(paired.month, "2026-03");
        // No counter-feedback: nothing to compare.
        assert_eq!((entries[0].gap, entries[0].gap_flagged), (None, false));
    }

    #[test]
    fn the_timeline_comes_a_page_at_a_time_and_the_pages_together_are_all_of_it() {
        // 130 answers a day apart (two of them at one instant), every third unsure.
        let responses: Vec<ResponseView> = (0..130)
            .map(|i| {
                let analysis = if i % 3 == 0 {
                    vec![analysis(&["quality"], &[], &[])]
                } else {
                    vec![]
                };
                response(&format!("l{i}"), if i == 80 { 79 } else { i }, 9, analysis)
            })
            .collect();
        assert!(responses[0].has_uncertain_analysis() && !responses[1].has_uncertain_analysis());
        let all = timeline(responses, vec![]);
        let mut query = TimelineQuery::default();
        let mut seen = Vec::new();
        loop {
            let page = page(all.clone(), &query);
            assert!(page.entries.len() <= TIMELINE_PAGE + 1, "{}", page.entries.len());
            seen.extend(page.entries.iter().map(|e| e.at));
            if !page.more {
                break;
            }
            query.before = page.entries.last().map(|e| e.at);
        }
        assert_eq!(
            seen,
            all.iter().map(|e| e.at).collect::<Vec<_>>(),
            "every entry once, in order"
        );

        let unsure = page(
            all.clone(),
            &TimelineQuery {
                uncertain_only: true,
                ..TimelineQuery::default()
            },
        );
        assert_eq!((unsure.entries.len(), unsure.more), (44, false));
        assert!(
            unsure
                .entries
                .iter()
                .all(|e| e.response.as_ref().is_some_and(|r| r.has_uncertain_analysis()))
        );

        let march = page(
            all.clone(),
            &TimelineQuery {
                month: Some("2026-03".into()),
                ..TimelineQuery::default()
            },
        );
        assert_eq!(march.entries.len(), 31);
        assert!(!march.more);
        assert!(march.entries.iter().all(|e| e.month == "2026-03"));
    }

    fn past_case(id: &str, closed: Option<i64>) -> PastCase {
        use crate::case::{CaseStatus, Severity};
        PastCase {
            summary: CaseSummary {
                id: id.into(),
                account: person(),
                owner: person(),
                status: if closed.is_some() {
                    CaseStatus::Closed
                } else {
                    CaseStatus::Open
                },
                severity: Severity::Medium,
                revenue_at_risk_eur: 0,
                opened_at: day(0),
                closed_at: closed.map(day),
                trigger_kinds: vec![],
                next_deadline: None,
                overdue: false,
            },
            root_cause: None,
            resolution: "Reports every Friday.".into(),
            repulse: None,
        }
    }

    #[test]
    fn past_cases_stand_in_the_timeline_at_their_closing() {
        let mut entries = timeline(
            vec![response("l1", 0, 3, vec![]), response("l2", 40, 9, vec![])],
            vec![],
        );
        add_past_cases(&mut entries, vec![past_case("c1", Some(20)), past_case("c2", None)]);
        let order: Vec<String> = entries
            .iter()
            .map(|e| match (&e.response, &e.case) {
                (Some(r), _) => r.link_id.clone(),
                (None, Some(c)) => c.summary.id.clone(),
                _ => String::new(),
            })
            .collect();
        // A case still open is not a past one.
        assert_eq!(order, ["l2", "c1", "l1"]);
        assert_eq!(entries[1].at, day(20));
        assert_eq!(entries[1].month, "2026-03");
    }

    #[test]
    fn labels_are_counted_per_quarter_from_both_sides() {
        let responses = [
            response(
                "l1",
                0,
                5,
                vec![analysis(&["communication", "quality"], &[ChurnCause::VoiceLost], &[])],
            ),
            response("l2", 5, 7, vec![analysis(&["communication"], &[], &[])]),
            response("l3", 100, 9, vec![analysis(&["value"], &[], &[])]),
        ];
        let given = [feedback(
            "f1",
            None,
            3,
            ChurnRisk::High,
            &[ChurnCause::VoiceLost, ChurnCause::NeedsChanged],
        )];
        let periods = labels_over_time(&responses, &given);
        assert_eq!(periods.len(), 2);
        assert_eq!(periods[0].period, "2026-Q1");
        assert_eq!(
            periods[0].themes,
            [
                LabelCount {
                    key: "communication".into(),
                    count: 2
                },
                LabelCount {
                    key: "quality".into(),
                    count: 1
                }
            ]
        );
        assert_eq!(
            periods[0].causes[0],
            CauseCount {
                cause: ChurnCause::VoiceLost,
                customer: 1,
                team: 1
            }
        );
        assert_eq!(periods[1].period, "2026-Q2");
    }

    #[test]
    fn next_steps_rank_broken_promises_and_worried_customers_first() {
        let responses = [
            response("calm", 10, 9, vec![analysis(&[], &[], &["Send the report earlier."])]),
            response(
                "worried",
                12,
                4,
                vec![analysis(&[], &[], &["Answer our emails.", "Fix the invoices."])],
            ),
        ];
        let actions = [
            action("late", Some(14), 1, None),
            action("soon", Some(22), 15, None),
            action("later", None, 15, None),
            action("invoices", None, 13, Some(("worried", "Fix the invoices."))),
        ];
        let points = development_points(&responses, &actions);
        assert_eq!(points.len(), 3);
        assert_eq!(points.iter().filter(|p| p.action.is_some()).count(), 1);
        assert!(points.iter().all(|p| p.risky == (p.link_id == "worried")));
        let steps = next_steps(&points, &actions, day(20), day(20).date_naive());
        let kinds: Vec<NextStepKind> = steps.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                NextStepKind::OverdueAction,
                NextStepKind::RiskyPoint,
                NextStepKind::ActionDueSoon
            ]
        );
        assert_eq!(steps[1].text, "Answer our emails.");
        // Done actions and addressed points are not next steps.
        let mut done = actions.to_vec();
        for a in &mut done {
            a.status = ActionStatus::Done;
        }
        let steps = next_steps(&points, &done, day(20), day(20).date_naive());
        assert_eq!(steps.len(), 2);
        // Age lifts an old item over a newer one of the same kind, never over a worse one.
        let old = next_steps(&points, &done, day(400), day(400).date_naive());
        assert_eq!(old[0].kind, NextStepKind::RiskyPoint);
        assert!(old[1].priority < NextStepKind::RiskyPoint.severity() + AGE_PRIORITY_MAX);
    }
}
