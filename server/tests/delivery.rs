//! What a browser downloads: the app's files in the encoding it accepts (the copies
//! the build wrote), cached for good when content-hashed and revalidated otherwise,
//! the single-page app's routes, and compressed API answers.

mod common;

use std::io::{Read, Write};
use std::path::Path;

use common::TestApp;
use kaiku_server::config::Config;
use poem::test::TestResponse;
use serde_json::{Value, json};

const WASM: &str = "/kaiku-app-0123456789abcdef_bg.wasm";
const SCRIPT: &str = "/kaiku-app-0123456789abcdef.js";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

struct Dist {
    _root: tempfile::TempDir,
    index: Vec<u8>,
    survey: Vec<u8>,
    wasm: Vec<u8>,
    script: Vec<u8>,
    config: Config,
}

/// A built app as `cargo xtask` leaves it: Trunk's files and, beside the compressible
/// ones, their `.br` and `.gz` copies (the script has only a `.gz` one here). A secret
/// lies next to `dist/`, where no request may reach it.
fn built_dist() -> Dist {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(dist.join("survey")).unwrap();
    std::fs::create_dir_all(dist.join("public")).unwrap();
    std::fs::write(root.path().join("secret.txt"), "the server's own file").unwrap();

    let index = format!(
        "<!doctype html><html><head><title>Kaiku</title><script type=\"module\">import init from '{SCRIPT}'; init('{WASM}');</script></head><body>{}</body></html>",
        "<!-- team app -->".repeat(50)
    )
    .into_bytes();
    let survey = format!(
        "<!doctype html><html lang=\"fi\"><head><title>Kysely</title></head><body>{}</body></html>",
        "<!-- survey -->".repeat(50)
    )
    .into_bytes();
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0"
        .iter()
        .copied()
        .chain((0..20_000u32).map(|i| (i % 7) as u8))
        .collect();
    let script = "export function start() { return 'kaiku'; }\n".repeat(100).into_bytes();

    write_with_copies(&dist.join("index.html"), &index, true);
    write_with_copies(&dist.join("survey/index.html"), &survey, true);
    write_with_copies(&dist.join(&WASM[1..]), &wasm, true);
    write_with_copies(&dist.join(&SCRIPT[1..]), &script, false);
    std::fs::write(dist.join("sw.js"), "self.addEventListener('fetch', () => {});").unwrap();
    std::fs::write(
        dist.join("public/favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();

    let mut config = Config::for_tests();
    config.dist_dir = dist;
    Dist {
        _root: root,
        index,
        survey,
        wasm,
        script,
        config,
    }
}

fn write_with_copies(path: &Path, contents: &[u8], with_brotli: bool) {
    std::fs::write(path, contents).unwrap();
    if with_brotli {
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &contents[..], &mut br, &params).unwrap();
        std::fs::write(format!("{}.br", path.display()), br).unwrap();
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    gz.write_all(contents).unwrap();
    std::fs::write(format!("{}.gz", path.display()), gz.finish().unwrap()).unwrap();
}

async fn fetch(app: &TestApp, path: &str, accept_encoding: Option<&str>) -> TestResponse {
    let mut request = app.client.get(path);
    if let Some(value) = accept_encoding {
        request = request.header("Accept-Encoding", value);
    }
    request.send().await
}

fn header<'a>(response: &'a TestResponse, name: &str) -> Option<&'a str> {
    response.0.headers().get(name).and_then(|value| value.to_str().ok())
}

/// The body as the browser reads it after undoing `Content-Encoding`.
async fn decoded_body(response: TestResponse) -> Vec<u8> {
    let encoding = header(&response, "Content-Encoding").map(str::to_string);
    let raw = response.0.into_body().into_vec().await.unwrap();
    let mut decoded = Vec::new();
    match encoding.as_deref() {
        None => decoded = raw,
        Some("br") => brotli::BrotliDecompress(&mut &raw[..], &mut decoded).unwrap(),
        Some("gzip") => {
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut decoded)
                .unwrap();
        }
        Some(other) => panic!("unexpected Content-Encoding {other}"),
    }
    decoded
}

