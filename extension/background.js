// Fedilens background (Chrome service worker / Firefox event page). Loads the wasm core and
// answers the content script, the panel, the popup and the options page. No product rule here:
// detection, resolution, verification, cache lifetimes and follow links all come from the core.
import init, { check_home, detect, host_software, lookup_with_claim, prepare, set_catalogue } from "./wasm/fedilens.js";
import initHome, { base64url, home_act, home_connect_begin, home_connect_finish, home_disconnect, home_post, home_set_following, home_status, set_catalogue as wordHome } from "./wasm/fedilens_home.js";

const api = globalThis.browser ?? globalThis.chrome;
// Service workers may not use top-level await: handlers wait on this instead. The core words what
// the background says itself (errors, the home check) in the catalogue the browser chose; a
// lookup's panel view crosses as message ids, worded by the panel.
const words = fetch(api.runtime.getURL(`_locales/${api.i18n.getMessage("catalogue_language") || "en"}/messages.json`)).then((r) => r.text());
const ready = Promise.all([init({ module_or_path: api.runtime.getURL("wasm/fedilens_bg.wasm") }), words]).then(([, text]) => set_catalogue(text));
// The home's own API (issue 14) is a wasm of its own, compiled on first need: a reader who never
// connects a home account never pays for it (the lookup's wasm stays within its 100 KiB).
let homeCore = null;
const homeReady = () =>
  (homeCore ??= Promise.all([initHome({ module_or_path: api.runtime.getURL("wasm/fedilens_home_bg.wasm") }), words]).then(
    ([, text]) => wordHome(text),
    (error) => {
      homeCore = null; // tried again at the next need
      throw error;
    },
  ));
// Survives the service worker being stopped (storage.session), else lives as long as the page.
const store = api.storage.session ?? api.storage.local;

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const refusal = misfit(message, sender);
  if (refusal) {
    sendResponse({ error: { kind: "bad_message", message: refusal } });
    return false;
  }
  handle(message, sender).then(sendResponse, (error) => sendResponse({ error: asError(error) }));
  return true; // answered asynchronously
});

// Each message's members (their types in messages.js; "?" marks one that may be missing or
// null) and who may send it: "page" is our content script in a web page, "extension" our own
// pages. Anything else is refused before it is handled.
const MESSAGES = {
  "inject-main": { from: "page", members: { shape: "boolean" } },
  "inject-guard": { from: "page", members: {} },
  detect: { from: "page", members: { signals: "object", panelSecret: "string" } },
  "start-lookup": { from: "page", members: { target: "string", claim: "string?", page: "string?" } },
  lookup: { from: "extension", members: { target: "string", force: "boolean?", claim: "string?", page: "string?", secret: "string?" } },
  cached: { from: "extension", members: { target: "string", claim: "string?", page: "string?", secret: "string?" } },
  "tab-target": { from: "extension", members: { tabId: "number" } },
  "set-home": { from: "extension", members: { handle: "string", secret: "string?" } },
  "home-status": { from: "extension", members: { handle: "string", secret: "string?" } },
  "home-follow": { from: "extension", members: { id: "string", follow: "boolean", now: "string", secret: "string?" } },
  "home-post": { from: "extension", members: { object: "string", secret: "string?" } },
  "home-act": { from: "extension", members: { object: "string", id: "string", act: "string", undo: "boolean", secret: "string?" } },
  "home-connection": { from: "extension", members: {} },
  "home-connect": { from: "extension", members: { secret: "string?" } },
  "home-disconnect": { from: "extension", members: {} },
};
const extensionOrigin = new URL(api.runtime.getURL("")).origin;

/** Why `message` from `sender` is refused, or "" when it fits its contract. */
function misfit(message, sender) {
  const contract = message && typeof message === "object" && Object.hasOwn(MESSAGES, message.type) ? MESSAGES[message.type] : undefined;
  if (!contract) return `unknown message ${JSON.stringify(message?.type ?? null)}`;
  const from = sender.id !== api.runtime.id ? "elsewhere" : sender.url && new URL(sender.url).origin === extensionOrigin ? "extension" : "page";
  if (from !== contract.from || (from === "page" && !sender.tab)) return `${message.type} may not come from here`;
  for (const [name, value] of Object.entries(message)) {
    if (name === "type") continue;
    const expected = contract.members[name];
    if (!expected) return `${message.type} has no member ${name}`;
    const missing = value === undefined || value === null;
    if (missing ? !expected.endsWith("?") : typeof value !== expected.replace("?", "")) return `${message.type}.${name} is not a ${expected}`;
  }
  const absent = Object.keys(contract.members).find((name) => !contract.members[name].endsWith("?") && !(name in message));
  return absent ? `${message.type} lacks ${absent}` : "";
}

