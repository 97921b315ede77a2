// Accessibility and languages in Firefox: axe-core on www/ (the panel's own drawing, which
// WebDriver BiDi can enter there), and the reader's language in www/ and the extension's panel.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchFirefox, openPanelFirefox } from "./firefox.mjs";
import { lookUpOnWww, shot, useFirefox } from "./firefox-session.mjs";
import { assertNoViolations } from "./axe.mjs";

let sandbox;
let firefox;
useFirefox((s) => ({ sandbox, firefox } = s), { home: "@me@home.example" });

test("accessibility: axe-core finds no WCAG 2.x A/AA violation on www/ (the panel's own drawing)", async () => {
  // WebDriver BiDi may not enter the extension's pages in Firefox, nor emulate a dark scheme: the
  // same wasm drawing is judged on www/, light (Chromium's tests judge the extension's panel, popup
  // and options page themselves, light and dark).
  const page = await firefox.browser.newPage();
  await page.goto("https://fedilens.example/");
  await assertNoViolations(page, "www/");
  await lookUpOnWww(page, "@all@xss.example");
  await assertNoViolations(page, "www/ with a panel");
  await page.close();
});

describe("in Japanese", () => {
  let ja;
  before(async () => {
    ja = await launchFirefox(sandbox, { lang: "ja" });
  });
  after(async () => {
    await ja?.close();
  });

  test("www/ speaks the reader's language: the page, the panel's words and its values", async () => {
    const page = await ja.browser.newPage();
    await page.goto("https://fedilens.example/");
    await page.waitForFunction(() => document.documentElement.lang === "ja", { timeout: 10_000 }); // the catalogue has loaded
    assert.equal(await page.$eval("button[type=submit]", (b) => b.textContent), "照会");
    await lookUpOnWww(page, "@Gargron@mastodon.social");
    const words = await page.$eval(".fl-panel", (p) => p.innerText);
    assert.match(words, /@Gargron@mastodon\.social/);
    assert.match(words, /確認できませんでした|連合/, "the outcome in Japanese");
    assert.doesNotMatch(words, /could not be checked|Federates|Look up again/);
    await assertNoViolations(page, "www/ in Japanese");
    await page.close();
  });

  test("the extension's panel on a Threads profile (its screenshot, in Japanese)", async () => {
    const { page, state } = await openPanelFirefox(ja, "https://www.threads.net/@zuck", { shot: shot("threads-panel-ja") });
    assert.equal(state.edge, "ok");
    await page.close();
  });
});
