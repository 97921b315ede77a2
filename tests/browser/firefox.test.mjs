// The built extension in real Firefox ESR, against the sandbox: it installs, the content script
// and the wasm background detect a Threads profile and draw the badge, and the panel renders.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { startSandbox } from "../sandbox/sandbox.mjs";
import { launchFirefox, ROOT } from "./firefox.mjs";
import { countColor, decodePng } from "./png.mjs";

const SHOTS = path.join(ROOT, "build/screenshots");
let sandbox;
let firefox;

before(async () => {
  sandbox = await startSandbox({ address: "127.0.43.4" });
  firefox = await launchFirefox(sandbox);
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await firefox?.close();
  await sandbox?.close();
});

test("a Threads profile gets the badge, and the panel draws the result, in Firefox", async () => {
  const page = await firefox.browser.newPage();
  await page.goto("https://www.threads.com/@zuck");
  await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
  const box = await (await page.$("fedilens-badge")).boundingBox();
  await page.mouse.click(box.x + 24, box.y + box.height / 2);
  // WebDriver BiDi does not reach into moz-extension frames, so read the screenshot instead: the
  // panel (right, above the badge) shows the accent-coloured action and tab only once the core has
  // drawn a report, and the status box's green edge only for federated / signed-fetch-only.
  const panelBox = { x: 784, y: 136, width: 400, height: 600 };
  const accent = [0x5b, 0x4e, 0xe6];
  const ok = [0x17, 0x80, 0x3d];
  let image;
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    image = decodePng(Buffer.from(await page.screenshot({ path: path.join(SHOTS, "firefox-threads-panel.png") })));
    if (countColor(image, panelBox, ok) > 100) break;
  }
  assert.ok(countColor(image, panelBox, accent) > 3000, "the action button and the selected tab are drawn");
  assert.ok(countColor(image, panelBox, ok) > 100, "the status box has the green edge of a federating account");
  await page.close();
});

test("a page without fediverse signals gets no badge in Firefox", async () => {
  const page = await firefox.browser.newPage();
  const before = sandbox.requests().length;
  await page.goto("https://plain.example/");
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await page.$("fedilens-badge"), null);
  const made = sandbox.requests().slice(before);
  assert.deepEqual(made.filter((r) => /json/.test(r.accept) || r.path.startsWith("/.well-known/")), []);
  await page.close();
});
