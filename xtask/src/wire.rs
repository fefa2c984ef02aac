//! What a page costs a browser: its HTML and the scripts, wasm and styles the HTML
//! loads, fetched from the running server the way Chromium asks for them
//! (`Accept-Encoding: br`), counted in bytes received — headers and body.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::sh::Result;

pub struct Fetched {
    pub path: String,
    /// `Content-Encoding`, or "identity".
    pub encoding: String,
    /// Everything the server sent for this request: status line, headers, body.
    pub wire_bytes: u64,
    /// The body once decoded: the file as it is on disk.
    pub decoded_bytes: u64,
}

pub struct Page {
    pub files: Vec<Fetched>,
}

impl Page {
    pub fn wire_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.wire_bytes).sum()
    }

    pub fn decoded_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.decoded_bytes).sum()
    }
}

/// The page at `path` and every `.js`, `.wasm` and `.css` file its HTML names.
pub fn page(address: &str, path: &str) -> Result<Page> {
    let (html, body) = get(address, path)?;
    let html_text = String::from_utf8_lossy(&body).into_owned();
    let mut files = vec![html];
    for asset in referenced_assets(&html_text) {
        files.push(get(address, &asset)?.0);
    }
    Ok(Page { files })
}

/// Quoted same-origin paths ending in `.js`, `.wasm` or `.css`, in order, once each:
/// Trunk names them in `<link href>` and in its inline loader (`'/app-….js'`).
fn referenced_assets(html: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for quote in ['"', '\''] {
        for candidate in html.split(quote).skip(1).step_by(2) {
            let is_asset = [".js", ".wasm", ".css"].iter().any(|ext| candidate.ends_with(ext));
            if candidate.starts_with('/')
                && !candidate.starts_with("//")
                && is_asset
                && !candidate.contains(char::is_whitespace)
                && !found.iter().any(|f| f == candidate)
            {
                found.push(candidate.to_string());
            }
        }
    }
    found
}

/// One `GET` over HTTP/1.1, as a browser that accepts brotli sends it.
fn get(address: &str, path: &str) -> Result<(Fetched, Vec<u8>)> {
    let failed = |e: std::io::Error| format!("GET {path} from {address}: {e}");
    let mut stream = TcpStream::connect(address).map_err(failed)?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).map_err(failed)?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).map_err(failed)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(failed)?;

    let header_end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("GET {path}: no complete response"))?;
    let head = String::from_utf8_lossy(&response[..header_end]).to_ascii_lowercase();
    if !head.starts_with("http/1.1 200") {
        return Err(format!("GET {path}: {}", head.lines().next().unwrap_or_default()));
    }
    let header = |name: &str| {
        head.lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
            .map(|value| value.trim().to_string())
    };
    let mut body = response[header_end + 4..].to_vec();
    if header("transfer-encoding").is_some_and(|te| te.contains("chunked")) {
        body = dechunk(&body).ok_or_else(|| format!("GET {path}: a malformed chunked body"))?;
    }
    let encoding = header("content-encoding").unwrap_or_else(|| "identity".into());
    let decoded = match encoding.as_str() {
        "br" => {
            let mut decoded = Vec::new();
            brotli::BrotliDecompress(&mut &body[..], &mut decoded).map_err(|e| format!("GET {path}: brotli: {e}"))?;
            decoded
        }
        "identity" => body,
        other => return Err(format!("GET {path}: answered in {other}, which was not asked for")),
    };
    let fetched = Fetched {
        path: path.to_string(),
        encoding,
        wire_bytes: response.len() as u64,
        decoded_bytes: decoded.len() as u64,
    };
    Ok((fetched, decoded))
}

fn dechunk(mut chunked: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = chunked.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&chunked[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        if size == 0 {
            return Some(body);
        }
        let start = line_end + 2;
        body.extend_from_slice(chunked.get(start..start + size)?);
        chunked = chunked.get(start + size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_trunk_pages_load() {
        let html = r#"<link rel="stylesheet" href="/survey/survey-0a1b2c3d4e5f6789.css" integrity="sha384-x"/>
<link rel="modulepreload" href="/survey/kaiku-survey-0123456789abcdef.js" crossorigin="anonymous">
<link rel="preload" href="/survey/kaiku-survey-0123456789abcdef_bg.wasm" as="fetch" type="application/wasm">
<link rel="icon" type="image/svg+xml" href="/public/favicon.svg" />
<script type="module">import init from '/survey/kaiku-survey-0123456789abcdef.js';
init({ module_or_path: '/survey/kaiku-survey-0123456789abcdef_bg.wasm' });</script>"#;
        assert_eq!(
            referenced_assets(html),
            vec![
                "/survey/survey-0a1b2c3d4e5f6789.css",
                "/survey/kaiku-survey-0123456789abcdef.js",
                "/survey/kaiku-survey-0123456789abcdef_bg.wasm",
            ]
        );
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").as_deref(),
            Some(&b"abcde"[..])
        );
        assert_eq!(dechunk(b"5\r\nab"), None);
    }
}
