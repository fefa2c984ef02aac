//! The Finnish texts keep to the glossary of `docs/STYLE.md`: the terms it rules out
//! appear nowhere in the app's texts, inflected or not.

/// What the glossary rules out, each matched at the start of a word (so
/// "menetysriskistä" counts, "palautesyklit" does not: the plural of a feedback cycle).
const RULED_OUT: &[(&str, &str)] = &[
    ("menetysriski", "poistumariski"),
    ("lähtöriski", "poistumariski"),
    ("ylläpitäjä", "pääkäyttäjä"),
    ("syklit", "kyselykierrokset"),
    ("velkaa", "mikä odottaa ketäkin"),
    ("vastine rahalle", "hinta-laatusuhde"),
    ("terveyden painot", "terveysluvun painotus"),
    ("menetyksen syy", "poistumasyy"),
];

/// The app's texts: the team app's messages and the survey page's.
const SOURCES: &[(&str, &str)] = &[
    ("app/src/i18n/mod.rs", include_str!("mod.rs")),
    ("app/src/i18n/format.rs", include_str!("format.rs")),
    ("app/src/i18n/team.rs", include_str!("team.rs")),
    ("app/src/i18n/errors.rs", include_str!("errors.rs")),
    ("app/src/i18n/accounts.rs", include_str!("accounts.rs")),
    ("app/src/i18n/surveys.rs", include_str!("surveys.rs")),
    ("app/src/i18n/cycles.rs", include_str!("cycles.rs")),
    ("app/src/i18n/health.rs", include_str!("health.rs")),
    ("app/src/i18n/outcomes.rs", include_str!("outcomes.rs")),
    ("app/src/i18n/follow_up.rs", include_str!("follow_up.rs")),
    (
        "app/src/bin/kaiku-survey/text.rs",
        include_str!("../bin/kaiku-survey/text.rs"),
    ),
];

/// Where `term` starts a word in `text` (both lower case).
fn starts_a_word(text: &str, term: &str) -> Option<usize> {
    text.match_indices(term)
        .map(|(at, _)| at)
        .find(|&at| !text[..at].chars().next_back().is_some_and(char::is_alphanumeric))
}

#[test]
fn finnish_texts_use_the_glossary_terms() {
    use kaiku_core::Lang;
    for msg in super::Msg::ALL {
        let text = msg.text(Lang::Fi).to_lowercase();
        for (term, instead) in RULED_OUT {
            assert!(
                starts_a_word(&text, term).is_none(),
                "{msg:?} says {term:?}, docs/STYLE.md says {instead:?}: {text}"
            );
        }
    }
    // The names core gives, which the emails use too.
    let names = kaiku_core::Role::ALL
        .iter()
        .map(|role| role.label(Lang::Fi))
        .chain(kaiku_core::Stage::ALL.iter().map(|stage| stage.label(Lang::Fi)));
    for name in names {
        let name = name.to_lowercase();
        for (term, instead) in RULED_OUT {
            assert!(
                starts_a_word(&name, term).is_none(),
                "{name:?} says {term:?}, docs/STYLE.md says {instead:?}"
            );
        }
    }
    // The texts put together in code (`format!`) too.
    for (file, source) in SOURCES {
        let source = source.to_lowercase();
        for (term, instead) in RULED_OUT {
            if let Some(at) = starts_a_word(&source, term) {
                let line = source[..at].lines().count();
                panic!("{file}:{line} says {term:?}, docs/STYLE.md says {instead:?}");
            }
        }
    }
}

#[test]
fn a_ruled_out_term_is_found_inflected_but_not_inside_another_word() {
    assert_eq!(starts_a_word("tiimin arvio menetysriskistä", "menetysriski"), Some(13));
    assert_eq!(starts_a_word("oletuspalautesyklit", "syklit"), None);
    assert_eq!(starts_a_word("”syklit”", "syklit"), Some("”".len()));
}
