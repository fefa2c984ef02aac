//! Sentiment from the lexicons: every sentiment word or phrase found adds its weight,
//! turned around by a negation before it in the same clause ("en ole tyytyväinen",
//! "not useful"), strengthened by an intensifier ("todella hyvä"), and weighed more
//! after a "but" than before it. Churn signals count as complaints; good words in a
//! wish ("olisi hienoa, jos…") describe what is wanted, not what is, and do not count.
//! The sum is squashed into -1..=1.

use super::confidence;
use super::derivation::{TURNED_FACTOR, is_turned, negative_prefix_base};
use super::grammar::{
    clause_before, is_contrast, is_intensifier, is_negator, is_never_this_good, negated_by, says_either,
};
use super::lexicon::sentiment::{HEDGES_EN, HEDGES_FI, SENTIMENT_EN, SENTIMENT_FI, Weighted};
use super::lexicon::words::{
    AFTER_CONTRAST_FACTOR, BEFORE_CONTRAST_FACTOR, INTENSIFIER_FACTOR, QUESTION_OPENERS_EN, SIGN_OFF_MAX_WORDS,
    SIGN_OFFS_EN, SIGN_OFFS_FI,
};
use super::matcher::{Match, Phrase};
use super::text::{Text, Token};
use super::{Polarity, Sentiment};
use crate::Lang;

/// A negated good word is nearly as bad ("not useful"); a negated bad word is only
/// mildly good ("not bad", "ei ongelmia").
const NEGATED_POSITIVE_FACTOR: f64 = -0.8;
const NEGATED_NEGATIVE_FACTOR: f64 = -0.6;
/// In "not X, but not Y either" both negations weigh the same, so the halves cancel.
const BALANCED_NEGATION_FACTOR: f64 = -0.7;
/// Scores closer to zero than this are neutral.
pub(crate) const NEUTRAL_BAND: f64 = 0.2;
/// Shapes the squashing `s / sqrt(s² + SOFTNESS)`: one plain word (weight 1) gives
/// 0.63, a faint one ("ok", 0.2) stays neutral.
const SOFTNESS: f64 = 1.5;
/// What a churn signal ("kukaan ei kuuntele", "a competitor is cheaper") weighs as a
/// complaint.
const COMPLAINT_WEIGHT: f64 = -0.6;
/// An intensifier must stand this close before the word it strengthens.
const INTENSIFIER_REACH: usize = 2;

/// One piece of evidence: words `first..=last` moved the score by `weight`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Contribution {
    first: usize,
    last: usize,
    weight: f64,
    /// Turned around by a negation ("not bad", "not great").
    negated: bool,
}

/// What the other analyses of the text tell sentiment.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    /// Spans that signal churn, each a complaint in itself.
    pub complaints: Vec<Match>,
    /// Where wishes start (word indices): good words from there to the end of the
    /// sentence describe what is wanted.
    pub wish_starts: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct SentimentScorer {
    fi: Vec<(Phrase, f64)>,
    en: Vec<(Phrase, f64)>,
}

impl SentimentScorer {
    pub fn new() -> SentimentScorer {
        let compile = |lists: &[&[Weighted]], lang: Lang| -> Vec<(Phrase, f64)> {
            lists
                .iter()
                .flat_map(|list| list.iter())
                .filter_map(|&(source, weight)| Phrase::compile(source, lang).map(|p| (p, weight)))
                .collect()
        };
        SentimentScorer {
            fi: compile(&[SENTIMENT_FI, HEDGES_FI], Lang::Fi),
            en: compile(&[SENTIMENT_EN, HEDGES_EN], Lang::En),
        }
    }

    #[cfg(test)]
    pub fn score(&self, text: &Text, context: &Context) -> Sentiment {
        self.score_judging(text, context).0
    }

