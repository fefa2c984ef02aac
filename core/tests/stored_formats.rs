//! The JSON the server stores of core types, held to samples saved by this version
//! (`data/stored/*.json`): each must keep decoding to the same value and encode back
//! to the same bytes. A field added later must read old data, so a stored field with
//! a right default is one an old sample may lack; a field a newer version wrote is
//! ignored; a required one missing is an error (the server then reports the record,
//! never a default).

use chrono::NaiveDate;
use kaiku_core::Stage;
use kaiku_core::analysis::{CauseLabel, CommentAnalysis, CorrectionKind, Polarity, Sentiment, ThemeDef, ThemeLabel};
use kaiku_core::api::SessionView;
use kaiku_core::case::{RootCause, Step, StepInput};
use kaiku_core::churn::ChurnCause;
use kaiku_core::cycle::{ContactChoice, CycleDefault, CycleRule, ScheduleSettings, Weekday};
use kaiku_core::health::{BandProbabilities, ProbabilitySource, Weights};
use kaiku_core::lang::Lang;
use kaiku_core::language_model::{AnswerProposal, ProposalStatus, ProposedLabel};
use kaiku_core::message::{MessageInput, MessageSource};
use kaiku_core::outcome::{AccountSnapshot, OutcomeInput, OutcomeKind};
use kaiku_core::survey::{
    Answer, AnswerAnalysis, Localized, Question, QuestionKind, ScaleEnds, TemplatePurpose, TemplateView,
};
use kaiku_core::sync::{Mutation, Outbox};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn sample(name: &str) -> String {
    let path = format!("{}/tests/data/stored/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .trim_end()
        .to_string()
}

/// The sample, saved by an earlier version, still decodes to `expected`.
fn decodes<T: DeserializeOwned + PartialEq + std::fmt::Debug>(name: &str, expected: T) {
    let decoded: T = serde_json::from_str(&sample(name)).unwrap_or_else(|e| panic!("{name} no longer decodes: {e}"));
    assert_eq!(decoded, expected, "{name} decodes to another value");
}

/// The sample decodes to `expected`, and `expected` is stored as exactly the sample.
fn holds<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(name: &str, expected: T) {
    let text = sample(name);
    let decoded: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} no longer decodes: {e}"));
    assert_eq!(decoded, expected, "{name} decodes to another value");
    assert_eq!(
        serde_json::to_string(&expected).unwrap(),
        text,
        "{name} is stored differently now"
    );
}

/// `json` with `key` taken out of the object at `path` (a JSON pointer).
fn without(json: &str, path: &str, key: &str) -> String {
    let mut value: Value = serde_json::from_str(json).unwrap();
    let object = value
        .pointer_mut(path)
        .and_then(Value::as_object_mut)
        .expect("an object");
    assert!(object.remove(key).is_some(), "{path}/{key} is in the sample");
    value.to_string()
}

fn rule_sample() -> CycleRule {
    CycleRule {
        every_months: Some(6),
        weekday: Weekday::Mon,
        at_project_end: false,
        days_after_end: None,
        contacts: ContactChoice::Chosen,
        chosen_contacts: vec!["3f9c2a".into(), "b71e04".into()],
        template_id: "relationship".into(),
        deadline_days: 21,
    }
}

/// One analysed comment, its sentiment, theme and churn cause at these confidences.
fn analysis_sample([sentiment, theme, cause]: [f64; 3]) -> Vec<AnswerAnalysis> {
    vec![AnswerAnalysis {
        question_id: "comment".into(),
        analysis: CommentAnalysis {
            lang: Lang::Fi,
            sentiment: Sentiment {
                polarity: Polarity::Negative,
                score: -0.4,
                evidence: vec!["myöhässä".into()],
                learned: false,
                confidence: sentiment,
            },
            themes: vec![ThemeLabel {
                key: "reporting".into(),
                evidence: vec!["raportit".into()],
                learned: false,
                confidence: theme,
            }],
            churn_causes: vec![CauseLabel {
                cause: ChurnCause::ComplaintHandling,
                evidence: vec!["myöhässä".into()],
                learned: true,
                confidence: cause,
            }],
            upsell: vec![],
            upsell_confidence: 0.0,
            development_points: vec!["raportit ovat myöhässä".into()],
        },
    }]
}

