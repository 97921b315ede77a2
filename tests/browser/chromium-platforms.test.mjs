// What the panel says of each platform's pages, and where its follow link goes (the home set to
// @me@home.example first): Threads, Mastodon, PeerTube and Lemmy, Bluesky through Bridgy Fed,
// Misskey, and any page that names an account.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { clickBadge, openPanel, panelFrame } from "./chromium.mjs";
import { followAndReceive, shot, useChromium } from "./chromium-session.mjs";

let sandbox;
let browser;
useChromium((s) => ({ sandbox, browser } = s), { home: "@me@home.example" });

describe("Threads", () => {
  test("a threads.com profile is the same account, its handle still on threads.net", async () => {
    const { page, panel, text } = await openPanel(browser, "https://www.threads.com/@zuck", { status: "signed_fetch_only" });
    assert.match(await text(), /@zuck@threads\.net/);
    assert.equal(await panel.locator(".fl-follow").innerText(), "Follow from home.example");
    await page.close();
  });

  test("a Threads profile that does not share says so, not 'error'", async () => {
    const { page, panel, text } = await openPanel(browser, "https://www.threads.com/@danluu.danluu", { status: "not_federated" });
    const status = await panel.locator(".fl-status").innerText();
    assert.match(status, /Not shared to the fediverse/);
    assert.doesNotMatch(status, /error/i);
    assert.equal(await panel.locator(".fl-follow").count(), 0);
    await page.close();
  });

  test("a Threads post's panel names its author and opens the post on the home instance", async () => {
    const { page, panel, text } = await openPanel(browser, "https://www.threads.net/@zuck/post/DYSAIo_FL77");
    assert.match(await text(), /@zuck@threads\.net/);
    const open = panel.locator(".fl-follow");
    assert.equal(await open.innerText(), "Open this post on home.example");
    assert.equal(await open.getAttribute("href"), `https://home.example/authorize_interaction?uri=${encodeURIComponent("https://www.threads.net/@zuck/post/DYSAIo_FL77")}`);
    await page.close();
  });
});

