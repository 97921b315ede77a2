// A page that names several accounts, in Firefox: each row follows its own account, 10,000
// handles cost 50 polite lookups, a follower list lists its accounts, not its owner.
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { openPanelFirefox, waitForPanel } from "./firefox.mjs";
import { homePageOpenedBy, shot, useFirefox } from "./firefox-session.mjs";

let sandbox;
let firefox;
useFirefox((s) => ({ sandbox, firefox } = s), { home: "@me@home.example" });

test("every account on a page: the list's rows each follow their own account; 10,000 handles cost 50 lookups, two of one server at a time", async () => {
  const before = sandbox.requests().length;
  const { page } = await openPanelFirefox(firefox, "https://news.example/2026/11/team");
  // Five lookups, then each row's follow link (the accent buttons, one per row in view).
  const state = await waitForPanel(page, { shot: shot("accounts"), minWidth: 120, until: (s) => s.edge && s.actions.length >= 2 && sandbox.requests().slice(before).filter((r) => r.path.startsWith("/.well-known/webfinger") && r.host !== "home.example").length >= 6 });
  assert.equal(state.edge, "ok", "the first row federates");
  assert.ok(state.actions.length >= 2, "a follow link per row");
  const asked = sandbox.requests().slice(before).filter((r) => r.path.startsWith("/.well-known/webfinger") && r.host !== "home.example").map((r) => new URL(r.path, "https://x").searchParams.get("resource"));
  // (Gargron's twice: spoof.example's answer names his actor, whose own server is asked too.)
  assert.deepEqual([...new Set(asked)].sort(), ["acct:Gargron@mastodon.social", "acct:gargron@spoof.example", "acct:quiet@mastodon.social", "acct:syuilo@misskey.io", "acct:zuck@threads.net"]);
  const row = await homePageOpenedBy(page, state.actions[1]);
  assert.equal(row.uri, "syuilo@misskey.io", "the second row's own account");
  await row.close();
  await page.close();

  const many = sandbox.requests().length;
  const big = await openPanelFirefox(firefox, "https://news.example/many");
  const lookups = () => sandbox.requests().slice(many).filter((r) => r.host === "mastodon.social" && r.path.startsWith("/.well-known/webfinger"));
  await waitFor(() => lookups().length >= 50 && lookups().every((r) => r.end) && lookups(), 60_000);
  await new Promise((r) => setTimeout(r, 500));
  const users = lookups().map((r) => new URL(r.path, "https://x").searchParams.get("resource"));
  assert.equal(users.length, 50, "the first 50 only");
  assert.ok(users.includes("acct:reader49@mastodon.social") && !users.includes("acct:reader50@mastodon.social"));
  const all = lookups();
  const overlapping = Math.max(...all.map((r) => all.filter((o) => o.at <= r.at && o.end >= r.at).length));
  assert.ok(overlapping <= 2, `${overlapping} WebFinger requests to one server at once`);
  await big.page.close();
});

test("a Mastodon follower list, drawn after the load: its panel lists the accounts (each its own follow link), not its owner", async () => {
  const page = await firefox.browser.newPage();
  await page.goto("https://mastodon.social/@Gargron/followers");
  await new Promise((r) => setTimeout(r, 5000)); // the app draws the list (0.4 s, then 3 s in) and the badge follows it
  const box = await (await page.waitForSelector("fedilens-badge", { timeout: 15_000 })).boundingBox();
  await page.mouse.click(box.x + 24, box.y + box.height / 2);
  const state = await waitForPanel(page, { shot: shot("follower-list"), minWidth: 120, until: (s) => s.edge && s.actions.length >= 3 });
  assert.ok(state.actions.length >= 3, "a follow link per listed account (the owner's profile would have one)");
  const first = await homePageOpenedBy(page, state.actions[0]);
  assert.equal(first.uri, "quiet@mastodon.social", "the first listed account, not the list's owner");
  await first.close();
  await page.close();
});
