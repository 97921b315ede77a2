//! Page signals: the plain data a content script (or the CLI's HTML parser) gathers from a page.
//! Gathering is the edge's job; judging them is `detect`'s.

use crate::core::text::json::Json;
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageSignals {
    /// The page's current URL (single-page apps change it without a load).
    pub url: String,
    /// The URL the document was loaded at; when it differs from `url`, a single-page app has
    /// navigated and the `<head>` (its links and metas) may still describe the first page.
    /// Empty when unknown (a saved page): the head is taken as the page's own.
    pub loaded_url: String,
    /// `<link>` elements in `<head>`.
    pub links: Vec<LinkSignal>,
    /// `<meta>` elements: `name` or `property`, with `content`.
    pub metas: Vec<MetaSignal>,
    /// `href`s of `<a rel="me">` and `<link rel="me">`.
    pub rel_me: Vec<String>,
    /// `href`s of `acct:` links (`<a href="acct:user@host">`), in page order.
    pub acct_links: Vec<String>,
    /// On a follower or following list only (the detection says `list_page`): the page's links to
    /// accounts (`ACCOUNT_LIST_LINKS`), absolute, in page order.
    pub profile_links: Vec<String>,
    /// Text of `<script type="application/ld+json">` blocks.
    pub json_ld: Vec<String>,
    /// App fingerprints from the DOM, by element id: `mastodon` for Mastodon's `<div id="mastodon">`.
    pub markers: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LinkSignal {
    pub rel: String,
    #[serde(rename = "type")]
    pub media_type: String,
    pub href: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MetaSignal {
    pub name: String,
    pub content: String,
}

/// Element ids whose presence fingerprints an app; the content script looks for exactly these.
pub const MARKER_IDS: &[(&str, crate::core::protocol::family::Family)] =
    &[("mastodon", crate::core::protocol::family::Family::Mastodon)];

impl PageSignals {
    pub fn from_url(url: &str) -> PageSignals {
        PageSignals { url: url.to_string(), ..PageSignals::default() }
    }

    /// Signals as the content script sends them (JSON text; every member optional, a member of
    /// the wrong type is read as absent).
    pub fn from_json(signals: &Json) -> PageSignals {
        let text = |item: &Json, key: &str| item.text(key).unwrap_or_default();
        PageSignals {
            url: text(signals, "url"),
            loaded_url: text(signals, "loaded_url"),
            links: signals
                .items("links")
                .iter()
                .map(|l| LinkSignal { rel: text(l, "rel"), media_type: text(l, "type"), href: text(l, "href") })
                .collect(),
            metas: signals
                .items("metas")
                .iter()
                .map(|m| MetaSignal { name: text(m, "name"), content: text(m, "content") })
                .collect(),
            rel_me: signals.texts("rel_me"),
            acct_links: signals.texts("acct_links"),
            profile_links: signals.texts("profile_links"),
            json_ld: signals.texts("json_ld"),
            markers: signals.texts("markers"),
        }
    }

    /// The content of the first `<meta>` with this name or property (case-insensitive name).
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(name))
            .map(|m| m.content.trim())
            .filter(|c| !c.is_empty())
    }

    /// Whether the `<head>` still describes this URL (no single-page navigation since the load).
    pub fn head_is_current(&self) -> bool {
        self.loaded_url.is_empty() || self.loaded_url.trim() == self.url.trim()
    }

    /// `<link rel="alternate" type="application/activity+json">` targets (also the JSON-LD form).
    pub fn activitypub_alternates(&self) -> impl Iterator<Item = &str> {
        self.links
            .iter()
            .filter(|l| l.rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("alternate")))
            .filter(|l| crate::core::protocol::activitypub::is_activitypub_media_type(&l.media_type))
            .map(|l| l.href.trim())
            .filter(|h| !h.is_empty())
    }
}

