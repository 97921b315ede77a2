// Each platform's pages in Firefox (the home set first): Threads, Mastodon, Misskey, PeerTube
// and Lemmy, Bluesky through Bridgy Fed, pages that name an account; where each follow goes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { openPanelFirefox, waitForPanel } from "./firefox.mjs";
import { homePageOpenedBy, shot, useFirefox } from "./firefox-session.mjs";

let sandbox;
let firefox;
useFirefox((s) => ({ sandbox, firefox } = s), { home: "@me@home.example" });

test("a threads.com profile is the same account, and federates", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.com/@zuck");
  assert.equal(state.edge, "ok");
  await page.close();
});

test("a Threads profile that does not share: a warning, no action", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.com/@danluu.danluu");
  assert.equal(state.edge, "warn");
  assert.equal(state.action, null);
  await page.close();
});

test("a Threads post resolves, with an action to open it at home", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.net/@zuck/post/DYSAIo_FL77");
  assert.equal(state.edge, "ok");
  assert.ok(state.action);
  await page.close();
});

test("a Threads profile tab on a strict-CSP page: badge and panel; tab to tab keeps the badge", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.com/@zuck/replies");
  assert.equal(state.edge, "ok", "federates (signed fetch only)");
  await page.evaluate(() => { window.__badge = document.querySelector("fedilens-badge"); });
  await page.click("nav a[href='/@zuck/media']");
  await new Promise((r) => setTimeout(r, 1200));
  assert.equal(await page.evaluate(() => document.querySelector("fedilens-badge") === window.__badge), true, "the same badge");
  await page.click("nav a[href='/@danluu.danluu']");
  await new Promise((r) => setTimeout(r, 1200));
  assert.equal(await page.evaluate(() => document.querySelector("fedilens-badge") !== window.__badge), true, "a new badge for another account");
  await page.close();
});

describe("Mastodon pages federate, each with its action", () => {
  for (const url of ["https://mastodon.social/@Gargron", "https://mastodon.social/@Gargron/113306831140126616", "https://mastodon.social/@zuck@threads.net"]) {
    test(url, async () => {
      const { page, state } = await openPanelFirefox(firefox, url);
      assert.equal(state.edge, "ok");
      assert.ok(state.action);
      await page.close();
    });
  }

  test("single-page navigation: the badge follows the URL", async () => {
    const page = await firefox.browser.newPage();
    await page.goto("https://mastodon.social/@Gargron");
    await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
    const before = sandbox.requests().length;
    await page.click("nav a[href='/@alice@split.example']");
    // The panel for the new URL looks up the remote account, not Gargron.
    await new Promise((r) => setTimeout(r, 1200));
    const box = await (await page.$("fedilens-badge")).boundingBox();
    await page.mouse.click(box.x + 24, box.y + box.height / 2);
    const state = await waitForPanel(page);
    assert.equal(state.edge, "ok");
    await waitFor(() => sandbox.requests().slice(before).find((r) => r.host === "split.example" && r.path.includes("acct%3Aalice%40split.example")));
    await page.close();
  });
});

test("a moved account: Follow follows the new account, and the Follow reaches it", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://mastodon.social/@movedaway");
  assert.equal(state.edge, "ok", "federates");
  assert.ok(state.action, "the follow button");
  const inboxFrom = sandbox.inbox().length;
  const follow = await homePageOpenedBy(page, state.action);
  assert.equal(follow.uri, "movedhere@misskey.io", "the new account, not movedaway");
  const received = await waitFor(() => sandbox.inbox().slice(inboxFrom).find((a) => a.host === "misskey.io" && a.type === "Follow" && a.object === "https://misskey.io/users/9movedhere"));
  assert.equal(received.verified, true);
  await follow.close();
  await page.close();
  // An unproven move: the follow stays with the account looked up.
  const claim = await openPanelFirefox(firefox, "https://mastodon.social/@claimsmove");
  const stays = await homePageOpenedBy(claim.page, claim.state.action);
  assert.equal(stays.uri, "claimsmove@mastodon.social");
  await stays.close();
  await claim.page.close();
});

