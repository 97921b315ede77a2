//! Words for people, kept out of the core: the core says what happened as a `Msg` (a message id
//! and its values: hosts, handles, HTTP codes, URLs, other messages), and a catalogue words it.
//!
//! The one catalogue is the extension's own: `extension/_locales/<lang>/messages.json`, in the
//! WebExtension format (so that the browser's `i18n` API reads the same file for the manifest,
//! the badge and the extension's pages). A message's values are positional, as that format's are:
//! `$name$` is the value its placeholder's `$n` names. The wasm carries no sentence: its pages hand it the catalogue of the reader's language
//! (`set_catalogue`); natively (the CLI, tests) English is built in and `--lang` picks another.

mod catalogue;
mod message;
mod messages;

pub use self::catalogue::*;
pub use self::message::*;
pub use self::messages::*;
