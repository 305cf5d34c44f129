import { Client } from 'alexpay'
const { ALEXPAY_PUBLIC_KEY: publicKey = '', ALEXPAY_SECRET_KEY: secretKey = '', ALEXPAY_BASE_URL: baseUrl = '' } = process.env
const client = new Client({ publicKey, secretKey, baseUrl })
const payout = await client.sendMobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber: '+233 24 123 4561' }, { wait: true })
console.log(payout.payoutId, payout.status)