    /// The sentiment of the text, and per sentence whether it judges anything: holds a
    /// sentiment word (also one wished for or asked about) or a complaint. Themes use
    /// it to tell a role or a thing being judged from one merely named.
    pub fn score_judging(&self, text: &Text, context: &Context) -> (Sentiment, Vec<bool>) {
        let mut used_negators = Vec::new();
        let mut judged = vec![false; text.sentences.len()];
        let mut contributions: Vec<Contribution> = self
            .lexicon_matches(text)
            .into_iter()
            .filter(|(_, weight)| *weight != 0.0)
            .map(|(m, weight)| adjust(text, m, weight, &mut used_negators))
            .inspect(|c| judged[text.tokens[c.first].sentence] = true)
            .filter(|c| c.weight < 0.0 || !(is_wished(text, context, c.first) || is_asked(text, c.first)))
            .collect();
        contributions.extend(context.complaints.iter().map(|m| Contribution {
            first: m.first,
            last: m.last,
            weight: COMPLAINT_WEIGHT,
            negated: false,
        }));
        balance_negations(text, &mut contributions);
        let shouting = shouted(text, &contributions);
        contributions.extend(shouting);
        for c in &contributions {
            judged[text.tokens[c.first].sentence] = true;
        }
        discount_sign_off(text, &mut contributions);
        contributions.sort_by_key(|c| (c.first, c.last));
        let sum: f64 = contributions.iter().map(|c| c.weight).sum();
        let score = (sum / (sum * sum + SOFTNESS).sqrt()).clamp(-1.0, 1.0);
        let polarity = polarity_of(score);
        let evidence = contributions
            .iter()
            .filter(|c| match polarity {
                Polarity::Positive => c.weight > 0.0,
                Polarity::Negative => c.weight < 0.0,
                Polarity::Neutral => true,
            })
            .map(|c| (c.first, c.last));
        let evidence = text.quotes(evidence);
        let sentiment = Sentiment {
            polarity,
            score,
            confidence: confidence::of_sentiment(polarity, score, !evidence.is_empty()),
            evidence,
            learned: false,
        };
        (sentiment, judged)
    }

    /// Lexicon entries found in the text; where they overlap, the one starting first
    /// and then the longest (then the most specific) wins.
    fn lexicon_matches(&self, text: &Text) -> Vec<(Match, f64)> {
        let lexicon = match text.lang {
            Lang::Fi => &self.fi,
            Lang::En => &self.en,
        };
        let mut chosen: Vec<(Match, f64)> = Vec::new();
        for sentence in &text.sentences {
            let mut next_free = sentence.tokens.start;
            for start in sentence.tokens.clone() {
                // An intensifier strengthens the next word; it is not one itself
                // ("clearly" is not "clear").
                if start < next_free || is_intensifier(text.lang, &text.tokens[start].lower) {
                    continue;
                }
                let longest = lexicon
                    .iter()
                    .filter_map(|(phrase, weight)| {
                        phrase
                            .match_at(text, start, &sentence.tokens)
                            .map(|m| (m, *weight, phrase.specificity()))
                    })
                    .max_by_key(|(m, _, specificity)| (m.last, *specificity));
                match longest {
                    Some((m, weight, specificity)) => {
                        let turned = m.first == m.last && is_turned(text, m.first, specificity);
                        chosen.push((m, if turned { weight * TURNED_FACTOR } else { weight }));
                        next_free = m.last + 1;
                    }
                    None => chosen.extend(self.prefixed(text, lexicon, start)),
                }
            }
        }
        chosen
    }
}

impl SentimentScorer {
    /// A word with a negative prefix whose base is a one-word lexicon entry
    /// ("unhelpful", "epäkäytännöllinen"): the base's weight, turned around.
    fn prefixed(&self, text: &Text, lexicon: &[(Phrase, f64)], index: usize) -> Option<(Match, f64)> {
        let base = Token::standalone(negative_prefix_base(text.lang, &text.tokens[index].lower)?, text.lang);
        let weight = lexicon
            .iter()
            .find(|(phrase, _)| phrase.matches_word(&base, text.lang))
            .map(|(_, weight)| *weight)
            .filter(|w| *w != 0.0)?;
        Some((
            Match {
                first: index,
                last: index,
            },
            weight * TURNED_FACTOR,
        ))
    }
}

