//! Egress policy: which URLs the resolver may fetch, and how much. Enforced by the resolver for
//! every request and every redirect hop, whatever the `Fetch` implementation underneath.

use crate::core::text::weburl::{Host, Url};
use crate::core::words::{msg, Msg};
use std::net::{Ipv4Addr, Ipv6Addr};

/// Budgets for one resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bodies larger than this are refused (real actors and NodeInfo are a few KiB).
    pub max_body_bytes: usize,
    /// Per request, including redirects.
    pub timeout_ms: u64,
    pub max_redirects: u8,
    /// Requests per resolution: a hostile server cannot make us crawl.
    pub max_requests: u16,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_body_bytes: 1024 * 1024, timeout_ms: 10_000, max_redirects: 3, max_requests: 16 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyError {
    NotHttps(String),
    PrivateAddress(String),
    LocalName(String),
    Credentials(String),
    TooManyRequests(u16),
    TooManyRedirects(String),
    /// A redirect the environment does not show the target of (see `FetchError::HiddenRedirect`).
    HiddenRedirect(String),
}

impl PolicyError {
    pub fn msg(&self) -> Msg {
        match self {
            PolicyError::NotHttps(u) => msg::refused_not_https(u),
            PolicyError::PrivateAddress(u) => msg::refused_private(u),
            PolicyError::LocalName(u) => msg::refused_local_name(u),
            PolicyError::Credentials(u) => msg::refused_credentials(u),
            PolicyError::TooManyRequests(n) => msg::refused_too_many_requests(*n),
            PolicyError::TooManyRedirects(u) => msg::refused_too_many_redirects(u),
            PolicyError::HiddenRedirect(u) => msg::refused_hidden_redirect(u),
        }
    }
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.msg())
    }
}

impl std::error::Error for PolicyError {}

/// Checks one URL against the policy. Names are judged by their text, not by what they resolve to.
pub fn check_url(url: &Url) -> Result<(), PolicyError> {
    let shown = url.as_str().to_string();
    if url.scheme() != "https" {
        return Err(PolicyError::NotHttps(shown));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(PolicyError::Credentials(shown));
    }
    match url.host() {
        None => Err(PolicyError::LocalName(shown)),
        Some(Host::Ipv4(ip)) if !is_public_v4(ip) => Err(PolicyError::PrivateAddress(shown)),
        Some(Host::Ipv6(ip)) if !is_public_v6(ip) => Err(PolicyError::PrivateAddress(shown)),
        Some(Host::Domain(name)) if is_local_name(name) => Err(PolicyError::LocalName(shown)),
        Some(_) => Ok(()),
    }
}

/// `text` as a URL the panel may render as a link, open, or load (an avatar): one the policy
/// would fetch (https, no private address, no local name, no credentials), or `None`. A
/// `javascript:` or `http:` URL from a remote document never becomes something to click.
pub fn linkable(text: &str) -> Option<String> {
    let url = Url::parse(text).ok()?;
    check_url(&url).ok()?;
    Some(url.to_string())
}

fn is_local_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let local_suffixes = [".localhost", ".local", ".internal", ".lan", ".home.arpa"];
    name == "localhost" || !name.contains('.') || local_suffixes.iter().any(|s| name.ends_with(s))
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    let shared_cgnat = a == 100 && (64..128).contains(&b);
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || shared_cgnat
        || a == 0)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let first = ip.segments()[0];
    let unique_local = first & 0xfe00 == 0xfc00;
    let link_local = first & 0xffc0 == 0xfe80;
    !(ip.is_loopback() || ip.is_unspecified() || ip.is_multicast() || unique_local || link_local)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) -> Result<(), PolicyError> {
        check_url(&Url::parse(s).unwrap())
    }

    #[test]
    fn public_https_hosts_pass() {
        assert_eq!(check("https://threads.net/.well-known/webfinger?resource=acct:a@threads.net"), Ok(()));
        assert_eq!(check("https://93.184.216.34/users/a"), Ok(()));
    }

    #[test]
    fn refuses_what_a_hostile_document_could_point_at() {
        assert!(matches!(check("http://mastodon.social/users/a"), Err(PolicyError::NotHttps(_))));
        assert!(matches!(check("ftp://mastodon.social/"), Err(PolicyError::NotHttps(_))));
        for private in [
            "https://127.0.0.1/",
            "https://10.0.0.8/",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/",
            "https://[fd00::1]/",
            "https://[fe80::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://0.0.0.0/",
            "https://100.64.0.1/",
        ] {
            assert!(matches!(check(private), Err(PolicyError::PrivateAddress(_))), "{private}");
        }
        for local in ["https://localhost/", "https://printer.local/", "https://db.internal/", "https://intranet/"] {
            assert!(matches!(check(local), Err(PolicyError::LocalName(_))), "{local}");
        }
        assert!(matches!(check("https://user:pw@mastodon.social/"), Err(PolicyError::Credentials(_))));
    }

    #[test]
    fn only_urls_the_policy_would_fetch_are_linkable() {
        assert_eq!(linkable("https://mastodon.social/@Gargron").as_deref(), Some("https://mastodon.social/@Gargron"));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "http://mastodon.social/@a",
            "data:text/html,<script>alert(1)</script>",
            "https://127.0.77.1/avatar.png",
            "https://user@mastodon.social/",
            "/relative",
            "",
        ] {
            assert_eq!(linkable(bad), None, "{bad}");
        }
    }

    #[test]
    fn errors_name_the_url() {
        let err = check("http://example.com/x").unwrap_err();
        assert!(err.to_string().contains("http://example.com/x"));
    }
}
