//! Text analysis of customer comments, in Finnish and English: deterministic,
//! explainable (every label carries the words that led to it) and offline.
//!
//! `Model::analyse` runs, in order: language detection (`lang_detect`), tokenising and
//! Snowball stemming (`text`), sentiment from lexicons with negation and intensifiers
//! (`sentiment`), themes from keywords (`themes`), churn causes, upsell and
//! development points (`signals`), and finally the organisation's corrections
//! (`classifier`), which may add or suppress labels. `evaluate` measures it all
//! against a labelled data set. The words themselves live in `lexicon`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::survey::Localized;
use crate::{ChurnCause, Lang};

mod classifier;
mod confidence;
mod derivation;
pub mod evaluate;
mod grammar;
mod lang_detect;
mod lexicon;
mod matcher;
mod sentiment;
mod signals;
mod text;
mod themes;

pub use themes::{
    THEME_KEY_MAX_CHARS, THEME_KEY_MIN_CHARS, THEME_KEYWORD_MAX_CHARS, THEME_MAX_KEYWORDS, THEME_PREFIX_MIN_CHARS,
    ThemeError, builtin_themes, theme_name,
};

pub use confidence::{LOW_CONFIDENCE, is_low as is_low_confidence, is_marked_uncertain};

use classifier::{Classifier, Example, Feature, Verdict, features};
use sentiment::{SentimentScorer, polarity_of};
use signals::{SignalFinder, churn_causes};
use text::Text;
use themes::ThemeMatcher;

/// The language assumed for a text that gives no clue ("OK", "👍"): Kaiku's customers
/// are Finnish firms first. Callers that know better use [`Model::analyse_in`].
pub const DEFAULT_LANG: Lang = Lang::Fi;

api_enum! {
    pub enum Polarity {
        Negative,
        Neutral,
        Positive,
    }
}

api_type! {
    pub struct Sentiment {
        pub polarity: Polarity,
        /// -1.0 (very negative) ..= 1.0 (very positive); within ±0.2 is neutral.
        pub score: f64,
        /// The words of the text that led to it, as written, e.g. "ei ole tyytyväinen".
        pub evidence: Vec<String>,
        /// True when the organisation's corrections decided the polarity.
        pub learned: bool,
        /// How sure the analysis is, 0..=1 (see `analysis::confidence` for how it is
        /// derived); 0 in analyses stored before confidences existed.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub confidence: f64,
    }
}

api_type! {
    pub struct ThemeLabel {
        pub key: String,
        /// The words of the text that showed the theme, as written.
        #[serde(default)]
        pub evidence: Vec<String>,
        /// True when it came from the organisation's corrections.
        #[serde(default)]
        pub learned: bool,
        /// How sure the analysis is, 0..=1 (see `analysis::confidence` for how it is
        /// derived); 0 in analyses stored before confidences existed.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub confidence: f64,
    }
}

api_type! {
    pub struct CauseLabel {
        pub cause: ChurnCause,
        #[serde(default)]
        pub evidence: Vec<String>,
        #[serde(default)]
        pub learned: bool,
        /// How sure the analysis is, 0..=1 (see `analysis::confidence` for how it is
        /// derived); 0 in analyses stored before confidences existed.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub confidence: f64,
    }
}

api_type! {
    pub struct CommentAnalysis {
        pub lang: Lang,
        pub sentiment: Sentiment,
        /// Sorted by key.
        #[serde(default)]
        pub themes: Vec<ThemeLabel>,
        /// Sorted by key.
        #[serde(default)]
        pub churn_causes: Vec<CauseLabel>,
        /// Sentences with upsell signals, verbatim.
        #[serde(default)]
        pub upsell: Vec<String>,
        /// How sure the analysis is of the upsell hint, 0..=1; 0 when there is none
        /// (and in analyses stored before confidences existed).
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub upsell_confidence: f64,
        /// The concrete sentences that ask for change, verbatim.
        #[serde(default)]
        pub development_points: Vec<String>,
    }
}

api_type! {
    /// A theme of the taxonomy: built in, or the organisation's own.
    pub struct ThemeDef {
        /// snake_case, 2–40 characters.
        pub key: String,
        pub name: Localized,
        /// Words or phrases in Finnish or English, matched by stem; `word*` matches
        /// words starting so, `=word` only that word. A Finnish keyword also finds
        /// compounds ending in it.
        pub keywords: Vec<String>,
    }
}

