//! WebFinger (RFC 7033): the JSON Resource Descriptor, and what Fedilens reads from it.

use crate::core::net::fetch::{Fetch, Gate, GateError};
use crate::core::protocol::activitypub::is_activitypub_media_type;
use crate::core::protocol::handle::Handle;
use crate::core::text::json::Json;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};
use serde::Serialize;

/// The rel of a profile page (RFC 7033 §4.4.4 links; the rel is WebFinger.net's).
pub const REL_PROFILE_PAGE: &str = "http://webfinger.net/rel/profile-page";
pub const REL_AVATAR: &str = "http://webfinger.net/rel/avatar";
/// OStatus remote follow: `template` with `{uri}`.
pub const REL_OSTATUS_SUBSCRIBE: &str = "http://ostatus.org/schema/1.0/subscribe";
/// FEP-3b86 activity intents (fep/3b86/fep-3b86.md in the FEP repository, §3 and §4.10): the
/// Follow intent, its template in `href`, its parameters `{object}`, `{on-success}`, `{on-cancel}`.
pub const REL_FEP_3B86_FOLLOW: &str = "https://w3id.org/fep/3b86/Follow";
/// The namespace of every FEP-3b86 intent's rel (§3.2): the activity type follows it.
pub const FEP_3B86: &str = "https://w3id.org/fep/3b86/";
/// FEP-3b86's Object intent (open this object on my server), which Mastodon 4.6 publishes instead
/// of Follow (mastodon PR #38120; FACTS.md §8).
pub const REL_FEP_3B86_OBJECT: &str = "https://w3id.org/fep/3b86/Object";

/// A JSON Resource Descriptor (RFC 7033 §4.4). Lenient: every member is optional, unknown
/// members are ignored, a member of the wrong type is read as absent (Lemmy sends
/// `"template": null`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Jrd {
    /// §4.4.1
    pub subject: Option<String>,
    /// §4.4.2
    pub aliases: Vec<String>,
    /// §4.4.4
    pub links: Vec<JrdLink>,
}

/// A link (RFC 7033 §4.4.4); `template` is the OStatus/FEP-3b86 extension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JrdLink {
    pub rel: Option<String>,
    #[serde(rename = "type")]
    pub media_type: Option<String>,
    pub href: Option<String>,
    pub template: Option<String>,
}

impl JrdLink {
    fn of(link: &Json) -> Option<JrdLink> {
        link.is_object().then(|| JrdLink {
            rel: link.text("rel"),
            media_type: link.text("type"),
            href: link.text("href"),
            template: link.text("template"),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebFingerError {
    NotJson(String),
    NotAnObject,
}

impl WebFingerError {
    pub fn msg(&self) -> Msg {
        match self {
            WebFingerError::NotJson(e) => msg::webfinger_not_json(e),
            WebFingerError::NotAnObject => msg::webfinger_not_object(),
        }
    }
}

impl std::fmt::Display for WebFingerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.msg())
    }
}

impl std::error::Error for WebFingerError {}

/// The WebFinger query URL for a resource (`acct:user@host` or an https URL) on `host`.
pub fn query_url(host: &str, resource: &str) -> Option<Url> {
    let resource = crate::core::text::weburl::form_encode(resource);
    Url::parse(&format!("https://{host}/.well-known/webfinger?resource={resource}")).ok()
}

impl Jrd {
    pub fn parse(body: &[u8]) -> Result<Jrd, WebFingerError> {
        Jrd::from_json(&Json::parse(body).map_err(|e| WebFingerError::NotJson(e.to_string()))?)
    }

    /// A JRD from a document already read.
    pub fn from_json(value: &Json) -> Result<Jrd, WebFingerError> {
        if !value.is_object() {
            return Err(WebFingerError::NotAnObject);
        }
        Ok(Jrd {
            subject: value.text("subject"),
            aliases: value.texts("aliases"),
            links: value.items("links").iter().filter_map(JrdLink::of).collect(),
        })
    }

