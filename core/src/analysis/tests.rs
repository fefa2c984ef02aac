//! The analysis as a whole: what a team member would notice in the app.

use proptest::prelude::*;

use super::*;

fn model() -> Model {
    Model::new(&[], &[])
}

fn theme_keys(analysis: &CommentAnalysis) -> Vec<&str> {
    analysis.themes.iter().map(|t| t.key.as_str()).collect()
}

fn correction(text: &str, kind: CorrectionKind, label: &str, present: bool) -> Correction {
    Correction {
        text: text.into(),
        kind,
        label: label.into(),
        present,
    }
}

#[test]
fn finnish_complaint_about_the_schedule() {
    let a = model().analyse("En ole tyytyväinen aikatauluun. Toimitus on taas myöhässä.");
    assert_eq!(a.lang, Lang::Fi);
    assert_eq!(a.sentiment.polarity, Polarity::Negative);
    assert!(
        a.sentiment.evidence.contains(&"En ole tyytyväinen".to_string()),
        "{a:?}"
    );
    assert_eq!(theme_keys(&a), ["schedule"]);
    // "taas … myöhässä", late again, is a schedule situation: its words are evidence too.
    assert_eq!(a.themes[0].evidence, ["aikatauluun", "taas", "myöhässä"]);
}

#[test]
fn a_date_moved_again_and_again_is_the_schedule_without_a_schedule_word() {
    let m = model();
    for raw in [
        "The launch has moved four times now.",
        "Julkaisu on siirtynyt jo neljä kertaa.",
    ] {
        assert_eq!(theme_keys(&m.analyse(raw)), ["schedule"], "{raw}");
    }
}

#[test]
fn nothing_to_complain_about_is_not_negative() {
    let a = model().analyse("Ei ollut mitään valittamista.");
    assert_ne!(a.sentiment.polarity, Polarity::Negative, "{a:?}");
}

#[test]
fn english_negations() {
    let m = model();
    let a = m.analyse("The report was not useful.");
    assert_eq!((a.lang, a.sentiment.polarity), (Lang::En, Polarity::Negative));
    assert_eq!(a.sentiment.evidence, ["not useful"]);
    assert_eq!(theme_keys(&a), ["reporting"]);
    assert_ne!(m.analyse("Not bad at all.").sentiment.polarity, Polarity::Negative);
    assert_eq!(
        m.analyse("The support is no longer a problem.").sentiment.polarity,
        Polarity::Positive
    );
}

#[test]
fn churn_upsell_and_development_points_together() {
    let a = model().analyse(
        "Kilpailija tarjosi saman halvemmalla. Toivoisin, että raportit tulisivat ajoissa! \
         Olisi kiinnostusta laajentaa yhteistyötä myös Ruotsiin.",
    );
    let causes: Vec<ChurnCause> = a.churn_causes.iter().map(|c| c.cause).collect();
    assert_eq!(causes, [ChurnCause::CompetitorsAhead]);
    assert_eq!(a.churn_causes[0].evidence, ["Kilpailija", "halvemmalla"]);
    assert_eq!(a.development_points, ["Toivoisin, että raportit tulisivat ajoissa!"]);
    assert_eq!(a.upsell, ["Olisi kiinnostusta laajentaa yhteistyötä myös Ruotsiin."]);
}

#[test]
fn a_theme_correction_labels_a_similar_later_comment_but_not_an_unrelated_one() {
    let corrected = "Laskujen erittely on sekava ja laskuissa on toistuvasti virheitä.";
    let similar = "Laskuissa oli taas virheitä, ja erittely puuttui kokonaan.";
    let unrelated = "Projektipäällikkö on mukava ja osaava.";
    let before = Model::new(&[], &[]);
    let billing = ThemeDef {
        key: "billing".into(),
        name: Localized::new("Laskutus", "Billing"),
        keywords: vec!["maksuehto".into()],
    };
    let after = Model::new(
        std::slice::from_ref(&billing),
        &[correction(corrected, CorrectionKind::Theme, "billing", true)],
    );
    assert!(!theme_keys(&before.analyse(similar)).contains(&"billing"));
    let learned = after.analyse(similar);
    let label = learned
        .themes
        .iter()
        .find(|t| t.key == "billing")
        .expect("learned label");
    assert!(label.learned);
    assert!(label.evidence.iter().all(|w| similar.contains(w.as_str())), "{label:?}");
    assert!(label.evidence.len() >= 2, "{label:?}");
    assert_eq!(
        after.analyse(unrelated),
        Model::new(std::slice::from_ref(&billing), &[]).analyse(unrelated)
    );
}

