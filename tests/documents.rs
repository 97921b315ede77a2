//! Every captured document in `tests/fixtures/` parses, and each real-world quirk is read right.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use fedilens::core::protocol::activitypub::{ApObject, Extras};
use fedilens::core::protocol::family::Family;
use fedilens::core::protocol::nodeinfo::{self, NodeInfo};
use fedilens::core::protocol::webfinger::Jrd;
use fedilens::core::text::json::Json;
use support::{fixture, fixture_str};

fn files(prefix: &str) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with(prefix) && name.ends_with(".json") {
                out.push(f.strip_prefix(&root).unwrap().to_string_lossy().to_string());
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no {prefix} fixtures");
    out
}

/// Our JSON reader against serde_json's on every captured document: the same values.
#[test]
fn every_fixture_reads_as_serde_json_reads_it() {
    fn as_serde(v: &Json) -> serde_json::Value {
        match v {
            Json::Null => serde_json::Value::Null,
            Json::Bool(b) => serde_json::Value::Bool(*b),
            Json::Number(n) => serde_json::from_str(n).unwrap(),
            Json::String(s) => serde_json::Value::String(s.clone()),
            Json::Array(items) => items.iter().map(as_serde).collect(),
            Json::Object(members) => members.iter().map(|(k, v)| (k.clone(), as_serde(v))).collect(),
        }
    }
    let all = files("");
    assert!(all.len() > 50, "{} fixtures", all.len());
    for path in all {
        let body = fixture(&path);
        let ours = Json::parse(&body).unwrap_or_else(|e| panic!("{path}: {e}"));
        let theirs: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(as_serde(&ours), theirs, "{path}");
        assert_eq!(Json::parse(ours.to_string().as_bytes()).unwrap(), ours, "{path}: written and read back");
        assert_eq!(Json::parse(ours.pretty().as_bytes()).unwrap(), ours, "{path}: pretty text too");
    }
}

