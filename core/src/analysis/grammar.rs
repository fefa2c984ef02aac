//! The function words of a text's language: negation, intensifiers, contrast. Shared
//! by sentiment (which they steer) and the classifier (which marks negated words).

use super::lexicon::words::{
    CONTRAST_EN, CONTRAST_FI, INTENSIFIERS_EN, INTENSIFIERS_FI, NEGATION_REACH, NEGATORS_EN, NEGATORS_FI,
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

/// The negation word that reaches word `index`, if any.
pub(crate) fn negated_by(text: &Text, index: usize) -> Option<usize> {
    clause_before(text, index, NEGATION_REACH).find(|&j| is_negator(text.lang, &text.tokens[j].lower))
}
