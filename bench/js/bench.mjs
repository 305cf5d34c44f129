// JavaScript benchmarks (issue 7, Performance): the Node binding (napi-rs)
// and the wasm binding in Node (pkg/nodejs) against plain JS (JSON + hand-
// written checks) and zod schemas doing the same validation, on the same bytes
// as core/benches/core.rs; plus the wasm module's size and compile +
// instantiate time.
//
// A harness that prints figures, never a test: nothing asserts on time. Each
// implementation's output is checked against the Node binding's once before
// timing, so every column does the same work.
//
// usage: node bench/js/bench.mjs [--json FILE] [--quick] [--interleaved N]
// --interleaved N: N rounds, each timing every column once (alternating the
// order), median per column, so a busy machine's load hits all columns alike.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { gzipSync } from 'node:zlib'
import { z } from 'zod'
import { Webhook as StandardWebhook } from 'standardwebhooks'
import { Webhook as SvixWebhook } from 'svix'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const require = createRequire(import.meta.url)
// BENCH_NODE_DIR / BENCH_WASM_DIR point at another build (before/after comparisons).
const nodeSdk = require(process.env.BENCH_NODE_DIR ?? join(root, 'bindings-node'))
// BENCH_WASM_DIR is a bindings-wasm folder (its entry/ holds the facade, pkg/nodejs the module).
const wasmPkg = process.env.BENCH_WASM_DIR ?? join(root, 'bindings-wasm')
const wasmDir = join(wasmPkg, 'pkg', 'nodejs')
const wasmEntry = join(wasmPkg, 'entry', 'node.cjs')
const wasmSdk = require(wasmEntry)

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined
const interleaved = args.includes('--interleaved') ? Number(args[args.indexOf('--interleaved') + 1]) : 0
const [SECONDS, REPEAT] = interleaved ? [0.03, 1] : quick ? [0.05, 3] : [0.25, 7]

// ------------------------------------------------------------------ shared inputs
// The same bytes as core/benches/core.rs and bench/python/bench.py.
const enc = new TextEncoder()
const dec = new TextDecoder('utf-8', { fatal: true })
const STATUS_BODY = enc.encode('{"status":"success","code":200,"message":"Payout details retrieved","data":{"id":"a5f2c1e0-7d4b-4c2a-9b8e-1f2d3c4b5a69","reference":"PY_8H2K4M9Q","amount":100,"charge":2,"currency":"ZMW","environment":"live","type":"payout","method":"mobilemoney","operator":"MTN","status":"successful","narration":"Salary","is_disbursed":"true","created_at":"2024-05-14T10:21:33.000000Z","updated_at":"2024-05-14T10:22:05.000000Z"}}')
const WEBHOOK_BODY = enc.encode('{"status":"success","code":200,"message":"Payout status changed","data":{"id":"a5f2c1e0-7d4b-4c2a-9b8e-1f2d3c4b5a69","reference":"PY_8H2K4M9Q","amount":100,"status":"successful"}}')
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const NOW = 1_700_000_000
const CONFIG = { publicKey: 'pk_live_bench', secretKey: 'sk_live_bench', baseUrl: 'https://api.alexpay.test' }
const PAYOUT = {
  amount: 2500,
  countryId: 'GH',
  phoneNumber: '+233 24 123 4567',
  narration: 'Salary for June',
  webhookUrl: 'https://merchant.example/hooks/alexpay',
}
const MAX_AMOUNT = Number.MAX_SAFE_INTEGER
const USER_AGENT = 'alexpay-sdk/0.1.0'
const PROCESS_PATH = '/v1/payment/payouts/process'

class CheckError extends Error {
  constructor(code, field, why) {
    super(`${field}: ${why}`)
    this.code = code
    this.field = field
  }
}

// ------------------------------------------------------------------ plain JS: validators
// The same rules as core/src/text.rs and core/src/url.rs.
const NOT_PRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/
const URL_BAD = /[^\u0021-\u007e]/
const LABEL = /^[A-Za-z0-9-]+$/
const IPV6 = /^[0-9A-Fa-f:.]*$/
const PHONE_DROP = /[ \-.()]/g
const DIGITS = /^[0-9]+$/

