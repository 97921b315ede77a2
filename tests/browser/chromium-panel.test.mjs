// The panel waits for the reader: loaded hidden as the reader approaches the badge, opened by a
// person's click or key (never the page's), served only to our own badge, drawn ahead from the
// cache, and the lookup started by the press.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { approachBadge, clickBadge, openPanel, panelFrame } from "./chromium.mjs";
import { frameForgedPanel, useChromium } from "./chromium-session.mjs";
import { readPanel } from "./png.mjs";

let sandbox;
let browser;
useChromium((s) => ({ sandbox, browser } = s), { home: "@me@home.example" });

describe("the panel opens for the reader only", () => {
  test("the panel waits for a click: nothing is looked up before it, and the page can't open it", async () => {
    const page = await browser.context.newPage();
    const before = sandbox.requests().length;
    const lookups = () => sandbox.requests().slice(before).filter((r) => r.path.includes("webfinger") || r.path.includes("/careful"));
    await page.goto("https://strict.example/@careful");
    await page.locator("fedilens-badge").waitFor({ state: "attached" });
    await page.waitForTimeout(800);
    const panelLoaded = () => page.frames().some((f) => f.url().includes("/panel.html?"));
    assert.equal(panelLoaded(), false, "a reader who does not come near the badge pays for the badge alone");
    await approachBadge(page);
    await page.waitForTimeout(800); // the hidden panel frame has loaded by now
    assert.ok(panelLoaded(), "the reader's approach loads the panel frame, hidden");
    // Our frame sits in a closed shadow root: the page can't reach it.
    assert.equal(await page.evaluate(() => window.frames.length), 0);
    // panel.html is web-accessible, so a page can frame one of its own and open it: it gets a
    // refusal, and the extension looks nothing up for it.
    assert.match(await frameForgedPanel(page, "panel.html"), /not opened by Fedilens/);
    await page.waitForTimeout(300);
    assert.deepEqual(lookups().map((r) => r.path), [], "nothing fetched for the account before the click");
    await page.evaluate(() => document.querySelectorAll("body > iframe").forEach((f) => f.remove()));
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    assert.match(await panel.locator(".fl-panel").innerText(), /@careful@strict\.example/);
    assert.ok(lookups().some((r) => r.path.includes("webfinger")), "the click looked the account up");
    await page.close();
  });

  test("a page without signals that frames the panel under another spelling of its path gets a refusal, not a lookup", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://plain.example/");
    const before = sandbox.requests().length;
    // Chromium serves both as panel.html; the background's guard must not care how it is spelled.
    for (const spelling of ["%70anel.html", "panel%2Ehtml"]) {
      assert.match(await frameForgedPanel(page, spelling), /not opened by Fedilens/, spelling);
    }
    await page.waitForTimeout(300);
    assert.deepEqual(sandbox.requests().slice(before).filter((r) => r.host === "strict.example").map((r) => r.path), []);
    await page.close();
  });

  test("keyboard: Tab reaches the badge, Enter opens the panel with the focus in it, Escape closes it and gives the focus back", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://mastodon.social/@Gargron");
    await page.locator("fedilens-badge").waitFor({ state: "attached" });
    await page.waitForTimeout(800); // the page settles (the panel frame loads when the badge takes the focus)
    const focused = () => page.evaluate(() => document.activeElement?.localName);
    for (let i = 0; i < 15 && (await focused()) !== "fedilens-badge"; i++) await page.keyboard.press("Tab");
    assert.equal(await focused(), "fedilens-badge", "the badge is in the page's tab order");
    await page.waitForTimeout(500); // a person reads the badge before pressing Enter (its focus loaded the panel)
    await page.keyboard.press("Enter");
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    assert.equal(await panel.evaluate(() => document.activeElement?.id), "root", "the panel has the focus");
    // The raw documents' tabs: one in the tab order, arrows move between them (ARIA tabs).
    await panel.locator(".fl-tab").first().focus();
    // At a person's pace: a key sent at once after a focus change inside the panel's
    // out-of-process frame was at times routed before the browser saw that focus (since the frame
    // loads as the badge takes the focus, not long before).
    await page.waitForTimeout(150);
    await page.keyboard.press("ArrowRight");
    const selected = () => panel.evaluate(() => [document.activeElement?.textContent, document.querySelector(".fl-tab[aria-selected=true]")?.textContent, [...document.querySelectorAll(".fl-tab")].map((t) => t.tabIndex).join(",")]);
    assert.deepEqual(await selected(), ["Actor", "Actor", "-1,0,-1"]);
    assert.equal(await panel.locator("#fl-doc-1").isVisible(), true);
    await page.keyboard.press("End");
    assert.deepEqual((await selected()).slice(0, 2), ["NodeInfo", "NodeInfo"]);
    await page.keyboard.press("ArrowRight");
    assert.deepEqual((await selected()).slice(0, 2), ["WebFinger", "WebFinger"], "wraps around");
    // Tab cycles within the panel: from its last control back to its first, and the other way.
    const focusedClass = () => panel.evaluate(() => document.activeElement?.className);
    await panel.locator(".fl-retry").focus();
    await page.keyboard.press("Tab");
    assert.equal(await focusedClass(), "fl-close", "from the last control to the first");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await focusedClass(), "fl-retry", "and back");
    await page.keyboard.press("Escape");
    await page.waitForTimeout(300);
    assert.equal(await focused(), "fedilens-badge", "the focus is back on the badge");
    const shown = await page.evaluate(() => document.elementFromPoint(window.innerWidth - 200, window.innerHeight - 300) === document.querySelector("fedilens-badge"));
    assert.equal(shown, false, "the panel is closed");
    await page.close();
  });

  test("pressing the badge starts the lookup; the click (the release) opens the panel", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://home.example/@me");
    const badge = page.locator("fedilens-badge");
    await approachBadge(page);
    await page.waitForTimeout(800); // the hidden panel frame has loaded by now
    const before = sandbox.requests().length;
    const box = await badge.boundingBox();
    await page.mouse.move(box.x + 24, box.y + box.height / 2);
    await page.mouse.down();
    // Still pressed: the background is already asking the account's server.
    await waitFor(() => sandbox.requests().slice(before).find((r) => r.host === "home.example" && r.path.includes("webfinger")));
    await page.mouse.up();
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    assert.match(await panel.locator(".fl-panel").innerText(), /@me@home\.example/);
    const actorFetches = sandbox.requests().slice(before).filter((r) => r.host === "home.example" && r.path === "/users/me" && /json/.test(r.accept));
    assert.equal(actorFetches.length, 1, "the click joined the lookup the press started");
    await page.close();
  });

  test("a cached answer is drawn into the hidden panel ahead of the click, which only shows it", async () => {
    const first = await openPanel(browser, "https://strict.example/@careful", { status: "federated" });
    await first.page.close();
    const page = await browser.context.newPage();
    const before = sandbox.requests().length;
    await page.goto("https://strict.example/@careful");
    await approachBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" }); // drawn, not shown
    const shown = () => page.evaluate(() => {
      // Our frame is in a closed shadow root; from outside, the panel's box is what hit-testing finds.
      const host = document.querySelector("fedilens-badge");
      return document.elementFromPoint(window.innerWidth - 200, window.innerHeight - 300) === host;
    });
    assert.equal(await shown(), false, "before the click, the panel takes no clicks");
    assert.equal(readPanel(await page.screenshot()).edge, null, "before the click, the panel can't be seen");
    await clickBadge(page);
    for (let i = 0; i < 50 && !(await shown()); i++) await page.waitForTimeout(20);
    assert.equal(await shown(), true, "the click shows it");
    assert.equal(readPanel(await page.screenshot()).edge, "ok");
    // A synthetic Escape from the page closes nothing: only a person's key does.
    await page.evaluate(() => document.querySelector("fedilens-badge").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })));
    await page.waitForTimeout(200);
    assert.equal(await shown(), true, "still open after the page's Escape");
    assert.match(await panel.locator(".fl-panel").innerText(), /@careful@strict\.example/);
    assert.deepEqual(sandbox.requests().slice(before).filter((r) => r.path.includes("webfinger")), [], "answered from the cache");
    await page.close();
  });

  test("a panel drawn ahead of the click from the cache loads its avatar only when shown", async () => {
    const first = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    await first.page.close();
    const page = await browser.context.newPage();
    const before = sandbox.requests().length;
    const avatars = () => sandbox.requests().slice(before).filter((r) => r.path.startsWith("/avatars/"));
    await page.goto("https://mastodon.social/@Gargron");
    await approachBadge(page);
    await panelFrame(page, browser.extensionId, { status: "federated" }); // drawn, not shown
    await page.waitForTimeout(500);
    assert.deepEqual(avatars(), [], "no avatar request before the click");
    await clickBadge(page);
    await waitFor(() => avatars().length > 0);
    await page.close();
  });

  test("the cache outlives a stopped service worker (kept in storage, read again once)", async () => {
    const first = await openPanel(browser, "https://strict.example/@careful", { status: "federated" });
    const cdp = await browser.context.newCDPSession(first.page);
    const stopped = new Promise((resolve) =>
      cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
        if (versions.some((v) => v.scriptURL.endsWith("/background.js") && v.runningStatus === "stopped")) resolve();
      }),
    );
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await stopped; // and its memory with it
    await first.page.close();
    const before = sandbox.requests().length;
    const again = await openPanel(browser, "https://strict.example/@careful", { status: "federated" });
    assert.match(await again.text(), /@careful@strict\.example/);
    assert.deepEqual(sandbox.requests().slice(before).filter((r) => r.path.includes("webfinger")), [], "answered from the stored cache");
    await again.page.close();
  });
});
