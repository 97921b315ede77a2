// Shared by the panel (in the page's iframe) and the popup: asks the background for a lookup and
// has the wasm core draw it. Commands come from buttons the core drew (`data-command`).
// The core's drawing half only (the lookups run in the background).
import init, {
  prepare_panel,
  render_account_row,
  render_accounts,
  render_failure,
  render_follow_all,
  render_follow_all_confirm,
  render_home_post,
  render_loading,
  render_panel,
  render_relationship,
  render_row_state,
  set_catalogue,
  show_images,
} from "./wasm/fedilens_panel.js";
import { localize } from "./i18n.js";
import { announce, expectAnswer } from "./announce.js";

export { announce };

export const api = globalThis.browser ?? globalThis.chrome;
/** The browser's message for `id` in the reader's language (the catalogue it chose). */
export const t = (/** @type {string} */ id, /** @type {string[]} */ values = []) => api.i18n.getMessage(id, values);
localize(document, t);
// The core words its messages with the same catalogue the browser chose for this extension.
const catalogue = fetch(api.runtime.getURL(`_locales/${t("catalogue_language") || "en"}/messages.json`)).then((r) => r.text());
const ready = Promise.all([init({ module_or_path: api.runtime.getURL("wasm/fedilens_panel_bg.wasm") }), catalogue]).then(([, words]) => set_catalogue(words));

/** Asks the background; its failure to answer is an answer too. @param {import("./messages.js").Message} message */
async function ask(message) {
  try {
    return await api.runtime.sendMessage(message);
  } catch (error) {
    return { error: { message: String(error?.message ?? error) } };
  }
}

/** What the shown view is about, for the home's part: the account Follow acts on (`@user@host`:
 * the new one of a proven move) and, for a post, its ActivityPub id. */
const nothingShown = { handle: null, object: null, followable: false };
let shown = nothingShown;
const aboutOf = (/** @type {string} */ view) => {
  try {
    const { follows = null, object = null, followable = false } = JSON.parse(view);
    return { handle: follows, object, followable };
  } catch {
    return nothingShown;
  }
};
/** What the home's own fetch saw of the account, kept for the redraw after a follow. */
let seen = null;

/** When the panel's layout last changed under the reader's pointer (the home's block drawn or
 * redrawn, which moves what is below it): the click guard waits as long after it as after the
 * panel's opening, so that a button that just appeared where the reader was aiming does not act. */
let movedAt = -Infinity;
export const lastMoved = () => movedAt;
function drawRelationship(root, answer) {
  render_relationship(root, JSON.stringify(answer));
  movedAt = performance.now();
}

function draw(root, answer) {
  performance.mark("fedilens:received");
  shown = answer?.view ? aboutOf(answer.view) : nothingShown;
  if (answer?.view) render_panel(root, answer.view, true);
  else render_failure(root, answer?.error?.message);
  performance.mark("fedilens:rendered");
  markPainted();
  announce(root);
}

/** Loads what a panel drawn ahead of the click held back (its avatar). */
export function showImages(root) {
  show_images(root);
}

/** Read by `make bench`: the panel as it is now is on screen (the task after its next frame). */
export function markPainted() {
  requestAnimationFrame(() => setTimeout(() => performance.mark("fedilens:painted")));
}

/**
 * @param {Element} root
 * @param {string} target
 * @param {{ force?: boolean, claim?: string, page?: string, secret?: string }} [options]
 */
export async function show(root, target, { force = false, claim, page, secret } = {}) {
  const answer = ask(/** @satisfies {import("./messages.js").Lookup} */ ({ type: "lookup", target, force, claim, page, secret })); // asked first, drawn meanwhile
  await ready;
  render_loading(root, target);
  expectAnswer();
  draw(root, await answer);
}

/**
 * Draws the background's cached answer ahead of time if it has a fresh one (no network is
 * touched) and returns until when it is fresh; returns 0 when there is none.
 * @param {Element} root
 * @param {string} target
 * @param {{ claim?: string, page?: string, secret?: string }} [options]
 * @param {() => boolean} [stillWanted]
 */
