// An Express webhook receiver. It reads the RAW body (express.raw, never
// express.json: parsing first would lose the exact bytes), optionally checks a
// Standard Webhooks signature, then confirms the event with a status check
// before acting on it: the status check is the truth, the webhook a hint.
//
//   ALEXPAY_BASE_URL=http://127.0.0.1:8089 ALEXPAY_PUBLIC_KEY=pk_test_sandbox \
//     ALEXPAY_SECRET_KEY=sk_test_sandbox PORT=3000 npx tsx examples/webhook-express.mts
//
// Optional: ALEXPAY_WEBHOOK_SECRET=whsec_... to require signed webhooks.
// Without ALEXPAY_BASE_URL it handles one built-in sample webhook, prints the
// status-check request it would send, and exits.
import express, { type Request, type Response } from 'express'
import {
  AlexpayError,
  Client,
  confirmWebhook,
  parseStatusResponse,
  parseWebhook,
  verifyWebhookSignature,
  type Confirmation,
  type WebhookEvent,
} from 'alexpay'

const baseUrl = process.env.ALEXPAY_BASE_URL
const webhookSecret = process.env.ALEXPAY_WEBHOOK_SECRET
const client = new Client({
  publicKey: process.env.ALEXPAY_PUBLIC_KEY ?? 'pk_test_sandbox',
  secretKey: process.env.ALEXPAY_SECRET_KEY ?? 'sk_test_sandbox',
  baseUrl: baseUrl ?? 'http://127.0.0.1:8089',
})

/** Your business logic: idempotent, keyed by payout id. */
function applyConfirmed(confirmation: Confirmation): void {
  if (confirmation.stale) {
    // Out of order or redelivered: the event said something else; the report is the truth.
    console.log(`stale webhook for ${confirmation.payoutId}: it said ${confirmation.eventStatus}, the status check says ${confirmation.status}`)
  }
  console.log(`payout ${confirmation.payoutId} confirmed ${confirmation.status} (amount ${confirmation.amount ?? '?'})`)
}

async function confirm(event: WebhookEvent): Promise<Confirmation> {
  const request = client.statusCheck(event.payoutId)
  const response = await fetch(request.url, { method: request.method, headers: request.headers })
  const report = parseStatusResponse(response.status, new Uint8Array(await response.arrayBuffer()))
  return confirmWebhook(event, report)
}

const app = express()

app.post('/webhooks/alexpay', express.raw({ type: '*/*', limit: '256kb' }), async (req: Request, res: Response) => {
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
  let event: WebhookEvent
  try {
    if (webhookSecret) {
      verifyWebhookSignature(webhookSecret, req.headers, body, Math.floor(Date.now() / 1000))
    }
    event = parseWebhook(body)
  } catch (e) {
    if (e instanceof AlexpayError && e.family === 'webhook') {
      res.status(400).json({ error: e.code }) // malformed or unsigned: do not retry
      return
    }
    throw e
  }
  try {
    applyConfirmed(await confirm(event))
    res.status(200).json({ received: true })
  } catch (e) {
    if (e instanceof AlexpayError && e.code === 'webhook_mismatch') {
      // The event names another payout than the status check, or another
      // amount (a differing status is `stale`, not an error): drop the hint.
      console.warn(`ignored webhook for ${event.payoutId}: ${e.message}`)
      res.status(200).json({ received: true, ignored: e.code })
      return
    }
    // Status check failed (network, 5xx): answer 503 so the webhook is sent again later.
    console.error(`could not confirm ${event.payoutId}: ${(e as Error).message}`)
    res.status(503).json({ error: 'retry later' })
  }
})

if (!baseUrl) {
  const sample = Buffer.from('{"payout_id":"PO_3b1f","status":"successful","amount":100}')
  const event = parseWebhook(sample)
  console.log('parsed sample webhook:', event)
  console.log('would confirm it with:', client.statusCheck(event.payoutId))
  console.log('ALEXPAY_BASE_URL is not set: not listening (start the sandbox with `make sandbox`).')
} else {
  const port = Number(process.env.PORT ?? 3000)
  app.listen(port, () => console.log(`listening on http://127.0.0.1:${port}/webhooks/alexpay`))
}
