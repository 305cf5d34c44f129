import { init, Client } from 'alexpay-wasm'
await init()
const client = new Client({ publicKey: 'pk_...', secretKey: 'sk_...', baseUrl: 'https://...' })
const payout = await client.sendMobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber: '+233 24 123 4561' }, { wait: true })
console.log(payout.payoutId, payout.status)