#[tokio::test]
async fn assets_come_in_the_best_encoding_the_browser_accepts() {
    let dist = built_dist();
    let app = TestApp::with_config(dist.config.clone()).await;

    // (Accept-Encoding, the wasm's expected encoding, the script's: it has no .br copy)
    let cases = [
        (Some("gzip, deflate, br, zstd"), Some("br"), Some("gzip")),
        (Some("gzip"), Some("gzip"), Some("gzip")),
        (Some("br;q=0.5, gzip;q=0.9"), Some("gzip"), Some("gzip")),
        (Some("br"), Some("br"), None),
        (Some("identity"), None, None),
        (Some("br;q=0, gzip;q=0"), None, None),
        (None, None, None),
    ];
    for (accept, wasm_encoding, script_encoding) in cases {
        let wasm = fetch(&app, WASM, accept).await;
        wasm.assert_status_is_ok();
        assert_eq!(header(&wasm, "Content-Encoding"), wasm_encoding, "wasm for {accept:?}");
        assert_eq!(header(&wasm, "Content-Type"), Some("application/wasm"));
        assert_eq!(header(&wasm, "Vary"), Some("Accept-Encoding"));
        assert_eq!(header(&wasm, "Cache-Control"), Some(IMMUTABLE));
        assert_eq!(decoded_body(wasm).await, dist.wasm, "wasm for {accept:?}");

        let script = fetch(&app, SCRIPT, accept).await;
        script.assert_status_is_ok();
        assert_eq!(
            header(&script, "Content-Encoding"),
            script_encoding,
            "script for {accept:?}"
        );
        assert_eq!(header(&script, "Content-Type"), Some("text/javascript; charset=utf-8"));
        assert_eq!(header(&script, "Cache-Control"), Some(IMMUTABLE));
        assert_eq!(decoded_body(script).await, dist.script, "script for {accept:?}");
    }

    let compressed = fetch(&app, WASM, Some("br"))
        .await
        .0
        .into_body()
        .into_vec()
        .await
        .unwrap();
    assert!(
        compressed.len() * 10 < dist.wasm.len(),
        "the brotli copy is what is sent: {} bytes",
        compressed.len()
    );
}

#[tokio::test]
async fn pages_are_revalidated_and_the_apps_routes_get_their_page() {
    let dist = built_dist();
    let app = TestApp::with_config(dist.config.clone()).await;

    for (path, page) in [
        ("/", &dist.index),
        ("/index.html", &dist.index),
        ("/accounts/42/overview", &dist.index),
        ("/heatmap", &dist.index),
        ("/missing-0123456789abcdef.js", &dist.index),
        ("/s/a-survey-token", &dist.survey),
        ("/survey/", &dist.survey),
    ] {
        let response = fetch(&app, path, Some("br, gzip")).await;
        response.assert_status_is_ok();
        assert_eq!(
            header(&response, "Content-Type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert_eq!(header(&response, "Cache-Control"), Some("no-cache"), "{path}");
        assert_eq!(header(&response, "Content-Encoding"), Some("br"), "{path}");
        assert!(header(&response, "Content-Security-Policy").is_some(), "{path}");
        assert_eq!(&decoded_body(response).await, page, "{path}");
    }

    for path in ["/sw.js", "/public/favicon.svg"] {
        let response = fetch(&app, path, Some("br, gzip")).await;
        response.assert_status_is_ok();
        assert_eq!(header(&response, "Cache-Control"), Some("no-cache"), "{path}");
        assert_eq!(
            header(&response, "Content-Encoding"),
            None,
            "{path} has no compressed copy"
        );
    }
}

/// `cargo xtask dev`: the survey page built into a directory of its own, and a
/// rebuild under the running server whose new loader the policy admits at once.
#[tokio::test]
async fn a_survey_built_elsewhere_is_served_and_a_rebuilt_loader_is_admitted() {
    let dist = built_dist();
    let elsewhere = tempfile::tempdir().unwrap();
    let survey_page = elsewhere.path().join("index.html");
    std::fs::write(
        &survey_page,
        "<html><script>start(1)</script><p>survey built apart</p></html>",
    )
    .unwrap();
    let mut config = dist.config.clone();
    config.survey_dist_dir = Some(elsewhere.path().to_path_buf());
    let app = TestApp::with_config(config).await;

    for path in ["/s/a-survey-token", "/survey/"] {
        let response = fetch(&app, path, None).await;
        response.assert_status_is_ok();
        let body = String::from_utf8(decoded_body(response).await).unwrap();
        assert!(body.contains("survey built apart"), "{path}: {body}");
    }

    let policy_before = header(&fetch(&app, "/s/token", None).await, "Content-Security-Policy")
        .unwrap()
        .to_string();
    std::fs::write(&survey_page, "<html><script>start(22)</script><p>rebuilt</p></html>").unwrap();
    // The server looks at the pages again about once a second.
    let mut policy_after = policy_before.clone();
    for _ in 0..40 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        policy_after = header(&fetch(&app, "/s/token", None).await, "Content-Security-Policy")
            .unwrap()
            .to_string();
        if policy_after != policy_before {
            break;
        }
    }
    assert_ne!(
        policy_after, policy_before,
        "the rebuilt loader's hash replaces the old one"
    );
    assert_eq!(policy_after.matches("'sha256-").count(), 2, "{policy_after}");
}

#[tokio::test]
async fn an_unchanged_file_is_answered_not_modified() {
    let dist = built_dist();
    let app = TestApp::with_config(dist.config.clone()).await;

    let first = fetch(&app, "/", Some("br")).await;
    let etag = header(&first, "ETag").expect("an ETag").to_string();

    let revalidate = |accept_encoding: &'static str| {
        app.client
            .get("/")
            .header("Accept-Encoding", accept_encoding)
            .header("If-None-Match", &etag)
            .send()
    };
    let again = revalidate("br").await;
    again.assert_status(poem::http::StatusCode::NOT_MODIFIED);
    assert_eq!(header(&again, "ETag"), Some(etag.as_str()));
    assert_eq!(header(&again, "Cache-Control"), Some("no-cache"));
    assert!(again.0.into_body().into_vec().await.unwrap().is_empty());

    // The gzip body is another representation: the brotli one's tag does not match it.
    let other_encoding = revalidate("gzip").await;
    other_encoding.assert_status_is_ok();
    assert_eq!(decoded_body(other_encoding).await, dist.index);
}

