// The slice of Mastodon's client API a home instance needs for issue 14 (connect, resolve, read
// the relationship, follow, unfollow, disconnect), written from Mastodon's documentation and
// source, and driven in the integration tests by the ecosystem's own clients (megalodon, and
// @badgateway/oauth2-client for PKCE) as well as by Fedilens.
//
// Sources (mastodon/documentation unless said): methods/apps.md (POST /api/v1/apps: JSON or form,
// `redirect_uris` a string or an array, confidential clients only); methods/oauth.md (authorize
// with PKCE S256 since 4.3, token, revoke: 200 `{}` or 403 `unauthorized_client`);
// api/oauth-scopes.md (granular scopes; `read` covers `read:*`); methods/search.md (v2 search,
// `resolve=true` needs a user token); methods/accounts.md (relationships `id[]`, follow, unfollow,
// verify_credentials); entities/Relationship.md. mastodon/mastodon:
// app/controllers/oauth/authorizations_controller.rb (an app the user already authorized with
// the same scopes is approved again without asking: `matching_token?`), config/initializers/
// doorkeeper.rb (`reuse_access_token`), app/controllers/api/base_controller.rb (error bodies),
// app/controllers/api/v1/accounts_controller.rb (the follow answer is optimistic for an unlocked
// account: `following: true` at once, while GET relationships says `requested` until the Accept),
// app/services/follow_service.rb (every follow of a remote account is a request until accepted);
// a post's Like and Boost (issue 22): methods/statuses.md (favourite, unfavourite with
// `write:favourites`; reblog, unreblog with `write:statuses`; reblog answers the new reblog status
// with the post in `reblog`), entities/Status.md (`favourited`, `reblogged` for the token's user),
// app/services/favourite_service.rb and reblog_service.rb (a Like to the author, an Announce).
import crypto from "node:crypto";
import { Announce, Follow, Like, Note, Undo } from "@fedify/vocab";

const SCOPES = ["read", "write", "follow", "profile", "read:accounts", "read:follows", "write:follows", "read:search", "write:favourites", "write:statuses"];
const ERRORS = {
  token: { error: "The access token is invalid" },
  scope: { error: "This action is outside the authorized scopes" },
  notFound: { error: "Record not found" },
};
const randomToken = () => crypto.randomBytes(32).toString("base64url");
const sha256url = (text) => crypto.createHash("sha256").update(text).digest("base64url");

/**
 * An object by its id or by a page that names it: an HTML answer is followed to its
 * `<link rel="alternate" type="application/activity+json">`, as both servers do (Mastodon's
 * FetchResourceService#process_html; Misskey's ApRequestService#signedGet, `followAlternate`).
 */
export async function lookupFollowingAlternate(ctx, url, documentLoader) {
  const found = await ctx.lookupObject(url, { documentLoader }).catch(() => null);
  if (found) return found;
  const page = await fetch(url, { headers: { accept: "text/html" } }).then((r) => (r.ok ? r.text() : "")).catch(() => "");
  const link = [...page.matchAll(/<link\b[^>]*>/gi)].map(([tag]) => tag).find((tag) => /rel="alternate"/.test(tag) && /type="application\/(activity\+json|ld\+json[^"]*)"/.test(tag));
  const href = link?.match(/href="([^"]+)"/)?.[1];
  return href ? ctx.lookupObject(href, { documentLoader }).catch(() => null) : null;
}

/** `read` covers `read:*`, `write` covers `write:*` (and the deprecated `follow` the follows). */
function allows(granted, needed) {
  const [kind] = needed.split(":");
  return granted.includes(needed) || granted.includes(kind) || (needed.endsWith(":follows") && granted.includes("follow"));
}

async function readParams(request) {
  const type = request.headers.get("content-type") ?? "";
  const text = await request.text();
  if (type.includes("application/json")) {
    try {
      const json = JSON.parse(text || "{}");
      return (name) => json[name] ?? null;
    } catch {
      return () => null;
    }
  }
  const form = new URLSearchParams(text);
  return (name) => (form.getAll(name).length > 1 ? form.getAll(name) : form.get(name));
}

/**
 * @param {{ origin: string, me: { id: string, username: string, name: string }, federation: any, log: any[] }} home
 */
