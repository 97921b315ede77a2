//! A lookup rehearsed on built-in documents, with no network: V8 compiles a wasm function on its
//! first call, which makes the first lookup after the background starts slower than the next
//! (`make bench` measures both). Running the same code once while the badge is shown moves that cost off
//! the click. The documents are small but shaped like Mastodon's, so that the rehearsal goes
//! through WebFinger, the actor, NodeInfo, the checks, the home instance and the follow link.

use crate::core::net::fetch::{FetchError, FetchRequest};
use crate::core::report::Status;
use crate::core::wire::view::{Action, PanelView};
use crate::core::words::msg;
use gloo_net::http::Response;

pub const HOST: &str = "rehearsal.example";
pub const TARGET: &str = "@sample@rehearsal.example";
pub const HOME: &str = "@home@rehearsal.example";

const JRD: &str = r#"{"subject":"acct:sample@rehearsal.example","aliases":["https://rehearsal.example/@sample"],
"links":[{"rel":"self","type":"application/activity+json","href":"https://rehearsal.example/users/sample"},
{"rel":"http://webfinger.net/rel/profile-page","type":"text/html","href":"https://rehearsal.example/@sample"},
{"rel":"http://ostatus.org/schema/1.0/subscribe","template":"https://rehearsal.example/authorize_interaction?uri={uri}"}]}"#;

const HOME_JRD: &str = r#"{"subject":"acct:home@rehearsal.example",
"links":[{"rel":"self","type":"application/activity+json","href":"https://rehearsal.example/users/home"},
{"rel":"http://ostatus.org/schema/1.0/subscribe","template":"https://rehearsal.example/authorize_interaction?uri={uri}"}]}"#;

const ACTOR: &str = r#"{"@context":["https://www.w3.org/ns/activitystreams","https://w3id.org/security/v1"],
"id":"https://rehearsal.example/users/sample","type":"Person","preferredUsername":"sample",
"name":"Sample &amp; <b>rehearsal</b>","summary":"<p>Not a real account.</p>","url":"https://rehearsal.example/@sample",
"inbox":"https://rehearsal.example/users/sample/inbox","outbox":"https://rehearsal.example/users/sample/outbox",
"followers":"https://rehearsal.example/users/sample/followers","discoverable":true,
"icon":{"type":"Image","mediaType":"image/png","url":"https://rehearsal.example/avatar.png"},
"attachment":[{"type":"PropertyValue","name":"Site","value":"<a href=\"https://rehearsal.example/page\" rel=\"me\">page</a>"}],
"publicKey":{"id":"https://rehearsal.example/users/sample#main-key","owner":"https://rehearsal.example/users/sample","publicKeyPem":"-"},
"endpoints":{"sharedInbox":"https://rehearsal.example/inbox"}}"#;

const NODEINFO_LINKS: &str = r#"{"links":[{"rel":"http://nodeinfo.diaspora.software/ns/schema/2.1","href":"https://rehearsal.example/nodeinfo/2.1"}]}"#;

const NODEINFO: &str = r#"{"version":"2.1","software":{"name":"mastodon","version":"4.5.0"},"protocols":["activitypub"],
"openRegistrations":false,"usage":{"users":{"total":1}},"metadata":{"nodeName":"Rehearsal"}}"#;

/// The built-in answer for a request (anything else is a 404, as a server would say), as a real
/// `Response` object, so that reading it runs the same code as reading one from the network.
pub fn response(request: &FetchRequest<'_>) -> Result<Response, FetchError> {
    let url = request.url;
    let path = url.path();
    let query = url.as_str().split_once('?').map(|(_, q)| q).unwrap_or("");
    let body = match (url.host_str(), path) {
        (Some(HOST), "/.well-known/webfinger") if query.contains("acct%3Asample%40") => Some(JRD),
        (Some(HOST), "/.well-known/webfinger") if query.contains("acct%3Ahome%40") => Some(HOME_JRD),
        (Some(HOST), "/users/sample") => Some(ACTOR),
        (Some(HOST), "/.well-known/nodeinfo") => Some(NODEINFO_LINKS),
        (Some(HOST), "/nodeinfo/2.1") => Some(NODEINFO),
        (Some(HOST), "/api/v1/instance/domain_blocks") => Some("[]"),
        _ => None,
    };
    Response::builder()
        .status(if body.is_some() { 200 } else { 404 })
        .header("content-type", "application/json")
        .body(Some(body.unwrap_or(r#"{"error":"Not found"}"#)))
        .map_err(|e| FetchError::Other(e.to_string()))
}

/// A view with every part the panel can draw, for rehearsing the drawing in a panel that has no
/// answer yet (`prepare_panel`). No avatar: an image would be fetched even in a detached element.
/// The title and the bio have the scripts fediverse names and bios use most besides Latin
/// (Japanese on Misskey, emoji), so that their fallback fonts are found then, not at the answer
/// (each text style looks its fallback font up once, and a first lookup slows the frame that
/// needs it: `make bench`'s cold panels).
pub fn panel_view() -> PanelView {
    PanelView {
        title: "Sample しゅいろ 日本語 😀 :rehearsal:".into(),
        title_emojis: vec![("rehearsal".into(), format!("https://{HOST}/emoji.png"))],
        handle: Some("sample@rehearsal.example".into()),
        follows: Some("sample@rehearsal.example".into()),
        interactions: vec![(msg::action_like(HOST), format!("https://{HOST}/like"))],
        bluesky: Some(("sample.rehearsal.example.ap.brid.gy".into(), format!("https://{HOST}/profile/sample"))),
        software: Some("mastodon 4.5.0".into()),
        avatar: None,
        status_label: msg::status_federated(),
        status: Status::Federated,
        headline: msg::headline_federated("@sample@rehearsal.example"),
        evidence: vec![(true, msg::check_self_link_ok(HOST)), (false, msg::check_self_link_fail())],
        facts: vec![msg::fact_cat()],
        notes: vec![msg::post_gone("410")],
        home_warning: Some(msg::home_silences(HOST, HOST)),
        action: Action::Open { label: msg::action_follow(HOST), url: format!("https://{HOST}/authorize_interaction") },
        documents: vec![(msg::doc_actor(), "{}".into()), (msg::doc_nodeinfo(), "{}".into())],
        bio: Some("A bio, 日本語の自己紹介".into()),
        published: Some("2026-11-01T12:00:00Z".into()),
        claim: Some((true, msg::claim_rel_me(msg::claim_confirmed(), msg::check_rel_me_ok(HOST)))),
        post_text: None,
        object: None,
        followable: true,
    }
}
