// The well-behaved part of the sandbox: real Fedify servers that behave like Threads, Mastodon,
// Misskey and a home instance. Each host is one Fedify `Federation`.
import {
  createFederation,
  generateCryptoKeyPair,
  InProcessMessageQueue,
  MemoryKvStore,
} from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import { mastodonApi } from "./mastodon-api.mjs";
import { misskeyApi } from "./misskey-api.mjs";
import { escapeHtml, sitePage } from "./pages.mjs";
import { Accept, Announce, Emoji, Endpoints, Follow, Group, Image, Like, Link, Note, Page, Person, PropertyValue, Undo, Video } from "@fedify/vocab";

const THREADS_NOT_FOUND = JSON.stringify({ success: false, error: "Not found" });
const SUBSCRIBE = "http://ostatus.org/schema/1.0/subscribe";
// A 1×1 violet PNG: every sandbox avatar.
const AVATAR_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mOMrvv/HwAFSAK6y1ZJZQAAAABJRU5ErkJggg==", "base64");

/** What every Mastodon server in the sandbox shares: its URL shapes and its remote-follow page. */
function mastodonServer(origin, version) {
  return {
    origin,
    actorPath: "/users/{identifier}",
    notePath: "/users/{identifier}/statuses/{id}",
    subscribe: `${origin}/authorize_interaction?uri={uri}`,
    follow: { path: "/authorize_interaction", param: "uri" },
    nodeinfo: { name: "mastodon", version },
    domainBlocks: [],
  };
}

/** What every Misskey server in the sandbox shares: its URL shapes and its remote-follow page. */
function misskeyServer(origin, version) {
  return {
    origin,
    actorPath: "/users/{identifier}",
    notePath: "/notes/{id}",
    subscribe: `${origin}/authorize-follow?acct={uri}`,
    follow: { path: "/authorize-follow", param: "acct" },
    nodeinfo: { name: "misskey", version },
  };
}

/**
 * The sites. `actorPath` and `notePath` are Fedify URI templates; `follow` is the remote-follow
 * endpoint a home user opens (`{path, param}`); `subscribe` the template WebFinger publishes.
 */
