'use strict'
// Hostile input: wrong JavaScript types, absurd numbers, parsed objects where
// raw bodies belong, huge and malformed bodies. Every call must either return
// or throw a TypeError / AlexpayError that names the argument (never a RangeError);
// nothing may crash the process (node --test runs this file in a child
// process, so an abort or segfault fails it).

const { describe, test } = require('node:test')
const assert = require('node:assert/strict')

const {
  AlexpayError,
  Client,
  PayoutTracker,
  parsePayoutResponse,
  parseStatusResponse,
  parseWebhook,
  confirmWebhook,
  verifyWebhookSignature,
  signWebhook,
  normalizeStatus,
  isTerminalStatus,
  retryDecision,
} = require('./sdk.js')

const client = new Client({ publicKey: 'pk_test', secretKey: 'sk_test_secret', baseUrl: 'http://127.0.0.1:9' })
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const OK_BODY = '{"status":"success","code":200,"message":"ok","data":{"id":"PO_1","status":"successful","amount":100}}'

/** Asserts `fn` throws one of the SDK's deliberate error kinds and returns it. */
function refused(fn, { name, kinds = [TypeError, AlexpayError] } = {}) {
  let error
  try {
    fn()
  } catch (e) {
    error = e
  }
  assert.ok(error, 'expected a throw')
  assert.ok(
    kinds.some((k) => error instanceof k),
    `expected ${kinds.map((k) => k.name).join('/')}, got ${error && error.constructor.name}: ${error && error.message}`,
  )
  if (name !== undefined) {
    if (error instanceof AlexpayError) assert.equal(error.field, name, `field of ${error.message}`)
    else assert.match(error.message, new RegExp(`\\b${name}\\b`), 'the message names the argument')
  }
  return error
}

/** Returns or throws a deliberate error; anything else fails. */
function survives(fn) {
  try {
    fn()
  } catch (e) {
    assert.ok(
      e instanceof TypeError || e instanceof AlexpayError,
      `unexpected ${e && e.constructor && e.constructor.name}: ${e && e.message}`,
    )
  }
}

const WEIRD = [
  undefined,
  null,
  true,
  0,
  -0,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  Number.MAX_VALUE,
  2 ** 64,
  10n,
  '',
  ' ',
  '\0',
  '\uD800',
  '\u202e',
  'x'.repeat(1 << 20),
  Symbol('s'),
  () => 1,
  {},
  [],
  [1, 2],
  Object.create(null),
  new Date(0),
  new Map(),
  Buffer.from('x'),
  new ArrayBuffer(4),
  /re/,
  new Proxy({}, {}),
]

describe('amounts arrive as JS numbers', () => {
  const cases = [
    [undefined, TypeError],
    [null, TypeError],
    ['100', TypeError],
    [100n, TypeError],
    [true, TypeError],
    [{}, TypeError],
    [[100], TypeError],
    [NaN, AlexpayError],
    [Infinity, AlexpayError],
    [-Infinity, AlexpayError],
    [1.5, AlexpayError],
    [0.1 + 0.2, AlexpayError],
    [Number.MIN_VALUE, AlexpayError],
    [-1, AlexpayError],
    [0, AlexpayError],
    [-0, AlexpayError],
    [Number.MAX_SAFE_INTEGER + 1, AlexpayError],
    [2 ** 64, AlexpayError],
    [Number.MAX_VALUE, AlexpayError],
  ]
  for (const [value, kind] of cases) {
    const label = typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? JSON.stringify(value) : String(value)
    test(`amount ${label} is refused with ${kind.name}`, () => {
      for (const build of [
        () => client.mobileMoneyPayout({ amount: value, countryId: 'GH' }),
        () => client.bankPayout({ amount: value, countryId: 'GH', bankId: 'B1', accountNumber: '123' }),
      ]) {
        const e = refused(build, { name: 'amount', kinds: [kind] })
        if (e instanceof AlexpayError) {
          assert.equal(e.code, 'invalid_amount')
          assert.equal(e.family, 'validation')
        }
      }
    })
  }
  test('Number.MAX_SAFE_INTEGER and 1 are accepted', () => {
    for (const amount of [1, Number.MAX_SAFE_INTEGER]) {
      const r = client.mobileMoneyPayout({ amount, countryId: 'GH' })
      assert.match(Buffer.from(r.body).toString(), new RegExp(`"amount":${amount},`))
    }
  })
})

