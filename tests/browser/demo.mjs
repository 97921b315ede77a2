// The main job's browser part: Chromium with the extension on a Threads profile in the sandbox —
// badge, panel, home instance, follow through the home's page — then the one-click follow through
// the home's own API on a Mastodon profile (connect, approve, Follow), with a screenshot of each
// step and a summary.
// `HEADED=1` opens a real window instead (needs a display).
import fs from "node:fs";
import path from "node:path";
import { startSandbox } from "../sandbox/sandbox.mjs";
import { clickBadge, launchChromium, panelFrame, ROOT } from "./chromium.mjs";

const out = path.join(ROOT, "build/demo");
fs.mkdirSync(out, { recursive: true });
const sandbox = await startSandbox({ address: "127.0.43.9" });
const browser = await launchChromium(sandbox);
const summary = [];
const step = async (page, name, words) => {
  const file = path.join(out, `${String(summary.length + 1).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file });
  summary.push(`${words}\n    screenshot: ${path.relative(ROOT, file)}`);
};
try {
  const page = await browser.context.newPage();
  await page.goto("https://www.threads.com/@zuck");
  await page.locator("fedilens-badge").waitFor({ state: "attached", timeout: 10_000 });
  await step(page, "badge", "Opened https://www.threads.com/@zuck: the badge appeared (detected: Threads profile, @zuck@threads.net).");
  await clickBadge(page);
  const panel = await panelFrame(page, browser.extensionId);
  const status = await panel.locator(".fl-status-label").innerText();
  await step(page, "panel", `Clicked the badge: the panel says "${status}" and shows the WebFinger evidence.`);
  await panel.locator(".fl-set-home").click();
  await panel.locator("#fl-home-input").fill("@me@home.example");
  await panel.locator("#fl-home-input").press("Enter");
  const follow = panel.locator(".fl-follow");
  await follow.waitFor({ timeout: 15_000 });
  await step(page, "follow-button", `Set the home instance to @me@home.example in the panel: "${await follow.innerText()}" → ${await follow.getAttribute("href")}`);
  await page.waitForTimeout(600); // the follow link acts only once the panel has been in view for 0.5 s
  const [home] = await Promise.all([browser.context.waitForEvent("page"), follow.click()]);
  await home.waitForLoadState();
  await step(home, "followed", `Clicked it: home.example answered "${(await home.locator("h1").innerText()).trim()}".`);
  const deadline = Date.now() + 10_000;
  let inbox = [];
  while (Date.now() < deadline && !inbox.some((a) => a.type === "Accept")) {
    await new Promise((r) => setTimeout(r, 100));
    inbox = sandbox.inbox();
  }
  for (const a of inbox) {
    if (a.type === "Follow") summary.push(`threads.net's inbox received a Follow from ${a.actor} (HTTP signature verified by Fedify).`);
    if (a.type === "Accept") summary.push(`home.example's inbox received the Accept from ${a.actor}.`);
  }
  // Follow in one click: connect the home account once (OAuth with PKCE, approved in the
  // browser's own window), then Follow acts through home.example's API.
  const signIn = await browser.context.newPage();
  await signIn.goto("https://home.example/auth/sign_in?as=me");
  await signIn.close();
  summary.push("The reader is signed in on home.example (the sandbox's stand-in for its login form).");
  const gargron = await browser.context.newPage();
  await gargron.goto("https://mastodon.social/@Gargron");
  await clickBadge(gargron);
  const panel2 = await panelFrame(gargron, browser.extensionId);
  const connect = panel2.locator(".fl-home-connect");
  await connect.waitFor({ timeout: 15_000 });
  await step(gargron, "connect-offered", `Opened https://mastodon.social/@Gargron: the panel offers "${await connect.innerText()}".`);
  await gargron.waitForTimeout(600);
  const [approval] = await Promise.all([
    browser.context.waitForEvent("page", { predicate: (p) => p.url().startsWith("https://home.example/oauth/authorize"), timeout: 15_000 }),
    connect.click(),
  ]);
  await approval.waitForLoadState();
  const scopes = new URL(approval.url()).searchParams.get("scope");
  await step(approval, "approve", `Clicked it: home.example's approval page opened in the browser's sign-in window (scopes: ${scopes}; PKCE S256).`);
  await approval.click("button[name=approve]");
  const block = panel2.locator(".fl-relationship");
  const followButton = block.locator(".fl-home-follow");
  await followButton.waitFor({ timeout: 15_000 });
  await step(gargron, "connected", `Approved: the panel shows "${(await block.innerText()).replace(/\s+/g, " ").trim()}".`);
  const before = sandbox.inbox().length;
  await gargron.waitForTimeout(600); // the click guard: the block in place for half a second
  await followButton.click();
  const until = Date.now() + 10_000;
  let sent = [];
  while (Date.now() < until && !sent.some((a) => a.type === "Accept")) {
    await new Promise((r) => setTimeout(r, 100));
    sent = sandbox.inbox().slice(before);
  }
  for (const a of sent) {
    if (a.type === "Follow") summary.push(`Clicked Follow: mastodon.social's inbox received a Follow from ${a.actor}, sent by home.example's API (HTTP signature verified by Fedify).`);
    if (a.type === "Accept") summary.push(`home.example's inbox received the Accept from ${a.actor}.`);
  }
  await gargron.close();
  const again = await browser.context.newPage();
  await again.goto("https://mastodon.social/@Gargron");
  await clickBadge(again);
  const panel3 = await panelFrame(again, browser.extensionId);
  const after = panel3.locator(".fl-relationship .fl-home-follow");
  await after.waitFor({ timeout: 15_000 });
  await step(again, "following", `Opened the profile again: "${(await panel3.locator(".fl-relationship").innerText()).replace(/\s+/g, " ").trim()}".`);

  if (process.env.HEADED) {
    console.log("Headed: the browser stays open for 60 s on the sandbox.");
    await new Promise((r) => setTimeout(r, 60_000));
  }
} finally {
  await browser.close();
  await sandbox.close();
}
const text = summary.map((s, i) => `${i + 1}. ${s}`).join("\n");
fs.writeFileSync(path.join(out, "summary.txt"), text + "\n");
console.log(text);
