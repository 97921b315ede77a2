//! The CLI's `Fetch`: reqwest over rustls, redirects left to the core's gate, curl-style
//! `--resolve` and `--cacert` for test servers (they change where a name connects and which CA
//! is trusted, never what the egress policy allows).

use crate::core::net::caching::CachingHeaders;
use crate::core::net::fetch::{Fetch, FetchError, FetchRequest, FetchResponse, Method};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// One `--resolve HOST:PORT:ADDR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveRule {
    pub host: String,
    pub port: u16,
    pub addr: IpAddr,
}

impl std::str::FromStr for ResolveRule {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("--resolve expects HOST:PORT:ADDR, got {s:?}");
        let (host, rest) = s.split_once(':').ok_or_else(bad)?;
        let (port, addr) = rest.split_once(':').ok_or_else(bad)?;
        let addr = addr.trim_start_matches('[').trim_end_matches(']');
        Ok(ResolveRule {
            host: host.to_ascii_lowercase(),
            port: port.parse().map_err(|_| bad())?,
            addr: addr.parse().map_err(|_| bad())?,
        })
    }
}

pub struct NativeFetch {
    client: reqwest::Client,
}

impl NativeFetch {
    /// `timeout` bounds each request; the core's gate enforces its own timeout on top.
    pub fn new(resolve: &[ResolveRule], cacert_pem: Option<&[u8]>, timeout: Duration) -> Result<NativeFetch, String> {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(crate::core::net::fetch::USER_AGENT);
        for rule in resolve {
            builder = builder.resolve(&rule.host, SocketAddr::new(rule.addr, rule.port));
        }
        if let Some(pem) = cacert_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| format!("--cacert: {e}"))?;
            if certs.is_empty() {
                return Err("--cacert: no certificate in the file".into());
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        let client = builder.build().map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
        Ok(NativeFetch { client })
    }
}

fn classify(error: &reqwest::Error) -> FetchError {
    if error.is_timeout() {
        return FetchError::Timeout;
    }
    // The useful words are deep in the source chain ("dns error", "invalid peer certificate");
    // the top level repeats the URL, which the caller already names.
    let mut causes = Vec::new();
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        causes.push(s.to_string());
        source = s.source();
    }
    let chain = causes.last().cloned().unwrap_or_else(|| error.to_string());
    let lower = chain.to_ascii_lowercase();
    if lower.contains("dns error") || lower.contains("failed to lookup") {
        FetchError::Dns(chain)
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
        FetchError::Tls(chain)
    } else if error.is_connect() {
        FetchError::Connect(chain)
    } else {
        FetchError::Other(chain)
    }
}

impl Fetch for NativeFetch {
    async fn get(&self, request: FetchRequest<'_>) -> Result<FetchResponse, FetchError> {
        let mut outgoing = match request.method {
            Method::Get => self.client.get(request.url.as_str()),
            Method::Post => self.client.post(request.url.as_str()),
        }
        .header(reqwest::header::ACCEPT, request.accept);
        if let Some(body) = request.body {
            outgoing = outgoing.header(reqwest::header::CONTENT_TYPE, body.content_type).body(body.bytes.to_vec());
        }
        if let Some(authorization) = request.authorization {
            outgoing = outgoing.header(reqwest::header::AUTHORIZATION, authorization);
        }
        let mut response = outgoing.send().await.map_err(|e| classify(&e))?;
        let header = |name: reqwest::header::HeaderName| {
            response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
        };
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let location = header(reqwest::header::LOCATION);
        let caching = CachingHeaders {
            cache_control: header(reqwest::header::CACHE_CONTROL),
            expires: header(reqwest::header::EXPIRES),
            date: header(reqwest::header::DATE),
            retry_after: header(reqwest::header::RETRY_AFTER),
        };
        let status = response.status().as_u16();
        let url =
            crate::core::text::weburl::Url::parse(response.url().as_str()).unwrap_or_else(|_| request.url.clone());
        if response.content_length().is_some_and(|n| n > request.max_body_bytes as u64) {
            return Err(FetchError::BodyTooLarge);
        }
        // Read in chunks and stop as soon as the cap is passed: a huge body never fills memory.
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e))? {
            body.extend_from_slice(&chunk);
            if body.len() > request.max_body_bytes {
                return Err(FetchError::BodyTooLarge);
            }
        }
        Ok(FetchResponse { status, url, content_type, location, caching, body })
    }

    async fn sleep(&self, ms: u64) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_rules_parse_like_curl() {
        let r: ResolveRule = "Threads.net:443:127.0.0.7".parse().unwrap();
        assert_eq!(r, ResolveRule { host: "threads.net".into(), port: 443, addr: "127.0.0.7".parse().unwrap() });
        let v6: ResolveRule = "a.example:443:[::1]".parse().unwrap();
        assert_eq!(v6.addr, "::1".parse::<IpAddr>().unwrap());
        assert!("threads.net:443".parse::<ResolveRule>().is_err());
        assert!("threads.net:x:127.0.0.1".parse::<ResolveRule>().is_err());
    }
}
