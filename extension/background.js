// Fedilens background (Chrome service worker / Firefox event page). Loads the wasm core and
// answers the content script, the panel, the popup and the options page. No product rule here:
// detection, resolution, verification, cache lifetimes and follow links all come from the core.
import init, { cache_seconds, check_home, confirm_candidate, detect, host_software, lookup_with_claim } from "./wasm/fedilens.js";

const api = globalThis.browser ?? globalThis.chrome;
// Service workers may not use top-level await: handlers wait on this instead.
const ready = init({ module_or_path: api.runtime.getURL("wasm/fedilens_bg.wasm") });
// Survives the service worker being stopped (storage.session), else lives as long as the page.
const store = api.storage.session ?? api.storage.local;

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  handle(message, sender).then(sendResponse, (error) => sendResponse({ error: asError(error) }));
  return true; // answered asynchronously
});

function asError(error) {
  if (error && typeof error === "object" && "kind" in error) return { kind: error.kind, message: error.message };
  return { kind: "internal", message: String(error?.message ?? error) };
}

async function handle(message, sender) {
  if (message?.type === "inject-main") {
    // Only pages that passed the content script's cheap check get the rest of it.
    await api.scripting.executeScript({ target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] }, files: ["content-main.js"] });
    return { injected: true };
  }
  await ready;
  switch (message?.type) {
    case "detect":
      return detectPage(message.signals, sender.tab?.id);
    case "lookup":
      return { report: await cachedLookup(message) };
    case "tab-target":
      return (await store.get(`tab:${message.tabId}`))[`tab:${message.tabId}`] ?? null;
    case "set-home":
      return setHome(message.handle);
    default:
      return { error: { kind: "bad_message", message: `unknown message ${message?.type}` } };
  }
}

async function detectPage(signals, tabId) {
  let detection = detect(signals);
  // A URL that only has a fediverse shape: ask the page's own host what it runs, once per host.
  if (detection.kind === "none" && detection.candidate) {
    const host = new URL(signals.url).hostname;
    const key = `software:${host}`;
    let known = (await store.get(key))[key];
    if (known === undefined) {
      known = (await host_software(host)) ?? null;
      await store.set({ [key]: known });
    }
    if (known) detection = confirm_candidate(detection, known);
  }
  if (tabId != null) await store.set({ [`tab:${tabId}`]: detection.kind === "none" ? null : detection });
  return detection;
}

async function home() {
  const { home: handle = "" } = await api.storage.sync.get("home").catch(() => ({}));
  return handle || undefined;
}

/** One cache for every tab; the core says how long each answer may be reused. */
async function cachedLookup({ target, force = false, claim, page }) {
  const homeHandle = await home();
  const key = `lookup:${target}\n${homeHandle ?? ""}\n${claim ?? ""}\n${claim ? page : ""}`;
  const hit = (await store.get(key))[key];
  if (!force && hit && hit.expires > Date.now()) return hit.json;
  const json = await lookup_with_claim(target, homeHandle, false, claim, claim ? page : undefined);
  await store.set({ [key]: { json, expires: Date.now() + cache_seconds(json) * 1000 } });
  return json;
}

/** Saves a home handle once the core has found the account by WebFinger. */
async function setHome(input) {
  const answer = await check_home(input);
  if (answer.usable) await api.storage.sync.set({ home: answer.handle });
  return { ...answer, saved: answer.usable };
}
