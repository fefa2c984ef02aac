//! Feedback cycles, their rules and what is overdue.

use super::*;

pub fn overdue_answer(lang: Lang, contact: &str, sent_at: &DateTime<Utc>, reminders: u32) -> String {
    let sent = date(lang, sent_at);
    match lang {
        Lang::En => format!("{contact} has not answered the survey sent {sent} ({reminders} of 2 reminders sent)."),
        Lang::Fi => {
            format!("{contact} ei ole vastannut {sent} lähetettyyn kyselyyn ({reminders}/2 muistutusta lähetetty).")
        }
    }
}

pub fn overdue_request(lang: Lang, person: &str, contact: &str, requested_at: &DateTime<Utc>) -> String {
    let asked = date(lang, requested_at);
    match lang {
        Lang::En => format!("{person} owes counter-feedback on the answer from {contact} (asked {asked})."),
        Lang::Fi => format!("{person}: vastapalaute asiakkaan {contact} vastaukseen puuttuu (pyydetty {asked})."),
    }
}

pub fn overdue_action(lang: Lang, text: &str, owner: Option<&str>, due: NaiveDate) -> String {
    let due = day(lang, due);
    match (lang, owner) {
        (Lang::En, Some(owner)) => format!("“{text}” — {owner}, due {due}."),
        (Lang::En, None) => format!("“{text}” — nobody assigned, due {due}."),
        (Lang::Fi, Some(owner)) => format!("”{text}” — {owner}, erääntyi {due}."),
        (Lang::Fi, None) => format!("”{text}” — ei vastuuhenkilöä, erääntyi {due}."),
    }
}

pub fn weekday_name(day: Weekday) -> Msg {
    match day {
        Weekday::Mon => Msg::WeekdayMon,
        Weekday::Tue => Msg::WeekdayTue,
        Weekday::Wed => Msg::WeekdayWed,
        Weekday::Thu => Msg::WeekdayThu,
        Weekday::Fri => Msg::WeekdayFri,
        Weekday::Sat => Msg::WeekdaySat,
        Weekday::Sun => Msg::WeekdaySun,
    }
}

/// "on Tuesdays", for a rule in words.
pub(crate) fn weekday_on(day: Weekday) -> Msg {
    match day {
        Weekday::Mon => Msg::OnMon,
        Weekday::Tue => Msg::OnTue,
        Weekday::Wed => Msg::OnWed,
        Weekday::Thu => Msg::OnThu,
        Weekday::Fri => Msg::OnFri,
        Weekday::Sat => Msg::OnSat,
        Weekday::Sun => Msg::OnSun,
    }
}

pub fn plan_reason(reason: PlanReason) -> Msg {
    match reason {
        PlanReason::Periodic => Msg::ReasonPeriodic,
        PlanReason::ProjectEnd => Msg::ReasonProjectEnd,
        PlanReason::AfterProjectEnd => Msg::ReasonAfterProjectEnd,
    }
}

pub fn rule_source(source: RuleSource) -> Msg {
    match source {
        RuleSource::Account => Msg::CycleSourceAccount,
        RuleSource::Stage => Msg::CycleSourceStage,
        RuleSource::Segment => Msg::CycleSourceSegment,
    }
}

/// "Every month", "Every 3 months".
pub fn every_months(lang: Lang, months: u32) -> String {
    match (lang, months) {
        (Lang::En, 1) => "Every month".into(),
        (Lang::En, n) => format!("Every {n} months"),
        (Lang::Fi, 1) => "Joka kuukausi".into(),
        (Lang::Fi, n) => format!("{n} kuukauden välein"),
    }
}

pub(crate) fn days_after_end(lang: Lang, days: u32) -> String {
    match (lang, days) {
        (Lang::En, 1) => "1 day after the end".into(),
        (Lang::En, n) => format!("{n} days after the end"),
        (Lang::Fi, 1) => "1 päivä päättymisen jälkeen".into(),
        (Lang::Fi, n) => format!("{n} päivää päättymisen jälkeen"),
    }
}

pub(crate) fn chosen_contacts(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::En, 1) => "1 chosen contact".into(),
        (Lang::En, n) => format!("{n} chosen contacts"),
        (Lang::Fi, 1) => "1 valittu yhteyshenkilö".into(),
        (Lang::Fi, n) => format!("{n} valittua yhteyshenkilöä"),
    }
}

pub(crate) fn days_open(lang: Lang, days: u32) -> String {
    match (lang, days) {
        (Lang::En, 1) => "open 1 day".into(),
        (Lang::En, n) => format!("open {n} days"),
        (Lang::Fi, 1) => "vastausaikaa 1 päivä".into(),
        (Lang::Fi, n) => format!("vastausaikaa {n} päivää"),
    }
}

