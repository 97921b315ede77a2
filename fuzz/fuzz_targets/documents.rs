//! The readers of untrusted documents: WebFinger (JRD), ActivityPub objects, NodeInfo, a home
//! instance's domain blocks. Any bytes: a value or an error, never a panic.
#![no_main]
use fedilens::core::protocol::activitypub::ApObject;
use fedilens::core::protocol::domain_blocks::parse_mastodon_blocks;
use fedilens::core::protocol::nodeinfo::NodeInfo;
use fedilens::core::protocol::webfinger::Jrd;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(jrd) = Jrd::parse(data) {
        let _ = (jrd.avatar(), jrd.subscribe_template(), jrd.fep_3b86_follow_template());
    }
    let _ = ApObject::parse(data);
    let _ = NodeInfo::parse(data);
    let _ = parse_mastodon_blocks(data);
    // Caching headers as a server may send them.
    if let Ok(text) = std::str::from_utf8(data) {
        let headers = fedilens::core::net::caching::CachingHeaders {
            cache_control: Some(text.into()),
            expires: Some(text.into()),
            date: Some(text.into()),
            retry_after: Some(text.into()),
        };
        let _ = (headers.lifetime(), headers.retry_after());
    }
});
