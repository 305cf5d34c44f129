// Deno, as its users load the package: `npm:` from the registry (the test
// points NPM_CONFIG_REGISTRY at the local one), or a path (the test rewrites
// the specifier). The `deno` condition picks the web build: init() reads the
// .wasm beside it. A payout to its final status against the sandbox.
import { init, Client, backend } from 'npm:alexpay-wasm@0.1.0'

await init()
const env = (name) => Deno.env.get(name)
const client = new Client({ publicKey: env('ALEXPAY_PUBLIC_KEY'), secretKey: env('ALEXPAY_SECRET_KEY'), baseUrl: env('ALEXPAY_BASE_URL') })
const ok = await client.sendMobileMoneyPayout({ amount: 100, countryId: 'GH', phoneNumber: '+233 24 123 4561' }, { wait: true })
console.log('payout', ok.payoutId, ok.status)
console.log('deno', Deno.version.deno, 'backend', backend)
if (ok.status !== 'succeeded' || backend !== 'wasm') throw new Error('unexpected outcome')
