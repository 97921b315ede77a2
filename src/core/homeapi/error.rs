//! What went wrong with the home's API, as the panel says it: the status and words a home
//! answered, with every secret the request carried taken out of them.

use crate::core::text::json::Json;
use crate::core::words::{msg, Msg};
use serde::Serialize;

/// What went wrong with the home's API, as the panel says it (and whether to offer Reconnect).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The token is gone (revoked, expired): connect again.
    Reconnect,
    /// The reader said no on the consent page.
    Denied,
    /// The home refused (403), with its words when it gave some.
    Refused(Option<String>),
    /// The home does not know or will not resolve the account (its domain block, a suspension).
    NotFound,
    /// The home rejected the request (422, 400), with its words.
    Rejected(Option<String>),
    /// 429: not before `retry_after` seconds when the home said.
    Busy { retry_after: Option<u64> },
    /// 5xx (or any other status the API does not document).
    Down(u16),
    /// No answer: the network, the egress policy or the timeout (their words).
    Unreachable(Msg),
    /// An answer that is not what the API documents.
    Invalid,
    /// The reader closed the approval window before the home sent them back.
    NotApproved,
    /// The approval was another account's (`user@host`) than the saved one.
    WrongAccount(String),
}

/// The most characters of a home's own words the panel shows.
pub const HOME_WORDS_MAX: usize = 200;

/// A home's words (its error message) as the panel may show them. A home can repeat what it was
/// sent (`Token was Bearer …`), and the token never leaves the background: every secret the
/// request carried is taken out first (before the text is cut, so that no part of one is left),
/// then anything shaped like a credential — the word after `Bearer`, a run of 16 or more of
/// RFC 6750 §2.1's b64token characters with letters and digits in it (Mastodon's tokens, from
/// Doorkeeper's `UniqueToken`, are 32 random bytes in URL-safe base64: 43 characters) — then
/// control characters, extra whitespace, and all past `HOME_WORDS_MAX` characters.
pub fn home_words(text: &str, secrets: &[&str]) -> Option<String> {
    const HIDDEN: &str = "…";
    let mut text = text.to_string();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        text = text.replace(secret, HIDDEN);
    }
    let token_char = |c: char| c.is_ascii_alphanumeric() || "-._~+/=".contains(c); // b64token
    let mut out = String::with_capacity(text.len().min(4 * HOME_WORDS_MAX));
    let mut rest = text.as_str();
    let mut after_bearer = false;
    while let Some(c) = rest.chars().next() {
        if token_char(c) {
            let end = rest.find(|c: char| !token_char(c)).unwrap_or(rest.len());
            let run = &rest[..end];
            let credential = after_bearer
                || (run.len() >= 16
                    && run.contains(|c: char| c.is_ascii_digit())
                    && run.contains(|c: char| c.is_ascii_alphabetic()));
            after_bearer = run.eq_ignore_ascii_case("bearer");
            out.push_str(if credential { HIDDEN } else { run });
            rest = &rest[end..];
        } else {
            after_bearer &= c.is_whitespace();
            // Bidirectional overrides and isolates could reorder the words around them.
            let bidi = ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c);
            out.push(if c.is_control() || bidi { ' ' } else { c });
            rest = &rest[c.len_utf8()..];
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut shown: String = words.join(" ");
    if shown.chars().count() > HOME_WORDS_MAX {
        shown = shown.chars().take(HOME_WORDS_MAX - 1).collect::<String>() + HIDDEN;
    }
    Some(shown).filter(|s| !s.is_empty())
}

impl ApiError {
    /// From an HTTP status, the body (Mastodon `{"error": "…"}`, Misskey
    /// `{"error": {"message", "code", "id", "kind"}}`), `Retry-After` in seconds and the secrets
    /// the request carried, which the home's words never repeat to the panel (`home_words`).
    pub fn of(status: u16, body: &[u8], retry_after: Option<u64>, secrets: &[&str]) -> ApiError {
        let json = Json::parse(body).ok();
        let error = json.as_ref().and_then(|j| j.get("error"));
        let said = error.and_then(|e| e.as_str().map(str::to_string).or_else(|| e.text("message")));
        let words = said.as_deref().and_then(|said| home_words(said, secrets));
        let code = error.and_then(|e| e.text("code")).unwrap_or_default();
        match status {
            401 => ApiError::Reconnect,
            // Misskey before its 401s: a bad token is 403 AUTHENTICATION_FAILED; and a token without
            // the scope (Mastodon's "outside the authorized scopes") needs a new authorization too.
            403 if code == "AUTHENTICATION_FAILED" || code == "CREDENTIAL_REQUIRED" => ApiError::Reconnect,
            403 if said.as_deref() == Some("This action is outside the authorized scopes") => ApiError::Reconnect,
            403 => ApiError::Refused(words),
            404 => ApiError::NotFound,
            400 | 422
                if ["NO_SUCH_USER", "FAILED_TO_RESOLVE_REMOTE_USER", "NO_SUCH_OBJECT"].contains(&code.as_str()) =>
            {
                ApiError::NotFound
            }
            400 | 422 => ApiError::Rejected(words),
            429 => ApiError::Busy { retry_after },
            _ => ApiError::Down(status),
        }
    }

    pub fn msg(&self, home_host: &str) -> Msg {
        match self {
            ApiError::Reconnect => msg::api_reconnect(home_host),
            ApiError::Denied => msg::api_denied(home_host),
            ApiError::Refused(Some(words)) => msg::api_refused_because(home_host, words),
            ApiError::Refused(None) => msg::api_refused(home_host),
            ApiError::NotFound => msg::api_not_found(home_host),
            ApiError::Rejected(Some(words)) => msg::api_rejected_because(home_host, words),
            ApiError::Rejected(None) => msg::api_rejected(home_host),
            ApiError::Busy { retry_after: Some(s) } => msg::api_busy_for(home_host, *s),
            ApiError::Busy { retry_after: None } => msg::api_busy(home_host),
            ApiError::Down(status) => msg::api_down(home_host, *status),
            ApiError::Unreachable(why) => msg::api_unreachable(home_host, why),
            ApiError::Invalid => msg::api_invalid(home_host),
            ApiError::NotApproved => msg::api_not_approved(home_host),
            ApiError::WrongAccount(approved) => msg::api_wrong_account(home_host, approved),
        }
    }

    /// Whether the panel should offer to connect again.
    pub fn needs_reconnect(&self) -> bool {
        matches!(self, ApiError::Reconnect)
    }

    /// A failed call as it crosses to the panel and out of the CLI.
    pub fn answer(&self, home_host: &str) -> ApiFailure {
        ApiFailure {
            error: self.msg(home_host).to_string(),
            reconnect: self.needs_reconnect(),
            home: home_host.to_string(),
        }
    }
}

/// A failed call, as it crosses: its words, whether to connect again, and the home it was asked of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiFailure {
    pub error: String,
    pub reconnect: bool,
    pub home: String,
}