// What was kept per tab goes with the tab.
api.tabs.onRemoved.addListener((tabId) => store.remove([`tab:${tabId}`, `panels:${tabId}`]).catch(() => {}));

function asError(error) {
  if (error && typeof error === "object" && "kind" in error) return { kind: error.kind, message: error.message };
  return { kind: "internal", message: String(error?.message ?? error) };
}

/** Runs one of our classic scripts in the sender's frame (its content scripts' isolated world). */
async function injectInto(sender, file) {
  await api.scripting.executeScript({ target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] }, files: [file] });
  return { injected: true };
}

/** @param {import("./messages.js").Message} message */
async function handle(message, sender) {
  if (message.type === "inject-main") {
    // Only pages that passed the content script's cheap check get the rest of it. A page that
    // passed on its URL's shape alone (`/@name`: Medium, YouTube…) gets it only once its host's
    // NodeInfo says it is fediverse: asked now, before the main part, which would have asked it
    // anyway (the same one request per host per session), so that a look-alike page never parses
    // or runs the main part.
    if (message.shape && !(await softwareOf(new URL(sender.url).hostname))) return { injected: false };
    return injectInto(sender, "content-main.js");
  }
  // The follow guard's page side, as the reader approaches a badge (content-main.js).
  if (message.type === "inject-guard") return injectInto(sender, "panel-guard.js");
  await ready;
  switch (message.type) {
    case "detect":
      return detectPage(message, sender.tab?.id);
    case "lookup":
      await checkPanelSecret(message, sender);
      return { view: await cachedLookup(message) };
    case "start-lookup":
      // From the badge, pressed (a content script: the page can't send this), ahead of its panel.
      cachedLookup(message).catch(() => {});
      return { started: true };
    case "cached":
      await checkPanelSecret(message, sender);
      return cachedOnly(message);
    case "tab-target":
      return (await store.get(`tab:${message.tabId}`))[`tab:${message.tabId}`] ?? null;
    case "set-home":
      await checkPanelSecret(message, sender);
      return setHome(message.handle);
    case "home-status": {
      // Issue 14: the reader's home, through its own API, with the token only this background
      // holds (its own IndexedDB: pages, content scripts and the panel frame never see it).
      await checkPanelSecret(message, sender);
      if (!(await home())) return { connected: false, connect: false }; // the vault stays closed
      const connection = await homeConnection();
      if (!connection) return { connected: false, connect: await canConnect() };
      await homeReady();
      return home_status(JSON.stringify(connection), message.handle);
    }
    case "home-follow": {
      // Only our panel asks, after a person's click it judged in plain view (as for its follow link).
      await checkPanelSecret(message, sender);
      const connection = await homeConnection();
      if (!connection) return { connected: false };
      await homeReady();
      return home_set_following(JSON.stringify(connection), message.id, message.follow, message.now);
    }
    case "home-post": {
      // A post's "Open on <home>" goes to the home's own page for it, as the home resolves it
      // (with the post's id there and the reader's Like and Boost): asked once per post while the
      // background lives, until the reader acts on it (Misskey's ap/show allows 30 an hour).
      await checkPanelSecret(message, sender);
      const connection = await homeConnection();
      if (!connection) return { connected: false };
      const key = `${connection.host}\n${message.object}`;
      await homeReady();
      const known = postPages.get(key) ?? (await home_post(JSON.stringify(connection), message.object));
      if (known.url) postPages.set(key, known);
      return known;
    }
    case "home-act": {
      // A post's Like or Boost (or its undoing) through the home's API: only our panel asks,
      // after a person's click it judged in plain view. The post's kept answer is stale now.
      await checkPanelSecret(message, sender);
      const connection = await homeConnection();
      if (!connection) return { connected: false };
      postPages.delete(`${connection.host}\n${message.object}`);
      await homeReady();
      return home_act(JSON.stringify(connection), message.id, message.act, message.undo);
    }
    case "home-connection": {
      // What the options page shows: never the token.
      const connection = await homeConnection({ anyHandle: true });
      if (!connection) return { connected: false, canConnect: Boolean(api.identity?.launchWebAuthFlow) };
      const current = connection.handle === (await home());
      return { connected: true, current, account: connection.account, api: connection.api, host: connection.host };
    }
    case "home-connect":
      // From the options page, or from our panel after a person's click in plain view.
      await checkPanelSecret(message, sender);
      connecting ??= connectHome().finally(() => (connecting = null));
      return connecting;
    case "home-disconnect":
      openedByTheReader(sender);
      return disconnectHome();
  }
}

