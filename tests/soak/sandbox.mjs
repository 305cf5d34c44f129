// Sandbox soak: 1,000 payouts from concurrent clients while a webhook
// receiver fails a third of its deliveries and malformed traffic (bad JSON,
// huge bodies, wrong methods, slow-loris connections, garbage bytes) hits the
// sandbox. Every payout must reach a terminal state, every status change must
// be delivered at least once, the ledger must hold exactly one payout per
// request, and the sandbox must stay up. Loopback only; bounded in count and time.
// usage: node tests/soak/sandbox.mjs [payouts] [concurrency]
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

const TOTAL = Number(process.argv[2] ?? 1000)
const CONCURRENCY = Number(process.argv[3] ?? 25)
const DEADLINE = Date.now() + 240_000
const require = createRequire(import.meta.url)
const sdk = require('../../bindings-node')

async function startSandbox() {
  const bin = process.env.ALEXPAY_SANDBOX_BIN ?? 'target/debug/alexpay-sandbox'
  const proc = spawn(bin, ['--port', '0', '--delay-ms', '300', '--webhook-retry-base-ms', '20', '--webhook-retry-cap-ms', '400', '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] })
  const env = {}
  for await (const line of createInterface({ input: proc.stdout })) {
    const [k, v] = line.split('=', 2)
    env[k] = v
    if (Object.keys(env).length === 4) break
  }
  return { proc, env }
}

// A receiver that refuses every third delivery attempt.
function startReceiver() {
  const seen = new Map() // payout id -> set of raw statuses delivered
  let attempts = 0
  let refused = 0
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      attempts += 1
      if (attempts % 3 === 0) {
        refused += 1
        return res.writeHead(500).end()
      }
      const event = sdk.parseWebhook(Buffer.concat(chunks))
      if (!seen.has(event.payoutId)) seen.set(event.payoutId, new Set())
      seen.get(event.payoutId).add(event.rawStatus)
      res.writeHead(204).end()
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${server.address().port}/hook`, seen, stats: () => ({ attempts, refused }), close: () => server.close() })))
}

// Malformed traffic, bounded: a fixed number of rounds, each a few requests.
async function hostileTraffic(base, stop) {
  const url = new URL(base)
  let sent = 0
  const raw = (payload, holdMs) => new Promise((resolve) => {
    const s = connect(Number(url.port), url.hostname, () => {
      s.write(payload)
      setTimeout(() => s.destroy(), holdMs)
    })
    s.on('error', () => {})
    s.on('close', resolve)
  })
  const headers = { 'public-key': 'pk_test_sandbox', 'secret-key': 'sk_test_sandbox', 'content-type': 'application/json' }
  // Ten slow-loris connections that never finish their headers, held 20 s.
  const lorises = Array.from({ length: 10 }, () => raw('GET /v1/payment/x/check HTTP/1.1\r\nHost: a\r\nX-Slow: ', 20_000))
  for (let round = 0; round < 300 && !stop.done && Date.now() < DEADLINE; round++) {
    await Promise.allSettled([
      fetch(`${base}/v1/payment/payouts/process`, { method: 'POST', headers, body: '{"amount": 10, "countryId": ' }),
      fetch(`${base}/v1/payment/payouts/process`, { method: 'POST', headers, body: 'x'.repeat(1 << 20) }),
      fetch(`${base}/v1/payment/payouts/process`, { method: 'DELETE', headers }),
      fetch(`${base}/v1/payment/payouts/process`, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: '{}' }),
      raw('\x00\xff\x13garbage\r\n\r\n', 50),
    ])
    sent += 5
    await sleep(20)
  }
  await Promise.all(lorises)
  return sent + lorises.length
}

const { proc, env } = await startSandbox()
const base = env.ALEXPAY_SANDBOX_URL
const receiver = await startReceiver()
const stop = { done: false }
const hostile = hostileTraffic(base, stop)

// Concurrent clients, each with its own Client; a payout whose answer is lost
// would be reconciled, never resent (the retry policy says so).
let next = 0
let errors = 0
const phones = ['0241234561', '0241234569', '0241234562', '0241234568']
async function worker() {
  const client = new sdk.Client({ publicKey: env.ALEXPAY_PUBLIC_KEY, secretKey: env.ALEXPAY_SECRET_KEY, baseUrl: base })
  while (next < TOTAL && Date.now() < DEADLINE) {
    const i = next++
    const req = client.mobileMoneyPayout({ amount: 10 + i, countryId: 'GH', phoneNumber: phones[i % phones.length], narration: `soak-${i}`, webhookUrl: receiver.url })
    try {
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body })
      sdk.parsePayoutResponse(res.status, new Uint8Array(await res.arrayBuffer()))
    } catch (err) {
      errors += 1
      console.error(`payout ${i}: ${err.code ?? err.message}`)
    }
  }
}
const started = Date.now()
await Promise.all(Array.from({ length: CONCURRENCY }, worker))
const sentIn = Date.now() - started

// Wait, bounded, for every payout to be terminal and every change delivered.
const ledger = async () => (await (await fetch(`${base}/_sandbox/ledger`)).json()).payouts
let payouts = []
let undelivered = TOTAL
while (Date.now() < DEADLINE) {
  payouts = await ledger()
  const terminal = payouts.filter((p) => p.status === 'successful' || p.status === 'failed')
  undelivered = payouts.filter((p) => !(receiver.seen.get(p.id)?.has('processing') && receiver.seen.get(p.id)?.has(p.status))).length
  if (terminal.length === payouts.length && undelivered === 0) break
  await sleep(200)
}
stop.done = true
const hostileSent = await hostile
const health = await fetch(`${base}/_sandbox/health`).then((r) => r.ok, () => false)

const tags = new Set(payouts.map((p) => p.narration))
const checks = [
  ['every payout request answered without error', errors === 0],
  ['ledger holds exactly one payout per request', payouts.length === TOTAL && tags.size === TOTAL],
  ['every payout reached a terminal state', payouts.every((p) => p.status === 'successful' || p.status === 'failed')],
  ['every status change was delivered at least once', undelivered === 0],
  ['the receiver really refused a third of the attempts', receiver.stats().refused >= Math.floor(receiver.stats().attempts / 3) - 1],
  ['the sandbox stayed up under malformed traffic', health],
]
const { attempts, refused } = receiver.stats()
console.log(`sandbox soak: ${TOTAL} payouts from ${CONCURRENCY} clients in ${sentIn} ms; ${attempts} webhook attempts (${refused} refused); ${hostileSent} malformed requests`)
for (const [name, ok] of checks) console.log(`${ok ? 'ok    ' : 'FAILED'} ${name}`)
receiver.close()
proc.kill('SIGTERM')
const failed = checks.filter(([, ok]) => !ok).length
console.log(`${checks.length - failed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
