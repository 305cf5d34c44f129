// The end-to-end scenarios, written once against the shared JavaScript
// surface (docs/API.md) and run for every JS SDK: code moves between the
// Node and wasm packages by changing one import.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { startReceiver, startSandbox } from './harness.mjs'

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function send(req) {
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body })
  return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), headers: res.headers }
}

export function runScenarios(name, sdk) {
  describe(`${name}: end to end against the sandbox`, () => {
    let sandbox, receiver, client
    before(async () => {
      sandbox = await startSandbox()
      receiver = await startReceiver(sdk)
      client = new sdk.Client({ publicKey: sandbox.publicKey, secretKey: sandbox.secretKey, baseUrl: sandbox.baseUrl })
    })
    after(async () => {
      await receiver.stop()
      const code = await sandbox.stop()
      assert.equal(code, 0, 'the sandbox shuts down cleanly on SIGTERM')
    })

    async function checkStatus(payoutId) {
      for (let attempt = 1; ; attempt++) {
        const res = await send(client.statusCheck(payoutId))
        try {
          return sdk.parseStatusResponse(res.status, res.body)
        } catch (err) {
          assert.ok(err instanceof sdk.AlexpayError)
          const decision = sdk.retryDecision({ operation: 'status_check', attempt, httpStatus: res.status })
          assert.equal(err.retryable, decision.action === 'retry')
          if (decision.action !== 'retry') throw err
          await sleep(decision.delayMs)
        }
      }
    }

    async function confirmUntilTerminal(payout, outcome) {
      const tracker = new sdk.PayoutTracker(payout.payoutId)
      tracker.observe(payout)
      const event = await receiver.waitFor(payout.payoutId, outcome)
      const confirmation = sdk.confirmWebhook(event, await checkStatus(event.payoutId))
      assert.equal(tracker.observe(confirmation), 'changed')
      assert.equal(tracker.isTerminal, true)
      assert.equal(tracker.status, outcome)
      for (const early of receiver.events.filter((e) => e.payoutId === payout.payoutId)) {
        assert.ok(['ignored', 'unchanged'].includes(tracker.observe(early)))
      }
      return tracker
    }

    test('mobile-money payout succeeds through signed webhooks and a confirming status check', async () => {
      const req = client.mobileMoneyPayout({ amount: 1500, countryId: 'GH', phoneNumber: '+233 24 123 4561', webhookUrl: receiver.url })
      const res = await send(req)
      const payout = sdk.parsePayoutResponse(res.status, res.body)
      assert.equal(payout.status, 'pending')
      await receiver.waitFor(payout.payoutId, 'pending')
      await confirmUntilTerminal(payout, 'succeeded')
      const mine = (await sandbox.ledger()).filter((p) => p.id === payout.payoutId)
      assert.equal(mine.length, 1)
      assert.equal(mine[0].momo_phone_number, '233241234561')
    })

    test('bank payout fails and polling with the tracker sees it', async () => {
      const req = client.bankPayout({ amount: 900, countryId: 'GH', bankId: 'GCB', accountNumber: '0011223340' })
      const res = await send(req)
      const tracker = new sdk.PayoutTracker(sdk.parsePayoutResponse(res.status, res.body).payoutId)
      for (let attempt = 0; !tracker.isTerminal; attempt++) {
        assert.ok(attempt < 8)
        await sleep(tracker.nextPollDelayMs(attempt, 0) / 4) // a quarter of the advised delay keeps the suite fast
        tracker.observe(await checkStatus(tracker.payoutId))
      }
      assert.equal(tracker.status, 'failed')
      assert.equal(tracker.nextPollDelayMs(0, 0.5), null)
    })

    test('a failing payout is delivered to a flaky receiver after retries', async () => {
      receiver.failFirst = 2
      receiver.refused = 0
      const req = client.mobileMoneyPayout({ amount: 700, countryId: 'ZM', phoneNumber: '0977123459', webhookUrl: receiver.url })
      const res = await send(req)
      await confirmUntilTerminal(sdk.parsePayoutResponse(res.status, res.body), 'failed')
      assert.equal(receiver.refused, 2, 'the sandbox retried the refused deliveries')
    })

    test('a 502 after the payout was accepted ends in do_not_resend, and exactly one payout', async () => {
      const before = (await sandbox.ledger()).length
      await sandbox.fault({ fault: 'http_error', status: 502, after_accept: true, count: 1 })
      const req = client.mobileMoneyPayout({ amount: 1234, countryId: 'GH', narration: `order-502-${name}`, webhookUrl: receiver.url })
      const res = await send(req)
      assert.throws(() => sdk.parsePayoutResponse(res.status, res.body), (err) =>
        err instanceof sdk.AlexpayError && err.code === 'server_error' && err.httpStatus === 502 && err.retryable === false)
      assert.equal(sdk.retryDecision({ operation: 'payout', attempt: 1, httpStatus: 502 }).action, 'do_not_resend')
      const created = (await sandbox.ledger()).slice(before)
      assert.equal(created.length, 1)
      assert.equal(created[0].answer, 'http_502')
      await receiver.waitFor(created[0].id, 'succeeded') // reconciled through its webhook
      assert.equal((await sandbox.ledger()).length, before + 1)
    })

    test('a connection lost after accept ends in do_not_resend, never a second payout', async () => {
      const before = (await sandbox.ledger()).length
      await sandbox.fault({ fault: 'drop_after_accept', count: 1 })
      await assert.rejects(send(client.mobileMoneyPayout({ amount: 4321, countryId: 'GH' })), TypeError)
      const decision = sdk.retryDecision({ operation: 'payout', attempt: 1, transportError: 'connection_lost' })
      assert.deepEqual([decision.action, decision.delayMs], ['do_not_resend', 0])
      const ledger = await sandbox.ledger()
      assert.equal(ledger.length, before + 1)
      assert.equal(ledger.at(-1).answer, 'dropped')
    })

    test('a 429 is retried after Retry-After and creates exactly one payout', async () => {
      const before = (await sandbox.ledger()).length
      await sandbox.fault({ fault: 'rate_limit', retry_after: 1, count: 1, route: 'payout' })
      const req = client.mobileMoneyPayout({ amount: 55, countryId: 'GH' })
      let payout
      let attempt = 1
      for (; ; attempt++) {
        const res = await send(req)
        try {
          payout = sdk.parsePayoutResponse(res.status, res.body)
          break
        } catch (err) {
          assert.equal(err.code, 'rate_limited')
          const decision = sdk.retryDecision({ operation: 'payout', attempt, httpStatus: res.status, retryAfterSecs: Number(res.headers.get('retry-after')) })
          assert.deepEqual([decision.action, decision.delayMs], ['retry', 1000])
          await sleep(decision.delayMs)
        }
      }
      assert.equal(attempt, 2)
      assert.equal(payout.status, 'pending')
      assert.equal((await sandbox.ledger()).length, before + 1)
    })

    test('a status check survives a 503', async () => {
      const res = await send(client.mobileMoneyPayout({ amount: 10, countryId: 'GH' }))
      const payout = sdk.parsePayoutResponse(res.status, res.body)
      await sandbox.fault({ fault: 'http_error', status: 503, count: 1, route: 'status' })
      const report = await checkStatus(payout.payoutId)
      assert.equal(report.id, payout.payoutId)
      assert.equal(report.currency, 'GHS')
    })

    test('wrong keys are an authentication error that never shows the secret', async () => {
      const bad = new sdk.Client({ publicKey: 'pk_wrong', secretKey: 'sk_wrong_SECRET', baseUrl: sandbox.baseUrl })
      const res = await send(bad.mobileMoneyPayout({ amount: 10, countryId: 'GH' }))
      assert.throws(() => sdk.parsePayoutResponse(res.status, res.body), (err) =>
        err.code === 'authentication_failed' && err.httpStatus === 401 && !String(err.stack).includes('sk_wrong_SECRET'))
    })
  })
}
