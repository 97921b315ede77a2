//! What a page's own markup says: the app that drew it (its fingerprint), the author its
//! structured data names, and the accounts it claims (`fediverse:creator`, `rel="me"`).

use crate::core::identity::claim::ClaimKind;
use crate::core::identity::detection::{Confidence, Detection, DetectionKind};
use crate::core::identity::links::profile_link;
use crate::core::identity::signals::{PageSignals, MARKER_IDS};
use crate::core::identity::software;
use crate::core::protocol::family::{family_of, Family};
use crate::core::protocol::handle::Handle;
use crate::core::text::json::Json;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};

/// App fingerprints: Misskey's metas, Mastodon's root element, an `og:platform` or `generator` meta.
pub fn fingerprint(signals: &PageSignals) -> Option<(Family, Msg)> {
    if signals.metas.iter().any(|m| m.name.to_ascii_lowercase().starts_with("misskey:")) {
        return Some((Family::Misskey, msg::detect_misskey_meta()));
    }
    for marker in &signals.markers {
        if let Some((id, family)) = MARKER_IDS.iter().find(|(id, _)| id == marker) {
            return Some((*family, msg::detect_root_element(family.name(), *id)));
        }
    }
    // PeerTube's client writes `<meta property="og:platform" content="PeerTube" />` into every
    // page (Chocobozzz/PeerTube client/src/index.html @01808d9e601441339561bdf8e7867981318d85bb).
    if let Some(platform) = signals.meta("og:platform") {
        if let Some(family) = family_of(platform) {
            return Some((family, msg::detect_platform(platform)));
        }
    }
    let generator = signals.meta("generator")?;
    let family = family_of(generator)?;
    Some((family, msg::detect_generator(generator)))
}

/// schema.org JSON-LD: `SocialMediaPosting` (post) or `ProfilePage` naming a fediverse author.
pub fn structured_data(signals: &PageSignals, page: &Url) -> Option<Detection> {
    for block in &signals.json_ld {
        let Ok(value) = Json::parse(block.as_bytes()) else { continue };
        let items: Vec<&Json> = match value.get("@graph") {
            Some(Json::Array(graph)) => graph.iter().collect(),
            _ => std::iter::once(&value).chain(value.as_array().into_iter().flatten()).collect(),
        };
        for item in items {
            let ty = item.get("@type").and_then(|t| t.as_str()).unwrap_or_default();
            let (kind, person) = match ty {
                "SocialMediaPosting" | "DiscussionForumPosting" => (DetectionKind::Post, item.get("author")),
                "ProfilePage" => (DetectionKind::Profile, item.get("mainEntity")),
                _ => continue,
            };
            let person = person.map(|p| p.as_array().and_then(|a| a.first()).unwrap_or(p));
            let handle = person.and_then(|p| {
                ["identifier", "alternateName"]
                    .iter()
                    .filter_map(|k| p.get(k).and_then(|v| v.as_str()))
                    .find_map(|s| Handle::parse(s).ok())
            });
            let Some(handle) = handle else { continue };
            let object = (kind == DetectionKind::Post)
                .then(|| item.get("url").and_then(|u| u.as_str()).unwrap_or(page.as_str()).to_string());
            return Some(Detection {
                kind,
                handle: Some(handle.clone()),
                object,
                confidence: Confidence::StructuredData,
                ..Detection::nothing(vec![msg::detect_schema_org(ty, &handle)])
            });
        }
    }
    None
}

/// The page's claims about its author: `fediverse:creator`, then `rel="me"` links to profiles.
pub fn claims(signals: &PageSignals, page_host: &str) -> Option<Detection> {
    let claim = |kind: ClaimKind, handle: Handle, object: Option<String>, evidence: Msg| Detection {
        kind: DetectionKind::Creator,
        software: software::known_host_family(handle.host()),
        handle: Some(handle),
        object,
        confidence: Confidence::PageClaim,
        claim: Some(kind),
        ..Detection::nothing(vec![evidence])
    };
    if let Some(content) = signals.meta("fediverse:creator") {
        if let Ok(handle) = Handle::parse(content) {
            let why = msg::detect_creator(&handle);
            return Some(claim(ClaimKind::Creator, handle, None, why));
        }
    }
    signals.rel_me.iter().find_map(|href| {
        let (handle, url) = profile_link(href, page_host)?;
        let why = msg::detect_rel_me(href);
        Some(claim(ClaimKind::RelMe, handle, Some(url.to_string()), why))
    })
}