describe('strings where strings belong', () => {
  const fields = {
    countryId: (v) => client.mobileMoneyPayout({ amount: 1, countryId: v }),
    phoneNumber: (v) => client.mobileMoneyPayout({ amount: 1, countryId: 'GH', phoneNumber: v }),
    narration: (v) => client.mobileMoneyPayout({ amount: 1, countryId: 'GH', narration: v }),
    webhookUrl: (v) => client.mobileMoneyPayout({ amount: 1, countryId: 'GH', webhookUrl: v }),
    bankId: (v) => client.bankPayout({ amount: 1, countryId: 'GH', bankId: v, accountNumber: '1' }),
    accountNumber: (v) => client.bankPayout({ amount: 1, countryId: 'GH', bankId: 'B', accountNumber: v }),
    payoutId: (v) => client.statusCheck(v),
    publicKey: (v) => new Client({ publicKey: v, secretKey: 's', baseUrl: 'https://a.test' }),
    secretKey: (v) => new Client({ publicKey: 'p', secretKey: v, baseUrl: 'https://a.test' }),
    baseUrl: (v) => new Client({ publicKey: 'p', secretKey: 's', baseUrl: v }),
    userAgent: (v) => new Client({ publicKey: 'p', secretKey: 's', baseUrl: 'https://a.test', userAgent: v }),
  }
  for (const [field, build] of Object.entries(fields)) {
    test(`${field}: non-strings are a TypeError naming it`, () => {
      for (const v of [5, 5n, true, {}, [], Symbol('x'), () => 'x', Buffer.from('GH'), new String('GH')]) {
        refused(() => build(v), { name: field, kinds: [TypeError] })
      }
    })
    test(`${field}: awkward strings give a value or a validation error naming it`, () => {
      for (const v of ['', ' ', '\0', '\n', '\uD800', '\u2028', '\uFEFFx', 'é'.repeat(100_000), '9'.repeat(1 << 20)]) {
        try {
          build(v)
        } catch (e) {
          assert.ok(e instanceof AlexpayError, `${field}=${JSON.stringify(v.slice(0, 10))}: ${e}`)
          assert.equal(e.family, 'validation')
          assert.equal(e.field, field)
        }
      }
    })
  }
  test('a missing required string is the core validation error, naming it', () => {
    assert.equal(refused(() => client.mobileMoneyPayout({ amount: 1 }), { name: 'countryId' }).code, 'invalid_country_id')
    assert.equal(
      refused(() => client.bankPayout({ amount: 1, countryId: 'GH', accountNumber: '1' }), { name: 'bankId' }).code,
      'missing_bank_details',
    )
    assert.equal(refused(() => client.statusCheck(), { name: 'payoutId' }).code, 'invalid_payout_id')
    assert.equal(
      refused(() => new Client({ secretKey: 's', baseUrl: 'https://a.test' }), { name: 'publicKey' }).code,
      'invalid_credentials',
    )
  })
  test('an empty phone number is an error, never "credit the merchant wallet"', () => {
    assert.equal(
      refused(() => client.mobileMoneyPayout({ amount: 1, countryId: 'GH', phoneNumber: '' }), { name: 'phoneNumber' }).code,
      'invalid_phone_number',
    )
  })
})

