// Hostile inputs and secret-leak checks, one module for every runtime and
// both packages, like the vector runner: wrong JS types, absurd numbers,
// parsed objects where raw bodies belong, huge and malformed bodies. Wrong JS
// types must give a TypeError (never a RangeError) or a validation AlexpayError naming
// the argument, never a wasm trap (WebAssembly.RuntimeError), another error
// class or a silently accepted value; nothing the SDK shows (messages, stacks,
// JSON.stringify) may contain a secret. Node-only checks (util.inspect)
// live in bindings-node/test/secrets.test.js; Buffer forms run where Buffer exists.
//
//   hostileCases(api) -> [{ name, run, expect }]   (one test each: node --test)
//   checkHostile(api, c) -> a problem string, or null when the case passed
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
  // Any of the deliberate refusals (TypeError, AlexpayError), naming `field` when given.
  const REF = (name, run, field, kinds = ["TypeError", "AlexpayError"]) => ({ name, run, expect: { type: "refused", kinds, field } });
  // Returns, or throws one of the deliberate refusals: never a trap or another error.
  const SURVIVES = (name, run) => ({ name, run, expect: { type: "survives" } });
  // Throws, and check(error) holds.
  const THROWS = (name, run, check) => ({ name, run, expect: { type: "throws", check } });
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
    T("maxBodyBytes as a string", () => new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: BASE, maxBodyBytes: "1024" }), "maxBodyBytes"),
    T("maxBodyBytes as a BigInt", () => new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: BASE, maxBodyBytes: 1024n }), "maxBodyBytes"),
    A("maxBodyBytes 1.5", () => new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: BASE, maxBodyBytes: 1.5 }), "invalid_argument", "maxBodyBytes"),
    A("maxBodyBytes NaN", () => new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: BASE, maxBodyBytes: NaN }), "invalid_argument", "maxBodyBytes"),
    A("maxBodyBytes Infinity", () => new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: BASE, maxBodyBytes: Infinity }), "invalid_argument", "maxBodyBytes"),
    A("maxBodyBytes -0.5", () => new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: BASE, maxBodyBytes: -0.5 }), "invalid_argument", "maxBodyBytes"),
    ...[-1, 1.5, NaN, 0, 2 ** 30 + 1, 2 ** 64].map((v) =>
      THROWS(`maxBodyBytes ${v} states the cap's own range`, () => new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: BASE, maxBodyBytes: v }), (e) => e.code === "invalid_argument" && e.message === "maxBodyBytes: must be a whole number from 1 to 1073741824 (1 GiB)"),
    ),

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
    // Results cross the boundary packed (bindings-node/src/packed.rs): numbers exactly, long and astral text by UTF-16 length.
    OK("an amount of -0 comes back as -0, not 0", () => api.parseStatusResponse(200, '{"status":"success","code":200,"data":{"id":"PO_1","status":"successful","amount":"-0","charge":"0.1"}}'), (r) => Object.is(r.amount, -0) && r.charge === 0.1),
    OK("a 100,000-unit astral narration with separators comes back whole", () => api.parseStatusResponse(200, JSON.stringify({ status: "success", code: 200, data: { id: "PO_1", status: "successful", narration: "😀~1:\u0000".repeat(20_000), method: "" } })), (r) => r.narration === "😀~1:\u0000".repeat(20_000) && r.narration.length === 120_000 && r.method === "" && r.rawStatus === "successful"),

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
    OK("verify: now in milliseconds is named in the message", () => { try { api.verifyWebhookSignature(WEBHOOK_SECRET, signed(), hook, now * 1000 + 101); } catch (e) { return e.message; } }, (m) => /looks like milliseconds/.test(m)),
    A("verify: a lone surrogate in a header value", () => api.verifyWebhookSignature(WEBHOOK_SECRET, { ...signed(), "webhook-id": "msg_\uD800" }, hook, now), "invalid_argument", "headers"),
    A("verify: a lone surrogate in the secret", () => api.verifyWebhookSignature("whsec_\uDC00", signed(), hook, now), "invalid_argument", "secret"),
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
    ...amountCases(api, client, T, A, OK),
    ...stringCases(api, client, REF, A),
    ...optionCases(api, client, REF, THROWS),
    ...bodyCases(api, REF, SURVIVES, OK, THROWS),
    ...numberCases(api, REF, A, OK),
    ...retryCases(api, REF, A, OK, THROWS),
    ...headerCases(api, REF, A, OK),
    ...webhookOptionCases(api, A),
    ...parsedObjectCases(api, REF, A, OK),
    SURVIVES("every public function survives every weird value in every position", () => everyWeirdValue(api, client())),
  ];
}

