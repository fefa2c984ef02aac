//! Measuring the analysis against comments labelled by hand: language and sentiment
//! accuracy, sentiment macro-F1 and confusion, precision and recall of themes, churn
//! causes, upsell and development points, and whether a comment and its translation
//! get the same sentiment. One function serves the accuracy test (which asserts floors)
//! and the `analysis_accuracy` example behind `cargo xtask bench` (which prints figures).

use std::collections::BTreeMap;
use std::fmt;

use super::{Model, Polarity};
use crate::{ChurnCause, Lang};

/// One labelled comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// `dev` (may guide work on the lexicons), `held_out` (never looked at while tuning)
    /// or `independent` (a separate set whose mistakes are never read).
    pub split: String,
    pub lang: Lang,
    pub polarity: Polarity,
    pub themes: Vec<String>,
    pub churn_causes: Vec<ChurnCause>,
    /// Whether the comment holds an upsell hint.
    pub upsell: bool,
    /// Whether the comment holds a sentence asking for change.
    pub development: bool,
    /// Shared by a comment and its translation into the other language.
    pub pair: Option<String>,
    pub text: String,
}

/// Reads samples from tab-separated lines: split, lang, polarity, themes, causes,
/// upsell (0/1), development (0/1), optionally a translation pair id, text. Lists are
/// comma-separated, `-` when empty (also for no pair); lines starting with `#` and
/// blank lines are skipped.
pub fn parse_samples(tsv: &str) -> Result<Vec<Sample>, String> {
    tsv.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(index, line)| parse_line(line).map_err(|e| format!("line {}: {e}", index + 1)))
        .collect()
}

fn parse_line(line: &str) -> Result<Sample, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let (split, lang, polarity, themes, causes, upsell, development, pair, text) = match fields[..] {
        [split, lang, polarity, themes, causes, upsell, development, text] => {
            (split, lang, polarity, themes, causes, upsell, development, "-", text)
        }
        [split, lang, polarity, themes, causes, upsell, development, pair, text] => {
            (split, lang, polarity, themes, causes, upsell, development, pair, text)
        }
        _ => return Err(format!("expected 8 or 9 tab-separated fields, found {}", fields.len())),
    };
    let list = |field: &str| -> Vec<String> {
        field
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "-")
            .map(String::from)
            .collect()
    };
    let flag = |field: &str| match field {
        "1" => Ok(true),
        "0" => Ok(false),
        other => Err(format!("expected 0 or 1, found {other:?}")),
    };
    Ok(Sample {
        split: split.to_string(),
        lang: Lang::from_tag(lang).ok_or_else(|| format!("unknown language {lang:?}"))?,
        polarity: Polarity::from_code(polarity).ok_or_else(|| format!("unknown polarity {polarity:?}"))?,
        themes: list(themes),
        churn_causes: list(causes)
            .iter()
            .map(|key| ChurnCause::from_code(key).ok_or_else(|| format!("unknown churn cause {key:?}")))
            .collect::<Result<_, _>>()?,
        upsell: flag(upsell)?,
        development: flag(development)?,
        pair: (pair != "-").then(|| pair.to_string()),
        text: text.to_string(),
    })
}

/// Hits and misses of one kind of label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    /// Of the labels given, the share that was right (1.0 when none were given).
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    /// Of the labels expected, the share that was found (1.0 when none were expected).
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn count<T: PartialEq>(&mut self, expected: &[T], predicted: &[T]) {
        self.true_positives += predicted.iter().filter(|p| expected.contains(p)).count();
        self.false_positives += predicted.iter().filter(|p| !expected.contains(p)).count();
        self.false_negatives += expected.iter().filter(|e| !predicted.contains(e)).count();
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub samples: usize,
    pub language_correct: usize,
    pub sentiment_correct: usize,
    /// Rows: expected, columns: predicted, both in `Polarity::ALL` order.
    pub sentiment_confusion: [[usize; 3]; 3],
    pub themes: Counts,
    pub churn_causes: Counts,
    pub upsell: Counts,
    pub development_points: Counts,
    pub per_theme: BTreeMap<String, Counts>,
    pub per_cause: BTreeMap<String, Counts>,
    /// Comments labelled with no churn cause, and of those the ones given one anyway.
    pub without_cause: usize,
    pub without_cause_flagged: usize,
    /// Translation pairs with both halves in the set, and of those the ones whose two
    /// halves got the same sentiment.
    pub pairs: usize,
    pub pairs_agreeing: usize,
}

