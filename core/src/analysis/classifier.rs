//! Learning from an organisation's corrections. Each corrected label gets a small
//! multinomial naive Bayes over word stems: comments corrected to carry the label
//! against comments corrected not to (and, as background, comments corrected to carry
//! another label of the same kind). A later comment gets the label only when the
//! model is confident *and* at least two of its words were seen in corrections, so an
//! unrelated comment is never touched by chance.
//!
//! Deterministic: counts live in ordered maps, no randomness, ties broken by position.

use std::collections::{BTreeMap, BTreeSet};

use super::CorrectionKind;
use super::grammar::negated_by;
use super::lexicon::words::{STOPWORDS_EN, STOPWORDS_FI};
use super::text::Text;

/// Additive smoothing, small because corrections are few and each one matters.
const ALPHA: f64 = 0.1;
/// The vocabulary size assumed for smoothing: a word never seen with a label is then
/// rare under it, however few corrections there are.
const ASSUMED_VOCABULARY: f64 = 1000.0;
/// Log-odds (natural log) needed to add or suppress a label.
const MIN_LOG_ODDS: f64 = 3.0;
/// Distinct words, seen in corrections, that must speak for the verdict.
const MIN_SHARED_WORDS: usize = 2;
/// The words shown as a learned label's evidence.
const EVIDENCE_WORDS: usize = 3;
const NEGATED_MARK: &str = "¬";

/// A word of a comment as the classifier sees it: its stem, marked when negated
/// ("ei hyvä" gives "¬hyvä"), and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Feature {
    pub word: String,
    pub token: usize,
}

/// Content words only: function words say nothing about a label.
pub(crate) fn features(text: &Text) -> Vec<Feature> {
    text.tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.lower.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !STOPWORDS_FI.contains(&t.lower.as_str())
                && !STOPWORDS_EN.contains(&t.lower.as_str())
        })
        .map(|(i, t)| Feature {
            word: match negated_by(text, i) {
                Some(_) => format!("{NEGATED_MARK}{}", t.stem),
                None => t.stem.clone(),
            },
            token: i,
        })
        .collect()
}

/// One corrected comment: its text (identity), the label and whether it applies.
#[derive(Debug, Clone)]
pub(crate) struct Example {
    pub text: String,
    pub kind: CorrectionKind,
    pub label: String,
    pub present: bool,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Default)]
struct WordCounts {
    counts: BTreeMap<String, f64>,
    total: f64,
}

impl WordCounts {
    fn add(&mut self, words: &[String]) {
        for word in words {
            *self.counts.entry(word.clone()).or_default() += 1.0;
            self.total += 1.0;
        }
    }

    fn log_probability(&self, word: &str, vocabulary: f64) -> f64 {
        let count = self.counts.get(word).copied().unwrap_or(0.0);
        ((count + ALPHA) / (self.total + ALPHA * vocabulary)).ln()
    }
}

#[derive(Debug, Clone, Default)]
struct LabelModel {
    present: WordCounts,
    absent: WordCounts,
    vocabulary: f64,
}

/// What the corrections say about one label for one comment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    /// The label applies; `words` are the tokens that weighed most for it.
    Present {
        words: Vec<usize>,
        log_odds: f64,
    },
    /// The label does not apply; `words` weighed most against it.
    Absent {
        words: Vec<usize>,
        log_odds: f64,
    },
    Unsure,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Classifier {
    sentiment: BTreeMap<String, LabelModel>,
    theme: BTreeMap<String, LabelModel>,
    churn_cause: BTreeMap<String, LabelModel>,
}

impl Classifier {
    /// Later examples of the same text, kind and label replace earlier ones (the team
    /// changed its mind).
    pub fn train(examples: &[Example]) -> Classifier {
        let mut latest: BTreeMap<(&str, u8, &str), &Example> = BTreeMap::new();
        for example in examples {
            latest.insert(
                (example.text.as_str(), kind_rank(example.kind), example.label.as_str()),
                example,
            );
        }
        let examples: Vec<&Example> = latest.into_values().collect();
        let mut classifier = Classifier::default();
        for kind in [
            CorrectionKind::Sentiment,
            CorrectionKind::Theme,
            CorrectionKind::ChurnCause,
        ] {
            let of_kind: Vec<&Example> = examples.iter().copied().filter(|e| e.kind == kind).collect();
            let labels: BTreeSet<&str> = of_kind.iter().map(|e| e.label.as_str()).collect();
            let Some(models) = classifier.models_mut(kind) else {
                continue;
            };
            for label in labels {
                models.insert(label.to_string(), label_model(label, &of_kind));
            }
        }
        classifier
    }

    fn models(&self, kind: CorrectionKind) -> &BTreeMap<String, LabelModel> {
        static NONE: BTreeMap<String, LabelModel> = BTreeMap::new();
        match kind {
            CorrectionKind::Sentiment => &self.sentiment,
            CorrectionKind::Theme => &self.theme,
            CorrectionKind::ChurnCause => &self.churn_cause,
            CorrectionKind::DevelopmentPoint => &NONE,
        }
    }

    /// The models of a kind learned from words; development points are matched as
    /// sentences instead (see `Model::new`).
    fn models_mut(&mut self, kind: CorrectionKind) -> Option<&mut BTreeMap<String, LabelModel>> {
        match kind {
            CorrectionKind::Sentiment => Some(&mut self.sentiment),
            CorrectionKind::Theme => Some(&mut self.theme),
            CorrectionKind::ChurnCause => Some(&mut self.churn_cause),
            CorrectionKind::DevelopmentPoint => None,
        }
    }

