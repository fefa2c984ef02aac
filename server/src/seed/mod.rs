//! The demo organisation `cargo xtask run` starts with, so a newcomer can log in
//! at once, with open, overdue and closed cases. Seeding happens only when asked (`--seed-demo`) and only once.

pub mod history;
mod initiatives;
mod outcomes;

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use kaiku_core::account::{AccountInput, ContactInput};
use kaiku_core::case::{
    CaseEventKind, Channel, REPULSE_COMMENT_ID, REPULSE_QUESTION_ID, RepulseReply, Resolved, RootCause, Step,
};
use kaiku_core::cycle::{ContactChoice, CycleDefault, CycleRule, ScheduleSettings};
use kaiku_core::promise::PromiseInput;
use kaiku_core::said_we_did::{self, WeDidSource, WeDidStatus, WeDidText};
use kaiku_core::survey::{self, Answer, Localized};
use kaiku_core::{ChurnCause, Lang, Role, Stage};
use surrealdb::types::RecordId;

use crate::clock::ManualClock;
use crate::service::said_we_did::Digest;
use crate::service::secrets::{hash_password, hash_token, new_token};
use crate::service::surveys::{Sender, invitation};
use crate::service::{message_links, repulse, survey_page};
use crate::state::AppState;
use crate::store::cases::{CaseRow, Closing, EventRow, StepRow};
use crate::store::key_of;
use crate::store::repulse::RepulseRow;
use crate::store::said_we_did::ReviewContent;
use crate::store::surveys::{NewLink, NewRound};
use crate::store::users::NewUser;

pub const DEMO_ORGANISATION: &str = "Demo Agency";
pub const DEMO_PASSWORD: &str = "kaiku-demo-2026";
/// Accounts with a made-up history besides the three hand-made ones: forty in all.
pub const DEMO_HISTORY_ACCOUNTS: usize = 37;
pub const DEMO_HISTORY_MONTHS: u32 = 18;
/// Accounts that left or ended in the last two years, archived, with their outcomes.
pub const DEMO_FORMER_ACCOUNTS: usize = 14;
/// A second token of the demo's due re-pulse, public like the demo password, so a
/// walkthrough (and the browser test) can answer it as the customer: `/s/<this>`.
/// The emailed link has its own token, issued as it is sent and never stored.
pub const DEMO_REPULSE_TOKEN: &str = "demo-repulse-baltic-logistics";
/// Likewise a second token of Sanna's newest round at Nordic Retail, whose survey
/// opens with "you said, we did": `/s/<this>`.
pub const DEMO_WE_DID_TOKEN: &str = "demo-we-did-nordic-retail";

/// (name, email, role, language)
pub const DEMO_USERS: [(&str, &str, Role, Lang); 4] = [
    ("Aino Admin", "admin@demo.kaiku.test", Role::Admin, Lang::En),
    ("Leena Leader", "leader@demo.kaiku.test", Role::Leader, Lang::Fi),
    ("Matti Member", "matti@demo.kaiku.test", Role::Member, Lang::Fi),
    ("Mia Member", "mia@demo.kaiku.test", Role::Member, Lang::En),
];

pub async fn demo(state: &AppState) -> anyhow::Result<()> {
    if state.store.org_by_name(DEMO_ORGANISATION).await?.is_some() {
        tracing::info!("demo organisation already present");
        return Ok(());
    }
    let now = state.now();
    let password_hash = hash_password(DEMO_PASSWORD)
        .await
        .map_err(|e| anyhow::anyhow!(e.message))?;
    let new_user = |(name, email, role, language): (&str, &str, Role, Lang)| NewUser {
        name: name.to_string(),
        email: email.to_string(),
        password_hash: password_hash.clone(),
        role,
        language,
    };
    let [admin, others @ ..] = DEMO_USERS;
    let (org, admin) = state
        .store
        .create_org_with_admin(DEMO_ORGANISATION, new_user(admin), now)
        .await?;
    let mut members = Vec::new();
    for user in others {
        members.push(state.store.create_user(&org, new_user(user), now).await?);
    }
    let accounts = demo_accounts(state, &org, &members).await?;
    demo_promises(state, &org, &members, &accounts).await?;
    // The cases first: they look back from answers given in the past.
    let recovered = demo_cases(state, &org, &admin, &accounts).await?;
    let (account, contact) = &accounts[0];
    demo_response(state, &org, &admin, account, contact, nordic_retail_answers()).await?;
    we_did_round(state, &org, &members[1], account, &recovered).await?;
    // Matti, Mia and Leena lead in turn; Matti and Mia are on every team.
    let people = history::People {
        leads: &[members[1].clone(), members[2].clone(), members[0].clone()],
        team: &members[1..],
        admin: &admin,
    };
    let plan = history::Plan {
        accounts: DEMO_HISTORY_ACCOUNTS,
        months: DEMO_HISTORY_MONTHS,
        seed: 2026,
        former: DEMO_FORMER_ACCOUNTS,
    };
    let made = history::write(state, &org, people, plan).await?;
    outcomes::write(state, &org, &admin, &made).await?;
    demo_cycles(state, &org).await?;
    // Leena, the leader, took up what recurs in the history.
    initiatives::write(state, &org, &members[0]).await?;
    tracing::info!("seeded the demo organisation {DEMO_ORGANISATION}");
    Ok(())
}

