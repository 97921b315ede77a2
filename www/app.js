// Fedilens on a plain web page: the same wasm core and panel, without the extension.
import init, { lookup, render_failure, render_loading, render_panel } from "./wasm/fedilens.js";

await init();
const root = document.getElementById("root");
const target = document.getElementById("target");
const home = document.getElementById("home");
home.value = localStorage.getItem("fedilens-home") ?? "";

async function show() {
  const t = target.value.trim();
  if (!t) return;
  localStorage.setItem("fedilens-home", home.value.trim());
  render_loading(root, t);
  try {
    render_panel(root, (await lookup(t, home.value.trim() || undefined, true)).view, true);
  } catch (error) {
    render_failure(root, "Could not look this up", error?.message ?? String(error));
  }
}

document.getElementById("lookup").addEventListener("submit", (e) => {
  e.preventDefault();
  show();
});
root.addEventListener("click", (e) => {
  if (e.target.closest("[data-command=retry]")) show();
});
