// Fedilens content script: the gate. Runs on every https page, so on a page without fediverse
// signals it does only this: string checks on the URL, one getElementById, a few querySelectors on
// the document (one selector each: Chromium's fast search) — nothing that finds an element, so no
// element wrapper is made in this world — and nothing else: not even the extension API is
// touched. Plain loops, no callbacks: each callback is one more function to compile on every page
// (gatherSignals below is only skimmed by the parser there: V8 compiles a function at its first call).
// RULES (prepended by the build from `fedilens content-rules`) comes from the Rust tables. Pages
// that pass load the rest.
/* global RULES */

// The signals the core's detection needs. Here, not in the main part, so that a page that passes on
// its markup or its host sends them with its one message (compiled only when called: a page
// without signals only skims it); the main part gathers again after a single-page navigation.
function gatherSignals() {
  const doc = document;
  const head = doc.head ?? doc.documentElement;
  const attr = (el, name) => el.getAttribute(name) ?? "";
  return {
    url: location.href,
    // Where the document was loaded: after a single-page navigation the head may be stale.
    loaded_url: /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType("navigation")[0])?.name ?? "",
    links: [...head.querySelectorAll("link[rel]")].map((/** @type {HTMLLinkElement} */ l) => ({ rel: attr(l, "rel"), type: attr(l, "type"), href: l.href })),
    metas: [...head.querySelectorAll("meta[content]")]
      .map((m) => ({ name: attr(m, "name") || attr(m, "property"), content: attr(m, "content") }))
      .filter((m) => m.name),
    rel_me: [...doc.querySelectorAll("a[rel~=me], link[rel~=me]")].map((/** @type {HTMLAnchorElement} */ a) => a.href),
    json_ld: [...head.querySelectorAll("script[type='application/ld+json']")].map((s) => s.textContent.slice(0, 20000)),
    markers: RULES.marker_ids.filter((id) => doc.getElementById(id)),
  };
}

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
  if (!passes) return;
  // The background injects the main part into this frame (scripting.executeScript). A page that
  // passed on its markup or its host sends its signals along, and the first detection comes back
  // with the answer, for the main part (one message to the background, not two: the page's first
  // is its costliest, the extension API's first use); one that passed on its URL's shape alone
  // waits for its host's NodeInfo, and its main part asks.
  const runtime = (globalThis.browser ?? globalThis.chrome).runtime;
  if (shape) {
    runtime.sendMessage(/** @satisfies {import("./messages.js").InjectMain} */ ({ type: "inject-main", shape })).catch(() => {});
    return;
  }
  const panelSecret = crypto.randomUUID();
  const message = /** @satisfies {import("./messages.js").InjectMain} */ ({ type: "inject-main", shape, signals: gatherSignals(), panelSecret });
  globalThis.fedilensFirst = { url, panelSecret, answer: runtime.sendMessage(message).catch(() => null) };
})();
