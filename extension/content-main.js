// Fedilens content script, main part: loaded only on pages that passed the gate
// (content-script.js). Gathers the page signals for the core, draws the badge, opens the panel.
/* global RULES */
// In a function of its own, so that none of its names is a property of this world's global
// object (each one a cell and a shape kept in every page with signals); its value, this
// script's result, is the first signals (the last line).
(() => {
  // Each DOM interface this world is the first to use costs the page its bindings (heap, measured
  // in a fresh isolated world: `location` 3.5 KB, `new URL` 4.0, a navigation timing entry 14.9), so
  // the page's URL is read as `document.URL` (a string; it follows single-page navigations as
  // `location` does) and no URL object or performance entry is made before the reader asks.
  const api = globalThis.browser ?? globalThis.chrome;
  // The URL this script first ran at (document_idle), which the `<head>` describes: the core ignores
  // the head's own-document links once the URL changed (a single-page navigation). A page that
  // changed its URL before document_idle is taken as described by its head then.
  const loadedUrl = document.URL;

  // Gather the signals the core's detection needs.
  const attr = (el, name) => el.getAttribute(name) ?? "";
  function gather() {
    const head = document.head ?? document.documentElement;
    const { links, metas, rel_me, acct_links, json_ld, max_links } = RULES.gather;
    return {
      url: document.URL,
      // Where the document was loaded: after a single-page navigation the head may be stale.
      loaded_url: loadedUrl,
      links: [...head.querySelectorAll(links)].map((/** @type {HTMLLinkElement} */ l) => ({ rel: attr(l, "rel"), type: attr(l, "type"), href: l.href })),
      metas: [...head.querySelectorAll(metas)]
        .map((m) => ({ name: attr(m, "name") || attr(m, "property"), content: attr(m, "content") }))
        .filter((m) => m.name),
      rel_me: [...document.querySelectorAll(rel_me)].map((/** @type {HTMLAnchorElement} */ a) => a.href),
      acct_links: [...document.querySelectorAll(acct_links)].slice(0, max_links).map((a) => attr(a, "href")),
      // Only on a follower or following list (the core said so): its links to accounts.
      profile_links: listPage ? [...document.querySelectorAll(RULES.list_links)].slice(0, max_links).map((/** @type {HTMLAnchorElement} */ a) => a.href) : [],
      json_ld: [...head.querySelectorAll(json_ld)].map((s) => s.textContent.slice(0, 20000)),
      markers: RULES.marker_ids.filter((id) => document.getElementById(id)),
    };
  }

  // The page can style our host element, even with !important; it can't beat the shadow root's own
  // !important rules on :host (for important declarations the inner context wins), so every
  // property that could hide, fade, move or reshape the badge is set here, important. The panel
  // frame's rules come with the frame (badge-panel.js).
  const BADGE_CSS = `
    :host { all: initial !important; display: block !important; position: fixed !important; inset: auto 16px 16px auto !important;
      z-index: 2147483647 !important; opacity: 1 !important; visibility: visible !important; transform: none !important;
      filter: none !important; clip-path: none !important; mask: none !important; mix-blend-mode: normal !important;
      pointer-events: auto !important; zoom: 1 !important; font: 13px/1.3 system-ui, sans-serif !important; }
    .bar { display: flex; align-items: center; gap: 2px; background: #5b4ee6; color: #fff; border-radius: 18px; box-shadow: 0 2px 8px #0004; }
    button { all: unset; cursor: pointer; padding: 8px 12px; color: inherit; }
    button:focus-visible { outline: 2px solid #fff; outline-offset: -3px; border-radius: 18px; }
    .close { padding: 8px 10px; opacity: .8; }
    /* High contrast (forced colors): the system's colours replace ours, so draw the edges. */
    @media (forced-colors: active) { .bar { border: 1px solid CanvasText; } }
  `;

  // The badge's interactive half — its panel frame, opening and closing it, answering the panel's
  // questions — (badge-panel.js) and the follow guard's judge of what the page paints over the
  // panel (panel-guard.js) are injected together, once a page, only as the reader approaches a
  // badge: a page with signals whose reader never does parses neither. Both under symbols: a page's
  // element with an id (window's named access reaches this world too) can't stand in for them.
  /** @returns {any} */
  const guard = () => globalThis[Symbol.for("fedilens.guard")];
  /** @returns {any} */
  const panelHalf = () => globalThis[Symbol.for("fedilens.panel")];
  /** @type {Promise<unknown> | null} */
  let approached = null;
  const approach = () => (approached ??= api.runtime.sendMessage(/** @satisfies {import("./messages.js").InjectGuard} */ ({ type: "inject-guard" })).catch(() => {}));

  // Proves to the background that the panel frames this page's badges make are ours (see
  // showBadge); one per page, so that hopping between an account's tabs registers nothing new.
  const secret = crypto.randomUUID();
  let badge = null;
  let badgeFor = ""; // the target (and claim) the badge is about
  let lastUrl = "";

  /** Gathers the page's signals again and has the background judge them (after a single-page
   * navigation, as a list grows; the first time, the background asked for them itself). */
  async function run() {
    lastUrl = document.URL;
    let detection;
    try {
      detection = await api.runtime.sendMessage(/** @satisfies {import("./messages.js").Detect} */ ({ type: "detect", signals: gather(), panelSecret: secret }));
    } catch {
      return; // The extension was reloaded or updated: this page's script is orphaned.
    }
    if (document.URL !== lastUrl) return; // navigated meanwhile; the next run decides
    return detected(detection);
  }

  /** What the background judged of this page's signals: the badge to show, or none. */
  function detected(detection) {
    // A follower or following list: gathered again with its links to accounts, and watched.
    if (Boolean(detection?.list_page) !== listPage) {
      listPage = Boolean(detection?.list_page);
      watchList();
      if (listPage) return run();
    }
    // A follower list grew while its panel is open: the badge (and its panel) stay as they are.
    if (listPage && badge?.isConnected && panelOpen()) return;
    if (!detection?.target || detection.kind === "none" || detection.error) {
      guard()?.stop();
      badge?.remove();
      badge = null;
      return;
    }
    // Another tab of the same account (or sub-page of the same post): the badge stays as it is.
    if (badge?.isConnected && badgeFor === about(detection)) return;
    if (detection.badge === false) return; // switched off, or hidden on this site (the background read it)
    showBadge(detection, secret);
  }

  // A follower or following list is drawn by its app after the load, and grows as the reader
  // scrolls: on such a page only, a change to the number of its links to accounts (looked at once a
  // second at most, after the page changed) runs the detection again.
  let listPage = false;
  let listWatch = null;
  function watchList() {
    listWatch?.disconnect();
    listWatch = null;
    if (!listPage) return;
    const count = () => document.querySelectorAll(RULES.list_links).length;
    let seen = count();
    let timer = 0;
    listWatch = new MutationObserver(() => {
      timer ||= setTimeout(() => {
        timer = 0;
        if (count() !== seen) {
          seen = count();
          run();
        }
      }, 1000);
    });
    listWatch.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
  }
  /** Whether the badge's panel is open (set by showBadge). */
  let panelOpen = () => false;

  // Single-page apps (Threads, Mastodon) change the URL without a load; on these pages only,
  // look at the URL twice a second and run again when it changed.
  setInterval(() => {
    if (document.URL !== lastUrl) run();
  }, 500);

  /** What a badge is about: its target and claim, and the accounts it lists (a page that names several). */
  const about = (detection) => `${detection.target}\n${detection.claim ?? ""}\n${detection.accounts ? JSON.stringify(detection.accounts.listed.map((a) => a.target)) : ""}`;

  function showBadge(detection, secret) {
    guard()?.stop();
    badge?.remove();
    const host = document.createElement("fedilens-badge");
    const root = host.attachShadow({ mode: "closed" });
    // Worded by the background (no catalogue loaded in the page).
    const words = detection.words;
    // A constructed sheet: page CSPs that forbid inline <style> (Firefox applies them to
    // content scripts) do not apply to it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(BADGE_CSS);
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = `<div class="bar"><button class="open" type="button"></button><button class="close" type="button">×</button></div>`;
    const open = /** @type {HTMLButtonElement} */ (root.querySelector(".open"));
    open.textContent = words.open;
    const hide = /** @type {HTMLButtonElement} */ (root.querySelector(".close"));
    hide.setAttribute("aria-label", words.hide);
    hide.setAttribute("title", words.hide);
    open.setAttribute("aria-expanded", "false");
    const page = document.URL;
    // This badge's panel, once badge-panel.js is in (see there: the frame, its secret, open and close).
    let panel = null;
    /** Acts on this badge's panel as soon as its half is injected (at once after the first approach). */
    const withPanel = (/** @type {(panel: any) => void} */ act) =>
      approach().then(() => {
        if (badge !== host) return; // replaced meanwhile
        panel ??= panelHalf()?.attach({ host, root, open, sheet, detection, secret, page });
        if (panel) act(panel);
      });
    // The reader's approach (the pointer over the badge, the keyboard's focus on it, a touch's
    // press) injects the interactive half, which loads the hidden frame: a page whose reader never
    // comes near the badge pays for the badge alone, and a pointer's approach comes hundreds of
    // milliseconds before its click, time enough for the ~80 ms the frame takes. Any event will do,
    // trusted or not: loading changes nothing.
    for (const approachEvent of ["pointerenter", "focusin", "pointerdown"]) host.addEventListener(approachEvent, () => withPanel(() => {}), { once: true, passive: true });
    // The background starts looking up as soon as the badge is pressed (a press is the start of a
    // click, and a person's press lasts ~100 ms), or on the click itself (keyboard); the panel joins
    // that lookup when it asks, and a second start joins it too.
    const startLookup = () =>
      api.runtime.sendMessage(/** @satisfies {import("./messages.js").StartLookup} */ ({ type: "start-lookup", target: detection.target, claim: detection.claim, page })).catch(() => {});
    open.addEventListener("pointerdown", (event) => {
      if (event.isTrusted && event.button === 0 && !panel?.isOpen() && !guard()?.obscuredBy(host)) startLookup();
    });
    open.addEventListener("click", (event) => {
      // A click the page made, or one on a badge the page hid or covered, opens nothing.
      // (Before the guard has loaded, nothing stops opening the panel: its actions wait for it.)
      if (!event.isTrusted || guard()?.obscuredBy(host)) return;
      const byKeyboard = event.detail === 0; // a click from Enter or Space has no pointer position count
      if (!panel?.isOpen()) startLookup();
      // A click that comes before the half is in (at once after the approach) is acted on once it is.
      withPanel((p) => p.toggle(byKeyboard));
    });
    hide.addEventListener("click", async () => {
      guard()?.stop();
      host.remove();
      // The one storage write of a page's script. A classic script cannot import settings.js, where
      // the key, its area and its default are: the types keep these the same as there.
      /** @type {import("./settings.js").Key} */
      const key = "dismissed";
      /** @type {import("./settings.js").Settings["dismissed"]["area"]} */
      const area = "local";
      const { [key]: dismissed = {} } = await api.storage[area].get(key).catch(() => ({}));
      dismissed[location.hostname] = true;
      await api.storage[area].set({ [key]: dismissed });
    });
    panelOpen = () => panel?.isOpen() ?? false;
    badgeFor = about(detection);
    // Only a person's key: the page can dispatch a synthetic Escape on our host element.
    host.addEventListener("keydown", (e) => {
      if (e.isTrusted && e.key === "Escape") panel?.close();
    });
    document.documentElement.append(host);
    badge = host;
  }

  // The first detection: this script's result is the page's signals, which the background judges
  // and answers to the gate (content-script.js), which hands the detection here. No message of this
  // script's own: the gate's one message to the background is the page's only one until a badge is
  // touched. Under a symbol: a page's element with an id (window's named access reaches this
  // world too) can't stand in for it.
  globalThis[Symbol.for("fedilens.main")] = (detection) => document.URL === lastUrl && detected(detection);
  lastUrl = loadedUrl;
  return /** @satisfies {import("./messages.js").FirstSignals} */ ({ signals: gather(), panelSecret: secret });
})();
