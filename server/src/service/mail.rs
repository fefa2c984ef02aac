//! The texts of the messages Kaiku sends. Every message is recorded in the outbox
//! (see `store::outbox`); delivery over SMTP is the mail issue's work.

use kaiku_core::analysis::ThemeDef;
use kaiku_core::case::{Deadline, Resolved};
use kaiku_core::digest::{DigestInitiative, TeamDigest};
use kaiku_core::initiative::Topic;
use kaiku_core::promise::{ChainReview, PromiseStatus};
use kaiku_core::response_rate::RateGroup;
use kaiku_core::topics::TopicItem;
use kaiku_core::{Lang, Role};

/// Text made safe inside HTML (element content and quoted attributes).
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub struct Message {
    pub subject: String,
    pub body: String,
}

/// Invitations go out in both languages: we do not know the invitee's yet.
pub fn invitation(org_name: &str, inviter: &str, role: Role, link: &str, valid_days: u32) -> Message {
    // Inside a sentence: "roolissa tiimin jäsen", "as team member".
    let (role_fi, role_en) = (role.label(Lang::Fi).to_lowercase(), role.label(Lang::En).to_lowercase());
    Message {
        subject: format!("Kutsu Kaikuun: {org_name} / Invitation to Kaiku: {org_name}"),
        body: format!(
            "Hei,\n\n{inviter} kutsui sinut organisaation {org_name} Kaikuun roolissa {role_fi}.\n\
             Ota kutsu vastaan tästä linkistä ({valid_days} päivän ajan):\n{link}\n\n\
             ---\n\nHello,\n\n{inviter} invited you to {org_name} on Kaiku as {role_en}.\n\
             Accept the invitation with this link (valid for {valid_days} days):\n{link}\n"
        ),
    }
}

/// The link that creates the organisation someone asked for at sign-up.
pub fn signup_confirmation(lang: Lang, org_name: &str, link: &str, valid_hours: u32) -> Message {
    match lang {
        Lang::Fi => Message {
            subject: format!("Vahvista Kaiku-tilisi: {org_name}"),
            body: format!(
                "Hei,\n\nViimeistele organisaation {org_name} luominen Kaikuun avaamalla tämä linkki \
                 ({valid_hours} tunnin ajan):\n{link}\n\n\
                 Jos et luonut tiliä, voit jättää viestin huomiotta: mitään ei luoda.\n"
            ),
        },
        Lang::En => Message {
            subject: format!("Confirm your Kaiku account: {org_name}"),
            body: format!(
                "Hello,\n\nFinish creating {org_name} on Kaiku by opening this link \
                 (valid for {valid_hours} hours):\n{link}\n\n\
                 If you did not sign up, ignore this email: nothing is created.\n"
            ),
        },
    }
}

/// Someone signed up with an address that already has an account: its owner is told,
/// and only its owner (the sign-up form answers as for any address).
pub fn signup_address_taken(lang: Lang, login_link: &str) -> Message {
    match lang {
        Lang::Fi => Message {
            subject: "Sinulla on jo Kaiku-tili".to_string(),
            body: format!(
                "Hei,\n\nTällä osoitteella yritettiin luoda uusi Kaiku-organisaatio, mutta osoitteella on jo tili. \
                 Kirjaudu sisään tästä:\n{login_link}\n\n\
                 Jos et itse yrittänyt, voit jättää viestin huomiotta: tiliisi ei tehty muutoksia.\n"
            ),
        },
        Lang::En => Message {
            subject: "You already have a Kaiku account".to_string(),
            body: format!(
                "Hello,\n\nSomeone tried to create a new Kaiku organisation with this address, which already has an account. \
                 Sign in here:\n{login_link}\n\n\
                 If it was not you, ignore this email: nothing about your account changed.\n"
            ),
        },
    }
}

/// What a counter-feedback email is about: the customer's answer on an account.
pub struct RequestContext<'a> {
    pub account: &'a str,
    pub contact: &'a str,
    /// Where the request opens in the app.
    pub link: &'a str,
}

