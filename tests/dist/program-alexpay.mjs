// The same program as program.cjs, through `import` of the `alexpay` package.
import { Client, backend } from 'alexpay'
const { ALEXPAY_PUBLIC_KEY: publicKey, ALEXPAY_SECRET_KEY: secretKey, ALEXPAY_BASE_URL: baseUrl } = process.env
const client = new Client({ publicKey, secretKey, baseUrl })
const ok = await client.sendMobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber: '+233 24 123 4561' }, { wait: true })
console.log('payout', ok.payoutId, ok.status)
console.log('node', process.version, 'import alexpay', 'backend', backend)
if (ok.status !== 'succeeded') throw new Error('unexpected outcome')
