// Ways a page can paint over the open panel while letting the reader's click through to it
// (issue 26), shared by the Chromium and Firefox scenarios. Each `cover` runs in the page (no
// closure: the browser gets its source) and lays a near-opaque, `pointer-events: none` decoy
// over the whole window; the tests check from a screenshot that it really hides the panel, that
// a click on Follow then acts on nothing, and that the same click acts once it is gone.
// `clear()` takes every decoy away.

/** The style of a decoy over the whole window that lets clicks through (a cover's argument). */
export const FULL_WINDOW = "position: fixed; inset: 0; z-index: 2147483647; pointer-events: none; background: #fff; opacity: .98";

/**
 * Each trick: its name (what it exercises) and the page script that lays its decoy, called as
 * `page.evaluate(cover, FULL_WINDOW)`.
 */
export const COVERS = [
  {
    name: "a later sibling that makes no stacking context, holding a fixed decoy at the top z-index",
    cover(fullWindow) {
      const decoy = Object.assign(document.createElement("div"), { textContent: "Click to win" });
      decoy.style.cssText = fullWindow;
      const wrapper = document.createElement("div");
      wrapper.dataset.decoy = "";
      wrapper.append(decoy);
      document.documentElement.append(wrapper);
    },
  },
  {
    name: "the decoy deep inside boxes that make no stacking context (a display: contents box, an inline span)",
    cover(fullWindow) {
      const decoy = Object.assign(document.createElement("span"), { textContent: "Click to win" });
      decoy.style.cssText = fullWindow;
      const inline = document.createElement("span");
      inline.append(decoy);
      const contents = document.createElement("div");
      contents.style.display = "contents";
      contents.append(inline);
      const wrapper = document.createElement("section");
      wrapper.dataset.decoy = "";
      wrapper.append(contents);
      document.documentElement.append(wrapper);
    },
  },
  {
    name: "the decoy as a later sibling's ::after",
    cover() {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`[data-decoy]::after { content: "Click to win"; position: fixed; inset: 0; z-index: 2147483647;
        pointer-events: none; background: #fff; opacity: .98; }`);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      const wrapper = document.createElement("div");
      wrapper.dataset.decoy = "";
      document.documentElement.append(wrapper);
    },
  },
  {
    name: "the decoy in a later sibling's closed shadow root",
    cover(fullWindow) {
      const wrapper = document.createElement("div");
      wrapper.dataset.decoy = "";
      // Styled through the CSSOM: a page's CSP may refuse style attributes, never this.
      const decoy = Object.assign(document.createElement("div"), { textContent: "Click to win" });
      decoy.style.cssText = fullWindow;
      wrapper.attachShadow({ mode: "closed" }).append(decoy);
      document.documentElement.append(wrapper);
    },
  },
  {
    name: "a transformed decoy with a backdrop filter, moved over the panel from a corner",
    cover() {
      const decoy = Object.assign(document.createElement("div"), { textContent: "Click to win" });
      decoy.style.cssText = `position: fixed; left: 0; top: 0; width: 100px; height: 100px; z-index: 2147483647; pointer-events: none;
        transform-origin: 0 0; transform: scale(12.5, 8); background: #fffffffa; backdrop-filter: blur(12px)`;
      const wrapper = document.createElement("div");
      wrapper.dataset.decoy = "";
      wrapper.append(decoy);
      document.documentElement.append(wrapper);
    },
  },
  {
    name: "a popover (the top layer) shown inside a closed shadow root",
    cover() {
      const wrapper = document.createElement("div");
      wrapper.dataset.decoy = "";
      const decoy = Object.assign(document.createElement("div"), { popover: "manual", textContent: "Click to win" });
      decoy.style.cssText = "inset: 0; width: 100vw; height: 100vh; margin: 0; border: 0; pointer-events: none; background: #fff; opacity: .98";
      wrapper.attachShadow({ mode: "closed" }).append(decoy);
      document.body.append(wrapper);
      decoy.showPopover();
    },
  },
  {
    name: "a decoy put in at each animation frame and taken out right after it is painted",
    // Firefox's WebDriver screenshot draws the DOM as it is when taken, between two frames, so it
    // cannot show this one (Chromium's shows the painted frame).
    betweenFrames: true,
    cover(fullWindow) {
      const decoy = Object.assign(document.createElement("div"), { textContent: "Click to win" });
      decoy.style.cssText = fullWindow;
      const wrapper = document.createElement("div");
      wrapper.dataset.decoy = "";
      wrapper.append(decoy);
      let on = true;
      const frame = () => {
        if (!on) return;
        document.documentElement.append(wrapper);
        setTimeout(() => wrapper.remove(), 0);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      /** @type {any} */ (window).stopDecoy = () => (on = false);
    },
  },
];

/** Takes every decoy of COVERS away (in the page). */
export function clear() {
  /** @type {any} */ (window).stopDecoy?.();
  for (const el of document.querySelectorAll("[data-decoy]")) el.remove();
  document.adoptedStyleSheets = [];
}

/**
 * Something after the badge that stays below it: a fixed banner at z-index 1000 (its own
 * stacking context), holding an element at the top z-index that cannot leave it. Clicks on the
 * panel must act through it.
 */
export function belowBanner() {
  const banner = document.createElement("div");
  banner.dataset.decoy = "";
  banner.style.cssText = "position: fixed; left: 0; right: 0; bottom: 0; height: 40px; z-index: 1000; background: #eee";
  const inside = document.createElement("div");
  inside.style.cssText = "position: fixed; left: 0; top: 0; width: 10px; height: 10px; z-index: 2147483647; background: #eee";
  banner.append(inside);
  document.documentElement.append(banner);
}

/**
 * The page's verdict on the panel as the panel asks for it (run in the panel frame, Chromium):
 * "" when nothing covers it, else what did.
 */
export function askTheBadgesPage() {
  return new Promise((resolve) => {
    const secret = new URLSearchParams(location.search).get("secret");
    addEventListener("message", function answer(e) {
      if (e.data?.fedilens !== "checked" || e.data.secret !== secret) return;
      removeEventListener("message", answer);
      resolve(e.data.obscured);
    });
    parent.postMessage({ fedilens: "check", check: "test" }, "*");
  });
}
