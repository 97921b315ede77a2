// The scenarios people live, in real Chromium with the built extension, against the sandbox
// fediverse: Threads, Mastodon, Misskey, pages that credit authors, pages with nothing, failures.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startSandbox } from "../sandbox/sandbox.mjs";
import { waitFor } from "../sandbox/wait.mjs";
import { approachBadge, clickBadge, launchChromium, openPanel, panelFrame, SHOTS } from "./chromium.mjs";
import { assertGateFindsSignals } from "./gate.mjs";
import { readPanel } from "./png.mjs";
import { assertInert, inspectPanel, watchViolations, XSS_TARGETS } from "./xss.mjs";
import { assertNoViolations } from "./axe.mjs";
import { askTheBadgesPage, belowBanner, clear, COVERS, FULL_WINDOW } from "./overlays.mjs";

let sandbox;
let browser;
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `chromium-${name}.png`) });

/**
 * What a page gets when it frames our panel itself (at `path`, with a secret of its own) and
 * sends it the badge's "open": the text the panel shows.
 */
async function frameForgedPanel(page, path) {
  const forged = `chrome-extension://${browser.extensionId}/${path}?target=acct:careful@strict.example&secret=mine`;
  await page.evaluate(
    (src) =>
      new Promise((resolve) => {
        const f = document.createElement("iframe");
        f.src = src;
        f.onload = () => resolve(f.contentWindow.postMessage({ fedilens: "open", secret: "mine" }, "*"));
        document.body.append(f);
      }),
    forged,
  );
  const frame = page.frames().find((f) => f.url() === forged);
  await frame.waitForSelector(".fl-panel", { timeout: 10_000 });
  return frame.locator(".fl-panel").innerText();
}

/** Types `handle` into the options page, saves, and waits until the status line matches `answer`. */
async function saveHomeInOptions(handle, answer) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.fill("#home", handle);
  await page.click("button[type=submit]");
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById("home-status").textContent), answer.source, { timeout: 15_000 });
  await page.close();
}

/**
 * Clicks `follow` (a follow link in `page`'s panel) as a person would once the guard's half
 * second has passed, and returns the Follow the sandbox's inbox on `host` then receives.
 */
async function followAndReceive(page, follow, host) {
  await follow.scrollIntoViewIfNeeded(); // within the panel (a list's rows scroll)
  await page.waitForTimeout(600); // the guard
  const inboxFrom = sandbox.inbox().length;
  const box = await follow.boundingBox();
  const [home] = await Promise.all([browser.context.waitForEvent("page"), page.mouse.click(box.x + 10, box.y + box.height / 2)]);
  await home.waitForLoadState();
  const received = await waitFor(() => sandbox.inbox().slice(inboxFrom).find((a) => a.host === host && a.type === "Follow"));
  await home.close();
  return received;
}

before(async () => {
  sandbox = await startSandbox({ address: "127.0.43.6" });
  browser = await launchChromium(sandbox);
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await sandbox?.close();
});


test("the extension loads, with its service worker", () => {
  assert.match(browser.extensionId, /^[a-p]{32}$/);
});

