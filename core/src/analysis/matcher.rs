//! Patterns from the lexicons and from admins' theme keywords, compiled once per
//! language and found in a [`Text`]. Notation: see `lexicon/mod.rs`.
//!
//! Finnish compounds: a plain (stemmed) word of a pattern also matches a Finnish word
//! whose stem *ends* with it, when both the head and the part before it have at least
//! three letters. Finnish puts the head of a compound last, so "aikataulu" finds
//! "projektiaikataulussa" and "viestintä" finds "sisäviestintää", while "hinta" does
//! not find "hin" inside a shorter word.

use std::ops::Range;

use super::grammar::is_negator;
use super::lexicon::words::CLAUSE_OPENERS_FI;
use super::text::{Text, Token, stem};
use crate::Lang;

/// Words of a phrase may have this many other words between them.
const MAX_GAP: usize = 1;
const COMPOUND_MIN_HEAD_CHARS: usize = 3;
const COMPOUND_MIN_MODIFIER_CHARS: usize = 3;
/// For `prefix*` patterns inside compounds, stricter: a short prefix or modifier would
/// find words by chance.
const COMPOUND_MIN_PREFIX_CHARS: usize = 5;
const COMPOUND_MIN_PREFIX_MODIFIER_CHARS: usize = 4;

#[derive(Debug, Clone, PartialEq)]
enum WordPattern {
    Stem(String),
    Prefix(String),
    Exact(String),
    Negator,
}

impl WordPattern {
    fn matches(&self, token: &Token, lang: Lang) -> bool {
        match self {
            WordPattern::Stem(s) => token.stem == *s || (lang == Lang::Fi && is_compound_head(&token.stem, s)),
            WordPattern::Prefix(p) => {
                token.lower.starts_with(p.as_str()) || (lang == Lang::Fi && is_compound_prefix(&token.lower, p))
            }
            WordPattern::Exact(w) => token.lower == *w,
            WordPattern::Negator => is_negator(lang, &token.lower),
        }
    }
}

fn is_compound_head(word_stem: &str, head: &str) -> bool {
    word_stem.len() > head.len()
        && word_stem.ends_with(head)
        && head.chars().count() >= COMPOUND_MIN_HEAD_CHARS
        && word_stem[..word_stem.len() - head.len()].chars().count() >= COMPOUND_MIN_MODIFIER_CHARS
}

/// Whether a Finnish word is a compound whose last part starts with `prefix`
/// ("kokonaisvastuuta" for `vastuu*`): the prefix long enough to be a word of its
/// own, and the part before it long enough to be one too, so that a prefix is not
/// found by chance inside a longer word.
fn is_compound_prefix(word: &str, prefix: &str) -> bool {
    prefix.chars().count() >= COMPOUND_MIN_PREFIX_CHARS
        && word
            .char_indices()
            .skip(COMPOUND_MIN_PREFIX_MODIFIER_CHARS)
            .any(|(at, _)| word[at..].starts_with(prefix))
}

/// Finnish writes a comma before every subordinate clause ("he tietävät, mitä
/// tekevät"), so a phrase may run on across a comma into a clause opener.
fn opens_finnish_clause(text: &Text, index: usize) -> bool {
    text.lang == Lang::Fi && CLAUSE_OPENERS_FI.contains(&text.tokens[index].lower.as_str())
}

/// A sequence of words, e.g. `could be better` or `luvat*`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Phrase {
    words: Vec<WordPattern>,
}

/// Where a phrase was found: the first and last word (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    pub first: usize,
    pub last: usize,
}

impl Phrase {
    /// `None` when the source holds no word at all.
    pub fn compile(source: &str, lang: Lang) -> Option<Phrase> {
        let mut words = Vec::new();
        for piece in source.split_whitespace() {
            if piece == "~not" {
                words.push(WordPattern::Negator);
                continue;
            }
            let lower = piece.to_lowercase().replace('’', "'");
            if let Some(exact) = lower.strip_prefix('=') {
                words.push(WordPattern::Exact(exact.to_string()));
                continue;
            }
            if let Some(prefix) = lower.strip_suffix('*') {
                let prefix = prefix.trim_matches(|c: char| !c.is_alphanumeric());
                if !prefix.is_empty() {
                    words.push(WordPattern::Prefix(prefix.to_string()));
                }
                continue;
            }
            // Split like the tokenizer does ("know-how" is two words in a text).
            for (start, end) in super::text::word_ranges(&lower) {
                words.push(WordPattern::Stem(stem(lang, &lower[start..end])));
            }
        }
        (!words.is_empty()).then_some(Phrase { words })
    }

    /// How specific the phrase is (its letters), to prefer `huolelli*` over `huole*`
    /// when both match the same words.
    pub fn specificity(&self) -> usize {
        self.words
            .iter()
            .map(|w| match w {
                WordPattern::Stem(s) | WordPattern::Prefix(s) | WordPattern::Exact(s) => s.chars().count(),
                WordPattern::Negator => 1,
            })
            .sum()
    }

    /// Whether the phrase is one word that matches `token` (which may stand in no
    /// text, such as the base of "unhelpful": see [`Token::standalone`]).
    pub fn matches_word(&self, token: &Token, lang: Lang) -> bool {
        matches!(self.words.as_slice(), [word] if word.matches(token, lang))
    }

