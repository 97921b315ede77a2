// `fedilens lookup` against the sandbox fediverse (real Fedify servers, real TLS, real host names
// on loopback): every status state, the raw documents, a follow that really reaches the inbox,
// and a comparison with Fedify's own lookup.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { fedifyResolve } from "../sandbox/peer.mjs";
import { startSandbox } from "../sandbox/sandbox.mjs";
import { waitFor } from "../sandbox/wait.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = process.env.FEDILENS_BIN ?? path.join(root, "target/debug/fedilens");
let sandbox;

before(async () => {
  // Its own loopback address, so that a background sandbox (make demo) can run alongside.
  sandbox = await startSandbox({ address: "127.0.43.2" });
});
after(async () => sandbox?.close());

// Asynchronous on purpose: the sandbox runs in this process and must keep answering.
const run = promisify(execFile);

async function lookup(target, { home, timeout = 3, resolve = sandbox.resolveArgs, lang } = {}) {
  const args = ["lookup", target, "--json", "--cacert", sandbox.ca, "--timeout", String(timeout), ...resolve];
  if (home) args.push("--home", home);
  if (lang) args.push("--lang", lang);
  const { stdout } = await run(BIN, args, { encoding: "utf8" });
  return JSON.parse(stdout);
}

async function sandboxGet(url, accept = "application/json") {
  const response = await fetch(url, { headers: { accept } });
  return { status: response.status, body: await response.text() };
}

const failedChecks = (r) => r.checks.filter((c) => !c.ok).map((c) => c.name);

