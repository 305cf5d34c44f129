// Differential test of the two back ends behind the one JavaScript facade:
// the napi addon (bindings-node/native.js, `cd bindings-node && npm run
// build`) and this package's `--target nodejs` build. The same inputs go
// through both and must give the same answer: deep-equal slot arrays,
// identical packed result strings (bindings-node/src/packed.rs) and values, NativeFailure records equal in every field (code, family, field,
// message, httpStatus, retryable, apiCode, apiMessage, payoutId), or both
// throwing. Inputs: every shared vector in tests/vectors/*.json that maps to
// a back-end call, every flow script in tests/vectors/flows/*.json replayed
// step by step on both NativeFlows (also checked against the script's
// expectations), and seeded random/hostile inputs (NaN, -1, 1e300, empty
// strings, lone surrogates, invalid UTF-8 bodies, random flow drives).
//   node --test tests/parity/
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { flowFiles as readFlowFiles, vectorFiles } from "../../../tests/js/node-files.mjs";
import { EVENT, PAYOUT, REPORT, WEBHOOK_RESULT, fields, pack } from "../../../tests/js/packed.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const napiPath = path.resolve(here, "../../../bindings-node/native.js");
const wasmPath = path.resolve(here, "../../pkg/nodejs/alexpay_wasm.js");

if (!existsSync(napiPath)) throw new Error(`${napiPath} is missing: build the addon (cd bindings-node && npm run build)`);
const napi = require(napiPath);
const wasm = require(wasmPath);
const backends = [
  ["napi", napi],
  ["wasm", wasm],
];

// ------------------------------------------------------------ comparison

const FAILURE_FIELDS = ["code", "family", "message", "field", "httpStatus", "retryable", "apiCode", "apiMessage", "payoutId"];

/** A back end's answer as plain data, tagged by kind (classes by name). */
function norm(v, m) {
  if (v instanceof m.NativeFailure) return { failure: Object.fromEntries(FAILURE_FIELDS.map((k) => [k, v[k]])) };
  if (v instanceof m.NativeClient) return { client: [v.publicKey, v.baseUrl, v.userAgent, v.maxBodyBytes] };
  if (v instanceof m.NativeTracker) return { tracker: [v.payoutId, v.status, v.rawStatus, v.isTerminal] };
  if (v instanceof m.NativeFlow) return { flow: v.attempts };
  if (Array.isArray(v)) return v.map((x) => norm(x, m));
  if (v !== null && typeof v === "object") {
    assert.equal(Object.getPrototypeOf(v), Object.prototype, `an object result is a plain object`);
    return { object: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x, m)])) };
  }
  return v;
}

/** Runs `call` on a back end: `{ value }` (raw and normalised) or `{ threw }`. */
function run(m, call) {
  try {
    const raw = call(m);
    return { raw, value: norm(raw, m) };
  } catch (e) {
    return { threw: e };
  }
}

let compared = 0;
/** Calls both back ends, asserts the same answer, returns both raw results. */
function same(label, call) {
  const [n, w] = backends.map(([, m]) => run(m, call));
  compared++;
  if (n.threw || w.threw) {
    assert.ok(n.threw && w.threw, `${label}: only ${n.threw ? "napi" : "wasm"} threw: ${(n.threw || w.threw).message}`);
    return [undefined, undefined];
  }
  assert.deepStrictEqual(w.value, n.value, label);
  return [n.raw, w.raw];
}

// ------------------------------------------------------------ vectors

const files = vectorFiles();
const flowFiles = readFlowFiles();

const utf8 = (s) => Buffer.from(s, "utf8");
const bodyOf = (input) => (input.body_base64 !== undefined ? Buffer.from(input.body_base64, "base64") : utf8(input.body ?? ""));
/** napi takes a Buffer, wasm a plain Uint8Array (a copy, so neither can see the other's use). */
const bytesFor = (m, buf) => (buf == null ? buf : m === napi ? Buffer.from(buf) : new Uint8Array(buf));
const orNone = (v) => (v === null ? undefined : v);
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function clientFor(m, c) {
  const r = m.createClient(c.public_key ?? "", c.secret_key ?? "", c.base_url ?? "", orNone(c.user_agent));
  assert.ok(r instanceof m.NativeClient, `vector client refused: ${r.message}`);
  return r;
}


