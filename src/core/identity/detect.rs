//! Detection: what a page is about, judged from its signals, strongest signal first.
//! It never touches the network; a weak match is returned as a candidate for later confirmation.

use crate::core::identity::accounts;
use crate::core::identity::bridges::{self, BlueskyAccount};
use crate::core::identity::claim::ClaimKind;
use crate::core::identity::detection::{Confidence, Detection, DetectionKind};
use crate::core::identity::markup::{claims, fingerprint, structured_data};
use crate::core::identity::signals::PageSignals;
use crate::core::identity::software::{self, PageKind, UrlMatch};
use crate::core::identity::verify::{host_of, same_site};
use crate::core::protocol::family::Family;
use crate::core::protocol::handle::Handle;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};

/// Detects what a page is about from its signals.
pub fn detect(signals: &PageSignals) -> Detection {
    let mut found = detect_without_target(signals);
    if found.kind == DetectionKind::Post && found.handle.is_none() {
        found.author = signals.meta("fediverse:creator").and_then(|c| Handle::parse(c).ok());
        if let Some(author) = &found.author {
            found.evidence.push(msg::detect_post_author(author));
        }
    }
    found.target = lookup_target(&found, signals.url.trim());
    if let Some(candidate) = found.candidate.as_mut() {
        candidate.target = lookup_target(candidate, signals.url.trim());
    }
    with_page_accounts(found, signals)
}

/// A page that is not a fediverse profile or post and names several accounts (`accounts.rs`):
/// the list, its first account the badge's target (the one a page with that account alone gets).
fn with_page_accounts(found: Detection, signals: &PageSignals) -> Detection {
    let about_names = found.kind == DetectionKind::Creator
        || found.kind == DetectionKind::None && found.candidate.is_none()
        || found.list_page;
    let host = Url::parse(signals.url.trim()).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    let (true, Some(host)) = (about_names, host) else { return found };
    // A follower list names its owner too (its header, its tabs): not one of the listed.
    let list = found.list_page.then_some(accounts::ListPage { family: found.software, owner: found.handle.as_ref() });
    let listed = accounts::page_accounts(signals, &host, list);
    if !listed.is_list() {
        return found;
    }
    let first = &listed.listed[0];
    let mut evidence = vec![msg::detect_page_names(listed.named)];
    if found.kind == DetectionKind::Creator {
        evidence.extend(found.evidence); // the single claim's own words, as before
    }
    Detection {
        kind: DetectionKind::Creator,
        software: software::known_host_family(first.handle.host()),
        handle: Some(first.handle.clone()),
        confidence: Confidence::PageClaim,
        claim: first.claim,
        target: Some(first.target.clone()),
        accounts: Some(listed),
        list_page: found.list_page,
        ..Detection::nothing(evidence)
    }
}

/// What to look up: a post by its page URL when the URL names the author (the core re-derives
/// both from it, and a same-host alternate link may be stale after single-page-app navigation),
/// else by the object URL; an account by its handle.
fn lookup_target(found: &Detection, page_url: &str) -> Option<String> {
    match (found.kind, &found.handle, &found.object) {
        (DetectionKind::None, _, _) => None,
        (DetectionKind::Post, Some(_), _) => Some(found.page.clone().unwrap_or_else(|| page_url.to_string())),
        (DetectionKind::Post, None, Some(object)) => Some(object.clone()),
        (_, Some(handle), _) => Some(format!("@{handle}")),
        (_, None, object) => Some(object.clone().unwrap_or_else(|| page_url.to_string())),
    }
}