// Disconnecting: only from the options page, at the top of its tab (a page can open panel.html,
// which is web-accessible, at the top of a tab; never options.html).
function openedByTheReader(sender) {
  const options = sender.url && new URL(sender.url).pathname === "/options.html" && (!sender.tab || sender.frameId === 0);
  if (!options) throw Object.assign(new Error(api.i18n.getMessage("not_our_panel")), { kind: "not_our_panel" });
}

let connecting = null;
const postPages = new Map();

// The connected account and the kept app hold secrets (the token, the app's secret): they live
// in this background's own IndexedDB, which only the extension's own pages could open. Not in
// `storage.local`, which content scripts can read (and a compromised page's process with them).
const vault = {
  db: null,
  open() {
    this.db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open("fedilens-secrets", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("secrets");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.db;
  },
  async run(mode, act) {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction("secrets", mode);
      const request = act(tx.objectStore("secrets"));
      tx.oncomplete = () => resolve(request?.result);
      tx.onerror = () => reject(tx.error);
    });
  },
  get: (key) => vault.run("readonly", (store) => store.get(key)),
  set: (key, value) => vault.run("readwrite", (store) => store.put(value, key)),
  remove: (key) => vault.run("readwrite", (store) => store.delete(key)),
};

/** Whether a Connect button makes sense: a home account saved whose server speaks an API Fedilens
 * knows (as `check_home` said when it was saved), in a browser that has the approval window
 * (Firefox for Android has no `identity`). */
async function canConnect() {
  const handle = await home();
  if (!handle || !api.identity?.launchWebAuthFlow) return false;
  const { homeApi } = await api.storage.local.get("homeApi").catch(() => ({}));
  return homeApi?.handle !== handle || Boolean(homeApi.api);
}

/**
 * Connects the saved home account (issue 14): the core finds its server and API and what to ask;
 * the reader approves in the browser's own authorization window (`identity.launchWebAuthFlow`,
 * which hands back the URL the server redirected to); the core checks that URL and gets the token.
 * WebCrypto supplies the PKCE verifier, its S256 challenge and the state (also MiAuth's session).
 */
async function connectHome() {
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
  return { connected: true, account, api: connection.api, host: connection.host };
}

/** Revokes the token where the API allows it, and forgets it whatever the home answers. */
async function disconnectHome() {
  const connection = await homeConnection({ anyHandle: true });
  if (!connection) return { connected: false };
  try {
    await homeReady();
    return { connected: false, ...(await home_disconnect(JSON.stringify(connection))) };
  } finally {
    await vault.remove("homeConnection");
    postPages.clear();
  }
}

/**
 * The connected home account (`{api, host, token, account, app, handle}`), or null. A connection
 * made for another saved account than today's (the home was changed since) is not used: the
 * panel offers to connect the new one (`anyHandle`: disconnecting it is still possible).
 */
async function homeConnection({ anyHandle = false } = {}) {
  const connection = await vault.get("homeConnection").catch(() => undefined);
  if (!connection?.token) return null;
  return anyHandle || connection.handle === (await home()) ? connection : null;
}

async function detectPage({ signals, panelSecret }, tabId) {
  const signalsText = JSON.stringify(signals);
  let detection = detect(signalsText);
  // A URL that only has a fediverse shape: what the page's own host runs (asked once per host).
  if (detection.kind === "none" && detection.candidate) {
    const known = await softwareOf(new URL(signals.url).hostname);
    if (known) detection = detect(signalsText, known);
  }
  if (tabId != null) {
    await Promise.all([
      store.set({ [`tab:${tabId}`]: detection.kind === "none" ? null : detection }),
      detection.target && panelSecret ? rememberPanelSecret(tabId, panelSecret) : null,
    ]);
  }
  // Later than the badge and the page's own start-up, which need the processor more.
  if (detection.target) setTimeout(rehearse, REHEARSAL_DELAY_MS);
  if (!detection.target) return detection;
  // Whether the badge shows by itself here (the options' switch, the sites where × hid it): read
  // here, so that the page's content script never touches the storage API (its first use in a
  // page's isolated world cost ~1 ms of the page's main thread, CPU profile).
  const { autoBadge, dismissed } = await api.storage.local.get(["dismissed", "autoBadge"]).catch(() => ({}));
  const badge = autoBadge !== false && !dismissed?.[new URL(signals.url).hostname];
  return { ...detection, words: badgeWords(detection), badge };
}

