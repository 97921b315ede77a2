//! Text formats every layer reads: JSON documents and URLs.

pub mod json;
pub mod weburl;
