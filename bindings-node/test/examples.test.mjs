// The examples, run for real against the sandbox binary (built by
// `cargo test --workspace`; $ALEXPAY_SANDBOX_BIN overrides the path): the
// README quickstart, the undici payout, and the Express, Hono and Fastify
// receivers while the sandbox delivers signed webhooks to them. Each .mts is
// transpiled with TypeScript's own transpiler (the type check is tsc in
// scripts/test-node.sh).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { spawn, spawnSync } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createRequire } from 'node:module'
import ts from 'typescript'

const require = createRequire(import.meta.url)
const sdk = require('alexpay')
const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const examples = path.join(root, 'examples')
const dist = path.join(examples, 'dist')
const SECRET = 'whsec_ZTJlLXNhbmRib3gtc2lnbmluZy1rZXktMDEyMzQ1Ng=='

function transpile(file, edit = (s) => s) {
  fs.mkdirSync(dist, { recursive: true })
  const source = edit(fs.readFileSync(path.join(examples, file), 'utf8'))
  const out = ts.transpileModule(source, { fileName: file, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
  const target = path.join(dist, file.replace(/\.mts$/, '.mjs'))
  fs.writeFileSync(target, out.outputText)
  return target
}

async function startSandbox() {
  const bin = process.env.ALEXPAY_SANDBOX_BIN || path.resolve(root, '..', 'target', 'debug', 'alexpay-sandbox')
  assert.ok(fs.existsSync(bin), `the sandbox is not built at ${bin}: run cargo build -p alexpay-sandbox`)
  const proc = spawn(bin, ['--port', '0', '--delay-ms', '200', '--webhook-secret', SECRET, '--webhook-retry-base-ms', '50', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const env = {}
  for await (const line of createInterface({ input: proc.stdout })) {
    const [k, v] = line.split('=', 2)
    env[k] = v
    if (Object.keys(env).length === 4) break
  }
  const base = env.ALEXPAY_SANDBOX_URL
  return {
    env: { ALEXPAY_BASE_URL: base, ALEXPAY_PUBLIC_KEY: env.ALEXPAY_PUBLIC_KEY, ALEXPAY_SECRET_KEY: env.ALEXPAY_SECRET_KEY },
    keys: { publicKey: env.ALEXPAY_PUBLIC_KEY, secretKey: env.ALEXPAY_SECRET_KEY, baseUrl: base },
    base,
    control: async (method, p, body) => fetch(`${base}/_sandbox/${p}`, { method, body: body && JSON.stringify(body) }),
    stop: () => new Promise((resolve) => { proc.once('exit', resolve); proc.kill('SIGTERM') }),
  }
}

let sandbox
before(async () => { sandbox = await startSandbox() })
after(() => sandbox.stop())

const run = (file, env) => spawnSync(process.execPath, [file], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 })

test('the README quickstart is the example, and runs to a final status', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  const block = readme.match(/```js\n(import \{ Client \} from 'alexpay'[\s\S]*?)```/)
  assert.ok(block, 'README has the quickstart')
  assert.equal(block[1], fs.readFileSync(path.join(examples, 'quickstart.mts'), 'utf8'))
  // Run as printed: its number ends in 1, which the sandbox lets succeed (7 would stay processing forever).
  const file = transpile('quickstart.mts')
  const done = run(file, sandbox.env)
  assert.equal(done.status, 0, done.stderr)
  const [id, status] = done.stdout.trim().split(' ')
  assert.ok(id)
  assert.equal(status, 'succeeded')
})

test('the undici payout example', () => {
  const done = run(transpile('payout-undici.mts'), sandbox.env)
  assert.equal(done.status, 0, done.stderr)
  assert.match(done.stdout, / succeeded/)
  assert.ok(!(done.stdout + done.stderr).includes(sandbox.env.ALEXPAY_SECRET_KEY))
})

async function serve(kind, app) {
  if (kind === 'hono') {
    const { serve: honoServe } = await import('@hono/node-server')
    const server = await new Promise((resolve) => { const s = honoServe({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s)) })
    return { url: `http://127.0.0.1:${server.address().port}/webhooks/alexpay`, stop: () => new Promise((r) => server.close(r)) }
  }
  if (kind === 'fastify') {
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    return { url: `${address}/webhooks/alexpay`, stop: () => app.close() }
  }
  const server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)) })
  return { url: `http://127.0.0.1:${server.address().port}/webhooks/alexpay`, stop: () => new Promise((r) => server.close(r)) }
}

