// The one-call drivers (client.send*, waitForPayout) against the real
// sandbox, for one SDK and one fetch implementation. The ledger proves
// "exactly one payout": every fault is used up by one request, so a second
// payout request would have created a second payout.
import { after, before, beforeEach, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { startSandbox } from './harness.mjs'

async function closedPort() {
  const server = createServer()
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address()
  await new Promise((r) => server.close(r))
  return port
}

export function runDriverScenarios(name, sdk, fetchName, fetchFn) {
  describe(`${name} over ${fetchName}: one call to an outcome`, () => {
    let sandbox, client
    before(async () => {
      sandbox = await startSandbox()
      client = new sdk.Client({ publicKey: sandbox.publicKey, secretKey: sandbox.secretKey, baseUrl: sandbox.baseUrl, fetch: fetchFn, requestTimeoutMs: 5000 })
    })
    beforeEach(() => sandbox.reset())
    after(() => sandbox.stop())

    const pay = (phoneNumber = '0241234561', opts = {}) => client.sendMobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber }, opts)

    async function unknown(promise) {
      const err = await promise.then(() => assert.fail('resolved'), (e) => e)
      assert.ok(err instanceof sdk.AlexpayError, String(err))
      assert.equal(err.code, 'outcome_unknown')
      return err
    }

    test('success', async () => {
      const payout = await pay(undefined, { wait: true })
      assert.equal(payout.status, 'succeeded')
      assert.equal(payout.report.status, 'succeeded')
      assert.deepEqual((await sandbox.ledger()).map((p) => p.id), [payout.payoutId])
    })

    test('failure carries the reason', async () => {
      const payout = await pay('0241234569', { wait: true })
      assert.deepEqual([payout.status, payout.message], ['failed', 'invalid number'])
    })

    test('a stuck payout is pending at the deadline', async () => {
      const payout = await pay('0241234567', { wait: true, timeoutMs: 1500 })
      assert.equal(payout.status, 'pending')
      assert.ok(payout.report)
    })

    test('429 with Retry-After, then accepted: one payout', async () => {
      await sandbox.fault({ fault: 'rate_limit', retry_after: 1, route: 'payout', count: 1 })
      assert.equal((await pay(undefined, { wait: true })).status, 'succeeded')
      assert.equal((await sandbox.ledger()).length, 1)
    })

    for (const [label, spec, cause] of [
      ['drop_after_accept', { fault: 'drop_after_accept', count: 1 }, undefined],
      ['5xx after accept', { fault: 'http_error', status: 502, after_accept: true, route: 'payout', count: 1 }, 'server_error'],
      ['garbled 200 after accept', { fault: 'garbled_after_accept', count: 1 }, 'unexpected_response'],
      ['64 MiB answer after accept (over the body cap)', { fault: 'huge_after_accept', count: 1 }, 'response_too_large'],
    ]) {
      test(`${label}: outcome_unknown, one payout, never resent`, async () => {
        await sandbox.fault(spec)
        const err = await unknown(pay(undefined, { wait: true }))
        assert.equal(err.cause && err.cause.code, cause)
        assert.equal((await sandbox.ledger()).length, 1)
      })
    }

    test('drop before accept: outcome_unknown, zero payouts, never resent', async () => {
      await sandbox.fault({ fault: 'drop', route: 'payout', count: 1 })
      const err = await unknown(pay())
      assert.equal(err.payoutId, undefined)
      assert.deepEqual(await sandbox.ledger(), [])
    })

    for (const envelope of ['rate_limited', 'pending']) {
      test(`an unusual 2xx envelope (${envelope}) naming the payout is accepted`, async () => {
        await sandbox.fault({ fault: 'unusual_envelope', envelope, count: 1 })
        const payout = await pay()
        assert.equal(payout.status, 'pending')
        assert.deepEqual((await sandbox.ledger()).map((p) => p.id), [payout.payoutId])
      })
    }

    test('status check 503 twice, then success', async () => {
      await sandbox.fault({ fault: 'http_error', status: 503, route: 'status', count: 2 })
      assert.equal((await pay(undefined, { wait: true })).status, 'succeeded')
    })

    test('waitForPayout follows a known id', async () => {
      const first = await pay()
      const followed = await client.waitForPayout(first.payoutId, { timeoutMs: 10000 })
      assert.deepEqual([followed.payoutId, followed.status], [first.payoutId, 'succeeded'])
    })

    test('wrong keys: authentication_failed, nothing created', async () => {
      const wrong = new sdk.Client({ publicKey: sandbox.publicKey, secretKey: 'sk_wrong_key', baseUrl: sandbox.baseUrl, fetch: fetchFn })
      const err = await wrong.sendMobileMoneyPayout({ amount: 100, countryId: 'GH' }).then(() => assert.fail('resolved'), (e) => e)
      assert.equal(err.code, 'authentication_failed')
      assert.equal(err.httpStatus, 401)
      assert.ok(!String(err.message).includes('sk_wrong_key'))
      assert.deepEqual(await sandbox.ledger(), [])
    })

    test('nothing listening: connection_failed', async () => {
      const dead = new sdk.Client({ publicKey: 'pk', secretKey: 'sk', baseUrl: `http://127.0.0.1:${await closedPort()}`, fetch: fetchFn })
      const err = await dead.sendMobileMoneyPayout({ amount: 100, countryId: 'GH' }).then(() => assert.fail('resolved'), (e) => e)
      assert.equal(err.code, 'connection_failed')
    })

    test('an aborted signal while the payout is in flight is outcome_unknown, never silent', async () => {
      await sandbox.fault({ fault: 'slow', delay_ms: 2000, route: 'payout', count: 1 })
      const controller = new AbortController()
      setTimeout(() => controller.abort(), 200)
      await unknown(pay(undefined, { signal: controller.signal }))
    })
  })
}
