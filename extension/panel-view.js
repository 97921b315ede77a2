// Shared by the panel (in the page's iframe) and the popup: asks the background for a lookup and
// has the wasm core draw it. Commands come from buttons the core drew (`data-command`).
import init, { render_failure, render_loading, render_panel } from "./wasm/fedilens.js";

export const api = globalThis.browser ?? globalThis.chrome;
const ready = init({ module_or_path: api.runtime.getURL("wasm/fedilens_bg.wasm") });

export async function show(root, target, { force = false } = {}) {
  await ready;
  render_loading(root, target);
  let answer;
  try {
    answer = await api.runtime.sendMessage({ type: "lookup", target, force });
  } catch (error) {
    answer = { error: { message: String(error?.message ?? error) } };
  }
  if (answer?.report) render_panel(root, answer.report);
  else render_failure(root, "Could not look this up", answer?.error?.message ?? "The extension's background did not answer.");
}

export function wireCommands(root, retry) {
  root.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-command]");
    switch (button?.dataset.command) {
      case "retry":
        return retry();
      case "copy": {
        const text = button.parentElement.querySelector("pre")?.textContent ?? "";
        await navigator.clipboard.writeText(text).catch(() => {});
        button.textContent = "Copied";
        return;
      }
      case "open-options":
        return api.runtime.openOptionsPage();
    }
  });
}