#[test]
fn schedule_settings_keep_their_format() {
    holds(
        "schedule_settings",
        ScheduleSettings {
            timezone: "Europe/Stockholm".into(),
            workday_start_hour: 9,
            workday_end_hour: 16,
            contact_gap_days: 45,
            account_gap_days: 21,
            first_reminder_days: 2,
            second_reminder_days: 6,
        },
    );
}

#[test]
fn cycle_rules_and_defaults_keep_their_format() {
    holds("cycle_rule", rule_sample());
    holds(
        "cycle_defaults",
        vec![
            CycleDefault {
                stage: Some(Stage::Onboarding),
                segment: None,
                rule: CycleRule {
                    every_months: None,
                    weekday: Weekday::Wed,
                    at_project_end: true,
                    days_after_end: Some(30),
                    contacts: ContactChoice::DecisionMakers,
                    chosen_contacts: Vec::new(),
                    template_id: "expectations".into(),
                    deadline_days: 10,
                },
            },
            CycleDefault {
                stage: None,
                segment: Some("Retail".into()),
                rule: CycleRule::default(),
            },
        ],
    );
}

#[test]
fn calibrated_band_probabilities_keep_their_format() {
    holds(
        "band_probabilities",
        BandProbabilities {
            source: ProbabilitySource::OwnOutcomes,
            outcomes: 53,
            low: 0.0625,
            medium: 0.2,
            high: 0.5,
            critical: 0.85,
        },
    );
}

#[test]
fn health_weights_keep_their_format() {
    holds(
        "health_weights",
        Weights {
            nps: 2.5,
            ratings: 1.0,
            team_health: 2.0,
            team_risk: 3.0,
            gap: 4.0,
            trend: 0.5,
            response_rate: 1.0,
            open_items: 0.0,
            expectation_gap: 1.5,
        },
    );
}

#[test]
fn themes_keep_their_format() {
    holds(
        "themes",
        vec![ThemeDef {
            key: "onboarding_speed".into(),
            name: Localized::new("Käyttöönoton nopeus", "Onboarding speed"),
            keywords: vec!["käyttöönotto".into(), "onboarding*".into(), "=setup".into()],
        }],
    );
}

#[test]
fn survey_templates_keep_their_format() {
    let question = |id: &str, kind, required, fi: &str, en: &str, options: Vec<Localized>| Question {
        id: id.into(),
        kind,
        required,
        text: Localized::new(fi, en),
        options,
        scale_ends: None,
    };
    // Saved before questions had their own scale ends: none, and none written back.
    holds(
        "template",
        TemplateView {
            id: "relationship".into(),
            purpose: TemplatePurpose::Relationship,
            name: Localized::new("Asiakassuhde", "Relationship"),
            intro: Localized::new("Kerro, miten olemme onnistuneet.", "Tell us how we are doing."),
            questions: vec![
                question(
                    "nps",
                    QuestionKind::Nps,
                    true,
                    "Suosittelisitko meitä?",
                    "Would you recommend us?",
                    vec![],
                ),
                question("quality", QuestionKind::Rating, false, "Laatu", "Quality", vec![]),
                question(
                    "channel",
                    QuestionKind::Choice,
                    false,
                    "Paras kanava",
                    "Best channel",
                    vec![
                        Localized::new("Sähköposti", "Email"),
                        Localized::new("Puhelin", "Phone"),
                    ],
                ),
                question(
                    "comment",
                    QuestionKind::Text,
                    false,
                    "Terveiset",
                    "Anything else",
                    vec![],
                ),
            ],
        },
    );
}

