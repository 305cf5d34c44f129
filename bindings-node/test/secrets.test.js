'use strict'
// The secret key (and a webhook secret) must never show up in util.inspect,
// JSON.stringify, String(), error messages or error inspection, while the
// built request still carries the key in its `secret-key` header for fetch.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const util = require('node:util')

const {
  AlexpayError,
  Client,
  parsePayoutResponse,
  parseStatusResponse,
  verifyWebhookSignature,
  signWebhook,
} = require('./sdk.js')

const SECRET = 'sk_live_S3CR3T_never_print_me_9f8e7d'
const FRAGMENT = 'S3CR3T'
const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const WEBHOOK_KEY = 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

/** Every way a value is commonly turned into text. */
function renderings(value) {
  const out = [
    util.inspect(value),
    util.inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    util.format('%s %o %O %j', value, value, value, value),
    JSON.stringify(value) ?? '',
  ]
  try {
    out.push(String(value))
  } catch {
    // objects without a string form are fine
  }
  if (value instanceof Error) out.push(value.message, value.stack ?? '', util.inspect(Object.entries(value)))
  return out
}

function assertNoSecret(value, what, secrets = [SECRET, FRAGMENT]) {
  for (const text of renderings(value)) {
    for (const s of secrets) assert.ok(!text.includes(s), `${what} leaks the secret: ${text.slice(0, 300)}`)
  }
}

const client = new Client({ publicKey: 'pk_live_visible', secretKey: SECRET, baseUrl: 'https://api.alexpay.test' })

test('the Client never shows its secret key', () => {
  assertNoSecret(client, 'client')
  assert.deepEqual(Object.keys(client), [])
  assert.deepEqual(JSON.parse(JSON.stringify(client)), {
    publicKey: 'pk_live_visible',
    baseUrl: 'https://api.alexpay.test',
    userAgent: client.userAgent,
    maxBodyBytes: 1048576,
  })
  assert.match(util.inspect(client), /secretKey: '\[REDACTED\]'/)
  assertNoSecret({ nested: { client } }, 'a client nested in an object')
  assertNoSecret([client], 'a client in an array')
})

test('built requests carry the key for fetch but never print it', () => {
  for (const request of [
    client.mobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber: '+233241234567' }),
    client.bankPayout({ amount: 100, countryId: 'GH', bankId: 'B1', accountNumber: '0123456789' }),
    client.statusCheck('PO_1'),
  ]) {
    assert.equal(request.headers['secret-key'], SECRET, 'fetch needs the real key')
    assert.deepEqual(Object.keys(request).sort(), 'body' in request ? ['body', 'headers', 'method', 'url'] : ['headers', 'method', 'url'])
    assertNoSecret(request, `${request.method} request`)
    // request.headers stays a bare record (undici converts every own key of
    // it into a header), so it is the one place that shows the key.
    assert.deepEqual(Reflect.ownKeys(request.headers), Object.keys(request.headers))
    assert.match(util.inspect(request), /'secret-key': '\[REDACTED\]'/)
    assert.match(JSON.stringify(request), /"secret-key":"\[REDACTED\]"/)
  }
})

test('client construction errors never echo the key', () => {
  const bad = [
    { publicKey: 'pk', secretKey: `${SECRET}\n`, baseUrl: 'https://api.alexpay.test' },
    { publicKey: 'pk', secretKey: `${SECRET} with space`, baseUrl: 'https://api.alexpay.test' },
    { publicKey: 'pk', secretKey: `${SECRET}é`, baseUrl: 'https://api.alexpay.test' },
    { publicKey: '', secretKey: SECRET, baseUrl: 'https://api.alexpay.test' },
    { publicKey: 'pk', secretKey: SECRET, baseUrl: 'ftp://api.alexpay.test' },
    { publicKey: 'pk', secretKey: SECRET, baseUrl: 'https://api.alexpay.test', userAgent: '\n' },
    { publicKey: 'pk', secretKey: SECRET, baseUrl: 'https://api.alexpay.test', extra: SECRET },
  ]
  for (const config of bad) {
    let caught
    try {
      new Client(config)
    } catch (e) {
      caught = e
    }
    assert.ok(caught, 'refused')
    assertNoSecret(caught, `error for ${Object.keys(config).join(',')}`)
  }
  // A wrong type for the key: the TypeError names the field, never the value.
  for (const secretKey of [[SECRET], { key: SECRET }, new String(SECRET)]) {
    try {
      new Client({ publicKey: 'pk', secretKey, baseUrl: 'https://api.alexpay.test' })
      assert.fail('accepted')
    } catch (e) {
      assert.ok(e instanceof TypeError)
      assertNoSecret(e, 'TypeError for secretKey')
    }
  }
})

