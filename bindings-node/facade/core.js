// The public JavaScript surface of both packages, `alexpay` (napi) and
// `alexpay-wasm` (docs/API.md, the JavaScript column), written once over a
// back end (`native`) that exports the same small primitive interface in
// both (bindings-node/native.d.ts is its declaration). It checks JavaScript
// types (TypeError naming the argument; values of the right type are the
// core's to refuse), hands well-typed values to Rust, builds plain objects from the back end's flat results and turns
// the core's structured errors (`NativeFailure`) into `AlexpayError`. Every
// rule (codes, fields, messages, bytes on the wire, retries) is the core's.

const REDACTED = '[REDACTED]'
const SECRET_HEADER = 'secret-key'
const INSPECT = Symbol.for('nodejs.util.inspect.custom')

// ------------------------------------------------------------------ errors

/** Every error the SDK raises on purpose. Properties mirror the Rust core. */
class AlexpayError extends Error {
  constructor(message, details) {
    super(message)
    const d = details || {}
    this.code = d.code
    if (d.field !== undefined && d.field !== null) this.field = d.field
    if (d.httpStatus !== undefined && d.httpStatus !== null) this.httpStatus = d.httpStatus
    this.retryable = d.retryable === true
    if (d.apiCode !== undefined && d.apiCode !== null) this.apiCode = d.apiCode
    if (d.apiMessage !== undefined && d.apiMessage !== null) this.apiMessage = d.apiMessage
    if (d.payoutId !== undefined && d.payoutId !== null) this.payoutId = d.payoutId
    this.family = d.family
  }
}
Object.defineProperty(AlexpayError.prototype, 'name', {
  value: 'AlexpayError',
  writable: true,
  configurable: true,
})

function fromFailure(f) {
  const error = new AlexpayError(f.message, {
    code: f.code,
    family: f.family,
    field: f.field,
    httpStatus: f.httpStatus,
    retryable: f.retryable,
    apiCode: f.apiCode,
    apiMessage: f.apiMessage,
    payoutId: f.payoutId,
  })
  // The stack starts at the caller's line, not inside this wrapper.
  if (Error.captureStackTrace) Error.captureStackTrace(error, call)
  return error
}

// napi-rs reports a value it cannot convert with one of these codes. The
// checks below should make them unreachable; if one slips through it still
// surfaces as a TypeError, never as a crash.
const NAPI_TYPE_CODES = /^(InvalidArg|ObjectExpected|StringExpected|NameExpected|FunctionExpected|NumberExpected|BooleanExpected|ArrayExpected|BigintExpected|DateExpected|ArrayBufferExpected|DetachableArraybufferExpected)$/

/** Runs a native call: a `NativeFailure` becomes a thrown `AlexpayError`. */
function call(fn) {
  let result
  try {
    result = fn()
  } catch (e) {
    if (e && typeof e.code === 'string' && NAPI_TYPE_CODES.test(e.code)) {
      throw new TypeError(`alexpay: ${e.message}`)
    }
    throw e
  }
  if (result instanceof native.NativeFailure) throw fromFailure(result)
  return result
}

// ------------------------------------------------------------------ type checks

function describe(value) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  const t = typeof value
  if (t === 'bigint') return 'a BigInt'
  if (t === 'object') {
    const proto = Object.getPrototypeOf(value)
    if (proto === null || proto === Object.prototype) return 'a plain object'
    const name = proto.constructor && proto.constructor.name
    return name ? `a ${name}` : 'an object'
  }
  if (t === 'number' && Number.isNaN(value)) return 'NaN'
  return t === 'undefined' ? 'undefined' : `a ${t}`
}

function typeError(message) {
  return new TypeError(message)
}

// A lone surrogate would cross to Rust as U+FFFD (napi-rs and wasm-bindgen
// both encode with replacement), so it is caught here and refused with the
// core's own error (`native.notUnicode`, the rule Python uses too).
const LONE_SURROGATE = /\p{Cs}/u
const wellFormedText =
  typeof String.prototype.isWellFormed === 'function'
    ? (s) => s.isWellFormed()
    : (s) => !LONE_SURROGATE.test(s)

/** The core field an argument reports, where its name is not one
 * (`normalizeStatus(raw)`, `signWebhook(secret, id)`, `event.payoutId`). */
