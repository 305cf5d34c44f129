// node --test: the secret key does not stay readable in the module's linear
// memory after the client is dropped, after a refused configuration, or
// after built requests that carried it are gone (issue 15).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { pkgDir } from "./load.mjs";

const native = createRequire(import.meta.url)(path.join(pkgDir, "nodejs/alexpay_wasm.js"));

function occurrences(needle) {
  const memory = new Uint8Array(native.__wasm.memory.buffer);
  const bytes = new TextEncoder().encode(needle);
  let count = 0;
  outer: for (let i = 0; i + bytes.length <= memory.length; i++) {
    for (let j = 0; j < bytes.length; j++) if (memory[i + j] !== bytes[j]) continue outer;
    count++;
  }
  return count;
}

test("a freed client and its requests leave no copy of the secret key", () => {
  const secret = "sk_live_ZEROIZE_" + "q".repeat(24);
  const client = native.createClient("pk", secret, "https://api.alexpay.test", undefined);
  assert.ok(client instanceof native.NativeClient);
  client.mobileMoneyPayout(5, "GH", undefined, undefined, undefined);
  client.statusCheck("PO_1");
  assert.ok(occurrences(secret) >= 1, "the live client holds the key (the scan can find it)");
  client.free();
  assert.equal(occurrences(secret), 0, "the key is still in linear memory after free()");
});

test("a refused configuration leaves no copy of the secret key", () => {
  const secret = "sk_live_REFUSED_" + "r".repeat(24);
  const refused = native.createClient("pk", secret, "not a url", undefined);
  assert.ok(refused instanceof native.NativeFailure);
  assert.equal(occurrences(secret), 0, "the key of a refused client is still in linear memory");
});
