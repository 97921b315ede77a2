// Fedify's lookup as a whole process, for `make bench` to time against `fedilens lookup`:
// node tests/sandbox/peer-cli.mjs STATE_JSON TARGET — prints {handle, actor, error} as JSON.
import "./node20-shims.mjs";
import fs from "node:fs";
import { Agent, setGlobalDispatcher } from "undici";

const [stateFile, target] = process.argv.slice(2);
const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
const lookup = (hostname, options, callback) => {
  const cb = typeof options === "function" ? options : callback;
  if (!state.hosts.includes(hostname)) return cb(Object.assign(new Error(`${hostname} is outside the sandbox`), { code: "ENOTFOUND" }));
  return typeof options === "object" && options?.all ? cb(null, [{ address: state.address, family: 4 }]) : cb(null, state.address, 4);
};
setGlobalDispatcher(new Agent({ connect: { lookup, ca: fs.readFileSync(state.ca) } }));
const { fedifyResolve } = await import("./peer.mjs");
console.log(JSON.stringify(await fedifyResolve(target)));
process.exit(0);
