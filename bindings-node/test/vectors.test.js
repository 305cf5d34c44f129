'use strict'
// Runs every shared vector in tests/vectors/*.json (format: tests/vectors/README.md)
// against the built package, as a user loads it. The Rust reference runner is
// core/tests/vectors.rs. Input keys and expected `field` names are converted
// from snake_case to camelCase; `null` in `expect.ok` means "property absent".

const { describe, test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const alexpay = require('./sdk.js')
const {
  AlexpayError,
  Client,
  PayoutTracker,
  parsePayoutResponse,
  parseStatusResponse,
  parseWebhook,
  confirmWebhook,
  verifyWebhookSignature,
  normalizeStatus,
  isTerminalStatus,
  retryDecision,
} = alexpay

const DIR = process.env.ALEXPAY_VECTORS_DIR || path.resolve(__dirname, '..', '..', 'tests', 'vectors')

/** `phone_number` -> `phoneNumber`; names without `_` stay as they are. */
function camel(name) {
  return name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
}

function camelKeys(obj) {
  const out = {}
  for (const [k, v] of Object.entries(obj)) out[camel(k)] = v
  return out
}

/** Body bytes from `body` (UTF-8 text) or `body_base64`. */
function body(input) {
  if (typeof input.body === 'string') return Buffer.from(input.body, 'utf8')
  if (typeof input.body_base64 === 'string') return Buffer.from(input.body_base64, 'base64')
  throw new Error('vector lacks body / body_base64')
}

/** `{ utf16: [code units] }` becomes the string they spell, lone surrogates
 * included (JSON cannot carry those as text). */
function utf16Text(value) {
  if (Array.isArray(value)) return value.map(utf16Text)
  if (value === null || typeof value !== 'object') return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === 'utf16') return String.fromCharCode(...value.utf16)
  return Object.fromEntries(keys.map((k) => [k, utf16Text(value[k])]))
}

/** Repeated headers (`header_pairs`) in every container a JS caller may
 * hand over: the pairs, a `Headers` built with append() (which joins
 * repeats with ", "), and a plain object holding an array per repeated name. */
function headerForms(input) {
  if (!input.header_pairs) return [input.headers, Object.entries(input.headers)]
  const pairs = input.header_pairs
  const object = {}
  for (const [n, v] of pairs) object[n] = n in object ? [].concat(object[n], v) : v
  const forms = [pairs, object]
  if (typeof Headers === 'function') {
    const h = new Headers()
    for (const [n, v] of pairs) h.append(n, v)
    forms.push(h)
  }
  return forms
}

/** Runs `fn`; returns { ok } or { error } (only AlexpayError counts as an error). */
function outcome(fn) {
  try {
    return { ok: fn() }
  } catch (e) {
    if (e instanceof AlexpayError) return { error: e }
    throw e
  }
}

function checkError(want, e, where) {
  assert.ok(e instanceof AlexpayError, `${where}: an AlexpayError`)
  assert.ok(e instanceof Error, `${where}: an Error`)
  assert.equal(e.code, want.code, `${where}: code (message: ${e.message})`)
  const field = want.field === null || want.field === undefined ? undefined : camel(want.field)
  assert.equal(e.field, field, `${where}: field`)
  if ('http_status' in want) assert.equal(e.httpStatus, want.http_status ?? undefined, `${where}: httpStatus`)
  if ('retryable' in want) assert.equal(e.retryable, want.retryable, `${where}: retryable`)
  if ('api_code' in want) assert.equal(e.apiCode, want.api_code ?? undefined, `${where}: apiCode`)
  if ('api_message' in want) assert.equal(e.apiMessage, want.api_message ?? undefined, `${where}: apiMessage`)
  assert.ok(['validation', 'api', 'webhook', 'conflict', 'flow'].includes(e.family), `${where}: family ${e.family}`)
}

/**
 * Compares a value with `expect.ok`: objects key by key (camelCased, `null`
 * = absent, so the property must be left out), numbers by value. Keys the
 * vector does not know are allowed only when listed in `extra`.
 */
function checkOk(want, have, where, extra = []) {
  if (want === null) {
    assert.equal(have, undefined, `${where}: nothing returned`)
    return
  }
  if (typeof want !== 'object' || Array.isArray(want)) {
    assert.deepEqual(have, want, where)
    return
  }
  assert.equal(typeof have, 'object', `${where}: an object`)
  const wanted = new Set()
  for (const [k, v] of Object.entries(want)) {
    const key = camel(k)
    wanted.add(key)
    if (v === null) {
      assert.ok(!(key in have) || have[key] === undefined, `${where}: ${key} should be absent, got ${have[key]}`)
      assert.ok(!Object.keys(have).includes(key), `${where}: ${key} should be left out, not set to undefined`)
    } else {
      assert.deepEqual(have[key], v, `${where}: ${key}`)
    }
  }
  for (const key of Object.keys(have)) {
    assert.ok(wanted.has(key) || extra.includes(key), `${where}: unexpected property ${key}`)
  }
}