/** One runner per vector file: each case becomes one or more `same` calls. */
const RUNNERS = {
  "client_config.json": (doc, c) => {
    const i = c.input;
    same("createClient", (m) => m.createClient(i.public_key, i.secret_key, i.base_url, "user_agent" in i ? i.user_agent ?? undefined : undefined, i.max_body_bytes));
  },
  "payout_requests.json": (doc, c) => {
    const i = c.input;
    const a = i.args;
    const cl = { ...doc.client, ...(i.client || {}) };
    same(`${i.kind} payout`, (m) => {
      const client = m.createClient(cl.public_key, cl.secret_key, cl.base_url, orNone(cl.user_agent));
      if (!(client instanceof m.NativeClient)) return client;
      return i.kind === "bank"
        ? client.bankPayout(a.amount, a.country_id ?? "", a.bank_id ?? "", a.account_number ?? "", orNone(a.narration), orNone(a.webhook_url))
        : client.mobileMoneyPayout(a.amount, a.country_id ?? "", orNone(a.phone_number), orNone(a.narration), orNone(a.webhook_url));
    });
    for (const kind of ["mobile_money", "bank"]) {
      // The same arguments as a payout flow's creation and first action.
      same(`${kind} flow`, (m) => {
        const client = m.createClient(cl.public_key, cl.secret_key, cl.base_url, orNone(cl.user_agent));
        if (!(client instanceof m.NativeClient)) return client;
        const flow = kind === "bank"
          ? m.createBankFlow(client, a.amount, a.country_id ?? "", a.bank_id ?? "", a.account_number ?? "", orNone(a.narration), orNone(a.webhook_url), 30000, 0, 7)
          : m.createMobileMoneyFlow(client, a.amount, a.country_id ?? "", orNone(a.phone_number), orNone(a.narration), orNone(a.webhook_url), 30000, 0, 7);
        return flow instanceof m.NativeFlow ? [flow.next(0), flow.attempts] : flow;
      });
    }
  },
  "status_check_requests.json": (doc, c) => {
    const cl = { ...doc.client, ...(c.input.client || {}) };
    same("statusCheck", (m) => clientFor(m, cl).statusCheck(c.input.payout_id ?? ""));
    same("createFollowFlow", (m) => {
      const flow = m.createFollowFlow(clientFor(m, cl), c.input.payout_id ?? "", 30000, 0, 7);
      return flow instanceof m.NativeFlow ? flow.next(0) : flow;
    });
  },
  "payout_responses.json": (doc, c) => {
    same("parsePayoutResponse", (m) => m.parsePayoutResponse(c.input.http_status, bytesFor(m, bodyOf(c.input))));
  },
  "status_responses.json": (doc, c) => {
    same("parseStatusResponse", (m) => m.parseStatusResponse(c.input.http_status, bytesFor(m, bodyOf(c.input))));
  },
  "webhooks.json": (doc, c) => {
    same("parseWebhook", (m) => m.parseWebhook(bytesFor(m, bodyOf(c.input))));
  },
  "webhook_signatures.json": (doc, c) => {
    const i = c.input;
    const pairs = Object.entries(i.headers || {});
    same("verifyWebhookSignature", (m) => m.verifyWebhookSignature(i.secret, pairs, bytesFor(m, utf8(i.body)), i.now, orNone(i.tolerance_secs)));
  },
  "webhook_confirmations.json": (doc, c) => {
    const i = c.input;
    same("confirmWebhook", (m) => {
      const e = fields(m.parseWebhook(bytesFor(m, utf8(i.webhook_body))), EVENT);
      const r = fields(m.parseStatusResponse(i.status_response.http_status, bytesFor(m, utf8(i.status_response.body))), REPORT);
      if (!Array.isArray(e) || !Array.isArray(r)) return [e, r];
      // Event fields [payoutId, reference, status, rawStatus, amount];
      // report fields [id, reference, amount, ..., rawStatus (6), ...].
      return m.confirmWebhook(pack(e[0], e[3], r[0], r[1], r[6]), e[4], r[2]);
    });
  },
  "statuses.json": (doc, c) => {
    same("normalizeStatus", (m) => m.normalizeStatus(c.input.raw));
    same("isTerminalStatus", (m) => m.isTerminalStatus(c.input.raw));
  },
  "tracker.json": (doc, c) => {
    const i = c.input;
    const [tn, tw] = same("createTracker", (m) => m.createTracker(i.payout_id));
    if (!(tn instanceof napi.NativeTracker)) return;
    const trackers = new Map([[napi, tn], [wasm, tw]]);
    for (const [k, step] of (i.steps || []).entries()) {
      const o = step.observe;
      same(`step ${k}`, (m) => {
        const t = trackers.get(m);
        let result;
        if (o.status !== undefined) result = t.observe(o.status, []);
        else if (o.webhook !== undefined) {
          const e = fields(m.parseWebhook(bytesFor(m, utf8(o.webhook))), EVENT);
          result = Array.isArray(e) ? t.observeEvent(e[3], e[0]) : e;
        } else if (o.payout_response) {
          const p = fields(m.parsePayoutResponse(o.payout_response.http_status, bytesFor(m, utf8(o.payout_response.body))), PAYOUT);
          result = Array.isArray(p) ? t.observe(p[3], [p[0]]) : p;
        } else {
          const r = fields(m.parseStatusResponse(o.status_response.http_status, bytesFor(m, utf8(o.status_response.body))), REPORT);
          result = Array.isArray(r) ? t.observe(r[6], [r[0], r[1]].filter((x) => x !== null)) : r;
        }
        return [result, t];
      });
    }
    for (const p of i.polls || []) same(`poll ${p.attempt}`, (m) => trackers.get(m).nextPollDelayMs(p.attempt, p.jitter));
  },
  "retry.json": (doc, c) => {
    const i = c.input;
    same("retryDecision", (m) =>
      m.retryDecision(i.operation, i.attempt, orNone(i.http_status), i.body === undefined ? undefined : bytesFor(m, utf8(i.body)), orNone(i.transport_error), orNone(i.retry_after_secs)),
    );
  },
};

