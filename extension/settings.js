// Every key Fedilens keeps in the browser's storage: where it lives and what it is until set.
// Used by the background, the options page and the popup; content-main.js (a classic script,
// which cannot import this) writes `dismissed` itself and names it through this module's types.
//
// Not here: the home connection and the kept app (they hold secrets: the token, the app's secret),
// which live in the background's own IndexedDB (bg-home.js), not in a storage area content
// scripts can read.

const api = globalThis.browser ?? globalThis.chrome;

/**
 * The settings: area ("sync" follows the reader's browser profile, "local" stays in this browser)
 * and default.
 */
export const SETTINGS = /** @type {const} */ ({
  /** The reader's home account, `user@host` (as `check_home` found it), or "" for none. */
  home: { area: "sync", default: "" },
  /** Whether the badge shows by itself (the options' switch). */
  autoBadge: { area: "local", default: true },
  /** The sites where the reader pressed × on the badge: `{[hostname]: true}`. */
  dismissed: { area: "local", default: /** @type {Record<string, boolean>} */ ({}) },
  /** Whether the saved home's server speaks an API to connect (the panel's Connect button):
   * `check_home`'s `api` for `handle`, kept when the home was saved. */
  homeApi: { area: "local", default: /** @type {{ handle: string, api: string | null } | null} */ (null) },
});

/** @typedef {typeof SETTINGS} Settings */
/** @typedef {keyof Settings} Key */
/**
 * @template {Key} K
 * @typedef {(typeof SETTINGS)[K]["default"] extends boolean ? boolean : (typeof SETTINGS)[K]["default"] extends string ? string : (typeof SETTINGS)[K]["default"]} Value
 */

/** The storage area of `key`. @param {Key} key */
const areaOf = (key) => api.storage[SETTINGS[key].area];

/**
 * The setting `key`, or its default when it is unset or storage fails.
 * @template {Key} K
 * @param {K} key
 * @returns {Promise<Value<K>>}
 */
export async function get(key) {
  const fallback = /** @type {Value<K>} */ (SETTINGS[key].default);
  const stored = await areaOf(key)
    .get(key)
    .catch(() => ({}));
  return stored[key] ?? fallback;
}

/**
 * @template {Key} K
 * @param {K} key
 * @param {Value<K>} value
 */
export function set(key, value) {
  return areaOf(key).set({ [key]: value });
}

/** Back to the default. @param {Key} key */
export function remove(key) {
  return areaOf(key).remove(key);
}

/** Calls `changed` whenever `key` changes (in any context of the extension). @param {Key} key @param {() => void} changed */
export function onChange(key, changed) {
  api.storage.onChanged.addListener((/** @type {Record<string, unknown>} */ changes, /** @type {string} */ area) => {
    if (area === SETTINGS[key].area && key in changes) changed();
  });
}

// What the background keeps for the browser session. Survives the service worker being stopped
// (storage.session), else lives as long as the page.
export const session = api.storage.session ?? api.storage.local;
/** The session's keys, each made from what it is about. */
export const SESSION = {
  /** The tab's detection (`tab-target`'s answer), or null. */
  tab: (/** @type {number} */ tabId) => `tab:${tabId}`,
  /** The panel secrets of the badges in the tab (bg-secrets.js). */
  panels: (/** @type {number} */ tabId) => `panels:${tabId}`,
  /** What a host runs, from its NodeInfo: a name, or null. */
  software: (/** @type {string} */ host) => `software:${host}`,
  /** A lookup's answer, `{view, expires}` (bg-lookups.js): all start with this. */
  lookup: "lookup:",
};
