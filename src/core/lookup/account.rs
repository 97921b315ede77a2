//! An account by its handle: WebFinger, then the actor (and the post, and the actor host's
//! NodeInfo) in parallel, then the checks that bind the handle to the actor; and where a proven
//! move leads.

use crate::core::identity::bridges;
use crate::core::identity::moved;
use crate::core::identity::software;
use crate::core::identity::threads;
use crate::core::identity::verify::{self, host_of, same_site};
use crate::core::lookup::roles::{self, Role};
use crate::core::lookup::session::{fail, fail_gate, Lookup};
use crate::core::net::fetch::Fetch;
use crate::core::protocol::activitypub::{self, plain_text, ApObject, ApOutcome, Extras};
use crate::core::protocol::handle::Handle;
use crate::core::protocol::nodeinfo::NodeInfoOutcome;
use crate::core::protocol::webfinger::{self, Jrd, WebFingerOutcome};
use crate::core::report::{PostSummary, Profile, Report, SoftwareInfo, SoftwareSource, Status};
use crate::core::text::weburl::Url;
use crate::core::words::msg;
use futures_util::future::{join, join3};

impl<F: Fetch> Lookup<'_, F> {
    /// Resolves an account by handle; `page` is the profile URL it came from (WebFinger's second
    /// form), `post_url` the post to show.
    pub async fn account(&self, report: &mut Report, handle: &Handle, page: Option<&Url>, post_url: Option<String>) {
        let handle = threads::canonical_handle(handle.clone());
        let host = handle.host().to_string();
        report.handle = Some(handle.clone());
        report.object = post_url.clone();
        // Threads publishes no NodeInfo to rely on; for everyone else ask alongside WebFinger.
        let ni_handle_host = async {
            if threads::is_threads_host(&host) {
                None
            } else {
                Some(self.nodeinfo(&host).await)
            }
        };
        // NodeInfo runs alongside the whole WebFinger → actor chain, never in front of it.
        let (ni, ()) = join(ni_handle_host, self.account_chain(report, &handle, page, post_url)).await;
        set_software(report, ni.as_ref(), &host);
        // Said only when the account resolved: when the lookup failed, its one reason is enough.
        if let Some(problem) = ni.as_ref().and_then(|n| n.problem.clone()).filter(|_| report.status.followable()) {
            report.warnings.push(problem);
        }
    }

    /// WebFinger, then the actor (and the post, and the actor host's NodeInfo) in parallel, then
    /// the handle binding.
    async fn account_chain(&self, report: &mut Report, handle: &Handle, page: Option<&Url>, post_url: Option<String>) {
        let host = handle.host();
        let threads = threads::is_threads_host(host);
        let mut resources = vec![handle.acct()];
        resources.extend(page.map(|p| p.to_string()));
        let jrd = match webfinger::fetch(&self.gate, host, &resources).await {
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
        report.checks.push(verify::self_link(&jrd));
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
                Some(self.nodeinfo(&actor_host).await)
            }
        };
        let post_fetch = async {
            match &post {
                Some(p) => Some((activitypub::fetch(&self.gate, p).await, p)),
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
                Some(activitypub::fetch(&self.gate, &actor_url).await)
            }
        };
        let (actor, post_outcome, ni2) = join3(actor_fetch, post_fetch, ni_actor_host).await;
        set_software(report, ni2.as_ref(), &actor_host);

        let mut status = None;
        let actor_id = match actor.map(|outcome| roles::read(Role::Actor, outcome, &actor_url)) {
            // Threads: not asked (see `actor_fetch`).
            None => {
                report.warnings.push(msg::threads_unsigned_skipped());
                status = Some(Status::SignedFetchOnly);
                None
            }
            Some(Ok((object, fetched_from))) => {
                let id = object.id().unwrap_or_default().to_string();
                report.checks.push(verify::object_origin(&fetched_from, &id));
                fill_profile(&mut profile, &object);
                if report.software.is_none() {
                    report.software = software::family_from_actor(&object.raw)
                        .map(|f| SoftwareInfo::of_family(f, SoftwareSource::Actor));
                }
                report.actor = Some(id.clone());
                let actor_host_jrd = if same_site(&host_of(&id).unwrap_or_default(), host) {
                    None
                } else {
                    self.confirming_jrd(&id, object.str("preferredUsername")).await.map(|(jrd, _)| jrd)
                };
                report.documents.actor = Some(object.raw);
                report.checks.push(verify::handle_binding(handle, &id, actor_host_jrd.as_ref()));
                Some(id)
            }
            // The account exists but shows its actor only to signed requests: its profile is
            // what WebFinger gave.
            Some(Err(unfetched)) if unfetched.status == Some(Status::SignedFetchOnly) => {
                report.documents.actor = unfetched.raw;
                report.warnings.push(unfetched.why);
                status = unfetched.status;
                None
            }
            Some(Err(unfetched)) => return unfetched.end(report, |d| &mut d.actor),
        };
        report.profile = Some(profile);

        if let Some((outcome, url)) = post_outcome {
            read_post(report, outcome, url, actor_id.as_deref());
        } else if threads && post_url.is_some() {
            report.post = Some(PostSummary { url: post_url, ..PostSummary::default() });
        }
        report.status = status.unwrap_or(if report.failed_checks().next().is_some() {
            Status::Unverified
        } else {
            Status::Federated
        });
    }

    /// The actor host's WebFinger for the actor (`acct:preferredUsername@actor-host`, then the
    /// actor URL: some servers only answer one form), to confirm a handle on another domain; and
    /// the own-host handle when the actor host answered for that form (a handle verified on its
    /// own host).
    pub async fn confirming_jrd(
        &self,
        actor_id: &str,
        preferred_username: Option<&str>,
    ) -> Option<(Jrd, Option<Handle>)> {
        let actor_host = host_of(actor_id)?;
        let own = preferred_username.and_then(|u| Handle::new(u, &actor_host).ok());
        let mut resources: Vec<(String, Option<Handle>)> = own.map(|h| (h.acct(), Some(h))).into_iter().collect();
        resources.push((actor_id.to_string(), None));
        for (resource, form) in resources {
            if let WebFingerOutcome::Found { jrd, .. } =
                webfinger::fetch(&self.gate, &actor_host, std::slice::from_ref(&resource)).await
            {
                if jrd.self_link() == Some(actor_id) {
                    return Some((jrd, form));
                }
            }
        }
        None
    }

    /// An account that says it moved: where its moves lead (`moved::follow`), and the handle of
    /// the proven end as its own server names it, which Follow then targets. Only for an account
    /// whose every check passed: the old side of the proof is the old actor's own `movedTo`, which
    /// counts only when the actor is proven to be the account (a document that claims someone
    /// else's id must not move their followers anywhere).
    pub async fn follow_moves(&self, report: &mut Report) {
        let moved_to = report.profile.as_ref().and_then(|p| p.extras.moved_to.clone());
        let (Some(moved_to), Some(from)) = (moved_to, report.actor.clone()) else { return };
        if report.status != Status::Federated || report.failed_checks().next().is_some() {
            return;
        }
        let mut moves = moved::follow(&self.gate, &from, &moved_to).await;
        if let Some(actor) = moves.proven_actor().map(str::to_string) {
            // The handle its own server points at the actor (`acct:preferredUsername@host`), or
            // the subject of its answer when that is on the actor's very host.
            let actor_host = host_of(&actor).unwrap_or_default();
            let confirmed = self.confirming_jrd(&actor, moves.username.as_deref()).await;
            moves.to = confirmed.and_then(|(jrd, own)| {
                own.or_else(|| jrd.subject_handle().filter(|h| h.host().eq_ignore_ascii_case(&actor_host)))
            });
        }
        report.moved = Some(moves);
    }
}

/// The software, from the first NodeInfo that names it, else a well-known host.
fn set_software(report: &mut Report, ni: Option<&NodeInfoOutcome>, host: &str) {
    if report.software.as_ref().is_some_and(|s| s.source == SoftwareSource::NodeInfo) {
        return;
    }
    if let Some(named) = ni.and_then(|n| n.info.as_ref()).and_then(SoftwareInfo::from_nodeinfo) {
        report.software = Some(named);
        report.documents.nodeinfo = ni.and_then(|n| n.raw.clone());
        return;
    }
    if report.software.is_none() {
        report.software =
            software::known_host_family(host).map(|f| SoftwareInfo::of_family(f, SoftwareSource::KnownHost));
    }
}

pub fn fill_profile(profile: &mut Profile, actor: &ApObject) {
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

/// The post a page shows beside its author: its checks against the author, and its summary.
fn read_post(report: &mut Report, outcome: ApOutcome, url: &Url, actor_id: Option<&str>) {
    let (object, fetched_from) = match roles::read(Role::Post, outcome, url) {
        Ok(read) => read,
        Err(unfetched) => return report.warnings.push(unfetched.why),
    };
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
