//! Moved accounts (issue 22 §2). An actor's `movedTo` names its new account; the move is proven
//! only when both sides say so: the old actor's `movedTo` is the new actor's id, and the new
//! actor's `alsoKnownAs` names the old one. That is the check the servers make before they move
//! followers: Mastodon's `ActivityPub::Activity::Move#perform` goes on only if
//! `target_account.also_known_as.include?(origin_account.uri)` (mastodon/mastodon
//! `app/lib/activitypub/activity/move.rb`), and Misskey's `AccountMoveService#validateAlsoKnownAs`
//! accepts an old account from the new one's `alsoKnownAs` only if its `movedToUri` is the new
//! one's URI (misskey-dev/misskey `packages/backend/src/core/AccountMoveService.ts`). Both write
//! the terms as ActivityStreams' `as:movedTo` and `as:alsoKnownAs` (Mastodon's actor context).
//!
//! A chain of moves is followed to `MAX_MOVES` (our bound: each step is one more request); a
//! chain that comes back to an account already on the way is a loop, and said so.

use crate::core::identity::verify::{self, host_of};
use crate::core::net::fetch::{Fetch, Gate};
use crate::core::protocol::activitypub::{self, ApOutcome};
use crate::core::protocol::handle::Handle;
use crate::core::text::weburl::Url;
use crate::core::words::{msg, Msg};
use serde::Serialize;

/// The most moves followed from the account looked up.
pub const MAX_MOVES: usize = 3;

/// One move: the actor it leads to, and whether that actor names the one before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveStep {
    pub actor: String,
    pub proven: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveOutcome {
    /// Every step proven, and the last account has not moved on.
    Proven,
    /// A new actor does not name the one before it (`alsoKnownAs`), or is not the actor named.
    Unproven,
    /// A new actor could not be read (`why`).
    Unreachable,
    /// The moves come back to an account already on the way.
    Loop,
    /// More than `MAX_MOVES` moves.
    TooFar,
}

/// Where an account's moves lead, and whom Follow targets because of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveReport {
    /// The first move's target as the account names it (its `movedTo`).
    pub moved_to: String,
    pub steps: Vec<MoveStep>,
    pub outcome: MoveOutcome,
    /// Why a new actor could not be read.
    pub why: Option<Msg>,
    /// The account at the proven end, when its server names it (WebFinger): Follow targets it.
    pub to: Option<Handle>,
    /// Its profile page.
    pub profile_url: Option<String>,
    /// Its `preferredUsername`, to ask its server for its handle.
    #[serde(skip)]
    pub username: Option<String>,
}

impl MoveReport {
    /// The proven end of the chain: the last step's actor.
    pub fn proven_actor(&self) -> Option<&str> {
        (self.outcome == MoveOutcome::Proven).then(|| self.steps.last().map(|s| s.actor.as_str())).flatten()
    }

    /// The account Follow targets because of the moves: the proven end, when its server names it.
    pub fn proven_to(&self) -> Option<&Handle> {
        self.proven_actor().and(self.to.as_ref())
    }

    /// What the panel and the CLI say of the move.
    pub fn fact(&self) -> Msg {
        let last = self.steps.last().map_or(self.moved_to.as_str(), |s| s.actor.as_str());
        match (self.outcome, &self.to) {
            (MoveOutcome::Proven, Some(to)) => msg::fact_moved_proven(format!("@{to}")),
            (MoveOutcome::Proven, None) => msg::fact_moved_proven_unnamed(last),
            (MoveOutcome::Unproven, _) => msg::fact_moved_unproven(last),
            (MoveOutcome::Unreachable, _) => {
                msg::fact_moved_unreachable(last, self.why.clone().unwrap_or_else(msg::moved_no_reason))
            }
            (MoveOutcome::Loop, _) => msg::fact_moved_loop(last),
            (MoveOutcome::TooFar, _) => msg::fact_moved_too_far(MAX_MOVES, last),
        }
    }
}

/// Follows the moves of the actor `from`, whose `movedTo` is `moved_to`. Each new actor is
/// fetched through the gate (the egress policy applies) and must live where it was fetched
/// from; the handle of the proven end is the caller's to find (its server's WebFinger).
pub async fn follow<F: Fetch>(gate: &Gate<'_, F>, from: &str, moved_to: &str) -> MoveReport {
    let mut report = MoveReport {
        moved_to: moved_to.to_string(),
        steps: Vec::new(),
        outcome: MoveOutcome::Proven,
        why: None,
        to: None,
        profile_url: None,
        username: None,
    };
    let mut seen = vec![from.to_string()];
    let (mut from, mut next) = (from.to_string(), moved_to.to_string());
    loop {
        if seen.contains(&next) {
            report.outcome = MoveOutcome::Loop;
            return report;
        }
        if report.steps.len() == MAX_MOVES {
            report.outcome = MoveOutcome::TooFar;
            return report;
        }
        let object = match Url::parse(&next) {
            Ok(url) => match activitypub::fetch(gate, &url).await {
                ApOutcome::Object { object, fetched_from } => {
                    let origin = verify::object_origin(&fetched_from, object.id().unwrap_or_default());
                    if origin.ok {
                        Ok(object)
                    } else {
                        Err(origin.detail)
                    }
                }
                ApOutcome::Failed(e) => Err(e.msg()),
                ApOutcome::NotFound { status, .. } => Err(msg::actor_missing(url.as_str(), status)),
                ApOutcome::HttpError { status } => Err(msg::actor_http(url.as_str(), status)),
                ApOutcome::SignedOnly { status, .. } => {
                    Err(msg::actor_signed_only(host_of(url.as_str()).unwrap_or_default(), status))
                }
                ApOutcome::NotActivityPub { content_type, .. } => {
                    Err(msg::actor_not_activitypub(url.as_str(), content_type))
                }
                ApOutcome::Invalid { error, .. } => Err(msg::actor_invalid(url.as_str(), error.msg())),
            },
            Err(_) => Err(msg::moved_not_url(next.as_str())),
        };
        let object = match object {
            Ok(object) => object,
            Err(why) => {
                report.steps.push(MoveStep { actor: next, proven: false });
                report.outcome = MoveOutcome::Unreachable;
                report.why = Some(why);
                return report;
            }
        };
        let id = object.id().unwrap_or_default().to_string();
        // Mastodon fetches the `movedTo` URI and compares the account it gets; an actor that
        // answers under another id is not the one named.
        let proven = id == next && object.is_actor() && object.links("alsoKnownAs").contains(&from.as_str());
        seen.push(next);
        report.steps.push(MoveStep { actor: id.clone(), proven });
        if !proven {
            report.outcome = MoveOutcome::Unproven;
            return report;
        }
        match object.link("movedTo") {
            Some(further) => {
                next = further.to_string();
                from = id;
            }
            None => {
                report.profile_url = object.html_url().map(str::to_string);
                report.username = object.str("preferredUsername").map(str::to_string);
                return report;
            }
        }
    }
}
