//! The function words of a text's language: negation, intensifiers, contrast. Shared
//! by sentiment (which they steer) and the classifier (which marks negated words).

use super::lexicon::words::{
    CLAUSE_OPENERS_EN, CLAUSE_OPENERS_FI, CONTRAST_EN, CONTRAST_FI, COORDINATORS_EN, COORDINATORS_FI, DEGREE_EN,
    DEGREE_FI, EITHER_EN, EITHER_FI, INTENSIFIERS_EN, INTENSIFIERS_FI, NEGATION_CLAUSE_REACH, NEGATION_REACH_EN,
    NEGATION_REACH_FI, NEGATIVE_POLARITY_EN, NEGATIVE_POLARITY_FI, NEGATORS_EN, NEGATORS_FI, NEVER_EN, NEVER_FI,
    NOT_EITHER_FI, RAISERS_EN, RAISERS_FI, THAT_EN, THAT_FI,
};
use super::text::Text;
use crate::Lang;

pub(crate) fn is_negator(lang: Lang, lower: &str) -> bool {
    match lang {
        Lang::Fi => NEGATORS_FI.contains(&lower),
        Lang::En => NEGATORS_EN.contains(&lower) || lower.ends_with("n't"),
    }
}

pub(crate) fn is_intensifier(lang: Lang, lower: &str) -> bool {
    match lang {
        Lang::Fi => INTENSIFIERS_FI.contains(&lower),
        Lang::En => INTENSIFIERS_EN.contains(&lower),
    }
}

pub(crate) fn is_contrast(lang: Lang, lower: &str) -> bool {
    match lang {
        Lang::Fi => CONTRAST_FI.contains(&lower),
        Lang::En => CONTRAST_EN.contains(&lower),
    }
}

/// The words before `index` in its clause, nearest first, at most `reach` of them: the
/// walk stops at punctuation, at the sentence start and at a contrast word ("not
/// cheap but good": "not" does not reach "good").
pub(crate) fn clause_before<'t>(text: &'t Text<'_>, index: usize, reach: usize) -> impl Iterator<Item = usize> + 't {
    let sentence = text.tokens[index].sentence;
    (index.saturating_sub(reach)..index).rev().take_while(move |&j| {
        let next = &text.tokens[j + 1];
        let token = &text.tokens[j];
        token.sentence == sentence && !next.after_pause && !is_contrast(text.lang, &token.lower)
    })
}

/// The negation word that reaches word `index`, if any: one close before it in its
/// clause (a coordinator such as "ja"/"and" or an embedded clause ends the walk),
/// further when a negative-polarity word between them carries the negation on ("emme
/// ole koko vuonna saaneet *yhtään* raporttia ajallaan", "not *a single* report on
/// time"), or a negated verb of thinking or saying before a "that"-clause ("en usko,
/// että…", "I don't think…").
pub(crate) fn negated_by(text: &Text, index: usize) -> Option<usize> {
    let (reach, openers, coordinators, polarity) = match text.lang {
        Lang::Fi => (
            NEGATION_REACH_FI,
            CLAUSE_OPENERS_FI,
            COORDINATORS_FI,
            NEGATIVE_POLARITY_FI,
        ),
        Lang::En => (
            NEGATION_REACH_EN,
            CLAUSE_OPENERS_EN,
            COORDINATORS_EN,
            NEGATIVE_POLARITY_EN,
        ),
    };
    let word = |j: usize| text.tokens[j].lower.as_str();
    let mut polarity_between = false;
    for j in clause_before(text, index, NEGATION_CLAUSE_REACH) {
        if openers.contains(&word(j)) || coordinators.contains(&word(j)) {
            break;
        }
        if is_negator(text.lang, word(j)) {
            if index - j <= reach || polarity_between {
                return Some(j);
            }
            break;
        }
        polarity_between |= polarity.contains(&word(j));
    }
    raised_negation(text, index)
}

