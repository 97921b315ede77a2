// Fedilens background (Chrome service worker / Firefox event page). Loads the wasm core and
// answers the content script, the panel, the popup and the options page. No product rule here:
// detection, resolution, verification, cache lifetimes and follow links all come from the core.
//
// This file is the entry: the router, driven by the message contract (messages.js). Its parts,
// each imported by the ones after it only: bg-core.js (the API, the lookup wasm), bg-secrets.js
// (who may ask), bg-lookups.js (lookups, their cache, the home handle), bg-vault.js and
// bg-home.js (the home account and its API), bg-pages.js (injection, detection, the badge).
import { api, asError } from "./bg-core.js";
import { checkSender } from "./bg-secrets.js";
import { cachedLookup, cachedOnly } from "./bg-lookups.js";
import { connect, disconnectHome, homeAct, homeConnectionState, homeFollow, homePost, homeStatus, setHome } from "./bg-home.js";
import { detectPage, injectGuard, injectMain, tabTarget } from "./bg-pages.js";
import { MESSAGES } from "./messages.js";

/** @typedef {import("./messages.js").MessageType} MessageType */

/**
 * Who answers each message: every type of the contract has one, answering as the contract says
 * (tsc checks both).
 * @type {{ [T in MessageType]: (message: import("./messages.js").MessageOf<T>, sender: any) => Promise<import("./messages.js").Answers[T]> }}
 */
const HANDLERS = {
  "inject-main": injectMain,
  "inject-guard": injectGuard,
  detect: detectPage,
  lookup: async (message) => ({ view: await cachedLookup(message) }),
  "start-lookup": async (message) => {
    // From the badge, pressed (a content script: the page can't send this), ahead of its panel.
    cachedLookup(message).catch(() => {});
    return { started: true };
  },
  cached: cachedOnly,
  "tab-target": tabTarget,
  "set-home": setHome,
  "home-status": homeStatus,
  "home-follow": homeFollow,
  "home-post": homePost,
  "home-act": homeAct,
  "home-connection": homeConnectionState,
  "home-connect": connect,
  "home-disconnect": disconnectHome,
};

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const refusal = misfit(message, sender);
  if (refusal) {
    sendResponse({ error: { kind: "bad_message", message: refusal } });
    return false;
  }
  handle(message, sender).then(sendResponse, (error) => sendResponse({ error: asError(error) }));
  return true; // answered asynchronously
});

/** Checks what the message's contract asks of its sender (a panel's secret…), then answers it. */
async function handle(message, sender) {
  const type = /** @type {MessageType} */ (message.type);
  await checkSender(MESSAGES[type].check, message, sender);
  return HANDLERS[type](message, sender);
}

const extensionOrigin = new URL(api.runtime.getURL("")).origin;

/** Why `message` from `sender` is refused, or "" when it fits its contract. */
function misfit(message, sender) {
  /** @type {import("./messages.js").Contract | undefined} */
  const contract = message && typeof message === "object" && Object.hasOwn(MESSAGES, message.type) ? MESSAGES[message.type] : undefined;
  if (!contract) return `unknown message ${JSON.stringify(message?.type ?? null)}`;
  const from = sender.id !== api.runtime.id ? "elsewhere" : sender.url && new URL(sender.url).origin === extensionOrigin ? "extension" : "page";
  if (from !== contract.from || (from === "page" && !sender.tab)) return `${message.type} may not come from here`;
  // A message whose sender must show a panel's secret may carry it.
  const members = contract.check === "panel" ? { ...contract.members, secret: "string?" } : contract.members;
  for (const [name, value] of Object.entries(message)) {
    if (name === "type") continue;
    const expected = members[name];
    if (!expected) return `${message.type} has no member ${name}`;
    const missing = value === undefined || value === null;
    if (missing ? !expected.endsWith("?") : typeof value !== expected.replace("?", "")) return `${message.type}.${name} is not a ${expected}`;
  }
  const absent = Object.keys(members).find((name) => !members[name].endsWith("?") && !(name in message));
  return absent ? `${message.type} lacks ${absent}` : "";
}
