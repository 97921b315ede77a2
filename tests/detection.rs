//! Detection on page signals for every software in the URL-rule table, and on look-alikes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use fedilens::core::identity::detection::{Confidence, DetectionKind};
use fedilens::core::identity::signals::{LinkSignal, MetaSignal};
use fedilens::core::protocol::family::Family;
use fedilens::{detect, detect_url, PageSignals};

fn ap_link(href: &str) -> LinkSignal {
    LinkSignal { rel: "alternate".into(), media_type: "application/activity+json".into(), href: href.into() }
}

fn meta(name: &str, content: &str) -> MetaSignal {
    MetaSignal { name: name.into(), content: content.into() }
}

fn page(url: &str) -> PageSignals {
    PageSignals::from_url(url)
}

/// A detection crosses to the extension as serde writes it for the CLI (one shape): every member
/// the content script and the background read is there, `null` when it has no value.
fn assert_one_shape(d: &fedilens::Detection) {
    let crossed = serde_json::to_value(d).unwrap();
    for member in ["kind", "handle", "target", "claim", "accounts", "evidence", "page", "list_page", "author"] {
        assert!(crossed.get(member).is_some(), "{member} missing from {crossed}");
    }
    assert_eq!(crossed["kind"], d.kind.as_str());
}

fn expect(signals: PageSignals, kind: DetectionKind, family: Option<Family>, handle: Option<&str>) {
    let d = detect(&signals);
    assert_one_shape(&d);
    assert_eq!(d.kind, kind, "{}: {:?}", signals.url, d.evidence);
    assert_eq!(d.software, family, "{}", signals.url);
    assert_eq!(d.handle.as_ref().map(|h| h.to_string()).as_deref(), handle, "{}", signals.url);
    assert!(!d.evidence.is_empty(), "{}: detection says why", signals.url);
}

#[test]
fn the_extensions_json_of_a_detection_is_the_clis() {
    let mut creator = page("https://news.example/story");
    creator.metas.push(meta("fediverse:creator", "@Gargron@mastodon.social"));
    let mut rel_me = page("https://blog.example/");
    rel_me.rel_me.push("https://mastodon.social/@Gargron".into());
    let mut several = page("https://news.example/team");
    several.metas.push(meta("fediverse:creator", "@Gargron@mastodon.social"));
    several.acct_links.push("acct:syuilo@misskey.io".into());
    assert!(detect(&several).accounts.is_some(), "a page that names two accounts lists them");
    for signals in [
        page("https://www.threads.com/@zuck"),
        page("https://misskey.io/notes/9sv3rkmjjvdr000z"),
        page("https://plain.example/@someone"),
        page("https://plain.example/"),
        page("ftp://x.example/"),
        creator,
        rel_me,
        several,
    ] {
        let d = detect(&signals);
        assert_one_shape(&d);
        if d.candidate.is_some() {
            assert_one_shape(&d.clone().confirmed_by_host(Family::Mastodon, "mastodon"));
        }
    }
    for f in Family::ALL {
        assert_eq!(serde_json::to_value(f).unwrap(), f.id());
    }
    for c in [
        Confidence::KnownHost,
        Confidence::AppFingerprint,
        Confidence::ActivityPubLink,
        Confidence::StructuredData,
        Confidence::PageClaim,
        Confidence::UrlShape,
        Confidence::Nothing,
    ] {
        assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
    }
    for k in fedilens::core::identity::claim::ClaimKind::ALL {
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
    }
    use fedilens::core::report::{SoftwareInfo, SoftwareSource};
    for source in [SoftwareSource::NodeInfo, SoftwareSource::KnownHost, SoftwareSource::Actor] {
        let name = source.as_str();
        let info = SoftwareInfo {
            name: "mastodon".into(),
            version: Some("4.5.0".into()),
            family: Some(Family::Mastodon),
            source,
        };
        let crossed = serde_json::to_value(&info).unwrap();
        assert_eq!(
            crossed,
            serde_json::json!({"name": "mastodon", "version": "4.5.0", "family": "mastodon", "source": name})
        );
    }
}

