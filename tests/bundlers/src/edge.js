// A Vercel-style edge function: esbuild bundles it with the `edge-light`
// condition (the web build), and the host hands the .wasm over as bytes.
import { initSync, Client, backend } from 'alexpay-wasm'

initSync({ module: globalThis.ALEXPAY_WASM_BYTES })
addEventListener('fetch', (event) => {
  const client = new Client({ publicKey: 'pk_test', secretKey: 'sk_test', baseUrl: 'https://api.example.test' })
  event.respondWith(new Response(`${backend} ${client.statusCheck('PO_1').url}`))
})