/// What the content script checks on every page before doing anything else, derived from the
/// core's tables so that the rule lives in one place. The build writes it into the content script.
///
/// Shaped by what the check costs a page (`make bench`): strings first; then one
/// `getElementById` and a few `querySelector`s on the document, which find nothing on most pages
/// and so create no element wrapper in the content script's world (the first wrapper of each
/// element type costs more than the search). Over-approximation is fine: the core decides on what
/// the main part of the content script then gathers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentRules {
    /// Hosts whose pages are always worth gathering signals on (Threads, flagship instances).
    pub known_hosts: Vec<&'static str>,
    /// The literal start of every URL path shape fediverse software uses on any host (`/@`,
    /// `/users/`…), compared with `startsWith`.
    pub path_prefixes: Vec<String>,
    /// Element ids that fingerprint an app (checked with `getElementById`).
    pub marker_ids: Vec<&'static str>,
    /// Selectors over the document, each queried on its own: `rel="me"` (links to the author's
    /// profiles, in the head or the body), ActivityPub alternates, Misskey metas,
    /// `fediverse:creator`. Not JSON-LD scripts or `generator`: too many ordinary pages carry them.
    /// One selector per query, each starting with its element name, because that is what Chromium
    /// searches fast (a query with a list of selectors walks the whole page; `:is()` inside one
    /// selector keeps the fast search).
    pub selectors: &'static [&'static str],
    /// On a follower or following list, the links to its accounts (`ACCOUNT_LIST_LINKS`).
    pub list_links: &'static str,
    /// What the main part gathers (`GATHER`).
    pub gather: GatherSelectors,
}

/// What the main part of the content script gathers, as CSS selectors: one table for the
/// extension (content-main.js reads it from `RULES.gather`) and the CLI's HTML reader (cli/html.rs),
/// both matching them on a tree the HTML Standard's parser built. `links`, `metas` and `json_ld`
/// are looked for in the `<head>`, the others in the whole document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GatherSelectors {
    pub links: &'static str,
    /// Each `<meta>`'s key is its `name`, else its `property` (Open Graph's attribute).
    pub metas: &'static str,
    pub rel_me: &'static str,
    pub acct_links: &'static str,
    pub json_ld: &'static str,
}

pub const GATHER: GatherSelectors = GatherSelectors {
    links: "link[rel]",
    metas: "meta[content]",
    rel_me: "a[rel~=me], link[rel~=me]",
    // RFC 7565's scheme, any case.
    acct_links: "a[href^='acct:' i]",
    // A MIME type is ASCII case-insensitive (`type` is on the HTML Standard's list of attributes
    // selectors compare so).
    json_ld: "script[type='application/ld+json']",
};

/// The most `acct:` and list links gathered from one page: a page of 10,000 handles costs the
/// core a bounded scan (accounts.rs `MAX_READ`), and the panel says "at least" beyond it.
pub const MAX_GATHERED_LINKS: usize = 10_000;

pub const GATE_SELECTORS: &[&str] = &[
    "a[rel~=me]",
    // A page of `acct:` links (accounts.rs): RFC 7565's scheme, any case.
    "a[href^='acct:' i]",
    "link:is([rel~=me],[type^='application/activity+json'],[type^='application/ld+json'])",
    // `name` and `property` values are compared case-sensitively unless told (`i`); the core reads
    // metas in any case (`PageSignals::meta`).
    "meta:is([name^='misskey:' i],[name='fediverse:creator' i],[property='fediverse:creator' i],[property='og:platform' i][content='peertube' i])",
];

impl ContentRules {
    /// What `src/bin/content-rules.rs` prints, and the build puts in front of the content script.
    pub fn to_json(&self) -> Json {
        let texts = |items: &mut dyn Iterator<Item = &str>| Json::Array(items.map(Json::from).collect());
        Json::object([
            ("known_hosts", texts(&mut self.known_hosts.iter().copied())),
            ("path_prefixes", texts(&mut self.path_prefixes.iter().map(String::as_str))),
            ("marker_ids", texts(&mut self.marker_ids.iter().copied())),
            ("selectors", texts(&mut self.selectors.iter().copied())),
            ("list_links", Json::from(self.list_links)),
            (
                "gather",
                Json::object([
                    ("links", Json::from(self.gather.links)),
                    ("metas", Json::from(self.gather.metas)),
                    ("rel_me", Json::from(self.gather.rel_me)),
                    ("acct_links", Json::from(self.gather.acct_links)),
                    ("json_ld", Json::from(self.gather.json_ld)),
                    ("max_links", Json::Number(MAX_GATHERED_LINKS.to_string())),
                ]),
            ),
        ])
    }
}

/// A rule's literal start, its word groups spelled out: `/(accounts|a)/` is `/accounts/` and `/a/`.
fn literal_prefixes(literal: &str) -> Vec<String> {
    let Some((before, rest)) = literal.split_once('(') else { return vec![literal.to_string()] };
    let Some((words, after)) = rest.split_once(')') else { return vec![before.to_string()] };
    let tails = literal_prefixes(after);
    words.split('|').flat_map(|w| tails.iter().map(move |t| format!("{before}{w}{t}"))).collect()
}

