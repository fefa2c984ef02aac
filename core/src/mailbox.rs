//! A mailbox Kaiku reads customer emails from over IMAP: its settings and their
//! rules, what admins see of it, and how an email is cut down to what its sender
//! wrote (`own_words`) before it is analysed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::account::PersonRef;
use crate::validate::{self, FieldError, Invalid};

pub const HOST_MAX_CHARS: usize = 253;
pub const USER_MAX_CHARS: usize = 254;
pub const PASSWORD_MAX_CHARS: usize = 1000;
pub const FOLDER_MAX_CHARS: usize = 200;
pub const DEFAULT_FOLDER: &str = "INBOX";
/// Attachments are listed by name, never stored; at most this many, each name cut to
/// [`ATTACHMENT_NAME_MAX_CHARS`].
pub const ATTACHMENTS_MAX: usize = 50;
pub const ATTACHMENT_NAME_MAX_CHARS: usize = 200;

api_enum! {
    /// How the connection is protected. There is no plain option: the password
    /// never crosses the network in the clear.
    pub enum MailboxSecurity {
        /// TLS from the first byte (IMAPS, port 993).
        Tls,
        /// A plain connection upgraded with STARTTLS before logging in (port 143).
        StartTls,
    }
}

impl MailboxSecurity {
    pub fn default_port(self) -> u16 {
        match self {
            MailboxSecurity::Tls => 993,
            MailboxSecurity::StartTls => 143,
        }
    }
}

api_type! {
    /// `PUT /settings/mailbox`: connects the organisation's mailbox, or changes it.
    /// `password` left out keeps the one stored; `port` left out is the security's
    /// usual one; `folder` left out is the inbox.
    pub struct MailboxInput {
        pub host: String,
        pub port: Option<u16>,
        pub security: MailboxSecurity,
        pub user: String,
        pub password: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub folder: String,
    }
}

impl MailboxInput {
    /// Trimmed (not the password: spaces may be part of it), the host lower-cased,
    /// the usual port and the inbox where none was given, an empty password as none.
    pub fn normalised(mut self) -> MailboxInput {
        self.host = self.host.trim().trim_end_matches('.').to_ascii_lowercase();
        self.port = Some(self.port.unwrap_or_else(|| self.security.default_port()));
        self.user = self.user.trim().to_string();
        self.folder = match self.folder.trim() {
            "" => DEFAULT_FOLDER.to_string(),
            folder => folder.to_string(),
        };
        self.password = self.password.filter(|p| !p.is_empty());
        self
    }

    pub fn check(&self) -> Result<(), FieldError> {
        let fail = |field, problem| Err(FieldError { field, problem });
        if self.host.is_empty() {
            return fail("host", Invalid::Required);
        }
        validate::too_long("host", &self.host, HOST_MAX_CHARS)?;
        if !is_host_name(&self.host) {
            return fail("host", Invalid::NotAHostName);
        }
        if self.port == Some(0) {
            return fail("port", Invalid::OutOfRange { min: 1, max: 65535 });
        }
        if self.user.is_empty() {
            return fail("user", Invalid::Required);
        }
        validate::too_long("user", &self.user, USER_MAX_CHARS)?;
        validate::too_long("folder", &self.folder, FOLDER_MAX_CHARS)?;
        for (field, value) in [("user", &self.user), ("folder", &self.folder)] {
            if value.chars().any(validate::is_hidden) {
                return fail(field, Invalid::HiddenCharacters);
            }
        }
        if let Some(password) = &self.password {
            validate::too_long("password", password, PASSWORD_MAX_CHARS)?;
            if password.chars().any(char::is_control) {
                return fail("password", Invalid::HiddenCharacters);
            }
        }
        Ok(())
    }
}

/// A DNS name or an IP address: letters, digits, hyphens and dots (colons and
/// brackets for IPv6), nothing a URL or a command could hide behind.
fn is_host_name(host: &str) -> bool {
    if host.parse::<core::net::IpAddr>().is_ok() {
        return true;
    }
    host.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

api_enum! {
    /// Why Kaiku could not read the mailbox, in kinds the app explains in the
    /// reader's language; the server's words (`last_error`) add the details.
    pub enum MailboxProblem {
        /// The server could not be found or did not accept the connection.
        Unreachable,
        /// TLS could not be set up: a certificate not trusted, or no STARTTLS.
        Insecure,
        /// The user name or password was refused.
        LoginRefused,
        /// The folder does not exist or cannot be opened.
        NoSuchFolder,
        /// The server did not answer in time.
        Timeout,
        /// The server answered something Kaiku did not expect.
        Unexpected,
        /// The stored password does not open with this server's key (the key was
        /// replaced): enter it again.
        PasswordUnreadable,
    }
}

impl MailboxProblem {
    /// The form field a person would change to mend it.
    pub fn field(self) -> &'static str {
        match self {
            MailboxProblem::Unreachable | MailboxProblem::Timeout | MailboxProblem::Unexpected => "host",
            MailboxProblem::Insecure => "security",
            MailboxProblem::LoginRefused | MailboxProblem::PasswordUnreadable => "password",
            MailboxProblem::NoSuchFolder => "folder",
        }
    }
}

