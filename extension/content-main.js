// Fedilens content script, main part: loaded only on pages that passed the gate
// (content-script.js). Gathers the page signals for the core, draws the badge, opens the panel.
/* global RULES */
const api = globalThis.browser ?? globalThis.chrome;

// Gather the signals the core's detection needs.
const attr = (el, name) => el.getAttribute(name) ?? "";
function gather() {
  const head = document.head ?? document.documentElement;
  return {
    url: location.href,
    // Where the document was loaded: after a single-page navigation the head may be stale.
    loaded_url: /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType("navigation")[0])?.name ?? "",
    links: [...head.querySelectorAll("link[rel]")].map((/** @type {HTMLLinkElement} */ l) => ({ rel: attr(l, "rel"), type: attr(l, "type"), href: l.href })),
    metas: [...head.querySelectorAll("meta[content]")]
      .map((m) => ({ name: attr(m, "name") || attr(m, "property"), content: attr(m, "content") }))
      .filter((m) => m.name),
    rel_me: [...document.querySelectorAll("a[rel~=me], link[rel~=me]")].map((/** @type {HTMLAnchorElement} */ a) => a.href),
    json_ld: [...head.querySelectorAll("script[type='application/ld+json']")].map((s) => s.textContent.slice(0, 20000)),
    markers: RULES.marker_ids.filter((id) => document.getElementById(id)),
  };
}

// The page can style our host element, even with !important; it can't beat the shadow root's own
// !important rules on :host (for important declarations the inner context wins), so every
// property that could hide, fade, move or reshape the badge is set here, important.
const BADGE_CSS = `
  :host { all: initial !important; display: block !important; position: fixed !important; inset: auto 16px 16px auto !important;
    z-index: 2147483647 !important; opacity: 1 !important; visibility: visible !important; transform: none !important;
    filter: none !important; clip-path: none !important; mask: none !important; mix-blend-mode: normal !important;
    pointer-events: auto !important; zoom: 1 !important; font: 13px/1.3 system-ui, sans-serif !important; }
  .bar { display: flex; align-items: center; gap: 2px; background: #5b4ee6; color: #fff; border-radius: 18px; box-shadow: 0 2px 8px #0004; }
  button { all: unset; cursor: pointer; padding: 8px 12px; color: inherit; }
  button:focus-visible { outline: 2px solid #fff; outline-offset: -3px; border-radius: 18px; }
  .close { padding: 8px 10px; opacity: .8; }
  iframe { display: block; position: fixed; right: 16px; bottom: 64px; width: min(400px, calc(100vw - 32px)); height: min(600px, calc(100vh - 80px)); border: 0; border-radius: 12px; box-shadow: 0 4px 24px #0006; background: Canvas; color-scheme: light dark; }
  /* Waiting for a click: drawn (so that showing it takes one frame) but invisible and inert. */
  iframe[inert] { opacity: 0; pointer-events: none; }
  /* High contrast (forced colors): the system's colours replace ours, so draw the edges. */
  @media (forced-colors: active) { .bar, iframe { border: 1px solid CanvasText; } }
`;

function adoptStyles(root, css) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
}

// What the page may still do to our badge from outside it: style the root element (a faded,
// filtered or transformed <html> takes our host with it), move our host, or paint over it. Our
// host is the last child of <html>, position: fixed at the highest z-index, so by CSS 2's
// painting order (Appendix E) only these paint over it: the top layer (modal dialogs, popovers,
// fullscreen, a view transition's snapshot), in any tree, shadow trees included; and content at
// the same z-index that comes after it in the painting order — <html>'s later children, or an
// earlier one a flex or grid <html> reorders after it, at any depth (a descendant's z-index
// counts in the root's stacking context unless an ancestor makes a stacking context of its own),
// their ::before and ::after, their shadow trees. `pointer-events: none` changes none of this,
// which is why hit testing (elementsFromPoint) cannot be the judge. Returns what is wrong, or "".
const MAX_Z = "2147483647";
// The top layer's elements, each searched for with a selector Chromium answers quickly (on a
// 3,000-element page: `dialog:modal` 0.02 ms, `:popover-open` 0.08; the four pseudo-classes in one
// list took 0.37 ms); fullscreen is `document.fullscreenElement`, which is the shadow host of a
// fullscreen element in a shadow tree. Made at the first panel's opening, not on every page.
let topLayer = null;
const topLayerSelectors = () =>
  (topLayer ??= ["dialog:modal", ":popover-open", "select:open", "input:open", "html:active-view-transition"].filter((s) => CSS.supports(`selector(${s})`)));
