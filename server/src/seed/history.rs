//! Made-up but lifelike account histories: quarterly rounds answered (or not) in each
//! contact's language, counter-feedback from the account team, and the actions it led
//! to. Each account follows a story — thriving, steady, recovering, declining, quietly
//! deteriorating (the customer still says 9/10 while the team sees trouble), critical —
//! so the heatmap and the account pages tell something on first start. The benchmark
//! uses the same generator for thousands of accounts.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kaiku_core::account::{AccountInput, ContactInput};
use kaiku_core::analysis::Model;
use kaiku_core::counterfeedback::{ActionStatus, ChurnRisk};
use kaiku_core::survey::{self, Answer, TemplateView};
use kaiku_core::{ChurnCause, Lang, Stage};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use surrealdb::types::RecordId;

use crate::service::analysis::analyse_answers;
use crate::service::secrets::hash_token;
use crate::state::AppState;
use crate::store::contacts::ContactRow;
use crate::store::counterfeedback::{ActionRow, CounterFeedbackRow};
use crate::store::history::{History, HistoryLink, HistoryRound};
use crate::store::{key_of, new_id};

/// What to make up.
pub struct Plan {
    pub accounts: usize,
    /// How far back the history goes.
    pub months: u32,
    /// The same seed makes the same history.
    pub seed: u64,
    /// Former accounts, on top of `accounts`: their histories end between three months
    /// and two years ago, when they left or their project ended (see `seed::outcomes`).
    pub former: usize,
}

/// An account made up, with what its story needs to know about its outcome.
pub struct Made {
    pub id: RecordId,
    pub story: Story,
    pub annual_value_eur: i64,
    /// The first relationship round.
    pub first: DateTime<Utc>,
    /// When a former account's history ended; `None` for an account still served.
    pub ended: Option<DateTime<Utc>>,
}

/// Who may lead and work on the accounts.
pub struct People<'a> {
    /// Leads, in turn.
    pub leads: &'a [RecordId],
    /// Team members, two per account.
    pub team: &'a [RecordId],
    /// Who starts the rounds.
    pub admin: &'a RecordId,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Story {
    Thriving,
    Steady,
    Recovering,
    Declining,
    /// The customer keeps saying 9/10; the team sees the relationship wither.
    QuietlyDeteriorating,
    Critical,
}

impl Story {
    /// Stories by share of accounts, out of 40.
    const MIX: [(Story, u32); 6] = [
        (Story::Thriving, 10),
        (Story::Steady, 12),
        (Story::Recovering, 4),
        (Story::Declining, 6),
        (Story::QuietlyDeteriorating, 5),
        (Story::Critical, 3),
    ];

    fn of(index: usize) -> Story {
        Story::from_mix(&Story::MIX, index)
    }

    /// The story of slot `index` when accounts are dealt out by `mix`, round after round.
    fn from_mix(mix: &[(Story, u32)], index: usize) -> Story {
        let total: u32 = mix.iter().map(|(_, n)| n).sum();
        let mut slot = u32::try_from(index).unwrap_or(0) % total.max(1);
        for &(story, n) in mix {
            if slot < n {
                return story;
            }
            slot -= n;
        }
        Story::Steady
    }

    /// The customer's mood, 0 (leaving) to 1 (delighted), `t` from 0 (then) to 1 (now).
    fn customer(self, t: f64) -> f64 {
        match self {
            Story::Thriving => 0.9,
            Story::Steady => 0.7,
            Story::Recovering => 0.35 + 0.5 * t,
            Story::Declining => 0.85 - 0.6 * t,
            Story::QuietlyDeteriorating => 0.93,
            Story::Critical => 0.25,
        }
    }

    /// How the team sees it.
    fn team(self, t: f64) -> f64 {
        match self {
            Story::Thriving => 0.88,
            Story::Steady => 0.68,
            Story::Recovering => 0.3 + 0.55 * t,
            Story::Declining => 0.8 - 0.6 * t,
            Story::QuietlyDeteriorating => 0.8 - 0.65 * t,
            Story::Critical => 0.15,
        }
    }

    /// The chance a contact answers: silence grows where things go wrong.
    fn answer_rate(self, t: f64) -> f64 {
        match self {
            Story::Thriving => 0.85,
            Story::Steady => 0.7,
            Story::Recovering => 0.55 + 0.3 * t,
            Story::Declining => 0.85 - 0.45 * t,
            Story::QuietlyDeteriorating => 0.8 - 0.55 * t,
            Story::Critical => 0.5,
        }
    }