function checkAmount(v) {
  if (typeof v !== 'number') throw new TypeError('amount must be a number')
  if (!Number.isInteger(v)) throw new CheckError('invalid_amount', 'amount', 'must be a whole number')
  if (v < 1) throw new CheckError('invalid_amount', 'amount', 'must be positive')
  if (v > MAX_AMOUNT) throw new CheckError('invalid_amount', 'amount', 'must not exceed 2^53 - 1')
  return v
}

function shortText(value, field, empty, invalid, max) {
  const t = value.trim()
  if (t === '') throw new CheckError(empty, field, 'is required and must not be empty')
  if (NOT_PRINTABLE.test(t)) throw new CheckError(invalid, field, 'must not contain control characters')
  // Code points, as the core counts characters.
  let count = 0
  for (const _ of t) if (++count > max) throw new CheckError(invalid, field, `must be at most ${max} characters`)
  return t
}
const checkCountryId = (v) => shortText(v, 'countryId', 'invalid_country_id', 'invalid_country_id', 64)
const checkNarration = (v) => shortText(v, 'narration', 'invalid_narration', 'invalid_narration', 255)

function checkPhone(value) {
  const t = value.trim()
  if (t === '') throw new CheckError('invalid_phone_number', 'phoneNumber', 'is empty')
  const digits = (t[0] === '+' ? t.slice(1) : t).replace(PHONE_DROP, '')
  if (!DIGITS.test(digits)) throw new CheckError('invalid_phone_number', 'phoneNumber', 'digits and separators only')
  if (digits.length < 9 || digits.length > 15) throw new CheckError('invalid_phone_number', 'phoneNumber', 'must have 9 to 15 digits')
  return digits
}

function isLoopback(host) {
  if (host.toLowerCase() === 'localhost' || host === '[::1]') return true
  const o = host.split('.')
  return o.length === 4 && o[0] === '127' && o.every((x) => x.length > 0 && x.length <= 3 && DIGITS.test(x) && Number(x) <= 255)
}

function checkHttpUrl(raw, allowQuery) {
  if (raw === '') throw new Error('is empty')
  if (raw.length > 2048) throw new Error('is longer than 2048 characters')
  if (URL_BAD.test(raw)) throw new Error('must be plain ASCII with no whitespace or control characters')
  const sep = raw.indexOf('://')
  if (sep < 0) throw new Error('must be an absolute URL starting with https://')
  const scheme = raw.slice(0, sep).toLowerCase()
  const rest = raw.slice(sep + 3)
  if (scheme !== 'https' && scheme !== 'http') throw new Error('must use https://')
  let end = rest.length
  for (const c of '/?#') {
    const i = rest.indexOf(c)
    if (i >= 0 && i < end) end = i
  }
  const authority = rest.slice(0, end)
  const tail = rest.slice(end)
  if (authority.includes('@')) throw new Error('must not contain user credentials')
  let host
  let port
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']')
    if (close < 0) throw new Error('has an unterminated IPv6 host')
    host = authority.slice(0, close + 1)
    const after = authority.slice(close + 1)
    if (after && !after.startsWith(':')) throw new Error('has junk after the IPv6 host')
    port = after ? after.slice(1) : undefined
    if (!IPV6.test(host.slice(1, -1))) throw new Error('has an invalid IPv6 host')
  } else {
    const colon = authority.lastIndexOf(':')
    host = colon >= 0 ? authority.slice(0, colon) : authority
    port = colon >= 0 ? authority.slice(colon + 1) : undefined
    if (host === '') throw new Error('has no host')
    if (!host.split('.').every((l) => LABEL.test(l))) throw new Error('has an invalid host name')
  }
  if (port !== undefined && !(port.length > 0 && port.length <= 5 && DIGITS.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw new Error('has an invalid port')
  }
  if (scheme === 'http' && !isLoopback(host)) throw new Error('must use https:// (plain http:// only for loopback hosts)')
  if (!allowQuery && (tail.includes('?') || tail.includes('#'))) throw new Error('must not contain a query string or fragment')
  return `${scheme}://${rest}`
}

function checkWebhookUrl(v) {
  try {
    return checkHttpUrl(v, true)
  } catch (e) {
    throw new CheckError('invalid_webhook_url', 'webhookUrl', e.message)
  }
}

// ------------------------------------------------------------------ plain JS: requests
class PlainClient {
  #secretKey
  constructor({ publicKey, secretKey, baseUrl }) {
    this.publicKey = publicKey
    this.#secretKey = secretKey
    this.baseUrl = checkHttpUrl(baseUrl, false).replace(/\/+$/, '')
  }

