//! The home instance's API answers (issue 14) and the message catalogue: every reader takes any
//! bytes without a panic, and what it accepts holds its promise — a code only from our own
//! redirect with our state, an account only when it is the target.
#![no_main]
use fedilens::core::homeapi::{self, ApiError};
use fedilens::core::words::{msg, placeholders, Catalogue};
use fedilens::Handle;
use libfuzzer_sys::fuzz_target;

const REDIRECT: &str = "https://abc.chromiumapp.org/";

fuzz_target!(|data: &[u8]| {
    let Ok(target) = Handle::parse("zuck@threads.net") else { return };
    let _ = homeapi::parse_app(data);
    let _ = homeapi::parse_token(data);
    let _ = homeapi::parse_miauth_check(data);
    let _ = homeapi::parse_mastodon_relationship(data, "1").map(|r| (r.words(), r.can_follow()));
    let _ = homeapi::parse_misskey_relation(data, "1").map(|r| r.words());
    if let Ok(account) = homeapi::parse_mastodon_search(data, "home.example", &target) {
        assert!(String::from_utf8_lossy(data).contains(&account.id));
    }
    let _ = homeapi::parse_misskey_user(data, "misskey.example", &target);
    // A post's page and its reply address are always on the home, with nothing in them but the
    // ids it gave (the reply's one query: Misskey's `replyId`).
    let object = "https://threads.net/ap/posts/1";
    for post in [
        homeapi::parse_mastodon_post_state(data, "home.example", object),
        homeapi::parse_misskey_post_state(data, "home.example", object),
    ]
    .into_iter()
    .flatten()
    {
        for page in [&post.page, &post.reply] {
            let url = fedilens::core::text::weburl::Url::parse(page).ok();
            assert_eq!(url.as_ref().and_then(|u| u.host_str()), Some("home.example"), "{page}");
            assert!(!page.contains(['#', '%', '\\']), "{page}");
            assert!(!page.contains('?') || page.ends_with(&format!("/share?replyId={}", post.id)), "{page}");
        }
        assert!(!post.page.contains('?'), "{}", post.page);
    }
    let status = data.first().map_or(200, |b| 200 + u16::from(*b) * 2);
    let words = ApiError::of(status, data, Some(1), &["t0k3n-secret"]).msg("home.example").to_string();
    assert!(!words.contains("t0k3n-secret"), "{words}");
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(code) = homeapi::code_from_redirect(text, REDIRECT, "s") {
        assert!(!code.is_empty());
        let landed = fedilens::core::text::weburl::Url::parse(text).map(|u| u.as_str().to_string()).unwrap_or_default();
        assert!(landed.starts_with(REDIRECT), "{text}");
    }
    // The catalogue: any file reads or is refused; any text words, values filled once.
    if let Some(catalogue) = Catalogue::parse(data) {
        let _ = catalogue.word(&msg::headline_unreachable(text, msg::fetch_failed(text, msg::fetch_timeout())));
    }
    let _ = placeholders(text);
});
