//! URLs, parsed by the WHATWG URL Standard: natively by the `url` crate, in wasm by the browser's
//! own `URL`. Same standard, same answers; the browser's parser spares the extension's wasm the
//! crate's Unicode IDNA tables (about a quarter of the module). The rest of the core sees only
//! this type and the two form-encoding helpers below.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// A parsed absolute URL. Compared, hashed and shown by its serialization (`href`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Url {
    href: String,
    scheme: String,
    host: Option<String>,
    path: String,
    username: String,
    password: Option<String>,
}

/// Why a string is not a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

/// A URL's host, as the standard classifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host<'a> {
    Domain(&'a str),
    Ipv4(Ipv4Addr),
    Ipv6(Ipv6Addr),
}

impl Url {
    pub fn parse(input: &str) -> Result<Url, ParseError> {
        backend::parse(input, None)
    }

    /// `reference` resolved against this URL (a redirect's `Location`, a relative link).
    pub fn join(&self, reference: &str) -> Result<Url, ParseError> {
        backend::parse(reference, Some(&self.href))
    }

    pub fn as_str(&self) -> &str {
        &self.href
    }

    /// Without the trailing `:`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// Punycoded and lower-cased for domains; IPv6 in brackets.
    pub fn host_str(&self) -> Option<&str> {
        self.host.as_deref()
    }

    pub fn host(&self) -> Option<Host<'_>> {
        let host = self.host.as_deref()?;
        if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            return inner.parse().ok().map(Host::Ipv6);
        }
        // Special schemes serialize every IPv4 form (`0x7f.1`, `2130706433`) as dotted decimal.
        Some(host.parse().map(Host::Ipv4).unwrap_or(Host::Domain(host)))
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn username(&self) -> &str {
        &self.username
    }

    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.href)
    }
}

impl fmt::Debug for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Url({:?})", self.href)
    }
}

/// A DNS name as the URL Standard's host parser leaves it (IDNA to punycode, lower case), or
/// `None` when it is not a valid domain (an IP address, forbidden characters).
pub fn domain_to_ascii(name: &str) -> Option<String> {
    if name.is_empty() || name.contains(['/', '\\', ':', '?', '#', '[', ']', '@', '%']) {
        return None;
    }
    let url = Url::parse(&format!("https://{name}/")).ok()?;
    match url.host()? {
        Host::Domain(domain) => Some(domain.to_string()),
        Host::Ipv4(_) | Host::Ipv6(_) => None,
    }
}

/// `application/x-www-form-urlencoded` for one value (`{uri}` in follow templates, `resource=`).
pub fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(byte as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `%XX` sequences to bytes, read as UTF-8 (invalid sequences become U+FFFD); `+` stays `+`.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(not(target_arch = "wasm32"))]
mod backend {
    use super::{ParseError, Url};

    pub fn parse(input: &str, base: Option<&str>) -> Result<Url, ParseError> {
        let parsed = match base {
            Some(base) => url::Url::parse(base).and_then(|base| base.join(input)),
            None => url::Url::parse(input),
        }
        .map_err(|e| ParseError(e.to_string()))?;
        Ok(Url {
            href: parsed.to_string(),
            scheme: parsed.scheme().to_string(),
            host: parsed.host_str().filter(|h| !h.is_empty()).map(str::to_string),
            path: parsed.path().to_string(),
            username: parsed.username().to_string(),
            password: parsed.password().map(str::to_string),
        })
    }
}

#[cfg(target_arch = "wasm32")]
mod backend {
    use super::{ParseError, Url};

    pub fn parse(input: &str, base: Option<&str>) -> Result<Url, ParseError> {
        let parsed = match base {
            Some(base) => web_sys::Url::new_with_base(input, base),
            None => web_sys::Url::new(input),
        }
        .map_err(|_| ParseError("invalid URL".into()))?;
        let protocol = parsed.protocol();
        Ok(Url {
            href: parsed.href(),
            scheme: protocol.strip_suffix(':').unwrap_or(&protocol).to_string(),
            host: Some(parsed.hostname()).filter(|h| !h.is_empty()),
            path: parsed.pathname(),
            username: parsed.username(),
            password: Some(parsed.password()).filter(|p| !p.is_empty()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_joins_like_the_standard() {
        let url = Url::parse("https://Mastodon.Social/@Gargron?x=1#top").unwrap();
        assert_eq!(url.as_str(), "https://mastodon.social/@Gargron?x=1#top");
        assert_eq!((url.scheme(), url.host_str(), url.path()), ("https", Some("mastodon.social"), "/@Gargron"));
        assert_eq!(url.join("/users/Gargron").unwrap().as_str(), "https://mastodon.social/users/Gargron");
        assert_eq!(url.join("//other.example/x").unwrap().host_str(), Some("other.example"));
        assert!(Url::parse("not a url").is_err());
        assert!(Url::parse("/relative").is_err());
        let opaque = Url::parse("acct:alice@example.social").unwrap();
        assert_eq!((opaque.scheme(), opaque.host_str(), opaque.path()), ("acct", None, "alice@example.social"));
    }

    #[test]
    fn classifies_hosts() {
        let host = |s: &str| Url::parse(s).unwrap().host().map(|h| format!("{h:?}"));
        assert_eq!(host("https://0x7f.1/").as_deref(), Some("Ipv4(127.0.0.1)"));
        assert_eq!(host("https://[::1]/").as_deref(), Some("Ipv6(::1)"));
        assert_eq!(host("https://bücher.example/").as_deref(), Some("Domain(\"xn--bcher-kva.example\")"));
        let creds = Url::parse("https://user:secret@example.social/").unwrap();
        assert_eq!((creds.username(), creds.password()), ("user", Some("secret")));
    }

    #[test]
    fn domains_to_ascii() {
        assert_eq!(domain_to_ascii("Bücher.Example").as_deref(), Some("xn--bcher-kva.example"));
        assert_eq!(domain_to_ascii("127.0.0.1"), None);
        assert_eq!(domain_to_ascii("evil.example/path"), None);
        assert_eq!(domain_to_ascii(""), None);
    }

    #[test]
    fn form_encoding_round_trips() {
        let uri = "https://threads.net/ap/users/1/?a=b c&d=é";
        let encoded = form_encode(uri);
        assert_eq!(encoded, "https%3A%2F%2Fthreads.net%2Fap%2Fusers%2F1%2F%3Fa%3Db+c%26d%3D%C3%A9");
        assert_eq!(encoded, url::form_urlencoded::byte_serialize(uri.as_bytes()).collect::<String>());
        assert_eq!(percent_decode("%E3%81%82+b%2"), "あ+b%2");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }
}
