//! The fediverse's protocols, each read leniently from untrusted servers: handles (`acct:`),
//! WebFinger, ActivityPub, NodeInfo, and the domain blocks a server publishes.

pub mod activitypub;
pub mod domain_blocks;
pub mod family;
pub mod handle;
pub mod nodeinfo;
pub mod webfinger;
