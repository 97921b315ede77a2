//! A URL with no handle in it (a Misskey note, a WordPress post, an actor id): fetch the object,
//! then its author, then ask the author's server for the handle, and resolve that.

use crate::core::identity::software::PageKind;
use crate::core::identity::verify::{self, host_of, same_site};
use crate::core::lookup::account::fill_profile;
use crate::core::lookup::roles::{self, Role};
use crate::core::lookup::session::{fail, Lookup};
use crate::core::net::fetch::Fetch;
use crate::core::protocol::activitypub::{self, ApOutcome};
use crate::core::protocol::handle::Handle;
use crate::core::protocol::webfinger::{self, WebFingerOutcome};
use crate::core::report::{Profile, Report, Status};
use crate::core::text::weburl::Url;
use crate::core::words::msg;

impl<F: Fetch> Lookup<'_, F> {
    pub async fn by_object(&self, report: &mut Report, url: &Url) {
        let object = match roles::read(Role::Object, activitypub::fetch(&self.gate, url).await, url) {
            Ok((object, _)) => object,
            Err(unfetched) => return unfetched.end(report, |d| &mut d.object),
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
            match activitypub::fetch(&self.gate, &author).await {
                ApOutcome::Object { object: actor, .. } => (actor, post_url),
                _ => {
                    report.documents.object = Some(object.raw);
                    let why = msg::object_author_unfetchable(author.as_str(), url.as_str());
                    return fail(report, Status::Invalid, why);
                }
            }
        };
        let actor_id = actor.id().unwrap_or_default().to_string();
        match self.verified_handle(report, &actor_id, actor.str("preferredUsername")).await {
            Some(handle) => self.account(report, &handle, None, post_url).await,
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

    /// The handle to show for an actor reached by URL (or as a post's author), never someone
    /// else's: the handle its own server names, when that handle is on the actor's site or its
    /// domain points it back at this same actor; otherwise the check says which claim failed, and
    /// the actor's own-host handle is used if its server answers for it. `None`: no handle is
    /// proven.
    async fn verified_handle(
        &self,
        report: &mut Report,
        actor_id: &str,
        preferred_username: Option<&str>,
    ) -> Option<Handle> {
        let (jrd, own) = self.confirming_jrd(actor_id, preferred_username).await?;
        let actor_host = host_of(actor_id).unwrap_or_default();
        let Some(claimed) = jrd.subject_handle() else { return own };
        if same_site(claimed.host(), &actor_host) {
            return Some(claimed);
        }
        let pointed = match webfinger::fetch(&self.gate, claimed.host(), &[claimed.acct()]).await {
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
}
