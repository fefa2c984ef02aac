//! The survey page's own words, in both languages. (The questions and the intro come
//! from the server, in both languages too.)

use kaiku_core::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Loading,
    SwitchLanguage,
    RequiredLegend,
    SurveyTitle,
    SavedHere,
    SavedEverywhere,
    OfflineSaved,
    Submit,
    Submitting,
    SubmitOffline,
    MissingRequired,
    Refused,
    ThanksTitle,
    ThanksBody,
    InvalidTitle,
    InvalidBody,
    RateLimited,
    CannotLoad,
    PreviewNote,
    WeDidTitle,
    YouSaid,
    WeDid,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        use Text::*;
        let (fi, en) = match self {
            Loading => ("Ladataan kyselyä…", "Loading the survey…"),
            SwitchLanguage => ("In English", "Suomeksi"),
            RequiredLegend => (
                "Tähdellä (*) merkittyihin kysymyksiin pyydämme vastauksen.",
                "Questions marked with an asterisk (*) need an answer.",
            ),
            SurveyTitle => ("Kysely", "Survey"),
            SavedHere => (
                "Vastauksenne tallentuvat sitä mukaa kuin vastaatte.",
                "Your answers are saved as you go.",
            ),
            SavedEverywhere => ("Tallennettu.", "Saved."),
            OfflineSaved => (
                "Ei verkkoyhteyttä. Vastauksenne ovat tallessa tällä laitteella ja lähtevät, kun yhteys palaa.",
                "No connection. Your answers are kept on this device and will be sent when you're back online.",
            ),
            Submit => ("Lähetä vastaukset", "Send answers"),
            Submitting => ("Lähetetään…", "Sending…"),
            SubmitOffline => (
                "Vastauksenne on tallessa tällä laitteella, ja se lähtee, kun yhteys taas toimii.",
                "Your answers are saved on this device and will be sent when you are back online.",
            ),
            MissingRequired => ("Vastatkaa vielä tähän kysymykseen.", "Please answer this question."),
            Refused => (
                "Vastausta ei voitu tallentaa. Tarkistakaa merkitty kysymys.",
                "The answer could not be saved. Check the marked question.",
            ),
            ThanksTitle => ("Kiitos vastauksestanne!", "Thank you for your answer!"),
            ThanksBody => (
                "Tiimimme lukee vastauksenne ja sopii sen perusteella, mitä teemme toisin. Kerromme teille, mitä teimme.",
                "Our team reads your answer and agrees on what to do differently. We will tell you what we did.",
            ),
            InvalidTitle => ("Linkki ei ole enää voimassa", "This link is no longer valid"),
            InvalidBody => (
                "Kyselyn linkki on vanhentunut tai peruttu. Jos haluatte antaa palautetta, vastatkaa sähköpostiin, jossa linkki tuli.",
                "The survey link has expired or was withdrawn. If you'd like to give feedback, reply to the email the link came in.",
            ),
            RateLimited => (
                "Liian monta yritystä. Odottakaa hetki ja ladatkaa sivu uudelleen.",
                "Too many attempts. Wait a moment and reload the page.",
            ),
            PreviewNote => (
                "Esikatselu: näin asiakas näkee kyselyn. Vastauksia ei tallenneta.",
                "Preview: this is how customers see the survey. Answers are not saved.",
            ),
            WeDidTitle => (
                "Viime kerralla kerroitte meille – tässä mitä teimme",
                "Last time you told us – here is what we did",
            ),
            YouSaid => ("Sanoitte:", "You said:"),
            WeDid => ("Teimme:", "We did:"),
            CannotLoad => (
                "Kyselyä ei saatu ladattua. Tarkistakaa verkkoyhteys ja ladatkaa sivu uudelleen.",
                "The survey could not be loaded. Check your connection and reload the page.",
            ),
        };
        match lang {
            Lang::Fi => fi,
            Lang::En => en,
        }
    }
}

/// How long answering takes, from the questions (`survey::minutes_to_answer`).
pub fn duration(lang: Lang, minutes: u32) -> String {
    match (lang, minutes) {
        (Lang::Fi, 1) => "Vastaaminen vie noin minuutin.".to_string(),
        (Lang::Fi, n) => format!("Vastaaminen vie noin {n} minuuttia."),
        (Lang::En, 1) => "Answering takes about a minute.".to_string(),
        (Lang::En, n) => format!("Answering takes about {n} minutes."),
    }
}

/// Above the send button when required questions are still open.
pub fn unanswered(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Fi, 1) => "Yksi kysymys odottaa vielä vastausta. Se on merkitty yllä.".to_string(),
        (Lang::Fi, n) => format!("{n} kysymystä odottaa vielä vastausta. Ne on merkitty yllä."),
        (Lang::En, 1) => "One question still needs an answer. It is marked above.".to_string(),
        (Lang::En, n) => format!("{n} questions still need an answer. They are marked above."),
    }
}

pub fn progress(lang: Lang, answered: usize, total: usize) -> String {
    match lang {
        Lang::Fi => format!("{answered}/{total} vastattu"),
        Lang::En => format!("{answered} of {total} answered"),
    }
}