/// Accounts in delivery are surveyed quarterly and at the project's end, those in
/// renewal every six months, so the coming rounds show on first start.
async fn demo_cycles(state: &AppState, org: &RecordId) -> anyhow::Result<()> {
    let defaults = [
        (
            Stage::Delivery,
            CycleRule {
                every_months: Some(3),
                at_project_end: true,
                ..CycleRule::default()
            },
        ),
        (
            Stage::Renewal,
            CycleRule {
                every_months: Some(6),
                contacts: ContactChoice::DecisionMakers,
                ..CycleRule::default()
            },
        ),
    ]
    .map(|(stage, rule)| CycleDefault {
        stage: Some(stage),
        segment: None,
        rule,
    });
    state
        .store
        .set_schedule(org, &ScheduleSettings::default(), &defaults, Some(state.now()))
        .await?;
    Ok(())
}

/// Three accounts at different stages, led by Matti and Mia, each with contacts.
/// Returns each account with its (first) contact.
async fn demo_accounts(
    state: &AppState,
    org: &RecordId,
    users: &[RecordId],
) -> anyhow::Result<Vec<(RecordId, RecordId)>> {
    let key = |i: usize| users.get(i).map(crate::store::key_of);
    let accounts = [
        (
            "Nordic Retail Oy",
            "growth marketing",
            Stage::Delivery,
            180_000,
            key(1),
            "2025-03-01",
        ),
        (
            "Baltic Logistics AB",
            "platform rebuild",
            Stage::Renewal,
            320_000,
            key(2),
            "2024-09-15",
        ),
        (
            "Helsinki Health Tech",
            "growth marketing",
            Stage::Onboarding,
            60_000,
            key(1),
            "2026-10-01",
        ),
    ];
    let contacts = [
        [("Sanna Saarinen", "sanna@nordicretail.example", "CMO", Lang::Fi)],
        [("Erik Lund", "erik@balticlogistics.example", "CTO", Lang::En)],
        [("Olli Ojala", "olli@hhtech.example", "CEO", Lang::Fi)],
    ];
    let mut seeded = Vec::new();
    for ((name, segment, stage, value, lead, start), people) in accounts.into_iter().zip(contacts) {
        let input = AccountInput {
            name: name.into(),
            segments: vec![segment.into()],
            stage,
            annual_value_eur: value,
            lead_id: lead,
            team_ids: key(1).into_iter().chain(key(2)).collect(),
            start_date: NaiveDate::parse_from_str(start, "%Y-%m-%d")?,
            end_date: None,
            notes: String::new(),
        };
        let account = state.store.create_account(org, input, state.now()).await?;
        for (name, email, title, language) in people {
            let contact = ContactInput {
                name: name.into(),
                email: email.into(),
                title: title.into(),
                language,
                decision_maker: true,
            };
            let contact = state
                .store
                .create_contact(org, &account, contact, state.now())
                .await
                .map_err(|e| anyhow::anyhow!(e))?;
            seeded.push((account.clone(), contact));
        }
    }
    Ok(seeded)
}

