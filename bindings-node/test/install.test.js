'use strict'
// `npm install <this folder>` into a fresh project, then `require('alexpay')`
// and an ESM `import` from that project both work (as a user installs it).

const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const pkg = path.resolve(__dirname, '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

test('npm install <folder> into a fresh project; require and import both work', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alexpay-consumer-'))
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', pkg], { cwd: dir, stdio: 'pipe' })
    const cjs = execFileSync(
      process.execPath,
      ['-e', "const a = require('alexpay'); const c = new a.Client({ publicKey: 'p', secretKey: 's', baseUrl: 'https://x.test' }); console.log(typeof a.AlexpayError, c.statusCheck('PO_1').url)"],
      { cwd: dir, encoding: 'utf8' },
    )
    assert.equal(cjs.trim(), 'function https://x.test/v1/payment/PO_1/check')
    fs.writeFileSync(
      path.join(dir, 'main.mjs'),
      "import alexpay, { AlexpayError, parseWebhook } from 'alexpay'\n" +
        "try { parseWebhook('nope') } catch (e) { console.log(e instanceof AlexpayError, e.code, typeof alexpay.Client) }\n",
    )
    const esm = execFileSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8' })
    assert.equal(esm.trim(), 'true webhook_malformed function')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
