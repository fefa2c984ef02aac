//! The survey page's own words, in both languages. (The questions and the intro come
//! from the server, in both languages too.)

use kaiku_core::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Loading,
    SwitchLanguage,
    Required,
    Optional,
    NotLikely,
    VeryLikely,
    Poor,
    Excellent,
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
            Required => ("pakollinen", "required"),
            Optional => ("vapaaehtoinen", "optional"),
            NotLikely => ("Ei lainkaan todennäköistä", "Not at all likely"),
            VeryLikely => ("Erittäin todennäköistä", "Extremely likely"),
            Poor => ("Heikosti", "Poor"),
            Excellent => ("Erinomaisesti", "Excellent"),
            SavedHere => (
                "Vastauksesi tallentuvat sitä mukaa kuin vastaat.",
                "Your answers are saved as you go.",
            ),
            SavedEverywhere => ("Tallennettu.", "Saved."),
            OfflineSaved => (
                "Ei verkkoyhteyttä. Vastauksesi ovat tallessa tällä laitteella ja lähtevät, kun yhteys palaa.",
                "No connection. Your answers are kept on this device and will be sent when you're back online.",
            ),
            Submit => ("Lähetä vastaukset", "Send answers"),
            Submitting => ("Lähetetään…", "Sending…"),
            SubmitOffline => (
                "Ei verkkoyhteyttä. Vastauksesi lähetetään automaattisesti, kun yhteys palaa.",
                "No connection. Your answers will be sent automatically when you're back online.",
            ),
            MissingRequired => ("Vastaa vielä tähän kysymykseen.", "Please answer this question."),
            Refused => (
                "Vastausta ei voitu tallentaa. Tarkista merkitty kysymys.",
                "The answer could not be saved. Check the marked question.",
            ),
            ThanksTitle => ("Kiitos vastauksestasi!", "Thank you for your answer!"),
            ThanksBody => (
                "Tiimimme lukee vastauksesi ja sopii sen perusteella, mitä teemme toisin. Kerromme sinulle, mitä teimme.",
                "Our team reads your answer and agrees on what to do differently. We will tell you what we did.",
            ),
            InvalidTitle => ("Linkki ei ole enää voimassa", "This link is no longer valid"),
            InvalidBody => (
                "Kyselyn linkki on vanhentunut tai peruttu. Jos haluat antaa palautetta, vastaa sähköpostiin, jossa linkki tuli.",
                "The survey link has expired or was withdrawn. If you'd like to give feedback, reply to the email the link came in.",
            ),
            RateLimited => (
                "Liian monta yritystä. Odota hetki ja lataa sivu uudelleen.",
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
                "Kyselyä ei saatu ladattua. Tarkista verkkoyhteys ja lataa sivu uudelleen.",
                "The survey could not be loaded. Check your connection and reload the page.",
            ),
        };
        match lang {
            Lang::Fi => fi,
            Lang::En => en,
        }
    }
}

pub fn progress(lang: Lang, answered: usize, total: usize) -> String {
    match lang {
        Lang::Fi => format!("{answered}/{total} vastattu"),
        Lang::En => format!("{answered} of {total} answered"),
    }
}