test("every vector file has a parity runner", () => {
  assert.ok(files.length > 0);
  for (const f of files) assert.ok(RUNNERS[f.name], `no parity runner for tests/vectors/${f.name}`);
  assert.deepEqual(flowFiles.map((f) => f.name), ["body_cap.json", "follow.json", "payout.json", "webhook.json"]);
});

for (const { name, doc } of files) {
  test(`vectors: ${name} (${doc.cases.length} cases)`, () => {
    for (const c of doc.cases) {
      try {
        RUNNERS[name](doc, c);
      } catch (e) {
        e.message = `${name} / ${c.name}: ${e.message}`;
        throw e;
      }
    }
  });
}

// ------------------------------------------------------------ flow scripts

const pairsFlat = (headers) => Object.entries(headers || {}).flat();
const errorJson = (f) => (f ? { code: f.code, field: f.field, http_status: f.httpStatus } : null);
/** Expected objects list only the keys that must match (as core/tests/flows.rs). */
function matches(want, have) {
  if (want !== null && typeof want === "object") {
    return have !== null && typeof have === "object" && Object.entries(want).every(([k, v]) => matches(v, have[k] ?? null));
  }
  return want === (have ?? null);
}
const expectedError = (e) => (e ? { ...e, field: e.field == null ? null : camel(e.field) } : e);
function expectedOutcome(want) {
  const out = { ...want };
  for (const k of ["error", "cause"]) if (k in out) out[k] = expectedError(out[k]);
  if (out.error && out.receiver_status !== undefined) out.error = expectedError(want.error);
  return out;
}