fn detect_without_target(signals: &PageSignals) -> Detection {
    let Ok(page) = Url::parse(signals.url.trim()) else {
        return Detection::nothing(vec![msg::detect_bad_url()]);
    };
    let Some(host) = page.host_str().map(str::to_ascii_lowercase) else {
        return Detection::nothing(vec![msg::detect_no_host()]);
    };
    if !matches!(page.scheme(), "https" | "http") {
        return Detection::nothing(vec![msg::detect_not_web(page.scheme())]);
    }

    if let Some(found) = bluesky(&host, &page) {
        return found;
    }
    let known = software::known_host_family(&host);
    let fingerprint = fingerprint(signals);
    let host_family = known.or(fingerprint.as_ref().map(|(f, _)| *f));
    let url_match = software::match_path(page.path(), host_family);
    let alternates: Vec<&str> = signals.activitypub_alternates().collect();

    let mut evidence = Vec::new();
    let confidence = if let Some(f) = known {
        evidence.push(msg::detect_known_host(&host, f.name()));
        Some(Confidence::KnownHost)
    } else if let Some((_, why)) = &fingerprint {
        evidence.push(why.clone());
        Some(Confidence::AppFingerprint)
    } else if let Some(href) = alternates.first() {
        evidence.push(msg::detect_links_document(*href));
        Some(Confidence::ActivityPubLink)
    } else {
        None
    };

    if let Some(confidence) = confidence {
        if let Some(found) =
            about_page(signals, &page, &host, host_family, url_match.as_ref(), &alternates, confidence, &mut evidence)
        {
            return found;
        }
    }
    if let Some(found) = structured_data(signals, &page) {
        return found;
    }
    if let Some(found) = claims(signals, &host) {
        return found;
    }
    match url_match {
        Some(m) if confidence.is_none() => {
            let family = (!m.shared_shape).then_some(m.family);
            let why = match (m.kind, family) {
                (PageKind::Post, Some(f)) => msg::detect_shape_post(f.name()),
                (PageKind::Post, None) => msg::detect_shape_post_any(),
                (_, Some(f)) => msg::detect_shape_profile(f.name()),
                (_, None) => msg::detect_shape_profile_any(),
            };
            let candidate = Detection::from_url_match(&m, &page, &host, family, Confidence::UrlShape, vec![why]);
            let mut none = Detection::nothing(vec![msg::detect_only_shape()]);
            none.candidate = Some(Box::new(candidate));
            none
        }
        _ => Detection::nothing(vec![msg::detect_no_signal()]),
    }
}

/// Detection from a URL alone (no page), as for a URL typed into a lookup box.
pub fn detect_url(url: &str) -> Detection {
    detect(&PageSignals::from_url(url))
}

#[allow(clippy::too_many_arguments)]
fn about_page(
    signals: &PageSignals,
    page: &Url,
    host: &str,
    host_family: Option<Family>,
    url_match: Option<&UrlMatch>,
    alternates: &[&str],
    confidence: Confidence,
    evidence: &mut Vec<Msg>,
) -> Option<Detection> {
    if let Some(m) = url_match {
        let family = host_family.or((!m.shared_shape).then_some(m.family));
        let mut found = Detection::from_url_match(m, page, host, family, confidence, std::mem::take(evidence));
        // An alternate on another host names the origin of remote content (Misskey's remote
        // notes, Threads' ap ids). One on this host may be stale after a single-page-app
        // navigation (the <head> does not follow), and the URL already says what the page is.
        // A same-host alternate is the page's own document's id, unless the app has navigated
        // since the load (its head may describe the first page).
        let own = alternates.first().copied().filter(|_| signals.head_is_current());
        if let Some(alt) = alternate_elsewhere(alternates, host).or(own) {
            found.object = Some(alt.to_string());
        }
        return Some(found);
    }
    // No URL rule, but the page links its own ActivityPub document. One on another site is the
    // page's claim (like rel=me), until that document names the page as its own.
    let href = pick_alternate(alternates, host)?;
    let kind = match signals.meta("og:type") {
        Some(t) if t.eq_ignore_ascii_case("profile") => DetectionKind::Profile,
        _ if looks_like_actor_url(href) => DetectionKind::Profile,
        _ => DetectionKind::Post,
    };
    let elsewhere = host_of(href).is_some_and(|h| !same_site(&h, host));
    if elsewhere {
        evidence.push(msg::detect_other_site(href));
    }
    Some(Detection {
        kind,
        software: host_family,
        object: Some(href.to_string()),
        confidence,
        claim: elsewhere.then_some(ClaimKind::Alternate),
        ..Detection::nothing(std::mem::take(evidence))
    })
}

