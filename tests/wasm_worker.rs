//! The wasm surface in a service worker, where the background runs in Chrome: no `window`, the
//! timers and fetch come from the worker's global scope.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use fedilens::core::fetch::Fetch;
use fedilens::wasm;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_service_worker);

#[wasm_bindgen_test]
async fn timers_and_lookups_work_without_a_window() {
    assert!(web_sys::window().is_none());
    let started = js_sys::Date::now();
    wasm::BrowserFetch { on_web_page: false }.sleep(30).await;
    assert!(js_sys::Date::now() - started >= 25.0, "the gate's timer waits in a worker too");
    let json = wasm::lookup("https://10.0.0.1/users/a".into(), None, false).await.unwrap();
    assert!(json.contains("\"status\":\"refused\""));
}

#[wasm_bindgen_test]
fn detection_in_a_worker() {
    let signals = js_sys::JSON::parse(r#"{"url":"https://misskey.io/@syuilo"}"#).unwrap();
    let detection = wasm::detect(signals).unwrap();
    assert_eq!(js_sys::Reflect::get(&detection, &"software".into()).unwrap().as_string().as_deref(), Some("misskey"));
}
