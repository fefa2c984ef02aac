//! Conditional requests (RFC 9110 §13.1.2): whether the representation a client holds
//! is still the one the server would send.

/// Whether one of the entity tags in `If-None-Match` names `etag`, weakly compared
/// (`W/"x"` and `"x"` are one), or the header is `*`.
pub fn none_match<'a>(if_none_match: impl IntoIterator<Item = &'a str>, etag: &str) -> bool {
    let weak = |tag: &'a str| tag.trim().trim_start_matches("W/");
    let etag = etag.trim_start_matches("W/");
    if_none_match.into_iter().map(weak).any(|tag| tag == "*" || tag == etag)
}

#[cfg(test)]
mod tests {
    use super::none_match;

    #[test]
    fn a_held_tag_matches_weakly_among_several_and_a_star_matches_anything() {
        assert!(none_match(["\"a1\""], "W/\"a1\""));
        assert!(none_match(["W/\"zz\"", " W/\"a1\""], "W/\"a1\""));
        assert!(none_match(["*"], "\"a1\""));
        assert!(!none_match(["\"a2\""], "W/\"a1\""));
        assert!(!none_match([], "W/\"a1\""));
    }
}
