// A public XSS payload list (tests/fixtures/SOURCES.md §8) in every remote field the panel shows,
// served by the sandbox's xss.example: the same check in each browser, on the panel as the
// extension draws it (in the popup: the same wasm drawing as in the badge's panel).
import assert from "node:assert/strict";
import { XSS } from "../sandbox/hostile.mjs";

export const XSS_TARGETS = ["@all@xss.example", "https://xss.example/notes/all"];

// Every element the panel's own drawing makes (src/wasm/panel.rs); anything else came from a
// remote string.
const OUR_TAGS = ["section", "header", "div", "h1", "h2", "p", "strong", "ul", "li", "blockquote", "a", "button", "form", "label", "input", "pre", "img"];

/** Run in the page before the lookup: counts what the page's CSP had to stop. */
export function watchViolations() {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

/** Run in the page once the panel is drawn: what a remote string could have turned into. */
export function inspectPanel() {
  const root = document.getElementById("root");
  const all = [...root.querySelectorAll("*")];
  return {
    tags: [...new Set(all.map((e) => e.localName))],
    urls: all.flatMap((e) => ["href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"].map((a) => e.getAttribute(a)).filter((v) => v != null)),
    handlers: all.flatMap((e) => [...e.attributes].map((a) => a.name).filter((n) => n.startsWith("on"))),
    text: root.innerText,
    violations: window.__violations,
  };
}

export function assertInert(found, { dialogs }) {
  assert.deepEqual(found.tags.filter((t) => !OUR_TAGS.includes(t)), [], "no element from remote text");
  assert.deepEqual(found.urls.filter((u) => !u.startsWith("https://")), [], "every link and image is https");
  assert.deepEqual(found.handlers, [], "no event handler attribute");
  assert.deepEqual(found.violations, [], "nothing the CSP had to stop");
  assert.deepEqual(dialogs, [], "no alert");
  assert.ok(found.text.includes(XSS[0]) || found.text.includes("alert(1)"), `the payloads are shown, as text: ${found.text.slice(0, 300)}`);
}
