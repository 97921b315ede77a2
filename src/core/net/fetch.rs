//! The `Fetch` trait the resolver is generic over (browser fetch in wasm, an HTTP client in the
//! CLI, fixtures in tests), and the gate that applies the egress policy to every request.

use crate::core::net::caching::CachingHeaders;
use crate::core::net::egress::{self, Limits, PolicyError};
use crate::core::text::json::{Json, JsonError};
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};
use futures_util::future::{select, Either};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::future::Future;

#[derive(Debug, Clone, Copy)]
pub struct FetchRequest<'a> {
    pub url: &'a Url,
    pub accept: &'a str,
    /// Implementations should stop reading past this; the gate refuses larger bodies anyway.
    pub max_body_bytes: usize,
    pub timeout_ms: u64,
    /// GET for every document; POST only for a home instance's API (issue 14).
    pub method: Method,
    pub body: Option<Body<'a>>,
    /// `Authorization`, for a home instance's API only: never sent anywhere else.
    pub authorization: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// A request's body: its media type and bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Body<'a> {
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchResponse {
    pub status: u16,
    /// The URL that answered: differs from the request when the implementation followed redirects.
    pub url: Url,
    pub content_type: Option<String>,
    /// `Location` of a 3xx answer, for implementations that do not follow redirects.
    pub location: Option<String>,
    /// `Cache-Control`, `Expires`, `Date`, `Retry-After`, as sent.
    pub caching: CachingHeaders,
    pub body: Vec<u8>,
}

/// What went wrong below HTTP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    Dns(String),
    Connect(String),
    Tls(String),
    Timeout,
    BodyTooLarge,
    /// The server redirected, and the environment hides where to (a browser gives an extension's
    /// fetch an opaque redirect): the next hop cannot be judged, so it is not taken.
    HiddenRedirect,
    /// Blocked by the environment (a browser's CORS, for instance).
    Blocked(String),
    /// A web page's fetch failed, which is most often the server's CORS policy (the browser does
    /// not say): only `www/` meets it, never the extension.
    CorsLikely(String),
    Other(String),
}

impl FetchError {
    pub fn msg(&self) -> Msg {
        match self {
            FetchError::Dns(e) => msg::fetch_dns(e),
            FetchError::Connect(e) => msg::fetch_connect(e),
            FetchError::Tls(e) => msg::fetch_tls(e),
            FetchError::Timeout => msg::fetch_timeout(),
            FetchError::BodyTooLarge => msg::fetch_too_large(),
            FetchError::HiddenRedirect => msg::fetch_hidden_redirect(),
            FetchError::Blocked(e) => msg::fetch_blocked(e),
            FetchError::CorsLikely(e) => msg::fetch_cors_likely(e),
            FetchError::Other(e) => msg::fetch_other(e),
        }
    }
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.msg())
    }
}

/// Where the project lives: servers' operators write there (the README's "For server operators"),
/// and apps Fedilens registers on home instances name it as their website.
pub const PROJECT_URL: &str = "https://github.com/fedilens/fedilens";

/// How Fedilens names itself to servers (`User-Agent`), so that their operators can tell its
/// requests apart and know where to write.
pub const USER_AGENT: &str =
    concat!("Fedilens/", env!("CARGO_PKG_VERSION"), " (+https://github.com/fedilens/fedilens)");

/// An HTTP GET, and a timer the gate uses to enforce its timeout on any implementation.
pub trait Fetch {
    fn get(&self, request: FetchRequest<'_>) -> impl Future<Output = Result<FetchResponse, FetchError>>;
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
}

/// Why the gate returned no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateError {
    Refused(PolicyError),
    Network { url: String, error: FetchError },
    Timeout { url: String, ms: u64 },
    TooLarge { url: String, limit: usize },
}

impl GateError {
    pub fn msg(&self) -> Msg {
        match self {
            GateError::Refused(p) => p.msg(),
            GateError::Network { url, error } => msg::fetch_failed(url, error.msg()),
            GateError::Timeout { url, ms } => msg::gate_timeout(url, ms / 1000),
            GateError::TooLarge { url, limit } => msg::gate_too_large(url, limit / 1024),
        }
    }
}

impl std::fmt::Display for GateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.msg())
    }
}

/// One request, for the evidence list and for counting round trips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestRecord {
    pub url: String,
    pub status: Option<u16>,
    pub error: Option<String>,
}

/// A response the gate let through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub url: Url,
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// The Accept header for plain JSON documents (NodeInfo, APIs).
pub const ACCEPT_JSON: &str = "application/json";
/// How much of a non-JSON body is kept as evidence.
const TEXT_PREVIEW_BYTES: usize = 2048;

impl Fetched {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as evidence: its JSON (read once, by the caller), or the start of its text.
    pub fn evidence(&self, parsed: Result<Json, JsonError>) -> Json {
        parsed.unwrap_or_else(|_| {
            let end = self.body.len().min(TEXT_PREVIEW_BYTES);
            Json::String(String::from_utf8_lossy(&self.body[..end]).into_owned())
        })
    }

    /// Whether the answer is labelled as JSON: ActivityPub's `application/activity+json` and
    /// `application/ld+json; profile=…` (W3C ActivityPub §3.2), any other `+json`, or plain
    /// `application/json`, which some servers send. An answer with no type at all is read too;
    /// HTML, text, images and the rest are not JSON documents, whatever their bytes.
    pub fn is_json_media(&self) -> bool {
        let Some(media) = self.content_type.as_deref() else { return true };
        let essence = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
    }
}

