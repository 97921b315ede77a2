// The reader's home account: saving it, connecting it through its own API (issue 14) and what the
// panel asks of it then (where the reader stands with an account, follow, a post's page there,
// Like and Boost). The token lives in the vault (bg-vault.js), which only this background opens.
import { check_home } from "./wasm/fedilens.js";
import initHome, { base64url, home_act, home_connect_begin, home_connect_finish, home_disconnect, home_post, home_set_following, home_status, set_catalogue as wordHome } from "./wasm/fedilens_home.js";
import { api, ready, words } from "./bg-core.js";
import { forgetHome, home } from "./bg-lookups.js";
import { vault } from "./bg-vault.js";
import * as settings from "./settings.js";

/** @typedef {import("./messages.js").NotConnected} NotConnected */

// The home's own API (issue 14) is a wasm of its own, compiled on first need: a reader who never
// connects a home account never pays for it (the lookup's wasm stays within its 100 KiB).
let homeCore = null;
export const homeReady = () =>
  (homeCore ??= Promise.all([initHome({ module_or_path: api.runtime.getURL("wasm/fedilens_home_bg.wasm") }), words]).then(
    ([, text]) => wordHome(text),
    (error) => {
      homeCore = null; // tried again at the next need
      throw error;
    },
  ));

/**
 * The connected home account (`{api, host, token, account, app, handle}`), or null. A connection
 * made for another saved account than today's (the home was changed since) is not used: the
 * panel offers to connect the new one (`anyHandle`: disconnecting it is still possible).
 */
export async function homeConnection({ anyHandle = false } = {}) {
  const connection = await vault.get("homeConnection").catch(() => undefined);
  if (!connection?.token) return null;
  return anyHandle || connection.handle === (await home()) ? connection : null;
}

/** Whether a Connect button makes sense: a home account saved whose server speaks an API Fedilens
 * knows (as `check_home` said when it was saved), in a browser that has the approval window
 * (Firefox for Android has no `identity`). */
async function canConnect() {
  const handle = await home();
  if (!handle || !api.identity?.launchWebAuthFlow) return false;
  const homeApi = await settings.get("homeApi");
  return homeApi?.handle !== handle || Boolean(homeApi.api);
}

/** Saves a home handle once the core has found the account by WebFinger. */
export async function setHome({ handle: input }) {
  await ready;
  const answer = await check_home(input);
  if (answer.usable) {
    await settings.set("home", answer.handle);
    forgetHome(); // before the panel's next lookup, whenever storage.onChanged comes
    // Whether its server speaks an API to connect (the panel's Connect button).
    await settings.set("homeApi", { handle: answer.handle, api: answer.api });
  }
  return { ...answer, saved: answer.usable };
}

// Issue 14: the reader's home, through its own API, with the token only this background
// holds (its own IndexedDB: pages, content scripts and the panel frame never see it).
export async function homeStatus({ handle }) {
  if (!(await home())) return /** @type {NotConnected} */ ({ connected: false, connect: false }); // the vault stays closed
  const connection = await homeConnection();
  if (!connection) return /** @type {NotConnected} */ ({ connected: false, connect: await canConnect() });
  await homeReady();
  return home_status(JSON.stringify(connection), handle);
}

// Only our panel asks, after a person's click it judged in plain view (as for its follow link).
export async function homeFollow({ id, follow, now }) {
  const connection = await homeConnection();
  if (!connection) return /** @type {NotConnected} */ ({ connected: false });
  await homeReady();
  return home_set_following(JSON.stringify(connection), id, follow, now);
}

// A post's "Open on <home>" goes to the home's own page for it, as the home resolves it
// (with the post's id there and the reader's Like and Boost): asked once per post while the
// background lives, until the reader acts on it (Misskey's ap/show allows 30 an hour).
const postPages = new Map();
export async function homePost({ object }) {
  const connection = await homeConnection();
  if (!connection) return /** @type {NotConnected} */ ({ connected: false });
  const key = `${connection.host}\n${object}`;
  await homeReady();
  const known = postPages.get(key) ?? (await home_post(JSON.stringify(connection), object));
  if (known.url) postPages.set(key, known);
  return known;
}

