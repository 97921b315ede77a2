//! The wasm surface in a real browser (headless Chromium through chromedriver):
//! `cargo test --target wasm32-unknown-unknown --test wasm_browser` with wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use fedilens::core::text::json::Json;
use fedilens::wasm;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

const ENGLISH: &str = include_str!("../extension/_locales/en/messages.json");
const JAPANESE: &str = include_str!("../extension/_locales/ja/messages.json");

fn view_of(answer: &JsValue) -> Json {
    let text = js_sys::Reflect::get(answer, &"view".into()).unwrap().as_string().unwrap();
    Json::parse(text.as_bytes()).unwrap()
}

#[wasm_bindgen_test]
fn detect_takes_signals_as_json_text() {
    let signals = r#"{"url":"https://www.threads.com/@zuck","links":[],"metas":[]}"#;
    let detection = wasm::detect(signals, None).unwrap();
    let kind = js_sys::Reflect::get(&detection, &"kind".into()).unwrap();
    let handle = js_sys::Reflect::get(&detection, &"handle".into()).unwrap();
    assert_eq!(kind.as_string().as_deref(), Some("profile"));
    assert_eq!(handle.as_string().as_deref(), Some("zuck@threads.net"));
}

#[wasm_bindgen_test]
fn bad_input_crosses_as_kind_and_message() {
    for junk in ["3", "{", "[]", ""] {
        let error = wasm::detect(junk, None).unwrap_err();
        let kind = js_sys::Reflect::get(&error, &"kind".into()).unwrap();
        assert_eq!(kind.as_string().as_deref(), Some("bad_signals"), "{junk}");
    }
}

#[wasm_bindgen_test]
async fn a_home_account_that_is_not_a_handle_is_a_clear_error() {
    assert!(wasm::set_catalogue(ENGLISH));
    let error = wasm::check_home("no handle".into()).await.unwrap_err();
    assert!(js_sys::Reflect::get(&error, &"message".into()).unwrap().as_string().unwrap().contains("not a handle"));
}

#[wasm_bindgen_test]
async fn a_refused_lookup_is_a_report_not_a_failure() {
    // The egress policy refuses loopback before any request leaves the browser.
    let answer = wasm::lookup("https://127.0.0.1/@x".into(), None, false).await.unwrap();
    assert_eq!(view_of(&answer).get("status").and_then(Json::as_str), Some("refused"));
    let seconds = js_sys::Reflect::get(&answer, &"cache_seconds".into()).unwrap().as_f64().unwrap();
    assert!(seconds > 0.0 && seconds <= 120.0, "a refusal is cached briefly: {seconds}");
}

#[wasm_bindgen_test]
fn the_panel_draws_remote_markup_as_text() {
    let root = document().create_element("div").unwrap();
    let view = r#"{"title":"<img src=x onerror=alert(1)>Eve","handle":"x@y.example","software":null,"avatar":null,
      "status_label":{"id":"status_federated","args":[]},"status":"federated",
      "headline":{"id":"headline_federated","args":["<b>@x@y.example</b>"]},
      "evidence":[[true,{"id":"check_self_link_ok","args":["<script>"]}]],"facts":[{"id":"fact_cat","args":[]}],
      "notes":[],"home_warning":null,"action":null,
      "documents":[[{"id":"doc_webfinger","args":[]},"{\n  \"subject\": \"<b>x</b>\"\n}"]],
      "bio":"<script>alert(1)</script>","claim":null,"post_text":null}"#;
    assert!(wasm::set_catalogue(ENGLISH));
    wasm::render_panel(&root, view, true).unwrap();
    assert!(root.query_selector("img.fl-avatar").unwrap().is_none());
    assert!(root.query_selector("script").unwrap().is_none(), "no element came from remote text");
    let title = root.query_selector(".fl-title").unwrap().unwrap();
    assert_eq!(title.text_content().unwrap(), "<img src=x onerror=alert(1)>Eve");
    assert!(root.text_content().unwrap().contains("Is a cat"));
    assert!(root.query_selector("b").unwrap().is_none(), "a value inside a message is text too");
    assert_eq!(
        root.query_selector(".fl-panel").unwrap().unwrap().get_attribute("data-status").as_deref(),
        Some("federated")
    );
    // The same view in the reader's other language: the catalogue words it, the values stay.
    assert!(wasm::set_catalogue(JAPANESE));
    wasm::render_panel(&root, view, true).unwrap();
    let status = root.query_selector(".fl-status-label").unwrap().unwrap().text_content().unwrap();
    assert!(!status.is_empty() && !status.is_ascii(), "Japanese words: {status}");
    assert!(root.text_content().unwrap().contains("<b>@x@y.example</b>"));
    assert!(wasm::set_catalogue(ENGLISH));
}