api_type! {
    /// The organisation's mailbox as admins see it: never its password.
    pub struct MailboxView {
        pub host: String,
        pub port: u16,
        pub security: MailboxSecurity,
        pub user: String,
        pub folder: String,
        pub connected_at: DateTime<Utc>,
        pub connected_by: PersonRef,
        /// When Kaiku last reached the mailbox (successfully or not).
        pub last_checked_at: Option<DateTime<Utc>>,
        /// Why the last check failed; none when it worked.
        pub last_problem: Option<MailboxProblem>,
        /// The mail server's or the network's own words about it.
        pub last_error: Option<String>,
        /// When the next check is due.
        pub next_check_at: DateTime<Utc>,
        /// Emails read from it since it was connected.
        pub messages_read: u64,
        /// Emails that could not be read as messages (not MIME, nothing to read).
        pub unreadable: u64,
        /// The latest of them: its UID and why.
        pub last_unreadable: Option<String>,
    }
}

api_type! {
    /// `GET /settings/mailbox`: the mailbox, if one is connected, and whether this
    /// server can keep a mailbox password at all (it needs its secret key).
    pub struct MailboxSettings {
        pub mailbox: Option<MailboxView>,
        pub can_connect: bool,
    }
}

/// What the sender wrote in an email, without what they quoted or signed: quoted
/// lines (`>`) go, and the text ends at a reply header ("On … wrote:", "… kirjoitti:",
/// Outlook's "From: … Sent:" block or "Original Message" line), at a signature's
/// `-- ` line or a phone's "Sent from my …". A text that is nothing but those is kept
/// whole: a message is never emptied.
pub fn own_words(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(|line| line.trim_end_matches('\r')).collect();
    let mut kept: Vec<&str> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if ends_the_own_words(trimmed, &lines[index + 1..]) {
            break;
        }
        if trimmed.starts_with('>') {
            continue;
        }
        kept.push(line.trim_end());
    }
    let own = kept.join("\n").trim().to_string();
    if own.is_empty() { text.trim().to_string() } else { own }
}

fn ends_the_own_words(line: &str, after: &[&str]) -> bool {
    let lower = line.to_lowercase();
    let next = after.first().map(|l| l.trim().to_lowercase()).unwrap_or_default();
    let reply_header = |l: &str| l.ends_with("wrote:") || l.ends_with("kirjoitti:") || l.ends_with("skrev:");
    let separator = line.len() >= 20 && line.chars().all(|c| c == '_' || c == '-');
    line == "--"
        || separator
        || (lower.starts_with("-----") && (lower.contains("original message") || lower.contains("alkuperäinen viesti")))
        || reply_header(&lower)
        // "On Mon, 7 Dec 2026 at 10:00, Maija <maija@x.fi>" + "wrote:" on the next line.
        || ((lower.starts_with("on ") || lower.contains('@')) && !lower.is_empty() && reply_header(&next) && next.len() < 20)
        || (is_header(&lower, &["from:", "lähettäjä:"])
            && after
                .iter()
                .take(4)
                .any(|l| is_header(&l.trim().to_lowercase(), &["sent:", "lähetetty:", "date:", "päivämäärä:"])))
        || lower.starts_with("sent from my ")
        || lower.starts_with("lähetetty ") && (lower.contains("iphone") || lower.contains("android") || lower.contains("outlook"))
}

fn is_header(lower: &str, names: &[&str]) -> bool {
    names.iter().any(|name| lower.starts_with(name))
}

