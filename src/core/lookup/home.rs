//! The reader's home instance beside the lookup: its WebFinger (follow templates), NodeInfo
//! (software, Pleroma's MRF) and published domain blocks, and from them the follow intent and a
//! post's interactions from home.

use crate::core::identity::software::{self, PageKind};
use crate::core::identity::verify::host_of;
use crate::core::lookup::session::Lookup;
use crate::core::net::fetch::{self, Fetch, Fetched};
use crate::core::protocol::domain_blocks::{self, DomainBlock};
use crate::core::protocol::family::Family;
use crate::core::protocol::handle::Handle;
use crate::core::protocol::webfinger::{self, Jrd, WebFingerOutcome};
use crate::core::report::follow::{self, FollowTarget};
use crate::core::report::{HomeReport, Report, SoftwareInfo};
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};
use futures_util::future::join3;

/// What the reader's home said of itself, for the follow intent and the block warning.
pub struct HomeInfo {
    handle: Handle,
    jrd: Option<Jrd>,
    software: Option<SoftwareInfo>,
    family: Option<Family>,
    blocks: Option<Vec<DomainBlock>>,
    warnings: Vec<Msg>,
}

impl<F: Fetch> Lookup<'_, F> {
    /// The home WebFinger (follow templates), NodeInfo (software, Pleroma's MRF) and Mastodon's
    /// public block list, all at once: asking for the block list before knowing the software
    /// costs one request and saves a round trip.
    pub async fn home(&self, home: Option<&Handle>) -> Option<HomeInfo> {
        let handle = home?.clone();
        let host = handle.host().to_string();
        let blocks_url = Url::parse(&format!("https://{host}{}", domain_blocks::MASTODON_DOMAIN_BLOCKS_PATH)).ok()?;
        let (wf, ni, blocks) = join3(
            webfinger::fetch(&self.gate, &host, &[handle.acct()]),
            self.nodeinfo(&host),
            self.gate.get(&blocks_url, fetch::ACCEPT_JSON),
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
        let software = ni.info.as_ref().and_then(SoftwareInfo::from_nodeinfo);
        let mastodon_blocks =
            blocks.ok().filter(Fetched::is_success).and_then(|f| domain_blocks::parse_mastodon_blocks(&f.body));
        let blocks = match (family, mastodon_blocks) {
            (_, Some(list)) => Some(list),
            (Some(Family::Pleroma), None) => {
                ni.info.as_ref().map(|i| domain_blocks::from_mrf_rejects(&i.rejected_domains))
            }
            _ => None,
        };
        Some(HomeInfo { handle, jrd, software, family, blocks, warnings })
    }
}

pub fn apply_home(report: &mut Report, info: HomeInfo) {
    let home_host = info.handle.host().to_string();
    let mut warnings = info.warnings;
    let target_hosts: Vec<String> =
        report.handle.iter().map(|h| h.host().to_string()).chain(report.actor.as_deref().and_then(host_of)).collect();
    let block = info
        .blocks
        .as_deref()
        .and_then(|blocks| target_hosts.iter().find_map(|h| domain_blocks::block_for(blocks, h)))
        .cloned();
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
