// Fedilens on a plain web page: the same wasm core and panel, without the extension.
// Two of the core's three parts: the lookup and the drawing (each worded with the same catalogue).
import initLookup, { lookup, set_catalogue as wordLookups } from "./wasm/fedilens.js";
import initPanel, { render_failure, render_loading, render_panel, set_catalogue as wordPanels } from "./wasm/fedilens_panel.js";
import { announce, expectAnswer } from "./announce.js";
import { localize, messagesOf } from "./i18n.js";

// The reader's first language that Fedilens speaks (the extension's _locales, copied here).
const LANGUAGES = ["en", "ja"];
const language = navigator.languages.map((l) => l.toLowerCase().split("-")[0]).find((l) => LANGUAGES.includes(l)) ?? "en";
const [catalogue] = await Promise.all([fetch(`_locales/${language}/messages.json`).then((r) => r.text()), initLookup(), initPanel()]);
wordLookups(catalogue);
wordPanels(catalogue);
localize(document, messagesOf(JSON.parse(catalogue)));
const root = document.getElementById("root");
const target = document.getElementById("target");
const home = document.getElementById("home");
home.value = localStorage.getItem("fedilens-home") ?? "";

async function show() {
  const t = target.value.trim();
  if (!t) return;
  localStorage.setItem("fedilens-home", home.value.trim());
  render_loading(root, t);
  expectAnswer();
  try {
    render_panel(root, (await lookup(t, home.value.trim() || undefined, true)).view, true);
    announce(root);
  } catch (error) {
    render_failure(root, error?.message ?? String(error));
    announce(root);
  }
}

document.getElementById("lookup").addEventListener("submit", (e) => {
  e.preventDefault();
  show();
});
root.addEventListener("click", (e) => {
  if (e.target.closest("[data-command=retry]")) show();
});
