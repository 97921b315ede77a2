//! Mastodon's client API, which Mastodon, GoToSocial, Akkoma/Pleroma and Pixelfed speak: OAuth 2
//! with PKCE to connect, then REST calls with the token as a bearer.
//!
//! Sources (also in `tests/fixtures/SOURCES.md` §9): Mastodon's documentation
//! (github.com/mastodon/documentation `content/en/methods/{apps,oauth,search,accounts,statuses}.md`,
//! `content/en/entities/{Relationship,Account,Status}.md`, `content/en/api/oauth-scopes.md`), and
//! `app/controllers/api/base_controller.rb` for error bodies. Its web app has no compose-a-reply
//! address: a reply is written from the post's page (`/@:acct/:statusId`,
//! app/javascript/mastodon/features/ui/index.jsx; config/routes.rb serves it for `/@user@domain/…`
//! too).

use crate::core::homeapi::api::{
    api_url, api_url_with, entry_for, flag, path_safe, redirect_params, Call, Revocation, Server, CLIENT_NAME,
};
use crate::core::homeapi::error::ApiError;
use crate::core::homeapi::model::{Act, App, Connected, Following, HomeAccount, HomePost, Pending, Relationship};
use crate::core::net::fetch::Method;
use crate::core::net::fetch::PROJECT_URL as WEBSITE;
use crate::core::protocol::handle::Handle;
use crate::core::text::json::Json;
use crate::core::text::weburl::{form_encode, Url};

pub struct Mastodon;

impl Server for Mastodon {
    fn find_account(&self, host: &str, target: &Handle) -> Result<Call, ApiError> {
        let url = mastodon_search_url(host, target).ok_or(ApiError::Invalid)?;
        Ok(Call::Rest { method: Method::Get, url })
    }

    fn read_account(&self, body: &[u8], host: &str, target: &Handle) -> Result<HomeAccount, ApiError> {
        parse_mastodon_search(body, host, target)
    }

    fn relationship(&self, host: &str, id: &str) -> Result<Call, ApiError> {
        let url = api_url_with(host, "/api/v1/accounts/relationships", &[("id[]", id)])?;
        Ok(Call::Rest { method: Method::Get, url })
    }

    fn read_relationship(&self, body: &[u8], id: &str) -> Result<Relationship, ApiError> {
        parse_mastodon_relationship(body, id)
    }

    fn set_following(&self, host: &str, id: &str, follow: bool, _now: Following) -> Result<Call, ApiError> {
        let verb = if follow { "follow" } else { "unfollow" };
        let url = api_url(host, &format!("/api/v1/accounts/{}/{verb}", form_encode(id)))?;
        Ok(Call::Rest { method: Method::Post, url })
    }

    fn whoami(&self, host: &str) -> Result<Call, ApiError> {
        Ok(Call::Rest { method: Method::Get, url: api_url(host, "/api/v1/accounts/verify_credentials")? })
    }

    fn find_post(&self, host: &str, object: &str) -> Result<Call, ApiError> {
        let url = mastodon_post_search_url(host, object).ok_or(ApiError::Invalid)?;
        Ok(Call::Rest { method: Method::Get, url })
    }

    fn read_post(&self, body: &[u8], host: &str, object: &str) -> Result<HomePost, ApiError> {
        parse_mastodon_post_state(body, host, object)
    }

    fn act(&self, host: &str, id: &str, act: Act, undo: bool) -> Result<Call, ApiError> {
        let verb = match (act, undo) {
            (Act::Like, false) => "favourite",
            (Act::Like, true) => "unfavourite",
            (Act::Boost, false) => "reblog",
            (Act::Boost, true) => "unreblog",
        };
        let url = api_url(host, &format!("/api/v1/statuses/{}/{verb}", form_encode(id)))?;
        Ok(Call::Rest { method: Method::Post, url })
    }

    fn read_act(&self, body: &[u8], act: Act, _undo: bool) -> Result<bool, ApiError> {
        let status = Json::parse(body).map_err(|_| ApiError::Invalid)?;
        // A reblog answers the new reblog; the post is in its `reblog`.
        let post = status.get("reblog").filter(|r| r.is_object()).unwrap_or(&status);
        let key = if act == Act::Like { "favourited" } else { "reblogged" };
        match post.get(key) {
            Some(Json::Bool(done)) => Ok(*done),
            _ => Err(ApiError::Invalid),
        }
    }

    fn registration(&self, host: &str, redirect_uri: &str) -> Option<Call> {
        app_registration(host, redirect_uri)
    }

    fn approval_url(
        &self,
        host: &str,
        app: Option<&App>,
        redirect_uri: &str,
        state: &str,
        challenge: &str,
    ) -> Option<Url> {
        authorize_url(host, app?, redirect_uri, state, challenge)
    }

    fn token(&self, pending: &Pending, landed: &str) -> Result<Call, ApiError> {
        let app = pending.app.as_ref().ok_or(ApiError::Invalid)?;
        let code = code_from_redirect(landed, &pending.redirect_uri, &pending.state)?;
        token_call(&pending.host, app, &code, &pending.redirect_uri, &pending.verifier)
    }

