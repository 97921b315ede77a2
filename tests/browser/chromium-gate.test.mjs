// Pages with nothing to see pay for the gate alone: no badge, no request, no error; the gate's
// selectors as Chromium reads them; look-alike `/@name` pages (their host's NodeInfo asked once);
// strict-CSP pages with signals still get the badge.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { openPanel } from "./chromium.mjs";
import { useChromium } from "./chromium-session.mjs";
import { assertGateFindsSignals } from "./gate.mjs";

let sandbox;
let browser;
useChromium((s) => ({ sandbox, browser } = s), { home: "@me@home.example" });

describe("pages without signals, look-alike pages, strict pages", () => {
  test("a page without signals gets no badge, no request by the extension, no console error", async () => {
    for (const url of ["https://plain.example/", "https://plain.example/large", "https://plain.example/strict"]) {
      const page = await browser.context.newPage();
      const errors = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      const before = sandbox.requests().length;
      await page.goto(url);
      await page.waitForTimeout(700);
      assert.equal(await page.locator("fedilens-badge").count(), 0, url);
      const made = sandbox.requests().slice(before);
      assert.deepEqual(made.filter((r) => /json/.test(r.accept) || r.path.startsWith("/.well-known/")), [], url);
      assert.deepEqual(errors, [], url);
      await page.close();
    }
  });

  test("the gate's selectors, as Chromium reads them, find each page signal and no ordinary markup", async () => {
    const page = await browser.context.newPage();
    await assertGateFindsSignals(page);
    await page.close();
  });

  test("a look-alike /@name URL: its host's NodeInfo is asked once, then no badge and no message", async () => {
    /** The extension scripts parsed in `page` while `go` runs. */
    async function parsedDuring(page, go) {
      const cdp = await browser.context.newCDPSession(page);
      const scripts = [];
      cdp.on("Debugger.scriptParsed", ({ url }) => scripts.push(url));
      await cdp.send("Debugger.enable");
      await go();
      return scripts;
    }
    const page = await browser.context.newPage();
    const before = sandbox.requests().length;
    // Even the first visit: the host's NodeInfo is asked before the main part, which never loads.
    const first = await parsedDuring(page, async () => {
      await page.goto("https://plain.example/@someone");
      await page.waitForTimeout(1000);
    });
    assert.equal(await page.locator("fedilens-badge").count(), 0);
    assert.ok(first.some((u) => u.endsWith("/content.js")) && !first.some((u) => u.endsWith("/content-main.js")), "no main part, first visit");
    const made = sandbox.requests().slice(before).filter((r) => /json/.test(r.accept));
    assert.deepEqual(made.map((r) => `${r.host}${r.path}`), ["plain.example/.well-known/nodeinfo"]);
    await page.close();
    // Another look-alike page on the host now known not to be fediverse: the background has
    // registered look-alike-host.js there, which runs first and tells the gate; the gate sends no
    // message at all (the page pays for the cheap check only), and nothing is asked again.
    const worker = browser.context.serviceWorkers()[0];
    await worker.evaluate(() => {
      globalThis.messagesSeen = [];
      chrome.runtime.onMessage.addListener((message) => void globalThis.messagesSeen.push(message.type));
    });
    const again = await browser.context.newPage();
    const scripts = await parsedDuring(again, async () => {
      await again.goto("https://plain.example/@someone-else");
      await again.waitForTimeout(1000);
    });
    assert.ok(scripts.some((u) => u.endsWith("/look-alike-host.js")), "the host is known not to be fediverse");
    assert.ok(scripts.some((u) => u.endsWith("/content.js")), "the cheap check ran");
    assert.ok(!scripts.some((u) => u.endsWith("/content-main.js")), "no main part");
    assert.deepEqual(await worker.evaluate(() => globalThis.messagesSeen), [], "the gate sent no message");
    assert.equal(sandbox.requests().slice(before).filter((r) => /json/.test(r.accept)).length, 1, "NodeInfo was asked once");
    await again.close();
    // Markup signals still count there: a page on that host crediting a fediverse author.
    const credited = await browser.context.newPage();
    await credited.goto("https://plain.example/strict-with-signals");
    await credited.locator("fedilens-badge").waitFor({ state: "attached", timeout: 10_000 });
    await credited.close();
  });

  test("a strict-CSP page with signals still gets the badge and the panel", async () => {
    const { page, text } = await openPanel(browser, "https://plain.example/strict-with-signals", { status: "federated" });
    assert.match(await text(), /@Gargron@mastodon\.social/);
    await page.close();
  });
});
