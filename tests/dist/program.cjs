'use strict'
// What a user runs after `npm install alexpay` (or alexpay-wasm, the package
// named by ALEXPAY_PROGRAM_PACKAGE): a payout to its final status against the
// sandbox, then one that fails with the sandbox's reason.
const pkg = process.env.ALEXPAY_PROGRAM_PACKAGE || 'alexpay'
const { Client, backend } = require(pkg)
const { ALEXPAY_PUBLIC_KEY: publicKey, ALEXPAY_SECRET_KEY: secretKey, ALEXPAY_BASE_URL: baseUrl } = process.env

async function main() {
  const client = new Client({ publicKey, secretKey, baseUrl })
  const ok = await client.sendMobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber: '+233 24 123 4561' }, { wait: true })
  const bad = await client.sendMobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber: '+233 24 123 4569' }, { wait: true })
  console.log('payout', ok.payoutId, ok.status)
  console.log('payout', bad.payoutId, bad.status, bad.message)
  console.log('node', process.version, 'require', pkg, 'backend', backend)
  if (ok.status !== 'succeeded' || bad.status !== 'failed' || bad.message !== 'invalid number') throw new Error('unexpected outcome')
}
main().catch((e) => { console.error(e); process.exit(1) })