function createFlow(m, doc, input) {
  const c = doc.client;
  const client = m.createClient(c.public_key, c.secret_key, c.base_url, undefined, c.max_body_bytes);
  const o = input.options || {};
  const timeout = o.request_timeout_ms ?? 30000;
  if (input.flow === "payout") {
    const a = input.payout.args;
    return input.payout.kind === "bank"
      ? m.createBankFlow(client, a.amount, a.country_id, a.bank_id ?? "", a.account_number ?? "", orNone(a.narration), orNone(a.webhook_url), timeout, o.wait_ms ?? 0, o.seed ?? 7)
      : m.createMobileMoneyFlow(client, a.amount, a.country_id, orNone(a.phone_number), orNone(a.narration), orNone(a.webhook_url), timeout, o.wait_ms ?? 0, o.seed ?? 7);
  }
  if (input.flow === "follow") return m.createFollowFlow(client, input.payout_id, timeout, o.wait_ms ?? 0, o.seed ?? 7);
  const w = input.webhook;
  return m.createWebhookFlow(client, bytesFor(m, utf8(w.body)), pairsFlat(w.headers), orNone(w.secret), w.tolerance_secs ?? 300, timeout, o.deadline_ms ?? 30000, 7);
}

/** The flow's outcome in the scripts' shape, from its slots. */
function outcomeOf(flow, isWebhook) {
  const o = flow.outcome();
  if (isWebhook) {
    const r = fields(flow.webhookResult(), WEBHOOK_RESULT);
    const answer = { receiver_status: o[3] };
    if (r) return { ok: { payout_id: r[0], status: r[1], raw_status: r[2], event_status: r[3], stale: r[4], webhook_id: r[5] }, ...answer };
    return { error: errorJson(flow.outcomeError()), ...answer };
  }
  const report = fields(flow.outcomeReport(), REPORT);
  return { kind: o[0], payout_id: o[1], report_status: report ? report[5] : null, message: o[2], error: errorJson(flow.outcomeError()), cause: errorJson(flow.outcomeCause()) };
}

/** Every outcome getter, for the parity comparison. */
const allOutcomes = (f) => [f.outcome(), f.outcomeError(), f.outcomeCause(), f.outcomeReport(), f.outcomePayout(), f.webhookResult(), f.webhookEvent(), f.attempts];

function replay(doc, c) {
  const input = c.input;
  const isWebhook = input.flow === "webhook";
  const [fn, fw] = same("create", (m) => createFlow(m, doc, input));
  if (!(fn instanceof napi.NativeFlow)) {
    assert.ok(c.expect.create_error, "creation failed, but the script expects a flow");
    const f = run(napi, (m) => createFlow(m, doc, input)).raw;
    assert.ok(matches(expectedError(c.expect.create_error), errorJson(f)), `create_error ${JSON.stringify(errorJson(f))}`);
    return;
  }
  const flows = new Map([[napi, fn], [wasm, fw]]);
  const both = (label, call) => same(label, (m) => call(flows.get(m), m));
  let now = 0;
  let payoutSends = 0;
  const ids = [];
  const reply = (label, id, at, r) =>
    both(label, (f, m) =>
      r.transport_error !== undefined
        ? f.onTransportError(id, at, r.transport_error)
        : f.onResponse(id, at, r.http_status, pairsFlat(r.headers), bytesFor(m, utf8(r.body ?? ""))),
    );
  for (const [k, step] of input.steps.entries()) {
    const at = step.at ?? now;
    now = at;
    if (step.cancel) {
      both(`step ${k}: cancel`, (f) => f.cancel(at));
      continue;
    }
    if (step.late_reply) {
      reply(`step ${k}: late reply`, ids[0], at, step.late_reply);
      continue;
    }
    const [action] = both(`step ${k}: next(${at})`, (f) => f.next(at));
    const want = step.expect;
    if (action[0] === "wait") {
      assert.ok(want.wait !== undefined || want.wait_between, `step ${k}: want ${JSON.stringify(want)}, got wait`);
      const [lo, hi] = want.wait !== undefined ? [want.wait, want.wait] : want.wait_between;
      const waited = Math.max(0, action[1] - at);
      assert.ok(waited >= lo && waited <= hi, `step ${k}: want a wait of ${lo}..${hi} ms, got ${waited}`);
      now = action[1];
    } else if (action[0] === "send") {
      assert.equal(action[2], want.send, `step ${k}: send`);
      if (want.url_ends) assert.ok(action[5].endsWith(want.url_ends), `step ${k}: url ${action[5]}`);
      if (want.timeout_ms !== undefined) assert.equal(action[3], want.timeout_ms, `step ${k}: timeout`);
      ids.push(action[1]);
      if (action[2] === "payout") payoutSends++;
      if (step.reply) {
        const when = step.reply_at ?? at;
        now = when;
        const [answer] = reply(`step ${k}: reply`, action[1], when, step.reply);
        if (step.reply_error) assert.ok(matches(expectedError(step.reply_error), errorJson(answer)), `step ${k}: reply_error`);
        else assert.equal(answer, undefined, `step ${k}: reply refused: ${answer?.message}`);
      }
    } else {
      assert.equal(want, "done", `step ${k}: want ${JSON.stringify(want)}, got done`);
    }
  }
  const [last] = both("final next", (f) => f.next(now));
  assert.deepEqual(last, ["done"], "not done after the steps");
  both("outcome getters", (f) => allOutcomes(f));
  if (c.expect.payout_requests !== undefined) assert.equal(payoutSends, c.expect.payout_requests, "payout requests sent");
  const got = outcomeOf(fn, isWebhook);
  assert.ok(matches(expectedOutcome(c.expect.outcome), got), `outcome: want ${JSON.stringify(c.expect.outcome)}\n got ${JSON.stringify(got)}`);
}