// A post's Like or Boost (or its undoing) through the home's API: only our panel asks,
// after a person's click it judged in plain view. The post's kept answer is stale now.
export async function homeAct({ object, id, act, undo }) {
  const connection = await homeConnection();
  if (!connection) return /** @type {NotConnected} */ ({ connected: false });
  postPages.delete(`${connection.host}\n${object}`);
  await homeReady();
  return home_act(JSON.stringify(connection), id, act, undo);
}

/** What the options page shows: never the token. */
export async function homeConnectionState() {
  const connection = await homeConnection({ anyHandle: true });
  if (!connection) return /** @type {NotConnected} */ ({ connected: false, connect: Boolean(api.identity?.launchWebAuthFlow) });
  const current = connection.handle === (await home());
  return /** @type {import("./messages.js").Connection} */ ({ connected: true, current, account: connection.account, api: connection.api, host: connection.host });
}

// From the options page, or from our panel after a person's click in plain view: one at a time.
let connecting = null;
export function connect() {
  connecting ??= connectHome().finally(() => (connecting = null));
  return connecting;
}

/**
 * Connects the saved home account (issue 14): the core finds its server and API and what to ask;
 * the reader approves in the browser's own authorization window (`identity.launchWebAuthFlow`,
 * which hands back the URL the server redirected to); the core checks that URL and gets the token.
 * WebCrypto supplies the PKCE verifier, its S256 challenge and the state (also MiAuth's session).
 */
async function connectHome() {
  await ready;
  const handle = await home();
  if (!handle) return { error: { kind: "no_home", message: api.i18n.getMessage("options_connect_needs_home") } };
  await homeReady();
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  // Where the account lives and which API it speaks: the core's answer for the saved account.
  const found = await check_home(handle);
  if (!found.usable) return { error: { kind: "home_unusable", message: found.headline } };
  if (!found.api) return { error: { kind: "no_api", message: found.no_api } };
  if (!api.identity?.launchWebAuthFlow) return { error: { kind: "no_identity", message: api.i18n.getMessage("connect_no_window") } };
  const homeApp = await vault.get("homeApp").catch(() => undefined);
  const redirect = api.identity.getRedirectURL();
  const secrets = JSON.stringify({ verifier, challenge, state: crypto.randomUUID() });
  const { pending, url } = await home_connect_begin(found.api, found.server, handle, redirect, homeApp ? JSON.stringify(homeApp) : undefined, secrets);
  // A failed connect forgets the kept app: the next one registers afresh (an app the server has
  // since deleted would otherwise fail every time, behind a window the reader can only close).
  await vault.remove("homeApp");
  const landed = await api.identity.launchWebAuthFlow({ url, interactive: true }).catch(() => undefined);
  const { connection, kept_app, account } = await home_connect_finish(pending, landed);
  // A connection replaced by another token is revoked on its home (Mastodon hands the same token
  // back to the same app and scopes: that one is kept).
  const old = await homeConnection({ anyHandle: true });
  if (old && old.token !== connection.token) await home_disconnect(JSON.stringify(old)).catch(() => {});
  await vault.set("homeConnection", { ...connection, handle });
  if (kept_app) await vault.set("homeApp", kept_app);
  postPages.clear();
  // Made for the saved account: `current`, as `home-connection` says it.
  return /** @type {import("./messages.js").Connection} */ ({ connected: true, current: true, account, api: connection.api, host: connection.host });
}

/** Revokes the token where the API allows it, and forgets it whatever the home answers. */
export async function disconnectHome() {
  const connection = await homeConnection({ anyHandle: true });
  if (!connection) return /** @type {NotConnected} */ ({ connected: false });
  try {
    await homeReady();
    return { connected: false, ...(await home_disconnect(JSON.stringify(connection))) };
  } finally {
    await vault.remove("homeConnection");
    postPages.clear();
  }
}
