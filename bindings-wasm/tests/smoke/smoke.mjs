// A runtime smoke test of the native interface (the module the JavaScript
// facade sits on): loads in the runtime at hand and calls a few functions of
// each kind. Plain ES module, no Node APIs: Node, Chromium, Deno and workerd
// run it unchanged. The full comparison with the napi addon is
// tests/parity/backends.test.mjs; the facade's own suite will replace this.
const bytes = (s) => new TextEncoder().encode(s);

export function smoke(api) {
  const results = [];
  const check = (name, fn) => {
    try {
      const ok = fn();
      results.push({ name, ok: ok === true, detail: ok === true ? undefined : String(ok) });
    } catch (e) {
      results.push({ name, ok: false, detail: String((e && e.stack) || e) });
    }
  };
  const isFailure = (v, code, field) => v instanceof api.NativeFailure && v.code === code && (field === undefined || v.field === field);

  check("errorCodes lists the core's codes", () => {
    const codes = api.errorCodes();
    return (codes.length >= 28 && codes.every((c) => typeof c === "string") && ["invalid_amount", "webhook_mismatch", "cancelled"].every((c) => codes.includes(c))) || JSON.stringify(codes);
  });
  const client = api.createClient("pk_test_smoke", "sk_test_smoke", "https://api.alexpay.test/");
  check("createClient gives a NativeClient", () => client instanceof api.NativeClient && client.baseUrl === "https://api.alexpay.test" && client.publicKey === "pk_test_smoke");
  check("a bad config is a returned NativeFailure", () => isFailure(api.createClient("pk", "sk\n", "https://a.test"), "invalid_credentials", "secretKey"));
  check("mobileMoneyPayout: url and body, packed", () => {
    const r = client.mobileMoneyPayout(100, "GH");
    return (typeof r === "string" && r.startsWith('51:https://api.alexpay.test/v1/payment/payouts/process61:{"amount":100,')) || JSON.stringify(r);
  });
  check("payoutShape: method and headers, once per client", () => {
    const s = client.payoutShape();
    return (s[0] === "POST" && s[1] === "secret-key" && s[2] === "sk_test_smoke" && s.includes("content-type")) || JSON.stringify(s);
  });
  check("mobileMoneyPayout: NaN is invalid_amount", () => isFailure(client.mobileMoneyPayout(NaN, "GH"), "invalid_amount", "amount"));
  check("statusCheck: body null, GET in its shape", () => {
    const r = client.statusCheck("PO_1");
    const s = client.statusCheckShape();
    return (r === "46:https://api.alexpay.test/v1/payment/PO_1/check~" && s[0] === "GET" && !s.includes("content-type")) || JSON.stringify([r, s]);
  });
  check("parsePayoutResponse: a packed Payout", () => {
    const p = api.parsePayoutResponse(200, bytes('{"status":"success","code":200,"data":{"payout_id":"PO_1","status":"processing","amount":100}}'));
    return p === "4:PO_13:1007:pending10:processing~" || JSON.stringify(p);
  });
  check("parseWebhook: invalid UTF-8 is webhook_malformed", () => isFailure(api.parseWebhook(new Uint8Array([0xff, 0xfe])), "webhook_malformed"));
  check("signWebhook then verifyWebhookSignature", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = bytes('{"payout_id":"PO_1","status":"successful"}');
    const sig = api.signWebhook(secret, "msg_1", 1700000000, body);
    const headers = [["webhook-id", "msg_1"], ["webhook-timestamp", "1700000000"], ["webhook-signature", sig]];
    return (api.verifyWebhookSignature(secret, headers, body, 1700000000) === undefined &&
      isFailure(api.verifyWebhookSignature(secret, headers, bytes("{}"), 1700000000), "webhook_signature_invalid")) || sig;
  });
  check("NativeTracker: observe, observeEvent, nextPollDelayMs", () => {
    const t = api.createTracker("PO_1");
    return (t.observeEvent("successful", "PO_1") === "needs_confirmation" && t.observe("successful", ["PO_1"]) === "changed" &&
      t.isTerminal && t.nextPollDelayMs(0, 0.5) === null) || t.status;
  });
  check("retryDecision: a plain object", () => {
    const d = api.retryDecision("status_check", 1, 503);
    return (d.action === "retry" && typeof d.delayMs === "number") || JSON.stringify(d);
  });
  check("NativeFlow: follow flow sends, reads the answer, ends", () => {
    const f = api.createFollowFlow(client, "PO_1", 30000, 0, 7);
    const send = f.next(0);
    if (send[0] !== "send" || send[2] !== "status_check") return JSON.stringify(send);
    const answer = f.onResponse(send[1], 10, 200, ["content-type", "application/json"],
      bytes('{"status":"success","code":200,"data":{"id":"PO_1","status":"successful","amount":100}}'));
    const done = f.next(10);
    return (answer === undefined && done[0] === "done" && f.outcome()[0] === "succeeded" && f.outcomeReport().startsWith("4:PO_1")) || JSON.stringify([answer, done, f.outcome()]);
  });
  check("a lone surrogate in a string does not trap the module", () => isFailure(client.statusCheck("\ud800"), "invalid_payout_id"));

  const failed = results.filter((r) => !r.ok);
  return { passed: results.length - failed.length, failed: failed.length, failures: failed };
}

export function smokeSummary(label, r) {
  const lines = [`${label}: smoke ${r.passed} passed, ${r.failed} failed`];
  for (const f of r.failures) lines.push(`  FAIL ${f.name}: ${f.detail}`);
  return lines.join("\n");
}
