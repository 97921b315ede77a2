//! The panel as DOM, built from a `PanelView` with web-sys. Every remote string goes in as a text
//! node: nothing from a server is ever parsed as HTML here.

use crate::core::wire::view::{Action, PanelView};
use crate::core::words::{self, msg, Catalogue, Msg};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

pub(super) struct Dom {
    pub(super) doc: Document,
    pub(super) words: std::rc::Rc<Catalogue>,
}

impl Dom {
    pub(super) fn el(&self, tag: &str, class: &str) -> Result<Element, JsValue> {
        let e = self.doc.create_element(tag)?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        Ok(e)
    }

    /// An element holding `text` as a text node, appended to `parent`.
    pub(super) fn text(&self, parent: &Element, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
        let e = self.el(tag, class)?;
        e.set_text_content(Some(text));
        parent.append_child(&e)?;
        Ok(e)
    }

    /// `text`, with a message worded in the reader's language.
    pub(super) fn say(&self, parent: &Element, tag: &str, class: &str, message: &Msg) -> Result<Element, JsValue> {
        self.text(parent, tag, class, &self.words.word(message))
    }

    /// A link that opens `url` in a tab of its own, with no opener and no referrer.
    pub(super) fn new_tab_link(
        &self,
        parent: &Element,
        class: &str,
        label: &Msg,
        url: &str,
    ) -> Result<Element, JsValue> {
        let a = self.say(parent, "a", class, label)?;
        a.set_attribute("href", url)?;
        a.set_attribute("target", "_blank")?;
        a.set_attribute("rel", "noopener noreferrer")?;
        Ok(a)
    }

    pub(super) fn list(&self, parent: &Element, class: &str, items: &[(String, String)]) -> Result<(), JsValue> {
        if items.is_empty() {
            return Ok(());
        }
        let ul = self.el("ul", class)?;
        for (item_class, text) in items {
            self.text(&ul, "li", item_class, text)?;
        }
        parent.append_child(&ul)?;
        Ok(())
    }
}

pub(super) fn dom(root: &Element) -> Result<Dom, JsValue> {
    let d = Dom::of(root)?;
    root.set_text_content(None);
    Ok(d)
}

impl Dom {
    /// For drawing into `root`'s document, leaving what `root` shows (`dom` clears it).
    pub(super) fn of(root: &Element) -> Result<Dom, JsValue> {
        let doc = root.owner_document().ok_or_else(|| JsValue::from_str("the panel root is not in a document"))?;
        Ok(Dom { doc, words: words::current() })
    }
}

