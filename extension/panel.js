import { actOnPost, announce, confirmFollowAll, connectHome, followAll, lastMoved, markPainted, setFollowing, show, showAccounts, showCached, showImages, showRelationship, t, wireCommands } from "./panel-view.js";

const params = new URLSearchParams(location.search);
const target = params.get("target") ?? "";
// A page's claim (fediverse:creator, rel=me) is judged against the page it came from.
const claim = params.get("claim") ? { claim: params.get("claim"), page: params.get("page") } : {};
// Put in this frame's URL by the badge that made it; the background only answers panels it knows.
const secret = params.get("secret") ?? "";
const context = { ...claim, secret };
const root = document.getElementById("root");
// A page that names several accounts: this panel lists them (the core's list, in the frame's URL
// as the badge put it there) instead of looking one up.
const accounts = (() => {
  const listed = params.get("accounts");
  try {
    return listed ? JSON.parse(listed) : null;
  } catch {
    return null;
  }
})();
const showPanel = (options = {}) =>
  accounts ? showAccounts(root, accounts, { page: params.get("page") ?? "", secret, ...options }) : show(root, target, { ...context, ...options }).then(() => showRelationship(root, secret));
const close = () => parent.postMessage({ fedilens: "close" }, "*");

// A retry, or a home account just saved: the lookup again, then the home's part (a Connect
// button, or the relationship) below it.
wireCommands(root, showPanel, secret);
document.querySelector("[data-command=close]").addEventListener("click", close);
document.addEventListener("keydown", (e) => {
  if (e.isTrusted && e.key === "Escape") close();
  if (e.key === "Tab") keepFocusInside(e);
});

// Tab cycles within the panel (a keyboard user leaves it with Escape, which hands the focus back
// to the badge), instead of wandering off into the page behind it.
const FOCUSABLE = "button:not([disabled]), a[href], input:not([disabled]), [tabindex='0']";
function keepFocusInside(event) {
  const all = [...document.querySelectorAll(FOCUSABLE)].filter((el) => /** @type {HTMLElement} */ (el).offsetParent !== null);
  if (!all.length) return;
  const [first, last] = [all[0], all[all.length - 1]];
  const at = document.activeElement;
  const wrapTo = event.shiftKey ? (at === first || !all.includes(at) ? last : null) : at === last || !all.includes(at) ? first : null;
  if (wrapTo) {
    event.preventDefault();
    /** @type {HTMLElement} */ (wrapTo).focus();
  }
}
// The badge loads this frame hidden, ahead of a click, and opens it with a message carrying the
// same secret. Until then nothing is fetched: a fresh cached answer, if the
// background has one, is drawn in advance so that opening only has to show it.
let drawnUntil = 0;
let opened = false;
window.addEventListener("message", async (e) => {
  if (e.source !== parent || !secret || e.data?.secret !== secret) return;
  if (e.data.fedilens === "checked") return verdicts.get(e.data.check)?.(e.data.obscured);
  if (e.data.fedilens !== "open") return;
  shownSince = performance.now();
  // Opened from the keyboard: reading starts at the panel (its region takes the focus).
  if (e.data.focus) root.focus();
  // Opened while the cached answer is being drawn (the frame loaded on the reader's approach,
  // just before the click): show that drawing rather than draw again under the reader's focus.
  if (!opened) await cachedDrawn;
  const drawnAhead = !opened && Date.now() < drawnUntil;
  opened = true; // before the lookup is awaited: an "open" meanwhile is a second one
  if (drawnAhead) {
    showImages(root);
    markPainted();
    announce(root);
  } else if (accounts) return showPanel();
  else await show(root, target, context);
  showRelationship(root, secret); // with a connected home account only
});
// (A list is drawn when opened: each of its accounts is looked up only then.)
const cachedDrawn = accounts
  ? Promise.resolve()
  : showCached(root, target, context, () => !opened).then((until) => {
      if (!opened) drawnUntil = until;
    });

// Clickjacking guard. The page around this frame can fade it, cover it with something that lets
// clicks through, or move a decoy under the pointer. So the panel's action (the follow link)
// only acts when the panel has been in plain view for a while, the way browsers guard their
// permission prompts: shown at least MIN_SHOWN_MS ago (and its layout unchanged for as long: the
// home's block, drawn when its answer comes, moves what is below it); where the browser can tell
// (IntersectionObserver v2: Chromium), seen unobscured and unfaded for as long; and the badge's
// page has nothing over it or styled onto it at the click (asked of the content script, which
// answers with the secret). Otherwise the panel says why and the reader clicks again.
const MIN_SHOWN_MS = 500;
let shownSince = null;
let visibleSince = null;
const tracksVisibility = "isVisible" in IntersectionObserverEntry.prototype; // IntersectionObserver v2
if (tracksVisibility) {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of /** @type {any[]} */ (entries)) visibleSince = entry.isVisible ? (visibleSince ?? entry.time) : null;
    },
    /** @type {IntersectionObserverInit} */ (/** @type {unknown} */ ({ trackVisibility: true, delay: 100 })),
  );
  observer.observe(document.body);
}
// Each question is numbered, and only its own answer settles it (a late answer to an earlier
// one is not taken for this one's).
const verdicts = new Map();
let checks = 0;
function askPage() {
  return new Promise((resolve) => {
    const check = ++checks;
    const settle = (/** @type {string} */ obscured) => {
      verdicts.delete(check);
      resolve(obscured);
    };
    verdicts.set(check, settle);
    parent.postMessage({ fedilens: "check", check }, "*"); // nothing secret: the answer carries the secret
    setTimeout(() => verdicts.has(check) && settle(t("guard_no_answer")), 500);
  });
}
async function whyNotInPlainView() {
  const now = performance.now();
  if (shownSince == null || now - Math.max(shownSince, lastMoved()) < MIN_SHOWN_MS) return t("guard_just_appeared");
  if (tracksVisibility && (visibleSince == null || now - visibleSince < MIN_SHOWN_MS)) return t("guard_covered_or_faded");
  const obscured = await askPage();
  const words = { moved: t("guard_moved"), styled: t("guard_styled"), covered: t("guard_covered"), covered_recently: t("guard_covered_recently") };
  return obscured ? (words[obscured] ?? obscured) : "";
}
const isAction = (event) => event.target.closest?.("a.fl-action[href], button.fl-home-follow, button.fl-home-connect, button.fl-follow-all-ask, button.fl-follow-all-yes, button.fl-home-act");
document.addEventListener("auxclick", (event) => isAction(event) && event.preventDefault(), true);
document.addEventListener(
  "click",
  async (event) => {
    const link = isAction(event);
    if (!link) return;
    event.preventDefault();
    const why = event.isTrusted ? await whyNotInPlainView() : t("guard_not_person");
    let note = link.parentElement.querySelector(".fl-guard");
    if (!why) {
      note?.remove();
      if (link.matches("button.fl-home-follow")) return setFollowing(root, link, secret);
      if (link.matches("button.fl-home-connect")) return connectHome(root, link, secret);
      if (link.matches("button.fl-home-act")) return actOnPost(root, link, secret);
      if (link.matches("button.fl-follow-all-ask")) return confirmFollowAll(root);
      if (link.matches("button.fl-follow-all-yes")) return followAll(root, link, secret);
      window.open(link.href, "_blank", "noopener,noreferrer");
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "fl-guard";
      note.setAttribute("role", "alert");
      link.after(note);
    }
    note.textContent = t("guard_not_opened", [why]);
  },
  true,
);
