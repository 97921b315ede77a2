// The panel waits for the reader, in Firefox: drawn hidden from the cache ahead of the click,
// the lookup started by the press, the keyboard, and what the page's own Escape cannot do.
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { openPanelFirefox, waitForPanel } from "./firefox.mjs";
import { useFirefox } from "./firefox-session.mjs";
import { readPanel } from "./png.mjs";

let sandbox;
let firefox;
useFirefox((s) => ({ sandbox, firefox } = s), {
  home: "@me@home.example",
  // A threads.com profile looked up once: its answer is cached for the test that opens it again.
  setUp: async () => (await openPanelFirefox(firefox, "https://www.threads.com/@zuck")).page.close(),
});

test("the panel waits hidden with the cached answer drawn; the click shows it, no request", async () => {
  const page = await firefox.browser.newPage();
  const before = sandbox.requests().length;
  await page.goto("https://www.threads.com/@zuck");
  await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
  const box = await (await page.$("fedilens-badge")).boundingBox();
  await page.mouse.move(box.x + 24, box.y + box.height / 2); // the reader's approach loads the hidden panel
  await new Promise((r) => setTimeout(r, 1500)); // the hidden panel frame has loaded and drawn
  assert.equal(readPanel(Buffer.from(await page.screenshot())).edge, null, "nothing shows before the click");
  await page.mouse.click(box.x + 24, box.y + box.height / 2);
  const state = await waitForPanel(page, { timeout: 5_000 });
  assert.equal(state.edge, "ok");
  assert.deepEqual(sandbox.requests().slice(before).filter((r) => r.path.includes("webfinger")), [], "answered from the cache");
  await page.close();
});

test("pressing the badge starts the lookup; the release opens the panel", async () => {
  const page = await firefox.browser.newPage();
  await page.goto("https://home.example/@me");
  await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
  const box = await (await page.$("fedilens-badge")).boundingBox();
  await page.mouse.move(box.x + 24, box.y + box.height / 2); // the reader's approach loads the hidden panel
  await new Promise((r) => setTimeout(r, 1500)); // the hidden panel frame has loaded
  const before = sandbox.requests().length;
  await page.mouse.down();
  // Still pressed: the background is already asking the account's server.
  await waitFor(() => sandbox.requests().slice(before).find((r) => r.host === "home.example" && r.path.includes("webfinger")));
  await page.mouse.up();
  const state = await waitForPanel(page, { timeout: 10_000 });
  assert.equal(state.edge, "ok");
  await page.close();
});

test("keyboard: Tab reaches the badge, Enter opens the panel, Escape closes it, the focus is back on the badge", async () => {
  const page = await firefox.browser.newPage();
  await page.goto("https://mastodon.social/@Gargron");
  await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
  await new Promise((r) => setTimeout(r, 1500)); // the hidden panel frame has loaded
  const focused = () => page.evaluate(() => document.activeElement?.localName);
  for (let i = 0; i < 15 && (await focused()) !== "fedilens-badge"; i++) await page.keyboard.press("Tab");
  assert.equal(await focused(), "fedilens-badge", "the badge is in the page's tab order");
  await page.keyboard.press("Enter");
  const state = await waitForPanel(page);
  assert.equal(state.edge, "ok", "the panel shows");
  await page.keyboard.press("Escape");
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(readPanel(Buffer.from(await page.screenshot())).edge, null, "the panel is closed");
  assert.equal(await focused(), "fedilens-badge");
  await page.close();
});

test("a synthetic Escape from the page closes nothing; a cached panel's avatar loads only when shown", async () => {
  const first = await openPanelFirefox(firefox, "https://mastodon.social/@Gargron");
  assert.equal(first.state.edge, "ok");
  await first.page.evaluate(() => document.querySelector("fedilens-badge").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })));
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(readPanel(Buffer.from(await first.page.screenshot())).edge, "ok", "still open after the page's Escape");
  await first.page.close();
  // The answer is cached now: a new page draws it into the hidden panel, without its avatar.
  const page = await firefox.browser.newPage();
  const before = sandbox.requests().length;
  const avatars = () => sandbox.requests().slice(before).filter((r) => r.path.startsWith("/avatars/"));
  await page.goto("https://mastodon.social/@Gargron");
  await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
  const box = await (await page.$("fedilens-badge")).boundingBox();
  await page.mouse.move(box.x + 24, box.y + box.height / 2); // the reader's approach loads the hidden panel
  await new Promise((r) => setTimeout(r, 2000)); // the hidden panel frame has loaded and drawn
  assert.deepEqual(avatars(), [], "no avatar request before the click");
  await page.mouse.click(box.x + 24, box.y + box.height / 2);
  await waitFor(() => avatars().length > 0);
  await page.close();
});