test("PeerTube and Lemmy: a video, a channel and a community federate; the channel is followed from home, its Follow reaches it", async () => {
  for (const url of ["https://tilvids.com/w/vAcN8FH5qTnVwhKsDhUoy1", "https://tilvids.com/a/thelinuxexperiment", "https://lemmy.ml/c/lemmy_support", "https://lemmy.ml/post/12345"]) {
    const { page, state } = await openPanelFirefox(firefox, url);
    assert.equal(state.edge, "ok", url);
    await page.close();
  }
  const { page, state } = await openPanelFirefox(firefox, "https://tilvids.com/c/thelinuxexperiment_channel/videos");
  assert.equal(state.edge, "ok", "federates");
  const inboxFrom = sandbox.inbox().length;
  const follow = await homePageOpenedBy(page, state.action);
  assert.equal(follow.uri, "thelinuxexperiment_channel@tilvids.com");
  const received = await waitFor(() => sandbox.inbox().slice(inboxFrom).find((a) => a.host === "tilvids.com" && a.type === "Follow" && a.object === "https://tilvids.com/video-channels/thelinuxexperiment_channel"));
  assert.equal(received.actor, "https://home.example/users/me");
  await follow.close();
  await page.close();
});

test("a post's Like, Boost and Reply from a home that is not connected: links to the home's page for the post", async () => {
  const { page } = await openPanelFirefox(firefox, "https://mastodon.social/@Gargron/113306831140126616");
  // "Open this post on home.example", then the line of Like, Boost and Reply (narrower).
  const state = await waitForPanel(page, { shot: shot("post-interactions"), minWidth: 60, until: (s) => s.edge && s.actions.length >= 2 });
  assert.ok(state.actions.length >= 2, "the open link and the interactions");
  const like = await homePageOpenedBy(page, state.actions[1]);
  assert.equal(like.uri, "https://mastodon.social/users/Gargron/statuses/113306831140126616", "Like opens the post at home (no intent published)");
  await like.close();
  await page.close();
});

test("Bluesky through Bridgy Fed: a bridged profile is followed at its bsky.brid.gy handle; one not bridged has nothing to follow", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://bsky.app/profile/alice.bsky.social");
  assert.equal(state.edge, "ok", "federates");
  const inboxFrom = sandbox.inbox().length;
  const follow = await homePageOpenedBy(page, state.action);
  assert.equal(follow.uri, "alice.bsky.social@bsky.brid.gy");
  const received = await waitFor(() => sandbox.inbox().slice(inboxFrom).find((a) => a.host === "bsky.brid.gy" && a.type === "Follow"));
  assert.equal(received.verified, true);
  await follow.close();
  await page.close();
  const bob = await openPanelFirefox(firefox, "https://bsky.app/profile/bob.bsky.social");
  assert.equal(bob.state.edge, "warn", "not bridged: a warning, not a failure");
  assert.equal(bob.state.action, null, "nothing to follow");
  await bob.page.close();
});

test("a Misskey profile and note federate", async () => {
  for (const url of ["https://misskey.io/@syuilo", "https://misskey.io/notes/9sv3rkmjjvdr000z"]) {
    const { page, state } = await openPanelFirefox(firefox, url);
    assert.equal(state.edge, "ok", url);
    await page.close();
  }
});

test("an article's creator, a personal page's rel=me, and a web site's own account on Bridgy Fed's web side federate", async () => {
  for (const url of ["https://news.example/2026/11/story", "https://blog.example/", "https://blog.example/2026/bridged"]) {
    const before = sandbox.requests().length;
    const { page, state } = await openPanelFirefox(firefox, url);
    assert.equal(state.edge, "ok", url);
    if (url.endsWith("/bridged")) {
      const asked = sandbox.requests().slice(before).filter((r) => r.host === "web.brid.gy").map((r) => r.path);
      assert.ok(asked.some((p) => decodeURIComponent(p).startsWith("/.well-known/webfinger?resource=acct:blog.example@web.brid.gy")), asked.join(" "));
      assert.ok(asked.includes("/blog.example"), "the site's actor on the bridge");
    }
    await page.close();
  }
});
