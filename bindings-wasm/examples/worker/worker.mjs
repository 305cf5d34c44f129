// A Cloudflare Worker (module syntax) that receives an Alexpay webhook,
// verifies its signature synchronously (HMAC in wasm: no crypto.subtle
// promises), parses it, then confirms it with a status check before trusting it.
//
// wrangler.toml:
//   main = "worker.mjs"
//   compatibility_date = "2026-04-01"
//   [vars] ALEXPAY_BASE_URL = "https://..."   # Alexpay publishes no default
//   secrets: ALEXPAY_PUBLIC_KEY, ALEXPAY_SECRET_KEY, ALEXPAY_WEBHOOK_SECRET (optional: only if your deployment signs)
// Wrangler bundles `.wasm` imports as WebAssembly.Module (CompiledWasm).
//
// From the npm package:
//   import { initSync, ... } from "alexpay-wasm/web";
//   import wasm from "alexpay-wasm/alexpay_wasm_bg.wasm";
import {
  initSync,
  AlexpayError,
  Client,
  confirmWebhook,
  parseStatusResponse,
  parseWebhook,
  verifyWebhookSignature,
} from "../../pkg/web/alexpay_wasm.js";
import wasm from "../../pkg/web/alexpay_wasm_bg.wasm";

// Instantiated once per isolate, synchronously, at startup.
initSync({ module: wasm });

const json = (status, value) =>
  new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });

export default {
  async fetch(request, env) {
    if (request.method !== "POST") return json(405, { error: "POST the webhook here" });
    // The raw bytes: a signature covers them, and a parsed object is refused.
    const body = new Uint8Array(await request.arrayBuffer());
    const now = Math.floor(Date.now() / 1000);
    try {
      if (env.ALEXPAY_WEBHOOK_SECRET) {
        verifyWebhookSignature(env.ALEXPAY_WEBHOOK_SECRET, request.headers, body, now);
      }
      const event = parseWebhook(body); // a hint until confirmed

      const client = new Client({
        publicKey: env.ALEXPAY_PUBLIC_KEY,
        secretKey: env.ALEXPAY_SECRET_KEY,
        baseUrl: env.ALEXPAY_BASE_URL,
      });
      const check = client.statusCheck(event.payoutId); // plain { method, url, headers }
      const answer = await fetch(check.url, check);
      const report = parseStatusResponse(answer.status, new Uint8Array(await answer.arrayBuffer()));
      // The report is the truth. An event whose status differs from it (out
      // of order, redelivered) is `stale`: a normal result, still answered 200.
      const confirmation = confirmWebhook(event, report);

      // Record `confirmation.status` (idempotently, keyed by payoutId) here.
      return json(200, { received: true, confirmation });
    } catch (e) {
      if (!(e instanceof AlexpayError)) throw e;
      // A forged, unsigned or broken webhook, or one the status check shows is
      // about another payout or amount (webhook_mismatch): 400, it will never
      // confirm. A status check that failed (family api): 503, so Alexpay
      // sends the webhook again later and it is confirmed then.
      const retryLater = e.family === "api";
      const status = retryLater ? 503 : 400;
      return json(status, { error: e.code, field: e.field ?? null, retryable: e.retryable });
    }
  },
};
