//! What the panel shows for a lookup: words, evidence, the one action, the raw documents.
//! Pure, so that it is tested natively; `wasm::panel` only turns it into DOM nodes.

use crate::core::identity::software::PageKind;
use crate::core::net::egress::linkable;
use crate::core::report::follow::Interaction;
use crate::core::report::{Report, Status};
use crate::core::words::{msg, Msg};
use serde::Serialize;

mod text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Action {
    /// Follow (or open the post) on the home instance.
    Open { label: Msg, url: String },
    /// No home instance yet: the panel offers the options page.
    SetHome { label: Msg },
    /// The home instance offers no follow page: say so, with what to search for there.
    Search { label: Msg, query: String },
    /// Nothing to follow.
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PanelView {
    pub title: String,
    /// The custom emoji the title's `:code:`s stand for: (code, image URL), only URLs the
    /// policy would fetch, loaded like the avatar.
    pub title_emojis: Vec<(String, String)>,
    pub handle: Option<String>,
    /// The account Follow acts on (a connected home's too): the handle, or the new account of a
    /// proven move (`moved.rs`).
    pub follows: Option<String>,
    pub software: Option<String>,
    pub avatar: Option<String>,
    /// A short label ("Federates"), and the status for styling.
    pub status_label: Msg,
    pub status: Status,
    pub headline: Msg,
    /// Each check, as (passed, words).
    pub evidence: Vec<(bool, Msg)>,
    /// Facts worth a line: actor type, isCat, moved, quotes.
    pub facts: Vec<Msg>,
    pub notes: Vec<Msg>,
    /// "your instance blocks threads.net" — shown above the action.
    pub home_warning: Option<Msg>,
    pub action: Action,
    /// Raw documents: (tab label, pretty JSON). Text only, never markup.
    pub documents: Vec<(Msg, String)>,
    pub bio: Option<String>,
    /// The page's claim about this account, and whether the account confirms it.
    pub claim: Option<(bool, Msg)>,
    /// For posts: the post's text (plain), when the server showed it.
    pub post_text: Option<String>,
    /// For posts: when it was published (the server's ISO 8601), shown in the reader's locale.
    pub published: Option<String>,
    /// For posts: the post's ActivityPub id, which a connected home resolves to its own page.
    pub object: Option<String>,
    /// A fediverse account's handle on Bluesky through Bridgy Fed, were it bridged, and its page
    /// there (`bridges.rs`): (handle, URL). Not asked of anyone: whether it is bridged is for that
    /// page to say (asking Bluesky or the bridge would tell them whom the reader looks at).
    pub bluesky: Option<(String, String)>,
    /// For a post, besides opening it at home: Like, Boost and Reply there (label, URL), behind
    /// the same guard as the follow link. Only when the post's author is proven.
    pub interactions: Vec<(Msg, String)>,
    /// Whether the account can be followed (the same rule as the follow link's): only then does
    /// the panel ask a connected home where the reader stands, or offer to connect one.
    pub followable: bool,
}

pub fn status_label(report: &Report) -> Msg {
    match report.status {
        Status::Federated => msg::status_federated(),
        Status::Unverified => msg::status_unverified(),
        Status::NotFederated if report.on_threads() => msg::status_not_shared(),
        Status::NotFederated
            if report.handle.as_ref().is_some_and(crate::core::identity::bridges::is_bridged_bluesky) =>
        {
            msg::status_not_bridged()
        }
        Status::NotFederated => msg::status_not_federated(),
        Status::SignedFetchOnly => msg::status_signed_fetch_only(),
        Status::Unreachable => msg::status_unreachable(),
        Status::Invalid => msg::status_invalid(),
        Status::Refused => msg::status_refused(),
    }
}

impl PanelView {
    pub fn of(report: &Report) -> PanelView {
        // An identity the checks do not prove is not presented as the account: no name or
        // picture from the documents in the header, and Follow says whom it follows.
        let unproven = report.failed_checks().any(|c| c.kind.proves_identity());
        let profile = report.profile.as_ref();
        let handle = report.handle.as_ref().map(|h| format!("@{h}"));
        let title = profile
            .filter(|_| !unproven)
            .and_then(|p| p.display_name.clone())
            .or_else(|| handle.clone())
            .unwrap_or_else(|| report.target.clone());
        let title_emojis = match profile.filter(|p| !unproven && p.display_name.as_deref() == Some(title.as_str())) {
            Some(p) => p
                .extras
                .emojis
                .iter()
                .filter(|(code, _)| title.contains(&format!(":{code}:")))
                .filter_map(|(code, url)| Some((code.clone(), linkable(url)?)))
                .collect(),
            None => Vec::new(),
        };
        let software = report.software.as_ref().map(|s| match &s.version {
            Some(v) => format!("{} {v}", s.name),
            None => s.name.clone(),
        });
        let mut facts = Vec::new();
        if let (true, Some(name)) = (unproven, profile.and_then(|p| p.display_name.as_deref())) {
            let actor = report.actor.as_deref().unwrap_or(&report.target);
            facts.push(msg::fact_unproven(name, actor, handle.as_deref().unwrap_or(&report.target)));
        }
        if let Some(p) = profile {
            let x = &p.extras;
            if let Some(t) = &x.actor_type {
                facts.push(match t.as_str() {
                    "Group" => msg::fact_group(),
                    "Service" | "Application" => msg::fact_automated(t),
                    other => msg::fact_actor_type(other),
                });
            }
            if x.is_cat == Some(true) {
                facts.push(msg::fact_cat());
            }
            // A web site that Bridgy Fed bridges (the lookup's `bridge`): its home page.
            if let Some(b) =
                report.bridge.as_ref().filter(|b| b.way == crate::core::identity::bridges::BridgeWay::FromWeb)
            {
                facts.push(msg::fact_web_site(&b.url));
            }
            // Where the moves lead, proven or not (`moved.rs`); only the claim where they were not followed.
            match (&report.moved, &x.moved_to) {
                (Some(moves), _) => facts.push(moves.fact()),
                (None, Some(moved)) => facts.push(msg::fact_moved(moved)),
                (None, None) => {}
            }
            if x.manually_approves_followers == Some(true) {
                facts.push(msg::fact_approves_followers());
            }
            if x.discoverable == Some(false) {
                facts.push(msg::fact_not_discoverable());
            }
            facts.extend(x.fields.iter().map(|(k, v)| msg::fact_field(k, v)));
        }
        if let Some(quote) = report.post.as_ref().and_then(|p| p.quote.as_ref()) {
            facts.push(msg::fact_quotes(quote));
        }
        let home = report.home.as_ref();
        let home_warning = home.and_then(|h| Some(h.block.as_ref()?.warning(h.handle.host())));
        let action = match (home, &report.follow_url) {
            (Some(h), Some(url)) => {
                let host = h.handle.host();
                let same = h.follow.as_ref().is_some_and(|f| f.same_instance);
                let who = handle.as_deref().unwrap_or(report.target.as_str());
                let moved_to = report.moved.as_ref().and_then(|m| m.proven_to());
                let label = match (report.kind, same, unproven) {
                    (PageKind::Post, _, false) => msg::action_open_post(host),
                    (PageKind::Post, _, true) => msg::action_open_post_unproven(host),
                    (_, true, _) => msg::action_open(host),
                    (_, false, false) if moved_to.is_some() => {
                        msg::action_follow_moved(moved_to.map(|to| format!("@{to}")).unwrap_or_default(), host)
                    }
                    (_, false, false) => msg::action_follow(host),
                    (_, false, true) => msg::action_follow_unproven(who, host),
                };
                match linkable(url) {
                    Some(url) => Action::Open { label, url },
                    None => Action::None,
                }
            }
            (None, _) if report.status.followable() => Action::SetHome { label: msg::action_set_home() },
            (Some(h), None) if report.status.followable() => {
                let query = match report.kind {
                    PageKind::Post => report.object.clone().unwrap_or_else(|| report.target.clone()),
                    PageKind::Profile => handle.clone().unwrap_or_else(|| report.target.clone()),
                };
                let host = h.handle.host();
                Action::Search { label: msg::action_search(host), query }
            }
            _ => Action::None,
        };
        let interactions = match (report.home.as_ref(), &action) {
            (Some(h), Action::Open { .. }) if !unproven => h
                .interactions
                .iter()
                .filter_map(|i| {
                    let host = h.handle.host();
                    let label = match i.verb {
                        Interaction::Like => msg::action_like(host),
                        Interaction::Boost => msg::action_boost(host),
                        Interaction::Reply => msg::action_reply(host),
                    };
                    Some((label, linkable(&i.url)?))
                })
                .collect(),
            _ => Vec::new(),
        };
        let docs = &report.documents;
        let documents = [
            (msg::doc_webfinger(), &docs.webfinger),
            (msg::doc_actor(), &docs.actor),
            (msg::doc_object(), &docs.object),
            (msg::doc_nodeinfo(), &docs.nodeinfo),
        ]
        .into_iter()
        .filter_map(|(label, doc)| Some((label, doc.as_ref()?.pretty())))
        .collect();
        let mut notes = report.warnings.clone();
        // The block's sentence is the warning above the action, not a note as well.
        notes.extend(
            home.into_iter().flat_map(|h| h.warnings.iter().filter(|w| Some(*w) != home_warning.as_ref()).cloned()),
        );
        let follows =
            report.moved.as_ref().and_then(|m| m.proven_to()).map(|to| format!("@{to}")).or_else(|| handle.clone());
        // A fediverse profile's handle on Bluesky, were it bridged (the lookup's `bridge`), for a
        // proven identity only.
        let bluesky = report
            .bridge
            .as_ref()
            .filter(|b| b.way == crate::core::identity::bridges::BridgeWay::ToBluesky && !unproven)
            .map(|b| (b.handle.clone(), b.url.clone()));
        PanelView {
            title,
            title_emojis,
            follows,
            bluesky,
            interactions,
            handle,
            software,
            // Loaded by the panel only once it is shown, and only from where the policy would fetch.
            avatar: profile.filter(|_| !unproven).and_then(|p| p.avatar.as_deref()).and_then(linkable),
            status_label: status_label(report),
            status: report.status,
            headline: report.headline.clone(),
            evidence: report.checks.iter().map(|c| (c.ok, c.detail.clone())).collect(),
            facts,
            notes,
            home_warning,
            action,
            documents,
            bio: profile.and_then(|p| p.summary.clone()),
            post_text: report.post.as_ref().and_then(|p| p.content.clone()).filter(|c| !c.is_empty()),
            published: report.post.as_ref().and_then(|p| p.published.clone()).filter(|d| looks_like_iso_date(d)),
            object: report.object.clone().filter(|_| report.kind == PageKind::Post),
            followable: report.status.followable(),
            claim: report.claim.as_ref().map(|c| {
                use crate::core::identity::claim::ClaimKind;
                let verdict = if c.confirmed { msg::claim_confirmed() } else { msg::claim_unconfirmed() };
                let words = match c.kind {
                    ClaimKind::Creator => msg::claim_creator(verdict, &c.detail),
                    ClaimKind::RelMe => msg::claim_rel_me(verdict, &c.detail),
                    ClaimKind::Alternate => msg::claim_alternate(verdict, &c.detail),
                };
                (c.confirmed, words)
            }),
        }
    }
}

/// `YYYY-MM-DDTHH:MM…`, at most 40 characters: ActivityStreams' `published` is an xsd:dateTime.
/// Anything else is not shown (a browser's `Date` would read "1" as the year 2001).
fn looks_like_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    text.len() <= 40
        && digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && b.get(10) == Some(&b'T')
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
}

