// A Cloudflare Worker: wrangler bundles the `workerd` condition (the web
// build) and turns the .wasm import into a WebAssembly.Module.
import { initSync, Client, backend } from 'alexpay-wasm'
import wasm from 'alexpay-wasm/alexpay_wasm_bg.wasm'

initSync({ module: wasm })

export default {
  fetch() {
    const client = new Client({ publicKey: 'pk_test', secretKey: 'sk_test', baseUrl: 'https://api.example.test' })
    return new Response(`${backend} ${client.statusCheck('PO_1').url}`)
  },
}
