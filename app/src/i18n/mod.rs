//! Every visible string of the app, in Finnish and English.
//!
//! `messages!` declares each message once with both texts: leaving a translation out
//! does not compile. Parameterised messages are plain functions, one module per area
//! (`format` holds the dates and numbers every area writes); all are `i18n::…`.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use kaiku_core::api::DeliveryStatus;
use kaiku_core::cycle::{ContactChoice, CycleEvent, CycleOutcome, CycleRule, PlanReason, RuleSource, Weekday};
use kaiku_core::survey::LinkStatus;
use kaiku_core::validate::Invalid;
use kaiku_core::{ErrorCode, Lang, Role, Stage};
use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::state::use_app;

mod accounts;
mod cycles;
mod errors;
mod follow_up;
mod format;
mod health;
mod outcomes;
mod surveys;
mod team;

pub use accounts::*;
pub use cycles::*;
pub use errors::*;
pub use follow_up::*;
pub use format::*;
pub use health::*;
pub use outcomes::*;
pub use surveys::*;
pub use team::*;

macro_rules! messages {
    ($($key:ident => { en: $en:literal, fi: $fi:literal $(,)? }),* $(,)?) => {
        /// A message of the user interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($key),* }

        impl Msg {
            /// Every message, for the tests that read them all.
            #[cfg(test)]
            pub const ALL: &[Msg] = &[$(Msg::$key),*];

            /// The message in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(Msg::$key => match lang {
                        Lang::En => $en,
                        Lang::Fi => $fi,
                    },)*
                }
            }
        }
    };
}