    /// Former accounts by story, out of 14: most that left were seen leaving (critical,
    /// declining, the team worried); two steady ones left without a warning (the
    /// misses), and two thriving projects simply ended as planned.
    const FORMER_MIX: [(Story, u32); 5] = [
        (Story::Critical, 3),
        (Story::Declining, 4),
        (Story::QuietlyDeteriorating, 3),
        (Story::Steady, 2),
        (Story::Thriving, 2),
    ];

    fn former(index: usize) -> Story {
        Story::from_mix(&Story::FORMER_MIX, index)
    }

    /// What the team names when it sees risk.
    pub fn causes(self) -> &'static [ChurnCause] {
        match self {
            Story::QuietlyDeteriorating => &[ChurnCause::NeedsChanged, ChurnCause::CompetitorsAhead],
            Story::Declining => &[ChurnCause::VoiceLost, ChurnCause::PromiseVsDelivery],
            Story::Critical => &[ChurnCause::ComplaintHandling, ChurnCause::PromiseVsDelivery],
            _ => &[ChurnCause::NotEngaging],
        }
    }
}

const FIRST: [&str; 20] = [
    "Nordic",
    "Baltic",
    "Aurora",
    "Kide",
    "Revontuli",
    "Saimaa",
    "Polar",
    "Lumo",
    "Aalto",
    "Helmi",
    "Kajo",
    "Tammi",
    "Vire",
    "Sisu",
    "Halla",
    "Kuura",
    "Tuuli",
    "Meri",
    "Kallio",
    "Usva",
];
const SECOND: [&str; 14] = [
    "Retail",
    "Logistics",
    "Health",
    "Energy",
    "Foods",
    "Media",
    "Finance",
    "Games",
    "Travel",
    "Housing",
    "Mobility",
    "Learning",
    "Insurance",
    "Telecom",
];
const SUFFIX: [&str; 4] = ["Oy", "Ab", "Oyj", "Ltd"];
const SEGMENTS: [&str; 4] = ["growth marketing", "platform rebuild", "brand", "data & analytics"];
const PEOPLE_FI: [(&str, &str); 8] = [
    ("Sanna", "Saarinen"),
    ("Olli", "Ojala"),
    ("Kaisa", "Koskinen"),
    ("Jukka", "Heikkinen"),
    ("Tiina", "Laine"),
    ("Mikko", "Virtanen"),
    ("Anna", "Mäkelä"),
    ("Petri", "Nieminen"),
];
const PEOPLE_EN: [(&str, &str); 8] = [
    ("Erik", "Lund"),
    ("Emma", "Berg"),
    ("James", "Carter"),
    ("Sofia", "Lindqvist"),
    ("Lars", "Holm"),
    ("Grace", "Miller"),
    ("Nils", "Ek"),
    ("Hannah", "Wood"),
];
const TITLES: [&str; 5] = ["CMO", "CTO", "CEO", "Head of Digital", "Marketing Manager"];