describe('options objects', () => {
  test('unknown or snake_case keys are refused, never ignored', () => {
    const e = refused(() => client.mobileMoneyPayout({ amount: 1, countryId: 'GH', phone: '233241234567' }), {
      kinds: [TypeError],
    })
    assert.match(e.message, /'phone'/)
    assert.match(e.message, /phoneNumber/)
    refused(() => client.mobileMoneyPayout({ amount: 1, country_id: 'GH' }), { kinds: [TypeError] })
    refused(() => new Client({ publicKey: 'p', secretKey: 's', baseUrl: 'https://a.test', base_url: 'x' }), {
      kinds: [TypeError],
    })
    refused(() => retryDecision({ operation: 'payout', attempt: 1, http_status: 500 }), { kinds: [TypeError] })
  })
  test('non-objects are refused', () => {
    for (const v of [undefined, null, 'GH', 1, [], true, 1n]) {
      refused(() => client.mobileMoneyPayout(v), { kinds: [TypeError] })
      refused(() => client.bankPayout(v), { kinds: [TypeError] })
      refused(() => new Client(v), { kinds: [TypeError] })
      refused(() => retryDecision(v), { kinds: [TypeError] })
    }
  })
  test('a getter that throws propagates its own error', () => {
    const args = {
      get amount() {
        throw new Error('getter boom')
      },
      countryId: 'GH',
    }
    assert.throws(() => client.mobileMoneyPayout(args), /getter boom/)
  })
  test('methods called on a foreign object are a TypeError', () => {
    assert.throws(() => Client.prototype.statusCheck.call({}, 'PO_1'), TypeError)
    assert.throws(() => Client({ publicKey: 'p', secretKey: 's', baseUrl: 'https://a.test' }), TypeError)
  })
})

