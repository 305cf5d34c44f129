// Deno: build a payout request, then handle its (signed) webhook and build
// the status check that confirms it. Sends nothing unless --send is given.
//
//   deno run --allow-read examples/deno/payout.ts
//   ALEXPAY_PUBLIC_KEY=... ALEXPAY_SECRET_KEY=... ALEXPAY_BASE_URL=https://... \
//     deno run --allow-read --allow-env --allow-net examples/deno/payout.ts --send
//
// From the npm package: `import { init, ... } from "npm:alexpay-wasm";`
// @ts-types="../../entry/index.d.ts"
import {
  init,
  AlexpayError,
  Client,
  confirmWebhook,
  type HttpRequest,
  parsePayoutResponse,
  parseStatusResponse,
  parseWebhook,
  PayoutTracker,
  retryDecision,
  signWebhook,
  verifyWebhookSignature,
} from "../../entry/web.mjs";

await init(); // reads alexpay_wasm_bg.wasm beside the module

const send = Deno.args.includes("--send");
const env = (name: string, fallback: string): string => (send ? Deno.env.get(name) ?? fallback : fallback);
const client = new Client({
  publicKey: env("ALEXPAY_PUBLIC_KEY", "pk_test_deno_demo"),
  secretKey: env("ALEXPAY_SECRET_KEY", "sk_test_deno_demo"),
  baseUrl: env("ALEXPAY_BASE_URL", "https://api.alexpay.test"),
});

let request: HttpRequest;
try {
  request = client.mobileMoneyPayout({
    amount: 1500,
    countryId: "GH",
    phoneNumber: "+233 24 123 4567",
    narration: "Invoice 42",
    webhookUrl: "https://merchant.example/alexpay/webhook",
  });
} catch (e) {
  if (e instanceof AlexpayError) console.error(`refused: ${e.code} (${e.field}): ${e.message}`);
  throw e;
}
console.log("payout request (secret redacted when logged):", request);

if (send) {
  const response = await fetch(request.url, request);
  const answer = new Uint8Array(await response.arrayBuffer());
  try {
    const payout = parsePayoutResponse(response.status, answer);
    console.log("payout:", payout);
  } catch (e) {
    if (!(e instanceof AlexpayError)) throw e;
    // The policy reads the same body with the same parser (kept from above).
    const decision = retryDecision({ operation: "payout", attempt: 1, httpStatus: response.status, body: answer });
    console.error(`${e.code}: ${e.message}\nretry policy: ${decision.action} (${decision.reason})`);
    Deno.exit(1);
  }
  Deno.exit(0);
}

// A webhook as a sender would sign it (Standard Webhooks), verified
// synchronously: the clock is an argument.
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const body = JSON.stringify({ payout_id: "PO_77", status: "successful", amount: 1500 });
const now = Math.floor(Date.now() / 1000);
const headers = new Headers({
  "webhook-id": "msg_1",
  "webhook-timestamp": String(now),
  "webhook-signature": signWebhook(secret, "msg_1", now, body),
});
verifyWebhookSignature(secret, headers, body, now);
const event = parseWebhook(body);
console.log("webhook (a hint until confirmed):", event);

const check = client.statusCheck(event.payoutId);
console.log("confirm with:", check.method, check.url);

// Pretend Alexpay answered the status check, then confirm and track.
const report = parseStatusResponse(
  200,
  JSON.stringify({ status: "success", code: 200, data: { id: "PO_77", status: "successful", amount: 1500 } }),
);
const confirmation = confirmWebhook(event, report);
const tracker = new PayoutTracker(event.payoutId);
// The event alone is a hint: a final status it claims is "needs_confirmation".
console.log("tracker on the bare event:", tracker.observe(event), tracker.status);
console.log("confirmed:", confirmation, "tracker:", tracker.observe(confirmation), tracker.status);
