// Polls `find` until it returns something (or fails the test after `ms`): for what the sandbox
// sees asynchronously, such as a Follow reaching an inbox. `find` may be async (its promise is
// awaited, not taken for an answer).
import assert from "node:assert/strict";

export async function waitFor(find, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const found = await find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail("timed out waiting for the sandbox");
}
