//! `fedilens home …`: connect a home account and follow through its own API, from the terminal
//! (issue 14), on the same core the extension uses. Stateless: `connect` prints what `token`
//! needs back (the app, the PKCE verifier, the state), and the token is printed for the caller
//! to keep. The reader approves in a browser, at the printed address.

use super::net::{NativeFetch, ResolveRule};
use crate::core::homeapi::{self, Act, ApiError, App, Connection, HomeApi, Relationship};
use crate::core::net::egress::Limits;
use crate::core::net::fetch::Gate;
use crate::core::protocol::handle::Handle;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

/// How to reach the servers (as for `lookup`).
#[derive(Args, Debug, Clone)]
pub struct Net {
    /// Connect HOST:PORT to ADDR instead of resolving it (like curl; repeatable).
    #[arg(long, value_name = "HOST:PORT:ADDR")]
    pub resolve: Vec<ResolveRule>,
    /// Trust the CA certificate(s) in this PEM file as well (like curl).
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,
    /// Seconds to wait for each request.
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
}

#[derive(Args, Debug, Clone)]
pub struct Home {
    /// Your account, `@me@example.social`.
    #[arg(long, value_name = "HANDLE")]
    pub home: String,
    /// Its API, when its NodeInfo does not say (`mastodon` or `misskey`).
    #[arg(long, value_parser = ["mastodon", "misskey"])]
    pub api: Option<String>,
    #[command(flatten)]
    pub net: Net,
}

#[derive(Subcommand, Debug)]
pub enum HomeCommand {
    /// Start connecting: prints the address to approve Fedilens at, and what `token` needs.
    Connect {
        #[command(flatten)]
        home: Home,
        /// Where the home sends the browser back (the extension's `identity.getRedirectURL()`).
        #[arg(long)]
        redirect: String,
    },
    /// Finish connecting: the token, from the address the approval ended on (Mastodon API) or
    /// the MiAuth session (Misskey). Secrets and ids are random base64url text, which may begin
    /// with `-`: their options take such values (clap would read `-abc` as a flag).
    Token {
        #[command(flatten)]
        home: Home,
        #[arg(long)]
        redirect: Option<String>,
        /// The address the browser was sent back to, with its `code` and `state`.
        #[arg(long)]
        landed: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        state: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        client_id: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        client_secret: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        verifier: Option<String>,
        /// The MiAuth session `connect` printed.
        #[arg(long, allow_hyphen_values = true)]
        session: Option<String>,
    },
    /// Where you stand with an account, as your home sees it.
    Status {
        target: String,
        #[command(flatten)]
        home: Home,
        #[arg(long, allow_hyphen_values = true)]
        token: String,
    },
    /// Follow an account through your home's API.
    Follow {
        target: String,
        #[command(flatten)]
        home: Home,
        #[arg(long, allow_hyphen_values = true)]
        token: String,
    },
    /// Stop following (or withdraw a request).
    Unfollow {
        target: String,
        #[command(flatten)]
        home: Home,
        #[arg(long, allow_hyphen_values = true)]
        token: String,
    },
    /// A post (its ActivityPub id or page) as your home sees it: its page there, where to reply,
    /// whether you liked or boosted it.
    Post {
        object: String,
        #[command(flatten)]
        home: Home,
        #[arg(long, allow_hyphen_values = true)]
        token: String,
    },
    /// Like a post through your home's API (`--undo`: take the like back).
    Like(PostAct),
    /// Boost (reblog, renote) a post through your home's API (`--undo`: take it back).
    Boost(PostAct),
    /// Revoke the token on the home (Mastodon API; a MiAuth token is revoked in Misskey's settings).
    Revoke {
        #[command(flatten)]
        home: Home,
        #[arg(long, allow_hyphen_values = true)]
        token: String,
        #[arg(long, allow_hyphen_values = true)]
        client_id: String,
        #[arg(long, allow_hyphen_values = true)]
        client_secret: String,
    },
}

/// A post to like or boost (its ActivityPub id or page), and whether to undo it.
#[derive(Args, Debug)]
pub struct PostAct {
    object: String,
    #[command(flatten)]
    home: Home,
    #[arg(long, allow_hyphen_values = true)]
    token: String,
    #[arg(long)]
    undo: bool,
}

/// What went wrong, for `usage_error` or the JSON error line.
pub enum Failure {
    Usage(String),
    Api(ApiError, String),
}

