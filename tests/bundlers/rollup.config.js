// Rollup: resolve the browser (web) build, and put the .wasm beside the
// bundle, where init() looks by default (new URL(..., import.meta.url)).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { nodeResolve } from '@rollup/plugin-node-resolve'

const wasm = createRequire(import.meta.url).resolve('alexpay-wasm/alexpay_wasm_bg.wasm')
const copyWasm = {
  name: 'alexpay-wasm',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'alexpay_wasm_bg.wasm', source: readFileSync(wasm) })
  },
}

export default {
  input: 'src/app.js',
  output: { dir: 'out/rollup', format: 'es' },
  plugins: [nodeResolve({ browser: true }), copyWasm],
}
