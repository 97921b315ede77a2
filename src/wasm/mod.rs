//! The `#[wasm_bindgen]` surface for the extension's background, its pages and `www/`.
//! Errors cross to JavaScript as `{kind, message}` objects, never as panics. Each export belongs
//! to a part (Cargo features `lookup`, `panel`, `home`): the extension builds each part on its
//! own, so that a page's panel frame loads only the drawing, and a background whose reader never
//! connected a home account never compiles the home's API; `set_catalogue` is in all three.

mod accounts;
mod fetch;
mod home_panel;
mod panel;
mod rehearsal;

pub use self::fetch::BrowserFetch;
use crate::core::homeapi;
use crate::core::identity::claim::ClaimKind;
use crate::core::identity::detect::detect as detect_page;
use crate::core::identity::signals::PageSignals;
use crate::core::lookup::{lookup_remembering as resolve, Target};
use crate::core::net::egress::Limits;
use crate::core::protocol::family::family_of;
use crate::core::protocol::handle::Handle;
use crate::core::protocol::nodeinfo::HostMemory;
use crate::core::report::judge_claim;
use crate::core::text::json::Json;
use crate::core::wire::answers::{ConnectBegun, ConnectFinished, Disconnection, ErrorKind, HomeCheck, LookupAnswer};
use crate::core::wire::view;
use crate::core::words::{self, msg, Catalogue};
use wasm_bindgen::prelude::*;

/// An answer as a plain JS object, as serde writes it (`None` as null, as JSON would).
fn answer<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(JsValue::from)
}

fn error(kind: ErrorKind, message: impl std::fmt::Display) -> JsValue {
    answer(&kind.because(message)).unwrap_or_else(|e| e)
}

thread_local! {
    /// What this background (or page) has learned of hosts, for as long as it lives: a service
    /// worker that the browser stops forgets it. Leaked once, so that lookups can hold it across
    /// their awaits (wasm is single-threaded).
    static HOST_MEMORY: &'static HostMemory = Box::leak(Box::default());
}

fn host_memory() -> &'static HostMemory {
    HOST_MEMORY.with(|memory| *memory)
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Page signals (as gathered by the content script, in JSON text) → detection. With
/// `host_software` (what the page host's NodeInfo names), a URL-shape candidate is promoted.
#[cfg_attr(feature = "lookup", wasm_bindgen)]
pub fn detect(signals: &str, host_software: Option<String>) -> Result<JsValue, JsValue> {
    let signals = Json::parse(signals.as_bytes()).map_err(|e| error(ErrorKind::BadSignals, e))?;
    if !signals.is_object() {
        return Err(error(ErrorKind::BadSignals, "the page signals are not an object"));
    }
    let detection = detect_page(&PageSignals::from_json(&signals));
    match host_software.as_deref().and_then(|name| Some((family_of(name)?, name))) {
        Some((family, name)) => answer(&detection.confirmed_by_host(family, name)),
        None => answer(&detection),
    }
}

/// The software name a page's host runs, from its NodeInfo, or `undefined`.
#[cfg_attr(feature = "lookup", wasm_bindgen)]
pub async fn host_software(host: String) -> Option<String> {
    let fetch = BrowserFetch::BACKGROUND;
    let limits = Limits { max_requests: 2, ..Limits::default() };
    crate::core::lookup::host_software(&fetch, &host, limits, Some(host_memory())).await.and_then(|n| n.software)
}

/// Resolves a handle or URL; `home` is the user's own handle. Resolves to `{view, cache_seconds}`:
/// the panel's view as JSON text (the background caches it and hands it to panels as is, and
/// `render_panel` draws it) and how long it may be reused.
#[cfg_attr(feature = "lookup", wasm_bindgen)]
pub async fn lookup(target: String, home: Option<String>, on_web_page: bool) -> Result<JsValue, JsValue> {
    lookup_with_claim(target, home, on_web_page, None, None).await
}