// A closed shadow root too: Firefox gives content scripts `openOrClosedShadowRoot`, Chromium
// `chrome.dom.openOrClosedShadowRoot`. Only HTML elements with a "valid shadow host name" can
// host one (DOM Standard, attachShadow(); declarative shadow roots too): these, and custom elements.
const HOSTS = new Set(["article", "aside", "blockquote", "body", "div", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "main", "nav", "p", "section", "span"]);
const shadowOf = (el) =>
  el instanceof HTMLElement && (el.localName.includes("-") || HOSTS.has(el.localName))
    ? (el.openOrClosedShadowRoot ?? globalThis.chrome?.dom?.openOrClosedShadowRoot?.(el) ?? el.shadowRoot)
    : null;
// The shadow trees of the page, closed ones included, for the top layer inside them. Asking every
// element for its shadow root at every sample cost 13 ms on a 3,000-element page in Chromium (its
// chrome.dom call, ~4 µs an element): so the page is swept SWEEP_EACH elements a sample, one round
// a second at most; elements the page adds are looked at as they come (a MutationObserver), the
// shadow trees inside a shadow tree at once, and the click's check sweeps it all. A shadow root
// attached to an element already swept is found by the next round: Chromium's
// IntersectionObserver v2 sees it at once; in Firefox it is the one way to cover the panel for
// up to a round unseen (noted in the README).
const SWEEP_EACH = 200;
const SWEEP_ROUND_MS = 1000;
const OBSERVED = { childList: true, subtree: true, attributes: true };
let roundStarted = 0;
const shadows = new Set();
let unswept = [];
const watcher = new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) lookInto([node, ...node.querySelectorAll("*")]);
  changed();
});
function lookInto(elements) {
  for (const el of elements) {
    const shadow = shadowOf(el);
    if (!shadow || shadows.has(shadow)) continue;
    shadows.add(shadow);
    watcher.observe(shadow, OBSERVED);
    shadow.addEventListener("toggle", changed, true); // a popover or dialog shown in it
    lookInto(shadow.querySelectorAll("*"));
  }
}
function startSweeping() {
  shadows.clear();
  unswept = [];
  roundStarted = -Infinity;
  watcher.observe(document, OBSERVED);
  document.addEventListener("toggle", changed, true);
  document.addEventListener("fullscreenchange", changed, true);
}
function sweep(whole) {
  const now = performance.now();
  if (whole || (!unswept.length && now - roundStarted >= SWEEP_ROUND_MS)) {
    unswept = [...document.querySelectorAll("*")];
    roundStarted = now;
  }
  lookInto(unswept.splice(0, whole ? unswept.length : SWEEP_EACH));
}
function inTopLayer() {
  if (document.fullscreenElement) return true;
  for (const scope of [document, ...shadows]) {
    if (scope !== document && !(/** @type {ShadowRoot} */ (scope).host.isConnected)) shadows.delete(scope);
    else if (topLayerSelectors().some((s) => scope.querySelector(s))) return true;
  }
  return false;
}
// Pseudo-elements that make a box of their own which could be positioned over us.
const PSEUDOS = ["::before", "::after", "::marker", "::file-selector-button", "::details-content", "::scroll-marker-group", "::scroll-marker"];
const atOurLevel = (el) => PSEUDOS.some((pseudo) => getComputedStyle(el, pseudo).zIndex === MAX_Z);
// Whether `el` (painted after our host) or anything it holds reaches our z-index in the root's
// stacking context. A positioned element with a z-index, or one fainter than opaque, makes a
// stacking context of its own: what it holds stays at its level, below ours. Anything else
// (transforms, filters… whose effect on inline or `display: contents` boxes varies) is looked
// into: a false alarm only asks the reader to click again. Walked with a stack of its own, not
// recursion (a page can nest deeper than the call stack).
function reachesOurLevel(start) {
  const todo = [start];
  while (todo.length) {
    const el = todo.pop();
    const style = getComputedStyle(el);
    if (style.display === "none") continue;
    if (style.zIndex === MAX_Z || atOurLevel(el)) return true;
    const ownContext = style.display !== "contents" && ((style.position !== "static" && style.zIndex !== "auto") || style.opacity !== "1");
    if (ownContext) continue;
    todo.push(...el.children);
    const shadow = shadowOf(el);
    if (shadow) todo.push(...shadow.children);
  }
  return false;
}
// The root's properties that fade, filter, move, reshape or re-anchor what it holds (a root that
// contains, or is transformed, becomes the fixed badge's containing block), at their initial values.
const ROOT_INITIAL = {
  opacity: "1", visibility: "visible", filter: "none", backdropFilter: "none", transform: "none", translate: "none",
  rotate: "none", scale: "none", offsetPath: "none", perspective: "none", clipPath: "none", maskImage: "none",
  webkitMaskBoxImageSource: "none", mixBlendMode: "normal", zoom: "1", contain: "none", willChange: "auto", containerType: "normal",
};
/** `frame`: the panel, where it is open. */
function obscuredBy(host, frame = null) {
  const root = document.documentElement;
  if (host.parentNode !== root) return "moved";
  const rootStyle = getComputedStyle(root);
  for (const [name, initial] of Object.entries(ROOT_INITIAL)) {
    const value = rootStyle[name];
    if (value !== undefined && value !== "" && value !== initial) return "styled";
  }
  const hostStyle = getComputedStyle(host);
  if (hostStyle.opacity !== "1" || hostStyle.visibility !== "visible" || hostStyle.filter !== "none" || hostStyle.transform !== "none") return "styled";
  // The panel (once there is one) drawn at its own size, inside the window: nothing scaled or moved it.
  const box = frame?.getBoundingClientRect();
  if (box && (Math.abs(box.width - frame.offsetWidth) > 1 || Math.abs(box.height - frame.offsetHeight) > 1)) return "styled";
  if (box && (box.left < -1 || box.top < -1 || box.right > innerWidth + 1 || box.bottom > innerHeight + 1)) return "moved";
  if (atOurLevel(root)) return "covered";
  for (const child of root.children) {
    if (child === host) continue;
    const after = child.compareDocumentPosition(host) & Node.DOCUMENT_POSITION_PRECEDING;
    // An earlier child reordered after us (flex or grid `order`, the old box model's ordinal group).
    const style = getComputedStyle(child);
    const reordered = style.order !== "0" || (style.webkitBoxOrdinalGroup ?? "1") !== "1";
    if ((after || reordered) && reachesOurLevel(child)) return "covered";
  }
  return inTopLayer() ? "covered" : "";
}

