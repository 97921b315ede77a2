//! A fixture-backed `Fetch` for tests of the core: URLs map to canned answers, built from the
//! real documents in `tests/fixtures/`. It proves parsing and logic, never the network.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use fedilens::core::net::caching::CachingHeaders;
use fedilens::{Fetch, FetchError, FetchRequest, FetchResponse};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use url::Url;

pub fn fixture(path: &str) -> Vec<u8> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("fixture {}: {e}", full.display()))
}

pub fn fixture_str(path: &str) -> String {
    String::from_utf8(fixture(path)).unwrap()
}

#[derive(Clone)]
pub enum Route {
    Answer {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    Redirect(String),
    Hang,
    Fail(FetchError),
    /// A JSON answer with caching headers.
    WithCaching {
        status: u16,
        caching: CachingHeaders,
        body: Vec<u8>,
    },
}

/// The canned web. Unknown URLs answer 404.
#[derive(Default)]
pub struct FakeWeb {
    routes: HashMap<String, Route>,
    pub requested: RefCell<Vec<String>>,
}

pub const THREADS_NOT_FOUND: &str = r#"{"success":false,"error":"Not found"}"#;

impl FakeWeb {
    pub fn new() -> FakeWeb {
        FakeWeb::default()
    }

    pub fn route(mut self, url: &str, route: Route) -> FakeWeb {
        let key = Url::parse(url).unwrap().to_string();
        self.routes.insert(key, route);
        self
    }

    pub fn json(self, url: &str, body: impl Into<Vec<u8>>) -> FakeWeb {
        self.answer(url, 200, "application/json", body)
    }

    pub fn activity(self, url: &str, body: impl Into<Vec<u8>>) -> FakeWeb {
        self.answer(url, 200, "application/activity+json; charset=utf-8", body)
    }

    pub fn answer(self, url: &str, status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> FakeWeb {
        self.route(url, Route::Answer { status, content_type, body: body.into() })
    }

    /// WebFinger for `acct:user@host` on `host`.
    pub fn webfinger(self, handle: &str, body: impl Into<Vec<u8>>) -> FakeWeb {
        let url = webfinger_url(handle);
        self.answer(&url, 200, "application/jrd+json; charset=utf-8", body)
    }

    /// NodeInfo discovery on `host` pointing at a 2.0 document with `body`.
    pub fn nodeinfo(self, host: &str, body: impl Into<Vec<u8>>) -> FakeWeb {
        let doc = format!("https://{host}/nodeinfo/2.0");
        let discovery =
            format!(r#"{{"links":[{{"rel":"http://nodeinfo.diaspora.software/ns/schema/2.0","href":"{doc}"}}]}}"#);
        self.json(&format!("https://{host}/.well-known/nodeinfo"), discovery).json(&doc, body)
    }

    pub fn requests_to(&self, host: &str) -> usize {
        self.requested
            .borrow()
            .iter()
            .filter(|u| Url::parse(u).ok().and_then(|u| u.host_str().map(|h| h == host)).unwrap_or(false))
            .count()
    }
}

pub fn webfinger_url(handle: &str) -> String {
    let (_, host) = handle.rsplit_once('@').unwrap();
    let mut url = Url::parse(&format!("https://{host}/.well-known/webfinger")).unwrap();
    url.query_pairs_mut().append_pair("resource", &format!("acct:{handle}"));
    url.to_string()
}

impl Fetch for FakeWeb {
    async fn get(&self, request: FetchRequest<'_>) -> Result<FetchResponse, FetchError> {
        let url = request.url.clone();
        self.requested.borrow_mut().push(url.to_string());
        let route = self.routes.get(url.as_str()).cloned().unwrap_or(Route::Answer {
            status: 404,
            content_type: "text/plain",
            body: b"not found".to_vec(),
        });
        match route {
            Route::Answer { status, content_type, body } => Ok(FetchResponse {
                status,
                url,
                content_type: Some(content_type.to_string()),
                location: None,
                caching: CachingHeaders::default(),
                body,
            }),
            Route::Redirect(location) => Ok(FetchResponse {
                status: 302,
                url,
                content_type: None,
                location: Some(location),
                caching: CachingHeaders::default(),
                body: Vec::new(),
            }),
            Route::WithCaching { status, caching, body } => {
                let content_type = Some("application/json".to_string());
                Ok(FetchResponse { status, url, content_type, location: None, caching, body })
            }
            Route::Hang => std::future::pending().await,
            Route::Fail(e) => Err(e),
        }
    }

    async fn sleep(&self, _ms: u64) {}
}

/// Runs a future to completion on a fresh single-threaded runtime.
pub fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(f)
}
