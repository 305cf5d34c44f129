// A Fastify webhook receiver: the body kept as raw bytes (a buffer parser for
// every content type), then handled like every other receiver.
import Fastify from 'fastify'
import { AlexpayError, type Client, type WebhookResult } from 'alexpay'
import { MemoryStore, type DeliveryStore } from './dedup.mjs'

export function createApp(client: Client, onPayout: (r: WebhookResult) => void, secret?: string, seen: DeliveryStore = new MemoryStore()) {
  const app = Fastify()
  app.removeAllContentTypeParsers() // the JSON parser would lose the exact bytes
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
  app.post('/webhooks/alexpay', async (req, reply) => {
    try {
      const result = await client.handleWebhook({ body: req.body as Buffer, headers: req.headers }, { secret })
      if (seen.firstTime(result.webhookId)) onPayout(result) // result.status is the truth
      return reply.code(204).send()
    } catch (err) {
      if (!(err instanceof AlexpayError)) throw err
      return reply.code(err.receiverStatus ?? 500).send(err.code)
    }
  })
  return app
}