export const SITES = [
  {
    name: "threads",
    origin: "https://threads.net",
    aliases: ["www.threads.net", "threads.com", "www.threads.com"],
    actorPath: "/ap/users/{identifier}/",
    notePath: "/ap/users/{identifier}/post/{id}/",
    // Threads: WebFinger 404 with its JSON body for accounts that do not share; actors and posts
    // only for HTTP-signed requests (unsigned ones get the same 404 body); no NodeInfo.
    signedFetchOnly: true,
    notFoundBody: THREADS_NOT_FOUND,
    nodeinfo: null,
    users: [
      {
        id: "17841401746480004",
        username: "zuck",
        name: "Mark Zuckerberg",
        summary: "Mostly superintelligence and MMA takes.",
        url: "https://www.threads.net/@zuck",
        posts: [{ id: "17955322232962801", code: "DYSAIo_FL77", content: "<p>Threads is on the fediverse.</p>" }],
      },
    ],
  },
  {
    name: "mastodon",
    ...mastodonServer("https://mastodon.social", "4.5.0"),
    // Mastodon 4.3+: the sites allowed to credit this account as author (fediverse:creator).
    actorExtras: {
      fields: { attributionDomains: ["news.example"] },
      context: { toot: "http://joinmastodon.org/ns#", attributionDomains: { "@id": "toot:attributionDomains", "@type": "@id" } },
    },
    users: [
      {
        id: "Gargron",
        username: "Gargron",
        name: "Eugen Rochko",
        summary: "<p>Founder of <a href=\"https://mastodon.social/tags/Mastodon\">#Mastodon</a>.</p>",
        url: "https://mastodon.social/@Gargron",
        fields: [["Website", "<a href=\"https://joinmastodon.org\">joinmastodon.org</a>"]],
        posts: [{ id: "113306831140126616", content: "<p>Hello from the sandbox.</p>", url: "https://mastodon.social/@Gargron/113306831140126616" }],
      },
      // A locked account: a follow stays a request (nobody approves it in the sandbox).
      { id: "quiet", username: "quiet", name: "Quiet", summary: "<p>I approve followers by hand.</p>", url: "https://mastodon.social/@quiet", locked: true, posts: [] },
      // Moved accounts (issue 22 §2), as Mastodon's ActorSerializer writes them: `movedTo` and
      // `alsoKnownAs` (Fedify's `successor` and `aliases`). `movedaway` moved to Misskey, whose
      // new account names it back (proven); `claimsmove` says it moved to Gargron, who does not
      // name it (unproven); `movedtodead` points at a server that answers 500 to everything.
      { id: "movedaway", username: "movedaway", name: "Moved Away", summary: "<p>I moved to Misskey.</p>", url: "https://mastodon.social/@movedaway", movedTo: "https://misskey.io/users/9movedhere", posts: [] },
      { id: "claimsmove", username: "claimsmove", name: "Claims A Move", summary: "", url: "https://mastodon.social/@claimsmove", movedTo: "https://mastodon.social/users/Gargron", posts: [] },
      { id: "movedtodead", username: "movedtodead", name: "Moved To Nowhere", summary: "", url: "https://mastodon.social/@movedtodead", movedTo: "https://broken.example/users/gone", posts: [] },
    ],
  },
  {
    name: "misskey",
    ...misskeyServer("https://misskey.io", "2025.4.0"),
    // Misskey-family fields Fedify's vocabulary does not carry are added to the JSON it sends.
    actorExtras: {
      fields: { isCat: true, _misskey_summary: "Misskeyを開発している人" },
      context: { misskey: "https://misskey-hub.net/ns#", isCat: "misskey:isCat", _misskey_summary: "misskey:_misskey_summary" },
    },
    users: [
      {
        id: "7rkrarq81i",
        username: "syuilo",
        name: ":peroro_sama:しゅいろ:peroro_sama:",
        // As misskey.io's actor tags it (tests/fixtures/misskey/actor-misskey-io-syuilo.json).
        emojis: ["peroro_sama"],
        summary: "<p>Misskeyを開発している人</p>",
        url: "https://misskey.io/@syuilo",
        posts: [
          { id: "9aaaaaaaaaaaaaaa", content: "<p>the quoted note</p>", url: "https://misskey.io/notes/9aaaaaaaaaaaaaaa" },
          { id: "9sv3rkmjjvdr000z", content: "<p>quoting a note</p>", url: "https://misskey.io/notes/9sv3rkmjjvdr000z", quote: "https://misskey.io/notes/9aaaaaaaaaaaaaaa" },
        ],
      },
      // The new account of mastodon.social's `movedaway`, naming it as its old one.
      { id: "9movedhere", username: "movedhere", name: "Moved Here", summary: "<p>I used to be @movedaway@mastodon.social.</p>", url: "https://misskey.io/@movedhere", alsoKnownAs: ["https://mastodon.social/users/movedaway"], posts: [] },
    ],
  },
  {
    // Bridgy Fed's web side (snarfed/bridgy-fed ids.py: `web_ap_base_domain` is
    // `https://web.brid.gy/` for a web site, `translate_user_id` appends its domain): a bridged
    // site is `@<domain>@web.brid.gy` with the actor `https://web.brid.gy/<domain>`.
    name: "bridgy-fed-web",
    origin: "https://web.brid.gy",
    actorPath: "/{identifier}",
    notePath: "/r/{identifier}/{id}",
    nodeinfo: { name: "bridgy-fed", version: "" },
    users: [{ id: "blog.example", username: "blog.example", name: "My homepage", summary: "<p>Bridged from the web.</p>", url: "https://blog.example/", posts: [] }],
  },
  {
    // Bridgy Fed's Bluesky side (snarfed/bridgy-fed at d505297f): a bridged Bluesky account is
    // `@<handle>@bsky.brid.gy` (ids.translate_handle) with the actor `https://bsky.brid.gy/ap/<did>`
    // (ids.translate_user_id); one that has not opted in gets WebFinger 404
    // (webfinger.load_user); NodeInfo names the software `bridgy-fed` (activitypub.nodeinfo).
    // Fedify's own WebFinger, actors, signatures and inbox, as for every site; the template's
    // literal `did:plc:` keeps the colons unescaped, as Bridgy Fed writes them.
    name: "bridgy-fed",
    origin: "https://bsky.brid.gy",
    actorPath: "/ap/did:plc:{identifier}",
    notePath: "/convert/ap/did:plc:{identifier}/{id}",
    nodeinfo: { name: "bridgy-fed", version: "" },
    users: [
      { id: "3jpt2mvvsumj2r7eqk4gzzjz", username: "snarfed.org", name: "Ryan (bridged from Bluesky)", summary: "", url: "https://bsky.app/profile/snarfed.org", posts: [] },
      { id: "alicebluesky7xq2w4hzk3mn", username: "alice.bsky.social", name: "Alice (bridged from Bluesky)", summary: "<p>Posting from Bluesky.</p>", url: "https://bsky.app/profile/alice.bsky.social", posts: [] },
    ],
  },
  {
    // PeerTube, as tilvids.com runs it (its documents: tests/fixtures/peertube). Accounts are
    // Person actors at /accounts/<name>, channels Group actors at /video-channels/<name>, both in
    // one WebFinger name space whose `self` link is the actor and whose subscribe template is
    // /remote-interaction?uri={uri} (Chocobozzz/PeerTube server/core/controllers/well-known.ts
    // @4f3fb4788401). Videos are Video objects at /videos/watch/<uuid>, attributed to
    // [account Person, channel Group], served to ActivityPub clients at /w/<shortUUID> too
    // (server/core/controllers/activitypub/client.ts @01808d9e601441339561bdf8e7867981318d85bb:
    // `[ '/videos/watch/:id', '/w/:id' ]`, and `/a/:handle`, `/c/:handle` beside the long forms).
    name: "peertube",
    origin: "https://tilvids.com",
    actorPath: "/accounts/{identifier}",
    notePath: "/videos/watch/{id}",
    postType: "Video",
    // The other paths its ActivityPub router serves each actor at (client.ts, as above).
    apAliases: [
      [/^\/(?:accounts?|a)\/([^/]+)(?:\/video-channels)?\/?$/, "/accounts/$1"],
      [/^\/(?:video-channels|c)\/([^/]+)(?:\/videos)?\/?$/, "/video-channels/$1"],
    ],
    subscribe: "https://tilvids.com/remote-interaction?uri={uri}",
    nodeinfo: { name: "peertube", version: "7.3.0" },
    users: [
      {
        id: "thelinuxexperiment",
        username: "thelinuxexperiment",
        name: "The Linux Experiment",
        summary: "<p>Linux news and reviews.</p>",
        url: "https://tilvids.com/accounts/thelinuxexperiment",
        posts: [
          {
            id: "e7946124-7b72-4ad7-9d22-844a84bb2de1",
            shortUUID: "vAcN8FH5qTnVwhKsDhUoy1",
            name: "Linux news of the week",
            content: "<p>This week in Linux.</p>",
            url: "https://tilvids.com/w/vAcN8FH5qTnVwhKsDhUoy1",
            channel: "thelinuxexperiment_channel",
          },
        ],
      },
    ],
    // The channel: PeerTube's VideoChannel actor, `attributedTo` its account.
    groups: {
      actorPath: "/video-channels/{identifier}",
      users: [
        {
          id: "thelinuxexperiment_channel",
          username: "thelinuxexperiment_channel",
          name: "The Linux Experiment channel",
          summary: "<p>Every video of the show.</p>",
          url: "https://tilvids.com/video-channels/thelinuxexperiment_channel",
          owner: "https://tilvids.com/accounts/thelinuxexperiment",
          posts: [],
        },
      ],
    },
  },
  {
    // Lemmy, as lemmy.ml runs it (tests/fixtures/lemmy): people are Person actors at /u/<name>,
    // communities Group actors at /c/<name> (the WebFinger capture
    // webfinger-lemmy-ml-c-lemmy_support.json: `self` is the community's URL), posts Page objects
    // at /post/<id> attributed to their author and addressed to the community
    // (page-post-lemmy-asset.json). Lemmy's WebFinger publishes no subscribe template (FACTS.md §2).
    name: "lemmy",
    origin: "https://lemmy.ml",
    actorPath: "/u/{identifier}",
    notePath: "/post/{id}",
    postType: "Page",
    nodeinfo: { name: "lemmy", version: "0.19.13" },
    users: [
      {
        id: "nutomic",
        username: "nutomic",
        name: "nutomic",
        summary: "<p>Lemmy developer.</p>",
        url: "https://lemmy.ml/u/nutomic",
        posts: [{ id: "12345", name: "Lemmy 0.19.13 released", content: "<p>Release notes inside.</p>", url: "https://lemmy.ml/post/12345", community: "https://lemmy.ml/c/lemmy_support" }],
      },
    ],
    groups: {
      actorPath: "/c/{identifier}",
      users: [{ id: "lemmy_support", username: "lemmy_support", name: "Lemmy Support", summary: "<p>Support for Lemmy.</p>", url: "https://lemmy.ml/c/lemmy_support", posts: [] }],
    },
  },
  {
    name: "home",
    ...mastodonServer("https://home.example", "4.5.0"),
    // Its client API too (connect, resolve, relationships, follow: tests/sandbox/mastodon-api.mjs).
    api: "mastodon",
    users: [{ id: "me", username: "me", name: "Me at home", summary: "<p>I follow people.</p>", url: "https://home.example/@me", posts: [] }],
  },
  {
    // A WordPress home (the ActivityPub plugin): FEP-3b86 Follow and Create intents in `href`, no
    // OStatus template, its interactions endpoint taking `uri` (Automattic/wordpress-activitypub
    // integration/class-webfinger.php `add_interaction_links`, PR #2256;
    // includes/rest/class-interaction-controller.php).
    name: "wp-home",
    origin: "https://wp-home.example",
    actorPath: "/author/{identifier}/",
    notePath: "/author/{identifier}/posts/{id}",
    intents: [
      { rel: "https://w3id.org/fep/3b86/Create", href: "https://wp-home.example/wp-json/activitypub/1.0/interactions?uri={inReplyTo}&intent=create" },
      { rel: "https://w3id.org/fep/3b86/Follow", href: "https://wp-home.example/wp-json/activitypub/1.0/interactions?uri={object}&intent=follow" },
    ],
    follow: { path: "/wp-json/activitypub/1.0/interactions", param: "uri" },
    nodeinfo: { name: "wordpress", version: "6.8.3" },
    users: [{ id: "me", username: "me", name: "Me on WordPress", summary: "", url: "https://wp-home.example/author/me/", posts: [] }],
  },
  {
    // A Mastodon 4.6 home: FEP-3b86 Object and Create intents beside the OStatus template, no
    // Follow intent (mastodon PR #38120; FACTS.md §8; mastodon.social's live WebFinger).
    name: "m46-home",
    ...mastodonServer("https://m46-home.example", "4.6.0"),
    intents: [
      { rel: "https://w3id.org/fep/3b86/Create", href: "https://m46-home.example/share?text={content}" },
      { rel: "https://w3id.org/fep/3b86/Object", href: "https://m46-home.example/authorize_interaction?uri={object}" },
    ],
    users: [{ id: "me", username: "me", name: "Me on 4.6", summary: "", url: "https://m46-home.example/@me", posts: [] }],
  },
  {
    // A home that publishes FEP-3b86 intents for a post's Like and Announce as the FEP's own
    // examples write them (§3.1: Follow in `href`, Create `share?uri={object}` — a new post, not a
    // reply —, Like in `template`; §4.3: Announce in `href`), beside OStatus.
    name: "fep-home",
    ...mastodonServer("https://fep-home.example", "4.5.0"),
    intents: [
      { rel: "https://w3id.org/fep/3b86/Follow", href: "https://fep-home.example/authorize_interaction?uri={object}" },
      { rel: "https://w3id.org/fep/3b86/Create", href: "https://fep-home.example/share?uri={object}" },
      { rel: "https://w3id.org/fep/3b86/Like", template: "https://fep-home.example/intents/like?id={object}" },
      { rel: "https://w3id.org/fep/3b86/Announce", href: "https://fep-home.example/intents/announce?objectId={object}" },
    ],
    users: [{ id: "me", username: "me", name: "Me with intents", summary: "", url: "https://fep-home.example/@me", posts: [] }],
  },
  {
    // A Misskey home instance, with Misskey's API (MiAuth, users/relation, following/*:
    // tests/sandbox/misskey-api.mjs).
    name: "misskey-home",
    ...misskeyServer("https://misskey-home.example", "2025.4.0"),
    api: "misskey",
    users: [{ id: "9me0000000", username: "me", name: "Me on Misskey", summary: "", url: "https://misskey-home.example/@me", posts: [] }],
  },
  {
    // A home instance whose admins block threads.net, as some real instances do.
    name: "strict",
    ...mastodonServer("https://strict.example", "4.4.2"),
    domainBlocks: [{ domain: "threads.net", digest: "0", severity: "suspend", comment: "Meta" }],
    users: [{ id: "careful", username: "careful", name: "Careful", summary: "", url: "https://strict.example/@careful", posts: [] }],
  },
];