/// Comments by mood: (Finnish, English).
const PRAISE: [(&str, &str); 6] = [
    (
        "Tiimi on sitoutunut ja ehdotukset ovat olleet erinomaisia.",
        "The team is committed and the proposals have been excellent.",
    ),
    (
        "Projektipäällikkö pitää meidät ajan tasalla joka viikko, kiitos siitä.",
        "The project manager keeps us up to date every week, thank you for that.",
    ),
    (
        "Julkaisu onnistui sovitussa aikataulussa ja laatu oli hyvä.",
        "The launch happened on schedule and the quality was good.",
    ),
    (
        "Olemme erittäin tyytyväisiä yhteistyöhön.",
        "We are very happy with the collaboration.",
    ),
    (
        "Raportit ovat selkeitä ja niistä on oikeasti hyötyä johtoryhmälle.",
        "The reports are clear and genuinely useful for our management team.",
    ),
    (
        "Asiantuntemus näkyy kaikessa tekemisessä.",
        "The expertise shows in everything you do.",
    ),
];
const MIXED: [(&str, &str); 5] = [
    (
        "Työ on hyvää, mutta toivoisimme viikoittaisen tilannekatsauksen.",
        "The work is good, but we would like a weekly status update.",
    ),
    (
        "Laskut tulevat usein myöhässä, toivoisin että ne tulisivat kuun alussa.",
        "Invoices often arrive late, I wish they came at the start of the month.",
    ),
    (
        "Aikataulut ovat välillä venyneet, kertokaa muutoksista ajoissa.",
        "Schedules have slipped at times, please tell us about changes in good time.",
    ),
    (
        "Palaverit voisivat olla lyhyempiä ja paremmin valmisteltuja.",
        "Meetings could be shorter and better prepared.",
    ),
    (
        "Toivoisin, että ehdotukset perustuisivat enemmän meidän dataamme.",
        "I wish the proposals were based more on our own data.",
    ),
];
const COMPLAINTS: [(&str, &str); 6] = [
    (
        "Myynnissä luvattiin oma suunnittelija, mutta käytännössä tekijä vaihtuu joka kerta.",
        "We were promised a dedicated designer in the sales process, but in practice it is someone new every time.",
    ),
    (
        "Ilmoitimme samasta virheestä kolme kertaa eikä sitä ole vieläkään korjattu.",
        "We reported the same bug three times and it is still not fixed.",
    ),
    (
        "Viesteihin vastataan vasta monen päivän päästä, se on aivan liian hidasta.",
        "It takes days to get an answer to an email, which is far too slow.",
    ),
    (
        "En ole tyytyväinen viestintään: projektipäällikkö vaihtui eikä kukaan kertonut meille.",
        "I am not happy with the communication: the project manager changed and nobody told us.",
    ),
    (
        "Toinen toimisto tarjosi samaa työtä selvästi halvemmalla.",
        "Another agency offered the same work for clearly less money.",
    ),
    (
        "Liiketoimintamme on muuttunut eikä nykyinen palvelu enää vastaa tarpeitamme.",
        "Our business has changed and the current service no longer fits our needs.",
    ),
];
const WISHES: [(&str, &str); 3] = [
    (
        "Voisitteko auttaa myös verkkokaupan uudistuksessa ensi vuonna?",
        "Could you also help with rebuilding our online store next year?",
    ),
    (
        "Olisimme kiinnostuneita analytiikkakoulutuksesta tiimillemme.",
        "We would be interested in analytics training for our team.",
    ),
    (
        "Tarvitsisimme apua myös Ruotsin markkinoille laajentumisessa.",
        "We could use help expanding to the Swedish market too.",
    ),
];
/// What the team sees behind the scenes, by how worried it is: (Finnish, English).
const BEHIND_CALM: [(&str, &str); 3] = [
    (
        "Asiakas on tyytyväinen ja suunnittelee jatkoa ensi vuodelle.",
        "The customer is happy and planning a follow-up project for next year.",
    ),
    (
        "Yhteistyö sujuu, päätöksiä saadaan nopeasti.",
        "Things run smoothly, decisions come quickly.",
    ),
    (
        "Uusi yhteyshenkilö on päässyt hyvin mukaan.",
        "The new contact person has settled in well.",
    ),
];
const BEHIND_WORRIED: [(&str, &str); 5] = [
    (
        "Heillä on uusi johtaja, joka haluaa vähentää kumppaneiden määrää.",
        "They have a new director who wants fewer partners.",
    ),
    (
        "Kuulimme, että kilpailija on käynyt esittelemässä heille halvempaa mallia.",
        "We heard a competitor pitched them a cheaper model.",
    ),
    (
        "Budjettipalaverissa meidän osuutemme kyseenalaistettiin.",
        "Our share was questioned in their budget meeting.",
    ),
    (
        "Yhteyshenkilö vastaa yhä harvemmin, päätökset viivästyvät.",
        "The contact answers less and less often and decisions are delayed.",
    ),
    (
        "Heidän tarpeensa ovat siirtyneet datan suuntaan, meidän tarjoomamme ei ole seurannut.",
        "Their needs have moved towards data and our offering has not followed.",
    ),
];
const CHANGES: [(&str, &str); 5] = [
    ("Viikoittainen tilannekatsaus sähköpostilla", "Weekly status email"),
    (
        "Johdon tapaaminen asiakkaan kanssa",
        "Leadership meeting with the customer",
    ),
    ("Nimetty suunnittelija projektille", "A named designer for the project"),
    ("Laskutus kuun alkuun", "Invoicing at the start of the month"),
    (
        "Ehdotus data-analytiikan palvelusta",
        "Proposal for a data analytics service",
    ),
];

fn text(lang: Lang, pair: &(&str, &str)) -> String {
    match lang {
        Lang::Fi => pair.0,
        Lang::En => pair.1,
    }
    .to_string()
}

fn score(question_id: &str, score: i32) -> Answer {
    Answer {
        question_id: question_id.into(),
        score: Some(score),
        choice: None,
        text: None,
    }
}