fn bullet_list(points: &[String]) -> String {
    points.iter().map(|p| format!("  • {p}\n")).collect()
}

/// Asks a team member for counter-feedback, in their language, with the customer's
/// development points up front.
pub fn counter_feedback_request(lang: Lang, request: &RequestContext<'_>, points: &[String]) -> Message {
    let RequestContext { account, contact, link } = request;
    match lang {
        Lang::Fi => Message {
            subject: format!("Vastapalautepyyntö: {account}"),
            body: format!(
                "Hei,\n\n{contact} ({account}) vastasi asiakaskyselyyn. Miltä asiakkuus näyttää tiimin silmin?\n\n{}\
                 Anna vastapalautteesi täällä:\n{link}\n",
                if points.is_empty() {
                    String::new()
                } else {
                    format!("Kehityskohteet vastauksessa:\n{}\n", bullet_list(points))
                }
            ),
        },
        Lang::En => Message {
            subject: format!("Counter-feedback request: {account}"),
            body: format!(
                "Hello,\n\n{contact} ({account}) answered the customer survey. How does the relationship look \
                 from the team's side?\n\n{}Give your counter-feedback here:\n{link}\n",
                if points.is_empty() {
                    String::new()
                } else {
                    format!("Development points in the answer:\n{}\n", bullet_list(points))
                }
            ),
        },
    }
}

/// Reminds a team member of an open request.
pub fn request_reminder(lang: Lang, request: &RequestContext<'_>) -> Message {
    let RequestContext { account, contact, link } = request;
    match lang {
        Lang::Fi => Message {
            subject: format!("Muistutus: vastapalaute {account}"),
            body: format!(
                "Hei,\n\n{contact} ({account}) odottaa yhä tiimin näkemystä vastaukseensa.\n\
                 Vastapalautteen antaminen vie muutaman minuutin:\n{link}\n"
            ),
        },
        Lang::En => Message {
            subject: format!("Reminder: counter-feedback on {account}"),
            body: format!(
                "Hello,\n\nThe answer from {contact} ({account}) still waits for the team's view.\n\
                 Giving counter-feedback takes a few minutes:\n{link}\n"
            ),
        },
    }
}

/// Tells the account lead that a team member's request is still open.
pub fn request_escalation(lang: Lang, request: &RequestContext<'_>, recipient: &str, days: u32) -> Message {
    let RequestContext { account, contact, link } = request;
    match lang {
        Lang::Fi => Message {
            subject: format!("Vastapalaute myöhässä: {account}"),
            body: format!(
                "Hei,\n\n{recipient} ei ole {days} päivässä antanut vastapalautetta asiakkaan {contact} ({account}) \
                 vastaukseen. Asiakkuusvastaavana voit muistuttaa tai antaa palautteen itse:\n{link}\n"
            ),
        },
        Lang::En => Message {
            subject: format!("Counter-feedback overdue: {account}"),
            body: format!(
                "Hello,\n\n{recipient} has not given counter-feedback on the answer from {contact} ({account}) \
                 in {days} days. As the account lead you can follow up or give your own:\n{link}\n"
            ),
        },
    }
}

/// What a case follow-up email is about.
pub struct CaseContext<'a> {
    pub account: &'a str,
    pub owner: &'a str,
    pub deadline: Deadline,
    /// In the organisation's time zone.
    pub due_at: String,
    /// Where the case opens in the app.
    pub link: &'a str,
}

fn deadline_name(lang: Lang, deadline: Deadline) -> &'static str {
    match (lang, deadline) {
        (Lang::Fi, Deadline::Acknowledge) => "tapauksen vastaanotto",
        (Lang::Fi, Deadline::FirstContact) => "ensimmäinen yhteydenotto asiakkaaseen",
        (Lang::Fi, Deadline::Resolve) => "tapauksen ratkaisu",
        (Lang::En, Deadline::Acknowledge) => "taking up the case",
        (Lang::En, Deadline::FirstContact) => "first contact with the customer",
        (Lang::En, Deadline::Resolve) => "resolving the case",
    }
}

