// esbuild and Bun: the .wasm imported as a file (esbuild --loader:.wasm=file;
// Bun's default for .wasm), its URL handed to init.
import { init, Client, backend } from 'alexpay-wasm'
import wasmUrl from 'alexpay-wasm/alexpay_wasm_bg.wasm'

await init({ module_or_path: new URL(wasmUrl, import.meta.url) })
const client = new Client({ publicKey: 'pk_test', secretKey: 'sk_test', baseUrl: 'https://api.example.test' })
document.getElementById('result').textContent = `${backend} ${client.statusCheck('PO_1').url}`