messages! {
    // Shell and navigation
    SkipToContent => { en: "Skip to content", fi: "Siirry sisältöön" },
    MainNav => { en: "Main", fi: "Päävalikko" },
    Menu => { en: "Menu", fi: "Valikko" },
    MenuClose => { en: "Close menu", fi: "Sulje valikko" },
    RoleChangeApply => { en: "Change role", fi: "Vaihda rooli" },
    OutboxSearch => { en: "Search the outbox", fi: "Hae lähtevistä viesteistä" },
    OutboxNoMatch => { en: "No message matches the search.", fi: "Haulla ei löytynyt viestejä." },
    OutboxShowMessage => { en: "Show the message", fi: "Näytä viesti" },
    NavHome => { en: "Home", fi: "Etusivu" },
    NavTeam => { en: "Team settings", fi: "Tiimin asetukset" },
    NavProfile => { en: "Profile", fi: "Profiili" },
    NavSettings => { en: "Settings", fi: "Asetukset" },
    NavLogIn => { en: "Log in", fi: "Kirjaudu sisään" },
    NavSignUp => { en: "Sign up", fi: "Rekisteröidy" },
    LogOut => { en: "Log out", fi: "Kirjaudu ulos" },
    LoggingOut => { en: "Logging out…", fi: "Kirjaudutaan ulos…" },
    Language => { en: "Language", fi: "Kieli" },
    Loading => { en: "Loading…", fi: "Ladataan…" },
    Saving => { en: "Saving…", fi: "Tallennetaan…" },
    TryAgain => { en: "Try again", fi: "Yritä uudelleen" },
    Footer => {
        en: "Kaiku — client feedback for agencies",
        fi: "Kaiku — asiakaspalautetta toimistoille",
    },

    // Customer messages
    NavMessages => { en: "Messages", fi: "Viestit" },
    MessagesWaiting => { en: "{n} new messages on your accounts, {u} urgent; {q} unmatched", fi: "{n} uutta viestiä asiakkaillasi, {u} kiireellistä; {q} kohdistamatonta" },
    MessagesTitle => { en: "Customer messages", fi: "Asiakasviestit" },
    MessagesMine => { en: "On your accounts", fi: "Asiakkaillasi" },
    MessagesMineEmpty => { en: "No messages on your accounts yet.", fi: "Asiakkaillasi ei ole vielä viestejä." },
    MessagesUnmatched => { en: "Unmatched", fi: "Kohdistamattomat" },
    MessagesUnmatchedIntro => {
        en: "The sender matched no account: place each message on its account. Teaching the domain places the sender's colleagues there next time.",
        fi: "Lähettäjä ei vastannut yhtäkään asiakasta: kohdista jokainen viesti asiakkaalleen. Kun opetat verkkotunnuksen, saman organisaation lähettäjät kohdistuvat sinne jatkossa.",
    },
    MessagesUnmatchedEmpty => { en: "Nothing waits to be placed.", fi: "Mikään ei odota kohdistamista." },
    MessageAccount => { en: "Account", fi: "Asiakas" },
    MessageImportTitle => { en: "Import messages from CSV", fi: "Tuo viestejä CSV-tiedostosta" },
    MessageImportHelp => {
        en: "Columns by header: source and body are required; received_at, sender_name, sender_email, subject, external_id, account (by name) and language are optional. A message already stored (same source and external id) is not stored again.",
        fi: "Sarakkeet otsikon mukaan: source ja body ovat pakollisia; received_at, sender_name, sender_email, subject, external_id, account (nimellä) ja language valinnaisia. Jo tallennettua viestiä (sama lähde ja tunniste) ei tallenneta uudelleen.",
    },
    MessageImportSummary => {
        en: "{c} new, {d} already stored, {r} refused",
        fi: "{c} uutta, {d} jo tallennettu, {r} hylätty",
    },
    MessageImportNew => { en: "new", fi: "uusi" },
    MessageImportDuplicate => { en: "already stored", fi: "jo tallennettu" },
    MessageChooseAccount => { en: "Choose an account", fi: "Valitse asiakas" },
    MessageTeachDomain => { en: "Place this sender's domain on the account from now on", fi: "Kohdista tämän lähettäjän verkkotunnus asiakkaalle jatkossakin" },
    MessageAssign => { en: "Place on the account", fi: "Kohdista asiakkaalle" },
    MessageUrgent => { en: "Urgent: negative, with a churn cause", fi: "Kiireellinen: kielteinen, poistumisen syy" },
    MessageFrom => { en: "From", fi: "Lähettäjä" },
    MessageVia => { en: "via API key", fi: "API-avaimella" },
    MessageFromMailbox => { en: "read from the customer mailbox", fi: "luettu asiakaspostilaatikosta" },
    MessageAttachments => { en: "Attachments (not stored)", fi: "Liitteet (ei tallennettu)" },
    MessageWrittenBy => { en: "Written by", fi: "Kirjoittanut" },
    MessageFormTitle => { en: "Log a message, call or meeting", fi: "Kirjaa viesti, puhelu tai palaveri" },
    MessageSource => { en: "Kind", fi: "Laji" },
    MessageSubject => { en: "Subject (optional)", fi: "Aihe (valinnainen)" },
    MessageBody => { en: "What the customer said", fi: "Mitä asiakas sanoi" },
    MessageSenderName => { en: "Who said it (optional)", fi: "Kuka sanoi (valinnainen)" },
    MessageSave => { en: "Save the message", fi: "Tallenna viesti" },
    MessageSaved => {
        en: "Saved on this device. It joins the timeline as soon as it reaches Kaiku — now, or when you are back online.",
        fi: "Tallennettu tälle laitteelle. Se näkyy aikajanalla heti kun se on välitetty Kaikuun — nyt tai kun olet taas verkossa.",
    },
    MessageNotQueued => {
        en: "This device could not store the message. What you typed is still in the form.",
        fi: "Laite ei pystynyt tallentamaan viestiä. Kirjoittamasi on yhä lomakkeella.",
    },
    MessagesNotYetSent => { en: "Waiting to reach Kaiku", fi: "Odottaa välitystä Kaikuun" },
    SourceEmail => { en: "Email", fi: "Sähköposti" },
    SourceChat => { en: "Chat", fi: "Chat" },
    SourceHelpdeskTicket => { en: "Helpdesk ticket", fi: "Tukipyyntö" },
    SourceComplaint => { en: "Complaint", fi: "Reklamaatio" },
    SourcePraise => { en: "Praise", fi: "Kiitos" },
    SourceIdea => { en: "Idea", fi: "Idea" },
    SourceMeetingNote => { en: "Meeting note", fi: "Palaverimuistiinpano" },
    SourcePhoneCall => { en: "Phone call", fi: "Puhelu" },

    // Organisation API keys
    NavApiKeys => { en: "API keys", fi: "API-avaimet" },
    ApiKeysTitle => { en: "API keys", fi: "API-avaimet" },
    ApiKeysIntro => {
        en: "Other systems (a helpdesk, a chat, your CRM) post customer messages with a key, sent as Authorization: Bearer <key>. The key is shown once; Kaiku keeps only its hash.",
        fi: "Muut järjestelmät (tukipalvelu, chat, CRM) lähettävät asiakasviestejä avaimella, otsakkeessa Authorization: Bearer <avain>. Avain näytetään kerran; Kaiku säilyttää vain sen tiivisteen.",
    },
    ApiKeyName => { en: "Name", fi: "Nimi" },
    ApiKeyScopes => { en: "May", fi: "Saa" },
    ApiKeyScopeWrite => { en: "post messages (messages:write)", fi: "lähettää viestejä (messages:write)" },
    ApiKeyScopeRead => { en: "read messages (read)", fi: "lukea viestejä (read)" },
    ApiKeyCreate => { en: "Create key", fi: "Luo avain" },
    ApiKeySecretOnce => { en: "Copy the key now: it is not shown again.", fi: "Kopioi avain nyt: sitä ei näytetä uudelleen." },
    ApiKeyLastUsed => { en: "Last used", fi: "Viimeksi käytetty" },
    ApiKeyNeverUsed => { en: "Never used", fi: "Ei vielä käytetty" },
    ApiKeyCreatedBy => { en: "Created by", fi: "Luonut" },
    ApiKeyRevoke => { en: "Revoke", fi: "Mitätöi" },
    ApiKeyRevokeConfirm => { en: "Revoke this key? Systems using it stop getting through.", fi: "Mitätöidäänkö avain? Sitä käyttävät järjestelmät eivät enää pääse läpi." },
    ApiKeyRevoked => { en: "Revoked", fi: "Mitätöity" },
    ApiKeysEmpty => { en: "No keys yet.", fi: "Avaimia ei vielä ole." },
    NavWebhooks => { en: "Webhooks", fi: "Webhookit" },
    NavMailbox => { en: "Customer mailbox", fi: "Asiakaspostilaatikko" },
    MailboxTitle => { en: "Customer mailbox", fi: "Asiakaspostilaatikko" },
    MailboxIntro => {
        en: "Kaiku reads the emails that arrive in this mailbox from now on and files each under its sender's account, analysed like survey answers. Emails stay as they are (not even marked read); earlier ones are not read. Automatic replies are skipped; attachments are listed, not stored.",
        fi: "Kaiku lukee tähän postilaatikkoon tästä eteenpäin saapuvat viestit ja kohdistaa kunkin lähettäjänsä asiakkaalle, analysoituna kuten kyselyvastaukset. Viestit pysyvät ennallaan (niitä ei edes merkitä luetuiksi); aiempia ei lueta. Automaattiset vastaukset ohitetaan; liitteet luetellaan, niitä ei tallenneta.",
    },
    MailboxNoServerKey => {
        en: "This server has no secret key to keep a mailbox password with. Ask whoever runs Kaiku to set KAIKU_SECRET_KEY.",
        fi: "Tällä palvelimella ei ole salaista avainta, jolla postilaatikon salasana säilytettäisiin. Pyydä Kaikun palvelimesta vastaavaa asettamaan KAIKU_SECRET_KEY.",
    },
    MailboxConnected => { en: "Connected mailbox", fi: "Yhdistetty postilaatikko" },
    MailboxSettingsHeading => { en: "Connection", fi: "Yhteys" },
    MailboxHost => { en: "Mail server (IMAP)", fi: "Postipalvelin (IMAP)" },
    MailboxSecurity => { en: "Security", fi: "Suojaus" },
    MailboxSecurityTls => { en: "TLS (port 993)", fi: "TLS (portti 993)" },
    MailboxSecurityStartTls => { en: "STARTTLS (port 143)", fi: "STARTTLS (portti 143)" },
    MailboxPort => { en: "Port", fi: "Portti" },
    MailboxUser => { en: "User name", fi: "Käyttäjätunnus" },
    MailboxPassword => { en: "Password", fi: "Salasana" },
    MailboxPasswordKept => {
        en: "Leave empty to keep the saved password.",
        fi: "Jätä tyhjäksi, niin tallennettu salasana säilyy.",
    },
    MailboxFolder => { en: "Folder", fi: "Kansio" },
    MailboxConnect => { en: "Connect", fi: "Yhdistä" },
    MailboxSave => { en: "Save", fi: "Tallenna" },
    MailboxChecking => { en: "Checking the connection…", fi: "Tarkistetaan yhteyttä…" },
    MailboxSaved => { en: "Connected: Kaiku logged in and opened the folder.", fi: "Yhdistetty: Kaiku kirjautui ja avasi kansion." },
    MailboxLastChecked => { en: "Last checked", fi: "Viimeksi tarkistettu" },
    MailboxNeverChecked => { en: "Not checked yet", fi: "Ei vielä tarkistettu" },
    MailboxWorking => { en: "Working", fi: "Toimii" },
    MailboxMessagesRead => { en: "Emails read", fi: "Luettuja viestejä" },
    MailboxCheckNow => { en: "Check now", fi: "Tarkista nyt" },
    MailboxUnreadable => { en: "Emails that could not be read", fi: "Viestejä, joita ei voitu lukea" },
    MailboxLatest => { en: "latest", fi: "viimeisin" },
    MailboxDisconnect => { en: "Disconnect", fi: "Katkaise yhteys" },
    MailboxDisconnectConfirm => {
        en: "Disconnect the mailbox? Kaiku stops reading it and forgets its password; the emails already read stay.",
        fi: "Katkaistaanko yhteys postilaatikkoon? Kaiku lopettaa sen lukemisen ja unohtaa salasanan; jo luetut viestit säilyvät.",
    },
    MailboxDetails => { en: "Details", fi: "Tiedot" },
    MailboxProblemUnreachable => {
        en: "The mail server could not be reached. Check the server name and port.",
        fi: "Postipalvelimeen ei saatu yhteyttä. Tarkista palvelimen nimi ja portti.",
    },
    MailboxProblemInsecure => {
        en: "A secure connection could not be made. Check the security setting and the port (TLS 993, STARTTLS 143).",
        fi: "Suojattua yhteyttä ei saatu. Tarkista suojaus ja portti (TLS 993, STARTTLS 143).",
    },
    MailboxProblemLogin => {
        en: "The mail server refused the user name or password.",
        fi: "Postipalvelin ei hyväksynyt käyttäjätunnusta tai salasanaa.",
    },
    MailboxProblemFolder => { en: "The folder could not be opened. Check its name.", fi: "Kansiota ei voitu avata. Tarkista sen nimi." },
    MailboxProblemTimeout => { en: "The mail server did not answer in time.", fi: "Postipalvelin ei vastannut ajoissa." },
    MailboxProblemUnexpected => { en: "The mail server answered unexpectedly.", fi: "Postipalvelin vastasi odottamattomasti." },
    MailboxProblemPassword => {
        en: "The saved password can no longer be read. Enter it again.",
        fi: "Tallennettua salasanaa ei voi enää lukea. Anna se uudelleen.",
    },
    WebhooksTitle => { en: "Webhooks", fi: "Webhookit" },
    WebhooksIntro => {
        en: "Kaiku POSTs each chosen event to the address as JSON, signed with HMAC-SHA256 in the X-Kaiku-Signature header, and tries again for a day when the receiver fails.",
        fi: "Kaiku lähettää jokaisen valitun tapahtuman osoitteeseen JSON-muodossa (POST), allekirjoitettuna HMAC-SHA256:lla X-Kaiku-Signature-otsakkeessa, ja yrittää uudelleen vuorokauden ajan, jos vastaanottaja ei vastaa.",
    },
    WebhookAdd => { en: "Add webhook", fi: "Lisää webhook" },
    WebhookUrl => { en: "Address (https://…)", fi: "Osoite (https://…)" },
    WebhookEvents => { en: "Events", fi: "Tapahtumat" },
    WebhookEventAnswer => { en: "A customer answered a survey", fi: "Asiakas vastasi kyselyyn" },
    WebhookEventMessage => { en: "A customer message came in", fi: "Asiakkaan viesti saapui" },
    WebhookEventCounterFeedback => { en: "Counter-feedback was given", fi: "Vastapalaute annettiin" },
    WebhookEventCaseOpened => { en: "A case was opened", fi: "Tapaus avattiin" },
    WebhookEventCaseClosed => { en: "A case was closed", fi: "Tapaus suljettiin" },
    WebhookSecretOnce => {
        en: "Copy the signing secret now: it is not shown again. Check each request's X-Kaiku-Signature with it.",
        fi: "Kopioi allekirjoitusavain nyt: sitä ei näytetä uudelleen. Tarkista sillä jokaisen pyynnön X-Kaiku-Signature.",
    },
    WebhookRemove => { en: "Remove", fi: "Poista" },
    WebhookRemoveConfirm => {
        en: "Remove this webhook? Events still waiting for it are not sent.",
        fi: "Poistetaanko webhook? Sille vielä odottavia tapahtumia ei lähetetä.",
    },
    WebhooksEmpty => { en: "No webhooks yet.", fi: "Webhookeja ei vielä ole." },
    WebhookDeliveries => { en: "Latest deliveries", fi: "Viimeisimmät lähetykset" },
    WebhookDeliveriesEmpty => { en: "Nothing sent yet.", fi: "Mitään ei ole vielä lähetetty." },
    WebhookEvent => { en: "Event", fi: "Tapahtuma" },
    WebhookHappened => { en: "Happened", fi: "Tapahtui" },
    WebhookState => { en: "State", fi: "Tila" },
    WebhookStateWaiting => { en: "Waiting", fi: "Odottaa" },
    WebhookStateDelivered => { en: "Delivered", fi: "Toimitettu" },
    WebhookStateFailed => { en: "Failed", fi: "Epäonnistui" },
    WebhookLastAttempt => { en: "Last attempt", fi: "Viimeisin yritys" },
    WebhookSendAgain => { en: "Send again", fi: "Lähetä uudelleen" },
    WebhookRefresh => { en: "Refresh", fi: "Päivitä" },

    // Cases
    NavCases => { en: "Cases", fi: "Tapaukset" },
    CasesWaiting => { en: "{n} open cases of yours, {o} overdue", fi: "{n} avointa tapaustasi, {o} myöhässä" },
    CasesTitle => { en: "Cases", fi: "Tapaukset" },
    CasesIntro => {
        en: "Every unhappy signal becomes a case someone owns: listen, acknowledge, take action, thank and explain, within the service levels.",
        fi: "Jokaisesta tyytymättömyyden merkistä tulee tapaus, jolla on omistaja: kuuntele, kuittaa, toimi, kiitä ja kerro — palvelutasojen puitteissa.",
    },
    CasesScope => { en: "Whose cases", fi: "Kenen tapaukset" },
    CasesScopeMine => { en: "Mine", fi: "Omat" },
    CasesScopeMyAccounts => { en: "My accounts", fi: "Omat asiakkuudet" },
    CasesScopeAll => { en: "All", fi: "Kaikki" },
    CasesFilters => { en: "Filter cases", fi: "Suodata tapauksia" },
    CasesStatus => { en: "Status", fi: "Tila" },
    CasesStatusOpen => { en: "Open", fi: "Avoin" },
    CasesStatusClosed => { en: "Closed", fi: "Suljettu" },
    CasesStatusAny => { en: "Open and closed", fi: "Avoimet ja suljetut" },
    CasesOverdueOnly => { en: "Overdue only", fi: "Vain myöhässä olevat" },
    CasesSeverity => { en: "Severity", fi: "Vakavuus" },
    CasesAnySeverity => { en: "Any severity", fi: "Mikä tahansa vakavuus" },
    CasesOwner => { en: "Owner", fi: "Omistaja" },
    CasesAnyOwner => { en: "Anyone", fi: "Kuka tahansa" },
    CasesAccount => { en: "Account", fi: "Asiakkuus" },
    CasesAnyAccount => { en: "Any account", fi: "Mikä tahansa asiakkuus" },
    CasesClearFilters => { en: "Clear filters", fi: "Tyhjennä suodattimet" },
    CasesEmpty => { en: "No cases match these filters.", fi: "Näillä suodattimilla ei löydy tapauksia." },
    CasesEmptyMine => {
        en: "You have no open cases. When a customer is unhappy, the case comes here.",
        fi: "Sinulla ei ole avoimia tapauksia. Kun asiakas on tyytymätön, tapaus tulee tänne.",
    },
    CasesShown => { en: "{n} cases", fi: "{n} tapausta" },
    CasesOpened => { en: "Opened", fi: "Avattu" },
    CaseOverdue => { en: "Overdue", fi: "Myöhässä" },
    SeverityLow => { en: "Low", fi: "Matala" },
    SeverityMedium => { en: "Medium", fi: "Keskitaso" },
    SeverityHigh => { en: "High", fi: "Korkea" },
    SeverityCritical => { en: "Critical", fi: "Kriittinen" },
    TriggerDetractor => { en: "Detractor (NPS 0–6)", fi: "Arvostelija (NPS 0–6)" },
    TriggerNegativeWithCause => { en: "Negative, with a churn cause", fi: "Kielteinen, poistumasyy mainittu" },
    TriggerTeamHighRisk => { en: "Team: high churn risk", fi: "Tiimi: korkea poistumariski" },
    TriggerGapFlagged => { en: "Customer happy, team worried", fi: "Asiakas tyytyväinen, tiimi huolissaan" },
    TriggerRatingDrop => { en: "Rating dropped", fi: "Arvio laski" },
    TriggerPromiseBroken => { en: "Promise broken", fi: "Lupaus ei pitänyt" },
    TriggerManual => { en: "Opened by hand", fi: "Avattu käsin" },
    TriggerRepulseNotResolved => { en: "Re-pulse: not resolved", fi: "Uusintakysely: ei ratkaistu" },
    DeadlineAcknowledge => { en: "Acknowledge", fi: "Kuittaus" },
    DeadlineFirstContact => { en: "First contact", fi: "Ensimmäinen yhteydenotto" },
    DeadlineResolve => { en: "Resolve", fi: "Ratkaisu" },
    CaseTitle => { en: "Case", fi: "Tapaus" },
    CaseOf => { en: "Case: {account}", fi: "Tapaus: {account}" },
    CaseBack => { en: "All cases", fi: "Kaikki tapaukset" },
    CaseOpenedAt => { en: "Opened", fi: "Avattu" },
    CaseClosedAt => { en: "Closed", fi: "Suljettu" },
    CaseRevenueAtRisk => { en: "Revenue at risk", fi: "Vaarassa oleva liikevaihto" },
    CaseWords => { en: "In the customer's words", fi: "Asiakkaan omin sanoin" },
    CaseWordsNone => { en: "The customer wrote nothing in their own words.", fi: "Asiakas ei kirjoittanut omin sanoin mitään." },
    CaseWordsBy => { en: "{name}, {when}", fi: "{name}, {when}" },
    CaseTriggers => { en: "What opened it", fi: "Mistä tapaus avautui" },
    CaseTriggerBy => { en: "Added by {name}", fi: "Lisännyt {name}" },
    CaseScorePrevious => { en: "{value} (before {previous})", fi: "{value} (aiemmin {previous})" },
    CaseDeadlines => { en: "Deadlines", fi: "Määräajat" },
    CaseDeadlineDue => { en: "due {when}", fi: "viimeistään {when}" },
    CaseDeadlineMet => { en: "met {when}", fi: "täytetty {when}" },
    CaseHistory => { en: "The account's history", fi: "Asiakkuuden historia" },
    CaseHistoryIntro => {
        en: "Read before contacting the customer: their earlier answers, the team's counter-feedback and what is still open.",
        fi: "Lue ennen yhteydenottoa: asiakkaan aiemmat vastaukset, tiimin vastapalaute ja mikä on yhä kesken.",
    },
    CaseHistoryAll => { en: "The whole account", fi: "Koko asiakkuus" },
    CaseHistoryEmpty => { en: "No earlier answers or counter-feedback.", fi: "Ei aiempia vastauksia eikä vastapalautetta." },
    CaseOpenActions => { en: "Open actions", fi: "Avoimet toimenpiteet" },
    CaseNoOpenActions => { en: "No open actions.", fi: "Ei avoimia toimenpiteitä." },
    CaseLatte => { en: "Working the case (LATTE)", fi: "Tapauksen hoito (LATTE)" },
    StepListen => { en: "Listen", fi: "Kuuntele" },
    StepAcknowledge => { en: "Acknowledge", fi: "Kuittaa" },
    StepTakeAction => { en: "Take action", fi: "Toimi" },
    StepThank => { en: "Thank", fi: "Kiitä" },
    StepExplain => { en: "Explain", fi: "Kerro" },
    StepListenHelp => {
        en: "Before contacting the customer, write what you heard and what you think is behind it.",
        fi: "Kirjoita ennen yhteydenottoa, mitä kuulit ja mitä arvelet sen taustalla olevan.",
    },
    StepAcknowledgeHelp => {
        en: "Tell the customer you heard them: an email in their language, or a call or meeting you log here.",
        fi: "Kerro asiakkaalle, että kuulit hänet: sähköposti hänen kielellään tai puhelu tai tapaaminen, jonka kirjaat tähän.",
    },
    StepTakeActionHelp => {
        en: "Link the actions that put it right. New actions are made on the account page.",
        fi: "Liitä toimenpiteet, joilla asia korjataan. Uudet toimenpiteet tehdään asiakkuuden sivulla.",
    },
    StepThankHelp => { en: "Thank the customer for telling you.", fi: "Kiitä asiakasta siitä, että hän kertoi." },
    StepExplainHelp => {
        en: "Tell the customer what changed because of their feedback.",
        fi: "Kerro asiakkaalle, mitä hänen palautteensa ansiosta muuttui.",
    },
    StepNotTaken => { en: "Not done yet.", fi: "Ei vielä tehty." },
    StepBy => { en: "{name}, {when}", fi: "{name}, {when}" },
    StepHeard => { en: "What I heard", fi: "Mitä kuulin" },
    StepHypothesis => { en: "My hypothesis", fi: "Oletukseni" },
    StepNote => { en: "Note", fi: "Muistiinpano" },
    StepChannel => { en: "How", fi: "Miten" },
    ChannelEmail => { en: "Email", fi: "Sähköposti" },
    ChannelCall => { en: "Call", fi: "Puhelu" },
    ChannelMeeting => { en: "Meeting", fi: "Tapaaminen" },
    StepContact => { en: "To", fi: "Vastaanottaja" },
    StepSubject => { en: "Subject", fi: "Aihe" },
    StepBody => { en: "Message", fi: "Viesti" },
    StepEmailTo => { en: "Email to {to}", fi: "Sähköposti osoitteeseen {to}" },
    StepWriteDraft => { en: "Write the email", fi: "Kirjoita sähköposti" },
    StepDraftLanguage => {
        en: "Drafted in the contact's language; edit it before sending.",
        fi: "Luonnos on yhteyshenkilön kielellä; muokkaa ennen lähettämistä.",
    },
    StepSend => { en: "Send the email", fi: "Lähetä sähköposti" },
    StepLog => { en: "Save", fi: "Tallenna" },
    StepConfirmSend => { en: "Send this email to {to}?", fi: "Lähetetäänkö tämä sähköposti osoitteeseen {to}?" },
    StepCallNote => { en: "What was said", fi: "Mitä puhuttiin" },
    StepNoContacts => {
        en: "The account has no contacts to email; log a call or meeting instead.",
        fi: "Asiakkuudella ei ole yhteyshenkilöitä, joille lähettää sähköpostia; kirjaa puhelu tai tapaaminen.",
    },
    StepPickActions => { en: "Actions", fi: "Toimenpiteet" },
    StepNoActions => {
        en: "The account has no open actions yet. Create one on the account page, then link it here.",
        fi: "Asiakkuudella ei ole vielä avoimia toimenpiteitä. Luo toimenpide asiakkuuden sivulla ja liitä se tähän.",
    },
    StepLinkActions => { en: "Link the actions", fi: "Liitä toimenpiteet" },
    StepActionDue => { en: "due {day}", fi: "viimeistään {day}" },
    StepActionNoOwner => { en: "no owner", fi: "ei vastuuhenkilöä" },
    StepWaiting => { en: "waiting to sync", fi: "odottaa synkronointia" },
    StepNotQueued => {
        en: "This device could not store the step. What you typed is still in the form.",
        fi: "Laite ei pystynyt tallentamaan vaihetta. Kirjoittamasi on yhä lomakkeella.",
    },
    CaseEvents => { en: "What happened", fi: "Mitä tapahtui" },
    EventReassigned => { en: "Reassigned", fi: "Siirretty" },
    EventClosed => { en: "Closed", fi: "Suljettu" },
    EventReopened => { en: "Reopened", fi: "Avattu uudelleen" },
    EventReminded => { en: "Owner reminded", fi: "Omistajaa muistutettu" },
    EventEscalated => { en: "Escalated", fi: "Eskaloitu" },
    EventTo => { en: "to {name}", fi: "henkilölle {name}" },
    CaseClose => { en: "Close the case", fi: "Sulje tapaus" },
    CaseRootCause => { en: "Root cause", fi: "Juurisyy" },
    CaseRootCausePick => { en: "Choose…", fi: "Valitse…" },
    CaseChurnCauses => { en: "Churn causes", fi: "Poistumasyyt" },
    CaseThemes => { en: "Themes", fi: "Teemat" },
    CaseResolution => { en: "Resolution", fi: "Ratkaisu" },
    CaseResolutionHint => { en: "What was done, in a few sentences.", fi: "Mitä tehtiin, muutamalla lauseella." },
    CaseNoExplainReason => { en: "Why the customer was not told", fi: "Miksi asiakkaalle ei kerrottu" },
    CaseNoExplainHint => {
        en: "There is no Explain step: the customer has not been told what changed. A case is not closed silently — say why.",
        fi: "Kerro-vaihetta ei ole tehty: asiakkaalle ei ole kerrottu, mitä muuttui. Tapausta ei suljeta hiljaa — kerro syy.",
    },
    CaseConfirmClose => { en: "Close this case?", fi: "Suljetaanko tapaus?" },
    CaseClosedSummary => { en: "How it was closed", fi: "Miten tapaus suljettiin" },
    CaseReopen => { en: "Reopen", fi: "Avaa uudelleen" },
    CaseReopenReason => { en: "Why reopen", fi: "Miksi avataan uudelleen" },
    CaseConfirmReopen => { en: "Reopen this case?", fi: "Avataanko tapaus uudelleen?" },
    CaseReassign => { en: "Reassign", fi: "Siirrä toiselle" },
    CaseNewOwner => { en: "New owner", fi: "Uusi omistaja" },
    CaseReason => { en: "Reason", fi: "Syy" },
    CaseConfirmReassign => { en: "Give this case to {name}?", fi: "Annetaanko tapaus henkilölle {name}?" },
    CaseReadOnly => {
        en: "Only the owner, the account's lead, leaders and admins work this case.",
        fi: "Tapausta hoitavat vain omistaja, asiakkuuden vastuuhenkilö, johtajat ja pääkäyttäjät.",
    },
    CaseOpenNew => { en: "Open a case", fi: "Avaa tapaus" },
    CaseOpenFromAnswer => { en: "Open a case from this answer", fi: "Avaa tapaus tästä vastauksesta" },
    CaseOpenFromFeedback => { en: "Open a case from this", fi: "Avaa tapaus tästä" },
    CaseOpenNote => { en: "Why", fi: "Miksi" },
    CaseOpenNoteHint => {
        en: "If the account already has an open case, this is added to it.",
        fi: "Jos asiakkuudella on jo avoin tapaus, tämä liitetään siihen.",
    },
    CaseOpenOnAccount => { en: "Open case", fi: "Avoin tapaus" },
    CaseSee => { en: "See the case", fi: "Katso tapaus" },
    CaseOwnedBy => { en: "Owner: {name}", fi: "Omistaja: {name}" },
    CasePast => { en: "Case closed", fi: "Tapaus suljettu" },
    RepulseTitle => { en: "Re-pulse", fi: "Uusintakysely" },
    RepulseSent => { en: "“Is this resolved for you?” sent to {name} on {when}", fi: "”Onko asia nyt ratkaistu?” lähetetty henkilölle {name} {when}" },
    RepulseAnswer => { en: "Answer", fi: "Vastaus" },
    RepulseNoAnswer => { en: "No answer yet.", fi: "Ei vielä vastausta." },
    RepulseYes => { en: "Yes, resolved", fi: "Kyllä, ratkaistu" },
    RepulsePartly => { en: "Partly", fi: "Osittain" },
    RepulseNo => { en: "No, not resolved", fi: "Ei ratkaistu" },
    HeatmapOpenCase => { en: "Open case", fi: "Avoin tapaus" },
    HeatmapWithOpenCase => { en: "Has an open case", fi: "Avoin tapaus" },
    HeatmapOverdueCase => { en: "Case overdue", fi: "Tapaus myöhässä" },
    HeatmapNoOpenCase => { en: "No open case", fi: "Ei avointa tapausta" },
    HeatmapNoOpenCaseShort => { en: "None", fi: "Ei" },
    StatsTitle => { en: "How we handle cases", fi: "Miten hoidamme tapaukset" },
    StatsIntro => {
        en: "Median and 90th percentile from opening to acknowledging, to first contact with the customer and to closing; the share of cases kept within the service levels; and how many customers were won back (the re-pulse answered yes, or their next NPS up).",
        fi: "Mediaani ja 90. persentiili avaamisesta kuittaukseen, ensimmäiseen yhteydenottoon asiakkaaseen ja sulkemiseen; palvelutasoissa pysyneiden tapausten osuus; ja kuinka moni asiakas saatiin takaisin (uusintakyselyyn vastattiin kyllä tai seuraava NPS nousi).",
    },
    StatsOverall => { en: "Everyone", fi: "Kaikki" },
    StatsCases => { en: "Cases", fi: "Tapauksia" },
    StatsAcknowledge => { en: "To acknowledge (median / 90 %)", fi: "Kuittaukseen (mediaani / 90 %)" },
    StatsFirstContact => { en: "To first contact (median / 90 %)", fi: "Ensimmäiseen yhteydenottoon (mediaani / 90 %)" },
    StatsClose => { en: "To close (median / 90 %)", fi: "Sulkemiseen (mediaani / 90 %)" },
    StatsWithinLevels => { en: "Within service levels", fi: "Palvelutasoissa" },
    StatsRecovery => { en: "Recovered", fi: "Saatu takaisin" },
    StatsHours => { en: "{n} h", fi: "{n} h" },
    StatsDays => { en: "{n} d", fi: "{n} pv" },
    CaseSettingsTitle => { en: "Service levels for cases", fi: "Tapausten palvelutasot" },
    NavCaseSettings => { en: "Service levels", fi: "Palvelutasot" },
    CaseSettingsIntro => {
        en: "How soon a case is acknowledged, the customer contacted and the case resolved, counted in the organisation's working hours. Cases opened from now on follow these.",
        fi: "Kuinka pian tapaus kuitataan, asiakkaaseen otetaan yhteyttä ja tapaus ratkaistaan, laskettuna organisaation työajassa. Tästä eteenpäin avattavat tapaukset noudattavat näitä.",
    },
    CaseSettingsAcknowledge => { en: "Acknowledge within (working hours)", fi: "Kuittaus (työtunteja)" },
    CaseSettingsFirstContact => { en: "First contact within (working hours)", fi: "Ensimmäinen yhteydenotto (työtunteja)" },
    CaseSettingsResolve => { en: "Resolve within (working days)", fi: "Ratkaisu (työpäiviä)" },
    CaseSettingsSaved => { en: "Service levels saved.", fi: "Palvelutasot tallennettu." },
    CaseSettingsAdminsOnly => { en: "Only admins change the service levels.", fi: "Vain pääkäyttäjät voivat muuttaa palvelutasoja." },

    // Heatmap
    NavHeatmap => { en: "Heatmap", fi: "Lämpökartta" },
    HeatmapTitle => { en: "Heatmap", fi: "Lämpökartta" },
    HeatmapIntro => {
        en: "Every account's signals at a glance. Blue is good, orange and brown need attention; point at a cell or move to it with the keyboard to see what it rests on.",
        fi: "Kaikkien asiakkuuksien signaalit yhdellä silmäyksellä. Sininen on hyvä, oranssi ja ruskea vaativat huomiota; osoita solua tai siirry siihen näppäimistöllä nähdäksesi, mihin se perustuu.",
    },
    HeatmapModes => { en: "View", fi: "Näkymä" },
    HeatmapModeSignals => { en: "Signals", fi: "Signaalit" },
    HeatmapModeTime => { en: "Over time", fi: "Ajan mittaan" },
    HeatmapSignal => { en: "Signal", fi: "Signaali" },
    HeatmapPeriod => { en: "Period", fi: "Jakso" },
    HeatmapMonths => { en: "Months", fi: "Kuukaudet" },
    HeatmapQuarters => { en: "Quarters", fi: "Neljännekset" },
    HeatmapSegment => { en: "Segment", fi: "Segmentti" },
    HeatmapExport => { en: "Download as CSV", fi: "Lataa CSV-tiedostona" },
    HeatmapExportFailed => {
        en: "The browser did not let the file be saved.",
        fi: "Selain ei sallinut tiedoston tallentamista.",
    },
    HeatmapGridSignals => { en: "Accounts and their signals", fi: "Asiakkuudet ja niiden signaalit" },
    HeatmapGridTime => { en: "Accounts over time", fi: "Asiakkuudet ajan mittaan" },
    HeatmapKeys => {
        en: "In the grid, arrow keys move between cells, Home and End to the row's ends, Page Up and Page Down a screen at a time; Enter opens the account.",
        fi: "Taulukossa nuolinäppäimet siirtävät solusta toiseen, Home ja End rivin alkuun ja loppuun, Page Up ja Page Down näytöllisen kerrallaan; Enter avaa asiakkuuden.",
    },
    HeatmapNoMatch => { en: "No account matches the filters.", fi: "Yksikään asiakkuus ei vastaa suodattimia." },
    HeatmapEmpty => {
        en: "No accounts yet. Accounts appear on the heatmap as soon as they are added.",
        fi: "Ei vielä asiakkuuksia. Asiakkuudet näkyvät lämpökartalla heti, kun ne on lisätty.",
    },
    HeatmapToAccounts => { en: "Go to accounts", fi: "Siirry asiakkuuksiin" },
    SignalHealth => { en: "Health", fi: "Terveys" },
    SignalNps => { en: "NPS", fi: "NPS" },
    SignalTeamHealth => { en: "Team's view", fi: "Tiimin näkemys" },
    SignalChurnRisk => { en: "Churn risk", fi: "Poistuma\u{ad}riski" },
    SignalGap => { en: "Customer vs team", fi: "Asiakas vs. tiimi" },
    SignalTrend => { en: "NPS trend", fi: "NPS:n suunta" },
    SignalResponseRate => { en: "Response rate", fi: "Vastaus\u{ad}prosentti" },
    SignalExpectationGap => { en: "Expecta\u{ad}tions unmet", fi: "Odotusten vaje" },
    SignalRevenueAtRisk => { en: "Revenue at risk", fi: "Riskissä oleva liikevaihto" },
    LegendTitle => { en: "How to read the cells", fi: "Näin luet solut" },
    LegendNote => {
        en: "Every cell prints its value; colour and pattern repeat how good or bad it is.",
        fi: "Jokaisessa solussa on sen arvo; väri ja kuvio kertovat lisäksi, kuinka hyvä tai huono se on.",
    },
    LevelGood => { en: "Good", fi: "Hyvä" },
    LevelFairlyGood => { en: "Fairly good", fi: "Melko hyvä" },
    LevelNeutral => { en: "In between", fi: "Välimaasto" },
    LevelWeak => { en: "Weak: hatched", fi: "Heikko: viivoitettu" },
    LevelPoor => { en: "Poor: cross-hatched and ▲", fi: "Huono: ristiviivoitettu ja ▲" },
    LevelWeakShort => { en: "weak", fi: "heikko" },
    LevelPoorShort => { en: "poor", fi: "huono" },
    LegendNoValue => { en: "No data yet", fi: "Ei vielä tietoa" },
    EvidenceTitle => { en: "What the cell rests on", fi: "Mihin solu perustuu" },
    EvidenceHint => {
        en: "Point at a cell or move to it with the keyboard to see the account's scores, the customer's words and the team's note.",
        fi: "Osoita solua tai siirry siihen näppäimistöllä nähdäksesi asiakkuuden luvut, asiakkaan sanat ja tiimin huomion.",
    },
    EvidenceQuote => { en: "The customer's words", fi: "Asiakkaan sanoin" },
    EvidenceTeamNote => { en: "Behind the scenes, says the team", fi: "Tiimin mukaan kulissien takana" },
    EvidenceNoQuote => {
        en: "No comment from the customer in this period.",
        fi: "Asiakas ei kommentoinut tällä jaksolla.",
    },
    EvidenceNoNote => { en: "No note from the team in this period.", fi: "Tiimi ei kirjannut huomioita tällä jaksolla." },
    EvidenceNoHealth => {
        en: "Not enough evidence for a health score in this period.",
        fi: "Tällä jaksolla ei ole tarpeeksi aineistoa terveysluvulle.",
    },
    TotalsTitle => { en: "Totals by segment", fi: "Yhteensä segmenteittäin" },
    TotalsIntro => {
        en: "For the accounts shown. An account in two segments counts in both; its revenue at risk is split evenly over its churn causes.",
        fi: "Näytetyistä asiakkuuksista. Kahteen segmenttiin kuuluva asiakkuus lasketaan molempiin; sen riskissä oleva liikevaihto jaetaan tasan sen poistumasyille.",
    },
    TotalsAllShown => { en: "All accounts shown", fi: "Kaikki näytetyt asiakkuudet" },
    TotalsAccounts => { en: "Accounts", fi: "Asiakkuuksia" },
    PortfolioTitle => { en: "Portfolio", fi: "Asiakaskanta" },
    PortfolioRevenue => { en: "Annual revenue", fi: "Vuosiliikevaihto" },
    PortfolioAccountsAtRisk => { en: "Accounts at risk", fi: "Riskissä olevat asiakkaat" },
    PortfolioChange => { en: "{d} since the end of last month", fi: "{d} edellisen kuun lopusta" },
    PortfolioNoChange => { en: "no change since the end of last month", fi: "ei muutosta edellisen kuun lopusta" },
    TotalsByCause => { en: "Revenue at risk by churn cause", fi: "Riskissä oleva liikevaihto poistumasyittäin" },
    TotalsNoCause => { en: "No cause named", fi: "Syytä ei nimetty" },

    // Outcomes and backtest
    NavBacktest => { en: "Backtest", fi: "Ennusteiden osuvuus" },
    NavPromises => { en: "Promises", fi: "Lupaukset" },
    NavTopics => { en: "My topics", fi: "Omat aiheet" },
    TopicsMine => { en: "What customers and the team said about your topics", fi: "Mitä asiakkaat ja tiimi sanoivat aiheistasi" },
    TopicsEmpty => { en: "Nothing about your topics yet, or you own no topic.", fi: "Aiheistasi ei ole vielä mitään, tai et omista aiheita." },
    TopicSeen => { en: "Seen", fi: "Nähty" },
    TopicMarkSeen => { en: "Mark seen", fi: "Merkitse nähdyksi" },
    TopicNotAbout => { en: "Not about this topic", fi: "Ei koske tätä aihetta" },
    TopicProposeInitiative => { en: "Propose an initiative", fi: "Ehdota kehityshanketta" },
    TopicReply => { en: "Reply", fi: "Vastaa" },
    TopicReplyLabel => {
        en: "Your reply, for the account's team to read in its timeline",
        fi: "Vastauksesi, jonka asiakkuuden tiimi lukee sen aikajanalta",
    },
    TopicReplySend => { en: "Send reply", fi: "Lähetä vastaus" },
    TopicReplySent => { en: "Your reply is on the account's timeline.", fi: "Vastauksesi on asiakkuuden aikajanalla." },
    TopicReplyBy => { en: "replied as the owner of {topic}", fi: "vastasi aiheen {topic} omistajana" },
    TopicOwnersTitle => { en: "Topic owners", fi: "Aiheiden omistajat" },
    TopicNoOwner => { en: "No owner", fi: "Ei omistajaa" },
    TopicOwnersSave => { en: "Save owners", fi: "Tallenna omistajat" },
    TopicOwnersSaved => { en: "Owners saved.", fi: "Omistajat tallennettu." },
    // The expectation chain
    PromisesTitle => { en: "Promises made", fi: "Annetut lupaukset" },
    PromisesEmpty => { en: "No promise recorded yet.", fi: "Lupauksia ei ole vielä kirjattu." },
    PromiseAspect => { en: "Aspect", fi: "Osa-alue" },
    PromiseWhat => { en: "What was promised", fi: "Mitä luvattiin" },
    PromiseImportance => { en: "How much it matters (1–5)", fi: "Kuinka tärkeää (1–5)" },
    PromiseCommitment => { en: "Concrete commitment (optional)", fi: "Konkreettinen sitoumus (valinnainen)" },
    PromisePhase => { en: "Phase", fi: "Vaihe" },
    PromiseRecord => { en: "Record the promise", fi: "Kirjaa lupaus" },
    PromiseKept => { en: "Kept", fi: "Pitänyt" },
    PromiseBroken => { en: "Broken", fi: "Ei pitänyt" },
    PromiseNotYetRated => { en: "Not rated yet", fi: "Ei vielä arvioitu" },
    PromiseFulfilment => { en: "Customer's rating by round", fi: "Asiakkaan arvio kierroksittain" },
    PromiseTeamFulfilment => { en: "The team's rating in counter-feedback", fi: "Tiimin arvio vastapalautteessa" },
    PromiseTheTeamSaid => { en: "The team said", fi: "Tiimi sanoi" },
    PromiseCustomerImportance => { en: "Customer's own importance", fi: "Asiakkaan oma tärkeysarvio" },
    PromiseAlertsTitle => { en: "Broken promises", fi: "Rikkoutuneet lupaukset" },
    PromiseAlertsEmpty => { en: "No broken promise alerted to you.", fi: "Sinulle ei ole ilmoitettu rikkoutuneista lupauksista." },
    PromiseTheCustomerSaid => { en: "The customer said", fi: "Asiakas sanoi" },
    PromiseOnCase => { en: "Open the case", fi: "Avaa tapaus" },
    PromiseBelowImportance => { en: "rated 2 or more below its importance", fi: "arvio vähintään 2 alle tärkeyden" },
    PromiseDropped => { en: "fell by 2 or more since the last round", fi: "laski vähintään 2 edellisestä kierroksesta" },
    ChainTitle => { en: "Chain review: promises kept and broken", fi: "Lupausketju: pidetyt ja rikkoutuneet lupaukset" },
    ChainEmpty => { en: "No promises to review.", fi: "Ei arvioitavia lupauksia." },
    ChainAllSegments => { en: "All segments", fi: "Kaikki segmentit" },
    ChainAllSellers => { en: "All sellers", fi: "Kaikki myyjät" },
    ChainSegment => { en: "Segment", fi: "Segmentti" },
    ChainSeller => { en: "Seller", fi: "Myyjä" },
    BacktestTitle => { en: "How well did the warnings predict?", fi: "Kuinka hyvin varoitukset ennustivat?" },
    BacktestIntro => {
        en: "Each outcome in the period against how Kaiku and the team saw the account before it, read from month-end snapshots only, so nothing learnt later leaks in.",
        fi: "Jokainen jakson lopputulos verrattuna siihen, miltä asiakkuus näytti Kaikun ja tiimin silmin ennen sitä. Luvut tulevat vain kuukausittaisista tilannekuvista, joten myöhempi tieto ei vuoda mukaan.",
    },
    BacktestFrom => { en: "From", fi: "Alkaen" },
    BacktestTo => { en: "To", fi: "Asti" },
    BacktestShow => { en: "Show", fi: "Näytä" },
    BacktestDemo => {
        en: "Demo data: these outcomes are made up for the demo organisation.",
        fi: "Esittelydataa: nämä lopputulokset on keksitty esittelyorganisaatiota varten.",
    },
    BacktestEmpty => {
        en: "No outcomes in this period yet. Record what happened on each account's page.",
        fi: "Tältä jaksolta ei ole vielä lopputuloksia. Kirjaa tapahtunut kunkin asiakkuuden sivulla.",
    },
    BacktestWarning => { en: "Warning", fi: "Varoitus" },
    BacktestAccounts => { en: "Accounts", fi: "Asiakkuuksia" },
    BacktestChurned => { en: "Churned", fi: "Poistuneita" },
    BacktestAuc => { en: "AUC (95 % interval)", fi: "AUC (95 %:n väli)" },
    BacktestLift => { en: "Lift, worst fifth", fi: "Nosto, heikoin viidennes" },
    BacktestCapture => { en: "Churn caught, worst fifth", fi: "Poistumista tavoitettu, heikoin viidennes" },
    BacktestBrier => { en: "Brier score", fi: "Brier-pistemäärä" },
    WarningHealth => { en: "Health score", fi: "Terveyspisteet" },
    WarningTeamRisk => { en: "The team's churn risk", fi: "Tiimin arvio poistumariskistä" },
    WarningGapFlag => { en: "Customer happy, team worried", fi: "Asiakas tyytyväinen, tiimi huolissaan" },
    BacktestCalibration => { en: "Predicted and observed churn per band", fi: "Ennustettu ja toteutunut poistuma riskiluokittain" },
    BacktestBand => { en: "Band", fi: "Riskiluokka" },
    BacktestPredicted => { en: "Predicted", fi: "Ennustettu" },
    BacktestObserved => { en: "Observed", fi: "Toteutunut" },
    BacktestDifference => { en: "Accounts (churned)", fi: "Asiakkuuksia (poistuneita)" },
    BacktestProbabilities => { en: "Probabilities behind revenue at risk", fi: "Riskissä olevan liikevaihdon todennäköisyydet" },
    BacktestWeights => { en: "Suggested health weights", fi: "Ehdotetut terveyspainot" },
    BacktestFactor => { en: "Factor", fi: "Tekijä" },
    BacktestCurrent => { en: "Current", fi: "Nykyiset" },
    BacktestProposed => { en: "Proposed", fi: "Ehdotetut" },
    BacktestNoProposal => {
        en: "The outcomes do not yet support a proposal: both churned and retained accounts with snapshots are needed.",
        fi: "Lopputulokset eivät vielä riitä ehdotukseen: tarvitaan sekä poistuneita että pysyneitä asiakkuuksia tilannekuvineen.",
    },
    BacktestApply => { en: "Apply the proposed weights", fi: "Ota ehdotetut painot käyttöön" },
    BacktestQuarters => { en: "Per quarter", fi: "Neljännesvuosittain" },
    BacktestLogoChurn => { en: "Logo churn", fi: "Asiakaspoistuma" },
    BacktestGrossRetention => { en: "Gross revenue retention", fi: "Bruttoliikevaihdon pysyvyys" },
    BacktestNetRetention => { en: "Net revenue retention", fi: "Nettoliikevaihdon pysyvyys" },
    BacktestFlagged => { en: "Flagged in time", fi: "Varoitettu ajoissa" },
    BacktestMissed => { en: "Missed", fi: "Jäi huomaamatta" },
    BacktestLostByCause => { en: "Revenue lost by churn cause", fi: "Menetetty liikevaihto poistumasyittäin" },
    BacktestNone => { en: "None", fi: "Ei yhtään" },
    // You said, we did
    WeDidTitle => { en: "You said, we did", fi: "Sanoitte, teimme" },
    WeDidIntro => {
        en: "What we did because of each contact's words. Word it in their language and approve: it opens their next survey and goes in its invitation, or send it now by email.",
        fi: "Mitä teimme kunkin yhteyshenkilön sanojen takia. Muotoile heidän kielellään ja hyväksy: se avaa heidän seuraavan kyselynsä ja kulkee sen kutsussa, tai lähetä se heti sähköpostilla.",
    },
    WeDidEmpty => {
        en: "Nothing yet: closed cases and done actions made of customers' development points appear here.",
        fi: "Ei vielä mitään: tänne tulevat suljetut tapaukset ja tehdyt toimenpiteet, jotka tehtiin asiakkaiden kehitysehdotuksista.",
    },
    WeDidClosedCase => { en: "Closed case", fi: "Suljettu tapaus" },
    WeDidDoneAction => { en: "Done action", fi: "Tehty toimenpide" },
    WeDidDoneInitiative => { en: "Done initiative", fi: "Toteutettu kehityshanke" },
    WeDidProposed => { en: "Waiting for review", fi: "Odottaa tarkistusta" },
    WeDidApproved => { en: "Approved", fi: "Hyväksytty" },
    WeDidLeftOut => { en: "Left out", fi: "Jätetty pois" },
    WeDidSaid => { en: "You said", fi: "Sanoitte" },
    WeDidDid => { en: "We did", fi: "Teimme" },
    WeDidApprove => { en: "Approve", fi: "Hyväksy" },
    WeDidLeaveOut => { en: "Leave out", fi: "Jätä pois" },
    WeDidSaveDraft => { en: "Save, not approved", fi: "Tallenna hyväksymättä" },
    WeDidToldSurvey => { en: "on the survey page", fi: "kyselysivulla" },
    WeDidToldInvitation => { en: "in the survey invitation", fi: "kyselykutsussa" },
    WeDidToldEmail => { en: "by email", fi: "sähköpostilla" },
    WeDidSharesTitle => { en: "Feedback answered with \"we did\"", fi: "Palaute, johon kerrottiin mitä teimme" },
    WeDidSharesIntro => {
        en: "Per account shown: of the customers' responses that asked for something (a development point, or a case they opened), how many were told what we did.",
        fi: "Näytetyille asiakkuuksille: asiakkaiden muutosta pyytäneistä vastauksista (kehitysehdotus tai heidän avaamansa tapaus), kuinka moneen kerrottiin, mitä teimme.",
    },
    WeDidSharesColumn => { en: "Answered with \"we did\"", fi: "Kerrottu, mitä teimme" },

    OutcomesTitle => { en: "Outcomes", fi: "Lopputulokset" },
    OutcomesEmpty => { en: "No outcome recorded yet.", fi: "Lopputulosta ei ole vielä kirjattu." },
    OutcomeRenewed => { en: "Renewed", fi: "Uusittu" },
    OutcomeExpanded => { en: "Expanded", fi: "Laajentunut" },
    OutcomeContracted => { en: "Contracted", fi: "Supistunut" },
    OutcomeChurned => { en: "Churned", fi: "Poistunut" },
    OutcomePaused => { en: "Paused", fi: "Tauolla" },
    OutcomeProjectEnded => { en: "Project ended as planned", fi: "Projekti päättyi suunnitellusti" },
    OutcomeKindLabel => { en: "What happened", fi: "Mitä tapahtui" },
    OutcomeDate => { en: "Date", fi: "Päivämäärä" },
    OutcomeRevenueBefore => { en: "Annual revenue before (€)", fi: "Vuosiliikevaihto ennen (€)" },
    OutcomeRevenueAfter => { en: "Annual revenue after (€)", fi: "Vuosiliikevaihto jälkeen (€)" },
    OutcomeReasons => { en: "Why (churn causes)", fi: "Miksi (poistumasyyt)" },
    OutcomeNote => { en: "Note", fi: "Huomio" },
    OutcomeRecord => { en: "Record the outcome", fi: "Kirjaa lopputulos" },
    OutcomeDemo => { en: "Demo data", fi: "Esittelydataa" },
    OutcomeEdit => { en: "Correct", fi: "Korjaa" },
    OutcomeSaveEdit => { en: "Save the correction", fi: "Tallenna korjaus" },
    OutcomeCancelEdit => { en: "Cancel", fi: "Peru" },
    OutcomeEarlier => { en: "Earlier versions", fi: "Aiemmat versiot" },
    OutcomesImportTitle => { en: "Import outcomes from CSV", fi: "Tuo lopputulokset CSV-tiedostosta" },
    OutcomesImportHelp => {
        en: "One outcome per row; accounts by their name in Kaiku. kind is renewed, expanded, contracted, churned, paused or project_ended; reasons are churn cause codes separated by semicolons (promise_vs_delivery, voice_lost, complaint_handling, needs_changed, competitors_ahead, not_engaging). Preview first: nothing is saved until you import.",
        fi: "Yksi lopputulos riviä kohden; asiakkuudet nimellään Kaikussa. kind on renewed, expanded, contracted, churned, paused tai project_ended; reasons ovat poistumasyiden koodeja puolipisteillä eroteltuina (promise_vs_delivery, voice_lost, complaint_handling, needs_changed, competitors_ahead, not_engaging). Esikatsele ensin: mitään ei tallenneta ennen tuontia.",
    },

    // Counter-feedback, actions and the analysis
    NavRequests => { en: "Requests", fi: "Pyynnöt" },
    RequestsTitle => { en: "Counter-feedback requests", fi: "Vastapalautepyynnöt" },
    RequestsIntro => {
        en: "Customers answered; how does the relationship look from the team's side?",
        fi: "Asiakkaat vastasivat. Miltä asiakkuus näyttää tiimin silmin?",
    },
    RequestsEmpty => { en: "No requests waiting for you.", fi: "Sinulle ei ole odottavia pyyntöjä." },
    RequestOverdue => { en: "Overdue", fi: "Myöhässä" },
    RequestTitle => { en: "Counter-feedback", fi: "Vastapalaute" },
    RequestCustomerSaid => { en: "What the customer said", fi: "Mitä asiakas sanoi" },
    RequestYourView => { en: "Your view", fi: "Sinun näkemyksesi" },
    CfGiveTitle => { en: "Give counter-feedback", fi: "Anna vastapalautetta" },
    CfGiveIntro => {
        en: "Your view of the relationship at any time, for example after a difficult meeting.",
        fi: "Näkemyksesi asiakkuudesta milloin tahansa, esimerkiksi vaikean palaverin jälkeen.",
    },
    CfHealth => { en: "Relationship health overall", fi: "Asiakkuuden terveys kokonaisuutena" },
    CfHealthHelp => {
        en: "1 = the relationship is in trouble, 5 = it could hardly be better.",
        fi: "1 = asiakkuus on vaikeuksissa, 5 = tuskin voisi olla paremmin.",
    },
    CfRisk => { en: "Churn risk in what the customer raises", fi: "Asiakkaan nostamien asioiden poistumariski" },
    CfRiskHelp => {
        en: "Could this customer leave or buy less because of it? Choose the causes you see.",
        fi: "Voiko asiakas lähteä tai ostaa vähemmän tämän vuoksi? Valitse näkemäsi syyt.",
    },
    CfCauses => { en: "Causes", fi: "Syyt" },
    CfRiskRequired => {
        en: "Choose the churn risk — “None” too is a choice.",
        fi: "Valitse poistumariski – myös ”Ei riskiä” on valinta.",
    },
    HealthMeaning1 => { en: "In trouble", fi: "Vaikeuksissa" },
    HealthMeaning2 => { en: "Weak", fi: "Heikko" },
    HealthMeaning3 => { en: "OK", fi: "Kohtalainen" },
    HealthMeaning4 => { en: "Good", fi: "Hyvä" },
    HealthMeaning5 => { en: "Excellent", fi: "Erinomainen" },
    RiskNone => { en: "None", fi: "Ei riskiä" },
    RiskLow => { en: "Low", fi: "Matala" },
    RiskMedium => { en: "Medium", fi: "Keskitaso" },
    RiskHigh => { en: "High", fi: "Korkea" },
    CfBehind => { en: "What is going on behind the scenes", fi: "Mitä kulissien takana tapahtuu" },
    CfBehindHelp => {
        en: "What the customer may not say: people, budgets, politics, our own team.",
        fi: "Mitä asiakas ei ehkä sano: ihmiset, budjetit, politiikka, oma tiimimme.",
    },
    CfChanges => { en: "Concrete changes we should make", fi: "Konkreettiset muutokset, jotka meidän pitäisi tehdä" },
    CfChangesHelp => {
        en: "Each change becomes an action on the account, with an owner and a due date if you give them.",
        fi: "Jokaisesta muutoksesta tulee asiakkuudelle toimenpide, jolla on vastuuhenkilö ja määräpäivä, jos annat ne.",
    },
    CfChangeText => { en: "Change", fi: "Muutos" },
    CfChangeOwner => { en: "Owner", fi: "Vastuuhenkilö" },
    CfNobodyYet => { en: "Nobody yet", fi: "Ei vielä ketään" },
    CfChangeDue => { en: "Due", fi: "Määräpäivä" },
    CfChangeRemove => { en: "Remove", fi: "Poista" },
    CfChangeAdd => { en: "Add a change", fi: "Lisää muutos" },
    CfChangePoint => { en: "Answers the customer's development point", fi: "Vastaa asiakkaan kehityskohteeseen" },
    CfChangeNoPoint => { en: "None in particular", fi: "Ei mihinkään erityiseen" },
    CfFulfilment => { en: "How well do we deliver? (your view)", fi: "Miten onnistumme? (oma näkemyksesi)" },
    CfFulfilmentHelp => {
        en: "Optional. Rate what you know, on the customer's scale: 1 poorly, 5 very well. A promise made at the sale is measured by it too.",
        fi: "Vapaaehtoinen. Arvioi ne, jotka tunnet, asiakkaan asteikolla: 1 heikosti, 5 erinomaisesti. Myynnissä annettu lupaus mitataan myös tällä.",
    },
    CfFulfilmentNone => { en: "Not rated", fi: "Ei arvioitu" },
    CfNeeds => { en: "Further needs of the customer, upsell ideas", fi: "Asiakkaan muut tarpeet, lisämyynnin ideat" },
    CfNeedsHelp => {
        en: "What else could we help them with?",
        fi: "Missä muussa voisimme auttaa?",
    },
    CfNotes => { en: "Notes", fi: "Muistiinpanot" },
    CfNotesHelp => { en: "Anything else the team should know.", fi: "Muuta, mitä tiimin pitäisi tietää." },
    CfDraftSaved => { en: "Draft saved on this device.", fi: "Luonnos tallennettu tälle laitteelle." },
    CfSend => { en: "Send counter-feedback", fi: "Lähetä vastapalaute" },
    CfSendLater => { en: "Save and send when online", fi: "Tallenna ja lähetä, kun yhteys palaa" },
    CfNotQueued => {
        en: "This device could not store the counter-feedback. Your text is still in the form.",
        fi: "Laite ei pystynyt tallentamaan vastapalautetta. Tekstisi on yhä lomakkeella.",
    },
    CfSentSynced => { en: "Thank you — your counter-feedback is saved.", fi: "Kiitos — vastapalautteesi on tallennettu." },
    CfSentQueued => {
        en: "Thank you — your counter-feedback is on this device and is sent as soon as there is a connection.",
        fi: "Kiitos — vastapalautteesi on tällä laitteella ja lähtee heti, kun yhteys on.",
    },
    CfBackToAccount => { en: "Back to the account", fi: "Takaisin asiakkuuteen" },
    CfListTitle => { en: "The team's counter-feedback", fi: "Tiimin vastapalaute" },
    ActionsTitle => { en: "Actions", fi: "Toimenpiteet" },
    ActionsEmpty => {
        en: "No actions yet. Changes proposed in counter-feedback appear here.",
        fi: "Ei vielä toimenpiteitä. Vastapalautteessa ehdotetut muutokset näkyvät tässä.",
    },
    ActionOpen => { en: "Open", fi: "Avoin" },
    ActionDone => { en: "Done", fi: "Valmis" },
    ActionWaiting => { en: "waiting to sync", fi: "odottaa synkronointia" },
    ActionMarkDone => { en: "Mark done", fi: "Merkitse tehdyksi" },
    ActionReopen => { en: "Reopen", fi: "Avaa uudelleen" },
    SentimentNegative => { en: "Negative", fi: "Kielteinen" },
    SentimentNeutral => { en: "Neutral", fi: "Neutraali" },
    SentimentPositive => { en: "Positive", fi: "Myönteinen" },
    LabelBecause => { en: "because of", fi: "koska" },
    LabelLearned => { en: "learned from your team's corrections", fi: "opittu tiiminne korjauksista" },
    LabelUncertain => { en: "uncertain", fi: "epävarma" },
    LabelConfidence => { en: "Confidence", fi: "Varmuus" },
    ChurnSignal => { en: "Churn signal", fi: "Poistumasignaali" },
    UpsellSignal => { en: "Upsell signal", fi: "Lisämyyntisignaali" },
    CorrectTitle => { en: "Correct the analysis", fi: "Korjaa analyysi" },
    CorrectPick => { en: "Choose a label", fi: "Valitse tunniste" },
    CorrectSentiment => { en: "Sentiment", fi: "Sävy" },
    CorrectTheme => { en: "Theme", fi: "Teema" },
    CorrectCause => { en: "Churn cause", fi: "Poistumasyy" },
    CorrectApplies => { en: "applies", fi: "pätee" },
    CorrectDoesNotApply => { en: "does not apply", fi: "ei päde" },
    CorrectSave => { en: "Save correction", fi: "Tallenna korjaus" },
    CorrectSaved => {
        en: "Saved. Later answers are analysed with what your team taught.",
        fi: "Tallennettu. Myöhemmät vastaukset analysoidaan tiiminne opettamalla tavalla.",
    },

    NavFeedbackSettings => { en: "Follow-up & themes", fi: "Seuranta ja teemat" },
    FeedbackSettingsTitle => { en: "Follow-up and analysis themes", fi: "Seuranta ja analyysin teemat" },
    FollowUpTitle => { en: "Follow-up of counter-feedback requests", fi: "Vastapalautepyyntöjen seuranta" },
    FollowUpIntro => {
        en: "Requests nobody answers are reminded, then escalated to the account lead.",
        fi: "Vastaamattomista pyynnöistä muistutetaan, ja jos vastausta ei vieläkään tule, asiasta kerrotaan asiakkuuden vastuuhenkilölle.",
    },
    FollowUpRemind => { en: "Remind after (days)", fi: "Muistutus, kun pyynnöstä on kulunut (päivää)" },
    FollowUpEscalate => { en: "Escalate after (days)", fi: "Kerro vastuuhenkilölle, kun pyynnöstä on kulunut (päivää)" },
    ThemesTitle => { en: "Themes", fi: "Teemat" },
    ThemesIntro => {
        en: "The analysis labels answers with these themes when it finds their keywords (Finnish compounds included).",
        fi: "Analyysi liittää vastauksiin nämä teemat, kun se löytää niiden avainsanat (myös yhdyssanoista).",
    },
    ThemesBuiltIn => { en: "Built in", fi: "Valmiit" },
    ThemesCustom => { en: "Your own themes", fi: "Omat teemat" },
    ThemesCustomEmpty => { en: "No themes of your own yet.", fi: "Ei vielä omia teemoja." },
    ThemeKey => { en: "Key (e.g. onboarding)", fi: "Tunnus (esim. onboarding)" },
    ThemeNameFi => { en: "Name in Finnish", fi: "Nimi suomeksi" },
    ThemeNameEn => { en: "Name in English", fi: "Nimi englanniksi" },
    ThemeKeywords => { en: "Keywords, separated by commas", fi: "Avainsanat pilkuin eroteltuina" },
    ThemeAdd => { en: "Add a theme", fi: "Lisää teema" },
    ThemeRemove => { en: "Remove theme", fi: "Poista teema" },

    // Security
    PasswordTooCommon => {
        en: "This password is too common or easy to guess. Use a longer phrase of unrelated words.",
        fi: "Salasana on liian yleinen tai helppo arvata. Käytä pidempää lausetta toisiinsa liittymättömistä sanoista.",
    },
    SessionsHeading => { en: "Your sessions", fi: "Kirjautumisesi" },
    SessionsIntro => {
        en: "Where you are signed in. Sign out any you don't recognise, then change your password.",
        fi: "Laitteet, joilla olet kirjautuneena. Kirjaa ulos ne, joita et tunnista, ja vaihda sitten salasanasi.",
    },
    SessionThisOne => { en: "this device", fi: "tämä laite" },
    SessionLastSeen => { en: "Last active", fi: "Viimeksi käytössä" },
    SessionUnknownDevice => { en: "Unknown browser", fi: "Tuntematon selain" },
    SessionSignOut => { en: "Sign out", fi: "Kirjaa ulos" },
    SessionsSignOutOthers => { en: "Sign out everywhere else", fi: "Kirjaa ulos kaikkialta muualta" },
    AuditTitle => { en: "Security log", fi: "Tietoturvaloki" },
    AuditIntro => {
        en: "Sign-ups, logins and failed logins, password and role changes, invitations and sessions signed out. Entries are never changed or removed.",
        fi: "Rekisteröitymiset, kirjautumiset ja epäonnistuneet yritykset, salasanan ja roolien muutokset, kutsut sekä uloskirjaukset. Merkintöjä ei koskaan muuteta eikä poisteta.",
    },
    AuditKindFilter => { en: "Show", fi: "Näytä" },
    AuditEverything => { en: "Everything", fi: "Kaikki" },
    AuditWhen => { en: "When", fi: "Milloin" },
    AuditWhat => { en: "What", fi: "Mitä" },
    AuditWho => { en: "Who", fi: "Kuka" },
    AuditDetail => { en: "About", fi: "Kohde" },
    AuditAddress => { en: "Address", fi: "Osoite" },
    AuditOlder => { en: "Show older", fi: "Näytä vanhemmat" },
    AuditSignedUp => { en: "Organisation created", fi: "Organisaatio luotu" },
    AuditLoggedIn => { en: "Logged in", fi: "Kirjautui" },
    AuditLoginFailed => { en: "Wrong password", fi: "Väärä salasana" },
    AuditLoginThrottled => { en: "Login refused: too many attempts", fi: "Kirjautuminen estetty: liian monta yritystä" },
    AuditPasswordChanged => { en: "Password changed", fi: "Salasana vaihdettu" },
    AuditUserChanged => { en: "Role or access changed", fi: "Rooli tai käyttöoikeus muuttui" },
    AuditInvitationCreated => { en: "Invitation created", fi: "Kutsu luotu" },
    AuditInvitationRevoked => { en: "Invitation revoked", fi: "Kutsu peruttu" },
    AuditInvitationAccepted => { en: "Invitation accepted", fi: "Kutsu hyväksytty" },
    AuditSessionEnded => { en: "A session signed out", fi: "Istunto kirjattu ulos" },
    AuditOtherSessionsEnded => { en: "Signed out everywhere else", fi: "Kirjattu ulos kaikkialta muualta" },

    // Errors from the API, by code
    ErrNetwork => {
        en: "Can't reach Kaiku. Check your internet connection and try again.",
        fi: "Kaikuun ei saada yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.",
    },
    ErrBadRequest => {
        en: "The request could not be processed. Reload the page and try again.",
        fi: "Pyyntöä ei voitu käsitellä. Lataa sivu uudelleen ja yritä uudelleen.",
    },
    ErrValidation => {
        en: "Some details need fixing. Check the fields marked below.",
        fi: "Osa tiedoista vaatii korjausta. Tarkista alla merkityt kentät.",
    },
    ErrUnauthenticated => {
        en: "Please log in to continue.",
        fi: "Kirjaudu sisään jatkaaksesi.",
    },
    ErrInvalidCredentials => {
        en: "The email or password is incorrect.",
        fi: "Sähköposti tai salasana on väärin.",
    },
    ErrForbidden => {
        en: "You don't have permission to do that.",
        fi: "Sinulla ei ole oikeutta tähän toimintoon.",
    },
    ErrCsrf => {
        en: "The security check of your session failed. Reload the page and try again.",
        fi: "Istunnon turvatarkistus epäonnistui. Lataa sivu uudelleen ja yritä uudelleen.",
    },
    ErrNotFound => {
        en: "It could not be found. It may have been removed.",
        fi: "Kohdetta ei löytynyt. Se on ehkä poistettu.",
    },
    ErrEmailTaken => {
        en: "This email address is already in use.",
        fi: "Tämä sähköpostiosoite on jo käytössä.",
    },
    ErrSignupLinkInvalid => {
        en: "This sign-up link is no longer valid.",
        fi: "Tämä rekisteröitymislinkki ei ole enää voimassa.",
    },
    ErrInvitationInvalid => {
        en: "This invitation link is no longer valid.",
        fi: "Tämä kutsulinkki ei ole enää voimassa.",
    },
    ErrAccountDeactivated => {
        en: "Your account has been deactivated. Contact your organisation's admin.",
        fi: "Käyttäjätilisi on poistettu käytöstä. Ota yhteyttä organisaatiosi pääkäyttäjään.",
    },
    ErrRateLimited => {
        en: "Too many attempts. Try again in a moment.",
        fi: "Liian monta yritystä. Yritä hetken kuluttua uudelleen.",
    },
    ErrPayloadTooLarge => {
        en: "The submitted data is too large.",
        fi: "Lähetetyt tiedot ovat liian suuria.",
    },
    ErrNotArchived => { en: "Archive the account before deleting it.", fi: "Arkistoi asiakas ennen sen poistamista." },
    ErrTwoFactorRequired => {
        en: "Enter the code from your authenticator app.",
        fi: "Anna todennussovelluksesi koodi.",
    },
    ErrTwoFactorSetupRequired => {
        en: "Set up two-factor sign-in first.",
        fi: "Ota ensin kaksivaiheinen kirjautuminen käyttöön.",
    },
    ErrLastAdmin => {
        en: "The organisation must keep at least one active admin.",
        fi: "Organisaatiolla on oltava vähintään yksi aktiivinen pääkäyttäjä.",
    },
    ErrInternal => {
        en: "Something went wrong on our side. Please try again.",
        fi: "Palvelussamme tapahtui virhe. Yritä uudelleen.",
    },
    ErrMailboxUnreachable => {
        en: "Kaiku could not read the mailbox with these settings, so nothing was saved.",
        fi: "Kaiku ei pystynyt lukemaan postilaatikkoa näillä asetuksilla, joten mitään ei tallennettu.",
    },
    ErrStoredDataUnreadable => {
        en: "Some saved data could not be read, so nothing was shown in its place. The error has been logged; contact support.",
        fi: "Osaa tallennetuista tiedoista ei voitu lukea, joten niiden tilalla ei näytetä mitään. Virhe on kirjattu; ota yhteyttä tukeen.",
    },
    ErrUnexpected => {
        en: "The server gave an unexpected answer. Reload the page and try again.",
        fi: "Palvelin vastasi odottamattomasti. Lataa sivu uudelleen ja yritä uudelleen.",
    },
    SessionEnded => {
        en: "Your session has ended. Please log in again.",
        fi: "Istuntosi on päättynyt. Kirjaudu uudelleen sisään.",
    },

    // Analysis confidence
    UncertainOnly => {
        en: "Only answers with uncertain labels",
        fi: "Vain vastaukset, joissa on epävarmoja tunnisteita",
    },
    UncertainOnlyHint => {
        en: "Labels the analysis is unsure of are marked “uncertain”: check them first and correct them where they are wrong.",
        fi: "Tunnisteet, joista analyysi ei ole varma, on merkitty ”epävarma”: tarkista ne ensin ja korjaa väärät.",
    },
    UncertainNone => {
        en: "No answers with uncertain labels.",
        fi: "Ei vastauksia, joissa olisi epävarmoja tunnisteita.",
    },

    // Field rules
    InvalidRequired => { en: "This field is required.", fi: "Tämä kenttä on pakollinen." },
    InvalidEmail => {
        en: "Enter a valid email address, such as name@company.com.",
        fi: "Anna kelvollinen sähköpostiosoite, esimerkiksi nimi@yritys.fi.",
    },
    InvalidRejected => { en: "Check this field.", fi: "Tarkista tämä kenttä." },
    InvalidHiddenCharacters => {
        en: "Remove control characters and invisible formatting characters.",
        fi: "Poista ohjausmerkit ja näkymättömät muotoilumerkit.",
    },
    ErrCurrentPassword => {
        en: "Your current password is incorrect.",
        fi: "Nykyinen salasanasi on väärin.",
    },
    PasswordsDiffer => {
        en: "The new passwords don't match.",
        fi: "Uudet salasanat eivät täsmää.",
    },

    // Field labels
    FieldOrgName => { en: "Organisation name", fi: "Organisaation nimi" },
    FieldYourName => { en: "Your name", fi: "Nimesi" },
    FieldName => { en: "Name", fi: "Nimi" },
    FieldEmail => { en: "Email", fi: "Sähköposti" },
    FieldPassword => { en: "Password", fi: "Salasana" },
    FieldRole => { en: "Role", fi: "Rooli" },
    FieldCurrentPassword => { en: "Current password", fi: "Nykyinen salasana" },
    FieldNewPassword => { en: "New password", fi: "Uusi salasana" },
    FieldRepeatPassword => { en: "Repeat new password", fi: "Toista uusi salasana" },
    FieldOrganisation => { en: "Organisation", fi: "Organisaatio" },

    // Roles
    RoleAdminDesc => {
        en: "Manages people, invitations and settings.",
        fi: "Hallitsee käyttäjiä, kutsuja ja asetuksia.",
    },
    RoleLeaderDesc => {
        en: "Sees every client account and the overall picture.",
        fi: "Näkee kaikki asiakkuudet ja kokonaiskuvan.",
    },
    RoleMemberDesc => {
        en: "Works on the client accounts they belong to.",
        fi: "Työskentelee niiden asiakkuuksien parissa, joihin kuuluu.",
    },

    // Sign-up
    SignupTitle => { en: "Create your Kaiku account", fi: "Luo Kaiku-tili" },
    SignupIntro => {
        en: "Set up your agency's organisation. You will be its admin and can invite your team right after.",
        fi: "Perusta toimistollesi organisaatio. Sinusta tulee sen pääkäyttäjä, ja voit kutsua tiimisi heti perään.",
    },
    SignupSubmit => { en: "Create account", fi: "Luo tili" },
    SignupHaveAccount => { en: "Already have an account?", fi: "Onko sinulla jo tili?" },
    SignupCheckInboxTitle => { en: "Check your inbox", fi: "Tarkista sähköpostisi" },
    SignupCheckInboxHint => {
        en: "Didn't get it? Look in the spam folder, or check the address and sign up again.",
        fi: "Eikö viestiä kuulu? Katso roskapostikansio, tai tarkista osoite ja rekisteröidy uudelleen.",
    },
    SignupTryAgain => { en: "Sign up again", fi: "Rekisteröidy uudelleen" },
    SignupConfirmTitle => { en: "Creating your organisation", fi: "Organisaatiotasi luodaan" },
    SignupConfirmWorking => { en: "Confirming your address…", fi: "Osoitettasi vahvistetaan…" },
    SignupLinkInvalidTitle => { en: "This link can't be used", fi: "Tätä linkkiä ei voi käyttää" },
    SignupLinkInvalidText => {
        en: "The link may have expired (it works for a day) or already been used. If you already opened it, log in; otherwise sign up again.",
        fi: "Linkki on ehkä vanhentunut (se toimii vuorokauden) tai jo käytetty. Jos avasit sen jo, kirjaudu sisään; muuten rekisteröidy uudelleen.",
    },

    // Login
    LoginTitle => { en: "Log in", fi: "Kirjaudu sisään" },
    LoginSubmit => { en: "Log in", fi: "Kirjaudu sisään" },
    LoginNoAccount => { en: "New to Kaiku?", fi: "Uusi Kaikun käyttäjä?" },
    LoginCreateOrg => { en: "Create an organisation", fi: "Luo organisaatio" },

    // Accepting an invitation
    AcceptTitle => { en: "Join your team on Kaiku", fi: "Liity tiimiisi Kaikussa" },
    AcceptValidUntil => { en: "Valid until", fi: "Voimassa" },
    AcceptSubmit => { en: "Join the team", fi: "Liity tiimiin" },
    AcceptInvalidTitle => {
        en: "This invitation can't be used",
        fi: "Tätä kutsua ei voi käyttää",
    },
    AcceptInvalidText => {
        en: "The link may have expired, already been used or been revoked. Ask your organisation's admin for a new invitation.",
        fi: "Linkki on ehkä vanhentunut, jo käytetty tai peruttu. Pyydä organisaatiosi pääkäyttäjältä uusi kutsu.",
    },
    GoToLogin => { en: "Go to the login page", fi: "Siirry kirjautumaan" },

    // Home
    HomeMyRequests => { en: "Counter-feedback I owe", fi: "Minulta odotettu vastapalaute" },
    HomeNoRequests => { en: "Nothing waits for your counter-feedback.", fi: "Vastapalautettasi ei odota mikään." },
    HomeMyOverdueActions => { en: "My overdue actions", fi: "Myöhässä olevat toimenpiteeni" },
    HomeNoOverdueActions => { en: "None of your actions is overdue.", fi: "Yksikään toimenpiteesi ei ole myöhässä." },
    HomeMyAccountsAtRisk => { en: "My accounts at risk", fi: "Riskissä olevat asiakkuuteni" },
    HomeAccountsAtRisk => { en: "Accounts at risk", fi: "Riskissä olevat asiakkuudet" },
    HomeNoAccountsAtRisk => { en: "No account is at high risk.", fi: "Yksikään asiakkuus ei ole suuressa riskissä." },
    HomeMyCases => { en: "My open cases", fi: "Avoimet tapaukseni" },
    HomeNoCases => { en: "You have no open cases.", fi: "Sinulla ei ole avoimia tapauksia." },
    DigestTitle => { en: "The team's month", fi: "Tiimin kuukausi" },
    DigestIntro => {
        en: "Initiatives started and done, what customers praised most and what recurs with no initiative on it yet — also emailed to the whole team when a month ends.",
        fi: "Aloitetut ja valmistuneet kehityshankkeet, mitä asiakkaat kehuivat eniten ja mikä toistuu ilman kehityshanketta — lähetetään myös koko tiimille sähköpostina kuun vaihtuessa.",
    },
    DigestRead => { en: "Read the team's month", fi: "Lue tiimin kuukausi" },
    DigestMonths => { en: "Months", fi: "Kuukaudet" },
    DigestPrevious => { en: "← {month}", fi: "← {month}" },
    DigestNext => { en: "{month} →", fi: "{month} →" },
    DigestAnswers => { en: "Surveys answered: {n}", fi: "Kyselyihin vastattiin {n} kertaa" },
    DigestStarted => { en: "Initiatives started", fi: "Aloitetut kehityshankkeet" },
    DigestNoneStarted => { en: "No initiative was started this month.", fi: "Tässä kuussa ei aloitettu kehityshankkeita." },
    DigestDone => { en: "Initiatives done", fi: "Valmistuneet kehityshankkeet" },
    DigestNoneDone => { en: "No initiative was finished this month.", fi: "Tässä kuussa ei valmistunut kehityshankkeita." },
    DigestPraised => { en: "What customers praised most", fi: "Mitä asiakkaat kehuivat eniten" },
    DigestNonePraised => { en: "No praise in this month's answers.", fi: "Tämän kuun vastauksissa ei ollut kehuja." },
    DigestPraiseCounts => { en: "{n} comments from {accounts} accounts", fi: "{n} kommenttia {accounts} asiakkaalta" },
    DigestRecurring => { en: "Recurring, with no initiative yet", fi: "Toistuu, eikä kehityshanketta vielä ole" },
    DigestNoneRecurring => { en: "Nothing recurs across three or more accounts without an initiative.", fi: "Mikään ei toistu kolmella tai useammalla asiakkaalla ilman kehityshanketta." },

    NavPrivacy => { en: "Privacy requests", fi: "Tietosuojapyynnöt" },
    PrivacyTitle => { en: "Privacy requests", fi: "Tietosuojapyynnöt" },
    PrivacyIntro => { en: "When a customer's contact asks what Kaiku holds about them, or to be forgotten, find them by their email. Every account they are a contact of is searched.", fi: "Kun asiakkaan yhteyshenkilö kysyy, mitä Kaiku hänestä tallentaa, tai pyytää tietojensa poistamista, hae hänet sähköpostiosoitteella. Haku kattaa kaikki asiakkaat, joiden yhteyshenkilö hän on." },
    PrivacyFind => { en: "Find a person", fi: "Hae henkilö" },
    PrivacyEmail => { en: "Email address", fi: "Sähköpostiosoite" },
    PrivacyNothing => { en: "Kaiku holds nothing about {e}.", fi: "Kaikussa ei ole tietoja osoitteesta {e}." },
    PrivacyHeld => { en: "What Kaiku holds about {e}", fi: "Kaikun tiedot osoitteesta {e}" },
    PrivacyAccounts => { en: "Contact of", fi: "Yhteyshenkilönä" },
    PrivacyContacts => { en: "Contact records", fi: "Yhteyshenkilötietueet" },
    PrivacySurveyLinks => { en: "Surveys sent", fi: "Lähetetyt kyselyt" },
    PrivacyAnswered => { en: "Surveys answered", fi: "Vastatut kyselyt" },
    PrivacyRepulses => { en: "Follow-up questions after cases", fi: "Tapausten jälkeiset tarkistuskysymykset" },
    PrivacyMessages => { en: "Messages from them", fi: "Heiltä tulleet viestit" },
    PrivacyEmails => { en: "Emails to them", fi: "Heille lähetetyt sähköpostit" },
    PrivacyExport => { en: "Download everything (JSON)", fi: "Lataa kaikki tiedot (JSON)" },
    PrivacyExportIntro => { en: "Everything held about the person in one file, for their data request. The download is recorded in the security log.", fi: "Kaikki henkilön tiedot yhdessä tiedostossa hänen tietopyyntöään varten. Lataus kirjataan tietoturvalokiin." },
    PrivacyErase => { en: "Erase this person", fi: "Poista henkilön tiedot" },
    PrivacyEraseIntro => { en: "Their contact records, names, email address, the emails sent to them and their survey links are removed for good. The security log records that an erasure was made, not who was erased.", fi: "Yhteyshenkilötiedot, nimi, sähköpostiosoite, heille lähetetyt sähköpostit ja kyselylinkit poistetaan pysyvästi. Tietoturvalokiin kirjataan, että tiedot poistettiin, mutta ei sitä, kenen." },
    PrivacyFate => { en: "What they said", fi: "Mitä he sanoivat" },
    PrivacyFateAnonymise => { en: "Keep their answers and messages without their name (the account's figures stay as they are)", fi: "Säilytä vastaukset ja viestit ilman nimeä (asiakkaan luvut pysyvät ennallaan)" },
    PrivacyFateDelete => { en: "Delete their answers and messages too, with their words quoted in cases", fi: "Poista myös vastaukset ja viestit sekä tapauksiin lainatut sanat" },
    PrivacyEraseConfirm => { en: "Erase {e} from every account? This cannot be undone.", fi: "Poistetaanko {e} kaikilta asiakkailta? Tätä ei voi perua." },
    PrivacyErased => { en: "{e} was erased.", fi: "{e} poistettiin." },
    RetentionTitle => { en: "How long answers are kept", fi: "Vastausten säilytysaika" },
    RetentionIntro => { en: "After this many months, survey answers and messages lose who gave them, or are deleted. Left empty, they are kept until the person is erased. The scheduler applies it every few minutes.", fi: "Näin monen kuukauden jälkeen kyselyvastauksista ja viesteistä poistetaan vastaajan tiedot tai ne poistetaan kokonaan. Tyhjänä ne säilytetään, kunnes henkilön tiedot poistetaan. Ajastin soveltaa asetusta muutaman minuutin välein." },
    RetentionAnswers => { en: "Survey answers, months", fi: "Kyselyvastaukset, kuukautta" },
    RetentionMessages => { en: "Messages, months", fi: "Viestit, kuukautta" },
    RetentionKept => { en: "kept", fi: "säilytetään" },
    RetentionSaved => { en: "Retention saved.", fi: "Säilytysaika tallennettu." },
    OrganisationDeletionTitle => { en: "Delete the organisation", fi: "Poista organisaatio" },
    OrganisationDeletionIntro => { en: "Everything goes: accounts, answers, counter-feedback, cases, the security log and every user. Every admin is emailed, and any of them can take it back within 30 days; then it is deleted for good.", fi: "Kaikki poistetaan: asiakkaat, vastaukset, vastapalautteet, tapaukset, tietoturvaloki ja kaikki käyttäjät. Jokaiselle pääkäyttäjälle lähtee sähköposti, ja kuka tahansa heistä voi perua poiston 30 päivän kuluessa; sen jälkeen tiedot poistetaan pysyvästi." },
    OrganisationDeletionConfirm => { en: "Type the organisation's name to confirm", fi: "Vahvista kirjoittamalla organisaation nimi" },
    OrganisationDeletionAsk => { en: "Delete the organisation in 30 days", fi: "Poista organisaatio 30 päivän kuluttua" },
    OrganisationDeletionPending => { en: "This organisation and all its data will be deleted on {d}.", fi: "Tämä organisaatio ja kaikki sen tiedot poistetaan {d}." },
    OrganisationDeletionTakeBack => { en: "Take the deletion back", fi: "Peru poisto" },
    AccountDeletionAsk => { en: "Delete for good", fi: "Poista pysyvästi" },
    AccountDeletionConfirm => { en: "Delete {n} and everything about it in 30 days? Until then any admin can take it back.", fi: "Poistetaanko {n} ja kaikki sen tiedot 30 päivän kuluttua? Siihen asti kuka tahansa pääkäyttäjä voi perua poiston." },
    AccountDeletionPending => { en: "This account and everything about it will be deleted on {d}.", fi: "Tämä asiakas ja kaikki sen tiedot poistetaan {d}." },
    NavTrends => { en: "Trends", fi: "Trendit" },
    TopicTrendsTitle => { en: "Topic trends", fi: "Aiheiden trendit" },
    TopicTrendsIntro => { en: "Which themes and churn causes are rising or falling across your accounts, counted in accounts per week over the last 26 weeks, so one noisy customer is not a trend.", fi: "Mitkä teemat ja asiakaspoistuman syyt yleistyvät tai harvinaistuvat asiakkaillanne, laskettuna asiakkaina viikossa viimeisten 26 viikon ajalta, jottei yksi äänekäs asiakas tee trendiä." },
    TopicTrendsSource => { en: "Heard in", fi: "Lähde" },
    TopicTrendsAllSources => { en: "Answers, counter-feedback and messages", fi: "Vastaukset, vastapalautteet ja viestit" },
    TopicTrendsSourceAnswers => { en: "Survey answers", fi: "Kyselyvastaukset" },
    TopicTrendsSourceCounterFeedback => { en: "Counter-feedback", fi: "Vastapalautteet" },
    TopicTrendsSourceMessages => { en: "Messages", fi: "Viestit" },
    TopicTrendsSegment => { en: "Segment", fi: "Segmentti" },
    TopicTrendsAllSegments => { en: "All accounts", fi: "Kaikki asiakkaat" },
    TopicTrendsEmpty => { en: "No theme or churn cause was mentioned in these 26 weeks.", fi: "Yhtään teemaa tai poistuman syytä ei mainittu näiden 26 viikon aikana." },
    TopicTrendsCounts => { en: "{r} account-weeks in the last 4 weeks, {b} in the 12 before", fi: "{r} asiakasviikkoa viimeisten 4 viikon aikana, {b} niitä edeltävien 12 viikon aikana" },
    TopicTrendsRising => { en: "Rising", fi: "Yleistyy" },
    TopicTrendsFalling => { en: "Falling", fi: "Harvinaistuu" },
    TopicTrendsEffect => { en: "×{x} the earlier rate (adjusted p {p})", fi: "×{x} aiempaan tahtiin (korjattu p {p})" },
    TopicTrendsBehind => { en: "Accounts and words behind it", fi: "Asiakkaat ja sanat taustalla" },
    TopicTrendsMore => { en: "and {n} more", fi: "ja {n} muuta" },
    TopicTrendsMethod => { en: "How a topic is flagged: the accounts mentioning it in the last 4 weeks are compared with the 12 weeks before, per active account (a Poisson rate-ratio test, exact). Topics with fewer than 5 account-weeks are not tested; the p-values are adjusted over all topics (Benjamini–Hochberg) and a topic is flagged below 0.05.", fi: "Näin aihe merkitään: sen maininneita asiakkaita viimeisten 4 viikon aikana verrataan niitä edeltäviin 12 viikkoon aktiivista asiakasta kohden (Poissonin tasosuhteen tarkka testi). Alle 5 asiakasviikon aiheita ei testata; p-arvot korjataan kaikkien aiheiden yli (Benjamini–Hochberg), ja aihe merkitään, kun korjattu arvo on alle 0,05." },
    ResponseRateTitle => { en: "Response rate", fi: "Vastausprosentti" },
    ResponseRateIntro => { en: "Of the survey links sent each month, the share answered, for all accounts and each segment. A month counts once its every link is answered or closed.", fi: "Kunakin kuukautena lähetetyistä kyselylinkeistä vastattujen osuus, kaikille asiakkaille ja kullekin segmentille. Kuukausi lasketaan, kun sen jokaiseen linkkiin on vastattu tai linkki on sulkeutunut." },
    ResponseRateGroup => { en: "Accounts", fi: "Asiakkaat" },
    ResponseRateCell => { en: "{a} of {s} answered, {o} still open", fi: "{a}/{s} vastasi, {o} vielä auki" },
    ResponseRateFell => { en: "Fell", fi: "Laski" },
    ResponseRateFellBy => { en: "{m}: {r} against {b} in the six months before (adjusted p {p})", fi: "{m}: {r}, edeltävät kuusi kuukautta {b} (korjattu p {p})" },
    ResponseRateRounds => { en: "The rounds of that month", fi: "Kuukauden kierrokset" },
    ResponseRateRound => { en: "sent {d}: {a} of {s} answered", fi: "lähetetty {d}: {a}/{s} vastasi" },
    ResponseRateEmpty => { en: "No survey links were sent in these twelve months.", fi: "Näiden kahdentoista kuukauden aikana ei lähetetty kyselylinkkejä." },
    ResponseRateMethod => { en: "How a fall is flagged: the last month whose links are all answered or closed is compared with the six months before it (Fisher's exact test, one-sided). A month needs 10 links and its six months before it 20 to be tested; the p-values are adjusted over all accounts and the segments together (Benjamini–Hochberg) and a fall is flagged below 0.05. Leaders and admins are emailed once per month.", fi: "Näin lasku merkitään: viimeisintä kuukautta, jonka kaikkiin linkkeihin on vastattu tai jonka linkit ovat sulkeutuneet, verrataan sitä edeltäviin kuuteen kuukauteen (Fisherin tarkka testi, yksisuuntainen). Testiin tarvitaan kuukaudelta 10 linkkiä ja edeltäviltä kuudelta 20; p-arvot korjataan kaikkien asiakkaiden ja segmenttien yli yhdessä (Benjamini–Hochberg), ja lasku merkitään, kun korjattu arvo on alle 0,05. Johtajat ja pääkäyttäjät saavat siitä kerran kuukaudessa sähköpostin." },
    AuditPersonExported => { en: "A person's data exported", fi: "Henkilön tiedot viety" },
    AuditPersonErased => { en: "A person erased", fi: "Henkilön tiedot poistettu" },
    AuditRetentionApplied => { en: "Data past its retention anonymised or deleted", fi: "Säilytysajan ylittäneet tiedot anonymisoitu tai poistettu" },
    AuditRetentionChanged => { en: "Retention changed", fi: "Säilytysaikaa muutettu" },
    AuditAccountDeletionAsked => { en: "Account deletion asked for", fi: "Asiakkaan poistoa pyydetty" },
    AuditAccountDeletionCancelled => { en: "Account deletion taken back", fi: "Asiakkaan poisto peruttu" },
    AuditAccountDeleted => { en: "Account deleted", fi: "Asiakas poistettu" },
    AuditOrganisationDeletionAsked => { en: "Organisation deletion asked for", fi: "Organisaation poistoa pyydetty" },
    AuditOrganisationDeletionCancelled => { en: "Organisation deletion taken back", fi: "Organisaation poisto peruttu" },
    AuditTwoFactorOn => { en: "Two-factor sign-in turned on", fi: "Kaksivaiheinen kirjautuminen otettu käyttöön" },
    AuditTwoFactorOff => { en: "Two-factor sign-in turned off", fi: "Kaksivaiheinen kirjautuminen poistettu käytöstä" },
    AuditApiKeyCreated => { en: "API key created", fi: "API-avain luotu" },
    AuditApiKeyRevoked => { en: "API key revoked", fi: "API-avain peruttu" },
    AuditWebhookCreated => { en: "Webhook added", fi: "Webhook lisätty" },
    AuditWebhookDeleted => { en: "Webhook removed", fi: "Webhook poistettu" },
    AuditMailboxConnected => { en: "Customer mailbox connected or changed", fi: "Asiakaspostilaatikko yhdistetty tai muutettu" },
    AuditMailboxDisconnected => { en: "Customer mailbox disconnected", fi: "Asiakaspostilaatikon yhteys katkaistu" },
    AuditCsrfRefused => {
        en: "Request refused: missing or wrong CSRF token",
        fi: "Pyyntö torjuttu: CSRF-tunniste puuttui tai oli väärä",
    },
    AuditTwoFactorPolicyChanged => {
        en: "Rule for admins' two-factor sign-in changed",
        fi: "Pääkäyttäjien kaksivaiheisen kirjautumisen sääntöä muutettu",
    },
    SegmentsTitle => { en: "Segments by need", fi: "Tarvesegmentit" },
    SegmentsLink => { en: "Segments by need →", fi: "Tarvesegmentit →" },
    SegmentsIntro => {
        en: "Accounts grouped by what matters to them (their expectations survey) and what they talk about (the themes of their answers and of the team's further needs) — never by region or size. Kaiku proposes the groups; admins name, adjust and adopt them.",
        fi: "Asiakkuudet ryhmiteltyinä sen mukaan, mikä niille on tärkeää (odotuskysely) ja mistä ne puhuvat (vastausten ja tiimin kirjaamien lisätarpeiden teemat) — ei koskaan alueen tai koon mukaan. Kaiku ehdottaa ryhmät; pääkäyttäjät nimeävät, muokkaavat ja ottavat ne käyttöön.",
    },
    SegmentsInUse => { en: "Segments in use, side by side", fi: "Käytössä olevat segmentit rinnakkain" },
    SegmentsNoneInUse => {
        en: "No need segments are in use yet. An admin can adopt the proposal below.",
        fi: "Tarvesegmenttejä ei ole vielä käytössä. Pääkäyttäjä voi ottaa alla olevan ehdotuksen käyttöön.",
    },
    SegmentsAllAccounts => { en: "All accounts", fi: "Kaikki asiakkuudet" },
    SegmentsCauses => { en: "Churn causes", fi: "Poistumasyyt" },
    SegmentsThemes => { en: "Themes", fi: "Teemat" },
    SegmentsSetApart => { en: "What sets it apart", fi: "Mikä sen erottaa" },
    SegmentsMattersMore => { en: "{what} matters more: {group} against {all} on average", fi: "{what} on tärkeämpää: {group}, keskimäärin {all}" },
    SegmentsMattersLess => { en: "{what} matters less: {group} against {all} on average", fi: "{what} on vähemmän tärkeää: {group}, keskimäärin {all}" },
    SegmentsTalksMore => { en: "Talk about {what} more: {group} of accounts against {all}", fi: "Puhuvat enemmän aiheesta {what}: {group} asiakkuuksista, kaikista {all}" },
    SegmentsTalksLess => { en: "Talk about {what} less: {group} of accounts against {all}", fi: "Puhuvat vähemmän aiheesta {what}: {group} asiakkuuksista, kaikista {all}" },
    SegmentsProposal => { en: "Proposed grouping", fi: "Ehdotettu ryhmittely" },
    SegmentsTooFew => {
        en: "A grouping is proposed once {min} accounts have answered the expectations survey or have themes in their answers; now {n} have.",
        fi: "Ryhmittely ehdotetaan, kun vähintään {min} asiakkuutta on vastannut odotuskyselyyn tai niiden vastauksissa on teemoja; nyt niitä on {n}.",
    },
    SegmentsSeparation => { en: "How clearly the groups differ: {how} ({s} on a scale from −1 to 1).", fi: "Kuinka selvästi ryhmät eroavat: {how} ({s} asteikolla −1–1)." },
    SegmentsClear => { en: "clearly", fi: "selvästi" },
    SegmentsFair => { en: "fairly", fi: "kohtalaisesti" },
    SegmentsWeak => { en: "weakly — read the groups with care", fi: "heikosti — lue ryhmiä varoen" },
    SegmentsGroup => { en: "Group {n}", fi: "Ryhmä {n}" },
    SegmentsName => { en: "Segment name", fi: "Segmentin nimi" },
    SegmentsMove => { en: "Group of {account}", fi: "Asiakkuuden {account} ryhmä" },
    SegmentsUnprofiled => { en: "Not grouped, as nothing is known of their needs yet:", fi: "Ei ryhmitelty, koska niiden tarpeista ei vielä tiedetä mitään:" },
    SegmentsAdopt => { en: "Adopt these segments", fi: "Ota segmentit käyttöön" },
    SegmentsRemove => { en: "Remove the need segments", fi: "Poista tarvesegmentit" },
    SegmentsConfirmAdopt => {
        en: "Adopt {n} segments? They replace the need segments in use on every account; other segments stay as they are.",
        fi: "Otetaanko {n} segmenttiä käyttöön? Ne korvaavat käytössä olevat tarvesegmentit kaikilla asiakkuuksilla; muut segmentit pysyvät ennallaan.",
    },
    SegmentsConfirmRemove => {
        en: "Remove the need segments from every account? Other segments stay as they are.",
        fi: "Poistetaanko tarvesegmentit kaikilta asiakkuuksilta? Muut segmentit pysyvät ennallaan.",
    },
    SegmentsAdopted => { en: "The segments are in use.", fi: "Segmentit ovat käytössä." },
    SegmentsNameRejected => {
        en: "Give each segment its own name, not one another segment already uses.",
        fi: "Anna jokaiselle segmentille oma nimi, jota mikään muu segmentti ei jo käytä.",
    },
    SegmentsAccountsRejected => {
        en: "Each segment needs accounts, and each account can be in one segment only.",
        fi: "Jokaisessa segmentissä on oltava asiakkuuksia, ja kukin asiakkuus voi olla vain yhdessä segmentissä.",
    },

    // Team settings
    TeamTitle => { en: "Team settings", fi: "Tiimin asetukset" },
    TeamNoAccess => {
        en: "You don't have access to team settings.",
        fi: "Sinulla ei ole pääsyä tiimin asetuksiin.",
    },
    TeamNoAccessWhy => {
        en: "Only admins can invite people, change roles and deactivate accounts. Ask an admin of your organisation if you need a change.",
        fi: "Vain pääkäyttäjät voivat kutsua käyttäjiä, muuttaa rooleja ja poistaa tilejä käytöstä. Pyydä organisaatiosi pääkäyttäjää tekemään tarvittavat muutokset.",
    },
    TeamYourRole => { en: "Your role", fi: "Roolisi" },
    TeamPeople => { en: "People", fi: "Käyttäjät" },
    TeamEmpty => { en: "No people yet.", fi: "Ei vielä käyttäjiä." },
    ColExpires => { en: "Expires", fi: "Vanhenee" },
    ColJoined => { en: "Joined", fi: "Liittynyt" },
    StatusActive => { en: "Active", fi: "Aktiivinen" },
    StatusDeactivated => { en: "Deactivated", fi: "Poistettu käytöstä" },
    You => { en: "(you)", fi: "(sinä)" },
    Deactivate => { en: "Deactivate", fi: "Poista käytöstä" },
    Reactivate => { en: "Reactivate", fi: "Ota uudelleen käyttöön" },
    InviteHeading => { en: "Invite a colleague", fi: "Kutsu kollega" },
    InviteIntro => {
        en: "Kaiku creates a personal link that is valid for a limited time. Share it with your colleague.",
        fi: "Kaiku luo henkilökohtaisen linkin, joka on voimassa rajatun ajan. Jaa se kollegallesi.",
    },
    InviteSubmit => { en: "Create invitation", fi: "Luo kutsu" },
    InviteLinkLabel => { en: "Invitation link", fi: "Kutsulinkki" },
    CopyLink => { en: "Copy link", fi: "Kopioi linkki" },
    Copied => { en: "Link copied.", fi: "Linkki kopioitu." },
    CopyFailed => {
        en: "Copying failed. Select the link and copy it yourself.",
        fi: "Kopiointi epäonnistui. Valitse linkki ja kopioi se itse.",
    },
    PendingHeading => { en: "Pending invitations", fi: "Odottavat kutsut" },
    PendingEmpty => { en: "No pending invitations.", fi: "Ei odottavia kutsuja." },
    Revoke => { en: "Revoke", fi: "Peru kutsu" },
    OutboxHeading => { en: "Emails sent by Kaiku", fi: "Kaikun lähettämät sähköpostit" },
    OutboxIntro => {
        en: "The emails Kaiku sends — invitations, surveys, reminders — and how their delivery went.",
        fi: "Kaikun lähettämät sähköpostit — kutsut, kyselyt, muistutukset — ja miten niiden toimitus onnistui.",
    },
    OutboxEmpty => { en: "No emails yet.", fi: "Ei vielä sähköposteja." },
    OutboxTo => { en: "To", fi: "Vastaanottaja" },

    // Profile
    ProfileTitle => { en: "Profile", fi: "Profiili" },
    ProfileDetails => { en: "Your details", fi: "Omat tiedot" },
    ProfileLanguageHint => {
        en: "Kaiku remembers your language on every device you use.",
        fi: "Kaiku muistaa kielesi kaikilla laitteillasi.",
    },
    ProfileSave => { en: "Save changes", fi: "Tallenna muutokset" },
    ProfileSaved => { en: "Your details were saved.", fi: "Tietosi tallennettiin." },
    PasswordHeading => { en: "Change password", fi: "Vaihda salasana" },
    PasswordSubmit => { en: "Change password", fi: "Vaihda salasana" },
    PasswordChanged => { en: "Your password was changed.", fi: "Salasanasi vaihdettiin." },

    // Not found
    NotFoundTitle => { en: "Page not found", fi: "Sivua ei löytynyt" },
    NotFoundText => {
        en: "The address may be mistyped, or the page may have moved.",
        fi: "Osoitteessa voi olla kirjoitusvirhe, tai sivu on voinut siirtyä.",
    },
    BackHome => { en: "Back to the home page", fi: "Takaisin etusivulle" },

    // Accounts
    NavAccounts => { en: "Accounts", fi: "Asiakkuudet" },
    AccountsTitle => { en: "Accounts", fi: "Asiakkuudet" },
    AccountNew => { en: "New account", fi: "Uusi asiakkuus" },
    AccountEdit => { en: "Edit account", fi: "Muokkaa asiakkuutta" },
    AccountsFilters => { en: "Search and filters", fi: "Haku ja suodattimet" },
    AccountsSearch => { en: "Search by name", fi: "Hae nimellä" },
    AccountsShowArchived => { en: "Show archived", fi: "Näytä arkistoidut" },
    AccountsEmpty => {
        en: "No accounts yet. Admins and leaders can add the first one.",
        fi: "Asiakkuuksia ei vielä ole. Pääkäyttäjät ja johtajat voivat lisätä ensimmäisen.",
    },
    AccountPeriod => { en: "Period", fi: "Kausi" },
    Archived => { en: "Archived", fi: "Arkistoitu" },
    Archive => { en: "Archive", fi: "Arkistoi" },
    Restore => { en: "Restore", fi: "Palauta" },
    FilterAny => { en: "Any", fi: "Kaikki" },
    SortBy => { en: "Sort by", fi: "Järjestys" },
    FieldSegments => { en: "Segments", fi: "Segmentit" },
    SegmentsHint => {
        en: "Separate with commas, e.g. growth marketing, platform rebuild.",
        fi: "Erota pilkuilla, esim. kasvumarkkinointi, alustauudistus.",
    },
    FieldStage => { en: "Stage", fi: "Vaihe" },
    FieldAnnualValue => { en: "Annual value (€)", fi: "Vuosiarvo (€)" },
    FieldLead => { en: "Account lead", fi: "Asiakkuusvastaava" },
    NoLead => { en: "No lead yet", fi: "Ei vielä vastaavaa" },
    FieldTeam => { en: "Account team", fi: "Asiakkuustiimi" },
    FieldStartDate => { en: "Start date", fi: "Alkupäivä" },
    FieldEndDate => { en: "Project end date (optional)", fi: "Projektin päättymispäivä (valinnainen)" },
    FieldNotes => { en: "Notes", fi: "Muistiinpanot" },
    FieldTitle => { en: "Role or title", fi: "Rooli tai titteli" },
    Save => { en: "Save", fi: "Tallenna" },
    Saved => { en: "Saved.", fi: "Tallennettu." },
    TwoFactorTitle => { en: "Two-factor sign-in", fi: "Kaksivaiheinen kirjautuminen" },
    TwoFactorIntro => {
        en: "Sign in with a code from an authenticator app on your phone as well as your password, so a stolen password alone does not open your account.",
        fi: "Kirjaudu salasanan lisäksi puhelimesi todennussovelluksen koodilla, jotta pelkkä varastettu salasana ei avaa tiliäsi.",
    },
    TwoFactorIsOn => { en: "On: signing in asks for a code from your authenticator app.", fi: "Käytössä: kirjautuessa kysytään todennussovelluksesi koodia." },
    TwoFactorIsOff => { en: "Off: your password alone signs you in.", fi: "Ei käytössä: pelkkä salasana riittää kirjautumiseen." },
    TwoFactorStart => { en: "Set up two-factor sign-in", fi: "Ota kaksivaiheinen kirjautuminen käyttöön" },
    TwoFactorScan => {
        en: "Scan the QR code with your authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password), or type the key into it. Then enter the six-digit code the app shows.",
        fi: "Skannaa QR-koodi todennussovelluksellasi (esimerkiksi Google Authenticator, Microsoft Authenticator tai 1Password) tai kirjoita avain siihen. Anna sitten sovelluksen näyttämä kuusinumeroinen koodi.",
    },
    TwoFactorQrAlt => { en: "QR code for your authenticator app", fi: "QR-koodi todennussovellukselle" },
    TwoFactorKey => { en: "Key", fi: "Avain" },
    TwoFactorKeyOnce => {
        en: "The key is shown only now. Setting up again makes a new one.",
        fi: "Avain näytetään vain nyt. Uusi käyttöönotto luo uuden avaimen.",
    },
    FieldCode => { en: "Code from the app", fi: "Sovelluksen koodi" },
    TwoFactorConfirm => { en: "Turn on", fi: "Ota käyttöön" },
    TwoFactorTurnedOn => { en: "Two-factor sign-in is on.", fi: "Kaksivaiheinen kirjautuminen on käytössä." },
    TwoFactorTurnOff => { en: "Turn two-factor sign-in off", fi: "Poista kaksivaiheinen kirjautuminen käytöstä" },
    TwoFactorOffConfirm => {
        en: "Enter your password to turn two-factor sign-in off.",
        fi: "Anna salasanasi poistaaksesi kaksivaiheisen kirjautumisen käytöstä.",
    },
    TwoFactorTurnedOff => { en: "Two-factor sign-in is off.", fi: "Kaksivaiheinen kirjautuminen on poistettu käytöstä." },
    TwoFactorRequiredForAdmins => {
        en: "Your organisation requires two-factor sign-in of admins, so it stays on.",
        fi: "Organisaatiosi edellyttää pääkäyttäjiltä kaksivaiheista kirjautumista, joten se pysyy käytössä.",
    },
    TwoFactorSetupRequiredTitle => {
        en: "Set up two-factor sign-in to continue",
        fi: "Jatka ottamalla kaksivaiheinen kirjautuminen käyttöön",
    },
    TwoFactorSetupRequiredText => {
        en: "Your organisation requires admins to sign in with a code from an authenticator app as well as their password. Set it up now; the rest of Kaiku opens after that.",
        fi: "Organisaatiosi edellyttää, että pääkäyttäjät kirjautuvat salasanan lisäksi todennussovelluksen koodilla. Ota se käyttöön nyt; muu Kaiku avautuu sen jälkeen.",
    },
    LoginCodeHint => {
        en: "Your account uses two-factor sign-in: enter the six-digit code from your authenticator app.",
        fi: "Tililläsi on kaksivaiheinen kirjautuminen: anna todennussovelluksesi kuusinumeroinen koodi.",
    },
    CodeWrong => {
        en: "The code is wrong or was already used. Enter the code the app shows now.",
        fi: "Koodi on väärä tai jo käytetty. Anna sovelluksen nyt näyttämä koodi.",
    },
    SecuritySettingsTitle => { en: "Sign-in rules", fi: "Kirjautumisen säännöt" },
    AdminsTwoFactor => { en: "Admins must use two-factor sign-in", fi: "Pääkäyttäjien on käytettävä kaksivaiheista kirjautumista" },
    AdminsTwoFactorHint => {
        en: "Admins without it can do nothing but set it up, from their next step on.",
        fi: "Pääkäyttäjät, joilla sitä ei ole, voivat seuraavasta askeleestaan alkaen vain ottaa sen käyttöön.",
    },
    AdminsTwoFactorFirst => {
        en: "Turn two-factor sign-in on for yourself first, on your profile.",
        fi: "Ota ensin kaksivaiheinen kirjautuminen itsellesi käyttöön profiilissasi.",
    },
    Cancel => { en: "Cancel", fi: "Peruuta" },
    Edit => { en: "Edit", fi: "Muokkaa" },
    Remove => { en: "Remove", fi: "Poista" },

    // Contacts
    ContactsTitle => { en: "Contacts", fi: "Yhteyshenkilöt" },
    ContactsEmpty => {
        en: "No contacts yet. Add the people you work with to send them surveys.",
        fi: "Yhteyshenkilöitä ei vielä ole. Lisää ihmiset, joiden kanssa teette töitä, niin voit lähettää heille kyselyitä.",
    },
    ContactAdd => { en: "Add a contact", fi: "Lisää yhteyshenkilö" },
    DecisionMaker => { en: "Decision maker", fi: "Päättäjä" },

    // Language model
    LanguageModelTitle => { en: "Language model", fi: "Kielimalli" },
    LanguageModelIntro => {
        en: "Optional. When it is on, each new open answer is also sent to a language model your organisation runs (any OpenAI-compatible endpoint, such as llama.cpp or Ollama). It suggests labels and a one-line summary; the team accepts or dismisses them. Kaiku's own analysis never depends on it.",
        fi: "Valinnainen. Kun se on käytössä, jokainen uusi avoin vastaus lähetetään myös organisaationne kielimallille (mikä tahansa OpenAI-yhteensopiva rajapinta, kuten llama.cpp tai Ollama). Se ehdottaa luokituksia ja yhden rivin tiivistelmän; tiimi hyväksyy tai hylkää ne. Kaikun oma analyysi ei koskaan riipu siitä.",
    },
    LanguageModelOn => { en: "The language model is on.", fi: "Kielimalli on käytössä." },
    LanguageModelOff => { en: "The language model is off.", fi: "Kielimalli ei ole käytössä." },
    LanguageModelEnable => { en: "Use the language model", fi: "Käytä kielimallia" },
    LanguageModelBaseUrl => { en: "Endpoint address", fi: "Rajapinnan osoite" },
    LanguageModelBaseUrlHint => {
        en: "For example http://127.0.0.1:8080 — Kaiku calls /v1/chat/completions under it. Only http addresses on your own network for now.",
        fi: "Esimerkiksi http://127.0.0.1:8080 — Kaiku kutsuu sen alla osoitetta /v1/chat/completions. Toistaiseksi vain oman verkkonne http-osoitteet.",
    },
    LanguageModelModel => { en: "Model", fi: "Malli" },
    LanguageModelTimeout => { en: "Timeout in seconds", fi: "Aikaraja sekunteina" },
    LanguageModelApiKey => { en: "API key (optional)", fi: "API-avain (valinnainen)" },
    LanguageModelKeySet => {
        en: "A key is set. Leave the field empty to keep it.",
        fi: "Avain on asetettu. Jätä kenttä tyhjäksi, niin se säilyy.",
    },
    LanguageModelClearKey => { en: "Remove the key", fi: "Poista avain" },
    LanguageModelSuggested => { en: "Suggested by the language model", fi: "Kielimallin ehdotus" },
    LanguageModelDiffers => { en: "differs from the analysis", fi: "eri kuin analyysi" },
    LanguageModelAccept => { en: "Accept", fi: "Hyväksy" },
    LanguageModelDismiss => { en: "Dismiss", fi: "Hylkää" },
    LanguageModelAccepted => { en: "accepted", fi: "hyväksytty" },
    LanguageModelDismissed => { en: "dismissed", fi: "hylätty" },
    LanguageModelUpsellYes => { en: "Upsell signal: yes", fi: "Lisämyyntisignaali: kyllä" },
    LanguageModelUpsellNo => { en: "Upsell signal: no", fi: "Lisämyyntisignaali: ei" },
    InvalidWebAddress => {
        en: "Use an address that starts with http:// or https:// and names a host.",
        fi: "Anna osoite, joka alkaa http:// tai https:// ja jossa on palvelimen nimi.",
    },

    // Survey rounds
    RoundsTitle => { en: "Surveys", fi: "Kyselyt" },
    RoundsEmpty => { en: "No surveys sent yet.", fi: "Kyselyitä ei ole vielä lähetetty." },
    RoundsOlder => { en: "Show older rounds", fi: "Näytä vanhemmat kierrokset" },
    RoundStart => { en: "Send a survey", fi: "Lähetä kysely" },
    RoundTemplate => { en: "Survey", fi: "Kysely" },
    RoundContacts => { en: "Send to", fi: "Vastaanottajat" },
    RoundNoContacts => { en: "Add contacts first.", fi: "Lisää ensin yhteyshenkilöitä." },
    RoundChooseContacts => { en: "Choose at least one contact.", fi: "Valitse vähintään yksi yhteyshenkilö." },
    RoundDeadlineDays => { en: "Open for days", fi: "Voimassa päivää" },
    RoundDeadlineRange => { en: "The link can be open for 1–90 days.", fi: "Linkki voi olla voimassa 1–90 päivää." },
    RoundSend => { en: "Send survey", fi: "Lähetä kysely" },
    Sending => { en: "Sending…", fi: "Lähetetään…" },
    RoundSentByEmail => {
        en: "Sent. Each contact got their link by email; you can also copy the links here, this once:",
        fi: "Lähetetty. Jokainen yhteyshenkilö sai linkkinsä sähköpostilla; voit myös kopioida linkit tästä, vain tämän kerran:",
    },
    RoundSentNoMail => {
        en: "Sent, but no mail server is configured: the emails wait in the outbox. Copy each link now and pass it on yourself; they are shown only this once.",
        fi: "Lähetetty, mutta sähköpostipalvelinta ei ole määritetty, joten viestit odottavat lähtevissä viesteissä. Kopioi jokainen linkki nyt ja välitä se itse; linkit näytetään vain tämän kerran.",
    },
    RoundOpenUntil => { en: "open until", fi: "voimassa" },
    RoundResent => { en: "New link sent:", fi: "Uusi linkki lähetetty:" },
    Resend => { en: "Send again", fi: "Lähetä uudelleen" },
    LinkSent => { en: "Sent", fi: "Lähetetty" },
    LinkOpened => { en: "Opened", fi: "Avattu" },
    LinkStarted => { en: "Started", fi: "Aloitettu" },
    LinkAnswered => { en: "Answered", fi: "Vastattu" },
    LinkExpired => { en: "Expired", fi: "Vanhentunut" },
    LinkRevoked => { en: "Withdrawn", fi: "Peruttu" },
    ResponsesTitle => { en: "What the customer said", fi: "Mitä asiakas sanoi" },
    ImportTitle => { en: "Import accounts and contacts from CSV", fi: "Tuo asiakkuudet ja yhteyshenkilöt CSV-tiedostosta" },
    ImportHelp => {
        en: "One contact per row; rows with the same account name go to the same account, and an existing account gets the new contacts. Only the account column is required. Preview first: nothing is saved until you import.",
        fi: "Yksi yhteyshenkilö riviä kohden; saman asiakkuuden rivit menevät samaan asiakkuuteen, ja olemassa olevaan asiakkuuteen lisätään uudet yhteyshenkilöt. Vain account-sarake on pakollinen. Esikatsele ensin: mitään ei tallenneta ennen tuontia.",
    },
    ImportFile => { en: "CSV file", fi: "CSV-tiedosto" },
    ImportPaste => { en: "…or paste the CSV here", fi: "…tai liitä CSV tähän" },
    ImportPreview => { en: "Preview", fi: "Esikatsele" },
    ImportRun => { en: "Import the good rows", fi: "Tuo kelvolliset rivit" },
    ImportLine => { en: "Line", fi: "Rivi" },
    ImportOutcome => { en: "Outcome", fi: "Tulos" },
    ImportNewAccount => { en: "new account", fi: "uusi asiakkuus" },
    ImportAddsContact => { en: "adds to the account", fi: "lisätään asiakkuuteen" },
    NavSurveys => { en: "Surveys", fi: "Kyselyt" },
    TemplatesTitle => { en: "Survey templates", fi: "Kyselypohjat" },
    BrandTitle => { en: "Logo and colour", fi: "Logo ja väri" },
    BrandIntro => {
        en: "Your logo and accent colour appear on the survey page and in the emails your customers get.",
        fi: "Logonne ja korostusvärinne näkyvät kyselysivulla ja asiakkaiden saamissa sähköposteissa.",
    },
    BrandLogo => { en: "Logo", fi: "Logo" },
    BrandNoLogo => { en: "No logo yet: customers see your organisation's name.", fi: "Ei vielä logoa: asiakkaat näkevät organisaationne nimen." },
    BrandLogoAlt => { en: "Your current logo", fi: "Nykyinen logonne" },
    BrandLogoChoose => { en: "Upload a logo", fi: "Lataa logo" },
    BrandLogoHelp => {
        en: "A PNG, JPEG or WebP image of at most 256 KB. It is shown 48 pixels high; a wide logo on a transparent or white background works best.",
        fi: "PNG-, JPEG- tai WebP-kuva, enintään 256 kt. Se näytetään 48 pikselin korkuisena; leveä logo läpinäkyvällä tai valkoisella taustalla toimii parhaiten.",
    },
    BrandLogoUnreadable => { en: "The file could not be read. Try again.", fi: "Tiedostoa ei voitu lukea. Yritä uudelleen." },
    BrandLogoSaved => { en: "Logo saved. Customers see it from now on.", fi: "Logo tallennettu. Asiakkaat näkevät sen tästä lähtien." },
    BrandLogoRemove => { en: "Remove logo", fi: "Poista logo" },
    BrandLogoRemoveConfirm => {
        en: "Remove the logo? Customers will see your organisation's name instead.",
        fi: "Poistetaanko logo? Asiakkaat näkevät sen sijaan organisaationne nimen.",
    },
    BrandLogoRemoved => { en: "Logo removed.", fi: "Logo poistettu." },
    BrandAccent => { en: "Accent colour", fi: "Korostusväri" },
    BrandAccentLabel => { en: "Colour (#rrggbb)", fi: "Väri (#rrggbb)" },
    BrandAccentPick => { en: "Pick the accent colour", fi: "Valitse korostusväri" },
    BrandAccentHelp => {
        en: "Used for buttons and links. It must be dark enough for white text on it to be easy to read.",
        fi: "Käytetään painikkeissa ja linkeissä. Sen on oltava niin tumma, että valkoinen teksti sen päällä on helppo lukea.",
    },
    BrandSample => { en: "Send answers", fi: "Lähetä vastaukset" },
    BrandAccentSave => { en: "Save colour", fi: "Tallenna väri" },
    BrandAccentSaved => { en: "Colour saved.", fi: "Väri tallennettu." },
    BrandAccentUseKaiku => { en: "Use Kaiku's colours", fi: "Käytä Kaikun värejä" },
    BrandAccentReset => { en: "Back to Kaiku's colours.", fi: "Kaikun värit palautettu." },
    TemplatesIntro => {
        en: "These are the surveys your customers get. Edits apply to surveys sent from now on; surveys already sent keep the questions they asked.",
        fi: "Näitä kyselyitä asiakkaasi saavat. Muutokset koskevat tästä eteenpäin lähetettäviä kyselyitä; jo lähetetyt säilyttävät kysymyksensä.",
    },
    TemplateName => { en: "Name", fi: "Nimi" },
    TemplateIntro => {
        en: "Introduction: why we ask and what we do with the answer",
        fi: "Johdanto: miksi kysymme ja mitä vastauksella tehdään",
    },
    TemplatePreview => { en: "Preview as a customer", fi: "Esikatsele asiakkaana" },
    TemplateSave => { en: "Save template", fi: "Tallenna pohja" },
    TemplateSaved => { en: "Saved. New surveys use this version.", fi: "Tallennettu. Uudet kyselyt käyttävät tätä versiota." },
    TemplateReset => { en: "Restore the original", fi: "Palauta alkuperäinen" },
    TemplateResetConfirm => {
        en: "Restore the original template? Your edits to it are discarded; surveys already sent are not affected.",
        fi: "Palautetaanko alkuperäinen pohja? Muutoksesi hylätään; jo lähetettyihin kyselyihin tämä ei vaikuta.",
    },
    TemplateResetDone => { en: "The original template is back.", fi: "Alkuperäinen pohja on palautettu." },
    PreviewBlocked => {
        en: "The preview could not open a new tab. Allow pop-ups for Kaiku and try again.",
        fi: "Esikatselu ei voinut avata uutta välilehteä. Salli ponnahdusikkunat Kaikulle ja yritä uudelleen.",
    },
    QuestionAdd => { en: "Add a question", fi: "Lisää kysymys" },
    QuestionKind => { en: "Question type", fi: "Kysymystyyppi" },
    QuestionRequired => { en: "Required", fi: "Pakollinen" },
    QuestionOptionsHint => { en: "Options, one per line, in the same order in both languages.", fi: "Vaihtoehdot, yksi riville, samassa järjestyksessä molemmilla kielillä." },
    ScaleLowEnd => { en: "The lowest score means", fi: "Pienin arvo tarkoittaa" },
    ScaleHighEnd => { en: "The highest score means", fi: "Suurin arvo tarkoittaa" },
    KindNps => { en: "NPS 0–10", fi: "NPS 0–10" },
    KindRating => { en: "Rating 1–5", fi: "Arvio 1–5" },
    KindChoice => { en: "Single choice", fi: "Yksi vaihtoehto" },
    KindText => { en: "Open text", fi: "Avoin teksti" },
    ErrSurveyLinkInvalid => {
        en: "This survey link is no longer valid.",
        fi: "Tämä kyselylinkki ei ole enää voimassa.",
    },

    // Offline and sync
    OfflineBanner => {
        en: "Offline — changes are kept on this device",
        fi: "Ei yhteyttä — muutokset säilyvät tällä laitteella",
    },
    OfflineAsOf => {
        en: "Saved copy from {time}; it may be out of date.",
        fi: "Tallennettu kopio ({time}); se voi olla vanhentunut.",
    },
    SyncOffline => { en: "Offline", fi: "Ei yhteyttä" },
    SyncPendingOne => { en: "1 change waiting to sync", fi: "1 muutos odottaa synkronointia" },
    SyncPendingMany => { en: "{n} changes waiting to sync", fi: "{n} muutosta odottaa synkronointia" },
    SyncAllSynced => { en: "All changes synced", fi: "Kaikki muutokset synkronoitu" },
    Syncing => { en: "Syncing…", fi: "Synkronoidaan…" },
    SyncDecisionOne => { en: "1 change needs your decision", fi: "1 muutos odottaa päätöstäsi" },
    SyncDecisionMany => { en: "{n} changes need your decision", fi: "{n} muutosta odottaa päätöstäsi" },
    SyncPanelTitle => { en: "Changes that need your decision", fi: "Päätöstäsi odottavat muutokset" },
    SyncPanelIntro => {
        en: "Kaiku could not save these changes as they were. They stay on this device until you choose.",
        fi: "Kaiku ei voinut tallentaa näitä muutoksia sellaisenaan. Ne säilyvät tällä laitteella, kunnes valitset.",
    },
    SyncClose => { en: "Close", fi: "Sulje" },
    SyncKindCounterFeedback => { en: "Counter-feedback", fi: "Vastapalaute" },
    SyncKindActionEdit => { en: "Edit of an action", fi: "Toimenpiteen muokkaus" },
    SyncKindActionCreate => { en: "New action", fi: "Uusi toimenpide" },
    SyncKindCaseStep => { en: "Case step", fi: "Tapauksen vaihe" },
    SyncKindMessage => { en: "Logged message", fi: "Kirjattu viesti" },
    SyncConflict => {
        en: "Someone changed this action in Kaiku after you started editing it. Which version should stay?",
        fi: "Joku muutti tätä toimenpidettä Kaikussa sen jälkeen, kun aloitit muokkaamisen. Kumpi versio jää voimaan?",
    },
    SyncConflictOther => {
        en: "This changed in Kaiku while you were offline, so your change was not applied.",
        fi: "Tämä muuttui Kaikussa sillä aikaa, kun olit ilman yhteyttä, joten muutostasi ei tallennettu.",
    },
    SyncYours => { en: "Your version", fi: "Sinun versiosi" },
    SyncTheirs => { en: "Version in Kaiku now", fi: "Nykyinen versio Kaikussa" },
    SyncFieldText => { en: "Action", fi: "Toimenpide" },
    SyncFieldOwner => { en: "Owner", fi: "Vastuuhenkilö" },
    SyncFieldDue => { en: "Due", fi: "Määräpäivä" },
    SyncFieldStatus => { en: "Status", fi: "Tila" },
    SyncNoOwner => { en: "Nobody yet", fi: "Ei vielä ketään" },
    SyncOwnerOther => { en: "Another team member", fi: "Toinen tiimin jäsen" },
    SyncNoDue => { en: "No due date", fi: "Ei määräpäivää" },
    SyncKeepMine => { en: "Keep mine", fi: "Pidä oma versioni" },
    SyncKeepTheirs => { en: "Keep theirs", fi: "Pidä nykyinen versio" },
    SyncRejected => { en: "Kaiku refused this change:", fi: "Kaiku ei hyväksynyt tätä muutosta:" },
    SyncRejectedInvalid => {
        en: "Some of its details are not valid any more.",
        fi: "Osa sen tiedoista ei ole enää kelvollisia.",
    },
    SyncDiscard => { en: "Discard", fi: "Hylkää" },
    SyncDiscardConfirm => {
        en: "Discard this change? It is removed from this device and cannot be recovered.",
        fi: "Hylätäänkö tämä muutos? Se poistetaan tältä laitteelta, eikä sitä voi palauttaa.",
    },
    SyncNotQueued => {
        en: "This change could not be kept on this device. Try again; if it keeps failing, allow Kaiku to store data in your browser.",
        fi: "Muutosta ei voitu tallentaa tälle laitteelle. Yritä uudelleen; jos ongelma jatkuu, salli Kaikun tallentaa tietoja selaimeesi.",
    },
    LogoutPendingConfirm => {
        en: "{n} changes have not reached Kaiku yet. They stay on this device and are sent the next time you log in here. Log out anyway?",
        fi: "{n} muutosta ei ole vielä tallentunut Kaikuun. Ne säilyvät tällä laitteella ja lähetetään, kun kirjaudut seuraavan kerran sisään tällä laitteella. Kirjaudutaanko silti ulos?",
    },

    // Feedback cycles: the account's section, the shared rule fields, the /cycles page
    NavCycles => { en: "Cycles", fi: "Kyselykierrokset" },
    NavOverdue => { en: "Overdue", fi: "Myöhässä" },
    HealthTitle => { en: "Account health", fi: "Asiakkuuden terveys" },
    HealthNoEvidence => {
        en: "Not enough to go on yet: no answers, counter-feedback or closed surveys in the last six months.",
        fi: "Arvioon ei vielä ole aineistoa: ei vastauksia, vastapalautetta tai päättyneitä kyselyjä puolen vuoden ajalta.",
    },
    HealthScore => { en: "Health", fi: "Terveys" },
    HealthBand => { en: "Churn risk", fi: "Poistumariski" },
    HealthRevenueAtRisk => { en: "Revenue at risk", fi: "Riskissä oleva liikevaihto" },
    HealthFactorsCaption => { en: "What the health score is made of", fi: "Mistä terveysluku koostuu" },
    HealthFactor => { en: "Factor", fi: "Tekijä" },
    HealthFactorScore => { en: "Score (0–100)", fi: "Pisteet (0–100)" },
    HealthWeight => { en: "Weight", fi: "Paino" },
    HealthContribution => { en: "Points of the health", fi: "Osuus terveydestä" },
    RiskCritical => { en: "Critical", fi: "Kriittinen" },
    FactorNps => { en: "NPS", fi: "NPS" },
    FactorRatings => { en: "Ratings", fi: "Arviot" },
    FactorTeamHealth => { en: "Team's view of health", fi: "Tiimin näkemys terveydestä" },
    FactorTeamRisk => { en: "Team's churn risk", fi: "Tiimin arvio poistumariskistä" },
    FactorGap => { en: "Customer vs team", fi: "Asiakas vs. tiimi" },
    FactorTrend => { en: "Trend", fi: "Suunta" },
    FactorResponseRate => { en: "Response rate", fi: "Vastausprosentti" },
    FactorOpenItems => { en: "Open points and actions", fi: "Avoimet kehityskohteet ja toimenpiteet" },
    FactorExpectationGap => { en: "Expectations met", fi: "Odotusten täyttyminen" },
    NavHealthWeights => { en: "Health weights", fi: "Terveysluvun painotus" },
    HealthWeightsTitle => { en: "How account health is weighed", fi: "Miten asiakkuuden terveys painotetaan" },
    HealthWeightsHeading => { en: "Weights of the factors", fi: "Tekijöiden painot" },
    HealthWeightsIntro => {
        en: "Each factor with evidence scores 0–100; the health score is their weighted mean. Only the ratios matter: a factor with weight 4 counts twice as much as one with 2, and 0 leaves it out. Beside each, its share of the score when every signal is known. Every account's score follows at once.",
        fi: "Jokainen tekijä, josta on näyttöä, saa 0–100 pistettä; terveysluku on niiden painotettu keskiarvo. Vain suhteilla on väliä: painon 4 tekijä painaa kaksi kertaa niin paljon kuin painon 2 tekijä, ja 0 jättää sen pois. Kunkin vieressä on sen osuus luvusta, kun kaikista tekijöistä on näyttöä. Kaikkien asiakkuuksien luvut muuttuvat heti.",
    },
    HealthWeightsSaved => { en: "Weights saved. Every score now uses them.", fi: "Painot tallennettu. Kaikki luvut käyttävät niitä nyt." },
    HealthWeightsRestore => { en: "Restore the defaults", fi: "Palauta oletukset" },
    HealthWeightsConfirmRestore => {
        en: "Restore the default weights? Every account's score changes at once.",
        fi: "Palautetaanko oletuspainot? Kaikkien asiakkuuksien luvut muuttuvat heti.",
    },
    HealthWeightsAllZero => {
        en: "At least one factor needs a weight above 0.",
        fi: "Ainakin yhden tekijän painon on oltava yli 0.",
    },
    HealthWeightsPreview => { en: "Preview", fi: "Esikatselu" },
    HealthWeightsPreviewIntro => { en: "The ten least healthy accounts under the weights as typed, beside where they stand now. Nothing changes until you save.", fi: "Kymmenen heikoimmassa kunnossa olevaa asiakasta kirjoitetuilla painoilla ja niiden sijat nyt. Mikään ei muutu ennen tallennusta." },
    HealthWeightsPreviewNone => { en: "The preview appears when every weight is between 0 and 10 and not all are zero.", fi: "Esikatselu näkyy, kun jokainen paino on 0–10 eivätkä kaikki ole nollia." },
    HealthWeightsPreviewEmpty => { en: "No account has a health score yet.", fi: "Yhdelläkään asiakkaalla ei ole vielä terveyspistemäärää." },
    HealthWeightsPreviewBands => { en: "{n} of {m} accounts would change risk band.", fi: "{n}/{m} asiakkaan riskiluokka muuttuisi." },
    HealthWeightsPreviewPlace => { en: "Place (1 = least healthy)", fi: "Sija (1 = heikoin)" },
    HealthWeightsPreviewNow => { en: "Now", fi: "Nyt" },
    HealthWeightsPreviewProposed => { en: "With these weights", fi: "Näillä painoilla" },
    HealthWeightsPreviewSamePlace => { en: "{p} (unchanged)", fi: "{p} (ennallaan)" },
    HealthWeightsPreviewWorse => { en: "{p} (up from {was}: less healthy)", fi: "{p} (ennen {was}: heikompi)" },
    HealthWeightsPreviewBetter => { en: "{p} (down from {was}: healthier)", fi: "{p} (ennen {was}: parempi)" },
    HealthWeightsAdminsOnly => { en: "Admins change the weights.", fi: "Pääkäyttäjät muuttavat painotuksia." },
    FactorNpsHelp => {
        en: "The customer's headline answer: would they recommend you? Default 2.",
        fi: "Asiakkaan pääviesti: suosittelisiko hän teitä? Oletus 2.",
    },
    FactorRatingsHelp => {
        en: "The 1–5 ratings of quality, communication and the rest. Default 1.",
        fi: "Laadun, viestinnän ja muiden 1–5-arviot. Oletus 1.",
    },
    FactorTeamHealthHelp => {
        en: "How the team rates the relationship from behind the scenes. Default 2.",
        fi: "Miten tiimi arvioi asiakkuuden kulissien takaa. Oletus 2.",
    },
    FactorTeamRiskHelp => {
        en: "The team's own churn judgement; a high risk also lifts the band. Default 3.",
        fi: "Tiimin oma arvio poistumariskistä; korkea riski nostaa myös riskiluokkaa. Oletus 3.",
    },
    FactorGapHelp => {
        en: "The customer happy while the team is worried: the case Kaiku exists to catch. Default 3.",
        fi: "Asiakas tyytyväinen, tiimi huolissaan: juuri tätä Kaiku on tehty huomaamaan. Oletus 3.",
    },
    FactorTrendHelp => {
        en: "NPS against the half year before; one round is noisy. Default 1.",
        fi: "NPS verrattuna edelliseen puolivuotiskauteen; yksi kierros on epätarkka. Oletus 1.",
    },
    FactorResponseRateHelp => {
        en: "Silence is a signal, though busy people are silent too. Default 1.",
        fi: "Hiljaisuus on signaali, vaikka kiireiset ihmiset ovat myös hiljaa. Oletus 1.",
    },
    FactorOpenItemsHelp => {
        en: "Development points nobody acted on, and actions past their due date. Default 1.",
        fi: "Kehityskohteet, joille ei ole tehty mitään, ja erääntyneet toimenpiteet. Oletus 1.",
    },
    FactorExpectationGapHelp => {
        en: "What matters to the customer against how you do on it. Default 1.5.",
        fi: "Mikä asiakkaalle on tärkeää verrattuna siihen, miten onnistutte siinä. Oletus 1,5.",
    },
    OverdueTitle => { en: "Who owes what", fi: "Mikä odottaa ketäkin" },
    OverdueIntro => {
        en: "Customers who have not answered after their first reminder, counter-feedback past its reminder day, and actions past their due date.",
        fi: "Asiakkaat, jotka eivät ole vastanneet ensimmäisen muistutuksen jälkeen, muistutuspäivän ohittaneet vastapalautteet ja erääntyneet toimenpiteet.",
    },
    OverdueEmpty => { en: "Nothing is late. Everyone is up to date.", fi: "Mikään ei ole myöhässä." },
    OverdueCustomer => { en: "Customer", fi: "Asiakas" },
    OverdueTeam => { en: "Counter-feedback", fi: "Vastapalaute" },
    OverdueActionTag => { en: "Action", fi: "Toimenpide" },
    CycleTitle => { en: "Feedback cycle", fi: "Palautesykli" },
    CycleRule => { en: "Rule", fi: "Sääntö" },
    CycleSource => { en: "Comes from", fi: "Lähde" },
    CycleSourceAccount => { en: "This account's own cycle", fi: "Asiakkuuden oma sykli" },
    CycleSourceStage => {
        en: "The organisation's default for the account's stage",
        fi: "Organisaation oletus asiakkuuden vaiheelle",
    },
    CycleSourceSegment => {
        en: "The organisation's default for one of the account's segments",
        fi: "Organisaation oletus jollekin asiakkuuden segmentille",
    },
    CycleNoRule => {
        en: "No cycle: this account gets surveys only when someone sends one.",
        fi: "Ei sykliä: asiakkuudelle lähtee kysely vain, kun joku lähettää sen.",
    },
    CycleNoRuleHint => {
        en: "Set a cycle for this account here, or default cycles for stages and segments in the schedule settings.",
        fi: "Aseta asiakkuudelle sykli tässä tai oletussyklit vaiheille ja segmenteille aikatauluasetuksissa.",
    },
    CycleArchived => {
        en: "Archived accounts are not surveyed.",
        fi: "Arkistoiduille asiakkuuksille ei lähetetä kyselyitä.",
    },
    CyclePaused => { en: "Paused", fi: "Keskeytetty" },
    CyclePausedNote => {
        en: "The cycle is paused: no rounds go out, and rounds planned during the pause are not sent later.",
        fi: "Sykli on keskeytetty: kierroksia ei lähetetä, eikä keskeytyksen aikana suunniteltuja kierroksia lähetetä myöhemmin.",
    },
    CycleEdit => { en: "Edit cycle", fi: "Muokkaa sykliä" },
    CycleSave => { en: "Save cycle", fi: "Tallenna sykli" },
    CycleOwnHint => {
        en: "Saving gives this account a cycle of its own: the organisation's defaults no longer apply to it.",
        fi: "Tallentamalla asiakkuus saa oman syklin: organisaation oletukset eivät enää koske sitä.",
    },
    CycleUseDefault => { en: "Use the organisation's default", fi: "Käytä organisaation oletusta" },
    CycleUseDefaultConfirm => {
        en: "Remove this account's own cycle? It then follows the organisation's default for its stage or segment, if there is one.",
        fi: "Poistetaanko asiakkuuden oma sykli? Sen jälkeen asiakkuus noudattaa organisaation oletusta vaiheelleen tai segmentilleen, jos sellainen on.",
    },
    CyclePause => { en: "Pause", fi: "Keskeytä" },
    CycleResume => { en: "Resume", fi: "Jatka" },
    CycleUpcomingTitle => { en: "Coming rounds", fi: "Tulevat kierrokset" },
    CycleUpcomingEmpty => { en: "No rounds are planned.", fi: "Kierroksia ei ole suunniteltu." },
    CycleHistoryTitle => { en: "Past rounds", fi: "Menneet kierrokset" },
    CycleHistoryEmpty => {
        en: "No planned round has come due yet.",
        fi: "Yksikään suunniteltu kierros ei ole vielä ollut vuorossa.",
    },
    CycleSkipped => { en: "Skipped", fi: "Ohitetaan" },
    CycleThrottled => {
        en: "Will be skipped: surveyed too recently",
        fi: "Ohitetaan: kysytty liian äskettäin",
    },
    CyclePlanned => { en: "Planned", fi: "Suunniteltu" },
    CycleWasSkipped => { en: "Skipped", fi: "Ohitettu" },
    CycleSkip => { en: "Skip", fi: "Ohita" },
    CycleUndoSkip => { en: "Undo skip", fi: "Peru ohitus" },
    ReasonPeriodic => { en: "Periodic round", fi: "Säännöllinen kierros" },
    ReasonProjectEnd => { en: "At the project end", fi: "Projektin päättyessä" },
    ReasonAfterProjectEnd => { en: "After the project end", fi: "Projektin päättymisen jälkeen" },
    OutcomeSkippedByUser => { en: "Skipped by a team member", fi: "Tiimin jäsen ohitti kierroksen" },
    OutcomeAccountThrottled => {
        en: "Skipped: the account had been surveyed too recently",
        fi: "Ohitettu: asiakkuudelta oli kysytty liian äskettäin",
    },
    OutcomeContactsThrottled => {
        en: "Skipped: every contact had been surveyed too recently",
        fi: "Ohitettu: jokaiselta yhteyshenkilöltä oli kysytty liian äskettäin",
    },
    OutcomeNoContacts => {
        en: "Skipped: no contacts to ask (none match the rule, or all opted out of surveys)",
        fi: "Ohitettu: ei kysyttäviä yhteyshenkilöitä (kukaan ei vastaa sääntöä, tai kaikki ovat kieltäytyneet kyselyistä)",
    },
    RuleEvery => { en: "Periodic rounds", fi: "Säännölliset kierrokset" },
    RuleEveryNone => { en: "No periodic rounds", fi: "Ei säännöllisiä kierroksia" },
    RuleWeekday => { en: "Weekday", fi: "Viikonpäivä" },
    RuleWeekdayHint => {
        en: "Periodic rounds move forward to this weekday.",
        fi: "Säännölliset kierrokset siirtyvät eteenpäin tälle viikonpäivälle.",
    },
    RuleAtEnd => { en: "A round at the project end", fi: "Kierros projektin päättyessä" },
    RuleDaysAfterEnd => {
        en: "A further round this many days after the project end (optional)",
        fi: "Lisäkierros näin monta päivää projektin päättymisen jälkeen (valinnainen)",
    },
    RuleEndHint => {
        en: "Rounds around the project end need the account's project end date.",
        fi: "Projektin päättymiseen sidotut kierrokset tarvitsevat asiakkuuden projektin päättymispäivän.",
    },
    RuleNeedsRounds => {
        en: "Choose periodic rounds, or a round at or after the project end.",
        fi: "Valitse säännölliset kierrokset tai kierros projektin päättyessä tai sen jälkeen.",
    },
    RuleContacts => { en: "Who is asked", fi: "Keneltä kysytään" },
    RuleContactsAll => { en: "All contacts", fi: "Kaikki yhteyshenkilöt" },
    RuleContactsDecisionMakers => { en: "Decision makers", fi: "Päättäjät" },
    RuleContactsChosen => { en: "Chosen contacts", fi: "Valitut yhteyshenkilöt" },
    RuleChosenLegend => { en: "Contacts to ask", fi: "Kysyttävät yhteyshenkilöt" },
    RuleDeadlineDays => { en: "Days to answer", fi: "Vastausaika (päivää)" },
    SummaryAtEnd => { en: "at the project end", fi: "projektin päättyessä" },
    SummaryAll => { en: "all contacts", fi: "kaikki yhteyshenkilöt" },
    SummaryDecisionMakers => { en: "decision makers", fi: "päättäjät" },
    WeekdayMon => { en: "Monday", fi: "maanantai" },
    WeekdayTue => { en: "Tuesday", fi: "tiistai" },
    WeekdayWed => { en: "Wednesday", fi: "keskiviikko" },
    WeekdayThu => { en: "Thursday", fi: "torstai" },
    WeekdayFri => { en: "Friday", fi: "perjantai" },
    WeekdaySat => { en: "Saturday", fi: "lauantai" },
    WeekdaySun => { en: "Sunday", fi: "sunnuntai" },
    OnMon => { en: "on Mondays", fi: "maanantaisin" },
    OnTue => { en: "on Tuesdays", fi: "tiistaisin" },
    OnWed => { en: "on Wednesdays", fi: "keskiviikkoisin" },
    OnThu => { en: "on Thursdays", fi: "torstaisin" },
    OnFri => { en: "on Fridays", fi: "perjantaisin" },
    OnSat => { en: "on Saturdays", fi: "lauantaisin" },
    OnSun => { en: "on Sundays", fi: "sunnuntaisin" },
    OptedOut => { en: "Opted out of surveys", fi: "Kieltäytynyt kyselyistä" },
    CyclesTitle => { en: "Coming survey rounds", fi: "Tulevat kyselykierrokset" },
    CyclesIntro => {
        en: "Rounds planned for the next three months in the accounts you see.",
        fi: "Seuraavan kolmen kuukauden suunnitellut kierrokset niissä asiakkuuksissa, jotka näet.",
    },
    CyclesEmpty => {
        en: "No rounds are planned for the next three months. Set a cycle on an account's page, or default cycles for stages and segments in the schedule settings.",
        fi: "Seuraavalle kolmelle kuukaudelle ei ole suunniteltu kierroksia. Aseta sykli asiakkuuden sivulla tai oletussyklit vaiheille ja segmenteille aikatauluasetuksissa.",
    },
    CyclesToSettings => { en: "Go to the schedule settings", fi: "Siirry aikatauluasetuksiin" },
    ColDate => { en: "Date", fi: "Päivä" },
    ColAccount => { en: "Account", fi: "Asiakkuus" },
    ColReason => { en: "Reason", fi: "Peruste" },
    ColStatus => { en: "Status", fi: "Tila" },

    // Schedule settings
    NavSchedule => { en: "Schedule", fi: "Aikataulu" },
    ScheduleTitle => { en: "Survey schedule", fi: "Kyselyiden aikataulu" },
    ScheduleIntro => {
        en: "When scheduled surveys go out, how often customers may be asked, and the cycles of accounts that have none of their own.",
        fi: "Milloin ajastetut kyselyt lähtevät, kuinka usein asiakkailta saa kysyä ja minkä syklin mukaan asiakkuudet ilman omaa sykliä kulkevat.",
    },
    ScheduleReadOnly => {
        en: "Only admins change these settings.",
        fi: "Vain pääkäyttäjät voivat muuttaa näitä asetuksia.",
    },
    ScheduleSendingTitle => { en: "Sending and limits", fi: "Lähettäminen ja rajat" },
    ScheduleTimezone => { en: "Time zone", fi: "Aikavyöhyke" },
    ScheduleTimezoneHint => { en: "For example Europe/Helsinki.", fi: "Esimerkiksi Europe/Helsinki." },
    ScheduleStartHour => { en: "Working day starts at (hour, 0–23)", fi: "Työpäivä alkaa (tunti, 0–23)" },
    ScheduleEndHour => { en: "Working day ends at (hour, 1–23)", fi: "Työpäivä päättyy (tunti, 1–23)" },
    ScheduleHoursHint => {
        en: "Surveys and reminders go out Monday to Friday within these hours, in the time zone above.",
        fi: "Kyselyt ja muistutukset lähtevät maanantaista perjantaihin näinä tunteina yllä olevalla aikavyöhykkeellä.",
    },
    ScheduleContactGap => {
        en: "A contact is surveyed at most once in (days)",
        fi: "Yhteyshenkilöltä kysytään enintään kerran näin monessa päivässä",
    },
    ScheduleAccountGap => {
        en: "An account is surveyed at most once in (days)",
        fi: "Asiakkuudelta kysytään enintään kerran näin monessa päivässä",
    },
    ScheduleGapHint => { en: "0 turns this limit off.", fi: "0 poistaa rajan käytöstä." },
    ScheduleFirstReminder => {
        en: "First reminder to customers (days after the survey)",
        fi: "Ensimmäinen muistutus asiakkaalle (päivää kyselyn jälkeen)",
    },
    ScheduleSecondReminder => {
        en: "Second reminder (days after the survey)",
        fi: "Toinen muistutus (päivää kyselyn jälkeen)",
    },
    ScheduleRemindersHint => {
        en: "Customers who have not answered are reminded at most twice.",
        fi: "Vastaamattomia asiakkaita muistutetaan enintään kahdesti.",
    },
    ScheduleDefaultsTitle => { en: "Default cycles", fi: "Oletussyklit" },
    ScheduleDefaultsIntro => {
        en: "An account without a cycle of its own follows the first default for its stage, or else the first for one of its segments.",
        fi: "Asiakkuus ilman omaa sykliä noudattaa ensimmäistä vaiheensa oletusta tai muuten ensimmäistä jonkin segmenttinsä oletusta.",
    },
    ScheduleDefaultsEmpty => {
        en: "No default cycles: only accounts with a cycle of their own are surveyed on a schedule.",
        fi: "Ei oletussyklejä: ajastettuja kyselyitä lähetetään vain asiakkuuksille, joilla on oma sykli.",
    },
    DefaultAppliesTo => { en: "Applies to", fi: "Koskee" },
    DefaultSegmentOption => { en: "A segment…", fi: "Segmenttiä…" },
    DefaultSegment => { en: "Segment", fi: "Segmentti" },
    DefaultAdd => { en: "Add a default cycle", fi: "Lisää oletussykli" },
    DefaultRemoveConfirm => {
        en: "Remove this default cycle? Once you save, accounts that follow it are no longer surveyed by it.",
        fi: "Poistetaanko tämä oletussykli? Kun tallennat, sitä noudattaville asiakkuuksille ei enää lähetetä kyselyitä sen mukaan.",
    },
    DefaultRowsInvalid => {
        en: "A default cycle needs fixing. Check the fields marked below.",
        fi: "Oletussykli vaatii korjausta. Tarkista alla merkityt kentät.",
    },

    // Mail delivery (the team page's outbox)
    DeliveryPending => { en: "Waiting", fi: "Odottaa" },
    DeliverySending => { en: "Sending", fi: "Lähetetään" },
    DeliverySent => { en: "Sent", fi: "Lähetetty" },
    DeliveryFailed => { en: "Failed, will retry", fi: "Epäonnistui, yritetään uudelleen" },
    DeliveryGaveUp => { en: "Not sent: gave up", fi: "Ei lähetetty: yritykset lopetettu" },
    OutboxNoMailServer => {
        en: "No mail server is configured: messages stay here and are not sent.",
        fi: "Sähköpostipalvelinta ei ole määritetty: viestit jäävät tänne eikä niitä lähetetä.",
    },
    OutboxNextAttempt => { en: "Next attempt", fi: "Seuraava yritys" },
    OutboxSentAt => { en: "Sent", fi: "Lähetetty" },
    OutboxLastError => { en: "Last error", fi: "Viimeisin virhe" },

    // Combined account view
    AccountNotScored => { en: "Not scored yet", fi: "Ei vielä arviota" },
    PeriodShowAll => { en: "Show all months", fi: "Näytä kaikki kuukaudet" },
    NextStepsTitle => { en: "What to do next", fi: "Mitä seuraavaksi" },
    NextStepsEmpty => {
        en: "Nothing waiting: no open actions, and every development point has an action.",
        fi: "Ei odottavaa: avoimia toimenpiteitä ei ole, ja jokaisesta kehityskohteesta on tehty toimenpide.",
    },
    StepOverdueAction => { en: "Overdue action", fi: "Myöhässä oleva toimenpide" },
    StepActionDueSoon => { en: "Action due within a week", fi: "Toimenpide erääntyy viikon sisällä" },
    StepOpenAction => { en: "Open action", fi: "Avoin toimenpide" },
    StepRiskyPoint => {
        en: "Development point from an unhappy customer, no action yet",
        fi: "Tyytymättömän asiakkaan kehityskohde, ei vielä toimenpidettä",
    },
    StepOpenPoint => { en: "Development point, no action yet", fi: "Kehityskohde, ei vielä toimenpidettä" },
    StepNoOwner => { en: "Nobody assigned", fi: "Ei vastuuhenkilöä" },
    ActionCreate => { en: "Create action", fi: "Luo toimenpide" },
    ActionNew => { en: "New action", fi: "Uusi toimenpide" },
    ActionText => { en: "What is to be done", fi: "Mitä tehdään" },
    ActionSave => { en: "Save action", fi: "Tallenna toimenpide" },
    ActionAssign => { en: "Assign", fi: "Vastuu ja määräpäivä" },
    ActionDueInPast => { en: "The due date is already past.", fi: "Määräpäivä on jo mennyt." },
    ActionDueInvalid => { en: "Give the due date as a date.", fi: "Anna määräpäivä päivämääränä." },
    ActionNotQueued => {
        en: "This device could not store the action. What you typed is still in the form.",
        fi: "Laite ei pystynyt tallentamaan toimenpidettä. Kirjoittamasi on yhä lomakkeella.",
    },
    ActionFromPoint => { en: "From a customer's development point", fi: "Asiakkaan kehityskohteesta" },
    PointsTitle => { en: "Development points and actions", fi: "Kehityskohteet ja toimenpiteet" },
    PointsHeading => { en: "Development points", fi: "Kehityskohteet" },
    PointsEmpty => {
        en: "No development points in the customers' answers yet.",
        fi: "Asiakkaiden vastauksissa ei ole vielä kehityskohteita.",
    },
    PointActionMade => { en: "Action made of it:", fi: "Tästä tehty toimenpide:" },
    PointRisky => { en: "Unhappy customer", fi: "Tyytymätön asiakas" },
    NotAPoint => { en: "Not a point", fi: "Ei kehityskohde" },
    NotAPointConfirm => {
        en: "Dismiss this as not a development point? It leaves what to do next, and later answers saying the same are not taken for one.",
        fi: "Merkitäänkö tämä muuksi kuin kehityskohteeksi? Se poistuu seuraavista askelista, eikä samaa sanovia myöhempiä vastauksia enää tulkita kehityskohteiksi.",
    },
    PointWaiting => { en: "Action waiting to sync", fi: "Toimenpide odottaa synkronointia" },
    TrendsTitle => { en: "How it developed", fi: "Kehitys" },
    TrendsNps => { en: "NPS by month", fi: "NPS kuukausittain" },
    TrendsNpsAnswers => { en: "Answers", fi: "Vastauksia" },
    TrendsNpsAnswersNote => { en: "The number by each point: how many answers its NPS rests on (those of the {d} days before the month's end).", fi: "Luku pisteen vieressä kertoo, moneenko vastaukseen NPS perustuu (kuukauden loppua edeltäneiden {d} päivän vastaukset)." },
    TrendsHealth => { en: "Health by month", fi: "Terveys kuukausittain" },
    SavedViews => { en: "Saved views", fi: "Tallennetut näkymät" },
    SavedViewsEmpty => {
        en: "No saved views yet. Choose filters and a sort, then save them here under a name.",
        fi: "Tallennettuja näkymiä ei vielä ole. Valitse suodattimet ja järjestys ja tallenna ne tähän nimellä.",
    },
    SavedViewName => { en: "Name this view", fi: "Anna näkymälle nimi" },
    SavedViewSave => { en: "Save view", fi: "Tallenna näkymä" },
    SavedViewSaved => { en: "Saved: {name}", fi: "Tallennettu: {name}" },
    SavedViewOpen => { en: "Open the view {name}", fi: "Avaa näkymä {name}" },
    SavedViewDelete => { en: "Delete", fi: "Poista" },
    SavedViewDeleteLabel => { en: "Delete the view {name}", fi: "Poista näkymä {name}" },
    SavedViewDeleteConfirm => { en: "Delete the saved view “{name}”?", fi: "Poistetaanko tallennettu näkymä ”{name}”?" },
    TrendsViews => { en: "Customer vs team by month", fi: "Asiakas vs. tiimi kuukausittain" },
    TrendsViewCustomer => { en: "Customer's view", fi: "Asiakkaan näkemys" },
    TrendsViewTeam => { en: "Team's view", fi: "Tiimin näkemys" },
    TrendsViewsNote => {
        en: "The customer's view comes from NPS and ratings, the team's from the relationship health and churn risk it reports, both on 0–100. When the customer is {p} points or more above the team, the account is flagged: customer happy, team worried.",
        fi: "Asiakkaan näkemys tulee NPS:stä ja arvosanoista, tiimin näkemys sen arvioimasta asiakassuhteen terveydestä ja poistumariskistä, kumpikin asteikolla 0–100. Kun asiakas on vähintään {p} pistettä tiimiä edellä, asiakas merkitään: asiakas tyytyväinen, tiimi huolissaan.",
    },
    TrendsEmpty => {
        en: "No figures from the last 24 months yet.",
        fi: "Viimeisiltä 24 kuukaudelta ei ole vielä lukuja.",
    },
    ChartShowNumbers => { en: "Show the numbers", fi: "Näytä luvut" },
    ChartMonth => { en: "Month", fi: "Kuukausi" },
    ExpectationsTitle => { en: "Expectations and how they were met", fi: "Odotukset ja niiden täyttyminen" },
    ExpectationsIntro => {
        en: "How much each aspect matters to the customer, and how well we do on it, from 1 to 5.",
        fi: "Kuinka tärkeä kukin osa-alue on asiakkaalle ja kuinka hyvin onnistumme siinä, asteikolla 1–5.",
    },
    ExpectationsEmpty => {
        en: "No expectations survey answered yet.",
        fi: "Odotuskyselyyn ei ole vielä vastattu.",
    },
    ExpectationsAspect => { en: "Aspect", fi: "Osa-alue" },
    ExpectationsExpected => { en: "Expected", fi: "Odotus" },
    ExpectationsFulfilled => { en: "Fulfilled", fi: "Toteutuma" },
    ExpectationsShortfall => { en: "Shortfall", fi: "Vaje" },
    ExpectationsMet => { en: "Met", fi: "Täyttyi" },
    TimelineTitle => {
        en: "What the customer said, and what the team thinks",
        fi: "Mitä asiakas sanoi ja mitä tiimi ajattelee",
    },
    TimelineOlder => { en: "Show older entries", fi: "Näytä vanhemmat tapahtumat" },
    TimelineEmpty => { en: "No answers or counter-feedback yet.", fi: "Ei vielä vastauksia eikä vastapalautetta." },
    TimelineNoFeedback => {
        en: "No counter-feedback on this answer yet.",
        fi: "Tähän vastaukseen ei ole vielä vastapalautetta.",
    },
    TimelineOwnInitiative => {
        en: "Given on the team's own initiative, not on an answer.",
        fi: "Annettu tiimin omasta aloitteesta, ei vastaukseen.",
    },
    LabelsTitle => { en: "Themes and churn causes over time", fi: "Teemat ja poistumasyyt ajan mittaan" },
    LabelsEmpty => {
        en: "No themes or churn causes found yet.",
        fi: "Teemoja tai poistumasyitä ei ole vielä löytynyt.",
    },
    LabelsThemes => {
        en: "Themes in the customers' answers (answers per quarter)",
        fi: "Teemat asiakkaiden vastauksissa (vastauksia neljänneksittäin)",
    },
    LabelsCauses => {
        en: "Churn causes: in the customers' answers / in the team's counter-feedback",
        fi: "Poistumasyyt: asiakkaiden vastauksissa / tiimin vastapalautteessa",
    },
    LabelsQuarter => { en: "Quarter", fi: "Neljännes" },

    // Initiatives
    NavInitiatives => { en: "Initiatives", fi: "Kehityshankkeet" },
    InitiativesTitle => { en: "Initiatives", fi: "Kehityshankkeet" },
    InitiativesIntro => {
        en: "Improvements across accounts, ranked by the revenue at risk of the accounts they touch.",
        fi: "Asiakkaiden yli ulottuvat parannukset, järjestettynä niiden koskettamien asiakkaiden riskissä olevan liikevaihdon mukaan.",
    },
    InitiativesEmpty => {
        en: "No initiatives yet.",
        fi: "Kehityshankkeita ei vielä ole.",
    },
    InitiativesList => { en: "Initiatives by revenue at risk", fi: "Hankkeet riskissä olevan liikevaihdon mukaan" },
    InitiativeAccounts => { en: "{n} accounts", fi: "{n} asiakasta" },
    InitiativeAtRisk => { en: "{eur} at risk", fi: "{eur} riskissä" },
    InitiativeOwner => { en: "Owner", fi: "Vastuuhenkilö" },
    InitiativeNoOwner => { en: "No owner", fi: "Ei vastuuhenkilöä" },
    InitiativeBack => { en: "All initiatives", fi: "Kaikki hankkeet" },
    InitiativeTitle => { en: "Initiative", fi: "Kehityshanke" },
    SuggestionsTitle => { en: "Suggestions", fi: "Ehdotukset" },
    SuggestionsIntro => {
        en: "Themes and churn causes that customers or the team raised in three or more accounts within 180 days.",
        fi: "Teemat ja poistumasyyt, jotka asiakkaat tai tiimi ovat nostaneet esiin vähintään kolmessa asiakkuudessa 180 päivän aikana.",
    },
    SuggestionsEmpty => {
        en: "Nothing recurs across accounts right now.",
        fi: "Mikään ei juuri nyt toistu asiakkuuksien yli.",
    },
    SuggestionMentions => {
        en: "{customers} answers and {team} counter-feedback in {n} accounts",
        fi: "{customers} vastausta ja {team} vastapalautetta {n} asiakkuudessa",
    },
    SuggestionValue => {
        en: "Annual value {value}, at risk {risk}",
        fi: "Vuosiarvo {value}, riskissä {risk}",
    },
    SuggestionNpsImpact => {
        en: "NPS impact {impact} (all answers {all}, without these {without})",
        fi: "NPS-vaikutus {impact} (kaikki vastaukset {all}, ilman näitä {without})",
    },
    SuggestionTakeUp => { en: "Take up", fi: "Ota työn alle" },
    SuggestionDismiss => { en: "Dismiss", fi: "Hylkää" },
    SuggestionDismissConfirm => {
        en: "Dismiss this suggestion? It will not be suggested again.",
        fi: "Hylätäänkö ehdotus? Sitä ei ehdoteta uudelleen.",
    },
    TopicTheme => { en: "Theme", fi: "Teema" },
    TopicCause => { en: "Churn cause", fi: "Poistumasyy" },
    InitiativeStatusProposed => { en: "Proposed", fi: "Ehdotettu" },
    InitiativeStatusPlanned => { en: "Planned", fi: "Suunniteltu" },
    InitiativeStatusInProgress => { en: "In progress", fi: "Työn alla" },
    InitiativeStatusDone => { en: "Done", fi: "Valmis" },
    InitiativeStatusDropped => { en: "Dropped", fi: "Hylätty" },
    InitiativeMoveTo => { en: "Mark as {status}", fi: "Merkitse tilaan {status}" },
    InitiativeDrop => { en: "Drop", fi: "Hylkää hanke" },
    InitiativeNote => { en: "Note for the history (optional)", fi: "Huomio historiaan (valinnainen)" },
    InitiativeHistory => { en: "Status history", fi: "Tilahistoria" },
    InitiativeHistoryEntry => { en: "{status} — {by}, {at}", fi: "{status} — {by}, {at}" },
    InitiativeEvidence => { en: "Evidence", fi: "Näyttö" },
    InitiativeEvidenceAccounts => { en: "Accounts", fi: "Asiakkuudet" },
    InitiativeEvidenceAnswers => { en: "Customers' answers", fi: "Asiakkaiden vastaukset" },
    InitiativeEvidenceTeam => { en: "The team's counter-feedback", fi: "Tiimin vastapalaute" },
    InitiativeEvidenceCases => { en: "Cases", fi: "Tapaukset" },
    InitiativeEvidencePoints => { en: "Development points", fi: "Kehityskohteet" },
    InitiativeNoEvidence => { en: "No linked evidence you can see.", fi: "Ei linkitettyä näyttöä, jonka voisit nähdä." },
    InitiativeNew => { en: "New initiative", fi: "Uusi kehityshanke" },
    InitiativeCreate => { en: "Create initiative", fi: "Luo kehityshanke" },
    InitiativeEdit => { en: "Edit initiative", fi: "Muokkaa kehityshanketta" },
    InitiativeFieldTitle => { en: "Title", fi: "Otsikko" },
    InitiativeFieldDescription => { en: "Description", fi: "Kuvaus" },
    InitiativeFieldTopics => { en: "Topics", fi: "Aiheet" },
    InitiativeFieldThemes => { en: "Themes", fi: "Teemat" },
    InitiativeFieldCauses => { en: "Churn causes", fi: "Poistumasyyt" },
    InitiativeFieldAccounts => { en: "Accounts", fi: "Asiakkuudet" },
    InitiativeNoAccounts => { en: "There are no accounts yet.", fi: "Asiakkuuksia ei vielä ole." },
    InitiativeFieldCheckDays => { en: "Check window (days)", fi: "Arviointijakso (päivää)" },
    InitiativeCheckDaysHint => {
        en: "“Did it work?” compares this many days before the initiative is done with as many after: {min} to {max} days, {default} unless you change it.",
        fi: "”Toimiko se?” vertaa näin monta päivää ennen hankkeen valmistumista yhtä moneen päivään sen jälkeen: {min}–{max} päivää, oletuksena {default}.",
    },
    InitiativeCheckDaysFixed => {
        en: "The initiative is done, so its check window is fixed: the check is measured over it.",
        fi: "Hanke on valmis, joten sen arviointijakso on lukittu: vaikutus arvioidaan sen mukaan.",
    },
    InitiativeKeepsEvidence => {
        en: "The evidence linked to it (answers, counter-feedback, cases, development points) stays as it is.",
        fi: "Siihen linkitetty näyttö (vastaukset, vastapalaute, tapaukset, kehityskohteet) säilyy ennallaan.",
    },
    InitiativeOwnerInactive => {
        en: "Choose someone who is an active user of the organisation.",
        fi: "Valitse henkilö, joka on organisaation aktiivinen käyttäjä.",
    },
    InitiativeChoiceGone => {
        en: "Something chosen here is no longer in the organisation. Reload the page and choose again.",
        fi: "Jokin tässä valittu ei enää kuulu organisaatioon. Lataa sivu uudelleen ja valitse uudelleen.",
    },
    InitiativeWindowFixed => {
        en: "The check window is fixed once the initiative is done.",
        fi: "Arviointijakso on lukittu, kun hanke on valmis.",
    },
    CheckTitle => { en: "Did it work?", fi: "Toimiko se?" },
    CheckWindow => {
        en: "{days} days before the initiative was done against {days} days after, in the accounts it touches.",
        fi: "{days} päivää ennen hankkeen valmistumista verrattuna {days} päivään sen jälkeen hankkeen koskettamissa asiakkuuksissa.",
    },
    CheckRule => {
        en: "Worked: the topic's share of answers fell by 10 points or NPS rose by 10, and neither went the other way as much. Each side needs {n} answers.",
        fi: "Toimi: aiheen osuus vastauksista laski 10 prosenttiyksikköä tai NPS nousi 10, eikä kumpikaan muuttunut yhtä paljon huonompaan suuntaan. Kummallakin puolella tarvitaan {n} vastausta.",
    },
    CheckBefore => { en: "Before", fi: "Ennen" },
    CheckAfter => { en: "After", fi: "Jälkeen" },
    CheckAnswers => { en: "Answers", fi: "Vastauksia" },
    CheckShare => { en: "Mentioning the topic", fi: "Mainitsee aiheen" },
    CheckNps => { en: "NPS (answers)", fi: "NPS (vastauksia)" },
    VerdictWaiting => { en: "Waiting: the window after ends {at}", fi: "Odottaa: jakso päättyy {at}" },
    VerdictWorked => { en: "Worked", fi: "Toimi" },
    VerdictNoChange => { en: "No change", fi: "Ei muutosta" },
    VerdictTooLittleData => { en: "Too little data for a verdict", fi: "Liian vähän tietoa arvioon" },
}