/// Reminds a case's owner of a deadline coming up.
pub fn case_reminder(lang: Lang, case: &CaseContext<'_>) -> Message {
    let CaseContext {
        account, due_at, link, ..
    } = case;
    let what = deadline_name(lang, case.deadline);
    match lang {
        Lang::Fi => Message {
            subject: format!("Muistutus: asiakastapaus {account}"),
            body: format!(
                "Hei,

asiakkaan {account} tapauksessa määräaika lähestyy: {what} viimeistään {due_at}.
{link}
"
            ),
        },
        Lang::En => Message {
            subject: format!("Reminder: customer case {account}"),
            body: format!(
                "Hello,

A deadline of the {account} case is coming up: {what} by {due_at}.
{link}
"
            ),
        },
    }
}

/// Tells the leaders that a case's deadline passed.
pub fn case_escalation(lang: Lang, case: &CaseContext<'_>) -> Message {
    let CaseContext {
        account,
        owner,
        due_at,
        link,
        ..
    } = case;
    let what = deadline_name(lang, case.deadline);
    match lang {
        Lang::Fi => Message {
            subject: format!("Asiakastapaus myöhässä: {account}"),
            body: format!(
                "Hei,

asiakkaan {account} tapauksen määräaika ylittyi: {what} {due_at} mennessä                  (vastuuhenkilö {owner}).
{link}
"
            ),
        },
        Lang::En => Message {
            subject: format!("Customer case overdue: {account}"),
            body: format!(
                "Hello,

A deadline of the {account} case has passed: {what} by {due_at} (owner {owner}).
{link}
"
            ),
        },
    }
}

/// A re-pulse answered "no" or "partly": what the case owner hears.
pub struct NotResolvedContext<'a> {
    pub account: &'a str,
    pub contact: &'a str,
    pub resolved: Resolved,
    pub comment: &'a str,
    /// Whether the answer reopened the case (or was added to another open one).
    pub reopened: bool,
    /// Where the case opens in the app.
    pub link: &'a str,
}

pub fn case_not_resolved(lang: Lang, case: &NotResolvedContext<'_>) -> Message {
    let NotResolvedContext {
        account,
        contact,
        comment,
        link,
        ..
    } = case;
    let comment = if comment.trim().is_empty() {
        String::new()
    } else {
        format!("\n\"{}\"\n", comment.trim())
    };
    match lang {
        Lang::Fi => {
            let answer = if case.resolved == Resolved::Partly {
                "osittain"
            } else {
                "ei"
            };
            let what = if case.reopened {
                "Tapaus avattiin uudelleen."
            } else {
                "Vastaus lisättiin asiakkaan avoimeen tapaukseen."
            };
            Message {
                subject: format!("Asia ei ole ratkaistu: {account}"),
                body: format!(
                    "Hei,\n\n{contact} ({account}) vastasi kysymykseen ”Onko asia nyt ratkaistu?”: {answer}.\n{comment}\n{what}\n{link}\n"
                ),
            }
        }
        Lang::En => {
            let answer = if case.resolved == Resolved::Partly {
                "partly"
            } else {
                "no"
            };
            let what = if case.reopened {
                "The case has been reopened."
            } else {
                "The answer was added to the account's open case."
            };
            Message {
                subject: format!("Not resolved: {account}"),
                body: format!(
                    "Hello,\n\n{contact} ({account}) answered “Is this resolved for you?”: {answer}.\n{comment}\n{what}\n{link}\n"
                ),
            }
        }
    }
}

/// A broken promise as its alert email tells it.
pub struct BrokenPromiseContext<'a> {
    pub account: &'a str,
    pub contact: &'a str,
    /// The promise as written, quoted (`kaiku_core::promise::quote`).
    pub promise: &'a str,
    pub fulfilment: f64,
    pub previous: Option<f64>,
    pub words: &'a [String],
    /// Where the promise alerts open in the app.
    pub link: &'a str,
    /// A team member's rating broke it (`contact` is their name), not a customer's.
    pub by_team: bool,
}

