//! Moved accounts (issue 22 §2) on a fixture-backed fetcher: a move is followed only when both
//! sides say so (the old `movedTo`, the new `alsoKnownAs`), chains are bounded, loops named.
//! The actors are mastodon.social's real Gargron document with the two fields a move adds, as
//! Mastodon's ActorSerializer writes them (`movedTo`: one URI; `alsoKnownAs`: an array of URIs).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use fedilens::core::identity::moved::{MoveOutcome, MAX_MOVES};
use fedilens::core::text::json::Json;
use fedilens::core::wire::view::{Action, PanelView};
use fedilens::{lookup, Handle, Limits, Report, Status, Target};
use support::{fixture, run, FakeWeb};

/// An actor like Gargron's at `https://<host>/users/<name>`, with `movedTo` and `alsoKnownAs` set.
fn actor(host: &str, name: &str, moved_to: Option<&str>, also_known_as: &[&str]) -> Vec<u8> {
    let Json::Object(mut members) = Json::parse(&fixture("mastodon/actor-mastodon-social-gargron.json")).unwrap()
    else {
        panic!("an object")
    };
    members.retain(|(k, _)| !["id", "preferredUsername", "url", "movedTo", "alsoKnownAs"].contains(&k.as_str()));
    members.push(("id".into(), format!("https://{host}/users/{name}").as_str().into()));
    members.push(("preferredUsername".into(), name.into()));
    members.push(("url".into(), format!("https://{host}/@{name}").as_str().into()));
    if let Some(to) = moved_to {
        members.push(("movedTo".into(), to.into()));
    }
    members.push(("alsoKnownAs".into(), Json::Array(also_known_as.iter().map(|a| (*a).into()).collect())));
    Json::Object(members).to_string().into_bytes()
}

fn jrd(handle: &str, actor: &str) -> Vec<u8> {
    format!(
        r#"{{"subject":"acct:{handle}","links":[{{"rel":"self","type":"application/activity+json","href":"{actor}"}}]}}"#
    )
    .into_bytes()
}

/// `name@host` with its WebFinger and actor.
fn account(web: FakeWeb, host: &str, name: &str, moved_to: Option<&str>, also_known_as: &[&str]) -> FakeWeb {
    let id = format!("https://{host}/users/{name}");
    web.webfinger(&format!("{name}@{host}"), jrd(&format!("{name}@{host}"), &id))
        .activity(&id, actor(host, name, moved_to, also_known_as))
}

const OLD: &str = "https://old.example/users/alice";
const NEW: &str = "https://new.example/users/alice";

fn look(web: &FakeWeb, target: &str, home: Option<&str>) -> Report {
    let target = Target::parse(target).unwrap();
    let home = home.map(|h| Handle::parse(h).unwrap());
    run(lookup(web, &target, home.as_ref(), Limits::default()))
}

fn home(web: FakeWeb) -> FakeWeb {
    web.webfinger("me@home.example", fixture("mastodon/webfinger-mastodon-social-gargron.json"))
}

fn panel(report: &Report) -> PanelView {
    PanelView::of(report)
}

#[test]
fn a_proven_move_is_said_and_follow_targets_the_new_account() {
    let web = account(FakeWeb::new(), "old.example", "alice", Some(NEW), &[]);
    let web = home(account(web, "new.example", "alice", None, &[OLD]));
    let r = look(&web, "@alice@old.example", Some("@me@home.example"));
    assert_eq!(r.status, Status::Federated, "the old account's own status is kept: {:?}", r.warnings);
    let moved = r.moved.as_ref().expect("the move");
    assert_eq!(moved.outcome, MoveOutcome::Proven);
    assert_eq!(moved.to.as_ref().map(ToString::to_string).as_deref(), Some("alice@new.example"));
    assert_eq!(moved.steps.len(), 1);
    let follow = r.follow_url.as_deref().unwrap();
    assert!(follow.contains("alice%40new.example"), "Follow targets the new account: {follow}");
    let view = panel(&r);
    let words: Vec<String> = view.facts.iter().map(ToString::to_string).collect();
    assert!(words.iter().any(|f| f.starts_with("Moved to @alice@new.example")), "{words:?}");
    match &view.action {
        Action::Open { label, .. } => {
            assert_eq!(label.to_string(), "Follow @alice@new.example (the new account) from home.example")
        }
        other => panic!("{other:?}"),
    }
    // A connected home acts on the new account too; the view crosses to the panel with it.
    assert_eq!(view.follows.as_deref(), Some("@alice@new.example"));
    assert_eq!(view.handle.as_deref(), Some("@alice@old.example"), "the panel is still about the account looked up");
    let crossed = PanelView::from_json(&Json::parse(view.to_json().to_string().as_bytes()).unwrap()).unwrap();
    assert_eq!(crossed.follows, view.follows);
    // The CLI's JSON carries it.
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["moved"]["outcome"], "proven");
    assert_eq!(json["moved"]["to"], "alice@new.example");
}

#[test]
fn a_move_the_new_account_does_not_confirm_is_an_unproven_claim() {
    // The new actor names nobody (or someone else) in alsoKnownAs.
    for also_known_as in [&[][..], &["https://elsewhere.example/users/alice"][..]] {
        let web = account(FakeWeb::new(), "old.example", "alice", Some(NEW), &[]);
        let web = home(account(web, "new.example", "alice", None, also_known_as));
        let r = look(&web, "@alice@old.example", Some("@me@home.example"));
        let moved = r.moved.as_ref().unwrap();
        assert_eq!(moved.outcome, MoveOutcome::Unproven);
        assert_eq!(moved.to, None);
        assert!(r.follow_url.as_deref().unwrap().contains("alice%40old.example"), "Follow stays with the old account");
        assert_eq!(panel(&r).follows.as_deref(), Some("@alice@old.example"));
        let words: Vec<String> = panel(&r).facts.iter().map(ToString::to_string).collect();
        assert!(words.iter().any(|f| f.contains("not proven")), "{words:?}");
    }
}