export async function showCached(root, target, { claim, page, secret } = {}, stillWanted = () => true) {
  const answer = await ask(/** @satisfies {import("./messages.js").Cached} */ ({ type: "cached", target, claim, page, secret }));
  await ready;
  if (!stillWanted()) return 0;
  if (!answer?.view) {
    // Nothing to draw yet. This frame is invisible until the click: draw a built-in panel, lay it
    // out and take it away, so that the real answer finds the code compiled and the fonts loaded
    // (measured: the first layout of a panel took 8–11 ms, most of our part after the answer).
    // Off to the side, never in `root`: what `root` shows is always a real state, even for the
    // moment the rehearsal lasts (a keyboard user's focus could land in it).
    const stage = document.createElement("div");
    stage.setAttribute("aria-hidden", "true");
    stage.style.cssText = `position:absolute;left:-10000px;top:0;width:${root.clientWidth || 400}px`;
    document.body.append(stage);
    try {
      prepare_panel(stage);
      stage.getBoundingClientRect();
    } finally {
      stage.remove();
    }
    return 0;
  }
  render_panel(root, answer.view, false); // its avatar loads when it is shown (showImages)
  shown = aboutOf(answer.view);
  return answer.expires;
}

/**
 * With a connected home account (issue 14): where the reader stands with the shown account, as
 * their home sees it, drawn below the panel's action. Nothing without a connection.
 * @param {Element} root
 * @param {string} [secret]
 */
export async function showRelationship(root, secret) {
  if (!shown.handle || !shown.followable) return;
  const { object } = shown;
  // After the answer is on screen: the home's part never delays the panel's paint.
  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
  const answer = await ask(/** @satisfies {import("./messages.js").HomeStatus} */ ({ type: "home-status", handle: shown.handle.replace(/^@/, ""), secret }));
  // Not connected: a "Connect" button when a home account is set (`connect`), else nothing.
  if (!answer || answer.error?.kind || (answer.connected === false && !answer.connect)) return;
  seen = answer.seen ?? null;
  drawRelationship(root, answer);
  if (!object || answer.connected === false) return;
  const post = await ask(/** @satisfies {import("./messages.js").HomePost} */ ({ type: "home-post", object, secret }));
  if (!post?.url) return;
  homePost = post;
  render_home_post(root, JSON.stringify(post));
  movedAt = performance.now(); // Like and Boost became the home's buttons
}
/** What the connected home said of the shown post, merged with its answers to the reader's acts. */
let homePost = null;

/**
 * Likes or boosts the shown post through the home's API (or undoes it), then draws the state the
 * home answered; what went wrong, said under the button, which stays.
 * @param {Element} root
 * @param {HTMLElement} button
 * @param {string} [secret]
 */
export async function actOnPost(root, button, secret) {
  const { act = "", id = "", undo = "false" } = button.dataset;
  if (!shown.object || (act !== "like" && act !== "boost")) return;
  button.setAttribute("disabled", "");
  const answer = await ask(/** @satisfies {import("./messages.js").HomeAct} */ ({ type: "home-act", object: shown.object, id, act, undo: undo === "true", secret }));
  button.removeAttribute("disabled");
  if (answer?.connected === false) return showRelationship(root, secret); // disconnected meanwhile
  if (!answer || answer.error) {
    sayUnder(button, failure(answer));
    // A token without the scopes Like and Boost need (older connections), or one revoked: connect again.
    if (answer?.reconnect) offerConnect(button);
    return;
  }
  homePost = { ...homePost, ...answer };
  render_home_post(root, JSON.stringify(homePost));
  movedAt = performance.now();
}

/**
 * Follows or stops following through the home's API, then draws the new relationship.
 * @param {Element} root
 * @param {HTMLElement} button
 * @param {string} [secret]
 */