/// Tells the account lead or the seller that an answer broke a promise: the promise
/// as written beside the customer's own words.
pub fn promise_broken(lang: Lang, broken: &BrokenPromiseContext<'_>) -> Message {
    let BrokenPromiseContext {
        account,
        contact,
        promise,
        fulfilment,
        previous,
        words,
        link,
        by_team,
    } = broken;
    let quoted: String = words.iter().map(|w| format!("  \"{w}\"\n")).collect();
    match lang {
        Lang::Fi => {
            let (rated, whose) = if *by_team {
                let previous = previous
                    .map(|p| format!(" (edellisellä kerralla {p:.1})"))
                    .unwrap_or_default();
                (
                    format!(
                        "Tiimistä {contact} arvioi vastapalautteessaan, että onnistumme tällä osa-alueella arvosanalla {fulfilment:.1}/5{previous}."
                    ),
                    "Hänen sanoillaan",
                )
            } else {
                let previous = previous
                    .map(|p| format!(" (edellisellä kierroksella {p:.1})"))
                    .unwrap_or_default();
                (
                    format!("{contact} ({account}) antoi tälle osa-alueelle arvosanan {fulfilment:.1}/5{previous}."),
                    "Asiakkaan sanoin",
                )
            };
            Message {
                subject: format!("Lupaus ei pitänyt: {account}"),
                body: format!("Hei,\n\n{promise}\n\n{rated}\n{whose}:\n{quoted}\n{link}\n"),
            }
        }
        Lang::En => {
            let (rated, whose) = if *by_team {
                let previous = previous.map(|p| format!(" (previously {p:.1})")).unwrap_or_default();
                (
                    format!(
                        "{contact} of the team rated how we deliver on this aspect {fulfilment:.1}/5{previous} in counter-feedback."
                    ),
                    "In their words",
                )
            } else {
                let previous = previous
                    .map(|p| format!(" (previous round {p:.1})"))
                    .unwrap_or_default();
                (
                    format!("{contact} ({account}) rated this aspect {fulfilment:.1}/5{previous}."),
                    "In the customer's words",
                )
            };
            Message {
                subject: format!("Promise broken: {account}"),
                body: format!("Hello,\n\n{promise}\n\n{rated}\n{whose}:\n{quoted}\n{link}\n"),
            }
        }
    }
}

/// What an urgent customer message is about: negative, with a churn cause.
pub struct UrgentMessageContext<'a> {
    pub account: &'a str,
    pub sender: &'a str,
    pub source: &'a str,
    /// The words behind the label, as the customer wrote them.
    pub words: &'a [String],
    /// Where the account opens in the app.
    pub link: &'a str,
}

/// Tells the account lead at once of a customer message that shows a churn cause.
pub fn urgent_message(lang: Lang, message: &UrgentMessageContext<'_>) -> Message {
    let UrgentMessageContext {
        account,
        sender,
        source,
        words,
        link,
    } = message;
    let words = bullet_list(words);
    match lang {
        Lang::Fi => Message {
            subject: format!("Kiireellinen asiakasviesti: {account}"),
            body: format!(
                "Hei,

asiakkaalta {account} tuli viesti ({source}, {sender}), jossa näkyy poistumisen syy:
{words}
Viesti ja asiakastapaus: {link}
"
            ),
        },
        Lang::En => Message {
            subject: format!("Urgent customer message: {account}"),
            body: format!(
                "Hello,

A message from {account} ({source}, {sender}) shows a reason the customer may leave:
{words}
The message and the case: {link}
"
            ),
        },
    }
}

/// The team's month as its digest email tells it.
pub struct TeamDigestContext<'a> {
    pub organisation: &'a str,
    /// "marraskuu 2026" (`kaiku_core::digest::month_name`).
    pub month: &'a str,
    pub digest: &'a TeamDigest,
    /// The organisation's own themes, to name topics.
    pub themes: &'a [ThemeDef],
    /// Where the digest opens in the app.
    pub link: &'a str,
}

