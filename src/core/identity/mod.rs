//! Who a page or a document is about, and whether that is proven: what each software's pages
//! look like, the page's signals and what they claim, the checks that bind a handle to an actor,
//! bridges and moves.

pub mod accounts;
pub mod bridges;
pub mod claim;
pub mod detect;
pub mod detection;
pub mod links;
pub mod markup;
pub mod moved;
pub mod signals;
pub mod software;
pub mod threads;
pub mod verify;