const FIELD_OF = { raw: 'status', id: 'webhook-id' }
const NESTED_FIELD = { payoutId: 'payoutId', id: 'payoutId', reference: 'payoutId', rawStatus: 'status', raw: 'body' }

function wellFormed(value, name) {
  if (wellFormedText(value)) return value
  const dot = name.lastIndexOf('.')
  // Other fields of a parsed object are type-checked only; they never cross.
  const field = dot < 0 ? FIELD_OF[name] || name : NESTED_FIELD[name.slice(dot + 1)]
  if (field === undefined) return value
  throw fromFailure(native.notUnicode(field))
}

/** A required string; `undefined`/`null` become `""` so the core reports "is required". */
function text(value, name) {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') throw typeError(`${name} must be a string, got ${describe(value)}`)
  return wellFormed(value, name)
}

function optionalText(value, name) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw typeError(`${name} must be a string or undefined, got ${describe(value)}`)
  return wellFormed(value, name)
}

function requiredText(value, name) {
  if (typeof value !== 'string') throw typeError(`${name} must be a string, got ${describe(value)}`)
  return wellFormed(value, name)
}

/** Amounts are JS numbers; the core refuses fractions, NaN, negatives, > 2^53 - 1. */
function amount(value) {
  if (typeof value === 'number') return value
  if (value === undefined || value === null) {
    throw typeError('amount is required: a whole number of the currency units')
  }
  throw typeError(`amount must be a number (a whole number of the currency units), got ${describe(value)}`)
}

/** A JS number for a whole-number argument. Its range (and wholeness) is
 * the core's rule: a fraction, NaN or out-of-range value comes back as
 * `invalid_argument` naming the field, as for Python ints. */
function integer(value, name) {
  if (typeof value !== 'number') {
    const hint = value instanceof Date ? ' (Unix seconds: Math.floor(Date.now() / 1000))' : ''
    throw typeError(`${name} must be a whole number, got ${describe(value)}${hint}`)
  }
  return value
}

function optionalInteger(value, name) {
  if (value === undefined || value === null) return undefined
  return integer(value, name)
}

function optionalNumber(value, name) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number') throw typeError(`${name} must be a number or undefined, got ${describe(value)}`)
  return value
}

function optionalBoolean(value, name) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw typeError(`${name} must be a boolean or undefined, got ${describe(value)}`)
  return value
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An options object whose keys are all known (a typo must not be ignored). */
function options(value, name, allowed) {
  if (!isObject(value)) throw typeError(`${name} takes an options object, got ${describe(value)}`)
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw typeError(`${name}: unknown option '${key}' (expected ${allowed.join(', ')})`)
    }
  }
  return value
}

const RAW_BODY_TYPES = 'a Buffer, Uint8Array, ArrayBuffer or string'

const ENCODER = new TextEncoder()
const DECODER = new TextDecoder()
// Keeps a leading BOM, as the core's UTF-8 check does.
const RAW_DECODER = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * A parsed webhook's `raw`: the body text. The back end never sends the body
 * back (issue 13); after the core accepted it as UTF-8 this is the same text:
 * the caller's own string when it is well formed, else the bytes decoded.
 */
function rawText(value, b) {
  if (typeof value === 'string' && typeof value.isWellFormed === 'function' && value.isWellFormed()) return value
  return RAW_DECODER.decode(b)
}

function isArrayBuffer(value) {
  const tag = Object.prototype.toString.call(value)
  return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]'
}

/**
 * At most `cap` + 1 bytes of a body (a view, no copy): enough for the core to
 * refuse a longer one, which is then never copied into the back end (wasm
 * memory never shrinks). The core decides; this only bounds what crosses.
 */
function withinCap(b, cap) {
  return b.length > cap + 1 ? b.subarray(0, cap + 1) : b
}

let defaultCap
/** The core's default body cap, for the free functions (read on first use: a wasm back end may not be initialised yet). */
function defaultMaxBodyBytes() {
  if (defaultCap === undefined) defaultCap = native.defaultMaxBodyBytes()
  return defaultCap
}

/** Bytes (a Uint8Array view, never a copy when avoidable) from a Buffer,
 * any ArrayBufferView, an ArrayBuffer / SharedArrayBuffer, or a string. */
