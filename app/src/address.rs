//! Query strings for the address bar: a page's view (filters, sort, mode) written
//! into its address, so Back and shared links return to the same view.

/// Percent-encodes all but the unreserved characters (RFC 3986), byte by byte.
fn encode_component(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `?key=value&…` in the pairs' order; empty for no pairs.
pub fn query(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", encode_component(value)))
        .collect();
    format!("?{}", joined.join("&"))
}

/// The pairs of a query (values decoded), as the router hands them to a page: for an
/// address kept elsewhere, such as a saved view. A broken escape is kept as written.
pub fn parse_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |value: &str| {
        let bytes = value.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let escaped = (bytes[i] == b'%')
                .then(|| value.get(i + 1..i + 3))
                .flatten()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok());
            match escaped {
                Some(byte) => {
                    out.push(byte);
                    i += 3;
                }
                None => {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), decode(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_reads_back_as_written_and_broken_escapes_stay_as_they_are() {
        let written = query(&[("q", "Ääkkönen & co".into()), ("band", "high".into())]);
        assert_eq!(
            parse_pairs(&written),
            vec![("q".into(), "Ääkkönen & co".into()), ("band".into(), "high".into())]
        );
        assert_eq!(
            parse_pairs("?q=100%&x=%zz%4"),
            vec![("q".into(), "100%".into()), ("x".into(), "%zz%4".into())]
        );
        assert_eq!(parse_pairs("?q=%FF"), vec![("q".into(), "\u{FFFD}".into())]);
    }
}
