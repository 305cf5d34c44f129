// Runs the differential cases through both JavaScript packages, as users load
// them: `alexpay` (bindings-node, napi) and `alexpay-wasm` (its Node entry),
// the one facade over two back ends. Flow steps go through each back end's
// NativeFlow (the facade's drivers run on it; Python's native flows are the
// same step API). Results have run_python.py's shape, snake_case keys.
//   node run_node.mjs CASES.json OUT_DIR   (writes napi.json and wasm.json)
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { REPORT, WEBHOOK_RESULT, fields } from "../js/packed.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const require = createRequire(import.meta.url);
const surfaces = {
  napi: { sdk: require(path.join(root, "bindings-node")), native: require(path.join(root, "bindings-node/native.js")) },
  wasm: {
    sdk: require(path.join(root, "bindings-wasm/entry/node.cjs")),
    native: require(path.join(root, "bindings-wasm/pkg/nodejs/alexpay_wasm.js")),
  },
};

const snake = (s) => (typeof s === "string" ? s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : s);
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const camelKeys = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));
const raw = (b) => new Uint8Array(Buffer.from(b, "base64"));
const text = (u8) => (u8 == null ? undefined : Buffer.from(u8).toString("utf8"));

/** Plain JSON, snake_case keys, absent values left out (as Python's None). */
function plain(v) {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Uint8Array) return text(v);
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      const p = plain(x);
      if (p !== undefined) out[snake(k)] = p;
    }
    return out;
  }
  return v;
}

const nil = (v) => (v === undefined ? null : v);
function error(e) {
  return { code: e.code, field: nil(snake(e.field)), http_status: nil(e.httpStatus), retryable: e.retryable, api_code: nil(e.apiCode) };
}

function run(s, fn) {
  try {
    return { ok: nil(plain(fn())) };
  } catch (e) {
    if (e instanceof s.sdk.AlexpayError) return { error: error(e) };
    if (e instanceof NativeError) return { error: error(e.fields) };
    return { raised: e?.constructor?.name ?? typeof e };
  }
}

function client(s, c) {
  const config = { publicKey: c.public_key, secretKey: c.secret_key, baseUrl: c.base_url };
  if ("user_agent" in c) config.userAgent = c.user_agent;
  return new s.sdk.Client(config);
}

function request(r) {
  const body = text(r.body);
  return { method: r.method, url: r.url, headers: { ...r.headers }, ...(body ? { body } : {}) };
}

/** A back end's NativeFailure, thrown so `run` reports it as the error. */
class NativeError extends Error {
  constructor(v) {
    super(v.message);
    this.fields = nativeError(v);
  }
}
function nativeFailure(s, v) {
  if (v instanceof s.native.NativeFailure) throw new NativeError(v);
  return v;
}
function nativeError(v) {
  return { code: v.code, field: v.field, httpStatus: v.httpStatus, retryable: v.retryable, apiCode: v.apiCode };
}

function action(slots) {
  if (slots[0] === "wait") return ["wait", slots[1]];
  if (slots[0] === "send") return ["send", slots[2], slots[3], slots[4], slots[5], slots[6] ?? ""];
  return ["done"];
}

function outcome(s, f, isWebhook) {
  const [kind, payoutId, message, receiverStatus] = f.outcome();
  const e = f.outcomeError();
  const err = e ? error(nativeError(e)) : null;
  if (isWebhook) {
    const w = fields(f.webhookResult(), WEBHOOK_RESULT);
    const ok = w ? plain({ payout_id: w[0], status: w[1], raw_status: w[2], event_status: w[3], stale: w[4], webhook_id: w[5] }) : null;
    return { ok, error: err, receiver_status: receiverStatus };
  }
  const report = fields(f.outcomeReport(), REPORT);
  return plain({ kind, payout_id: payoutId, message, error: err, report_status: report ? report[5] : undefined });
}

