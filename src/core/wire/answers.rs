//! What the wasm answers the extension's JavaScript, each shape declared once as a serde type and
//! crossing through serde-wasm-bindgen (`wasm::answer`); the home API's own answers
//! (`RelationshipAnswer`, `HomePostAnswer`, `ActAnswer`, `StoredConnection`) are declared beside
//! the API, and a detection crosses as `Detection` itself. `extension/messages.js` documents the
//! same shapes for the JavaScript that reads them.

use crate::core::homeapi::{self, KeptApp, StoredConnection};
use crate::core::protocol::handle::Handle;
use crate::core::report::{Report, SoftwareInfo};
use serde::Serialize;

/// Why a call failed before it had an answer: `{kind, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorAnswer {
    pub kind: ErrorKind,
    pub message: String,
}

/// What was wrong, by name (`bad_signals`, …): the JavaScript tells a refusal from a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The home's API failed (its words are the message).
    Api,
    /// The home speaks no API Fedilens knows.
    NoApi,
    BadAccounts,
    BadAct,
    BadConnection,
    BadHandle,
    BadHome,
    BadPending,
    BadPost,
    BadRelationship,
    BadSecrets,
    BadSignals,
    BadTarget,
    BadView,
}

impl ErrorKind {
    pub fn because(self, message: impl std::fmt::Display) -> ErrorAnswer {
        ErrorAnswer { kind: self, message: message.to_string() }
    }
}

/// A lookup: the panel's view as JSON text (the background caches it and hands it to panels as
/// is) and how long it may be reused.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LookupAnswer {
    pub view: String,
    pub cache_seconds: u32,
}

/// A home account the reader typed, checked: whether it exists on the fediverse (the same rule
/// as for a followable target), and where and how to connect it, or why it cannot be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HomeCheck {
    pub handle: String,
    pub server: Option<String>,
    pub api: Option<&'static str>,
    pub no_api: Option<String>,
    pub usable: bool,
    pub status: &'static str,
    pub headline: String,
    pub software: Option<SoftwareInfo>,
}

impl HomeCheck {
    pub fn of(handle: &Handle, report: &Report) -> HomeCheck {
        let server = homeapi::home_server(report.status, report.actor.as_deref(), report.software.as_ref());
        let (server, api, no_api) = match server {
            Ok((api, host)) => (Some(host), Some(api.as_str()), None),
            Err(why) => (None, None, Some(why.to_string())),
        };
        HomeCheck {
            handle: handle.to_string(),
            server,
            api,
            no_api,
            usable: report.status.followable(),
            status: report.status.as_str(),
            headline: report.headline.to_string(),
            software: report.software.clone(),
        }
    }
}

/// A connection begun: the pending connection as text (it holds secrets: the background keeps it
/// in memory only) and the page where the reader approves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectBegun {
    pub pending: String,
    pub url: String,
}

/// A connection made: what the background keeps, the app to reuse next time, and whose it is.
#[derive(Debug, Serialize)]
pub struct ConnectFinished<'a> {
    pub connection: StoredConnection<'a>,
    pub kept_app: Option<KeptApp<'a>>,
    pub account: &'a str,
}

/// What disconnecting did, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disconnection {
    pub revoked: bool,
    pub message: String,
}
