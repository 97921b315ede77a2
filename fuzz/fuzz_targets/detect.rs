//! Detection over page signals as the content script sends them (JSON text), and over a bare
//! URL: always a detection, never a panic.
#![no_main]
use fedilens::core::json::Json;
use fedilens::{detect, detect_url, PageSignals};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(signals) = Json::parse(data) {
        let _ = detect(&PageSignals::from_json(&signals));
    }
    if let Ok(url) = std::str::from_utf8(data) {
        let _ = detect_url(url);
    }
});