  headers() {
    return {
      'secret-key': this.#secretKey,
      'public-key': this.publicKey,
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': USER_AGENT,
    }
  }

  mobileMoneyPayout(o) {
    const body = { amount: checkAmount(o.amount), countryId: checkCountryId(o.countryId), transfer_to: 'mobile_number' }
    if (o.phoneNumber != null) body.momo_phone_number = checkPhone(o.phoneNumber)
    if (o.narration != null) body.narration = checkNarration(o.narration)
    if (o.webhookUrl != null) body.webhook_url = checkWebhookUrl(o.webhookUrl)
    return { method: 'POST', url: this.baseUrl + PROCESS_PATH, headers: this.headers(), body: enc.encode(JSON.stringify(body)) }
  }
}

// ------------------------------------------------------------------ plain JS: parsing
const STATUS_MAP = new Map()
for (const k of ['pending', 'processing', 'queued', 'initiated', 'created', 'submitted', 'in_progress', 'accepted']) STATUS_MAP.set(k, 'pending')
for (const k of ['success', 'successful', 'succeeded', 'completed', 'complete', 'paid']) STATUS_MAP.set(k, 'succeeded')
for (const k of ['failed', 'failure', 'fail', 'declined', 'rejected', 'cancelled', 'canceled', 'reversed', 'expired', 'error']) STATUS_MAP.set(k, 'failed')
const SEPARATORS = /[ -]/g
const normalizeStatus = (raw) => STATUS_MAP.get(raw.trim().toLowerCase().replace(SEPARATORS, '_')) ?? 'unknown'

function tString(o, k) {
  const v = o[k]
  switch (typeof v) {
    case 'string': return v
    case 'number': return String(v)
    case 'boolean': return v ? 'true' : 'false'
    default: return undefined
  }
}
function tId(o, k) {
  const s = tString(o, k)
  return s !== undefined && s.trim() !== '' ? s : undefined
}
function tNumber(o, k) {
  const v = o[k]
  let n
  if (typeof v === 'number') n = v
  else if (typeof v === 'string' && v.trim() !== '') n = Number(v.trim())
  else return undefined
  return Number.isFinite(n) ? n : undefined
}
function tBool(o, k) {
  const v = o[k]
  if (typeof v === 'boolean') return v
  if (v === 1 || v === 0) return v === 1
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase()
    if (s === 'true' || s === '1' || s === 'yes') return true
    if (s === 'false' || s === '0' || s === 'no') return false
  }
  return undefined
}
const isPlainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v)
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k)

function parseJson(body) {
  try {
    return JSON.parse(dec.decode(body))
  } catch {
    return undefined
  }
}

function successData(httpStatus, body) {
  const env = parseJson(body)
  if (httpStatus < 200 || httpStatus > 299) throw new CheckError('api_error', 'body', `HTTP ${httpStatus}`)
  if (!isPlainObject(env) || !(own(env, 'code') || own(env, 'status') || own(env, 'message'))) {
    throw new CheckError('unexpected_response', 'body', 'not an Alexpay envelope')
  }
  const code = tString(env, 'code')
  const status = tString(env, 'status')
  if (code === undefined && status === undefined) throw new CheckError('request_rejected', 'body', 'neither code nor status')
  if (code !== undefined && code.trim() !== '0' && code.trim() !== '200') throw new CheckError('request_rejected', 'body', 'failure code')
  if (status !== undefined && !['success', 'successful', 'ok'].includes(status.trim().toLowerCase())) {
    throw new CheckError('request_rejected', 'body', 'failure status')
  }
  if (!isPlainObject(env.data)) throw new CheckError('unexpected_response', 'body', 'no data object')
  return env.data
}

/** Absent optionals are left out, as the SDK does. */
function compact(o) {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k]
  return o
}

