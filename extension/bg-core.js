// The background's base, imported by its other parts: the extension API, the lookup wasm (loaded
// once), the catalogue it words its sentences with, and the shape of the background's own errors.
import init, { set_catalogue } from "./wasm/fedilens.js";

export const api = globalThis.browser ?? globalThis.chrome;
// Service workers may not use top-level await: handlers wait on this instead. The core words what
// the background says itself (errors, the home check) in the catalogue the browser chose; a
// lookup's panel view crosses as message ids, worded by the panel.
export const words = fetch(api.runtime.getURL(`_locales/${api.i18n.getMessage("catalogue_language") || "en"}/messages.json`)).then((r) => r.text());
export const ready = Promise.all([init({ module_or_path: api.runtime.getURL("wasm/fedilens_bg.wasm") }), words]).then(([, text]) => set_catalogue(text));

/** An error as the background answers it: `{kind, message}` (the core's errors have a kind). */
export function asError(error) {
  if (error && typeof error === "object" && "kind" in error) return { kind: error.kind, message: error.message };
  return { kind: "internal", message: String(error?.message ?? error) };
}

/** The refusal of a sender that is not one of our panels (or not the page the message needs). */
export function notOurPanel() {
  return Object.assign(new Error(api.i18n.getMessage("not_our_panel")), { kind: "not_our_panel" });
}
