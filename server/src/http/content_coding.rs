//! Content-coding negotiation (`Accept-Encoding`, RFC 9110 §12.5.3): which of the
//! encodings the server has for a response the client should get.

use poem::http::HeaderMap;
use poem::http::header::ACCEPT_ENCODING;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    /// The token in `Accept-Encoding` and `Content-Encoding`.
    pub fn token(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
            Coding::Identity => "identity",
        }
    }

    /// Among equally welcome codings the smaller output wins: brotli, then gzip.
    fn preference(self) -> u8 {
        match self {
            Coding::Brotli => 2,
            Coding::Gzip => 1,
            Coding::Identity => 0,
        }
    }
}

/// The coding to send, from the compressed ones `available` (identity is always
/// possible): the client's highest q-value wins, ties go to the smaller encoding.
/// Without an `Accept-Encoding` header the answer is identity: old clients and
/// tools that send none are not known to decode anything.
pub fn negotiate(headers: &HeaderMap, available: &[Coding]) -> Coding {
    let accepted: Vec<(String, u16)> = headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(parse_element)
        .collect();
    if accepted.is_empty() {
        return Coding::Identity;
    }
    let weight = |coding: Coding| -> u16 {
        let named = accepted.iter().find(|(name, _)| name == coding.token());
        let star = accepted.iter().find(|(name, _)| name == "*");
        match (named, star, coding) {
            (Some((_, q)), _, _) => *q,
            (None, Some((_, q)), _) => *q,
            // Unnamed, identity stays acceptable (unless `*;q=0`) but is the last
            // choice: a client that lists codings wants one of them.
            (None, None, Coding::Identity) => 1,
            (None, None, _) => 0,
        }
    };
    available
        .iter()
        .copied()
        .filter(|coding| *coding != Coding::Identity)
        .chain([Coding::Identity])
        .map(|coding| (weight(coding), coding.preference(), coding))
        .filter(|(q, _, _)| *q > 0)
        .max_by_key(|(q, preference, _)| (*q, *preference))
        // Nothing acceptable: the unencoded original is still the most useful answer.
        .map_or(Coding::Identity, |(_, _, coding)| coding)
}

/// `gzip;q=0.8` → ("gzip", 800): the name lower-cased, the q-value in thousandths.
fn parse_element(element: &str) -> Option<(String, u16)> {
    let mut parts = element.split(';');
    let name = parts.next()?.trim().to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    let mut q = 1000;
    for parameter in parts {
        let (key, value) = parameter.split_once('=')?;
        if key.trim().eq_ignore_ascii_case("q") {
            let value: f32 = value.trim().parse().ok()?;
            q = (value.clamp(0.0, 1.0) * 1000.0).round() as u16;
        }
    }
    Some((name, q))
}

#[cfg(test)]
mod tests {
    use poem::http::HeaderValue;

    use super::*;

    const BOTH: &[Coding] = &[Coding::Brotli, Coding::Gzip];

    fn chosen(accept_encoding: Option<&str>, available: &[Coding]) -> Coding {
        let mut headers = HeaderMap::new();
        if let Some(value) = accept_encoding {
            headers.insert(ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        }
        negotiate(&headers, available)
    }

    #[test]
    fn brotli_is_preferred_when_equally_welcome() {
        assert_eq!(chosen(Some("gzip, deflate, br, zstd"), BOTH), Coding::Brotli);
        assert_eq!(chosen(Some("br;q=1.0, gzip;q=1.0"), BOTH), Coding::Brotli);
    }

    #[test]
    fn q_values_decide() {
        assert_eq!(chosen(Some("br;q=0.5, gzip;q=0.8"), BOTH), Coding::Gzip);
        assert_eq!(chosen(Some("gzip;q=0.1"), BOTH), Coding::Gzip);
        assert_eq!(chosen(Some("gzip; q=0, br"), BOTH), Coding::Brotli);
        assert_eq!(chosen(Some("br;q=0, gzip;q=0"), BOTH), Coding::Identity);
        assert_eq!(chosen(Some("identity, br;q=0.5"), BOTH), Coding::Identity);
        assert_eq!(chosen(Some("*"), BOTH), Coding::Brotli);
        assert_eq!(chosen(Some("*;q=0.3, br;q=0"), BOTH), Coding::Gzip);
        assert_eq!(chosen(Some("BR"), BOTH), Coding::Brotli);
    }

    #[test]
    fn only_what_the_server_has_is_chosen() {
        assert_eq!(chosen(Some("br, gzip"), &[Coding::Gzip]), Coding::Gzip);
        assert_eq!(chosen(Some("br"), &[Coding::Gzip]), Coding::Identity);
        assert_eq!(chosen(Some("gzip"), &[]), Coding::Identity);
    }

    #[test]
    fn no_header_or_nonsense_means_identity() {
        assert_eq!(chosen(None, BOTH), Coding::Identity);
        assert_eq!(chosen(Some(""), BOTH), Coding::Identity);
        assert_eq!(chosen(Some("deflate"), BOTH), Coding::Identity);
        assert_eq!(chosen(Some("br;q=high"), BOTH), Coding::Identity);
    }
}
