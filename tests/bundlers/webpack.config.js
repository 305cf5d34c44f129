// webpack 5: nothing to configure for the .wasm. The `browser` condition
// picks the web build, whose `new URL('alexpay_wasm_bg.wasm',
// import.meta.url)` webpack emits as an asset; top-level await is on by
// default since webpack 5.83.
import path from 'node:path'

export default {
  mode: 'production',
  entry: './src/app.js',
  output: { path: path.resolve('out/webpack'), filename: 'app.js', clean: true },
}