#[test]
fn every_software_in_the_table() {
    use DetectionKind::{Post, Profile};
    let with_link = |url: &str, actor: &str| PageSignals { links: vec![ap_link(actor)], ..page(url) };

    // Threads: known service, both domains, handle always on threads.net
    expect(page("https://www.threads.net/@zuck"), Profile, Some(Family::Threads), Some("zuck@threads.net"));
    expect(
        page("https://www.threads.com/@zuck/post/DYSAIo_FL77"),
        Post,
        Some(Family::Threads),
        Some("zuck@threads.net"),
    );
    // Mastodon: profile, post, remote profile (about the REMOTE account), remote post
    let masto = |url: &str| PageSignals { markers: vec!["mastodon".into()], ..page(url) };
    expect(masto("https://hachyderm.example/@kris"), Profile, Some(Family::Mastodon), Some("kris@hachyderm.example"));
    expect(
        masto("https://hachyderm.example/@kris/113306831140126616"),
        Post,
        Some(Family::Mastodon),
        Some("kris@hachyderm.example"),
    );
    expect(
        masto("https://hachyderm.example/@zuck@threads.net"),
        Profile,
        Some(Family::Mastodon),
        Some("zuck@threads.net"),
    );
    expect(
        masto("https://hachyderm.example/@zuck@threads.net/113306831140126616"),
        Post,
        Some(Family::Mastodon),
        Some("zuck@threads.net"),
    );
    expect(page("https://mastodon.social/@Gargron"), Profile, Some(Family::Mastodon), Some("Gargron@mastodon.social"));
    // Misskey and forks: profile, remote profile, note
    let misskey = |url: &str| PageSignals { metas: vec![meta("misskey:user-username", "syuilo")], ..page(url) };
    expect(misskey("https://cats.example/@syuilo"), Profile, Some(Family::Misskey), Some("syuilo@cats.example"));
    expect(
        misskey("https://cats.example/@harper@akko.eepy.zone"),
        Profile,
        Some(Family::Misskey),
        Some("harper@akko.eepy.zone"),
    );
    let note = PageSignals {
        metas: vec![meta("misskey:note-id", "9sv3rkmjjvdr000z")],
        ..page("https://eepy.zone/notes/9sv3rkmjjvdr000z")
    };
    let d = detect(&note);
    assert_eq!((d.kind, d.software), (Post, Some(Family::Misskey)));
    assert_eq!(d.object.as_deref(), Some("https://eepy.zone/notes/9sv3rkmjjvdr000z"));
    // Pleroma / Akkoma
    expect(
        with_link("https://stereophonic.space/notice/AbCdEf", "https://stereophonic.space/objects/1"),
        Post,
        Some(Family::Pleroma),
        None,
    );
    // `/users/x` is an actor id many families share: no handle, no guess at the software.
    expect(
        with_link("https://stereophonic.space/users/karolat", "https://stereophonic.space/users/karolat"),
        Profile,
        None,
        None,
    );
    expect(
        with_link("https://social.example/@alice", "https://social.example/users/alice"),
        Profile,
        None,
        Some("alice@social.example"),
    );
    // GoToSocial
    expect(
        with_link(
            "https://gts.example/@tobi/statuses/01F8MHAMCHF6Y650WCRSCP4WMY",
            "https://gts.example/users/tobi/statuses/01F8MHAMCHF6Y650WCRSCP4WMY",
        ),
        Post,
        Some(Family::GoToSocial),
        Some("tobi@gts.example"),
    );
    // Lemmy: person, community, remote forms, post on a known instance
    expect(
        with_link("https://lemmy.example/u/picard", "https://lemmy.example/u/picard"),
        Profile,
        Some(Family::Lemmy),
        Some("picard@lemmy.example"),
    );
    expect(
        with_link("https://lemmy.example/c/tenforward", "https://lemmy.example/c/tenforward"),
        Profile,
        Some(Family::Lemmy),
        Some("tenforward@lemmy.example"),
    );
    expect(
        with_link("https://lemmy.example/u/grishka@friends.grishka.me", "https://friends.grishka.me/users/1"),
        Profile,
        Some(Family::Lemmy),
        Some("grishka@friends.grishka.me"),
    );
    expect(page("https://lemmy.ml/c/lemmy_support"), Profile, Some(Family::Lemmy), Some("lemmy_support@lemmy.ml"));
    expect(page("https://lemmy.world/post/123"), Post, Some(Family::Lemmy), None);
    // PeerTube: accounts, channels, videos
    expect(
        with_link("https://tilvids.com/accounts/thelinuxexperiment", "https://tilvids.com/accounts/thelinuxexperiment"),
        Profile,
        Some(Family::PeerTube),
        Some("thelinuxexperiment@tilvids.com"),
    );
    expect(
        with_link("https://tilvids.com/video-channels/tle_channel", "https://tilvids.com/video-channels/tle_channel"),
        Profile,
        Some(Family::PeerTube),
        Some("tle_channel@tilvids.com"),
    );
    expect(
        with_link(
            "https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1",
            "https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1",
        ),
        Post,
        Some(Family::PeerTube),
        None,
    );
    // Pixelfed: profiles without `@`, only on hosts known to run it
    expect(page("https://pixelfed.social/dansup"), Profile, Some(Family::Pixelfed), Some("dansup@pixelfed.social"));
    // Friendica: generator fingerprint
    let friendica = PageSignals {
        metas: vec![meta("generator", "Friendica 'Yellow Archangel' 2024.03")],
        ..page("https://soc.schuerz.at/profile/jakob")
    };
    expect(friendica, Profile, Some(Family::Friendica), Some("jakob@soc.schuerz.at"));
    // WordPress ActivityPub: a post found by its alternate link, an author archive
    let wp_post = PageSignals {
        metas: vec![meta("generator", "WordPress 6.5.2")],
        links: vec![ap_link("https://pfefferle.org/?p=1234")],
        ..page("https://pfefferle.org/2024/05/a-post/")
    };
    let d = detect(&wp_post);
    assert_eq!(
        (d.kind, d.software, d.object.as_deref()),
        (Post, Some(Family::WordPress), Some("https://pfefferle.org/?p=1234"))
    );
    let wp_author = PageSignals {
        metas: vec![meta("generator", "WordPress 6.5.2")],
        links: vec![ap_link("https://pfefferle.org/author/pfefferle/")],
        ..page("https://pfefferle.org/author/pfefferle/")
    };
    expect(wp_author, Profile, Some(Family::WordPress), Some("pfefferle@pfefferle.org"));
}

