// The one-call drivers of the WebAssembly SDK (its Node entry) end to end,
// over global fetch and undici's fetch: the same scenarios as the napi one.
import { createRequire } from 'node:module'
import { fetch as undiciFetch } from 'undici'
import { runDriverScenarios } from './drivers.mjs'

const require = createRequire(import.meta.url)
const sdk = require('../../../bindings-wasm/entry/node.cjs')
runDriverScenarios('alexpay-wasm', sdk, 'global fetch', globalThis.fetch)
runDriverScenarios('alexpay-wasm', sdk, 'undici fetch', undiciFetch)

// The README's browser/edge quickstart, run in Deno (the web entry, default
// init()) against the sandbox.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSandbox } from './harness.mjs'

test('the alexpay-wasm README quickstart runs in Deno against the sandbox', async () => {
  const wasm = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bindings-wasm')
  const source = readFileSync(path.join(wasm, 'examples', 'quickstart.mts'), 'utf8')
  const readme = readFileSync(path.join(wasm, 'README.md'), 'utf8')
  assert.ok(readme.includes('```js\n' + source + '```'), 'the README shows the quickstart as it is')
  const sandbox = await startSandbox()
  try {
    const values = {
      "'alexpay-wasm'": JSON.stringify(path.join(wasm, 'entry', 'web.mjs')),
      'pk_...': sandbox.publicKey,
      'sk_...': sandbox.secretKey,
      'https://...': sandbox.baseUrl,
    }
    let program = source
    for (const [k, v] of Object.entries(values)) {
      assert.ok(program.includes(k), k)
      program = program.replace(k, v)
    }
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'alexpay-qs-')), 'quickstart.mjs')
    writeFileSync(file, program)
    const deno = path.join(wasm, 'node_modules', '.bin', 'deno')
    const out = execFileSync(deno, ['run', '--allow-read', '--allow-net=127.0.0.1', file], { encoding: 'utf8', env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' } })
    const [id, status] = out.trim().split(' ')
    assert.ok(id)
    assert.equal(status, 'succeeded')
  } finally {
    await sandbox.stop()
  }
})
