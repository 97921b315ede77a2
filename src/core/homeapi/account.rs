//! Following from home: the home's account for the target, where the reader stands with it, and
//! following or unfollowing it.

use crate::core::homeapi::api::path_safe;
use crate::core::homeapi::call::{send, server};
use crate::core::homeapi::error::ApiError;
use crate::core::homeapi::model::{Connection, Following, HomeAccount, Relationship};
use crate::core::net::fetch::{Fetch, Gate};
use crate::core::protocol::handle::Handle;

/// The home's id for `target` (resolved by the home, which signs its fetches where the target's
/// server wants that, as Threads does) and where the reader stands with it.
pub async fn find_account<F: Fetch>(
    gate: &Gate<'_, F>,
    c: &Connection,
    target: &Handle,
) -> Result<(HomeAccount, Relationship), ApiError> {
    let api = server(c.api);
    let answer = send(gate, &c.host, Some(&c.token), api.find_account(&c.host, target)?).await?;
    let account = api.read_account(&answer.body, &c.host, target)?;
    let relationship = relationship(gate, c, &account.id).await?;
    Ok((account, relationship))
}

/// Where the reader stands with the account `id` on their home.
pub async fn relationship<F: Fetch>(gate: &Gate<'_, F>, c: &Connection, id: &str) -> Result<Relationship, ApiError> {
    let api = server(c.api);
    let answer = send(gate, &c.host, Some(&c.token), api.relationship(&c.host, id)?).await?;
    api.read_relationship(&answer.body, id)
}

/// Follows (`follow`) or stops following — or withdraws a request not yet accepted — then reads
/// the relationship again: an API's answer to the follow itself is not the state (Mastodon's is
/// optimistic; Misskey's is the user).
pub async fn set_following<F: Fetch>(
    gate: &Gate<'_, F>,
    c: &Connection,
    id: &str,
    follow: bool,
    now: Following,
) -> Result<Relationship, ApiError> {
    if !path_safe(id) {
        return Err(ApiError::Invalid); // an id the home gave that would not stay in its path
    }
    send(gate, &c.host, Some(&c.token), server(c.api).set_following(&c.host, id, follow, now)?).await?;
    relationship(gate, c, id).await
}
