//! Following from home through the home instance's own API, the way real clients do (issue 14):
//! connect once (Mastodon's OAuth 2 with PKCE, Misskey's MiAuth), then read the relationship and
//! follow or unfollow in one click. Pure: what to ask and how to read the answers; the extension's
//! background does the asking (and keeps the token: pages, content scripts and the panel frame
//! never see it).
//!
//! Sources (also in `tests/fixtures/SOURCES.md` §9): Mastodon's documentation
//! (github.com/mastodon/documentation `content/en/methods/{apps,oauth,search,accounts}.md`,
//! `content/en/entities/Relationship.md`, `content/en/api/oauth-scopes.md`), Mastodon's
//! `app/controllers/api/base_controller.rb` for error bodies; Misskey's MiAuth page
//! (misskey-hub `docs/for-developers/api/token/miauth`) and its endpoints
//! `packages/backend/src/server/api/endpoints/users/relation.ts`, `following/create.ts`,
//! `users/show.ts`, and `ApiCallService.ts` for error bodies.

pub mod post;

use crate::core::net::fetch::{Body, Fetch, Fetched, Gate, GateError, Method, ACCEPT_JSON};
use crate::core::protocol::family::Family;
use crate::core::protocol::handle::Handle;
use crate::core::report::{SoftwareInfo, Status};
use crate::core::text::json::Json;
use crate::core::text::weburl::{form_encode, percent_decode, Url};
use crate::core::words::{msg, Msg};

/// `base` with `pairs` as its form-encoded query.
fn with_query(base: &str, pairs: &[(&str, &str)]) -> Option<Url> {
    let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", form_encode(v))).collect();
    Url::parse(&format!("{base}?{}", query.join("&"))).ok()
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

fn flag(json: &Json, name: &str) -> bool {
    matches!(json.get(name), Some(Json::Bool(true)))
}

/// The entry for `id` in an answer about one account (an object) or several (an array).
fn entry_for<'a>(json: &'a Json, id: &str) -> Option<&'a Json> {
    let is_it = |entry: &&Json| entry.text("id").as_deref() == Some(id);
    match json {
        Json::Array(items) => items.iter().find(is_it),
        single => Some(single).filter(is_it),
    }
}

/// Which client API a home instance speaks, from its NodeInfo's family (the API's own answer is
/// the proof: an app registration or a MiAuth check that works).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeApi {
    /// Mastodon's client API: Mastodon, GoToSocial, Akkoma/Pleroma, Pixelfed.
    Mastodon,
    /// Misskey's API: Misskey, Sharkey, Firefish and the other forks (Sharkey also offers a
    /// Mastodon API; its own is used, as its NodeInfo names a Misskey fork).
    Misskey,
}

impl HomeApi {
    pub fn of(family: Family) -> Option<HomeApi> {
        match family {
            Family::Mastodon | Family::GoToSocial | Family::Pleroma | Family::Pixelfed => Some(HomeApi::Mastodon),
            Family::Misskey => Some(HomeApi::Misskey),
            _ => None,
        }
    }
}

/// The narrowest Mastodon scopes that serve: resolve a remote account (`read:search`: search
/// with `resolve=true` needs a user token), read the relationship (`read:follows`), follow and
/// unfollow (`write:follows`), who the token belongs to (`read:accounts`), and a post's Like and
/// Boost (`write:favourites` for favourite/unfavourite, `write:statuses` for reblog/unreblog:
/// methods/statuses.md; homepost.rs). Granular scopes
/// exist since Mastodon 2.4.3 (`oauth-scopes.md`); `follow` is deprecated since 3.5.
pub const MASTODON_SCOPES: &str =
    "read:accounts read:follows write:follows read:search write:favourites write:statuses";

/// Misskey's permissions for the same: `users/relation` and `i` are `read:account`,
/// `following/create` and `following/delete` are `write:following`, `notes/reactions/create` and
/// `/delete` `write:reactions`, `notes/create` (a renote) and `notes/unrenote` `write:notes` (each
/// endpoint's `meta.kind`).
pub const MISSKEY_PERMISSIONS: &str = "read:account,write:following,write:reactions,write:notes";

const CLIENT_NAME: &str = "Fedilens";
use crate::core::net::fetch::PROJECT_URL as WEBSITE;

/// An app registered on one Mastodon-API instance (`POST /api/v1/apps`). Mastodon only issues
/// confidential clients, so there is always a secret, kept with the token in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct App {
    pub client_id: String,
    pub client_secret: String,
}

/// `POST /api/v1/apps`, form-encoded: `redirect_uri` is the browser's `identity.getRedirectURL()`,
/// sent exactly (Mastodon compares it as a string).
pub fn app_registration(host: &str, redirect_uri: &str) -> Option<(Url, Vec<(&'static str, String)>)> {
    let url = Url::parse(&format!("https://{host}/api/v1/apps")).ok()?;
    let form = vec![
        ("client_name", CLIENT_NAME.to_string()),
        ("redirect_uris", redirect_uri.to_string()),
        ("scopes", MASTODON_SCOPES.to_string()),
        ("website", WEBSITE.to_string()),
    ];
    Some((url, form))
}

pub fn parse_app(body: &[u8]) -> Result<App, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    match (json.text("client_id"), json.text("client_secret")) {
        (Some(client_id), Some(client_secret)) if !client_id.is_empty() => Ok(App { client_id, client_secret }),
        _ => Err(ApiError::Invalid),
    }
}

/// `GET /oauth/authorize` with PKCE (S256, Mastodon 4.3+; older servers ignore it and the secret
/// still binds the code) and a `state` that the redirect must bring back.
pub fn authorize_url(host: &str, app: &App, redirect_uri: &str, state: &str, code_challenge: &str) -> Option<Url> {
    with_query(
        &format!("https://{host}/oauth/authorize"),
        &[
            ("response_type", "code"),
            ("client_id", &app.client_id),
            ("redirect_uri", redirect_uri),
            ("scope", MASTODON_SCOPES),
            ("state", state),
            ("code_challenge", code_challenge),
            ("code_challenge_method", "S256"),
        ],
    )
}

/// The query of the URL an approval ended on, only when it is our own redirect URI; `param(name)`
/// then gives a value that appears exactly once (a second `code`, `state` or `session` is someone
/// else's addition).
fn redirect_params(landed: &str, redirect_uri: &str) -> Result<impl Fn(&str) -> Option<String>, ApiError> {
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

/// The code from the URL the authorization flow ended on: only from our own redirect URI, only
/// with our `state` (anything else may be a page's forgery), and "denied" said as such.
pub fn code_from_redirect(landed: &str, redirect_uri: &str, state: &str) -> Result<String, ApiError> {
    let param = redirect_params(landed, redirect_uri)?;
    if state.is_empty() || param("state").as_deref() != Some(state) {
        return Err(ApiError::Invalid);
    }
    if param("error").is_some() {
        return Err(ApiError::Denied);
    }
    param("code").filter(|c| !c.is_empty()).ok_or(ApiError::Invalid)
}

/// MiAuth sends the browser back to our callback with `?session=` (miauth.vue): only our own
/// redirect URI with our own session counts (the check itself then proves the approval).
pub fn session_from_redirect(landed: &str, redirect_uri: &str, session: &str) -> Result<(), ApiError> {
    let param = redirect_params(landed, redirect_uri)?;
    if session.is_empty() || param("session").as_deref() != Some(session) {
        return Err(ApiError::Invalid);
    }
    Ok(())
}

/// `POST /oauth/token`, form-encoded.
pub fn token_request(
    host: &str,
    app: &App,
    code: &str,
    redirect_uri: &str,
    code_verifier: &str,
) -> Option<(Url, Vec<(&'static str, String)>)> {
    let url = Url::parse(&format!("https://{host}/oauth/token")).ok()?;
    let form = vec![
        ("grant_type", "authorization_code".to_string()),
        ("code", code.to_string()),
        ("client_id", app.client_id.clone()),
        ("client_secret", app.client_secret.clone()),
        ("redirect_uri", redirect_uri.to_string()),
        ("code_verifier", code_verifier.to_string()),
    ];
    Some((url, form))
}

pub fn parse_token(body: &[u8]) -> Result<String, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    json.text("access_token").filter(|t| !t.is_empty()).ok_or(ApiError::Invalid)
}

/// `POST /oauth/revoke`: the token is revoked on the home, not only forgotten here.
pub fn revoke_request(host: &str, app: &App, token: &str) -> Option<(Url, Vec<(&'static str, String)>)> {
    let url = Url::parse(&format!("https://{host}/oauth/revoke")).ok()?;
    Some((
        url,
        vec![
            ("client_id", app.client_id.clone()),
            ("client_secret", app.client_secret.clone()),
            ("token", token.to_string()),
        ],
    ))
}

/// PKCE's S256: BASE64URL(SHA-256(verifier)) without padding (RFC 7636 §4.2). The digest comes
/// from the environment (the browser's WebCrypto), the encoding from here.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// MiAuth: the page where the reader grants Fedilens its permissions (`/miauth/{session}`,
/// a fresh random session each time), and where it sends them back.
pub fn miauth_url(host: &str, session: &str, callback: &str) -> Option<Url> {
    let session = form_encode(session);
    with_query(
        &format!("https://{host}/miauth/{session}"),
        &[("name", CLIENT_NAME), ("callback", callback), ("permission", MISSKEY_PERMISSIONS)],
    )
}

/// `POST /api/miauth/{session}/check`: `{ok: true, token, user}` once, `{ok: false}` after.
pub fn parse_miauth_check(body: &[u8]) -> Result<String, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    if !flag(&json, "ok") {
        return Err(ApiError::Denied);
    }
    json.text("token").filter(|t| !t.is_empty()).ok_or(ApiError::Invalid)
}

/// Where the reader's follow stands, as the home instance sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Following {
    No,
    /// A follow request the account has not accepted yet (a locked account, or a remote one whose
    /// Accept has not arrived).
    Requested,
    Yes,
}