/**
 * The badge's words in the reader's language, said here: the page's content script then never
 * loads the catalogue (its first `i18n.getMessage` cost each page with signals ~3 ms).
 * @returns {import("./messages.js").BadgeWords}
 */
function badgeWords(detection) {
  const t = (/** @type {string} */ id, /** @type {string[]} */ values = []) => api.i18n.getMessage(id, values);
  const { accounts } = detection;
  const count = accounts && `${accounts.named}${accounts.at_least ? "+" : ""}`;
  const label = count ? t("badge_accounts", [count]) : detection.handle ? `@${detection.handle}` : detection.kind === "post" ? t("badge_this_post") : t("badge_this_page");
  return { open: t("badge_open", [label]), hide: t("badge_hide"), frame: t("panel_frame_title") };
}

/** What a host runs, from its NodeInfo, asked once per host per session: a name, or `null` (not
 * fediverse, or no answer). */
async function softwareOf(host) {
  const key = `software:${host}`;
  const known = (await store.get(key))[key];
  if (known !== undefined) return known;
  // Tabs of one host opened together ask once.
  let asking = askingSoftware.get(host);
  if (!asking) {
    asking = ready
      .then(() => host_software(host))
      .then(async (software = null) => {
        await store.set({ [key]: software });
        if (!software) rememberLookAlikeHost(host);
        return software;
      })
      .finally(() => askingSoftware.delete(host));
    askingSoftware.set(host, asking);
  }
  return asking;
}
const askingSoftware = new Map();

// The hosts found not to be fediverse this session get a one-line script that runs before the gate
// and tells it so (look-alike-host.js): their `/@name` pages then cost no message at all (the
// extension API's first use, ~1 ms of the page's main thread). For as long as the answer is kept:
// until the browser restarts (persistAcrossSessions: false), as storage.session.
const LOOK_ALIKE_SCRIPT = "look-alike-hosts";
const LOOK_ALIKE_HOSTS_KEPT = 500; // the newest
let lookAlikeUpdates = Promise.resolve();
function rememberLookAlikeHost(host) {
  if (!/^[a-z0-9.-]+$/.test(host)) return; // a match pattern's host name (no IPv6 literal)
  const update = async () => {
    const [known] = await api.scripting.getRegisteredContentScripts({ ids: [LOOK_ALIKE_SCRIPT] });
    const matches = [...new Set([...(known?.matches ?? []), `https://${host}/*`])].slice(-LOOK_ALIKE_HOSTS_KEPT);
    const script = { id: LOOK_ALIKE_SCRIPT, matches, js: ["look-alike-host.js"], runAt: "document_start", persistAcrossSessions: false };
    await (known ? api.scripting.updateContentScripts([script]) : api.scripting.registerContentScripts([script]));
  };
  lookAlikeUpdates = lookAlikeUpdates.then(update).catch(() => {});
}

// A badge is about to show: rehearse a lookup offline once per background lifetime, so that the
// wasm code a click needs is compiled by then (the core's `prepare`, no network); a connected
// reader's panel also asks the home, so its wasm is loaded then too.
let rehearsed = null;
const REHEARSAL_DELAY_MS = 300;
function rehearse() {
  // No home saved: the vault stays closed.
  const connected = () => home().then((handle) => handle && homeConnection());
  rehearsed ??= Promise.all([prepare(), connected().then((connection) => connection && homeReady())]).catch(() => {});
}

// panel.html must be web-accessible to be framed in pages, so a page could frame it too, with a
// target of its choosing. A panel frame is only served if our content script in that tab made it:
// the secret it put in the frame's URL came to us with its detection.
const PANEL_SECRETS_KEPT = 8; // one per page (content script) loaded in the tab

async function rememberPanelSecret(tabId, secret) {
  const key = `panels:${tabId}`;
  const known = (await store.get(key))[key] ?? [];
  if (known.includes(secret)) return;
  await store.set({ [key]: [...known, secret].slice(-PANEL_SECRETS_KEPT) });
}

