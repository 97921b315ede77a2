// What pages and servers cannot make Fedilens do, in Firefox: hostile fields stay text, the
// egress policy holds, servers see who asks, pages without signals cost nothing, the gate's
// selectors as Firefox reads them, failures drawn as failures.
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { openPanelFirefox } from "./firefox.mjs";
import { lookUpOnWww, shot, useFirefox } from "./firefox-session.mjs";
import { assertGateFindsSignals } from "./gate.mjs";
import { assertInert, inspectPanel, watchViolations, XSS_TARGETS } from "./xss.mjs";

let sandbox;
let firefox;
useFirefox((s) => ({ sandbox, firefox } = s), { home: "@me@home.example" });

test("a public XSS payload list in every remote field: shown as text, nothing runs, every link https", async () => {
  // WebDriver BiDi may not enter the extension's pages in Firefox, so the same wasm drawing is
  // looked into on www/ (a web page; xss.example allows it by CORS); the badge's own panel is
  // checked for what a test can see from outside: it draws a status, and no alert comes.
  for (const target of XSS_TARGETS) {
    const page = await firefox.browser.newPage();
    const dialogs = [];
    page.on("dialog", (d) => dialogs.push(d.message()) && d.dismiss());
    await page.goto("https://fedilens.example/");
    await page.evaluate(watchViolations);
    await lookUpOnWww(page, target);
    await new Promise((r) => setTimeout(r, 300));
    assertInert(await page.evaluate(inspectPanel), { dialogs });
    await page.close();
  }
  const dialogs = [];
  const { page, state } = await openPanelFirefox(firefox, "https://news.example/xss");
  page.on("dialog", (d) => dialogs.push(d.message()) && d.dismiss());
  assert.ok(state.edge, "the panel drew a status");
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(dialogs, []);
  await page.close();
});

test("the egress policy holds in Firefox: no redirect followed, a body cut at the cap, a stalled request let go", async () => {
  const seen = async (url, check) => {
    const before = sandbox.requests().length;
    const { page, state } = await openPanelFirefox(firefox, url, { timeout: 30_000 });
    assert.ok(state.edge, `${url}: the panel drew a status`);
    await check(() => sandbox.requests().slice(before));
    await page.close();
  };
  await seen("https://news.example/redirect", async (made) => {
    assert.equal(made().filter((r) => r.host === "redirector.example" && r.path.includes("webfinger")).length, 1);
    assert.deepEqual(made().filter((r) => r.host === "redirect-target.example"), [], "the redirect's target is never asked");
  });
  await seen("https://news.example/loop", async (made) => {
    assert.equal(made().filter((r) => r.host === "loop.example" && r.path.includes("webfinger")).length, 1);
  });
  await seen("https://news.example/endless", async (made) => {
    const answer = await waitFor(() => made().find((r) => r.host === "endless.example" && r.closed));
    assert.ok(answer.sent < 32 * 1024 * 1024, `${answer.sent} bytes sent of 200 MiB`);
  });
  await seen("https://news.example/slow", async (made) => {
    const stalled = made().find((r) => r.host === "slow.example");
    await waitFor(() => stalled.closed, 3_000);
  });
});

test("servers see who asks: Fedilens's User-Agent on the extension's requests", async () => {
  // An account no earlier test here looked up (a cached answer asks nobody).
  const before = sandbox.requests().length;
  const { page, state } = await openPanelFirefox(firefox, "https://strict.example/@careful");
  assert.equal(state.edge, "ok");
  const lookups = sandbox.requests().slice(before).filter((r) => r.path.startsWith("/.well-known/"));
  assert.ok(lookups.length > 0, "the lookup asked the account's server");
  for (const r of lookups) assert.match(r.agent, /^Fedilens\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/fedilens\/fedilens\)$/, r.path);
  await page.close();
});

test("pages without signals: no badge, no request; strict CSP with signals still works", async () => {
  for (const url of ["https://plain.example/", "https://plain.example/large", "https://plain.example/strict"]) {
    const page = await firefox.browser.newPage();
    const before = sandbox.requests().length;
    await page.goto(url);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(await page.$("fedilens-badge"), null, url);
    const made = sandbox.requests().slice(before);
    assert.deepEqual(made.filter((r) => /json/.test(r.accept) || r.path.startsWith("/.well-known/")), [], url);
    await page.close();
  }
  const { page, state } = await openPanelFirefox(firefox, "https://plain.example/strict-with-signals");
  assert.equal(state.edge, "ok");
  await page.close();
});

test("the gate's selectors, as Firefox reads them, find each page signal and no ordinary markup", async () => {
  const page = await firefox.browser.newPage();
  await assertGateFindsSignals(page);
  await page.close();
});

test("failures show a failure state, not a spinner", async () => {
  for (const url of ["https://news.example/garbage", "https://news.example/down"]) {
    const { page, state } = await openPanelFirefox(firefox, url, { shot: shot(`failure-${new URL(url).pathname.slice(1)}`) });
    assert.equal(state.edge, "bad", url);
    await page.close();
  }
});