#[test]
fn a_sentiment_correction_changes_similar_comments_only() {
    // The lexicon reads "tiukka" (tight) budgets as nothing special; this team knows
    // its customers mean it as praise.
    let corrected = "Budjetti pysyi tiukkana ja kustannukset hallinnassa koko projektin ajan.";
    let similar = "Kustannukset pysyivät hallinnassa ja budjetti tiukkana.";
    let unrelated = "Kehittäjät vaihtuivat kesken projektin.";
    let m = Model::new(
        &[],
        &[correction(corrected, CorrectionKind::Sentiment, "positive", true)],
    );
    assert_eq!(model().analyse(similar).sentiment.polarity, Polarity::Neutral);
    let s = m.analyse(similar).sentiment;
    assert_eq!((s.polarity, s.learned), (Polarity::Positive, true), "{s:?}");
    assert!(s.score >= 0.2);
    // Learned from one correction: confident, never certain.
    assert!(s.confidence > 0.5 && s.confidence < 1.0, "{s:?}");
    assert_eq!(m.analyse(unrelated), model().analyse(unrelated));
}

#[test]
fn a_rejected_label_is_suppressed_for_similar_comments() {
    let corrected = "Konsulttien kanssa on mukava tehdä töitä, palaverit ovat rentoja.";
    let similar = "Palaverit ovat rentoja ja konsulttien kanssa on mukavaa.";
    assert!(theme_keys(&model().analyse(similar)).contains(&"people"));
    let m = Model::new(&[], &[correction(corrected, CorrectionKind::Theme, "people", false)]);
    assert!(!theme_keys(&m.analyse(similar)).contains(&"people"));
    // Other comments about people keep the theme.
    assert!(theme_keys(&m.analyse("Yhteyshenkilö oli osaava.")).contains(&"people"));
}

#[test]
fn a_sentence_that_is_not_a_point_stays_dismissed_wherever_it_recurs() {
    let comment = "Kaikki hyvin. Toivoisin, että raportit tulisivat ajoissa! Voisitteko soittaa ensi viikolla?";
    let found = model().analyse(comment).development_points;
    assert_eq!(found.len(), 2, "{found:?}");
    let dismissed = correction(comment, CorrectionKind::DevelopmentPoint, &found[1], false);

    // At once on the comment itself, case and spacing aside.
    let mut corrected = model().analyse(comment);
    corrected.apply(&Correction {
        label: format!("  {}", found[1].to_uppercase()),
        ..dismissed.clone()
    });
    assert_eq!(corrected.development_points, [found[0].clone()]);

    // And for the same sentence in a later comment; other points still count.
    let m = Model::new(&[], std::slice::from_ref(&dismissed));
    let later = format!("Hyvä kvartaali. {}", found[1]);
    assert!(m.analyse(&later).development_points.is_empty());
    assert_eq!(m.analyse(comment).development_points, [found[0].clone()]);
    // Only "not a point" is a correction: a point cannot be added this way.
    assert!(!m.knows(&Correction {
        present: true,
        ..dismissed
    }));
}

#[test]
fn a_churn_cause_correction_is_learned() {
    let corrected = "Teimme oman sovelluksen itse, joten ylläpitoa tarvitaan vähemmän.";
    let similar = "Ylläpitoa tarvitaan jatkossa vähemmän, koska teimme sovelluksen itse.";
    let m = Model::new(
        &[],
        &[correction(corrected, CorrectionKind::ChurnCause, "needs_changed", true)],
    );
    let a = m.analyse(similar);
    assert_eq!(a.churn_causes.len(), 1, "{a:?}");
    assert_eq!(
        (a.churn_causes[0].cause, a.churn_causes[0].learned),
        (ChurnCause::NeedsChanged, true)
    );
}

#[test]
fn corrections_of_unknown_labels_are_ignored() {
    let m = Model::new(
        &[],
        &[
            correction("Hyvä", CorrectionKind::Theme, "no_such_theme", true),
            correction("Hyvä", CorrectionKind::Sentiment, "great", true),
            correction("Hyvä", CorrectionKind::ChurnCause, "boredom", true),
        ],
    );
    assert_eq!(m.analyse("Hyvä työ"), model().analyse("Hyvä työ"));
}

