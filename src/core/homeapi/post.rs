//! A post as the reader's connected home sees it, and acting on it there (issue 22 §4): Like and
//! Boost, and undoing them, through the home's own API; Reply opens the home's compose for it.
//!
//! Sources. Mastodon (mastodon/documentation): `methods/search.md` (v2 search, `resolve=true`,
//! `type=statuses`), `entities/Status.md` (`favourited`, `reblogged`: "If the current token has an
//! authorized user"), `methods/statuses.md` (`POST /api/v1/statuses/:id/favourite`,
//! `/unfavourite` with `write:favourites`; `/reblog`, `/unreblog` with `write:statuses`; reblog
//! answers the new reblog, whose `reblog` is the post with `reblogged: true`). Its web app has no
//! compose-a-reply address: a reply is written from the post's page (`/@:acct/:statusId`,
//! app/javascript/mastodon/features/ui/index.jsx; config/routes.rb serves it for `/@user@domain/…`
//! too). Misskey (misskey-dev/misskey): `ap/show` answers `{type: "Note", object}` (ap/show.ts,
//! `read:account`), the note with `myReaction` for the token's user (NoteEntityService `pack`);
//! its page is `/notes/:noteId` (packages/frontend/src/router.definition.ts);
//! `notes/reactions/create {noteId, reaction}` and `notes/reactions/delete {noteId}` are
//! `write:reactions`, the reaction a like sends is ReactionService's `FALLBACK`, `❤`;
//! `notes/create {renoteId}` and `notes/unrenote {noteId}` are `write:notes`; a note says nothing
//! of the reader's renotes; the share page composes a reply to `?replyId=<noteId>`
//! (packages/frontend/src/pages/share.vue).

use crate::core::homeapi::{
    api_url, mastodon_call, mastodon_post_search_url, misskey_call, path_safe, ApiError, Connection, HomeApi,
};
use crate::core::net::fetch::{Fetch, Gate, Method};
use crate::core::text::json::Json;
use crate::core::text::weburl::form_encode;

/// What the reader can do to a post from home through the API (a reply is written at home).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Like,
    Boost,
}

impl Act {
    pub const ALL: [Act; 2] = [Act::Like, Act::Boost];

    /// As the panel and its message name it (`like`, `boost`: `follow::Interaction`'s names).
    pub fn as_str(self) -> &'static str {
        match self {
            Act::Like => "like",
            Act::Boost => "boost",
        }
    }

    pub fn parse(name: &str) -> Option<Act> {
        Act::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

/// The reaction Misskey sends for a like (ReactionService's `FALLBACK`).
pub const MISSKEY_LIKE: &str = "❤";

/// A post as the home knows it: its id there, its page, where to reply to it, and whether the
/// reader liked or boosted it (`None`: the home does not say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomePost {
    pub id: String,
    pub page: String,
    pub reply: String,
    pub liked: Option<bool>,
    pub boosted: Option<bool>,
}

impl HomePost {
    /// The answer the panel reads (`render_home_post`): the page as `url`, as before.
    pub fn to_json(&self, home_host: &str) -> Json {
        let flag = |f: Option<bool>| f.map_or(Json::Null, Json::Bool);
        Json::object([
            ("url", Json::String(self.page.clone())),
            ("id", Json::String(self.id.clone())),
            ("reply", Json::String(self.reply.clone())),
            ("liked", flag(self.liked)),
            ("boosted", flag(self.boosted)),
            ("home", Json::String(home_host.to_string())),
        ])
    }
}

/// The answer to an act: the post's new state for that act, as the home says it.
pub fn act_json(home_host: &str, act: Act, result: Result<bool, ApiError>) -> Json {
    let home = ("home", Json::String(home_host.to_string()));
    match result {
        Ok(done) => {
            let key = match act {
                Act::Like => "liked",
                Act::Boost => "boosted",
            };
            Json::object([(key, Json::Bool(done)), home])
        }
        Err(e) => Json::object([
            ("error", Json::String(e.msg(home_host).to_string())),
            ("reconnect", e.needs_reconnect().into()),
            home,
        ]),
    }
}

/// A Mastodon status entity that is `object` (its `uri` or `url`), as a `HomePost`.
fn mastodon_status(status: &Json, home_host: &str) -> Result<HomePost, ApiError> {
    let acct = status.get("account").and_then(|a| a.text("acct")).filter(|a| path_safe(a));
    let (Some(acct), Some(id)) = (acct, status.text("id").filter(|id| path_safe(id))) else {
        return Err(ApiError::Invalid);
    };
    let page = format!("https://{home_host}/@{acct}/{id}");
    let flag = |name: &str| status.get(name).and_then(|v| if let Json::Bool(b) = v { Some(*b) } else { None });
    Ok(HomePost { reply: page.clone(), page, liked: flag("favourited"), boosted: flag("reblogged"), id })
}

