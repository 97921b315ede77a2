//! Words for people, kept out of the core: the core says what happened as a `Msg` (a message id
//! and its values: hosts, handles, HTTP codes, URLs, other messages), and a catalogue words it.
//!
//! The one catalogue is the extension's own: `extension/_locales/<lang>/messages.json`, in the
//! WebExtension format (so that the browser's `i18n` API reads the same file for the manifest,
//! the badge and the extension's pages). A message's values are positional, as that format's are:
//! `$name$` is the value its placeholder's `$n` names. The wasm carries no sentence: its pages hand it the catalogue of the reader's language
//! (`set_catalogue`); natively (the CLI, tests) English is built in and `--lang` picks another.

use crate::core::text::json::Json;
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

/// One sentence (or label) as data: its values in the order of its parameters, as the
/// WebExtension format numbers them (`"placeholders": {"host": {"content": "$1"}}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: Cow<'static, str>,
    pub args: Vec<Arg>,
}

impl Msg {
    /// Generic only in the number of values, so that each constructor stays small in the wasm.
    #[inline(never)]
    fn of<const N: usize>(id: &'static str, args: [Arg; N]) -> Msg {
        Msg { id: Cow::Borrowed(id), args: Vec::from(args) }
    }
}

/// A message's value: text as it is (never translated: a host, a handle, a server's words), or
/// another message (a reason inside a headline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Plain(String),
    Msg(Box<Msg>),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Plain(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Plain(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Plain(s.to_string())
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}
impl From<&Msg> for Arg {
    fn from(m: &Msg) -> Arg {
        Arg::Msg(Box::new(m.clone()))
    }
}
macro_rules! plain_from_display {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Plain(v.to_string())
            }
        }
    )*};
}
plain_from_display!(u16, u32, u64, usize);

/// Declares the messages the core says: one constructor each (so that a message is always made
/// with the values its text refers to), and `DECLARED`, which the catalogue test holds every
/// language to.
macro_rules! messages {
    ($($id:ident($($param:ident),*);)*) => {
        /// Constructors, one per message the core says.
        pub mod msg {
            #![allow(clippy::too_many_arguments)]
            use crate::core::words::{Arg, Msg};
            $(
                #[inline]
                pub fn $id($($param: impl Into<Arg>),*) -> Msg {
                    Msg::of(stringify!($id), [$($param.into()),*])
                }
            )*
        }
        /// Every message the core says, with its parameters.
        pub const DECLARED: &[(&str, &[&str])] = &[$((stringify!($id), &[$(stringify!($param)),*])),*];
    };
}