impl Following {
    const NAMES: [(Following, &'static str); 3] =
        [(Following::No, "no"), (Following::Requested, "requested"), (Following::Yes, "yes")];

    /// Its name where it crosses as JSON (the panel, the CLI): `no`, `requested`, `yes`.
    pub fn as_str(self) -> &'static str {
        Following::NAMES.iter().find(|(f, _)| *f == self).map_or("no", |(_, name)| name)
    }

    pub fn parse(name: &str) -> Option<Following> {
        Following::NAMES.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relationship {
    pub following: Following,
    pub followed_by: bool,
    pub blocking: bool,
    pub blocked_by: bool,
    pub muting: bool,
    pub domain_blocking: bool,
}

impl Relationship {
    /// The relationship in words, most important first.
    pub fn words(&self) -> Vec<Msg> {
        let mut words = vec![match self.following {
            Following::Yes => msg::relation_following(),
            Following::Requested => msg::relation_requested(),
            Following::No => msg::relation_not_following(),
        }];
        let flags = [
            (self.followed_by, msg::relation_follows_you as fn() -> Msg),
            (self.blocking, msg::relation_blocking),
            (self.blocked_by, msg::relation_blocked_by),
            (self.muting, msg::relation_muting),
            (self.domain_blocking, msg::relation_domain_blocking),
        ];
        words.extend(flags.into_iter().filter(|(on, _)| *on).map(|(_, word)| word()));
        words
    }

    /// Whether a Follow button makes sense: not while you block them or their domain, nor
    /// when they block you (the home would refuse).
    pub fn can_follow(&self) -> bool {
        self.following == Following::No && !self.blocking && !self.blocked_by && !self.domain_blocking
    }
}

/// A lookup of the relationship as it crosses to the panel and out of the CLI: the account's id on
/// the home, the state, each flag, its words, whether to offer Follow; or the failure's words and
/// whether to connect again.
pub fn relationship_json(home_host: &str, result: Result<(HomeAccount, Relationship), ApiError>) -> Json {
    let home = ("home", Json::String(home_host.to_string()));
    match result {
        Ok((account, r)) => Json::object([
            ("id", Json::String(account.id.clone())),
            ("seen", account.seen_json()),
            ("following", r.following.as_str().into()),
            ("followed_by", r.followed_by.into()),
            ("blocking", r.blocking.into()),
            ("blocked_by", r.blocked_by.into()),
            ("muting", r.muting.into()),
            ("domain_blocking", r.domain_blocking.into()),
            ("can_follow", r.can_follow().into()),
            ("words", Json::Array(r.words().iter().map(|m| Json::String(m.to_string())).collect())),
            home,
        ]),
        Err(e) => Json::object([
            ("error", Json::String(e.msg(home_host).to_string())),
            ("reconnect", e.needs_reconnect().into()),
            home,
        ]),
    }
}

/// `GET /api/v1/accounts/relationships?id[]=…` answers an array; the entry for `account_id`.
pub fn parse_mastodon_relationship(body: &[u8], account_id: &str) -> Result<Relationship, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    let entry = entry_for(&json, account_id).ok_or(ApiError::Invalid)?;
    let flag = |name: &str| flag(entry, name);
    // Mastodon's POST follow answers optimistically (`following: true, requested: false` for an
    // unlocked account, accounts_controller.rb) while its Accept is still on the way; GET
    // relationships says `requested` until it arrives. So the state shown after a follow is read
    // from GET relationships, never from the POST's answer; and `requested` wins when both are set.
    let following = match (flag("requested"), flag("following")) {
        (true, _) => Following::Requested,
        (false, true) => Following::Yes,
        (false, false) => Following::No,
    };
    Ok(Relationship {
        following,
        followed_by: flag("followed_by"),
        blocking: flag("blocking"),
        blocked_by: flag("blocked_by"),
        muting: flag("muting"),
        domain_blocking: flag("domain_blocking"),
    })
}

/// `POST /api/users/relation {userId}` answers one object for one id (an array for several).
pub fn parse_misskey_relation(body: &[u8], user_id: &str) -> Result<Relationship, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    let entry = entry_for(&json, user_id).ok_or(ApiError::Invalid)?;
    let flag = |name: &str| flag(entry, name);
    let following = match (flag("isFollowing"), flag("hasPendingFollowRequestFromYou")) {
        (true, _) => Following::Yes,
        (false, true) => Following::Requested,
        (false, false) => Following::No,
    };
    Ok(Relationship {
        following,
        followed_by: flag("isFollowed"),
        blocking: flag("isBlocking"),
        blocked_by: flag("isBlocked"),
        muting: flag("isMuted"),
        // Misskey's relation has no domain block: its instance mutes are not per-account.
        domain_blocking: false,
    })
}

/// `GET /api/v2/search?q=@user@host&type=accounts&resolve=true&limit=5`: the home resolves the
/// account by WebFinger (signed where the target needs it, as for Threads).
pub fn mastodon_search_url(home_host: &str, target: &Handle) -> Option<Url> {
    let query = format!("@{target}");
    with_query(
        &format!("https://{home_host}/api/v2/search"),
        &[("q", &query), ("type", "accounts"), ("resolve", "true"), ("limit", "5")],
    )
}

/// The account as the home knows it: its id there, and what the home's own fetch saw of it (the
/// home signs its fetches where the account's server asks for that, as Threads does, so this is
/// there when the browser's unsigned fetch got nothing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeAccount {
    pub id: String,
    pub name: Option<String>,
    pub posts: Option<u64>,
    pub followers: Option<u64>,
    pub following: Option<u64>,
}

impl HomeAccount {
    /// From an API's account object, with its own names for the name and the counts (a server
    /// that hides them answers null).
    fn read(json: &Json, id: String, [name, posts, followers, following]: [&str; 4]) -> HomeAccount {
        let count = |key: &str| json.get(key).and_then(Json::as_u64);
        HomeAccount {
            id,
            name: json.text(name).filter(|n| !n.trim().is_empty()),
            posts: count(posts),
            followers: count(followers),
            following: count(following),
        }
    }

    /// `{name, posts, followers, following}`, or null when the home said none of them.
    fn seen_json(&self) -> Json {
        if self.name.is_none() && self.posts.is_none() && self.followers.is_none() && self.following.is_none() {
            return Json::Null;
        }
        let count = |n: Option<u64>| n.map_or(Json::Null, |n| Json::Number(n.to_string()));
        Json::object([
            ("name", self.name.as_deref().into()),
            ("posts", count(self.posts)),
            ("followers", count(self.followers)),
            ("following", count(self.following)),
        ])
    }
}

/// The home's account for `target` among the search's accounts: only an account whose `acct` is
/// the target (`user@host`, or `user` when the target is on the home itself). A search is fuzzy;
/// a wrong match would follow someone else. Mastodon's Account entity (entities/Account.md).
pub fn parse_mastodon_search(body: &[u8], home_host: &str, target: &Handle) -> Result<HomeAccount, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    let accounts = json.get("accounts").and_then(Json::as_array).ok_or(ApiError::Invalid)?;
    let is_target = |acct: &str| match acct.split_once('@') {
        Some((user, host)) => user.eq_ignore_ascii_case(target.user()) && host.eq_ignore_ascii_case(target.host()),
        None => acct.eq_ignore_ascii_case(target.user()) && home_host.eq_ignore_ascii_case(target.host()),
    };
    let account =
        accounts.iter().find(|a| a.text("acct").is_some_and(|acct| is_target(&acct))).ok_or(ApiError::NotFound)?;
    let id = account.text("id").ok_or(ApiError::Invalid)?;
    Ok(HomeAccount::read(account, id, ["display_name", "statuses_count", "followers_count", "following_count"]))
}

/// `POST /api/users/show {username, host}` (`host: null` for the home's own users).
pub fn misskey_user_show(home_host: &str, target: &Handle) -> Json {
    let host = if target.host().eq_ignore_ascii_case(home_host) { Json::Null } else { target.host().into() };
    Json::object([("username", target.user().into()), ("host", host)])
}

/// The user, checked against the target (`username`, `host`). Misskey's UserDetailed
/// (`name`, `notesCount`, `followersCount`, `followingCount`: null where the user hides them).
pub fn parse_misskey_user(body: &[u8], home_host: &str, target: &Handle) -> Result<HomeAccount, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    let username = json.text("username").ok_or(ApiError::Invalid)?;
    let host = json.text("host").unwrap_or_else(|| home_host.to_string());
    if !username.eq_ignore_ascii_case(target.user()) || !host.eq_ignore_ascii_case(target.host()) {
        return Err(ApiError::Invalid);
    }
    let id = json.text("id").ok_or(ApiError::Invalid)?;
    Ok(HomeAccount::read(&json, id, ["name", "notesCount", "followersCount", "followingCount"]))
}