pub(crate) fn polarity_of(score: f64) -> Polarity {
    if score >= NEUTRAL_BAND {
        Polarity::Positive
    } else if score <= -NEUTRAL_BAND {
        Polarity::Negative
    } else {
        Polarity::Neutral
    }
}

/// Applies negation, intensifiers and contrast to one lexicon match, and widens its
/// evidence to the words that changed it ("En ole tyytyväinen", "todella hyvä"). A
/// negation turns only the first sentiment word it reaches ("I cannot fault their
/// commitment": the commitment stays good).
fn adjust(text: &Text, m: Match, weight: f64, used_negators: &mut Vec<usize>) -> Contribution {
    let mut weight = weight;
    let mut first = m.first;
    // A phrase that carries its own negation ("ei vakuuttanut") is not negated again,
    // and "never … this good" is praise.
    let carries_negation = (m.first..=m.last).any(|i| is_negator(text.lang, &text.tokens[i].lower));
    let negator = negated_by(text, m.first).filter(|&j| {
        let praise = weight > 0.0 && is_never_this_good(text, j, m.first);
        !(carries_negation || used_negators.contains(&j) || praise)
    });
    if let Some(j) =
        clause_before(text, m.first, INTENSIFIER_REACH).find(|&j| is_intensifier(text.lang, &text.tokens[j].lower))
    {
        // "not very good" is milder than "not good", never stronger.
        if negator.is_none() {
            weight *= INTENSIFIER_FACTOR;
        }
        first = first.min(j);
    }
    if let Some(j) = negator {
        used_negators.push(j);
        weight *= if says_either(text, m.first) {
            BALANCED_NEGATION_FACTOR
        } else if weight > 0.0 {
            NEGATED_POSITIVE_FACTOR
        } else {
            NEGATED_NEGATIVE_FACTOR
        };
        first = first.min(j);
    }
    weight *= contrast_factor(text, m.first);
    Contribution {
        first,
        last: m.last,
        weight,
        negated: negator.is_some(),
    }
}

/// Sentences shouted in capitals or asked with "??" and no good word in them: anger
/// without an angry word ("WHERE IS OUR REPORT", "any news on the fix??").
fn shouted(text: &Text, contributions: &[Contribution]) -> Vec<Contribution> {
    const MIN_SHOUTED_WORDS: usize = 3;
    const MIN_SHOUTED_LETTERS: usize = 2;
    text.sentences
        .iter()
        .enumerate()
        .filter(|(_, sentence)| !sentence.tokens.is_empty())
        .filter(|(index, _)| {
            !contributions
                .iter()
                .any(|c| c.weight > 0.0 && text.tokens[c.first].sentence == *index)
        })
        .filter(|(_, sentence)| {
            let raw = &text.raw[sentence.start..sentence.end];
            let capitals = text.tokens[sentence.tokens.clone()]
                .iter()
                .map(|t| &text.raw[t.start..t.end])
                .filter(|w| {
                    w.chars().filter(|c| c.is_alphabetic()).count() >= MIN_SHOUTED_LETTERS
                        && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                })
                .count();
            capitals >= MIN_SHOUTED_WORDS || raw.contains("??")
        })
        .map(|(_, sentence)| Contribution {
            first: sentence.tokens.start,
            last: sentence.tokens.end - 1,
            weight: COMPLAINT_WEIGHT,
            negated: false,
        })
        .collect()
}

/// An email's closing lines ("Thanks, Laura", "Best, Anna", "Kiitos jo etukäteen!")
/// are politeness: "best" there is no praise, and neither is a thanks that closes a
/// complaint (the rest of the comment says nothing good).
fn discount_sign_off(text: &Text, contributions: &mut Vec<Contribution>) {
    let first = sign_off_start(text);
    let in_sign_off = |c: &Contribution| text.tokens[c.first].sentence >= first;
    let rest = contributions.iter().filter(|c| !in_sign_off(c));
    let complaint_only = rest.clone().any(|c| c.weight < 0.0) && rest.clone().all(|c| c.weight <= 0.0);
    contributions.retain(|c| {
        let regards = text.tokens[c.first].lower == "best";
        !(in_sign_off(c) && c.weight > 0.0 && (regards || complaint_only))
    });
}