export function siteHosts(site) {
  return [new URL(site.origin).host, ...(site.aliases ?? [])];
}

/**
 * Builds the Fedify servers for `site`. `log` collects what its inboxes accepted; `signal` stops
 * it. A site with `groups` (PeerTube's channels, Lemmy's communities) has a second Fedify
 * federation for its Group actors (Fedify dispatches one actor path per federation), on the same
 * host: requests under the groups' path, and WebFinger for their names, go to that one.
 */
export async function makeSite(site, log, signal) {
  const main = await makeFederation(site, log, signal);
  if (!site.groups) return main;
  const short = apAliasesOf(site);
  const groupSite = { ...site, ...site.groups, actorType: "Group", nodeinfo: null, api: null };
  const groups = await makeFederation(groupSite, log, signal);
  const groupPrefix = site.groups.actorPath.split("{")[0];
  const groupNames = new Set(site.groups.users.map((u) => u.username.toLowerCase()));
  const isGroup = (url) => {
    if (url.pathname.startsWith(groupPrefix)) return true;
    if (url.pathname !== "/.well-known/webfinger") return false;
    const resource = url.searchParams.get("resource") ?? "";
    const acct = resource.match(/^(?:acct:)?@?([^@/]+)@/);
    return acct ? groupNames.has(acct[1].toLowerCase()) : resource.startsWith(`${site.origin}${groupPrefix}`);
  };
  return {
    ...main,
    handle(request) {
      request = short(request);
      return (isGroup(new URL(request.url)) ? groups : main).handle(request);
    },
  };
}