/// A page of Bluesky's web app: about the account's fediverse identity through Bridgy Fed (its
/// handle on `bsky.brid.gy`, or its actor there by DID). A post page is about its author: Bridgy
/// Fed names a post's fediverse copy by its `at://` URI, which needs the author's DID.
fn bluesky(host: &str, page: &Url) -> Option<Detection> {
    let found = bridges::bluesky_page(host, page.path())?;
    let (handle, object) = match &found.account {
        BlueskyAccount::Handle(h) => (Some(bridges::fediverse_handle(h)?), None),
        BlueskyAccount::Did(did) => (None, Some(bridges::fediverse_actor(did))),
    };
    let own_page = page.join(&found.profile_path).ok()?;
    Some(Detection {
        kind: DetectionKind::Profile,
        handle,
        object,
        confidence: Confidence::KnownHost,
        page: Some(own_page.as_str().to_string()),
        ..Detection::nothing(vec![msg::detect_bluesky(host)])
    })
}

/// Prefers an alternate on another host: Misskey links a remote user's or note's origin there.
fn pick_alternate<'a>(alternates: &[&'a str], host: &str) -> Option<&'a str> {
    alternate_elsewhere(alternates, host).or(alternates.first().copied())
}

fn alternate_elsewhere<'a>(alternates: &[&'a str], host: &str) -> Option<&'a str> {
    alternates
        .iter()
        .find(|a| Url::parse(a).ok().and_then(|u| u.host_str().map(|h| h != host)).unwrap_or(false))
        .copied()
}