/// A reactive text for `msg` in the current language, for use in views.
pub fn t(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_app().lang;
    move || msg.text(lang.get())
}

/// A name core gives in each language (`Role::label`, `Stage::label`), reactively:
/// server and app say it alike.
pub fn label<T: Copy + Send + Sync + 'static>(
    value: T,
    label: fn(T, Lang) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_app().lang;
    move || label(value, lang.get())
}

/// A message with `{name}`-style slots filled.
pub fn fill(lang: Lang, msg: Msg, slots: &[(&str, &str)]) -> String {
    slots.iter().fold(msg.text(lang).to_string(), |text, (slot, value)| {
        text.replace(&format!("{{{slot}}}"), value)
    })
}

/// The current language, reactively.
pub fn use_lang() -> Signal<Lang> {
    use_app().lang.into()
}

#[cfg(test)]
mod glossary;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_follow_the_language() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        assert_eq!(date(Lang::Fi, &at), "23.11.2026");
        assert_eq!(date(Lang::En, &at), "23 Nov 2026");
    }

    #[test]
    fn a_month_heading_starts_capitalised_in_both_languages() {
        let june = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        assert_eq!(month_year(Lang::Fi, june), "Kesäkuu 2026");
        assert_eq!(month_year(Lang::En, june), "June 2026");
    }

    #[test]
    fn euros_group_thousands_the_local_way() {
        assert_eq!(euros(Lang::En, 1_234_567), "€1,234,567");
        assert_eq!(euros(Lang::Fi, 120_000), "120\u{a0}000\u{a0}€");
        assert_eq!(euros(Lang::En, 999), "€999");
    }

    #[test]
    fn rate_limits_round_up_to_minutes() {
        let detail = kaiku_core::ApiErrorDetail {
            code: ErrorCode::RateLimited,
            message: String::new(),
            field: None,
            retry_after_secs: Some(61),
        };
        assert_eq!(
            failure(Lang::En, &ApiFailure::Api(detail)),
            "Too many attempts. Try again in 2 minutes."
        );
    }

    #[test]
    fn heatmap_values_follow_the_language() {
        use kaiku_core::heatmap::Signal;
        let value = |lang, signal, v| signal_value(lang, signal, Some(v));
        assert_eq!(value(Lang::Fi, Signal::Health, 62.4), "62");
        assert_eq!(value(Lang::En, Signal::Nps, 35.0), "+35");
        assert_eq!(value(Lang::Fi, Signal::TeamHealth, 3.44), "3,4");
        assert_eq!(value(Lang::En, Signal::TeamHealth, 3.44), "3.4");
        assert_eq!(value(Lang::En, Signal::ChurnRisk, 2.0), "High");
        assert_eq!(value(Lang::Fi, Signal::Gap, 42.0), "+42");
        assert_eq!(value(Lang::Fi, Signal::Trend, -12.0), "\u{2212}12");
        assert_eq!(value(Lang::En, Signal::Trend, -0.2), "0");
        assert_eq!(value(Lang::Fi, Signal::ResponseRate, 66.7), "67\u{a0}%");
        assert_eq!(value(Lang::Fi, Signal::ExpectationGap, 0.8), "+0,8");
        assert_eq!(value(Lang::Fi, Signal::RevenueAtRisk, 60_000.0), "60\u{a0}000\u{a0}€");
        assert_eq!(signal_value(Lang::En, Signal::Nps, None), "—");
    }

    #[test]
    fn heatmap_periods_read_as_dates() {
        assert_eq!(period_label(Lang::En, "2026-05"), "May 2026");
        assert_eq!(period_label(Lang::Fi, "2026-05"), "5/2026");
        assert_eq!(period_label(Lang::En, "2026-Q2"), "Q2 2026");
        assert_eq!(
            evidence_period(Lang::En, Some("2026-05"), Some("2026-05"), 180),
            "May 2026"
        );
        assert_eq!(
            evidence_period(Lang::Fi, Some("2026-Q2"), Some("2026-06"), 180),
            "Q2/2026, tilanne kesäkuu 2026"
        );
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(signed(Lang::En, 20.4, 0), "+20");
        assert_eq!(signed(Lang::Fi, -20.0, 0), "\u{2212}20");
        assert_eq!(signed(Lang::En, -0.3, 0), "0");
        assert_eq!(decimal(Lang::Fi, 3.45, 1), "3,5");
        assert_eq!(decimal(Lang::En, 3.0, 1), "3.0");
        assert_eq!(quarter(Lang::En, "2026-Q2"), "Q2 2026");
        assert_eq!(quarter(Lang::Fi, "2026-Q2"), "Q2/2026");
        assert_eq!(ago(Lang::En, 0), "New today");
        assert_eq!(ago(Lang::En, 20), "Open for 2 weeks");
        assert_eq!(ago(Lang::Fi, 90), "Avoinna 3 kuukautta");
    }

    #[test]
    fn the_views_chart_says_how_far_apart_the_latest_month_is() {
        assert_eq!(
            views_chart_desc(
                Lang::En,
                "December 2024",
                "November 2026",
                Some(("November 2026", 85.0, 20.0))
            ),
            "The customer's view and the team's, both 0–100, December 2024 to November 2026; in November 2026 the customer 85, the team 20, 65 points apart."
        );
        assert_eq!(
            views_chart_desc(Lang::Fi, "Joulukuu 2024", "Marraskuu 2026", None),
            "Asiakkaan ja tiimin näkemys, kumpikin asteikolla 0–100, joulukuu 2024 – marraskuu 2026; kummankin näkemystä ei vielä ole yhdeltäkään kuukaudelta."
        );
    }

    #[test]
    fn a_month_summary_names_its_figures() {
        use kaiku_core::evidence::{Month, SignalValues};
        use kaiku_core::health::RiskBand;
        let month = Month { year: 2026, month: 5 };
        let point = kaiku_core::overview::MonthPoint {
            month: "2026-05".into(),
            values: SignalValues {
                health: Some(62.0),
                band: Some(RiskBand::Medium),
                nps: Some(20.0),
                team_health: None,
                team_risk: None,
                gap: None,
                trend: None,
                response_rate: None,
                expectation_gap: None,
            },
            responses: 2,
            nps_respondents: 3,
            customer_view: None,
            team_view: None,
        };
        assert_eq!(
            period_summary(Lang::En, month, Some(&point)),
            "May 2026: health 62/100, medium churn risk, NPS +20, 2 responses."
        );
        assert!(period_summary(Lang::En, month, None).starts_with("No figures for May 2026"));
    }

    #[test]
    fn the_gap_flag_quotes_both_sides() {
        use kaiku_core::counterfeedback::ChurnRisk;
        assert_eq!(
            timeline_gap(Lang::En, Some("9/10"), Some((ChurnRisk::High, 2)), 52.4),
            "Customer happy, team worried: 9/10 vs high churn risk (relationship health 2/5), 52 points apart."
        );
        assert_eq!(
            timeline_gap(Lang::Fi, None, None, 40.0),
            "Asiakas tyytyväinen, tiimi huolissaan: 40 pisteen ero."
        );
    }
}
