//! The result of a lookup: a federation status a person understands, with its evidence.

pub mod follow;

use crate::core::identity::bridges;
use crate::core::identity::claim::ClaimKind;
use crate::core::identity::moved::MoveReport;
use crate::core::identity::software::PageKind;
use crate::core::identity::threads;
use crate::core::identity::verify::Check;
use crate::core::net::fetch::RequestRecord;
use crate::core::protocol::activitypub::Extras;
use crate::core::protocol::domain_blocks::DomainBlock;
use crate::core::protocol::family::Family;
use crate::core::protocol::handle::Handle;
use crate::core::protocol::nodeinfo::NodeInfo;
use crate::core::report::follow::{FollowIntent, InteractionLink};
use crate::core::text::json::Json;
use crate::core::words::{msg, Arg, Msg};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Resolved, and every check passed.
    Federated,
    /// Resolved, but a check failed (`checks` says which).
    Unverified,
    /// No such account, or not shared to the fediverse (Threads' 404).
    NotFederated,
    /// WebFinger answers, but ActivityPub documents are served only to signed server requests.
    SignedFetchOnly,
    /// Network, DNS, TLS, timeout or HTTP error.
    Unreachable,
    /// Documents that do not parse or make sense.
    Invalid,
    /// The egress policy refused a URL.
    Refused,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Federated,
        Status::Unverified,
        Status::NotFederated,
        Status::SignedFetchOnly,
        Status::Unreachable,
        Status::Invalid,
        Status::Refused,
    ];

    /// The status of its name (`as_str`).
    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Federated => "federated",
            Status::Unverified => "unverified",
            Status::NotFederated => "not_federated",
            Status::SignedFetchOnly => "signed_fetch_only",
            Status::Unreachable => "unreachable",
            Status::Invalid => "invalid",
            Status::Refused => "refused",
        }
    }

    /// Whether there is an account to follow at all.
    pub fn followable(self) -> bool {
        matches!(self, Status::Federated | Status::Unverified | Status::SignedFetchOnly)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SoftwareSource {
    NodeInfo,
    KnownHost,
    Actor,
}

impl SoftwareSource {
    pub fn as_str(&self) -> &'static str {
        match self {
            SoftwareSource::NodeInfo => "node_info",
            SoftwareSource::KnownHost => "known_host",
            SoftwareSource::Actor => "actor",
        }
    }
}

impl SoftwareInfo {
    /// What a host's NodeInfo names, when it names its software.
    pub fn from_nodeinfo(info: &NodeInfo) -> Option<SoftwareInfo> {
        Some(SoftwareInfo {
            name: info.software.clone()?,
            version: info.version.clone(),
            family: info.family,
            source: SoftwareSource::NodeInfo,
        })
    }

