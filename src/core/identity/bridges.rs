//! Bluesky through Bridgy Fed (issue 22 §1): Bluesky reaches the fediverse only through that
//! bridge, which gives each Bluesky account that opted in a fediverse handle and actor on
//! `bsky.brid.gy`. The rules here are Bridgy Fed's own (snarfed/bridgy-fed at d505297f):
//! - `ids.translate_handle`: a handle becomes `@<flattened>@<protocol>.brid.gy` on the fediverse,
//!   where "flattened" drops a leading `@`, writes `@` as `.` and each of `DASH_CHARS` (`_ ~ :`)
//!   as `-`; so Bluesky's `alice.bsky.social` is `@alice.bsky.social@bsky.brid.gy`, and a
//!   fediverse `@user_x@example.social` is `user-x.example.social.ap.brid.gy` on Bluesky (ids.py
//!   `handle_as_domain` also lower-cases it);
//! - `ids.translate_user_id`: a Bluesky account's actor id is `https://bsky.brid.gy/ap/<did>`;
//! - `webfinger.load_user`: an account that is not bridged gets WebFinger 404
//!   (`No atproto user found for …`);
//! - templates/docs.html: a Bluesky account opts in by following `@ap.brid.gy` on Bluesky.
//!
//! Bluesky's web app's pages (bluesky-social/social-app `src/routes.ts` at 706613b7):
//! `/profile/:name` (and `/rss`, `/followers`, `/follows`, `/known-followers`, `/search`) are
//! about an account; `/profile/:name/post/:rkey` (and `/liked-by`, `/reposted-by`, `/quotes`)
//! about a post; `:name` is a handle or a DID.

use crate::core::protocol::handle::Handle;
use serde::Serialize;

/// Bluesky's web app.
pub const BLUESKY_HOSTS: &[&str] = &["bsky.app"];
/// Where Bridgy Fed serves Bluesky accounts to the fediverse.
pub const BSKY_BRIDGE_HOST: &str = "bsky.brid.gy";
/// The Bluesky handle domain of bridged fediverse accounts.
pub const AP_BRIDGE_DOMAIN: &str = "ap.brid.gy";
/// The Bluesky account that bridges a Bluesky account into the fediverse when followed.
pub const BLUESKY_OPT_IN: &str = "@ap.brid.gy";
/// Characters Bridgy Fed writes as `-` in handles (`ids.DASH_CHARS`).
const DASH_CHARS: [char; 3] = ['_', '~', ':'];

/// A Bluesky web page's account: its handle or its DID, as the page names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlueskyAccount {
    Handle(String),
    Did(String),
}

/// What a Bluesky web page is about: its account, and whether it is a post of that account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlueskyPage {
    pub account: BlueskyAccount,
    pub post: bool,
    /// The account's own page (`/profile/:name`): the path less a tab or a post.
    pub profile_path: String,
}

const PROFILE_TABS: &[&str] = &["rss", "followers", "follows", "known-followers", "search"];
const POST_PAGES: &[&str] = &["liked-by", "reposted-by", "quotes"];

/// Whether `host` is Bluesky's web app.
pub fn is_bluesky_host(host: &str) -> bool {
    BLUESKY_HOSTS.iter().any(|h| host.eq_ignore_ascii_case(h))
}

/// The account (and post) a page of Bluesky's web app is about, by its route.
pub fn bluesky_page(host: &str, path: &str) -> Option<BlueskyPage> {
    if !is_bluesky_host(host) {
        return None;
    }
    let path = path.strip_suffix('/').unwrap_or(path);
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let post = match segments.as_slice() {
        ["profile", _] => false,
        ["profile", _, tab] if PROFILE_TABS.contains(tab) => false,
        ["profile", _, "post", rkey] if !rkey.is_empty() => true,
        ["profile", _, "post", rkey, page] if !rkey.is_empty() && POST_PAGES.contains(page) => true,
        _ => return None,
    };
    let name = crate::core::text::weburl::percent_decode(segments[1]);
    let account = if let Some(did) = name.strip_prefix("did:").filter(|rest| is_did_body(rest)) {
        BlueskyAccount::Did(format!("did:{did}"))
    } else if is_domain_handle(&name) {
        BlueskyAccount::Handle(name.to_ascii_lowercase())
    } else {
        return None;
    };
    Some(BlueskyPage { account, post, profile_path: format!("/profile/{}", segments[1]) })
}

