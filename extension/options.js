const api = globalThis.browser ?? globalThis.chrome;
const form = document.getElementById("options");
const home = document.getElementById("home");
const autoBadge = document.getElementById("auto-badge");
const status = document.getElementById("home-status");

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
    status.textContent = "Saved. No home instance: the panel will ask for one before following.";
    return;
  }
  status.textContent = "Checking your account by WebFinger…";
  const answer = await api.runtime.sendMessage({ type: "set-home", handle: input });
  if (answer?.error) {
    status.textContent = `Not saved: ${answer.error.message}`;
  } else if (!answer.saved) {
    status.textContent = `Not saved: ${answer.headline}`;
  } else {
    const software = answer.software ? ` (${answer.software.name}${answer.software.version ? ` ${answer.software.version}` : ""})` : "";
    status.textContent = `Saved: @${answer.handle}${software}.`;
  }
});