api_enum! {
    pub enum CorrectionKind {
        Sentiment,
        Theme,
        ChurnCause,
        /// A sentence the analysis took for a development point. Only "not a point"
        /// (`present: false`) is a correction: the team adds points as actions.
        DevelopmentPoint,
    }
}

api_type! {
    /// A team member's correction of one label of one comment.
    pub struct Correction {
        /// The comment.
        pub text: String,
        pub kind: CorrectionKind,
        /// "negative"/"neutral"/"positive", a theme key, a churn cause in snake_case,
        /// or the development point's sentence verbatim.
        pub label: String,
        /// True: the label applies; false: it does not.
        pub present: bool,
    }
}

/// The analysis as configured for one organisation: built-in and custom themes, and
/// a classifier trained on its corrections. Build once, analyse many.
#[derive(Debug, Clone)]
pub struct Model {
    sentiment: SentimentScorer,
    themes: ThemeMatcher,
    signals: SignalFinder,
    classifier: Classifier,
    /// Sentences the team said are not development points, by [`point_key`].
    not_points: BTreeSet<String>,
}

/// What makes two sentences the same point: case and spacing aside.
fn point_key(sentence: &str) -> String {
    sentence.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Model {
    /// Built-ins plus the organisation's themes (a custom theme with a built-in key
    /// extends its keywords), and a classifier trained on `corrections`. Corrections
    /// naming an unknown theme or cause are ignored; a later correction of the same
    /// comment and label replaces an earlier one.
    pub fn new(custom_themes: &[ThemeDef], corrections: &[Correction]) -> Model {
        let themes = ThemeMatcher::new(custom_themes);
        // A sentence is a point or not by itself, whatever comment it is in: it is
        // matched, not learned from words.
        let (points, labels): (Vec<&Correction>, Vec<&Correction>) = corrections
            .iter()
            .filter(|c| knows_label(&themes, c))
            .partition(|c| c.kind == CorrectionKind::DevelopmentPoint);
        let examples: Vec<Example> = labels
            .into_iter()
            .map(|c| Example {
                text: c.text.trim().to_string(),
                kind: c.kind,
                label: c.label.clone(),
                present: c.present,
                words: features(&prepare(&c.text, DEFAULT_LANG))
                    .into_iter()
                    .map(|f| f.word)
                    .collect(),
            })
            .collect();
        Model {
            sentiment: SentimentScorer::new(),
            themes,
            signals: SignalFinder::new(),
            classifier: Classifier::train(&examples),
            not_points: points.into_iter().map(|c| point_key(&c.label)).collect(),
        }
    }

    /// Whether the correction names a label this model has: a polarity, one of its
    /// themes, or a churn cause.
    pub fn knows(&self, correction: &Correction) -> bool {
        knows_label(&self.themes, correction)
    }

    /// Analyses a comment whose language is unknown (see [`DEFAULT_LANG`]).
    pub fn analyse(&self, text: &str) -> CommentAnalysis {
        self.analyse_in(text, DEFAULT_LANG)
    }

    /// Analyses a comment; `fallback` is the language assumed when the text itself
    /// gives no clue, e.g. the language the customer was surveyed in.
    pub fn analyse_in(&self, raw: &str, fallback: Lang) -> CommentAnalysis {
        let text = prepare(raw, fallback);
        let features = features(&text);
        let learned = Learned {
            classifier: &self.classifier,
            text: &text,
            features: &features,
        };
        let sentences = self.signals.sentences(&text);
        let churn = self.signals.churn_signals(&text);
        let context = sentiment::Context {
            complaints: complaints(&churn, self.signals.situations(&text)),
            wish_starts: sentences.wish_starts.clone(),
        };
        let (sentiment, judged) = self.sentiment.score_judging(&text, &context);
        let themes = learned.revise(
            CorrectionKind::Theme,
            self.themes
                .find_judged(&text, &judged, &self.signals.situation_themes(&text))
                .into_iter()
                .map(Found::from),
        );
        let causes = learned.revise(
            CorrectionKind::ChurnCause,
            churn_causes(&text, &churn).into_iter().map(Found::from),
        );
        let verbatim = |indices: Vec<usize>| indices.into_iter().map(|s| text.sentence_text(s)).collect();
        CommentAnalysis {
            lang: text.lang,
            sentiment: learned.revise_sentiment(sentiment),
            themes: themes
                .into_iter()
                .map(|f| ThemeLabel {
                    key: f.key,
                    evidence: f.evidence,
                    learned: f.learned,
                    confidence: f.confidence,
                })
                .collect(),
            churn_causes: causes
                .into_iter()
                .filter_map(|f| {
                    Some(CauseLabel {
                        cause: ChurnCause::from_code(&f.key)?,
                        evidence: f.evidence,
                        learned: f.learned,
                        confidence: f.confidence,
                    })
                })
                .collect(),
            upsell_confidence: confidence::of_evidence(sentences.upsell.len(), confidence::ONE_UPSELL_SENTENCE),
            upsell: verbatim(sentences.upsell),
            development_points: verbatim(sentences.development_points)
                .into_iter()
                .filter(|point: &String| !self.not_points.contains(&point_key(point)))
                .collect(),
        }
    }
}

/// What sentiment counts as complaints: the churn signals that are complaints, and
/// complaints by situation, each span once.
fn complaints(churn: &[signals::ChurnSignal], situations: Vec<matcher::Match>) -> Vec<matcher::Match> {
    let mut spans: Vec<matcher::Match> = churn.iter().filter(|s| s.is_complaint()).map(|s| s.span()).collect();
    for situation in situations {
        if !spans
            .iter()
            .any(|s| s.first <= situation.last && situation.first <= s.last)
        {
            spans.push(situation);
        }
    }
    spans
}

fn prepare(raw: &str, fallback: Lang) -> Text<'_> {
    Text::new(raw, lang_detect::detect(raw, fallback))
}

