//! Themes: the built-in taxonomy plus the organisation's own, each found by its
//! keywords. Also the rules an admin-entered theme must meet.

use super::confidence;
use super::grammar::clause_before;
use super::lexicon::themes::{
    ADDRESSED_AFTER_FI, ADDRESSED_BEFORE_EN, ADDRESSED_ENDINGS_FI, BUILTIN_THEMES, CHANNELS, NAMED_NOT_JUDGED,
    OTHER_SENSES, POSSESSIVE_SUFFIXES_FI,
};
use super::matcher::{Match, Phrase, Rule};
use super::text::Text;
use super::{ThemeDef, ThemeLabel};
use crate::Lang;
use crate::survey::Localized;
use crate::validate::{Invalid, NAME_MAX_CHARS};

pub const THEME_KEY_MIN_CHARS: usize = 2;
pub const THEME_KEY_MAX_CHARS: usize = 40;
pub const THEME_MAX_KEYWORDS: usize = 50;
pub const THEME_KEYWORD_MAX_CHARS: usize = 60;
/// A `prefix*` keyword needs this many letters, or it would match too much.
pub const THEME_PREFIX_MIN_CHARS: usize = 3;

/// The built-in themes, with their Finnish and English keywords in one list.
pub fn builtin_themes() -> Vec<ThemeDef> {
    BUILTIN_THEMES
        .iter()
        .map(|t| ThemeDef {
            key: t.key.to_string(),
            name: Localized::new(t.name_fi, t.name_en),
            keywords: t.fi.iter().chain(t.en).map(|k| k.to_string()).collect(),
        })
        .collect()
}

/// A theme's name in `lang`: the organisation's own themes first, then the built-in
/// ones; an unknown key (a theme since deleted) shows as itself.
pub fn theme_name(key: &str, themes: &[ThemeDef], lang: Lang) -> String {
    themes
        .iter()
        .find(|t| t.key == key)
        .map(|t| t.name.get(lang).to_string())
        .or_else(|| {
            BUILTIN_THEMES.iter().find(|t| t.key == key).map(|t| match lang {
                Lang::Fi => t.name_fi.to_string(),
                Lang::En => t.name_en.to_string(),
            })
        })
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| key.to_string())
}

/// Why an admin-entered theme was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeError {
    /// `key`, `name`, `keywords` or `keywords.<index>` (0-based).
    pub field: String,
    pub problem: Invalid,
}

impl ThemeError {
    pub fn message(&self) -> String {
        format!("{} {}", self.field, self.problem.english())
    }
}

impl ThemeDef {
    /// The rules for a theme an admin enters: a snake_case key of 2–40 characters,
    /// names in both languages, 1–50 distinct keywords of letters, digits, spaces,
    /// hyphens and apostrophes, optionally starting with `=` (that word only) or
    /// ending in `*` after at least three letters (words starting so).
    pub fn check(&self) -> Result<(), ThemeError> {
        let fail = |field: &str, problem| {
            Err(ThemeError {
                field: field.to_string(),
                problem,
            })
        };
        let key_len = self.key.chars().count();
        if key_len < THEME_KEY_MIN_CHARS {
            return fail(
                "key",
                Invalid::TooShort {
                    min: THEME_KEY_MIN_CHARS,
                },
            );
        }
        if key_len > THEME_KEY_MAX_CHARS {
            return fail(
                "key",
                Invalid::TooLong {
                    max: THEME_KEY_MAX_CHARS,
                },
            );
        }
        if !is_snake_case(&self.key) {
            return fail("key", Invalid::Unknown);
        }
        for name in [&self.name.fi, &self.name.en] {
            match name.trim().chars().count() {
                0 => return fail("name", Invalid::Required),
                n if n > NAME_MAX_CHARS => return fail("name", Invalid::TooLong { max: NAME_MAX_CHARS }),
                _ => {}
            }
        }
        if self.keywords.is_empty() {
            return fail("keywords", Invalid::Required);
        }
        if self.keywords.len() > THEME_MAX_KEYWORDS {
            return fail(
                "keywords",
                Invalid::TooMany {
                    max: THEME_MAX_KEYWORDS,
                },
            );
        }
        for (index, keyword) in self.keywords.iter().enumerate() {
            let field = format!("keywords.{index}");
            if let Err(problem) = check_keyword(keyword) {
                return fail(&field, problem);
            }
            let normal = keyword.trim().to_lowercase();
            if self.keywords[..index].iter().any(|k| k.trim().to_lowercase() == normal) {
                return fail(&field, Invalid::Repeated);
            }
        }
        Ok(())
    }
}

