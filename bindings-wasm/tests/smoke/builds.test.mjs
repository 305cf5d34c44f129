// node --test: each of the three builds loads in Node and passes the smoke
// test (nodejs: require; web: init with the .wasm bytes; bundler: ES module
// integration, so run with --experimental-wasm-modules).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { smoke, smokeSummary } from "./smoke.mjs";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../pkg");

const builds = {
  nodejs: async () => createRequire(import.meta.url)(path.join(pkg, "nodejs/alexpay_wasm.js")),
  web: async () => {
    const web = await import(path.join(pkg, "web/alexpay_wasm.js"));
    await web.default({ module_or_path: readFileSync(path.join(pkg, "web/alexpay_wasm_bg.wasm")) });
    return web;
  },
  bundler: async () => import(path.join(pkg, "bundler/alexpay_wasm.js")),
};

for (const [name, load] of Object.entries(builds)) {
  test(`${name} build: loads and passes the smoke test`, async () => {
    const r = smoke(await load());
    assert.equal(r.failed, 0, smokeSummary(name, r));
  });
}
