//! Prints how well the text analysis agrees with the hand-labelled comments in
//! `core/tests/data/feedback.tsv`: all of them, the `dev` half (which may guide work on
//! the lexicons) and the `held_out` half (which must not). `cargo xtask bench` runs it.
//!
//! `--dev-mistakes` also lists what the analysis gets wrong in the dev half.

use kaiku_core::analysis::Model;
use kaiku_core::analysis::evaluate::{evaluate, mistakes, parse_samples};

const DATA: &str = include_str!("../tests/data/feedback.tsv");

fn main() {
    let samples = match parse_samples(DATA) {
        Ok(samples) => samples,
        Err(e) => {
            eprintln!("feedback.tsv: {e}");
            std::process::exit(1);
        }
    };
    let model = Model::new(&[], &[]);
    let split = |name: &str| samples.iter().filter(|s| s.split == name).cloned().collect::<Vec<_>>();
    let (dev, held_out) = (split("dev"), split("held_out"));
    for (title, set) in [("all", &samples), ("dev", &dev), ("held_out", &held_out)] {
        println!("== analysis accuracy: {title} ==");
        println!("{}", evaluate(&model, set));
    }
    if std::env::args().any(|a| a == "--dev-mistakes") {
        println!("== dev mistakes ==");
        for line in mistakes(&model, &dev) {
            println!("{line}");
        }
    }
}
