import { actOnPost, api, connectHome, setFollowing, show, showRelationship, wireCommands } from "./panel-view.js";

const root = document.getElementById("root");
const input = /** @type {HTMLInputElement} */ (document.getElementById("target"));
let current = "";

/** The lookup, then the connected home's part (where the reader stands, or Connect). */
const showAll = (/** @type {object} */ options = {}) => show(root, current, options).then(() => showRelationship(root));
wireCommands(root, (options) => current && showAll(options));
document.getElementById("lookup").addEventListener("submit", (e) => {
  e.preventDefault();
  current = input.value.trim();
  if (current) showAll();
});
// The toolbar popup is the browser's own surface, which no page can frame or cover: its Follow,
// Connect, Like and Boost act on the click (the panel in a page guards them first, in panel.js).
root.addEventListener("click", (e) => {
  const button = /** @type {HTMLElement} */ (e.target).closest?.("button.fl-home-follow, button.fl-home-connect, button.fl-home-act");
  if (!button || !e.isTrusted) return;
  if (button.matches(".fl-home-follow")) setFollowing(root, /** @type {HTMLElement} */ (button));
  else if (button.matches(".fl-home-act")) actOnPost(root, /** @type {HTMLElement} */ (button));
  else connectHome(root, /** @type {HTMLElement} */ (button));
});

// The same panel for the current tab, even where the badge was dismissed.
const [tab] = await api.tabs.query({ active: true, currentWindow: true }).catch(() => []);
const detection = tab ? await api.runtime.sendMessage(/** @satisfies {import("./messages.js").TabTarget} */ ({ type: "tab-target", tabId: tab.id })).catch(() => null) : null;
if (detection) {
  current = detection.target;
  input.value = current;
  showAll();
}