describe("status states", () => {
  test("a Mastodon account federates, and the documents are the server's own", async () => {
    const r = await lookup("@Gargron@mastodon.social");
    assert.equal(r.status, "federated");
    assert.equal(r.handle, "Gargron@mastodon.social");
    assert.equal(r.actor, "https://mastodon.social/users/Gargron");
    assert.equal(r.software.name, "mastodon");
    const wf = await sandboxGet("https://mastodon.social/.well-known/webfinger?resource=acct%3AGargron%40mastodon.social");
    assert.deepEqual(r.documents.webfinger, JSON.parse(wf.body));
    const actor = await sandboxGet("https://mastodon.social/users/Gargron", "application/activity+json");
    assert.deepEqual(r.documents.actor, JSON.parse(actor.body));
    assert.equal(r.documents.nodeinfo.software.name, "mastodon");
  });

  test("a Threads account that shares is signed_fetch_only, on threads.net and threads.com URLs", async () => {
    for (const target of ["@zuck@threads.net", "https://www.threads.com/@zuck", "https://www.threads.net/@zuck"]) {
      const r = await lookup(target);
      assert.equal(r.status, "signed_fetch_only", target);
      assert.equal(r.handle, "zuck@threads.net", target);
      assert.equal(r.documents.webfinger.subject, "acct:zuck@threads.net");
      assert.equal(r.documents.actor, null, "no actor document: the request Threads always refuses unsigned is not made");
      assert.match(r.warnings.join(" "), /only to signed server requests/);
    }
    // One round trip: WebFinger only. (The sandbox's Threads does answer an unsigned actor fetch
    // with its 404 body, as the real one does: checked here directly.)
    const actorRequests = sandbox.requests().filter((q) => q.host === "threads.net" && q.path.startsWith("/ap/users/"));
    assert.deepEqual(actorRequests, [], "Fedilens asks Threads for no actor");
    const unsigned = await sandboxGet("https://threads.net/ap/users/17841401746480004/", "application/activity+json");
    assert.deepEqual([unsigned.status, JSON.parse(unsigned.body)], [404, { success: false, error: "Not found" }]);
  });

  test("a Threads account that does not share is not_federated, not an error", async () => {
    const r = await lookup("https://www.threads.com/@danluu.danluu");
    assert.equal(r.status, "not_federated");
    assert.match(r.headline, /not shared to the fediverse/);
    assert.deepEqual(r.documents.webfinger, { success: false, error: "Not found" });
  });

  test("servers see who asks: Fedilens's User-Agent on every request", async () => {
    const before = sandbox.requests().length;
    await lookup("@Gargron@mastodon.social");
    const made = sandbox.requests().slice(before);
    assert.ok(made.length >= 3);
    for (const r of made) assert.match(r.agent, /^Fedilens\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/fedilens\/fedilens\)$/, r.path);
  });

  test("--lang ja: the same outcome, worded from the extension's Japanese catalogue", async () => {
    const r = await lookup("https://www.threads.com/@danluu.danluu", { lang: "ja" });
    assert.equal(r.status, "not_federated");
    assert.match(r.headline, /@danluu\.danluu@threads\.net は Fediverse に共有されていません/);
    const { stdout } = await run(BIN, ["lookup", "@zuck@threads.net", "--lang", "ja", "--cacert", sandbox.ca, "--timeout", "3", ...sandbox.resolveArgs], { encoding: "utf8" });
    assert.match(stdout, /連合中（署名付きリクエストのみ）/, "the text output too");
  });

  test("Misskey: isCat on the actor, the quote on a note found by URL alone", async () => {
    const profile = await lookup("https://misskey.io/@syuilo");
    assert.equal(profile.status, "federated");
    assert.equal(profile.profile.is_cat, true);
    const note = await lookup("https://misskey.io/notes/9sv3rkmjjvdr000z");
    assert.equal(note.status, "federated");
    assert.equal(note.kind, "post");
    assert.equal(note.handle, "syuilo@misskey.io");
    assert.equal(note.post.quote, "https://misskey.io/notes/9aaaaaaaaaaaaaaa");
  });

  test("a Mastodon post page resolves to the post and its author", async () => {
    const r = await lookup("https://mastodon.social/@Gargron/113306831140126616");
    assert.equal(r.status, "federated");
    assert.equal(r.object, "https://mastodon.social/users/Gargron/statuses/113306831140126616");
    assert.ok(r.checks.some((c) => c.name === "post_author" && c.ok));
  });

  test("split domains: the legitimate one federates, the spoofed one is unverified", async () => {
    assert.equal((await lookup("alice@split.example")).status, "federated");
    const spoof = await lookup("gargron@spoof.example");
    assert.equal(spoof.status, "unverified");
    assert.deepEqual(failedChecks(spoof), ["handle_binding"]);
  });

  test("broken servers: invalid, unreachable, refused — each with the reason", async () => {
    const cases = [
      ["bob@wrongtype.example", "invalid", /text\/html/],
      ["big@huge.example", "invalid", /larger than/],
      ["carol@badjson.example", "invalid", /not JSON/],
      ["x@slow.example", "unreachable", /no answer within 1 s/],
      ["z@broken.example", "unreachable", /HTTP 500/],
      ["a@loop.example", "refused", /too many redirects/],
      ["mallory@private.example", "refused", /private, loopback/],
    ];
    for (const [target, status, why] of cases) {
      const r = await lookup(target, { timeout: 1 });
      assert.equal(r.status, status, target);
      assert.match(r.headline, why, target);
    }
    const down = await lookup("a@down.example", { resolve: ["--resolve", "down.example:443:127.0.43.99"] });
    assert.equal(down.status, "unreachable");
    assert.equal(sandbox.requests().filter((q) => q.path.includes("127.0.0.1")).length, 0);
  });

  test("names and bios with markup come back as plain text", async () => {
    const r = await lookup("eve@xss.example");
    assert.equal(r.status, "federated");
    assert.doesNotMatch(r.profile.display_name, /[<>]/);
    assert.doesNotMatch(r.profile.summary, /<script|<iframe/);
  });
});