/// The monthly digest to one person of the team, in their language: initiatives
/// started and done, what customers praised most (with the warmest words, quoted),
/// and what recurs with no initiative on it. Empty sections are left out.
pub fn team_digest(lang: Lang, context: &TeamDigestContext<'_>) -> Message {
    let TeamDigestContext {
        organisation,
        month,
        digest,
        themes,
        link,
    } = context;
    let fi = lang == Lang::Fi;
    let mut body = if fi {
        format!(
            "Hei,\n\n{organisation}: {month}. Kyselyihin vastattiin {} kertaa.\n",
            digest.answers
        )
    } else {
        format!(
            "Hello,\n\n{organisation}: {month}. Surveys answered: {}.\n",
            digest.answers
        )
    };
    let initiatives = |title: &str, list: &[DigestInitiative]| -> String {
        if list.is_empty() {
            return String::new();
        }
        let lines: String = list
            .iter()
            .map(|i| match &i.owner {
                Some(owner) => format!("  • {} ({})\n", i.title, owner.name),
                None => format!("  • {}\n", i.title),
            })
            .collect();
        format!("\n{title}:\n{lines}")
    };
    body += &initiatives(
        if fi {
            "Aloitetut kehityshankkeet"
        } else {
            "Initiatives started"
        },
        &digest.started,
    );
    body += &initiatives(
        if fi {
            "Valmistuneet kehityshankkeet"
        } else {
            "Initiatives done"
        },
        &digest.done,
    );
    if !digest.praised.is_empty() {
        body += if fi {
            "\nMitä asiakkaat kehuivat eniten:\n"
        } else {
            "\nWhat customers praised most:\n"
        };
        for praise in &digest.praised {
            let name = Topic::theme(&praise.theme).name(themes, lang);
            body += &if fi {
                format!(
                    "  • {name}: {} kommenttia {} asiakkaalta\n",
                    praise.mentions, praise.accounts
                )
            } else {
                format!(
                    "  • {name}: {} comments from {} accounts\n",
                    praise.mentions, praise.accounts
                )
            };
            if let Some(quote) = &praise.quote {
                body += &format!("    \"{}\" — {}\n", quote.text, quote.by);
            }
        }
    }
    if !digest.recurring.is_empty() {
        body += if fi {
            "\nToistuu monella asiakkaalla, eikä sille ole vielä kehityshanketta:\n"
        } else {
            "\nRecurring across accounts, with no initiative on it yet:\n"
        };
        for recurring in &digest.recurring {
            let name = recurring.topic.name(themes, lang);
            body += &if fi {
                format!(
                    "  • {name}: {} asiakasta, {} € riskissä\n",
                    recurring.accounts, recurring.revenue_at_risk_eur
                )
            } else {
                format!(
                    "  • {name}: {} accounts, €{} at risk\n",
                    recurring.accounts, recurring.revenue_at_risk_eur
                )
            };
        }
    }
    body += &if fi {
        format!("\nKoko kooste: {link}\n")
    } else {
        format!("\nThe whole digest: {link}\n")
    };
    Message {
        subject: if fi {
            format!("Tiimin kuukausi: {month}")
        } else {
            format!("The team's month: {month}")
        },
        body,
    }
}

/// A topic owner's week as its email tells it.
pub struct TopicWeekContext<'a> {
    /// "30.11.–6.12.2026" (`kaiku_core::digest::Week::dates`).
    pub week: &'a str,
    /// Oldest first.
    pub items: &'a [TopicItem],
    /// The organisation's own themes, to name topics.
    pub themes: &'a [ThemeDef],
    /// Where the owner's topics open in the app.
    pub link: &'a str,
}