#[test]
fn labels_are_sorted_by_key_and_results_are_deterministic() {
    let text = "Raportit myöhässä, laskut virheellisiä ja viestintä takkuaa. Kilpailija lupasi enemmän.";
    let a = model().analyse(text);
    let keys = theme_keys(&a);
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted);
    let causes: Vec<&str> = a.churn_causes.iter().map(|c| c.cause.code()).collect();
    let mut sorted = causes.clone();
    sorted.sort_unstable();
    assert_eq!(causes, sorted);
    assert_eq!(model().analyse(text), a);
}

#[test]
fn odd_inputs_do_not_break_it() {
    let m = model();
    let long = "Projektiaikataulu petti, mutta tiimi oli todella hyvä! ".repeat(2000);
    assert!(long.len() > 100_000);
    for text in [
        "",
        " ",
        "👍👍👍",
        "?!...,;",
        "\n\n\n",
        "ääöö",
        "n't",
        "'",
        "ei ei ei ei",
        long.as_str(),
    ] {
        let a = m.analyse(text);
        assert!((-1.0..=1.0).contains(&a.sentiment.score), "{text}");
    }
    assert_eq!(m.analyse("👍").lang, DEFAULT_LANG);
    assert_eq!(m.analyse_in("👍", Lang::En).lang, Lang::En);
}

#[test]
fn serialises_for_the_api() {
    let a = model().analyse("Kilpailija on halvempi.");
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["lang"], "fi");
    assert_eq!(json["churn_causes"][0]["cause"], "competitors_ahead");
    assert_eq!(json["sentiment"]["polarity"], "negative");
    let back: CommentAnalysis = serde_json::from_value(json).unwrap();
    assert_eq!(back, a);
    for cause in ChurnCause::ALL {
        assert_eq!(serde_json::to_value(cause).unwrap(), cause.code());
    }
}

/// Every piece of evidence is a piece of the input (case-insensitively), so the app
/// can highlight it.
fn evidence_of(a: &CommentAnalysis) -> Vec<&String> {
    a.sentiment
        .evidence
        .iter()
        .chain(a.themes.iter().flat_map(|t| &t.evidence))
        .chain(a.churn_causes.iter().flat_map(|c| &c.evidence))
        .chain(&a.upsell)
        .chain(&a.development_points)
        .collect()
}

proptest! {
    #[test]
    fn never_panics_and_quotes_only_the_input(text in "\\PC{0,300}") {
        let a = model().analyse(&text);
        prop_assert!((-1.0..=1.0).contains(&a.sentiment.score));
        let lower = text.to_lowercase();
        for piece in evidence_of(&a) {
            prop_assert!(lower.contains(&piece.to_lowercase()) || text.contains(piece.as_str()), "{piece:?}");
        }
    }

    #[test]
    fn wordy_inputs_too(words in prop::collection::vec(
        prop::sample::select(vec![
            "ei", "en", "not", "n't", "hyvä", "huono", "aikataulu", "projektiaikataulussa", "kilpailija",
            "luvattiin", "voisitteko", "myös", "please", "could", "be", "better", "todella", "very", ",", ".",
            "!", "?", "\n", "–", "😀", "Ä", "raportti", "invoice", "but", "mutta", "no", "longer",
        ]),
        0..60,
    )) {
        let text = words.join(" ");
        let a = model().analyse(&text);
        prop_assert!((-1.0..=1.0).contains(&a.sentiment.score));
        for piece in evidence_of(&a) {
            prop_assert!(text.contains(piece.as_str()), "{piece:?} not in {text:?}");
        }
        let learned = Model::new(&[], &[Correction {
            text: text.clone(),
            kind: CorrectionKind::Sentiment,
            label: "negative".into(),
            present: true,
        }]).analyse(&text);
        prop_assert!((-1.0..=1.0).contains(&learned.sentiment.score));
    }

    #[test]
    fn stemmers_cope_with_their_alphabets(word in "[a-zäöåéü']{0,45}") {
        let _ = text::stem(Lang::Fi, &word);
        let _ = text::stem(Lang::En, &word);
    }
}

fn polarity(text: &str) -> Polarity {
    model().analyse(text).sentiment.polarity
}

