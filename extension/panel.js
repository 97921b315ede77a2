import { show, wireCommands } from "./panel-view.js";

const params = new URLSearchParams(location.search);
const target = params.get("target") ?? "";
const root = document.getElementById("root");
const close = () => parent.postMessage({ fedilens: "close" }, "*");

wireCommands(root, () => show(root, target, { force: true }));
document.querySelector("[data-command=close]").addEventListener("click", close);
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") close();
});
show(root, target);
