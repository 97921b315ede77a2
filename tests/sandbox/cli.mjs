// `node tests/sandbox/cli.mjs start [--dir DIR] [--delay-ms N]` starts the sandbox in the
// background and prints its state (hosts, address, CA path, SPKI hash) as JSON; `stop` stops it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = path.resolve(opt("--dir", path.join(here, "../../build/sandbox")));
const stateFile = path.join(dir, "state.json");

async function start() {
  if (fs.existsSync(stateFile)) await stop();
  fs.mkdirSync(dir, { recursive: true });
  const log = fs.openSync(path.join(dir, "sandbox.log"), "a");
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "serve", "--dir", dir, "--delay-ms", opt("--delay-ms", "0")], {
    detached: true,
    stdio: ["ignore", log, log],
  });
  child.unref();
  // Up to a minute: a start is ~4 s, much more on a machine busy building.
  for (let i = 0; i < 600; i++) {
    if (fs.existsSync(stateFile)) {
      process.stdout.write(fs.readFileSync(stateFile));
      return;
    }
    if (child.exitCode != null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`sandbox did not start; see ${path.join(dir, "sandbox.log")}`);
  process.exit(1);
}

async function serve() {
  const { startSandbox } = await import("./sandbox.mjs");
  const sandbox = await startSandbox({ dir, delayMs: Number(opt("--delay-ms", "0")) });
  const state = { pid: process.pid, address: sandbox.address, port: sandbox.port, hosts: sandbox.hosts, ca: sandbox.ca, spki: sandbox.spki, resolve: sandbox.resolveArgs };
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2) + "\n");
  const shutdown = async () => {
    fs.rmSync(stateFile, { force: true });
    await sandbox.close();
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

async function stop() {
  if (!fs.existsSync(stateFile)) return;
  const { pid } = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  try {
    process.kill(pid, "SIGTERM");
    for (let i = 0; i < 50 && fs.existsSync(stateFile); i++) await new Promise((r) => setTimeout(r, 100));
  } catch {
    // Already gone.
  }
  fs.rmSync(stateFile, { force: true });
}

const command = args[0];
if (command === "start") await start();
else if (command === "serve") await serve();
else if (command === "stop") await stop();
else {
  console.error("usage: node tests/sandbox/cli.mjs start|stop [--dir DIR] [--delay-ms N]");
  process.exit(2);
}
