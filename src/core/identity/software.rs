//! What we know about each fediverse software: its family, the names its forks use in NodeInfo,
//! its well-known hosts and the URL shapes of its profile and post pages. One table per fact.

use crate::core::protocol::family::{family_of, Family};

/// Hosts whose software we know without asking. Threads is a service (four names, one handle
/// domain); the others are the flagship instances people meet most.
pub const KNOWN_HOSTS: &[(&str, Family)] = &[
    ("threads.net", Family::Threads),
    ("www.threads.net", Family::Threads),
    ("threads.com", Family::Threads),
    ("www.threads.com", Family::Threads),
    ("mastodon.social", Family::Mastodon),
    ("mastodon.online", Family::Mastodon),
    ("mstdn.social", Family::Mastodon),
    ("fosstodon.org", Family::Mastodon),
    ("hachyderm.io", Family::Mastodon),
    ("infosec.exchange", Family::Mastodon),
    ("misskey.io", Family::Misskey),
    ("pixelfed.social", Family::Pixelfed),
    ("lemmy.world", Family::Lemmy),
    ("lemmy.ml", Family::Lemmy),
];

pub fn known_host_family(host: &str) -> Option<Family> {
    let host = host.to_ascii_lowercase();
    KNOWN_HOSTS.iter().find(|(h, _)| *h == host).map(|(_, f)| *f)
}

/// JSON-LD `@context` fragments that fingerprint a family when NodeInfo is not available.
/// Misskey comes first: its actors also declare Mastodon's `toot:` namespace.
pub const CONTEXT_FINGERPRINTS: &[(&str, Family)] = &[
    ("misskey-hub.net/ns", Family::Misskey),
    ("gotosocial.org/ns", Family::GoToSocial),
    ("join-lemmy.org/context", Family::Lemmy),
    ("joinpeertube.org/ns", Family::PeerTube),
    ("litepub", Family::Pleroma),
    ("joinmastodon.org/ns", Family::Mastodon),
];

/// The family an actor's `@context` or `generator` reveals.
pub fn family_from_actor(raw: &crate::core::text::json::Json) -> Option<Family> {
    if let Some(name) = raw.pointer("/generator/name").and_then(|n| n.as_str()) {
        if let Some(f) = family_of(name) {
            return Some(f);
        }
    }
    let context = raw.get("@context").map(|c| c.to_string()).unwrap_or_default();
    CONTEXT_FINGERPRINTS.iter().find(|(frag, _)| context.contains(frag)).map(|(_, f)| *f)
}

mod rules;
pub use rules::{PageKind, Scope, UrlRule, ACCOUNT_LIST_LINKS, ACCOUNT_LIST_TABS, INTERFACE_PREFIXES, URL_RULES};
use rules::{NOT_SERVED, RESERVED_NAMES, RESERVED_NAMES_FOR, SHARED_SHAPES};

/// Whether `path`, matched as `m`, is a profile's follower or following list.
pub fn is_account_list(path: &str, m: &UrlMatch) -> bool {
    let path = path.strip_suffix('/').unwrap_or(path);
    m.kind == PageKind::Profile
        && !m.is_actor_id
        && path.strip_prefix(m.canonical_path.as_str()).is_some_and(|tab| ACCOUNT_LIST_TABS.contains(&tab))
}

/// A shared shape, or one of its tabs.
fn is_shared_shape(path: &str) -> bool {
    SHARED_SHAPES
        .iter()
        .any(|shape| path.strip_prefix(shape).is_some_and(|tab| !tab.replace("{any}", "").contains('{')))
}

/// A URL matched against `URL_RULES`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlMatch {
    pub family: Family,
    pub kind: PageKind,
    pub user: Option<String>,
    /// Set for `/@user@remote` shapes: the page is about an account on that other host.
    pub remote: Option<String>,
    pub id: Option<String>,
    /// The path carries an actor id (`{actor}`: opaque on Misskey, numeric in Mastodon 4.5's
    /// `/ap/users/…`), not a user name: the account is known only once its document is read.
    pub is_actor_id: bool,
    /// The shape is used by several families, so `family` is only a guess.
    pub shared_shape: bool,
    /// The path of the account's or post's own page: the path less a tab or sub-page.
    pub canonical_path: String,
}

