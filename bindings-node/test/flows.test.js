'use strict'
// Runs every flow script in tests/vectors/flows/*.json (format:
// tests/vectors/README.md, "Flow scripts") through the real drivers
// (`client.sendMobileMoneyPayout`, `sendBankPayout`, `waitForPayout`,
// `handleWebhook`) with a scripted fetch and a fake clock: each request must
// be the one the script expects, and the promise must settle to the
// script's outcome. The step-by-step replay of the same scripts on both back
// ends' NativeFlow is the differential test in bindings-wasm/tests.
// A flow file without a runner here fails.

const { describe, test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { Client, AlexpayError } = require('./sdk.js')

const DIR = path.join(process.env.ALEXPAY_VECTORS_DIR || path.resolve(__dirname, '..', '..', 'tests', 'vectors'), 'flows')
const FILES = ['payout.json', 'follow.json', 'webhook.json']

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
const camelKeys = (obj) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [camel(k), v]))

/** Expected objects list only the keys that must match; null means absent. */
function same(want, have) {
  if (want === null) return have === null || have === undefined
  if (typeof want === 'object') return typeof have === 'object' && have !== null && Object.keys(want).every((k) => same(want[k], have[k]))
  return want === have
}

function errorJson(e) {
  if (!e) return null
  return { code: e.code, field: e.field === undefined ? null : e.field, http_status: e.httpStatus === undefined ? null : e.httpStatus }
}

/** The expected error with its field in camelCase (as JS callers write it). */
function camelError(e) {
  return e && { ...e, field: e.field === null || e.field === undefined ? e.field : camel(e.field) }
}

function camelOutcome(o) {
  const out = { ...o }
  for (const k of ['error', 'cause']) if (o[k]) out[k] = camelError(o[k])
  if (o.error && !o.kind) out.error = camelError(o.error)
  return out
}

function failure(kind) {
  if (kind === 'timeout') return new DOMException('The operation was aborted due to timeout', 'TimeoutError')
  const code = kind === 'connect' ? 'ECONNREFUSED' : 'ECONNRESET'
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) })
}

function response(r) {
  const headers = Object.entries(r.headers || {}).map(([k, v]) => [k.toLowerCase(), v])
  const body = new TextEncoder().encode(r.body || '')
  return {
    status: r.http_status,
    type: 'basic',
    headers: { forEach: (cb) => headers.forEach(([k, v]) => cb(v, k)) },
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength),
  }
}

/** A fetch answering each request with the script's next reply. */
function scriptedFetch(steps, clock) {
  const sends = steps.filter((s) => typeof s.expect === 'object' && s.expect.send)
  const sent = []
  async function fetch(url, init) {
    const step = sends.shift()
    assert.ok(step, `an unscripted request: ${init.method} ${url}`)
    const op = init.method === 'POST' ? 'payout' : 'status_check'
    assert.equal(op, step.expect.send)
    if (step.expect.url_ends) assert.ok(url.endsWith(step.expect.url_ends), url)
    assert.equal(init.redirect, 'manual')
    assert.ok(init.signal instanceof AbortSignal)
    sent.push({ url, init })
    const r = step.reply
    if (!r) {
      clock.now += 30000
      throw failure('timeout')
    }
    if (r.transport_error) throw failure(r.transport_error)
    return response(r)
  }
  return { fetch, sent, left: () => sends.length }
}

/** Plain request/answer scripts the driver replays on its own clock. */
function drivable(c) {
  const steps = c.input.steps
  if (steps.some((s) => s.cancel || s.late_reply || s.reply_error)) return false
  if (steps.slice(1).some((s) => s.at !== undefined)) return false
  if (c.input.options && c.input.options.request_timeout_ms && c.input.flow !== 'payout') return false
  return steps.every((s) => !(typeof s.expect === 'object' && s.expect.send) || s.reply)
}

async function run(doc, c) {
  const input = c.input
  const opts = input.options || {}
  const clock = { now: (input.steps[0] && input.steps[0].at) || 0 }
  const script = scriptedFetch(input.steps, clock)
  const client = new Client({
    ...camelKeys(doc.client),
    fetch: script.fetch,
    requestTimeoutMs: opts.request_timeout_ms,
    clock: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms
    },
  })
  let outcome
  try {
    if (input.flow === 'payout') {
      const args = camelKeys(input.payout.args)
      const wait = { wait: (opts.wait_ms || 0) > 0, timeoutMs: opts.wait_ms }
      const send = input.payout.kind === 'bank' ? client.sendBankPayout(args, wait) : client.sendMobileMoneyPayout(args, wait)
      outcome = resultJson(await send)
    } else if (input.flow === 'follow') {
      outcome = resultJson(await client.waitForPayout(input.payout_id, { timeoutMs: opts.wait_ms || 0 }))
    } else {
      const w = input.webhook
      const r = await client.handleWebhook(
        { body: w.body, headers: w.headers || {} },
        { secret: w.secret, toleranceSecs: w.tolerance_secs, timeoutMs: opts.deadline_ms },
      )
      const ok = { payout_id: r.payoutId, status: r.status, raw_status: r.rawStatus, event_status: r.eventStatus, stale: r.stale, webhook_id: r.webhookId }
      outcome = { ok, receiver_status: 200 }
    }
  } catch (e) {
    if (!(e instanceof AlexpayError)) throw e
    outcome = input.flow === 'webhook' ? { error: errorJson(e), receiver_status: e.receiverStatus } : errorOutcome(e)
    if (c.expect.create_error) {
      assert.ok(same(camelError(c.expect.create_error), errorJson(e)), JSON.stringify(errorJson(e)))
      assert.equal(script.sent.length, 0, 'nothing sent for invalid input')
      return
    }
  }
  assert.ok(!c.expect.create_error, 'creation should have failed')
  assert.equal(script.left(), 0, 'the driver stopped before the script ended')
  if (c.expect.payout_requests !== undefined) {
    assert.equal(script.sent.filter((s) => s.init.method === 'POST').length, c.expect.payout_requests)
  }
  const want = camelOutcome(c.expect.outcome)
  assert.ok(same(want, outcome), `want ${JSON.stringify(want)}\n got ${JSON.stringify(outcome)}`)
}

function resultJson(r) {
  return { kind: r.status, payout_id: r.payoutId, report_status: r.report ? r.report.status : null, message: r.message, error: null, cause: null }
}

function errorOutcome(e) {
  return {
    kind: e.code === 'outcome_unknown' ? 'unknown' : 'rejected',
    payout_id: e.payoutId,
    report_status: null,
    message: undefined,
    error: errorJson(e),
    cause: e.cause instanceof AlexpayError ? errorJson(e.cause) : null,
  }
}

test('every flow file has a runner, and enough cases run through the driver', () => {
  assert.deepEqual(fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort(), [...FILES].sort())
  const drivableCount = FILES.flatMap((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')).cases).filter(drivable).length
  assert.ok(drivableCount >= 60, `${drivableCount} drivable flow cases`)
})

for (const file of FILES) {
  const doc = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'))
  describe(file, () => {
    for (const c of doc.cases.filter(drivable)) {
      test(c.name, () => run(doc, c))
    }
  })
}
