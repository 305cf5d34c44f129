// Deno: the web build with its default init() (reads the .wasm beside the
// module through a file: URL), the shared vectors and the hostile suite.
//   deno run --allow-read tests/deno/run.mjs
import * as api from "../../entry/web.mjs";
import { runFlows, flowSummary } from "../../../tests/js/flows.mjs";
import { runVectors, summary } from "../../../tests/js/vectors.mjs";
import { runHostile, hostileSummary } from "../../../tests/js/hostile.mjs";

await api.init();

const dir = new URL("../../../tests/vectors/", import.meta.url);
const names = [];
for await (const entry of Deno.readDir(dir)) if (entry.isFile && entry.name.endsWith(".json")) names.push(entry.name);
names.sort();
const files = await Promise.all(names.map(async (name) => ({ name, doc: JSON.parse(await Deno.readTextFile(new URL(name, dir))) })));

const vectors = runVectors(api, files);
const hostile = await runHostile(api);
const flowDir = new URL("flows/", dir);
const flowNames = [];
for await (const entry of Deno.readDir(flowDir)) if (entry.isFile && entry.name.endsWith(".json")) flowNames.push(entry.name);
const flows = await runFlows(api, await Promise.all(flowNames.sort().map(async (name) => ({ name, doc: JSON.parse(await Deno.readTextFile(new URL(name, flowDir))) }))));
console.log(flowSummary("deno", flows));
console.log(`deno: ${Deno.version.deno} (V8 ${Deno.version.v8})`);
console.log(summary("deno", vectors));
console.log(hostileSummary("deno", hostile));

// Deno.inspect (console.log) shows the request with the key redacted.
const secret = "sk_live_DENO_s3cr3t_value";
const request = new api.Client({ publicKey: "pk", secretKey: secret, baseUrl: "https://api.alexpay.test" })
  .mobileMoneyPayout({ amount: 10, countryId: "GH" });
const shown = Deno.inspect(request) + Deno.inspect({ nested: request }, { depth: 4 });
const inspectOk = !shown.includes(secret) && shown.includes("[REDACTED]");
console.log(`deno: Deno.inspect(request) ${inspectOk ? "redacts the secret key" : "LEAKS the secret key: " + shown}`);

Deno.exit(vectors.failed + hostile.failed + flows.failed + (inspectOk ? 0 : 1) === 0 ? 0 : 1);