    /// The actor URL: only a `rel="self"` link with an ActivityPub media type counts.
    pub fn self_link(&self) -> Option<&str> {
        self.links
            .iter()
            .filter(|l| l.rel.as_deref() == Some("self"))
            .find(|l| l.media_type.as_deref().is_some_and(is_activitypub_media_type))
            .and_then(|l| l.href.as_deref())
    }

    fn href_of(&self, rel: &str) -> Option<&str> {
        self.links.iter().find(|l| l.rel.as_deref() == Some(rel)).and_then(|l| l.href.as_deref())
    }

    /// A FEP-3b86 intent's template: the FEP puts it in `href` (§3.2), some publishers in
    /// `template`, as OStatus did; either is read.
    fn intent_of(&self, rel: &str) -> Option<&str> {
        // Rels compared without ASCII case: some publishers write `…/3b86/like`.
        let link = self.links.iter().find(|l| l.rel.as_deref().is_some_and(|r| r.eq_ignore_ascii_case(rel)))?;
        link.href.as_deref().or(link.template.as_deref()).filter(|t| t.contains('{'))
    }

    /// The HTML profile page (Mobilizon writes the rel with a trailing slash, WriteFreely with https).
    pub fn profile_page(&self) -> Option<&str> {
        self.href_of(REL_PROFILE_PAGE)
            .or_else(|| self.href_of("http://webfinger.net/rel/profile-page/"))
            .or_else(|| self.href_of("https://webfinger.net/rel/profile-page"))
    }

    pub fn avatar(&self) -> Option<&str> {
        self.href_of(REL_AVATAR)
    }

    pub fn fep_3b86_follow_template(&self) -> Option<&str> {
        self.intent_of(REL_FEP_3B86_FOLLOW)
    }

    pub fn fep_3b86_object_template(&self) -> Option<&str> {
        self.intent_of(REL_FEP_3B86_OBJECT)
    }

    /// The FEP-3b86 intent for an activity type (`Like`, `Announce`, `Create`…: §4).
    pub fn fep_3b86_template(&self, activity: &str) -> Option<&str> {
        self.intent_of(&format!("{FEP_3B86}{activity}"))
    }

    /// OStatus remote follow: a `template` with `{uri}`.
    pub fn subscribe_template(&self) -> Option<&str> {
        let link = self.links.iter().find(|l| l.rel.as_deref() == Some(REL_OSTATUS_SUBSCRIBE))?;
        link.template.as_deref().filter(|t| t.contains("{uri}"))
    }

    /// The subject as a handle, when it is an `acct:` URI.
    pub fn subject_handle(&self) -> Option<Handle> {
        let subject = self.subject.as_deref()?;
        subject.to_ascii_lowercase().starts_with("acct:").then(|| Handle::parse(subject).ok())?
    }

    /// Does this document speak for `handle`? Its subject or one of its aliases must name it.
    pub fn names_handle(&self, handle: &Handle) -> bool {
        let names = self.subject.iter().chain(&self.aliases);
        names
            .filter(|n| n.to_ascii_lowercase().starts_with("acct:"))
            .filter_map(|n| Handle::parse(n).ok())
            .any(|h| h.same_account(handle))
    }

