//! The architecture invariants ARCHITECTURE.md states, held by tests that read the
//! source (rust-analyzer's `tidy` pattern): each fails, naming the file, when new
//! code breaks one.

#![cfg(test)]

use std::path::{Path, PathBuf};

use crate::sh;

/// Queries that legitimately run without an organisation filter, by file and the
/// function (or constant) they sit in, each with why. A new unscoped query fails
/// `every_query_is_organisation_scoped_or_listed` until it is scoped or listed here.
const UNSCOPED: &[(&str, &str, &str)] = &[
    (
        "brand.rs",
        "logo",
        "a logo by its id, for customers' browsers and mail clients: logos are public, their ids unguessable",
    ),
    (
        "api_keys.rs",
        "api_key_by_hash",
        "an API key lookup by the hash of its secret: the secret is the capability",
    ),
    (
        "language_model.rs",
        "enabled_language_models",
        "the scheduler's scan of the organisations that turned the adapter on",
    ),
    (
        "optout.rs",
        "opt_out_target",
        "a token lookup: the token is the capability",
    ),
    ("optout.rs", "opt_out", "on the contact its token opened"),
    ("orgs.rs", "all_orgs", "the scheduler's scan over every organisation"),
    (
        "throttle.rs",
        "throttle_rows",
        "rate limits' attempts, keyed by hashes of emails and addresses: no organisation's data",
    ),
    (
        "throttle.rs",
        "change_throttle",
        "rate limits' attempts: no organisation's data",
    ),
    (
        "mod.rs",
        "delete_up_to",
        "the scheduler forgets expired or ended rows of the table its caller names: no organisation's or every one's",
    ),
    (
        "signups.rs",
        "claim_signup_mail",
        "a sign-up waiting for its address belongs to no organisation yet",
    ),
    (
        "signups.rs",
        "signup_mail_sent",
        "a sign-up waiting for its address belongs to no organisation yet",
    ),
    (
        "signups.rs",
        "signup_mail_failed",
        "a sign-up waiting for its address belongs to no organisation yet",
    ),
    (
        "signups.rs",
        "due_signup_mails",
        "the scheduler's scan of sign-ups, which belong to no organisation yet",
    ),
    (
        "signups.rs",
        "signup_request_by_token",
        "a token lookup: the token is the capability",
    ),
    (
        "signups.rs",
        "signup_requests_for",
        "a sign-up waiting for its address belongs to no organisation yet",
    ),
    (
        "signups.rs",
        "confirm_signup",
        "creates the organisation from the request its token opened",
    ),
    (
        "mailboxes.rs",
        "claim_due_mailboxes",
        "the mailbox reader's scan over every organisation",
    ),
    (
        "webhooks.rs",
        "claim_due_deliveries",
        "the webhook worker's scan over every organisation",
    ),
    (
        "webhooks.rs",
        "record_attempt",
        "the webhook worker's mark on a delivery it claimed",
    ),
    (
        "throttle.rs",
        "throttle_keys",
        "how many rate-limit keys are held, for bounds",
    ),
    ("orgs.rs", "org_by_name", "the demo seed finds its own organisation"),
    (
        "outbox.rs",
        "issue_message_tokens",
        "the delivery worker's tokens for a message it claimed",
    ),
    (
        "outbox.rs",
        "message_to_deliver",
        "the delivery worker reads a message it claimed",
    ),
    (
        "outbox.rs",
        "purge_message_bodies",
        "the retention job over every organisation",
    ),
    (
        "repulse.rs",
        "REPULSE_FIELDS",
        "a projection; each caller appends its WHERE",
    ),
    (
        "repulse.rs",
        "cases_due_for_repulse",
        "the scheduler's scan over every organisation",
    ),
    (
        "repulse.rs",
        "record_repulse",
        "the scheduler's once-only mark on a case it found",
    ),
    (
        "repulse.rs",
        "repulse_by_token_hash",
        "a token lookup: the token is the capability",
    ),
    ("repulse.rs", "save_repulse_answers", "on the re-pulse its token opened"),
    (
        "repulse.rs",
        "answer_repulse",
        "on the re-pulse its token opened, and its case",
    ),
    (
        "sessions.rs",
        "session_by_token_hash",
        "a token lookup: the session cookie is the capability",
    ),
    (
        "cases.rs",
        "OPEN_OR_ATTACH",
        "updates the open case the statement before it found by organisation",
    ),
    (
        "cases.rs",
        "CASE_FIELDS",
        "a projection; each caller appends its WHERE (with the organisation, but for the scheduler's scan of open cases)",
    ),
    (
        "messages.rs",
        "MESSAGE_FIELDS",
        "a projection; each caller appends its WHERE with the organisation",
    ),
    (
        "counterfeedback.rs",
        "record_counter_feedback",
        "marks answered the request the service found by organisation, only for its recipient",
    ),
    (
        "counterfeedback.rs",
        "all_open_requests",
        "the scheduler's scan over every organisation",
    ),
    (
        "counterfeedback.rs",
        "record_follow_up",
        "the scheduler's once-only mark on a request it found",
    ),
    (
        "decode.rs",
        "overwrite_stored_text",
        "test support: damages a stored value on purpose",
    ),
    (
        "evidence.rs",
        "accounts_with_changes",
        "the scheduler's scan over every organisation",
    ),
    (
        "invitations.rs",
        "create_invitation",
        "reads back the record it just created",
    ),
    (
        "invitations.rs",
        "invitation_by_token_hash",
        "a token lookup: the token is the capability",
    ),
    ("migrations.rs", "apply_through", "the schema's own version table"),
    ("orgs.rs", "org", "the organisation record itself"),
    (
        "outbox.rs",
        "deliverable_messages",
        "the delivery worker's scan over every organisation",
    ),
    (
        "outbox.rs",
        "claim_message",
        "the delivery worker's claim on a message it found",
    ),
    (
        "outbox.rs",
        "mark_message_sent",
        "the delivery worker's mark on a message it claimed",
    ),
    (
        "outbox.rs",
        "mark_message_failed",
        "the delivery worker's mark on a message it claimed",
    ),
    ("scheduler.rs", "acquire_lease", "the instance-wide scheduler lease"),
    ("scheduler.rs", "release_lease", "the instance-wide scheduler lease"),
    ("scheduler.rs", "job_runs", "the instance-wide record of scheduler runs"),
    (
        "surveys.rs",
        "link_by_token_hash",
        "a token lookup: the token is the capability",
    ),
    ("surveys.rs", "mark_link_opened", "on the link its token opened"),
    ("surveys.rs", "save_link_answers", "on the link its token opened"),
    ("surveys.rs", "submit_response", "on the link its token opened"),
    (
        "surveys.rs",
        "reissue_link",
        "the old tokens of a link read by organisation",
    ),
    (
        "surveys.rs",
        "remindable_links",
        "the scheduler's scan over every organisation",
    ),
    (
        "surveys.rs",
        "record_reminder",
        "the scheduler's once-only mark on a link it found",
    ),
    (
        "templates.rs",
        "save_template",
        "updates the template the statement before it found by organisation",
    ),
    (
        "users.rs",
        "user_by_email",
        "login by email, before any organisation is known",
    ),
    (
        "users.rs",
        "user_by_id_unscoped",
        "the session's user, found from the session's own record",
    ),
];

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The code before its unit tests: what ships.
fn without_tests(source: &str) -> &str {
    source.find("#[cfg(test)]").map_or(source, |at| &source[..at])
}