/// What was promised at the sale, as the sellers wrote it, before any answer came:
/// Leena promised Nordic Retail a weekly status report (Sanna's communication ratings
/// break it), Matti promised Baltic Logistics releases on the agreed dates (Erik's
/// complaint about the slipped warehouse release breaks it).
async fn demo_promises(
    state: &AppState,
    org: &RecordId,
    members: &[RecordId],
    accounts: &[(RecordId, RecordId)],
) -> anyhow::Result<()> {
    let [leena, matti, ..] = members else {
        anyhow::bail!("the demo has its leader and members");
    };
    let [(nordic, _), (baltic, _), ..] = accounts else {
        anyhow::bail!("the demo has three hand-made accounts");
    };
    let promises = [
        (
            nordic,
            leena,
            "2025-03-01",
            PromiseInput {
                aspect: "communication".into(),
                what: "Nimetty projektipäällikkö pitää teidät ajan tasalla koko projektin ajan.".into(),
                importance: 5,
                commitment: Some("viikoittainen tilannekatsaus".into()),
                phase: Stage::Sales,
            },
        ),
        (
            baltic,
            matti,
            "2024-09-15",
            PromiseInput {
                aspect: "schedule".into(),
                what: "Every release ships on the date we agree with you.".into(),
                importance: 4,
                commitment: Some("warehouse release in March".into()),
                phase: Stage::Sales,
            },
        ),
    ];
    for (account, seller, day, input) in promises {
        let at = NaiveDate::parse_from_str(day, "%Y-%m-%d")?
            .and_hms_opt(10, 0, 0)
            .ok_or_else(|| anyhow::anyhow!("a valid time"))?
            .and_utc();
        state.store.create_promise(org, account, &input, seller, at).await?;
    }
    Ok(())
}

fn score(question_id: &str, score: i32) -> Answer {
    Answer {
        question_id: question_id.into(),
        score: Some(score),
        choice: None,
        text: None,
    }
}

fn comment(question_id: &str, text: &str) -> Answer {
    Answer {
        question_id: question_id.into(),
        score: None,
        choice: None,
        text: Some(text.into()),
    }
}

/// A customer who answered the relationship survey, through the same path as a real
/// answer (at `state`'s time): analysed, the account team asked for counter-feedback,
/// and a case opened when the answer is unhappy.
async fn demo_response(
    state: &AppState,
    org: &RecordId,
    admin: &RecordId,
    account: &RecordId,
    contact: &RecordId,
    answers: Vec<Answer>,
) -> anyhow::Result<()> {
    let now = state.now();
    let contact = state
        .store
        .contact(org, contact)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo contact exists"))?;
    let token = new_token();
    let expires_at = now + Duration::days(14);
    let email = survey::survey_email(
        contact.language()?,
        DEMO_ORGANISATION,
        &contact.name,
        "Aino Admin",
        message_links::SURVEY_LINK,
        expires_at.date_naive(),
    );
    let template = survey::relationship_template(DEMO_ORGANISATION);
    state
        .store
        .create_round(
            NewRound {
                org,
                account,
                template: &template,
                started_by: admin,
                expires_at,
                links: vec![NewLink::for_contact(&contact, hash_token(&token), email)?],
                cycle: None,
            },
            now,
        )
        .await?;
    survey_page::submit(state, &token, "demo seed", answers)
        .await
        .map_err(|e| anyhow::anyhow!(e.body().error.message))?;
    Ok(())
}

/// Sanna at Nordic Retail: content with the work, not with how she was kept informed.
fn nordic_retail_answers() -> Vec<Answer> {
    vec![
        score("nps", 8),
        score("quality", 4),
        score("communication", 2),
        score("schedule", 3),
        score("understanding", 4),
        score("value", 3),
        comment(
            "do_differently",
            "En ole tyytyväinen viestintään: projektipäällikkö vaihtui eikä kukaan kertonut meille. \
             Toivoisin viikoittaisen tilannekatsauksen.",
        ),
        comment("went_well", "Kampanjan luovat ratkaisut olivat erinomaisia."),
    ]
}

