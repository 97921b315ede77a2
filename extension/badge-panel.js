// Fedilens's badge, its interactive half: the panel frame, opening and closing it, and answering
// the panel's questions. Injected (scripting.executeScript, into the main part's isolated world,
// with panel-guard.js) only once the reader approaches a badge, so that pages with signals whose
// reader never does parse none of it. content-main.js calls it through the symbol below, which a
// page can't reach or stand in for. Once per page: a second injection finds it.
const PANEL = Symbol.for("fedilens.panel");
if (!globalThis[PANEL]) {
  const api = globalThis.browser ?? globalThis.chrome;
  /** @returns {any} */
  const guard = () => globalThis[Symbol.for("fedilens.guard")];
  // The frame's rules: a sheet of their own, adopted beside the badge's once there is a frame.
  const FRAME_CSS = `
  iframe { display: block; position: fixed; right: 16px; bottom: 64px; width: min(400px, calc(100vw - 32px)); height: min(600px, calc(100vh - 80px)); border: 0; border-radius: 12px; box-shadow: 0 4px 24px #0006; background: Canvas; color-scheme: light dark; }
  /* Waiting for a click: drawn (so that showing it takes one frame) but invisible and inert. */
  iframe[inert] { opacity: 0; pointer-events: none; }
  /* High contrast (forced colors): the system's colours replace ours, so draw the edges. */
  @media (forced-colors: active) { iframe { border: 1px solid CanvasText; } }
`;
  // Only the panel (our extension's own origin) may ask to close it, or ask whether it is in plain
  // view (before it acts on a click); only the current badge's panel is answered.
  const extensionOrigin = api.runtime.getURL("").slice(0, -1); // "chrome-extension://id/" less its path
  let current = null;
  window.addEventListener("message", (e) => {
    if (e.origin !== extensionOrigin || !current) return;
    if (e.data?.fedilens === "close") current.close();
    if (e.data?.fedilens === "check") current.check(e.source, e.data.check);
  });

  /**
   * This badge's panel: its hidden frame, loaded now (the reader is near). Nothing is fetched from
   * the network before the click: the frame waits for an "open" message carrying the secret in
   * its URL, which the page can't read (our closed shadow root) and which the background checks,
   * so a page can neither open this frame nor frame a panel of its own that looks something up.
   * Loading the extension page and instantiating the wasm core take ~80 ms; a click should answer
   * within a frame, so the frame is ready before it.
   */
  function attach({ host, root, open, sheet, detection, secret, page }) {
    const frameSheet = new CSSStyleSheet();
    frameSheet.replaceSync(FRAME_CSS);
    root.adoptedStyleSheets = [sheet, frameSheet];
    const params = new URLSearchParams({ target: detection.target });
    if (detection.claim) params.set("claim", detection.claim);
    params.set("page", page);
    // A page that names several accounts: the panel lists them (the core's list, as it detected it).
    if (detection.accounts) params.set("accounts", JSON.stringify(detection.accounts));
    params.set("secret", secret);
    const frame = document.createElement("iframe");
    frame.src = `${api.runtime.getURL("panel.html")}?${params}`;
    frame.title = detection.words.frame;
    frame.inert = true;
    let loaded = false;
    // `focus`: opened from the keyboard, so the panel takes the focus (and gives it back on close).
    let byKeyboard = false;
    const sendOpen = () => frame.contentWindow?.postMessage({ fedilens: "open", secret, focus: byKeyboard }, extensionOrigin);
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
    const panel = {
      isOpen: () => !frame.inert,
      close() {
        guard()?.stop();
        frame.inert = true;
        open.setAttribute("aria-expanded", "false");
        if (byKeyboard) open.focus();
      },
      /** The badge's click (a person's, on a badge in plain view: content-main.js checked). */
      toggle(keyboard) {
        if (!frame.inert) return panel.close();
        frame.inert = false;
        guard()?.start(host, frame);
        byKeyboard = keyboard;
        if (byKeyboard) frame.focus();
        if (loaded) sendOpen();
        open.setAttribute("aria-expanded", "true");
      },
      // The answer carries the secret, so the page (which sees our messages' events but not the
      // secret) can't forge a clear verdict. `check` numbers the question: the panel takes only
      // the answer to its own.
      check(source, check) {
        if (source === frame.contentWindow && !frame.inert) {
          const obscured = guard()?.sample(true) ?? "covered"; // no guard: not taken for clear
          /** @type {Window} */ (source).postMessage({ fedilens: "checked", secret, obscured, check }, extensionOrigin);
        }
      },
    };
    current = panel;
    return panel;
  }
  globalThis[PANEL] = { attach };
}