/// Draws a full report. `load_images`: false for a panel drawn ahead of a click, whose avatar
/// must not be fetched before the reader asks (`show_images` loads it when the panel is shown).
pub fn render(root: &Element, view: &PanelView, load_images: bool) -> Result<(), JsValue> {
    let d = dom(root)?;
    let panel = d.el("section", "fl-panel")?;
    panel.set_attribute("data-status", view.status.as_str())?;
    // No live region here: the panel is drawn anew for each answer, and a region drawn anew is
    // announced each time, or not at all. The page's one lasting region says a change once
    // (`announce` in panel-view.js).

    let header = d.el("header", "fl-identity")?;
    if let Some(avatar) = &view.avatar {
        let img = d.el("img", "fl-avatar")?;
        img.set_attribute(if load_images { "src" } else { DEFERRED_SRC }, avatar)?;
        img.set_attribute("alt", "")?;
        img.set_attribute("referrerpolicy", "no-referrer")?;
        header.append_child(&img)?;
    }
    let names = d.el("div", "fl-names")?;
    title(&d, &names, view, load_images)?;
    if let Some(h) = view.handle.as_ref().filter(|h| **h != view.title) {
        d.text(&names, "p", "fl-handle", h)?;
    }
    if let Some(s) = &view.software {
        d.text(&names, "p", "fl-software", s)?;
    }
    header.append_child(&names)?;
    panel.append_child(&header)?;

    let status = d.el("div", &format!("fl-status fl-status-{}", view.status.as_str()))?;
    d.say(&status, "strong", "fl-status-label", &view.status_label)?;
    d.say(&status, "p", "fl-headline", &view.headline)?;
    panel.append_child(&status)?;

    if let Some((confirmed, words)) = &view.claim {
        d.say(
            &panel,
            "p",
            if *confirmed { "fl-claim fl-claim-confirmed" } else { "fl-claim fl-claim-unconfirmed" },
            words,
        )?;
    }
    // Remote words keep their own direction (Arabic, Hebrew, Persian bios and posts).
    if let Some(post) = &view.post_text {
        d.text(&panel, "blockquote", "fl-post", post)?.set_attribute("dir", "auto")?;
    }
    if let Some(when) = view.published.as_deref().and_then(|iso| Some((iso, local_date(iso, &d.words)?))) {
        let line = d.el("p", "fl-published")?;
        let time = d.el("time", "")?;
        time.set_attribute("datetime", when.0)?;
        time.set_text_content(Some(&d.words.word(&msg::post_published(when.1))));
        line.append_child(&time)?;
        panel.append_child(&line)?;
    }
    if let Some(bio) = view.bio.as_ref().filter(|_| view.post_text.is_none()) {
        d.text(&panel, "p", "fl-bio", bio)?.set_attribute("dir", "auto")?;
    }
    let facts: Vec<(String, String)> = view.facts.iter().map(|f| ("fl-fact".to_string(), d.words.word(f))).collect();
    d.list(&panel, "fl-facts", &facts)?;
    if let Some((handle, url)) = &view.bluesky {
        let line = d.say(&panel, "p", "fl-bluesky", &msg::panel_on_bluesky(format!("@{handle}")))?;
        d.new_tab_link(&line, "fl-bluesky-link", &msg::panel_on_bluesky_link(), url)?;
    }

    if let Some(warning) = &view.home_warning {
        d.say(&panel, "p", "fl-home-warning", warning)?;
    }
    match &view.action {
        Action::Open { label, url } => {
            let a = d.new_tab_link(&panel, "fl-action fl-follow", label, url)?;
            // Which link it is (`action_follow`, `action_open_post`…): a connected home's Follow
            // button stands in for the follow link, not for a post's.
            a.set_attribute("data-action", &label.id)?;
            // A post's Like, Boost and Reply at home: links behind the same guard (`fl-action`).
            if !view.interactions.is_empty() {
                let line = d.el("p", "fl-interactions")?;
                for (label, url) in &view.interactions {
                    d.new_tab_link(&line, "fl-action fl-interact", label, url)?
                        .set_attribute("data-action", &label.id)?;
                }
                panel.append_child(&line)?;
            }
        }
        Action::SetHome { label } => {
            let b = d.say(&panel, "button", "fl-action fl-set-home", label)?;
            b.set_attribute("type", "button")?;
            b.set_attribute("data-command", "set-home")?;
            home_form(&d, &panel)?;
        }
        Action::Search { label, query } => {
            let search = d.el("div", "fl-doc fl-search")?;
            d.say(&search, "p", "fl-hint-line", label)?;
            let copy = d.say(&search, "button", "fl-copy", &msg::panel_copy())?;
            copy.set_attribute("type", "button")?;
            copy.set_attribute("data-command", "copy")?;
            d.text(&search, "pre", "fl-json fl-query", query)?;
            panel.append_child(&search)?;
        }
        Action::None => {}
    }

    let evidence: Vec<(String, String)> = view
        .evidence
        .iter()
        .map(|(ok, text)| ((if *ok { "fl-check fl-ok" } else { "fl-check fl-fail" }).to_string(), d.words.word(text)))
        .collect();
    if !evidence.is_empty() {
        d.say(&panel, "h2", "fl-section", &msg::panel_evidence())?;
        d.list(&panel, "fl-checks", &evidence)?;
    }
    let notes: Vec<(String, String)> = view.notes.iter().map(|n| ("fl-note".to_string(), d.words.word(n))).collect();
    d.list(&panel, "fl-notes", &notes)?;

    if !view.documents.is_empty() {
        documents(&d, &panel, &view.documents)?;
    }
    let retry = d.say(&panel, "button", "fl-retry", &msg::panel_retry())?;
    retry.set_attribute("type", "button")?;
    retry.set_attribute("data-command", "retry")?;
    root.append_child(&panel)?;
    Ok(())
}

const DEFERRED_SRC: &str = "data-src";