/// The first rule matching this path, given what we know of the host's family (if anything); or,
/// under one of a family's other interfaces (`INTERFACE_PREFIXES`), what the rest of the path is,
/// on a host of that family.
pub fn match_path(path: &str, host_family: Option<Family>) -> Option<UrlMatch> {
    match_rules(path, host_family).or_else(|| {
        INTERFACE_PREFIXES.iter().find_map(|(family, prefix)| {
            let rest = path.strip_prefix(prefix).filter(|rest| rest.starts_with('/'))?;
            if host_family.is_some_and(|f| f != *family) {
                return None;
            }
            let m = match_rules(rest, Some(*family))?;
            Some(UrlMatch { family: *family, shared_shape: false, ..m })
        })
    })
}

fn match_rules(path: &str, host_family: Option<Family>) -> Option<UrlMatch> {
    URL_RULES.iter().find_map(|r| {
        let family_ok = match (r.scope, host_family) {
            (Scope::KnownFamilyOnly, Some(f)) => f == r.family,
            (Scope::KnownFamilyOnly, None) => false,
            // A known Threads host answers only to Threads rules.
            (Scope::AnyHost, Some(Family::Threads)) => false,
            // On a host known to run a family, only its own shapes and the shared ones it serves:
            // Pixelfed's `/c/{collection}` is not a Lemmy community.
            (Scope::AnyHost, Some(f)) => {
                f == r.family
                    || is_shared_shape(r.path)
                        && !NOT_SERVED.iter().any(|(family, shape)| *family == f && r.path.starts_with(shape))
            }
            (Scope::AnyHost, None) => true,
        };
        if !family_ok {
            return None;
        }
        let captures = match_pattern(r.path, path)?;
        // The segments up to the last capture name the account or post; what follows is a tab.
        let captures_at = |seg: &str| seg.contains('{') && seg != "{any}";
        let own_segments =
            r.path.split('/').collect::<Vec<_>>().iter().rposition(|seg| captures_at(seg)).map_or(0, |last| last + 1);
        let trimmed = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
        let get = |k: &str| captures.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        let canonical_path = match r.own {
            Some(own) => {
                captures.iter().fold(own.to_string(), |page, (name, value)| page.replace(&format!("{{{name}}}"), value))
            }
            None => trimmed.split('/').take(own_segments).collect::<Vec<_>>().join("/"),
        };
        let user = get("user");
        if RESERVED_NAMES_FOR.contains(&r.family) && user.as_deref().is_some_and(|u| RESERVED_NAMES.contains(&u)) {
            return None;
        }
        Some(UrlMatch {
            family: r.family,
            kind: r.kind,
            user,
            remote: get("remote"),
            id: get("id"),
            is_actor_id: get("actor").is_some(),
            // A shared shape, or one of its tabs, says nothing about the software either.
            shared_shape: is_shared_shape(r.path),
            canonical_path,
        })
    })
}

fn match_pattern(pattern: &str, path: &str) -> Option<Vec<(&'static str, String)>> {
    let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
    let pattern_segments: Vec<&str> = pattern.split('/').collect();
    let path_segments: Vec<&str> = path.split('/').collect();
    if pattern_segments.len() != path_segments.len() {
        return None;
    }
    let mut captures = Vec::new();
    for (pat, seg) in pattern_segments.iter().zip(&path_segments) {
        // The servers' routers match the decoded path: Rails unescapes each segment before
        // matching (`/%40Gargron` is `/@Gargron`), and so do the web apps' routers. An escaped
        // `/` stays inside its segment, where no capture may hold it.
        let decoded = if seg.contains('%') { crate::core::text::weburl::percent_decode(seg) } else { seg.to_string() };
        match_segment(pat, &decoded, &mut captures)?;
    }
    Some(captures)
}

