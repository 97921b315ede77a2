// Who may ask what, beyond the message contract's "page" or "extension": the panel secrets, and
// the options page's own messages. The router (background.js) applies these as each message's
// contract says (`check` in messages.js).
import { api, notOurPanel } from "./bg-core.js";
import { session, SESSION } from "./settings.js";

// panel.html must be web-accessible to be framed in pages, so a page could frame it too, with a
// target of its choosing. A panel frame is only served if our content script in that tab made it:
// the secret it put in the frame's URL came to us with its detection.
const PANEL_SECRETS_KEPT = 8; // one per page (content script) loaded in the tab

/** Keeps `secret`, from a detection in tab `tabId`. */
export async function rememberPanelSecret(tabId, secret) {
  const key = SESSION.panels(tabId);
  const known = (await session.get(key))[key] ?? [];
  if (known.includes(secret)) return;
  await session.set({ [key]: [...known, secret].slice(-PANEL_SECRETS_KEPT) });
}

// Which sender must show a secret is decided by where it runs, never by how its URL is spelled
// (Chromium serves `%70anel.html` and `panel%2Ehtml` as panel.html): any of our pages in a frame
// inside a tab. Pages at the top of a tab or in no tab (the popup, the options page) are ones
// the user opened; a page that opens panel.html at the top of a tab cannot send it the badge's
// "open" (the panel listens to its parent only), so nothing is looked up there without a click.
/** @param {{ secret?: string }} message */
async function checkPanelSecret({ secret }, sender) {
  if (!sender.tab || sender.frameId === 0) return;
  const key = SESSION.panels(sender.tab.id);
  const known = (await session.get(key))[key] ?? [];
  if (!secret || !known.includes(secret)) throw notOurPanel();
}

// Disconnecting: only from the options page, at the top of its tab (a page can open panel.html,
// which is web-accessible, at the top of a tab; never options.html).
function openedByTheReader(sender) {
  const options = sender.url && new URL(sender.url).pathname === "/options.html" && (!sender.tab || sender.frameId === 0);
  if (!options) throw notOurPanel();
}

/**
 * Throws the refusal unless `sender` may send `message` as its contract's `check` says.
 * @param {import("./messages.js").Contract["check"]} check
 * @param {{ secret?: string }} message
 */
export async function checkSender(check, message, sender) {
  if (check === "panel") await checkPanelSecret(message, sender);
  else if (check === "options") openedByTheReader(sender);
}