function signed(body, id, secret = SECRET) {
  const now = Math.floor(Date.now() / 1000)
  return { 'webhook-id': id, 'webhook-timestamp': String(now), 'webhook-signature': sdk.signWebhook(secret, id, now, body), 'content-type': 'application/json' }
}

async function until(pred, ms = 15000) {
  const deadline = Date.now() + ms
  while (!pred()) {
    assert.ok(Date.now() < deadline, 'timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

for (const kind of ['express', 'hono', 'fastify']) {
  describe(`the ${kind} receiver against the sandbox`, () => {
    test('fresh, stale, duplicate, forged, malformed, and a failing status check', async () => {
      await sandbox.control('POST', 'reset')
      const handled = []
      transpile('dedup.mts')
      const { createApp } = await import(pathToFileURL(transpile(`webhook-${kind}.mts`)).href)
      const client = new sdk.Client(sandbox.keys)
      const server = await serve(kind, createApp(client, (r) => handled.push(r), SECRET))
      try {
        const payout = await client.sendMobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber: '0241234561', webhookUrl: server.url })
        await until(() => handled.some((r) => r.status === 'succeeded' && !r.stale))
        assert.deepEqual([...new Set(handled.map((r) => r.payoutId))], [payout.payoutId])
        // The receiver records an event before its 204 reaches the sandbox:
        // wait until the sandbox has seen every answer, then check them.
        let deliveries = []
        const deadline = Date.now() + 15000
        for (;;) {
          deliveries = (await (await sandbox.control('GET', 'webhooks')).json()).deliveries
          if (deliveries.length > 0 && deliveries.every((d) => d.state !== 'pending')) break
          assert.ok(Date.now() < deadline, `deliveries still pending: ${JSON.stringify(deliveries)}`)
          await new Promise((r) => setTimeout(r, 50))
        }
        assert.ok(deliveries.every((d) => d.state === 'delivered' && d.attempts === 1), JSON.stringify(deliveries))

        const stale = JSON.stringify({ payout_id: payout.payoutId, status: 'processing' })
        const post = (body, headers) => fetch(server.url, { method: 'POST', body, headers })
        assert.equal((await post(stale, signed(stale, 'msg_stale'))).status, 204)
        assert.equal(handled.at(-1).stale, true)
        assert.equal(handled.at(-1).status, 'succeeded')
        const count = handled.length
        assert.equal((await post(stale, signed(stale, 'msg_stale'))).status, 204, 'a duplicate is 2xx')
        assert.equal(handled.length, count, 'and handled once')
        const forged = await post(stale, signed(stale, 'msg_f', 'whsec_QUFBQUFBQUFBQUFBQUFBQQ=='))
        assert.equal(forged.status, 401)
        assert.equal(await forged.text(), 'webhook_signature_invalid')
        assert.equal((await post('not json', signed('not json', 'msg_g'))).status, 400)
        await sandbox.control('POST', 'faults', { fault: 'http_error', status: 503, route: 'status' })
        assert.equal((await post(stale, signed(stale, 'msg_503'))).status, 503)
      } finally {
        await sandbox.control('DELETE', 'faults')
        await server.stop()
      }
    })
  })
}

test('each receiver handler is at most 15 lines', () => {
  for (const kind of ['express', 'hono', 'fastify']) {
    const lines = fs.readFileSync(path.join(examples, `webhook-${kind}.mts`), 'utf8').split('\n')
    const start = lines.findIndex((l) => l.includes("'/webhooks/alexpay'"))
    const end = lines.findIndex((l, i) => i > start && /^ {2}\}\)/.test(l))
    assert.ok(start > 0 && end > start && end - start + 1 <= 15, `${kind}: ${end - start + 1} lines`)
  }
})