describe("servers shaped after real ones this project did not write", () => {
  test("a Ghost blog: the handle only in WebFinger, preferredUsername `index`", async () => {
    const byHandle = await lookup("@blog@ghost.example");
    assert.equal(byHandle.status, "federated", JSON.stringify(byHandle.checks));
    assert.equal(byHandle.handle, "blog@ghost.example");
    const byActor = await lookup("https://ghost.example/.ghost/activitypub/users/index");
    assert.equal(byActor.handle, "blog@ghost.example", "the subject, not index@…");
    assert.equal(byActor.status, "federated", JSON.stringify(byActor.checks));
  });

  test("a Bridgy Fed account: a user name with dots, a did: in the actor's path", async () => {
    const r = await lookup("@snarfed.org@bsky.brid.gy");
    assert.equal(r.status, "federated", JSON.stringify(r.checks));
    assert.equal(r.actor, "https://bsky.brid.gy/ap/did:plc:3jpt2mvvsumj2r7eqk4gzzjz");
  });

  test("Bluesky through Bridgy Fed: a bsky.app profile (by handle or DID) is its bridged account, proven like any other", async () => {
    const r = await lookup("https://bsky.app/profile/alice.bsky.social", { home: "@me@home.example" });
    assert.equal(r.status, "federated", JSON.stringify(r.checks));
    assert.equal(r.handle, "alice.bsky.social@bsky.brid.gy");
    assert.equal(r.actor, "https://bsky.brid.gy/ap/did:plc:alicebluesky7xq2w4hzk3mn");
    assert.deepEqual(failedChecks(r), []);
    assert.equal(r.software.name, "bridgy-fed");
    assert.equal(r.follow_url, "https://home.example/authorize_interaction?uri=alice.bsky.social%40bsky.brid.gy");
    assert.deepEqual(r.bridge, { way: "from_bluesky", handle: "alice.bsky.social", url: "https://bsky.app/profile/alice.bsky.social", bridged: true });
    // Followed from home: the home's signed Follow reaches the bridge's inbox for that account.
    await sandboxGet(r.follow_url, "text/html");
    const follow = await waitFor(() => sandbox.inbox().find((a) => a.host === "bsky.brid.gy" && a.type === "Follow" && a.actor === "https://home.example/users/me"));
    assert.equal(follow.object, r.actor);
    assert.equal(follow.verified, true);
    // A post page is about its author; a DID names the actor directly.
    const post = await lookup("https://bsky.app/profile/alice.bsky.social/post/3kxyz2abc");
    assert.equal(post.actor, r.actor);
    const byDid = await lookup("https://bsky.app/profile/did:plc:alicebluesky7xq2w4hzk3mn");
    assert.equal(byDid.status, "federated", JSON.stringify(byDid.checks));
    assert.equal(byDid.handle, "alice.bsky.social@bsky.brid.gy");
  });

  test("a web site bridged by Bridgy Fed (@domain@web.brid.gy): proven like any other account, the site named as its home", async () => {
    const r = await lookup("@blog.example@web.brid.gy");
    assert.equal(r.status, "federated", JSON.stringify(r.checks));
    assert.equal(r.actor, "https://web.brid.gy/blog.example");
    assert.deepEqual(failedChecks(r), []);
    assert.deepEqual(r.bridge, { way: "from_web", handle: "blog.example", url: "https://blog.example/", bridged: true });
  });

  test("Bluesky through Bridgy Fed: an account that has not opted in is 'not bridged', with how its owner opts in; a bridge's nonsense is named", async () => {
    const r = await lookup("https://bsky.app/profile/bob.bsky.social");
    assert.equal(r.status, "not_federated");
    assert.match(r.headline, /@bob\.bsky\.social is not bridged to the fediverse: its owner can opt in by following @ap\.brid\.gy on Bluesky/);
    assert.equal(r.bridge.way, "from_bluesky");
    assert.equal(r.bridge.bridged, false, "the bridge answered 404");
    // The other way: a fediverse profile's handle on Bluesky, were it bridged (nobody asked).
    const gargron = await lookup("@Gargron@mastodon.social");
    assert.deepEqual(gargron.bridge, { way: "to_bluesky", handle: "gargron.mastodon.social.ap.brid.gy", url: "https://bsky.app/profile/gargron.mastodon.social.ap.brid.gy", bridged: null });
    assert.ok(gargron.requests.every((q) => !/brid\.gy|bsky/.test(q.url)), "nothing asked of the bridge or Bluesky");
    sandbox.misbehave("bsky.brid.gy", (request) => (new URL(request.url).pathname === "/.well-known/webfinger" ? new Response("{not json", { headers: { "content-type": "application/jrd+json" } }) : null));
    try {
      const nonsense = await lookup("https://bsky.app/profile/carol.bsky.social");
      assert.equal(nonsense.status, "invalid");
      assert.ok(nonsense.warnings.length, "says what was wrong");
      assert.equal(nonsense.bridge.bridged, null, "nonsense is not 'not bridged': not known");
    } finally {
      sandbox.misbehave("bsky.brid.gy", null);
    }
  });

  test("a WordPress home follows through its FEP-3b86 Follow intent, and the Follow arrives", async () => {
    const r = await lookup("@Gargron@mastodon.social", { home: "@me@wp-home.example" });
    assert.equal(r.home.follow.source, "fep3b86_follow");
    assert.equal(r.follow_url, `https://wp-home.example/wp-json/activitypub/1.0/interactions?uri=${encodeURIComponent("https://mastodon.social/users/Gargron")}&intent=follow`);
    const page = await sandboxGet(r.follow_url, "text/html");
    assert.equal(page.status, 200, page.body);
    const follow = await waitFor(() => sandbox.inbox().find((a) => a.host === "mastodon.social" && a.type === "Follow" && a.actor === "https://wp-home.example/author/me/"));
    assert.equal(follow.verified, true);
  });

  test("a Mastodon 4.6 home: OStatus for an account, its Object intent for a post", async () => {
    const account = await lookup("@Gargron@mastodon.social", { home: "@me@m46-home.example" });
    assert.equal(account.home.follow.source, "ostatus_subscribe");
    const post = await lookup("https://mastodon.social/@Gargron/113306831140126616", { home: "@me@m46-home.example" });
    assert.equal(post.home.follow.source, "fep3b86_object");
    assert.match(post.follow_url, /^https:\/\/m46-home\.example\/authorize_interaction\?uri=https%3A%2F%2Fmastodon\.social%2F/);
  });
});

