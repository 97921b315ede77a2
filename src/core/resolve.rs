//! Resolution: from a handle or URL to a verified identity, its federation status and the way
//! to follow it from home. Generic over `Fetch`; every request goes through the egress gate.
//! Independent requests run in parallel: WebFinger with NodeInfo, the actor with the post.

use crate::core::activitypub::{self, plain_text, ApObject, ApOutcome, Extras};
use crate::core::bridges;
use crate::core::detect::{detect_url, Detection, DetectionKind};
use crate::core::egress::Limits;
use crate::core::fetch::{self, Fetch, Fetched, Gate, GateError};
use crate::core::follow::{self, FollowTarget};
use crate::core::handle::{Handle, HandleError};
use crate::core::home::{self, DomainBlock};
use crate::core::i18n::{msg, Arg, Msg};
use crate::core::moved;
use crate::core::nodeinfo::{self, HostMemory, NodeInfo};
use crate::core::report::{HomeReport, PostSummary, Profile, Report, SoftwareInfo, SoftwareSource, Status};
use crate::core::software::{self, Family, PageKind};
use crate::core::verify::{self, host_of, same_site};
use crate::core::webfinger::{self, Jrd, WebFingerOutcome};
use crate::core::weburl::Url;
use futures_util::future::{join, join3};
use std::fmt;

