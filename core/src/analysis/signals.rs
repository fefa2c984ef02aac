//! What a comment signals beyond its mood: churn causes (with the words that point to
//! them), upsell hints and development points (the sentences, verbatim).

use super::CauseLabel;
use super::confidence;
use super::grammar::{is_negator, negated_by};
use super::lexicon::signals::{
    CHURN_EN, CHURN_EXCEPTIONS_EN, CHURN_EXCEPTIONS_FI, CHURN_FI, DEVELOPMENT_EN, DEVELOPMENT_FI, EXPECTED_DEEDS_EN,
    EXPECTED_DEEDS_FI, NOT_ONLY, NOT_UPSELL_EN, NOT_UPSELL_FI, SITUATIONS_EN, SITUATIONS_FI, THEMED_SITUATIONS_EN,
    THEMED_SITUATIONS_FI, UPSELL_EN, UPSELL_FI,
};
use super::matcher::{Match, Phrase, Rule};
use super::text::Text;
use crate::{ChurnCause, Lang};

/// The rules of one language.
#[derive(Debug, Clone)]
struct LanguageRules {
    churn: Vec<(ChurnCause, Rule)>,
    /// Per cause, sentences in which its cue says the opposite ("as promised").
    churn_exceptions: Vec<(ChurnCause, Rule)>,
    upsell: Vec<Rule>,
    not_upsell: Vec<Rule>,
    development: Vec<Rule>,
    situations: Vec<Rule>,
    /// Situations that also show a theme, with its key.
    themed_situations: Vec<(&'static str, Rule)>,
    expected_deeds: Vec<Phrase>,
}

/// One language's lists of rules.
struct Sources {
    churn: &'static [(ChurnCause, &'static str)],
    churn_exceptions: &'static [(ChurnCause, &'static str)],
    upsell: &'static [&'static str],
    not_upsell: &'static [&'static str],
    development: &'static [&'static str],
    situations: &'static [&'static str],
    themed_situations: &'static [(&'static str, &'static str)],
    expected_deeds: &'static [&'static str],
}

impl LanguageRules {
    fn compile(sources: &Sources, lang: Lang) -> LanguageRules {
        let rules = |sources: &[&str]| sources.iter().filter_map(|s| Rule::compile(s, lang)).collect();
        let cause_rules = |sources: &[(ChurnCause, &str)]| {
            sources
                .iter()
                .filter_map(|&(cause, source)| Rule::compile(source, lang).map(|rule| (cause, rule)))
                .collect()
        };
        LanguageRules {
            churn: cause_rules(sources.churn),
            churn_exceptions: cause_rules(sources.churn_exceptions),
            upsell: rules(sources.upsell),
            not_upsell: rules(sources.not_upsell),
            development: rules(sources.development),
            situations: rules(sources.situations),
            themed_situations: sources
                .themed_situations
                .iter()
                .filter_map(|&(theme, source)| Rule::compile(source, lang).map(|rule| (theme, rule)))
                .collect(),
            expected_deeds: sources
                .expected_deeds
                .iter()
                .filter_map(|s| Phrase::compile(s, lang))
                .collect(),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct SignalFinder {
    fi: LanguageRules,
    en: LanguageRules,
}

/// One rule of one churn cause firing in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChurnSignal {
    pub cause: ChurnCause,
    pub matches: Vec<Match>,
}

impl ChurnSignal {
    /// Most causes are complaints in themselves; changed needs are not (a customer
    /// can outgrow a service it liked).
    pub fn is_complaint(&self) -> bool {
        self.cause != ChurnCause::NeedsChanged
    }

    /// The words from the signal's first match to its last.
    pub fn span(&self) -> Match {
        Match {
            first: self.matches.iter().map(|m| m.first).min().unwrap_or(0),
            last: self.matches.iter().map(|m| m.last).max().unwrap_or(0),
        }
    }
}

/// Sentences of a comment that signal something.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Sentences {
    /// Indices into `Text::sentences`.
    pub upsell: Vec<usize>,
    pub development_points: Vec<usize>,
    /// Where each development point's wish starts (a word index): what follows
    /// describes what is wanted ("olisi hienoa, jos…", "should be clearer").
    pub wish_starts: Vec<usize>,
}

impl SignalFinder {
    pub fn new() -> SignalFinder {
        SignalFinder {
            fi: LanguageRules::compile(
                &Sources {
                    churn: CHURN_FI,
                    churn_exceptions: CHURN_EXCEPTIONS_FI,
                    upsell: UPSELL_FI,
                    not_upsell: NOT_UPSELL_FI,
                    development: DEVELOPMENT_FI,
                    situations: SITUATIONS_FI,
                    themed_situations: THEMED_SITUATIONS_FI,
                    expected_deeds: EXPECTED_DEEDS_FI,
                },
                Lang::Fi,
            ),
            en: LanguageRules::compile(
                &Sources {
                    churn: CHURN_EN,
                    churn_exceptions: CHURN_EXCEPTIONS_EN,
                    upsell: UPSELL_EN,
                    not_upsell: NOT_UPSELL_EN,
                    development: DEVELOPMENT_EN,
                    situations: SITUATIONS_EN,
                    themed_situations: THEMED_SITUATIONS_EN,
                    expected_deeds: EXPECTED_DEEDS_EN,
                },
                Lang::En,
            ),
        }
    }