/// Everything said about an owner's topics in a week, each verbatim with its topic,
/// account and who said it: never paraphrased.
pub fn topic_week(lang: Lang, context: &TopicWeekContext<'_>) -> Message {
    let TopicWeekContext {
        week,
        items,
        themes,
        link,
    } = context;
    let fi = lang == Lang::Fi;
    let mut body = if fi {
        format!("Hei,\n\nAiheistasi sanottiin {week} näin, sanasta sanaan:\n")
    } else {
        format!("Hello,\n\nWhat was said about your topics {week}, word for word:\n")
    };
    for item in items.iter() {
        let topic = item.topic.as_topic().name(themes, lang);
        let date = item.at.format(if fi { "%-d.%-m." } else { "%-d %b" });
        body += &format!("\n[{topic}] {} — {}, {date}:\n", item.account.name, item.said_by);
        for line in item.text.lines() {
            body += &format!("  > {line}\n");
        }
    }
    body += &if fi {
        format!("\nAiheesi sovelluksessa: {link}\n")
    } else {
        format!("\nYour topics in the app: {link}\n")
    };
    let count = items.len();
    Message {
        subject: if fi {
            format!("Aiheistasi sanottiin {count} kertaa ({week})")
        } else {
            format!("Your topics: {count} said {week}")
        },
        body,
    }
}

/// A seller's quarter as its email tells it.
pub struct SellerQuarterContext<'a> {
    /// `2026-Q4`.
    pub quarter: &'a str,
    /// The seller's own promises.
    pub review: &'a ChainReview,
    /// Where the chain review opens in the app.
    pub link: &'a str,
}

/// Tells a seller, once a quarter, how the promises they recorded fare: per phase and
/// aspect how many keep and broke, then each broken one with the customers' words.
pub fn seller_quarter(lang: Lang, context: &SellerQuarterContext<'_>) -> Message {
    let SellerQuarterContext { quarter, review, link } = context;
    let fi = lang == Lang::Fi;
    let mut body = if fi {
        format!("Hei,\n\nNäin kirjaamasi lupaukset pitävät ({quarter}):\n\n")
    } else {
        format!("Hello,\n\nHow the promises you recorded fare ({quarter}):\n\n")
    };
    for row in &review.rows {
        let phase = row.phase.label(lang).to_lowercase();
        body += &if fi {
            format!(
                "  • {phase}, {}: {} pitää, {} rikki, {} arvioimatta\n",
                row.aspect, row.kept, row.broken, row.not_yet_rated
            )
        } else {
            format!(
                "  • {phase}, {}: {} kept, {} broken, {} not yet rated\n",
                row.aspect, row.kept, row.broken, row.not_yet_rated
            )
        };
    }
    let broken: Vec<_> = review
        .rows
        .iter()
        .flat_map(|row| &row.items)
        .filter(|item| item.status == PromiseStatus::Broken)
        .collect();
    if !broken.is_empty() {
        body += if fi {
            "\nRikkoutuneet lupaukset:\n"
        } else {
            "\nBroken promises:\n"
        };
        for item in broken {
            body += &format!("\n{}: {}\n", item.account.name, item.what);
            for quote in &item.quotes {
                body += &format!("  > {quote}\n");
            }
        }
    }
    body += &if fi {
        format!("\nLupausketju sovelluksessa: {link}\n")
    } else {
        format!("\nThe promise chain in the app: {link}\n")
    };
    Message {
        subject: if fi {
            format!("Lupauksesi: {quarter}")
        } else {
            format!("Your promises: {quarter}")
        },
        body,
    }
}

/// A fall in the response rate as its email tells it.
pub struct ResponseRateFallContext<'a> {
    /// "marraskuu 2026" (`kaiku_core::digest::month_name`).
    pub month: &'a str,
    /// The groups that fell that month.
    pub falls: &'a [RateGroup],
    /// Where the response rate opens in the app.
    pub link: &'a str,
}

/// Rounds listed per fall in the email; the app has them all.
const ROUNDS_IN_EMAIL: usize = 10;

