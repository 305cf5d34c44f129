// Runs the flow scripts (tests/vectors/flows/*.json, format:
// tests/vectors/README.md, "Flow scripts") through the facade's real drivers
// (`sendMobileMoneyPayout`, `sendBankPayout`, `waitForPayout`,
// `handleWebhook`) with a scripted fetch and a fake clock, in every runtime
// (Node on both packages, Chromium, Deno, workerd): each request must be the
// one the script expects, and the promise must settle to the script's
// outcome. Plain request/answer scripts only; the step-by-step replay of every
// script on both back ends' NativeFlow is bindings-wasm/tests/parity/.
//
//   listFlowCases(files) -> [{ file, name, exec(api) }]   (one test each)
//   runFlows(api, files) -> { passed, failed, failures }
// `files` is [{ name, doc }]; a flow file without a runner fails.

export const FLOW_FILES = ["body_cap.json", "follow.json", "payout.json", "webhook.json"];

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const camelKeys = (obj) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [camel(k), v]));

function same(want, have) {
  if (want === null) return have === null || have === undefined;
  if (typeof want === "object") return typeof have === "object" && have !== null && Object.keys(want).every((k) => same(want[k], have[k]));
  return want === have;
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

const errorJson = (e) => e && { code: e.code, field: e.field === undefined ? null : e.field, http_status: e.httpStatus === undefined ? null : e.httpStatus };
const camelError = (e) => e && { ...e, field: e.field === null || e.field === undefined ? e.field : camel(e.field) };

function camelOutcome(o) {
  const out = { ...o };
  for (const k of ["error", "cause"]) if (o[k]) out[k] = camelError(o[k]);
  return out;
}

function failure(kind) {
  if (kind === "timeout") return new DOMException("The operation was aborted due to timeout", "TimeoutError");
  const code = kind === "connect" ? "ECONNREFUSED" : "ECONNRESET";
  return new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
}

function response(r) {
  const headers = Object.entries(r.headers || {}).map(([k, v]) => [k.toLowerCase(), v]);
  const body = new TextEncoder().encode(r.body || "");
  return {
    status: r.http_status,
    type: "basic",
    headers: { forEach: (cb) => headers.forEach(([k, v]) => cb(v, k)) },
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength),
  };
}

export function drivable(c) {
  const steps = c.input.steps;
  if (steps.some((s) => s.cancel || s.late_reply || s.reply_error)) return false;
  if (steps.slice(1).some((s) => s.at !== undefined)) return false;
  if (c.input.options && c.input.options.request_timeout_ms && c.input.flow !== "payout") return false;
  return steps.every((s) => !(typeof s.expect === "object" && s.expect.send) || s.reply);
}

async function runCase(api, doc, c) {
  const input = c.input;
  const opts = input.options || {};
  const clock = { now: (input.steps[0] && input.steps[0].at) || 0 };
  const sends = input.steps.filter((s) => typeof s.expect === "object" && s.expect.send);
  const sent = [];
  const fetch = async (url, init) => {
    const step = sends.shift();
    check(step, `an unscripted request: ${init.method} ${url}`);
    check((init.method === "POST" ? "payout" : "status_check") === step.expect.send, `want ${step.expect.send}, sent ${init.method}`);
    if (step.expect.url_ends) check(url.endsWith(step.expect.url_ends), url);
    check(init.redirect === "manual", `redirect ${init.redirect}: a redirect must never resend a payout`);
    check(init.signal instanceof AbortSignal, "every request carries an AbortSignal (its timeout)");
    sent.push(init.method);
    const r = step.reply;
    if (r.transport_error) throw failure(r.transport_error);
    return response(r);
  };
  const client = new api.Client({
    ...camelKeys(doc.client),
    fetch,
    requestTimeoutMs: opts.request_timeout_ms,
    clock: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
    },
  });
  let outcome;
  try {
    if (input.flow === "payout") {
      const args = camelKeys(input.payout.args);
      const wait = { wait: (opts.wait_ms || 0) > 0, timeoutMs: opts.wait_ms };
      const r = await (input.payout.kind === "bank" ? client.sendBankPayout(args, wait) : client.sendMobileMoneyPayout(args, wait));
      outcome = { kind: r.status, payout_id: r.payoutId, report_status: r.report ? r.report.status : null, message: r.message, error: null, cause: null };
    } else if (input.flow === "follow") {
      const r = await client.waitForPayout(input.payout_id, { timeoutMs: opts.wait_ms || 0 });
      outcome = { kind: r.status, payout_id: r.payoutId, report_status: r.report ? r.report.status : null, message: r.message, error: null, cause: null };
    } else {
      const w = input.webhook;
      const r = await client.handleWebhook({ body: w.body, headers: w.headers || {} }, { secret: w.secret, toleranceSecs: w.tolerance_secs, timeoutMs: opts.deadline_ms });
      outcome = { ok: { payout_id: r.payoutId, status: r.status, raw_status: r.rawStatus, event_status: r.eventStatus, stale: r.stale, webhook_id: r.webhookId }, receiver_status: 200 };
    }
  } catch (e) {
    if (!(e instanceof api.AlexpayError)) throw e;
    if (c.expect.create_error) {
      check(same(camelError(c.expect.create_error), errorJson(e)) && sent.length === 0, JSON.stringify(errorJson(e)));
      return;
    }
    outcome = input.flow === "webhook"
      ? { error: errorJson(e), receiver_status: e.receiverStatus }
      : { kind: e.code === "outcome_unknown" ? "unknown" : "rejected", payout_id: e.payoutId, report_status: null, error: errorJson(e), cause: e.cause instanceof api.AlexpayError ? errorJson(e.cause) : null };
  }
  check(!c.expect.create_error, "creation should have failed");
  check(sends.length === 0, "the driver stopped before the script ended");
  if (c.expect.payout_requests !== undefined) {
    check(sent.filter((m) => m === "POST").length === c.expect.payout_requests, `payout requests: ${sent.join(",")}`);
  }
  const want = camelOutcome(c.expect.outcome);
  check(same(want, outcome), `want ${JSON.stringify(want)} got ${JSON.stringify(outcome)}`);
}

