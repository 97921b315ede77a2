//! Every account a page names (issue 22 §3): an article by several authors, a page of `rel="me"`
//! and `acct:` links, a follower or following list. A page that names two or more gets one badge
//! with the count and a panel that lists them; a page that names one behaves as it always did
//! (`detect`'s single claim).
//!
//! Decisions:
//! - Sources, in page order: every `fediverse:creator` tag (Mastodon reads only the first,
//!   mastodon/mastodon#30748 asks for more, and its preview cards already carry an `authors`
//!   array "in future or on other platforms" with several, mastodon/mastodon#30398); every
//!   `rel="me"` link to a profile on another site (as `detect::claims` reads one); every `acct:`
//!   link (RFC 7565's URI of an account). An `acct:` link is a mention, not a claim of
//!   authorship: it counts towards a list, never makes a badge on its own. On a Mastodon or
//!   Misskey follower or following list (`software::ACCOUNT_LIST_TABS`), its links to accounts,
//!   less the list's owner.
//! - Otherwise only pages that are not themselves a fediverse profile or post: a profile's own
//!   rel=me links are its owner's other sites, and its page is about that one account.
//! - At most `MAX_LISTED` are listed (the first in page order); the panel says how many the page
//!   named in all. Each is looked up only when the panel is opened, in waves that ask at most
//!   `AT_ONCE` lookups at a time and at most `PER_HOST` of them of any one server.

use crate::core::identity::claim::ClaimKind;
use crate::core::identity::links;
use crate::core::identity::signals::PageSignals;
use crate::core::protocol::family::Family;
use crate::core::protocol::handle::Handle;
use crate::core::text::json::Json;
use serde::Serialize;

/// The most accounts a panel lists (and looks up): the issue's bound, and what a reader's own
/// server sees of a list page at worst.
pub const MAX_LISTED: usize = 50;
/// Lookups asked at once for one list, and of one server among them: a list page must not turn
/// the reader's browser into a crawler of one instance (each lookup asks a server up to four
/// documents: WebFinger, actor, NodeInfo, home).
pub const AT_ONCE: usize = 6;
pub const PER_HOST: usize = 2;
/// The most names read from a page's links at all: as many as the content script gathers.
pub const MAX_READ: usize = crate::core::identity::signals::MAX_GATHERED_LINKS;

/// One account a page names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageAccount {
    pub handle: Handle,
    /// What to look up (`@user@host`), as a single badge's target.
    pub target: String,
    /// The page's claim about it, judged by its lookup (`None` for a mention: an `acct:` link).
    pub claim: Option<ClaimKind>,
    /// Which wave of lookups it belongs to (0 first): see `waves`.
    pub wave: usize,
}

/// The accounts a page names: the first `MAX_LISTED`, and how many it named in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageAccounts {
    pub listed: Vec<PageAccount>,
    /// Distinct accounts named (counted up to `MAX_READ` names read).
    pub named: usize,
    /// More names than `MAX_READ`: `named` is a lower bound.
    pub at_least: bool,
}

impl PageAccounts {
    /// Whether the page names several accounts (the list), rather than one or none.
    pub fn is_list(&self) -> bool {
        self.listed.len() >= 2
    }

    /// As serde wrote it (the detection's `accounts`, handed to the panel in its URL); entries
    /// that are not accounts are left out, and none is read past `MAX_LISTED`.
    pub fn from_json(value: &Json) -> PageAccounts {
        let listed = value
            .items("listed")
            .iter()
            .take(MAX_LISTED)
            .filter_map(|a| {
                let handle = Handle::parse(&a.text("handle")?).ok()?;
                let wave = a.get("wave").and_then(Json::as_u64).unwrap_or(0) as usize;
                let claim = a.text("claim").as_deref().and_then(ClaimKind::parse);
                Some(PageAccount { target: format!("@{handle}"), handle, claim, wave })
            })
            .collect::<Vec<_>>();
        let named = value.get("named").and_then(Json::as_u64).map_or(listed.len(), |n| n as usize);
        PageAccounts {
            named: named.max(listed.len()),
            at_least: value.get("at_least") == Some(&Json::Bool(true)),
            listed,
        }
    }
}

