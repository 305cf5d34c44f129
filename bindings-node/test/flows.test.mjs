// Every drivable flow script (tests/vectors/flows/*.json), one test each,
// through the facade's drivers with a scripted fetch and a fake clock: the one
// portable runner (tests/js/flows.mjs) that Chromium, Deno and workerd run too.
import { test } from "node:test";
import { createRequire } from "node:module";
import { listFlowCases } from "../../tests/js/flows.mjs";
import { flowFiles } from "../../tests/js/node-files.mjs";

const api = createRequire(import.meta.url)("./sdk.js");

for (const c of listFlowCases(flowFiles())) test(`${c.file} / ${c.name}`, () => c.exec(api));
