//! Identity verification: each rule returns a `Check` that says what was compared and how it
//! came out, so the panel can show the evidence, not just a verdict.

use crate::core::protocol::handle::Handle;
use crate::core::protocol::webfinger::Jrd;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};
use serde::Serialize;

/// Which rule a check applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    WebfingerSubject,
    SelfLink,
    ObjectOrigin,
    HandleBinding,
    PostAuthor,
    PostOrigin,
    HandleClaim,
    RelMe,
    AlternateLink,
    Attribution,
}

/// By its stable name, as the CLI's `--json` has always named a check.
impl Serialize for CheckKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl CheckKind {
    /// Its stable name: `webfinger_subject`, `self_link`, …
    pub fn name(self) -> &'static str {
        match self {
            CheckKind::WebfingerSubject => "webfinger_subject",
            CheckKind::SelfLink => "self_link",
            CheckKind::ObjectOrigin => "object_origin",
            CheckKind::HandleBinding => "handle_binding",
            CheckKind::PostAuthor => "post_author",
            CheckKind::PostOrigin => "post_origin",
            CheckKind::HandleClaim => "handle_claim",
            CheckKind::RelMe => "rel_me",
            CheckKind::AlternateLink => "alternate_link",
            CheckKind::Attribution => "attribution",
        }
    }

    /// Whether the check proves whose documents these are: when one of these fails, the identity
    /// is unproven (the panel then shows no name or picture from the documents). A page's claims
    /// (`rel_me`, `alternate_link`, `attribution`) are judged, not proofs of the account.
    pub fn proves_identity(self) -> bool {
        match self {
            CheckKind::WebfingerSubject
            | CheckKind::SelfLink
            | CheckKind::ObjectOrigin
            | CheckKind::HandleBinding
            | CheckKind::HandleClaim
            | CheckKind::PostAuthor
            | CheckKind::PostOrigin => true,
            CheckKind::RelMe | CheckKind::AlternateLink | CheckKind::Attribution => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    #[serde(rename = "name")]
    pub kind: CheckKind,
    pub ok: bool,
    pub detail: Msg,
}

impl Check {
    fn new(kind: CheckKind, ok: bool, detail: Msg) -> Check {
        Check { kind, ok, detail }
    }

    /// The rule's stable name.
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }
}

/// Hosts that are the same server for identity purposes: equal, or equal but for a `www.`
/// (Threads serves `threads.net` and names actors `www.threads.net`, and vice versa).
pub fn same_site(a: &str, b: &str) -> bool {
    let strip = |h: &str| h.trim_end_matches('.').to_ascii_lowercase().trim_start_matches("www.").to_string();
    strip(a) == strip(b)
}

pub fn host_of(url: &str) -> Option<String> {
    Url::parse(url).ok()?.host_str().map(str::to_ascii_lowercase)
}

/// Rule 1: the WebFinger document must speak for what was asked.
pub fn webfinger_subject(jrd: &Jrd, resource: &str) -> Check {
    let ok = jrd.answers_for(resource);
    let subject = jrd.subject.as_deref().unwrap_or("(none)");
    let detail = if ok {
        msg::check_webfinger_subject_ok(resource, subject)
    } else {
        msg::check_webfinger_subject_fail(resource, subject)
    };
    Check::new(CheckKind::WebfingerSubject, ok, detail)
}

/// Rule 2: only a `rel="self"` link with an ActivityPub media type names the actor.
pub fn self_link(jrd: &Jrd) -> Check {
    match jrd.self_link() {
        Some(href) => Check::new(CheckKind::SelfLink, true, msg::check_self_link_ok(href)),
        None => Check::new(CheckKind::SelfLink, false, msg::check_self_link_fail()),
    }
}

/// Rule 3: a fetched object's `id` must be on the site it was fetched from.
pub fn object_origin(fetched_from: &Url, id: &str) -> Check {
    let from = fetched_from.host_str().unwrap_or_default();
    let ok = host_of(id).is_some_and(|h| same_site(&h, from));
    let detail = if ok { msg::check_object_origin_ok(id, from) } else { msg::check_object_origin_fail(from, id) };
    Check::new(CheckKind::ObjectOrigin, ok, detail)
}

