// Hostile inputs and secret checks (tests/js/hostile.mjs, the one portable
// suite that Chromium, Deno and workerd run too), one test each, on `alexpay`
// or on `alexpay-wasm` with ALEXPAY_JS_PACKAGE=wasm. node --test runs this
// file in a child process, so an abort or a segfault fails it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { checkHostile, hostileCases, stillUsable } from "../../tests/js/hostile.mjs";

const api = createRequire(import.meta.url)("./sdk.js");

for (const c of hostileCases(api)) {
  test(c.name, async () => {
    const problem = await checkHostile(api, c);
    assert.equal(problem, null, problem ?? "");
  });
}

test("the instance still works after every hostile case", () => stillUsable(api));
