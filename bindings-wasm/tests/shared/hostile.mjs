// Hostile inputs and secret-leak checks, shared by every runtime like the
// vector runner. Wrong JS types must give a TypeError (never a RangeError) or a
// validation AlexpayError naming the argument, never a wasm trap
// (WebAssembly.RuntimeError) or a silently accepted value; nothing the SDK
// shows (messages, stacks, JSON.stringify) may contain a secret.
//
//   runHostile(api) -> { total, passed, failed, failures: [{ name, message }] }

const SECRET = "sk_live_HOSTILE_s3cr3t_never_print_me";
const WEBHOOK_KEY_B64 = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const WEBHOOK_SECRET = `whsec_${WEBHOOK_KEY_B64}`;
const BASE = "https://api.alexpay.test";
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function shown(e) {
  let json = "";
  try {
    json = JSON.stringify(e);
  } catch {
    json = "";
  }
  return [String(e && e.message), String(e && e.stack), String(e), json].join("\n");
}

function leaks(text) {
  return text.includes(SECRET) || text.includes(WEBHOOK_KEY_B64);
}

function cases(api) {
  const client = () => new api.Client({ publicKey: "pk_test_1", secretKey: SECRET, baseUrl: BASE });
  const mm = (args) => client().mobileMoneyPayout(args);
  const bank = (args) => client().bankPayout(args);
  const ok200 = '{"status":"success","code":200,"data":{"id":"PO_1","status":"successful","amount":100}}';
  const payout200 = '{"status":"success","code":0,"message":"Payout initiated","data":{"amount":100,"payout_id":"PO_9","status":"processing"}}';
  const hook = '{"payout_id":"PO_1","status":"successful","amount":100}';
  const now = 1_700_000_000;
  const signed = () => {
    const sig = api.signWebhook(WEBHOOK_SECRET, "msg_1", now, hook);
    return { "webhook-id": "msg_1", "webhook-timestamp": String(now), "webhook-signature": sig };
  };
  const T = (name, run, field) => ({ name, run, expect: { type: "TypeError", field } });
  const A = (name, run, code, field) => ({ name, run, expect: { type: "AlexpayError", code, field } });
  const OK = (name, run, check) => ({ name, run, expect: { type: "ok", check } });
  const deep = "[".repeat(100_000) + "]".repeat(100_000);

  return [
    // --- Client configuration
    T("new Client() without config", () => new api.Client(), "config"),
    T("new Client(null)", () => new api.Client(null), "config"),
    T("new Client('string')", () => new api.Client("pk"), "config"),
    T("new Client([])", () => new api.Client([]), "config"),
    T("snake_case config key is refused", () => new api.Client({ public_key: "pk", secretKey: SECRET, baseUrl: BASE }), "public_key"),
    T("publicKey as a number", () => new api.Client({ publicKey: 42, secretKey: SECRET, baseUrl: BASE }), "publicKey"),
    T("secretKey as a Uint8Array", () => new api.Client({ publicKey: "pk", secretKey: new Uint8Array(4), baseUrl: BASE }), "secretKey"),
    A("missing secretKey", () => new api.Client({ publicKey: "pk", baseUrl: BASE }), "invalid_credentials", "secretKey"),
    A("secretKey with whitespace is refused without echoing it", () => new api.Client({ publicKey: "pk", secretKey: `${SECRET} x`, baseUrl: BASE }), "invalid_credentials", "secretKey"),
    A("secretKey with CRLF (header injection)", () => new api.Client({ publicKey: "pk", secretKey: `${SECRET}\r\nx-evil: 1`, baseUrl: BASE }), "invalid_credentials", "secretKey"),
    A("baseUrl with credentials", () => new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: `https://u:${SECRET}@api.alexpay.test` }), "invalid_base_url", "baseUrl"),
    T("userAgent as a number", () => new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: BASE, userAgent: 1 }), "userAgent"),

    // --- Amounts (JS numbers through the core's amount_from_f64)
    T("amount undefined", () => mm({ countryId: "GH" }), "amount"),
    T("amount null", () => mm({ amount: null, countryId: "GH" }), "amount"),
    T("amount as a string", () => mm({ amount: "100", countryId: "GH" }), "amount"),
    T("amount as a BigInt", () => mm({ amount: 100n, countryId: "GH" }), "amount"),
    T("amount as a boolean", () => mm({ amount: true, countryId: "GH" }), "amount"),
    T("amount as an object", () => mm({ amount: { valueOf: () => 100 }, countryId: "GH" }), "amount"),
    A("amount NaN", () => mm({ amount: NaN, countryId: "GH" }), "invalid_amount", "amount"),
    A("amount 1.5", () => mm({ amount: 1.5, countryId: "GH" }), "invalid_amount", "amount"),
    A("amount Infinity", () => mm({ amount: Infinity, countryId: "GH" }), "invalid_amount", "amount"),
    A("amount -1", () => mm({ amount: -1, countryId: "GH" }), "invalid_amount", "amount"),
    A("amount -0", () => mm({ amount: -0, countryId: "GH" }), "invalid_amount", "amount"),
    A("amount 0", () => mm({ amount: 0, countryId: "GH" }), "invalid_amount", "amount"),
    A("amount MAX_SAFE_INTEGER + 1", () => mm({ amount: MAX_SAFE + 1, countryId: "GH" }), "invalid_amount", "amount"),
    A("amount 1e300", () => mm({ amount: 1e300, countryId: "GH" }), "invalid_amount", "amount"),
    OK("amount MAX_SAFE_INTEGER is sent exactly", () => mm({ amount: MAX_SAFE, countryId: "GH" }), (r) => new TextDecoder().decode(r.body).includes(`"amount":${MAX_SAFE},`)),

    // --- Other payout arguments
    T("mobileMoneyPayout() without args", () => mm(), "mobileMoneyPayout"),
    T("mobileMoneyPayout('string')", () => mm("100"), "mobileMoneyPayout"),
    T("misspelt phoneNumbr is refused, not ignored", () => mm({ amount: 1, countryId: "GH", phoneNumbr: "233241234567" }), "phoneNumbr"),
    T("snake_case phone_number is refused", () => mm({ amount: 1, countryId: "GH", phone_number: "233241234567" }), "phone_number"),
    T("countryId as a number", () => mm({ amount: 1, countryId: 233 }), "countryId"),
    T("phoneNumber as a number", () => mm({ amount: 1, countryId: "GH", phoneNumber: 233241234567 }), "phoneNumber"),
    A("phoneNumber empty string", () => mm({ amount: 1, countryId: "GH", phoneNumber: "" }), "invalid_phone_number", "phoneNumber"),
    A("bank payout without bankId", () => bank({ amount: 1, countryId: "GH", accountNumber: "1" }), "missing_bank_details", "bankId"),
    T("bank accountNumber as a number", () => bank({ amount: 1, countryId: "GH", bankId: "b", accountNumber: 12345 }), "accountNumber"),
    A("narration with a NUL", () => mm({ amount: 1, countryId: "GH", narration: "a\u0000b" }), "invalid_narration", "narration"),
    A("webhookUrl javascript:", () => mm({ amount: 1, countryId: "GH", webhookUrl: "javascript:alert(1)" }), "invalid_webhook_url", "webhookUrl"),
    OK("lone surrogate narration does not trap", () => { try { mm({ amount: 1, countryId: "GH", narration: "a\ud800b" }); } catch (e) { if (!(e instanceof api.AlexpayError)) throw e; } return true; }),

    // --- Status checks
    T("statusCheck(123)", () => client().statusCheck(123), "payoutId"),
    A("statusCheck() without id", () => client().statusCheck(), "invalid_payout_id", "payoutId"),
    A("statusCheck('../admin')", () => client().statusCheck("../admin"), "invalid_payout_id", "payoutId"),
    A("statusCheck('a/b?c')", () => client().statusCheck("a/b?c"), "invalid_payout_id", "payoutId"),

    // --- Response parsing
    T("httpStatus as a string", () => api.parsePayoutResponse("200", ok200), "httpStatus"),
    A("httpStatus 200.5", () => api.parsePayoutResponse(200.5, ok200), "invalid_argument", "httpStatus"),
    A("httpStatus 70000", () => api.parsePayoutResponse(70000, ok200), "invalid_argument", "httpStatus"),
    T("response body as a parsed object", () => api.parseStatusResponse(200, JSON.parse(ok200)), "raw body"),
    T("response body null", () => api.parseStatusResponse(200, null), "body"),
    T("response body as a number", () => api.parseStatusResponse(200, 42), "body"),
    OK("response body as a DataView", () => api.parseStatusResponse(200, new DataView(new TextEncoder().encode(ok200).buffer)), (r) => r.id === "PO_1"),
    OK("response body as a subarray view", () => { const big = new TextEncoder().encode(`xx${ok200}yy`); return api.parseStatusResponse(200, big.subarray(2, big.length - 2)); }, (r) => r.id === "PO_1"),
    A("response body 100k nested arrays", () => api.parseStatusResponse(200, deep), "unexpected_response", null),
    A("response body invalid UTF-8", () => api.parsePayoutResponse(200, new Uint8Array([0xff, 0xfe, 0x7b])), "unexpected_response", null),

    // --- Webhooks
    T("parseWebhook(parsed object) asks for the raw body", () => api.parseWebhook(JSON.parse(hook)), "raw body"),
    T("parseWebhook(undefined)", () => api.parseWebhook(undefined), "body"),
    A("parseWebhook(invalid UTF-8)", () => api.parseWebhook(new Uint8Array([0xff])), "webhook_malformed", "body"),
    A("parseWebhook('')", () => api.parseWebhook(""), "webhook_malformed", "body"),
    A("parseWebhook(100k nested arrays)", () => api.parseWebhook(deep), "webhook_malformed", "body"),
    OK("verify: plain object headers", () => api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), hook, now), (r) => r === undefined),
    OK("verify: Headers instance (where the runtime has Headers)", () => (typeof Headers === "function" ? api.verifyWebhookSignature(WEBHOOK_SECRET, new Headers(signed()), hook, now) : undefined), (r) => r === undefined),
    OK("verify: [name, value] pairs, names in any case", () => api.verifyWebhookSignature(WEBHOOK_SECRET, Object.entries(signed()).map(([k, v]) => [k.toUpperCase(), v]), new TextEncoder().encode(hook), now), (r) => r === undefined),
    OK("verify: a generator of pairs", () => api.verifyWebhookSignature(WEBHOOK_SECRET, (function* () { yield* Object.entries(signed()); })(), hook, now), (r) => r === undefined),
    OK("verify: numeric header value (webhook-timestamp as a number)", () => api.verifyWebhookSignature(WEBHOOK_SECRET, { ...signed(), "webhook-timestamp": now }, hook, now), (r) => r === undefined),
    OK("verify: ArrayBuffer body", () => api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), new TextEncoder().encode(hook).buffer, now), (r) => r === undefined),
    T("verify: parsed object body asks for the raw body", () => api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), JSON.parse(hook), now), "raw body"),
    T("verify: headers null", () => api.verifyWebhookSignature(WEBHOOK_SECRET, null, hook, now), "headers"),
    T("verify: header value an object", () => api.verifyWebhookSignature(WEBHOOK_SECRET, { ...signed(), "webhook-id": {} }, hook, now), "webhook-id"),
    T("verify: pairs that are not pairs", () => api.verifyWebhookSignature(WEBHOOK_SECRET, [["webhook-id"]], hook, now), "headers"),
    T("verify: now as a string", () => api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), hook, String(now)), "now"),
    A("verify: now fractional (Date.now()/1000)", () => api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), hook, now + 0.5), "invalid_argument", "now"),
    T("verify: now as a Date", () => api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), hook, new Date()), "now"),
    T("verify: now as a BigInt", () => api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), hook, BigInt(now)), "now"),
    A("verify: toleranceSecs -1", () => api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), hook, now, -1), "invalid_argument", "toleranceSecs"),
    T("verify: secret undefined", () => api.verifyWebhookSignature(undefined, signed(), hook, now), "secret"),
    A("verify: secret not whsec_/base64", () => api.verifyWebhookSignature("not base64!!", signed(), hook, now), "invalid_webhook_secret", "secret"),
    A("verify: altered body", () => api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), hook.replace("100", "900"), now), "webhook_signature_invalid", "webhook-signature"),
    A("verify: other secret", () => api.verifyWebhookSignature("whsec_" + btoa("another key entirely"), signed(), hook, now), "webhook_signature_invalid", "webhook-signature"),
    A("verify: Date.now() milliseconds as now", () => api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), hook, now * 1000), "webhook_timestamp_out_of_range", "webhook-timestamp"),
    A("verify: missing webhook-id", () => { const h = signed(); delete h["webhook-id"]; return api.verifyWebhookSignature(WEBHOOK_SECRET, h, hook, now); }, "webhook_signature_invalid", "webhook-id"),
    A("signWebhook: timestamp 1.5", () => api.signWebhook(WEBHOOK_SECRET, "msg", 1.5, hook), "invalid_argument", "webhook-timestamp"),
    T("signWebhook: id undefined", () => api.signWebhook(WEBHOOK_SECRET, undefined, now, hook), "id"),

    // --- Confirmation
    T("confirmWebhook('x', report)", () => api.confirmWebhook("x", api.parseStatusResponse(200, ok200)), "event"),
    T("confirmWebhook({}, report)", () => api.confirmWebhook({}, api.parseStatusResponse(200, ok200)), "event.payoutId"),
    T("confirmWebhook with report.amount as a string", () => api.confirmWebhook(api.parseWebhook(hook), { ...api.parseStatusResponse(200, ok200), amount: "100" }), "report.amount"),
    T("confirmWebhook with report.isDisbursed as a string", () => api.confirmWebhook(api.parseWebhook(hook), { ...api.parseStatusResponse(200, ok200), isDisbursed: "yes" }), "report.isDisbursed"),
    A("confirmWebhook: other payout", () => api.confirmWebhook(api.parseWebhook(hook.replace("PO_1", "PO_2")), api.parseStatusResponse(200, ok200)), "webhook_mismatch", "payoutId"),
    OK("confirmWebhook: agreeing", () => api.confirmWebhook(api.parseWebhook(hook), api.parseStatusResponse(200, ok200)), (c) => c.status === "succeeded" && c.payoutId === "PO_1" && c.eventStatus === "succeeded" && c.stale === false),
    OK("confirmWebhook: a differing status is stale, not an error; the report wins", () => api.confirmWebhook(api.parseWebhook(hook.replace("successful", "failed")), api.parseStatusResponse(200, ok200)), (c) => c.status === "succeeded" && c.rawStatus === "successful" && c.eventStatus === "failed" && c.stale === true),
    OK("confirmWebhook: an id-only event claims no status", () => api.confirmWebhook(api.parseWebhook('{"payout_id":"PO_1"}'), api.parseStatusResponse(200, ok200)), (c) => c.status === "succeeded" && !("eventStatus" in c) && c.stale === false),
    A("confirmWebhook: our id only as the event's reference does not match", () => api.confirmWebhook(api.parseWebhook('{"payout_id":"OTHER","reference":"PO_1","status":"successful"}'), api.parseStatusResponse(200, ok200)), "webhook_mismatch", "payoutId"),
    A("confirmWebhook: another amount is still a mismatch", () => api.confirmWebhook(api.parseWebhook(hook.replace("100", "99")), api.parseStatusResponse(200, ok200)), "webhook_mismatch", "amount"),

    // --- Statuses and tracker
    T("normalizeStatus(5)", () => api.normalizeStatus(5), "raw"),
    T("isTerminalStatus(null)", () => api.isTerminalStatus(null), "status"),
    A("new PayoutTracker() without id", () => new api.PayoutTracker(), "invalid_payout_id", "payoutId"),
    T("new PayoutTracker(7)", () => new api.PayoutTracker(7), "payoutId"),
    T("tracker.observe(42)", () => new api.PayoutTracker("PO_1").observe(42), "observation"),
    T("tracker.observe(null)", () => new api.PayoutTracker("PO_1").observe(null), "observation"),
    T("tracker.observe({ status }) without an id", () => new api.PayoutTracker("PO_1").observe({ status: "paid" }), "observation"),
    A("tracker.observe(another payout's event)", () => new api.PayoutTracker("PO_1").observe(api.parseWebhook(hook.replace("PO_1", "PO_9"))), "payout_id_mismatch", "payoutId"),
    A("tracker: success then failure", () => { const t = new api.PayoutTracker("PO_1"); t.observe("successful"); return t.observe("failed"); }, "status_conflict", "status"),
    OK("tracker: an unconfirmed webhook never ends the payout", () => { const t = new api.PayoutTracker("PO_1"); return [t.observe(api.parseWebhook(hook)), t.observe(api.parseWebhook(hook.replace("successful", "failed"))), t.status, t.isTerminal, t.nextPollDelayMs(0, 0)]; }, (r) => r.join() === "needs_confirmation,needs_confirmation,pending,false,1000"),
    OK("tracker: the confirmation ends it; a later contrary webhook is only a hint", () => { const t = new api.PayoutTracker("PO_1"); const event = api.parseWebhook(hook); t.observe(event); const c = t.observe(api.confirmWebhook(event, api.parseStatusResponse(200, ok200))); return [c, t.status, t.observe(api.parseWebhook(hook.replace("successful", "failed"))), t.status]; }, (r) => r.join() === "changed,succeeded,needs_confirmation,succeeded"),
    OK("tracker: an id-only webhook changes nothing", () => new api.PayoutTracker("PO_1").observe(api.parseWebhook('{"payout_id":"PO_1"}')), (r) => r === "unchanged"),
    A("tracker: our id only as a webhook's reference does not match", () => new api.PayoutTracker("PO_1").observe(api.parseWebhook('{"payout_id":"OTHER","reference":"PO_1","status":"failed"}')), "payout_id_mismatch", "payoutId"),
    OK("tracker: a status report still matches by the reference it gives", () => new api.PayoutTracker("PO_1").observe(api.parseStatusResponse(200, '{"status":"success","code":200,"data":{"id":"PO_X","reference":"PO_1","status":"failed"}}')), (r) => r === "changed"),
    T("tracker: a webhook event whose raw is not a string", () => new api.PayoutTracker("PO_1").observe({ ...api.parseWebhook(hook), raw: 5 }), "raw"),
    T("tracker: a webhook event without its payoutId", () => new api.PayoutTracker("PO_1").observe({ ...api.parseWebhook(hook), payoutId: undefined }), "payoutId"),
    A("nextPollDelayMs(-1, 0.5)", () => new api.PayoutTracker("PO_1").nextPollDelayMs(-1, 0.5), "invalid_argument", "attempt"),
    A("nextPollDelayMs(1.5, 0.5)", () => new api.PayoutTracker("PO_1").nextPollDelayMs(1.5, 0.5), "invalid_argument", "attempt"),
    T("nextPollDelayMs(0, '0.5')", () => new api.PayoutTracker("PO_1").nextPollDelayMs(0, "0.5"), "jitter"),
    A("nextPollDelayMs(0, NaN)", () => new api.PayoutTracker("PO_1").nextPollDelayMs(0, NaN), "invalid_argument", "jitter"),
    A("nextPollDelayMs(0, 2)", () => new api.PayoutTracker("PO_1").nextPollDelayMs(0, 2), "invalid_argument", "jitter"),
    OK("nextPollDelayMs once terminal is null", () => { const t = new api.PayoutTracker("PO_1"); t.observe("paid"); return t.nextPollDelayMs(0, 0); }, (r) => r === null),

    // --- Retry policy
    T("retryDecision()", () => api.retryDecision(), "retryDecision"),
    T("retryDecision unknown key", () => api.retryDecision({ operation: "payout", attempt: 1, http_status: 500 }), "http_status"),
    T("retryDecision attempt undefined", () => api.retryDecision({ operation: "payout", httpStatus: 500 }), "attempt"),
    T("retryDecision attempt '1'", () => api.retryDecision({ operation: "payout", attempt: "1", httpStatus: 500 }), "attempt"),
    A("retryDecision attempt -1", () => api.retryDecision({ operation: "payout", attempt: -1, httpStatus: 500 }), "invalid_argument", "attempt"),
    A("retryDecision httpStatus 70000", () => api.retryDecision({ operation: "status_check", attempt: 1, httpStatus: 70000 }), "invalid_argument", "httpStatus"),
    A("retryDecision operation 'refund'", () => api.retryDecision({ operation: "refund", attempt: 1, httpStatus: 500 }), "invalid_argument", "operation"),
    A("retryDecision operation missing", () => api.retryDecision({ attempt: 1, httpStatus: 500 }), "invalid_argument", "operation"),
    A("retryDecision transportError 'dns'", () => api.retryDecision({ operation: "payout", attempt: 1, transportError: "dns" }), "invalid_argument", "transportError"),
    A("retryDecision retryAfterSecs -5", () => api.retryDecision({ operation: "status_check", attempt: 1, httpStatus: 429, retryAfterSecs: -5 }), "invalid_argument", "retryAfterSecs"),
    OK("retryDecision: a 5xx payout is never resent", () => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 502 }), (d) => d.action === "do_not_resend" && d.delayMs === 0),
    OK("retryDecision: a payout 2xx with its body is done", () => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, body: payout200 }), (d) => d.action === "stop"),
    OK("retryDecision: the same body as bytes, ArrayBuffer or a view decides the same", () => { const b = new TextEncoder().encode(payout200); return [b, b.buffer, new DataView(b.buffer)].map((body) => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, body }).action); }, (r) => r.join() === "stop,stop,stop"),
    OK("retryDecision: a payout 2xx without its body may have paid", () => [undefined, null, "", '{"status":"succ'].map((body) => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, body }).action), (r) => r.every((a) => a === "do_not_resend")),
    T("retryDecision body as a parsed object asks for the raw body", () => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, body: JSON.parse(payout200) }), "raw body"),
    T("retryDecision body as a number", () => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, body: 5 }), "body"),
    OK("API errors carry the payout id they name, and are not retryable then", () => { try { api.parsePayoutResponse(429, '{"status":"error","code":429,"data":{"payout_id":"PO_9"}}'); } catch (e) { return e; } }, (e) => e instanceof api.AlexpayError && e.code === "rate_limited" && e.payoutId === "PO_9" && e.retryable === false),
    OK("retryable agrees with retryDecision; no payoutId when the body names none", () => { const body = '{"status":"error","code":429}'; try { api.parsePayoutResponse(429, body); } catch (e) { return [e.retryable, "payoutId" in e, api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 429, body }).action]; } }, (r) => r.join() === "true,false,retry"),

    // --- Secrets never shown
    OK("JSON.stringify(client) has no secret", () => JSON.stringify(client()), (s) => !leaks(s) && s.includes("pk_test_1")),
    OK("String(client) has no secret", () => String(client()) + Object.keys(client()).join(), (s) => !leaks(s)),
    OK("JSON.stringify(request) redacts secret-key", () => JSON.stringify(mm({ amount: 5, countryId: "GH" })), (s) => !leaks(s) && s.includes("[REDACTED]")),
    OK("request.headers still carries the key for fetch", () => mm({ amount: 5, countryId: "GH" }), (r) => r.headers["secret-key"] === SECRET && Object.keys(r).join() === "method,url,headers,body"),
    OK("status-check request has no body property", () => client().statusCheck("PO_1"), (r) => r.method === "GET" && !("body" in r) && r.body === undefined),
    OK("fetch's Request accepts the built request as it is", async () => {
      if (typeof Request !== "function") return true;
      const r = mm({ amount: 5, countryId: "GH" });
      const req = new Request(r.url, r);
      const body = await req.text();
      return req.method === "POST" && req.headers.get("secret-key") === SECRET && req.headers.get("content-type") === "application/json" && body === new TextDecoder().decode(r.body);
    }, (ok) => ok === true),
  ];
}