const utf8 = (text) => new TextEncoder().encode(text);
const OK_BODY = '{"status":"success","code":200,"message":"ok","data":{"id":"PO_1","status":"successful","amount":100}}';

/** Values of every JS type and shape, for the positions that take none of them. */
function weirdValues() {
  const values = [undefined, null, true, 0, -0, 1.5, NaN, Infinity, -Infinity, Number.MAX_VALUE, 2 ** 64, 10n, "", " ", "\0", "\uD800", "\u202e", "x".repeat(1 << 20), Symbol("s"), () => 1, {}, [], [1, 2], Object.create(null), new Date(0), new Map(), utf8("x"), new ArrayBuffer(4), /re/, new Proxy({}, {})];
  if (typeof globalThis.Buffer === "function") values.push(globalThis.Buffer.from("x"));
  return values;
}

function amountCases(api, client, T, A, OK) {
  const out = [];
  const typeErrors = [undefined, null, "100", 100n, true, {}, [100]];
  const valueErrors = [NaN, Infinity, -Infinity, 1.5, 0.1 + 0.2, Number.MIN_VALUE, -1, 0, -0, Number.MAX_SAFE_INTEGER + 1, 2 ** 64, Number.MAX_VALUE];
  const label = (v) => (typeof v === "bigint" ? `${v}n` : typeof v === "string" ? JSON.stringify(v) : Object.is(v, -0) ? "-0" : Array.isArray(v) ? `[${v}]` : String(v));
  const builds = [
    ["mobile money", (amount) => client().mobileMoneyPayout({ amount, countryId: "GH" })],
    ["bank", (amount) => client().bankPayout({ amount, countryId: "GH", bankId: "B1", accountNumber: "123" })],
  ];
  for (const [kind, build] of builds) {
    for (const v of typeErrors) out.push(T(`${kind} amount ${label(v)} is a TypeError`, () => build(v), "amount"));
    for (const v of valueErrors) out.push(A(`${kind} amount ${label(v)} is invalid_amount`, () => build(v), "invalid_amount", "amount"));
    out.push(OK(`${kind} amount 1 is sent exactly`, () => build(1), (r) => new TextDecoder().decode(r.body).includes('"amount":1,')));
  }
  return out;
}

function stringCases(api, client, REF, A) {
  const out = [];
  const c = client();
  const fields = {
    countryId: (v) => c.mobileMoneyPayout({ amount: 1, countryId: v }),
    phoneNumber: (v) => c.mobileMoneyPayout({ amount: 1, countryId: "GH", phoneNumber: v }),
    narration: (v) => c.mobileMoneyPayout({ amount: 1, countryId: "GH", narration: v }),
    webhookUrl: (v) => c.mobileMoneyPayout({ amount: 1, countryId: "GH", webhookUrl: v }),
    bankId: (v) => c.bankPayout({ amount: 1, countryId: "GH", bankId: v, accountNumber: "1" }),
    accountNumber: (v) => c.bankPayout({ amount: 1, countryId: "GH", bankId: "B", accountNumber: v }),
    payoutId: (v) => c.statusCheck(v),
    publicKey: (v) => new api.Client({ publicKey: v, secretKey: "s", baseUrl: "https://a.test" }),
    secretKey: (v) => new api.Client({ publicKey: "p", secretKey: v, baseUrl: "https://a.test" }),
    baseUrl: (v) => new api.Client({ publicKey: "p", secretKey: "s", baseUrl: v }),
    userAgent: (v) => new api.Client({ publicKey: "p", secretKey: "s", baseUrl: "https://a.test", userAgent: v }),
  };
  const nonStrings = [5, 5n, true, {}, [], Symbol("x"), () => "x", utf8("GH"), new String("GH")];
  const awkward = ["", " ", "\0", "\n", "\uD800", "\u2028", "\uFEFFx", "é".repeat(100_000), "9".repeat(1 << 20)];
  for (const [field, build] of Object.entries(fields)) {
    nonStrings.forEach((v, i) => out.push(REF(`${field}: non-string #${i} is a TypeError naming it`, () => build(v), field, ["TypeError"])));
    awkward.forEach((v, i) => out.push({ name: `${field}: awkward string #${i} gives a value or a validation error naming it`, run: () => build(v), expect: { type: "valueOrValidation", field } }));
  }
  out.push(A("a missing countryId is invalid_country_id", () => c.mobileMoneyPayout({ amount: 1 }), "invalid_country_id", "countryId"));
  out.push(A("a bank payout without bankId is missing_bank_details", () => c.bankPayout({ amount: 1, countryId: "GH", accountNumber: "1" }), "missing_bank_details", "bankId"));
  out.push(A("a missing publicKey is invalid_credentials", () => new api.Client({ secretKey: "s", baseUrl: "https://a.test" }), "invalid_credentials", "publicKey"));
  out.push(A("an empty phone number is an error, never 'credit the merchant wallet'", () => c.mobileMoneyPayout({ amount: 1, countryId: "GH", phoneNumber: "" }), "invalid_phone_number", "phoneNumber"));
  return out;
}

