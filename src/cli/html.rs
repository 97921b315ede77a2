//! Page signals from an HTML file, for `fedilens detect --html`: the page parsed as a browser
//! parses it (html5ever: the HTML Standard's tokenizer and tree builder, so any quoting,
//! attribute order or case, entities, a duplicate attribute — the first wins — and elements the
//! parser moves), then gathered with the content script's own selectors (`signals::GATHER`).

use crate::core::identity::signals::{LinkSignal, MetaSignal, PageSignals, GATHER, MARKER_IDS, MAX_GATHERED_LINKS};
use crate::core::identity::software::ACCOUNT_LIST_LINKS;
use scraper::{ElementRef, Html, Selector};
use url::Url;

/// Reads links, metas, rel=me links, `acct:` and account links, JSON-LD blocks and app markers.
pub fn signals_from_html(page_url: &str, html: &str) -> Result<PageSignals, String> {
    let dom = Html::parse_document(html);
    let select = |selector: &str| Selector::parse(selector).map_err(|e| format!("selector {selector}: {e}"));
    let head = dom.select(&select("head")?).next().unwrap_or_else(|| dom.root_element());
    // An element's `href` property: its attribute resolved against the document's base URL (the
    // first `<base href>`, else the page), the attribute itself where that fails.
    let page = Url::parse(page_url).ok();
    let base = dom
        .select(&select("base[href]")?)
        .next()
        .and_then(|b| page.as_ref()?.join(b.value().attr("href")?.trim()).ok())
        .or(page);
    let attr = |el: &ElementRef, name: &str| el.value().attr(name).unwrap_or_default().to_string();
    let href = |el: &ElementRef| -> String {
        let Some(raw) = el.value().attr("href") else { return String::new() };
        base.as_ref().and_then(|b| b.join(raw.trim()).ok()).map_or_else(|| raw.to_string(), |u| u.to_string())
    };

    let mut signals = PageSignals::from_url(page_url);
    for l in head.select(&select(GATHER.links)?) {
        signals.links.push(LinkSignal { rel: attr(&l, "rel"), media_type: attr(&l, "type"), href: href(&l) });
    }
    for m in head.select(&select(GATHER.metas)?) {
        let name = Some(attr(&m, "name")).filter(|n| !n.is_empty()).unwrap_or_else(|| attr(&m, "property"));
        if !name.is_empty() {
            signals.metas.push(MetaSignal { name, content: attr(&m, "content") });
        }
    }
    signals.rel_me = dom.select(&select(GATHER.rel_me)?).map(|a| href(&a)).collect();
    signals.acct_links =
        dom.select(&select(GATHER.acct_links)?).take(MAX_GATHERED_LINKS).map(|a| attr(&a, "href")).collect();
    // The content script gathers these on follower lists only; the core reads them only there.
    signals.profile_links =
        dom.select(&select(ACCOUNT_LIST_LINKS)?).take(MAX_GATHERED_LINKS).map(|a| href(&a)).collect();
    signals.json_ld = head.select(&select(GATHER.json_ld)?).map(|s| s.text().collect()).collect();
    signals.markers = MARKER_IDS
        .iter()
        .filter(|(id, _)| dom.root_element().descendent_elements().any(|e| e.value().id() == Some(*id)))
        .map(|(id, _)| id.to_string())
        .collect();
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

    /// One page spelled as a careless generator spells it: capitals, unquoted and single-quoted
    /// values, attributes in any order, entities, a duplicate attribute, a meta the parser moves
    /// into the head, a `<base>`. Each is read as Chromium and Firefox read it.
    #[test]
    fn markup_is_read_as_a_browser_reads_it() {
        let html = r#"<!doctype html><HTML><HEAD><BASE HREF="https://blog.example/2026/">
            <LINK HREF=../users/ann TYPE='Application/Activity+JSON' REL=Alternate>
            <meta content="&#64;bob&#x40;b.example" NAME="Fediverse:Creator">
            <link href="first" rel="me" rel="alternate">
            </HEAD><meta property=og:type content=article>
            <body><A REL=ME HREF="https://o.example/@c">c</A><a href=acct:d&#64;e.example>d</a>
            <p>text<meta name="generator" content="in the body: not the head's"></p></body></HTML>"#;
        let s = signals_from_html("https://blog.example/2026/post", html).unwrap();
        assert_eq!(s.activitypub_alternates().collect::<Vec<_>>(), ["https://blog.example/users/ann"]);
        assert_eq!(s.meta("fediverse:creator"), Some("@bob@b.example"));
        assert_eq!(s.meta("og:type"), Some("article"), "a meta between head and body is the head's");
        assert_eq!(s.meta("generator"), None, "the content script reads the head's metas only");
        assert_eq!(s.rel_me, ["https://blog.example/2026/first", "https://o.example/@c"], "the first rel wins");
        assert_eq!(s.acct_links, ["acct:d@e.example"]);
        let d = crate::core::identity::detect::detect(&s);
        assert_eq!(d.object.as_deref(), Some("https://blog.example/users/ann"));
    }

    #[test]
    fn a_post_page_names_its_author_in_markup_when_its_url_cannot() {
        // A blog post: its URL names no one; the alternate link (capitals, unquoted, attributes in
        // another order) gives the post, `fediverse:creator` (as a property, capitalised) its author.
        let html = "<HTML><HEAD><LINK HREF=/ap/posts/1 Type='application/activity+json' REL=Alternate>\
            <META Property=\"fediverse:creator\" CONTENT=\"@ann@mastodon.example\"></HEAD><BODY>Hi</BODY></HTML>";
        let s = signals_from_html("https://blog.example/2026/first/", html).unwrap();
        let d = crate::core::identity::detect::detect(&s);
        assert_eq!(d.kind, crate::core::identity::detection::DetectionKind::Post);
        assert_eq!(d.object.as_deref(), Some("https://blog.example/ap/posts/1"));
        assert_eq!(d.author.map(|h| h.to_string()).as_deref(), Some("ann@mastodon.example"));
        assert_eq!(
            d.target.as_deref(),
            Some("https://blog.example/ap/posts/1"),
            "looked up by the post, not the claim"
        );
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
        let d = crate::core::identity::detect::detect(&s);
        assert_eq!(d.kind, crate::core::identity::detection::DetectionKind::Post);
        assert_eq!(d.handle.unwrap().to_string(), "zuck@threads.net");
        assert_eq!(d.object.as_deref(), Some("https://threads.net/ap/users/17841401746480004/post/17955322232962801/"));
    }
}