function bytes(value, name, what) {
  if (typeof value === 'string') return ENCODER.encode(value)
  if (value instanceof Uint8Array) return value
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  if (isArrayBuffer(value)) return new Uint8Array(value)
  if (isObject(value) || Array.isArray(value)) {
    throw typeError(
      `${name} must be the raw body of the ${what} (${RAW_BODY_TYPES}), not ${describe(value)}: ` +
        `pass the bytes as received, before any JSON parsing (e.g. express.raw(), ` +
        `await request.arrayBuffer(), await response.text())`,
    )
  }
  throw typeError(`${name} must be the raw body of the ${what} (${RAW_BODY_TYPES}), got ${describe(value)}`)
}

/** A header's values: a repeated header (an array value) stays one pair per
 * value, as Python's header pairs do; the core decides what repeats mean. */
function pushHeader(pairs, name, value) {
  if (typeof value === 'string') pairs.push([wellFormed(name, 'headers'), wellFormed(value, 'headers')])
  else if (typeof value === 'number') pairs.push([wellFormed(name, 'headers'), String(value)])
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    for (const v of value) pushHeader(pairs, name, v)
  } else throw typeError(`headers['${name}'] must be a string, got ${describe(value)}`)
}

/** Plain object (incl. Node's IncomingHttpHeaders), Headers, Map or [name, value] pairs. */
function headerPairs(value) {
  if (value === undefined || value === null || typeof value !== 'object') {
    throw typeError(
      `headers must be a plain object, a Headers, a Map or an array of [name, value] pairs, got ${describe(value)}`,
    )
  }
  const pairs = []
  if (Array.isArray(value) || typeof value[Symbol.iterator] === 'function') {
    for (const entry of value) {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
        throw typeError('headers given as a list must hold [name, value] pairs of strings')
      }
      pushHeader(pairs, entry[0], entry[1])
    }
    return pairs
  }
  for (const name of Object.keys(value)) {
    if (value[name] === undefined) continue
    pushHeader(pairs, name, value[name])
  }
  return pairs
}

// ------------------------------------------------------------------ requests

function redactedHeaders(headers) {
  const out = {}
  for (const name of Object.keys(headers)) {
    out[name] = name.toLowerCase() === SECRET_HEADER ? REDACTED : headers[name]
  }
  return out
}

function redactedRequest(request) {
  const out = { method: request.method, url: request.url, headers: redactedHeaders(request.headers) }
  if (request.body !== undefined) out.body = DECODER.decode(request.body)
  return out
}

function hide(target, key, value) {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true })
}

/**
 * A plain object that `fetch(request.url, request)` accepts as it is. Its
 * non-enumerable `toJSON` and inspect hooks show the secret-key header as
 * [REDACTED], so logging the request never leaks the key (fetch reads only
 * the RequestInit members it knows). `request.headers` itself is a bare
 * record holding the key, as fetch needs it.
 *
 * `r` is a flow's flat array `[method, url, body | null, name1, value1,
 * ...]` (one array crosses the boundary instead of an object of arrays).
 */
function makeRequest(r, from = 0) {
  const headers = {}
  for (let i = from + 3; i < r.length; i += 2) headers[r[i]] = r[i + 1]
  return requestOf(r[from], r[from + 1], headers, r[from + 2])
}

// Shared by every request (no two closures made per build).
function requestToJSON() {
  return redactedRequest(this)
}

function requestInspect(depth, opts, inspectFn) {
  return inspectFn(redactedRequest(this), opts)
}

function requestOf(method, url, headers, body) {
  // The headers object stays a bare record: undici's fetch converts every own
  // property of it, enumerable or not, symbols included, into a header.
  const request = { method, url, headers }
  if (body !== null && body !== undefined) request.body = ENCODER.encode(body)
  hide(request, 'toJSON', requestToJSON)
  hide(request, INSPECT, requestInspect)
  return request
}

/**
 * A request from a builder's packed `url, body` and the client's `shape`,
 * `[method, name1, value1, ...]`, fetched once per client from the core
 * (the same for every request of that operation): the constant strings do
 * not cross the boundary on every build.
 */
function builtRequest(shape, packedRequest) {
  unpack(packedRequest)
  const url = nextText()
  const body = nextText()
  const headers = {}
  for (let i = 1; i < shape.length; i += 2) headers[shape[i]] = shape[i + 1]
  return requestOf(shape[0], url, headers, body)
}

