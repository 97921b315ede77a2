//! A message as data: its id and its values (hosts, handles, HTTP codes, URLs, other messages),
//! worded only where a person reads it.

use crate::core::text::json::Json;
use std::borrow::Cow;

/// One sentence (or label) as data: its values in the order of its parameters, as the
/// WebExtension format numbers them (`"placeholders": {"host": {"content": "$1"}}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: Cow<'static, str>,
    pub args: Vec<Arg>,
}

impl Msg {
    /// Generic only in the number of values, so that each constructor stays small in the wasm.
    #[inline(never)]
    pub(super) fn of<const N: usize>(id: &'static str, args: [Arg; N]) -> Msg {
        Msg { id: Cow::Borrowed(id), args: Vec::from(args) }
    }
}

/// A message's value: text as it is (never translated: a host, a handle, a server's words), or
/// another message (a reason inside a headline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Plain(String),
    Msg(Box<Msg>),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Plain(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Plain(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Plain(s.to_string())
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}
impl From<&Msg> for Arg {
    fn from(m: &Msg) -> Arg {
        Arg::Msg(Box::new(m.clone()))
    }
}
macro_rules! plain_from_display {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Plain(v.to_string())
            }
        }
    )*};
}
plain_from_display!(u16, u32, u64, usize);

/// The panel's view crosses to the panel as JSON: a message as `{"id", "args": [values]}`.
impl Msg {
    pub fn to_json(&self) -> Json {
        let args = self
            .args
            .iter()
            .map(|arg| match arg {
                Arg::Plain(s) => Json::String(s.clone()),
                Arg::Msg(m) => m.to_json(),
            })
            .collect();
        Json::object([("id", Json::String(self.id.to_string())), ("args", Json::Array(args))])
    }

    pub fn from_json(json: &Json) -> Option<Msg> {
        Self::from_json_within(json, 0)
    }

    fn from_json_within(json: &Json, depth: usize) -> Option<Msg> {
        let id = json.text("id")?;
        let values = json.get("args")?.as_array()?;
        let mut args = Vec::with_capacity(values.len());
        for value in values {
            args.push(match value {
                Json::String(s) => Arg::Plain(s.clone()),
                nested if depth < 4 => Arg::Msg(Box::new(Self::from_json_within(nested, depth + 1)?)),
                _ => return None,
            });
        }
        Some(Msg { id: Cow::Owned(id), args })
    }
}
