//! The pure core: no I/O of its own. Resolution runs over the `Fetch` trait.
//!
//! Layers, lowest first; a module imports only from its own layer or a lower one, never in a
//! cycle (`tests/layers.rs` fails otherwise):
//! `text` → `words` → `net` → `protocol` → `identity` → `report` → `lookup` | `homeapi` → `wire`.

pub mod homeapi;
pub mod identity;
pub mod lookup;
pub mod net;
pub mod protocol;
pub mod report;
pub mod text;
pub mod wire;
pub mod words;