    /// Does this document speak for `resource` (an `acct:` or a URL)? Rule 1 of verification.
    pub fn answers_for(&self, resource: &str) -> bool {
        if let Ok(handle) = Handle::parse(resource) {
            if resource.to_ascii_lowercase().starts_with("acct:") {
                return self.names_handle(&handle);
            }
        }
        self.subject.iter().chain(&self.aliases).any(|n| same_url(n, resource))
    }
}

/// Two URLs name the same resource: equal after parsing (host case, default port, escapes).
pub fn same_url(a: &str, b: &str) -> bool {
    match (Url::parse(a), Url::parse(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The Accept header for WebFinger (RFC 7033 §10.2: `application/jrd+json`; some servers answer
/// only `application/json`).
const ACCEPT_JRD: &str = "application/jrd+json, application/json";

/// What asking a host's WebFinger came to.
pub enum WebFingerOutcome {
    Found { jrd: Jrd, raw: Json, resource: String },
    NotFound { status: u16, raw: Json, threads_body: bool },
    HttpError { status: u16 },
    Invalid { reason: Msg, raw: Json },
    Failed(GateError),
}

/// Asks `host` about each resource in turn, moving on only after a 404/410.
pub async fn fetch<F: Fetch>(gate: &Gate<'_, F>, host: &str, resources: &[String]) -> WebFingerOutcome {
    let mut not_found = None;
    for resource in resources {
        let Some(url) = query_url(host, resource) else {
            return WebFingerOutcome::Invalid { reason: msg::not_a_host(host), raw: Json::Null };
        };
        let fetched = match gate.get(&url, ACCEPT_JRD).await {
            Ok(f) => f,
            Err(e) => return WebFingerOutcome::Failed(e),
        };
        let doc = Json::parse(&fetched.body);
        if matches!(fetched.status, 404 | 410) {
            // Keep the first form's answer as the evidence: it is the one every server understands.
            let threads_body = doc.as_ref().is_ok_and(crate::core::protocol::activitypub::is_threads_not_found);
            let raw = fetched.evidence(doc);
            not_found.get_or_insert(WebFingerOutcome::NotFound { status: fetched.status, raw, threads_body });
            continue;
        }
        if !fetched.is_success() {
            return WebFingerOutcome::HttpError { status: fetched.status };
        }
        let jrd = doc.as_ref().map_err(|e| WebFingerError::NotJson(e.to_string())).and_then(Jrd::from_json);
        let raw = fetched.evidence(doc);
        return match jrd {
            Ok(jrd) => WebFingerOutcome::Found { jrd, raw, resource: resource.clone() },
            Err(e) if !fetched.is_json_media() => {
                let media = fetched.content_type.as_deref().unwrap_or_default();
                let reason = if media.to_ascii_lowercase().starts_with("text/html") {
                    msg::webfinger_html(host, e.msg())
                } else {
                    msg::webfinger_media(host, media, e.msg())
                };
                WebFingerOutcome::Invalid { reason, raw }
            }
            Err(e) => WebFingerOutcome::Invalid { reason: msg::webfinger_invalid(host, e.msg()), raw },
        };
    }
    not_found.unwrap_or(WebFingerOutcome::Invalid { reason: msg::webfinger_nothing_to_ask(), raw: Json::Null })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_url_escapes_the_resource() {
        let u = query_url("mastodon.social", "acct:Gargron@mastodon.social").unwrap();
        assert_eq!(
            u.as_str(),
            "https://mastodon.social/.well-known/webfinger?resource=acct%3AGargron%40mastodon.social"
        );
    }

    #[test]
    fn self_link_needs_an_activitypub_type() {
        let jrd = Jrd::parse(br#"{"links":[{"rel":"self","type":"text/html","href":"https://a.example/x"},{"rel":"self","type":"application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"","href":"https://a.example/ap"}]}"#).unwrap();
        assert_eq!(jrd.self_link(), Some("https://a.example/ap"));
        let none = Jrd::parse(br#"{"links":[{"rel":"self","href":"https://a.example/x"}]}"#).unwrap();
        assert_eq!(none.self_link(), None);
    }

    #[test]
    fn junk_is_a_typed_error() {
        assert!(matches!(Jrd::parse(b"<html>"), Err(WebFingerError::NotJson(_))));
        assert!(matches!(Jrd::parse(b"[1,2]"), Err(WebFingerError::NotAnObject)));
        // Wrong member types are read as absent, not as a failure.
        let odd = Jrd::parse(br#"{"subject":5,"aliases":"x","links":[{"rel":"self","template":null}, 7]}"#).unwrap();
        assert_eq!(odd.subject, None);
        assert!(odd.aliases.is_empty());
        assert_eq!(odd.links.len(), 1);
    }
}
