// The sandbox fediverse: every host below under its real name, over TLS, on one loopback address.
// `startSandbox()` runs it in-process (for tests); `node tests/sandbox/cli.mjs start|stop` runs it
// as a background process (for the demo and the browser tests).
import "./node20-shims.mjs";
import { setMaxListeners } from "node:events";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import { Agent, setGlobalDispatcher } from "undici";
import { HOSTILE } from "./hostile.mjs";
import { makeSite, SITES, siteHosts } from "./fediverse.mjs";
import { PAGE_HOSTS } from "./pages.mjs";
import { makeCertificates } from "./tls.mjs";

export const DEFAULT_ADDRESS = "127.0.43.1";

/** Every host name the sandbox answers for. */
export const ALL_HOSTS = [...SITES.flatMap(siteHosts), ...Object.keys(HOSTILE), ...Object.keys(PAGE_HOSTS)];

/**
 * Starts the sandbox. Returns its address, CA, SPKI hash, the `--resolve` arguments for the CLI,
 * accessors for what it saw, and `close()`.
 * Options: `address`, `port` (443: https URLs carry no port), `dir` for the certificates,
 * `delayMs` added before every answer (for benchmarks).
 */
export async function startSandbox({ address = DEFAULT_ADDRESS, port = 443, dir, delayMs = 0 } = {}) {
  dir ??= fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "fedilens-sandbox-"));
  const tls = makeCertificates(dir, ALL_HOSTS);
  const caPem = fs.readFileSync(tls.ca);

  // The servers' own outgoing requests (a home instance fetching Threads, an inbox fetching the
  // follower's key) go to the sandbox too, trusting its CA.
  const lookup = (hostname, options, callback) => {
    const cb = typeof options === "function" ? options : callback;
    const all = typeof options === "object" && options?.all;
    if (!ALL_HOSTS.includes(hostname.toLowerCase())) {
      return cb(Object.assign(new Error(`sandbox: ${hostname} is outside the sandbox`), { code: "ENOTFOUND" }));
    }
    return all ? cb(null, [{ address, family: 4 }]) : cb(null, address, 4);
  };
  let agent = new Agent({ connect: { lookup, ca: caPem } });
  setGlobalDispatcher(agent);
  const stopping = new AbortController();
  setMaxListeners(100, stopping.signal); // one listener per Fedify queue

  const inbox = [];
  const requests = [];
  const stalled = [];
  // A test's hostile turn for one host (`misbehave`): a Response for a request, or null to let
  // the host answer as it does.
  const misbehaving = new Map();
  const sites = new Map();
  for (const site of SITES) {
    const server = await makeSite(site, inbox, stopping.signal);
    for (const host of server.hosts) sites.set(host, server.handle);
  }
  for (const [host, handler] of Object.entries(HOSTILE)) sites.set(host, (req) => handler(req, { stalled }));
  for (const [host, page] of Object.entries(PAGE_HOSTS)) {
    sites.set(host, (req) => page(new URL(req.url).pathname) ?? new Response("Not Found", { status: 404 }));
  }

  const server = https.createServer({ key: fs.readFileSync(tls.key), cert: fs.readFileSync(tls.cert) }, async (req, res) => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    const signed = Boolean(req.headers.signature || req.headers["signature-input"]);
    // The first request on a connection also waited for the TCP and TLS set-up: `opened` is when
    // that began (network time, as `make bench` counts it).
    const opened = req.socket.fedilensServed ? null : (connectionsOpened.get(req.socket.remotePort) ?? null);
    req.socket.fedilensServed = true;
    const record = { host, method: req.method, path: req.url, signed, accept: req.headers.accept ?? "", agent: req.headers["user-agent"] ?? "", origin: req.headers.origin ?? "", at: performance.now(), opened, end: null };
    requests.push(record);
    // When the answer has gone out: `make bench` tells the client's own time from the server's.
    // Taken when the body is handed to the socket: the "finish" event came up to 30 ms later when
    // this process was busy, after the browser had the whole answer.
    // When the client let go of the answer (finished, or aborted): the extension must not keep
    // connections to a server it has given up on.
    res.once("close", () => { record.closed = performance.now(); });
    const end = res.end;
    res.end = (...args) => {
      record.end ??= performance.now();
      return end.apply(res, args);
    };
    try {
      if (req.url.startsWith("/__sandbox/")) return sendNode(res, admin(req.url, { inbox, requests }));
      // Browsers ask every host for one; a 404 would be a console error in every page test.
      if (req.url === "/favicon.ico") return sendNode(res, new Response(null, { status: 204 }));
      const handler = sites.get(host);
      if (!handler) return sendNode(res, new Response(`no such host in the sandbox: ${host}`, { status: 421 }));
      const body = ["GET", "HEAD"].includes(req.method) ? undefined : await readBody(req);
      const request = new Request(`https://${host}${req.url}`, { method: req.method, headers: nodeHeaders(req.headers), body });
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      const answer = (await misbehaving.get(host)?.(request)) ?? (await handler(request));
      if (answer.stream) await streamNode(res, answer, record);
      else await sendNode(res, answer);
    } catch (error) {
      console.error(`sandbox: ${host}${req.url}:`, error);
      if (!res.headersSent) sendNode(res, new Response("sandbox error", { status: 500 }));
    }
  });
  const connectionsOpened = new Map(); // client port → when its TCP connection arrived
  server.on("connection", (socket) => {
    connectionsOpened.set(socket.remotePort, performance.now());
    socket.once("close", () => connectionsOpened.delete(socket.remotePort));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, address, resolve);
  });

  return {
    /** From now on `host` answers `rule(request)` where that gives a Response (null: as usual). */
    misbehave(host, rule) {
      if (rule) misbehaving.set(host, rule);
      else misbehaving.delete(host);
    },
    address,
    port,
    hosts: ALL_HOSTS,
    ca: tls.ca,
    spki: tls.spki,
    dir,
    /** `--resolve` arguments for `fedilens lookup`. */
    resolveArgs: ALL_HOSTS.flatMap((h) => ["--resolve", `${h}:${port}:${address}`]),
    /** Activities the sandbox's inboxes accepted (signatures verified by Fedify). */
    inbox: () => [...inbox],
    requests: () => [...requests],
    /** Drops this process's open connections, so that the next request sets up its own. */
    async freshConnections() {
      const old = agent;
      agent = new Agent({ connect: { lookup, ca: caPem } });
      setGlobalDispatcher(agent);
      await old.close();
    },
    async close() {
      stopping.abort();
      for (const release of stalled.splice(0)) release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await agent.close();
    },
  };
}

