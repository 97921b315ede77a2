//! Resolution on real captured documents served by a fixture-backed fetcher: every status
//! state, every follow template, every verification failure.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod support;

use fedilens::core::identity::software::PageKind;
use fedilens::core::protocol::family::Family;
use fedilens::core::report::follow::TemplateSource;
use fedilens::core::text::json::Json;
use fedilens::core::wire::view::{Action, PanelView};
use fedilens::{lookup, FetchError, Handle, Limits, Report, Status, Target};
use support::{fixture, run, FakeWeb, Route, THREADS_NOT_FOUND};

fn look(web: &FakeWeb, target: &str, home: Option<&str>) -> Report {
    let target = Target::parse(target).unwrap();
    let home = home.map(|h| Handle::parse(h).unwrap());
    run(lookup(web, &target, home.as_ref(), Limits::default()))
}

fn failed(report: &Report) -> Vec<&str> {
    report.checks.iter().filter(|c| !c.ok).map(|c| c.name()).collect()
}

fn mastodon_social() -> FakeWeb {
    FakeWeb::new()
        .webfinger("Gargron@mastodon.social", fixture("mastodon/webfinger-mastodon-social-gargron.json"))
        .activity("https://mastodon.social/users/Gargron", fixture("mastodon/actor-mastodon-social-gargron.json"))
        .nodeinfo("mastodon.social", fixture("nodeinfo/mastodon-social-4.5.0-nightly-2.0.json"))
}

fn threads_mosseri(web: FakeWeb) -> FakeWeb {
    web.webfinger("mosseri@threads.net", fixture("threads/webfinger-mosseri.json")).answer(
        "https://www.threads.net/ap/users/mosseri/",
        404,
        "application/json",
        THREADS_NOT_FOUND,
    )
}

#[test]
fn mastodon_account_federates_with_its_evidence() {
    // Mastodon answers a lower-case query with the canonical spelling in `subject`.
    let web = mastodon_social()
        .webfinger("gargron@mastodon.social", fixture("mastodon/webfinger-mastodon-social-gargron.json"));
    let r = look(&web, "@gargron@mastodon.social", None);
    assert_eq!(r.status, Status::Federated, "{:#?}", r.warnings);
    assert_eq!(r.handle.as_ref().unwrap().to_string(), "Gargron@mastodon.social", "the server's spelling");
    assert_eq!(r.actor.as_deref(), Some("https://mastodon.social/users/Gargron"));
    let software = r.software.as_ref().unwrap();
    assert_eq!((software.name.as_str(), software.family), ("mastodon", Some(Family::Mastodon)));
    assert!(software.version.as_deref().unwrap().starts_with("4.5.0"));
    let profile = r.profile.as_ref().unwrap();
    assert_eq!(profile.display_name.as_deref(), Some("Eugen Rochko"));
    assert!(profile.summary.as_deref().is_some_and(|s| !s.contains('<')));
    assert!(failed(&r).is_empty());
    assert!(r.documents.webfinger.is_some() && r.documents.actor.is_some() && r.documents.nodeinfo.is_some());
    assert_eq!(r.follow_url, None, "no home instance, no follow link");
    assert!(r.headline.to_string().contains("federates"));
}

#[test]
fn mastodon_profile_url_resolves_like_its_handle() {
    let web = mastodon_social();
    let r = look(&web, "https://mastodon.social/@Gargron", None);
    assert_eq!(r.status, Status::Federated);
    assert_eq!(r.kind, PageKind::Profile);
}

#[test]
fn threads_shared_account_is_signed_fetch_only_and_followable() {
    let web = threads_mosseri(FakeWeb::new());
    for target in [
        "@mosseri@threads.net",
        "https://www.threads.com/@mosseri",
        "https://www.threads.net/@mosseri",
        "mosseri@threads.com",
    ] {
        let r = look(&web, target, None);
        assert_eq!(r.status, Status::SignedFetchOnly, "{target}: {:?}", r.warnings);
        assert_eq!(r.handle.as_ref().unwrap().to_string(), "mosseri@threads.net", "{target}");
        assert!(r.documents.webfinger.is_some(), "the WebFinger document is shown");
        assert!(
            r.warnings.iter().any(|w| w.to_string().contains("signed")),
            "{target}: explains why no actor: {:?}",
            r.warnings
        );
        assert_eq!(r.software.as_ref().map(|s| s.family), Some(Some(Family::Threads)));
    }
    // One round trip: the actor request every unsigned client gets 404 for is not made.
    assert_eq!(web.requests_to("www.threads.net"), 0, "{:?}", web.requested.borrow());
    assert_eq!(web.requests_to("threads.net"), 4, "one WebFinger per lookup: {:?}", web.requested.borrow());
    assert!(!web.requested.borrow().iter().any(|u| u.contains("nodeinfo")), "Threads has no NodeInfo to ask");
}

