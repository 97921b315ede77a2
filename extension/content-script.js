// Fedilens content script: the gate. Runs on every https page, so on a page without fediverse
// signals it does only this: string checks on the URL, one getElementById, a few querySelectors on
// the document (one selector each: Chromium's fast search) — nothing that finds an element, so no
// element wrapper is made in this world — and nothing else: not even the extension API is
// touched. Plain loops, no callbacks: each callback is one more function to compile on every page.
// RULES (prepended by the build from `fedilens content-rules`) comes from the Rust tables. Pages
// that pass load the rest.
/* global RULES */
(() => {
  const doc = document;
  const url = doc.URL; // a string: cheaper than `location`, which is one more object to make here
  const rest = url.slice(url.indexOf("//") + 2);
  const slash = rest.indexOf("/");
  const path = rest.slice(slash);
  // The URL's shape is checked last: a page that passes on it alone is only a look-alike until
  // its host is known, and the background skips hosts it already knows are not fediverse. (On a
  // page without signals every check runs anyway, so the order costs it nothing.)
  let passes = RULES.known_hosts.includes(rest.slice(0, slash));
  for (let i = 0; !passes && i < RULES.marker_ids.length; i++) passes = doc.getElementById(RULES.marker_ids[i]) != null;
  for (let i = 0; !passes && i < RULES.selectors.length; i++) passes = doc.querySelector(RULES.selectors[i]) != null;
  // Not on a host already found not to be fediverse (look-alike-host.js said so).
  let shape = false;
  for (let i = 0; !passes && !globalThis.fedilensLookAlikeHost && i < RULES.path_prefixes.length; i++) passes = shape = path.startsWith(RULES.path_prefixes[i]);
  if (passes) {
    // The background injects the main part into this frame (scripting.executeScript), judges the
    // signals it gathered (its script's result) and answers here with the detection, which this
    // hands to the main part: the page's first detection costs it one message, this one.
    (globalThis.browser ?? globalThis.chrome).runtime
      .sendMessage(/** @satisfies {import("./messages.js").InjectMain} */ ({ type: "inject-main", shape }))
      .then((/** @type {import("./messages.js").Injected} */ answer) => answer.detection && globalThis[Symbol.for("fedilens.main")]?.(answer.detection), () => {});
  }
})();
