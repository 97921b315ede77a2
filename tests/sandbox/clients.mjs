// The ecosystem's own client libraries, for the integration tests to drive the sandbox's client
// APIs with (installed here, with the sandbox's packages): megalodon for the Mastodon API,
// @badgateway/oauth2-client (megalodon's own OAuth dependency) for the PKCE flow megalodon lacks,
// and misskey-js for Misskey's API.
import https from "node:https";
import fs from "node:fs";

export { default as megalodon } from "megalodon";
export { OAuth2Client, generateCodeVerifier } from "@badgateway/oauth2-client";
export * as Misskey from "misskey-js";

/**
 * Sends Node's own https module (which megalodon's axios uses; fetch goes through the sandbox's
 * undici dispatcher already) to the sandbox, trusting its CA.
 */
export function trustSandboxForNodeHttps(sandbox) {
  const ca = fs.readFileSync(sandbox.ca);
  const lookup = (hostname, options, callback) => {
    const cb = typeof options === "function" ? options : callback;
    if (typeof options === "object" && options?.all) return cb(null, [{ address: sandbox.address, family: 4 }]);
    return cb(null, sandbox.address, 4);
  };
  https.globalAgent = new https.Agent({ lookup, ca, keepAlive: false });
}