function optionCases(api, client, REF, THROWS) {
  const c = client();
  const out = [
    THROWS("an unknown key is refused and the message names the right one", () => c.mobileMoneyPayout({ amount: 1, countryId: "GH", phone: "233241234567" }), (e) => e instanceof TypeError && /'phone'/.test(e.message) && /phoneNumber/.test(e.message)),
    REF("snake_case country_id is refused", () => c.mobileMoneyPayout({ amount: 1, country_id: "GH" }), "country_id", ["TypeError"]),
    REF("snake_case base_url is refused", () => new api.Client({ publicKey: "p", secretKey: "s", baseUrl: "https://a.test", base_url: "x" }), "base_url", ["TypeError"]),
    THROWS("a getter that throws propagates its own error", () => c.mobileMoneyPayout({ get amount() { throw new Error("getter boom"); }, countryId: "GH" }), (e) => e.message === "getter boom"),
    REF("a method called on a foreign object is a TypeError", () => api.Client.prototype.statusCheck.call({}, "PO_1"), undefined, ["TypeError"]),
    REF("Client called without new is a TypeError", () => api.Client({ publicKey: "p", secretKey: "s", baseUrl: "https://a.test" }), undefined, ["TypeError"]),
  ];
  [undefined, null, "GH", 1, [], true, 1n].forEach((v, i) => {
    out.push(REF(`mobileMoneyPayout(non-object #${i})`, () => c.mobileMoneyPayout(v), undefined, ["TypeError"]));
    out.push(REF(`bankPayout(non-object #${i})`, () => c.bankPayout(v), undefined, ["TypeError"]));
    out.push(REF(`new Client(non-object #${i})`, () => new api.Client(v), undefined, ["TypeError"]));
    out.push(REF(`retryDecision(non-object #${i})`, () => api.retryDecision(v), undefined, ["TypeError"]));
  });
  return out;
}