for (const { name, doc } of flowFiles) {
  test(`flow scripts: ${name} (${doc.cases.length} cases)`, () => {
    for (const c of doc.cases) {
      try {
        replay(doc, c);
      } catch (e) {
        e.message = `flows/${name} / ${c.name}: ${e.message}`;
        throw e;
      }
    }
  });
}

// ------------------------------------------------------------ hostile inputs

/** mulberry32: the same sequence on every run. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(0x5eed);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const NUMBERS = [NaN, -1, 0, -0, 1, 7, 100, 1.5, -1.5, 1e300, -1e300, Infinity, -Infinity, 200, 201, 204, 301, 404, 408, 409, 429, 500, 503, 65535, 65536, 70000,
  4294967295, 4294967296, 2 ** 53 - 1, 2 ** 53, 2 ** 64, Number.MIN_VALUE, Number.EPSILON, 1700000000, 1e15, 300, 30000, 600001, 0.5, 0.999];
const STRINGS = ["", " ", "\ud800", "a\udc00b", "\udfff\ud800", "\u0000", "é", "😀", "\u200b", "x".repeat(10000), "PO_1", "PO_77", "successful", "failed", "processing",
  "PENDING", "GH", "ZM", "gh", "+233 24 123 4567", "0241234567", "https://api.alexpay.test", "http://localhost:1/", "https://a.test/\ud800", "ftp://x",
  "pk_test", "sk_test\n", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "payout", "status_check", "connect", "timeout", "connection_lost", "bogus",
  "webhook-id", "webhook-timestamp", "webhook-signature", "retry-after", "v1,AAAA", "1700000000", "Wed, 21 Oct 2015 07:28:00 GMT", "msg_1", "UBA", "0123456789"];
const OPTIONAL_STRINGS = [...STRINGS, undefined, null];
const OPTIONAL_NUMBERS = [...NUMBERS, undefined, null];
const JSONS = [
  "", "{", "null", "[]", "{}", '"x"', "1e400", '{"status":"success","code":200,"data":{"payout_id":"PO_1","status":"processing","amount":100}}',
  '{"status":"success","code":200,"data":{"id":"PO_1","reference":"R","amount":"100","status":"successful","is_disbursed":true}}',
  '{"status":"error","code":429,"message":"slow down","data":{"payout_id":"PO_9"}}', '{"payout_id":"PO_1","status":"successful","amount":100}',
  '{"data":{"id":"PO_1","status":"failed","amount":1e300}}', '{"payout_id":"\\ud800","status":"\\udfff"}', '{"payout_id":"PO_1","amount":-1}',
  '{"payout_id":"PO_1","amount":1.5,"status":"success"}', "[".repeat(200) + "]".repeat(200), '{"a":' + '"x"'.repeat(1) + "}",
];
const BODIES = [
  ...JSONS.map(utf8),
  Buffer.from([0xff, 0xfe]), Buffer.from([0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.concat([utf8('{"payout_id":"PO_'), Buffer.from([0xff]), utf8('","status":"successful"}')]),
  Buffer.concat([utf8('{"status":"success","code":200,"data":{"payout_id":"'), Buffer.from([0xc3]), utf8('","status":"pending"}}')]),
  Buffer.alloc(0), Buffer.alloc(70000, 0x20),
];
const HEADER_PAIRS = () => {
  const n = Math.floor(rand() * 4);
  return Array.from({ length: n }, () => [pick(STRINGS), pick(STRINGS)]);
};
const CLIENT_ARGS = () => [pick(["pk_test", "", "\ud800", "pk test"]), pick(["sk_test", "", "sk\n", "\udfff"]), pick(["https://api.alexpay.test", "", "http://x", "https://a.test/\ud800", "ftp://x"]), pick([undefined, null, "", "ua/1", "\ud800", "a\nb"])];
const goodClient = (m) => m.createClient("pk_test", "sk_test_hostile", "https://api.alexpay.test");

/** [label, () => args, call(m, args)] for every function and method. */
const CALLS = [
  ["createClient", CLIENT_ARGS, (m, a) => m.createClient(...a)],
  ["mobileMoneyPayout", () => [pick(NUMBERS), pick(STRINGS), pick(OPTIONAL_STRINGS), pick(OPTIONAL_STRINGS), pick(OPTIONAL_STRINGS)], (m, a) => goodClient(m).mobileMoneyPayout(...a)],
  ["bankPayout", () => [pick(NUMBERS), pick(STRINGS), pick(STRINGS), pick(STRINGS), pick(OPTIONAL_STRINGS), pick(OPTIONAL_STRINGS)], (m, a) => goodClient(m).bankPayout(...a)],
  ["statusCheck", () => [pick(STRINGS)], (m, a) => goodClient(m).statusCheck(...a)],
  ["parsePayoutResponse", () => [pick(NUMBERS), pick(BODIES)], (m, [s, b]) => m.parsePayoutResponse(s, bytesFor(m, b))],
  ["parseStatusResponse", () => [pick(NUMBERS), pick(BODIES)], (m, [s, b]) => m.parseStatusResponse(s, bytesFor(m, b))],
  ["parseWebhook", () => [pick(BODIES)], (m, [b]) => m.parseWebhook(bytesFor(m, b))],
  ["confirmWebhook", () => [pick(STRINGS), pick(STRINGS), pick(OPTIONAL_NUMBERS), pick(STRINGS), pick(OPTIONAL_STRINGS), pick(STRINGS), pick(OPTIONAL_NUMBERS)],
    (m, [eid, eraw, eamount, rid, rref, rraw, ramount]) => m.confirmWebhook(pack(eid, eraw, rid, rref, rraw), eamount, ramount)],
  // Texts not packed as the facade packs them: read as absent fields, never a crash, the same in both.
  ["confirmWebhook (malformed texts)", () => [pick([...STRINGS, "5:abc", "3:😀", "1:😀", "99999999999999999999:x", "2:ok~~9"]), pick(OPTIONAL_NUMBERS)],
    (m, [texts, amount]) => m.confirmWebhook(texts, amount, amount)],
  ["verifyWebhookSignature", () => [pick(STRINGS), HEADER_PAIRS(), pick(BODIES), pick(NUMBERS), pick(OPTIONAL_NUMBERS)], (m, [s, h, b, n, t]) => m.verifyWebhookSignature(s, h, bytesFor(m, b), n, t)],
  ["signWebhook", () => [pick(STRINGS), pick(STRINGS), pick(NUMBERS), pick(BODIES)], (m, [s, i, t, b]) => m.signWebhook(s, i, t, bytesFor(m, b))],
  ["normalizeStatus", () => [pick(STRINGS)], (m, a) => m.normalizeStatus(...a)],
  ["isTerminalStatus", () => [pick(STRINGS)], (m, a) => m.isTerminalStatus(...a)],
  ["retryDecision", () => [pick(STRINGS), pick(NUMBERS), pick(OPTIONAL_NUMBERS), pick([...BODIES, undefined, null]), pick(OPTIONAL_STRINGS), pick(OPTIONAL_NUMBERS)],
    (m, [o, a, s, b, t, r]) => m.retryDecision(o, a, s, bytesFor(m, b), t, r)],
  ["createTracker + observe", () => [pick(STRINGS), pick(STRINGS), [pick(STRINGS), pick(STRINGS)].slice(0, Math.floor(rand() * 3))], (m, [id, raw, ids]) => {
    const t = m.createTracker(id);
    return t instanceof m.NativeTracker ? [t.observe(raw, ids), t, t.observe("successful", [id]), t] : t;
  }],
  ["observeEvent", () => [pick(STRINGS), pick(STRINGS), pick(STRINGS)], (m, [id, raw, ev]) => {
    const t = m.createTracker(id);
    return t instanceof m.NativeTracker ? [t.observeEvent(raw, ev), t, t.observeEvent(raw, id), t] : t;
  }],
  ["nextPollDelayMs", () => [pick(NUMBERS), pick(NUMBERS), pick(["", "successful", "processing"])], (m, [a, j, s]) => {
    const t = m.createTracker("PO_1");
    t.observe(s, []);
    return t.nextPollDelayMs(a, j);
  }],
  ["create*Flow", () => [pick(["mm", "bank", "follow", "webhook"]), pick(NUMBERS), pick(STRINGS), pick(OPTIONAL_STRINGS), pick(STRINGS), pick(NUMBERS), pick(NUMBERS), pick(NUMBERS), pick(BODIES), HEADER_PAIRS().flat(), pick(OPTIONAL_STRINGS)],
    (m, [kind, amount, s1, o1, s2, timeout, wait, seed, body, flat, secret]) => {
      const c = goodClient(m);
      const f = kind === "mm" ? m.createMobileMoneyFlow(c, amount, s1, o1, o1, o1, timeout, wait, seed)
        : kind === "bank" ? m.createBankFlow(c, amount, s1, s2, s2, o1, o1, timeout, wait, seed)
        : kind === "follow" ? m.createFollowFlow(c, s1, timeout, wait, seed)
        : m.createWebhookFlow(c, bytesFor(m, body), flat, secret, amount, timeout, wait, seed);
      return f instanceof m.NativeFlow ? [f, f.next(pick([0, NaN, -1, 1e300]))] : f;
    }],
];

