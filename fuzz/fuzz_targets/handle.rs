//! Handles, lookup targets and URLs as people type them: parsed or refused, never a panic; a
//! parsed handle reads back as itself.
#![no_main]
use fedilens::core::text::weburl::Url;
use fedilens::{Handle, Target};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(handle) = Handle::parse(text) {
        let again = Handle::parse(&handle.to_string());
        assert_eq!(again.as_ref().ok(), Some(&handle), "{handle} reads back");
    }
    let _ = Target::parse(text);
    if let Ok(url) = Url::parse(text) {
        let _ = fedilens::core::net::egress::check_url(&url);
        assert!(Url::parse(url.as_str()).is_ok(), "a serialized URL parses: {}", url.as_str());
    }
});
