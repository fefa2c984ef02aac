//! A comment cut into words and sentences. Every word remembers where it stands in
//! the original text, so any evidence can be quoted exactly as the customer wrote it.

use rust_stemmers::{Algorithm, Stemmer};

use super::lexicon::words::ABBREVIATIONS;
use crate::Lang;

/// Longer "words" (pasted hashes, URLs without spaces) are kept but not stemmed.
const MAX_STEMMED_CHARS: usize = 40;
/// "-ks" is folded only after this many letters, so short words stay as they are.
const MIN_KS_BASE_CHARS: usize = 3;

/// One word of a comment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    pub lower: String,
    pub stem: String,
    pub sentence: usize,
    /// Punctuation (a comma, a dash, a colon…) stands between this word and the one
    /// before it: negation and intensifiers do not reach across it.
    pub after_pause: bool,
}

impl Token {
    /// A word on its own, in no text (e.g. the base of a derived word).
    pub fn standalone(lower: &str, lang: Lang) -> Token {
        Token {
            start: 0,
            end: 0,
            lower: lower.to_string(),
            stem: stem(lang, lower),
            sentence: 0,
            after_pause: false,
        }
    }
}

/// One sentence: a byte range of the original text, trimmed, and its words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index range into [`Text::tokens`].
    pub tokens: std::ops::Range<usize>,
}

/// A comment, tokenised and stemmed in one language.
#[derive(Debug, Clone)]
pub(crate) struct Text<'a> {
    pub raw: &'a str,
    pub lang: Lang,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl<'a> Text<'a> {
    pub fn new(raw: &'a str, lang: Lang) -> Text<'a> {
        let byte_ranges = sentence_ranges(raw);
        let mut tokens = Vec::new();
        let mut sentences = Vec::with_capacity(byte_ranges.len());
        for (index, (start, end)) in byte_ranges.into_iter().enumerate() {
            let first = tokens.len();
            let mut previous_end = start;
            for (word_start, word_end) in word_ranges(&raw[start..end]) {
                let (word_start, word_end) = (start + word_start, start + word_end);
                // Curly apostrophes are straightened: lexicons and stemmers use straight ones.
                let lower = raw[word_start..word_end].to_lowercase().replace('’', "'");
                let after_pause = is_pause(&raw[previous_end..word_start]);
                tokens.push(Token {
                    start: word_start,
                    end: word_end,
                    stem: stem(lang, &lower),
                    lower,
                    sentence: index,
                    after_pause,
                });
                previous_end = word_end;
            }
            sentences.push(Sentence {
                start,
                end,
                tokens: first..tokens.len(),
            });
        }
        Text {
            raw,
            lang,
            tokens,
            sentences,
        }
    }

    /// The original text from the start of word `first` to the end of word `last`.
    pub fn quote(&self, first: usize, last: usize) -> String {
        self.raw[self.tokens[first].start..self.tokens[last].end].to_string()
    }

    /// Evidence: the quoted spans (first and last word, inclusive) in text order, each
    /// once.
    pub fn quotes(&self, spans: impl IntoIterator<Item = (usize, usize)>) -> Vec<String> {
        let mut spans: Vec<(usize, usize)> = spans.into_iter().collect();
        spans.sort_unstable();
        let mut quotes: Vec<String> = Vec::with_capacity(spans.len());
        for (first, last) in spans {
            let quote = self.quote(first, last);
            if !quotes.contains(&quote) {
                quotes.push(quote);
            }
        }
        quotes
    }

    pub fn sentence_text(&self, sentence: usize) -> String {
        let s = &self.sentences[sentence];
        self.raw[s.start..s.end].to_string()
    }
}

/// The Snowball stem of a lower-cased word. Words with characters outside the
/// language's alphabet (digits, emoji, other scripts) are returned as they are: the
/// stemmers are written for their own alphabets and need not cope with anything else.
///
/// Finnish nouns in -s keep a -ks- stem when inflected, which Snowball leaves apart
/// ("lupaus" → "lupaus", "lupauksia" → "lupauks"); a final "ks" is folded to "s" so
/// both meet.
pub(crate) fn stem(lang: Lang, lower: &str) -> String {
    let (algorithm, alphabet): (Algorithm, fn(char) -> bool) = match lang {
        Lang::Fi => (Algorithm::Finnish, |c| c.is_ascii_lowercase() || "äöåéü".contains(c)),
        Lang::En => (Algorithm::English, |c| c.is_ascii_lowercase() || c == '\''),
    };
    let stemmable = !lower.is_empty() && lower.chars().count() <= MAX_STEMMED_CHARS && lower.chars().all(alphabet);
    if !stemmable {
        return lower.to_string();
    }
    let stemmed = Stemmer::create(algorithm).stem(lower).into_owned();
    match stemmed.strip_suffix("ks") {
        Some(base) if lang == Lang::Fi && base.chars().count() >= MIN_KS_BASE_CHARS => format!("{base}s"),
        _ => stemmed,
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Whether the characters between two words end a clause: a comma, semicolon, colon,
/// dash, bracket or quote. A hyphen counts only with a space next to it ("hyvä - mutta"),
/// not inside a compound ("IT-osasto").
fn is_pause(gap: &str) -> bool {
    gap.chars()
        .any(|c| matches!(c, ',' | ';' | ':' | '–' | '—' | '(' | ')' | '"' | '“' | '”' | '/'))
        || (gap.contains('-') && gap.contains(char::is_whitespace))
}

/// Byte ranges of words: runs of letters and digits, with an apostrophe kept inside a
/// word ("don't", "we'd") but not at its edges. Hyphens split words, so "IT-osasto"
/// is "IT" and "osasto", and the compound rule of the matcher sees "osasto".
pub(crate) fn word_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_alnum = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        let inside = c.is_alphanumeric() || (is_apostrophe(c) && start.is_some() && next_is_alnum);
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                ranges.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        ranges.push((s, text.len()));
    }
    ranges
}

/// Byte ranges of sentences, trimmed: text ends a sentence at a newline, or at `.`,
/// `!`, `?` or `…` followed by a space or the end — except after a known abbreviation
/// ("esim.", "e.g.") or inside numbers ("1.5").
pub(crate) fn sentence_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let boundary_end = match c {
            '\n' | '\r' => Some(i),
            '.' | '!' | '?' | '…' => {
                let next = chars.peek().map(|&(_, n)| n);
                let ends = next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '”' || n == ')');
                let after_abbreviation = c == '.' && ends_with_abbreviation(&text[start..i]);
                (ends && !after_abbreviation).then_some(i + c.len_utf8())
            }
            _ => None,
        };
        if let Some(end) = boundary_end {
            push_trimmed(text, start, end, &mut ranges);
            start = end;
        }
    }
    push_trimmed(text, start, text.len(), &mut ranges);
    ranges
}