fn cause_codes(analysis: &CommentAnalysis) -> Vec<&str> {
    analysis.churn_causes.iter().map(|c| c.cause.code()).collect()
}

#[test]
fn complaints_by_situation_are_negative_and_show_their_words() {
    for text in [
        "Kysymykseemme ei ole vieläkään vastattu.",
        "Olemme odottaneet korjausta kolme viikkoa.",
        "We were left waiting for weeks.",
        "Nobody has replied to our two emails.",
    ] {
        let s = model().analyse(text).sentiment;
        assert_eq!(s.polarity, Polarity::Negative, "{text}: {s:?}");
        assert!(!s.evidence.is_empty(), "{text}");
    }
}

#[test]
fn an_expected_deed_denied_is_a_complaint_however_far_the_negation() {
    use Polarity::{Negative, Neutral};
    for (text, expected) in [
        // Finnish negation far before the verb; English "never" before "really"
        (
            "Emme ole tämän syksyn aikana kertaakaan saaneet pyytämiämme lukuja.",
            Negative,
        ),
        (
            "Ette ole mielestäni vielä missään vaiheessa oikeastaan ymmärtäneet prosessiamme.",
            Negative,
        ),
        ("They never really got back to us about the licences.", Negative),
        // a deed that happened is no praise; "not only" denies nothing
        ("He ymmärsivät prosessimme.", Neutral),
        ("They not only delivered the files but also the licences.", Neutral),
        // time passing on something still open, and the same thing moved again and again
        ("The change request has been pending for weeks.", Negative),
        ("Asennus on siirtynyt jo kolme kertaa.", Negative),
    ] {
        assert_eq!(polarity(text), expected, "{text}");
    }
}

#[test]
fn situations_without_sentiment_words_say_how_it_went() {
    use Polarity::{Negative, Neutral, Positive};
    for (text, expected) in [
        ("Nobody told us the server would be down over the weekend.", Negative),
        ("Kukaan ei kertonut meille, että palvelin on poissa käytöstä.", Negative),
        ("It always falls on us to push things forward.", Negative),
        (
            "We never got the training material that was part of the deal.",
            Negative,
        ),
        (
            "Emme koskaan saaneet koulutusmateriaalia, joka kuului sopimukseen.",
            Negative,
        ),
        ("The release slipped again.", Negative),
        ("Julkaisu siirtyi taas.", Negative),
        ("We expected a strategic partner and got an order taker.", Negative),
        (
            "Odotimme strategista kumppania ja saimme pelkän tilausten vastaanottajan.",
            Negative,
        ),
        ("Why do we always have to ask twice?", Negative),
        ("The new checkout doesn't work on mobile.", Negative),
        ("Uusi kassa ei toimi mobiilissa.", Negative),
        ("We've had three different project managers in six months.", Negative),
        ("The quality has dropped since the team changed.", Negative),
        ("Laatu on laskenut tiimin vaihduttua.", Negative),
        ("Laskulla oli tunteja, joita kukaan ei osannut selittää.", Negative),
        ("I have sent four reminders.", Negative),
        ("Palaverit perutaan viime hetkellä.", Negative),
        (
            "Vieläkään ei tuntierittelyä, vaikka pyysimme sitä maaliskuussa.",
            Negative,
        ),
        // Polite and indirect.
        ("It would have been nice to hear about this earlier.", Negative),
        ("Olisi ollut mukava kuulla tästä aiemmin.", Negative),
        ("The workshop was not quite what we had hoped for.", Negative),
        ("Työpaja ei ollut aivan sitä mitä toivoimme.", Negative),
        ("Laskun suuruus yllätti meidät hieman.", Negative),
        ("The go-live was rather bumpy.", Negative),
        ("Kesti tovin ennen kuin kukaan palasi asiaan.", Negative),
        ("Emme kokeneet tulleemme kuulluiksi suunnitteluvaiheessa.", Negative),
        ("The price went up again without any explanation.", Negative),
        // Angry, colloquial, shouted.
        ("Absolutely ridiculous service!!!", Negative),
        ("Ihan naurettavaa pelleilyä!!!", Negative),
        ("Vastausajat on ihan kamalia.", Negative),
        ("WHERE IS OUR REPORT", Negative),
        ("Any news on our ticket??", Negative),
        ("Unbelievably good work.", Positive),
        // "Response" is not "responsive", a first impression not "impressive", expenses
        // not "expensive".
        ("Response times have got worse.", Negative),
        ("Our first impression was formed at the kickoff.", Neutral),
        ("Travel expenses are billed separately.", Neutral),
        ("They always answer within the hour.", Positive),
        ("Kept every deadline.", Positive),
        ("Te todella kuuntelitte, mitä tarvitsimme.", Positive),
        ("Toimii kuin junan vessa.", Positive),
        // Doing what was agreed is neither.
        ("Works as agreed.", Neutral),
        ("Toimii sovitusti.", Neutral),
    ] {
        assert_eq!(polarity(text), expected, "{text}");
    }
}

