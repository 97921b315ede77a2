//! What the home's API is about, whichever API the home speaks: which API, the connection and
//! the app it acts through, the reader's relationship with an account, the account and the post
//! as the home knows them, and what the reader can do to a post.

use crate::core::homeapi::error::{ApiError, ApiFailure};
use crate::core::protocol::family::Family;
use crate::core::text::json::Json;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};
use serde::Serialize;

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

    const NAMES: [(HomeApi, &'static str); 2] = [(HomeApi::Mastodon, "mastodon"), (HomeApi::Misskey, "misskey")];

    /// Its name where it crosses as JSON and on the CLI: `mastodon`, `misskey`.
    pub fn as_str(self) -> &'static str {
        HomeApi::NAMES.iter().find(|(a, _)| *a == self).map_or("mastodon", |(_, name)| name)
    }

    pub fn parse(name: &str) -> Option<HomeApi> {
        HomeApi::NAMES.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
    }
}

/// A connected home account: which API, where, and the token (kept in the background only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub api: HomeApi,
    pub host: String,
    pub token: String,
}

/// An app registered on one Mastodon-API instance (`POST /api/v1/apps`). Mastodon only issues
/// confidential clients, so there is always a secret, kept with the token in the background.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct App {
    pub client_id: String,
    pub client_secret: String,
}

impl App {
    /// `{client_id, client_secret}`: the one JSON shape of an app (kept, pending, connected).
    pub fn to_json(&self) -> Json {
        Json::object([
            ("client_id", Json::String(self.client_id.clone())),
            ("client_secret", Json::String(self.client_secret.clone())),
        ])
    }

    /// From an object with `client_id` and `client_secret` (as `to_json` writes them).
    pub fn from_json(json: &Json) -> Option<App> {
        Some(App { client_id: json.text("client_id")?, client_secret: json.text("client_secret")? })
    }
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

impl Serialize for Following {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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
/// the home, what the home saw of it, the state, each flag, its words, whether to offer Follow; or
/// the failure's words and whether to connect again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RelationshipAnswer {
    Known {
        id: String,
        seen: Option<SeenAccount>,
        following: Following,
        followed_by: bool,
        blocking: bool,
        blocked_by: bool,
        muting: bool,
        domain_blocking: bool,
        can_follow: bool,
        words: Vec<String>,
        home: String,
    },
    Failed(ApiFailure),
}

pub fn relationship_answer(
    home_host: &str,
    result: Result<(HomeAccount, Relationship), ApiError>,
) -> RelationshipAnswer {
    match result {
        Ok((account, r)) => RelationshipAnswer::Known {
            seen: account.seen(),
            id: account.id,
            following: r.following,
            followed_by: r.followed_by,
            blocking: r.blocking,
            blocked_by: r.blocked_by,
            muting: r.muting,
            domain_blocking: r.domain_blocking,
            can_follow: r.can_follow(),
            words: r.words().iter().map(Msg::to_string).collect(),
            home: home_host.to_string(),
        },
        Err(e) => RelationshipAnswer::Failed(e.answer(home_host)),
    }
}

/// What the home's own fetch saw of an account, as it crosses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeenAccount {
    pub name: Option<String>,
    pub posts: Option<u64>,
    pub followers: Option<u64>,
    pub following: Option<u64>,
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
    pub fn read(json: &Json, id: String, [name, posts, followers, following]: [&str; 4]) -> HomeAccount {
        let count = |key: &str| json.get(key).and_then(Json::as_u64);
        HomeAccount {
            id,
            name: json.text(name).filter(|n| !n.trim().is_empty()),
            posts: count(posts),
            followers: count(followers),
            following: count(following),
        }
    }

    /// What the home saw, or `None` when it said none of it.
    fn seen(&self) -> Option<SeenAccount> {
        if self.name.is_none() && self.posts.is_none() && self.followers.is_none() && self.following.is_none() {
            return None;
        }
        Some(SeenAccount {
            name: self.name.clone(),
            posts: self.posts,
            followers: self.followers,
            following: self.following,
        })
    }
}

