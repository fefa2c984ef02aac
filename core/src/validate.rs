//! Input rules shared by the server (which enforces them) and the app (which shows
//! them before a round trip). Each failure names the field it is about.

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 256;
pub const NAME_MAX_CHARS: usize = 120;
pub const EMAIL_MAX_CHARS: usize = 254;

/// Why a value was refused. The app turns the variant into a sentence in the user's
/// language; the server into an English message for the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    NotAnEmail,
    TooMany {
        max: usize,
    },
    OutOfRange {
        min: i64,
        max: i64,
    },
    BeforeStart,
    UnknownChoice,
    /// Names something that does not exist here, e.g. a question of another survey.
    Unknown,
    /// Given twice where once is allowed.
    Repeated,
    /// Already names something else, e.g. a segment that is not a need segment.
    InUse,
    /// Holds a control character, or an invisible one that reorders or hides text
    /// (bidi overrides, zero-width characters): names are shown to other people.
    HiddenCharacters,
    /// Not an `http://` or `https://` address with a host.
    NotAWebAddress,
    /// Not what was to be typed again, e.g. the name of what is being deleted.
    Mismatch,
    /// Not a colour written `#rrggbb`.
    NotAColour,
    /// A colour too light to carry white text (see `brand::MIN_CONTRAST`).
    TooLight,
    /// A file larger than allowed.
    TooLarge {
        max_kb: usize,
    },
    /// Not a PNG, JPEG or WebP image.
    NotAnImage,
    /// Not a server's name (`imap.example.com`) or IP address.
    NotAHostName,
}

impl Invalid {
    pub fn english(self) -> String {
        match self {
            Invalid::Required => "is required".into(),
            Invalid::TooShort { min } => format!("must be at least {min} characters"),
            Invalid::TooLong { max } => format!("must be at most {max} characters"),
            Invalid::NotAnEmail => "is not a valid email address".into(),
            Invalid::TooMany { max } => format!("may have at most {max} items"),
            Invalid::OutOfRange { min, max } => format!("must be between {min} and {max}"),
            Invalid::BeforeStart => "must not be before the start".into(),
            Invalid::UnknownChoice => "is not one of the options".into(),
            Invalid::Unknown => "is not known here".into(),
            Invalid::Repeated => "is given more than once".into(),
            Invalid::InUse => "is already used for something else".into(),
            Invalid::HiddenCharacters => "must not contain control or invisible characters".into(),
            Invalid::NotAWebAddress => "must be an http:// or https:// address with a host".into(),
            Invalid::Mismatch => "does not match".into(),
            Invalid::NotAColour => "must be a colour written #rrggbb".into(),
            Invalid::TooLight => "is too light: white text on it must have a contrast of at least 4.5:1".into(),
            Invalid::TooLarge { max_kb } => format!("must be at most {max_kb} KB"),
            Invalid::NotAnImage => "must be a PNG, JPEG or WebP image".into(),
            Invalid::NotAHostName => "must be a server name such as imap.example.com, or an IP address".into(),
        }
    }
}

/// A rule broken by one field of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Invalid,
}

impl FieldError {
    pub fn message(&self) -> String {
        format!("{} {}", self.field.replace('_', " "), self.problem.english())
    }
}

fn check(field: &'static str, result: Result<(), Invalid>) -> Result<(), FieldError> {
    result.map_err(|problem| FieldError { field, problem })
}

/// Free text with an upper bound (empty is fine).
pub fn too_long(field: &'static str, value: &str, max: usize) -> Result<(), FieldError> {
    check(
        field,
        if value.chars().count() > max {
            Err(Invalid::TooLong { max })
        } else {
            Ok(())
        },
    )
}

/// A display name: trimmed, not empty, at most [`NAME_MAX_CHARS`], nothing hidden.
pub fn name(field: &'static str, value: &str) -> Result<(), FieldError> {
    let len = value.trim().chars().count();
    check(
        field,
        match len {
            0 => Err(Invalid::Required),
            n if n > NAME_MAX_CHARS => Err(Invalid::TooLong { max: NAME_MAX_CHARS }),
            _ if value.chars().any(is_hidden) => Err(Invalid::HiddenCharacters),
            _ => Ok(()),
        },
    )
}

/// Characters that do not show as themselves: C0/C1 controls (NUL, escape, newlines),
/// the bidi embeddings, overrides and isolates that make `Anna\u{202e}gpj.exe` read as
/// something else, zero-width characters and line separators.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
        )
}

/// Passwords are long rather than complicated: at least [`PASSWORD_MIN_CHARS`].
pub fn password(field: &'static str, value: &str) -> Result<(), FieldError> {
    let len = value.chars().count();
    check(
        field,
        match len {
            0 => Err(Invalid::Required),
            n if n < PASSWORD_MIN_CHARS => Err(Invalid::TooShort {
                min: PASSWORD_MIN_CHARS,
            }),
            n if n > PASSWORD_MAX_CHARS => Err(Invalid::TooLong {
                max: PASSWORD_MAX_CHARS,
            }),
            _ => Ok(()),
        },
    )
}

/// A password found in breach and common-password lists, or guessable from the
/// person's own details (`own_words`: their email, name, organisation) — zxcvbn's
/// offline dictionaries and patterns, refused below 10^8 estimated guesses. Length
/// is [`password`]'s rule; this one needs the dictionaries, so only the server has it.
#[cfg(feature = "password-strength")]
pub fn password_not_common(value: &str, own_words: &[&str]) -> bool {
    zxcvbn::zxcvbn(value, own_words).score() >= zxcvbn::Score::Three
}