messages! {
    // Statuses: the coloured label.
    status_federated();
    status_unverified();
    status_not_shared();
    status_not_federated();
    status_not_bridged();
    status_signed_fetch_only();
    status_unreachable();
    status_invalid();
    status_refused();
    // Headlines: one sentence for people.
    headline_federated(who);
    headline_unverified(who, problem);
    headline_not_shared(who);
    headline_not_federated(who, problem);
    headline_not_bridged(who, opt_in);
    headline_signed_fetch_only(who);
    headline_unreachable(who, problem);
    headline_invalid(who, problem);
    headline_refused(who, problem);
    headline_unchecked(who);
    // Checks (verify.rs) and the page's claim.
    check_webfinger_subject_ok(resource, subject);
    check_webfinger_subject_fail(resource, subject);
    check_self_link_ok(href);
    check_self_link_fail();
    check_object_origin_ok(id, from);
    check_object_origin_fail(from, id);
    check_handle_same_host(actor, host);
    check_handle_split_domain(actor_host, handle);
    check_handle_split_unconfirmed(host, actor_host, handle);
    check_post_author_ok(actor);
    check_post_author_fail(author, actor);
    check_post_author_none();
    check_post_origin_ok(post, actor_host);
    check_post_origin_fail(post_host, actor_host);
    check_handle_claim_ok(host, handle, actor);
    check_handle_claim_other(actor, handle, host, other);
    check_handle_claim_fail(actor, handle, host);
    check_rel_me_ok(page);
    check_rel_me_fail(page);
    check_alternate_ok(page);
    check_alternate_fail(page);
    check_attribution_ok(host);
    check_attribution_fail(host);
    claim_unreadable();
    claim_confirmed();
    claim_unconfirmed();
    claim_creator(verdict, detail);
    claim_rel_me(verdict, detail);
    claim_alternate(verdict, detail);
    // Why a lookup failed (resolve.rs and the documents' readers).
    target_not_url(input, error);
    target_not_web_url(input);
    not_found_threads(status);
    not_found_host(host, status, handle);
    not_bridged(who, opt_in);
    webfinger_http(host, status);
    webfinger_no_actor();
    webfinger_other_account(host, handle);
    webfinger_not_json(error);
    webfinger_not_object();
    webfinger_html(host, error);
    webfinger_media(host, media, error);
    webfinger_invalid(host, error);
    webfinger_nothing_to_ask();
    actor_signed_only(host, code);
    actor_missing(url, code);
    actor_not_activitypub(url, media);
    actor_http(url, code);
    actor_invalid(url, error);
    actor_no_handle(actor);
    threads_unsigned_skipped();
    post_signed_only(status);
    post_gone(status);
    post_not_activitypub(media);
    post_http(status);
    post_invalid(error);
    post_published(date);
    object_signed_only(host, status);
    object_missing(url, status);
    object_web_page(url, media);
    object_http(url, status);
    object_invalid(url, error);
    object_no_author(url);
    object_author_unfetchable(author, url);
    document_not_json(error);
    document_not_object();
    document_no_id();
    retry_after(seconds);
    not_a_host(host);
    // The network and the egress policy.
    fetch_dns(error);
    fetch_connect(error);
    fetch_tls(error);
    fetch_timeout();
    fetch_too_large();
    fetch_hidden_redirect();
    fetch_blocked(error);
    fetch_cors_likely(error);
    fetch_other(error);
    fetch_failed(url, error);
    gate_timeout(url, seconds);
    gate_too_large(url, kib);
    refused_not_https(url);
    refused_private(url);
    refused_local_name(url);
    refused_credentials(url);
    refused_too_many_requests(count);
    refused_too_many_redirects(url);
    refused_hidden_redirect(url);
    // Handles.
    handle_empty();
    handle_too_long(max);
    handle_not_handle(input);
    handle_bad_user(input);
    handle_bad_host(input);
    // NodeInfo.
    nodeinfo_none(host, status);
    nodeinfo_no_schema(host);
    nodeinfo_bad_link(host, href);
    nodeinfo_not_object(host);
    nodeinfo_http(host, status);
    nodeinfo_failed(error);
    // The home instance.
    home_does_not_know(host, handle);
    home_unasked(host, handle);
    home_blocks(home, domain);
    home_silences(home, domain);
    // The panel: facts, actions, documents, its own words.
    fact_unproven(name, actor, who);
    fact_group();
    fact_web_site(site);
    fact_automated(kind);
    fact_actor_type(kind);
    fact_cat();
    fact_moved(to);
    fact_moved_proven(to);
    fact_moved_proven_unnamed(actor);
    fact_moved_unproven(to);
    fact_moved_unreachable(to, why);
    fact_moved_loop(to);
    fact_moved_too_far(count, last);
    moved_no_reason();
    moved_not_url(url);
    fact_approves_followers();
    fact_not_discoverable();
    fact_field(name, value);
    fact_quotes(post);
    action_open_post(host);
    action_open_post_unproven(host);
    action_open(host);
    action_follow(host);
    action_follow_unproven(who, host);
    action_follow_moved(who, host);
    action_like(host);
    action_boost(host);
    action_reply(host);
    action_set_home();
    action_search(host);
    panel_on_bluesky(handle);
    panel_on_bluesky_link();
    doc_webfinger();
    doc_actor();
    doc_object();
    doc_nodeinfo();
    doc_label(document);
    panel_evidence();
    panel_documents();
    panel_copy();
    panel_copied();
    panel_retry();
    panel_try_again();
    panel_looking_up();
    panel_could_not_look_up();
    panel_no_answer();
    panel_home_label();
    panel_save();
    panel_not_a_view();
    panel_as_home_sees_it(home);
    panel_follow_api();
    panel_unfollow_api();
    panel_withdraw_api();
    panel_connect();
    // A post liked or boosted through a connected home's API (homepost.rs).
    panel_home_like(home);
    panel_home_liked(home);
    panel_home_boost(home);
    panel_home_boosted(home);
    // A page that names several accounts (accounts.rs).
    panel_accounts_title(count);
    panel_accounts_some(listed, named);
    panel_accounts_at_least(listed, named);
    panel_accounts_all(named);
    panel_account_failed(why);
    panel_follow_all(count, home);
    panel_follow_all_confirm(count, home);
    panel_follow_all_yes(count);
    panel_follow_all_no();
    panel_row_following(home);
    panel_row_claim_confirmed();
    panel_row_claim_unconfirmed();
    panel_row_requested(home);
    panel_row_not_followed(home, why);
    home_seen_counts(posts, followers, following);
    // Following through the home instance's API (homeapi.rs).
    relation_following();
    relation_requested();
    relation_not_following();
    relation_follows_you();
    relation_blocking();
    relation_blocked_by();
    relation_muting();
    relation_domain_blocking();
    api_reconnect(home);
    api_denied(home);
    api_refused(home);
    api_refused_because(home, words);
    api_not_found(home);
    api_rejected(home);
    api_rejected_because(home, words);
    api_busy(home);
    api_busy_for(home, seconds);
    api_down(home, status);
    api_invalid(home);
    api_unreachable(home, why);
    api_not_approved(home);
    api_wrong_account(home, approved);
    connect_revoked(home);
    connect_revoke_there(home, page);
    connect_no_api(home, software);
    connect_home_unknown(home);
    connect_unproven(home);
    // Detection: why a page is (or is not) about the fediverse.
    detect_host_runs(software);
    detect_bad_url();
    detect_no_host();
    detect_not_web(scheme);
    detect_known_host(host, software);
    detect_bluesky(host);
    detect_links_document(href);
    detect_shape_post(software);
    detect_shape_post_any();
    detect_shape_profile(software);
    detect_shape_profile_any();
    detect_only_shape();
    detect_no_signal();
    detect_other_site(href);
    detect_remote_account(handle, host);
    detect_misskey_meta();
    detect_root_element(software, id);
    detect_generator(generator);
    detect_platform(platform);
    detect_schema_org(kind, handle);
    detect_creator(handle);
    detect_post_author(handle);
    detect_page_names(count);
    detect_rel_me(href);
}