#[tokio::test]
async fn nothing_outside_dist_is_served_and_errors_name_no_path() {
    let dist = built_dist();
    let app = TestApp::with_config(dist.config.clone()).await;

    for path in ["/../secret.txt", "/survey/../../secret.txt", "/.%2e/secret.txt"] {
        let response = fetch(&app, path, None).await;
        let body = String::from_utf8(response.0.into_body().into_vec().await.unwrap()).unwrap();
        assert!(!body.contains("the server's own file"), "{path} reached outside dist/");
    }

    let posted = app.client.post("/").body("x").send().await;
    posted.assert_status(poem::http::StatusCode::METHOD_NOT_ALLOWED);
    let body: Value = posted.0.into_body().into_json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");

    // A server without a built app: the one error shape, and no directory named.
    let unbuilt = TestApp::new().await;
    let response = fetch(&unbuilt, "/accounts", Some("br")).await;
    response.assert_status(poem::http::StatusCode::NOT_FOUND);
    let text = String::from_utf8(response.0.into_body().into_vec().await.unwrap()).unwrap();
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert!(!text.contains("nonexistent") && !text.contains('/'), "{text}");
}

#[tokio::test]
async fn large_api_answers_are_compressed_when_accepted() {
    let app = TestApp::new().await;
    let admin = app.signup("Delivery Oy", "admin@delivery.test").await;
    for n in 0..15 {
        app.account(&admin, &format!("Customer number {n}"), json!({})).await;
    }
    let cookies: Vec<String> = admin.cookie_jar().iter().map(|(k, v)| format!("{k}={v}")).collect();
    let list = |accept: Option<&'static str>| {
        let mut request = app.client.get("/api/v1/accounts").header("Cookie", cookies.join("; "));
        if let Some(value) = accept {
            request = request.header("Accept-Encoding", value);
        }
        request.send()
    };

    let plain = list(None).await;
    plain.assert_status_is_ok();
    assert_eq!(header(&plain, "Content-Encoding"), None);
    let plain_body = plain.0.into_body().into_vec().await.unwrap();
    assert!(plain_body.len() > 2048, "the list is large: {} bytes", plain_body.len());
    let expected: Value = serde_json::from_slice(&plain_body).unwrap();

    for (accept, encoding) in [("gzip, deflate, br", "br"), ("gzip", "gzip")] {
        let response = list(Some(accept)).await;
        response.assert_status_is_ok();
        assert_eq!(header(&response, "Content-Encoding"), Some(encoding));
        assert_eq!(header(&response, "Vary"), Some("Accept-Encoding"));
        assert_eq!(header(&response, "Cache-Control"), Some("no-store"));
        let decoded: Value = serde_json::from_slice(&decoded_body(response).await).unwrap();
        assert_eq!(decoded, expected);
    }

    let spec = fetch(&app, "/api/v1/openapi.json", Some("br")).await;
    assert_eq!(header(&spec, "Content-Encoding"), Some("br"));
    let spec: Value = serde_json::from_slice(&decoded_body(spec).await).unwrap();
    assert!(spec["paths"]["/accounts"].is_object());

    // A small answer stays as it is: compressing it would save nothing.
    let csrf = fetch(&app, "/api/v1/auth/csrf", Some("br, gzip")).await;
    csrf.assert_status_is_ok();
    assert_eq!(header(&csrf, "Content-Encoding"), None);
    let _: Value = csrf.0.into_body().into_json().await.unwrap();
}