/// `lookup`, for an account a page claims (`claim`: `creator` or `rel_me`; `page`: its URL).
#[cfg_attr(feature = "lookup", wasm_bindgen)]
pub async fn lookup_with_claim(
    target: String,
    home: Option<String>,
    on_web_page: bool,
    claim: Option<String>,
    page: Option<String>,
) -> Result<JsValue, JsValue> {
    let fetch = BrowserFetch { on_web_page, rehearsal: false };
    run_lookup(&fetch, &target, home.as_deref(), claim.as_deref(), page.as_deref()).await
}

/// Rehearses a lookup (with a home instance and a page's claim) on built-in documents, without
/// the network, so that the browser has compiled the code before the user asks for a lookup (see
/// `rehearsal.rs`). Resolves as `lookup` does.
#[cfg_attr(feature = "lookup", wasm_bindgen)]
pub async fn prepare() -> Result<JsValue, JsValue> {
    let fetch = BrowserFetch { on_web_page: false, rehearsal: true };
    let page = format!("https://{}/page", rehearsal::HOST);
    run_lookup(&fetch, rehearsal::TARGET, Some(rehearsal::HOME), Some("rel_me"), Some(&page)).await
}

async fn run_lookup(
    fetch: &BrowserFetch,
    target: &str,
    home: Option<&str>,
    claim: Option<&str>,
    page: Option<&str>,
) -> Result<JsValue, JsValue> {
    let target = Target::parse(target).map_err(|e| error(ErrorKind::BadTarget, e))?;
    let home = match home.filter(|h| !h.trim().is_empty()) {
        Some(h) => Some(Handle::parse(h).map_err(|e| error(ErrorKind::BadHome, e))?),
        None => None,
    };
    // The rehearsal's made-up host stays out of the session's memory.
    let memory = (!fetch.rehearsal).then(host_memory);
    let mut report = resolve(fetch, &target, home.as_ref(), Limits::default(), memory).await;
    let kind = claim.and_then(ClaimKind::parse);
    if let (Some(kind), Some(page)) = (kind, page) {
        judge_claim(&mut report, kind, page);
    }
    let view = view::PanelView::of(&report).to_json().to_string();
    answer(&LookupAnswer { view, cache_seconds: view::cache_seconds(&report) })
}

/// Checks a home account typed by the user: parses it and looks it up. Resolves to
/// `{handle, usable, status, headline, software, server, api, no_api}`; `usable` when the account
/// exists on the fediverse (the same rule as for a followable target); `server` and `api`: where
/// and how to connect it (issue 14), or `no_api`: why it cannot be.
#[cfg_attr(feature = "lookup", wasm_bindgen)]
pub async fn check_home(input: String) -> Result<JsValue, JsValue> {
    let handle = Handle::parse(&input).map_err(|e| error(ErrorKind::BadHandle, e))?;
    let fetch = BrowserFetch::BACKGROUND;
    let report = resolve(&fetch, &Target::Handle(handle.clone()), None, Limits::default(), Some(host_memory())).await;
    answer(&HomeCheck::of(&handle, &report))
}

/// A connected home account, as the background keeps it (`homeapi::Connected::record`).
fn connected(json: &str) -> Result<homeapi::Connected, JsValue> {
    let json = Json::parse(json.as_bytes()).map_err(|e| error(ErrorKind::BadConnection, e))?;
    homeapi::Connected::from_json(&json).ok_or_else(|| error(ErrorKind::BadConnection, "not a connection"))
}

fn connection(json: &str) -> Result<homeapi::Connection, JsValue> {
    connected(json).map(|c| c.connection)
}

fn home_gate(fetch: &BrowserFetch) -> crate::core::net::fetch::Gate<'_, BrowserFetch> {
    crate::core::net::fetch::Gate::new(fetch, Limits::default())
}