/// The demo's cases, each opened by an unhappy answer through the real path, in the
/// past. Nordic Retail: Sanna's reports were late last summer; Matti fixed it, closed
/// the case and she said at the re-pulse it is resolved (recovered). Baltic Logistics (renewal, the largest account): Erik complained three weeks
/// ago, Mia listened, called him, explained the fix and closed the case 15 days ago,
/// so its re-pulse is due: it is recorded now and the scheduler delivers it at start
/// (its link also opens with [`DEMO_REPULSE_TOKEN`]). Helsinki Health Tech
/// (onboarding): Olli is unhappy with the start and nobody has acknowledged it in
/// a week — overdue.
async fn demo_cases(
    state: &AppState,
    org: &RecordId,
    admin: &RecordId,
    accounts: &[(RecordId, RecordId)],
) -> anyhow::Result<CaseRow> {
    let now = state.now();
    let past = |days: i64| days_ago(state, days);
    let [(nordic, sanna), (baltic, erik), (health_tech, olli)] = accounts else {
        anyhow::bail!("the demo has three hand-made accounts");
    };
    let baltic_answers = vec![
        score("nps", 3),
        score("quality", 3),
        score("communication", 2),
        score("schedule", 2),
        score("understanding", 3),
        score("value", 3),
        comment(
            "do_differently",
            "Our bug reports sat unanswered for two weeks and the warehouse release slipped. \
             Nobody owned the problem.",
        ),
    ];
    let recovered = recovered_case(state, org, admin, nordic, sanna).await?;
    demo_response(&past(21), org, admin, baltic, erik, baltic_answers).await?;
    let baltic_steps = [
        (
            21,
            Step::Listen,
            "Erik: bug reports unanswered for two weeks before the warehouse release.",
            "No one on our side owns their support queue since the team changed.",
            None,
        ),
        (
            20,
            Step::Acknowledge,
            "Called Erik, apologised, promised an owner for their tickets.",
            "",
            Some(Channel::Call),
        ),
        (
            16,
            Step::Explain,
            "Meeting with Erik: Matti owns their tickets, answers within a working day.",
            "",
            Some(Channel::Meeting),
        ),
    ];
    let resolution = "Matti owns Baltic Logistics' tickets and answers within a working day.";
    let case = work_and_close(state, org, baltic, erik, &baltic_steps, 15, resolution).await?;
    let asked = re_pulsed(state, &case).await?;
    state
        .store
        .add_repulse_token(&asked, &hash_token(DEMO_REPULSE_TOKEN), now)
        .await?;

    let health_tech_answers = vec![
        score("nps", 4),
        score("quality", 3),
        score("communication", 2),
        score("schedule", 3),
        score("understanding", 2),
        score("value", 3),
        comment(
            "do_differently",
            "Aloitus on ollut sekava: emme tiedä, kuka vastaa mistäkin, ja ensimmäinen raportti puuttuu yhä.",
        ),
    ];
    demo_response(&past(7), org, admin, health_tech, olli, health_tech_answers).await?;
    Ok(recovered)
}

/// Sanna's complaint last summer, handled and confirmed resolved at the re-pulse.
async fn recovered_case(
    state: &AppState,
    org: &RecordId,
    admin: &RecordId,
    nordic: &RecordId,
    sanna: &RecordId,
) -> anyhow::Result<CaseRow> {
    let now = state.now();
    let past = |days: i64| days_ago(state, days);
    let answers = vec![
        score("nps", 5),
        score("quality", 4),
        score("communication", 2),
        score("schedule", 2),
        score("understanding", 4),
        score("value", 3),
        comment(
            "do_differently",
            "Kuukausiraportit tulevat aina myöhässä, ja joudumme kysymään niitä erikseen.",
        ),
    ];
    demo_response(&past(120), org, admin, nordic, sanna, answers).await?;
    let steps = [
        (
            119,
            Step::Listen,
            "Sanna: monthly reports always late.",
            "Reporting depends on one analyst's calendar.",
            None,
        ),
        (
            118,
            Step::Acknowledge,
            "Called Sanna, promised a fixed reporting day.",
            "",
            Some(Channel::Call),
        ),
        (
            110,
            Step::Explain,
            "Told Sanna: reports go out on the 3rd working day, automated.",
            "",
            Some(Channel::Call),
        ),
    ];
    let resolution = "Monthly reports automated, out on the third working day.";
    let case = work_and_close(state, org, nordic, sanna, &steps, 105, resolution).await?;
    let asked = re_pulsed(&past(90), &case).await?;
    let yes = RepulseReply {
        resolved: Resolved::Yes,
        comment: "Raportit tulevat nyt ajallaan, kiitos.".into(),
    };
    let answered = vec![
        Answer {
            question_id: REPULSE_QUESTION_ID.into(),
            score: None,
            choice: Some(0),
            text: None,
        },
        comment(REPULSE_COMMENT_ID, &yes.comment),
    ];
    state
        .store
        .answer_repulse(&asked, &case, &answered, &yes, None, now - Duration::days(88))
        .await
        .map_err(|e| anyhow::anyhow!(e))?;
    Ok(case)
}