describe("PeerTube and Lemmy: channels and communities are Group actors, followable from home", () => {
  const channel = "https://tilvids.com/video-channels/thelinuxexperiment_channel";
  const account = "https://tilvids.com/accounts/thelinuxexperiment";
  test("a PeerTube account and its channel, by handle and by every URL form PeerTube serves", async () => {
    for (const target of ["@thelinuxexperiment@tilvids.com", "https://tilvids.com/a/thelinuxexperiment", "https://tilvids.com/a/thelinuxexperiment/video-channels", account]) {
      const r = await lookup(target);
      assert.equal(r.status, "federated", `${target}: ${JSON.stringify(r.checks)}`);
      assert.equal(r.actor, account, target);
      assert.equal(r.software.name, "peertube", target);
    }
    for (const target of ["@thelinuxexperiment_channel@tilvids.com", "https://tilvids.com/c/thelinuxexperiment_channel", "https://tilvids.com/c/thelinuxexperiment_channel/videos", channel]) {
      const r = await lookup(target);
      assert.equal(r.status, "federated", `${target}: ${JSON.stringify(r.checks)}`);
      assert.equal(r.actor, channel, target);
      assert.equal(r.handle, "thelinuxexperiment_channel@tilvids.com", target);
      assert.equal(r.profile.actor_type, "Group", target);
    }
  });

  test("a PeerTube video, by its old and new URLs: the post, its author the account (not the channel)", async () => {
    for (const target of ["https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1", "https://tilvids.com/w/vAcN8FH5qTnVwhKsDhUoy1"]) {
      const r = await lookup(target);
      assert.equal(r.kind, "post", target);
      assert.equal(r.object, "https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1", target);
      assert.equal(r.actor, account, target);
      assert.deepEqual(failedChecks(r), [], target);
    }
  });

  test("following a PeerTube channel from home: the home's template with the channel's handle; the Follow reaches the channel's inbox and is accepted", async () => {
    const r = await lookup("https://tilvids.com/c/thelinuxexperiment_channel", { home: "@me@home.example" });
    assert.equal(r.follow_url, "https://home.example/authorize_interaction?uri=thelinuxexperiment_channel%40tilvids.com");
    const page = await sandboxGet(r.follow_url, "text/html");
    assert.equal(page.status, 200, page.body);
    const follow = await waitFor(() => sandbox.inbox().find((a) => a.host === "tilvids.com" && a.type === "Follow" && a.object === channel));
    assert.equal(follow.actor, "https://home.example/users/me");
    await waitFor(() => sandbox.inbox().find((a) => a.host === "home.example" && a.type === "Accept" && a.actor === channel));
  });

  test("a Lemmy community and a post in it; the community followed from home", async () => {
    const community = await lookup("https://lemmy.ml/c/lemmy_support", { home: "@me@home.example" });
    assert.equal(community.status, "federated", JSON.stringify(community.checks));
    assert.equal(community.actor, "https://lemmy.ml/c/lemmy_support");
    assert.equal(community.profile.actor_type, "Group");
    await sandboxGet(community.follow_url, "text/html");
    await waitFor(() => sandbox.inbox().find((a) => a.host === "lemmy.ml" && a.type === "Follow" && a.object === community.actor && a.actor === "https://home.example/users/me"));
    await waitFor(() => sandbox.inbox().find((a) => a.host === "home.example" && a.type === "Accept" && a.actor === community.actor));
    const post = await lookup("https://lemmy.ml/post/12345");
    assert.equal(post.kind, "post");
    assert.equal(post.actor, "https://lemmy.ml/u/nutomic");
    assert.deepEqual(failedChecks(post), []);
  });
});

