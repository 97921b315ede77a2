//! ActivityPub actors and objects, read leniently: one-or-many values, links as strings or
//! objects, short names, prefixed names and full IRIs alike (many servers treat the document as
//! plain JSON). The raw document is kept whole for the "raw JSON" view.

use crate::core::net::fetch::{Fetch, Gate, GateError};
use crate::core::text::json::Json;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};
use serde::Serialize;

/// `application/activity+json`, or `application/ld+json` with the ActivityStreams profile.
pub fn is_activitypub_media_type(media_type: &str) -> bool {
    let lower = media_type.to_ascii_lowercase();
    let essence = lower.split(';').next().unwrap_or_default().trim();
    essence == "application/activity+json"
        || (essence == "application/ld+json" && lower.contains("https://www.w3.org/ns/activitystreams"))
}

/// A JSON media type of any kind (`application/json`, `application/jrd+json`, `…+json`).
pub fn is_json_media_type(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// The Accept header for ActivityPub fetches.
pub const ACCEPT_ACTIVITYPUB: &str =
    "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

const AS: &str = "https://www.w3.org/ns/activitystreams#";

/// Known aliases of a term: its short name, its prefixed names and its full IRI.
fn term_names(short: &str) -> Vec<String> {
    let mut names = vec![short.to_string()];
    let namespaces: &[(&str, &str)] = match short {
        "isCat" | "_misskey_quote" | "_misskey_content" | "_misskey_summary" => {
            &[("misskey", "https://misskey-hub.net/ns#")]
        }
        "quote" => &[("fep044f", "https://w3id.org/fep/044f#")],
        "discoverable" | "indexable" | "featured" | "movedTo" => &[("toot", "http://joinmastodon.org/ns#"), ("as", AS)],
        _ => &[("as", AS)],
    };
    for (prefix, iri) in namespaces {
        names.push(format!("{prefix}:{short}"));
        names.push(format!("{iri}{short}"));
    }
    names
}

/// A fetched ActivityPub document.
#[derive(Debug, Clone, PartialEq)]
pub struct ApObject {
    pub raw: Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectError {
    NotJson(String),
    NotAnObject,
    NoId,
}

impl ObjectError {
    pub fn msg(&self) -> Msg {
        match self {
            ObjectError::NotJson(e) => msg::document_not_json(e),
            ObjectError::NotAnObject => msg::document_not_object(),
            ObjectError::NoId => msg::document_no_id(),
        }
    }
}

impl std::fmt::Display for ObjectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.msg())
    }
}

impl std::error::Error for ObjectError {}

/// Actor types (ActivityStreams §2 actor types).
pub const ACTOR_TYPES: &[&str] = &["Person", "Service", "Group", "Application", "Organization"];

impl ApObject {
    pub fn parse(body: &[u8]) -> Result<ApObject, ObjectError> {
        let raw = Json::parse(body).map_err(|e| ObjectError::NotJson(e.to_string()))?;
        ApObject::check(&raw)?;
        Ok(ApObject { raw })
    }

    /// Whether a document already read is an object with an id (it is then kept whole, as
    /// `ApObject { raw }`, for the raw view).
    pub fn check(raw: &Json) -> Result<(), ObjectError> {
        if !raw.is_object() {
            return Err(ObjectError::NotAnObject);
        }
        if ApObject::id_of(raw).is_none() {
            return Err(ObjectError::NoId);
        }
        Ok(())
    }

    /// The first value of a term under any of its names.
    pub fn get(&self, short: &str) -> Option<&Json> {
        term_names(short).iter().find_map(|n| self.raw.get(n)).filter(|v| !v.is_null())
    }

    /// A term's value as a string (the first, if it is an array).
    pub fn str(&self, short: &str) -> Option<&str> {
        first(self.get(short)?).as_str()
    }

