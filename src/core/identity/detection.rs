//! What detection found, as the core, the CLI and the extension read it: the kind of page, the
//! account or document it is about, how sure, and why (`detect` judges; this is its answer).

use crate::core::identity::accounts::PageAccounts;
use crate::core::identity::claim::ClaimKind;
use crate::core::identity::links::handle_of;
use crate::core::identity::software::{self, PageKind, UrlMatch};
use crate::core::protocol::family::Family;
use crate::core::protocol::handle::Handle;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DetectionKind {
    Profile,
    Post,
    /// The page names a fediverse account as its author (`fediverse:creator`, `rel="me"`).
    Creator,
    None,
}

impl DetectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DetectionKind::Profile => "profile",
            DetectionKind::Post => "post",
            DetectionKind::Creator => "creator",
            DetectionKind::None => "none",
        }
    }
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::KnownHost => "known_host",
            Confidence::AppFingerprint => "app_fingerprint",
            Confidence::ActivityPubLink => "activity_pub_link",
            Confidence::StructuredData => "structured_data",
            Confidence::PageClaim => "page_claim",
            Confidence::UrlShape => "url_shape",
            Confidence::Nothing => "nothing",
        }
    }
}

impl From<PageKind> for DetectionKind {
    fn from(k: PageKind) -> Self {
        match k {
            PageKind::Profile => DetectionKind::Profile,
            PageKind::Post => DetectionKind::Post,
        }
    }
}

/// How strong the evidence is, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A host we know (threads.net, mastodon.social…).
    KnownHost,
    /// The page carries an app's own markup (`misskey:*` metas, Mastodon's root element, generator).
    AppFingerprint,
    /// `<link rel="alternate" type="application/activity+json">`: fakeable, so confirm by resolving.
    ActivityPubLink,
    /// schema.org JSON-LD naming a fediverse author (Mastodon 4.3+ post pages).
    StructuredData,
    /// The page's claim (`fediverse:creator`, `rel="me"`), true only once resolution confirms it.
    PageClaim,
    /// The URL's shape alone; on an unknown host this is only a candidate.
    UrlShape,
    Nothing,
}

/// What the page is about, or a candidate when only the URL shape matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    pub kind: DetectionKind,
    pub software: Option<Family>,
    pub handle: Option<Handle>,
    /// The post (or actor) URL to resolve, when the page gives one.
    pub object: Option<String>,
    pub confidence: Confidence,
    /// The signals that said so, in words.
    pub evidence: Vec<Msg>,
    /// For `kind: none` pages whose URL has a fediverse shape on a host we cannot vouch for:
    /// what the page would be, if the host's NodeInfo confirms it runs fediverse software.
    pub candidate: Option<Box<Detection>>,
    /// Set when the page only claims the account (`fediverse:creator`, `rel="me"`).
    pub claim: Option<ClaimKind>,
    /// What to look up for this page (a handle or a URL); `None` when the page is about nothing.
    pub target: Option<String>,
    /// The account's or post's own page when a URL rule matched: the page's URL less a tab or
    /// sub-page (`/@user/media` → `/@user`).
    pub page: Option<String>,
    /// When the page names several accounts (`accounts.rs`): all of them, the first as `target`.
    pub accounts: Option<PageAccounts>,
    /// The page is a follower or following list (`software::ACCOUNT_LIST_TABS`): the content
    /// script then gathers its links to accounts, and gathers them again as the list grows.
    pub list_page: bool,
    /// A post page whose URL does not name its author: the author the page's markup names
    /// (`fediverse:creator`). A claim, shown as such; the lookup still goes by the post itself,
    /// whose `attributedTo` is what the checks compare (a blog's author may post from another
    /// account than the blog's own actor).
    pub author: Option<Handle>,
}

impl Detection {
    pub fn nothing(evidence: Vec<Msg>) -> Detection {
        Detection {
            kind: DetectionKind::None,
            software: None,
            handle: None,
            object: None,
            confidence: Confidence::Nothing,
            evidence,
            candidate: None,
            claim: None,
            target: None,
            page: None,
            accounts: None,
            list_page: false,
            author: None,
        }
    }

    /// Promotes a URL-shape candidate once the page's host is known to run `family`
    /// (from its NodeInfo). Returns `self` unchanged when there is no candidate.
    pub fn confirmed_by_host(self, family: Family, software_name: &str) -> Detection {
        match self.candidate {
            Some(mut found) if self.kind == DetectionKind::None => {
                found.software = Some(family);
                found.evidence.push(msg::detect_host_runs(software_name));
                *found
            }
            _ => self,
        }
    }
}

impl Detection {
    /// What a page is, from the URL rule its path matched: the account it names (on the rule's
    /// remote host, Threads' handle host or the page's own), its own page and, for a post or
    /// an actor id, the object.
    pub fn from_url_match(
        m: &UrlMatch,
        page: &Url,
        host: &str,
        family: Option<Family>,
        confidence: Confidence,
        mut evidence: Vec<Msg>,
    ) -> Detection {
        let handle = handle_of(m, host, family);
        if let (Some(h), Some(_)) = (&handle, &m.remote) {
            evidence.push(msg::detect_remote_account(h, host));
        }
        let own_page = format!("{}://{}{}", page.scheme(), page.host_str().unwrap_or(host), m.canonical_path);
        let object = (m.kind == PageKind::Post || m.is_actor_id).then(|| own_page.clone());
        Detection {
            kind: m.kind.into(),
            software: family,
            handle,
            object,
            confidence,
            page: Some(own_page),
            list_page: software::is_account_list(page.path(), m),
            ..Detection::nothing(evidence)
        }
    }
}
