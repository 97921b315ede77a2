//! Fedilens: notice fediverse profiles and posts on any page, resolve them through WebFinger,
//! ActivityPub and NodeInfo, say honestly whether they federate, and follow them from home.

pub mod core;

pub use crate::core::identity::detect::{detect, detect_url};
pub use crate::core::identity::detection::Detection;
pub use crate::core::identity::signals::PageSignals;
pub use crate::core::lookup::{lookup, Target};
pub use crate::core::net::egress::Limits;
pub use crate::core::net::fetch::{Fetch, FetchError, FetchRequest, FetchResponse};
pub use crate::core::protocol::handle::Handle;
pub use crate::core::report::{Report, Status};

#[cfg(feature = "cli")]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
