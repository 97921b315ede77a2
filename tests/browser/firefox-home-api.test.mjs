// Following through the reader's own home instance in Firefox (issue 14; the home saved first):
// Connect in the panel, approval in the browser's window, follow and unfollow, Like, "Follow all".
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { openPanelFirefox, waitForPanel } from "./firefox.mjs";
import { shot, useFirefox } from "./firefox-session.mjs";
import { PANEL_BOX } from "./png.mjs";

let sandbox;
let firefox;
useFirefox((s) => ({ sandbox, firefox } = s), { home: "@me@home.example" });

test("with the home connected in the panel (approved in the browser's window), follow, unfollow, Like and Follow all go through its API", async () => {
  // The home account was saved before this file's tests. The reader is signed in on their home.
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