#[test]
fn threads_unshared_account_is_not_federated_not_an_error() {
    let web = FakeWeb::new().answer(
        &support::webfinger_url("danluu.danluu@threads.net"),
        404,
        "application/json",
        THREADS_NOT_FOUND,
    );
    let r = look(&web, "https://www.threads.com/@danluu.danluu", None);
    assert_eq!(r.status, Status::NotFederated);
    assert!(r.headline.to_string().contains("not shared to the fediverse"), "{}", r.headline);
    assert_eq!(r.documents.webfinger, Json::parse(THREADS_NOT_FOUND.as_bytes()).ok(), "the answer is kept as evidence");
}

#[test]
fn follow_from_a_mastodon_home_uses_its_subscribe_template_and_sees_its_blocks() {
    let web = threads_mosseri(mastodon_social()).json(
        "https://mastodon.social/api/v1/instance/domain_blocks",
        r#"[{"domain":"threads.net","digest":"0","severity":"suspend","comment":"Meta"}]"#,
    );
    let r = look(&web, "@mosseri@threads.net", Some("@Gargron@mastodon.social"));
    assert_eq!(
        r.follow_url.as_deref(),
        Some("https://mastodon.social/authorize_interaction?uri=mosseri%40threads.net")
    );
    let home = r.home.as_ref().unwrap();
    assert_eq!(home.follow.as_ref().unwrap().source, TemplateSource::OstatusSubscribe);
    assert_eq!(home.block.as_ref().map(|b| b.domain.as_str()), Some("threads.net"));
    assert!(home.warnings.iter().any(|w| w.to_string().contains("blocks threads.net")));
}

#[test]
fn follow_from_misskey_and_pleroma_homes_uses_their_own_templates() {
    let web = threads_mosseri(FakeWeb::new())
        .webfinger("syuilo@misskey.io", fixture("misskey/webfinger-misskey-io-syuilo.json"))
        .webfinger("karolat@stereophonic.space", fixture("pleroma/webfinger-stereophonic-space-karolat.json"));
    let misskey = look(&web, "@mosseri@threads.net", Some("syuilo@misskey.io"));
    assert_eq!(misskey.follow_url.as_deref(), Some("https://misskey.io/authorize-follow?acct=mosseri%40threads.net"));
    let pleroma = look(&web, "@mosseri@threads.net", Some("karolat@stereophonic.space"));
    assert_eq!(
        pleroma.follow_url.as_deref(),
        Some("https://stereophonic.space/ostatus_subscribe?acct=mosseri%40threads.net")
    );
}

#[test]
fn fep_3b86_follow_template_wins() {
    let home_jrd = r#"{"subject":"acct:me@home.example","links":[
        {"rel":"http://ostatus.org/schema/1.0/subscribe","template":"https://home.example/authorize_interaction?uri={uri}"},
        {"rel":"https://w3id.org/fep/3b86/Follow","href":"https://home.example/intent/follow?object={object}"}]}"#;
    let web = threads_mosseri(FakeWeb::new()).webfinger("me@home.example", home_jrd);
    let r = look(&web, "@mosseri@threads.net", Some("me@home.example"));
    // FEP-3b86 §4.10: `{object}` is the id of the actor to follow (WebFinger's self link here).
    assert_eq!(
        r.follow_url.as_deref(),
        Some("https://home.example/intent/follow?object=https%3A%2F%2Fwww.threads.net%2Fap%2Fusers%2Fmosseri%2F")
    );
}

#[test]
fn home_without_webfinger_falls_back_to_mastodons_endpoint() {
    let web = threads_mosseri(FakeWeb::new());
    let r = look(&web, "@mosseri@threads.net", Some("me@unknown.example"));
    assert_eq!(
        r.follow_url.as_deref(),
        Some("https://unknown.example/authorize_interaction?uri=mosseri%40threads.net")
    );
    assert!(r.home.as_ref().unwrap().warnings.iter().any(|w| w.to_string().contains("does not know")));
}

#[test]
fn pleroma_home_mrf_rejects_are_reported() {
    let web = FakeWeb::new()
        .webfinger("karolat@stereophonic.space", fixture("pleroma/webfinger-stereophonic-space-karolat.json"))
        .nodeinfo("stereophonic.space", fixture("nodeinfo/akkoma-soc-hyena-network-3.0.0-2.0.json"));
    let r = look(&web, "someone@bae.st", Some("karolat@stereophonic.space"));
    assert_eq!(r.status, Status::NotFederated);
    let block = r.home.as_ref().unwrap().block.as_ref().unwrap();
    assert_eq!((block.domain.as_str(), block.severity.as_str()), ("bae.st", "reject"));
    assert_eq!(r.follow_url, None, "nothing to follow");
}

