//! Personal links in emails (survey, opt-out, invitation, re-pulse) are capabilities, and Kaiku
//! keeps capabilities only hashed. A stored message therefore carries a marker where
//! its link goes and a reference to what the link opens; the delivery worker issues a
//! fresh token for that link as it sends (`render`). Every token of a link opens it, so
//! a link already sent keeps working. The admin's outbox view shows the markers, and
//! any link in a message stored before this, as `…` (`redacted`).

use kaiku_core::api::OutboxMessage;

use super::secrets::{hash_token, new_token};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::outbox::{IssuedTokens, OutboxRow};

/// Where a stored body's survey link goes.
pub const SURVEY_LINK: &str = "{survey_link}";
/// Where a stored body's opt-out link goes.
pub const OPT_OUT_LINK: &str = "{opt_out_link}";
/// Where a stored body's invitation link goes.
pub const INVITATION_LINK: &str = "{invitation_link}";

/// Where a stored body's re-pulse link goes (it opens on the survey page).
pub const REPULSE_LINK: &str = "{repulse_link}";

/// Each marker and the path its token follows.
const LINKS: [(&str, &str); 4] = [
    (SURVEY_LINK, "/s/"),
    (OPT_OUT_LINK, "/u/"),
    (INVITATION_LINK, "/invite/"),
    (REPULSE_LINK, "/s/"),
];

const HIDDEN: &str = "…";

/// A message as it leaves: its body with real links, and its one-click opt-out.
pub struct Rendered {
    pub body: String,
    pub unsubscribe_url: Option<String>,
}

/// Issues the message's tokens (their hashes stored first) and puts the links in its
/// body. `None` when the survey link was re-sent after this message was recorded: the
/// team replaced that link on purpose, so the older message is not sent.
pub async fn render(state: &AppState, row: &OutboxRow) -> ApiResult<Option<Rendered>> {
    let survey = row.survey_link.as_ref().map(|_| new_token());
    let opt_out = row.opt_out_contact.as_ref().map(|_| new_token());
    let invitation = row.invitation.as_ref().map(|_| new_token());
    let repulse = row.repulse.as_ref().map(|_| new_token());
    let issued = IssuedTokens {
        survey_hash: survey.as_deref().map(hash_token),
        opt_out_hash: opt_out.as_deref().map(hash_token),
        invitation_hash: invitation.as_deref().map(hash_token),
        repulse_hash: repulse.as_deref().map(hash_token),
    };
    if !state.store.issue_message_tokens(row, issued, state.now()).await? {
        return Ok(None);
    }
    let url = |path: &str, token: &str| format!("{}{path}{token}", state.config.public_url);
    let mut body = row.body.clone();
    for ((marker, path), token) in LINKS.iter().zip([&survey, &opt_out, &invitation, &repulse]) {
        if let Some(token) = token {
            body = body.replace(marker, &url(path, token));
        }
    }
    let unsubscribe_url = match &opt_out {
        Some(token) => Some(url("/u/", token)),
        // A message recorded before links were issued at send time.
        None => row.unsubscribe_url.clone(),
    };
    Ok(Some(Rendered { body, unsubscribe_url }))
}

/// The message as the admin's outbox shows it: every personal link's token hidden.
pub fn redacted(mut message: OutboxMessage, public_url: &str) -> OutboxMessage {
    let mut body = message.body;
    for (marker, path) in LINKS {
        body = body.replace(marker, &format!("{public_url}{path}{HIDDEN}"));
    }
    message.body = hide_tokens(&body);
    message
}

/// Hides the token after every `/s/`, `/u/` and `/invite/` in `text` (bodies recorded
/// before links were issued at send time carry them in clear).
fn hide_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, path)) = LINKS
        .iter()
        .filter_map(|(_, path)| rest.find(path).map(|at| (at, *path)))
        .min()
    {
        let after = at + path.len();
        out.push_str(&rest[..after]);
        let token_len = rest[after..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len() - after);
        if token_len > 0 {
            out.push_str(HIDDEN);
        }
        rest = &rest[after + token_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::hide_tokens;

    #[test]
    fn tokens_after_capability_paths_are_hidden_and_the_rest_kept() {
        assert_eq!(
            hide_tokens("Answer: https://k.test/s/AbC-_9xyz.\nStop: https://k.test/u/Zz9 now"),
            "Answer: https://k.test/s/….\nStop: https://k.test/u/… now"
        );
        assert_eq!(
            hide_tokens("Join https://k.test/invite/tok and read /api/v1/accounts"),
            "Join https://k.test/invite/… and read /api/v1/accounts"
        );
        assert_eq!(hide_tokens("nothing here: /s/"), "nothing here: /s/");
    }
}
