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

test("make source: the sources, lock files and build steps, with the checksums the build must give", () => {
  execFileSync("bash", [path.join(ROOT, "scripts/source-package.sh")], { cwd: ROOT });
  const listing = execFileSync("python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print('\\n'.join(z.namelist())); print(z.read('fedilens-source/BUILDING.md').decode())", path.join(ROOT, "dist/fedilens-source.zip")], { encoding: "utf8" });
  for (const file of ["Cargo.lock", "Cargo.toml", "package-lock.json", "src/lib.rs", "src/wasm/mod.rs", "extension/background.js", "scripts/build-extension.sh", "BUILDING.md"]) {
    assert.match(listing, new RegExp(`^fedilens-source/${file.replace(".", "\\.")}$`, "m"), file);
  }
  assert.doesNotMatch(listing, /^fedilens-source\/(target|dist|build|node_modules)\//m);
  for (const wasm of ["fedilens_bg.wasm", "fedilens_home_bg.wasm", "fedilens_panel_bg.wasm"]) {
    const sum = execFileSync("sha256sum", [path.join(ROOT, "dist/firefox/wasm", wasm)], { encoding: "utf8" }).split(" ")[0];
    assert.match(listing, new RegExp(`${wasm.replace(".", "\\.")} \\| ${sum}`), wasm);
  }
});