/// The search's status for `object`, with the reader's state.
pub fn parse_mastodon_post_state(body: &[u8], home_host: &str, object: &str) -> Result<HomePost, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    let statuses = json.get("statuses").and_then(Json::as_array).ok_or(ApiError::Invalid)?;
    let is_it = |s: &&Json| s.text("uri").as_deref() == Some(object) || s.text("url").as_deref() == Some(object);
    mastodon_status(statuses.iter().find(is_it).ok_or(ApiError::NotFound)?, home_host)
}

/// `ap/show`'s note for `object`, with the reader's reaction.
pub fn parse_misskey_post_state(body: &[u8], home_host: &str, object: &str) -> Result<HomePost, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    let note = json.get("object").filter(|_| json.text("type").as_deref() == Some("Note")).ok_or(ApiError::NotFound)?;
    if note.text("uri").as_deref() != Some(object) && note.text("url").as_deref() != Some(object) {
        return Err(ApiError::NotFound);
    }
    let id = note.text("id").filter(|id| path_safe(id)).ok_or(ApiError::Invalid)?;
    let liked = match note.get("myReaction") {
        Some(Json::String(_)) => Some(true),
        Some(Json::Null) | None => Some(false),
        Some(_) => None,
    };
    Ok(HomePost {
        page: format!("https://{home_host}/notes/{id}"),
        reply: format!("https://{home_host}/share?replyId={id}"),
        liked,
        boosted: None,
        id,
    })
}

/// The post `object` (its ActivityPub id or page) as the connected home resolves it.
pub async fn find_post<F: Fetch>(gate: &Gate<'_, F>, c: &Connection, object: &str) -> Result<HomePost, ApiError> {
    match c.api {
        HomeApi::Mastodon => {
            let url = mastodon_post_search_url(&c.host, object).ok_or(ApiError::Invalid)?;
            parse_mastodon_post_state(&mastodon_call(gate, c, Method::Get, &url).await?.body, &c.host, object)
        }
        HomeApi::Misskey => {
            let body = misskey_call(gate, c, "ap/show", vec![("uri", object.into())]).await?.body;
            parse_misskey_post_state(&body, &c.host, object)
        }
    }
}