function check(expect, got, where, extra) {
  if ('ok' in expect) {
    if (got.error) assert.fail(`${where}: want ok, got ${got.error.code} (${got.error.message})`)
    checkOk(expect.ok, got.ok, where, extra)
  } else if ('error' in expect) {
    if (!got.error) assert.fail(`${where}: want error ${expect.error.code}, got ${JSON.stringify(got.ok)}`)
    checkError(expect.error, got.error, where)
  } else {
    assert.fail(`${where}: vector has neither ok nor error`)
  }
}

function makeClient(cfg) {
  const config = {
    publicKey: cfg.public_key,
    secretKey: cfg.secret_key,
    baseUrl: cfg.base_url,
  }
  if ('user_agent' in cfg) config.userAgent = cfg.user_agent
  return new Client(config)
}

/** A built request must be a plain object `fetch` accepts: check, then project it. */
function requestValue(r) {
  assert.equal(Object.getPrototypeOf(r), Object.prototype, 'request is a plain object')
  assert.equal(Object.getPrototypeOf(r.headers), Object.prototype, 'headers is a plain object')
  const out = { method: r.method, url: r.url, headers: { ...r.headers } }
  if ('body' in r) {
    assert.ok(r.body instanceof Uint8Array, 'body is a Uint8Array')
    out.body = Buffer.from(r.body).toString('utf8')
    // The exact bytes, not just equal text after decoding.
    assert.ok(Buffer.from(out.body, 'utf8').equals(Buffer.from(r.body)), 'body is valid UTF-8')
  }
  return out
}

function checkRequest(expect, got, where) {
  if ('ok' in expect && !got.error) {
    const want = { ...expect.ok }
    const have = requestValue(got.ok)
    if (want.body === null) {
      assert.ok(!('body' in got.ok), `${where}: GET has no body property`)
      delete want.body
    }
    assert.deepEqual(have, want, where)
    return
  }
  check(expect, got, where)
}

/** Parses with the bytes, then again with the same body as text / Uint8Array / ArrayBuffer. */
function sameForEveryBodyForm(input, parse) {
  const bytes = body(input)
  const first = outcome(() => parse(bytes))
  const forms = [new Uint8Array(bytes), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)]
  if (typeof input.body === 'string') forms.push(input.body)
  for (const form of forms) {
    const again = outcome(() => parse(form))
    if (first.error) {
      assert.ok(again.error, 'same outcome for every body form')
      assert.equal(again.error.code, first.error.code)
      assert.equal(again.error.message, first.error.message)
    } else {
      assert.deepEqual(again.ok, first.ok, 'same outcome for every body form')
    }
  }
  return first
}

function observe(tracker, obs) {
  const [kind, v] = Object.entries(obs)[0]
  switch (kind) {
    case 'status':
      return tracker.observe(v)
    case 'webhook':
      return tracker.observe(parseWebhook(v))
    case 'status_response':
      return tracker.observe(parseStatusResponse(v.http_status, body(v)))
    case 'payout_response':
      return tracker.observe(parsePayoutResponse(v.http_status, body(v)))
    default:
      throw new Error(`unknown observation ${kind}`)
  }
}

function runTracker(input) {
  const tracker = new PayoutTracker(input.payout_id)
  input.steps.forEach((step, i) => {
    const expect = typeof step.expect === 'string' ? { ok: step.expect } : step.expect
    check(expect, outcome(() => observe(tracker, step.observe)), `step ${i}`)
    if ('status_after' in step) assert.equal(tracker.status, step.status_after, `step ${i}: status after`)
  })
  for (const poll of input.polls || []) {
    const isError = poll.expect !== null && typeof poll.expect === 'object' && 'error' in poll.expect
    const expect = isError ? poll.expect : { ok: poll.expect }
    const got = outcome(() => tracker.nextPollDelayMs(poll.attempt, poll.jitter))
    if (!isError && poll.expect === null && !got.error) {
      assert.equal(got.ok, null, `poll ${JSON.stringify(poll)}: null once terminal`)
      continue
    }
    check(expect, got, `poll ${JSON.stringify(poll)}`)
  }
  return { status: tracker.status, rawStatus: tracker.rawStatus, isTerminal: tracker.isTerminal }
}

