'use strict'
// Keeps the curated index.d.ts in step with what napi-rs generates from the
// Rust structs (native.d.ts) and with what index.js exports at run time.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const curated = fs.readFileSync(path.join(root, 'index.d.ts'), 'utf8')
const generated = fs.readFileSync(path.join(root, 'native.d.ts'), 'utf8')
const native = require('../native.js')
const alexpay = require('alexpay')

/** `{ name: optional? }` of an `export interface Name { ... }` block. */
function fields(source, name) {
  const m = source.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))
  assert.ok(m, `interface ${name} not found`)
  const out = {}
  for (const line of m[1].split('\n')) {
    const f = line.match(/^\s*(\w+)(\??):/)
    if (f) out[f[1]] = f[2] === '?'
  }
  return out
}

for (const name of ['Payout', 'StatusReport', 'WebhookEvent', 'Confirmation', 'RetryDecision']) {
  test(`${name}: curated fields match the generated ones`, () => {
    assert.deepEqual(fields(curated, name), fields(generated, name))
  })
}

test('every runtime export is declared, and every declaration exported', () => {
  const declared = [...curated.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]).sort()
  assert.deepEqual(Object.keys(alexpay).sort(), declared)
})

test('ErrorCode lists exactly the core codes', () => {
  const block = curated.match(/export type ErrorCode =([\s\S]*?)\n\n/)[1]
  const declared = [...block.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort()
  assert.deepEqual(declared, [...native.errorCodes()].sort())
})