/// `GET /api/v2/search?q=<the post's id>&type=statuses&resolve=true`.
pub fn mastodon_post_search_url(home_host: &str, object: &str) -> Option<Url> {
    with_query(
        &format!("https://{home_host}/api/v2/search"),
        &[("q", object), ("type", "statuses"), ("resolve", "true"), ("limit", "1")],
    )
}

/// An id or acct the home gave, safe to put in a URL path as is (Mastodon's ids are numbers,
/// Misskey's letters and digits; an acct is `user@host`).
pub(crate) fn path_safe(text: &str) -> bool {
    // Dots alone (`.`, `..`) would climb the path (`/statuses/../favourite`).
    text.chars().any(|c| c.is_ascii_alphanumeric())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || "_-.@".contains(c))
}

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
}

// ---------------------------------------------------------------- the calls

/// A connected home account: which API, where, and the token (kept in the background only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub api: HomeApi,
    pub host: String,
    pub token: String,
}

/// `application/x-www-form-urlencoded`, as Mastodon's OAuth endpoints document their parameters.
pub fn form_body(pairs: &[(&str, String)]) -> Vec<u8> {
    let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", form_encode(v))).collect();
    encoded.join("&").into_bytes()
}

const FORM: &str = "application/x-www-form-urlencoded";

/// A 2xx answer, or the error it says; `retry_after`: the seconds a 429 or 503 asked for (the
/// gate reads `Retry-After`); `secrets`: what the request carried that its error must not repeat.
fn answered(
    result: Result<Fetched, GateError>,
    retry_after: Option<u64>,
    secrets: &[&str],
) -> Result<Fetched, ApiError> {
    let fetched = result.map_err(|e| ApiError::Unreachable(e.msg()))?;
    if fetched.is_success() {
        return Ok(fetched);
    }
    Err(ApiError::of(fetched.status, &fetched.body, retry_after, secrets))
}

pub(crate) fn api_url(host: &str, path: &str) -> Result<Url, ApiError> {
    Url::parse(&format!("https://{host}{path}")).map_err(|_| ApiError::Invalid)
}

/// Misskey's API takes the token as `i` in its JSON body, as misskey-js sends it.
fn misskey_body(token: &str, members: Vec<(&str, Json)>) -> Vec<u8> {
    let mut all: Vec<(String, Json)> = members.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    all.push(("i".into(), token.into()));
    Json::Object(all).to_string().into_bytes()
}

/// Every request to the home goes through here: JSON accepted, the answer's status read, and its
/// error's words without the `secrets` the request carried.
async fn request<F: Fetch>(
    gate: &Gate<'_, F>,
    url: &Url,
    method: Method,
    body: Option<Body<'_>>,
    authorization: Option<&str>,
    secrets: &[&str],
) -> Result<Fetched, ApiError> {
    let result = gate.send(url, ACCEPT_JSON, method, body, authorization).await;
    answered(result, gate.freshness().1, secrets)
}

/// The fields of Mastodon's OAuth forms that are secrets (RFC 6749 §2.3.1, §4.1.3; RFC 7009 §2.1;
/// RFC 7636 §4.5).
const SECRET_FIELDS: [&str; 4] = ["client_secret", "code", "code_verifier", "token"];

/// A form POST (Mastodon's OAuth endpoints and app registration).
async fn post_form<F: Fetch>(gate: &Gate<'_, F>, url: &Url, form: &[(&str, String)]) -> Result<Fetched, ApiError> {
    let bytes = form_body(form);
    let secrets: Vec<&str> = form.iter().filter(|(k, _)| SECRET_FIELDS.contains(k)).map(|(_, v)| v.as_str()).collect();
    request(gate, url, Method::Post, Some(Body { content_type: FORM, bytes: &bytes }), None, &secrets).await
}

pub(crate) async fn misskey_call<F: Fetch>(
    gate: &Gate<'_, F>,
    c: &Connection,
    endpoint: &str,
    members: Vec<(&str, Json)>,
) -> Result<Fetched, ApiError> {
    let url = api_url(&c.host, &format!("/api/{endpoint}"))?;
    let bytes = misskey_body(&c.token, members);
    let body = Body { content_type: "application/json", bytes: &bytes };
    request(gate, &url, Method::Post, Some(body), None, &[&c.token]).await
}

pub(crate) async fn mastodon_call<F: Fetch>(
    gate: &Gate<'_, F>,
    c: &Connection,
    method: Method,
    url: &Url,
) -> Result<Fetched, ApiError> {
    let bearer = format!("Bearer {}", c.token);
    request(gate, url, method, None, Some(&bearer), &[&c.token]).await
}

/// Registers Fedilens on a Mastodon-API home (once per home and redirect URI).
pub async fn register_app<F: Fetch>(gate: &Gate<'_, F>, host: &str, redirect_uri: &str) -> Result<App, ApiError> {
    let (url, form) = app_registration(host, redirect_uri).ok_or(ApiError::Invalid)?;
    parse_app(&post_form(gate, &url, &form).await?.body)
}

/// The token for the code the authorization flow brought back.
pub async fn exchange_code<F: Fetch>(
    gate: &Gate<'_, F>,
    host: &str,
    app: &App,
    code: &str,
    redirect_uri: &str,
    code_verifier: &str,
) -> Result<String, ApiError> {
    let (url, form) = token_request(host, app, code, redirect_uri, code_verifier).ok_or(ApiError::Invalid)?;
    parse_token(&post_form(gate, &url, &form).await?.body)
}

/// Revokes the token on the home (Mastodon-API homes; a MiAuth token can only be revoked from
/// Misskey's own settings, which the panel says).
pub async fn revoke<F: Fetch>(gate: &Gate<'_, F>, host: &str, app: &App, token: &str) -> Result<(), ApiError> {
    let (url, form) = revoke_request(host, app, token).ok_or(ApiError::Invalid)?;
    post_form(gate, &url, &form).await.map(|_| ())
}

/// MiAuth's check, once the reader accepted: the token.
pub async fn miauth_token<F: Fetch>(gate: &Gate<'_, F>, host: &str, session: &str) -> Result<String, ApiError> {
    let url = api_url(host, &format!("/api/miauth/{}/check", form_encode(session)))?;
    let body = Body { content_type: "application/json", bytes: b"{}" };
    parse_miauth_check(&request(gate, &url, Method::Post, Some(body), None, &[session]).await?.body)
}

/// The home's id for `target` (resolved by the home, which signs its fetches where the target's
/// server wants that, as Threads does) and where the reader stands with it.
pub async fn find_account<F: Fetch>(
    gate: &Gate<'_, F>,
    c: &Connection,
    target: &Handle,
) -> Result<(HomeAccount, Relationship), ApiError> {
    let account = match c.api {
        HomeApi::Mastodon => {
            let url = mastodon_search_url(&c.host, target).ok_or(ApiError::Invalid)?;
            parse_mastodon_search(&mastodon_call(gate, c, Method::Get, &url).await?.body, &c.host, target)?
        }
        HomeApi::Misskey => {
            let Json::Object(members) = misskey_user_show(&c.host, target) else { return Err(ApiError::Invalid) };
            let members = members.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            parse_misskey_user(&misskey_call(gate, c, "users/show", members).await?.body, &c.host, target)?
        }
    };
    let relationship = relationship(gate, c, &account.id).await?;
    Ok((account, relationship))
}

/// Where the reader stands with the account `id` on their home.
pub async fn relationship<F: Fetch>(gate: &Gate<'_, F>, c: &Connection, id: &str) -> Result<Relationship, ApiError> {
    match c.api {
        HomeApi::Mastodon => {
            let url = with_query(&format!("https://{}/api/v1/accounts/relationships", c.host), &[("id[]", id)])
                .ok_or(ApiError::Invalid)?;
            parse_mastodon_relationship(&mastodon_call(gate, c, Method::Get, &url).await?.body, id)
        }
        HomeApi::Misskey => {
            let body = misskey_call(gate, c, "users/relation", vec![("userId", id.into())]).await?.body;
            parse_misskey_relation(&body, id)
        }
    }
}

/// Follows (`follow`) or stops following — or withdraws a request not yet accepted — then reads
/// the relationship again: an API's answer to the follow itself is not the state (Mastodon's is
/// optimistic; Misskey's is the user).
pub async fn set_following<F: Fetch>(
    gate: &Gate<'_, F>,
    c: &Connection,
    id: &str,
    follow: bool,
    now: Following,
) -> Result<Relationship, ApiError> {
    if !path_safe(id) {
        return Err(ApiError::Invalid); // an id the home gave that would not stay in its path
    }
    match c.api {
        HomeApi::Mastodon => {
            let verb = if follow { "follow" } else { "unfollow" };
            let url = api_url(&c.host, &format!("/api/v1/accounts/{}/{verb}", form_encode(id)))?;
            mastodon_call(gate, c, Method::Post, &url).await?;
        }
        HomeApi::Misskey => {
            let endpoint = match (follow, now) {
                (true, _) => "following/create",
                (false, Following::Requested) => "following/requests/cancel",
                (false, _) => "following/delete",
            };
            misskey_call(gate, c, endpoint, vec![("userId", id.into())]).await?;
        }
    }
    relationship(gate, c, id).await
}

// ---------------------------------------------------------------- connecting

