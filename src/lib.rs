//! Fedilens: notice fediverse profiles and posts on any page, resolve them through WebFinger,
//! ActivityPub and NodeInfo, say honestly whether they federate, and follow them from home.

pub mod core;

pub use crate::core::detect::{detect, detect_url, Detection};
pub use crate::core::egress::Limits;
pub use crate::core::fetch::{Fetch, FetchError, FetchRequest, FetchResponse};
pub use crate::core::handle::Handle;
pub use crate::core::report::{Report, Status};
pub use crate::core::resolve::{lookup, Target};
pub use crate::core::signals::PageSignals;

#[cfg(feature = "cli")]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