impl Report {
    pub fn language_accuracy(&self) -> f64 {
        ratio(self.language_correct, self.samples)
    }

    pub fn sentiment_accuracy(&self) -> f64 {
        ratio(self.sentiment_correct, self.samples)
    }

    /// Precision and recall of one polarity, read off the confusion matrix.
    pub fn sentiment_counts(&self, polarity: Polarity) -> Counts {
        let i = polarity_index(polarity);
        let row: usize = self.sentiment_confusion[i].iter().sum();
        let column: usize = self.sentiment_confusion.iter().map(|r| r[i]).sum();
        let hits = self.sentiment_confusion[i][i];
        Counts {
            true_positives: hits,
            false_positives: column - hits,
            false_negatives: row - hits,
        }
    }

    /// The mean F1 of the three polarities: a model that calls everything neutral
    /// scores low even where most comments are neutral.
    pub fn sentiment_macro_f1(&self) -> f64 {
        Polarity::ALL
            .iter()
            .map(|p| self.sentiment_counts(*p).f1())
            .sum::<f64>()
            / Polarity::ALL.len() as f64
    }

    /// Of the comments that show no churn cause, the share given one.
    pub fn churn_false_positive_rate(&self) -> f64 {
        if self.without_cause == 0 {
            0.0
        } else {
            self.without_cause_flagged as f64 / self.without_cause as f64
        }
    }

    /// Of the translation pairs, the share whose halves got the same sentiment.
    pub fn pair_agreement(&self) -> f64 {
        ratio(self.pairs_agreeing, self.pairs)
    }
}

/// Analyses every sample (language unknown, as for an unsolicited message) and
/// compares with its labels.
pub fn evaluate(model: &Model, samples: &[Sample]) -> Report {
    let mut report = Report::default();
    let mut pair_polarities: BTreeMap<&str, Vec<Polarity>> = BTreeMap::new();
    for sample in samples {
        let analysis = model.analyse(&sample.text);
        if let Some(pair) = &sample.pair {
            pair_polarities
                .entry(pair)
                .or_default()
                .push(analysis.sentiment.polarity);
        }
        report.samples += 1;
        report.language_correct += usize::from(analysis.lang == sample.lang);
        report.sentiment_correct += usize::from(analysis.sentiment.polarity == sample.polarity);
        report.sentiment_confusion[polarity_index(sample.polarity)][polarity_index(analysis.sentiment.polarity)] += 1;

        let themes: Vec<String> = analysis.themes.iter().map(|t| t.key.clone()).collect();
        report.themes.count(&sample.themes, &themes);
        count_per_label(&mut report.per_theme, &sample.themes, &themes);

        let expected: Vec<String> = sample.churn_causes.iter().map(|c| c.code().to_string()).collect();
        let causes: Vec<String> = analysis
            .churn_causes
            .iter()
            .map(|c| c.cause.code().to_string())
            .collect();
        report.churn_causes.count(&expected, &causes);
        count_per_label(&mut report.per_cause, &expected, &causes);
        if expected.is_empty() {
            report.without_cause += 1;
            report.without_cause_flagged += usize::from(!causes.is_empty());
        }

        report
            .upsell
            .count(&flag(sample.upsell), &flag(!analysis.upsell.is_empty()));
        report.development_points.count(
            &flag(sample.development),
            &flag(!analysis.development_points.is_empty()),
        );
    }
    for polarities in pair_polarities.values().filter(|p| p.len() == 2) {
        report.pairs += 1;
        report.pairs_agreeing += usize::from(polarities[0] == polarities[1]);
    }
    report
}