fn comment(question_id: &str, text: String) -> Answer {
    Answer {
        question_id: question_id.into(),
        score: None,
        choice: None,
        text: Some(text),
    }
}

struct Generator<'a> {
    rng: StdRng,
    model: Model,
    relationship: TemplateView,
    expectations: TemplateView,
    people: People<'a>,
    org: RecordId,
    now: DateTime<Utc>,
    months: u32,
    history: History,
}

/// One made-up account as its history is written.
struct Account {
    id: RecordId,
    story: Story,
    /// Each with the language it was made in.
    contacts: Vec<(ContactRow, Lang)>,
    /// Who gives counter-feedback.
    team: Vec<RecordId>,
    /// The first relationship round.
    first: DateTime<Utc>,
    /// The last day of the history: today, or when a former account left.
    until: DateTime<Utc>,
    asks_expectations: bool,
}

impl Generator<'_> {
    fn noise(&mut self, spread: f64) -> f64 {
        self.rng.random_range(-spread..=spread)
    }

    fn nps(&mut self, mood: f64) -> i32 {
        (mood * 10.0 + self.noise(1.2)).round().clamp(0.0, 10.0) as i32
    }

    fn rating(&mut self, mood: f64) -> i32 {
        (1.0 + 4.0 * mood + self.noise(0.8)).round().clamp(1.0, 5.0) as i32
    }

    fn relationship_answers(&mut self, mood: f64, lang: Lang) -> Vec<Answer> {
        let mut answers = vec![score("nps", self.nps(mood))];
        for question in ["quality", "communication", "schedule", "understanding", "value"] {
            answers.push(score(question, self.rating(mood)));
        }
        let pick = |rng: &mut StdRng, pool: &[(&str, &str)]| text(lang, pool.choose(rng).unwrap_or(&pool[0]));
        if mood >= 0.75 {
            answers.push(comment("went_well", pick(&mut self.rng, &PRAISE)));
        } else if mood >= 0.45 {
            answers.push(comment("went_well", pick(&mut self.rng, &PRAISE)));
            answers.push(comment("do_differently", pick(&mut self.rng, &MIXED)));
        } else {
            answers.push(comment("do_differently", pick(&mut self.rng, &COMPLAINTS)));
        }
        if self.rng.random_bool(0.25) {
            answers.push(comment("help_more", pick(&mut self.rng, &WISHES)));
        }
        answers
    }

    fn expectation_answers(&mut self) -> Vec<Answer> {
        ["quality", "communication", "schedule", "understanding", "value"]
            .iter()
            .map(|aspect| score(&format!("importance_{aspect}"), self.rng.random_range(3..=5)))
            .collect()
    }

    fn round(&mut self, account: &RecordId, template: &TemplateView, at: DateTime<Utc>) -> RecordId {
        let id = new_id("survey_round");
        self.history.rounds.push(HistoryRound {
            id: id.clone(),
            org: self.org.clone(),
            account: account.clone(),
            template_id: template.id.clone(),
            template_json: serde_json::to_string(template).unwrap_or_default(),
            started_by: self.people.admin.clone(),
            created_at: at,
        });
        id
    }

    /// One contact's link in a round, answered `answers` if given.
    fn link(
        &mut self,
        account: &RecordId,
        round: &RecordId,
        template: &TemplateView,
        (contact, lang): &(ContactRow, Lang),
        sent_at: DateTime<Utc>,
        answers: Option<Vec<Answer>>,
    ) -> (RecordId, Option<DateTime<Utc>>) {
        let lang = *lang;
        let id = new_id("survey_link");
        let answered_at = answers
            .as_ref()
            .map(|_| sent_at + Duration::hours(self.rng.random_range(2..=240)))
            .filter(|&at| at <= self.now);
        let answers = answers.filter(|_| answered_at.is_some()).unwrap_or_default();
        let analysis = answered_at.map(|_| analyse_answers(&self.model, &template.questions, &answers, lang));
        self.history.links.push(HistoryLink {
            id: id.clone(),
            org: self.org.clone(),
            account: account.clone(),
            round: round.clone(),
            contact: contact.id.clone(),
            contact_name: contact.name.clone(),
            contact_title: contact.title.clone(),
            email: contact.email.clone(),
            language: lang.code().to_string(),
            token_hash: hash_token(&key_of(&id)),
            sent_at,
            expires_at: sent_at + Duration::days(14),
            opened_at: answered_at,
            started_at: answered_at,
            answered_at,
            answers_json: serde_json::to_string(&answers).unwrap_or_default(),
            analysis_json: analysis.map(|a| serde_json::to_string(&a).unwrap_or_default()),
            reminders_sent: 2,
        });
        (id, answered_at)
    }

    fn counter_feedback(
        &mut self,
        account: &Account,
        author: &RecordId,
        link: &RecordId,
        mood: f64,
        at: DateTime<Utc>,
        lang: Lang,
    ) {
        let story = account.story;
        let account = &account.id;
        let health = (1.0 + 4.0 * mood + self.noise(0.5)).round().clamp(1.0, 5.0) as i64;
        let risk = match mood {
            m if m >= 0.75 => ChurnRisk::None,
            m if m >= 0.55 => ChurnRisk::Low,
            m if m >= 0.35 => ChurnRisk::Medium,
            _ => ChurnRisk::High,
        };
        let causes: Vec<String> = match risk {
            ChurnRisk::Medium | ChurnRisk::High => story.causes().iter().map(|c| c.code().to_string()).collect(),
            _ => vec![],
        };
        let worried = matches!(risk, ChurnRisk::Medium | ChurnRisk::High);
        let pool: &[(&str, &str)] = if worried { &BEHIND_WORRIED } else { &BEHIND_CALM };
        let behind = text(lang, pool.choose(&mut self.rng).unwrap_or(&pool[0]));
        let id = new_id("counter_feedback");
        let changes: Vec<String> = if worried {
            vec![text(lang, CHANGES.choose(&mut self.rng).unwrap_or(&CHANGES[0]))]
        } else {
            vec![]
        };
        for change in &changes {
            let due = at + Duration::days(self.rng.random_range(10..=30));
            // Worse stories leave more promises unkept.
            let kept = self.rng.random_bool(if story == Story::Critical { 0.3 } else { 0.75 });
            let done = kept && due < self.now;
            self.history.actions.push(ActionRow {
                id: new_id("action"),
                org: self.org.clone(),
                account: account.clone(),
                counter_feedback: Some(id.clone()),
                text: change.clone(),
                owner: Some(author.clone()),
                due: Some(due.date_naive().format("%Y-%m-%d").to_string()),
                status: if done { ActionStatus::Done } else { ActionStatus::Open }.code().into(),
                revision: if done { 2 } else { 1 },
                created_by: author.clone(),
                created_at: at,
                updated_at: if done { due - Duration::days(2) } else { at },
                source_link: None,
                source_point: None,
            });
        }
        self.history.feedback.push(CounterFeedbackRow {
            id,
            org: self.org.clone(),
            account: account.clone(),
            request: None,
            link: Some(link.clone()),
            author: author.clone(),
            health,
            churn_risk: risk.code().into(),
            churn_causes: causes,
            behind_the_scenes: behind,
            changes,
            further_needs: String::new(),
            notes: String::new(),
            fulfilment_json: None,
            created_at: at,
        });
    }

    /// The rounds of one account, every three months from its first until its last day.
    fn account_history(&mut self, account: &Account) {
        let first = account.first;
        let span = (account.until - first).num_seconds().max(1) as f64;
        let (relationship, expectations) = (self.relationship.clone(), self.expectations.clone());
        if account.asks_expectations {
            let asked = first - Duration::days(20);
            let round = self.round(&account.id, &expectations, asked);
            for contact in &account.contacts {
                let answers = Some(self.expectation_answers());
                self.link(&account.id, &round, &expectations, contact, asked, answers);
            }
        }
        let mut sent_at = first;
        while sent_at < account.until {
            let t = (sent_at - first).num_seconds() as f64 / span;
            let story = account.story;
            let round = self.round(&account.id, &relationship, sent_at);
            let mut answered = None;
            for contact in &account.contacts {
                let answers = self.rng.random_bool(story.answer_rate(t).clamp(0.05, 0.95)).then(|| {
                    let mood = (story.customer(t) + self.noise(0.08)).clamp(0.0, 1.0);
                    self.relationship_answers(mood, contact.1)
                });
                let (link, at) = self.link(&account.id, &round, &relationship, contact, sent_at, answers);
                if let Some(at) = at {
                    answered.get_or_insert((link, at, contact.1));
                }
            }
            if let Some((link, at, lang)) = answered {
                for author in &account.team {
                    let given = at + Duration::hours(self.rng.random_range(12..=96));
                    if given <= self.now {
                        let mood = (story.team(t) + self.noise(0.08)).clamp(0.0, 1.0);
                        self.counter_feedback(account, author, &link, mood, given, lang);
                    }
                }
            }
            sent_at += Duration::days(91 + self.rng.random_range(-5..=5));
        }
    }
}

