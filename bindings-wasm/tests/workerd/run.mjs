// workerd (Cloudflare's runtime, shipped in npm `miniflare`): runs the shared
// vectors and the hostile suite inside a Worker, then drives the Worker
// example with signed, forged, stale and mismatching webhooks (its status-check
// fetch answered by a fake Alexpay through miniflare's outboundService).
import { Miniflare } from "miniflare";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { flowFiles, vectorFiles } from "../serve/server.mjs";
import { flowSummary } from "../../../tests/js/flows.mjs";
import { summary } from "../../../tests/js/vectors.mjs";
import { hostileSummary } from "../../../tests/js/hostile.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const common = {
  modules: true,
  // The repository root: the worker imports the one JS suite from tests/js/.
  modulesRoot: path.resolve(root, ".."),
  modulesRules: [
    { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
    { type: "CompiledWasm", include: ["**/*.wasm"] },
  ],
  compatibilityDate: "2026-04-01",
};
let failed = 0;

// 1. Shared vectors + hostile suite inside workerd.
{
  const mf = new Miniflare({ ...common, scriptPath: path.join(here, "vectors-worker.mjs") });
  try {
    const res = await mf.dispatchFetch("http://worker.test/", { method: "POST", body: JSON.stringify({ vectors: await vectorFiles(), flows: await flowFiles() }) });
    if (!res.ok) throw new Error(`worker answered ${res.status}: ${await res.text()}`);
    const r = await res.json();
    console.log(`workerd: ${r.navigator}`);
    console.log(summary("workerd", r.vectors));
    console.log(hostileSummary("workerd", r.hostile));
    console.log(flowSummary("workerd", r.flows));
    failed += r.vectors.failed + r.hostile.failed + r.flows.failed;
  } finally {
    await mf.dispose();
  }
}

