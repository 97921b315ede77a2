// Mozilla's own linter on the Firefox build: no errors, no warnings (the build gives Firefox a
// manifest of its own: `background.scripts`, no Chrome keys).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "../..");

test("web-ext lint: 0 errors on dist/firefox", async () => {
  const webExt = path.join(ROOT, "node_modules/.bin/web-ext");
  const { stdout } = await promisify(execFile)(webExt, ["lint", "--source-dir", path.join(ROOT, "dist/firefox"), "--output", "json"], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch((e) => e); // exits non-zero when it finds errors; the JSON still says which
  const report = JSON.parse(stdout);
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.warnings.map((w) => w.code), []);
});
