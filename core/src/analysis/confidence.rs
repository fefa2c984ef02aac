//! How sure the analysis is of each label, 0..=1, derived deterministically from what
//! led to the label, so that the same text always gets the same confidence and a
//! reader can see why:
//!
//! - sentiment from the lexicons: how far the score lies beyond the neutral band
//!   (a positive or negative label), or how close to zero it stays (a neutral one);
//!   a neutral label with no sentiment words at all is a guess, 0.5;
//! - themes and churn causes from the lexicons: by how many separate pieces of
//!   evidence point to the label; one cue word is the least sure (a theme keyword
//!   0.7, a churn cue 0.6, since causes are inferences), each further piece halves the
//!   remaining doubt;
//! - upsell: like a theme, by the number of sentences that hint at it;
//! - labels learned from the organisation's corrections: the classifier's log odds
//!   as a probability, at most 0.95; labels a team member set by hand: 1.0.

use super::Polarity;
use super::sentiment::NEUTRAL_BAND;

/// Below this, a label is shown as uncertain.
pub const LOW_CONFIDENCE: f64 = 0.65;

/// The confidence of a theme found by one keyword.
pub(crate) const ONE_THEME_KEYWORD: f64 = 0.7;
/// The confidence of a churn cause found by one cue.
pub(crate) const ONE_CHURN_CUE: f64 = 0.6;
/// The confidence of an upsell hint in one sentence.
pub(crate) const ONE_UPSELL_SENTENCE: f64 = 0.7;
/// A label learned from corrections is at most this sure.
const LEARNED_MAX: f64 = 0.95;
/// A neutral sentiment with no sentiment words at all.
const NEUTRAL_WITHOUT_EVIDENCE: f64 = 0.5;
/// A neutral sentiment whose words cancel out exactly is at most this sure: the
/// words might weigh differently for a reader.
const NEUTRAL_MAX: f64 = 0.75;
const NEUTRAL_MIN: f64 = 0.4;

/// Whether a label with this confidence should be marked as uncertain.
pub fn is_low(confidence: f64) -> bool {
    confidence < LOW_CONFIDENCE
}

/// Whether a stored label is shown as uncertain: low, but not 0, the confidence of
/// labels analysed before confidences existed (nobody knows how sure those were).
pub fn is_marked_uncertain(confidence: f64) -> bool {
    confidence > 0.0 && is_low(confidence)
}

/// The confidence of a lexicon sentiment, from its score and evidence.
pub(crate) fn of_sentiment(polarity: Polarity, score: f64, has_evidence: bool) -> f64 {
    let distance = score.abs();
    let confidence = match polarity {
        Polarity::Neutral if !has_evidence => NEUTRAL_WITHOUT_EVIDENCE,
        Polarity::Neutral => NEUTRAL_MIN + (NEUTRAL_MAX - NEUTRAL_MIN) * (1.0 - distance / NEUTRAL_BAND),
        Polarity::Positive | Polarity::Negative => 0.5 + 0.5 * (distance - NEUTRAL_BAND) / (1.0 - NEUTRAL_BAND),
    };
    round(confidence.clamp(0.0, 1.0))
}

/// The confidence of a label shown by `pieces` separate pieces of evidence, the first
/// of which gives `first`.
pub(crate) fn of_evidence(pieces: usize, first: f64) -> f64 {
    if pieces == 0 {
        return 0.0;
    }
    let doubt = (1.0 - first) * 0.5f64.powi(pieces as i32 - 1);
    round(1.0 - doubt)
}

/// The confidence of a label learned from corrections, from the classifier's log odds;
/// never above [`LEARNED_MAX`], since a few corrections generalise only so far.
pub(crate) fn of_log_odds(log_odds: f64) -> f64 {
    round((1.0 / (1.0 + (-log_odds.abs()).exp())).min(LEARNED_MAX))
}

/// Two decimals: enough to rank labels, and stable to print and compare.
fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentiment_confidence_grows_with_distance_from_neutral() {
        let weak = of_sentiment(Polarity::Positive, 0.25, true);
        let strong = of_sentiment(Polarity::Positive, 0.9, true);
        assert!(weak < strong, "{weak} {strong}");
        assert!(is_low(weak) && !is_low(strong));
        assert_eq!(of_sentiment(Polarity::Negative, -1.0, true), 1.0);
        assert_eq!(of_sentiment(Polarity::Negative, -0.9, true), strong);
    }

    #[test]
    fn a_neutral_without_words_is_a_guess_and_cancelling_words_are_surer() {
        assert_eq!(of_sentiment(Polarity::Neutral, 0.0, false), 0.5);
        assert_eq!(of_sentiment(Polarity::Neutral, 0.0, true), 0.75);
        assert!(of_sentiment(Polarity::Neutral, 0.15, true) < 0.5);
    }

    #[test]
    fn more_evidence_is_surer_and_never_certain() {
        assert_eq!(of_evidence(0, ONE_THEME_KEYWORD), 0.0);
        assert_eq!(of_evidence(1, ONE_THEME_KEYWORD), 0.7);
        assert_eq!(of_evidence(2, ONE_THEME_KEYWORD), 0.85);
        assert_eq!(of_evidence(1, ONE_CHURN_CUE), 0.6);
        assert!(is_low(of_evidence(1, ONE_CHURN_CUE)));
        assert!(!is_low(of_evidence(2, ONE_CHURN_CUE)));
        assert!(of_evidence(10, ONE_CHURN_CUE) < 1.0 + f64::EPSILON);
    }

    #[test]
    fn learned_confidence_is_the_probability_of_the_log_odds() {
        assert_eq!(of_log_odds(0.0), 0.5);
        assert_eq!(of_log_odds(2.0), 0.88);
        assert_eq!(of_log_odds(-2.0), 0.88);
        assert_eq!(of_log_odds(40.0), 0.95);
    }
}