/** One runner per file: (fileDoc, case) -> asserts. */
const RUNNERS = {
  'client_config.json'(doc, c) {
    const got = outcome(() => {
      const client = makeClient(c.input)
      return { baseUrl: client.baseUrl, userAgent: client.userAgent }
    })
    check(c.expect, got, c.name)
  },
  'payout_requests.json'(doc, c) {
    const client = makeClient(c.input.client || doc.client)
    const args = camelKeys(c.input.args)
    for (const k of Object.keys(args)) if (args[k] === null) args[k] = undefined
    const got = outcome(() => {
      switch (c.input.kind) {
        case 'mobile_money':
          return client.mobileMoneyPayout(args)
        case 'bank':
          return client.bankPayout(args)
        default:
          throw new Error(`unknown kind ${c.input.kind}`)
      }
    })
    checkRequest(c.expect, got, c.name)
  },
  'status_check_requests.json'(doc, c) {
    const client = makeClient(c.input.client || doc.client)
    checkRequest(c.expect, outcome(() => client.statusCheck(c.input.payout_id)), c.name)
  },
  'payout_responses.json'(doc, c) {
    const got = sameForEveryBodyForm(c.input, (b) => parsePayoutResponse(c.input.http_status, b))
    check(c.expect, got, c.name)
  },
  'status_responses.json'(doc, c) {
    const got = sameForEveryBodyForm(c.input, (b) => parseStatusResponse(c.input.http_status, b))
    check(c.expect, got, c.name)
  },
  'webhooks.json'(doc, c) {
    const got = sameForEveryBodyForm(c.input, parseWebhook)
    if (got.ok) assert.equal(got.ok.raw, body(c.input).toString('utf8'), 'event.raw is the body as received')
    check(c.expect, got, c.name, ['raw'])
  },
  'webhook_signatures.json'(doc, c) {
    const i = c.input
    const verify = (headers) =>
      outcome(() => verifyWebhookSignature(i.secret, headers, Buffer.from(i.body, 'utf8'), i.now, i.tolerance_secs))
    // Every header container must give the same outcome.
    headerForms(i).forEach((h, n) => check(c.expect, verify(h), `${c.name} (headers form ${n})`))
  },
  'webhook_confirmations.json'(doc, c) {
    const event = parseWebhook(c.input.webhook_body)
    const sr = c.input.status_response
    const report = parseStatusResponse(sr.http_status, body(sr))
    check(c.expect, outcome(() => confirmWebhook(event, report)), c.name)
  },
  'statuses.json'(doc, c) {
    const got = outcome(() => ({ status: normalizeStatus(c.input.raw), isTerminal: isTerminalStatus(c.input.raw) }))
    check(c.expect, got, c.name)
  },
  'tracker.json'(doc, c) {
    check(c.expect, outcome(() => runTracker(c.input)), c.name)
  },
  'retry.json'(doc, c) {
    // An optional `body` / `body_base64` is the answer's body: passed as bytes
    // (and, for text, again as a string, which must decide the same).
    const { body: text, body_base64: b64, ...rest } = c.input
    const input = camelKeys(rest)
    const hasBody = text !== undefined || b64 !== undefined
    const got = outcome(() => retryDecision(hasBody ? { ...input, body: body(c.input) } : input))
    check(c.expect, got, c.name, ['reason'])
    if (got.ok) assert.equal(typeof got.ok.reason, 'string')
    if (typeof text === 'string') {
      assert.deepEqual(outcome(() => retryDecision({ ...input, body: text })), got, `${c.name} (body as text)`)
    }
  },
}

const files = fs.existsSync(DIR)
  ? fs
      .readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : []

test(`the vectors directory holds vector files (${DIR})`, () => {
  assert.ok(files.length > 0, `no *.json vector files in ${DIR}`)
})

let total = 0
for (const file of files) {
  const doc = utf16Text(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')))
  const cases = Array.isArray(doc.cases) ? doc.cases : []
  total += cases.length
  describe(file, () => {
    test('has cases and a runner', () => {
      assert.ok(cases.length > 0, `${file} has no cases`)
      assert.ok(RUNNERS[file], `no Node runner for ${file}`)
    })
    const run = RUNNERS[file]
    if (!run) return
    for (const c of cases) test(c.name, () => run(doc, c))
  })
}

test(`every vector was run (${total} cases in ${files.length} files)`, () => {
  assert.ok(total > 0)
})