#[test]
fn same_instance_target_opens_directly() {
    let web = mastodon_social().webfinger("me@mastodon.social", r#"{"subject":"acct:me@mastodon.social"}"#);
    let r = look(&web, "Gargron@mastodon.social", Some("me@mastodon.social"));
    assert_eq!(r.follow_url.as_deref(), Some("https://mastodon.social/@Gargron"));
    assert!(r.home.unwrap().follow.unwrap().same_instance);
}

#[test]
fn misskey_actor_decodes_is_cat_and_software_from_known_host() {
    let web = FakeWeb::new()
        .webfinger("syuilo@misskey.io", fixture("misskey/webfinger-misskey-io-syuilo.json"))
        .activity("https://misskey.io/users/7rkrarq81i", fixture("misskey/actor-misskey-io-syuilo.json"));
    let r = look(&web, "https://misskey.io/@syuilo", None);
    assert_eq!(r.status, Status::Federated, "{:?}", r.checks);
    let profile = r.profile.unwrap();
    assert!(profile.extras.is_cat.is_some());
    assert_eq!(r.software.unwrap().family, Some(Family::Misskey));
}

#[test]
fn lemmy_group_and_pleroma_person_federate() {
    let web = FakeWeb::new()
        .webfinger("lemmy_support@lemmy.ml", fixture("lemmy/webfinger-lemmy-ml-c-lemmy_support.json"))
        .activity("https://lemmy.ml/c/lemmy_support", fixture("lemmy/actor-lemmy-ml-c-lemmy_support.json"))
        .webfinger("karolat@stereophonic.space", fixture("pleroma/webfinger-stereophonic-space-karolat.json"))
        .activity("https://stereophonic.space/users/karolat", fixture("pleroma/actor-stereophonic-space-karolat.json"));
    let group = look(&web, "https://lemmy.ml/c/lemmy_support", None);
    assert_eq!(group.status, Status::Federated, "{:?}", group.checks);
    assert_eq!(group.profile.unwrap().extras.actor_type.as_deref(), Some("Group"));
    let person = look(&web, "karolat@stereophonic.space", None);
    assert_eq!(person.status, Status::Federated, "{:?}", person.checks);
    assert_eq!(person.software.unwrap().family, Some(Family::Pleroma), "from the litepub context");
}

#[test]
fn mastodon_post_is_resolved_with_its_author() {
    let web = FakeWeb::new()
        .webfinger("felix@mastodon.madrid", r#"{"subject":"acct:felix@mastodon.madrid","links":[{"rel":"self","type":"application/activity+json","href":"https://mastodon.madrid/users/felix"}]}"#)
        .activity("https://mastodon.madrid/users/felix", r#"{"id":"https://mastodon.madrid/users/felix","type":"Person","preferredUsername":"felix","name":"Félix"}"#)
        .activity("https://mastodon.madrid/@felix/107224289116410645", fixture("mastodon/note-1-lemmy-asset.json"));
    let r = look(&web, "https://mastodon.madrid/@felix/107224289116410645", Some("me@home.example"));
    assert_eq!(r.kind, PageKind::Post);
    assert_eq!(r.status, Status::Federated, "{:?}", r.checks);
    assert!(r.checks.iter().any(|c| c.name() == "post_author" && c.ok));
    let note_id = "https://mastodon.madrid/users/felix/statuses/107224289116410645";
    assert_eq!(r.object.as_deref(), Some(note_id), "the note's id, not the page URL or an /activity id");
    assert!(r.post.as_ref().unwrap().content.as_deref().is_some_and(|c| !c.contains('<')));
    let encoded: String = url::form_urlencoded::byte_serialize(note_id.as_bytes()).collect();
    assert_eq!(r.follow_url, Some(format!("https://home.example/authorize_interaction?uri={encoded}")));
    // Like, Boost and Reply at home: no intents published, so each opens the post there; they
    // cross to the panel with the view.
    let view = PanelView::of(&r);
    let labels: Vec<String> = view.interactions.iter().map(|(l, _)| l.to_string()).collect();
    assert_eq!(labels, ["Like on home.example", "Boost on home.example", "Reply on home.example"]);
    assert!(view.interactions.iter().all(|(_, url)| Some(url) == r.follow_url.as_ref()));
    let crossed = PanelView::from_json(&Json::parse(view.to_json().to_string().as_bytes()).unwrap()).unwrap();
    assert_eq!(crossed.interactions, view.interactions);
}

#[test]
fn verification_failures_make_an_account_unverified() {
    // 1. The subject names someone else.
    let web = FakeWeb::new()
        .webfinger("alice@social.example", r#"{"subject":"acct:mallory@social.example","links":[{"rel":"self","type":"application/activity+json","href":"https://social.example/users/alice"}]}"#)
        .activity("https://social.example/users/alice", r#"{"id":"https://social.example/users/alice","type":"Person","preferredUsername":"alice"}"#);
    let r = look(&web, "alice@social.example", None);
    assert_eq!((r.status, failed(&r)), (Status::Unverified, vec!["webfinger_subject"]));

    // 2. The actor document claims an id on another site.
    let web = FakeWeb::new()
        .webfinger("bob@social.example", r#"{"subject":"acct:bob@social.example","links":[{"rel":"self","type":"application/activity+json","href":"https://social.example/users/bob"}]}"#)
        .activity("https://social.example/users/bob", r#"{"id":"https://evil.example/users/bob","type":"Person","preferredUsername":"bob"}"#);
    let r = look(&web, "bob@social.example", None);
    assert_eq!(r.status, Status::Unverified);
    assert!(failed(&r).contains(&"object_origin"), "{:?}", r.checks);

    // 3. A domain points its WebFinger at someone else's actor: mastodon.social does not confirm.
    let web = mastodon_social().webfinger(
        "gargron@spoof.example",
        r#"{"subject":"acct:gargron@spoof.example","links":[{"rel":"self","type":"application/activity+json","href":"https://mastodon.social/users/Gargron"}]}"#,
    );
    let r = look(&web, "gargron@spoof.example", None);
    assert_eq!((r.status, failed(&r)), (Status::Unverified, vec!["handle_binding"]), "{:?}", r.checks);
}

#[test]
fn legitimate_split_domain_federates() {
    let web = FakeWeb::new()
        .webfinger("alice@example.com", r#"{"subject":"acct:alice@example.com","links":[{"rel":"self","type":"application/activity+json","href":"https://social.example.com/users/alice"}]}"#)
        .webfinger("alice@social.example.com", r#"{"subject":"acct:alice@example.com","aliases":["https://social.example.com/users/alice"],"links":[{"rel":"self","type":"application/activity+json","href":"https://social.example.com/users/alice"}]}"#)
        .activity("https://social.example.com/users/alice", r#"{"id":"https://social.example.com/users/alice","type":"Person","preferredUsername":"alice"}"#);
    let r = look(&web, "alice@example.com", None);
    assert_eq!(r.status, Status::Federated, "{:?}", r.checks);
}

#[test]
fn network_failures_are_unreachable_with_the_reason() {
    let web = FakeWeb::new().route(
        &support::webfinger_url("a@down.example"),
        Route::Fail(FetchError::Connect("connection refused".into())),
    );
    let r = look(&web, "a@down.example", None);
    assert_eq!(r.status, Status::Unreachable);
    assert!(r.headline.to_string().contains("connection refused"), "{}", r.headline);

    let web = FakeWeb::new().route(&support::webfinger_url("a@slow.example"), Route::Hang);
    let r = look(&web, "a@slow.example", None);
    assert_eq!(r.status, Status::Unreachable);
    assert!(r.headline.to_string().contains("no answer within"), "{}", r.headline);

    let web =
        FakeWeb::new().answer(&support::webfinger_url("a@broken.example"), 502, "text/html", "<h1>Bad gateway</h1>");
    assert_eq!(look(&web, "a@broken.example", None).status, Status::Unreachable);
}

#[test]
fn nonsense_documents_are_invalid_with_what_was_wrong() {
    let web = FakeWeb::new().answer(
        &support::webfinger_url("a@html.example"),
        200,
        "text/html",
        "<!doctype html><title>Welcome</title>",
    );
    let r = look(&web, "a@html.example", None);
    assert_eq!(r.status, Status::Invalid);
    assert!(r.headline.to_string().contains("HTML"), "{}", r.headline);

    let web = FakeWeb::new()
        .webfinger("a@bad.example", r#"{"subject":"acct:a@bad.example","links":[{"rel":"self","type":"application/activity+json","href":"https://bad.example/users/a"}]}"#)
        .activity("https://bad.example/users/a", r#"{"id": "https://bad.example/users/a", "type": "Person", "name": "#);
    assert_eq!(look(&web, "a@bad.example", None).status, Status::Invalid);

    let huge = vec![b' '; 2 * 1024 * 1024];
    let web = FakeWeb::new().answer(&support::webfinger_url("a@huge.example"), 200, "application/json", huge);
    let r = look(&web, "a@huge.example", None);
    assert_eq!(r.status, Status::Invalid);
    assert!(r.headline.to_string().contains("larger than"), "{}", r.headline);

    let web = FakeWeb::new().webfinger("a@noself.example", r#"{"subject":"acct:a@noself.example","links":[]}"#);
    assert_eq!(look(&web, "a@noself.example", None).status, Status::Invalid);
}

#[test]
fn hostile_pointers_are_refused_by_the_egress_policy() {
    for href in [
        "http://plain.example/users/a",
        "https://127.0.0.1/users/a",
        "https://169.254.169.254/latest",
        "https://localhost/users/a",
    ] {
        let jrd = format!(
            r#"{{"subject":"acct:a@hostile.example","links":[{{"rel":"self","type":"application/activity+json","href":"{href}"}}]}}"#
        );
        let web = FakeWeb::new().webfinger("a@hostile.example", jrd);
        let r = look(&web, "a@hostile.example", None);
        assert_eq!(r.status, Status::Refused, "{href}");
        assert!(r.headline.to_string().contains("refused"), "{}", r.headline);
        assert!(!web.requested.borrow().iter().any(|u| u.starts_with(href)), "{href} was never requested");
    }
}

#[test]
fn redirect_loops_are_cut() {
    let wf = support::webfinger_url("a@loop.example");
    let web = FakeWeb::new()
        .route(&wf, Route::Redirect("https://loop.example/b".into()))
        .route("https://loop.example/b", Route::Redirect(wf.clone()));
    let r = look(&web, "a@loop.example", None);
    assert_eq!(r.status, Status::Refused);
    assert!(r.headline.to_string().contains("too many redirects"));
    assert!(web.requested.borrow().len() <= 1 + 3 + 2, "bounded: {:?}", web.requested.borrow());
}

#[test]
fn a_redirect_whose_target_is_hidden_is_refused_and_said() {
    // What a browser gives an extension's `redirect: "manual"` fetch: no status, no Location.
    let wf = support::webfinger_url("a@hidden.example");
    let web = FakeWeb::new().route(&wf, Route::Fail(FetchError::HiddenRedirect));
    let r = look(&web, "a@hidden.example", None);
    assert_eq!(r.status, Status::Refused);
    assert!(
        r.headline.to_string().contains("redirects, and the browser does not tell an extension where to"),
        "{}",
        r.headline
    );
    let asked = web.requested.borrow().iter().filter(|u| u.contains("webfinger")).count();
    assert_eq!(asked, 1, "asked once, not again: {:?}", web.requested.borrow());
}

#[test]
fn names_and_bios_with_markup_come_out_as_text() {
    let web = FakeWeb::new()
        .webfinger("x@xss.example", r#"{"subject":"acct:x@xss.example","links":[{"rel":"self","type":"application/activity+json","href":"https://xss.example/users/x"}]}"#)
        .activity("https://xss.example/users/x", r#"{"id":"https://xss.example/users/x","type":"Person","preferredUsername":"x","name":"<img src=x onerror=alert(1)>Eve","summary":"<script>alert(1)</script><p>hi</p>"}"#);
    let r = look(&web, "x@xss.example", None);
    let profile = r.profile.unwrap();
    assert_eq!(profile.display_name.as_deref(), Some("Eve"));
    assert!(!profile.summary.unwrap().contains('<'));
}

#[test]
fn a_misskey_note_url_finds_its_author_and_quote() {
    let note = r#"{"@context":["https://www.w3.org/ns/activitystreams",{"misskey":"https://misskey-hub.net/ns#","_misskey_quote":"misskey:_misskey_quote","quoteUrl":"as:quoteUrl"}],
        "id":"https://misskey.io/notes/9sv3rkmjjvdr000z","type":"Note","attributedTo":"https://misskey.io/users/7rkrarq81i",
        "content":"<p>quoting</p>","_misskey_quote":"https://misskey.io/notes/9aaaaaaaaaaaaaaa","quoteUrl":"https://misskey.io/notes/9aaaaaaaaaaaaaaa"}"#;
    let by_url = "https://misskey.io/.well-known/webfinger?resource=https%3A%2F%2Fmisskey.io%2Fusers%2F7rkrarq81i";
    let web = FakeWeb::new()
        .activity("https://misskey.io/notes/9sv3rkmjjvdr000z", note)
        .activity("https://misskey.io/users/7rkrarq81i", fixture("misskey/actor-misskey-io-syuilo.json"))
        .webfinger("syuilo@misskey.io", fixture("misskey/webfinger-misskey-io-syuilo.json"))
        .answer(by_url, 404, "text/plain", "");
    let r = look(&web, "https://misskey.io/notes/9sv3rkmjjvdr000z", Some("me@home.example"));
    assert_eq!(r.kind, PageKind::Post);
    assert_eq!(r.status, Status::Federated, "{:?} {:?}", r.checks, r.warnings);
    assert_eq!(r.handle.unwrap().to_string(), "syuilo@misskey.io");
    assert_eq!(r.post.unwrap().quote.as_deref(), Some("https://misskey.io/notes/9aaaaaaaaaaaaaaa"));
    assert_eq!(
        r.follow_url.as_deref(),
        Some("https://home.example/authorize_interaction?uri=https%3A%2F%2Fmisskey.io%2Fnotes%2F9sv3rkmjjvdr000z")
    );
}

#[test]
fn a_plain_web_page_is_not_federated() {
    let web = FakeWeb::new().answer("https://news.example/story", 200, "text/html; charset=utf-8", "<html></html>");
    let r = look(&web, "https://news.example/story", None);
    assert_eq!(r.status, Status::NotFederated);
}

#[test]
fn request_count_is_capped() {
    let limits = Limits { max_requests: 1, ..Limits::default() };
    let web = mastodon_social();
    let target = Target::parse("Gargron@mastodon.social").unwrap();
    let r = run(lookup(&web, &target, None, limits));
    assert!(web.requested.borrow().len() <= 1);
    assert_eq!(r.status, Status::Refused, "{:?}", r.warnings);
}

#[test]
fn host_software_confirms_fediverse_hosts_only() {
    use fedilens::core::lookup::host_software;
    let web = mastodon_social().json("https://medium.example/.well-known/nodeinfo", "<html>");
    let found = run(host_software(&web, "mastodon.social", Limits::default(), None));
    assert_eq!(found.and_then(|n| n.software).as_deref(), Some("mastodon"));
    assert_eq!(run(host_software(&web, "medium.example", Limits::default(), None)), None);
}

#[test]
fn page_claims_are_confirmed_only_by_the_account() {
    use fedilens::core::identity::claim::ClaimKind;
    use fedilens::core::report::judge_claim;
    let web = FakeWeb::new()
        .webfinger("db0@dbzer0.com", r#"{"subject":"acct:db0@dbzer0.com","links":[{"rel":"self","type":"application/activity+json","href":"https://dbzer0.com/?author=0"}]}"#)
        .activity("https://dbzer0.com/?author=0", fixture("wordpress/actor-group-lemmy-asset.json"));
    let mut r = look(&web, "db0@dbzer0.com", None);
    judge_claim(&mut r, ClaimKind::Creator, "https://blog.dbzer0.com/2026/story");
    assert!(r.claim.as_ref().unwrap().confirmed, "attributionDomains lists dbzer0.com: {:?}", r.claim);
    judge_claim(&mut r, ClaimKind::Creator, "https://news.example/story");
    assert!(!r.claim.as_ref().unwrap().confirmed);
    let gargron = look(&mastodon_social(), "Gargron@mastodon.social", None);
    let mut r = gargron.clone();
    judge_claim(&mut r, ClaimKind::RelMe, "https://unrelated.example/");
    assert!(!r.claim.unwrap().confirmed, "the account does not link back");
    assert_eq!(gargron.status, Status::Federated, "a claim never changes the account's own status");
}

/// An actor whose own server claims, in WebFinger, the handle of someone on another domain: the
/// lookup by its URL stays about that actor (shape of the sandbox's claimer.example).
fn claimer(web: FakeWeb) -> FakeWeb {
    let imp = r#"{"@context":"https://www.w3.org/ns/activitystreams","id":"https://claimer.example/users/imp","type":"Person","preferredUsername":"imp","name":"Not Eugen","inbox":"https://claimer.example/users/imp/inbox"}"#;
    let claims_gargron = r#"{"subject":"acct:Gargron@mastodon.social","links":[{"rel":"self","type":"application/activity+json","href":"https://claimer.example/users/imp"}]}"#;
    let by_url = "https://claimer.example/.well-known/webfinger?resource=https%3A%2F%2Fclaimer.example%2Fusers%2Fimp";
    web.activity("https://claimer.example/users/imp", imp).webfinger("imp@claimer.example", claims_gargron).answer(
        by_url,
        200,
        "application/jrd+json",
        claims_gargron,
    )
}

#[test]
fn a_lookup_by_url_never_takes_on_a_handle_whose_domain_points_elsewhere() {
    let web = claimer(mastodon_social());
    let r = look(&web, "https://claimer.example/users/imp", Some("me@home.example"));
    assert_eq!(r.status, Status::Unverified, "{:?}", r.checks);
    assert_eq!(r.actor.as_deref(), Some("https://claimer.example/users/imp"), "the actor at the URL, not Gargron's");
    assert_eq!(
        r.handle.as_ref().map(ToString::to_string).as_deref(),
        Some("imp@claimer.example"),
        "its own-host handle"
    );
    assert!(failed(&r).contains(&"handle_claim"), "{:?}", r.checks);
    let claim = r.checks.iter().find(|c| c.name() == "handle_claim").unwrap();
    assert!(
        claim.detail.to_string().contains("gives that handle to https://mastodon.social/users/Gargron"),
        "{}",
        claim.detail
    );
    let view = PanelView::of(&r);
    assert_ne!(view.title, "Eugen Rochko");
    assert!(view.avatar.is_none());
    let Action::Open { label, .. } = &view.action else { panic!("{:?}", view.action) };
    assert!(label.to_string().contains("@imp@claimer.example") && label.to_string().contains("not proven"), "{label}");
}

#[test]
fn a_cross_domain_handle_that_points_back_is_taken_by_url_too() {
    // The legitimate split domain, reached by the actor's URL: the handle's domain agrees.
    let actor = r#"{"id":"https://social.split.example/users/alice","type":"Person","preferredUsername":"alice","inbox":"https://social.split.example/inbox"}"#;
    let jrd = r#"{"subject":"acct:alice@split.example","aliases":["https://social.split.example/users/alice"],"links":[{"rel":"self","type":"application/activity+json","href":"https://social.split.example/users/alice"}]}"#;
    let web = FakeWeb::new()
        .activity("https://social.split.example/users/alice", actor)
        .webfinger("alice@social.split.example", jrd)
        .webfinger("alice@split.example", jrd);
    let r = look(&web, "https://social.split.example/users/alice", None);
    assert_eq!(r.handle.as_ref().map(ToString::to_string).as_deref(), Some("alice@split.example"));
    assert_eq!(r.status, Status::Federated, "{:?}", r.checks);
}

#[test]
fn a_forged_post_naming_a_famous_author_is_not_shown_as_theirs() {
    let forged = r#"{"@context":"https://www.w3.org/ns/activitystreams","id":"https://forger.example/notes/1","type":"Note","attributedTo":"https://mastodon.social/users/Gargron","content":"<p>I am selling Mastodon.</p>"}"#;
    let by_url =
        "https://mastodon.social/.well-known/webfinger?resource=https%3A%2F%2Fmastodon.social%2Fusers%2FGargron";
    let web = mastodon_social().activity("https://forger.example/notes/1", forged).answer(
        by_url,
        200,
        "application/jrd+json",
        fixture("mastodon/webfinger-mastodon-social-gargron.json"),
    );
    let r = look(&web, "https://forger.example/notes/1", Some("me@home.example"));
    assert_eq!(r.status, Status::Unverified, "{:?}", r.checks);
    assert_eq!(failed(&r), vec!["post_origin"], "{:?}", r.checks);
    assert!(
        r.headline.to_string().contains("claims an author on mastodon.social, which it cannot prove"),
        "{}",
        r.headline
    );
    let view = PanelView::of(&r);
    assert_ne!(view.title, "Eugen Rochko", "the forged post is not presented as his");
    let Action::Open { label, .. } = &view.action else { panic!("{:?}", view.action) };
    assert!(label.to_string().contains("its author is not proven"), "{label}");
    assert!(view.interactions.is_empty(), "no Like or Boost for a post whose author is not proven");
}

#[test]
fn an_activitypub_link_to_another_site_is_a_claim_until_the_document_names_the_page() {
    use fedilens::core::identity::claim::ClaimKind;
    use fedilens::core::report::judge_claim;
    use fedilens::{detect, PageSignals};
    let signals = PageSignals {
        url: "https://blog.example/about".into(),
        links: vec![fedilens::core::identity::signals::LinkSignal {
            rel: "alternate".into(),
            media_type: "application/activity+json".into(),
            href: "https://mastodon.social/users/Gargron".into(),
        }],
        ..PageSignals::default()
    };
    let d = detect(&signals);
    assert_eq!(d.claim, Some(ClaimKind::Alternate), "{:?}", d.evidence);
    let mut r = look(&mastodon_social(), "https://mastodon.social/users/Gargron", None);
    judge_claim(&mut r, ClaimKind::Alternate, "https://blog.example/about");
    assert!(!r.claim.as_ref().unwrap().confirmed, "Gargron's documents do not name blog.example/about");
    judge_claim(&mut r, ClaimKind::Alternate, "https://mastodon.social/@Gargron");
    assert!(r.claim.as_ref().unwrap().confirmed, "the actor's own url is its page");
}

#[test]
fn an_actor_served_as_another_media_type_is_not_activitypub() {
    let jrd = r#"{"subject":"acct:a@typed.example","links":[{"rel":"self","type":"application/activity+json","href":"https://typed.example/users/a"}]}"#;
    let actor = r#"{"id":"https://typed.example/users/a","type":"Person","preferredUsername":"a","inbox":"https://typed.example/inbox"}"#;
    for (media, ok) in [
        ("application/activity+json", true),
        ("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"", true),
        ("application/json; charset=utf-8", true),
        ("text/plain", false),
        ("image/png", false),
        ("text/html", false),
    ] {
        let web =
            FakeWeb::new().webfinger("a@typed.example", jrd).answer("https://typed.example/users/a", 200, media, actor);
        let r = look(&web, "a@typed.example", None);
        assert_eq!(r.status == Status::Federated, ok, "{media}: {:?} {}", r.status, r.headline);
        if !ok {
            assert!(r.headline.to_string().contains(media), "{media}: {}", r.headline);
        }
    }
}

#[test]
fn homes_follow_as_they_publish_or_say_to_search() {
    // A WordPress home publishes FEP-3b86 intents (in `href`, with `{object}`) and no OStatus
    // template (wordpress-activitypub PR #2256; FACTS.md §8): its Follow intent is used.
    let wp_jrd = r#"{"subject":"acct:me@wp.example","links":[
        {"rel":"self","type":"application/activity+json","href":"https://wp.example/?author=1"},
        {"rel":"https://w3id.org/fep/3b86/Follow","href":"https://wp.example/wp-json/activitypub/1.0/interactions?uri={object}&intent=follow"},
        {"rel":"https://w3id.org/fep/3b86/Create","href":"https://wp.example/wp-admin/post-new.php?in_reply_to={inReplyTo}"}]}"#;
    let web = mastodon_social().webfinger("me@wp.example", wp_jrd).nodeinfo(
        "wp.example",
        r#"{"version":"2.0","software":{"name":"wordpress","version":"6.8"},"protocols":["activitypub"]}"#,
    );
    let r = look(&web, "@Gargron@mastodon.social", Some("me@wp.example"));
    assert_eq!(
        r.follow_url.as_deref(),
        Some("https://wp.example/wp-json/activitypub/1.0/interactions?uri=https%3A%2F%2Fmastodon.social%2Fusers%2FGargron&intent=follow")
    );
    assert!(!r.follow_url.as_deref().unwrap_or_default().contains("authorize_interaction"));

    // A home whose software has no follow page and whose WebFinger names none: no made-up link,
    // the panel says to search there for the handle.
    let gts_jrd = r#"{"subject":"acct:me@gts.example","links":[{"rel":"self","type":"application/activity+json","href":"https://gts.example/users/me"}]}"#;
    let web = mastodon_social().webfinger("me@gts.example", gts_jrd).nodeinfo(
        "gts.example",
        r#"{"version":"2.0","software":{"name":"gotosocial","version":"0.19.0"},"protocols":["activitypub"]}"#,
    );
    let r = look(&web, "@Gargron@mastodon.social", Some("me@gts.example"));
    assert_eq!(r.follow_url, None);
    let view = PanelView::of(&r);
    assert_eq!(
        view.action,
        Action::Search {
            label: fedilens::core::words::msg::action_search("gts.example"),
            query: "@Gargron@mastodon.social".into()
        }
    );
}

#[test]
fn servers_say_how_long_an_answer_keeps_and_when_to_ask_again() {
    use fedilens::core::net::caching::CachingHeaders;
    use fedilens::core::wire::view::cache_seconds;
    let wf = support::webfinger_url("a@busy.example");
    let busy = CachingHeaders { retry_after: Some("120".into()), ..CachingHeaders::default() };
    let web = FakeWeb::new().route(&wf, Route::WithCaching { status: 429, caching: busy, body: b"{}".to_vec() });
    let r = look(&web, "a@busy.example", None);
    assert_eq!(r.status, Status::Unreachable);
    assert_eq!(r.retry_after, Some(120));
    assert!(r.warnings.iter().any(|w| w.to_string().contains("left alone for 120 s")), "{:?}", r.warnings);
    assert_eq!(cache_seconds(&r), 120, "the answer is kept until the server is ready again");

    // Mastodon's WebFinger is fresh for three days; the shortest lifetime of the lookup counts.
    let gargron = Route::WithCaching {
        status: 200,
        caching: CachingHeaders { cache_control: Some("max-age=600, public".into()), ..CachingHeaders::default() },
        body: fixture("mastodon/webfinger-mastodon-social-gargron.json"),
    };
    let web = mastodon_social().route(&support::webfinger_url("Gargron@mastodon.social"), gargron);
    let r = look(&web, "@Gargron@mastodon.social", None);
    assert_eq!(r.status, Status::Federated, "{:?}", r.checks);
    assert_eq!((r.fresh_for, cache_seconds(&r)), (Some(600), 600));
}

#[test]
fn a_session_asks_each_host_for_its_nodeinfo_once() {
    use fedilens::core::lookup::lookup_remembering;
    use fedilens::core::protocol::nodeinfo::HostMemory;
    let web = mastodon_social();
    let memory = HostMemory::default();
    let target = Target::parse("@Gargron@mastodon.social").unwrap();
    for _ in 0..3 {
        let r = run(lookup_remembering(&web, &target, None, Limits::default(), Some(&memory)));
        assert_eq!(r.software.as_ref().map(|s| s.name.as_str()), Some("mastodon"), "NodeInfo still known");
    }
    let asked = web.requested.borrow().iter().filter(|u| u.contains("nodeinfo")).count();
    assert_eq!(asked, 2, "discovery and document, once: {:?}", web.requested.borrow());
}

#[test]
fn a_fediverse_profile_names_its_bluesky_handle_through_bridgy_fed_without_asking_anyone() {
    let web = mastodon_social();
    let r = look(&web, "@Gargron@mastodon.social", None);
    let view = PanelView::of(&r);
    assert_eq!(
        view.bluesky,
        Some((
            "gargron.mastodon.social.ap.brid.gy".to_string(),
            "https://bsky.app/profile/gargron.mastodon.social.ap.brid.gy".to_string()
        ))
    );
    assert!(
        r.requests.iter().all(|q| !q.url.contains("brid.gy") && !q.url.contains("bsky")),
        "nothing asked of the bridge or Bluesky"
    );
    let bridge = r.bridge.as_ref().unwrap();
    assert_eq!(
        (bridge.way, bridge.bridged),
        (fedilens::core::identity::bridges::BridgeWay::ToBluesky, None),
        "not asked, not known"
    );
    let crossed = PanelView::from_json(&Json::parse(view.to_json().to_string().as_bytes()).unwrap()).unwrap();
    assert_eq!(crossed.bluesky, view.bluesky);
}
