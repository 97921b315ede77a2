//! JSON (RFC 8259) for untrusted documents: a small reader and writer of our own.
//!
//! Why not serde_json: it was the largest part of the extension's wasm (with its number
//! formatting and parsing). Fedilens only walks documents by key, shows them back as text and
//! never does arithmetic on their numbers, so numbers stay the text they were written as, objects
//! keep their members in document order, and no float code is needed at all.

use std::fmt::{self, Write};

mod read;

/// How deep arrays and objects may nest (serde_json's default too): deeper is an error, never a
/// stack overflow.
pub const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    /// The number as written (validated against the JSON grammar).
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in document order; a repeated key keeps all its members, and `get` reads the last
    /// (as JSON.parse does).
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub message: &'static str,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for JsonError {}

impl Json {
    /// An object's member (the last one of that name).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A member by JSON Pointer (RFC 6901) over object keys, e.g. `/usage/users/total`.
    pub fn pointer(&self, pointer: &str) -> Option<&Json> {
        pointer.split('/').skip(1).try_fold(self, |value, key| value.get(key))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A non-negative integer written without fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// An object's values (nothing for other values).
    pub fn values(&self) -> impl Iterator<Item = &Json> {
        let members = match self {
            Json::Object(members) => members.as_slice(),
            _ => &[],
        };
        members.iter().map(|(_, v)| v)
    }

    /// Indented text (two spaces), for people, within a budget: indentation costs a deeply
    /// nested document its depth in spaces on every line (1 MiB of 120-deep arrays came out 125
    /// times larger), so past twice the compact size (at least 64 KiB) it stays compact.
    pub fn pretty(&self) -> String {
        let compact = self.to_string();
        let budget = (2 * compact.len()).max(64 * 1024);
        let mut out = String::new();
        if self.write(&mut out, Some(0), budget) {
            out
        } else {
            compact
        }
    }

    /// Writes the value, indented when `indent` is given; false (and stops) once `out` passes
    /// `budget` bytes.
    fn write(&self, out: &mut String, indent: Option<usize>, budget: usize) -> bool {
        let newline = |out: &mut String, depth: usize| {
            if indent.is_some() {
                out.push('\n');
                for _ in 0..depth {
                    out.push_str("  ");
                }
            }
        };
        let depth = indent.unwrap_or(0);
        let inner = indent.map(|d| d + 1);
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(out, s),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    if !item.write(out, inner, budget) {
                        return false;
                    }
                }
                newline(out, depth);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    write_string(out, key);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    if !value.write(out, inner, budget) {
                        return false;
                    }
                }
                newline(out, depth);
                out.push('}');
            }
        }
        out.len() <= budget
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Json {
        Json::String(text.to_string())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Json {
        value.map_or(Json::Null, Into::into)
    }
}

impl Json {
    pub fn object<const N: usize>(members: [(&str, Json); N]) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    /// A member as text (absent, or not a string: `None`).
    pub fn text(&self, key: &str) -> Option<String> {
        self.get(key).and_then(Json::as_str).map(str::to_string)
    }

    /// A member's array (absent, or not an array: empty).
    pub fn items(&self, key: &str) -> &[Json] {
        self.get(key).and_then(Json::as_array).unwrap_or_default()
    }

    /// A member's strings (other items skipped).
    pub fn texts(&self, key: &str) -> Vec<String> {
        self.items(key).iter().filter_map(Json::as_str).map(str::to_string).collect()
    }
}

/// Compact text.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out, None, usize::MAX);
        f.write_str(&out)
    }
}

/// The CLI's `--json` output shows documents as the JSON they are (numbers converted only
/// there; the extension never serializes documents this way, so no number code reaches the wasm).
impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => match (n.parse::<u64>(), n.parse::<i64>()) {
                (Ok(u), _) => serializer.serialize_u64(u),
                (_, Ok(i)) => serializer.serialize_i64(i),
                _ => serializer.serialize_f64(n.parse().unwrap_or(f64::NAN)),
            },
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Json, JsonError> {
        Json::parse(text.as_bytes())
    }

    #[test]
    fn reads_every_kind_of_value_in_order() {
        let v = parse(r#" {"b":[1,-2.5e3,true,false,null],"a":{"x":"y"},"b2":"\u00e9\ud83d\ude00\n"} "#).unwrap();
        assert_eq!(v.get("b").unwrap().as_array().unwrap().len(), 5);
        assert_eq!(v.pointer("/a/x").and_then(Json::as_str), Some("y"));
        assert_eq!(v.get("b2").and_then(Json::as_str), Some("é😀\n"));
        // Document order and numbers as written survive a round trip.
        assert_eq!(v.to_string(), r#"{"b":[1,-2.5e3,true,false,null],"a":{"x":"y"},"b2":"é😀\n"}"#);
        assert_eq!(parse(&v.to_string()).unwrap(), v);
    }

    #[test]
    fn the_last_of_repeated_members_wins() {
        assert_eq!(parse(r#"{"id":"a","id":"b"}"#).unwrap().get("id").and_then(Json::as_str), Some("b"));
    }

    #[test]
    fn numbers_are_kept_as_written_and_read_as_integers_only_when_they_are() {
        assert_eq!(parse("42").unwrap().as_u64(), Some(42));
        assert_eq!(parse("4.2").unwrap().as_u64(), None);
        assert_eq!(parse("-1").unwrap().as_u64(), None);
        assert_eq!(parse("1e400").unwrap(), Json::Number("1e400".into()));
    }

    #[test]
    fn rejects_what_is_not_json_with_where() {
        for (text, message) in [
            ("", "EOF while parsing a value"),
            ("{", "expected a member name"),
            (r#"{"a" 1}"#, "expected `:`"),
            ("[1 2]", "expected `,` or `]`"),
            (r#"{"a":1,}"#, "expected a member name"),
            ("01", "trailing characters"),
            ("1.", "invalid number"),
            ("-", "invalid number"),
            ("tru", "expected value"),
            ("\"a\tb\"", "control character in a string"),
            (r#""\x""#, "invalid escape"),
            (r#""\u12"#, "EOF while parsing a string"),
            ("<html>", "expected value"),
            ("{}\n{}", "trailing characters"),
        ] {
            assert_eq!(parse(text).map_err(|e| e.message), Err(message), "{text:?}");
        }
        let e = parse("{\n  \"a\": ?}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8));
        assert!(Json::parse(b"\"\xff\"").is_err(), "invalid UTF-8");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        assert!(parse(&"[".repeat(100_000)).is_err());
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(parse(r#""\ud800x""#).unwrap().as_str(), Some("\u{fffd}x"));
        assert_eq!(parse(r#""\ud800\u0041""#).unwrap().as_str(), Some("\u{fffd}A"));
    }

    #[test]
    fn writes_escapes_and_pretty_text() {
        let v = Json::Array(vec![Json::String("q\"\\\u{1}<".into()), Json::Object(vec![]), Json::Array(vec![])]);
        assert_eq!(v.to_string(), r#"["q\"\\\u0001<",{},[]]"#);
        let v = parse(r#"{"a":[1,{"b":null}]}"#).unwrap();
        assert_eq!(v.pretty(), "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ]\n}");
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(Json::parse(b"\xEF\xBB\xBF{}").unwrap(), Json::Object(vec![]));
    }
}