/// The index of the first sentence of the closing lines: short sentences at the end of
/// a longer comment that open with a sign-off word, or are only a name. The comment's
/// sentence count when there are none.
fn sign_off_start(text: &Text) -> usize {
    let sign_offs = match text.lang {
        Lang::Fi => SIGN_OFFS_FI,
        Lang::En => SIGN_OFFS_EN,
    };
    let mut start = text.sentences.len();
    let mut signed = false;
    while start > 1 {
        let sentence = &text.sentences[start - 1];
        if sentence.tokens.len() > SIGN_OFF_MAX_WORDS || sentence.tokens.is_empty() {
            break;
        }
        let opener = &text.tokens[sentence.tokens.start];
        let opens_sign_off = sign_offs.contains(&opener.lower.as_str());
        let only_a_name = sentence.tokens.len() <= 2
            && text.tokens[sentence.tokens.clone()]
                .iter()
                .all(|t| text.raw[t.start..].starts_with(char::is_uppercase));
        if !(opens_sign_off || only_a_name) {
            break;
        }
        signed |= opens_sign_off;
        start -= 1;
    }
    if signed { start } else { text.sentences.len() }
}

/// "Not bad, not amazing", "ei huono, ei loistava": a negated bad word and a negated
/// good word in one sentence weigh the same, so the sentence is neither — also without
/// an "either".
fn balance_negations(text: &Text, contributions: &mut [Contribution]) {
    for sentence in 0..text.sentences.len() {
        let negated = |c: &Contribution| c.negated && text.tokens[c.first].sentence == sentence;
        let strength = |sign: f64| {
            contributions
                .iter()
                .filter(|c| negated(c) && c.weight * sign > 0.0)
                .map(|c| c.weight.abs())
                .fold(None, |least: Option<f64>, w| Some(least.map_or(w, |l| l.min(w))))
        };
        if let (Some(up), Some(down)) = (strength(1.0), strength(-1.0)) {
            let even = up.min(down);
            for c in contributions.iter_mut().filter(|c| negated(c)) {
                c.weight = c.weight.signum() * even;
            }
        }
    }
}

/// Whether word `index` stands in a yes/no question ("Onnistuiko päivitys?", "Was
/// the launch successful?"): a good word there is asked about, not said.
fn is_asked(text: &Text, index: usize) -> bool {
    let sentence = &text.sentences[text.tokens[index].sentence];
    let first = &text.tokens[sentence.tokens.start].lower;
    let opens_question = match text.lang {
        Lang::Fi => first.chars().count() > 4 && (first.ends_with("ko") || first.ends_with("kö")),
        Lang::En => QUESTION_OPENERS_EN.contains(&first.as_str()),
    };
    opens_question && text.raw[sentence.start..sentence.end].ends_with('?')
}

fn is_wished(text: &Text, context: &Context, index: usize) -> bool {
    let sentence = text.tokens[index].sentence;
    context
        .wish_starts
        .iter()
        .any(|&start| text.tokens[start].sentence == sentence && start <= index)
}