/// A follower or following list: its site's software (to read its links) and the account whose
/// list it is (named on the page too, not one of the listed).
pub struct ListPage<'a> {
    pub family: Option<Family>,
    pub owner: Option<&'a Handle>,
}

/// The accounts `signals` name, in page order, each once; on a follower list (`list`), the
/// accounts its links name too.
pub fn page_accounts(signals: &PageSignals, page_host: &str, list: Option<ListPage>) -> PageAccounts {
    let creators = signals
        .metas
        .iter()
        .filter(|m| m.name.eq_ignore_ascii_case("fediverse:creator"))
        .map(|m| (Handle::parse(&m.content).ok(), Some(ClaimKind::Creator)));
    let rel_me = signals
        .rel_me
        .iter()
        .map(|href| (links::profile_link(href, page_host).map(|(h, _)| h), Some(ClaimKind::RelMe)));
    let mentions = signals.acct_links.iter().map(|href| (acct_link(href), None));
    let listed = list.iter().flat_map(|l| {
        signals.profile_links.iter().map(|href| {
            let handle = links::list_link(href, page_host, l.family);
            (handle.filter(|h| !l.owner.is_some_and(|owner| owner.same_account(h))), None)
        })
    });
    let mut found = PageAccounts::default();
    // Each account once (user names compare in ASCII case, as `Handle::same_account`; hosts are
    // normalised already).
    let mut seen = std::collections::HashSet::new();
    for (read, (handle, claim)) in creators.chain(rel_me).chain(mentions).chain(listed).enumerate() {
        if read == MAX_READ {
            found.at_least = true;
            break;
        }
        let Some(handle) = handle else { continue };
        if !seen.insert((handle.user().to_ascii_lowercase(), handle.host().to_string())) {
            continue;
        }
        if found.listed.len() < MAX_LISTED {
            found.listed.push(PageAccount { target: format!("@{handle}"), handle: handle.clone(), claim, wave: 0 });
        }
    }
    found.named = seen.len();
    let hosts: Vec<&str> = found.listed.iter().map(|a| a.handle.host()).collect();
    let waves = waves(&hosts);
    for (account, wave) in found.listed.iter_mut().zip(waves) {
        account.wave = wave;
    }
    found
}

/// An `acct:` link's account (`acct:user@host`, RFC 7565; percent-encoded as a URL may be).
fn acct_link(href: &str) -> Option<Handle> {
    let href = href.trim();
    let rest = href.get(..5).filter(|s| s.eq_ignore_ascii_case("acct:")).map(|_| &href[5..])?;
    Handle::parse(&crate::core::text::weburl::percent_decode(rest)).ok()
}