test("hostile and random inputs: every function and method", () => {
  const before = compared;
  for (const [label, args, call] of CALLS) {
    for (let k = 0; k < 400; k++) {
      const a = args();
      same(`${label}(${JSON.stringify(a, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v?.type === "Buffer" ? `<${v.data.length} bytes>` : v))?.slice(0, 300)})`, (m) => call(m, a));
    }
  }
  assert.ok(compared - before >= CALLS.length * 400);
});

test("hostile and random inputs: flows driven at random", () => {
  const make = [
    (m, c) => m.createMobileMoneyFlow(c, 100, "GH", undefined, undefined, undefined, 30000, 0, 7),
    (m, c) => m.createBankFlow(c, 100, "GH", "UBA", "0123456789", undefined, undefined, 1000, 5000, 3),
    (m, c) => m.createFollowFlow(c, "PO_1", 30000, 60000, 7),
    (m, c, secret) => {
      const body = '{"payout_id":"PO_1","status":"successful","amount":100}';
      const sig = m.signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1700000000, bytesFor(m, utf8(body)));
      return m.createWebhookFlow(c, bytesFor(m, utf8(body)), ["webhook-id", "msg_1", "webhook-timestamp", "1700000000", "webhook-signature", sig], secret, 1e300, 30000, 30000, 7);
    },
  ];
  const RESPONSE_HEADERS = () => pick([[], ["retry-after", pick(["7", "-1", "1e300", "", "\ud800", "Wed, 21 Oct 2015 07:28:00 GMT", "soon"])], ["content-type", "application/json"], ["odd"]]);
  // Every random choice is made once, outside the calls, so both back ends get the same.
  for (let run = 0; run < 300; run++) {
    const which = pick(make);
    const secret = pick([undefined, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]);
    const [fn, fw] = same(`flow ${run}: create`, (m) => which(m, goodClient(m), secret));
    const flows = new Map([[napi, fn], [wasm, fw]]);
    let now = pick([0, 1700000000000]);
    let lastId = 1;
    for (let step = 0; step < 25; step++) {
      const op = pick(["next", "next", "next", "respond", "respond", "transport", "cancel", "outcomes"]);
      const t = pick([now, now + 1000, now + 60000, NaN, -1, 1e300]);
      const id = pick([lastId, lastId, lastId + 1, 0, NaN, -1, 1e300]);
      const [status, headers, body, kind] = [pick(NUMBERS), RESPONSE_HEADERS(), pick(BODIES), pick(["connect", "timeout", "connection_lost", "", "\ud800"])];
      const [slots] = same(`flow ${run} step ${step}: ${op}`, (m) => {
        const f = flows.get(m);
        switch (op) {
          case "next": return f.next(t);
          case "respond": return f.onResponse(id, t, status, headers, bytesFor(m, body));
          case "transport": return f.onTransportError(id, t, kind);
          case "cancel": return f.cancel(t);
          default: return allOutcomes(f);
        }
      });
      if (op === "next" && slots?.[0] === "send") lastId = slots[1];
      if (Number.isFinite(t) && t > now) now = t;
    }
    same(`flow ${run}: outcome getters`, (m) => allOutcomes(flows.get(m)));
  }
});

