// Memory soak for the JavaScript SDKs: a million SDK calls, resident memory
// after a warm-up and at the end (after forced GCs). Fails past the budget.
// usage: node --expose-gc tests/soak/memory.mjs node|wasm [iterations]
import { createRequire } from 'node:module'
import { setImmediate as turn } from 'node:timers/promises'

const BUDGET_MB = 4
const which = process.argv[2] ?? 'node'
const total = Number(process.argv[3] ?? 1_000_000)
const require = createRequire(import.meta.url)
const sdk = which === 'wasm' ? require('../../bindings-wasm/entry/node.cjs') : require('../../bindings-node')
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const enc = new TextEncoder()
const STATUS = enc.encode('{"status":"success","code":200,"message":"ok","data":{"id":"PO_1","reference":"PY_1","amount":100,"charge":2,"currency":"ZMW","status":"successful","is_disbursed":"true"}}')
const HOOK = enc.encode('{"status":"success","code":200,"data":{"id":"PO_1","reference":"PY_1","amount":100,"status":"successful"}}')

const client = new sdk.Client({ publicKey: 'pk', secretKey: 'sk_soak', baseUrl: 'https://api.alexpay.test' })
const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': sdk.signWebhook(SECRET, 'msg_1', 1700000000, HOOK) }
const report = sdk.parseStatusResponse(200, STATUS)

function one(i) {
  switch (i % 5) {
    case 0: return client.mobileMoneyPayout({ amount: 100 + (i % 1000), countryId: 'GH', phoneNumber: '+233241234561' })
    case 1: return sdk.parseStatusResponse(200, STATUS)
    case 2: return sdk.confirmWebhook(sdk.parseWebhook(HOOK), report)
    case 3: return sdk.verifyWebhookSignature(SECRET, headers, HOOK, 1700000000)
    default:
      try { client.mobileMoneyPayout({ amount: 0, countryId: 'GH' }) } catch (err) { if (!(err instanceof sdk.AlexpayError)) throw err }
  }
}

// Node runs N-API finalizers (which free native buffers and wrapped objects)
// on a later event-loop turn, as a server's loop does between requests; a
// loop that never yields would only measure that deferral.
async function run(from, to) {
  for (let i = from; i < to; i++) {
    one(i)
    if (i % 1000 === 0) await turn()
  }
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    globalThis.gc?.()
    await turn()
  }
  return process.memoryUsage().rss / 1024 / 1024
}

const warm = Math.floor(total / 10)
await run(0, warm)
const before = await settle()
await run(warm, total)
const after = await settle()
const growth = after - before
console.log(`${which}: ${total} calls, rss ${before.toFixed(1)} MB -> ${after.toFixed(1)} MB (growth ${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB, budget ${BUDGET_MB} MB)`)
process.exit(growth < BUDGET_MB ? 0 : 1)