#[test]
fn mastodon_post_pages_name_their_author_in_json_ld() {
    let json_ld = r#"{"@context":"https://schema.org","@type":"SocialMediaPosting","url":"https://hachyderm.io/@nova/1130","author":{"@type":"Person","identifier":"nova@hachyderm.io","alternateName":"nova@hachyderm.io"}}"#;
    let s = PageSignals { json_ld: vec![json_ld.into()], ..page("https://blog.example/some/path") };
    let d = detect(&s);
    assert_eq!(d.kind, DetectionKind::Post);
    assert_eq!(d.confidence, Confidence::StructuredData);
    assert_eq!(d.handle.unwrap().to_string(), "nova@hachyderm.io");
}

#[test]
fn claims_on_ordinary_pages() {
    let article = PageSignals {
        metas: vec![meta("fediverse:creator", "@reporter@mastodon.social")],
        ..page("https://news.example/2026/11/story")
    };
    let d = detect(&article);
    assert_eq!((d.kind, d.confidence), (DetectionKind::Creator, Confidence::PageClaim));
    assert_eq!(d.handle.unwrap().to_string(), "reporter@mastodon.social");

    let homepage = PageSignals {
        rel_me: vec!["https://github.com/someone".into(), "https://mastodon.social/@someone".into()],
        ..page("https://someone.example/")
    };
    let d = detect(&homepage);
    assert_eq!(d.kind, DetectionKind::Creator);
    assert_eq!(d.handle.unwrap().to_string(), "someone@mastodon.social");
    assert_eq!(d.object.as_deref(), Some("https://mastodon.social/@someone"));
}

