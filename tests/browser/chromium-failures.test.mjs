// When a server fails: the panel says what happened, with a retry; and the egress policy the
// browser keeps (no redirect followed, Retry-After kept, a body cut at its cap).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { openPanel } from "./chromium.mjs";
import { useChromium } from "./chromium-session.mjs";

let sandbox;
let browser;
useChromium((s) => ({ sandbox, browser } = s), { home: "@me@home.example" });

describe("failures say what happened, with a retry", () => {
  for (const [url, status, words] of [
    ["https://news.example/garbage", "invalid", /not JSON/],
    ["https://news.example/down", "unreachable", /HTTP 500/],
    ["https://news.example/slow", "unreachable", /no answer within 10 s/],
  ]) {
    test(`${status}: ${url}`, async () => {
      const before = sandbox.requests().length;
      const { page, panel, text } = await openPanel(browser, url, { status, timeout: 30_000 });
      assert.match(await text(), words);
      if (url.endsWith("/slow")) {
        // Given up on is let go: the connection to the stalled server is closed, not left open.
        const stalled = sandbox.requests().slice(before).find((r) => r.host === "slow.example");
        await waitFor(() => stalled.closed, 3_000);
      }
      await panel.locator("[data-command=retry]").click();
      await panel.waitForSelector(`.fl-panel[data-status="${status}"]`, { timeout: 30_000 });
      await page.close();
    });
  }
});

describe("the egress policy, kept in the browser", () => {
  /** Looks `target` up in the popup (the background's fetch) and returns the panel's text. */
  async function lookUp(target, status) {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.fill("#target", target);
    await page.press("#target", "Enter");
    await page.waitForSelector(`.fl-panel[data-status="${status}"]`, { timeout: 20_000 });
    const text = await page.locator(".fl-panel").innerText();
    await page.close();
    return text;
  }

  test("a redirect is not followed by the browser: its target is never asked", async () => {
    const before = sandbox.requests().length;
    assert.match(await lookUp("@a@redirector.example", "refused"), /redirects, and the browser does not tell an extension where to/);
    const made = sandbox.requests().slice(before);
    assert.equal(made.filter((r) => r.host === "redirector.example" && r.path.includes("webfinger")).length, 1);
    assert.deepEqual(made.filter((r) => r.host === "redirect-target.example"), []);
  });

  test("a redirect loop costs one request", async () => {
    const before = sandbox.requests().length;
    await lookUp("@x@loop.example", "refused");
    assert.equal(sandbox.requests().slice(before).filter((r) => r.host === "loop.example" && r.path.includes("webfinger")).length, 1);
  });

  test("a server that answers 429 with Retry-After is not asked again before then", async () => {
    const before = sandbox.requests().length;
    assert.match(await lookUp("@a@busy.example", "unreachable"), /left alone for 120 s/);
    await lookUp("@a@busy.example", "unreachable");
    assert.equal(sandbox.requests().slice(before).filter((r) => r.host === "busy.example" && r.path.includes("webfinger")).length, 1, "asked once");
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const left = await page.evaluate(async () => (await chrome.runtime.sendMessage({ type: "cached", target: "@a@busy.example" })).expires - Date.now());
    assert.ok(left > 100_000 && left <= 120_000, `kept ${left} ms`);
    await page.close();
  });

  test("a body without a length is read only up to the cap, and the download stops", async () => {
    const before = sandbox.requests().length;
    assert.match(await lookUp("@big@endless.example", "invalid"), /larger than 1024 KiB/);
    const answer = await waitFor(() => sandbox.requests().slice(before).find((r) => r.host === "endless.example" && r.closed));
    assert.ok(answer.sent < 32 * 1024 * 1024, `${answer.sent} bytes sent of 200 MiB`);
  });
});
