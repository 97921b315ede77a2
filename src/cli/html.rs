//! Page signals from an HTML file, for `fedilens detect --html` (the extension's content script
//! gathers the same signals from the live DOM).

use crate::core::activitypub::decode_entities;
use crate::core::signals::{LinkSignal, MetaSignal, PageSignals, MARKER_IDS};
use url::Url;

/// Reads links, metas, rel=me links, JSON-LD blocks and app markers from `html`.
pub fn signals_from_html(page_url: &str, html: &str) -> Result<PageSignals, String> {
    let dom = tl::parse(html, tl::ParserOptions::default()).map_err(|e| format!("the HTML does not parse: {e}"))?;
    let parser = dom.parser();
    let base = Url::parse(page_url).ok();
    let absolute = |href: &str| -> String {
        let href = decode_entities(href.trim());
        base.as_ref().and_then(|b| b.join(&href).ok()).map_or(href, |u| u.to_string())
    };
    let mut signals = PageSignals::from_url(page_url);
    for node in dom.nodes() {
        let Some(tag) = node.as_tag() else { continue };
        let attrs = tag.attributes();
        let attr = |name: &str| -> String {
            attrs.get(name).flatten().map(|v| v.as_utf8_str().to_string()).unwrap_or_default()
        };
        let name = tag.name().as_utf8_str().to_ascii_lowercase();
        let rel = attr("rel");
        let has_rel_me = rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("me"));
        match name.as_str() {
            "link" => {
                let href = absolute(&attr("href"));
                if has_rel_me {
                    signals.rel_me.push(href.clone());
                }
                signals.links.push(LinkSignal { rel, media_type: attr("type"), href });
            }
            "meta" => {
                let key = [attr("name"), attr("property")].into_iter().find(|k| !k.is_empty()).unwrap_or_default();
                if !key.is_empty() {
                    signals.metas.push(MetaSignal { name: key, content: decode_entities(&attr("content")) });
                }
            }
            "a" if has_rel_me => signals.rel_me.push(absolute(&attr("href"))),
            // As the content script's `ACCOUNT_LIST_LINKS`, which it reads on follower lists only
            // (the core reads them only there).
            "a" if attr("href").starts_with("/@") => signals.profile_links.push(absolute(&attr("href"))),
            // As the content script's `a[href^='acct:' i]` (accounts.rs reads them).
            "a" if attr("href").trim_start().get(..5).is_some_and(|s| s.eq_ignore_ascii_case("acct:")) => {
                signals.acct_links.push(decode_entities(attr("href").trim()));
            }
            "script" if attr("type").eq_ignore_ascii_case("application/ld+json") => {
                signals.json_ld.push(tag.inner_text(parser).into_owned());
            }
            _ => {}
        }
        let id = attr("id");
        if MARKER_IDS.iter().any(|(marker, _)| *marker == id) && !signals.markers.contains(&id) {
            signals.markers.push(id);
        }
    }
    Ok(signals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_signal() {
        let html = r#"<html><head>
            <link href="/users/alice" rel="alternate" type="application/activity+json">
            <meta property="og:type" content="profile">
            <meta name="fediverse:creator" content="@alice@social.example">
            <link rel="me" href="https://other.example/@alice">
            <script type="application/ld+json">{"@type":"ProfilePage"}</script>
            </head><body><div id="mastodon"></div><a rel="me nofollow" href="https://x.example/@a">x</a>
            <a href="ACCT:b@y.example">b</a> <a href="https://y.example/acct:c">no</a></body></html>"#;
        let s = signals_from_html("https://social.example/@alice", html).unwrap();
        assert_eq!(s.activitypub_alternates().collect::<Vec<_>>(), vec!["https://social.example/users/alice"]);
        assert_eq!(s.meta("og:type"), Some("profile"));
        assert_eq!(s.meta("fediverse:creator"), Some("@alice@social.example"));
        assert_eq!(s.rel_me, vec!["https://other.example/@alice".to_string(), "https://x.example/@a".to_string()]);
        assert_eq!(s.json_ld.len(), 1);
        assert_eq!(s.acct_links, vec!["ACCT:b@y.example".to_string()]);
        assert_eq!(s.markers, vec!["mastodon".to_string()]);
    }

    #[test]
    fn the_threads_post_head_fixture_is_a_post_by_its_author() {
        // The (unverified) captured head: an alternate link to the ap post on threads.net.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/html/UNVERIFIED-threads-post-and-profile-head-excerpt.html"
        );
        let html = std::fs::read_to_string(path).unwrap();
        let post_head = html.split("<!-- profile page -->").next().unwrap();
        let s = signals_from_html("https://www.threads.com/@zuck/post/DYSAIo_FL77", post_head).unwrap();
        let d = crate::core::detect::detect(&s);
        assert_eq!(d.kind, crate::core::detect::DetectionKind::Post);
        assert_eq!(d.handle.unwrap().to_string(), "zuck@threads.net");
        assert_eq!(d.object.as_deref(), Some("https://threads.net/ap/users/17841401746480004/post/17955322232962801/"));
    }
}