/// A theme or cause label on its way through the corrections.
struct Found {
    key: String,
    evidence: Vec<String>,
    learned: bool,
    confidence: f64,
}

impl From<ThemeLabel> for Found {
    fn from(t: ThemeLabel) -> Found {
        Found {
            key: t.key,
            evidence: t.evidence,
            learned: t.learned,
            confidence: t.confidence,
        }
    }
}

impl From<CauseLabel> for Found {
    fn from(c: CauseLabel) -> Found {
        Found {
            key: c.cause.code().to_string(),
            evidence: c.evidence,
            learned: c.learned,
            confidence: c.confidence,
        }
    }
}

/// Applies the organisation's corrections to what the lexicons found in one text.
struct Learned<'a> {
    classifier: &'a Classifier,
    text: &'a Text<'a>,
    features: &'a [Feature],
}

impl Learned<'_> {
    fn quotes(&self, tokens: &[usize]) -> Vec<String> {
        self.text.quotes(tokens.iter().map(|&t| (t, t)))
    }

    /// Adds the labels the corrections are confident about (learned, with the words
    /// that weighed most) and drops those they confidently reject; sorted by key.
    fn revise(&self, kind: CorrectionKind, found: impl Iterator<Item = Found>) -> Vec<Found> {
        let mut labels: Vec<Found> = found.collect();
        for label in self.classifier.labels(kind) {
            match self.classifier.judge(kind, label, self.features) {
                Verdict::Present { words, log_odds } if !labels.iter().any(|f| f.key == label) => labels.push(Found {
                    key: label.to_string(),
                    evidence: self.quotes(&words),
                    learned: true,
                    confidence: confidence::of_log_odds(log_odds),
                }),
                Verdict::Absent { .. } => labels.retain(|f| f.key != label),
                _ => {}
            }
        }
        labels.sort_by(|a, b| a.key.cmp(&b.key));
        labels
    }

    /// The most confident corrected polarity replaces the lexicon's; a confidently
    /// rejected polarity falls back to neutral.
    fn revise_sentiment(&self, lexicon: Sentiment) -> Sentiment {
        let verdicts: Vec<(Polarity, Verdict)> = self
            .classifier
            .labels(CorrectionKind::Sentiment)
            .filter_map(|label| Some((Polarity::from_code(label)?, label)))
            .map(|(polarity, label)| {
                (
                    polarity,
                    self.classifier.judge(CorrectionKind::Sentiment, label, self.features),
                )
            })
            .collect();
        let most_confident = verdicts
            .iter()
            .filter_map(|(polarity, verdict)| match verdict {
                Verdict::Present { words, log_odds } => Some((*polarity, words, *log_odds)),
                _ => None,
            })
            .max_by(|a, b| a.2.total_cmp(&b.2));
        if let Some((polarity, words, log_odds)) = most_confident {
            if polarity == lexicon.polarity {
                return lexicon;
            }
            return self.learned_sentiment(polarity, lexicon.score, words, log_odds);
        }
        let rejected = verdicts.iter().find_map(|(polarity, verdict)| match verdict {
            Verdict::Absent { words, log_odds } if *polarity == lexicon.polarity && *polarity != Polarity::Neutral => {
                Some((words, *log_odds))
            }
            _ => None,
        });
        match rejected {
            Some((words, log_odds)) => self.learned_sentiment(Polarity::Neutral, lexicon.score, words, log_odds),
            None => lexicon,
        }
    }

    /// A learned polarity keeps the lexicon's score when it agrees, and otherwise
    /// takes a typical score of that polarity, so score and polarity never contradict.
    fn learned_sentiment(&self, polarity: Polarity, lexicon_score: f64, words: &[usize], log_odds: f64) -> Sentiment {
        const TYPICAL: f64 = 0.5;
        let score = if polarity_of(lexicon_score) == polarity {
            lexicon_score
        } else {
            match polarity {
                Polarity::Negative => -TYPICAL,
                Polarity::Neutral => 0.0,
                Polarity::Positive => TYPICAL,
            }
        };
        Sentiment {
            polarity,
            score,
            evidence: self.quotes(words),
            learned: true,
            confidence: confidence::of_log_odds(log_odds),
        }
    }
}