function bodyCases(api, REF, SURVIVES, OK, THROWS) {
  const WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const parsers = {
    parsePayoutResponse: (b) => api.parsePayoutResponse(200, b),
    parseStatusResponse: (b) => api.parseStatusResponse(200, b),
    parseWebhook: (b) => api.parseWebhook(b),
    verifyWebhookSignature: (b) => api.verifyWebhookSignature(WEBHOOK_SECRET, { "webhook-id": "a", "webhook-timestamp": "1", "webhook-signature": "v1,x" }, b, 1),
    signWebhook: (b) => api.signWebhook(WEBHOOK_SECRET, "msg", 1, b),
  };
  const garbage = [
    ["empty bytes", () => new Uint8Array(0)],
    ["invalid UTF-8", () => new Uint8Array([0xff, 0xfe, 0x00, 0xc3])],
    ["10 MiB of '{'", () => new Uint8Array(10 * 1024 * 1024).fill(0x7b)],
    ["200k nested arrays", () => "[".repeat(200_000) + "]".repeat(200_000)],
    ["100k nested objects", () => '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000)],
    ["a 10k-digit payout id", () => '{"data":{"payout_id":' + "9".repeat(10_000) + "}}"],
    ["a lone surrogate", () => "\uD800"],
    ["a Float64Array", () => new Float64Array([NaN, 1])],
    ["a DataView", () => new DataView(new ArrayBuffer(8))],
  ];
  if (typeof SharedArrayBuffer === "function") garbage.push(["a SharedArrayBuffer", () => new SharedArrayBuffer(16)]);
  const out = [];
  for (const [name, parse] of Object.entries(parsers)) {
    [JSON.parse(OK_BODY), [1, 2], Object.create(null)].forEach((parsed, i) => {
      out.push(THROWS(`${name}: parsed object #${i} says the raw body is needed`, () => parse(parsed), (e) => e instanceof TypeError && !(e instanceof api.AlexpayError) && /body/.test(e.message) && /raw/.test(e.message)));
    });
    [undefined, null, 1, 1n, true, Symbol("b"), () => 1].forEach((v, i) => out.push(REF(`${name}: non-body #${i} is a TypeError naming body`, () => parse(v), "body", ["TypeError"])));
    for (const [label, make] of garbage) out.push(SURVIVES(`${name}: ${label} never crashes`, () => parse(make())));
  }
  out.push(SURVIVES("a detached ArrayBuffer is handled", () => {
    const ab = new ArrayBuffer(8);
    if (typeof structuredClone === "function") structuredClone(ab, { transfer: [ab] });
    return api.parseWebhook(ab);
  }));
  out.push(OK("Uint8Array views honour byteOffset/byteLength", () => {
    const padded = utf8(`xx${OK_BODY}yy`);
    return api.parseStatusResponse(200, new Uint8Array(padded.buffer, padded.byteOffset + 2, padded.length - 4));
  }, (r) => r.id === "PO_1"));
  return out;
}

function numberCases(api, REF, A, OK) {
  const WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const headers = { "webhook-id": "a", "webhook-timestamp": "1", "webhook-signature": "v1,x" };
  const out = [];
  ["200", 200n, undefined, null, {}].forEach((v, i) => {
    out.push(REF(`parsePayoutResponse httpStatus #${i} is a TypeError`, () => api.parsePayoutResponse(v, OK_BODY), "httpStatus", ["TypeError"]));
    out.push(REF(`parseStatusResponse httpStatus #${i} is a TypeError`, () => api.parseStatusResponse(v, OK_BODY), "httpStatus", ["TypeError"]));
  });
  // A number of the wrong value is the core's to refuse, as for Python ints.
  for (const v of [-1, 65536, 2 ** 53, 1.5, NaN, Infinity]) out.push(A(`httpStatus ${v} is invalid_argument`, () => api.parseStatusResponse(v, OK_BODY), "invalid_argument", "httpStatus"));
  for (const v of [1.5, NaN, 2 ** 64]) {
    out.push(A(`verify: now ${v} is invalid_argument`, () => api.verifyWebhookSignature(WEBHOOK_SECRET, headers, "x", v), "invalid_argument", "now"));
    out.push(A(`signWebhook: timestamp ${v} is invalid_argument`, () => api.signWebhook(WEBHOOK_SECRET, "id", v, "x"), "invalid_argument", "webhook-timestamp"));
  }
  ["1", 1n, undefined, null].forEach((v, i) => {
    out.push(REF(`verify: now #${i} is a TypeError`, () => api.verifyWebhookSignature(WEBHOOK_SECRET, headers, "x", v), "now", ["TypeError"]));
    out.push(REF(`signWebhook: timestamp #${i} is a TypeError`, () => api.signWebhook(WEBHOOK_SECRET, "id", v, "x"), "timestamp", ["TypeError"]));
  });
  out.push(REF("verify: now as a Date asks for Unix seconds", () => api.verifyWebhookSignature(WEBHOOK_SECRET, headers, "x", new Date()), "Unix seconds", ["TypeError"]));
  out.push(REF("verify: toleranceSecs '300' is a TypeError", () => api.verifyWebhookSignature(WEBHOOK_SECRET, headers, "x", 1, "300"), "toleranceSecs", ["TypeError"]));
  // Any whole number within 64 bits is a time; this one is far from the signed one.
  out.push(REF("verify: now past MAX_SAFE_INTEGER is out of tolerance", () => api.verifyWebhookSignature(WEBHOOK_SECRET, headers, "x", Number.MAX_SAFE_INTEGER + 2), "webhook-timestamp"));
  return out;
}

function retryCases(api, REF, A, OK, THROWS) {
  const decide = (input) => api.retryDecision({ operation: "payout", attempt: 1, ...input }).action;
  const PAYOUT_OK = '{"status":"success","code":0,"message":"Payout initiated","data":{"amount":100,"payout_id":"PO_9","status":"processing"}}';
  const out = [
    A("retryDecision attempt 1.5", () => api.retryDecision({ operation: "payout", attempt: 1.5, httpStatus: 500 }), "invalid_argument", "attempt"),
    REF("retryDecision operation 5", () => api.retryDecision({ operation: 5, attempt: 1, httpStatus: 500 }), "operation", ["TypeError"]),
    REF("retryDecision httpStatus '500'", () => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: "500" }), "httpStatus", ["TypeError"]),
    A("retryDecision attempt 0", () => api.retryDecision({ operation: "payout", attempt: 0, httpStatus: 500 }), "invalid_argument", "attempt"),
    A("retryDecision attempt -3", () => api.retryDecision({ operation: "payout", attempt: -3, httpStatus: 500 }), "invalid_argument", "attempt"),
    A("retryDecision httpStatus 1e12", () => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 1e12 }), "invalid_argument", "httpStatus"),
    A("retryDecision httpStatus -1", () => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: -1 }), "invalid_argument", "httpStatus"),
    A("retryDecision without httpStatus or transportError", () => api.retryDecision({ operation: "payout", attempt: 1 }), "invalid_argument", "httpStatus"),
    A("retryDecision with a body on a transport error", () => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, transportError: "timeout", body: "x" }), "invalid_argument", undefined),
    A("attempt 2 ** 32 is refused, never clamped (as in Python)", () => api.retryDecision({ operation: "status_check", attempt: 2 ** 32, httpStatus: 503 }), "invalid_argument", "attempt"),
    OK("the largest attempt gives up instead of overflowing", () => api.retryDecision({ operation: "status_check", attempt: 2 ** 32 - 1, httpStatus: 503 }).action, (a) => a === "stop"),
    OK("a huge Retry-After is capped at an hour", () => api.retryDecision({ operation: "status_check", attempt: 2, httpStatus: 429, retryAfterSecs: 2 ** 53 - 1 }).delayMs, (d) => d === 3_600_000),
    OK("a payout 2xx is accepted only with its body", () => [decide({ httpStatus: 200, body: PAYOUT_OK }), decide({ httpStatus: 200 }), decide({ httpStatus: 200, body: null }), decide({ httpStatus: 200, body: "" }), decide({ httpStatus: 200, body: '{"status":"succ' })].join(), (r) => r === "stop,do_not_resend,do_not_resend,do_not_resend,do_not_resend"),
  ];
  [1, 1n, true, Symbol("b"), () => 1].forEach((v, i) => out.push(REF(`retryDecision body #${i} is a TypeError naming body`, () => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, body: v }), "body", ["TypeError"])));
  const answers = [
    [429, '{"status":"error","code":429}'],
    [429, '{"status":"error","code":429,"data":{"payout_id":"PO_9"}}'],
    [200, '{"status":"error","code":429,"message":"slow down"}'],
    [503, "Service Unavailable"],
    [400, '{"status":"error","code":400,"message":"bad phone"}'],
  ];
  for (const [status, body] of answers) {
    out.push(THROWS(`the decision agrees with the parser error on ${status} ${body}`, () => api.parsePayoutResponse(status, body), (e) => {
      const action = decide({ httpStatus: status, body });
      if (!(e instanceof api.AlexpayError) || e.family !== "api" || e.retryable !== (action === "retry")) return false;
      return body.includes("PO_9") ? e.payoutId === "PO_9" && action === "do_not_resend" : !("payoutId" in e);
    }));
  }
  return out;
}

