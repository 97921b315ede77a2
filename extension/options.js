import { localize } from "./i18n.js";

const api = globalThis.browser ?? globalThis.chrome;
const t = (/** @type {string} */ id, /** @type {string[]} */ values = []) => api.i18n.getMessage(id, values);
localize(document, t);
const form = document.getElementById("options");
const home = /** @type {HTMLInputElement} */ (document.getElementById("home"));
const autoBadge = /** @type {HTMLInputElement} */ (document.getElementById("auto-badge"));
const homeStatus = document.getElementById("home-status");

const saved = await api.storage.sync.get("home").catch(() => ({}));
const local = await api.storage.local.get("autoBadge").catch(() => ({}));
home.value = saved.home ? `@${saved.home}` : "";
autoBadge.checked = local.autoBadge !== false;

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  await api.storage.local.set({ autoBadge: autoBadge.checked });
  const input = home.value.trim();
  if (!input) {
    await api.storage.sync.remove("home");
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

