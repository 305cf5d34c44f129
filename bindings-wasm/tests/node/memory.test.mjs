// node --test: a body over the cap never reaches wasm memory (which never
// shrinks): the facade hands the back end at most cap + 1 bytes and the core
// refuses it unread (issue 13: a 50 MiB webhook once left 185 MiB behind).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { loadNodejsBuild, pkgDir } from "./load.mjs";

const api = loadNodejsBuild();
// The same module instance the facade runs on (require caches it).
const native = createRequire(import.meta.url)(path.join(pkgDir, "nodejs/alexpay_wasm.js"));
const MiB = 1 << 20;

const memory = () => native.__wasm.memory.buffer.byteLength;

function code(fn) {
  try {
    fn();
  } catch (e) {
    return e.code;
  }
  return "no error";
}

test("50 MiB bodies are refused without growing wasm memory", () => {
  const huge = Buffer.alloc(50 * MiB, 0x20);
  huge.write('{"payout_id":"PO_1","status":"successful"}');
  const before = memory();
  assert.equal(code(() => api.parseWebhook(huge)), "webhook_too_large");
  assert.equal(code(() => api.parseWebhook(huge.toString("latin1"))), "webhook_too_large");
  assert.equal(code(() => api.parseStatusResponse(200, huge)), "response_too_large");
  assert.equal(code(() => api.parsePayoutResponse(200, huge)), "response_too_large");
  const grown = memory() - before;
  assert.ok(grown <= 2 * MiB, `wasm memory grew by ${grown} bytes for 50 MiB bodies`);
});