/// Rule 4: a handle is bound to an actor only when the actor's own host agrees. `actor_host_jrd`
/// is the actor host's WebFinger answer (for `acct:preferredUsername@actor-host` or the actor
/// URL); it is needed only when the handle's domain and the actor's host differ.
pub fn handle_binding(handle: &Handle, actor_id: &str, actor_host_jrd: Option<&Jrd>) -> Check {
    let actor_host = host_of(actor_id).unwrap_or_default();
    if same_site(&actor_host, handle.host()) {
        return Check::new(CheckKind::HandleBinding, true, msg::check_handle_same_host(actor_id, handle.host()));
    }
    let confirmed =
        actor_host_jrd.is_some_and(|jrd| jrd.names_handle(handle) && jrd.self_link().is_some_and(|s| s == actor_id));
    if confirmed {
        Check::new(CheckKind::HandleBinding, true, msg::check_handle_split_domain(&actor_host, handle))
    } else {
        Check::new(
            CheckKind::HandleBinding,
            false,
            msg::check_handle_split_unconfirmed(handle.host(), &actor_host, handle),
        )
    }
}

/// A post belongs to the account it was looked up as.
pub fn post_author(attributed_to: Option<&str>, actor_id: &str) -> Check {
    match attributed_to {
        Some(author) if author == actor_id => {
            Check::new(CheckKind::PostAuthor, true, msg::check_post_author_ok(actor_id))
        }
        Some(author) => Check::new(CheckKind::PostAuthor, false, msg::check_post_author_fail(author, actor_id)),
        None => Check::new(CheckKind::PostAuthor, false, msg::check_post_author_none()),
    }
}

/// A post is its author's only if it lives on the author's site: a server can serve any text
/// under any `attributedTo`, so a post fetched from one site that names an author on another
/// proves nothing about that author (Mastodon, for the same reason, only accepts an object whose
/// id shares its origin with its actor).
pub fn post_origin(post_id: &str, actor_id: &str) -> Check {
    let (post_host, actor_host) = (host_of(post_id).unwrap_or_default(), host_of(actor_id).unwrap_or_default());
    if same_site(&post_host, &actor_host) {
        Check::new(CheckKind::PostOrigin, true, msg::check_post_origin_ok(post_id, &actor_host))
    } else {
        Check::new(CheckKind::PostOrigin, false, msg::check_post_origin_fail(&post_host, &actor_host))
    }
}

/// A handle the actor's own server gives it on another domain is the actor's only when that
/// domain's WebFinger points the handle back at the same actor (`pointed`: its self link), the
/// rule Mastodon applies before it accepts a cross-domain handle.
pub fn handle_claim(handle: &Handle, actor_id: &str, pointed: Option<&str>) -> Check {
    match pointed {
        Some(p) if p == actor_id => {
            Check::new(CheckKind::HandleClaim, true, msg::check_handle_claim_ok(handle.host(), handle, actor_id))
        }
        Some(other) => Check::new(
            CheckKind::HandleClaim,
            false,
            msg::check_handle_claim_other(actor_id, handle, handle.host(), other),
        ),
        None => {
            Check::new(CheckKind::HandleClaim, false, msg::check_handle_claim_fail(actor_id, handle, handle.host()))
        }
    }
}

/// The same page: same site (but for `www.`), same path (but for a trailing slash) and query.
/// A page's URL compared as a URL, never as a substring: `notevil.com` is not `evil.com`, and
/// `medium.com/@victim` is not `medium.com/@attacker`.
pub fn same_page(a: &str, b: &str) -> bool {
    let (Ok(a), Ok(b)) = (Url::parse(a), Url::parse(b)) else { return false };
    let path = |u: &Url| u.path().trim_end_matches('/').to_string();
    let query = |u: &Url| u.as_str().split_once('?').map(|(_, q)| q.split('#').next().unwrap_or("").to_string());
    same_site(a.host_str().unwrap_or_default(), b.host_str().unwrap_or("-"))
        && path(&a) == path(&b)
        && query(&a) == query(&b)
}