#[test]
fn scale_ends_keep_their_format_and_old_templates_get_their_purposes_defaults() {
    let rating = |id: &str, fi: &str, en: &str, scale_ends| Question {
        id: id.into(),
        kind: QuestionKind::Rating,
        required: true,
        text: Localized::new(fi, en),
        options: vec![],
        scale_ends,
    };
    let own = ScaleEnds {
        low: Localized::new("Ei tärkeää", "Not important"),
        high: Localized::new("Tärkeintä", "Most important"),
    };
    let stored = TemplateView {
        id: "expectations".into(),
        purpose: TemplatePurpose::Expectations,
        name: Localized::new("Odotukset", "Expectations"),
        intro: Localized::new("Mikä teille on tärkeää?", "What matters to you?"),
        questions: vec![
            rating(
                "importance_quality",
                "Kuinka tärkeää on laatu?",
                "How important is quality?",
                Some(own.clone()),
            ),
            rating(
                "importance_value",
                "Kuinka tärkeää on hinta-laatusuhde?",
                "How important is value for money?",
                None,
            ),
        ],
    };
    holds("template_with_scale_ends", stored.clone());

    // The question without its own ends asks how important, never how well.
    let shown = stored.with_scale_ends();
    assert_eq!(shown.questions[0].scale_ends, Some(own));
    let defaults = shown.questions[1].scale_ends.clone().expect("a rating has ends");
    assert_eq!(defaults.low.en, "Not important at all");
    assert_eq!(defaults.high.fi, "Erittäin tärkeää");
    // An old relationship template's rating keeps poor / excellent.
    let old: TemplateView = serde_json::from_str(&sample("template")).unwrap();
    let relationship = old.with_scale_ends();
    assert_eq!(relationship.questions[1].scale_ends.as_ref().unwrap().low.en, "Poor");
    assert_eq!(
        relationship.questions[0].scale_ends.as_ref().unwrap().high.en,
        "Extremely likely"
    );
    assert_eq!(relationship.questions[2].scale_ends, None, "a choice has no scale");
}

#[test]
fn the_teams_fulfilment_keeps_its_format() {
    use kaiku_core::counterfeedback::AspectRating;
    let rating = |aspect: &str, score| AspectRating {
        aspect: aspect.into(),
        score,
    };
    holds("team_fulfilment", vec![rating("communication", 2), rating("value", 4)]);
}

#[test]
fn answers_and_their_analysis_keep_their_format() {
    let answer = |id: &str, score, choice, text: Option<&str>| Answer {
        question_id: id.into(),
        score,
        choice,
        text: text.map(str::to_string),
    };
    holds(
        "answers",
        vec![
            answer("nps", Some(9), None, None),
            answer("channel", None, Some(1), None),
            answer(
                "comment",
                None,
                None,
                Some("Hyvää työtä, mutta raportit ovat myöhässä."),
            ),
        ],
    );
    // Saved before labels had a confidence: they read as 0 (unknown).
    decodes("analysis", analysis_sample([0.0, 0.0, 0.0]));
    holds("analysis_with_confidence", analysis_sample([0.7, 0.7, 0.9]));
}

/// Saved before `key` existed: every setting reads as its documented default.
fn each_setting_missing_reads_as_its_default<T>(name: &str)
where
    T: Serialize + DeserializeOwned + Default,
{
    let text = sample(name);
    let full: Value = serde_json::from_str(&text).unwrap();
    let defaults = serde_json::to_value(T::default()).unwrap();
    for key in full.as_object().unwrap().keys() {
        let old = without(&text, "", key);
        let read: T = serde_json::from_str(&old).unwrap_or_else(|e| panic!("{name} without {key}: {e}"));
        let read = serde_json::to_value(read).unwrap();
        for (field, value) in read.as_object().unwrap() {
            let expected = if field == key { &defaults[field] } else { &full[field] };
            assert_eq!(value, expected, "{name} without {key}: {field}");
        }
    }
}

