//! Words whose form turns a sentiment word around: the Finnish caritive ("ongelmaton",
//! "virheettömästi": without problems, without errors), English "-free" ("error-free")
//! and negative prefixes ("unhelpful", "inaccurate", "epäkäytännöllinen"). The
//! lexicons name the base words once; their turned forms follow from here.

use super::lexicon::words::{NEGATIVE_PREFIXES_EN, NEGATIVE_PREFIXES_FI, NOT_NEGATIVE_PREFIXED_EN};
use super::text::Text;
use crate::Lang;

/// A turned word is nearly as strong as its base, in the other direction (like a
/// negation: "virheetön" is good, "unhelpful" bad).
pub(crate) const TURNED_FACTOR: f64 = -0.8;

/// The shortest base left after a prefix, so that "in" + "to" is not "into".
const MIN_BASE_CHARS: usize = 4;

/// Whether the word at `index`, found by a pattern of `pattern_chars` letters, is the
/// pattern's word turned around: a Finnish caritive beyond the pattern ("ongelm*" in
/// "ongelmaton", but not "moitteettom*" in "moitteeton", which names the caritive
/// itself), or an English word followed by "free" ("error-free").
pub(crate) fn is_turned(text: &Text, index: usize, pattern_chars: usize) -> bool {
    let lower = text.tokens[index].lower.as_str();
    match text.lang {
        Lang::Fi => caritive_at(lower).is_some_and(|at| at >= pattern_chars),
        Lang::En => text.tokens.get(index + 1).is_some_and(|next| {
            next.lower == "free" && !next.after_pause && next.sentence == text.tokens[index].sentence
        }),
    }
}

/// Where the caritive suffix starts in a Finnish word (in letters): "-ton"/"-tön" at the
/// end, or an inflected "-ttom-"/"-ttöm-" ("virheettömästi", "ongelmattomia").
fn caritive_at(lower: &str) -> Option<usize> {
    let letters: Vec<char> = lower.chars().collect();
    let n = letters.len();
    let ends_caritive = n > 3 && letters[n - 3] == 't' && matches!(letters[n - 2], 'o' | 'ö') && letters[n - 1] == 'n';
    if ends_caritive {
        return Some(n - 3);
    }
    (0..n.saturating_sub(3)).rev().find(|&i| {
        letters[i] == 't' && letters[i + 1] == 't' && matches!(letters[i + 2], 'o' | 'ö') && letters[i + 3] == 'm'
    })
}

/// The base of a word with a negative prefix ("helpful" in "unhelpful"), if it has one
/// long enough to be a word; lexicalised exceptions ("invaluable") have none.
pub(crate) fn negative_prefix_base(lang: Lang, lower: &str) -> Option<&str> {
    let prefixes = match lang {
        Lang::Fi => NEGATIVE_PREFIXES_FI,
        Lang::En => NEGATIVE_PREFIXES_EN,
    };
    if lang == Lang::En && NOT_NEGATIVE_PREFIXED_EN.contains(&lower) {
        return None;
    }
    prefixes
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .filter(|base| base.chars().count() >= MIN_BASE_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caritives_are_found_where_they_start() {
        assert_eq!(caritive_at("ongelmaton"), Some(7));
        assert_eq!(caritive_at("virheettömästi"), Some(6));
        assert_eq!(caritive_at("ongelma"), None);
        assert_eq!(caritive_at("ton"), None);
    }

    #[test]
    fn negative_prefixes_leave_a_base() {
        assert_eq!(negative_prefix_base(Lang::En, "unhelpful"), Some("helpful"));
        assert_eq!(negative_prefix_base(Lang::En, "invaluable"), None);
        assert_eq!(negative_prefix_base(Lang::En, "into"), None);
        assert_eq!(
            negative_prefix_base(Lang::Fi, "epäkäytännöllinen"),
            Some("käytännöllinen")
        );
    }
}