/**
 * The other paths a server's ActivityPub router serves an actor or a video at (PeerTube's `/a/`,
 * `/c/`, their tabs, `/w/<short UUID>`): for ActivityPub clients, the request at the path Fedify
 * dispatches. Browsers get the page (pages.mjs).
 */
function apAliasesOf(site) {
  const videos = new Map(site.users.flatMap((u) => u.posts.filter((p) => p.shortUUID).map((p) => [p.shortUUID, p.id])));
  return (request) => {
    if (!/activity\+json|ld\+json/.test(request.headers.get("accept") ?? "")) return request;
    const url = new URL(request.url);
    const alias = (site.apAliases ?? []).find(([pattern]) => pattern.test(url.pathname));
    const watch = url.pathname.match(/^\/w\/([^/;]+)\/?$/);
    if (alias) url.pathname = url.pathname.replace(alias[0], alias[1]);
    else if (watch && videos.has(watch[1])) url.pathname = site.notePath.replace("{id}", videos.get(watch[1]));
    else return request;
    return new Request(url, request);
  };
}

async function makeFederation(site, log, signal) {
  const federation = createFederation({
    kv: new MemoryKvStore(),
    // Fedify 2.3.6's in-process queue adds a listener to the stop signal at every wait and never
    // takes it off (a leak Node warns about past 100). New messages wake it anyway, so it need not
    // poll: waiting 10 minutes between polls keeps long runs (`make bench`) from piling them up.
    queue: new InProcessMessageQueue({ pollInterval: { minutes: 10 } }),
    allowPrivateAddress: true,
    origin: site.origin,
    // Started here with the sandbox's signal, so that stopping the sandbox stops the queue too.
    manuallyStartQueue: true,
  });
  federation.startQueue(undefined, { signal }).catch(() => {});
  const byId = new Map(site.users.map((u) => [u.id, u]));
  const byUsername = new Map(site.users.map((u) => [u.username.toLowerCase(), u]));
  // RSA keys of 2048 bits, as Mastodon makes its accounts' (app/models/account.rb,
  // `generate_keys`: `OpenSSL::PKey::RSA.new(2048)`), generated side by side: Fedify's own
  // generateCryptoKeyPair makes 4096-bit ones, ~1.4 s each here, which made the sandbox take
  // 27 s to start (and `make demo`'s 20 s wait for it fail).
  const rsa = () =>
    crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
  const keys = new Map(await Promise.all(site.users.map(async (u) => [u.id, await Promise.all([rsa(), generateCryptoKeyPair("Ed25519")])])));
  const signedOnly = async (ctx) => site.signedFetchOnly ? (await ctx.getSignedKey()) != null : true;

  const actor = federation
    .setActorDispatcher(site.actorPath, async (ctx, identifier) => {
      const user = byId.get(identifier);
      if (!user) return null;
      const pairs = await ctx.getActorKeyPairs(identifier);
      const Actor = site.actorType === "Group" ? Group : Person;
      return new Actor({
        id: ctx.getActorUri(identifier),
        preferredUsername: user.username,
        name: user.name,
        summary: user.summary,
        url: new URL(user.url),
        inbox: ctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        manuallyApprovesFollowers: user.locked === true,
        attribution: user.owner ? new URL(user.owner) : null,
        successor: user.movedTo ? new URL(user.movedTo) : null,
        aliases: (user.alsoKnownAs ?? []).map((uri) => new URL(uri)),
        discoverable: true,
        icon: new Image({ url: new URL(`${site.origin}/avatars/${user.id}.png`), mediaType: "image/png" }),
        attachments: (user.fields ?? []).map(([name, value]) => new PropertyValue({ name, value })),
        tags: (user.emojis ?? []).map(
          (code) => new Emoji({ id: new URL(`${site.origin}/emojis/${code}`), name: `:${code}:`, icon: new Image({ url: new URL(`${site.origin}/emojis/${code}.png`), mediaType: "image/png" }) }),
        ),
        publicKey: pairs[0].cryptographicKey,
        assertionMethods: pairs.map((p) => p.multikey),
      });
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => keys.get(identifier) ?? [])
    .mapHandle(async (_ctx, username) => byUsername.get(username.toLowerCase())?.id ?? null);
  if (site.signedFetchOnly) actor.authorize(signedOnly);

  const notes = new Map(site.users.flatMap((u) => u.posts.map((p) => [p.id, { ...p, user: u }])));
  // Notes, or PeerTube's Videos and Lemmy's Pages.
  const PostType = { Video, Page }[site.postType] ?? Note;
  const note = federation.setObjectDispatcher(PostType, site.notePath, async (ctx, values) => {
    const post = notes.get(values.id);
    if (!post || (values.identifier && values.identifier !== post.user.id)) return null;
    return new PostType({
      id: ctx.getObjectUri(PostType, { identifier: post.user.id, id: post.id }),
      name: post.name ?? null,
      // A PeerTube video names its account and its channel (typed in the JSON: withExtras).
      attributions: [ctx.getActorUri(post.user.id), ...(post.channel ? [new URL(`${site.origin}${site.groups.actorPath.replace("{identifier}", post.channel)}`)] : [])],
      content: post.content,
      // PeerTube's `url` is a list of Links, the first its watch page in HTML (tests/fixtures/peertube/video-lemmy-asset.json).
      url: post.channel ? new Link({ href: new URL(post.url), mediaType: "text/html" }) : post.url ? new URL(post.url) : post.code ? new URL(`https://www.threads.net/@${post.user.username}/post/${post.code}`) : null,
      audience: post.community ? new URL(post.community) : null,
      quoteUrl: post.quote ? new URL(post.quote) : null,
      published: Temporal.Instant.from("2026-11-01T12:00:00Z"),
      to: new URL("https://www.w3.org/ns/activitystreams#Public"),
    });
  });
  if (site.signedFetchOnly) note.authorize(signedOnly);

  federation
    .setInboxListeners(`${site.actorPath.replace(/\/$/, "")}/inbox`, "/inbox")
    .on(Follow, async (ctx, follow) => {
      const target = follow.objectId && ctx.parseUri(follow.objectId);
      log.push({ host: new URL(site.origin).host, type: "Follow", actor: follow.actorId?.href, object: follow.objectId?.href, verified: true });
      if (target?.type !== "actor" || follow.actorId == null) return;
      // A locked account approves followers by hand: nobody does here, so the request stays one.
      if (byId.get(target.identifier)?.locked) return;
      const follower = await follow.getActor(ctx);
      if (follower == null) return;
      await ctx.sendActivity({ identifier: target.identifier }, follower, new Accept({
        // One Accept per Follow (a second Follow from the same account gets its own: an inbox
        // takes an activity it has seen before for a duplicate).
        id: new URL(`#accepts/${encodeURIComponent(follow.id?.href ?? follow.actorId.href)}`, ctx.getActorUri(target.identifier)),
        actor: ctx.getActorUri(target.identifier),
        object: follow,
      }));
    })
    .on(Accept, async (_ctx, accept) => {
      log.push({ host: new URL(site.origin).host, type: "Accept", actor: accept.actorId?.href, object: accept.objectId?.href, verified: true });
      if (accept.objectId) api?.accepted(accept.objectId.href);
    })
    .on(Undo, async (_ctx, undo) => {
      log.push({ host: new URL(site.origin).host, type: "Undo", actor: undo.actorId?.href, object: undo.objectId?.href, verified: true });
    })
    // A post liked or boosted from someone's home (issue 22 §4); Misskey's Like carries its
    // reaction as `content` (ApRendererService#renderLike).
    .on(Like, async (_ctx, like) => {
      log.push({ host: new URL(site.origin).host, type: "Like", actor: like.actorId?.href, object: like.objectId?.href, content: like.content?.toString() ?? null, verified: true });
    })
    .on(Announce, async (_ctx, announce) => {
      log.push({ host: new URL(site.origin).host, type: "Announce", actor: announce.actorId?.href, object: announce.objectId?.href, verified: true });
    });

  if (site.nodeinfo) {
    federation.setNodeInfoDispatcher("/nodeinfo/2.1", () => ({
      software: { name: site.nodeinfo.name, version: site.nodeinfo.version },
      protocols: ["activitypub"],
      openRegistrations: false,
      usage: { users: { total: site.users.length }, localPosts: notes.size, localComments: 0 },
    }));
  }
  if (site.subscribe || site.intents) {
    const subscribe = site.subscribe ? [{ rel: SUBSCRIBE, template: site.subscribe }] : [];
    federation.setWebFingerLinksDispatcher(() => [...subscribe, ...(site.intents ?? [])]);
  }

  const homeApi = { mastodon: mastodonApi, misskey: misskeyApi }[site.api];
  const api = homeApi ? homeApi({ origin: site.origin, me: site.users[0], federation, log }) : null;

  const notFound = () =>
    site.notFoundBody
      ? new Response(site.notFoundBody, { status: 404, headers: { "content-type": "application/json" } })
      : new Response("Not Found", { status: 404, headers: { "content-type": "text/plain" } });

  /** The home instance's remote-follow page: look the target up, send a signed Follow. */
  async function remoteFollow(request) {
    const target = new URL(request.url).searchParams.get(site.follow.param);
    const me = site.users[0];
    const ctx = federation.createContext(new URL(site.origin), undefined);
    const documentLoader = await ctx.getDocumentLoader({ identifier: me.id });
    let object = target ? await ctx.lookupObject(target, { documentLoader }) : null;
    if (object && !object.inboxId && object.attributionId) {
      object = await object.getAttribution({ documentLoader });
    }
    if (!object?.inboxId) {
      return new Response(`<!doctype html><title>Not found</title><p>Could not find ${escapeHtml(target ?? "")}.</p>`, {
        status: 404,
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    }
    await ctx.sendActivity({ identifier: me.id }, object, new Follow({
      id: new URL(`${site.origin}/follows/${Date.now()}`),
      actor: ctx.getActorUri(me.id),
      object: object.id,
    }));
    log.push({ host: new URL(site.origin).host, type: "FollowSent", actor: ctx.getActorUri(me.id).href, object: object.id.href });
    return new Response(
      `<!doctype html><title>Following</title><h1>Follow request sent</h1><p>@${me.username}@${new URL(site.origin).host} now follows <code>${escapeHtml(object.id.href)}</code>.</p>`,
      { headers: { "content-type": "text/html; charset=utf-8" } },
    );
  }

  return {
    name: site.name,
    hosts: siteHosts(site),
    async handle(request) {
      const url = new URL(request.url);
      const answer = await api?.handle(request);
      if (answer) return answer;
      if (site.follow && url.pathname === site.follow.path) return remoteFollow(request);
      if (url.pathname.startsWith("/avatars/") || url.pathname.startsWith("/emojis/")) return new Response(AVATAR_PNG, { headers: { "content-type": "image/png" } });
      if (site.domainBlocks && url.pathname === "/api/v1/instance/domain_blocks") {
        return Response.json(site.domainBlocks);
      }
      // Mastodon-style page URLs (`/@user`, `/@user/<id>`) hand ActivityPub clients the documents.
      const accept = request.headers.get("accept") ?? "";
      if (!/activity\+json|ld\+json/.test(accept)) {
        const pageResponse = sitePage(site.name, url.host, url.pathname);
        if (pageResponse) return pageResponse;
      }
      // Mastodon serves the documents at the page URLs themselves, no redirect: AccountsController
      // and StatusesController#show render ActivityPub JSON for `format.json` (mastodon/mastodon
      // app/controllers/statuses_controller.rb), with the actor's or status's own id inside.
      let documentPath = url.pathname + url.search;
      const page = url.pathname.match(/^\/@([^/@]+)(?:\/(\d+))?$/);
      if (page && /activity\+json|ld\+json/.test(accept) && !site.signedFetchOnly) {
        const user = byUsername.get(page[1].toLowerCase());
        const post = page[2] && notes.get(page[2]);
        const ctx = federation.createContext(new URL(site.origin), undefined);
        if (user && !page[2]) documentPath = ctx.getActorUri(user.id).pathname;
        if (user && post) documentPath = ctx.getObjectUri(PostType, { identifier: user.id, id: post.id }).pathname;
      }
      // Fedify answers for the canonical origin whichever alias was asked (threads.com → threads.net).
      const canonical = new URL(documentPath, site.origin);
      const forwarded = new Request(canonical, request);
      let response = await federation.fetch(forwarded, {
        contextData: undefined,
        onNotFound: notFound,
        onUnauthorized: notFound,
        onNotAcceptable: notFound,
      });
      if ((site.actorExtras || site.postType === "Video") && /activity\+json/.test(response.headers.get("content-type") ?? "")) {
        response = await withExtras(response, site.actorExtras ?? {});
      }
      return response;
    },
  };
}

async function withExtras(response, extras) {
  const doc = await response.json();
  // PeerTube types a video's authors: [{type: Person, id}, {type: Group, id}].
  if (doc.type === "Video" && Array.isArray(doc.attributedTo)) {
    doc.attributedTo = doc.attributedTo.map((id, i) => ({ type: i === 0 ? "Person" : "Group", id }));
  }
  if (doc.type === "Person" && extras.fields) {
    Object.assign(doc, extras.fields);
    const context = Array.isArray(doc["@context"]) ? doc["@context"] : [doc["@context"]];
    context.push(extras.context);
    doc["@context"] = context;
  }
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(doc), { status: response.status, headers });
}