#[test]
fn a_setting_added_later_reads_old_settings_with_its_default() {
    each_setting_missing_reads_as_its_default::<ScheduleSettings>("schedule_settings");
    each_setting_missing_reads_as_its_default::<Weights>("health_weights");
}

#[test]
fn optional_parts_of_rules_templates_and_analyses_read_when_missing() {
    let rule = sample("cycle_rule");
    let old: CycleRule =
        serde_json::from_str(&without(&without(&rule, "", "chosen_contacts"), "", "at_project_end")).unwrap();
    assert_eq!(
        old,
        CycleRule {
            chosen_contacts: Vec::new(),
            at_project_end: false,
            ..rule_sample()
        }
    );
    let old: CycleRule = serde_json::from_str(&without(&rule, "", "days_after_end")).unwrap();
    assert_eq!(old, rule_sample());

    let template: TemplateView =
        serde_json::from_str(&without(&sample("template"), "/questions/0", "options")).unwrap();
    assert!(template.questions[0].options.is_empty());

    let analysis = without(&sample("analysis"), "/0/analysis", "upsell");
    let analysis = without(&analysis, "/0/analysis/churn_causes/0", "learned");
    let read: Vec<AnswerAnalysis> = serde_json::from_str(&analysis).unwrap();
    assert!(read[0].analysis.upsell.is_empty());
    assert!(!read[0].analysis.churn_causes[0].learned);
}

