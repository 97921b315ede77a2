// The content script's gate as each browser reads its selectors: every page signal the main part
// gathers must pass it, ordinary markup must not. Shared by the Chromium and Firefox scenarios
// (Playwright's and Puppeteer's pages both have setContent and evaluate).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

const SIGNALS = [
  ['<link rel="me" href="https://m.example/@a">', ""],
  ["", '<p>Find me on <a rel="me noopener" href="https://m.example/@a">Mastodon</a></p>'],
  ['<link rel="alternate" type="application/activity+json" href="https://m.example/users/a">', ""],
  [`<link rel="alternate" type='application/ld+json; profile="https://www.w3.org/ns/activitystreams"' href="https://m.example/users/a">`, ""],
  ['<meta name="misskey:user-username" content="a">', ""],
  ['<meta name="fediverse:creator" content="@a@m.example">', ""],
];
const ORDINARY = [
  ['<link rel="stylesheet" href="a.css"><link rel="alternate" type="application/rss+xml" href="/feed"><meta name="description" content="x">', '<a rel="nofollow" href="/@someone">x</a>'],
  ['<script type="application/ld+json">{"@type":"Article"}</script>', "<p>Nothing here.</p>"],
];

/** Fails unless the gate's selectors, in `page`'s browser, find every signal and no ordinary markup. */
export async function assertGateFindsSignals(page) {
  const { selectors } = JSON.parse(execFileSync(path.join(ROOT, "target/debug/content-rules"), { encoding: "utf8" }));
  const passes = async ([head, body]) => {
    await page.setContent(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
    return page.evaluate((list) => list.some((s) => document.querySelector(s) != null), selectors);
  };
  for (const markup of SIGNALS) assert.equal(await passes(markup), true, markup.join(""));
  for (const markup of ORDINARY) assert.equal(await passes(markup), false, markup.join(""));
}
