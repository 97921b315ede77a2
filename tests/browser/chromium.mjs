// Debian's Chromium with the built extension, driven by playwright-core, every sandbox host name
// mapped to the sandbox and its certificate trusted (for the extension's own fetches too).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SHOTS = path.join(ROOT, "build/screenshots");

/** `lang`: the browser's UI language (on Linux, Chromium's comes from LANGUAGE), which the extension follows. */
export async function launchChromium(sandbox, { extension = path.join(ROOT, "dist/chrome"), headless = !process.env.HEADED, lang } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "fedilens-chromium-"));
  const rules = sandbox.hosts.map((h) => `MAP ${h} ${sandbox.address}`).join(", ");
  const args = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-features=Translate,OptimizationHints,MediaRouter",
    `--host-resolver-rules=${rules}`,
    `--ignore-certificate-errors-spki-list=${sandbox.spki}`,
  ];
  if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless,
    args,
    viewport: { width: 1200, height: 800 },
    ...(lang ? { env: { ...process.env, LANGUAGE: lang }, locale: lang } : {}),
  });
  let extensionId = null;
  if (extension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 15_000 }));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The reader's approach: the pointer onto the badge (which loads the hidden panel frame). */
export async function approachBadge(page) {
  const badge = page.locator("fedilens-badge");
  await badge.waitFor({ state: "attached", timeout: 10_000 });
  const box = await badge.boundingBox();
  await page.mouse.move(box.x + 24, box.y + box.height / 2);
}

/** Clicks the badge's main button (inside a closed shadow root: click where it is drawn). */
export async function clickBadge(page) {
  const badge = page.locator("fedilens-badge");
  await badge.waitFor({ state: "attached", timeout: 10_000 });
  const box = await badge.boundingBox();
  await page.mouse.click(box.x + 24, box.y + box.height / 2);
}

/** The panel's frame (an extension page inside the closed shadow root), once it shows a result. */
export async function panelFrame(page, extensionId, { status, timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const frame = page.frames().filter((f) => f.url().startsWith(`chrome-extension://${extensionId}/panel.html`)).at(-1);
    if (frame) {
      const selector = status ? `#root > .fl-panel[data-status="${status}"]` : `#root > .fl-panel:not([data-status="loading"])`;
      await frame.waitForSelector(selector, { timeout: Math.max(1, deadline - Date.now()) });
      return frame;
    }
    await page.waitForTimeout(50);
  }
  throw new Error("the panel frame did not appear");
}

/** Opens `url`, clicks the badge, and returns the panel frame once it shows a result. */
export async function openPanel(browser, url, options = {}) {
  const page = await browser.context.newPage();
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  await page.goto(url);
  await clickBadge(page);
  const panel = await panelFrame(page, browser.extensionId, options);
  return { page, panel, consoleErrors, text: () => panel.locator(".fl-panel").innerText() };
}
