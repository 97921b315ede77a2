//! The home API against fake homes that answer as the APIs' documentation and captures say
//! (`tests/fixtures/api/`), and its pure parts on their own.

use super::*;
use crate::core::homeapi::api::query_pairs;
use crate::core::net::fetch::{Fetch, Gate, Method};
use crate::core::protocol::family::Family;
use crate::core::protocol::handle::Handle;
use crate::core::report::{SoftwareInfo, Status};
use crate::core::text::json::Json;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/api/{path}")).unwrap()
}

use crate::core::net::caching::CachingHeaders;
use crate::core::net::egress::Limits;
use crate::core::net::fetch::{FetchError, FetchRequest, FetchResponse};
use std::cell::RefCell;

/// One request as the fake home saw it: method, URL, body, Authorization.
pub(crate) type Seen = (Method, String, String, Option<String>);

/// A home whose answers come from `answer(method, url, body)`; it records every request.
pub(crate) struct FakeHome {
    answer: fn(Method, &str, &str) -> (u16, String),
    pub(crate) seen: RefCell<Vec<Seen>>,
}

impl Fetch for FakeHome {
    async fn get(&self, request: FetchRequest<'_>) -> Result<FetchResponse, FetchError> {
        let body = request.body.map(|b| String::from_utf8_lossy(b.bytes).into_owned()).unwrap_or_default();
        let url = request.url.as_str().to_string();
        self.seen.borrow_mut().push((
            request.method,
            url.clone(),
            body.clone(),
            request.authorization.map(str::to_string),
        ));
        let (status, text) = (self.answer)(request.method, &url, &body);
        Ok(FetchResponse {
            status,
            url: request.url.clone(),
            content_type: Some("application/json".into()),
            location: (status == 302).then(|| "https://elsewhere.example/steal".to_string()),
            caching: CachingHeaders {
                retry_after: (status == 429).then(|| "120".to_string()),
                ..CachingHeaders::default()
            },
            body: text.into_bytes(),
        })
    }
    async fn sleep(&self, _ms: u64) {
        std::future::pending::<()>().await
    }
}

pub(crate) fn home(answer: fn(Method, &str, &str) -> (u16, String)) -> FakeHome {
    FakeHome { answer, seen: RefCell::new(Vec::new()) }
}

pub(crate) fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
}

pub(crate) fn mastodon() -> Connection {
    Connection { api: HomeApi::Mastodon, host: "home.example".into(), token: "t0k".into() }
}

pub(crate) fn misskey() -> Connection {
    Connection { api: HomeApi::Misskey, host: "misskey-home.example".into(), token: "t0k".into() }
}