/// Starts connecting the reader's home account (`handle`, on the server `host`, through its `api`:
/// `check_home`'s `server` and `api`, issue 14): registers Fedilens there if `kept_app`
/// (`home_connect_finish`'s) is not for that server and `redirect_uri`; resolves to `{pending, url}`: the
/// page where the reader approves, and the text `home_connect_finish` needs (it holds secrets: the
/// background keeps it in memory). `secrets`: `{verifier, challenge, state}` from WebCrypto (the
/// PKCE verifier, its S256 challenge, a random state).
#[cfg_attr(feature = "home", wasm_bindgen)]
pub async fn home_connect_begin(
    api: String,
    host: String,
    handle: String,
    redirect_uri: String,
    kept_app: Option<String>,
    secrets: String,
) -> Result<JsValue, JsValue> {
    let api = homeapi::HomeApi::parse(&api).ok_or_else(|| error(ErrorKind::NoApi, "no API"))?;
    let handle = Handle::parse(&handle).map_err(|e| error(ErrorKind::BadHandle, e))?;
    let kept = kept_app.and_then(|text| Json::parse(text.as_bytes()).ok());
    let app = kept.and_then(|k| homeapi::kept_app_for(&k, &host, &redirect_uri));
    let secrets = Json::parse(secrets.as_bytes()).ok();
    let secret = |name: &str| secrets.as_ref().and_then(|s| s.text(name)).filter(|v| !v.is_empty());
    let (Some(verifier), Some(challenge), Some(state)) = (secret("verifier"), secret("challenge"), secret("state"))
    else {
        return Err(error(ErrorKind::BadSecrets, "no verifier, challenge or state"));
    };
    let secrets = homeapi::Secrets { verifier, challenge, state };
    let fetch = BrowserFetch::BACKGROUND;
    let pending = homeapi::begin_connect(&home_gate(&fetch), api, &host, handle.user(), &redirect_uri, app, secrets)
        .await
        .map_err(|e| error(ErrorKind::Api, e.msg(&host)))?;
    answer(&ConnectBegun { pending: pending.to_json().to_string(), url: pending.authorize_url.as_str().to_string() })
}

/// Finishes connecting: `landed` is the URL the approval window ended on (none: it was closed).
/// Resolves to `{connection, kept_app, account}`: what the background keeps (its IndexedDB), the
/// app to reuse on the next connect to this server (none for Misskey), and `user@host`.
#[cfg_attr(feature = "home", wasm_bindgen)]
pub async fn home_connect_finish(pending: String, landed: Option<String>) -> Result<JsValue, JsValue> {
    let pending = Json::parse(pending.as_bytes())
        .ok()
        .and_then(|p| homeapi::Pending::from_json(&p))
        .ok_or_else(|| error(ErrorKind::BadPending, "not a pending connection"))?;
    let fetch = BrowserFetch::BACKGROUND;
    let connected = homeapi::finish_connect(&home_gate(&fetch), &pending, landed.as_deref())
        .await
        .map_err(|e| error(ErrorKind::Api, e.msg(&pending.host)))?;
    answer(&ConnectFinished {
        connection: connected.record(),
        kept_app: homeapi::kept_app(&pending),
        account: &connected.account,
    })
}

/// Disconnects: revokes the token where the home's API allows it. Resolves to `{revoked,
/// message}` (the background forgets the token whatever it says).
#[cfg_attr(feature = "home", wasm_bindgen)]
pub async fn home_disconnect(connection_json: String) -> Result<JsValue, JsValue> {
    let c = connected(&connection_json)?;
    let fetch = BrowserFetch::BACKGROUND;
    let host = c.connection.host.clone();
    let (revoked, words) = match homeapi::disconnect(&home_gate(&fetch), &c).await {
        Ok(done) => (done == homeapi::Disconnected::Revoked, done.msg(&host)),
        Err(e) => (false, e.msg(&host)),
    };
    answer(&Disconnection { revoked, message: words.to_string() })
}

/// PKCE's encoding (base64url without padding) of WebCrypto's random bytes and digests.
#[cfg_attr(feature = "home", wasm_bindgen)]
pub fn base64url(bytes: &[u8]) -> String {
    homeapi::base64url(bytes)
}