/// A sample with a field a newer version added reads as the sample.
fn ignores_added_field<T: DeserializeOwned + PartialEq + std::fmt::Debug>(name: &str) {
    let text = sample(name);
    let mut newer: Value = serde_json::from_str(&text).unwrap();
    newer["added_later"] = Value::from(7);
    let read: T = serde_json::from_str(&newer.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(read, serde_json::from_str::<T>(&text).unwrap(), "{name}");
}

#[test]
fn what_a_newer_version_added_is_ignored() {
    ignores_added_field::<ScheduleSettings>("schedule_settings");
    ignores_added_field::<CycleRule>("cycle_rule");
    ignores_added_field::<Weights>("health_weights");
    ignores_added_field::<TemplateView>("template");
}

#[test]
fn a_required_part_missing_or_damaged_does_not_decode() {
    let rule = sample("cycle_rule");
    assert!(serde_json::from_str::<CycleRule>(&without(&rule, "", "template_id")).is_err());
    assert!(serde_json::from_str::<CycleRule>(&rule.replace("\"mon\"", "\"someday\"")).is_err());
    assert!(serde_json::from_str::<Vec<Answer>>(&without(&sample("answers"), "/0", "question_id")).is_err());
    assert!(serde_json::from_str::<TemplateView>(&without(&sample("template"), "", "questions")).is_err());
    assert!(serde_json::from_str::<ScheduleSettings>("{\"workday_start_hour\":\"nine\"}").is_err());
}

/// The codes stored for enums (`stage`, `role`, `status`, …) as this version writes
/// them, each the same as the JSON name, and read back.
#[test]
fn enum_codes_keep_their_spelling() {
    fn holds_codes<T: Serialize + Copy + PartialEq + std::fmt::Debug, const N: usize>(
        all: [T; N],
        code: fn(T) -> &'static str,
        from_code: fn(&str) -> Option<T>,
        expected: [&str; N],
    ) {
        assert_eq!(all.map(code), expected);
        for value in all {
            assert_eq!(serde_json::to_value(value).unwrap(), code(value), "{value:?}");
            assert_eq!(from_code(code(value)), Some(value));
        }
        assert_eq!(from_code("no_such_code"), None);
    }
    use kaiku_core::Role;
    use kaiku_core::analysis::Polarity;
    use kaiku_core::api::DeliveryStatus;
    use kaiku_core::counterfeedback::{ActionStatus, ChurnRisk};
    use kaiku_core::cycle::{CycleOutcome, PlanReason};
    use kaiku_core::health::{Factor, RiskBand};
    use kaiku_core::heatmap::Signal;
    holds_codes(
        Stage::ALL,
        Stage::code,
        Stage::from_code,
        ["sales", "onboarding", "delivery", "support", "renewal"],
    );
    holds_codes(Role::ALL, Role::code, Role::from_code, ["admin", "leader", "member"]);
    holds_codes(
        ChurnRisk::ALL,
        ChurnRisk::code,
        ChurnRisk::from_code,
        ["none", "low", "medium", "high"],
    );
    holds_codes(
        ActionStatus::ALL,
        ActionStatus::code,
        ActionStatus::from_code,
        ["open", "done"],
    );
    holds_codes(
        ChurnCause::ALL,
        ChurnCause::code,
        ChurnCause::from_code,
        [
            "promise_vs_delivery",
            "voice_lost",
            "complaint_handling",
            "not_engaging",
            "needs_changed",
            "competitors_ahead",
        ],
    );
    holds_codes(
        PlanReason::ALL,
        PlanReason::code,
        PlanReason::from_code,
        ["periodic", "project_end", "after_project_end"],
    );
    holds_codes(
        CycleOutcome::ALL,
        CycleOutcome::code,
        CycleOutcome::from_code,
        [
            "sent",
            "skipped_by_user",
            "account_throttled",
            "contacts_throttled",
            "no_contacts",
        ],
    );
    holds_codes(
        DeliveryStatus::ALL,
        DeliveryStatus::code,
        DeliveryStatus::from_code,
        ["pending", "sending", "sent", "failed", "gave_up"],
    );
    holds_codes(
        Polarity::ALL,
        Polarity::code,
        Polarity::from_code,
        ["negative", "neutral", "positive"],
    );
    holds_codes(
        Signal::ALL,
        Signal::code,
        Signal::from_code,
        [
            "health",
            "nps",
            "team_health",
            "churn_risk",
            "gap",
            "trend",
            "response_rate",
            "expectation_gap",
            "revenue_at_risk",
        ],
    );
    holds_codes(
        Factor::ALL,
        Factor::code,
        Factor::from_code,
        [
            "nps",
            "ratings",
            "team_health",
            "team_risk",
            "gap",
            "trend",
            "response_rate",
            "open_items",
            "expectation_gap",
        ],
    );
    holds_codes(
        RiskBand::ALL,
        RiskBand::code,
        RiskBand::from_code,
        ["low", "medium", "high", "critical"],
    );
    holds_codes(
        Weekday::ALL,
        Weekday::code,
        Weekday::from_code,
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    );
    holds_codes(
        kaiku_core::promise::BreachReason::ALL,
        kaiku_core::promise::BreachReason::code,
        kaiku_core::promise::BreachReason::from_code,
        ["below_importance", "dropped"],
    );
    holds_codes(
        kaiku_core::topics::OwnedTopicKind::ALL,
        kaiku_core::topics::OwnedTopicKind::code,
        kaiku_core::topics::OwnedTopicKind::from_code,
        ["theme", "churn_cause"],
    );
    holds_codes(
        kaiku_core::case::TriggerKind::ALL,
        kaiku_core::case::TriggerKind::code,
        kaiku_core::case::TriggerKind::from_code,
        [
            "detractor",
            "negative_with_cause",
            "team_high_risk",
            "gap_flagged",
            "rating_drop",
            "manual",
            "repulse_not_resolved",
            "promise_broken",
        ],
    );
    // Initiatives, "you said, we did" and messages (migrations 13 to 15).
    use kaiku_core::initiative::InitiativeStatus;
    use kaiku_core::message::{ApiKeyScope, MatchedBy, MessageSource};
    use kaiku_core::said_we_did::{ToldChannel, WeDidStatus};
    holds_codes(
        InitiativeStatus::ALL,
        InitiativeStatus::code,
        InitiativeStatus::from_code,
        ["proposed", "planned", "in_progress", "done", "dropped"],
    );
    holds_codes(
        WeDidStatus::ALL,
        WeDidStatus::code,
        WeDidStatus::from_code,
        ["proposed", "approved", "left_out"],
    );
    holds_codes(
        ToldChannel::ALL,
        ToldChannel::code,
        ToldChannel::from_code,
        ["invitation", "survey", "email"],
    );
    holds_codes(
        MessageSource::ALL,
        MessageSource::code,
        MessageSource::from_code,
        [
            "email",
            "chat",
            "helpdesk_ticket",
            "complaint",
            "praise",
            "idea",
            "meeting_note",
            "phone_call",
        ],
    );
    holds_codes(
        MatchedBy::ALL,
        MatchedBy::code,
        MatchedBy::from_code,
        [
            "contact_email",
            "taught_domain",
            "domain",
            "given",
            "assigned",
            "unmatched",
        ],
    );
    holds_codes(
        ApiKeyScope::ALL,
        ApiKeyScope::code,
        ApiKeyScope::from_code,
        ["messages:write", "read"],
    );
}

#[test]
fn promises_keep_their_format() {
    holds(
        "promise",
        kaiku_core::promise::PromiseInput {
            aspect: "communication".into(),
            what: "Projektipäällikkö vastaa jokaiseen viestiin työpäivän kuluessa.".into(),
            importance: 5,
            commitment: Some("weekly status report".into()),
            phase: Stage::Sales,
        },
    );
}

/// The sample decodes, and encodes back to exactly its bytes: for values too large to
/// write out here (a month-end snapshot with every health factor).
fn round_trips<T: Serialize + DeserializeOwned>(name: &str) {
    let text = sample(name);
    let decoded: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} no longer decodes: {e}"));
    assert_eq!(
        serde_json::to_string(&decoded).unwrap(),
        text,
        "{name} is stored differently now"
    );
}