/// How long the background may reuse a lookup: as long as the servers allow, within Fedilens's
/// own bounds (at least 30 s, at most the status's lifetime), and as long as a busy server asked
/// (`Retry-After`, at most an hour): readers' browsers are many, the servers few.
pub fn cache_seconds(report: &Report) -> u32 {
    const SHORTEST: u32 = 30;
    if let Some(wait) = report.retry_after {
        return u32::try_from(wait).unwrap_or(u32::MAX).clamp(SHORTEST, 3600);
    }
    let longest = status_lifetime(report.status);
    match report.fresh_for {
        Some(fresh) => u32::try_from(fresh).unwrap_or(u32::MAX).clamp(SHORTEST, longest),
        None => longest,
    }
}

/// Settled answers longer, failures briefly so that a retry soon after a server comes back sees it.
fn status_lifetime(status: Status) -> u32 {
    match status {
        Status::Federated | Status::SignedFetchOnly => 30 * 60,
        Status::Unverified | Status::NotFederated => 10 * 60,
        Status::Invalid | Status::Refused => 2 * 60,
        Status::Unreachable => 30,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::protocol::family::Family;
    use crate::core::protocol::handle::Handle;
    use crate::core::report::{SoftwareInfo, SoftwareSource};
    use crate::core::text::json::Json;

    fn report(status: Status) -> Report {
        let mut r = Report::new("@zuck@threads.net", PageKind::Profile);
        r.status = status;
        r.handle = Handle::parse("zuck@threads.net").ok();
        r.software = Some(SoftwareInfo {
            name: "Threads".into(),
            version: None,
            family: Some(Family::Threads),
            source: SoftwareSource::KnownHost,
        });
        r
    }

    #[test]
    fn threads_not_shared_is_said_in_words_not_as_an_error() {
        let v = PanelView::of(&report(Status::NotFederated));
        assert_eq!(v.status_label.to_string(), "Not shared to the fediverse");
        assert_eq!(v.action, Action::None);
        assert!(!v.followable, "no relationship asked of the home, no Connect offered");
        assert!(PanelView::of(&report(Status::SignedFetchOnly)).followable);
    }

    #[test]
    fn followable_without_home_asks_for_the_home_instance() {
        let v = PanelView::of(&report(Status::SignedFetchOnly));
        assert!(matches!(v.action, Action::SetHome { .. }));
        assert_eq!(v.title, "@zuck@threads.net");
    }

    #[test]
    fn the_view_crosses_as_json_and_comes_back_the_same() {
        let mut full = PanelView::of(&report(Status::SignedFetchOnly));
        full.evidence = vec![(true, msg::check_rel_me_ok("a \"quoted\" <b>check</b>")), (false, msg::fetch_timeout())];
        full.facts = vec![msg::fact_cat()];
        full.notes = vec![msg::headline_unreachable("@a@b", msg::fetch_failed("https://b/", msg::fetch_dns("x")))];
        full.home_warning = Some(msg::home_blocks("h.example", "b.example"));
        full.documents = vec![(msg::doc_actor(), "{\n  \"id\": 1\n}".into())];
        full.claim = Some((false, msg::claim_creator(msg::claim_unconfirmed(), msg::claim_unreadable())));
        full.post_text = Some("text".into());
        full.published = Some("2026-11-01T12:00:00Z".into());
        full.title_emojis = vec![("blob".into(), "https://cdn.example/blob.png".into())];
        full.object = Some("https://threads.net/ap/users/1/post/2/".into());
        for action in [
            Action::Open { label: msg::action_follow("h.example"), url: "https://h.example/x".into() },
            Action::SetHome { label: msg::action_set_home() },
            Action::Search { label: msg::action_search("h.example"), query: "@a@b.example".into() },
            Action::None,
        ] {
            let view = PanelView { action, ..full.clone() };
            let text = view.to_json().to_string();
            assert_eq!(PanelView::from_json(&Json::parse(text.as_bytes()).unwrap()), Some(view), "{text}");
        }
        let bare = PanelView::of(&report(Status::NotFederated));
        assert_eq!(PanelView::from_json(&Json::parse(bare.to_json().to_string().as_bytes()).unwrap()), Some(bare));
        assert_eq!(PanelView::from_json(&Json::parse(br#"{"title":"x"}"#).unwrap()), None);
        // Everything else right: only the status is not one of ours.
        let label = r#"{"id":"status_federated","args":[]}"#;
        let view = |status: &str| {
            format!(r#"{{"title":"x","status_label":{label},"status":"{status}","headline":{label},"action":null}}"#)
        };
        assert!(PanelView::from_json(&Json::parse(view("federated").as_bytes()).unwrap()).is_some());
        let unknown_status = view(r#"evil\" onload="#);
        assert_eq!(PanelView::from_json(&Json::parse(unknown_status.as_bytes()).unwrap()), None);
    }

    #[test]
    fn avatars_and_actions_are_only_urls_the_policy_would_fetch() {
        use crate::core::report::Profile;
        for (avatar, kept) in [
            ("https://cdn.example/a.png", true),
            ("https://127.0.77.1/a.png", false),
            ("http://cdn.example/a.png", false),
            ("javascript:alert(1)", false),
        ] {
            let mut r = report(Status::Federated);
            r.profile = Some(Profile { avatar: Some(avatar.into()), ..Profile::default() });
            assert_eq!(PanelView::of(&r).avatar.is_some(), kept, "{avatar}");
        }
    }

    #[test]
    fn a_names_custom_emoji_come_from_the_actors_tags_and_only_from_where_the_policy_would_fetch() {
        use crate::core::protocol::activitypub::ApObject;
        use crate::core::report::Profile;
        let actor =
            ApObject::parse(include_bytes!("../../../tests/fixtures/misskey/actor-misskey-io-syuilo.json")).unwrap();
        let extras = crate::core::protocol::activitypub::Extras::of(&actor);
        assert_eq!(extras.emojis.len(), 1, "{:?}", extras.emojis);
        assert_eq!(extras.emojis[0].0, "peroro_sama");
        let mut r = report(Status::Federated);
        r.profile = Some(Profile {
            display_name: Some(":peroro_sama:しゅいろ:peroro_sama:".into()),
            extras,
            ..Profile::default()
        });
        let view = PanelView::of(&r);
        assert_eq!(view.title_emojis.len(), 1);
        assert!(view.title_emojis[0].1.starts_with("https://media.misskeyusercontent.com/"));
        let back = PanelView::from_json(&Json::parse(view.to_json().to_string().as_bytes()).unwrap()).unwrap();
        assert_eq!(back.title_emojis, view.title_emojis);
        // An emoji image on a private address, or not https, is not loaded: its shortcode stays text.
        if let Some(p) = r.profile.as_mut() {
            p.extras.emojis = vec![("peroro_sama".into(), "https://127.0.0.1/x.png".into())];
        }
        assert_eq!(PanelView::of(&r).title_emojis, vec![]);
    }

    #[test]
    fn only_iso_dates_are_shown() {
        assert!(looks_like_iso_date("2026-11-01T12:00:00Z"));
        assert!(looks_like_iso_date("2026-11-01T12:00:00.123+09:00"));
        for junk in
            ["1", "yesterday", "2026-11-01", "2026/11/01T12:00", "2026-11-01T12:00:00Z and a very long tail of text"]
        {
            assert!(!looks_like_iso_date(junk), "{junk}");
        }
    }

    #[test]
    fn failures_are_cached_briefly() {
        let seconds = |status| cache_seconds(&report(status));
        assert!(seconds(Status::Unreachable) < seconds(Status::NotFederated));
        assert!(seconds(Status::NotFederated) < seconds(Status::Federated));
    }

    #[test]
    fn the_servers_say_how_long_within_bounds() {
        let mut r = report(Status::Federated);
        r.fresh_for = Some(600);
        assert_eq!(cache_seconds(&r), 600, "a shorter lifetime is kept");
        r.fresh_for = Some(259_200);
        assert_eq!(cache_seconds(&r), 30 * 60, "never longer than the status's own lifetime");
        r.fresh_for = Some(0);
        assert_eq!(cache_seconds(&r), 30, "never shorter than 30 s, even for no-store");
        let mut busy = report(Status::Unreachable);
        busy.retry_after = Some(120);
        assert_eq!(cache_seconds(&busy), 120, "Retry-After holds the answer that long");
        busy.retry_after = Some(86_400);
        assert_eq!(cache_seconds(&busy), 3600);
    }
}
