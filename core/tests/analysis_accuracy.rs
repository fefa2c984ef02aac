//! The text analysis against hand-labelled comments (`data/feedback.tsv`, the tuning
//! set, and `data/independent.tsv`, never tuned to): fails when
//! accuracy drops below floors set a little under what it achieves today. Run with
//! `--nocapture` to see the report; `cargo xtask bench` prints the same figures.

use kaiku_core::analysis::Model;
use kaiku_core::analysis::evaluate::{Report, Sample, evaluate, parse_samples};

const DATA: &str = include_str!("data/feedback.tsv");

fn samples() -> Vec<Sample> {
    parse_samples(DATA).expect("feedback.tsv parses")
}

struct Floors {
    language: f64,
    sentiment: f64,
    theme_f1: f64,
    churn_precision: f64,
    churn_recall: f64,
    upsell_f1: f64,
    development_f1: f64,
}

fn assert_floors(name: &str, report: &Report, floors: &Floors) {
    println!("== {name} ==\n{report}");
    let figures = [
        ("language accuracy", report.language_accuracy(), floors.language),
        ("sentiment accuracy", report.sentiment_accuracy(), floors.sentiment),
        ("theme F1", report.themes.f1(), floors.theme_f1),
        (
            "churn cause precision",
            report.churn_causes.precision(),
            floors.churn_precision,
        ),
        ("churn cause recall", report.churn_causes.recall(), floors.churn_recall),
        ("upsell F1", report.upsell.f1(), floors.upsell_f1),
        (
            "development point F1",
            report.development_points.f1(),
            floors.development_f1,
        ),
    ];
    for (what, value, floor) in figures {
        assert!(
            value >= floor,
            "{name}: {what} {value:.3} is below its floor {floor:.2}"
        );
    }
}

#[test]
fn the_data_set_is_big_bilingual_and_split() {
    let samples = samples();
    assert!(samples.len() >= 200, "{} samples", samples.len());
    let finnish = samples.iter().filter(|s| s.lang == kaiku_core::Lang::Fi).count();
    assert!(
        finnish * 3 >= samples.len() && finnish * 3 <= samples.len() * 2,
        "{finnish} Finnish"
    );
    let held_out = samples.iter().filter(|s| s.split == "held_out").count();
    assert!(held_out * 3 >= samples.len(), "{held_out} held out");
    assert!(samples.iter().all(|s| s.split == "dev" || s.split == "held_out"));
}

#[test]
fn accuracy_stays_above_its_floors() {
    let samples = samples();
    let model = Model::new(&[], &[]);
    let all = evaluate(&model, &samples);
    assert_floors(
        "all",
        &all,
        &Floors {
            language: 0.95,
            sentiment: 0.80,
            theme_f1: 0.75,
            churn_precision: 0.90,
            churn_recall: 0.90,
            upsell_f1: 0.90,
            development_f1: 0.80,
        },
    );
    // The half never looked at while writing the lexicons: the honest figure.
    let held_out: Vec<Sample> = samples.into_iter().filter(|s| s.split == "held_out").collect();
    assert_floors(
        "held_out",
        &evaluate(&model, &held_out),
        &Floors {
            language: 0.95,
            sentiment: 0.75,
            theme_f1: 0.75,
            churn_precision: 0.90,
            churn_recall: 0.90,
            upsell_f1: 0.90,
            development_f1: 0.70,
        },
    );
}

const INDEPENDENT: &str = include_str!("data/independent.tsv");

/// What the analysis must reach on the independent set, whose mistakes are never read
/// while tuning: floors a little under today's figures, so that a change that makes
/// the analysis worse on text nobody tuned to fails here.
struct IndependentFloors {
    sentiment_macro_f1: f64,
    pair_agreement: f64,
    churn_recall: f64,
    /// A ceiling: of the comments that show no churn cause, the share given one.
    churn_false_positive_rate: f64,
    theme_f1: f64,
    upsell_recall: f64,
    upsell_precision: f64,
}

#[test]
fn the_tuning_samples_parse_and_are_all_dev() {
    let samples = parse_samples(include_str!("data/tuning.tsv")).expect("tuning.tsv parses");
    assert!(samples.len() >= 50, "{} samples", samples.len());
    assert!(samples.iter().all(|s| s.split == "dev"));
}

#[test]
fn the_independent_set_is_big_bilingual_and_paired() {
    let samples = parse_samples(INDEPENDENT).expect("independent.tsv parses");
    assert!(samples.len() >= 400, "{} samples", samples.len());
    let finnish = samples.iter().filter(|s| s.lang == kaiku_core::Lang::Fi).count();
    assert!(
        finnish * 5 >= samples.len() * 2 && finnish * 5 <= samples.len() * 3,
        "{finnish} Finnish"
    );
    assert!(samples.iter().all(|s| s.split == "independent"));
    let report = evaluate(&Model::new(&[], &[]), &samples);
    assert!(report.pairs >= 60, "{} translation pairs", report.pairs);
}

#[test]
fn accuracy_on_the_independent_set_stays_above_its_floors() {
    let samples = parse_samples(INDEPENDENT).expect("independent.tsv parses");
    let report = evaluate(&Model::new(&[], &[]), &samples);
    println!("== independent ==\n{report}");
    // Measured when set: macro-F1 0.801, pairs 0.933, churn recall 0.730 at a
    // false-positive rate of 0.026, theme micro-F1 0.657, upsell recall 0.973 at
    // precision 0.923 (before issue 17: 0.568, 0.787, 0.252, 0.023, 0.529, 0.324,
    // 0.857; after its first pass: 0.767, 0.880, 0.667, 0.026, 0.636, 0.946, 0.897;
    // after its second: 0.791, 0.933, 0.730, 0.026, 0.645, 0.973, 0.923; after its
    // third: 0.796, 0.920, 0.730, 0.026, 0.648, 0.973, 0.923; after its fourth:
    // 0.801, 0.933, 0.730, 0.026, 0.655, 0.973, 0.923).
    let floors = IndependentFloors {
        sentiment_macro_f1: 0.80,
        pair_agreement: 0.93,
        churn_recall: 0.72,
        churn_false_positive_rate: 0.03,
        theme_f1: 0.655,
        upsell_recall: 0.96,
        upsell_precision: 0.91,
    };

    let figures = [
        (
            "sentiment macro-F1",
            report.sentiment_macro_f1(),
            floors.sentiment_macro_f1,
        ),
        (
            "translation pair agreement",
            report.pair_agreement(),
            floors.pair_agreement,
        ),
        ("churn cause recall", report.churn_causes.recall(), floors.churn_recall),
        ("theme micro-F1", report.themes.f1(), floors.theme_f1),
        ("upsell recall", report.upsell.recall(), floors.upsell_recall),
        ("upsell precision", report.upsell.precision(), floors.upsell_precision),
        ("language accuracy", report.language_accuracy(), 0.98),
    ];
    for (what, value, floor) in figures {
        assert!(
            value >= floor,
            "independent: {what} {value:.3} is below its floor {floor:.2}"
        );
    }
    let rate = report.churn_false_positive_rate();
    assert!(
        rate <= floors.churn_false_positive_rate,
        "independent: churn cause false positive rate {rate:.3} is above its ceiling {:.2}",
        floors.churn_false_positive_rate
    );
}