    /// The phrase starting exactly at word `start`, not reaching beyond `within`.
    pub fn match_at(&self, text: &Text, start: usize, within: &Range<usize>) -> Option<Match> {
        let (first_word, rest) = self.words.split_first()?;
        if !within.contains(&start) || !first_word.matches(&text.tokens[start], text.lang) {
            return None;
        }
        let mut last = start;
        for word in rest {
            let candidates = last + 1..(last + 2 + MAX_GAP).min(within.end);
            last = candidates
                .take_while(|&j| !text.tokens[j].after_pause || opens_finnish_clause(text, j))
                .find(|&j| word.matches(&text.tokens[j], text.lang))?;
        }
        Some(Match { first: start, last })
    }

    /// The first occurrence within a range of words.
    pub fn find_in(&self, text: &Text, within: &Range<usize>) -> Option<Match> {
        within.clone().find_map(|start| self.match_at(text, start, within))
    }

    /// Every occurrence in the text, left to right, not overlapping.
    pub fn find_all(&self, text: &Text) -> Vec<Match> {
        let mut found = Vec::new();
        for sentence in &text.sentences {
            let mut start = sentence.tokens.start;
            while start < sentence.tokens.end {
                match self.match_at(text, start, &sentence.tokens) {
                    Some(m) => {
                        found.push(m);
                        start = m.last + 1;
                    }
                    None => start += 1,
                }
            }
        }
        found
    }
}

/// Groups of alternative phrases that must all occur in one sentence:
/// `virhe*|bugi* + ~not korjat*|vieläkään`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rule {
    groups: Vec<Vec<Phrase>>,
}

impl Rule {
    pub fn compile(source: &str, lang: Lang) -> Option<Rule> {
        let groups: Vec<Vec<Phrase>> = source
            .split('+')
            .map(|group| {
                group
                    .split('|')
                    .filter_map(|alternative| Phrase::compile(alternative, lang))
                    .collect()
            })
            .collect();
        (!groups.is_empty() && groups.iter().all(|g| !g.is_empty())).then_some(Rule { groups })
    }

    /// Where each group matched in sentence `sentence`, when all of them did.
    pub fn find_in_sentence(&self, text: &Text, sentence: usize) -> Option<Vec<Match>> {
        let within = &text.sentences[sentence].tokens;
        self.groups
            .iter()
            .map(|alternatives| alternatives.iter().find_map(|p| p.find_in(text, within)))
            .collect()
    }

    /// The sentences the rule fires in, with its matches there.
    pub fn find_all(&self, text: &Text) -> Vec<(usize, Vec<Match>)> {
        (0..text.sentences.len())
            .filter_map(|s| self.find_in_sentence(text, s).map(|m| (s, m)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(pattern: &str, raw: &str, lang: Lang) -> Vec<String> {
        let text = Text::new(raw, lang);
        Phrase::compile(pattern, lang)
            .unwrap()
            .find_all(&text)
            .into_iter()
            .map(|m| text.quote(m.first, m.last))
            .collect()
    }

    #[test]
    fn finnish_compound_heads_match_but_modifiers_and_short_words_do_not() {
        assert_eq!(
            quotes(
                "aikataulu",
                "Projektiaikataulussa ja aikatauluissa oli ongelmia",
                Lang::Fi
            ),
            ["Projektiaikataulussa", "aikatauluissa"]
        );
        assert_eq!(
            quotes("viestintä", "Sisäviestintä ei toimi.", Lang::Fi),
            ["Sisäviestintä"]
        );
        // "aikataulu" is the modifier here, not the head: no match.
        assert!(quotes("aikataulu", "Aikataulumuutokset", Lang::Fi).is_empty());
        // English words are not split.
        assert!(quotes("port", "The report", Lang::En).is_empty());
    }

    #[test]
    fn phrases_allow_one_word_between_but_not_a_comma() {
        assert_eq!(
            quotes("could be better", "It could be much better.", Lang::En),
            ["could be much better"]
        );
        assert!(quotes("could be better", "It could be, better.", Lang::En).is_empty());
        assert_eq!(
            quotes("~not tuo lisäarvo*", "Eivätkä tuo meille lisäarvoa", Lang::Fi),
            ["Eivätkä tuo meille lisäarvoa"]
        );
    }

    #[test]
    fn prefixes_match_word_starts_and_exact_words_only_themselves() {
        assert_eq!(quotes("luvat*", "Meille luvattiin paljon", Lang::Fi), ["luvattiin"]);
        assert_eq!(quotes("=report", "We reported it in the report", Lang::En), ["report"]);
        assert_eq!(
            quotes("report", "We reported it in the report", Lang::En),
            ["reported", "report"]
        );
    }

    #[test]
    fn rules_need_every_group_in_one_sentence() {
        let rule = Rule::compile("virhe* + vieläkään|~not korjat*", Lang::Fi).unwrap();
        let text = Text::new("Virhe on tiedossa. Sitä ei ole vieläkään korjattu.", Lang::Fi);
        assert!(rule.find_all(&text).is_empty());
        let text = Text::new("Virhettä ei ole vieläkään korjattu.", Lang::Fi);
        assert_eq!(rule.find_all(&text).len(), 1);
    }
}
