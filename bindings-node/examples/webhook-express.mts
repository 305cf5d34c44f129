// An Express webhook receiver: the RAW body (express.raw, never express.json),
// verified when a secret is set, confirmed by a status check. Answers 2xx for
// fresh, stale and duplicate events, 4xx for forged or malformed ones, 5xx
// when the status check failed (the sender delivers again).
import express from 'express'
import { AlexpayError, type Client, type WebhookResult } from 'alexpay'
import { MemoryStore, type DeliveryStore } from './dedup.mjs'

export function createApp(client: Client, onPayout: (r: WebhookResult) => void, secret?: string, seen: DeliveryStore = new MemoryStore()) {
  const app = express()
  app.post('/webhooks/alexpay', express.raw({ type: '*/*' }), async (req, res) => {
    try {
      const result = await client.handleWebhook({ body: req.body, headers: req.headers }, { secret })
      if (seen.firstTime(result.webhookId)) onPayout(result) // result.status is the truth
      res.status(204).end()
    } catch (err) {
      if (!(err instanceof AlexpayError)) throw err
      res.status(err.receiverStatus ?? 500).send(err.code)
    }
  })
  return app
}