function fieldOk(e, field) {
  if (field === undefined) return true;
  if (e && e.name === "AlexpayError") return (e.field ?? null) === field;
  return String(e && e.message).includes(field);
}

export async function runHostile(api) {
  const result = { total: 0, passed: 0, failed: 0, failures: [] };
  for (const c of cases(api)) {
    result.total++;
    let value;
    let error;
    let threw = false;
    try {
      value = await c.run();
    } catch (e) {
      threw = true;
      error = e;
    }
    let problem = null;
    const want = c.expect;
    if (threw && typeof WebAssembly !== "undefined" && error instanceof WebAssembly.RuntimeError) {
      problem = `wasm trap: ${error.message}`;
    } else if (threw && leaks(shown(error))) {
      problem = "the error shows a secret";
    } else if (want.type === "ok") {
      if (threw) problem = `threw ${error && error.name}: ${error && error.message}`;
      else if (want.check && !want.check(value)) problem = "check failed";
    } else if (!threw) {
      problem = `want ${want.type}, returned normally`;
    } else if (want.type === "AlexpayError") {
      if (!(error instanceof api.AlexpayError)) problem = `want AlexpayError, got ${error && error.name}: ${error && error.message}`;
      else if (error.code !== want.code) problem = `want code ${want.code}, got ${error.code}`;
      else if (!fieldOk(error, want.field)) problem = `want field ${want.field}, got ${error.field}`;
      else if (error.family !== "validation" && want.code.startsWith("invalid_")) problem = `family ${error.family}`;
    } else {
      const ctor = globalThis[want.type];
      if (!(error instanceof ctor) || error instanceof api.AlexpayError) problem = `want ${want.type}, got ${error && error.name}: ${error && error.message}`;
      else if (!fieldOk(error, want.field)) problem = `message does not name '${want.field}': ${error.message}`;
    }
    if (problem) {
      result.failed++;
      result.failures.push({ name: c.name, message: problem });
    } else {
      result.passed++;
    }
  }
  // The instance still works after all of that (nothing trapped or poisoned it).
  result.total++;
  try {
    const r = new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: BASE }).mobileMoneyPayout({ amount: 1, countryId: "GH" });
    if (r.method !== "POST") throw new Error("bad request");
    result.passed++;
  } catch (e) {
    result.failed++;
    result.failures.push({ name: "instance still usable afterwards", message: String(e) });
  }
  return result;
}

export function hostileSummary(label, r) {
  const lines = [`${label}: ${r.passed}/${r.total} hostile-input and secret checks passed, ${r.failed} failed`];
  for (const f of r.failures) lines.push(`  FAIL ${f.name}: ${f.message}`);
  return lines.join("\n");
}
