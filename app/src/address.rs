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

/// The pairs of a query as the router hands them to a page (values decoded), for tests.
#[cfg(test)]
pub fn parse_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |value: &str| {
        let bytes = value.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&value[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), decode(v)))
        .collect()
}
