//! Is a comment Finnish or English? Each word votes: function words of either language
//! count most, then letters and endings only one of them uses (ä, ö, "-ssa", "-llä";
//! "th", "-ing", "n't"). A text without a clear vote — "OK", "👍", "5/5" — gets the
//! caller's fallback, usually the language the customer was asked in.

use super::lexicon::words::{STOPWORDS_EN, STOPWORDS_FI};
use super::text::word_ranges;
use crate::Lang;

const FUNCTION_WORD_VOTE: f64 = 2.0;
const FINNISH_LETTER_VOTE: f64 = 3.0;
const ENDING_VOTE: f64 = 1.0;
const LETTER_PAIR_VOTE: f64 = 0.5;

const FINNISH_ENDINGS: &[&str] = &[
    "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "mme", "tte", "kin", "kaan", "kään", "nen",
    "ista", "iin", "itta", "ttiin", "taan", "tään",
];
const ENGLISH_ENDINGS: &[&str] = &["ing", "tion", "ly", "ed", "ness", "ment", "ies", "ful", "less", "able"];
const ENGLISH_CONTRACTIONS: &[&str] = &["n't", "'s", "'re", "'ll", "'ve", "'d", "'m"];
/// Letter pairs native Finnish words use and English words hardly do, and back.
const FINNISH_PAIRS: &[&str] = &["aa", "uu", "yy", "ii", "ää", "öö", "ai", "uo", "ie"];
const ENGLISH_PAIRS: &[&str] = &[
    "th", "wh", "sh", "ch", "ck", "ph", "w", "c", "q", "x", "z", "b", "f", "ou", "ea",
];
/// Words shorter than this say nothing by their endings ("led", "aina").
const MIN_CHARS_FOR_ENDINGS: usize = 5;

pub(crate) fn detect(text: &str, fallback: Lang) -> Lang {
    let (mut fi, mut en) = (0.0, 0.0);
    for (start, end) in word_ranges(text) {
        let word = text[start..end].to_lowercase().replace('’', "'");
        let (word_fi, word_en) = votes(&word);
        fi += word_fi;
        en += word_en;
    }
    if fi > en {
        Lang::Fi
    } else if en > fi {
        Lang::En
    } else {
        fallback
    }
}

fn votes(word: &str) -> (f64, f64) {
    if STOPWORDS_FI.contains(&word) {
        return (FUNCTION_WORD_VOTE, 0.0);
    }
    if STOPWORDS_EN.contains(&word) {
        return (0.0, FUNCTION_WORD_VOTE);
    }
    if !word.chars().any(char::is_alphabetic) {
        return (0.0, 0.0);
    }
    if word.contains(['ä', 'ö']) {
        return (FINNISH_LETTER_VOTE, 0.0);
    }
    if ENGLISH_CONTRACTIONS.iter().any(|c| word.ends_with(c)) {
        return (0.0, FUNCTION_WORD_VOTE);
    }
    let long = word.chars().count() >= MIN_CHARS_FOR_ENDINGS;
    let ending = |endings: &[&str]| {
        if long && endings.iter().any(|e| word.ends_with(e)) {
            ENDING_VOTE
        } else {
            0.0
        }
    };
    let pairs = |pairs: &[&str]| {
        if pairs.iter().any(|p| word.contains(p)) {
            LETTER_PAIR_VOTE
        } else {
            0.0
        }
    };
    (
        ending(FINNISH_ENDINGS) + pairs(FINNISH_PAIRS),
        ending(ENGLISH_ENDINGS) + pairs(ENGLISH_PAIRS),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_languages_apart() {
        assert_eq!(detect("En ole tyytyväinen aikatauluun", Lang::En), Lang::Fi);
        assert_eq!(detect("Laskutus toimii hyvin", Lang::En), Lang::Fi);
        assert_eq!(detect("The report was not useful", Lang::Fi), Lang::En);
        assert_eq!(detect("Great work, thanks!", Lang::Fi), Lang::En);
        assert_eq!(detect("Kiitos", Lang::En), Lang::Fi);
    }

    #[test]
    fn texts_without_words_get_the_fallback() {
        for text in ["", "👍", "5/5", "!!!"] {
            assert_eq!(detect(text, Lang::Fi), Lang::Fi, "{text}");
            assert_eq!(detect(text, Lang::En), Lang::En, "{text}");
        }
    }
}