function plainParseStatusResponse(httpStatus, body) {
  const d = successData(httpStatus, body)
  const id = tId(d, 'id') ?? tId(d, 'payout_id')
  if (id === undefined) throw new CheckError('unexpected_response', 'body', 'no payout id')
  const raw = tString(d, 'status') ?? ''
  return compact({
    id,
    reference: tString(d, 'reference'),
    amount: tNumber(d, 'amount'),
    charge: tNumber(d, 'charge'),
    currency: tString(d, 'currency'),
    status: normalizeStatus(raw),
    rawStatus: raw,
    environment: tString(d, 'environment'),
    type: tString(d, 'type'),
    method: tString(d, 'method'),
    operator: tString(d, 'operator'),
    narration: tString(d, 'narration'),
    isDisbursed: tBool(d, 'is_disbursed') ?? tBool(d, 'disbursed'),
    createdAt: tString(d, 'created_at') ?? tString(d, 'createdAt'),
    updatedAt: tString(d, 'updated_at') ?? tString(d, 'updatedAt'),
  })
}

function plainParseWebhook(body) {
  let raw
  let top
  try {
    raw = dec.decode(body)
    top = JSON.parse(raw)
  } catch {
    throw new CheckError('webhook_malformed', 'body', 'is not UTF-8 JSON')
  }
  if (!isPlainObject(top)) throw new CheckError('webhook_malformed', 'body', 'must be a JSON object')
  const d = own(top, 'data') ? top.data : top
  if (!isPlainObject(d)) throw new CheckError('webhook_malformed', 'body', "has a 'data' field that is not an object")
  const payoutId = tId(d, 'payout_id') ?? tId(d, 'id') ?? tId(d, 'reference')
  if (payoutId === undefined) throw new CheckError('webhook_malformed', 'body', 'carries no payout id')
  const rawStatus = tString(d, 'status') ?? ''
  return compact({ payoutId, reference: tId(d, 'reference'), status: normalizeStatus(rawStatus), rawStatus, amount: tNumber(d, 'amount'), raw })
}

// The same rules as the core's confirm_webhook (issue 10): matched by the
// event's payout id only; a different status is `stale`, not an error.
function plainConfirm(e, r) {
  if (r.id !== e.payoutId && r.reference !== e.payoutId) {
    throw new CheckError('webhook_mismatch', 'payoutId', 'another payout')
  }
  if (e.amount !== undefined && r.amount !== undefined && e.amount !== r.amount) throw new CheckError('webhook_mismatch', 'amount', 'amount differs')
  const eventStatus = e.rawStatus.trim() === '' ? undefined : e.status
  return compact({ payoutId: r.id, status: r.status, rawStatus: r.rawStatus, amount: r.amount, eventStatus, stale: eventStatus !== undefined && eventStatus !== r.status })
}

// ------------------------------------------------------------------ plain JS: signatures (node:crypto)
function header(headers, name) {
  for (const k of Object.keys(headers)) {
    if (k.trim().toLowerCase() === name) {
      const v = String(headers[k]).trim()
      if (v) return v
    }
  }
  throw new CheckError('webhook_signature_invalid', name, 'header is missing')
}

function plainVerify(secret, headers, body, now, tolerance = 300) {
  const b64 = secret.startsWith('whsec_') ? secret.slice(6) : secret
  const key = Buffer.from(b64.trim(), 'base64')
  if (key.length === 0) throw new CheckError('invalid_webhook_secret', 'secret', 'bad key')
  const id = header(headers, 'webhook-id')
  const ts = header(headers, 'webhook-timestamp')
  const sigs = header(headers, 'webhook-signature')
  if (!/^-?[0-9]+$/.test(ts)) throw new CheckError('webhook_signature_invalid', 'webhook-timestamp', 'not a number')
  if (Math.abs(now - Number(ts)) > tolerance) throw new CheckError('webhook_timestamp_out_of_range', 'webhook-timestamp', 'out of range')
  const expected = createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest()
  let matched = false
  for (const entry of sigs.split(' ')) {
    const comma = entry.indexOf(',')
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue
    const given = Buffer.from(entry.slice(comma + 1), 'base64')
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true
  }
  if (!matched) throw new CheckError('webhook_signature_invalid', 'webhook-signature', 'no signature matches')
}

// ------------------------------------------------------------------ zod
const printable = (max) => z.string().trim().min(1).max(max).refine((s) => !NOT_PRINTABLE.test(s) && [...s].length <= max, 'must not contain control characters')
const PayoutArgs = z.strictObject({
  amount: z.number().int().min(1).max(MAX_AMOUNT),
  countryId: printable(64),
  phoneNumber: z.string().transform((v, ctx) => {
    try {
      return checkPhone(v)
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e.message })
      return z.NEVER
    }
  }).optional(),
  narration: printable(255).optional(),
  webhookUrl: z.string().transform((v, ctx) => {
    try {
      return checkHttpUrl(v, true)
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e.message })
      return z.NEVER
    }
  }).optional(),
})