test("wrong JS types throw on both back ends (never trap the module)", () => {
  // The facade checks types first; this pins that a wrong type reaching a
  // back end throws on both (wasm: the glue's checks, build.sh --debug).
  // Numbers are the exception: wasm-bindgen coerces an f64 argument with
  // ToNumber where napi-rs throws, so they are not listed here.
  const body = utf8("{}");
  const wrong = [
    ["normalizeStatus(5)", (m) => m.normalizeStatus(5)],
    ["normalizeStatus({ length: 1e9 })", (m) => m.normalizeStatus({ length: 1e9 })],
    ["createClient(1, ...)", (m) => m.createClient(1, "sk", "https://a.test")],
    ["parseWebhook(string)", (m) => m.parseWebhook("{}")],
    ["parseWebhook(undefined)", (m) => m.parseWebhook(undefined)],
    ["signWebhook(secret, 7, ...)", (m) => m.signWebhook("whsec_x", 7, 1, bytesFor(m, body))],
    ["observe(raw, [1])", (m) => m.createTracker("PO_1").observe("x", [1])],
    ["observe(raw, 'PO_1')", (m) => m.createTracker("PO_1").observe("x", "PO_1")],
    ["verifyWebhookSignature(headers: {})", (m) => m.verifyWebhookSignature("whsec_x", {}, bytesFor(m, body), 1)],
    ["verifyWebhookSignature(headers: [['a']])", (m) => m.verifyWebhookSignature("whsec_x", [["a"]], bytesFor(m, body), 1)],
    ["verifyWebhookSignature(headers: [['a', 1]])", (m) => m.verifyWebhookSignature("whsec_x", [["a", 1]], bytesFor(m, body), 1)],
    ["createFollowFlow({}, ...)", (m) => m.createFollowFlow({}, "PO_1", 1, 1, 1)],
    ["onResponse(headers: [1])", (m) => m.createFollowFlow(goodClient(m), "PO_1", 1000, 0, 7).onResponse(1, 0, 200, [1], bytesFor(m, body))],
    ["new NativeFailure()", (m) => new m.NativeFailure().code],
  ];
  for (const [label, call] of wrong) {
    for (const [name, m] of backends) assert.throws(() => call(m), Error, `${name}: ${label} did not throw`);
  }
  for (const [name, m] of backends) assert.equal(m.normalizeStatus("successful"), "succeeded", `${name} works after the throws`);
  // A header pair with more than two elements: napi-rs reads the first two.
  same("verifyWebhookSignature(headers: [['a', 'b', 'c']])", (m) => m.verifyWebhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", [["a", "b", "c"]], bytesFor(m, body), 1));
});

test("failures are returned, never thrown, and read null when absent (as napi-rs)", () => {
  for (const [, m] of backends) {
    const f = m.parseWebhook(bytesFor(m, utf8("{")));
    assert.ok(f instanceof m.NativeFailure);
    assert.equal(f.code, "webhook_malformed");
    assert.equal(f.httpStatus, null);
    assert.equal(f.apiCode, null);
  }
  assert.ok(compared > 10000, `only ${compared} comparisons`);
});