/// A catalogue: for each message id (lowercase, as the WebExtension format compares them), its
/// text and its placeholders' positions. A list searched in order: ~200 entries, a few dozen
/// lookups per panel, and no hash map's or sort's code in the wasm.
#[derive(Debug, Default)]
pub struct Catalogue {
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    id: String,
    text: String,
    /// Placeholder name (lowercase) → the position of its value (`$1` → 0).
    positions: Vec<(String, usize)>,
}

impl Catalogue {
    /// Reads a `messages.json`; `None` when it is not one.
    pub fn parse(json: &[u8]) -> Option<Catalogue> {
        let Json::Object(members) = Json::parse(json).ok()? else { return None };
        let entries = members
            .iter()
            .filter_map(|(id, entry)| {
                let positions = match entry.get("placeholders") {
                    Some(Json::Object(p)) => p
                        .iter()
                        .filter_map(|(name, p)| {
                            let n: usize = p.text("content")?.strip_prefix('$')?.parse().ok()?;
                            Some((name.to_ascii_lowercase(), n.checked_sub(1)?))
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                Some(Entry { id: id.to_ascii_lowercase(), text: entry.text("message")?, positions })
            })
            .collect();
        Some(Catalogue { entries })
    }

    fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id.eq_ignore_ascii_case(id))
    }

    pub fn text(&self, id: &str) -> Option<&str> {
        self.entry(id).map(|e| e.text.as_str())
    }

    /// The message in words. A message the catalogue lacks is still said, as its id and values,
    /// never as nothing.
    pub fn word(&self, msg: &Msg) -> String {
        self.word_within(msg, 0)
    }

    fn word_within(&self, msg: &Msg, depth: usize) -> String {
        let value = |arg: Option<&Arg>| -> String {
            match arg {
                Some(Arg::Plain(s)) => s.clone(),
                Some(Arg::Msg(m)) if depth < 4 => self.word_within(m, depth + 1),
                Some(Arg::Msg(m)) => m.id.to_string(),
                None => String::new(),
            }
        };
        let Some(entry) = self.entry(&msg.id) else {
            let values: Vec<String> = msg.args.iter().map(|a| value(Some(a))).collect();
            return format!("[{}] {}", msg.id, values.join(", "));
        };
        fill(&entry.text, |name| {
            let at = entry.positions.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, at)| *at);
            value(at.and_then(|at| msg.args.get(at)))
        })
    }
}