class ZodClient extends PlainClient {
  mobileMoneyPayout(o) {
    const a = PayoutArgs.parse(o)
    const body = { amount: a.amount, countryId: a.countryId, transfer_to: 'mobile_number' }
    if (a.phoneNumber !== undefined) body.momo_phone_number = a.phoneNumber
    if (a.narration !== undefined) body.narration = a.narration
    if (a.webhookUrl !== undefined) body.webhook_url = a.webhookUrl
    return { method: 'POST', url: this.baseUrl + PROCESS_PATH, headers: this.headers(), body: enc.encode(JSON.stringify(body)) }
  }
}

// Tolerance as in the core: strings or numbers for text, numeric strings for
// numbers, "true"/"1"/"yes" for booleans. Unlike the core, a value of a wrong
// type fails the parse instead of reading as absent (zod's natural mode).
const zText = z.union([z.string(), z.number().transform(String), z.boolean().transform(String)]).optional()
const zNumber = z.union([z.number(), z.string().trim().min(1).transform(Number)]).pipe(z.number().finite()).optional()
const zBool = z.union([
  z.boolean(),
  z.literal(0).transform(() => false),
  z.literal(1).transform(() => true),
  z.string().trim().toLowerCase().pipe(z.enum(['true', '1', 'yes', 'false', '0', 'no'])).transform((s) => s === 'true' || s === '1' || s === 'yes'),
]).optional()
const StatusData = z.object({
  id: zText, payout_id: zText, reference: zText, amount: zNumber, charge: zNumber, currency: zText, status: zText,
  environment: zText, type: zText, method: zText, operator: zText, narration: zText,
  is_disbursed: zBool, disbursed: zBool, created_at: zText, createdAt: zText, updated_at: zText, updatedAt: zText,
})
const StatusEnvelope = z.object({ code: zText, status: zText, message: zText, data: StatusData }).refine((e) => {
  if (e.code === undefined && e.status === undefined) return false
  if (e.code !== undefined && e.code.trim() !== '0' && e.code.trim() !== '200') return false
  return e.status === undefined || ['success', 'successful', 'ok'].includes(e.status.trim().toLowerCase())
}, 'not a success envelope')

function zodParseStatusResponse(httpStatus, body) {
  if (httpStatus < 200 || httpStatus > 299) throw new CheckError('api_error', 'body', `HTTP ${httpStatus}`)
  const d = StatusEnvelope.parse(JSON.parse(dec.decode(body))).data
  const id = [d.id, d.payout_id].find((i) => i !== undefined && i.trim() !== '')
  if (id === undefined) throw new CheckError('unexpected_response', 'body', 'no payout id')
  const raw = d.status ?? ''
  return compact({
    id, reference: d.reference, amount: d.amount, charge: d.charge, currency: d.currency,
    status: normalizeStatus(raw), rawStatus: raw, environment: d.environment, type: d.type, method: d.method,
    operator: d.operator, narration: d.narration, isDisbursed: d.is_disbursed ?? d.disbursed,
    createdAt: d.created_at ?? d.createdAt, updatedAt: d.updated_at ?? d.updatedAt,
  })
}

const WebhookData = z.object({ payout_id: zText, id: zText, reference: zText, status: zText, amount: zNumber })
const WebhookBody = z.union([z.object({ data: WebhookData }), WebhookData])

function zodParseWebhook(body) {
  const raw = dec.decode(body)
  const top = WebhookBody.parse(JSON.parse(raw))
  const d = top.data ?? top
  const nonEmpty = (s) => (s !== undefined && s.trim() !== '' ? s : undefined)
  const payoutId = nonEmpty(d.payout_id) ?? nonEmpty(d.id) ?? nonEmpty(d.reference)
  if (payoutId === undefined) throw new CheckError('webhook_malformed', 'body', 'carries no payout id')
  const rawStatus = d.status ?? ''
  return compact({ payoutId, reference: nonEmpty(d.reference), status: normalizeStatus(rawStatus), rawStatus, amount: d.amount, raw })
}