fn ends_with_abbreviation(before_dot: &str) -> bool {
    let last_word = before_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_lowercase();
    ABBREVIATIONS.contains(&last_word.as_str())
}

fn push_trimmed(text: &str, start: usize, end: usize, ranges: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let trimmed_start = start + (piece.len() - piece.trim_start().len());
    let trimmed_end = start + piece.trim_end().len();
    if trimmed_start < trimmed_end && piece.chars().any(char::is_alphanumeric) {
        ranges.push((trimmed_start, trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        word_ranges(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        sentence_ranges(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_split_hyphens() {
        assert_eq!(
            words("We don't 'love' IT-osasto!"),
            ["We", "don't", "love", "IT", "osasto"]
        );
        assert_eq!(words("didn’t"), ["didn’t"]);
        assert_eq!(words("... !!"), Vec::<&str>::new());
    }

    #[test]
    fn sentences_split_on_terminators_and_newlines_but_not_abbreviations() {
        assert_eq!(
            sentences("Hyvä työ! Esim. raportit paranivat 1.5 kertaa.\nKiitos"),
            ["Hyvä työ!", "Esim. raportit paranivat 1.5 kertaa.", "Kiitos"]
        );
        assert_eq!(sentences("  ...  "), Vec::<&str>::new());
    }

    #[test]
    fn finnish_stems_fold_inflections() {
        assert_eq!(stem(Lang::Fi, "aikataulussa"), stem(Lang::Fi, "aikataulu"));
        assert_eq!(stem(Lang::Fi, "lupauksia"), stem(Lang::Fi, "lupaus"));
        assert_eq!(stem(Lang::Fi, "kustannukset"), stem(Lang::Fi, "kustannus"));
        assert_eq!(stem(Lang::En, "reports"), stem(Lang::En, "reporting"));
        assert_eq!(stem(Lang::Fi, "42€"), "42€");
    }

    #[test]
    fn tokens_know_their_sentence_and_pauses() {
        let text = Text::new("Ei, kiitos. Hyvä", Lang::Fi);
        let summary: Vec<(&str, usize, bool)> = text
            .tokens
            .iter()
            .map(|t| (&text.raw[t.start..t.end], t.sentence, t.after_pause))
            .collect();
        assert_eq!(summary, [("Ei", 0, false), ("kiitos", 0, true), ("Hyvä", 1, false)]);
        assert_eq!(text.quote(0, 1), "Ei, kiitos");
        assert_eq!(text.quotes([(2, 2), (0, 0), (2, 2)]), ["Ei", "Hyvä"]);
    }
}
