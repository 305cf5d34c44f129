// node --test: the web entry's start-up: a call before init is a typed error
// saying what to do, init() with nothing to load says what to pass (not
// "Invalid URL"), and initSync takes a WebAssembly.Module from another realm
// (the edge-runtime host pattern). Each test imports a fresh copy.
import { test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pkgDir } from "./load.mjs";

let copy = 0;
const fresh = () => import(`${path.join(pkgDir, "../entry/web.mjs")}?copy=${copy++}`);
const bytes = () => new Uint8Array(readFileSync(path.join(pkgDir, "web/alexpay_wasm_bg.wasm")));

test("a call before init() is AlexpayError not_initialized, saying what to do", async () => {
  const w = await fresh();
  assert.throws(() => new w.Client({ publicKey: "pk", secretKey: "sk", baseUrl: "https://x.test" }), (e) =>
    e instanceof w.AlexpayError && e.code === "not_initialized" && /init\(\)/.test(e.message) && /initSync/.test(e.message));
  assert.throws(() => w.parseWebhook("{}"), (e) => e.code === "not_initialized");
});

test("init() that cannot load the module says what to pass", async () => {
  const w = await fresh();
  await assert.rejects(w.init(), (e) => e instanceof w.AlexpayError && e.code === "not_initialized" && /module_or_path/.test(e.message) && !/^Invalid URL/.test(e.message));
  assert.throws(() => w.initSync(), (e) => e.code === "not_initialized" && /initSync\(\{ module \}\)/.test(e.message));
});

test("initSync accepts a WebAssembly.Module compiled in another realm", async () => {
  const w = await fresh();
  const foreign = vm.runInNewContext("new WebAssembly.Module(bytes)", { bytes: bytes() });
  assert.equal(foreign instanceof WebAssembly.Module, false);
  w.initSync({ module: foreign });
  assert.equal(new w.Client({ publicKey: "pk", secretKey: "sk", baseUrl: "https://x.test" }).statusCheck("PO_1").method, "GET");
  assert.ok(w.errorCodes.includes("not_initialized"));
});