function admin(url, { inbox, requests }) {
  const { pathname } = new URL(url, "https://sandbox");
  if (pathname === "/__sandbox/inbox") return Response.json(inbox);
  if (pathname === "/__sandbox/requests") return Response.json(requests);
  return new Response("unknown sandbox endpoint", { status: 404 });
}

function nodeHeaders(headers) {
  const out = new Headers();
  for (const [k, v] of Object.entries(headers)) {
    if (k.startsWith(":")) continue;
    for (const value of Array.isArray(v) ? v : [v]) out.append(k, value);
  }
  return out;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** `{status, headers, stream}` (an async iterable of chunks), sent chunked, without a length,
 * as long as the client reads; `record.sent` counts the bytes handed to the socket. */
async function streamNode(res, { status, headers, stream }, record) {
  record.sent = 0;
  res.writeHead(status, headers);
  for await (const chunk of stream) {
    if (res.destroyed) break;
    record.sent += chunk.length;
    if (!res.write(chunk)) {
      await new Promise((resolve) => {
        const go = () => {
          res.off("drain", go);
          res.off("close", go);
          resolve();
        };
        res.on("drain", go);
        res.on("close", go);
      });
    }
  }
  res.end();
}

async function sendNode(res, response) {
  const headers = {};
  response.headers.forEach((v, k) => { headers[k] = v; });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}