    pub fn bool(&self, short: &str) -> Option<bool> {
        match first(self.get(short)?) {
            Json::Bool(b) => Some(*b),
            Json::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Json::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    pub fn id(&self) -> Option<&str> {
        ApObject::id_of(&self.raw)
    }

    fn id_of(raw: &Json) -> Option<&str> {
        raw.get("id").or_else(|| raw.get("@id")).and_then(Json::as_str)
    }

    pub fn types(&self) -> Vec<&str> {
        match self.raw.get("type").or_else(|| self.raw.get("@type")) {
            Some(Json::String(t)) => vec![t.as_str()],
            Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
            _ => Vec::new(),
        }
    }

    pub fn is_actor(&self) -> bool {
        self.types().iter().any(|t| ACTOR_TYPES.contains(&t.trim_start_matches("as:")))
    }

    /// An ActivityStreams activity (Create, Announce…) rather than an object: never a follow target.
    pub fn is_activity(&self) -> bool {
        const ACTIVITIES: &[&str] = &["Create", "Update", "Delete", "Announce", "Like", "Follow", "Accept", "Undo"];
        self.types().iter().any(|t| ACTIVITIES.contains(t))
    }

    /// A link-valued term as a URL: a string, an object's `href`/`id`, or the first of many.
    pub fn link(&self, short: &str) -> Option<&str> {
        link_of(self.get(short)?)
    }

    /// A link-valued term's URLs: the one, or each of many (`alsoKnownAs`).
    pub fn links(&self, short: &str) -> Vec<&str> {
        match self.get(short) {
            Some(Json::Array(items)) => items.iter().filter_map(link_of).collect(),
            Some(one) => link_of(one).into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// The HTML page of the object: `url` as a string, or the `text/html` Link among many (PeerTube).
    pub fn html_url(&self) -> Option<&str> {
        match self.get("url")? {
            Json::Array(items) => items
                .iter()
                .find(|i| i.get("mediaType").and_then(Json::as_str) == Some("text/html"))
                .or(items.first())
                .and_then(link_of),
            other => link_of(other),
        }
    }

    /// The author of an object: `attributedTo` (Lemmy, PeerTube put several; the Person first).
    pub fn attributed_to(&self) -> Option<&str> {
        match self.get("attributedTo")? {
            Json::Array(items) => items
                .iter()
                .find(|i| i.get("type").and_then(Json::as_str) == Some("Person"))
                .or(items.first())
                .and_then(link_of),
            other => link_of(other),
        }
    }

    /// The icon (avatar) URL.
    pub fn icon(&self) -> Option<&str> {
        let icon = first(self.get("icon")?);
        icon.get("url").and_then(link_of).or_else(|| icon.as_str())
    }

    /// The quoted post, whichever way the server wrote it: FEP-044f `quote`, `quoteUrl`,
    /// `quoteUri`, `_misskey_quote`, or an FEP-e232 Link tag with an ActivityPub media type.
    pub fn quote(&self) -> Option<&str> {
        ["quote", "quoteUrl", "quoteUri", "_misskey_quote"].iter().find_map(|t| self.link(t)).or_else(|| {
            let tags = self.get("tag")?;
            let tags: Vec<&Json> = match tags {
                Json::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            tags.into_iter()
                .filter(|t| t.get("type").and_then(Json::as_str) == Some("Link"))
                .filter(|t| t.get("mediaType").and_then(Json::as_str).is_some_and(is_activitypub_media_type))
                .find_map(|t| t.get("href").and_then(Json::as_str))
        })
    }

    /// `PropertyValue` attachments: profile fields as (name, value as plain text).
    pub fn fields(&self) -> Vec<(String, String)> {
        let Some(Json::Array(items)) = self.get("attachment") else { return Vec::new() };
        items
            .iter()
            .filter(|i| i.get("type").and_then(Json::as_str) == Some("PropertyValue"))
            .filter_map(|i| {
                let name = i.get("name")?.as_str()?;
                let value = i.get("value")?.as_str()?;
                Some((plain_text(name), plain_text(value)))
            })
            .collect()
    }
}

fn first(v: &Json) -> &Json {
    match v {
        Json::Array(items) => items.first().unwrap_or(v),
        other => other,
    }
}

fn link_of(v: &Json) -> Option<&str> {
    match first(v) {
        Json::String(s) => Some(s),
        obj @ Json::Object(_) => obj.get("href").or_else(|| obj.get("id")).and_then(Json::as_str),
        _ => None,
    }
}

/// Decoded extras a person cares about, from an actor or a post.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Extras {
    pub actor_type: Option<String>,
    pub is_cat: Option<bool>,
    pub moved_to: Option<String>,
    pub manually_approves_followers: Option<bool>,
    pub discoverable: Option<bool>,
    pub indexable: Option<bool>,
    pub quote: Option<String>,
    pub fields: Vec<(String, String)>,
    /// Mastodon's `attributionDomains`: sites allowed to credit this account as author.
    pub attribution_domains: Vec<String>,
    /// Custom emoji the name may use: (shortcode without colons, image URL), from the `tag`
    /// entries of type `Emoji` (Mastodon's and Misskey's shape: `name` `:code:`, `icon.url`).
    pub emojis: Vec<(String, String)>,
}

/// At most this many custom emoji are read from one actor (a name shows a few).
const MAX_EMOJIS: usize = 20;

/// `:code:` shortcodes as Mastodon and Misskey allow them: letters, digits, `_`, `+`, `-`.
fn shortcode(name: &str) -> Option<&str> {
    let code = name.strip_prefix(':')?.strip_suffix(':')?;
    let ok =
        !code.is_empty() && code.len() <= 64 && code.bytes().all(|b| b.is_ascii_alphanumeric() || b"_+-".contains(&b));
    ok.then_some(code)
}

fn emojis_of(object: &ApObject) -> Vec<(String, String)> {
    let tags = match object.get("tag") {
        Some(Json::Array(tags)) => tags.as_slice(),
        Some(one @ Json::Object(_)) => std::slice::from_ref(one),
        _ => &[],
    };
    tags.iter()
        .filter(|t| t.get("type").and_then(Json::as_str) == Some("Emoji"))
        .filter_map(|t| {
            let code = shortcode(t.get("name")?.as_str()?)?;
            let url = match t.get("icon")? {
                Json::String(u) => u.as_str(),
                icon => icon.get("url")?.as_str()?,
            };
            Some((code.to_string(), url.to_string()))
        })
        .take(MAX_EMOJIS)
        .collect()
}

impl Extras {
    pub fn of(object: &ApObject) -> Extras {
        let actor_type = object.is_actor().then(|| object.types().first().map(|t| t.to_string())).flatten();
        let attribution_domains = match object.get("attributionDomains") {
            Some(Json::Array(ds)) => ds.iter().filter_map(Json::as_str).map(str::to_string).collect(),
            Some(Json::String(d)) => vec![d.clone()],
            _ => Vec::new(),
        };
        Extras {
            actor_type,
            is_cat: object.bool("isCat"),
            moved_to: object.link("movedTo").map(str::to_string),
            manually_approves_followers: object.bool("manuallyApprovesFollowers"),
            discoverable: object.bool("discoverable"),
            indexable: object.bool("indexable"),
            quote: object.quote().map(str::to_string),
            fields: object.fields(),
            attribution_domains,
            emojis: emojis_of(object),
        }
    }
}

/// Remote HTML (names, bios, post content) as plain text: tags dropped, line breaks kept,
/// the common entities decoded. The result is shown as text, never parsed as HTML.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if matches!(name.as_str(), "br" | "p" | "div" | "li") && !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    decode_entities(out.trim())
}

/// Decodes the HTML entities real pages and bios use most; anything else stays as written.
pub fn decode_entities(s: &str) -> String {
    const ENTITIES: &[(&str, &str)] = &[
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#039;", "'"),
        ("&apos;", "'"),
        ("&nbsp;", " "),
    ];
    let mut out = s.to_string();
    for (entity, ch) in ENTITIES {
        out = out.replace(entity, ch);
    }
    // `&amp;` last, so that `&amp;lt;` stays the text `&lt;`.
    out.replace("&amp;", "&")
}

/// What fetching an ActivityPub document came to.
pub enum ApOutcome {
    Object {
        object: ApObject,
        fetched_from: Url,
    },
    /// 401/403, or Threads' 404: the server wants a signed request.
    SignedOnly {
        status: u16,
        raw: Json,
    },
    NotFound {
        status: u16,
        raw: Json,
    },
    NotActivityPub {
        content_type: String,
        raw: Json,
    },
    HttpError {
        status: u16,
    },
    Invalid {
        error: ObjectError,
        raw: Json,
    },
    Failed(GateError),
}

/// Fetches an ActivityPub document. A 404 with Threads' not-found body means signed fetch only
/// (Threads answers every unsigned request so).
pub async fn fetch<F: Fetch>(gate: &Gate<'_, F>, url: &Url) -> ApOutcome {
    let fetched = match gate.get(url, ACCEPT_ACTIVITYPUB).await {
        Ok(f) => f,
        Err(e) => return ApOutcome::Failed(e),
    };
    let doc = Json::parse(&fetched.body);
    let signed_only = doc.as_ref().is_ok_and(is_threads_not_found);
    let evidence = |doc| fetched.evidence(doc);
    let status = fetched.status;
    match status {
        401 | 403 => return ApOutcome::SignedOnly { status, raw: evidence(doc) },
        404 | 410 if signed_only => return ApOutcome::SignedOnly { status, raw: evidence(doc) },
        404 | 410 => return ApOutcome::NotFound { status, raw: evidence(doc) },
        s if !(200..300).contains(&s) => return ApOutcome::HttpError { status: s },
        _ => {}
    }
    if !fetched.is_json_media() {
        let content_type = fetched.content_type.clone().unwrap_or_default();
        return ApOutcome::NotActivityPub { content_type, raw: evidence(doc) };
    }
    // The document, read once, is kept whole by the object (or as the evidence), not copied.
    match doc {
        Ok(raw) => match ApObject::check(&raw) {
            Ok(()) => ApOutcome::Object { object: ApObject { raw }, fetched_from: fetched.url },
            Err(error) => ApOutcome::Invalid { error, raw },
        },
        Err(e) => ApOutcome::Invalid { error: ObjectError::NotJson(e.to_string()), raw: evidence(Err(e)) },
    }
}

/// The Threads "no such account / not shared" body, also sent for unsigned actor fetches.
pub fn is_threads_not_found(doc: &crate::core::text::json::Json) -> bool {
    doc.get("success") == Some(&Json::Bool(false)) && doc.get("error").and_then(Json::as_str) == Some("Not found")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        Json::parse(text.as_bytes()).unwrap()
    }

    fn obj(v: Json) -> ApObject {
        ApObject { raw: v }
    }

    #[test]
    fn media_types() {
        assert!(is_activitypub_media_type("application/activity+json; charset=utf-8"));
        assert!(is_activitypub_media_type("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""));
        assert!(!is_activitypub_media_type("application/ld+json"));
        assert!(!is_activitypub_media_type("text/html"));
        assert!(is_json_media_type("application/jrd+json; charset=utf-8"));
        assert!(!is_json_media_type("text/html; charset=utf-8"));
    }

    #[test]
    fn terms_match_short_prefixed_and_full_names() {
        assert_eq!(obj(json(r#"{"id":"x","isCat":true}"#)).bool("isCat"), Some(true));
        assert_eq!(obj(json(r#"{"id":"x","misskey:isCat":true}"#)).bool("isCat"), Some(true));
        assert_eq!(obj(json(r#"{"id":"x","https://misskey-hub.net/ns#isCat":"true"}"#)).bool("isCat"), Some(true));
        assert_eq!(
            obj(json(r#"{"id":"x","as:quoteUrl":"https://a.example/n/1"}"#)).quote(),
            Some("https://a.example/n/1")
        );
    }

    #[test]
    fn quotes_in_every_form() {
        let fep_e232 = obj(json(
            r##"{"id":"x","tag":[{"type":"Hashtag","name":"#a"},{"type":"Link","mediaType":"application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"","href":"https://b.example/notes/q","name":"RE: https://b.example/notes/q"}]}"##,
        ));
        assert_eq!(fep_e232.quote(), Some("https://b.example/notes/q"));
        assert_eq!(obj(json(r#"{"id":"x","quote":"https://m.example/s/1"}"#)).quote(), Some("https://m.example/s/1"));
        assert_eq!(
            obj(json(r#"{"id":"x","_misskey_quote":"https://k.example/notes/9"}"#)).quote(),
            Some("https://k.example/notes/9")
        );
        assert_eq!(obj(json(r#"{"id":"x"}"#)).quote(), None);
    }

    #[test]
    fn plain_text_drops_markup_and_scripts_stay_inert() {
        assert_eq!(plain_text("<p>Hello<br>world</p><p>x &amp; y &lt;3</p>"), "Hello\nworld\nx & y <3");
        let hostile = plain_text("<img src=x onerror=alert(1)>Bob<script>alert(1)</script>");
        assert!(!hostile.contains('<'));
        assert_eq!(plain_text("&amp;lt;b&amp;gt;"), "&lt;b&gt;");
    }

    #[test]
    fn parse_rejects_non_objects_and_missing_ids() {
        assert!(matches!(ApObject::parse(b"{\"success\":false,\"error\":\"Not found\"}"), Err(ObjectError::NoId)));
        assert!(matches!(ApObject::parse(b"[]"), Err(ObjectError::NotAnObject)));
        assert!(matches!(ApObject::parse(b"<!doctype html>"), Err(ObjectError::NotJson(_))));
    }
}