/// The URLs written in a profile field's text (Mastodon shows `https://blog.example/` as
/// `blog.example/` with the scheme in a hidden span; both read as the same URL).
fn urls_in(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().map(|t| if t.contains("://") { t.to_string() } else { format!("https://{t}") })
}

/// A page's `rel="me"` link to an account is confirmed when the account links back to that
/// page (IndieWeb rel=me; Mastodon verifies its profile links the same way, from the other side).
pub fn rel_me(page: &str, field_values: &[&str]) -> Check {
    let linked = field_values.iter().flat_map(|v| urls_in(v)).any(|u| same_page(&u, page));
    let detail = if linked { msg::check_rel_me_ok(page) } else { msg::check_rel_me_fail(page) };
    Check::new(CheckKind::RelMe, linked, detail)
}

/// A page's `<link rel="alternate" type="application/activity+json">` on another site is a
/// claim, like rel=me: confirmed when the document names this page as its own web page (its
/// `url`), or the account links back to it.
pub fn alternate_link(page: &str, object_pages: &[&str], field_values: &[&str]) -> Check {
    let named = object_pages.iter().any(|u| same_page(u, page));
    let linked = field_values.iter().flat_map(|v| urls_in(v)).any(|u| same_page(&u, page));
    let detail = if named || linked { msg::check_alternate_ok(page) } else { msg::check_alternate_fail(page) };
    Check::new(CheckKind::AlternateLink, named || linked, detail)
}

