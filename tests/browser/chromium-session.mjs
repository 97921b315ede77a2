// What every chromium-*.test.mjs file shares: its own sandbox fediverse and Chromium with the
// built extension (one per file: each file sets up what it needs, `home` among it), and the steps
// several files take.
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import { startSandbox } from "../sandbox/sandbox.mjs";
import { waitFor } from "../sandbox/wait.mjs";
import { launchChromium, SHOTS } from "./chromium.mjs";

/** This file's sandbox and browser, once `useChromium`'s `before` has run. */
export const session = { sandbox: null, browser: null };

/**
 * Starts the sandbox and Chromium before the file's tests (closed after them), then hands them
 * to `ready`; `home`: the home account saved first (by the options page, as the reader would).
 * (One hook: Node 20 runs a file's top-level `before` hooks at once, not one after the other.)
 */
export function useChromium(ready, { home } = {}) {
  before(async () => {
    session.sandbox = await startSandbox({ address: "127.0.43.6" });
    session.browser = await launchChromium(session.sandbox);
    fs.mkdirSync(SHOTS, { recursive: true });
    ready(session);
    if (home) await saveHomeInOptions(home, new RegExp(`Saved: ${home.replace(/[.]/g, "\\.")}`));
  });
  after(async () => {
    await session.browser?.close();
    await session.sandbox?.close();
  });
}

export const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `chromium-${name}.png`) });

/**
 * What a page gets when it frames our panel itself (at `path`, with a secret of its own) and
 * sends it the badge's "open": the text the panel shows.
 */
export async function frameForgedPanel(page, path) {
  const forged = `chrome-extension://${session.browser.extensionId}/${path}?target=acct:careful@strict.example&secret=mine`;
  await page.evaluate(
    (src) =>
      new Promise((resolve) => {
        const f = document.createElement("iframe");
        f.src = src;
        f.onload = () => resolve(f.contentWindow.postMessage({ fedilens: "open", secret: "mine" }, "*"));
        document.body.append(f);
      }),
    forged,
  );
  const frame = page.frames().find((f) => f.url() === forged);
  await frame.waitForSelector(".fl-panel", { timeout: 10_000 });
  return frame.locator(".fl-panel").innerText();
}

/** Types `handle` into the options page, saves, and waits until the status line matches `answer`. */
export async function saveHomeInOptions(handle, answer) {
  const page = await session.browser.context.newPage();
  await page.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
  await page.fill("#home", handle);
  await page.click("button[type=submit]");
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById("home-status").textContent), answer.source, { timeout: 15_000 });
  await page.close();
}

/**
 * Clicks `follow` (a follow link in `page`'s panel) as a person would once the guard's half
 * second has passed, and returns the Follow the sandbox's inbox on `host` then receives.
 */
export async function followAndReceive(page, follow, host) {
  const { sandbox, browser } = session;
  await follow.scrollIntoViewIfNeeded(); // within the panel (a list's rows scroll)
  await page.waitForTimeout(600); // the guard
  const inboxFrom = sandbox.inbox().length;
  const box = await follow.boundingBox();
  const [home] = await Promise.all([browser.context.waitForEvent("page"), page.mouse.click(box.x + 10, box.y + box.height / 2)]);
  await home.waitForLoadState();
  const received = await waitFor(() => sandbox.inbox().slice(inboxFrom).find((a) => a.host === host && a.type === "Follow"));
  await home.close();
  return received;
}

/** The badge's accessible name (its button, inside the closed shadow root), as the browser's
 * accessibility tree has it. */
export async function badgeName(page) {
  await page.locator("fedilens-badge").waitFor({ state: "attached", timeout: 10_000 });
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    return nodes.filter((n) => n.role?.value === "button").map((n) => n.name?.value ?? "").find((name) => name.startsWith("Fediverse")) ?? null;
  } finally {
    await cdp.detach();
  }
}

/** The list panel's rows, once every one has answered: [name, status, text]. */
export async function accountRows(panel, count) {
  const rows = panel.locator(".fl-account");
  await waitFor(async () => (await rows.count()) === count && (await panel.locator(".fl-account[data-status=loading]").count()) === 0 || null, 30_000);
  return rows.evaluateAll((all) => all.map((row) => [row.querySelector(".fl-account-name")?.textContent, row.dataset.status, row.textContent]));
}
