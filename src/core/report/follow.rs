//! Follow (and interact) from your home instance: which intent URL to open.

use crate::core::net::egress::linkable;
use crate::core::protocol::family::Family;
use crate::core::protocol::webfinger::Jrd;
use crate::core::text::weburl::Url;
use serde::Serialize;

/// Where a follow template came from, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateSource {
    /// FEP-3b86 `https://w3id.org/fep/3b86/Follow` in the home WebFinger.
    Fep3b86Follow,
    /// `http://ostatus.org/schema/1.0/subscribe` in the home WebFinger.
    OstatusSubscribe,
    /// FEP-3b86 `https://w3id.org/fep/3b86/Object` in the home WebFinger.
    Fep3b86Object,
    /// The home software's own remote-interaction page, from `FOLLOW_TEMPLATES`.
    SoftwareDefault,
}

/// What a software's own page takes for an account: a handle (or a URL), or only a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    HandleOrUrl,
    UrlOnly,
}

/// Each home software's own remote-interaction page, for homes whose WebFinger publishes no
/// template; `None` where the software has none (the panel then says to search on the home).
/// Mastodon's is also the last resort for software Fedilens does not know (most copy its API).
/// Forks share their family's row (Sharkey, Firefish and Iceshrimp publish Misskey's
/// `authorize-follow` template: their `WellKnownServerService.ts` / `well-known.ts`).
pub const FOLLOW_TEMPLATES: &[(Family, Option<(&str, Takes)>)] = &[
    // mastodon/mastodon config/routes.rb `resource :authorize_interaction, only: [:show]`;
    // app/controllers/authorize_interactions_controller.rb reads `uri` (a URL or user@domain).
    (Family::Mastodon, Some(("/authorize_interaction?uri={uri}", Takes::HandleOrUrl))),
    // misskey-dev/misskey packages/backend/src/server/WellKnownServerService.ts publishes
    // `/authorize-follow?acct={uri}`; packages/frontend/src/pages/lookup.vue takes a handle or URL.
    (Family::Misskey, Some(("/authorize-follow?acct={uri}", Takes::HandleOrUrl))),
    // akkoma lib/pleroma/web/router.ex `get("/ostatus_subscribe", RemoteFollowController, :follow)`,
    // which matches `acct` only (a handle or an actor URL).
    (Family::Pleroma, Some(("/ostatus_subscribe?acct={uri}", Takes::HandleOrUrl))),
    // friendica static/routes.config.php `/contact` group `/follow` (Module\Contact\Follow), which
    // reads `url` (src/Module/Contact/Follow.php getUrl); src/Module/Xrd.php publishes the same.
    (Family::Friendica, Some(("/contact/follow?url={uri}", Takes::HandleOrUrl))),
    // pixelfed routes/web.php `Route::get('authorize_interaction', 'AuthorizeInteractionController@get')`,
    // which validates `'uri' => 'required|url'`: a URL, never a handle. Not published in WebFinger.
    (Family::Pixelfed, Some(("/authorize_interaction?uri={uri}", Takes::UrlOnly))),
    // Chocobozzz/PeerTube server/core/controllers/well-known.ts publishes `/remote-interaction?uri={uri}`;
    // its client component looks videos and channels up by URL.
    (Family::PeerTube, Some(("/remote-interaction?uri={uri}", Takes::UrlOnly))),
    // Automattic/wordpress-activitypub includes/rest/class-interaction-controller.php:
    // `/wp-json/activitypub/1.0/interactions?uri=` (a URL or user@domain).
    (Family::WordPress, Some(("/wp-json/activitypub/1.0/interactions?uri={uri}", Takes::HandleOrUrl))),
    // superseriousbusiness/gotosocial internal/web/web.go routes no remote-interaction page, and its
    // WebFinger (internal/processing/fedi/wellknown.go) publishes none.
    (Family::GoToSocial, None),
    // LemmyNet/lemmy-ui's /activitypub/externalInteraction resolves community URLs only
    // (src/shared/components/remote-fetch.tsx): nothing to follow a person or open a post with.
    (Family::Lemmy, None),
    // Threads offers no page where a Threads user follows a fediverse account by URL.
    (Family::Threads, None),
];