describe("1. a Threads profile that federates, followed from home", () => {
  test("threads.net: the panel explains, the home instance is set inline, the follow goes through", async () => {
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

  test("threads.com: the same account, the handle still on threads.net", async () => {
    const { page, panel, text } = await openPanel(browser, "https://www.threads.com/@zuck", { status: "signed_fetch_only" });
    assert.match(await text(), /@zuck@threads\.net/);
    assert.equal(await panel.locator(".fl-follow").innerText(), "Follow from home.example");
    await page.close();
  });
});

test("2. a Threads profile that does not share says so, not 'error'", async () => {
  const { page, panel, text } = await openPanel(browser, "https://www.threads.com/@danluu.danluu", { status: "not_federated" });
  const status = await panel.locator(".fl-status").innerText();
  assert.match(status, /Not shared to the fediverse/);
  assert.doesNotMatch(status, /error/i);
  assert.equal(await panel.locator(".fl-follow").count(), 0);
  await page.close();
});

test("3. a Threads post: its author, and open it on my instance", async () => {
  const { page, panel, text } = await openPanel(browser, "https://www.threads.net/@zuck/post/DYSAIo_FL77");
  assert.match(await text(), /@zuck@threads\.net/);
  const open = panel.locator(".fl-follow");
  assert.equal(await open.innerText(), "Open this post on home.example");
  assert.equal(await open.getAttribute("href"), `https://home.example/authorize_interaction?uri=${encodeURIComponent("https://www.threads.net/@zuck/post/DYSAIo_FL77")}`);
  await page.close();
});

describe("4. Mastodon", () => {
  test("a profile federates", async () => {
    const { page, panel, text } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    assert.match(await text(), /Eugen Rochko/);
    assert.match(await text(), /@Gargron@mastodon\.social/);
    assert.equal(await panel.locator(".fl-follow").innerText(), "Follow from home.example");
    await shot(page, "mastodon-profile");
    await page.close();
  });

  test("a post", async () => {
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

describe("4b. a profile's tabs are the profile", () => {
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

describe("5. Misskey", () => {
  test("a profile, isCat decoded", async () => {
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

describe("6. any page", () => {
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

/** The badge's accessible name (its button, inside the closed shadow root), as the browser's
 * accessibility tree has it. */
async function badgeName(page) {
  await page.locator("fedilens-badge").waitFor({ state: "attached", timeout: 10_000 });
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    return nodes.filter((n) => n.role?.value === "button").map((n) => n.name?.value ?? "").find((name) => name.startsWith("Fediverse")) ?? null;
  } finally {
    await cdp.detach();
  }
}

/** The list panel's rows, once every one has answered: [name, status, text]. */
async function accountRows(panel, count) {
  const rows = panel.locator(".fl-account");
  await waitFor(async () => (await rows.count()) === count && (await panel.locator(".fl-account[data-status=loading]").count()) === 0 || null, 30_000);
  return rows.evaluateAll((all) => all.map((row) => [row.querySelector(".fl-account-name")?.textContent, row.dataset.status, row.textContent]));
}

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

describe("7. nothing to see", () => {
  test("no signals: no badge, no request by the extension, no console error", async () => {
    for (const url of ["https://plain.example/", "https://plain.example/large", "https://plain.example/strict"]) {
      const page = await browser.context.newPage();
      const errors = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      const before = sandbox.requests().length;
      await page.goto(url);
      await page.waitForTimeout(700);
      assert.equal(await page.locator("fedilens-badge").count(), 0, url);
      const made = sandbox.requests().slice(before);
      assert.deepEqual(made.filter((r) => /json/.test(r.accept) || r.path.startsWith("/.well-known/")), [], url);
      assert.deepEqual(errors, [], url);
      await page.close();
    }
  });

  test("the gate's selectors, as Chromium reads them, find each page signal and no ordinary markup", async () => {
    const page = await browser.context.newPage();
    await assertGateFindsSignals(page);
    await page.close();
  });

  test("the panel waits for a click: nothing is looked up before it, and the page can't open it", async () => {
    const page = await browser.context.newPage();
    const before = sandbox.requests().length;
    const lookups = () => sandbox.requests().slice(before).filter((r) => r.path.includes("webfinger") || r.path.includes("/careful"));
    await page.goto("https://strict.example/@careful");
    await page.locator("fedilens-badge").waitFor({ state: "attached" });
    await page.waitForTimeout(800);
    const panelLoaded = () => page.frames().some((f) => f.url().includes("/panel.html?"));
    assert.equal(panelLoaded(), false, "a reader who does not come near the badge pays for the badge alone");
    await approachBadge(page);
    await page.waitForTimeout(800); // the hidden panel frame has loaded by now
    assert.ok(panelLoaded(), "the reader's approach loads the panel frame, hidden");
    // Our frame sits in a closed shadow root: the page can't reach it.
    assert.equal(await page.evaluate(() => window.frames.length), 0);
    // panel.html is web-accessible, so a page can frame one of its own and open it: it gets a
    // refusal, and the extension looks nothing up for it.
    assert.match(await frameForgedPanel(page, "panel.html"), /not opened by Fedilens/);
    await page.waitForTimeout(300);
    assert.deepEqual(lookups().map((r) => r.path), [], "nothing fetched for the account before the click");
    await page.evaluate(() => document.querySelectorAll("body > iframe").forEach((f) => f.remove()));
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    assert.match(await panel.locator(".fl-panel").innerText(), /@careful@strict\.example/);
    assert.ok(lookups().some((r) => r.path.includes("webfinger")), "the click looked the account up");
    await page.close();
  });

  test("a page without signals that frames the panel under another spelling of its path gets a refusal, not a lookup", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://plain.example/");
    const before = sandbox.requests().length;
    // Chromium serves both as panel.html; the background's guard must not care how it is spelled.
    for (const spelling of ["%70anel.html", "panel%2Ehtml"]) {
      assert.match(await frameForgedPanel(page, spelling), /not opened by Fedilens/, spelling);
    }
    await page.waitForTimeout(300);
    assert.deepEqual(sandbox.requests().slice(before).filter((r) => r.host === "strict.example").map((r) => r.path), []);
    await page.close();
  });

  test("clickjacking: page styles can't fade the badge; the follow link refuses a click on a covered, faded or just-shown panel", async () => {
    const { page, panel } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    await page.addStyleTag({ content: "fedilens-badge { opacity: .03 !important; transform: scale(.1) !important; }" });
    const hostStyle = await page.evaluate(() => {
      const s = getComputedStyle(document.querySelector("fedilens-badge"));
      return [s.opacity, s.transform];
    });
    assert.deepEqual(hostStyle, ["1", "none"], "the shadow root's own !important rules win");
    const follow = panel.locator(".fl-follow");
    const box = await follow.boundingBox();
    const pagesBefore = browser.context.pages().length;
    const clickFollow = async () => {
      await page.mouse.click(box.x + 10, box.y + box.height / 2);
      await page.waitForTimeout(800);
    };
    // A decoy in the top layer that lets clicks through to the panel under it.
    await page.evaluate(() => {
      const decoy = Object.assign(document.createElement("div"), { id: "decoy", popover: "manual", textContent: "Click to win" });
      decoy.style.cssText = "inset: 0; width: 100vw; height: 100vh; margin: 0; pointer-events: none; background: #fff; opacity: .98";
      document.body.append(decoy);
      decoy.showPopover();
    });
    await page.waitForTimeout(700);
    await clickFollow();
    assert.match(await panel.locator(".fl-guard").innerText(), /Not opened: (the page covered or faded the panel|something on the page was over the panel)/);
    assert.equal(browser.context.pages().length, pagesBefore, "no follow page opened");
    // The page fades itself (and so the panel with it).
    await page.evaluate(() => {
      document.getElementById("decoy").remove();
      document.documentElement.style.opacity = "0.05";
    });
    await page.waitForTimeout(700);
    await clickFollow();
    assert.match(await panel.locator(".fl-guard").innerText(), /Not opened/);
    assert.equal(browser.context.pages().length, pagesBefore, "no follow page opened");
    // In plain view for long enough: the same click opens the follow page.
    await page.evaluate(() => document.documentElement.style.removeProperty("opacity"));
    await page.waitForTimeout(700);
    const [home] = await Promise.all([browser.context.waitForEvent("page"), page.mouse.click(box.x + 10, box.y + box.height / 2)]);
    await home.waitForLoadState();
    assert.match(home.url(), /^https:\/\/home\.example\/authorize_interaction\?uri=Gargron%40mastodon\.social/);
    assert.equal(await panel.locator(".fl-guard").count(), 0);
    await home.close();
    await page.close();
  });

  test("the follow guard's page side loads only as the reader approaches the badge", async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    const scripts = [];
    cdp.on("Debugger.scriptParsed", ({ url }) => scripts.push(url));
    await cdp.send("Debugger.enable");
    await page.goto("https://mastodon.social/@Gargron");
    await page.locator("fedilens-badge").waitFor({ state: "attached" });
    await page.waitForTimeout(800);
    assert.ok(scripts.some((u) => u.endsWith("/content-main.js")), "the badge's part");
    assert.ok(!scripts.some((u) => u.endsWith("/panel-guard.js")), "no guard on a page whose reader stays away");
    // An element the page names after the guard (window's named access reaches every world)
    // neither stands in for it nor stops it.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement("div"), { id: "fedilensGuard" })));
    await approachBadge(page);
    await waitFor(() => scripts.some((u) => u.endsWith("/panel-guard.js")));
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    await page.waitForTimeout(700);
    assert.equal(await panel.evaluate(askTheBadgesPage), "", "the guard answers: nothing over the panel");
    await page.close();
  });

  test("the follow guard judges what the page paints over the panel, however it stacks it, and the last half second of it", async () => {
    const { page, panel } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    const follow = panel.locator(".fl-follow");
    const box = await follow.boundingBox();
    const pagesBefore = browser.context.pages().length;
    const panelShows = async () => readPanel(await page.screenshot()).action !== null;
    await page.waitForTimeout(700);
    assert.equal(await panel.evaluate(askTheBadgesPage), "", "nothing over the panel yet");
    // What the badge's page answers for each trick (Chromium's IntersectionObserver v2 refuses
    // these clicks too; Firefox has only this answer), all tried before the list is checked.
    const verdicts = {};
    for (const { name, cover } of COVERS) {
      await page.evaluate(cover, FULL_WINDOW);
      await page.waitForTimeout(300);
      assert.equal(await panelShows(), false, `${name}: the decoy hides the panel`);
      verdicts[name] = await panel.evaluate(askTheBadgesPage);
      await panel.evaluate(() => document.querySelector(".fl-guard")?.remove()); // this click's own note
      await page.mouse.click(box.x + 10, box.y + box.height / 2);
      await page.waitForTimeout(500);
      assert.match(await panel.locator(".fl-guard").innerText(), /Not opened/, name);
      assert.equal(browser.context.pages().length, pagesBefore, `${name}: no follow page opened`);
      await page.evaluate(clear);
    }
    // A decoy taken away just before the click (as a page can at the reader's press, on the
    // window's blur) still counts for half a second.
    await page.evaluate(COVERS[0].cover, FULL_WINDOW);
    await page.waitForTimeout(300);
    await page.evaluate(clear);
    verdicts["a decoy gone just before the click"] = await panel.evaluate(askTheBadgesPage);
    // A decoy there at the question is "covered"; one the page takes out between frames may be
    // out just then, and was seen before ("covered_recently"): either refuses.
    const refused = (v) => (v === "covered" || v === "covered_recently" ? "refused" : v);
    const expected = Object.fromEntries(COVERS.map(({ name }) => [name, "refused"]));
    assert.deepEqual(Object.fromEntries(Object.entries(verdicts).map(([k, v]) => [k, refused(v)])), { ...expected, "a decoy gone just before the click": "refused" });
    assert.equal(verdicts["a decoy gone just before the click"], "covered_recently");
    for (const { name, betweenFrames } of COVERS) if (!betweenFrames) assert.equal(verdicts[name], "covered", name);
    // Something after the badge that stays below it does not stop the click.
    await page.evaluate(belowBanner);
    await page.waitForTimeout(700);
    assert.equal(await panelShows(), true, "the banner stays below the panel");
    assert.equal(await panel.evaluate(askTheBadgesPage), "");
    const [home] = await Promise.all([browser.context.waitForEvent("page"), page.mouse.click(box.x + 10, box.y + box.height / 2)]);
    await home.waitForLoadState();
    assert.match(home.url(), /^https:\/\/home\.example\/authorize_interaction/);
    await home.close();
    await page.close();
  });

  test("keyboard: Tab reaches the badge, Enter opens the panel with the focus in it, Escape closes it and gives the focus back", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://mastodon.social/@Gargron");
    await page.locator("fedilens-badge").waitFor({ state: "attached" });
    await page.waitForTimeout(800); // the page settles (the panel frame loads when the badge takes the focus)
    const focused = () => page.evaluate(() => document.activeElement?.localName);
    for (let i = 0; i < 15 && (await focused()) !== "fedilens-badge"; i++) await page.keyboard.press("Tab");
    assert.equal(await focused(), "fedilens-badge", "the badge is in the page's tab order");
    await page.waitForTimeout(500); // a person reads the badge before pressing Enter (its focus loaded the panel)
    await page.keyboard.press("Enter");
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    assert.equal(await panel.evaluate(() => document.activeElement?.id), "root", "the panel has the focus");
    // The raw documents' tabs: one in the tab order, arrows move between them (ARIA tabs).
    await panel.locator(".fl-tab").first().focus();
    // At a person's pace: a key sent at once after a focus change inside the panel's
    // out-of-process frame was at times routed before the browser saw that focus (since the frame
    // loads as the badge takes the focus, not long before).
    await page.waitForTimeout(150);
    await page.keyboard.press("ArrowRight");
    const selected = () => panel.evaluate(() => [document.activeElement?.textContent, document.querySelector(".fl-tab[aria-selected=true]")?.textContent, [...document.querySelectorAll(".fl-tab")].map((t) => t.tabIndex).join(",")]);
    assert.deepEqual(await selected(), ["Actor", "Actor", "-1,0,-1"]);
    assert.equal(await panel.locator("#fl-doc-1").isVisible(), true);
    await page.keyboard.press("End");
    assert.deepEqual((await selected()).slice(0, 2), ["NodeInfo", "NodeInfo"]);
    await page.keyboard.press("ArrowRight");
    assert.deepEqual((await selected()).slice(0, 2), ["WebFinger", "WebFinger"], "wraps around");
    // Tab cycles within the panel: from its last control back to its first, and the other way.
    const focusedClass = () => panel.evaluate(() => document.activeElement?.className);
    await panel.locator(".fl-retry").focus();
    await page.keyboard.press("Tab");
    assert.equal(await focusedClass(), "fl-close", "from the last control to the first");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await focusedClass(), "fl-retry", "and back");
    await page.keyboard.press("Escape");
    await page.waitForTimeout(300);
    assert.equal(await focused(), "fedilens-badge", "the focus is back on the badge");
    const shown = await page.evaluate(() => document.elementFromPoint(window.innerWidth - 200, window.innerHeight - 300) === document.querySelector("fedilens-badge"));
    assert.equal(shown, false, "the panel is closed");
    await page.close();
  });

  test("pressing the badge starts the lookup; the click (the release) opens the panel", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://home.example/@me");
    const badge = page.locator("fedilens-badge");
    await approachBadge(page);
    await page.waitForTimeout(800); // the hidden panel frame has loaded by now
    const before = sandbox.requests().length;
    const box = await badge.boundingBox();
    await page.mouse.move(box.x + 24, box.y + box.height / 2);
    await page.mouse.down();
    // Still pressed: the background is already asking the account's server.
    await waitFor(() => sandbox.requests().slice(before).find((r) => r.host === "home.example" && r.path.includes("webfinger")));
    await page.mouse.up();
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    assert.match(await panel.locator(".fl-panel").innerText(), /@me@home\.example/);
    const actorFetches = sandbox.requests().slice(before).filter((r) => r.host === "home.example" && r.path === "/users/me" && /json/.test(r.accept));
    assert.equal(actorFetches.length, 1, "the click joined the lookup the press started");
    await page.close();
  });

  test("a cached answer is drawn into the hidden panel ahead of the click, which only shows it", async () => {
    const first = await openPanel(browser, "https://strict.example/@careful", { status: "federated" });
    await first.page.close();
    const page = await browser.context.newPage();
    const before = sandbox.requests().length;
    await page.goto("https://strict.example/@careful");
    await approachBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" }); // drawn, not shown
    const shown = () => page.evaluate(() => {
      // Our frame is in a closed shadow root; from outside, the panel's box is what hit-testing finds.
      const host = document.querySelector("fedilens-badge");
      return document.elementFromPoint(window.innerWidth - 200, window.innerHeight - 300) === host;
    });
    assert.equal(await shown(), false, "before the click, the panel takes no clicks");
    assert.equal(readPanel(await page.screenshot()).edge, null, "before the click, the panel can't be seen");
    await clickBadge(page);
    for (let i = 0; i < 50 && !(await shown()); i++) await page.waitForTimeout(20);
    assert.equal(await shown(), true, "the click shows it");
    assert.equal(readPanel(await page.screenshot()).edge, "ok");
    // A synthetic Escape from the page closes nothing: only a person's key does.
    await page.evaluate(() => document.querySelector("fedilens-badge").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })));
    await page.waitForTimeout(200);
    assert.equal(await shown(), true, "still open after the page's Escape");
    assert.match(await panel.locator(".fl-panel").innerText(), /@careful@strict\.example/);
    assert.deepEqual(sandbox.requests().slice(before).filter((r) => r.path.includes("webfinger")), [], "answered from the cache");
    await page.close();
  });

  test("a panel drawn ahead of the click from the cache loads its avatar only when shown", async () => {
    const first = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    await first.page.close();
    const page = await browser.context.newPage();
    const before = sandbox.requests().length;
    const avatars = () => sandbox.requests().slice(before).filter((r) => r.path.startsWith("/avatars/"));
    await page.goto("https://mastodon.social/@Gargron");
    await approachBadge(page);
    await panelFrame(page, browser.extensionId, { status: "federated" }); // drawn, not shown
    await page.waitForTimeout(500);
    assert.deepEqual(avatars(), [], "no avatar request before the click");
    await clickBadge(page);
    await waitFor(() => avatars().length > 0);
    await page.close();
  });

  test("the cache outlives a stopped service worker (kept in storage, read again once)", async () => {
    const first = await openPanel(browser, "https://strict.example/@careful", { status: "federated" });
    const cdp = await browser.context.newCDPSession(first.page);
    const stopped = new Promise((resolve) =>
      cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
        if (versions.some((v) => v.scriptURL.endsWith("/background.js") && v.runningStatus === "stopped")) resolve();
      }),
    );
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await stopped; // and its memory with it
    await first.page.close();
    const before = sandbox.requests().length;
    const again = await openPanel(browser, "https://strict.example/@careful", { status: "federated" });
    assert.match(await again.text(), /@careful@strict\.example/);
    assert.deepEqual(sandbox.requests().slice(before).filter((r) => r.path.includes("webfinger")), [], "answered from the stored cache");
    await again.page.close();
  });

  test("a look-alike /@name URL: the page's own NodeInfo is asked once, then no badge", async () => {
    /** The extension scripts parsed in `page` while `go` runs. */
    async function parsedDuring(page, go) {
      const cdp = await browser.context.newCDPSession(page);
      const scripts = [];
      cdp.on("Debugger.scriptParsed", ({ url }) => scripts.push(url));
      await cdp.send("Debugger.enable");
      await go();
      return scripts;
    }
    const page = await browser.context.newPage();
    const before = sandbox.requests().length;
    // Even the first visit: the host's NodeInfo is asked before the main part, which never loads.
    const first = await parsedDuring(page, async () => {
      await page.goto("https://plain.example/@someone");
      await page.waitForTimeout(1000);
    });
    assert.equal(await page.locator("fedilens-badge").count(), 0);
    assert.ok(first.some((u) => u.endsWith("/content.js")) && !first.some((u) => u.endsWith("/content-main.js")), "no main part, first visit");
    const made = sandbox.requests().slice(before).filter((r) => /json/.test(r.accept));
    assert.deepEqual(made.map((r) => `${r.host}${r.path}`), ["plain.example/.well-known/nodeinfo"]);
    await page.close();
    // Another look-alike page on the host now known not to be fediverse: the background has
    // registered look-alike-host.js there, which runs first and tells the gate; the gate sends no
    // message at all (the page pays for the cheap check only), and nothing is asked again.
    const worker = browser.context.serviceWorkers()[0];
    await worker.evaluate(() => {
      globalThis.messagesSeen = [];
      chrome.runtime.onMessage.addListener((message) => void globalThis.messagesSeen.push(message.type));
    });
    const again = await browser.context.newPage();
    const scripts = await parsedDuring(again, async () => {
      await again.goto("https://plain.example/@someone-else");
      await again.waitForTimeout(1000);
    });
    assert.ok(scripts.some((u) => u.endsWith("/look-alike-host.js")), "the host is known not to be fediverse");
    assert.ok(scripts.some((u) => u.endsWith("/content.js")), "the cheap check ran");
    assert.ok(!scripts.some((u) => u.endsWith("/content-main.js")), "no main part");
    assert.deepEqual(await worker.evaluate(() => globalThis.messagesSeen), [], "the gate sent no message");
    assert.equal(sandbox.requests().slice(before).filter((r) => /json/.test(r.accept)).length, 1, "NodeInfo was asked once");
    await again.close();
    // Markup signals still count there: a page on that host crediting a fediverse author.
    const credited = await browser.context.newPage();
    await credited.goto("https://plain.example/strict-with-signals");
    await credited.locator("fedilens-badge").waitFor({ state: "attached", timeout: 10_000 });
    await credited.close();
  });

  test("a strict-CSP page with signals still gets the badge and the panel", async () => {
    const { page, text } = await openPanel(browser, "https://plain.example/strict-with-signals", { status: "federated" });
    assert.match(await text(), /@Gargron@mastodon\.social/);
    await page.close();
  });
});

describe("8. failures say what happened, with a retry", () => {
  for (const [url, status, words] of [
    ["https://news.example/garbage", "invalid", /not JSON/],
    ["https://news.example/down", "unreachable", /HTTP 500/],
    ["https://news.example/slow", "unreachable", /no answer within 10 s/],
  ]) {
    test(`${status}: ${url}`, async () => {
      const before = sandbox.requests().length;
      const { page, panel, text } = await openPanel(browser, url, { status, timeout: 30_000 });
      assert.match(await text(), words);
      if (url.endsWith("/slow")) {
        // Given up on is let go: the connection to the stalled server is closed, not left open.
        const stalled = sandbox.requests().slice(before).find((r) => r.host === "slow.example");
        await waitFor(() => stalled.closed, 3_000);
      }
      await panel.locator("[data-command=retry]").click();
      await panel.waitForSelector(`.fl-panel[data-status="${status}"]`, { timeout: 30_000 });
      await page.close();
    });
  }
});

describe("accessibility: axe-core finds no WCAG 2.x A/AA violation", () => {
  for (const scheme of ["light", "dark"]) {
    test(`the panel in every status it shows, ${scheme}`, async () => {
      for (const [url, status] of [
        ["https://mastodon.social/@Gargron", "federated"],
        ["https://www.threads.com/@zuck", "signed_fetch_only"],
        ["https://www.threads.com/@danluu.danluu", "not_federated"],
        ["https://news.example/down", "unreachable"],
        ["https://news.example/garbage", "invalid"],
        ["https://news.example/redirect", "refused"],
        ["https://blog.example/", "federated"],
      ]) {
        const page = await browser.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(url);
        await clickBadge(page);
        const panel = await panelFrame(page, browser.extensionId, { status, timeout: 30_000 });
        await assertNoViolations(panel, `${url} (${status}, ${scheme})`);
        // Every raw-document tab, one after the other.
        for (const tab of await panel.locator(".fl-tab").all()) {
          await tab.click();
          await assertNoViolations(panel, `${url}: tab ${await tab.innerText()}`);
        }
        await page.close();
      }
    });

    test(`the popup, the options page and www/, ${scheme}`, async () => {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      for (const url of [`chrome-extension://${browser.extensionId}/popup.html`, `chrome-extension://${browser.extensionId}/options.html`, "https://fedilens.example/"]) {
        await page.goto(url);
        await assertNoViolations(page.mainFrame(), `${url} (${scheme})`);
      }
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      await page.fill("#target", "@Gargron@mastodon.social");
      await page.press("#target", "Enter");
      await page.waitForSelector('.fl-panel[data-status="federated"]', { timeout: 15_000 });
      await assertNoViolations(page.mainFrame(), `the popup with an answer (${scheme})`);
      await page.close();
    });
  }
});

describe("the egress policy, kept in the browser", () => {
  /** Looks `target` up in the popup (the background's fetch) and returns the panel's text. */
  async function lookUp(target, status) {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.fill("#target", target);
    await page.press("#target", "Enter");
    await page.waitForSelector(`.fl-panel[data-status="${status}"]`, { timeout: 20_000 });
    const text = await page.locator(".fl-panel").innerText();
    await page.close();
    return text;
  }

  test("a redirect is not followed by the browser: its target is never asked", async () => {
    const before = sandbox.requests().length;
    assert.match(await lookUp("@a@redirector.example", "refused"), /redirects, and the browser does not tell an extension where to/);
    const made = sandbox.requests().slice(before);
    assert.equal(made.filter((r) => r.host === "redirector.example" && r.path.includes("webfinger")).length, 1);
    assert.deepEqual(made.filter((r) => r.host === "redirect-target.example"), []);
  });

  test("a redirect loop costs one request", async () => {
    const before = sandbox.requests().length;
    await lookUp("@x@loop.example", "refused");
    assert.equal(sandbox.requests().slice(before).filter((r) => r.host === "loop.example" && r.path.includes("webfinger")).length, 1);
  });

  test("a server that answers 429 with Retry-After is not asked again before then", async () => {
    const before = sandbox.requests().length;
    assert.match(await lookUp("@a@busy.example", "unreachable"), /left alone for 120 s/);
    await lookUp("@a@busy.example", "unreachable");
    assert.equal(sandbox.requests().slice(before).filter((r) => r.host === "busy.example" && r.path.includes("webfinger")).length, 1, "asked once");
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const left = await page.evaluate(async () => (await chrome.runtime.sendMessage({ type: "cached", target: "@a@busy.example" })).expires - Date.now());
    assert.ok(left > 100_000 && left <= 120_000, `kept ${left} ms`);
    await page.close();
  });

  test("a body without a length is read only up to the cap, and the download stops", async () => {
    const before = sandbox.requests().length;
    assert.match(await lookUp("@big@endless.example", "invalid"), /larger than 1024 KiB/);
    const answer = await waitFor(() => sandbox.requests().slice(before).find((r) => r.host === "endless.example" && r.closed));
    assert.ok(answer.sent < 32 * 1024 * 1024, `${answer.sent} bytes sent of 200 MiB`);
  });
});

describe("the toolbar popup, the options page and www/", () => {
  test("the popup looks up any handle typed into it", async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.fill("#target", "@syuilo@misskey.io");
    await page.press("#target", "Enter");
    await page.waitForSelector('.fl-panel[data-status="federated"]', { timeout: 15_000 });
    assert.match(await page.locator(".fl-panel").innerText(), /Is a cat/);
    await page.close();
  });

  test("a public XSS payload list in every remote field: shown as text, nothing runs, every link https", async () => {
    for (const target of XSS_TARGETS) {
      const page = await browser.context.newPage();
      const dialogs = [];
      page.on("dialog", (d) => dialogs.push(d.message()) && d.dismiss());
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      await page.evaluate(watchViolations);
      await page.fill("#target", target);
      await page.press("#target", "Enter");
      await page.waitForSelector('.fl-panel:not([data-status="loading"])', { timeout: 15_000 });
      await page.waitForTimeout(300);
      assertInert(await page.evaluate(inspectPanel), { dialogs });
      await page.close();
    }
  });

  test("the background refuses a message that does not fit its contract, or comes from the wrong side", async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const answers = await page.evaluate(() =>
      Promise.all(
        [
          { type: "lookup", target: 5 },
          { type: "lookup", target: "@a@b.example", extra: true },
          { type: "tab-target" },
          { type: "detect", signals: {}, panelSecret: "x" }, // a content script's message, from a page of ours
          { type: "nonsense" },
          "lookup",
        ].map((message) => chrome.runtime.sendMessage(message)),
      ),
    );
    assert.deepEqual(answers.map((a) => a?.error?.kind), Array(6).fill("bad_message"));
    assert.match(answers[0].error.message, /lookup\.target is not a string/);
    assert.match(answers[3].error.message, /may not come from here/);
    await page.close();
  });

  test("the options page checks the home account by WebFinger before saving it", async () => {
    await saveHomeInOptions("@nobody@home.example", /Not saved/);
    await saveHomeInOptions("@me@home.example", /Saved: @me@home\.example \(mastodon/);
  });

  test("www/: on a plain web page, a server's CORS policy is named as the reason", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://fedilens.example/");
    await page.fill("#target", "@Gargron@mastodon.social");
    await page.click("button[type=submit]");
    await page.waitForSelector('.fl-panel[data-status="unreachable"]', { timeout: 20_000 });
    assert.match(await page.locator(".fl-panel").innerText(), /CORS/);
    await page.close();
  });
});

test("5b. with a Misskey-like home instance, the follow uses Misskey's own template", async () => {
  await saveHomeInOptions("@syuilo@misskey.io", /Saved: @syuilo@misskey\.io \(misskey/);
  const { page, panel } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
  const follow = panel.locator(".fl-follow");
  assert.equal(await follow.innerText(), "Follow from misskey.io");
  assert.equal(await follow.getAttribute("href"), "https://misskey.io/authorize-follow?acct=Gargron%40mastodon.social");
  await page.close();
});

describe("in Japanese: the browser's UI language is the extension's", () => {
  let ja;
  before(async () => {
    ja = await launchChromium(sandbox, { lang: "ja" });
  });
  after(async () => {
    await ja?.close();
  });

  test("a Threads profile: badge, panel, evidence and buttons in Japanese; the account's own words as they are", async () => {
    const { page, panel, text, consoleErrors } = await openPanel(ja, "https://www.threads.net/@zuck", { status: "signed_fetch_only" });
    assert.equal(await panel.evaluate(() => document.documentElement.lang), "ja");
    const words = await text();
    assert.match(words, /連合中（署名付きリクエストのみ）/, "the status");
    assert.match(words, /@zuck@threads\.net は Fediverse 上にあります/, "the headline, with its value");
    assert.match(words, /根拠/, "the evidence's heading");
    assert.doesNotMatch(words, /Federates|Evidence|Look up again|signed server requests/, "no English left");
    assert.equal(await panel.locator(".fl-close").getAttribute("aria-label"), "閉じる");
    assert.equal(await panel.locator(".fl-set-home").innerText(), "フォローするには、あなたのサーバーを設定");
    await assertNoViolations(panel, "the Japanese panel");
    await page.screenshot({ path: path.join(SHOTS, "chromium-threads-panel-ja.png") });
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

  test("a Misskey profile, and the popup and options page, in Japanese", async () => {
    const { page, text } = await openPanel(ja, "https://misskey.io/@syuilo", { status: "federated" });
    assert.match(await text(), /猫/, "isCat, said in Japanese");
    await page.close();
    const popup = await ja.context.newPage();
    await popup.goto(`chrome-extension://${ja.extensionId}/popup.html`);
    assert.equal(await popup.locator("button[type=submit]").innerText(), "照会");
    assert.equal(await popup.evaluate(() => document.documentElement.lang), "ja");
    await popup.goto(`chrome-extension://${ja.extensionId}/options.html`);
    assert.match(await popup.title(), /Fedilens/);
    assert.doesNotMatch(await popup.locator("body").innerText(), /Your fediverse account|Save/);
    await popup.close();
  });
});

describe("screen readers, high contrast, zoom", () => {
  test("the outcome is announced in a lasting live region, once per answer asked for", async () => {
    const { page, panel } = await openPanel(browser, "https://mastodon.social/@Gargron", { status: "federated" });
    const region = panel.locator("#fl-announce");
    await waitFor(async () => /Federates/.test(await region.innerText()) || null);
    assert.equal(await region.getAttribute("role"), "status");
    assert.match(await region.innerText(), /@Gargron@mastodon\.social federates/);
    assert.equal(await panel.locator(".fl-panel[aria-live], .fl-panel [aria-live], .fl-panel [role=alert], .fl-status[role=status]").count(), 0, "no region drawn anew with each answer");
    await panel.evaluate(() => {
      globalThis.said = 0;
      new MutationObserver(() => globalThis.said++).observe(document.getElementById("fl-announce"), { childList: true, characterData: true, subtree: true });
    });
    await panel.locator(".fl-retry").click(); // asked again: the same answer, said again, once
    await panel.waitForSelector('.fl-panel[data-status="federated"]', { timeout: 15_000 });
    await page.waitForTimeout(300);
    assert.equal(await panel.evaluate(() => globalThis.said), 1, "said once more, not per redraw");
    assert.match(await region.innerText(), /@Gargron@mastodon\.social federates/);
    await page.close();
  });

  test("forced colors (Windows high contrast): edges stay visible, the status keeps its words, axe finds nothing", async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ forcedColors: "active" });
    await page.goto("https://mastodon.social/@Gargron");
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    assert.equal(await panel.evaluate(() => matchMedia("(forced-colors: active)").matches), true);
    const edge = await panel.evaluate(() => getComputedStyle(document.querySelector(".fl-status")).borderTopWidth);
    assert.notEqual(edge, "0px", "the status box has an edge");
    assert.equal(await panel.locator(".fl-status-label").innerText(), "Federates");
    await assertNoViolations(panel, "forced colors");
    await page.close();
  });

  test("at 400% zoom (a 320-pixel-wide window) the panel fits the window and nothing scrolls sideways; nothing moves", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto("https://mastodon.social/@Gargron");
    await clickBadge(page);
    const panel = await panelFrame(page, browser.extensionId, { status: "federated" });
    const frameBox = await (await panel.frameElement()).boundingBox();
    assert.ok(frameBox.x >= 0 && frameBox.x + frameBox.width <= 320, `the panel is inside the window: ${JSON.stringify(frameBox)}`);
    const sideways = await panel.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
    const wide = await panel.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((e) => `${e.localName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
    assert.equal(sideways, 0, `no horizontal scrolling in the panel (the raw JSON scrolls in its own box): ${wide.join(", ")}`);
    assert.equal(await panel.evaluate(() => document.getAnimations().length), 0, "no animation to reduce");
    await page.close();
  });
});

describe("the badge's own settings (read by the background: the page's script never opens storage)", () => {
  const worker = () => browser.context.serviceWorkers()[0];
  /** Whether a badge shows on `url` within two seconds. */
  async function badgeShows(url) {
    const page = await browser.context.newPage();
    await page.goto(url);
    const shown = await page.locator("fedilens-badge").waitFor({ state: "attached", timeout: 2_000 }).then(() => true, () => false);
    return { page, shown };
  }

  test("× hides the badge on that site for good; other sites keep theirs", async () => {
    const { page, shown } = await badgeShows("https://mastodon.social/@Gargron");
    assert.equal(shown, true);
    const box = await page.locator("fedilens-badge").boundingBox();
    await page.mouse.click(box.x + box.width - 14, box.y + box.height / 2); // the × at the badge's end
    await waitFor(async () => (await page.locator("fedilens-badge").count()) === 0 || null);
    await page.close();
    try {
      const again = await badgeShows("https://mastodon.social/@Gargron");
      assert.equal(again.shown, false, "hidden on mastodon.social after a reload");
      await again.page.close();
      const other = await badgeShows("https://www.threads.net/@zuck");
      assert.equal(other.shown, true, "threads.net keeps its badge");
      await other.page.close();
    } finally {
      await worker().evaluate(() => chrome.storage.local.remove("dismissed"));
    }
  });

  test("the options' switch turns the badge off everywhere", async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.uncheck("#auto-badge");
    await options.click("button[type=submit]");
    await waitFor(() => worker().evaluate(() => chrome.storage.local.get("autoBadge").then((s) => s.autoBadge === false || null)));
    try {
      const off = await badgeShows("https://www.threads.net/@zuck");
      assert.equal(off.shown, false);
      await off.page.close();
    } finally {
      await worker().evaluate(() => chrome.storage.local.set({ autoBadge: true }));
      await options.close();
    }
    const on = await badgeShows("https://www.threads.net/@zuck");
    assert.equal(on.shown, true);
    await on.page.close();
  });
});

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
    // after every lookup of the tests before this one and the options page's question, connecting
    // is what loads it.
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
