//! The network as the core sees it: the `Fetch` trait, the egress policy every request and
//! redirect passes, and how long answers may be kept.

pub mod caching;
pub mod egress;
pub mod fetch;