/// What to follow: an account (by handle, and its actor id when known) or a post (by URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowTarget {
    Account { handle: String, actor: Option<String>, profile_url: Option<String> },
    Post { url: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowIntent {
    pub url: String,
    pub source: TemplateSource,
    /// True when the target lives on the home instance itself: the link opens it directly.
    pub same_instance: bool,
}

/// The intent URL on the home instance `home_host`, from its WebFinger document `home_jrd`
/// (if fetched) and its software family (if known). Accounts: FEP-3b86 Follow, OStatus
/// subscribe, FEP-3b86 Object, the software's own page; posts: Object, OStatus, the software's
/// own page. `None`: the home offers no way in (the panel says to search there).
pub fn intent(
    home_host: &str,
    home_jrd: Option<&Jrd>,
    home_family: Option<Family>,
    target: &FollowTarget,
) -> Option<FollowIntent> {
    if let Some(direct) = same_instance_url(home_host, target) {
        return Some(FollowIntent { url: direct, source: TemplateSource::SoftwareDefault, same_instance: true });
    }
    // OStatus and the software pages take a handle for an account; FEP-3b86's `{object}` is the
    // object's id (§4.10: "ID of the actor that the user will follow").
    let (by_handle, by_id) = match target {
        FollowTarget::Account { handle, actor, .. } => (handle.as_str(), actor.as_deref().unwrap_or(handle)),
        FollowTarget::Post { url } => (url.as_str(), url.as_str()),
    };
    let order: &[TemplateSource] = match target {
        FollowTarget::Account { .. } => &[
            TemplateSource::Fep3b86Follow,
            TemplateSource::OstatusSubscribe,
            TemplateSource::Fep3b86Object,
            TemplateSource::SoftwareDefault,
        ],
        FollowTarget::Post { .. } => {
            &[TemplateSource::Fep3b86Object, TemplateSource::OstatusSubscribe, TemplateSource::SoftwareDefault]
        }
    };
    order.iter().find_map(|&source| {
        let (template, value) = match source {
            TemplateSource::Fep3b86Follow => (home_jrd?.fep_3b86_follow_template()?.to_string(), by_id),
            TemplateSource::Fep3b86Object => (home_jrd?.fep_3b86_object_template()?.to_string(), by_id),
            TemplateSource::OstatusSubscribe => (home_jrd?.subscribe_template()?.to_string(), by_handle),
            TemplateSource::SoftwareDefault => {
                let (page, takes) = software_page(home_family)?;
                let value = match (takes, target) {
                    (Takes::UrlOnly, FollowTarget::Account { actor, .. }) => actor.as_deref()?,
                    _ => by_handle,
                };
                (format!("https://{home_host}{page}"), value)
            }
        };
        Some(FollowIntent { url: fill(&template, value)?, source, same_instance: false })
    })
}

/// The software's own page: its row in `FOLLOW_TEMPLATES`, Mastodon's for unknown software.
fn software_page(family: Option<Family>) -> Option<(&'static str, Takes)> {
    match family {
        None => FOLLOW_TEMPLATES[0].1,
        Some(f) => FOLLOW_TEMPLATES.iter().find(|(g, _)| *g == f).and_then(|(_, page)| *page),
    }
}

/// Fills a template as FEP-3b86 §3.2–3.4 says: `{object}` (and OStatus's `{uri}`) become the
/// percent-encoded target, `{on-success}` and `{on-cancel}` become `(close)` (the panel opens the
/// intent in a tab of its own), and every other `{name}` an empty string. The result must be a
/// URL the panel may link to.
pub fn fill(template: &str, value: &str) -> Option<String> {
    fill_params(template, &[("object", value), ("uri", value)])
}

/// `fill` with the values of named parameters (`{inReplyTo}` for a reply: §4.6).
fn fill_params(template: &str, params: &[(&str, &str)]) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let filled = match params.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => value,
            None if name == "on-success" || name == "on-cancel" => "(close)",
            None => "",
        };
        out.push_str(&crate::core::text::weburl::form_encode(filled));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    linkable(&out)
}