/// Makes up `plan.accounts` accounts with contacts and `plan.months` of history in `org`,
/// and `plan.former` accounts whose history ended earlier. Returns the accounts made.
pub async fn write(state: &AppState, org: &RecordId, people: People<'_>, plan: Plan) -> anyhow::Result<Vec<Made>> {
    let organisation = state
        .store
        .org(org)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no organisation {org:?}"))?;
    let now = state.now();
    let mut generator = Generator {
        rng: StdRng::seed_from_u64(plan.seed),
        model: Model::new(&[], &[]),
        relationship: survey::relationship_template(&organisation.name),
        expectations: survey::expectations_template(&organisation.name),
        org: org.clone(),
        now,
        months: plan.months,
        people,
        history: History::default(),
    };
    let mut made = Vec::new();
    for index in 0..plan.accounts + plan.former {
        let g = &mut generator;
        let (story, first, until) = if index < plan.accounts {
            let months_back = i64::from(g.months) * 30 - g.rng.random_range(0..60);
            (Story::of(index), now - Duration::days(months_back), now)
        } else {
            // Left between three months and two years ago, after nine to eighteen
            // months of rounds.
            let until = now - Duration::days(g.rng.random_range(90..=630));
            let first = until - Duration::days(g.rng.random_range(270..=540));
            (Story::former(index - plan.accounts), first, until)
        };
        let name = format!(
            "{} {} {}",
            FIRST[index % FIRST.len()],
            SECOND[(index / FIRST.len() + index) % SECOND.len()],
            SUFFIX[index % SUFFIX.len()]
        );
        let name = if index >= FIRST.len() * SECOND.len() {
            format!("{name} {}", index / (FIRST.len() * SECOND.len()) + 1)
        } else {
            name
        };
        let lead = g.people.leads[index % g.people.leads.len()].clone();
        let team: Vec<RecordId> = g.people.team.to_vec();
        let stage = match story {
            Story::Recovering => Stage::Support,
            Story::QuietlyDeteriorating | Story::Declining if index % 2 == 0 => Stage::Renewal,
            _ => Stage::Delivery,
        };
        let annual_value_eur = g.rng.random_range(4..=80) * 5_000;
        let input = AccountInput {
            name,
            segments: vec![SEGMENTS[index % SEGMENTS.len()].to_string()],
            stage,
            annual_value_eur,
            lead_id: Some(key_of(&lead)),
            team_ids: team.iter().map(key_of).collect(),
            start_date: (first - Duration::days(30)).date_naive(),
            end_date: None::<NaiveDate>,
            notes: String::new(),
        };
        let account = state
            .store
            .create_account(org, input, first - Duration::days(30))
            .await?;
        let mut contacts = Vec::new();
        for n in 0..g.rng.random_range(1..=3) {
            let lang = if g.rng.random_bool(0.6) { Lang::Fi } else { Lang::En };
            let names = match lang {
                Lang::Fi => &PEOPLE_FI,
                Lang::En => &PEOPLE_EN,
            };
            let (first_name, last_name) = names[(index + n * 3) % names.len()];
            let input = ContactInput {
                name: format!("{first_name} {last_name}"),
                email: format!(
                    "{}.{}@account{index}.example",
                    first_name.to_lowercase(),
                    last_name.to_lowercase().replace(['ä', 'ö'], "a")
                ),
                title: TITLES[(index + n) % TITLES.len()].to_string(),
                language: lang,
                decision_maker: n == 0,
            };
            let id = state
                .store
                .create_contact(org, &account, input, first - Duration::days(30))
                .await
                .map_err(|e| anyhow::anyhow!(e))?;
            let row = state
                .store
                .contact(org, &id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("the contact just made"))?;
            contacts.push((row, lang));
        }
        g.account_history(&Account {
            id: account.clone(),
            story,
            contacts,
            team: vec![lead],
            first,
            until,
            asks_expectations: index % 3 == 0,
        });
        made.push(Made {
            id: account,
            story,
            annual_value_eur,
            first,
            ended: (until < now).then_some(until),
        });
        if g.history.links.len() >= 2_000 {
            state.store.insert_history(std::mem::take(&mut g.history)).await?;
        }
    }
    state.store.insert_history(generator.history).await?;
    Ok(made)
}