    /// A family known without its NodeInfo: a well-known host, an actor's fingerprint.
    pub fn of_family(family: Family, source: SoftwareSource) -> SoftwareInfo {
        SoftwareInfo { name: family.name().to_string(), version: None, family: Some(family), source }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SoftwareInfo {
    pub name: String,
    pub version: Option<String>,
    pub family: Option<Family>,
    pub source: SoftwareSource,
}

/// The account as a person sees it; every string is plain text (remote HTML already stripped).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub display_name: Option<String>,
    pub username: Option<String>,
    pub summary: Option<String>,
    pub avatar: Option<String>,
    pub url: Option<String>,
    #[serde(flatten)]
    pub extras: Extras,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PostSummary {
    pub id: Option<String>,
    pub url: Option<String>,
    pub content: Option<String>,
    pub published: Option<String>,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Documents {
    pub webfinger: Option<Json>,
    pub actor: Option<Json>,
    pub object: Option<Json>,
    pub nodeinfo: Option<Json>,
}

/// The user's home instance and its relationship to the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HomeReport {
    pub handle: Handle,
    pub software: Option<SoftwareInfo>,
    pub follow: Option<FollowIntent>,
    /// For a post: where to like, boost and answer it from home (`follow::interactions`).
    pub interactions: Vec<InteractionLink>,
    /// Whether the home instance publishes its blocks (None: could not tell).
    pub blocks_published: Option<bool>,
    /// The published block that covers the target's domain.
    pub block: Option<DomainBlock>,
    pub warnings: Vec<Msg>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub status: Status,
    /// One sentence for people.
    pub headline: Msg,
    /// What was looked up, as given.
    pub target: String,
    /// `profile` or `post`.
    pub kind: PageKind,
    pub handle: Option<Handle>,
    pub actor: Option<String>,
    pub object: Option<String>,
    pub software: Option<SoftwareInfo>,
    pub profile: Option<Profile>,
    pub post: Option<PostSummary>,
    pub follow_url: Option<String>,
    pub home: Option<HomeReport>,
    pub checks: Vec<Check>,
    pub warnings: Vec<Msg>,
    pub documents: Documents,
    pub requests: Vec<RequestRecord>,
    /// Seconds the servers let this answer be reused (the shortest lifetime their answers gave).
    pub fresh_for: Option<u64>,
    /// Seconds a server that answered 429 or 503 asked to be left alone (`Retry-After`).
    pub retry_after: Option<u64>,
    /// When the lookup came from a page's claim (`fediverse:creator`, `rel="me"`): whether the
    /// account confirms it.
    pub claim: Option<ClaimReport>,
    /// When the account says it moved (`movedTo`): where its moves lead, proven or not.
    pub moved: Option<MoveReport>,
    /// How the account meets Bluesky or the web through Bridgy Fed (`bridges.rs`).
    pub bridge: Option<crate::core::identity::bridges::BridgeReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimReport {
    pub kind: ClaimKind,
    pub page: String,
    pub confirmed: bool,
    pub detail: Msg,
}

impl Report {
    pub fn new(target: &str, kind: PageKind) -> Report {
        Report {
            status: Status::Invalid,
            headline: msg::headline_unchecked(target),
            target: target.to_string(),
            kind,
            handle: None,
            actor: None,
            object: None,
            software: None,
            profile: None,
            post: None,
            follow_url: None,
            home: None,
            checks: Vec::new(),
            warnings: Vec::new(),
            documents: Documents::default(),
            requests: Vec::new(),
            claim: None,
            moved: None,
            bridge: None,
            fresh_for: None,
            retry_after: None,
        }
    }

    pub fn failed_checks(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.ok)
    }

    /// An account of Threads (`threads::is_threads_account`): "not shared", not "not federated".
    pub fn on_threads(&self) -> bool {
        threads::is_threads_account(self.handle.as_ref(), self.software.as_ref().and_then(|s| s.family))
    }

    /// The one sentence that sums the lookup up, with its first problem.
    pub fn worded_headline(&self) -> Msg {
        let who = self.handle.as_ref().map_or_else(|| self.target.clone(), |h| format!("@{h}"));
        let problem: Arg = self
            .failed_checks()
            .next()
            .map(|c| c.detail.clone())
            .or_else(|| self.warnings.last().cloned())
            .map_or_else(|| Arg::Plain(String::new()), Arg::from);
        let bluesky = self.handle.as_ref().and_then(bridges::bluesky_handle_of);
        match self.status {
            Status::Federated => msg::headline_federated(who),
            Status::Unverified => msg::headline_unverified(who, problem),
            Status::NotFederated if self.on_threads() => msg::headline_not_shared(who),
            Status::NotFederated if bluesky.is_some() => {
                msg::headline_not_bridged(bluesky.map(|b| format!("@{b}")).unwrap_or_default(), bridges::BLUESKY_OPT_IN)
            }
            Status::NotFederated => msg::headline_not_federated(who, problem),
            Status::SignedFetchOnly => msg::headline_signed_fetch_only(who),
            Status::Unreachable => msg::headline_unreachable(who, problem),
            Status::Invalid => msg::headline_invalid(who, problem),
            Status::Refused => msg::headline_refused(who, problem),
        }
    }
}

/// Judges a page's claim about the looked-up account: a claim stays a claim until the account
/// confirms it (the rules are `Check`s in `verify`). `fediverse:creator` needs the page's site in
/// the account's `attributionDomains`; `rel="me"` needs the page among the account's profile
/// links; an ActivityPub `alternate` on another site needs the document to name the page.
pub fn judge_claim(report: &mut Report, kind: ClaimKind, page: &str) {
    use crate::core::identity::verify;
    let page_host = verify::host_of(page).unwrap_or_default();
    let Some(profile) = report.profile.as_ref() else {
        let detail = msg::claim_unreadable();
        report.claim = Some(ClaimReport { kind, page: page.to_string(), confirmed: false, detail });
        return;
    };
    let fields: Vec<&str> = profile.extras.fields.iter().map(|(_, v)| v.as_str()).collect();
    let check = match kind {
        ClaimKind::Creator => verify::attribution(&page_host, &profile.extras.attribution_domains),
        ClaimKind::RelMe => verify::rel_me(page, &fields),
        ClaimKind::Alternate => {
            let pages: Vec<&str> =
                profile.url.iter().chain(report.post.iter().flat_map(|p| p.url.iter())).map(String::as_str).collect();
            verify::alternate_link(page, &pages, &fields)
        }
    };
    report.claim = Some(ClaimReport { kind, page: page.to_string(), confirmed: check.ok, detail: check.detail });
}