/// Matti, Nordic Retail's lead, approved what Sanna is told about last summer's case
/// (in both languages); the account's newest round to her opens with it. Its link
/// also opens with [`DEMO_WE_DID_TOKEN`].
async fn we_did_round(
    state: &AppState,
    org: &RecordId,
    lead: &RecordId,
    nordic: &RecordId,
    case: &CaseRow,
) -> anyhow::Result<()> {
    let now = state.now();
    let text = WeDidText {
        said: Localized::new(
            "Kuukausiraportit tulevat aina myöhässä.",
            "The monthly reports always arrive late.",
        ),
        did: Localized::new(
            "Automatisoimme raportit: ne lähtevät nyt aina kolmantena työpäivänä.",
            "We automated the reports: they now always go out on the third working day.",
        ),
    };
    let item = said_we_did::item_id(WeDidSource::ClosedCase, &key_of(&case.id));
    let review = ReviewContent::new(org, nordic, &item, WeDidStatus::Approved, text, lead, now);
    state.store.save_we_did_review(review).await?;
    let account = state
        .store
        .account(org, nordic)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo account exists"))?;
    let contacts = state.store.contacts(org, nordic).await?;
    let api_error = |e: crate::error::ApiError| anyhow::anyhow!(e.body().error.message);
    let digest = Digest::load(state, &account, &contacts).await.map_err(api_error)?;
    let sanna = contacts
        .first()
        .ok_or_else(|| anyhow::anyhow!("the demo contact exists"))?;
    let sender = Sender {
        organisation: DEMO_ORGANISATION,
        name: "Matti Member",
    };
    let expires_at = now + Duration::days(14);
    let (mut link, _) = invitation(&sender, sanna, expires_at, &digest)?;
    anyhow::ensure!(!link.told.is_empty(), "the demo round tells Sanna what we did");
    link.token_hash = hash_token(DEMO_WE_DID_TOKEN);
    state
        .store
        .create_round(
            NewRound {
                org,
                account: nordic,
                template: &survey::relationship_template(DEMO_ORGANISATION),
                started_by: lead,
                expires_at,
                links: vec![link],
                cycle: None,
            },
            now,
        )
        .await?;
    Ok(())
}

/// The state as it was `days` ago: what the demo did then goes through the real paths.
fn days_ago(state: &AppState, days: i64) -> AppState {
    AppState {
        clock: Arc::new(ManualClock::new(state.now() - Duration::days(days))),
        ..state.clone()
    }
}

/// Runs the re-pulse job at `state`'s time; the re-pulse it recorded for `case`.
async fn re_pulsed(state: &AppState, case: &CaseRow) -> anyhow::Result<RepulseRow> {
    repulse::send_due(state, 10)
        .await
        .map_err(|e| anyhow::anyhow!(e.body().error.message))?;
    state
        .store
        .repulses_of_case(&case.org, &case.id)
        .await?
        .pop()
        .ok_or_else(|| anyhow::anyhow!("the case's re-pulse was recorded"))
}

/// A LATTE step the demo's owner took, days ago.
type DemoStep<'a> = (i64, Step, &'a str, &'a str, Option<Channel>);

/// Records the owner's steps on the account's open case and closes it `closed_days` ago.
async fn work_and_close(
    state: &AppState,
    org: &RecordId,
    account: &RecordId,
    contact: &RecordId,
    steps: &[DemoStep<'_>],
    closed_days: i64,
    resolution: &str,
) -> anyhow::Result<CaseRow> {
    let now = state.now();
    let case = state
        .store
        .open_case_of(org, account)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the answer opened a case"))?;
    let owner = case.owner.clone();
    for &(days, step, note, hypothesis, channel) in steps {
        let row = StepRow {
            org: org.clone(),
            customer_case: case.id.clone(),
            step: step.code().to_string(),
            author: owner.clone(),
            taken_at: now - Duration::days(days),
            note: note.to_string(),
            hypothesis: hypothesis.to_string(),
            channel: channel.map(|c: Channel| c.code().to_string()),
            contact: Some(contact.clone()),
            email_to: None,
            email_subject: String::new(),
            email_body: String::new(),
            actions: Vec::new(),
        };
        state
            .store
            .record_case_step(row, step.contacts_customer(), None, None)
            .await?;
    }
    let root_cause = RootCause {
        churn_cause: Some(ChurnCause::ComplaintHandling),
        theme: None,
    };
    let closed_at = now - Duration::days(closed_days);
    let event = EventRow::new(&case, CaseEventKind::Closed.code(), Some(&owner), resolution, closed_at);
    state
        .store
        .close_case(&case, Closing::new(&owner, &root_cause, resolution, "")?, event)
        .await?;
    Ok(case)
}

/// What `cargo xtask run` shows a newcomer: where to go and how to log in.
pub fn banner(url: &str) -> String {
    let logins: String = DEMO_USERS
        .iter()
        .map(|(name, email, role, _)| format!("    {email:<28} {:<7} {name}\n", role.code()))
        .collect();
    format!(
        "\n  Kaiku is running at {url}\n\n  Demo logins ({DEMO_ORGANISATION}), password \"{DEMO_PASSWORD}\":\n{logins}\n  Stop with Ctrl-C; data stays in the data directory.\n"
    )
}