describe('bodies', () => {
  const parsers = {
    parsePayoutResponse: (b) => parsePayoutResponse(200, b),
    parseStatusResponse: (b) => parseStatusResponse(200, b),
    parseWebhook: (b) => parseWebhook(b),
    verifyWebhookSignature: (b) =>
      verifyWebhookSignature(SECRET, { 'webhook-id': 'a', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' }, b, 1),
    signWebhook: (b) => signWebhook(SECRET, 'msg', 1, b),
  }
  for (const [name, parse] of Object.entries(parsers)) {
    test(`${name}: a parsed object says the raw body is needed`, () => {
      for (const parsed of [JSON.parse(OK_BODY), [1, 2], Object.create(null)]) {
        const e = refused(() => parse(parsed), { name: 'body', kinds: [TypeError] })
        assert.match(e.message, /raw/)
        assert.match(e.message, /not /)
      }
    })
    test(`${name}: non-bodies are a TypeError naming body`, () => {
      for (const v of [undefined, null, 1, 1n, true, Symbol('b'), () => 1]) {
        refused(() => parse(v), { name: 'body', kinds: [TypeError] })
      }
    })
    test(`${name}: garbage bytes never crash`, () => {
      const nested = '['.repeat(200_000) + ']'.repeat(200_000)
      const deepObject = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)
      for (const b of [
        Buffer.alloc(0),
        Buffer.from([0xff, 0xfe, 0x00, 0xc3]),
        Buffer.alloc(10 * 1024 * 1024, 0x7b),
        nested,
        deepObject,
        '{"data":{"payout_id":' + '9'.repeat(10_000) + '}}',
        '\uD800',
        new Float64Array([NaN, 1]),
        new DataView(new ArrayBuffer(8)),
        new SharedArrayBuffer(16),
      ]) {
        survives(() => parse(b))
      }
    })
  }
  test('a detached ArrayBuffer is handled', () => {
    const ab = new ArrayBuffer(8)
    structuredClone(ab, { transfer: [ab] })
    survives(() => parseWebhook(ab))
  })
  test('Uint8Array views honour byteOffset/byteLength', () => {
    const padded = Buffer.from(`xx${OK_BODY}yy`)
    const view = new Uint8Array(padded.buffer, padded.byteOffset + 2, padded.length - 4)
    assert.equal(parseStatusResponse(200, view).id, 'PO_1')
  })
})

describe('numbers where numbers belong', () => {
  test('httpStatus', () => {
    for (const v of ['200', 200n, undefined, null, {}]) {
      refused(() => parsePayoutResponse(v, OK_BODY), { name: 'httpStatus', kinds: [TypeError] })
      refused(() => parseStatusResponse(v, OK_BODY), { name: 'httpStatus', kinds: [TypeError] })
    }
    // A number of the wrong value is the core's to refuse, as for Python ints.
    for (const v of [-1, 65536, 2 ** 53, 1.5, NaN, Infinity]) {
      const e = refused(() => parseStatusResponse(v, OK_BODY), { name: 'httpStatus', kinds: [AlexpayError] })
      assert.equal(e.code, 'invalid_argument')
    }
  })
  test('now, toleranceSecs and timestamp', () => {
    const headers = { 'webhook-id': 'a', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' }
    for (const v of ['1', 1n, undefined, null]) {
      refused(() => verifyWebhookSignature(SECRET, headers, 'x', v), { name: 'now', kinds: [TypeError] })
      refused(() => signWebhook(SECRET, 'id', v, 'x'), { name: 'timestamp', kinds: [TypeError] })
    }
    for (const v of [1.5, NaN, 2 ** 64]) {
      assert.equal(refused(() => verifyWebhookSignature(SECRET, headers, 'x', v), { name: 'now' }).code, 'invalid_argument')
      assert.equal(refused(() => signWebhook(SECRET, 'id', v, 'x'), { name: 'webhook-timestamp' }).code, 'invalid_argument')
    }
    const e = refused(() => verifyWebhookSignature(SECRET, headers, 'x', new Date()), { name: 'now', kinds: [TypeError] })
    assert.match(e.message, /Unix seconds/)
    refused(() => verifyWebhookSignature(SECRET, headers, 'x', 1, -1), { name: 'toleranceSecs', kinds: [AlexpayError] })
    refused(() => verifyWebhookSignature(SECRET, headers, 'x', 1, '300'), { name: 'toleranceSecs', kinds: [TypeError] })
    // Any whole number within 64 bits is a time; this one is far from the signed one.
    refused(() => verifyWebhookSignature(SECRET, headers, 'x', Number.MAX_SAFE_INTEGER + 2), { name: 'webhook-timestamp' })
  })
  test('retry policy inputs', () => {
    refused(() => retryDecision({ operation: 'payout', attempt: 1.5, httpStatus: 500 }), { name: 'attempt', kinds: [AlexpayError] })
    refused(() => retryDecision({ operation: 'payout', attempt: '1', httpStatus: 500 }), { name: 'attempt', kinds: [TypeError] })
    refused(() => retryDecision({ operation: 'payout', httpStatus: 500 }), { name: 'attempt', kinds: [TypeError] })
    refused(() => retryDecision({ operation: 5, attempt: 1, httpStatus: 500 }), { name: 'operation', kinds: [TypeError] })
    refused(() => retryDecision({ operation: 'payout', attempt: 1, httpStatus: '500' }), { name: 'httpStatus', kinds: [TypeError] })
    refused(() => retryDecision({ operation: 'payout', attempt: 1, httpStatus: 429, retryAfterSecs: -5 }), {
      name: 'retryAfterSecs',
      kinds: [AlexpayError],
    })
    const core = (input, field) => {
      const e = refused(() => retryDecision(input), { name: field, kinds: [AlexpayError] })
      assert.equal(e.code, 'invalid_argument')
    }
    core({ operation: 'payout', attempt: 0, httpStatus: 500 }, 'attempt')
    core({ operation: 'payout', attempt: -3, httpStatus: 500 }, 'attempt')
    core({ operation: 'payout', attempt: 1, httpStatus: 1e12 }, 'httpStatus')
    core({ operation: 'payout', attempt: 1, httpStatus: -1 }, 'httpStatus')
    core({ operation: 'refund', attempt: 1, httpStatus: 500 }, 'operation')
    core({ operation: 'payout', attempt: 1, transportError: 'dns' }, 'transportError')
    core({ operation: 'payout', attempt: 1 }, 'httpStatus')
    // The body is a raw body like every other: bytes or text, never a parsed object.
    for (const v of [1, 1n, true, Symbol('b'), () => 1]) {
      refused(() => retryDecision({ operation: 'payout', attempt: 1, httpStatus: 200, body: v }), { name: 'body', kinds: [TypeError] })
    }
    const e = refused(() => retryDecision({ operation: 'payout', attempt: 1, httpStatus: 200, body: JSON.parse(OK_BODY) }), {
      name: 'body',
      kinds: [TypeError],
    })
    assert.match(e.message, /raw/)
    // Out-of-range numbers are refused, never clamped (as in Python).
    core({ operation: 'status_check', attempt: 2 ** 32, httpStatus: 503 }, 'attempt')
    assert.equal(retryDecision({ operation: 'status_check', attempt: 2 ** 32 - 1, httpStatus: 503 }).action, 'stop')
    assert.equal(retryDecision({ operation: 'status_check', attempt: 2, httpStatus: 429, retryAfterSecs: 2 ** 53 - 1 }).delayMs, 3_600_000)
  })
})

describe('retry decisions read the body like the parsers do', () => {
  const PAYOUT_OK = '{"status":"success","code":0,"message":"Payout initiated","data":{"amount":100,"payout_id":"PO_9","status":"processing"}}'
  const decide = (input) => retryDecision({ operation: 'payout', attempt: 1, ...input }).action
  test('a payout 2xx is accepted only with its body; without one it may have paid', () => {
    assert.equal(decide({ httpStatus: 200, body: PAYOUT_OK }), 'stop')
    assert.equal(decide({ httpStatus: 200 }), 'do_not_resend')
    assert.equal(decide({ httpStatus: 200, body: null }), 'do_not_resend')
    assert.equal(decide({ httpStatus: 200, body: '' }), 'do_not_resend')
    assert.equal(decide({ httpStatus: 200, body: '{"status":"succ' }), 'do_not_resend')
  })
  test('every body form decides the same', () => {
    const bytes = Buffer.from(PAYOUT_OK)
    for (const body of [PAYOUT_OK, bytes, new Uint8Array(bytes), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), new DataView(new Uint8Array(bytes).buffer)]) {
      assert.equal(decide({ httpStatus: 200, body }), 'stop')
    }
  })
  test('the decision agrees with the parser error: retryable and payoutId', () => {
    for (const [status, body] of [
      [429, '{"status":"error","code":429}'],
      [429, '{"status":"error","code":429,"data":{"payout_id":"PO_9"}}'],
      [200, '{"status":"error","code":429,"message":"slow down"}'],
      [503, 'Service Unavailable'],
      [400, '{"status":"error","code":400,"message":"bad phone"}'],
    ]) {
      const e = refused(() => parsePayoutResponse(status, body), { kinds: [AlexpayError] })
      assert.equal(e.family, 'api')
      const action = decide({ httpStatus: status, body })
      assert.equal(e.retryable, action === 'retry', `${status} ${body}: retryable ${e.retryable}, decision ${action}`)
      if (body.includes('PO_9')) {
        assert.equal(e.payoutId, 'PO_9', 'the payout id a failed answer carried')
        assert.equal(action, 'do_not_resend')
      } else {
        assert.equal(e.payoutId, undefined)
        assert.ok(!('payoutId' in e), 'absent, not undefined')
      }
    }
  })
  test('a body on a transport error is still refused by the core when both are given', () => {
    const e = refused(() => retryDecision({ operation: 'payout', attempt: 1, httpStatus: 200, transportError: 'timeout', body: 'x' }), {
      kinds: [AlexpayError],
    })
    assert.equal(e.code, 'invalid_argument')
  })
})

describe('webhook headers', () => {
  const body = '{"payout_id":"PO_1","status":"successful"}'
  const now = 1_700_000_000
  const signature = signWebhook(SECRET, 'msg_1', now, body)
  const plain = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(now), 'webhook-signature': signature }
  test('plain object, Headers, Map, pairs and Node IncomingHttpHeaders all verify', () => {
    const nodeStyle = Object.assign(Object.create(null), plain, { 'x-forwarded-for': ['a', 'b'], 'x-none': undefined })
    for (const headers of [plain, new Headers(plain), new Map(Object.entries(plain)), Object.entries(plain), nodeStyle]) {
      assert.equal(verifyWebhookSignature(SECRET, headers, body, now), undefined)
      assert.equal(verifyWebhookSignature(SECRET, headers, Buffer.from(body), now, 0), undefined)
    }
  })
  test('malformed headers are a TypeError naming headers', () => {
    for (const h of [undefined, null, 'webhook-id: x', 5, [['a']], [[1, 'x']], ['a', 'b'], { 'webhook-id': {} }, { 'webhook-id': 5n }]) {
      refused(() => verifyWebhookSignature(SECRET, h, body, now), { name: 'headers', kinds: [TypeError] })
    }
  })
  test('a missing header is a webhook error naming it', () => {
    const { 'webhook-signature': _, ...rest } = plain
    const e = refused(() => verifyWebhookSignature(SECRET, rest, body, now), { name: 'webhook-signature', kinds: [AlexpayError] })
    assert.equal(e.code, 'webhook_signature_invalid')
    assert.equal(e.family, 'webhook')
  })
  test('lone surrogates in header values and the secret are refused naming the field', () => {
    const e = refused(() => verifyWebhookSignature(SECRET, { ...plain, 'webhook-id': 'msg_\uD800' }, body, now), { name: 'headers' })
    assert.equal(e.code, 'invalid_argument')
    assert.equal(refused(() => verifyWebhookSignature('whsec_\uDC00', plain, body, now), { name: 'secret' }).code, 'invalid_argument')
  })
  test('now in milliseconds is named in the message', () => {
    const e = refused(() => verifyWebhookSignature(SECRET, plain, body, now * 1000 + 101), { name: 'webhook-timestamp' })
    assert.equal(e.code, 'webhook_timestamp_out_of_range')
    assert.match(e.message, /looks like milliseconds/)
  })
  test('a bad secret is invalid_webhook_secret; wrong types are TypeErrors', () => {
    assert.equal(refused(() => verifyWebhookSignature('whsec_***', plain, body, now), { name: 'secret' }).code, 'invalid_webhook_secret')
    for (const s of [undefined, 5, Buffer.from('k')]) {
      refused(() => verifyWebhookSignature(s, plain, body, now), { name: 'secret', kinds: [TypeError] })
      refused(() => signWebhook(s, 'id', now, body), { name: 'secret', kinds: [TypeError] })
    }
  })
})

