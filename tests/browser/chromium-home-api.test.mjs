// Following through the reader's own home instance (issue 14): connecting it (the browser's
// approval window), follow and unfollow, a Misskey home, Like and Boost, "Follow all", and what a
// panel shows without a connection. The token stays in the background.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { clickBadge, openPanel, panelFrame } from "./chromium.mjs";
import { accountRows, saveHomeInOptions, useChromium } from "./chromium-session.mjs";
import { assertNoViolations } from "./axe.mjs";

let sandbox;
let browser;
useChromium((s) => ({ sandbox, browser } = s), { home: "@me@home.example" });

describe("following through the reader's own home instance (issue 14)", () => {
  const worker = () => browser.context.serviceWorkers()[0];
  /** The connection the background keeps in its own IndexedDB (read after it has opened it). */
  const storedConnection = () =>
    worker().evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open("fedilens-secrets", 1);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction("secrets").objectStore("secrets").get("homeConnection");
            read.onsuccess = () => resolve(read.result ?? null);
            read.onerror = () => reject(read.error);
          };
        }),
    );

  /** Records the wasm files the background fetches from now on (Resource Timing leaves out
   * chrome-extension: URLs); `wasmFetched()` lists them. */
  const watchWasmFetches = () =>
    worker().evaluate(() => {
      const fetchFirst = globalThis.fetch;
      globalThis.wasmFetched = [];
      globalThis.fetch = (resource, init) => {
        if (String(resource).endsWith(".wasm")) globalThis.wasmFetched.push(new URL(String(resource)).pathname);
        return fetchFirst(resource, init);
      };
    });
  const wasmFetched = () => worker().evaluate(() => globalThis.wasmFetched);

  /** The options page's connection line, once it matches `pattern`. */
  async function connectLine(page, pattern) {
    await page.waitForFunction((source) => new RegExp(source).test(document.getElementById("connect-status").textContent), pattern.source, { timeout: 15_000 });
    return page.locator("#connect-status").innerText();
  }

  /** The browser's approval window (identity.launchWebAuthFlow), once it shows `path` on `host`. */
  const approvalWindow = (host, path) => browser.context.waitForEvent("page", { predicate: (p) => p.url().startsWith(`https://${host}${path}`), timeout: 15_000 });

  test("connect on the options page (approval in the browser's window), follow and unfollow in the panel, disconnect revokes the token", async () => {
    // The reader is signed in on their home (the sandbox's stand-in for Mastodon's login form).
    const signIn = await browser.context.newPage();
    await signIn.goto("https://home.example/auth/sign_in?as=me");
    await signIn.close();
    await saveHomeInOptions("@me@home.example", /Saved: @me@home\.example/);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    assert.match(await connectLine(options, /Not connected/), /Not connected: the panel offers the follow link/);
    // The home's API is a wasm of its own, loaded once per background lifetime, on first need:
    // after the lookups before it (the saved home's check among them) and the options page's
    // question, connecting is what loads it.
    await watchWasmFetches();
    await assertNoViolations(options.mainFrame(), "the options page's Connect section");
    const approval = approvalWindow("home.example", "/oauth/authorize");
    await options.click("#connect-button");
    const consent = await approval;
    const asked = new URL(consent.url()).searchParams;
    assert.equal(asked.get("scope"), "read:accounts read:follows write:follows read:search write:favourites write:statuses");
    assert.equal(asked.get("code_challenge_method"), "S256");
    assert.match(asked.get("redirect_uri"), new RegExp(`^https://${browser.extensionId}\\.chromiumapp\\.org/$`));
    await consent.click("button[name=approve]");
    assert.equal(await connectLine(options, /Connected/), "Connected as @me@home.example (the Mastodon API).");
    assert.deepEqual(await wasmFetched(), ["/wasm/fedilens_home_bg.wasm"], "connecting loaded the home's wasm, not loaded before");
    const stored = await storedConnection();
    assert.equal(stored.api, "mastodon");
    assert.ok(stored.token && stored.app?.client_secret, "the token and the app's secret, kept in the background's storage.local");
    // Not in any storage area a content script can read (local, sync; session holds the cache).
    const readable = await worker().evaluate(() => Promise.all([chrome.storage.local.get(null), chrome.storage.sync.get(null), chrome.storage.session.get(null)]));
    assert.ok(!JSON.stringify(readable).includes(stored.token), "the token is in the background's IndexedDB only");
    assert.ok(!JSON.stringify(readable).includes(stored.app.client_secret), "and so is the app's secret");
    assert.equal(await options.evaluate((token) => document.documentElement.outerHTML.includes(token), stored.token), false, "the options page never sees the token");

    const before = sandbox.inbox().length;
    const { page, panel, consoleErrors } = await openPanel(browser, "https://www.threads.net/@zuck", { status: "signed_fetch_only" });
    const block = panel.locator(".fl-relationship");
    await block.waitFor({ timeout: 15_000 });
    const button = block.locator(".fl-home-follow");
    // The block moved what was below it as it appeared: a click at once, aimed at whatever was
    // there before, does nothing.
    const early = sandbox.requests().length;
    await button.click();
    assert.match(await block.locator(".fl-guard").innerText(), /only just appeared/);
    assert.equal(sandbox.requests().slice(early).filter((r) => r.path.endsWith("/follow")).length, 0, "no follow asked");
    assert.match(await block.innerText(), /As home\.example sees it/i);
    assert.match(await block.innerText(), /Not following/);
    assert.equal(await button.innerText(), "Follow");
    assert.equal(await panel.locator(".fl-follow").isHidden(), true, "the home's Follow stands in for the follow link");
    // Threads shows the browser nothing (signed fetch only); the home's signed fetch saw the name.
    assert.equal(await block.locator(".fl-home-seen").innerText(), "Mark Zuckerberg");
    assert.equal(await block.locator(".fl-home-counts").innerText(), "0 posts · 0 followers · 0 following");
    await assertNoViolations(panel, "a connected panel");
    await page.waitForTimeout(600); // the guard: the panel in plain view for half a second
    await button.click();
    const received = await waitFor(() => sandbox.inbox().slice(before).find((a) => a.host === "threads.net" && a.type === "Follow" && a.actor === "https://home.example/users/me"));
    assert.equal(received.verified, true, "the home's Follow, signed, verified by Threads' inbox");
    await waitFor(() => sandbox.inbox().slice(before).find((a) => a.host === "home.example" && a.type === "Accept"));
    await page.close();
    // Opened again: the home says Following (the Accept came back).
    const again = await openPanel(browser, "https://www.threads.net/@zuck", { status: "signed_fetch_only" });
    const after = again.panel.locator(".fl-relationship");
    await waitFor(async () => /Following/.test((await after.innerText().catch(() => "")) ?? "") || null);
    const unfollow = after.locator(".fl-home-follow");
    assert.equal(await unfollow.innerText(), "Unfollow");
    // A click the page made acts on nothing.
    await again.panel.evaluate(() => document.querySelector(".fl-home-follow").dispatchEvent(new MouseEvent("click", { bubbles: true })));
    await again.page.waitForTimeout(300);
    assert.equal(await unfollow.innerText(), "Unfollow");
    await again.page.waitForTimeout(300);
    const undoFrom = sandbox.inbox().length;
    await unfollow.click();
    await waitFor(async () => /Not following/.test(await after.innerText()) || null);
    const undo = await waitFor(() => sandbox.inbox().slice(undoFrom).find((a) => a.host === "threads.net" && a.type === "Undo"));
    assert.equal(undo.verified, true, "the Undo, signed, verified by Threads' inbox");
    assert.deepEqual([...consoleErrors, ...again.consoleErrors], []);
    await again.page.close();

    // The toolbar popup (the browser's own surface): the same relationship, and Follow acts.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.fill("#target", "@zuck@threads.net");
    await popup.press("#target", "Enter");
    const popupBlock = popup.locator(".fl-relationship");
    await waitFor(async () => /Not following/.test((await popupBlock.innerText().catch(() => "")) ?? "") || null);
    const followFrom = sandbox.inbox().length;
    await popupBlock.locator(".fl-home-follow").click();
    await waitFor(() => sandbox.inbox().slice(followFrom).find((a) => a.host === "threads.net" && a.type === "Follow"));
    await waitFor(async () => /Following|Follow requested/.test(await popupBlock.innerText()) || null);
    await popup.close();

    // A home that repeats the token in its refusal: the panel shows its words without it.
    sandbox.misbehave("home.example", (request) =>
      /^\/api\/v1\/accounts\/[^/]+\/(un)?follow$/.test(new URL(request.url).pathname)
        ? Response.json({ error: `Token was ${request.headers.get("authorization")}, refused` }, { status: 403 })
        : null,
    );
    const echoing = await openPanel(browser, "https://www.threads.net/@zuck", { status: "signed_fetch_only" });
    const echoingBlock = echoing.panel.locator(".fl-relationship");
    await echoingBlock.locator(".fl-home-follow").waitFor({ timeout: 15_000 });
    await echoing.page.waitForTimeout(600); // the guard
    await echoingBlock.locator(".fl-home-follow").click();
    const refusal = echoingBlock.locator(".fl-relationship-error");
    await refusal.waitFor({ timeout: 10_000 });
    assert.equal(await refusal.innerText(), "home.example refused the request: Token was Bearer …, refused");
    assert.equal(await echoing.panel.evaluate((token) => document.documentElement.outerHTML.includes(token), stored.token), false, "the token is not in the panel");
    sandbox.misbehave("home.example", null);
    await echoing.page.close();

    // A post: "Open this post on home.example" goes to the home's own page for it, as resolved
    // by the home, not through its redirect page.
    const post = await openPanel(browser, "https://www.threads.net/@zuck/post/DYSAIo_FL77");
    const open = post.panel.locator(".fl-follow");
    assert.equal(await open.innerText(), "Open this post on home.example");
    await waitFor(async () => /^https:\/\/home\.example\/@zuck@threads\.net\/\d+$/.test((await open.getAttribute("href")) ?? "") || null);
    await post.page.close();

    // Revoked behind Fedilens's back (the reader removes it in Mastodon's Authorized apps): the
    // panel says so, offers to connect again, and the follow link is back.
    const revoked = await fetch("https://home.example/oauth/revoke", { method: "POST", body: new URLSearchParams({ client_id: stored.app.client_id, client_secret: stored.app.client_secret, token: stored.token }) });
    assert.equal(revoked.status, 200);
    const gone = await openPanel(browser, "https://www.threads.net/@zuck", { status: "signed_fetch_only" });
    const problem = gone.panel.locator(".fl-relationship-error");
    await problem.waitFor({ timeout: 10_000 });
    assert.equal(await problem.innerText(), "home.example no longer accepts Fedilens's access: connect again");
    assert.equal(await gone.panel.locator(".fl-relationship .fl-home-connect").count(), 1);
    assert.equal(await gone.panel.locator(".fl-follow").isVisible(), true, "the follow link, whenever the API fails");
    await gone.page.close();

    // Disconnect: the home revokes the token, and the panel offers to connect again.
    await options.click("#disconnect-button");
    assert.match(await connectLine(options, /Disconnected/), /^Disconnected: home\.example has revoked Fedilens's access Not connected/);
    assert.equal(await storedConnection(), null);
    const check = await fetch("https://home.example/api/v1/accounts/verify_credentials", { headers: { authorization: `Bearer ${stored.token}` } });
    assert.equal(check.status, 401, "the token no longer works on the home");
    const third = await openPanel(browser, "https://www.threads.net/@zuck", { status: "signed_fetch_only" });
    await third.panel.locator(".fl-home-connect").waitFor({ timeout: 10_000 });
    assert.equal(await third.panel.locator(".fl-home-connect").innerText(), "Connect your account to follow here in one click");
    await third.page.close();
    await options.close();
  });

  test("a Misskey home: Connect in the panel, MiAuth in the browser's window, follow; disconnecting says where to revoke", async () => {
    await saveHomeInOptions("@me@misskey-home.example", /Saved: @me@misskey-home\.example/);
    try {
      const { page, panel } = await openPanel(browser, "https://www.threads.net/@zuck", { status: "signed_fetch_only" });
      const connect = panel.locator(".fl-home-connect");
      await connect.waitFor({ timeout: 10_000 });
      // A page's synthetic click opens no approval window.
      const requests = sandbox.requests().length;
      await panel.evaluate(() => document.querySelector(".fl-home-connect").dispatchEvent(new MouseEvent("click", { bubbles: true })));
      await page.waitForTimeout(600);
      assert.equal(sandbox.requests().slice(requests).filter((r) => r.host === "misskey-home.example").length, 0);
      const approval = approvalWindow("misskey-home.example", "/miauth/");
      await connect.click();
      const miauth = await approval;
      const asked = new URL(miauth.url());
      assert.match(asked.pathname, /^\/miauth\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, "a UUID session");
      assert.equal(asked.searchParams.get("permission"), "read:account,write:following,write:reactions,write:notes");
      await miauth.click("button[name=accept]");
      const block = panel.locator(".fl-relationship");
      await waitFor(async () => /Not following/.test((await block.innerText().catch(() => "")) ?? "") || null);
      assert.match(await block.innerText(), /As misskey-home\.example sees it/i);
      const before = sandbox.inbox().length;
      await page.waitForTimeout(600); // the guard: the block in place for half a second
      await block.locator(".fl-home-follow").click();
      const received = await waitFor(() => sandbox.inbox().slice(before).find((a) => a.host === "threads.net" && a.type === "Follow" && a.actor.startsWith("https://misskey-home.example/")));
      assert.equal(received.verified, true, "Misskey's Follow, signed, verified by Threads' inbox");
      await waitFor(async () => /Following|Follow requested/.test(await block.innerText()) || null);
      await page.close();
      // A post opens at Misskey's own page for it (ap/show), not through a redirect page.
      const post = await openPanel(browser, "https://www.threads.net/@zuck/post/DYSAIo_FL77");
      const open = post.panel.locator(".fl-follow");
      await waitFor(async () => /^https:\/\/misskey-home\.example\/notes\/[0-9a-z]+$/.test((await open.getAttribute("href")) ?? "") || null);
      await post.page.close();
      // Like on Misskey (issue 22 §4): Misskey's own heart, through notes/reactions/create; Reply
      // at its share page for the note.
      const liking = await openPanel(browser, "https://mastodon.social/@Gargron/113306831140126616");
      const like = liking.panel.locator(".fl-home-act[data-act=like]");
      await like.waitFor({ timeout: 15_000 });
      assert.equal(await like.innerText(), "Like on misskey-home.example");
      assert.match(await liking.panel.locator("a[data-action=action_reply]").getAttribute("href"), /^https:\/\/misskey-home\.example\/share\?replyId=\w+$/);
      await liking.page.waitForTimeout(600); // the guard
      const likeFrom = sandbox.inbox().length;
      await like.click();
      const heart = await waitFor(() => sandbox.inbox().slice(likeFrom).find((a) => a.host === "mastodon.social" && a.type === "Like" && a.actor.startsWith("https://misskey-home.example/")));
      assert.deepEqual([heart.content, heart.verified], ["❤", true]);
      await waitFor(async () => (await like.innerText()) === "Liked on misskey-home.example (undo)" || null);
      await liking.page.close();
      // Another home saved: the panel no longer acts as the Misskey account, it offers Connect.
      await saveHomeInOptions("@me@home.example", /Saved: @me@home\.example/);
      const changed = await openPanel(browser, "https://www.threads.net/@zuck", { status: "signed_fetch_only" });
      await changed.panel.locator(".fl-home-connect").waitFor({ timeout: 10_000 });
      assert.equal(await changed.panel.locator(".fl-relationship .fl-section").count(), 0);
      await changed.page.close();
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
      assert.equal(
        await connectLine(options, /Connected/),
        "Connected as @me@misskey-home.example (the Misskey API), which is not your saved account: disconnect it, then connect again.",
      );
      await options.click("#disconnect-button");
      assert.match(await connectLine(options, /Disconnected/), /Installed apps, https:\/\/misskey-home\.example\/settings\/apps/);
      assert.equal(await storedConnection(), null);
      await options.close();
    } finally {
      await saveHomeInOptions("@me@home.example", /Saved: @me@home\.example/);
    }
  });

  /** Signs in at home.example and connects it on the options page; returns that page (to disconnect). */
  async function connectHome() {
    const signIn = await browser.context.newPage();
    await signIn.goto("https://home.example/auth/sign_in?as=me");
    await signIn.close();
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const approval = approvalWindow("home.example", "/oauth/authorize");
    await options.click("#connect-button");
    await (await approval).click("button[name=approve]");
    assert.equal(await connectLine(options, /Connected/), "Connected as @me@home.example (the Mastodon API).");
    return options;
  }

  test("a post liked and boosted through the connected home's API, each undone; a home whose favourite fails says so (issue 22 §4)", async () => {
    const options = await connectHome();
    try {
      const post = "https://mastodon.social/users/Gargron/statuses/113306831140126616";
      const { page, panel } = await openPanel(browser, "https://mastodon.social/@Gargron/113306831140126616");
      const like = panel.locator(".fl-home-act[data-act=like]");
      await like.waitFor({ timeout: 15_000 });
      assert.equal(await like.innerText(), "Like on home.example");
      assert.equal(await panel.locator(".fl-home-act[data-act=boost]").innerText(), "Boost on home.example");
      assert.match(await panel.locator("a.fl-interact[data-action=action_reply]").getAttribute("href"), /^https:\/\/home\.example\/@Gargron@mastodon\.social\/\d+$/, "Reply at the post's page on home");
      const from = sandbox.inbox().length;
      // Just turned into the home's buttons: a click at once does nothing.
      await like.click();
      assert.match(await panel.locator(".fl-interactions .fl-guard").innerText(), /only just appeared/);
      await page.waitForTimeout(600);
      await like.click();
      const liked = await waitFor(() => sandbox.inbox().slice(from).find((a) => a.host === "mastodon.social" && a.type === "Like"));
      assert.deepEqual([liked.actor, liked.object, liked.verified], ["https://home.example/users/me", post, true]);
      await waitFor(async () => (await like.innerText().catch(() => "")) === "Liked on home.example (undo)" || null);
      assert.equal(await like.getAttribute("aria-pressed"), "true");
      await page.waitForTimeout(600);
      await panel.locator(".fl-home-act[data-act=boost]").click();
      await waitFor(() => sandbox.inbox().slice(from).find((a) => a.host === "mastodon.social" && a.type === "Announce" && a.object === post));
      await waitFor(async () => (await panel.locator(".fl-home-act[data-act=boost]").innerText()) === "Boosted on home.example (undo)" || null);
      await page.waitForTimeout(600);
      const undoFrom = sandbox.inbox().length;
      await like.click();
      await waitFor(() => sandbox.inbox().slice(undoFrom).find((a) => a.host === "mastodon.social" && a.type === "Undo"));
      await waitFor(async () => (await like.innerText()) === "Like on home.example" || null);
      // A page's synthetic click acts on nothing.
      const before = sandbox.inbox().length;
      await panel.evaluate(() => document.querySelector(".fl-home-act[data-act=like]").dispatchEvent(new MouseEvent("click", { bubbles: true })));
      await page.waitForTimeout(600);
      assert.equal(sandbox.inbox().slice(before).filter((a) => a.type === "Like").length, 0);
      // The home's favourite fails: said under the button, which stays.
      sandbox.misbehave("home.example", (request) => (new URL(request.url).pathname.endsWith("/favourite") ? Response.json({ error: "Something went wrong" }, { status: 500 }) : null));
      try {
        await like.click();
        const note = panel.locator(".fl-interactions .fl-home-note");
        await note.waitFor({ timeout: 10_000 });
        assert.match(await note.innerText(), /home\.example/);
        assert.equal(await like.innerText(), "Like on home.example");
      } finally {
        sandbox.misbehave("home.example", null);
      }
      await assertNoViolations(panel, "a post with the home's Like and Boost");
      await page.close();
    } finally {
      await options.click("#disconnect-button");
      await connectLine(options, /Disconnected/);
      await options.close();
    }
  });

  test("a page that names several accounts: 'Follow all' from the connected home, after one confirmation that lists who", async () => {
    const options = await connectHome();
    try {
      const page = await browser.context.newPage();
      await page.goto("https://news.example/2026/11/team");
      await clickBadge(page);
      const panel = await panelFrame(page, browser.extensionId, { status: "list" });
      await accountRows(panel, 5);
      const offer = panel.locator(".fl-follow-all-ask");
      await offer.waitFor({ timeout: 10_000 });
      // Not the unverified one (spoof.example's): Follow all follows proven accounts only.
      assert.equal(await offer.innerText(), "Follow all 4 from home.example");
      const inboxFrom = sandbox.inbox().length;
      // Just appeared: a click at once does nothing.
      await offer.click();
      assert.match(await panel.locator(".fl-follow-all .fl-guard").innerText(), /only just appeared/);
      await page.waitForTimeout(600);
      await offer.click();
      const who = panel.locator(".fl-follow-all-who");
      assert.deepEqual(await who.allInnerTexts(), ["@Gargron@mastodon.social", "@syuilo@misskey.io", "@zuck@threads.net", "@quiet@mastodon.social"]);
      assert.equal(await panel.locator(".fl-follow-all-question").innerText(), "Follow these 4 accounts from home.example?");
      // Cancel: nothing followed, the offer again.
      await panel.locator(".fl-follow-all-no").click();
      await offer.waitFor();
      await page.waitForTimeout(600);
      await offer.click();
      const yes = panel.locator(".fl-follow-all-yes");
      // The page's own click on the confirmation does nothing.
      await panel.evaluate(() => document.querySelector(".fl-follow-all-yes").dispatchEvent(new MouseEvent("click", { bubbles: true })));
      await page.waitForTimeout(600);
      assert.equal(sandbox.inbox().slice(inboxFrom).filter((a) => a.type === "Follow").length, 0, "nothing followed before the reader confirms");
      await yes.click();
      const states = panel.locator(".fl-row-state");
      await waitFor(async () => (await states.count()) === 4 || null, 30_000);
      for (const state of await states.allInnerTexts()) assert.match(state, /^(Following|Follow requested) from home\.example$/);
      assert.match(await panel.locator(".fl-account").nth(3).locator(".fl-row-state").innerText(), /Follow requested/, "@quiet approves followers by hand");
      assert.equal(await panel.locator(".fl-account").nth(4).locator(".fl-row-state").count(), 0, "the unverified account was not followed");
      const quiet = await waitFor(() => sandbox.inbox().slice(inboxFrom).find((a) => a.host === "mastodon.social" && a.type === "Follow" && a.object === "https://mastodon.social/users/quiet"));
      assert.equal(quiet.actor, "https://home.example/users/me");
      assert.equal(quiet.verified, true);
      assert.equal(await panel.locator(".fl-follow-all-yes").count(), 0, "the confirmation is gone once done");
      await page.close();
    } finally {
      await options.click("#disconnect-button");
      await connectLine(options, /Disconnected/);
      await options.close();
    }
  });

  test("not connected: a Connect button, and no request to the home's API", async () => {
    const before = sandbox.requests().length;
    const { page, panel } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    await panel.locator(".fl-home-connect").waitFor({ timeout: 10_000 });
    assert.equal(await panel.locator(".fl-relationship .fl-section").count(), 0, "no relationship without a connection");
    // The instance's public domain-block list is the lookup's own check of the home, not the API.
    const api = sandbox.requests().slice(before).filter((r) => r.path.startsWith("/api/") && r.path !== "/api/v1/instance/domain_blocks");
    assert.deepEqual(api, []);
    await page.close();
  });
});