const CLIENT_KEYS = ['publicKey', 'secretKey', 'baseUrl', 'userAgent', 'maxBodyBytes', 'fetch', 'requestTimeoutMs', 'clock', 'sleep']
const MOBILE_MONEY_KEYS = ['amount', 'countryId', 'phoneNumber', 'narration', 'webhookUrl']
const BANK_KEYS = ['amount', 'countryId', 'bankId', 'accountNumber', 'narration', 'webhookUrl']

/** `[amount, countryId, phoneNumber, narration, webhookUrl]`, type-checked. */
function mobileMoneyArgs(o) {
  return [
    amount(o.amount),
    text(o.countryId, 'countryId'),
    optionalText(o.phoneNumber, 'phoneNumber'),
    optionalText(o.narration, 'narration'),
    optionalText(o.webhookUrl, 'webhookUrl'),
  ]
}

/** `[amount, countryId, bankId, accountNumber, narration, webhookUrl]`, type-checked. */
function bankArgs(o) {
  return [
    amount(o.amount),
    text(o.countryId, 'countryId'),
    text(o.bankId, 'bankId'),
    text(o.accountNumber, 'accountNumber'),
    optionalText(o.narration, 'narration'),
    optionalText(o.webhookUrl, 'webhookUrl'),
  ]
}

function optionalFunction(value, name) {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'function') throw typeError(`${name} must be a function, got ${describe(value)}`)
  return value
}

/**
 * A validated configuration. It builds requests as plain data, and its
 * `send*` / `waitForPayout` / `handleWebhook` methods run the core's flows
 * over `fetch` (globalThis.fetch unless `fetch` is given).
 */
class Client {
  #native
  #payoutShape
  #checkShape
  #publicKey
  #baseUrl
  #userAgent
  #maxBodyBytes
  #fetch
  #timeoutMs
  #clock
  #sleep

  constructor(config) {
    const o = options(config, 'new Client(config)', CLIENT_KEYS)
    const publicKey = text(o.publicKey, 'publicKey')
    const secretKey = text(o.secretKey, 'secretKey')
    const baseUrl = text(o.baseUrl, 'baseUrl')
    const userAgent = optionalText(o.userAgent, 'userAgent')
    const maxBodyBytes = optionalInteger(o.maxBodyBytes, 'maxBodyBytes')
    this.#fetch = optionalFunction(o.fetch, 'fetch')
    this.#timeoutMs = optionalInteger(o.requestTimeoutMs, 'requestTimeoutMs')
    this.#clock = optionalFunction(o.clock, 'clock')
    this.#sleep = optionalFunction(o.sleep, 'sleep')
    this.#native = call(() => native.createClient(publicKey, secretKey, baseUrl, userAgent, maxBodyBytes))
    this.#payoutShape = this.#native.payoutShape()
    this.#checkShape = this.#native.statusCheckShape()
    this.#publicKey = this.#native.publicKey
    this.#baseUrl = this.#native.baseUrl
    this.#userAgent = this.#native.userAgent
    this.#maxBodyBytes = this.#native.maxBodyBytes
  }

  #host(signal, clock) {
    const fetchFn = this.#fetch || globalThis.fetch
    if (typeof fetchFn !== 'function') throw typeError('no fetch: pass new Client({ fetch }) on a runtime without globalThis.fetch')
    return { fetch: fetchFn, clock: this.#clock || clock, sleep: this.#sleep || realSleep, signal, maxBodyBytes: this.#maxBodyBytes }
  }

