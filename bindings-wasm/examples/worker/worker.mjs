// A Cloudflare Worker (module syntax) receiving Alexpay webhooks: verified
// when a secret is set (HMAC in wasm, synchronous), then confirmed by a status
// check; the answer tells Alexpay what to do: 2xx for fresh, stale and
// duplicate events, 4xx for forged or malformed ones, 5xx when the status
// check failed (it delivers again).
//
// wrangler.toml:
//   main = "worker.mjs"
//   compatibility_date = "2026-04-01"
//   [vars] ALEXPAY_BASE_URL = "https://..."   # Alexpay publishes no default
//   secrets: ALEXPAY_PUBLIC_KEY, ALEXPAY_SECRET_KEY, ALEXPAY_WEBHOOK_SECRET (optional)
// Wrangler bundles `.wasm` imports as WebAssembly.Module (CompiledWasm).
//
// From the npm package: import { initSync, ... } from "alexpay-wasm" and
// import wasm from "alexpay-wasm/alexpay_wasm_bg.wasm".
import { initSync, AlexpayError, Client } from "../../entry/web.mjs";
import wasm from "../../pkg/web/alexpay_wasm_bg.wasm";

initSync({ module: wasm }); // once per isolate, at startup

export default {
  async fetch(request, env) {
    const client = new Client({ publicKey: env.ALEXPAY_PUBLIC_KEY, secretKey: env.ALEXPAY_SECRET_KEY, baseUrl: env.ALEXPAY_BASE_URL });
    try {
      const result = await client.handleWebhook(request, { secret: env.ALEXPAY_WEBHOOK_SECRET });
      // Record result.status (the truth) idempotently, keyed by result.webhookId / payoutId.
      return Response.json({ received: true, result: { ...result, report: undefined, event: undefined } });
    } catch (e) {
      if (!(e instanceof AlexpayError)) throw e;
      return Response.json({ error: e.code, field: e.field ?? null }, { status: e.receiverStatus ?? 500 });
    }
  },
};
