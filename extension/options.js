const api = globalThis.browser ?? globalThis.chrome;
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
    homeStatus.textContent = "Saved. No home instance: the panel will ask for one before following.";
    return;
  }
  homeStatus.textContent = "Checking your account by WebFinger…";
  const answer = await api.runtime.sendMessage(/** @satisfies {import("./messages.js").SetHome} */ ({ type: "set-home", handle: input }));
  if (answer?.error) {
    homeStatus.textContent = `Not saved: ${answer.error.message}`;
  } else if (!answer.saved) {
    homeStatus.textContent = `Not saved: ${answer.headline}`;
  } else {
    const software = answer.software ? ` (${answer.software.name}${answer.software.version ? ` ${answer.software.version}` : ""})` : "";
    homeStatus.textContent = `Saved: @${answer.handle}${software}.`;
  }
});

export {}; // a module (top-level await)