fn is_snake_case(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && !key.ends_with('_')
        && !key.contains("__")
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn check_keyword(keyword: &str) -> Result<(), Invalid> {
    let keyword = keyword.trim();
    let len = keyword.chars().count();
    if len == 0 {
        return Err(Invalid::Required);
    }
    if len > THEME_KEYWORD_MAX_CHARS {
        return Err(Invalid::TooLong {
            max: THEME_KEYWORD_MAX_CHARS,
        });
    }
    let exact = keyword.strip_prefix('=').unwrap_or(keyword);
    let (body, is_prefix) = match exact.strip_suffix('*') {
        Some(body) => (body, true),
        None => (exact, false),
    };
    let allowed = |c: char| c.is_alphanumeric() || c == ' ' || c == '-' || c == '\'' || c == '’';
    if !body.chars().all(allowed) || !body.chars().any(char::is_alphanumeric) {
        return Err(Invalid::Unknown);
    }
    if is_prefix && body.chars().filter(|c| c.is_alphanumeric()).count() < THEME_PREFIX_MIN_CHARS {
        return Err(Invalid::TooShort {
            min: THEME_PREFIX_MIN_CHARS,
        });
    }
    Ok(())
}

/// A theme ready to be found: its keywords compiled for each language.
#[derive(Debug, Clone)]
struct CompiledTheme {
    key: String,
    keywords: Vec<(Lang, Phrase)>,
}

/// Keywords of `theme` that only carry another theme, giving way to `yields_to` in
/// the same sentence.
#[derive(Debug, Clone)]
struct Channel {
    theme: &'static str,
    lang: Lang,
    phrases: Vec<Phrase>,
    yields_to: &'static [&'static str],
}