describe("Mastodon", () => {
  test("a Mastodon profile federates and is followed from home", async () => {
    const { page, panel, text } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    assert.match(await text(), /Eugen Rochko/);
    assert.match(await text(), /@Gargron@mastodon\.social/);
    assert.equal(await panel.locator(".fl-follow").innerText(), "Follow from home.example");
    await shot(page, "mastodon-profile");
    await page.close();
  });

  test("a Mastodon post opens on home, and so do its Like, Boost and Reply, behind the same guard", async () => {
    const { page, panel, text } = await openPanel(browser, "https://mastodon.social/@Gargron/113306831140126616", { status: "federated" });
    assert.match(await text(), /Hello from the sandbox|@Gargron@mastodon\.social/);
    assert.equal(await panel.locator(".fl-follow").innerText(), "Open this post on home.example");
    // Like, Boost and Reply from home: home.example publishes no FEP-3b86 intent for them, so
    // each opens the post there, behind the same guard as the follow link.
    const open = await panel.locator(".fl-follow").getAttribute("href");
    const links = await panel.locator(".fl-interact").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
    assert.deepEqual(links, [["Like on home.example", open], ["Boost on home.example", open], ["Reply on home.example", open]]);
    const like = panel.locator(".fl-interact").first();
    const pagesBefore = browser.context.pages().length;
    await like.dispatchEvent("click"); // a click the page could make: refused, as for Follow
    await page.waitForTimeout(300);
    assert.match(await panel.locator(".fl-guard").innerText(), /not a person's click/);
    assert.equal(browser.context.pages().length, pagesBefore);
    await page.waitForTimeout(600);
    const [home] = await Promise.all([browser.context.waitForEvent("page"), like.click()]);
    await home.waitForLoadState();
    assert.equal(home.url(), open);
    await home.close();
    await page.close();
  });

  test("a moved account: the panel says where to, and Follow follows the new account only when it names the old one", async () => {
    const { page, panel } = await openPanel(browser, "https://mastodon.social/@movedaway", { status: "federated" });
    assert.match(await panel.locator(".fl-facts").innerText(), /Moved to @movedhere@misskey\.io, which names this account as its old one/);
    const follow = panel.locator(".fl-follow");
    assert.equal(await follow.innerText(), "Follow @movedhere@misskey.io (the new account) from home.example");
    assert.equal(await follow.getAttribute("href"), "https://home.example/authorize_interaction?uri=movedhere%40misskey.io");
    const received = await followAndReceive(page, follow, "misskey.io");
    assert.equal(received.object, "https://misskey.io/users/9movedhere");
    assert.equal(received.verified, true, "the home's signed Follow reached the new account");
    await page.close();
    // Gargron does not name claimsmove: a claim, said so, and Follow stays with the account.
    const claim = await openPanel(browser, "https://mastodon.social/@claimsmove", { status: "federated" });
    assert.match(await claim.panel.locator(".fl-facts").innerText(), /Says it moved to https:\/\/mastodon\.social\/users\/Gargron, but that account does not name this one/);
    assert.equal(await claim.panel.locator(".fl-follow").getAttribute("href"), "https://home.example/authorize_interaction?uri=claimsmove%40mastodon.social");
    await claim.page.close();
    // A move to a server that answers 500: what happened, in words.
    const dead = await openPanel(browser, "https://mastodon.social/@movedtodead", { status: "federated" });
    assert.match(await dead.panel.locator(".fl-facts").innerText(), /Says it moved to https:\/\/broken\.example\/users\/gone, which could not be read: .*500/);
    await dead.page.close();
  });

  test("PeerTube and Lemmy: a video, an account, a channel (a Group) and a community; the channel followed from home", async () => {
    for (const url of ["https://tilvids.com/w/vAcN8FH5qTnVwhKsDhUoy1", "https://tilvids.com/a/thelinuxexperiment", "https://lemmy.ml/c/lemmy_support", "https://lemmy.ml/post/12345"]) {
      const { page } = await openPanel(browser, url, { status: "federated" });
      await page.close();
    }
    const { page, panel } = await openPanel(browser, "https://tilvids.com/c/thelinuxexperiment_channel/videos", { status: "federated" });
    assert.match(await panel.locator(".fl-facts").innerText(), /group/i, "a channel is a Group actor, said so");
    const follow = panel.locator(".fl-follow");
    assert.equal(await follow.getAttribute("href"), "https://home.example/authorize_interaction?uri=thelinuxexperiment_channel%40tilvids.com");
    const received = await followAndReceive(page, follow, "tilvids.com");
    assert.equal(received.object, "https://tilvids.com/video-channels/thelinuxexperiment_channel");
    assert.equal(received.actor, "https://home.example/users/me");
    await page.close();
  });

  test("a post page in odd markup (capitals, unquoted values): its alternate link and fediverse:creator read as the browser parses them", async () => {
    // The gate opened on `TYPE=Application/Activity+JSON` (HTML matches `type` and `rel` in any case).
    const { page, text } = await openPanel(browser, "https://blog.example/2026/odd-markup", { status: "federated" });
    const shown = await text();
    assert.match(shown, /Hello from the sandbox\./, "the post the alternate link names");
    assert.match(shown, /@Gargron@mastodon\.social federates/, "its author, from the post itself");
    assert.match(shown, /on another site, as its own — a claim, not confirmed/, "the page's claim to it, judged");
    await page.close();
  });

  test("a /@user@remote page is about the remote account", async () => {
    const { page, text } = await openPanel(browser, "https://mastodon.social/@zuck@threads.net", { status: "signed_fetch_only" });
    assert.match(await text(), /@zuck@threads\.net/);
    await page.close();
  });

  test("single-page navigation: the badge and the panel follow the URL", async () => {
    const { page, text } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    assert.match(await text(), /Eugen Rochko/);
    await page.click("nav a[href='/@zuck@threads.net']");
    assert.equal(new URL(page.url()).pathname, "/@zuck@threads.net");
    // The content script notices the new URL and redraws the badge for the new account.
    await page.waitForTimeout(1200);
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "signed_fetch_only" });
    assert.match(await panel.locator(".fl-panel").innerText(), /@zuck@threads\.net/);
    await page.close();
  });
});

describe("Bluesky through Bridgy Fed (issue 22)", () => {
  test("a bridged Bluesky profile is followed from home at its bsky.brid.gy handle", async () => {
    const { page, panel, text } = await openPanel(browser, "https://bsky.app/profile/alice.bsky.social", { status: "federated" });
    assert.match(await text(), /@alice\.bsky\.social@bsky\.brid\.gy/);
    const follow = panel.locator(".fl-follow");
    assert.equal(await follow.innerText(), "Follow from home.example");
    assert.equal(await follow.getAttribute("href"), "https://home.example/authorize_interaction?uri=alice.bsky.social%40bsky.brid.gy");
    const received = await followAndReceive(page, follow, "bsky.brid.gy");
    assert.equal(received.object, "https://bsky.brid.gy/ap/did:plc:alicebluesky7xq2w4hzk3mn");
    assert.equal(received.verified, true);
    await page.close();
  });

  test("a fediverse profile names its handle on Bluesky through the bridge and links there, asking nobody", async () => {
    const before = sandbox.requests().length;
    const { page, panel } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    assert.match(await panel.locator(".fl-bluesky").innerText(), /On Bluesky, if its owner bridged it through Bridgy Fed .*: @gargron\.mastodon\.social\.ap\.brid\.gy/);
    assert.equal(await panel.locator(".fl-bluesky-link").getAttribute("href"), "https://bsky.app/profile/gargron.mastodon.social.ap.brid.gy");
    // (The sandbox's own servers still deliver the previous test's Follow there: only the browser's requests count.)
    const browsers = sandbox.requests().slice(before).filter((r) => !r.agent.startsWith("Fedify"));
    assert.deepEqual(browsers.filter((r) => /brid\.gy|bsky/.test(r.host)), [], "no request to the bridge or Bluesky");
    await page.close();
  });

  test("a Bluesky account that has not opted in says 'not bridged' and how its owner opts in, not 'unreachable'", async () => {
    const { page, panel } = await openPanel(browser, "https://bsky.app/profile/bob.bsky.social");
    assert.equal(await panel.locator(".fl-status-label").innerText(), "Not bridged");
    assert.match(await panel.locator(".fl-headline").innerText(), /@bob\.bsky\.social is not bridged to the fediverse: its owner can opt in by following @ap\.brid\.gy on Bluesky/);
    assert.equal(await panel.locator(".fl-follow").count(), 0, "nothing to follow");
    await page.close();
  });
});

