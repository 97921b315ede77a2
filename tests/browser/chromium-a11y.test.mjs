// Accessibility and languages: axe-core on every status the panel shows and on the extension's
// pages, light and dark; the live region, forced colors and zoom; the browser's UI language.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { clickBadge, launchChromium, openPanel, panelFrame, SHOTS } from "./chromium.mjs";
import { useChromium } from "./chromium-session.mjs";
import { assertNoViolations } from "./axe.mjs";

let sandbox;
let browser;
useChromium((s) => ({ sandbox, browser } = s), { home: "@me@home.example" });

describe("accessibility: axe-core finds no WCAG 2.x A/AA violation", () => {
  for (const scheme of ["light", "dark"]) {
    test(`the panel in every status it shows, ${scheme}`, async () => {
      for (const [url, status] of [
        ["https://mastodon.social/@Gargron", "federated"],
        ["https://www.threads.com/@zuck", "signed_fetch_only"],
        ["https://www.threads.com/@danluu.danluu", "not_federated"],
        ["https://news.example/down", "unreachable"],
        ["https://news.example/garbage", "invalid"],
        ["https://news.example/redirect", "refused"],
        ["https://blog.example/", "federated"],
      ]) {
        const page = await browser.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(url);
        await clickBadge(page);
        const panel = await panelFrame(page, browser.extensionId, { status, timeout: 30_000 });
        await assertNoViolations(panel, `${url} (${status}, ${scheme})`);
        // Every raw-document tab, one after the other.
        for (const tab of await panel.locator(".fl-tab").all()) {
          await tab.click();
          await assertNoViolations(panel, `${url}: tab ${await tab.innerText()}`);
        }
        await page.close();
      }
    });

    test(`the popup, the options page and www/, ${scheme}`, async () => {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      for (const url of [`chrome-extension://${browser.extensionId}/popup.html`, `chrome-extension://${browser.extensionId}/options.html`, "https://fedilens.example/"]) {
        await page.goto(url);
        await assertNoViolations(page.mainFrame(), `${url} (${scheme})`);
      }
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      await page.fill("#target", "@Gargron@mastodon.social");
      await page.press("#target", "Enter");
      await page.waitForSelector('.fl-panel[data-status="federated"]', { timeout: 15_000 });
      await assertNoViolations(page.mainFrame(), `the popup with an answer (${scheme})`);
      await page.close();
    });
  }
});

describe("screen readers, high contrast, zoom", () => {
  test("the outcome is announced in a lasting live region, once per answer asked for", async () => {
    const { page, panel } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    const region = panel.locator("#fl-announce");
    await waitFor(async () => /Federates/.test(await region.innerText()) || null);
    assert.equal(await region.getAttribute("role"), "status");
    assert.match(await region.innerText(), /@Gargron@mastodon\.social federates/);
    assert.equal(await panel.locator(".fl-panel[aria-live], .fl-panel [aria-live], .fl-panel [role=alert], .fl-status[role=status]").count(), 0, "no region drawn anew with each answer");
    await panel.evaluate(() => {
      globalThis.said = 0;
      new MutationObserver(() => globalThis.said++).observe(document.getElementById("fl-announce"), { childList: true, characterData: true, subtree: true });
    });
    await panel.locator(".fl-retry").click(); // asked again: the same answer, said again, once
    await panel.waitForSelector('.fl-panel[data-status="federated"]', { timeout: 15_000 });
    await page.waitForTimeout(300);
    assert.equal(await panel.evaluate(() => globalThis.said), 1, "said once more, not per redraw");
    assert.match(await region.innerText(), /@Gargron@mastodon\.social federates/);
    await page.close();
  });

  test("forced colors (Windows high contrast): edges stay visible, the status keeps its words, axe finds nothing", async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ forcedColors: "active" });
    await page.goto("https://mastodon.social/@Gargron");
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    assert.equal(await panel.evaluate(() => matchMedia("(forced-colors: active)").matches), true);
    const edge = await panel.evaluate(() => getComputedStyle(document.querySelector(".fl-status")).borderTopWidth);
    assert.notEqual(edge, "0px", "the status box has an edge");
    assert.equal(await panel.locator(".fl-status-label").innerText(), "Federates");
    await assertNoViolations(panel, "forced colors");
    await page.close();
  });

  test("at 400% zoom (a 320-pixel-wide window) the panel fits the window and nothing scrolls sideways; nothing moves", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto("https://mastodon.social/@Gargron");
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    const frameBox = await (await panel.frameElement()).boundingBox();
    assert.ok(frameBox.x >= 0 && frameBox.x + frameBox.width <= 320, `the panel is inside the window: ${JSON.stringify(frameBox)}`);
    const sideways = await panel.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
    const wide = await panel.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((e) => `${e.localName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
    assert.equal(sideways, 0, `no horizontal scrolling in the panel (the raw JSON scrolls in its own box): ${wide.join(", ")}`);
    assert.equal(await panel.evaluate(() => document.getAnimations().length), 0, "no animation to reduce");
    await page.close();
  });
});

describe("in Japanese: the browser's UI language is the extension's", () => {
  let ja;
  before(async () => {
    ja = await launchChromium(sandbox, { lang: "ja" });
  });
  after(async () => {
    await ja?.close();
  });

  test("a Threads profile: badge, panel, evidence and buttons in Japanese; the account's own words as they are", async () => {
    const { page, panel, text, consoleErrors } = await openPanel(ja, "https://www.threads.net/@zuck", { status: "signed_fetch_only" });
    assert.equal(await panel.evaluate(() => document.documentElement.lang), "ja");
    const words = await text();
    assert.match(words, /連合中（署名付きリクエストのみ）/, "the status");
    assert.match(words, /@zuck@threads\.net は Fediverse 上にあります/, "the headline, with its value");
    assert.match(words, /根拠/, "the evidence's heading");
    assert.doesNotMatch(words, /Federates|Evidence|Look up again|signed server requests/, "no English left");
    assert.equal(await panel.locator(".fl-close").getAttribute("aria-label"), "閉じる");
    assert.equal(await panel.locator(".fl-set-home").innerText(), "フォローするには、あなたのサーバーを設定");
    await assertNoViolations(panel, "the Japanese panel");
    await page.screenshot({ path: path.join(SHOTS, "chromium-threads-panel-ja.png") });
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

  test("a Misskey profile, and the popup and options page, in Japanese", async () => {
    const { page, text } = await openPanel(ja, "https://misskey.io/@syuilo", { status: "federated" });
    assert.match(await text(), /猫/, "isCat, said in Japanese");
    await page.close();
    const popup = await ja.context.newPage();
    await popup.goto(`chrome-extension://${ja.extensionId}/popup.html`);
    assert.equal(await popup.locator("button[type=submit]").innerText(), "照会");
    assert.equal(await popup.evaluate(() => document.documentElement.lang), "ja");
    await popup.goto(`chrome-extension://${ja.extensionId}/options.html`);
    assert.match(await popup.title(), /Fedilens/);
    assert.doesNotMatch(await popup.locator("body").innerText(), /Your fediverse account|Save/);
    await popup.close();
  });
});
