//! What an ActivityPub answer that is no document means, by the role of what was asked for:
//! the actor a handle's WebFinger names, the post a page shows beside it, or the object a URL
//! without a handle points at. One table: the status it gives the lookup (none: a post that
//! cannot be read leaves the account's answer as it is), what the panel says, and the raw answer
//! the role keeps as evidence.

use crate::core::lookup::session::{fail, gate_status};
use crate::core::protocol::activitypub::{ApObject, ApOutcome};
use crate::core::report::{Documents, Report, Status};
use crate::core::text::json::Json;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Actor,
    Post,
    Object,
}

/// An answer that is no document, read for its role.
pub struct Unfetched {
    pub status: Option<Status>,
    pub why: Msg,
    pub raw: Option<Json>,
}

impl Unfetched {
    /// Ends the lookup with this answer: its status and words, its raw answer kept as the
    /// role's document (`slot`).
    pub fn end(self, report: &mut Report, slot: fn(&mut Documents) -> &mut Option<Json>) {
        *slot(&mut report.documents) = self.raw;
        fail(report, self.status.unwrap_or(Status::Invalid), self.why);
    }
}

/// The document, and where it was fetched from; or what its absence means for `role`.
pub fn read(role: Role, outcome: ApOutcome, url: &Url) -> Result<(ApObject, Url), Unfetched> {
    use Role::{Actor, Object, Post};
    let host = url.host_str().unwrap_or_default();
    let at = url.as_str();
    let (status, why, raw) = match outcome {
        ApOutcome::Object { object, fetched_from } => return Ok((object, fetched_from)),
        ApOutcome::SignedOnly { status: code, raw } => match role {
            Actor => (Some(Status::SignedFetchOnly), msg::actor_signed_only(host, code), Some(raw)),
            Post => (None, msg::post_signed_only(code), None),
            Object => (Some(Status::SignedFetchOnly), msg::object_signed_only(host, code), Some(raw)),
        },
        ApOutcome::NotFound { status: code, raw } => match role {
            Actor => (Some(Status::Invalid), msg::actor_missing(at, code), Some(raw)),
            Post => (None, msg::post_gone(code), None),
            Object => (Some(Status::NotFederated), msg::object_missing(at, code), None),
        },
        ApOutcome::NotActivityPub { content_type, raw } => match role {
            Actor => (Some(Status::Invalid), msg::actor_not_activitypub(at, content_type), Some(raw)),
            Post => (None, msg::post_not_activitypub(content_type), None),
            Object => (Some(Status::NotFederated), msg::object_web_page(at, content_type), None),
        },
        ApOutcome::HttpError { status: code } => match role {
            Actor => (Some(Status::Unreachable), msg::actor_http(at, code), None),
            Post => (None, msg::post_http(code), None),
            Object => (Some(Status::Unreachable), msg::object_http(at, code), None),
        },
        ApOutcome::Invalid { error, raw } => match role {
            Actor => (Some(Status::Invalid), msg::actor_invalid(at, error.msg()), Some(raw)),
            Post => (None, msg::post_invalid(error.msg()), None),
            Object => (Some(Status::Invalid), msg::object_invalid(at, error.msg()), Some(raw)),
        },
        ApOutcome::Failed(error) => match role {
            Post => (None, msg::post_invalid(error.msg()), None),
            Actor | Object => (Some(gate_status(&error)), error.msg(), None),
        },
    };
    Err(Unfetched { status, why, raw })
}
