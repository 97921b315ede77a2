// The slice of Misskey's API a home instance needs for issue 14, written from Misskey's source and
// documentation, and driven in the integration tests by misskey-js (the ecosystem's client).
//
// Sources (misskey-dev/misskey unless said): MiAuth — misskey-hub `docs/for-developers/api/token/
// miauth` (the `/miauth/{session}` page with name, callback, permission; the callback gets
// `?session=`), packages/frontend/src/pages/miauth.vue (Accept, then a script navigation to the
// callback), packages/backend/src/server/api/ApiServerService.ts (`/api/miauth/{session}/check`
// answers `{ok: true, token, user}` once, then `{ok: false}`); ApiCallService.ts (the token as
// `i` in the JSON body or a Bearer header; errors `{error: {message, code, id, kind}}`;
// PERMISSION_DENIED 403 with id 1370e5b7-…; a bad token 401 AUTHENTICATION_FAILED); endpoints
// users/show.ts (no credential needed; remote users resolved), ap/show.ts (`read:account`; a
// post's URI answers `{type: "Note", object}`; NO_SUCH_OBJECT dc94d745-…), users/relation.ts (`read:account`),
// following/create.ts (`write:following`; NO_SUCH_USER fcd2eef9-…, ALREADY_FOLLOWING 35387507-…;
// answers the followee), following/delete.ts (NOT_FOLLOWING 5dbf82f5-…),
// following/requests/cancel.ts; core/UserFollowingService.ts (a local user's follow of a remote
// user is always a request until the Accept). A post's Like and Renote (issue 22 §4):
// notes/reactions/create.ts and /delete.ts (`write:reactions`; 204), core/ReactionService.ts (a
// Like with the reaction as `content`, the default reaction `❤`), notes/create.ts with `renoteId`
// and notes/unrenote.ts (`write:notes`), NoteEntityService (`myReaction` for the token's user).
// The errors' ids are left out here (the client reads the code).
import crypto from "node:crypto";
import { Announce, Follow, Like, Note, Undo } from "@fedify/vocab";
import { lookupFollowingAlternate } from "./mastodon-api.mjs";

const KIND = {
  "ap/show": "read:account", i: "read:account", "users/relation": "read:account", "following/create": "write:following", "following/delete": "write:following", "following/requests/cancel": "write:following",
  "notes/reactions/create": "write:reactions", "notes/reactions/delete": "write:reactions", "notes/create": "write:notes", "notes/unrenote": "write:notes",
};
const ERR = {
  credential: { status: 401, message: "Credential required.", code: "CREDENTIAL_REQUIRED", id: "1384574d-a912-4b81-8601-c7b1c4085df1", kind: "client" },
  authentication: { status: 401, message: "Authentication failed. Please ensure your token is correct.", code: "AUTHENTICATION_FAILED", id: "b0a7f5f8-dc2f-4171-b91f-de88ad238e14", kind: "client" },
  permission: { status: 403, message: "Your app does not have the necessary permissions to use this endpoint.", code: "PERMISSION_DENIED", id: "1370e5b7-d4eb-4566-bb1d-7748ee6a1838", kind: "permission" },
  noSuchUser: { status: 400, message: "No such user.", code: "NO_SUCH_USER", id: "fcd2eef9-a9b2-4c4f-8624-038099e90aa5", kind: "client" },
  alreadyFollowing: { status: 400, message: "You are already following that user.", code: "ALREADY_FOLLOWING", id: "35387507-38c7-4cb9-9197-300b93783fa0", kind: "client" },
  notFollowing: { status: 400, message: "You are not following that user.", code: "NOT_FOLLOWING", id: "5dbf82f5-c92b-40b1-87d1-6c8c0741fd09", kind: "client" },
};
const fail = ({ status, ...error }) => Response.json({ error }, { status });

/**
 * @param {{ origin: string, me: { id: string, username: string, name: string }, federation: any, log: any[] }} home
 */
