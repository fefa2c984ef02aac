//! The team's monthly digest (team learning): which initiatives were started and
//! which were done in the month, what customers praised most, and what recurs across
//! accounts with no initiative on it yet. The whole team gets it, by email at the
//! month's end and in the app for any month; quotes come only from accounts the
//! reader sees.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::account::PersonRef;
use crate::evidence::Month;
use crate::heatmap::{Quote, shorten};
use crate::initiative::{InitiativeStatus, ResponseFact, Suggestion, Topic};

/// The themes praised most that a digest names…
pub const PRAISED_THEMES: usize = 3;
/// …and the recurring topics.
pub const RECURRING_TOPICS: usize = 3;
/// A comment is praise above this sentiment score (the analysis's neutral band is ±0.2).
pub const PRAISE_ABOVE: f64 = 0.2;

api_type! {
    /// An initiative that was started (moved to in progress) or done in the month.
    pub struct DigestInitiative {
        pub id: String,
        pub title: String,
        pub owner: Option<PersonRef>,
        pub topics: Vec<Topic>,
        /// When it moved.
        pub at: DateTime<Utc>,
    }
}

api_type! {
    /// A theme customers praised in the month.
    pub struct Praise {
        /// The theme's key.
        pub theme: String,
        /// Positive comments about it, and the accounts they came from.
        pub mentions: u32,
        pub accounts: u32,
        /// The warmest of them from an account the reader sees, if any.
        pub quote: Option<Quote>,
    }
}

api_type! {
    /// A topic mentioned in three or more accounts with no initiative on it yet.
    pub struct Recurring {
        pub topic: Topic,
        pub accounts: u32,
        pub revenue_at_risk_eur: i64,
    }
}

api_type! {
    /// `GET /digest?month=2026-11`: the team's month.
    pub struct TeamDigest {
        /// `2026-11`.
        pub month: String,
        /// The month before, while the organisation existed; none for its first.
        pub previous: Option<String>,
        /// The month after, once it is over; none for the last complete month.
        pub next: Option<String>,
        /// Surveys answered in the month.
        pub answers: u32,
        pub started: Vec<DigestInitiative>,
        pub done: Vec<DigestInitiative>,
        pub praised: Vec<Praise>,
        pub recurring: Vec<Recurring>,
    }
}

impl TeamDigest {
    /// Nothing happened worth a line: no email is sent for such a month.
    pub fn is_empty(&self) -> bool {
        self.started.is_empty() && self.done.is_empty() && self.praised.is_empty() && self.recurring.is_empty()
    }
}

/// An initiative with its status history, as the digest reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeFact {
    pub id: String,
    pub title: String,
    pub owner: Option<PersonRef>,
    pub topics: Vec<Topic>,
    /// Oldest first.
    pub history: Vec<(InitiativeStatus, DateTime<Utc>)>,
}

impl InitiativeFact {
    /// When it moved to `status` within `month`, if it did.
    fn moved_to(&self, status: InitiativeStatus, month: Month) -> Option<DigestInitiative> {
        let (_, at) = self
            .history
            .iter()
            .find(|(s, at)| *s == status && Month::of(*at) == month)?;
        Some(DigestInitiative {
            id: self.id.clone(),
            title: self.title.clone(),
            owner: self.owner.clone(),
            topics: self.topics.clone(),
            at: *at,
        })
    }
}

/// A week from Monday 00:00 UTC: the period of the topic owners' weekly digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Week {
    pub monday: NaiveDate,
}

impl Week {
    pub fn of(at: DateTime<Utc>) -> Week {
        let day = at.date_naive();
        Week {
            monday: day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
        }
    }

    /// The last week that is over by `now`.
    pub fn last_complete(now: DateTime<Utc>) -> Week {
        Week {
            monday: Week::of(now).monday - Duration::days(7),
        }
    }

    /// `2026-W49` (ISO 8601).
    pub fn label(self) -> String {
        let week = self.monday.iso_week();
        format!("{}-W{:02}", week.year(), week.week())
    }

    pub fn start(self) -> DateTime<Utc> {
        self.monday.and_time(NaiveTime::MIN).and_utc()
    }

    pub fn contains(self, at: DateTime<Utc>) -> bool {
        self.start() <= at && at < self.start() + Duration::days(7)
    }

    /// "30.11.–6.12.2026", "30 Nov – 6 Dec 2026".
    pub fn dates(self, lang: Lang) -> String {
        let sunday = self.monday + Duration::days(6);
        match lang {
            Lang::Fi => format!("{}–{}", self.monday.format("%-d.%-m."), sunday.format("%-d.%-m.%Y")),
            Lang::En => format!("{} – {}", self.monday.format("%-d %b"), sunday.format("%-d %b %Y")),
        }
    }
}

