// The page every recipe bundles: load the module, make one call, show it.
import { init, Client, backend } from 'alexpay-wasm'

await init()
const client = new Client({ publicKey: 'pk_test', secretKey: 'sk_test', baseUrl: 'https://api.example.test' })
document.getElementById('result').textContent = `${backend} ${client.statusCheck('PO_1').url}`
