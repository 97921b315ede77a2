// Debian's Firefox ESR with the built extension, driven by puppeteer-core over WebDriver BiDi.
// Every name resolves to the sandbox's address (network.dns.forceResolve); its certificate is
// accepted (acceptInsecureCerts); the extension gets a fixed internal UUID so that its pages
// have a known moz-extension:// origin.
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { readPanel } from "./png.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const EXTENSION_UUID = "5f1a8a44-6c0e-4a59-9d5e-2f7f3b2a9e11";

/** `lang`: the UI language (Debian's firefox-esr-l10n-ja langpack) and the pages' language.
 * `extension: null`: the same browser without it (the bench's comparison). `env`: more
 * environment for Firefox's process (the bench's profiler settings). */
export async function launchFirefox(sandbox, { extension = path.join(ROOT, "dist/firefox"), headless = !process.env.HEADED, lang, prefs = {}, env } = {}) {
  const geckoId = extension && JSON.parse(fs.readFileSync(path.join(extension, "manifest.json"), "utf8")).browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
    headless,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1200, height: 800 },
    ...(env ? { env: { ...process.env, ...env } } : {}),
    extraPrefsFirefox: {
      "network.dns.forceResolve": sandbox.address,
      "network.dns.disableIPv6": true,
      ...(geckoId ? { "extensions.webextensions.uuids": JSON.stringify({ [geckoId]: EXTENSION_UUID }) } : {}),
      "extensions.autoDisableScopes": 0,
      "datareporting.policy.dataSubmissionEnabled": false,
      "browser.shell.checkDefaultBrowser": false,
      ...(lang ? { "intl.locale.requested": lang, "intl.accept_languages": lang } : {}),
      ...prefs,
    },
  });
  if (extension) await browser.installExtension(extension);
  return { browser, origin: `moz-extension://${EXTENSION_UUID}`, close: () => browser.close() };
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

export async function waitForPanel(page, { shot, timeout = 20_000, until = (s) => s.edge, minWidth } = {}) {
  const deadline = Date.now() + timeout;
  let state = { edge: null, action: null, actions: [] };
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    state = readPanel(Buffer.from(await page.screenshot(shot ? { path: shot } : {})), { minWidth });
    if (until(state)) return state;
  }
  return state;
}