pub fn content_rules() -> ContentRules {
    use crate::core::identity::software::{Scope, INTERFACE_PREFIXES, KNOWN_HOSTS, URL_RULES};
    let mut path_prefixes: Vec<String> = URL_RULES
        .iter()
        .filter(|r| r.scope == Scope::AnyHost)
        .flat_map(|r| {
            let literal = &r.path[..r.path.find('{').unwrap_or(r.path.len())];
            // The rule's own start, and the same under its family's other interfaces (`/deck/@`).
            let interfaces = INTERFACE_PREFIXES.iter().filter(|(f, _)| *f == r.family).map(|(_, p)| *p);
            std::iter::once("")
                .chain(interfaces)
                .flat_map(|interface| literal_prefixes(&format!("{interface}{literal}")))
                .filter(|p| p.len() > 1)
                .collect::<Vec<_>>()
        })
        // Links made with `encodeURIComponent("@name")` arrive as `/%40name`; the URL keeps the
        // escape and the servers decode it (software.rs `match_pattern`).
        .flat_map(|prefix| {
            let escaped = prefix.contains('@').then(|| prefix.replace('@', "%40"));
            std::iter::once(prefix).chain(escaped)
        })
        .collect();
    path_prefixes.sort();
    path_prefixes.dedup();
    ContentRules {
        known_hosts: KNOWN_HOSTS
            .iter()
            .map(|(host, _)| *host)
            .chain(crate::core::identity::bridges::BLUESKY_HOSTS.iter().copied())
            .collect(),
        path_prefixes,
        marker_ids: MARKER_IDS.iter().map(|(id, _)| *id).collect(),
        selectors: GATE_SELECTORS,
        list_links: crate::core::identity::software::ACCOUNT_LIST_LINKS,
        gather: GATHER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_rules_come_from_the_tables() {
        let rules = content_rules();
        assert!(rules.known_hosts.contains(&"www.threads.com"));
        assert!(rules.marker_ids.contains(&"mastodon"));
        // One selector per query, each starting with its element name (the fast search).
        for selector in rules.selectors {
            let mut depth = 0i32;
            for c in selector.chars() {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                assert!(c != ',' || depth > 0, "{selector} is a list");
            }
            assert!(selector.starts_with(|c: char| c.is_ascii_lowercase()), "{selector}");
        }
        assert!(rules.selectors.contains(&"a[rel~=me]"));
        assert!(rules.path_prefixes.iter().all(|p| !p.contains(['(', '|'])), "word groups spelled out");
        for prefix in [
            "/@",
            "/%40",
            "/users/",
            "/notes/",
            "/u/",
            "/c/",
            "/accounts/",
            "/videos/watch/",
            "/profile/",
            "/deck/@",
            "/a/",
            "/ap/users/",
        ] {
            assert!(rules.path_prefixes.iter().any(|p| p == prefix), "{prefix} in {:?}", rules.path_prefixes);
        }
        // Every URL shape any host may use starts with one of the prefixes.
        for rule in crate::core::identity::software::URL_RULES
            .iter()
            .filter(|r| r.scope == crate::core::identity::software::Scope::AnyHost)
        {
            let mut example = ["{user}", "{remote}", "{num}", "{id}", "{actor}"]
                .iter()
                .fold(rule.path.to_string(), |p, k| p.replace(k, "x1"));
            // A word group's first word stands for it.
            while let (Some(open), Some(close)) = (example.find('('), example.find(')')) {
                let first = example[open + 1..close].split('|').next().unwrap_or_default().to_string();
                example.replace_range(open..=close, &first);
            }
            assert!(rules.path_prefixes.iter().any(|p| example.starts_with(p.as_str())), "{} not covered", rule.path);
        }
    }

    #[test]
    fn signals_are_read_from_the_content_scripts_json_and_odd_members_are_absent() {
        let text = br#"{"url":"https://m.example/@a","links":[{"rel":"alternate","type":"application/activity+json","href":"https://m.example/users/a"},7],
          "metas":[{"name":"generator","content":"Mastodon"},{"name":3}],"rel_me":["https://a.example/",null],"json_ld":"not a list","markers":["mastodon"],"extra":true}"#;
        let s = PageSignals::from_json(&Json::parse(text).unwrap());
        assert_eq!(s.url, "https://m.example/@a");
        assert_eq!(s.activitypub_alternates().collect::<Vec<_>>(), ["https://m.example/users/a"]);
        assert_eq!(s.meta("generator"), Some("Mastodon"));
        assert_eq!(s.metas.len(), 2, "a meta with odd members is kept, empty");
        assert_eq!(s.rel_me, ["https://a.example/"]);
        assert!(s.json_ld.is_empty());
        assert_eq!(s.markers, ["mastodon"]);
        assert_eq!(PageSignals::from_json(&Json::Null), PageSignals::default());
    }
}
