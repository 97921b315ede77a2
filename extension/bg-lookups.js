// Lookups and the cache of their answers: one cache for every tab; the core says how long each
// answer may be reused. The home handle is part of each lookup (the follow link goes there), so
// it is read here too.
import { lookup_with_claim } from "./wasm/fedilens.js";
import { ready } from "./bg-core.js";
import * as settings from "./settings.js";
import { session, SESSION } from "./settings.js";

// The home handle, kept in memory (reading storage.sync costs every lookup a few ms) and read
// again after it changes.
let homeRead = null;
/** @returns {Promise<string | undefined>} */
export function home() {
  homeRead ??= settings.get("home").then((handle) => handle || undefined);
  return homeRead;
}
/** The home handle changed: read it again at the next need. */
export function forgetHome() {
  homeRead = null;
}
settings.onChange("home", forgetHome);

/** @param {{ target: string } & import("./messages.js").Claim} message @param {string | undefined} homeHandle */
function cacheKey({ target, claim, page }, homeHandle) {
  return `${SESSION.lookup}${target}\n${homeHandle ?? ""}\n${claim ?? ""}\n${claim ? page : ""}`;
}

// The cache of answers, kept in storage (which outlives a stopped service worker) and in memory:
// storage is read once per background lifetime (the preloaded panel's `cached` question does it
// before any click), so that a click does not wait on storage. Expired answers are dropped then.
let cacheRead = null;
const fresh = (hit) => hit?.expires > Date.now();
function answers() {
  cacheRead ??= session.get(null).then(
    (all) => {
      const entries = Object.entries(all).filter(([key]) => key.startsWith(SESSION.lookup));
      // Expired, or written by an older version in another shape: dropped.
      const stale = entries.filter(([, hit]) => !(fresh(hit) && typeof hit.view === "string")).map(([key]) => key);
      if (stale.length) session.remove(stale).catch(() => {});
      return new Map(entries.filter(([key]) => !stale.includes(key)));
    },
    () => new Map(),
  );
  return cacheRead;
}

/**
 * The panel's view (JSON text) for `target`, from the cache while it is fresh (unless `force`).
 * @param {{ target: string, force?: boolean | null } & import("./messages.js").Claim} message
 */
export async function cachedLookup({ target, force = false, claim, page }) {
  await ready;
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
  setTimeout(() => session.set({ [key]: entry }).catch(() => {}));
  return view;
}
const inFlight = new Map();

/**
 * The cached answer if there is a fresh one, with its expiry: never touches the network.
 * @param {{ target: string } & import("./messages.js").Claim} message
 * @returns {Promise<import("./messages.js").ViewAnswer | {}>}
 */
export async function cachedOnly(message) {
  await ready;
  const hit = (await answers()).get(cacheKey(message, await home()));
  return fresh(hit) ? { view: hit.view, expires: hit.expires } : {};
}
