//! The organisation's logo and accent colour over the HTTP API: admins set them, the
//! colour must carry white text, a logo must be an image by its bytes; customers get
//! both on the survey page and in the emails a real SMTP server receives; the logo is
//! public by an address that changes with it, and each organisation has its own.

mod common;

use common::smtp::SmtpSink;
use common::survey::sent_round;
use common::{Browser, TestApp};
use kaiku_server::config::{Config, SmtpTls};
use kaiku_server::scheduler::Scheduler;
use serde_json::{Value, json};

/// A real (tiny) PNG: one transparent pixel.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\
\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";
const WEBP: &[u8] = b"RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07\0";
const SVG: &[u8] = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";

async fn brand(browser: &Browser<'_>) -> Value {
    let reply = browser.get("/api/v1/settings/brand").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

async fn upload(browser: &Browser<'_>, bytes: &[u8], content_type: &'static str) -> common::Reply {
    browser
        .put_bytes("/api/v1/settings/brand/logo", bytes.to_vec(), content_type)
        .await
}

#[tokio::test]
async fn an_admin_sets_a_readable_accent_and_an_image_logo_that_anyone_can_load() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let member = app.join(&admin, "member@acme.test", "member").await;
    assert_eq!(brand(&member).await, json!({"accent": null, "logo_url": null}));

    // The accent: admins only, a colour, and one white text can be read on.
    let reply = member.put("/api/v1/settings/brand", json!({"accent": "#1f4e79"})).await;
    assert_eq!(reply.status, 403, "{}", reply.body);
    for (accent, why) in [("#ffd700", "too light"), ("gold", "colour"), ("#1f4e7", "colour")] {
        let reply = admin.put("/api/v1/settings/brand", json!({"accent": accent})).await;
        assert_eq!(reply.status, 400, "{accent}: {}", reply.body);
        assert_eq!(reply.body["error"]["field"], "accent");
        assert!(
            reply.body["error"]["message"].as_str().unwrap().contains(why),
            "{}",
            reply.body
        );
    }
    let reply = admin
        .put("/api/v1/settings/brand", json!({"accent": " #2F6B4F "}))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(brand(&member).await["accent"], "#2f6b4f");

    // The logo: admins only, an image by its bytes whatever the request claims.
    assert_eq!(upload(&member, PNG, "application/octet-stream").await.status, 403);
    for bad in [SVG, b"GIF89a\x01\0\x01\0".as_slice(), b"".as_slice()] {
        let reply = upload(&admin, bad, "application/octet-stream").await;
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert_eq!(reply.body["error"]["field"], "logo");
    }
    let mut huge = PNG.to_vec();
    huge.resize(256 * 1024 + 1, 0);
    let reply = upload(&admin, &huge, "application/octet-stream").await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(brand(&member).await["logo_url"], Value::Null, "nothing was kept");

    let reply = upload(&admin, PNG, "application/octet-stream").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let first = reply.body["logo_url"].as_str().unwrap().to_string();
    assert!(first.starts_with("/api/v1/logos/"), "{first}");
    // Anyone loads it, without a session: as the image it is, kept for good.
    let (status, headers, bytes) = app.browser().get_bytes(&first).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PNG);
    assert_eq!(headers["content-type"], "image/png");
    assert!(headers["cache-control"].to_str().unwrap().contains("immutable"));
    assert_eq!(headers["x-content-type-options"], "nosniff");

    // A new logo has a new address; the old one is gone.
    let reply = upload(&admin, WEBP, "application/octet-stream").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let second = reply.body["logo_url"].as_str().unwrap().to_string();
    assert_ne!(first, second);
    let (status, headers, _) = app.browser().get_bytes(&second).await;
    assert_eq!((status, headers["content-type"].to_str().unwrap()), (200, "image/webp"));
    assert_eq!(app.browser().get_bytes(&first).await.0, 404);

    // Another organisation has its own brand and cannot change Acme's.
    let other = app.signup("Initech", "boss@initech.test").await;
    assert_eq!(brand(&other).await, json!({"accent": null, "logo_url": null}));
    assert_eq!(other.delete("/api/v1/settings/brand/logo").await.status, 200);
    assert_eq!(brand(&admin).await["logo_url"], second.as_str());

    // Removed (admins only), the logo is gone for good.
    assert_eq!(member.delete("/api/v1/settings/brand/logo").await.status, 403);
    let reply = admin.delete("/api/v1/settings/brand/logo").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["logo_url"], Value::Null);
    assert_eq!(app.browser().get_bytes(&second).await.0, 404);
    let reply = admin.put("/api/v1/settings/brand", json!({"accent": null})).await;
    assert_eq!(reply.body["accent"], Value::Null, "back to Kaiku's own");
}

#[tokio::test]
async fn customers_see_the_logo_and_accent_on_the_survey_and_in_their_email() {
    let sink = SmtpSink::start().await;
    let mut config = Config::for_tests();
    config.smtp_host = Some("127.0.0.1".into());
    config.smtp_port = Some(sink.port);
    config.smtp_tls = SmtpTls::None;
    let app = TestApp::with_config(config).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let logo = upload(&admin, PNG, "application/octet-stream").await.body["logo_url"]
        .as_str()
        .unwrap()
        .to_string();
    let reply = admin.put("/api/v1/settings/brand", json!({"accent": "#2f6b4f"})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    let round = sent_round(&app, &admin).await;
    let page = app.browser().get(&format!("/api/v1/survey/{}", round.links[0].1)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.body["brand"], json!({"accent": "#2f6b4f", "logo_url": logo}));

    let scheduler = Scheduler::new(app.state.clone(), "only");
    scheduler.run_once().await;
    let received = sink.received();
    assert_eq!(received.len(), 2);
    let html = received[0].data.replace("=\r\n", "").replace("=3D", "=");
    assert!(
        html.contains(&format!("<img src=\"http://127.0.0.1:8080{logo}\" alt=\"Acme\"")),
        "{html}"
    );
    assert!(html.contains("style=\"color: #2f6b4f\""), "{html}");
}