// ------------------------------------------------------------------ harness
/** A fresh timing loop per benchmark (own feedback, so call sites stay monomorphic). */
function makeLoop() {
  // eslint-disable-next-line no-new-func
  return new Function('fn', 'n', 'now', 'let sink; const t0 = now(); for (let i = 0; i < n; i++) sink = fn(); const t = now() - t0; globalThis.__sink = sink; return t')
}
const now = () => Number(process.hrtime.bigint())
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function measure(fn) {
  const loop = makeLoop()
  let n = 1
  let elapsed = 0
  while (elapsed < 20e6) {
    n *= 4
    elapsed = loop(fn, n, now)
  }
  n = Math.max(1, Math.round((n * SECONDS * 1e9) / elapsed))
  const runs = []
  for (let i = 0; i < REPEAT; i++) runs.push(loop(fn, n, now) / n)
  return median(runs)
}

/** Request parts as plain data (the SDK's body is a Buffer/Uint8Array). */
const requestView = (r) => ({ method: r.method, url: r.url, headers: { ...r.headers }, body: Buffer.from(r.body).toString('utf8') })

function workloads(sdk) {
  const client = new sdk.Client(CONFIG)
  const report = sdk.parseStatusResponse(200, STATUS_BODY)
  const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(NOW), 'webhook-signature': sdk.signWebhook(SECRET, 'msg_1', NOW, WEBHOOK_BODY) }
  return {
    headers,
    build: () => client.mobileMoneyPayout(PAYOUT),
    status: () => sdk.parseStatusResponse(200, STATUS_BODY),
    webhook: () => sdk.confirmWebhook(sdk.parseWebhook(WEBHOOK_BODY), report),
    verify: () => sdk.verifyWebhookSignature(SECRET, headers, WEBHOOK_BODY, NOW, 300),
  }
}