/// The wave of each lookup, in order: a lookup goes in the first wave that has room for it, fewer
/// than `AT_ONCE` in all and fewer than `PER_HOST` of its host's. The panel asks one wave at a
/// time, the next once the last has answered (cached answers answer at once).
pub fn waves(hosts: &[&str]) -> Vec<usize> {
    let mut waves: Vec<Vec<&str>> = Vec::new();
    hosts
        .iter()
        .map(|host| {
            let fits = |w: &Vec<&str>| w.len() < AT_ONCE && w.iter().filter(|h| *h == host).count() < PER_HOST;
            let index = waves.iter().position(fits).unwrap_or(waves.len());
            if index == waves.len() {
                waves.push(Vec::new());
            }
            waves[index].push(host);
            index
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::identity::signals::MetaSignal;

    fn creators(handles: &[&str]) -> PageSignals {
        PageSignals {
            url: "https://news.example/story".into(),
            metas: handles
                .iter()
                .map(|h| MetaSignal { name: "fediverse:creator".into(), content: h.to_string() })
                .collect(),
            ..Default::default()
        }
    }

    fn targets(found: &PageAccounts) -> Vec<&str> {
        found.listed.iter().map(|a| a.target.as_str()).collect()
    }

    #[test]
    fn every_creator_in_page_order_each_once() {
        let found = page_accounts(
            &creators(&["@a@one.example", "@B@two.example", "@A@one.example", "not a handle", "@c@one.example"]),
            "news.example",
            None,
        );
        assert_eq!(targets(&found), ["@a@one.example", "@B@two.example", "@c@one.example"]);
        assert_eq!(found.named, 3);
        assert!(found.is_list());
        assert!(found.listed.iter().all(|a| a.claim == Some(ClaimKind::Creator)));
    }

    #[test]
    fn rel_me_profiles_elsewhere_and_acct_links_count_a_mention_is_no_claim() {
        let signals = PageSignals {
            url: "https://team.example/".into(),
            rel_me: vec![
                "https://mastodon.social/@Gargron".into(),
                "https://team.example/@self".into(), // the page's own site: not a claim
                "https://github.example/me".into(),  // not a profile
            ],
            acct_links: vec![
                "acct:syuilo@misskey.io".into(),
                "ACCT:someone%40mastodon.social".into(),
                "acct:%zz".into(),
            ],
            ..Default::default()
        };
        let found = page_accounts(&signals, "team.example", None);
        assert_eq!(targets(&found), ["@Gargron@mastodon.social", "@syuilo@misskey.io", "@someone@mastodon.social"]);
        assert_eq!(found.listed[0].claim, Some(ClaimKind::RelMe));
        assert_eq!(found.listed[1].claim, None);
    }

    #[test]
    fn the_list_crosses_to_the_panel_as_it_was_found_and_odd_entries_are_dropped() {
        let found =
            page_accounts(&creators(&["@a@one.example", "@b@two.example", "@c@one.example"]), "news.example", None);
        let crossed = PageAccounts::from_json(&Json::parse(serde_json::to_string(&found).unwrap().as_bytes()).unwrap());
        assert_eq!(crossed, found);
        let odd =
            br#"{"listed":[{"handle":"<b>x"},{"handle":"a@b.example","claim":"nonsense","wave":"x"},7],"named":1}"#;
        let crossed = PageAccounts::from_json(&Json::parse(odd).unwrap());
        assert_eq!(targets(&crossed), ["@a@b.example"]);
        assert_eq!((crossed.listed[0].claim, crossed.listed[0].wave, crossed.named), (None, 0, 1));
    }

    #[test]
    fn one_account_is_not_a_list() {
        assert!(!page_accounts(&creators(&["@a@one.example"]), "news.example", None).is_list());
        assert!(!page_accounts(&creators(&["@a@one.example", "@A@one.example"]), "news.example", None).is_list());
        assert!(!page_accounts(&creators(&[]), "news.example", None).is_list());
    }

    #[test]
    fn ten_thousand_handles_list_the_first_fifty_and_count_them_all() {
        let many: Vec<String> = (0..10_000).map(|i| format!("acct:user{i}@host{}.example", i % 7)).collect();
        let signals = PageSignals { url: "https://big.example/".into(), acct_links: many, ..Default::default() };
        let found = page_accounts(&signals, "big.example", None);
        assert_eq!(found.listed.len(), MAX_LISTED);
        assert_eq!(found.named, 10_000);
        assert!(!found.at_least);
        assert_eq!(found.listed[49].target, "@user49@host0.example");
        let more: Vec<String> = (0..10_001).map(|i| format!("acct:u{i}@h.example")).collect();
        let found = page_accounts(&PageSignals { acct_links: more, ..Default::default() }, "big.example", None);
        assert!(found.at_least, "past MAX_READ, the count is a lower bound");
        assert_eq!(found.named, MAX_READ);
    }

    #[test]
    fn waves_bound_lookups_at_once_and_per_host() {
        let hosts = ["a", "a", "a", "b", "c", "d", "e", "f", "g", "a"];
        let w = waves(&hosts);
        assert_eq!(w, [0, 0, 1, 0, 0, 0, 0, 1, 1, 1]);
        for wave in 0..=*w.iter().max().unwrap() {
            let members: Vec<&str> = hosts.iter().zip(&w).filter(|(_, x)| **x == wave).map(|(h, _)| *h).collect();
            assert!(members.len() <= AT_ONCE);
            for host in &members {
                assert!(members.iter().filter(|h| *h == host).count() <= PER_HOST, "{wave}: {members:?}");
            }
        }
        // Fifty accounts of one server: 25 waves of two.
        let one = vec!["one.example"; 50];
        assert_eq!(*waves(&one).iter().max().unwrap(), 24);
    }
}