#[test]
fn a_new_actor_that_answers_under_another_id_is_not_the_one_named() {
    // movedTo names new.example/users/alice; the document there says it is bob (on the same
    // site, so the origin check passes) and names the old account: still not proven.
    let bob = actor("new.example", "bob", None, &[OLD]);
    let web = account(FakeWeb::new(), "old.example", "alice", Some(NEW), &[]).activity(NEW, bob);
    let r = look(&web, "@alice@old.example", None);
    assert_eq!(r.moved.as_ref().unwrap().outcome, MoveOutcome::Unproven);
}

#[test]
fn a_move_to_a_dead_server_says_what_happened() {
    let web = account(FakeWeb::new(), "old.example", "alice", Some("https://dead.example/users/alice"), &[]);
    let r = look(&web, "@alice@old.example", None);
    let moved = r.moved.as_ref().unwrap();
    assert_eq!(moved.outcome, MoveOutcome::Unreachable);
    assert!(moved.why.is_some());
    let words: Vec<String> = panel(&r).facts.iter().map(ToString::to_string).collect();
    assert!(
        words
            .iter()
            .any(|f| f.starts_with("Says it moved to https://dead.example/users/alice, which could not be read")),
        "{words:?}"
    );
    // And a movedTo that is not a URL, or points at a private address, is no request at all.
    for to in ["not a url", "https://127.0.0.1/users/alice"] {
        let web = account(FakeWeb::new(), "old.example", "alice", Some(to), &[]);
        let r = look(&web, "@alice@old.example", None);
        assert_eq!(r.moved.as_ref().unwrap().outcome, MoveOutcome::Unreachable, "{to}");
    }
}

#[test]
fn a_chain_of_moves_is_followed_to_its_end_within_the_bound() {
    // old → mid → new, each naming the one before: Follow targets the end.
    let mid = "https://mid.example/users/alice";
    let web = account(FakeWeb::new(), "old.example", "alice", Some(mid), &[]);
    let web = account(web, "mid.example", "alice", Some(NEW), &[OLD]);
    let web = home(account(web, "new.example", "alice", None, &[mid]));
    let r = look(&web, "@alice@old.example", Some("@me@home.example"));
    let moved = r.moved.as_ref().unwrap();
    assert_eq!((moved.outcome, moved.steps.len()), (MoveOutcome::Proven, 2));
    assert!(r.follow_url.as_deref().unwrap().contains("alice%40new.example"));
    // One move more than the bound: not followed further.
    let mut web = FakeWeb::new();
    let hosts: Vec<String> = (0..=MAX_MOVES + 1).map(|i| format!("h{i}.example")).collect();
    for (i, host) in hosts.iter().enumerate() {
        let next = hosts.get(i + 1).map(|h| format!("https://{h}/users/alice"));
        let before = i.checked_sub(1).map(|j| format!("https://{}/users/alice", hosts[j]));
        web = account(web, host, "alice", next.as_deref(), &before.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let r = look(&web, "@alice@h0.example", None);
    let moved = r.moved.as_ref().unwrap();
    assert_eq!((moved.outcome, moved.steps.len()), (MoveOutcome::TooFar, MAX_MOVES));
    assert_eq!(web.requests_to(&hosts[MAX_MOVES + 1]), 0, "the account past the bound is never asked");
}

#[test]
fn a_loop_of_moves_is_named_and_costs_one_fetch_per_account() {
    let web = account(FakeWeb::new(), "old.example", "alice", Some(NEW), &[NEW]);
    let web = account(web, "new.example", "alice", Some(OLD), &[OLD]);
    let r = look(&web, "@alice@old.example", None);
    let moved = r.moved.as_ref().unwrap();
    assert_eq!(moved.outcome, MoveOutcome::Loop);
    assert_eq!(moved.to, None);
    let words: Vec<String> = panel(&r).facts.iter().map(ToString::to_string).collect();
    assert!(words.iter().any(|f| f.starts_with("Its moves go round in a loop")), "{words:?}");
    assert_eq!(web.requests_to("new.example"), 1);
}

#[test]
fn a_move_is_not_followed_for_an_account_whose_identity_is_unproven() {
    // The handle's domain points at an actor that lives elsewhere and says it moved to the
    // attacker's account, which names it back: no check proves the old actor is the account, so
    // its movedTo moves no one.
    let evil = "https://evil.example/users/alice";
    let web = FakeWeb::new()
        .webfinger("alice@old.example", jrd("alice@old.example", evil))
        .activity(evil, actor("evil.example", "alice", Some(NEW), &[]));
    let web = home(account(web, "new.example", "alice", None, &["https://evil.example/users/alice"]));
    let r = look(&web, "@alice@old.example", Some("@me@home.example"));
    assert_eq!(r.status, Status::Unverified);
    assert_eq!(r.moved, None, "moves are not followed");
    assert_eq!(web.requests_to("new.example"), 0);
    assert!(!r.follow_url.as_deref().unwrap_or_default().contains("new.example"));
}
