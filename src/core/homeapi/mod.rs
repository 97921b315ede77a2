//! Following from home through the home instance's own API, the way real clients do (issue 14):
//! connect once (Mastodon's OAuth 2 with PKCE, Misskey's MiAuth), then read the relationship and
//! follow or unfollow, like and boost, in one click. What to ask and how to read the answers is
//! here, generic over `Fetch` like the lookup; the extension's background and the CLI run it, and
//! keep the token (pages, content scripts and the panel frame never see it).
//!
//! `api.rs` says what each API is asked (`Server`); `mastodon.rs` and `misskey.rs` are the two
//! APIs, with their sources; `call.rs` chooses the server and makes every request; `account.rs`,
//! `post.rs` and `connect.rs` are what the reader does; `model.rs` and `error.rs` what crosses.

mod account;
mod api;
mod call;
mod connect;
mod error;
mod mastodon;
mod misskey;
mod model;
mod post;
#[cfg(test)]
pub(crate) mod tests;

pub use self::account::*;
pub use self::connect::*;
pub use self::error::*;
pub use self::mastodon::*;
pub use self::misskey::*;
pub use self::model::*;
pub use self::post::*;