// While the panel is open, what covers it is looked at at random times about ten times a second,
// and at once whenever the page changes its DOM or shows a popover, dialog or fullscreen element,
// so that a decoy the page takes away as the reader's press moves the focus into the frame (a
// blur event, before the click) still counts: the click is judged by the last half second, as
// the panel's own timer is. A look the page delayed (a long task), a page changing faster than
// MAX_LOOKS a tenth of a second, or a look that failed, counts as covered: the page decides when
// our script runs, so what it kept us from seeing is not taken for clear.
const SAMPLE_MS = 100;
const CLEAR_FOR_MS = 500;
const MAX_LOOKS = 20;
let clearSince = null;
let sampling = 0;
let sampled = null; // { host, frame } of the open panel
let lastLook = 0;
let looks = { since: 0, count: 0 };
function sample(whole = false) {
  if (!sampled) return "covered";
  const { host, frame } = sampled;
  if (!host.isConnected) stopSampling(); // the badge is gone (×, or another account's)
  const now = performance.now();
  let why;
  try {
    sweep(whole);
    why = obscuredBy(host, frame);
  } catch {
    why = "covered";
  }
  if (why || now - lastLook > 2.5 * SAMPLE_MS) clearSince = null;
  lastLook = now;
  clearSince ??= now;
  return why || (now - clearSince < CLEAR_FOR_MS ? "covered_recently" : "");
}
function changed() {
  const now = performance.now();
  if (now - looks.since > SAMPLE_MS) looks = { since: now, count: 0 };
  if (++looks.count > MAX_LOOKS) clearSince = null;
  else sample();
}
function lookAgain() {
  sample();
  sampling = setTimeout(lookAgain, SAMPLE_MS / 2 + Math.random() * SAMPLE_MS);
}
function startSampling(host, frame) {
  stopSampling();
  sampled = { host, frame };
  clearSince = null;
  lastLook = performance.now();
  startSweeping();
  lookAgain();
}
function stopSampling() {
  clearTimeout(sampling);
  watcher.disconnect();
  document.removeEventListener("toggle", changed, true);
  document.removeEventListener("fullscreenchange", changed, true);
  for (const shadow of shadows) shadow.removeEventListener("toggle", changed, true);
}

