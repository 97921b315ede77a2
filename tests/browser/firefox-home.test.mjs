// The home account in real Firefox ESR (the file starts with none): set inline in a Threads
// profile's panel, and the follow from there arrives verified. The panel is read through its
// screenshot (firefox-session.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { openPanelFirefox, waitForPanel } from "./firefox.mjs";
import { shot, useFirefox } from "./firefox-session.mjs";

let sandbox;
let firefox;
useFirefox((s) => ({ sandbox, firefox } = s));

test("a Threads profile's panel sets the home instance inline, and its follow arrives verified", async () => {
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