fn relative(path: &Path) -> String {
    path.strip_prefix(sh::root()).unwrap_or(path).display().to_string()
}

/// The string literals of Rust source (plain and raw), each with where it starts.
fn string_literals(source: &str) -> Vec<(usize, String)> {
    let bytes = source.as_bytes();
    let mut literals = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = source[at..].find('\n').map_or(bytes.len(), |end| at + end);
            }
            b'\'' => {
                // A char literal ('"', '\'') or a lifetime: step over it.
                let rest = &source[at + 1..];
                let len = if rest.starts_with('\\') {
                    rest[2..].find('\'').map(|e| e + 3)
                } else {
                    rest.find('\'').map(|e| e + 1)
                };
                at += match len {
                    Some(len) if len <= 10 => len + 1,
                    _ => 1,
                };
            }
            b'r' if bytes.get(at + 1).is_some_and(|b| *b == b'#' || *b == b'"')
                && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric() && bytes[at - 1] != b'_') =>
            {
                let hashes = source[at + 1..].bytes().take_while(|b| *b == b'#').count();
                let open = at + 1 + hashes;
                if bytes.get(open) != Some(&b'"') {
                    at += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let end = source[open + 1..].find(&close).map_or(bytes.len(), |e| open + 1 + e);
                literals.push((at, source[open + 1..end].to_string()));
                at = end + close.len();
            }
            b'"' => {
                let mut end = at + 1;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                literals.push((at, source[at + 1..end.min(bytes.len())].to_string()));
                at = end + 1;
            }
            _ => at += 1,
        }
    }
    literals
}

