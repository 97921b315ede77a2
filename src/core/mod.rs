//! The pure core: no I/O of its own. Resolution runs over the `Fetch` trait.

pub mod accounts;
pub mod activitypub;
pub mod bridges;
pub mod caching;
pub mod detect;
pub mod egress;
pub mod fetch;
pub mod follow;
pub mod handle;
pub mod home;
pub mod homeapi;
pub mod homepost;
pub mod i18n;
pub mod json;
pub mod moved;
pub mod nodeinfo;
pub mod report;
pub mod resolve;
pub mod signals;
pub mod software;
pub mod verify;
pub mod view;
pub mod webfinger;
pub mod weburl;