// 2. The Worker example end to end.
{
  const SECRET = "sk_test_worker_s3cr3t";
  const WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  let seen = [];
  let reportStatus = "successful";
  let reportAmount = 1500;
  let failStatusCheck = false;
  const mf = new Miniflare({
    ...common,
    scriptPath: path.join(root, "examples/worker/worker.mjs"),
    bindings: {
      ALEXPAY_PUBLIC_KEY: "pk_test_worker",
      ALEXPAY_SECRET_KEY: SECRET,
      ALEXPAY_BASE_URL: "https://api.alexpay.test",
      ALEXPAY_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
    // The fake Alexpay the Worker's status check reaches.
    outboundService: (req) => {
      seen.push({ method: req.method, url: req.url, key: req.headers.get("secret-key") });
      if (failStatusCheck) return new Response("<html>503</html>", { status: 503 });
      const id = new URL(req.url).pathname.split("/")[3];
      return new Response(JSON.stringify({ status: "success", code: 200, data: { id, status: reportStatus, amount: reportAmount } }), {
        headers: { "content-type": "application/json" },
      });
    },
  });
  // Sign with the package itself, loaded in Node (the nodejs build).
  const { createRequire } = await import("node:module");
  const node = createRequire(import.meta.url)(path.join(root, "entry/node.cjs"));
  const post = (body, { sign = true, tamper = false } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const headers = { "content-type": "application/json" };
    if (sign) {
      headers["webhook-id"] = "msg_w1";
      headers["webhook-timestamp"] = String(now);
      headers["webhook-signature"] = node.signWebhook(WEBHOOK_SECRET, "msg_w1", now, body);
    }
    return mf.dispatchFetch("http://worker.test/alexpay/webhook", { method: "POST", headers, body: tamper ? body.replace("1500", "9999") : body });
  };
  const checks = [];
  try {
    const body = JSON.stringify({ payout_id: "PO_W1", status: "successful", amount: 1500 });
    let res = await post(body);
    let out = await res.json();
    checks.push(["signed webhook is verified, parsed and confirmed by a status check",
      res.status === 200 && out.result?.status === "succeeded" && out.result?.payoutId === "PO_W1" && out.result?.webhookId === "msg_w1" &&
      seen.length === 1 && seen[0].method === "GET" && seen[0].url === "https://api.alexpay.test/v1/payment/PO_W1/check" && seen[0].key === SECRET]);

    seen = [];
    res = await post(body, { tamper: true });
    out = await res.json();
    checks.push(["tampered body is refused (401 webhook_signature_invalid), nothing fetched",
      res.status === 401 && out.error === "webhook_signature_invalid" && seen.length === 0]);

    res = await post(body, { sign: false });
    out = await res.json();
    checks.push(["unsigned webhook is refused (401)", res.status === 401 && out.field === "webhook-id"]);

    reportStatus = "failed";
    res = await post(body);
    out = await res.json();
    checks.push(["webhook contradicted by the status check is stale: the report wins (200, stale, status failed)",
      res.status === 200 && out.result?.status === "failed" && out.result?.eventStatus === "succeeded" &&
      out.result?.stale === true]);

    reportAmount = 999;
    res = await post(body);
    out = await res.json();
    checks.push(["webhook whose amount the status check contradicts is refused (400 webhook_mismatch amount)",
      res.status === 400 && out.error === "webhook_mismatch" && out.field === "amount"]);

    reportAmount = 1500;
    failStatusCheck = true;
    res = await post(body);
    out = await res.json();
    checks.push(["a failing status check is answered 503 (the sender delivers again)", res.status === 503 && out.error === "server_error"]);
  } finally {
    await mf.dispose();
  }
  for (const [name, ok] of checks) {
    console.log(`workerd: examples/worker ${ok ? "ok  " : "FAIL"} ${name}`);
    if (!ok) failed++;
  }
}
// 3. The Worker example as a receiver of the sandbox's own signed webhooks:
//    workerd serves it on a loopback port, the sandbox delivers to it, and the
//    Worker's status checks go back to the sandbox.
{
  const { spawn } = await import("node:child_process");
  const { createInterface } = await import("node:readline");
  const { createRequire } = await import("node:module");
  const sdk = createRequire(import.meta.url)(path.join(root, "entry/node.cjs"));
  const WEBHOOK_SECRET = "whsec_ZTJlLXNhbmRib3gtc2lnbmluZy1rZXktMDEyMzQ1Ng==";
  const bin = process.env.ALEXPAY_SANDBOX_BIN || path.resolve(root, "..", "target", "debug", "alexpay-sandbox");
  const proc = spawn(bin, ["--port", "0", "--delay-ms", "200", "--webhook-secret", WEBHOOK_SECRET, "--webhook-retry-base-ms", "50", "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
  const env = {};
  for await (const line of createInterface({ input: proc.stdout })) {
    const [k, v] = line.split("=", 2);
    env[k] = v;
    if (Object.keys(env).length === 4) break;
  }
  const base = env.ALEXPAY_SANDBOX_URL;
  const mf = new Miniflare({
    ...common,
    port: 0,
    host: "127.0.0.1",
    scriptPath: path.join(root, "examples/worker/worker.mjs"),
    bindings: { ALEXPAY_PUBLIC_KEY: env.ALEXPAY_PUBLIC_KEY, ALEXPAY_SECRET_KEY: env.ALEXPAY_SECRET_KEY, ALEXPAY_BASE_URL: base, ALEXPAY_WEBHOOK_SECRET: WEBHOOK_SECRET },
  });
  const checks = [];
  try {
    const hook = new URL("/alexpay/webhook", await mf.ready).href;
    const client = new sdk.Client({ publicKey: env.ALEXPAY_PUBLIC_KEY, secretKey: env.ALEXPAY_SECRET_KEY, baseUrl: base });
    const payout = await client.sendMobileMoneyPayout({ amount: 100, countryId: "GH", phoneNumber: "0241234561", webhookUrl: hook }, { wait: true });
    let deliveries = [];
    for (let i = 0; i < 100; i++) {
      deliveries = (await (await fetch(`${base}/_sandbox/webhooks`)).json()).deliveries;
      if (deliveries.length === 2 && deliveries.every((d) => d.state === "delivered")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    checks.push(["the sandbox's signed webhooks (processing, then successful) are each accepted on the first attempt",
      payout.status === "succeeded" && deliveries.length === 2 && deliveries.every((d) => d.state === "delivered" && d.attempts === 1)]);
    const sign = (body, id, secret = WEBHOOK_SECRET) => {
      const now = Math.floor(Date.now() / 1000);
      return { "webhook-id": id, "webhook-timestamp": String(now), "webhook-signature": sdk.signWebhook(secret, id, now, body), "content-type": "application/json" };
    };
    const stale = JSON.stringify({ payout_id: payout.payoutId, status: "processing" });
    let res = await fetch(hook, { method: "POST", body: stale, headers: sign(stale, "msg_stale") });
    let out = await res.json();
    checks.push(["a stale redelivery is 200 with the truth", res.status === 200 && out.result?.stale === true && out.result?.status === "succeeded"]);
    res = await fetch(hook, { method: "POST", body: stale, headers: sign(stale, "msg_forged", "whsec_QUFBQUFBQUFBQUFBQUFBQQ==") });
    checks.push(["a forged one is 401", res.status === 401]);
    res = await fetch(hook, { method: "POST", body: "not json", headers: sign("not json", "msg_bad") });
    checks.push(["a malformed one is 400", res.status === 400]);
    await fetch(`${base}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ fault: "http_error", status: 503, route: "status" }) });
    res = await fetch(hook, { method: "POST", body: stale, headers: sign(stale, "msg_503") });
    checks.push(["a failing status check is 503", res.status === 503]);
  } finally {
    await mf.dispose();
    await new Promise((resolve) => { proc.once("exit", resolve); proc.kill("SIGTERM"); });
  }
  for (const [name, ok] of checks) {
    console.log(`workerd: examples/worker with the sandbox ${ok ? "ok  " : "FAIL"} ${name}`);
    if (!ok) failed++;
  }
}
process.exit(failed ? 1 : 0);