#[test]
fn outcomes_snapshots_cases_and_proposals_keep_their_format() {
    holds(
        "outcome",
        OutcomeInput {
            kind: OutcomeKind::Churned,
            date: NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
            revenue_before_eur: 120_000,
            revenue_after_eur: 0,
            reasons: vec![ChurnCause::ComplaintHandling, ChurnCause::VoiceLost],
            note: "Valitsivat toisen toimiston.".into(),
        },
    );
    // Snapshots are written once and never again: the oldest must always read.
    round_trips::<AccountSnapshot>("snapshot");
    holds(
        "root_cause",
        RootCause {
            churn_cause: Some(ChurnCause::ComplaintHandling),
            theme: None,
        },
    );
    holds(
        "proposals",
        vec![AnswerProposal {
            question_id: "comment".into(),
            labels: vec![ProposedLabel {
                kind: CorrectionKind::Theme,
                label: "reporting".into(),
                status: ProposalStatus::Open,
            }],
            upsell: Some(false),
            summary: Some("Raportit myöhässä.".into()),
        }],
    );
}

#[test]
fn initiatives_keep_their_format() {
    use kaiku_core::initiative::{InitiativeStatus, PointRef, Topic};
    holds(
        "initiative_points",
        vec![PointRef {
            link_id: "l1".into(),
            text: "Toivoisin viikoittaisen tilannekatsauksen.".into(),
        }],
    );
    // Topics are stored by their codes, statuses by theirs (the schema admits these).
    assert_eq!(Topic::theme("reporting").code(), "theme:reporting");
    assert_eq!(Topic::cause(ChurnCause::VoiceLost).code(), "cause:voice_lost");
    assert_eq!(
        InitiativeStatus::ALL.map(InitiativeStatus::code),
        ["proposed", "planned", "in_progress", "done", "dropped"]
    );
}

