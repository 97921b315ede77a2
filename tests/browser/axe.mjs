// axe-core (npm, Deque's rules) run in a page or frame: the WCAG 2.x A and AA rules' violations.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const AXE = fs.readFileSync(path.resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Violations in `frame` (a Playwright frame or a puppeteer page), as short lines. */
export async function axeViolations(frame) {
  await frame.evaluate(AXE);
  return frame.evaluate(async (tags) => {
    const result = await globalThis.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}`));
  }, TAGS);
}

export async function assertNoViolations(frame, what) {
  assert.deepEqual(await axeViolations(frame), [], what);
}