/// "marraskuu 2026", "November 2026".
pub fn month_name(month: Month, lang: Lang) -> String {
    const FI: [&str; 12] = [
        "tammikuu",
        "helmikuu",
        "maaliskuu",
        "huhtikuu",
        "toukokuu",
        "kesäkuu",
        "heinäkuu",
        "elokuu",
        "syyskuu",
        "lokakuu",
        "marraskuu",
        "joulukuu",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let names = match lang {
        Lang::Fi => FI,
        Lang::En => EN,
    };
    let index = usize::try_from(month.month.clamp(1, 12) - 1).unwrap_or(0);
    format!("{} {}", names[index], month.year)
}

/// The month after `month`, once it is over by `now`.
pub fn month_after(month: Month, now: DateTime<Utc>) -> Option<Month> {
    let next = month.next();
    (next.end() < now).then_some(next)
}

/// The last month that is over by `now`: the one a digest is sent for.
pub fn last_complete_month(now: DateTime<Utc>) -> Month {
    Month::of(now).previous()
}

/// The digest of `month`. `responses` and `initiatives` may hold other months (they
/// are left out); `suggestions` are those as the month ended; `sees` tells whether the
/// reader sees an account (by id), for quotes.
pub fn digest(
    month: Month,
    first: Month,
    now: DateTime<Utc>,
    responses: &[ResponseFact],
    initiatives: &[InitiativeFact],
    suggestions: &[Suggestion],
    sees: &dyn Fn(&str) -> bool,
) -> TeamDigest {
    let in_month: Vec<&ResponseFact> = responses.iter().filter(|r| Month::of(r.at) == month).collect();
    let moved = |status: InitiativeStatus| {
        let mut moved: Vec<DigestInitiative> = initiatives.iter().filter_map(|i| i.moved_to(status, month)).collect();
        moved.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.title.cmp(&b.title)));
        moved
    };
    TeamDigest {
        month: month.label(),
        previous: (month > first).then(|| month.previous().label()),
        next: month_after(month, now).map(Month::label),
        answers: u32::try_from(in_month.len()).unwrap_or(u32::MAX),
        started: moved(InitiativeStatus::InProgress),
        done: moved(InitiativeStatus::Done),
        praised: praised(&in_month, sees),
        recurring: suggestions
            .iter()
            .take(RECURRING_TOPICS)
            .map(|s| Recurring {
                topic: s.topic.clone(),
                accounts: u32::try_from(s.accounts.len()).unwrap_or(u32::MAX),
                revenue_at_risk_eur: s.revenue_at_risk_eur,
            })
            .collect(),
    }
}