/// The two DID methods atproto accounts use (atproto.com/specs/did): `did:plc:` and 24
/// characters of base32 (`a-z`, `2-7`), or `did:web:` and a host name. Nothing else: the DID goes
/// into the bridge's actor path, where `%`, `/` or `:` could name another account.
fn is_did_body(rest: &str) -> bool {
    match rest.split_once(':') {
        Some(("plc", id)) => id.len() == 24 && id.bytes().all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b)),
        Some(("web", host)) => is_domain_handle(host),
        _ => false,
    }
}

/// An atproto handle: a domain name (two labels or more, letters, digits and `-`).
fn is_domain_handle(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Bridgy Fed's flattening of a handle (`ids.translate_handle`): no leading `@`, `@` as `.`,
/// `_ ~ :` as `-`, lower case.
fn flattened(handle: &str) -> String {
    handle.trim_start_matches('@').replace('@', ".").replace(DASH_CHARS, "-").to_ascii_lowercase()
}

/// The fediverse handle Bridgy Fed gives a Bluesky account (`alice.bsky.social@bsky.brid.gy`).
pub fn fediverse_handle(bluesky_handle: &str) -> Option<Handle> {
    Handle::new(&flattened(bluesky_handle), BSKY_BRIDGE_HOST).ok()
}

/// The actor id Bridgy Fed gives a Bluesky account by its DID.
pub fn fediverse_actor(did: &str) -> String {
    format!("https://{BSKY_BRIDGE_HOST}/ap/{did}")
}

/// Whether a fediverse handle is a Bluesky account through the bridge.
pub fn is_bridged_bluesky(handle: &Handle) -> bool {
    handle.host().eq_ignore_ascii_case(BSKY_BRIDGE_HOST)
}

/// Whether a fediverse handle lives on one of Bridgy Fed's domains (`*.brid.gy`: bsky, web, ap…).
pub fn is_on_a_bridge(handle: &Handle) -> bool {
    let host = handle.host();
    host == "brid.gy" || host.ends_with(".brid.gy")
}

/// The Bluesky account's own handle behind a bridged one (`alice.bsky.social`).
pub fn bluesky_handle_of(handle: &Handle) -> Option<String> {
    is_bridged_bluesky(handle).then(|| handle.user().to_string())
}

/// The Bluesky handle Bridgy Fed gives a fediverse account (`user.instance.ap.brid.gy`).
pub fn bluesky_handle(fediverse: &Handle) -> String {
    format!("{}.{AP_BRIDGE_DOMAIN}", flattened(&fediverse.to_string()))
}

/// The account's page on Bluesky's web app.
pub fn bluesky_profile_url(bluesky_handle: &str) -> String {
    format!("https://{}/profile/{bluesky_handle}", BLUESKY_HOSTS[0])
}

/// How the account meets another network through Bridgy Fed (`fedilens lookup --json`'s `bridge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BridgeWay {
    /// A Bluesky account, bridged into the fediverse (its handle on `bsky.brid.gy`).
    FromBluesky,
    /// A fediverse account: its handle on Bluesky, were its owner to bridge it.
    ToBluesky,
    /// A web site, bridged into the fediverse (`@<domain>@web.brid.gy`).
    FromWeb,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BridgeReport {
    pub way: BridgeWay,
    /// The account's name on the other side: its Bluesky handle, or the web site's domain.
    pub handle: String,
    /// Its page there: on Bluesky's web app, or the site's home page.
    pub url: String,
    /// From Bluesky or the web: whether the bridge serves the account (`false`: it answered 404,
    /// not bridged; `None`: it could not be asked, or answered nonsense). To Bluesky: `None`, not
    /// asked of anyone (asking Bluesky or the bridge would tell them whom the reader looks at),
    /// so the page there says.
    pub bridged: Option<bool>,
}

/// Bridgy Fed's web side (snarfed/bridgy-fed ids.py: `translate_handle` makes a site's handle
/// `@<domain>@web.brid.gy`, `web_ap_base_domain` and `translate_user_id` its actor
/// `https://web.brid.gy/<domain>`); the bridge's home page for it is the site itself.
pub const WEB_BRIDGE_HOST: &str = "web.brid.gy";

/// The web site behind a `@<domain>@web.brid.gy` handle (its domain), when the user name is a
/// host name.
pub fn web_site_of(handle: &Handle) -> Option<String> {
    if !handle.host().eq_ignore_ascii_case(WEB_BRIDGE_HOST) {
        return None;
    }
    crate::core::protocol::handle::normalize_host(handle.user()).ok()
}

/// The bridge's part for an account looked up (`served`: whether its fediverse identity answered
/// and is proven, `Some(false)` when its server said there is no such account): a Bluesky account
/// or a web site behind its bridged handle; a fediverse profile's handle on Bluesky (for a proven
/// account not already on one of the bridge's domains, and not for a post's page).
pub fn bridge_of(handle: &Handle, is_profile: bool, served: Option<bool>) -> Option<BridgeReport> {
    if let Some(bluesky) = bluesky_handle_of(handle) {
        let url = bluesky_profile_url(&bluesky);
        return Some(BridgeReport { way: BridgeWay::FromBluesky, handle: bluesky, url, bridged: served });
    }
    if let Some(domain) = web_site_of(handle) {
        let url = format!("https://{domain}/");
        return Some(BridgeReport { way: BridgeWay::FromWeb, handle: domain, url, bridged: served });
    }
    (is_profile && served == Some(true) && !is_on_a_bridge(handle)).then(|| {
        let bluesky = bluesky_handle(handle);
        BridgeReport { way: BridgeWay::ToBluesky, url: bluesky_profile_url(&bluesky), handle: bluesky, bridged: None }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bridge_report_says_which_way_and_what_is_known() {
        let h = |s: &str| Handle::parse(s).unwrap();
        let from = bridge_of(&h("alice.bsky.social@bsky.brid.gy"), false, Some(true)).unwrap();
        assert_eq!(
            (from.way, from.handle.as_str(), from.bridged),
            (BridgeWay::FromBluesky, "alice.bsky.social", Some(true))
        );
        assert_eq!(bridge_of(&h("bob.bsky.social@bsky.brid.gy"), true, Some(false)).unwrap().bridged, Some(false));
        assert_eq!(bridge_of(&h("carol.bsky.social@bsky.brid.gy"), true, None).unwrap().bridged, None, "not known");
        let to = bridge_of(&h("Gargron@mastodon.social"), true, Some(true)).unwrap();
        assert_eq!(
            (to.way, to.handle.as_str(), to.bridged),
            (BridgeWay::ToBluesky, "gargron.mastodon.social.ap.brid.gy", None)
        );
        assert_eq!(bridge_of(&h("Gargron@mastodon.social"), false, Some(true)), None, "a post's page");
        assert_eq!(bridge_of(&h("Gargron@mastodon.social"), true, Some(false)), None, "an account not found");
        assert_eq!(bridge_of(&h("Gargron@mastodon.social"), true, None), None, "an account not proven");
        assert_eq!(bridge_of(&h("snarfed.org@ap.brid.gy"), true, Some(true)), None, "already on a bridge");
        let web = bridge_of(&h("Blog.Example@web.brid.gy"), true, Some(true)).unwrap();
        assert_eq!(
            (web.way, web.handle.as_str(), web.url.as_str()),
            (BridgeWay::FromWeb, "blog.example", "https://blog.example/")
        );
        assert_eq!(web_site_of(&h("not_a_host@web.brid.gy")), None, "a user name that is no host name");
    }

    #[test]
    fn bluesky_pages_are_about_an_account_by_handle_or_did() {
        let handle = |path: &str| bluesky_page("bsky.app", path).map(|p| (p.account, p.post, p.profile_path));
        let alice = || BlueskyAccount::Handle("alice.bsky.social".into());
        assert_eq!(handle("/profile/alice.bsky.social"), Some((alice(), false, "/profile/alice.bsky.social".into())));
        assert_eq!(
            handle("/profile/Alice.BSKY.social/followers"),
            Some((BlueskyAccount::Handle("alice.bsky.social".into()), false, "/profile/Alice.BSKY.social".into()))
        );
        assert_eq!(
            handle("/profile/alice.bsky.social/post/3kabc2"),
            Some((alice(), true, "/profile/alice.bsky.social".into()))
        );
        assert_eq!(
            handle("/profile/alice.bsky.social/post/3kabc2/quotes"),
            Some((alice(), true, "/profile/alice.bsky.social".into()))
        );
        let did = "did:plc:3jpt2mvvsumj2r7eqk4gzzjz";
        assert_eq!(handle(&format!("/profile/{did}")).map(|h| h.0), Some(BlueskyAccount::Did(did.into())));
        let encoded = "/profile/did%3Aplc%3A3jpt2mvvsumj2r7eqk4gzzjz";
        assert_eq!(handle(encoded).map(|h| h.0), Some(BlueskyAccount::Did(did.into())));
        assert_eq!(
            handle("/profile/did:web:example.com").map(|h| h.0),
            Some(BlueskyAccount::Did("did:web:example.com".into()))
        );
        // A DID that could name something else in the bridge's path: refused.
        for odd in [
            "/profile/did:plc:abc",
            "/profile/did:plc:%252F..%252Fx",
            "/profile/did:plc:3jpt2mvvsumj2r7eqk4gzzjz:x",
            "/profile/did:key:z6Mk",
        ] {
            assert_eq!(handle(odd), None, "{odd}");
        }
        // Not about an account: lists, feeds, search, settings; not a handle; not Bluesky.
        for path in [
            "/profile/alice.bsky.social/lists/3k",
            "/profile/alice.bsky.social/feed/x",
            "/search",
            "/settings",
            "/profile/alice",
            "/profile/a_b.example",
            "/profile/",
        ] {
            assert_eq!(handle(path), None, "{path}");
        }
        assert_eq!(bluesky_page("example.com", "/profile/alice.bsky.social"), None);
    }

    #[test]
    fn handles_cross_the_bridge_as_bridgy_fed_writes_them() {
        assert_eq!(fediverse_handle("alice.bsky.social").unwrap().to_string(), "alice.bsky.social@bsky.brid.gy");
        assert_eq!(fediverse_handle("Snarfed.ORG").unwrap().to_string(), "snarfed.org@bsky.brid.gy");
        assert_eq!(fediverse_actor("did:plc:abc"), "https://bsky.brid.gy/ap/did:plc:abc");
        let fedi = Handle::parse("@user_x@example.social").unwrap();
        assert_eq!(bluesky_handle(&fedi), "user-x.example.social.ap.brid.gy");
        assert_eq!(
            bluesky_handle(&Handle::parse("Gargron@mastodon.social").unwrap()),
            "gargron.mastodon.social.ap.brid.gy"
        );
        let bridged = Handle::parse("alice.bsky.social@bsky.brid.gy").unwrap();
        assert!(is_bridged_bluesky(&bridged) && is_on_a_bridge(&bridged));
        assert!(!is_on_a_bridge(&Handle::parse("x@foobrid.gy").unwrap()));
        assert_eq!(bluesky_handle_of(&bridged).as_deref(), Some("alice.bsky.social"));
        assert_eq!(bluesky_profile_url("alice.bsky.social"), "https://bsky.app/profile/alice.bsky.social");
    }
}
