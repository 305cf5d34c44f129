// Vite (dev server and build): keep alexpay-wasm out of the dependency
// pre-bundling, so `new URL('alexpay_wasm_bg.wasm', import.meta.url)` in its
// web build still points at the .wasm (the build emits it as an asset); the
// page uses top-level await, so the build targets es2022.
import { defineConfig } from 'vite'

export default defineConfig({
  optimizeDeps: { exclude: ['alexpay-wasm'] },
  build: { target: 'es2022', outDir: 'out/vite', emptyOutDir: true },
})
