// The badly-behaved part of the sandbox: hosts that lie, break or stall, for negative tests.
// Plain handlers on purpose: a real server library would not produce these answers.

const AP = "application/activity+json; charset=utf-8";
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
  // HTML and script in names and bios.
  "xss.example": (req) => {
    if (new URL(req.url).pathname === "/.well-known/webfinger") return json(jrd("eve@xss.example", "https://xss.example/users/eve"));
    return json(person("https://xss.example/users/eve", "eve", {
      name: "<img src=x onerror=alert(1)>Eve<script>alert('name')</script>",
      summary: "<p>Hello <b>there</b></p><script>alert('bio')</script><iframe src=https://evil.example></iframe>",
    }), AP);
  },
  // WebFinger points at a private address: the egress policy must refuse it.
  "private.example": (req) => {
    if (new URL(req.url).pathname === "/.well-known/webfinger") return json(jrd("mallory@private.example", "https://127.0.0.1/users/mallory"));
    return json({}, JRD, 404);
  },
  // A server that answers 500 to everything.
  "broken.example": () => new Response("<h1>Internal Server Error</h1>", { status: 500, headers: { "content-type": "text/html" } }),
};