/// What the reader can do to a post from home through the API (a reply is written at home).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Like,
    Boost,
}

impl Act {
    pub const ALL: [Act; 2] = [Act::Like, Act::Boost];

    /// As the panel and its message name it (`like`, `boost`: `follow::Interaction`'s names).
    pub fn as_str(self) -> &'static str {
        match self {
            Act::Like => "like",
            Act::Boost => "boost",
        }
    }

    pub fn parse(name: &str) -> Option<Act> {
        Act::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

/// A post as the home knows it: its id there, its page, where to reply to it, and whether the
/// reader liked or boosted it (`None`: the home does not say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomePost {
    pub id: String,
    pub page: String,
    pub reply: String,
    pub liked: Option<bool>,
    pub boosted: Option<bool>,
}

impl HomePost {
    /// The answer the panel reads (`render_home_post`): the page as `url`.
    pub fn answer(self, home_host: &str) -> HomePostAnswer {
        HomePostAnswer::Found {
            url: self.page,
            id: self.id,
            reply: self.reply,
            liked: self.liked,
            boosted: self.boosted,
            home: home_host.to_string(),
        }
    }
}

/// A post as the connected home knows it, as it crosses; or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum HomePostAnswer {
    Found { url: String, id: String, reply: String, liked: Option<bool>, boosted: Option<bool>, home: String },
    Failed(ApiFailure),
}

/// An act's answer: the post's new state for that act, as the home says it; or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ActAnswer {
    Liked { liked: bool, home: String },
    Boosted { boosted: bool, home: String },
    Failed(ApiFailure),
}
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

impl Connected {
    /// As the background keeps it (and hands it back as JSON text): `{api, host, token, account,
    /// app}`.
    pub fn record(&self) -> StoredConnection<'_> {
        let c = &self.connection;
        StoredConnection {
            api: c.api.as_str(),
            host: &c.host,
            token: &c.token,
            account: &self.account,
            app: self.app.as_ref(),
        }
    }

    /// As `record` wrote it; `account` and `app` may be missing (a connection stored by hand).
    pub fn from_json(json: &Json) -> Option<Connected> {
        let api = HomeApi::parse(&json.text("api")?)?;
        let (host, token) = (json.text("host")?, json.text("token")?);
        if host.is_empty() || token.is_empty() {
            return None;
        }
        let account = json.text("account").unwrap_or_default();
        Some(Connected {
            connection: Connection { api, host, token },
            account,
            app: json.get("app").and_then(App::from_json),
        })
    }
}

/// The app a connection registered, kept for the next connect, and reused only on that server for that redirect URI: an app is registered
/// with one redirect URI, which Mastodon compares as a string.
pub fn kept_app(pending: &Pending) -> Option<KeptApp<'_>> {
    let app = pending.app.as_ref()?;
    Some(KeptApp {
        host: &pending.host,
        redirect_uri: &pending.redirect_uri,
        client_id: &app.client_id,
        client_secret: &app.client_secret,
    })
}

/// A connected account as the background keeps it.
#[derive(Debug, Serialize)]
pub struct StoredConnection<'a> {
    pub api: &'static str,
    pub host: &'a str,
    pub token: &'a str,
    pub account: &'a str,
    pub app: Option<&'a App>,
}

/// An app kept for the next connect, with where it may be used again.
#[derive(Debug, Serialize)]
pub struct KeptApp<'a> {
    pub host: &'a str,
    pub redirect_uri: &'a str,
    pub client_id: &'a str,
    pub client_secret: &'a str,
}

/// The kept app (as `kept_app` wrote it) when it is for `host` and `redirect_uri`.
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
            ("app", self.app.as_ref().map_or(Json::Null, App::to_json)),
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
            app: json.get("app").and_then(App::from_json),
            verifier: json.text("verifier")?,
            state: json.text("state")?,
            authorize_url: Url::parse(&json.text("authorize_url")?).ok()?,
        })
    }
}
