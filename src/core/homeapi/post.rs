//! A post as the reader's connected home sees it, and acting on it there (issue 22 §4): Like and
//! Boost, and undoing them, through the home's own API; Reply opens the home's compose for it
//! (each API's rules and sources are in `mastodon.rs` and `misskey.rs`).

use crate::core::homeapi::api::path_safe;
use crate::core::homeapi::call::{send, server};
use crate::core::homeapi::error::ApiError;
use crate::core::homeapi::model::{Act, ActAnswer, Connection, HomePost};
use crate::core::net::fetch::{Fetch, Gate};

/// The answer to an act: the post's new state for that act, as the home says it.
pub fn act_answer(home_host: &str, act: Act, result: Result<bool, ApiError>) -> ActAnswer {
    let home = home_host.to_string();
    match (result, act) {
        (Ok(liked), Act::Like) => ActAnswer::Liked { liked, home },
        (Ok(boosted), Act::Boost) => ActAnswer::Boosted { boosted, home },
        (Err(e), _) => ActAnswer::Failed(e.answer(home_host)),
    }
}

/// The post `object` (its ActivityPub id or page) as the connected home resolves it.
pub async fn find_post<F: Fetch>(gate: &Gate<'_, F>, c: &Connection, object: &str) -> Result<HomePost, ApiError> {
    let api = server(c.api);
    let answer = send(gate, &c.host, Some(&c.token), api.find_post(&c.host, object)?).await?;
    api.read_post(&answer.body, &c.host, object)
}

/// Likes or boosts the post `id` (the home's), or undoes it; resolves to the new state of that
/// act as the home answered it.
pub async fn act<F: Fetch>(
    gate: &Gate<'_, F>,
    c: &Connection,
    id: &str,
    act: Act,
    undo: bool,
) -> Result<bool, ApiError> {
    if !path_safe(id) {
        return Err(ApiError::Invalid);
    }
    let api = server(c.api);
    let answer = send(gate, &c.host, Some(&c.token), api.act(&c.host, id, act, undo)?).await?;
    api.read_act(&answer.body, act, undo)
}
