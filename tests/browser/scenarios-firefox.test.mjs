// The same scenarios in real Firefox ESR. The badge and the network are checked through the DOM
// and the sandbox's logs; the panel, an extension frame WebDriver BiDi cannot enter, through its
// screenshot (status colour, action button) and what its buttons do.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startSandbox } from "../sandbox/sandbox.mjs";
import { waitFor } from "../sandbox/wait.mjs";
import { launchFirefox, openPanelFirefox, ROOT, waitForPanel } from "./firefox.mjs";
import { assertGateFindsSignals } from "./gate.mjs";
import { PANEL_BOX, readPanel } from "./png.mjs";
import { assertInert, inspectPanel, watchViolations, XSS_TARGETS } from "./xss.mjs";
import { assertNoViolations } from "./axe.mjs";
import { belowBanner, clear, COVERS, FULL_WINDOW } from "./overlays.mjs";

const SHOTS = path.join(ROOT, "build/screenshots");
let sandbox;
let firefox;
const shot = (name) => path.join(SHOTS, `firefox-${name}.png`);

/** Types `target` into www/ (open in `page`) and waits for its panel's answer. */
async function lookUpOnWww(page, target) {
  await page.type("#target", target);
  await page.click("button[type=submit]");
  await page.waitForSelector('.fl-panel:not([data-status="loading"])', { timeout: 15_000 });
}

/**
 * Clicks `at` in `page` (a link the panel drew) once the guard's half second has passed, and
 * waits for the home's follow page it opens in a new tab (earlier tests leave theirs open): the
 * `uri` it was given, and a way to close it.
 */
async function homePageOpenedBy(page, at) {
  await new Promise((r) => setTimeout(r, 600)); // the guard: the panel in plain view for half a second
  const earlier = new Set(firefox.browser.targets());
  const opened = firefox.browser.waitForTarget((t) => !earlier.has(t) && t.url().startsWith("https://home.example/authorize_interaction"), { timeout: 15_000 });
  await page.mouse.click(at.x, at.y);
  const target = await opened;
  return { uri: new URL(target.url()).searchParams.get("uri"), close: async () => (await target.page())?.close() };
}

before(async () => {
  sandbox = await startSandbox({ address: "127.0.43.7" });
  firefox = await launchFirefox(sandbox);
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await firefox?.close();
  await sandbox?.close();
});


test("1. Threads profile: set the home instance in the panel, follow, the Follow arrives verified", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.net/@zuck", { shot: shot("threads-panel") });
  assert.equal(state.edge, "ok", "federates (signed fetch only)");
  assert.ok(state.action, "the 'set your home instance' button");
  await page.mouse.click(state.action.x, state.action.y);
  await new Promise((r) => setTimeout(r, 300));
  await page.keyboard.type("@me@home.example");
  await page.keyboard.press("Enter");
  // The panel redraws with "Follow from home.example" where the set-home button was.
  const before = sandbox.requests().length;
  const followState = await waitForPanel(page, { shot: shot("threads-follow"), until: (s) => s.edge && s.action && sandbox.requests().length > before });
  assert.ok(followState.action);
  await new Promise((r) => setTimeout(r, 500));
  const opened = firefox.browser.waitForTarget((t) => t.url().startsWith("https://home.example/authorize_interaction"), { timeout: 15_000 });
  await page.mouse.click(followState.action.x, followState.action.y);
  const target = await opened;
  assert.equal(new URL(target.url()).searchParams.get("uri"), "zuck@threads.net");
  const received = await waitFor(() => sandbox.inbox().find((a) => a.host === "threads.net" && a.type === "Follow" && a.actor === "https://home.example/users/me"));
  assert.equal(received.verified, true);
  await page.close();
});

test("1e. clickjacking: a follow click through a decoy laid over the panel opens nothing", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.net/@zuck");
  assert.ok(state.action, "Follow from home.example");
  const followPages = () => firefox.browser.targets().filter((t) => t.url().startsWith("https://home.example/authorize_interaction")).length;
  const before = followPages();
  // A decoy in the top layer that lets clicks through (Firefox has no IntersectionObserver v2:
  // the content script's check at the click is what refuses).
  await page.evaluate(() => {
    const decoy = Object.assign(document.createElement("div"), { id: "decoy", popover: "manual", textContent: "Click to win" });
    decoy.style.cssText = "inset: 0; width: 100vw; height: 100vh; margin: 0; pointer-events: none; background: #fff; opacity: .98";
    document.body.append(decoy);
    decoy.showPopover();
  });
  await new Promise((r) => setTimeout(r, 700));
  await page.mouse.click(state.action.x, state.action.y);
  await new Promise((r) => setTimeout(r, 2_000));
  assert.equal(followPages(), before, "no follow page opened through the decoy");
  await page.evaluate(() => document.getElementById("decoy").remove());
  await new Promise((r) => setTimeout(r, 700));
  await page.mouse.click(state.action.x, state.action.y);
  await waitFor(() => followPages() > before);
  await page.close();
});