/// Where the reader stands with the account a panel shows (`handle`), as their home sees it
/// (issue 14). Resolves to `homeapi::relationship_json`'s object.
#[cfg_attr(feature = "home", wasm_bindgen)]
pub async fn home_status(connection_json: String, handle: String) -> Result<JsValue, JsValue> {
    let c = connection(&connection_json)?;
    let target = Handle::parse(&handle).map_err(|e| error(ErrorKind::BadHandle, e))?;
    let fetch = BrowserFetch::BACKGROUND;
    let result = homeapi::find_account(&home_gate(&fetch), &c, &target).await;
    answer(&homeapi::relationship_answer(&c.host, result))
}

/// Follows (`follow`) or stops following the account `id` on the home; `now` is its state as
/// last read (`requested` withdraws the request). Resolves as `home_status`.
#[cfg_attr(feature = "home", wasm_bindgen)]
pub async fn home_set_following(
    connection_json: String,
    id: String,
    follow: bool,
    now: String,
) -> Result<JsValue, JsValue> {
    let c = connection(&connection_json)?;
    let now = homeapi::Following::parse(&now).unwrap_or(homeapi::Following::No);
    let fetch = BrowserFetch::BACKGROUND;
    let result = homeapi::set_following(&home_gate(&fetch), &c, &id, follow, now)
        .await
        .map(|r| (homeapi::HomeAccount { id, ..Default::default() }, r));
    answer(&homeapi::relationship_answer(&c.host, result))
}

/// The post `object` (its ActivityPub id) as the connected home resolves it: `{url, id, reply,
/// liked, boosted}` (its page there, its id there, where to reply to it, the reader's state), or
/// `{error}` in words.
#[cfg_attr(feature = "home", wasm_bindgen)]
pub async fn home_post(connection_json: String, object: String) -> Result<JsValue, JsValue> {
    let c = connection(&connection_json)?;
    let fetch = BrowserFetch::BACKGROUND;
    answer(&match homeapi::find_post(&home_gate(&fetch), &c, &object).await {
        Ok(post) => post.answer(&c.host),
        Err(e) => homeapi::HomePostAnswer::Failed(e.answer(&c.host)),
    })
}

/// Likes or boosts (`act`: `like`, `boost`) the post `id` (the home's own id, from `home_post`)
/// through the home's API, or undoes it; resolves to `{liked}` or `{boosted}` as the home now
/// says it, or `{error, reconnect}` in words.
#[cfg_attr(feature = "home", wasm_bindgen)]
pub async fn home_act(connection_json: String, id: String, act: String, undo: bool) -> Result<JsValue, JsValue> {
    let c = connection(&connection_json)?;
    let act = homeapi::Act::parse(&act).ok_or_else(|| error(ErrorKind::BadAct, "not an act"))?;
    let fetch = BrowserFetch::BACKGROUND;
    answer(&homeapi::act_answer(&c.host, act, homeapi::act(&home_gate(&fetch), &c, &id, act, undo).await))
}

/// Draws what the connected home said of the shown post (`home_post`'s answer, or it merged with
/// `home_act`'s, as JSON text): "Open this post on <home>" at the home's own page for it instead
/// of its redirect page, and Like and Boost through the home's API.
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn render_home_post(root: &web_sys::Element, answer: &str) -> Result<(), JsValue> {
    let answer = Json::parse(answer.as_bytes()).map_err(|e| error(ErrorKind::BadPost, e))?;
    home_panel::render_home_post(root, &answer)
}

/// Draws the relationship block (`home_status`'s answer as JSON text) at the end of the panel in
/// `root`, replacing an earlier one.
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn render_relationship(root: &web_sys::Element, answer: &str) -> Result<(), JsValue> {
    let answer = Json::parse(answer.as_bytes()).map_err(|e| error(ErrorKind::BadRelationship, e))?;
    home_panel::render_relationship(root, &answer)
}

/// Draws a lookup's view (the `view` text of its answer) into `root`, replacing what was there.
/// `load_images`: false when drawn ahead of a click (the avatar waits for `show_images`).
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn render_panel(root: &web_sys::Element, view: &str, load_images: bool) -> Result<(), JsValue> {
    let view = Json::parse(view.as_bytes())
        .ok()
        .and_then(|v| view::PanelView::from_json(&v))
        .ok_or_else(|| error(ErrorKind::BadView, msg::panel_not_a_view()))?;
    panel::render(root, &view, load_images)
}

