'use strict'
// Keeps the curated index.d.ts in step with what napi-rs generates (native.d.ts)
// and with what the package exports at run time.

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

// Only RetryDecision still crosses the boundary as an object; the curated
// type is a union on `action`, each member with the generated fields.
test('RetryDecision: every member of the curated union has the generated fields', () => {
  const generatedFields = Object.keys(fields(generated, 'RetryDecision')).sort()
  const block = curated.match(/export type RetryDecision =([\s\S]*?)\n\n/)[1]
  const members = block.split(/\n {2}\| \{/).slice(1)
  assert.equal(members.length, 2)
  for (const m of members) {
    const keys = [...m.matchAll(/^\s*(\w+)\??:/gm)].map((x) => x[1]).sort()
    assert.deepEqual(keys, generatedFields)
  }
})

test('every runtime export is declared, and every declaration exported', () => {
  const declared = [...curated.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]).sort()
  assert.deepEqual(Object.keys(alexpay).sort(), declared)
})

test('ErrorCode lists exactly the core codes', () => {
  const block = curated.match(/export type ErrorCode =([\s\S]*?)\n\n/)[1]
  const declared = [...block.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort()
  assert.deepEqual(declared, [...native.errorCodes()].sort())
})