/// "En usko, että he ymmärsivät", "I can't say we were impressed": a negated verb of
/// thinking or saying negates the clause it introduces. Returns the negation word when
/// one stands at most two words before such a verb, which stands before word `index`
/// in its sentence with at most a "that"/"että" (and the comma before it) between the
/// two clauses.
fn raised_negation(text: &Text, index: usize) -> Option<usize> {
    const RAISER_REACH: usize = 8;
    const NEGATOR_BEFORE_RAISER: usize = 2;
    let (raisers, that, openers) = match text.lang {
        Lang::Fi => (RAISERS_FI, THAT_FI, CLAUSE_OPENERS_FI),
        Lang::En => (RAISERS_EN, THAT_EN, CLAUSE_OPENERS_EN),
    };
    let sentence = text.tokens[index].sentence;
    let word = |j: usize| text.tokens[j].lower.as_str();
    let mut crossed_that = false;
    for j in (index.saturating_sub(RAISER_REACH)..index).rev() {
        if text.tokens[j].sentence != sentence || is_contrast(text.lang, word(j)) {
            return None;
        }
        // Only the pause before "that"/"että" may stand between the two clauses.
        if text.tokens[j + 1].after_pause && !that.contains(&word(j + 1)) {
            return None;
        }
        if that.contains(&word(j)) && !crossed_that {
            crossed_that = true;
            continue;
        }
        if openers.contains(&word(j)) {
            return None;
        }
        if raisers.iter().any(|r| word(j).starts_with(r)) {
            return (j.saturating_sub(NEGATOR_BEFORE_RAISER)..j)
                .rev()
                .find(|&n| text.tokens[n].sentence == sentence && is_negator(text.lang, word(n)));
        }
    }
    None
}

/// Whether the negation at `negator` is "never … this good" praise for the word at
/// `index`: a "never" in the clause and a degree word close to the word, before it
/// ("never had a site this good") or just after ("en ole koskaan nähnyt sen sujuvan
/// näin hyvin").
pub(crate) fn is_never_this_good(text: &Text, negator: usize, index: usize) -> bool {
    const DEGREE_REACH: usize = 2;
    let (never, degree) = match text.lang {
        Lang::Fi => (NEVER_FI, DEGREE_FI),
        Lang::En => (NEVER_EN, DEGREE_EN),
    };
    const NEVER_BEFORE_NEGATOR: usize = 2;
    let is_degree = |j: usize| degree.contains(&text.tokens[j].lower.as_str());
    // "Koskaan ei ole ollut näin helppoa": the "never" may also open the clause.
    let said_never = (negator.saturating_sub(NEVER_BEFORE_NEGATOR)..index)
        .filter(|&j| text.tokens[j].sentence == text.tokens[index].sentence)
        .any(|j| never.contains(&text.tokens[j].lower.as_str()));
    let sentence = text.tokens[index].sentence;
    let degree_after = (index + 1..text.tokens.len())
        .take(DEGREE_REACH)
        .take_while(|&j| text.tokens[j].sentence == sentence && !text.tokens[j].after_pause)
        .any(is_degree);
    said_never && (clause_before(text, index, DEGREE_REACH).any(is_degree) || degree_after)
}

/// Whether the sentence of word `index` ends a "not X, but not Y either" turn.
pub(crate) fn says_either(text: &Text, index: usize) -> bool {
    let sentence = &text.sentences[text.tokens[index].sentence];
    let words = match text.lang {
        Lang::Fi => EITHER_FI,
        Lang::En => EITHER_EN,
    };
    sentence.tokens.clone().any(|i| {
        let lower = text.tokens[i].lower.as_str();
        words.contains(&lower) || (text.lang == Lang::Fi && is_also_not_clitic(lower))
    })
}

/// A Finnish word with the clitic -kään/-kaan "not … either" ("hyväkään"), other than
/// the pronouns and adverbs that always carry it ("kukaan", "koskaan", "vieläkään").
fn is_also_not_clitic(lower: &str) -> bool {
    (lower.ends_with("kään") || lower.ends_with("kaan"))
        && lower.chars().count() > 6
        && !NOT_EITHER_FI.iter().any(|w| lower.starts_with(w))
}