#[test]
fn a_comment_and_its_translation_get_the_same_sentiment() {
    for (en, fi) in [
        (
            "Nobody from your side attended the steering group.",
            "Kukaan teiltä ei osallistunut ohjausryhmään.",
        ),
        ("The migration went without a hitch.", "Siirto meni ilman ongelmia."),
        ("Your estimate was way off.", "Arvionne meni pahasti pieleen."),
        (
            "We feel like a small client to you.",
            "Tuntuu, että olemme teille pieni asiakas.",
        ),
        (
            "The last release broke our checkout.",
            "Viimeisin julkaisu rikkoi kassamme.",
        ),
        ("Things fall through the cracks.", "Asiat putoavat rakoihin."),
        ("The designer nailed it.", "Suunnittelija onnistui täydellisesti."),
    ] {
        assert_eq!(polarity(en), polarity(fi), "{en} / {fi}");
        assert_ne!(polarity(en), Polarity::Neutral, "{en}");
    }
}

#[test]
fn how_a_complaint_was_answered_and_a_firm_that_only_takes_orders_are_causes() {
    for (text, cause) in [
        (
            "When we complained, you downplayed the whole thing.",
            "complaint_handling",
        ),
        ("Reklamaatiomme vähäteltiin.", "complaint_handling"),
        ("You are an order taker, the ideas come from us.", "not_engaging"),
        ("Te ette koskaan ehdota mitään itse.", "not_engaging"),
    ] {
        let a = model().analyse(text);
        assert!(cause_codes(&a).contains(&cause), "{text}: {:?}", a.churn_causes);
    }
}

#[test]
fn negation_scope_and_idioms() {
    // The Finnish negative verb far before the word it negates.
    assert_eq!(
        polarity("Emme ole olleet tämän kevään aikana tyytyväisiä."),
        Polarity::Negative
    );
    // "Never … this good" is praise.
    assert_eq!(polarity("We have never had reports this clear."), Polarity::Positive);
    assert_eq!(
        polarity("Meillä ei ole koskaan ollut näin selkeitä raportteja."),
        Polarity::Positive
    );
    // A negation does not reach into an embedded clause.
    assert_eq!(
        polarity("The incident report did not explain what went wrong."),
        Polarity::Negative
    );
    // Nothing could be better: praise.
    assert_eq!(polarity("The rollout couldn't have gone better."), Polarity::Positive);
    assert_eq!(
        polarity("Emme voisi olla tyytyväisempiä tulokseen."),
        Polarity::Positive
    );
    // Negated complaints are praise.
    assert_eq!(polarity("No complaints, thanks."), Polarity::Positive);
    assert_eq!(polarity("Ei mitään valitettavaa."), Polarity::Positive);
    // Balanced and lukewarm.
    assert_eq!(polarity("Not awful, but not brilliant either."), Polarity::Neutral);
    assert_eq!(polarity("Yhteistyö on ihan hyvää."), Polarity::Neutral);
    assert_eq!(polarity("The documentation is pretty good."), Polarity::Neutral);
}

#[test]
fn the_customers_voice_lost_in_many_phrasings() {
    for text in [
        "Our account manager has changed three times since spring.",
        "We had to re-explain our setup to the new developer.",
        "Our comments never reach the people who build the product.",
        "Projektipäällikkömme on vaihtunut jo kolmas kerta.",
        "Palautteemme ei välity kehittäjille asti.",
        "Kukaan ei kanna kokonaisvastuuta projektista.",
    ] {
        let a = model().analyse(text);
        assert!(cause_codes(&a).contains(&"voice_lost"), "{text}: {:?}", a.churn_causes);
        assert_eq!(a.sentiment.polarity, Polarity::Negative, "{text}");
    }
}