export async function setFollowing(root, button, secret) {
  const { id = "", follow, now = "" } = button.dataset;
  const answer = await ask(/** @satisfies {import("./messages.js").HomeFollow} */ ({ type: "home-follow", id, follow: follow === "true", now, secret }));
  // Disconnected meanwhile: draw what the home part is now (Connect). The background's own
  // failure (no answer, a refusal): said under the button, which stays.
  if (answer?.connected === false) return showRelationship(root, secret);
  if (answer?.error?.kind || !answer) return sayUnder(button, answer?.error?.message ?? t("home_no_answer"));
  drawRelationship(root, { ...answer, seen: answer.seen ?? seen });
}

/**
 * Connects the home account (the browser's approval window opens over the page), then shows
 * where the reader stands with the account; what went wrong, said in place of the button.
 * @param {Element} root
 * @param {HTMLElement} button
 * @param {string} [secret]
 */
export async function connectHome(root, button, secret) {
  button.setAttribute("disabled", "");
  sayUnder(button, t("options_connecting"));
  const answer = await ask(/** @satisfies {import("./messages.js").HomeConnect} */ ({ type: "home-connect", secret }));
  button.removeAttribute("disabled");
  if (answer?.connected) {
    sayUnder(button, "");
    return showRelationship(root, secret);
  }
  sayUnder(button, answer?.error?.message ?? t("home_no_answer"));
}

/**
 * A page that names several accounts (issue 22): the list, each row filled in as its lookup
 * answers. The lookups are asked wave by wave, as the core put them in waves (a few at a time,
 * fewer of any one server), each through the background's cache; then, with a connected home,
 * "Follow all" is offered.
 * @param {Element} root
 * @param {import("./messages.js").PageAccounts} accounts
 * @param {{ force?: boolean, page?: string, secret?: string }} [options]
 */
export async function showAccounts(root, accounts, { force = false, page, secret } = {}) {
  const run = ++listRuns; // a retry stops the run before it: one list's lookups at a time
  await ready;
  // The list as the core read and drew it (at most 50, each an account): the rows' order.
  /** @type {import("./messages.js").PageAccounts} */
  const drawn = render_accounts(root, JSON.stringify(accounts));
  expectAnswer();
  announce(root);
  markPainted();
  /** @type {{ account: import("./messages.js").PageAccounts["listed"][number], index: number }[][]} */
  const waves = [];
  drawn.listed.forEach((account, index) => (waves[account.wave] ??= []).push({ account, index }));
  for (const wave of waves.filter(Boolean)) {
    // The run before this one (a retry's) stops after its wave in flight: wait for that wave.
    await listWave;
    if (run !== listRuns) return;
    listWave = Promise.all(
      wave.map(async ({ account, index }) => {
        const claim = account.claim ? { claim: account.claim, page } : {};
        const answer = await ask(/** @satisfies {import("./messages.js").Lookup} */ ({ type: "lookup", target: account.target, force, secret, ...claim }));
        render_account_row(root, index, answer?.view, answer?.error?.message);
        movedAt = performance.now();
      }),
    ).catch(() => {});
  }
  await listWave;
  if (run !== listRuns) return;
  const connection = await ask(/** @satisfies {import("./messages.js").HomeConnection} */ ({ type: "home-connection" }));
  followAllHome = connection?.connected && connection.current ? connection.host : null;
  offerFollowAll(root);
}
let listRuns = 0;
/** The wave of lookups in flight, of whichever run: a new run waits for it. @type {Promise<unknown>} */
let listWave = Promise.resolve();
/** The connected home's host, when "Follow all" is offered. */
let followAllHome = null;
/** Whom "Follow all" follows: each row's account Follow acts on, as the core marked it. */
const followable = (/** @type {Element} */ root) => [...root.querySelectorAll(".fl-account[data-follows]")].map((row) => row.getAttribute("data-follows") ?? "");

/** "Follow all N from <home>" (again, after a Cancel), with a connected home and N followable. */
export function offerFollowAll(root) {
  const who = followable(root);
  if (!followAllHome || !who.length) return;
  render_follow_all(root, who.length, followAllHome);
  movedAt = performance.now();
}

