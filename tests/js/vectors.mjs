// The shared-vector runner, one module for every runtime and both packages
// (Node on `alexpay` and `alexpay-wasm`, Chromium, Deno, workerd). It needs
// only standard JS (TextEncoder/TextDecoder, atob): each runtime loads the
// package and the files its own way and hands them in.
//
//   listCases(files) -> [{ file, name, exec(api) }]   (one test each: node --test)
//   runVectors(api, files) -> { total, passed, failed, files: {name: {passed, failed}}, failures: [...] }
//
// `api` is the loaded module (nodejs build, or web build after init());
// `files` is [{ name: "payout_requests.json", doc: <parsed JSON> }, ...].
// Mirrors core/tests/vectors.rs, per tests/vectors/README.md: snake_case keys
// become camelCase, `null` in `ok` means absent (undefined), errors match on
// the keys the vector lists.

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** `{ utf16: [code units] }` becomes the string they spell, lone surrogates
 * included (JSON cannot carry those as text). */
function utf16Text(value) {
  if (Array.isArray(value)) return value.map(utf16Text);
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === "utf16") return String.fromCharCode(...value.utf16);
  return Object.fromEntries(keys.map((k) => [k, utf16Text(value[k])]));
}

/** Repeated headers (`header_pairs`) in every container a JS caller may
 * hand over, labelled: the pairs, a plain object holding an array per
 * repeated name, and a `Headers` built with append() (it joins repeats with
 * ", ") where the runtime has one. */
function headerForms(input) {
  const pairs = input.header_pairs;
  const object = {};
  for (const [n, v] of pairs) object[n] = n in object ? [].concat(object[n], v) : v;
  const forms = [["[name, value] pairs", pairs], ["object of arrays", object]];
  if (typeof Headers === "function") {
    const h = new Headers();
    for (const [n, v] of pairs) h.append(n, v);
    forms.push(["Headers (appended)", h]);
  }
  return forms;
}

export function camel(name) {
  return name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** Snake keys to camel, `null` values to undefined (not passed). */
function camelArgs(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj || {})) {
    if (v !== null) out[camel(k)] = v;
  }
  return out;
}

function fromBase64(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The body as bytes, and as text when the vector gives text. */
function bodyOf(input) {
  if (typeof input.body === "string") return { bytes: encoder.encode(input.body), text: input.body };
  if (typeof input.body_base64 === "string") return { bytes: fromBase64(input.body_base64) };
  throw new Error("vector lacks body");
}

class Mismatch extends Error {}

function show(v) {
  if (v === undefined) return "undefined";
  if (Object.is(v, -0)) return "-0";
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** want: the vector's value (camelCased keys); null = absent. */
function same(want, have, path) {
  if (want === null) {
    if (have !== undefined) throw new Mismatch(`${path}: want absent (undefined), got ${show(have)}`);
    return;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(have) || have.length !== want.length) throw new Mismatch(`${path}: want ${show(want)}, got ${show(have)}`);
    want.forEach((w, i) => same(w, have[i], `${path}[${i}]`));
    return;
  }
  if (typeof want === "object") {
    if (typeof have !== "object" || have === null) throw new Mismatch(`${path}: want object, got ${show(have)}`);
    const keys = new Set([...Object.keys(want), ...Object.keys(have)]);
    for (const k of keys) {
      if (!(k in want)) {
        if (have[k] !== undefined) throw new Mismatch(`${path}.${k}: unexpected ${show(have[k])}`);
        continue;
      }
      same(want[k], have[k], `${path}.${k}`);
    }
    return;
  }
  // Object.is: a number must come back exactly, -0 included.
  if (typeof want === "number" ? !Object.is(want, have) : want !== have) throw new Mismatch(`${path}: want ${show(want)}, got ${show(have)}`);
}

/** Parsed objects leave absent optionals out (no `key: undefined`/`null`). */
function noEmptyProps(obj, path) {
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) throw new Mismatch(`${path}.${k} is present but ${v}; absent values must be left out`);
  }
  return obj;
}

function camelKeys(obj) {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return obj;
  const out = {};
  for (const [k, v] of Object.entries(obj)) out[camel(k)] = v;
  return out;
}

/** The result's known keys; a key the runner does not know is a mismatch (nothing extra leaks out). */
function pick(obj, keys, path, checkedElsewhere = []) {
  for (const k of Object.keys(obj)) if (!keys.includes(k) && !checkedElsewhere.includes(k)) throw new Mismatch(`${path}: unexpected property ${k}`);
  const out = {};
  for (const k of keys) out[k] = obj[k];
  return out;
}

function fieldName(f) {
  return f === null || f === undefined ? null : f.includes("-") ? f : camel(f);
}