/// Where the response rate fell significantly, by how much, and the rounds behind it.
pub fn response_rate_fall(lang: Lang, context: &ResponseRateFallContext<'_>) -> Message {
    let ResponseRateFallContext { month, falls, link } = context;
    let fi = lang == Lang::Fi;
    let percent = |value: Option<f64>| value.map_or_else(|| "–".to_string(), |v| format!("{v:.0} %"));
    let mut body = if fi {
        format!("Hei,\n\nVastausprosentti laski selvästi aiempaa alemmaksi ({month}):\n")
    } else {
        format!("Hello,\n\nThe response rate fell clearly below its earlier level in {month}:\n")
    };
    for fall in falls.iter() {
        let group = match (&fall.segment, fi) {
            (Some(segment), _) => segment.clone(),
            (None, true) => "Kaikki asiakkaat".to_string(),
            (None, false) => "All accounts".to_string(),
        };
        let (rate, baseline) = (percent(fall.test.rate), percent(fall.test.baseline_rate));
        body += &if fi {
            format!("\n{group}: {rate} (edeltävät kuusi kuukautta {baseline})\n")
        } else {
            format!("\n{group}: {rate} (the six months before: {baseline})\n")
        };
        for round in fall.rounds.iter().take(ROUNDS_IN_EMAIL) {
            let date = round.sent_on.format(if fi { "%-d.%-m." } else { "%-d %b" });
            body += &if fi {
                format!(
                    "  • {}, {date}: {}/{} vastasi\n",
                    round.account, round.answered, round.sent
                )
            } else {
                format!(
                    "  • {}, {date}: {} of {} answered\n",
                    round.account, round.answered, round.sent
                )
            };
        }
        if fall.rounds.len() > ROUNDS_IN_EMAIL {
            let more = fall.rounds.len() - ROUNDS_IN_EMAIL;
            body += &if fi {
                format!("  … ja {more} muuta kierrosta\n")
            } else {
                format!("  … and {more} more rounds\n")
            };
        }
    }
    body += &if fi {
        format!("\nVastausprosentit sovelluksessa: {link}\n")
    } else {
        format!("\nThe response rates in the app: {link}\n")
    };
    Message {
        subject: if fi {
            format!("Vastausprosentti laski ({month})")
        } else {
            format!("The response rate fell ({month})")
        },
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitation_carries_the_link_in_both_languages() {
        let msg = invitation("Demo Agency", "Anna", Role::Member, "http://x/invite/t", 7);
        assert_eq!(msg.body.matches("http://x/invite/t").count(), 2);
        assert!(msg.body.contains("tiimin jäsen") && msg.body.contains("team member"));
    }

    #[test]
    fn counter_feedback_request_lists_development_points_in_the_recipients_language() {
        let context = RequestContext {
            account: "Acme",
            contact: "Maija",
            link: "http://x/requests/r1",
        };
        let points = vec!["Toivoisin viikkoraportin.".to_string()];
        let fi = counter_feedback_request(Lang::Fi, &context, &points);
        assert!(fi.subject.contains("Vastapalautepyyntö"));
        assert!(fi.body.contains("  • Toivoisin viikkoraportin.") && fi.body.contains("http://x/requests/r1"));
        let en = counter_feedback_request(Lang::En, &context, &[]);
        assert!(en.body.contains("Give your counter-feedback") && !en.body.contains("Development points"));
    }

    #[test]
    fn case_follow_ups_name_the_deadline_in_the_recipients_language() {
        let context = CaseContext {
            account: "Globex",
            owner: "Lea Lead",
            deadline: Deadline::FirstContact,
            due_at: "2026-12-07 10:00".into(),
            link: "http://x/cases/c1",
        };
        let reminder = case_reminder(Lang::Fi, &context);
        assert!(
            reminder
                .body
                .contains("ensimmäinen yhteydenotto asiakkaaseen viimeistään 2026-12-07 10:00")
        );
        let escalation = case_escalation(Lang::En, &context);
        assert_eq!(escalation.subject, "Customer case overdue: Globex");
        assert!(escalation.body.contains("(owner Lea Lead)") && escalation.body.contains("http://x/cases/c1"));
    }
}