/// Runs one `home` command; the JSON to print.
pub fn run(command: HomeCommand) -> Result<Value, Failure> {
    let net = match &command {
        HomeCommand::Connect { home, .. }
        | HomeCommand::Token { home, .. }
        | HomeCommand::Status { home, .. }
        | HomeCommand::Follow { home, .. }
        | HomeCommand::Unfollow { home, .. }
        | HomeCommand::Post { home, .. }
        | HomeCommand::Like(PostAct { home, .. })
        | HomeCommand::Boost(PostAct { home, .. })
        | HomeCommand::Revoke { home, .. } => home.net.clone(),
    };
    let pem =
        net.cacert.as_ref().map(std::fs::read).transpose().map_err(|e| Failure::Usage(format!("--cacert: {e}")))?;
    let timeout = Duration::from_secs(net.timeout.max(1));
    let fetch = NativeFetch::new(&net.resolve, pem.as_deref(), timeout).map_err(Failure::Usage)?;
    let limits = Limits { timeout_ms: timeout.as_millis() as u64, ..Limits::default() };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start the runtime: {e}")))?;
    let gate = Gate::new(&fetch, limits);
    runtime.block_on(async {
        match command {
            HomeCommand::Connect { home, redirect } => connect(&gate, &home, &redirect).await,
            HomeCommand::Token { home, redirect, landed, state, client_id, client_secret, verifier, session } => {
                let (h, api) = which(&gate, &home).await?;
                let token = match api {
                    HomeApi::Misskey => {
                        let session = session.ok_or_else(|| Failure::Usage("--session is needed".into()))?;
                        homeapi::miauth_token(&gate, h.host(), &session).await
                    }
                    HomeApi::Mastodon => {
                        let need = |v: Option<String>, name: &str| {
                            v.ok_or_else(|| Failure::Usage(format!("--{name} is needed")))
                        };
                        let redirect = need(redirect, "redirect")?;
                        let app = App {
                            client_id: need(client_id, "client-id")?,
                            client_secret: need(client_secret, "client-secret")?,
                        };
                        let code =
                            homeapi::code_from_redirect(&need(landed, "landed")?, &redirect, &need(state, "state")?)
                                .map_err(|e| api_failure(e, h.host()))?;
                        homeapi::exchange_code(&gate, h.host(), &app, &code, &redirect, &need(verifier, "verifier")?)
                            .await
                    }
                };
                token.map(|t| json!({ "token": t })).map_err(|e| api_failure(e, h.host()))
            }
            HomeCommand::Status { target, home, token } => {
                let (c, target) = connection(&gate, &home, token, &target).await?;
                let (account, r) =
                    homeapi::find_account(&gate, &c, &target).await.map_err(|e| api_failure(e, &c.host))?;
                Ok(relationship_json(&c.host, account, r))
            }
            HomeCommand::Follow { target, home, token } => set_following(&gate, &home, token, &target, true).await,
            HomeCommand::Unfollow { target, home, token } => set_following(&gate, &home, token, &target, false).await,
            HomeCommand::Post { object, home, token } => {
                let c = home_connection(&gate, &home, token).await?;
                let post = homeapi::find_post(&gate, &c, &object).await.map_err(|e| api_failure(e, &c.host))?;
                Ok(serde_json::to_value(post.answer(&c.host)).unwrap_or(Value::Null))
            }
            HomeCommand::Like(post) => act(&gate, post, Act::Like).await,
            HomeCommand::Boost(post) => act(&gate, post, Act::Boost).await,
            HomeCommand::Revoke { home, token, client_id, client_secret } => {
                let h = parse_home(&home)?;
                let app = App { client_id, client_secret };
                homeapi::revoke(&gate, h.host(), &app, &token).await.map_err(|e| api_failure(e, h.host()))?;
                Ok(json!({ "revoked": true }))
            }
        }
    })
}

/// Follows or stops following; the relationship as the home sees it afterwards.
async fn set_following(
    gate: &Gate<'_, NativeFetch>,
    home: &Home,
    token: String,
    target: &str,
    follow: bool,
) -> Result<Value, Failure> {
    let (c, target) = connection(gate, home, token, target).await?;
    let (account, now) = homeapi::find_account(gate, &c, &target).await.map_err(|e| api_failure(e, &c.host))?;
    let after = homeapi::set_following(gate, &c, &account.id, follow, now.following)
        .await
        .map_err(|e| api_failure(e, &c.host))?;
    Ok(relationship_json(&c.host, account, after))
}