#[test]
fn mastodon_calls_carry_the_token_and_read_the_state_after_a_follow() {
    let web = home(|method, url, _| match (method, url) {
        (Method::Get, u) if u.contains("/api/v2/search") => {
            (200, r#"{"accounts":[{"id":"9","acct":"zuck@threads.net"}],"statuses":[],"hashtags":[]}"#.into())
        }
        (Method::Get, u) if u.contains("/relationships") => {
            (200, r#"[{"id":"9","following":false,"requested":true}]"#.into())
        }
        (Method::Post, u) if u.ends_with("/api/v1/accounts/9/follow") => {
            (200, r#"{"id":"9","following":true,"requested":false}"#.into())
        }
        _ => (404, r#"{"error":"Record not found"}"#.into()),
    });
    let gate = Gate::new(&web, Limits::default());
    let target = Handle::parse("zuck@threads.net").unwrap();
    let (account, now) = block_on(find_account(&gate, &mastodon(), &target)).unwrap();
    assert_eq!((account.id.as_str(), now.following), ("9", Following::Requested));
    let after = block_on(set_following(&gate, &mastodon(), &account.id, true, now.following)).unwrap();
    assert_eq!(after.following, Following::Requested, "read from relationships, not the optimistic answer");
    let seen = web.seen.borrow();
    assert!(seen.iter().all(|(_, _, _, auth)| auth.as_deref() == Some("Bearer t0k")));
    assert!(seen[0]
        .1
        .starts_with("https://home.example/api/v2/search?q=%40zuck%40threads.net&type=accounts&resolve=true"));
    assert_eq!(seen[2].0, Method::Post);
    assert_eq!(seen.len(), 4, "search, relationships, follow, relationships");
}

#[test]
fn misskey_calls_send_the_token_in_the_body_and_withdraw_a_request_by_cancelling_it() {
    let web = home(|_, url, _| match url {
        u if u.ends_with("/api/users/show") => (200, r#"{"id":"9x","username":"zuck","host":"threads.net"}"#.into()),
        u if u.ends_with("/api/users/relation") => {
            (200, r#"{"id":"9x","isFollowing":false,"hasPendingFollowRequestFromYou":true}"#.into())
        }
        _ => (200, r#"{"id":"9x","username":"zuck","host":"threads.net"}"#.into()),
    });
    let gate = Gate::new(&web, Limits::default());
    let target = Handle::parse("zuck@threads.net").unwrap();
    let (account, now) = block_on(find_account(&gate, &misskey(), &target)).unwrap();
    assert_eq!(now.following, Following::Requested);
    block_on(set_following(&gate, &misskey(), &account.id, false, now.following)).unwrap();
    let seen = web.seen.borrow();
    assert!(seen
        .iter()
        .all(|(m, _, body, auth)| *m == Method::Post && body.contains(r#""i":"t0k""#) && auth.is_none()));
    assert!(seen[0].2.contains(r#""username":"zuck""#) && seen[0].2.contains(r#""host":"threads.net""#));
    assert!(seen[2].1.ends_with("/api/following/requests/cancel"), "a pending request is cancelled: {:?}", seen[2]);
}

#[test]
fn registration_and_tokens_are_form_posts_and_their_errors_are_states() {
    let web = home(|_, url, _| match url {
        u if u.ends_with("/api/v1/apps") => (200, String::from_utf8(fixture("mastodon/app.json")).unwrap()),
        u if u.ends_with("/oauth/token") => (401, String::from_utf8(fixture("mastodon/token-error-401.json")).unwrap()),
        _ => (500, String::new()),
    });
    let gate = Gate::new(&web, Limits::default());
    let app = block_on(register_app(&gate, "home.example", "https://abc.chromiumapp.org/")).unwrap();
    assert_eq!(app.client_id, "TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM");
    let sent = web.seen.borrow()[0].2.clone();
    assert!(sent.contains("redirect_uris=https%3A%2F%2Fabc.chromiumapp.org%2F"), "{sent}");
    assert!(
        sent.contains(
            "scopes=read%3Aaccounts+read%3Afollows+write%3Afollows+read%3Asearch+write%3Afavourites+write%3Astatuses"
        ),
        "{sent}"
    );
    let token = block_on(exchange_code(&gate, "home.example", &app, "c", "https://abc.chromiumapp.org/", "v"));
    assert_eq!(token, Err(ApiError::Reconnect), "an unknown client: connect (and register) again");
}

#[test]
fn an_api_redirect_is_not_followed_and_private_hosts_are_never_asked() {
    let web = home(|_, _, _| (302, String::new()));
    let gate = Gate::new(&web, Limits::default());
    let target = Handle::parse("zuck@threads.net").unwrap();
    assert_eq!(block_on(find_account(&gate, &mastodon(), &target)), Err(ApiError::Down(302)));
    assert_eq!(web.seen.borrow().len(), 1, "the token never went to the redirect's target");
    let local = Connection { host: "127.0.0.1".into(), ..mastodon() };
    let refused = block_on(find_account(&Gate::new(&web, Limits::default()), &local, &target));
    assert!(matches!(refused, Err(ApiError::Unreachable(_))), "{refused:?}");
    assert_eq!(web.seen.borrow().len(), 1);
}

#[test]
fn a_home_speaks_the_api_of_its_family() {
    assert_eq!(HomeApi::of(Family::Mastodon), Some(HomeApi::Mastodon));
    assert_eq!(HomeApi::of(Family::GoToSocial), Some(HomeApi::Mastodon));
    assert_eq!(HomeApi::of(Family::Pleroma), Some(HomeApi::Mastodon));
    assert_eq!(HomeApi::of(Family::Misskey), Some(HomeApi::Misskey));
    assert_eq!(HomeApi::of(Family::Threads), None);
    assert_eq!(HomeApi::of(Family::WordPress), None);
}

#[test]
fn the_app_and_token_answers_from_mastodons_documentation_read() {
    let app = parse_app(&fixture("mastodon/app.json")).unwrap();
    assert_eq!(app.client_id, "TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM");
    assert_eq!(parse_token(&fixture("mastodon/token.json")).unwrap(), "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0");
    assert_eq!(parse_app(&fixture("mastodon/error-422.json")), Err(ApiError::Invalid));
    assert_eq!(parse_token(b"<html>"), Err(ApiError::Invalid));
}

#[test]
fn the_authorization_asks_the_narrow_scopes_with_pkce_and_state() {
    let app = App { client_id: "cid".into(), client_secret: "secret".into() };
    let url = authorize_url("home.example", &app, "https://abc.chromiumapp.org/", "st4te", "ch4llenge").unwrap();
    let pairs = query_pairs(&url);
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(url.host_str(), Some("home.example"));
    assert_eq!(url.path(), "/oauth/authorize");
    assert_eq!(
        get("scope"),
        Some("read:accounts read:follows write:follows read:search write:favourites write:statuses")
    );
    assert_eq!(get("code_challenge_method"), Some("S256"));
    assert_eq!(get("redirect_uri"), Some("https://abc.chromiumapp.org/"));
    assert_eq!(get("state"), Some("st4te"));
    let (_, form) = token_request("home.example", &app, "c0de", "https://abc.chromiumapp.org/", "v3rifier").unwrap();
    assert!(form.contains(&("code_verifier", "v3rifier".to_string())));
    assert!(form.contains(&("client_secret", "secret".to_string())));
}

#[test]
fn only_our_redirect_with_our_state_gives_a_code() {
    let ours = "https://abc.chromiumapp.org/";
    assert_eq!(code_from_redirect("https://abc.chromiumapp.org/?code=xyz&state=s1", ours, "s1"), Ok("xyz".into()));
    assert_eq!(
        code_from_redirect("https://abc.chromiumapp.org/?code=xyz&state=s2", ours, "s1"),
        Err(ApiError::Invalid)
    );
    assert_eq!(code_from_redirect("https://abc.chromiumapp.org/?code=xyz", ours, "s1"), Err(ApiError::Invalid));
    assert_eq!(code_from_redirect("https://evil.example/?code=xyz&state=s1", ours, "s1"), Err(ApiError::Invalid));
    assert_eq!(
        code_from_redirect("https://abc.chromiumapp.org/#?code=xyz&state=s1", ours, "s1"),
        Err(ApiError::Invalid)
    );
    assert_eq!(
        code_from_redirect("https://abc.chromiumapp.org/?code=xyz&state=s1&code=evil", ours, "s1"),
        Err(ApiError::Invalid)
    );
    assert_eq!(code_from_redirect("https://abc.chromiumapp.org/?code=xyz&state=", ours, ""), Err(ApiError::Invalid));
    assert_eq!(
        code_from_redirect("https://abc.chromiumapp.org/?error=access_denied&state=s1", ours, "s1"),
        Err(ApiError::Denied)
    );
}

/// RFC 7636 appendix B: the verifier `dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk` has the
/// S256 challenge `E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM` (its SHA-256 bytes given there).
#[test]
fn pkce_challenges_are_rfc_7636s() {
    let digest = [
        19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120, 173, 109, 241, 68, 86, 110,
        225, 137, 74, 203, 112, 249, 195,
    ];
    assert_eq!(base64url(&digest), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assert_eq!(base64url(b"f"), "Zg");
    assert_eq!(base64url(b"fo"), "Zm8");
    assert_eq!(base64url(b"foo"), "Zm9v");
}

#[test]
fn a_following_state_crosses_by_its_name_and_comes_back() {
    for f in [Following::No, Following::Requested, Following::Yes] {
        assert_eq!(Following::parse(f.as_str()), Some(f));
    }
    assert_eq!(Following::parse("maybe"), None);
}

#[test]
fn relationships_read_as_the_apis_document_them() {
    let r = parse_mastodon_relationship(&fixture("mastodon/relationships.json"), "1").unwrap();
    assert_eq!(r.following, Following::Yes);
    assert!(r.followed_by && !r.can_follow());
    assert_eq!(r.words().len(), 2, "following, and follows you");
    assert_eq!(parse_mastodon_relationship(&fixture("mastodon/relationships.json"), "2"), Err(ApiError::Invalid));
    // GET relationships while the Accept is on the way (the sandbox's and Mastodon's shape).
    let pending = br#"[{"id":"7","following":false,"requested":true}]"#;
    assert_eq!(parse_mastodon_relationship(pending, "7").unwrap().following, Following::Requested);
    let both = br#"[{"id":"7","following":true,"requested":true}]"#;
    assert_eq!(parse_mastodon_relationship(both, "7").unwrap().following, Following::Requested);
    let m = parse_misskey_relation(&fixture("misskey/relation.json"), "9ab12cdef0").unwrap();
    assert_eq!(m.following, Following::Requested);
    assert!(m.followed_by && !m.can_follow());
}

#[test]
fn a_search_result_is_taken_only_when_it_is_the_target() {
    let target = Handle::parse("zuck@threads.net").unwrap();
    let found = br#"{"accounts":[{"id":"5","acct":"zuckfan@threads.net"},{"id":"9","acct":"Zuck@threads.net"}],"statuses":[],"hashtags":[]}"#;
    let id = |r: Result<HomeAccount, ApiError>| r.map(|a| a.id);
    assert_eq!(id(parse_mastodon_search(found, "home.example", &target)), Ok("9".into()));
    let other = br#"{"accounts":[{"id":"5","acct":"zuck@threads.example"}]}"#;
    assert_eq!(id(parse_mastodon_search(other, "home.example", &target)), Err(ApiError::NotFound));
    let local = Handle::parse("me@home.example").unwrap();
    assert_eq!(
        id(parse_mastodon_search(br#"{"accounts":[{"id":"1","acct":"me"}]}"#, "home.example", &local)),
        Ok("1".into())
    );
    let misskey = br#"{"id":"9x","username":"zuck","host":"threads.net"}"#;
    assert_eq!(id(parse_misskey_user(misskey, "misskey.example", &target)), Ok("9x".into()));
    let impostor = br#"{"id":"9y","username":"zuck","host":"evil.example"}"#;
    assert_eq!(id(parse_misskey_user(impostor, "misskey.example", &target)), Err(ApiError::Invalid));
    assert_eq!(
        misskey_user_show("misskey.example", &target).to_string(),
        r#"{"username":"zuck","host":"threads.net"}"#
    );
}

#[test]
fn miauth_asks_for_exactly_the_permissions_it_needs_and_its_check_is_read_once() {
    let url = miauth_url("misskey.example", "0b3e…", "https://abc.chromiumapp.org/").unwrap();
    assert!(url.as_str().starts_with("https://misskey.example/miauth/"));
    assert!(query_pairs(&url)
        .contains(&("permission".to_string(), "read:account,write:following,write:reactions,write:notes".to_string())));
    assert_eq!(parse_miauth_check(&fixture("misskey/miauth-check.json")), Ok("bX8fT3kQ2pLr9Vw1".into()));
    assert_eq!(parse_miauth_check(&fixture("misskey/miauth-check-used.json")), Err(ApiError::Denied));
}

#[test]
fn the_apps_website_is_the_project_the_user_agent_names() {
    assert!(crate::core::net::fetch::USER_AGENT.contains(crate::core::net::fetch::PROJECT_URL));
}

#[test]
fn errors_become_states_in_words() {
    assert_eq!(
        ApiError::of(403, br#"{"error":"This action is outside the authorized scopes"}"#, None, &[]),
        ApiError::Reconnect,
        "a token without the scope needs a new authorization"
    );
    assert_eq!(ApiError::of(401, &fixture("mastodon/error-401.json"), None, &[]), ApiError::Reconnect);
    assert!(ApiError::of(401, b"", None, &[]).needs_reconnect());
    let misskey_denied = ApiError::of(403, &fixture("misskey/error-permission.json"), None, &[]);
    assert_eq!(
        misskey_denied,
        ApiError::Refused(Some("Your app does not have the necessary permissions to use this endpoint.".into()))
    );
    assert_eq!(ApiError::of(403, br#"{"error":{"code":"AUTHENTICATION_FAILED"}}"#, None, &[]), ApiError::Reconnect);
    assert_eq!(ApiError::of(404, br#"{"error":"Record not found"}"#, None, &[]), ApiError::NotFound);
    assert_eq!(ApiError::of(429, b"{}", Some(300), &[]), ApiError::Busy { retry_after: Some(300) });
    assert_eq!(ApiError::of(503, b"<html>", None, &[]), ApiError::Down(503));
    assert_eq!(
        ApiError::of(422, &fixture("mastodon/error-422.json"), None, &[]).msg("home.example").to_string(),
        "home.example rejected the request: Validation failed: Redirect URI must be an absolute URI."
    );
}

fn secrets() -> Secrets {
    Secrets { verifier: "v".repeat(43), challenge: "c".repeat(43), state: "5f0c-state".into() }
}

const REDIRECT: &str = "https://abc.chromiumapp.org/";

/// A Mastodon home: the app from Mastodon's documented answer, a token for any code, and
/// verify_credentials for `me`.
fn mastodon_home(_: Method, url: &str, _: &str) -> (u16, String) {
    match url {
        u if u.ends_with("/api/v1/apps") => (200, String::from_utf8(fixture("mastodon/app.json")).unwrap()),
        u if u.ends_with("/oauth/token") => (200, String::from_utf8(fixture("mastodon/token.json")).unwrap()),
        u if u.ends_with("/verify_credentials") => (200, r#"{"id":"1","username":"me","acct":"me"}"#.into()),
        u if u.ends_with("/oauth/revoke") => (200, "{}".into()),
        _ => (404, r#"{"error":"Record not found"}"#.into()),
    }
}

#[test]
fn connecting_a_mastodon_home_registers_once_sends_pkce_and_learns_who_approved() {
    let web = home(mastodon_home);
    let gate = Gate::new(&web, Limits::default());
    let pending =
        block_on(begin_connect(&gate, HomeApi::Mastodon, "home.example", "me", REDIRECT, None, secrets())).unwrap();
    let url = pending.authorize_url.as_str();
    assert!(url.starts_with("https://home.example/oauth/authorize?response_type=code&client_id=TWhM-"), "{url}");
    assert!(url.contains(&format!("code_challenge={}&code_challenge_method=S256", "c".repeat(43))), "{url}");
    assert!(url.contains("state=5f0c-state"), "{url}");
    // The pending connection crosses to the background's memory as JSON, and back.
    let pending = Pending::from_json(&Json::parse(pending.to_json().to_string().as_bytes()).unwrap()).unwrap();
    let landed = format!("{REDIRECT}?code=abc&state=5f0c-state");
    let connected = block_on(finish_connect(&gate, &pending, Some(&landed))).unwrap();
    assert_eq!(connected.account, "me@home.example");
    assert_eq!(
        connected.app.as_ref().map(|a| a.client_id.as_str()),
        Some("TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM")
    );
    let seen = web.seen.borrow();
    let token = &seen[1];
    assert!(token.1.ends_with("/oauth/token") && token.2.contains(&format!("code_verifier={}", "v".repeat(43))));
    assert_eq!(seen[2].3.as_deref(), Some(format!("Bearer {}", connected.connection.token).as_str()));
    drop(seen);
    // Kept as JSON by the background, read back whole.
    let kept =
        Connected::from_json(&Json::parse(serde_json::to_string(&connected.record()).unwrap().as_bytes()).unwrap())
            .unwrap();
    assert_eq!(kept, connected);
    // Connecting again with the kept app registers nothing.
    let before = web.seen.borrow().len();
    block_on(begin_connect(&gate, HomeApi::Mastodon, "home.example", "me", REDIRECT, connected.app.clone(), secrets()))
        .unwrap();
    assert_eq!(web.seen.borrow().len(), before);
    // Disconnecting revokes the token with the app's secret.
    assert_eq!(block_on(disconnect(&gate, &kept)), Ok(Disconnected::Revoked));
    let seen = web.seen.borrow();
    let revoke = seen.last().unwrap();
    assert!(revoke.1.ends_with("/oauth/revoke") && revoke.2.contains("client_secret="), "{revoke:?}");
}

#[test]
fn an_approval_that_did_not_come_back_to_us_gives_no_token() {
    let web = home(mastodon_home);
    let gate = Gate::new(&web, Limits::default());
    let pending =
        block_on(begin_connect(&gate, HomeApi::Mastodon, "home.example", "me", REDIRECT, None, secrets())).unwrap();
    let asked = web.seen.borrow().len();
    assert_eq!(block_on(finish_connect(&gate, &pending, None)), Err(ApiError::NotApproved), "the window was closed");
    let forged = "https://abc.chromiumapp.org/?code=abc&state=someone-else";
    assert_eq!(block_on(finish_connect(&gate, &pending, Some(forged))), Err(ApiError::Invalid));
    let elsewhere = "https://evil.example/?code=abc&state=5f0c-state";
    assert_eq!(block_on(finish_connect(&gate, &pending, Some(elsewhere))), Err(ApiError::Invalid));
    assert_eq!(web.seen.borrow().len(), asked, "no token was asked for");
    assert_eq!(
        ApiError::NotApproved.msg("home.example").to_string(),
        "Not connected: the window closed before home.example sent you back"
    );
}

#[test]
fn connecting_a_misskey_home_checks_our_own_session_once_and_cannot_revoke_its_token() {
    let web = home(|_, url, _| match url {
        u if u.ends_with("/check") => (200, String::from_utf8(fixture("misskey/miauth-check.json")).unwrap()),
        u if u.ends_with("/api/i") => (200, r#"{"id":"1","username":"me","host":null}"#.into()),
        _ => (404, String::new()),
    });
    let gate = Gate::new(&web, Limits::default());
    let secrets = Secrets { state: "4f6e1c7a-2b3d-4e5f-8a9b-0c1d2e3f4a5b".into(), ..secrets() };
    let pending =
        block_on(begin_connect(&gate, HomeApi::Misskey, "misskey-home.example", "me", REDIRECT, None, secrets))
            .unwrap();
    assert!(pending
        .authorize_url
        .as_str()
        .starts_with("https://misskey-home.example/miauth/4f6e1c7a-2b3d-4e5f-8a9b-0c1d2e3f4a5b?name=Fedilens"));
    assert_eq!(web.seen.borrow().len(), 0, "MiAuth registers nothing");
    let other = format!("{REDIRECT}?session=another");
    assert_eq!(block_on(finish_connect(&gate, &pending, Some(&other))), Err(ApiError::Invalid));
    assert_eq!(web.seen.borrow().len(), 0, "another session is never checked");
    let landed = format!("{REDIRECT}?session=4f6e1c7a-2b3d-4e5f-8a9b-0c1d2e3f4a5b");
    let connected = block_on(finish_connect(&gate, &pending, Some(&landed))).unwrap();
    assert_eq!((connected.account.as_str(), connected.app.is_none()), ("me@misskey-home.example", true));
    assert!(web.seen.borrow()[0].1.ends_with("/api/miauth/4f6e1c7a-2b3d-4e5f-8a9b-0c1d2e3f4a5b/check"));
    let said = block_on(disconnect(&gate, &connected)).unwrap();
    assert_eq!(said, Disconnected::RevokeThere("https://misskey-home.example/settings/apps".into()));
    assert_eq!(web.seen.borrow().len(), 2, "check and i: disconnecting asked the home nothing");
}

#[test]
fn the_home_to_connect_is_the_actors_server_speaking_its_familys_api() {
    let software = |name: &str, family| SoftwareInfo {
        name: name.into(),
        version: None,
        family,
        source: crate::core::report::SoftwareSource::NodeInfo,
    };
    let mastodon = software("mastodon", Some(Family::Mastodon));
    assert_eq!(
        home_server(Status::Federated, Some("https://social.example.com/users/me"), Some(&mastodon)),
        Ok((HomeApi::Mastodon, "social.example.com".into())),
        "a handle on example.com whose WebFinger delegates to social.example.com"
    );
    let sharkey = software("sharkey", Some(Family::Misskey));
    assert_eq!(
        home_server(Status::SignedFetchOnly, Some("https://shark.example/users/9x"), Some(&sharkey)).map(|(a, _)| a),
        Ok(HomeApi::Misskey)
    );
    let wordpress = software("wordpress", Some(Family::WordPress));
    assert_eq!(
        home_server(Status::Federated, Some("https://blog.example/author/me"), Some(&wordpress))
            .map_err(|m| m.to_string()),
        Err("blog.example runs wordpress, whose API Fedilens does not speak: the follow link stays".into())
    );
    assert!(home_server(Status::Federated, Some("https://x.example/u"), None).is_err());
    assert_eq!(
        home_server(Status::Unverified, Some("https://evil.example/users/me"), Some(&mastodon)).map_err(|m| m.id),
        Err("connect_unproven".into()),
        "no token for a server the account's documents do not prove"
    );
}

#[test]
fn a_stored_connection_needs_its_api_host_and_token() {
    let parse = |text: &str| Connected::from_json(&Json::parse(text.as_bytes()).unwrap());
    assert!(parse(r#"{"api":"mastodon","host":"home.example","token":"t"}"#).is_some());
    assert!(parse(r#"{"api":"activitypub","host":"home.example","token":"t"}"#).is_none());
    assert!(parse(r#"{"api":"misskey","host":"","token":"t"}"#).is_none());
    assert!(parse(r#"{"api":"misskey","host":"h.example","token":""}"#).is_none());
}

#[test]
fn what_the_home_saw_of_an_account_comes_with_its_id_and_crosses_to_the_panel() {
    let target = Handle::parse("zuck@threads.net").unwrap();
    let mastodon = br#"{"accounts":[{"id":"9","acct":"zuck@threads.net","display_name":"Mark <b>Z</b>","statuses_count":12,"followers_count":3400,"following_count":5}]}"#;
    let account = parse_mastodon_search(mastodon, "home.example", &target).unwrap();
    assert_eq!(
        account,
        HomeAccount {
            id: "9".into(),
            name: Some("Mark <b>Z</b>".into()),
            posts: Some(12),
            followers: Some(3400),
            following: Some(5)
        }
    );
    // Misskey's users/show with the counts the user hides answered as null.
    let misskey = br#"{"id":"9x","username":"zuck","host":"threads.net","name":null,"notesCount":7,"followersCount":null,"followingCount":null}"#;
    let hidden = parse_misskey_user(misskey, "misskey.example", &target).unwrap();
    assert_eq!((hidden.name, hidden.posts, hidden.followers), (None, Some(7), None));
    let relationship = parse_mastodon_relationship(&fixture("mastodon/relationships.json"), "1").unwrap();
    let json = serde_json::to_string(&relationship_answer("home.example", Ok((account, relationship)))).unwrap();
    assert!(json.contains(r#""seen":{"name":"Mark <b>Z</b>","posts":12,"followers":3400,"following":5}"#), "{json}");
    let bare = HomeAccount { id: "9".into(), ..Default::default() };
    let json = serde_json::to_string(&relationship_answer("home.example", Ok((bare, relationship)))).unwrap();
    assert!(json.contains(r#""seen":null"#), "{json}");
}

#[test]
fn a_post_opens_at_the_homes_own_page_only_when_the_home_resolved_that_post() {
    use crate::core::homeapi::{
        parse_mastodon_post_state as parse_mastodon_post, parse_misskey_post_state as parse_misskey_post,
    };
    let object = "https://threads.net/ap/users/1/post/DYSAIo_FL77/";
    let search = mastodon_post_search_url("home.example", object).unwrap();
    assert_eq!(
        search.as_str(),
        "https://home.example/api/v2/search?q=https%3A%2F%2Fthreads.net%2Fap%2Fusers%2F1%2Fpost%2FDYSAIo_FL77%2F&type=statuses&resolve=true&limit=1"
    );
    let found = format!(
        r#"{{"accounts":[],"statuses":[{{"id":"113","uri":"{object}","url":"https://www.threads.net/@zuck/post/DYSAIo_FL77","account":{{"acct":"zuck@threads.net"}}}}]}}"#
    );
    assert_eq!(
        parse_mastodon_post(found.as_bytes(), "home.example", object).map(|p| p.page),
        Ok("https://home.example/@zuck@threads.net/113".into())
    );
    // By its page URL too (Mastodon's `url`).
    let by_url = "https://www.threads.net/@zuck/post/DYSAIo_FL77";
    assert!(parse_mastodon_post(found.as_bytes(), "home.example", by_url).is_ok());
    let other =
        br#"{"statuses":[{"id":"114","uri":"https://threads.net/ap/other","account":{"acct":"zuck@threads.net"}}]}"#;
    assert_eq!(parse_mastodon_post(other, "home.example", object), Err(ApiError::NotFound));
    let odd = format!(
        r#"{{"statuses":[{{"id":"1/../../oauth","uri":"{object}","account":{{"acct":"zuck@threads.net"}}}}]}}"#
    );
    assert_eq!(parse_mastodon_post(odd.as_bytes(), "home.example", object), Err(ApiError::Invalid));
    let note = format!(r#"{{"type":"Note","object":{{"id":"9zq1x","uri":"{object}","text":"hi"}}}}"#);
    assert_eq!(
        parse_misskey_post(note.as_bytes(), "misskey.example", object).map(|p| p.page),
        Ok("https://misskey.example/notes/9zq1x".into())
    );
    let user = br#"{"type":"User","object":{"id":"9x"}}"#;
    assert_eq!(parse_misskey_post(user, "misskey.example", object), Err(ApiError::NotFound));
}

#[test]
fn an_approval_by_another_account_is_refused_and_its_token_revoked() {
    let web = home(|method, url, body| match url {
        u if u.ends_with("/verify_credentials") => (200, r#"{"id":"2","username":"someone_else"}"#.into()),
        _ => mastodon_home(method, url, body),
    });
    let gate = Gate::new(&web, Limits::default());
    let pending =
        block_on(begin_connect(&gate, HomeApi::Mastodon, "home.example", "me", REDIRECT, None, secrets())).unwrap();
    let landed = format!("{REDIRECT}?code=abc&state=5f0c-state");
    let refused = block_on(finish_connect(&gate, &pending, Some(&landed)));
    assert_eq!(refused, Err(ApiError::WrongAccount("someone_else@home.example".into())));
    let seen = web.seen.borrow();
    assert!(seen.last().unwrap().1.ends_with("/oauth/revoke"), "the token not kept is revoked: {seen:?}");
}

#[test]
fn a_busy_home_says_how_long_to_wait() {
    let web = home(|_, _, _| (429, r#"{"error":"Too many requests"}"#.into()));
    let gate = Gate::new(&web, Limits::default());
    let target = Handle::parse("zuck@threads.net").unwrap();
    let busy = block_on(find_account(&gate, &mastodon(), &target));
    assert_eq!(busy, Err(ApiError::Busy { retry_after: Some(120) }), "its Retry-After");
    let words = busy.unwrap_err().msg("home.example").to_string();
    assert!(words.contains("120"), "{words}");
}

#[test]
fn a_homes_error_never_repeats_the_token_it_was_sent() {
    // Mastodon's token goes in the Authorization header, Misskey's in the body: a home that
    // echoes either back must not put it into the panel's words.
    let echo_header = home(|_, _, _| (403, r#"{"error":"Token was Bearer t0k (not allowed)"}"#.into()));
    let gate = Gate::new(&echo_header, Limits::default());
    let target = Handle::parse("zuck@threads.net").unwrap();
    let refused = block_on(find_account(&gate, &mastodon(), &target)).unwrap_err();
    let words = refused.msg("home.example").to_string();
    assert_eq!(refused, ApiError::Refused(Some("Token was Bearer … (not allowed)".into())));
    assert!(!words.contains("t0k"), "{words}");
    let echo_body = home(|_, _, body| {
        (400, format!(r#"{{"error":{{"message":"Bad body {}","code":"X"}}}}"#, body.replace('"', "'")))
    });
    let gate = Gate::new(&echo_body, Limits::default());
    let rejected = block_on(find_account(&gate, &misskey(), &target)).unwrap_err();
    let words = rejected.msg("misskey-home.example").to_string();
    assert!(matches!(rejected, ApiError::Rejected(Some(_))), "{rejected:?}");
    assert!(words.contains("Bad body") && !words.contains("t0k"), "{words}");
}

#[test]
fn a_homes_words_are_bounded_and_hide_anything_shaped_like_a_credential() {
    let token = "Zq3xV0b9Lk2mN8pR4sT6uW1yA5cE7gI9oK3hJ2dF0qS";
    // Ordinary words stay as they are.
    let plain = "Validation failed: Redirect URI must be an absolute URI.";
    assert_eq!(home_words(plain, &[]).as_deref(), Some(plain));
    // A token it was not told of, and whatever follows "Bearer", are hidden all the same.
    assert_eq!(home_words(&format!("token {token} refused"), &[]).as_deref(), Some("token … refused"));
    assert_eq!(home_words("Authorization: bearer abc", &[]).as_deref(), Some("Authorization: bearer …"));
    // A secret is taken out before the words are cut: no part of it survives at the edge.
    let long = format!("{} {token}", "word ".repeat(38));
    let shown = home_words(&long, &[token]).unwrap();
    assert!(shown.chars().count() <= HOME_WORDS_MAX && !shown.contains(&token[..6]), "{shown}");
    // Control characters, bidirectional overrides, line breaks and runs of spaces become
    // single spaces; length is bounded.
    assert_eq!(home_words("a\u{7}b\n\n  c\u{202e}d", &[]).as_deref(), Some("a b c d"));
    let huge = home_words(&"ab ".repeat(10_000), &[]).unwrap();
    assert_eq!(huge.chars().count(), HOME_WORDS_MAX);
    assert!(huge.ends_with('…'));
    assert_eq!(home_words(" \n ", &[]), None, "nothing to say is no words");
}

#[test]
fn a_kept_app_is_reused_only_on_its_server_for_its_redirect_uri() {
    let web = home(mastodon_home);
    let gate = Gate::new(&web, Limits::default());
    let pending =
        block_on(begin_connect(&gate, HomeApi::Mastodon, "home.example", "me", REDIRECT, None, secrets())).unwrap();
    let kept = Json::parse(serde_json::to_string(&kept_app(&pending)).unwrap().as_bytes()).unwrap();
    assert_eq!(kept_app_for(&kept, "home.example", REDIRECT), pending.app);
    assert_eq!(kept_app_for(&kept, "other.example", REDIRECT), None);
    assert_eq!(kept_app_for(&kept, "home.example", "https://xyz.extensions.allizom.org/"), None);
    let misskey = Pending { app: None, ..pending };
    assert!(kept_app(&misskey).is_none(), "MiAuth registers no app");
}

mod post {
    use super::*;
    use crate::core::homeapi::tests::{block_on, home, mastodon, misskey};
    use crate::core::net::egress::Limits;

    const OBJECT: &str = "https://mastodon.social/users/Gargron/statuses/1";

    #[test]
    fn a_mastodon_post_says_whether_the_reader_liked_or_boosted_it_and_likes_it_by_its_home_id() {
        let web = home(|method, url, _| match (method, url) {
            (Method::Get, u) if u.contains("/api/v2/search") => (
                200,
                format!(
                    r#"{{"statuses":[{{"id":"113","uri":"{OBJECT}","favourited":false,"reblogged":true,"account":{{"acct":"Gargron@mastodon.social"}}}}]}}"#
                ),
            ),
            (Method::Post, u) if u.ends_with("/api/v1/statuses/113/favourite") => {
                (200, r#"{"id":"113","favourited":true}"#.into())
            }
            (Method::Post, u) if u.ends_with("/api/v1/statuses/113/reblog") => {
                (200, r#"{"id":"200","reblogged":false,"reblog":{"id":"113","reblogged":true}}"#.into())
            }
            (Method::Post, u) if u.ends_with("/api/v1/statuses/113/unfavourite") => (500, "oops".into()),
            _ => (404, r#"{"error":"Record not found"}"#.into()),
        });
        let gate = Gate::new(&web, Limits::default());
        let post = block_on(find_post(&gate, &mastodon(), OBJECT)).unwrap();
        assert_eq!(post.page, "https://home.example/@Gargron@mastodon.social/113");
        assert_eq!(post.reply, post.page, "Mastodon's web app replies from the post's page");
        assert_eq!((post.liked, post.boosted), (Some(false), Some(true)));
        assert_eq!(block_on(act(&gate, &mastodon(), &post.id, Act::Like, false)), Ok(true));
        assert_eq!(
            block_on(act(&gate, &mastodon(), &post.id, Act::Boost, false)),
            Ok(true),
            "read from the reblog's post"
        );
        assert_eq!(block_on(act(&gate, &mastodon(), &post.id, Act::Like, true)), Err(ApiError::Down(500)));
        assert_eq!(block_on(act(&gate, &mastodon(), "1/../../oauth", Act::Like, false)), Err(ApiError::Invalid));
        assert_eq!(block_on(act(&gate, &mastodon(), "..", Act::Like, false)), Err(ApiError::Invalid), "no climbing");
        let seen = web.seen.borrow();
        assert!(seen.iter().all(|(_, _, _, auth)| auth.as_deref() == Some("Bearer t0k")));
        assert_eq!(seen.len(), 4, "the odd ids asked nothing");
        let answer = serde_json::to_value(act_answer("home.example", Act::Like, Err(ApiError::Down(500)))).unwrap();
        assert!(answer["error"].as_str().unwrap().contains("home.example"), "{answer}");
        assert_eq!(serde_json::to_value(act_answer("home.example", Act::Boost, Ok(true))).unwrap()["boosted"], true);
    }

    #[test]
    fn a_misskey_note_says_the_readers_reaction_and_likes_with_misskeys_own_heart() {
        let web = home(|_, url, _| match url {
            u if u.ends_with("/api/ap/show") => {
                (200, format!(r#"{{"type":"Note","object":{{"id":"9zq1x","uri":"{OBJECT}","myReaction":null}}}}"#))
            }
            u if u.ends_with("/api/notes/create") => (200, r#"{"createdNote":{"id":"9zz"}}"#.into()),
            _ => (204, String::new()),
        });
        let gate = Gate::new(&web, Limits::default());
        let post = block_on(find_post(&gate, &misskey(), OBJECT)).unwrap();
        assert_eq!(post.page, "https://misskey-home.example/notes/9zq1x");
        assert_eq!(post.reply, "https://misskey-home.example/share?replyId=9zq1x");
        assert_eq!((post.liked, post.boosted), (Some(false), None), "a note says nothing of the reader's renotes");
        assert_eq!(block_on(act(&gate, &misskey(), &post.id, Act::Like, false)), Ok(true));
        assert_eq!(block_on(act(&gate, &misskey(), &post.id, Act::Boost, false)), Ok(true));
        assert_eq!(block_on(act(&gate, &misskey(), &post.id, Act::Like, true)), Ok(false));
        let seen = web.seen.borrow();
        assert!(seen[1].1.ends_with("/api/notes/reactions/create"));
        assert!(seen[1].2.contains(r#""reaction":"❤""#) && seen[1].2.contains(r#""noteId":"9zq1x""#), "{}", seen[1].2);
        assert!(seen[2].1.ends_with("/api/notes/create") && seen[2].2.contains(r#""renoteId":"9zq1x""#));
        assert!(seen[3].1.ends_with("/api/notes/reactions/delete"));
        let reacted = format!(r#"{{"type":"Note","object":{{"id":"9zq1x","uri":"{OBJECT}","myReaction":"👍"}}}}"#);
        assert_eq!(parse_misskey_post_state(reacted.as_bytes(), "m.example", OBJECT).unwrap().liked, Some(true));
    }
}
