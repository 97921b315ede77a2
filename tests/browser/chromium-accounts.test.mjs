// A page that names several accounts (issue 22): one badge with the count, a panel that lists
// them and looks them up politely, a follower list as its app draws it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { clickBadge, openPanel, panelFrame } from "./chromium.mjs";
import { accountRows, badgeName, followAndReceive, useChromium } from "./chromium-session.mjs";
import { assertNoViolations } from "./axe.mjs";

let sandbox;
let browser;
useChromium((s) => ({ sandbox, browser } = s), { home: "@me@home.example" });

describe("every account on a page (issue 22)", () => {
  test("an article by three authors that mentions two more: one badge with the count, a panel that lists them, each with its own status and follow link", async () => {
    const before = sandbox.requests().length;
    const page = await browser.context.newPage();
    await page.goto("https://news.example/2026/11/team");
    assert.equal(await badgeName(page), "Fediverse: 5 accounts");
    assert.equal(sandbox.requests().slice(before).filter((r) => r.path.startsWith("/.well-known/webfinger")).length, 0, "nothing looked up before the click");
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "list" });
    assert.equal(await panel.locator(".fl-title").innerText(), "5 accounts on this page");
    const rows = await accountRows(panel, 5);
    assert.deepEqual(rows.map(([, status]) => status), ["federated", "federated", "signed_fetch_only", "federated", "unverified"]);
    assert.match(rows[0][2], /@Gargron@mastodon\.social[\s\S]*names this account as its author — confirmed/);
    // In a line per row: the status and the claim's verdict; the reasons behind a disclosure.
    assert.equal(await panel.locator(".fl-account summary").first().innerText(), "Federates · the page's claim confirmed");
    assert.equal(await panel.locator(".fl-account summary").nth(1).innerText(), "Federates · the page's claim, not confirmed");
    assert.equal(await panel.locator(".fl-account .fl-headline").first().isVisible(), false);
    assert.match(rows[1][2], /@syuilo@misskey\.io/);
    assert.match(rows[2][2], /@zuck@threads\.net/);
    assert.doesNotMatch(rows[3][2], /author/, "a mention is no claim of authorship");
    const links = await panel.locator(".fl-account a.fl-follow").evaluateAll((all) => all.map((a) => a.getAttribute("href")));
    assert.ok(links.length >= 4, links.join(" "));
    for (const href of links) assert.match(href, /^https:\/\/home\.example\//, "each row follows from the reader's home");
    // Opening a row's details moves the rows below it: a click at once on a moved link does nothing.
    await page.waitForTimeout(600);
    await panel.locator(".fl-account summary").first().click();
    await panel.locator(".fl-account a.fl-follow").nth(1).click();
    assert.match(await panel.locator(".fl-account").nth(1).locator(".fl-guard").innerText(), /only just appeared/);
    await panel.locator(".fl-account summary").first().click();
    // Each row's link is behind the same guard as a single panel's.
    const received = await followAndReceive(page, panel.locator(".fl-account a.fl-follow").nth(1), "misskey.io");
    assert.equal(received.object, "https://misskey.io/users/7rkrarq81i");
    await assertNoViolations(panel, "a list of accounts");
    await page.close();
  });

  test("a page of 10,000 handles: the first 50 are listed and looked up, the panel says so", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://news.example/many");
    assert.equal(await badgeName(page), "Fediverse: 10000 accounts");
    const before = sandbox.requests().length;
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "list" });
    assert.match(await panel.locator(".fl-accounts-note").innerText(), /names 10000 accounts: the first 50 are listed/);
    const rows = await accountRows(panel, 50);
    assert.equal(rows[49][0], "@reader49@mastodon.social");
    assert.ok(rows.every(([, status]) => status !== "loading"), "every row got its answer, a named state");
    // Politely: fifty accounts of one server are asked two at a time (the core's waves), never all at once.
    const webfinger = sandbox.requests().slice(before).filter((r) => r.path.startsWith("/.well-known/webfinger") && r.host === "mastodon.social");
    assert.equal(webfinger.length, 50);
    const overlapping = Math.max(...webfinger.map((r) => webfinger.filter((o) => o.at <= r.at && (o.end ?? Infinity) >= r.at).length));
    assert.ok(overlapping <= 2, `${overlapping} WebFinger requests to one server at once`);
    // Retry, twice at once, while the server is slow (a lookup takes 150 ms longer): one list's
    // lookups at a time still, two of one server (the second retry stops the runs before it).
    sandbox.misbehave("mastodon.social", (request) => (new URL(request.url).pathname === "/.well-known/webfinger" ? new Promise((r) => setTimeout(() => r(null), 150)) : null));
    const again = sandbox.requests().length;
    try {
      await panel.locator(".fl-retry").click();
      await page.waitForTimeout(400);
      await panel.locator(".fl-retry").click();
      await accountRows(panel, 50);
      await waitFor(() => sandbox.requests().slice(again).filter((r) => r.path.startsWith("/.well-known/webfinger") && r.host === "mastodon.social").every((r) => r.end) || null, 30_000);
    } finally {
      sandbox.misbehave("mastodon.social", null);
    }
    const retried = sandbox.requests().slice(again).filter((r) => r.path.startsWith("/.well-known/webfinger") && r.host === "mastodon.social");
    const retriedAtOnce = Math.max(...retried.map((r) => retried.filter((o) => o.at <= r.at && (o.end ?? Infinity) >= r.at).length));
    assert.ok(retriedAtOnce <= 2, `${retriedAtOnce} WebFinger requests to one server at once after two retries`);
    await page.close();
  });

  test("a Mastodon follower list, drawn by its app after the load and grown by scrolling: the badge counts its accounts, the panel lists them, not its owner", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://mastodon.social/@Gargron/followers");
    await waitFor(async () => (await badgeName(page)) === "Fediverse: 2 accounts" || null, 10_000);
    await waitFor(async () => (await badgeName(page)) === "Fediverse: 3 accounts" || null, 10_000);
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "list" });
    const rows = await accountRows(panel, 3);
    assert.deepEqual(rows.map(([name]) => name), ["Quiet", "@zuck@threads.net", ":peroro_sama:しゅいろ:peroro_sama:"]);
    assert.ok(rows.every(([, , text]) => !/Gargron/.test(text)), "the list's owner is not one of the listed");
    await page.close();
  });

  test("a page with one account behaves as before: its account's own panel", async () => {
    const { page, panel } = await openPanel(browser, "https://news.example/2026/11/story", { status: "federated" });
    assert.equal(await badgeName(page), "Fediverse: @Gargron@mastodon.social");
    assert.equal(await panel.locator(".fl-account").count(), 0);
    await page.close();
  });
});
