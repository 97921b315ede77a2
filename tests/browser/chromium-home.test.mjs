// The home account in real Chromium with the built extension, against the sandbox fediverse:
// set inline in a Threads profile's panel (the file starts with none), checked by the options
// page before it is saved, and a Misskey home's own follow template.
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { openPanel } from "./chromium.mjs";
import { saveHomeInOptions, shot, useChromium } from "./chromium-session.mjs";

let sandbox;
let browser;
useChromium((s) => ({ sandbox, browser } = s));

test("the extension loads, with its service worker", () => {
  assert.match(browser.extensionId, /^[a-p]{32}$/);
});

test("a Threads profile's panel explains its status, sets the home instance inline, and its follow arrives verified", async () => {
  const { page, panel, text, consoleErrors } = await openPanel(browser, "https://www.threads.net/@zuck", { status: "signed_fetch_only" });
  assert.match(await text(), /@zuck@threads\.net/);
  assert.match(await text(), /Federates \(signed fetch only\)/);
  assert.match(await text(), /only to signed server requests/);
  assert.equal(JSON.parse(await panel.locator(".fl-json").first().innerText()).subject, "acct:zuck@threads.net");

  // The account form shows only once asked for.
  assert.equal(await panel.locator(".fl-home-form").isVisible(), false, "the form waits for the button");
  await panel.locator(".fl-set-home").click();
  assert.equal(await panel.locator(".fl-home-form").isVisible(), true);
  await panel.locator("#fl-home-input").fill("@me@home.example");
  await panel.locator("#fl-home-input").press("Enter");
  const follow = panel.locator(".fl-follow");
  await follow.waitFor({ timeout: 15_000 });
  assert.equal(await follow.innerText(), "Follow from home.example");
  assert.equal(await follow.getAttribute("href"), "https://home.example/authorize_interaction?uri=zuck%40threads.net");
  await shot(page, "threads-follow");

  await page.waitForTimeout(600); // a person's pace: the link acts only once the panel has been in view for 0.5 s
  const [home] = await Promise.all([browser.context.waitForEvent("page"), follow.click()]);
  await home.waitForLoadState();
  assert.match(await home.locator("body").innerText(), /Follow request sent/);
  const received = await waitFor(() => sandbox.inbox().find((a) => a.host === "threads.net" && a.type === "Follow" && a.actor === "https://home.example/users/me"));
  assert.equal(received.verified, true);
  await waitFor(() => sandbox.inbox().find((a) => a.host === "home.example" && a.type === "Accept"));
  assert.deepEqual(consoleErrors, []);
  await home.close();
  await page.close();
});

test("the options page checks the home account by WebFinger before saving it", async () => {
  await saveHomeInOptions("@nobody@home.example", /Not saved/);
  await saveHomeInOptions("@me@home.example", /Saved: @me@home\.example \(mastodon/);
});

test("with a Misskey home instance, the follow link uses Misskey's own template", async () => {
  await saveHomeInOptions("@syuilo@misskey.io", /Saved: @syuilo@misskey\.io \(misskey/);
  const { page, panel } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
  const follow = panel.locator(".fl-follow");
  assert.equal(await follow.innerText(), "Follow from misskey.io");
  assert.equal(await follow.getAttribute("href"), "https://misskey.io/authorize-follow?acct=Gargron%40mastodon.social");
  await page.close();
});