/// Applies the egress policy and the limits to every request and redirect hop.
pub struct Gate<'f, F> {
    fetch: &'f F,
    limits: Limits,
    requests: Cell<u16>,
    log: RefCell<Vec<RequestRecord>>,
    /// Answers already fetched in this resolution, by (URL, Accept): asking twice costs nothing.
    /// A list, not a map: a resolution makes a dozen requests at most (and a map's hashing code
    /// costs the wasm more than the search).
    cache: RefCell<Vec<(String, String, Fetched)>>,
    /// The shortest freshness lifetime any answer gave, and the longest wait a 429/503 asked for.
    fresh_for: Cell<Option<u64>>,
    retry_after: Cell<Option<u64>>,
}

impl<'f, F: Fetch> Gate<'f, F> {
    pub fn new(fetch: &'f F, limits: Limits) -> Self {
        Gate {
            fetch,
            limits,
            requests: Cell::new(0),
            log: RefCell::new(Vec::new()),
            cache: RefCell::new(Vec::new()),
            fresh_for: Cell::new(None),
            retry_after: Cell::new(None),
        }
    }

    pub fn into_log(self) -> Vec<RequestRecord> {
        self.log.into_inner()
    }

    /// How long the servers let these answers be reused (the shortest lifetime any gave), and how
    /// long a server that answered 429 or 503 asked to be left alone (the longest).
    pub fn freshness(&self) -> (Option<u64>, Option<u64>) {
        (self.fresh_for.get(), self.retry_after.get())
    }

    fn note_caching(&self, status: u16, caching: &CachingHeaders) {
        if let Some(lifetime) = caching.lifetime() {
            self.fresh_for.set(Some(self.fresh_for.get().map_or(lifetime, |f| f.min(lifetime))));
        }
        if matches!(status, 429 | 503) {
            if let Some(wait) = caching.retry_after() {
                self.retry_after.set(Some(self.retry_after.get().map_or(wait, |r| r.max(wait))));
            }
        }
    }

    fn record(&self, url: &Url, status: Option<u16>, error: Option<String>) {
        self.log.borrow_mut().push(RequestRecord { url: url.to_string(), status, error });
    }

    pub async fn get(&self, url: &Url, accept: &str) -> Result<Fetched, GateError> {
        let hit =
            self.cache.borrow().iter().find(|(u, a, _)| u == url.as_str() && a == accept).map(|(_, _, f)| f.clone());
        if let Some(hit) = hit {
            return Ok(hit);
        }
        let fetched = self.send(url, accept, Method::Get, None, None).await?;
        self.cache.borrow_mut().push((url.to_string(), accept.to_string(), fetched.clone()));
        Ok(fetched)
    }

    /// Any request, uncached (`get` caches documents): a home instance's API calls (issue 14) go
    /// under the same policy, limits and timeout as every document, and a redirect is followed
    /// only for a GET without credentials (it would carry them elsewhere): otherwise its 3xx
    /// comes back as the answer.
    pub async fn send(
        &self,
        url: &Url,
        accept: &str,
        method: Method,
        body: Option<Body<'_>>,
        authorization: Option<&str>,
    ) -> Result<Fetched, GateError> {
        let follows_redirects = method == Method::Get && authorization.is_none();
        let mut current = url.clone();
        for hop in 0..=self.limits.max_redirects {
            egress::check_url(&current).map_err(GateError::Refused)?;
            if self.requests.get() >= self.limits.max_requests {
                return Err(GateError::Refused(PolicyError::TooManyRequests(self.limits.max_requests)));
            }
            self.requests.set(self.requests.get() + 1);
            let request = FetchRequest {
                url: &current,
                accept,
                max_body_bytes: self.limits.max_body_bytes,
                timeout_ms: self.limits.timeout_ms,
                method,
                body,
                authorization,
            };
            let get = Box::pin(self.fetch.get(request));
            let timer = Box::pin(self.fetch.sleep(self.limits.timeout_ms));
            let response = match select(get, timer).await {
                Either::Left((Ok(response), _)) => response,
                Either::Left((Err(FetchError::Timeout), _)) | Either::Right(_) => {
                    self.record(&current, None, Some("timeout".into()));
                    return Err(GateError::Timeout { url: current.to_string(), ms: self.limits.timeout_ms });
                }
                Either::Left((Err(FetchError::BodyTooLarge), _)) => {
                    self.record(&current, None, Some("too large".into()));
                    return Err(GateError::TooLarge { url: current.to_string(), limit: self.limits.max_body_bytes });
                }
                Either::Left((Err(FetchError::HiddenRedirect), _)) => {
                    self.record(&current, None, Some("redirect".into()));
                    return Err(GateError::Refused(PolicyError::HiddenRedirect(current.to_string())));
                }
                Either::Left((Err(error), _)) => {
                    self.record(&current, None, Some(error.to_string()));
                    return Err(GateError::Network { url: current.to_string(), error });
                }
            };
            self.record(&current, Some(response.status), None);
            self.note_caching(response.status, &response.caching);
            // An implementation that followed redirects itself: judge where it ended up.
            if response.url != current {
                egress::check_url(&response.url).map_err(GateError::Refused)?;
            }
            if (300..400).contains(&response.status) && follows_redirects {
                let next = response.location.as_deref().and_then(|l| response.url.join(l).ok());
                if let Some(next) = next {
                    if hop == self.limits.max_redirects {
                        return Err(GateError::Refused(PolicyError::TooManyRedirects(next.to_string())));
                    }
                    current = next;
                    continue;
                }
            }
            if response.body.len() > self.limits.max_body_bytes {
                return Err(GateError::TooLarge { url: response.url.to_string(), limit: self.limits.max_body_bytes });
            }
            return Ok(Fetched {
                url: response.url,
                status: response.status,
                content_type: response.content_type,
                body: response.body,
            });
        }
        Err(GateError::Refused(PolicyError::TooManyRedirects(current.to_string())))
    }
}
