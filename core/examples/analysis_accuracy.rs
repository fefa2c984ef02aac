//! Prints how well the text analysis agrees with hand-labelled comments. `cargo xtask
//! bench` runs it.
//!
//! - `core/tests/data/feedback.tsv`, the tuning set: all of it, the `dev` half (which may
//!   guide work on the lexicons) and the `held_out` half (which must not);
//! - `core/tests/data/tuning.tsv`, more dev samples written for issue 17's kinds of error;
//! - `core/tests/data/independent.tsv`, written later and frozen before the analysis was
//!   changed for it: all of it and each language. Only its figures are ever read.
//!
//! `--dev-mistakes` also lists what the analysis gets wrong in the dev samples (never
//! in the independent set).

use kaiku_core::Lang;
use kaiku_core::analysis::Model;
use kaiku_core::analysis::evaluate::{Sample, evaluate, mistakes, parse_samples};

const TUNING: &str = include_str!("../tests/data/feedback.tsv");
const MORE_TUNING: &str = include_str!("../tests/data/tuning.tsv");
const INDEPENDENT: &str = include_str!("../tests/data/independent.tsv");

fn load(name: &str, tsv: &str) -> Vec<Sample> {
    parse_samples(tsv).unwrap_or_else(|e| {
        eprintln!("{name}: {e}");
        std::process::exit(1);
    })
}

fn main() {
    let samples = load("feedback.tsv", TUNING);
    let more_tuning = load("tuning.tsv", MORE_TUNING);
    let independent = load("independent.tsv", INDEPENDENT);
    let model = Model::new(&[], &[]);
    let split = |name: &str| samples.iter().filter(|s| s.split == name).cloned().collect::<Vec<_>>();
    let (mut dev, held_out) = (split("dev"), split("held_out"));
    let in_lang = |lang: Lang| {
        independent
            .iter()
            .filter(|s| s.lang == lang)
            .cloned()
            .collect::<Vec<_>>()
    };
    let (finnish, english) = (in_lang(Lang::Fi), in_lang(Lang::En));
    for (title, set) in [
        ("tuning set, all", &samples),
        ("tuning set, dev", &dev),
        ("tuning set, held_out", &held_out),
        ("tuning samples for issue 17", &more_tuning),
        ("independent set, all", &independent),
        ("independent set, Finnish", &finnish),
        ("independent set, English", &english),
    ] {
        println!("== analysis accuracy: {title} ==");
        println!("{}", evaluate(&model, set));
    }
    if std::env::args().any(|a| a == "--dev-mistakes") {
        dev.extend(more_tuning);
        println!("== dev mistakes ==");
        for line in mistakes(&model, &dev) {
            println!("{line}");
        }
    }
}
