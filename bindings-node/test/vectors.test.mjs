// Every shared vector (tests/vectors/*.json), one test each, through the one
// portable runner (tests/js/vectors.mjs) that Chromium, Deno and workerd run
// too; on `alexpay`, or on `alexpay-wasm` with ALEXPAY_JS_PACKAGE=wasm.
import { test } from "node:test";
import { createRequire } from "node:module";
import { listCases } from "../../tests/js/vectors.mjs";
import { vectorFiles } from "../../tests/js/node-files.mjs";

const api = createRequire(import.meta.url)("./sdk.js");

for (const c of listCases(vectorFiles())) test(`${c.file} / ${c.name}`, () => c.exec(api));
