//! Page signals: the plain data a content script (or the CLI's HTML parser) gathers from a page.
//! Gathering is the edge's job; judging them is `detect`'s.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageSignals {
    /// The page's current URL (single-page apps change it without a load).
    pub url: String,
    /// `<link>` elements in `<head>`.
    pub links: Vec<LinkSignal>,
    /// `<meta>` elements: `name` or `property`, with `content`.
    pub metas: Vec<MetaSignal>,
    /// `href`s of `<a rel="me">` and `<link rel="me">`.
    pub rel_me: Vec<String>,
    /// Text of `<script type="application/ld+json">` blocks.
    pub json_ld: Vec<String>,
    /// App fingerprints from the DOM, by element id: `mastodon` for Mastodon's `<div id="mastodon">`.
    pub markers: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkSignal {
    pub rel: String,
    #[serde(rename = "type")]
    pub media_type: String,
    pub href: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetaSignal {
    pub name: String,
    pub content: String,
}

/// Element ids whose presence fingerprints an app; the content script looks for exactly these.
pub const MARKER_IDS: &[(&str, crate::core::software::Family)] =
    &[("mastodon", crate::core::software::Family::Mastodon)];

impl PageSignals {
    pub fn from_url(url: &str) -> PageSignals {
        PageSignals { url: url.to_string(), ..PageSignals::default() }
    }

    /// The content of the first `<meta>` with this name or property (case-insensitive name).
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(name))
            .map(|m| m.content.trim())
            .filter(|c| !c.is_empty())
    }

    /// `<link rel="alternate" type="application/activity+json">` targets (also the JSON-LD form).
    pub fn activitypub_alternates(&self) -> impl Iterator<Item = &str> {
        self.links
            .iter()
            .filter(|l| l.rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("alternate")))
            .filter(|l| crate::core::activitypub::is_activitypub_media_type(&l.media_type))
            .map(|l| l.href.trim())
            .filter(|h| !h.is_empty())
    }
}