#[test]
fn every_webfinger_document_names_its_subject_and_actor() {
    for path in files("webfinger-") {
        if path.contains("not-federated") {
            continue;
        }
        let jrd = Jrd::parse(&fixture(&path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let subject = jrd.subject_handle().unwrap_or_else(|| panic!("{path}: no acct: subject"));
        let actor = jrd.self_link().unwrap_or_else(|| panic!("{path}: no self link"));
        assert!(actor.starts_with("https://"), "{path}: {actor}");
        assert!(jrd.names_handle(&subject), "{path}");
    }
}

#[test]
fn every_actor_document_is_an_actor_with_an_id() {
    for path in files("actor-").into_iter().chain(files("instance-actor-")) {
        let actor = ApObject::parse(&fixture(&path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(actor.is_actor(), "{path}: types {:?}", actor.types());
        assert!(actor.id().unwrap().starts_with("https://"), "{path}");
    }
}

#[test]
fn every_nodeinfo_document_names_its_software() {
    for path in files("").into_iter().filter(|p| p.starts_with("nodeinfo/") && !p.contains("wellknown")) {
        let info = NodeInfo::parse(&fixture(&path)).unwrap_or_else(|| panic!("{path}: not an object"));
        let name = info.software.clone().unwrap_or_else(|| panic!("{path}: no software name"));
        assert_eq!(name, name.to_lowercase(), "{path}");
        let relay = name.contains("relay");
        assert_eq!(info.family.is_some(), !relay, "{path}: {name} family {:?}", info.family);
    }
    for path in files("wellknown-") {
        let doc = Json::parse(&fixture(&path)).unwrap();
        assert!(nodeinfo::pick_document(&doc).is_some_and(|h| h.starts_with("https://")), "{path}");
    }
}

#[test]
fn nodeinfo_quirks_from_real_servers() {
    let akkoma = NodeInfo::parse(&fixture("nodeinfo/akkoma-soc-hyena-network-3.0.0-2.0.json")).unwrap();
    assert_eq!(akkoma.open_registrations, Some(false), "Akkoma's \"FALSE\" string");
    assert_eq!(akkoma.family, Some(Family::Pleroma));
    assert!(akkoma.rejected_domains.iter().any(|d| d == "*.10minutepleroma.com"));

    let masto4rc = NodeInfo::parse(&fixture("nodeinfo/mastodon-masto-asonix-dog-4.0.0rc2-2.0.json")).unwrap();
    assert_eq!(masto4rc.family, Some(Family::Mastodon), "metadata: [] does not lose the rest");
    assert!(masto4rc.speaks_activitypub());

    let masto31 = NodeInfo::parse(&fixture("nodeinfo/mastodon-asonix-dog-3.1.3-2.0.json")).unwrap();
    assert_eq!(masto31.version.as_deref(), Some("3.1.3-asonix-changes"), "versions are kept as sent");

    let fedired = NodeInfo::parse(&fixture("nodeinfo/fedired-firefish-fork-2.1.json")).unwrap();
    assert_eq!((fedired.software.as_deref(), fedired.family), (Some("fedired"), Some(Family::Misskey)));
    for (path, family) in [
        ("nodeinfo/catodon-iceshrimp-fork-2.1.json", Family::Misskey),
        ("nodeinfo/meisskey-misskey-fork-2.1.json", Family::Misskey),
        ("nodeinfo/corgidon-mastodon-fork-banana-dog-2.1.json", Family::Mastodon),
        ("nodeinfo/pleroma-soc-hyena-network-2.2.50-2.0.json", Family::Pleroma),
        ("nodeinfo/peertube-blender-video-5.0.0-2.0.json", Family::PeerTube),
        ("nodeinfo/pixelfed-social-0.12.0-2.0.json", Family::Pixelfed),
    ] {
        assert_eq!(NodeInfo::parse(&fixture(path)).unwrap().family, Some(family), "{path}");
    }
    let pleroma_discovery = Json::parse(&fixture("nodeinfo/wellknown-soc-hyena-network-pleroma-akkoma.json")).unwrap();
    assert_eq!(nodeinfo::pick_document(&pleroma_discovery), Some("https://soc.hyena.network/nodeinfo/2.1.json"));
}

#[test]
fn webfinger_quirks_from_real_servers() {
    let pleroma = Jrd::parse(&fixture("pleroma/webfinger-stereophonic-space-karolat.json")).unwrap();
    assert_eq!(pleroma.self_link(), Some("https://stereophonic.space/users/karolat"), "two self links, one answer");
    assert_eq!(pleroma.subscribe_template(), Some("https://stereophonic.space/ostatus_subscribe?acct={uri}"));

    let lemmy = Jrd::parse(&fixture("lemmy/webfinger-lemmy-ml-c-lemmy_support.json")).unwrap();
    assert_eq!(lemmy.self_link(), Some("https://lemmy.ml/c/lemmy_support"), "template: null is absent");
    assert_eq!(lemmy.subscribe_template(), None);

    let mobilizon = Jrd::parse(&fixture("mobilizon/webfinger-mobilizon-fr-framasoft.json")).unwrap();
    assert!(mobilizon.profile_page().is_some(), "profile-page rel with a trailing slash");
    let writefreely = Jrd::parse(&fixture("writefreely/webfinger-write-as-matt.json")).unwrap();
    assert!(writefreely.profile_page().is_some(), "https profile-page rel");

    let misskey = Jrd::parse(&fixture("misskey/webfinger-misskey-io-syuilo.json")).unwrap();
    assert!(misskey.aliases.is_empty());
    assert_eq!(misskey.subscribe_template(), Some("https://misskey.io/authorize-follow?acct={uri}"));

    let gargron = Jrd::parse(&fixture("mastodon/webfinger-mastodon-social-gargron.json")).unwrap();
    let lower = fedilens::Handle::parse("gargron@mastodon.social").unwrap();
    assert!(gargron.names_handle(&lower), "Mastodon keeps the canonical case in subject");

    let threads = Jrd::parse(&fixture("threads/webfinger-rosiesherry-compact.json")).unwrap();
    assert_eq!(threads.self_link(), Some("https://threads.net/ap/users/17841400229440049/"));
    assert_eq!(threads.subscribe_template(), None, "Threads publishes no subscribe template");
}

#[test]
fn actor_extras_are_decoded() {
    let syuilo = Extras::of(&ApObject::parse(&fixture("misskey/actor-misskey-io-syuilo.json")).unwrap());
    assert!(syuilo.is_cat.is_some(), "Misskey actors carry isCat");
    let gargron_actor = ApObject::parse(&fixture("mastodon/actor-mastodon-social-gargron.json")).unwrap();
    let gargron = Extras::of(&gargron_actor);
    assert_eq!(gargron.actor_type.as_deref(), Some("Person"));
    assert_eq!(gargron.discoverable, Some(true));
    assert!(!gargron.fields.is_empty(), "PropertyValue fields");
    assert!(gargron.fields.iter().all(|(k, v)| !k.contains('<') && !v.contains('<')), "fields are plain text");
    let group = Extras::of(&ApObject::parse(&fixture("lemmy/actor-lemmy-ml-c-lemmy_support.json")).unwrap());
    assert_eq!(group.actor_type.as_deref(), Some("Group"));
    let wp = Extras::of(&ApObject::parse(&fixture("wordpress/actor-group-lemmy-asset.json")).unwrap());
    assert_eq!(wp.attribution_domains, vec!["dbzer0.com".to_string()]);
}

#[test]
fn objects_name_their_authors_and_pages() {
    let video = ApObject::parse(&fixture("peertube/video-lemmy-asset.json")).unwrap();
    assert_eq!(video.attributed_to(), Some("https://tilvids.com/accounts/thelinuxexperiment"), "the Person among many");
    assert!(video.html_url().is_some_and(|u| u.starts_with("https://tilvids.com/")), "the text/html Link among many");
    let create = ApObject::parse(&fixture("mastodon/activity-create-note-lemmy-asset.json")).unwrap();
    assert!(create.is_activity());
    let sharkey = ApObject::parse(&fixture("sharkey/note-eepy-zone.json")).unwrap();
    assert_eq!(sharkey.attributed_to(), Some("https://eepy.zone/users/9kfweg7wmdw7fnnt"));
    assert_eq!(sharkey.quote(), None, "this note quotes nothing");
    assert!(
        !fixture_str("FACTS.md").is_empty() && !fixture_str("SOURCES.md").is_empty(),
        "attribution travels with the fixtures"
    );
}