// Proves to the background that the panel frames this page's badges make are ours (see
// showBadge); one per page, so that hopping between an account's tabs registers nothing new.
const secret = crypto.randomUUID();
let badge = null;
let badgeFor = ""; // the target (and claim) the badge is about
let lastUrl = "";
let closeCurrentPanel = () => {};
/** @type {(source: MessageEventSource, check: unknown) => void} */
let checkCurrentPanel = () => {};
// Only the panel (our extension's own origin) may ask to close it, or ask whether it is in plain
// view (before it acts on a click).
const extensionOrigin = new URL(api.runtime.getURL("")).origin;
window.addEventListener("message", (e) => {
  if (e.origin !== extensionOrigin) return;
  if (e.data?.fedilens === "close") closeCurrentPanel();
  if (e.data?.fedilens === "check") checkCurrentPanel(e.source, e.data.check);
});

async function run() {
  lastUrl = location.href;
  let detection;
  try {
    detection = await api.runtime.sendMessage(/** @satisfies {import("./messages.js").Detect} */ ({ type: "detect", signals: gather(), panelSecret: secret }));
  } catch {
    return; // The extension was reloaded or updated: this page's script is orphaned.
  }
  if (location.href !== lastUrl) return; // navigated meanwhile; the next run decides
  if (!detection?.target || detection.kind === "none" || detection.error) {
    badge?.remove();
    badge = null;
    return;
  }
  // Another tab of the same account (or sub-page of the same post): the badge stays as it is.
  if (badge?.isConnected && badgeFor === `${detection.target}\n${detection.claim ?? ""}`) return;
  if (detection.badge === false) return; // switched off, or hidden on this site (the background read it)
  showBadge(detection, secret);
}

// Single-page apps (Threads, Mastodon) change the URL without a load; on these pages only,
// look at the URL twice a second and run again when it changed.
setInterval(() => {
  if (location.href !== lastUrl) run();
}, 500);
run();

