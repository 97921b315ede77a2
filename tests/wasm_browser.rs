//! The wasm surface in a real browser (headless Chromium through chromedriver):
//! `cargo test --target wasm32-unknown-unknown --test wasm_browser` with wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use fedilens::wasm;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
fn detect_takes_signals_as_plain_js_objects() {
    let signals = js_sys::JSON::parse(r#"{"url":"https://www.threads.com/@zuck","links":[],"metas":[]}"#).unwrap();
    let detection = wasm::detect(signals).unwrap();
    let kind = js_sys::Reflect::get(&detection, &"kind".into()).unwrap();
    let handle = js_sys::Reflect::get(&detection, &"handle".into()).unwrap();
    assert_eq!(kind.as_string().as_deref(), Some("profile"));
    assert_eq!(handle.as_string().as_deref(), Some("zuck@threads.net"));
}

#[wasm_bindgen_test]
fn bad_input_crosses_as_kind_and_message() {
    let error = wasm::detect(JsValue::from_f64(3.0)).unwrap_err();
    let kind = js_sys::Reflect::get(&error, &"kind".into()).unwrap();
    assert_eq!(kind.as_string().as_deref(), Some("bad_signals"));
}

#[wasm_bindgen_test]
async fn a_home_account_that_is_not_a_handle_is_a_clear_error() {
    let error = wasm::check_home("no handle".into()).await.unwrap_err();
    assert!(js_sys::Reflect::get(&error, &"message".into()).unwrap().as_string().unwrap().contains("not a handle"));
}

#[wasm_bindgen_test]
async fn a_refused_lookup_is_a_report_not_a_failure() {
    // The egress policy refuses loopback before any request leaves the browser.
    let json = wasm::lookup("https://127.0.0.1/@x".into(), None, false).await.unwrap();
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["status"], "refused");
}

#[wasm_bindgen_test]
fn the_panel_draws_remote_markup_as_text() {
    let root = document().create_element("div").unwrap();
    let report = r#"{"status":"federated","headline":"ok","target":"x@y.example","kind":"profile","handle":"x@y.example",
      "actor":"https://y.example/users/x","object":null,"software":null,
      "profile":{"display_name":"<img src=x onerror=alert(1)>Eve","username":"x","summary":"<script>alert(1)</script>","avatar":null,"url":null,
        "actor_type":"Person","is_cat":true,"moved_to":null,"manually_approves_followers":null,"discoverable":null,"indexable":null,"quote":null,"fields":[],"attribution_domains":[]},
      "post":null,"follow_url":null,"home":null,"checks":[{"name":"self_link","ok":true,"detail":"fine"}],"warnings":[],
      "documents":{"webfinger":{"subject":"acct:x@y.example"},"actor":null,"object":null,"nodeinfo":null},"requests":[]}"#;
    wasm::render_panel(&root, report).unwrap();
    assert!(root.query_selector("img.fl-avatar").unwrap().is_none());
    assert!(root.query_selector("script").unwrap().is_none(), "no element came from remote text");
    let title = root.query_selector(".fl-title").unwrap().unwrap();
    assert_eq!(title.text_content().unwrap(), "<img src=x onerror=alert(1)>Eve");
    assert!(root.text_content().unwrap().contains("Is a cat"));
    assert_eq!(
        root.query_selector(".fl-panel").unwrap().unwrap().get_attribute("data-status").as_deref(),
        Some("federated")
    );
}

#[wasm_bindgen_test]
fn render_failure_offers_a_retry() {
    let root = document().create_element("div").unwrap();
    wasm::render_failure(&root, "Could not look this up", "the background did not answer").unwrap();
    assert!(root.query_selector("[data-command=retry]").unwrap().is_some());
}
