//! The browser's `Fetch`: the Fetch API through gloo-net, in the background service worker, an
//! event page, an extension page or a plain web page alike. It keeps the egress policy's promises
//! where the browser lets it: one hop at a time (redirects are not followed by the browser), the
//! body read as a stream and dropped at the cap, and the request aborted when the gate gives up.

use crate::core::net::caching::CachingHeaders;
use crate::core::net::fetch::{Fetch, FetchError, FetchRequest, FetchResponse, Method, USER_AGENT};
use gloo_net::http::{Request, Response};
use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult, RequestCache, RequestCredentials,
    RequestRedirect, ResponseType,
};

/// `on_web_page`: true in `www/`, where CORS applies and errors should say so. `rehearsal`: answer
/// from the built-in documents of `rehearsal.rs` instead of the network (the same code path
/// otherwise, which is the point of a rehearsal).
pub struct BrowserFetch {
    pub on_web_page: bool,
    pub rehearsal: bool,
}

impl BrowserFetch {
    /// The extension's background (or page) asking the network: no CORS, no rehearsal.
    pub const BACKGROUND: BrowserFetch = BrowserFetch { on_web_page: false, rehearsal: false };
}

/// Aborts its request when dropped: when the gate's timeout drops the fetch future, or a body
/// over the cap ends the read, the browser closes the connection instead of reading on
/// (a dropped promise alone does not stop a fetch). Aborting a finished fetch does nothing.
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Fetch for BrowserFetch {
    async fn get(&self, request: FetchRequest<'_>) -> Result<FetchResponse, FetchError> {
        let abort = AbortOnDrop(AbortController::new().map_err(|e| FetchError::Other(js_text(&e)))?);
        let signal = abort.0.signal();
        let outgoing = match request.method {
            Method::Get => Request::get(request.url.as_str()),
            Method::Post => Request::post(request.url.as_str()),
        };
        let outgoing = match request.authorization {
            Some(authorization) => outgoing.header("Authorization", authorization),
            None => outgoing,
        };
        let outgoing = outgoing
            .header("Accept", request.accept)
            // No cookies, no cache poisoning by the page.
            .credentials(RequestCredentials::Omit)
            .cache(RequestCache::NoStore)
            // Never followed by the browser: the gate judges every hop. A browser shows an
            // extension's fetch a redirect as opaque (no status, no Location), so it ends here.
            .redirect(RequestRedirect::Manual)
            .abort_signal(Some(&signal));
        // Fedilens names itself where the browser lets it: Firefox sends an extension's
        // User-Agent; Chromium replaces it with its own (crbug.com/571722). Never from a web
        // page (`www/`): a User-Agent header makes the request preflighted, which most servers'
        // CORS does not allow.
        let outgoing = if self.on_web_page { outgoing } else { outgoing.header("User-Agent", USER_AGENT) };
        let built = match request.body {
            Some(body) => outgoing.header("Content-Type", body.content_type).body(Uint8Array::from(body.bytes)),
            None => outgoing.build(),
        }
        .map_err(|e| FetchError::Other(e.to_string()))?;
        let response = if self.rehearsal {
            // All but the network: the request is built, and a built-in answer read, as for real.
            super::rehearsal::response(&request)?
        } else {
            built.send().await.map_err(|e| {
                // A TypeError: the browser does not say whether DNS, TLS or CORS failed.
                let what = e.to_string();
                if self.on_web_page {
                    FetchError::CorsLikely(what)
                } else {
                    FetchError::Connect(what)
                }
            })?
        };
        if response.type_() == ResponseType::Opaqueredirect {
            return Err(FetchError::HiddenRedirect);
        }
        let headers = response.headers();
        let too_large = headers
            .get("content-length")
            .and_then(|n| n.parse::<u64>().ok())
            .is_some_and(|n| n > request.max_body_bytes as u64);
        if too_large {
            return Err(FetchError::BodyTooLarge);
        }
        let url = crate::core::text::weburl::Url::parse(&response.url()).unwrap_or_else(|_| request.url.clone());
        let status = response.status();
        let content_type = headers.get("content-type");
        let location = headers.get("location");
        let caching = CachingHeaders {
            cache_control: headers.get("cache-control"),
            expires: headers.get("expires"),
            date: headers.get("date"),
            retry_after: headers.get("retry-after"),
        };
        let body = read_capped(&response, request.max_body_bytes).await?;
        drop(abort);
        Ok(FetchResponse { status, url, content_type, location, caching, body })
    }

    async fn sleep(&self, ms: u64) {
        let _ = JsFuture::from(timeout_promise(ms)).await;
    }
}

/// The body, chunk by chunk as the network delivers it, refused as soon as it passes `cap`
/// (a body without Content-Length, or one that lies about it, is never held whole).
async fn read_capped(response: &Response, cap: usize) -> Result<Vec<u8>, FetchError> {
    let Some(stream) = response.body() else { return Ok(Vec::new()) };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    loop {
        let chunk: ReadableStreamReadResult =
            JsFuture::from(reader.read()).await.map_err(|e| FetchError::Other(js_text(&e)))?.unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            return Ok(body);
        }
        let Ok(bytes) = chunk.get_value().dyn_into::<Uint8Array>() else {
            return Err(FetchError::Other("the body stream gave something other than bytes".into()));
        };
        let start = body.len();
        if start + bytes.length() as usize > cap {
            let _ = reader.cancel();
            return Err(FetchError::BodyTooLarge);
        }
        body.resize(start + bytes.length() as usize, 0);
        bytes.copy_to(&mut body[start..]);
    }
}

fn js_text(error: &JsValue) -> String {
    Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser gave an error without a message".into())
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