/// What a reader can do to a post from home besides opening it (issue 22 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Interaction {
    Like,
    Boost,
    Reply,
}

impl Interaction {
    pub const ALL: [Interaction; 3] = [Interaction::Like, Interaction::Boost, Interaction::Reply];

    /// Its FEP-3b86 intent and the parameter the post's id fills: Like (§4.15, `{object}`),
    /// Announce (§4.3, `{object}`), Create (§4.6, `{inReplyTo}`).
    fn intent(self) -> (&'static str, &'static str) {
        match self {
            Interaction::Like => ("Like", "object"),
            Interaction::Boost => ("Announce", "object"),
            Interaction::Reply => ("Create", "inReplyTo"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Interaction::Like => "like",
            Interaction::Boost => "boost",
            Interaction::Reply => "reply",
        }
    }
}

/// Where the reader likes, boosts or answers a post from home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InteractionLink {
    pub verb: Interaction,
    pub url: String,
    /// The verb's own intent; otherwise the post's page at home, where the verb is one more click.
    pub direct: bool,
}

/// For each verb, the home's FEP-3b86 intent for it when the home publishes one (in `href`, as
/// the FEP says, or `template`, as Mastodon and WordPress write them), filled with the post's id
/// `object`; a Create intent counts for a reply only if it takes `{inReplyTo}` (without it, it
/// starts a new post: Mastodon 4.6's `share?text={content}`). Otherwise `open`, the post's page
/// at home (the Object intent, OStatus, the software's page: `intent`'s answer for the post).
pub fn interactions(home_jrd: Option<&Jrd>, object: &str, open: Option<&str>) -> Vec<InteractionLink> {
    Interaction::ALL
        .into_iter()
        .filter_map(|verb| {
            let (activity, param) = verb.intent();
            let direct = home_jrd
                .and_then(|j| j.fep_3b86_template(activity))
                .filter(|t| t.contains(&format!("{{{param}}}")))
                .and_then(|t| fill_params(t, &[(param, object)]));
            match direct {
                Some(url) => Some(InteractionLink { verb, url, direct: true }),
                None => open.map(|url| InteractionLink { verb, url: url.to_string(), direct: false }),
            }
        })
        .collect()
}

