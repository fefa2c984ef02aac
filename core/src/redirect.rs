//! Where the app may send a user after login: only a path on this same site. The
//! `next` parameter is attacker-controlled (`/login?next=…` is a link anyone can send),
//! so it is classified the way a browser's URL parser would read it against our
//! origin, and taken only when that reading is a plain absolute path that the browser
//! would not rewrite on the way.

/// `next` itself when a browser would resolve it to a path on the current origin,
/// unchanged; `None` for anything that names another origin or that a browser would
/// first normalise (and might normalise into another origin).
pub fn same_origin_path(next: &str) -> Option<&str> {
    match classify(next) {
        Reference::AbsolutePath => Some(next),
        Reference::Absolute | Reference::NetworkPath | Reference::RelativePath | Reference::Rewritten => None,
    }
}

/// How the URL standard (WHATWG, for an `http(s)` base) reads a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reference {
    /// `scheme:…` — `https://evil.test`, `javascript:…`: another origin or no origin.
    Absolute,
    /// `//host…` — the authority of another site (`\` counts as `/` in special URLs).
    NetworkPath,
    /// `/path?query#fragment` on the current origin.
    AbsolutePath,
    /// `path`, `?query`, `#fragment`: resolved against the current page.
    RelativePath,
    /// The browser would strip or rewrite characters before parsing (leading or
    /// trailing C0 controls and spaces, tabs and newlines anywhere, `\` for `/`):
    /// `/%09/evil.test` becomes `//evil.test`. What is navigated must be what was checked.
    Rewritten,
}

fn classify(reference: &str) -> Reference {
    if reference
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Reference::Rewritten;
    }
    let mut chars = reference.chars();
    match (chars.next(), chars.next()) {
        (Some('/'), Some('/')) => Reference::NetworkPath,
        (Some('/'), _) => Reference::AbsolutePath,
        (Some(first), _) if first.is_ascii_alphabetic() && has_scheme(reference) => Reference::Absolute,
        _ => Reference::RelativePath,
    }
}

/// `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"` at the start.
fn has_scheme(reference: &str) -> bool {
    reference
        .split_once(':')
        .is_some_and(|(scheme, _)| scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_this_site_are_kept_as_given() {
        for path in [
            "/",
            "/accounts",
            "/accounts/abc?period=2026-05",
            "/heatmap#grid",
            "/a/%2F%2Fevil.test",
            "/päivä",
        ] {
            assert_eq!(same_origin_path(path), Some(path), "{path}");
        }
    }

    #[test]
    fn other_origins_are_refused_however_they_are_spelled() {
        for next in [
            "//evil.test",
            "///evil.test",
            "/\\evil.test",
            "\\\\evil.test",
            "/\t/evil.test",
            "/\n/evil.test",
            "\u{0}//evil.test",
            " //evil.test",
            "https://evil.test",
            "HTTPS://evil.test",
            "javascript:alert(1)",
            "data:text/html,x",
            "evil.test",
            "?next=x",
            "",
            "/\u{7f}/x",
            "/\u{85}/x",
        ] {
            assert_eq!(same_origin_path(next), None, "{next:?}");
        }
    }

    #[test]
    fn each_form_is_read_as_the_url_standard_reads_it() {
        assert_eq!(classify("https://evil.test"), Reference::Absolute);
        assert_eq!(classify("mailto:a@b.fi"), Reference::Absolute);
        assert_eq!(classify("//evil.test/x"), Reference::NetworkPath);
        assert_eq!(classify("/x"), Reference::AbsolutePath);
        assert_eq!(classify("x/y:z"), Reference::RelativePath);
        assert_eq!(classify("/x\\y"), Reference::Rewritten);
    }
}
