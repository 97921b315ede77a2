//! The catalogue that words messages: the extension's `_locales/<lang>/messages.json`, read as
//! the WebExtension format reads it, and the one this thread words with.

use crate::core::text::json::Json;
use crate::core::words::message::{Arg, Msg};
use std::cell::RefCell;
use std::rc::Rc;

/// A catalogue: for each message id (lowercase, as the WebExtension format compares them), its
/// text and its placeholders' positions. A list searched in order: a few hundred entries at
/// most, a few dozen lookups per panel, and no hash map's or sort's code in the wasm.
#[derive(Debug, Default)]
pub struct Catalogue {
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    id: String,
    text: String,
    /// Placeholder name (lowercase) → the position of its value (`$1` → 0).
    positions: Vec<(String, usize)>,
}

impl Catalogue {
    /// Reads a `messages.json`; `None` when it is not one.
    pub fn parse(json: &[u8]) -> Option<Catalogue> {
        let Json::Object(members) = Json::parse(json).ok()? else { return None };
        let entries = members
            .iter()
            .filter_map(|(id, entry)| {
                let positions = match entry.get("placeholders") {
                    Some(Json::Object(p)) => p
                        .iter()
                        .filter_map(|(name, p)| {
                            let n: usize = p.text("content")?.strip_prefix('$')?.parse().ok()?;
                            Some((name.to_ascii_lowercase(), n.checked_sub(1)?))
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                Some(Entry { id: id.to_ascii_lowercase(), text: entry.text("message")?, positions })
            })
            .collect();
        Some(Catalogue { entries })
    }

    fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id.eq_ignore_ascii_case(id))
    }

    pub fn text(&self, id: &str) -> Option<&str> {
        self.entry(id).map(|e| e.text.as_str())
    }

    /// The message in words. A message the catalogue lacks is still said, as its id and values,
    /// never as nothing.
    pub fn word(&self, msg: &Msg) -> String {
        self.word_within(msg, 0)
    }

    fn word_within(&self, msg: &Msg, depth: usize) -> String {
        let value = |arg: Option<&Arg>| -> String {
            match arg {
                Some(Arg::Plain(s)) => s.clone(),
                Some(Arg::Msg(m)) if depth < 4 => self.word_within(m, depth + 1),
                Some(Arg::Msg(m)) => m.id.to_string(),
                None => String::new(),
            }
        };
        let Some(entry) = self.entry(&msg.id) else {
            let values: Vec<String> = msg.args.iter().map(|a| value(Some(a))).collect();
            return format!("[{}] {}", msg.id, values.join(", "));
        };
        fill(&entry.text, |name| {
            let at = entry.positions.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, at)| *at);
            value(at.and_then(|at| msg.args.get(at)))
        })
    }
}

