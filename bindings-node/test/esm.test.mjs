// The package loads with ESM `import` (named and default) and shares its
// classes with `require`, so `instanceof AlexpayError` holds across both.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

import alexpay, { AlexpayError, Client, PayoutTracker, parseWebhook, retryDecision } from 'alexpay'

const require = createRequire(import.meta.url)

test('named and default ESM exports match the CommonJS module', () => {
  const cjs = require('alexpay')
  assert.equal(alexpay, cjs)
  assert.equal(AlexpayError, cjs.AlexpayError)
  assert.equal(Client, cjs.Client)
  assert.equal(PayoutTracker, cjs.PayoutTracker)
  assert.deepEqual(Object.keys(alexpay).sort(), Object.keys(cjs).sort())
})

test('errors thrown through the CJS module are instances of the ESM class', () => {
  const cjs = require('alexpay')
  assert.throws(() => cjs.parseWebhook('not json'), AlexpayError)
  assert.throws(() => parseWebhook('not json'), cjs.AlexpayError)
  try {
    parseWebhook('[]')
  } catch (e) {
    assert.ok(e instanceof Error)
    assert.equal(e.name, 'AlexpayError')
    assert.equal(e.code, 'webhook_malformed')
    assert.equal(e.field, 'body')
    assert.equal(e.family, 'webhook')
    assert.equal(e.retryable, false)
    assert.match(String(e), /^AlexpayError: body: /)
  }
  assert.equal(retryDecision({ operation: 'payout', attempt: 1, httpStatus: 503 }).action, 'do_not_resend')
})
