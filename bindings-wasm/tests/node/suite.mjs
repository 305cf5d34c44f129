// The Node suite for the web and bundler builds: every shared vector (one
// test each), the hostile-input and secret checks, and Node-only inspect
// checks. The nodejs build (the package's Node entry) runs the Node package's
// own suites instead (bindings-node/test, ALEXPAY_JS_PACKAGE=wasm).
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { listCases, KNOWN_FILES } from "../../../tests/js/vectors.mjs";
import { runHostile, hostileSummary } from "../../../tests/js/hostile.mjs";
import { loadVectorFiles } from "./load.mjs";

export function suite(label, load) {
  const files = loadVectorFiles();

  test(`${label}: vector files are present and all have runners`, () => {
    assert.ok(files.length > 0, "no tests/vectors/*.json");
    for (const f of files) assert.ok(KNOWN_FILES.includes(f.name), `no runner for ${f.name}`);
  });

  for (const c of listCases(files)) {
    test(`${label}: vector ${c.file} / ${c.name}`, async () => {
      c.exec(await load());
    });
  }

  test(`${label}: hostile inputs and secret checks`, async () => {
    const r = await runHostile(await load());
    assert.equal(r.failed, 0, hostileSummary(label, r));
  });

  test(`${label}: util.inspect never shows the secret`, async () => {
    const api = await load();
    const secret = "sk_live_INSPECT_s3cr3t_value";
    const client = new api.Client({ publicKey: "pk_1", secretKey: secret, baseUrl: "https://api.alexpay.test" });
    const request = client.mobileMoneyPayout({ amount: 10, countryId: "GH" });
    for (const shown of [inspect(client), inspect(request), inspect({ nested: { request } }, { depth: 5 }), inspect(client.statusCheck("PO_1"))]) {
      assert.ok(!shown.includes(secret), shown);
    }
    assert.match(inspect(request), /\[REDACTED\]/);
  });

  test(`${label}: AlexpayError is a real Error subclass`, async () => {
    const api = await load();
    assert.throws(() => api.parseWebhook("{"), (e) => {
      assert.ok(e instanceof api.AlexpayError && e instanceof Error);
      assert.equal(e.name, "AlexpayError");
      assert.equal(e.code, "webhook_malformed");
      assert.equal(e.family, "webhook");
      assert.equal(e.field, "body");
      assert.equal(e.retryable, false);
      assert.equal(e.httpStatus, undefined);
      assert.match(e.stack, /AlexpayError/);
      return true;
    });
    const own = new api.AlexpayError("custom", { code: "not_found", family: "api", httpStatus: 404 });
    assert.equal(own.httpStatus, 404);
    assert.equal(own.message, "custom");
  });
}
