//! The panel of a page that names several accounts (`core::accounts`): one row per account,
//! each filled in when its lookup answers, and "Follow all" through a connected home after one
//! confirmation that lists who. Every remote string goes in as a text node.

use super::panel::{dom, home_form, Dom};
use crate::core::homeapi::Following;
use crate::core::identity::accounts::PageAccounts;
use crate::core::report::Status;
use crate::core::text::json::Json;
use crate::core::wire::view::{Action, PanelView};
use crate::core::words::{msg, Msg};
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// The list, each row saying it is being looked up.
pub fn render(root: &Element, accounts: &PageAccounts) -> Result<(), JsValue> {
    let d = dom(root)?;
    let panel = d.el("section", "fl-panel fl-accounts")?;
    panel.set_attribute("data-status", "list")?;
    let header = d.el("header", "fl-identity")?;
    let names = d.el("div", "fl-names")?;
    d.say(&names, "h1", "fl-title", &msg::panel_accounts_title(accounts.named))?;
    header.append_child(&names)?;
    panel.append_child(&header)?;
    let (listed, named) = (accounts.listed.len(), accounts.named);
    let note = match (accounts.at_least, listed < named) {
        (true, _) => msg::panel_accounts_at_least(listed, named),
        (false, true) => msg::panel_accounts_some(listed, named),
        (false, false) => msg::panel_accounts_all(named),
    };
    d.say(&panel, "p", "fl-accounts-note", &note)?;
    let list = d.el("ul", "fl-account-list")?;
    for (index, account) in accounts.listed.iter().enumerate() {
        let row = d.el("li", "fl-account")?;
        row.set_attribute("data-index", &index.to_string())?;
        row.set_attribute("data-status", "loading")?;
        d.text(&row, "strong", "fl-account-name", &format!("@{}", account.handle))?;
        d.say(&row, "p", "fl-account-state", &msg::panel_looking_up())?;
        list.append_child(&row)?;
    }
    panel.append_child(&list)?;
    let follow_all = d.el("div", "fl-follow-all")?;
    panel.append_child(&follow_all)?;
    // One form for every row whose action is "set your home" (the panel's `set-home` command).
    home_form(&d, &panel)?;
    let retry = d.say(&panel, "button", "fl-retry", &msg::panel_retry())?;
    retry.set_attribute("type", "button")?;
    retry.set_attribute("data-command", "retry")?;
    root.append_child(&panel)?;
    Ok(())
}

fn row(root: &Element, index: u32) -> Result<Option<Element>, JsValue> {
    root.query_selector(&format!(".fl-account[data-index=\"{index}\"]"))
}

/// Row `index` as its lookup answered: the account's name, its status and headline, the page's
/// claim judged, and its own action (the follow link, behind the panel's guard). `failure`: no
/// view came, in words.
pub fn render_row(root: &Element, index: u32, view: Option<&PanelView>, failure: &str) -> Result<(), JsValue> {
    let Some(row) = row(root, index)? else { return Ok(()) };
    let d = Dom::of(root)?;
    let name = row.query_selector(".fl-account-name")?.and_then(|n| n.text_content()).unwrap_or_default();
    row.set_text_content(None);
    let Some(view) = view else {
        row.set_attribute("data-status", "failure")?;
        d.text(&row, "strong", "fl-account-name", &name)?;
        d.say(&row, "p", "fl-account-state", &msg::panel_account_failed(failure))?;
        return Ok(());
    };
    row.set_attribute("data-status", view.status.as_str())?;
    d.text(&row, "strong", "fl-account-name", &view.title)?.set_attribute("dir", "auto")?;
    if let Some(handle) = view.handle.as_ref().filter(|h| **h != view.title) {
        d.text(&row, "p", "fl-handle", handle)?;
    }
    // Short enough for a list: the status and the claim's verdict in a line, the headline and
    // the claim's reasons behind it (a disclosure the reader opens).
    let status = d.el("details", &format!("fl-status fl-status-{}", view.status.as_str()))?;
    let summary = d.el("summary", "")?;
    d.say(&summary, "strong", "fl-status-label", &view.status_label)?;
    if let Some((confirmed, _)) = &view.claim {
        let (class, words) = match confirmed {
            true => ("fl-row-claim fl-row-claim-confirmed", msg::panel_row_claim_confirmed()),
            false => ("fl-row-claim fl-row-claim-unconfirmed", msg::panel_row_claim_unconfirmed()),
        };
        d.say(&summary, "span", class, &words)?;
    }
    status.append_child(&summary)?;
    d.say(&status, "p", "fl-headline", &view.headline)?;
    if let Some((confirmed, words)) = &view.claim {
        let class = if *confirmed { "fl-claim fl-claim-confirmed" } else { "fl-claim fl-claim-unconfirmed" };
        d.say(&status, "p", class, words)?;
    }
    row.append_child(&status)?;
    match &view.action {
        Action::Open { label, url } => {
            d.new_tab_link(&row, "fl-action fl-follow", label, url)?.set_attribute("data-action", &label.id)?;
        }
        Action::SetHome { label } => {
            let b = d.say(&row, "button", "fl-action fl-set-home", label)?;
            b.set_attribute("type", "button")?;
            b.set_attribute("data-command", "set-home")?;
        }
        Action::Search { label, query } => {
            d.say(&row, "p", "fl-hint-line", label)?;
            d.text(&row, "pre", "fl-json fl-query", query)?;
        }
        Action::None => {}
    }
    // Whom "Follow all" would follow for this row (the new account of a proven move): only an
    // account whose identity the checks prove (federates); an unverified one is followed, if at
    // all, by its own link, whose panel says what is unproven.
    let proven = matches!(view.status, Status::Federated | Status::SignedFetchOnly);
    if let Some(follows) = view.follows.as_ref().filter(|_| view.followable && proven) {
        row.set_attribute("data-follows", follows.trim_start_matches('@'))?;
    }
    Ok(())
}