/// The target's own URL when it lives on the home instance; only a URL the panel may link to
/// (a remote document's `url` can say `javascript:`).
fn same_instance_url(home_host: &str, target: &FollowTarget) -> Option<String> {
    let on_home = |url: &str| {
        Url::parse(url).ok().and_then(|u| u.host_str().map(|h| h.eq_ignore_ascii_case(home_host))).unwrap_or(false)
    };
    match target {
        FollowTarget::Account { handle, profile_url, .. } => {
            let host = handle.rsplit_once('@').map(|(_, h)| h)?;
            host.eq_ignore_ascii_case(home_host).then(|| profile_url.as_deref().and_then(linkable)).flatten()
        }
        FollowTarget::Post { url } => on_home(url).then(|| linkable(url)).flatten(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jrd(json: &str) -> Jrd {
        Jrd::parse(json.as_bytes()).unwrap()
    }

    fn account(h: &str) -> FollowTarget {
        FollowTarget::Account { handle: h.into(), actor: None, profile_url: None }
    }

    #[test]
    fn a_posts_like_boost_and_reply_take_the_homes_own_intents_or_open_the_post() {
        let post = "https://mastodon.social/users/Gargron/statuses/1";
        let open = "https://home.example/authorize_interaction?uri=x";
        // FEP-3b86 §3.1's example JRD writes Like in `template`, §4.3's Announce in `href`; a
        // Create intent that takes `{inReplyTo}` is a reply (WordPress's), one with `{content}`
        // only is a new post (Mastodon 4.6's share page), not a reply.
        let j = jrd(r#"{"links":[
            {"rel":"https://w3id.org/fep/3b86/Like","template":"https://home.example/intents/like?id={object}"},
            {"rel":"https://w3id.org/fep/3b86/announce","href":"https://home.example/intents/announce?objectId={object}&done={on-success}"},
            {"rel":"https://w3id.org/fep/3b86/Create","href":"https://home.example/share?text={content}"}]}"#);
        let links = interactions(Some(&j), post, Some(open));
        let got: Vec<(&str, &str, bool)> = links.iter().map(|l| (l.verb.as_str(), l.url.as_str(), l.direct)).collect();
        assert_eq!(
            got,
            [
                ("like", "https://home.example/intents/like?id=https%3A%2F%2Fmastodon.social%2Fusers%2FGargron%2Fstatuses%2F1", true),
                ("boost", "https://home.example/intents/announce?objectId=https%3A%2F%2Fmastodon.social%2Fusers%2FGargron%2Fstatuses%2F1&done=%28close%29", true),
                ("reply", open, false),
            ]
        );
        let wp = jrd(
            r#"{"links":[{"rel":"https://w3id.org/fep/3b86/Create","href":"https://wp.example/i?uri={inReplyTo}&intent=create"}]}"#,
        );
        let reply = interactions(Some(&wp), post, Some(open)).pop().unwrap();
        assert_eq!((reply.verb, reply.direct), (Interaction::Reply, true));
        assert!(reply.url.starts_with("https://wp.example/i?uri=https%3A%2F%2Fmastodon.social"), "{}", reply.url);
        // No intents and nowhere to open it: nothing to offer; an intent that is not https: not used.
        assert!(interactions(None, post, None).is_empty());
        let bad = jrd(r#"{"links":[{"rel":"https://w3id.org/fep/3b86/Like","href":"javascript:alert('{object}')"}]}"#);
        assert!(interactions(Some(&bad), post, Some(open)).iter().all(|l| !l.direct));
    }

    #[test]
    fn fep_3b86_beats_ostatus() {
        let j = jrd(
            r#"{"links":[{"rel":"http://ostatus.org/schema/1.0/subscribe","template":"https://home.example/ostatus?u={uri}"},{"rel":"https://w3id.org/fep/3b86/Follow","template":"https://home.example/follow?id={uri}"}]}"#,
        );
        let i = intent("home.example", Some(&j), None, &account("zuck@threads.net")).unwrap();
        assert_eq!(i.url, "https://home.example/follow?id=zuck%40threads.net");
        assert_eq!(i.source, TemplateSource::Fep3b86Follow);
    }

    #[test]
    fn falls_back_to_the_software_table_then_mastodon() {
        let i = intent("cats.example", None, Some(Family::Misskey), &account("a@b.example")).unwrap();
        assert_eq!(i.url, "https://cats.example/authorize-follow?acct=a%40b.example");
        let unknown = intent("x.example", Some(&jrd("{}")), None, &account("a@b.example")).unwrap();
        assert_eq!(unknown.url, "https://x.example/authorize_interaction?uri=a%40b.example");
        assert_eq!(unknown.source, TemplateSource::SoftwareDefault);
    }

    #[test]
    fn posts_are_passed_by_url_and_same_instance_opens_directly() {
        let post = FollowTarget::Post { url: "https://www.threads.net/@zuck/post/C01LXhDrCAM".into() };
        let i = intent("mastodon.social", None, Some(Family::Mastodon), &post).unwrap();
        assert_eq!(i.url, "https://mastodon.social/authorize_interaction?uri=https%3A%2F%2Fwww.threads.net%2F%40zuck%2Fpost%2FC01LXhDrCAM");
        let local = FollowTarget::Account {
            actor: None,
            handle: "Gargron@mastodon.social".into(),
            profile_url: Some("https://mastodon.social/@Gargron".into()),
        };
        let d = intent("mastodon.social", None, None, &local).unwrap();
        assert!(d.same_instance);
        assert_eq!(d.url, "https://mastodon.social/@Gargron");
    }

    #[test]
    fn a_same_instance_url_is_only_given_when_it_is_a_safe_link() {
        for bad in ["javascript:alert(document.domain)", "http://mastodon.social/@a", "https://127.0.0.1/@a"] {
            let local = FollowTarget::Account {
                handle: "a@mastodon.social".into(),
                actor: None,
                profile_url: Some(bad.into()),
            };
            let i = intent("mastodon.social", None, Some(Family::Mastodon), &local).unwrap();
            assert!(!i.same_instance, "{bad}");
            assert!(i.url.starts_with("https://mastodon.social/authorize_interaction?uri="), "{bad}: {}", i.url);
        }
    }

    #[test]
    fn fep_3b86_intents_are_filled_as_the_fep_says() {
        // §3.2: the template is in `href`, `{object}` is the object's id, unknown names are
        // emptied; §3.4: `{on-success}`/`{on-cancel}` may be `(close)`.
        let j = jrd(
            r#"{"links":[{"rel":"https://w3id.org/fep/3b86/Follow","href":"https://wp.example/wp-json/activitypub/1.0/interactions?uri={object}&intent=follow&back={on-success}&x={nonsense}"}]}"#,
        );
        let target = FollowTarget::Account {
            handle: "Gargron@mastodon.social".into(),
            actor: Some("https://mastodon.social/users/Gargron".into()),
            profile_url: None,
        };
        let i = intent("wp.example", Some(&j), Some(Family::WordPress), &target).unwrap();
        assert_eq!(
            i.url,
            "https://wp.example/wp-json/activitypub/1.0/interactions?uri=https%3A%2F%2Fmastodon.social%2Fusers%2FGargron&intent=follow&back=%28close%29&x="
        );
        assert_eq!(i.source, TemplateSource::Fep3b86Follow);
    }

    #[test]
    fn a_mastodon_4_6_home_with_object_and_create_intents_only() {
        // Mastodon 4.6 publishes Object and Create, not Follow (FACTS.md §8): accounts fall to
        // OStatus when present, else Object; posts take Object first.
        let j = jrd(
            r#"{"links":[{"rel":"https://w3id.org/fep/3b86/Object","href":"https://m.example/authorize_interaction?uri={object}"},{"rel":"https://w3id.org/fep/3b86/Create","href":"https://m.example/share?text={content}"}]}"#,
        );
        let i = intent("m.example", Some(&j), Some(Family::Mastodon), &account("a@b.example")).unwrap();
        assert_eq!(
            (i.url.as_str(), i.source),
            ("https://m.example/authorize_interaction?uri=a%40b.example", TemplateSource::Fep3b86Object)
        );
        let post = FollowTarget::Post { url: "https://b.example/notes/1".into() };
        let p = intent("m.example", Some(&j), Some(Family::Mastodon), &post).unwrap();
        assert_eq!(p.source, TemplateSource::Fep3b86Object);
    }

    #[test]
    fn every_home_software_has_a_row_and_url_only_pages_get_the_actor_id() {
        use crate::core::protocol::family::Family::*;
        for family in [Threads, Mastodon, Misskey, Pleroma, GoToSocial, Lemmy, PeerTube, Pixelfed, Friendica, WordPress]
        {
            assert!(FOLLOW_TEMPLATES.iter().any(|(f, _)| *f == family), "{family:?} has no row");
        }
        let target = FollowTarget::Account {
            handle: "a@b.example".into(),
            actor: Some("https://b.example/users/a".into()),
            profile_url: None,
        };
        let pixelfed = intent("px.example", None, Some(Pixelfed), &target).unwrap();
        assert_eq!(pixelfed.url, "https://px.example/authorize_interaction?uri=https%3A%2F%2Fb.example%2Fusers%2Fa");
        assert_eq!(
            intent("px.example", None, Some(Pixelfed), &account("a@b.example")),
            None,
            "a handle alone will not do"
        );
        let friendica = intent("f.example", None, Some(Friendica), &account("a@b.example")).unwrap();
        assert_eq!(friendica.url, "https://f.example/contact/follow?url=a%40b.example");
    }

    #[test]
    fn a_home_whose_software_has_no_follow_page_gets_none() {
        let none = intent("gts.example", Some(&jrd("{}")), Some(Family::GoToSocial), &account("a@b.example"));
        assert_eq!(none, None, "no made-up URL for a software without one");
    }

    #[test]
    fn a_template_that_is_not_https_is_refused() {
        assert_eq!(fill("javascript:alert('{uri}')", "x"), None);
        assert_eq!(fill("http://h.example/?u={uri}", "x"), None);
        assert_eq!(fill("https://127.0.0.1/?u={uri}", "x"), None);
    }
}