/// A rule in words: "Every 3 months on Tuesdays · at the project end · 30 days after
/// the end · all contacts · Relationship survey · open 14 days".
pub fn describe_rule(lang: Lang, rule: &CycleRule, template_name: &str) -> String {
    let mut parts = vec![match rule.every_months {
        Some(months) => format!("{} {}", every_months(lang, months), weekday_on(rule.weekday).text(lang)),
        None => Msg::RuleEveryNone.text(lang).to_string(),
    }];
    if rule.at_project_end {
        parts.push(Msg::SummaryAtEnd.text(lang).into());
    }
    if let Some(days) = rule.days_after_end {
        parts.push(days_after_end(lang, days));
    }
    parts.push(match rule.contacts {
        ContactChoice::All => Msg::SummaryAll.text(lang).into(),
        ContactChoice::DecisionMakers => Msg::SummaryDecisionMakers.text(lang).into(),
        ContactChoice::Chosen => chosen_contacts(lang, rule.chosen_contacts.len()),
    });
    parts.push(template_name.to_string());
    parts.push(days_open(lang, rule.deadline_days));
    parts.join(" · ")
}

/// What happened to a planned round, in a sentence.
pub fn cycle_outcome(lang: Lang, event: &CycleEvent) -> String {
    match event.outcome {
        CycleOutcome::Sent => {
            let (sent, left_out) = (event.contacts_sent, event.contacts_throttled);
            let sent = match (lang, sent) {
                (Lang::En, 1) => "Sent to 1 contact".to_string(),
                (Lang::En, n) => format!("Sent to {n} contacts"),
                (Lang::Fi, n) => format!("Lähetetty {n} yhteyshenkilölle"),
            };
            match (lang, left_out) {
                (_, 0) => sent,
                (Lang::En, n) => format!("{sent} ({n} left out: surveyed too recently)"),
                (Lang::Fi, n) => format!("{sent} ({n} jätettiin pois: kysytty liian äskettäin)"),
            }
        }
        CycleOutcome::SkippedByUser => Msg::OutcomeSkippedByUser.text(lang).into(),
        CycleOutcome::AccountThrottled => match (lang, event.days_since_last) {
            (_, None) => Msg::OutcomeAccountThrottled.text(lang).into(),
            (Lang::En, Some(0)) => "Skipped: the account had been surveyed the same day".into(),
            (Lang::En, Some(1)) => "Skipped: the account had been surveyed 1 day before".into(),
            (Lang::En, Some(n)) => format!("Skipped: the account had been surveyed {n} days before"),
            (Lang::Fi, Some(0)) => "Ohitettu: asiakkuudelta oli kysytty samana päivänä".into(),
            (Lang::Fi, Some(1)) => "Ohitettu: asiakkuudelta oli kysytty edellisenä päivänä".into(),
            (Lang::Fi, Some(n)) => format!("Ohitettu: asiakkuudelta oli kysytty {n} päivää aiemmin"),
        },
        CycleOutcome::ContactsThrottled => Msg::OutcomeContactsThrottled.text(lang).into(),
        CycleOutcome::NoContacts => Msg::OutcomeNoContacts.text(lang).into(),
    }
}

pub fn confirm_pause(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!(
            "Pause the feedback cycle of {name}? No rounds go out while it is paused, and rounds planned during the pause are not sent later."
        ),
        Lang::Fi => format!(
            "Keskeytetäänkö asiakkuuden {name} palautesykli? Kierroksia ei lähetetä keskeytyksen aikana, eikä sen aikana suunniteltuja kierroksia lähetetä myöhemmin."
        ),
    }
}

pub fn confirm_skip(lang: Lang, day: &str) -> String {
    match lang {
        Lang::En => format!("Skip the round of {day}? It will not be sent; you can undo this until that day."),
        Lang::Fi => format!("Ohitetaanko {day} kierros? Sitä ei lähetetä; voit perua ohituksen siihen päivään asti."),
    }
}

/// The accessible name of a coming round's Skip / Undo skip button.
pub fn skip_label(lang: Lang, skipped: bool, day: &str) -> String {
    match (lang, skipped) {
        (Lang::En, false) => format!("Skip the round of {day}"),
        (Lang::En, true) => format!("Undo the skip of the round of {day}"),
        (Lang::Fi, false) => format!("Ohita kierros {day}"),
        (Lang::Fi, true) => format!("Peru kierroksen {day} ohitus"),
    }
}

/// "Stage: Delivery" or "Segment: retail", naming what a default cycle applies to.
pub fn default_applies(lang: Lang, stage: Option<Stage>, segment: Option<&str>) -> String {
    match (lang, stage) {
        (Lang::En, Some(stage)) => format!("Stage: {}", stage.label(lang)),
        (Lang::Fi, Some(stage)) => format!("Vaihe: {}", stage.label(lang)),
        (Lang::En, None) => format!("Segment: {}", segment.unwrap_or_default()),
        (Lang::Fi, None) => format!("Segmentti: {}", segment.unwrap_or_default()),
    }
}

pub fn default_number(lang: Lang, number: usize) -> String {
    match lang {
        Lang::En => format!("Default cycle {number}"),
        Lang::Fi => format!("Oletussykli {number}"),
    }
}
