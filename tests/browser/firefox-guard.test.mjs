// The follow guard in Firefox (no IntersectionObserver v2: the content script's check at the
// click is what refuses): nothing the page lays over the panel gets a click through.
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "../sandbox/wait.mjs";
import { openPanelFirefox } from "./firefox.mjs";
import { useFirefox } from "./firefox-session.mjs";
import { readPanel } from "./png.mjs";
import { belowBanner, clear, COVERS, FULL_WINDOW } from "./overlays.mjs";

let sandbox;
let firefox;
useFirefox((s) => ({ sandbox, firefox } = s), { home: "@me@home.example" });

test("clickjacking: a follow click through a decoy laid over the panel opens nothing", async () => {
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
