//! The result of a lookup: a federation status a person understands, with its evidence.

use crate::core::activitypub::Extras;
use crate::core::fetch::RequestRecord;
use crate::core::follow::{FollowIntent, InteractionLink};
use crate::core::handle::Handle;
use crate::core::home::DomainBlock;
use crate::core::i18n::{msg, Msg};
use crate::core::json::Json;
use crate::core::moved::MoveReport;
use crate::core::software::Family;
use crate::core::software::PageKind;
use crate::core::verify::Check;
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
    /// As serde writes it for the CLI (a test keeps the two the same).
    pub fn to_json(&self) -> Json {
        Json::object([
            ("name", self.name.as_str().into()),
            ("version", self.version.as_deref().into()),
            ("family", self.family.map(|f| f.id()).into()),
            ("source", self.source.as_str().into()),
        ])
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
    pub bridge: Option<crate::core::bridges::BridgeReport>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// `<meta name="fediverse:creator">`: the page says the account wrote it.
    Creator,
    /// `rel="me"`: the page says it belongs to the account.
    RelMe,
    /// `<link rel="alternate" type="application/activity+json">` to a document on another site:
    /// the page says that document is its own.
    Alternate,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 3] = [ClaimKind::Creator, ClaimKind::RelMe, ClaimKind::Alternate];

    /// As the content script and the CLI name it (`creator`, `rel_me`, `alternate`).
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Creator => "creator",
            ClaimKind::RelMe => "rel_me",
            ClaimKind::Alternate => "alternate",
        }
    }

    pub fn parse(name: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
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
}

/// Judges a page's claim about the looked-up account: a claim stays a claim until the account
/// confirms it (the rules are `Check`s in `verify`). `fediverse:creator` needs the page's site in
/// the account's `attributionDomains`; `rel="me"` needs the page among the account's profile
/// links; an ActivityPub `alternate` on another site needs the document to name the page.
pub fn judge_claim(report: &mut Report, kind: ClaimKind, page: &str) {
    use crate::core::verify;
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