function showBadge(detection, secret) {
  badge?.remove();
  const host = document.createElement("fedilens-badge");
  const root = host.attachShadow({ mode: "closed" });
  // Worded by the background (no catalogue loaded in the page).
  const words = detection.words;
  // A constructed sheet: page CSPs that forbid inline <style> (Firefox applies them to
  // content scripts) do not apply to it.
  adoptStyles(root, BADGE_CSS);
  root.innerHTML = `<div class="bar"><button class="open" type="button"></button><button class="close" type="button">×</button></div>`;
  const open = /** @type {HTMLButtonElement} */ (root.querySelector(".open"));
  open.textContent = words.open;
  const hide = /** @type {HTMLButtonElement} */ (root.querySelector(".close"));
  hide.setAttribute("aria-label", words.hide);
  hide.title = words.hide;
  open.setAttribute("aria-expanded", "false");
  // The panel frame loads (hidden) as the reader approaches the badge, so that a click only has
  // to show it: loading the extension page and instantiating the wasm core take ~80 ms,
  // a click should answer within a frame. Nothing is fetched from the network before the click:
  // the frame waits for an "open" message carrying the secret in its URL, which the page can't
  // read (our closed shadow root) and which the background checks, so a page can neither open
  // this frame nor frame a panel of its own that looks something up.
  const params = new URLSearchParams({ target: detection.target });
  if (detection.claim) params.set("claim", detection.claim);
  const page = location.href;
  params.set("page", page);
  params.set("secret", secret);
  let frame = null;
  let loaded = false;
  // `focus`: opened from the keyboard, so the panel takes the focus (and gives it back on close).
  let byKeyboard = false;
  const sendOpen = () => frame.contentWindow?.postMessage({ fedilens: "open", secret, focus: byKeyboard }, extensionOrigin);
  // The answer carries the secret, so the page (which sees our messages' events but not the
  // secret) can't forge a clear verdict.
  // `check` numbers the question: the panel takes only the answer to its own.
  checkCurrentPanel = (source, check) => {
    if (frame && source === frame.contentWindow && !frame.inert) {
      /** @type {Window} */ (source).postMessage({ fedilens: "checked", secret, obscured: sample(true), check }, extensionOrigin);
    }
  };
  const preload = () => {
    if (frame) return;
    frame = document.createElement("iframe");
    frame.src = `${api.runtime.getURL("panel.html")}?${params}`;
    frame.title = words.frame;
    frame.inert = true;
    // A click before the frame's script listens: say it again once the frame has loaded.
    frame.addEventListener("load", () => {
      if (!loaded && !frame.inert) {
        sendOpen();
        // Opened from the keyboard before the frame had loaded (it loads as the badge takes the
        // focus): the focus it was given went nowhere, give it again.
        if (byKeyboard) frame.focus();
      }
      loaded = true;
    });
    root.append(frame);
  };
  // The reader's approach (the pointer over the badge, the keyboard's focus on it, a touch's
  // press) loads the hidden frame: a page whose reader never comes near the badge pays for the
  // badge alone (measured: the frame cost such pages ~3 ms of main-thread time when it loaded at
  // idle), and a pointer's approach comes hundreds of milliseconds before its click, time enough
  // for the ~80 ms the frame takes. Any event will do, trusted or not: loading changes nothing.
  for (const approach of ["pointerenter", "focusin", "pointerdown"]) host.addEventListener(approach, preload, { once: true, passive: true });
  const closePanel = () => {
    stopSampling();
    if (frame) frame.inert = true;
    open.setAttribute("aria-expanded", "false");
    if (byKeyboard) open.focus();
  };
  // The background starts looking up as soon as the badge is pressed (a press is the start of a
  // click, and a person's press lasts ~100 ms), or on the click itself (keyboard); the panel joins
  // that lookup when it asks, and a second start joins it too.
  const startLookup = () =>
    api.runtime.sendMessage(/** @satisfies {import("./messages.js").StartLookup} */ ({ type: "start-lookup", target: detection.target, claim: detection.claim, page })).catch(() => {});
  open.addEventListener("pointerdown", (event) => {
    if (event.isTrusted && event.button === 0 && !(frame && !frame.inert) && !obscuredBy(host)) startLookup();
  });
  open.addEventListener("click", (event) => {
    // A click the page made, or one on a badge the page hid or covered, opens nothing.
    if (!event.isTrusted || obscuredBy(host)) return;
    preload();
    if (!frame.inert) return closePanel();
    frame.inert = false;
    startSampling(host, frame);
    byKeyboard = event.detail === 0; // a click from Enter or Space has no pointer position count
    if (byKeyboard) frame.focus();
    startLookup();
    if (loaded) sendOpen();
    open.setAttribute("aria-expanded", "true");
  });
  root.querySelector(".close").addEventListener("click", async () => {
    host.remove();
    const { dismissed = {} } = await api.storage.local.get("dismissed").catch(() => ({}));
    dismissed[location.hostname] = true;
    await api.storage.local.set({ dismissed });
  });
  closeCurrentPanel = closePanel;
  badgeFor = `${detection.target}\n${detection.claim ?? ""}`;
  // Only a person's key: the page can dispatch a synthetic Escape on our host element.
  host.addEventListener("keydown", (e) => {
    if (e.isTrusted && e.key === "Escape") closePanel();
  });
  document.documentElement.append(host);
  badge = host;
}