const MIN_DRIVABLE = 60;

/** An endless answer: the driver reads to the client's cap + 1 byte, cancels the stream, and the core refuses it unread. */
async function endlessAnswerIsReadOnlyToTheCap(api) {
  let pulled = 0;
  let cancelled = false;
  const chunk = new Uint8Array(4096).fill(32);
  const fetch = async () =>
    new Response(new ReadableStream({ pull(c) { pulled += chunk.length; c.enqueue(chunk); }, cancel() { cancelled = true; } }), { status: 200 });
  const client = new api.Client({ publicKey: "pk_test_cap", secretKey: "sk_test_cap", baseUrl: "https://api.alexpay.test", maxBodyBytes: 10000, fetch });
  check(client.maxBodyBytes === 10000, `maxBodyBytes reads ${client.maxBodyBytes}`);
  let error;
  try {
    await client.sendMobileMoneyPayout({ amount: 1, countryId: "GH" });
  } catch (e) {
    error = e;
  }
  check(error && error.code === "outcome_unknown", `want outcome_unknown, got ${error && error.code}`);
  check(error.cause && error.cause.code === "response_too_large", `want the cause response_too_large, got ${error.cause && error.cause.code}`);
  check(cancelled && pulled <= 10000 + 3 * chunk.length, `the stream was read to ${pulled} bytes (cancelled: ${cancelled})`);
}

/** Every drivable script as { file, name, exec(api) }, plus the file and count checks. */
export function listFlowCases(files) {
  const names = files.map((f) => f.name).sort();
  const out = [];
  if (JSON.stringify(names) !== JSON.stringify(FLOW_FILES)) {
    out.push({ file: "(flows)", name: "every flow file has a runner", exec() { throw new Error(`flow files ${names.join(", ")}: a file without a runner, or a runner without a file`); } });
  }
  for (const { name, doc } of files) {
    for (const c of doc.cases.filter(drivable)) out.push({ file: name, name: c.name, exec: (api) => runCase(api, doc, c) });
  }
  out.push({ file: "(driver)", name: "an endless answer is read only to the body cap", exec: endlessAnswerIsReadOnlyToTheCap });
  if (out.length < MIN_DRIVABLE) {
    out.push({ file: "(flows)", name: "enough scripts run through the drivers", exec() { throw new Error(`only ${out.length} flow scripts are drivable`); } });
  }
  return out;
}

export async function runFlows(api, files) {
  const result = { passed: 0, failed: 0, failures: [] };
  for (const c of listFlowCases(files)) {
    try {
      await c.exec(api);
      result.passed++;
    } catch (e) {
      result.failed++;
      result.failures.push(`${c.file} / ${c.name}: ${e && e.message}`);
    }
  }
  return result;
}

export function flowSummary(label, r) {
  const lines = [`${label}: ${r.passed}/${r.passed + r.failed} flow scripts through the drivers passed, ${r.failed} failed`];
  for (const f of r.failures.slice(0, 20)) lines.push(`  FAIL ${f}`);
  return lines.join("\n");
}