/// Likes or boosts the post `id` (the home's), or undoes it; resolves to the new state of that
/// act as the home answered it.
pub async fn act<F: Fetch>(
    gate: &Gate<'_, F>,
    c: &Connection,
    id: &str,
    act: Act,
    undo: bool,
) -> Result<bool, ApiError> {
    if !path_safe(id) {
        return Err(ApiError::Invalid);
    }
    match c.api {
        HomeApi::Mastodon => {
            let verb = match (act, undo) {
                (Act::Like, false) => "favourite",
                (Act::Like, true) => "unfavourite",
                (Act::Boost, false) => "reblog",
                (Act::Boost, true) => "unreblog",
            };
            let url = api_url(&c.host, &format!("/api/v1/statuses/{}/{verb}", form_encode(id)))?;
            let body = mastodon_call(gate, c, Method::Post, &url).await?.body;
            let status = Json::parse(&body).map_err(|_| ApiError::Invalid)?;
            // A reblog answers the new reblog; the post is in its `reblog`.
            let post = status.get("reblog").filter(|r| r.is_object()).unwrap_or(&status);
            let key = if act == Act::Like { "favourited" } else { "reblogged" };
            match post.get(key) {
                Some(Json::Bool(done)) => Ok(*done),
                _ => Err(ApiError::Invalid),
            }
        }
        HomeApi::Misskey => {
            let (endpoint, members): (&str, Vec<(&str, Json)>) = match (act, undo) {
                (Act::Like, false) => {
                    ("notes/reactions/create", vec![("noteId", id.into()), ("reaction", MISSKEY_LIKE.into())])
                }
                (Act::Like, true) => ("notes/reactions/delete", vec![("noteId", id.into())]),
                (Act::Boost, false) => ("notes/create", vec![("renoteId", id.into())]),
                (Act::Boost, true) => ("notes/unrenote", vec![("noteId", id.into())]),
            };
            misskey_call(gate, c, endpoint, members).await?;
            Ok(!undo)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::homeapi::tests::{block_on, home, mastodon, misskey};
    use crate::core::net::egress::Limits;

    const OBJECT: &str = "https://mastodon.social/users/Gargron/statuses/1";

    #[test]
    fn a_mastodon_post_says_whether_the_reader_liked_or_boosted_it_and_likes_it_by_its_home_id() {
        let web = home(|method, url, _| match (method, url) {
            (Method::Get, u) if u.contains("/api/v2/search") => (
                200,
                format!(
                    r#"{{"statuses":[{{"id":"113","uri":"{OBJECT}","favourited":false,"reblogged":true,"account":{{"acct":"Gargron@mastodon.social"}}}}]}}"#
                ),
            ),
            (Method::Post, u) if u.ends_with("/api/v1/statuses/113/favourite") => {
                (200, r#"{"id":"113","favourited":true}"#.into())
            }
            (Method::Post, u) if u.ends_with("/api/v1/statuses/113/reblog") => {
                (200, r#"{"id":"200","reblogged":false,"reblog":{"id":"113","reblogged":true}}"#.into())
            }
            (Method::Post, u) if u.ends_with("/api/v1/statuses/113/unfavourite") => (500, "oops".into()),
            _ => (404, r#"{"error":"Record not found"}"#.into()),
        });
        let gate = Gate::new(&web, Limits::default());
        let post = block_on(find_post(&gate, &mastodon(), OBJECT)).unwrap();
        assert_eq!(post.page, "https://home.example/@Gargron@mastodon.social/113");
        assert_eq!(post.reply, post.page, "Mastodon's web app replies from the post's page");
        assert_eq!((post.liked, post.boosted), (Some(false), Some(true)));
        assert_eq!(block_on(act(&gate, &mastodon(), &post.id, Act::Like, false)), Ok(true));
        assert_eq!(
            block_on(act(&gate, &mastodon(), &post.id, Act::Boost, false)),
            Ok(true),
            "read from the reblog's post"
        );
        assert_eq!(block_on(act(&gate, &mastodon(), &post.id, Act::Like, true)), Err(ApiError::Down(500)));
        assert_eq!(block_on(act(&gate, &mastodon(), "1/../../oauth", Act::Like, false)), Err(ApiError::Invalid));
        assert_eq!(block_on(act(&gate, &mastodon(), "..", Act::Like, false)), Err(ApiError::Invalid), "no climbing");
        let seen = web.seen.borrow();
        assert!(seen.iter().all(|(_, _, _, auth)| auth.as_deref() == Some("Bearer t0k")));
        assert_eq!(seen.len(), 4, "the odd ids asked nothing");
        let answer = act_json("home.example", Act::Like, Err(ApiError::Down(500)));
        assert!(answer.text("error").unwrap().contains("home.example"), "{answer}");
        assert_eq!(act_json("home.example", Act::Boost, Ok(true)).get("boosted"), Some(&Json::Bool(true)));
    }

    #[test]
    fn a_misskey_note_says_the_readers_reaction_and_likes_with_misskeys_own_heart() {
        let web = home(|_, url, _| match url {
            u if u.ends_with("/api/ap/show") => {
                (200, format!(r#"{{"type":"Note","object":{{"id":"9zq1x","uri":"{OBJECT}","myReaction":null}}}}"#))
            }
            u if u.ends_with("/api/notes/create") => (200, r#"{"createdNote":{"id":"9zz"}}"#.into()),
            _ => (204, String::new()),
        });
        let gate = Gate::new(&web, Limits::default());
        let post = block_on(find_post(&gate, &misskey(), OBJECT)).unwrap();
        assert_eq!(post.page, "https://misskey-home.example/notes/9zq1x");
        assert_eq!(post.reply, "https://misskey-home.example/share?replyId=9zq1x");
        assert_eq!((post.liked, post.boosted), (Some(false), None), "a note says nothing of the reader's renotes");
        assert_eq!(block_on(act(&gate, &misskey(), &post.id, Act::Like, false)), Ok(true));
        assert_eq!(block_on(act(&gate, &misskey(), &post.id, Act::Boost, false)), Ok(true));
        assert_eq!(block_on(act(&gate, &misskey(), &post.id, Act::Like, true)), Ok(false));
        let seen = web.seen.borrow();
        assert!(seen[1].1.ends_with("/api/notes/reactions/create"));
        assert!(seen[1].2.contains(r#""reaction":"❤""#) && seen[1].2.contains(r#""noteId":"9zq1x""#), "{}", seen[1].2);
        assert!(seen[2].1.ends_with("/api/notes/create") && seen[2].2.contains(r#""renoteId":"9zq1x""#));
        assert!(seen[3].1.ends_with("/api/notes/reactions/delete"));
        let reacted = format!(r#"{{"type":"Note","object":{{"id":"9zq1x","uri":"{OBJECT}","myReaction":"👍"}}}}"#);
        assert_eq!(parse_misskey_post_state(reacted.as_bytes(), "m.example", OBJECT).unwrap().liked, Some(true));
    }
}
