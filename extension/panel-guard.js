// Fedilens's follow guard, page side: injected (scripting.executeScript, into the main part's
// isolated world) only once the reader approaches a badge, so that pages with signals whose
// reader never does pay nothing for it. content-main.js calls it through the symbol below.
// Once per page: a second injection (another badge after a single-page navigation) finds it.
// Kept under a symbol: a page's element named `fedilensGuard` (window's named access reaches
// this world too) can neither stand in for it nor keep it from installing.
const GUARD = Symbol.for("fedilens.guard");
if (!globalThis[GUARD]) {
  // What the page may still do to our badge from outside it: style the root element (a faded,
  // filtered or transformed <html> takes our host with it), move our host, or paint over it. Our
  // host is the last child of <html>, position: fixed at the highest z-index, so by CSS 2's
  // painting order (Appendix E) only these paint over it: the top layer (modal dialogs, popovers,
  // fullscreen, a view transition's snapshot), in any tree, shadow trees included; and content at
  // the same z-index that comes after it in the painting order — <html>'s later children, or an
  // earlier one reordered after it (`order`, `-webkit-box-ordinal-group`), at any depth (a
  // descendant's z-index counts in the root's stacking context unless an ancestor makes a
  // stacking context of its own), their pseudo-elements (PSEUDOS), their shadow trees. `pointer-events: none` changes none of this,
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
    if (!sampled) return; // stopped (closed, or the badge is gone)
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
    sampled = null;
    watcher.disconnect();
    document.removeEventListener("toggle", changed, true);
    document.removeEventListener("fullscreenchange", changed, true);
    for (const shadow of shadows) shadow.removeEventListener("toggle", changed, true);
  }

  globalThis[GUARD] = { obscuredBy, sample, start: startSampling, stop: stopSampling };
}
