//! The wasm surface in a service worker, where the background runs in Chrome: no `window`, the
//! timers and fetch come from the worker's global scope.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use fedilens::core::net::fetch::Fetch;
use fedilens::core::text::json::Json;
use fedilens::wasm;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_service_worker);

fn view_of(answer: &wasm_bindgen::JsValue) -> Json {
    let text = js_sys::Reflect::get(answer, &"view".into()).unwrap().as_string().unwrap();
    Json::parse(text.as_bytes()).unwrap()
}

#[wasm_bindgen_test]
async fn timers_and_lookups_work_without_a_window() {
    assert!(web_sys::window().is_none());
    let started = js_sys::Date::now();
    wasm::BrowserFetch { on_web_page: false, rehearsal: false }.sleep(30).await;
    assert!(js_sys::Date::now() - started >= 25.0, "the gate's timer waits in a worker too");
    let answer = wasm::lookup("https://10.0.0.1/users/a".into(), None, false).await.unwrap();
    assert_eq!(view_of(&answer).get("status").and_then(Json::as_str), Some("refused"));
}

#[wasm_bindgen_test]
fn detection_in_a_worker() {
    let detection = wasm::detect(r#"{"url":"https://misskey.io/@syuilo"}"#, None).unwrap();
    assert_eq!(js_sys::Reflect::get(&detection, &"software".into()).unwrap().as_string().as_deref(), Some("misskey"));
    // A URL that only has a fediverse shape, on a host whose NodeInfo names Mastodon.
    let kind = |d: &wasm_bindgen::JsValue| js_sys::Reflect::get(d, &"kind".into()).unwrap().as_string();
    let signals = r#"{"url":"https://blog.example/@someone"}"#;
    assert_eq!(kind(&wasm::detect(signals, None).unwrap()).as_deref(), Some("none"));
    assert_eq!(kind(&wasm::detect(signals, Some("mastodon".into())).unwrap()).as_deref(), Some("profile"));
    assert_eq!(kind(&wasm::detect(signals, Some("wordpress-blog".into())).unwrap()).as_deref(), Some("none"));
}

/// In wasm the core's URLs come from the browser's WHATWG parser (core/text/weburl.rs), not the `url`
/// crate: the same answers on the forms that decide what we fetch.
#[wasm_bindgen_test]
fn urls_parse_with_the_browsers_parser() {
    use fedilens::core::net::egress::check_url;
    use fedilens::core::protocol::handle::Handle;
    use fedilens::core::text::weburl::{domain_to_ascii, Host, Url};
    let url = Url::parse("https://Mastodon.Social/@Gargron#top").unwrap();
    assert_eq!(url.as_str(), "https://mastodon.social/@Gargron#top");
    assert_eq!((url.scheme(), url.host_str(), url.path()), ("https", Some("mastodon.social"), "/@Gargron"));
    assert_eq!(url.join("/users/Gargron").unwrap().as_str(), "https://mastodon.social/users/Gargron");
    assert!(Url::parse("/relative").is_err());
    assert_eq!(Url::parse("acct:alice@example.social").unwrap().host_str(), None);
    assert_eq!(Url::parse("https://0x7f.1/").unwrap().host(), Some(Host::Ipv4([127, 0, 0, 1].into())));
    assert_eq!(Url::parse("https://[::1]/").unwrap().host(), Some(Host::Ipv6(std::net::Ipv6Addr::LOCALHOST)));
    assert_eq!(domain_to_ascii("Bücher.Example").as_deref(), Some("xn--bcher-kva.example"));
    assert_eq!(domain_to_ascii("127.0.0.1"), None);
    assert_eq!(Handle::parse("@alice@Bücher.Example").unwrap().to_string(), "alice@xn--bcher-kva.example");
    for refused in [
        "https://0x7f.1/",
        "https://[::1]/x",
        "https://localhost/",
        "http://example.social/",
        "https://a:b@example.social/",
    ] {
        assert!(check_url(&Url::parse(refused).unwrap()).is_err(), "{refused}");
    }
    assert!(check_url(&Url::parse("https://example.social/users/a").unwrap()).is_ok());
}

/// The background rehearses a lookup while the badge shows, so that the code is compiled before
/// the click: the whole path runs (WebFinger, actor, NodeInfo, home, claim) with no network (the
/// rehearsal host does not exist, so a request would have failed the status).
#[wasm_bindgen_test]
async fn a_rehearsal_runs_the_whole_lookup_offline() {
    let answer = wasm::prepare().await.unwrap();
    let view = view_of(&answer);
    assert_eq!(view.get("status").and_then(Json::as_str), Some("federated"), "{view}");
    assert!(view.text("software").is_some_and(|s| s.to_ascii_lowercase().starts_with("mastodon")), "{view}");
    let follow = view.pointer("/action/url").and_then(Json::as_str);
    assert!(follow.is_some_and(|u| u.starts_with("https://rehearsal.example/")), "{view}");
    assert!(js_sys::Reflect::get(&answer, &"cache_seconds".into()).unwrap().as_f64().unwrap() > 0.0);
}