#[test]
fn look_alikes_are_not_the_fediverse() {
    // Many sites use /@name URLs: Medium, YouTube, dev.to, TikTok, Substack.
    for url in [
        "https://medium.com/@someone",
        "https://www.youtube.com/@channel",
        "https://dev.to/@writer",
        "https://www.tiktok.com/@dancer/video/7311234567890",
        "https://someone.substack.com/@someone",
    ] {
        let d = detect_url(url);
        assert_eq!(d.kind, DetectionKind::None, "{url}");
        assert!(d.handle.is_none(), "{url}");
    }
    // …with their ordinary <head>: OpenGraph, no ActivityPub link, no fingerprint.
    let medium = PageSignals {
        metas: vec![meta("og:type", "profile"), meta("og:site_name", "Medium")],
        ..page("https://medium.com/@someone")
    };
    assert_eq!(detect(&medium).kind, DetectionKind::None);
    // rel=me to a non-fediverse site, and a malformed creator meta, are nothing.
    let blog = PageSignals {
        rel_me: vec!["https://github.com/x".into()],
        metas: vec![meta("fediverse:creator", "not a handle")],
        ..page("https://blog.example/")
    };
    assert_eq!(detect(&blog).kind, DetectionKind::None);
    assert_eq!(detect_url("https://example.com/").kind, DetectionKind::None);
}

#[test]
fn each_detection_says_what_to_look_up() {
    let target = |s: PageSignals| detect(&s).target;
    // A post whose URL names its author: the page URL (a same-host alternate may be stale).
    assert_eq!(
        target(page("https://www.threads.com/@zuck/post/DYSAIo_FL77")).as_deref(),
        Some("https://www.threads.com/@zuck/post/DYSAIo_FL77")
    );
    // A profile: the handle.
    assert_eq!(target(page("https://www.threads.com/@zuck")).as_deref(), Some("@zuck@threads.net"));
    // A post known only by its ActivityPub link (WordPress): that link.
    let wp = PageSignals {
        metas: vec![meta("generator", "WordPress 6.5.2")],
        links: vec![ap_link("https://pfefferle.org/?p=1234")],
        ..page("https://pfefferle.org/2024/05/a-post/")
    };
    assert_eq!(target(wp).as_deref(), Some("https://pfefferle.org/?p=1234"));
    // A page's claim: the claimed handle.
    let article = PageSignals {
        metas: vec![meta("fediverse:creator", "@reporter@mastodon.social")],
        ..page("https://news.example/x")
    };
    assert_eq!(target(article).as_deref(), Some("@reporter@mastodon.social"));
    assert_eq!(target(page("https://example.com/")), None);
}

