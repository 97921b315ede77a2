// Fedilens content script: the gate. Runs on every https page, so on a page without fediverse
// signals it does only this: string checks on the URL, one getElementById, one querySelector on
// the document — nothing that finds an element, so no element wrapper is made in this world —
// and nothing else: not even the extension API is touched. RULES (prepended by the build from
// `fedilens content-rules`) comes from the Rust tables. Pages that pass load the rest.
/* global RULES */
(() => {
  const doc = document;
  const url = doc.URL; // a string: cheaper than `location`, which is one more object to make here
  const rest = url.slice(url.indexOf("//") + 2);
  const slash = rest.indexOf("/");
  const host = rest.slice(0, slash);
  const path = rest.slice(slash);
  const passes =
    RULES.known_hosts.includes(host) ||
    RULES.path_prefixes.some((prefix) => path.startsWith(prefix)) ||
    RULES.marker_ids.some((id) => doc.getElementById(id) != null) ||
    doc.querySelector(RULES.selector) != null;
  if (passes) {
    // The background injects the main part into this frame (scripting.executeScript).
    (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: "inject-main" }).catch(() => {});
  }
})();
