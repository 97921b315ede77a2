//! A whole lookup (with a home instance) against a server whose every answer comes from the fuzz
//! input, then the panel's view of it: resolution, verification, status and follow logic meet
//! hostile documents here. Never a panic; every link the view offers passes the egress policy.
#![no_main]
use fedilens::core::wire::view::{Action, PanelView};
use fedilens::core::text::weburl::Url;
use fedilens::{lookup, Fetch, FetchError, FetchRequest, FetchResponse, Handle, Limits, Target};
use libfuzzer_sys::fuzz_target;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Answers by the kind of request, each from its part of the input (parts split by `\n--\n`).
struct FuzzWeb<'a> {
    parts: Vec<&'a [u8]>,
}

impl FuzzWeb<'_> {
    fn part(&self, i: usize) -> Vec<u8> {
        self.parts.get(i).map(|p| p.to_vec()).unwrap_or_default()
    }
}

impl Fetch for FuzzWeb<'_> {
    async fn get(&self, request: FetchRequest<'_>) -> Result<FetchResponse, FetchError> {
        let url = request.url.as_str();
        let which = match () {
            _ if url.contains("webfinger") && url.contains("home.example") => 5,
            _ if url.contains("webfinger") => 0,
            _ if url.contains("/.well-known/nodeinfo") => 2,
            _ if url.contains("nodeinfo") => 3,
            _ if url.contains("domain_blocks") => 6,
            _ if url.contains("/notes/") => 4,
            _ => 1,
        };
        let body = self.part(which);
        let status = if body.first() == Some(&b'!') { 404 } else { 200 };
        let url: Url = request.url.clone();
        let caching = Default::default();
        Ok(FetchResponse { status, url, content_type: Some("application/activity+json".into()), location: None, caching, body })
    }

    fn sleep(&self, _ms: u64) -> impl Future<Output = ()> {
        std::future::pending()
    }
}

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(4).position(|w| w == b"\n--\n") {
        parts.push(&rest[..at]);
        rest = &rest[at + 4..];
    }
    parts.push(rest);
    parts
}

fuzz_target!(|data: &[u8]| {
    let web = FuzzWeb { parts: split(data) };
    let target = if data.first() == Some(&b'n') {
        Target::parse("https://a.example/notes/1")
    } else {
        Target::parse("@a@a.example")
    };
    let (Ok(target), Ok(home)) = (target, Handle::parse("me@home.example")) else { return };
    let mut resolving = pin!(lookup(&web, &target, Some(&home), Limits::default()));
    let mut context = Context::from_waker(Waker::noop());
    // Every answer is ready at once, so the lookup finishes within a few polls.
    let Some(report) = (0..64).find_map(|_| match resolving.as_mut().poll(&mut context) {
        Poll::Ready(report) => Some(report),
        Poll::Pending => None,
    }) else {
        panic!("the lookup waited with every answer ready");
    };
    let view = PanelView::of(&report);
    if let Action::Open { url, .. } = &view.action {
        assert!(fedilens::core::net::egress::linkable(url).is_some(), "{url}");
    }
    if let Some(avatar) = &view.avatar {
        assert!(fedilens::core::net::egress::linkable(avatar).is_some(), "{avatar}");
    }
    let _ = view.to_json().to_string();
});