function main() {
  const node = workloads(nodeSdk)
  const wasm = workloads(wasmSdk)
  const headers = node.headers
  const plainClient = new PlainClient(CONFIG)
  const zodClient = new ZodClient(CONFIG)
  const plainReport = plainParseStatusResponse(200, STATUS_BODY)
  const impls = {
    build_mobile_money_payout: {
      node: node.build, wasm: wasm.build,
      plain: () => plainClient.mobileMoneyPayout(PAYOUT),
      zod: () => zodClient.mobileMoneyPayout(PAYOUT),
      view: requestView,
    },
    parse_status_response: {
      node: node.status, wasm: wasm.status,
      plain: () => plainParseStatusResponse(200, STATUS_BODY),
      zod: () => zodParseStatusResponse(200, STATUS_BODY),
    },
    parse_and_confirm_webhook: {
      node: node.webhook, wasm: wasm.webhook,
      plain: () => plainConfirm(plainParseWebhook(WEBHOOK_BODY), plainReport),
      zod: () => plainConfirm(zodParseWebhook(WEBHOOK_BODY), plainReport),
    },
    verify_signed_webhook: {
      node: node.verify, wasm: wasm.verify,
      plain: () => plainVerify(SECRET, headers, WEBHOOK_BODY, NOW, 300),
    },
  }

  // Same outputs before timing: every column does the same work.
  for (const [name, w] of Object.entries(impls)) {
    const view = w.view ?? ((x) => (x === undefined ? x : { ...x }))
    const want = view(w.node())
    for (const which of ['wasm', 'plain', 'zod']) {
      if (!w[which]) continue
      const got = view(w[which]())
      if (!isDeepStrictEqual(got, want)) {
        console.error(`${name}: ${which} returned`, got, 'the Node binding', want)
        process.exit(1)
      }
    }
  }
  const tampered = { ...headers, 'webhook-signature': 'v1,AAAA' + headers['webhook-signature'].slice(7) }
  for (const verify of [nodeSdk.verifyWebhookSignature, wasmSdk.verifyWebhookSignature, plainVerify]) {
    let threw = false
    try {
      verify(SECRET, tampered, WEBHOOK_BODY, NOW, 300)
    } catch {
      threw = true
    }
    if (!threw) {
      console.error('a verifier accepted a bad signature')
      process.exit(1)
    }
  }

  const results = {}
  const fmt = (x, w = 11) => (x === undefined ? 'n/a'.padStart(w) : x.toFixed(0).padStart(w))
  const ratio = (a, b, w = 10) => (a === undefined ? 'n/a'.padStart(w) : `${(a / b).toFixed(2)}x`.padStart(w))
  console.log(`Node ${process.version}, zod ${require('zod/package.json').version}`)
  console.log(`${'workload'.padEnd(28)}${'node ns'.padStart(11)}${'wasm ns'.padStart(11)}${'plain ns'.padStart(11)}${'zod ns'.padStart(11)}` +
    `${'plain/node'.padStart(12)}${'zod/node'.padStart(10)}${'plain/wasm'.padStart(12)}${'zod/wasm'.padStart(10)}`)
  for (const [name, w] of Object.entries(impls)) {
    const t = {}
    if (interleaved) {
      const runs = {}
      for (let r = 0; r < interleaved; r++) {
        for (const which of r % 2 ? ['zod', 'plain', 'wasm', 'node'] : ['node', 'wasm', 'plain', 'zod']) {
          if (w[which]) (runs[which] ??= []).push(measure(w[which]))
        }
      }
      for (const which of Object.keys(runs)) t[which] = median(runs[which])
    } else for (const which of ['node', 'wasm', 'plain', 'zod']) if (w[which]) t[which] = measure(w[which])
    results[name] = t
    console.log(`${name.padEnd(28)}${fmt(t.node)}${fmt(t.wasm)}${fmt(t.plain)}${fmt(t.zod)}` +
      `${ratio(t.plain, t.node, 12)}${ratio(t.zod, t.node)}${ratio(t.plain, t.wasm, 12)}${ratio(t.zod, t.wasm)}`)
  }

  results.verify_peers = verifyPeers()

  // Where the bindings' time goes: a trivial call across each boundary.
  const decomposition = {
    'node: normalizeStatus("ok") (boundary floor)': measure(() => nodeSdk.normalizeStatus('ok')),
    'wasm: normalizeStatus("ok") (boundary floor)': measure(() => wasmSdk.normalizeStatus('ok')),
    'node: parseWebhook only': measure(() => nodeSdk.parseWebhook(WEBHOOK_BODY)),
    'wasm: parseWebhook only': measure(() => wasmSdk.parseWebhook(WEBHOOK_BODY)),
    'floor: JSON.parse(TextDecoder(status body))': measure(() => JSON.parse(dec.decode(STATUS_BODY))),
  }
  console.log('binding decomposition (ns/op):')
  for (const [k, v] of Object.entries(decomposition)) console.log(`  ${k.padEnd(52)}${fmt(v)}`)
  console.log('(ratios > 1: the binding is faster; zod n/a for HMAC: zod has no signature check)')

  results.wasm = wasmStartup()
  const s = results.wasm
  console.log(`wasm (pkg/nodejs/alexpay_wasm_bg.wasm): ${s.raw_bytes} B raw, ${s.gzip_bytes} B gzip -9 (${(s.gzip_bytes / 1024).toFixed(1)} KiB)`)
  console.log(`wasm start-up, median of ${s.runs} runs: compile ${(s.compile_ns / 1e6).toFixed(2)} ms, instantiate ${(s.instantiate_ns / 1e6).toFixed(3)} ms, ` +
    `compile+instantiate ${(s.compile_instantiate_ns / 1e6).toFixed(2)} ms; require() of the whole nodejs package in a fresh process ${(s.fresh_require_ns / 1e6).toFixed(2)} ms (median of ${s.fresh_runs})`)
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ js: { ...results, decomposition }, when: Date.now() }))
}

/**
 * Verification next to the `standardwebhooks` and `svix` packages (issue
 * 13). They check the timestamp against the real clock, so every verifier
 * here gets a signature made now. First, all of them must accept each
 * other's signatures and refuse a tampered one; then each is timed.
 */
