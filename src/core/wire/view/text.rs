//! The view crosses from the background (where the lookup runs) to the panel as JSON text: this
//! is its one shape, written and read here (a round-trip test keeps the two sides together).

use crate::core::report::Status;
use crate::core::text::json::Json;
use crate::core::wire::view::{Action, PanelView};
use crate::core::words::Msg;

impl PanelView {
    pub fn to_json(&self) -> Json {
        let texts = |items: &[Msg]| Json::Array(items.iter().map(Msg::to_json).collect());
        let pair = |flag: bool, text: &Msg| Json::Array(vec![flag.into(), text.to_json()]);
        let action = match &self.action {
            Action::Open { label, url } => Json::object([("open", label.to_json()), ("url", url.as_str().into())]),
            Action::SetHome { label } => Json::object([("set_home", label.to_json())]),
            Action::Search { label, query } => {
                Json::object([("search", label.to_json()), ("query", query.as_str().into())])
            }
            Action::None => Json::Null,
        };
        Json::object([
            ("title", self.title.as_str().into()),
            (
                "title_emojis",
                Json::Array(
                    self.title_emojis
                        .iter()
                        .map(|(code, url)| Json::Array(vec![code.as_str().into(), url.as_str().into()]))
                        .collect(),
                ),
            ),
            ("handle", self.handle.as_deref().into()),
            ("follows", self.follows.as_deref().into()),
            (
                "interactions",
                Json::Array(
                    self.interactions
                        .iter()
                        .map(|(label, url)| Json::Array(vec![label.to_json(), url.as_str().into()]))
                        .collect(),
                ),
            ),
            (
                "bluesky",
                self.bluesky
                    .as_ref()
                    .map_or(Json::Null, |(h, url)| Json::Array(vec![h.as_str().into(), url.as_str().into()])),
            ),
            ("software", self.software.as_deref().into()),
            ("avatar", self.avatar.as_deref().into()),
            ("status_label", self.status_label.to_json()),
            ("status", self.status.as_str().into()),
            ("headline", self.headline.to_json()),
            ("evidence", Json::Array(self.evidence.iter().map(|(ok, t)| pair(*ok, t)).collect())),
            ("facts", texts(&self.facts)),
            ("notes", texts(&self.notes)),
            ("home_warning", self.home_warning.as_ref().map_or(Json::Null, Msg::to_json)),
            ("action", action),
            (
                "documents",
                Json::Array(
                    self.documents.iter().map(|(l, d)| Json::Array(vec![l.to_json(), d.as_str().into()])).collect(),
                ),
            ),
            ("bio", self.bio.as_deref().into()),
            ("claim", self.claim.as_ref().map_or(Json::Null, |(ok, t)| pair(*ok, t))),
            ("post_text", self.post_text.as_deref().into()),
            ("published", self.published.as_deref().into()),
            ("object", self.object.as_deref().into()),
            ("followable", self.followable.into()),
        ])
    }

    /// `None` when the text is not a view (the panel then says so).
    pub fn from_json(view: &Json) -> Option<PanelView> {
        let flagged = |item: &Json| match item.as_array()? {
            [Json::Bool(flag), text] => Some((*flag, Msg::from_json(text)?)),
            _ => None,
        };
        let document = |item: &Json| match item.as_array()? {
            [label, Json::String(text)] => Some((Msg::from_json(label)?, text.clone())),
            _ => None,
        };
        let message = |name: &str| view.get(name).and_then(Msg::from_json);
        let messages = |name: &str| view.items(name).iter().filter_map(Msg::from_json).collect();
        let action = match view.get("action")? {
            a if a.get("url").is_some() => Action::Open { label: Msg::from_json(a.get("open")?)?, url: a.text("url")? },
            a if a.get("set_home").is_some() => Action::SetHome { label: Msg::from_json(a.get("set_home")?)? },
            a if a.get("search").is_some() => {
                Action::Search { label: Msg::from_json(a.get("search")?)?, query: a.text("query")? }
            }
            _ => Action::None,
        };
        let emoji = |item: &Json| match item.as_array()? {
            [Json::String(code), Json::String(url)] => Some((code.clone(), url.clone())),
            _ => None,
        };
        Some(PanelView {
            title: view.text("title")?,
            title_emojis: view.items("title_emojis").iter().filter_map(emoji).collect(),
            handle: view.text("handle"),
            follows: view.text("follows"),
            interactions: view
                .items("interactions")
                .iter()
                .filter_map(|item| match item.as_array()? {
                    [label, Json::String(url)] => Some((Msg::from_json(label)?, url.clone())),
                    _ => None,
                })
                .collect(),
            bluesky: match view.get("bluesky").and_then(Json::as_array) {
                Some([Json::String(h), Json::String(url)]) => Some((h.clone(), url.clone())),
                _ => None,
            },
            software: view.text("software"),
            avatar: view.text("avatar"),
            status_label: message("status_label")?,
            status: Status::parse(view.get("status")?.as_str()?)?,
            headline: message("headline")?,
            evidence: view.items("evidence").iter().filter_map(flagged).collect(),
            facts: messages("facts"),
            notes: messages("notes"),
            home_warning: message("home_warning"),
            action,
            documents: view.items("documents").iter().filter_map(document).collect(),
            bio: view.text("bio"),
            claim: view.get("claim").and_then(flagged),
            post_text: view.text("post_text"),
            object: view.text("object"),
            followable: view.get("followable") == Some(&Json::Bool(true)),
            published: view.text("published"),
        })
    }
}
