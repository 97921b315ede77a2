//! What a home's API is asked, whichever it is: the `Server` trait that each API implements
//! (`mastodon.rs`, `misskey.rs`) as requests to make (`Call`) and answers to read, and the URL
//! and form helpers both use. The one dispatch from `HomeApi` to its server is `call::server`.

use crate::core::homeapi::error::ApiError;
use crate::core::homeapi::model::{Act, App, Connected, Following, HomeAccount, HomePost, Pending, Relationship};
use crate::core::net::fetch::Method;
use crate::core::protocol::handle::Handle;
use crate::core::text::json::Json;
use crate::core::text::weburl::{form_encode, percent_decode, Url};

/// How Fedilens names itself to a home (its app, its MiAuth session).
pub const CLIENT_NAME: &str = "Fedilens";

/// One request to a home, as its API takes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    /// Mastodon's REST API, with the connection's token as a bearer (RFC 6750 §2.1).
    Rest { method: Method, url: Url },
    /// Misskey's API: a JSON POST to `/api/<endpoint>` with the token as `i` in the body, as
    /// misskey-js sends it.
    Misskey { endpoint: &'static str, params: Json },
    /// A form POST without a token (Mastodon's app registration and OAuth endpoints): the values
    /// of its secret fields never reappear in an error's words.
    Form { url: Url, form: Vec<(&'static str, String)> },
    /// MiAuth's check: an empty JSON POST to a URL that holds the session, a secret.
    MiAuthCheck { url: Url, session: String },
}

/// How a token is given up: a call that revokes it, or the home's page where the reader does.
pub enum Revocation {
    Call(Call),
    There(String),
}

/// What each API is asked for each thing Fedilens does, and how its answers read. `host` is the
/// home's; ids are the home's own (checked `path_safe` by the caller before they enter a path).
pub trait Server {
    /// The home's account for `target` (the home resolves it, signing where the target's server
    /// wants that, as Threads does).
    fn find_account(&self, host: &str, target: &Handle) -> Result<Call, ApiError>;
    fn read_account(&self, body: &[u8], host: &str, target: &Handle) -> Result<HomeAccount, ApiError>;
    /// Where the reader stands with the account `id`.
    fn relationship(&self, host: &str, id: &str) -> Result<Call, ApiError>;
    fn read_relationship(&self, body: &[u8], id: &str) -> Result<Relationship, ApiError>;
    /// Follow (`follow`) or stop following, or withdraw a request (`now` is `Requested`).
    fn set_following(&self, host: &str, id: &str, follow: bool, now: Following) -> Result<Call, ApiError>;
    /// Who the token acts as: the answer's `username`.
    fn whoami(&self, host: &str) -> Result<Call, ApiError>;
    /// The post `object` (its ActivityPub id or page) as the home resolves it.
    fn find_post(&self, host: &str, object: &str) -> Result<Call, ApiError>;
    fn read_post(&self, body: &[u8], host: &str, object: &str) -> Result<HomePost, ApiError>;
    /// Like or boost the post `id`, or undo it.
    fn act(&self, host: &str, id: &str, act: Act, undo: bool) -> Result<Call, ApiError>;
    /// The post's new state for `act`, as the home answered.
    fn read_act(&self, body: &[u8], act: Act, undo: bool) -> Result<bool, ApiError>;
    /// Registering Fedilens as an app first, where the API has apps.
    fn registration(&self, host: &str, redirect_uri: &str) -> Option<Call>;
    /// Where the reader approves Fedilens.
    fn approval_url(
        &self,
        host: &str,
        app: Option<&App>,
        redirect_uri: &str,
        state: &str,
        challenge: &str,
    ) -> Option<Url>;
    /// From the URL the approval ended on, the call that gives the token.
    fn token(&self, pending: &Pending, landed: &str) -> Result<Call, ApiError>;
    fn read_token(&self, body: &[u8]) -> Result<String, ApiError>;
    fn revocation(&self, connected: &Connected) -> Result<Revocation, ApiError>;
}

/// `https://{host}{path}`: every URL of a home's API is made here.
pub fn api_url(host: &str, path: &str) -> Result<Url, ApiError> {
    Url::parse(&format!("https://{host}{path}")).map_err(|_| ApiError::Invalid)
}

/// `name=value&…`, form-encoded (`application/x-www-form-urlencoded`): queries and form bodies.
pub fn form_pairs(pairs: &[(&str, &str)]) -> String {
    let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", form_encode(v))).collect();
    encoded.join("&")
}

/// `https://{host}{path}?{pairs}`.
pub fn api_url_with(host: &str, path: &str, pairs: &[(&str, &str)]) -> Result<Url, ApiError> {
    api_url(host, &format!("{path}?{}", form_pairs(pairs)))
}

/// A URL's query (never its fragment) as decoded pairs (`+` is a space, as forms write it).
pub fn query_pairs(url: &Url) -> Vec<(String, String)> {
    let before_fragment = url.as_str().split('#').next().unwrap_or("");
    let query = before_fragment.split_once('?').map_or("", |(_, q)| q);
    let decode = |s: &str| percent_decode(&s.replace('+', " "));
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

pub fn flag(json: &Json, name: &str) -> bool {
    matches!(json.get(name), Some(Json::Bool(true)))
}

/// The entry for `id` in an answer about one account (an object) or several (an array).
pub fn entry_for<'a>(json: &'a Json, id: &str) -> Option<&'a Json> {
    let is_it = |entry: &&Json| entry.text("id").as_deref() == Some(id);
    match json {
        Json::Array(items) => items.iter().find(is_it),
        single => Some(single).filter(is_it),
    }
}

/// An id or acct the home gave, safe to put in a URL path as is (Mastodon's ids are numbers,
/// Misskey's letters and digits; an acct is `user@host`).
pub fn path_safe(text: &str) -> bool {
    // Dots alone (`.`, `..`) would climb the path (`/statuses/../favourite`).
    text.chars().any(|c| c.is_ascii_alphanumeric())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || "_-.@".contains(c))
}

/// The query of the URL an approval ended on, only when it is our own redirect URI; `param(name)`
/// then gives a value that appears exactly once (a second `code`, `state` or `session` is someone
/// else's addition).
pub fn redirect_params(landed: &str, redirect_uri: &str) -> Result<impl Fn(&str) -> Option<String>, ApiError> {
    let (Ok(url), Ok(ours)) = (Url::parse(landed), Url::parse(redirect_uri)) else { return Err(ApiError::Invalid) };
    let before_query = |u: &Url| u.as_str().split(['?', '#']).next().unwrap_or("").to_string();
    if before_query(&url) != before_query(&ours) {
        return Err(ApiError::Invalid);
    }
    let pairs = query_pairs(&url);
    Ok(move |name: &str| match pairs.iter().filter(|(k, _)| k == name).collect::<Vec<_>>()[..] {
        [(_, value)] => Some(value.clone()),
        _ => None,
    })
}