/// A server's ISO 8601 date in the reader's language and locale (`Intl.DateTimeFormat`, the
/// catalogue's language); `None` when it is not a date.
fn local_date(iso: &str, words: &Catalogue) -> Option<String> {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return None;
    }
    let locale = words.text("catalogue_language").unwrap_or("en");
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
    format.call1(&JsValue::NULL, &date).ok()?.as_string()
}

/// The title as text, with each `:code:` the view has an emoji for drawn as that image (its
/// shortcode as the alt text, loaded like the avatar); anything else stays text.
fn title(d: &Dom, parent: &Element, view: &PanelView, load_images: bool) -> Result<(), JsValue> {
    let h1 = d.el("h1", "fl-title")?;
    h1.set_attribute("dir", "auto")?;
    let mut rest = view.title.as_str();
    let mut text = String::new();
    while let Some(start) = rest.find(':') {
        let after = &rest[start + 1..];
        let found = after.find(':').and_then(|end| {
            let code = &after[..end];
            view.title_emojis.iter().find(|(c, _)| c == code).map(|(_, url)| (end, code, url))
        });
        let Some((end, code, url)) = found else {
            text.push_str(&rest[..=start]);
            rest = after;
            continue;
        };
        text.push_str(&rest[..start]);
        if !text.is_empty() {
            h1.append_with_str_1(&std::mem::take(&mut text))?;
        }
        let img = d.el("img", "fl-emoji")?;
        img.set_attribute(if load_images { "src" } else { DEFERRED_SRC }, url)?;
        let shortcode = format!(":{code}:");
        img.set_attribute("alt", &shortcode)?;
        img.set_attribute("title", &shortcode)?;
        img.set_attribute("referrerpolicy", "no-referrer")?;
        h1.append_child(&img)?;
        rest = &after[end + 1..];
    }
    text.push_str(rest);
    if !text.is_empty() {
        h1.append_with_str_1(&text)?;
    }
    parent.append_child(&h1)?;
    Ok(())
}

/// Loads the images a panel drawn ahead of the click left waiting.
pub fn show_images(root: &Element) -> Result<(), JsValue> {
    let waiting = root.query_selector_all("img[data-src]")?;
    for i in 0..waiting.length() {
        let Some(img) = waiting.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        if let Some(src) = img.get_attribute(DEFERRED_SRC) {
            img.set_attribute("src", &src)?;
            img.remove_attribute(DEFERRED_SRC)?;
        }
    }
    Ok(())
}

/// The inline "your account" form, shown when the user asks to set a home instance.
pub(super) fn home_form(d: &Dom, panel: &Element) -> Result<(), JsValue> {
    let form = d.el("form", "fl-home-form")?;
    form.set_attribute("hidden", "")?;
    let label = d.say(&form, "label", "", &msg::panel_home_label())?;
    label.set_attribute("for", "fl-home-input")?;
    let input = d.el("input", "")?;
    for (k, v) in [
        ("id", "fl-home-input"),
        ("name", "home"),
        ("type", "text"),
        ("placeholder", "@me@example.social"),
        ("autocomplete", "off"),
        ("spellcheck", "false"),
    ] {
        input.set_attribute(k, v)?;
    }
    form.append_child(&input)?;
    let save = d.say(&form, "button", "", &msg::panel_save())?;
    save.set_attribute("type", "submit")?;
    let status = d.el("p", "fl-home-status")?;
    status.set_attribute("role", "status")?;
    form.append_child(&status)?;
    panel.append_child(&form)?;
    Ok(())
}

