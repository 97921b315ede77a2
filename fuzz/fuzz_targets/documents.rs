//! The readers of untrusted documents: WebFinger (JRD), ActivityPub objects, NodeInfo, a home
//! instance's domain blocks. Any bytes: a value or an error, never a panic.
#![no_main]
use fedilens::core::activitypub::ApObject;
use fedilens::core::home::parse_mastodon_blocks;
use fedilens::core::nodeinfo::NodeInfo;
use fedilens::core::webfinger::Jrd;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(jrd) = Jrd::parse(data) {
        let _ = (jrd.avatar(), jrd.subscribe_template(), jrd.fep_3b86_follow_template());
    }
    let _ = ApObject::parse(data);
    let _ = NodeInfo::parse(data);
    let _ = parse_mastodon_blocks(data);
});
