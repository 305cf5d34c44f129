// A Hono webhook receiver (a fetch Request: the same code runs on Workers,
// Deno, Bun and Node through @hono/node-server).
import { Hono } from 'hono'
import { AlexpayError, type Client, type WebhookResult } from 'alexpay'
import { MemoryStore, type DeliveryStore } from './dedup.mjs'

export function createApp(client: Client, onPayout: (r: WebhookResult) => void, secret?: string, seen: DeliveryStore = new MemoryStore()) {
  const app = new Hono()
  app.post('/webhooks/alexpay', async (c) => {
    try {
      const result = await client.handleWebhook(c.req.raw, { secret })
      if (seen.firstTime(result.webhookId)) onPayout(result) // result.status is the truth
      return c.body(null, 204)
    } catch (err) {
      if (!(err instanceof AlexpayError)) throw err
      return c.text(err.code, (err.receiverStatus ?? 500) as 400 | 401 | 500 | 503)
    }
  })
  return app
}
