import { show, wireCommands } from "./panel-view.js";

const params = new URLSearchParams(location.search);
const target = params.get("target") ?? "";
// A page's claim (fediverse:creator, rel=me) is judged against the page it came from.
const claim = params.get("claim") ? { claim: params.get("claim"), page: params.get("page") } : {};
const root = document.getElementById("root");
const close = () => parent.postMessage({ fedilens: "close" }, "*");

wireCommands(root, (options) => show(root, target, { ...claim, ...options }));
document.querySelector("[data-command=close]").addEventListener("click", close);
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") close();
});
show(root, target, claim);