/// What connecting takes from its environment, which has the randomness and SHA-256 (ring in the
/// CLI, WebCrypto in the browser): a PKCE verifier (RFC 7636 §4.1) and its S256 challenge, and a
/// fresh random `state`, which is the MiAuth session too (a UUID, as Misskey's docs ask).
pub struct Secrets {
    pub verifier: String,
    pub challenge: String,
    pub state: String,
}

/// A connection under way: where the reader approves Fedilens, and what `finish_connect` needs
/// once the browser comes back. It holds the app's secret and the verifier: its holder keeps it
/// to itself (the background, in memory, for the length of the approval).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub api: HomeApi,
    pub host: String,
    /// The saved home account's username: the approval must be that account's.
    pub user: String,
    pub redirect_uri: String,
    pub app: Option<App>,
    pub verifier: String,
    pub state: String,
    pub authorize_url: Url,
}

/// A connected account as it is kept (the background's own IndexedDB): the API connection, the
/// account the token acts as (from the API itself: whoever approved), and, for a Mastodon-API
/// home, the app whose secret revokes the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    pub connection: Connection,
    pub account: String,
    pub app: Option<App>,
}

impl HomeApi {
    const NAMES: [(HomeApi, &'static str); 2] = [(HomeApi::Mastodon, "mastodon"), (HomeApi::Misskey, "misskey")];

    /// Its name where it crosses as JSON and on the CLI: `mastodon`, `misskey`.
    pub fn as_str(self) -> &'static str {
        HomeApi::NAMES.iter().find(|(a, _)| *a == self).map_or("mastodon", |(_, name)| name)
    }

    pub fn parse(name: &str) -> Option<HomeApi> {
        HomeApi::NAMES.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
    }
}

fn app_json(app: &Option<App>) -> Json {
    app.as_ref().map_or(Json::Null, |a| {
        Json::object([
            ("client_id", Json::String(a.client_id.clone())),
            ("client_secret", Json::String(a.client_secret.clone())),
        ])
    })
}

impl App {
    /// From an object with `client_id` and `client_secret` (as `app_json` writes them).
    pub fn from_json(json: &Json) -> Option<App> {
        Some(App { client_id: json.text("client_id")?, client_secret: json.text("client_secret")? })
    }
}

fn app_from(json: Option<&Json>) -> Option<App> {
    json.and_then(App::from_json)
}

impl Connected {
    pub fn to_json(&self) -> Json {
        let c = &self.connection;
        Json::object([
            ("api", c.api.as_str().into()),
            ("host", Json::String(c.host.clone())),
            ("token", Json::String(c.token.clone())),
            ("account", Json::String(self.account.clone())),
            ("app", app_json(&self.app)),
        ])
    }

    /// As `to_json` wrote it; `account` and `app` may be missing (a connection stored by hand).
    pub fn from_json(json: &Json) -> Option<Connected> {
        let api = HomeApi::parse(&json.text("api")?)?;
        let (host, token) = (json.text("host")?, json.text("token")?);
        if host.is_empty() || token.is_empty() {
            return None;
        }
        let account = json.text("account").unwrap_or_default();
        Some(Connected { connection: Connection { api, host, token }, account, app: app_from(json.get("app")) })
    }
}

/// The app a connection registered, kept for the next connect (`{host, redirect_uri, client_id,
/// client_secret}`), and reused only on that server for that redirect URI: an app is registered
/// with one redirect URI, which Mastodon compares as a string.
pub fn kept_app_json(pending: &Pending) -> Json {
    pending.app.as_ref().map_or(Json::Null, |app| {
        Json::object([
            ("host", Json::String(pending.host.clone())),
            ("redirect_uri", Json::String(pending.redirect_uri.clone())),
            ("client_id", Json::String(app.client_id.clone())),
            ("client_secret", Json::String(app.client_secret.clone())),
        ])
    })
}

/// The kept app (as `kept_app_json` wrote it) when it is for `host` and `redirect_uri`.
pub fn kept_app_for(kept: &Json, host: &str, redirect_uri: &str) -> Option<App> {
    let matches =
        kept.text("host").as_deref() == Some(host) && kept.text("redirect_uri").as_deref() == Some(redirect_uri);
    matches.then(|| App::from_json(kept)).flatten()
}

impl Pending {
    pub fn to_json(&self) -> Json {
        Json::object([
            ("api", self.api.as_str().into()),
            ("host", Json::String(self.host.clone())),
            ("user", Json::String(self.user.clone())),
            ("redirect_uri", Json::String(self.redirect_uri.clone())),
            ("app", app_json(&self.app)),
            ("verifier", Json::String(self.verifier.clone())),
            ("state", Json::String(self.state.clone())),
            ("authorize_url", Json::String(self.authorize_url.as_str().to_string())),
        ])
    }

    pub fn from_json(json: &Json) -> Option<Pending> {
        Some(Pending {
            api: HomeApi::parse(&json.text("api")?)?,
            host: json.text("host")?,
            user: json.text("user")?,
            redirect_uri: json.text("redirect_uri")?,
            app: app_from(json.get("app")),
            verifier: json.text("verifier")?,
            state: json.text("state")?,
            authorize_url: Url::parse(&json.text("authorize_url")?).ok()?,
        })
    }
}

/// Where to connect the reader's home account and through which API, from its lookup: the
/// server is the host of the account's actor (a handle's domain may delegate WebFinger to
/// another host), the API is the one its NodeInfo's family speaks. Otherwise why not, in words.
/// Only for an account whose identity checks passed (`Unverified`: its documents point at
/// someone else's server, and a token is not sent there); a home that shows its actor only to
/// signed requests (Mastodon's authorized fetch) is fine: WebFinger named the server.
pub fn home_server(
    status: Status,
    actor: Option<&str>,
    software: Option<&SoftwareInfo>,
) -> Result<(HomeApi, String), Msg> {
    let host =
        actor.and_then(|a| Url::parse(a).ok()).and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default();
    if !matches!(status, Status::Federated | Status::SignedFetchOnly) {
        return Err(msg::connect_unproven(&host));
    }
    let Some(software) = software else { return Err(msg::connect_home_unknown(&host)) };
    match software.family.and_then(HomeApi::of) {
        Some(api) if !host.is_empty() => Ok((api, host)),
        _ => Err(msg::connect_no_api(&host, &software.name)),
    }
}

/// Starts connecting `user`'s account on `host`: for a Mastodon-API home, the app (`kept` when it
/// was registered on this host for this redirect URI before, else registered now) and the
/// authorize URL with PKCE; for a Misskey home, the MiAuth page.
pub async fn begin_connect<F: Fetch>(
    gate: &Gate<'_, F>,
    api: HomeApi,
    host: &str,
    user: &str,
    redirect_uri: &str,
    kept: Option<App>,
    secrets: Secrets,
) -> Result<Pending, ApiError> {
    let (app, authorize_url) = match api {
        HomeApi::Mastodon => {
            let app = match kept {
                Some(app) => app,
                None => register_app(gate, host, redirect_uri).await?,
            };
            let url = authorize_url(host, &app, redirect_uri, &secrets.state, &secrets.challenge);
            (Some(app), url)
        }
        HomeApi::Misskey => (None, miauth_url(host, &secrets.state, redirect_uri)),
    };
    Ok(Pending {
        api,
        host: host.to_string(),
        user: user.to_string(),
        redirect_uri: redirect_uri.to_string(),
        app,
        verifier: secrets.verifier,
        state: secrets.state,
        authorize_url: authorize_url.ok_or(ApiError::Invalid)?,
    })
}

/// Finishes connecting, from the URL the approval ended on (`None`: the reader closed the window
/// first): the token, and the account it acts as, read from the API (which proves the API is the
/// one the home's NodeInfo named). The approval must be the saved account's (someone signed in
/// there as another account approves for that one, not for the account the panel names); a token
/// not kept is revoked where the API allows, so that none is left behind on the home.
pub async fn finish_connect<F: Fetch>(
    gate: &Gate<'_, F>,
    pending: &Pending,
    landed: Option<&str>,
) -> Result<Connected, ApiError> {
    let landed = landed.ok_or(ApiError::NotApproved)?;
    let host = pending.host.as_str();
    let token = match (pending.api, &pending.app) {
        (HomeApi::Mastodon, Some(app)) => {
            let code = code_from_redirect(landed, &pending.redirect_uri, &pending.state)?;
            exchange_code(gate, host, app, &code, &pending.redirect_uri, &pending.verifier).await?
        }
        (HomeApi::Mastodon, None) => return Err(ApiError::Invalid),
        (HomeApi::Misskey, _) => {
            session_from_redirect(landed, &pending.redirect_uri, &pending.state)?;
            miauth_token(gate, host, &pending.state).await?
        }
    };
    let connection = Connection { api: pending.api, host: host.to_string(), token };
    let connected = |account: String| Connected { account, connection: connection.clone(), app: pending.app.clone() };
    match whoami(gate, &connection).await {
        Ok(username) if username.eq_ignore_ascii_case(&pending.user) => Ok(connected(format!("{username}@{host}"))),
        approved => {
            let _ = disconnect(gate, &connected(String::new())).await;
            Err(match approved {
                Ok(other) => ApiError::WrongAccount(format!("{other}@{host}")),
                Err(e) => e,
            })
        }
    }
}

/// The username the token acts as: Mastodon's `verify_credentials`, Misskey's `i`.
pub async fn whoami<F: Fetch>(gate: &Gate<'_, F>, c: &Connection) -> Result<String, ApiError> {
    let body = match c.api {
        HomeApi::Mastodon => {
            let url = api_url(&c.host, "/api/v1/accounts/verify_credentials")?;
            mastodon_call(gate, c, Method::Get, &url).await?.body
        }
        HomeApi::Misskey => misskey_call(gate, c, "i", Vec::new()).await?.body,
    };
    let json = Json::parse(&body).map_err(|_| ApiError::Invalid)?;
    json.text("username").filter(|u| !u.is_empty() && !u.contains('@')).ok_or(ApiError::Invalid)
}

/// What disconnecting did on the home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disconnected {
    /// The home revoked the token (`POST /oauth/revoke`).
    Revoked,
    /// Nothing Fedilens may ask revokes it (a MiAuth token; Misskey's `i/revoke-token` is for its
    /// own web client only): the reader removes Fedilens in the home's settings, at this page
    /// (Misskey's `/settings/apps`, "Installed apps": packages/frontend/src/router.definition.ts,
    /// pages/settings/apps.vue).
    RevokeThere(String),
}