/// Matches one segment: `(a|b)` one of those words, `{any}` any text, else literal text and
/// `{name}` captures (non-empty, no `@`), left to right.
fn match_segment(pattern: &str, segment: &str, captures: &mut Vec<(&'static str, String)>) -> Option<()> {
    if let Some(words) = pattern.strip_prefix('(').and_then(|p| p.strip_suffix(')')) {
        return words.split('|').any(|w| w == segment).then_some(());
    }
    if pattern == "{any}" {
        return (!segment.is_empty()).then_some(());
    }
    let mut rest = segment;
    let mut pat = pattern;
    while !pat.is_empty() {
        if let Some(after_brace) = pat.strip_prefix('{') {
            let (name, after) = after_brace.split_once('}')?;
            let name = ["user", "remote", "id", "num", "actor"].into_iter().find(|n| *n == name)?;
            // A capture runs to the next literal, or, before a final suffix (`{user}.atom`), to it:
            // `/@alice@example.org.atom` is alice at example.org.
            let end = match after.chars().next() {
                Some(_) if !after.contains('{') && !after.contains('(') => rest.strip_suffix(after)?.len(),
                Some(lit) => rest.find(lit)?,
                None => rest.len(),
            };
            let value = &rest[..end];
            if value.is_empty() || value.contains(['@', '/']) {
                return None;
            }
            if name == "num" && !value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let key = if name == "num" { "id" } else { name };
            captures.push((key, value.to_string()));
            rest = &rest[end..];
            pat = after;
        } else {
            let lit_len = pat.find('{').unwrap_or(pat.len());
            rest = rest.strip_prefix(&pat[..lit_len])?;
            pat = &pat[lit_len..];
        }
    }
    rest.is_empty().then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_rules_only_on_threads_hosts() {
        let m = match_path("/@zuck/post/C01LXhDrCAM", Some(Family::Threads)).unwrap();
        assert_eq!((m.family, m.kind), (Family::Threads, PageKind::Post));
        assert_eq!(m.user.as_deref(), Some("zuck"));
        // Elsewhere the Threads post shape is nothing (`post` is not a Mastodon status number).
        assert!(match_path("/@zuck/post/C01LXhDrCAM", None).is_none());
        assert_eq!(match_path("/@zuck", None).map(|m| m.family), Some(Family::Mastodon));
    }

    #[test]
    fn remote_accounts_capture_both_parts() {
        let m = match_path("/@harper@akko.eepy.zone", None).unwrap();
        assert_eq!(m.user.as_deref(), Some("harper"));
        assert_eq!(m.remote.as_deref(), Some("akko.eepy.zone"));
        assert_eq!(m.kind, PageKind::Profile);
    }

    #[test]
    fn reserved_paths_and_trailing_slashes() {
        assert!(match_path("/@/", None).is_none());
        assert!(match_path("/explore", Some(Family::Pixelfed)).is_none());
        assert_eq!(match_path("/@Gargron/", None).and_then(|m| m.user), Some("Gargron".into()));
        assert_eq!(match_path("/@%E3%81%82", None).and_then(|m| m.user), Some("あ".into()));
        // Escaped as a whole (`encodeURIComponent("@name")`), the page is the same page.
        let escaped = match_path("/%40Gargron/with_replies", None).unwrap();
        assert_eq!((escaped.user.as_deref(), escaped.canonical_path.as_str()), (Some("Gargron"), "/%40Gargron"));
        assert_eq!(match_path("/notice/%41bC1", None).and_then(|m| m.id), Some("AbC1".into()));
        // An escaped `/` is no separator, and no name holds it.
        assert!(match_path("/@a%2Fb", None).is_none());
        // Mastodon post ids are numbers: `/@user/media` is a profile tab, not a post.
        let tab = match_path("/@Gargron/media", None).unwrap();
        assert_eq!((tab.kind, tab.canonical_path.as_str()), (PageKind::Profile, "/@Gargron"));
        assert_eq!(match_path("/@Gargron/110830743680706519", None).map(|m| m.kind), Some(PageKind::Post));
    }

    /// Every page about one account or one post, as the servers' own routes define them (see
    /// the rows' sources in `URL_RULES`), is that account or post, at its canonical page; pages
    /// about neither match nothing.
    #[test]
    fn tabs_and_sub_pages_are_their_account_or_post() {
        use PageKind::{Post as P, Profile as A};
        /// Path, the host's family, what it is about, its own page, the remote host it names.
        type Case = (&'static str, Option<Family>, PageKind, &'static str, Option<&'static str>);
        let cases: &[Case] = &[
            // Threads (seen in public URLs; fediverse_profile: snarfed/bridgy-fed#1878)
            ("/@zuck/replies", Some(Family::Threads), A, "/@zuck", None),
            ("/@zuck/reposts", Some(Family::Threads), A, "/@zuck", None),
            ("/@zuck/media", Some(Family::Threads), A, "/@zuck", None),
            ("/@zuck/post/C01LXhDrCAM/media", Some(Family::Threads), P, "/@zuck/post/C01LXhDrCAM", None),
            (
                "/fediverse_profile/jepsen@mastodon.jepsen.io",
                Some(Family::Threads),
                A,
                "/fediverse_profile/jepsen@mastodon.jepsen.io",
                Some("mastodon.jepsen.io"),
            ),
            (
                "/fediverse_profile/@bsky.brid.gy@bsky.brid.gy",
                Some(Family::Threads),
                A,
                "/fediverse_profile/@bsky.brid.gy@bsky.brid.gy",
                Some("bsky.brid.gy"),
            ),
            // Mastodon (config/routes.rb, features/ui/index.jsx)
            ("/@Gargron/with_replies", None, A, "/@Gargron", None),
            ("/@Gargron/featured", None, A, "/@Gargron", None),
            ("/@Gargron/followers", None, A, "/@Gargron", None),
            ("/@Gargron/tagged/mastodon", None, A, "/@Gargron", None),
            ("/@zuck@threads.net/media", None, A, "/@zuck@threads.net", Some("threads.net")),
            ("/@Gargron/113306831140126616/reblogs", None, P, "/@Gargron/113306831140126616", None),
            ("/@Gargron/113306831140126616/embed", None, P, "/@Gargron/113306831140126616", None),
            // Misskey (router.definition.ts)
            ("/@syuilo/notes", None, A, "/@syuilo", None),
            ("/@syuilo/reactions", None, A, "/@syuilo", None),
            ("/notes/9sv3rkmjjvdr000z/renotes", None, P, "/notes/9sv3rkmjjvdr000z", None),
            // Pleroma/Akkoma (pleroma-fe routes.js, router.ex)
            ("/notice/AbC123/quotes", None, P, "/notice/AbC123", None),
            ("/remote-users/@lain@lain.com", None, A, "/remote-users/@lain@lain.com", Some("lain.com")),
            ("/@lain/AbC123xyz", Some(Family::Pleroma), P, "/@lain/AbC123xyz", None),
            // Lemmy, PeerTube, Pixelfed, Friendica
            ("/post/123/456", Some(Family::Lemmy), P, "/post/123", None),
            ("/a/framasoft/video-channels", Some(Family::PeerTube), A, "/a/framasoft", None),
            ("/c/framasoft_channel/videos", Some(Family::PeerTube), A, "/c/framasoft_channel", None),
            ("/p/dansup/123/embed", Some(Family::Pixelfed), P, "/p/dansup/123", None),
            ("/profile/heluecht/media", None, A, "/profile/heluecht", None),
        ];
        for (path, family, kind, canonical, remote) in cases {
            let m = match_path(path, *family).unwrap_or_else(|| panic!("{path} matched nothing"));
            assert_eq!(
                (m.kind, m.canonical_path.as_str(), m.remote.as_deref()),
                (*kind, *canonical, *remote),
                "{path}"
            );
        }
        for none in
            ["/explore", "/search", "/tags/mastodon", "/settings/profile", "/about", "/public/local", "/notifications"]
        {
            assert!(match_path(none, None).is_none(), "{none}");
        }
        assert!(match_path("/@zuck/replies", None).is_none_or(|m| m.family != Family::Threads));
    }

    #[test]
    fn bare_user_paths_need_a_known_pixelfed_host() {
        assert!(match_path("/dansup", None).is_none());
        assert_eq!(match_path("/dansup", Some(Family::Pixelfed)).map(|m| m.kind), Some(PageKind::Profile));
    }
}
