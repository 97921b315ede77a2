//! What the reader's connected home says, drawn into a panel already shown: the relationship
//! with the account (and the home's own Follow button), and the post as the home knows it.

use super::panel::Dom;
use crate::core::homeapi::{Act, Following};
use crate::core::words::msg;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// The relationship with the account as the reader's home sees it (issue 14), after the panel's
/// other parts: its words, and Follow or Unfollow as a button the panel's guard checks. Every
/// string is text.
pub fn render_relationship(root: &Element, answer: &crate::core::text::json::Json) -> Result<(), JsValue> {
    let Some(panel) = root.query_selector(".fl-panel")? else { return Ok(()) };
    if let Some(old) = panel.query_selector(".fl-relationship")? {
        old.remove();
    }
    let d = Dom::of(root)?;
    let block = d.el("section", "fl-relationship")?;
    let home = answer.text("home").unwrap_or_default();
    let flag = |name: &str| answer.get(name) == Some(&crate::core::text::json::Json::Bool(true));
    // A home account is set but not connected (or its token is gone): offer to connect (the
    // approval window is the browser's, opened by the background, never the page's).
    let connect = |block: &Element| -> Result<(), JsValue> {
        let button = d.say(block, "button", "fl-action fl-home-connect", &msg::panel_connect())?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-command", "connect-home")
    };
    if flag("connect") {
        connect(&block)?;
        return finish(&panel, &block);
    }
    d.say(&block, "h2", "fl-section", &msg::panel_as_home_sees_it(home.as_str()))?;
    // With the relationship read, the home's own Follow / Unfollow replaces the follow link;
    // whenever the API fails, the link is offered again.
    if let Some(link) = panel.query_selector("a.fl-follow[data-action^=\"action_follow\"]")? {
        if answer.text("error").is_some() {
            link.remove_attribute("hidden")?;
        } else {
            link.set_attribute("hidden", "")?;
        }
    }
    if let Some(problem) = answer.text("error") {
        d.text(&block, "p", "fl-relationship-error", &problem)?;
        if flag("reconnect") {
            connect(&block)?;
        }
    } else {
        // What the home's own fetch saw of the account (signed where the account's server asks
        // for that): its counts, and its name where the panel has none — its title is then the
        // handle, with no handle line under it (Threads shows the browser nothing) —, under the
        // heading that says whose view it is.
        let has_name = panel.query_selector(".fl-handle")?.is_some();
        if let Some(seen) = answer.get("seen").filter(|s| s.is_object()) {
            if let Some(name) = seen.text("name").filter(|_| !has_name) {
                d.text(&block, "p", "fl-home-seen", &name)?.set_attribute("dir", "auto")?;
            }
            let count = |key: &str| seen.get(key).and_then(crate::core::text::json::Json::as_u64);
            if let (Some(posts), Some(followers), Some(following)) =
                (count("posts"), count("followers"), count("following"))
            {
                d.say(&block, "p", "fl-home-counts", &msg::home_seen_counts(posts, followers, following))?;
            }
        }
        let words: Vec<(String, String)> =
            answer.texts("words").into_iter().map(|w| ("fl-relation".to_string(), w)).collect();
        d.list(&block, "fl-relations", &words)?;
        let following = answer.text("following").as_deref().and_then(Following::parse);
        let (label, follow) = match following {
            Some(Following::No) if flag("can_follow") => (msg::panel_follow_api(), true),
            Some(Following::Yes) => (msg::panel_unfollow_api(), false),
            Some(Following::Requested) => (msg::panel_withdraw_api(), false),
            Some(Following::No) | None => return finish(&panel, &block),
        };
        let button = d.say(&block, "button", "fl-action fl-home-follow", &label)?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-command", "home-follow")?;
        button.set_attribute("data-follow", if follow { "true" } else { "false" })?;
        button.set_attribute("data-id", &answer.text("id").unwrap_or_default())?;
        button.set_attribute("data-now", following.map_or("no", Following::as_str))?;
    }
    finish(&panel, &block)
}

/// A connected home's answer for the shown post (`homeapi::HomePostAnswer`): "Open on
/// <home>" goes to the post's page there; with the post's id there, Like and Boost become the
/// home's own buttons (its API, behind the panel's guard), each saying whether the reader already
/// did it (a second click undoes it), and Reply goes to the home's compose for the post.
pub fn render_home_post(root: &Element, answer: &crate::core::text::json::Json) -> Result<(), JsValue> {
    use crate::core::text::json::Json;
    if let (Some(url), Some(link)) = (answer.text("url"), root.query_selector(".fl-panel a.fl-follow")?) {
        link.set_attribute("href", &url)?;
    }
    let (Some(id), Some(line)) = (answer.text("id"), root.query_selector(".fl-panel .fl-interactions")?) else {
        return Ok(());
    };
    let home = answer.text("home").unwrap_or_default();
    let d = Dom::of(root)?;
    for act in Act::ALL {
        // The answer's member for the act (`ActAnswer`'s), and the follow link's action it replaces.
        let (link_action, state) = match act {
            Act::Like => ("action_like", "liked"),
            Act::Boost => ("action_boost", "boosted"),
        };
        let done = answer.get(state) == Some(&Json::Bool(true));
        let label = match (act, done) {
            (Act::Like, false) => msg::panel_home_like(home.as_str()),
            (Act::Like, true) => msg::panel_home_liked(home.as_str()),
            (Act::Boost, false) => msg::panel_home_boost(home.as_str()),
            (Act::Boost, true) => msg::panel_home_boosted(home.as_str()),
        };
        let act = act.as_str();
        let button = d.el("button", "fl-action fl-interact fl-home-act")?;
        button.set_text_content(Some(&d.words.word(&label)));
        for (k, v) in [("type", "button"), ("data-act", act), ("data-id", id.as_str())] {
            button.set_attribute(k, v)?;
        }
        button.set_attribute("data-undo", if done { "true" } else { "false" })?;
        button.set_attribute("aria-pressed", if done { "true" } else { "false" })?;
        match line.query_selector(&format!("[data-act=\"{act}\"], a[data-action=\"{link_action}\"]"))? {
            Some(old) => old.replace_with_with_node_1(&button)?,
            None => line.append_child(&button).map(|_| ())?,
        }
    }
    if let (Some(reply), Some(link)) = (answer.text("reply"), line.query_selector("a[data-action=\"action_reply\"]")?) {
        link.set_attribute("href", &reply)?;
    }
    Ok(())
}

fn finish(panel: &Element, block: &Element) -> Result<(), JsValue> {
    // Above the evidence: right after the action the panel already offers.
    let evidence = panel.query_selector(".fl-section")?;
    match evidence {
        Some(before) => panel.insert_before(block, Some(&before)).map(|_| ()),
        None => panel.append_child(block).map(|_| ()),
    }
}