/// "Follow all N from <home>", with a connected home and N followable accounts.
pub fn render_follow_all(root: &Element, count: u32, home: &str) -> Result<(), JsValue> {
    let Some(place) = root.query_selector(".fl-follow-all")? else { return Ok(()) };
    let d = dom(&place)?;
    let button = d.say(&place, "button", "fl-action fl-follow-all-ask", &msg::panel_follow_all(count, home))?;
    button.set_attribute("type", "button")
}

/// The one confirmation: who would be followed, and the button that does it.
pub fn render_confirm(root: &Element, handles: &[String], home: &str) -> Result<(), JsValue> {
    let Some(place) = root.query_selector(".fl-follow-all")? else { return Ok(()) };
    let d = dom(&place)?;
    let count = handles.len();
    let box_ = d.el("div", "fl-follow-all-confirm")?;
    box_.set_attribute("role", "group")?;
    d.say(&box_, "p", "fl-follow-all-question", &msg::panel_follow_all_confirm(count, home))?;
    let who: Vec<(String, String)> =
        handles.iter().map(|h| ("fl-follow-all-who".to_string(), format!("@{h}"))).collect();
    d.list(&box_, "fl-follow-all-list", &who)?;
    let yes = d.say(&box_, "button", "fl-action fl-follow-all-yes", &msg::panel_follow_all_yes(count))?;
    yes.set_attribute("type", "button")?;
    let no = d.say(&box_, "button", "fl-follow-all-no", &msg::panel_follow_all_no())?;
    no.set_attribute("type", "button")?;
    no.set_attribute("data-command", "follow-all-cancel")?;
    place.append_child(&box_)?;
    Ok(())
}

/// A row after "Follow all" asked its home: following, requested, or why not (the home's
/// relationship answer, `homeapi::relationship_json`).
pub fn render_row_state(root: &Element, handle: &str, answer: &Json) -> Result<(), JsValue> {
    let rows = root.query_selector_all(".fl-account[data-follows]")?;
    let home = answer.text("home").unwrap_or_default();
    let words: Msg = match (answer.text("error"), answer.text("following").as_deref().and_then(Following::parse)) {
        (Some(problem), _) => msg::panel_row_not_followed(home.as_str(), problem),
        (None, Some(Following::Yes)) => msg::panel_row_following(home.as_str()),
        (None, Some(Following::Requested)) => msg::panel_row_requested(home.as_str()),
        (None, _) => msg::panel_row_not_followed(home.as_str(), answer.texts("words").join("; ")),
    };
    let d = Dom::of(root)?;
    for i in 0..rows.length() {
        let Some(row) = rows.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok()) else { continue };
        if row.get_attribute("data-follows").as_deref() != Some(handle) {
            continue;
        }
        if let Some(old) = row.query_selector(".fl-row-state")? {
            old.remove();
        }
        d.say(&row, "p", "fl-row-state", &words)?.set_attribute("role", "status")?;
    }
    Ok(())
}