#[test]
fn a_cause_word_in_another_sense_does_not_fire() {
    let a = model().analyse("You took responsibility for the outage without being asked.");
    assert!(a.churn_causes.is_empty(), "{:?}", a.churn_causes);
    let a = model().analyse("No complaints this month.");
    assert!(a.churn_causes.is_empty(), "{:?}", a.churn_causes);
    // "Promising" is not "promised".
    let a = model().analyse("The first results look promising.");
    assert!(
        a.churn_causes.is_empty() && a.sentiment.polarity == Polarity::Positive,
        "{a:?}"
    );
}

#[test]
fn theme_senses() {
    // The bare team is not the people theme; named people are.
    assert!(!theme_keys(&model().analyse("The team shipped the release.")).contains(&"people"));
    assert!(theme_keys(&model().analyse("Our project manager is great.")).contains(&"people"));
    // A keyword inside a Finnish compound.
    assert!(theme_keys(&model().analyse("Kokonaisvastuu on hukassa.")).contains(&"ownership"));
    // Responsible is not responsive.
    let a = model().analyse("They were responsible for the migration.");
    let keys = theme_keys(&a);
    assert!(
        keys.contains(&"ownership") && !keys.contains(&"responsiveness"),
        "{keys:?}"
    );
    // "Ei vastannut odotuksia" is about expectations, not about answering.
    let a = model().analyse("Raportti ei vastannut odotuksiamme.");
    assert!(!theme_keys(&a).contains(&"responsiveness"), "{:?}", a.themes);
    assert!(cause_codes(&a).contains(&"promise_vs_delivery"));
}

#[test]
fn a_role_spoken_to_and_a_stem_of_another_sense_show_no_theme() {
    // The firm's people acting are the people theme; a role the customer only speaks
    // to or through is not.
    for (text, people) in [
        ("The analyst was excellent.", true),
        ("Suunnittelijanne oli erinomainen.", true),
        ("We complained to the analyst twice and nothing changed.", false),
        ("Valitimme suunnittelijallenne kahdesti, eikä mikään muuttunut.", false),
    ] {
        let keys = theme_keys(&model().analyse(text)).contains(&"people");
        assert_eq!(keys, people, "{text}");
    }
    // "own" is not "owns", "meet" not "meeting", "access" not "accessibility".
    for (text, word) in [
        ("Our own staff were disappointed.", "own"),
        ("The new site does not meet our needs at all.", "meet"),
        ("Access to the test server is broken.", "Access"),
    ] {
        let a = model().analyse(text);
        assert!(
            a.themes.iter().all(|t| !t.evidence.iter().any(|e| e == word)),
            "{text}: {:?}",
            a.themes
        );
    }
}

#[test]
fn future_needs_are_upsell_in_both_languages() {
    for text in [
        "Next year we will need a bigger support team.",
        "We'll need extra capacity for the autumn campaign.",
        "Ensi vuonna tarvitsemme isomman tukitiimin.",
        "When we open the Tampere office we will need the same setup there.",
        "Syksyllä tarvitsemme teiltä luultavasti toisen kehittäjän.",
    ] {
        assert!(!model().analyse(text).upsell.is_empty(), "{text}");
    }
    assert!(
        model()
            .analyse("We will need to check the contract first.")
            .upsell
            .is_empty()
    );
    // An urgent call for help is support, not a new need.
    assert!(
        model()
            .analyse("Tarvitsemme apua heti, palvelin on alhaalla.")
            .upsell
            .is_empty()
    );
    assert!(model().analyse("Each new tester needs a login.").upsell.is_empty());
    // A negated cue, thanks, a copy, a "why" or a scope grown unasked are no upsell.
    for text in [
        "Emme tarvitse lisää konsultteja, vaan parempaa laatua.",
        "Ette tunnu olevan kiinnostuneita meistä asiakkaana.",
        "Haluamme myös sanoa kiitos hyvästä työstä.",
        "Tarvitsemme myös laskun kopion.",
        "We would also like to say thanks for the good work.",
        "We are interested in hearing why the deadline slipped.",
        "The scope expanded without anyone asking us.",
    ] {
        assert!(model().analyse(text).upsell.is_empty(), "{text}");
    }
}