/// Draws the list of the accounts a page names (the detection's `accounts`, as JSON text), each
/// row waiting for its lookup; returns the list as drawn (at most 50, each an account).
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn render_accounts(root: &web_sys::Element, accounts: &str) -> Result<JsValue, JsValue> {
    let value = Json::parse(accounts.as_bytes()).map_err(|e| error(ErrorKind::BadAccounts, e))?;
    let listed = crate::core::identity::accounts::PageAccounts::from_json(&value);
    accounts::render(root, &listed)?;
    // What was drawn, row by row: the panel looks these up, in this order.
    answer(&listed)
}

/// Fills row `index` of the list with its lookup's view (JSON text), or says why none came.
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn render_account_row(
    root: &web_sys::Element,
    index: u32,
    view: Option<String>,
    failure: Option<String>,
) -> Result<(), JsValue> {
    let view = view.and_then(|v| Json::parse(v.as_bytes()).ok()).and_then(|v| view::PanelView::from_json(&v));
    let failure = failure.unwrap_or_else(|| words::current().word(&msg::panel_no_answer()));
    accounts::render_row(root, index, view.as_ref(), &failure)
}

/// Offers "Follow all `count` from `home`" under the list (a connected home only).
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn render_follow_all(root: &web_sys::Element, count: u32, home: &str) -> Result<(), JsValue> {
    accounts::render_follow_all(root, count, home)
}

/// Asks once, listing who (`handles`, `user@host`), before following them all from `home`.
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn render_follow_all_confirm(root: &web_sys::Element, handles: Vec<String>, home: &str) -> Result<(), JsValue> {
    accounts::render_confirm(root, &handles, home)
}

/// The row of `handle` after its home was asked to follow it (the home's answer, JSON text).
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn render_row_state(root: &web_sys::Element, handle: &str, answer: &str) -> Result<(), JsValue> {
    let answer = Json::parse(answer.as_bytes()).map_err(|e| error(ErrorKind::BadRelationship, e))?;
    accounts::render_row_state(root, handle, &answer)
}

/// Loads the avatar of a panel drawn ahead of the click, now that it is shown.
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn show_images(root: &web_sys::Element) -> Result<(), JsValue> {
    panel::show_images(root)
}

/// Draws a built-in view with every part of a panel into `root`: the panel's half of `prepare`.
/// A panel frame waiting (invisible) for its first answer draws it and lays it out once, so that
/// the answer is drawn by compiled code, with its styles and fonts already resolved. Fetches
/// nothing (the view has no avatar).
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn prepare_panel(root: &web_sys::Element) -> Result<(), JsValue> {
    render_panel(root, &rehearsal::panel_view().to_json().to_string(), false)
}

/// Draws the waiting state.
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn render_loading(root: &web_sys::Element, target: &str) -> Result<(), JsValue> {
    panel::render_message(root, "loading", &msg::panel_looking_up(), target, false)
}

/// Draws a failure that produced no report (bad input, the background gone), with a retry.
/// `message`: the failure's words (an error's `message`); none: the background did not answer.
#[cfg_attr(feature = "panel", wasm_bindgen)]
pub fn render_failure(root: &web_sys::Element, message: Option<String>) -> Result<(), JsValue> {
    let message = message.unwrap_or_else(|| words::current().word(&msg::panel_no_answer()));
    panel::render_message(root, "failure", &msg::panel_could_not_look_up(), &message, true)
}

/// Words the extension's pages with `catalogue` (the text of `_locales/<lang>/messages.json` in
/// the reader's language): the core carries no sentences of its own. Until it is called, messages
/// are shown as their ids and values.
#[wasm_bindgen]
pub fn set_catalogue(catalogue: &str) -> bool {
    match Catalogue::parse(catalogue.as_bytes()) {
        Some(c) => {
            words::set_current(c);
            true
        }
        None => false,
    }
}