/// An address as mail is sent to it: RFC 5321/5322 syntax (the `email_address`
/// crate) limited to what a person types — a dot-atom local part (no quoted strings,
/// which would let spaces and control characters in), a host name with a top-level
/// domain (no IP literals), no display name, nothing hidden. Deliverability is proven
/// by the email itself.
pub fn email(field: &'static str, value: &str) -> Result<(), FieldError> {
    let value = value.trim();
    let well_formed = || {
        let options = email_address::Options::default()
            .with_required_tld()
            .without_domain_literal()
            .without_display_text();
        let plain = !value.starts_with('"') && !value.chars().any(|c| is_hidden(c) || c.is_whitespace());
        plain && email_address::EmailAddress::parse_with_options(value, options).is_ok()
    };
    check(
        field,
        if value.is_empty() {
            Err(Invalid::Required)
        } else if value.chars().count() > EMAIL_MAX_CHARS {
            Err(Invalid::TooLong { max: EMAIL_MAX_CHARS })
        } else if well_formed() {
            Ok(())
        } else {
            Err(Invalid::NotAnEmail)
        },
    )
}

/// Emails are compared and stored trimmed and lower-cased.
pub fn normalise_email(value: &str) -> String {
    value.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[cfg(feature = "password-strength")]
    #[test]
    fn common_and_personal_passwords_are_refused_and_passphrases_kept() {
        for common in [
            "password1234",
            "qwertyuiop123",
            "iloveyou2024!",
            "123456789012",
            "Password1234",
        ] {
            assert!(!password_not_common(common, &[]), "{common}");
        }
        assert!(!password_not_common(
            "anna.virtanen@acme.fi",
            &["anna.virtanen@acme.fi", "Anna Virtanen"]
        ));
        for strong in [
            "a long enough password",
            "correct horse battery staple",
            "kahvi vuori sininen 7",
        ] {
            assert!(password_not_common(strong, &[]), "{strong}");
        }
    }

    #[test]
    fn short_passwords_are_refused_with_the_minimum() {
        let err = password("password", "elevenchars").unwrap_err();
        assert_eq!(err.problem, Invalid::TooShort { min: 12 });
        assert_eq!(err.message(), "password must be at least 12 characters");
        assert!(password("password", "twelve chars").is_ok());
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        // 12 characters, 24 bytes: long enough.
        assert!(password("password", "ääääääääääää").is_ok());
    }

    #[test]
    fn emails() {
        assert!(email("email", "anna@example.fi").is_ok());
        assert!(email("email", " Anna@Example.fi ").is_ok());
        for bad in [
            "anna",
            "anna@",
            "@example.fi",
            "anna@example",
            "an na@example.fi",
            "a@b@c.fi",
            "anna\u{0}@example.fi",
            "anna@exam\u{0}ple.fi",
            "anna\u{1b}@example.fi",
            "anna@example.fi\u{7f}",
            "anna\u{202e}@example.fi",
            "anna@exa\u{200b}mple.fi",
            "\"an na\"@example.fi",
            "\"a\\\u{0}\"@example.fi",
            "anna@[127.0.0.1]",
            "Anna <anna@example.fi>",
            "anna@example.fi\r\nBcc: victim@example.fi",
            "anna..b@example.fi",
            ".anna@example.fi",
            "anna@-example.fi",
            "anna@example..fi",
        ] {
            assert_eq!(email("email", bad).unwrap_err().problem, Invalid::NotAnEmail, "{bad}");
        }
        assert_eq!(email("email", "  ").unwrap_err().problem, Invalid::Required);
        for good in ["anna.b+kaiku@example.fi", "o'brien@example.co.uk", "päivi@esimerkki.fi"] {
            assert!(email("email", good).is_ok(), "{good}");
        }
    }

    #[test]
    fn names_with_control_or_bidi_characters_are_refused() {
        for bad in [
            "Anna\u{0}",
            "Anna\nVirtanen",
            "Anna\u{1b}[31m",
            "Anna\u{202e}gpj.exe",
            "Anna\u{2066}x\u{2069}",
            "An\u{200b}na",
            "\u{feff}Anna",
            "Anna\u{85}",
        ] {
            assert_eq!(
                name("name", bad).unwrap_err().problem,
                Invalid::HiddenCharacters,
                "{bad:?}"
            );
        }
        for good in ["Anna-Liisa Mäkelä", "O'Brien & Sons Oy", "Zoë Ødegård", "田中"] {
            assert!(name("name", good).is_ok(), "{good}");
        }
    }

    #[test]
    fn names_are_trimmed_before_checking() {
        assert_eq!(name("name", "   ").unwrap_err().problem, Invalid::Required);
        assert!(name("name", " Anna ").is_ok());
        let long = "x".repeat(NAME_MAX_CHARS + 1);
        assert_eq!(
            name("name", &long).unwrap_err().problem,
            Invalid::TooLong { max: NAME_MAX_CHARS }
        );
    }

    proptest! {
        #[test]
        fn normalised_emails_are_stable(s in ".{0,40}") {
            let once = normalise_email(&s);
            prop_assert_eq!(normalise_email(&once), once);
        }
    }
}