/// The name of the function or constant whose body holds `offset`.
fn enclosing_item(source: &str, offset: usize) -> String {
    let before = &source[..offset];
    ["fn ", "const ", "static "]
        .iter()
        .filter_map(|keyword| before.rfind(keyword).map(|at| (at, at + keyword.len())))
        .max()
        .map(|(_, name_start)| {
            source[name_start..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .unwrap_or_default()
}

fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Whether a statement compares the organisation (`org = $org`, `org IN …`) or acts
/// on the caller's organisation record itself (`$org`), not just reads the column.
fn filters_by_org(statement: &str) -> bool {
    statement.match_indices("org").any(|(at, _)| {
        let before = statement[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return false;
        }
        let after = statement[at + 3..].trim_start();
        after.starts_with('=') && !after.starts_with("==") || after.starts_with("IN ") || after.starts_with("!=")
    }) || has_word(statement, "$org")
}

const SURREALQL: &[&str] = &[
    "SELECT", "UPDATE", "DELETE", "UPSERT", "CREATE", "RELATE", "INSERT", "DEFINE",
];

#[test]
fn core_does_no_io() {
    let manifest = read(&sh::root().join("core/Cargo.toml"));
    for crate_name in ["tokio", "surrealdb", "poem", "gloo-net", "web-sys", "reqwest", "lettre"] {
        assert!(
            !manifest
                .lines()
                .any(|line| line.trim_start().starts_with(&format!("{crate_name} "))
                    || line.trim_start().starts_with(&format!("{crate_name}="))
                    || line.trim_start().starts_with(&format!("{crate_name}."))),
            "core/Cargo.toml depends on {crate_name}: core has no I/O"
        );
    }
    for file in rust_files(&sh::root().join("core/src")) {
        let source = read(&file);
        for io in ["std::fs", "std::net", "std::process", "std::env", "tokio::"] {
            assert!(
                !without_tests(&source).contains(io),
                "{} uses {io}: core has no I/O",
                relative(&file)
            );
        }
    }
}

#[test]
fn only_the_store_speaks_surrealql() {
    let store = sh::root().join("server/src/store");
    for file in rust_files(&sh::root().join("server/src")) {
        if file.starts_with(&store) {
            continue;
        }
        let source = read(&file);
        let shipped = without_tests(&source);
        assert!(
            !shipped.contains(".query("),
            "{} runs a query: only server/src/store/ speaks to the database",
            relative(&file)
        );
        for (_, literal) in string_literals(shipped) {
            let statement_like = SURREALQL.iter().filter(|keyword| has_word(&literal, keyword)).count() > 0
                && (has_word(&literal, "FROM") || has_word(&literal, "SET") || has_word(&literal, "CONTENT"));
            assert!(
                !statement_like,
                "{} holds SurrealQL ({literal:?}): only server/src/store/ writes it",
                relative(&file)
            );
        }
    }
}

#[test]
fn every_query_is_organisation_scoped_or_listed() {
    let mut unlisted = Vec::new();
    let mut seen = Vec::new();
    for file in rust_files(&sh::root().join("server/src/store")) {
        let source = read(&file);
        let shipped = without_tests(&source);
        let file_name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        for (offset, literal) in string_literals(shipped) {
            for statement in literal.split(';') {
                let reads_or_changes = ["SELECT", "UPDATE", "DELETE", "UPSERT"]
                    .iter()
                    .any(|keyword| has_word(statement, keyword));
                // `one_in_org` appends `WHERE id = $id AND org = $org` itself.
                let before = shipped[..offset].trim_end();
                let scoped_by_caller = before.ends_with("one_in_org(") || before.ends_with("one_in_org(&format!(");
                if !reads_or_changes || filters_by_org(statement) || scoped_by_caller {
                    continue;
                }
                let item = enclosing_item(shipped, offset);
                if UNSCOPED.iter().any(|(f, i, _)| *f == file_name && *i == item) {
                    seen.push((file_name.clone(), item));
                } else {
                    unlisted.push(format!(
                        "{} `{item}`: {}",
                        relative(&file),
                        statement.split_whitespace().collect::<Vec<_>>().join(" ")
                    ));
                }
            }
        }
    }
    assert!(
        unlisted.is_empty(),
        "queries without the organisation filter (scope them, or list them with the reason in xtask/src/tidy.rs UNSCOPED):\n{}",
        unlisted.join("\n")
    );
    let stale: Vec<_> = UNSCOPED
        .iter()
        .filter(|(f, i, _)| !seen.iter().any(|(sf, si)| sf == f && si == i))
        .map(|(f, i, _)| format!("{f} `{i}`"))
        .collect();
    assert!(
        stale.is_empty(),
        "UNSCOPED lists queries that are gone or scoped now: {stale:?}"
    );
}

#[test]
fn the_app_speaks_http_only_through_its_api_modules() {
    let allowed = [
        sh::root().join("app/src/api.rs"),
        sh::root().join("app/src/bin/kaiku-survey/server.rs"),
    ];
    for file in rust_files(&sh::root().join("app/src")) {
        if allowed.contains(&file) {
            continue;
        }
        let source = read(&file);
        for http in [
            "gloo_net",
            "web_sys::Request",
            "fetch_with_request",
            "fetch_with_str",
            "XmlHttpRequest",
        ] {
            assert!(
                !without_tests(&source).contains(http),
                "{} uses {http}: the team app speaks HTTP only in app/src/api.rs, the survey page in app/src/bin/kaiku-survey/server.rs",
                relative(&file)
            );
        }
    }
}

#[test]
fn dependencies_point_one_way() {
    let core = read(&sh::root().join("core/Cargo.toml"));
    assert!(
        !core.contains("kaiku-server") && !core.contains("kaiku-app"),
        "core depends on nothing of ours"
    );
    let app = read(&sh::root().join("app/Cargo.toml"));
    assert!(
        !app.contains("kaiku-server"),
        "the app depends on core only, never the server"
    );
    let server = read(&sh::root().join("server/Cargo.toml"));
    assert!(
        !server.contains("kaiku-app"),
        "the server depends on core only, never the app"
    );
}

#[test]
fn migrations_are_numbered_one_after_another() {
    let mut numbers: Vec<u32> = std::fs::read_dir(sh::root().join("server/src/store/migrations"))
        .expect("migrations directory")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.get(..4)?.parse().ok()
        })
        .collect();
    numbers.sort_unstable();
    let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
    assert_eq!(
        numbers, expected,
        "migrations are numbered 0001, 0002, … without gaps or repeats"
    );
}

#[test]
fn the_scanner_reads_literals_as_rust_does() {
    let source = r####"fn a() { let s = "SELECT x FROM y WHERE org = $org"; let c = '"'; }
const B: &str = r#"UPDATE "z" SET a = 1"#; // "not a literal"
fn c<'a>(x: &'a str) { q("DELETE \"w\"") }"####;
    let literals: Vec<String> = string_literals(source).into_iter().map(|(_, s)| s).collect();
    assert_eq!(
        literals,
        vec![
            "SELECT x FROM y WHERE org = $org",
            "UPDATE \"z\" SET a = 1",
            "DELETE \\\"w\\\""
        ]
    );
    let offset = source.find("DELETE").expect("literal");
    assert_eq!(enclosing_item(source, offset), "c");
    assert!(has_word("a.org = $org", "org") && !has_word("organisation", "org"));
    assert!(filters_by_org("SELECT * FROM x WHERE org = $org") && filters_by_org("WHERE a.org IN $orgs"));
    assert!(!filters_by_org("SELECT org, name FROM x") && !filters_by_org("SELECT * FROM organisation"));
}
