//! The home instance's published relationship to a target domain: Mastodon's public
//! `/api/v1/instance/domain_blocks`, Pleroma/Akkoma's NodeInfo MRF reject list.

use crate::core::text::json::Json;
use crate::core::words::{msg, Msg};
use serde::Serialize;

/// Mastodon's public list of blocked domains.
pub const MASTODON_DOMAIN_BLOCKS_PATH: &str = "/api/v1/instance/domain_blocks";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainBlock {
    /// The domain as published (Mastodon may obfuscate letters with `*`).
    pub domain: String,
    /// `suspend` (no federation at all) or `silence` (limited); `reject` for Pleroma's MRF.
    pub severity: String,
    pub comment: Option<String>,
    /// The published domain was obfuscated, so the match is by shape, not certain.
    pub obfuscated: bool,
}

impl DomainBlock {
    /// Does this block stop federation with the target (as opposed to limiting it)?
    pub fn blocks_following(&self) -> bool {
        matches!(self.severity.as_str(), "suspend" | "reject")
    }

    /// What the block means for a reader on `home_host`: said once, here, for the CLI's notes and
    /// the panel's warning alike.
    pub fn warning(&self, home_host: &str) -> Msg {
        if self.blocks_following() {
            msg::home_blocks(home_host, &self.domain)
        } else {
            msg::home_silences(home_host, &self.domain)
        }
    }
}

/// Parses Mastodon's domain-block list (`[{domain, digest, severity, comment}]`).
pub fn parse_mastodon_blocks(body: &[u8]) -> Option<Vec<DomainBlock>> {
    let list = Json::parse(body).ok()?;
    let items = list.as_array()?;
    Some(
        items
            .iter()
            .filter_map(|b| {
                let domain = b.get("domain")?.as_str()?.to_ascii_lowercase();
                Some(DomainBlock {
                    obfuscated: domain.contains('*'),
                    severity: b.get("severity").and_then(Json::as_str).unwrap_or("suspend").to_string(),
                    comment: b.get("comment").and_then(Json::as_str).filter(|c| !c.is_empty()).map(str::to_string),
                    domain,
                })
            })
            .collect(),
    )
}

/// Pleroma/Akkoma MRF rejects, as blocks.
pub fn from_mrf_rejects(domains: &[String]) -> Vec<DomainBlock> {
    domains
        .iter()
        .map(|d| DomainBlock {
            domain: d.to_ascii_lowercase(),
            severity: "reject".into(),
            comment: None,
            obfuscated: false,
        })
        .collect()
}

/// The block that applies to `host`, if any: the domain itself or a parent domain
/// (`*.example.com` and `example.com` both cover `a.example.com`).
pub fn block_for<'a>(blocks: &'a [DomainBlock], host: &str) -> Option<&'a DomainBlock> {
    let host = host.to_ascii_lowercase();
    blocks.iter().find(|b| {
        let pattern = b.domain.strip_prefix("*.").unwrap_or(&b.domain);
        if b.obfuscated && !b.domain.starts_with("*.") {
            return suffixes(&host).any(|s| obfuscated_match(pattern, s));
        }
        suffixes(&host).any(|s| s == pattern)
    })
}

/// `a.b.c` → `a.b.c`, `b.c`, `c`.
fn suffixes(host: &str) -> impl Iterator<Item = &str> {
    std::iter::once(host).chain(host.match_indices('.').map(move |(i, _)| &host[i + 1..]))
}

/// Mastodon hides letters as `*`, one per letter: `thr*ads.net` matches `threads.net`.
fn obfuscated_match(pattern: &str, host: &str) -> bool {
    pattern.chars().count() == host.chars().count()
        && pattern.chars().zip(host.chars()).all(|(p, h)| p == '*' || p == h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastodon_blocks_cover_subdomains_and_obfuscated_names() {
        let blocks = parse_mastodon_blocks(br#"[{"domain":"threads.net","digest":"x","severity":"suspend","comment":"Meta"},{"domain":"b*d.example","severity":"silence","comment":""}]"#).unwrap();
        let b = block_for(&blocks, "www.threads.net").unwrap();
        assert_eq!(b.domain, "threads.net");
        assert!(b.blocks_following());
        assert_eq!(b.comment.as_deref(), Some("Meta"));
        let o = block_for(&blocks, "bad.example").unwrap();
        assert!(o.obfuscated && !o.blocks_following());
        assert!(block_for(&blocks, "notthreads.net").is_none());
        assert!(parse_mastodon_blocks(b"{\"error\":\"unauthorized\"}").is_none());
    }

    #[test]
    fn mrf_wildcards() {
        let blocks = from_mrf_rejects(&["*.10minutepleroma.com".into()]);
        assert!(block_for(&blocks, "x.10minutepleroma.com").is_some());
        assert!(block_for(&blocks, "10minutepleroma.co").is_none());
    }
}