test("the follow guard judges what the page paints over the panel, however it stacks it, and the last half second of it", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.net/@zuck");
  assert.ok(state.action, "Follow from home.example");
  const followPages = () => firefox.browser.targets().filter((t) => t.url().startsWith("https://home.example/authorize_interaction")).length;
  const before = followPages();
  const panelShows = async () => readPanel(Buffer.from(await page.screenshot())).action !== null;
  const clickFollow = () => page.mouse.click(state.action.x, state.action.y);
  // Every trick is tried (a follow page opened through one is closed again), then the list of
  // those that got a click through is checked: it names each one that did.
  const through = [];
  const tryClick = async (name) => {
    await clickFollow();
    await new Promise((r) => setTimeout(r, 1_500));
    const opened = firefox.browser.targets().filter((t) => t.url().startsWith("https://home.example/authorize_interaction"));
    if (opened.length > before) {
      through.push(name);
      for (const target of opened.slice(before)) await (await target.page())?.close();
    }
  };
  for (const { name, cover, betweenFrames } of COVERS) {
    await page.evaluate(cover, FULL_WINDOW);
    await new Promise((r) => setTimeout(r, 700));
    if (!betweenFrames) assert.equal(await panelShows(), false, `${name}: the decoy hides the panel`);
    await tryClick(name);
    await page.evaluate(clear);
    await new Promise((r) => setTimeout(r, 700));
  }
  // A decoy taken away just before the click (as a page can at the reader's press, on the
  // window's blur) still counts for half a second.
  await page.evaluate(COVERS[0].cover, FULL_WINDOW);
  await new Promise((r) => setTimeout(r, 700));
  await page.evaluate(clear);
  await tryClick("a decoy gone just before the click");
  assert.deepEqual(through, [], "no follow page opened through a decoy");
  // Something after the badge that stays below it does not stop the click.
  await page.evaluate(belowBanner);
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(await panelShows(), true, "the banner stays below the panel");
  await clickFollow();
  await waitFor(() => followPages() > before);
  await page.close();
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

test("1f. a public XSS payload list in every remote field: shown as text, nothing runs, every link https", async () => {
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

test("1g. the egress policy holds in Firefox: no redirect followed, a body cut at the cap, a stalled request let go", async () => {
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

test("1h. a Threads profile tab on a strict-CSP page: badge and panel; tab to tab keeps the badge", async () => {
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

test("1i. keyboard: Tab reaches the badge, Enter opens the panel, Escape closes it, the focus is back on the badge", async () => {
  const page = await firefox.browser.newPage();
  await page.goto("https://mastodon.social/@Gargron");
  await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
  await new Promise((r) => setTimeout(r, 1500)); // the hidden panel frame has loaded
  const focused = () => page.evaluate(() => document.activeElement?.localName);
  for (let i = 0; i < 15 && (await focused()) !== "fedilens-badge"; i++) await page.keyboard.press("Tab");
  assert.equal(await focused(), "fedilens-badge", "the badge is in the page's tab order");
  await page.keyboard.press("Enter");
  const state = await waitForPanel(page);
  assert.equal(state.edge, "ok", "the panel shows");
  await page.keyboard.press("Escape");
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(readPanel(Buffer.from(await page.screenshot())).edge, null, "the panel is closed");
  assert.equal(await focused(), "fedilens-badge");
  await page.close();
});

test("1j. accessibility: axe-core finds no WCAG 2.x A/AA violation on www/ (the panel's own drawing)", async () => {
  // WebDriver BiDi may not enter the extension's pages in Firefox, nor emulate a dark scheme: the
  // same wasm drawing is judged on www/, light (Chromium's tests judge the extension's panel, popup
  // and options page themselves, light and dark).
  const page = await firefox.browser.newPage();
  await page.goto("https://fedilens.example/");
  await assertNoViolations(page, "www/");
  await lookUpOnWww(page, "@all@xss.example");
  await assertNoViolations(page, "www/ with a panel");
  await page.close();
});

test("1k. a synthetic Escape from the page closes nothing; a cached panel's avatar loads only when shown", async () => {
  const first = await openPanelFirefox(firefox, "https://mastodon.social/@Gargron");
  assert.equal(first.state.edge, "ok");
  await first.page.evaluate(() => document.querySelector("fedilens-badge").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })));
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(readPanel(Buffer.from(await first.page.screenshot())).edge, "ok", "still open after the page's Escape");
  await first.page.close();
  // The answer is cached now: a new page draws it into the hidden panel, without its avatar.
  const page = await firefox.browser.newPage();
  const before = sandbox.requests().length;
  const avatars = () => sandbox.requests().slice(before).filter((r) => r.path.startsWith("/avatars/"));
  await page.goto("https://mastodon.social/@Gargron");
  await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
  const box = await (await page.$("fedilens-badge")).boundingBox();
  await page.mouse.move(box.x + 24, box.y + box.height / 2); // the reader's approach loads the hidden panel
  await new Promise((r) => setTimeout(r, 2000)); // the hidden panel frame has loaded and drawn
  assert.deepEqual(avatars(), [], "no avatar request before the click");
  await page.mouse.click(box.x + 24, box.y + box.height / 2);
  await waitFor(() => avatars().length > 0);
  await page.close();
});

test("1b. threads.com: same account, federates", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.com/@zuck");
  assert.equal(state.edge, "ok");
  await page.close();
});

test("1l. servers see who asks: Fedilens's User-Agent on the extension's requests", async () => {
  // An account no earlier test here looked up (a cached answer asks nobody).
  const before = sandbox.requests().length;
  const { page, state } = await openPanelFirefox(firefox, "https://strict.example/@careful");
  assert.equal(state.edge, "ok");
  const lookups = sandbox.requests().slice(before).filter((r) => r.path.startsWith("/.well-known/"));
  assert.ok(lookups.length > 0, "the lookup asked the account's server");
  for (const r of lookups) assert.match(r.agent, /^Fedilens\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/fedilens\/fedilens\)$/, r.path);
  await page.close();
});

test("1c. the panel waits hidden with the cached answer drawn; the click shows it, no request", async () => {
  const page = await firefox.browser.newPage();
  const before = sandbox.requests().length;
  await page.goto("https://www.threads.com/@zuck");
  await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
  const box = await (await page.$("fedilens-badge")).boundingBox();
  await page.mouse.move(box.x + 24, box.y + box.height / 2); // the reader's approach loads the hidden panel
  await new Promise((r) => setTimeout(r, 1500)); // the hidden panel frame has loaded and drawn
  assert.equal(readPanel(Buffer.from(await page.screenshot())).edge, null, "nothing shows before the click");
  await page.mouse.click(box.x + 24, box.y + box.height / 2);
  const state = await waitForPanel(page, { timeout: 5_000 });
  assert.equal(state.edge, "ok");
  assert.deepEqual(sandbox.requests().slice(before).filter((r) => r.path.includes("webfinger")), [], "answered from the cache");
  await page.close();
});

test("1d. pressing the badge starts the lookup; the release opens the panel", async () => {
  const page = await firefox.browser.newPage();
  await page.goto("https://home.example/@me");
  await page.waitForSelector("fedilens-badge", { timeout: 15_000 });
  const box = await (await page.$("fedilens-badge")).boundingBox();
  await page.mouse.move(box.x + 24, box.y + box.height / 2); // the reader's approach loads the hidden panel
  await new Promise((r) => setTimeout(r, 1500)); // the hidden panel frame has loaded
  const before = sandbox.requests().length;
  await page.mouse.down();
  // Still pressed: the background is already asking the account's server.
  await waitFor(() => sandbox.requests().slice(before).find((r) => r.host === "home.example" && r.path.includes("webfinger")));
  await page.mouse.up();
  const state = await waitForPanel(page, { timeout: 10_000 });
  assert.equal(state.edge, "ok");
  await page.close();
});

test("2. Threads profile that does not share: a warning, no action", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.com/@danluu.danluu");
  assert.equal(state.edge, "warn");
  assert.equal(state.action, null);
  await page.close();
});

test("3. Threads post: resolves, with an action to open it at home", async () => {
  const { page, state } = await openPanelFirefox(firefox, "https://www.threads.net/@zuck/post/DYSAIo_FL77");
  assert.equal(state.edge, "ok");
  assert.ok(state.action);
  await page.close();
});

describe("4. Mastodon", () => {
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

test("5. Misskey profile and note", async () => {
  for (const url of ["https://misskey.io/@syuilo", "https://misskey.io/notes/9sv3rkmjjvdr000z"]) {
    const { page, state } = await openPanelFirefox(firefox, url);
    assert.equal(state.edge, "ok", url);
    await page.close();
  }
});

test("6. an article's creator, a personal page's rel=me, and a web site's own account on Bridgy Fed's web side", async () => {
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

test("7. pages without signals: no badge, no request; strict CSP with signals still works", async () => {
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

test("7b. the gate's selectors, as Firefox reads them, find each page signal and no ordinary markup", async () => {
  const page = await firefox.browser.newPage();
  await assertGateFindsSignals(page);
  await page.close();
});

test("8. failures show a failure state, not a spinner", async () => {
  for (const url of ["https://news.example/garbage", "https://news.example/down"]) {
    const { page, state } = await openPanelFirefox(firefox, url, { shot: shot(`failure-${new URL(url).pathname.slice(1)}`) });
    assert.equal(state.edge, "bad", url);
    await page.close();
  }
});

describe("in Japanese", () => {
  let ja;
  before(async () => {
    ja = await launchFirefox(sandbox, { lang: "ja" });
  });
  after(async () => {
    await ja?.close();
  });

  test("www/ speaks the reader's language: the page, the panel's words and its values", async () => {
    const page = await ja.browser.newPage();
    await page.goto("https://fedilens.example/");
    await page.waitForFunction(() => document.documentElement.lang === "ja", { timeout: 10_000 }); // the catalogue has loaded
    assert.equal(await page.$eval("button[type=submit]", (b) => b.textContent), "照会");
    await lookUpOnWww(page, "@Gargron@mastodon.social");
    const words = await page.$eval(".fl-panel", (p) => p.innerText);
    assert.match(words, /@Gargron@mastodon\.social/);
    assert.match(words, /確認できませんでした|連合/, "the outcome in Japanese");
    assert.doesNotMatch(words, /could not be checked|Federates|Look up again/);
    await assertNoViolations(page, "www/ in Japanese");
    await page.close();
  });

  test("the extension's panel on a Threads profile (its screenshot, in Japanese)", async () => {
    const { page, state } = await openPanelFirefox(ja, "https://www.threads.net/@zuck", { shot: shot("threads-panel-ja") });
    assert.equal(state.edge, "ok");
    await page.close();
  });
});

test("9. issue 14 (last: it leaves a connection): Connect in the panel, approve in the browser's window, follow through the home's API", async () => {
  // The home account was saved by test 1. The reader is signed in on their home.
  const signIn = await firefox.browser.newPage();
  await signIn.goto("https://home.example/auth/sign_in?as=me");
  await signIn.close();
  const { page } = await openPanelFirefox(firefox, "https://www.threads.net/@zuck");
  // Under the follow link: "Connect your account to follow here in one click".
  const offered = await waitForPanel(page, { shot: shot("connect-offered"), until: (s) => s.actions.length >= 2 });
  assert.equal(offered.actions.length, 2, "the follow link and the Connect button");
  await new Promise((r) => setTimeout(r, 600)); // the guard: in plain view for half a second
  const approval = firefox.browser.waitForTarget((t) => t.url().startsWith("https://home.example/oauth/authorize"), { timeout: 15_000 });
  await page.mouse.click(offered.actions[1].x, offered.actions[1].y);
  const consent = await (await approval).page();
  const redirect = new URL(consent.url()).searchParams.get("redirect_uri");
  assert.match(redirect, /^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/, "Firefox's identity.getRedirectURL()");
  await consent.click("button[name=approve]");
  // Connected: "As home.example sees it · Not following" and a Follow button (narrower than the
  // follow link, read with a lower width), which stands in for the follow link.
  const connected = await waitForPanel(page, { shot: shot("connected"), minWidth: 60, until: (s) => s.actions.length >= 2 && s.actions[0].width < 150 });
  const follow = connected.actions[0];
  assert.ok(follow.width < 150 && follow.y > offered.actions[0].y, "the Follow button under the relationship, no follow link above it");
  const before = sandbox.inbox().length;
  await new Promise((r) => setTimeout(r, 600)); // the guard: the block in place for half a second
  await page.mouse.click(follow.x, follow.y);
  const received = await waitFor(() => sandbox.inbox().slice(before).find((a) => a.host === "threads.net" && a.type === "Follow" && a.actor === "https://home.example/users/me"));
  assert.equal(received.verified, true, "the home's Follow, signed, verified by Threads' inbox");
  await waitFor(() => sandbox.inbox().slice(before).find((a) => a.host === "home.example" && a.type === "Accept"));
  await page.close();
  // Opened again, the home says Following: the button under it now reads Unfollow (the
  // screenshot is kept; the home's API is asked for the relationship again).
  const searched = sandbox.requests().length;
  const again = await openPanelFirefox(firefox, "https://www.threads.net/@zuck");
  await waitFor(() => sandbox.requests().slice(searched).find((r) => r.host === "home.example" && r.path.startsWith("/api/v1/accounts/relationships")));
  // "Following", and the button under it is Unfollow, wider than Follow was.
  const following = await waitForPanel(again.page, { shot: shot("following"), minWidth: 60, until: (s) => s.actions.length >= 2 && s.actions[0].width > follow.width + 10 && s.actions[0].width < 150 });
  assert.ok(following.actions[0].width > follow.width + 10, `Unfollow (${following.actions[0].width} px) where Follow (${follow.width} px) was`);
  // Unfollow: the home sends a signed Undo, which Threads' inbox verifies.
  const undoFrom = sandbox.inbox().length;
  await new Promise((r) => setTimeout(r, 600));
  await again.page.mouse.click(following.actions[0].x, following.actions[0].y);
  const undo = await waitFor(() => sandbox.inbox().slice(undoFrom).find((a) => a.host === "threads.net" && a.type === "Undo"));
  assert.equal(undo.verified, true);
  await again.page.close();

  // A post (issue 22 §4): once the home has found it, Like is the home's own button, under
  // "Open this post on home.example"; a click likes it through the API (a signed Like arrives).
  const asked = sandbox.requests().length;
  const post = await openPanelFirefox(firefox, "https://mastodon.social/@Gargron/113306831140126616");
  await waitFor(() => sandbox.requests().slice(asked).find((r) => r.host === "home.example" && r.path.startsWith("/api/v2/search") && r.path.includes("type=statuses")));
  await new Promise((r) => setTimeout(r, 800)); // drawn, and the guard's half second after it
  const buttons = await waitForPanel(post.page, { shot: shot("post-connected"), minWidth: 60, until: (s) => s.actions.length >= 3 });
  const likeFrom = sandbox.inbox().length;
  await post.page.mouse.click(buttons.actions[1].x, buttons.actions[1].y);
  const liked = await waitFor(() => sandbox.inbox().slice(likeFrom).find((a) => a.host === "mastodon.social" && a.type === "Like"));
  assert.deepEqual([liked.actor, liked.object, liked.verified], ["https://home.example/users/me", "https://mastodon.social/users/Gargron/statuses/113306831140126616", true]);
  await post.page.close();

  // A page that names several accounts (issue 22 §3): under its list, "Follow all" (the home's
  // button), then its confirmation's "Follow these 4"; the home's Follows arrive (quiet's a request).
  const list = await openPanelFirefox(firefox, "https://news.example/2026/11/team");
  const toTheEnd = async () => {
    await list.page.mouse.move(PANEL_BOX.x + 200, PANEL_BOX.y + 300);
    await list.page.mouse.wheel({ deltaY: 4000 });
  };
  await new Promise((r) => setTimeout(r, 2000)); // its five rows answer, then the home's offer
  await toTheEnd();
  const offerAll = await waitForPanel(list.page, { shot: shot("follow-all"), until: (s) => s.actions.length >= 1 });
  const followFrom = sandbox.inbox().length;
  await new Promise((r) => setTimeout(r, 600)); // the guard
  await list.page.mouse.click(offerAll.actions.at(-1).x, offerAll.actions.at(-1).y);
  await new Promise((r) => setTimeout(r, 300));
  await toTheEnd();
  const confirming = await waitForPanel(list.page, { shot: shot("follow-all-confirm"), minWidth: 100, until: (s) => s.actions.length >= 1 && s.actions.at(-1).width < offerAll.actions.at(-1).width });
  assert.equal(sandbox.inbox().slice(followFrom).filter((a) => a.type === "Follow").length, 0, "nothing followed before the confirmation");
  await new Promise((r) => setTimeout(r, 600)); // the guard: the confirmation just appeared
  await list.page.mouse.click(confirming.actions.at(-1).x, confirming.actions.at(-1).y);
  const quiet = await waitFor(() => sandbox.inbox().slice(followFrom).find((a) => a.host === "mastodon.social" && a.type === "Follow" && a.object === "https://mastodon.social/users/quiet"), 20_000);
  assert.deepEqual([quiet.actor, quiet.verified], ["https://home.example/users/me", true]);
  await list.page.close();
});