#[wasm_bindgen_test]
fn a_panel_drawn_ahead_of_the_click_fetches_its_avatar_only_when_shown() {
    let root = document().create_element("div").unwrap();
    let view = r#"{"title":"Eve","handle":null,"software":null,"avatar":"https://x.example/a.png",
      "status_label":{"id":"status_federated","args":[]},"status":"federated",
      "headline":{"id":"headline_federated","args":["Eve"]},"evidence":[],"facts":[],"notes":[],
      "home_warning":null,"action":null,"documents":[],"bio":null,"claim":null,"post_text":null}"#;
    wasm::render_panel(&root, view, false).unwrap();
    let img = root.query_selector("img.fl-avatar").unwrap().unwrap();
    assert_eq!(img.get_attribute("src"), None, "no request before the panel is shown");
    wasm::show_images(&root).unwrap();
    assert_eq!(img.get_attribute("src").as_deref(), Some("https://x.example/a.png"));
    assert_eq!(img.get_attribute("data-src"), None);
}

#[wasm_bindgen_test]
fn a_view_that_is_not_one_is_an_error_not_a_blank_panel() {
    let root = document().create_element("div").unwrap();
    for junk in ["", "null", r#"{"title":"x"}"#, r#"{"report":1}"#] {
        let error = wasm::render_panel(&root, junk, true).unwrap_err();
        let kind = js_sys::Reflect::get(&error, &"kind".into()).unwrap();
        assert_eq!(kind.as_string().as_deref(), Some("bad_view"), "{junk}");
    }
}

/// The panel rehearses its drawing before its first answer with a built-in view that has every
/// part, and nothing that would fetch (no avatar image).
#[wasm_bindgen_test]
fn the_panel_rehearsal_draws_every_part_and_fetches_nothing() {
    let root = document().create_element("div").unwrap();
    wasm::prepare_panel(&root).unwrap();
    for part in [".fl-panel", ".fl-title", ".fl-json", ".fl-copy", "a[href]", ".fl-tab"] {
        assert!(root.query_selector(part).unwrap().is_some(), "{part}");
    }
    assert!(root.query_selector("img[src]").unwrap().is_none(), "an emoji waits like the avatar");
    assert!(root.query_selector("img.fl-emoji[data-src]").unwrap().is_some());
}

/// A post's date in the reader's language and locale (Intl), from the same catalogue.
#[wasm_bindgen_test]
fn a_posts_date_is_shown_in_the_readers_locale() {
    let root = document().create_element("div").unwrap();
    let view = r#"{"title":"Eve","handle":null,"software":null,"avatar":null,"status_label":{"id":"status_federated","args":[]},
      "status":"federated","headline":{"id":"headline_federated","args":["Eve"]},"evidence":[],"facts":[],"notes":[],
      "home_warning":null,"action":null,"documents":[],"bio":null,"claim":null,"post_text":"hi","published":"2026-11-01T12:00:00Z"}"#;
    assert!(wasm::set_catalogue(JAPANESE));
    wasm::render_panel(&root, view, true).unwrap();
    let time = root.query_selector("time[datetime='2026-11-01T12:00:00Z']").unwrap().unwrap();
    let japanese = time.text_content().unwrap();
    assert!(japanese.contains("2026/11/") && japanese.contains("に投稿"), "{japanese}");
    assert!(wasm::set_catalogue(ENGLISH));
    wasm::render_panel(&root, view, true).unwrap();
    let english = root.query_selector("time").unwrap().unwrap().text_content().unwrap();
    assert!(english.starts_with("Posted Nov 1, 2026"), "{english}");
    let broken = view.replace("2026-11-01T12:00:00Z", "yesterday");
    wasm::render_panel(&root, &broken, true).unwrap();
    assert!(root.query_selector("time").unwrap().is_none(), "not a date: not shown");
}

/// A name's custom emoji: each `:code:` the actor's tags give an image for is that image, with
/// the shortcode as its alt text; other colons stay text.
#[wasm_bindgen_test]
fn custom_emoji_in_a_name_are_images_and_the_rest_stays_text() {
    let root = document().create_element("div").unwrap();
    let view = r#"{"title":":blob: Eve :nope: <b>x</b>:blob:","title_emojis":[["blob","https://x.example/blob.png"]],
      "handle":null,"software":null,"avatar":null,"status_label":{"id":"status_federated","args":[]},
      "status":"federated","headline":{"id":"headline_federated","args":["Eve"]},"evidence":[],"facts":[],"notes":[],
      "home_warning":null,"action":null,"documents":[],"bio":null,"claim":null,"post_text":null}"#;
    wasm::render_panel(&root, view, true).unwrap();
    let title = root.query_selector(".fl-title").unwrap().unwrap();
    let images = title.query_selector_all("img.fl-emoji").unwrap();
    assert_eq!(images.length(), 2);
    assert_eq!(title.query_selector("img").unwrap().unwrap().get_attribute("alt").as_deref(), Some(":blob:"));
    assert_eq!(title.text_content().unwrap(), " Eve :nope: <b>x</b>");
    assert!(title.query_selector("b").unwrap().is_none());
}

#[wasm_bindgen_test]
fn render_failure_offers_a_retry() {
    let root = document().create_element("div").unwrap();
    wasm::render_failure(&root, None).unwrap();
    assert!(root.query_selector("[data-command=retry]").unwrap().is_some());
    assert!(
        !root.text_content().unwrap().trim().is_empty(),
        "says what happened (in words, or as ids without a catalogue)"
    );
}