function flow(s, c) {
  const m = s.native;
  const cl = nativeFailure(s, m.createClient("pk_test_1", "sk_test_1", "https://api.alexpay.test", undefined));
  const a = c.args || {};
  const [t, w, seed] = [c.request_timeout_ms, c.wait_ms, c.seed];
  let f;
  if (c.flow === "payout" && c.payout === "bank") {
    f = m.createBankFlow(cl, a.amount, a.country_id, a.bank_id, a.account_number, a.narration, a.webhook_url, t, w, seed);
  } else if (c.flow === "payout") {
    f = m.createMobileMoneyFlow(cl, a.amount, a.country_id, a.phone_number, a.narration, a.webhook_url, t, w, seed);
  } else if (c.flow === "follow") {
    f = m.createFollowFlow(cl, c.payout_id, t, w, seed);
  } else {
    f = m.createWebhookFlow(cl, Buffer.from(raw(c.body)), [], undefined, 300, t, c.deadline_ms, seed);
  }
  f = nativeFailure(s, f);
  const trace = [];
  let now = 0;
  let sends = 0;
  for (let step = 0; step < 60; step++) {
    const slots = f.next(now);
    trace.push(action(slots));
    if (slots[0] === "done") return { trace, attempts: f.attempts, outcome: outcome(s, f, c.flow === "webhook") };
    if (slots[0] === "wait") {
      now = slots[1];
      continue;
    }
    const r = c.replies[sends % c.replies.length];
    now += c.gaps[sends % c.gaps.length];
    sends++;
    if ("transport_error" in r) nativeFailure(s, f.onTransportError(slots[1], now, r.transport_error));
    else nativeFailure(s, f.onResponse(slots[1], now, r.http_status, (r.headers || []).flat(), Buffer.from(raw(r.body))));
  }
  return { trace, unfinished: true };
}

const CASES = {
  client: (s, c) => {
    const cl = client(s, c.client);
    return { base_url: cl.baseUrl, user_agent: cl.userAgent };
  },
  payout_request: (s, c) => {
    const cl = client(s, c.client);
    const args = camelKeys(c.args);
    return request(c.payout === "bank" ? cl.bankPayout(args) : cl.mobileMoneyPayout(args));
  },
  status_check: (s, c) => request(client(s, c.client).statusCheck(c.payout_id)),
  payout_response: (s, c) => s.sdk.parsePayoutResponse(c.http_status, raw(c.body)),
  status_response: (s, c) => s.sdk.parseStatusResponse(c.http_status, raw(c.body)),
  webhook: (s, c) => s.sdk.parseWebhook(raw(c.body)),
  confirm: (s, c) => s.sdk.confirmWebhook(s.sdk.parseWebhook(raw(c.body)), s.sdk.parseStatusResponse(c.http_status, raw(c.report))),
  signature: (s, c) => {
    // A fetch `Headers` holds only byte strings (it throws on other text, a
    // platform rule): then the pairs, as Python gets them.
    let headers = c.headers;
    if (c.container === "headers") {
      try {
        headers = new Headers(c.headers);
      } catch {}
    }
    const args = [c.secret, headers, raw(c.body), c.now];
    if (c.tolerance_secs !== null) args.push(c.tolerance_secs);
    return s.sdk.verifyWebhookSignature(...args);
  },
  status: (s, c) => {
    const status = s.sdk.normalizeStatus(c.raw);
    return { status, is_terminal: s.sdk.isTerminalStatus(status) };
  },
  retry: (s, c) => {
    const input = { operation: c.operation, attempt: c.attempt };
    for (const k of ["http_status", "transport_error", "retry_after_secs"]) if (k in c) input[camel(k)] = c[k];
    if ("body" in c) input.body = raw(c.body);
    const d = s.sdk.retryDecision(input);
    return { action: d.action, delay_ms: d.delayMs };
  },
  flow,
};

const [casesFile, outDir] = process.argv.slice(2);
const { cases } = JSON.parse(readFileSync(casesFile, "utf8"));
for (const [name, s] of Object.entries(surfaces)) {
  const results = cases.map((c) => ({ n: c.n, r: run(s, () => CASES[c.kind](s, c)) }));
  writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify({ surface: name, results }));
}
