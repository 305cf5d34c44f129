// Starts the real sandbox binary on a free loopback port and a real Express
// webhook receiver, for the Node and wasm end-to-end suites.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import express from 'express'

export const WEBHOOK_SECRET = 'whsec_ZTJlLXNhbmRib3gtc2lnbmluZy1rZXktMDEyMzQ1Ng=='

export async function startSandbox() {
  const bin = process.env.ALEXPAY_SANDBOX_BIN ?? 'target/debug/alexpay-sandbox'
  const proc = spawn(bin, ['--port', '0', '--delay-ms', '300', '--webhook-secret', WEBHOOK_SECRET,
    '--webhook-retry-base-ms', '50', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: proc.stdout })
  const env = {}
  for await (const line of lines) {
    const [k, v] = line.split('=', 2)
    env[k] = v
    if (Object.keys(env).length === 4) break
  }
  const base = env.ALEXPAY_SANDBOX_URL
  return {
    baseUrl: base,
    publicKey: env.ALEXPAY_PUBLIC_KEY,
    secretKey: env.ALEXPAY_SECRET_KEY,
    ledger: async () => (await (await fetch(`${base}/_sandbox/ledger`)).json()).payouts,
    fault: async (spec) => {
      const r = await fetch(`${base}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(spec) })
      if (!r.ok) throw new Error(`fault refused: ${await r.text()}`)
    },
    reset: async () => {
      const r = await fetch(`${base}/_sandbox/reset`, { method: 'POST' })
      if (!r.ok) throw new Error(`reset refused: ${await r.text()}`)
    },
    stop: () => new Promise((resolve) => { proc.once('exit', resolve); proc.kill('SIGTERM') }),
  }
}

/** An Express receiver that verifies, parses and records every webhook. */
export async function startReceiver(sdk) {
  const state = { events: [], seen: new Set(), failFirst: 0, refused: 0 }
  const app = express()
  // The raw body: a parsed-and-re-serialised object would break the signature.
  app.post('/hooks/alexpay', express.raw({ type: '*/*' }), (req, res) => {
    if (state.refused < state.failFirst) {
      state.refused += 1
      return res.status(503).send('try again later')
    }
    sdk.verifyWebhookSignature(WEBHOOK_SECRET, req.headers, req.body, Math.floor(Date.now() / 1000))
    const event = sdk.parseWebhook(req.body)
    if (!state.seen.has(req.headers['webhook-id'])) {
      state.seen.add(req.headers['webhook-id'])
      state.events.push(event)
    }
    res.status(204).end()
  })
  const server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)) })
  state.url = `http://127.0.0.1:${server.address().port}/hooks/alexpay`
  state.waitFor = async (payoutId, status, timeoutMs = 15000) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = state.events.find((e) => e.payoutId === payoutId && e.status === status)
      if (found) return found
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`no ${status} webhook for ${payoutId} within ${timeoutMs} ms`)
  }
  state.stop = () => new Promise((resolve) => server.close(resolve))
  return state
}