function headerCases(api, REF, A, OK) {
  const WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const body = '{"payout_id":"PO_1","status":"successful"}';
  const now = 1_700_000_000;
  const plain = { "webhook-id": "msg_1", "webhook-timestamp": String(now), "webhook-signature": api.signWebhook(WEBHOOK_SECRET, "msg_1", now, body) };
  const nodeStyle = Object.assign(Object.create(null), plain, { "x-forwarded-for": ["a", "b"], "x-none": undefined });
  const forms = [["a plain object", plain], ["a Map", new Map(Object.entries(plain))], ["pairs", Object.entries(plain)], ["Node's IncomingHttpHeaders shape", nodeStyle]];
  if (typeof Headers === "function") forms.push(["Headers", new Headers(plain)]);
  const out = [];
  for (const [label, headers] of forms) {
    out.push(OK(`verify: ${label} verifies`, () => [api.verifyWebhookSignature(WEBHOOK_SECRET, headers, body, now), api.verifyWebhookSignature(WEBHOOK_SECRET, headers, utf8(body), now, 0)], (r) => r.every((v) => v === undefined)));
  }
  [undefined, null, "webhook-id: x", 5, [["a"]], [[1, "x"]], ["a", "b"], { "webhook-id": {} }, { "webhook-id": 5n }].forEach((h, i) => {
    out.push(REF(`verify: malformed headers #${i} is a TypeError naming headers`, () => api.verifyWebhookSignature(WEBHOOK_SECRET, h, body, now), "headers", ["TypeError"]));
  });
  const { "webhook-signature": _, ...unsigned } = plain;
  out.push(A("verify: a missing webhook-signature is a webhook error naming it", () => api.verifyWebhookSignature(WEBHOOK_SECRET, unsigned, body, now), "webhook_signature_invalid", "webhook-signature"));
  out.push(A("verify: a secret that is not base64 is invalid_webhook_secret", () => api.verifyWebhookSignature("whsec_***", plain, body, now), "invalid_webhook_secret", "secret"));
  [undefined, 5, utf8("k")].forEach((secret, i) => {
    out.push(REF(`verify: secret #${i} is a TypeError`, () => api.verifyWebhookSignature(secret, plain, body, now), "secret", ["TypeError"]));
    out.push(REF(`signWebhook: secret #${i} is a TypeError`, () => api.signWebhook(secret, "id", now, body), "secret", ["TypeError"]));
  });
  return out;
}