#[cfg(test)]
mod tests;

fn knows_label(themes: &ThemeMatcher, correction: &Correction) -> bool {
    match correction.kind {
        CorrectionKind::Sentiment => Polarity::from_code(&correction.label).is_some(),
        CorrectionKind::Theme => themes.keys().any(|k| k == correction.label),
        CorrectionKind::ChurnCause => ChurnCause::from_code(&correction.label).is_some(),
        CorrectionKind::DevelopmentPoint => !correction.present && !point_key(&correction.label).is_empty(),
    }
}

/// The confidence of a label a team member set by hand.
const HAND_SET: f64 = 1.0;

impl CommentAnalysis {
    /// Whether any label is shown as uncertain ([`is_marked_uncertain`]): the
    /// sentiment, a theme, a churn cause, or the upsell hint when there is one. The
    /// team checks these first.
    pub fn has_uncertain_label(&self) -> bool {
        let upsell = (!self.upsell.is_empty()).then_some(self.upsell_confidence);
        std::iter::once(self.sentiment.confidence)
            .chain(self.themes.iter().map(|t| t.confidence))
            .chain(self.churn_causes.iter().map(|c| c.confidence))
            .chain(upsell)
            .any(is_marked_uncertain)
    }

    /// Shows a team member's correction on the analysis it corrects, at once; the
    /// model learns it for later comments.
    pub fn apply(&mut self, correction: &Correction) {
        match correction.kind {
            CorrectionKind::Sentiment => {
                if let (Some(polarity), true) = (Polarity::from_code(&correction.label), correction.present) {
                    self.sentiment.polarity = polarity;
                    self.sentiment.learned = true;
                    self.sentiment.confidence = HAND_SET;
                }
            }
            CorrectionKind::Theme => {
                self.themes.retain(|t| t.key != correction.label);
                if correction.present {
                    self.themes.push(ThemeLabel {
                        key: correction.label.clone(),
                        evidence: vec![],
                        learned: true,
                        confidence: HAND_SET,
                    });
                    self.themes.sort_by(|a, b| a.key.cmp(&b.key));
                }
            }
            CorrectionKind::ChurnCause => {
                let Some(cause) = ChurnCause::from_code(&correction.label) else {
                    return;
                };
                self.churn_causes.retain(|c| c.cause != cause);
                if correction.present {
                    self.churn_causes.push(CauseLabel {
                        cause,
                        evidence: vec![],
                        learned: true,
                        confidence: HAND_SET,
                    });
                }
            }
            CorrectionKind::DevelopmentPoint => {
                if !correction.present {
                    let key = point_key(&correction.label);
                    self.development_points.retain(|p| point_key(p) != key);
                }
            }
        }
    }
}
