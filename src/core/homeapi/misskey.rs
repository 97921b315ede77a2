//! Misskey's API, which Misskey and its forks (Sharkey, Firefish, Iceshrimp…) speak: MiAuth to
//! connect, then JSON POSTs to `/api/<endpoint>` with the token in the body.
//!
//! Sources (also in `tests/fixtures/SOURCES.md` §9): Misskey's MiAuth page (misskey-hub
//! `docs/for-developers/api/token/miauth`); its endpoints in
//! `packages/backend/src/server/api/endpoints/` (`users/relation.ts`, `users/show.ts`,
//! `following/create.ts`, `following/delete.ts`, `following/requests/cancel.ts`, `i.ts`,
//! `ap/show.ts`, `notes/reactions/create.ts`, `notes/create.ts`, `notes/unrenote.ts`), and
//! `ApiCallService.ts` for error bodies. `ap/show` answers `{type: "Note", object}`
//! (`read:account`), the note with `myReaction` for the token's user (NoteEntityService `pack`);
//! its page is `/notes/:noteId` (packages/frontend/src/router.definition.ts); the reaction a like
//! sends is ReactionService's `FALLBACK`, `❤`; a note says nothing of the reader's renotes; the
//! share page composes a reply to `?replyId=<noteId>` (packages/frontend/src/pages/share.vue).

use crate::core::homeapi::api::{
    api_url, api_url_with, entry_for, flag, path_safe, redirect_params, Call, Revocation, Server, CLIENT_NAME,
};
use crate::core::homeapi::error::ApiError;
use crate::core::homeapi::model::{Act, App, Connected, Following, HomeAccount, HomePost, Pending, Relationship};
use crate::core::protocol::handle::Handle;
use crate::core::text::json::Json;
use crate::core::text::weburl::{form_encode, Url};

pub struct Misskey;

impl Server for Misskey {
    fn find_account(&self, host: &str, target: &Handle) -> Result<Call, ApiError> {
        Ok(Call::Misskey { endpoint: "users/show", params: misskey_user_show(host, target) })
    }

    fn read_account(&self, body: &[u8], host: &str, target: &Handle) -> Result<HomeAccount, ApiError> {
        parse_misskey_user(body, host, target)
    }

    fn relationship(&self, _host: &str, id: &str) -> Result<Call, ApiError> {
        Ok(Call::Misskey { endpoint: "users/relation", params: Json::object([("userId", id.into())]) })
    }

    fn read_relationship(&self, body: &[u8], id: &str) -> Result<Relationship, ApiError> {
        parse_misskey_relation(body, id)
    }

    fn set_following(&self, _host: &str, id: &str, follow: bool, now: Following) -> Result<Call, ApiError> {
        let endpoint = match (follow, now) {
            (true, _) => "following/create",
            (false, Following::Requested) => "following/requests/cancel",
            (false, _) => "following/delete",
        };
        Ok(Call::Misskey { endpoint, params: Json::object([("userId", id.into())]) })
    }

    fn whoami(&self, _host: &str) -> Result<Call, ApiError> {
        Ok(Call::Misskey { endpoint: "i", params: Json::Object(Vec::new()) })
    }

    fn find_post(&self, _host: &str, object: &str) -> Result<Call, ApiError> {
        Ok(Call::Misskey { endpoint: "ap/show", params: Json::object([("uri", object.into())]) })
    }

    fn read_post(&self, body: &[u8], host: &str, object: &str) -> Result<HomePost, ApiError> {
        parse_misskey_post_state(body, host, object)
    }

    fn act(&self, _host: &str, id: &str, act: Act, undo: bool) -> Result<Call, ApiError> {
        let (endpoint, params) = match (act, undo) {
            (Act::Like, false) => {
                ("notes/reactions/create", Json::object([("noteId", id.into()), ("reaction", MISSKEY_LIKE.into())]))
            }
            (Act::Like, true) => ("notes/reactions/delete", Json::object([("noteId", id.into())])),
            (Act::Boost, false) => ("notes/create", Json::object([("renoteId", id.into())])),
            (Act::Boost, true) => ("notes/unrenote", Json::object([("noteId", id.into())])),
        };
        Ok(Call::Misskey { endpoint, params })
    }

    /// These endpoints answer no state: done is what was asked.
    fn read_act(&self, _body: &[u8], _act: Act, undo: bool) -> Result<bool, ApiError> {
        Ok(!undo)
    }

    /// MiAuth has no apps.
    fn registration(&self, _host: &str, _redirect_uri: &str) -> Option<Call> {
        None
    }

    fn approval_url(
        &self,
        host: &str,
        _app: Option<&App>,
        redirect_uri: &str,
        state: &str,
        _challenge: &str,
    ) -> Option<Url> {
        miauth_url(host, state, redirect_uri)
    }

    fn token(&self, pending: &Pending, landed: &str) -> Result<Call, ApiError> {
        session_from_redirect(landed, &pending.redirect_uri, &pending.state)?;
        miauth_check(&pending.host, &pending.state)
    }

