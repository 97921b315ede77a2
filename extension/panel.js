import { markPainted, show, showCached, showImages, wireCommands } from "./panel-view.js";

const params = new URLSearchParams(location.search);
const target = params.get("target") ?? "";
// A page's claim (fediverse:creator, rel=me) is judged against the page it came from.
const claim = params.get("claim") ? { claim: params.get("claim"), page: params.get("page") } : {};
// Put in this frame's URL by the badge that made it; the background only answers panels it knows.
const secret = params.get("secret") ?? "";
const context = { ...claim, secret };
const root = document.getElementById("root");
const close = () => parent.postMessage({ fedilens: "close" }, "*");

wireCommands(root, (options) => show(root, target, { ...context, ...options }), secret);
document.querySelector("[data-command=close]").addEventListener("click", close);
document.addEventListener("keydown", (e) => {
  if (e.isTrusted && e.key === "Escape") close();
});
// The badge loads this frame hidden, ahead of a click, and opens it with a message carrying the
// same secret. Until then nothing is fetched: a fresh cached answer, if the
// background has one, is drawn in advance so that opening only has to show it.
let drawnUntil = 0;
let opened = false;
window.addEventListener("message", (e) => {
  if (e.source !== parent || !secret || e.data?.fedilens !== "open" || e.data.secret !== secret) return;
  if (!opened && Date.now() < drawnUntil) {
    showImages(root);
    markPainted();
  }
  else show(root, target, context);
  opened = true;
});
showCached(root, target, context, () => !opened).then((until) => {
  if (!opened) drawnUntil = until;
});