/** handleWebhook's `now` (JS only): the core's whole-number rule, never floored or clamped. */
function webhookOptionCases(api, A) {
  const fetch = async () => {
    throw new Error("no request may be sent");
  };
  const client = () => new api.Client({ publicKey: "pk_test_1", secretKey: SECRET, baseUrl: BASE, fetch });
  const delivery = { body: '{"payout_id":"PO_1","status":"successful"}', headers: {} };
  return [-1, 0.5, new Date(Number.NaN), new Date(-1)].map((now, i) =>
    A(`handleWebhook: now #${i} is refused, never floored`, () => client().handleWebhook(delivery, { now }), "invalid_argument", "now"),
  );
}

function parsedObjectCases(api, REF, A, OK) {
  const event = api.parseWebhook('{"payout_id":"PO_1","status":"successful","amount":100}');
  const report = api.parseStatusResponse(200, OK_BODY);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const out = [];
  [undefined, null, "x", 1, utf8("{}"), []].forEach((v, i) => {
    out.push(REF(`confirmWebhook: event #${i} is a TypeError`, () => api.confirmWebhook(v, report), "event", ["TypeError"]));
    out.push(REF(`confirmWebhook: report #${i} is a TypeError`, () => api.confirmWebhook(event, v), "report", ["TypeError"]));
  });
  out.push(REF("confirmWebhook: event.payoutId 5", () => api.confirmWebhook({ ...event, payoutId: 5 }, report), "payoutId", ["TypeError"]));
  out.push(REF("confirmWebhook: report.id undefined", () => api.confirmWebhook(event, { ...report, id: undefined }), "id", ["TypeError"]));
  out.push(REF("confirmWebhook: event.reference 5 (a field it does not use) is still a TypeError", () => api.confirmWebhook({ ...event, reference: 5 }, report), "reference", ["TypeError"]));
  out.push(OK("confirmWebhook: the exact confirmation", () => api.confirmWebhook(event, report), (c) => same(c, { payoutId: "PO_1", status: "succeeded", rawStatus: "successful", amount: 100, eventStatus: "succeeded", stale: false })));
  for (const [raw, claimed] of [["failed", "failed"], ["processing", "pending"]]) {
    out.push(OK(`confirmWebhook: a ${raw} event against a successful report is stale`, () => api.confirmWebhook({ ...event, status: claimed, rawStatus: raw }, report), (c) => same(c, { payoutId: "PO_1", status: "succeeded", rawStatus: "successful", amount: 100, eventStatus: claimed, stale: true })));
  }
  out.push(OK("confirmWebhook: an odd reference on our own payout's event changes nothing", () => api.confirmWebhook(api.parseWebhook('{"payout_id":"PO_1","reference":"OTHER","status":"successful"}'), report).stale, (s) => s === false));
  out.push(A("confirmWebhook: a different amount is a mismatch", () => api.confirmWebhook({ ...event, amount: 99 }, report), "webhook_mismatch", "amount"));
  const t = () => new api.PayoutTracker("PO_1");
  const unreadable = [undefined, null, 5, 5n, [], utf8("x"), {}, { rawStatus: "paid" }, { payoutId: 5, rawStatus: "x" }, { ...event, raw: 5 }, { ...event, payoutId: undefined }, { ...event, reference: 5 }];
  unreadable.forEach((v, i) => out.push(REF(`tracker.observe(unreadable #${i}) is a TypeError`, () => t().observe(v), undefined, ["TypeError"])));
  out.push(OK("tracker: refused observations leave it pending", () => { const tr = t(); for (const v of unreadable) { try { tr.observe(v); } catch { /* refused */ } } return tr.status; }, (s) => s === "pending"));
  out.push(A("tracker: another payout's event without a reference", () => t().observe({ ...event, payoutId: "PO_2", reference: undefined }), "payout_id_mismatch", "payoutId"));
  out.push(OK("tracker: a status report matches by the reference it gives and ends the payout", () => { const tr = t(); return [tr.observe(api.parseWebhook('{"payout_id":"PO_1","reference":"OTHER","status":"processing"}')), tr.observe(api.parseStatusResponse(200, '{"status":"success","code":200,"data":{"id":"PO_X","reference":"PO_1","status":"failed"}}')), tr.status].join(); }, (r) => r === "unchanged,changed,failed"));
  out.push(A("tracker: a confirmed contrary status after the end is a conflict", () => { const tr = t(); tr.observe(api.confirmWebhook(event, report)); return tr.observe("failed"); }, "status_conflict", "status"));
  [5, {}, 5n].forEach((v, i) => out.push(REF(`new PayoutTracker(non-string #${i})`, () => new api.PayoutTracker(v), "payoutId", ["TypeError"])));
  ["", "../x", "a/b", "x".repeat(200)].forEach((v, i) => out.push(A(`new PayoutTracker(bad id #${i})`, () => new api.PayoutTracker(v), "invalid_payout_id", "payoutId")));
  out.push(REF("nextPollDelayMs('0', 0.5)", () => t().nextPollDelayMs("0", 0.5), "attempt", ["TypeError"]));
  [-0.1, 1.1, Infinity].forEach((j) => out.push(A(`nextPollDelayMs(0, ${j})`, () => t().nextPollDelayMs(0, j), "invalid_argument", "jitter")));
  out.push(OK("nextPollDelayMs(2 ** 32 - 1, 1) is capped at a minute", () => t().nextPollDelayMs(2 ** 32 - 1, 1), (d) => d === 60_000));
  out.push(A("nextPollDelayMs(2 ** 40, 1) is refused, never clamped", () => t().nextPollDelayMs(2 ** 40, 1), "invalid_argument", "attempt"));
  [undefined, null, 5, {}, Symbol("s")].forEach((v, i) => {
    out.push(REF(`normalizeStatus(non-string #${i})`, () => api.normalizeStatus(v), "raw", ["TypeError"]));
    out.push(REF(`isTerminalStatus(non-string #${i})`, () => api.isTerminalStatus(v), "status", ["TypeError"]));
  });
  out.push(OK("normalizeStatus of garbage is unknown", () => api.normalizeStatus("\uFFFD\0"), (s) => s === "unknown"));
  // A lone surrogate is refused naming the field, as in Python (never U+FFFD).
  out.push(A("normalizeStatus of a lone surrogate", () => api.normalizeStatus("\uD800\0"), "invalid_argument", "status"));
  return out;
}