/// What the user asked about.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Handle(Handle),
    Url { url: Box<Url>, detection: Box<Detection> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    Handle(HandleError),
    Url(Msg),
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetError::Handle(e) => write!(f, "{e}"),
            TargetError::Url(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for TargetError {}

impl Target {
    /// A handle (`@user@host`, `user@host`, `acct:user@host`) or an http(s) URL.
    pub fn parse(input: &str) -> Result<Target, TargetError> {
        let input = input.trim();
        if input.contains("://") {
            let url = Url::parse(input).map_err(|e| TargetError::Url(msg::target_not_url(input, e.to_string())))?;
            if !matches!(url.scheme(), "http" | "https") {
                return Err(TargetError::Url(msg::target_not_web_url(input)));
            }
            let detection = detect_url(url.as_str());
            return Ok(Target::Url { url: Box::new(url), detection: Box::new(detection) });
        }
        Handle::parse(input).map(software::canonical_handle).map(Target::Handle).map_err(TargetError::Handle)
    }
}

/// Looks up a target, and the way to follow it from `home` when given.
pub async fn lookup<F: Fetch>(fetch: &F, target: &Target, home: Option<&Handle>, limits: Limits) -> Report {
    lookup_remembering(fetch, target, home, limits, None).await
}

/// `lookup`, sharing what `memory` knows of hosts (their NodeInfo) with the session's other
/// lookups: one NodeInfo per host per session.
pub async fn lookup_remembering<F: Fetch>(
    fetch: &F,
    target: &Target,
    home: Option<&Handle>,
    limits: Limits,
    memory: Option<&HostMemory>,
) -> Report {
    let gate = Gate::new(fetch, limits).remembering(memory);
    let (mut report, home_info) = join(resolve_target(&gate, target), resolve_home(&gate, home)).await;
    follow_moves(&gate, &mut report).await;
    if let Some(info) = home_info {
        apply_home(&mut report, info);
    }
    // Served by the bridge (proven), not served (the bridge's WebFinger said 404: not federated),
    // or not known (it could not be asked, or answered nonsense).
    let served = match report.status {
        _ if report.status.followable() && report.failed_checks().next().is_none() => Some(true),
        Status::NotFederated => Some(false),
        _ => None,
    };
    report.bridge =
        report.handle.as_ref().and_then(|h| bridges::bridge_of(h, report.kind == PageKind::Profile, served));
    (report.fresh_for, report.retry_after) = gate.freshness();
    if let Some(wait) = report.retry_after {
        report.warnings.push(msg::retry_after(wait));
    }
    report.headline = headline(&report);
    report.requests = gate.into_log();
    report
}

/// The software a host runs, from its NodeInfo (the egress policy applies): used to confirm a
/// page whose URL only has a fediverse shape.
pub async fn host_software<F: Fetch>(
    fetch: &F,
    host: &str,
    limits: Limits,
    memory: Option<&HostMemory>,
) -> Option<NodeInfo> {
    let gate = Gate::new(fetch, limits).remembering(memory);
    nodeinfo::fetch(&gate, host).await.info.filter(|i| i.family.is_some() || i.speaks_activitypub())
}

// ---------------------------------------------------------------- the target

async fn resolve_target<F: Fetch>(gate: &Gate<'_, F>, target: &Target) -> Report {
    match target {
        Target::Handle(handle) => {
            let mut report = Report::new(&handle.to_string(), PageKind::Profile);
            resolve_account(gate, &mut report, handle, None, None).await;
            report
        }
        Target::Url { url, detection } => {
            let found = match detection.kind {
                DetectionKind::None => detection.candidate.as_deref(),
                _ => Some(detection.as_ref()),
            };
            let is_post = found.is_some_and(|d| d.kind == DetectionKind::Post);
            let mut report = Report::new(url.as_str(), if is_post { PageKind::Post } else { PageKind::Profile });
            let post_url = found.filter(|_| is_post).and_then(|d| d.object.clone());
            match found.and_then(|d| d.handle.clone()) {
                Some(handle) => {
                    let page = (!is_post).then_some(&**url);
                    resolve_account(gate, &mut report, &handle, page, post_url).await;
                }
                None => {
                    let object_url = found
                        .and_then(|d| d.object.as_deref())
                        .and_then(|o| Url::parse(o).ok())
                        .unwrap_or_else(|| (**url).clone());
                    resolve_by_object(gate, &mut report, &object_url).await;
                }
            }
            report
        }
    }
}

fn set_software(report: &mut Report, ni: Option<&nodeinfo::NodeInfoOutcome>, host: &str) {
    if report.software.as_ref().is_some_and(|s| s.source == SoftwareSource::NodeInfo) {
        return;
    }
    if let Some(info) = ni.and_then(|n| n.info.as_ref()) {
        if let Some(name) = &info.software {
            report.software = Some(SoftwareInfo {
                name: name.clone(),
                version: info.version.clone(),
                family: info.family,
                source: SoftwareSource::NodeInfo,
            });
            report.documents.nodeinfo = ni.and_then(|n| n.raw.clone());
            return;
        }
    }
    if report.software.is_none() {
        if let Some(family) = software::known_host_family(host) {
            report.software = Some(SoftwareInfo {
                name: family.name().to_string(),
                version: None,
                family: Some(family),
                source: SoftwareSource::KnownHost,
            });
        }
    }
}

/// Resolves an account by handle; `page` is the profile URL it came from (WebFinger's second
/// form), `post_url` the post to show.
async fn resolve_account<F: Fetch>(
    gate: &Gate<'_, F>,
    report: &mut Report,
    handle: &Handle,
    page: Option<&Url>,
    post_url: Option<String>,
) {
    let handle = software::canonical_handle(handle.clone());
    let host = handle.host().to_string();
    let threads = software::known_host_family(&host) == Some(Family::Threads);
    report.handle = Some(handle.clone());
    report.object = post_url.clone();

    let mut resources = vec![handle.acct()];
    resources.extend(page.map(|p| p.to_string()));
    // Threads publishes no NodeInfo to rely on; for everyone else ask alongside WebFinger.
    let ni_handle_host = async {
        if threads {
            None
        } else {
            Some(nodeinfo::fetch(gate, &host).await)
        }
    };
    // NodeInfo runs alongside the whole WebFinger → actor chain, never in front of it.
    let chain = account_chain(gate, report, &handle, &host, threads, &resources, post_url);
    let (ni, ()) = join(ni_handle_host, chain).await;
    set_software(report, ni.as_ref(), &host);
    // Said only when the account resolved: when the lookup failed, its one reason is enough.
    if let Some(problem) = ni.as_ref().and_then(|n| n.problem.clone()).filter(|_| report.status.followable()) {
        report.warnings.push(problem);
    }
}

/// WebFinger, then the actor (and the post, and the actor host's NodeInfo) in parallel, then the
/// handle binding.
async fn account_chain<F: Fetch>(
    gate: &Gate<'_, F>,
    report: &mut Report,
    handle: &Handle,
    host: &str,
    threads: bool,
    resources: &[String],
    post_url: Option<String>,
) {
    let wf = webfinger::fetch(gate, host, resources).await;

    let jrd = match wf {
        WebFingerOutcome::Found { jrd, raw, resource } => {
            report.documents.webfinger = Some(raw);
            report.checks.push(verify::webfinger_subject(&jrd, &resource));
            jrd
        }
        WebFingerOutcome::NotFound { status, raw, threads_body } => {
            report.documents.webfinger = Some(raw);
            report.status = Status::NotFederated;
            let why = if threads || threads_body {
                msg::not_found_threads(status)
            } else if let Some(bluesky) = bridges::bluesky_handle_of(handle) {
                // Bridgy Fed answers 404 for a Bluesky account that has not opted in (bridges.rs).
                msg::not_bridged(format!("@{bluesky}"), bridges::BLUESKY_OPT_IN)
            } else {
                msg::not_found_host(host, status, handle)
            };
            report.warnings.push(why);
            return;
        }
        WebFingerOutcome::HttpError { status } => {
            return fail(report, Status::Unreachable, msg::webfinger_http(host, status))
        }
        WebFingerOutcome::Invalid { reason, raw } => {
            report.documents.webfinger = Some(raw);
            return fail(report, Status::Invalid, reason);
        }
        WebFingerOutcome::Failed(e) => return fail_gate(report, e),
    };
    // Show the server's own spelling of the handle (`Gargron`, not `gargron`).
    if let Some(subject) = jrd.subject_handle().filter(|s| s.same_account(handle)) {
        report.handle = Some(subject);
    }
    let self_check = verify::self_link(&jrd);
    report.checks.push(self_check);
    let Some(actor_url) = jrd.self_link().and_then(|s| Url::parse(s).ok()) else {
        return fail(report, Status::Invalid, msg::webfinger_no_actor());
    };
    report.actor = Some(actor_url.to_string());
    let mut profile = Profile {
        avatar: jrd.avatar().map(str::to_string),
        url: jrd.profile_page().map(str::to_string),
        ..Profile::default()
    };

    let actor_host = actor_url.host_str().unwrap_or_default().to_string();
    let post = post_url.as_deref().filter(|_| !threads).and_then(|p| Url::parse(p).ok());
    let ni_actor_host = async {
        if threads || same_site(&actor_host, host) {
            None
        } else {
            Some(nodeinfo::fetch(gate, &actor_host).await)
        }
    };
    let post_fetch = async {
        match &post {
            Some(p) => Some(activitypub::fetch(gate, p).await),
            None => None,
        }
    };
    // Threads shows its actors only to signed server requests; an unsigned one (a browser's)
    // always gets 404 (FACTS.md §3; fedify #122). So it is not made: WebFinger is the answer,
    // and the lookup takes one round trip instead of two.
    let actor_fetch = async {
        if threads {
            None
        } else {
            Some(activitypub::fetch(gate, &actor_url).await)
        }
    };
    let (actor, post_outcome, ni2) = join3(actor_fetch, post_fetch, ni_actor_host).await;
    set_software(report, ni2.as_ref(), &actor_host);

    let mut status = None;
    let actor_id = match actor {
        // Threads: not asked (see `actor_fetch`).
        None => {
            report.warnings.push(msg::threads_unsigned_skipped());
            status = Some(Status::SignedFetchOnly);
            None
        }
        Some(ApOutcome::Object { object, fetched_from }) => {
            let id = object.id().unwrap_or_default().to_string();
            report.checks.push(verify::object_origin(&fetched_from, &id));
            fill_profile(&mut profile, &object);
            if report.software.is_none() {
                report.software = software::family_from_actor(&object.raw).map(|f| SoftwareInfo {
                    name: f.name().to_string(),
                    version: None,
                    family: Some(f),
                    source: SoftwareSource::Actor,
                });
            }
            report.actor = Some(id.clone());
            let actor_host_jrd = if same_site(&host_of(&id).unwrap_or_default(), host) {
                None
            } else {
                confirming_jrd(gate, &id, object.str("preferredUsername")).await
            };
            report.documents.actor = Some(object.raw);
            report.checks.push(verify::handle_binding(handle, &id, actor_host_jrd.as_ref()));
            Some(id)
        }
        Some(ApOutcome::SignedOnly { status: code, raw }) => {
            report.documents.actor = Some(raw);
            report.warnings.push(msg::actor_signed_only(&actor_host, code));
            status = Some(Status::SignedFetchOnly);
            None
        }
        Some(ApOutcome::NotFound { status: code, raw }) => {
            report.documents.actor = Some(raw);
            return fail(report, Status::Invalid, msg::actor_missing(actor_url.as_str(), code));
        }
        Some(ApOutcome::NotActivityPub { content_type, raw }) => {
            report.documents.actor = Some(raw);
            return fail(report, Status::Invalid, msg::actor_not_activitypub(actor_url.as_str(), content_type));
        }
        Some(ApOutcome::HttpError { status: code }) => {
            return fail(report, Status::Unreachable, msg::actor_http(actor_url.as_str(), code))
        }
        Some(ApOutcome::Invalid { error, raw }) => {
            report.documents.actor = Some(raw);
            return fail(report, Status::Invalid, msg::actor_invalid(actor_url.as_str(), error.msg()));
        }
        Some(ApOutcome::Failed(e)) => return fail_gate(report, e),
    };
    report.profile = Some(profile);

    if let Some(outcome) = post_outcome {
        read_post(report, outcome, actor_id.as_deref());
    } else if threads && post_url.is_some() {
        report.post = Some(PostSummary { url: post_url, ..PostSummary::default() });
    }
    report.status =
        status.unwrap_or(if report.failed_checks().next().is_some() { Status::Unverified } else { Status::Federated });
}

/// The actor host's WebFinger for the actor (`acct:preferredUsername@actor-host`, then the
/// actor URL: some servers only answer one form), to confirm a handle on another domain.
async fn confirming_jrd<F: Fetch>(gate: &Gate<'_, F>, actor_id: &str, preferred_username: Option<&str>) -> Option<Jrd> {
    confirming_jrd_and_form(gate, actor_id, preferred_username).await.map(|(jrd, _)| jrd)
}

/// `confirming_jrd`, and the own-host handle when the actor host answered for that form
/// (`acct:preferredUsername@actor-host` pointing at the actor: a handle verified on its own host).
async fn confirming_jrd_and_form<F: Fetch>(
    gate: &Gate<'_, F>,
    actor_id: &str,
    preferred_username: Option<&str>,
) -> Option<(Jrd, Option<Handle>)> {
    let actor_host = host_of(actor_id)?;
    let own = preferred_username.and_then(|u| Handle::new(u, &actor_host).ok());
    let mut resources: Vec<(String, Option<Handle>)> = own.map(|h| (h.acct(), Some(h))).into_iter().collect();
    resources.push((actor_id.to_string(), None));
    for (resource, form) in resources {
        if let WebFingerOutcome::Found { jrd, .. } =
            webfinger::fetch(gate, &actor_host, std::slice::from_ref(&resource)).await
        {
            if jrd.self_link() == Some(actor_id) {
                return Some((jrd, form));
            }
        }
    }
    None
}

/// The handle to show for an actor reached by URL (or as a post's author), never someone else's:
/// the handle its own server names, when that handle is on the actor's site or its domain points
/// it back at this same actor; otherwise the check says which claim failed, and the actor's
/// own-host handle is used if its server answers for it. `None`: no handle is proven.
async fn verified_handle<F: Fetch>(
    gate: &Gate<'_, F>,
    report: &mut Report,
    actor_id: &str,
    preferred_username: Option<&str>,
) -> Option<Handle> {
    let (jrd, own) = confirming_jrd_and_form(gate, actor_id, preferred_username).await?;
    let actor_host = host_of(actor_id).unwrap_or_default();
    let Some(claimed) = jrd.subject_handle() else { return own };
    if same_site(claimed.host(), &actor_host) {
        return Some(claimed);
    }
    let pointed = match webfinger::fetch(gate, claimed.host(), &[claimed.acct()]).await {
        WebFingerOutcome::Found { jrd, .. } => jrd.self_link().map(str::to_string),
        _ => None,
    };
    let check = verify::handle_claim(&claimed, actor_id, pointed.as_deref());
    if !check.ok {
        report.checks.push(check);
        return own;
    }
    Some(claimed)
}

fn fill_profile(profile: &mut Profile, actor: &ApObject) {
    profile.display_name = actor.str("name").map(plain_text).filter(|n| !n.is_empty());
    profile.username = actor.str("preferredUsername").map(str::to_string);
    profile.summary = actor.str("summary").map(plain_text).filter(|s| !s.is_empty());
    if let Some(icon) = actor.icon() {
        profile.avatar = Some(icon.to_string());
    }
    if let Some(url) = actor.html_url() {
        profile.url = Some(url.to_string());
    }
    profile.extras = Extras::of(actor);
}

fn read_post(report: &mut Report, outcome: ApOutcome, actor_id: Option<&str>) {
    match outcome {
        ApOutcome::Object { object, fetched_from } => {
            let id = object.id().unwrap_or_default().to_string();
            report.checks.push(verify::object_origin(&fetched_from, &id));
            if let Some(actor_id) = actor_id {
                report.checks.push(verify::post_author(object.attributed_to(), actor_id));
                report.checks.push(verify::post_origin(&id, actor_id));
            }
            let content = object.str("content").or_else(|| object.str("name")).map(plain_text);
            report.post = Some(PostSummary {
                id: Some(id.clone()),
                url: object.html_url().map(str::to_string),
                content,
                published: object.str("published").map(str::to_string),
                quote: object.quote().map(str::to_string),
            });
            // Follow and open posts by the object's id, never by an activity's.
            if !object.is_activity() {
                report.object = Some(id);
            }
            report.documents.object = Some(object.raw);
        }
        ApOutcome::SignedOnly { status, .. } => report.warnings.push(msg::post_signed_only(status)),
        ApOutcome::NotFound { status, .. } => report.warnings.push(msg::post_gone(status)),
        ApOutcome::NotActivityPub { content_type, .. } => report.warnings.push(msg::post_not_activitypub(content_type)),
        ApOutcome::HttpError { status } => report.warnings.push(msg::post_http(status)),
        ApOutcome::Invalid { error, .. } => report.warnings.push(msg::post_invalid(error.msg())),
        ApOutcome::Failed(e) => report.warnings.push(msg::post_invalid(e.msg())),
    }
}

/// A URL with no handle in it (a Misskey note, a WordPress post, an actor id): fetch the
/// object, then its author, then ask the author's server for the handle and resolve that.
async fn resolve_by_object<F: Fetch>(gate: &Gate<'_, F>, report: &mut Report, url: &Url) {
    let object = match activitypub::fetch(gate, url).await {
        ApOutcome::Object { object, .. } => object,
        ApOutcome::SignedOnly { status, raw } => {
            report.documents.object = Some(raw);
            report.status = Status::SignedFetchOnly;
            report.warnings.push(msg::object_signed_only(url.host_str().unwrap_or_default(), status));
            return;
        }
        ApOutcome::NotFound { status, .. } => {
            return fail(report, Status::NotFederated, msg::object_missing(url.as_str(), status))
        }
        ApOutcome::NotActivityPub { content_type, .. } => {
            return fail(report, Status::NotFederated, msg::object_web_page(url.as_str(), content_type))
        }
        ApOutcome::HttpError { status } => {
            return fail(report, Status::Unreachable, msg::object_http(url.as_str(), status))
        }
        ApOutcome::Invalid { error, raw } => {
            report.documents.object = Some(raw);
            return fail(report, Status::Invalid, msg::object_invalid(url.as_str(), error.msg()));
        }
        ApOutcome::Failed(e) => return fail_gate(report, e),
    };
    let (actor, post_url) = if object.is_actor() {
        report.kind = PageKind::Profile;
        (object, None)
    } else {
        report.kind = PageKind::Post;
        let post_url = object.id().map(str::to_string);
        let Some(author) = object.attributed_to().and_then(|a| Url::parse(a).ok()) else {
            report.documents.object = Some(object.raw);
            return fail(report, Status::Invalid, msg::object_no_author(url.as_str()));
        };
        match activitypub::fetch(gate, &author).await {
            ApOutcome::Object { object: actor, .. } => (actor, post_url),
            _ => {
                report.documents.object = Some(object.raw);
                return fail(report, Status::Invalid, msg::object_author_unfetchable(author.as_str(), url.as_str()));
            }
        }
    };
    let actor_id = actor.id().unwrap_or_default().to_string();
    let handle = verified_handle(gate, report, &actor_id, actor.str("preferredUsername")).await;
    match handle {
        Some(handle) => resolve_account(gate, report, &handle, None, post_url).await,
        None => {
            report.actor = Some(actor_id.clone());
            let mut profile = Profile::default();
            fill_profile(&mut profile, &actor);
            report.profile = Some(profile);
            report.documents.actor = Some(actor.raw);
            fail(report, Status::Unverified, msg::actor_no_handle(&actor_id));
        }
    }
}

fn fail(report: &mut Report, status: Status, why: Msg) {
    report.status = status;
    report.warnings.push(why);
}

fn fail_gate(report: &mut Report, error: GateError) {
    let status = match error {
        GateError::Refused(_) => Status::Refused,
        GateError::TooLarge { .. } => Status::Invalid,
        GateError::Network { .. } | GateError::Timeout { .. } => Status::Unreachable,
    };
    fail(report, status, error.msg());
}

/// An account that says it moved: where its moves lead (`moved::follow`), and the handle of the
/// proven end as its own server names it, which Follow then targets. Only for an account whose
/// every check passed: the old side of the proof is the old actor's own `movedTo`, which counts
/// only when the actor is proven to be the account (a document that claims someone else's id
/// must not move their followers anywhere).
async fn follow_moves<F: Fetch>(gate: &Gate<'_, F>, report: &mut Report) {
    let moved_to = report.profile.as_ref().and_then(|p| p.extras.moved_to.clone());
    let (Some(moved_to), Some(from)) = (moved_to, report.actor.clone()) else { return };
    if report.status != Status::Federated || report.failed_checks().next().is_some() {
        return;
    }
    let mut moves = moved::follow(gate, &from, &moved_to).await;
    if let Some(actor) = moves.proven_actor().map(str::to_string) {
        // The handle its own server points at the actor (`acct:preferredUsername@host`), or the
        // subject of its answer when that is on the actor's very host.
        let actor_host = host_of(&actor).unwrap_or_default();
        let confirmed = confirming_jrd_and_form(gate, &actor, moves.username.as_deref()).await;
        moves.to = confirmed.and_then(|(jrd, own)| {
            own.or_else(|| jrd.subject_handle().filter(|h| h.host().eq_ignore_ascii_case(&actor_host)))
        });
    }
    report.moved = Some(moves);
}

// ---------------------------------------------------------------- the home instance

struct HomeInfo {
    handle: Handle,
    jrd: Option<Jrd>,
    software: Option<SoftwareInfo>,
    family: Option<Family>,
    blocks: Option<Vec<DomainBlock>>,
    warnings: Vec<Msg>,
}

/// The home WebFinger (follow templates), NodeInfo (software, Pleroma's MRF) and Mastodon's
/// public block list, all at once: asking for the block list before knowing the software costs
/// one request and saves a round trip.
async fn resolve_home<F: Fetch>(gate: &Gate<'_, F>, home: Option<&Handle>) -> Option<HomeInfo> {
    let handle = home?.clone();
    let host = handle.host().to_string();
    let blocks_url = Url::parse(&format!("https://{host}{}", home::MASTODON_DOMAIN_BLOCKS_PATH)).ok()?;
    let (wf, ni, blocks) = join3(
        webfinger::fetch(gate, &host, &[handle.acct()]),
        nodeinfo::fetch(gate, &host),
        gate.get(&blocks_url, fetch::ACCEPT_JSON),
    )
    .await;
    let mut warnings = Vec::new();
    let jrd = match wf {
        WebFingerOutcome::Found { jrd, .. } if jrd.names_handle(&handle) => Some(jrd),
        WebFingerOutcome::Found { .. } => {
            warnings.push(msg::webfinger_other_account(&host, &handle));
            None
        }
        WebFingerOutcome::NotFound { .. } => {
            warnings.push(msg::home_does_not_know(&host, &handle));
            None
        }
        _ => {
            warnings.push(msg::home_unasked(&host, &handle));
            None
        }
    };
    let family = ni.info.as_ref().and_then(|i| i.family).or_else(|| software::known_host_family(&host));
    let software = ni.info.as_ref().and_then(|i| {
        Some(SoftwareInfo {
            name: i.software.clone()?,
            version: i.version.clone(),
            family: i.family,
            source: SoftwareSource::NodeInfo,
        })
    });
    let mastodon_blocks = blocks.ok().filter(Fetched::is_success).and_then(|f| home::parse_mastodon_blocks(&f.body));
    let blocks = match (family, mastodon_blocks) {
        (_, Some(list)) => Some(list),
        (Some(Family::Pleroma), None) => ni.info.as_ref().map(|i| home::from_mrf_rejects(&i.rejected_domains)),
        _ => None,
    };
    Some(HomeInfo { handle, jrd, software, family, blocks, warnings })
}

fn apply_home(report: &mut Report, info: HomeInfo) {
    let home_host = info.handle.host().to_string();
    let mut warnings = info.warnings;
    let target_hosts: Vec<String> =
        report.handle.iter().map(|h| h.host().to_string()).chain(report.actor.as_deref().and_then(host_of)).collect();
    let block =
        info.blocks.as_deref().and_then(|blocks| target_hosts.iter().find_map(|h| home::block_for(blocks, h))).cloned();
    warnings.extend(block.as_ref().map(|b| b.warning(&home_host)));
    let follow = report
        .status
        .followable()
        .then(|| follow_target(report))
        .flatten()
        .and_then(|t| follow::intent(&home_host, info.jrd.as_ref(), info.family, &t));
    report.follow_url = follow.as_ref().map(|f| f.url.clone());
    // A post's Like, Boost and Reply from home: only where it can be opened there, and not on the
    // home itself (its own page has them). By the post's ActivityPub id (`report.object`, which
    // is never an activity's), else the fetched post's own.
    let post_id = report.object.clone().or_else(|| report.post.as_ref().and_then(|p| p.id.clone()));
    let interactions = match (&follow, post_id) {
        (Some(open), Some(id)) if report.kind == PageKind::Post && !open.same_instance => {
            follow::interactions(info.jrd.as_ref(), &id, Some(&open.url))
        }
        _ => Vec::new(),
    };
    report.home = Some(HomeReport {
        handle: info.handle,
        software: info.software,
        follow,
        interactions,
        blocks_published: info.blocks.as_ref().map(|_| true),
        block,
        warnings,
    });
}

fn follow_target(report: &Report) -> Option<FollowTarget> {
    if report.kind == PageKind::Post {
        let url = report
            .object
            .clone()
            .or_else(|| report.post.as_ref().and_then(|p| p.url.clone()))
            .unwrap_or_else(|| report.target.clone());
        return Some(FollowTarget::Post { url });
    }
    // A proven move: the new account (`moved.rs`).
    if let Some(moved) = report.moved.as_ref() {
        if let (Some(to), Some(actor)) = (moved.proven_to(), moved.proven_actor()) {
            return Some(FollowTarget::Account {
                handle: to.to_string(),
                actor: Some(actor.to_string()),
                profile_url: moved.profile_url.clone(),
            });
        }
    }
    let handle = report.handle.as_ref()?.to_string();
    Some(FollowTarget::Account {
        handle,
        actor: report.actor.clone(),
        profile_url: report.profile.as_ref().and_then(|p| p.url.clone()),
    })
}

// ---------------------------------------------------------------- words

fn headline(report: &Report) -> Msg {
    let who = report.handle.as_ref().map_or_else(|| report.target.clone(), |h| format!("@{h}"));
    let problem: Arg = report
        .failed_checks()
        .next()
        .map(|c| c.detail.clone())
        .or_else(|| report.warnings.last().cloned())
        .map_or_else(|| Arg::Plain(String::new()), Arg::from);
    let threads = report.software.as_ref().and_then(|s| s.family) == Some(Family::Threads)
        || report.handle.as_ref().is_some_and(|h| h.host() == software::THREADS_HANDLE_HOST);
    let bluesky = report.handle.as_ref().and_then(bridges::bluesky_handle_of);
    match report.status {
        Status::Federated => msg::headline_federated(who),
        Status::Unverified => msg::headline_unverified(who, problem),
        Status::NotFederated if threads => msg::headline_not_shared(who),
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