describe("a profile's tabs are the profile", () => {
  test("a Threads profile tab on a strict-CSP page shows the badge and the panel", async () => {
    const { page, text } = await openPanel(browser, "https://www.threads.com/@zuck/replies", { status: "signed_fetch_only" });
    assert.match(await text(), /@zuck@threads\.net/);
    await page.close();
  });

  test("single-page navigation between an account's tabs keeps its badge; another account moves it", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://mastodon.social/@Gargron");
    await page.locator("fedilens-badge").waitFor({ state: "attached" });
    await page.evaluate(() => { window.__badge = document.querySelector("fedilens-badge"); });
    for (const tab of ["/@Gargron/with_replies", "/@Gargron/media"]) {
      await page.click(`nav a[href='${tab}']`);
      await page.waitForTimeout(1200); // the content script looks at the URL twice a second
      assert.equal(await page.evaluate(() => document.querySelector("fedilens-badge") === window.__badge), true, tab);
    }
    await page.click("nav a[href='/@zuck@threads.net']");
    await page.waitForTimeout(1200);
    assert.equal(await page.evaluate(() => document.querySelector("fedilens-badge") !== window.__badge), true, "a new badge for the new account");
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "signed_fetch_only" });
    assert.match(await panel.locator(".fl-panel").innerText(), /@zuck@threads\.net/);
    await page.close();
  });
});

describe("Misskey", () => {
  test("a Misskey profile: isCat and the name's custom emoji decoded", async () => {
    const { page, panel, text } = await openPanel(browser, "https://misskey.io/@syuilo", { status: "federated" });
    assert.match(await text(), /Is a cat/);
    // The name's custom emoji, from the actor's Emoji tags: images with their shortcodes as alt text.
    const emoji = panel.locator(".fl-title img.fl-emoji");
    assert.equal(await emoji.count(), 2);
    assert.equal(await emoji.first().getAttribute("alt"), ":peroro_sama:");
    await waitFor(() => emoji.first().evaluate((img) => img.complete && img.naturalWidth > 0 || null));
    assert.equal(await panel.locator(".fl-title").innerText(), "しゅいろ");
    await page.close();
  });

  test("a note with a quote, decoded; the host's NodeInfo was asked for once this session", async () => {
    const before = sandbox.requests().length;
    const { page, text } = await openPanel(browser, "https://misskey.io/notes/9sv3rkmjjvdr000z", { status: "federated" });
    assert.match(await text(), /Quotes https:\/\/misskey\.io\/notes\/9aaaaaaaaaaaaaaa/);
    // The profile test above already asked misskey.io: the background remembers its NodeInfo.
    const nodeinfo = sandbox.requests().slice(before).filter((r) => r.host === "misskey.io" && r.path.includes("nodeinfo"));
    assert.deepEqual(nodeinfo, []);
    await shot(page, "misskey-note");
    await page.close();
  });
});

describe("any page that names an account", () => {
  test("a news article credits its author: confirmed by the account's attributionDomains", async () => {
    const { page, text } = await openPanel(browser, "https://news.example/2026/11/story", { status: "federated" });
    assert.match(await text(), /@Gargron@mastodon\.social/);
    assert.match(await text(), /names this account as its author — confirmed/);
    await page.close();
  });

  test("a web site's post names its own account on Bridgy Fed's web side: proven, the site said to be bridged", async () => {
    const { page, text } = await openPanel(browser, "https://blog.example/2026/bridged", { status: "federated" });
    assert.match(await text(), /@blog\.example@web\.brid\.gy/);
    assert.match(await text(), /A web site, bridged into the fediverse by Bridgy Fed: https:\/\/blog\.example\//);
    await page.close();
  });

  test("a personal page with rel=me: a claim until the account links back", async () => {
    const { page, text } = await openPanel(browser, "https://blog.example/", { status: "federated" });
    assert.match(await text(), /says it belongs to this account — a claim, not confirmed/);
    await page.close();
  });
});