#[test]
fn retention_keeps_its_format_and_reads_settings_saved_with_fewer_fields() {
    use kaiku_core::privacy::{AnswerFate, Retention};
    let saved = Retention {
        answers_months: Some(24),
        messages_months: None,
        fate: AnswerFate::Delete,
    };
    holds("retention", saved.clone());
    // A setting saved before `fate` existed keeps its months and anonymises.
    let older: Retention = serde_json::from_str(&without(&sample("retention"), "", "fate")).unwrap();
    assert_eq!(
        older,
        Retention {
            fate: AnswerFate::Anonymise,
            ..saved
        }
    );
}

fn device_outbox_sample() -> Outbox {
    let step = StepInput {
        step: Step::Listen,
        note: "Two weeks without answers before the launch.".into(),
        hypothesis: "Our account manager was on holiday.".into(),
        channel: None,
        contact_id: None,
        email_subject: String::new(),
        email_body: String::new(),
        action_ids: Vec::new(),
    };
    let note = MessageInput {
        source: MessageSource::MeetingNote,
        received_at: None,
        sender_name: "Maija".into(),
        sender_email: String::new(),
        subject: "Steering group".into(),
        body: "Asiakas haluaa viikkoraportin takaisin.".into(),
        external_id: None,
        account_id: None,
        contact_id: None,
        language: None,
        attachments: Vec::new(),
    };
    Outbox {
        pending: vec![
            Mutation::case_step("m-1".into(), "c-1".into(), step),
            Mutation::post_message("m-2".into(), "a-1".into(), note),
        ],
        unsettled: Vec::new(),
    }
}

/// A device keeps its outbox in IndexedDB across app versions: what it queued must
/// still be sent after an update, the kinds queued before messages existed included.
#[test]
fn a_devices_outbox_keeps_its_format_and_old_ones_read() {
    holds("device_outbox", device_outbox_sample());
    let before_messages = without(&sample("device_outbox"), "/pending/0", "message");
    let old: Outbox = serde_json::from_str(&before_messages).unwrap();
    assert_eq!(old.pending[0], device_outbox_sample().pending[0]);
    // A note queued before messages listed attachments reads with none.
    let before_attachments = without(&sample("device_outbox"), "/pending/1/message/message", "attachments");
    let old: Outbox = serde_json::from_str(&before_attachments).unwrap();
    assert_eq!(old, device_outbox_sample());
}

/// The app keeps the last session on the device to start offline; one kept before
/// two-factor sign-in existed reads with it off and not required.
#[test]
fn a_session_kept_on_a_device_before_two_factor_reads_with_it_off() {
    let kept: SessionView = serde_json::from_str(&sample("session_view")).unwrap();
    assert_eq!(kept.user.email, "anna@acme.fi");
    assert_eq!(kept.user.role, kaiku_core::Role::Admin);
    assert!(!kept.user.two_factor);
    assert!(!kept.organisation.admins_two_factor);
    assert!(!kept.two_factor_setup_required);
}

#[test]
fn an_account_overview_kept_on_a_device_before_the_timeline_came_in_pages_still_reads() {
    use kaiku_core::health::AccountHealthView;
    use kaiku_core::overview::AccountOverview;
    let overview = AccountOverview {
        health: AccountHealthView {
            window_days: 180,
            health: None,
            gap_flagged: false,
            probabilities: BandProbabilities::defaults(0),
        },
        months: vec![],
        timeline: vec![],
        timeline_more: false,
        labels_over_time: vec![],
        expectations: vec![],
        development_points: vec![],
        next_steps: vec![],
        open_case: None,
    };
    let stored = serde_json::to_string(&overview).unwrap();
    let before_pages = without(&stored, "", "timeline_more");
    let read: AccountOverview = serde_json::from_str(&before_pages).expect("an older overview reads");
    assert_eq!(read, overview, "without the field, no older entries are promised");
}
