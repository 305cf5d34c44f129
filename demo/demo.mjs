// The SDK's main job in JavaScript: send payouts, follow each one's status as
// webhooks arrive, confirm them with status checks, and print the flow.
// usage: node demo/demo.mjs node|wasm
// Reads the same environment as demo/demo.py (ALEXPAY_BASE_URL, ALEXPAY_PUBLIC_KEY,
// ALEXPAY_SECRET_KEY, optional ALEXPAY_WEBHOOK_SECRET, ALEXPAY_DEMO_PHONE_NUMBERS,
// ALEXPAY_DEMO_AMOUNT, ALEXPAY_COUNTRY_ID, ALEXPAY_WEBHOOK_URL).
import { createServer } from 'node:http'
import { createRequire } from 'node:module'

const which = process.argv[2] ?? 'node'
const require = createRequire(import.meta.url)
const sdk = which === 'wasm' ? require('../bindings-wasm/entry/node.cjs') : require('../bindings-node')
const tag = `[${which}]`
const env = process.env
const log = (line) => console.log(`${tag} ${line}`)

async function send(req) {
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body })
  return [res.status, new Uint8Array(await res.arrayBuffer())]
}

function startReceiver(onEvent) {
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks) // the raw body, never a parsed object
      try {
        if (env.ALEXPAY_WEBHOOK_SECRET) {
          sdk.verifyWebhookSignature(env.ALEXPAY_WEBHOOK_SECRET, req.headers, raw, Math.floor(Date.now() / 1000))
        }
        onEvent(sdk.parseWebhook(raw))
        res.writeHead(204).end()
      } catch (err) {
        log(`refused a webhook: ${err.code}`)
        res.writeHead(400).end()
      }
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    server.unref()
    resolve(`http://127.0.0.1:${server.address().port}/webhooks/alexpay`)
  }))
}

const client = new sdk.Client({ publicKey: env.ALEXPAY_PUBLIC_KEY, secretKey: env.ALEXPAY_SECRET_KEY, baseUrl: env.ALEXPAY_BASE_URL })
const phones = (env.ALEXPAY_DEMO_PHONE_NUMBERS ?? '+233 24 123 4561,+233 24 123 4569').split(',').map((p) => p.trim())
const amount = Number(env.ALEXPAY_DEMO_AMOUNT ?? '100')
const countryId = env.ALEXPAY_COUNTRY_ID ?? 'GH'
const events = []
const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(client.baseUrl).hostname)
const webhookUrl = env.ALEXPAY_WEBHOOK_URL || (loopback ? await startReceiver((e) => events.push(e)) : undefined)

const trackers = new Map()
for (const phoneNumber of phones) {
  try {
    const payout = sdk.parsePayoutResponse(...(await send(client.mobileMoneyPayout({ amount, countryId, phoneNumber, narration: 'alexpay SDK demo', webhookUrl }))))
    const tracker = new sdk.PayoutTracker(payout.payoutId)
    tracker.observe(payout)
    trackers.set(payout.payoutId, tracker)
    log(`${payout.payoutId}: sent ${amount} ${countryId} to ${phoneNumber} -> ${payout.rawStatus} (${payout.status})`)
  } catch (err) {
    log(`payout to ${phoneNumber} not confirmed: ${err.code ?? err.message}; never resent blindly`)
  }
}

const unfinished = () => [...trackers.values()].some((t) => !t.isTerminal)
const deadline = Date.now() + 60_000
for (let attempt = 0; unfinished() && Date.now() < deadline; ) {
  const event = events.shift()
  if (event && trackers.has(event.payoutId)) {
    const report = sdk.parseStatusResponse(...(await send(client.statusCheck(event.payoutId))))
    const tracker = trackers.get(event.payoutId)
    try {
      const outcome = tracker.observe(sdk.confirmWebhook(event, report))
      log(`${event.payoutId}: webhook '${event.rawStatus}', confirmed by status check -> ${tracker.status} (${outcome})`)
    } catch (err) {
      if (err.code !== 'webhook_mismatch') throw err
      tracker.observe(report)
      log(`${event.payoutId}: webhook '${event.rawStatus}' is stale; status check says '${report.rawStatus}' -> ${tracker.status}`)
    }
  } else if (!webhookUrl) {
    for (const [payoutId, tracker] of trackers) {
      if (!tracker.isTerminal && tracker.observe(sdk.parseStatusResponse(...(await send(client.statusCheck(payoutId))))) === 'changed') {
        log(`${payoutId}: polled -> ${tracker.status}`)
      }
    }
    const delays = [...trackers.values()].map((t) => t.nextPollDelayMs(attempt, 0.5) ?? 0)
    await new Promise((r) => setTimeout(r, Math.min(...delays)))
    attempt++
  } else {
    await new Promise((r) => setTimeout(r, 50))
  }
}
for (const [payoutId, tracker] of trackers) log(`${payoutId}: final status ${tracker.status} (${tracker.rawStatus})`)
process.exit(trackers.size > 0 && !unfinished() ? 0 : 1)
