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
