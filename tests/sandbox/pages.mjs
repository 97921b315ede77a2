// Web pages the browser tests open: the HTML heads real servers send (as far as FACTS.md knows
// them), and ordinary pages with and without fediverse signals.
import fs from "node:fs";
import path from "node:path";

const WWW = path.resolve(import.meta.dirname, "../../dist/www");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".png": "image/png" };

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const html = (head, body, headers = {}) =>
  new Response(`<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`, {
    headers: { "content-type": "text/html; charset=utf-8", ...headers },
  });

const filler = (n) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i}: lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>`).join("");

/** Threads' profile and post pages (React app; the head is what the server renders). */
function threads(host, path) {
  const post = path.match(/^\/@([\w.]+)\/post\/([\w-]+)\/?$/);
  // A profile and its tabs (replies, reposts, media), under a strict CSP as Threads sends.
  const profile = path.match(/^\/@([\w.]+)(?:\/(?:replies|reposts|media))?\/?$/);
  if (post) {
    const [, user, code] = post;
    const alternate = user === "zuck" ? `<link rel="alternate" href="https://threads.net/ap/users/17841401746480004/post/17955322232962801/" type="application/activity+json">` : "";
    return html(
      `<title>@${user} on Threads</title><meta property="og:title" content="${user} (@${user}) on Threads"><meta property="og:url" content="https://${host}/@${user}/post/${code}"><meta property="al:ios:url" content="barcelona://media?shortcode=${code}">${alternate}`,
      `<div id="barcelona-page-layout"><article><h1>@${user}</h1><p>A post.</p></article></div>`,
    );
  }
  if (profile) {
    const user = profile[1];
    return html(
      `<title>${user} (@${user}) • Threads, Say more</title><meta property="og:title" content="${user} (@${user}) • Threads, Say more"><meta property="og:url" content="https://${host}/@${user}"><meta property="al:ios:url" content="barcelona://user?username=${user}">`,
      `<div id="barcelona-page-layout"><h1>@${user}</h1><nav><a href="/@zuck">zuck</a> <a href="/@zuck/replies">zuck's replies</a> <a href="/@zuck/media">zuck's media</a> <a href="/@danluu.danluu">danluu.danluu</a></nav>
       <script nonce="sandbox">for (const a of document.querySelectorAll("nav a")) a.addEventListener("click", (e) => { e.preventDefault(); history.pushState({}, "", a.getAttribute("href")); document.querySelector("h1").textContent = a.textContent; });</script></div>`,
      { "content-security-policy": "default-src 'self'; script-src 'nonce-sandbox'; style-src 'self'; img-src 'self'" },
    );
  }
  return null;
}

/** Mastodon's server-rendered head: alternate link to the actor (or status), og tags, #mastodon root. */
function mastodon(host, path) {
  const list = path.match(/^\/@(\w+)\/(followers|following)\/?$/);
  if (list) return mastodonList(host, list[1]);
  // A profile (and its tabs: mastodon config/routes.rb), a post, a remote account.
  const m = path.match(/^\/@([\w.]+)(?:@([\w.-]+))?(?:\/(\d+)|\/(?:with_replies|media|featured|tagged\/\w+))?\/?$/);
  if (!m) return null;
  const [, user, remote, id] = m;
  const actor = remote ? null : `https://${host}/users/${user}`;
  const alternate = actor ? `<link href="${id ? `${actor}/statuses/${id}` : actor}" rel="alternate" type="application/activity+json">` : "";
  return html(
    `<title>${escapeHtml(user)}</title><meta content="${id ? "article" : "profile"}" property="og:type">${alternate}`,
    `<div id="mastodon" data-props="{}"><h1>@${escapeHtml(user)}${remote ? `@${escapeHtml(remote)}` : ""}</h1>
     <nav><a href="/@Gargron">Gargron</a> <a href="/@Gargron/with_replies">Gargron's replies</a> <a href="/@Gargron/media">Gargron's media</a> <a href="/@zuck@threads.net">zuck@threads.net</a> <a href="/@alice@split.example">alice@split.example</a></nav></div>
     <script>/* a single-page app: links change the URL, not the page (nor its head) */
       for (const a of document.querySelectorAll("nav a")) a.addEventListener("click", (e) => { e.preventDefault(); history.pushState({}, "", a.getAttribute("href")); document.querySelector("h1").textContent = a.textContent; });</script>`,
  );
}

/**
 * A follower list as Mastodon's web app draws it: the page loads with the profile's header, then
 * the app asks its API and draws each account as `<a class="account__display-name" title={acct}
 * href="/@{acct}">` (app/javascript/mastodon/components/account/index.tsx): two after 400 ms,
 * a third 3 s in (the reader scrolled).
 */