/// The themes of positive comments, most mentioned first (then by accounts, then by
/// key), each with its warmest comment from an account the reader sees.
fn praised(responses: &[&ResponseFact], sees: &dyn Fn(&str) -> bool) -> Vec<Praise> {
    struct Tally<'a> {
        mentions: u32,
        accounts: BTreeSet<&'a str>,
        best: Option<(f64, Quote)>,
    }
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for response in responses {
        for comment in response.comments.iter().filter(|c| c.sentiment > PRAISE_ABOVE) {
            for theme in &comment.themes {
                let tally = tallies.entry(theme.as_str()).or_insert_with(|| Tally {
                    mentions: 0,
                    accounts: BTreeSet::new(),
                    best: None,
                });
                tally.mentions += 1;
                tally.accounts.insert(response.account_id.as_str());
                let warmer = tally.best.as_ref().is_none_or(|(score, _)| comment.sentiment > *score);
                if sees(&response.account_id) && warmer && !comment.text.trim().is_empty() {
                    tally.best = Some((
                        comment.sentiment,
                        Quote {
                            text: shorten(&comment.text),
                            by: response.contact_name.clone(),
                            at: response.at,
                        },
                    ));
                }
            }
        }
    }
    let mut praised: Vec<Praise> = tallies
        .into_iter()
        .map(|(theme, tally)| Praise {
            theme: theme.to_string(),
            mentions: tally.mentions,
            accounts: u32::try_from(tally.accounts.len()).unwrap_or(u32::MAX),
            quote: tally.best.map(|(_, quote)| quote),
        })
        .collect();
    praised.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then(b.accounts.cmp(&a.accounts))
            .then_with(|| a.theme.cmp(&b.theme))
    });
    praised.truncate(PRAISED_THEMES);
    praised
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::initiative::CommentFact;

    fn at(month: u32, day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, month, day, 12, 0, 0).unwrap()
    }

    fn response(account: &str, when: DateTime<Utc>, comments: &[(&str, &[&str], f64)]) -> ResponseFact {
        ResponseFact {
            link_id: format!("{account}-{when}"),
            account_id: account.to_string(),
            contact_name: format!("Contact of {account}"),
            at: when,
            nps: Some(9),
            comments: comments
                .iter()
                .map(|(text, themes, sentiment)| CommentFact {
                    text: text.to_string(),
                    themes: themes.iter().map(|t| t.to_string()).collect(),
                    causes: vec![],
                    sentiment: *sentiment,
                })
                .collect(),
        }
    }

    const NOVEMBER: Month = Month { year: 2026, month: 11 };

    fn november(responses: &[ResponseFact], initiatives: &[InitiativeFact], sees: &dyn Fn(&str) -> bool) -> TeamDigest {
        digest(
            NOVEMBER,
            Month { year: 2026, month: 1 },
            at(12, 6),
            responses,
            initiatives,
            &[],
            sees,
        )
    }

    #[test]
    fn praise_counts_positive_comments_of_the_month_only_and_quotes_the_warmest_the_reader_sees() {
        let responses = [
            response("a", at(11, 3), &[("Great reports every week", &["reporting"], 0.6)]),
            response("b", at(11, 9), &[("Superb reporting, truly", &["reporting"], 0.9)]),
            response("c", at(11, 20), &[("Fast replies", &["responsiveness"], 0.5)]),
            // Neutral and negative comments, and another month, are not praise.
            response("c", at(11, 21), &[("Reports are fine", &["reporting"], 0.1)]),
            response("c", at(11, 22), &[("Slow replies", &["responsiveness"], -0.7)]),
            response("d", at(10, 30), &[("Lovely reports", &["reporting"], 0.8)]),
        ];
        let digest = november(&responses, &[], &|account| account != "b");
        assert_eq!(digest.answers, 5);
        assert_eq!(digest.praised.len(), 2);
        let reporting = &digest.praised[0];
        assert_eq!(
            (reporting.theme.as_str(), reporting.mentions, reporting.accounts),
            ("reporting", 2, 2)
        );
        // B's comment is warmer, but the reader does not see B.
        assert_eq!(reporting.quote.as_ref().unwrap().text, "Great reports every week");
        assert_eq!(digest.praised[1].theme, "responsiveness");
        let everyone = november(&responses, &[], &|_| true);
        assert_eq!(
            everyone.praised[0].quote.as_ref().unwrap().text,
            "Superb reporting, truly"
        );
    }

    #[test]
    fn initiatives_started_and_done_in_the_month_in_the_order_they_moved() {
        let initiative = |id: &str, history: Vec<(InitiativeStatus, DateTime<Utc>)>| InitiativeFact {
            id: id.to_string(),
            title: format!("Initiative {id}"),
            owner: None,
            topics: vec![Topic::theme("reporting")],
            history,
        };
        use InitiativeStatus::*;
        let initiatives = [
            initiative(
                "late",
                vec![(Proposed, at(9, 1)), (Planned, at(10, 1)), (InProgress, at(11, 25))],
            ),
            initiative(
                "early",
                vec![(Proposed, at(11, 1)), (Planned, at(11, 2)), (InProgress, at(11, 3))],
            ),
            initiative("finished", vec![(InProgress, at(10, 2)), (Done, at(11, 30))]),
            initiative("october", vec![(InProgress, at(10, 5))]),
        ];
        let digest = november(&[], &initiatives, &|_| true);
        let ids = |list: &[DigestInitiative]| list.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&digest.started), ["early", "late"]);
        assert_eq!(ids(&digest.done), ["finished"]);
        assert!(!digest.is_empty());
        assert!(november(&[], &initiatives[3..], &|_| true).is_empty());
    }

    #[test]
    fn navigation_stops_at_the_first_month_and_at_the_last_one_that_is_over() {
        let digest = november(&[], &[], &|_| true);
        assert_eq!(digest.previous.as_deref(), Some("2026-10"));
        assert_eq!(digest.next, None, "December is not over on 6 December");
        let first = super::digest(NOVEMBER, NOVEMBER, at(12, 6), &[], &[], &[], &|_| true);
        assert_eq!(first.previous, None);
        assert_eq!(last_complete_month(at(12, 6)), NOVEMBER);
        assert_eq!(month_after(Month { year: 2026, month: 10 }, at(12, 6)), Some(NOVEMBER));
        assert_eq!(month_name(NOVEMBER, Lang::Fi), "marraskuu 2026");
    }

    #[test]
    fn a_week_runs_from_monday_and_is_named_the_iso_way() {
        // Sunday 6 December 2026 belongs to the week of Monday 30 November, week 49.
        let sunday = at(12, 6);
        assert_eq!(Week::of(sunday).label(), "2026-W49");
        assert_eq!(Week::of(sunday).dates(Lang::Fi), "30.11.–6.12.2026");
        assert_eq!(Week::of(sunday).dates(Lang::En), "30 Nov – 6 Dec 2026");
        let last = Week::last_complete(sunday);
        assert_eq!(last.label(), "2026-W48");
        assert!(last.contains(Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap()));
        assert!(last.contains(Utc.with_ymd_and_hms(2026, 11, 29, 23, 59, 59).unwrap()));
        assert!(!last.contains(Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap()));
        // Around the year's turn the ISO year is the week's.
        assert_eq!(
            Week::of(Utc.with_ymd_and_hms(2027, 1, 1, 8, 0, 0).unwrap()).label(),
            "2026-W53"
        );
        assert_eq!(month_name(Month { year: 2027, month: 1 }, Lang::En), "January 2027");
    }
}
