import { localize } from "./i18n.js";
import * as settings from "./settings.js";

const api = globalThis.browser ?? globalThis.chrome;
const t = (/** @type {string} */ id, /** @type {string[]} */ values = []) => api.i18n.getMessage(id, values);
localize(document, t);
const form = document.getElementById("options");
const home = /** @type {HTMLInputElement} */ (document.getElementById("home"));
const autoBadge = /** @type {HTMLInputElement} */ (document.getElementById("auto-badge"));
const homeStatus = document.getElementById("home-status");

const saved = await settings.get("home");
home.value = saved ? `@${saved}` : "";
autoBadge.checked = (await settings.get("autoBadge")) !== false;

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  await settings.set("autoBadge", autoBadge.checked);
  const input = home.value.trim();
  if (!input) {
    await settings.remove("home");
    homeStatus.textContent = t("home_saved_none");
    return;
  }
  homeStatus.textContent = t("home_checking");
  const answer = await api.runtime.sendMessage(/** @satisfies {import("./messages.js").SetHome} */ ({ type: "set-home", handle: input }));
  if (answer?.error) {
    homeStatus.textContent = t("home_not_saved", [answer.error.message]);
  } else if (!answer.saved) {
    homeStatus.textContent = t("home_not_saved", [answer.headline]);
  } else if (answer.software) {
    const software = `${answer.software.name}${answer.software.version ? ` ${answer.software.version}` : ""}`;
    homeStatus.textContent = t("home_saved_software", [`@${answer.handle}`, software]);
  } else {
    homeStatus.textContent = t("home_saved", [`@${answer.handle}`]);
  }
});


// Issue 14: connecting the home account through its own API. The background does it all (the
// approval window, the token); this page only says where things stand.
const connectStatus = document.getElementById("connect-status");
const connectButton = /** @type {HTMLButtonElement} */ (document.getElementById("connect-button"));
const disconnectButton = /** @type {HTMLButtonElement} */ (document.getElementById("disconnect-button"));
const apiNames = { mastodon: "Mastodon", misskey: "Misskey" };

/**
 * Shows the connection state; `said`: what the last action said, kept above it.
 * @param {import("./messages.js").Connection | import("./messages.js").NotConnected | null} state
 */
function showConnection(state, said = "") {
  const apiName = state?.connected ? (apiNames[state.api] ?? state.api) : undefined;
  let where = t("options_not_connected");
  if (state?.connected === false && state.connect === false) where = t("connect_no_window");
  else if (state?.connected && state.current === false) where = t("options_connected_other", [state.account, apiName]);
  else if (state?.connected) where = t("options_connected", [state.account, apiName]);
  connectStatus.textContent = said ? `${said} ${where}` : where;
  connectButton.hidden = Boolean(state?.connected) || (state?.connected === false && state.connect === false);
  disconnectButton.hidden = !state?.connected;
}

showConnection(await api.runtime.sendMessage(/** @satisfies {import("./messages.js").HomeConnection} */ ({ type: "home-connection" })).catch(() => null));

connectButton.addEventListener("click", async () => {
  connectButton.disabled = true;
  connectStatus.textContent = t("options_connecting");
  const answer = await api.runtime.sendMessage(/** @satisfies {import("./messages.js").HomeConnect} */ ({ type: "home-connect" })).catch((e) => ({ error: { message: String(e?.message ?? e) } }));
  connectButton.disabled = false;
  showConnection(answer?.error ? { connected: false } : answer, answer?.error?.message ?? "");
});

disconnectButton.addEventListener("click", async () => {
  disconnectButton.disabled = true;
  const answer = await api.runtime.sendMessage(/** @satisfies {import("./messages.js").HomeDisconnect} */ ({ type: "home-disconnect" })).catch((e) => ({ error: { message: String(e?.message ?? e) } }));
  disconnectButton.disabled = false;
  showConnection({ connected: false }, answer?.message ?? answer?.error?.message ?? "");
});