/// `$name$` → its value, `$$` → `$`, in one pass (values are never read as placeholders).
fn fill(text: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(stripped) = after.strip_prefix('$') {
            out.push('$');
            rest = stripped;
            continue;
        }
        match after.find('$') {
            Some(end) if after[..end].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') && end > 0 => {
                out.push_str(&value(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `$name$` placeholders a text refers to (lowercase).
pub fn placeholders(text: &str) -> Vec<String> {
    let names = RefCell::new(Vec::new());
    fill(text, |name| {
        names.borrow_mut().push(name.to_ascii_lowercase());
        String::new()
    });
    names.into_inner()
}

thread_local! {
    /// The catalogue this thread words with: set by the extension's pages (`set_catalogue`),
    /// by the CLI's `--lang`; English natively until then.
    static CURRENT: RefCell<Option<Rc<Catalogue>>> = const { RefCell::new(None) };
}

pub fn set_current(catalogue: Catalogue) {
    CURRENT.with(|c| *c.borrow_mut() = Some(Rc::new(catalogue)));
}

pub fn current() -> Rc<Catalogue> {
    if let Some(c) = CURRENT.with(|c| c.borrow().clone()) {
        return c;
    }
    let built_in = Rc::new(built_in());
    CURRENT.with(|c| *c.borrow_mut() = Some(built_in.clone()));
    built_in
}

/// Natively, English (the CLI's default and the tests' language); the wasm has none built in.
#[cfg(not(target_arch = "wasm32"))]
fn built_in() -> Catalogue {
    Catalogue::parse(ENGLISH).unwrap_or_default()
}
#[cfg(target_arch = "wasm32")]
fn built_in() -> Catalogue {
    Catalogue::default()
}

#[cfg(not(target_arch = "wasm32"))]
pub const ENGLISH: &[u8] = include_bytes!("../../../extension/_locales/en/messages.json");
#[cfg(not(target_arch = "wasm32"))]
pub const JAPANESE: &[u8] = include_bytes!("../../../extension/_locales/ja/messages.json");

/// Worded with the current catalogue.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&current().word(self))
    }
}

/// In the CLI's `--json` and the extension's small answers, a message is its words.
impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// The panel's view crosses to the panel as JSON: a message as `{"id", "args": [values]}`.
impl Msg {
    pub fn to_json(&self) -> Json {
        let args = self
            .args
            .iter()
            .map(|arg| match arg {
                Arg::Plain(s) => Json::String(s.clone()),
                Arg::Msg(m) => m.to_json(),
            })
            .collect();
        Json::object([("id", Json::String(self.id.to_string())), ("args", Json::Array(args))])
    }

    pub fn from_json(json: &Json) -> Option<Msg> {
        Self::from_json_within(json, 0)
    }

    fn from_json_within(json: &Json, depth: usize) -> Option<Msg> {
        let id = json.text("id")?;
        let values = json.get("args")?.as_array()?;
        let mut args = Vec::with_capacity(values.len());
        for value in values {
            args.push(match value {
                Json::String(s) => Arg::Plain(s.clone()),
                nested if depth < 4 => Arg::Msg(Box::new(Self::from_json_within(nested, depth + 1)?)),
                _ => return None,
            });
        }
        Some(Msg { id: Cow::Owned(id), args })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn catalogues() -> [(&'static str, Catalogue, Json); 2] {
        [("en", ENGLISH), ("ja", JAPANESE)]
            .map(|(lang, bytes)| (lang, Catalogue::parse(bytes).unwrap(), Json::parse(bytes).unwrap()))
    }

    /// The ids the extension's scripts and pages ask the browser for (`getMessage("…")`, `t("…")`,
    /// `data-i18n="…"`, `__MSG_…__`).
    fn ids_used_by_the_extension() -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        let dirs = ["extension", "www"];
        let mut files: Vec<std::path::PathBuf> = dirs
            .iter()
            .flat_map(|d| std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path()))
            .filter(|p| p.extension().is_some_and(|e| e == "js" || e == "html"))
            .collect();
        files.push("manifest.json".into());
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for marker in
                ["getMessage(\"", "t(\"", "data-i18n=\"", "__MSG_", "data-i18n-label=\"", "data-i18n-placeholder=\""]
            {
                for (at, _) in text.match_indices(marker) {
                    // `t("…")` is the pages' short name for getMessage; not `set("…")`.
                    let before = text[..at].chars().next_back().unwrap_or(' ');
                    if marker == "t(\"" && (before.is_ascii_alphanumeric() || before == '_' || before == '.') {
                        continue;
                    }
                    let rest = &text[at + marker.len()..];
                    // `__MSG_name__` ends at its double underscore.
                    let rest = if marker == "__MSG_" { rest.split("__").next().unwrap_or("") } else { rest };
                    let id: String =
                        rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '@').collect();
                    if !id.is_empty() && !id.starts_with("@@") {
                        ids.insert(id.to_ascii_lowercase());
                    }
                }
            }
        }
        ids
    }

    #[test]
    fn every_message_has_words_in_every_language_with_exactly_its_values() {
        for (lang, catalogue, json) in catalogues() {
            for (id, params) in DECLARED {
                let text = catalogue.text(id).unwrap_or_else(|| panic!("{lang}: no text for {id}"));
                let used: BTreeSet<String> = placeholders(text).into_iter().collect();
                let declared: BTreeSet<String> = params.iter().map(|p| p.to_string()).collect();
                assert_eq!(used, declared, "{lang}: {id} says {used:?}; the message has {declared:?}");
                // The browser's own i18n API refuses a file whose placeholders are not defined,
                // and fills them by position: `$n` must be the message's n-th value.
                let defined: Vec<(String, String)> = match json.get(id).and_then(|e| e.get("placeholders")) {
                    Some(Json::Object(m)) => {
                        m.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.text("content").unwrap_or_default())).collect()
                    }
                    _ => Vec::new(),
                };
                let names: BTreeSet<String> = defined.iter().map(|(k, _)| k.clone()).collect();
                assert_eq!(used, names, "{lang}: {id}'s placeholders block");
                for (name, content) in &defined {
                    let at = params.iter().position(|p| p == name).unwrap();
                    assert_eq!(
                        content,
                        &format!("${}", at + 1),
                        "{lang}: {id}'s {name} is its value number {}",
                        at + 1
                    );
                }
            }
        }
    }

    #[test]
    fn every_text_in_the_catalogue_is_said_by_someone_and_every_language_has_the_same_ids() {
        let declared: BTreeSet<String> = DECLARED.iter().map(|(id, _)| id.to_string()).collect();
        let used = ids_used_by_the_extension();
        let [(_, en, _), (_, ja, _)] = catalogues();
        let en_ids: BTreeSet<&String> = en.entries.iter().map(|e| &e.id).collect();
        let ja_ids: BTreeSet<&String> = ja.entries.iter().map(|e| &e.id).collect();
        assert_eq!(en_ids, ja_ids, "the same messages in English and Japanese");
        for id in en_ids {
            assert!(declared.contains(id) || used.contains(id), "{id} is in the catalogue but nobody says it");
        }
        for id in &used {
            assert!(en.text(id).is_some(), "the extension asks for {id}, which the catalogue lacks");
        }
    }

    #[test]
    fn values_fill_placeholders_once_and_are_never_read_as_placeholders() {
        let c = Catalogue::parse(
            br#"{"x":{"message":"$A$ and $b$ cost $$5, $nope","placeholders":{"a":{"content":"$1"},"B":{"content":"$2"}}}}"#,
        )
        .unwrap();
        let m = Msg { id: "x".into(), args: vec!["$b$".into(), "B".into()] };
        assert_eq!(c.word(&m), "$b$ and B cost $5, $nope");
        assert_eq!(c.word(&msg::fetch_dns("no such name")), "[fetch_dns] no such name");
    }

    #[test]
    fn a_message_crosses_as_json_and_comes_back_the_same() {
        let m = msg::headline_unverified("@a@b.example", msg::check_post_author_fail("x", "y"));
        assert_eq!(Msg::from_json(&Json::parse(m.to_json().to_string().as_bytes()).unwrap()), Some(m));
        assert_eq!(Msg::from_json(&Json::parse(br#"{"id":"x","args":[1]}"#).unwrap()), None);
    }
}
