//! The shapes that cross from the core to JavaScript (the extension's background and pages).

pub mod answers;
pub mod view;