#[test]
fn every_label_carries_a_confidence_that_grows_with_its_evidence() {
    let a = model().analyse(
        "Hinta on liian kova ja laskut ovat sekavia. Kilpailija tekee saman halvemmalla. Tarvitsemme myös lisää apua ensi vuonna.",
    );
    let in_range = |c: f64| (0.0..=1.0).contains(&c) && c > 0.0;
    assert!(in_range(a.sentiment.confidence), "{:?}", a.sentiment);
    assert!(a.themes.iter().all(|t| in_range(t.confidence)), "{:?}", a.themes);
    assert!(
        a.churn_causes.iter().all(|c| in_range(c.confidence)),
        "{:?}",
        a.churn_causes
    );
    assert!(in_range(a.upsell_confidence));
    // Several words for the price theme and two cues for the competitor: surer than one.
    let price = a.themes.iter().find(|t| t.key == "price_value").unwrap();
    assert!(price.evidence.len() > 1 && price.confidence > 0.7, "{price:?}");
    let competitors = &a.churn_causes[0];
    assert!(competitors.confidence > 0.6, "{competitors:?}");
    // No upsell: no confidence.
    assert_eq!(model().analyse("Kiitos hyvästä työstä.").upsell_confidence, 0.0);
}

#[test]
fn a_neutral_comment_without_sentiment_words_is_marked_uncertain() {
    let s = model().analyse("Projekti alkoi maaliskuussa.").sentiment;
    assert_eq!(s.polarity, Polarity::Neutral);
    assert!(is_low_confidence(s.confidence), "{s:?}");
    let s = model()
        .analyse("Erinomaista työtä, olemme todella tyytyväisiä!")
        .sentiment;
    assert!(!is_low_confidence(s.confidence), "{s:?}");
}

#[test]
fn confidence_is_deterministic_and_hand_set_labels_are_certain() {
    let text = "Yhteyshenkilömme vaihtuu jatkuvasti, ja joudumme selittämään kaiken uudelleen.";
    assert_eq!(model().analyse(text), model().analyse(text));
    let mut a = model().analyse(text);
    a.apply(&correction(text, CorrectionKind::Theme, "communication", true));
    a.apply(&correction(text, CorrectionKind::Sentiment, "negative", true));
    let theme = a.themes.iter().find(|t| t.key == "communication").unwrap();
    assert_eq!((theme.confidence, a.sentiment.confidence), (1.0, 1.0));
}

#[test]
fn analyses_stored_before_confidences_still_decode() {
    let stored = r#"{"lang":"fi","sentiment":{"polarity":"negative","score":-0.5,"evidence":["huono"],"learned":false},
        "themes":[{"key":"quality","evidence":["laatu"],"learned":false}],
        "churn_causes":[{"cause":"voice_lost","evidence":["kukaan ei kuuntele"],"learned":false}],
        "upsell":[],"development_points":[]}"#;
    let a: CommentAnalysis = serde_json::from_str(stored).expect("decodes");
    assert_eq!(a.sentiment.polarity, Polarity::Negative);
    assert_eq!(
        (
            a.themes[0].confidence,
            a.churn_causes[0].confidence,
            a.upsell_confidence
        ),
        (0.0, 0.0, 0.0)
    );
    // Nobody knows how sure those were: they are not picked out as uncertain.
    assert!(!a.has_uncertain_label());
}

#[test]
fn an_analysis_with_any_uncertain_label_is_picked_out() {
    // A guess: neutral without a single sentiment word.
    assert!(model().analyse("Projekti alkoi maaliskuussa.").has_uncertain_label());
    // Sure of everything: plain praise, the theme named twice.
    let sure = model().analyse("Erinomaista työtä, raportit ja raportointi ovat todella selkeitä!");
    assert!(!sure.has_uncertain_label(), "{sure:?}");
    // One churn cue is an inference, below the mark.
    let one_cue = model().analyse("Kilpailija tekee tämän erinomaisesti, olemme todella tyytyväisiä heihin.");
    assert!(
        one_cue.churn_causes.iter().any(|c| is_marked_uncertain(c.confidence)),
        "{one_cue:?}"
    );
    assert!(one_cue.has_uncertain_label());
    // A hand-set correction makes that label certain.
    let text = "Projekti alkoi maaliskuussa.";
    let mut corrected = model().analyse(text);
    corrected.apply(&correction(text, CorrectionKind::Sentiment, "neutral", true));
    assert!(!corrected.has_uncertain_label(), "{corrected:?}");
}