    /// The labels of a kind that have corrections, in key order.
    pub fn labels(&self, kind: CorrectionKind) -> impl Iterator<Item = &str> {
        self.models(kind).keys().map(String::as_str)
    }

    pub fn judge(&self, kind: CorrectionKind, label: &str, features: &[Feature]) -> Verdict {
        let Some(model) = self.models(kind).get(label) else {
            return Verdict::Unsure;
        };
        // Words never seen in a correction carry no information either way.
        let weighed: Vec<(f64, &Feature)> = features
            .iter()
            .filter(|f| model.present.counts.contains_key(&f.word) || model.absent.counts.contains_key(&f.word))
            .map(|f| {
                let weight = model.present.log_probability(&f.word, model.vocabulary)
                    - model.absent.log_probability(&f.word, model.vocabulary);
                (weight, f)
            })
            .collect();
        let log_odds: f64 = weighed.iter().map(|(w, _)| w).sum();
        let speaking =
            |sign: f64| -> Vec<(f64, &Feature)> { weighed.iter().copied().filter(|(w, _)| w * sign > 0.0).collect() };
        if log_odds >= MIN_LOG_ODDS {
            let support = speaking(1.0);
            if distinct_words(&support) >= MIN_SHARED_WORDS {
                return Verdict::Present {
                    words: strongest(support, 1.0),
                    log_odds,
                };
            }
        } else if log_odds <= -MIN_LOG_ODDS {
            let against = speaking(-1.0);
            if distinct_words(&against) >= MIN_SHARED_WORDS {
                return Verdict::Absent {
                    words: strongest(against, -1.0),
                    log_odds,
                };
            }
        }
        Verdict::Unsure
    }
}

fn kind_rank(kind: CorrectionKind) -> u8 {
    match kind {
        CorrectionKind::Sentiment => 0,
        CorrectionKind::Theme => 1,
        CorrectionKind::ChurnCause => 2,
        CorrectionKind::DevelopmentPoint => 3,
    }
}

/// Comments corrected to carry `label` against those corrected not to, with comments
/// that carry another label of the kind (and not this one) as background.
fn label_model(label: &str, examples: &[&Example]) -> LabelModel {
    let carries_label = |text: &str| examples.iter().any(|e| e.text == text && e.label == label && e.present);
    let mut model = LabelModel::default();
    let mut vocabulary = BTreeSet::new();
    let mut background_seen = BTreeSet::new();
    for example in examples {
        if example.label == label {
            if example.present {
                model.present.add(&example.words);
            } else {
                model.absent.add(&example.words);
            }
        } else if example.present && !carries_label(&example.text) && background_seen.insert(example.text.as_str()) {
            model.absent.add(&example.words);
        } else {
            continue;
        }
        vocabulary.extend(example.words.iter().map(String::as_str));
    }
    model.vocabulary = (vocabulary.len() as f64).max(ASSUMED_VOCABULARY);
    model
}

fn distinct_words(weighed: &[(f64, &Feature)]) -> usize {
    weighed
        .iter()
        .map(|(_, f)| f.word.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

/// The tokens of the most telling distinct words, in text order.
fn strongest(mut weighed: Vec<(f64, &Feature)>, sign: f64) -> Vec<usize> {
    weighed.sort_by(|(a, fa), (b, fb)| (b * sign).total_cmp(&(a * sign)).then(fa.token.cmp(&fb.token)));
    let mut seen = BTreeSet::new();
    let mut tokens: Vec<usize> = weighed
        .into_iter()
        .filter(|(_, f)| seen.insert(f.word.as_str()))
        .take(EVIDENCE_WORDS)
        .map(|(_, f)| f.token)
        .collect();
    tokens.sort_unstable();
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn example(text: &str, label: &str, present: bool) -> Example {
        Example {
            text: text.into(),
            kind: CorrectionKind::Theme,
            label: label.into(),
            present,
            words: features(&Text::new(text, Lang::Fi))
                .into_iter()
                .map(|f| f.word)
                .collect(),
        }
    }

    fn judge(classifier: &Classifier, label: &str, raw: &str) -> Verdict {
        classifier.judge(CorrectionKind::Theme, label, &features(&Text::new(raw, Lang::Fi)))
    }

    #[test]
    fn features_skip_function_words_and_mark_negation() {
        let text = Text::new("Raportti ei ole hyvä, kiitos", Lang::Fi);
        let words: Vec<String> = features(&text).into_iter().map(|f| f.word).collect();
        assert_eq!(words, ["raport", "¬hyvä", "kiitos"]);
    }

    #[test]
    fn a_similar_comment_gets_the_label_and_an_unrelated_one_does_not() {
        let classifier = Classifier::train(&[example(
            "Laskujen erittely on sekava ja laskuissa on virheitä",
            "billing",
            true,
        )]);
        match judge(&classifier, "billing", "Laskuissa oli taas virheitä") {
            Verdict::Present { words, .. } => assert_eq!(words.len(), 2),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            judge(&classifier, "billing", "Projektipäällikkö on mukava"),
            Verdict::Unsure
        );
        // One shared word is not enough.
        assert_eq!(judge(&classifier, "billing", "Virheitä sattuu"), Verdict::Unsure);
    }

    #[test]
    fn the_latest_correction_of_a_text_wins() {
        let text = "Laskuissa on virheitä ja sekavuutta";
        let classifier = Classifier::train(&[example(text, "billing", true), example(text, "billing", false)]);
        assert!(matches!(judge(&classifier, "billing", text), Verdict::Absent { .. }));
    }
}