    fn rules(&self, lang: Lang) -> &LanguageRules {
        match lang {
            Lang::Fi => &self.fi,
            Lang::En => &self.en,
        }
    }

    /// Every churn rule that fires, per sentence, in text order, except in sentences
    /// where its cause's cue says the opposite.
    pub fn churn_signals(&self, text: &Text) -> Vec<ChurnSignal> {
        let rules = self.rules(text.lang);
        let mut signals: Vec<ChurnSignal> = rules
            .churn
            .iter()
            .flat_map(|(cause, rule)| {
                rule.find_all(text)
                    .into_iter()
                    .filter(|(sentence, _)| !says_the_opposite(text, &rules.churn_exceptions, *cause, *sentence))
                    .map(|(_, matches)| ChurnSignal { cause: *cause, matches })
            })
            .collect();
        signals.sort_by_key(|s| (s.span().first, s.span().last));
        signals
    }

    /// Complaints by situation ("no reply for a week", "they never understood what we
    /// need"): the words of each, for sentiment to count.
    pub fn situations(&self, text: &Text) -> Vec<Match> {
        let rules = self.rules(text.lang);
        let by_rule = rules
            .situations
            .iter()
            .chain(rules.themed_situations.iter().map(|(_, rule)| rule))
            .flat_map(|rule| rule.find_all(text))
            .map(|(_, matches)| Match {
                first: matches.iter().map(|m| m.first).min().unwrap_or(0),
                last: matches.iter().map(|m| m.last).max().unwrap_or(0),
            });
        by_rule.chain(denied_deeds(text, &rules.expected_deeds)).collect()
    }

    /// The themes that situations show (see `THEMED_SITUATIONS_FI`): per firing, the
    /// theme's key and the words of each part of the rule.
    pub fn situation_themes(&self, text: &Text) -> Vec<(&'static str, Vec<Match>)> {
        self.rules(text.lang)
            .themed_situations
            .iter()
            .flat_map(|(theme, rule)| rule.find_all(text).into_iter().map(|(_, matches)| (*theme, matches)))
            .collect()
    }

