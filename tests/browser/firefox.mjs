// Debian's Firefox ESR with the built extension, driven by puppeteer-core over WebDriver BiDi.
// Every name resolves to the sandbox's address (network.dns.forceResolve); its certificate is
// accepted (acceptInsecureCerts); the extension gets a fixed internal UUID so that its pages
// have a known moz-extension:// origin.
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const EXTENSION_UUID = "5f1a8a44-6c0e-4a59-9d5e-2f7f3b2a9e11";

export async function launchFirefox(sandbox, { extension = path.join(ROOT, "dist/firefox"), headless = !process.env.HEADED } = {}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, "manifest.json"), "utf8"));
  const geckoId = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
    headless,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1200, height: 800 },
    extraPrefsFirefox: {
      "network.dns.forceResolve": sandbox.address,
      "network.dns.disableIPv6": true,
      "extensions.webextensions.uuids": JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      "extensions.autoDisableScopes": 0,
      "datareporting.policy.dataSubmissionEnabled": false,
      "browser.shell.checkDefaultBrowser": false,
    },
  });
  await browser.installExtension(extension);
  return { browser, origin: `moz-extension://${EXTENSION_UUID}`, close: () => browser.close() };
}

// ---- Reading the panel from a screenshot: WebDriver BiDi does not reach moz-extension frames.
import { decodePng } from "./png.mjs";

export const PANEL_BOX = { x: 784, y: 136, width: 400, height: 600 };
const COLORS = {
  accent: [0x5b, 0x4e, 0xe6],
  ok: [0x17, 0x80, 0x3d],
  warn: [0x8a, 0x5a, 0x00],
  bad: [0xb3, 0x26, 0x1e],
};
const near = (p, i, [r, g, b]) => Math.abs(p[i] - r) < 14 && Math.abs(p[i + 1] - g) < 14 && Math.abs(p[i + 2] - b) < 14;

/**
 * What the panel shows: the colour of the status box's edge (`ok` for federated and signed-fetch-
 * only, `warn` for unverified and not federated, `bad` for failures), and where its main action
 * button is (the first accent-coloured run wider than 150 px).
 */
export function readPanel(png) {
  const img = decodePng(png);
  const p = img.pixels;
  const at = (x, y) => (y * img.width + x) * img.bpp;
  let edge = null;
  let action = null;
  for (let y = PANEL_BOX.y; y < PANEL_BOX.y + PANEL_BOX.height; y++) {
    let run = 0;
    for (let x = PANEL_BOX.x; x < PANEL_BOX.x + PANEL_BOX.width; x++) {
      const i = at(x, y);
      if (!edge) for (const name of ["ok", "warn", "bad"]) if (near(p, i, COLORS[name]) && near(p, at(x, y + 20), COLORS[name])) edge = name;
      run = near(p, i, COLORS.accent) ? run + 1 : 0;
      if (!action && run >= 150 && y > PANEL_BOX.y + 40) action = { x: x - 75, y: y + 8 };
    }
  }
  return { edge, action };
}

/** Opens `url`, clicks the badge, and waits until the panel shows a status edge. */
export async function openPanelFirefox(firefox, url, { shot, timeout = 20_000 } = {}) {
  const page = await firefox.browser.newPage();
  await page.goto(url);
  await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
  const box = await (await page.$("fedilens-badge")).boundingBox();
  await page.mouse.click(box.x + 24, box.y + box.height / 2);
  const state = await waitForPanel(page, { shot, timeout });
  return { page, state };
}

export async function waitForPanel(page, { shot, timeout = 20_000, until = (s) => s.edge } = {}) {
  const deadline = Date.now() + timeout;
  let state = { edge: null, action: null };
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    state = readPanel(Buffer.from(await page.screenshot(shot ? { path: shot } : {})));
    if (until(state)) return state;
  }
  return state;
}
