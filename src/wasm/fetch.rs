//! The browser's `Fetch`: the Fetch API through gloo-net, in the background service worker, an
//! event page, an extension page or a plain web page alike.

use crate::core::fetch::{Fetch, FetchError, FetchRequest, FetchResponse};
use gloo_net::http::Request;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCache, RequestCredentials, RequestRedirect};

/// `on_web_page`: true in `www/`, where CORS applies and errors should say so. `rehearsal`: answer
/// from the built-in documents of `rehearsal.rs` instead of the network (the same code path
/// otherwise, which is the point of a rehearsal).
pub struct BrowserFetch {
    pub on_web_page: bool,
    pub rehearsal: bool,
}

impl Fetch for BrowserFetch {
    async fn get(&self, request: FetchRequest<'_>) -> Result<FetchResponse, FetchError> {
        let outgoing = Request::get(request.url.as_str())
            .header("Accept", request.accept)
            // No cookies, no cache poisoning by the page, redirects followed by the browser; the
            // gate judges the final URL.
            .credentials(RequestCredentials::Omit)
            .cache(RequestCache::NoStore)
            .redirect(RequestRedirect::Follow);
        let response = if self.rehearsal {
            // All but the network: the request is built, and a built-in answer read, as for real.
            outgoing.build().map_err(|e| FetchError::Other(e.to_string()))?;
            super::rehearsal::response(&request)?
        } else {
            outgoing.send().await.map_err(|e| {
                // A TypeError: the browser does not say whether DNS, TLS or CORS failed.
                let what = e.to_string();
                if self.on_web_page {
                    FetchError::Blocked(format!("{what}; from a web page this is usually the server's CORS policy — the extension is not limited by it"))
                } else {
                    FetchError::Connect(what)
                }
            })?
        };
        let headers = response.headers();
        let too_large = headers
            .get("content-length")
            .and_then(|n| n.parse::<u64>().ok())
            .is_some_and(|n| n > request.max_body_bytes as u64);
        if too_large {
            return Err(FetchError::BodyTooLarge);
        }
        let url = crate::core::weburl::Url::parse(&response.url()).unwrap_or_else(|_| request.url.clone());
        let status = response.status();
        let content_type = headers.get("content-type");
        let location = headers.get("location");
        let body = response.binary().await.map_err(|e| FetchError::Other(e.to_string()))?;
        Ok(FetchResponse { status, url, content_type, location, body })
    }

    async fn sleep(&self, ms: u64) {
        let _ = JsFuture::from(timeout_promise(ms)).await;
    }
}

/// A promise resolved after `ms` by the global `setTimeout` (present in windows and workers).
fn timeout_promise(ms: u64) -> Promise {
    Promise::new(&mut |resolve, _reject| {
        let global = js_sys::global();
        let set_timeout =
            Reflect::get(&global, &JsValue::from_str("setTimeout")).ok().and_then(|f| f.dyn_into::<Function>().ok());
        if let Some(set_timeout) = set_timeout {
            let _ = set_timeout.call2(&global, &resolve, &JsValue::from_f64(ms as f64));
        }
    })
}