function verifyPeers() {
  const ts = Math.floor(Date.now() / 1000)
  const id = 'msg_peer'
  const body = dec.decode(WEBHOOK_BODY)
  const std = new StandardWebhook(SECRET)
  const svix = new SvixWebhook(SECRET)
  const ours = nodeSdk.signWebhook(SECRET, id, ts, WEBHOOK_BODY)
  const signatures = {
    alexpay: ours,
    standardwebhooks: std.sign(id, new Date(ts * 1000), body),
    svix: svix.sign(id, new Date(ts * 1000), body),
  }
  const webhookHeaders = (sig) => ({ 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sig })
  const svixHeaders = (sig) => ({ 'svix-id': id, 'svix-timestamp': String(ts), 'svix-signature': sig })
  const verifiers = {
    node: (sig) => nodeSdk.verifyWebhookSignature(SECRET, webhookHeaders(sig), WEBHOOK_BODY, ts, 300),
    wasm: (sig) => wasmSdk.verifyWebhookSignature(SECRET, webhookHeaders(sig), WEBHOOK_BODY, ts, 300),
    plain: (sig) => plainVerify(SECRET, webhookHeaders(sig), WEBHOOK_BODY, ts, 300),
    standardwebhooks: (sig) => std.verify(body, webhookHeaders(sig)),
    svix: (sig) => svix.verify(body, svixHeaders(sig)),
  }
  for (const [who, verify] of Object.entries(verifiers)) {
    for (const [signer, sig] of Object.entries(signatures)) {
      try {
        verify(sig)
      } catch (e) {
        console.error(`${who} refused ${signer}'s signature: ${e.message}`)
        process.exit(1)
      }
    }
    let threw = false
    try {
      verify('v1,AAAA' + ours.slice(7))
    } catch {
      threw = true
    }
    if (!threw) {
      console.error(`${who} accepted a tampered signature`)
      process.exit(1)
    }
  }
  const headers = webhookHeaders(ours)
  const sHeaders = svixHeaders(ours)
  const t = {
    node: measure(() => nodeSdk.verifyWebhookSignature(SECRET, headers, WEBHOOK_BODY, ts, 300)),
    wasm: measure(() => wasmSdk.verifyWebhookSignature(SECRET, headers, WEBHOOK_BODY, ts, 300)),
    plain: measure(() => plainVerify(SECRET, headers, WEBHOOK_BODY, ts, 300)),
    standardwebhooks: measure(() => std.verify(body, headers)),
    svix: measure(() => svix.verify(body, sHeaders)),
  }
  const versions = `standardwebhooks ${require('standardwebhooks/package.json').version}, svix ${require('svix/package.json').version}`
  console.log(`verify peers (${versions}; all accept each other's signatures, all refuse a tampered one), ns/op:`)
  for (const [k, v] of Object.entries(t)) {
    console.log(`  ${k.padEnd(18)}${v.toFixed(0).padStart(9)}   node is ${(v / t.node).toFixed(2)}x faster, wasm ${(v / t.wasm).toFixed(2)}x`)
  }
  return t
}

/**
 * Compile + instantiate time of the .wasm bytes in Node. V8 shares compiled
 * modules with identical bytes, so each run appends a distinct (ignored)
 * custom section: every compile is a real one.
 */
function wasmStartup() {
  const bytes = readFileSync(join(wasmDir, 'alexpay_wasm_bg.wasm'))
  const module0 = new WebAssembly.Module(bytes)
  const imports = {}
  for (const imp of WebAssembly.Module.imports(module0)) {
    if (imp.kind !== 'function') throw new Error(`unexpected import kind ${imp.kind}`)
    ;(imports[imp.module] ??= {})[imp.name] = () => {}
  }
  const runs = quick ? 20 : 200
  const unique = (i) => {
    const name = enc.encode(`bench${i}`)
    return Buffer.concat([bytes, Buffer.from([0, name.length + 1, name.length]), name])
  }
  const compile = []
  const instantiate = []
  const both = []
  for (let i = 0; i < runs; i++) {
    const b = unique(i)
    let t0 = now()
    const m = new WebAssembly.Module(b)
    compile.push(now() - t0)
    t0 = now()
    new WebAssembly.Instance(m, imports)
    instantiate.push(now() - t0)
    const b2 = unique(runs + i)
    t0 = now()
    new WebAssembly.Instance(new WebAssembly.Module(b2), imports)
    both.push(now() - t0)
  }
  // The whole package (JS glue + read + compile + instantiate + start) in a
  // fresh Node process, timed inside the process around require().
  const freshRuns = quick ? 3 : 15
  const fresh = []
  const script = `const t0 = process.hrtime.bigint(); require(${JSON.stringify(wasmEntry)}); process.stdout.write(String(process.hrtime.bigint() - t0))`
  for (let i = 0; i < freshRuns; i++) fresh.push(Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })))
  return {
    raw_bytes: bytes.length,
    gzip_bytes: gzipSync(bytes, { level: 9 }).length,
    runs,
    compile_ns: median(compile),
    instantiate_ns: median(instantiate),
    compile_instantiate_ns: median(both),
    fresh_runs: freshRuns,
    fresh_require_ns: median(fresh),
  }
}

main()