/** Every public function with every weird value in every position (about 4,000 calls). */
function everyWeirdValue(api, client) {
  const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const t = new api.PayoutTracker("PO_1");
  const calls = [
    (a) => new api.Client(a),
    (a) => new api.Client({ publicKey: a, secretKey: a, baseUrl: a, userAgent: a }),
    (a, b) => client.mobileMoneyPayout({ amount: a, countryId: b, phoneNumber: b, narration: b, webhookUrl: b }),
    (a, b) => client.bankPayout({ amount: a, countryId: b, bankId: b, accountNumber: b }),
    (a) => client.mobileMoneyPayout(a),
    (a) => client.statusCheck(a),
    (a, b) => api.parsePayoutResponse(a, b),
    (a, b) => api.parseStatusResponse(a, b),
    (a) => api.parseWebhook(a),
    (a, b) => api.confirmWebhook(a, b),
    (a, b) => api.verifyWebhookSignature(a, b, a, b, a),
    (a, b) => api.verifyWebhookSignature(SECRET, a, b, 1, 300),
    (a, b) => api.signWebhook(a, b, a, b),
    (a) => api.normalizeStatus(a),
    (a) => api.isTerminalStatus(a),
    (a) => t.observe(a),
    (a, b) => t.nextPollDelayMs(a, b),
    (a) => new api.PayoutTracker(a),
    (a, b) => api.retryDecision({ operation: b, attempt: a, httpStatus: a, transportError: b, retryAfterSecs: a }),
    (a) => api.retryDecision({ operation: "payout", attempt: 1, httpStatus: 200, body: a }),
    (a, b) => api.retryDecision({ operation: "status_check", attempt: 1, httpStatus: b, body: a }),
    (a) => api.retryDecision(a),
  ];
  let n = 0;
  for (const fn of calls) {
    for (const a of weirdValues()) {
      for (const b of [undefined, "GH", 200, {}, utf8("{}"), 1.5]) {
        try {
          fn(a, b);
        } catch (e) {
          if (!deliberate(api, e)) throw new Error(`call #${calls.indexOf(fn)} with ${typeof a}/${typeof b}: ${e && e.name}: ${e && e.message}`);
        }
        n++;
      }
    }
  }
  if (n < 3000) throw new Error(`only ${n} calls`);
}