/// `fediverse:creator`: the account must list the page's site in `attributionDomains`
/// (sub-domains of a listed domain count), as Mastodon 4.3+ requires before it shows the author.
pub fn attribution(page_host: &str, attribution_domains: &[String]) -> Check {
    let page_host = page_host.to_ascii_lowercase();
    let ok = attribution_domains.iter().any(|d| {
        let d = d.to_ascii_lowercase();
        page_host == d || page_host.ends_with(&format!(".{d}"))
    });
    let detail = if ok { msg::check_attribution_ok(&page_host) } else { msg::check_attribution_fail(&page_host) };
    Check::new(CheckKind::Attribution, ok, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jrd(json: &str) -> Jrd {
        Jrd::parse(json.as_bytes()).unwrap()
    }

    #[test]
    fn subject_may_differ_in_user_case_but_not_in_account() {
        let j = jrd(r#"{"subject":"acct:Gargron@mastodon.social"}"#);
        assert!(webfinger_subject(&j, "acct:gargron@mastodon.social").ok);
        assert!(!webfinger_subject(&j, "acct:eugen@mastodon.social").ok);
        let by_alias = jrd(r#"{"subject":"acct:a@social.example","aliases":["acct:a@example.com"]}"#);
        assert!(webfinger_subject(&by_alias, "acct:a@example.com").ok);
    }

    #[test]
    fn rel_me_compares_urls_not_substrings() {
        let fields = ["https://notevil.com/", "blog.example.com/", "https://medium.com/@victim"];
        assert!(!rel_me("https://evil.com/", &fields).ok, "notevil.com is not evil.com");
        assert!(!rel_me("https://example.com/", &fields).ok, "blog.example.com is not example.com");
        assert!(!rel_me("https://medium.com/@attacker", &fields).ok, "another path on the same site");
        assert!(rel_me("https://medium.com/@victim/", &fields).ok, "a trailing slash is the same page");
        assert!(rel_me("https://www.notevil.com", &fields).ok, "www. is the same site");
        assert!(rel_me("https://blog.example.com/", &["Blog: blog.example.com"]).ok, "Mastodon's shown form");
    }

    #[test]
    fn a_post_is_its_authors_only_on_the_authors_site() {
        assert!(post_origin("https://mastodon.social/users/a/statuses/1", "https://mastodon.social/users/a").ok);
        assert!(post_origin("https://threads.net/ap/users/1/post/2/", "https://www.threads.net/ap/users/1/").ok);
        assert!(!post_origin("https://forger.example/notes/1", "https://mastodon.social/users/Gargron").ok);
    }

    #[test]
    fn a_cross_domain_handle_must_point_back_at_the_same_actor() {
        let h = Handle::parse("Gargron@mastodon.social").unwrap();
        let imp = "https://claimer.example/users/imp";
        assert!(handle_claim(&h, imp, Some(imp)).ok);
        assert!(!handle_claim(&h, imp, Some("https://mastodon.social/users/Gargron")).ok);
        assert!(!handle_claim(&h, imp, None).ok);
    }

    #[test]
    fn an_alternate_link_elsewhere_is_confirmed_only_by_the_document_naming_the_page() {
        let page = "https://blog.example/about";
        assert!(alternate_link(page, &["https://blog.example/about"], &[]).ok);
        assert!(alternate_link(page, &[], &["https://blog.example/about"]).ok);
        assert!(!alternate_link(page, &["https://mastodon.social/@Gargron"], &["https://joinmastodon.org"]).ok);
    }

    /// Each failure says who claimed what: the values in their places (a constructor takes them
    /// by position, so a swap compiles).
    #[test]
    fn failed_checks_say_which_site_claimed_what() {
        let from = Url::parse("https://evil.example/users/x").unwrap();
        assert_eq!(
            object_origin(&from, "https://mastodon.social/users/Gargron").detail.to_string(),
            "the document fetched from evil.example claims the id https://mastodon.social/users/Gargron, on another site"
        );
        assert_eq!(
            post_origin("https://forger.example/notes/1", "https://mastodon.social/users/Gargron").detail.to_string(),
            "the post lives on forger.example but claims an author on mastodon.social, which it cannot prove"
        );
        assert_eq!(
            post_author(Some("https://a.example/u"), "https://b.example/u").detail.to_string(),
            "the post is attributed to https://a.example/u, not to https://b.example/u"
        );
        let h = Handle::parse("Gargron@mastodon.social").unwrap();
        assert_eq!(
            handle_claim(&h, "https://claimer.example/users/imp", Some("https://mastodon.social/users/Gargron")).detail.to_string(),
            "the actor https://claimer.example/users/imp claims the handle Gargron@mastodon.social, but mastodon.social gives that handle to https://mastodon.social/users/Gargron"
        );
        let alice = Handle::parse("alice@example.com").unwrap();
        assert_eq!(
            handle_binding(&alice, "https://social.example.com/users/alice", None).detail.to_string(),
            "example.com points its WebFinger at an actor on social.example.com, and social.example.com does not confirm the handle alice@example.com"
        );
        assert_eq!(
            webfinger_subject(&jrd(r#"{"subject":"acct:b@x.example"}"#), "acct:a@x.example").detail.to_string(),
            "WebFinger was asked for acct:a@x.example but answered for acct:b@x.example, and no alias names it"
        );
    }

    #[test]
    fn www_is_the_same_site_for_threads() {
        let from = Url::parse("https://threads.net/ap/users/1/").unwrap();
        assert!(object_origin(&from, "https://www.threads.net/ap/users/1/").ok);
        assert!(!object_origin(&from, "https://evil.example/ap/users/1/").ok);
        assert!(!object_origin(&from, "not a url").ok);
    }

    #[test]
    fn split_domains_pass_only_when_the_actor_host_confirms() {
        let handle = Handle::parse("alice@example.com").unwrap();
        let actor = "https://social.example.com/users/alice";
        let confirms = jrd(
            r#"{"subject":"acct:alice@example.com","links":[{"rel":"self","type":"application/activity+json","href":"https://social.example.com/users/alice"}]}"#,
        );
        assert!(handle_binding(&handle, actor, Some(&confirms)).ok);
        let denies = jrd(
            r#"{"subject":"acct:alice@social.example.com","links":[{"rel":"self","type":"application/activity+json","href":"https://social.example.com/users/alice"}]}"#,
        );
        assert!(!handle_binding(&handle, actor, Some(&denies)).ok);
        assert!(!handle_binding(&handle, actor, None).ok);
    }

    #[test]
    fn attribution_domains_cover_subdomains() {
        assert!(attribution("blog.dbzer0.com", &["dbzer0.com".into()]).ok);
        assert!(!attribution("notdbzer0.com", &["dbzer0.com".into()]).ok);
    }
}
