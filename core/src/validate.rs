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

/// A display name: trimmed, not empty, at most [`NAME_MAX_CHARS`].
pub fn name(field: &'static str, value: &str) -> Result<(), FieldError> {
    let len = value.trim().chars().count();
    check(
        field,
        match len {
            0 => Err(Invalid::Required),
            n if n > NAME_MAX_CHARS => Err(Invalid::TooLong { max: NAME_MAX_CHARS }),
            _ => Ok(()),
        },
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

/// A pragmatic address check: one `@`, a non-empty local part, a dotted domain, no
/// spaces. Deliverability is proven by the invitation email, not by a regex.
pub fn email(field: &'static str, value: &str) -> Result<(), FieldError> {
    let value = value.trim();
    let well_formed = || {
        let (local, domain) = value.split_once('@')?;
        let ok = !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !value.chars().any(char::is_whitespace);
        ok.then_some(())
    };
    check(
        field,
        if value.is_empty() {
            Err(Invalid::Required)
        } else if value.chars().count() > EMAIL_MAX_CHARS {
            Err(Invalid::TooLong { max: EMAIL_MAX_CHARS })
        } else {
            well_formed().ok_or(Invalid::NotAnEmail)
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
        ] {
            assert_eq!(email("email", bad).unwrap_err().problem, Invalid::NotAnEmail, "{bad}");
        }
        assert_eq!(email("email", "  ").unwrap_err().problem, Invalid::Required);
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