function mastodonList(host, user) {
  const account = (acct, name) => `<div class="account"><a class="account__display-name focusable" title="${acct}" href="/@${acct}"><bdi>${escapeHtml(name)}</bdi> <span>@${acct}</span></a></div>`;
  const first = [account("quiet", "Quiet"), account("zuck@threads.net", "Mark Zuckerberg")].join("");
  const later = account("syuilo@misskey.io", "syuilo");
  return html(
    `<title>Followers of ${escapeHtml(user)}</title><meta content="profile" property="og:type"><link href="https://${host}/users/${user}" rel="alternate" type="application/activity+json">`,
    `<div id="mastodon" data-props="{}"><header><a href="/@${user}">@${user}</a> <nav><a href="/@${user}">Posts</a> <a href="/@${user}/following">Following</a> <a href="/@${user}/followers">Followers</a></nav></header><div class="accounts"></div></div>
     <script>setTimeout(() => document.querySelector(".accounts").insertAdjacentHTML("beforeend", ${JSON.stringify(first)}), 400);
       setTimeout(() => document.querySelector(".accounts").insertAdjacentHTML("beforeend", ${JSON.stringify(later)}), 3000);</script>`,
  );
}

/** Misskey: misskey:* metas, an alternate link to the (possibly remote) actor or note. */
function misskey(host, path) {
  const note = path.match(/^\/notes\/(\w+)$/);
  const user = path.match(/^\/@(\w+)$/);
  if (note) {
    return html(
      `<title>Note</title><meta name="misskey:user-username" content="syuilo"><meta name="misskey:user-id" content="7rkrarq81i"><meta name="misskey:note-id" content="${note[1]}"><link rel="alternate" href="https://${host}/notes/${note[1]}" type="application/activity+json">`,
      `<div id="misskey_app"><p>A note.</p></div>`,
    );
  }
  if (user) {
    return html(
      `<title>${user[1]}</title><meta name="misskey:user-username" content="${user[1]}"><meta name="misskey:user-id" content="7rkrarq81i"><link rel="alternate" href="https://${host}/users/7rkrarq81i" type="application/activity+json">`,
      `<div id="misskey_app"><p>A profile.</p></div>`,
    );
  }
  return null;
}

/**
 * PeerTube's pages: its Angular client, whose index.html carries
 * `<meta property="og:platform" content="PeerTube" />` on every page, and the server's tags for
 * the page's video or actor (og:type `video` or `profile`, og:url, a canonical link:
 * server/core/lib/html/shared/tags-html.ts). No ActivityPub alternate link.
 */
function peertube(host, path) {
  const m = path.match(/^\/(?:(w)\/[\w-]+|(videos\/watch)\/[\w-]+|(a|accounts)\/\w+(?:\/video-channels|\/videos)?|(c|video-channels)\/\w+(?:\/videos|\/video-playlists)?)\/?$/);
  if (!m) return null;
  const type = m[1] || m[2] ? "video" : "profile";
  return html(
    `<meta property="og:platform" content="PeerTube" /><base href="/"><title>PeerTube</title><meta property="og:type" content="${type}" /><meta property="og:url" content="https://${host}${path}" /><link rel="canonical" href="https://${host}${path}" />`,
    `<my-app><h1>A ${type} on PeerTube</h1></my-app>`,
  );
}

/** Lemmy-UI's server-rendered pages: a community, a post (lemmy-ui src/shared/routes.ts). */
function lemmy(host, path) {
  const m = path.match(/^\/(c\/\w+|post\/\d+|u\/\w+)\/?$/);
  if (!m) return null;
  return html(`<title>Lemmy</title><meta property="og:url" content="https://${host}${path}">`, `<div id="root"><h1>${escapeHtml(m[1])}</h1></div>`);
}

/** Ordinary sites: a news article crediting a fediverse author, a personal page, pages with nothing. */
/** Bluesky's web app (a single-page app: its head says little): profiles and posts by handle or
 * DID (bluesky-social/social-app src/routes.ts). */
function bluesky(path) {
  const m = path.match(/^\/profile\/([^/]+)(?:\/(?:followers|follows|post\/\w+))?\/?$/);
  if (!m) return null;
  return html(`<title>${escapeHtml(decodeURIComponent(m[1]))} — Bluesky</title><meta property="og:type" content="profile">`, `<div id="root"><h1>${escapeHtml(decodeURIComponent(m[1]))}</h1></div>`);
}

