//! Bounded memory for any document the egress policy lets through (up to 1 MiB each): the peak
//! a lookup allocates — parsing, the report, the panel's view and the JSON text the background
//! sends to the panel — for the worst shapes we know: deep nesting (indentation multiplied it by
//! its depth), dense tiny values (parse nodes), and escapes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use fedilens::core::wire::view::PanelView;
use fedilens::{lookup, Handle, Limits, Target};
use peak_alloc::PeakAlloc;
use support::{run, FakeWeb};

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

const MAX_BODY: usize = 1024 * 1024;

/// `head` + items of `item` separated by commas + `tail`, as close to 1 MiB as fits.
fn filled(head: &str, item: &str, tail: &str) -> String {
    let room = MAX_BODY - head.len() - tail.len();
    let count = room / (item.len() + 1);
    format!("{head}{}{tail}", vec![item; count].join(","))
}

#[test]
fn the_worst_allowed_documents_cost_a_bounded_multiple_of_their_size() {
    let nested = format!("{}{}", "[".repeat(120), "]".repeat(120));
    let actor = filled(
        r#"{"id":"https://deep.example/users/a","type":"Person","preferredUsername":"a","inbox":"https://deep.example/inbox","x":["#,
        &nested,
        "]}",
    );
    let jrd = filled(
        r#"{"subject":"acct:a@deep.example","links":[{"rel":"self","type":"application/activity+json","href":"https://deep.example/users/a"}],"pad":["#,
        "[]",
        "]}",
    );
    let nodeinfo =
        filled(r#"{"version":"2.0","software":{"name":"mastodon","version":"4.5.0"},"pad":["#, r#""\u0001\"""#, "]}");
    for doc in [&actor, &jrd, &nodeinfo] {
        assert!(doc.len() <= MAX_BODY && doc.len() > MAX_BODY - 1024, "{}", doc.len());
    }
    let web = FakeWeb::new()
        .webfinger("a@deep.example", jrd)
        .activity("https://deep.example/users/a", actor)
        .nodeinfo("deep.example", nodeinfo);
    let target = Target::Handle(Handle::parse("a@deep.example").unwrap());

    let before = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    let report = run(lookup(&web, &target, None, Limits::default()));
    let view = PanelView::of(&report).to_json().to_string();
    let peak = ALLOCATOR.peak_usage() - before;

    assert_eq!(report.documents.actor.as_ref().map(|_| ()), Some(()), "{:?}", report.headline);
    assert!(view.len() < 8 * MAX_BODY, "the panel's view is {} bytes", view.len());
    let three_documents = 3 * MAX_BODY;
    println!("peak {:.1} MiB for 3 MiB of documents; view {:.1} MiB", mib(peak), mib(view.len()));
    // Measured: 49 MiB (102 before arrays were shrunk to fit, over 200 with indentation unbounded).
    assert!(peak < 20 * three_documents, "peak {:.1} MiB", mib(peak));
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / 1024.0 / 1024.0
}
