// What a user runs after `npm install alexpay-wasm`: the README's quickstart
// shape (init, then a payout to its final status) through `import`.
import { init, Client, backend } from 'alexpay-wasm'
await init()
const { ALEXPAY_PUBLIC_KEY: publicKey, ALEXPAY_SECRET_KEY: secretKey, ALEXPAY_BASE_URL: baseUrl } = process.env
const client = new Client({ publicKey, secretKey, baseUrl })
const ok = await client.sendMobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber: '+233 24 123 4561' }, { wait: true })
console.log('payout', ok.payoutId, ok.status)
console.log('node', process.version, 'import alexpay-wasm', 'backend', backend)
if (ok.status !== 'succeeded' || backend !== 'wasm') throw new Error('unexpected outcome')
