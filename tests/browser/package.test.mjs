// The store packages: each browser's own manifest, and zips that rebuild byte for byte from the
// same files wherever and whenever they are built.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";

const ROOT = path.resolve(import.meta.dirname, "../..");
const manifest = (browser) => JSON.parse(fs.readFileSync(path.join(ROOT, "dist", browser, "manifest.json"), "utf8"));

test("each browser gets its own background entry and only its own settings", () => {
  const chrome = manifest("chrome");
  const firefox = manifest("firefox");
  assert.deepEqual(chrome.background, { service_worker: "background.js", type: "module" });
  assert.equal(chrome.browser_specific_settings, undefined);
  assert.deepEqual(firefox.background, { scripts: ["background.js"], type: "module" });
  assert.equal(firefox.minimum_chrome_version, undefined);
  assert.ok(firefox.browser_specific_settings.gecko.id);
});

test("the store zip is the same bytes from copies at other paths with other file times", () => {
  for (const browser of ["chrome", "firefox"]) {
    const zips = [0, 1].map((i) => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), `fedilens-zip-${i}-`));
      const folder = path.join(copy, i ? "elsewhere/deeper" : "here");
      fs.cpSync(path.join(ROOT, "dist", browser), folder, { recursive: true });
      const when = new Date(Date.UTC(2020 + i * 5, i, 1 + i));
      for (const entry of fs.readdirSync(folder, { recursive: true })) fs.utimesSync(path.join(folder, entry), when, when);
      const zip = path.join(copy, "out.zip");
      execFileSync("python3", [path.join(ROOT, "scripts/store-package.py"), "zip", folder, zip]);
      const bytes = fs.readFileSync(zip);
      fs.rmSync(copy, { recursive: true, force: true });
      return bytes;
    });
    assert.ok(zips[0].equals(zips[1]), `${browser}: the two zips differ`);
    assert.ok(zips[0].equals(fs.readFileSync(path.join(ROOT, `dist/fedilens-${browser}.zip`))), `${browser}: dist's zip differs`);
  }
});