/** Checks an outcome against `expect` ({ ok } or { error }). */
function check(api, expect, run, secrets) {
  let have;
  let thrown;
  let threw = false;
  try {
    have = run();
  } catch (e) {
    threw = true;
    thrown = e;
  }
  if (threw) leakCheck(thrown, secrets);
  if ("ok" in expect) {
    if (threw) throw new Mismatch(`want ok, got ${describeError(thrown)}`);
    same(camelKeys(expect.ok), have, "ok");
    return;
  }
  if (!("error" in expect)) throw new Error("vector has neither ok nor error");
  if (!threw) throw new Mismatch(`want error ${show(expect.error)}, got ok ${show(have)}`);
  if (!(thrown instanceof api.AlexpayError) || !(thrown instanceof Error)) {
    throw new Mismatch(`want AlexpayError ${show(expect.error)}, got ${describeError(thrown)}`);
  }
  if (thrown.name !== "AlexpayError") throw new Mismatch(`error name ${thrown.name}`);
  if (!["validation", "api", "webhook", "conflict", "flow"].includes(thrown.family)) throw new Mismatch(`family ${thrown.family}`);
  const got = {
    code: thrown.code,
    field: thrown.field ?? null,
    http_status: thrown.httpStatus ?? null,
    retryable: thrown.retryable,
    api_code: thrown.apiCode ?? null,
    api_message: thrown.apiMessage ?? null,
  };
  for (const [k, w] of Object.entries(expect.error)) {
    const want = k === "field" ? fieldName(w) : w;
    if (got[k] !== want) throw new Mismatch(`error.${k}: want ${show(want)}, got ${show(got[k])} (${describeError(thrown)})`);
  }
}

function describeError(e) {
  if (e && e.name === "AlexpayError") return `AlexpayError(${e.code}, field=${e.field}): ${e.message}`;
  return e && e.stack ? String(e.stack).split("\n").slice(0, 3).join(" | ") : String(e);
}

/** No secret in an error's message, stack, String() or JSON. */
function leakCheck(err, secrets) {
  const shown = [String(err && err.message), String(err && err.stack), String(err), safeJson(err)].join("\n");
  for (const s of secrets) {
    if (s && s.length >= 8 && shown.includes(s)) throw new Mismatch(`a secret appears in the error: ${describeError(err)}`);
  }
}

function safeJson(v) {
  try {
    return JSON.stringify(v);
  } catch {
    return "";
  }
}

function makeClient(api, cfg) {
  return new api.Client(camelArgs(cfg));
}

/** A built request as the vector shows it: body as text, headers as given. */
function requestView(req, secrets) {
  if (typeof req !== "object" || req === null) throw new Mismatch(`request is ${show(req)}`);
  // Plain objects, so fetch / undici / any HTTP client takes them as they are.
  if (Object.getPrototypeOf(req) !== Object.prototype) throw new Mismatch("request is not a plain object");
  if (Object.getPrototypeOf(req.headers) !== Object.prototype) throw new Mismatch("request.headers is not a plain object");
  if (req.method === "GET" && "body" in req) throw new Mismatch("a GET request has a body property");
  if (req.body !== undefined && !(req.body instanceof Uint8Array)) throw new Mismatch("body is not a Uint8Array");
  const logged = JSON.stringify(req);
  for (const s of secrets) {
    if (s && s.length >= 8 && logged.includes(s)) throw new Mismatch("JSON.stringify(request) shows the secret key");
  }
  // Pass headers through untouched (names are not converted).
  return {
    method: req.method,
    url: req.url,
    headers: { ...req.headers },
    body: req.body === undefined ? undefined : decoder.decode(req.body),
  };
}

function requestExpect(expect) {
  if (!("ok" in expect) || expect.ok === null) return expect;
  // Keep header names as they are: only the top-level keys are camelCased.
  return { ok: { ...expect.ok } };
}

/**
 * Runs the same call in several forms (body as bytes, text, ArrayBuffer;
 * headers as an object, pairs, Map): every form must give the same result,
 * or the same error code, field and message. Returns or throws the first.
 */
function agree(forms) {
  const outcomes = forms.map(([label, fn]) => {
    try {
      return { label, ok: fn() };
    } catch (e) {
      return { label, error: e };
    }
  });
  const [first, ...rest] = outcomes;
  const key = (o) => (o.error ? `error ${o.error.code} ${o.error.field} ${o.error.message}` : `ok ${safeJson(o.ok)}`);
  for (const o of rest) {
    if (key(o) !== key(first)) throw new Mismatch(`${o.label} gave another outcome than ${first.label}: ${key(o)} vs ${key(first)}`);
  }
  if (first.error) throw first.error;
  return first.ok;
}

