// The built extension in real Chromium, against the sandbox: it loads, detects, draws the badge,
// opens the panel, and leaves pages without signals alone.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { startSandbox } from "../sandbox/sandbox.mjs";
import { clickBadge, launchChromium, panelFrame, SHOTS } from "./chromium.mjs";

let sandbox;
let browser;

before(async () => {
  sandbox = await startSandbox({ address: "127.0.43.3" });
  browser = await launchChromium(sandbox);
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await sandbox?.close();
});

test("the extension loads in Chromium with its service worker", () => {
  assert.match(browser.extensionId, /^[a-p]{32}$/);
});

test("a Threads profile gets a badge, and the panel shows the account honestly", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("https://www.threads.com/@zuck");
  await clickBadge(page);
  const panel = await panelFrame(page, browser.extensionId, { status: "signed_fetch_only" });
  const text = await panel.locator(".fl-panel").innerText();
  assert.match(text, /@zuck@threads\.net/);
  assert.match(text, /Federates \(signed fetch only\)/);
  assert.match(text, /signed server requests/);
  assert.ok(await panel.locator(".fl-tab", { hasText: "WebFinger" }).count(), "the raw WebFinger tab");
  const json = await panel.locator(".fl-json").first().innerText();
  assert.equal(JSON.parse(json).subject, "acct:zuck@threads.net");
  await page.screenshot({ path: path.join(SHOTS, "chromium-threads-panel.png") });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a page without fediverse signals gets no badge and costs no request", async () => {
  const page = await browser.context.newPage();
  const before = sandbox.requests().length;
  await page.goto("https://plain.example/");
  await page.waitForTimeout(1000);
  assert.equal(await page.locator("fedilens-badge").count(), 0);
  // The browser's own requests (the page, its favicon) ask for HTML or anything; the extension's
  // would ask for JSON (WebFinger, NodeInfo, ActivityPub).
  const made = sandbox.requests().slice(before);
  assert.deepEqual(made.filter((r) => /json/.test(r.accept) || r.path.startsWith("/.well-known/")), []);
  assert.ok(made.some((r) => r.host === "plain.example" && r.path === "/"), "the page itself was loaded");
  await page.close();
});
