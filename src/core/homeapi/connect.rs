//! Connecting the reader's home account once, the way real clients do (Mastodon's OAuth 2 with
//! PKCE, Misskey's MiAuth), and disconnecting: the steps are each API's (`Server`), the flow is
//! one.

use crate::core::homeapi::api::{Revocation, Server};
use crate::core::homeapi::call::{send, server};
use crate::core::homeapi::error::ApiError;
use crate::core::homeapi::mastodon::{self, Mastodon};
use crate::core::homeapi::misskey::{self, parse_miauth_check};
use crate::core::homeapi::model::{App, Connected, Connection, HomeApi, Pending, Secrets};
use crate::core::net::fetch::{Fetch, Gate};
use crate::core::report::{SoftwareInfo, Status};
use crate::core::text::json::Json;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};

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

/// Registers Fedilens on a Mastodon-API home (once per home and redirect URI).
pub async fn register_app<F: Fetch>(gate: &Gate<'_, F>, host: &str, redirect_uri: &str) -> Result<App, ApiError> {
    let call = Mastodon.registration(host, redirect_uri).ok_or(ApiError::Invalid)?;
    mastodon::parse_app(&send(gate, host, None, call).await?.body)
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
    let call = mastodon::token_call(host, app, code, redirect_uri, code_verifier)?;
    mastodon::parse_token(&send(gate, host, None, call).await?.body)
}

/// Revokes the token on the home (Mastodon-API homes; a MiAuth token can only be revoked from
/// Misskey's own settings, which the panel says).
pub async fn revoke<F: Fetch>(gate: &Gate<'_, F>, host: &str, app: &App, token: &str) -> Result<(), ApiError> {
    let call = mastodon::revoke_request(host, app, token).ok_or(ApiError::Invalid)?;
    send(gate, host, None, call).await.map(|_| ())
}

/// MiAuth's check, once the reader accepted: the token.
pub async fn miauth_token<F: Fetch>(gate: &Gate<'_, F>, host: &str, session: &str) -> Result<String, ApiError> {
    parse_miauth_check(&send(gate, host, None, misskey::miauth_check(host, session)?).await?.body)
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
    let steps = server(api);
    let app = match (kept, steps.registration(host, redirect_uri)) {
        (_, None) => None, // an API without apps (MiAuth)
        (Some(app), Some(_)) => Some(app),
        (None, Some(_)) => Some(register_app(gate, host, redirect_uri).await?),
    };
    let authorize_url = steps.approval_url(host, app.as_ref(), redirect_uri, &secrets.state, &secrets.challenge);
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
    let steps = server(pending.api);
    let call = steps.token(pending, landed)?;
    let token = steps.read_token(&send(gate, host, None, call).await?.body)?;
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
    let body = send(gate, &c.host, Some(&c.token), server(c.api).whoami(&c.host)?).await?.body;
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
    match server(c.api).revocation(connected)? {
        Revocation::Call(call) => send(gate, &c.host, None, call).await.map(|_| Disconnected::Revoked),
        Revocation::There(page) => Ok(Disconnected::RevokeThere(page)),
    }
}