/** The body as bytes, a Buffer (where the runtime has one), an ArrayBuffer and, when the vector gives text, a string. */
function bothBodies(input, fn) {
  const b = bodyOf(input);
  const forms = [["bytes", () => fn(b.bytes)], ["ArrayBuffer", () => fn(b.bytes.buffer.slice(b.bytes.byteOffset, b.bytes.byteOffset + b.bytes.byteLength))]];
  if (typeof globalThis.Buffer === "function") forms.push(["Buffer", () => fn(globalThis.Buffer.from(b.bytes))]);
  if (b.text !== undefined) forms.push(["string", () => fn(b.text)]);
  return agree(forms);
}

function secretsOf(doc, input) {
  const out = [];
  for (const c of [doc.client, input && input.client, input]) {
    if (c && typeof c.secret_key === "string") out.push(c.secret_key);
  }
  if (input && typeof input.secret === "string") out.push(input.secret.replace(/^whsec_/, ""));
  return out;
}

const PAYOUT_KEYS = ["payoutId", "amount", "status", "rawStatus", "message"];
const REPORT_KEYS = ["id", "reference", "amount", "charge", "currency", "status", "rawStatus", "message", "environment", "type", "method", "operator", "narration", "isDisbursed", "createdAt", "updatedAt"];
const EVENT_KEYS = ["payoutId", "reference", "status", "rawStatus", "amount"];
const CONFIRMATION_KEYS = ["payoutId", "status", "rawStatus", "amount", "eventStatus", "stale"];

function parsePayout(api, input) {
  return bothBodies(input, (b) => noEmptyProps(api.parsePayoutResponse(input.http_status, b), "payout"));
}

function parseReport(api, input) {
  return bothBodies(input, (b) => noEmptyProps(api.parseStatusResponse(input.http_status, b), "report"));
}

function observe(api, tracker, obs) {
  const [kind, v] = Object.entries(obs)[0];
  switch (kind) {
    case "status":
      return tracker.observe(v);
    case "webhook":
      return tracker.observe(api.parseWebhook(v));
    case "status_response":
      return tracker.observe(api.parseStatusResponse(v.http_status, bodyOf(v).bytes));
    case "payout_response":
      return tracker.observe(api.parsePayoutResponse(v.http_status, bodyOf(v).bytes));
    default:
      throw new Error(`unknown observation ${kind}`);
  }
}