describe("identity never changes hands", () => {
  test("an actor whose server claims someone else's handle keeps its own", async () => {
    const r = await lookup("https://claimer.example/users/imp");
    assert.equal(r.status, "unverified");
    assert.equal(r.actor, "https://claimer.example/users/imp");
    assert.equal(r.handle, "imp@claimer.example");
    assert.ok(failedChecks(r).includes("handle_claim"), JSON.stringify(r.checks));
  });

  test("a post on one site naming an author on another is not that author's", async () => {
    const r = await lookup("https://forger.example/notes/1");
    assert.equal(r.status, "unverified");
    assert.deepEqual(failedChecks(r), ["post_origin"]);
    assert.match(r.headline, /claims an author on mastodon\.social, which it cannot prove/);
  });
});

describe("follow from home", () => {
  test("the follow link from home.example makes a real signed Follow reach Threads' inbox", async () => {
    const r = await lookup("@zuck@threads.net", { home: "@me@home.example" });
    assert.equal(r.follow_url, "https://home.example/authorize_interaction?uri=zuck%40threads.net");
    assert.equal(r.home.follow.source, "ostatus_subscribe");
    // What the browser does after the user logs in at home: open the link.
    const page = await sandboxGet(r.follow_url, "text/html");
    assert.equal(page.status, 200, page.body);
    const follow = await waitFor(() => sandbox.inbox().find((a) => a.host === "threads.net" && a.type === "Follow" && a.actor === "https://home.example/users/me"));
    assert.equal(follow.object, r.actor);
    assert.equal(follow.verified, true, "Fedify verified the HTTP signature before the inbox listener ran");
    await waitFor(() => sandbox.inbox().find((a) => a.host === "home.example" && a.type === "Accept" && a.actor === r.actor));
  });

  test("a moved account: proven, the follow goes to the new account and reaches its inbox; unproven and dead moves say so", async () => {
    const r = await lookup("@movedaway@mastodon.social", { home: "@me@home.example" });
    assert.equal(r.status, "federated", "the old account's own status");
    assert.equal(r.moved.outcome, "proven");
    assert.equal(r.moved.to, "movedhere@misskey.io");
    assert.deepEqual(r.moved.steps, [{ actor: "https://misskey.io/users/9movedhere", proven: true }]);
    assert.equal(r.follow_url, "https://home.example/authorize_interaction?uri=movedhere%40misskey.io");
    await sandboxGet(r.follow_url, "text/html");
    const follow = await waitFor(() => sandbox.inbox().find((a) => a.host === "misskey.io" && a.type === "Follow" && a.actor === "https://home.example/users/me"));
    assert.equal(follow.object, "https://misskey.io/users/9movedhere");
    assert.equal(follow.verified, true);
    // Gargron does not name claimsmove in alsoKnownAs: the follow stays with the account looked up.
    const claim = await lookup("@claimsmove@mastodon.social", { home: "@me@home.example" });
    assert.equal(claim.moved.outcome, "unproven");
    assert.equal(claim.moved.to, null);
    assert.equal(claim.follow_url, "https://home.example/authorize_interaction?uri=claimsmove%40mastodon.social");
    const dead = await lookup("@movedtodead@mastodon.social", { home: "@me@home.example" });
    assert.equal(dead.moved.outcome, "unreachable");
    assert.ok(dead.moved.why, "why the new account could not be read");
  });

  test("a post's Like, Boost and Reply from home: the home's own FEP-3b86 intents where it publishes them, else the post's page there", async () => {
    const post = "https://mastodon.social/@Gargron/113306831140126616";
    const id = encodeURIComponent("https://mastodon.social/users/Gargron/statuses/113306831140126616");
    const verbs = (r) => Object.fromEntries(r.home.interactions.map((i) => [i.verb, [i.url, i.direct]]));
    const fep = await lookup(post, { home: "@me@fep-home.example" });
    assert.deepEqual(verbs(fep), {
      like: [`https://fep-home.example/intents/like?id=${id}`, true],
      boost: [`https://fep-home.example/intents/announce?objectId=${id}`, true],
      reply: [fep.follow_url, false],
    });
    // WordPress publishes a Create that takes {inReplyTo}: a reply; Mastodon 4.6 a share page
    // ({content}): not a reply, so the post opens there (its Object intent).
    const wp = await lookup(post, { home: "@me@wp-home.example" });
    assert.deepEqual(verbs(wp).reply, [`https://wp-home.example/wp-json/activitypub/1.0/interactions?uri=${id}&intent=create`, true]);
    const m46 = await lookup(post, { home: "@me@m46-home.example" });
    assert.deepEqual(Object.values(verbs(m46)).map(([url, direct]) => [url === m46.follow_url, direct]), [[true, false], [true, false], [true, false]]);
    // An account (not a post) has none.
    assert.deepEqual((await lookup("@Gargron@mastodon.social", { home: "@me@fep-home.example" })).home.interactions, []);
  });

  test("Misskey's own template when the home is Misskey-like", async () => {
    const r = await lookup("@Gargron@mastodon.social", { home: "@syuilo@misskey.io" });
    assert.equal(r.follow_url, "https://misskey.io/authorize-follow?acct=Gargron%40mastodon.social");
  });

  test("a home instance that blocks threads.net says so before the click", async () => {
    const r = await lookup("@zuck@threads.net", { home: "@careful@strict.example" });
    assert.equal(r.home.block.domain, "threads.net");
    assert.equal(r.home.block.severity, "suspend");
    assert.ok(r.home.warnings.some((w) => w.includes("blocks threads.net")));
  });
});

describe("Fedilens and Fedify agree on identities", () => {
  const targets = ["@Gargron@mastodon.social", "@syuilo@misskey.io", "alice@split.example", "https://misskey.io/notes/9sv3rkmjjvdr000z", "https://mastodon.social/@Gargron/113306831140126616", "@zuck@threads.net", "@thelinuxexperiment_channel@tilvids.com", "https://tilvids.com/w/vAcN8FH5qTnVwhKsDhUoy1", "https://lemmy.ml/c/lemmy_support"];
  for (const target of targets) {
    test(target, async () => {
      const ours = await lookup(target);
      const peer = await fedifyResolve(target);
      if (peer.actor == null) {
        // Fedify cannot see it either: Threads serves actors only to signed fetches.
        assert.equal(ours.status, "signed_fetch_only", `${target}: Fedify: ${peer.error}`);
        return;
      }
      assert.equal(ours.actor, peer.actor, `${target}: actor id`);
      assert.equal(ours.handle.toLowerCase(), peer.handle.toLowerCase(), `${target}: handle`);
    });
  }
});

