//! Resolution: from a handle or URL to a verified identity, its federation status and the way
//! to follow it from home. Generic over `Fetch`; every request goes through the egress gate.
//! Independent requests run in parallel: WebFinger with NodeInfo, the actor with the post.

mod account;
mod home;
mod object;
mod roles;
mod session;

use crate::core::identity::bridges;
use crate::core::identity::detect::detect_url;
use crate::core::identity::detection::{Detection, DetectionKind};
use crate::core::identity::software::PageKind;
use crate::core::identity::threads;
use crate::core::lookup::home::apply_home;
use crate::core::lookup::session::Lookup;
use crate::core::net::egress::Limits;
use crate::core::net::fetch::Fetch;
use crate::core::protocol::handle::{Handle, HandleError};
use crate::core::protocol::nodeinfo::{HostMemory, NodeInfo};
use crate::core::report::{Report, Status};
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};
use futures_util::future::join;
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
        Handle::parse(input).map(threads::canonical_handle).map(Target::Handle).map_err(TargetError::Handle)
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
    let lookup = Lookup::new(fetch, limits, memory);
    let (mut report, home_info) = join(lookup.target(target), lookup.home(home)).await;
    lookup.follow_moves(&mut report).await;
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
    (report.fresh_for, report.retry_after) = lookup.gate.freshness();
    if let Some(wait) = report.retry_after {
        report.warnings.push(msg::retry_after(wait));
    }
    report.headline = report.worded_headline();
    report.requests = lookup.gate.into_log();
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
    Lookup::new(fetch, limits, memory)
        .nodeinfo(host)
        .await
        .info
        .filter(|i| i.family.is_some() || i.speaks_activitypub())
}

impl<F: Fetch> Lookup<'_, F> {
    async fn target(&self, target: &Target) -> Report {
        match target {
            Target::Handle(handle) => {
                let mut report = Report::new(&handle.to_string(), PageKind::Profile);
                self.account(&mut report, handle, None, None).await;
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
                        self.account(&mut report, &handle, page, post_url).await;
                    }
                    None => {
                        let object_url = found
                            .and_then(|d| d.object.as_deref())
                            .and_then(|o| Url::parse(o).ok())
                            .unwrap_or_else(|| (**url).clone());
                        self.by_object(&mut report, &object_url).await;
                    }
                }
                report
            }
        }
    }
}