// Which sender must show a secret is decided by where it runs, never by how its URL is spelled
// (Chromium serves `%70anel.html` and `panel%2Ehtml` as panel.html): any of our pages in a frame
// inside a tab. Pages at the top of a tab or in no tab (the popup, the options page) are ones
// the user opened; a page that opens panel.html at the top of a tab cannot send it the badge's
// "open" (the panel listens to its parent only), so nothing is looked up there without a click.
/** @param {{ secret?: string }} message */
async function checkPanelSecret({ secret }, sender) {
  if (!sender.tab || sender.frameId === 0) return;
  const key = `panels:${sender.tab.id}`;
  const known = (await store.get(key))[key] ?? [];
  if (!secret || !known.includes(secret)) {
    throw Object.assign(new Error(api.i18n.getMessage("not_our_panel")), { kind: "not_our_panel" });
  }
}

// The home handle, kept in memory (reading storage.sync costs every lookup a few ms) and read
// again after it changes.
let homeRead = null;
function home() {
  homeRead ??= api.storage.sync.get("home").then(
    ({ home: handle = "" }) => handle || undefined,
    () => undefined,
  );
  return homeRead;
}
api.storage.onChanged.addListener((changes, area) => {
  if (area === "sync" && "home" in changes) homeRead = null;
});

function cacheKey({ target, claim, page }, homeHandle) {
  return `lookup:${target}\n${homeHandle ?? ""}\n${claim ?? ""}\n${claim ? page : ""}`;
}

// The cache of answers, kept in storage (which outlives a stopped service worker) and in memory:
// storage is read once per background lifetime (the preloaded panel's `cached` question does it
// before any click), so that a click does not wait on storage. Expired answers are dropped then.
let cacheRead = null;
const fresh = (hit) => hit?.expires > Date.now();
function answers() {
  cacheRead ??= store.get(null).then(
    (all) => {
      const entries = Object.entries(all).filter(([key]) => key.startsWith("lookup:"));
      // Expired, or written by an older version in another shape: dropped.
      const stale = entries.filter(([, hit]) => !(fresh(hit) && typeof hit.view === "string")).map(([key]) => key);
      if (stale.length) store.remove(stale).catch(() => {});
      return new Map(entries.filter(([key]) => !stale.includes(key)));
    },
    () => new Map(),
  );
  return cacheRead;
}

/**
 * One cache for every tab; the core says how long each answer may be reused.
 * @param {{ target: string, force?: boolean } & import("./messages.js").Claim} message
 */
async function cachedLookup({ target, force = false, claim, page }) {
  const homeHandle = await home();
  const key = cacheKey({ target, claim, page }, homeHandle);
  const cache = await answers();
  const hit = cache.get(key);
  if (!force && fresh(hit)) return hit.view;
  // The badge starts a lookup when pressed, its panel asks for the same one a moment later.
  let running = inFlight.get(key);
  if (!running || force) {
    performance.mark("fedilens:lookup-started"); // read by `make bench`, as are the panel's marks
    const started = lookup_with_claim(target, homeHandle, false, claim, claim ? page : undefined).finally(() => {
      if (inFlight.get(key) === started) inFlight.delete(key);
    });
    inFlight.set(key, started);
    running = started;
  }
  // The panel's view (JSON text) and how long the core says it may be reused.
  const { view, cache_seconds } = await running;
  performance.mark("fedilens:answered");
  const entry = { view, expires: Date.now() + cache_seconds * 1000 };
  for (const [old, hit] of cache) if (!fresh(hit)) cache.delete(old);
  cache.set(key, entry);
  // Stored after the answer has gone out: the panel need not wait for storage.
  setTimeout(() => store.set({ [key]: entry }).catch(() => {}));
  return view;
}
const inFlight = new Map();

/** The cached answer if there is a fresh one, with its expiry: never touches the network. */
async function cachedOnly(message) {
  const hit = (await answers()).get(cacheKey(message, await home()));
  return fresh(hit) ? { view: hit.view, expires: hit.expires } : {};
}

/** Saves a home handle once the core has found the account by WebFinger. */
async function setHome(input) {
  const answer = await check_home(input);
  if (answer.usable) {
    await api.storage.sync.set({ home: answer.handle });
    homeRead = null; // before the panel's next lookup, whenever storage.onChanged comes
    // Whether its server speaks an API to connect (the panel's Connect button).
    await api.storage.local.set({ homeApi: { handle: answer.handle, api: answer.api } });
  }
  return { ...answer, saved: answer.usable };
}