const RUNNERS = {
  "client_config.json": (api, doc, input) => {
    const c = makeClient(api, input);
    const logged = JSON.stringify(c);
    if (input.secret_key && logged.includes(input.secret_key)) throw new Mismatch("JSON.stringify(client) shows the secret key");
    return { baseUrl: c.baseUrl, userAgent: c.userAgent, maxBodyBytes: c.maxBodyBytes };
  },
  "payout_requests.json": (api, doc, input, secrets) => {
    const c = makeClient(api, input.client || doc.client);
    const args = camelArgs(input.args);
    if (input.kind === "mobile_money") return requestView(c.mobileMoneyPayout(args), secrets);
    if (input.kind === "bank") return requestView(c.bankPayout(args), secrets);
    throw new Error(`unknown kind ${input.kind}`);
  },
  "status_check_requests.json": (api, doc, input, secrets) => {
    const c = makeClient(api, input.client || doc.client);
    return requestView(c.statusCheck(input.payout_id), secrets);
  },
  "payout_responses.json": (api, doc, input) => pick(parsePayout(api, input), PAYOUT_KEYS, "payout"),
  "status_responses.json": (api, doc, input) => pick(parseReport(api, input), REPORT_KEYS, "report"),
  "webhooks.json": (api, doc, input) => {
    const b = bodyOf(input);
    const e = bothBodies(input, (body) => noEmptyProps(api.parseWebhook(body), "event"));
    if (e.raw !== decoder.decode(b.bytes)) throw new Mismatch("event.raw is not the body as received");
    return pick(e, EVENT_KEYS, "event", ["raw"]);
  },
  "webhook_signatures.json": (api, doc, input) => {
    const tolerance = input.tolerance_secs ?? undefined;
    const body = bodyOf(input);
    const verify = (headers, b) => () => api.verifyWebhookSignature(input.secret, headers, b, input.now, tolerance);
    // Every header container a receiver may hold must decide the same: a
    // plain object, [name, value] pairs, a Map, and Headers where it exists;
    // repeated headers (`header_pairs`) as pairs, an object of arrays, Headers.
    const forms = input.header_pairs
      ? headerForms(input).map(([label, h]) => [label, verify(h, body.bytes)])
      : [
          ["object headers", verify(input.headers, body.bytes)],
          ["[name, value] pairs", verify(Object.entries(input.headers), body.text ?? body.bytes)],
          ["Map headers", verify(new Map(Object.entries(input.headers)), body.bytes)],
        ];
    if (!input.header_pairs && typeof Headers === "function") {
      forms.push(["Headers", () => verify(new Headers(input.headers), body.bytes)()]);
    }
    const r = agree(forms);
    if (r !== undefined) throw new Mismatch(`verify returned ${show(r)}`);
    return undefined;
  },
  "webhook_confirmations.json": (api, doc, input) => {
    const event = api.parseWebhook(input.webhook_body);
    const sr = input.status_response;
    const report = api.parseStatusResponse(sr.http_status, bodyOf(sr).bytes);
    return pick(noEmptyProps(api.confirmWebhook(event, report), "confirmation"), CONFIRMATION_KEYS, "confirmation");
  },
  "statuses.json": (api, doc, input) => ({ status: api.normalizeStatus(input.raw), isTerminal: api.isTerminalStatus(input.raw) }),
  "tracker.json": (api, doc, input) => {
    const t = new api.PayoutTracker(input.payout_id);
    (input.steps || []).forEach((step, i) => {
      const expect = typeof step.expect === "string" ? { ok: step.expect } : step.expect;
      try {
        check(api, expect, () => observe(api, t, step.observe), []);
      } catch (e) {
        if (e instanceof Mismatch) throw new Mismatch(`step ${i}: ${e.message}`);
        throw e;
      }
      if (step.status_after !== undefined && t.status !== step.status_after) {
        throw new Mismatch(`step ${i}: status after: want ${step.status_after}, got ${t.status}`);
      }
    });
    for (const poll of input.polls || []) {
      const expect = poll.expect !== null && typeof poll.expect === "object" && "error" in poll.expect ? poll.expect : { ok: poll.expect };
      // `null` (terminal) is a value here, not "absent".
      const run = () => t.nextPollDelayMs(poll.attempt, poll.jitter);
      if ("ok" in expect && expect.ok === null) {
        const got = run();
        if (got !== null) throw new Mismatch(`poll ${show(poll)}: want null, got ${show(got)}`);
      } else {
        try {
          check(api, expect, run, []);
        } catch (e) {
          if (e instanceof Mismatch) throw new Mismatch(`poll ${show(poll)}: ${e.message}`);
          throw e;
        }
      }
    }
    return { status: t.status, rawStatus: t.rawStatus, isTerminal: t.isTerminal };
  },
  "retry.json": (api, doc, input) => {
    // An optional `body` / `body_base64` is the answer's body: passed as
    // bytes, and again as text when the vector gives text (same decision).
    const { body, body_base64, ...rest } = input;
    const decide = (extra) => {
      const d = api.retryDecision({ ...camelArgs(rest), ...extra });
      if (typeof d.reason !== "string") throw new Mismatch(`reason is ${show(d.reason)}`);
      return pick(d, ["action", "delayMs"], "decision", ["reason"]);
    };
    return body === undefined && body_base64 === undefined ? decide({}) : bothBodies(input, (b) => decide({ body: b }));
  },
};

export const KNOWN_FILES = Object.keys(RUNNERS);

/**
 * Every case of every file as { file, name, exec(api) } (exec throws on a
 * mismatch), for runners that report one test per vector (node --test).
 * A file without a runner becomes one failing case; no files at all too.
 */
export function listCases(files) {
  if (!files || files.length === 0) {
    return [{ file: "(none)", name: "vector files exist", exec() { throw new Error("no vector files found"); } }];
  }
  const out = [];
  for (const { name, doc: raw } of files) {
    const doc = utf16Text(raw);
    const runner = RUNNERS[name];
    if (!runner) {
      out.push({ file: name, name: "(file has a runner)", exec() { throw new Error(`no runner for ${name}`); } });
      continue;
    }
    for (const c of doc.cases) {
      const input = c.input;
      const secrets = secretsOf(doc, input);
      const expect = name.endsWith("_requests.json") ? requestExpect(c.expect) : c.expect;
      out.push({ file: name, name: c.name, exec: (api) => check(api, expect, () => runner(api, doc, input, secrets), secrets) });
    }
  }
  return out;
}

export function runVectors(api, files) {
  const result = { total: 0, passed: 0, failed: 0, files: {}, failures: [] };
  for (const c of listCases(files)) {
    const counts = (result.files[c.file] ||= { passed: 0, failed: 0 });
    result.total++;
    try {
      c.exec(api);
      counts.passed++;
      result.passed++;
    } catch (e) {
      counts.failed++;
      result.failed++;
      result.failures.push({ file: c.file, name: c.name, message: e instanceof Mismatch ? e.message : describeError(e) });
    }
  }
  return result;
}

export function summary(label, r) {
  const lines = [`${label}: ${r.passed}/${r.total} vectors passed, ${r.failed} failed`];
  for (const f of r.failures) lines.push(`  FAIL ${f.file} / ${f.name}: ${f.message}`);
  return lines.join("\n");
}