/// Finds the built-in and the organisation's themes in texts.
#[derive(Debug, Clone)]
pub(crate) struct ThemeMatcher {
    themes: Vec<CompiledTheme>,
    /// Per theme key, phrases where its keywords mean something else.
    other_senses: Vec<(&'static str, Lang, Rule)>,
    /// Per theme key, keywords that count only in a sentence that judges something.
    named_not_judged: Vec<(&'static str, Lang, Vec<Phrase>)>,
    channels: Vec<Channel>,
}

impl ThemeMatcher {
    /// Built-in keywords count in their own language; an organisation's keywords, whose
    /// language nobody declared, in both. A custom theme with a built-in key adds its
    /// keywords to the built-in ones.
    pub fn new(custom: &[ThemeDef]) -> ThemeMatcher {
        let mut themes: Vec<CompiledTheme> = BUILTIN_THEMES
            .iter()
            .map(|t| CompiledTheme {
                key: t.key.to_string(),
                keywords: compile(t.fi, &[Lang::Fi])
                    .chain(compile(t.en, &[Lang::En]))
                    .chain(loanwords(t.en))
                    .collect(),
            })
            .collect();
        for def in custom {
            let keywords = compile(&def.keywords, &Lang::ALL);
            match themes.iter_mut().find(|t| t.key == def.key) {
                Some(theme) => theme.keywords.extend(keywords),
                None => themes.push(CompiledTheme {
                    key: def.key.clone(),
                    keywords: keywords.collect(),
                }),
            }
        }
        themes.sort_by(|a, b| a.key.cmp(&b.key));
        let other_senses = OTHER_SENSES
            .iter()
            .flat_map(|&(key, source)| {
                [Lang::Fi, Lang::En]
                    .into_iter()
                    .filter_map(move |lang| Rule::compile(source, lang).map(|rule| (key, lang, rule)))
            })
            .collect();
        let channels = CHANNELS
            .iter()
            .flat_map(|&(theme, source, yields_to)| {
                [Lang::Fi, Lang::En].into_iter().map(move |lang| Channel {
                    theme,
                    lang,
                    phrases: source.split('|').filter_map(|p| Phrase::compile(p, lang)).collect(),
                    yields_to,
                })
            })
            .collect();
        let named_not_judged = NAMED_NOT_JUDGED
            .iter()
            .flat_map(|&(key, source)| {
                [Lang::Fi, Lang::En].into_iter().map(move |lang| {
                    let phrases = source.split('|').filter_map(|p| Phrase::compile(p, lang)).collect();
                    (key, lang, phrases)
                })
            })
            .collect();
        ThemeMatcher {
            themes,
            other_senses,
            named_not_judged,
            channels,
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.themes.iter().map(|t| t.key.as_str())
    }

    /// The themes present in the text, by key, each with the words that showed it,
    /// as if every sentence judged something.
    #[cfg(test)]
    pub fn find(&self, text: &Text) -> Vec<ThemeLabel> {
        self.find_judged(text, &vec![true; text.sentences.len()], &[])
    }

    /// The themes present in the text; `judged` tells per sentence whether it judges
    /// anything (see `SentimentScorer::score_judging`): where it does not, a role or a
    /// thing merely named ("the consultant sent the files") is no theme. `situations`
    /// are themes shown by a situation rather than a keyword (see
    /// `SignalFinder::situation_themes`), by key.
    pub fn find_judged(&self, text: &Text, judged: &[bool], situations: &[(&str, Vec<Match>)]) -> Vec<ThemeLabel> {
        let found: Vec<(&str, Vec<Match>)> = self
            .themes
            .iter()
            .map(|theme| {
                let matches = self
                    .matches(theme, text)
                    .into_iter()
                    .filter(|m| {
                        !self.only_named(&theme.key, m, text)
                            || (judged[text.tokens[m.first].sentence] && !is_addressed(text, m))
                    })
                    .chain(
                        situations
                            .iter()
                            .filter(|(key, _)| *key == theme.key)
                            .flat_map(|(_, matches)| matches.iter().copied()),
                    )
                    .collect();
                (theme.key.as_str(), matches)
            })
            .collect();
        found
            .iter()
            .filter_map(|(key, matches)| {
                let kept = matches
                    .iter()
                    .filter(|m| !self.gives_way(key, m, text, &found))
                    .map(|m| (m.first, m.last));
                let evidence = text.quotes(kept);
                (!evidence.is_empty()).then(|| ThemeLabel {
                    key: key.to_string(),
                    confidence: confidence::of_evidence(evidence.len(), confidence::ONE_THEME_KEYWORD),
                    evidence,
                    learned: false,
                })
            })
            .collect()
    }

    /// Where the theme's keywords occur in the text, minus those used in another sense.
    fn matches(&self, theme: &CompiledTheme, text: &Text) -> Vec<Match> {
        let other_senses: Vec<Match> = self
            .other_senses
            .iter()
            .filter(|(key, lang, _)| *key == theme.key && *lang == text.lang)
            .flat_map(|(_, _, rule)| rule.find_all(text))
            .flat_map(|(_, matches)| matches)
            .collect();
        theme
            .keywords
            .iter()
            .filter(|(lang, _)| *lang == text.lang)
            .flat_map(|(_, phrase)| phrase.find_all(text))
            .filter(|m| !other_senses.iter().any(|o| o.first <= m.first && m.last <= o.last))
            .collect()
    }

    /// Whether a keyword match of theme `key` lies within a keyword that only names a
    /// role or a thing (`NAMED_NOT_JUDGED`).
    fn only_named(&self, key: &str, m: &Match, text: &Text) -> bool {
        self.named_not_judged
            .iter()
            .filter(|(k, lang, _)| *k == key && *lang == text.lang)
            .flat_map(|(_, _, phrases)| phrases.iter().flat_map(|p| p.find_all(text)))
            .any(|n| n.first <= m.first && m.last <= n.last)
    }

    /// Whether a keyword match of theme `key` is only a channel ("email") in a sentence
    /// where the theme it gives way to was found.
    fn gives_way(&self, key: &str, m: &Match, text: &Text, found: &[(&str, Vec<Match>)]) -> bool {
        let sentence = text.tokens[m.first].sentence;
        self.channels
            .iter()
            .filter(|c| c.theme == key && c.lang == text.lang)
            .any(|channel| {
                let is_channel = channel
                    .phrases
                    .iter()
                    .flat_map(|p| p.find_all(text))
                    .any(|c| c.first <= m.first && m.last <= c.last);
                let other_here = found.iter().any(|(other, matches)| {
                    channel.yields_to.contains(other)
                        && matches.iter().any(|o| text.tokens[o.first].sentence == sentence)
                });
                is_channel && other_here
            })
    }
}

/// Whether the role named by the words of `m` is spoken to, of or through rather than
/// acting (see `ADDRESSED_BEFORE_EN`).
fn is_addressed(text: &Text, m: &Match) -> bool {
    const PREPOSITION_REACH: usize = 3;
    match text.lang {
        Lang::En => clause_before(text, m.first, PREPOSITION_REACH)
            .any(|j| ADDRESSED_BEFORE_EN.contains(&text.tokens[j].lower.as_str())),
        Lang::Fi => {
            let word = text.tokens[m.last].lower.as_str();
            let bare = POSSESSIVE_SUFFIXES_FI
                .iter()
                .find_map(|s| word.strip_suffix(s))
                .unwrap_or(word);
            let postposition = text.tokens.get(m.last + 1).is_some_and(|t| {
                t.sentence == text.tokens[m.last].sentence && ADDRESSED_AFTER_FI.contains(&t.lower.as_str())
            });
            ADDRESSED_ENDINGS_FI.iter().any(|e| bare.ends_with(e)) || postposition
        }
    }
}

/// A loanword is at least this long, so that a short English word is not found at
/// the start of a Finnish one.
const LOANWORD_MIN_CHARS: usize = 5;

/// English keywords as they turn up in Finnish comments ("deadline venyi",
/// "supportti ei vastaa", "meetingit"): a plain English word of a theme, written at
/// the start of a Finnish word.
fn loanwords(english: &'static [&'static str]) -> impl Iterator<Item = (Lang, Phrase)> {
    english
        .iter()
        // An exact English word ("=meeting") is a loanword too.
        .map(|k| k.trim_start_matches('='))
        .filter(|k| k.chars().count() >= LOANWORD_MIN_CHARS && k.chars().all(|c| c.is_ascii_lowercase()))
        .filter_map(|k| Phrase::compile(&format!("{k}*"), Lang::Fi).map(|p| (Lang::Fi, p)))
}

fn compile<'a, S: AsRef<str> + 'a>(keywords: &'a [S], langs: &'a [Lang]) -> impl Iterator<Item = (Lang, Phrase)> + 'a {
    keywords.iter().flat_map(move |k| {
        langs
            .iter()
            .filter_map(move |&lang| Phrase::compile(k.as_ref(), lang).map(|p| (lang, p)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(key: &str, keywords: &[&str]) -> ThemeDef {
        ThemeDef {
            key: key.into(),
            name: Localized::new("Nimi", "Name"),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        }
    }

    fn keys(matcher: &ThemeMatcher, raw: &str, lang: Lang) -> Vec<(String, Vec<String>)> {
        matcher
            .find(&Text::new(raw, lang))
            .into_iter()
            .map(|t| (t.key, t.evidence))
            .collect()
    }

    #[test]
    fn builtin_themes_have_names_and_keywords_that_pass_their_own_rules() {
        let themes = builtin_themes();
        let keys: Vec<&str> = themes.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "communication",
                "schedule",
                "quality",
                "price_value",
                "people",
                "ownership",
                "expertise",
                "responsiveness",
                "reporting"
            ]
        );
        for theme in &themes {
            // Built-in lists may be longer than an admin's; every other rule holds.
            let trimmed = ThemeDef {
                keywords: theme.keywords[..theme.keywords.len().min(THEME_MAX_KEYWORDS)].to_vec(),
                ..theme.clone()
            };
            assert_eq!(trimmed.check(), Ok(()), "{}", theme.key);
        }
    }

    #[test]
    fn finds_themes_in_finnish_compounds_and_english() {
        let matcher = ThemeMatcher::new(&[]);
        assert_eq!(
            keys(&matcher, "Projektiaikataulu petti ja sisäviestintä takkuaa.", Lang::Fi),
            [
                ("communication".to_string(), vec!["sisäviestintä".to_string()]),
                ("schedule".to_string(), vec!["Projektiaikataulu".to_string()]),
            ]
        );
        assert_eq!(
            keys(&matcher, "The monthly reports were late.", Lang::En),
            [
                ("reporting".to_string(), vec!["reports".to_string()]),
                ("schedule".to_string(), vec!["late".to_string()]),
            ]
        );
    }

    #[test]
    fn a_channel_gives_way_to_the_theme_it_carries() {
        let matcher = ThemeMatcher::new(&[]);
        let found =
            |raw: &str, lang: Lang| -> Vec<String> { keys(&matcher, raw, lang).into_iter().map(|(k, _)| k).collect() };
        assert_eq!(found("Still no reply to my email.", Lang::En), ["responsiveness"]);
        assert_eq!(found("Sähköpostiini ei ole vastattu.", Lang::Fi), ["responsiveness"]);
        // Without the other theme, the channel is communication.
        assert_eq!(found("The weekly email is useful.", Lang::En), ["communication"]);
    }

    #[test]
    fn words_in_another_sense_are_not_the_theme() {
        let matcher = ThemeMatcher::new(&[]);
        for (raw, lang) in [
            ("Who is in charge of our account?", Lang::En),
            ("Please pay attention to the details.", Lang::En),
            ("Laajennamme toimintaa Eurooppaan.", Lang::Fi),
            ("Kokonaisarvio yhteistyöstä on hyvä.", Lang::Fi),
        ] {
            assert!(
                !keys(&matcher, raw, lang).iter().any(|(k, _)| k == "price_value"),
                "{raw}"
            );
        }
        assert_eq!(keys(&matcher, "Our hourly rate went up.", Lang::En)[0].0, "price_value");
        // The customer's own people are not the firm's.
        assert!(
            keys(&matcher, "Our people liked the training.", Lang::En)
                .iter()
                .all(|(k, _)| k != "people")
        );
        assert_eq!(keys(&matcher, "Your people are friendly.", Lang::En)[0].0, "people");
    }

    #[test]
    fn a_role_merely_named_is_not_the_people_theme() {
        let matcher = ThemeMatcher::new(&[]);
        let people = |raw: &str, lang: Lang, judged: bool| {
            let text = Text::new(raw, lang);
            matcher
                .find_judged(&text, &vec![judged; text.sentences.len()], &[])
                .iter()
                .any(|t| t.key == "people")
        };
        assert!(!people("The consultant sent the files on Friday.", Lang::En, false));
        assert!(!people("Konsultti lähetti tiedostot perjantaina.", Lang::Fi, false));
        assert!(people("The consultant was rude.", Lang::En, true));
        // Words about the people themselves need no judgement around them.
        assert!(people("Your people are friendly.", Lang::En, false));
        // A manager is a person, the management is not.
        assert!(!people("The project management was poor.", Lang::En, true));
    }

    #[test]
    fn english_loanwords_count_in_finnish_comments() {
        let matcher = ThemeMatcher::new(&[]);
        let found = keys(&matcher, "Meidän deadline venyi ja supportti ei vastaa.", Lang::Fi);
        let found: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(found, ["responsiveness", "schedule"]);
    }

    #[test]
    fn custom_themes_add_keywords_in_either_language() {
        let matcher = ThemeMatcher::new(&[
            theme("onboarding", &["perehdytys", "onboarding"]),
            theme("schedule", &["sprintti*"]),
        ]);
        let found = keys(&matcher, "Perehdytyksen jälkeen sprintit venyivät.", Lang::Fi);
        let found: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(found, ["onboarding", "schedule"]);
        let found = keys(&matcher, "Onboarding was smooth.", Lang::En);
        assert_eq!(found[0].0, "onboarding");
    }

    #[test]
    fn names_fall_back_to_builtin_then_key() {
        let custom = [theme("onboarding", &["perehdytys"])];
        assert_eq!(theme_name("onboarding", &custom, Lang::En), "Name");
        assert_eq!(theme_name("schedule", &custom, Lang::Fi), "Aikataulu");
        assert_eq!(theme_name("gone", &custom, Lang::Fi), "gone");
    }

    #[test]
    fn admin_themes_are_checked() {
        assert_eq!(theme("billing", &["lasku", "invoice*", "=bill"]).check(), Ok(()));
        let problem = |t: ThemeDef| t.check().unwrap_err();
        assert_eq!(problem(theme("b", &["x"])).problem, Invalid::TooShort { min: 2 });
        assert_eq!(problem(theme("Billing", &["x"])).problem, Invalid::Unknown);
        assert_eq!(problem(theme("bill__ing", &["x"])).field, "key");
        assert_eq!(problem(theme("billing", &[])).field, "keywords");
        let e = problem(theme("billing", &["lasku", "in*"]));
        assert_eq!(
            (e.field.as_str(), e.problem),
            ("keywords.1", Invalid::TooShort { min: 3 })
        );
        let e = problem(theme("billing", &["lasku", " Lasku "]));
        assert_eq!((e.field.as_str(), e.problem), ("keywords.1", Invalid::Repeated));
        assert_eq!(problem(theme("billing", &["a|b"])).problem, Invalid::Unknown);
        let many: Vec<String> = (0..51).map(|i| format!("word{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(problem(theme("billing", &many)).problem, Invalid::TooMany { max: 50 });
        let mut unnamed = theme("billing", &["lasku"]);
        unnamed.name.fi = " ".into();
        assert_eq!(problem(unnamed).field, "name");
        assert_eq!(
            problem(theme("b", &["x"])).message(),
            "key must be at least 2 characters"
        );
    }
}
