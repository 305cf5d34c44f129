'use strict'
// The examples run: each is transpiled (TypeScript's own transpiler; the
// type check is `tsc -p examples/tsconfig.json` in scripts/test-node.sh) and
// run without ALEXPAY_BASE_URL, where it builds its requests and prints them
// without sending. The secret key must not appear in what they print.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const ts = require('typescript')

const examples = path.resolve(__dirname, '..', 'examples')
const dist = path.join(examples, 'dist')
const SECRET = 'sk_test_EXAMPLE_secret_value'

const files = fs.readdirSync(examples).filter((f) => f.endsWith('.mts'))

test('there are examples', () => {
  assert.deepEqual(files.sort(), ['payout-fetch.mts', 'payout-undici.mts', 'webhook-express.mts'])
})

for (const file of files) {
  test(`${file} builds its requests without a base URL`, () => {
    fs.mkdirSync(dist, { recursive: true })
    const source = fs.readFileSync(path.join(examples, file), 'utf8')
    const out = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    const target = path.join(dist, file.replace(/\.mts$/, '.mjs'))
    fs.writeFileSync(target, out.outputText)
    const env = { ...process.env, ALEXPAY_PUBLIC_KEY: 'pk_test_example', ALEXPAY_SECRET_KEY: SECRET }
    delete env.ALEXPAY_BASE_URL
    for (const k of ['ALEXPAY_WEBHOOK_SECRET', 'ALEXPAY_AMOUNT', 'ALEXPAY_PHONE_NUMBER', 'ALEXPAY_COUNTRY_ID']) delete env[k]
    const run = spawnSync(process.execPath, [target], { env, encoding: 'utf8', timeout: 30_000 })
    assert.equal(run.status, 0, `exit ${run.status}\n${run.stdout}\n${run.stderr}`)
    assert.match(run.stdout, /\[REDACTED\]/)
    assert.match(run.stdout, /ALEXPAY_BASE_URL is not set/)
    assert.ok(!run.stdout.includes(SECRET) && !run.stderr.includes(SECRET), 'the secret key was printed')
  })
}