describe('parsed objects back in', () => {
  const event = parseWebhook('{"payout_id":"PO_1","status":"successful","amount":100}')
  const report = parseStatusResponse(200, OK_BODY)
  test('confirmWebhook refuses non-objects and malformed objects with a TypeError', () => {
    for (const v of [undefined, null, 'x', 1, Buffer.from('{}'), []]) {
      refused(() => confirmWebhook(v, report), { name: 'event', kinds: [TypeError] })
      refused(() => confirmWebhook(event, v), { name: 'report', kinds: [TypeError] })
    }
    refused(() => confirmWebhook({ ...event, payoutId: 5 }, report), { kinds: [TypeError] })
    refused(() => confirmWebhook(event, { ...report, amount: '100' }), { kinds: [TypeError] })
    refused(() => confirmWebhook(event, { ...report, id: undefined }), { kinds: [TypeError] })
  })
  test('confirmWebhook uses the report and catches another payout', () => {
    assert.deepEqual(confirmWebhook(event, report), {
      payoutId: 'PO_1',
      status: 'succeeded',
      rawStatus: 'successful',
      amount: 100,
      eventStatus: 'succeeded',
      stale: false,
    })
    const e = refused(() => confirmWebhook({ ...event, payoutId: 'PO_2' }, report), { name: 'payoutId', kinds: [AlexpayError] })
    assert.equal(e.code, 'webhook_mismatch')
    assert.equal(e.family, 'webhook')
  })
  test('confirmWebhook: a status that differs from the report is stale, not an error', () => {
    for (const [raw, claimed] of [['failed', 'failed'], ['processing', 'pending']]) {
      assert.deepEqual(confirmWebhook({ ...event, status: claimed, rawStatus: raw }, report), {
        payoutId: 'PO_1',
        status: 'succeeded',
        rawStatus: 'successful',
        amount: 100,
        eventStatus: claimed,
        stale: true,
      })
    }
    const idOnly = confirmWebhook(parseWebhook('{"payout_id":"PO_1"}'), report)
    assert.deepEqual(idOnly, { payoutId: 'PO_1', status: 'succeeded', rawStatus: 'successful', amount: 100, stale: false })
    assert.ok(!('eventStatus' in idOnly), 'an id-only event claims no status')
  })
  test('confirmWebhook matches on the event payout id only, never on its reference', () => {
    const spoof = parseWebhook('{"payout_id":"OTHER","reference":"PO_1","status":"successful"}')
    assert.equal(refused(() => confirmWebhook(spoof, report), { name: 'payoutId', kinds: [AlexpayError] }).code, 'webhook_mismatch')
    // An odd reference on our own payout's event changes nothing.
    const ours = parseWebhook('{"payout_id":"PO_1","reference":"OTHER","status":"successful"}')
    assert.equal(confirmWebhook(ours, report).stale, false)
    // A wrong type for the unread reference is still a TypeError.
    refused(() => confirmWebhook({ ...event, reference: 5 }, report), { name: 'reference', kinds: [TypeError] })
    // A different amount is still a mismatch.
    assert.equal(refused(() => confirmWebhook({ ...event, amount: 99 }, report), { name: 'amount' }).code, 'webhook_mismatch')
  })
  test('PayoutTracker.observe refuses what it cannot read', () => {
    const t = new PayoutTracker('PO_1')
    for (const v of [
      undefined,
      null,
      5,
      5n,
      [],
      Buffer.from('x'),
      {},
      { rawStatus: 'paid' },
      { payoutId: 5, rawStatus: 'x' },
      { ...event, raw: 5 },
      { ...event, payoutId: undefined },
      { ...event, reference: 5 },
    ]) {
      refused(() => t.observe(v), { kinds: [TypeError] })
    }
    assert.equal(t.status, 'pending')
    assert.equal(refused(() => t.observe({ ...event, payoutId: 'PO_2', reference: undefined })).code, 'payout_id_mismatch')
  })
  test('PayoutTracker.observe: an unconfirmed webhook never ends the payout', () => {
    const t = new PayoutTracker('PO_1')
    assert.equal(t.observe(event), 'needs_confirmation')
    assert.equal(t.observe(parseWebhook('{"payout_id":"PO_1","status":"failed"}')), 'needs_confirmation')
    assert.deepEqual([t.status, t.isTerminal], ['pending', false])
    assert.equal(t.nextPollDelayMs(0, 0), 1000, 'still polling')
    // A status-less (id-only) event changes nothing.
    assert.equal(t.observe(parseWebhook('{"payout_id":"PO_1"}')), 'unchanged')
    // The confirmation (or the report) is what ends it.
    assert.equal(t.observe(confirmWebhook(event, report)), 'changed')
    assert.equal(t.status, 'succeeded')
    // A contrary webhook after the end is only a hint: no conflict, no change.
    assert.equal(t.observe(parseWebhook('{"payout_id":"PO_1","status":"failed"}')), 'needs_confirmation')
    assert.equal(t.status, 'succeeded')
    // A confirmed contrary status is a conflict, as before.
    assert.equal(refused(() => t.observe('failed'), { name: 'status' }).code, 'status_conflict')
  })
  test('PayoutTracker.observe: a webhook matches by its payout id only, never by its reference', () => {
    const t = new PayoutTracker('PO_1')
    const spoof = parseWebhook('{"payout_id":"OTHER","reference":"PO_1","status":"failed"}')
    assert.equal(refused(() => t.observe(spoof), { name: 'payoutId' }).code, 'payout_id_mismatch')
    assert.equal(t.observe(parseWebhook('{"payout_id":"PO_1","reference":"OTHER","status":"processing"}')), 'unchanged')
    assert.equal(t.status, 'pending')
    // A status report still matches by the reference it gives itself.
    const byReference = parseStatusResponse(200, '{"status":"success","code":200,"data":{"id":"PO_X","reference":"PO_1","status":"failed"}}')
    assert.equal(t.observe(byReference), 'changed')
    assert.equal(t.status, 'failed')
  })
  test('PayoutTracker constructor and polls', () => {
    for (const v of [5, {}, 5n]) refused(() => new PayoutTracker(v), { name: 'payoutId', kinds: [TypeError] })
    for (const v of [undefined, '', '../x', 'a/b', 'x'.repeat(200)]) {
      assert.equal(refused(() => new PayoutTracker(v), { name: 'payoutId' }).code, 'invalid_payout_id')
    }
    const t = new PayoutTracker('PO_1')
    refused(() => t.nextPollDelayMs('0', 0.5), { name: 'attempt', kinds: [TypeError] })
    refused(() => t.nextPollDelayMs(-1, 0.5), { name: 'attempt', kinds: [AlexpayError] })
    refused(() => t.nextPollDelayMs(0, '0.5'), { name: 'jitter', kinds: [TypeError] })
    for (const j of [NaN, -0.1, 1.1, Infinity]) {
      assert.equal(refused(() => t.nextPollDelayMs(0, j), { name: 'jitter' }).code, 'invalid_argument')
    }
    assert.equal(t.nextPollDelayMs(2 ** 32 - 1, 1), 60_000)
    assert.equal(refused(() => t.nextPollDelayMs(2 ** 40, 1), { name: 'attempt' }).code, 'invalid_argument')
  })
  test('status helpers take strings only', () => {
    for (const v of [undefined, null, 5, {}, Symbol('s')]) {
      refused(() => normalizeStatus(v), { name: 'raw', kinds: [TypeError] })
      refused(() => isTerminalStatus(v), { name: 'status', kinds: [TypeError] })
    }
    // A lone surrogate is refused naming the field, as in Python (never U+FFFD).
    assert.equal(refused(() => normalizeStatus('\uD800\0'), { name: 'status' }).code, 'invalid_argument')
  })
})