test('errors raised through a client holding the key never carry it', () => {
  const attempts = [
    () => client.mobileMoneyPayout({ amount: 1.5, countryId: 'GH' }),
    () => client.mobileMoneyPayout({ amount: 1, countryId: '' }),
    () => client.mobileMoneyPayout({ amount: 1, countryId: 'GH', phoneNumber: SECRET }),
    () => client.mobileMoneyPayout({ amount: 1, countryId: 'GH', webhookUrl: `https://x.test/${SECRET}\n` }),
    () => client.bankPayout({ amount: 1, countryId: 'GH', bankId: '', accountNumber: '1' }),
    () => client.statusCheck('../admin'),
    () => client.mobileMoneyPayout({ amount: 1, countryId: 'GH', secretKey: SECRET }),
  ]
  for (const attempt of attempts) {
    try {
      attempt()
      assert.fail('accepted')
    } catch (e) {
      assert.ok(e instanceof AlexpayError || e instanceof TypeError)
      assertNoSecret(e, `error ${e.code ?? e.constructor.name}`)
    }
  }
})

test('API errors carry the API message, not our key', () => {
  for (const [status, body] of [
    [401, '{"status":"error","code":401,"message":"Invalid credentials"}'],
    [500, 'upstream failure'],
    [200, '{"status":"failed","code":422,"message":"Insufficient balance"}'],
  ]) {
    for (const parse of [parsePayoutResponse, parseStatusResponse]) {
      try {
        parse(status, body)
        assert.fail('accepted')
      } catch (e) {
        assert.ok(e instanceof AlexpayError)
        assertNoSecret(e, `API error ${e.code}`)
      }
    }
  }
})

test('webhook errors never echo the webhook secret or the expected signature', () => {
  const body = '{"payout_id":"PO_1","status":"successful"}'
  const now = 1_700_000_000
  const good = signWebhook(WEBHOOK_SECRET, 'msg_1', now, body)
  const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(now), 'webhook-signature': 'v1,AAAA' }
  const cases = [
    () => verifyWebhookSignature(WEBHOOK_SECRET, headers, body, now),
    () => verifyWebhookSignature(WEBHOOK_SECRET, { ...headers, 'webhook-signature': good }, `${body} `, now),
    () => verifyWebhookSignature(WEBHOOK_SECRET, { ...headers, 'webhook-signature': good }, body, now + 3600),
    () => verifyWebhookSignature(`${WEBHOOK_SECRET}!!`, headers, body, now),
    () => signWebhook(`whsec_${FRAGMENT}!!`, 'msg_1', now, body),
  ]
  for (const run of cases) {
    try {
      run()
      assert.fail('accepted')
    } catch (e) {
      assert.ok(e instanceof AlexpayError)
      assertNoSecret(e, `webhook error ${e.code}`, [WEBHOOK_KEY, good.slice(3), FRAGMENT])
    }
  }
})

test('flows mask the configured secret key by value, whatever its length', async () => {
  const short = 'sk_test_sandbox'
  const echo = JSON.stringify({ headers: { 'Secret-Key': short }, message: `bad key ${short}` })
  for (const [status, body] of [
    [500, echo],
    [400, JSON.stringify({ status: 'error', code: 400, message: `bad key ${short}` })],
  ]) {
    const c = new Client({
      publicKey: 'pk',
      secretKey: short,
      baseUrl: 'https://api.alexpay.test',
      fetch: async () => new Response(body, { status }),
      sleep: async () => {},
    })
    const error = await c.sendMobileMoneyPayout({ amount: 5, countryId: 'GH' }).then(
      () => assert.fail('accepted'),
      (e) => e,
    )
    assert.ok(error instanceof AlexpayError)
    assertNoSecret(error, `a ${status} echo`, [short])
    assertNoSecret(error.cause ?? {}, `the cause of a ${status} echo`, [short])
  }
  // The free function cannot know the key: only pattern masking applies there.
  const e = (() => {
    try {
      parsePayoutResponse(500, echo)
    } catch (err) {
      return err
    }
  })()
  assert.ok(e instanceof AlexpayError)
})

test('api messages are bounded', () => {
  try {
    // Under the default body cap (1 MiB), so the message is read, then bounded.
    parsePayoutResponse(400, JSON.stringify({ status: 'error', code: 400, message: 'x '.repeat(500_000) }))
    assert.fail('accepted')
  } catch (e) {
    assert.ok(e.apiMessage.length <= 203, `apiMessage of ${e.apiMessage.length} characters`)
  }
})
