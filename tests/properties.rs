//! Property tests: no input panics the parsers, and what parses round-trips.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use fedilens::core::identity::software::match_path;
use fedilens::core::protocol::family::Family;
use fedilens::core::text::json::Json;
use fedilens::{detect, detect_url, Handle, PageSignals, Target};
use proptest::prelude::*;

proptest! {
    #[test]
    fn handle_parsing_never_panics(input in "\\PC{0,80}") {
        let _ = Handle::parse(&input);
    }

    #[test]
    fn handle_shaped_input_round_trips(user in "[a-zA-Z0-9_.]{1,20}", host in "[a-z0-9]{1,10}\\.[a-z]{2,6}") {
        let at = format!("@{user}@{host}");
        let h = Handle::parse(&at).unwrap();
        prop_assert_eq!(h.to_string(), format!("{user}@{host}"));
        prop_assert_eq!(Handle::parse(&h.acct()).unwrap(), h);
    }

    #[test]
    fn url_detection_never_panics(input in "\\PC{0,120}") {
        let _ = detect_url(&input);
        let _ = Target::parse(&input);
    }

    #[test]
    fn path_matching_never_panics(path in "(/[@a-zA-Z0-9%._~é-]{0,12}(\\.atom|\\.json|%40|%2F|%FF)?){0,6}/?") {
        let _ = match_path(&path, None);
        // On a host known to run each family too (its own shapes, the shared ones); a match's own
        // page is a path on the same site.
        for family in Family::ALL {
            if let Some(m) = match_path(&path, Some(family)) {
                prop_assert!(m.canonical_path.starts_with('/'), "{:?}", m);
            }
        }
        let _ = detect_url(&format!("https://h.example{path}"));
    }

    #[test]
    fn json_reading_never_panics_and_agrees_with_serde_json(input in "[\\[\\]{}\",:0-9eE.+\\-a-z\\\\ ]{0,40}") {
        let ours = Json::parse(input.as_bytes());
        let theirs = serde_json::from_str::<serde_json::Value>(&input);
        // Where we are lenient on purpose, as JSON.parse is: huge numbers (kept as text), lone
        // surrogates (replaced).
        let lenient = theirs.as_ref().is_err_and(|e| e.to_string().contains("out of range") || e.to_string().contains("surrogate"));
        prop_assume!(!lenient);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} vs {:?}", input, ours, theirs);
        if let Ok(v) = ours {
            prop_assert_eq!(Json::parse(v.to_string().as_bytes()).unwrap(), v);
        }
    }

    #[test]
    fn json_reading_never_panics_on_bytes(input in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = Json::parse(&input);
    }

    #[test]
    fn signals_with_junk_never_panic(href in "\\PC{0,60}", content in "\\PC{0,60}", json in "\\PC{0,60}") {
        let mut s = PageSignals::from_url("https://x.example/@a");
        s.links.push(fedilens::core::identity::signals::LinkSignal { rel: "alternate".into(), media_type: "application/activity+json".into(), href });
        s.metas.push(fedilens::core::identity::signals::MetaSignal { name: "fediverse:creator".into(), content });
        s.json_ld.push(json);
        let _ = detect(&s);
    }
}
