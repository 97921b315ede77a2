// What every firefox-*.test.mjs file shares: its own sandbox fediverse and Firefox ESR with the
// built extension (one per file: each file sets up what it needs, `home` among it), and the steps
// several files take. The panel, an extension frame WebDriver BiDi cannot enter, is read through
// its screenshot (status colour, action button) and what its buttons do.
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import { startSandbox } from "../sandbox/sandbox.mjs";
import { waitFor } from "../sandbox/wait.mjs";
import { launchFirefox, openPanelFirefox, ROOT } from "./firefox.mjs";

export const SHOTS = path.join(ROOT, "build/screenshots");
export const shot = (name) => path.join(SHOTS, `firefox-${name}.png`);

/** This file's sandbox and browser, once `useFirefox`'s `before` has run. */
export const session = { sandbox: null, firefox: null };

/**
 * Starts the sandbox and Firefox before the file's tests (closed after them), then hands them to
 * `ready`; `home`: the home account saved first, in a panel (WebDriver BiDi does not drive the
 * options page here), as the reader would; then `setUp`, the file's own. (One hook: Node 20 runs
 * a file's top-level `before` hooks at once, not one after the other.)
 */
export function useFirefox(ready, { home, setUp } = {}) {
  before(async () => {
    session.sandbox = await startSandbox({ address: "127.0.43.7" });
    session.firefox = await launchFirefox(session.sandbox);
    fs.mkdirSync(SHOTS, { recursive: true });
    ready(session);
    if (home) await setHomeInPanel(home);
    await setUp?.();
  });
  after(async () => {
    await session.firefox?.close();
    await session.sandbox?.close();
  });
}

/**
 * Saves `handle` as the home account through a Threads profile's panel ("set your home
 * instance", then the form), and waits until the panel looks the account up again with it.
 */
export async function setHomeInPanel(handle) {
  const { sandbox, firefox } = session;
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.net/@zuck");
  await page.mouse.click(state.action.x, state.action.y);
  await new Promise((r) => setTimeout(r, 300));
  await page.keyboard.type(handle);
  const from = sandbox.requests().length;
  await page.keyboard.press("Enter");
  const [, host] = handle.match(/@([^@]+)$/);
  // The home checked by WebFinger and saved, then the lookup again (with the home), asking Threads.
  await waitFor(() => {
    const made = sandbox.requests().slice(from);
    const checked = made.findIndex((r) => r.host === host && r.path.includes("webfinger"));
    return checked >= 0 && made.slice(checked + 1).some((r) => r.host === "threads.net");
  }, 20_000);
  await page.close();
}

/** Types `target` into www/ (open in `page`) and waits for its panel's answer. */
export async function lookUpOnWww(page, target) {
  await page.type("#target", target);
  await page.click("button[type=submit]");
  await page.waitForSelector('.fl-panel:not([data-status="loading"])', { timeout: 15_000 });
}

/**
 * Clicks `at` in `page` (a link the panel drew) once the guard's half second has passed, and
 * waits for the home's follow page it opens in a new tab (earlier tests leave theirs open): the
 * `uri` it was given, and a way to close it.
 */
export async function homePageOpenedBy(page, at) {
  const { firefox } = session;
  await new Promise((r) => setTimeout(r, 600)); // the guard: the panel in plain view for half a second
  const earlier = new Set(firefox.browser.targets());
  const opened = firefox.browser.waitForTarget((t) => !earlier.has(t) && t.url().startsWith("https://home.example/authorize_interaction"), { timeout: 15_000 });
  await page.mouse.click(at.x, at.y);
  const target = await opened;
  return { uri: new URL(target.url()).searchParams.get("uri"), close: async () => (await target.page())?.close() };
}