/// `$name$` → its value, `$$` → `$`, in one pass (values are never read as placeholders).
fn fill(text: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(stripped) = after.strip_prefix('$') {
            out.push('$');
            rest = stripped;
            continue;
        }
        match after.find('$') {
            Some(end) if after[..end].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') && end > 0 => {
                out.push_str(&value(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `$name$` placeholders a text refers to (lowercase).
pub fn placeholders(text: &str) -> Vec<String> {
    let names = RefCell::new(Vec::new());
    fill(text, |name| {
        names.borrow_mut().push(name.to_ascii_lowercase());
        String::new()
    });
    names.into_inner()
}

thread_local! {
    /// The catalogue this thread words with: set by the extension's pages (`set_catalogue`),
    /// by the CLI's `--lang`; English natively until then.
    static CURRENT: RefCell<Option<Rc<Catalogue>>> = const { RefCell::new(None) };
}

pub fn set_current(catalogue: Catalogue) {
    CURRENT.with(|c| *c.borrow_mut() = Some(Rc::new(catalogue)));
}

pub fn current() -> Rc<Catalogue> {
    if let Some(c) = CURRENT.with(|c| c.borrow().clone()) {
        return c;
    }
    let built_in = Rc::new(built_in());
    CURRENT.with(|c| *c.borrow_mut() = Some(built_in.clone()));
    built_in
}

/// Natively, English (the CLI's default and the tests' language); the wasm has none built in.
#[cfg(not(target_arch = "wasm32"))]
fn built_in() -> Catalogue {
    Catalogue::parse(ENGLISH).unwrap_or_default()
}
#[cfg(target_arch = "wasm32")]
fn built_in() -> Catalogue {
    Catalogue::default()
}

#[cfg(not(target_arch = "wasm32"))]
pub const ENGLISH: &[u8] = include_bytes!("../../../extension/_locales/en/messages.json");
#[cfg(not(target_arch = "wasm32"))]
pub const JAPANESE: &[u8] = include_bytes!("../../../extension/_locales/ja/messages.json");

/// Worded with the current catalogue.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&current().word(self))
    }
}

/// In the CLI's `--json` and the extension's small answers, a message is its words.
impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::words::messages::{msg, DECLARED};
    use std::collections::BTreeSet;

    fn catalogues() -> [(&'static str, Catalogue, Json); 2] {
        [("en", ENGLISH), ("ja", JAPANESE)]
            .map(|(lang, bytes)| (lang, Catalogue::parse(bytes).unwrap(), Json::parse(bytes).unwrap()))
    }

    /// The ids the extension's scripts and pages ask the browser for (`getMessage("…")`, `t("…")`,
    /// `data-i18n="…"`, `__MSG_…__`).
    fn ids_used_by_the_extension() -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        let dirs = ["extension", "www"];
        let mut files: Vec<std::path::PathBuf> = dirs
            .iter()
            .flat_map(|d| std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path()))
            .filter(|p| p.extension().is_some_and(|e| e == "js" || e == "html"))
            .collect();
        files.push("manifest.json".into());
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for marker in
                ["getMessage(\"", "t(\"", "data-i18n=\"", "__MSG_", "data-i18n-label=\"", "data-i18n-placeholder=\""]
            {
                for (at, _) in text.match_indices(marker) {
                    // `t("…")` is the pages' short name for getMessage; not `set("…")`.
                    let before = text[..at].chars().next_back().unwrap_or(' ');
                    if marker == "t(\"" && (before.is_ascii_alphanumeric() || before == '_' || before == '.') {
                        continue;
                    }
                    let rest = &text[at + marker.len()..];
                    // `__MSG_name__` ends at its double underscore.
                    let rest = if marker == "__MSG_" { rest.split("__").next().unwrap_or("") } else { rest };
                    let id: String =
                        rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '@').collect();
                    if !id.is_empty() && !id.starts_with("@@") {
                        ids.insert(id.to_ascii_lowercase());
                    }
                }
            }
        }
        ids
    }

    #[test]
    fn every_message_has_words_in_every_language_with_exactly_its_values() {
        for (lang, catalogue, json) in catalogues() {
            for (id, params) in DECLARED {
                let text = catalogue.text(id).unwrap_or_else(|| panic!("{lang}: no text for {id}"));
                let used: BTreeSet<String> = placeholders(text).into_iter().collect();
                let declared: BTreeSet<String> = params.iter().map(|p| p.to_string()).collect();
                assert_eq!(used, declared, "{lang}: {id} says {used:?}; the message has {declared:?}");
                // The browser's own i18n API refuses a file whose placeholders are not defined,
                // and fills them by position: `$n` must be the message's n-th value.
                let defined: Vec<(String, String)> = match json.get(id).and_then(|e| e.get("placeholders")) {
                    Some(Json::Object(m)) => {
                        m.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.text("content").unwrap_or_default())).collect()
                    }
                    _ => Vec::new(),
                };
                let names: BTreeSet<String> = defined.iter().map(|(k, _)| k.clone()).collect();
                assert_eq!(used, names, "{lang}: {id}'s placeholders block");
                for (name, content) in &defined {
                    let at = params.iter().position(|p| p == name).unwrap();
                    assert_eq!(
                        content,
                        &format!("${}", at + 1),
                        "{lang}: {id}'s {name} is its value number {}",
                        at + 1
                    );
                }
            }
        }
    }

    #[test]
    fn every_text_in_the_catalogue_is_said_by_someone_and_every_language_has_the_same_ids() {
        let declared: BTreeSet<String> = DECLARED.iter().map(|(id, _)| id.to_string()).collect();
        let used = ids_used_by_the_extension();
        let [(_, en, _), (_, ja, _)] = catalogues();
        let en_ids: BTreeSet<&String> = en.entries.iter().map(|e| &e.id).collect();
        let ja_ids: BTreeSet<&String> = ja.entries.iter().map(|e| &e.id).collect();
        assert_eq!(en_ids, ja_ids, "the same messages in English and Japanese");
        for id in en_ids {
            assert!(declared.contains(id) || used.contains(id), "{id} is in the catalogue but nobody says it");
        }
        for id in &used {
            assert!(en.text(id).is_some(), "the extension asks for {id}, which the catalogue lacks");
        }
    }

    #[test]
    fn values_fill_placeholders_once_and_are_never_read_as_placeholders() {
        let c = Catalogue::parse(
            br#"{"x":{"message":"$A$ and $b$ cost $$5, $nope","placeholders":{"a":{"content":"$1"},"B":{"content":"$2"}}}}"#,
        )
        .unwrap();
        let m = Msg { id: "x".into(), args: vec!["$b$".into(), "B".into()] };
        assert_eq!(c.word(&m), "$b$ and B cost $5, $nope");
        assert_eq!(c.word(&msg::fetch_dns("no such name")), "[fetch_dns] no such name");
    }

    #[test]
    fn a_message_crosses_as_json_and_comes_back_the_same() {
        let m = msg::headline_unverified("@a@b.example", msg::check_post_author_fail("x", "y"));
        assert_eq!(Msg::from_json(&Json::parse(m.to_json().to_string().as_bytes()).unwrap()), Some(m));
        assert_eq!(Msg::from_json(&Json::parse(br#"{"id":"x","args":[1]}"#).unwrap()), None);
    }
}