/** The one confirmation, listing who would be followed. */
export function confirmFollowAll(root) {
  if (!followAllHome) return;
  render_follow_all_confirm(root, followable(root), followAllHome);
  movedAt = performance.now();
}

/**
 * Follows every listed account through the home's API, one after the other (where the reader
 * already follows one, nothing is asked), each row saying what its home answered.
 * @param {Element} root
 * @param {HTMLButtonElement} button
 * @param {string} [secret]
 */
export async function followAll(root, button, secret) {
  button.disabled = true;
  for (const handle of followable(root)) {
    const status = await ask(/** @satisfies {import("./messages.js").HomeStatus} */ ({ type: "home-status", handle, secret }));
    if (status?.connected === false) break; // disconnected meanwhile
    let answer = status;
    if (!status?.error && status?.following === "no" && status.can_follow) {
      answer = await ask(/** @satisfies {import("./messages.js").HomeFollow} */ ({ type: "home-follow", id: status.id, follow: true, now: "no", secret }));
    }
    // The background's own failure (no answer, a refusal) is said as the home's would be.
    const said = answer?.error?.kind || !answer ? { error: failure(answer), home: followAllHome } : answer;
    render_row_state(root, handle, JSON.stringify(said));
  }
  root.querySelector(".fl-follow-all")?.replaceChildren();
}

/**
 * What went wrong, in words: the home's own (`{error: "…"}`, from the home's wasm), the
 * background's refusal (`{error: {kind, message}}`), or no answer at all.
 */
const failure = (answer) => (typeof answer?.error === "string" ? answer.error : answer?.error?.message) ?? t("home_no_answer");

/** A Connect button after `button`'s note (once), acting as the panel's own. */
function offerConnect(button) {
  const note = button.nextElementSibling;
  if (!note?.matches(".fl-home-note") || note.nextElementSibling?.matches(".fl-home-connect")) return;
  const connect = document.createElement("button");
  connect.type = "button";
  connect.className = "fl-action fl-home-connect";
  connect.textContent = t("panel_connect");
  note.after(connect);
}

/** A line of words right under `button` (one per button, replaced), or none for "". */
function sayUnder(button, words) {
  let note = button.nextElementSibling?.matches(".fl-home-note") ? button.nextElementSibling : null;
  if (!words) return note?.remove();
  if (!note) {
    note = document.createElement("p");
    note.className = "fl-hint fl-home-note";
    note.setAttribute("role", "status");
    button.after(note);
  }
  note.textContent = words;
}

export function wireCommands(root, retry, secret) {
  // A row's details opened or closed move the rows below it: the guard waits after it as after a redraw.
  root.addEventListener("toggle", () => (movedAt = performance.now()), true);
  root.addEventListener("submit", async (event) => {
    const form = event.target.closest(".fl-home-form");
    if (!form) return;
    event.preventDefault();
    const status = form.querySelector(".fl-home-status");
    status.textContent = t("home_checking");
    const answer = await api.runtime.sendMessage(/** @satisfies {import("./messages.js").SetHome} */ ({ type: "set-home", handle: form.elements.home.value, secret }));
    if (answer?.saved) retry({ force: false });
    else status.textContent = t("home_not_saved", [answer?.error?.message ?? answer?.headline ?? t("home_no_answer")]);
  });
  root.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-command]");
    switch (button?.dataset.command) {
      case "retry":
        return retry({ force: true });
      case "follow-all-cancel":
        return offerFollowAll(root);
      case "set-home": {
        const form = root.querySelector(".fl-home-form");
        form.hidden = false;
        form.elements.home.focus();
        return;
      }
      case "copy": {
        const text = button.parentElement.querySelector("pre")?.textContent ?? "";
        await navigator.clipboard.writeText(text).catch(() => {});
        button.textContent = t("panel_copied");
        return;
      }
    }
  });
}
