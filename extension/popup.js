import { api, show, wireCommands } from "./panel-view.js";

const root = document.getElementById("root");
const input = /** @type {HTMLInputElement} */ (document.getElementById("target"));
let current = "";

wireCommands(root, (options) => current && show(root, current, options));
document.getElementById("lookup").addEventListener("submit", (e) => {
  e.preventDefault();
  current = input.value.trim();
  if (current) show(root, current);
});

// The same panel for the current tab, even where the badge was dismissed.
const [tab] = await api.tabs.query({ active: true, currentWindow: true }).catch(() => []);
const detection = tab ? await api.runtime.sendMessage(/** @satisfies {import("./messages.js").TabTarget} */ ({ type: "tab-target", tabId: tab.id })).catch(() => null) : null;
if (detection) {
  current = detection.target;
  input.value = current;
  show(root, current);
}