    fn read_token(&self, body: &[u8]) -> Result<String, ApiError> {
        parse_miauth_check(body)
    }

    /// Nothing Fedilens may ask revokes a MiAuth token (Misskey's `i/revoke-token` is for its own
    /// web client only): the reader removes Fedilens in the home's settings, at this page
    /// (Misskey's `/settings/apps`, "Installed apps": packages/frontend/src/router.definition.ts,
    /// pages/settings/apps.vue).
    fn revocation(&self, connected: &Connected) -> Result<Revocation, ApiError> {
        Ok(Revocation::There(format!("https://{}/settings/apps", connected.connection.host)))
    }
}

/// Misskey's permissions for the same: `users/relation` and `i` are `read:account`,
/// `following/create` and `following/delete` are `write:following`, `notes/reactions/create` and
/// `/delete` `write:reactions`, `notes/create` (a renote) and `notes/unrenote` `write:notes` (each
/// endpoint's `meta.kind`).
pub const MISSKEY_PERMISSIONS: &str = "read:account,write:following,write:reactions,write:notes";

/// MiAuth: the page where the reader grants Fedilens its permissions (`/miauth/{session}`,
/// a fresh random session each time), and where it sends them back.
pub fn miauth_url(host: &str, session: &str, callback: &str) -> Option<Url> {
    let session = form_encode(session);
    api_url_with(
        host,
        &format!("/miauth/{session}"),
        &[("name", CLIENT_NAME), ("callback", callback), ("permission", MISSKEY_PERMISSIONS)],
    )
    .ok()
}

/// MiAuth's check of `session` on `host`, as a call.
pub fn miauth_check(host: &str, session: &str) -> Result<Call, ApiError> {
    let url = api_url(host, &format!("/api/miauth/{}/check", form_encode(session)))?;
    Ok(Call::MiAuthCheck { url, session: session.to_string() })
}

/// `POST /api/miauth/{session}/check`: `{ok: true, token, user}` once, `{ok: false}` after.
pub fn parse_miauth_check(body: &[u8]) -> Result<String, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    if !flag(&json, "ok") {
        return Err(ApiError::Denied);
    }
    json.text("token").filter(|t| !t.is_empty()).ok_or(ApiError::Invalid)
}

/// MiAuth sends the browser back to our callback with `?session=` (miauth.vue): only our own
/// redirect URI with our own session counts (the check itself then proves the approval).
pub fn session_from_redirect(landed: &str, redirect_uri: &str, session: &str) -> Result<(), ApiError> {
    let param = redirect_params(landed, redirect_uri)?;
    if session.is_empty() || param("session").as_deref() != Some(session) {
        return Err(ApiError::Invalid);
    }
    Ok(())
}

/// `POST /api/users/relation {userId}` answers one object for one id (an array for several).
pub fn parse_misskey_relation(body: &[u8], user_id: &str) -> Result<Relationship, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    let entry = entry_for(&json, user_id).ok_or(ApiError::Invalid)?;
    let flag = |name: &str| flag(entry, name);
    let following = match (flag("isFollowing"), flag("hasPendingFollowRequestFromYou")) {
        (true, _) => Following::Yes,
        (false, true) => Following::Requested,
        (false, false) => Following::No,
    };
    Ok(Relationship {
        following,
        followed_by: flag("isFollowed"),
        blocking: flag("isBlocking"),
        blocked_by: flag("isBlocked"),
        muting: flag("isMuted"),
        // Misskey's relation has no domain block: its instance mutes are not per-account.
        domain_blocking: false,
    })
}

/// `POST /api/users/show {username, host}` (`host: null` for the home's own users).
pub fn misskey_user_show(home_host: &str, target: &Handle) -> Json {
    let host = if target.host().eq_ignore_ascii_case(home_host) { Json::Null } else { target.host().into() };
    Json::object([("username", target.user().into()), ("host", host)])
}

/// The user, checked against the target (`username`, `host`). Misskey's UserDetailed
/// (`name`, `notesCount`, `followersCount`, `followingCount`: null where the user hides them).
pub fn parse_misskey_user(body: &[u8], home_host: &str, target: &Handle) -> Result<HomeAccount, ApiError> {
    let json = Json::parse(body).map_err(|_| ApiError::Invalid)?;
    let username = json.text("username").ok_or(ApiError::Invalid)?;
    let host = json.text("host").unwrap_or_else(|| home_host.to_string());
    if !username.eq_ignore_ascii_case(target.user()) || !host.eq_ignore_ascii_case(target.host()) {
        return Err(ApiError::Invalid);
    }
    let id = json.text("id").ok_or(ApiError::Invalid)?;
    Ok(HomeAccount::read(&json, id, ["name", "notesCount", "followersCount", "followingCount"]))
}

/// The reaction Misskey sends for a like (ReactionService's `FALLBACK`).
pub const MISSKEY_LIKE: &str = "❤";

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