fn looks_like_actor_url(href: &str) -> bool {
    Url::parse(href)
        .ok()
        .and_then(|u| software::match_path(u.path(), None))
        .is_some_and(|m| m.kind == PageKind::Profile)
        || href.contains("/author/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::identity::signals::{LinkSignal, MetaSignal};

    fn handle(d: &Detection) -> Option<String> {
        d.handle.as_ref().map(|h| h.to_string())
    }

    #[test]
    fn threads_profile_and_post_on_both_domains() {
        for host in ["www.threads.net", "www.threads.com", "threads.com"] {
            let d = detect_url(&format!("https://{host}/@zuck"));
            assert_eq!(d.kind, DetectionKind::Profile);
            assert_eq!(d.software, Some(Family::Threads));
            assert_eq!(handle(&d).as_deref(), Some("zuck@threads.net"));
            assert_eq!(d.confidence, Confidence::KnownHost);

            let post = detect_url(&format!("https://{host}/@zuck/post/C01LXhDrCAM"));
            assert_eq!(post.kind, DetectionKind::Post);
            assert_eq!(handle(&post).as_deref(), Some("zuck@threads.net"));
            assert_eq!(post.object.as_deref(), Some(format!("https://{host}/@zuck/post/C01LXhDrCAM").as_str()));
        }
    }

    #[test]
    fn unknown_host_with_at_path_is_only_a_candidate() {
        let d = detect_url("https://medium.com/@someone");
        assert_eq!(d.kind, DetectionKind::None);
        let c = d.candidate.as_ref().unwrap();
        assert_eq!(c.kind, DetectionKind::Profile);
        assert_eq!(c.confidence, Confidence::UrlShape);
        let confirmed = d.confirmed_by_host(Family::Mastodon, "mastodon");
        assert_eq!(confirmed.kind, DetectionKind::Profile);
        assert_eq!(handle(&confirmed).as_deref(), Some("someone@medium.com"));
    }

    #[test]
    fn alternate_link_confirms_a_mastodon_profile() {
        let s = PageSignals {
            url: "https://social.example/@alice".into(),
            links: vec![LinkSignal {
                rel: "alternate".into(),
                media_type: "application/activity+json".into(),
                href: "https://social.example/users/alice".into(),
            }],
            ..Default::default()
        };
        let d = detect(&s);
        assert_eq!(d.kind, DetectionKind::Profile);
        assert_eq!(d.confidence, Confidence::ActivityPubLink);
        assert_eq!(handle(&d).as_deref(), Some("alice@social.example"));
    }

    #[test]
    fn misskey_remote_user_page_is_about_the_remote_account() {
        let s = PageSignals {
            url: "https://misskey.example/@harper@akko.eepy.zone".into(),
            metas: vec![MetaSignal { name: "misskey:user-username".into(), content: "harper".into() }],
            links: vec![LinkSignal {
                rel: "alternate".into(),
                media_type: "application/activity+json".into(),
                href: "https://akko.eepy.zone/users/harper".into(),
            }],
            ..Default::default()
        };
        let d = detect(&s);
        assert_eq!(d.software, Some(Family::Misskey));
        assert_eq!(handle(&d).as_deref(), Some("harper@akko.eepy.zone"));
        assert_eq!(d.object.as_deref(), Some("https://akko.eepy.zone/users/harper"));
    }

    #[test]
    fn a_peertube_page_is_known_by_its_platform_meta_on_any_host() {
        let peertube = |path: &str| PageSignals {
            url: format!("https://videos.example{path}"),
            metas: vec![MetaSignal { name: "og:platform".into(), content: "PeerTube".into() }],
            ..Default::default()
        };
        let video = detect(&peertube("/w/vAcN8FH5qTnVwhKsDhUoy1"));
        assert_eq!(
            (video.kind, video.software, video.confidence),
            (DetectionKind::Post, Some(Family::PeerTube), Confidence::AppFingerprint)
        );
        assert_eq!(video.target.as_deref(), Some("https://videos.example/w/vAcN8FH5qTnVwhKsDhUoy1"));
        let channel = detect(&peertube("/c/linux_channel/videos"));
        assert_eq!((channel.kind, channel.software), (DetectionKind::Profile, Some(Family::PeerTube)));
        assert_eq!(channel.target.as_deref(), Some("@linux_channel@videos.example"));
        assert_eq!(channel.page.as_deref(), Some("https://videos.example/c/linux_channel"));
        // Without the meta, a short PeerTube URL on an unknown host is not enough.
        let bare = detect(&PageSignals {
            url: "https://videos.example/w/vAcN8FH5qTnVwhKsDhUoy1".into(),
            ..Default::default()
        });
        assert_eq!(bare.kind, DetectionKind::None);
    }

    #[test]
    fn creator_meta_is_a_claim() {
        let s = PageSignals {
            url: "https://news.example/2026/story".into(),
            metas: vec![MetaSignal { name: "fediverse:creator".into(), content: "@reporter@mastodon.social".into() }],
            ..Default::default()
        };
        let d = detect(&s);
        assert_eq!(d.kind, DetectionKind::Creator);
        assert_eq!(d.confidence, Confidence::PageClaim);
        assert_eq!(handle(&d).as_deref(), Some("reporter@mastodon.social"));
    }

    #[test]
    fn a_page_naming_several_accounts_lists_them_and_one_account_stays_a_single_claim() {
        let meta = |h: &str| MetaSignal { name: "fediverse:creator".into(), content: h.into() };
        let mut s = PageSignals {
            url: "https://news.example/2026/11/team".into(),
            metas: vec![meta("@Gargron@mastodon.social"), meta("@syuilo@misskey.io")],
            acct_links: vec!["acct:zuck@threads.net".into()],
            ..Default::default()
        };
        let d = detect(&s);
        assert_eq!(d.kind, DetectionKind::Creator);
        assert_eq!(d.target.as_deref(), Some("@Gargron@mastodon.social"));
        assert_eq!(d.claim, Some(ClaimKind::Creator));
        let listed = d.accounts.as_ref().unwrap();
        assert_eq!(listed.named, 3);
        assert_eq!(listed.listed[2].target, "@zuck@threads.net");
        assert_eq!(serde_json::to_value(&d).unwrap()["accounts"]["named"], 3);
        // Only acct: mentions, two of them: a list too, its first the badge's target.
        let mentions = PageSignals {
            url: s.url.clone(),
            acct_links: vec!["acct:zuck@threads.net".into(), "acct:a@b.example".into()],
            ..Default::default()
        };
        assert_eq!(detect(&mentions).target.as_deref(), Some("@zuck@threads.net"));
        // One account (named twice): exactly the single claim of before.
        s.metas.truncate(1);
        s.acct_links = vec!["acct:gargron@mastodon.social".into()];
        let one = detect(&s);
        assert_eq!((one.accounts.is_none(), one.evidence.len()), (true, 1));
        // A fediverse profile's own rel=me links are its owner's other sites: no list.
        let profile = PageSignals {
            url: "https://mastodon.social/@Gargron".into(),
            rel_me: vec!["https://misskey.io/@syuilo".into(), "https://threads.net/@zuck".into()],
            ..Default::default()
        };
        assert_eq!(detect(&profile).accounts, None);
        // A single mention alone makes no badge.
        let mention =
            PageSignals { url: s.url.clone(), acct_links: vec!["acct:a@b.example".into()], ..Default::default() };
        assert_eq!(detect(&mention).target, None);
    }

    #[test]
    fn non_web_and_broken_urls_are_nothing() {
        assert_eq!(detect_url("not a url").kind, DetectionKind::None);
        assert_eq!(detect_url("file:///@x").kind, DetectionKind::None);
        assert_eq!(detect_url("https://example.com/").kind, DetectionKind::None);
    }

    #[test]
    fn a_follower_list_names_its_links_accounts_not_its_owner_and_only_there() {
        let links = |hrefs: &[&str]| hrefs.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        let page = |url: &str| PageSignals {
            url: url.into(),
            profile_links: links(&[
                "https://mastodon.social/@Gargron",           // the owner's header
                "https://mastodon.social/@Gargron/following", // its tabs
                "https://mastodon.social/@quiet",
                "https://mastodon.social/@zuck@threads.net",
                "https://mastodon.social/@quiet/with_replies",
                "https://elsewhere.example/@someone", // another site's link: not this list's
                "https://mastodon.social/@Gargron/113306831140126616", // a post
            ]),
            ..Default::default()
        };
        let d = detect(&page("https://mastodon.social/@Gargron/followers"));
        assert!(d.list_page);
        let listed = d.accounts.expect("a list");
        let names: Vec<String> = listed.listed.iter().map(|a| a.handle.to_string()).collect();
        assert_eq!(names, ["quiet@mastodon.social", "zuck@threads.net"]);
        assert!(listed.listed.iter().all(|a| a.claim.is_none()), "a list's accounts are mentions");
        // Misskey's lists: `/@acct/following` on a Misskey site (its metas say so).
        let mut misskey = page("https://misskey.io/@syuilo/following");
        misskey.profile_links = links(&[
            "https://misskey.io/@syuilo",
            "https://misskey.io/@ai",
            "https://misskey.io/@Gargron@mastodon.social",
        ]);
        let d = detect(&misskey);
        assert!(d.list_page);
        assert_eq!(d.accounts.map(|a| a.named), Some(2));
        // The profile itself, or another tab of it: its links are not read as a list.
        for url in ["https://mastodon.social/@Gargron", "https://mastodon.social/@Gargron/media"] {
            let d = detect(&page(url));
            assert!(!d.list_page && d.accounts.is_none(), "{url}");
            assert_eq!(d.target.as_deref(), Some("@Gargron@mastodon.social"));
        }
        // A list whose app has drawn one account so far: the owner's profile, as before.
        let mut early = page("https://mastodon.social/@Gargron/followers");
        early.profile_links = links(&["https://mastodon.social/@Gargron", "https://mastodon.social/@quiet"]);
        let d = detect(&early);
        assert!(d.list_page && d.accounts.is_none());
        assert_eq!(d.target.as_deref(), Some("@Gargron@mastodon.social"));
    }
}