/// One line per sample the model gets wrong in some respect — for studying the `dev`
/// split and the tuning set while improving the lexicons (never the independent set).
pub fn mistakes(model: &Model, samples: &[Sample]) -> Vec<String> {
    samples
        .iter()
        .filter_map(|sample| {
            let analysis = model.analyse(&sample.text);
            let themes: Vec<&str> = analysis.themes.iter().map(|t| t.key.as_str()).collect();
            let causes: Vec<&str> = analysis.churn_causes.iter().map(|c| c.cause.code()).collect();
            let expected_causes: Vec<&str> = sample.churn_causes.iter().map(|c| c.code()).collect();
            let mut wrong = Vec::new();
            if analysis.lang != sample.lang {
                wrong.push(format!("lang {:?}", analysis.lang));
            }
            if analysis.sentiment.polarity != sample.polarity {
                wrong.push(format!(
                    "sentiment {} ({:.2} {:?}) expected {}",
                    analysis.sentiment.polarity.code(),
                    analysis.sentiment.score,
                    analysis.sentiment.evidence,
                    sample.polarity.code()
                ));
            }
            if !same_set(&themes, &sample.themes) {
                wrong.push(format!("themes {themes:?} expected {:?}", sample.themes));
            }
            if !same_set(&causes, &expected_causes) {
                wrong.push(format!("causes {causes:?} expected {expected_causes:?}"));
            }
            if analysis.upsell.is_empty() == sample.upsell {
                wrong.push(format!("upsell {:?}", analysis.upsell));
            }
            if analysis.development_points.is_empty() == sample.development {
                wrong.push(format!("development {:?}", analysis.development_points));
            }
            (!wrong.is_empty()).then(|| format!("{}\n    {}", sample.text, wrong.join("\n    ")))
        })
        .collect()
}

fn same_set<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| y.as_ref() == x.as_ref()))
}

fn flag(value: bool) -> Vec<bool> {
    if value { vec![true] } else { Vec::new() }
}

fn polarity_index(polarity: Polarity) -> usize {
    Polarity::ALL.iter().position(|p| *p == polarity).unwrap_or(1)
}

fn count_per_label(per_label: &mut BTreeMap<String, Counts>, expected: &[String], predicted: &[String]) {
    let mut labels: Vec<&String> = expected.iter().chain(predicted).collect();
    labels.sort();
    labels.dedup();
    for label in labels {
        let counts = per_label.entry(label.clone()).or_default();
        match (expected.contains(label), predicted.contains(label)) {
            (true, true) => counts.true_positives += 1,
            (false, true) => counts.false_positives += 1,
            (true, false) => counts.false_negatives += 1,
            (false, false) => {}
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "samples              {}", self.samples)?;
        writeln!(f, "language accuracy    {:.3}", self.language_accuracy())?;
        writeln!(f, "sentiment accuracy   {:.3}", self.sentiment_accuracy())?;
        writeln!(f, "sentiment macro-F1   {:.3}", self.sentiment_macro_f1())?;
        if self.pairs > 0 {
            writeln!(
                f,
                "translation pairs    {:.3}   (same sentiment in {} of {})",
                self.pair_agreement(),
                self.pairs_agreeing,
                self.pairs
            )?;
        }
        writeln!(f, "  expected \\ predicted  negative  neutral  positive")?;
        for (row, polarity) in Polarity::ALL.iter().enumerate() {
            let [neg, neu, pos] = self.sentiment_confusion[row];
            writeln!(f, "  {:<20} {neg:>8} {neu:>8} {pos:>9}", polarity.code())?;
        }
        writeln!(f, "{:<20} {:>9} {:>9} {:>9}", "", "precision", "recall", "F1")?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{name:<20} {:>9.3} {:>9.3} {:>9.3}   (tp {} fp {} fn {})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.true_positives,
                c.false_positives,
                c.false_negatives
            )
        };
        for polarity in Polarity::ALL {
            row(
                f,
                &format!("sentiment {}", polarity.code()),
                &self.sentiment_counts(polarity),
            )?;
        }
        row(f, "themes", &self.themes)?;
        for (key, counts) in &self.per_theme {
            row(f, &format!("  {key}"), counts)?;
        }
        row(f, "churn causes", &self.churn_causes)?;
        writeln!(
            f,
            "  false positive rate {:.3}   ({} of {} comments without a cause given one)",
            self.churn_false_positive_rate(),
            self.without_cause_flagged,
            self.without_cause
        )?;
        for (key, counts) in &self.per_cause {
            row(f, &format!("  {key}"), counts)?;
        }
        row(f, "upsell", &self.upsell)?;
        row(f, "development points", &self.development_points)
    }
}
