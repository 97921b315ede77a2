//! Follow (and interact) from your home instance: which intent URL to open.

use crate::core::egress::linkable;
use crate::core::software::Family;
use crate::core::webfinger::Jrd;
use crate::core::weburl::Url;
use serde::Serialize;

/// Where a follow template came from, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateSource {
    /// FEP-3b86 `https://w3id.org/fep/3b86/Follow` (or `Object`, for posts) in the home WebFinger.
    Fep3b86,
    /// `http://ostatus.org/schema/1.0/subscribe` in the home WebFinger.
    OstatusSubscribe,
    /// The home software's own endpoint, from `FOLLOW_TEMPLATES`, when WebFinger names none.
    SoftwareDefault,
}

/// Each family's remote-interaction endpoint, for homes whose WebFinger publishes no template.
/// Mastodon's is also the last resort for unknown software (most servers copy its API).
pub const FOLLOW_TEMPLATES: &[(Family, &str)] = &[
    (Family::Mastodon, "/authorize_interaction?uri={uri}"),
    (Family::Misskey, "/authorize-follow?acct={uri}"),
    (Family::Pleroma, "/ostatus_subscribe?acct={uri}"),
];

/// What to follow: an account (by handle) or a post (by URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowTarget {
    Account { handle: String, profile_url: Option<String> },
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
/// (if fetched) and its software family (if known).
pub fn intent(
    home_host: &str,
    home_jrd: Option<&Jrd>,
    home_family: Option<Family>,
    target: &FollowTarget,
) -> Option<FollowIntent> {
    if let Some(direct) = same_instance_url(home_host, target) {
        return Some(FollowIntent { url: direct, source: TemplateSource::SoftwareDefault, same_instance: true });
    }
    let from_jrd = home_jrd.and_then(|jrd| {
        let fep = match target {
            FollowTarget::Account { .. } => jrd.fep_3b86_follow_template(),
            FollowTarget::Post { .. } => jrd.fep_3b86_object_template().or(jrd.fep_3b86_follow_template()),
        };
        fep.map(|t| (t.to_string(), TemplateSource::Fep3b86))
            .or_else(|| jrd.subscribe_template().map(|t| (t.to_string(), TemplateSource::OstatusSubscribe)))
    });
    let (template, source) = from_jrd.unwrap_or_else(|| {
        let path =
            FOLLOW_TEMPLATES.iter().find(|(f, _)| Some(*f) == home_family).map_or(FOLLOW_TEMPLATES[0].1, |(_, p)| *p);
        (format!("https://{home_host}{path}"), TemplateSource::SoftwareDefault)
    });
    let uri = match target {
        FollowTarget::Account { handle, .. } => handle.as_str(),
        FollowTarget::Post { url } => url.as_str(),
    };
    let url = fill(&template, uri)?;
    Some(FollowIntent { url, source, same_instance: false })
}

/// Replaces `{uri}` with the percent-encoded target; the result must be an https URL.
pub fn fill(template: &str, uri: &str) -> Option<String> {
    let filled = template.replace("{uri}", &crate::core::weburl::form_encode(uri));
    let parsed = Url::parse(&filled).ok()?;
    (parsed.scheme() == "https").then(|| parsed.to_string())
}

/// The target's own URL when it lives on the home instance; only a URL the panel may link to
/// (a remote document's `url` can say `javascript:`).
fn same_instance_url(home_host: &str, target: &FollowTarget) -> Option<String> {
    let on_home = |url: &str| {
        Url::parse(url).ok().and_then(|u| u.host_str().map(|h| h.eq_ignore_ascii_case(home_host))).unwrap_or(false)
    };
    match target {
        FollowTarget::Account { handle, profile_url } => {
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
        FollowTarget::Account { handle: h.into(), profile_url: None }
    }

    #[test]
    fn fep_3b86_beats_ostatus() {
        let j = jrd(
            r#"{"links":[{"rel":"http://ostatus.org/schema/1.0/subscribe","template":"https://home.example/ostatus?u={uri}"},{"rel":"https://w3id.org/fep/3b86/Follow","template":"https://home.example/follow?id={uri}"}]}"#,
        );
        let i = intent("home.example", Some(&j), None, &account("zuck@threads.net")).unwrap();
        assert_eq!(i.url, "https://home.example/follow?id=zuck%40threads.net");
        assert_eq!(i.source, TemplateSource::Fep3b86);
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
            let local = FollowTarget::Account { handle: "a@mastodon.social".into(), profile_url: Some(bad.into()) };
            let i = intent("mastodon.social", None, Some(Family::Mastodon), &local).unwrap();
            assert!(!i.same_instance, "{bad}");
            assert!(i.url.starts_with("https://mastodon.social/authorize_interaction?uri="), "{bad}: {}", i.url);
        }
    }

    #[test]
    fn a_template_that_is_not_https_is_refused() {
        assert_eq!(fill("javascript:alert('{uri}')", "x"), None);
        assert_eq!(fill("http://h.example/?u={uri}", "x"), None);
    }
}