export const PAGE_HOSTS = {
  "bsky.app": bluesky,
  "news.example": (path) => {
    // Articles credited to an author; the failure pages credit authors on broken servers.
    const authors = {
      "/2026/11/story": "@Gargron@mastodon.social",
      "/slow": "@x@slow.example",
      "/garbage": "@carol@badjson.example",
      "/down": "@z@broken.example",
      "/xss": "@all@xss.example",
      "/redirect": "@a@redirector.example",
      "/loop": "@x@loop.example",
      "/endless": "@big@endless.example",
    };
    // An article by several authors (every fediverse:creator tag counts: accounts.rs) that also
    // mentions two accounts by their acct: links, one of them on a server that lies about it
    // (spoof.example: unverified); a page of 10,000 acct: links.
    if (path === "/2026/11/team") {
      const creators = ["@Gargron@mastodon.social", "@syuilo@misskey.io", "@zuck@threads.net"].map((h) => `<meta name="fediverse:creator" content="${h}">`).join("");
      return html(`<title>A story by three</title><meta property="og:type" content="article">${creators}`, `<article><h1>A story by three</h1><p>Thanks to <a href="acct:quiet@mastodon.social">@quiet</a> and <a href="acct:gargron@spoof.example">@gargron@spoof.example</a>.</p>${filler(5)}</article>`);
    }
    if (path === "/many") {
      const links = Array.from({ length: 10_000 }, (_, i) => `<a href="acct:reader${i}@mastodon.social">reader${i}</a>`).join(" ");
      return html(`<title>Ten thousand readers</title>`, `<h1>Our readers</h1><p>${links}</p>`);
    }
    if (!authors[path]) return null;
    return html(`<title>A story</title><meta property="og:type" content="article"><meta name="fediverse:creator" content="${authors[path]}">`, `<article><h1>A story</h1>${filler(20)}</article>`);
  },
  "blog.example": (path) => {
    if (path === "/") return html(`<title>My homepage</title>`, `<h1>Hi</h1><p>Find me on <a rel="me" href="https://mastodon.social/@Gargron">Mastodon</a> and <a rel="me" href="https://github.example/me">GitHub</a>.</p>`);
    // A post of a site that Bridgy Fed bridges: it names its own fediverse account there.
    // A post written as some generators write HTML (capitals, unquoted values, another attribute
    // order): what a browser's parser makes of it is what counts (issue 25).
    if (path === "/2026/odd-markup") {
      return html(
        `<LINK HREF=https://mastodon.social/users/Gargron/statuses/113306831140126616 TYPE=Application/Activity+JSON REL=Alternate><META PROPERTY=Fediverse:Creator CONTENT=@Gargron@mastodon.social>`,
        `<ARTICLE><H1>Odd markup</H1>${filler(3)}</ARTICLE>`,
      );
    }
    if (path === "/2026/bridged") return html(`<title>A bridged post</title><meta name="fediverse:creator" content="@blog.example@web.brid.gy">`, `<article><h1>Bridged</h1>${filler(3)}</article>`);
    return null;
  },
  // The www/ build (`make dist`), served like any web site: the lookup page people use without the
  // extension, subject to other servers' CORS rules.
  "fedilens.example": (pathname) => {
    const file = path.join(WWW, pathname === "/" ? "index.html" : pathname);
    if (!file.startsWith(WWW) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
    return new Response(fs.readFileSync(file), { headers: { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" } });
  },
  "plain.example": (path) => {
    if (path === "/") return html(`<title>Plain</title><meta property="og:type" content="website">`, `<h1>Nothing fediverse here</h1>${filler(10)}`);
    if (path === "/large") return html(`<title>Large</title>`, `<h1>A large page</h1>${filler(3000)}`);
    if (path === "/@someone") return html(`<title>@someone</title><meta property="og:type" content="profile">`, `<h1>A look-alike profile URL</h1>`);
    if (path === "/strict") {
      return html(`<title>Strict CSP</title>`, `<h1>Strict CSP, no signals</h1>${filler(10)}`, { "content-security-policy": "default-src 'self'; script-src 'self'" });
    }
    if (path === "/strict-with-signals") {
      return html(
        `<title>Strict CSP</title><meta name="fediverse:creator" content="@Gargron@mastodon.social">`,
        `<h1>Strict CSP with a creator</h1>`,
        { "content-security-policy": "default-src 'self'; script-src 'self'" },
      );
    }
    return null;
  },
};

/** The HTML page for `host` and `path` on a fediverse site, or null. */
export function sitePage(siteName, host, path) {
  if (siteName === "threads") return threads(host, path);
  if (siteName === "mastodon" || siteName === "home" || siteName === "strict") return mastodon(host, path);
  if (siteName === "misskey") return misskey(host, path);
  if (siteName === "peertube") return peertube(host, path);
  if (siteName === "lemmy") return lemmy(host, path);
  return null;
}
