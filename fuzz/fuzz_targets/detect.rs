//! Detection over page signals as the content script sends them (JSON text), and over a bare
//! URL: always a detection, never a panic.
#![no_main]
use fedilens::core::text::json::Json;
use fedilens::{detect, detect_url, PageSignals};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(signals) = Json::parse(data) {
        let found = detect(&PageSignals::from_json(&signals));
        // A page's accounts (accounts.rs): at most 50 listed, each once, the count at least them,
        // and no wave asking more than its bounds.
        if let Some(accounts) = &found.accounts {
            let listed = &accounts.listed;
            assert!(listed.len() >= 2 && listed.len() <= fedilens::core::identity::accounts::MAX_LISTED);
            assert!(accounts.named >= listed.len());
            for (i, a) in listed.iter().enumerate() {
                assert!(listed[..i].iter().all(|b| !b.handle.same_account(&a.handle)), "{} twice", a.handle);
                let wave: Vec<_> = listed.iter().filter(|b| b.wave == a.wave).collect();
                assert!(wave.len() <= fedilens::core::identity::accounts::AT_ONCE);
                assert!(wave.iter().filter(|b| b.handle.host() == a.handle.host()).count() <= fedilens::core::identity::accounts::PER_HOST);
            }
            assert_eq!(found.target.as_deref(), Some(listed[0].target.as_str()));
        }
    }
    if let Ok(url) = std::str::from_utf8(data) {
        let _ = detect_url(url);
    }
});