export function misskeyApi({ origin, me, federation, log }) {
  const host = new URL(origin).host;
  const sessions = new Map(); // session → { permission, callback, token?, fetched }
  const tokens = new Map(); // token → { permission }
  const users = new Map(); // id → { id, uri, username, host, locked, name, actor }
  const byUri = new Map();
  const follows = new Map(); // user id → { followId, follow, state: "requested" | "following" }

  function remember(actor) {
    const uri = actor.id.href;
    if (byUri.has(uri)) return byUri.get(uri);
    const u = {
      id: `9${crypto.randomBytes(5).toString("hex")}`,
      uri,
      username: actor.preferredUsername?.toString() ?? "",
      host: actor.id.host.replace(/^www\./, ""),
      locked: actor.manuallyApprovesFollowers === true,
      name: actor.name?.toString() ?? null,
      actor,
    };
    users.set(u.id, u);
    byUri.set(uri, u);
    return u;
  }

  const userLite = (u) => ({ id: u.id, name: u.name, username: u.username, host: u.host === host ? null : u.host, avatarUrl: null, avatarBlurhash: null, avatarDecorations: [], isBot: false, isCat: false, emojis: {}, onlineStatus: "unknown", badgeRoles: [] });
  const relation = (id) => ({
    id,
    isFollowing: follows.get(id)?.state === "following",
    hasPendingFollowRequestFromYou: follows.get(id)?.state === "requested",
    hasPendingFollowRequestToYou: false,
    isFollowed: false,
    isBlocking: false,
    isBlocked: false,
    isMuted: false,
    isRenoteMuted: false,
  });

  async function resolve(username, userHost) {
    const ctx = federation.createContext(new URL(origin), undefined);
    const documentLoader = await ctx.getDocumentLoader({ identifier: me.id });
    const actor = await ctx.lookupObject(`acct:${username}@${userHost}`, { documentLoader }).catch(() => null);
    return actor?.inboxId ? remember(actor) : null;
  }

  const notes = new Map(); // uri → note entity
  /** A post by its URI, fetched with the home's signature, kept with an id of the home's own. */
  async function resolveNote(uri) {
    if (!URL.canParse(uri)) return null;
    if (notes.has(uri)) return notes.get(uri);
    const ctx = federation.createContext(new URL(origin), undefined);
    const documentLoader = await ctx.getDocumentLoader({ identifier: me.id });
    const note = await lookupFollowingAlternate(ctx, uri, documentLoader);
    if (!(note instanceof Note) || !note.id) return null;
    const author = await note.getAttribution({ documentLoader }).catch(() => null);
    if (!author?.inboxId) return null;
    const url = note.url instanceof URL ? note.url.href : (note.url?.href?.href ?? null);
    const entity = { id: `9n${notes.size.toString(36).padStart(8, "0")}`, uri: note.id.href, url, text: note.content?.toString() ?? "", user: userLite(remember(author)) };
    notes.set(uri, entity);
    return entity;
  }

  async function send(activity, user) {
    const ctx = federation.createContext(new URL(origin), undefined);
    await ctx.sendActivity({ identifier: me.id }, user.actor, activity, { immediate: true });
  }

  const reactions = new Map(); // note id → { reaction, like }
  const renotes = new Map(); // note id → { announce, id }
  const noSuchNote = fail.bind(null, { status: 400, message: "No such note.", code: "NO_SUCH_NOTE", kind: "client" });
  async function noteAct(endpoint, body) {
    const noteId = String(body.noteId ?? body.renoteId ?? "");
    const note = [...notes.values()].find((n) => n.id === noteId);
    if (!note) return noSuchNote();
    const author = users.get(note.user.id);
    const ctx = federation.createContext(new URL(origin), undefined);
    const actor = ctx.getActorUri(me.id);
    if (endpoint === "notes/reactions/create") {
      if (reactions.has(noteId)) return fail({ status: 400, message: "You are already reacting to that note.", code: "ALREADY_REACTED", kind: "client" });
      const reaction = typeof body.reaction === "string" && body.reaction ? body.reaction : "❤";
      const like = new Like({ id: new URL(`${origin}/likes/${crypto.randomUUID()}`), actor, object: new URL(note.uri), content: reaction });
      await send(like, author);
      reactions.set(noteId, { reaction, like });
      log.push({ host, type: "LikeSent", object: note.uri, via: "api" });
      return new Response(null, { status: 204 });
    }
    if (endpoint === "notes/reactions/delete") {
      const done = reactions.get(noteId);
      if (!done) return fail({ status: 400, message: "You are not reacting to that note.", code: "NOT_REACTED", kind: "client" });
      reactions.delete(noteId);
      await send(new Undo({ id: new URL(`${done.like.id.href}/undo`), actor, object: done.like }), author);
      return new Response(null, { status: 204 });
    }
    if (endpoint === "notes/create") {
      const id = `9r${crypto.randomBytes(5).toString("hex")}`; // each renote a note of its own
      const announce = new Announce({ id: new URL(`${origin}/notes/${id}/activity`), actor, object: new URL(note.uri), to: new URL("https://www.w3.org/ns/activitystreams#Public") });
      await send(announce, author);
      renotes.set(noteId, { announce, id });
      log.push({ host, type: "AnnounceSent", object: note.uri, via: "api" });
      return Response.json({ createdNote: { id, renoteId: noteId, text: null, user: userLite({ id: "1", username: me.username, host, name: me.name }) } });
    }
    const done = renotes.get(noteId); // notes/unrenote
    if (done) {
      renotes.delete(noteId);
      await send(new Undo({ id: new URL(`${done.announce.id.href}/undo`), actor, object: done.announce }), author);
    }
    return new Response(null, { status: 204 });
  }

  function miauthPage(session, params) {
    const permission = (params.get("permission") ?? "").split(",").filter(Boolean);
    sessions.set(session, { permission, callback: params.get("callback"), name: params.get("name"), fetched: false });
    return new Response(
      `<!doctype html><title>${(params.get("name") ?? "").replace(/[<>&]/g, "")} wants access</title><h1>Allow access?</h1><ul>${permission.map((p) => `<li>${p.replace(/[<>&]/g, "")}</li>`).join("")}</ul><form method="post"><button type="submit" name="accept" value="1">Accept</button></form>`,
      { headers: { "content-type": "text/html; charset=utf-8" } },
    );
  }

  return {
    /** An Accept for one of our Follows arrived (the inbox calls this). */
    accepted(followId) {
      for (const f of follows.values()) if (f.followId === followId) f.state = "following";
    },

    async handle(request) {
      const url = new URL(request.url);
      // Misskey's route takes any session text (`/miauth/:session`); its docs ask for a UUID.
      const miauth = url.pathname.match(/^\/miauth\/([^/]{1,128})$/);
      if (miauth && request.method === "GET") return miauthPage(miauth[1], url.searchParams);
      if (miauth && request.method === "POST") {
        const session = sessions.get(miauth[1]);
        const form = new URLSearchParams(await request.text());
        if (!session || form.get("accept") !== "1") return new Response("Denied", { status: 403 });
        session.token = crypto.randomBytes(12).toString("hex");
        tokens.set(session.token, { permission: session.permission });
        // As miauth.vue does: a script navigation to the callback, with the session added.
        const callback = session.callback ? new URL(session.callback) : null;
        callback?.searchParams.set("session", miauth[1]);
        return new Response(
          `<!doctype html><title>Accepted</title><p>Done.</p>${callback ? `<script>location.href = ${JSON.stringify(callback.href)};</script>` : ""}`,
          { headers: { "content-type": "text/html; charset=utf-8" } },
        );
      }
      const check = url.pathname.match(/^\/api\/miauth\/([^/]{1,128})\/check$/);
      if (check && request.method === "POST") {
        const session = sessions.get(check[1]);
        if (!session?.token || session.fetched) return Response.json({ ok: false });
        session.fetched = true;
        return Response.json({ ok: true, token: session.token, user: { ...userLite({ id: "1", username: me.username, host, name: me.name }) } });
      }
      const endpoint = url.pathname.match(/^\/api\/(ap\/show|i|users\/show|users\/relation|following\/create|following\/delete|following\/requests\/cancel|notes\/reactions\/create|notes\/reactions\/delete|notes\/create|notes\/unrenote)$/)?.[1];
      if (!endpoint || request.method !== "POST") return null;
      let body = {};
      try {
        body = JSON.parse((await request.text()) || "{}");
      } catch {
        return fail({ status: 400, message: "Invalid param.", code: "INVALID_PARAM", id: "3d81ceae-475f-4600-b2a8-2bc116157532", kind: "client" });
      }
      const token = body.i ?? request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
      const grant = token ? tokens.get(token) : null;
      if (token && !grant) return fail(ERR.authentication);
      const kind = KIND[endpoint];
      if (kind && !grant) return fail(ERR.credential);
      if (kind && !grant.permission.includes(kind)) return fail(ERR.permission);

      if (endpoint === "ap/show") {
        const note = await resolveNote(String(body.uri ?? ""));
        if (!note) return fail({ status: 400, message: "No such object.", code: "NO_SUCH_OBJECT", id: "dc94d745-1262-4e63-a17d-fecaa57efc82", kind: "client" });
        return Response.json({ type: "Note", object: { ...note, myReaction: reactions.get(note.id)?.reaction ?? null } });
      }
      if (endpoint.startsWith("notes/")) return noteAct(endpoint, body);
      if (endpoint === "i") return Response.json({ ...userLite({ id: "1", username: me.username, host, name: me.name }) });
      if (endpoint === "users/show") {
        const userHost = body.host ?? host;
        const known = [...users.values()].find((u) => u.username.toLowerCase() === String(body.username).toLowerCase() && u.host === userHost);
        const user = known ?? (userHost !== host ? await resolve(body.username, userHost) : null);
        // users/show.ts: NO_SUCH_USER 4362f8dc-…, a 404 in current Misskey.
        if (!user) return fail({ status: 404, message: "No such user.", code: "NO_SUCH_USER", id: "4362f8dc-731f-4ad8-a694-be5a88922a24", kind: "client" });
        return Response.json({ ...userLite(user), isLocked: user.locked, url: user.actor.url?.href ?? null, uri: user.uri, ...(grant ? relation(user.id) : {}) });
      }
      const ids = [body.userId].flat();
      if (ids.some((id) => !users.has(id))) return fail(ERR.noSuchUser);
      if (endpoint === "users/relation") return Response.json(Array.isArray(body.userId) ? ids.map(relation) : relation(body.userId));
      const user = users.get(body.userId);
      const current = follows.get(user.id);
      if (endpoint === "following/create") {
        if (current?.state === "following") return fail(ERR.alreadyFollowing);
        if (!current) {
          const ctx = federation.createContext(new URL(origin), undefined);
          const followId = new URL(`${origin}/follows/${crypto.randomUUID()}`);
          const follow = new Follow({ id: followId, actor: ctx.getActorUri(me.id), object: new URL(user.uri) });
          await send(follow, user);
          follows.set(user.id, { followId: followId.href, follow, state: "requested" });
          log.push({ host, type: "FollowSent", actor: ctx.getActorUri(me.id).href, object: user.uri, via: "api" });
        }
        return Response.json(userLite(user));
      }
      // following/delete undoes a follow; a request still pending is cancelled instead.
      if (endpoint === "following/delete" && current?.state !== "following") return fail(ERR.notFollowing);
      if (current) {
        follows.delete(user.id);
        const ctx = federation.createContext(new URL(origin), undefined);
        await send(new Undo({ id: new URL(`${current.followId}/undo`), actor: ctx.getActorUri(me.id), object: current.follow }), user);
        log.push({ host, type: "UndoSent", object: user.uri, via: "api" });
      }
      return Response.json(userLite(user));
    },
  };
}