  /** Undefined: the core's default. */
  get #requestTimeoutMs() {
    return this.#timeoutMs
  }

  /**
   * Sends a mobile-money payout and, with `{ wait: true }`, follows it to a
   * final status for up to `timeoutMs` (default 60000). Resolves to
   * `{ payoutId, status, report, message? }`; rejects with `outcome_unknown`
   * when the payout may exist (never resend it), a definite refusal's code,
   * or `connection_failed` when nothing was ever delivered.
   */
  async sendMobileMoneyPayout(args, opts = {}) {
    const payout = mobileMoneyArgs(options(args, 'sendMobileMoneyPayout()', MOBILE_MONEY_KEYS))
    const f = options(opts, 'sendMobileMoneyPayout() options', SEND_KEYS)
    const host = this.#host(signalOf(f), monotonicClock())
    const waitMs = waitMsOf(f)
    const client = this.#native
    const timeout = this.#requestTimeoutMs
    const flow = call(() => native.createMobileMoneyFlow(client, ...payout, timeout, waitMs, seed()))
    await drive(flow, host)
    return payoutResult(flow)
  }

  /** Sends a bank payout; as `sendMobileMoneyPayout`. */
  async sendBankPayout(args, opts = {}) {
    const payout = bankArgs(options(args, 'sendBankPayout()', BANK_KEYS))
    const f = options(opts, 'sendBankPayout() options', SEND_KEYS)
    const host = this.#host(signalOf(f), monotonicClock())
    const waitMs = waitMsOf(f)
    const client = this.#native
    const timeout = this.#requestTimeoutMs
    const flow = call(() => native.createBankFlow(client, ...payout, timeout, waitMs, seed()))
    await drive(flow, host)
    return payoutResult(flow)
  }

  /** Follows a known payout to a final status for up to `timeoutMs` (default 60000; 0: one check). */
  async waitForPayout(payoutId, opts = {}) {
    const id = text(payoutId, 'payoutId')
    const f = options(opts, 'waitForPayout() options', FOLLOW_KEYS)
    const host = this.#host(signalOf(f), monotonicClock())
    const waitMs = waitMsOf({ wait: true, timeoutMs: f.timeoutMs })
    const client = this.#native
    const timeout = this.#requestTimeoutMs
    const flow = call(() => native.createFollowFlow(client, id, timeout, waitMs, seed()))
    await drive(flow, host)
    return payoutResult(flow)
  }

  /**
   * Handles one webhook delivery (a fetch `Request`, or `{ body, headers }`
   * with the raw body): verified with `secret` when given, then confirmed by
   * a status check. Resolves to `{ payoutId, status, eventStatus?, stale,
   * webhookId?, report, event }`; stale and duplicate events are results.
   * Rejections carry `receiverStatus` (401, 400 or 503) to answer with.
   */
  async handleWebhook(input, opts = {}) {
    const f = options(opts, 'handleWebhook() options', WEBHOOK_KEYS)
    const secret = optionalText(f.secret, 'secret')
    const tolerance = optionalInteger(f.toleranceSecs, 'toleranceSecs')
    const deadline = optionalInteger(f.timeoutMs, 'timeoutMs')
    const host = this.#host(signalOf(f), wallClock(f.now))
    const { body, headers } = await deliveryOf(input, this.#maxBodyBytes)
    const flat = headers.flat()
    const client = this.#native
    const timeout = this.#requestTimeoutMs
    // Absent options take the core's defaults.
    const flow = call(() => native.createWebhookFlow(client, body, flat, secret, tolerance, timeout, deadline, seed()))
    await drive(flow, host)
    return webhookResult(flow, body)
  }

  get publicKey() {
    return this.#publicKey
  }

  get baseUrl() {
    return this.#baseUrl
  }

  get userAgent() {
    return this.#userAgent
  }

  /** The largest response or webhook body read; a longer one is refused unread (`response_too_large`, `webhook_too_large`). */
  get maxBodyBytes() {
    return this.#maxBodyBytes
  }

  /** `POST {baseUrl}/v1/payment/payouts/process` to a mobile-money wallet. */
  mobileMoneyPayout(args) {
    const payout = mobileMoneyArgs(options(args, 'mobileMoneyPayout()', MOBILE_MONEY_KEYS))
    const client = this.#native
    return builtRequest(this.#payoutShape, call(() => client.mobileMoneyPayout(...payout)))
  }

  /** `POST {baseUrl}/v1/payment/payouts/process` to a bank account. */
  bankPayout(args) {
    const payout = bankArgs(options(args, 'bankPayout()', BANK_KEYS))
    const client = this.#native
    return builtRequest(this.#payoutShape, call(() => client.bankPayout(...payout)))
  }

  /** `GET {baseUrl}/v1/payment/{payoutId}/check`, without a body. */
  statusCheck(payoutId) {
    const id = text(payoutId, 'payoutId')
    const native = this.#native
    return builtRequest(this.#checkShape, call(() => native.statusCheck(id)))
  }

  /** What `JSON.stringify(client)` shows: never the secret key. */
  toJSON() {
    return { publicKey: this.#publicKey, baseUrl: this.#baseUrl, userAgent: this.#userAgent, maxBodyBytes: this.#maxBodyBytes }
  }

  [INSPECT](depth, opts, inspectFn) {
    const shown = { ...this.toJSON(), secretKey: REDACTED }
    return `Client ${inspectFn(shown, opts)}`
  }
}

// ------------------------------------------------------------------ responses
// The back end returns a result as one packed string (one string crossing
// the boundary instead of one per field; bindings-node/src/packed.rs defines
// the format and each record's field order): `~` is an absent field, `<n>:`
// prefixes a text of n UTF-16 code units, `t`/`f` a boolean, and a number is
// a text of decimal digits or `x` and the 16 hex digits of its bits. These
// read it field by field, in order, and build the plain objects, leaving
// absent optionals out.

let packed = ''
let at = 0

/** Starts reading a packed result (synchronous: nothing runs in between). */
function unpack(s) {
  packed = s
  at = 0
}

/** The next text field, or null when absent. */
function nextText() {
  let c = packed.charCodeAt(at)
  if (c === 126) {
    at++
    return null
  }
  let n = 0
  // Digits, then ':' (NaN past the end stops the loop too).
  while (c >= 48 && c <= 57) {
    n = n * 10 + (c - 48)
    c = packed.charCodeAt(++at)
  }
  const start = at + 1
  at = start + n
  return packed.slice(start, at)
}

const BITS = new DataView(new ArrayBuffer(8))

/** The next number field (exactly the Rust f64), or null when absent. */
function nextNumber() {
  const t = nextText()
  if (t === null || t.charCodeAt(0) !== 120) return t === null ? null : +t
  BITS.setUint32(0, parseInt(t.slice(1, 9), 16))
  BITS.setUint32(4, parseInt(t.slice(9, 17), 16))
  return BITS.getFloat64(0)
}

/** A text field of the same format, for arguments packed the same way. */
function packText(s) {
  return s === undefined || s === null ? '~' : s.length + ':' + s
}

/** The next boolean field, or null when absent. */
function nextFlag() {
  const c = packed.charCodeAt(at++)
  return c === 116 ? true : c === 102 ? false : null
}

function payoutFrom(s) {
  unpack(s)
  const p = { payoutId: nextText() }
  const amount = nextNumber()
  if (amount !== null) p.amount = amount
  p.status = nextText()
  p.rawStatus = nextText()
  const message = nextText()
  if (message !== null) p.message = message
  return p
}

function statusReportFrom(s) {
  unpack(s)
  const r = { id: nextText() }
  let v
  if ((v = nextText()) !== null) r.reference = v
  if ((v = nextNumber()) !== null) r.amount = v
  if ((v = nextNumber()) !== null) r.charge = v
  if ((v = nextText()) !== null) r.currency = v
  r.status = nextText()
  r.rawStatus = nextText()
  if ((v = nextText()) !== null) r.environment = v
  if ((v = nextText()) !== null) r.type = v
  if ((v = nextText()) !== null) r.method = v
  if ((v = nextText()) !== null) r.operator = v
  if ((v = nextText()) !== null) r.narration = v
  if ((v = nextFlag()) !== null) r.isDisbursed = v
  if ((v = nextText()) !== null) r.createdAt = v
  if ((v = nextText()) !== null) r.updatedAt = v
  return r
}

/** `raw` is the body text (see `rawText`): it does not cross the boundary. */
function webhookEventFrom(s, raw) {
  unpack(s)
  const e = { payoutId: nextText() }
  const reference = nextText()
  if (reference !== null) e.reference = reference
  e.status = nextText()
  e.rawStatus = nextText()
  const amount = nextNumber()
  if (amount !== null) e.amount = amount
  e.raw = raw
  return e
}

function confirmationFrom(s) {
  unpack(s)
  const c = { payoutId: nextText(), status: nextText(), rawStatus: nextText() }
  const amount = nextNumber()
  if (amount !== null) c.amount = amount
  const eventStatus = nextText()
  if (eventStatus !== null) c.eventStatus = eventStatus
  c.stale = nextFlag()
  return c
}

function httpStatus(value) {
  return integer(value, 'httpStatus')
}

/** Parses Alexpay's answer to a payout initiation. */
function parsePayoutResponse(status, body) {
  const s = httpStatus(status)
  const b = withinCap(bytes(body, 'body', 'response body'), defaultMaxBodyBytes())
  return payoutFrom(call(() => native.parsePayoutResponse(s, b)))
}

/** Parses Alexpay's answer to a status check. */
function parseStatusResponse(status, body) {
  const s = httpStatus(status)
  const b = withinCap(bytes(body, 'body', 'response body'), defaultMaxBodyBytes())
  return statusReportFrom(call(() => native.parseStatusResponse(s, b)))
}

// ------------------------------------------------------------------ webhooks

/** Parses a webhook from its raw body (never a parsed object). */
function parseWebhook(body) {
  const b = bytes(body, 'body', 'webhook request body')
  const event = call(() => native.parseWebhook(withinCap(b, defaultMaxBodyBytes())))
  return webhookEventFrom(event, rawText(body, b))
}

function rawStatusOf(o, name) {
  const raw = o.rawStatus !== undefined && o.rawStatus !== null ? o.rawStatus : o.status
  return requiredText(raw, `${name}.rawStatus`)
}

/**
 * The event's fields the core's check reads, after type-checking the others
 * the caller may have touched: `[payoutId, rawStatus, amount]`. The event's
 * `reference` is never matched on (a sender-chosen string), so it stays here.
 */
function webhookEventArg(event) {
  if (!isObject(event) || ArrayBuffer.isView(event)) {
    throw typeError(`event must be the WebhookEvent returned by parseWebhook(), got ${describe(event)}`)
  }
  const payoutId = requiredText(event.payoutId, 'event.payoutId')
  optionalText(event.reference, 'event.reference')
  const rawStatus = rawStatusOf(event, 'event')
  const amount = optionalNumber(event.amount, 'event.amount')
  optionalText(event.raw, 'event.raw')
  return [payoutId, rawStatus, amount]
}

const REPORT_TEXT = ['reference', 'currency', 'environment', 'type', 'method', 'operator', 'narration', 'createdAt', 'updatedAt']

/** The same for a report: every field type-checked, `[id, reference, rawStatus, amount]` returned. */
function statusReportArg(report) {
  if (!isObject(report) || ArrayBuffer.isView(report)) {
    throw typeError(`report must be the StatusReport returned by parseStatusResponse(), got ${describe(report)}`)
  }
  const id = requiredText(report.id, 'report.id')
  const rawStatus = rawStatusOf(report, 'report')
  const amount = optionalNumber(report.amount, 'report.amount')
  optionalNumber(report.charge, 'report.charge')
  optionalBoolean(report.isDisbursed, 'report.isDisbursed')
  for (const key of REPORT_TEXT) optionalText(report[key], `report.${key}`)
  return [id, report.reference, rawStatus, amount]
}

/**
 * Confirms a webhook against the status check fetched for its payout: the
 * report is the truth. A status that differs from the report's is `stale`
 * (not an error); another payout or a different amount is `webhook_mismatch`.
 */
function confirmWebhook(event, report) {
  const e = webhookEventArg(event)
  const r = statusReportArg(report)
  // The five texts cross as one packed string (bindings-node/src/packed.rs).
  const texts = packText(e[0]) + packText(e[1]) + packText(r[0]) + packText(r[1]) + packText(r[2])
  return confirmationFrom(call(() => native.confirmWebhook(texts, e[2], r[3])))
}


/**
 * Verifies a signed webhook (Standard Webhooks, HMAC-SHA256). `now` is Unix
 * seconds from your clock; returns undefined or throws `AlexpayError`.
 */
function verifyWebhookSignature(secret, headers, body, now, toleranceSecs) {
  const s = requiredText(secret, 'secret')
  const h = headerPairs(headers)
  const b = bytes(body, 'body', 'webhook request body')
  const n = integer(now, 'now')
  const t = optionalInteger(toleranceSecs, 'toleranceSecs')
  call(() => native.verifyWebhookSignature(s, h, b, n, t))
}

/** Signs a webhook body: the `webhook-signature` header value (`v1,<base64>`). */
function signWebhook(secret, id, timestamp, body) {
  const s = requiredText(secret, 'secret')
  const i = requiredText(id, 'id')
  const t = integer(timestamp, 'timestamp')
  const b = bytes(body, 'body', 'webhook request body')
  return call(() => native.signWebhook(s, i, t, b))
}

// ------------------------------------------------------------------ statuses

/** `"pending"`, `"succeeded"`, `"failed"` or `"unknown"`. */
function normalizeStatus(raw) {
  return native.normalizeStatus(requiredText(raw, 'raw'))
}

/** True for succeeded and failed (raw or normalised spellings). */
function isTerminalStatus(status) {
  return native.isTerminalStatus(requiredText(status, 'status'))
}

const ID_KEYS = ['payoutId', 'id', 'reference']

/** Folds every observation of one payout into one status that never leaves a terminal state. */
class PayoutTracker {
  #native

  constructor(payoutId) {
    const id = text(payoutId, 'payoutId')
    this.#native = call(() => native.createTracker(id))
  }

  get payoutId() {
    return this.#native.payoutId
  }

  get status() {
    return this.#native.status
  }

  get rawStatus() {
    return this.#native.rawStatus
  }

  get isTerminal() {
    return this.#native.isTerminal
  }

  /**
   * Observes a raw status string or a parsed `Payout`, `StatusReport`,
   * `WebhookEvent` or `Confirmation` (its id must be this payout's).
   * Returns `"changed"`, `"unchanged"`, `"ignored"` or, for a webhook event
   * that claims a final status, `"needs_confirmation"` (not applied: an
   * unconfirmed webhook never ends a payout).
   */
  observe(observation) {
    const t = this.#native
    if (typeof observation === 'string') return call(() => t.observe(observation, []))
    if (!isObject(observation) || ArrayBuffer.isView(observation)) {
      throw typeError(
        `observation must be a raw status string or a parsed Payout, StatusReport, WebhookEvent or Confirmation, got ${describe(observation)}`,
      )
    }
    const raw = rawStatusOf(observation, 'observation')
    if (observation.raw !== undefined && observation.raw !== null) {
      // A parsed WebhookEvent (the one object carrying the raw body): a hint,
      // matched by its payout id only (never by its sender-chosen reference).
      requiredText(observation.raw, 'observation.raw')
      optionalText(observation.reference, 'observation.reference')
      const payoutId = requiredText(observation.payoutId, 'observation.payoutId')
      return call(() => t.observeEvent(raw, payoutId))
    }
    const ids = []
    for (const key of ID_KEYS) {
      const id = optionalText(observation[key], `observation.${key}`)
      if (id !== undefined) ids.push(id)
    }
    if (ids.length === 0) {
      throw typeError('observation must carry its payout id (payoutId, id or reference)')
    }
    return call(() => t.observe(raw, ids))
  }

  /** Delay before the next status poll (attempt from 0, jitter in [0, 1]); null once terminal. */
  nextPollDelayMs(attempt, jitter) {
    const a = integer(attempt, 'attempt')
    if (typeof jitter !== 'number') throw typeError(`jitter must be a number from 0 to 1, got ${describe(jitter)}`)
    const t = this.#native
    const delay = call(() => t.nextPollDelayMs(a, jitter))
    return delay === undefined ? null : delay
  }

  toJSON() {
    return { payoutId: this.payoutId, status: this.status, rawStatus: this.rawStatus, isTerminal: this.isTerminal }
  }

  [INSPECT](depth, opts, inspectFn) {
    return `PayoutTracker ${inspectFn(this.toJSON(), opts)}`
  }
}

// ------------------------------------------------------------------ retries

const RETRY_KEYS = ['operation', 'attempt', 'httpStatus', 'body', 'transportError', 'retryAfterSecs']

/**
 * The retry policy as data: what to do after an attempt. `body` is the
 * answer's raw body, read with the operation's parser (absent counts as
 * empty: a payout 2xx without its body is `do_not_resend`).
 */
function retryDecision(input) {
  const o = options(input, 'retryDecision()', RETRY_KEYS)
  const operation = text(o.operation, 'operation')
  // Whole numbers only; out-of-range ones saturate and the core refuses them
  // with its own code and field (`attempt` counts from 1).
  const attempt = integer(o.attempt, 'attempt')
  const status = optionalInteger(o.httpStatus, 'httpStatus')
  const body = o.body === undefined || o.body === null ? undefined : withinCap(bytes(o.body, 'body', 'response body'), defaultMaxBodyBytes())
  const transportError = optionalText(o.transportError, 'transportError')
  const retryAfterSecs = optionalInteger(o.retryAfterSecs, 'retryAfterSecs')
  return call(() => native.retryDecision(operation, attempt, status, body, transportError, retryAfterSecs))
}