/// Finds the post on the home, then likes or boosts it there (or undoes it); the post's new state.
async fn act(gate: &Gate<'_, NativeFetch>, post: PostAct, act: Act) -> Result<Value, Failure> {
    let c = home_connection(gate, &post.home, post.token).await?;
    let found = homeapi::find_post(gate, &c, &post.object).await.map_err(|e| api_failure(e, &c.host))?;
    let done = homeapi::act(gate, &c, &found.id, act, post.undo).await.map_err(|e| api_failure(e, &c.host))?;
    Ok(serde_json::to_value(homeapi::act_answer(&c.host, act, Ok(done))).unwrap_or(Value::Null))
}

fn api_failure(error: ApiError, host: &str) -> Failure {
    let words = error.msg(host).to_string();
    Failure::Api(error, words)
}

fn parse_home(home: &Home) -> Result<Handle, Failure> {
    Handle::parse(&home.home).map_err(|e| Failure::Usage(format!("--home: {e}")))
}

/// The home and its API: `--api`, else its NodeInfo's family.
async fn which(gate: &Gate<'_, NativeFetch>, home: &Home) -> Result<(Handle, HomeApi), Failure> {
    let h = parse_home(home)?;
    let api = match home.api.as_deref() {
        Some("misskey") => Some(HomeApi::Misskey),
        Some(_) => Some(HomeApi::Mastodon),
        None => crate::core::protocol::nodeinfo::fetch(gate, h.host(), None)
            .await
            .info
            .and_then(|i| i.family)
            .and_then(HomeApi::of),
    };
    let api = api.ok_or_else(|| {
        Failure::Usage(format!("{} speaks no client API Fedilens knows (Mastodon's or Misskey's); say --api", h.host()))
    })?;
    Ok((h, api))
}

async fn connection(
    gate: &Gate<'_, NativeFetch>,
    home: &Home,
    token: String,
    target: &str,
) -> Result<(Connection, Handle), Failure> {
    let c = home_connection(gate, home, token).await?;
    let target = Handle::parse(target).map_err(|e| Failure::Usage(format!("{target}: {e}")))?;
    Ok((c, target))
}

async fn home_connection(gate: &Gate<'_, NativeFetch>, home: &Home, token: String) -> Result<Connection, Failure> {
    let (h, api) = which(gate, home).await?;
    Ok(Connection { api, host: h.host().to_string(), token })
}

async fn connect(gate: &Gate<'_, NativeFetch>, home: &Home, redirect: &str) -> Result<Value, Failure> {
    let (h, api) = which(gate, home).await?;
    let host = h.host();
    let verifier = random_text(32);
    let challenge = homeapi::base64url(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref());
    // The state is a UUID, which is also what Misskey's documentation asks a MiAuth session to be.
    let secrets = homeapi::Secrets { verifier, challenge, state: random_uuid() };
    let p = homeapi::begin_connect(gate, api, host, h.user(), redirect, None, secrets)
        .await
        .map_err(|e| api_failure(e, host))?;
    let app = p.app.as_ref();
    Ok(match p.api {
        HomeApi::Misskey => json!({ "api": "misskey", "authorize_url": p.authorize_url.as_str(), "session": p.state }),
        HomeApi::Mastodon => json!({
            "api": "mastodon", "authorize_url": p.authorize_url.as_str(), "client_id": app.map(|a| &a.client_id),
            "client_secret": app.map(|a| &a.client_secret), "verifier": p.verifier, "state": p.state,
        }),
    })
}

/// A random UUID (version 4), as Misskey's documentation asks MiAuth sessions to be.
fn random_uuid() -> String {
    let mut b = [0u8; 16];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// `bytes` random bytes as base64url text (a PKCE verifier of 32 bytes is 43 characters, as
/// RFC 7636 §4.1 recommends).
fn random_text(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut buf);
    homeapi::base64url(&buf)
}

/// The relationship as the core writes it for the panel too (`homeapi::relationship_answer`).
fn relationship_json(host: &str, account: homeapi::HomeAccount, r: Relationship) -> Value {
    serde_json::to_value(homeapi::relationship_answer(host, Ok((account, r)))).unwrap_or(Value::Null)
}