/// Tabs over the raw documents; one `<pre>` each, filled with text.
fn documents(d: &Dom, panel: &Element, docs: &[(Msg, String)]) -> Result<(), JsValue> {
    d.say(panel, "h2", "fl-section", &msg::panel_documents())?;
    let tabs = d.el("div", "fl-tabs")?;
    tabs.set_attribute("role", "tablist")?;
    let mut pages = Vec::new();
    for (i, (label, json)) in docs.iter().enumerate() {
        let label = d.words.word(label);
        let tab = d.text(&tabs, "button", "fl-tab", &label)?;
        tab.set_attribute("type", "button")?;
        tab.set_attribute("role", "tab")?;
        tab.set_attribute("aria-selected", if i == 0 { "true" } else { "false" })?;
        // The ARIA tabs pattern: one tab in the page's tab order, arrows move between them.
        tab.set_attribute("tabindex", if i == 0 { "0" } else { "-1" })?;
        tab.set_attribute("id", &format!("fl-tab-{i}"))?;
        tab.set_attribute("aria-controls", &format!("fl-doc-{i}"))?;
        tab.set_attribute("data-tab", &i.to_string())?;
        let page = d.el("div", "fl-doc")?;
        page.set_attribute("role", "tabpanel")?;
        page.set_attribute("id", &format!("fl-doc-{i}"))?;
        page.set_attribute("aria-labelledby", &format!("fl-tab-{i}"))?;
        page.set_attribute("data-tab", &i.to_string())?;
        if i != 0 {
            page.set_attribute("hidden", "")?;
        }
        let copy = d.say(&page, "button", "fl-copy", &msg::panel_copy())?;
        copy.set_attribute("type", "button")?;
        copy.set_attribute("data-command", "copy")?;
        // Scrolls: focusable, so that a keyboard can scroll it (WCAG 2.1.1; axe scrollable-region-focusable).
        let pre = d.text(&page, "pre", "fl-json", json)?;
        pre.set_attribute("tabindex", "0")?;
        pre.set_attribute("aria-label", &d.words.word(&msg::doc_label(label)))?;
        pages.push(page);
    }
    panel.append_child(&tabs)?;
    for page in &pages {
        panel.append_child(page)?;
    }
    // One listener on the tab strip: show the chosen document, hide the others.
    let strip = tabs.clone();
    let panel_for_click = panel.clone();
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(chosen) =
            event.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|e| e.get_attribute("data-tab"))
        else {
            return;
        };
        select_tab(&strip, &panel_for_click, &chosen);
    });
    tabs.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();
    // Arrow keys, Home and End move between the tabs (WAI-ARIA Authoring Practices, tabs with
    // automatic activation): the next tab is chosen and takes the focus.
    let strip = tabs.clone();
    let panel_for_keys = panel.clone();
    let count = docs.len();
    let on_key = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
        let current = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.get_attribute("data-tab"))
            .and_then(|i| i.parse::<usize>().ok());
        let Some(current) = current else { return };
        let next = match event.key().as_str() {
            "ArrowRight" => (current + 1) % count,
            "ArrowLeft" => (current + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        event.prevent_default();
        let chosen = next.to_string();
        select_tab(&strip, &panel_for_keys, &chosen);
        let tab = strip.query_selector(&format!("[data-tab=\"{chosen}\"]")).ok().flatten();
        if let Some(tab) = tab.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = tab.focus();
        }
    });
    tabs.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref())?;
    on_key.forget();
    Ok(())
}

fn select_tab(strip: &Element, panel: &Element, chosen: &str) {
    let tabs = strip.query_selector_all(".fl-tab");
    let pages = panel.query_selector_all(".fl-doc[role=tabpanel]");
    for list in [tabs, pages].into_iter().flatten() {
        for i in 0..list.length() {
            let Some(node) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
            let selected = node.get_attribute("data-tab").as_deref() == Some(chosen);
            if node.class_list().contains("fl-tab") {
                let _ = node.set_attribute("aria-selected", if selected { "true" } else { "false" });
                let _ = node.set_attribute("tabindex", if selected { "0" } else { "-1" });
            } else if selected {
                let _ = node.remove_attribute("hidden");
            } else {
                let _ = node.set_attribute("hidden", "");
            }
        }
    }
}

/// A state without a report: loading, or a failure with a retry.
pub fn render_message(root: &Element, state: &str, title: &Msg, message: &str, retry: bool) -> Result<(), JsValue> {
    let d = dom(root)?;
    let panel = d.el("section", "fl-panel")?;
    panel.set_attribute("data-status", state)?;
    d.say(&panel, "h1", "fl-title", title)?;
    d.text(&panel, "p", "fl-headline", message)?;
    if retry {
        let b = d.say(&panel, "button", "fl-retry", &msg::panel_try_again())?;
        b.set_attribute("type", "button")?;
        b.set_attribute("data-command", "retry")?;
    }
    root.append_child(&panel)?;
    Ok(())
}
