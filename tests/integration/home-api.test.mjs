// The sandbox home instance's Mastodon client API (tests/sandbox/mastodon-api.mjs), driven by the
// ecosystem's own clients — megalodon, and @badgateway/oauth2-client for PKCE — not by Fedilens:
// proof that the slice answers as Mastodon does before Fedilens is tested against it (issue 14).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { startSandbox } from "../sandbox/sandbox.mjs";
import { waitFor } from "../sandbox/wait.mjs";
import { generateCodeVerifier, megalodon, Misskey, OAuth2Client, trustSandboxForNodeHttps } from "../sandbox/clients.mjs";

const HOME = "https://home.example";
const REDIRECT = "https://fedilens-test.chromiumapp.org/";
const SCOPES = ["read:accounts", "read:follows", "write:follows", "read:search"];
const BIN = path.resolve(import.meta.dirname, "../../target/debug/fedilens");
let sandbox;

before(async () => {
  sandbox = await startSandbox({ address: "127.0.43.3" });
  trustSandboxForNodeHttps(sandbox);
});
after(async () => sandbox?.close());

/** The reader's part in the browser: signed in at home, approve on the consent page. */
async function approve(authorizeUrl) {
  const signIn = await fetch(`${HOME}/auth/sign_in?as=me`, { redirect: "manual" });
  const cookie = signIn.headers.get("set-cookie").split(";")[0];
  const page = await fetch(authorizeUrl, { headers: { cookie }, redirect: "manual" });
  if (page.status === 302) return new URL(page.headers.get("location")); // approved before: no page
  const html = await page.text();
  assert.match(html, /Authorize/);
  const form = new URLSearchParams([...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map(([, k, v]) => [k, v.replace(/&#(\d+);/g, (_, c) => String.fromCharCode(c))]));
  form.set("approve", "1");
  const back = await fetch(`${HOME}/oauth/authorize`, { method: "POST", body: form, headers: { cookie }, redirect: "manual" });
  assert.equal(back.status, 302);
  return new URL(back.headers.get("location"));
}

describe("the home's Mastodon API, driven by megalodon", () => {
  test("register, authorize, resolve Threads' zuck, follow (a signed Follow, accepted), unfollow, revoke", async () => {
    const client = megalodon("mastodon", HOME);
    const app = await client.createApp("Fedilens test", { scopes: SCOPES, redirect_uris: REDIRECT, website: "https://github.com/fedilens/fedilens" });
    assert.ok(app.client_id && app.client_secret);
    // megalodon has no PKCE: Mastodon allows a code flow without it (PKCE is optional there).
    const landed = await approve(`${HOME}/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: app.client_id, redirect_uri: REDIRECT, scope: SCOPES.join(" ") })}`);
    assert.equal(landed.origin + landed.pathname, REDIRECT);
    const token = await client.fetchAccessToken(app.client_id, app.client_secret, landed.searchParams.get("code"), REDIRECT);
    const me = megalodon("mastodon", HOME, token.access_token);
    assert.equal((await me.verifyAccountCredentials()).data.acct, "me");

    const found = await me.search("@zuck@threads.net", { type: "accounts", resolve: true });
    const zuck = found.data.accounts.find((a) => a.acct === "zuck@threads.net");
    assert.ok(zuck, "the home resolved Threads' account (with a signed fetch)");
    assert.equal((await me.getRelationships([zuck.id])).data[0].following, false);

    const followed = await me.followAccount(zuck.id);
    assert.equal(followed.data.following, true, "Mastodon's optimistic answer for an unlocked account");
    const received = await waitFor(() => sandbox.inbox().find((a) => a.host === "threads.net" && a.type === "Follow" && a.actor === "https://home.example/users/me"));
    assert.equal(received.verified, true, "Threads' inbox verified the home's signature");
    await waitFor(() => sandbox.inbox().find((a) => a.host === "home.example" && a.type === "Accept"));
    await waitFor(async () => (await me.getRelationships([zuck.id])).data[0].following || null);
    assert.equal((await me.getRelationships([zuck.id])).data[0].requested, false);

    assert.equal((await me.unfollowAccount(zuck.id)).data.following, false);
    await client.revokeToken(app.client_id, app.client_secret, token.access_token);
    await assert.rejects(me.verifyAccountCredentials(), (e) => e.response?.status === 401 && e.response.data.error === "The access token is invalid");
  });

  test("a locked account stays requested; a token without the scope is refused", async () => {
    const client = megalodon("mastodon", HOME);
    const app = await client.createApp("Fedilens test", { scopes: SCOPES, redirect_uris: REDIRECT });
    const landed = await approve(`${HOME}/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: app.client_id, redirect_uri: REDIRECT, scope: "read:accounts read:search read:follows write:follows" })}`);
    const token = await client.fetchAccessToken(app.client_id, app.client_secret, landed.searchParams.get("code"), REDIRECT);
    const me = megalodon("mastodon", HOME, token.access_token);
    const quiet = (await me.search("@quiet@mastodon.social", { type: "accounts", resolve: true })).data.accounts[0];
    assert.equal(quiet.locked, true);
    assert.equal((await me.followAccount(quiet.id)).data.requested, true);
    await waitFor(() => sandbox.inbox().find((a) => a.host === "mastodon.social" && a.type === "Follow" && a.object === "https://mastodon.social/users/quiet"));
    await new Promise((r) => setTimeout(r, 300));
    const r = (await me.getRelationships([quiet.id])).data[0];
    assert.deepEqual([r.following, r.requested], [false, true], "still a request: nobody accepted it");

    const readOnly = await (async () => {
      const a = await client.createApp("Fedilens read-only", { scopes: ["read:accounts"], redirect_uris: REDIRECT });
      const l = await approve(`${HOME}/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: a.client_id, redirect_uri: REDIRECT, scope: "read:accounts" })}`);
      return megalodon("mastodon", HOME, (await client.fetchAccessToken(a.client_id, a.client_secret, l.searchParams.get("code"), REDIRECT)).access_token);
    })();
    await assert.rejects(readOnly.followAccount(quiet.id), (e) => e.response?.status === 403 && /outside the authorized scopes/.test(e.response.data.error));
  });
});

describe("the home's OAuth with PKCE, driven by @badgateway/oauth2-client", () => {
  test("S256 challenge and verifier; a wrong verifier gets no token; approving again needs no page", async () => {
    const registered = await (await fetch(`${HOME}/api/v1/apps`, { method: "POST", body: new URLSearchParams({ client_name: "Fedilens", redirect_uris: REDIRECT, scopes: SCOPES.join(" ") }) })).json();
    const oauth = new OAuth2Client({ server: `${HOME}/`, clientId: registered.client_id, clientSecret: registered.client_secret, authorizationEndpoint: "/oauth/authorize", tokenEndpoint: "/oauth/token" });
    const codeVerifier = await generateCodeVerifier();
    const url = await oauth.authorizationCode.getAuthorizeUri({ redirectUri: REDIRECT, state: "s-1", codeVerifier, scope: SCOPES });
    assert.match(url, /code_challenge_method=S256/);
    const landed = await approve(url);
    assert.equal(landed.searchParams.get("state"), "s-1");
    await assert.rejects(oauth.authorizationCode.getToken({ code: landed.searchParams.get("code"), redirectUri: REDIRECT, codeVerifier: `${codeVerifier}x` }));
    const again = await approve(await oauth.authorizationCode.getAuthorizeUri({ redirectUri: REDIRECT, state: "s-2", codeVerifier, scope: SCOPES }));
    const token = await oauth.authorizationCode.getToken({ code: again.searchParams.get("code"), redirectUri: REDIRECT, codeVerifier });
    assert.ok(token.accessToken);
    // Now that this app holds a live token with these scopes, Mastodon approves without a page.
    const silent = await fetch(await oauth.authorizationCode.getAuthorizeUri({ redirectUri: REDIRECT, state: "s-3", codeVerifier, scope: SCOPES }), { headers: { cookie: "_session=me" }, redirect: "manual" });
    assert.equal(silent.status, 302);
    assert.equal(new URL(silent.headers.get("location")).searchParams.get("state"), "s-3");
  });
});

describe("a post liked and boosted from home (issue 22 §4), driven by the ecosystem's clients", () => {
  const POST = "https://mastodon.social/users/Gargron/statuses/113306831140126616";

  test("megalodon: resolve Gargron's post, favourite (a signed Like to its author), reblog (an Announce), undo; the scopes are checked", async () => {
    const scopes = ["read:search", "write:favourites", "write:statuses"];
    const client = megalodon("mastodon", HOME);
    const app = await client.createApp("Fedilens test", { scopes, redirect_uris: REDIRECT });
    const landed = await approve(`${HOME}/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: app.client_id, redirect_uri: REDIRECT, scope: scopes.join(" ") })}`);
    const token = await client.fetchAccessToken(app.client_id, app.client_secret, landed.searchParams.get("code"), REDIRECT);
    const me = megalodon("mastodon", HOME, token.access_token);
    const [status] = (await me.search(POST, { type: "statuses", resolve: true })).data.statuses;
    assert.equal(status.uri, POST);
    assert.equal(status.favourited, false);
    const from = sandbox.inbox().length;
    assert.equal((await me.favouriteStatus(status.id)).data.favourited, true);
    const like = await waitFor(() => sandbox.inbox().slice(from).find((a) => a.host === "mastodon.social" && a.type === "Like"));
    assert.deepEqual([like.actor, like.object, like.verified], ["https://home.example/users/me", POST, true]);
    const reblog = (await me.reblogStatus(status.id)).data;
    assert.equal(reblog.reblog.id, status.id, "the answer is the new reblog, the post in its `reblog`");
    assert.equal(reblog.reblog.reblogged, true);
    const announce = await waitFor(() => sandbox.inbox().slice(from).find((a) => a.host === "mastodon.social" && a.type === "Announce"));
    assert.equal(announce.object, POST);
    assert.equal((await me.unfavouriteStatus(status.id)).data.favourited, false);
    await waitFor(() => sandbox.inbox().slice(from).find((a) => a.host === "mastodon.social" && a.type === "Undo"));
    assert.equal((await me.search(POST, { type: "statuses", resolve: true })).data.statuses[0].reblogged, true, "the search says the reader's state");
    await me.unreblogStatus(status.id);

    const narrow = ["read:search"];
    const app2 = await client.createApp("Fedilens test", { scopes: narrow, redirect_uris: REDIRECT });
    const landed2 = await approve(`${HOME}/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: app2.client_id, redirect_uri: REDIRECT, scope: "read:search" })}`);
    const readOnly = megalodon("mastodon", HOME, (await client.fetchAccessToken(app2.client_id, app2.client_secret, landed2.searchParams.get("code"), REDIRECT)).access_token);
    await assert.rejects(readOnly.favouriteStatus(status.id), (e) => e.response?.status === 403 && /outside the authorized scopes/.test(e.response.data.error));
  });

  test("misskey-js: ap/show the post, react with Misskey's heart (a Like carrying it), renote (an Announce); myReaction says it; errors in Misskey's shape", async () => {
    const MK = "https://misskey-home.example";
    const session = crypto.randomUUID();
    await fetch(`${MK}/miauth/${session}?${new URLSearchParams({ name: "Fedilens", callback: REDIRECT, permission: "read:account,write:reactions,write:notes" })}`);
    await fetch(`${MK}/miauth/${session}`, { method: "POST", body: new URLSearchParams({ accept: "1" }) });
    const { token } = await (await fetch(`${MK}/api/miauth/${session}/check`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json();
    const api = new Misskey.api.APIClient({ origin: MK, credential: token });
    const shown = await api.request("ap/show", { uri: POST });
    assert.equal(shown.type, "Note");
    assert.equal(shown.object.myReaction, null);
    const from = sandbox.inbox().length;
    await api.request("notes/reactions/create", { noteId: shown.object.id, reaction: "❤" });
    const like = await waitFor(() => sandbox.inbox().slice(from).find((a) => a.host === "mastodon.social" && a.type === "Like"));
    assert.deepEqual([like.actor, like.object, like.content, like.verified], [`${MK}/users/9me0000000`, POST, "❤", true]);
    assert.equal((await api.request("ap/show", { uri: POST })).object.myReaction, "❤");
    await assert.rejects(api.request("notes/reactions/create", { noteId: shown.object.id, reaction: "❤" }), (e) => Misskey.api.isAPIError(e) && e.code === "ALREADY_REACTED");
    const { createdNote } = await api.request("notes/create", { renoteId: shown.object.id });
    assert.equal(createdNote.renoteId, shown.object.id);
    await waitFor(() => sandbox.inbox().slice(from).find((a) => a.host === "mastodon.social" && a.type === "Announce" && a.object === POST));
    await api.request("notes/reactions/delete", { noteId: shown.object.id });
    await api.request("notes/unrenote", { noteId: shown.object.id });
    assert.equal((await api.request("ap/show", { uri: POST })).object.myReaction, null);
  });
});

describe("the Misskey home's API, driven by misskey-js", () => {
  const MK = "https://misskey-home.example";

  /** MiAuth as a reader does it: open the page, Accept; the page sends the browser to the callback. */
  async function miauth(permission) {
    const session = crypto.randomUUID();
    const page = await fetch(`${MK}/miauth/${session}?${new URLSearchParams({ name: "Fedilens", callback: REDIRECT, permission })}`);
    assert.match(await page.text(), /Accept/);
    const accepted = await (await fetch(`${MK}/miauth/${session}`, { method: "POST", body: new URLSearchParams({ accept: "1" }) })).text();
    const callback = new URL(JSON.parse(accepted.match(/location\.href = ("[^"]+")/)[1]));
    assert.equal(callback.searchParams.get("session"), session);
    const check = await (await fetch(`${MK}/api/miauth/${session}/check`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json();
    const again = await (await fetch(`${MK}/api/miauth/${session}/check`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).json();
    assert.deepEqual(again, { ok: false }, "the token is handed out once");
    return check.token;
  }

  test("MiAuth, resolve Threads' zuck, follow (requested until the Accept), relation, unfollow; errors in Misskey's shape", async () => {
    const token = await miauth("read:account,write:following,write:reactions,write:notes");
    const api = new Misskey.api.APIClient({ origin: MK, credential: token });
    assert.equal((await api.request("i", {})).username, "me");
    const zuck = await api.request("users/show", { username: "zuck", host: "threads.net" });
    assert.equal(zuck.host, "threads.net");
    await api.request("following/create", { userId: zuck.id });
    const pending = await api.request("users/relation", { userId: zuck.id });
    const received = await waitFor(() => sandbox.inbox().find((a) => a.host === "threads.net" && a.type === "Follow" && a.actor === `${MK}/users/9me0000000`));
    assert.equal(received.verified, true, "Threads' inbox verified the Misskey home's signature");
    await waitFor(async () => (await api.request("users/relation", { userId: zuck.id })).isFollowing || null);
    assert.ok(pending.isFollowing || pending.hasPendingFollowRequestFromYou, "a request, or already accepted");
    await api.request("following/delete", { userId: zuck.id });
    assert.equal((await api.request("users/relation", { userId: zuck.id })).isFollowing, false);
    await assert.rejects(api.request("following/delete", { userId: zuck.id }), (e) => Misskey.api.isAPIError(e) && e.code === "NOT_FOLLOWING");
    await assert.rejects(api.request("users/show", { username: "nobody", host: "threads.net" }), (e) => Misskey.api.isAPIError(e) && e.code === "NO_SUCH_USER");

    const readOnly = new Misskey.api.APIClient({ origin: MK, credential: await miauth("read:account") });
    await assert.rejects(readOnly.request("following/create", { userId: zuck.id }), (e) => Misskey.api.isAPIError(e) && e.code === "PERMISSION_DENIED" && e.id === "1370e5b7-d4eb-4566-bb1d-7748ee6a1838");
    const stranger = new Misskey.api.APIClient({ origin: MK, credential: "not-a-token" });
    await assert.rejects(stranger.request("i", {}), (e) => Misskey.api.isAPIError(e) && e.code === "AUTHENTICATION_FAILED");
  });
});

describe("the same APIs driven by Fedilens (`fedilens home`, the core the extension uses)", () => {
  const run = promisify(execFile);
  /** `fedilens home …` against the sandbox: its JSON, and whether it exited 0. */
  async function fedilens(...args) {
    const all = ["home", ...args, "--cacert", sandbox.ca, "--timeout", "5", ...sandbox.resolveArgs];
    try {
      return { ok: true, ...JSON.parse((await run(BIN, all, { encoding: "utf8" })).stdout) };
    } catch (error) {
      return { ok: false, code: error.code, ...(error.stdout ? JSON.parse(error.stdout) : { stderr: error.stderr }) };
    }
  }
  const home = ["--home", "me@home.example"];

  test("Mastodon API: connect with PKCE, status, follow (the Accept comes back), unfollow, revoke", async () => {
    const started = await fedilens("connect", ...home, "--redirect", REDIRECT);
    assert.equal(started.api, "mastodon", "from the home's NodeInfo");
    assert.match(started.authorize_url, /code_challenge_method=S256/);
    const landed = await approve(started.authorize_url);
    const forged = new URL(landed);
    forged.searchParams.set("state", "not-ours");
    const token = ["--redirect", REDIRECT, "--state", started.state, "--client-id", started.client_id, "--client-secret", started.client_secret, "--verifier", started.verifier];
    assert.equal((await fedilens("token", ...home, ...token, "--landed", forged.href)).ok, false, "a redirect with another state gives no token");
    const { token: t } = await fedilens("token", ...home, ...token, "--landed", landed.href);
    assert.ok(t);

    assert.equal((await fedilens("status", "@zuck@threads.net", ...home, "--token", t)).following, "no");
    const followed = await fedilens("follow", "@zuck@threads.net", ...home, "--token", t);
    assert.ok(["requested", "yes"].includes(followed.following), JSON.stringify(followed));
    await waitFor(() => sandbox.inbox().find((a) => a.host === "threads.net" && a.type === "Follow" && a.actor === "https://home.example/users/me"));
    await waitFor(async () => (await fedilens("status", "@zuck@threads.net", ...home, "--token", t)).following === "yes" || null);
    const status = await fedilens("status", "@zuck@threads.net", ...home, "--token", t);
    assert.deepEqual(status.words, ["Following"]);
    assert.equal((await fedilens("unfollow", "@zuck@threads.net", ...home, "--token", t)).following, "no");

    const locked = await fedilens("follow", "@quiet@mastodon.social", ...home, "--token", t);
    assert.equal(locked.following, "requested", "a locked account: a request, and it stays one");

    assert.equal((await fedilens("revoke", ...home, "--token", t, "--client-id", started.client_id, "--client-secret", started.client_secret)).revoked, true);
    const after = await fedilens("status", "@zuck@threads.net", ...home, "--token", t);
    assert.deepEqual([after.ok, after.code, after.reconnect], [false, 1, true], JSON.stringify(after));
    assert.match(after.error, /no longer accepts Fedilens's access: connect again/);
    // Tokens, secrets and verifiers are random base64url and may begin with "-" (1 in 64 each:
    // this test failed now and then when one did): a value, not a flag.
    const dashed = await fedilens("status", "@zuck@threads.net", ...home, "--token", "-starts-with-a-dash");
    assert.equal(dashed.reconnect, true, JSON.stringify(dashed));
  });

  test("a post from home: `post` says its page and state there, `like` and `boost` act (Mastodon and Misskey); a home whose favourite fails says so", async () => {
    const POST = "https://mastodon.social/users/Gargron/statuses/113306831140126616";
    const started = await fedilens("connect", ...home, "--redirect", REDIRECT);
    const landed = await approve(started.authorize_url);
    const token = ["--redirect", REDIRECT, "--state", started.state, "--client-id", started.client_id, "--client-secret", started.client_secret, "--verifier", started.verifier];
    const { token: t } = await fedilens("token", ...home, ...token, "--landed", landed.href);
    const post = await fedilens("post", POST, ...home, "--token", t);
    assert.match(post.url, /^https:\/\/home\.example\/@Gargron@mastodon\.social\/\d+$/);
    assert.equal(post.reply, post.url);
    const from = sandbox.inbox().length;
    const liked = await fedilens("like", POST, ...home, "--token", t);
    assert.equal(liked.liked, true, JSON.stringify(liked));
    await waitFor(() => sandbox.inbox().slice(from).find((a) => a.host === "mastodon.social" && a.type === "Like" && a.actor === "https://home.example/users/me"));
    assert.equal((await fedilens("post", POST, ...home, "--token", t)).liked, true);
    assert.equal((await fedilens("boost", POST, ...home, "--token", t)).boosted, true);
    await waitFor(() => sandbox.inbox().slice(from).find((a) => a.host === "mastodon.social" && a.type === "Announce"));
    assert.equal((await fedilens("like", POST, ...home, "--token", t, "--undo")).liked, false);
    assert.equal((await fedilens("boost", POST, ...home, "--token", t, "--undo")).boosted, false);
    sandbox.misbehave("home.example", (request) => (new URL(request.url).pathname.endsWith("/favourite") ? Response.json({ error: "Something went wrong" }, { status: 500 }) : null));
    try {
      const failed = await fedilens("like", POST, ...home, "--token", t);
      assert.equal(failed.ok, false);
      assert.match(failed.error, /home\.example/, JSON.stringify(failed));
    } finally {
      sandbox.misbehave("home.example", null);
    }

    const mk = ["--home", "me@misskey-home.example"];
    const mkStarted = await fedilens("connect", ...mk, "--redirect", REDIRECT);
    const page = new URL(mkStarted.authorize_url);
    await fetch(page);
    await fetch(`${page.origin}${page.pathname}`, { method: "POST", body: new URLSearchParams({ accept: "1" }) });
    const { token: mkToken } = await fedilens("token", ...mk, "--session", mkStarted.session);
    const note = await fedilens("post", POST, ...mk, "--token", mkToken);
    assert.match(note.reply, /^https:\/\/misskey-home\.example\/share\?replyId=\w+$/);
    const mkFrom = sandbox.inbox().length;
    assert.equal((await fedilens("like", POST, ...mk, "--token", mkToken)).liked, true);
    const like = await waitFor(() => sandbox.inbox().slice(mkFrom).find((a) => a.host === "mastodon.social" && a.type === "Like" && a.actor.startsWith("https://misskey-home.example/")));
    assert.equal(like.content, "❤", "Misskey's own heart");
    assert.equal((await fedilens("post", POST, ...mk, "--token", mkToken)).liked, true);
    assert.equal((await fedilens("boost", POST, ...mk, "--token", mkToken)).boosted, true);
    await waitFor(() => sandbox.inbox().slice(mkFrom).find((a) => a.host === "mastodon.social" && a.type === "Announce" && a.actor.startsWith("https://misskey-home.example/")));
  });

  test("Misskey API: connect by MiAuth, follow, status", async () => {
    const mk = ["--home", "me@misskey-home.example"];
    const started = await fedilens("connect", ...mk, "--redirect", REDIRECT);
    assert.equal(started.api, "misskey");
    const page = new URL(started.authorize_url);
    assert.equal(page.searchParams.get("permission"), "read:account,write:following,write:reactions,write:notes");
    await fetch(page);
    await fetch(`${page.origin}${page.pathname}`, { method: "POST", body: new URLSearchParams({ accept: "1" }) });
    const { token } = await fedilens("token", ...mk, "--session", started.session);
    assert.ok(token);
    assert.equal((await fedilens("token", ...mk, "--session", started.session)).ok, false, "MiAuth hands the token out once");
    const followed = await fedilens("follow", "@zuck@threads.net", ...mk, "--token", token);
    assert.ok(["requested", "yes"].includes(followed.following), JSON.stringify(followed));
    await waitFor(async () => (await fedilens("status", "@zuck@threads.net", ...mk, "--token", token)).following === "yes" || null);
    assert.equal((await fedilens("unfollow", "@zuck@threads.net", ...mk, "--token", token)).following, "no");
  });
});
