// The pages: what the content script's gate and main part ask (injection, detection), the badge's
// words and settings, what each host runs, and the look-alike hosts that need no message at all.
import { detect, host_software, prepare } from "./wasm/fedilens.js";
import { api, ready } from "./bg-core.js";
import { homeConnection, homeReady } from "./bg-home.js";
import { home } from "./bg-lookups.js";
import { rememberPanelSecret } from "./bg-secrets.js";
import * as settings from "./settings.js";
import { session, SESSION } from "./settings.js";

/** Runs our classic scripts, in order, in the sender's frame (its content scripts' isolated
 * world); the result (what the last one evaluates to). */
async function injectInto(sender, ...files) {
  const [injection] = await api.scripting.executeScript({ target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] }, files });
  return injection?.result;
}

/** @param {import("./messages.js").InjectMain} message */
export async function injectMain({ shape }, sender) {
  // Only pages that passed the content script's cheap check get the rest of it. A page that
  // passed on its URL's shape alone (`/@name`: Medium, YouTube…) gets it only once its host's
  // NodeInfo says it is fediverse: asked now, before the main part, which would have asked it
  // anyway (the same one request per host per session), so that a look-alike page never parses
  // or runs the main part.
  if (shape && !(await softwareOf(new URL(sender.url).hostname))) return { injected: false };
  // The main part's result is its first signals: judged here and answered to the gate, in place
  // of a second message from the page (the `detect` message's members, checked as it is).
  /** @type {Partial<import("./messages.js").FirstSignals> | undefined} */
  const first = await injectInto(sender, "content-main.js");
  const fits = first && typeof first.signals === "object" && first.signals && typeof first.panelSecret === "string";
  if (!fits) return { injected: true };
  return { injected: true, detection: await detectPage(/** @type {import("./messages.js").Detect} */ ({ type: "detect", ...first }), sender) };
}

// The badge's interactive half and the follow guard's page side, as the reader approaches a badge
// (content-main.js).
export const injectGuard = async (_message, sender) => {
  await injectInto(sender, "badge-panel.js", "panel-guard.js");
  return { injected: true };
};

/** What the badge in tab `tabId` is about (kept with its detection). */
export async function tabTarget({ tabId }) {
  const key = SESSION.tab(tabId);
  return (await session.get(key))[key] ?? null;
}

// What was kept per tab goes with the tab.
api.tabs.onRemoved.addListener((tabId) => session.remove([SESSION.tab(tabId), SESSION.panels(tabId)]).catch(() => {}));

/**
 * @param {import("./messages.js").Detect} message
 * @returns {Promise<import("./messages.js").Detection>}
 */
export async function detectPage({ signals, panelSecret }, sender) {
  await ready;
  const tabId = sender.tab?.id;
  const signalsText = JSON.stringify(signals);
  let detection = detect(signalsText);
  const hostname = () => new URL(/** @type {{ url: string }} */ (signals).url).hostname;
  // A URL that only has a fediverse shape: what the page's own host runs (asked once per host).
  if (detection.kind === "none" && detection.candidate) {
    const known = await softwareOf(hostname());
    if (known) detection = detect(signalsText, known);
  }
  if (tabId != null) {
    await Promise.all([
      session.set({ [SESSION.tab(tabId)]: detection.kind === "none" ? null : detection }),
      detection.target && panelSecret ? rememberPanelSecret(tabId, panelSecret) : null,
    ]);
  }
  // Later than the badge and the page's own start-up, which need the processor more.
  if (detection.target) setTimeout(rehearse, REHEARSAL_DELAY_MS);
  if (!detection.target) return detection;
  // Whether the badge shows by itself here (the options' switch, the sites where × hid it): read
  // here, so that the page's content script never touches the storage API (its first use in a
  // page's isolated world cost ~1 ms of the page's main thread, CPU profile).
  const [autoBadge, dismissed] = await Promise.all([settings.get("autoBadge"), settings.get("dismissed")]);
  const badge = autoBadge !== false && !dismissed?.[hostname()];
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
  const key = SESSION.software(host);
  const known = (await session.get(key))[key];
  if (known !== undefined) return known;
  // Tabs of one host opened together ask once.
  let asking = askingSoftware.get(host);
  if (!asking) {
    asking = ready
      .then(() => host_software(host))
      .then(async (software = null) => {
        await session.set({ [key]: software });
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