/// Words before a "but" in their sentence count less, words after it more, except in
/// "not X, but not Y either", where the halves weigh the same.
fn contrast_factor(text: &Text, index: usize) -> f64 {
    if says_either(text, index) {
        return 1.0;
    }
    let sentence = &text.sentences[text.tokens[index].sentence];
    let turn = sentence
        .tokens
        .clone()
        .find(|&i| is_contrast(text.lang, &text.tokens[i].lower));
    match turn {
        Some(t) if index < t => BEFORE_CONTRAST_FACTOR,
        Some(t) if index > t => AFTER_CONTRAST_FACTOR,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentiment(raw: &str, lang: Lang) -> Sentiment {
        SentimentScorer::new().score(&Text::new(raw, lang), &Context::default())
    }

    #[test]
    fn finnish_negation_turns_satisfaction_into_complaint_with_evidence() {
        let s = sentiment("En ole tyytyväinen aikatauluun.", Lang::Fi);
        assert_eq!(s.polarity, Polarity::Negative);
        assert_eq!(s.evidence, ["En ole tyytyväinen"]);
    }

    #[test]
    fn nothing_to_complain_about_is_not_negative() {
        let s = sentiment("Ei ollut mitään valittamista.", Lang::Fi);
        assert_ne!(s.polarity, Polarity::Negative, "{s:?}");
        assert!(s.score > 0.0);
    }

    #[test]
    fn english_negation() {
        let s = sentiment("The report was not useful.", Lang::En);
        assert_eq!(s.polarity, Polarity::Negative);
        assert_eq!(s.evidence, ["not useful"]);
        let s = sentiment("Not bad at all.", Lang::En);
        assert_ne!(s.polarity, Polarity::Negative, "{s:?}");
        let s = sentiment("We didn't have any problems.", Lang::En);
        assert_eq!(s.polarity, Polarity::Positive, "{s:?}");
    }

    #[test]
    fn intensifiers_strengthen_and_show_in_evidence() {
        let plain = sentiment("Olemme tyytyväisiä.", Lang::Fi);
        let strong = sentiment("Olemme erittäin tyytyväisiä.", Lang::Fi);
        assert!(strong.score > plain.score);
        assert_eq!(strong.evidence, ["erittäin tyytyväisiä"]);
        assert!(sentiment("Really good work", Lang::En).score > sentiment("Good work", Lang::En).score);
    }

    #[test]
    fn hedges_lean_negative() {
        assert_eq!(
            sentiment("The reporting could be better.", Lang::En).polarity,
            Polarity::Negative
        );
        assert_eq!(
            sentiment("Raportointi voisi olla parempaa.", Lang::Fi).polarity,
            Polarity::Negative
        );
    }

    #[test]
    fn what_follows_but_weighs_more() {
        let s = sentiment("The team is friendly, but the delivery was late and poor.", Lang::En);
        assert_eq!(s.polarity, Polarity::Negative);
        assert_eq!(s.evidence, ["late", "poor"]);
    }

    #[test]
    fn a_negation_turns_only_the_first_word_it_reaches() {
        let s = sentiment("I cannot fault the team's commitment.", Lang::En);
        assert_eq!(s.polarity, Polarity::Positive, "{s:?}");
    }

    #[test]
    fn wishes_and_complaints_come_from_context() {
        let text = Text::new("Olisi hienoa, jos raportit tulisivat ajoissa.", Lang::Fi);
        let scorer = SentimentScorer::new();
        assert_eq!(scorer.score(&text, &Context::default()).polarity, Polarity::Positive);
        let wish = Context {
            wish_starts: vec![0],
            ..Context::default()
        };
        assert_eq!(scorer.score(&text, &wish).polarity, Polarity::Neutral);
        let text = Text::new("Kukaan ei kuuntele.", Lang::Fi);
        let complaint = Context {
            complaints: vec![Match { first: 0, last: 2 }],
            ..Context::default()
        };
        let s = scorer.score(&text, &complaint);
        assert_eq!(
            (s.polarity, s.evidence.as_slice()),
            (Polarity::Negative, ["Kukaan ei kuuntele".to_string()].as_slice())
        );
    }

    #[test]
    fn balanced_negations_and_yes_no_questions_say_neither() {
        // A negated bad word and a negated good word cancel, also without "either";
        // good words in a yes/no question are asked about, not said.
        for (raw, lang) in [
            ("Not bad, not amazing.", Lang::En),
            ("Ei huono, ei loistava.", Lang::Fi),
            ("Onnistuiko päivitys?", Lang::Fi),
            ("Was the update successful?", Lang::En),
        ] {
            assert_eq!(sentiment(raw, lang).polarity, Polarity::Neutral, "{raw}");
        }
        // One negation alone still turns its word; said, not asked, it counts.
        assert_eq!(sentiment("Not amazing.", Lang::En).polarity, Polarity::Negative);
        assert_eq!(sentiment("Päivitys onnistui.", Lang::Fi).polarity, Polarity::Positive);
    }

    #[test]
    fn negation_reaches_through_polarity_words_and_into_that_clauses() {
        // Far from its word, a negation still reaches it when "yhtään"/"a single" carries
        // it on; a negated "think"/"say" negates the clause it introduces.
        for (raw, lang) in [
            (
                "Emme ole koko tämän vuoden aikana saaneet yhtään raporttia ajallaan.",
                Lang::Fi,
            ),
            ("We have not received a single report on time.", Lang::En),
            ("En voi sanoa, että olisimme olleet vaikuttuneita.", Lang::Fi),
            ("I can't say that we were impressed.", Lang::En),
        ] {
            assert_eq!(sentiment(raw, lang).polarity, Polarity::Negative, "{raw}");
        }
        // A coordinator or "kuin" ends the negation; "never"/"harvoin" before a degree
        // word is praise, also when it opens the clause.
        for (raw, lang) in [
            ("Ei ongelmia ja kaikki sujui hyvin.", Lang::Fi),
            ("Ei muuta kuin hyvää sanottavaa.", Lang::Fi),
            ("Harvoin näkee näin huolellista työtä.", Lang::Fi),
            ("Koskaan ei ole ollut näin helppoa.", Lang::Fi),
            ("Rarely have we seen such careful work.", Lang::En),
        ] {
            assert_eq!(sentiment(raw, lang).polarity, Polarity::Positive, "{raw}");
        }
    }

    #[test]
    fn greetings_and_sign_offs_are_politeness() {
        let complaint = "Good morning. The report is late. Best, Sara";
        let s = sentiment(complaint, Lang::En);
        assert_eq!(
            (s.polarity, s.evidence.as_slice()),
            (Polarity::Negative, ["late".to_string()].as_slice())
        );
        let s = sentiment("Raportti on myöhässä. Kiitos, Laura", Lang::Fi);
        assert_eq!(s.polarity, Polarity::Negative, "{s:?}");
        // Thanks after good news, or on its own, is still praise.
        assert_eq!(
            sentiment("Raportti tuli ajallaan. Kiitos!", Lang::Fi).polarity,
            Polarity::Positive
        );
        assert_eq!(sentiment("Thanks!", Lang::En).polarity, Polarity::Positive);
    }

    #[test]
    fn a_word_turned_by_its_form_counts_the_other_way() {
        for (raw, lang) in [
            ("Siirto oli ongelmaton ja tiedot siirtyivät virheettömästi.", Lang::Fi),
            ("The migration was trouble-free and error-free.", Lang::En),
        ] {
            assert_eq!(sentiment(raw, lang).polarity, Polarity::Positive, "{raw}");
        }
        for (raw, lang) in [
            ("Your helpdesk was unhelpful.", Lang::En),
            ("Työkalu on epäkäytännöllinen.", Lang::Fi),
        ] {
            assert_eq!(sentiment(raw, lang).polarity, Polarity::Negative, "{raw}");
        }
        // A lexicon entry that names the caritive itself is not turned again, and a
        // word that only looks prefixed keeps its sense.
        assert_eq!(sentiment("Tyytymätön asiakas.", Lang::Fi).polarity, Polarity::Negative);
        assert_eq!(sentiment("Invaluable help.", Lang::En).polarity, Polarity::Neutral);
    }

    #[test]
    fn no_sentiment_words_is_neutral() {
        let s = sentiment("Projekti alkoi maaliskuussa.", Lang::Fi);
        assert_eq!((s.polarity, s.score), (Polarity::Neutral, 0.0));
        assert!(s.evidence.is_empty());
    }
}
