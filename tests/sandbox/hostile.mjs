// The badly-behaved part of the sandbox: hosts that lie, break or stall, for negative tests.
// Plain handlers on purpose: a real server library would not produce these answers.

import fs from "node:fs";

const AP = "application/activity+json; charset=utf-8";
/** A public XSS payload list (tests/fixtures/SOURCES.md §8), one payload per line after its header. */
export const XSS = fs
  .readFileSync(new URL("../fixtures/xss/payloadbox-xss-payload-list.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line && !line.startsWith("# "));
const JRD = "application/jrd+json; charset=utf-8";

const jrd = (subject, actor, aliases = []) => ({
  subject: `acct:${subject}`,
  aliases,
  links: [{ rel: "self", type: "application/activity+json", href: actor }],
});

const person = (id, username, extra = {}) => ({
  "@context": "https://www.w3.org/ns/activitystreams",
  id,
  type: "Person",
  preferredUsername: username,
  inbox: `${id}/inbox`,
  ...extra,
});

const json = (body, type = JRD, status = 200) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": type } });

function resource(url) {
  return new URL(url).searchParams.get("resource") ?? "";
}

/** host → handler(request) */
export const HOSTILE = {
  // A legitimate split domain: the handle lives on split.example, the server on social.split.example,
  // and the server's own WebFinger confirms the handle.
  "split.example": (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/.well-known/webfinger" && resource(req.url) === "acct:alice@split.example") {
      return json(jrd("alice@split.example", "https://social.split.example/users/alice"));
    }
    return json({ error: "not found" }, JRD, 404);
  },
  "social.split.example": (req) => {
    const url = new URL(req.url);
    const r = resource(req.url);
    if (url.pathname === "/.well-known/webfinger" && (r === "acct:alice@social.split.example" || r === "https://social.split.example/users/alice")) {
      return json(jrd("alice@split.example", "https://social.split.example/users/alice", ["https://social.split.example/users/alice"]));
    }
    if (url.pathname === "/users/alice") return json(person("https://social.split.example/users/alice", "alice", { name: "Alice (split domain)" }), AP);
    return json({ error: "not found" }, JRD, 404);
  },
  // A domain that points its WebFinger at someone else's actor: mastodon.social does not confirm.
  "spoof.example": (req) => {
    if (new URL(req.url).pathname === "/.well-known/webfinger") {
      return json(jrd("gargron@spoof.example", "https://mastodon.social/users/Gargron"));
    }
    return json({}, JRD, 404);
  },
  // The actor URL serves a web page.
  "wrongtype.example": (req) => {
    if (new URL(req.url).pathname === "/.well-known/webfinger") return json(jrd("bob@wrongtype.example", "https://wrongtype.example/users/bob"));
    return new Response("<!doctype html><title>Bob</title><h1>Bob</h1>", { headers: { "content-type": "text/html; charset=utf-8" } });
  },
  // 2 MiB of WebFinger.
  "huge.example": () => json({ subject: "acct:big@huge.example", padding: "x".repeat(2 * 1024 * 1024) }),
  // Never finishes answering within any sane timeout (released when the sandbox stops).
  "slow.example": (_req, { stalled }) => new Promise((resolve) => stalled.push(() => resolve(json({}, JRD, 503)))),
  // Redirects forever.
  "loop.example": (req) => {
    const url = new URL(req.url);
    const next = url.pathname === "/a" ? "/b" : "/a";
    return new Response(null, { status: 302, headers: { location: `https://loop.example${next}?${url.searchParams}` } });
  },
  // Redirects its WebFinger to another sandbox host: in the browser the redirect's target is
  // hidden from the extension, so it must never be asked.
  "redirector.example": (req) => {
    const url = new URL(req.url);
    return new Response(null, { status: 302, headers: { location: `https://redirect-target.example${url.pathname}${url.search}` } });
  },
  "redirect-target.example": (req) => json(jrd("a@redirector.example", "https://redirect-target.example/users/a")),
  // 200 MiB of WebFinger without a Content-Length, as fast as the client reads it.
  "endless.example": () => ({
    status: 200,
    headers: { "content-type": JRD },
    stream: (function* () {
      yield Buffer.from('{"subject":"acct:big@endless.example","padding":"');
      const chunk = Buffer.alloc(64 * 1024, "x");
      for (let i = 0; i < 3200; i++) yield chunk;
      yield Buffer.from('"}');
    })(),
  }),
  // The actor is not JSON.
  "badjson.example": (req) => {
    if (new URL(req.url).pathname === "/.well-known/webfinger") return json(jrd("carol@badjson.example", "https://badjson.example/users/carol"));
    return json('{"id": "https://badjson.example/users/carol", "type": "Person", "name": ', AP);
  },
  // HTML and script in names and bios (eve), and a public XSS payload list in every remote field
  // the panel shows (all: name, bio, profile fields, links, avatar, NodeInfo; notes/all: a post).
  // Readable by web pages too (CORS), so that www/ draws it in Firefox, where a test can look
  // into a web page but not into an extension's.
  "xss.example": (req) => {
    const preflight = req.method === "OPTIONS";
    const answer = preflight ? new Response(null, { status: 204, headers: { "access-control-allow-headers": "accept" } }) : xssAnswer(req);
    answer.headers.set("access-control-allow-origin", "*");
    return answer;
  },
  // Ghost's ActivityPub: the handle lives only in the WebFinger subject, the actor's
  // preferredUsername stays `index` (TryGhost/ActivityPub #2118; actor ids under
  // /.ghost/activitypub/users/, src/app.ts). Answers WebFinger for the handle and the actor URL.
  "ghost.example": oneActor("blog@ghost.example", "https://ghost.example/.ghost/activitypub/users/index", "index", {
    name: "A Ghost blog",
    url: "https://ghost.example/",
  }),
  // An actor whose own server claims, in WebFinger, the handle of someone else on another domain
  // (mastodon.social's Gargron, whose domain points that handle at his own actor): a lookup by
  // this actor's URL must stay about this actor.
  "claimer.example": (req) => {
    const { pathname } = new URL(req.url);
    const imp = "https://claimer.example/users/imp";
    if (pathname === "/.well-known/webfinger") return json(jrd("Gargron@mastodon.social", imp));
    if (pathname === "/users/imp") return json(person(imp, "imp", { name: "Eugen Rochko" }), AP);
    return json({ error: "not found" }, JRD, 404);
  },
  // A post served by one site whose attributedTo names a famous actor on another.
  "forger.example": (req) => {
    if (new URL(req.url).pathname !== "/notes/1") return json({ error: "not found" }, JRD, 404);
    return json({ "@context": "https://www.w3.org/ns/activitystreams", id: "https://forger.example/notes/1", type: "Note",
      attributedTo: "https://mastodon.social/users/Gargron", content: "<p>Mastodon is shutting down. Send your password here.</p>" }, AP);
  },
  // WebFinger points at a private address: the egress policy must refuse it.
  "private.example": (req) => {
    if (new URL(req.url).pathname === "/.well-known/webfinger") return json(jrd("mallory@private.example", "https://127.0.0.1/users/mallory"));
    return json({}, JRD, 404);
  },
  // A server under load: 429 Too Many Requests, which may say when to come back in Retry-After
  // (RFC 6585 §4, RFC 9110 §10.2.3).
  "busy.example": () => new Response('{"error":"Too many requests"}', { status: 429, headers: { "content-type": "application/json", "retry-after": "120" } }),
  // A server that answers 500 to everything.
  "broken.example": () => new Response("<h1>Internal Server Error</h1>", { status: 500, headers: { "content-type": "text/html" } }),
};

/**
 * A host with one account: WebFinger answers for `handle` and for the actor's URL (subject the
 * handle, the actor as alias and self link), the actor is a Person named `username`.
 */
function oneActor(handle, actor, username, extra) {
  const { pathname } = new URL(actor);
  return (req) => {
    const url = new URL(req.url);
    const asked = resource(req.url);
    if (url.pathname === "/.well-known/webfinger") {
      return asked === `acct:${handle}` || asked === actor ? json(jrd(handle, actor, [actor])) : json({}, JRD, 404);
    }
    if (url.pathname === pathname) return json(person(actor, username, extra), AP);
    return json({}, JRD, 404);
  };
}

/** xss.example: the payload list in every field (see HOSTILE). */
function xssAnswer(req) {
  const { pathname } = new URL(req.url);
  const all = "https://xss.example/users/all";
  if (pathname === "/.well-known/webfinger") {
    if (resource(req.url) !== "acct:all@xss.example") return json(jrd("eve@xss.example", "https://xss.example/users/eve"));
    const doc = jrd("all@xss.example", all, ["javascript:alert(1)", ...XSS.slice(0, 4)]);
    doc.links.push(
      { rel: "http://webfinger.net/rel/profile-page", type: "text/html", href: "javascript:alert(document.domain)" },
      { rel: "http://webfinger.net/rel/avatar", type: "image/png", href: "javascript:alert(1)" },
      { rel: "http://ostatus.org/schema/1.0/subscribe", template: "javascript:alert('{uri}')" },
    );
    return json(doc);
  }
  if (pathname === "/users/all") {
    return json(person(all, "all", {
      name: XSS.join(" "),
      summary: XSS.map((p) => `<p>${p}</p>`).join(""),
      url: "javascript:alert(document.domain)",
      icon: { type: "Image", url: "javascript:alert(1)" },
      image: { type: "Image", url: "https://127.0.77.1/header.png" },
      movedTo: XSS[0],
      attachment: XSS.map((p) => ({ type: "PropertyValue", name: p, value: p })),
    }), AP);
  }
  if (pathname === "/notes/all") {
    return json({ "@context": "https://www.w3.org/ns/activitystreams", id: "https://xss.example/notes/all", type: "Note", attributedTo: all,
      url: "javascript:alert(1)", quoteUrl: XSS[1], content: XSS.join("<br>") }, AP);
  }
  if (pathname === "/.well-known/nodeinfo") {
    return json({ links: [{ rel: "http://nodeinfo.diaspora.software/ns/schema/2.1", href: "https://xss.example/nodeinfo/2.1" }] });
  }
  if (pathname === "/nodeinfo/2.1") {
    return json({ version: "2.1", software: { name: "mastodon", version: XSS[2] }, protocols: ["activitypub"],
      usage: { users: {} }, openRegistrations: false, metadata: { nodeName: XSS[3] } });
  }
  return json(person("https://xss.example/users/eve", "eve", {
    name: "<img src=x onerror=alert(1)>Eve<script>alert('name')</script>",
    summary: "<p>Hello <b>there</b></p><script>alert('bio')</script><iframe src=https://evil.example></iframe>",
  }), AP);
  }
