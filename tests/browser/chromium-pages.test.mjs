// The extension's own pages and the badge's settings: the toolbar popup (any handle, hostile
// answers shown as text), the background's contract refusing misfits, www/, and × and the
// options' switch (read by the background).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { useChromium } from "./chromium-session.mjs";
import { assertInert, inspectPanel, watchViolations, XSS_TARGETS } from "./xss.mjs";

let sandbox;
let browser;
useChromium((s) => ({ sandbox, browser } = s), { home: "@me@home.example" });

describe("the toolbar popup, the background's contract and www/", () => {
  test("the popup looks up any handle typed into it", async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.fill("#target", "@syuilo@misskey.io");
    await page.press("#target", "Enter");
    await page.waitForSelector('.fl-panel[data-status="federated"]', { timeout: 15_000 });
    assert.match(await page.locator(".fl-panel").innerText(), /Is a cat/);
    await page.close();
  });

  test("a public XSS payload list in every remote field: shown as text, nothing runs, every link https", async () => {
    for (const target of XSS_TARGETS) {
      const page = await browser.context.newPage();
      const dialogs = [];
      page.on("dialog", (d) => dialogs.push(d.message()) && d.dismiss());
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      await page.evaluate(watchViolations);
      await page.fill("#target", target);
      await page.press("#target", "Enter");
      await page.waitForSelector('.fl-panel:not([data-status="loading"])', { timeout: 15_000 });
      await page.waitForTimeout(300);
      assertInert(await page.evaluate(inspectPanel), { dialogs });
      await page.close();
    }
  });

  test("the background refuses a message that does not fit its contract, or comes from the wrong side", async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const answers = await page.evaluate(() =>
      Promise.all(
        [
          { type: "lookup", target: 5 },
          { type: "lookup", target: "@a@b.example", extra: true },
          { type: "tab-target" },
          { type: "detect", signals: {}, panelSecret: "x" }, // a content script's message, from a page of ours
          { type: "nonsense" },
          "lookup",
        ].map((message) => chrome.runtime.sendMessage(message)),
      ),
    );
    assert.deepEqual(answers.map((a) => a?.error?.kind), Array(6).fill("bad_message"));
    assert.match(answers[0].error.message, /lookup\.target is not a string/);
    assert.match(answers[3].error.message, /may not come from here/);
    await page.close();
  });

  test("www/: on a plain web page, a server's CORS policy is named as the reason", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://fedilens.example/");
    await page.fill("#target", "@Gargron@mastodon.social");
    await page.click("button[type=submit]");
    await page.waitForSelector('.fl-panel[data-status="unreachable"]', { timeout: 20_000 });
    assert.match(await page.locator(".fl-panel").innerText(), /CORS/);
    await page.close();
  });
});

describe("the badge's own settings (read by the background: the page's script never opens storage)", () => {
  const worker = () => browser.context.serviceWorkers()[0];
  /** Whether a badge shows on `url` within two seconds. */
  async function badgeShows(url) {
    const page = await browser.context.newPage();
    await page.goto(url);
    const shown = await page.locator("fedilens-badge").waitFor({ state: "attached", timeout: 2_000 }).then(() => true, () => false);
    return { page, shown };
  }

  test("× hides the badge on that site for good; other sites keep theirs", async () => {
    const { page, shown } = await badgeShows("https://mastodon.social/@Gargron");
    assert.equal(shown, true);
    const box = await page.locator("fedilens-badge").boundingBox();
    await page.mouse.click(box.x + box.width - 14, box.y + box.height / 2); // the × at the badge's end
    await waitFor(async () => (await page.locator("fedilens-badge").count()) === 0 || null);
    await page.close();
    try {
      const again = await badgeShows("https://mastodon.social/@Gargron");
      assert.equal(again.shown, false, "hidden on mastodon.social after a reload");
      await again.page.close();
      const other = await badgeShows("https://www.threads.net/@zuck");
      assert.equal(other.shown, true, "threads.net keeps its badge");
      await other.page.close();
    } finally {
      await worker().evaluate(() => chrome.storage.local.remove("dismissed"));
    }
  });

  test("the options' switch turns the badge off everywhere", async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.uncheck("#auto-badge");
    await options.click("button[type=submit]");
    await waitFor(() => worker().evaluate(() => chrome.storage.local.get("autoBadge").then((s) => s.autoBadge === false || null)));
    try {
      const off = await badgeShows("https://www.threads.net/@zuck");
      assert.equal(off.shown, false);
      await off.page.close();
    } finally {
      await worker().evaluate(() => chrome.storage.local.set({ autoBadge: true }));
      await options.close();
    }
    const on = await badgeShows("https://www.threads.net/@zuck");
    assert.equal(on.shown, true);
    await on.page.close();
  });
});
