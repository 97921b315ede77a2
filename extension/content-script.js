// Fedilens content script: the gate. Runs on every https page, so the work on a page without
// fediverse signals is one cheap check — the host, one selector on <head>, one element id, one
// regular expression on the path, one selector on the body — and nothing else: not even the
// extension API is touched. RULES (prepended by the build from `fedilens content-rules`) comes
// from the Rust tables. Pages that pass load the rest (content-main.js).
/* global RULES */
(() => {
  const passes =
    RULES.known_hosts.includes(location.hostname) ||
    document.head?.querySelector(RULES.head_selector) != null ||
    RULES.marker_ids.some((id) => document.getElementById(id)) ||
    new RegExp(RULES.path_pattern).test(location.pathname) ||
    document.querySelector(RULES.body_selector) != null;
  if (passes) {
    // The background injects the main part into this frame (scripting.executeScript).
    (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: "inject-main" }).catch(() => {});
  }
})();