    fn read_token(&self, body: &[u8]) -> Result<String, ApiError> {
        parse_token(body)
    }

    fn revocation(&self, connected: &Connected) -> Result<Revocation, ApiError> {
        let c = &connected.connection;
        let app = connected.app.as_ref().ok_or(ApiError::Invalid)?;
        revoke_request(&c.host, app, &c.token).map(Revocation::Call).ok_or(ApiError::Invalid)
    }
}

/// The narrowest Mastodon scopes that serve: resolve a remote account (`read:search`: search
/// with `resolve=true` needs a user token), read the relationship (`read:follows`), follow and
/// unfollow (`write:follows`), who the token belongs to (`read:accounts`), and a post's Like and
/// Boost (`write:favourites` for favourite/unfavourite, `write:statuses` for reblog/unreblog:
/// methods/statuses.md). Granular scopes
/// exist since Mastodon 2.4.3 (`oauth-scopes.md`); `follow` is deprecated since 3.5.
pub const MASTODON_SCOPES: &str =
    "read:accounts read:follows write:follows read:search write:favourites write:statuses";

/// `POST /api/v1/apps`, form-encoded: `redirect_uri` is the browser's `identity.getRedirectURL()`,
/// sent exactly (Mastodon compares it as a string).
pub fn app_registration(host: &str, redirect_uri: &str) -> Option<Call> {
    let url = api_url(host, "/api/v1/apps").ok()?;
    let form = vec![
        ("client_name", CLIENT_NAME.to_string()),
        ("redirect_uris", redirect_uri.to_string()),
        ("scopes", MASTODON_SCOPES.to_string()),
        ("website", WEBSITE.to_string()),
    ];
    Some(Call::Form { url, form })
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
    api_url_with(
        host,
        "/oauth/authorize",
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
    .ok()
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

/// `POST /oauth/token`, form-encoded.
pub fn token_request(
    host: &str,
    app: &App,
    code: &str,
    redirect_uri: &str,
    code_verifier: &str,
) -> Option<(Url, Vec<(&'static str, String)>)> {
    let url = api_url(host, "/oauth/token").ok()?;
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

/// `token_request` as the call that makes it.
pub fn token_call(host: &str, app: &App, code: &str, redirect_uri: &str, verifier: &str) -> Result<Call, ApiError> {
    let (url, form) = token_request(host, app, code, redirect_uri, verifier).ok_or(ApiError::Invalid)?;
    Ok(Call::Form { url, form })
}

pub fn parse_token(body: &[u8]) -> Result<String, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    json.text("access_token").filter(|t| !t.is_empty()).ok_or(ApiError::Invalid)
}

/// `POST /oauth/revoke`: the token is revoked on the home, not only forgotten here.
pub fn revoke_request(host: &str, app: &App, token: &str) -> Option<Call> {
    let url = api_url(host, "/oauth/revoke").ok()?;
    let form = vec![
        ("client_id", app.client_id.clone()),
        ("client_secret", app.client_secret.clone()),
        ("token", token.to_string()),
    ];
    Some(Call::Form { url, form })
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

/// `GET /api/v2/search?q=@user@host&type=accounts&resolve=true&limit=5`: the home resolves the
/// account by WebFinger (signed where the target needs it, as for Threads).
pub fn mastodon_search_url(home_host: &str, target: &Handle) -> Option<Url> {
    let query = format!("@{target}");
    api_url_with(
        home_host,
        "/api/v2/search",
        &[("q", &query), ("type", "accounts"), ("resolve", "true"), ("limit", "5")],
    )
    .ok()
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

/// `GET /api/v2/search?q=<the post's id>&type=statuses&resolve=true`.
pub fn mastodon_post_search_url(home_host: &str, object: &str) -> Option<Url> {
    api_url_with(
        home_host,
        "/api/v2/search",
        &[("q", object), ("type", "statuses"), ("resolve", "true"), ("limit", "1")],
    )
    .ok()
}

/// A Mastodon status entity that is `object` (its `uri` or `url`), as a `HomePost`.
fn mastodon_status(status: &Json, home_host: &str) -> Result<HomePost, ApiError> {
    let acct = status.get("account").and_then(|a| a.text("acct")).filter(|a| path_safe(a));
    let (Some(acct), Some(id)) = (acct, status.text("id").filter(|id| path_safe(id))) else {
        return Err(ApiError::Invalid);
    };
    let page = format!("https://{home_host}/@{acct}/{id}");
    let flag = |name: &str| status.get(name).and_then(|v| if let Json::Bool(b) = v { Some(*b) } else { None });
    Ok(HomePost { reply: page.clone(), page, liked: flag("favourited"), boosted: flag("reblogged"), id })
}

/// The search's status for `object`, with the reader's state.
pub fn parse_mastodon_post_state(body: &[u8], home_host: &str, object: &str) -> Result<HomePost, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    let statuses = json.get("statuses").and_then(Json::as_array).ok_or(ApiError::Invalid)?;
    let is_it = |s: &&Json| s.text("uri").as_deref() == Some(object) || s.text("url").as_deref() == Some(object);
    mastodon_status(statuses.iter().find(is_it).ok_or(ApiError::NotFound)?, home_host)
}
