'use strict'
// A built request goes to fetch (global and undici) and undici.request as it
// is, and arrives with the exact headers and bytes the core built.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const undici = require('undici')

const { Client, parsePayoutResponse, parseStatusResponse } = require('./sdk.js')

const SECRET = 'sk_test_fetch_secret'
let server
let baseUrl
const seen = []

before(async () => {
  server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) })
      res.setHeader('content-type', 'application/json')
      if (req.method === 'POST') {
        res.end('{"status":"success","code":0,"message":"ok","data":{"amount":100,"payout_id":"PO_9","status":"processing"}}')
      } else {
        res.end('{"status":"success","code":200,"message":"ok","data":{"id":"PO_9","status":"successful","amount":100}}')
      }
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${server.address().port}`
})

after(() => new Promise((resolve) => server.close(resolve)))

const senders = {
  'global fetch': async (r) => {
    const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body })
    return [res.status, Buffer.from(await res.arrayBuffer())]
  },
  'global fetch with the request as init': async (r) => {
    const res = await fetch(r.url, r)
    return [res.status, await res.text()]
  },
  'undici.fetch': async (r) => {
    const res = await undici.fetch(r.url, { method: r.method, headers: r.headers, body: r.body })
    return [res.status, new Uint8Array(await res.arrayBuffer())]
  },
  'undici.request': async (r) => {
    const res = await undici.request(r.url, { method: r.method, headers: r.headers, body: r.body })
    return [res.statusCode, Buffer.from(await res.body.arrayBuffer())]
  },
}

for (const [name, send] of Object.entries(senders)) {
  test(`${name} sends the request as built`, async () => {
    const client = new Client({ publicKey: 'pk_test', secretKey: SECRET, baseUrl, userAgent: 'alexpay-node-test/1' })
    const payout = client.mobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber: '+233 24 123 4567' })
    seen.length = 0
    const [status, body] = await send(payout)
    const got = seen[0]
    assert.equal(got.method, 'POST')
    assert.equal(got.url, '/v1/payment/payouts/process')
    assert.ok(got.body.equals(Buffer.from(payout.body)), 'the exact bytes arrive')
    for (const [k, v] of Object.entries(payout.headers)) assert.equal(got.headers[k], v, `header ${k}`)
    assert.equal(got.headers['secret-key'], SECRET)
    assert.equal(got.headers.tojson, undefined, 'no hidden helper leaks into the headers')
    assert.equal(parsePayoutResponse(status, body).payoutId, 'PO_9')

    const check = client.statusCheck('PO_9')
    seen.length = 0
    const [s2, b2] = await send(check)
    assert.equal(seen[0].method, 'GET')
    assert.equal(seen[0].url, '/v1/payment/PO_9/check')
    assert.equal(seen[0].body.length, 0)
    assert.equal(parseStatusResponse(s2, b2).status, 'succeeded')
  })
}