/** The refusals the SDK means to throw: TypeError, AlexpayError (never a RangeError or a wasm trap). */
function deliberate(api, e) {
  if (typeof WebAssembly !== "undefined" && e instanceof WebAssembly.RuntimeError) return false;
  return e instanceof TypeError || e instanceof api.AlexpayError;
}

function fieldOk(e, field) {
  if (field === undefined || field === null) return field === undefined || (e.field ?? null) === null;
  if (e && e.name === "AlexpayError") return (e.field ?? null) === field;
  return String(e && e.message).includes(field);
}

export const hostileCases = cases;

/** Runs one case: null when it passed, else what went wrong. */
export async function checkHostile(api, c) {
  let value;
  let error;
  let threw = false;
  try {
    value = await c.run();
  } catch (e) {
    threw = true;
    error = e;
  }
  const want = c.expect;
  if (threw && typeof WebAssembly !== "undefined" && error instanceof WebAssembly.RuntimeError) return `wasm trap: ${error.message}`;
  if (threw && leaks(shown(error))) return "the error shows a secret";
  const got = threw ? `threw ${error && error.name}: ${error && error.message}` : "returned normally";
  switch (want.type) {
    case "ok":
      if (threw) return got;
      return want.check && !want.check(value) ? "check failed" : null;
    case "survives":
      return threw && !deliberate(api, error) ? `unexpected ${got}` : null;
    case "valueOrValidation":
      if (!threw) return null;
      if (!(error instanceof api.AlexpayError) || error.family !== "validation") return `want a validation AlexpayError, ${got}`;
      return fieldOk(error, want.field) ? null : `want field ${want.field}, got ${error.field}`;
    case "throws":
      if (!threw) return "want a throw, returned normally";
      return want.check(error) ? null : `check failed on ${got}`;
    case "refused":
      if (!threw) return `want ${want.kinds.join("/")}, returned normally`;
      if (!want.kinds.some((k) => (k === "AlexpayError" ? error instanceof api.AlexpayError : error instanceof globalThis[k] && !(error instanceof api.AlexpayError)))) return `want ${want.kinds.join("/")}, ${got}`;
      return fieldOk(error, want.field) ? null : `want field ${want.field}: ${got} (field ${error.field})`;
    case "AlexpayError":
      if (!threw) return "want AlexpayError, returned normally";
      if (!(error instanceof api.AlexpayError)) return `want AlexpayError, ${got}`;
      if (error.code !== want.code) return `want code ${want.code}, got ${error.code}`;
      if (!fieldOk(error, want.field)) return `want field ${want.field}, got ${error.field}`;
      if (error.family !== "validation" && want.code.startsWith("invalid_")) return `family ${error.family}`;
      return null;
    default: {
      if (!threw) return `want ${want.type}, returned normally`;
      const ctor = globalThis[want.type];
      if (!(error instanceof ctor) || error instanceof api.AlexpayError) return `want ${want.type}, ${got}`;
      return fieldOk(error, want.field) ? null : `message does not name '${want.field}': ${error.message}`;
    }
  }
}

/** After every hostile case the instance still works (nothing trapped or poisoned it). */
export function stillUsable(api) {
  const r = new api.Client({ publicKey: "pk", secretKey: SECRET, baseUrl: BASE }).mobileMoneyPayout({ amount: 1, countryId: "GH" });
  if (r.method !== "POST") throw new Error("bad request");
}

export async function runHostile(api) {
  const result = { total: 0, passed: 0, failed: 0, failures: [] };
  const record = (name, problem) => {
    result.total++;
    if (problem) {
      result.failed++;
      result.failures.push({ name, message: problem });
    } else {
      result.passed++;
    }
  };
  for (const c of cases(api)) record(c.name, await checkHostile(api, c));
  let problem = null;
  try {
    stillUsable(api);
  } catch (e) {
    problem = String(e);
  }
  record("instance still usable afterwards", problem);
  return result;
}

export function hostileSummary(label, r) {
  const lines = [`${label}: ${r.passed}/${r.total} hostile-input and secret checks passed, ${r.failed} failed`];
  for (const f of r.failures) lines.push(`  FAIL ${f.name}: ${f.message}`);
  return lines.join("\n");
}