test('every public function survives every weird value in every position', () => {
  const t = new PayoutTracker('PO_1')
  const calls = [
    (a, b) => new Client(a),
    (a) => new Client({ publicKey: a, secretKey: a, baseUrl: a, userAgent: a }),
    (a, b) => client.mobileMoneyPayout({ amount: a, countryId: b, phoneNumber: b, narration: b, webhookUrl: b }),
    (a, b) => client.bankPayout({ amount: a, countryId: b, bankId: b, accountNumber: b }),
    (a) => client.mobileMoneyPayout(a),
    (a) => client.statusCheck(a),
    (a, b) => parsePayoutResponse(a, b),
    (a, b) => parseStatusResponse(a, b),
    (a) => parseWebhook(a),
    (a, b) => confirmWebhook(a, b),
    (a, b) => verifyWebhookSignature(a, b, a, b, a),
    (a, b) => verifyWebhookSignature(SECRET, a, b, 1, 300),
    (a, b) => signWebhook(a, b, a, b),
    (a) => normalizeStatus(a),
    (a) => isTerminalStatus(a),
    (a) => t.observe(a),
    (a, b) => t.nextPollDelayMs(a, b),
    (a) => new PayoutTracker(a),
    (a, b) => retryDecision({ operation: b, attempt: a, httpStatus: a, transportError: b, retryAfterSecs: a }),
    (a, b) => retryDecision({ operation: 'payout', attempt: 1, httpStatus: 200, body: a }),
    (a, b) => retryDecision({ operation: 'status_check', attempt: 1, httpStatus: b, body: a }),
    (a) => retryDecision(a),
  ]
  let n = 0
  for (const fn of calls) {
    for (const a of WEIRD) {
      for (const b of [undefined, 'GH', 200, {}, Buffer.from('{}'), 1.5]) {
        survives(() => fn(a, b))
        n++
      }
    }
  }
  assert.ok(n > 3000)
})