/// An attachment's name as listed: no control or invisible characters, cut to
/// [`ATTACHMENT_NAME_MAX_CHARS`]; "attachment" when it had none.
pub fn attachment_name(name: Option<&str>) -> String {
    let clean: String = name
        .unwrap_or_default()
        .chars()
        .filter(|c| !validate::is_hidden(*c))
        .take(ATTACHMENT_NAME_MAX_CHARS)
        .collect();
    match clean.trim() {
        "" => "attachment".to_string(),
        name => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(host: &str, user: &str) -> MailboxInput {
        MailboxInput {
            host: host.into(),
            port: None,
            security: MailboxSecurity::Tls,
            user: user.into(),
            password: Some("pw".into()),
            folder: " ".into(),
        }
        .normalised()
    }

    #[test]
    fn settings_get_their_usual_port_and_the_inbox() {
        let made = input(" IMAP.Example.com. ", " feedback@example.com ");
        assert_eq!(made.check(), Ok(()));
        assert_eq!(
            (made.host.as_str(), made.port, made.user.as_str(), made.folder.as_str()),
            ("imap.example.com", Some(993), "feedback@example.com", "INBOX")
        );
        let start_tls = MailboxInput {
            security: MailboxSecurity::StartTls,
            ..input("mail.example.com", "u")
        };
        assert_eq!(start_tls.port, Some(993), "normalised once, with TLS");
        let start_tls = MailboxInput {
            port: None,
            ..start_tls
        }
        .normalised();
        assert_eq!(start_tls.port, Some(143));
    }

    #[test]
    fn hosts_are_names_or_addresses_and_nothing_else() {
        let field = |host: &str| input(host, "u").check().err().map(|e| (e.field, e.problem));
        for good in ["imap.example.com", "127.0.0.1", "::1", "mail-1.example.fi"] {
            assert_eq!(field(good), None, "{good}");
        }
        assert_eq!(field(""), Some(("host", Invalid::Required)));
        for bad in [
            "imap.example.com/x",
            "imaps://x.test",
            "a b",
            "-x.test",
            "x..test",
            "x.test:993",
        ] {
            assert_eq!(field(bad), Some(("host", Invalid::NotAHostName)), "{bad}");
        }
        assert_eq!(
            input("x.test", "").check().unwrap_err(),
            FieldError {
                field: "user",
                problem: Invalid::Required
            }
        );
        let bad_password = MailboxInput {
            password: Some("a\nb".into()),
            ..input("x.test", "u")
        };
        assert_eq!(bad_password.check().unwrap_err().field, "password");
        let zero_port = MailboxInput {
            port: Some(0),
            ..input("x.test", "u")
        };
        assert_eq!(zero_port.check().unwrap_err().field, "port");
    }

    #[test]
    fn quoted_replies_and_signatures_are_cut() {
        let reply = "Thanks, but the report is still late.\n\
                     We need it by Friday.\n\
                     \n\
                     On Mon, 7 Dec 2026 at 10:00, Anna <anna@agency.fi> wrote:\n\
                     > Here is the report.\n\
                     > Best, Anna";
        assert_eq!(
            own_words(reply),
            "Thanks, but the report is still late.\nWe need it by Friday."
        );

        let finnish = "Raportti on edelleen myöhässä.\n\nma 7.12.2026 klo 10.00 Anna <anna@agency.fi> kirjoitti:\n> Tässä raportti.";
        assert_eq!(own_words(finnish), "Raportti on edelleen myöhässä.");

        let wrapped = "Fine by us.\nOn Mon, 7 Dec 2026 at 10:00, Anna Virtanen <anna@agency.fi>\nwrote:\n> Shall we?";
        assert_eq!(own_words(wrapped), "Fine by us.");

        let outlook = "Please call me.\r\n\r\nFrom: Anna <anna@agency.fi>\r\nSent: Monday, 7 December 2026 10.00\r\nTo: Maija\r\nSubject: Report\r\n\r\nHere is the report.";
        assert_eq!(own_words(outlook), "Please call me.");

        let outlook_line = "Ok.\n________________________________\nLähettäjä: Anna\nLähetetty: maanantai\nOld text";
        assert_eq!(own_words(outlook_line), "Ok.");

        let signed = "Great work on the launch!\n-- \nMaija Meikäläinen\nCEO, Globex";
        assert_eq!(own_words(signed), "Great work on the launch!");

        let phone = "Yes, go ahead.\n\nSent from my iPhone";
        assert_eq!(own_words(phone), "Yes, go ahead.");

        let inline = "> Can you come on Friday?\nYes, Friday works.\n> And the budget?\nStill open.";
        assert_eq!(own_words(inline), "Yes, Friday works.\nStill open.");
    }

    #[test]
    fn a_text_of_nothing_but_quotes_is_kept_whole() {
        let only_quote = "> The whole thing";
        assert_eq!(own_words(only_quote), "> The whole thing");
        assert_eq!(own_words("Plain text, no reply."), "Plain text, no reply.");
    }

    #[test]
    fn attachment_names_are_cleaned() {
        assert_eq!(attachment_name(Some("raportti.pdf")), "raportti.pdf");
        assert_eq!(attachment_name(Some("evil\u{202e}fdp.exe")), "evilfdp.exe");
        assert_eq!(attachment_name(None), "attachment");
        assert_eq!(
            attachment_name(Some(&"a".repeat(500))).chars().count(),
            ATTACHMENT_NAME_MAX_CHARS
        );
    }
}