/// A profile's tabs are the profile; a post's sub-pages the post, looked up at its own page
/// (the rows' sources are in `URL_RULES`).
#[test]
fn tabs_and_sub_pages_detect_as_their_account_or_post() {
    use DetectionKind::{Post, Profile};
    for tab in ["replies", "reposts", "media"] {
        let url = format!("https://www.threads.com/@zuck/{tab}");
        expect(page(&url), Profile, Some(Family::Threads), Some("zuck@threads.net"));
        assert_eq!(detect(&page(&url)).target.as_deref(), Some("@zuck@threads.net"));
    }
    let remote = detect(&page("https://www.threads.net/fediverse_profile/jepsen@mastodon.jepsen.io"));
    assert_eq!(remote.handle.map(|h| h.to_string()).as_deref(), Some("jepsen@mastodon.jepsen.io"));
    let masto = |url: &str| PageSignals { markers: vec!["mastodon".into()], ..page(url) };
    for tab in ["with_replies", "media", "featured", "followers", "following", "tagged/rust"] {
        let url = format!("https://mastodon.social/@Gargron/{tab}");
        expect(masto(&url), Profile, Some(Family::Mastodon), Some("Gargron@mastodon.social"));
    }
    let reblogs = detect(&masto("https://mastodon.social/@Gargron/113306831140126616/reblogs"));
    assert_eq!(reblogs.kind, Post);
    assert_eq!(reblogs.target.as_deref(), Some("https://mastodon.social/@Gargron/113306831140126616"));
    for none in
        ["https://mastodon.social/explore", "https://mastodon.social/tags/rust", "https://mastodon.social/search"]
    {
        assert_eq!(detect(&masto(none)).kind, DetectionKind::None, "{none}");
    }
}

/// `object` is the ActivityPub id the page links, unless a single-page app has navigated since
/// the page loaded (the `<head>` may still describe the first page); the page's own URL otherwise.
#[test]
fn the_object_is_the_linked_activitypub_id_while_the_head_is_current() {
    let status = "https://mastodon.social/users/Gargron/statuses/113306831140126616";
    let loaded = "https://mastodon.social/@Gargron/113306831140126616";
    let fresh = PageSignals {
        links: vec![ap_link(status)],
        markers: vec!["mastodon".into()],
        loaded_url: loaded.into(),
        ..page(loaded)
    };
    assert_eq!(detect(&fresh).object.as_deref(), Some(status));
    let navigated = PageSignals { url: "https://mastodon.social/@Gargron/1".into(), ..fresh.clone() };
    assert_eq!(detect(&navigated).object.as_deref(), Some("https://mastodon.social/@Gargron/1"));
}

#[test]
fn bluesky_pages_are_their_accounts_on_the_fediverse_through_bridgy_fed() {
    // By handle: the bridged handle on bsky.brid.gy (a post page is about its author).
    for url in [
        "https://bsky.app/profile/alice.bsky.social",
        "https://bsky.app/profile/Alice.bsky.social/followers",
        "https://bsky.app/profile/alice.bsky.social/post/3kxyz2abc",
    ] {
        let d = detect_url(url);
        assert_eq!(d.kind, DetectionKind::Profile, "{url}");
        assert_eq!(
            d.handle.as_ref().map(ToString::to_string).as_deref(),
            Some("alice.bsky.social@bsky.brid.gy"),
            "{url}"
        );
        assert_eq!(d.target.as_deref(), Some("@alice.bsky.social@bsky.brid.gy"), "{url}");
        assert_eq!(d.confidence, Confidence::KnownHost);
    }
    // By DID: the bridge's actor for it, looked up by URL.
    let d = detect_url("https://bsky.app/profile/did:plc:3jpt2mvvsumj2r7eqk4gzzjz");
    assert_eq!((d.kind, d.handle.is_none()), (DetectionKind::Profile, true));
    assert_eq!(d.target.as_deref(), Some("https://bsky.brid.gy/ap/did:plc:3jpt2mvvsumj2r7eqk4gzzjz"));
    // Not about an account.
    for url in
        ["https://bsky.app/", "https://bsky.app/search?q=x", "https://bsky.app/profile/alice.bsky.social/feed/aaa"]
    {
        assert_eq!(detect_url(url).kind, DetectionKind::None, "{url}");
    }
    // The page's content script passes on bsky.app.
    assert!(fedilens::core::identity::signals::content_rules().known_hosts.contains(&"bsky.app"));
}