    /// Upsell sentences, and development points: sentences asking for change. A
    /// sentence asking for more of the firm's services is an upsell, not a development
    /// point, even when it is phrased as a request ("voisitteko myös…"). A negated
    /// cue ("emme tarvitse lisää") or a sentence of another kind (thanks, a complaint,
    /// a "why") is no upsell.
    pub fn sentences(&self, text: &Text) -> Sentences {
        let rules = self.rules(text.lang);
        // The first word of the earliest match of any rule in the sentence.
        let earliest = |rules: &[Rule], sentence: usize| {
            rules
                .iter()
                .filter_map(|r| r.find_in_sentence(text, sentence))
                .flat_map(|matches| matches.into_iter().map(|m| m.first))
                .min()
        };
        let is_upsell = |sentence: usize| {
            let asks = rules
                .upsell
                .iter()
                .filter_map(|r| r.find_in_sentence(text, sentence))
                .any(|matches| matches.iter().all(|m| negated_by(text, m.first).is_none()));
            asks && !rules
                .not_upsell
                .iter()
                .any(|r| r.find_in_sentence(text, sentence).is_some())
        };
        let mut found = Sentences::default();
        for sentence in 0..text.sentences.len() {
            if is_upsell(sentence) {
                found.upsell.push(sentence);
            } else if let Some(start) = earliest(&rules.development, sentence) {
                found.development_points.push(sentence);
                found.wish_starts.push(start);
            }
        }
        found
    }
}

/// Expected deeds a negation reaches ("emme ole vieläkään saaneet", "never really
/// understood"), from the negation to the deed. A negation that says "not only" denies
/// nothing.
fn denied_deeds(text: &Text, deeds: &[Phrase]) -> Vec<Match> {
    deeds
        .iter()
        .flat_map(|deed| deed.find_all(text))
        .filter_map(|m| {
            let negator = negated_by(text, m.first)?;
            let not_only = text
                .tokens
                .get(negator + 1)
                .is_some_and(|t| NOT_ONLY.contains(&t.lower.as_str()));
            (!not_only).then_some(Match {
                first: negator,
                last: m.last,
            })
        })
        .collect()
}

/// Whether a cue of `cause` in `sentence` says the opposite ("delivered as promised"):
/// an exception fires there and no negation turns it back ("not as promised").
fn says_the_opposite(text: &Text, exceptions: &[(ChurnCause, Rule)], cause: ChurnCause, sentence: usize) -> bool {
    let negated = text.sentences[sentence]
        .tokens
        .clone()
        .any(|i| is_negator(text.lang, &text.tokens[i].lower));
    !negated
        && exceptions
            .iter()
            .any(|(c, rule)| *c == cause && rule.find_in_sentence(text, sentence).is_some())
}

/// The churn causes the signals point to, sorted by key, each with every phrase
/// that pointed to it.
pub(crate) fn churn_causes(text: &Text, signals: &[ChurnSignal]) -> Vec<CauseLabel> {
    let mut labels: Vec<CauseLabel> = ChurnCause::ALL
        .into_iter()
        .filter_map(|cause| {
            let spans = signals
                .iter()
                .filter(|s| s.cause == cause)
                .flat_map(|s| s.matches.iter().map(|m| (m.first, m.last)));
            let evidence = text.quotes(spans);
            (!evidence.is_empty()).then_some(CauseLabel {
                cause,
                confidence: confidence::of_evidence(evidence.len(), confidence::ONE_CHURN_CUE),
                evidence,
                learned: false,
            })
        })
        .collect();
    labels.sort_by_key(|l| l.cause.code());
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn causes(raw: &str, lang: Lang) -> Vec<(ChurnCause, Vec<String>)> {
        let text = Text::new(raw, lang);
        churn_causes(&text, &SignalFinder::new().churn_signals(&text))
            .into_iter()
            .map(|l| (l.cause, l.evidence))
            .collect()
    }

    #[test]
    fn each_cause_has_finnish_and_english_signals() {
        let cases = [
            (
                "Meille luvattiin viikoittaiset raportit.",
                Lang::Fi,
                ChurnCause::PromiseVsDelivery,
            ),
            ("You promised a senior team.", Lang::En, ChurnCause::PromiseVsDelivery),
            (
                "Tuntuu, että kukaan ei kuuntele meitä.",
                Lang::Fi,
                ChurnCause::VoiceLost,
            ),
            ("We keep repeating the same things.", Lang::En, ChurnCause::VoiceLost),
            (
                "Reklamaatioomme ei ole vieläkään vastattu.",
                Lang::Fi,
                ChurnCause::ComplaintHandling,
            ),
            ("The bug is still not fixed.", Lang::En, ChurnCause::ComplaintHandling),
            ("Palaverit eivät tuo lisäarvoa.", Lang::Fi, ChurnCause::NotEngaging),
            ("The workshops were boring.", Lang::En, ChurnCause::NotEngaging),
            ("Tarpeemme ovat muuttuneet.", Lang::Fi, ChurnCause::NeedsChanged),
            ("We have a new strategy.", Lang::En, ChurnCause::NeedsChanged),
            ("Saimme tarjouksen muualta.", Lang::Fi, ChurnCause::CompetitorsAhead),
            ("A competitor does it cheaper.", Lang::En, ChurnCause::CompetitorsAhead),
        ];
        for (raw, lang, cause) in cases {
            let found = causes(raw, lang);
            assert!(found.iter().any(|(c, _)| *c == cause), "{raw}: {found:?}");
        }
    }

    #[test]
    fn a_promise_kept_is_no_broken_promise_unless_negated() {
        for (raw, lang) in [
            ("They kept every promise they made.", Lang::En),
            ("Delivered exactly as promised.", Lang::En),
            ("Toimitettiin juuri niin kuin luvattiin.", Lang::Fi),
        ] {
            assert!(causes(raw, lang).is_empty(), "{raw}");
        }
        let found = causes("It was not delivered as promised.", Lang::En);
        assert_eq!(found[0].0, ChurnCause::PromiseVsDelivery);
    }

    #[test]
    fn causes_come_with_evidence() {
        assert_eq!(
            causes("Halvemmalla saisi kilpailijalta.", Lang::Fi),
            [(
                ChurnCause::CompetitorsAhead,
                vec!["Halvemmalla".to_string(), "kilpailijalta".to_string()]
            )]
        );
    }

    fn sentences(raw: &str, lang: Lang) -> (Vec<String>, Vec<String>) {
        let text = Text::new(raw, lang);
        let found = SignalFinder::new().sentences(&text);
        let verbatim = |indices: Vec<usize>| indices.into_iter().map(|s| text.sentence_text(s)).collect();
        (verbatim(found.upsell), verbatim(found.development_points))
    }

    #[test]
    fn the_usual_ways_to_ask_are_development_points_and_to_want_more_upsell() {
        let development = [
            ("Toivoisin nopeampia vastauksia.", Lang::Fi),
            ("Raportit pitäisi saada aiemmin.", Lang::Fi),
            ("Kannattaisi kysyä meiltä useammin.", Lang::Fi),
            ("Voisitte kertoa muutoksista etukäteen.", Lang::Fi),
            ("Please send the agenda earlier.", Lang::En),
            ("You should test more.", Lang::En),
            ("We would like shorter meetings.", Lang::En),
            ("The invoices need to be clearer.", Lang::En),
            ("I wish the reports were shorter.", Lang::En),
        ];
        for (raw, lang) in development {
            assert_eq!(sentences(raw, lang), (vec![], vec![raw.to_string()]), "{raw}");
        }
        let upsell = [
            ("Could you also look at our intranet?", Lang::En),
            ("We'd also need a newsletter template.", Lang::En),
            ("Voisitteko myös auditoida verkkokauppamme?", Lang::Fi),
            ("Meillä olisi kiinnostusta koulutukseen.", Lang::Fi),
            ("Haluamme laajentaa palvelua Ruotsiin.", Lang::Fi),
        ];
        for (raw, lang) in upsell {
            assert_eq!(sentences(raw, lang), (vec![raw.to_string()], vec![]), "{raw}");
        }
    }

    #[test]
    fn upsell_and_development_sentences() {
        assert_eq!(
            sentences(
                "Hyvä projekti! Voisitteko auttaa myös mobiilisovelluksen kanssa? Raportit pitäisi saada aiemmin.",
                Lang::Fi
            ),
            (
                vec!["Voisitteko auttaa myös mobiilisovelluksen kanssa?".to_string()],
                vec!["Raportit pitäisi saada aiemmin.".to_string()]
            )
        );
        assert_eq!(
            sentences(
                "Great job.\nPlease send the invoices monthly.  We'd also need help with SEO.",
                Lang::En
            ),
            (
                vec!["We'd also need help with SEO.".to_string()],
                vec!["Please send the invoices monthly.".to_string()]
            )
        );
    }
}