impl Disconnected {
    pub fn msg(&self, home_host: &str) -> Msg {
        match self {
            Disconnected::Revoked => msg::connect_revoked(home_host),
            Disconnected::RevokeThere(page) => msg::connect_revoke_there(home_host, page),
        }
    }
}

/// Disconnects: revokes the token where the API allows it. The caller forgets the token whatever
/// this answers (a home that cannot be reached keeps a token no one holds any more).
pub async fn disconnect<F: Fetch>(gate: &Gate<'_, F>, connected: &Connected) -> Result<Disconnected, ApiError> {
    let c = &connected.connection;
    match (c.api, &connected.app) {
        (HomeApi::Mastodon, Some(app)) => revoke(gate, &c.host, app, &c.token).await.map(|()| Disconnected::Revoked),
        (HomeApi::Mastodon, None) => Err(ApiError::Invalid),
        (HomeApi::Misskey, _) => Ok(Disconnected::RevokeThere(format!("https://{}/settings/apps", c.host))),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn fixture(path: &str) -> Vec<u8> {
        std::fs::read(format!("tests/fixtures/api/{path}")).unwrap()
    }

    use crate::core::net::caching::CachingHeaders;
    use crate::core::net::egress::Limits;
    use crate::core::net::fetch::{FetchError, FetchRequest, FetchResponse};
    use std::cell::RefCell;

    /// One request as the fake home saw it: method, URL, body, Authorization.
    pub(crate) type Seen = (Method, String, String, Option<String>);

    /// A home whose answers come from `answer(method, url, body)`; it records every request.
    pub(crate) struct FakeHome {
        answer: fn(Method, &str, &str) -> (u16, String),
        pub(crate) seen: RefCell<Vec<Seen>>,
    }

    impl Fetch for FakeHome {
        async fn get(&self, request: FetchRequest<'_>) -> Result<FetchResponse, FetchError> {
            let body = request.body.map(|b| String::from_utf8_lossy(b.bytes).into_owned()).unwrap_or_default();
            let url = request.url.as_str().to_string();
            self.seen.borrow_mut().push((
                request.method,
                url.clone(),
                body.clone(),
                request.authorization.map(str::to_string),
            ));
            let (status, text) = (self.answer)(request.method, &url, &body);
            Ok(FetchResponse {
                status,
                url: request.url.clone(),
                content_type: Some("application/json".into()),
                location: (status == 302).then(|| "https://elsewhere.example/steal".to_string()),
                caching: CachingHeaders {
                    retry_after: (status == 429).then(|| "120".to_string()),
                    ..CachingHeaders::default()
                },
                body: text.into_bytes(),
            })
        }
        async fn sleep(&self, _ms: u64) {
            std::future::pending::<()>().await
        }
    }

    pub(crate) fn home(answer: fn(Method, &str, &str) -> (u16, String)) -> FakeHome {
        FakeHome { answer, seen: RefCell::new(Vec::new()) }
    }

    pub(crate) fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
    }

    pub(crate) fn mastodon() -> Connection {
        Connection { api: HomeApi::Mastodon, host: "home.example".into(), token: "t0k".into() }
    }

    pub(crate) fn misskey() -> Connection {
        Connection { api: HomeApi::Misskey, host: "misskey-home.example".into(), token: "t0k".into() }
    }

    #[test]
    fn mastodon_calls_carry_the_token_and_read_the_state_after_a_follow() {
        let web = home(|method, url, _| match (method, url) {
            (Method::Get, u) if u.contains("/api/v2/search") => {
                (200, r#"{"accounts":[{"id":"9","acct":"zuck@threads.net"}],"statuses":[],"hashtags":[]}"#.into())
            }
            (Method::Get, u) if u.contains("/relationships") => {
                (200, r#"[{"id":"9","following":false,"requested":true}]"#.into())
            }
            (Method::Post, u) if u.ends_with("/api/v1/accounts/9/follow") => {
                (200, r#"{"id":"9","following":true,"requested":false}"#.into())
            }
            _ => (404, r#"{"error":"Record not found"}"#.into()),
        });
        let gate = Gate::new(&web, Limits::default());
        let target = Handle::parse("zuck@threads.net").unwrap();
        let (account, now) = block_on(find_account(&gate, &mastodon(), &target)).unwrap();
        assert_eq!((account.id.as_str(), now.following), ("9", Following::Requested));
        let after = block_on(set_following(&gate, &mastodon(), &account.id, true, now.following)).unwrap();
        assert_eq!(after.following, Following::Requested, "read from relationships, not the optimistic answer");
        let seen = web.seen.borrow();
        assert!(seen.iter().all(|(_, _, _, auth)| auth.as_deref() == Some("Bearer t0k")));
        assert!(seen[0]
            .1
            .starts_with("https://home.example/api/v2/search?q=%40zuck%40threads.net&type=accounts&resolve=true"));
        assert_eq!(seen[2].0, Method::Post);
        assert_eq!(seen.len(), 4, "search, relationships, follow, relationships");
    }

    #[test]
    fn misskey_calls_send_the_token_in_the_body_and_withdraw_a_request_by_cancelling_it() {
        let web = home(|_, url, _| match url {
            u if u.ends_with("/api/users/show") => {
                (200, r#"{"id":"9x","username":"zuck","host":"threads.net"}"#.into())
            }
            u if u.ends_with("/api/users/relation") => {
                (200, r#"{"id":"9x","isFollowing":false,"hasPendingFollowRequestFromYou":true}"#.into())
            }
            _ => (200, r#"{"id":"9x","username":"zuck","host":"threads.net"}"#.into()),
        });
        let gate = Gate::new(&web, Limits::default());
        let target = Handle::parse("zuck@threads.net").unwrap();
        let (account, now) = block_on(find_account(&gate, &misskey(), &target)).unwrap();
        assert_eq!(now.following, Following::Requested);
        block_on(set_following(&gate, &misskey(), &account.id, false, now.following)).unwrap();
        let seen = web.seen.borrow();
        assert!(seen
            .iter()
            .all(|(m, _, body, auth)| *m == Method::Post && body.contains(r#""i":"t0k""#) && auth.is_none()));
        assert!(seen[0].2.contains(r#""username":"zuck""#) && seen[0].2.contains(r#""host":"threads.net""#));
        assert!(seen[2].1.ends_with("/api/following/requests/cancel"), "a pending request is cancelled: {:?}", seen[2]);
    }

    #[test]
    fn registration_and_tokens_are_form_posts_and_their_errors_are_states() {
        let web = home(|_, url, _| match url {
            u if u.ends_with("/api/v1/apps") => (200, String::from_utf8(fixture("mastodon/app.json")).unwrap()),
            u if u.ends_with("/oauth/token") => {
                (401, String::from_utf8(fixture("mastodon/token-error-401.json")).unwrap())
            }
            _ => (500, String::new()),
        });
        let gate = Gate::new(&web, Limits::default());
        let app = block_on(register_app(&gate, "home.example", "https://abc.chromiumapp.org/")).unwrap();
        assert_eq!(app.client_id, "TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM");
        let sent = web.seen.borrow()[0].2.clone();
        assert!(sent.contains("redirect_uris=https%3A%2F%2Fabc.chromiumapp.org%2F"), "{sent}");
        assert!(sent.contains("scopes=read%3Aaccounts+read%3Afollows+write%3Afollows+read%3Asearch+write%3Afavourites+write%3Astatuses"), "{sent}");
        let token = block_on(exchange_code(&gate, "home.example", &app, "c", "https://abc.chromiumapp.org/", "v"));
        assert_eq!(token, Err(ApiError::Reconnect), "an unknown client: connect (and register) again");
    }

    #[test]
    fn an_api_redirect_is_not_followed_and_private_hosts_are_never_asked() {
        let web = home(|_, _, _| (302, String::new()));
        let gate = Gate::new(&web, Limits::default());
        let target = Handle::parse("zuck@threads.net").unwrap();
        assert_eq!(block_on(find_account(&gate, &mastodon(), &target)), Err(ApiError::Down(302)));
        assert_eq!(web.seen.borrow().len(), 1, "the token never went to the redirect's target");
        let local = Connection { host: "127.0.0.1".into(), ..mastodon() };
        let refused = block_on(find_account(&Gate::new(&web, Limits::default()), &local, &target));
        assert!(matches!(refused, Err(ApiError::Unreachable(_))), "{refused:?}");
        assert_eq!(web.seen.borrow().len(), 1);
    }

    #[test]
    fn a_home_speaks_the_api_of_its_family() {
        assert_eq!(HomeApi::of(Family::Mastodon), Some(HomeApi::Mastodon));
        assert_eq!(HomeApi::of(Family::GoToSocial), Some(HomeApi::Mastodon));
        assert_eq!(HomeApi::of(Family::Pleroma), Some(HomeApi::Mastodon));
        assert_eq!(HomeApi::of(Family::Misskey), Some(HomeApi::Misskey));
        assert_eq!(HomeApi::of(Family::Threads), None);
        assert_eq!(HomeApi::of(Family::WordPress), None);
    }

    #[test]
    fn the_app_and_token_answers_from_mastodons_documentation_read() {
        let app = parse_app(&fixture("mastodon/app.json")).unwrap();
        assert_eq!(app.client_id, "TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM");
        assert_eq!(
            parse_token(&fixture("mastodon/token.json")).unwrap(),
            "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0"
        );
        assert_eq!(parse_app(&fixture("mastodon/error-422.json")), Err(ApiError::Invalid));
        assert_eq!(parse_token(b"<html>"), Err(ApiError::Invalid));
    }

    #[test]
    fn the_authorization_asks_the_narrow_scopes_with_pkce_and_state() {
        let app = App { client_id: "cid".into(), client_secret: "secret".into() };
        let url = authorize_url("home.example", &app, "https://abc.chromiumapp.org/", "st4te", "ch4llenge").unwrap();
        let pairs = query_pairs(&url);
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(url.host_str(), Some("home.example"));
        assert_eq!(url.path(), "/oauth/authorize");
        assert_eq!(
            get("scope"),
            Some("read:accounts read:follows write:follows read:search write:favourites write:statuses")
        );
        assert_eq!(get("code_challenge_method"), Some("S256"));
        assert_eq!(get("redirect_uri"), Some("https://abc.chromiumapp.org/"));
        assert_eq!(get("state"), Some("st4te"));
        let (_, form) =
            token_request("home.example", &app, "c0de", "https://abc.chromiumapp.org/", "v3rifier").unwrap();
        assert!(form.contains(&("code_verifier", "v3rifier".to_string())));
        assert!(form.contains(&("client_secret", "secret".to_string())));
    }

    #[test]
    fn only_our_redirect_with_our_state_gives_a_code() {
        let ours = "https://abc.chromiumapp.org/";
        assert_eq!(code_from_redirect("https://abc.chromiumapp.org/?code=xyz&state=s1", ours, "s1"), Ok("xyz".into()));
        assert_eq!(
            code_from_redirect("https://abc.chromiumapp.org/?code=xyz&state=s2", ours, "s1"),
            Err(ApiError::Invalid)
        );
        assert_eq!(code_from_redirect("https://abc.chromiumapp.org/?code=xyz", ours, "s1"), Err(ApiError::Invalid));
        assert_eq!(code_from_redirect("https://evil.example/?code=xyz&state=s1", ours, "s1"), Err(ApiError::Invalid));
        assert_eq!(
            code_from_redirect("https://abc.chromiumapp.org/#?code=xyz&state=s1", ours, "s1"),
            Err(ApiError::Invalid)
        );
        assert_eq!(
            code_from_redirect("https://abc.chromiumapp.org/?code=xyz&state=s1&code=evil", ours, "s1"),
            Err(ApiError::Invalid)
        );
        assert_eq!(
            code_from_redirect("https://abc.chromiumapp.org/?code=xyz&state=", ours, ""),
            Err(ApiError::Invalid)
        );
        assert_eq!(
            code_from_redirect("https://abc.chromiumapp.org/?error=access_denied&state=s1", ours, "s1"),
            Err(ApiError::Denied)
        );
    }

    /// RFC 7636 appendix B: the verifier `dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk` has the
    /// S256 challenge `E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM` (its SHA-256 bytes given there).
    #[test]
    fn pkce_challenges_are_rfc_7636s() {
        let digest = [
            19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120, 173, 109, 241, 68, 86,
            110, 225, 137, 74, 203, 112, 249, 195,
        ];
        assert_eq!(base64url(&digest), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
    }

    #[test]
    fn a_following_state_crosses_by_its_name_and_comes_back() {
        for f in [Following::No, Following::Requested, Following::Yes] {
            assert_eq!(Following::parse(f.as_str()), Some(f));
        }
        assert_eq!(Following::parse("maybe"), None);
    }

    #[test]
    fn relationships_read_as_the_apis_document_them() {
        let r = parse_mastodon_relationship(&fixture("mastodon/relationships.json"), "1").unwrap();
        assert_eq!(r.following, Following::Yes);
        assert!(r.followed_by && !r.can_follow());
        assert_eq!(r.words().len(), 2, "following, and follows you");
        assert_eq!(parse_mastodon_relationship(&fixture("mastodon/relationships.json"), "2"), Err(ApiError::Invalid));
        // GET relationships while the Accept is on the way (the sandbox's and Mastodon's shape).
        let pending = br#"[{"id":"7","following":false,"requested":true}]"#;
        assert_eq!(parse_mastodon_relationship(pending, "7").unwrap().following, Following::Requested);
        let both = br#"[{"id":"7","following":true,"requested":true}]"#;
        assert_eq!(parse_mastodon_relationship(both, "7").unwrap().following, Following::Requested);
        let m = parse_misskey_relation(&fixture("misskey/relation.json"), "9ab12cdef0").unwrap();
        assert_eq!(m.following, Following::Requested);
        assert!(m.followed_by && !m.can_follow());
    }

    #[test]
    fn a_search_result_is_taken_only_when_it_is_the_target() {
        let target = Handle::parse("zuck@threads.net").unwrap();
        let found = br#"{"accounts":[{"id":"5","acct":"zuckfan@threads.net"},{"id":"9","acct":"Zuck@threads.net"}],"statuses":[],"hashtags":[]}"#;
        let id = |r: Result<HomeAccount, ApiError>| r.map(|a| a.id);
        assert_eq!(id(parse_mastodon_search(found, "home.example", &target)), Ok("9".into()));
        let other = br#"{"accounts":[{"id":"5","acct":"zuck@threads.example"}]}"#;
        assert_eq!(id(parse_mastodon_search(other, "home.example", &target)), Err(ApiError::NotFound));
        let local = Handle::parse("me@home.example").unwrap();
        assert_eq!(
            id(parse_mastodon_search(br#"{"accounts":[{"id":"1","acct":"me"}]}"#, "home.example", &local)),
            Ok("1".into())
        );
        let misskey = br#"{"id":"9x","username":"zuck","host":"threads.net"}"#;
        assert_eq!(id(parse_misskey_user(misskey, "misskey.example", &target)), Ok("9x".into()));
        let impostor = br#"{"id":"9y","username":"zuck","host":"evil.example"}"#;
        assert_eq!(id(parse_misskey_user(impostor, "misskey.example", &target)), Err(ApiError::Invalid));
        assert_eq!(
            misskey_user_show("misskey.example", &target).to_string(),
            r#"{"username":"zuck","host":"threads.net"}"#
        );
    }

    #[test]
    fn miauth_asks_for_exactly_the_permissions_it_needs_and_its_check_is_read_once() {
        let url = miauth_url("misskey.example", "0b3e…", "https://abc.chromiumapp.org/").unwrap();
        assert!(url.as_str().starts_with("https://misskey.example/miauth/"));
        assert!(query_pairs(&url).contains(&(
            "permission".to_string(),
            "read:account,write:following,write:reactions,write:notes".to_string()
        )));
        assert_eq!(parse_miauth_check(&fixture("misskey/miauth-check.json")), Ok("bX8fT3kQ2pLr9Vw1".into()));
        assert_eq!(parse_miauth_check(&fixture("misskey/miauth-check-used.json")), Err(ApiError::Denied));
    }

    #[test]
    fn the_apps_website_is_the_project_the_user_agent_names() {
        assert!(crate::core::net::fetch::USER_AGENT.contains(WEBSITE));
    }

    #[test]
    fn errors_become_states_in_words() {
        assert_eq!(
            ApiError::of(403, br#"{"error":"This action is outside the authorized scopes"}"#, None, &[]),
            ApiError::Reconnect,
            "a token without the scope needs a new authorization"
        );
        assert_eq!(ApiError::of(401, &fixture("mastodon/error-401.json"), None, &[]), ApiError::Reconnect);
        assert!(ApiError::of(401, b"", None, &[]).needs_reconnect());
        let misskey_denied = ApiError::of(403, &fixture("misskey/error-permission.json"), None, &[]);
        assert_eq!(
            misskey_denied,
            ApiError::Refused(Some("Your app does not have the necessary permissions to use this endpoint.".into()))
        );
        assert_eq!(ApiError::of(403, br#"{"error":{"code":"AUTHENTICATION_FAILED"}}"#, None, &[]), ApiError::Reconnect);
        assert_eq!(ApiError::of(404, br#"{"error":"Record not found"}"#, None, &[]), ApiError::NotFound);
        assert_eq!(ApiError::of(429, b"{}", Some(300), &[]), ApiError::Busy { retry_after: Some(300) });
        assert_eq!(ApiError::of(503, b"<html>", None, &[]), ApiError::Down(503));
        assert_eq!(
            ApiError::of(422, &fixture("mastodon/error-422.json"), None, &[]).msg("home.example").to_string(),
            "home.example rejected the request: Validation failed: Redirect URI must be an absolute URI."
        );
    }

    fn secrets() -> Secrets {
        Secrets { verifier: "v".repeat(43), challenge: "c".repeat(43), state: "5f0c-state".into() }
    }

    const REDIRECT: &str = "https://abc.chromiumapp.org/";

    /// A Mastodon home: the app from Mastodon's documented answer, a token for any code, and
    /// verify_credentials for `me`.
    fn mastodon_home(_: Method, url: &str, _: &str) -> (u16, String) {
        match url {
            u if u.ends_with("/api/v1/apps") => (200, String::from_utf8(fixture("mastodon/app.json")).unwrap()),
            u if u.ends_with("/oauth/token") => (200, String::from_utf8(fixture("mastodon/token.json")).unwrap()),
            u if u.ends_with("/verify_credentials") => (200, r#"{"id":"1","username":"me","acct":"me"}"#.into()),
            u if u.ends_with("/oauth/revoke") => (200, "{}".into()),
            _ => (404, r#"{"error":"Record not found"}"#.into()),
        }
    }

    #[test]
    fn connecting_a_mastodon_home_registers_once_sends_pkce_and_learns_who_approved() {
        let web = home(mastodon_home);
        let gate = Gate::new(&web, Limits::default());
        let pending =
            block_on(begin_connect(&gate, HomeApi::Mastodon, "home.example", "me", REDIRECT, None, secrets())).unwrap();
        let url = pending.authorize_url.as_str();
        assert!(url.starts_with("https://home.example/oauth/authorize?response_type=code&client_id=TWhM-"), "{url}");
        assert!(url.contains(&format!("code_challenge={}&code_challenge_method=S256", "c".repeat(43))), "{url}");
        assert!(url.contains("state=5f0c-state"), "{url}");
        // The pending connection crosses to the background's memory as JSON, and back.
        let pending = Pending::from_json(&Json::parse(pending.to_json().to_string().as_bytes()).unwrap()).unwrap();
        let landed = format!("{REDIRECT}?code=abc&state=5f0c-state");
        let connected = block_on(finish_connect(&gate, &pending, Some(&landed))).unwrap();
        assert_eq!(connected.account, "me@home.example");
        assert_eq!(
            connected.app.as_ref().map(|a| a.client_id.as_str()),
            Some("TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM")
        );
        let seen = web.seen.borrow();
        let token = &seen[1];
        assert!(token.1.ends_with("/oauth/token") && token.2.contains(&format!("code_verifier={}", "v".repeat(43))));
        assert_eq!(seen[2].3.as_deref(), Some(format!("Bearer {}", connected.connection.token).as_str()));
        drop(seen);
        // Kept as JSON by the background, read back whole.
        let kept = Connected::from_json(&Json::parse(connected.to_json().to_string().as_bytes()).unwrap()).unwrap();
        assert_eq!(kept, connected);
        // Connecting again with the kept app registers nothing.
        let before = web.seen.borrow().len();
        block_on(begin_connect(
            &gate,
            HomeApi::Mastodon,
            "home.example",
            "me",
            REDIRECT,
            connected.app.clone(),
            secrets(),
        ))
        .unwrap();
        assert_eq!(web.seen.borrow().len(), before);
        // Disconnecting revokes the token with the app's secret.
        assert_eq!(block_on(disconnect(&gate, &kept)), Ok(Disconnected::Revoked));
        let seen = web.seen.borrow();
        let revoke = seen.last().unwrap();
        assert!(revoke.1.ends_with("/oauth/revoke") && revoke.2.contains("client_secret="), "{revoke:?}");
    }

    #[test]
    fn an_approval_that_did_not_come_back_to_us_gives_no_token() {
        let web = home(mastodon_home);
        let gate = Gate::new(&web, Limits::default());
        let pending =
            block_on(begin_connect(&gate, HomeApi::Mastodon, "home.example", "me", REDIRECT, None, secrets())).unwrap();
        let asked = web.seen.borrow().len();
        assert_eq!(
            block_on(finish_connect(&gate, &pending, None)),
            Err(ApiError::NotApproved),
            "the window was closed"
        );
        let forged = "https://abc.chromiumapp.org/?code=abc&state=someone-else";
        assert_eq!(block_on(finish_connect(&gate, &pending, Some(forged))), Err(ApiError::Invalid));
        let elsewhere = "https://evil.example/?code=abc&state=5f0c-state";
        assert_eq!(block_on(finish_connect(&gate, &pending, Some(elsewhere))), Err(ApiError::Invalid));
        assert_eq!(web.seen.borrow().len(), asked, "no token was asked for");
        assert_eq!(
            ApiError::NotApproved.msg("home.example").to_string(),
            "Not connected: the window closed before home.example sent you back"
        );
    }

    #[test]
    fn connecting_a_misskey_home_checks_our_own_session_once_and_cannot_revoke_its_token() {
        let web = home(|_, url, _| match url {
            u if u.ends_with("/check") => (200, String::from_utf8(fixture("misskey/miauth-check.json")).unwrap()),
            u if u.ends_with("/api/i") => (200, r#"{"id":"1","username":"me","host":null}"#.into()),
            _ => (404, String::new()),
        });
        let gate = Gate::new(&web, Limits::default());
        let secrets = Secrets { state: "4f6e1c7a-2b3d-4e5f-8a9b-0c1d2e3f4a5b".into(), ..secrets() };
        let pending =
            block_on(begin_connect(&gate, HomeApi::Misskey, "misskey-home.example", "me", REDIRECT, None, secrets))
                .unwrap();
        assert!(pending
            .authorize_url
            .as_str()
            .starts_with("https://misskey-home.example/miauth/4f6e1c7a-2b3d-4e5f-8a9b-0c1d2e3f4a5b?name=Fedilens"));
        assert_eq!(web.seen.borrow().len(), 0, "MiAuth registers nothing");
        let other = format!("{REDIRECT}?session=another");
        assert_eq!(block_on(finish_connect(&gate, &pending, Some(&other))), Err(ApiError::Invalid));
        assert_eq!(web.seen.borrow().len(), 0, "another session is never checked");
        let landed = format!("{REDIRECT}?session=4f6e1c7a-2b3d-4e5f-8a9b-0c1d2e3f4a5b");
        let connected = block_on(finish_connect(&gate, &pending, Some(&landed))).unwrap();
        assert_eq!((connected.account.as_str(), connected.app.is_none()), ("me@misskey-home.example", true));
        assert!(web.seen.borrow()[0].1.ends_with("/api/miauth/4f6e1c7a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/check"));
        let said = block_on(disconnect(&gate, &connected)).unwrap();
        assert_eq!(said, Disconnected::RevokeThere("https://misskey-home.example/settings/apps".into()));
        assert_eq!(web.seen.borrow().len(), 2, "check and i: disconnecting asked the home nothing");
    }

    #[test]
    fn the_home_to_connect_is_the_actors_server_speaking_its_familys_api() {
        let software = |name: &str, family| SoftwareInfo {
            name: name.into(),
            version: None,
            family,
            source: crate::core::report::SoftwareSource::NodeInfo,
        };
        let mastodon = software("mastodon", Some(Family::Mastodon));
        assert_eq!(
            home_server(Status::Federated, Some("https://social.example.com/users/me"), Some(&mastodon)),
            Ok((HomeApi::Mastodon, "social.example.com".into())),
            "a handle on example.com whose WebFinger delegates to social.example.com"
        );
        let sharkey = software("sharkey", Some(Family::Misskey));
        assert_eq!(
            home_server(Status::SignedFetchOnly, Some("https://shark.example/users/9x"), Some(&sharkey))
                .map(|(a, _)| a),
            Ok(HomeApi::Misskey)
        );
        let wordpress = software("wordpress", Some(Family::WordPress));
        assert_eq!(
            home_server(Status::Federated, Some("https://blog.example/author/me"), Some(&wordpress))
                .map_err(|m| m.to_string()),
            Err("blog.example runs wordpress, whose API Fedilens does not speak: the follow link stays".into())
        );
        assert!(home_server(Status::Federated, Some("https://x.example/u"), None).is_err());
        assert_eq!(
            home_server(Status::Unverified, Some("https://evil.example/users/me"), Some(&mastodon)).map_err(|m| m.id),
            Err("connect_unproven".into()),
            "no token for a server the account's documents do not prove"
        );
    }

    #[test]
    fn a_stored_connection_needs_its_api_host_and_token() {
        let parse = |text: &str| Connected::from_json(&Json::parse(text.as_bytes()).unwrap());
        assert!(parse(r#"{"api":"mastodon","host":"home.example","token":"t"}"#).is_some());
        assert!(parse(r#"{"api":"activitypub","host":"home.example","token":"t"}"#).is_none());
        assert!(parse(r#"{"api":"misskey","host":"","token":"t"}"#).is_none());
        assert!(parse(r#"{"api":"misskey","host":"h.example","token":""}"#).is_none());
    }

    #[test]
    fn what_the_home_saw_of_an_account_comes_with_its_id_and_crosses_to_the_panel() {
        let target = Handle::parse("zuck@threads.net").unwrap();
        let mastodon = br#"{"accounts":[{"id":"9","acct":"zuck@threads.net","display_name":"Mark <b>Z</b>","statuses_count":12,"followers_count":3400,"following_count":5}]}"#;
        let account = parse_mastodon_search(mastodon, "home.example", &target).unwrap();
        assert_eq!(
            account,
            HomeAccount {
                id: "9".into(),
                name: Some("Mark <b>Z</b>".into()),
                posts: Some(12),
                followers: Some(3400),
                following: Some(5)
            }
        );
        // Misskey's users/show with the counts the user hides answered as null.
        let misskey = br#"{"id":"9x","username":"zuck","host":"threads.net","name":null,"notesCount":7,"followersCount":null,"followingCount":null}"#;
        let hidden = parse_misskey_user(misskey, "misskey.example", &target).unwrap();
        assert_eq!((hidden.name, hidden.posts, hidden.followers), (None, Some(7), None));
        let relationship = parse_mastodon_relationship(&fixture("mastodon/relationships.json"), "1").unwrap();
        let json = relationship_json("home.example", Ok((account, relationship))).to_string();
        assert!(
            json.contains(r#""seen":{"name":"Mark <b>Z</b>","posts":12,"followers":3400,"following":5}"#),
            "{json}"
        );
        let bare = HomeAccount { id: "9".into(), ..Default::default() };
        let json = relationship_json("home.example", Ok((bare, relationship))).to_string();
        assert!(json.contains(r#""seen":null"#), "{json}");
    }

    #[test]
    fn a_post_opens_at_the_homes_own_page_only_when_the_home_resolved_that_post() {
        use crate::core::homeapi::post::{
            parse_mastodon_post_state as parse_mastodon_post, parse_misskey_post_state as parse_misskey_post,
        };
        let object = "https://threads.net/ap/users/1/post/DYSAIo_FL77/";
        let search = mastodon_post_search_url("home.example", object).unwrap();
        assert_eq!(
            search.as_str(),
            "https://home.example/api/v2/search?q=https%3A%2F%2Fthreads.net%2Fap%2Fusers%2F1%2Fpost%2FDYSAIo_FL77%2F&type=statuses&resolve=true&limit=1"
        );
        let found = format!(
            r#"{{"accounts":[],"statuses":[{{"id":"113","uri":"{object}","url":"https://www.threads.net/@zuck/post/DYSAIo_FL77","account":{{"acct":"zuck@threads.net"}}}}]}}"#
        );
        assert_eq!(
            parse_mastodon_post(found.as_bytes(), "home.example", object).map(|p| p.page),
            Ok("https://home.example/@zuck@threads.net/113".into())
        );
        // By its page URL too (Mastodon's `url`).
        let by_url = "https://www.threads.net/@zuck/post/DYSAIo_FL77";
        assert!(parse_mastodon_post(found.as_bytes(), "home.example", by_url).is_ok());
        let other = br#"{"statuses":[{"id":"114","uri":"https://threads.net/ap/other","account":{"acct":"zuck@threads.net"}}]}"#;
        assert_eq!(parse_mastodon_post(other, "home.example", object), Err(ApiError::NotFound));
        let odd = format!(
            r#"{{"statuses":[{{"id":"1/../../oauth","uri":"{object}","account":{{"acct":"zuck@threads.net"}}}}]}}"#
        );
        assert_eq!(parse_mastodon_post(odd.as_bytes(), "home.example", object), Err(ApiError::Invalid));
        let note = format!(r#"{{"type":"Note","object":{{"id":"9zq1x","uri":"{object}","text":"hi"}}}}"#);
        assert_eq!(
            parse_misskey_post(note.as_bytes(), "misskey.example", object).map(|p| p.page),
            Ok("https://misskey.example/notes/9zq1x".into())
        );
        let user = br#"{"type":"User","object":{"id":"9x"}}"#;
        assert_eq!(parse_misskey_post(user, "misskey.example", object), Err(ApiError::NotFound));
    }

    #[test]
    fn an_approval_by_another_account_is_refused_and_its_token_revoked() {
        let web = home(|method, url, body| match url {
            u if u.ends_with("/verify_credentials") => (200, r#"{"id":"2","username":"someone_else"}"#.into()),
            _ => mastodon_home(method, url, body),
        });
        let gate = Gate::new(&web, Limits::default());
        let pending =
            block_on(begin_connect(&gate, HomeApi::Mastodon, "home.example", "me", REDIRECT, None, secrets())).unwrap();
        let landed = format!("{REDIRECT}?code=abc&state=5f0c-state");
        let refused = block_on(finish_connect(&gate, &pending, Some(&landed)));
        assert_eq!(refused, Err(ApiError::WrongAccount("someone_else@home.example".into())));
        let seen = web.seen.borrow();
        assert!(seen.last().unwrap().1.ends_with("/oauth/revoke"), "the token not kept is revoked: {seen:?}");
    }

    #[test]
    fn a_busy_home_says_how_long_to_wait() {
        let web = home(|_, _, _| (429, r#"{"error":"Too many requests"}"#.into()));
        let gate = Gate::new(&web, Limits::default());
        let target = Handle::parse("zuck@threads.net").unwrap();
        let busy = block_on(find_account(&gate, &mastodon(), &target));
        assert_eq!(busy, Err(ApiError::Busy { retry_after: Some(120) }), "its Retry-After");
        let words = busy.unwrap_err().msg("home.example").to_string();
        assert!(words.contains("120"), "{words}");
    }

    #[test]
    fn a_homes_error_never_repeats_the_token_it_was_sent() {
        // Mastodon's token goes in the Authorization header, Misskey's in the body: a home that
        // echoes either back must not put it into the panel's words.
        let echo_header = home(|_, _, _| (403, r#"{"error":"Token was Bearer t0k (not allowed)"}"#.into()));
        let gate = Gate::new(&echo_header, Limits::default());
        let target = Handle::parse("zuck@threads.net").unwrap();
        let refused = block_on(find_account(&gate, &mastodon(), &target)).unwrap_err();
        let words = refused.msg("home.example").to_string();
        assert_eq!(refused, ApiError::Refused(Some("Token was Bearer … (not allowed)".into())));
        assert!(!words.contains("t0k"), "{words}");
        let echo_body = home(|_, _, body| {
            (400, format!(r#"{{"error":{{"message":"Bad body {}","code":"X"}}}}"#, body.replace('"', "'")))
        });
        let gate = Gate::new(&echo_body, Limits::default());
        let rejected = block_on(find_account(&gate, &misskey(), &target)).unwrap_err();
        let words = rejected.msg("misskey-home.example").to_string();
        assert!(matches!(rejected, ApiError::Rejected(Some(_))), "{rejected:?}");
        assert!(words.contains("Bad body") && !words.contains("t0k"), "{words}");
    }

    #[test]
    fn a_homes_words_are_bounded_and_hide_anything_shaped_like_a_credential() {
        let token = "Zq3xV0b9Lk2mN8pR4sT6uW1yA5cE7gI9oK3hJ2dF0qS";
        // Ordinary words stay as they are.
        let plain = "Validation failed: Redirect URI must be an absolute URI.";
        assert_eq!(home_words(plain, &[]).as_deref(), Some(plain));
        // A token it was not told of, and whatever follows "Bearer", are hidden all the same.
        assert_eq!(home_words(&format!("token {token} refused"), &[]).as_deref(), Some("token … refused"));
        assert_eq!(home_words("Authorization: bearer abc", &[]).as_deref(), Some("Authorization: bearer …"));
        // A secret is taken out before the words are cut: no part of it survives at the edge.
        let long = format!("{} {token}", "word ".repeat(38));
        let shown = home_words(&long, &[token]).unwrap();
        assert!(shown.chars().count() <= HOME_WORDS_MAX && !shown.contains(&token[..6]), "{shown}");
        // Control characters, bidirectional overrides, line breaks and runs of spaces become
        // single spaces; length is bounded.
        assert_eq!(home_words("a\u{7}b\n\n  c\u{202e}d", &[]).as_deref(), Some("a b c d"));
        let huge = home_words(&"ab ".repeat(10_000), &[]).unwrap();
        assert_eq!(huge.chars().count(), HOME_WORDS_MAX);
        assert!(huge.ends_with('…'));
        assert_eq!(home_words(" \n ", &[]), None, "nothing to say is no words");
    }

    #[test]
    fn a_kept_app_is_reused_only_on_its_server_for_its_redirect_uri() {
        let web = home(mastodon_home);
        let gate = Gate::new(&web, Limits::default());
        let pending =
            block_on(begin_connect(&gate, HomeApi::Mastodon, "home.example", "me", REDIRECT, None, secrets())).unwrap();
        let kept = Json::parse(kept_app_json(&pending).to_string().as_bytes()).unwrap();
        assert_eq!(kept_app_for(&kept, "home.example", REDIRECT), pending.app);
        assert_eq!(kept_app_for(&kept, "other.example", REDIRECT), None);
        assert_eq!(kept_app_for(&kept, "home.example", "https://xyz.extensions.allizom.org/"), None);
        let misskey = Pending { app: None, ..pending };
        assert_eq!(kept_app_json(&misskey), Json::Null, "MiAuth registers no app");
    }
}