export function mastodonApi({ origin, me, federation, log }) {
  const host = new URL(origin).host;
  const apps = new Map(); // client_id → { secret, redirectUris, scopes }
  const codes = new Map(); // code → { clientId, redirectUri, scopes, challenge }
  const tokens = new Map(); // token → { clientId, scopes, revoked }
  const accounts = new Map(); // id → { id, uri, username, host, locked, name }
  const byUri = new Map();
  const follows = new Map(); // account id → { followId, state: "requested" | "following" }
  let signedIn = false;

  const json = (body, status = 200, headers = {}) => Response.json(body, { status, headers });

  function accountEntity(a) {
    const acct = a.host === host ? a.username : `${a.username}@${a.host}`;
    return {
      id: a.id, username: a.username, acct, display_name: a.name ?? "", locked: a.locked, bot: false, group: false,
      created_at: "2026-01-01T00:00:00.000Z", note: "", url: a.url ?? a.uri, uri: a.uri, avatar: `${origin}/avatars/missing.png`,
      avatar_static: `${origin}/avatars/missing.png`, header: "", header_static: "", followers_count: 0, following_count: 0,
      statuses_count: 0, last_status_at: null, emojis: [], fields: [],
    };
  }

  function relationship(id, optimistic = false) {
    const f = follows.get(id);
    const following = f?.state === "following" || (optimistic && f != null && !accounts.get(id)?.locked);
    return {
      id, following, showing_reblogs: following, notifying: false, languages: null, followed_by: false, blocking: false,
      blocked_by: false, muting: false, muting_notifications: false, requested: f?.state === "requested" && !following,
      requested_by: false, domain_blocking: false, endorsed: false, note: "",
    };
  }

  /** The token's grant, or the error response. */
  function bearer(request, scope) {
    const value = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
    const grant = value && tokens.get(value);
    if (!grant || grant.revoked) return { denied: json(ERRORS.token, 401) };
    if (!allows(grant.scopes, scope)) return { denied: json(ERRORS.scope, 403) };
    return { grant };
  }

  function remember(actor) {
    const uri = actor.id.href;
    if (byUri.has(uri)) return byUri.get(uri);
    const a = {
      id: String(accounts.size + 100),
      uri,
      username: actor.preferredUsername?.toString() ?? "",
      host: actor.id.host.replace(/^www\./, ""),
      locked: actor.manuallyApprovesFollowers === true,
      name: actor.name?.toString() ?? "",
      url: actor.url?.href,
      actor,
    };
    accounts.set(a.id, a);
    byUri.set(uri, a);
    return a;
  }

  async function resolve(query) {
    const acct = query.replace(/^@/, "");
    if (!/^[^@\s]+@[^@\s]+$/.test(acct)) return null;
    const ctx = federation.createContext(new URL(origin), undefined);
    const documentLoader = await ctx.getDocumentLoader({ identifier: me.id });
    const actor = await ctx.lookupObject(`acct:${acct}`, { documentLoader }).catch(() => null);
    return actor?.inboxId ? remember(actor) : null;
  }

  const statuses = new Map(); // uri → status entity
  /** A post by its ActivityPub id or page URL, fetched with the home's signature, kept with an id
   * of the home's own. As Mastodon's FetchResourceService: an HTML answer is followed to its
   * `<link rel="alternate" type="application/activity+json">` (process_html). */
  async function resolveStatus(q) {
    if (!URL.canParse(q)) return null;
    const ctx = federation.createContext(new URL(origin), undefined);
    const documentLoader = await ctx.getDocumentLoader({ identifier: me.id });
    const note = await lookupFollowingAlternate(ctx, q, documentLoader);
    if (!(note instanceof Note) || !note.id) return null;
    if (statuses.has(note.id.href)) return statuses.get(note.id.href);
    const author = await note.getAttribution({ documentLoader }).catch(() => null);
    if (!author?.inboxId) return null;
    const url = note.url instanceof URL ? note.url.href : (note.url?.href?.href ?? note.id.href);
    const status = { id: String(113_000 + statuses.size), uri: note.id.href, url, content: note.content?.toString() ?? "", account: accountEntity(remember(author)), favourited: false, reblogged: false };
    statuses.set(note.id.href, status);
    return status;
  }

  /** Our Like and Announce of a status (by its uri), for their Undo. */
  const acted = new Map();
  let reblogs = 0;
  async function actOnStatus(status, verb) {
    const ctx = federation.createContext(new URL(origin), undefined);
    const actor = ctx.getActorUri(me.id);
    const author = accounts.get(status.account.id);
    const key = `${verb.replace(/^un/, "")}\n${status.uri}`;
    const done = acted.get(key);
    if (verb === "favourite" || verb === "reblog") {
      if (!done) {
        const id = new URL(`${origin}/users/${me.id}/${verb === "favourite" ? "likes" : "statuses"}/${crypto.randomUUID()}`);
        const activity = verb === "favourite"
          ? new Like({ id, actor, object: new URL(status.uri) })
          : new Announce({ id: new URL(`${id.href}/activity`), actor, object: new URL(status.uri), to: new URL("https://www.w3.org/ns/activitystreams#Public") });
        await ctx.sendActivity({ identifier: me.id }, author.actor, activity, { immediate: true });
        acted.set(key, { activity, reblogId: String(200_000 + (reblogs += 1)) });
        log.push({ host, type: verb === "favourite" ? "LikeSent" : "AnnounceSent", actor: actor.href, object: status.uri, via: "api" });
      }
    } else if (done) {
      acted.delete(key);
      await ctx.sendActivity({ identifier: me.id }, author.actor, new Undo({ id: new URL(`${done.activity.id.href}#undo`), actor, object: done.activity }), { immediate: true });
      log.push({ host, type: "UndoSent", actor: actor.href, object: status.uri, via: "api" });
    }
    status.favourited = acted.has(`favourite\n${status.uri}`);
    status.reblogged = acted.has(`reblog\n${status.uri}`);
    if (verb === "reblog") return { id: acted.get(key).reblogId, uri: `${acted.get(key).activity.id.href}`, reblogged: true, favourited: false, account: accountEntity({ id: "1", uri: actor.href, username: me.username, host, locked: false, name: me.name }), reblog: status };
    return status;
  }

  async function sendFollow(account) {
    const ctx = federation.createContext(new URL(origin), undefined);
    const followId = new URL(`${origin}/follows/api-${crypto.randomUUID()}`);
    const follow = new Follow({ id: followId, actor: ctx.getActorUri(me.id), object: new URL(account.uri) });
    await ctx.sendActivity({ identifier: me.id }, account.actor, follow, { immediate: true });
    follows.set(account.id, { followId: followId.href, follow, state: "requested" });
    log.push({ host, type: "FollowSent", actor: ctx.getActorUri(me.id).href, object: account.uri, via: "api" });
  }

  async function sendUndo(account) {
    const f = follows.get(account.id);
    if (!f) return;
    follows.delete(account.id);
    const ctx = federation.createContext(new URL(origin), undefined);
    await ctx.sendActivity({ identifier: me.id }, account.actor, new Undo({ id: new URL(`${f.followId}/undo`), actor: ctx.getActorUri(me.id), object: f.follow }), { immediate: true });
    log.push({ host, type: "UndoSent", actor: ctx.getActorUri(me.id).href, object: account.uri, via: "api" });
  }

  function authorizePage(params) {
    const hidden = ["client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "response_type"]
      .map((n) => `<input type="hidden" name="${n}" value="${(params.get(n) ?? "").replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}">`)
      .join("");
    return new Response(
      `<!doctype html><title>Authorization required</title><h1>Authorize Fedilens?</h1><p>Scopes: ${(params.get("scope") ?? "").replace(/[<>&]/g, "")}</p><form method="post" action="/oauth/authorize">${hidden}<button type="submit" name="approve" value="1">Authorize</button></form>`,
      { headers: { "content-type": "text/html; charset=utf-8" } },
    );
  }

  /** Checks the authorization request; returns its parts or an error response. */
  function authorization(get) {
    const app = apps.get(get("client_id"));
    if (!app) return { error: json({ error: "invalid_client", error_description: "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method." }, 401) };
    const redirectUri = get("redirect_uri");
    if (!app.redirectUris.includes(redirectUri)) return { error: json({ error: "invalid_redirect_uri", error_description: "The requested redirect uri is malformed or doesn't match client redirect URI." }, 400) };
    const scopes = (get("scope") ?? "read").split(/[ +]/).filter(Boolean);
    if (!scopes.every((s) => app.scopes.includes(s))) return { error: json({ error: "invalid_scope", error_description: "The requested scope is invalid, unknown, or malformed." }, 400) };
    const challenge = get("code_challenge");
    if (challenge && get("code_challenge_method") !== "S256") return { error: json({ error: "invalid_request", error_description: "Code challenge method must be S256." }, 400) };
    return { app, clientId: get("client_id"), redirectUri, scopes, challenge, state: get("state") };
  }

  function redirectWithCode({ clientId, redirectUri, scopes, challenge, state }) {
    const code = randomToken();
    codes.set(code, { clientId, redirectUri, scopes, challenge });
    const to = new URL(redirectUri);
    to.searchParams.set("code", code);
    if (state) to.searchParams.set("state", state);
    return new Response(null, { status: 302, headers: { location: to.href } });
  }

  const sameScopes = (a, b) => a.length === b.length && [...a].sort().join(" ") === [...b].sort().join(" ");

  return {
    /** Sign the sandbox's one user in (a test's stand-in for Mastodon's login form). */
    signIn() {
      signedIn = true;
    },
    /** An Accept for one of our Follows arrived (the inbox calls this). */
    accepted(followId) {
      for (const f of follows.values()) if (f.followId === followId) f.state = "following";
    },
    tokens: () => [...tokens.entries()].map(([token, g]) => ({ token, ...g })),

    async handle(request) {
      const url = new URL(request.url);
      const path = url.pathname;
      if (path === "/auth/sign_in" && request.method === "GET" && url.searchParams.get("as") === me.username) {
        signedIn = true;
        return new Response(null, { status: 302, headers: { location: "/", "set-cookie": "_session=me; Path=/; Secure; HttpOnly" } });
      }
      if (path === "/.well-known/oauth-authorization-server") {
        return json({
          issuer: `${origin}/`, authorization_endpoint: `${origin}/oauth/authorize`, token_endpoint: `${origin}/oauth/token`,
          revocation_endpoint: `${origin}/oauth/revoke`, app_registration_endpoint: `${origin}/api/v1/apps`,
          scopes_supported: SCOPES, response_types_supported: ["code"], code_challenge_methods_supported: ["S256"],
          grant_types_supported: ["authorization_code", "client_credentials"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        });
      }
      if (path === "/api/v1/apps" && request.method === "POST") {
        const get = await readParams(request);
        const uris = [get("redirect_uris") ?? get("redirect_uri")].flat().filter(Boolean).flatMap((u) => String(u).split(/\s+/));
        if (!get("client_name") || uris.length === 0 || uris.some((u) => !URL.canParse(u) && u !== "urn:ietf:wg:oauth:2.0:oob")) {
          return json({ error: "Validation failed: Redirect URI must be an absolute URI." }, 422);
        }
        const scopes = (get("scopes") ?? "read").split(/\s+/).filter(Boolean);
        if (!scopes.every((s) => SCOPES.includes(s))) return json({ error: "Validation failed: Scopes are invalid" }, 422);
        const clientId = randomToken();
        const secret = randomToken();
        apps.set(clientId, { secret, redirectUris: uris, scopes });
        return json({ id: String(apps.size), name: get("client_name"), website: get("website"), scopes, redirect_uri: uris.join("\n"), redirect_uris: uris, client_id: clientId, client_secret: secret, client_secret_expires_at: 0 });
      }
      if (path === "/oauth/authorize" && request.method === "GET") {
        const params = url.searchParams;
        const auth = authorization((n) => params.get(n));
        if (auth.error) return auth.error;
        if (!signedIn && !(request.headers.get("cookie") ?? "").includes("_session=me")) {
          return new Response(null, { status: 302, headers: { location: `${origin}/auth/sign_in` } });
        }
        // Mastodon approves again without asking when this user already holds a live token of
        // this app with exactly these scopes (and no force_login).
        const matching = [...tokens.values()].some((t) => !t.revoked && t.clientId === auth.clientId && sameScopes(t.scopes, auth.scopes));
        if (matching && params.get("force_login") !== "true") return redirectWithCode(auth);
        return authorizePage(params);
      }
      if (path === "/oauth/authorize" && request.method === "POST") {
        const get = await readParams(request);
        const auth = authorization(get);
        if (auth.error) return auth.error;
        if (!get("approve")) {
          const to = new URL(auth.redirectUri);
          to.searchParams.set("error", "access_denied");
          if (auth.state) to.searchParams.set("state", auth.state);
          return new Response(null, { status: 302, headers: { location: to.href } });
        }
        return redirectWithCode(auth);
      }
      if (path === "/oauth/token" && request.method === "POST") {
        const get = await readParams(request);
        const basic = request.headers.get("authorization")?.match(/^Basic (.+)$/)?.[1];
        const [basicId, basicSecret] = basic ? Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent) : [];
        const clientId = get("client_id") ?? basicId;
        const secret = get("client_secret") ?? basicSecret;
        const app = apps.get(clientId);
        if (!app || app.secret !== secret) return json({ error: "invalid_client", error_description: "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method." }, 401);
        const grant = codes.get(get("code"));
        codes.delete(get("code"));
        const invalid = json({ error: "invalid_grant", error_description: "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client." }, 400);
        if (get("grant_type") !== "authorization_code" || !grant || grant.clientId !== clientId || grant.redirectUri !== get("redirect_uri")) return invalid;
        if (grant.challenge && sha256url(get("code_verifier") ?? "") !== grant.challenge) return invalid;
        // reuse_access_token: the same live token for the same app, user and scopes.
        const existing = [...tokens.entries()].find(([, t]) => !t.revoked && t.clientId === clientId && sameScopes(t.scopes, grant.scopes));
        const token = existing?.[0] ?? randomToken();
        if (!existing) tokens.set(token, { clientId, scopes: grant.scopes, revoked: false, createdAt: Math.floor(Date.now() / 1000) });
        return json({ access_token: token, token_type: "Bearer", scope: grant.scopes.join(" "), created_at: tokens.get(token).createdAt });
      }
      if (path === "/oauth/revoke" && request.method === "POST") {
        const get = await readParams(request);
        const app = apps.get(get("client_id"));
        const grant = tokens.get(get("token"));
        if (!app || app.secret !== get("client_secret") || (grant && grant.clientId !== get("client_id"))) {
          return json({ error: "unauthorized_client", error_description: "You are not authorized to revoke this token" }, 403);
        }
        if (grant) grant.revoked = true;
        return json({});
      }
      if (path === "/api/v1/accounts/verify_credentials" && request.method === "GET") {
        const { denied } = bearer(request, "read:accounts");
        if (denied) return denied;
        return json(accountEntity({ id: "1", uri: `${origin}/users/${me.id}`, username: me.username, host, locked: false, name: me.name, url: `${origin}/@${me.username}` }));
      }
      if (path === "/api/v2/search" && request.method === "GET") {
        const { denied } = bearer(request, "read:search");
        if (denied) return denied;
        const q = url.searchParams.get("q") ?? "";
        const resolving = url.searchParams.get("resolve") === "true";
        if (url.searchParams.get("type") === "statuses") {
          const status = resolving ? await resolveStatus(q) : [...statuses.values()].find((st) => st.uri === q || st.url === q);
          return json({ accounts: [], statuses: status ? [status] : [], hashtags: [] });
        }
        const found = resolving ? await resolve(q) : byUri.get(q) ?? null;
        return json({ accounts: found ? [accountEntity(found)] : [], statuses: [], hashtags: [] });
      }
      if (path === "/api/v1/accounts/relationships" && request.method === "GET") {
        const { denied } = bearer(request, "read:follows");
        if (denied) return denied;
        const ids = [...url.searchParams.getAll("id[]"), ...url.searchParams.getAll("id")];
        return json(ids.filter((id) => accounts.has(id)).map((id) => relationship(id)));
      }
      const onStatus = path.match(/^\/api\/v1\/statuses\/([^/]+)\/(favourite|unfavourite|reblog|unreblog)$/);
      if (onStatus && request.method === "POST") {
        const { denied } = bearer(request, onStatus[2].endsWith("favourite") ? "write:favourites" : "write:statuses");
        if (denied) return denied;
        const status = [...statuses.values()].find((st) => st.id === onStatus[1]);
        if (!status) return json(ERRORS.notFound, 404);
        return json(await actOnStatus(status, onStatus[2]));
      }
      const action = path.match(/^\/api\/v1\/accounts\/([^/]+)\/(follow|unfollow)$/);
      if (action && request.method === "POST") {
        const { denied } = bearer(request, "write:follows");
        if (denied) return denied;
        const account = accounts.get(action[1]);
        if (!account) return json(ERRORS.notFound, 404);
        if (action[2] === "follow") {
          if (!follows.has(account.id)) await sendFollow(account);
          return json(relationship(account.id, true));
        }
        await sendUndo(account);
        return json(relationship(account.id));
      }
      return null;
    },
  };
}
